"""``motivsim report``: one self-contained HTML page: verdicts, a statement, curves, tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from motivsim.cli.common import (
    add_dask,
    add_language,
    add_scheme,
    check_seed,
    computing,
    load_scheme,
)
from motivsim.errors import ArgumentError
from motivsim.i18n import words
from motivsim.reporting.html import collect, render_html
from motivsim.reporting.output import check_output, input_files, write_output
from motivsim.reporting.plot import require_matplotlib
from motivsim.sampling.draws import MAX_SAMPLES, MIN_SAMPLES
from motivsim.simulation.job import MAX_PERIODS

#: What a report may be called.
SUFFIXES = (".html", ".htm")

DESCRIPTION = (
    "Write one HTML page (pictures embedded, nothing fetched from outside) with the principle "
    "checks, the pay statement of a typical manager, the pay curves and the simulation tables. "
    "The exit code is 0 whenever the page is written, whatever the verdicts. --dask runs the "
    "check and the simulation on a Dask cluster, with the same numbers. Needs matplotlib: "
    "pip install 'motivsim[plot]'. "
    "Example: python -m motivsim report schemes/dealership.toml --out report.html"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME --out FILE [--samples N] [--runs N] [--periods N] [--seed S] [--dask ...]``."""
    add_scheme(parser)
    parser.add_argument("--out", required=True, metavar="FILE", help="output file (.html)")
    parser.add_argument(
        "--samples",
        type=int,
        default=20_000,
        help=f"Monte Carlo samples of the check (default 20,000; from {MIN_SAMPLES:,} to "
        f"{MAX_SAMPLES:,})",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=20_000,
        help="simulated periods (default 20,000; runs x team size at most 1,000,000,000)",
    )
    parser.add_argument(
        "--periods",
        type=int,
        default=1,
        metavar="N",
        help=f"periods per simulated run (default 1; from 1 to {MAX_PERIODS:,}); above 1 the "
        "page adds amounts over them: --periods 12 of a monthly scheme gives the team's payroll "
        "per year and one manager's annual pay",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--history",
        metavar="CSV",
        help="last year's data (person, period and KPI columns): the page adds the model fitted "
        "to it (motivsim fit) and each KPI against its fit",
    )
    add_dask(parser)
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success (even when a principle fails: the page says so)."""
    if Path(args.out).suffix.lower() not in SUFFIXES:
        raise ArgumentError(
            f"--out {args.out!r}: a report is an HTML page; end the name with .html"
        )
    check_output(args.out, inputs=[args.scheme, args.history])
    check_seed(args.seed)
    if not MIN_SAMPLES <= args.samples <= MAX_SAMPLES:
        raise ArgumentError(
            f"--samples must be from {MIN_SAMPLES:,} to {MAX_SAMPLES:,}, got {args.samples:,}"
        )
    if args.runs < 1:
        raise ArgumentError(f"--runs must be a positive whole number, got {args.runs:,}")
    if not 1 <= args.periods <= MAX_PERIODS:
        raise ArgumentError(
            f"--periods must be from 1 to {MAX_PERIODS:,}, got {args.periods:,}",
            hint="--periods 12 simulates a year of a monthly scheme",
        )
    require_matplotlib().use("Agg")
    scheme = load_scheme(args.scheme, args.lang)
    with computing(args) as compute:
        parts = collect(
            scheme,
            samples=args.samples,
            runs=args.runs,
            seed=args.seed,
            periods=args.periods,
            history=args.history,
            workers=compute.workers,
            executor=compute.executor,
        )
    page = render_html(parts).encode("utf-8")
    write_output(
        args.out,
        lambda handle: handle.write(page),
        inputs=[args.scheme, *input_files(scheme)],
    )
    w = words(scheme.language)
    missing = w("report.missing", parts=", ".join(parts.errors)) if parts.errors else ""
    verdict = ""
    if parts.check is not None:
        held = sum(r.passed for r in parts.check.results)
        verdict = w("report.held", held=held, total=len(parts.check.results))
    print(w("wrote", path=args.out) + verdict + missing)
    return 0
