"""Two plans on last year's actual numbers: each person's pay under both, row by row.

``compare(old, new, history=...)`` and ``compare old.toml new.toml --history history.csv``
replay both plans on the same rows (:func:`motivsim.replay`: each person's periods in order,
with their own state, every row's cents exact) and report, per person, their total pay under
each plan and the change; the payroll per period and per plan year under both; and, with a
``max_cut`` gate, the people whose total pay over their history falls by more than it allows.
Those are actual people, not samples: the gate fails when one of them does.

Examples
--------
>>> rows = [{"person": "Anna", "period": 1, "revenue": 9_000_000, "cars_sold": 8},
...         {"person": "Boris", "period": 1, "revenue": 12_000_000, "cars_sold": 11}]
>>> found = compare_history("schemes/dealership.toml", "schemes/dealership.toml", rows)
>>> [(p.name, str(p.old), str(p.change)) for p in found.people]
[('Anna', '130000.00', '0.00'), ('Boris', '245000.00', '0.00')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.history.replay import ReplayResult, replay, small_cents, sum_cents
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import format_money

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["HistoryComparison", "PersonHistory", "compare_history"]

#: People listed by name in the text (the JSON has every one).
_SHOWN: Final = 10


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """One person over their rows of history: total pay under each plan (exact, in whole
    cents), the change, and whether the change breaks the gate (``None`` without one)."""

    name: str
    periods: int
    old_cents: int
    new_cents: int
    fails: bool | None = None

    @property
    def old(self) -> Decimal:
        """Total pay under OLD."""
        return Decimal(self.old_cents).scaleb(-2)

    @property
    def new(self) -> Decimal:
        """Total pay under NEW."""
        return Decimal(self.new_cents).scaleb(-2)

    @property
    def change(self) -> Decimal:
        """NEW less OLD."""
        return Decimal(self.new_cents - self.old_cents).scaleb(-2)

    @property
    def share(self) -> float | None:
        """The change as a share of OLD pay (``None`` when OLD paid nothing)."""
        return (self.new_cents - self.old_cents) / self.old_cents if self.old_cents else None

    def to_dict(self) -> dict[str, Any]:
        """JSON form (amounts as strings, exact)."""
        return {
            "name": self.name,
            "periods": self.periods,
            "old": str(self.old),
            "new": str(self.new),
            "change": str(self.change),
            "share": self.share,
            "fails": self.fails,
        }


@dataclass(frozen=True, eq=False)
class HistoryComparison:
    """Both plans replayed on the same history (see the module); ``str()`` is the report.

    ``columns`` holds the people's figures as columns (names, periods, OLD and NEW cents,
    fails); :attr:`people` makes one :class:`PersonHistory` each, on first use."""

    rows: int
    columns: tuple[tuple[Any, ...], ...] = field(repr=False)
    by_period: tuple[tuple[str, Decimal, Decimal], ...]  # (period, OLD payroll, NEW payroll)
    by_year: tuple[tuple[int, Decimal, Decimal], ...]
    currency: str | None
    rounding: str
    max_cut: float | None = None
    #: The language of ``str()`` (the new scheme's).
    language: str = DEFAULT_LANGUAGE

    @cached_property
    def people(self) -> tuple[PersonHistory, ...]:
        """Each person's figures, in order of first appearance."""
        return tuple(map(PersonHistory, *self.columns))

    @property
    def failing(self) -> tuple[PersonHistory, ...]:
        """People whose total pay falls by more than ``max_cut`` (none without a gate)."""
        return tuple(p for p in self.people if p.fails)

    @property
    def payroll_old(self) -> Decimal:
        """OLD's payroll over the whole history."""
        return Decimal(sum(self.columns[2])).scaleb(-2)

    @property
    def payroll_new(self) -> Decimal:
        """NEW's payroll over the whole history."""
        return Decimal(sum(self.columns[3])).scaleb(-2)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "rows": self.rows,
            "people": [p.to_dict() for p in self.people],
            "payroll": {"old": str(self.payroll_old), "new": str(self.payroll_new)},
            "by_period": [
                {"period": label, "old": str(a), "new": str(b)} for label, a, b in self.by_period
            ],
            "by_year": [{"year": y, "old": str(a), "new": str(b)} for y, a, b in self.by_year],
            "max_cut": self.max_cut,
            "failing": [p.name for p in self.failing],
        }

    def __str__(self) -> str:
        money = self._money
        w = words(self.language)
        lang = self.language
        losing = sorted(
            (p for p in self.people if p.new_cents < p.old_cents), key=lambda p: p.share or 0.0
        )
        people = (
            f"{len(self.people):,} people"
            if lang == DEFAULT_LANGUAGE
            else w.count(len(self.people), "person")
        )
        lines = [
            w("hist.head", rows=w.num(self.rows, ","), people=people),
            w(
                "hist.payroll",
                old=money(self.payroll_old),
                new=money(self.payroll_new),
                change=_signed(self.payroll_new - self.payroll_old, self),
                pct=_pct(self.payroll_new - self.payroll_old, self.payroll_old, lang),
            ),
        ]
        if len(self.by_year) > 1:
            lines += [
                w("hist.year", year=y, old=money(a), new=money(b), change=_signed(b - a, self))
                for y, a, b in self.by_year
            ]
        gained = sum(p.new_cents > p.old_cents for p in self.people)
        lines.append(
            w(
                "hist.counts",
                more=w.num(gained, ","),
                less=w.num(len(losing), ","),
                same=w.num(len(self.people) - gained - len(losing), ","),
            )
        )
        if losing:
            width = max(len(p.name) for p in losing[:_SHOWN])
            lines.append(w("hist.losing"))
            for p in losing[:_SHOWN]:
                lines.append(
                    f"    {p.name:<{width}}  {money(p.old)} -> {money(p.new)} "
                    f"({_signed(p.change, self)}{_pct(p.change, p.old, lang)})"
                )
            if len(losing) > _SHOWN:
                lines.append(w("hist.more", n=w.num(len(losing) - _SHOWN, ",")))
        if self.max_cut is not None:
            limit = w.localize(f"{self.max_cut * 100:g}%")
            failing = self.failing
            names = ", ".join(p.name for p in failing[:_SHOWN])
            names += ", ..." if len(failing) > _SHOWN else ""
            result = (
                w("hist.gate.fail", n=w.num(len(failing), ","), limit=limit, names=names)
                if failing
                else w("hist.gate.pass", limit=limit)
            )
            lines.append(w("hist.gate", limit=limit, result=result))
        return "\n".join(lines)

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.rounding, self.language)


