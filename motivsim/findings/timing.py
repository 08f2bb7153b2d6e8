"""Timing: what a manager gains by moving deals from one pay period to the next, or back.

For a controllable KPI ``k`` and two consecutive periods where a manager would book ``a`` and
``b``, moving an amount ``x`` from the first to the second (``x < 0``: pulling it in) gains

    G(x) = pay over the periods with (a - x, b + x) - pay over the periods with (a, b)

Linear pay has ``G = 0`` whatever is moved. Convex pay (an accelerator, a bonus at a threshold,
a retroactive tier) rewards *bunching* deals into one period; concave pay (a cap, a
decelerator) rewards *spreading* them. :func:`timing_findings` looks for the largest gain over
a grid of ``a``, ``b`` and ``x`` across the KPI's realistic range (the other KPIs at their
typical values, each period alike), and reports it with the amount moved, the gain in money and
as a share of the two periods' pay, which way a manager would move deals, and the formula step
that causes it.

A plan that remembers (a year-to-date true-up, an annual cap; :mod:`motivsim.formula.periods`)
is computed over a whole plan year with the two periods in its middle, so that what the year
takes back counts: a true-up that recomputes the year removes most of a quarter's gain, and the
finding says what is left of it.

Examples
--------
The published "reset every pay cycle" case: marginal tiers of 25% to 500, 30% to 3,000 and 40%
above, each two-week cycle alone. One cycle of 5,000 pays 1,675; two cycles of 2,500 pay 1,450:
a manager gains 225 by bunching.

>>> import motivsim
>>> scheme = motivsim.loads('''
... [scheme]
... name = "Cycles"
... period = "two weeks"
... [kpi.sales]
... controllable = true
... min = 0
... distribution = { type = "uniform", low = 0, high = 5_000 }
... [formula]
... pay = "marginal(sales, [500, 3_000], [0.25, 0.30, 0.40])"
... ''')
>>> two_periods_gain(scheme, "sales", 2_500, 2_500, 2_500)
Fraction(225, 1)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.findings.finding import Finding
from motivsim.formula.functions import Interp, Marginal, Step
from motivsim.formula.periods import period_steps
from motivsim.i18n import Words, words
from motivsim.scheme.money import format_money
from motivsim.search.grid import kpi_grid, realistic_range

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["TIMING_SHARE", "Gain", "timing_findings", "two_periods_gain"]

#: A gain below this share of the two periods' pay is not reported (rounding, tiny kinks).
TIMING_SHARE: Final = 0.01
#: Grid points for ``a``, ``b`` and ``x`` each (so ``GRID**3`` scenarios per KPI).
GRID: Final = 24
#: Periods booked are looked for between these quantiles of the KPI's distribution: what a
#: manager books in nine periods out of ten.
_TAIL: Final = 0.05

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Gain:
    """The largest gain found for one KPI: booking ``a`` then ``b``, moving ``moved`` from the
    first period to the second (negative: pulled into the first), gains ``gain`` on ``base``
    (the two periods' pay as booked)."""

    kpi: str
    a: float
    b: float
    moved: float
    gain: float
    base: float

    @property
    def share(self) -> float:
        """The gain as a share of the two periods' pay."""
        return self.gain / self.base if self.base > 0 else float("inf")

    @property
    def bunching(self) -> bool:
        """Whether the gain comes from making the periods more unequal (bunching deals)."""
        return abs((self.a - self.moved) - (self.b + self.moved)) > abs(self.a - self.b)


def two_periods_gain(
    scheme: Scheme, kpi: str, a: float, b: float, moved: float
) -> Fraction | float:
    """``G``: pay over the periods with ``moved`` of ``kpi`` shifted from the first period to the
    second, less pay as booked (other KPIs at their typical values); exact for a plan without
    time (:meth:`Scheme.exact`), float64 with exact decisions for a plan that remembers."""
    values = _typical(scheme, kpi)
    if not scheme.needs:

        def total(first: float, second: float) -> Fraction:
            return sum(
                (Fraction(scheme.exact({**values, kpi: v})["pay"]) for v in (first, second)),
                Fraction(0),
            )

        return total(a - moved, b + moved) - total(a, b)
    got = _year_gains(scheme, kpi, values, np.array([a]), np.array([b]), np.array([moved]))
    return float(got[0][0])


def timing_findings(scheme: Scheme) -> list[Finding]:
    """A ``timing`` finding per controllable KPI whose largest gain from moving deals between
    two periods is at least :data:`TIMING_SHARE` of the two periods' pay (none for a scheme
    without a ``period``: its pay is not per period)."""
    if scheme.period is None and scheme.periods_per_year is None:
        return []
    out = []
    for kpi in scheme.pay_inputs:
        if not scheme.kpis[kpi].controllable:
            continue
        found = _largest(scheme, kpi)
        if found is not None and found.gain > 0 and found.share >= TIMING_SHARE:
            out.append(_finding(scheme, found))
    return out


def _typical(scheme: Scheme, kpi: str) -> dict[str, float]:
    out = {}
    for name in scheme.pay_inputs:
        if name == kpi:
            continue
        value = scheme.kpis[name].typical_value()
        out[name] = float(value) if value is not None else 0.0
    return out


def _largest(scheme: Scheme, kpi: str) -> Gain | None:
    span = realistic_range(scheme.kpis[kpi], tail=_TAIL)
    bounds = span.bounds
    if bounds is None:
        return None
    low, high = bounds
    dist = scheme.kpis[kpi].distribution
    levels = kpi_grid(low, high, dist, points=GRID)
    if levels.size > GRID:  # a discrete KPI listed one by one: thin it
        levels = levels[np.linspace(0, levels.size - 1, GRID).round().astype(int)]
    a, b = (g.reshape(-1) for g in np.meshgrid(levels, levels, indexing="ij"))
    # amounts: a share of what could move, both ways (keep each period within the range)
    shares = np.linspace(-1.0, 1.0, GRID)
    aa, ss = np.repeat(a, shares.size), np.tile(shares, a.size)
    bb = np.repeat(b, shares.size)
    room = np.where(ss >= 0, np.minimum(aa - low, high - bb), np.minimum(bb - low, high - aa))
    moved = ss * np.maximum(room, 0.0)
    whole = dist is not None and dist.integer_valued
    if whole:
        moved = np.round(moved)
    keep = moved != 0
    aa, bb, moved = aa[keep], bb[keep], moved[keep]
    if not aa.size:
        return None
    values = _typical(scheme, kpi)
    gains, base = _year_gains(scheme, kpi, values, aa, bb, moved)
    if not np.isfinite(gains).any():
        return None
    best = int(np.nanargmax(gains))
    return Gain(
        kpi,
        float(aa[best]),
        float(bb[best]),
        float(moved[best]),
        float(gains[best]),
        float(base[best]),
    )


def _year_gains(
    scheme: Scheme,
    kpi: str,
    values: Mapping[str, float],
    a: FloatArray,
    b: FloatArray,
    moved: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """``G`` for each scenario, and the two periods' pay as booked: over two periods for a
    plan without time, over a whole plan year (the two in its middle) for one that
    remembers."""
    per_year = scheme.periods_per_year or 2
    periods = 2 if not scheme.needs else max(per_year, 2)
    first = periods // 2 - 1  # the two periods moved between
    n = a.size
    typical = float(scheme.kpis[kpi].typical_value() or 0.0)
    series: dict[str, FloatArray] = {}
    for name, value in values.items():
        series[name] = np.full((periods, 2 * n), value)
    k = np.full((periods, 2 * n), typical)
    k[first, :n], k[first + 1, :n] = a, b  # as booked
    k[first, n:], k[first + 1, n:] = a - moved, b + moved  # moved
    series[kpi] = k
    steps = _compiled(scheme, frozenset(series))
    out = steps.run({}, series, ["pay"])["pay"]
    total = out.sum(axis=0)
    base = out[first, :n] + out[first + 1, :n]
    return total[n:] - total[:n], base


@functools.lru_cache(maxsize=16)
def _compiled(scheme: Scheme, inputs: frozenset[str]) -> Any:
    """The scheme's steps compiled to run period by period (once per scheme and inputs)."""
    return period_steps(scheme, set(inputs))


def _finding(scheme: Scheme, found: Gain) -> Finding:
    lang = scheme.language
    w = words(lang)

    def money(value: float) -> str:
        return format_money(value, scheme.currency, scheme.rounding, lang)

    way = "bunch" if found.bunching else "spread"
    message = w(
        "timing.message",
        kpi=found.kpi,
        a=_amount(found.a, w),
        b=_amount(found.b, w),
        gain=money(found.gain),
        share=w.pct(found.share, 0),
        moved=_amount(abs(found.moved), w),
        where=w("timing.next" if found.moved > 0 else "timing.earlier"),
        way=w(f"timing.{way}"),
    )
    typical = _at_typical(scheme, found.kpi)
    if typical is not None and typical.gain > 0:
        message += w(
            "timing.typical",
            t=_amount(typical.a, w),
            moved=_amount(abs(typical.moved), w),
            gain=money(typical.gain),
        )
    cause = _cause(scheme, found)
    if cause is not None:
        message += w("timing.cause", what=w(f"timing.kind.{cause[1]}"), step=repr(cause[0]))
    if scheme.needs:
        message += w("timing.year")
    step = cause[0] if cause is not None else None
    location = None
    if step is not None and scheme.source is not None:
        key = ("formula", scheme.pay_name if step == "pay" else step)
        location = scheme.source.location(key, value=False)
    return Finding(
        "timing",
        "warning",
        message,
        w(f"timing.fix.{way}"),
        step=step,
        kpi=found.kpi,
        location=location,
        language=lang,
    )


def _at_typical(scheme: Scheme, kpi: str) -> Gain | None:
    """The largest gain for a manager booking the typical value in both periods."""
    typical = scheme.kpis[kpi].typical_value()
    span = realistic_range(scheme.kpis[kpi], tail=_TAIL).bounds
    if typical is None or span is None:
        return None
    low, high = span
    t = float(typical)
    room = max(0.0, min(t - low, high - t))
    moved = np.linspace(-room, room, 2 * GRID + 1)
    dist = scheme.kpis[kpi].distribution
    if dist is not None and dist.integer_valued:
        moved = np.sort(np.round(moved))  # unique, without np.unique (it imports numpy.ma)
        moved = moved[np.concatenate(([True], moved[1:] != moved[:-1]))]
    moved = moved[moved != 0]
    if not moved.size:
        return None
    a = np.full(moved.size, t)
    gains, base = _year_gains(scheme, kpi, _typical(scheme, kpi), a, a, moved)
    best = int(np.nanargmax(gains))
    return Gain(kpi, t, t, float(moved[best]), float(gains[best]), float(base[best]))


def _cause(scheme: Scheme, found: Gain) -> tuple[str, str] | None:
    """The step holding the decision that makes the gain: of the steps that bend pay (a tier
    table, a cap, a condition), the last one, in formula order, whose own two-period change
    carries at least half of the gain; with what kind of bend it is."""
    values = _typical(scheme, found.kpi)
    periods = 2
    series = {name: np.full((periods, 2), v) for name, v in values.items()}
    k = np.empty((periods, 2))
    k[0] = [found.a, found.a - found.moved]
    k[1] = [found.b, found.b + found.moved]
    series[found.kpi] = k
    steps = _compiled(scheme, frozenset(series))
    if scheme.needs:
        return _first_bend(scheme)
    names = [s.name for s in scheme.steps if s.name in steps.names]
    out = steps.run({}, series, names)
    best: tuple[str, str] | None = None
    for step in scheme.steps:
        kind = _bend(step.expr)
        if kind is None or step.name not in out:
            continue
        change = float(out[step.name][:, 1].sum() - out[step.name][:, 0].sum())
        if abs(change) >= 0.5 * abs(found.gain):
            best = (step.name, kind)
    return best or _first_bend(scheme)


def _first_bend(scheme: Scheme) -> tuple[str, str] | None:
    for step in scheme.steps:
        kind = _bend(step.expr)
        if kind is not None:
            return step.name, kind
    return None


def _bend(expr: Any) -> str | None:
    """The kind of bend ``expr`` holds (a catalogue key under ``timing.kind.``), if any."""
    import sympy

    found: str | None = None
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, Step):
            return "step"
        if isinstance(node, Marginal):
            rates = [float(v) for v in node.args[2]]
            found = found or ("accelerator" if rates == sorted(rates) else "decelerator")
        elif isinstance(node, Interp):
            found = found or "interp"
        elif isinstance(node, sympy.Min):
            found = found or "cap"
        elif node.is_Relational:
            found = found or "threshold"
    return found


def _amount(value: float, w: Words) -> str:
    return w.localize(f"{value:,.2f}".rstrip("0").rstrip("."))
