"""CSV files a scheme refers to (a roster of people), read with every cell's line and column.

A spreadsheet's "Save as CSV" writes commas, semicolons (where the decimal separator is a
comma, as in Russian or German settings) or tabs between cells; :func:`read_table` takes the
one the header row uses. Numbers are read exactly (:func:`cell_number`): ``250000``,
``250_000``, ``250 000``, ``0.035``, ``1.2e6``, and with a semicolon or tab between cells also
``0,035`` and ``250 000,50``. Every problem is an error naming the file, line and column, with
the line shown, as scheme errors are.

Examples
--------
>>> table = parse_table("name;quota\\nAnna;1 200 000,50\\n", path="team.csv")
>>> table.header[1].text, table.delimiter
('quota', ';')
>>> cell = table.rows[0][1]
>>> cell.line, cell.column, cell_number(table, cell)
(2, 6, Fraction(2400001, 2))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Final

from motivsim import limits
from motivsim.errors import Location, SchemeError
from motivsim.formula.lexer import LexError, checked_number

__all__ = ["MAX_ROWS", "Cell", "Table", "cell_number", "parse_table", "read_table"]

#: Most data rows of a CSV file a scheme refers to.
MAX_ROWS: Final = 100_000
#: Most cells in one row.
MAX_COLUMNS: Final = 200
_DELIMITERS: Final = (",", ";", "\t")
_SEPARATORS: Final = ("_", " ", "\u00a0", "\u202f")  # digit groups: 1_000, 1 000 (and NBSPs)
_NUMBER: Final = re.compile(
    r"[+-]?(?:\d+(?:[_ \u00a0\u202f]\d+)*(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII
)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's text (spaces around it removed, quotes undone) and where it starts."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file: its header cells, data rows (blank lines left out) and lines of text."""

    path: str
    delimiter: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[str, ...]

    def location(self, cell: Cell | None = None, *, line: int | None = None) -> Location:
        """Where ``cell`` (or the start of ``line``) is, for an error message."""
        row = cell.line if cell is not None else line
        column = cell.column if cell is not None else (1 if line is not None else None)
        text = self.lines[row - 1] if row is not None and 0 < row <= len(self.lines) else None
        return Location(self.path, row, column, None, text)

    def error(self, message: str, cell: Cell | None = None, hint: str | None = None) -> SchemeError:
        """A :class:`SchemeError` at ``cell`` of this file."""
        return SchemeError(message, location=self.location(cell), hint=hint)

    @property
    def name(self) -> str:
        """The file's name, without its folder."""
        return Path(self.path).name


