"""The tier shapes and ``round`` as sympy functions, with one exact scalar implementation each.

``Step``, ``Marginal`` and ``Interp`` take ``(x, Tuple(breakpoints), Tuple(values))``; brackets are
half-open ``[lo, hi)``. Their scalar arithmetic (:func:`step_value`, :func:`marginal_value`,
:func:`interp_value`) works on any exact number type (``Fraction``, sympy ``Rational``), and the
numpy evaluator mirrors it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TypeVar

import sympy
from sympy.core.logic import fuzzy_and

__all__ = [
    "CENT_RULES",
    "NODE_METHODS",
    "TIER_FUNCTIONS",
    "Cents",
    "If",
    "Interp",
    "Marginal",
    "Round",
    "Step",
    "interp_value",
    "marginal_value",
    "round_half_away",
    "step_value",
]

N = TypeVar("N", Fraction, Any)


def step_value(x: N, bounds: Sequence[N], values: Sequence[N]) -> N:
    """Value of the bracket ``x`` falls in: ``values[i]`` where ``i`` = count of bounds <= x."""
    return values[bisect_right(list(bounds), x)]


def marginal_value(x: N, bounds: Sequence[N], rates: Sequence[N]) -> N:
    """Each slice of ``x`` at its own rate: ``r0*min(x, b1) + sum r_i*clip(x - b_i, 0, w_i)``."""
    total = rates[0] * (x if not bounds or x < bounds[0] else bounds[0])
    for i, lo in enumerate(bounds):
        if x <= lo:
            break
        hi = bounds[i + 1] if i + 1 < len(bounds) else None
        top = x if hi is None or x < hi else hi
        total += rates[i + 1] * (top - lo)
    return total


def interp_value(x: N, xs: Sequence[N], ys: Sequence[N]) -> N:
    """Linear interpolation between points ``(xs[i], ys[i])``, flat outside them."""
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect_right(list(xs), x) - 1
    return ys[i] + (ys[i + 1] - ys[i]) * (x - xs[i]) / (xs[i + 1] - xs[i])


def round_half_away(x: Fraction, digits: int) -> Fraction:
    """Round to ``digits`` decimals, halves away from zero (as a spreadsheet's ROUND does)."""
    scale = Fraction(10) ** digits
    scaled = abs(x) * scale
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return (whole if x >= 0 else -whole) / scale


def _numbers(args: tuple[Any, ...]) -> list[Any] | None:
    """The args as sympy Rationals when every one is a plain number, else ``None``."""
    x, *rest = args
    items = [x, *(v for t in rest for v in t)]
    if all(isinstance(v, sympy.Rational) for v in items):
        return items
    return None


class _Tier(sympy.Function):
    """Common base: ``f(x, Tuple(b...), Tuple(v...))``; folds to a number when all are numbers."""

    nargs = 3
    _scalar: Any = None

    @classmethod
    def eval(cls, x: Any, bounds: Any, values: Any) -> Any:
        if isinstance(x, sympy.Rational) and _numbers((x, bounds, values)) is not None:
            return cls._scalar(x, list(bounds), list(values))
        return None

    def _eval_is_extended_real(self) -> bool | None:
        # real for a real x (the tables are numbers); without this, sympy's Min/Max reject
        # sums such as revenue + revenue * step(...) as "not comparable"
        return self.args[0].is_extended_real


class Step(_Tier):
    """``step(x, [b1..bk], [v0..vk])``: the value of the bracket ``x`` falls in."""

    _scalar = staticmethod(step_value)


class Marginal(_Tier):
    """``marginal(x, [b1..bk], [r0..rk])``: each slice of ``x`` paid at its own rate."""

    _scalar = staticmethod(marginal_value)


class Interp(_Tier):
    """``interp(x, [x0..xn], [y0..yn])``: a linear curve between points, flat outside."""

    _scalar = staticmethod(interp_value)


class If(sympy.Function):
    """``if(condition, then, else)``; a condition used in arithmetic is ``If(c, 1, 0)``.

    motivsim's own class rather than sympy's ``Piecewise``: ``Piecewise`` rewrites conditions
    that contain other conditionals into ``ITE`` forms that the formula language cannot print.
    """

    nargs = 3

    @classmethod
    def eval(cls, cond: Any, then: Any, other: Any) -> Any:
        if cond is sympy.true:
            return then
        if cond is sympy.false:
            return other
        if then == other:
            return then
        return None

    def _eval_is_extended_real(self) -> bool | None:
        # real when both branches are (see _Tier._eval_is_extended_real)
        return fuzzy_and(branch.is_extended_real for branch in self.args[1:])


class Round(sympy.Function):
    """``round(x, digits)``: halves away from zero; ``digits`` is a literal integer."""

    nargs = 2

    @classmethod
    def eval(cls, x: Any, digits: Any) -> Any:
        if isinstance(x, sympy.Rational) and isinstance(digits, sympy.Integer):
            value = round_half_away(Fraction(int(x.p), int(x.q)), int(digits))
            return sympy.Rational(value.numerator, value.denominator)
        return None


#: The rounding rules of a pay statement, in the order :class:`Cents` numbers them.
CENT_RULES: tuple[str, ...] = ("half-up", "half-even", "half-down", "down", "up")


class Cents(sympy.Function):
    """``Cents(x, rule)``: whole cents of the amount ``x``, rounded by rule number ``rule``
    of :data:`CENT_RULES`. Not part of the formula language: what a replay computes of each
    row's pay (:func:`motivsim.formula.cents.cents_of`); the exact evaluator computes it as
    :func:`motivsim.formula.cents.cents_expression` writes it out, the vectorised one as a
    rounding with one test of the distance to the rounding's edges."""

    nargs = 2


#: Formula-language name -> sympy class of each tier shape.
TIER_FUNCTIONS: dict[str, type[_Tier]] = {"step": Step, "marginal": Marginal, "interp": Interp}


#: The node types of a built formula and the name of the method that evaluates each: the
#: evaluators of :mod:`motivsim.formula.certified` and :mod:`motivsim.formula.rational` have a
#: method of each name (``floor`` serves ``ceiling``, ``tier`` the three tier shapes).
NODE_METHODS: tuple[tuple[type, str], ...] = (
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
    (Cents, "cents"),
)
