"""Actual history: one row per person and pay period, read from a CSV file, rows or a DataFrame.

A history has a ``person`` column (``name`` is read too), a ``period`` column and one column
per KPI; columns named like parameters of the scheme give that row its own value (a quota for
that month; a blank cell keeps the scheme's). Other columns (a CRM export's region or e-mail)
are left out, and the result says which.

``period`` is a whole number counting from 1 (period 13 of a monthly plan is the first month of
its second plan year), an ISO month ``2026-03``, a quarter ``2026-Q2`` or a date ``2026-03-15``
(its month). Dated periods are placed in plan years by ``[scheme] year_start`` and
``periods_per_year``: a quarterly plan starting in April has ``2026-05`` in its first quarter.

Every row is checked: a missing KPI value, a text where a number belongs, two rows for one
person and period, a gap in a person's periods. Errors name the file, line and column (or the
row, for rows given in Python). A file of a million rows is read column by column with numpy:
numbers are parsed as floats and kept exactly as written (a cell whose decimal a float does not
spell, such as one of 17 digits, keeps its exact value beside the float).

Examples
--------
>>> import motivsim
>>> scheme = motivsim.load("schemes/dealership.toml")
>>> history = read_history(
...     [{"person": "Anna", "period": "2026-01", "revenue": 9_000_000, "cars_sold": 8},
...      {"person": "Anna", "period": "2026-02", "revenue": 11_000_000, "cars_sold": 12}],
...     scheme)
>>> history.periods.tolist(), history.clock, history.value("revenue", 1)
([0, 1], 'month', Fraction(11000000, 1))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim import limits
from motivsim.csvtable import Cell, Table, cell_number, parse_table
from motivsim.errors import ArgumentError, ArgumentTypeError, Location, MotivsimError, SchemeError
from motivsim.formula.certified import Known, known_of
from motivsim.validation import closest, float_exact, to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["MAX_ROWS", "History", "read_history", "tidy_rows", "value_range"]

#: Most rows of a history (its file is at most ``limits.MAX_CSV_BYTES`` too).
MAX_ROWS: Final = 5_000_000
#: Most periods a history may span (a century of months).
MAX_SPAN: Final = 1_200
_MONTH: Final = re.compile(r"(\d{4})-(\d{1,2})")
_QUARTER: Final = re.compile(r"(\d{4})-?[Qq]([1-4])")
_DATE: Final = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: A text of at most this many characters has at most 15 significant digits: its float reads
#: back as the same decimal.
_SHORT: Final = 15

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class History:
    """The rows of a history, checked, as columns (in the input's row order).

    ``periods`` are 0-based period numbers counted from the start of the plan year that holds
    the earliest row (0 is that year's first period). ``columns`` maps each KPI and parameter
    column to its values as floats (NaN for a blank cell); :meth:`value` gives a cell's exact
    value.
    """

    people: tuple[str, ...]
    periods: npt.NDArray[np.intp]
    columns: Mapping[str, FloatArray]
    labels: tuple[str, ...]
    clock: str  # "number" or "month"
    unused: tuple[str, ...] = ()
    first_year: int = 0  # the calendar year of the first plan year, for dated periods
    exact: Mapping[str, Mapping[int, Fraction]] = field(default_factory=dict, repr=False)
    source: Any = field(default=None, repr=False)
    #: Each row's person as an index into :attr:`names` (people in order of first appearance).
    person: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, np.intp))
    names: tuple[str, ...] = ()
    #: What is known of a column's values, blank cells read as 0: ``(lowest, highest, every
    #: value whole)`` (a :data:`~motivsim.formula.certified.Known`), found when it is read.
    ranges: Mapping[str, Known] = field(default_factory=dict, repr=False)
    #: Whether the rows come person by person (in :attr:`names` order), each person's periods
    #: in order from the plan year's first, every person with the same periods
    #: (:func:`tidy_rows`).
    tidy: bool = False

    @property
    def size(self) -> int:
        """The number of rows."""
        return len(self.people)

    def value(self, name: str, row: int) -> Fraction | None:
        """The exact value of column ``name`` in ``row`` (``None`` for a blank cell)."""
        found = self.exact.get(name, {}).get(row)
        if found is not None:
            return found
        x = float(self.columns[name][row])
        if math.isnan(x):
            return None
        return Fraction(int(x)) if x.is_integer() else Fraction(repr(x))

    def float_exact(self, name: str) -> npt.NDArray[np.bool_]:
        """Rows whose float of ``name`` is its exact value (blank cells count as exact)."""
        out = np.ones(self.size, dtype=bool)
        out[list(self.exact.get(name, {}))] = False
        return out

    def where(self, row: int) -> Location:
        """Where ``row`` is (its period cell), for a message."""
        if self.source is None:
            return Location(key=f"row {row}")
        found: Location = self.source.location(row, self.source.period_col)
        return found

    def subset(self, rows: Sequence[int]) -> History:
        """The history of ``rows`` only (their order kept)."""
        index = np.asarray(rows, dtype=np.intp)
        position = {int(r): i for i, r in enumerate(index)}
        people = tuple(self.people[r] for r in index)
        names, person = _index(people)
        return History(
            people,
            self.periods[index],
            {k: v[index] for k, v in self.columns.items()},
            tuple(self.labels[r] for r in index),
            self.clock,
            self.unused,
            self.first_year,
            {
                k: {position[r]: v for r, v in cells.items() if r in position}
                for k, cells in self.exact.items()
            },
            _Subset(self, index),
            person,
            names,
            self.ranges,  # a part's values lie within the whole's range
        )


class _Subset:
    """Locations of a subset's rows: the original rows'."""

    def __init__(self, history: History, index: npt.NDArray[np.intp]) -> None:
        self.history = history
        self.index = index
        self.period_col = 0

    def location(self, row: int, column: int | None = None) -> Location:
        return self.history.where(int(self.index[row]))


class _Source:
    """The cells of a history as columns, and where each is (found only for messages)."""

    def __init__(
        self,
        header: list[str],
        columns: list[Sequence[Any]],
        size: int,
        *,
        table: Table | None = None,
        lines: Sequence[int] | None = None,
        cells: list[tuple[Cell, ...]] | None = None,
        labels: Sequence[str] | None = None,
    ) -> None:
        self.header = header
        self.columns = columns
        self.size = size
        self.table = table
        self.lines = lines  # the line of each row in the file (plain CSV)
        self.cells = cells  # every cell with its place (CSV with quotes)
        self.labels = labels  # how rows given in Python are named
        self.period_col = 0

    def cell(self, row: int, column: int) -> Cell | None:
        """The CSV cell of ``row`` and ``column``, with its line and column."""
        if self.table is None:
            return None
        if self.cells is not None:
            cells = self.cells[row]
            return cells[min(column, len(cells) - 1)] if cells else None
        assert self.lines is not None
        line = self.lines[row]
        text = self.table.lines[line - 1]
        start = 0
        parts = text.split(self.table.delimiter)
        for part in parts[: min(column, len(parts) - 1)]:
            start += len(part) + 1
        part = parts[min(column, len(parts) - 1)]
        lead = len(part) - len(part.lstrip())
        return Cell(part.strip(), line, start + lead + 1)

    def location(self, row: int, column: int | None = None) -> Location:
        if self.table is not None:
            cell = self.cell(row, column if column is not None else 0)
            return self.table.location(cell)
        label = self.labels[row] if self.labels is not None else f"row {row}"
        return Location(key=label)

    def error(
        self, message: str, row: int, column: int | None = None, hint: str | None = None
    ) -> SchemeError:
        return SchemeError(message, location=self.location(row, column), hint=hint)

    def header_location(self) -> Location:
        """Where the header is (a CSV file's first line), for a message about the columns."""
        if self.table is not None and self.table.header:
            return self.table.location(self.table.header[0])
        return Location(key="columns")


def read_history(data: Any, scheme: Scheme) -> History:
    """Read ``data`` (a CSV path, a list of dicts, a pandas or polars DataFrame) for ``scheme``; a
    :class:`History` already read is returned as it is."""
    with _collector_paused():
        return _read(data, scheme)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while millions of cells are made: they form
    no cycles, and each collection would walk all of them (4x the time on a million rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(data: Any, scheme: Scheme) -> History:
    if isinstance(data, History):
        return data
    source = _source(data)
    header = source.header
    person_col = _column(source, ("person", "name"), "person", "the person's name, e.g. Anna")
    period_col = _column(source, ("period",), "period", "1, 2, 3... or a month such as 2026-03")
    source.period_col = period_col
    wanted = set(scheme.kpis) | set(scheme.params)
    used = {name: i for i, name in enumerate(header) if name in wanted}
    missing = [k for k in scheme.pay_inputs if k not in used]
    if missing:
        close = {k: closest(k, header) for k in missing}
        hint = "; ".join(f"did you mean {v!r} for {k}?" for k, v in close.items() if v)
        raise SchemeError(
            "the history has no column for "
            + ", ".join(repr(k) for k in missing)
            + " (pay needs it)",
            location=source.header_location(),
            hint=hint or "columns: " + ", ".join(header),
        )
    skip = {"person", "name", "period", "segment"}
    unused = tuple(h for h in header if h not in wanted and h not in skip and h)
    people = _people(source, person_col)
    if source.table is not None:  # text: only spaces to take off
        labels = [v.strip() for v in source.columns[period_col]]
    else:
        labels = [_label(v) for v in source.columns[period_col]]
    ordinals, kind, first_year = _periods(labels, source, period_col, scheme)
    columns: dict[str, FloatArray] = {}
    exact: dict[str, dict[int, Fraction]] = {}
    for name, i in used.items():
        columns[name], exact[name] = _numbers(source, i, name, required=name in scheme.kpis)
    names, person = _index(people)
    _check_sequences(people, person, ordinals, source, period_col)
    return History(
        tuple(people),
        ordinals,
        columns,
        tuple(labels),
        kind,
        unused,
        first_year,
        {k: v for k, v in exact.items() if v},
        source,
        person,
        names,
        {k: value_range(v) for k, v in columns.items()},
        tidy_rows(ordinals, person, len(names)),
    )


def value_range(values: FloatArray) -> Known:
    """What is known of a column's values as replay reads them (a blank cell, NaN, as 0):
    :func:`~motivsim.formula.certified.known_of`."""
    return known_of(values if np.isfinite(values).all() else np.nan_to_num(values))


def tidy_rows(periods: npt.NDArray[np.intp], person: npt.NDArray[np.intp], people: int) -> bool:
    """Whether rows come person by person (``person`` is ``0, ..., 0, 1, ...``), each
    person's ``periods`` in order from 0 and all people with the same number of them: then
    the rows' values are a (people, periods) grid, read as they are.

    Examples
    --------
    >>> tidy_rows(np.array([0, 1, 0, 1]), np.array([0, 0, 1, 1]), 2)
    True
    >>> tidy_rows(np.array([0, 1, 1, 0]), np.array([0, 0, 1, 1]), 2)
    False
    """
    size = periods.size
    if not people or size % people:
        return False
    count = size // people
    return bool(
        (periods.reshape(people, count) == np.arange(count)).all()
        and (person.reshape(people, count) == np.arange(people)[:, None]).all()
    )


def _index(people: Sequence[str]) -> tuple[tuple[str, ...], npt.NDArray[np.intp]]:
    """The people in order of first appearance, and each row's index into them."""
    seen: dict[str, int] = {}
    person = np.fromiter(
        (seen.setdefault(p, len(seen)) for p in people), dtype=np.intp, count=len(people)
    )
    return tuple(seen), person


# -- the input forms ------------------------------------------------------------------------
def _source(data: Any) -> _Source:
    if isinstance(data, str | Path):
        return _csv(data)
    if _is_frame(data):  # pandas: rows named by the index
        header = [str(c) for c in data.columns]
        if not len(data):
            raise ArgumentError("the history has no rows")
        columns = [data[c].tolist() for c in data.columns]
        labels = [f"row {i!r}" for i in data.index]
        return _Source(header, columns, len(data), labels=labels)
    if type(data).__module__.startswith("polars") and hasattr(data, "get_column"):
        header = [str(c) for c in data.columns]
        if not data.height:
            raise ArgumentError("the history has no rows")
        columns = [data.get_column(c).to_list() for c in data.columns]
        return _Source(header, columns, data.height)
    if isinstance(data, Sequence) and not isinstance(data, str | bytes) and data:
        if not all(isinstance(r, Mapping) for r in data):
            raise ArgumentTypeError(
                "a history given as a list must hold one dict per row",
                hint="e.g. [{'person': 'Anna', 'period': 1, 'revenue': 9_000_000}]",
            )
        keys = list(dict.fromkeys(k for r in data for k in r))
        columns = [[r.get(k) for r in data] for k in keys]
        return _Source([str(k) for k in keys], columns, len(data))
    raise ArgumentTypeError(
        f"history must be a CSV file's path, a list of dicts or a pandas or polars DataFrame, got "
        f"{type(data).__name__}",
        hint="e.g. motivsim.replay(scheme, 'history.csv')",
    )


def _csv(path: str | Path) -> _Source:
    """A CSV file's columns: split line by line when no cell is quoted (fast), cell by cell
    otherwise (:mod:`motivsim.csvtable`)."""
    shown = str(path)
    try:
        raw = limits.read_limited(path, limits.MAX_CSV_BYTES)
    except limits.FileRefused as exc:
        what = exc.kind or f"{exc.size:,} bytes (the limit is {limits.MAX_CSV_BYTES:,})"
        raise SchemeError(
            f"the history is {what}", location=Location(shown), hint="give a CSV file"
        ) from None
    except OSError as exc:
        raise SchemeError(
            f"cannot read the history: {exc.strerror or exc}",
            location=Location(shown),
            hint="check the path",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SchemeError(
            f"the history is not UTF-8 text (byte {exc.start + 1}, line {line})",
            location=Location(shown, line),
            hint='save it as "CSV UTF-8"; Windows-1251 and other code pages are not read',
        ) from None
    if '"' in text or "\x00" in text:
        table = parse_table(text, path=shown, what="history", max_rows=MAX_ROWS)
        return _from_cells(table)
    lines = text.splitlines()
    table = Table(shown, ",", (), (), tuple(lines))
    if all(lines) and not lines[-1].isspace():  # no blank line: line i + 2 is row i
        numbers: Sequence[int] = range(2, len(lines) + 1)
        head, body = (lines[0], lines[1:]) if lines else ("", [])
    else:
        numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
        if not numbered:
            raise table.error("the history is empty", None, "its first line names the columns")
        head = numbered[0][1]
        numbers = [n for n, _ in numbered[1:]]
        body = [line for _, line in numbered[1:]]
    if not head.strip():
        raise table.error("the history is empty", None, "its first line names the columns")
    table = parse_table(head + "\n", path=shown, what="history")  # the delimiter, checked
    table = Table(shown, table.delimiter, table.header, (), tuple(lines))
    header = [c.text for c in table.header]
    if not body:
        raise table.error("the history has no rows", None, "add a line per person and period")
    if len(body) > MAX_ROWS:
        raise table.error(f"the history has more than {MAX_ROWS:,} rows", None, "split it")
    split = [line.split(table.delimiter) for line in body]
    width = len(header)
    if set(map(len, split)) != {width}:
        for r, cells in enumerate(split):
            if len(cells) > width:
                source = _Source(header, [], len(split), table=table, lines=numbers)
                raise source.error(
                    f"this row has {len(cells)} cells but the header names {width} columns",
                    r,
                    width,
                    "a comma inside a number splits it: write 250000 or use ; between cells"
                    if table.delimiter == ","
                    else "remove the extra cells or name their columns",
                )
            cells.extend([""] * (width - len(cells)))
    columns: list[Sequence[Any]] = [list(c) for c in zip(*split, strict=True)]
    return _Source(header, columns, len(split), table=table, lines=numbers)


def _from_cells(table: Table) -> _Source:
    header = [c.text for c in table.header]
    width = len(header)
    rows = [list(r) for r in table.rows]
    if not rows:
        raise table.error("the history has no rows", None, "add a line per person and period")
    for row in rows:
        if len(row) > width:
            raise table.error(
                f"this row has {len(row)} cells but the header names {width} columns",
                row[width],
                "a comma inside a number splits it: write 250000 or use ; between cells"
                if table.delimiter == ","
                else "remove the extra cells or name their columns",
            )
        row.extend(Cell("", row[-1].line, row[-1].column) for _ in range(width - len(row)))
    columns: list[Sequence[Any]] = [[r[i].text for r in rows] for i in range(width)]
    return _Source(header, columns, len(rows), table=table, cells=[tuple(r) for r in rows])


def _is_frame(data: Any) -> bool:
    return type(data).__module__.startswith("pandas") and hasattr(data, "columns")


def _column(source: _Source, names: tuple[str, ...], what: str, example: str) -> int:
    for name in names:
        if name in source.header:
            return source.header.index(name)
    close = closest(what, source.header)
    raise SchemeError(
        f"the history has no {what!r} column",
        location=source.location(0, 0) if source.size else None,
        hint=(f"did you mean {close!r}? " if close else "") + f"the {what} column holds {example}",
    )


# -- cells ----------------------------------------------------------------------------------
def _label(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if hasattr(value, "isoformat") and callable(value.isoformat):  # pandas Timestamp, Period
        return str(value.isoformat())[:10]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _people(source: _Source, column: int) -> list[str]:
    cells = source.columns[column]
    names = [v.strip() for v in cells] if source.table is not None else [_label(v) for v in cells]
    if not all(names):
        r = names.index("")
        raise source.error("this row has no person", r, column, "write the person's name")
    return names


def _numbers(
    source: _Source, column: int, name: str, *, required: bool
) -> tuple[FloatArray, dict[int, Fraction]]:
    """A column's floats (NaN for a blank cell where one is allowed) and the cells whose exact
    value their float does not spell."""
    cells = source.columns[column]
    if source.table is not None:
        try:
            values = np.array(cells, dtype=np.float64)  # plain numbers: parsed in C
        except ValueError:
            values = None
        if values is not None and np.isfinite(values).all():
            lengths = np.fromiter(map(len, cells), dtype=np.intp, count=len(cells))
            long = np.flatnonzero(lengths > _SHORT)
            exact = {}
            for r in long.tolist():  # long texts: is the float's decimal the one written?
                written = cell_number(source.table, _cell(source, r, column), column=name)
                if not float_exact(written) or float(written) != values[r]:
                    exact[r] = written
            if not exact and _within_limits(values):
                return values, {}
    out = np.empty(len(cells))
    exact = {}
    for r, cell in enumerate(cells):
        number = _one(source, r, column, name, cell, required=required)
        if number is None:
            out[r] = np.nan
            continue
        out[r] = float(number)
        if not float_exact(number):
            exact[r] = number
    return out, exact


def _one(
    source: _Source, r: int, column: int, name: str, cell: Any, *, required: bool
) -> Fraction | None:
    blank = cell is None or cell == "" or (isinstance(cell, float) and cell != cell)
    if blank:
        if required:
            raise source.error(
                f"this row has no value of {name!r}",
                r,
                column,
                "every row needs every KPI pay uses",
            )
        return None
    if source.table is not None:
        return cell_number(source.table, _cell(source, r, column), column=name)
    try:
        number = to_fraction(cell, repr(name))
    except MotivsimError as exc:
        raise source.error(f"{name!r}: {exc.message}", r) from None
    if abs(number) > Fraction(limits.MAX_ABS_NUMBER):
        raise source.error(
            f"{name!r}: {float(number):g} is too large; the limit is {limits.MAX_ABS_NUMBER:g}",
            r,
        )
    return number


def _cell(source: _Source, r: int, column: int) -> Cell:
    cell = source.cell(r, column)
    assert cell is not None
    return cell


def _within_limits(values: FloatArray) -> bool:
    return bool(values.size == 0 or np.max(np.abs(values)) <= limits.MAX_ABS_NUMBER)


# -- periods ----------------------------------------------------------------------------------
def _periods(
    labels: list[str], source: _Source, column: int, scheme: Scheme
) -> tuple[npt.NDArray[np.intp], str, int]:
    """0-based period numbers counted from the start of the earliest row's plan year, the
    kind of periods, and the calendar year that plan year starts in (dated periods)."""
    if all(map(str.isdigit, labels)):
        numbers = np.array(labels).astype(np.intp)
        bad = np.flatnonzero((numbers < 1) | (numbers > MAX_SPAN))
        if bad.size:
            raise source.error(
                f"period {labels[bad[0]]} is out of range: periods count from 1 to {MAX_SPAN}",
                int(bad[0]),
                column,
            )
        return numbers - 1, "number", 0
    stamps = [_stamp(label, source, r, column) for r, label in enumerate(labels)]
    kinds = [kind for kind, _, _ in stamps]
    if len(set(kinds)) > 1:
        first = next(i for i, k in enumerate(kinds) if k != kinds[0])
        raise source.error(
            f"periods are written two ways: {labels[0]!r} and {labels[first]!r}",
            first,
            column,
            "number every period (1, 2, 3...) or date every period (2026-03)",
        )
    per_year = scheme.periods_per_year
    if per_year is None or 12 % per_year:
        raise source.error(
            "dated periods need a plan of months, quarters, half-years or years"
            + ("" if per_year is None else f" (this one has {per_year} periods a year)"),
            0,
            column,
            "number the periods 1, 2, 3... instead",
        )
    months = 12 // per_year
    shift = scheme.year_start - 1
    counted = np.array([(y * 12 + m - 1 - shift) // months for _, y, m in stamps], np.intp)
    year0 = int(counted.min()) // per_year  # the plan year of the earliest row
    out = counted - year0 * per_year
    if int(out.max()) >= MAX_SPAN:
        raise source.error(
            f"the history spans more than {MAX_SPAN} periods", int(out.argmax()), column
        )
    first_year = (year0 * per_year * months + shift) // 12
    return out, "month", first_year


def _stamp(label: str, source: _Source, r: int, column: int) -> tuple[str, int, int]:
    if not label:
        raise source.error("this row has no period", r, column, "write 1, 2, 3... or 2026-03")
    if label.isdigit():
        return ("number", 0, int(label))
    found = _DATE.fullmatch(label) or _MONTH.fullmatch(label)
    if found is not None:
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            raise source.error(f"{label!r} has no month {month}", r, column, "months are 01 to 12")
        if found.re is _DATE:
            try:
                dt.date(year, month, int(found.group(3)))
            except ValueError as exc:
                raise source.error(f"{label!r} is not a date: {exc}", r, column) from None
        return ("month", year, month)
    found = _QUARTER.fullmatch(label)
    if found is not None:
        return ("month", int(found.group(1)), (int(found.group(2)) - 1) * 3 + 1)
    raise source.error(
        f"{label!r} is not a period",
        r,
        column,
        "write a period number (1, 2, 3...), a month (2026-03), a quarter (2026-Q2) or a date",
    )


def _check_sequences(
    people: list[str],
    person: npt.NDArray[np.intp],
    ordinals: npt.NDArray[np.intp],
    source: _Source,
    column: int,
) -> None:
    """No two rows for one person and period; no gap in a person's periods."""
    order = np.lexsort((ordinals, person))
    same = person[order][1:] == person[order][:-1]
    step = ordinals[order][1:] - ordinals[order][:-1]
    twice = np.flatnonzero(same & (step == 0))
    if twice.size:
        first, again = int(order[twice[0]]), int(order[twice[0] + 1])
        where = source.location(first, column)
        shown = where.prefix() if where.line else (where.key or f"row {first}")
        raise source.error(
            f"{people[again]!r} has two rows for one period (the other at {shown})",
            max(first, again),
            column,
            "keep one row per person and period (sum the deals of a period first)",
        )
    gap = np.flatnonzero(same & (step > 1))
    if gap.size:
        before = int(order[gap[0]])
        raise source.error(
            f"{people[before]!r} has no row for the period after this one's (a gap in their "
            "history)",
            before,
            column,
            "add the missing period (with zeros if they sold nothing), or split the person in two",
        )
