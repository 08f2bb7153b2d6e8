"""Design mistakes beyond the three principles, found by scanning pay along each controllable KPI.

For each controllable KPI ``k`` that pay depends on,
:func:`~motivsim.findings.scan.find_issues` draws base points
(the other KPIs from their distributions, tied by ``[correlation]`` when it correlates them,
or at their typical values), moves ``k`` across its realistic range
(:func:`motivsim.search.grid.scan_range`) on a grid, and looks at how pay moves:

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
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, Literal

from motivsim.errors import ArgumentError, Location

if TYPE_CHECKING:
    pass

__all__ = [
    "CAP_MIN_SHARE",
    "CLIFF_SHARE",
    "DEFAULT_SAMPLES",
    "Finding",
]

Severity = Literal["warning", "info"]

#: A jump in pay at least this share of typical (median) pay is a cliff.
CLIFF_SHARE: Final = 0.10
#: A cap is reported when at least this share of sampled periods go past it.
CAP_MIN_SHARE: Final = 0.01
#: Base points (draws of the other KPIs) per scanned KPI.
DEFAULT_SAMPLES: Final = 256


@dataclass(frozen=True, slots=True)
class Finding:
    """One design mistake: a code, a severity, a message with figures, and a fix.

    ``step`` names the formula step the problem comes from (``location`` points at it in the
    file when known); ``kpi`` the KPI scanned; ``example`` KPI values that show it.
    """

    code: str
    severity: Severity
    message: str
    fix: str
    step: str | None = None
    kpi: str | None = None
    location: Location | None = None
    example: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.severity not in ("warning", "info"):
            raise ArgumentError(f"severity must be 'warning' or 'info', got {self.severity!r}")
        object.__setattr__(self, "example", MappingProxyType(dict(self.example)))

    def __reduce__(self) -> tuple[Any, ...]:  # a mapping proxy does not pickle
        return (
            _rebuild,
            (
                self.code,
                self.severity,
                self.message,
                self.fix,
                self.step,
                self.kpi,
                self.location,
                dict(self.example),
            ),
        )

    def __str__(self) -> str:
        where = ""
        if self.location is not None and self.location.line is not None:
            where = f" ({self.location.prefix()}"
            where += f", step {self.step})" if self.step else ")"
        elif self.step:
            where = f" (step {self.step})"
        lines = [f"{self.severity} [{self.code}]{where}: {self.message}"]
        if self.example:
            lines.append(
                "  e.g. " + ", ".join(f"{k} = {number_text(v)}" for k, v in self.example.items())
            )
        lines.append(f"  fix: {self.fix}")
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


def _rebuild(*args: Any) -> Finding:
    return Finding(*args)


def number_text(value: float) -> str:
    """A KPI value for a message: whole numbers with separators, else up to 6 digits."""
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{round(value):,}"
    return f"{value:.6g}"
