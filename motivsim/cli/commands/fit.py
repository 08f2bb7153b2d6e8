"""``motivsim fit``: fit the KPI model of a scheme to actual history."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from motivsim.cli.common import (
    STDIN,
    add_json,
    add_language,
    check_seed,
    json_text,
    load_scheme,
)
from motivsim.comparison.fitcheck import fit
from motivsim.errors import ArgumentError
from motivsim.history.fitnote import Count
from motivsim.history.fitreport import fitted_path, refuse_target
from motivsim.history.fitresult import FitResult
from motivsim.i18n import Words, words
from motivsim.reporting.output import check_output, write_output

DESCRIPTION = (
    "Fit the KPI model to actual history (a CSV of person, period and one column per KPI; a "
    "segment column gives per-segment fits): each KPI's distribution (chosen by AIC, tested "
    "by Kolmogorov-Smirnov or chi-square), the rank correlation between KPIs, each KPI's "
    "persistence across a person's periods and its seasonality, each with a bootstrap interval "
    "over people. Prints a report and the [kpi.X] tables in the scheme's format; with "
    "--scheme, also checks that the fitted model reproduces the history's pay. Example: "
    "python -m motivsim fit schemes/dealership_year.csv --scheme schemes/dealership_roster.toml"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``HISTORY``, ``--scheme``, ``--kpi``, ``--out``, ``--into``, ``--force`` and the rest."""
    parser.add_argument(
        "history",
        metavar="HISTORY",
        help="CSV file with columns person, period (1, 2, 3... or 2026-03) and one per KPI; "
        "an optional segment column",
    )
    parser.add_argument(
        "--scheme",
        metavar="SCHEME",
        help="the scheme the history is paid by: its KPIs, plan year and roster (segments) are "
        "used, and the fitted model is checked against the history replayed by it",
    )
    parser.add_argument(
        "--kpi",
        action="append",
        metavar="NAME",
        help="a KPI column to fit (repeat for several; default: every KPI column)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE.toml",
        help="write the fitted tables (TOML, to paste into a scheme) to FILE",
    )
    parser.add_argument(
        "--into",
        metavar="SCHEME",
        help="write a copy of SCHEME with the fitted tables merged in, next to it "
        "(NAME.fitted.toml); SCHEME itself is never changed (implies --scheme SCHEME)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="let --into replace an existing NAME.fitted.toml",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="seed of the bootstraps (default 0: same input, same fit)",
    )
    parser.add_argument(
        "--bootstrap",
        type=int,
        default=400,
        metavar="N",
        help="resamples of the people for the intervals (default 400; 0: none)",
    )
    parser.add_argument(
        "--periods-per-year",
        type=int,
        metavar="N",
        help="periods in a plan year, without --scheme (default 12; 4 for 2026-Q1 periods)",
    )
    add_language(parser)
    add_json(parser)
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only one line: what was fitted"
    )


def run(args: argparse.Namespace) -> int:
    """Fit, print the report (or JSON), write ``--out`` and ``--into``; 0 on success."""
    check_seed(args.seed)
    scheme_path = args.scheme or args.into
    if args.into is not None:
        if args.into == STDIN:
            raise ArgumentError("--into needs a scheme file, not standard input")
        if args.scheme is not None and Path(args.scheme).resolve() != Path(args.into).resolve():
            raise ArgumentError(
                "--scheme and --into name different schemes",
                hint="--into SCHEME fits with that scheme; --scheme is then not needed",
            )
        refuse_target(Path(args.into), fitted_path(Path(args.into)), force=args.force)
    if args.force and args.into is None:
        raise ArgumentError("--force is for --into", hint="add --into SCHEME")
    inputs = [p for p in (args.history, scheme_path) if p and p != STDIN]
    if args.out:
        check_output(args.out, inputs=inputs, suffixes=(".toml",))
    plan = load_scheme(scheme_path, args.lang) if scheme_path else None
    result = fit(
        args.history,
        args.kpi,
        plan,
        seed=args.seed,
        bootstrap=args.bootstrap,
        periods_per_year=args.periods_per_year,
    )
    language = args.lang or (plan.language if plan is not None else "en")
    if language != result.language:
        result = replace(result, language=language)
    written = []
    if args.out:
        body = result.toml().encode("utf-8")
        write_output(
            args.out, lambda handle: handle.write(body), inputs=inputs, suffixes=(".toml",)
        )
        written.append(str(args.out))
    if args.into:
        written.append(str(result.write_into(args.into, force=args.force)))
    w = words(language)
    if args.quiet:
        print(_verdict(result, w) + "".join("; " + w("wrote", path=p) for p in written))
        return 0
    print(json_text(result.to_dict()) if args.json else str(result))
    for item in written:  # beside JSON on stdout, the files written are said on stderr
        print(w("wrote", path=item), file=sys.stderr if args.json else sys.stdout)
    return 0


def _verdict(result: FitResult, w: Words) -> str:
    """The ``-q`` line: ``fitted 96 rows (8 people): revenue lognormal, cars_sold poisson``."""
    families = ", ".join(
        f"{m.kpi} {m.family or w('fit.report.not_fitted')}" for m in result.marginals
    )
    return w(
        "fit.quiet",
        rows=Count(result.rows, "row", genitive=True, english_plural=True).text(w),
        people=Count(result.people, "person", english_plural=True).text(w),
        families=families,
    )
