"""``motivsim report``: one self-contained HTML page: verdicts, a statement, curves, tables."""

from __future__ import annotations

import argparse
from pathlib import Path

from motivsim.cli.common import add_scheme, load_scheme
from motivsim.errors import ArgumentError
from motivsim.reporting.html import collect, render_html
from motivsim.reporting.plot import require_matplotlib

DESCRIPTION = (
    "Write one HTML page (pictures embedded, nothing fetched from outside) with the principle "
    "checks, the pay statement of a typical manager, the pay curves and the simulation tables. "
    "The exit code is 0 whenever the page is written, whatever the verdicts. Needs matplotlib: "
    "pip install 'motivsim[plot]'. "
    "Example: python -m motivsim report schemes/dealership.toml --out report.html"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME --out FILE [--samples N] [--runs N] [--seed S]``."""
    add_scheme(parser)
    parser.add_argument("--out", required=True, metavar="FILE", help="output file (.html)")
    parser.add_argument(
        "--samples",
        type=int,
        default=20_000,
        help="Monte Carlo samples of the check (default 20,000)",
    )
    parser.add_argument(
        "--runs", type=int, default=20_000, help="simulated periods (default 20,000)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")


def run(args: argparse.Namespace) -> int:
    """Write the report; 0 on success (even when a principle fails: the page says so)."""
    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise ArgumentError(
            f"--out {args.out!r}: a report is an HTML page; end the name with .html"
        )
    if not out.parent.is_dir():
        raise ArgumentError(f"--out {args.out!r}: folder {str(out.parent)!r} does not exist")
    require_matplotlib().use("Agg")
    parts = collect(load_scheme(args.scheme), samples=args.samples, runs=args.runs, seed=args.seed)
    out.write_text(render_html(parts), encoding="utf-8")
    missing = f" (not available: {', '.join(parts.errors)})" if parts.errors else ""
    verdict = ""
    if parts.check is not None:
        held = sum(r.passed for r in parts.check.results)
        verdict = f"; {held} of {len(parts.check.results)} principles hold"
    print(f"wrote {out}{verdict}{missing}")
    return 0
