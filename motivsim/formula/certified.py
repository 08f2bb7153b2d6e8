"""Vectorised evaluation that knows when float64 may decide differently from exact arithmetic.

Pay is defined exactly (rational arithmetic on the decimals a person wrote), and most of it is
continuous: a float64 result within a few ulps of the exact one is the same amount to the cent.
The exceptions are the *decisions*: a comparison, the bracket a tier table picks, the jump of
``floor``/``ceil``/``round``. There a rounding error of one ulp can pay 10,000 instead of 20,000.

So the evaluator here is a *filtered predicate* evaluator, the idea of robust geometry
(J. R. Shewchuk, "Adaptive precision floating-point arithmetic and fast robust geometric
predicates", 1997; CGAL's filtered kernels): every value that reaches a decision carries a
rigorous bound on its float error, and a decision is *certain* when the two sides are further
apart than their bounds. Rows where some decision is not certain are marked; the caller
recomputes those rows exactly (:meth:`motivsim.Scheme.exact`) and keeps the float result
everywhere else. Where no value near a threshold occurs, that costs one comparison per decision.

Error bounds (``u = 2**-53``; ``e_a`` bounds ``|a - A|`` for the float ``a`` and exact ``A``):

===========================  ==================================================================
node                         bound
===========================  ==================================================================
KPI value ``x``              0 when ``x`` is a whole number below 2**53 (it is exact), else
                             ``u |x|`` (the decimal it prints as is within half an ulp)
constant, parameter          ``|float(c) - c|``, computed exactly (0 for 5, 0.5, 1_000_000)
``a + b``                    ``e_a + e_b + u |a + b|``
``a * b``                    ``|a| e_b + |b| e_a + e_a e_b + u |a b|``
``a / b``                    ``(|a| e_b + |b| e_a) / (|b| (|b| - e_b)) + u |a / b|``
                             (infinite when ``|b| <= e_b``: the divisor may be 0)
``x ** p``                   repeated products for whole ``p``; ``|p|`` times the relative
                             error (plus 4u) for a fractional ``p``
``min``, ``max``, ``abs``    the largest bound of the arguments (they are 1-Lipschitz)
``marginal``, ``interp``     Lipschitz constant times ``e_x``, plus the rounding of the sum
decision                     certain when ``|a - b| > e_a + e_b`` (bounds inflated by 1e-9
                             relative, which covers the rounding of the bounds themselves)
===========================  ==================================================================

Division is computed as a true division ``a / b`` (numerators and denominators of a product are
multiplied separately), so ``deals / 49`` at 49 is exactly 1, as it is on paper.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import sympy

from motivsim.formula.compile import NUMPY_RELATIONS, marginal_floats
from motivsim.formula.functions import (
    CENT_RULES,
    NODE_METHODS,
    Cents,
    If,
    Interp,
    Marginal,
    Round,
    Step,
)

__all__ = [
    "EXACTNESS",
    "MAX_UNROLLED",
    "CertifiedSteps",
    "Evaluation",
    "Known",
    "input_error",
    "known_of",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: What every report says of its numbers.
EXACTNESS: Final = (
    "Every threshold, bracket and rounding is decided as the pay statement decides it "
    "(exactly), whichever way pay is computed."
)
#: Unit roundoff of float64.
U: Final = 2.0**-53
#: Relative inflation of every bound at a decision: covers the rounding of the bound arithmetic.
_SLACK: Final = 1.0 + 1e-9
#: Absolute floor of every bound at a decision: covers underflow to subnormals.
_TINY: Final = 1e-300
#: Tier tables with at most this many brackets are looked up by comparisons, not a search.
MAX_UNROLLED: Final = 16
#: Largest magnitude below which a whole float is exactly the integer a person wrote.
_EXACT_INTS: Final = 2.0**53


@dataclass(slots=True)
class Value:
    """A node's value ``v`` (float or bool, array or scalar) and what is known of its error.

    ``e`` bounds ``|v - exact|``: a float for every row at once, or an array per row (``None``
    when not tracked); ``m`` bounds ``|v|`` over the rows when ``e`` is a float (it keeps the
    rounding terms scalar). ``unsure`` marks the rows some decision could not settle (``None``:
    none).
    """

    v: Any
    e: Any = None
    m: float = math.inf
    unsure: Any = None


Node = Callable[["Context"], Value]


#: What is known of an input's values before they are looked at (from the sampler that draws
#: them): ``(low, high, whole)``, every value in ``[low, high]``, and a whole number when
#: ``whole``. It saves passes over the values: no bound to compute for whole numbers of a known
#: range, one reduction instead of two for values of a known sign.
Known = tuple[float, float, bool]


def known_of(values: Any) -> Known:
    """What is known of ``values``: ``(lowest, highest, every value whole)``; nothing
    (``(-inf, inf, False)``) when there is no value or one is not a finite number.

    Examples
    --------
    >>> known_of(np.array([3.0, 7.0])), known_of(np.array([0.5, np.inf]))
    ((3.0, 7.0, True), (-inf, inf, False))
    """
    x = np.asarray(values, dtype=np.float64)
    if not x.size or not np.isfinite(x).all():
        return (-math.inf, math.inf, False)
    return (float(x.min()), float(x.max()), bool((np.floor(x) == x).all()))


class Context:
    """What a compiled node reads: values of names, their error bounds and unsure rows."""

    __slots__ = ("bounds", "known", "shared", "unsure", "values")

    def __init__(
        self,
        values: Mapping[str, Any],
        bounds: dict[str, Value],
        unsure: dict[str, Any],
        known: Mapping[str, Known] | None = None,
    ) -> None:
        self.values = values
        self.bounds = bounds
        self.unsure = unsure
        self.known = known or {}
        self.shared: dict[int, Value] = {}  # values of subexpressions a step uses twice

    def bounded(self, name: str) -> Value:
        """``name``'s value with its error bound (computed for a KPI input on first use)."""
        found = self.bounds.get(name)
        if found is None:
            value = self.values[name]
            e, m = input_error(value, self.known.get(name))
            found = self.bounds[name] = Value(value, e, m, None)
        return Value(found.v, found.e, found.m, self.unsure.get(name))


