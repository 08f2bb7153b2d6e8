"""``motivsim simulate``: Monte Carlo of the scheme's team: payroll, pay per manager, plan, caps."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from motivsim.cli.common import (
    add_dask,
    add_language,
    add_output,
    add_scheme,
    check_out,
    computing,
    emit,
    load_scheme,
)
from motivsim.i18n import words
from motivsim.scheme.money import format_money
from motivsim.simulation import simulate
from motivsim.simulation.gaming import DEFAULT_COST, DEFAULT_SHARE, simulate_gaming
from motivsim.simulation.job import MAX_WORK
from motivsim.simulation.summarize import with_principle_one

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from motivsim.scheme.model import Scheme

DESCRIPTION = (
    "Draw every manager's KPIs from their distributions (per [[team.segment]], correlated by "
    "[correlation]) for many runs and report the payroll per period (mean, P5, P50, P95, P99), "
    "pay per segment and per manager, the share meeting the plan, hitters vs non-hitters, the "
    "probability of hitting a cap and payroll as a share of revenue. The same --seed gives the "
    "same numbers whatever --workers (or --dask cluster). "
    "Example: python -m motivsim simulate schemes/team_dealership.toml --periods 12 "
    "--runs 100000 --seed 7"
)

#: Seconds a run must last before a progress bar appears (on a terminal only).
PROGRESS_DELAY = 0.5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``SCHEME``, ``--runs``, ``--periods``, ``--seed``, ``--workers``, ``--allow-long-run``,
    ``--dask ...`` and ``--json``."""
    add_scheme(parser)
    parser.add_argument(
        "--runs",
        type=int,
        default=10_000,
        metavar="N",
        help="simulated teams (default 10000)",
    )
    parser.add_argument(
        "--periods",
        type=int,
        default=1,
        metavar="N",
        help="periods per run; per-manager figures are totals over them (default 1)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        metavar="N",
        help="random seed, to repeat a run exactly (default: a fresh one, reported)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="threads to compute on (results do not depend on it; default 1)",
    )
    parser.add_argument(
        "--allow-long-run",
        action="store_true",
        help=f"allow more than {MAX_WORK:,} manager-periods (runs x periods x team size, "
        "a few minutes on one core); without it such a run is refused at once",
    )
    add_dask(parser)
    parser.add_argument(
        "--percentiles",
        type=percentile_list,
        default=(),
        metavar="P,P,...",
        help="also report these percentiles of the payroll per period and of one manager's pay, "
        "e.g. 10,25,75,90 (each above 0 and below 100)",
    )
    parser.add_argument(
        "--gaming",
        action="store_true",
        help="also simulate managers moving deals between periods when it pays them (up to "
        "--gaming-share of a period's amount, losing --gaming-cost of it), side by side",
    )
    parser.add_argument(
        "--gaming-share",
        type=share_value,
        default=DEFAULT_SHARE,
        metavar="SHARE",
        help="the most of a period's amount a manager moves (default "
        + f"{DEFAULT_SHARE * 100:.0f}%%)",
    )
    parser.add_argument(
        "--gaming-cost",
        type=share_value,
        default=DEFAULT_COST,
        metavar="SHARE",
        help=f"the share of a moved amount lost (default {DEFAULT_COST * 100:.0f}%%)",
    )
    add_output(parser)
    add_language(parser)


def share_value(text: str) -> float:
    """``23%`` or ``0.23`` -> 0.23 (argparse ``type=``)."""
    raw = text.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a share; write e.g. 23% or 0.23"
        ) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be a share from 0 to 100%")
    return value


def run(args: argparse.Namespace) -> int:
    """Print the simulation report (or JSON); 0 on success."""
    check_out(args, args.scheme)
    scheme = load_scheme(args.scheme, args.lang)
    with computing(args, threads=args.workers) as compute:
        return _report(args, scheme, workers=compute.workers, executor=compute.executor)


