"""Principle 1: those who meet the plan earn at least ``min_ratio`` times those who miss it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks.base import CheckContext, CheckResult
from motivsim.checks.targets import PlanLevel, attainment_table, plan_level
from motivsim.errors import Location, SchemeError
from motivsim.sampling.draws import (
    condition_values,
    draw_kpis,
    require_distributions,
    typical_values,
)
from motivsim.sampling.seeding import STREAM_RATIO
from motivsim.scheme.money import format_amount, to_cents

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme, Step

__all__ = [
    "NAME",
    "PRINCIPLE",
    "TITLE",
    "GroupStats",
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
    >>> scheme = motivsim.load("schemes/dealership.toml")  # doctest: +SKIP
    >>> plan_met = scheme.principles.plan_met  # doctest: +SKIP
    >>> hit, miss = group_stats(scheme, plan_met, samples=20_000, seed=1)  # doctest: +SKIP
    >>> hit.mean / miss.mean  # principle 1's ratio  # doctest: +SKIP
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
        return format_amount(to_cents(Fraction(amount), self.scheme.rounding), self.scheme.currency)

    def result(self) -> CheckResult:
        value, interval, summary, advice, passed = self.verdict()
        level = plan_level(self.scheme, self.plan_met)
        details: dict[str, Any] = {
            "plan_met": self.plan_met.text,
            "share_met": self.hit.count / self.context.samples,
            "met": self.hit.to_dict(),
            "missed": self.miss.to_dict(),
            "pay_by_attainment": _table_dict(self.scheme, level),
            "profiles": self.profiles(),
        }
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
            notes=self.notes(level, details["profiles"]),
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

    def notes(self, level: PlanLevel | None, profiles: dict[str, Any] | None) -> list[str]:
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
        if profiles:
            notes += _profile_notes(profiles, self.threshold, self.money)
        return notes

    def profiles(self) -> dict[str, Any] | None:
        """Pay of the scheme's own hitter and non-hitter profiles, and their ratio."""
        principles = self.scheme.principles
        if principles.hitter is None or principles.non_hitter is None:
            return None
        needs = needs_of(self.scheme, self.plan_met)
        out: dict[str, Any] = {}
        for label, given in (("hitter", principles.hitter), ("non_hitter", principles.non_hitter)):
            values: dict[str, Any] = typical_values(self.scheme, needs)
            values.update(given)
            missing = [k for k in needs if k not in values]
            if missing:
                return {
                    "error": f"{label} profile lacks {', '.join(missing)} and they have no "
                    "typical value or distribution"
                }
            pay = self.scheme.exact(values)["pay"]
            met = bool(
                condition_values(
                    self.scheme, self.plan_met, {k: np.array([float(v)]) for k, v in values.items()}
                )[0]
            )
            out[label] = {
                "kpis": {k: float(v) for k, v in values.items()},
                "pay": float(pay),
                "meets_plan": met,
            }
        low = out["non_hitter"]["pay"]
        out["ratio"] = out["hitter"]["pay"] / low if low > 0 else None
        return out


def _table_dict(scheme: Scheme, level: PlanLevel | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {
        "kpi": level.kpi,
        "plan_value": level.value,
        "others": dict(level.others),
        "points": [{"attainment": a, "value": v, "pay": p} for a, v, p in level.points(scheme)],
    }


def _profile_notes(profiles: dict[str, Any], threshold: float, money: Any) -> list[str]:
    if "error" in profiles:
        return [f"reference profiles: {profiles['error']}"]
    hitter, non_hitter, ratio = profiles["hitter"], profiles["non_hitter"], profiles["ratio"]
    shown = f"{ratio:.2f}x" if ratio is not None else "unbounded (the non-hitter earns nothing)"
    mark = "" if ratio is None or ratio >= threshold else f" (below {threshold:g}x)"
    notes = [
        f"reference profiles: the hitter earns {money(hitter['pay'])}, the non-hitter "
        f"{money(non_hitter['pay'])}: {shown}{mark}"
    ]
    if not hitter["meets_plan"]:
        notes.append("warning: the hitter profile does not meet plan_met")
    if non_hitter["meets_plan"]:
        notes.append("warning: the non-hitter profile meets plan_met")
    return notes
