"""Exact evaluation of many rows at once: rationals as numerator and denominator arrays.

The certified evaluator (:mod:`motivsim.formula.certified`) sends the rows it cannot settle
in float64 here. The answer is the exact path's (:func:`motivsim.formula.compile.compile_exact`,
one row at a time on ``Fraction``), computed column-wise on numpy ``object`` arrays of Python
integers: each value is a numerator array and a positive denominator array, so a row costs a
few integer operations per node instead of building ``Fraction`` objects, and thousands of
rows at a threshold stay cheap. Rows where a step has no value (a division by zero, a power of
a negative number) are marked per value and follow ``if`` the way the exact path does: only the
branch taken counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from motivsim.formula.cents import cents_expression
from motivsim.formula.compile import NUMPY_RELATIONS
from motivsim.formula.functions import CENT_RULES, NODE_METHODS, Marginal, Step

__all__ = ["RationalSteps", "exact_inputs"]

ObjArray = Any  # numpy object arrays of Python ints (or Python ints for constants)


@dataclass(slots=True)
class Num:
    """Rows of rationals ``n / d`` (``d > 0``) and the rows with no value (``bad``)."""

    n: ObjArray
    d: ObjArray
    bad: Any = None


@dataclass(slots=True)
class Flag:
    """Rows of yes/no values and the rows with no value (``bad``)."""

    v: Any
    bad: Any = None


Node = Callable[[Mapping[str, Any]], Any]


def exact_inputs(values: Any) -> Num:
    """Float inputs as the exact decimals they print as (the exact path's reading of a float:
    ``Fraction(repr(x))``); an infinite or NaN input has no exact value (``bad``).

    Examples
    --------
    >>> x = exact_inputs(np.array([28.0, 0.1, np.inf]))
    >>> x.n.tolist(), x.d.tolist(), x.bad.tolist()
    ([28, 1, 0], [1, 10, 1], [False, False, True])
    """
    x = np.asarray(values, dtype=np.float64).reshape(-1)
    n = np.empty(x.size, dtype=object)
    d = np.empty(x.size, dtype=object)
    bad = ~np.isfinite(x)
    for i, value in enumerate(x.tolist()):
        if not math.isfinite(value):
            n[i], d[i] = 0, 1
        elif value.is_integer():
            n[i], d[i] = int(value), 1
        else:
            exact = Fraction(repr(value))
            n[i], d[i] = exact.numerator, exact.denominator
    return Num(n, d, bad if bad.any() else None)


def _or(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _bools(value: Any) -> Any:
    return np.asarray(value, dtype=bool)


def _less(a: Num, b: Num) -> Any:
    return _bools(a.n * b.d < b.n * a.d)


def _obj(x: Any) -> Any:
    """``x`` as an array of Python integers (numpy's fixed-width integers could overflow)."""
    return np.asarray(x, dtype=object)


def _where(cond: Any, a: Any, b: Any) -> Any:
    return np.where(cond, _obj(a), _obj(b))


def _pick(cond: Any, a: Num, b: Num) -> Num:
    bad = None
    if a.bad is not None or b.bad is not None:
        bad = np.where(cond, False if a.bad is None else a.bad, False if b.bad is None else b.bad)
    return Num(_where(cond, a.n, b.n), _where(cond, a.d, b.d), bad)


def _const(value: Fraction) -> Num:
    return Num(value.numerator, value.denominator)


def _add(a: Num, b: Num) -> Num:
    if isinstance(a.d, int) and isinstance(b.d, int) and a.d == b.d == 1:
        return Num(a.n + b.n, 1, _or(a.bad, b.bad))
    return _reduced(a.n * b.d + b.n * a.d, a.d * b.d, _or(a.bad, b.bad))


def _mul(a: Num, b: Num) -> Num:
    return _reduced(a.n * b.n, a.d * b.d, _or(a.bad, b.bad))


def _div(a: Num, b: Num) -> Num:
    zero = _bools(b.n == 0)
    sign = _where(_bools(b.n < 0), -1, 1)
    n = _obj(a.n) * b.d * sign
    d = _where(zero, 1, _obj(a.d) * b.n * sign)
    bad = _or(_or(a.bad, b.bad), zero if np.any(zero) else None)
    return _reduced(n, d, bad)


def _reduced(n: Any, d: Any, bad: Any) -> Num:
    """``n / d`` in lowest terms (keeps long chains small)."""
    if isinstance(n, int) and isinstance(d, int):
        g = math.gcd(n, d) or 1
        return Num(n // g, d // g, bad)
    if isinstance(d, int) and d == 1:
        return Num(_obj(n), d, bad)
    n, d = _obj(n), _obj(d)
    g = np.gcd(n, d)
    g = _where(_bools(g == 0), 1, g)
    return Num(n // g, d // g, bad)


class _Compiler:
    def make(self, expr: Any) -> Node:
        if isinstance(expr, sympy.Rational):
            out = _const(Fraction(int(expr.p), int(expr.q)))
            return lambda env: out
        if isinstance(expr, sympy.Symbol):
            name = expr.name
            return lambda env: env[name]
        if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
            flag = Flag(bool(expr))
            return lambda env: flag
        for cls, method in NODE_METHODS:
            if isinstance(expr, cls):
                node: Node = getattr(self, method)(expr)
                return node
        raise TypeError(f"motivsim cannot evaluate {type(expr).__name__}")  # pragma: no cover

    def fold(self, expr: Any, op: Callable[[Num, Num], Num]) -> Node:
        parts = [self.make(a) for a in expr.args]

        def run(env: Mapping[str, Any]) -> Num:
            acc = parts[0](env)
            for part in parts[1:]:
                acc = op(acc, part(env))
            return acc

        return run

    def add(self, expr: Any) -> Node:
        return self.fold(expr, _add)

    def mul(self, expr: Any) -> Node:
        return self.fold(expr, _mul)

    def minmax(self, expr: Any) -> Node:
        low = isinstance(expr, sympy.Min)

        def pick(a: Num, b: Num) -> Num:
            return _pick(_less(a, b) if low else _less(b, a), a, b)

        return self.fold(expr, pick)

    def abs(self, expr: Any) -> Node:
        x = self.make(expr.args[0])
        return lambda env: (lambda a: Num(np.abs(a.n), a.d, a.bad))(x(env))

    def pow(self, expr: Any) -> Node:
        base = self.make(expr.base)
        exp = Fraction(int(expr.exp.p), int(expr.exp.q))
        if exp.denominator == 1:
            k = int(exp)

            def whole(env: Mapping[str, Any]) -> Num:
                a = base(env)
                out = Num(1, 1)
                for _ in range(abs(k)):
                    out = _mul(out, a)
                out.bad = _or(out.bad, a.bad)
                return out if k >= 0 else _div(_const(Fraction(1)), out)

            return whole
        p = float(exp)

        def fractional(env: Mapping[str, Any]) -> Num:
            a = base(env)
            n = np.empty(np.shape(a.n), dtype=object)
            d = np.empty(np.shape(a.n), dtype=object)
            bad = np.zeros(np.shape(a.n), dtype=bool)
            pairs = np.broadcast_arrays(
                np.asarray(a.n, dtype=object), np.asarray(a.d, dtype=object)
            )
            for i, (num, den) in enumerate(zip(pairs[0].ravel(), pairs[1].ravel(), strict=True)):
                value = Fraction(int(num), int(den))
                if value < 0 or (value == 0 and p < 0):
                    bad.flat[i], n.flat[i], d.flat[i] = True, 0, 1
                    continue
                result = Fraction(repr(float(value) ** p))  # as the exact path computes it
                n.flat[i], d.flat[i] = result.numerator, result.denominator
            return Num(n, d, _or(a.bad, bad if bad.any() else None))

        return fractional

    def floor(self, expr: Any) -> Node:
        x = self.make(expr.args[0])
        up = isinstance(expr, sympy.ceiling)

        def run(env: Mapping[str, Any]) -> Num:
            a = x(env)
            whole = -((-_obj(a.n)) // a.d) if up else _obj(a.n) // a.d
            return Num(whole, 1 if isinstance(a.d, int) else np.ones_like(a.d), a.bad)

        return run

    def round(self, expr: Any) -> Node:
        x = self.make(expr.args[0])
        digits = int(expr.args[1])
        scale = Fraction(10) ** digits

        def run(env: Mapping[str, Any]) -> Num:
            a = x(env)
            top = np.abs(_obj(a.n)) * scale.numerator
            bottom = a.d * scale.denominator
            whole = top // bottom
            whole = whole + _bools(2 * (top - whole * bottom) >= bottom)  # halves away from 0
            signed = _where(_bools(a.n < 0), -whole, whole)
            return Num(signed * scale.denominator, scale.numerator, a.bad)

        return run

    def cents(self, expr: Any) -> Node:
        """Whole cents, as :func:`~motivsim.formula.cents.cents_expression` writes them."""
        return self.make(cents_expression(expr.args[0], CENT_RULES[int(expr.args[1])]))

    def conditional(self, expr: Any) -> Node:
        cond, then, other = (self.make(a) for a in expr.args)

        def run(env: Mapping[str, Any]) -> Any:
            c = cond(env)
            a, b = then(env), other(env)
            if isinstance(a, Flag):
                bad = np.where(
                    c.v, False if a.bad is None else a.bad, False if b.bad is None else b.bad
                )
                return Flag(np.where(c.v, a.v, b.v), _or(c.bad, bad))
            out = _pick(c.v, a, b)
            out.bad = _or(out.bad, c.bad)
            return out

        return run

    def relational(self, expr: Any) -> Node:
        op = NUMPY_RELATIONS[type(expr)]
        lhs, rhs = self.make(expr.lhs), self.make(expr.rhs)

        def run(env: Mapping[str, Any]) -> Flag:
            a, b = lhs(env), rhs(env)
            return Flag(_bools(op(a.n * b.d, b.n * a.d)), _or(a.bad, b.bad))

        return run

    def logic(self, expr: Any) -> Node:
        parts = [self.make(a) for a in expr.args]
        combine = np.logical_and if isinstance(expr, sympy.And) else np.logical_or

        def run(env: Mapping[str, Any]) -> Flag:
            items = [p(env) for p in parts]
            v = items[0].v
            bad = items[0].bad
            for item in items[1:]:
                v = combine(v, item.v)
                bad = _or(bad, item.bad)
            return Flag(v, bad)

        return run

    def negate(self, expr: Any) -> Node:
        x = self.make(expr.args[0])
        return lambda env: (lambda a: Flag(np.logical_not(a.v), a.bad))(x(env))

    def tier(self, expr: Any) -> Node:
        x = self.make(expr.args[0])
        bounds = [_const(Fraction(int(b.p), int(b.q))) for b in expr.args[1]]
        values = [_const(Fraction(int(v.p), int(v.q))) for v in expr.args[2]]
        kind = type(expr)

        def run(env: Mapping[str, Any]) -> Num:
            a = x(env)
            if kind is Step:  # the value of the bracket: one step up per breakpoint <= x
                out = values[0]
                for bound, value in zip(bounds, values[1:], strict=True):
                    out = _pick(~_less(a, bound), value, out)
            elif kind is Marginal:
                out = _mul(values[0], _min(a, bounds[0]) if bounds else a)
                for i, (lo, rate) in enumerate(zip(bounds, values[1:], strict=True)):
                    top = _min(a, bounds[i + 1]) if i + 1 < len(bounds) else a
                    part = _add(top, Num(-lo.n, lo.d))
                    part = _pick(_less(part, _const(Fraction(0))), _const(Fraction(0)), part)
                    out = _add(out, _mul(rate, part))
            else:
                out = _interp(a, bounds, values)
            out.bad = _or(out.bad, a.bad)
            return out

        return run


def _min(a: Num, b: Num) -> Num:
    return _pick(_less(b, a), b, a)


def _interp(x: Num, xs: Sequence[Num], ys: Sequence[Num]) -> Num:
    """Linear interpolation between points, flat outside them (as :func:`interp_value`)."""
    out = ys[0]
    for i in range(len(xs) - 1):
        slope_n = (ys[i + 1].n * ys[i].d - ys[i].n * ys[i + 1].d) * xs[i + 1].d * xs[i].d
        slope_d = ys[i + 1].d * ys[i].d * (xs[i + 1].n * xs[i].d - xs[i].n * xs[i + 1].d)
        slope = _reduced(slope_n, slope_d, None) if slope_d > 0 else Num(-slope_n, -slope_d)
        line = _add(ys[i], _mul(slope, _add(x, Num(-xs[i].n, xs[i].d))))
        inside = ~_less(x, xs[i])
        out = _pick(inside, line, out)
    return _pick(~_less(x, xs[-1]), ys[-1], out)


class RationalSteps:
    """Named expressions compiled to run exactly, column-wise, in order.

    ``run`` returns each name's values as float64 (the exact value correctly rounded) or
    bool, with NaN (or False) in the rows where it has no value.
    """

    def __init__(
        self,
        steps: Sequence[tuple[str, Any]],
        params: Mapping[str, Fraction],
        *,
        guards: Mapping[str, Sequence[Any]] | None = None,
        extras: Sequence[str] = (),
    ) -> None:
        compiler = _Compiler()
        self.extras = frozenset(extras)
        self.nodes = tuple((name, compiler.make(expr)) for name, expr in steps)
        self.guards = {
            name: tuple(compiler.make(d) for d in divisors)
            for name, divisors in (guards or {}).items()
            if divisors
        }
        self.params = {k: _const(Fraction(v)) for k, v in params.items()}

    def run(self, inputs: Mapping[str, Any], only: Sequence[str] | None = None) -> dict[str, Any]:
        """The exact values of the steps for float KPI ``inputs`` (1-d arrays of one length).

        A row where some step has no value (a division by zero as written, a power of a
        negative number) has no pay either: ``pay`` is NaN there, as the exact path raises.
        Names in ``extras`` (conditions computed after the steps, such as ``plan_met``) are
        not steps: their failing makes only themselves false.
        """
        env, size, failed = self.evaluate(inputs, only)
        out = {name: _floats(env[name], size) for name in self._computed(only)}
        if failed is not None and "pay" in out:
            rows = np.broadcast_to(failed, (size,))
            if out["pay"].dtype != np.bool_:
                out["pay"][rows] = np.nan
        return out

    def evaluate(
        self, inputs: Mapping[str, Any], only: Sequence[str] | None = None
    ) -> tuple[dict[str, Any], int, Any]:
        """The exact values themselves (:class:`Num` or :class:`Flag` per name), the number
        of rows, and the rows where a step has no value (``None``: none). An input may be
        given exactly, as a :class:`Num` (a value carried from an earlier period)."""
        env: dict[str, Any] = dict(self.params)
        size = 0
        for name, values in inputs.items():
            env[name] = values if isinstance(values, Num) else exact_inputs(values)
            size = max(size, np.size(env[name].n))
        wanted = None if only is None else set(only)
        failed: Any = None
        for name, node in self.nodes:
            if wanted is not None and name not in wanted:
                continue
            value = node(env)
            for guard in self.guards.get(name, ()):  # divisions sympy simplified away
                zero = _bools(guard(env).n == 0)
                value.bad = _or(value.bad, zero if np.any(zero) else None)
            env[name] = value
            if name not in self.extras:
                failed = _or(failed, value.bad)
        return env, size, failed

    def _computed(self, only: Sequence[str] | None) -> list[str]:
        wanted = None if only is None else set(only)
        return [n for n, _ in self.nodes if wanted is None or n in wanted]


def _floats(value: Any, size: int) -> Any:
    if isinstance(value, Flag):
        flags = np.broadcast_to(np.asarray(value.v, dtype=bool), (size,)).copy()
        if value.bad is not None:
            flags[np.broadcast_to(value.bad, (size,))] = False
        return flags
    n = np.broadcast_to(np.asarray(value.n, dtype=object), (size,))
    d = np.broadcast_to(np.asarray(value.d, dtype=object), (size,))
    result = np.empty(size)
    for i, (num, den) in enumerate(zip(n.tolist(), d.tolist(), strict=True)):
        try:
            result[i] = num / den  # int / int is correctly rounded
        except OverflowError:
            result[i] = math.copysign(math.inf, num)
    if value.bad is not None:
        result[np.broadcast_to(value.bad, (size,))] = np.nan
    return result
