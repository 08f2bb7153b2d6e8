"""What a simulation computes, decided once: KPIs to draw, samplers, copula, caps, block layout.

A :class:`Job` is the picklable description of a run (scheme, periods, seed...); a
:class:`Plan` is its compiled form (samplers and numpy evaluators), built once per process.
Plans pickle as their job and are rebuilt (and cached) where they land, which is what lets a
``concurrent.futures`` executor of another process or machine run the work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError, SchemeError
from motivsim.seeding import BLOCK_SIZE, resolve_seed
from motivsim.simulation.program import compile_program
from motivsim.simulation.sampling import Sampler, sampler_for

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme import Scheme

__all__ = [
    "MAX_PERIODS",
    "MAX_RUN_SIZE",
    "Job",
    "Plan",
    "Sampling",
    "SegmentPlan",
    "drawn_kpis",
    "make_job",
    "plan_for",
    "sampling_for",
]

#: Most periods in one simulated run.
MAX_PERIODS: Final = 10_000
#: Most manager-periods in one run (team size times periods): one run must fit in memory.
MAX_RUN_SIZE: Final = 2_000_000
#: Spawn-key stream of the simulator (keeps its random numbers apart from other uses of a seed).
STREAM: Final = 0x51A
#: Manager-periods evaluated together by default in the calling thread (a few blocks: enough to
#: amortise Python overhead, few enough to stay in cache); worker threads take twice as many,
#: which holds the GIL less often (measured: benchmarks/README.md).
CHUNK_SIZE: Final = 32_768


@dataclass(frozen=True, slots=True)
class SegmentPlan:
    """A segment's size, its first manager's column, and a sampler per drawn KPI."""

    name: str
    count: int
    first: int
    samplers: tuple[Sampler, ...]


@dataclass(frozen=True, slots=True)
class Sampling:
    """How KPI values are drawn: the KPIs in order, which of them go through the copula (their
    ``factor``), and each segment's samplers (see :func:`motivsim.simulation.engine.draw`)."""

    kpis: tuple[str, ...]
    correlated: tuple[int, ...]
    factor: npt.NDArray[np.float64] | None
    segments: tuple[SegmentPlan, ...]


@dataclass(frozen=True, slots=True)
class Job:
    """Everything a worker needs to compute blocks of a simulation (picklable)."""

    scheme: Scheme
    runs: int
    periods: int
    seed: int
    keep_raw: bool
    block_runs: int
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


def make_job(scheme: Scheme, *, runs: int, periods: int, seed: int | None, keep_raw: bool) -> Job:
    """Check the arguments and describe the simulation."""
    from motivsim.scheme import Scheme

    if not isinstance(scheme, Scheme):
        raise ArgumentError(
            f"simulate needs a Scheme (from motivsim.load), got {type(scheme).__name__}"
        )
    runs = _count("runs", runs, 10**12)
    periods = _count("periods", periods, MAX_PERIODS)
    if not isinstance(keep_raw, bool):
        raise ArgumentError(f"keep_raw must be True or False, got {keep_raw!r}")
    size = scheme.team.size * periods
    if size > MAX_RUN_SIZE:
        raise ArgumentError(
            f"one run has {scheme.team.size:,} managers x {periods:,} periods = {size:,} "
            f"manager-periods; the limit is {MAX_RUN_SIZE:,}",
            hint="simulate fewer periods, or a smaller team",
        )
    return Job(scheme, runs, periods, resolve_seed(seed), keep_raw, max(1, BLOCK_SIZE // size))


def _count(name: str, value: Any, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 1 <= value <= most:
        raise ArgumentError(f"{name} must be a whole number from 1 to {most:,}, got {value!r}")
    return int(value)


class Plan:
    """The compiled form of a :class:`Job` (see the module docstring)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        scheme = job.scheme
        self.params = {k: float(v) for k, v in scheme.params.items()}
        self.kpis, missing, self.notes = drawn_kpis(scheme)
        _require(scheme, missing)
        plan_met = scheme.principles.plan_met
        self.program = compile_program(
            scheme,
            set(self.kpis),
            plan_met=plan_met is not None and set(scheme.kpis_of(plan_met)) <= set(self.kpis),
        )
        self.revenue = scheme.revenue_kpi if scheme.revenue_kpi in self.kpis else None
        self.sampling = sampling_for(scheme, self.kpis)
        self.segments = self.sampling.segments
        self.size = scheme.team.size
        self.aliases = self._aliases()  # before any thread shares the plan

    def __reduce__(self) -> tuple[Callable[[Job], Plan], tuple[Job]]:
        return (plan_for, (self.job,))

    def _aliases(self) -> Mapping[Any, Any]:
        """Quantity -> the quantity it always equals (computed once, reported twice)."""
        out: dict[Any, Any] = {}
        periods, segments = self.job.periods, self.segments
        if periods == 1:
            out["total"] = "payroll"
        for seg in segments:
            if len(segments) == 1:
                out[("payroll", seg.name)] = "payroll"
            if seg.count == 1 and periods == 1:
                out[("manager", seg.name)] = out.get(("payroll", seg.name), ("payroll", seg.name))
        return out

    def canonical(self, quantity: Any) -> Any:
        """The quantity whose accumulators hold ``quantity``."""
        return self.aliases.get(quantity, quantity)


_CACHE: dict[str, Plan] = {}
_CACHE_SIZE: Final = 4


def plan_for(job: Job) -> Plan:
    """The plan of ``job``, built once per process (a few recent plans are kept)."""
    plan = _CACHE.get(job.token)
    if plan is None:
        plan = Plan(job)
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[job.token] = plan
    return plan


# ---------------------------------------------------------------------------------------------
# Pieces of the plan
# ---------------------------------------------------------------------------------------------
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
            assert dist is not None  # callers draw only KPIs with a distribution (_require)
            samplers.append(sampler_for(dist, normal=i in correlated))
        out.append(SegmentPlan(seg.name, seg.count, first, tuple(samplers)))
        first += seg.count
    return Sampling(kpis, correlated, factor, tuple(out))


def _distributed(scheme: Scheme, kpi: str) -> bool:
    return all(s.distribution(scheme.kpis[kpi]) is not None for s in scheme.team.segments)


def _require(scheme: Scheme, missing: list[str]) -> None:
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
