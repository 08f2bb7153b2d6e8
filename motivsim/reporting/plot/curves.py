"""Pay curves drawn with matplotlib: of one scheme (:func:`pay_curve`) or two side by side."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import numpy as np

from motivsim.checks.ratio import format_ratio
from motivsim.errors import ArgumentError
from motivsim.i18n import words
from motivsim.reporting.plot._mpl import (
    COLORS,
    FIGSIZE,
    axes_budget,
    money_axis,
    new_axes,
    pay_label,
    percent_axis,
    plain,
    quantity_label,
    require_matplotlib,
    short,
    wrap_text,
)
from motivsim.reporting.plot.curve import (
    DEFAULT_POINTS,
    DEFAULT_SAMPLES,
    CurveData,
    GroupPay,
    curve_data,
    default_kpi,
)
from motivsim.reporting.plot.markers import Marker, format_number, marker_label
from motivsim.reporting.plot.segments import TeamCurves, pay_curves_data
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.scheme.money import currency_suffix

__all__ = [
    "compare_curves",
    "compare_data",
    "draw_compare",
    "draw_curve",
    "draw_team_curves",
    "pay_curve",
    "team_height",
]

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
    samples: int = DEFAULT_SAMPLES,
) -> Any:
    """Draw pay against one KPI: brackets, thresholds, caps, the plan, each group's mean pay.

    When the team's segments (or the people of its roster) are paid by parameters of their
    own, one curve per segment and per set of people's parameters is drawn
    (:func:`~motivsim.reporting.plot.segments.pay_curves_data`, :func:`draw_team_curves`),
    against plan attainment when each has a plan of its own; else the one curve.

    The other KPIs are held at their typical values (or ``values``). The stretch where the plan
    is met is shaded green, the rest red, each with the mean pay of its managers over the KPI
    distributions (principle 1's figure: pooled over the team when the scheme has one; ``samples``
    draws with ``seed``, as ``check`` draws them), so principle 1 (hitters earn at least
    ``min_ratio`` times non-hitters) can be seen. The numbers are
    :func:`~motivsim.reporting.plot.curve_data`'s.

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
    data = pay_curves_data(
        scheme,
        kpi=kpi,
        points=points,
        values=values,
        x_range=x_range,
        seed=seed,
        samples=samples,
    )
    if isinstance(data, TeamCurves):
        return draw_team_curves(data, ax=ax)
    return draw_curve(data, ax=ax)


def draw_curve(data: CurveData, *, ax: Any = None) -> Any:
    """Draw a :class:`~motivsim.reporting.plot.CurveData` on ``ax`` (a new figure when ``None``)."""
    ax = new_axes(ax)
    lang = data.language
    _shade_regions(ax, data)
    _plot_pay(ax, data, color=COLORS["pay"], label=words(lang)("plot.pay"), width=2.4)
    _draw_markers(ax, data.markers, data.x, lang)
    _draw_means(ax, data)
    _frame(ax, data)
    ax.set_title(plain(wrap_text(_title(data), axes_budget(ax, 12))), loc="left", fontsize=12)
    _legend_below(ax, title=_ratio_text(data.groups, lang))
    return ax


#: Colours of the segments' curves (not the red and green of the plan's regions).
SEGMENT_COLORS: Final = (
    "#1f4e79",
    "#d95f02",
    "#7b3294",
    "#008b8b",
    "#a6761d",
    "#e7298a",
    "#4d4d4d",
    "#b8860b",
)
#: Line styles of the people's thin curves, in turn within a segment.
_PERSON_STYLES: Final = (
    (0, (5, 2)),
    (0, (1, 1.5)),
    (0, (7, 2, 1.5, 2)),
    (0, (3, 3)),
    (0, (1, 3)),
    (0, (9, 3)),
)


