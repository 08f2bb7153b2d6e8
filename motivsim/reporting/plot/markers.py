"""Where a pay curve bends: tier breakpoints, thresholds, caps and the plan, mapped to the x axis.

Every step that ``pay`` depends on is searched for tier functions (``step``, ``marginal``,
``interp``), comparisons (``if`` conditions, yes/no steps) and ``min``/``max``. Each one is turned
into an equation ``g(x) = 0`` in the x KPI, with every step and parameter substituted and the other
KPIs at fixed values. A ``g`` linear in x (``attainment = revenue / plan`` against revenue) is
solved exactly; any other ``g`` is located on the grid by its sign changes and refined by bisection.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal

import numpy as np
import sympy

from motivsim.errors import ArgumentError, EvaluationError
from motivsim.formula.build import symbol
from motivsim.formula.compile import compile_numpy
from motivsim.formula.functions import Interp, Marginal, Step
from motivsim.formula.printer import to_text
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.model import Scheme

__all__ = [
    "Marker",
    "MarkerKind",
    "Substitute",
    "find_markers",
    "format_number",
    "marker_kind",
    "marker_label",
    "plan_crossing",
    "substituter",
]

MarkerKind = Literal["bracket", "threshold", "cap", "floor", "plan"]

#: Bisection steps when a crossing is not linear in x (2**-60 of a grid cell: float precision).
_BISECTIONS: Final = 60


@dataclass(frozen=True, slots=True)
class Marker:
    """A point of the x axis where pay changes its rule.

    ``kind`` is ``"bracket"`` (a tier breakpoint), ``"threshold"`` (a condition switches),
    ``"cap"`` (a ``min`` starts to bind), ``"floor"`` (a ``max``) or ``"plan"`` (``plan_met``
    becomes true); ``step`` is the formula step it comes from; ``label`` says it in words.
    """

    x: float
    kind: MarkerKind
    label: str
    step: str

    def to_dict(self) -> dict[str, Any]:
        """The marker as JSON-ready data."""
        return {"x": self.x, "kind": self.kind, "label": self.label, "step": self.step}


def format_number(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """``15000000.000000002`` -> ``15,000,000``; ``0.7`` -> ``0.7``: six significant digits
    (Russian: ``15 000 000``, ``0,7``).

    Examples
    --------
    >>> format_number(15_000_000.000000002), format_number(0.015), format_number(-1234.5)
    ('15,000,000', '0.015', '-1,234.5')
    """
    if not np.isfinite(value):
        return str(value)
    short = float(f"{value:.6g}")
    if short.is_integer():
        return words(language).num(int(short), ",")
    return words(language).num(Decimal(repr(short)), ",f")


_BOUND: Final = re.compile(r"^(cap|floor) (\S+) \((.*)\)$")
_EQUALS: Final = re.compile(r"^(.*) = (-?[\d,]+(?:\.\d+)?)$")


def marker_kind(kind: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A marker's kind as ``language`` names it: ``cap``; ``потолок``."""
    return words(language).get(f"plot.marker.{kind}", kind)


def marker_label(marker: Marker, language: str = DEFAULT_LANGUAGE) -> str:
    """:attr:`Marker.label` as ``language`` writes it (the label itself stays English: it is
    data): ``plan: revenue >= plan`` -> ``план: revenue >= plan``, ``cap 500,000 (commission)``
    -> ``потолок 500 000 (commission)``, numbers after ``=`` in the language's form."""
    label = marker.label
    if language == DEFAULT_LANGUAGE:
        return label
    w = words(language)
    if label.startswith("plan: "):
        return f"{w('plot.marker.plan')}: {label.removeprefix('plan: ')}"
    bound = _BOUND.match(label)
    if bound:
        kind, number, step = bound.groups()
        return f"{marker_kind(kind, language)} {w.localize(number)} ({step})"
    for kind in ("cap", "floor"):
        if label.startswith(f"{kind}: "):
            return f"{marker_kind(kind, language)}: {label.removeprefix(f'{kind}: ')}"
    equals = _EQUALS.match(label)
    if marker.kind == "bracket" and equals:
        return f"{equals.group(1)} = {w.localize(equals.group(2))}"
    return label


class Substitute:
    """A function replacing steps, parameters and the ``fixed`` KPIs in an expression.

    Raises :class:`~motivsim.EvaluationError` where the expression with every step substituted
    in is too large to work with (:meth:`motivsim.Scheme.expand`); markers then leave that
    step out, and the plan crossing is found from the steps numerically.
    """

    def __init__(self, scheme: Scheme, fixed: Mapping[str, float]) -> None:
        self.scheme = scheme
        self.fixed = dict(fixed)
        self.consts = {symbol(k): _rational(v) for k, v in fixed.items()}
        # a plan that remembers, drawn as in a person's first period: nothing carried, period 1
        for need in scheme.needs:
            self.consts[symbol(need)] = sympy.Integer(1 if need == "period" else 0)

    def __call__(self, expr: Any) -> Any:
        return self.scheme.expand(expr).xreplace(self.consts)


