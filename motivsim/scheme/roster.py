"""The named people of a team: ``[team] roster = "team.csv"`` or ``[[team.person]]`` tables.

Each person has a ``name``, a ``segment`` (needed when the team has more than one) and values
of their own for any of the scheme's ``[params]`` (``quota``, ``base``, ``start_period``...).
A person is paid by the scheme with the parameters of ``[params]``, replaced by their
segment's ``params``, replaced by their own; derived parameters (``quota = "annual_quota / 4"``)
are recomputed from the result. A blank cell keeps the segment's value.

The roster file's first line names the columns: ``name``, optionally ``segment``, and
parameter names. Every error names the file, line and column.

Examples
--------
A roster file such as::

    name,segment,quota
    Anna Petrova,senior,12_000_000
    Boris Ivanov,new hires,6_000_000

or, in the scheme itself::

    [[team.person]]
    name = "Anna Petrova"
    segment = "senior"
    quota = 12_000_000
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from motivsim.csvtable import Cell, Table, cell_number, read_table
from motivsim.errors import ArgumentError, Location, SchemeError
from motivsim.formula.lexer import LexError, checked_number
from motivsim.scheme.source import describe_value, key_text
from motivsim.validation import closest

if TYPE_CHECKING:
    from motivsim.scheme.source import KeyPath, Source

__all__ = ["MAX_PEOPLE", "Person", "param_pairs", "parse_people", "read_roster"]

#: Most people in a roster.
MAX_PEOPLE: Final = 100_000
_PERSON_KEYS: Final = ("name", "segment", "description")
_NAME_LIMIT: Final = 200


@dataclass(frozen=True, slots=True)
class Person:
    """One named manager: their ``segment`` and the parameter values of their own (exact).

    ``where`` is the roster line or ``[[team.person]]`` table the person came from (for
    errors found later, such as a derived parameter that cannot be computed with their values).

    Examples
    --------
    >>> from fractions import Fraction
    >>> print(Person("Anna", "senior", (("quota", Fraction(12_000_000)),)))
    Anna (senior): quota = 12,000,000
    """

    name: str
    segment: str
    params: tuple[tuple[str, Fraction], ...] = ()
    where: Location | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ArgumentError(f"a person needs a name, got {self.name!r}")
        if not isinstance(self.segment, str) or not self.segment.strip():
            raise ArgumentError(f"person {self.name!r}: segment must be a name")
        object.__setattr__(self, "params", param_pairs(self.params, f"person {self.name!r}"))

    def __str__(self) -> str:
        own = ", ".join(f"{k} = {_number_text(v)}" for k, v in self.params)
        return f"{self.name} ({self.segment})" + (f": {own}" if own else "")


def param_pairs(params: Any, owner: str) -> tuple[tuple[str, Fraction], ...]:
    """``params`` as a tuple of ``(name, Fraction)`` pairs; ``owner`` names whose they are in
    the error raised for anything else (a person's or a segment's own parameter values)."""
    pairs = tuple(params)
    for item in pairs:
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or type(item[1]) is not Fraction
        ):
            raise ArgumentError(
                f"{owner}: params must be (name, Fraction) pairs, got {item!r}",
                hint="e.g. params=(('quota', Fraction(250_000)),)",
            )
    return pairs


def read_roster(
    path_text: Any,
    *,
    key: KeyPath,
    source: Source,
    params: Mapping[str, Fraction],
    segments: Sequence[str],
) -> tuple[Person, ...]:
    """The people of the roster file ``[team] roster = "..."`` (relative to the scheme)."""
    if not isinstance(path_text, str) or not path_text.strip():
        raise SchemeError(
            f"{key_text(key)} must be the path of a CSV file in quotes, got "
            f"{describe_value(path_text)}",
            location=source.location(key, value=True),
            hint='write roster = "team.csv" (next to the scheme file)',
        )
    path = Path(path_text)
    if not path.is_absolute() and source.base_dir is not None:
        path = source.base_dir / path
    try:
        table = read_table(path, what="roster")
    except SchemeError as exc:
        if exc.location is not None and exc.location.line is None:  # the file is not there
            raise SchemeError(
                exc.message,
                location=source.location(key, value=True),
                hint=f"{exc.hint}; looked for {path}" if exc.hint else f"looked for {path}",
            ) from None
        raise
    return _from_table(table, params, segments)


def _from_table(
    table: Table, params: Mapping[str, Fraction], segments: Sequence[str]
) -> tuple[Person, ...]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(table.header):
        name = cell.text
        if not name:
            raise table.error(
                f"column {i + 1} of the roster has no name",
                cell,
                "the first line names the columns: name, segment and parameter names",
            )
        if name in columns:
            raise table.error(
                f"the roster names column {name!r} twice", cell, "rename or remove one of them"
            )
        if name not in ("name", "segment") and name not in params:
            options = ["name", "segment", *params]
            close = closest(name, options)
            raise table.error(
                f"the roster's column {name!r} is not 'name', 'segment' or a parameter of [params]",
                cell,
                f"did you mean {close!r}?"
                if close
                else "columns: name, segment, " + (", ".join(params) or "(no [params])"),
            )
        columns[name] = i
    if "name" not in columns:
        raise table.error(
            "the roster has no 'name' column",
            table.header[0],
            "the first line names the columns, e.g. name,segment,quota",
        )
    if not table.rows:
        raise table.error(
            "the roster has no people",
            Cell("", len(table.lines) or 1, 1),
            "add a line per person under the header",
        )
    if len(table.rows) > MAX_PEOPLE:
        raise table.error(f"the roster has more than {MAX_PEOPLE:,} people", table.rows[-1][0])
    people: list[Person] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        if len(row) > len(table.header):
            extra = row[len(table.header)]
            raise table.error(
                f"this row has {len(row)} cells but the header names {len(table.header)} columns",
                extra,
                "a comma inside a number splits it: write 250000 or 250_000, or use ; between cells"
                if table.delimiter == ","
                else "remove the extra cells or name their columns",
            )
        cells = {name: row[i] for name, i in columns.items() if i < len(row)}
        name_cell = cells["name"]
        name = name_cell.text
        if not name:
            raise table.error("this person has no name", name_cell, "write their name")
        if len(name) > _NAME_LIMIT:
            raise table.error(f"this name is longer than {_NAME_LIMIT} characters", name_cell)
        if name in seen:
            raise table.error(
                f"{name!r} is in the roster twice (first on line {seen[name]})",
                name_cell,
                "give each person one line; add a middle initial to tell two people apart",
            )
        seen[name] = name_cell.line
        segment_cell = cells.get("segment")
        segment = _segment(
            segment_cell.text if segment_cell is not None else "",
            segments,
            name,
            lambda m, h, c=segment_cell or name_cell: table.error(m, c, h),
        )
        own: list[tuple[str, Fraction]] = []
        for column, cell in cells.items():
            if column in ("name", "segment") or not cell.text:
                continue
            own.append((column, cell_number(table, cell, column=column)))
        people.append(Person(name, segment, tuple(own), table.location(name_cell)))
    return tuple(people)


def parse_people(
    items: Any,
    *,
    key: KeyPath,
    source: Source,
    params: Mapping[str, Fraction],
    segments: Sequence[str],
) -> tuple[Person, ...]:
    """The people of ``[[team.person]]`` tables."""
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise SchemeError(
            f"{key_text(key)} must be [[team.person]] tables, got {describe_value(items)}",
            location=source.location(key),
            hint='[[team.person]] with name = "Anna" and the parameters of her own',
        )
    if len(items) > MAX_PEOPLE:
        raise SchemeError(
            f"[team] has more than {MAX_PEOPLE:,} people", location=source.location(key)
        )
    people: list[Person] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        where: KeyPath = (*key, index)

        def error(
            message: str, hint: str | None, sub: str | None = None, where: KeyPath = where
        ) -> SchemeError:
            place = where if sub is None else (*where, sub)
            return SchemeError(
                message, location=source.location(place, value=sub is not None), hint=hint
            )

        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise error(
                f"{key_text(where)} needs a name in quotes"
                + ("" if name is None else f", got {describe_value(name)}"),
                'write name = "Anna Petrova"',
                None if name is None else "name",
            )
        name = name.strip()
        if name in seen:
            raise error(
                f"person {name!r} is listed twice (first as {key_text((*key, seen[name]))})",
                "give each person one table",
                "name",
            )
        seen[name] = index
        segment_text = item.get("segment", "")
        if not isinstance(segment_text, str):
            raise error(
                f"{key_text((*where, 'segment'))} must be a segment's name in quotes",
                'write segment = "SMB"',
                "segment",
            )
        segment = _segment(
            segment_text.strip(), segments, name, lambda m, h: error(m, h, "segment")
        )
        own: list[tuple[str, Fraction]] = []
        for column, value in item.items():
            if column in _PERSON_KEYS:
                continue
            if column not in params:
                close = closest(column, [*_PERSON_KEYS, *params])
                raise error(
                    f"unknown key {key_text((*where, column))!r}: a person's keys are name, "
                    "segment and parameters of [params]",
                    f"did you mean {close!r}?"
                    if close
                    else ("parameters: " + ", ".join(params))
                    if params
                    else "declare the parameter under [params] first",
                    column,
                )
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                raise error(
                    f"{key_text((*where, column))} must be a number, got {describe_value(value)}",
                    f"write {column} = 250_000 (a number, no quotes)",
                    column,
                )
            try:
                own.append((column, checked_number(Decimal(value), str(value))))
            except LexError as exc:
                raise error(
                    f"{key_text((*where, column))}: {exc.message}", exc.hint, column
                ) from None
        people.append(Person(name, segment, tuple(own), source.location(where)))
    return tuple(people)


def _segment(text: str, segments: Sequence[str], name: str, error: Any) -> str:
    """The segment a person names (the only one when they name none)."""
    if not text:
        if len(segments) == 1:
            return segments[0]
        raise error(
            f"{name!r} needs a segment: the team has " + ", ".join(map(repr, segments)),
            "add a segment column (or key) naming one of them",
        )
    if text not in segments:
        close = closest(text, segments)
        raise error(
            f"{name!r} is in segment {text!r}, which the team does not have",
            f"did you mean {close!r}?" if close else "segments: " + ", ".join(segments),
        )
    return text


def _number_text(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{float(value):,.10g}" if float(value) == value else str(value)