def _report(
    args: argparse.Namespace, scheme: Scheme, *, workers: int, executor: Executor | None
) -> int:
    """Simulate on ``executor`` (or on ``workers`` threads) and print the report (or JSON)."""
    label = words(scheme.language)("sim.progress")
    bar = ProgressBar(sys.stderr, label=label) if sys.stderr.isatty() else None
    try:
        result = simulate(
            scheme,
            runs=args.runs,
            periods=args.periods,
            seed=args.seed,
            workers=workers,
            executor=executor,
            progress=bar,
            allow_long_run=args.allow_long_run,
        )
    finally:
        if bar is not None:
            bar.close()
    result = with_principle_one(result, scheme)  # the figure check, plot and report show
    extra = _percentiles(result, args.percentiles)
    gaming = None
    if getattr(args, "gaming", False):
        gaming = simulate_gaming(
            scheme,
            runs=args.runs,
            periods=max(args.periods, 2),
            seed=result.seed,
            share=args.gaming_share,
            cost=args.gaming_cost,
        )
    emit(
        args,
        text=lambda: (
            str(result)
            + "".join(f"\n{line}" for line in _percentile_lines(extra, result))
            + ("" if gaming is None else f"\n\n{gaming}")
        ),
        data=lambda: (
            result.to_dict()
            | ({"percentiles": extra} if extra else {})
            | ({} if gaming is None else {"gaming": gaming.to_dict()})
        ),
        verdict=_verdict(result),
        inputs=[args.scheme],
        schemes=[scheme],
    )
    return 0


def percentile_list(text: str) -> tuple[float, ...]:
    """``10,25,75,90`` -> ``(10.0, 25.0, 75.0, 90.0)`` (argparse ``type=``)."""
    try:
        values = tuple(float(part) for part in text.replace("%", "").split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of percentiles; write e.g. 10,25,75,90"
        ) from None
    if not values or not all(0 < v < 100 for v in values):
        raise argparse.ArgumentTypeError(
            f"{text!r}: each percentile must be above 0 and below 100, e.g. 10,25,75,90"
        )
    return tuple(sorted(set(values)))


def _percentiles(result: Any, wanted: Sequence[float]) -> dict[str, dict[str, float]]:
    """``{"payroll": {"P10": ...}, "manager": {...}}`` (money rounded to cents), or ``{}``."""
    if not wanted:
        return {}
    out: dict[str, dict[str, float]] = {}
    for of in ("payroll", "manager"):
        values = result.quantile([p / 100 for p in wanted], of=of)
        out[of] = {f"P{p:g}": round(float(v), 2) for p, v in zip(wanted, values, strict=True)}
    return out


def _percentile_lines(extra: dict[str, dict[str, float]], result: Any = None) -> list[str]:
    language = getattr(result, "language", "en")
    w = words(language)
    return [
        w(
            f"sim.percentiles.{of}",
            values=w("list.sep").join(
                f"{k} {format_money(v, None, language=language)}" for k, v in figures.items()
            ),
        )
        for of, figures in extra.items()
    ]


def _verdict(result: Any) -> str:
    """One line: the payroll per period, its mean and its 5% to 95% range."""
    payroll = result.payroll
    language = getattr(result, "language", "en")
    return words(language)(
        "sim.verdict",
        mean=format_money(payroll.mean, result.currency, language=language),
        p5=format_money(payroll.p5, None, language=language),
        p95=format_money(payroll.p95, None, language=language),
        seed=result.seed,
    )


class ProgressBar:
    """``simulating [#####.....]  52%  4,368,000 / 8,400,000  1.2M/s  ETA 0:04`` on a terminal,
    after :data:`PROGRESS_DELAY`: manager-periods done and in all, manager-periods per second
    since the start, and the time left at that rate. A ``progress=`` callback of
    :func:`motivsim.simulate` (see docs/simulate.md)."""

    def __init__(self, stream: TextIO, *, width: int = 20, label: str = "simulating") -> None:
        self.stream, self.width, self.label = stream, width, label
        self.start, self.shown = time.monotonic(), float("-inf")
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self.start < PROGRESS_DELAY or (now - self.shown < 0.1 and done < total):
            return
        self.shown, self.drawn = now, True
        filled = self.width * done // total
        bar = "#" * filled + "." * (self.width - filled)
        elapsed = now - self.start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = _duration((total - done) / rate) if rate > 0 else "--:--"
        self.stream.write(
            f"\r{self.label} [{bar}] {done / total:4.0%}  {done:,} / {total:,}  "
            f"{_rate(rate)}/s  ETA {eta}\x1b[K"  # clear what a longer line left
        )
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _rate(per_second: float) -> str:
    """``950``, ``48k``, ``1.2M``: manager-periods per second, short."""
    if per_second >= 999_500:  # not "1000k"
        return f"{per_second / 1e6:.1f}M"
    if per_second >= 999.5:
        return f"{per_second / 1e3:.0f}k"
    return f"{per_second:.0f}"


def _duration(seconds: float) -> str:
    """``0:04``, ``12:30``, ``1:02:03``: a time left, rounded up to the second."""
    whole = int(-(-seconds // 1)) if seconds < 1e7 else 9_999_999
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