def substituter(scheme: Scheme, fixed: Mapping[str, float]) -> Callable[[Any], Any]:
    """A function replacing steps, parameters and the ``fixed`` KPIs in an expression
    (:class:`Substitute`)."""
    return Substitute(scheme, fixed)


def find_markers(
    scheme: Scheme, x_name: str, grid: np.ndarray, substitute: Callable[[Any], Any]
) -> tuple[Marker, ...]:
    """Every bracket, threshold, cap and floor of the steps ``pay`` needs, inside ``grid``."""
    xsym = symbol(x_name)
    needed = scheme.reach("pay")
    found: list[Marker] = []
    for item in scheme.steps:
        if item.name in needed:
            try:
                mine = [
                    Marker(x, kind, label, item.name)
                    for g, kind, label in _equations(item.expr, item.name, substitute)
                    for x in roots(g, xsym, grid)
                ]
            except EvaluationError:
                continue  # too large to solve symbolically (Scheme.expand): no markers
            found += mine
    return _dedupe(found)


def plan_crossing(
    scheme: Scheme, x_name: str, grid: np.ndarray, substitute: Callable[[Any], Any]
) -> tuple[np.ndarray | None, Marker | None]:
    """``plan_met`` on the grid (``None`` without ``plan_met``) and where it becomes true."""
    plan = scheme.principles.plan_met
    if plan is None:
        return None, None
    try:
        full = substitute(plan.expr)
    except EvaluationError:
        return _plan_by_steps(scheme, plan, x_name, grid, substitute)
    met = _met_on(scheme, plan, x_name, grid, substitute)
    if met is None:
        met = _bool_on(full, x_name, grid)
    xsym = symbol(x_name)
    for rel in plan.expr.atoms(sympy.core.relational.Relational):
        for x in roots(substitute(rel.lhs) - substitute(rel.rhs), xsym, grid):
            if not _bool_at(full, x_name, x - _eps(x)) and _bool_at(full, x_name, x):
                return met, Marker(x, "plan", f"plan: {to_text(plan.expr)}", plan.name)
    flips = np.flatnonzero(~met[:-1] & met[1:])
    if flips.size:  # plan_met switches without a relational in x (e.g. through a step)
        lo, hi = float(grid[flips[0]]), float(grid[flips[0] + 1])
        x = _bisect(lambda v: 1.0 if _bool_at(full, x_name, v) else -1.0, lo, hi)
        return met, Marker(x, "plan", f"plan: {to_text(plan.expr)}", plan.name)
    return met, None


def _met_on(
    scheme: Scheme, plan: Any, x_name: str, grid: np.ndarray, substitute: Callable[[Any], Any]
) -> np.ndarray | None:
    """``plan_met`` on the grid as the pay statement decides it (:meth:`Scheme.holds`), or
    ``None`` where that cannot be asked (no fixed values known, or a grid that goes past a
    KPI's declared range to show a marker there)."""
    if not isinstance(substitute, Substitute):
        return None
    values = {k: np.full(np.shape(grid), v) for k, v in substitute.fixed.items()}
    try:
        return np.asarray(scheme.holds(plan, values | {x_name: grid}), dtype=bool)
    except ArgumentError:
        return None


def _plan_by_steps(
    scheme: Scheme, plan: Any, x_name: str, grid: np.ndarray, substitute: Callable[[Any], Any]
) -> tuple[np.ndarray | None, Marker | None]:
    """:func:`plan_crossing` computed from the steps (:meth:`Scheme.holds`), for a ``plan_met``
    too large to work with symbolically: on the grid, and bisected where it turns true."""
    if not isinstance(substitute, Substitute):
        return None, None
    fixed = substitute.fixed

    def met_at(xs: np.ndarray) -> np.ndarray:
        values = {k: np.full(xs.shape, v) for k, v in fixed.items()} | {x_name: xs}
        return np.asarray(scheme.holds(plan, values), dtype=bool)

    met = met_at(np.asarray(grid, dtype=np.float64))
    flips = np.flatnonzero(~met[:-1] & met[1:])
    if not flips.size:
        return met, None
    lo, hi = float(grid[flips[0]]), float(grid[flips[0] + 1])
    x = _bisect(lambda v: 1.0 if met_at(np.array([v]))[0] else -1.0, lo, hi)
    return met, Marker(x, "plan", f"plan: {to_text(plan.expr)}", plan.name)


