"""Read a scheme file safely and remember where every TOML key and value stands in it.

``tomllib`` parses the document (numbers as exact ``Decimal``); a small scanner then walks the
already valid text once more to map each key path, such as ``("formula", "pay")`` or
``("team", "segment", 0, "count")``, to its line and column, so later stages can point at it.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from motivsim import limits
from motivsim.errors import Location, SchemeError

__all__ = ["KeyPath", "Source", "parse_source", "read_source"]

KeyPath = tuple[str | int, ...]

_BOMS = {
    b"\xef\xbb\xbf": "UTF-8",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
_TOML_HINTS = {
    "Invalid value": 'put text in quotes: pay = "base + commission"; '
    "numbers and true/false go bare",
    "Cannot overwrite a value": "each key may appear once in a table; remove or rename one",
    "Cannot declare": "each [table] may appear once; merge the two",
    "Invalid statement": "each line is  key = value  or a [table] header",
    "Illegal character": "remove control characters; use \\t or \\n escapes in strings",
    "Unclosed": "close the string or bracket",
    "Expected '=' after a key": "each line is  key = value",
}


def key_text(path: KeyPath) -> str:
    """``team.segment[0].count``: a key path as a person reads it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = part if re.fullmatch(r"[\w-]+", part) else f'"{part}"'
            out += ("." if out else "") + shown
    return out


@dataclass(frozen=True)
class Source:
    """A parsed scheme file: its text, the TOML data, and the position of every key."""

    text: str
    path: str | None
    data: dict[str, Any]
    keys: dict[KeyPath, tuple[int, int]] = field(repr=False)  # path -> (key offset, value offset)
    line_starts: tuple[int, ...] = field(repr=False)

    @property
    def base_dir(self) -> Path | None:
        """The folder of the file, for paths inside it (CSV files of observed values)."""
        return Path(self.path).parent if self.path else None

    def at_offset(self, offset: int, key: KeyPath | None = None) -> Location:
        """The :class:`Location` of a character offset in the file."""
        line = bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        end = self.text.find("\n", start)
        source_line = self.text[start : end if end >= 0 else len(self.text)]
        return Location(
            self.path, line + 1, offset - start + 1, key_text(key) if key else None, source_line
        )

    def location(self, key: KeyPath, *, value: bool = False) -> Location:
        """Where ``key`` (or, with ``value=True``, its value) is; the nearest known parent else."""
        for n in range(len(key), 0, -1):
            found = self.keys.get(key[:n])
            if found is not None:
                return self.at_offset(found[1] if value and n == len(key) else found[0], key)
        return Location(self.path, None, None, key_text(key), None)

    def char_location(self, key: KeyPath, index: int) -> Location:
        """Where the ``index``-th character of the string value at ``key`` stands."""
        found = self.keys.get(key)
        if found is None:
            return self.location(key)
        offsets = _string_offsets(self.text, found[1])
        index = min(max(index, 0), len(offsets) - 1)
        return self.at_offset(offsets[index], key)


def read_source(path: str | Path) -> Source:
    """Read and parse a scheme file, checking size, encoding and TOML syntax first."""
    shown = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise SchemeError(
                f"file is {size:,} bytes; a scheme may be at most {limits.MAX_FILE_BYTES:,} bytes",
                location=Location(shown),
                hint="keep observed data in a CSV file and refer to it from the scheme",
            )
        raw = file.read_bytes()
    except OSError as exc:
        raise SchemeError(
            f"cannot read the file: {exc.strerror or exc}",
            location=Location(shown),
            hint="check the path and that the file is readable",
        ) from None
    return parse_source(raw, path=shown)


