"""The numbers behind a team's pay curves: one curve per segment when segments are paid by
parameters of their own, and the people of a roster paid otherwise than their segment.

A scheme whose team is all paid by one set of parameters has one curve
(:func:`~motivsim.reporting.plot.curve_data`); :func:`pay_curves_data` returns that curve then,
and a :class:`TeamCurves` otherwise. The sets of parameters are
:func:`motivsim.checks.ratio.plan_variants`'s, so that the picture, the check's pay by plan
attainment table and its per-person figures speak of the same segments and people.

When the plan is a KPI against each segment's own target (``revenue >= plan`` with a ``plan``
of each segment), the x axis is plan attainment, the KPI as a share of each one's own plan, so
that the curves can be compared; otherwise it is the KPI itself.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

import numpy as np

from motivsim.checks.ratio import (
    PlanSplit,
    PlanVariant,
    PlanVariants,
    format_ratio,
    measure,
    plan_met_of,
    plan_variants,
)
from motivsim.checks.targets import plan_level
from motivsim.errors import ArgumentError
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.reporting.plot.curve import (
    DEFAULT_POINTS,
    DEFAULT_SAMPLES,
    CurveData,
    GroupPay,
    Region,
    _check_range,
    curve_data,
    default_kpi,
    group_pay,
)
from motivsim.reporting.plot.markers import Marker, format_number
from motivsim.sampling.draws import MAX_SAMPLES
from motivsim.sampling.seeding import resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Kpi, Scheme
from motivsim.scheme.money import currency_text
from motivsim.search.grid import realistic_range
from motivsim.validation import check_int, did_you_mean

__all__ = [
    "MAX_BAND_SETS",
    "Band",
    "TeamCurves",
    "VariantCurve",
    "pay_curves_data",
    "team_curve_data",
]

#: Most distinct sets of people's own parameters evaluated for a band; a larger roster's band
#: spans the first ones in roster order, and says so.
MAX_BAND_SETS: Final = 400
#: Points of a band (every set of people's parameters is evaluated at each).
_BAND_POINTS: Final = 201
#: Two x positions closer than this (relative) are one.
_CLOSE: Final = 1e-9
#: A plan attainment axis runs to the highest ``1 - tail`` quantile of a segment's KPI.
_ATTAINMENT_TAIL: Final = 0.05


@dataclass(frozen=True, slots=True, eq=False)
class VariantCurve:
    """One curve of a team's picture: pay of one segment, or of people of a roster with their
    own parameters, against the KPI (``data``, computed with their scheme, x in KPI units).

    On the picture, x is ``data.x / scale``: ``scale`` is their plan level (the KPI value at
    which they meet their plan) on a plan attainment axis, else 1. ``label`` gives the
    parameters that set them apart (``annual_quota 400,000, on_target_pay 100,000``).
    """

    segment: str
    people: tuple[str, ...]
    name: str
    label: str
    scale: float
    data: CurveData

    @property
    def x(self) -> np.ndarray:
        """The curve's x on the picture's axis."""
        return self.data.x / self.scale

    @property
    def pay(self) -> np.ndarray:
        """Pay at each x (``data.pay``)."""
        return self.data.pay

    @property
    def options(self) -> dict[str, str]:
        """The keyword that makes :meth:`Scheme.pay <motivsim.Scheme.pay>` of the whole scheme
        pay as this curve does: ``{"segment": NAME}`` or ``{"person": NAME}``."""
        return {"person": self.people[0]} if self.people else {"segment": self.segment}

    def to_dict(self) -> dict[str, Any]:
        """The curve as JSON-ready data."""
        return {
            "segment": self.segment,
            "people": list(self.people),
            "name": self.name,
            "label": self.label,
            "scale": self.scale,
            "curve": self.data.to_dict(),
        }


@dataclass(frozen=True, slots=True, eq=False)
class Band:
    """Pay of a segment's people, each by their own parameters, from the lowest (``low``) to
    the highest (``high``) at each ``x`` of the picture: ``people`` people in ``sets``
    distinct sets of parameters (``of`` sets in the segment; more than :data:`MAX_BAND_SETS`
    are not all evaluated)."""

    segment: str
    x: np.ndarray = field(repr=False)
    low: np.ndarray = field(repr=False)
    high: np.ndarray = field(repr=False)
    people: int
    sets: int
    of: int

    def to_dict(self) -> dict[str, Any]:
        """The band as JSON-ready data."""
        return {
            "segment": self.segment,
            "x": self.x.tolist(),
            "low": self.low.tolist(),
            "high": self.high.tolist(),
            "people": self.people,
            "sets": self.sets,
            "of": self.of,
        }


@dataclass(frozen=True, slots=True, eq=False)
class TeamCurves:
    """A team's pay curves: one per segment (``segments``), one per set of people's own
    parameters of a small roster (``people``), or a band per segment for a large one
    (``bands``).

    ``attainment`` tells the x axis: plan attainment (1.0 is each one's own plan) or the KPI
    ``kpi``. ``markers`` are the rule changes every segment's curve has at the same x (in x
    units); ``regions`` where the plan is met, when it is the same x for every curve.
    ``groups`` is principle 1's figure, pooled over the team (as ``check`` measures it), and
    ``segment_ratios`` each segment's share of it (``check``'s per segment figures).
    """

    scheme: str
    kpi: Kpi
    attainment: bool
    segments: tuple[VariantCurve, ...]
    people: tuple[VariantCurve, ...] = ()
    bands: tuple[Band, ...] = ()
    markers: tuple[Marker, ...] = ()
    regions: tuple[Region, ...] = ()
    groups: GroupPay | None = None
    segment_ratios: Mapping[str, float | None] = field(default_factory=dict)
    keys: tuple[str, ...] = ()
    movers: int = 0
    currency: str | None = None
    period: str | None = None
    #: The language of the picture and the text form (the scheme's).
    language: str = DEFAULT_LANGUAGE

    @property
    def curves(self) -> tuple[VariantCurve, ...]:
        """Every curve: the segments', then the people's."""
        return self.segments + self.people

    @property
    def fixed(self) -> dict[str, dict[str, float]]:
        """The values the other KPIs are held at, per curve name (each segment's typical
        values unless given)."""
        return {c.name: dict(c.data.fixed) for c in self.curves}

    def with_split(self, split: PlanSplit, scheme: Scheme) -> TeamCurves:
        """The same curves with principle 1's figure ``split`` of ``scheme`` (the check's, in
        a report)."""
        groups = GroupPay.of_scheme(scheme, split)
        return replace(self, groups=groups, segment_ratios=_segment_ratios(split))

    def __str__(self) -> str:
        lang = self.language
        w = words(lang)
        unit = f" ({currency_text(self.currency, lang)})" if self.currency else ""
        axis = (
            w("plot.team.text.axis", kpi=self.kpi.name)
            if self.attainment
            else w("plot.team.kpi", kpi=self.kpi.name)
        )
        lines = [
            w(
                "plot.team.text",
                scheme=self.scheme,
                unit=unit,
                axis=axis,
                people=w("plot.team.text.people") if self.people else "",
            )
        ]
        for curve in self.curves:
            who = curve.name + (f" ({curve.segment})" if curve.people else "")
            held = ", ".join(f"{k} = {format_number(v, lang)}" for k, v in curve.data.fixed.items())
            plan = (
                w("plot.team.text.plan", kpi=self.kpi.name, x=format_number(curve.scale, lang))
                if self.attainment
                else ""
            )
            lines.append(
                f"  {who}: {curve.label}{plan}"
                + (w("plot.team.text.held", values=held) if held else "")
            )
            for x in _sample_x(curve, self.attainment):
                kpi = x * curve.scale
                shown = w.pct(x, 0) if self.attainment else format_number(x, lang)
                value = float(np.interp(x, curve.x, curve.pay))
                point = w(
                    "plot.curve.point",
                    kpi=self.kpi.name,
                    x=f"{format_number(kpi, lang):>14}",
                    pay=w.num(value, ",.2f"),
                )
                lines.append(f"    {shown:>14}{point}")
        for band in self.bands:
            lines.append(
                w(
                    "plot.team.text.band",
                    segment=band.segment,
                    people=f"{band.people:,} people"
                    if lang == DEFAULT_LANGUAGE
                    else w.count(band.people, "person"),
                    low=w.num(band.low.min(), ",.0f"),
                    high=w.num(band.high.max(), ",.0f"),
                )
            )
        if self.groups is not None:
            lines.append(
                w(
                    "plot.team.text.p1",
                    ratio=format_ratio(self.groups.ratio, language=lang),
                    basis=self.groups.basis,
                )
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Every number of the picture as JSON-ready data."""
        return {
            "scheme": self.scheme,
            "kpi": self.kpi.name,
            "axis": "attainment" if self.attainment else "kpi",
            "currency": self.currency,
            "period": self.period,
            "segments": [c.to_dict() for c in self.segments],
            "people": [c.to_dict() for c in self.people],
            "bands": [b.to_dict() for b in self.bands],
            "markers": [m.to_dict() for m in self.markers],
            "regions": [r.to_dict() for r in self.regions],
            "groups": None if self.groups is None else self.groups.to_dict(),
            "segment_ratios": dict(self.segment_ratios),
            "keys": list(self.keys),
            "movers": self.movers,
        }


