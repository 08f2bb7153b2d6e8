"""``motivsim lint``: design mistakes in a scheme, each with its place in the file and a fix."""

from __future__ import annotations

import argparse

from motivsim.cli.common import add_json, add_scheme, load_scheme, print_json
from motivsim.findings import lint
from motivsim.findings.finding import MAX_SAMPLES

DESCRIPTION = (
    "Static and sampled findings, each with file:line:col and a fix: pay falling when a "
    "controllable KPI rises, cliffs, caps, rates written as percents, bracket gaps and "
    "overlaps, negative pay, unused KPIs, parameters and steps. Exit 0 when there is no error, "
    "1 when there is one (or any warning with --strict), 2 for an invalid scheme. "
    "Example: python -m motivsim lint schemes/dealership.toml"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--strict``, ``--samples``, ``--seed``, ``--json``."""
    add_scheme(parser)
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--samples",
        type=int,
        default=256,
        metavar="N",
        help=f"base points per KPI for the sampled findings (default 256, at most {MAX_SAMPLES:,})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="seed of the sampled findings (default 0: lint is repeatable)",
    )
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    """Print the findings; 1 when lint fails (see ``--strict``), else 0."""
    report = lint(load_scheme(args.scheme), samples=args.samples, seed=args.seed)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report)
    return 0 if report.passed(strict=args.strict) else 1
