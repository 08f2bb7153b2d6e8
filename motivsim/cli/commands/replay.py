"""``motivsim replay``: what the scheme pays on actual history, person by person."""

from __future__ import annotations

import argparse

from motivsim.cli.common import (
    STDIN,
    add_language,
    add_output,
    add_scheme,
    check_out,
    emit,
    load_scheme,
)
from motivsim.history.replay import replay
from motivsim.i18n import words
from motivsim.reporting.output import input_files, write_output
from motivsim.scheme.money import format_money

DESCRIPTION = (
    "Pay every row of a history (one row per person and period: person, period, one column per "
    "KPI) by the scheme, each person's periods in order with their own state (draws owed, pay "
    "so far this year). Example: python -m motivsim replay schemes/dealership.toml history.csv "
    "--out pay.csv"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME HISTORY``, ``--out FILE`` (``.csv``: one row per history row), ``--json``."""
    add_scheme(parser)
    parser.add_argument(
        "history",
        metavar="HISTORY",
        help="CSV file with columns person, period (1, 2, 3... or 2026-03) and one per KPI; "
        "columns named like parameters override them for their row",
    )
    add_output(parser)
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Print the per-person totals (or write every row to a ``.csv`` ``--out``); 0 on success."""
    check_out(args, args.scheme, args.history)
    scheme = load_scheme(args.scheme, args.lang)
    result = replay(scheme, args.history)
    total = sum(result.person_totals().values())
    w = words(scheme.language)
    verdict = w(
        "replay.verdict",
        rows=w.num(result.size, ","),
        total=format_money(total, result.currency, result.rounding, scheme.language),
    )
    out = args.out
    if out and out.lower().endswith(".csv") and not args.json:
        body = result.to_csv().encode("utf-8")
        inputs = [p for p in (args.scheme, args.history) if p != STDIN]
        inputs += [str(p) for p in input_files(scheme)]
        write_output(out, lambda handle: handle.write(body), inputs=inputs)
        print(verdict if args.quiet else f"{w('wrote', path=out)}: {verdict}")
        return 0
    emit(
        args,
        text=lambda: str(result),
        data=result.to_dict,
        verdict=verdict,
        inputs=[args.scheme, args.history],
        schemes=[scheme],
    )
    return 0