def pay_curves_data(
    scheme: Scheme | str | Path,
    *,
    kpi: str | None = None,
    points: int = DEFAULT_POINTS,
    x_range: tuple[float, float] | None = None,
    values: Mapping[str, float] | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = 0,
) -> CurveData | TeamCurves:
    """The numbers of ``plot``'s pay-curve picture: :func:`team_curve_data` when the team is
    paid by several sets of parameters, else the one curve (:func:`curve_data`) of the set
    everyone is paid by (``[params]``, or the one segment's ``params``).

    With one curve, the hitters' and non-hitters' mean pay are principle 1's figure of the
    scheme as declared, as ever.
    """
    scheme = as_scheme(scheme, caller="pay_curves_data")
    variants = plan_variants(scheme)
    if variants is None:
        return curve_data(
            scheme,
            kpi=kpi,
            points=points,
            x_range=x_range,
            values=values,
            samples=samples,
            seed=seed,
        )
    if len(variants.segments) == 1 and not variants.people:  # one segment, its own params
        own = variants.segments[0].scheme
        data = curve_data(
            own, kpi=kpi, points=points, x_range=x_range, values=values, samples=0, seed=seed
        )
        groups = group_pay(scheme, samples=samples, seed=seed) if data.regions else None
        return replace(data, groups=groups)
    return team_curve_data(
        scheme,
        kpi=kpi,
        points=points,
        x_range=x_range,
        values=values,
        samples=samples,
        seed=seed,
        variants=variants,
    )


