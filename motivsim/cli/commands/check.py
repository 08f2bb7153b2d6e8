"""``motivsim check``: prove the three principles, with figures and design warnings."""

from __future__ import annotations

import argparse

from motivsim.checks import DEFAULT_SAMPLES, check
from motivsim.cli.common import add_json, add_scheme, load_scheme, print_json

DESCRIPTION = (
    "Draw KPIs from their distributions and check that (1) those who meet the plan earn at "
    "least 3x those who miss it, (2) pay is simple enough to compute by hand, and (3) pay "
    "depends on KPIs the manager controls; also warn about cliffs, caps, pay that falls as "
    "results rise, and negative pay. Exit 0 if all principles hold, 1 if one fails (or, "
    "with --strict, if there is a warning), 2 for an invalid scheme or usage. "
    "Example: python -m motivsim check schemes/dealership.toml --seed 7"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--samples``, ``--seed``, ``--json``, ``--strict``."""
    add_scheme(parser)
    parser.add_argument(
        "--samples",
        type=_count,
        default=DEFAULT_SAMPLES,
        metavar="N",
        help=f"Monte Carlo samples (default {DEFAULT_SAMPLES:,}); more gives tighter intervals",
    )
    parser.add_argument(
        "--seed",
        type=_seed,
        default=None,
        metavar="S",
        help="random seed; the seed used is always printed, so a run can be repeated exactly",
    )
    add_json(parser)
    parser.add_argument(
        "--strict", action="store_true", help="also fail (exit 1) when there is a design warning"
    )


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 when every principle holds, else 1."""
    scheme = load_scheme(args.scheme)
    report = check(scheme, samples=args.samples, seed=args.seed)
    if args.json:
        print_json(report.to_dict())
    else:
        print(report)
        print(
            f"Repeat this run: python -m motivsim check {args.scheme} --seed {report.seed} "
            f"--samples {report.samples}"
        )
    passed = report.passed_strict if args.strict else report.passed
    return 0 if passed else 1


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    return value


def _seed(text: str) -> int:
    value = _count(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"the seed must be >= 0, got {text!r}")
    return value
