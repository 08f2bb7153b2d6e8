"""Benchmark ``motivsim.simulate`` against hand-written numpy and a per-row Python loop.

The same plan (``schemes/dealership.toml``: lognormal revenue, Poisson cars sold, a stepped
commission rate with a cap, a volume bonus) is simulated three ways in one process, each
computing the same figures (mean payroll, P5/P50/P95/P99, share meeting the plan, hitters vs
non-hitters, probability of the cap, payroll as a share of revenue):

* ``motivsim``: ``simulate(scheme, runs=N, seed=...)`` with 1 and 2 workers;
* ``hand numpy``: the chunked numpy code an analyst would write for this one plan;
* ``python loop``: one manager-month at a time with the ``random`` module (run on fewer rows;
  its throughput is extrapolated).

It prints throughput in manager-periods per second, peak traced memory (``tracemalloc``) and
the ratios against the targets. Usage::

    python benchmarks/simulate_bench.py --quick   # about a minute: 2e6 rows, memory 1e6 / 1e7
    python benchmarks/simulate_bench.py           # also memory at 1e8 rows (several minutes)
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import motivsim.simulation.program as program  # noqa: E402
from motivsim.formula.certified import CertifiedSteps  # noqa: E402
from motivsim.scheme.load import load  # noqa: E402
from motivsim.simulation import simulate  # noqa: E402

SCHEME = ROOT / "schemes" / "dealership.toml"
# The plan of schemes/dealership.toml, written out by hand for the two baselines.
BASE, PLAN, CAP, BONUS, BONUS_CARS = 40_000.0, 10_000_000.0, 300_000.0, 25_000.0, 10
BOUNDS, RATES = np.array([0.7, 1.0, 1.3]), np.array([0.0, 0.01, 0.015, 0.02])
MEDIAN, SIGMA, CARS_MEAN = 9_500_000.0, 0.35, 8.0
QUANTILES = (0.05, 0.5, 0.95, 0.99)
HIST_WIDTH, HIST_BINS = 10.0, 100_000  # the hand version's histogram: 10 RUB bins to 1e6


def hand_numpy(n: int, seed: int, chunk: int = 65_536) -> dict[str, float]:
    """The plan in plain chunked numpy, reducing each chunk as it goes."""
    rng = np.random.default_rng(seed)
    hist = np.zeros(HIST_BINS, dtype=np.int64)
    total = met_pay = revenue = 0.0
    met = capped = 0
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        rev = rng.lognormal(math.log(MEDIAN), SIGMA, m)
        cars = rng.poisson(CARS_MEAN, m)
        rate = RATES[np.searchsorted(BOUNDS, rev / PLAN, side="right")]
        uncapped = rate * rev
        pay = BASE + np.minimum(uncapped, CAP) + np.where(cars >= BONUS_CARS, BONUS, 0.0)
        hit = rev >= PLAN
        total += float(pay.sum())
        met += int(np.count_nonzero(hit))
        met_pay += float(pay[hit].sum())
        capped += int(np.count_nonzero(uncapped >= CAP))
        revenue += float(rev.sum())
        index = np.minimum((pay * (1 / HIST_WIDTH)).astype(np.intp), HIST_BINS - 1)
        hist += np.bincount(index, minlength=HIST_BINS)
    cumulative = np.cumsum(hist)
    out = {
        f"p{round(q * 100)}": float(np.searchsorted(cumulative, q * (n - 1), side="right"))
        * HIST_WIDTH
        for q in QUANTILES
    }
    return out | _figures(n, total, met, met_pay, capped, revenue)


def python_loop(n: int, seed: int) -> dict[str, float]:
    """The plan one manager-month at a time, in pure Python."""
    rnd = random.Random(seed)
    mu, limit = math.log(MEDIAN), math.exp(-CARS_MEAN)
    pays: list[float] = []
    total = met_pay = revenue = 0.0
    met = capped = 0
    for _ in range(n):
        rev = rnd.lognormvariate(mu, SIGMA)
        cars, product = 0, rnd.random()  # Knuth's Poisson sampler
        while product > limit:
            cars += 1
            product *= rnd.random()
        attainment = rev / PLAN
        rate = (
            0.0
            if attainment < 0.7
            else 0.01
            if attainment < 1.0
            else 0.015
            if attainment < 1.3
            else 0.02
        )
        pay = BASE + min(rate * rev, CAP) + (BONUS if cars >= BONUS_CARS else 0.0)
        pays.append(pay)
        total += pay
        revenue += rev
        if rev >= PLAN:
            met += 1
            met_pay += pay
        capped += rate * rev >= CAP
    pays.sort()
    out = {f"p{round(q * 100)}": pays[math.floor(q * (n - 1))] for q in QUANTILES}
    return out | _figures(n, total, met, met_pay, capped, revenue)


def _figures(
    n: int, total: float, met: int, met_pay: float, capped: int, revenue: float
) -> dict[str, float]:
    mean_met, mean_missed = met_pay / met, (total - met_pay) / (n - met)
    return {
        "mean": total / n,
        "share_met": met / n,
        "ratio": mean_met / mean_missed,
        "cap": capped / n,
        "revenue_share": total / revenue,
    }


def motivsim_run(scheme: Any, workers: int) -> Callable[[int, int], dict[str, float]]:
    def run(n: int, seed: int) -> dict[str, float]:
        r = simulate(scheme, runs=n, seed=seed, workers=workers)
        return {
            "p5": r.payroll.p5,
            "p50": r.payroll.p50,
            "p95": r.payroll.p95,
            "p99": r.payroll.p99,
            "mean": r.payroll.mean,
            "share_met": r.share_meeting_plan or 0,
            "ratio": r.hitter_ratio or 0,
            "cap": r.cap_probability or 0,
            "revenue_share": r.revenue_share or 0,
        }

    return run


def throughput(
    fn: Callable[[int, int], dict[str, float]], n: int, repeats: int
) -> tuple[float, dict[str, float]]:
    """Best manager-periods per second over ``repeats`` runs (the machine may be shared), and
    the CPU time per manager-period of the best run (all threads; robust to other load)."""
    best, cpu, figures = math.inf, math.inf, {}
    for i in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        figures = fn(n, 1000 + i)
        wall, used = time.perf_counter() - start, time.process_time() - start_cpu
        best, cpu = min(best, wall), min(cpu, used)
    return n / best, figures | {"cpu_ns": cpu / n * 1e9}


def peak_memory(fn: Callable[[int, int], dict[str, float]], n: int) -> float:
    """Peak memory traced while ``fn`` runs on ``n`` rows, in MiB."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn(n, 7)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def float_decisions_run(scheme: Any) -> Callable[[int, int], dict[str, float]]:
    """motivsim with every decision left to float64 (no error bounds, no exact recomputation):
    the baseline of what exact decisions cost."""
    certified = motivsim_run(scheme, 1)

    def plain(steps: Any, params: Any, **options: Any) -> CertifiedSteps:
        return CertifiedSteps(steps, params, **{**options, "certify": False})

    def run(n: int, seed: int) -> dict[str, float]:
        program.CertifiedSteps = plain  # type: ignore[misc]
        try:
            return certified(n, seed)
        finally:
            program.CertifiedSteps = CertifiedSteps  # type: ignore[misc]

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 1e8-row memory run")
    parser.add_argument("--rows", type=int, default=None, help="rows for throughput")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    rows = args.rows or (2_000_000 if args.quick else 10_000_000)
    loop_rows = max(rows // 50, 20_000)
    scheme = load(SCHEME)
    simulate(scheme, runs=10_000, seed=0)  # warm up: compile the plan's numpy evaluator once
    print(
        f"plan: {SCHEME.name}; throughput on {rows:,} manager-periods (python loop: "
        f"{loop_rows:,}), best of {args.repeats}\n"
    )
    ways = {
        "motivsim, 1 worker": (motivsim_run(scheme, 1), rows),
        "motivsim, 2 workers": (motivsim_run(scheme, 2), rows),
        "motivsim, float only": (float_decisions_run(load(SCHEME)), rows),
        "hand numpy": (hand_numpy, rows),
        "python loop": (python_loop, loop_rows),
    }
    speed: dict[str, float] = {}
    print(
        f"{'way':<22}{'rows/s':>13}{'CPU ns/row':>11}{'mean pay':>11}{'P95':>10}{'met':>7}"
        f"{'cap':>7}{'ratio':>6}"
    )
    for name, (fn, n) in ways.items():
        speed[name], f = throughput(fn, n, args.repeats)
        print(
            f"{name:<22}{speed[name]:>13,.0f}{f['cpu_ns']:>11,.0f}{f['mean']:>11,.0f}"
            f"{f['p95']:>10,.0f}{f['share_met']:>7.1%}{f['cap']:>7.2%}{f['ratio']:>6.2f}"
        )
    hand, loop = speed["hand numpy"], speed["python loop"]
    checks = [
        ("motivsim 1 worker / hand numpy", speed["motivsim, 1 worker"] / hand, 0.8),
        ("motivsim 2 workers / hand numpy", speed["motivsim, 2 workers"] / hand, 1.5),
        ("motivsim 1 worker / python loop", speed["motivsim, 1 worker"] / loop, 20.0),
        (
            "exact decisions / float only",
            speed["motivsim, 1 worker"] / speed["motivsim, float only"],
            0.9,
        ),
    ]
    print()
    for label, ratio, target in checks:
        print(
            f"{label:<34}{ratio:>8.2f}x  (target >= {target:g}x) "
            + ("ok" if ratio >= target else "MISSED")
        )
    team = load(ROOT / "schemes" / "team_dealership.toml")
    print("\nfor information: team_dealership.toml (7 managers x 12 months, 2 segments, copula)")
    for workers in (1, 2):
        runs = max(rows // 84, 1)
        best = math.inf
        for i in range(args.repeats):
            start = time.perf_counter()
            simulate(team, runs=runs, periods=12, seed=i, workers=workers)
            best = min(best, time.perf_counter() - start)
        label = f"motivsim, {workers} worker" + ("s" if workers > 1 else " ")
        print(f"  {label}  {runs * 84 / best:>13,.0f} rows/s")
    sizes = [1_000_000, 10_000_000] + ([] if args.quick else [100_000_000])
    print("\npeak traced memory (MiB)")
    for n in sizes:
        mine = peak_memory(motivsim_run(scheme, 1), n)
        theirs = peak_memory(hand_numpy, n)
        print(f"  {n:>12,} manager-periods: motivsim {mine:7.1f}   hand numpy {theirs:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
