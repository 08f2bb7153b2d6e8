"""The largest pay cut between two schemes: a local search from fixed starts, then shrinking.

:func:`find_largest_cut` is the one search behind both :func:`motivsim.compare` and
:func:`motivsim.testing.assert_no_pay_cut`, so the two report the same case for the same change.
It depends on the two schemes only (no random draws): every KPI either scheme's pay uses is
searched over its range (:func:`cut_ranges`), starting from the plan point, each KPI's ends with
the others at the plan, and the all-low and all-high corners (:func:`fixed_starts`). From each
start it moves one KPI at a time to where the new scheme cuts most (switching points and a grid
over the KPI's range, see :mod:`motivsim.search.ranges`), and finally shrinks the case toward the
plan and round numbers while the cut stays within 1% of the largest.

For a team whose segments or people have parameters of their own, :func:`largest_cut_among`
runs that search for each of their parameter sets (OLD's and NEW's view of them) and keeps the
largest, naming whom it is for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import EvaluationError
from motivsim.frozen import frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.money import DEFAULT_ROUNDING, format_money
from motivsim.search.ranges import (
    KpiRange,
    as_number,
    exact_pay,
    format_values,
    kpi_ranges,
    shrink,
)
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "SLACK",
    "PayCut",
    "cut_ranges",
    "cut_shares",
    "find_largest_cut",
    "fixed_starts",
    "largest_cut",
    "largest_cut_among",
]

FloatArray = npt.NDArray[np.float64]

#: A readable case may cut this much less (relatively) than the largest cut found.
SLACK: Final = Fraction(1, 100)
#: Grid points per KPI range in each step of the local search.
_GRID: Final = 64


@dataclass(frozen=True, slots=True)
class PayCut:
    """KPI values for which the new scheme pays less than the old one, exactly computed.

    ``currency`` and ``rounding`` (the new scheme's ``[scheme] rounding`` rule) are how
    ``str()`` shows the amounts. ``segment`` is the team segment the case is computed for
    (``"everyone"`` without a team, ``"any segment"`` when every segment is paid alike) and
    ``person`` the person of the roster, whose parameters the amounts are computed with
    (``None`` without a roster): ``explain --person NAME`` (or ``--segment NAME``) shows the
    same amounts.
    """

    values: Mapping[str, Fraction]
    old_pay: Fraction
    new_pay: Fraction
    segment: str = "everyone"
    currency: str | None = None
    rounding: str = DEFAULT_ROUNDING
    person: str | None = None
    #: The language ``str()`` is written in (the new scheme's).
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", frozen_mapping(self.values))

    @property
    def amount(self) -> Fraction:
        """How much less the new scheme pays."""
        return self.old_pay - self.new_pay

    @property
    def share(self) -> float:
        """The cut as a fraction of the old pay (1.0 when the old pay is 0 and the new < 0)."""
        return float(_exact_share(self.old_pay, self.new_pay))

    def __str__(self) -> str:
        """``with revenue=10,000,000, the new plan pays 12,500.00 less (−9.1%): ...``."""
        w = words(self.language)
        amount = self.money(self.amount)
        where = (
            w("cut.with", values=format_values(self.values, self.language))
            if self.values
            else w("cut.any")
        )
        return w(
            "cut",
            where=where,
            amount=amount,
            share=_percent(self.share, self.language),
            old=self.money(self.old_pay),
            new=self.money(self.new_pay),
        )

    def money(self, value: Fraction) -> str:
        """``value`` in cents by :attr:`rounding`, with separators and :attr:`currency`."""
        return format_money(value, self.currency, self.rounding, self.language)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (exact amounts as floats)."""
        return {
            "values": {k: as_number(v) for k, v in self.values.items()},
            "old_pay": float(self.old_pay),
            "new_pay": float(self.new_pay),
            "amount": float(self.amount),
            "share": self.share,
            "segment": self.segment,
            "person": self.person,
        }


def cut_shares(old: FloatArray, new: FloatArray) -> FloatArray:
    """Element-wise cut ``(old - new) / |old|`` (non-finite pay counts as no cut)."""
    with np.errstate(all="ignore"):
        share = np.where(old != 0, (old - new) / np.abs(old), np.where(new < 0, 1.0, 0.0))
    return np.where(np.isfinite(share), share, -np.inf)


def cut_ranges(old: Scheme, new: Scheme) -> dict[str, KpiRange]:
    """Where each KPI that either scheme's pay uses is searched: the range of the scheme that
    gives it a distribution (OLD's first), else of the scheme that declares it (OLD's first),
    with the switching points of both schemes (a threshold only NEW has is searched too)."""
    out: dict[str, KpiRange] = {}
    for name in dict.fromkeys([*old.pay_inputs, *new.pay_inputs]):
        owners = [s for s in (old, new) if name in s.kpis]
        with_dist = [s for s in owners if s.kpis[name].distribution is not None]
        r = kpi_ranges((with_dist or owners)[0])[name]
        points = {p for s in owners for p in kpi_ranges(s)[name].points if r.contains(p)}
        out[name] = replace(r, points=tuple(sorted(points | set(r.points))))
    return out


def fixed_starts(ranges: Mapping[str, KpiRange]) -> list[dict[str, Fraction]]:
    """The starts of the search: the plan point (each KPI at its anchor), each KPI at the low
    and at the high end of its range with the others at the plan, and all KPIs low, all high."""
    plan = {k: r.anchor for k, r in ranges.items()}
    out = [plan]
    for name, r in ranges.items():
        out += [{**plan, name: r.low}, {**plan, name: r.high}]
    out += [{k: r.low for k, r in ranges.items()}, {k: r.high for k, r in ranges.items()}]
    unique: list[dict[str, Fraction]] = []
    for point in out:
        if point not in unique:
            unique.append(point)
    return unique


def find_largest_cut(
    old: Scheme,
    new: Scheme,
    *,
    max_cut: float | None = None,
    segment: str = "everyone",
) -> PayCut | None:
    """The largest cut from ``old`` to ``new`` for the same KPI values (``None``: none found).

    The one search behind :func:`motivsim.compare` and
    :func:`motivsim.testing.assert_no_pay_cut`: it depends on the two schemes only, so both
    report the same case. ``max_cut`` keeps the readable case above it when the largest cut is;
    ``segment`` labels the case.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/dealership.toml")
    >>> find_largest_cut(scheme, scheme) is None
    True
    """
    ranges = cut_ranges(old, new)
    starts = [(segment, point) for point in fixed_starts(ranges)]
    return largest_cut(old, new, starts, ranges, max_cut=max_cut)


def largest_cut_among(
    cases: Iterable[tuple[Scheme, Scheme, str, str | None]], *, max_cut: float | None = None
) -> PayCut | None:
    """The largest of the cuts :func:`find_largest_cut` finds for each case: ``(old, new,
    segment, person)``, the two schemes as one part of the team is paid by them (a segment's
    or a person's parameters), and who that is. The case is computed with that part's
    parameters and labelled with its segment and person (the first case wins a tie)."""
    best: tuple[Fraction, PayCut] | None = None
    for old, new, segment, person in cases:
        cut = find_largest_cut(old, new, max_cut=max_cut, segment=segment)
        if cut is None:
            continue
        share = _exact_share(cut.old_pay, cut.new_pay)
        if best is None or share > best[0]:
            best = (share, replace(cut, person=person))
    return None if best is None else best[1]


def largest_cut(
    old: Scheme,
    new: Scheme,
    starts: Iterable[tuple[str, Mapping[str, Fraction]]],
    ranges: Mapping[str, KpiRange],
    *,
    max_cut: float | None = None,
) -> PayCut | None:
    """The largest cut found from ``starts`` (segment name, KPI values), made readable.

    Only the KPIs in ``ranges`` move; others keep their start values. When the cut exceeds
    ``max_cut``, the readable case still exceeds it. ``None`` when no start leads to a cut.
    """
    best: tuple[Fraction, dict[str, Fraction], str] | None = None
    for segment, start in starts:
        point = _climb(old, new, dict(start), ranges)
        share = share_at(old, new, point)
        if share is not None and share > 0 and (best is None or share > best[0]):
            best = (share, point, segment)
    if best is None:
        return None
    share, point, segment = best
    floor = share - SLACK * share
    if max_cut is not None and share > to_fraction(max_cut):
        floor = max(floor, to_fraction(max_cut) + Fraction(1, 10**9))
    fixed = {k: v for k, v in point.items() if k not in ranges}

    def keeps(trial: dict[str, Fraction]) -> bool:
        value = share_at(old, new, {**trial, **fixed})
        return value is not None and value >= floor

    moved = shrink({k: v for k, v in point.items() if k in ranges}, keeps, ranges)
    point = {k: moved.get(k, v) for k, v in point.items()}
    return PayCut(
        point,
        exact_pay(old, point),
        exact_pay(new, point),
        segment,
        None if _different_currencies(old, new) else new.currency or old.currency,
        new.rounding,
        language=new.language,
    )


def _different_currencies(old: Scheme, new: Scheme) -> bool:
    """Whether both schemes declare a currency and they differ (amounts then go unlabelled)."""
    a, b = old.currency, new.currency
    return bool(a and b and a.strip().casefold() != b.strip().casefold())


def _exact_share(before: Fraction, after: Fraction) -> Fraction:
    if before == 0:
        return Fraction(1) if after < 0 else Fraction(0)
    return (before - after) / abs(before)


def share_at(old: Scheme, new: Scheme, point: Mapping[str, Fraction]) -> Fraction | None:
    """The exact cut of NEW against OLD at ``point`` (``None`` where either cannot pay)."""
    try:
        return _exact_share(exact_pay(old, point), exact_pay(new, point))
    except EvaluationError:
        return None


def _climb(
    old: Scheme, new: Scheme, point: dict[str, Fraction], ranges: Mapping[str, KpiRange]
) -> dict[str, Fraction]:
    """Coordinate search: move one KPI at a time to the value (switching points, a grid over
    its range) where the new scheme cuts most; two rounds over the KPIs."""
    for _ in range(2):
        for name, r in ranges.items():
            cands = sorted(
                {
                    point[name],
                    *(r.clip(p + d) for p in r.points for d in (-r.fine, 0)),
                    *(r.clip(r.low + (r.high - r.low) * i / _GRID) for i in range(_GRID + 1)),
                }
            )
            arrays = {k: np.full(len(cands), float(v)) for k, v in point.items()}
            arrays[name] = np.array([float(c) for c in cands])
            shares = cut_shares(_pay(old, arrays), _pay(new, arrays))
            point = {**point, name: cands[int(np.argmax(shares))]}
    return point


def _pay(scheme: Scheme, values: Mapping[str, Any]) -> FloatArray:
    mine = {k: v for k, v in values.items() if k in scheme.kpis}
    return np.asarray(scheme.evaluate(mine, check=False)["pay"], dtype=np.float64)


def _percent(share: float, language: str = DEFAULT_LANGUAGE) -> str:
    pct = abs(share) * 100
    return words(language).localize(f"{pct:.1f}%" if pct >= 0.1 else f"{pct:.2g}%")
