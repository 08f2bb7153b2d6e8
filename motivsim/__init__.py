"""motivsim: design a sales pay scheme, prove it follows sound rules, simulate what it costs.

The public API::

    scheme = motivsim.load("scheme.toml")        # or motivsim.loads(text)
    scheme.pay({"revenue": 1.2e6})               # float; arrays give arrays
    print(scheme.explain({"revenue": 1.2e6}))    # a pay statement, rounded to cents
    report = motivsim.check(scheme, seed=7)      # the three principles, with figures
    result = motivsim.simulate(scheme, runs=100_000, periods=12, seed=7)  # what it costs
    change = motivsim.compare("old.toml", "new.toml", max_cut=0.05)  # who loses from a change
    found = motivsim.lint(scheme)                # design mistakes, each with a fix

Names are imported on first use (PEP 562), so ``import motivsim`` and the command line load
only the stages they need.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING

from motivsim._version import __version__
from motivsim.errors import (
    ArgumentError,
    ArgumentTypeError,
    EvaluationError,
    FormulaError,
    Location,
    MotivsimError,
    SchemeError,
)

if _TYPE_CHECKING:
    from motivsim.checks import CheckReport, CheckResult, check
    from motivsim.checks.sobol import Index, SobolResult, sobol_indices
    from motivsim.comparison import ComparisonResult, PayCut, compare
    from motivsim.comparison.fitcheck import fit
    from motivsim.findings import Finding, LintFinding, LintReport, find_issues, lint
    from motivsim.history import FitResult, ReplayResult, replay
    from motivsim.scheme import (
        Kpi,
        Principles,
        Scheme,
        Statement,
        StatementLine,
        Step,
        as_scheme,
        load,
        loads,
    )
    from motivsim.simulation import SimulationResult, simulate
    from motivsim.tuning import TuneResult, tune

    Report = CheckReport

#: Public name -> the module that defines it (imported when the name is first used).
_LAZY: dict[str, str] = {
    "CheckReport": "motivsim.checks",
    "CheckResult": "motivsim.checks",
    "Report": "motivsim.checks",
    "check": "motivsim.checks",
    "Index": "motivsim.checks.sobol",
    "SobolResult": "motivsim.checks.sobol",
    "sobol_indices": "motivsim.checks.sobol",
    "ComparisonResult": "motivsim.comparison",
    "PayCut": "motivsim.comparison",
    "compare": "motivsim.comparison",
    "Finding": "motivsim.findings",
    "LintFinding": "motivsim.findings",
    "LintReport": "motivsim.findings",
    "find_issues": "motivsim.findings",
    "lint": "motivsim.findings",
    "ReplayResult": "motivsim.history",
    "replay": "motivsim.history",
    "FitResult": "motivsim.history",
    "fit": "motivsim.comparison.fitcheck",
    "Kpi": "motivsim.scheme",
    "Principles": "motivsim.scheme",
    "Scheme": "motivsim.scheme",
    "Statement": "motivsim.scheme",
    "StatementLine": "motivsim.scheme",
    "Step": "motivsim.scheme",
    "as_scheme": "motivsim.scheme",
    "load": "motivsim.scheme",
    "loads": "motivsim.scheme",
    "SimulationResult": "motivsim.simulation",
    "simulate": "motivsim.simulation",
    "TuneResult": "motivsim.tuning",
    "tune": "motivsim.tuning",
}

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "CheckReport",
    "CheckResult",
    "ComparisonResult",
    "EvaluationError",
    "Finding",
    "FitResult",
    "FormulaError",
    "Index",
    "Kpi",
    "LintFinding",
    "LintReport",
    "Location",
    "MotivsimError",
    "PayCut",
    "Principles",
    "ReplayResult",
    "Report",
    "Scheme",
    "SchemeError",
    "SimulationResult",
    "SobolResult",
    "Statement",
    "StatementLine",
    "Step",
    "TuneResult",
    "__version__",
    "as_scheme",
    "check",
    "compare",
    "find_issues",
    "fit",
    "lint",
    "load",
    "loads",
    "replay",
    "simulate",
    "sobol_indices",
    "tune",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'motivsim' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
