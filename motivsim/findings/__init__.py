"""Design mistakes beyond the three principles, each with a location and a fix (``lint``).

:mod:`~motivsim.findings.finding` holds the one :class:`Finding` type; the detectors are
:mod:`~motivsim.findings.static` (read the formulas' syntax trees),
:mod:`~motivsim.findings.brackets` (brackets written as conditions) and
:mod:`~motivsim.findings.scan` (sample pay along each controllable KPI);
:func:`lint` merges them, :func:`find_issues` runs the scan alone (``check`` shows its warnings).
"""

from __future__ import annotations

from motivsim.findings.finding import Finding
from motivsim.findings.scan import find_issues
from motivsim.findings.static import LintFinding, LintReport, lint

__all__ = ["Finding", "LintFinding", "LintReport", "find_issues", "lint"]