def draw_team_curves(data: TeamCurves, *, ax: Any = None) -> Any:
    """Draw a :class:`~motivsim.reporting.plot.segments.TeamCurves` on ``ax`` (a new figure
    when ``None``): a thick curve per segment, a thin one per set of people's own parameters
    (in their segment's colour) or a shaded band per segment, the rule changes all segments
    share, the plan's regions and principle 1's mean pay of the team."""
    ax = new_axes(ax)
    lang = data.language
    w = words(lang)
    _team_regions(ax, data)
    colors = {
        c.segment: SEGMENT_COLORS[i % len(SEGMENT_COLORS)] for i, c in enumerate(data.segments)
    }
    for band in data.bands:
        more = w("plot.band.more", n=w.num(band.sets, ",")) if band.sets < band.of else ""
        people = f"{band.people:,} people" if lang == "en" else w.count(band.people, "person")
        ax.fill_between(
            band.x,
            band.low,
            band.high,
            color=colors[band.segment],
            alpha=0.16,
            linewidth=0,
            label=plain(w("plot.band", segment=short(band.segment, 30), people=people, more=more)),
        )
    for curve in data.segments:
        _plot_line(
            ax,
            curve.x,
            curve.pay,
            curve.data.discrete,
            color=colors[curve.segment],
            label=_segment_label(data, curve),
            width=2.6,
        )
    turn: dict[str, int] = {}
    for curve in data.people:
        i = turn.get(curve.segment, 0)
        turn[curve.segment] = i + 1
        _plot_line(
            ax,
            curve.x,
            curve.pay,
            curve.data.discrete,
            color=colors[curve.segment],
            label=plain(f"{short(curve.name, 40)} ({short(curve.segment, 20)}): {curve.label}"),
            width=1.3,
            style=_PERSON_STYLES[i % len(_PERSON_STYLES)],
            dots=False,
        )
    lines = _lines(data)
    _draw_markers(ax, data.markers, lines[0][0], lang)
    _team_means(ax, data)
    _team_frame(ax, data, lines)
    ax.set_title(plain(wrap_text(_team_title(data), axes_budget(ax, 12))), loc="left", fontsize=12)
    _team_legend(ax, data)
    return ax


