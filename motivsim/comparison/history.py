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

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.errors import ArgumentError
from motivsim.history.replay import ReplayResult, replay
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import format_money

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["HistoryComparison", "PersonHistory", "compare_history"]

#: People listed by name in the text (the JSON has every one).
_SHOWN: Final = 10


@dataclass(frozen=True, slots=True)
class PersonHistory:
    """One person over their rows of history: total pay under each plan (exact cents), the
    change, and whether the change breaks the gate (``None`` without one)."""

    name: str
    periods: int
    old: Decimal
    new: Decimal
    fails: bool | None = None

    @property
    def change(self) -> Decimal:
        """NEW less OLD."""
        return self.new - self.old

    @property
    def share(self) -> float | None:
        """The change as a share of OLD pay (``None`` when OLD paid nothing)."""
        return float(self.change / self.old) if self.old else None

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


@dataclass(frozen=True, slots=True)
class HistoryComparison:
    """Both plans replayed on the same history (see the module); ``str()`` is the report."""

    rows: int
    people: tuple[PersonHistory, ...]
    by_period: tuple[tuple[str, Decimal, Decimal], ...]  # (period, OLD payroll, NEW payroll)
    by_year: tuple[tuple[int, Decimal, Decimal], ...]
    currency: str | None
    rounding: str
    max_cut: float | None = None

    @property
    def failing(self) -> tuple[PersonHistory, ...]:
        """People whose total pay falls by more than ``max_cut`` (none without a gate)."""
        return tuple(p for p in self.people if p.fails)

    @property
    def payroll_old(self) -> Decimal:
        """OLD's payroll over the whole history."""
        return sum((p.old for p in self.people), Decimal(0))

    @property
    def payroll_new(self) -> Decimal:
        """NEW's payroll over the whole history."""
        return sum((p.new for p in self.people), Decimal(0))

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
        losing = sorted((p for p in self.people if p.change < 0), key=lambda p: p.share or 0.0)
        lines = [
            f"On actual history ({self.rows:,} rows, {len(self.people):,} people, both plans "
            "replayed row by row):",
            f"  payroll: OLD {money(self.payroll_old)}, NEW {money(self.payroll_new)} "
            f"({_signed(self.payroll_new - self.payroll_old, self)}"
            f"{_pct(self.payroll_new - self.payroll_old, self.payroll_old)})",
        ]
        if len(self.by_year) > 1:
            lines += [
                f"  plan year {y}: OLD {money(a)}, NEW {money(b)} ({_signed(b - a, self)})"
                for y, a, b in self.by_year
            ]
        gained = sum(p.change > 0 for p in self.people)
        lines.append(
            f"  people paid more: {gained:,}, paid less: {len(losing):,}, "
            f"unchanged: {len(self.people) - gained - len(losing):,}"
        )
        if losing:
            width = max(len(p.name) for p in losing[:_SHOWN])
            lines.append("  paid less (most first):")
            for p in losing[:_SHOWN]:
                lines.append(
                    f"    {p.name:<{width}}  {money(p.old)} -> {money(p.new)} "
                    f"({_signed(p.change, self)}{_pct(p.change, p.old)})"
                )
            if len(losing) > _SHOWN:
                lines.append(f"    ... and {len(losing) - _SHOWN:,} more (--json lists everyone)")
        if self.max_cut is not None:
            limit = f"{self.max_cut * 100:g}%"
            failing = self.failing
            names = ", ".join(p.name for p in failing[:_SHOWN])
            lines.append(
                f"  gate --max-cut {limit} on actual people: "
                + (
                    f"FAIL: {len(failing):,} lose more than {limit} of their pay ({names}"
                    + (", ..." if len(failing) > _SHOWN else "")
                    + ")"
                    if failing
                    else f"PASS: nobody loses more than {limit} of their pay"
                )
            )
        return "\n".join(lines)

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.rounding)


def _signed(amount: Decimal, c: HistoryComparison) -> str:
    text = format_money(abs(amount), None, c.rounding)
    return f"+{text}" if amount > 0 else f"-{text}" if amount < 0 else text


def _pct(change: Decimal, base: Decimal) -> str:
    return f", {float(change / base):+.1%}" if base else ""


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
    if a.people != b.people or a.periods != b.periods:  # pragma: no cover - same input
        raise ArgumentError("the two replays read the history differently")
    return _compare(a, b, new_s, max_cut)


def _compare(
    a: ReplayResult, b: ReplayResult, new: Scheme, max_cut: float | None
) -> HistoryComparison:
    names, person = _index(a.people)
    count = np.bincount(person, minlength=len(names))
    old = _sums(person, a.cents, len(names))
    fresh = _sums(person, b.cents, len(names))
    people = []
    for i, name in enumerate(names):
        before, after = Decimal(old[i]).scaleb(-2), Decimal(fresh[i]).scaleb(-2)
        fails = None
        if max_cut is not None:
            fails = before > 0 and (before - after) > before * Decimal(repr(max_cut))
        people.append(PersonHistory(name, int(count[i]), before, after, fails))
    labels, period_of = np.unique(a.ordinals, return_inverse=True)
    label_text = {int(t): a.periods[int(r)] for r, t in _first_rows(a.ordinals)}
    old_p, new_p = (_sums(period_of, c, len(labels)) for c in (a.cents, b.cents))
    by_period = tuple(
        (label_text[int(t)], Decimal(old_p[j]).scaleb(-2), Decimal(new_p[j]).scaleb(-2))
        for j, t in enumerate(labels.tolist())
    )
    years, year_of = np.unique(a.years, return_inverse=True)
    old_y, new_y = (_sums(year_of, c, len(years)) for c in (a.cents, b.cents))
    by_year = tuple(
        (int(y), Decimal(old_y[j]).scaleb(-2), Decimal(new_y[j]).scaleb(-2))
        for j, y in enumerate(years.tolist())
    )
    return HistoryComparison(
        a.size, tuple(people), by_period, by_year, new.currency, new.rounding, max_cut
    )


def _sums(index: np.ndarray, cents: np.ndarray, size: int) -> list[int]:
    """Exact sums of cents per group (Python integers: no overflow, no rounding)."""
    out = np.zeros(size, dtype=object)
    np.add.at(out, index, cents.astype(object))
    return [int(v) for v in out]


def _first_rows(ordinals: np.ndarray) -> list[tuple[int, int]]:
    """``(row, period)`` of the first row of each period."""
    _, first = np.unique(ordinals, return_index=True)
    return [(int(r), int(ordinals[r])) for r in first]


def _index(people: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
    seen: dict[str, int] = {}
    person = np.fromiter(
        (seen.setdefault(p, len(seen)) for p in people), dtype=np.intp, count=len(people)
    )
    return tuple(seen), person
