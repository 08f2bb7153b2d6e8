"""``motivsim plot``: a pay curve, a pay distribution or two schemes' curves, saved to a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from motivsim.checks.ratio import format_ratio
from motivsim.cli.common import (
    Compute,
    add_dask,
    add_language,
    add_scheme,
    check_seed,
    computing,
    kpi_assignment,
    load_scheme,
    values_dict,
)
from motivsim.comparison.fitcheck import fit
from motivsim.errors import ArgumentError
from motivsim.i18n import words
from motivsim.reporting.output import check_output, input_files, write_output
from motivsim.reporting.plot import (
    CurveData,
    TeamCurves,
    compare_data,
    draw_compare,
    draw_curve,
    draw_team_curves,
    pay_curves_data,
    pay_distribution,
    require_matplotlib,
    team_height,
)
from motivsim.reporting.plot._mpl import standalone_figure
from motivsim.reporting.plot.curve import DEFAULT_SAMPLES, MAX_POINTS
from motivsim.reporting.plot.fit import draw_fit
from motivsim.sampling.draws import MAX_SAMPLES, MIN_SAMPLES

DESCRIPTION = (
    "Draw pay against a KPI (--kind curve, the default), the simulated distribution of a "
    "manager's pay and of the payroll (--kind distribution), or an old and a new scheme's "
    "curves on one chart (--kind compare OLD.toml NEW.toml). --dask runs the simulation of "
    "--kind distribution on a Dask cluster, with the same numbers. Needs matplotlib: "
    "pip install 'motivsim[plot]'. "
    "Example: python -m motivsim plot schemes/dealership.toml --out curve.png"
)

#: File suffixes matplotlib writes without extra packages.
FORMATS = (".png", ".svg", ".pdf")
#: The range of ``--dpi``: a 10 x 6 inch picture is 6,000 x 3,600 pixels at the top.
MIN_DPI, MAX_DPI = 10, 600


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME [NEW] --out FILE [--kind ...] [--kpi NAME] [--at NAME=VALUE] ...``."""
    add_scheme(parser)
    parser.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="with --kind compare: the new scheme (SCHEME is then the old one)",
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help="output file: .png, .svg or .pdf"
    )
    parser.add_argument(
        "--kind",
        choices=("curve", "distribution", "compare", "fit"),
        help="what to draw (default: curve for one scheme, compare for two; fit: each KPI of "
        "--history against the distribution fitted to it)",
    )
    parser.add_argument(
        "--history",
        metavar="CSV",
        help="with --kind fit: the history to fit (person, period and KPI columns)",
    )
    parser.add_argument("--kpi", metavar="NAME", help="KPI on the x axis (default: the plan's KPI)")
    parser.add_argument(
        "--at",
        metavar="NAME=VALUE",
        action="append",
        type=kpi_assignment,
        default=[],
        help="hold another KPI at this value instead of its typical value (repeatable)",
    )
    parser.add_argument(
        "--points",
        type=int,
        default=401,
        help=f"points on a curve (default 401, at most {MAX_POINTS:,})",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=20_000,
        help="simulated periods for --kind distribution (default 20,000)",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=DEFAULT_SAMPLES,
        metavar="N",
        help=f"draws behind the hitters' and non-hitters' mean pay on a curve: principle 1's "
        f"figure, as check --samples N measures it (default {DEFAULT_SAMPLES:,}, from "
        f"{MIN_SAMPLES:,} to {MAX_SAMPLES:,})",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--dpi",
        type=int,
        default=120,
        help=f"resolution of a PNG (default 120, from {MIN_DPI} to {MAX_DPI})",
    )
    add_dask(parser)
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Draw and save; 0 on success."""
    inputs = [args.scheme, args.new]
    suffix = Path(args.out).suffix.lower()
    if suffix not in FORMATS:
        raise ArgumentError(
            f"--out {args.out!r}: cannot tell the picture format; end the name with "
            + ", ".join(FORMATS)
        )
    check_output(args.out, inputs=inputs)
    if not MIN_DPI <= args.dpi <= MAX_DPI:
        raise ArgumentError(f"--dpi must be from {MIN_DPI} to {MAX_DPI}, got {args.dpi:,}")
    check_seed(args.seed)
    if not MIN_SAMPLES <= args.samples <= MAX_SAMPLES:
        raise ArgumentError(
            f"--samples must be from {MIN_SAMPLES:,} to {MAX_SAMPLES:,}, got {args.samples:,}"
        )
    kind = args.kind or ("compare" if args.new else "curve")
    if (kind == "fit") != bool(getattr(args, "history", None)):
        raise ArgumentError(
            "--kind fit draws a history: plot SCHEME --kind fit --history history.csv --out fit.png"
            if kind == "fit"
            else "--history is only used with --kind fit"
        )
    if (kind == "compare") != bool(args.new):
        raise ArgumentError(
            "--kind compare needs two schemes: plot OLD.toml NEW.toml --kind compare"
            if kind == "compare"
            else f"a second scheme ({args.new}) is only used with --kind compare"
        )
    if kind != "distribution" and args.dask is not None:
        raise ArgumentError(
            f"--dask runs the simulation of --kind distribution; --kind {kind} simulates "
            "nothing to spread over a cluster",
            hint="leave --dask out, or draw --kind distribution",
        )
    mpl = require_matplotlib()
    mpl.use("Agg")
    scheme = load_scheme(args.scheme, args.lang)
    with computing(args) as compute:
        figure, curves = _draw(kind, scheme, args, compute)
    inputs += input_files(scheme)
    write_output(
        args.out,
        lambda handle: figure.savefig(handle, dpi=args.dpi, format=suffix[1:]),
        inputs=inputs,
    )
    print(words(scheme.language)("wrote", path=args.out))
    for data in curves:
        if data.groups is not None:
            print(_principle_line(data, several=len(curves) > 1))
    return 0


def _draw(
    kind: str, scheme: Any, args: argparse.Namespace, compute: Compute
) -> tuple[Any, list[CurveData | TeamCurves]]:
    """The figure, and the curves drawn on it (none for a distribution); a distribution is
    simulated where ``compute`` says (``--dask``)."""
    if kind == "distribution":
        fig = standalone_figure(nrows=0)
        figure = pay_distribution(
            scheme,
            runs=args.runs,
            seed=args.seed,
            fig=fig,
            workers=compute.workers,
            executor=compute.executor,
        )
        return figure, []
    if kind == "fit":
        found = fit(args.history, scheme=scheme, seed=args.seed, check=False)
        return draw_fit(found, language=scheme.language), []
    fig = standalone_figure()
    ax = fig.axes[0]
    if kind == "compare":
        new = load_scheme(args.new, args.lang)
        pair = compare_data(
            scheme, new, kpi=args.kpi, points=args.points, seed=args.seed, samples=args.samples
        )
        draw_compare(*pair, ax=ax)
        return fig, list(pair)
    values = {k: float(v) for k, v in values_dict(args.at).items()}
    data = pay_curves_data(
        scheme,
        kpi=args.kpi,
        points=args.points,
        values=values,
        seed=args.seed,
        samples=args.samples,
    )
    if isinstance(data, TeamCurves):  # one curve per segment (and person): room for the legend
        draw_team_curves(data, ax=ax)
        fig.set_figheight(team_height(ax))
    else:
        draw_curve(data, ax=ax)
    return fig, [data]


def _principle_line(data: CurveData | TeamCurves, *, several: bool) -> str:
    """Principle 1's figure as the picture shows it, with what it pools (the same digits as
    ``check --samples N --seed S``)."""
    groups = data.groups
    assert groups is not None
    w = words(data.language)
    who = f"{data.scheme}: " if several else ""
    basis = groups.basis or w.count(groups.samples, "draw")
    if groups.first_period:  # check's figure of such a plan is per plan year, not this one
        return w(
            "plot.principle.first",
            who=who,
            ratio=format_ratio(groups.ratio, language=data.language),
            basis=basis,
        )
    return w(
        "plot.principle",
        who=who,
        ratio=format_ratio(groups.ratio, language=data.language),
        basis=basis,
        seed=groups.seed,
        samples=groups.samples,
    )
