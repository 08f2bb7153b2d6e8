"""Pay curves drawn with matplotlib: of one scheme (:func:`pay_curve`) or two side by side."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from motivsim.errors import ArgumentError
from motivsim.reporting.plot._mpl import (
    COLORS,
    axes_budget,
    money_axis,
    new_axes,
    pay_label,
    plain,
    quantity_label,
    require_matplotlib,
    short,
    wrap_text,
)
from motivsim.reporting.plot.curve import (
    DEFAULT_POINTS,
    CurveData,
    GroupPay,
    curve_data,
    default_kpi,
)
from motivsim.reporting.plot.markers import Marker, format_number
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme

__all__ = ["compare_curves", "compare_data", "draw_compare", "draw_curve", "pay_curve"]

#: A light box behind labels, so that a line passing under them does not hide them.
_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8}


def pay_curve(
    scheme: Scheme | str | Path,
    *,
    kpi: str | None = None,
    ax: Any = None,
    points: int = DEFAULT_POINTS,
    values: Mapping[str, float] | None = None,
    x_range: tuple[float, float] | None = None,
    seed: int | None = 0,
) -> Any:
    """Draw pay against one KPI: brackets, thresholds, caps, the plan, each group's mean pay.

    The other KPIs are held at their typical values (or ``values``). The stretch where the plan
    is met is shaded green, the rest red, each with the mean pay of its managers over the KPI
    distributions, so principle 1 (hitters earn at least ``min_ratio`` times non-hitters) can be
    seen. The numbers are :func:`~motivsim.reporting.plot.curve_data`'s.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``, or the axes of a new figure.

    Examples
    --------
    >>> import motivsim
    >>> from motivsim.reporting import plot
    >>> ax = plot.pay_curve(motivsim.load("schemes/dealership.toml"))  # doctest: +SKIP
    >>> ax.figure.savefig("curve.png")  # doctest: +SKIP
    """
    scheme = as_scheme(scheme, caller="pay_curve")
    require_matplotlib()
    data = curve_data(scheme, kpi=kpi, points=points, values=values, x_range=x_range, seed=seed)
    return draw_curve(data, ax=ax)


def draw_curve(data: CurveData, *, ax: Any = None) -> Any:
    """Draw a :class:`~motivsim.reporting.plot.CurveData` on ``ax`` (a new figure when ``None``)."""
    ax = new_axes(ax)
    _shade_regions(ax, data)
    _plot_pay(ax, data, color=COLORS["pay"], label="pay", width=2.4)
    _draw_markers(ax, data.markers, data.x)
    _draw_means(ax, data)
    _frame(ax, data)
    ax.set_title(plain(wrap_text(_title(data), axes_budget(ax, 12))), loc="left", fontsize=12)
    _legend_below(ax, title=_ratio_text(data.groups))
    return ax


def _legend_below(ax: Any, *, title: str | None = None) -> None:
    """The legend in one row under the x axis, where it cannot hide the curve or a label."""
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncol=len(handles),
        fontsize=9,
        title=title,
        title_fontsize=9,
        frameon=False,
    )


def compare_data(
    old: Scheme | str | Path,
    new: Scheme | str | Path,
    *,
    kpi: str | None = None,
    points: int = DEFAULT_POINTS,
    x_range: tuple[float, float] | None = None,
    seed: int | None = 0,
) -> tuple[CurveData, CurveData]:
    """Both schemes' curves against the same KPI over one x range (the union of their ranges)."""
    old, new = as_scheme(old, "old"), as_scheme(new, "new")
    name = kpi if kpi is not None else default_kpi(new)
    if name not in old.kpis or name not in new.kpis:
        missing = old if name not in old.kpis else new
        raise ArgumentError(
            f"cannot compare: KPI {name!r} is not in scheme {missing.name!r}",
            hint="name a KPI both schemes have with --kpi (kpi=...)",
        )
    if x_range is None:
        a = curve_data(old, kpi=name, points=2, samples=0)
        b = curve_data(new, kpi=name, points=2, samples=0)
        x_range = (min(a.x[0], b.x[0]), max(a.x[-1], b.x[-1]))
    return (
        curve_data(old, kpi=name, points=points, x_range=x_range, seed=seed),
        curve_data(new, kpi=name, points=points, x_range=x_range, seed=seed),
    )


def compare_curves(
    old: Scheme | str | Path,
    new: Scheme | str | Path,
    *,
    kpi: str | None = None,
    ax: Any = None,
    points: int = DEFAULT_POINTS,
    x_range: tuple[float, float] | None = None,
    seed: int | None = 0,
) -> Any:
    """Draw an old and a new scheme's pay curves on one chart, each with its plan line.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import motivsim
    >>> from motivsim.reporting import plot
    >>> old, new = motivsim.load("old.toml"), motivsim.load("new.toml")  # doctest: +SKIP
    >>> plot.compare_curves(old, new).figure.savefig("compare.png")  # doctest: +SKIP
    """
    require_matplotlib()
    pair = compare_data(old, new, kpi=kpi, points=points, x_range=x_range, seed=seed)
    return draw_compare(*pair, ax=ax)


