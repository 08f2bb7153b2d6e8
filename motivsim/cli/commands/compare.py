"""``motivsim compare``: what changes from one scheme to another for the same KPI values."""

from __future__ import annotations

import argparse

from motivsim.cli.common import add_json, load_scheme, print_json
from motivsim.comparison import compare

DESCRIPTION = (
    "Feed the same KPI draws (from OLD's distributions) to both schemes and report the change "
    "in expected pay per segment and in total payroll, the share of managers better and worse "
    "off, the largest pay cut found by search, and principles whose verdict changed. "
    "Exit 1 when --max-cut is given and some manager would lose more than that. "
    "Example: python -m motivsim compare schemes/old.toml schemes/new.toml --max-cut 5%"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``OLD NEW``, ``--max-cut``, ``--samples``, ``--seed``, ``--no-principles``, ``--json``."""
    parser.add_argument("old", metavar="OLD", help="the scheme in force (TOML)")
    parser.add_argument("new", metavar="NEW", help="the proposed scheme (TOML)")
    parser.add_argument(
        "--max-cut",
        type=share,
        metavar="PCT",
        help="exit 1 if some manager would lose more than this for the same results "
        "(e.g. 5%% or 0.05)",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=20_000,
        metavar="N",
        help="paired draws per segment (default 20,000)",
    )
    parser.add_argument("--seed", type=int, metavar="S", help="seed (default: random, printed)")
    parser.add_argument(
        "--no-principles",
        action="store_true",
        help="do not run the principle checks on both schemes",
    )
    parser.add_argument(
        "--allow-different-units",
        action="store_true",
        help="compare schemes in different currencies as plain numbers (nothing is converted); "
        "without it they are refused",
    )
    add_json(parser)


def share(text: str) -> float:
    """``5%`` or ``0.05`` -> 0.05 (argparse ``type=``)."""
    raw = text.strip().replace(" ", "")
    percent = raw.endswith("%")
    try:
        value = float(raw.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share; write 5% or 0.05") from None
    if percent:
        value /= 100
    elif value >= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is ambiguous; write {raw}% or {value / 100:g}")
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0% to below 100%")
    return value


def run(args: argparse.Namespace) -> int:
    """Print the comparison; 1 when the ``--max-cut`` gate fails, else 0."""
    old, new = load_scheme(args.old), load_scheme(args.new)
    result = compare(
        old,
        new,
        samples=args.samples,
        seed=args.seed,
        max_cut=args.max_cut,
        principles=not args.no_principles,
        allow_different_units=args.allow_different_units,
    )
    if args.json:
        print_json(result.to_dict())
    else:
        print(result)
    return 1 if result.gate_failed else 0
