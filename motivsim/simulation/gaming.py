"""Managers who move deals between periods when it pays them: ``simulate --gaming``.

A simple, documented behaviour model of timing (see docs/simulate.md, "Gaming"). The team is
drawn as ``simulate`` draws it (the same seed gives the same months as the plain simulation).
Then, for each manager and each boundary between two consecutive periods, in order, the
manager may move up to ``share`` of one period's amount of the moved KPI (the scheme's
``revenue_kpi``, else its first controllable KPI that pay uses) across the boundary, either way:

* pull in: take ``share`` of next period's amount into this period;
* push out: hold ``share`` of this period's amount back to the next;

and does whichever of the two raises their pay most, when it does. A deal moved loses ``cost``
of its amount (a discount to close it early, or a customer lost by waiting). The model is greedy
and myopic: one boundary at a time, in order. A manager weighs their pay over the two periods
the boundary joins when pay depends on the current period alone; under a plan that remembers
(a year-to-date true-up, an annual cap, a draw to recover) they weigh their pay over the rest of
the simulated periods, later periods' sales as they would be, since what a move gains this
month a true-up or a cap may take back later.

Defaults from field studies: ``share = 0.23`` (Owan, Tsuru and Uehara, "Incentives and Gaming
in Collective Bonus Schemes": 23% of a month's car sales fell on its last day under a volume
bonus) and ``cost = 0.07`` (Larkin, "The cost of high-powered incentives", Journal of Labor
Economics 32(2), 2014: timing deals to accelerators cost the vendor 6 to 8% of revenue in
discounts).

The result shows, side by side with and without gaming, mean payroll per period and the moved
KPI's mean per period of the plan year (its timing), and how often managers moved deals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError
from motivsim.formula.periods import period_steps
from motivsim.i18n import words
from motivsim.sampling.seeding import resolve_seed
from motivsim.sampling.segments import draw_runs, drawn_kpis, require_drawn, sampling_for
from motivsim.scheme.money import format_money
from motivsim.validation import check_int, check_number

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["DEFAULT_COST", "DEFAULT_SHARE", "GamingResult", "simulate_gaming"]

#: The largest share of a period's amount a manager moves across a boundary (Owan et al.).
DEFAULT_SHARE: Final = 0.23
#: The share of a moved amount lost in moving it (Larkin 2014: 6-8% of revenue in discounts).
DEFAULT_COST: Final = 0.07
#: Most runs x periods x managers of one gaming simulation (each boundary is paid 3 ways).
MAX_ROWS: Final = 20_000_000

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class GamingResult:
    """Pay and timing with and without gaming (see the module); ``str()`` is the report."""

    scheme: str
    kpi: str
    currency: str | None
    period: str | None
    rounding: str
    runs: int
    periods: int
    managers: int
    seed: int
    share: float
    cost: float
    payroll: tuple[float, float]  # mean payroll per period: honest, gaming
    kpi_total: tuple[float, float]  # mean KPI per period: honest, gaming
    timing: tuple[tuple[float, ...], tuple[float, ...]]  # KPI mean per period: honest, gaming
    pulled: float  # share of manager-boundaries where deals were pulled in
    pushed: float  # share of manager-boundaries where deals were pushed out
    language: str = "en"

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "scheme": self.scheme,
            "kpi": self.kpi,
            "runs": self.runs,
            "periods": self.periods,
            "managers": self.managers,
            "seed": self.seed,
            "share": self.share,
            "cost": self.cost,
            "payroll": {"honest": self.payroll[0], "gaming": self.payroll[1]},
            "kpi_per_period": {"honest": self.kpi_total[0], "gaming": self.kpi_total[1]},
            "timing": {"honest": list(self.timing[0]), "gaming": list(self.timing[1])},
            "pulled_in": self.pulled,
            "pushed_out": self.pushed,
        }

    def __str__(self) -> str:
        w = words(self.language)

        def money(value: float) -> str:
            return format_money(value, None, self.rounding, self.language)

        def change(new: float, old: float) -> str:
            return w.localize(f"{(new - old) / old:+.1%}") if old else ""

        honest, gaming = self.payroll
        payroll = w("gaming.payroll") + (f" ({self.currency})" if self.currency else "")
        amount = w("gaming.kpi", kpi=self.kpi)
        width = max(34, len(payroll) + 2, len(amount) + 2)
        lines = [
            w(
                "gaming.head",
                scheme=repr(self.scheme),
                share=w.pct(self.share, 0),
                kpi=self.kpi,
                cost=w.pct(self.cost, 0),
            ),
            w(
                "gaming.size",
                runs=w.num(self.runs),
                periods=self.periods,
                managers=self.managers,
                seed=self.seed,
            ),
            "",
            f"{'':{width}}{w('gaming.honest'):>16}{w('gaming.gaming'):>16}{w('gaming.change'):>10}",
            f"{payroll:{width}}{money(honest):>16}{money(gaming):>16}{change(gaming, honest):>10}",
            f"{amount:{width}}{money(self.kpi_total[0]):>16}{money(self.kpi_total[1]):>16}"
            f"{change(self.kpi_total[1], self.kpi_total[0]):>10}",
            "",
            w(
                "gaming.moved",
                all=w.pct(self.pulled + self.pushed),
                pulled=w.pct(self.pulled),
                pushed=w.pct(self.pushed),
            ),
            w("gaming.timing", kpi=self.kpi),
        ]
        for t, (a, b) in enumerate(zip(*self.timing, strict=True), start=1):
            label = w("gaming.period", t=f"{t:>2}")
            lines.append(f"  {label}: {money(a):>16} -> {money(b):>16}{change(b, a):>10}")
        return "\n".join(lines)


def simulate_gaming(
    scheme: Scheme,
    *,
    runs: int = 10_000,
    periods: int = 12,
    seed: int | None = None,
    share: float = DEFAULT_SHARE,
    cost: float = DEFAULT_COST,
    kpi: str | None = None,
) -> GamingResult:
    """Simulate the team with and without managers moving deals (see the module)."""
    runs = check_int("runs", runs, least=1)
    periods = check_int("periods", periods, least=2, most=240)
    share = check_number("share", share, least=0.0, most=1.0)
    cost = check_number("cost", cost, least=0.0, most=1.0)
    moved = _moved_kpi(scheme, kpi)
    seed = resolve_seed(seed)
    size = scheme.team.size
    # a plan that remembers is paid over the rest of the periods at each boundary
    work = runs * periods * size * (periods if _remembers(scheme) else 1)
    if work > MAX_ROWS:
        raise ArgumentError(
            f"{runs:,} runs x {periods} periods x {size} managers is too many for a gaming "
            f"simulation ({MAX_ROWS:,} manager-periods, times the periods for a plan that "
            "remembers)",
            hint="use fewer runs (10,000 give figures to about 1%)",
        )
    kpis, missing, _ = drawn_kpis(scheme)
    require_drawn(scheme, missing)
    sampling = sampling_for(scheme, kpis)
    values = draw_runs(sampling, seed, runs, periods, size)
    honest = _pay(scheme, values, runs, periods, size)
    gamed_values, pulled, pushed = _game(scheme, values, moved, share, cost, runs, periods, size)
    gaming = _pay(scheme, gamed_values, runs, periods, size)
    per_period = lambda x: float(x.sum(axis=2).mean())  # noqa: E731
    timing = (
        tuple(values[moved].mean(axis=(0, 2)).tolist()),
        tuple(gamed_values[moved].mean(axis=(0, 2)).tolist()),
    )
    return GamingResult(
        scheme.name,
        moved,
        scheme.currency,
        scheme.period,
        scheme.rounding,
        runs,
        periods,
        size,
        seed,
        share,
        cost,
        (per_period(honest), per_period(gaming)),
        (per_period(values[moved]), per_period(gamed_values[moved])),
        timing,
        pulled,
        pushed,
        scheme.language,
    )


def _moved_kpi(scheme: Scheme, kpi: str | None) -> str:
    if kpi is not None:
        if kpi not in scheme.pay_inputs:
            raise ArgumentError(
                f"{kpi!r} is not a KPI pay uses", hint="KPIs: " + ", ".join(scheme.pay_inputs)
            )
        return kpi
    if scheme.revenue_kpi in scheme.pay_inputs:
        return scheme.revenue_kpi
    found = next((k for k in scheme.pay_inputs if scheme.kpis[k].controllable), None)
    if found is None:
        raise ArgumentError(
            f"scheme {scheme.name!r} has no controllable KPI that pay uses: nothing to move",
            hint="mark the KPI managers control with controllable = true",
        )
    return found


def _remembers(scheme: Scheme) -> bool:
    """Whether some pay of the team reads earlier periods (its own or a person's scheme)."""
    return bool(scheme.needs)


def _pay(
    scheme: Scheme, values: dict[str, FloatArray], runs: int, periods: int, size: int
) -> FloatArray:
    """Pay of every manager-period, each segment (and each person of a roster) with their own
    parameters; a plan that remembers is paid period by period from the first, each manager
    carrying their own state."""
    out = np.empty((runs, periods, size))
    for cols, own in scheme.payers():
        if own.needs:
            out[:, :, cols] = _pay_over_time(own, values, cols)
            continue
        mine = {k: v[:, :, cols].reshape(-1) for k, v in values.items() if k in own.kpis}
        pay = own.evaluate(mine, check=False)["pay"]
        out[:, :, cols] = np.asarray(pay).reshape(runs, periods, cols.stop - cols.start)
    return out


def _pay_over_time(own: Scheme, values: dict[str, FloatArray], cols: slice) -> FloatArray:
    """Pay (runs, periods, managers ``cols``) of a plan that remembers, computed period by
    period as ``simulate`` computes it (:func:`~motivsim.formula.periods.period_steps`)."""
    mine = {k: v[:, :, cols] for k, v in values.items() if k in own.kpis}
    pay = period_steps(own, set(mine)).run_runs(mine, ["pay"])["pay"]
    return np.asarray(pay, dtype=np.float64)


def _game(
    scheme: Scheme,
    values: dict[str, FloatArray],
    kpi: str,
    share: float,
    cost: float,
    runs: int,
    periods: int,
    size: int,
) -> tuple[dict[str, FloatArray], float, float]:
    """Each boundary in order: the better of pulling in, pushing out or neither (see the
    module: over the two periods it joins, or the rest of the periods for a plan that
    remembers)."""
    gamed = {k: v.copy() for k, v in values.items()}
    x = gamed[kpi]
    pulled = pushed = 0
    remembers = _remembers(scheme)
    for t in range(periods - 1):
        now, nxt = x[:, t, :].copy(), x[:, t + 1, :].copy()
        pull = share * np.maximum(nxt, 0.0)
        push = share * np.maximum(now, 0.0)
        options = [
            (now, nxt),
            (now + pull * (1 - cost), nxt - pull),
            (now - push, nxt + push * (1 - cost)),
        ]
        totals = []
        for first_value, second_value in options:
            if remembers:  # from the first period (its state), weighed from t to the end
                trial = {k: v.copy() for k, v in gamed.items()}
                trial[kpi][:, t, :], trial[kpi][:, t + 1, :] = first_value, second_value
                totals.append(_pay(scheme, trial, runs, periods, size)[:, t:, :].sum(axis=1))
                continue
            pair = {k: v[:, t : t + 2, :].copy() for k, v in gamed.items()}
            pair[kpi][:, 0, :], pair[kpi][:, 1, :] = first_value, second_value
            totals.append(_pay(scheme, pair, runs, 2, size).sum(axis=1))
        best = np.argmax(np.stack(totals), axis=0)  # ties keep the first: no move
        for choice, (first_value, second_value) in enumerate(options[1:], start=1):
            where = best == choice
            x[:, t, :][where] = first_value[where]
            x[:, t + 1, :][where] = second_value[where]
        pulled += int(np.count_nonzero(best == 1))
        pushed += int(np.count_nonzero(best == 2))
    boundaries = runs * (periods - 1) * size
    return gamed, pulled / boundaries, pushed / boundaries
