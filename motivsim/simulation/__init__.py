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
from pathlib import Path
from typing import TYPE_CHECKING

from motivsim.errors import ArgumentTypeError, EvaluationError
from motivsim.sampling.segments import draw_samples
from motivsim.scheme.load import as_scheme
from motivsim.scheme.team import Segment, Team
from motivsim.simulation.engine import run
from motivsim.simulation.job import MAX_KEPT_VALUES, MAX_RUN_SIZE, MAX_WORKERS, Prepared, make_job
from motivsim.simulation.result import CapResult, SegmentResult, SimulationResult, Summary
from motivsim.simulation.summarize import build_result
from motivsim.validation import check_executor, check_int

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


def simulate(
    scheme: Scheme | str | Path,
    *,
    runs: int = 10_000,
    periods: int = 1,
    seed: int | None = None,
    workers: int = 1,
    executor: Executor | None = None,
    keep_raw: bool = False,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_long_run: bool = False,
) -> SimulationResult:
    """Simulate ``runs`` times the scheme's team over ``periods`` periods.

    Each manager's KPIs are drawn independently in every period from the KPI distributions
    (a segment's own where ``[[team.segment]]`` overrides them), tied together by the
    ``[correlation]`` table's Gaussian copula, and pay is computed for every manager-period.

    Parameters
    ----------
    scheme : Scheme or path
        A loaded scheme (or the path of its TOML file) whose pay inputs have distributions.
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
        Manager-periods evaluated at once (a speed knob; results do not depend on it); more
        than :data:`~motivsim.simulation.job.MAX_RUN_SIZE` is taken as that many, so that
        memory stays bounded.
    progress : callable, optional
        Called as ``progress(done, total)`` after each task, both in manager-periods
        (``total`` is ``runs * periods * managers``): in the calling thread, one call at a
        time, ``done`` never decreasing, the last call with ``done == total``. An exception it
        raises stops the run and propagates (a way to cancel). ``motivsim simulate`` uses it
        for its progress bar (rate and time left); see ``docs/simulate.md``.
    allow_long_run : bool
        Allow more than :data:`~motivsim.simulation.job.MAX_WORK` manager-periods (``runs``
        x ``periods`` x team size, a few minutes on one core); without it such a run
        is refused at once, since it is more often a typo than a plan.

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
    >>> scheme = motivsim.load("schemes/team_dealership.toml")
    >>> result = motivsim.simulate(scheme, runs=2_000, periods=12, seed=7)
    >>> result.payroll.p5 < result.payroll.p50 < result.payroll.p95
    True
    >>> print(result)  # doctest: +ELLIPSIS
    Simulation of 'Car dealership sales team' (RUB per month)
    ...
    """
    job = make_job(
        scheme,
        runs=runs,
        periods=periods,
        seed=seed,
        keep_raw=keep_raw,
        allow_long_run=allow_long_run,
    )
    workers, chunk_size = _check_options(workers, executor, chunk_size, progress)
    prep, merged, raw = run(
        job, workers=workers, executor=executor, chunk_size=chunk_size, progress=progress
    )
    result = build_result(prep, merged, raw)
    if result.non_finite and result.non_finite >= result.manager_periods:
        raise _nothing_finite(job.scheme, result.manager_periods, job.seed)
    return result


def sample_kpis(
    scheme: Scheme | str | Path, *, n: int, seed: int | None = None, segment: str | None = None
) -> dict[str, npt.NDArray[np.float64]]:
    """``n`` manager-periods of KPI values drawn as the simulator draws them.

    The KPIs are those the simulation needs (pay's inputs, the plan's, the revenue KPI), from
    ``segment``'s distributions (default: the first segment), with the scheme's copula.

    Examples
    --------
    >>> import motivsim
    >>> from motivsim.simulation import sample_kpis
    >>> scheme = motivsim.load("schemes/team_dealership.toml")
    >>> values = sample_kpis(scheme, n=10_000, seed=1, segment="strong")
    >>> sorted(values)
    ['cars_sold', 'revenue']
    """
    scheme = as_scheme(scheme, caller="sample_kpis")
    n = check_int("n", n, least=1, most=MAX_KEPT_VALUES)
    chosen = scheme.team.segment(segment) if segment is not None else scheme.team.segments[0]
    team = Team((Segment(chosen.name, 1, chosen.overrides),))
    job = make_job(replace(scheme, team=team), runs=n, periods=1, seed=seed, keep_raw=False)
    return draw_samples(Prepared(job).sampling, 0, n, job.seed)


def _nothing_finite(scheme: Scheme, count: int, seed: int) -> EvaluationError:
    """The error for a simulation in which no pay was a finite number, naming the step that is
    not (found by computing a few drawn managers again, with the check on)."""
    head = f"pay was not a finite number in any of the {count:,} simulated manager-periods"
    try:
        scheme.evaluate(sample_kpis(scheme, n=min(count, 1_000), seed=seed))
    except EvaluationError as exc:
        return EvaluationError(f"{head}: {exc.message}", hint=exc.hint)
    return EvaluationError(head, hint="guard divisions, e.g. if(plan > 0, revenue / plan, 0)")


def _check_options(
    workers: object, executor: object, chunk_size: object, progress: object
) -> tuple[int, int | None]:
    """``workers`` and ``chunk_size`` as Python ints, once every option is checked."""
    count = check_int("workers", workers, least=1, most=MAX_WORKERS)
    check_executor(executor)
    chunk = None if chunk_size is None else check_int("chunk_size", chunk_size, least=1)
    if chunk is not None:
        chunk = min(chunk, MAX_RUN_SIZE)  # memory; the results do not depend on it
    if progress is not None and not callable(progress):
        raise ArgumentTypeError(f"progress must be a function of (done, total), got {progress!r}")
    return count, chunk
