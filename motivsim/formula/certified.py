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
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import sympy

from motivsim.formula.functions import If, Interp, Marginal, Round, Step

__all__ = ["MAX_UNROLLED", "CertifiedSteps", "Evaluation", "input_error"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

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
    """A node's value ``v`` (float or bool, array or scalar), its error bound ``e`` (``None``
    when not tracked, ``0.0`` when exact) and the rows whose result is not certain (``None``:
    none)."""

    v: Any
    e: Any
    unsure: Any


Node = Callable[["Context"], Value]


class Context:
    """What a compiled node reads: values of names, their error bounds and unsure rows."""

    __slots__ = ("errors", "unsure", "values")

    def __init__(
        self,
        values: Mapping[str, Any],
        errors: dict[str, Any],
        unsure: dict[str, Any],
    ) -> None:
        self.values = values
        self.errors = errors
        self.unsure = unsure

    def error(self, name: str) -> Any:
        """The error bound of ``name`` (computed for a KPI input on first use)."""
        found = self.errors.get(name)
        if found is None:
            found = self.errors[name] = input_error(self.values[name])
        return found


def input_error(value: Any) -> Any:
    """A bound on ``|x - X|`` for a float input ``x`` standing for the decimal ``X`` it
    prints as: 0 when every value is a whole number (below 2**53), else half an ulp, ``u |x|``
    (also for the whole numbers among fractional ones: a bound need not be tight).

    Examples
    --------
    >>> input_error(28.0), input_error(0.1) > 0
    (0.0, True)
    """
    x = np.asarray(value, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        if np.all(np.floor(x) == x) and np.all(np.abs(x) < _EXACT_INTS):
            return 0.0
    return abs(float(x)) * U if x.ndim == 0 else np.abs(x) * U


def _or(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _near(a: Any, b: Any, ea: Any, eb: Any) -> Any:
    """Rows where ``a`` and ``b`` are within their error bounds (``None`` when none can be)."""
    if _is_zero(ea) and _is_zero(eb):
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        near = ~(np.abs(np.subtract(a, b)) > (np.add(ea, eb) * _SLACK + _TINY))
    return near if np.any(near) else None


def _is_zero(e: Any) -> bool:
    return isinstance(e, float) and e == 0.0


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
# the compiler
# ---------------------------------------------------------------------------------------------
class _Compiler:
    """Turns a sympy expression into a :data:`Node`; ``bound`` says whether the node's error
    bound is needed (it is for every value that reaches a decision). With ``certify=False``
    no bound is kept and no row is ever unsure: plain float64 (for benchmarks)."""

    def __init__(self, certify: bool = True) -> None:
        self.certify = certify

    def make(self, expr: Any, bound: bool) -> Node:
        if isinstance(expr, sympy.Rational):
            return self.constant(_fraction(expr), bound)
        if isinstance(expr, sympy.Symbol):
            return self.symbol(expr.name, bound)
        if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
            flag = bool(expr)
            return lambda ctx: Value(flag, None, None)
        for cls, method in _METHODS:
            if isinstance(expr, cls):
                return getattr(self, method)(expr, bound)
        raise TypeError(f"motivsim cannot evaluate {type(expr).__name__}")  # pragma: no cover

    # -- leaves ---------------------------------------------------------------------------
    @staticmethod
    def constant(value: Fraction, bound: bool) -> Node:
        out = Value(float(value), _constant_error(value) if bound else None, None)
        return lambda ctx: out

    @staticmethod
    def symbol(name: str, bound: bool) -> Node:
        if bound:
            return lambda ctx: Value(ctx.values[name], ctx.error(name), ctx.unsure.get(name))
        return lambda ctx: Value(ctx.values[name], None, ctx.unsure.get(name))

    # -- arithmetic -----------------------------------------------------------------------
    def add(self, expr: Any, bound: bool) -> Node:
        parts = [self.make(a, bound) for a in expr.args]

        def run(ctx: Context) -> Value:
            acc = parts[0](ctx)
            v, e, unsure = acc.v, acc.e, acc.unsure
            for part in parts[1:]:
                nxt = part(ctx)
                v = np.add(v, nxt.v)
                if bound:
                    e = np.add(np.add(e, nxt.e), np.abs(v) * U)
                unsure = _or(unsure, nxt.unsure)
            return Value(v, _simplify(e) if bound else None, unsure)

        return run

    def mul(self, expr: Any, bound: bool) -> Node:
        """A product as ``(product of numerators) / (product of denominators)``."""
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
        top = self.product([self.make(a, bound) for a in numer] or [self.constant(Fraction(1), bound)])
        if not denom:
            return top
        bottom = self.product([self.make(a, bound) for a in denom])
        return self.divide(top, bottom, bound)

    @staticmethod
    def product(parts: Sequence[Node]) -> Node:
        if len(parts) == 1:
            return parts[0]

        def run(ctx: Context) -> Value:
            acc = parts[0](ctx)
            v, e, unsure = acc.v, acc.e, acc.unsure
            for part in parts[1:]:
                nxt = part(ctx)
                if e is not None:
                    e = _mul_error(v, e, nxt.v, nxt.e)
                v = np.multiply(v, nxt.v)
                if e is not None:
                    e = _simplify(np.add(e, np.abs(v) * U))
                unsure = _or(unsure, nxt.unsure)
            return Value(v, e, unsure)

        return run

    @staticmethod
    def divide(top: Node, bottom: Node, bound: bool) -> Node:
        def run(ctx: Context) -> Value:
            a, b = top(ctx), bottom(ctx)
            with np.errstate(all="ignore"):
                v = np.divide(a.v, b.v)
                e = None
                if bound:
                    e = _simplify(_div_error(a.v, a.e, b.v, b.e, v))
            return Value(v, e, _or(a.unsure, b.unsure))

        return run

    def pow(self, expr: Any, bound: bool) -> Node:
        exp = _fraction(expr.exp)
        base = self.make(expr.base, bound)
        if exp.denominator == 1 and exp != 0:
            n = abs(int(exp))
            power = self.product([base] * n)
            if exp > 0:
                return power
            return self.divide(self.constant(Fraction(1), bound), power, bound)
        p = float(exp)

        def run(ctx: Context) -> Value:
            x = base(ctx)
            with np.errstate(all="ignore"):
                v = np.power(np.asarray(x.v, dtype=np.float64), p)
                e = None
                if bound:
                    ax = np.abs(x.v)
                    # the exact path takes the float power of the float nearest the exact base
                    rel_in = np.divide(np.add(x.e, ax * U), ax - x.e)
                    rel = np.where(ax > x.e, abs(p) * rel_in * 1.01 + 4 * U, np.inf)
                    e = _simplify(np.abs(v) * rel)
            return Value(v, e, x.unsure)

        return run

    def minmax(self, expr: Any, bound: bool) -> Node:
        parts = [self.make(a, bound) for a in expr.args]
        op = np.minimum if isinstance(expr, sympy.Min) else np.maximum

        def run(ctx: Context) -> Value:
            acc = parts[0](ctx)
            v, e, unsure = acc.v, acc.e, acc.unsure
            for part in parts[1:]:
                nxt = part(ctx)
                v = op(v, nxt.v)
                if bound:
                    e = _simplify(np.maximum(e, nxt.e))
                unsure = _or(unsure, nxt.unsure)
            return Value(v, e, unsure)

        return run

    def abs(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], bound)

        def run(ctx: Context) -> Value:
            a = x(ctx)
            return Value(np.abs(a.v), a.e, a.unsure)

        return run

    # -- decisions ------------------------------------------------------------------------
    def floor(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], self.certify)
        fn = np.floor if isinstance(expr, sympy.floor) else np.ceil

        def run(ctx: Context) -> Value:
            a = x(ctx)
            with np.errstate(invalid="ignore"):
                v = fn(a.v)
                unsure = None
                if a.e is not None and not _is_zero(a.e):
                    lo, hi = fn(np.subtract(a.v, a.e)), fn(np.add(a.v, a.e))
                    jump = ~(lo == hi)
                    unsure = jump if np.any(jump) else None
            return Value(v, 0.0 if bound else None, _or(a.unsure, unsure))

        return run

    def round(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], self.certify)
        digits = int(expr.args[1])
        certify = self.certify
        factor = float(10 ** abs(digits))  # exact: 10**d for d <= 22

        def run(ctx: Context) -> Value:
            a = x(ctx)
            with np.errstate(invalid="ignore", over="ignore"):
                size = np.abs(a.v)
                scaled = size * factor if digits >= 0 else size / factor
                grow = factor if digits >= 0 else 1.0 / factor
                whole = np.floor(scaled + 0.5)
                jump = None
                if certify:
                    se = np.add(np.multiply(a.e, grow * (1 + 2 * U)), np.abs(scaled) * U)
                    lo, hi = np.floor(scaled - se + 0.5), np.floor(scaled + se + 0.5)
                    jump = ~(lo == hi)
                signed = np.copysign(whole, a.v)
                v = signed / factor if digits >= 0 else signed * factor
            unsure = jump if jump is not None and np.any(jump) else None
            e = _simplify(np.abs(v) * U) if bound else None
            return Value(v, e, _or(a.unsure, unsure))

        return run

    def relational(self, expr: Any, bound: bool) -> Node:
        op = _RELATIONS[type(expr)]
        lhs, rhs = self.make(expr.lhs, self.certify), self.make(expr.rhs, self.certify)
        certify = self.certify

        def run(ctx: Context) -> Value:
            a, b = lhs(ctx), rhs(ctx)
            with np.errstate(invalid="ignore"):
                v = op(a.v, b.v)
            near = _near(a.v, b.v, a.e, b.e) if certify else None
            return Value(v, None, _or(_or(a.unsure, b.unsure), near))

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
                return Value(v, None, None)
            # a part that is certainly false (and) or certainly true (or) settles the row
            settled: Any = False
            unsure: Any = False
            for item in values:
                certain = item.v if not is_and else np.logical_not(item.v)
                if item.unsure is not None:
                    certain = np.logical_and(certain, np.logical_not(item.unsure))
                    unsure = np.logical_or(unsure, item.unsure)
                settled = np.logical_or(settled, certain)
            flagged = np.logical_and(unsure, np.logical_not(settled))
            return Value(v, None, flagged if np.any(flagged) else None)

        return run

    def negate(self, expr: Any, bound: bool) -> Node:
        x = self.make(expr.args[0], False)

        def run(ctx: Context) -> Value:
            a = x(ctx)
            return Value(np.logical_not(a.v), None, a.unsure)

        return run

    def conditional(self, expr: Any, bound: bool) -> Node:
        cond = self.make(expr.args[0], False)
        then, other = self.make(expr.args[1], bound), self.make(expr.args[2], bound)

        def run(ctx: Context) -> Value:
            c, a, b = cond(ctx), then(ctx), other(ctx)
            v = np.where(c.v, a.v, b.v)
            e = _simplify(np.where(c.v, a.e, b.e)) if bound else None
            if a.unsure is None and b.unsure is None:
                unsure = c.unsure
            else:
                branch = np.where(
                    c.v,
                    False if a.unsure is None else a.unsure,
                    False if b.unsure is None else b.unsure,
                )
                unsure = _or(c.unsure, branch if np.any(branch) else None)
            return Value(v, e, unsure)

        return run

    # -- tier tables ----------------------------------------------------------------------
    def tier(self, expr: Any, bound: bool) -> Node:
        kind = type(expr)
        x = self.make(expr.args[0], self.certify if kind is Step else bound)
        points = [_fraction(b) for b in expr.args[1]]
        values = [_fraction(v) for v in expr.args[2]]
        fb = np.array([float(b) for b in points], dtype=np.float64)
        eb = np.array([_constant_error(b) for b in points], dtype=np.float64)
        fv = np.array([float(v) for v in values], dtype=np.float64)
        ev = max((_constant_error(v) for v in values), default=0.0)
        if kind is Step:
            return self._step(x, fb, eb, fv, ev, bound, self.certify)
        slopes = _slopes(kind, points, values)
        span = float(max((abs(b) for b in points), default=0))
        scale = float(max((abs(v) for v in values), default=0))
        terms = len(points) + 2
        base = Marginal if kind is Marginal else Interp

        def run(ctx: Context) -> Value:
            a = x(ctx)
            xv = np.asarray(a.v, dtype=np.float64)
            v = _marginal(xv, fb, fv) if base is Marginal else np.interp(xv, fb, fv)
            e = None
            if bound:
                size = (np.abs(xv) + span) * slopes + scale
                e = _simplify(np.add(np.multiply(a.e, slopes), (4 * terms * U) * size + ev))
            return Value(v, e, a.unsure)

        return run

    @staticmethod
    def _step(
        x: Node,
        fb: FloatArray,
        eb: FloatArray,
        fv: FloatArray,
        ev: float,
        bound: bool,
        certify: bool,
    ) -> Node:
        exact_bounds = bool(not eb.any())
        unrolled = fb.size <= MAX_UNROLLED
        k = fb.size

        def run(ctx: Context) -> Value:
            a = x(ctx)
            xv = np.asarray(a.v, dtype=np.float64)
            if unrolled:  # k comparisons beat a binary search per value; same index, NaN too
                index = np.full(xv.shape, k, dtype=np.intp)
                for b in fb:
                    index -= xv < b
            else:
                index = np.searchsorted(fb, xv, side="right")
            v = fv[index]
            unsure = None
            if certify and k and not (exact_bounds and _is_zero(a.e)):
                if unrolled:
                    for b, e in zip(fb, eb, strict=True):
                        unsure = _or(unsure, _near(xv, b, a.e, e))
                else:  # only the breakpoints either side of x can be within the bounds
                    below = np.clip(index - 1, 0, k - 1)
                    above = np.clip(index, 0, k - 1)
                    unsure = _or(
                        _near(xv, fb[below], a.e, eb[below]), _near(xv, fb[above], a.e, eb[above])
                    )
            e = _simplify(ev) if bound else None
            return Value(v, e, _or(a.unsure, unsure))

        return run


