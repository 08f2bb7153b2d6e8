"""The simulated distribution of a manager's pay and of the payroll: the numbers, then the picture.

The numbers come from :func:`motivsim.simulate` (run here, or passed in as ``result``). A
simulation keeps a quantile sketch of each amount, not the samples, so the histogram is drawn
from quantiles at evenly spaced probabilities: each carries the same share of the periods, and
a value many periods share (a base salary) shows as a tall bar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.reporting.periods import count, over, per
from motivsim.reporting.plot._mpl import (
    COLORS,
    axes_budget,
    char_budget,
    money_axis,
    pay_label,
    plain,
    require_matplotlib,
    short,
    wrap_text,
)
from motivsim.reporting.plot.markers import format_number
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.scheme.money import currency_suffix, currency_text
from motivsim.simulation import simulate
from motivsim.simulation.job import MAX_RUNS, check_work
from motivsim.validation import check_int

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = ["AmountDistribution", "DistributionData", "distribution_data", "pay_distribution"]

#: Probabilities at which quantiles are read for the histogram (P0.1 to P99.9).
PROBABILITIES: Final = np.linspace(0.001, 0.999, 999)
#: Periods simulated unless told otherwise.
DEFAULT_RUNS: Final = 20_000


@dataclass(frozen=True, slots=True, eq=False)
class AmountDistribution:
    """One simulated amount: ``quantiles`` at :data:`PROBABILITIES`, its mean, P5, P50, P95."""

    title: str
    mean: float
    p5: float
    p50: float
    p95: float
    quantiles: np.ndarray = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data (without the quantile grid)."""
        return {
            "title": self.title,
            "mean": self.mean,
            "p5": self.p5,
            "p50": self.p50,
            "p95": self.p95,
        }


