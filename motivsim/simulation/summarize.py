"""Turn the engine's merged reductions into a :class:`~motivsim.SimulationResult`."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from motivsim.checks.ratio import (
    GroupStats,
    PlanSplit,
    SegmentSplit,
    has_team,
    measure,
    plan_ratio,
    split_groups,
)
from motivsim.errors import MotivsimError
from motivsim.sampling.draws import MAX_SAMPLES
from motivsim.simulation.engine import Partial
from motivsim.simulation.job import Prepared
from motivsim.simulation.result import (
    CapResult,
    PersonResult,
    SegmentResult,
    SimulationResult,
    Summary,
    YearFigure,
)
from motivsim.simulation.sketch import ExactSum, SketchBuilder

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["build_result", "with_principle_one"]


def build_result(
    prep: Prepared, part: Partial, raw: npt.NDArray[np.float64] | None
) -> SimulationResult:
    """The result of a finished simulation."""
    job, scheme = prep.job, prep.job.scheme
    counts = part.counts
    names = [s.name for s in prep.segments]
    segments = tuple(_segment(prep, part, s.name, s.count) for s in prep.segments)
    finite = sum(counts[("n", n)] for n in names)
    met = sum(counts[("met", n)] for n in names)
    met_pay, all_pay = _total(part, "met", names), _total(part, "pay", names)
    has_plan = prep.program.plan_met
    hitters, others = split_groups(met, met_pay, finite, all_pay)  # principle 1's arithmetic
    mean_met = hitters.mean if has_plan and met else None
    mean_missed = others.mean if has_plan and finite > met else None
    revenue = _total(part, "revenue", names) if prep.revenue else None
    return SimulationResult(
        scheme=scheme.name,
        currency=scheme.currency,
        period=scheme.period,
        runs=job.runs,
        periods=job.periods,
        seed=job.seed,
        managers=prep.size,
        payroll=_summary(prep, part, "payroll"),
        payroll_total=_summary(prep, part, "total"),
        manager=_pooled(prep, part, [("manager", n) for n in names]),
        segments=segments,
        share_meeting_plan=met / finite if has_plan and finite else None,
        mean_pay_meeting_plan=mean_met,
        mean_pay_missing_plan=mean_missed,
        hitter_ratio=plan_ratio(hitters, others) if has_plan else None,
        cap_probability=(
            sum(counts[("any_cap", n)] for n in names) / finite
            if prep.program.caps and finite
            else None
        ),
        caps=tuple(
            CapResult(c.step, c.text, c.limit, counts[("cap", j)] / finite if finite else math.nan)
            for j, c in enumerate(prep.program.caps)
        ),
        revenue_share=all_pay / revenue if revenue else None,
        non_finite=sum(counts[("non_finite", n)] for n in names),
        notes=tuple(prep.notes),
        rounding=scheme.rounding,
        manager_names=tuple(
            f"{s.name} {i + 1}" if s.count > 1 else s.name
            for s in prep.segments
            for i in range(s.count)
        ),
        raw=raw,
        principle_1=_principle_one(prep, part, names, hitters, others) if has_plan else None,
        people=_people(prep, part),
        people_runs=prep.person_runs,
        per_year=_per_year(part, names),
        language=scheme.language,
    )


def _per_year(part: Partial, names: list[str]) -> YearFigure | None:
    """Principle 1 per plan year, from the engine's manager-year counts (``None`` when the
    simulation covers no whole plan year)."""
    counts = part.counts
    years = sum(counts[("year_n", n)] for n in names)
    if not years:
        return None
    met = sum(counts[("year_met", n)] for n in names)
    hitters, others = split_groups(
        met, _total(part, "year_met_pay", names), years, _total(part, "year_pay", names)
    )
    return YearFigure(
        years,
        met / years,
        hitters.mean if met else None,
        others.mean if years > met else None,
        plan_ratio(hitters, others),
    )


def _people(prep: Prepared, part: Partial) -> tuple[PersonResult, ...]:
    """Each person's figures from their pay over the periods in the first runs (kept in
    ``part.people``); the columns are the segments' people in roster order."""
    if not prep.person_runs or not part.people:
        return ()
    values = np.empty((prep.person_runs, prep.size))
    for first, block in part.people:
        values[first : first + block.shape[0]] = block
    team = prep.job.scheme.team
    order = [p for seg in prep.segments for p in team.members(seg.name)]
    out = []
    for j, person in enumerate(order):
        column = values[:, j]
        column = column[np.isfinite(column)]
        if not column.size:
            out.append(PersonResult(person.name, person.segment, *([math.nan] * 4)))
            continue
        p5, p50, p95 = np.percentile(column, [5, 50, 95])
        out.append(
            PersonResult(
                person.name, person.segment, float(column.mean()), float(p5), float(p50), float(p95)
            )
        )
    return tuple(out)


