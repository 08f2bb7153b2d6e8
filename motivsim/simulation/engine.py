"""The Monte Carlo engine: blocks of runs drawn, evaluated and reduced, on any executor.

Runs are cut into fixed blocks of ``job.block_runs`` runs (about
:data:`~motivsim.sampling.seeding.BLOCK_SIZE` manager-periods); block ``i`` always draws from
``block_rng(seed, i, STREAM)``. Several blocks are evaluated together (a *chunk*) to amortise
Python overhead, but every reduction is done per block and combined exactly (integer counts,
:class:`~motivsim.simulation.sketch.ExactSum`, bucket counts), so the result is bit-for-bit the
same whatever the chunk size, the number of workers or the order tasks finish in.
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError
from motivsim.sampling.seeding import STREAM_SIMULATE, block_rng
from motivsim.sampling.segments import SegmentSamplers, draw_segment
from motivsim.simulation.job import CHUNK_SIZE, Job, Prepared, prepare
from motivsim.simulation.program import MET
from motivsim.simulation.sketch import ExactSum, SketchBuilder

__all__ = ["Partial", "run", "run_blocks"]

FloatArray = npt.NDArray[np.float64]
Progress = Callable[[int, int], None]
Span = tuple[int, int]

#: Most chunks in one task handed to an executor (bounds a task's run time for progress).
_MAX_TASK_CHUNKS: Final = 256
#: Chunks per task when computing in the calling thread.
_INLINE_TASK_CHUNKS: Final = 8
#: Values sketched at once (see :class:`Partial`).
SKETCH_BATCH: Final = 1 << 17
#: Bytes of the block freed to raise glibc's mmap threshold (it keeps up to twice as much freed
#: memory mapped: :func:`_raise_mmap_threshold`).
_MMAP_BLOCK: Final = 16 << 20


@dataclass(slots=True)
class Partial:
    """Reductions of some blocks: counts, exact sums, sketches (and raw pay when kept).

    Values to sketch are buffered and sketched :data:`SKETCH_BATCH` at a time (a sketch's
    cost per call grows with the range of the values, not their number); the counts do not
    depend on the batching.
    """

    counts: Counter[Any] = field(default_factory=Counter)
    sums: defaultdict[Any, ExactSum] = field(default_factory=lambda: defaultdict(ExactSum))
    sketches: defaultdict[Any, SketchBuilder] = field(
        default_factory=lambda: defaultdict(SketchBuilder)
    )
    raw: list[tuple[int, FloatArray]] = field(default_factory=list)
    #: each person's pay over the periods in the first runs: (first run, (runs, people))
    people: list[tuple[int, FloatArray]] = field(default_factory=list)
    pending: defaultdict[Any, list[FloatArray]] = field(default_factory=lambda: defaultdict(list))

    def sketch(self, key: Any, values: FloatArray) -> None:
        """Count ``values`` in the sketch of ``key`` (soon)."""
        batch = self.pending[key]
        batch.append(values.reshape(-1))
        if sum(b.size for b in batch) >= SKETCH_BATCH:
            self.sketches[key].add(np.concatenate(batch))
            batch.clear()

    def flush(self) -> None:
        """Sketch every buffered value."""
        for key, batch in self.pending.items():
            if batch:
                self.sketches[key].add(np.concatenate(batch))
        self.pending.clear()

    def merge(self, other: Partial) -> None:
        """Add ``other`` in (exact, so the order of merges does not matter)."""
        self.counts.update(other.counts)
        for key, total in other.sums.items():
            self.sums[key].merge(total)
        for key, sketch in other.sketches.items():
            self.sketches[key].merge(sketch)
        self.raw.extend(other.raw)
        self.people.extend(other.people)


# ---------------------------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------------------------
def run(
    job: Job,
    *,
    workers: int = 1,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
) -> tuple[Prepared, Partial, FloatArray | None]:
    """Compute every block of ``job``; return the prep, merged reductions and raw pay."""
    prep = prepare(job)
    per_block = job.block_runs * prep.size * job.periods
    pooled = executor is not None or workers > 1
    chunk_blocks = max(1, round((chunk_size or CHUNK_SIZE * (2 if pooled else 1)) / per_block))
    n_blocks = -(-job.runs // job.block_runs)
    tasks = _tasks(n_blocks, chunk_blocks, workers if pooled else 0)
    total = job.runs * prep.size * job.periods
    merged = Partial()
    raw = np.empty((job.runs, job.periods, prep.size)) if job.keep_raw else None
    done = 0
    for (lo, hi), part in _results(prep, tasks, chunk_blocks, workers, executor, merged):
        _collect(merged, part, raw)
        if hi == lo:  # a worker thread's partial, merged at the end: no blocks of its own
            continue
        done += (min(hi * job.block_runs, job.runs) - lo * job.block_runs) * prep.size * job.periods
        if progress is not None:
            progress(done, total)
    merged.flush()
    if raw is not None:
        raw.flags.writeable = False
    return prep, merged, raw


def _tasks(n_blocks: int, chunk_blocks: int, workers: int) -> list[Span]:
    """Ranges of blocks: about 4 tasks per worker, or small ones in the calling thread
    (``workers == 0``), so that progress moves smoothly."""
    n_chunks = -(-n_blocks // chunk_blocks)
    chunks = -(-n_chunks // (4 * workers)) if workers else _INLINE_TASK_CHUNKS
    per_task = max(1, min(chunks, _MAX_TASK_CHUNKS)) * chunk_blocks
    return [(lo, min(lo + per_task, n_blocks)) for lo in range(0, n_blocks, per_task)]


def _collect(merged: Partial, part: Partial, raw: FloatArray | None) -> None:
    if raw is not None:
        for start, block in part.raw:
            raw[start : start + block.shape[0]] = block
        part.raw.clear()
    if part is not merged:  # in the calling thread, tasks add to ``merged`` themselves
        merged.merge(part)


def _results(
    prep: Prepared,
    tasks: list[Span],
    chunk_blocks: int,
    workers: int,
    executor: Executor | None,
    merged: Partial,
) -> Iterator[tuple[Span, Partial]]:
    if executor is None and workers == 1:  # no partial results to merge: counts go to merged
        for lo, hi in tasks:
            yield (lo, hi), run_blocks(prep, lo, hi, chunk_blocks, into=merged)
        return
    if executor is not None:
        yield from _pooled(executor, prep, tasks, chunk_blocks, window=max(2 * workers, 8))
        return
    pool = ThreadPoolExecutor(workers, thread_name_prefix="motivsim")
    threads = None if prep.job.keep_raw else _PerThread()
    try:
        yield from _pooled(pool, prep, tasks, chunk_blocks, window=2 * workers, fn=threads)
        for part in threads.parts if threads is not None else ():
            part.flush()
            yield (0, 0), part
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _PerThread:
    """A task function for our own worker threads: each thread adds its tasks' reductions to
    one partial of its own (:attr:`parts`, merged once at the end), so its sketches are fed
    full batches into buckets they know already (see :class:`SketchBuilder`), and the task
    returns an empty partial (its blocks count for progress)."""

    def __init__(self) -> None:
        self.local = threading.local()
        self.parts: list[Partial] = []

    def __call__(self, prep: Prepared, lo: int, hi: int, chunk_blocks: int) -> Partial:
        part = getattr(self.local, "part", None)
        if part is None:
            part = self.local.part = Partial()
            self.parts.append(part)
        run_blocks(prep, lo, hi, chunk_blocks, into=part)
        return Partial()


def _pooled(
    executor: Executor,
    prep: Prepared,
    tasks: list[Span],
    chunk_blocks: int,
    *,
    window: int,
    fn: Callable[[Prepared, int, int, int], Partial] | None = None,
) -> Iterator[tuple[Span, Partial]]:
    """Results of ``tasks`` as they finish, keeping at most ``window`` of them in flight
    (computed by ``fn``, :func:`run_blocks` by default)."""
    todo = iter(tasks)
    pending: dict[Future[Partial], Span] = {}
    task = run_blocks if fn is None else fn
    try:
        while True:
            for lo, hi in todo:
                pending[executor.submit(task, prep, lo, hi, chunk_blocks)] = (lo, hi)
                if len(pending) >= window:
                    break
            if not pending:
                return
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield pending.pop(future), future.result()
    finally:
        for future in pending:
            future.cancel()


# ---------------------------------------------------------------------------------------------
# One task: blocks [lo, hi) in chunks
# ---------------------------------------------------------------------------------------------
def run_blocks(
    prep: Prepared, lo: int, hi: int, chunk_blocks: int, into: Partial | None = None
) -> Partial:
    """Reductions of blocks ``lo`` to ``hi - 1``, evaluated ``chunk_blocks`` at a time; added
    to ``into`` when given (then returned with values still buffered: the caller flushes)."""
    if not 0 <= lo < hi:
        raise ArgumentError(f"need 0 <= lo < hi, got lo={lo}, hi={hi}")
    _raise_mmap_threshold()
    part = Partial() if into is None else into
    job = prep.job
    for first in range(lo, hi, chunk_blocks):
        blocks = range(first, min(first + chunk_blocks, hi))
        starts = [b * job.block_runs for b in blocks]
        stops = [min(s + job.block_runs, job.runs) for s in starts]
        spans = [(a - starts[0], e - starts[0]) for a, e in zip(starts, stops, strict=True)]
        _chunk(prep, part, blocks, spans)
    if into is None:
        part.flush()
    return part


_MMAP_SETTLED: list[bool] = []  # set once per process


def _raise_mmap_threshold() -> None:
    """Free one large block through glibc's ``malloc`` (once per process), which raises its
    dynamic mmap threshold to that size (see ``mallopt(3)``, ``M_MMAP_THRESHOLD``).

    A chunk's numpy temporaries are 0.25 to 4 MB; below the threshold, glibc serves them from
    the heap, which stays mapped, while above it each is mapped anew and its pages faulted in
    at first touch: 2 to 3 ns per manager-period, until some large block happens to be freed
    (measured: benchmarks/README.md). Freeing one is what any large numpy array does; it
    changes no setting (an ``M_MMAP_THRESHOLD`` set by hand, or ``MALLOC_*`` variables, still
    rule), and it is skipped on other C libraries.
    """
    if _MMAP_SETTLED:
        return
    _MMAP_SETTLED.append(True)
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return
        libc = ctypes.CDLL(None)
        libc.malloc.restype = ctypes.c_void_p
        libc.malloc.argtypes = [ctypes.c_size_t]
        libc.free.argtypes = [ctypes.c_void_p]
        libc.free(libc.malloc(_MMAP_BLOCK))
    except (AttributeError, OSError, ValueError):  # not glibc, or no C library to call
        return


def _chunk(prep: Prepared, part: Partial, blocks: range, spans: list[Span]) -> None:
    job = prep.job
    runs = spans[-1][1]
    rngs = [block_rng(job.seed, b, STREAM_SIMULATE) for b in blocks]
    raw = np.empty((runs, job.periods, prep.size)) if job.keep_raw else None
    first_run = blocks[0] * job.block_runs
    kept = min(runs, prep.person_runs - first_run)  # runs whose per-person pay is kept
    people = np.empty((kept, prep.size)) if kept > 0 else None
    team: FloatArray | None = None
    for seg in prep.segments:
        pay = _segment(prep, part, seg, rngs, spans, runs)
        if raw is not None:
            raw[:, :, seg.first : seg.first + seg.count] = pay
        per_period = _reduce_axis(pay, 2, spans)  # the segment's payroll, (runs, periods)
        _accumulate(prep, part, ("payroll", seg.name), per_period, spans)
        own = prep.canonical(("manager", seg.name)) == ("manager", seg.name)
        if own or people is not None:
            per_manager = _reduce_axis(pay, 1, spans)  # (runs, count)
            if own:
                _accumulate(prep, part, ("manager", seg.name), per_manager, spans)
            if people is not None:
                people[:, seg.first : seg.first + seg.count] = per_manager[:kept]
        team = per_period if team is None else team + per_period
    assert team is not None
    _accumulate(prep, part, "payroll", team, spans)
    if prep.canonical("total") == "total":
        _accumulate(prep, part, "total", _reduce_axis(team[:, :, None], 1, spans)[:, 0], spans)
    if raw is not None:
        part.raw.append((first_run, raw))
    if people is not None:
        part.people.append((first_run, people))


def _segment(
    prep: Prepared,
    part: Partial,
    seg: SegmentSamplers,
    rngs: list[np.random.Generator],
    spans: list[Span],
    runs: int,
) -> FloatArray:
    """Draw, evaluate and reduce a segment's manager-periods; return pay (runs, periods, count)."""
    shape = (runs, prep.job.periods, seg.count)
    params, program = prep.programs[seg.name]  # the segment's own parameters, if any
    env: dict[str, Any] = dict(params)
    env.update(draw_segment(prep.sampling, seg, rngs, spans, shape))
    known = [sampler.known for sampler in seg.samplers]  # saves passes over the values
    program.run(env, dict(zip(prep.sampling.kpis, known, strict=True)))
    pay = np.broadcast_to(np.asarray(env["pay"], dtype=np.float64), shape)
    with np.errstate(all="ignore"):
        met = _flags(env[MET], shape) if program.plan_met else None
        hits = [_flags(env[c.flag], shape) for c in program.caps]
    revenue = env[prep.revenue] if prep.revenue is not None else None
    _manager_periods(part, seg.name, pay, met, hits, revenue, spans)
    per_year = prep.job.scheme.periods_per_year
    if met is not None and per_year and prep.job.periods >= per_year > 1:
        _manager_years(part, seg.name, pay, met, spans, per_year)
    return pay


