"""The one exception tree of motivsim: every error says where it happened and what to do.

All errors derive from :class:`MotivsimError`. Errors about a scheme file are also
``ValueError`` (so ``except ValueError`` keeps working for callers); errors about the
arguments of a Python call are :class:`ArgumentError`, also a ``ValueError``.

An error stores its fields and builds its text in ``__str__``; errors pickle (so they can
cross process boundaries in parallel simulations).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "EvaluationError",
    "FormulaError",
    "Location",
    "MotivsimError",
    "SchemeError",
]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a scheme file: 1-based line and column, the TOML key, and the line's text."""

    path: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    source_line: str | None = None

    def prefix(self) -> str:
        """``file:line:col`` (whatever of it is known), as compilers print it."""
        parts = [self.path or "<scheme>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def excerpt(self) -> str:
        """The source line and a caret under the column, or ``""`` when unknown."""
        if self.source_line is None:
            return ""
        text = self.source_line.rstrip("\r\n")
        shown = "".join(ch if ch.isprintable() else "?" for ch in text)
        if len(shown) > 160:  # very long lines: show a window around the column
            col = (self.column or 1) - 1
            start = max(0, col - 70)
            shown = ("..." if start else "") + shown[start : start + 140] + "..."
            caret_col = col - start + (3 if start else 0)
        else:
            caret_col = (self.column or 1) - 1
        pad = _display_width(shown[: max(caret_col, 0)])
        caret = " " * pad + "^" if self.column is not None else ""
        return f"    {shown}\n    {caret}" if caret else f"    {shown}"

    def to_dict(self) -> dict[str, str | int | None]:
        """``{"path", "line", "column", "key"}`` for JSON (the source line is left out)."""
        return {"path": self.path, "line": self.line, "column": self.column, "key": self.key}

    def with_offset(self, offset: int) -> Location:
        """The same place, ``offset`` characters further along the line."""
        if self.column is None:
            return self
        return Location(self.path, self.line, self.column + offset, self.key, self.source_line)


def _display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters 2, combining marks 0."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Me", "Mn"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


class MotivsimError(Exception):
    """Root of every error motivsim raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f"\n  hint: {self.hint}" if self.hint else "")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))


def _rebuild(cls: type[MotivsimError], message: str, state: dict[str, object]) -> MotivsimError:
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class SchemeError(MotivsimError, ValueError):
    """A scheme file (TOML or formula) is invalid; the message names file, line and column."""

    def __init__(
        self, message: str, *, location: Location | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.location = location or Location()

    def __str__(self) -> str:
        loc = self.location
        head = f"{loc.prefix()}: {self.message}"
        if loc.key and loc.key not in self.message:
            head += f" (in {loc.key})"
        lines = [head]
        excerpt = loc.excerpt()
        if excerpt:
            lines.append(excerpt)
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class FormulaError(SchemeError):
    """A formula does not follow the formula language; the location points into the formula."""


class EvaluationError(MotivsimError, ValueError):
    """A formula cannot be computed for the given KPI values (division by zero, ...)."""


class ArgumentError(MotivsimError, ValueError):
    """A Python call or a command-line option got an argument it cannot use."""


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument of a Python call has the wrong type (also a ``TypeError``)."""