def read_table(path: str | Path, *, what: str = "CSV file", max_rows: int = MAX_ROWS) -> Table:
    """Read and split the CSV file at ``path``; ``what`` names it in errors ("roster");
    more than ``max_rows`` data rows is an error."""
    shown = str(path)
    where = Location(shown)
    try:
        raw = limits.read_limited(path, limits.MAX_CSV_BYTES)
    except limits.FileRefused as exc:
        if exc.kind is not None:
            raise SchemeError(
                f"the {what} path is {exc.kind}, not a file",
                location=where,
                hint="give the path of a CSV file (copy the data into one first)",
            ) from None
        raise SchemeError(
            f"the {what} is {exc.size:,} bytes; the limit is {limits.MAX_CSV_BYTES:,}",
            location=where,
            hint="keep only the columns the scheme needs",
        ) from None
    except OSError as exc:
        raise SchemeError(
            f"cannot read the {what}: {exc.strerror or exc}",
            location=where,
            hint="check the path: it is relative to the scheme file's folder",
        ) from None
    except ValueError:
        raise SchemeError(
            f"cannot read the {what}: its path contains a NUL character", location=where
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SchemeError(
            f"the {what} is not UTF-8 text (byte {exc.start + 1}, line {line})",
            location=Location(shown, line),
            hint='save it from the spreadsheet as "CSV UTF-8" (Excel: "CSV UTF-8 (разделители - '
            'запятые)"); Windows-1251 and other code pages are not read',
        ) from None
    return parse_table(text, path=shown, what=what, max_rows=max_rows)


def parse_table(
    text: str, *, path: str = "<csv>", what: str = "CSV file", max_rows: int = MAX_ROWS
) -> Table:
    """Split CSV ``text`` into cells (see :func:`read_table`)."""
    lines = tuple(text.splitlines())
    stub = Table(path, ",", (), (), lines)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise stub.error(f"the {what} has a NUL character", Cell("", line, 1), "is it a CSV file?")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise stub.error(f"the {what} is empty", None, "its first line names the columns")
    delimiter = _delimiter(lines[first])
    stub = Table(path, delimiter, (), (), lines)
    records = _split(text, delimiter, stub, what, max_rows)
    header, *body = records
    if len(body) > max_rows:
        raise stub.error(
            f"the {what} has more than {max_rows:,} rows",
            body[max_rows][0],
            "split the file",
        )
    return Table(path, delimiter, header, tuple(body), lines)


def cell_number(table: Table, cell: Cell, *, column: str | None = None) -> Fraction:
    """The exact number in ``cell``; an error naming the file, line and column otherwise."""
    label = f"column {column!r}" if column else "this cell"
    raw = cell.text
    text = raw
    comma = table.delimiter != ","  # with ";" or tabs between cells, a comma is decimal
    if not _NUMBER.fullmatch(text):
        hint = "write a plain number such as 250000, 250_000 or 0.035; no currency signs"
        if any(ch.isdigit() and not ch.isascii() for ch in text):
            hint = "type numbers with the digits 0-9"
        elif text.endswith("%"):
            hint = "write a share as a plain number: 5% is 0.05"
        raise table.error(f"{label} must be a number, got {raw!r}", cell, hint)
    if "," in text:
        if not comma:
            raise table.error(
                f"{label}: {raw!r} has a comma in it",
                cell,
                "write a decimal point (0.035); a comma between digits separates cells",
            )
        if "." in text:
            raise table.error(
                f"{label}: {raw!r} has both a decimal comma and a point",
                cell,
                "write one decimal separator, e.g. 1250,5",
            )
        text = text.replace(",", ".")
    for separator in _SEPARATORS:
        text = text.replace(separator, "")
    try:
        return checked_number(Decimal(text), raw)
    except InvalidOperation:
        raise table.error(f"{label} must be a number, got {raw!r}", cell) from None
    except LexError as exc:
        raise table.error(f"{label}: {exc.message}", cell, exc.hint) from None


def _delimiter(header: str) -> str:
    """The delimiter the header line uses most (outside quotes); a comma when none."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split(
    text: str, delimiter: str, stub: Table, what: str, max_rows: int
) -> list[tuple[Cell, ...]]:
    """Records of cells (RFC 4180: ``"..."`` quotes a cell, ``""`` is a quote in it)."""
    if '"' not in text:
        return _split_plain(stub.lines, delimiter, stub, what, max_rows)
    records: list[tuple[Cell, ...]] = []
    line, column, pos, n = 1, 1, 0, len(text)
    cells: list[Cell] = []
    while pos <= n:
        start_line, start_column = line, column
        value: list[str] = []
        quoted = pos < n and text[pos] == '"'
        if quoted:
            pos += 1
            column += 1
            while True:
                if pos >= n:
                    raise stub.error(
                        f"the {what} has a quote that is never closed",
                        Cell("", start_line, start_column),
                        'close it with " (a quote inside a quoted cell is written "")',
                    )
                ch = text[pos]
                if ch == '"':
                    if text.startswith('""', pos):
                        value.append('"')
                        pos += 2
                        column += 2
                        continue
                    pos += 1
                    column += 1
                    break
                value.append(ch)
                pos += 1
                if ch == "\n":
                    line, column = line + 1, 1
                else:
                    column += 1
            while pos < n and text[pos] in " \t" and text[pos] != delimiter:
                pos += 1
                column += 1
            if pos < n and text[pos] not in (delimiter, "\r", "\n"):
                raise stub.error(
                    f"the {what} has text after a closing quote",
                    Cell("", line, column),
                    'put the whole cell in quotes, writing a quote inside it as ""',
                )
        else:
            end = pos
            while end < n and text[end] not in (delimiter, "\r", "\n"):
                end += 1
            value.append(text[pos:end])
            column += end - pos
            pos = end
        raw = "".join(value)
        stripped = raw.strip()
        lead = 0 if quoted else len(raw) - len(raw.lstrip())
        cells.append(Cell(stripped, start_line, start_column + lead))
        if len(cells) > MAX_COLUMNS:
            raise stub.error(
                f"the {what} has more than {MAX_COLUMNS} cells in a row",
                cells[-1],
                "keep only the columns the scheme needs",
            )
        if pos < n and text[pos] == delimiter:
            pos += 1
            column += 1
            continue
        if any(c.text for c in cells):  # a blank line is no record
            records.append(tuple(cells))
        cells = []
        if pos >= n:
            break
        if text.startswith("\r\n", pos):
            pos += 2
        else:
            pos += 1
        line, column = line + 1, 1
        if len(records) > max_rows + 1:
            break
    return records


def _split_plain(
    lines: tuple[str, ...], delimiter: str, stub: Table, what: str, max_rows: int
) -> list[tuple[Cell, ...]]:
    """:func:`_split` for a file without quotes: each line split at the delimiter."""
    records: list[tuple[Cell, ...]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells: list[Cell] = []
        column = 1
        for raw in line.split(delimiter):
            lead = len(raw) - len(raw.lstrip())
            cells.append(Cell(raw.strip(), number, column + lead))
            column += len(raw) + 1
        if len(cells) > MAX_COLUMNS:
            raise stub.error(
                f"the {what} has more than {MAX_COLUMNS} cells in a row",
                cells[MAX_COLUMNS],
                "keep only the columns the scheme needs",
            )
        records.append(tuple(cells))
        if len(records) > max_rows + 1:
            break
    return records
