"""The numbers behind a pay curve: pay along one KPI, its markers, each group's mean pay.

Nothing here draws; :mod:`motivsim.reporting.plot.curves` turns a :class:`CurveData` into a
picture, and the tests check a :class:`CurveData` against :meth:`Scheme.pay <motivsim.Scheme.pay>`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import numpy as np

from motivsim.checks import DEFAULT_SAMPLES as CHECK_SAMPLES
from motivsim.checks.ratio import PlanSplit, format_ratio, measure
from motivsim.errors import ArgumentError
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.reporting.plot.markers import (
    Marker,
    find_markers,
    format_number,
    marker_kind,
    marker_label,
    plan_crossing,
    substituter,
)
from motivsim.sampling.draws import MAX_SAMPLES
from motivsim.sampling.seeding import resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Kpi, Scheme
from motivsim.scheme.money import currency_suffix, currency_text
from motivsim.search.grid import kpi_grid, on_support, realistic_range
from motivsim.validation import check_int, did_you_mean

__all__ = ["CurveData", "GroupPay", "Region", "curve_data", "default_kpi", "typical_values"]

#: Points on the curve unless told otherwise.
DEFAULT_POINTS: Final = 401
#: Most points on a curve (a picture is a few thousand pixels wide).
MAX_POINTS: Final = 100_000
#: Monte Carlo samples behind the hitters' and non-hitters' mean pay: ``check``'s default, so
#: that with the same seed a picture shows the figure ``check`` prints.
DEFAULT_SAMPLES: Final = CHECK_SAMPLES
#: The x range covers the KPI distribution from this quantile to one minus it.
_TAIL: Final = 0.005
#: Markers are looked for up to this many times the x range beyond its high end.
_REACH: Final = 1.5


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch ``[start, stop]`` of the x axis where ``plan_met`` is ``met`` (or not)."""

    start: float
    stop: float
    met: bool

    def to_dict(self) -> dict[str, Any]:
        """The region as JSON-ready data."""
        return {"start": self.start, "stop": self.stop, "met": self.met}


@dataclass(frozen=True, slots=True)
class GroupPay:
    """Mean pay of managers who meet the plan and of those who do not: principle 1's figure
    (:func:`motivsim.checks.ratio.measure`), pooled over the team's manager-periods when the
    scheme has a team (``team``, ``managers``), else over one manager's KPI distributions.

    A mean is ``None`` when no sample fell in its group. ``ratio`` is principle 1's figure;
    ``basis`` says in words what it pools.
    """

    hitters_mean: float | None
    non_hitters_mean: float | None
    hitters_share: float
    samples: int
    seed: int
    min_ratio: float
    managers: int = 1
    team: bool = False
    basis: str = ""
    #: The scheme pays by the plan year (it reads earlier periods): these are one period's
    #: means, as a person's first, and principle 1's verdict is ``check``'s per plan year.
    first_period: bool = False

    @classmethod
    def of(
        cls,
        split: PlanSplit,
        min_ratio: float,
        period: str | None = None,
        language: str = DEFAULT_LANGUAGE,
        *,
        first_period: bool = False,
    ) -> GroupPay:
        """The group means of principle 1's figure ``split`` (``basis`` in ``language``)."""
        return cls(
            hitters_mean=split.met.mean if split.met.count else None,
            non_hitters_mean=split.missed.mean if split.missed.count else None,
            hitters_share=split.share_met or 0.0,
            samples=split.draws,
            seed=split.seed,
            min_ratio=min_ratio,
            managers=split.managers,
            team=split.team,
            basis=split.basis(period, language),
            first_period=first_period,
        )

    @classmethod
    def of_scheme(cls, scheme: Scheme, split: PlanSplit) -> GroupPay:
        """:meth:`of` with what ``scheme`` says: its ``min_ratio``, period and language, and
        whether it pays by the year (``first_period``)."""
        return cls.of(
            split,
            scheme.principles.min_ratio,
            scheme.period,
            scheme.language,
            first_period=bool(scheme.needs),
        )

    @property
    def ratio(self) -> float | None:
        """Hitters' mean over non-hitters' mean (``inf`` when non-hitters earn 0; ``None``
        when a group is empty or non-hitters earn less than nothing), as
        :func:`motivsim.checks.ratio.plan_ratio` computes it."""
        hit, miss = self.hitters_mean, self.non_hitters_mean
        if hit is None or miss is None or miss < 0:
            return None
        if miss == 0:
            return math.inf if hit > 0 else None
        return hit / miss

    def to_dict(self) -> dict[str, Any]:
        """The group means as JSON-ready data."""
        return {
            "hitters_mean": self.hitters_mean,
            "non_hitters_mean": self.non_hitters_mean,
            "hitters_share": self.hitters_share,
            "ratio": self.ratio,
            "min_ratio": self.min_ratio,
            "samples": self.samples,
            "seed": self.seed,
            "managers": self.managers,
            "team": self.team,
            "basis": self.basis,
            "first_period": self.first_period,
        }


