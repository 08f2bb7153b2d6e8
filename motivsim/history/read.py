"""Actual history: one row per person and pay period, read from a CSV file, rows or a DataFrame.

A history has a ``person`` column, a ``period`` column and one column per KPI; columns named like
parameters of the scheme give that row its own value (a quota for that month). Other columns
(a CRM export's region or e-mail) are left out, and the result says which.

``period`` is a whole number counting from 1 (period 13 of a monthly plan is the first month of
its second plan year), an ISO month ``2026-03``, a quarter ``2026-Q2`` or a date ``2026-03-15``
(its month). Dated periods are placed in plan years by ``[scheme] year_start`` and
``periods_per_year``: a quarterly plan starting in April has ``2026-05`` in its first quarter.

Every row is checked: a missing KPI value, a text where a number belongs, two rows for one
person and period, a gap in a person's periods. Errors name the file, line and column (or the
row, for rows given in Python).

Examples
--------
>>> import motivsim
>>> scheme = motivsim.load("schemes/dealership.toml")
>>> history = read_history(
...     [{"person": "Anna", "period": "2026-01", "revenue": 9_000_000, "cars_sold": 8},
...      {"person": "Anna", "period": "2026-02", "revenue": 11_000_000, "cars_sold": 12}],
...     scheme)
>>> history.periods, history.clock
((0, 1), 'month')
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from motivsim.csvtable import Cell, Table, cell_number, read_table
from motivsim.errors import ArgumentError, ArgumentTypeError, Location, MotivsimError, SchemeError
from motivsim.validation import closest, to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["History", "read_history"]

_MONTH: Final = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER: Final = re.compile(r"(\d{4})-?[Qq]([1-4])")
_DATE: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: Most periods a history may span (a century of months).
MAX_SPAN: Final = 1_200


@dataclass(frozen=True, slots=True)
class History:
    """The rows of a history, checked, as columns (``row`` order is the input's).

    ``periods`` are 0-based period numbers counted from the plan year that holds the first row's
    period (0 is the first period of that year); ``values`` maps each KPI and parameter column
    to its exact values; ``where`` says where each row came from (for errors).
    """

    people: tuple[str, ...]
    periods: tuple[int, ...]
    values: Mapping[str, tuple[Fraction | None, ...]]  # None: a blank parameter cell
    where: tuple[Location, ...]
    labels: tuple[str, ...]
    clock: str  # "number", "month", "quarter"
    unused: tuple[str, ...] = ()
    first_year: int = 0  # the calendar year of the first plan year, for dated periods

    @property
    def size(self) -> int:
        """The number of rows."""
        return len(self.people)


class _Rows:
    """Cells of a history: text (CSV) or Python values, each with where it came from."""

    def __init__(self, header: list[str], rows: list[list[Any]], where: list[Location]) -> None:
        self.header = header
        self.rows = rows
        self.where = where
        self.table: Table | None = None
        self.cells: list[list[Cell]] | None = None

    def location(self, row: int, column: int | None = None) -> Location:
        if self.cells is not None and column is not None and self.table is not None:
            cells = self.cells[row]
            if column < len(cells):
                return self.table.location(cells[column])
        return self.where[row]

    def error(
        self, message: str, row: int, column: int | None = None, hint: str | None = None
    ) -> SchemeError:
        return SchemeError(message, location=self.location(row, column), hint=hint)


def read_history(data: Any, scheme: Scheme) -> History:
    """Read ``data`` (a CSV path, a list of dicts, or a pandas DataFrame) for ``scheme``."""
    rows = _rows(data)
    header = rows.header
    person_col = _column(rows, ("person", "name"), "person", "the person's name, e.g. Anna Petrova")
    period_col = _column(rows, ("period",), "period", "1, 2, 3... or a month such as 2026-03")
    wanted = set(scheme.kpis) | set(scheme.params)
    used = {name: i for i, name in enumerate(header) if name in wanted}
    needed = scheme.pay_inputs
    missing = [k for k in needed if k not in used]
    if missing:
        close = {k: closest(k, header) for k in missing}
        hint = "; ".join(f"did you mean {v!r} for {k}?" for k, v in close.items() if v)
        raise SchemeError(
            "the history has no column for "
            + ", ".join(repr(k) for k in missing)
            + " (pay needs it)",
            location=rows.location(0, 0) if rows.rows else rows.where[0],
            hint=hint or "columns: " + ", ".join(header),
        )
    skip = {"person", "name", "period", "segment"}
    unused = tuple(h for h in header if h not in wanted and h not in skip and h)
    people: list[str] = []
    labels: list[str] = []
    stamps: list[tuple[str, int, int]] = []  # (kind, year, index)
    values: dict[str, list[Fraction | None]] = {k: [] for k in used}
    for r, row in enumerate(rows.rows):
        name = _text(row, person_col)
        if not name:
            raise rows.error("this row has no person", r, person_col, "write the person's name")
        people.append(name)
        label = _text(row, period_col)
        labels.append(label)
        stamps.append(_period(label, rows, r, period_col))
        for column, i in used.items():
            values[column].append(_number(rows, r, i, column, column in scheme.kpis))
    kinds = {k for k, _, _ in stamps}
    if len(kinds) > 1:
        first = next(i for i, s in enumerate(stamps) if s[0] != stamps[0][0])
        raise rows.error(
            f"periods are written two ways: {labels[0]!r} and {labels[first]!r}",
            first,
            period_col,
            "number every period (1, 2, 3...) or date every period (2026-03)",
        )
    kind = stamps[0][0] if stamps else "number"
    ordinals, first_year = _ordinals(stamps, kind, scheme, rows)
    _check_sequences(people, ordinals, rows, period_col)
    return History(
        tuple(people),
        tuple(ordinals),
        {k: tuple(v) for k, v in values.items()},
        tuple(rows.location(r, period_col) for r in range(len(rows.rows))),
        tuple(labels),
        kind,
        unused,
        first_year,
    )


# -- the input forms ------------------------------------------------------------------------
def _rows(data: Any) -> _Rows:
    if isinstance(data, str | Path):
        table = read_table(data, what="history")
        header = [c.text for c in table.header]
        cells = [list(row) for row in table.rows]
        width = len(header)
        for row in cells:
            if len(row) > width:
                raise table.error(
                    f"this row has {len(row)} cells but the header names {width} columns",
                    row[width],
                    "a comma inside a number splits it: write 250000 or use ; between cells"
                    if table.delimiter == ","
                    else "remove the extra cells or name their columns",
                )
        out = _Rows(header, [[c.text for c in row] for row in cells], [])
        out.where = [table.location(row[0]) for row in cells]
        out.table, out.cells = table, cells
        if not cells:
            raise table.error("the history has no rows", None, "add a line per person and period")
        return out
    if _is_frame(data):
        header = [str(c) for c in data.columns]
        records = data.to_dict("records")
        index = list(data.index)
        rows = [[rec[c] for c in data.columns] for rec in records]
        where = [Location(key=f"row {i!r}") for i in index]
        if not rows:
            raise ArgumentError("the history has no rows")
        return _Rows(header, rows, where)
    if isinstance(data, Sequence) and not isinstance(data, bytes) and data:
        if not all(isinstance(r, Mapping) for r in data):
            raise ArgumentTypeError(
                "a history given as a list must hold one dict per row",
                hint="e.g. [{'person': 'Anna', 'period': 1, 'revenue': 9_000_000}]",
            )
        header = list(dict.fromkeys(k for r in data for k in r))
        rows = [[r.get(k) for k in header] for r in data]
        return _Rows(
            [str(h) for h in header], rows, [Location(key=f"row {i}") for i in range(len(rows))]
        )
    raise ArgumentTypeError(
        f"history must be a CSV file's path, a list of dicts or a pandas DataFrame, got "
        f"{type(data).__name__}",
        hint="e.g. motivsim.replay(scheme, 'history.csv')",
    )


def _is_frame(data: Any) -> bool:
    return type(data).__module__.startswith("pandas") and hasattr(data, "to_dict")


def _column(rows: _Rows, names: tuple[str, ...], what: str, example: str) -> int:
    for name in names:
        if name in rows.header:
            return rows.header.index(name)
    close = closest(what, rows.header)
    raise SchemeError(
        f"the history has no {what!r} column",
        location=rows.location(0, 0) if rows.rows else None,
        hint=(f"did you mean {close!r}? " if close else "") + f"the {what} column holds {example}",
    )


def _text(row: list[Any], i: int) -> str:
    value = row[i] if i < len(row) else None
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if hasattr(value, "isoformat") and callable(value.isoformat):  # pandas Timestamp, Period
        return str(value.isoformat())[:10]
    return str(value).strip()


def _number(rows: _Rows, r: int, i: int, column: str, required: bool) -> Fraction | None:
    """The exact number of a cell; ``None`` for a blank cell where one is allowed (a
    parameter's: the row keeps the scheme's value)."""
    value = rows.rows[r][i] if i < len(rows.rows[r]) else None
    if rows.table is not None and rows.cells is not None:
        cells = rows.cells[r]
        if i >= len(cells) or not cells[i].text:
            if required:
                raise rows.error(
                    f"this row has no value of {column!r}",
                    r,
                    min(i, len(cells) - 1),
                    "every row needs every KPI pay uses",
                )
            return None
        return cell_number(rows.table, cells[i], column=column)
    if value is None or (isinstance(value, float) and value != value):
        if required:
            raise rows.error(f"this row has no value of {column!r}", r)
        return None
    try:
        return to_fraction(value, f"{column!r}")
    except MotivsimError as exc:
        raise rows.error(f"{column!r}: {exc.message}", r) from None


# -- periods ----------------------------------------------------------------------------------
def _period(label: str, rows: _Rows, r: int, column: int) -> tuple[str, int, int]:
    """``(kind, year, index)``: ``("number", 0, n)``, ``("month", y, m)``, ``("quarter", y, q)``."""
    if not label:
        raise rows.error("this row has no period", r, column, "write 1, 2, 3... or 2026-03")
    if label.isdigit():
        number = int(label)
        if not 1 <= number <= MAX_SPAN:
            raise rows.error(
                f"period {label} is out of range: periods count from 1 to {MAX_SPAN}", r, column
            )
        return ("number", 0, number)
    if (found := _DATE.fullmatch(label)) or (found := _MONTH.fullmatch(label)):
        year, month = int(found.group(1)), int(found.group(2))
        if found.re is _DATE:
            try:
                dt.date(year, month, int(found.group(3)))
            except ValueError as exc:
                raise rows.error(f"{label!r} is not a date: {exc}", r, column) from None
        if not 1 <= month <= 12:
            raise rows.error(f"{label!r} has no month {month}", r, column, "months are 01 to 12")
        return ("month", year, month)
    if found := _QUARTER.fullmatch(label):
        return ("month", int(found.group(1)), (int(found.group(2)) - 1) * 3 + 1)
    raise rows.error(
        f"{label!r} is not a period",
        r,
        column,
        "write a period number (1, 2, 3...), a month (2026-03), a quarter (2026-Q2) or a date",
    )


def _ordinals(
    stamps: list[tuple[str, int, int]], kind: str, scheme: Scheme, rows: _Rows
) -> tuple[list[int], int]:
    """0-based period numbers counted from the start of the first row's plan year."""
    if kind == "number":
        return [n - 1 for _, _, n in stamps], 0
    per_year = scheme.periods_per_year
    if per_year is None or 12 % per_year:
        raise rows.error(
            "dated periods need a plan of months, quarters, half-years or years"
            + ("" if per_year is None else f" (this one has {per_year} periods a year)"),
            0,
            None,
            "number the periods 1, 2, 3... instead",
        )
    months = 12 // per_year
    shift = scheme.year_start - 1
    counted = [(y * 12 + m - 1 - shift) // months for _, y, m in stamps]
    first = min(counted)
    year0 = first // per_year  # the plan year of the earliest row
    start = year0 * per_year
    first_year = (year0 * per_year * months + shift) // 12
    out = [c - start for c in counted]
    if max(out) >= MAX_SPAN:
        raise rows.error(f"the history spans more than {MAX_SPAN} periods", out.index(max(out)))
    return out, first_year


def _check_sequences(people: list[str], ordinals: list[int], rows: _Rows, column: int) -> None:
    """No two rows for one person and period; no gap in a person's periods."""
    seen: dict[tuple[str, int], int] = {}
    by_person: dict[str, list[int]] = {}
    for r, (name, t) in enumerate(zip(people, ordinals, strict=True)):
        if (name, t) in seen:
            first = rows.location(seen[(name, t)], column)
            raise rows.error(
                f"{name!r} has two rows for one period (the other at "
                f"{first.prefix() if first.line else first.key})",
                r,
                column,
                "keep one row per person and period (sum the deals of a period first)",
            )
        seen[(name, t)] = r
        by_person.setdefault(name, []).append(r)
    for name, found in by_person.items():
        order = sorted(found, key=lambda r: ordinals[r])
        for before, after in itertools.pairwise(order):
            if ordinals[after] != ordinals[before] + 1:
                raise rows.error(
                    f"{name!r} has no row for the period after this one's (a gap in their history)",
                    before,
                    column,
                    "add the missing period (with zeros if they sold nothing), or split the "
                    "person in two",
                )