def input_error(value: Any, known: Known | None = None) -> tuple[Any, float]:
    """``(e, m)``: a bound on ``|x - X|`` for float inputs ``x`` standing for the decimals
    ``X`` they print as, and a bound on ``|x|``. ``e`` is 0 when every value is a whole number
    below 2**53 (it is exact), else half an ulp of the largest, ``u max|x|``. ``known`` (see
    :data:`Known`), when given, must hold for every value.

    Examples
    --------
    >>> input_error(28.0), input_error(np.array([0.1, -3.0]))[0] > 0
    ((0.0, 28.0), True)
    >>> input_error(np.array([3.0, 7.0]), (0.0, 40.0, True))  # not looked at
    (0.0, 40.0)
    """
    if known is not None:
        low, high, whole = known
        top = max(abs(low), abs(high))
        if whole and top < _EXACT_INTS:
            return 0.0, top
    x = np.asarray(value, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        if not x.size:
            m = 0.0
        elif known is not None and known[0] >= 0.0:  # one reduction: NaN and inf still show
            m = float(np.max(x))
        elif known is not None and known[1] <= 0.0:
            m = float(-np.min(x))
        else:
            m = float(max(np.max(x), -np.min(x)))
        if not math.isfinite(m):  # per row: inf and NaN rows get a bound that flags them
            return np.abs(x) * U, math.inf
        if m < _EXACT_INTS and _whole(x):
            return 0.0, m
    return m * U, m


def _whole(x: FloatArray) -> bool:
    """Whether every value is a whole number (a sample of 16 first, then all)."""
    head = x.reshape(-1)[:16]
    if not np.all(np.floor(head) == head):
        return False
    return bool(np.all(np.floor(x) == x))


def _or(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _scalar(e: Any) -> bool:
    return isinstance(e, float)


def _sure(mask: Any) -> Any:
    """``mask`` when some row is set, else ``None``."""
    return mask if mask is not None and np.any(mask) else None


def _near(a: Value, b: Value) -> Any:
    """Rows where ``a`` and ``b`` are within their error bounds (``None`` when none are).

    A value that is not a number (from a division by zero) is always near: the exact path
    decides what it is.
    """
    if _scalar(a.e) and _scalar(b.e) and a.e == 0.0 and b.e == 0.0:
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        if _scalar(a.e) and _scalar(b.e) and (np.ndim(a.v) == 0 or np.ndim(b.v) == 0):
            # a band around a constant: two comparisons on boolean arrays, no float temporary
            tol = (a.e + b.e) * _SLACK + _TINY
            x, c = (a.v, b.v) if np.ndim(b.v) == 0 else (b.v, a.v)
            if np.ndim(x) == 0:
                return True if not abs(x - c) > tol else None
            band = np.greater_equal(x, c - tol)
            np.logical_and(band, np.less_equal(x, c + tol), out=band)
            return band if band.any() else None
        tol = np.add(a.e, b.e) * _SLACK + _TINY
        near = ~(np.abs(np.subtract(a.v, b.v)) > tol)
    return _sure(near)


#: A relation seen from the array's side: ``c OP x`` is ``x FLIPPED c``.
_FLIPPED: Final = {
    sympy.StrictLessThan: sympy.StrictGreaterThan,
    sympy.LessThan: sympy.GreaterThan,
    sympy.StrictGreaterThan: sympy.StrictLessThan,
    sympy.GreaterThan: sympy.LessThan,
    sympy.Equality: sympy.Equality,
    sympy.Unequality: sympy.Unequality,
}


def _banded(a: Value, b: Value) -> Callable[[type], tuple[Any, Any]] | None:
    """For an array compared with a constant, both with scalar bounds: a function of the
    relation giving its value and its near rows from two comparisons with the edges of the band
    ``[c - tol, c + tol]`` (outside the band every comparison with ``c`` agrees with the edge
    ones; rows inside are near, and recomputed exactly). ``None`` for other operands."""
    if not (_scalar(a.e) and _scalar(b.e)) or (a.e == 0.0 and b.e == 0.0):
        return None
    if (np.ndim(a.v) == 0) == (np.ndim(b.v) == 0):
        return None
    flip = np.ndim(a.v) == 0
    x, c = (b.v, a.v) if flip else (a.v, b.v)
    tol = (a.e + b.e) * _SLACK + _TINY

    def decide(kind: type) -> tuple[Any, Any]:
        kind = _FLIPPED[kind] if flip else kind
        with np.errstate(invalid="ignore"):
            above = np.greater_equal(x, c - tol)  # x >= c, or within the band
            beyond = np.greater(x, c + tol)  # x > c, and out of the band
        # beyond is within above: a row is in the band when they differ, seldom (count them)
        near = None
        if np.count_nonzero(above) != np.count_nonzero(beyond):
            near = np.logical_and(above, np.logical_not(beyond))
        if kind in (sympy.GreaterThan, sympy.StrictGreaterThan):
            v = above
        elif kind in (sympy.LessThan, sympy.StrictLessThan):
            v = np.logical_not(beyond, out=beyond)
        elif kind is sympy.Equality:
            v = near if near is not None else np.zeros_like(above)
        else:
            v = np.logical_not(near) if near is not None else np.ones_like(above)
        return v, near

    return decide


def _constant_error(value: Fraction) -> float:
    """``|float(value) - value|`` rounded up (0 when ``value`` is a binary float)."""
    f = float(value)
    if not math.isfinite(f):
        return math.inf
    gap = abs(Fraction(f) - value)
    return 0.0 if gap == 0 else math.nextafter(float(gap), math.inf)


def _fraction(r: Any) -> Fraction:
    return Fraction(int(r.p), int(r.q))


# ---------------------------------------------------------------------------------------------
# error bounds of the arithmetic (scalar when both sides' bounds are)
# ---------------------------------------------------------------------------------------------
def _add(a: Value, b: Value, v: Any) -> Value:
    if _scalar(a.e) and _scalar(b.e):
        m = a.m + b.m
        return Value(v, a.e + b.e + U * m, m)
    return Value(v, np.add(np.add(a.e, b.e), np.abs(v) * U))


def _mul(a: Value, b: Value, v: Any) -> Value:
    if _scalar(a.e) and _scalar(b.e):
        m = a.m * b.m
        return Value(v, a.m * b.e + b.m * a.e + a.e * b.e + U * m, m)
    e = np.abs(a.v) * b.e + np.abs(b.v) * a.e + np.multiply(a.e, b.e) + np.abs(v) * U
    return Value(v, e)


def _lipschitz(a: Value, b: Value, v: Any) -> Value:
    """``min`` and ``max`` move no more than their arguments: the larger bound."""
    if _scalar(a.e) and _scalar(b.e):
        return Value(v, max(a.e, b.e), max(a.m, b.m))
    return Value(v, np.maximum(a.e, b.e))


def _fold(
    parts: Sequence[Node],
    op: Callable[[Any, Any], Any],
    bounds: Callable[[Value, Value, Any], Value],
    bound: bool,
) -> Node:
    """``op`` folded left over ``parts``, with the error bound of each step from ``bounds``
    when ``bound``; a row is unsure where any part is."""

    def run(ctx: Context) -> Value:
        acc = parts[0](ctx)
        for part in parts[1:]:
            nxt = part(ctx)
            v = op(acc.v, nxt.v)
            unsure = _or(acc.unsure, nxt.unsure)
            acc = bounds(acc, nxt, v) if bound else Value(v)
            acc.unsure = unsure
        return acc

    return run


def _div(a: Value, b: Value, v: Any) -> tuple[Value, Any]:
    """The quotient's bound, and the rows where the divisor may be 0 (the exact path decides)."""
    if np.ndim(b.v) == 0 and _scalar(a.e) and _scalar(b.e):
        ab = abs(float(b.v))
        if not ab > b.e:
            return Value(v, math.inf), True
        m = a.m / ab
        return Value(v, (a.m * b.e + ab * a.e) / (ab * (ab - b.e)) + U * m, m), None
    if _scalar(a.e) and _scalar(b.e) and 0 < np.size(b.v) < np.size(v):
        # a divisor broadcast over the rows (a person's own quota): one bound for every row,
        # at the divisor of least magnitude (the bound falls as |b| grows)
        with np.errstate(invalid="ignore"):
            ab = float(np.min(np.abs(b.v)))
        if ab > b.e:
            m = a.m / ab
            return Value(v, (a.m * b.e + ab * a.e) / (ab * (ab - b.e)) + U * m, m), None
    ab = np.abs(b.v)
    zero = ~(ab > b.e)
    numerator = np.abs(a.v) * b.e + ab * a.e
    e = np.divide(numerator, ab * (ab - b.e)) + np.abs(v) * U
    return Value(v, np.where(zero, np.inf, e)), _sure(zero)


# ---------------------------------------------------------------------------------------------
# the compiler
# ---------------------------------------------------------------------------------------------
class _Compiler:
    """Turns a sympy expression into a :data:`Node`; ``bound`` says whether the node's error
    bound is needed (it is for every value that reaches a decision). With ``certify=False``
    no bound is kept and no row is ever unsure: plain float64 (for benchmarks)."""

    def __init__(self, certify: bool = True) -> None:
        self.certify = certify
        self.repeated: frozenset[Any] = frozenset()
        self.memo: dict[tuple[Any, bool], Node] = {}

    def step(self, expr: Any, bound: bool) -> Node:
        """The node of one step's expression: a subexpression it holds more than once (the
        magnitude of ``If(pay >= 0, floor(100*Abs(pay) + 1/2), -floor(...))``) is computed
        once per evaluation."""
        self.repeated = _repeated(expr)
        self.memo = {}
        try:
            return self.make(expr, bound)
        finally:
            self.repeated, self.memo = frozenset(), {}

    def make(self, expr: Any, bound: bool) -> Node:
        bound = bound and self.certify
        if expr in self.repeated:
            key = (expr, bound)
            found = self.memo.get(key)
            if found is None:
                found = self.memo[key] = _once(self._make(expr, bound))
            return found
        return self._make(expr, bound)

    def _make(self, expr: Any, bound: bool) -> Node:
        if isinstance(expr, sympy.Rational):
            return self.constant(_fraction(expr), bound)
        if isinstance(expr, sympy.Symbol):
            return self.symbol(expr.name, bound)
        if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
            flag = bool(expr)
            return lambda ctx: Value(flag)
        for cls, method in NODE_METHODS:
            if isinstance(expr, cls):
                node: Node = getattr(self, method)(expr, bound)
                return node
        raise TypeError(f"motivsim cannot evaluate {type(expr).__name__}")  # pragma: no cover

    # -- leaves ---------------------------------------------------------------------------
    @staticmethod
    def constant(value: Fraction, bound: bool) -> Node:
        f = float(value)
        out = Value(f, _constant_error(value), abs(f)) if bound else Value(f)
        return lambda ctx: out

    @staticmethod
    def symbol(name: str, bound: bool) -> Node:
        if bound:
            return lambda ctx: ctx.bounded(name)
        return lambda ctx: Value(ctx.values[name], unsure=ctx.unsure.get(name))

    # -- arithmetic -----------------------------------------------------------------------
    def add(self, expr: Any, bound: bool) -> Node:
        """A sum, with each term ``-1 * x`` subtracted (one operation, not two)."""
        plus = [a for a in expr.args if not _negated(a)]
        minus = [sympy.Mul(*a.args[1:]) for a in expr.args if _negated(a)]
        if not plus or not minus:
            return _fold([self.make(a, bound) for a in expr.args], np.add, _add, bound)
        total = _fold([self.make(a, bound) for a in plus], np.add, _add, bound)
        taken = _fold([self.make(a, bound) for a in minus], np.add, _add, bound)
        return _fold([total, taken], np.subtract, _add, bound)

    def mul(self, expr: Any, bound: bool) -> Node:
        """A product as ``(product of numerators) / (product of denominators)``: a true
        division, so ``deals / 49`` at 49 is exactly 1."""
        numer: list[Any] = []
        denom: list[Any] = []
        for arg in expr.args:
            if isinstance(arg, sympy.Rational) and not isinstance(arg, sympy.Integer):
                if arg.p != 1:
                    numer.append(sympy.Integer(arg.p))
                denom.append(sympy.Integer(arg.q))
            elif isinstance(arg, sympy.Pow) and arg.exp.is_Integer and arg.exp < 0:
                denom.append(arg.base if arg.exp == -1 else sympy.Pow(arg.base, -arg.exp))
            else:
                numer.append(arg)
        one = self.constant(Fraction(1), bound)
        top = self.product([self.make(a, bound) for a in numer] or [one], bound)
        if not denom:
            return top
        bottom = self.product([self.make(a, bound) for a in denom], bound)
        return self.divide(top, bottom, bound)

    @staticmethod
    def product(parts: Sequence[Node], bound: bool) -> Node:
        return parts[0] if len(parts) == 1 else _fold(parts, np.multiply, _mul, bound)

    def divide(self, top: Node, bottom: Node, bound: bool) -> Node:
        certify = self.certify

        def run(ctx: Context) -> Value:
            a, b = top(ctx), bottom(ctx)
            with np.errstate(all="ignore"):
                v = np.divide(a.v, b.v)
                if bound:
                    out, zero = _div(a, b, v)
                elif certify:  # no bound needed, but a division by zero is the exact path's
                    out = Value(v)
                    zero = True if np.ndim(b.v) == 0 and b.v == 0 else _sure(np.equal(b.v, 0))
                else:
                    out, zero = Value(v), None
            if zero is True:
                zero = np.ones(np.shape(v), dtype=bool)
            out.unsure = _or(_or(a.unsure, b.unsure), zero)
            return out

        return run

    def pow(self, expr: Any, bound: bool) -> Node:
        exp = _fraction(expr.exp)
        base = self.make(expr.base, bound)
        if exp.denominator == 1 and exp != 0:
            power = self.product([base] * abs(int(exp)), bound)
            if exp > 0:
                return power
            return self.divide(self.constant(Fraction(1), bound), power, bound)
        p = float(exp)
        certify = self.certify

        def run(ctx: Context) -> Value:
            x = base(ctx)
            with np.errstate(all="ignore"):
                xv = np.asarray(x.v, dtype=np.float64)
                v = np.power(xv, p)
                odd = _sure(~(xv > 0)) if certify else None  # 0 or a negative base: exact path
                out = Value(v)
                if bound:
                    ax = np.abs(xv)
                    # the exact path takes the float power of the float nearest the exact base
                    rel_in = np.divide(np.add(x.e, ax * U), ax - x.e)
                    rel = np.where(ax > x.e, abs(p) * rel_in * 1.01 + 4 * U, np.inf)
                    out.e = np.abs(v) * rel
            out.unsure = _or(x.unsure, odd)
            return out

        return run

    def minmax(self, expr: Any, bound: bool) -> Node:
        op = np.minimum if isinstance(expr, sympy.Min) else np.maximum
        return _fold([self.make(a, bound) for a in expr.args], op, _lipschitz, bound)

    def abs(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], bound)

        def run(ctx: Context) -> Value:
            a = x(ctx)
            return Value(np.abs(a.v), a.e, a.m, a.unsure)

        return run

    # -- decisions ------------------------------------------------------------------------
    def floor(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], True)
        fn = np.floor if isinstance(expr, sympy.floor) else np.ceil

        def run(ctx: Context) -> Value:
            a = x(ctx)
            with np.errstate(invalid="ignore"):
                v = fn(a.v)
                jump = None
                if a.e is not None and not (_scalar(a.e) and a.e == 0.0):
                    jump = _jumps(a.v, v, a.e, fn is np.floor)
            return (
                Value(v, 0.0, a.m + 1.0, _or(a.unsure, jump))
                if bound
                else Value(v, unsure=_or(a.unsure, jump))
            )

        return run

    def round(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], True)
        digits = int(expr.args[1])
        factor = float(10 ** abs(digits))  # exact: 10**d for d <= 22
        grow = factor if digits >= 0 else 1.0 / factor

        def run(ctx: Context) -> Value:
            a = x(ctx)
            with np.errstate(invalid="ignore", over="ignore"):
                size = np.abs(a.v)
                scaled = size * factor if digits >= 0 else size / factor
                whole = np.floor(scaled + 0.5)
                jump = None
                if a.e is not None:
                    se = np.multiply(a.e, grow * _SLACK) + np.abs(scaled) * (2 * U) + _TINY
                    jump = _sure(~(np.floor(scaled - se + 0.5) == np.floor(scaled + se + 0.5)))
                signed = np.copysign(whole, a.v)
                v = signed / factor if digits >= 0 else signed * factor
            unsure = _or(a.unsure, jump)
            if not bound:
                return Value(v, unsure=unsure)
            m = a.m + grow / 2 if _scalar(a.e) else math.inf
            return Value(v, U * m if _scalar(a.e) else np.abs(v) * U, m, unsure)

        return run

    def cents(self, expr: Any, bound: bool) -> Node:
        """Whole cents of ``x`` by a rule of :data:`CENT_RULES`: ``y = 100 x`` rounded to the
        nearest whole number (a rule's ties are within the bound of a half, so unsure), or
        toward zero (``down``), or away from it (``up``; whole numbers, within the bound of
        one, are unsure). A row is unsure where an edge of the rounding lies within ``y``'s
        error bound (``100 e + u |y|``); NaN rows are unsure."""
        x = self.make(expr.args[0], True)
        rule = CENT_RULES[int(expr.args[1])]
        nearest = rule.startswith("half")
        certify = self.certify

        def run(ctx: Context) -> Value:
            a = x(ctx)
            with np.errstate(invalid="ignore", over="ignore"):
                y = np.multiply(a.v, 100.0)
                whole = np.rint(y) if nearest else np.trunc(y)
                unsure = a.unsure
                if certify:
                    if _scalar(a.e):
                        tol = (100.0 * a.e + U * 100.0 * a.m) * _SLACK + _TINY
                    else:
                        tol = (100.0 * a.e + U * np.abs(y)) * _SLACK + _TINY
                    off = np.abs(np.subtract(y, whole))  # [0, 1/2] or [0, 1)
                    if nearest:
                        clear = np.less(off, np.subtract(0.5, tol))
                    else:
                        clear = np.greater(off, tol)
                        np.logical_and(clear, np.less(off, np.subtract(1.0, tol)), out=clear)
                    near: Any = None
                    if np.ndim(clear) == 0:
                        near = None if clear else np.ones(np.shape(y), dtype=bool)
                    elif np.count_nonzero(clear) != clear.size:
                        near = np.logical_not(clear, out=clear)
                    unsure = _or(unsure, near)
                if rule == "up":
                    whole = whole + np.sign(y)
            m = 100.0 * a.m + 1.0 if _scalar(a.e) else math.inf
            return Value(whole, 0.0, m, unsure) if bound else Value(whole, unsure=unsure)

        return run

    def relational(self, expr: Any, bound: bool) -> Node:
        op = NUMPY_RELATIONS[type(expr)]
        lhs, rhs = self.make(expr.lhs, True), self.make(expr.rhs, True)
        certify = self.certify

        kind = type(expr)

        def run(ctx: Context) -> Value:
            a, b = lhs(ctx), rhs(ctx)
            unsure = _or(a.unsure, b.unsure)
            banded = _banded(a, b) if certify else None
            if banded is not None:
                v, near = banded(kind)
                return Value(v, unsure=_or(unsure, near))
            with np.errstate(invalid="ignore"):
                v = op(a.v, b.v)
            near = _near(a, b) if certify else None
            return Value(v, unsure=_or(unsure, near))

        return run

    def logic(self, expr: Any, bound: bool) -> Node:
        parts = [self.make(a, False) for a in expr.args]
        is_and = isinstance(expr, sympy.And)

        def run(ctx: Context) -> Value:
            values = [p(ctx) for p in parts]
            v = values[0].v
            for item in values[1:]:
                v = np.logical_and(v, item.v) if is_and else np.logical_or(v, item.v)
            if all(item.unsure is None for item in values):
                return Value(v)
            # a part that is certainly false (and) or certainly true (or) settles the row
            settled: Any = False
            unsure: Any = False
            for item in values:
                certain = item.v if not is_and else np.logical_not(item.v)
                if item.unsure is not None:
                    certain = np.logical_and(certain, np.logical_not(item.unsure))
                    unsure = np.logical_or(unsure, item.unsure)
                settled = np.logical_or(settled, certain)
            return Value(v, unsure=_sure(np.logical_and(unsure, np.logical_not(settled))))

        return run

    def negate(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], False)

        def run(ctx: Context) -> Value:
            a = x(ctx)
            return Value(np.logical_not(a.v), unsure=a.unsure)

        return run

    def conditional(self, expr: Any, bound: bool) -> Node:
        cond = self.make(expr.args[0], False)
        then, other = self.make(expr.args[1], bound), self.make(expr.args[2], bound)

        def run(ctx: Context) -> Value:
            c, a, b = cond(ctx), then(ctx), other(ctx)
            v = _choose(c.v, a.v, b.v)
            if not bound:
                out = Value(v)
            elif _scalar(a.e) and _scalar(b.e):
                out = Value(v, max(a.e, b.e), max(a.m, b.m))
            else:
                out = Value(v, np.where(c.v, a.e, b.e))
            if a.unsure is None and b.unsure is None:
                out.unsure = c.unsure
            else:
                branch = np.where(
                    c.v,
                    False if a.unsure is None else a.unsure,
                    False if b.unsure is None else b.unsure,
                )
                out.unsure = _or(c.unsure, _sure(branch))
            return out

        return run

    # -- tier tables ----------------------------------------------------------------------
    def tier(self, expr: Any, bound: bool) -> Node:
        kind = type(expr)
        x = self.make(expr.args[0], True if kind is Step else bound)
        points = [_fraction(b) for b in expr.args[1]]
        values = [_fraction(v) for v in expr.args[2]]
        fb = np.array([float(b) for b in points], dtype=np.float64)
        eb = np.array([_constant_error(b) for b in points], dtype=np.float64)
        fv = np.array([float(v) for v in values], dtype=np.float64)
        ev = max((_constant_error(v) for v in values), default=0.0)
        top = float(np.max(np.abs(fv))) if fv.size else 0.0
        if kind is Step:
            return self._step(x, fb, eb, fv, Value(0.0, ev, top), bound, self.certify)
        slope = _slopes(kind, points, values)
        span = float(max((abs(b) for b in points), default=0))
        rounding = 4 * (len(points) + 2) * U

        def run(ctx: Context) -> Value:
            a = x(ctx)
            xv = np.asarray(a.v, dtype=np.float64)
            v = marginal_floats(xv, fb, fv) if kind is Marginal else np.interp(xv, fb, fv)
            out = Value(v, unsure=a.unsure)
            if bound and _scalar(a.e):
                m = (a.m + span) * slope + top
                out.e, out.m = slope * a.e + rounding * m + ev, m
            elif bound:
                out.e = slope * a.e + rounding * ((np.abs(xv) + span) * slope + top) + ev
            return out

        return run

    @staticmethod
    def _step(
        x: Node,
        fb: FloatArray,
        eb: FloatArray,
        fv: FloatArray,
        table: Value,
        bound: bool,
        certify: bool,
    ) -> Node:
        k = fb.size
        exact_bounds = bool(not eb.any())
        unrolled = k <= MAX_UNROLLED
        edges = [Value(float(b), float(e), abs(float(b))) for b, e in zip(fb, eb, strict=True)]
        reverse = np.ascontiguousarray(fv[::-1])  # fv[k - i] for i breakpoints above x

        def run(ctx: Context) -> Value:
            a = x(ctx)
            xv = np.asarray(a.v, dtype=np.float64)
            checked = certify and not (exact_bounds and _scalar(a.e) and a.e == 0.0)
            unsure = a.unsure
            if unrolled and xv.ndim:  # k comparisons beat a binary search per value
                banded = checked and _scalar(a.e)
                tols = (a.e + eb) * _SLACK + _TINY if banded else None
                above, unsure = _above(xv, fb, tols, unsure)
                v = np.take(reverse, above)
                checked = checked and not banded  # else: per row bounds, checked below
            else:
                index = np.searchsorted(fb, xv, side="right")
                v = fv[index]
            if checked and k:
                point = Value(xv, a.e, a.m)
                if unrolled or not _scalar(a.e):
                    for edge in edges:
                        unsure = _or(unsure, _near(point, edge))
                else:  # only the breakpoints either side of x can be within the bounds
                    below, above = np.clip(index - 1, 0, k - 1), np.clip(index, 0, k - 1)
                    for side in (below, above):
                        unsure = _or(unsure, _near(point, Value(fb[side], eb[side])))
            if not bound:
                return Value(v, unsure=unsure)
            return Value(v, table.e, table.m, unsure)

        return run


