"""``plot --kind fit``: each KPI of a history against the distribution fitted to it.

One panel per fitted KPI: bars for the rows of history in each bin, points and a line for the
rows the fitted distribution expects there (:meth:`motivsim.history.FitResult.histogram`), the
family and its parameters in the title, and the goodness-of-fit test's p-value, so that a head of
sales sees at a glance whether the model looks like last year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.reporting.plot._mpl import COLORS, money_axis, standalone_figure, wrap_text

if TYPE_CHECKING:
    from motivsim.history.fitresult import FitResult

__all__ = ["draw_fit"]


def draw_fit(result: FitResult, *, language: str = DEFAULT_LANGUAGE, bins: int = 30) -> Any:
    """A figure with one panel per KPI of ``result`` (its whole-history fit)."""
    w = words(language)
    marginals = [m for m in result.marginals if m.segment is None]
    fig = standalone_figure(nrows=0, figsize=(10.0, 3.4 * max(1, len(marginals))))
    axes = fig.subplots(max(1, len(marginals)), 1, squeeze=False)[:, 0]
    for ax, fit in zip(axes, marginals, strict=False):
        edges, observed, expected = result.histogram(fit.kpi, None, bins=bins)
        edges = np.asarray(edges, dtype=float)
        centers = (edges[:-1] + edges[1:]) / 2
        widths = np.diff(edges)
        ax.bar(
            centers,
            observed,
            width=widths * 0.9,
            color=COLORS["old"],
            alpha=0.6,
            label=w.get("fit.plot.history", "history"),
        )
        ax.plot(
            centers,
            expected,
            marker="o",
            markersize=3,
            color=COLORS["pay"],
            label=w.get(
                "fit.plot.fitted", "fitted: {family}", family=fit.family or fit.best or "?"
            ),
        )
        title = f"{fit.kpi}: {_describe(fit, w)}"
        if fit.test is not None and getattr(fit.test, "p_value", None) is not None:
            title += w.get("fit.plot.test", "; test p = {p}", p=w.num(fit.test.p_value, ".3f"))
        ax.set_title(wrap_text(title, 110), fontsize=10, loc="left")
        ax.set_ylabel(w.get("fit.plot.rows", "rows of history"))
        ax.set_xlabel(fit.kpi)
        if fit.kind == "continuous":
            money_axis(ax.xaxis, language)
        ax.legend(fontsize=8, loc="upper right")
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(
        w.get(
            "fit.plot.title",
            "{source}: {rows} rows, {people} people",
            source=result.source,
            rows=w.num(result.rows),
            people=w.num(result.people),
        ),
        fontsize=11,
    )
    return fig


def _describe(fit: Any, w: Any) -> str:
    """``lognormal(median=9,500,000, sigma=0.35)`` (numbers as the language writes them)."""
    table = fit.table or {}
    shown = "; ".join(f"{k}={_short(v, w)}" for k, v in table.items() if k != "type")
    return f"{table.get('type', fit.family or '?')}({shown})"


def _short(value: Any, w: Any) -> str:
    if isinstance(value, float | int) and not isinstance(value, bool):
        return w.num(value, ",.0f") if abs(value) >= 1_000 else w.num(value, ".4g")
    if isinstance(value, list | tuple):
        return w.count(len(value), "value")
    return str(value)
