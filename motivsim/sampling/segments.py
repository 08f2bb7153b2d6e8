"""A scheme's KPIs drawn per ``[team]`` segment, tied by its ``[correlation]`` copula.

This is how ``simulate`` draws, and ``compare`` and ``check`` draw the same way, so one seed
means the same managers in every command. :func:`sampling_for` decides once which sampler draws
each KPI in each segment and which KPIs go through the Gaussian copula; :func:`draw_segment` fills a
block of runs; :func:`draw_samples` gives ``n`` values of one segment in whole blocks, so sample
``i`` does not depend on ``n``.

Over several periods (a block shaped ``(runs, periods, managers)`` with ``periods > 1``), a KPI
with ``[kpi.X] persistence`` keeps each manager's level from period to period and one with
``seasonality`` is drawn from its distribution scaled for the period (see :func:`draw_segment`
and docs/simulate.md); one period drawn alone (``check``, ``compare``, ``sample_kpis``,
``simulate --periods 1``) is a typical period, drawn exactly as without them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from motivsim.distributions import ParameterError, scaled
from motivsim.errors import ArgumentError, SchemeError
from motivsim.i18n import words
from motivsim.sampling.samplers import Known, Sampler, Space, sampler_for
from motivsim.sampling.seeding import (
    BLOCK_SIZE,
    STREAM_SIMULATE,
    SUBSTREAM_MANAGERS,
    block_rng,
    blocks,
    sub_rng,
)

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Kpi, Scheme

__all__ = [
    "Periodic",
    "Sampling",
    "SegmentSamplers",
    "draw_runs",
    "draw_samples",
    "draw_segment",
    "drawn_kpis",
    "persistence_correlation",
    "require_drawn",
    "run_blocks",
    "sampling_for",
]

FloatArray = npt.NDArray[np.float64]
Span = tuple[int, int]

#: How far below 0 an eigenvalue of the copula matrix may be and still count as 0.
_PSD_TOLERANCE: Final = 1e-10


@dataclass(frozen=True, slots=True)
class Periodic:
    """How a KPI is drawn over several periods: from ``space`` (standard normals for a KPI
    with persistence), by ``by_period[t % len(by_period)]`` in period ``t`` (one sampler per
    period of the plan year with ``seasonality``, else one for every period)."""

    space: Space
    by_period: tuple[Sampler, ...]


@dataclass(frozen=True, slots=True)
class SegmentSamplers:
    """A segment's size, its first manager's column, and a sampler per drawn KPI (one period
    drawn alone, and what any period's values are known to be); ``periodic`` gives, per KPI,
    how it is drawn over several periods (``None``: as in one period; empty: every KPI so)."""

    name: str
    count: int
    first: int
    samplers: tuple[Sampler, ...]
    periodic: tuple[Periodic | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Sampling:
    """How KPI values are drawn: the KPIs in order, which of them go through the copula (their
    ``factor``), and each segment's samplers (see :func:`draw_segment`).

    Over several periods: ``rho[k]`` is KPI ``k``'s normal correlation between two periods of
    one manager (empty: none has persistence), ``managers`` the KPIs given a manager effect,
    and ``period_factor`` the copula's factor for the manager effects and the period noise
    (``factor`` unless correlated KPIs differ in persistence).
    """

    kpis: tuple[str, ...]
    correlated: tuple[int, ...]
    factor: npt.NDArray[np.float64] | None
    segments: tuple[SegmentSamplers, ...]
    rho: tuple[float, ...] = ()
    managers: tuple[int, ...] = ()
    period_factor: npt.NDArray[np.float64] | None = None


@dataclass(frozen=True, slots=True)
class _Widened:
    """``sampler`` (one period drawn alone), known to give ``known``: what the KPI's values are
    known to be in any period, seasonality included."""

    sampler: Sampler
    known: Known

    @property
    def space(self) -> Space:
        return self.sampler.space

    def __call__(self, x: FloatArray, /) -> FloatArray:
        return self.sampler(x)


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
        _skip_note(what, sorted(kpis - usable), scheme.language)
        for what, kpis in optional.items()
        if kpis - usable
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
    declared = [scheme.kpis.get(name) for name in kpis]
    rho = tuple(persistence_correlation(_persistence(k)) if k else 0.0 for k in declared)
    seasons = [_seasonality(scheme, k) if k else () for k in declared]
    out, first = [], 0
    for seg in scheme.team.segments:
        samplers: list[Sampler] = []
        periodic: list[Periodic | None] = []
        for i, name in enumerate(kpis):
            dist = seg.distribution(scheme.kpis[name]) if name in scheme.kpis else None
            dist = dist if dist is not None else (fallback or {}).get(name)
            assert dist is not None  # callers draw only KPIs with a distribution (require_drawn)
            samplers.append(sampler_for(dist, normal=i in correlated))
            if rho[i] or seasons[i]:
                kpi = declared[i]
                assert kpi is not None
                where = "" if len(scheme.team.segments) == 1 else f" in segment {seg.name!r}"
                alone, every = _periodic(scheme, kpi, dist, i in correlated or rho[i] > 0, where)
                periodic.append(alone)
                if every != samplers[-1].known:
                    samplers[-1] = _Widened(samplers[-1], every)
            else:
                periodic.append(None)
        dynamic = tuple(periodic) if any(p is not None for p in periodic) else ()
        out.append(SegmentSamplers(seg.name, seg.count, first, tuple(samplers), dynamic))
        first += seg.count
    if not any(rho):
        return Sampling(kpis, correlated, factor, tuple(out), period_factor=factor)
    persistent = [i for i in correlated if rho[i]]
    managers = tuple(i for i in range(len(kpis)) if rho[i] or (persistent and i in correlated))
    period_factor = _period_factor(scheme, kpis, correlated, rho) if correlated else None
    return Sampling(kpis, correlated, factor, tuple(out), rho, managers, period_factor)


def persistence_correlation(persistence: float) -> float:
    """The correlation of the normals behind two periods of one manager that gives rank
    correlation ``persistence`` between them: ``2 sin(pi persistence / 6)``, as the copula
    turns ``[correlation]``'s rank correlations into normal ones.

    >>> round(persistence_correlation(0.6), 4)
    0.618
    """
    return 2.0 * math.sin(math.pi * persistence / 6.0)


def _persistence(kpi: Kpi) -> float:
    value = kpi.persistence
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1:
        raise ArgumentError(
            f"KPI {kpi.name!r}: persistence must be a number from 0 to below 1, got {value!r}"
        )
    return float(value)


def _seasonality(scheme: Scheme, kpi: Kpi) -> tuple[float, ...]:
    factors = kpi.seasonality
    if not factors:
        return ()
    length = scheme.periods_per_year
    if length is None or len(factors) != length:
        raise ArgumentError(
            f"KPI {kpi.name!r}: seasonality has {len(factors)} factors, but the plan year has "
            f"{length if length is not None else 'no known number of'} periods",
            hint="give one factor per period of the plan year ([scheme] periods_per_year)",
        )
    for f in factors:
        if isinstance(f, bool) or not isinstance(f, int | float) or not 0 < f < math.inf:
            raise ArgumentError(f"KPI {kpi.name!r}: seasonality factors must be > 0, got {f!r}")
    return tuple(float(f) for f in factors)


def _periodic(
    scheme: Scheme, kpi: Kpi, dist: Distribution, normal: bool, where: str
) -> tuple[Periodic, Known]:
    """How KPI ``kpi`` of distribution ``dist`` is drawn over several periods (from normals
    when ``normal``), and what its values are known to be in any period."""
    factors = _seasonality(scheme, kpi) or (1.0,)
    made: dict[float, Sampler] = {}
    for i, f in enumerate(factors):
        if f not in made:
            try:
                season = scaled(dist, f, lower=kpi.min, upper=kpi.max)
            except ParameterError as exc:
                key = ("kpi", kpi.name, "seasonality", i)
                location = scheme.source.location(key, value=True) if scheme.source else None
                raise SchemeError(
                    f"kpi.{kpi.name}.seasonality[{i}]{where}: {exc.message}",
                    location=location,
                    hint=exc.hint,
                ) from None
            made[f] = sampler_for(season, normal=normal)
    if len({s.space for s in made.values()}) > 1:  # e.g. truncation in some periods only
        made = {
            f: sampler_for(scaled(dist, f, lower=kpi.min, upper=kpi.max), normal=True) for f in made
        }
    by_period = tuple(made[f] for f in factors)
    base = sampler_for(dist, normal=normal)
    knowns = [base.known, *(s.known for s in made.values())]
    every = Known(
        min(k.low for k in knowns), max(k.high for k in knowns), all(k.whole for k in knowns)
    )
    return Periodic(by_period[0].space, by_period), every


def _period_factor(
    scheme: Scheme, kpis: tuple[str, ...], correlated: tuple[int, ...], rho: tuple[float, ...]
) -> npt.NDArray[np.float64]:
    """The copula's factor for manager effects and period noise alike: of the matrix ``R / c``
    with ``c[a, b] = sqrt(r_a r_b) + sqrt((1 - r_a)(1 - r_b))`` (``r``: each KPI's normal
    persistence), so that within a period the KPIs keep the correlation ``R`` that
    ``[correlation]`` asks for (``c`` is 1 when ``r_a == r_b``)."""
    names = [kpis[i] for i in correlated]
    r = np.array([rho[i] for i in correlated])
    within = np.sqrt(np.outer(r, r)) + np.sqrt(np.outer(1.0 - r, 1.0 - r))
    matrix = scheme.correlation.copula_matrix(names) / within
    np.fill_diagonal(matrix, 1.0)
    n = len(names)
    for a in range(n):
        for b in range(a + 1, n):
            if abs(matrix[a, b]) > 1.0:
                raise _persistence_clash(scheme, names[a], names[b], float(within[a, b]))
    try:
        return np.asarray(np.linalg.cholesky(matrix), dtype=np.float64)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(matrix)
        if values[0] < -_PSD_TOLERANCE:
            location = scheme.source.location(("correlation",)) if scheme.source else None
            raise SchemeError(
                "the correlations of " + ", ".join(map(repr, names)) + " cannot hold together "
                "with their different persistence",
                location=location,
                hint="give correlated KPIs the same persistence (then any correlations that "
                "hold together do), or weaken the correlations",
            ) from None
        return np.asarray(vectors * np.sqrt(np.clip(values, 0.0, None)), dtype=np.float64)


def _persistence_clash(scheme: Scheme, a: str, b: str, within: float) -> SchemeError:
    """A correlation of ``a`` and ``b`` their persistences do not allow in one period."""
    pa, pb = scheme.kpis[a].persistence, scheme.kpis[b].persistence
    most = 6.0 / math.pi * math.asin(within / 2.0)
    more = a if pa >= pb else b
    location = (
        scheme.source.location(("kpi", more, "persistence"), value=True) if scheme.source else None
    )
    return SchemeError(
        f"[correlation] {a}:{b} = {scheme.correlation.rho(a, b):g} cannot hold with persistence "
        f"{pa:g} for {a!r} and {pb:g} for {b!r}: within a period they can correlate at most "
        f"{most:.2f} (a manager's lasting level of one cannot follow the other's changes)",
        location=location,
        hint=f"give {a!r} and {b!r} the same persistence, or lower the correlation to at most "
        f"{math.floor(most * 100) / 100:g}",
    )


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


def _skip_note(what: str, missing: list[str], language: str = "en") -> str:
    w = words(language)
    names = ", ".join(w("quoted", name=name) for name in missing)
    return w(f"note.skip.{what}", names=names)


def _correlated(scheme: Scheme, kpis: tuple[str, ...]) -> tuple[int, ...]:
    """Indices of the drawn KPIs correlated with another drawn KPI (they go through the copula)."""
    pairs = [(a, b) for (a, b), rho in scheme.correlation.pairs if rho and a in kpis and b in kpis]
    return tuple(i for i, name in enumerate(kpis) if any(name in pair for pair in pairs))


def run_blocks(runs: int, periods: int, size: int) -> int:
    """Runs in one of ``simulate``'s blocks (about
    :data:`~motivsim.sampling.seeding.BLOCK_SIZE` manager-periods), for ``runs`` runs of
    ``periods`` periods of a team of ``size``; the last block may hold fewer."""
    return max(1, BLOCK_SIZE // (size * periods))


def draw_runs(
    sampling: Sampling,
    seed: int,
    runs: int,
    periods: int,
    size: int,
    *,
    blocks: range | None = None,
) -> dict[str, FloatArray]:
    """Every KPI of ``runs`` runs of ``periods`` periods of a team of ``size`` managers, shaped
    ``(runs, periods, managers)``, drawn as ``simulate`` draws them: its blocks of runs
    (:func:`run_blocks`), block ``b`` from generator ``b`` of stream
    :data:`~motivsim.sampling.seeding.STREAM_SIMULATE`, segments in order from that one
    generator. ``simulate --gaming`` and ``check``'s figure per plan year draw with it, so the
    same seed gives them the simulation's very draws. With ``blocks``, only the runs of those
    blocks (consecutive) are drawn, the first run first."""
    block_runs = run_blocks(runs, periods, size)
    every = range(-(-runs // block_runs))
    wanted = every if blocks is None else blocks
    first = wanted.start * block_runs if len(wanted) else 0
    last = min(runs, wanted.stop * block_runs) if len(wanted) else 0
    out = {name: np.empty((last - first, periods, size)) for name in sampling.kpis}
    for b in wanted:
        start = b * block_runs
        n = min(block_runs, runs - start)
        rng = block_rng(seed, b, STREAM_SIMULATE)  # one generator for every segment, in order
        at = start - first
        for seg in sampling.segments:
            drawn = draw_segment(sampling, seg, [rng], [(0, n)], (n, periods, seg.count))
            for name in sampling.kpis:
                out[name][at : at + n, :, seg.first : seg.first + seg.count] = drawn[name]
    return out


def draw_segment(
    sampling: Sampling,
    seg: SegmentSamplers,
    rngs: list[np.random.Generator],
    spans: list[Span],
    shape: tuple[int, ...],
) -> dict[str, FloatArray]:
    """KPI values of a segment: draws per block (normals or uniforms, as each sampler takes),
    the copula over the correlated KPIs, then each KPI's sampler.

    ``shape`` is ``(runs, ...)``, each block of :data:`spans` drawn from its own generator in
    ``rngs``. A shape ``(runs, periods, managers)`` with ``periods > 1`` is drawn with
    persistence and seasonality (:func:`_draw_periods`); any other, as one period.
    """
    if len(shape) == 3 and shape[1] > 1 and seg.periodic:
        return _draw_periods(sampling, seg, rngs, spans, shape)
    x = np.empty((len(sampling.kpis), *shape))
    copula = set(sampling.correlated)
    for rng, (a, e) in zip(rngs, spans, strict=True):
        for k, sampler in enumerate(seg.samplers):
            if sampler.space == "normal" or k in copula:  # a constant in the copula too
                rng.standard_normal(out=x[k, a:e])
            elif sampler.space == "uniform":
                rng.random(out=x[k, a:e])
    if sampling.factor is not None:
        _correlate(x, sampling.correlated, sampling.factor)
    pairs = zip(sampling.kpis, seg.samplers, strict=True)
    return {name: sampler(x[k]) for k, (name, sampler) in enumerate(pairs)}


def _draw_periods(
    sampling: Sampling,
    seg: SegmentSamplers,
    rngs: list[np.random.Generator],
    spans: list[Span],
    shape: tuple[int, ...],
) -> dict[str, FloatArray]:
    """:func:`draw_segment` over several periods, ``shape = (runs, periods, managers)``.

    Per block, the period noise ``e`` is drawn as in one period (the same numbers, in the same
    order, from the block's generator; a KPI with persistence from normals), then one manager
    effect ``m`` per run, manager and KPI in :attr:`Sampling.managers` from the block's
    sub-stream ``sub_rng(rng, SUBSTREAM_MANAGERS, seg.first)`` (so the block's generator, and the
    other segments' draws, are left as they were). The copula mixes ``e`` and ``m`` alike,
    then ``z = sqrt(r) m + sqrt(1 - r) e`` for each KPI of normal persistence ``r``; period
    ``t``'s values are ``by_period[t % len(by_period)]`` of ``z``.
    """
    kpis, periods = sampling.kpis, shape[1]
    x = np.empty((len(kpis), *shape))
    spaces = [
        s.space if p is None else p.space for s, p in zip(seg.samplers, seg.periodic, strict=True)
    ]
    rows = sampling.managers
    m = np.empty((len(kpis), shape[0], shape[2])) if rows else None
    copula = set(sampling.correlated)
    for rng, (a, e) in zip(rngs, spans, strict=True):
        for k, space in enumerate(spaces):
            if space == "normal" or k in copula:  # a constant in the copula too
                rng.standard_normal(out=x[k, a:e])
            elif space == "uniform":
                rng.random(out=x[k, a:e])
        if m is not None:
            own = sub_rng(rng, SUBSTREAM_MANAGERS, seg.first)
            for k in rows:
                own.standard_normal(out=m[k, a:e])
    factor, rho = sampling.period_factor, sampling.rho
    mixed: tuple[int, ...] = ()
    if factor is not None:
        if m is not None and set(sampling.correlated) <= set(rows):
            _correlate_lasting(x, m, sampling.correlated, factor, rho)
            mixed = sampling.correlated
        else:  # correlated KPIs without persistence: the copula as in one period
            _correlate(x, sampling.correlated, factor)
    if m is not None:
        for k in rows:
            if k not in mixed and rho[k] and spaces[k] == "normal":
                x[k] *= math.sqrt(1.0 - rho[k])
                x[k] += _over_periods(math.sqrt(rho[k]) * m[k], periods)
    out: dict[str, FloatArray] = {}
    for k, name in enumerate(kpis):
        p = seg.periodic[k]
        out[name] = seg.samplers[k](x[k]) if p is None else _by_period(p, x[k], periods)
    return out


def _by_period(p: Periodic, z: FloatArray, periods: int) -> FloatArray:
    """``z`` (runs, periods, managers) mapped by the sampler of each period (periods with the
    same factor share one sampler, called once for all of them)."""
    samplers = p.by_period
    groups: dict[int, tuple[Sampler, list[int]]] = {}
    for t in range(periods):
        sampler = samplers[t % len(samplers)]
        groups.setdefault(id(sampler), (sampler, []))[1].append(t)
    if len(groups) == 1:
        return samplers[0](z)
    out = np.empty(z.shape)
    for sampler, ts in groups.values():
        index = np.array(ts, dtype=np.intp)
        out[:, index] = sampler(z[:, index])
    return out


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


def _correlate_lasting(
    z: FloatArray,
    m: FloatArray,
    rows: tuple[int, ...],
    factor: npt.NDArray[np.float64],
    rho: tuple[float, ...],
) -> None:
    """``z[k] = sqrt(1 - r_k) (A z)[k] + sqrt(r_k) (A m)[k]`` over the ``rows`` of the copula
    (``A`` its ``factor``; ``z`` is (KPIs, runs, periods, managers), the manager effects ``m``
    (KPIs, runs, managers), repeated over the periods), term by term in a fixed order; in place,
    last row first, when ``A`` is lower triangular (a Cholesky factor)."""
    n = len(rows)
    effects = []
    for i, target in enumerate(rows):
        level = math.sqrt(rho[target])
        terms = [(level * factor[i, j]) * m[source] for j, source in enumerate(rows)]
        effects.append(sum(terms[1:], terms[0]) if level else None)
    if not np.any(np.triu(factor, 1)):
        for i in range(n - 1, -1, -1):
            target, noise = rows[i], math.sqrt(1.0 - rho[rows[i]])
            z[target] *= noise * factor[i, i]
            for j in range(i):
                if factor[i, j] != 0.0:
                    z[target] += (noise * factor[i, j]) * z[rows[j]]
            effect = effects[i]
            if effect is not None:
                z[target] += _over_periods(effect, z.shape[2])
        return
    mixed = []
    for i, target in enumerate(rows):
        noise = math.sqrt(1.0 - rho[target])
        row = np.zeros(z.shape[1:])
        for j, source in enumerate(rows):
            if factor[i, j] != 0.0:
                row += (noise * factor[i, j]) * z[source]
        effect = effects[i]
        if effect is not None:
            row += _over_periods(effect, z.shape[2])
        mixed.append(row)
    for target, row in zip(rows, mixed, strict=True):
        z[target] = row


def _over_periods(effect: FloatArray, periods: int) -> FloatArray:
    """``effect`` (runs, managers) repeated over ``periods``: (runs, periods, managers), made
    contiguous (adding it so is faster than broadcasting its few managers per period)."""
    return np.tile(effect[:, None, :], (1, periods, 1))


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
