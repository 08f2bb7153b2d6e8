"""``motivsim lint``: design mistakes in a scheme, each with its place in the file and a fix."""

from __future__ import annotations

import argparse

from motivsim.cli.common import add_language, add_output, add_scheme, check_out, emit, load_scheme
from motivsim.findings import lint
from motivsim.findings.finding import MAX_SAMPLES
from motivsim.i18n import words

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
    add_output(parser)
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Print the findings; 1 when lint fails (see ``--strict``), else 0."""
    check_out(args, args.scheme)
    scheme = load_scheme(args.scheme, args.lang)
    report = lint(scheme, samples=args.samples, seed=args.seed)
    passed = report.passed(strict=args.strict)
    w = words(scheme.language)
    counts = w(
        "lint.counts",
        errors=report.count("error"),
        warnings=report.count("warning"),
        infos=report.count("info"),
    )
    emit(
        args,
        text=report.__str__,
        data=report.to_dict,
        verdict=w("lint.verdict", word=w("lint.pass" if passed else "lint.fail"), counts=counts),
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0 if passed else 1
