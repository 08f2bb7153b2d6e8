"""Principle 1: those who meet the plan earn at least ``min_ratio`` times those who miss it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks.base import CheckContext, CheckResult, json_number
from motivsim.checks.stats import (
    GroupStats,
    Moments,
    TwoGroups,
    plan_ratio,
    ratio_interval,
    split_groups,
)
from motivsim.checks.targets import ATTAINMENT_POINTS, PlanLevel, attainment_table, plan_level
from motivsim.checks.years import YearSplit, measure_years, remembers
from motivsim.errors import Location, SchemeError
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.i18n.catalogue import MESSAGES
from motivsim.sampling.draws import (
    MAX_SAMPLES,
    condition_values,
    draw_kpis,
    require_distributions,
    typical_values,
)
from motivsim.sampling.seeding import BLOCK_SIZE, STREAM_RATIO, STREAM_SIMULATE, block_rng
from motivsim.sampling.segments import (
    Sampling,
    SegmentSamplers,
    draw_segment,
    drawn_kpis,
    require_drawn,
    sampling_for,
)
from motivsim.scheme.money import currency_text, format_money
from motivsim.scheme.team import Team
from motivsim.validation import check_int

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme, Step

__all__ = [
    "MAX_PERSON_CURVES",
    "MAX_PERSON_FIGURES",
    "NAME",
    "PRINCIPLE",
    "SEGMENT_TABLE_HEADING",
    "TITLE",
    "AttainmentPoint",
    "AttainmentTable",
    "GroupStats",
    "OwnFigure",
    "PlanSplit",
    "PlanVariant",
    "PlanVariants",
    "Profile",
    "Profiles",
    "RatioDetails",
    "SegmentSplit",
    "attainment_tables",
    "format_ratio",
    "group_stats",
    "has_team",
    "measure",
    "needs_of",
    "own_figures",
    "plan_met_of",
    "plan_ratio",
    "plan_variants",
    "ratio_interval",
    "run",
    "split_groups",
]

NAME: Final = "ratio"
PRINCIPLE: Final = 1
TITLE: Final = "Those who meet the plan earn at least {x}x those who miss it"
#: Below this many samples in a group, its mean is flagged as rough.
_FEW: Final = 30
#: Most distinct parameter sets of people shown one by one (a curve, a row of the pay by
#: attainment table); a roster with more is shown as a band (min..max) per segment.
MAX_PERSON_CURVES: Final = 12
#: Most people whose own principle-1 figure :func:`own_figures` (and ``check``) measures.
MAX_PERSON_FIGURES: Final = 300
#: How the note with the pay by plan attainment table per segment begins (a report shows
#: that note and the indented lines after it as a table).
SEGMENT_TABLE_HEADING: Final = "pay by plan attainment per "

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class AttainmentPoint:
    """Pay at one share of the plan: ``attainment`` (1.0 is the plan), KPI ``value``, ``pay``."""

    attainment: float
    value: float
    pay: float

    def to_dict(self) -> dict[str, float]:
        """JSON form."""
        return {"attainment": self.attainment, "value": self.value, "pay": self.pay}


@dataclass(frozen=True, slots=True)
class AttainmentTable:
    """Pay by plan attainment along KPI ``kpi`` (plan at ``plan_value``; ``others`` held).

    A table of one segment's (``segment``) or some people's (``people``) own parameters has
    them set (:func:`attainment_tables`); the scheme's own ``[params]`` table has neither.
    """

    kpi: str
    plan_value: float
    others: Mapping[str, float] = field(default_factory=FrozenMap)
    points: tuple[AttainmentPoint, ...] = ()
    segment: str | None = None
    people: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "others", frozen_mapping(self.others))
        object.__setattr__(self, "points", tuple(self.points))
        object.__setattr__(self, "people", tuple(self.people))

    @classmethod
    def of(cls, scheme: Scheme, level: PlanLevel) -> AttainmentTable:
        """The table of ``level``: pay at each of its points (:meth:`PlanLevel.points`)."""
        points = tuple(AttainmentPoint(a, v, p) for a, v, p in level.points(scheme))
        return cls(level.kpi, level.value, level.others, points)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``kpi``, ``plan_value``, ``others``, ``points``, and ``segment`` and
        ``people`` (``null`` and ``[]`` for the scheme's own ``[params]``)."""
        return {
            "kpi": self.kpi,
            "plan_value": self.plan_value,
            "others": dict(self.others),
            "points": [p.to_dict() for p in self.points],
            "segment": self.segment,
            "people": list(self.people),
        }


@dataclass(frozen=True, slots=True)
class Profile:
    """One of the scheme's reference profiles: its KPI values, its pay, whether it meets plan."""

    kpis: Mapping[str, float]
    pay: float
    meets_plan: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "kpis", frozen_mapping(self.kpis))

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``kpis``, ``pay``, ``meets_plan``."""
        return {"kpis": dict(self.kpis), "pay": self.pay, "meets_plan": self.meets_plan}


@dataclass(frozen=True, slots=True)
class Profiles:
    """The hitter's and non-hitter's pay and their ``ratio`` (``None``: the non-hitter earns
    nothing), or ``error`` (and no profiles) when a profile cannot be evaluated."""

    hitter: Profile | None = None
    non_hitter: Profile | None = None
    ratio: float | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``hitter``, ``non_hitter`` and ``ratio``, or ``{"error": ...}``."""
        if self.error is not None or self.hitter is None or self.non_hitter is None:
            return {"error": self.error}
        return {
            "hitter": self.hitter.to_dict(),
            "non_hitter": self.non_hitter.to_dict(),
            "ratio": self.ratio,
        }