def parse_source(raw: bytes | str, *, path: str | None = None) -> Source:
    """Parse scheme text (bytes are decoded as strict UTF-8) into a :class:`Source`."""
    if isinstance(raw, bytes):
        if len(raw) > limits.MAX_FILE_BYTES:
            raise SchemeError(
                f"scheme is {len(raw):,} bytes; the limit is {limits.MAX_FILE_BYTES:,}",
                location=Location(path),
            )
        text = _decode(raw, path)
    else:
        text = raw
        if len(text.encode("utf-8", "surrogatepass")) > limits.MAX_FILE_BYTES:
            raise SchemeError(
                f"scheme is larger than {limits.MAX_FILE_BYTES:,} bytes", location=Location(path)
            )
        if text.startswith("\ufeff"):
            raise _bom_error("UTF-8", path)
    line_starts = (0, *(m.end() for m in re.finditer("\n", text)))
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, path, line_starts) from None
    return Source(text, path, data, _KeyScanner(text).scan(), line_starts)


def _bom_error(kind: str, path: str | None) -> SchemeError:
    return SchemeError(
        f"file starts with a {kind} byte-order mark (BOM)",
        location=Location(path, 1, 1),
        hint="save the file as UTF-8 without BOM (most editors offer 'UTF-8' next to 'UTF-8 BOM')",
    )


