"""``motivsim explain``: the pay statement for given KPI values."""

from __future__ import annotations

import argparse

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
    """``SCHEME NAME=VALUE ...`` and ``--json``."""
    add_scheme(parser)
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
    statement = scheme.explain(values_dict(args.values))
    total = format_money(statement.total, statement.currency, statement.rounding)
    emit(
        args,
        text=statement.__str__,
        data=statement.to_dict,
        verdict=f"pay: {total}",
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0
