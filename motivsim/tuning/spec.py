"""What ``tune`` is asked: the parameters to vary and their ranges, the target cost, the
constraints to keep, and the practice rules switched on; every input is checked here, with
messages that say what to write instead.

Numbers are exact (``Fraction``): ``20_000``, ``0.015``, ``1.5e6`` and ``12%`` are read as
written. A range is ``LOW..HIGH`` (``base=20_000..60_000`` on the command line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Literal

from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.formula.lexer import LexError, parse_number
from motivsim.scheme.money import format_value
from motivsim.validation import did_you_mean, is_real, to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "CONSTRAINTS",
    "CURRENT",
    "DEFAULT_TOLERANCE",
    "MAX_VARIED",
    "ReachRule",
    "ShareRule",
    "Target",
    "Varied",
    "keep_names",
    "parse_amount",
    "parse_range",
    "parse_vary",
    "reach_rules",
    "share_rule",
    "target_of",
    "varied_ranges",
]

#: Most parameters one run varies (the search grows with each one).
MAX_VARIED: Final = 4
#: Relative tolerance of a target cost (0.5%).
DEFAULT_TOLERANCE: Final = 0.005
#: A target given as this word is the plan's current figure (``--payroll current``).
CURRENT: Final = "current"
#: Significant digits a tuned value gets beyond the resolution of its range's ends.
EXTRA_DIGITS: Final = 2
#: The principle constraints, by name (``keep``), in report order.
CONSTRAINTS: Final = ("ratio", "complexity", "control")
_KEEP: Final[dict[str, tuple[str, ...]]] = {
    "principles": CONSTRAINTS,
    "all": CONSTRAINTS,
    "ratio": ("ratio",),
    "1": ("ratio",),
    "complexity": ("complexity",),
    "2": ("complexity",),
    "control": ("control",),
    "3": ("control",),
    "none": (),
}
_NAME = re.compile(r"[^\W\d]\w*")
_DIGITS = re.compile(r"[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9_]+)?")


@dataclass(frozen=True, slots=True)
class Varied:
    """A parameter ``tune`` varies: within ``[low, high]``, from its ``current`` value; the
    value found is rounded to a multiple of ``step``, two significant digits beyond
    ``resolution``, the place of the last non-zero digit of the range's ends (20,000..60,000:
    resolution 10,000, step 100)."""

    name: str
    low: Fraction
    high: Fraction
    current: Fraction
    resolution: Fraction
    step: Fraction

    @property
    def width(self) -> Fraction:
        """``high - low``."""
        return self.high - self.low

    @property
    def scale(self) -> Fraction:
        """What a change of the parameter is measured against: its current value (a relative
        change), or the range's width when the current value is 0."""
        return abs(self.current) if self.current else self.width

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``name``, ``low``, ``high``, ``current``, ``step`` (as numbers)."""
        return {
            "name": self.name,
            "low": _number(self.low),
            "high": _number(self.high),
            "current": _number(self.current),
            "step": _number(self.step),
        }


@dataclass(frozen=True, slots=True)
class Target:
    """The cost to reach: ``kind`` is ``"cost_of_sales"`` (payroll / revenue of the scheme's
    ``revenue_kpi``) or ``"payroll"`` (the team's payroll per period), within ``tolerance``
    (relative). ``value`` is ``None`` when it is the plan's current figure
    (``current``), until that is measured."""

    kind: Literal["cost_of_sales", "payroll"]
    value: float | None
    tolerance: float = DEFAULT_TOLERANCE
    current: bool = False

    @property
    def label(self) -> str:
        """``cost of sales`` or ``payroll per period``."""
        return "cost of sales" if self.kind == "cost_of_sales" else "payroll per period"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``kind``, ``value``, ``tolerance``, ``current``."""
        return {
            "kind": self.kind,
            "value": self.value,
            "tolerance": self.tolerance,
            "current": self.current,
        }


@dataclass(frozen=True, slots=True)
class ShareRule:
    """A practice rule: the share of manager-periods meeting the plan lies in ``[low, high]``."""

    low: float
    high: float

    def text(self) -> str:
        """``60%..70%``, ``at least 60%`` or ``at most 70%``."""
        if self.high >= 1:
            return f"at least {self.low:.0%}"
        if self.low <= 0:
            return f"at most {self.high:.0%}"
        return f"{self.low:.0%}..{self.high:.0%}"

    def to_dict(self) -> dict[str, float]:
        """JSON form: ``low``, ``high``."""
        return {"low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class ReachRule:
    """A practice rule: the share of manager-periods whose plan KPI reaches ``attainment``
    times the plan's level (``0.7``: 70% of plan) lies in ``[low, high]``."""

    attainment: float
    low: float
    high: float

    @property
    def name(self) -> str:
        """The constraint's name: ``share_reaching_70%``."""
        return f"share_reaching_{self.attainment * 100:g}%"

    @property
    def label(self) -> str:
        """``share reaching 70% of plan``."""
        return f"share reaching {self.attainment * 100:g}% of plan"

    def text(self) -> str:
        """``85%..95%``, ``at least 85%`` or ``at most 15%``."""
        return ShareRule(self.low, self.high).text()

    def to_dict(self) -> dict[str, float]:
        """JSON form: ``attainment``, ``low``, ``high``."""
        return {"attainment": self.attainment, "low": self.low, "high": self.high}


def parse_number_text(text: str, what: str) -> Fraction:
    """``20_000``, ``-5``, ``0.015``, ``1.5e6`` or ``12%`` as an exact number."""
    raw = text.strip().replace(" ", "")
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1]
    sign = -1 if raw.startswith("-") else 1
    digits = raw[1:] if raw[:1] in "+-" and raw else raw
    if not _DIGITS.fullmatch(digits):
        raise ArgumentError(f"{what}: {text.strip()!r} is not a number", hint="e.g. 20_000 or 12%")
    try:
        value = sign * parse_number(digits)
    except LexError as exc:
        raise ArgumentError(f"{what}: {exc.message}", hint=exc.hint) from None
    return value / 100 if percent else value


def parse_range(text: str, what: str) -> tuple[Fraction, Fraction]:
    """``LOW..HIGH`` as two exact numbers (not yet checked for order)."""
    low, sep, high = text.partition("..")
    if not sep or not low.strip() or not high.strip():
        raise ArgumentError(
            f"{what}: expected a range LOW..HIGH, got {text!r}", hint="e.g. 20_000..60_000"
        )
    return parse_number_text(low, what), parse_number_text(high, what)


def parse_vary(text: str) -> tuple[str, str]:
    """``base=20_000..60_000`` -> ``("base", "20_000..60_000")`` (the range is read by
    :func:`varied_ranges`, which knows the scheme)."""
    name, sep, rest = text.partition("=")
    if not sep or not name.strip():
        raise ArgumentError(
            f"--vary: expected NAME=LOW..HIGH, got {text!r}", hint="e.g. --vary base=20000..60000"
        )
    return name.strip(), rest.strip()


def parse_amount(text: str, what: str) -> Fraction | str:
    """A target from the command line: a number (``1_500_000``, ``12%``) or ``current``."""
    if text.strip().lower() == CURRENT:
        return CURRENT
    return parse_number_text(text, what)


def varied_ranges(scheme: Scheme, vary: object) -> tuple[Varied, ...]:
    """The parameters to vary, checked against ``scheme``.

    ``vary`` maps each parameter to its range: a pair ``(low, high)`` of numbers or a text
    ``"LOW..HIGH"``. A parameter that is not one of ``[params]`` (with "did you mean"), a
    derived parameter (vary the ones it is computed from), an empty or one-value range, or more
    than :data:`MAX_VARIED` parameters is an :class:`~motivsim.errors.ArgumentError`.
    """
    if not isinstance(vary, Mapping):
        raise ArgumentTypeError(
            f"vary must map parameter names to ranges, got {type(vary).__name__}",
            hint='e.g. vary={"base": (20_000, 60_000)}',
        )
    if not vary:
        raise ArgumentError(
            "tune needs at least one parameter to vary", hint='e.g. vary={"base": (20_000, 60_000)}'
        )
    if len(vary) > MAX_VARIED:
        raise ArgumentError(
            f"tune varies at most {MAX_VARIED} parameters at once, got {len(vary)}",
            hint="fix the others in the scheme file",
        )
    out = []
    for name, spec in vary.items():
        if not isinstance(name, str):
            raise ArgumentTypeError(f"a parameter name must be text, got {name!r}")
        _check_name(scheme, name)
        low, high = _range_of(name, spec)
        if low > high:
            raise ArgumentError(
                f"the range of {name!r} is empty: low {format_value(low)} > high "
                f"{format_value(high)}",
                hint=f"write {name}={format_value(high)}..{format_value(low)}",
            )
        if low == high:
            raise ArgumentError(
                f"the range of {name!r} is one value ({format_value(low)})",
                hint=f"set {name} = {format_value(low)} in the scheme file, or give a range",
            )
        resolution = _resolution(low, high)
        out.append(
            Varied(
                name,
                low,
                high,
                scheme.params[name],
                resolution,
                resolution / 10**EXTRA_DIGITS,
            )
        )
    return tuple(out)


def _check_name(scheme: Scheme, name: str) -> None:
    if name not in scheme.params:
        raise ArgumentError(
            f"{name!r} is not a parameter of scheme {scheme.name!r}"
            + did_you_mean(name, scheme.params),
            hint=(
                "parameters: " + ", ".join(scheme.params)
                if scheme.params
                else "the scheme has no [params]: add the numbers to tune there"
            ),
        )
    formula = scheme.derived.get(name)
    if formula is not None:
        inputs = [w for w in dict.fromkeys(_NAME.findall(formula)) if w in scheme.params]
        raise ArgumentError(
            f"{name!r} is a derived parameter ({name} = {formula!r}): it is computed, not set",
            hint=(
                "vary " + " or ".join(repr(w) for w in inputs) + " instead"
                if inputs
                else "vary a parameter it is computed from"
            ),
        )


def _range_of(name: str, spec: object) -> tuple[Fraction, Fraction]:
    what = f"the range of {name!r}"
    if isinstance(spec, str):
        return parse_range(spec, what)
    if isinstance(spec, Sequence) and len(spec) == 2:
        return to_fraction(spec[0], f"{what}: low"), to_fraction(spec[1], f"{what}: high")
    raise ArgumentTypeError(
        f"{what} must be a pair (low, high) or a text 'LOW..HIGH', got {spec!r}",
        hint=f'e.g. vary={{"{name}": (20_000, 60_000)}}',
    )


def _power(value: Fraction) -> int | None:
    """The largest ``e`` with ``value / 10**e`` whole (``None`` for 0)."""
    if value == 0:
        return None
    e = 0
    while (value / Fraction(10) ** e).denominator != 1 and e > -40:
        e -= 1
    while (value / Fraction(10) ** (e + 1)).denominator == 1:
        e += 1
    return e


def _resolution(low: Fraction, high: Fraction) -> Fraction:
    """The place of the last non-zero digit of the range's ends (``0.01`` for 0.01..0.04)."""
    powers = [p for p in (_power(low), _power(high)) if p is not None]
    return Fraction(10) ** min(powers) if powers else Fraction(1)


def keep_names(keep: object) -> tuple[str, ...]:
    """The principles to keep as constraints: ``"principles"`` (all three, the default),
    ``"ratio"``, ``"complexity"``, ``"control"`` (or ``1``, ``2``, ``3``), ``"none"``, or
    several of them (a sequence or a comma-separated text)."""
    items: Iterable[object]
    if isinstance(keep, str):
        items = [w for w in keep.replace(" ", "").split(",") if w]
    elif isinstance(keep, Iterable):
        items = list(keep)
    else:
        raise ArgumentTypeError(f"keep must be text or a list of texts, got {keep!r}")
    found: list[str] = []
    for item in items:
        word = str(item).strip().lower()
        if word not in _KEEP:
            raise ArgumentError(
                f"keep: unknown constraint {item!r}" + did_you_mean(word, _KEEP),
                hint="use principles (all three), ratio, complexity, control, or none",
            )
        found += [n for n in _KEEP[word] if n not in found]
    return tuple(n for n in CONSTRAINTS if n in found)


def target_of(
    scheme: Scheme, cost_of_sales: object, payroll: object, tolerance: object
) -> Target | None:
    """The target cost, checked: at most one of ``cost_of_sales`` (a share of revenue, e.g.
    0.12 or ``"12%"``) and ``payroll`` (per period), either may be ``"current"``."""
    tol = _tolerance(tolerance)
    if cost_of_sales is not None and payroll is not None:
        raise ArgumentError(
            "give a target cost of sales or a target payroll, not both",
            hint="cost of sales is payroll / revenue: one fixes the other",
        )
    if cost_of_sales is not None:
        if scheme.revenue_kpi is None:
            raise ArgumentError(
                "a target cost of sales needs to know which KPI is the revenue, but the scheme "
                "has no revenue_kpi",
                hint='add revenue_kpi = "revenue" (your KPI) under [scheme], or give --payroll',
            )
        value = _amount(cost_of_sales, "cost of sales")
        if value is not None and not 0 < value <= 1:
            raise ArgumentError(
                f"the target cost of sales must be a share of revenue between 0 and 100%, got "
                f"{value:g}",
                hint="e.g. 0.12 or '12%'",
            )
        return Target("cost_of_sales", value, tol, value is None)
    if payroll is not None:
        value = _amount(payroll, "payroll")
        if value is not None and value <= 0:
            raise ArgumentError(f"the target payroll must be > 0, got {value:g}")
        return Target("payroll", value, tol, value is None)
    return None


def _amount(value: object, what: str) -> float | None:
    if isinstance(value, str):
        parsed = parse_amount(value, what)
        return None if isinstance(parsed, str) else float(parsed)
    if not is_real(value):
        raise ArgumentTypeError(f"{what} must be a number or 'current', got {value!r}")
    return float(to_fraction(value, what))


def _tolerance(value: object) -> float:
    if isinstance(value, str):
        value = parse_number_text(value, "tolerance")
    if not is_real(value):
        raise ArgumentTypeError(f"tolerance must be a number, got {value!r}")
    number = float(value)
    if not 0 < number < 0.5:
        raise ArgumentError(
            f"tolerance must be a relative share between 0 and 50%, got {number:g}",
            hint="e.g. 0.005 (0.5%)",
        )
    return number


def share_rule(value: object) -> ShareRule | None:
    """The share-meeting-plan rule: ``(low, high)`` shares, or a text ``60%..70%``,
    ``60%..`` (at least) or ``..70%`` (at most)."""
    if value is None:
        return None
    low, high = _share_range(value, "share meeting plan")
    return ShareRule(low, high)


def reach_rules(value: object) -> tuple[ReachRule, ...]:
    """The share-reaching rules, by attainment (ascending): a mapping ``{0.7: (0.85, 0.95)}``
    (an attainment, a number or a text ``"70%"``, to a pair or a text ``"85%..95%"``), or texts
    ``"70%=85%..95%"`` (one, or a sequence of them); ``"70%=85%.."`` is at least 85%,
    ``"150%=..15%"`` at most 15%."""
    if value is None:
        return ()
    items: list[tuple[object, object]]
    if isinstance(value, str):
        items = [_split_reach(value)]
    elif isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        items = [_split_reach(str(v)) for v in value]
    else:
        raise ArgumentTypeError(
            f"share reaching must map attainments to ranges, got {value!r}",
            hint="e.g. share_reaching={0.7: (0.85, 0.95)} or '70%=85%..95%'",
        )
    rules: dict[float, ReachRule] = {}
    for key, spec in items:
        if isinstance(key, str):
            attainment = parse_number_text(key, "share reaching: attainment")
        elif is_real(key):
            attainment = to_fraction(key, "share reaching: attainment")
        else:
            raise ArgumentTypeError(
                f"share reaching: an attainment must be a number (0.7 or '70%'), got {key!r}"
            )
        if not attainment > 0:
            raise ArgumentError(
                f"share reaching: the attainment must be > 0 (a share of plan), got "
                f"{float(attainment):g}",
                hint="e.g. 70% (of plan) or 1.5 (150% of plan)",
            )
        what = f"share reaching {float(attainment) * 100:g}% of plan"
        low, high = _share_range(spec, what)
        if float(attainment) in rules:
            raise ArgumentError(
                f"{what} is given twice", hint="give each attainment once, with one range"
            )
        rules[float(attainment)] = ReachRule(float(attainment), low, high)
    return tuple(rules[a] for a in sorted(rules))


def _split_reach(text: str) -> tuple[str, str]:
    key, sep, rest = text.partition("=")
    if not sep or not key.strip() or not rest.strip():
        raise ArgumentError(
            f"share reaching: expected ATTAINMENT=LOW..HIGH, got {text!r}",
            hint="e.g. 70%=85%..95% (85% to 95% reach 70% of plan), 150%=..15% (at most 15%)",
        )
    return key.strip(), rest.strip()


def _share_range(value: object, what: str) -> tuple[float, float]:
    """``(low, high)`` shares from a pair or a text ``LOW..HIGH`` (either end may be left out),
    checked: ``0 <= low <= high <= 1``."""
    low: Fraction | float
    high: Fraction | float
    if isinstance(value, str):
        text = value.strip()
        left, sep, right = text.partition("..")
        if not sep:
            raise ArgumentError(
                f"{what}: expected LOW..HIGH, got {value!r}",
                hint="e.g. 60%..70%, or 60%.. for at least 60%",
            )
        low = parse_number_text(left, what) if left.strip() else Fraction(0)
        high = parse_number_text(right, what) if right.strip() else Fraction(1)
    elif isinstance(value, Sequence) and len(value) == 2:
        low = to_fraction(value[0], what) if value[0] is not None else Fraction(0)
        high = to_fraction(value[1], what) if value[1] is not None else Fraction(1)
    else:
        raise ArgumentTypeError(f"{what} must be a pair (low, high) or a text, got {value!r}")
    if not 0 <= low <= high <= 1:
        raise ArgumentError(
            f"{what}: need 0 <= low <= high <= 100%, got {float(low):.4g}..{float(high):.4g}",
            hint="e.g. 60%..70% (or 0.6..0.7)",
        )
    return float(low), float(high)


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)