def team_curve_data(
    scheme: Scheme | str | Path,
    *,
    kpi: str | None = None,
    points: int = DEFAULT_POINTS,
    x_range: tuple[float, float] | None = None,
    values: Mapping[str, float] | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = 0,
    variants: PlanVariants | None = None,
) -> TeamCurves:
    """One pay curve per segment of ``scheme``'s team, each with its own parameters
    (:meth:`Scheme.segment_scheme <motivsim.Scheme.segment_scheme>`), and the roster's people
    paid otherwise than their segment: a curve per distinct set of their parameters
    (:meth:`Scheme.person_scheme <motivsim.Scheme.person_scheme>`) up to
    :data:`~motivsim.checks.ratio.MAX_PERSON_CURVES` sets, else a band per segment.

    Parameters
    ----------
    scheme : Scheme or path
        The scheme (or the path of its TOML file).
    kpi : str, optional
        The KPI the curves run along; default: :func:`default_kpi`.
    points : int
        Points on each curve (:func:`curve_data`).
    x_range : (float, float), optional
        The x axis, in its own units: shares of the plan (``(0, 2)``: up to twice the plan)
        on a plan attainment axis, else the KPI. Default: every curve's own range, joined.
    values : mapping, optional
        Values of the other KPIs for every curve (default: each segment's typical values).
    samples, seed : int
        Draws and seed of principle 1's figure (:func:`motivsim.checks.ratio.measure`).
    variants : PlanVariants, optional
        :func:`motivsim.checks.ratio.plan_variants` of ``scheme``, when already known.

    The x axis is plan attainment when every curve's plan is the KPI reaching a level of its
    own and those levels differ; each curve's points are then the KPI at ``x * scale``.

    Raises
    ------
    ArgumentError
        The team is all paid by ``[params]`` (use :func:`curve_data`), or a wrong argument.

    Examples
    --------
    >>> import motivsim
    >>> team = team_curve_data(motivsim.load("schemes/saas_segments.toml"), samples=0)
    >>> team.attainment, [c.name for c in team.segments], [c.scale for c in team.segments]
    (True, ['SMB', 'mid-market', 'enterprise'], [100000.0, 250000.0, 600000.0])
    """
    scheme = as_scheme(scheme, caller="team_curve_data")
    samples = check_int("samples", samples, least=0, most=MAX_SAMPLES, noun="an integer")
    variants = plan_variants(scheme) if variants is None else variants
    if variants is None:
        raise ArgumentError(
            f"scheme {scheme.name!r}: the whole team is paid by [params], one curve shows it",
            hint="use curve_data(scheme)",
        )
    x_name = kpi if kpi is not None else default_kpi(scheme)
    if x_name not in scheme.kpis:
        raise ArgumentError(
            f"{x_name!r} is not a KPI of scheme {scheme.name!r}" + did_you_mean(x_name, scheme.kpis)
        )
    shown = variants.shown
    scales = _scales(shown, x_name)
    attainment = scales is not None
    each = scales or [1.0] * len(shown)
    if x_range is None:
        x_range = _joined_range(shown, each, x_name, values, attainment)
    _check_range(*x_range)
    lo, hi = (float(v) for v in x_range)
    curves = [
        VariantCurve(
            v.segment,
            v.people,
            v.name,
            variants.label(v),
            scale,
            curve_data(
                v.scheme,
                kpi=x_name,
                points=points,
                x_range=(lo * scale, hi * scale),
                values=values,
                samples=0,
            ),
        )
        for v, scale in zip(shown, each, strict=True)
    ]
    segments = tuple(curves[: len(variants.segments)])
    people = tuple(curves[len(variants.segments) :])
    markers = _shared_markers(segments)
    bands = (
        _bands(variants, x_name, (lo, hi), attainment, markers, segments) if variants.banded else ()
    )
    regions = _shared_regions(segments + people)
    groups, ratios = _figure(scheme, samples, seed)
    return TeamCurves(
        scheme=scheme.name,
        kpi=scheme.kpis[x_name],
        attainment=attainment,
        segments=segments,
        people=people,
        bands=bands,
        markers=markers,
        regions=regions,
        groups=groups,
        segment_ratios=ratios,
        keys=variants.keys,
        movers=variants.movers,
        currency=scheme.currency,
        period=scheme.period,
        language=scheme.language,
    )


