"""Paired draws for :mod:`motivsim.comparison`: where each KPI comes from, one draw per segment.

Both schemes are paid on the same KPI values. A KPI is drawn from the OLD scheme's distribution
(per ``[team]`` segment, with its overrides and OLD's ``[correlation]`` copula); a KPI only NEW
declares, from NEW's; a KPI with no distribution in either, held at its typical value. Draws go
through :mod:`motivsim.seeding`: block ``b`` of segment ``i`` always uses
``block_rng(seed, b, STREAM + i)``, so sample ``k`` does not depend on how many are drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import EvaluationError, Location, SchemeError
from motivsim.probe import KpiRange, format_values, kpi_ranges, to_fraction
from motivsim.seeding import BLOCK_SIZE, block_rng, blocks

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme import Scheme

__all__ = ["STREAM", "KpiPlan", "Run", "Segment", "run_segment", "segments"]

#: Seed stream of compare's draws (segment ``i`` uses ``STREAM + i``).
STREAM: Final = 0xC0A0_0000

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class KpiPlan:
    """Where each needed KPI comes from: a distribution (and whose) or a fixed value."""

    dists: Mapping[str, Distribution]
    fixed: Mapping[str, Fraction]
    ranges: Mapping[str, KpiRange]
    shared: tuple[str, ...]
    only_old: tuple[str, ...]
    only_new: tuple[str, ...]
    notes: tuple[str, ...]

    @classmethod
    def of(cls, old: Scheme, new: Scheme) -> KpiPlan:
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
class Segment:
    name: str
    count: int
    dists: Mapping[str, Distribution]


@dataclass(frozen=True, slots=True)
class Run:
    segment: Segment
    values: Mapping[str, FloatArray]
    old_pay: FloatArray
    new_pay: FloatArray


def segments(old: Scheme, plan: KpiPlan) -> list[Segment]:
    """OLD's team segments (one "everyone" without ``[team]``), with their KPI overrides."""
    out = []
    for segment in old.team.segments:
        dists = dict(plan.dists)
        for name in dists:
            if name in old.kpis and (own := segment.distribution(old.kpis[name])) is not None:
                dists[name] = own
        out.append(Segment(segment.name, segment.count, dists))
    return out


def run_segment(
    old: Scheme, new: Scheme, plan: KpiPlan, segment: Segment, index: int, samples: int, seed: int
) -> Run:
    values: dict[str, Any] = _draw(
        segment.dists, samples, seed, STREAM + index, _copula(old, list(segment.dists))
    )
    values.update({k: np.full(samples, float(v)) for k, v in plan.fixed.items()})
    return Run(segment, values, _pay_array(old, values), _pay_array(new, values))


def _copula(old: Scheme, names: list[str]) -> npt.NDArray[np.float64] | None:
    """The Gaussian-copula factor of OLD's ``[correlation]`` over ``names`` (None: independent)."""
    if not any(a in names and b in names for (a, b), _ in old.correlation.pairs):
        return None
    return np.asarray(old.correlation.factor(names), dtype=np.float64)


def _draw(
    dists: Mapping[str, Distribution],
    n: int,
    seed: int,
    stream: int,
    factor: npt.NDArray[np.float64] | None = None,
) -> dict[str, FloatArray]:
    """``n`` draws of each KPI; block ``b`` always uses ``block_rng(seed, b, stream)``.

    With a copula ``factor`` the uniforms are correlated through normal scores first.
    """
    parts: dict[str, list[FloatArray]] = {name: [] for name in dists}
    for block, start, stop in blocks(n):
        uniforms = block_rng(seed, block, stream).random((len(dists), BLOCK_SIZE))[
            :, : stop - start
        ]
        if factor is not None:
            from scipy.special import ndtr, ndtri

            uniforms = np.clip(ndtr(factor @ ndtri(uniforms)), 0.0, 1.0)
        for row, (name, dist) in enumerate(dists.items()):
            parts[name].append(dist.ppf(uniforms[row]))
    return {name: np.concatenate(chunks) for name, chunks in parts.items()}


def _pay_array(scheme: Scheme, values: Mapping[str, Any]) -> FloatArray:
    mine = {k: v for k, v in values.items() if k in scheme.kpis}
    try:
        return np.asarray(scheme.evaluate(mine)["pay"], dtype=np.float64)
    except EvaluationError as exc:
        raise EvaluationError(f"scheme {scheme.name!r}: {exc.message}", hint=exc.hint) from None
