"""Benchmark ``replay``: 100,000 people x 12 months of a year-to-date true-up with a draw.

The plan (written below): commission due on year-to-date bookings, 5% to the annual quota and
8% above, paid monthly as a true-up (what is due less what was earned before), with a
recoverable monthly draw of 3,000. One history of ``--people`` people x 12 months of bookings
(lognormal, rounded to hundreds) is written to a temporary CSV file, then:

* **motivsim**: ``read_history`` (the CSV file, checked: reported separately) and the replay
  itself (``replay(scheme, history)``: vectorised across people, every row's cents exact);
* **hand numpy**: the same plan written for this case with numpy, vectorised across people,
  reading the same file with ``numpy.loadtxt`` (reported separately too);
* **python loop**: one person-month at a time with floats, on 1/50 of the people (per row, so
  it extrapolates);
* **exact loop**: motivsim's own row-by-row path (``replay(..., exact=True)``: each row in
  exact rational arithmetic), on 1/500 of the people, extrapolated.

Targets (issue "periods"): the replay at least 0.5x the hand numpy's throughput and at least 50x
a per-row Python loop's. The float loop is the strictest reading of the second (the hand numpy
itself is about 40x it); the exact loop computes what the replay computes. Both versions' cents
are compared (the hand version rounds float64 pay half-up, so it may differ from the exact cents
at a half cent; the count is printed).

Usage::

    python benchmarks/replay_bench.py                  # 100,000 people
    python benchmarks/replay_bench.py --people 20000   # quicker
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from motivsim.history import read_history, replay  # noqa: E402
from motivsim.scheme.load import loads  # noqa: E402

PLAN = """
[scheme]
name = "YTD true-up with a recoverable draw"
currency = "USD"
period = "month"

[kpi.bookings]
controllable = true
min = 0

[params]
annual_quota = 1_200_000
draw = 3_000

[formula]
due = "marginal(ytd(bookings), [annual_quota], [0.05, 0.08])"
earned = "max(0, due - prior_ytd(earned))"
owed = "prior(balance)"
pay = "max(draw, earned - owed)"
balance = "owed + pay - earned"
"""
PERIODS = 12
QUOTA, DRAW = 1_200_000.0, 3_000.0


def write_history(path: Path, people: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    bookings = np.round(rng.lognormal(math.log(90_000), 0.5, (people, PERIODS)), -2)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("person,period,bookings\n")
        for i in range(people):
            handle.writelines(f"p{i},{t + 1},{bookings[i, t]:.0f}\n" for t in range(PERIODS))


def hand_numpy(bookings: np.ndarray) -> np.ndarray:
    """Cents of every person-month (periods x people), the plan written for numpy."""
    ytd = np.cumsum(bookings, axis=0)
    due = 0.05 * np.minimum(ytd, QUOTA) + 0.08 * np.maximum(ytd - QUOTA, 0.0)
    cents = np.empty_like(bookings)
    earned_so_far = np.zeros(bookings.shape[1])
    balance = np.zeros(bookings.shape[1])
    for t in range(bookings.shape[0]):
        earned = np.maximum(0.0, due[t] - earned_so_far)
        earned_so_far += earned
        pay = np.maximum(DRAW, earned - balance)
        balance = balance + pay - earned
        cents[t] = np.floor(pay * 100 + 0.5)
    return cents


def python_loop(bookings: list[list[float]]) -> list[float]:
    """One person-month at a time."""
    out = []
    for months in bookings:
        ytd = earned_so_far = balance = 0.0
        for b in months:
            ytd += b
            due = 0.05 * min(ytd, QUOTA) + 0.08 * max(ytd - QUOTA, 0.0)
            earned = max(0.0, due - earned_so_far)
            earned_so_far += earned
            pay = max(DRAW, earned - balance)
            balance = balance + pay - earned
            out.append(math.floor(pay * 100 + 0.5))
    return out


def best(fn: Any, repeats: int) -> tuple[float, Any]:
    found, value = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        found = min(found, time.perf_counter() - start)
    return found, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    scheme = loads(PLAN)
    rows = args.people * PERIODS
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "history.csv"
        write_history(path, args.people, seed=1)
        size = path.stat().st_size
        read_ours, history = best(lambda: read_history(path, scheme), args.repeats)
        read_numpy, table = best(
            lambda: np.loadtxt(path, delimiter=",", skiprows=1, usecols=(2,)), args.repeats
        )
    bookings = table.reshape(args.people, PERIODS).T.copy()  # the file is person by person
    ours, result = best(lambda: replay(scheme, history), args.repeats)
    numpy_time, numpy_cents = best(lambda: hand_numpy(bookings), args.repeats)
    sample = bookings[:, : max(1, args.people // 50)].T.tolist()
    loop_time, _ = best(lambda: python_loop(sample), 1)
    loop_per_row = loop_time / (len(sample) * PERIODS)
    few = history.subset(list(range(max(1, args.people // 500) * PERIODS)))
    exact_time, _ = best(lambda: replay(scheme, few, exact=True), 1)
    exact_per_row = exact_time / few.size
    ours_cents = result.cents.reshape(args.people, PERIODS).T
    differ = int(np.count_nonzero(ours_cents != numpy_cents))
    print(
        f"{args.people:,} people x {PERIODS} months = {rows:,} rows; history file "
        f"{size / 1e6:.1f} MB"
    )
    print(
        f"read the CSV: motivsim {read_ours:.2f} s ({rows / read_ours:,.0f} rows/s, checked), "
        f"numpy.loadtxt {read_numpy:.2f} s"
    )
    print(f"replay     {ours:8.3f} s  {rows / ours:14,.0f} rows/s")
    print(f"hand numpy {numpy_time:8.3f} s  {rows / numpy_time:14,.0f} rows/s")
    print(
        f"loop       {loop_per_row * rows:8.3f} s  {1 / loop_per_row:14,.0f} rows/s (extrapolated)"
    )
    print(
        f"exact loop {exact_per_row * rows:8.3f} s  {1 / exact_per_row:14,.0f} rows/s "
        "(extrapolated)"
    )
    print(
        f"replay / hand numpy: {numpy_time / ours:.2f}x (target >= 0.5x); "
        f"replay / loop: {loop_per_row * rows / ours:.1f}x, / exact loop: "
        f"{exact_per_row * rows / ours:,.0f}x (target >= 50x)"
    )
    print(f"rows whose cents differ from the hand numpy version: {differ:,}")


if __name__ == "__main__":
    main()
