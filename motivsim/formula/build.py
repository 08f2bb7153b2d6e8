"""Turn a syntax tree into a sympy expression, checking names, types and argument shapes.

Only the constructs below are built; anything else is rejected with its position:

==============================  ==============================================
formula                         sympy
==============================  ==============================================
``a + b``, ``a * b``, ``a / b`` ``Add``, ``Mul``, ``Mul(a, Pow(b, -1))``
``x ** 2`` (constant exponent)  ``Pow``
``a >= b`` (as a condition)     ``GreaterThan``; in arithmetic ``If(c, 1, 0)``
``and``, ``or``, ``not``        ``And``, ``Or``, ``Not``
``if(c, a, b)``                 :class:`~motivsim.formula.functions.If`
``min``, ``max``, ``clip``      ``Min``, ``Max``, ``Min(Max(x, lo), hi)``
``abs``, ``floor``, ``ceil``    ``Abs``, ``floor``, ``ceiling``
``round(x, d)``                 :class:`~motivsim.formula.functions.Round`
``step``/``marginal``/``interp`` :mod:`~motivsim.formula.functions` tier classes
==============================  ==============================================
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import sympy

from motivsim import limits
from motivsim.formula import parser as ast
from motivsim.formula.functions import TIER_FUNCTIONS, If, Round
from motivsim.formula.lexer import LexError
from motivsim.validation import did_you_mean

__all__ = ["FUNCTIONS", "Built", "NameInfo", "build", "names_used", "symbol"]

Kind = Literal["kpi", "param", "step"]


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What a name refers to: its kind, and whether its value is a condition (True/False)."""

    kind: Kind
    is_bool: bool = False
    value: Fraction | None = None  # parameters only


@dataclass(frozen=True, slots=True)
class Built:
    """A built formula: its sympy expression and whether it is a condition."""

    expr: Any
    is_bool: bool


#: Function name -> (fewest, most) arguments; the formula language's whole function set.
FUNCTIONS: dict[str, tuple[int, int]] = {
    "if": (3, 3),
    "min": (2, limits.MAX_ARGUMENTS),
    "max": (2, limits.MAX_ARGUMENTS),
    "abs": (1, 1),
    "floor": (1, 1),
    "ceil": (1, 1),
    "round": (1, 2),
    "clip": (3, 3),
    "step": (3, 3),
    "marginal": (3, 3),
    "interp": (3, 3),
}

_SIGNATURES = {
    "if": "if(condition, value_if_true, value_if_false)",
    "min": "min(a, b, ...)",
    "max": "max(a, b, ...)",
    "abs": "abs(x)",
    "floor": "floor(x)",
    "ceil": "ceil(x)",
    "round": "round(x, digits)",
    "clip": "clip(x, low, high)",
    "step": "step(x, [b1, ..., bk], [v0, ..., vk])",
    "marginal": "marginal(x, [b1, ..., bk], [r0, ..., rk])",
    "interp": "interp(x, [x0, ..., xn], [y0, ..., yn])",
}


def symbol(name: str, *, is_bool: bool = False) -> sympy.Symbol:
    """The sympy symbol motivsim uses for a KPI, parameter or step named ``name``."""
    return sympy.Symbol(name) if is_bool else sympy.Symbol(name, real=True)


def names_used(node: ast.Node) -> list[tuple[str, int]]:
    """Every name a formula refers to (not function names), with its offset, in order."""
    found: list[tuple[str, int]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Name):
            found.append((item.id, item.start))
        elif isinstance(item, ast.Call | ast.List):
            stack.extend(reversed(item.args if isinstance(item, ast.Call) else item.items))
        elif isinstance(item, ast.Binary | ast.Compare | ast.BoolOp):
            stack.extend((item.right, item.left))
        elif isinstance(item, ast.Unary | ast.Not):
            stack.append(item.operand)
    return found


def build(node: ast.Node, names: Mapping[str, NameInfo]) -> Built:
    """Build the sympy expression of a parsed formula whose names are described by ``names``."""
    built = _Builder(names).visit(node)
    expr = _canonical(built.expr)
    _check_constants(expr, node.start)
    return Built(expr, built.is_bool)


