"""``motivsim explain``: the pay statement for given KPI values."""

from __future__ import annotations

import argparse
from decimal import Decimal
from fractions import Fraction

from motivsim.cli.common import (
    add_output,
    add_scheme,
    check_out,
    emit,
    kpi_assignment,
    load_scheme,
    values_dict,
)
from motivsim.scheme.money import format_money

DESCRIPTION = (
    "Compute pay for one set of KPI values and print every step with its formula and value. "
    "Example: python -m motivsim explain schemes/dealership.toml выручка=12000000 продано_машин=11"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME NAME=VALUE ...``, ``--segment NAME`` and ``--json``."""
    add_scheme(parser)
    parser.add_argument(
        "--segment",
        metavar="NAME",
        help="a [[team.segment]] name: the statement with that segment's params "
        '(e.g. --segment "new hires")',
    )
    parser.add_argument(
        "values",
        metavar="NAME=VALUE",
        nargs="*",
        type=kpi_assignment,
        help="KPI values, e.g. revenue=12_000_000 (omit to use each KPI's typical value)",
    )
    add_output(parser)


def run(args: argparse.Namespace) -> int:
    """Print the statement; 0 on success. KPIs not given stand at their typical values (the
    statement says which)."""
    check_out(args, args.scheme)
    scheme = load_scheme(args.scheme)
    head, extra = "", {}
    if args.segment is not None:
        segment = scheme.team.segment(args.segment)
        scheme = scheme.segment_scheme(segment.name)
        own = ", ".join(f"{k} = {_number(v)}" for k, v in segment.params) or "none of its own"
        head, extra = f"Segment: {segment.name} (params: {own})\n", {"segment": segment.name}
    statement = scheme.explain(values_dict(args.values))
    total = format_money(statement.total, statement.currency, statement.rounding)
    emit(
        args,
        text=lambda: head + str(statement),
        data=lambda: {**statement.to_dict(), **extra},
        verdict=f"pay: {total}",
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0


def _number(value: Fraction) -> str:
    """A parameter value as written: ``250,000`` or ``0.05``."""
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return str(Decimal(value.numerator) / Decimal(value.denominator))