def _decode(raw: bytes, path: str | None) -> str:
    for bom, kind in _BOMS.items():
        if raw.startswith(bom):
            raise _bom_error(kind, path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        text = raw.decode("utf-8", "replace")
        source_line = text.splitlines()[line - 1] if text.splitlines() else ""
        raise SchemeError(
            f"byte 0x{raw[exc.start]:02X} is not valid UTF-8",
            location=Location(path, line, column, None, source_line),
            hint="save the file as UTF-8 (in a spreadsheet export choose 'CSV UTF-8')",
        ) from None


def _toml_error(
    exc: tomllib.TOMLDecodeError, text: str, path: str | None, starts: tuple[int, ...]
) -> SchemeError:
    message = str(exc)
    match = _TOML_POS.search(message)
    line = column = None
    if match and match.group(1):
        line, column = int(match.group(1)), int(match.group(2))
    elif match:
        line = len(starts)
        column = len(text) - starts[-1] + 1
    bare = _TOML_POS.sub("", message)
    source_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else None
    hint = next((h for k, h in _TOML_HINTS.items() if bare.startswith(k)), None)
    at_non_ascii = bool(line and column and source_line and column <= len(source_line)
                        and not source_line[column - 1].isascii())  # fmt: skip
    if at_non_ascii and "key" in bare:
        hint = (
            "TOML needs quotes around names that are not plain Latin letters: "
            '[kpi."выручка"] and "оклад" = 40_000'
        )
    return SchemeError(
        f"TOML syntax: {bare[0].lower() + bare[1:]}",
        location=Location(path, line, column, None, source_line),
        hint=hint,
    )


# ---------------------------------------------------------------------------------------------
# Positions of keys in a document tomllib has already accepted
# ---------------------------------------------------------------------------------------------
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {"b": 1, "t": 1, "n": 1, "f": 1, "r": 1, '"': 1, "\\": 1, "e": 1, "u": 5, "U": 9}


def _string_end(text: str, pos: int) -> int:
    """Offset just past the TOML string starting at ``pos``."""
    quote = text[pos]
    if text.startswith(quote * 3, pos):
        end = text.find(quote * 3, pos + 3)
        while end >= 0 and quote == '"' and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        end += 3
        while end < len(text) and text[end] == quote:  # up to two quotes may close the string
            end += 1
        return end
    i = pos + 1
    while text[i] != quote:
        i += 2 if quote == '"' and text[i] == "\\" else 1
    return i + 1


def _escaped(text: str, pos: int) -> bool:
    count = 0
    while pos - count - 1 >= 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _string_offsets(text: str, pos: int) -> list[int]:
    """The file offset of each decoded character of the string at ``pos`` (plus its end)."""
    quote = text[pos]
    if text[pos] not in "\"'":
        return [pos]
    end = _string_end(text, pos)
    multi = text.startswith(quote * 3, pos)
    i, stop = (pos + 3, end - 3) if multi else (pos + 1, end - 1)
    if multi and text.startswith("\r\n", i):
        i += 2
    elif multi and text.startswith("\n", i):
        i += 1
    offsets: list[int] = []
    while i < stop:
        if quote == '"' and text[i] == "\\":
            nxt = text[i + 1]
            if nxt in _ESCAPES:
                offsets.append(i)
                i += 1 + _ESCAPES[nxt]
                continue
            i += 1  # line-ending backslash: skip whitespace and newlines
            while i < stop and text[i] in " \t\r\n":
                i += 1
            continue
        offsets.append(i)
        i += 1
    offsets.append(stop)
    return offsets


class _KeyScanner:
    """Walks valid TOML and records ``key path -> (key offset, value offset)``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.keys: dict[KeyPath, tuple[int, int]] = {}
        self.array_counts: dict[KeyPath, int] = {}

    def scan(self) -> dict[KeyPath, tuple[int, int]]:
        table: KeyPath = ()
        while True:
            self.skip(newlines=True)
            if self.pos >= len(self.text):
                return self.keys
            if self.text[self.pos] == "[":
                table = self.header()
            else:
                self.pair(table)

    def skip(self, *, newlines: bool) -> None:
        text = self.text
        while self.pos < len(text):
            ch = text[self.pos]
            if ch == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            elif ch in " \t" or (newlines and ch in "\r\n"):
                self.pos += 1
            else:
                return

    def header(self) -> KeyPath:
        start = self.pos
        array = self.text.startswith("[[", self.pos)
        self.pos += 2 if array else 1
        path = self.key()
        self.pos += 2 if array else 1
        if array:
            index = self.array_counts.get(path, 0)
            self.array_counts[path] = index + 1
            self.keys.setdefault(path, (start, start))
            path = (*path, index)
        self.keys[path] = (start, start)
        return path

    def key(self) -> KeyPath:
        parts: list[str | int] = []
        while True:
            self.skip(newlines=False)
            ch = self.text[self.pos]
            if ch in "\"'":
                end = _string_end(self.text, self.pos)
                parts.append(tomllib.loads(f"k = {self.text[self.pos : end]}")["k"])
                self.pos = end
            else:
                match = _BARE.match(self.text, self.pos)
                assert match is not None
                parts.append(match.group())
                self.pos = match.end()
            self.skip(newlines=False)
            if self.pos < len(self.text) and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return tuple(parts)

    def pair(self, table: KeyPath) -> None:
        start = self.pos
        path = (*table, *self.key())
        self.skip(newlines=False)
        self.pos += 1  # '='
        self.skip(newlines=False)
        self.keys[path] = (start, self.pos)
        self.value(path)

    def value(self, path: KeyPath) -> None:
        ch = self.text[self.pos]
        if ch in "\"'":
            self.pos = _string_end(self.text, self.pos)
        elif ch == "{":
            self.pos += 1
            while True:
                self.skip(newlines=True)
                if self.text[self.pos] == "}":
                    self.pos += 1
                    return
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.pair(path)
        elif ch == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip(newlines=True)
                if self.text[self.pos] == "]":
                    self.pos += 1
                    return
                if self.text[self.pos] == ",":
                    self.pos += 1
                    continue
                self.keys[(*path, index)] = (self.pos, self.pos)
                self.value((*path, index))
                index += 1
        else:
            match = re.compile(r"[^\s,\]}#]+").match(self.text, self.pos)
            assert match is not None
            self.pos = match.end()
            # dates with a space between date and time: "1979-05-27 07:32:00"
            more = re.compile(r" \d\d:\d\d[^\s,\]}#]*").match(self.text, self.pos)
            if more:
                self.pos = more.end()


def toml_floats(value: Any) -> Any:
    """TOML data with exact decimals turned into floats (for the numerical layers)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: toml_floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [toml_floats(v) for v in value]
    return value


def describe_value(value: Any) -> str:
    """A TOML value as an error message names it: ``the text '0.05'``, ``true (true/false)``."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | Decimal | float):
        return f"the number {value}"
    return type(value).__name__