def _flags(value: Any, shape: tuple[int, ...]) -> npt.NDArray[np.bool_]:
    return np.broadcast_to(np.asarray(value, dtype=bool), shape)


def _manager_periods(
    part: Partial,
    seg: str,
    pay: FloatArray,
    met: Any,
    hits: list[Any],
    revenue: Any,
    spans: list[Span],
) -> None:
    """Counts and sums over single manager-periods, block by block."""
    counts, sums = part.counts, part.sums
    for a, e in spans:
        x = pay[a:e]
        total = float(x.sum())
        fin = None if math.isfinite(total) else np.isfinite(x)
        bad = 0 if fin is None else x.size - int(np.count_nonzero(fin))
        if fin is not None:
            total = float(x[fin].sum())
        counts[("n", seg)] += x.size - bad
        counts[("non_finite", seg)] += bad
        sums[("pay", seg)].add(total)
        if met is not None:
            m = met[a:e] if fin is None else met[a:e] & fin
            counts[("met", seg)] += int(np.count_nonzero(m))
            met_pay = np.multiply(x, m) if fin is None else np.where(m, x, 0.0)  # inf * 0 is nan
            sums[("met", seg)].add(float(met_pay.sum()))
        if hits:
            flags = [hit[a:e] if fin is None else hit[a:e] & fin for hit in hits]
            for j, flag in enumerate(flags):
                counts[("cap", j)] += int(np.count_nonzero(flag))
            any_hit = flags[0] if len(flags) == 1 else np.logical_or.reduce(flags)
            counts[("any_cap", seg)] += int(np.count_nonzero(any_hit))
        if revenue is not None:
            r = revenue[a:e]
            sums[("revenue", seg)].add(float(r.sum() if fin is None else r[fin].sum()))


