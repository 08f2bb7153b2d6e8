"""``motivsim tune``: the parameter values, closest to the current ones, that make a plan pass."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from motivsim.checks import DEFAULT_SAMPLES as CHECK_SAMPLES
from motivsim.cli.common import (
    STDIN,
    add_dask,
    add_json,
    add_language,
    add_scheme,
    computing,
    json_text,
    language_option,
    load_scheme,
)
from motivsim.errors import ArgumentError
from motivsim.i18n import words
from motivsim.reporting.output import check_output, input_files, write_output
from motivsim.tuning import DEFAULT_MARGIN, DEFAULT_SAMPLES, TuneResult, tune
from motivsim.tuning.spec import parse_vary

DESCRIPTION = (
    "Find the values of some parameters, within the ranges given, that make the plan meet the "
    "three principles (with the scheme's thresholds), a target cost (--cost-of-sales or "
    "--payroll) and optional practice rules: of the plans that do, the one closest to the "
    "current parameters. Every candidate is paid on the same KPI draws; the figures reported "
    "are from a fresh seed. Exit 0 when every constraint holds, 1 when not (the report says "
    "which constraint binds), 2 for an invalid scheme or usage. --dask runs the search's "
    "independent candidates and the final check on a Dask cluster, with the same numbers. "
    "Example: python -m motivsim tune schemes/dealership.toml --vary base=0..60000 --seed 7"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--vary``, the target, the constraints, the seeds, ``--out``,
    ``--dask ...``."""
    add_scheme(parser)
    parser.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="NAME=LOW..HIGH",
        help="a [params] value to tune and its range, e.g. base=20000..60000 or "
        "rate_hi=1%%..4%%; repeat for several (at most 4)",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--cost-of-sales",
        metavar="SHARE",
        help="target payroll / revenue (the scheme's revenue_kpi), e.g. 12%% or 0.12; "
        "'current' keeps the plan's",
    )
    target.add_argument(
        "--payroll",
        metavar="AMOUNT",
        help="target payroll of the team per period, e.g. 1_500_000; 'current' keeps the plan's",
    )
    parser.add_argument(
        "--tolerance",
        default="0.5%",
        metavar="SHARE",
        help="relative tolerance of the target cost (default 0.5%%)",
    )
    parser.add_argument(
        "--keep",
        default="principles",
        metavar="WHICH",
        help="principles kept as constraints: principles (all three, the default), ratio, "
        "complexity, control, a comma-separated list, or none",
    )
    parser.add_argument(
        "--share-meeting-plan",
        metavar="LOW..HIGH",
        help="practice rule: the share of manager-periods meeting the plan, e.g. 60%%..70%% "
        "(60%%.. for at least 60%%)",
    )
    parser.add_argument(
        "--share-reaching",
        action="append",
        metavar="ATTAINMENT=LOW..HIGH",
        help="practice rule: the share of manager-periods whose plan KPI reaches ATTAINMENT of "
        "the plan's level, e.g. 70%%=85%%..95%% or 150%%=..15%% (at most 15%%); repeat for "
        "several; needs plan_met of the form kpi >= level",
    )
    parser.add_argument(
        "--samples",
        type=_count,
        default=DEFAULT_SAMPLES,
        metavar="N",
        help=f"manager-periods every candidate is paid on (default {DEFAULT_SAMPLES:,})",
    )
    parser.add_argument(
        "--seed", type=_seed, default=None, metavar="S", help="the search's seed (printed)"
    )
    parser.add_argument(
        "--check-samples",
        type=_count,
        default=CHECK_SAMPLES,
        metavar="N",
        help=f"check's samples for the final figures (default {CHECK_SAMPLES:,})",
    )
    parser.add_argument(
        "--check-seed",
        type=_seed,
        default=None,
        metavar="S",
        help="the fresh seed of the final figures (default: the search's seed + 1)",
    )
    parser.add_argument(
        "--margin",
        type=float,
        default=DEFAULT_MARGIN,
        metavar="Z",
        help="standard errors of check's figures by which principles 1 and 3 are cleared, so "
        f"that they hold with other seeds (default {DEFAULT_MARGIN:g}; 0: the thresholds)",
    )
    parser.add_argument(
        "--out",
        metavar="FILE.toml",
        help="write the tuned scheme: the input file's text with the new values of the varied "
        "[params] (nothing else changed); never over the input, nor over an existing file "
        "without --force",
    )
    parser.add_argument("--force", action="store_true", help="let --out replace an existing file")
    add_dask(parser)
    add_language(parser)
    add_json(parser)
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only the verdict, on one line"
    )


