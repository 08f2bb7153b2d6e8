"""Wall time of ``python -m motivsim check`` relative to ``python -c "import numpy, sympy"``.

Run from the repository root::

    python benchmarks/check_startup.py [--repeat 7] [--scheme schemes/dealership.toml]

Both commands run as fresh processes, interleaved, ``--repeat`` times each; the script prints
the median wall time of each and their ratio. A ratio near 1 means that ``check`` costs little
beyond the imports any numpy + sympy program pays for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall_time(command: list[str]) -> float:
    """Seconds one run of ``command`` takes (its output discarded; exit codes 0 and 1 are fine)."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def main() -> None:
    """Measure and print the medians and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--scheme", default="schemes/dealership.toml")
    args = parser.parse_args()
    baseline = [sys.executable, "-c", "import numpy, sympy"]
    check = [sys.executable, "-m", "motivsim", "check", args.scheme, "--seed", "1"]
    wall_time(baseline)  # warm the file cache
    base_times, check_times = [], []
    for _ in range(args.repeat):
        base_times.append(wall_time(baseline))
        check_times.append(wall_time(check))
    base, full = statistics.median(base_times), statistics.median(check_times)
    print(f"python -c 'import numpy, sympy'   median {base:.3f} s  ({args.repeat} runs)")
    print(f"python -m motivsim check {args.scheme}   median {full:.3f} s")
    print(f"ratio check / import: {full / base:.2f}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print(
            "note: PYTHONDONTWRITEBYTECODE is set, so motivsim's modules are compiled from source "
            "on every run (numpy's and sympy's come compiled from their wheels); unset it for "
            "the figure an installed motivsim gives"
        )


if __name__ == "__main__":
    main()
