"""Pictures of a scheme: pay curves, pay distributions, and the data behind each of them.

Two layers: ``*_data`` functions compute plain numbers (frozen dataclasses, no matplotlib), and
the drawing functions turn them into matplotlib pictures, returning the matplotlib objects so a
notebook can change or show them. matplotlib is an optional extra:
``pip install 'motivsim[plot]'``; without it the drawing functions raise
:class:`MissingDependencyError` with that command.

Examples
--------
>>> import motivsim, motivsim.reporting.plot
>>> scheme = motivsim.load("schemes/dealership.toml")  # doctest: +SKIP
>>> motivsim.reporting.plot.pay_curve(scheme).figure.savefig("curve.png")  # doctest: +SKIP
"""

from __future__ import annotations

from motivsim.reporting.plot._mpl import INSTALL_COMMAND, MissingDependencyError, require_matplotlib
from motivsim.reporting.plot.curve import (
    CurveData,
    GroupPay,
    Region,
    curve_data,
    default_kpi,
    group_pay,
    typical_values,
)
from motivsim.reporting.plot.curves import (
    compare_curves,
    compare_data,
    draw_compare,
    draw_curve,
    draw_team_curves,
    pay_curve,
    team_height,
)
from motivsim.reporting.plot.distribution import (
    AmountDistribution,
    DistributionData,
    distribution_data,
    draw_distribution,
    pay_distribution,
)
from motivsim.reporting.plot.markers import Marker
from motivsim.reporting.plot.segments import (
    Band,
    TeamCurves,
    VariantCurve,
    pay_curves_data,
    team_curve_data,
)

__all__ = [
    "INSTALL_COMMAND",
    "AmountDistribution",
    "Band",
    "CurveData",
    "DistributionData",
    "GroupPay",
    "Marker",
    "MissingDependencyError",
    "Region",
    "TeamCurves",
    "VariantCurve",
    "compare_curves",
    "compare_data",
    "curve_data",
    "default_kpi",
    "distribution_data",
    "draw_compare",
    "draw_curve",
    "draw_distribution",
    "draw_team_curves",
    "group_pay",
    "pay_curve",
    "pay_curves_data",
    "pay_distribution",
    "require_matplotlib",
    "team_curve_data",
    "team_height",
    "typical_values",
]