def _check_constants(expr: Any, offset: int) -> None:
    """Constants that arithmetic on literals produced must obey the literal limits too."""
    for atom in expr.atoms(sympy.Rational):
        p, q = abs(int(atom.p)), int(atom.q)
        if p > limits.MAX_ABS_NUMBER * q or q > limits.MAX_ABS_NUMBER:
            raise LexError(
                f"a constant in this formula works out to {float(atom):.3g}, beyond the limits "
                f"of ±{limits.MAX_ABS_NUMBER:,.0f} and 1/{limits.MAX_ABS_NUMBER:,.0f}",
                offset,
                "write amounts in a sensible unit (thousands, millions)",
            )


def _canonical(expr: Any) -> Any:
    """Rebuild bottom-up with evaluation: sympy leaves some products of powers unevaluated
    (``(x**2)**2``) that the same expression built from printed text would combine."""
    if not expr.args or isinstance(expr, sympy.Tuple):
        return expr
    return expr.func(*(_canonical(a) for a in expr.args))


class _Builder:
    def __init__(self, names: Mapping[str, NameInfo]) -> None:
        self.names = names

    def visit(self, node: ast.Node) -> Built:
        handler: Callable[[Any], Built] = getattr(self, "visit_" + type(node).__name__)
        return handler(node)

    # -- coercions -------------------------------------------------------
    def number(self, node: ast.Node) -> Any:
        built = self.visit(node)
        if built.is_bool:
            return If(built.expr, sympy.Integer(1), sympy.Integer(0))
        return built.expr

    def condition(self, node: ast.Node, where: str) -> Any:
        built = self.visit(node)
        if not built.is_bool:
            raise LexError(
                f"{where} must be a condition, but this is a number",
                node.start,
                "compare it, for example revenue >= plan or cars_sold > 0",
            )
        return built.expr

    # -- leaves ----------------------------------------------------------
    def visit_Num(self, node: ast.Num) -> Built:
        return Built(sympy.Rational(node.value.numerator, node.value.denominator), False)

    def visit_Name(self, node: ast.Name) -> Built:
        info = self.names.get(node.id)
        if info is None:
            raise unknown_name(node.id, node.start, self.names)
        return Built(symbol(node.id, is_bool=info.is_bool), info.is_bool)

    def visit_List(self, node: ast.List) -> Built:
        raise LexError(
            "a list can only be the 2nd or 3rd argument of step(), marginal() or interp()",
            node.start,
        )

    # -- operators -------------------------------------------------------
    def visit_Unary(self, node: ast.Unary) -> Built:
        value = self.number(node.operand)
        return Built(-value if node.op == "-" else value, False)

    def visit_Binary(self, node: ast.Binary) -> Built:
        if node.op == "**":
            return Built(self.power(self.number(node.left), self.exponent(node.right), node), False)
        left, right = self.number(node.left), self.number(node.right)
        if node.op == "+":
            return Built(left + right, False)
        if node.op == "-":
            return Built(left - right, False)
        if node.op == "*":
            return Built(left * right, False)
        if right == 0:
            raise LexError("division by zero", node.right.start, "divide by a non-zero value")
        return Built(left / right, False)

    def exponent(self, node: ast.Node) -> Any:
        value = _literal(node)
        if value is None:
            raise LexError(
                "an exponent must be a constant number, such as x ** 2",
                node.start,
                "pay formulas rarely need powers; a tier table (step, marginal, interp) is "
                "usually clearer",
            )
        if abs(value) > limits.MAX_EXPONENT:
            raise LexError(
                f"exponent {_show(value)} is too large; the limit is {limits.MAX_EXPONENT}",
                node.start,
            )
        return sympy.Rational(value.numerator, value.denominator)

    def power(self, base: Any, exponent: Any, node: ast.Binary) -> Any:
        """``base ** exponent``, refusing constant powers too large to compute cheaply."""
        if isinstance(base, sympy.Rational) and base != 0:
            size = max(abs(int(base.p)), int(base.q))
            if float(abs(exponent)) * math.log10(size) > 2 * math.log10(limits.MAX_ABS_NUMBER):
                raise LexError(
                    "this constant power is too large",
                    node.start,
                    "write the value itself, in a sensible unit",
                )
        return sympy.Pow(base, exponent)

    def visit_Compare(self, node: ast.Compare) -> Built:
        left, right = self.number(node.left), self.number(node.right)
        ops: dict[str, Callable[[Any, Any], Any]] = {
            "<": sympy.Lt,
            "<=": sympy.Le,
            ">": sympy.Gt,
            ">=": sympy.Ge,
            "==": sympy.Eq,
            "!=": sympy.Ne,
        }
        return Built(ops[node.op](left, right), True)

    def visit_BoolOp(self, node: ast.BoolOp) -> Built:
        where = f"each side of '{node.op}'"
        left = self.condition(node.left, where)
        right = self.condition(node.right, where)
        return Built(sympy.And(left, right) if node.op == "and" else sympy.Or(left, right), True)

    def visit_Not(self, node: ast.Not) -> Built:
        return Built(sympy.Not(self.condition(node.operand, "the operand of 'not'")), True)

    # -- calls -----------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> Built:
        if node.func not in FUNCTIONS:
            raise unknown_function(node.func, node.start, self.names)
        fewest, most = FUNCTIONS[node.func]
        if not fewest <= len(node.args) <= most:
            count = f"{fewest}" if fewest == most else f"{fewest} to {most}"
            raise LexError(
                f"{node.func}() takes {count} arguments, got {len(node.args)}",
                node.start,
                f"write {_SIGNATURES[node.func]}",
            )
        if node.func in TIER_FUNCTIONS:
            return Built(self.tier(node), False)
        handler: Callable[[ast.Call], Any] = getattr(self, "call_" + node.func)
        return Built(handler(node), False)

    def call_if(self, node: ast.Call) -> Any:
        cond = self.condition(node.args[0], "the first argument of if()")
        then, other = self.number(node.args[1]), self.number(node.args[2])
        return If(cond, then, other)

    def call_min(self, node: ast.Call) -> Any:
        return sympy.Min(*(self.number(a) for a in node.args))

    def call_max(self, node: ast.Call) -> Any:
        return sympy.Max(*(self.number(a) for a in node.args))

    def call_abs(self, node: ast.Call) -> Any:
        return sympy.Abs(self.number(node.args[0]))

    def call_floor(self, node: ast.Call) -> Any:
        return sympy.floor(self.number(node.args[0]))

    def call_ceil(self, node: ast.Call) -> Any:
        return sympy.ceiling(self.number(node.args[0]))

    def call_round(self, node: ast.Call) -> Any:
        digits = 0
        if len(node.args) == 2:
            value = _literal(node.args[1])
            if (
                value is None
                or value.denominator != 1
                or not -9 <= value <= limits.MAX_ROUND_DIGITS
            ):
                raise LexError(
                    f"round() digits must be a whole number from -9 to {limits.MAX_ROUND_DIGITS}",
                    node.args[1].start,
                    "write round(x, 2) for cents or round(x, -3) for thousands",
                )
            digits = int(value)
        return Round(self.number(node.args[0]), sympy.Integer(digits))

    def call_clip(self, node: ast.Call) -> Any:
        x, lo, hi = (self.number(a) for a in node.args)
        if lo.is_Number and hi.is_Number and lo > hi:
            raise LexError(
                f"clip() low {lo} is above high {hi}", node.args[1].start, "swap low and high"
            )
        return sympy.Min(sympy.Max(x, lo), hi)

    def tier(self, node: ast.Call) -> Any:
        x = self.number(node.args[0])
        bounds = self.constant_list(node.args[1], node.func, "breakpoints")
        values = self.constant_list(node.args[2], node.func, "values")
        _check_tiers(node, bounds, values)
        cls = TIER_FUNCTIONS[node.func]
        return cls(x, sympy.Tuple(*map(_rational, bounds)), sympy.Tuple(*map(_rational, values)))

    def constant_list(self, node: ast.Node, func: str, what: str) -> list[Fraction]:
        if not isinstance(node, ast.List):
            raise LexError(
                f"the {what} of {func}() must be a list in [ ]",
                node.start,
                f"write {_SIGNATURES[func]}",
            )
        items = []
        for item in node.items:
            value = self.constant(item)
            if value is None:
                raise LexError(
                    f"{func}() {what} must be numbers or parameters, not KPIs or steps",
                    item.start,
                    "tier tables are fixed; move a varying amount outside the tier function",
                )
            items.append(value)
        return items

    def constant(self, node: ast.Node) -> Fraction | None:
        """The exact value of a constant expression (numbers and parameters), else ``None``."""
        if isinstance(node, ast.Name):
            info = self.names.get(node.id)
            if info is None:
                raise unknown_name(node.id, node.start, self.names)
            return info.value
        expr = self.number(node)
        if isinstance(expr, sympy.Rational):
            return Fraction(int(expr.p), int(expr.q))
        if expr.free_symbols and all(
            self.names.get(s.name, NameInfo("kpi")).value is not None for s in expr.free_symbols
        ):
            subs = {s: _rational(self.names[s.name].value) for s in expr.free_symbols}
            folded = expr.xreplace(subs)
            if isinstance(folded, sympy.Rational):
                return Fraction(int(folded.p), int(folded.q))
        return None


