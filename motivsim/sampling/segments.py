"""A scheme's KPIs drawn per ``[team]`` segment, tied by its ``[correlation]`` copula.

This is how ``simulate`` draws, and ``compare`` and ``check`` draw the same way, so one seed
means the same managers in every command. :func:`sampling_for` decides once which sampler draws
each KPI in each segment and which KPIs go through the Gaussian copula; :func:`draw_segment` fills a
block of runs; :func:`draw_samples` gives ``n`` values of one segment in whole blocks, so sample
``i`` does not depend on ``n``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from motivsim.errors import SchemeError
from motivsim.sampling.samplers import Sampler, sampler_for
from motivsim.sampling.seeding import STREAM_SIMULATE, block_rng, blocks

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Scheme

__all__ = [
    "Sampling",
    "SegmentSamplers",
    "draw_samples",
    "draw_segment",
    "drawn_kpis",
    "require_drawn",
    "sampling_for",
]

FloatArray = npt.NDArray[np.float64]
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SegmentSamplers:
    """A segment's size, its first manager's column, and a sampler per drawn KPI."""

    name: str
    count: int
    first: int
    samplers: tuple[Sampler, ...]


@dataclass(frozen=True, slots=True)
class Sampling:
    """How KPI values are drawn: the KPIs in order, which of them go through the copula (their
    ``factor``), and each segment's samplers (see :func:`draw_segment`)."""

    kpis: tuple[str, ...]
    correlated: tuple[int, ...]
    factor: npt.NDArray[np.float64] | None
    segments: tuple[SegmentSamplers, ...]


def drawn_kpis(scheme: Scheme) -> tuple[tuple[str, ...], list[str], list[str]]:
    """What a simulation of ``scheme`` draws: the KPIs (in declaration order), those ``pay``
    needs that lack a distribution (in some segment), and notes on the figures left out.

    The KPIs are pay's, ``plan_met``'s and the revenue KPI, the last two only when every one
    of them has a distribution (else a note says which figure is not computed).
    """
    needed = set(scheme.kpis_of("pay"))
    plan_met = scheme.principles.plan_met
    optional = {
        "plan": set(scheme.kpis_of(plan_met)) if plan_met else set(),
        "revenue": {scheme.revenue_kpi} if scheme.revenue_kpi else set(),
    }
    usable = {k for k in scheme.kpis if _distributed(scheme, k)}
    notes = [
        _skip_note(what, sorted(kpis - usable)) for what, kpis in optional.items() if kpis - usable
    ]
    wanted = (needed & usable) | {k for v in optional.values() if v <= usable for k in v}
    missing = [k for k in scheme.kpis if k in needed - usable]
    return tuple(k for k in scheme.kpis if k in wanted), missing, notes


def sampling_for(
    scheme: Scheme, kpis: tuple[str, ...], *, fallback: Mapping[str, Distribution] | None = None
) -> Sampling:
    """How ``kpis`` are drawn in each ``[team]`` segment of ``scheme``, with its copula.

    A KPI's distribution is the segment's override, else the KPI's own, else ``fallback``'s
    (for KPIs the scheme lacks a distribution for, or does not declare).
    """
    correlated = _correlated(scheme, kpis)
    factor = scheme.correlation.factor([kpis[i] for i in correlated]) if correlated else None
    out, first = [], 0
    for seg in scheme.team.segments:
        samplers = []
        for i, name in enumerate(kpis):
            dist = seg.distribution(scheme.kpis[name]) if name in scheme.kpis else None
            dist = dist if dist is not None else (fallback or {}).get(name)
            assert dist is not None  # callers draw only KPIs with a distribution (require_drawn)
            samplers.append(sampler_for(dist, normal=i in correlated))
        out.append(SegmentSamplers(seg.name, seg.count, first, tuple(samplers)))
        first += seg.count
    return Sampling(kpis, correlated, factor, tuple(out))


def _distributed(scheme: Scheme, kpi: str) -> bool:
    return all(s.distribution(scheme.kpis[kpi]) is not None for s in scheme.team.segments)


def require_drawn(scheme: Scheme, missing: list[str]) -> None:
    for name in missing:
        bare = [s.name for s in scheme.team.segments if s.distribution(scheme.kpis[name]) is None]
        where = "" if len(scheme.team.segments) == 1 else f" in segment {bare[0]!r}"
        location = scheme.source.location(("kpi", name)) if scheme.source else None
        raise SchemeError(
            f"KPI {name!r} has no distribution{where}, so pay cannot be simulated",
            location=location,
            hint=f'add distribution = {{ type = "lognormal", median = ..., sigma = 0.3 }} under '
            f"[kpi.{name}] (or kpi.{name} = {{ ... }} in each [[team.segment]])",
        )


def _skip_note(what: str, missing: list[str]) -> str:
    figure = "the share meeting the plan" if what == "plan" else "payroll as a share of revenue"
    return f"{figure} is not computed: KPI {', '.join(map(repr, missing))} has no distribution"


def _correlated(scheme: Scheme, kpis: tuple[str, ...]) -> tuple[int, ...]:
    """Indices of the drawn KPIs correlated with another drawn KPI (they go through the copula)."""
    pairs = [(a, b) for (a, b), rho in scheme.correlation.pairs if rho and a in kpis and b in kpis]
    return tuple(i for i, name in enumerate(kpis) if any(name in pair for pair in pairs))


def draw_segment(
    sampling: Sampling,
    seg: SegmentSamplers,
    rngs: list[np.random.Generator],
    spans: list[Span],
    shape: tuple[int, ...],
) -> dict[str, FloatArray]:
    """KPI values of a segment: draws per block (normals or uniforms, as each sampler takes),
    the copula over the correlated KPIs, then each KPI's sampler."""
    x = np.empty((len(sampling.kpis), *shape))
    for rng, (a, e) in zip(rngs, spans, strict=True):
        for k, sampler in enumerate(seg.samplers):
            if sampler.space == "normal":
                rng.standard_normal(out=x[k, a:e])
            elif sampler.space == "uniform":
                rng.random(out=x[k, a:e])
    if sampling.factor is not None:
        _correlate(x, sampling.correlated, sampling.factor)
    pairs = zip(sampling.kpis, seg.samplers, strict=True)
    return {name: sampler(x[k]) for k, (name, sampler) in enumerate(pairs)}


def draw_samples(sampling: Sampling, segment: int, n: int, seed: int) -> dict[str, FloatArray]:
    """``n`` KPI values of segment number ``segment``: the runs of a one-period simulation of a
    team of one manager (block ``b`` of ``BLOCK_SIZE`` runs from
    ``block_rng(seed, b, STREAM_SIMULATE)``),
    so sample ``i`` does not depend on ``n``."""
    seg = sampling.segments[segment]
    parts = []
    for block, start, stop in blocks(n):
        rng = block_rng(seed, block, STREAM_SIMULATE)
        parts.append(draw_segment(sampling, seg, [rng], [(0, stop - start)], (stop - start,)))
    return {k: np.concatenate([p[k] for p in parts]) for k in sampling.kpis}


def _correlate(z: FloatArray, rows: tuple[int, ...], factor: npt.NDArray[np.float64]) -> None:
    """``z[rows] = factor @ z[rows]`` over the KPI axis, term by term in a fixed order."""
    mixed = []
    for i in range(len(rows)):
        row = np.zeros(z.shape[1:])
        for j, source in enumerate(rows):
            if factor[i, j] != 0.0:
                row += factor[i, j] * z[source]
        mixed.append(row)
    for target, row in zip(rows, mixed, strict=True):
        z[target] = row