def _jumps(x: Any, whole: Any, e: Any, floor: bool) -> Any:
    """Rows where ``floor(x)`` (``ceil(x)`` when not ``floor``), already computed as
    ``whole``, may differ from the exact value's: an integer lies within ``e`` of ``x``.

    The fraction ``x - floor(x)`` (``ceil(x) - x``) is one rounded subtraction, and rounding
    is monotone, so a fraction within the bound of 0 or 1 is never missed; NaN rows are
    always included.
    """
    tol = np.multiply(e, _SLACK) + _TINY
    frac = np.subtract(x, whole) if floor else np.subtract(whole, x)
    if np.ndim(frac) == 0:
        return None if tol < frac < 1.0 - tol else True
    clear = np.greater(frac, tol)
    np.logical_and(clear, np.less(frac, np.subtract(1.0, tol)), out=clear)
    if np.count_nonzero(clear) == clear.size:
        return None
    return np.logical_not(clear, out=clear)


def _negated(expr: Any) -> bool:
    """Whether ``expr`` is ``-1 * x`` (a term a sum subtracts)."""
    return isinstance(expr, sympy.Mul) and expr.args[0] == -1 and len(expr.args) > 1


def _repeated(expr: Any) -> frozenset[Any]:
    """Subexpressions (not symbols or numbers) that occur more than once in ``expr``."""
    seen: set[Any] = set()
    twice: set[Any] = set()
    for node in sympy.preorder_traversal(expr):
        if not node.args or isinstance(node, sympy.Tuple):
            continue
        if node in seen:
            twice.add(node)
        seen.add(node)
    return frozenset(twice)


