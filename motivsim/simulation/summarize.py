"""Turn the engine's merged reductions into a :class:`~motivsim.SimulationResult`."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from motivsim.simulation.engine import Partial
from motivsim.simulation.job import Prepared
from motivsim.simulation.result import CapResult, SegmentResult, SimulationResult, Summary
from motivsim.simulation.sketch import ExactSum, SketchBuilder

__all__ = ["build_result"]


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
    mean_met = met_pay / met if has_plan and met else None
    mean_missed = (all_pay - met_pay) / (finite - met) if has_plan and finite > met else None
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
        hitter_ratio=mean_met / mean_missed if mean_met is not None and mean_missed else None,
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
    )


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