@dataclass(frozen=True, slots=True)
class RatioDetails:
    """The figures behind principle 1: the ``plan_met`` condition, the share of manager-periods
    that meet it, pay of the two groups, pay by plan attainment and the reference profiles
    (``None`` when the plan level cannot be found or the scheme has no profiles), and what the
    figure was measured on (``split``: the team, its draws and each segment's share)."""

    plan_met: str
    share_met: float
    met: GroupStats
    missed: GroupStats
    pay_by_attainment: AttainmentTable | None = None
    profiles: Profiles | None = None
    split: PlanSplit | None = None
    #: Pay by plan attainment of each segment, and of each set of people's own parameters
    #: (a small roster), when the team is not all paid by one set of parameters
    #: (:func:`attainment_tables`); empty otherwise.
    pay_by_segment: tuple[AttainmentTable, ...] = ()
    #: Each segment's and (a roster of at most :data:`MAX_PERSON_FIGURES`) each person's own
    #: figure (:func:`own_figures`), when the team is not all paid by one set of parameters.
    own: tuple[OwnFigure, ...] = ()
    #: The figure per plan year of a plan that remembers earlier periods (its verdict; then
    #: ``share_met``, ``met`` and ``missed`` are the manager-years'), else ``None``.
    per_year: YearSplit | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``details`` of ``ratio`` in ``docs/check.md``)."""
        split = self.split
        return {
            "plan_met": self.plan_met,
            "share_met": self.share_met,
            "met": self.met.to_dict(),
            "missed": self.missed.to_dict(),
            "pay_by_attainment": (
                None if self.pay_by_attainment is None else self.pay_by_attainment.to_dict()
            ),
            "profiles": None if self.profiles is None else self.profiles.to_dict(),
            "team": split is not None and split.team,
            "draws": None if split is None else split.draws,
            "managers": 1 if split is None else split.managers,
            "manager_periods": None if split is None else split.count,
            "segments": [] if split is None else [s.to_dict() for s in split.segments],
            "pay_by_segment": [t.to_dict() for t in self.pay_by_segment],
            "own_figures": [f.to_dict() for f in self.own],
            "per_year": None if self.per_year is None else self.per_year.to_dict(),
        }


def format_ratio(value: float | None, times: str = "x", language: str = DEFAULT_LANGUAGE) -> str:
    """``2.60x`` (two decimals, as every command prints principle 1's figure), ``unbounded``
    for ``inf`` and ``n/a`` for ``None``; in Russian ``в 2,60 раза`` (:meth:`Words.times
    <motivsim.i18n.Words.times>`)."""
    w = words(language)
    if language != DEFAULT_LANGUAGE:
        return w.times(value)
    if value is None:
        return w("na")
    if math.isinf(value):
        return w("unbounded")
    return f"{value:.2f}{times}"


@dataclass(frozen=True, slots=True)
class SegmentSplit:
    """One segment's share of principle 1's draws: its managers meeting and missing the plan
    (a per-segment figure, not the principle's, which pools the whole team)."""

    name: str
    count: int
    met: GroupStats
    missed: GroupStats

    @property
    def share_met(self) -> float | None:
        """Share of the segment's manager-periods that meet the plan."""
        total = self.met.count + self.missed.count
        return self.met.count / total if total else None

    @property
    def ratio(self) -> float | None:
        """The segment's own ratio (:func:`plan_ratio`)."""
        return plan_ratio(self.met, self.missed)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``name``, ``count``, ``share_met``, the two means and ``ratio``."""
        return {
            "name": self.name,
            "count": self.count,
            "share_met": json_number(self.share_met),
            "mean_met": json_number(self.met.mean) if self.met.count else None,
            "mean_missed": json_number(self.missed.mean) if self.missed.count else None,
            "ratio": json_number(self.ratio),
        }


@dataclass(frozen=True, slots=True)
class PlanSplit(TwoGroups):
    """Principle 1's figure and what it was measured on: pay of the manager-periods that meet
    the plan (``met``) and of those that miss it (``missed``), pooled.

    ``draws`` samples were drawn with ``seed``. With a team (``team``), a draw is one period of
    each of its ``managers`` managers, as ``simulate`` draws them, and ``segments`` splits the
    figure by segment; without one, a draw is one manager's period from the ``[kpi]``
    distributions. ``non_finite`` manager-periods whose pay was not a finite number are left
    out. See :func:`measure`.
    """

    met: GroupStats
    missed: GroupStats
    draws: int
    seed: int
    managers: int = 1
    team: bool = False
    segments: tuple[SegmentSplit, ...] = ()
    non_finite: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "segments", tuple(self.segments))

    def basis(self, period: str | None = None, language: str = DEFAULT_LANGUAGE) -> str:
        """What the figure pools, in words: ``pooled over the team's 7 managers: 20,000 draws
        of one month each (140,000 manager-months)`` or ``20,000 draws of one manager's month
        from the [kpi] distributions`` (in ``language``)."""
        w = words(language)
        if language == DEFAULT_LANGUAGE:
            period = period if period and period.isascii() and period.isalpha() else "period"
        unit = w.period(period)
        draws = w.count(self.draws, "draw")
        if self.team:
            return w(
                "ratio.basis.team",
                people=w.count(self.managers, "manager"),
                draws=draws,
                unit=unit.accusative,
                total=unit.count_manager_periods(self.draws * self.managers),
            )
        return w("ratio.basis.one", draws=draws, unit=unit.word)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``ratio`` (``null`` with ``unbounded`` true when infinite), ``share_met``,
        the two groups, and ``draws``, ``seed``, ``managers``, ``team``, ``segments``,
        ``non_finite``."""
        value = self.ratio
        return {
            "ratio": json_number(value),
            "unbounded": value is not None and math.isinf(value),
            "share_met": json_number(self.share_met),
            "met": _group_dict(self.met),
            "missed": _group_dict(self.missed),
            "draws": self.draws,
            "seed": self.seed,
            "managers": self.managers,
            "team": self.team,
            "manager_periods": self.count,
            "segments": [s.to_dict() for s in self.segments],
            "non_finite": self.non_finite,
        }


def _group_dict(group: GroupStats) -> dict[str, float | int | None]:
    return {k: v if isinstance(v, int) else json_number(v) for k, v in group.to_dict().items()}


def has_team(scheme: Scheme) -> bool:
    """Whether ``scheme`` declares a team (``[[team.segment]]`` or a roster): principle 1 is
    then measured on it; without one, on one manager with the ``[kpi]`` distributions."""
    return scheme.team != Team()


# -- segments and people paid by parameters of their own --------------------------------------
@dataclass(frozen=True, slots=True, eq=False)
class PlanVariant:
    """One set of parameter values part of a team is paid by: a segment's (``people`` empty),
    or that of the ``people`` of a roster who are paid otherwise than their segment (each of
    them by exactly these values).

    ``params`` holds every parameter's value (exact); :attr:`scheme` is the scheme as they are
    paid by it, with their segment's KPI distributions.
    """

    segment: str
    people: tuple[str, ...]
    params: Mapping[str, Fraction]
    base: Scheme = field(repr=False)

    @property
    def name(self) -> str:
        """The segment's name, or the people's (``Anna Petrova``; ``Boris Ivanov, Viktor
        Smirnov``; ``Boris Ivanov and 3 others``), in the scheme's language."""
        if not self.people:
            return self.segment
        if len(self.people) <= 2:
            return ", ".join(self.people)
        return words(self.base.language)(
            "ratio.variant.others", name=self.people[0], n=len(self.people) - 1
        )

    @property
    def scheme(self) -> Scheme:
        """The scheme as they are paid by it (:meth:`Scheme.segment_scheme
        <motivsim.Scheme.segment_scheme>` or :meth:`Scheme.person_scheme
        <motivsim.Scheme.person_scheme>`)."""
        if self.people:
            return self.base.person_scheme(self.people[0])
        return self.base.segment_scheme(self.segment)

    def pay_options(self) -> dict[str, str]:
        """The keyword that makes :meth:`Scheme.pay <motivsim.Scheme.pay>` of the whole
        scheme pay by this set: ``{"segment": NAME}`` or ``{"person": NAME}``."""
        return {"person": self.people[0]} if self.people else {"segment": self.segment}


@dataclass(frozen=True, slots=True, eq=False)
class PlanVariants:
    """The sets of parameters a team is paid by, when it is not all paid by one
    (:func:`plan_variants`).

    ``segments`` has one variant per segment, in the file's order; ``people`` one per distinct
    set of people's own values that differs from their segment's, in roster order (``movers``
    people in all). ``keys`` are the parameters that tell the sets apart, for labels: those a
    segment or a person gives a value of their own and whose values differ.
    """

    segments: tuple[PlanVariant, ...]
    people: tuple[PlanVariant, ...] = ()
    keys: tuple[str, ...] = ()
    movers: int = 0

    @property
    def banded(self) -> bool:
        """Whether there are too many sets of people's own values to show one by one (more
        than :data:`MAX_PERSON_CURVES`): a band per segment is shown instead."""
        return len(self.people) > MAX_PERSON_CURVES

    @property
    def shown(self) -> tuple[PlanVariant, ...]:
        """The sets shown one by one: every segment, and the people's unless :attr:`banded`."""
        return self.segments if self.banded else self.segments + self.people

    def label(self, variant: PlanVariant, *, limit: int = 3) -> str:
        """``annual_quota 400,000, on_target_pay 100,000``: the variant's :attr:`keys`
        (the first ``limit`` of them)."""
        language = variant.base.language
        return ", ".join(
            f"{k} {param_text(variant.params[k], language)}" for k in self.keys[:limit]
        )


def plan_variants(scheme: Scheme) -> PlanVariants | None:
    """The sets of parameters ``scheme``'s team is paid by; ``None`` when everyone is paid by
    ``[params]`` (no segment has ``params``, no person of a roster has values of their own).

    Examples
    --------
    >>> import motivsim
    >>> variants = plan_variants(motivsim.load("schemes/saas_segments.toml"))
    >>> [v.name for v in variants.segments], variants.keys
    (['SMB', 'mid-market', 'enterprise'], ('annual_quota', 'on_target_pay'))
    >>> variants.label(variants.segments[2])
    'annual_quota 2,400,000, on_target_pay 240,000'
    """
    team = scheme.team
    segments = tuple(
        PlanVariant(
            s.name, (), scheme.segment_scheme(s.name).params if s.params else scheme.params, scheme
        )
        for s in team.segments
    )
    own = {v.segment: dict(v.params) for v in segments}
    groups: dict[tuple[str, tuple[tuple[str, Fraction], ...]], list[str]] = {}
    movers = 0
    for person in scheme.people:
        values = dict(person.params)
        if values != own[person.segment]:
            movers += 1
            groups.setdefault((person.segment, tuple(sorted(values.items()))), []).append(
                person.name
            )
    people = tuple(
        PlanVariant(seg, tuple(names), FrozenMap(dict(items)), scheme)
        for (seg, items), names in groups.items()
    )
    if not people and all(dict(v.params) == dict(scheme.params) for v in segments):
        return None
    shown = segments + (people if len(people) <= MAX_PERSON_CURVES else ())
    given = {k for s in team.segments for k, _ in s.params}
    given |= {k for p in team.people for k, _ in p.params}

    def differs(name: str) -> bool:
        return len({v.params[name] for v in (*shown, *people)}) > 1

    keys = tuple(k for k in scheme.params if k in given and differs(k))
    if not keys:
        keys = tuple(k for k in scheme.params if differs(k))
    return PlanVariants(segments, people, keys, movers)


def param_text(value: Fraction | float, language: str = DEFAULT_LANGUAGE) -> str:
    """A parameter's value for a label: ``400,000``, ``0.035``, ``1,234.5`` (Russian
    ``400 000``, ``0,035``)."""
    number = Fraction(value) if not isinstance(value, float) else Fraction(repr(value))
    if number.denominator == 1:
        return words(language).num(number.numerator, ",")
    return words(language).localize(f"{float(number):,.6f}".rstrip("0").rstrip("."))


def attainment_tables(
    scheme: Scheme, variants: PlanVariants | None = None
) -> tuple[AttainmentTable, ...]:
    """Pay by plan attainment of each set of parameters the team is paid by
    (:attr:`PlanVariants.shown`: each segment, and each set of people's own values of a roster
    with at most :data:`MAX_PERSON_CURVES` of them): pay at 50% to 150% of *their own* plan,
    the other KPIs at their segment's typical values. Empty when everyone is paid by
    ``[params]`` (the check's ``pay_by_attainment`` is then the table) or no plan level can be
    found.

    Examples
    --------
    >>> import motivsim
    >>> tables = attainment_tables(motivsim.load("schemes/saas_segments.toml"))
    >>> [(t.segment, t.plan_value) for t in tables]
    [('SMB', 100000.0), ('mid-market', 250000.0), ('enterprise', 600000.0)]
    """
    variants = plan_variants(scheme) if variants is None else variants
    if variants is None:
        return ()
    out = []
    for variant in variants.shown:
        own = variant.scheme
        level = plan_level(own, plan_met_of(own))
        if level is not None:
            points = tuple(AttainmentPoint(a, v, p) for a, v, p in _exact_points(own, level))
            out.append(
                AttainmentTable(
                    level.kpi, level.value, level.others, points, variant.segment, variant.people
                )
            )
    return tuple(out)


def _exact_points(scheme: Scheme, level: PlanLevel) -> list[tuple[float, float, float]]:
    """:meth:`PlanLevel.points`, each share of the plan taken exactly (70% of 11,000,000 is
    7,700,000, not the float product 7,699,999.999999999 just below a bracket at 70%)."""
    out = []
    for share in ATTAINMENT_POINTS:
        exact = Fraction(repr(share)) * Fraction(repr(level.value))
        value = float(round(exact)) if level.discrete else float(exact)
        values: dict[str, Any] = {**level.others, level.kpi: value}
        out.append((share, value, float(scheme.exact(values)["pay"])))
    return out


@dataclass(frozen=True, slots=True)
class OwnFigure:
    """Principle 1's figure of one segment or one person alone (:func:`own_figures`).

    Mean pay of their draws that meet the plan over that of their draws that miss it: ``draws``
    periods of one manager drawn from the segment's KPI distributions (with ``seed``), paid by
    their own parameters (``params``). ``person`` is false for a segment's figure (the
    segment's parameters) and true for a person's. Not principle 1's figure, which pools the
    team (:func:`measure`): it says whose plan, on its own, pays those who meet it less than
    ``min_ratio`` times those who miss it.
    """

    name: str
    segment: str
    person: bool
    met: GroupStats
    missed: GroupStats
    draws: int
    seed: int
    min_ratio: float
    params: Mapping[str, Fraction] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", frozen_mapping(self.params))

    @property
    def ratio(self) -> float | None:
        """The figure (:func:`plan_ratio`)."""
        return plan_ratio(self.met, self.missed)

    @property
    def share_met(self) -> float | None:
        """Share of the draws that meet the plan."""
        total = self.met.count + self.missed.count
        return self.met.count / total if total else None

    @property
    def passed(self) -> bool:
        """Whether the figure reaches ``min_ratio`` (false when it cannot be measured)."""
        value = self.ratio
        return value is not None and value >= self.min_ratio

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``name``, ``kind`` (``segment`` or ``person``), ``segment``, ``params``,
        ``draws``, ``seed``, ``share_met``, ``mean_met``, ``mean_missed``, ``ratio``
        (``null`` with ``unbounded`` true when infinite) and ``passed``."""
        value = self.ratio
        return {
            "name": self.name,
            "kind": "person" if self.person else "segment",
            "segment": self.segment,
            "params": {k: json_number(float(v)) for k, v in self.params.items()},
            "draws": self.draws,
            "seed": self.seed,
            "share_met": json_number(self.share_met),
            "mean_met": json_number(self.met.mean) if self.met.count else None,
            "mean_missed": json_number(self.missed.mean) if self.missed.count else None,
            "ratio": json_number(value),
            "unbounded": value is not None and math.isinf(value),
            "passed": self.passed,
        }


#: People named in check's "who fails" line (the JSON has every figure).
_NAMED: Final = 8


def _people_lines(
    own: Sequence[OwnFigure], threshold: float, language: str = DEFAULT_LANGUAGE
) -> list[str]:
    """``check``'s line on the people of a roster whose own plan, alone, falls short."""
    people = [f for f in own if f.person]
    if not people:
        return []
    w = words(language)
    short = sorted((f for f in people if not f.passed), key=lambda f: f.ratio or 0.0)
    head = w(
        "ratio.people",
        short=len(short),
        people=w.count(len(people), "person", genitive=True)
        if language != DEFAULT_LANGUAGE
        else f"{len(people)} people",
        limit=w.limit(threshold),
    )
    if not short:
        return [head]
    named = ", ".join(
        f"{f.name} {format_ratio(f.ratio, language=language)}" for f in short[:_NAMED]
    )
    more = w("ratio.people.more", n=len(short) - _NAMED) if len(short) > _NAMED else ""
    return [f"{head}: {named}{more}"]


def own_figures(
    scheme: Scheme, *, samples: int, seed: int, limit: int = MAX_PERSON_FIGURES
) -> tuple[OwnFigure, ...]:
    """Principle 1's figure of each segment, and of each person of a roster, on their own.

    Each figure is the mean pay of the draws that meet the plan over that of those that miss
    it, over ``samples`` periods of one manager drawn from the segment's KPI distributions
    (and ``[correlation]``) with ``seed`` (:func:`group_stats`), paid by their own parameters:
    a segment by its ``params`` (:meth:`Scheme.segment_scheme
    <motivsim.Scheme.segment_scheme>`), a person by theirs (:meth:`Scheme.person_scheme
    <motivsim.Scheme.person_scheme>`). Every figure of a segment uses the same draws, so
    people of one segment differ by their parameters alone, and people with equal values get
    equal figures (computed once). Segments come first, in the file's order, then people in
    roster order; people are left out when the roster has more than ``limit``.

    These are not principle 1's figure (:func:`measure`, pooled over the team) but say who
    fails it on their own: ``[f.name for f in own_figures(...) if not f.passed]``.

    Raises
    ------
    SchemeError
        ``plan_met`` is missing, or a KPI to draw has no distribution.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/dealership_roster.toml")
    >>> figures = own_figures(scheme, samples=5_000, seed=1)
    >>> [(f.name, f.person) for f in figures][:3]
    [('experienced', False), ('new hires', False), ('Anna Petrova', True)]
    >>> boris, viktor = (f for f in figures if f.name in ("Boris Ivanov", "Viktor Smirnov"))
    >>> boris.ratio == viktor.ratio  # the same parameters and segment: the same draws
    True
    """
    samples = check_int("samples", samples, least=1, most=MAX_SAMPLES, noun="an integer")
    seed = check_int("seed", seed, least=0, noun="an integer")
    limit = check_int("limit", limit, least=0, noun="an integer")
    plan_met_of(scheme)
    threshold = scheme.principles.min_ratio
    done: dict[tuple[str, tuple[tuple[str, Fraction], ...]], tuple[GroupStats, GroupStats]] = {}

    def stats(
        segment: str, params: Mapping[str, Fraction], paid: Callable[[], Scheme]
    ) -> tuple[GroupStats, GroupStats]:
        key = (segment, tuple(sorted(params.items())))
        found = done.get(key)
        if found is None:
            own = paid()  # one manager: group_stats draws from the [kpi] distributions only
            found = group_stats(own, plan_met_of(own), samples=samples, seed=seed)
            done[key] = found
        return found

    out = []
    for segment in scheme.team.segments:
        own = scheme.segment_scheme(segment.name)
        met, missed = stats(segment.name, own.params, partial(_same, own))
        out.append(
            OwnFigure(
                segment.name, segment.name, False, met, missed, samples, seed, threshold, own.params
            )
        )
    people = scheme.people
    if len(people) <= limit:
        for person in people:
            params = dict(person.params)
            met, missed = stats(
                person.segment,
                params,
                partial(scheme.person_scheme, person.name),
            )
            out.append(
                OwnFigure(
                    person.name, person.segment, True, met, missed, samples, seed, threshold, params
                )
            )
    return tuple(out)


def _same(scheme: Scheme) -> Scheme:
    return scheme


def _attainment_lines(
    tables: tuple[AttainmentTable, ...],
    variants: PlanVariants,
    scheme: Scheme,
) -> list[str]:
    """The check's pay by plan attainment, one row per segment (and set of people's own
    values): pay at each share of *their own* plan, in whole currency units when every amount
    is whole."""
    if not tables:
        return []
    w = words(scheme.language)
    cells = [
        [format_money(p.pay, None, scheme.rounding, scheme.language) for p in t.points]
        for t in tables
    ]
    cents = w.localize(".00")
    if all(c.endswith(cents) for row in cells for c in row):
        cells = [[c[:-3] for c in row] for row in cells]
    names = {(v.segment, v.people): v.name for v in variants.shown}
    labels = [
        names[(t.segment or "", t.people)] + (f" ({t.segment})" if t.people else "") for t in tables
    ]
    others = [dict(t.others) for t in tables]
    held = list(others[0])
    same = all(o == others[0] for o in others)
    extra = [] if same else held
    lang = scheme.language
    head_cols = [
        w("ratio.segment_table.plan"),
        *extra,
        *(w.pct(p.attainment, 0) for p in tables[0].points),
    ]
    rows = [
        [
            _number(t.plan_value, lang),
            *(_number(t.others[k], lang) if k in t.others else "" for k in extra),
            *row,
        ]
        for t, row in zip(tables, cells, strict=True)
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head_cols)]
    first = max(len(x) for x in labels)
    unit = currency_text(scheme.currency, lang) if scheme.currency else ""
    if scheme.period:
        unit = f"{unit} {w('per', period=w.period(scheme.period).accusative)}".strip()
    who = w(
        "ratio.segment_table.both"
        if any(t.people for t in tables)
        else "ratio.segment_table.segment"
    )
    if held and same:
        values = ", ".join(f"{k} = {_number(v, lang)}" for k, v in others[0].items())
        rest = w("ratio.segment_table.same", values=values)
    elif held:
        rest = w("ratio.segment_table.each", names=", ".join(held))
    else:
        rest = ")"
    heading = w(
        "ratio.segment_table",
        who=who,
        kpi=tables[0].kpi,
        unit=w("ratio.segment_table.unit", unit=unit) if unit else "",
        held=rest,
    )
    lines = [
        heading,
        "  " + " " * first + "".join(f"  {h:>{w}}" for h, w in zip(head_cols, widths, strict=True)),
    ]
    for label, row in zip(labels, rows, strict=True):
        lines.append(
            f"  {label:<{first}}" + "".join(f"  {c:>{w}}" for c, w in zip(row, widths, strict=True))
        )
    if variants.banded:
        lines.append(
            w(
                "ratio.segment_table.banded",
                people=w.count(variants.movers, "person")
                if lang != DEFAULT_LANGUAGE
                else f"{variants.movers:,} people",
                sets=w.num(len(variants.people), ","),
            )
        )
    return lines


def segment_table_heading(language: str = DEFAULT_LANGUAGE) -> str:
    """How the note with the pay by plan attainment table per segment begins in ``language``
    (:data:`SEGMENT_TABLE_HEADING` in English)."""
    return MESSAGES["ratio.segment_table"][words(language).language].split("{who}")[0]


def _number(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    w = words(language)
    if float(value).is_integer():
        return w.num(int(value), ",")
    if abs(value) >= 1:
        return w.localize(f"{value:,.2f}".rstrip("0").rstrip("."))
    return w.localize(f"{value:.4g}")


def run(context: CheckContext) -> CheckResult:
    """Measure principle 1 on ``context.scheme`` by Monte Carlo (``context.samples`` draws);
    a plan that remembers earlier periods is judged per plan year
    (:mod:`motivsim.checks.years`), with its one-period figure among the notes."""
    scheme = context.scheme
    plan_met = plan_met_of(scheme)
    split = measure(scheme, samples=context.samples, seed=context.seed)
    years = None
    if remembers(scheme):
        years = measure_years(scheme, samples=context.samples, seed=context.seed)
    return _Builder(scheme, plan_met, context, split, years).result()


def measure(
    scheme: Scheme, *, samples: int, seed: int, detail: bool = True, strict: bool = True
) -> PlanSplit:
    """Principle 1's figure: mean pay of the manager-periods that meet the plan over that of
    those that miss it, each period on its own, pooled over the team as declared.

    This is the one definition ``check``, ``simulate``, ``plot`` and ``report`` show.

    * **With a team** (:func:`has_team`), each of the ``samples`` draws is one period of every
      manager of the team: each segment's headcount (or roster), its KPI distributions, its
      parameters (a person's own, with a roster) and plan, the ``[correlation]`` copula.
      The KPIs are drawn, and pay summed, exactly as ``simulate --runs SAMPLES --periods 1
      --seed SEED`` draws and sums them (stream
      :data:`~motivsim.sampling.seeding.STREAM_SIMULATE`, blocks of whole teams), so its
      meeting vs missing figure has the same digits.
    * **Without a team**, ``samples`` draws of the KPIs from their ``[kpi]`` distributions
      (:func:`group_stats`, stream :data:`~motivsim.sampling.seeding.STREAM_RATIO`).

    ``detail`` computes each group's standard deviation and median too (for the interval
    and the notes; the median only up to :data:`~motivsim.sampling.draws.MAX_SAMPLES`
    manager-periods, else ``nan``); ``strict`` raises
    :class:`~motivsim.errors.EvaluationError` when pay is not a finite number, instead of
    leaving such manager-periods out (as ``simulate`` does).

    Raises
    ------
    SchemeError
        ``plan_met`` is missing, or a KPI to draw has no distribution.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/team_dealership.toml")
    >>> split = measure(scheme, samples=20_000, seed=1)
    >>> split.team, split.managers, split.count
    (True, 7, 140000)
    >>> format_ratio(split.ratio) == format_ratio(
    ...     motivsim.simulate(scheme, runs=20_000, seed=1).hitter_ratio)
    True
    """
    plan_met = plan_met_of(scheme)
    if has_team(scheme):
        return _TeamDraws(scheme, plan_met, detail=detail, strict=strict).measure(samples, seed)
    hit, miss = group_stats(scheme, plan_met, samples=samples, seed=seed)
    return PlanSplit(hit, miss, samples, seed)


def group_stats(
    scheme: Scheme, plan_met: Step, *, samples: int, seed: int
) -> tuple[GroupStats, GroupStats]:
    """Pay of the sampled periods that meet ``plan_met`` and of those that miss it, for one
    manager with the ``[kpi]`` distributions (principle 1 of a scheme without a team).

    The KPIs of :func:`needs_of` are drawn ``samples`` times from their ``[kpi]``
    distributions, from stream :data:`~motivsim.sampling.seeding.STREAM_RATIO` of ``seed``:
    with the rank correlations of the scheme's ``[correlation]`` (the simulator's Gaussian
    copula) when it ties two of them, independently otherwise
    (:func:`~motivsim.sampling.draws.draw_kpis`).

    Raises
    ------
    SchemeError
        A KPI to draw has no distribution.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/dealership.toml")
    >>> plan_met = scheme.principles.plan_met
    >>> hit, miss = group_stats(scheme, plan_met, samples=20_000, seed=1)
    >>> round(hit.mean / miss.mean, 1)  # principle 1's ratio
    2.6
    """
    needs = needs_of(scheme, plan_met)
    dists = require_distributions(scheme, needs)
    values = draw_kpis(scheme, dists, samples, seed=seed, stream=STREAM_RATIO)
    shape = (samples,)  # also when pay and plan_met depend on no KPI
    pay = np.broadcast_to(scheme.evaluate(values)["pay"], shape)
    met = np.broadcast_to(condition_values(scheme, plan_met, values), shape)
    return GroupStats.of(pay[met]), GroupStats.of(pay[~met])


@dataclass
class _SegmentSums:
    """Counts and per-block sums of one segment, as the simulator keeps them."""

    count: int = 0
    met: int = 0
    bad: int = 0
    pay: list[float] = field(default_factory=list)
    met_pay: list[float] = field(default_factory=list)


class _TeamDraws:
    """Principle 1 on a team: whole teams drawn and paid block by block, as ``simulate`` of
    one period draws and pays them (``motivsim/simulation/engine.py``: the same blocks of
    runs, the same generator per block, segments in order, pay summed per segment and block).
    """

    def __init__(self, scheme: Scheme, plan_met: Step, *, detail: bool, strict: bool) -> None:
        require_distributions(scheme, needs_of(scheme, plan_met))
        kpis, missing, _ = drawn_kpis(scheme)
        require_drawn(scheme, missing)
        self.scheme, self.detail, self.strict = scheme, detail, strict
        self.sampling: Sampling = sampling_for(scheme, kpis)
        self.size = scheme.team.size
        self.payers = {s.name: self._payers(s.name) for s in scheme.team.segments}

    def _payers(self, segment: str) -> list[tuple[Any, Scheme]]:
        """How a segment's managers are paid: ``(columns, scheme)`` pairs (``None``: all of
        them by one scheme); with a roster, people with equal parameters share one scheme."""
        scheme = self.scheme
        members = scheme.team.members(segment)
        if not members:
            own = scheme.team.segment(segment)
            return [(None, scheme.segment_scheme(segment) if own.params else scheme)]
        groups: dict[Any, list[int]] = {}
        for i, person in enumerate(members):
            key = tuple(sorted(scheme.person_params(person.name).items()))
            groups.setdefault(key, []).append(i)
        if len(groups) == 1:
            return [(None, scheme.person_scheme(members[0].name))]
        return [
            (np.array(cols), scheme.person_scheme(members[cols[0]].name))
            for cols in groups.values()
        ]

    def measure(self, samples: int, seed: int) -> PlanSplit:
        block_runs = max(1, BLOCK_SIZE // self.size)  # the simulator's blocks at one period
        sums = {seg.name: _SegmentSums() for seg in self.sampling.segments}
        hit, miss = Moments(), Moments()
        for block, start in enumerate(range(0, samples, block_runs)):
            n = min(block_runs, samples - start)
            rng = block_rng(seed, block, STREAM_SIMULATE)
            for seg in self.sampling.segments:
                pay, flags = self._pay(seg, rng, n)
                self._reduce(sums[seg.name], pay, flags, hit, miss)
        segments = []
        for seg in self.sampling.segments:
            s = sums[seg.name]
            met_g, missed_g = split_groups(s.met, math.fsum(s.met_pay), s.count, math.fsum(s.pay))
            segments.append(SegmentSplit(seg.name, seg.count, met_g, missed_g))
        every = list(sums.values())
        met, missed = split_groups(
            sum(s.met for s in every),
            math.fsum(x for s in every for x in s.met_pay),
            sum(s.count for s in every),
            math.fsum(x for s in every for x in s.pay),
            sd=(hit.sd(), miss.sd()) if self.detail else (math.nan, math.nan),
            median=(hit.median(), miss.median()) if self.detail else (math.nan, math.nan),
        )
        return PlanSplit(
            met,
            missed,
            samples,
            seed,
            managers=self.size,
            team=True,
            segments=tuple(segments),
            non_finite=sum(s.bad for s in every),
        )

    def _pay(
        self, seg: SegmentSamplers, rng: np.random.Generator, n: int
    ) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """Draw ``n`` periods of the segment's managers; their pay and ``plan_met``."""
        shape = (n, 1, seg.count)
        values = draw_segment(self.sampling, seg, [rng], [(0, n)], shape)
        payers = self.payers[seg.name]
        if len(payers) == 1:
            return self._paid(payers[0][1], values, shape)
        pay = np.empty(shape)
        met = np.empty(shape, dtype=bool)
        for columns, scheme in payers:
            sub = {k: v[..., columns] for k, v in values.items()}
            pay[..., columns], met[..., columns] = self._paid(scheme, sub, (n, 1, len(columns)))
        return pay, met

    def _paid(
        self, scheme: Scheme, values: Mapping[str, Any], shape: tuple[int, ...]
    ) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        pay = np.asarray(scheme.evaluate(values, check=self.strict)["pay"], dtype=np.float64)
        met = condition_values(scheme, plan_met_of(scheme), values)
        return np.broadcast_to(pay, shape), np.broadcast_to(met, shape)

    def _reduce(
        self,
        sums: _SegmentSums,
        x: FloatArray,
        met: npt.NDArray[np.bool_],
        hit: Moments,
        miss: Moments,
    ) -> None:
        """Count and sum one block of a segment as the simulator does (its per-block float
        sums, non-finite pay left out), and feed the groups' moments."""
        total = float(x.sum())
        fin = None if math.isfinite(total) else np.isfinite(x)
        bad = 0 if fin is None else x.size - int(np.count_nonzero(fin))
        if fin is not None:
            total = float(x[fin].sum())
        sums.count += x.size - bad
        sums.bad += bad
        sums.pay.append(total)
        m = met if fin is None else met & fin
        sums.met += int(np.count_nonzero(m))
        met_pay = np.multiply(x, m) if fin is None else np.where(m, x, 0.0)  # inf * 0 is nan
        sums.met_pay.append(float(met_pay.sum()))
        if self.detail:
            hit.add(x[m])
            miss.add(x[~met] if fin is None else x[~met & fin])


def plan_met_of(scheme: Scheme) -> Step:
    """The scheme's ``plan_met`` condition, or a located error saying how to add it."""
    plan_met = scheme.principles.plan_met
    if plan_met is None:
        location = (
            scheme.source.location(("principles",)) if scheme.source else Location(key="principles")
        )
        raise SchemeError(
            "check needs to know when the plan counts as met, but [principles] has no plan_met",
            location=location,
            hint='add [principles] with plan_met = "revenue >= plan" (your KPI and plan)',
        )
    return plan_met


def needs_of(scheme: Scheme, plan_met: Step) -> dict[str, str]:
    """The KPIs principle 1 draws (pay's, then plan_met's), each with why it is needed."""
    needs = dict.fromkeys(scheme.pay_inputs, "pay depends on it")
    for name in scheme.kpis_of(plan_met):
        needs.setdefault(name, "plan_met depends on it")
    return needs


class _Builder:
    """Turns the two groups' statistics into the verdict, the figures and the advice (in the
    scheme's language)."""

    def __init__(
        self,
        scheme: Scheme,
        plan_met: Step,
        context: CheckContext,
        split: PlanSplit,
        years: YearSplit | None = None,
    ) -> None:
        self.scheme, self.plan_met, self.context = scheme, plan_met, context
        self.split, self.hit, self.miss = split, split.met, split.missed
        self.years = years
        if years is not None:  # the verdict is the plan year's
            self.hit, self.miss = years.met, years.missed
        self.threshold = scheme.principles.min_ratio
        self.variants: PlanVariants | None = None
        self.lang = scheme.language
        self.w = words(self.lang)

    def money(self, amount: float) -> str:
        return format_money(amount, self.scheme.currency, self.scheme.rounding, self.lang)

    def result(self) -> CheckResult:
        value, interval, summary, advice, passed = self.verdict()
        # pay by attainment of one period alone says little of a plan that pays by the year
        level = None if self.years is not None else plan_level(self.scheme, self.plan_met)
        variants = plan_variants(self.scheme)
        own: tuple[OwnFigure, ...] = ()
        if variants is not None:
            own = own_figures(self.scheme, samples=self.context.samples, seed=self.context.seed)
        share = self.split.share_met if self.years is None else self.years.share_met
        details = RatioDetails(
            plan_met=self.plan_met.text,
            share_met=share or 0.0,
            met=self.hit,
            missed=self.miss,
            pay_by_attainment=None if level is None else AttainmentTable.of(self.scheme, level),
            profiles=self.profiles(),
            split=self.split,
            pay_by_segment=() if variants is None else attainment_tables(self.scheme, variants),
            own=own,
            per_year=self.years,
        )
        self.variants = variants
        return CheckResult(
            name=NAME,
            principle=PRINCIPLE,
            title=self.w("ratio.title", x=self.w.limit(self.threshold)),
            passed=passed,
            value=value,
            threshold=self.threshold,
            comparison=">=",
            summary=summary,
            interval=interval,
            advice=advice,
            details=details,
            notes=self.notes(level, details.profiles, details.pay_by_segment)
            + _people_lines(own, self.threshold, self.lang),
            language=self.lang,
        )

    def verdict(self) -> tuple[float | None, tuple[float, float] | None, str, str, bool]:
        hit, miss, t, w = self.hit, self.miss, self.threshold, self.w
        plan_met = self.plan_met.text
        if hit.count == 0:
            return (
                None,
                None,
                w("ratio.none_met", plan_met=plan_met),
                w("ratio.none_met.advice", periods=self.periods()),
                False,
            )
        if miss.count == 0:
            return (
                None,
                None,
                w("ratio.all_met", plan_met=plan_met),
                w("ratio.all_met.advice"),
                False,
            )
        if miss.mean < 0:
            return (
                None,
                None,
                w("ratio.negative", amount=self.money(miss.mean)),
                w("ratio.negative.advice"),
                False,
            )
        if miss.mean == 0:
            if hit.mean > 0:
                return (
                    math.inf,
                    None,
                    w("ratio.unbounded", amount=self.money(hit.mean)),
                    "",
                    True,
                )
            return (None, None, w("ratio.zero"), w("ratio.zero.advice"), False)
        ratio = plan_ratio(hit, miss)
        assert ratio is not None  # both groups have samples and those who miss earn > 0
        interval = ratio_interval(hit, miss, self.context.confidence) if hit.mean > 0 else None
        shown = (
            w(
                "ratio.interval",
                level=w.pct(self.context.confidence, 0),
                low=w.num(interval[0], ".2f"),
                high=w.num(interval[1], ".2f"),
            )
            if interval
            else ""
        )
        summary = w(
            "ratio.summary" if self.years is None else "ratio.year.summary",
            ratio=format_ratio(ratio, language=self.lang),
            interval=shown,
            limit=w.limit(t),
        )
        passed = ratio >= t
        return ratio, interval, summary, "" if passed else self.advice(ratio), passed

    def advice(self, ratio: float) -> str:
        w = self.w
        share = w.pct(1 / ratio, 0) if ratio > 0 else w("ratio.advice.more")
        return w("ratio.advice", share=share, limit=w.limit(self.threshold), full=w.pct(1, 0))

    def periods(self) -> str:
        """``20,000 simulated periods`` (no team) or ``140,000 manager-months``."""
        split = self.split
        if not split.team:
            return self.w.count(split.draws, "simulated_period")
        return self.w.period(self.scheme.period).count_manager_periods(split.draws * split.managers)

    def what(self, n: float, *, genitive: bool = False) -> str:
        """What a draw is, for ``n`` of them: ``samples``, ``manager-months``."""
        if not self.split.team:
            return self.w.plural(n, "sample", genitive=genitive)
        return self.w.period(_english_period(self.scheme.period, self.lang)).manager_periods(
            n, genitive=genitive
        )

    def notes(
        self,
        level: PlanLevel | None,
        profiles: Profiles | None,
        tables: tuple[AttainmentTable, ...] = (),
    ) -> list[str]:
        split, hit, miss, w, lang = self.split, self.hit, self.miss, self.w, self.lang
        if self.years is not None:
            return self.year_notes(self.years, profiles)
        every = split.draws if not split.team else split.draws * split.managers
        many = self.what(5)  # the plural of "samples", "manager-months"
        notes = []
        if split.team:
            notes.append(w("ratio.team", basis=split.basis(self.scheme.period, lang)))
        notes.append(
            w(
                "ratio.share_met",
                share=w.pct(hit.count / every),
                count=f"{w.num(every, ',')} {self.what(every, genitive=True)}"
                if lang != DEFAULT_LANGUAGE
                else f"{every:,} {many}",
                plan_met=self.plan_met.text,
            )
        )
        if split.team and len(split.segments) > 1:
            notes.append(
                w(
                    "ratio.per_segment",
                    items="; ".join(
                        w(
                            "ratio.per_segment.item",
                            name=s.name,
                            share=w.pct(s.share_met or 0),
                            ratio=format_ratio(s.ratio, language=lang),
                        )
                        for s in split.segments
                    ),
                )
            )
        if split.non_finite:
            notes.append(w("ratio.non_finite", n=w.num(split.non_finite, ","), what=many))
        if hit.count and miss.count:
            period = self.scheme.period
            each = (
                w("ratio.means.each", period=w.period(period).accusative)
                if split.team and period
                else ""
            )
            median = (
                w(
                    "ratio.means.median",
                    met=self.money(hit.median),
                    missed=self.money(miss.median),
                )
                if math.isfinite(hit.median) and math.isfinite(miss.median)
                else ""
            )
            notes.append(
                w(
                    "ratio.means",
                    each=each,
                    met=self.money(hit.mean),
                    missed=self.money(miss.mean),
                    median=median,
                )
            )
        for key, group in (("ratio.few.meet", hit), ("ratio.few.miss", miss)):
            if 0 < group.count < _FEW:
                notes.append(w(key, n=group.count, what=many))
        value = hit.mean / miss.mean if miss.mean > 0 else None
        if value is not None and hit.count >= 2 and miss.count >= 2 and hit.mean > 0:
            low, high = ratio_interval(hit, miss, self.context.confidence)
            if low < self.threshold <= high:
                notes.append(
                    w(
                        "threshold_inside",
                        limit=w("ratio.threshold", x=w.limit(self.threshold)),
                    )
                )
        if tables and self.variants is not None:  # each segment's own plan and parameters
            notes += _attainment_lines(tables, self.variants, self.scheme)
        elif level is not None:
            notes += attainment_table(self.scheme, level, self.money, lang)
        if profiles is not None:
            notes += _profile_notes(profiles, self.threshold, self.money, lang)
        return notes

    def year_notes(self, years: YearSplit, profiles: Profiles | None) -> list[str]:
        """The notes of a figure per plan year: what was drawn, the share and means of the
        manager-years, and the one-period figure other commands show."""
        w, hit, miss, split = self.w, self.hit, self.miss, self.split
        notes = [
            w("ratio.year.basis", count=w.num(years.count, ","), periods=years.periods),
            w(
                "ratio.year.share_met",
                share=w.pct(years.share_met or 0.0),
                count=w.num(years.count, ","),
                plan_met=self.plan_met.text,
            ),
        ]
        if years.non_finite:
            notes.append(w("ratio.year.non_finite", n=w.num(years.non_finite, ",")))
        if hit.count and miss.count:
            median = (
                w("ratio.means.median", met=self.money(hit.median), missed=self.money(miss.median))
                if math.isfinite(hit.median) and math.isfinite(miss.median)
                else ""
            )
            notes.append(
                w(
                    "ratio.year.means",
                    met=self.money(hit.mean),
                    missed=self.money(miss.mean),
                    median=median,
                )
            )
        for key, group in (("ratio.year.few.meet", hit), ("ratio.year.few.miss", miss)):
            if 0 < group.count < _FEW:
                notes.append(w(key, n=group.count))
        value = plan_ratio(hit, miss)
        if value is not None and hit.count >= 2 and miss.count >= 2 and hit.mean > 0:
            low, high = ratio_interval(hit, miss, self.context.confidence)
            if low < self.threshold <= high:
                notes.append(
                    w("threshold_inside", limit=w("ratio.threshold", x=w.limit(self.threshold)))
                )
        notes.append(
            w(
                "ratio.year.first",
                unit=w.period(self.scheme.period).word,
                ratio=format_ratio(split.ratio, language=self.lang),
            )
        )
        if profiles is not None:
            notes += _profile_notes(profiles, self.threshold, self.money, self.lang)
        return notes

    def profiles(self) -> Profiles | None:
        """Pay of the scheme's own hitter and non-hitter profiles, and their ratio."""
        principles = self.scheme.principles
        if principles.hitter is None or principles.non_hitter is None:
            return None
        needs = needs_of(self.scheme, self.plan_met)
        found: dict[str, Profile] = {}
        for label, given in (("hitter", principles.hitter), ("non_hitter", principles.non_hitter)):
            values: dict[str, Any] = typical_values(self.scheme, needs)
            values.update(given)
            missing = [k for k in needs if k not in values]
            if missing:
                return Profiles(
                    error=self.w("ratio.profiles.lacks", label=label, names=", ".join(missing))
                )
            pay = self.scheme.exact(values)["pay"]
            met = bool(
                condition_values(
                    self.scheme, self.plan_met, {k: np.array([float(v)]) for k, v in values.items()}
                )[0]
            )
            found[label] = Profile({k: float(v) for k, v in values.items()}, float(pay), met)
        hitter, non_hitter = found["hitter"], found["non_hitter"]
        low = non_hitter.pay
        return Profiles(hitter, non_hitter, hitter.pay / low if low > 0 else None)


def _english_period(period: str | None, language: str) -> str | None:
    """``period`` as English reports name manager-periods: a plain English word, else
    ``None`` (``manager-periods``); any word in other languages (they name it themselves)."""
    if language != DEFAULT_LANGUAGE:
        return period
    return period if period and period.isascii() and period.isalpha() else None


def _profile_notes(
    profiles: Profiles,
    threshold: float,
    money: Callable[[float], str],
    language: str = DEFAULT_LANGUAGE,
) -> list[str]:
    w = words(language)
    hitter, non_hitter, ratio = profiles.hitter, profiles.non_hitter, profiles.ratio
    if profiles.error is not None or hitter is None or non_hitter is None:
        return [w("ratio.profiles.error", error=profiles.error)]
    shown = w.times(ratio) if ratio is not None else w("ratio.profiles.unbounded")
    below = ratio is not None and ratio < threshold
    mark = w("ratio.profiles.below", limit=w.limit(threshold)) if below else ""
    notes = [
        w(
            "ratio.profiles",
            hitter=money(hitter.pay),
            non_hitter=money(non_hitter.pay),
            shown=shown,
            mark=mark,
        )
    ]
    if not hitter.meets_plan:
        notes.append(w("ratio.profiles.hitter_misses"))
    if non_hitter.meets_plan:
        notes.append(w("ratio.profiles.non_hitter_meets"))
    return notes
