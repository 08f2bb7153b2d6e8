"""Design mistakes beyond the three principles: the one :class:`Finding` type; sampled codes.

:class:`Finding` is what ``lint`` reports (static and sampled findings) and what ``check`` shows
as warnings. The sampled findings come from a scan: for each controllable KPI ``k`` that pay
depends on, :func:`~motivsim.findings.scan.find_issues` draws base points (the other KPIs from
their distributions, tied by ``[correlation]`` when it correlates them, or at their typical
values), moves ``k`` across its realistic range (:func:`motivsim.search.grid.realistic_range`) on a
grid, and looks at how pay moves:

==========================  ====================================================================
code                        what it means
==========================  ====================================================================
``pay-decreases``           pay falls somewhere as ``k`` rises, although it rises elsewhere
                            (a KPI along which pay only ever falls is taken as a deliberate
                            "lower is better" measure, such as returns, and not reported)
``cliff``                   a jump in pay worth at least :data:`CLIFF_SHARE` of typical pay at
                            one value of ``k`` (confirmed by bisection: a true discontinuity),
                            or over one unit of a whole-number KPI
``cap``                     pay rises with ``k`` and then stops rising, while at least
                            :data:`CAP_MIN_SHARE` of periods go past that point
``payout-above-revenue``    (for the scheme's ``revenue_kpi``) one more unit of revenue raises
                            pay by more than that unit
``negative-pay``            pay below 0 at some sampled point
``not-finite``              pay cannot be computed at some sampled point
``not-scanned``             (info) a KPI has neither a distribution nor a typical value
==========================  ====================================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import Any, Final, Literal

from motivsim.errors import ArgumentError, Location
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, words

__all__ = [
    "CAP_MIN_SHARE",
    "CLIFF_SHARE",
    "DEFAULT_SAMPLES",
    "MAX_SAMPLES",
    "SEVERITY_ORDER",
    "Finding",
    "LintFinding",
    "Severity",
]

Severity = Literal["error", "warning", "info"]
#: The severities, most serious first (the order ``lint`` sorts findings in).
SEVERITY_ORDER: Final[Mapping[str, int]] = FrozenMap({"error": 0, "warning": 1, "info": 2})

#: A jump in pay at least this share of typical (median) pay is a cliff.
CLIFF_SHARE: Final = 0.10
#: A cap is reported when at least this share of sampled periods go past it.
CAP_MIN_SHARE: Final = 0.01
#: Base points (draws of the other KPIs) per scanned KPI.
DEFAULT_SAMPLES: Final = 256
#: Most base points per scanned KPI (``lint --samples``): time and memory grow with them, about
#: 15 s and 0.5 GB at the limit for a scheme of a few KPIs.
MAX_SAMPLES: Final = 10_000


@dataclass(frozen=True, slots=True)
class Finding:
    """One design mistake: a code, a severity, a message with figures, and a fix.

    The one finding type of ``lint`` (static and sampled findings) and of ``check``'s warnings.
    ``severity`` is ``"error"``, ``"warning"`` or ``"info"`` (the scan behind ``check`` reports
    warnings and infos; ``lint`` raises some of them to errors). The fields after ``fix`` are
    keyword-only: ``step`` names the formula step the problem comes from, ``kpi`` the KPI
    scanned, ``location`` where the problem is in the scheme file (when known) and ``example``
    KPI values that show it; ``language`` is the language of ``message`` and ``fix`` and of the
    text forms (the scheme's; codes such as ``cliff`` and JSON keys stay English).

    Two text forms and two JSON forms: ``str()`` and :meth:`to_dict` are the full forms
    (``check`` shows them under its warnings); :meth:`lint_text` and :meth:`lint_dict` are the
    forms ``lint`` prints (``file:line:col`` first, as compilers do).

    Examples
    --------
    >>> finding = Finding("unused-param", "warning", "parameter 'bonus' is not used",
    ...                   "use it or remove bonus from [params]",
    ...                   location=Location("plan.toml", 9, 1, "params.bonus"))
    >>> print(finding)
    warning [unused-param] (plan.toml:9:1): parameter 'bonus' is not used
      fix: use it or remove bonus from [params]
    >>> print(finding.lint_text())
    plan.toml:9:1: warning [unused-param] parameter 'bonus' is not used
      fix: use it or remove bonus from [params]
    """

    code: str
    severity: Severity
    message: str
    fix: str
    _: KW_ONLY
    step: str | None = None
    kpi: str | None = None
    location: Location | None = None
    example: Mapping[str, float] = field(default_factory=FrozenMap)
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if self.severity not in SEVERITY_ORDER:
            raise ArgumentError(f"severity must be error, warning or info, got {self.severity!r}")
        object.__setattr__(self, "example", frozen_mapping(self.example))

    def __str__(self) -> str:
        w = words(self.language)
        step = w("finding.step", step=self.step) if self.step else ""
        where = ""
        if self.location is not None and self.location.line is not None:
            where = f" ({self.location.prefix()}"
            where += f", {step})" if self.step else ")"
        elif self.step:
            where = f" ({step})"
        lines = [f"{w(f'severity.{self.severity}')} [{self.code}]{where}: {self.message}"]
        if self.example:
            shown = ", ".join(
                f"{k} = {number_text(v, self.language)}" for k, v in self.example.items()
            )
            lines.append(w("finding.example", values=shown))
        lines.append(w("finding.fix", fix=self.fix))
        return "\n".join(lines)

    def lint_text(self) -> str:
        """The form ``lint`` prints: ``file:line:col: severity [code] message``, the source line
        with a caret under the column (when known), then the fix."""
        w = words(self.language)
        location = self.location or Location()
        severity = w(f"severity.{self.severity}")
        lines = [f"{location.prefix()}: {severity} [{self.code}] {self.message}"]
        excerpt = location.excerpt()
        if excerpt:
            lines.append(excerpt)
        lines.append(w("finding.fix", fix=self.fix))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON form; ``location`` is ``{"path", "line", "column", "key"}`` or ``null``."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "step": self.step,
            "kpi": self.kpi,
            "location": None if self.location is None else self.location.to_dict(),
            "example": dict(self.example),
        }

    def lint_dict(self) -> dict[str, Any]:
        """The JSON form of ``lint`` (layout ``motivsim.lint/1``): ``code``, ``severity``,
        ``message``, ``fix`` and ``location`` (always an object; unknown parts are ``null``)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "location": (self.location or Location()).to_dict(),
        }


#: The former name of :class:`Finding` in ``lint``, kept for one release.
LintFinding = Finding


def number_text(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """A KPI value for a message: whole numbers with separators, else up to 6 digits (as
    ``language`` writes numbers)."""
    w = words(language)
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return w.num(int(value), ",")
    if abs(value) >= 1000:
        return w.num(round(value), ",")
    return w.num(value, ".6g")
