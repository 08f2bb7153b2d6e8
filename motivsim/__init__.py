"""motivsim: design a sales pay scheme, prove it follows sound rules, simulate what it costs.

The public API::

    scheme = motivsim.load("scheme.toml")        # or motivsim.loads(text)
    scheme.pay({"revenue": 1.2e6})               # float; arrays give arrays
    print(scheme.explain({"revenue": 1.2e6}))    # a pay statement, rounded to cents
"""

from __future__ import annotations

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
from motivsim.statement import Statement, StatementLine

__version__ = "0.1.0"

__all__ = [
    "ArgumentError",
    "EvaluationError",
    "FormulaError",
    "Index",
    "Kpi",
    "Location",
    "MotivsimError",
    "Principles",
    "Scheme",
    "SchemeError",
    "SobolResult",
    "Statement",
    "StatementLine",
    "Step",
    "__version__",
    "load",
    "loads",
    "sobol_indices",
]