def team_height(ax: Any, height: float = FIGSIZE[1]) -> float:
    """A figure height (inches) for :func:`draw_team_curves`'s picture on ``ax``: ``height``,
    plus room for a title and legend longer than a single curve's (one line each)."""
    legend = ax.get_legend()
    rows = 0
    if legend is not None:
        columns = max(1, int(getattr(legend, "_ncols", 1)))
        rows = -(-len(legend.get_texts()) // columns)
        rows += legend.get_title().get_text().count("\n") + 1
    lines = ax.get_title(loc="left").count("\n") + 1
    return height + 0.19 * max(0, rows - 3) + 0.22 * max(0, lines - 2)


def _team_regions(ax: Any, data: TeamCurves) -> None:
    """The plan's regions, each labelled with its share and its mean pay (the dashed line of
    its colour): on a picture of several curves, a label on the line would hide one."""
    lang = data.language
    w = words(lang)
    shares = _shares(data.groups, data.period, lang)
    groups = data.groups
    currency = currency_suffix(data.currency, lang)
    seen: set[bool] = set()
    for region in data.regions:
        label = None
        if region.met not in seen:
            seen.add(region.met)
            label = w("plot.plan_met" if region.met else "plot.plan_missed") + shares[region.met]
            mean = None if groups is None else _mean_of(groups, region.met)
            if mean is not None:
                label += w(
                    "plot.dashed.met" if region.met else "plot.dashed.missed",
                    amount=f"{format_number(round(mean), lang)}{currency}",
                )
        color = COLORS["met"] if region.met else COLORS["missed"]
        ax.axvspan(
            region.start,
            region.stop,
            color=color,
            alpha=0.09,
            linewidth=0,
            label=plain(label or "") if label else None,
        )


def _mean_of(groups: GroupPay, met: bool) -> float | None:
    return groups.hitters_mean if met else groups.non_hitters_mean


def _team_means(ax: Any, data: TeamCurves) -> None:
    """Principle 1's mean pay of each group, a dashed line across its region (labelled in the
    legend, see :func:`_team_regions`)."""
    if data.groups is None:
        return
    for region in data.regions:
        mean = _mean_of(data.groups, region.met)
        if mean is not None:
            color = COLORS["met"] if region.met else COLORS["missed"]
            ax.hlines(mean, region.start, region.stop, colors=color, linestyles="--", linewidth=1.6)


def _segment_label(data: TeamCurves, curve: Any) -> str:
    """``SMB: annual_quota 400,000, on_target_pay 100,000 (hitters earn 1.62×)``."""
    w = words(data.language)
    ratio = data.segment_ratios.get(curve.segment) if data.segment_ratios else None
    figure = (
        w("plot.segment.ratio", ratio=_times(ratio, data.language)) if ratio is not None else ""
    )
    return plain(f"{short(curve.name, 30)}: {curve.label}{figure}")


def _team_title(data: TeamCurves) -> str:
    """Three lines at most: what is drawn against what, what the curves are, what is held."""
    w = words(data.language)
    against = (
        w("plot.team.attainment") if data.attainment else w("plot.team.kpi", kpi=data.kpi.name)
    )
    lines = [w("plot.team.title", scheme=short(data.scheme), against=against)]
    what = w("plot.team.what")
    if data.people:
        what += w("plot.team.what.people")
    elif data.bands:
        what += w("plot.team.what.bands")
    lines.append(what)
    held = _held_text(data)
    if held:
        lines.append(held)
    return "\n".join(lines)


def _held_text(data: TeamCurves) -> str:
    """``other KPIs at each segment's typical values: cars_sold = 8 (experienced), 5 (new
    hires)``, or at one set of values when they are the same for every curve."""
    lang = data.language
    w = words(lang)
    fixed = [(c.segment, dict(c.data.fixed)) for c in data.segments]
    if not fixed or not fixed[0][1]:
        return ""
    if all(f == fixed[0][1] for _, f in fixed):
        held = ", ".join(f"{k} = {format_number(v, lang)}" for k, v in fixed[0][1].items())
        return w("plot.held", values=held)
    parts = []
    for name in fixed[0][1]:
        each = ", ".join(
            f"{format_number(f[name], lang)} ({short(seg, 20)})" for seg, f in fixed if name in f
        )
        parts.append(f"{name} {each}")
    return w("plot.held.each", values="; ".join(parts))


def _team_frame(ax: Any, data: TeamCurves, lines: list[tuple[np.ndarray, np.ndarray]]) -> None:
    kpi = data.kpi
    lang = data.language
    if data.attainment:
        ax.set_xlabel(plain(words(lang)("plot.attainment_axis", kpi=kpi.name)))
        percent_axis(ax.xaxis, lang)
    else:
        ax.set_xlabel(quantity_label(kpi.name, kpi.unit, kpi.description))
        money_axis(ax.xaxis, lang)
    ax.set_ylabel(pay_label(data.currency, data.period, lang))
    money_axis(ax.yaxis, lang)
    ax.set_xlim(min(float(x[0]) for x, _ in lines), max(float(x[-1]) for x, _ in lines))
    top = max(float(np.nanmax(pay)) for _, pay in lines)
    low = min(0.0, min(float(np.nanmin(pay)) for _, pay in lines))
    if data.groups is not None:
        top = max(
            [top] + [v for v in (data.groups.hitters_mean, data.groups.non_hitters_mean) if v]
        )
    ax.set_ylim(low, low + (top - low) * _headroom(data.markers) if top > low else low + 1.0)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _team_legend(ax: Any, data: TeamCurves) -> None:
    """The legend under the x axis, in as many columns as its labels leave room for."""
    handles, labels = ax.get_legend_handles_labels()
    longest = max((len(t) for t in labels), default=0)
    budget = axes_budget(ax, 9)
    columns = max(1, min(len(labels), budget // max(longest + 6, 1)))
    title = _ratio_text(data.groups, data.language)
    if data.segment_ratios and title is not None:
        title += "\n" + words(data.language)("plot.ratio.segments")
    if title is not None:
        title = wrap_text(title, budget)
    ax.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncol=columns,
        fontsize=9,
        title=title,
        title_fontsize=9,
        frameon=False,
    )


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
        title=None if title is None else wrap_text(title, axes_budget(ax, 9)),
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
    samples: int = DEFAULT_SAMPLES,
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
        curve_data(old, kpi=name, points=points, x_range=x_range, seed=seed, samples=samples),
        curve_data(new, kpi=name, points=points, x_range=x_range, seed=seed, samples=samples),
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
    samples: int = DEFAULT_SAMPLES,
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
    pair = compare_data(
        old, new, kpi=kpi, points=points, x_range=x_range, seed=seed, samples=samples
    )
    return draw_compare(*pair, ax=ax)


def draw_compare(old: CurveData, new: CurveData, *, ax: Any = None) -> Any:
    """Draw two :class:`~motivsim.reporting.plot.CurveData` on ``ax``: old dashed grey, new
    solid blue."""
    ax = new_axes(ax)
    lang = new.language
    w = words(lang)
    plans: list[tuple[float, str, str]] = []
    for data, color, style, tag in (
        (old, COLORS["old"], "--", w("plot.compare.old")),
        (new, COLORS["pay"], "-", w("plot.compare.new")),
    ):
        ratio = data.groups.ratio if data.groups is not None else None
        extra = w("plot.compare.ratio", ratio=_times(ratio, lang)) if ratio is not None else ""
        _plot_pay(
            ax,
            data,
            color=color,
            label=plain(
                w("plot.compare.label", tag=tag, scheme=short(data.scheme, 30), extra=extra)
            ),
            width=2.2,
            style=style,
        )
        if data.plan is not None:
            ax.axvline(data.plan.x, color=color, linestyle=":", linewidth=1.4)
            plans.append((data.plan.x, w("plot.compare.plan", tag=tag), color))
    if len(plans) == 2 and abs(plans[0][0] - plans[1][0]) <= 1e-9 * max(abs(plans[0][0]), 1.0):
        plans = [(plans[1][0], w("plot.compare.both"), COLORS["plan"])]
    for x, text, color in plans:
        _top_label(ax, x, plain(text), color)
    _frame(
        ax,
        new,
        low_pay=float(min(np.nanmin(old.pay), np.nanmin(new.pay))),
        high_pay=float(max(np.nanmax(old.pay), np.nanmax(new.pay))),
        labels=tuple(Marker(x, "plan", text, "") for x, text, _ in plans),
    )
    title = w(
        "plot.compare.title", old=short(old.scheme, 30), new=short(new.scheme, 30), kpi=new.kpi.name
    )
    ax.set_title(
        plain(wrap_text(f"{title}\n{_difference(old, new)}", axes_budget(ax, 11))),
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
    lang = new.language
    cur = currency_suffix(new.currency, lang)
    low, high = (format_number(round(float(v)), lang) for v in (diff.min(), diff.max()))
    return words(lang)("plot.compare.difference", low=low, high=high, currency=cur)


# -- pieces -------------------------------------------------------------------------------------
def _plot_pay(
    ax: Any, data: CurveData, *, color: str, label: str, width: float, style: str = "-"
) -> None:
    _plot_line(
        ax, data.x, data.pay, data.discrete, color=color, label=label, width=width, style=style
    )


def _plot_line(
    ax: Any,
    x: np.ndarray,
    pay: np.ndarray,
    discrete: bool,
    *,
    color: str,
    label: str,
    width: float,
    style: Any = "-",
    dots: bool = True,
) -> None:
    """A curve: steps with a dot at each value a discrete KPI takes, else a line."""
    if discrete:
        ax.step(x, pay, where="post", color=color, linewidth=width, linestyle=style, label=label)
        if dots:
            ax.plot(x, pay, "o", color=color, markersize=3.5)
    else:
        ax.plot(x, pay, color=color, linewidth=width, linestyle=style, label=label)


def _shade_regions(ax: Any, data: CurveData | TeamCurves) -> None:
    w = words(data.language)
    shares = _shares(data.groups, data.period, data.language)
    seen: set[bool] = set()
    for region in data.regions:
        color = COLORS["met"] if region.met else COLORS["missed"]
        label = None
        if region.met not in seen:
            label = w("plot.plan_met" if region.met else "plot.plan_missed") + shares[region.met]
            seen.add(region.met)
        ax.axvspan(region.start, region.stop, color=color, alpha=0.09, linewidth=0, label=label)


def _shares(
    groups: GroupPay | None, period: str | None = None, language: str = "en"
) -> dict[bool, str]:
    if groups is None:
        return {True: "", False: ""}
    w = words(language)
    share = groups.hitters_share
    who = w.period(period).manager_periods() if groups.team else w("plot.managers")
    return {
        True: w("plot.share", share=w.pct(share, 0), who=who),
        False: w("plot.share", share=w.pct(1 - share, 0), who=who),
    }


def _draw_means(ax: Any, data: CurveData | TeamCurves) -> None:
    groups = data.groups
    if groups is None:
        return
    lang = data.language
    w = words(lang)
    currency = currency_suffix(data.currency, lang)
    for region in data.regions:
        mean = groups.hitters_mean if region.met else groups.non_hitters_mean
        if mean is None:
            continue
        color = COLORS["met"] if region.met else COLORS["missed"]
        text = plain(
            w(
                "plot.mean.hitters" if region.met else "plot.mean.non_hitters",
                team=w("plot.team") if groups.team else "",
                amount=f"{format_number(round(mean), lang)}{currency}",
            )
        )
        ax.hlines(mean, region.start, region.stop, colors=color, linestyles="--", linewidth=1.6)
        x, ha, above = _free_spot(
            _lines(data), data.markers, region.start, region.stop, mean, len(text)
        )
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


def _lines(data: CurveData | TeamCurves) -> list[tuple[np.ndarray, np.ndarray]]:
    """The ``(x, pay)`` of every curve drawn (and of each band's edges)."""
    if isinstance(data, CurveData):
        return [(data.x, data.pay)]
    return [(c.x, c.pay) for c in data.curves] + [
        edge for b in data.bands for edge in ((b.x, b.low), (b.x, b.high))
    ]


def _free_spot(
    lines: list[tuple[np.ndarray, np.ndarray]],
    markers: tuple[Marker, ...],
    start: float,
    stop: float,
    y: float,
    chars: int,
) -> tuple[float, str, bool]:
    """Where a label of ``chars`` characters on the line ``y`` covers the fewest curve points.

    Tries the middle, left and right of ``[start, stop]``, above then below the line; the label
    is about 0.6 em per character wide on an axes about 620 points wide, and 6% of the y range high.
    """
    first = min(float(x[0]) for x, _ in lines)
    span_x = max(float(x[-1]) for x, _ in lines) - first
    width = min(chars * 9 * 0.6 / 620 * span_x, stop - start)
    top = max(float(np.nanmax(pay)) for _, pay in lines)
    height = 0.06 * (top * _headroom(markers))
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
            hits = 0
            for xs, pays in lines:
                pay = pays[(xs >= left) & (xs <= left + width)]
                seg_lo, seg_hi = np.minimum(pay[:-1], pay[1:]), np.maximum(pay[:-1], pay[1:])
                hits += int(np.count_nonzero((seg_lo <= high) & (seg_hi >= low)))
            if best is None or hits < best[0]:
                best = (hits, x, ha, above)
    assert best is not None
    return best[1], best[2], best[3]


def _draw_markers(
    ax: Any, markers: tuple[Marker, ...], x: np.ndarray, language: str = "en"
) -> None:
    # markers closer than half a percent of the axis share one label (their labels would
    # overlap); each keeps its own line
    near = 0.005 * float(x[-1] - x[0]) if x.size > 1 else 0.0
    by_x: dict[float, list[Marker]] = {}
    for marker in markers:
        key = next(
            (k for k in by_x if abs(k - marker.x) <= max(1e-9 * max(abs(k), 1.0), near)),
            marker.x,
        )
        by_x.setdefault(key, []).append(marker)
    for pos, group in by_x.items():
        for marker in group:
            style = {"bracket": ":", "threshold": "-.", "cap": "--", "floor": "--", "plan": "-"}[
                marker.kind
            ]
            width = 1.6 if marker.kind == "plan" else 1.1
            ax.axvline(
                marker.x, color=COLORS[marker.kind], linestyle=style, linewidth=width, alpha=0.9
            )
        main = next((m for m in group if m.kind == "plan"), group[0])
        text = "\n".join(marker_label(m, language) for m in group)
        _top_label(ax, pos, plain(text), COLORS[main.kind])


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
    ax.set_ylabel(pay_label(data.currency, data.period, data.language))
    money_axis(ax.xaxis, data.language)
    money_axis(ax.yaxis, data.language)
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
    lang = data.language
    w = words(lang)
    head = w("plot.title", scheme=short(data.scheme), kpi=data.kpi.name)
    if data.fixed:
        held = ", ".join(f"{k} = {format_number(v, lang)}" for k, v in data.fixed.items())
        head += "\n" + w("plot.held", values=held)
    return head


def _ratio_text(groups: GroupPay | None, language: str = "en") -> str | None:
    if groups is None or groups.ratio is None:
        return None
    w = words(language)
    ratio = groups.ratio
    verdict = w("plot.holds" if ratio >= groups.min_ratio else "plot.fails")
    pooled = f"\n({groups.basis})" if groups.team and groups.basis else ""
    limit = f"{groups.min_ratio:g}×" if language == "en" else w.limit(groups.min_ratio)
    if groups.first_period:  # one period of a plan that pays by the year: no verdict here
        return w("plot.ratio.first", ratio=_times(ratio, language), pooled=pooled)
    return w(
        "plot.ratio",
        ratio=_times(ratio, language),
        limit=limit,
        verdict=verdict,
        pooled=pooled,
    )


def _times(ratio: float | None, language: str = "en") -> str:
    """``2.57×`` (``∞×``) in a picture; Russian ``в 2,57 раза``."""
    if language != "en":
        return words(language).times(ratio)
    if ratio is None:
        return "n/a"
    return "∞×" if not np.isfinite(ratio) else format_ratio(ratio, "×")