def _scales(shown: tuple[PlanVariant, ...], x_name: str) -> list[float] | None:
    """Each variant's plan level along ``x_name`` when every plan is that KPI reaching a level
    of its own and the levels are not all equal (a plan attainment axis); else ``None``."""
    levels = []
    for variant in shown:
        own = variant.scheme
        level = plan_level(own, plan_met_of(own)) if own.principles.plan_met else None
        if level is None or level.kpi != x_name or not level.value > 0:
            return None
        levels.append(float(level.value))
    if all(math.isclose(v, levels[0], rel_tol=_CLOSE) for v in levels):
        return None
    return levels


def _joined_range(
    shown: tuple[PlanVariant, ...],
    scales: list[float],
    x_name: str,
    values: Mapping[str, float] | None,
    attainment: bool,
) -> tuple[float, float]:
    """Every curve's own default range (:func:`curve_data`), in x units, joined.

    On a plan attainment axis the curves' upper ends are not joined as they are (the widest
    segment would squeeze the others into the left of the picture): the axis runs to the
    highest 95th percentile of the KPI in a segment, or further to show every segment's
    rule changes, and at least to 150% of the plan."""
    lows, highs, marks = [], [], [1.5 if attainment else -math.inf]
    for variant, scale in zip(shown, scales, strict=True):
        edge = curve_data(variant.scheme, kpi=x_name, points=2, values=values, samples=0)
        lows.append(float(edge.x[0]) / scale)
        highs.append(float(edge.x[-1]) / scale)
        if attainment and not variant.people:
            span = realistic_range(
                variant.scheme.kpis[x_name], tail=_ATTAINMENT_TAIL, ends="declared", origin=True
            )
            if span.bounds is not None:
                marks.append(span.bounds[1] / scale)
            marks += [1.1 * m.x / scale for m in edge.markers]
    high = max(highs)
    if attainment:
        high = min(high, max(marks))
    return min(lows), high if high > min(lows) else max(highs)


def _shared_markers(curves: tuple[VariantCurve, ...]) -> tuple[Marker, ...]:
    """The markers every curve has at the same x (in x units), labelled as the first has it."""
    first, *rest = curves
    out = []
    for marker in first.data.markers:
        x = marker.x / first.scale
        if all(
            any(
                m.kind == marker.kind and m.label == marker.label and _near(m.x / c.scale, x)
                for m in c.data.markers
            )
            for c in rest
        ):
            out.append(replace(marker, x=x))
    return tuple(out)