def run(args: argparse.Namespace) -> int:
    """Print the report (and write ``--out``); 0 when every constraint holds, else 1."""
    if args.out:
        _check_out(args)
    scheme = load_scheme(args.scheme, args.lang)
    vary: dict[str, str] = {}
    for item in args.vary:
        name, text = parse_vary(item)
        if name in vary:
            raise ArgumentError(f"--vary {name} is given twice", hint="give each parameter once")
        vary[name] = text
    with computing(args) as compute:
        result = tune(
            scheme,
            vary,
            cost_of_sales=args.cost_of_sales,
            payroll=args.payroll,
            tolerance=args.tolerance,
            keep=args.keep,
            share_meeting_plan=args.share_meeting_plan,
            share_reaching=args.share_reaching,
            samples=args.samples,
            seed=args.seed,
            check_samples=args.check_samples,
            check_seed=args.check_seed,
            margin=args.margin,
            executor=compute.executor,
        )
    wrote = _write(args, scheme, result) if args.out else None
    if args.quiet:
        print(result.verdict())
    elif args.json:
        data = result.to_dict() | {"out": wrote}
        print(json_text(data))
    else:
        print(result)
        print(_repeat(args, result))
        if args.out:
            w = words(scheme.language)
            print(w("tune.wrote" if wrote else "tune.not_written", out=args.out))
    return 0 if result.passed else 1


def _check_out(args: argparse.Namespace) -> None:
    inputs = [args.scheme] if args.scheme != STDIN else []
    target = check_output(args.out, inputs=inputs, suffixes=(".toml",))
    if target.exists() and not args.force:
        raise ArgumentError(
            f"--out {args.out!r} exists",
            hint="add --force to replace it, or choose another file name",
        )


def _write(args: argparse.Namespace, scheme: Any, result: TuneResult) -> str | None:
    """Write the tuned scheme file when a plan meets every constraint; its path, or None."""
    if not result.feasible:
        return None
    encoded = result.toml_text().encode("utf-8")
    inputs: list[str | Path] = [args.scheme] if args.scheme != STDIN else []
    inputs += list(input_files(scheme))
    write_output(args.out, lambda handle: handle.write(encoded), inputs=inputs, suffixes=(".toml",))
    return str(args.out)


def _repeat(args: argparse.Namespace, result: TuneResult) -> str:
    parts = ["python -m motivsim tune", shlex.quote(args.scheme)]
    parts += [f"--vary {shlex.quote(v)}" for v in args.vary]
    for option in ("cost_of_sales", "payroll", "share_meeting_plan"):
        value = getattr(args, option)
        if value is not None:
            parts.append(f"--{option.replace('_', '-')} {shlex.quote(value)}")
    parts += [f"--share-reaching {shlex.quote(v)}" for v in args.share_reaching or ()]
    if args.keep != "principles":
        parts.append(f"--keep {shlex.quote(args.keep)}")
    if args.tolerance != "0.5%":
        parts.append(f"--tolerance {shlex.quote(args.tolerance)}")
    if args.samples != DEFAULT_SAMPLES:
        parts.append(f"--samples {args.samples}")
    if args.check_samples != CHECK_SAMPLES:
        parts.append(f"--check-samples {args.check_samples}")
    if args.check_seed is not None:
        parts.append(f"--check-seed {args.check_seed}")
    if args.margin != DEFAULT_MARGIN:
        parts.append(f"--margin {args.margin:g}")
    parts.append(f"--seed {result.seed}")
    command = " ".join(parts) + language_option(args)
    return words(result.original.language)("check.repeat", command=command)


def _count(text: str) -> int:
    try:
        return int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _seed(text: str) -> int:
    value = _count(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"the seed must be >= 0, got {text!r}")
    return value
