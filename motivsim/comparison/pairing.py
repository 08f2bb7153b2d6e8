"""Paired draws for :mod:`motivsim.comparison.run`: where each KPI comes from, one draw per segment.

Both schemes are paid on the same KPI values. A KPI is drawn from the OLD scheme's distribution
(per ``[team]`` segment, with its overrides and OLD's ``[correlation]`` copula); a KPI only NEW
declares, from NEW's; a KPI with no distribution in either, held at its typical value. Draws are
the simulator's (:func:`motivsim.sampling.segments.draw_samples`), the KPIs a simulation of OLD
draws first and in its order, in whole blocks: a segment's values of those KPIs are the first
``samples`` of ``sample_kpis(old, n=m, seed=seed, segment=name)`` (``m`` a multiple of
:data:`~motivsim.sampling.seeding.BLOCK_SIZE`), and sample ``k`` does not depend on how many
are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError, EvaluationError, Location, SchemeError
from motivsim.sampling.seeding import BLOCK_SIZE
from motivsim.sampling.segments import draw_samples, drawn_kpis, sampling_for
from motivsim.scheme.team import Segment as TeamSegment
from motivsim.scheme.team import Team
from motivsim.search.ranges import KpiRange, format_values, kpi_ranges
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Scheme

__all__ = ["KpiSources", "Run", "draw_segment", "run_segment"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class KpiSources:
    """Where each needed KPI comes from: a distribution (and whose) or a fixed value."""

    dists: Mapping[str, Distribution]
    fixed: Mapping[str, Fraction]
    ranges: Mapping[str, KpiRange]
    shared: tuple[str, ...]
    only_old: tuple[str, ...]
    only_new: tuple[str, ...]
    notes: tuple[str, ...]

    @classmethod
    def of(cls, old: Scheme, new: Scheme) -> KpiSources:
        needed = list(dict.fromkeys([*old.pay_inputs, *new.pay_inputs]))
        dists: dict[str, Distribution] = {}
        fixed: dict[str, Fraction] = {}
        ranges: dict[str, KpiRange] = {}
        notes: list[str] = []
        for name in needed:
            owners = [(label, s) for label, s in (("OLD", old), ("NEW", new)) if name in s.kpis]
            with_dist = [(label, s) for label, s in owners if s.kpis[name].distribution is not None]
            if with_dist:
                label, scheme = with_dist[0]
                dist = scheme.kpis[name].distribution
                assert dist is not None
                dists[name] = dist
                if label == "NEW" and len(owners) == 2:
                    notes.append(f"{name} has no distribution in OLD: drawn from NEW's ({dist})")
                elif len(with_dist) == 2 and str(new.kpis[name].distribution) != str(dist):
                    notes.append(
                        f"NEW declares another distribution for {name}; OLD's ({dist}) is used"
                    )
            else:
                fixed[name] = _typical_or_error(name, owners)
                notes.append(
                    f"{name} has no distribution: held at its typical value "
                    f"{format_values({name: fixed[name]}).split('=', 1)[1]}"
                )
            ranges[name] = kpi_ranges(with_dist[0][1] if with_dist else owners[0][1])[name]
        shared = tuple(k for k in needed if k in old.pay_inputs and k in new.pay_inputs)
        only_old = tuple(k for k in needed if k not in new.pay_inputs)
        only_new = tuple(k for k in needed if k not in old.pay_inputs)
        notes += [f"only OLD's pay uses {k}" for k in only_old]
        drawn = " (drawn from NEW's distribution)"
        notes += [
            f"only NEW's pay uses {k}" + (drawn if k in dists and k not in old.kpis else "")
            for k in only_new
        ]
        return cls(dists, fixed, ranges, shared, only_old, only_new, tuple(notes))


def _typical_or_error(name: str, owners: list[tuple[str, Scheme]]) -> Fraction:
    for _, scheme in owners:
        value = scheme.kpis[name].typical_value()
        if value is not None:
            return to_fraction(value)
    scheme = owners[0][1]
    location = (
        scheme.source.location(("kpi", name)) if scheme.source else Location(key=f"kpi.{name}")
    )
    raise SchemeError(
        f"KPI {name!r} has no distribution or typical value, but compare must draw it",
        location=location,
        hint=f'add distribution = {{ type = "lognormal", median = 1_000_000, sigma = 0.3 }} '
        f"(or typical = ...) under [kpi.{name}]",
    )


@dataclass(frozen=True, slots=True)
class Run:
    """One segment's paired samples: the KPI values and each scheme's pay for them."""

    segment: TeamSegment
    values: Mapping[str, FloatArray]
    old_pay: FloatArray
    new_pay: FloatArray


def run_segment(
    old: Scheme, new: Scheme, plan: KpiSources, segment: TeamSegment, samples: int, seed: int
) -> Run:
    """Both schemes' pay on ``samples`` paired draws of ``segment`` (a segment of OLD's team)."""
    drawn = draw_segment(old, plan, segment, samples, seed)
    values: dict[str, Any] = {k: v for k, v in drawn.items() if k in plan.dists}
    values.update({k: np.full(samples, float(v)) for k, v in plan.fixed.items()})
    old_pay, new_pay = _pay_array(old, values), _pay_array(new, values)
    # a pay that depends on no KPI is one number: one per sample, as for any other pay
    old_pay, new_pay = (np.array(np.broadcast_to(p, (samples,))) for p in (old_pay, new_pay))
    return Run(segment, values, old_pay, new_pay)


def draw_segment(
    old: Scheme, plan: KpiSources, segment: TeamSegment, n: int, seed: int
) -> dict[str, FloatArray]:
    """``n`` draws of the KPIs of ``segment``: those a simulation of OLD draws, then the others
    ``plan`` draws. Whole blocks are drawn, so sample ``i`` does not depend on ``n``: the values
    are the first ``n`` of :func:`sample_kpis(old, n=m, seed=seed, segment=segment.name)
    <motivsim.simulation.sample_kpis>` for ``m`` a multiple of
    :data:`~motivsim.sampling.seeding.BLOCK_SIZE`.
    """
    alone = replace(old, team=Team((TeamSegment(segment.name, 1, segment.overrides),)))
    first = drawn_kpis(alone)[0]
    kpis = (*first, *(k for k in plan.dists if k not in first))
    whole = -(-n // BLOCK_SIZE) * BLOCK_SIZE
    drawn = draw_samples(sampling_for(alone, kpis, fallback=plan.dists), 0, whole, seed)
    return {k: v[:n] for k, v in drawn.items()}


def _pay_array(scheme: Scheme, values: Mapping[str, Any]) -> FloatArray:
    mine = {k: v for k, v in values.items() if k in scheme.kpis}
    try:
        return np.asarray(scheme.evaluate(mine)["pay"], dtype=np.float64)
    except EvaluationError as exc:
        raise EvaluationError(f"scheme {scheme.name!r}: {exc.message}", hint=exc.hint) from None
    except ArgumentError as exc:  # a draw outside the [kpi] min/max this scheme declares
        raise ArgumentError(
            f"scheme {scheme.name!r} cannot be computed for the KPI values drawn: {exc.message}",
            hint="compare draws the KPIs from OLD's distributions: give both schemes the same "
            "[kpi] min and max",
        ) from None