def _slopes(kind: type, points: Sequence[Fraction], values: Sequence[Fraction]) -> float:
    """The largest slope of a marginal or interp table (its Lipschitz constant)."""
    if kind is Marginal:
        return float(max(abs(v) for v in values))
    pairs = zip(points, points[1:], values, values[1:], strict=False)
    slopes = [abs((y1 - y0) / (x1 - x0)) for x0, x1, y0, y1 in pairs if x1 != x0]
    return float(max(slopes, default=Fraction(0)))


def _marginal(x: FloatArray, bounds: FloatArray, rates: FloatArray) -> FloatArray:
    """``r0 * min(x, b1) + sum r_i * clip(x - b_i, 0, w_i)``, as :func:`marginal_value`."""
    widths = np.append(np.diff(bounds), np.inf)
    total = rates[0] * np.minimum(x, bounds[0]) if bounds.size else rates[0] * x
    for lo, width, rate in zip(bounds, widths, rates[1:], strict=True):
        total = total + rate * np.clip(x - lo, 0.0, width)
    return np.asarray(total, dtype=np.float64)


def _mul_error(a: Any, ea: Any, b: Any, eb: Any) -> Any:
    if _is_zero(ea) and _is_zero(eb):
        return 0.0
    with np.errstate(all="ignore"):
        return np.add(
            np.add(np.multiply(np.abs(a), eb), np.multiply(np.abs(b), ea)), np.multiply(ea, eb)
        )


