"""Where the plan is: the KPI value at which ``plan_met`` becomes true, and pay around it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.errors import EvaluationError
from motivsim.formula.build import symbol
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.sampling.draws import condition_values, typical_values
from motivsim.search.grid import GRID, kpi_grid, realistic_range

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme, Step

__all__ = ["ATTAINMENT_POINTS", "PlanLevel", "attainment_table", "plan_level"]

#: Shares of the plan at which pay is shown, so the user sees how pay grows with results.
ATTAINMENT_POINTS: Final = (0.5, 0.7, 0.9, 1.0, 1.1, 1.3, 1.5)
#: Bisection steps of the numerical search for the plan level (on a :data:`GRID`-point grid).
_BISECT: Final = 60


@dataclass(frozen=True, slots=True)
class PlanLevel:
    """``plan_met`` turns true when KPI ``kpi`` reaches ``value`` (other KPIs at ``others``)."""

    kpi: str
    value: float
    others: Mapping[str, float] = field(default_factory=FrozenMap)
    discrete: bool = False
    exact: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "others", frozen_mapping(self.others))

    def points(self, scheme: Scheme) -> list[tuple[float, float, float]]:
        """``(share of plan, KPI value, pay)`` at each of :data:`ATTAINMENT_POINTS`."""
        out = []
        for share in ATTAINMENT_POINTS:
            value = share * self.value
            if self.discrete:
                value = float(round(value))
            values: dict[str, Any] = {**self.others, self.kpi: value}
            out.append((share, value, float(scheme.exact(values)["pay"])))
        return out


def plan_level(scheme: Scheme, plan_met: Step) -> PlanLevel | None:
    """The plan level of ``plan_met``: exact for ``kpi >= expression``, else found numerically.

    ``None`` when ``plan_met`` depends on no KPI, a KPI lacks a typical value, or the condition
    does not switch from false to true as its first controllable KPI rises.
    """
    kpis = scheme.kpis_of(plan_met)
    if not kpis:
        return None
    needed = dict.fromkeys([*scheme.pay_inputs, *kpis])
    typical = typical_values(scheme, needed)
    if len(typical) < len(needed):
        return None
    found = _symbolic(scheme, plan_met, kpis)
    if found is None:
        driver = next((k for k in kpis if scheme.kpis[k].controllable), kpis[0])
        others = {k: v for k, v in typical.items() if k != driver}
        value = _numeric(scheme, plan_met, driver, others)
        exact = False
    else:
        driver, value = found
        exact = True
    if value is None or not value > 0:
        return None
    dist = scheme.kpis[driver].distribution
    discrete = bool(dist is not None and dist.integer_valued)  # shares of plan in whole units
    others = {k: v for k, v in typical.items() if k != driver}
    return PlanLevel(driver, value, others, discrete=discrete, exact=exact)


def _symbolic(scheme: Scheme, plan_met: Step, kpis: tuple[str, ...]) -> tuple[str, float] | None:
    """``(kpi, level)`` when ``plan_met`` is ``a*kpi + b >= c`` with ``a > 0`` (or ``>``);
    ``None`` otherwise, and when its expanded form is too large to solve symbolically."""
    import sympy

    try:
        expr = scheme.expand(plan_met.expr)
    except EvaluationError:
        return None  # found numerically instead (step by step)
    if isinstance(expr, sympy.GreaterThan | sympy.StrictGreaterThan):
        gap = expr.lhs - expr.rhs
    elif isinstance(expr, sympy.LessThan | sympy.StrictLessThan):
        gap = expr.rhs - expr.lhs
    else:
        return None
    if len(gap.free_symbols) != 1 or len(kpis) != 1:
        return None
    kpi = symbol(kpis[0])
    slope = sympy.diff(gap, kpi)
    offset = gap.xreplace({kpi: sympy.Integer(0)})
    if not (isinstance(slope, sympy.Rational) and isinstance(offset, sympy.Rational)) or slope <= 0:
        return None
    return kpis[0], float(-offset / slope)


def _numeric(
    scheme: Scheme, plan_met: Step, driver: str, others: Mapping[str, float]
) -> float | None:
    """The first grid cell where ``plan_met`` switches to true, refined by bisection."""
    bounds = realistic_range(scheme.kpis[driver]).bounds
    if bounds is None:
        return None
    grid = kpi_grid(*bounds, points=GRID)  # continuous even for a count KPI: it is bisected
    met = _met(scheme, plan_met, driver, others, grid)
    switch = np.flatnonzero(~met[:-1] & met[1:])
    if switch.size == 0:
        return None
    a, b = float(grid[switch[0]]), float(grid[switch[0] + 1])
    for _ in range(_BISECT):
        mid = (a + b) / 2
        if _met(scheme, plan_met, driver, others, np.array([mid]))[0]:
            b = mid
        else:
            a = mid
    return b


def _met(
    scheme: Scheme, plan_met: Step, driver: str, others: Mapping[str, float], grid: np.ndarray
) -> np.ndarray:
    values = {k: np.full(grid.shape, v) for k, v in others.items()} | {driver: grid}
    return np.asarray(condition_values(scheme, plan_met, values))


def attainment_table(
    scheme: Scheme,
    level: PlanLevel,
    money: Callable[[float], str],
    language: str = DEFAULT_LANGUAGE,
) -> list[str]:
    """Lines showing pay at each share of the plan (the other KPIs at typical values), in
    ``language``."""
    w = words(language)
    others = ", ".join(f"{k} = {_number(v, language)}" for k, v in level.others.items())
    held = w("attainment.held", values=others) if others else ")"
    head = w("attainment.head", kpi=level.kpi, plan=_number(level.value, language), held=held)
    rows = level.points(scheme)
    width = max(len(_number(v, language)) for _, v, _ in rows)
    lines = [head]
    for share, value, pay in rows:
        lines.append(
            f"  {w.pct(share, 0):>5}  {level.kpi} {_number(value, language):>{width}}  ->  "
            f"{money(pay)}"
        )
    return lines


def _number(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    w = words(language)
    if float(value).is_integer():
        return w.num(int(value), ",")
    if abs(value) >= 1:
        return w.localize(f"{value:,.2f}".rstrip("0").rstrip("."))
    return w.localize(f"{value:.4g}")