@dataclass(frozen=True, slots=True, eq=False)
class DistributionData:
    """A manager's pay per period and the team's payroll per period, from one simulation."""

    scheme: str
    currency: str | None
    period: str | None
    runs: int
    seed: int
    managers: int
    manager: AmountDistribution
    payroll: AmountDistribution
    hitter_ratio: float | None = None
    share_meeting_plan: float | None = None
    #: Periods in each simulated run: above 1, one manager's pay is over all of them (a year
    #: with 12 monthly periods) and the payroll is per period.
    periods: int = 1
    #: The language of the picture and the text form (the scheme's).
    language: str = DEFAULT_LANGUAGE

    def __str__(self) -> str:
        lang = self.language
        w = words(lang)
        cur = currency_suffix(self.currency, lang)
        lines = [
            w(
                "plot.dist.text",
                scheme=self.scheme,
                runs=w("plot.dist.periods", n=w.count(self.runs, "period")),
                seed=self.seed,
            )
        ]
        for item in (self.manager, self.payroll):
            lines.append(
                w(
                    "plot.dist.text.item",
                    title=item.title,
                    mean=f"{format_number(item.mean, lang)}{cur}",
                    p5=format_number(item.p5, lang),
                    p50=format_number(item.p50, lang),
                    p95=format_number(item.p95, lang),
                )
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready data."""
        return {
            "scheme": self.scheme,
            "currency": self.currency,
            "runs": self.runs,
            "seed": self.seed,
            "managers": self.managers,
            "manager": self.manager.to_dict(),
            "payroll": self.payroll.to_dict(),
        }


def distribution_data(
    scheme: Scheme | str | Path,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int | None = 0,
    result: Any = None,
    workers: int = 1,
    executor: Executor | None = None,
) -> DistributionData:
    """The distribution of one manager's pay and of the payroll per period.

    Parameters
    ----------
    scheme : Scheme or path
        The scheme or the path of its TOML file (its KPI distributions, ``[team]`` and
        ``[correlation]`` are used).
    runs, seed : int
        Periods to simulate and the seed (ignored when ``result`` is given).
    result : SimulationResult, optional
        A finished simulation of ``scheme`` to take the figures from. Over several periods,
        one manager's pay is over all of them (``per year (12 months)``) and the team's
        payroll is per period; the titles say which.
    workers, executor : optional
        Where the simulation runs, as :func:`motivsim.simulate` takes them (threads, or a
        Dask cluster's executor: :mod:`motivsim.simulation.cluster`); the figures do not
        depend on them.

    Examples
    --------
    >>> import motivsim
    >>> data = distribution_data(motivsim.load("schemes/dealership.toml"))
    >>> data.manager.p5 < data.manager.p50 < data.manager.p95
    True
    """
    scheme = as_scheme(scheme, caller="distribution_data")
    if result is None:
        runs = check_int("runs", runs, least=1, most=MAX_RUNS)
        check_work(scheme.team.size, runs, 1, override=None)
        result = simulate(scheme, runs=runs, seed=seed, workers=workers, executor=executor)
    size = result.managers
    lang = scheme.language
    w = words(lang)
    team = (
        w("plot.dist.team", managers=w.count(size, "manager"))
        if size > 1
        else w("plot.dist.team.one")
    )
    periods = int(getattr(result, "periods", 1))
    manager_title = _manager_title(result, lang)
    if periods > 1:
        manager_title = f"{manager_title}, {over(scheme.period, periods, lang)}"
        team = f"{team}, {per(scheme.period, lang)}"
    return DistributionData(
        scheme=scheme.name,
        currency=scheme.currency,
        period=scheme.period,
        runs=result.runs,
        seed=result.seed,
        managers=size,
        manager=_amount(result, "manager", manager_title),
        payroll=_amount(result, "payroll", team),
        hitter_ratio=result.hitter_ratio,
        share_meeting_plan=result.share_meeting_plan,
        periods=periods,
        language=lang,
    )


def _manager_title(result: Any, language: str = DEFAULT_LANGUAGE) -> str:
    w = words(language)
    if result.managers == 1:
        if getattr(result, "periods", 1) > 1:
            return w("plot.dist.manager.alone.periods")
        return w("plot.dist.manager.alone")
    return w("plot.dist.manager")


def _amount(result: Any, of: str, title: str) -> AmountDistribution:
    summary = result.summary(of)
    quantiles = np.asarray(result.quantile(PROBABILITIES.tolist(), of=of), dtype=np.float64)
    quantiles.flags.writeable = False
    return AmountDistribution(title, summary.mean, summary.p5, summary.p50, summary.p95, quantiles)


def pay_distribution(
    scheme: Scheme | str | Path,
    *,
    runs: int = DEFAULT_RUNS,
    seed: int | None = 0,
    result: Any = None,
    fig: Any = None,
    workers: int = 1,
    executor: Executor | None = None,
) -> Any:
    """Draw histograms of a manager's pay and of the payroll, with mean, P5, P50 and P95 marked.

    ``runs``, ``seed``, ``result``, ``workers`` and ``executor`` are those of
    :func:`distribution_data` (``executor``: a Dask cluster's, say, to simulate on).

    Returns
    -------
    matplotlib.figure.Figure
        ``fig`` (with two axes added), or a new figure.

    Examples
    --------
    >>> import motivsim, motivsim.reporting.plot
    >>> scheme = motivsim.load("schemes/dealership.toml")
    >>> fig = motivsim.reporting.plot.pay_distribution(scheme)
    >>> fig.savefig("distribution.png")  # doctest: +SKIP
    """
    scheme = as_scheme(scheme, caller="pay_distribution")
    require_matplotlib()
    data = distribution_data(
        scheme, runs=runs, seed=seed, result=result, workers=workers, executor=executor
    )
    return draw_distribution(data, fig=fig)


def draw_distribution(data: DistributionData, *, fig: Any = None) -> Any:
    """Draw a :class:`DistributionData` on ``fig`` (a new pyplot figure when ``None``)."""
    require_matplotlib()
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(layout="constrained")
    fig.set_size_inches(10.0, 4.6 if data.managers == 1 else 7.6)
    lang = data.language
    w = words(lang)
    whole = over(data.period, data.periods, lang) if data.periods > 1 else None
    if data.managers == 1:  # the payroll is the one manager's pay: one chart says it all
        _histogram(fig.subplots(), data.manager, data, COLORS["pay"], whole)
    else:
        top, bottom = fig.subplots(2, 1)
        _histogram(top, data.manager, data, COLORS["pay"], whole)
        _histogram(bottom, data.payroll, data, COLORS["met"])
    runs = (
        w(
            "plot.dist.runs",
            runs=w.count(data.runs, "run"),
            periods=count(data.periods, data.period, lang),
        )
        if data.periods > 1
        else w("plot.dist.periods", n=w.count(data.runs, "period"))
    )
    fig.suptitle(
        plain(
            wrap_text(
                w("plot.dist.title", scheme=short(data.scheme), runs=runs, seed=data.seed),
                char_budget(fig.get_figwidth() * 0.98, 12),
            )
        ),
        x=0.01,
        ha="left",
        fontsize=12,
    )
    return fig


def _shown(name: str, value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """A quantile to four significant digits (a sketch's is within 0.01%), a mean to the unit."""
    if name.startswith("P") and np.isfinite(value) and value != 0:
        return "≈" + format_number(float(f"{value:.4g}"), language)
    return format_number(round(value), language)


def _histogram(
    ax: Any,
    item: AmountDistribution,
    data: DistributionData,
    color: str,
    whole: str | None = None,
) -> None:
    values = item.quantiles
    span = float(values[-1] - values[0]) or max(abs(float(values[0])), 1.0)
    edges = np.linspace(values[0] - 0.01 * span, values[-1] + 0.01 * span, 61)
    weights = np.full(values.size, 100.0 / values.size)
    ax.hist(values, bins=edges, weights=weights, color=color, alpha=0.55, edgecolor="white")
    lang = data.language
    w = words(lang)
    cur = currency_suffix(data.currency, lang)
    # P50 is labelled left of its line and the mean right of its own, so the two never collide
    marks = (
        ("P5", item.p5, ":", 1),
        ("P50", item.p50, "-", -1),
        ("mean", item.mean, "--", 1),
        ("P95", item.p95, ":", -1),
    )
    for name, value, style, side in marks:
        ax.axvline(value, color="#333333", linestyle=style, linewidth=1.3)
        shown = w("plot.dist.mean") if name == "mean" else name
        ax.annotate(
            plain(f"{shown} {_shown(name, value, lang)}{cur}"),
            xy=(value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3 * side, -4),
            textcoords="offset points",
            rotation=90,
            ha="left" if side > 0 else "right",
            va="top",
            fontsize=8,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
        )
    ax.set_title(plain(wrap_text(item.title, axes_budget(ax, 10))), loc="left", fontsize=10)
    if whole is None:
        ax.set_xlabel(pay_label(data.currency, data.period, lang))
        ax.set_ylabel(w("plot.dist.share_periods"))
    else:
        unit = f"{currency_text(data.currency, lang)} {whole}" if data.currency else whole
        ax.set_xlabel(
            plain(w("plot.pay_axis", unit=unit) if data.currency else f"{w('plot.pay')} {whole}")
        )
        ax.set_ylabel(w("plot.dist.share_runs"))
    money_axis(ax.xaxis, lang)
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
