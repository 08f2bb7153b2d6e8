"""Compile sympy expressions into evaluators: a vectorised numpy one and an exact scalar one.

No source text is generated: each sympy node becomes a small Python closure chosen from a fixed
table, so a user's names never reach generated code. The numpy evaluator computes every branch
of an ``if`` (that is what vectorising means) with floating-point warnings silenced; values that
are not finite are detected afterwards by the caller. The exact evaluator works on
``fractions.Fraction`` and computes only the branch taken.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from motivsim.formula.functions import (
    If,
    Interp,
    Marginal,
    Round,
    Step,
    interp_value,
    marginal_value,
    round_half_away,
    step_value,
)

__all__ = [
    "NUMPY_RELATIONS",
    "ExactFn",
    "VectorFn",
    "compile_exact",
    "compile_numpy",
    "marginal_floats",
]

VectorFn = Callable[[Mapping[str, Any]], Any]
ExactFn = Callable[[Mapping[str, Any]], Any]

#: Each comparison of the language as a numpy function (element-wise; object arrays too).
NUMPY_RELATIONS: dict[type, Callable[[Any, Any], Any]] = {
    sympy.StrictLessThan: np.less,
    sympy.LessThan: np.less_equal,
    sympy.StrictGreaterThan: np.greater,
    sympy.GreaterThan: np.greater_equal,
    sympy.Equality: np.equal,
    sympy.Unequality: np.not_equal,
}
_PY_REL: dict[type, Callable[[Any, Any], bool]] = {
    sympy.StrictLessThan: lambda a, b: a < b,
    sympy.LessThan: lambda a, b: a <= b,
    sympy.StrictGreaterThan: lambda a, b: a > b,
    sympy.GreaterThan: lambda a, b: a >= b,
    sympy.Equality: lambda a, b: a == b,
    sympy.Unequality: lambda a, b: a != b,
}


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _floats(items: Any) -> np.ndarray:
    return np.array([float(_fraction(v)) for v in items], dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# shared by both: leaves, and nodes that apply an operation to their compiled arguments
# ---------------------------------------------------------------------------------------------
#: Turns a sympy node into its evaluator (compile_numpy, compile_exact and the node makers).
Compiler = Callable[[Any], Callable[[Mapping[str, Any]], Any]]


def _compile(
    expr: Any, makers: list[tuple[type, Compiler]], number: Callable[[Fraction], Any]
) -> Callable[[Mapping[str, Any]], Any]:
    """The evaluator of ``expr``: a leaf, or the first of ``makers`` whose type matches."""
    if isinstance(expr, sympy.Rational):
        value = number(_fraction(expr))
        return lambda env: value
    if isinstance(expr, sympy.Symbol):
        name = expr.name
        return lambda env: env[name]
    if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
        flag = bool(expr)
        return lambda env: flag
    for cls, maker in makers:
        if isinstance(expr, cls):
            return maker(expr)
    raise TypeError(f"motivsim cannot evaluate {type(expr).__name__}")  # pragma: no cover


def _reduce(compile_fn: Compiler, op: Callable[[Any, Any], Any]) -> Compiler:
    """A maker folding ``op`` over the compiled arguments, left to right."""

    def make(expr: Any) -> Callable[[Mapping[str, Any]], Any]:
        first, *rest = (compile_fn(a) for a in expr.args)

        def run(env: Mapping[str, Any]) -> Any:
            acc = first(env)
            for fn in rest:
                acc = op(acc, fn(env))
            return acc

        return run

    return make


def _unary(compile_fn: Compiler, fn: Callable[[Any], Any]) -> Compiler:
    """A maker applying ``fn`` to the compiled (only) argument."""

    def make(expr: Any) -> Callable[[Mapping[str, Any]], Any]:
        arg = compile_fn(expr.args[0])
        return lambda env: fn(arg(env))

    return make


def _relational(compile_fn: Compiler, ops: Mapping[type, Callable[[Any, Any], Any]]) -> Compiler:
    """A maker comparing the compiled sides with the operation ``ops`` has for the node type."""

    def make(expr: Any) -> Callable[[Mapping[str, Any]], Any]:
        op = ops[type(expr)]
        lhs, rhs = compile_fn(expr.lhs), compile_fn(expr.rhs)
        return lambda env: op(lhs(env), rhs(env))

    return make


# ---------------------------------------------------------------------------------------------
# numpy
# ---------------------------------------------------------------------------------------------
def compile_numpy(expr: Any) -> VectorFn:
    """A function of ``{name: array}`` computing ``expr`` element-wise in float64."""
    return _compile(expr, _NP_MAKERS, float)


def _np_pow(expr: Any) -> VectorFn:
    base = compile_numpy(expr.base)
    exp = _fraction(expr.exp)
    if exp == -1:
        return lambda env: np.divide(1.0, base(env))
    if exp == 2:
        return lambda env: np.square(base(env))
    power = float(exp)
    return lambda env: np.power(np.asarray(base(env), dtype=np.float64), power)


def _np_if(expr: Any) -> VectorFn:
    cond, then, other = (compile_numpy(a) for a in expr.args)
    return lambda env: np.where(cond(env), then(env), other(env))


def _np_step(expr: Any) -> VectorFn:
    x = compile_numpy(expr.args[0])
    bounds, values = _floats(expr.args[1]), _floats(expr.args[2])
    return lambda env: values[np.searchsorted(bounds, x(env), side="right")]


def _np_marginal(expr: Any) -> VectorFn:
    x = compile_numpy(expr.args[0])
    bounds, rates = _floats(expr.args[1]), _floats(expr.args[2])
    return lambda env: marginal_floats(np.asarray(x(env), dtype=np.float64), bounds, rates)


def marginal_floats(x: Any, bounds: np.ndarray, rates: np.ndarray) -> Any:
    """:func:`~motivsim.formula.functions.marginal_value` in float64:
    ``r0 * min(x, b1) + sum r_i * clip(x - b_i, 0, w_i)`` (``w_i`` the width of band
    ``i``, the last one open), computed in place on arrays.

    Examples
    --------
    >>> marginal_floats(np.array([50.0, 150.0]), np.array([100.0]), np.array([0.1, 0.2]))
    array([ 5., 20.])
    """
    if not bounds.size:
        return rates[0] * x
    if np.ndim(x) == 0:
        widths = np.append(np.diff(bounds), np.inf)
        total = rates[0] * np.minimum(x, bounds[0])
        for lo, width, rate in zip(bounds, widths, rates[1:], strict=True):
            total = total + rate * np.clip(x - lo, 0.0, width)
        return total
    total = np.minimum(x, bounds[0])
    total *= rates[0]
    band = np.empty_like(total)
    last = bounds.size - 1
    for i, rate in enumerate(rates[1:]):
        np.subtract(x, bounds[i], out=band)
        if i == last:  # the open band
            np.maximum(band, 0.0, out=band)
        else:
            np.clip(band, 0.0, bounds[i + 1] - bounds[i], out=band)
        band *= rate
        total += band
    return total


def _np_interp(expr: Any) -> VectorFn:
    x = compile_numpy(expr.args[0])
    xs, ys = _floats(expr.args[1]), _floats(expr.args[2])
    return lambda env: np.interp(x(env), xs, ys)


def _np_round(expr: Any) -> VectorFn:
    x = compile_numpy(expr.args[0])
    scale = 10.0 ** int(expr.args[1])

    def run(env: Mapping[str, Any]) -> Any:
        scaled = np.abs(x(env)) * scale
        # a relative nudge of 1e-12 makes 2.675 (stored as 2.67499...) round as written
        rounded = np.floor(scaled * (1 + 1e-12) + 0.5)
        return np.copysign(rounded, x(env)) / scale

    return run


_NP_MAKERS: list[tuple[type, Callable[[Any], VectorFn]]] = [
    (sympy.Add, _reduce(compile_numpy, np.add)),
    (sympy.Mul, _reduce(compile_numpy, np.multiply)),
    (sympy.Pow, _np_pow),
    (sympy.Min, _reduce(compile_numpy, np.minimum)),
    (sympy.Max, _reduce(compile_numpy, np.maximum)),
    (sympy.Abs, _unary(compile_numpy, np.abs)),
    (sympy.floor, _unary(compile_numpy, np.floor)),
    (sympy.ceiling, _unary(compile_numpy, np.ceil)),
    (If, _np_if),
    (sympy.core.relational.Relational, _relational(compile_numpy, NUMPY_RELATIONS)),
    (sympy.And, _reduce(compile_numpy, np.logical_and)),
    (sympy.Or, _reduce(compile_numpy, np.logical_or)),
    (sympy.Not, _unary(compile_numpy, np.logical_not)),
    (Step, _np_step),
    (Marginal, _np_marginal),
    (Interp, _np_interp),
    (Round, _np_round),
]


# ---------------------------------------------------------------------------------------------
# exact
# ---------------------------------------------------------------------------------------------
def compile_exact(expr: Any) -> ExactFn:
    """A function of ``{name: Fraction}`` computing ``expr`` exactly (``bool`` for conditions).

    Raises ``ZeroDivisionError`` or ``ValueError`` (a fractional power of a negative number)
    when the value does not exist; callers turn these into :class:`~motivsim.EvaluationError`.
    """
    return _compile(expr, _PY_MAKERS, lambda value: value)


def _py_pow(expr: Any) -> ExactFn:
    base = compile_exact(expr.base)
    exp = _fraction(expr.exp)

    def run(env: Mapping[str, Any]) -> Any:
        value = base(env)
        if exp.denominator == 1:
            return Fraction(value) ** int(exp)
        if value < 0:
            raise ValueError(f"a power {float(exp):g} of a negative number")
        if value == 0 and exp < 0:
            raise ZeroDivisionError("zero to a negative power")
        return Fraction(repr(float(value) ** float(exp)))

    return run


def _py_if(expr: Any) -> ExactFn:
    cond, then, other = (compile_exact(a) for a in expr.args)
    return lambda env: then(env) if cond(env) else other(env)


def _py_bool(combine: Callable[[Any], bool]) -> Callable[[Any], ExactFn]:
    def make(expr: Any) -> ExactFn:
        parts = [compile_exact(a) for a in expr.args]
        return lambda env: combine(p(env) for p in parts)

    return make


def _py_tier(fn: Callable[..., Any]) -> Callable[[Any], ExactFn]:
    def make(expr: Any) -> ExactFn:
        x = compile_exact(expr.args[0])
        bounds = [_fraction(v) for v in expr.args[1]]
        values = [_fraction(v) for v in expr.args[2]]
        return lambda env: fn(Fraction(x(env)), bounds, values)

    return make


def _py_round(expr: Any) -> ExactFn:
    x = compile_exact(expr.args[0])
    digits = int(expr.args[1])
    return lambda env: round_half_away(Fraction(x(env)), digits)


_PY_MAKERS: list[tuple[type, Callable[[Any], ExactFn]]] = [
    (sympy.Add, _reduce(compile_exact, lambda a, b: a + b)),
    (sympy.Mul, _reduce(compile_exact, lambda a, b: a * b)),
    (sympy.Pow, _py_pow),
    (sympy.Min, _reduce(compile_exact, min)),
    (sympy.Max, _reduce(compile_exact, max)),
    (sympy.Abs, _unary(compile_exact, abs)),
    (sympy.floor, _unary(compile_exact, lambda v: Fraction(math.floor(v)))),
    (sympy.ceiling, _unary(compile_exact, lambda v: Fraction(math.ceil(v)))),
    (If, _py_if),
    (sympy.core.relational.Relational, _relational(compile_exact, _PY_REL)),
    (sympy.And, _py_bool(all)),
    (sympy.Or, _py_bool(any)),
    (sympy.Not, _unary(compile_exact, lambda v: not v)),
    (Step, _py_tier(step_value)),
    (Marginal, _py_tier(marginal_value)),
    (Interp, _py_tier(interp_value)),
    (Round, _py_round),
]
