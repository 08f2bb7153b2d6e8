"""Benchmark ``simulate`` on a roster of named people, each with parameters of their own.

The SaaS plan of ``schemes/saas_segments.toml`` (3 segments, per-segment quotas, a marginal
accelerator) is simulated for a team of ``--people`` (default 10,000) over 12 quarters, two
ways, in one process:

* **roster**: ``[team] roster = "team.csv"``: every person has their own ``annual_quota`` and
  ``on_target_pay``, so ``quota``, ``base`` and ``variable`` (derived from them) differ from
  person to person too;
* **shared**: the same team as segments with counts, one parameter set per segment.

Target: roster throughput at least 0.8x shared (manager-periods per second, best of
``--repeats``; "CPU ns/row" is process CPU time per manager-period). Also printed: the time to
load the roster and resolve every person's parameters, and to prepare the simulation.

Usage::

    python benchmarks/roster_bench.py                 # 10,000 people x 12 x 1,000 runs
    python benchmarks/roster_bench.py --runs 100      # quicker
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from motivsim.scheme.load import load  # noqa: E402
from motivsim.simulation import simulate  # noqa: E402
from motivsim.simulation.job import make_job, prepare  # noqa: E402

SCHEME = ROOT / "schemes" / "saas_segments.toml"
SEGMENTS = ("SMB", "mid-market", "enterprise")
PERIODS = 12


def write_schemes(folder: Path, people: int, seed: int) -> tuple[Path, Path]:
    """The roster scheme (and its CSV) and the shared-parameters scheme, in ``folder``."""
    rng = np.random.default_rng(seed)
    counts = dict.fromkeys(SEGMENTS, 0)
    lines = ["name,segment,annual_quota,on_target_pay"]
    for i in range(people):
        segment = SEGMENTS[i % 3]
        counts[segment] += 1
        quota = int(rng.integers(300, 3_000)) * 1_000
        lines.append(f"Rep {i},{segment},{quota},{quota * 3 // 10_000 * 1_000}")
    (folder / "team.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = SCHEME.read_text(encoding="utf-8")
    head, _, segments = text.partition("[[team.segment]]")
    segments = "[[team.segment]]" + segments
    roster = head + '[team]\nroster = "team.csv"\n\n'
    shared = head
    for block in segments.split("[[team.segment]]")[1:]:
        kept = "\n".join(line for line in block.splitlines() if not line.startswith("count"))
        roster += "[[team.segment]]" + kept + "\n"
        name = next(s for s in SEGMENTS if f'"{s}"' in block)
        shared += (
            "[[team.segment]]"
            + kept.replace(f'name = "{name}"', f'name = "{name}"\ncount = {counts[name]}')
            + "\n"
        )
    (folder / "roster.toml").write_text(roster, encoding="utf-8")
    (folder / "shared.toml").write_text(shared, encoding="utf-8")
    return folder / "roster.toml", folder / "shared.toml"


def best(fn: Any, repeats: int) -> tuple[float, float]:
    """Best wall and its CPU seconds of ``repeats`` calls of ``fn``."""
    found = (float("inf"), 0.0)
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        found = min(found, (time.perf_counter() - wall, time.process_time() - cpu))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roster_path, shared_path = write_schemes(Path(tmp), args.people, seed=1)
        start = time.perf_counter()
        roster = load(roster_path)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        people = roster.people
        resolved = time.perf_counter() - start
        shared = load(shared_path)
    assert roster.team.size == shared.team.size == args.people
    start = time.perf_counter()
    prepare(make_job(roster, runs=args.runs, periods=PERIODS, seed=1, keep_raw=False))
    prepared = time.perf_counter() - start
    rows = args.runs * PERIODS * args.people
    print(
        f"{args.people:,} people x {PERIODS} quarters x {args.runs:,} runs = {rows:,} "
        f"manager-periods, {args.workers} worker(s)"
    )
    print(
        f"load the roster {loaded:.2f} s, resolve {len(people):,} people's parameters "
        f"{resolved:.2f} s, prepare the simulation {prepared:.2f} s"
    )
    figures = {}
    for label, scheme in (("shared", shared), ("roster", roster)):

        def run(scheme: Any = scheme) -> None:
            simulate(scheme, runs=args.runs, periods=PERIODS, seed=7, workers=args.workers)

        wall, cpu = best(run, args.repeats)
        figures[label] = rows / wall
        print(
            f"{label:8} {rows / wall:14,.0f} manager-periods/s  {cpu / rows * 1e9:6.1f} CPU ns/row"
        )
    ratio = figures["roster"] / figures["shared"]
    print(f"roster / shared: {ratio:.2f}x (target >= 0.8x)")


if __name__ == "__main__":
    main()
