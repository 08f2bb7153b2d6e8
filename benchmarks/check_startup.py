"""Wall time of ``python -m motivsim check`` relative to ``python -c "import numpy, sympy"``.

Run from the repository root::

    python benchmarks/check_startup.py [--repeat 7] [--scheme schemes/dealership.toml]

Three commands run as fresh processes, interleaved, ``--repeat`` times each:

* ``python -c "import numpy, sympy"``, the baseline;
* ``check`` with motivsim's bytecode compiled (as an installed motivsim runs: the script
  compiles it first, into the usual ``__pycache__`` folders);
* ``check`` with every motivsim module compiled from source on each run (as under
  ``PYTHONDONTWRITEBYTECODE=1`` with no ``__pycache__``: a copy of the package without them).

numpy's and sympy's modules come compiled from their wheels in every case. The script prints
the median wall time of each and the ratios to the baseline (target: at most 1.5x). A ratio
near 1 means that ``check`` costs little beyond the imports any numpy + sympy program pays for.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall_time(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes (its output discarded; exit codes 0 and 1 are fine)."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    return elapsed


def main() -> None:
    """Measure and print the medians and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each command (default 7)")
    parser.add_argument("--scheme", default="schemes/dealership.toml")
    args = parser.parse_args()
    scheme = str((ROOT / args.scheme).resolve())
    writes = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    no_writes = writes | {"PYTHONDONTWRITEBYTECODE": "1"}
    check = [sys.executable, "-m", "motivsim", "check", scheme, "--seed", "1"]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "motivsim"], cwd=ROOT, env=writes, check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp)  # a copy of motivsim without bytecode, found first from this folder
        shutil.copytree(
            ROOT / "motivsim", source / "motivsim", ignore=shutil.ignore_patterns("__pycache__")
        )
        commands = {
            "python -c 'import numpy, sympy'": (
                [sys.executable, "-c", "import numpy, sympy"],
                ROOT,
                writes,
            ),
            "check, bytecode compiled": (check, ROOT, writes),
            "check, compiled from source": (check, source, no_writes),
        }
        for command, cwd, env in commands.values():
            wall_time(command, cwd, env)  # warm the file cache
        times: dict[str, list[float]] = {label: [] for label in commands}
        for _ in range(args.repeat):
            for label, (command, cwd, env) in commands.items():
                times[label].append(wall_time(command, cwd, env))
    medians = {label: statistics.median(values) for label, values in times.items()}
    base = medians["python -c 'import numpy, sympy'"]
    print(f"{args.scheme}, median of {args.repeat} runs each")
    for label, median in medians.items():
        print(f"  {label:<32} {median:.3f} s  {median / base:.2f}x")


if __name__ == "__main__":
    main()
