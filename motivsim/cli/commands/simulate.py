"""``motivsim simulate``: Monte Carlo of the scheme's team: payroll, pay per manager, plan, caps."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from motivsim.cli.common import add_json, add_scheme, load_scheme, print_json
from motivsim.simulation import simulate
from motivsim.simulation.job import MAX_WORK

DESCRIPTION = (
    "Draw every manager's KPIs from their distributions (per [[team.segment]], correlated by "
    "[correlation]) for many runs and report the payroll per period (mean, P5, P50, P95, P99), "
    "pay per segment and per manager, the share meeting the plan, hitters vs non-hitters, the "
    "probability of hitting a cap and payroll as a share of revenue. The same --seed gives the "
    "same numbers whatever --workers. "
    "Example: python -m motivsim simulate schemes/team_dealership.toml --periods 12 "
    "--runs 100000 --seed 7"
)

#: Seconds a run must last before a progress bar appears (on a terminal only).
PROGRESS_DELAY = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--runs``, ``--periods``, ``--seed``, ``--workers``, ``--allow-long-run``
    and ``--json``."""
    add_scheme(parser)
    parser.add_argument(
        "--runs",
        type=int,
        default=10_000,
        metavar="N",
        help="simulated teams (default 10000)",
    )
    parser.add_argument(
        "--periods",
        type=int,
        default=1,
        metavar="N",
        help="periods per run; per-manager figures are totals over them (default 1)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="N",
        help="random seed, to repeat a run exactly (default: a fresh one, reported)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="threads to compute on (results do not depend on it; default 1)",
    )
    parser.add_argument(
        "--allow-long-run",
        action="store_true",
        help=f"allow more than {MAX_WORK:,} manager-periods (runs x periods x team size, "
        "a few minutes on one core); without it such a run is refused at once",
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    """Print the simulation report (or JSON); 0 on success."""
    scheme = load_scheme(args.scheme)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = simulate(
            scheme,
            runs=args.runs,
            periods=args.periods,
            seed=args.seed,
            workers=args.workers,
            progress=bar,
            allow_long_run=args.allow_long_run,
        )
    finally:
        if bar is not None:
            bar.close()
    if args.json:
        print_json(result.to_dict())
    else:
        print(result)
    return 0


class ProgressBar:
    """``[#####.....] 52%  4,368,000 / 8,400,000`` on a terminal, after :data:`PROGRESS_DELAY`."""

    def __init__(self, stream: TextIO, *, width: int = 30) -> None:
        self.stream, self.width = stream, width
        self.start, self.shown = time.monotonic(), float("-inf")
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < PROGRESS_DELAY or (now - self.shown < 0.1 and done < total):
            return
        self.shown, self.drawn = now, True
        filled = self.width * done // total
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rsimulating [{bar}] {done / total:4.0%}  {done:,} / {total:,}")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