def draw_compare(old: CurveData, new: CurveData, *, ax: Any = None) -> Any:
    """Draw two :class:`~motivsim.reporting.plot.CurveData` on ``ax``: old dashed grey, new
    solid blue."""
    ax = new_axes(ax)
    plans: list[tuple[float, str, str]] = []
    for data, color, style, tag in (
        (old, COLORS["old"], "--", "old"),
        (new, COLORS["pay"], "-", "new"),
    ):
        ratio = data.groups.ratio if data.groups is not None else None
        extra = f" (hitters/non-hitters {_times(ratio)})" if ratio is not None else ""
        _plot_pay(
            ax,
            data,
            color=color,
            label=plain(f"{tag}: {short(data.scheme, 30)}{extra}"),
            width=2.2,
            style=style,
        )
        if data.plan is not None:
            ax.axvline(data.plan.x, color=color, linestyle=":", linewidth=1.4)
            plans.append((data.plan.x, f"{tag} plan", color))
    if len(plans) == 2 and abs(plans[0][0] - plans[1][0]) <= 1e-9 * max(abs(plans[0][0]), 1.0):
        plans = [(plans[1][0], "plan (both)", COLORS["plan"])]
    for x, text, color in plans:
        _top_label(ax, x, plain(text), color)
    _frame(
        ax,
        new,
        low_pay=float(min(np.nanmin(old.pay), np.nanmin(new.pay))),
        high_pay=float(max(np.nanmax(old.pay), np.nanmax(new.pay))),
        labels=tuple(Marker(x, "plan", text, "") for x, text, _ in plans),
    )
    ax.set_title(
        plain(
            wrap_text(
                f"{short(old.scheme, 30)} → {short(new.scheme, 30)}: pay against {new.kpi.name}\n"
                f"{_difference(old, new)}",
                axes_budget(ax, 11),
            )
        ),
        loc="left",
        fontsize=11,
    )
    _legend_below(ax)
    return ax


def _difference(old: CurveData, new: CurveData) -> str:
    """``new minus old: from -20,000 to 100,000`` over the x values both curves have."""
    common, i_old, i_new = np.intersect1d(old.x, new.x, return_indices=True)
    if common.size == 0:
        return ""
    diff = new.pay[i_new] - old.pay[i_old]
    cur = f" {new.currency}" if new.currency else ""
    low, high = (format_number(round(float(v))) for v in (diff.min(), diff.max()))
    return f"new minus old: from {low} to {high}{cur}"


# -- pieces -------------------------------------------------------------------------------------
def _plot_pay(
    ax: Any, data: CurveData, *, color: str, label: str, width: float, style: str = "-"
) -> None:
    if data.discrete:
        ax.step(
            data.x,
            data.pay,
            where="post",
            color=color,
            linewidth=width,
            linestyle=style,
            label=label,
        )
        ax.plot(data.x, data.pay, "o", color=color, markersize=3.5)
    else:
        ax.plot(data.x, data.pay, color=color, linewidth=width, linestyle=style, label=label)


def _shade_regions(ax: Any, data: CurveData) -> None:
    shares = _shares(data.groups)
    seen: set[bool] = set()
    for region in data.regions:
        color = COLORS["met"] if region.met else COLORS["missed"]
        label = None
        if region.met not in seen:
            label = ("plan met" if region.met else "plan not met") + shares[region.met]
            seen.add(region.met)
        ax.axvspan(region.start, region.stop, color=color, alpha=0.09, linewidth=0, label=label)


def _shares(groups: GroupPay | None) -> dict[bool, str]:
    if groups is None:
        return {True: "", False: ""}
    share = groups.hitters_share
    return {True: f" ({share:.0%} of managers)", False: f" ({1 - share:.0%} of managers)"}


def _draw_means(ax: Any, data: CurveData) -> None:
    groups = data.groups
    if groups is None:
        return
    currency = f" {data.currency}" if data.currency else ""
    for region in data.regions:
        mean = groups.hitters_mean if region.met else groups.non_hitters_mean
        if mean is None:
            continue
        color = COLORS["met"] if region.met else COLORS["missed"]
        who = "hitters'" if region.met else "non-hitters'"
        text = plain(f"{who} mean pay {format_number(round(mean))}{currency}")
        ax.hlines(mean, region.start, region.stop, colors=color, linestyles="--", linewidth=1.6)
        x, ha, above = _free_spot(data, region.start, region.stop, mean, len(text))
        ax.annotate(
            text,
            xy=(x, mean),
            xytext=(0, 4 if above else -4),
            textcoords="offset points",
            ha=ha,
            va="bottom" if above else "top",
            color=color,
            fontsize=9,
            fontweight="bold",
            bbox=_BOX,
        )


