"""Paired draws for :mod:`motivsim.comparison.run`: where each KPI comes from, one draw per
segment, and how each manager of the team is paid under each scheme.

Both schemes are paid on the same KPI values. A KPI is drawn from the OLD scheme's distribution
(per ``[team]`` segment, with its overrides and OLD's ``[correlation]`` copula); a KPI only NEW
declares, from NEW's; a KPI with no distribution in either, held at its typical value. Draws are
the simulator's (:func:`motivsim.sampling.segments.draw_samples`), the KPIs a simulation of OLD
draws first and in its order, in whole blocks: a segment's values of those KPIs are the first
``samples`` of ``sample_kpis(old, n=m, seed=seed, segment=name)`` (``m`` a multiple of
:data:`~motivsim.sampling.seeding.BLOCK_SIZE`), and sample ``k`` does not depend on how many
are drawn.

Each segment's draws are paid by each scheme as that segment sees it, and with a roster every
person is paid on their segment's draws with their own parameters (:class:`TeamPlan`): people
with the same parameters under both schemes are one :class:`View`, evaluated once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError, EvaluationError, Location, SchemeError
from motivsim.sampling.seeding import BLOCK_SIZE
from motivsim.sampling.segments import draw_samples, drawn_kpis, sampling_for
from motivsim.scheme.team import DEFAULT_SEGMENT, Team
from motivsim.scheme.team import Segment as TeamSegment
from motivsim.search.ranges import KpiRange, format_values, kpi_ranges
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Scheme
    from motivsim.scheme.roster import Person

__all__ = ["Draw", "KpiSources", "Run", "TeamPlan", "View", "draw_segment", "run_draw"]

FloatArray = npt.NDArray[np.float64]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class KpiSources:
    """Where each needed KPI comes from: a distribution (and whose) or a fixed value."""

    dists: Mapping[str, Distribution]
    fixed: Mapping[str, Fraction]
    ranges: Mapping[str, KpiRange]
    shared: tuple[str, ...]
    only_old: tuple[str, ...]
    only_new: tuple[str, ...]
    notes: tuple[str, ...]

    @classmethod
    def of(cls, old: Scheme, new: Scheme) -> KpiSources:
        needed = list(dict.fromkeys([*old.pay_inputs, *new.pay_inputs]))
        dists: dict[str, Distribution] = {}
        fixed: dict[str, Fraction] = {}
        ranges: dict[str, KpiRange] = {}
        notes: list[str] = []
        for name in needed:
            owners = [(label, s) for label, s in (("OLD", old), ("NEW", new)) if name in s.kpis]
            with_dist = [(label, s) for label, s in owners if s.kpis[name].distribution is not None]
            if with_dist:
                label, scheme = with_dist[0]
                dist = scheme.kpis[name].distribution
                assert dist is not None
                dists[name] = dist
                if label == "NEW" and len(owners) == 2:
                    notes.append(f"{name} has no distribution in OLD: drawn from NEW's ({dist})")
                elif len(with_dist) == 2 and str(new.kpis[name].distribution) != str(dist):
                    notes.append(
                        f"NEW declares another distribution for {name}; OLD's ({dist}) is used"
                    )
            else:
                fixed[name] = _typical_or_error(name, owners)
                notes.append(
                    f"{name} has no distribution: held at its typical value "
                    f"{format_values({name: fixed[name]}).split('=', 1)[1]}"
                )
            ranges[name] = kpi_ranges(with_dist[0][1] if with_dist else owners[0][1])[name]
        shared = tuple(k for k in needed if k in old.pay_inputs and k in new.pay_inputs)
        only_old = tuple(k for k in needed if k not in new.pay_inputs)
        only_new = tuple(k for k in needed if k not in old.pay_inputs)
        notes += [f"only OLD's pay uses {k}" for k in only_old]
        drawn = " (drawn from NEW's distribution)"
        notes += [
            f"only NEW's pay uses {k}" + (drawn if k in dists and k not in old.kpis else "")
            for k in only_new
        ]
        return cls(dists, fixed, ranges, shared, only_old, only_new, tuple(notes))


def _typical_or_error(name: str, owners: list[tuple[str, Scheme]]) -> Fraction:
    for _, scheme in owners:
        value = scheme.kpis[name].typical_value()
        if value is not None:
            return to_fraction(value)
    scheme = owners[0][1]
    location = (
        scheme.source.location(("kpi", name)) if scheme.source else Location(key=f"kpi.{name}")
    )
    raise SchemeError(
        f"KPI {name!r} has no distribution or typical value, but compare must draw it",
        location=location,
        hint=f'add distribution = {{ type = "lognormal", median = 1_000_000, sigma = 0.3 }} '
        f"(or typical = ...) under [kpi.{name}]",
    )


@dataclass(frozen=True, slots=True)
class View:
    """Managers of a segment paid alike: a segment's managers, or the people of a roster who
    have the same parameters under both schemes; ``old`` and ``new`` are the schemes as they
    are paid (:meth:`~motivsim.Scheme.person_scheme` or
    :meth:`~motivsim.Scheme.segment_scheme` of the first of them, or the scheme itself).

    ``people`` are their names in roster order (empty for a segment without a roster);
    ``count`` how many managers they are; ``key`` the two schemes' parameter values.
    """

    segment: str
    count: int
    people: tuple[str, ...]
    old: Scheme
    new: Scheme
    key: tuple[Any, Any]

    @property
    def person(self) -> str | None:
        """The first person paid this way (``None`` for a segment without a roster)."""
        return self.people[0] if self.people else None


@dataclass(frozen=True, slots=True)
class Draw:
    """A segment of the team compared: how its KPIs are drawn (``segment``: its name, its
    number of managers and the distribution overrides drawn with, ``fallback`` those of KPIs
    OLD does not declare) and the ways its managers are paid (``views``)."""

    segment: TeamSegment
    fallback: Mapping[str, Distribution]
    views: tuple[View, ...]


@dataclass(frozen=True, slots=True)
class TeamPlan:
    """Whose team is compared, its segments, and how each manager is paid under each scheme.

    The team is OLD's, unless only NEW has a roster or OLD declares no ``[team]`` and NEW
    does: then NEW's (``source``). A manager is paid, under the scheme whose team it is, by
    their own parameters (a person) or their segment's; under the other scheme by its
    counterpart: the same person, else the same segment, else the scheme itself.
    """

    draws: tuple[Draw, ...]
    source: str
    roster: bool
    notes: tuple[str, ...]

    @property
    def units(self) -> int:
        """How many pay views are evaluated per sample and per scheme."""
        return sum(len(d.views) for d in self.draws)

    @classmethod
    def of(cls, old: Scheme, new: Scheme) -> TeamPlan:
        old_first = bool(old.team.people) or (
            not new.team.people and (old.team != Team() or new.team == Team())
        )
        own, other = (old, new) if old_first else (new, old)
        labels = ("OLD", "NEW") if old_first else ("NEW", "OLD")
        views = _Views(own, other, old_first)
        notes: list[str] = []
        draws = []
        other_names = {s.name for s in other.team.segments}
        for segment in own.team.segments:
            fallback: dict[str, Distribution] = {}
            if old_first:
                drawn = segment
            else:
                drawn, fallback = _drawn_as(old, new, segment, notes)
            members = own.team.members(segment.name)
            found = views.of_people(segment, members) if members else views.of_segment(segment)
            draws.append(Draw(drawn, fallback, found))
            if other.team != Team() and segment.name not in other_names:
                whom = "those not in its roster" if members and other.team.people else "them"
                notes.append(
                    f"segment {segment.name!r} of {labels[0]}'s team is not in {labels[1]}'s: "
                    f"{labels[1]} pays {whom} by its [params]"
                )
        if not old_first:
            notes.insert(0, _team_note(own, other))
        notes += views.notes(labels)
        compared = {d.segment.name for d in draws}
        left = [s.name for s in other.team.segments if s.name not in compared]
        if left and other.team != Team():
            notes.append(
                f"{labels[1]}'s segment{'s' if len(left) > 1 else ''} "
                f"{_names([repr(s) for s in left])} "
                f"{'are' if len(left) > 1 else 'is'} not in {labels[0]}'s team: not compared"
            )
        return cls(tuple(draws), labels[0], bool(own.team.people), tuple(notes))


class _Views:
    """Builds the :class:`View`\\ s of a team: ``own`` is the scheme whose team is compared."""

    def __init__(self, own: Scheme, other: Scheme, old_first: bool) -> None:
        self.own, self.other, self.old_first = own, other, old_first
        self.other_people = {p.name for p in other.team.people}
        self.resolved = {p.name: p.params for p in own.people} if own.team.people else {}
        self.segments: dict[str, Scheme] = {}
        self.missing: list[str] = []  # own's people not in other's roster

    def counterpart(self, segment: str) -> Scheme:
        """The other scheme as it pays a manager of ``segment``: its segment, else itself."""
        found = self.segments.get(segment)
        if found is None:
            names = {s.name for s in self.other.team.segments}
            found = self.other.segment_scheme(segment) if segment in names else self.other
            self.segments[segment] = found
        return found

    def pair(self, a: _T, b: _T) -> tuple[_T, _T]:
        """``(OLD's, NEW's)`` of own's ``a`` and other's ``b``."""
        return (a, b) if self.old_first else (b, a)

    def of_segment(self, segment: TeamSegment) -> tuple[View, ...]:
        mine = self.own.segment_scheme(segment.name)
        theirs = self.counterpart(segment.name)
        old, new = self.pair(mine, theirs)
        key = self.pair(_key(mine.params), _key(theirs.params))
        return (View(segment.name, segment.count, (), old, new, key),)

    def of_people(self, segment: TeamSegment, members: Sequence[Person]) -> tuple[View, ...]:
        """The segment's people grouped by their parameter values under both schemes (people
        alike are paid alike on the same draws: one evaluation serves them all)."""
        groups: dict[tuple[Any, Any], list[str]] = {}
        for person in members:
            own_key = _key(self.resolved[person.name])
            if person.name in self.other_people:
                other_key = _key(self.other.person_params(person.name))
            else:
                if self.other.team.people:
                    self.missing.append(person.name)
                other_key = _key(self.counterpart(segment.name).params)
            groups.setdefault(self.pair(own_key, other_key), []).append(person.name)
        out = []
        for key, names in groups.items():
            first = names[0]
            mine = self.own.person_scheme(first)
            theirs = (
                self.other.person_scheme(first)
                if first in self.other_people
                else self.counterpart(segment.name)
            )
            old, new = self.pair(mine, theirs)
            out.append(View(segment.name, len(names), tuple(names), old, new, key))
        return tuple(out)

    def notes(self, labels: tuple[str, str]) -> list[str]:
        out = []
        if self.missing:
            n = len(self.missing)
            out.append(
                f"{n} of {labels[0]}'s people {'are' if n > 1 else 'is'} not in {labels[1]}'s "
                f"roster ({_names(self.missing)}): {labels[1]} pays "
                f"them by their segment's parameters, or its [params]"
            )
        mine = {p.name for p in self.own.team.people}
        extra = [p.name for p in self.other.team.people if p.name not in mine]
        if extra and self.own.team.people:
            n = len(extra)
            out.append(
                f"{n} of {labels[1]}'s people {'are' if n > 1 else 'is'} not in {labels[0]}'s "
                f"roster ({_names(extra)}): not compared"
            )
        return out


def _key(params: Mapping[str, Fraction] | Sequence[tuple[str, Fraction]]) -> tuple[Any, ...]:
    items = params.items() if isinstance(params, Mapping) else params
    return tuple(items)


def _names(names: Sequence[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _team_note(new: Scheme, old: Scheme) -> str:
    """Why NEW's team is the one compared."""
    size = new.team.size
    if new.team.people:
        what = f"NEW's roster ({size:,} {'person' if size == 1 else 'people'}; OLD has none)"
    else:
        what = f"NEW's ({size:,} manager{'s' if size != 1 else ''}; OLD declares no [team])"
    if old.team == Team():
        how = "OLD pays everyone by its [params]"
    else:
        how = "OLD pays each by their segment's parameters in OLD, or its [params]"
    return f"the team compared is {what}: {how}"


