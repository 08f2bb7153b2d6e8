"""motivsim: design a sales pay scheme, prove it follows sound rules, simulate what it costs.

The public API::

    scheme = motivsim.load("scheme.toml")        # or motivsim.loads(text)
    scheme.pay({"revenue": 1.2e6})               # float; arrays give arrays
    print(scheme.explain({"revenue": 1.2e6}))    # a pay statement, rounded to cents
    report = motivsim.check(scheme, seed=7)      # the three principles, with figures
    result = motivsim.simulate(scheme, runs=100_000, periods=12, seed=7)  # what it costs
    change = motivsim.compare("old.toml", "new.toml", max_cut=0.05)  # who loses from a change
"""

from __future__ import annotations

from motivsim.checks import CheckResult, Report, check
from motivsim.comparison import ComparisonResult, compare
from motivsim.errors import (
    ArgumentError,
    EvaluationError,
    FormulaError,
    Location,
    MotivsimError,
    SchemeError,
)
from motivsim.loader import load, loads
from motivsim.scheme import Kpi, Principles, Scheme, Step
from motivsim.sensitivity import Index, SobolResult, sobol_indices
from motivsim.simulation import SimulationResult, simulate
from motivsim.statement import Statement, StatementLine

__version__ = "0.1.0"

__all__ = [
    "ArgumentError",
    "CheckResult",
    "ComparisonResult",
    "EvaluationError",
    "FormulaError",
    "Index",
    "Kpi",
    "Location",
    "MotivsimError",
    "Principles",
    "Report",
    "Scheme",
    "SchemeError",
    "SimulationResult",
    "SobolResult",
    "Statement",
    "StatementLine",
    "Step",
    "__version__",
    "check",
    "compare",
    "load",
    "loads",
    "simulate",
    "sobol_indices",
]
