"""Principle 1: those who meet the plan earn at least ``min_ratio`` times those who miss it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks.base import CheckContext, CheckResult
from motivsim.checks.targets import PlanLevel, attainment_table, plan_level
from motivsim.errors import Location, SchemeError
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.sampling.draws import (
    condition_values,
    draw_kpis,
    require_distributions,
    typical_values,
)
from motivsim.sampling.seeding import STREAM_RATIO
from motivsim.scheme.money import format_money

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme, Step

__all__ = [
    "NAME",
    "PRINCIPLE",
    "TITLE",
    "AttainmentPoint",
    "AttainmentTable",
    "GroupStats",
    "Profile",
    "Profiles",
    "RatioDetails",
    "group_stats",
    "needs_of",
    "plan_met_of",
    "ratio_interval",
    "run",
]

NAME: Final = "ratio"
PRINCIPLE: Final = 1
TITLE: Final = "Those who meet the plan earn at least {x}x those who miss it"
#: Below this many samples in a group, its mean is flagged as rough.
_FEW: Final = 30

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class GroupStats:
    """Pay of one group of samples (plan met or missed): size, mean, standard deviation, median."""

    count: int
    mean: float
    sd: float
    median: float

    @classmethod
    def of(cls, pay: FloatArray) -> GroupStats:
        """The statistics of ``pay`` (zeros for an empty group)."""
        if pay.size == 0:
            return cls(0, 0.0, 0.0, 0.0)
        sd = float(pay.std(ddof=1)) if pay.size > 1 else 0.0
        return cls(int(pay.size), float(pay.mean()), sd, float(np.median(pay)))

    def to_dict(self) -> dict[str, float | int]:
        """JSON form."""
        return {"count": self.count, "mean": self.mean, "sd": self.sd, "median": self.median}


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
    """Pay by plan attainment along KPI ``kpi`` (plan at ``plan_value``; ``others`` held)."""

    kpi: str
    plan_value: float
    others: Mapping[str, float] = field(default_factory=FrozenMap)
    points: tuple[AttainmentPoint, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "others", frozen_mapping(self.others))
        object.__setattr__(self, "points", tuple(self.points))

    @classmethod
    def of(cls, scheme: Scheme, level: PlanLevel) -> AttainmentTable:
        """The table of ``level``: pay at each of its points (:meth:`PlanLevel.points`)."""
        points = tuple(AttainmentPoint(a, v, p) for a, v, p in level.points(scheme))
        return cls(level.kpi, level.value, level.others, points)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``kpi``, ``plan_value``, ``others`` and ``points``."""
        return {
            "kpi": self.kpi,
            "plan_value": self.plan_value,
            "others": dict(self.others),
            "points": [p.to_dict() for p in self.points],
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
    """The figures behind principle 1: the ``plan_met`` condition, the share of samples that
    meet it, pay of the two groups, pay by plan attainment and the reference profiles
    (``None`` when the plan level cannot be found or the scheme has no profiles)."""

    plan_met: str
    share_met: float
    met: GroupStats
    missed: GroupStats
    pay_by_attainment: AttainmentTable | None = None
    profiles: Profiles | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``details`` of ``ratio`` in ``docs/check.md``)."""
        return {
            "plan_met": self.plan_met,
            "share_met": self.share_met,
            "met": self.met.to_dict(),
            "missed": self.missed.to_dict(),
            "pay_by_attainment": (
                None if self.pay_by_attainment is None else self.pay_by_attainment.to_dict()
            ),
            "profiles": None if self.profiles is None else self.profiles.to_dict(),
        }


def ratio_interval(hit: GroupStats, miss: GroupStats, confidence: float) -> tuple[float, float]:
    """Delta-method interval of ``hit.mean / miss.mean`` (both means positive), on the log scale.

    ``se(log R)^2 = sd_h^2 / (n_h m_h^2) + sd_m^2 / (n_m m_m^2)``: the two groups are
    disjoint sets of independent samples, so their means are independent given the group sizes.

    Examples
    --------
    >>> low, high = ratio_interval(GroupStats(400, 300.0, 60.0, 290.0),
    ...                            GroupStats(600, 100.0, 20.0, 95.0), 0.95)
    >>> round(low, 3), round(high, 3)
    (2.925, 3.077)
    """
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    rel = hit.sd**2 / (hit.count * hit.mean**2) + miss.sd**2 / (miss.count * miss.mean**2)
    ratio = hit.mean / miss.mean
    spread = math.exp(z * math.sqrt(rel))
    return ratio / spread, ratio * spread


def run(context: CheckContext) -> CheckResult:
    """Measure principle 1 on ``context.scheme`` by Monte Carlo (``context.samples`` draws)."""
    scheme = context.scheme
    plan_met = plan_met_of(scheme)
    hit, miss = group_stats(scheme, plan_met, samples=context.samples, seed=context.seed)
    return _Builder(scheme, plan_met, context, hit, miss).result()


def group_stats(
    scheme: Scheme, plan_met: Step, *, samples: int, seed: int
) -> tuple[GroupStats, GroupStats]:
    """Pay of the sampled periods that meet ``plan_met`` and of those that miss it.

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
    """Turns the two groups' statistics into the verdict, the figures and the advice."""

    def __init__(
        self,
        scheme: Scheme,
        plan_met: Step,
        context: CheckContext,
        hit: GroupStats,
        miss: GroupStats,
    ) -> None:
        self.scheme, self.plan_met, self.context = scheme, plan_met, context
        self.hit, self.miss = hit, miss
        self.threshold = scheme.principles.min_ratio

    def money(self, amount: float) -> str:
        return format_money(amount, self.scheme.currency, self.scheme.rounding)

    def result(self) -> CheckResult:
        value, interval, summary, advice, passed = self.verdict()
        level = plan_level(self.scheme, self.plan_met)
        details = RatioDetails(
            plan_met=self.plan_met.text,
            share_met=self.hit.count / self.context.samples,
            met=self.hit,
            missed=self.miss,
            pay_by_attainment=None if level is None else AttainmentTable.of(self.scheme, level),
            profiles=self.profiles(),
        )
        return CheckResult(
            name=NAME,
            principle=PRINCIPLE,
            title=TITLE.format(x=f"{self.threshold:g}"),
            passed=passed,
            value=value,
            threshold=self.threshold,
            comparison=">=",
            summary=summary,
            interval=interval,
            advice=advice,
            details=details,
            notes=self.notes(level, details.profiles),
        )

    def verdict(self) -> tuple[float | None, tuple[float, float] | None, str, str, bool]:
        hit, miss, t = self.hit, self.miss, self.threshold
        if hit.count == 0:
            return (
                None,
                None,
                (f"no sample meets the plan ({self.plan_met.text}): the ratio cannot be measured"),
                (
                    f"nobody reached the plan in {self.context.samples:,} simulated periods: "
                    "lower the plan, or check plan_met and the KPI distributions"
                ),
                False,
            )
        if miss.count == 0:
            return (
                None,
                None,
                (f"every sample meets the plan ({self.plan_met.text}): nobody misses it"),
                ("a plan everyone meets does not separate strong performers: raise the plan"),
                False,
            )
        if miss.mean < 0:
            return (
                None,
                None,
                (
                    f"those who miss the plan earn {self.money(miss.mean)} on average: "
                    "a negative mean"
                ),
                "pay must not be negative: add a floor, e.g. max(..., 0)",
                False,
            )
        if miss.mean == 0:
            if hit.mean > 0:
                return (
                    math.inf,
                    None,
                    (
                        f"those who miss the plan earn nothing, those who meet it "
                        f"{self.money(hit.mean)} on average: the ratio is unbounded"
                    ),
                    "",
                    True,
                )
            return (
                None,
                None,
                "nobody earns anything: pay is 0 in every sample",
                ("check the formula: pay is 0 whatever the KPIs"),
                False,
            )
        ratio = hit.mean / miss.mean
        interval = ratio_interval(hit, miss, self.context.confidence) if hit.mean > 0 else None
        summary = (
            f"those who meet the plan earn {ratio:.2f}x those who miss it"
            + (
                f" ({self.context.confidence:.0%} interval {interval[0]:.2f}x to "
                f"{interval[1]:.2f}x)"
                if interval
                else ""
            )
            + f"; needed: at least {t:g}x"
        )
        passed = ratio >= t
        return ratio, interval, summary, "" if passed else self.advice(ratio), passed

    def advice(self, ratio: float) -> str:
        share = f"{1 / ratio:.0%}" if ratio > 0 else "more than"
        return (
            f"non-hitters earn {share} of hitters' pay; to reach {self.threshold:g}x pay less "
            "below the plan or more above it: a smaller base or commission below plan, a bonus "
            "for meeting the plan, or an accelerator (a higher rate above 100% of plan)"
        )

    def notes(self, level: PlanLevel | None, profiles: Profiles | None) -> list[str]:
        n, hit, miss = self.context.samples, self.hit, self.miss
        notes = [f"{hit.count / n:.1%} of {n:,} samples meet the plan ({self.plan_met.text})"]
        if hit.count and miss.count:
            notes.append(
                f"mean pay: {self.money(hit.mean)} if met, {self.money(miss.mean)} if missed; "
                f"median: {self.money(hit.median)} and {self.money(miss.median)}"
            )
        for label, group in (("meet", hit), ("miss", miss)):
            if 0 < group.count < _FEW:
                notes.append(
                    f"only {group.count} samples {label} the plan: the figure is rough; "
                    "run with more --samples"
                )
        value = hit.mean / miss.mean if miss.mean > 0 else None
        if value is not None and hit.count >= 2 and miss.count >= 2 and hit.mean > 0:
            low, high = ratio_interval(hit, miss, self.context.confidence)
            if low < self.threshold <= high:
                notes.append(
                    f"the {self.threshold:g}x threshold lies inside the interval: the verdict may "
                    "change with another seed; run with more --samples"
                )
        if level is not None:
            notes += attainment_table(self.scheme, level, self.money)
        if profiles is not None:
            notes += _profile_notes(profiles, self.threshold, self.money)
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
                    error=f"{label} profile lacks {', '.join(missing)} and they have no "
                    "typical value or distribution"
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


def _profile_notes(
    profiles: Profiles, threshold: float, money: Callable[[float], str]
) -> list[str]:
    hitter, non_hitter, ratio = profiles.hitter, profiles.non_hitter, profiles.ratio
    if profiles.error is not None or hitter is None or non_hitter is None:
        return [f"reference profiles: {profiles.error}"]
    shown = f"{ratio:.2f}x" if ratio is not None else "unbounded (the non-hitter earns nothing)"
    mark = "" if ratio is None or ratio >= threshold else f" (below {threshold:g}x)"
    notes = [
        f"reference profiles: the hitter earns {money(hitter.pay)}, the non-hitter "
        f"{money(non_hitter.pay)}: {shown}{mark}"
    ]
    if not hitter.meets_plan:
        notes.append("warning: the hitter profile does not meet plan_met")
    if non_hitter.meets_plan:
        notes.append("warning: the non-hitter profile meets plan_met")
    return notes