def _drawn_as(
    old: Scheme, new: Scheme, segment: TeamSegment, notes: list[str]
) -> tuple[TeamSegment, dict[str, Distribution]]:
    """How a segment of NEW's team is drawn: as OLD's segment of that name, else with NEW's
    distributions for it (a note says so), OLD's for the KPIs NEW's segment does not set."""
    names = {s.name: s for s in old.team.segments}
    if segment.name in names:
        return replace(names[segment.name], count=segment.count), {}
    if segment.overrides:
        notes.append(
            f"segment {segment.name!r} is only in NEW's team: its "
            f"{', '.join(k for k, _ in segment.overrides)} drawn from NEW's distributions for it"
        )
    overrides = tuple((k, d) for k, d in segment.overrides if k in old.kpis)
    fallback = {k: d for k, d in segment.overrides if k not in old.kpis}
    return TeamSegment(segment.name, segment.count, overrides), fallback


@dataclass(frozen=True, slots=True)
class Run:
    """The managers of one :class:`View` on their segment's paired samples: the KPI values
    and each scheme's pay for them (one array per scheme, shared by the view's people)."""

    view: View
    values: Mapping[str, FloatArray]
    old_pay: FloatArray
    new_pay: FloatArray

    @property
    def segment(self) -> str:
        """The segment's name."""
        return self.view.segment

    @property
    def count(self) -> int:
        """How many managers the run stands for."""
        return self.view.count


