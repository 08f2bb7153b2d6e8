"""Benchmark ``simulate`` on a Dask LocalCluster against threads, and estimate a larger cluster.

The team scheme (``schemes/team_dealership.toml``: 7 managers x 12 months, 2 segments, a
copula) is simulated on ``--rows`` manager-periods (default 10^8) three ways:

* ``threads``: ``simulate(..., workers=2)`` in this process;
* ``dask``: a ``distributed.LocalCluster`` of 2 worker processes (1 thread each), through
  ``client.get_executor()``, tasks cut as for 2 workers;
* ``dask, cut for N nodes``: the same cluster, tasks cut as for ``--nodes`` x
  ``--cores-per-node`` workers, the split a cluster of that size would get.

All three must give identical numbers (checked). From Dask's task stream, the last run gives the
compute time per task; the rest of its wall time is overhead, counted per task:

    overhead per task = (wall - tasks x compute per task / 2 worker processes) / tasks

which lumps everything that is not computing (scheduling, sending each task its pickled job,
returning and merging its partial result, waiting on the last task) and treats it as serial.
A cluster of ``nodes`` nodes of ``cores`` worker processes each should then take

    time = tasks x compute per task / (nodes x cores) + tasks x (overhead per task + transfer)

where ``transfer`` = bytes of one task's result / ``--bandwidth`` (on loopback, the measured
overhead includes almost no network time). The estimate assumes the nodes' cores are as fast
as this machine's and that tasks balance evenly (about 4 per worker).

Needs the dask extra (``pip install -e ".[dask]"``). Usage::

    python benchmarks/dask_bench.py                  # 10^8 manager-periods, a few minutes
    python benchmarks/dask_bench.py --rows 10000000  # quicker
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from motivsim.scheme.load import load  # noqa: E402
from motivsim.simulation import SimulationResult, simulate  # noqa: E402
from motivsim.simulation.cluster import dask_cluster  # noqa: E402
from motivsim.simulation.engine import run_blocks  # noqa: E402
from motivsim.simulation.job import make_job, prepare  # noqa: E402

SCHEME = ROOT / "schemes" / "team_dealership.toml"
PERIODS = 12


def timed(fn: Any) -> tuple[float, float, Any]:
    """Wall and process CPU seconds of ``fn()``, and its value."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def compute_times(stream: list[dict[str, Any]]) -> list[float]:
    """Seconds each task of a Dask task stream spent computing on its worker."""
    return [
        sum(s["stop"] - s["start"] for s in task["startstops"] if s["action"] == "compute")
        for task in stream
    ]


