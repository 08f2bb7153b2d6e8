"""The contract every principle check follows: its context, its result, and the whole report."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol

from motivsim.errors import ArgumentError
from motivsim.i18n import DEFAULT_LANGUAGE, words

if TYPE_CHECKING:
    from motivsim.findings.finding import Finding
    from motivsim.scheme.model import Scheme

__all__ = [
    "SCHEMA",
    "Check",
    "CheckContext",
    "CheckReport",
    "CheckResult",
    "Details",
    "Report",
    "json_number",
]

#: Identifier of the JSON layout of :meth:`CheckReport.to_dict` (bumped on any incompatible change).
SCHEMA: Final = "motivsim.check/1"

Comparison = Literal[">=", "<="]


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a check needs: the scheme, the Monte Carlo sample size, the seed and the level."""

    scheme: Scheme
    samples: int
    seed: int
    confidence: float = 0.95


class Check(Protocol):
    """One principle: ``NAME``, ``PRINCIPLE`` (its number), ``TITLE`` and ``run(context)``."""

    NAME: str
    PRINCIPLE: int
    TITLE: str

    def run(self, context: CheckContext) -> CheckResult:
        """Measure the principle on ``context.scheme``."""
        ...  # pragma: no cover - a protocol


class Details(Protocol):
    """The supporting figures of one check, typed (:class:`~motivsim.checks.ratio.RatioDetails`,
    :class:`~motivsim.checks.complexity.ComplexityDetails`,
    :class:`~motivsim.checks.control.ControlDetails`); ``to_dict()`` is their JSON form."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the ``details`` of ``docs/check.md``)."""
        ...  # pragma: no cover - a protocol


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one principle, with the figure that decides it.

    ``value`` is compared with ``threshold`` by ``comparison`` (``">="``: the value must be at
    least the threshold). ``value`` is ``None`` when the figure cannot be computed (then
    ``notes`` say why) and ``inf`` when it is unbounded. ``interval`` is the confidence
    interval of a Monte Carlo figure (``None`` for exact ones). ``details`` hold the supporting
    figures, typed per principle (:class:`Details`; ``None`` when there are none); ``notes`` are
    the same facts as sentences for people, and ``advice`` says what to change (empty when the
    principle holds). ``language`` is the language of these texts (the scheme's).
    """

    name: str
    principle: int
    title: str
    passed: bool
    value: float | None
    threshold: float
    comparison: Comparison
    summary: str
    interval: tuple[float, float] | None = None
    advice: str = ""
    details: Details | None = None
    notes: Sequence[str] = ()
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if self.comparison not in (">=", "<="):
            raise ArgumentError(f"comparison must be '>=' or '<=', got {self.comparison!r}")
        if self.interval is not None:
            low, high = self.interval
            if not low <= high:
                raise ArgumentError(f"interval must have low <= high, got {self.interval!r}")
            object.__setattr__(self, "interval", (float(low), float(high)))
        if self.details is not None and not callable(getattr(self.details, "to_dict", None)):
            raise ArgumentError(
                f"details must be a typed details object with to_dict() (such as RatioDetails) "
                f"or None, got {type(self.details).__name__}"
            )
        object.__setattr__(self, "notes", tuple(self.notes))

    @property
    def verdict(self) -> str:
        """``"PASS"`` or ``"FAIL"`` (Russian ``СОБЛЮДЁН`` or ``НАРУШЕН``)."""
        return words(self.language)("verdict.pass" if self.passed else "verdict.fail")

    def __str__(self) -> str:
        head = f"{self.principle}. {self.title} "
        lines = [f"{head:.<66} {self.verdict}", f"   {self.summary}"]
        lines += [f"   {note}" if note else "" for note in self.notes]
        if self.advice:
            lines.append(f"   -> {self.advice}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see ``docs/check.md``); non-finite numbers become ``null``."""
        return {
            "name": self.name,
            "principle": self.principle,
            "title": self.title,
            "passed": self.passed,
            "value": json_number(self.value),
            "unbounded": self.value is not None and math.isinf(self.value),
            "threshold": self.threshold,
            "comparison": self.comparison,
            "interval": None if self.interval is None else [json_number(v) for v in self.interval],
            "summary": self.summary,
            "advice": self.advice,
            "details": {} if self.details is None else _plain(self.details.to_dict()),
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Every principle's result, the design warnings, and how to reproduce the run.

    ``passed`` is true when every principle holds; warnings do not change it (the command
    line's ``--strict`` uses :attr:`passed_strict`). ``language`` is the language of the text
    report (the scheme's; JSON keys stay English).
    """

    scheme: str
    results: tuple[CheckResult, ...]
    warnings: tuple[Finding, ...]
    seed: int
    samples: int
    confidence: float = 0.95
    notes: tuple[str, ...] = ()
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "results", tuple(self.results))
        object.__setattr__(self, "warnings", tuple(self.warnings))
        object.__setattr__(self, "notes", tuple(self.notes))
        if not self.results:
            raise ArgumentError("a CheckReport needs at least one result")

    @property
    def passed(self) -> bool:
        """True when every principle holds."""
        return all(result.passed for result in self.results)

    @property
    def passed_strict(self) -> bool:
        """True when every principle holds and there is no design warning."""
        return self.passed and not self.warnings

    def result(self, name: str) -> CheckResult:
        """The result of the check ``name``: ``"ratio"``, ``"complexity"`` or ``"control"``."""
        for item in self.results:
            if item.name == name:
                return item
        known = ", ".join(repr(r.name) for r in self.results)
        raise ArgumentError(f"no check named {name!r}; the report has {known}")

    def __str__(self) -> str:
        w = words(self.language)
        head = w("check.head", scheme=self.scheme)
        lines = [head, "=" * len(head)]
        lines.append(
            w(
                "check.meta",
                seed=self.seed,
                samples=w.count(self.samples, "sample"),
                level=w.pct(self.confidence, 0),
            )
        )
        lines.append(w("exactness"))
        lines += self.notes
        for result in self.results:
            lines += ["", str(result)]
        if self.warnings:
            lines += ["", w("check.warnings", n=len(self.warnings))]
            lines += [_indent(str(f)) for f in self.warnings]
        lines += ["", self._verdict_line()]
        return "\n".join(lines)

    def _verdict_line(self) -> str:
        w = words(self.language)
        warned = (
            w("check.verdict.warned", warnings=w.count(len(self.warnings), "warning"))
            if self.warnings
            else ""
        )
        return w(
            "check.verdict",
            word=w("check.pass" if self.passed else "check.fail"),
            held=sum(r.passed for r in self.results),
            total=len(self.results),
            warned=warned,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, layout :data:`SCHEMA` (documented in ``docs/check.md``)."""
        return {
            "schema": SCHEMA,
            "scheme": self.scheme,
            "passed": self.passed,
            "passed_strict": self.passed_strict,
            "seed": self.seed,
            "samples": self.samples,
            "confidence": self.confidence,
            "results": [result.to_dict() for result in self.results],
            "warnings": [warning.to_dict() for warning in self.warnings],
            "notes": list(self.notes),
        }


#: The former name of :class:`CheckReport`, kept for one release.
Report = CheckReport


def json_number(value: float | None) -> float | None:
    """``value`` as JSON allows it: ``None`` for NaN and infinities."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _plain(value: Any) -> Any:
    """Mappings and tuples turned into dicts and lists, non-finite floats into ``None``."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return json_number(value)
    return value


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
