"""Print a sympy expression built by motivsim back as formula-language text.

``parse(to_text(expr))`` builds the same sympy expression again (a tested property).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

from motivsim.formula.functions import If, Interp, Marginal, Round, Step

__all__ = ["format_number", "to_text"]

# precedence levels: higher binds tighter
_OR, _AND, _NOT, _CMP, _SUM, _PROD, _UNARY, _POW, _ATOM = range(1, 10)

_REL = {
    sympy.StrictLessThan: "<",
    sympy.LessThan: "<=",
    sympy.StrictGreaterThan: ">",
    sympy.GreaterThan: ">=",
    sympy.Equality: "==",
    sympy.Unequality: "!=",
}
_CALLS: dict[type, str] = {
    sympy.Abs: "abs",
    sympy.floor: "floor",
    sympy.ceiling: "ceil",
    sympy.Min: "min",
    sympy.Max: "max",
    Round: "round",
    Step: "step",
    Marginal: "marginal",
    Interp: "interp",
}


def to_text(expr: Any) -> str:
    """The formula text of ``expr``, with only the parentheses precedence needs."""
    return _p(expr)[0]


def format_number(value: Any) -> str:
    """An exact decimal for terminating rationals (``0.015``), else ``p/q``."""
    rational = sympy.Rational(value)
    p, q = int(rational.p), int(rational.q)
    if q == 1:
        return str(p)
    twos = fives = 0
    rest = q
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return f"{p}/{q}"
    places = max(twos, fives)
    scaled = abs(p) * 10**places // q
    whole, frac = divmod(scaled, 10**places)
    sign = "-" if p < 0 else ""
    return f"{sign}{whole}.{str(frac).rjust(places, '0')}"


def _wrap(item: tuple[str, int], level: int) -> str:
    text, prec = item
    return f"({text})" if prec < level else text


def _p(expr: Any) -> tuple[str, int]:
    for cls, handler in _HANDLERS:
        if isinstance(expr, cls):
            return handler(expr)
    raise TypeError(f"cannot print {type(expr).__name__} as a formula")


def _number(expr: Any) -> tuple[str, int]:
    text = format_number(expr)
    if "/" in text:
        return text, _PROD
    return text, (_UNARY if text.startswith("-") else _ATOM)


def _symbol(expr: Any) -> tuple[str, int]:
    return str(expr.name), _ATOM


def _add(expr: Any) -> tuple[str, int]:
    terms = list(expr.as_ordered_terms())
    out = _wrap(_p(terms[0]), _SUM)
    for term in terms[1:]:
        coeff, _ = term.as_coeff_Mul()
        if coeff.is_negative:
            out += " - " + _wrap(_p(-term), _PROD)
        else:
            out += " + " + _wrap(_p(term), _PROD)
    return out, _SUM


def _mul(expr: Any) -> tuple[str, int]:
    coeff, rest = expr.as_coeff_Mul()
    if coeff.is_negative:
        return "-" + _wrap(_p(-expr), _POW), _UNARY
    numer, denom = [], []
    if coeff != 1 and _repeats(coeff):
        if int(coeff.p) != 1:
            numer.append(_number(sympy.Integer(coeff.p)))
        denom.append(_number(sympy.Integer(coeff.q)))
    elif coeff != 1:
        numer.append(_number(coeff))
    for factor in sympy.Mul.make_args(rest):
        if factor.is_Pow and factor.exp.is_negative:
            denom.append(_p(sympy.Pow(factor.base, -factor.exp)))
        else:
            numer.append(_p(factor))
    text = " * ".join(_wrap(item, _PROD) for item in numer) if numer else "1"
    for item in denom:
        text += " / " + _wrap(item, _UNARY)
    return text, _PROD


def _repeats(value: Any) -> bool:
    return "/" in format_number(value)


def _pow(expr: Any) -> tuple[str, int]:
    base, exp = expr.as_base_exp()
    if exp.is_negative:
        return "1 / " + _wrap(_p(sympy.Pow(base, -exp)), _UNARY), _PROD
    return f"{_wrap(_p(base), _ATOM)} ** {format_number(exp)}", _POW


def _call(expr: Any) -> tuple[str, int]:
    name = _CALLS[type(expr)]
    args = [
        "[" + ", ".join(format_number(v) for v in arg) + "]"
        if isinstance(arg, sympy.Tuple)
        else _p(arg)[0]
        for arg in expr.args
    ]
    return f"{name}({', '.join(args)})", _ATOM


def _if(expr: Any) -> tuple[str, int]:
    cond, then, other = expr.args
    return f"if({_p(cond)[0]}, {_p(then)[0]}, {_p(other)[0]})", _ATOM


def _relational(expr: Any) -> tuple[str, int]:
    op = _REL[type(expr)]
    return f"{_wrap(_p(expr.lhs), _SUM)} {op} {_wrap(_p(expr.rhs), _SUM)}", _CMP


def _and_or(expr: Any) -> tuple[str, int]:
    level, word = (_AND, " and ") if isinstance(expr, sympy.And) else (_OR, " or ")
    args = sorted(expr.args, key=sympy.default_sort_key)
    return word.join(_wrap(_p(a), level + 1) for a in args), level


def _not(expr: Any) -> tuple[str, int]:
    return "not " + _wrap(_p(expr.args[0]), _NOT), _NOT


def _bool(expr: Any) -> tuple[str, int]:
    return ("0 == 0" if expr is sympy.true else "0 != 0"), _CMP


_HANDLERS: list[tuple[type, Callable[[Any], tuple[str, int]]]] = [
    (sympy.Rational, _number),
    (sympy.Symbol, _symbol),
    (sympy.Add, _add),
    (sympy.Mul, _mul),
    (sympy.Pow, _pow),
    (If, _if),
    (sympy.core.relational.Relational, _relational),
    (sympy.And, _and_or),
    (sympy.Or, _and_or),
    (sympy.Not, _not),
    (sympy.logic.boolalg.BooleanAtom, _bool),
    *((cls, _call) for cls in _CALLS),
]