@dataclass(frozen=True, slots=True, eq=False)
class CurveData:
    """Pay along one KPI (``x``, ``pay``: read-only arrays), the other KPIs held at ``fixed``.

    ``markers`` are the brackets, thresholds, caps and the plan line inside the x range;
    ``regions`` the stretches where the plan is met or not; ``groups`` the mean pay of each
    group over the KPI distributions (``None`` without ``plan_met`` or distributions).
    ``language`` is the language its picture and text are written in (the scheme's).
    """

    scheme: str
    kpi: Kpi
    x: np.ndarray = field(repr=False)
    pay: np.ndarray = field(repr=False)
    fixed: Mapping[str, float]
    markers: tuple[Marker, ...]
    regions: tuple[Region, ...]
    groups: GroupPay | None
    currency: str | None = None
    period: str | None = None
    language: str = DEFAULT_LANGUAGE

    @property
    def plan(self) -> Marker | None:
        """The plan line, if the plan switches inside the x range."""
        return next((m for m in self.markers if m.kind == "plan"), None)

    @property
    def discrete(self) -> bool:
        """Whether x holds only values a discrete KPI takes: whole numbers of a count KPI such
        as cars sold, or the observed values of an empirical one (drawn as steps)."""
        dist = self.kpi.distribution
        return bool(dist is not None and dist.is_discrete and on_support(dist, self.x).all())

    def __str__(self) -> str:
        lang = self.language
        w = words(lang)
        unit = f" ({currency_text(self.currency, lang)})" if self.currency else ""
        lines = [w("plot.curve.text", scheme=self.scheme, unit=unit, kpi=self.kpi.name)]
        if self.fixed:
            held = ", ".join(f"{k} = {format_number(v, lang)}" for k, v in self.fixed.items())
            lines.append(w("plot.curve.held", values=held))
        for m in self.markers:
            lines.append(
                w(
                    "plot.curve.marker",
                    kind=f"{marker_kind(m.kind, lang):<9}",
                    kpi=self.kpi.name,
                    x=format_number(m.x, lang),
                    label=marker_label(m, lang),
                )
            )
        if self.groups is not None:
            lines.append("  " + _groups_text(self.groups, self.currency, lang, self.period))
        for x in _sample_points(self):
            lines.append(
                w(
                    "plot.curve.point",
                    kpi=self.kpi.name,
                    x=f"{format_number(x, lang):>14}",
                    pay=w.num(_pay_at(self, x), ",.2f"),
                )
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Every number of the curve as JSON-ready data."""
        return {
            "scheme": self.scheme,
            "kpi": self.kpi.name,
            "currency": self.currency,
            "period": self.period,
            "fixed": dict(self.fixed),
            "x": self.x.tolist(),
            "pay": self.pay.tolist(),
            "markers": [m.to_dict() for m in self.markers],
            "regions": [r.to_dict() for r in self.regions],
            "groups": None if self.groups is None else self.groups.to_dict(),
        }


def curve_data(
    scheme: Scheme | str | Path,
    *,
    kpi: str | None = None,
    points: int = DEFAULT_POINTS,
    x_range: tuple[float, float] | None = None,
    values: Mapping[str, float] | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = 0,
) -> CurveData:
    """Pay against one KPI, the other KPIs at their typical values.

    Parameters
    ----------
    scheme : Scheme or path
        The scheme (or the path of its TOML file).
    kpi : str, optional
        The KPI on the x axis; default: :func:`default_kpi`.
    points : int
        Evenly spaced points (:func:`motivsim.search.grid.kpi_grid`). A discrete KPI is drawn
        at the values it takes: whole numbers for a count KPI, the observed values of an
        empirical one (at most ``points`` of them, evenly spread). Every marker is added too,
        so jumps are drawn where they happen (for a discrete KPI, those at values it takes).
    x_range : (float, float), optional
        The x axis; default: the KPI's ``min``/``max`` or its distribution from P0.5 to P99.5,
        widened to show markers up to 1.5 times further.
    values : mapping, optional
        Values of other KPIs (default: :meth:`Kpi.typical_value`).
    samples, seed : int
        Monte Carlo samples and seed of the hitters' and non-hitters' mean pay.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/dealership.toml")
    >>> data = curve_data(scheme, points=5)
    >>> [m.x for m in data.markers if m.kind == "bracket"]
    [7000000.0, 10000000.0, 13000000.0]
    """
    scheme = as_scheme(scheme, caller="curve_data")
    points = check_int("points", points, least=2, most=MAX_POINTS, noun="an integer")
    samples = check_int("samples", samples, least=0, most=MAX_SAMPLES, noun="an integer")
    x_name = kpi if kpi is not None else default_kpi(scheme)
    if x_name not in scheme.kpis:
        raise ArgumentError(
            f"{x_name!r} is not a KPI of scheme {scheme.name!r}" + did_you_mean(x_name, scheme.kpis)
        )
    x_kpi = scheme.kpis[x_name]
    fixed = _fixed_values(scheme, x_name, values or {})
    substitute = substituter(scheme, fixed)
    lo, hi = x_range if x_range is not None else _auto_range(scheme, x_kpi, substitute)
    _check_range(lo, hi)
    grid = kpi_grid(lo, hi, x_kpi.distribution, points=points, limit=points)
    markers = find_markers(scheme, x_name, grid, substitute)
    met, plan = plan_crossing(scheme, x_name, grid, substitute)
    if plan is not None:
        markers = tuple(sorted((*_without_plan(markers, plan), plan), key=lambda m: m.x))
    x = _with_markers(grid, markers, x_kpi)
    pay = np.asarray(_unbounded(scheme, x_kpi, x).pay({x_name: x, **fixed}), dtype=np.float64)
    if met is not None:
        met = plan_crossing(scheme, x_name, x, substitute)[0]
    return CurveData(
        scheme=scheme.name,
        kpi=x_kpi,
        x=_readonly(x),
        pay=_readonly(np.broadcast_to(pay, x.shape)),
        fixed=dict(fixed),
        markers=markers,
        regions=_regions(x, met),
        groups=group_pay(scheme, samples=samples, seed=seed) if met is not None else None,
        currency=scheme.currency,
        period=scheme.period,
        language=scheme.language,
    )


def default_kpi(scheme: Scheme) -> str:
    """The KPI a pay curve is drawn against when none is named.

    The first KPI that ``pay`` and ``plan_met`` both depend on; else the scheme's
    ``revenue_kpi``; else the first controllable KPI of ``pay``; else the first KPI of ``pay``.
    """
    plan = scheme.principles.plan_met
    if plan is not None:
        plan_kpis = scheme.kpis_of(plan)
        for name in scheme.pay_inputs:
            if name in plan_kpis:
                return name
    if scheme.revenue_kpi in scheme.pay_inputs:
        return str(scheme.revenue_kpi)
    controllable = [k for k in scheme.pay_inputs if scheme.kpis[k].controllable]
    if controllable or scheme.pay_inputs:
        return (controllable or list(scheme.pay_inputs))[0]
    return next(iter(scheme.kpis))


def typical_values(scheme: Scheme, names: Any = None) -> dict[str, float]:
    """Each KPI's :meth:`~motivsim.Kpi.typical_value` (those ``pay`` needs, or ``names``)."""
    out = {}
    for name in scheme.pay_inputs if names is None else names:
        value = scheme.kpis[name].typical_value()
        if value is None:
            raise ArgumentError(
                f"KPI {name!r} has no typical value or distribution to hold it at",
                hint=f"give it a value (values={{{name!r}: ...}}, or --at {name}=... on the "
                "command line), or add typical = ... to its [kpi] table",
            )
        out[name] = float(value)
    return out


def group_pay(
    scheme: Scheme | str | Path, *, samples: int = DEFAULT_SAMPLES, seed: int | None = 0
) -> GroupPay | None:
    """Mean pay of hitters and non-hitters: principle 1's figure.

    The draws are principle 1's (:func:`motivsim.checks.ratio.measure`: the team as declared,
    or one manager with the ``[kpi]`` distributions when the scheme has no team): with the
    same ``samples`` and ``seed``, the same means and ratio as ``motivsim check`` (and
    ``simulate --runs SAMPLES``). ``None`` when the scheme has no ``plan_met``, a needed KPI
    has no distribution, or ``samples`` is 0.
    """
    scheme = as_scheme(scheme, caller="group_pay")
    samples = check_int("samples", samples, least=0, most=MAX_SAMPLES, noun="an integer")
    plan = scheme.principles.plan_met
    if plan is None or samples == 0:
        return None
    if any(scheme.kpis[k].distribution is None for k in _needed_kpis(scheme)):
        return None
    seed = resolve_seed(seed)
    split = measure(scheme, samples=samples, seed=seed, detail=False)
    return GroupPay.of_scheme(scheme, split)


def _needed_kpis(scheme: Scheme) -> tuple[str, ...]:
    """The KPIs ``pay`` or ``plan_met`` depend on, in declaration order."""
    plan = scheme.principles.plan_met
    return scheme.kpis_of("pay", *([plan] if plan is not None else []))


def _fixed_values(scheme: Scheme, x_name: str, values: Mapping[str, float]) -> dict[str, float]:
    for name in values:
        if name not in scheme.kpis:
            raise ArgumentError(
                f"{name!r} is not a KPI of scheme {scheme.name!r}" + did_you_mean(name, scheme.kpis)
            )
    others = [k for k in _needed_kpis(scheme) if k != x_name]
    out = typical_values(scheme, [k for k in others if k not in values])
    out.update({k: float(v) for k, v in values.items() if k != x_name})
    return {k: out[k] for k in others if k in out}


def _auto_range(scheme: Scheme, kpi: Kpi, substitute: Any) -> tuple[float, float]:
    """The default x range: the KPI's realistic range for an axis (declared ``min``/``max``,
    else P0.5-P99.5 from 0 when 0 is near, else 0 to twice its typical value), widened."""
    span = realistic_range(kpi, tail=_TAIL, ends="declared", origin=True)
    bounds = span.bounds
    if bounds is None and span.low is not None and span.low == span.high and span.low != 0:
        bounds = (min(0.0, 2 * span.low), max(0.0, 2 * span.low))  # constant: 0 to twice it
    if bounds is None:
        raise ArgumentError(
            f"cannot choose an x range for KPI {kpi.name!r}: {span.reason}",
            hint="pass x_range=(low, high), or add a distribution to its [kpi] table",
        )
    lo, hi = bounds
    return lo, _widen(scheme, kpi.name, lo, hi, substitute)


def _widen(scheme: Scheme, x_name: str, lo: float, hi: float, substitute: Any) -> float:
    """``hi`` moved right to show (with a margin) markers up to 1.5 times beyond it."""
    far = kpi_grid(lo, lo + _REACH * (hi - lo), points=2 * DEFAULT_POINTS)
    xs = [m.x for m in find_markers(scheme, x_name, far, substitute)]
    plan = plan_crossing(scheme, x_name, far, substitute)[1]
    xs += [plan.x] if plan is not None else []
    beyond = [x for x in xs if x > hi]
    return max(beyond) + 0.1 * (max(beyond) - lo) if beyond else hi


def _unbounded(scheme: Scheme, kpi: Kpi, x: np.ndarray) -> Scheme:
    """``scheme``, or a copy without ``kpi``'s declared ``min``/``max`` when the sorted ``x``
    goes beyond them (the curve is widened past the declared range to show a marker there, or
    drawn over an ``x_range`` the caller chose; ``Scheme.pay`` refuses such values)."""
    if (kpi.min is None or x[0] >= kpi.min) and (kpi.max is None or x[-1] <= kpi.max):
        return scheme
    kpis = {**scheme.kpis, kpi.name: replace(kpi, min=None, max=None)}
    return replace(scheme, kpis=kpis)


def _without_plan(markers: tuple[Marker, ...], plan: Marker) -> tuple[Marker, ...]:
    """``markers`` less a threshold that is the plan condition itself, at the plan line."""
    condition = plan.label.removeprefix("plan: ")
    return tuple(
        m
        for m in markers
        if not (m.kind == "threshold" and m.label == condition and math.isclose(m.x, plan.x))
    )


def _with_markers(grid: np.ndarray, markers: tuple[Marker, ...], kpi: Kpi) -> np.ndarray:
    """``grid`` plus the markers inside it; on a grid of the values a discrete KPI takes,
    only markers at such values (a count KPI is never drawn at 9.5 cars)."""
    extra = np.asarray([m.x for m in markers if grid[0] <= m.x <= grid[-1]], dtype=np.float64)
    dist = kpi.distribution
    if dist is not None and dist.is_discrete and on_support(dist, grid).all():
        extra = extra[on_support(dist, extra)]
    return np.unique(np.concatenate([grid, extra]))


def _regions(x: np.ndarray, met: np.ndarray | None) -> tuple[Region, ...]:
    if met is None:
        return ()
    edges = np.flatnonzero(met[1:] != met[:-1]) + 1
    starts = np.concatenate([[0], edges])
    stops = np.concatenate([edges, [x.size]])
    return tuple(
        Region(float(x[a]), float(x[b] if b < x.size else x[-1]), bool(met[a]))
        for a, b in zip(starts, stops, strict=True)
    )


def _sample_points(data: CurveData) -> list[float]:
    """A few x values for the text form: the ends and each marker."""
    xs = {float(data.x[0]), float(data.x[-1])} | {m.x for m in data.markers}
    return sorted(xs)


def _pay_at(data: CurveData, x: float) -> float:
    idx = int(np.searchsorted(data.x, x))
    return float(data.pay[min(idx, data.x.size - 1)])


def _groups_text(
    groups: GroupPay,
    currency: str | None,
    language: str = DEFAULT_LANGUAGE,
    period: str | None = None,
) -> str:
    w = words(language)
    cur = currency_suffix(currency, language)

    def money(v: float | None) -> str:
        return w("none") if v is None else f"{w.num(v, ',.0f')}{cur}"

    if language == DEFAULT_LANGUAGE:
        who = "manager-periods" if groups.team else "managers"
    else:
        who = w.period(period).manager_periods() if groups.team else w("plot.managers")
    pooled = f" ({groups.basis})" if groups.team and groups.basis else ""
    if groups.first_period:
        pooled += w("plot.first_period", period=w.period(period).word)
    return w(
        "plot.groups",
        met=money(groups.hitters_mean),
        share=w.pct(groups.hitters_share, 0),
        who=who,
        missed=money(groups.non_hitters_mean),
        ratio=format_ratio(groups.ratio, language=language),
        pooled=pooled,
        limit=w.limit(groups.min_ratio),
    )


def _readonly(arr: np.ndarray) -> np.ndarray:
    out = np.array(arr, dtype=np.float64)
    out.flags.writeable = False
    return out


def _check_range(lo: Any, hi: Any) -> None:
    ok = all(isinstance(v, int | float | np.number) and not isinstance(v, bool) for v in (lo, hi))
    if not ok or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ArgumentError(
            f"x_range must be two finite numbers (low, high) with low < high, got {(lo, hi)!r}"
        )