def _signed(amount: Decimal, c: HistoryComparison) -> str:
    text = format_money(abs(amount), None, c.rounding, c.language)
    return f"+{text}" if amount > 0 else f"-{text}" if amount < 0 else text


def _pct(change: Decimal, base: Decimal, language: str = DEFAULT_LANGUAGE) -> str:
    return ", " + words(language).localize(f"{float(change / base):+.1%}") if base else ""


def compare_history(
    old: Scheme | str | Path,
    new: Scheme | str | Path,
    history: Any,
    *,
    max_cut: float | None = None,
) -> HistoryComparison:
    """Replay ``old`` and ``new`` on ``history`` and compare each person's pay (see the
    module). The history must have the KPI columns both plans' pay uses."""
    old_s, new_s = as_scheme(old, "old"), as_scheme(new, "new")
    a, b = replay(old_s, history), replay(new_s, history)
    return _compare(a, b, new_s, max_cut)


def _compare(
    a: ReplayResult, b: ReplayResult, new: Scheme, max_cut: float | None
) -> HistoryComparison:
    names, person = a.names, a.person
    count = np.bincount(person, minlength=len(names)).tolist()
    small = small_cents(a.cents) and small_cents(b.cents)
    old = sum_cents(person, a.cents, len(names), small=small)
    fresh = sum_cents(person, b.cents, len(names), small=small)
    if max_cut is None:
        fails: list[bool | None] = [None] * len(names)
    else:  # exactly: (before - after) / before > max_cut, in integers
        gate = Fraction(repr(max_cut))
        n, d = gate.numerator, gate.denominator
        fails = [b > 0 and (b - f) * d > b * n for b, f in zip(old, fresh, strict=True)]
    columns = (tuple(names), tuple(count), tuple(old), tuple(fresh), tuple(fails))
    periods = int(a.ordinals.max()) + 1 if a.size else 0
    present = np.bincount(a.ordinals, minlength=periods) > 0
    first = np.full(periods, -1)
    first[a.ordinals[::-1]] = np.arange(a.size - 1, -1, -1)  # each period's first row
    old_p, new_p = (sum_cents(a.ordinals, c, periods, small=small) for c in (a.cents, b.cents))
    by_period = tuple(
        (a.periods[int(first[t])], Decimal(old_p[t]).scaleb(-2), Decimal(new_p[t]).scaleb(-2))
        for t in np.flatnonzero(present).tolist()
    )
    years = int(a.years.max()) + 1 if a.size else 0
    old_y, new_y = (sum_cents(a.years, c, years, small=small) for c in (a.cents, b.cents))
    by_year = tuple(
        (y, Decimal(old_y[y]).scaleb(-2), Decimal(new_y[y]).scaleb(-2))
        for y in np.flatnonzero(np.bincount(a.years, minlength=years)).tolist()
    )
    return HistoryComparison(
        a.size, columns, by_period, by_year, new.currency, new.rounding, max_cut, new.language
    )