def _once(node: Node) -> Node:
    """``node`` computed once per evaluation (a :class:`Context`); each caller gets its own
    :class:`Value` (callers may set its ``unsure``)."""
    key = id(node)

    def run(ctx: Context) -> Value:
        found = ctx.shared.get(key)
        if found is None:
            found = ctx.shared[key] = node(ctx)
        return Value(found.v, found.e, found.m, found.unsure)

    return run


def _choose(c: Any, a: Any, b: Any) -> Any:
    """``np.where(c, a, b)``; two float constants on a boolean array are looked up in a table
    of two (``np.where`` broadcasts them at about three times the cost)."""
    if (
        type(a) is float
        and type(b) is float
        and isinstance(c, np.ndarray)
        and c.ndim
        and c.dtype == bool
    ):
        return np.take(np.array([b, a]), c.view(np.uint8))
    return np.where(c, a, b)


def _above(
    x: FloatArray, points: FloatArray, tols: FloatArray | None, unsure: Any
) -> tuple[npt.NDArray[np.intp], Any]:
    """For each ``x``, how many of the (increasing, at most 255) ``points`` are above it:
    ``x < b``, so ``fv[k - i]`` is the bracket ``searchsorted(..., side="right")`` finds (NaN
    too: no point is above it). With ``tols``, each point's band ``[b - tol, b + tol]`` is
    checked: outside it ``x < b - tol`` is ``x < b``, and the rows inside join ``unsure``.

    A band costs one more comparison, and a count of each side: a row is inside when fewer
    rows are below ``b - tol`` than at or below ``b + tol``, which is seldom (the mask of
    the rows inside is built only then).
    """
    count: Any = None
    for j, b in enumerate(points):
        if tols is None:
            below = np.less(x, b)
        else:
            tol = tols[j]
            below = np.less(x, b - tol)
            n = np.count_nonzero(below)
            if n < below.size:
                inside = np.less_equal(x, b + tol)
                if np.count_nonzero(inside) != n:
                    np.logical_and(inside, np.logical_not(below), out=inside)
                    unsure = _or(unsure, inside)
        if count is None:
            count = below.view(np.uint8)  # sums of bools in bytes: up to 255 points
        else:
            count += below.view(np.uint8)
    if count is None:
        return np.zeros(np.shape(x), dtype=np.intp), unsure
    return count.astype(np.intp), unsure  # take() with intp: byte indices are slower