def _equations(
    expr: Any, step: str, substitute: Callable[[Any], Any]
) -> Iterator[tuple[Any, MarkerKind, str]]:
    """``(g, kind, label)`` for every place in one step's expression where a rule switches."""
    for tier in sorted(expr.atoms(Step, Marginal, Interp), key=sympy.default_sort_key):
        var, bounds = tier.args[0], tier.args[1]
        for b in bounds:
            yield substitute(var) - b, "bracket", f"{to_text(var)} = {format_number(float(b))}"
    for rel in sorted(expr.atoms(sympy.core.relational.Relational), key=sympy.default_sort_key):
        yield substitute(rel.lhs) - substitute(rel.rhs), "threshold", to_text(rel)
    for call in sorted(expr.atoms(sympy.Min, sympy.Max), key=sympy.default_sort_key):
        kind: MarkerKind = "cap" if isinstance(call, sympy.Min) else "floor"
        for i, a in enumerate(call.args):
            for b in call.args[i + 1 :]:
                yield (
                    substitute(a) - substitute(b),
                    kind,
                    _bound_label(kind, a, b, substitute, step),
                )


def _bound_label(kind: str, a: Any, b: Any, substitute: Callable[[Any], Any], step: str) -> str:
    for limit in (a, b):
        value = substitute(limit)
        if isinstance(value, sympy.Rational):
            return f"{kind} {format_number(float(value))} ({step})"
    return f"{kind}: {to_text(a)} = {to_text(b)}"


def roots(g: Any, xsym: Any, grid: np.ndarray) -> list[float]:
    """Where ``g`` (an expression in ``xsym`` only) crosses zero from ``grid[0]`` to ``grid[-1]``.

    Linear ``g`` is solved exactly; otherwise each sign change between grid points is bisected.
    """
    if not isinstance(g, sympy.Basic) or xsym not in g.free_symbols or g.free_symbols - {xsym}:
        return []
    lo, hi = float(grid[0]), float(grid[-1])
    if g.is_polynomial(xsym) and sympy.degree(g, xsym) == 1:
        a, c = sympy.Poly(g, xsym).all_coeffs()
        if not (isinstance(a, sympy.Rational) and isinstance(c, sympy.Rational)):
            return []
        root = float(-Fraction(int(c.p), int(c.q)) / Fraction(int(a.p), int(a.q)))
        return [root] if lo <= root <= hi else []
    fn = compile_numpy(g)
    with np.errstate(all="ignore"):
        values = np.broadcast_to(np.asarray(fn({xsym.name: grid}), dtype=np.float64), grid.shape)
    sign = np.sign(values)
    found = []
    for i in np.flatnonzero(sign[:-1] * sign[1:] < 0):
        found.append(
            _bisect(
                lambda v: float(fn({xsym.name: np.float64(v)})), float(grid[i]), float(grid[i + 1])
            )
        )
    found += [float(grid[i]) for i in np.flatnonzero(values == 0) if _sign_changes_at(sign, int(i))]
    return sorted(found)


def _sign_changes_at(sign: np.ndarray, i: int) -> bool:
    before = sign[i - 1] if i > 0 else 0
    after = sign[i + 1] if i + 1 < sign.size else 0
    return bool(before * after < 0 or (before == 0) != (after == 0))


def _bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """The point in ``[lo, hi]`` where ``f`` changes sign (``f(lo)`` and ``f(hi)`` differ)."""
    f_lo = np.sign(f(lo))
    for _ in range(_BISECTIONS):
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        if np.sign(f(mid)) == f_lo:
            lo = mid
        else:
            hi = mid
    return hi


def _bool_on(expr: Any, x_name: str, grid: np.ndarray) -> np.ndarray:
    if isinstance(expr, sympy.logic.boolalg.BooleanAtom):
        return np.full(grid.shape, bool(expr))
    with np.errstate(all="ignore"):
        value = np.asarray(compile_numpy(expr)({x_name: grid}), dtype=bool)
    return np.array(np.broadcast_to(value, grid.shape))


def _bool_at(expr: Any, x_name: str, x: float) -> bool:
    return bool(_bool_on(expr, x_name, np.array([x]))[0])


def _eps(x: float) -> float:
    return max(abs(x), 1.0) * 1e-9


def _dedupe(markers: Sequence[Marker]) -> tuple[Marker, ...]:
    out: list[Marker] = []
    for marker in sorted(markers, key=lambda m: m.x):
        if not any(m.kind == marker.kind and abs(m.x - marker.x) <= _eps(m.x) for m in out):
            out.append(marker)
    return tuple(out)


def _rational(value: float | Fraction) -> sympy.Rational:
    exact = value if isinstance(value, Fraction) else Fraction(repr(float(value)))
    return sympy.Rational(exact.numerator, exact.denominator)
