"""A scheme file read into a validated, immutable :class:`Scheme`, and the pay it computes.

The stage's modules, in data-flow order: :mod:`~motivsim.scheme.source` (read the TOML file,
remember where every key stands), :mod:`~motivsim.scheme.load` (check every rule of the format
and build the scheme), :mod:`~motivsim.scheme.model` (the :class:`Scheme` and how it computes
pay), :mod:`~motivsim.scheme.team` (``[team]`` and ``[correlation]``),
:mod:`~motivsim.scheme.money` (cents and the rounding rule), :mod:`~motivsim.scheme.language`
and :mod:`~motivsim.scheme.statement` (the pay statement a manager reads).
"""

from __future__ import annotations

from motivsim.scheme.load import as_scheme, load, loads
from motivsim.scheme.model import Kpi, Principles, Scheme, Step
from motivsim.scheme.statement import Statement, StatementLine
from motivsim.scheme.team import Correlation, Segment, Team

__all__ = [
    "Correlation",
    "Kpi",
    "Principles",
    "Scheme",
    "Segment",
    "Statement",
    "StatementLine",
    "Step",
    "Team",
    "as_scheme",
    "load",
    "loads",
]