def result_bytes(scheme: Any, runs: int, blocks: int) -> tuple[int, int]:
    """Pickled size of one task's partial result of ``blocks`` blocks (what a worker returns),
    and that size compressed by zlib (``distributed.comm.compression: zlib``)."""
    job = make_job(scheme, runs=runs, periods=PERIODS, seed=1, keep_raw=False)
    blocks = min(blocks, -(-runs // job.block_runs))
    part = run_blocks(prepare(job), 0, blocks, 4)
    data = pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)
    return len(data), len(zlib.compress(data, 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000_000, help="manager-periods")
    parser.add_argument("--nodes", type=int, default=16, help="nodes of the estimated cluster")
    parser.add_argument(
        "--cores-per-node", type=int, default=2, help="worker processes per node (default 2)"
    )
    parser.add_argument(
        "--bandwidth", type=float, default=1e9, help="client network, bits/s (default 1e9)"
    )
    args = parser.parse_args(argv)
    from dask.distributed import get_task_stream

    scheme = load(SCHEME)
    managers = scheme.team.size
    runs = max(1, args.rows // (managers * PERIODS))
    rows = runs * managers * PERIODS
    common = {"runs": runs, "periods": PERIODS, "seed": 7, "allow_long_run": True}
    print(
        f"scheme: {SCHEME.name} ({managers} managers x {PERIODS} months); {runs:,} runs = "
        f"{rows:,} manager-periods; {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    simulate(scheme, runs=2_000, periods=PERIODS, seed=0)  # warm up this process

    wall, cpu, threads = timed(lambda: simulate(scheme, workers=2, **common))
    print(f"{'threads, workers=2':<34}{rows / wall:>14,.0f} rows/s  {wall:7.1f} s  CPU {cpu:.1f} s")

    start = time.perf_counter()
    with dask_cluster("local", workers=2) as cluster:  # what simulate --dask local starts
        started = time.perf_counter() - start
        executor, client = cluster.executor, cluster.client
        warm = time.perf_counter()
        simulate(scheme, runs=2_000, periods=PERIODS, seed=0, executor=executor, workers=2)
        warm = time.perf_counter() - warm
        print(f"cluster start {started:.1f} s; warm-up (imports on the workers) {warm:.1f} s")

        def on_dask(workers: int) -> SimulationResult:
            return simulate(scheme, executor=executor, workers=workers, **common)

        wall_d, cpu_d, dask_result = timed(lambda: on_dask(2))
        print(
            f"{'dask LocalCluster, 2 processes':<34}{rows / wall_d:>14,.0f} rows/s  "
            f"{wall_d:7.1f} s  client CPU {cpu_d:.1f} s"
        )
        slots = args.nodes * args.cores_per_node
        with get_task_stream(client) as stream:
            wall_n, _, split_result = timed(lambda: on_dask(slots))
        computes = compute_times(stream.data)
        print(
            f"{f'dask, tasks cut for {slots} workers':<34}{rows / wall_n:>14,.0f} rows/s  "
            f"{wall_n:7.1f} s"
        )
    same = threads.to_dict() == dask_result.to_dict() == split_result.to_dict()
    print(f"\nidentical numbers (threads, dask, dask cut for {slots}): {'yes' if same else 'NO'}")
    print(
        f"threads / dask (2 processes): {wall_d / wall:.2f}x the time (dask {wall / wall_d:.2f}x)"
    )

    tasks = len(computes)
    per_task = sum(computes) / tasks
    ordered = sorted(computes)
    print(
        f"compute per task, cut for {slots}: mean {per_task * 1e3:,.0f} ms, min "
        f"{ordered[0] * 1e3:,.0f}, median {ordered[tasks // 2] * 1e3:,.0f}, max "
        f"{ordered[-1] * 1e3:,.0f} (the first on each worker compiles the job); load average "
        f"now {os.getloadavg()[0]:.1f}"
    )
    overhead = max(0.0, (wall_n - sum(computes) / 2) / tasks)
    size, packed = result_bytes(
        scheme, runs, round(-(-runs // (16_384 // (managers * PERIODS))) / tasks)
    )
    transfer = size * 8 / args.bandwidth
    compute_part = tasks * per_task / slots
    serial_part = tasks * (overhead + transfer)
    estimate = compute_part + serial_part
    print(
        f"\nmodel: {tasks} tasks x {per_task * 1e3:,.0f} ms compute / {slots} workers "
        f"({args.nodes} nodes x {args.cores_per_node})"
        f"\n     + {tasks} tasks x ({overhead * 1e3:,.1f} ms overhead + {transfer * 1e3:,.1f} ms "
        f"to send a {size / 1e6:,.2f} MB result at {args.bandwidth / 1e9:g} Gbit/s)"
        f"\n     = {compute_part:,.2f} s + {serial_part:,.2f} s = {estimate:,.2f} s: "
        f"{rows / estimate:,.0f} rows/s, {rows / estimate / (rows / wall_d):,.1f}x this "
        f"LocalCluster"
    )
    packed_part = tasks * (overhead + packed * 8 / args.bandwidth)
    print(
        f"with distributed.comm.compression: zlib ({packed / 1e6:,.2f} MB a result): "
        f"{compute_part:,.2f} s + {packed_part:,.2f} s = {compute_part + packed_part:,.2f} s: "
        f"{rows / (compute_part + packed_part):,.0f} rows/s"
    )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