def _div_error(a: Any, ea: Any, b: Any, eb: Any, v: Any) -> Any:
    rounding = np.abs(v) * U
    if _is_zero(eb):  # an exact divisor (a parameter, a whole-number KPI): |e_a / b|
        if _is_zero(ea):
            return rounding
        with np.errstate(all="ignore"):
            return np.add(np.divide(ea, np.abs(b)), rounding)
    ab = np.abs(b)
    numerator = np.add(np.multiply(np.abs(a), eb), np.multiply(ab, ea))
    denominator = np.multiply(ab, np.subtract(ab, eb))
    bound = np.where(ab > eb, np.divide(numerator, denominator), np.inf)
    return np.add(bound, rounding)


def _simplify(e: Any) -> Any:
    """A 0-d bound as a Python float (so later nodes can test for an exact 0.0 cheaply)."""
    if isinstance(e, float):
        return e
    arr = np.asarray(e)
    return float(arr) if arr.ndim == 0 else arr


_RELATIONS: Final[dict[type, Callable[[Any, Any], Any]]] = {
    sympy.StrictLessThan: np.less,
    sympy.LessThan: np.less_equal,
    sympy.StrictGreaterThan: np.greater,
    sympy.GreaterThan: np.greater_equal,
    sympy.Equality: np.equal,
    sympy.Unequality: np.not_equal,
}