def _check_tiers(node: ast.Call, bounds: list[Fraction], values: list[Fraction]) -> None:
    func = node.func
    expected = len(bounds) if func == "interp" else len(bounds) + 1
    if len(values) != expected:
        rule = (
            "the same number of values as points"
            if func == "interp"
            else "one more value than breakpoints"
        )
        raise LexError(
            f"{func}() needs {rule}: {len(bounds)} breakpoints need {expected} values, "
            f"got {len(values)}",
            node.args[2].start,
            f"write {_SIGNATURES[func]}",
        )
    if func == "interp" and len(bounds) < 2:
        raise LexError("interp() needs at least two points", node.args[1].start)
    for i in range(1, len(bounds)):
        if bounds[i] <= bounds[i - 1]:
            item = node.args[1]
            offset = item.items[i].start if isinstance(item, ast.List) else item.start
            raise LexError(
                f"{func}() breakpoints must increase: {_show(bounds[i])} comes after "
                f"{_show(bounds[i - 1])}",
                offset,
                "brackets are half-open [lo, hi); list each breakpoint once, in increasing order",
            )


def _literal(node: ast.Node) -> Fraction | None:
    if isinstance(node, ast.Num):
        return node.value
    if isinstance(node, ast.Unary) and isinstance(node.operand, ast.Num):
        return -node.operand.value if node.op == "-" else node.operand.value
    return None


