"""``motivsim explain``: the pay statement for given KPI values."""

from __future__ import annotations

import argparse

from motivsim.cli.common import (
    add_json,
    add_scheme,
    kpi_assignment,
    load_scheme,
    print_json,
    values_dict,
)
from motivsim.errors import ArgumentError

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
    add_json(parser)


def run(args: argparse.Namespace) -> int:
    """Print the statement; 0 on success."""
    scheme = load_scheme(args.scheme)
    values = values_dict(args.values) or _typical(scheme)
    statement = scheme.explain(values)
    if args.json:
        print_json(statement.to_dict())
    else:
        print(statement)
    return 0


def _typical(scheme: object) -> dict[str, float]:
    out = {}
    for name in scheme.pay_inputs:  # type: ignore[attr-defined]
        value = scheme.kpis[name].typical_value()  # type: ignore[attr-defined]
        if value is None:
            raise ArgumentError(
                f"give KPI values, e.g. {name}=...; "
                f"KPI {name!r} has no typical value or distribution"
            )
        out[name] = value
    return out
