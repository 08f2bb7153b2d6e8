"""Design mistakes beyond the three principles, each with a location and a fix (``lint``).

:mod:`~motivsim.findings.finding` holds the one :class:`Finding` type; the detectors are
:mod:`~motivsim.findings.static` (read the formulas' syntax trees),
:mod:`~motivsim.findings.brackets` (brackets written as conditions) and
:mod:`~motivsim.findings.scan` (sample pay along each controllable KPI);
:func:`lint` merges them, :func:`find_issues` runs the scan alone (``check`` shows its warnings).

Names are imported on first use (PEP 562): ``check`` needs only the scan, so it loads neither
the static detectors nor the bracket reader.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING

if _TYPE_CHECKING:
    from motivsim.findings.finding import Finding
    from motivsim.findings.scan import find_issues
    from motivsim.findings.static import LintFinding, LintReport, lint

__all__ = ["Finding", "LintFinding", "LintReport", "find_issues", "lint"]

#: Public name -> the module that defines it (imported when the name is first used).
_LAZY: dict[str, str] = {
    "Finding": "motivsim.findings.finding",
    "find_issues": "motivsim.findings.scan",
    "LintFinding": "motivsim.findings.static",
    "LintReport": "motivsim.findings.static",
    "lint": "motivsim.findings.static",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'motivsim.findings' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
