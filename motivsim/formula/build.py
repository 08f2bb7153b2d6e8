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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any, Final, Literal

import sympy

from motivsim import limits
from motivsim.formula import parser as ast
from motivsim.formula.functions import TIER_FUNCTIONS, If, Round
from motivsim.formula.lexer import LexError, checked_number
from motivsim.validation import did_you_mean

__all__ = [
    "CLOCK_NAMES",
    "FUNCTIONS",
    "HISTORY_FUNCTIONS",
    "Built",
    "NameInfo",
    "NotAConstant",
    "build",
    "constant_value",
    "folded_names",
    "history_name",
    "names_used",
    "non_real",
    "symbol",
    "unchecked_divisors",
]

Kind = Literal["kpi", "param", "step", "clock", "constant"]


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What a name refers to: its kind, and whether its value is a condition (True/False)."""

    kind: Kind
    is_bool: bool = False
    value: Fraction | None = None  # parameters and constants only


@dataclass(frozen=True, slots=True)
class Built:
    """A built formula: its sympy expression, whether it is a condition, and its divisors.

    ``divisors`` are the values the formula *as written* divides by: the right operand of each
    ``/`` and the base of each negative power, as sympy expressions (constants left out: a
    constant divisor is checked here). sympy simplifies ``S / S * 100`` to ``100``, so the
    expression alone would forget that it divides by ``S``; the evaluators check these too.
    A divisor inside a branch of ``if`` counts only where that branch is taken: it is recorded
    as ``If(condition, divisor, 1)`` (``If(condition, 1, divisor)`` for the else branch); one
    inside a side of ``and``/``or`` counts only where the other side does not decide already.
    """

    expr: Any
    is_bool: bool
    divisors: tuple[Any, ...] = ()


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
    "prior": (1, 2),
    "ytd": (1, 1),
    "prior_ytd": (1, 1),
}

#: Most periods ``prior(x, k)`` may look back.
MAX_PRIOR_PERIODS: Final = 60
#: Functions whose argument's value comes from the person's earlier periods.
HISTORY_FUNCTIONS: Final = frozenset({"prior", "prior_ytd"})
#: The clock: ``period`` (1-based, inside the plan year) and ``periods_per_year``.
CLOCK_NAMES: Final = ("period", "periods_per_year")

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
    "prior": "prior(x) or prior(x, k): x in the previous period (k periods back), 0 before",
    "ytd": "ytd(x): the sum of x over the plan year so far, this period included",
    "prior_ytd": "prior_ytd(x): the sum of x over the plan year's earlier periods",
}


def symbol(name: str, *, is_bool: bool = False) -> sympy.Symbol:
    """The sympy symbol motivsim uses for a KPI, parameter or step named ``name``."""
    return sympy.Symbol(name) if is_bool else sympy.Symbol(name, real=True)


def history_name(func: str, name: str, periods: int = 1) -> str:
    """The name under which an evaluation receives ``prior(name, periods)`` or
    ``prior_ytd(name)``: the call as written (it cannot clash with a name of the scheme).

    Examples
    --------
    >>> history_name("prior", "balance"), history_name("prior", "sales", 3)
    ('prior(balance)', 'prior(sales, 3)')
    >>> history_name("prior_ytd", "pay")
    'prior_ytd(pay)'
    """
    if func == "prior" and periods != 1:
        return f"prior({name}, {periods})"
    return f"{func}({name})"


def names_used(node: ast.Node, *, history: bool = True) -> list[tuple[str, int]]:
    """Every name a formula refers to (not function names), with its offset, in order.

    With ``history=False`` the names inside ``prior(...)`` and ``prior_ytd(...)`` are left out:
    their values come from earlier periods, so a step may use itself through them.
    """
    found: list[tuple[str, int]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Name):
            found.append((item.id, item.start))
        elif isinstance(item, ast.Call) and not history and item.func in HISTORY_FUNCTIONS:
            continue
        elif isinstance(item, ast.Call | ast.List):
            stack.extend(reversed(item.args if isinstance(item, ast.Call) else item.items))
        elif isinstance(item, ast.Binary | ast.Compare | ast.BoolOp):
            stack.extend((item.right, item.left))
        elif isinstance(item, ast.Unary | ast.Not):
            stack.append(item.operand)
    return found


def folded_names(node: ast.Node) -> set[str]:
    """Names whose values a formula's built expression holds as numbers, not as symbols: the
    parameters in its tier tables' breakpoints and values (a tier table is fixed when built).

    Examples
    --------
    >>> from motivsim.formula.parser import parse
    >>> sorted(folded_names(parse("base + step(revenue / plan, [low, 1], [0, rate])")))
    ['low', 'rate']
    """
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, ast.Call) and item.func in TIER_FUNCTIONS:
            stack.append(item.args[0])
            for table in item.args[1:]:
                found.update(name for name, _ in names_used(table))
        elif isinstance(item, ast.Call | ast.List):
            stack.extend(item.args if isinstance(item, ast.Call) else item.items)
        elif isinstance(item, ast.Binary | ast.Compare | ast.BoolOp):
            stack.extend((item.right, item.left))
        elif isinstance(item, ast.Unary | ast.Not):
            stack.append(item.operand)
    return found


def build(node: ast.Node, names: Mapping[str, NameInfo]) -> Built:
    """Build the sympy expression of a parsed formula whose names are described by ``names``."""
    builder = _Builder(names)
    built = builder.visit(node)
    expr = _canonical(built.expr)
    divisors = tuple(dict.fromkeys(_canonical(d) for d in builder.divisors))
    for item in (expr, *divisors):
        _check_constants(item, builder.folded, node.start)
        problem = non_real(item)
        if problem is not None:
            raise LexError(
                f"this formula does not work out to a real number: {problem}",
                node.start,
                "divide only by values that cannot be 0, and take fractional powers only of "
                "values that cannot be negative",
            )
    _check_exponents(expr, node.start)
    return Built(expr, built.is_bool, divisors)


def _check_exponents(expr: Any, offset: int) -> None:
    """sympy combines powers (``(x ** 10) ** 10`` is ``x ** 100``, so is ``x ** 10 * ...``);
    the combined exponents are bounded too, so that exact arithmetic stays cheap."""
    for power in expr.atoms(sympy.Pow):
        if power.exp.is_Rational and abs(power.exp) > _MAX_COMBINED_EXPONENT:
            raise LexError(
                f"this formula raises to the power {_show(_fraction(power.exp))} once powers "
                f"are combined (x ** 10 * x ** 10 is x ** 20); the limit is "
                f"{_MAX_COMBINED_EXPONENT}",
                offset,
                "pay formulas rarely need powers; a tier table (step, marginal, interp) is "
                "usually clearer",
            )


#: Largest numerator (over the denominator) and denominator of a constant: the literal limit.
_MAX_CONSTANT = int(limits.MAX_ABS_NUMBER)
#: Largest exponent once sympy combines powers of powers (``(x ** 10) ** 10`` is ``x ** 100``).
_MAX_COMBINED_EXPONENT = limits.MAX_EXPONENT**2


def _out_of_range(value: Any) -> bool:
    """``value`` (a sympy Rational) is beyond ``±MAX_ABS_NUMBER`` or finer than its inverse
    (integer arithmetic only: a float of a huge numerator would overflow)."""
    p, q = abs(int(value.p)), int(value.q)
    return p > _MAX_CONSTANT * q or q > _MAX_CONSTANT


def _magnitude(value: Any) -> str:
    """``1e-120``, ``-3.5e+40``: a sympy Rational of any size, shown to 2 significant digits."""
    p, q = int(value.p), int(value.q)
    if p == 0:
        return "0"
    exponent = math.floor(math.log10(abs(p)) - math.log10(q))
    mantissa = Fraction(abs(p), q) / Fraction(10) ** exponent
    return f"{'-' if p < 0 else ''}{float(mantissa):.2g}e{exponent:+d}"


def _check_constants(expr: Any, folded: Mapping[Any, int], offset: int) -> None:
    """Constants that arithmetic on literals produced must obey the literal limits too; the
    error points at the arithmetic that produced it (``folded``: constant -> offset)."""
    for atom in expr.atoms(sympy.Rational):
        if _out_of_range(atom):
            raise LexError(
                f"a constant in this formula works out to {_magnitude(atom)}, beyond the limits "
                f"of ±{limits.MAX_ABS_NUMBER:,.0f} and 1/{limits.MAX_ABS_NUMBER:,.0f}",
                folded.get(atom, offset),
                "write amounts in a sensible unit (thousands, millions)",
            )


_SPECIALS = (
    sympy.S.ComplexInfinity,
    sympy.S.Infinity,
    sympy.S.NegativeInfinity,
    sympy.S.NaN,
    sympy.S.ImaginaryUnit,
)


def non_real(expr: Any) -> str | None:
    """What makes ``expr`` not a real-valued formula motivsim can evaluate (a division by zero
    folded to ``zoo``, an imaginary number, a fractional power of a negative constant), or
    ``None`` when there is nothing of the kind.

    Examples
    --------
    >>> x = symbol("x")
    >>> non_real(x / 2), non_real(x * sympy.zoo), non_real(sympy.sqrt(-2) * x)
    (None, 'a division by zero', 'a fractional power of a negative number')
    """
    if not isinstance(expr, sympy.Basic):
        return "not a formula"
    if expr.has(sympy.S.ComplexInfinity, sympy.S.NaN):
        return "a division by zero"
    if expr.has(*_SPECIALS[1:]):
        return (
            "a fractional power of a negative number"
            if expr.has(sympy.S.ImaginaryUnit)
            else "an infinite value"
        )
    for atom in expr.atoms(sympy.Number, sympy.NumberSymbol):
        if not isinstance(atom, sympy.Rational):
            return f"the number {atom} is not an exact decimal"
    for power in expr.atoms(sympy.Pow):
        base, exp = power.args
        if not base.free_symbols and base.is_negative and not exp.is_integer:
            return "a fractional power of a negative number"
    return None


def _canonical(expr: Any) -> Any:
    """Rebuild bottom-up with evaluation: sympy leaves some products of powers unevaluated
    (``(x**2)**2``) that the same expression built from printed text would combine."""
    if not expr.args or isinstance(expr, sympy.Tuple):
        return expr
    return expr.func(*(_canonical(a) for a in expr.args))


class _Builder:
    def __init__(self, names: Mapping[str, NameInfo]) -> None:
        self.names = names
        self.divisors: list[Any] = []  # see Built.divisors
        self.folded: dict[Any, int] = {}  # constant computed from literals -> where, first

    def fold(self, value: Any, node: ast.Node) -> Any:
        """``value`` (built for ``node``), remembering where a constant out of range arose."""
        if isinstance(value, sympy.Rational) and _out_of_range(value):
            self.folded.setdefault(value, node.start)
        return value

    def divide_by(self, divisor: Any) -> None:
        """Record a divisor of the formula as written (a constant one is checked at once)."""
        if divisor.free_symbols:
            self.divisors.append(divisor)

    def guard(self, start: int, cond: Any, taken: bool, stop: int | None = None) -> None:
        """Divisors recorded from ``start`` (to ``stop``) count only where ``cond`` is
        ``taken``: elsewhere they are 1."""
        one = sympy.Integer(1)
        for i in range(start, len(self.divisors) if stop is None else stop):
            d = self.divisors[i]
            self.divisors[i] = If(cond, d, one) if taken else If(cond, one, d)

    def visit(self, node: ast.Node) -> Built:
        handler: Callable[[Any], Built] = getattr(self, "visit_" + type(node).__name__)
        try:
            return handler(node)
        except (ArithmeticError, TypeError, ValueError):
            # sympy refused to combine the parts (it cannot order round(2 ** 0.5) in a min)
            raise LexError(
                "motivsim cannot work with this part: its constants do not combine into a "
                "number it can compare (an irrational power such as 2 ** 0.5 inside min, max, "
                "round or a tier table?)",
                node.start,
                "work the constant out and write it as a number",
            ) from None

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
        if info.kind == "constant":
            return Built(_rational(self.clock_value(node.id, node.start)), False)
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
            value = self.power(self.number(node.left), self.exponent(node.right), node)
            return Built(self.fold(value, node), False)
        left, right = self.number(node.left), self.number(node.right)
        if node.op == "+":
            return Built(self.fold(left + right, node), False)
        if node.op == "-":
            return Built(self.fold(left - right, node), False)
        if node.op == "*":
            return Built(self.fold(left * right, node), False)
        if right == 0 or (not right.free_symbols and right.is_zero):
            raise LexError(
                "division by zero"
                if isinstance(node.right, ast.Num)
                else "division by zero: the divisor works out to 0",
                node.right.start,
                "divide by a non-zero value",
            )
        self.divide_by(right)
        return Built(self.fold(left / right, node), False)

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
        """``base ** exponent``, refusing constant powers too large to compute cheaply, and
        constant ones with no real value (``0 ** -1``, ``(-1) ** 0.5``)."""
        if not base.free_symbols:
            if exponent < 0 and (base == 0 or base.is_zero):
                raise LexError(
                    f"0 ** {_show(Fraction(int(exponent.p), int(exponent.q)))} divides by zero: "
                    "the base of a negative power works out to 0",
                    node.start,
                    "a negative power divides by its base; use a base that cannot be 0",
                )
            if base.is_negative and not exponent.is_integer:
                raise LexError(
                    "a negative number to a fractional power is not a real number: the base "
                    "works out below 0",
                    node.start,
                    "take fractional powers (x ** 0.5) only of values that cannot be negative",
                )
        elif exponent < 0:
            self.divide_by(base)
        if isinstance(base, sympy.Rational) and base != 0:
            size = max(abs(int(base.p)), int(base.q))
            if float(abs(exponent)) * math.log10(size) > 2 * math.log10(limits.MAX_ABS_NUMBER):
                raise LexError(
                    "this constant power is too large",
                    node.start,
                    "write the value itself, in a sensible unit",
                )
        power = sympy.Pow(base, exponent)
        _check_exponents(power, node.start)
        return power

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
        first = len(self.divisors)
        left = self.condition(node.left, where)
        middle = len(self.divisors)
        right = self.condition(node.right, where)
        # a division on one side counts only where the other side does not decide the result:
        # where it holds for 'and', where it does not for 'or'
        taken = node.op == "and"
        self.guard(middle, left, taken)
        self.guard(first, right, taken, stop=middle)
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

    def history_argument(self, node: ast.Call) -> str:
        """The name ``prior``, ``ytd`` and ``prior_ytd`` take: a KPI, parameter or step that
        is an amount."""
        arg = node.args[0]
        if not isinstance(arg, ast.Name):
            raise LexError(
                f"{node.func}() takes a name: a KPI, a parameter or a step",
                arg.start,
                f'make the expression a step of its own, e.g. earned = "...", then '
                f"{node.func}(earned)",
            )
        info = self.names.get(arg.id)
        if info is None:
            raise unknown_name(arg.id, arg.start, self.names)
        if info.kind in ("clock", "constant"):
            raise LexError(
                f"{node.func}({arg.id}) has no meaning: {arg.id} is the clock",
                arg.start,
                "use period and periods_per_year as they are (period - 1 is the previous one)",
            )
        if info.is_bool:
            raise LexError(
                f"{node.func}() needs an amount, but {arg.id!r} is a condition",
                arg.start,
                f'make an amount of it, e.g. met = "if({arg.id}, 1, 0)", then {node.func}(met)',
            )
        return arg.id

    def call_prior(self, node: ast.Call) -> Any:
        name = self.history_argument(node)
        periods = 1
        if len(node.args) == 2:
            value = _literal(node.args[1])
            if value is None or value.denominator != 1 or not 1 <= value <= MAX_PRIOR_PERIODS:
                raise LexError(
                    f"prior() periods back must be a whole number from 1 to {MAX_PRIOR_PERIODS}",
                    node.args[1].start,
                    "write prior(x) for the previous period, prior(x, 3) for three back",
                )
            periods = int(value)
        return sympy.Symbol(history_name("prior", name, periods), real=True)

    def clock_value(self, name: str, offset: int) -> Fraction:
        """The value of ``periods_per_year`` (an error saying how to declare it when unknown)."""
        info = self.names.get(name)
        if info is None or info.value is None:
            raise LexError(
                "the plan year's length is not known: [scheme] period does not say it",
                offset,
                "add periods_per_year = 12 (or 4, 52...) under [scheme], or write period = "
                '"month", "quarter" or "week"',
            )
        return info.value

    def call_prior_ytd(self, node: ast.Call) -> Any:
        self.clock_value("periods_per_year", node.start)
        name = self.history_argument(node)
        return sympy.Symbol(history_name("prior_ytd", name), real=True)

    def call_ytd(self, node: ast.Call) -> Any:
        self.clock_value("periods_per_year", node.start)
        name = self.history_argument(node)
        return symbol(name) + sympy.Symbol(history_name("prior_ytd", name), real=True)

    def call_if(self, node: ast.Call) -> Any:
        cond = self.condition(node.args[0], "the first argument of if()")
        start = len(self.divisors)
        then = self.number(node.args[1])
        self.guard(start, cond, True)
        start = len(self.divisors)
        other = self.number(node.args[2])
        self.guard(start, cond, False)
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
        for value, arg in ((lo, node.args[1]), (hi, node.args[2])):
            _check_constants(value, {}, arg.start)
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
            _check_constants(_rational(value), {}, item.start)
            items.append(value)
        return items

    def constant(self, node: ast.Node) -> Fraction | None:
        """The exact value of a constant expression (numbers and parameters), else ``None``."""
        if isinstance(node, ast.Name):
            info = self.names.get(node.id)
            if info is None:
                raise unknown_name(node.id, node.start, self.names)
            return info.value
        start = len(self.divisors)
        expr = self.number(node)
        del self.divisors[start:]  # a constant: its value is checked here, once
        if isinstance(expr, sympy.Rational):
            return Fraction(int(expr.p), int(expr.q))
        if expr.free_symbols and all(
            self.names.get(s.name, NameInfo("kpi")).value is not None for s in expr.free_symbols
        ):
            subs = {s: _rational(self.names[s.name].value) for s in expr.free_symbols}
            try:
                folded = expr.xreplace(subs)
            except (TypeError, ValueError, ZeroDivisionError):
                folded = sympy.S.NaN
            if isinstance(folded, sympy.Rational):
                return Fraction(int(folded.p), int(folded.q))
            problem = non_real(folded)
            if problem is not None:
                raise LexError(
                    f"this value is not a real number with the parameters' values: {problem}",
                    node.start,
                    "check the parameters it uses",
                )
        return None


def unchecked_divisors(expr: Any, divisors: Sequence[Any]) -> tuple[Any, ...]:
    """The ``divisors`` (see :class:`Built`) that evaluating ``expr`` does not check by itself.

    A divisor is checked by the evaluation when ``expr`` divides by it (by each factor of it)
    wherever it counts: unconditionally, or in the same branches of ``if`` it was written in
    (``if(cars > 0, revenue / cars, 0)``). There a zero is a division by zero already. The
    others (cancelled by sympy, or inside ``and``/``or``) must be checked separately.

    Examples
    --------
    >>> kpis = {"S": NameInfo("kpi"), "T": NameInfo("kpi")}
    >>> built = build(ast.parse("S / S * 100"), kpis)
    >>> built.expr, built.divisors, unchecked_divisors(built.expr, built.divisors)
    (100, (S,), (S,))
    >>> built = build(ast.parse("100 / (2 * S) + if(T > 0, S / T, 0)"), kpis)
    >>> built.divisors, unchecked_divisors(built.expr, built.divisors)
    ((2*S, If(T > 0, T, 1)), ())
    """
    if not divisors:
        return ()
    divided: set[tuple[tuple[Any, ...], Any]] = set()  # (if branches taken, base divided by)
    seen: set[tuple[int, tuple[Any, ...]]] = set()
    stack: list[tuple[Any, tuple[Any, ...]]] = [(expr, ())]
    while stack:
        node, path = stack.pop()
        if (id(node), path) in seen or not isinstance(node, sympy.Basic):
            continue
        seen.add((id(node), path))
        if isinstance(node, sympy.Pow) and node.exp.is_negative:
            divided.add((path, node.base))
        if isinstance(node, If):
            cond, then, other = node.args
            stack += [(cond, path), (then, (*path, (cond, True))), (other, (*path, (cond, False)))]
        elif not isinstance(node, sympy.And | sympy.Or | sympy.Tuple):  # and/or: conditional
            stack.extend((arg, path) for arg in node.args)
    return tuple(d for d in divisors if not _checked(d, divided))


def _checked(divisor: Any, divided: set[tuple[tuple[Any, ...], Any]]) -> bool:
    """Whether every factor of ``divisor`` is divided by (see :func:`unchecked_divisors`) on
    its path of ``if`` branches or a shorter one (a guard ``If(c, d, 1)`` is a branch)."""
    path: tuple[Any, ...] = ()
    while True:
        if all(
            any((path[:k], factor) in divided for k in range(len(path) + 1))
            for factor in _zero_factors(divisor)
        ):
            return True
        if isinstance(divisor, If) and divisor.args[2] == 1:
            path, divisor = (*path, (divisor.args[0], True)), divisor.args[1]
        elif isinstance(divisor, If) and divisor.args[1] == 1:
            path, divisor = (*path, (divisor.args[0], False)), divisor.args[2]
        else:
            return False


def _zero_factors(divisor: Any) -> set[Any]:
    """Expressions one of which is 0 wherever ``divisor`` is 0 (its factors)."""
    if isinstance(divisor, sympy.Mul):
        return set().union(*(_zero_factors(a) for a in divisor.args))
    if isinstance(divisor, sympy.Pow) and divisor.exp.is_Rational:
        return _zero_factors(divisor.base) if divisor.exp > 0 else set()
    if divisor.is_Number:
        return set() if divisor != 0 else {divisor}
    return {divisor}


_COMMA_HINT: Final = (
    "a comma with no space between two numbers reads as two numbers: write decimals with a "
    "point (0.01, not 0,01) and separate list items with a comma and a space"
)


def _decimal_commas(node: ast.Call) -> int | None:
    """The offset of the first list item that follows a comma with no space after a number
    (``[0,01, 0,02]``: decimal commas read as separators), if any."""
    for arg in node.args[1:]:
        if isinstance(arg, ast.List):
            for before, after in pairwise(arg.items):
                numbers = isinstance(before, ast.Num) and isinstance(after, ast.Num)
                if numbers and after.start == before.end + 1:  # "0,01": only the comma between
                    return before.start
    return None


def _check_tiers(node: ast.Call, bounds: list[Fraction], values: list[Fraction]) -> None:
    func = node.func
    if func != "interp" and not bounds:
        only = _show(values[0]) if len(values) == 1 else None
        raise LexError(
            f"{func}() needs at least one breakpoint, got an empty list",
            node.args[1].start,
            (
                f"with no breakpoints it is the rate {only} times the first argument: write that"
                if func == "marginal" and only is not None
                else f"with no breakpoints it is the value {only}: write that"
                if only is not None
                else f"write {_SIGNATURES[func]}"
            ),
        )
    expected = len(bounds) if func == "interp" else len(bounds) + 1
    if len(values) != expected:
        rule = (
            "the same number of values as points"
            if func == "interp"
            else "one more value than breakpoints"
        )
        comma = _decimal_commas(node)
        raise LexError(
            f"{func}() needs {rule}: {len(bounds)} breakpoints need {expected} values, "
            f"got {len(values)}",
            node.args[2].start if comma is None else comma,
            f"write {_SIGNATURES[func]}" if comma is None else _COMMA_HINT,
        )
    if func == "interp" and len(bounds) < 2:
        raise LexError(
            "interp() needs at least two points",
            node.args[1].start,
            f"write {_SIGNATURES[func]}: a line needs two points or more",
        )
    for i in range(1, len(bounds)):
        if bounds[i] <= bounds[i - 1]:
            item = node.args[1]
            offset = item.items[i].start if isinstance(item, ast.List) else item.start
            comma = _decimal_commas(node)
            raise LexError(
                f"{func}() breakpoints must increase: {_show(bounds[i])} comes after "
                f"{_show(bounds[i - 1])}",
                offset if comma is None else comma,
                "brackets are half-open [lo, hi); list each breakpoint once, in increasing order"
                if comma is None
                else _COMMA_HINT,
            )


def _literal(node: ast.Node) -> Fraction | None:
    if isinstance(node, ast.Num):
        return node.value
    if isinstance(node, ast.Unary) and isinstance(node.operand, ast.Num):
        return -node.operand.value if node.op == "-" else node.operand.value
    return None


def _fraction(value: Any) -> Fraction:
    return Fraction(int(value.p), int(value.q))


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


_KIND_LABELS = {
    "kpi": "KPI",
    "param": "parameter",
    "step": "step",
    "clock": "name of the clock",
    "constant": "name of the clock",
}


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


class NotAConstant(LexError):
    """A formula of parameters that builds but has no number as its value; ``message`` says
    why, as a phrase after the parameter's name (``"divides by zero"``)."""