def _slopes(kind: type, points: Sequence[Fraction], values: Sequence[Fraction]) -> float:
    """The largest slope of a marginal or interp table (its Lipschitz constant)."""
    if kind is Marginal:
        return float(max(abs(v) for v in values))
    pairs = zip(points, points[1:], values, values[1:], strict=False)
    slopes = [abs((y1 - y0) / (x1 - x0)) for x0, x1, y0, y1 in pairs if x1 != x0]
    return float(max(slopes, default=Fraction(0)))


# ---------------------------------------------------------------------------------------------
# a scheme's steps
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evaluation:
    """The float values of the steps computed, and the rows to recompute exactly (``None``:
    every decision was certain); ``bounds`` holds ``(e, m)`` of the names asked to be kept
    (see :class:`CertifiedSteps`): a bound on each value's error and on its magnitude."""

    values: dict[str, Any]
    unsure: Any
    bounds: dict[str, tuple[Any, float]] = field(default_factory=dict)


class CertifiedSteps:
    """Named expressions (formula steps, then any extra ones such as ``plan_met``) compiled to
    run in order on arrays, with error bounds where a later decision needs them.

    Parameters
    ----------
    steps : sequence of (name, sympy expression)
        In dependency order; a name may be used by the expressions after it.
    params : mapping of name to Fraction
        The parameters (exact): their floats and error bounds are computed once.
    guards : mapping of step name to divisor expressions, optional
        Divisors a step's formula divides by as written but its (simplified) expression no
        longer does (``S / S`` is 1): rows where one may be 0 are sent to the exact path.
    certify : bool, default True
        ``False`` computes in plain float64 and never reports an unsure row: the speed
        baseline of ``benchmarks/simulate_bench.py``, not for computing pay.
    keep : names, optional
        Steps and inputs whose error bounds :meth:`run` returns (``Evaluation.bounds``): the
        values a plan carries into the next period (``x`` of ``prior(x)``), whose error the
        next period's decisions must know.
    """

    def __init__(
        self,
        steps: Sequence[tuple[str, Any]],
        params: Mapping[str, Fraction],
        *,
        certify: bool = True,
        guards: Mapping[str, Sequence[Any]] | None = None,
        keep: Iterable[str] = (),
    ) -> None:
        self.names = tuple(name for name, _ in steps)
        self.keep = tuple(keep) if certify else ()
        checks = [
            (f"\x00guard {name}", sympy.Eq(d, 0))
            for name, divisors in (guards or {}).items()
            for d in divisors
        ]
        bounded = _bounded_names([*steps, *checks], self.keep) if certify else set()
        compiler = _Compiler(certify)
        self.nodes = tuple(
            (name, compiler.step(expr, name in bounded), name in bounded) for name, expr in steps
        )
        self.guards = {
            name: tuple(compiler.make(d, True) for d in divisors)
            for name, divisors in (guards or {}).items()
            if divisors and certify
        }
        self.params = {k: float(v) for k, v in params.items()}
        self.param_bounds = {
            k: Value(float(v), _constant_error(v), abs(float(v))) for k, v in params.items()
        }

    def run(
        self,
        inputs: Mapping[str, Any],
        only: Iterable[str] | None = None,
        known: Mapping[str, Known] | None = None,
        bounds_of: Mapping[str, tuple[Any, float]] | None = None,
    ) -> Evaluation:
        """Compute the steps (those of ``only`` when given) from KPI ``inputs``; ``known``
        says what is known of some inputs' values (see :data:`Known`); ``bounds_of`` gives
        the error bound ``(e, m)`` of inputs that are not the decimals they print as (values
        carried from an earlier period)."""
        values: dict[str, Any] = dict(self.params)
        values.update(inputs)
        bounds: dict[str, Value] = dict(self.param_bounds)
        for name, (e, m) in (bounds_of or {}).items():
            bounds[name] = Value(values[name], e, m)
        unsure_of: dict[str, Any] = {}
        ctx = Context(values, bounds, unsure_of, known)
        wanted = None if only is None else set(only)
        unsure: Any = None
        with np.errstate(all="ignore"):
            for name, node, bounded in self.nodes:
                if wanted is not None and name not in wanted:
                    continue
                out = node(ctx)
                for guard in self.guards.get(name, ()):  # divisions sympy simplified away
                    out.unsure = _or(out.unsure, _maybe_zero(guard(ctx)))
                values[name] = out.v
                if bounded:
                    bounds[name] = Value(out.v, out.e, out.m)
                if out.unsure is not None:
                    unsure_of[name] = out.unsure
                    unsure = _or(unsure, out.unsure)
        kept: dict[str, tuple[Any, float]] = {}
        for name in self.keep:
            if name in values:
                found = ctx.bounded(name) if name not in bounds else bounds[name]
                kept[name] = (found.e, found.m)
        return Evaluation({n: values[n] for n in self.names if n in values}, unsure, kept)