def _free_spot(
    data: CurveData, start: float, stop: float, y: float, chars: int
) -> tuple[float, str, bool]:
    """Where a label of ``chars`` characters on the line ``y`` covers the fewest curve points.

    Tries the middle, left and right of ``[start, stop]``, above then below the line; the label
    is about 0.6 em per character wide on an axes about 620 points wide, and 6% of the y range high.
    """
    span_x = float(data.x[-1] - data.x[0])
    width = min(chars * 9 * 0.6 / 620 * span_x, stop - start)
    height = 0.06 * (float(np.nanmax(data.pay)) * _headroom(data.markers))
    pad = 0.01 * span_x
    spots = [
        ((start + stop) / 2, "center", (start + stop - width) / 2),
        (start + pad, "left", start + pad),
        (stop - pad, "right", stop - pad - width),
    ]
    best: tuple[int, float, str, bool] | None = None
    for above in (True, False):
        low, high = (y, y + height) if above else (y - height, y)
        for x, ha, left in spots:
            pay = data.pay[(data.x >= left) & (data.x <= left + width)]
            seg_lo, seg_hi = np.minimum(pay[:-1], pay[1:]), np.maximum(pay[:-1], pay[1:])
            hits = int(np.count_nonzero((seg_lo <= high) & (seg_hi >= low)))
            if best is None or hits < best[0]:
                best = (hits, x, ha, above)
    assert best is not None
    return best[1], best[2], best[3]


def _draw_markers(ax: Any, markers: tuple[Marker, ...], x: np.ndarray) -> None:
    by_x: dict[float, list[Marker]] = {}
    for marker in markers:
        key = next((k for k in by_x if abs(k - marker.x) <= 1e-9 * max(abs(k), 1.0)), marker.x)
        by_x.setdefault(key, []).append(marker)
    for pos, group in by_x.items():
        for marker in group:
            style = {"bracket": ":", "threshold": "-.", "cap": "--", "floor": "--", "plan": "-"}[
                marker.kind
            ]
            width = 1.6 if marker.kind == "plan" else 1.1
            ax.axvline(pos, color=COLORS[marker.kind], linestyle=style, linewidth=width, alpha=0.9)
        main = next((m for m in group if m.kind == "plan"), group[0])
        _top_label(ax, pos, plain("\n".join(m.label for m in group)), COLORS[main.kind])


def _top_label(ax: Any, x: float, text: str, color: str) -> None:
    ax.annotate(
        text,
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-3, -4),
        textcoords="offset points",
        rotation=90,
        ha="right",
        va="top",
        fontsize=8,
        color=color,
        bbox=_BOX,
    )


def _frame(
    ax: Any,
    data: CurveData,
    *,
    low_pay: float | None = None,
    high_pay: float | None = None,
    labels: tuple[Marker, ...] | None = None,
) -> None:
    kpi = data.kpi
    ax.set_xlabel(quantity_label(kpi.name, kpi.unit, kpi.description))
    ax.set_ylabel(pay_label(data.currency, data.period))
    money_axis(ax.xaxis)
    money_axis(ax.yaxis)
    ax.set_xlim(float(data.x[0]), float(data.x[-1]))
    top = float(np.nanmax(data.pay)) if high_pay is None else high_pay
    if data.groups is not None:
        top = max(
            [top] + [v for v in (data.groups.hitters_mean, data.groups.non_hitters_mean) if v]
        )
    low = min(0.0, float(np.nanmin(data.pay)) if low_pay is None else low_pay)
    ax.set_ylim(
        low,
        low + (top - low) * _headroom(data.markers if labels is None else labels)
        if top > low
        else low + 1.0,
    )
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _headroom(markers: tuple[Marker, ...]) -> float:
    """How much taller than the curve the y axis is, so marker labels fit above the curve.

    A label at 8 points is about 4.8 points per character, on an axes about 330 points high.
    """
    longest = max((len(line) for m in markers for line in m.label.splitlines()), default=0)
    share = min((longest * 4.8 + 12) / 330, 0.45)
    return max(1.25, 1 / (1 - share))


def _title(data: CurveData) -> str:
    head = f"{short(data.scheme)}: pay against {data.kpi.name}"
    if data.fixed:
        held = ", ".join(f"{k} = {format_number(v)}" for k, v in data.fixed.items())
        head += f"\nother KPIs at typical values: {held}"
    return head


def _ratio_text(groups: GroupPay | None) -> str | None:
    if groups is None or groups.ratio is None:
        return None
    ratio = groups.ratio
    verdict = "holds" if ratio >= groups.min_ratio else "fails"
    return (
        f"hitters earn {_times(ratio)} non-hitters' mean pay; "
        f"principle 1 needs ≥ {groups.min_ratio:g}×: {verdict}"
    )


def _times(ratio: float | None) -> str:
    if ratio is None:
        return "n/a"
    return "∞×" if not np.isfinite(ratio) else f"{ratio:.2f}×"
