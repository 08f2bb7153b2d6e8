"""The ``--max-cut`` gate on the people who matter: sampled managers in a band of OLD pay.

``compare(..., max_cut=0.05, among=(0.10, 0.90))`` keeps the sampled managers whose OLD pay lies
between its 10th and 90th percentile (team-wide: every person's samples with a roster, else
each segment's samples weighted by its ``count``) and fails the gate when one of them loses more
than 5% of their OLD pay. A person of a roster *fails* when at least one of their samples in the
band loses more than that (without ``among``: any of their samples). The band is taken on OLD
pay, not on a KPI: OLD pay exists for every scheme (any number of KPIs, with or without a
revenue KPI), combines the KPIs the way the plan in force values them, and does not move with
the change being judged. A manager's percentile is the *mid-rank*: the share of the team paid
less, plus half the share paid exactly the same, so managers paid the same (everyone on the base
salary) are inside or outside the band together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.comparison.pairing import Run
from motivsim.comparison.paycut import SLACK, PayCut, cut_ranges, cut_shares, share_at
from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError
from motivsim.search.ranges import exact_pay, shrink
from motivsim.validation import is_real, to_fraction

__all__ = ["Band", "Gate", "check_among", "gate", "over_share"]

FloatArray = npt.NDArray[np.float64]

#: A cut counts as "more than the gate" only above ``max_cut`` plus this (float rounding).
EPSILON: Final = 1e-9


@dataclass(frozen=True, slots=True)
class Band:
    """The sampled managers whose OLD pay lies between two percentiles, and what the gate saw.

    ``low``/``high`` are the percentiles as fractions (0.10, 0.90); ``old_pay_low`` and
    ``old_pay_high`` the lowest and highest OLD pay inside the band; ``people`` the share of the
    sampled managers in it; ``over`` the share of *them* who lose more than ``max_cut``;
    ``worst`` the sampled manager in the band who loses most (``None`` when nobody there loses).
    """

    low: float
    high: float
    old_pay_low: float
    old_pay_high: float
    people: float
    over: float
    worst: PayCut | None

    @property
    def label(self) -> str:
        """``P10..P90``."""
        return f"P{self.low * 100:g}..P{self.high * 100:g}"

    def to_dict(self) -> dict[str, Any]:
        """JSON form (shares as plain fractions)."""
        return {
            "low": self.low,
            "high": self.high,
            "old_pay_low": self.old_pay_low,
            "old_pay_high": self.old_pay_high,
            "people": self.people,
            "over_max_cut": self.over,
            "worst_cut": None if self.worst is None else self.worst.to_dict(),
        }


def check_among(among: object) -> tuple[float, float]:
    """``among`` as ``(low, high)`` percentiles, fractions with ``0 <= low < high <= 1``."""
    if (
        not isinstance(among, Sequence)
        or isinstance(among, str)
        or len(among) != 2
        or not all(is_real(v) for v in among)
    ):
        raise ArgumentTypeError(
            f"among must be a pair of percentiles as fractions, e.g. (0.10, 0.90); got {among!r}"
        )
    low, high = float(among[0]), float(among[1])
    if not 0 <= low < high <= 1:
        raise ArgumentError(
            f"among must be (low, high) with 0 <= low < high <= 1, e.g. (0.10, 0.90); got {among!r}"
        )
    return low, high


@dataclass(frozen=True, slots=True)
class Gate:
    """What the ``max_cut`` gate saw in the samples: ``over``, the share of all sampled
    managers who lose more than ``max_cut``; ``band``, the band ``among`` (or ``None``); and
    per run, the share of its samples that lose more than ``max_cut`` (and, with ``among``,
    lie in the band): a person fails the gate when theirs is above 0."""

    over: float
    band: Band | None
    runs: tuple[float, ...]


def gate(
    runs: Sequence[Run],
    max_cut: float,
    among: tuple[float, float] | None,
    currency: str | None,
    rounding: str,
) -> Gate:
    """The shares losing more than ``max_cut`` and the band ``among`` of OLD pay over ``runs``
    (every sampled manager: each run's samples weighted by its ``count``)."""
    old_pay, cut, weight = _pooled(runs)
    over = cut > max_cut + EPSILON
    shares = float(weight[over].sum() / weight.sum())
    if among is None:
        return Gate(shares, None, _per_run(runs, over))
    band, inside = _band(runs, among, old_pay, cut, weight, over, currency, rounding)
    return Gate(shares, band, _per_run(runs, over & inside))


def over_share(runs: Sequence[Run], max_cut: float) -> float:
    """Share of the sampled managers (each run weighted by its ``count``) who lose more than
    ``max_cut`` of their OLD pay."""
    _, cut, weight = _pooled(runs)
    return float(weight[cut > max_cut + EPSILON].sum() / weight.sum())


def _per_run(runs: Sequence[Run], flags: npt.NDArray[np.bool_]) -> tuple[float, ...]:
    """The share of each run's samples flagged."""
    out, start = [], 0
    for run in runs:
        stop = start + run.old_pay.size
        out.append(float(flags[start:stop].mean()))
        start = stop
    return tuple(out)


def _band(
    runs: Sequence[Run],
    among: tuple[float, float],
    old_pay: FloatArray,
    cut: FloatArray,
    weight: FloatArray,
    over: npt.NDArray[np.bool_],
    currency: str | None,
    rounding: str,
) -> tuple[Band, npt.NDArray[np.bool_]]:
    """The band ``among`` of OLD pay (see the module docstring), and which samples are in it."""
    rank = _mid_rank(old_pay, weight)
    inside = (rank >= among[0] - EPSILON) & (rank <= among[1] + EPSILON) & np.isfinite(old_pay)
    total = float(weight.sum())
    people = float(weight[inside].sum())
    if not people:
        return Band(*among, float("nan"), float("nan"), 0.0, 0.0, None), inside
    share = float(weight[inside & over].sum()) / people
    worst = None
    masked = np.where(inside, cut, -np.inf)
    i = int(np.argmax(masked))
    if masked[i] > 0:
        run, k = _locate(runs, i)
        values = {name: to_fraction(float(v[k])) for name, v in run.values.items()}
        view = run.view
        low, high = float(old_pay[inside].min()), float(old_pay[inside].max())
        values = _rounder(view.old, view.new, values, float(masked[i]), (low, high))
        try:
            worst = PayCut(
                values,
                exact_pay(view.old, values),
                exact_pay(view.new, values),
                view.segment,
                currency,
                rounding,
                view.person,
                view.new.language,
            )
        except EvaluationError:
            worst = None
    band = Band(
        among[0],
        among[1],
        float(old_pay[inside].min()),
        float(old_pay[inside].max()),
        people / total,
        share,
        worst,
    )
    return band, inside


def _rounder(
    old: Any,
    new: Any,
    values: dict[str, Fraction],
    cut: float,
    band: tuple[float, float],
) -> dict[str, Fraction]:
    """A sampled case in rounder numbers (``10,997,231.560732`` becomes ``11,000,000``) that
    still cuts at least 99% as much and keeps OLD pay inside the band (:func:`shrink`, as the
    largest cut's case is shrunk); the sampled values when nothing rounder does."""
    ranges = cut_ranges(old, new)
    if not set(values) <= set(ranges):
        return values

    def fails(point: dict[str, Fraction]) -> bool:
        share = share_at(old, new, point)
        if share is None or float(share) < cut * (1 - float(SLACK)):
            return False
        try:
            before = float(exact_pay(old, point))
        except EvaluationError:
            return False
        return band[0] <= before <= band[1]

    return shrink(values, fails, ranges)


def _pooled(runs: Sequence[Run]) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Every run's samples in one array: OLD pay, cut share, weight (``count`` / samples)."""
    old_pay = np.concatenate([r.old_pay for r in runs])
    cut = np.concatenate([cut_shares(r.old_pay, r.new_pay) for r in runs])
    weight = np.concatenate([np.full(r.old_pay.size, r.count / r.old_pay.size) for r in runs])
    return old_pay, cut, weight


def _locate(runs: Sequence[Run], index: int) -> tuple[Run, int]:
    """The run and the sample within it of pooled sample ``index``."""
    for run in runs:
        if index < run.old_pay.size:
            return run, index
        index -= run.old_pay.size
    raise IndexError(index)


def _mid_rank(values: FloatArray, weight: FloatArray) -> FloatArray:
    """Each value's weighted mid-rank percentile: weight below plus half the weight equal."""
    finite = np.isfinite(values)
    rank = np.full(values.shape, np.nan)
    unique, inverse = np.unique(values[finite], return_inverse=True)
    mass = np.bincount(inverse, weights=weight[finite], minlength=unique.size)
    below = np.cumsum(mass) - mass
    rank[finite] = ((below + mass / 2) / mass.sum())[inverse]
    return rank
