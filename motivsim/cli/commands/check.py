"""``motivsim check``: prove the three principles, with figures and design warnings."""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from motivsim.checks import DEFAULT_SAMPLES, check
from motivsim.cli.common import (
    add_dask,
    add_language,
    add_output,
    add_scheme,
    check_out,
    computing,
    emit,
    language_option,
    load_scheme,
)
from motivsim.i18n import words

DESCRIPTION = (
    "Draw KPIs from their distributions and check that (1) those who meet the plan earn at "
    "least 3x those who miss it, (2) pay is simple enough to compute by hand, and (3) pay "
    "depends on KPIs the manager controls; also warn about cliffs, caps, pay that falls as "
    "results rise, and negative pay. Exit 0 if all principles hold, 1 if one fails (or, "
    "with --strict, if there is a warning), 2 for an invalid scheme or usage. --dask runs "
    "the principles' Monte Carlo on a Dask cluster, with the same numbers. "
    "Example: python -m motivsim check schemes/dealership.toml --seed 7"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--samples``, ``--seed``, ``--json``, ``--strict``, ``--segment``,
    ``--dask ...``."""
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
    add_output(parser)
    add_language(parser)
    parser.add_argument(
        "--strict", action="store_true", help="also fail (exit 1) when there is a design warning"
    )
    parser.add_argument(
        "--segment",
        metavar="NAME",
        default=None,
        help="check the plan as one [[team.segment]] sees it: its parameters and distributions",
    )
    add_dask(parser)


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 when every principle holds, else 1."""
    check_out(args, args.scheme)
    scheme = load_scheme(args.scheme, args.lang)
    if args.segment is not None:
        scheme = scheme.segment_scheme(args.segment)
    with computing(args) as compute:
        report = check(scheme, samples=args.samples, seed=args.seed, executor=compute.executor)
    passed = report.passed_strict if args.strict else report.passed
    segment = f" --segment {shlex.quote(args.segment)}" if args.segment is not None else ""
    w = words(scheme.language)
    command = (
        f"python -m motivsim check {args.scheme}{segment} --seed {report.seed} "
        f"--samples {report.samples}{language_option(args)}"
    )
    emit(
        args,
        text=lambda: (
            (w("check.segment", name=args.segment) + "\n" if args.segment is not None else "")
            + f"{report}\n{w('check.repeat', command=command)}"
        ),
        data=report.to_dict,
        verdict=_verdict(report, passed),
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0 if passed else 1


def _verdict(report: Any, passed: bool) -> str:
    """``PASS: 3 of 3 principles hold`` or ``FAIL: ratio (2 of 3 principles hold)`` (in the
    report's language)."""
    w = words(report.language)
    held = sum(r.passed for r in report.results)
    failed = [w.get(f"principle.short.{r.name}", r.name) for r in report.results if not r.passed]
    counts = w("check.quiet.counts", held=held, total=len(report.results))
    warned = w("check.quiet.warned", n=len(report.warnings)) if report.warnings else ""
    if passed:
        return w("check.quiet.pass", counts=counts, warned=warned)
    return w(
        "check.quiet.fail",
        failed=", ".join(failed) or w("check.quiet.strict"),
        counts=counts,
        warned=warned,
    )


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