def _principle_one(
    prep: Prepared, part: Partial, names: list[str], met: GroupStats, missed: GroupStats
) -> PlanSplit | None:
    """Principle 1's figure when this simulation is its sample: a team (as declared) over one
    period. It then has the digits of ``check --samples RUNS --seed SEED``
    (:func:`motivsim.checks.ratio.measure` draws and sums the same way); otherwise ``None``
    (:func:`with_principle_one` measures it)."""
    job = prep.job
    if job.periods != 1 or not has_team(job.scheme):
        return None
    counts = part.counts
    segments = []
    for seg in prep.segments:
        met_g, missed_g = split_groups(
            counts[("met", seg.name)],
            part.sums[("met", seg.name)].value(),
            counts[("n", seg.name)],
            part.sums[("pay", seg.name)].value(),
        )
        segments.append(SegmentSplit(seg.name, seg.count, met_g, missed_g))
    return PlanSplit(
        met,
        missed,
        job.runs,
        job.seed,
        managers=prep.size,
        team=True,
        segments=tuple(segments),
        non_finite=sum(counts[("non_finite", n)] for n in names),
    )


def with_principle_one(result: SimulationResult, scheme: Scheme) -> SimulationResult:
    """``result`` with principle 1's figure for its runs and seed in ``principle_1``: the
    figure ``check --samples RUNS --seed SEED`` shows (at most
    :data:`~motivsim.sampling.draws.MAX_SAMPLES` draws).

    A team simulated over one period already holds it (its own counts are that figure);
    otherwise it is measured apart (:func:`motivsim.checks.ratio.measure`: one period per draw,
    and without a team the ``[kpi]`` draws of ``check``), which costs about what a one-period
    simulation of the same runs does. ``result`` comes back unchanged when the scheme has no
    ``plan_met`` or the figure cannot be measured.
    """
    if result.principle_1 is not None or result.share_meeting_plan is None:
        return result
    try:
        split = measure(
            scheme,
            samples=min(result.runs, MAX_SAMPLES),
            seed=result.seed,
            detail=False,
            strict=False,
        )
    except MotivsimError:
        return result
    return replace(result, principle_1=split)


def _segment(prep: Prepared, part: Partial, name: str, count: int) -> SegmentResult:
    counts = part.counts
    finite = counts[("n", name)]
    return SegmentResult(
        name=name,
        count=count,
        payroll=_summary(prep, part, ("payroll", name)),
        manager=_summary(prep, part, ("manager", name)),
        mean_pay=part.sums[("pay", name)].value() / finite if finite else math.nan,
        share_meeting_plan=counts[("met", name)] / finite
        if prep.program.plan_met and finite
        else None,
        cap_probability=counts[("any_cap", name)] / finite
        if prep.program.caps and finite
        else None,
        non_finite=counts[("non_finite", name)],
    )


def _summary(prep: Prepared, part: Partial, key: Any) -> Summary:
    key = prep.canonical(key)
    sketch = part.sketches[key].freeze()
    return Summary.of(sketch, part.sums[key].value(), part.counts[(key, "non_finite")])


def _pooled(prep: Prepared, part: Partial, keys: list[Any]) -> Summary:
    """One summary of several quantities (one manager of any segment)."""
    canonical = [prep.canonical(k) for k in keys]
    sketch, total, bad = SketchBuilder(), ExactSum(), 0
    for key in canonical:
        sketch.merge(part.sketches[key])
        total.merge(part.sums[key])
        bad += part.counts[(key, "non_finite")]
    return Summary.of(sketch.freeze(), total.value(), bad)


def _total(part: Partial, what: str, names: list[str]) -> float:
    total = ExactSum()
    for name in names:
        total.merge(part.sums[(what, name)])
    return total.value()
