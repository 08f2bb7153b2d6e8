"""``motivsim compare``: what changes from one scheme to another for the same KPI values."""

from __future__ import annotations

import argparse
from typing import Any

from motivsim.cli.common import (
    STDIN,
    add_dask,
    add_language,
    add_output,
    check_out,
    computing,
    emit,
    load_scheme,
)
from motivsim.comparison import compare
from motivsim.errors import ArgumentError
from motivsim.i18n import words

DESCRIPTION = (
    "Feed the same KPI draws (from OLD's distributions) to both schemes and report the change "
    "in expected pay per segment and in total payroll, the share of managers better and worse "
    "off, the largest pay cut found by search, and principles whose verdict changed. Each "
    "segment is paid with its own parameters; with a roster, each person with theirs, and the "
    "report names who loses most and who fails --max-cut. "
    "Exit 1 when --max-cut is given and some manager would lose more than that. --dask runs "
    "the principle checks of both schemes on a Dask cluster, with the same numbers. "
    "Example: python -m motivsim compare schemes/old.toml schemes/new.toml --max-cut 5%"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``OLD NEW``, ``--max-cut``, ``--samples``, ``--seed``, ``--no-principles``, ``--dask ...``,
    ``--json``."""
    parser.add_argument(
        "old", metavar="OLD", help="the scheme in force (TOML; - reads it from standard input)"
    )
    parser.add_argument(
        "new", metavar="NEW", help="the proposed scheme (TOML; - reads it from standard input)"
    )
    parser.add_argument(
        "--max-cut",
        type=share,
        metavar="PCT",
        help="exit 1 if some manager would lose more than this for the same results "
        "(e.g. 5%% or 0.05)",
    )
    parser.add_argument(
        "--among",
        type=percentile_band,
        metavar="PLOW..PHIGH",
        help="with --max-cut: gate only the sampled managers whose OLD pay lies between these "
        "percentiles (e.g. P10..P90); the largest cut found anywhere is still reported but no "
        "longer decides the gate",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=20_000,
        metavar="N",
        help="paired draws per segment (default 20,000; fewer for a roster paid many "
        "different ways, said in a note)",
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
    parser.add_argument(
        "--history",
        metavar="CSV",
        help="actual history (person, period and KPI columns): both plans replayed on it person "
        "by person; with --max-cut, a person losing more over it fails the gate",
    )
    add_dask(parser)
    add_output(parser)
    add_language(parser)


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


def percentile_band(text: str) -> tuple[float, float]:
    """``P10..P90`` -> ``(0.10, 0.90)`` (argparse ``type=``)."""
    low, sep, high = text.strip().upper().partition("..")
    try:
        if not sep or not low.startswith("P") or not high.startswith("P"):
            raise ValueError
        band = float(low[1:]) / 100, float(high[1:]) / 100
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a percentile band; write it as P10..P90"
        ) from None
    if not 0 <= band[0] < band[1] <= 1:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the percentiles must rise from P0 to P100, e.g. P10..P90"
        )
    return band


def run(args: argparse.Namespace) -> int:
    """Print the comparison; 1 when the ``--max-cut`` gate fails, else 0."""
    if args.among is not None and args.max_cut is None:
        raise ArgumentError(
            "--among selects whom the --max-cut gate applies to; give --max-cut too, "
            "e.g. --max-cut 5% --among P10..P90"
        )
    if args.old == args.new == STDIN:
        raise ArgumentError(
            "only one of OLD and NEW can be read from standard input (-); give the other as a file"
        )
    check_out(args, args.old, args.new, args.history)
    old, new = load_scheme(args.old, args.lang), load_scheme(args.new, args.lang)
    with computing(args) as compute:
        result = compare(
            old,
            new,
            samples=args.samples,
            seed=args.seed,
            max_cut=args.max_cut,
            among=args.among,
            principles=not args.no_principles,
            allow_different_units=args.allow_different_units,
            history=args.history,
            executor=compute.executor,
        )
    emit(
        args,
        text=result.__str__,
        data=result.to_dict,
        verdict=verdict(result),
        inputs=[args.old, args.new],
        schemes=[old, new],
    )
    return 1 if result.gate_failed else 0


def verdict(result: Any) -> str:
    """One line: the gate's verdict (``--max-cut``), else whether pay changed."""
    language = getattr(result, "language", "en")
    w = words(language)
    cut = result.largest_cut
    largest = (
        w("cmp.verdict.largest", share=w.pct(cut.share))
        if cut is not None
        else w("cmp.verdict.no_cut")
    )
    if cut is not None and cut.person is not None:
        largest += f" ({cut.person})"
    if result.max_cut is None:
        state = w("cmp.verdict.changed" if result.changed else "cmp.verdict.unchanged")
        return w("cmp.verdict", state=state, largest=largest)
    limit = "--max-cut " + w.localize(f"{result.max_cut * 100:g}%")
    state = w("cmp.fail" if result.gate_failed else "cmp.pass")
    people = result.people
    failing = (
        w(
            "cmp.verdict.failing",
            k=w.num(sum(p.fails for p in people), ","),
            n=w.num(len(people), ","),
        )
        if people
        else ""
    )
    band = result.among
    if band is None:
        return w("cmp.verdict.gate", state=state, limit=limit, largest=largest, failing=failing)
    return w(
        "cmp.verdict.among",
        state=state,
        limit=limit,
        band=band.label,
        over=w.pct(band.over),
        failing=failing,
        largest=largest,
    )
