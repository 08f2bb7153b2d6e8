"""``motivsim explain``: the pay statement for given KPI values."""

from __future__ import annotations

import argparse
from decimal import Decimal
from fractions import Fraction
from typing import Any

from motivsim.cli.common import (
    add_language,
    add_output,
    add_scheme,
    check_out,
    emit,
    kpi_assignment,
    load_scheme,
    values_dict,
)
from motivsim.errors import ArgumentError
from motivsim.history.replay import replay
from motivsim.history.statement import history_statement
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.money import format_money

DESCRIPTION = (
    "Compute pay for one set of KPI values and print every step with its formula and value. "
    "Example: python -m motivsim explain schemes/dealership.toml выручка=12000000 продано_машин=11"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME NAME=VALUE ...``, ``--segment NAME``, ``--person NAME`` and ``--json``."""
    add_scheme(parser)
    who = parser.add_mutually_exclusive_group()
    who.add_argument(
        "--segment",
        metavar="NAME",
        help="a [[team.segment]] name: the statement with that segment's params "
        '(e.g. --segment "new hires")',
    )
    who.add_argument(
        "--person",
        metavar="NAME",
        help="a name of the team's roster: the statement with that person's params "
        '(e.g. --person "Anna Petrova")',
    )
    parser.add_argument(
        "--history",
        metavar="CSV",
        help="a person's actual periods (person, period and KPI columns): print their statement "
        "period by period, with what each period carries from the ones before",
    )
    parser.add_argument(
        "values",
        metavar="NAME=VALUE",
        nargs="*",
        type=kpi_assignment,
        help="KPI values, e.g. revenue=12_000_000 (omit to use each KPI's typical value)",
    )
    add_output(parser)
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Print the statement; 0 on success. KPIs not given stand at their typical values (the
    statement says which)."""
    check_out(args, args.scheme, args.history)
    scheme = load_scheme(args.scheme, args.lang)
    if args.history is not None:
        return _history(args, scheme)
    head, extra = "", {}
    w = words(scheme.language)
    lang = scheme.language
    if args.segment is not None:
        segment = scheme.team.segment(args.segment)
        scheme = scheme.segment_scheme(segment.name)
        own = ", ".join(f"{k} = {_number(v, lang)}" for k, v in segment.params)
        own = own or w("statement.segment.none")
        head = w("statement.segment", name=segment.name, params=own) + "\n"
        extra = {"segment": segment.name}
    elif args.person is not None:
        person = scheme.team.person(args.person)
        own = ", ".join(f"{k} = {_number(v, lang)}" for k, v in person.params)
        own = own or w("statement.person.none")
        scheme = scheme.person_scheme(person.name)
        head = w("statement.person", name=person.name, segment=person.segment, params=own) + "\n"
        extra = {"person": person.name, "segment": person.segment}
    statement = scheme.explain(values_dict(args.values))
    total = format_money(statement.total, statement.currency, statement.rounding, lang)
    emit(
        args,
        text=lambda: head + str(statement),
        data=lambda: {**statement.to_dict(), **extra},
        verdict=w("statement.verdict", amount=total),
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0


def _number(value: Fraction, language: str = DEFAULT_LANGUAGE) -> str:
    """A parameter value as written: ``250,000`` or ``0.05`` (Russian ``250 000``, ``0,05``)."""
    w = words(language)
    if value.denominator == 1:
        return w.num(value.numerator, ",")
    return w.localize(str(Decimal(value.numerator) / Decimal(value.denominator)))


def _history(args: argparse.Namespace, scheme: Any) -> int:
    """``--history``: the person's statement over their periods."""
    if args.values or args.segment is not None:
        raise ArgumentError(
            "--history takes the KPI values from the file",
            hint="leave out NAME=VALUE and --segment (the roster gives a person's segment)",
        )
    result = replay(scheme, args.history, exact=True)  # a statement: every step exact
    statement = history_statement(result, args.person)
    total = sum(result.pay[r] for r in range(result.size) if result.people[r] == statement.person)
    emit(
        args,
        text=lambda: str(statement),
        data=lambda: (
            {k: v for k, v in result.to_dict().items() if k != "rows"}
            | {
                "rows": [
                    row for row in result.to_dict()["rows"] if row["person"] == statement.person
                ]
            }
        ),
        verdict=words(scheme.language)(
            "hist.statement.verdict",
            person=statement.person,
            total=format_money(total, result.currency, result.rounding, scheme.language),
        ),
        inputs=[args.scheme, args.history],
        schemes=[scheme],
    )
    return 0
