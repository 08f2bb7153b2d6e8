"""Where to look for counterexamples: KPI ranges, critical points, round-number shrinking.

Shared by :mod:`motivsim.testing` (hypothesis strategies), :mod:`motivsim.comparison` and
:mod:`motivsim.findings`; it imports neither hypothesis nor scipy. Values are exact
``Fraction``\\ s so that a counterexample found here is the one a person re-computes by hand.

How a KPI's range is chosen (:func:`kpi_ranges`)
------------------------------------------------
* ``low``/``high``: :func:`~motivsim.search.grid.realistic_range` with ``ends="support"``
  and a 1/10,000 tail, as exact fractions: the ends of the distribution's support when finite
  (the loader truncates it to the declared ``min``/``max``), else its 0.01% / 99.99% quantiles,
  rounded outward to the grid unit; without a distribution, the declared ``min``/``max``. An end
  still unknown is wider than the realistic range's typical-value guess, as a search should
  be: from 0 (or twice the lowest negative value known) to twice the largest switching point
  or three times the typical value (or ``low + 1,000,000`` without either). Declare
  ``min``/``max`` to search another range.
* ``anchor`` (where searches start and shrink to): the plan (the KPI value at which
  ``[principles] plan_met`` flips), else the hitter profile's value, else the KPI's typical value,
  else ``low``.
* ``unit``: a power of ten about 1/100 of the range (round amounts: 100,000 for revenue in the
  millions); ``fine`` is 1/1000 of it, or 1 for count KPIs (poisson, binomial, whole observations).
* ``points``: values where pay switches (tier breakpoints, conditions, caps), solved for this KPI
  with the other KPIs at their anchors, when the switching expression is linear in it.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import sympy

from motivsim.errors import ArgumentError, EvaluationError
from motivsim.formula.build import symbol
from motivsim.formula.functions import If, Interp, Marginal, Step
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.money import DEFAULT_ROUNDING, format_value
from motivsim.scheme.money import format_money as _format_money
from motivsim.search.grid import realistic_range
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "KpiRange",
    "as_number",
    "critical_points",
    "exact_pay",
    "format_money",
    "format_values",
    "kpi_ranges",
    "shrink",
    "significant_digits",
]

#: Quantiles used as the search range of a KPI whose distribution is unbounded.
TAIL: Final = Fraction(1, 10_000)
#: Fallback upper end for a KPI that declares no bound, distribution, typical value or threshold.
DEFAULT_HIGH: Final = Fraction(1_000_000)
#: Most linear pieces tried per switching expression when solving for critical points.
_MAX_VARIANTS: Final = 64
#: Most critical points kept per KPI.
_MAX_POINTS: Final = 60
_DIGITS = Context(prec=60)
_CACHE: weakref.WeakKeyDictionary[Any, dict[str, KpiRange]] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class KpiRange:
    """Where a KPI is searched: ``[low, high]``, a grid of round ``unit``\\ s around ``anchor``."""

    name: str
    low: Fraction
    high: Fraction
    anchor: Fraction
    unit: Fraction
    fine: Fraction
    integer: bool
    points: tuple[Fraction, ...] = ()

    def __post_init__(self) -> None:
        if not self.low <= self.anchor <= self.high or self.unit <= 0 or self.fine <= 0:
            raise ArgumentError(f"invalid range for KPI {self.name!r}: {self!r}")

    def contains(self, value: Fraction) -> bool:
        """Inside ``[low, high]`` (and whole, for a count KPI)."""
        return self.low <= value <= self.high and (not self.integer or value.denominator == 1)

    def clip(self, value: Fraction) -> Fraction:
        """``value`` moved into the range (and to a whole number for a count KPI)."""
        if self.integer:
            value = Fraction(math.floor(value))
        return min(max(value, self.low), self.high)

    def cost(self, value: Fraction) -> int:
        """How hard ``value`` is to read: its significant digits; the anchor counts as -1."""
        return -1 if value == self.anchor else significant_digits(value)

    def candidates(self, value: Fraction) -> list[Fraction]:
        """Rounder values in the range near ``value``, the anchor and fewest digits first."""
        out: list[Fraction] = []
        if self.contains(self.anchor):
            out.append(self.anchor)
        top = _exponent(max(abs(value), abs(self.anchor), self.high - self.low, self.fine)) + 1
        bottom = _exponent(self.fine)
        for exp in range(top, bottom - 1, -1):
            step = Fraction(10) ** exp
            down = math.floor(value / step) * step
            for cand in sorted({down, down + step}, key=lambda c: abs(c - value)):
                if cand != value and cand not in out and self.contains(cand):
                    out.append(cand)
        return sorted(out, key=lambda c: (self.cost(c), abs(c - value)))


def _exponent(value: Fraction) -> int:
    """``floor(log10(value))`` for ``value > 0``, exactly."""
    exp = math.floor(math.log10(value))
    while Fraction(10) ** exp > value:
        exp -= 1
    while Fraction(10) ** (exp + 1) <= value:
        exp += 1
    return exp


def significant_digits(value: Fraction) -> int:
    """How many significant digits ``value`` has (0 for zero; 99 when not a finite decimal)."""
    if value == 0:
        return 0
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    if den != 1:
        return 99
    digits = _DIGITS.divide(Decimal(value.numerator), Decimal(value.denominator)).normalize()
    return len(digits.as_tuple().digits)


def as_number(value: Fraction) -> int | float:
    """An exact decimal as the Python number a person would type (``int`` when whole)."""
    return int(value) if value.denominator == 1 else float(value)


# -- formatting --------------------------------------------------------------------------------
def format_values(values: Mapping[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """``revenue=10,000,000 and cars_sold=9``: KPI values as a sentence (in ``language``:
    ``выручка=10 000 000 и продано_машин=9``)."""
    parts = [
        f"{name}={format_value(to_fraction(v), language=language)}" for name, v in values.items()
    ]
    return words(language).join(parts)


def format_money(amount: Fraction, scheme: Scheme | None = None) -> str:
    """``12,500.00 RUB``: an exact amount rounded to cents by the scheme's rule and shown with
    its currency (:func:`motivsim.scheme.money.format_money`; half-up without a scheme)."""
    if scheme is None:
        return _format_money(amount, None, DEFAULT_ROUNDING)
    return _format_money(amount, scheme.currency, scheme.rounding)


def exact_pay(scheme: Scheme, values: Mapping[str, Any]) -> Fraction:
    """Exact pay for scalar KPI ``values`` (KPIs the scheme does not have are ignored)."""
    mine = {k: v for k, v in values.items() if k in scheme.kpis}
    result = scheme.exact(mine)["pay"]
    if isinstance(result, bool):  # pragma: no cover - the loader rejects a boolean pay
        raise EvaluationError("pay is a condition, not an amount")
    return result


# -- shrinking ---------------------------------------------------------------------------------
def shrink(
    point: Mapping[str, Fraction],
    fails: Callable[[dict[str, Fraction]], bool],
    ranges: Mapping[str, KpiRange],
    *,
    budget: int = 400,
) -> dict[str, Fraction]:
    """A rounder point that still ``fails``: each value replaced by the roundest one that does.

    Only values that cost less (:meth:`KpiRange.cost`: the anchor, then fewer significant
    digits) are tried, so the loop ends; ``budget`` bounds the number of ``fails`` calls.

    Examples
    --------
    >>> r = KpiRange("x", Fraction(0), Fraction(10**6), Fraction(0), Fraction(10**4),
    ...              Fraction(10), False)
    >>> shrink({"x": Fraction(734_510)}, lambda p: p["x"] >= 700_000, {"x": r})
    {'x': Fraction(700000, 1)}
    """
    current = dict(point)
    changed = True
    while changed and budget > 0:
        changed = False
        for name in list(current):
            cost = ranges[name].cost(current[name])
            for cand in ranges[name].candidates(current[name]):
                if ranges[name].cost(cand) >= cost or budget <= 0:
                    break
                budget -= 1
                trial = {**current, name: cand}
                if fails(trial):
                    current, changed = trial, True
                    break
    return current


# -- ranges ------------------------------------------------------------------------------------
def kpi_ranges(scheme: Scheme) -> dict[str, KpiRange]:
    """The search range of every KPI of ``scheme`` (cached per scheme); see the module notes."""
    cached = _CACHE.get(scheme)
    if cached is None:
        cached = _build_ranges(scheme)
        _CACHE[scheme] = cached
    return dict(cached)


def _build_ranges(scheme: Scheme) -> dict[str, KpiRange]:
    typical = {k: _typical(kpi) for k, kpi in scheme.kpis.items()}
    provisional = {k: v if v is not None else Fraction(0) for k, v in typical.items()}
    pay = _expanded(scheme, symbol("pay"))
    plan = scheme.principles.plan_met
    plan_expr = _expanded(scheme, plan.expr) if plan is not None else None
    out = {}
    for name, kpi in scheme.kpis.items():
        points = critical_points(pay, name, provisional) if pay is not None else []
        low, high, integer = _bounds(kpi, typical[name], points)
        anchors = [
            *(critical_points(plan_expr, name, provisional) if plan_expr is not None else ()),
            *_profile(scheme, name),
            *([typical[name]] if typical[name] is not None else []),
        ]
        anchor = next((a for a in anchors if low <= a <= high), low)
        unit, fine = _units(low, high, integer)
        anchor = min(max(round(anchor / unit) * unit, low), high)
        if integer:
            anchor = Fraction(math.ceil(anchor))
        inside = {p for p in points if low <= p <= high}
        shown = sorted(inside | {low, high, anchor})[:_MAX_POINTS]
        out[name] = KpiRange(name, low, high, anchor, unit, fine, integer, tuple(shown))
    return out


def _expanded(scheme: Scheme, expr: Any) -> Any:
    """``expr`` with every step substituted in, or ``None`` when that is too large to work
    with (:meth:`Scheme.expand`): the search then samples without the switching points."""
    try:
        return scheme.expand(expr)
    except EvaluationError:
        return None


def _typical(kpi: Any) -> Fraction | None:
    value = kpi.typical_value()
    return None if value is None or not math.isfinite(value) else _round_decimal(value)


def _round_decimal(value: float) -> Fraction:
    """A float from a quantile as a short decimal (10 significant digits)."""
    return Fraction(f"{value:.10g}")


def _profile(scheme: Scheme, name: str) -> list[Fraction]:
    hitter = scheme.principles.hitter
    return [hitter[name]] if hitter is not None and name in hitter else []


def _bounds(
    kpi: Any, typical: Fraction | None, points: list[Fraction]
) -> tuple[Fraction, Fraction, bool]:
    dist = kpi.distribution
    span = realistic_range(kpi, tail=TAIL, ends="support", guess=False)
    low, high = span.exact()
    integer = bool(dist is not None and dist.integer_valued)
    if low is not None and low == high:  # a constant KPI
        return low, low, integer
    known = [v for v in (typical, high, *points) if v is not None]
    if low is None:
        low = min(Fraction(0), 2 * min(known)) if known else Fraction(0)
    if high is None:
        top = max(
            [*(2 * p for p in points if p > low), *([3 * typical] if typical else [])], default=None
        )
        high = top if top is not None and top > low else max(low, Fraction(0)) + DEFAULT_HIGH
    unit, _ = _units(low, high, integer)
    if span.low_from not in ("declared", "support"):  # a quantile or a guess: round outward
        low = math.floor(low / unit) * unit
    if span.high_from not in ("declared", "support"):
        high = math.ceil(high / unit) * unit
    if integer:
        low, high = Fraction(math.ceil(low)), Fraction(math.floor(high))
    return low, max(high, low), integer


def _units(low: Fraction, high: Fraction, integer: bool) -> tuple[Fraction, Fraction]:
    span = high - low
    exp = _exponent(span) - 2 if span > 0 else 0
    if integer:
        return Fraction(10) ** max(exp, 0), Fraction(1)
    return Fraction(10) ** exp, Fraction(10) ** (exp - 3)


# -- critical points ---------------------------------------------------------------------------
def critical_points(expr: Any, name: str, others: Mapping[str, Fraction]) -> list[Fraction]:
    """KPI ``name`` values where ``expr`` switches (a condition flips, a tier or a cap starts).

    Only switching expressions that are linear in the KPI once the other KPIs are fixed at
    ``others`` are solved; the rest are ignored (the search samples around them instead).
    """
    x = symbol(name)
    if x not in expr.free_symbols:
        return []
    fixed = {symbol(k): _rational(v) for k, v in others.items() if k != name}
    found: set[Fraction] = set()
    for switch in _switches(expr):
        if x not in switch.free_symbols:
            continue
        for piece in _pieces(switch.xreplace(fixed)):
            root = _linear_root(piece, x)
            if root is not None:
                found.add(root)
    return sorted(found)


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _switches(expr: Any) -> Iterator[Any]:
    """Expressions whose sign change is a switch: ``lhs - rhs`` of comparisons, tier arguments
    minus breakpoints, differences between the arguments of ``min``/``max``."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.core.relational.Relational):
            yield node.lhs - node.rhs
        elif isinstance(node, Step | Marginal | Interp):
            for bound in node.args[1]:
                yield node.args[0] - bound
        elif isinstance(node, sympy.Min | sympy.Max):
            args = node.args[:6]
            for i, a in enumerate(args):
                for b in args[i + 1 :]:
                    yield a - b


