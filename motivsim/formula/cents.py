"""A money amount rounded to whole cents, as an expression both evaluators compute exactly.

A pay statement rounds the exact pay once to cents by the scheme's rule
(:func:`motivsim.scheme.money.to_cents`). Where pay is computed on arrays (a replay of 100,000
people's history), that rounding is a decision like any threshold: half a cent is a threshold.
:func:`cents_expression` writes it with ``floor``, ``ceil``, ``abs`` and ``if``, so the
certified evaluator decides it exactly too (:mod:`motivsim.formula.certified`).

Examples
--------
>>> import sympy
>>> from motivsim.formula.compile import compile_exact
>>> from fractions import Fraction
>>> x = sympy.Symbol("pay", real=True)
>>> [int(compile_exact(cents_expression(x, rule))({"pay": Fraction(-2345, 1000)}))
...  for rule in ("half-up", "half-even", "half-down", "down", "up")]
[-235, -234, -234, -234, -235]
"""

from __future__ import annotations

from typing import Any

import sympy

from motivsim.formula.functions import CENT_RULES, Cents, If

__all__ = ["cents_expression", "cents_of"]

_HALF = sympy.Rational(1, 2)


def cents_of(x: Any, rule: str) -> Any:
    """The node :class:`~motivsim.formula.functions.Cents` of ``x`` and ``rule``: the same
    whole cents as :func:`cents_expression`, computed on arrays in fewer operations.

    Examples
    --------
    >>> cents_of(sympy.Symbol("pay"), "half-even")
    Cents(pay, 1)
    """
    if rule not in CENT_RULES:
        raise ValueError(f"unknown rounding rule {rule!r}")
    return Cents(x, CENT_RULES.index(rule))


def cents_expression(x: Any, rule: str) -> Any:
    """Whole cents of ``x`` rounded by ``rule`` (``half-up``: halves away from zero;
    ``half-even``, ``half-down``, ``down``: toward zero, ``up``: away from zero)."""
    a = 100 * sympy.Abs(x)
    k = sympy.floor(a)
    rounded = {
        "half-up": sympy.floor(a + _HALF),
        "half-down": sympy.ceiling(a - _HALF),
        "down": k,
        "up": sympy.ceiling(a),
        "half-even": If(
            sympy.Eq(a - k, _HALF), 2 * sympy.floor((k + 1) / 2), sympy.floor(a + _HALF)
        ),
    }.get(rule)
    if rounded is None:
        raise ValueError(f"unknown rounding rule {rule!r}")
    return If(sympy.GreaterThan(x, 0), rounded, -rounded)
