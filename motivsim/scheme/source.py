"""Read a scheme file safely and remember where every TOML key and value stands in it.

``tomllib`` parses the document (numbers as exact ``Decimal``); a small scanner then walks the
already valid text once more to map each key path, such as ``("formula", "pay")`` or
``("team", "segment", 0, "count")``, to its line and column, so later stages can point at it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from motivsim import limits
from motivsim.errors import Location, SchemeError
from motivsim.formula.lexer import describe_char

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
    try:
        raw = limits.read_limited(path, limits.MAX_FILE_BYTES)
    except limits.FileRefused as exc:
        if exc.kind is not None:
            raise SchemeError(
                f"this path is {exc.kind}, not a scheme file",
                location=Location(shown),
                hint="give the path of a .toml file (a named pipe or device cannot be read "
                "safely: copy its content to a file first)",
            ) from None
        raise SchemeError(
            f"file is {exc.size:,} bytes; a scheme may be at most {limits.MAX_FILE_BYTES:,} bytes",
            location=Location(shown),
            hint="keep observed data in a CSV file and refer to it from the scheme",
        ) from None
    except OSError as exc:
        raise SchemeError(
            f"cannot read the file: {exc.strerror or exc}",
            location=Location(shown),
            hint="check the path and that the file is readable",
        ) from None
    except ValueError:  # os.open refuses a path with a NUL character in it
        raise SchemeError(
            "cannot read the file: its path contains a NUL character",
            location=Location(shown.replace("\0", "\\0")),
            hint="check the path",
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
    # one spelling per name: "café" typed with a combining accent is the same name as "café"
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # lines as TOML counts them: only LF (and CRLF) end a line, not U+2028, U+0085 or \f
    line_starts = (0, *(m.end() for m in re.finditer("\n", text)))
    _check_characters(text, path, line_starts)
    _ShapeScanner(text, path, line_starts).scan()
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, text, path, line_starts) from None
    return Source(text, path, data, _KeyScanner(text).scan(), line_starts)


def _line_text(text: str, starts: tuple[int, ...], line: int) -> str | None:
    """The text of 1-based ``line`` (without its newline), lines split as TOML splits them."""
    if not 1 <= line <= len(starts):
        return None
    start = starts[line - 1]
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def _location_at(text: str, starts: tuple[int, ...], offset: int, path: str | None) -> Location:
    line = bisect_right(starts, offset) - 1
    return Location(
        path, line + 1, offset - starts[line] + 1, None, _line_text(text, starts, line + 1)
    )


#: Characters that change the display order of text (Unicode's bidirectional controls):
#: with them a currency stored as "\u202eDSU" is shown as "USD", and code can hide in comments.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_characters(text: str, path: str | None, starts: tuple[int, ...]) -> None:
    """Refuse text-direction controls (anywhere, comments included) and lone surrogates."""
    bad = _SURROGATE.search(text)
    if bad:
        raise SchemeError(
            f"the text contains U+{ord(bad.group()):04X}, half of a UTF-16 surrogate pair, "
            "which is not a character",
            location=_location_at(text, starts, bad.start(), path),
            hint="pass the scheme as proper Unicode text (decode files as UTF-8)",
        )
    bad = _BIDI.search(text)
    if bad:
        raise SchemeError(
            f"invisible text-direction control {describe_char(bad.group())}",
            location=_location_at(text, starts, bad.start(), path),
            hint="delete it: it changes the order in which text is shown, so what you read "
            "is not what the file says (U+202E followed by 'DSU' is shown as 'USD')",
        )


_SPACE = re.compile(r"[ \t\r]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC_END = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)
_SCALAR = re.compile(r"[^\s,\[\]{}#=\"']+")


class _ShapeScanner:
    """Checks nesting depth and dotted-key length before ``tomllib`` sees the text.

    ``tomllib`` recurses once per nested list or inline table (600 levels raise
    ``RecursionError``) and takes quadratic time in the parts of a dotted key, so both are
    bounded first (:data:`~motivsim.limits.MAX_TOML_DEPTH`,
    :data:`~motivsim.limits.MAX_KEY_PARTS`). The scan reads strings and comments as TOML does,
    in one linear pass; on anything it does not understand it stops quietly and leaves the
    syntax error to ``tomllib``, which words it better.
    """

    def __init__(self, text: str, path: str | None, starts: tuple[int, ...]) -> None:
        self.text = text
        self.path = path
        self.starts = starts
        self.pos = 0

    def error(self, offset: int, message: str, hint: str) -> SchemeError:
        loc = _location_at(self.text, self.starts, offset, self.path)
        return SchemeError(message, location=loc, hint=hint)

    def check_depth(self, depth: int, offset: int) -> None:
        if depth > limits.MAX_TOML_DEPTH:
            raise self.error(
                offset,
                f"values nested more than {limits.MAX_TOML_DEPTH} levels deep",
                "tables, dotted keys, lists and inline tables all count as a level; "
                "a scheme needs at most 6 (team.segment[0].kpi.revenue.type)",
            )

    def scan(self) -> None:
        text, n = self.text, len(self.text)
        stack: list[tuple[str, int]] = []  # open '[' or '{', and the depth of their members
        table = 0  # depth of the current [table]
        mode = "key"  # "key": a key comes next; "value": a value; "after": ',', ']' or '}'
        depth = 0  # depth of the value that comes next (mode "value")
        while self.pos < n:
            self.pos = _SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
            if self.pos >= n:
                return
            start, ch = self.pos, text[self.pos]
            if ch == "#":
                end = text.find("\n", start)
                self.pos = n if end < 0 else end
            elif ch == "\n":
                self.pos += 1
                if not stack:
                    mode = "key"
            elif mode == "key" and not stack and ch == "[":
                array = text.startswith("[[", start)
                self.pos += 2 if array else 1
                parts = self.key(start)
                if parts is None:
                    return
                table = parts + array
                self.check_depth(table, start)
                mode = "after"
            elif mode == "key":
                if ch == "}" and stack and stack[-1][0] == "{":
                    stack.pop()
                    self.pos += 1
                    mode = "after"
                    continue
                parts = self.key(start)
                if parts is None or not text.startswith("=", self.pos):
                    return
                self.pos += 1
                depth = (stack[-1][1] if stack else table) + parts
                self.check_depth(depth, start)
                mode = "value"
            elif ch in "\"'":
                if not self.string():
                    return
                mode = "after"
            elif mode == "value" and ch == "[":
                self.check_depth(depth + 1, start)
                stack.append(("[", depth + 1))
                depth += 1
                self.pos += 1
            elif mode == "value" and ch == "{":
                stack.append(("{", depth))
                self.pos += 1
                mode = "key"
            elif ch in "]}" and stack and stack[-1][0] == ("[" if ch == "]" else "{"):
                stack.pop()
                self.pos += 1
                mode = "after"
            elif ch == "," and stack:
                self.pos += 1
                if stack[-1][0] == "[":
                    depth = stack[-1][1]
                    mode = "value"
                else:
                    mode = "key"
            else:  # a number, date, true/false (or a syntax error, left to tomllib)
                match = _SCALAR.match(text, self.pos)
                self.pos = match.end() if match else self.pos + 1
                mode = "after"

    def key(self, start: int) -> int | None:
        """Reads a dotted key at ``self.pos``; returns its number of parts (None: not a key)."""
        text, parts = self.text, 0
        while True:
            self.pos = _SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
            pattern = _BARE_KEY if text[self.pos : self.pos + 1] not in ("'", '"') else None
            if pattern is None:
                quote = text[self.pos]
                if text.startswith(quote * 3, self.pos):
                    return None  # multi-line strings are not keys: tomllib says so
                pattern = _BASIC if quote == '"' else _LITERAL
            match = pattern.match(text, self.pos)
            if match is None:
                return None
            self.pos = match.end()
            parts += 1
            if parts > limits.MAX_KEY_PARTS:
                raise self.error(
                    start,
                    f"key has more than {limits.MAX_KEY_PARTS} dotted parts",
                    "a scheme's keys have at most 6 parts (team.segment.kpi.revenue); "
                    "check for a run of dots",
                )
            self.pos = _SPACE.match(text, self.pos).end()  # type: ignore[union-attr]
            if not text.startswith(".", self.pos):
                return parts
            self.pos += 1

    def string(self) -> bool:
        """Skips the string at ``self.pos``; ``False`` when it is not closed."""
        text, quote = self.text, self.text[self.pos]
        if text.startswith(quote * 3, self.pos):
            if quote == '"':
                match = _ML_BASIC_END.match(text, self.pos + 3)
                end = match.end() if match else -1
            else:
                end = text.find("'''", self.pos + 3)
                end = end + 3 if end >= 0 else -1
            if end < 0:
                return False
            extra = 0  # up to two more quotes close the string (they belong to its text)
            while extra < 2 and text.startswith(quote, end):
                end += 1
                extra += 1
            self.pos = end
            return True
        match = (_BASIC if quote == '"' else _LITERAL).match(text, self.pos)
        if match is None:
            return False
        self.pos = match.end()
        return True


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
        source_line = raw.decode("utf-8", "replace").split("\n")[line - 1]
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
    source_line = _line_text(text, starts, line) if line else None
    hint = next((h for k, h in _TOML_HINTS.items() if bare.startswith(k)), None)
    at_non_ascii = bool(line and column and source_line and column <= len(source_line)
                        and not source_line[column - 1].isascii())  # fmt: skip
    if at_non_ascii and ("key" in bare or bare.lower().startswith("invalid statement")):
        hint = (
            "TOML needs quotes around names that are not plain Latin letters: "
            '[kpi."выручка"] and "оклад" = 40_000'
        )
    grouped = _SPACED_DIGITS.search(source_line or "")
    if grouped and "=" in (source_line or "")[: grouped.start()]:
        number = grouped.group(0)
        hint = (
            f"{number} looks like a number with spaces between digit groups: TOML groups "
            f"digits with underscores, {number.replace(' ', '_').replace(chr(0xA0), '_')}"
        )
    comma = _DECIMAL_COMMA.search(source_line or "")
    if comma and "=" in (source_line or "")[: comma.start()]:
        number = comma.group(0)
        hint = (
            f"{number} looks like a number with a decimal comma: TOML writes decimals with a "
            f"point, {number.replace(',', '.')}"
        )
    return SchemeError(
        f"TOML syntax: {bare[0].lower() + bare[1:]}",
        location=Location(path, line, column, None, source_line),
        hint=hint,
    )


#: A number written with spaces (or no-break spaces) between groups of three digits
#: (``15 000``, ``1 200 000``), as Russian and French write them, outside a string.
_SPACED_DIGITS = re.compile(r"(?<![\w.,\"'])\d{1,3}(?:[ \u00a0]\d{3})+(?![\w.,])")
#: A number written with a decimal comma (``0,05``, ``12,5``), as in Russian and German.
_DECIMAL_COMMA = re.compile(r"(?<![\w.,])\d+,\d+(?![\w.,])")


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