def _pieces(expr: Any) -> list[Any]:
    """``expr`` with each piecewise function replaced by each of its pieces (bounded count)."""
    done: list[Any] = []
    todo = [expr]
    while todo and len(done) + len(todo) <= _MAX_VARIANTS:
        item = todo.pop()
        func = next(_piecewise_nodes(item), None)
        if func is None:
            done.append(item)
            continue
        todo.extend(item.xreplace({func: piece}) for piece in _alternatives(func))
    return done


def _piecewise_nodes(expr: Any) -> Iterator[Any]:
    kinds = (sympy.Min, sympy.Max, If, sympy.Abs, Step, Marginal, Interp)
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, kinds):
            yield node


def _alternatives(func: Any) -> Iterable[Any]:
    if isinstance(func, If):
        return list(func.args[1:])
    if isinstance(func, sympy.Abs):
        return [func.args[0], -func.args[0]]
    if isinstance(func, Step):
        return list(func.args[2])
    if isinstance(func, Marginal | Interp):
        return _linear_tiers(func)
    return list(func.args)


def _linear_tiers(func: Any) -> list[Any]:
    """The linear piece of a marginal or interp table on each bracket."""
    x, bounds, values = func.args
    bounds, values = list(bounds), list(values)
    if isinstance(func, Interp):
        pieces = [values[0], values[-1]]
        for i in range(len(bounds) - 1):
            slope = (values[i + 1] - values[i]) / (bounds[i + 1] - bounds[i])
            pieces.append(values[i] + slope * (x - bounds[i]))
        return pieces
    pieces, paid = [values[0] * x], sympy.Integer(0)
    edges = [sympy.Integer(0), *bounds]
    for i, lo in enumerate(bounds):
        paid += values[i] * (lo - edges[i])
        pieces.append(paid + values[i + 1] * (x - lo))
    return pieces


def _linear_root(expr: Any, x: Any) -> Fraction | None:
    if expr.free_symbols != {x}:
        return None
    slope = sympy.diff(expr, x)
    if not isinstance(slope, sympy.Rational) or slope == 0:
        return None
    value = expr.xreplace({x: sympy.Integer(0)})
    if not isinstance(value, sympy.Rational):
        return None
    root = -value / slope
    return Fraction(int(root.p), int(root.q))