def run_draw(old: Scheme, plan: KpiSources, draw: Draw, samples: int, seed: int) -> list[Run]:
    """Every view of ``draw`` paid by both schemes on ``samples`` paired draws of its segment."""
    drawn = draw_segment(old, plan, draw.segment, samples, seed, fallback=draw.fallback)
    values: dict[str, Any] = {k: v for k, v in drawn.items() if k in plan.dists}
    values.update({k: np.full(samples, float(v)) for k, v in plan.fixed.items()})
    runs = []
    for view in draw.views:
        old_pay = _pay_array(view.old, values, view)
        new_pay = _pay_array(view.new, values, view)
        # a pay that depends on no KPI is one number: one per sample, as for any other pay
        old_pay, new_pay = (np.array(np.broadcast_to(p, (samples,))) for p in (old_pay, new_pay))
        runs.append(Run(view, values, old_pay, new_pay))
    return runs


def draw_segment(
    old: Scheme,
    plan: KpiSources,
    segment: TeamSegment,
    n: int,
    seed: int,
    *,
    fallback: Mapping[str, Distribution] | None = None,
) -> dict[str, FloatArray]:
    """``n`` draws of the KPIs of ``segment``: those a simulation of OLD draws, then the others
    ``plan`` draws. Whole blocks are drawn, so sample ``i`` does not depend on ``n``: the values
    are the first ``n`` of :func:`sample_kpis(old, n=m, seed=seed, segment=segment.name)
    <motivsim.simulation.sample_kpis>` for ``m`` a multiple of
    :data:`~motivsim.sampling.seeding.BLOCK_SIZE`. ``fallback`` gives distributions of KPIs OLD
    does not declare (a segment of NEW's team), before ``plan``'s.
    """
    alone = replace(old, team=Team((TeamSegment(segment.name, 1, segment.overrides),)))
    first = drawn_kpis(alone)[0]
    kpis = (*first, *(k for k in plan.dists if k not in first))
    whole = -(-n // BLOCK_SIZE) * BLOCK_SIZE
    dists = {**plan.dists, **(fallback or {})}
    drawn = draw_samples(sampling_for(alone, kpis, fallback=dists), 0, whole, seed)
    return {k: v[:n] for k, v in drawn.items()}


def _pay_array(scheme: Scheme, values: Mapping[str, Any], view: View | None = None) -> FloatArray:
    mine = {k: v for k, v in values.items() if k in scheme.kpis}
    whom = ""
    if view is not None and view.person is not None:
        whom = f" (person {view.person!r})"
    elif view is not None and view.segment != DEFAULT_SEGMENT:
        whom = f" (segment {view.segment!r})"
    try:
        return np.asarray(scheme.evaluate(mine)["pay"], dtype=np.float64)
    except EvaluationError as exc:
        raise EvaluationError(
            f"scheme {scheme.name!r}{whom}: {exc.message}", hint=exc.hint
        ) from None
    except ArgumentError as exc:  # a draw outside the [kpi] min/max this scheme declares
        raise ArgumentError(
            f"scheme {scheme.name!r}{whom} cannot be computed for the KPI values drawn: "
            f"{exc.message}",
            hint="compare draws the KPIs from OLD's distributions: give both schemes the same "
            "[kpi] min and max",
        ) from None