_METHODS: Final[tuple[tuple[type, str], ...]] = (
    (sympy.Add, "add"),
    (sympy.Mul, "mul"),
    (sympy.Pow, "pow"),
    (sympy.Min, "minmax"),
    (sympy.Max, "minmax"),
    (sympy.Abs, "abs"),
    (sympy.floor, "floor"),
    (sympy.ceiling, "floor"),
    (If, "conditional"),
    (sympy.core.relational.Relational, "relational"),
    (sympy.And, "logic"),
    (sympy.Or, "logic"),
    (sympy.Not, "negate"),
    (Step, "tier"),
    (Marginal, "tier"),
    (Interp, "tier"),
    (Round, "round"),
)


# ---------------------------------------------------------------------------------------------
# a scheme's steps
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Evaluation:
    """The float values of the steps computed, and the rows to recompute exactly (``None``:
    every decision was certain)."""

    values: dict[str, Any]
    unsure: Any


class CertifiedSteps:
    """Named expressions (formula steps, then any extra ones such as ``plan_met``) compiled to
    run in order on arrays, with error bounds where a later decision needs them.

    Parameters
    ----------
    steps : sequence of (name, sympy expression)
        In dependency order; a name may be used by the expressions after it.
    params : mapping of name to Fraction
        The parameters (exact): their floats and error bounds are computed once.
    certify : bool, default True
        ``False`` computes in plain float64 and never reports an unsure row: the speed
        baseline of ``benchmarks/simulate_bench.py``, not for computing pay.
    """

    def __init__(
        self,
        steps: Sequence[tuple[str, Any]],
        params: Mapping[str, Fraction],
        *,
        certify: bool = True,
    ) -> None:
        self.names = tuple(name for name, _ in steps)
        bounded = _bounded_names(steps) if certify else set()
        compiler = _Compiler(certify)
        self.nodes = tuple(
            (name, compiler.make(expr, name in bounded), name in bounded) for name, expr in steps
        )
        self.params = {k: float(v) for k, v in params.items()}
        self.param_errors = {k: _constant_error(v) for k, v in params.items()}

    def run(self, inputs: Mapping[str, Any], only: Iterable[str] | None = None) -> Evaluation:
        """Compute the steps (those of ``only`` when given) from KPI ``inputs``."""
        values: dict[str, Any] = dict(self.params)
        values.update(inputs)
        errors: dict[str, Any] = dict(self.param_errors)
        unsure_of: dict[str, Any] = {}
        ctx = Context(values, errors, unsure_of)
        wanted = None if only is None else set(only)
        unsure: Any = None
        with np.errstate(all="ignore"):
            for name, node, bounded in self.nodes:
                if wanted is not None and name not in wanted:
                    continue
                out = node(ctx)
                values[name] = out.v
                if bounded:
                    errors[name] = out.e
                if out.unsure is not None:
                    unsure_of[name] = out.unsure
                    unsure = _or(unsure, out.unsure)
        return Evaluation({n: values[n] for n in self.names if n in values}, unsure)


def _bounded_names(steps: Sequence[tuple[str, Any]]) -> set[str]:
    """Names of the steps whose error bound a decision after them needs."""
    needed: set[str] = set()
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
        sympy.core.relational.Relational | sympy.floor | sympy.ceiling | Step | Round,
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