def own_markers(curve: VariantCurve, shared: tuple[Marker, ...]) -> tuple[Marker, ...]:
    """The markers of ``curve`` not among the ``shared`` ones, in x units."""
    out = []
    for marker in curve.data.markers:
        x = marker.x / curve.scale
        if not any(m.kind == marker.kind and _near(m.x, x) for m in shared):
            out.append(replace(marker, x=x))
    return tuple(out)


def _shared_regions(curves: tuple[VariantCurve, ...]) -> tuple[Region, ...]:
    """Where the plan is met, in x units, when every curve meets it over the same x."""
    mapped = [
        tuple(Region(r.start / c.scale, r.stop / c.scale, r.met) for r in c.data.regions)
        for c in curves
    ]
    first = mapped[0]
    if not first:
        return ()
    for other in mapped[1:]:
        if len(other) != len(first) or not all(
            a.met == b.met and _near(a.start, b.start) and _near(a.stop, b.stop)
            for a, b in zip(first, other, strict=True)
        ):
            return ()
    return first


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def _figure(
    scheme: Scheme, samples: int, seed: int | None
) -> tuple[GroupPay | None, dict[str, float | None]]:
    """Principle 1's figure of the team as declared (:func:`group_pay`'s), and each segment's
    share of it."""
    if samples == 0 or not _drawable(scheme):
        return None, {}
    seed = resolve_seed(seed)
    split = measure(scheme, samples=samples, seed=seed, detail=False)
    return GroupPay.of_scheme(scheme, split), _segment_ratios(split)


def _drawable(scheme: Scheme) -> bool:
    """Whether principle 1 can be measured: a ``plan_met`` and distributions to draw."""
    plan = scheme.principles.plan_met
    if plan is None:
        return False
    needed = scheme.kpis_of("pay", plan)
    return all(scheme.kpis[k].distribution is not None for k in needed)


def _segment_ratios(split: PlanSplit) -> dict[str, float | None]:
    return {s.name: s.ratio for s in split.segments}


def _bands(
    variants: PlanVariants,
    x_name: str,
    x_range: tuple[float, float],
    attainment: bool,
    markers: tuple[Marker, ...],
    segments: tuple[VariantCurve, ...],
) -> tuple[Band, ...]:
    """Per segment, the lowest and highest pay of its people at each x, each person by their
    own parameters (their own plan level on a plan attainment axis); the x values include
    the shared markers and a point just before each, so that a jump there is upright."""
    lo, hi = x_range
    x = np.linspace(lo, hi, _BAND_POINTS)
    at = np.asarray([m.x for m in markers if lo < m.x <= hi], dtype=np.float64)
    x = np.unique(np.concatenate([x, at, at - 1e-9 * np.maximum(np.abs(at), 1.0)]))
    out = []
    for curve, segment in zip(segments, variants.segments, strict=True):
        members = [v for v in variants.people if v.segment == curve.segment]
        if not members:
            continue
        used = members[:MAX_BAND_SETS]
        fixed = {k: v for k, v in curve.data.fixed.items() if k != x_name}
        pays = []
        for variant in (segment, *used):
            own = variant.scheme
            scale = curve.scale
            if attainment and variant.people:
                level = plan_level(own, plan_met_of(own))
                if level is None or not level.value > 0:
                    continue
                scale = float(level.value)
            kpi = x * scale
            pay = own.pay({x_name: kpi, **_held(fixed, kpi)})
            pays.append(np.broadcast_to(np.asarray(pay, dtype=np.float64), x.shape))
        stacked = np.vstack(pays)
        out.append(
            Band(
                curve.segment,
                _readonly(x),
                _readonly(stacked.min(axis=0)),
                _readonly(stacked.max(axis=0)),
                people=sum(len(v.people) for v in used),
                sets=len(used),
                of=len(members),
            )
        )
    return tuple(out)


def _held(fixed: Mapping[str, float], like: np.ndarray) -> dict[str, np.ndarray]:
    return {k: np.full(like.shape, float(v)) for k, v in fixed.items()}


def _sample_x(curve: VariantCurve, attainment: bool) -> list[float]:
    """A few x values for the text form: the ends, and 50% to 150% of the plan."""
    lo, hi = float(curve.x[0]), float(curve.x[-1])
    inner = [v for v in (0.5, 1.0, 1.5) if lo < v < hi] if attainment else []
    return [lo, *inner, hi]


def _readonly(arr: np.ndarray) -> np.ndarray:
    out = np.array(arr, dtype=np.float64)
    out.flags.writeable = False
    return out