def _rational(value: Fraction | None) -> sympy.Rational:
    assert value is not None
    return sympy.Rational(value.numerator, value.denominator)


def _show(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


def unknown_name(name: str, offset: int, names: Mapping[str, NameInfo]) -> LexError:
    """The error for a name that is neither a KPI, a parameter nor a step."""
    if name in FUNCTIONS:
        return LexError(
            f"{name!r} is a function; call it with arguments",
            offset,
            f"write {_SIGNATURES[name]}",
        )
    return LexError(
        f"unknown name {name!r}{did_you_mean(name, names)}",
        offset,
        "every name must be a KPI ([kpi.NAME]), a parameter ([params]) or a step ([formula])",
    )


_KIND_LABELS = {"kpi": "KPI", "param": "parameter", "step": "step"}


def unknown_function(name: str, offset: int, names: Mapping[str, NameInfo]) -> LexError:
    """The error for a call of something that is not one of :data:`FUNCTIONS`."""
    if name in names:
        return LexError(
            f"{name!r} is a {_KIND_LABELS[names[name].kind]}, not a function",
            offset,
            "put an operator between it and the '(' (for example *)",
        )
    return LexError(
        f"unknown function {name!r}{did_you_mean(name, FUNCTIONS)}",
        offset,
        "functions: " + ", ".join(FUNCTIONS),
    )
