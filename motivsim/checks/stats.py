"""The statistics behind principle 1: two groups' pay, their ratio and its interval.

:func:`split_groups` is the one arithmetic of the figure from counts and sums, shared by
``check`` (per period and per plan year) and ``simulate``'s streaming reductions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from motivsim.sampling.draws import MAX_SAMPLES

__all__ = ["GroupStats", "Moments", "TwoGroups", "plan_ratio", "ratio_interval", "split_groups"]

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


def plan_ratio(met: GroupStats, missed: GroupStats) -> float | None:
    """Principle 1's ratio: mean pay of those who meet the plan over that of those who miss it.

    ``inf`` when those who miss earn nothing and those who meet earn more; ``None`` when it
    cannot be measured (a group is empty, those who miss earn less than nothing on average,
    or nobody earns anything). Every command that shows principle 1's figure takes it from
    here.

    Examples
    --------
    >>> plan_ratio(GroupStats(40, 300.0, 0.0, 0.0), GroupStats(60, 100.0, 0.0, 0.0))
    3.0
    >>> plan_ratio(GroupStats(40, 300.0, 0.0, 0.0), GroupStats(60, 0.0, 0.0, 0.0))
    inf
    """
    if met.count == 0 or missed.count == 0 or missed.mean < 0:
        return None
    if missed.mean == 0:
        return math.inf if met.mean > 0 else None
    return met.mean / missed.mean


def split_groups(
    met_count: int,
    met_total: float,
    count: int,
    total: float,
    *,
    sd: tuple[float, float] = (math.nan, math.nan),
    median: tuple[float, float] = (math.nan, math.nan),
) -> tuple[GroupStats, GroupStats]:
    """The two groups from counts and sums: ``count`` manager-periods paid ``total`` in all,
    ``met_count`` of them meeting the plan and paid ``met_total``.

    The one arithmetic of the team's figure: :func:`measure` and ``simulate``'s streaming
    reductions (``motivsim.simulation.summarize``) both call it with the same sums, so they
    give the same digits. Means of empty groups are 0 (as :meth:`GroupStats.of`).
    """
    missed_count = count - met_count
    met = GroupStats(met_count, met_total / met_count if met_count else 0.0, sd[0], median[0])
    missed = GroupStats(
        missed_count,
        (total - met_total) / missed_count if missed_count else 0.0,
        sd[1],
        median[1],
    )
    return met, missed


class Moments:
    """Count, mean and sum of squared deviations of a stream of arrays (Chan et al.), and the
    values themselves while there are at most :data:`MAX_SAMPLES` (for the median)."""

    def __init__(self) -> None:
        self.n, self.mean, self.m2 = 0, 0.0, 0.0
        self.kept: list[FloatArray] | None = []

    def add(self, x: FloatArray) -> None:
        if x.size == 0:
            return
        n_b = int(x.size)
        mean_b = float(x.mean())
        m2_b = float(np.square(x - mean_b).sum())
        n = self.n + n_b
        delta = mean_b - self.mean
        self.mean += delta * n_b / n
        self.m2 += m2_b + delta * delta * self.n * n_b / n
        self.n = n
        if self.kept is not None:
            if n > MAX_SAMPLES:
                self.kept = None
            else:
                self.kept.append(np.array(x, dtype=np.float64).reshape(-1))

    def sd(self) -> float:
        return math.sqrt(self.m2 / (self.n - 1)) if self.n > 1 else 0.0 if self.n else math.nan

    def median(self) -> float:
        if self.n == 0:
            return 0.0
        if self.kept is None:
            return math.nan
        return float(np.median(np.concatenate(self.kept)))


class TwoGroups:
    """Principle 1's figure of two groups, ``met`` and ``missed`` (a base of the results that
    hold them: a period's :class:`~motivsim.checks.ratio.PlanSplit`, a plan year's
    :class:`~motivsim.checks.years.YearSplit`)."""

    __slots__ = ()
    met: GroupStats
    missed: GroupStats

    @property
    def ratio(self) -> float | None:
        """Principle 1's figure (:func:`plan_ratio`)."""
        return plan_ratio(self.met, self.missed)

    @property
    def count(self) -> int:
        """The draws in the two groups (manager-periods, or manager-years)."""
        return self.met.count + self.missed.count

    @property
    def share_met(self) -> float | None:
        """Share of the draws that meet the plan."""
        return self.met.count / self.count if self.count else None