_ZERO: Final = Value(0.0, 0.0, 0.0)


def _maybe_zero(value: Value) -> Any:
    """Rows where ``value`` is or may be 0 (``None`` when none)."""
    if _scalar(value.e) and value.e == 0.0:
        if np.ndim(value.v) == 0:
            return True if value.v == 0 else None
        return _sure(np.equal(value.v, 0))
    return _near(value, _ZERO)


def _bounded_names(steps: Sequence[tuple[str, Any]], keep: Iterable[str] = ()) -> set[str]:
    """Names of the steps whose error bound a decision after them needs (or ``keep`` asks)."""
    needed: set[str] = set(keep)
    for name, expr in reversed(steps):
        needed |= _symbols_needing_bounds(expr, name in needed)
    return needed


def _symbols_needing_bounds(expr: Any, bound: bool) -> set[str]:
    """Symbols of ``expr`` whose error bound its evaluation uses."""
    if isinstance(expr, sympy.Symbol):
        return {expr.name} if bound else set()
    if not expr.args or isinstance(expr, sympy.Tuple):
        return set()
    decides = isinstance(
        expr,
        sympy.core.relational.Relational | sympy.floor | sympy.ceiling | Step | Round | Cents,
    ) or (isinstance(expr, Marginal | Interp) and bound)
    out: set[str] = set()
    for i, arg in enumerate(expr.args):
        if isinstance(expr, If):
            child = False if i == 0 else bound
        elif isinstance(expr, sympy.And | sympy.Or | sympy.Not):
            child = False
        else:
            child = decides or bound
        out |= _symbols_needing_bounds(arg, child)
    return out