def _manager_years(
    part: Partial, seg: str, pay: FloatArray, met: Any, spans: list[Span], per_year: int
) -> None:
    """Counts and sums over whole plan years of single managers (the run's first periods,
    ``per_year`` at a time; a last part year is left out): a manager-year meets the plan when
    the manager met it in at least half of its periods."""
    counts, sums = part.counts, part.sums
    years = pay.shape[1] // per_year
    for a, e in spans:
        x = pay[a:e, : years * per_year]
        runs, managers = x.shape[0], x.shape[2]
        annual = x.reshape(runs, years, per_year, managers).sum(axis=2)
        met_periods = np.count_nonzero(
            np.asarray(met[a:e, : years * per_year]).reshape(runs, years, per_year, managers),
            axis=2,
        )
        fin = np.isfinite(annual)
        good = 2 * met_periods >= per_year
        counts[("year_n", seg)] += int(np.count_nonzero(fin))
        counts[("year_met", seg)] += int(np.count_nonzero(good & fin))
        sums[("year_pay", seg)].add(float(annual[fin].sum()))
        sums[("year_met_pay", seg)].add(float(annual[good & fin].sum()))


def _reduce_axis(x: FloatArray, axis: int, spans: list[Span]) -> FloatArray:
    """Sum over ``axis`` (not 0), block by block so that results do not depend on the chunk."""
    if x.shape[axis] == 1:  # a view; contiguous, since the axis dropped has length 1
        return x[(slice(None),) * axis + (0,)]
    out = np.empty(x.shape[:axis] + x.shape[axis + 1 :])
    for a, e in spans:
        out[a:e] = x[a:e].sum(axis=axis)
    return out


def _accumulate(
    prep: Prepared, part: Partial, key: Any, values: FloatArray, spans: list[Span]
) -> None:
    """Count, sum (per block) and sketch a reported quantity, leaving non-finite values out."""
    if prep.canonical(key) != key:
        return
    bad = 0
    for a, e in spans:
        block = values[a:e]
        total = float(block.sum())
        if not math.isfinite(total):
            fin = np.isfinite(block)
            bad += block.size - int(np.count_nonzero(fin))
            total = float(block[fin].sum())
        part.sums[key].add(total)
    part.counts[(key, "n")] += values.size - bad
    part.counts[(key, "non_finite")] += bad
    part.sketch(key, values if not bad else values[np.isfinite(values)])
