"""What a simulation computes, decided once: KPIs to draw, samplers, copula, caps, block layout.

A :class:`Job` is the picklable description of a run (scheme, periods, seed...); a
:class:`Prepared` is its compiled form (samplers and numpy evaluators), built once per process.
Prepared jobs pickle as their job and are rebuilt (and cached) where they land, which is what lets a
``concurrent.futures`` executor of another process or machine run the work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.sampling.seeding import BLOCK_SIZE, resolve_seed
from motivsim.sampling.segments import drawn_kpis, require_drawn, sampling_for
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.simulation.people import Grouped, segment_programs
from motivsim.simulation.program import Program, compile_program
from motivsim.validation import check_int

__all__ = [
    "MAX_KEPT_VALUES",
    "MAX_PERIODS",
    "MAX_RUNS",
    "MAX_RUN_SIZE",
    "MAX_WORK",
    "Job",
    "Prepared",
    "check_work",
    "make_job",
    "prepare",
]

#: Most worker threads :func:`~motivsim.simulation.simulate` starts itself (and, with an
#: executor, the most ``workers``: tasks in flight, about twice as many).
MAX_WORKERS: Final = 256
#: Most simulated runs (teams over ``periods`` periods) of one simulation.
MAX_RUNS: Final = 10**12
#: Most periods in one simulated run.
MAX_PERIODS: Final = 10_000
#: Most manager-periods in one run (team size times periods): one run must fit in memory.
MAX_RUN_SIZE: Final = 2_000_000
#: Most manager-periods (runs x periods x team size) of one simulation unless a long run is
#: allowed (``allow_long_run=True``, ``--allow-long-run``): a few minutes on one core.
MAX_WORK: Final = 10**9
#: Most values kept in memory: manager pays with ``keep_raw`` (8 bytes each), or KPI draws of
#: :func:`~motivsim.simulation.sample_kpis`.
MAX_KEPT_VALUES: Final = 10**8
#: Most values kept for per-person figures (each person's pay over the periods, per run): the
#: first ``MAX_PERSON_VALUES // people`` runs (at least 100) give each person's quantiles.
MAX_PERSON_VALUES: Final = 5_000_000
#: Manager-periods evaluated together by default in the calling thread (a few blocks: enough to
#: amortise Python overhead, few enough to stay in cache); worker threads take twice as many,
#: which holds the GIL less often (measured: benchmarks/README.md).
CHUNK_SIZE: Final = 32_768


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


def make_job(
    scheme: Scheme | str | Path,
    *,
    runs: int,
    periods: int,
    seed: int | None,
    keep_raw: bool,
    allow_long_run: bool = False,
) -> Job:
    """Check the arguments and describe the simulation."""
    scheme = as_scheme(scheme, caller="simulate")
    runs = check_int("runs", runs, least=1, most=MAX_RUNS)
    periods = check_int("periods", periods, least=1, most=MAX_PERIODS)
    if not isinstance(keep_raw, bool):
        raise ArgumentTypeError(f"keep_raw must be True or False, got {keep_raw!r}")
    size = scheme.team.size * periods
    if size > MAX_RUN_SIZE:
        raise ArgumentError(
            f"one run has {scheme.team.size:,} managers x {periods:,} periods = {size:,} "
            f"manager-periods; the limit is {MAX_RUN_SIZE:,}",
            hint="simulate fewer periods, or a smaller team",
        )
    check_work(scheme.team.size, runs, periods, allow_long_run=allow_long_run)
    if keep_raw and runs * size > MAX_KEPT_VALUES:
        raise ArgumentError(
            f"keep_raw would keep {runs * size:,} pays in memory "
            f"({runs * size * 8 / 1e9:,.1f} GB); the limit is {MAX_KEPT_VALUES:,}",
            hint="simulate fewer runs, or leave keep_raw off (the summaries need no raw pays)",
        )
    return Job(scheme, runs, periods, resolve_seed(seed), keep_raw, max(1, BLOCK_SIZE // size))


def check_work(
    team_size: int,
    runs: int,
    periods: int,
    *,
    allow_long_run: bool = False,
    override: str | None = "allow_long_run=True (on the command line: simulate --allow-long-run)",
) -> None:
    """Refuse a simulation of more than :data:`MAX_WORK` manager-periods (runs x periods x
    team size) unless ``allow_long_run``: a typo such as ``runs=10**12`` would run for days.
    ``override`` is how the caller's user allows a long run (``None``: they cannot).

    Examples
    --------
    >>> check_work(7, 10**12, 12)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentError: 1,000,000,000,000 runs x 12 periods x 7 managers = ...
      hint: ...
    """
    if not isinstance(allow_long_run, bool):
        raise ArgumentTypeError(f"allow_long_run must be True or False, got {allow_long_run!r}")
    work = runs * periods * team_size
    if work > MAX_WORK and not allow_long_run:
        hours = work / _SPEED / 3600
        raise ArgumentError(
            f"{runs:,} runs x {periods:,} period{'s' if periods > 1 else ''} x {team_size:,} "
            f"manager{'s' if team_size > 1 else ''} = {work:,} manager-periods to compute "
            f"(about {_rounded(hours)} hours); the limit is {MAX_WORK:,}",
            hint="use fewer runs"
            + (f", or pass {override} if the run is meant to take that long" if override else ""),
        )


#: Manager-periods computed per second on one core, roughly (for the estimate in messages).
_SPEED: Final = 5_000_000


def _rounded(hours: float) -> str:
    """``8,000`` or ``0.1``: an estimate shown with two significant digits."""
    if hours < 1:
        return f"{hours:.1g}"
    return f"{float(f'{hours:.2g}'):,.0f}"


class Prepared:
    """The compiled form of a :class:`Job` (see the module docstring)."""

    def __init__(self, job: Job) -> None:
        self.job = job
        scheme = job.scheme
        self.params = {k: float(v) for k, v in scheme.params.items()}
        self.kpis, missing, self.notes = drawn_kpis(scheme)
        require_drawn(scheme, missing)
        plan_met = scheme.principles.plan_met
        wanted = plan_met is not None and set(scheme.kpis_of(plan_met)) <= set(self.kpis)
        self.program = compile_program(scheme, set(self.kpis), plan_met=wanted)
        self.programs = self._segment_programs(wanted)
        self.revenue = scheme.revenue_kpi if scheme.revenue_kpi in self.kpis else None
        self.sampling = sampling_for(scheme, self.kpis)
        self.segments = self.sampling.segments
        self.size = scheme.team.size
        people = scheme.team.people
        #: runs whose per-person pay is kept (0 without a roster: no per-person figures)
        self.person_runs = min(job.runs, max(100, MAX_PERSON_VALUES // self.size)) if people else 0
        self.aliases = self._aliases()  # before any thread shares it

    def _segment_programs(
        self, plan_met: bool
    ) -> Mapping[str, tuple[dict[str, Any], Program | Grouped]]:
        """Segment name -> its parameters and program (see :mod:`motivsim.simulation.people`):
        segments and people without parameters of their own share the scheme's program."""
        return segment_programs(
            self.job.scheme, set(self.kpis), plan_met=plan_met, shared=self.program
        )

    def __reduce__(self) -> tuple[Callable[[Job], Prepared], tuple[Job]]:
        return (prepare, (self.job,))

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


_CACHE: dict[str, Prepared] = {}
_CACHE_SIZE: Final = 4


def prepare(job: Job) -> Prepared:
    """The prepared form of ``job``, built once per process (a few recent ones are kept)."""
    prep = _CACHE.get(job.token)
    if prep is None:
        prep = Prepared(job)
        while len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[job.token] = prep
    return prep
