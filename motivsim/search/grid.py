"""One realistic range per KPI and one grid over it (the scan behind ``lint``, the plan level
of ``check``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["GRID", "kpi_grid", "scan_range"]

FloatArray = npt.NDArray[np.float64]

#: Grid points along a continuous KPI's range; whole-number KPIs use every integer up to 4x this.
GRID: Final = 257


def scan_range(scheme: Scheme, name: str) -> tuple[float | None, float | None]:
    """Where KPI ``name`` realistically lies: its distribution's 0.1% to 99.9% quantiles, else
    its ``min``/``max``, else 0 to twice its typical value (``None`` ends when unknown)."""
    kpi = scheme.kpis[name]
    if kpi.distribution is not None:
        q = kpi.distribution.ppf(np.array([0.001, 0.999]))
        return float(q[0]), float(q[1])
    typical = kpi.typical_value()
    lo = kpi.min if kpi.min is not None else (0.0 if typical is not None else None)
    hi = kpi.max if kpi.max is not None else (2 * typical if typical else None)
    return lo, hi


def kpi_grid(lo: float, hi: float, discrete: bool, points: int = GRID) -> FloatArray:
    """``points`` values from ``lo`` to ``hi``; every whole number between them for a
    whole-number KPI with few enough of them."""
    if discrete:
        first, last = np.ceil(lo), np.floor(hi)
        if last - first + 1 <= 4 * points:
            return np.arange(first, last + 1, dtype=np.float64)
        return np.unique(np.round(np.linspace(first, last, points)))
    return np.linspace(lo, hi, points)
