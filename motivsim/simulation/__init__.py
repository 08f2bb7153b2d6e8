"""Monte Carlo simulation of a sales team under a scheme: what it costs and who earns what.

The public entry point is :func:`simulate`; the modules follow the data flow: ``job`` (what to
draw and compute, prepared once per process), ``program`` (the steps compiled for numpy),
``engine`` (blocks on executors; KPI values come from :mod:`motivsim.sampling`), ``sketch``
(order-independent reductions), ``summarize`` and ``result`` (the frozen figures), ``render``
(the text).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from motivsim.errors import ArgumentError
from motivsim.sampling.segments import draw_samples
from motivsim.scheme.team import Segment, Team
from motivsim.simulation.engine import run
from motivsim.simulation.job import Prepared, make_job
from motivsim.simulation.result import CapResult, SegmentResult, SimulationResult, Summary
from motivsim.simulation.summarize import build_result

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from motivsim.scheme.model import Scheme

__all__ = [
    "MAX_WORKERS",
    "CapResult",
    "SegmentResult",
    "SimulationResult",
    "Summary",
    "sample_kpis",
    "simulate",
]

#: Most worker threads :func:`simulate` starts itself.
MAX_WORKERS: Final = 256


def simulate(
    scheme: Scheme,
    *,
    runs: int = 10_000,
    periods: int = 1,
    seed: int | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    keep_raw: bool = False,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Simulate ``runs`` times the scheme's team over ``periods`` periods.

    Each manager's KPIs are drawn independently in every period from the KPI distributions
    (a segment's own where ``[[team.segment]]`` overrides them), tied together by the
    ``[correlation]`` table's Gaussian copula, and pay is computed for every manager-period.

    Parameters
    ----------
    scheme : Scheme
        A loaded scheme whose pay inputs have distributions.
    runs : int
        Simulated teams (each over ``periods`` periods).
    periods : int
        Periods per run; ``manager`` and ``payroll_total`` figures are totals over them.
    seed : int, optional
        Non-negative seed; ``None`` picks one at random (it is reported in the result).
        The same seed gives identical numbers whatever ``workers``, ``executor`` or
        ``chunk_size``.
    workers : int
        Threads to compute on (numpy releases the GIL); 1 computes in the calling thread.
        With ``executor``, how many tasks to keep in flight (at least 8).
    executor : concurrent.futures.Executor, optional
        Where to run tasks instead: a ``ProcessPoolExecutor``, or a Dask cluster's
        ``distributed.Client(...).get_executor()``. Tasks and results pickle.
    keep_raw : bool
        Keep every manager's pay (``result.raw_pay()``, shape ``(runs, periods, managers)``);
        memory then grows with ``runs``.
    chunk_size : int, optional
        Manager-periods evaluated at once (a speed knob; results do not depend on it).
    progress : callable, optional
        Called as ``progress(done, total)`` in manager-periods after each task.

    Returns
    -------
    SimulationResult

    Raises
    ------
    ArgumentError
        An argument is out of range.
    SchemeError
        A KPI that pay needs has no distribution.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/team_dealership.toml")  # doctest: +SKIP
    >>> result = motivsim.simulate(scheme, runs=10_000, periods=12, seed=7)  # doctest: +SKIP
    >>> result.payroll.p95, result.share_meeting_plan  # doctest: +SKIP
    >>> print(result)  # doctest: +SKIP
    """
    job = make_job(scheme, runs=runs, periods=periods, seed=seed, keep_raw=keep_raw)
    _check_options(workers, executor, chunk_size, progress)
    prep, merged, raw = run(
        job, workers=workers, executor=executor, chunk_size=chunk_size, progress=progress
    )
    return build_result(prep, merged, raw)


def sample_kpis(
    scheme: Scheme, *, n: int, seed: int | None = None, segment: str | None = None
) -> dict[str, npt.NDArray[np.float64]]:
    """``n`` manager-periods of KPI values drawn as the simulator draws them.

    The KPIs are those the simulation needs (pay's inputs, the plan's, the revenue KPI), from
    ``segment``'s distributions (default: the first segment), with the scheme's copula.

    Examples
    --------
    >>> import motivsim
    >>> from motivsim.simulation import sample_kpis
    >>> scheme = motivsim.load("schemes/team_dealership.toml")  # doctest: +SKIP
    >>> values = sample_kpis(scheme, n=10_000, seed=1, segment="strong")  # doctest: +SKIP
    >>> sorted(values)  # doctest: +SKIP
    ['cars_sold', 'revenue']
    """
    chosen = scheme.team.segment(segment) if segment is not None else scheme.team.segments[0]
    team = Team((Segment(chosen.name, 1, chosen.overrides),))
    job = make_job(replace(scheme, team=team), runs=n, periods=1, seed=seed, keep_raw=False)
    return draw_samples(Prepared(job).sampling, 0, n, job.seed)


def _check_options(workers: object, executor: object, chunk_size: object, progress: object) -> None:
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise ArgumentError(
            f"workers must be a whole number from 1 to {MAX_WORKERS}, got {workers!r}"
        )
    if executor is not None and not isinstance(executor, Executor):
        raise ArgumentError(
            f"executor must be a concurrent.futures.Executor, got {type(executor).__name__}",
            hint="e.g. concurrent.futures.ProcessPoolExecutor() or a Dask client's get_executor()",
        )
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1
    ):
        raise ArgumentError(f"chunk_size must be a positive whole number, got {chunk_size!r}")
    if progress is not None and not callable(progress):
        raise ArgumentError(f"progress must be a function of (done, total), got {progress!r}")
