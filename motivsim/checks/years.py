"""Principle 1 per plan year, for a plan that remembers earlier periods.

A plan with ``prior``, ``ytd`` or ``period`` (a year-to-date true-up, an annual cap, a draw to
recover) pays by the year: its first quarter alone says little (a true-up pays most of the
variable late in the year). So ``check`` judges principle 1 on whole plan years: ``samples``
draws of a plan year of every manager of the team (one manager without a team), drawn as
``simulate --periods PERIODS_PER_YEAR`` draws them (:func:`~motivsim.sampling.segments.draw_runs`:
persistence and seasonality included), each manager carrying their own past from the year's
first period (:func:`~motivsim.formula.periods.period_steps`, every decision exact). A
manager-year meets the plan when ``plan_met`` held in at least half of its periods, as
``simulate``'s figure per plan year counts it; the figure is the mean annual pay of the years
that meet the plan over that of the others. Sums are kept per block and segment as the
simulator keeps them, so the means have the digits ``simulate``'s figure per plan year has for
the same seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks.base import json_number
from motivsim.checks.stats import GroupStats, Moments, TwoGroups, split_groups
from motivsim.formula.periods import period_steps
from motivsim.sampling.segments import (
    draw_runs,
    drawn_kpis,
    require_drawn,
    run_blocks,
    sampling_for,
)

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["YearSplit", "measure_years", "remembers"]

FloatArray = npt.NDArray[np.float64]

_MET: Final = "\x00met"
#: Manager-periods computed at once (whole blocks; the figures do not depend on it).
_CHUNK: Final = 1 << 20


def remembers(scheme: Scheme) -> bool:
    """Whether principle 1 of ``scheme`` is judged per plan year: its pay reads earlier
    periods (or the period's number) and its plan year has more than one period."""
    return bool(scheme.needs) and (scheme.periods_per_year or 0) > 1


@dataclass(frozen=True, slots=True)
class YearSplit(TwoGroups):
    """Annual pay of the manager-years that meet the plan (``met``) and of the others
    (``missed``): ``draws`` plan years of ``managers`` managers, ``periods`` periods each,
    from ``seed``; ``non_finite`` manager-years whose pay was not a finite number are left out
    (see the module)."""

    met: GroupStats
    missed: GroupStats
    draws: int
    seed: int
    periods: int
    managers: int = 1
    non_finite: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``ratio``, ``share_met``, the two groups' annual pay, what was drawn."""
        return {
            "ratio": json_number(self.ratio),
            "share_met": json_number(self.share_met),
            "met": self.met.to_dict(),
            "missed": self.missed.to_dict(),
            "draws": self.draws,
            "seed": self.seed,
            "periods_per_year": self.periods,
            "managers": self.managers,
            "manager_years": self.count,
            "non_finite": self.non_finite,
        }


def measure_years(scheme: Scheme, *, samples: int, seed: int) -> YearSplit:
    """Principle 1 per plan year of ``scheme`` (see the module) from ``samples`` draws of a
    plan year of its team.

    Examples
    --------
    >>> import motivsim
    >>> plan = motivsim.loads('''
    ... [scheme]
    ... name = "Quarterly true-up"
    ... period = "quarter"
    ... [kpi.sales]
    ... controllable = true
    ... min = 0
    ... distribution = { type = "uniform", low = 0, high = 200 }
    ... [formula]
    ... due = "0.1 * ytd(sales) + if(ytd(sales) >= 400, 50, 0)"
    ... pay = "due - prior_ytd(pay)"
    ... [principles]
    ... plan_met = "ytd(sales) >= 100 * period"
    ... ''')
    >>> split = measure_years(plan, samples=2_000, seed=1)
    >>> split.count, split.periods
    (2000, 4)
    >>> round(split.ratio, 2) > 1
    True
    """
    per_year = scheme.periods_per_year
    assert per_year is not None
    plan_met = scheme.principles.plan_met
    assert plan_met is not None
    kpis, missing, _ = drawn_kpis(scheme)
    require_drawn(scheme, missing)
    sampling = sampling_for(scheme, kpis)
    size = scheme.team.size
    spans: list[tuple[int, int]] = []  # each segment's columns
    first = 0
    for seg in scheme.team.segments:
        spans.append((first, first + seg.count))
        first += seg.count
    block_runs = run_blocks(samples, per_year, size)
    blocks = -(-samples // block_runs)
    step = max(1, _CHUNK // (block_runs * per_year * size))  # blocks computed at once
    sums = _YearSums(spans, per_year, block_runs)
    for lo in range(0, blocks, step):
        chunk = range(lo, min(blocks, lo + step))
        values = draw_runs(sampling, seed, samples, per_year, size, blocks=chunk)
        runs = next(iter(values.values())).shape[0]
        pay = np.empty((runs, per_year, size))
        met = np.empty((runs, per_year, size), dtype=bool)
        for cols, own in scheme.payers():
            pay[:, :, cols], met[:, :, cols] = _year(own, values, cols)
        sums.add(pay, met)
    return sums.result(samples, seed, size)


def _year(
    own: Scheme, values: dict[str, FloatArray], cols: slice
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Pay and ``plan_met`` (runs, periods, managers ``cols``), period by period."""
    mine = {k: v[:, :, cols] for k, v in values.items() if k in own.kpis}
    plan_met = own.principles.plan_met
    assert plan_met is not None
    steps = period_steps(own, set(mine), extras=[(_MET, plan_met.expr)])
    out = steps.run_runs(mine, ["pay", _MET])
    return out["pay"].astype(np.float64), out[_MET].astype(bool)


class _YearSums:
    """Counts, per-block sums and moments of the manager-years, block by block in order and
    segment by segment, as ``simulate`` sums them (so the chunking changes nothing)."""

    def __init__(self, spans: list[tuple[int, int]], per_year: int, block_runs: int) -> None:
        self.spans, self.per_year, self.block_runs = spans, per_year, block_runs
        self.counts = self.met = self.bad = 0
        self.totals: list[float] = []
        self.met_totals: list[float] = []
        self.hit, self.miss = Moments(), Moments()

    def add(self, pay: FloatArray, met: npt.NDArray[np.bool_]) -> None:
        """Whole blocks of runs, the first run of ``pay`` the first of a block."""
        for start in range(0, pay.shape[0], self.block_runs):
            stop = min(pay.shape[0], start + self.block_runs)
            for a, e in self.spans:
                annual = pay[start:stop, :, a:e].sum(axis=1)
                good = 2 * met[start:stop, :, a:e].sum(axis=1) >= self.per_year
                fin = np.isfinite(annual)
                self.bad += int(annual.size - np.count_nonzero(fin))
                self.counts += int(np.count_nonzero(fin))
                self.met += int(np.count_nonzero(good & fin))
                self.totals.append(float(annual[fin].sum()))
                self.met_totals.append(float(annual[good & fin].sum()))
                self.hit.add(annual[good & fin])
                self.miss.add(annual[~good & fin])

    def result(self, samples: int, seed: int, size: int) -> YearSplit:
        hits, others = split_groups(
            self.met,
            math.fsum(self.met_totals),
            self.counts,
            math.fsum(self.totals),
            sd=(self.hit.sd(), self.miss.sd()),
            median=(self.hit.median(), self.miss.median()),
        )
        return YearSplit(hits, others, samples, seed, self.per_year, size, self.bad)
