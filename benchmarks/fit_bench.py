"""Benchmark ``fit``: 10,000 people x 12 months, 3 KPIs (120,000 rows), on one core.

One history is written to a temporary CSV file: revenue (lognormal), deals (Poisson) and a
conversion rate (beta, between 0 and 1), tied by a Gaussian copula (rank correlations 0.6,
0.4, 0.3), each with persistence 0.5 across a person's months (seed 7). Then
``motivsim.fit(path)`` runs in full: reading and checking the file, the candidate families by
maximum likelihood, the goodness-of-fit tests (199 samples of the fitted model each), the
intervals (400 resamples of the people), correlation, persistence and seasonality.

Target (issue "fit"): under 5 s on one core. Threads of the BLAS are held to one before numpy
is imported.

Usage::

    python benchmarks/fit_bench.py                  # 10,000 people x 12 months
    python benchmarks/fit_bench.py --people 2000    # quicker
"""

from __future__ import annotations

import argparse
import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import math  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from scipy import special, stats  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import motivsim  # noqa: E402

RANK = {("revenue", "deals"): 0.6, ("revenue", "conversion"): 0.4, ("deals", "conversion"): 0.3}
NAMES = ("revenue", "deals", "conversion")


def write_history(path: Path, people: int, months: int, seed: int = 7) -> None:
    """The history CSV: person, period, revenue, deals, conversion."""
    rng = np.random.default_rng(seed)
    normal = np.eye(3)
    for (a, b), rho in RANK.items():
        i, j = NAMES.index(a), NAMES.index(b)
        normal[i, j] = normal[j, i] = 2 * math.sin(math.pi * rho / 6)
    factor = np.linalg.cholesky(normal)
    r = 2 * math.sin(math.pi * 0.5 / 6)
    level = rng.standard_normal((people, 3)) @ factor.T
    noise = rng.standard_normal((people, months, 3)) @ factor.T
    z = math.sqrt(r) * level[:, None, :] + math.sqrt(1 - r) * noise
    u = special.ndtr(z)
    revenue = np.round(400_000 * np.exp(0.45 * z[..., 0]), -2)
    deals = stats.poisson.ppf(u[..., 1], 6.0)
    conversion = np.round(stats.beta.ppf(u[..., 2], 4.0, 12.0), 4)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("person,period,revenue,deals,conversion\n")
        for p in range(people):
            for t in range(months):
                handle.write(
                    f"P{p:05d},{t + 1},{revenue[p, t]:.0f},{deals[p, t]:.0f},"
                    f"{conversion[p, t]:.4f}\n"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.csv"
        write_history(path, args.people, args.months)
        rows = args.people * args.months
        size = path.stat().st_size
        print(
            f"history: {rows:,} rows ({args.people:,} people x {args.months} months), "
            f"{size / 1e6:.1f} MB"
        )
        motivsim.fit(path, seed=0, bootstrap=20)  # imports and warm-up
        best = math.inf
        result = None
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = motivsim.fit(path, seed=0)
            best = min(best, time.perf_counter() - start)
        start = time.perf_counter()
        from motivsim.history.fit import _probe
        from motivsim.history.read import read_history

        read_history(str(path), _probe(list(NAMES), 12))
        reading = time.perf_counter() - start
    assert result is not None
    print(
        f"fit: {best:.2f} s (best of {args.repeat}); reading the CSV alone {reading:.2f} s; "
        f"target < 5 s: {'met' if best < 5 else 'MISSED'}"
    )
    for m in result.marginals:
        test = m.test
        shown = f"p = {test.p_value:.3f}" if test is not None else "no test"
        print(f"  {m.kpi}: {m.family} {dict(m.table or {})} ({shown})")
    for c in result.correlations:
        print(f"  {c.a}:{c.b} = {c.rho:.3f} (true {RANK[(c.a, c.b)]})")
    for p in result.persistence:
        print(f"  persistence {p.kpi} = {p.value:.3f} (true 0.5)")


if __name__ == "__main__":
    main()