def constant_value(tree: ast.Node, params: Mapping[str, Fraction]) -> Fraction:
    """The exact value of a formula of parameters only (a derived parameter), within the
    limits of a number written in a scheme file.

    Raises :class:`LexError` where the formula cannot be built (with its offset), and
    :class:`NotAConstant` where it builds but is a condition, divides by zero, is not an exact
    number or is out of range.

    Examples
    --------
    >>> constant_value(ast.parse("annual / 3"), {"annual": Fraction(1_000_000)})
    Fraction(1000000, 3)
    """
    built = build(tree, {k: NameInfo("param", value=v) for k, v in params.items()})
    subs = {symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in params.items()}
    value = built.expr.xreplace(subs)
    if built.is_bool:
        reason = "is a condition, not a number"
    elif any(d.xreplace(subs) == 0 for d in built.divisors) or value.has(sympy.zoo):
        reason = "divides by zero"
    elif not isinstance(value, sympy.Rational):
        reason = "is not an exact number"
    else:
        exact = Fraction(int(value.p), int(value.q))
        try:
            checked_number(Decimal(exact.numerator) / Decimal(exact.denominator), str(exact))
        except LexError as exc:
            raise NotAConstant(f"is out of range: {exc.message}", tree.start, exc.hint) from None
        return exact
    raise NotAConstant(
        reason,
        tree.start,
        'a derived parameter is arithmetic on other parameters, such as "annual_quota / 4"',
    )
