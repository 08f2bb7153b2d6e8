"""The notes of a fit, kept as a message of the catalogue and its values.

A fit is made before the report's language is known for certain (``fit --lang``, or
``replace(result, language="ru")``), so its notes (why a family was not tried, too few rows,
the check's remarks) are not stored as finished text: a :class:`Note` is the English text (it is
a ``str``, as the notes always were: ``"too few" in note``, JSON, equality) that also knows its
message id and values, and :meth:`Note.text` writes it in another language. Values are text
the user wrote (names: shown as they are), other notes, or the small value types below, each
written as the language writes it: :class:`Num` (a number), :class:`Count` (a number and the
matching form of a noun), :class:`Periods` (pay periods), :class:`Quoted` (a name in quotes),
:class:`PValue` (``p = 0.320``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from motivsim.i18n import Words, words

__all__ = ["Count", "Note", "Num", "PValue", "Periods", "Quoted", "note_text", "shown"]


@dataclass(frozen=True, slots=True)
class Num:
    """A number, written by ``spec`` as the language writes numbers."""

    value: float
    spec: str = ","

    def text(self, w: Words) -> str:
        return w.num(self.value, self.spec)


@dataclass(frozen=True, slots=True)
class Count:
    """``n`` and the form of the counted ``noun`` (a key of the catalogue's nouns) it takes:
    ``5 rows``, ``5 строк``; with ``genitive``, the Russian form after ``из``/``нет``;
    ``english_plural``: English keeps the plural form for 1 too, as the note always wrote it."""

    n: int
    noun: str
    spec: str = ","
    genitive: bool = False
    english_plural: bool = False

    def text(self, w: Words) -> str:
        if self.english_plural and w.language == "en":
            return f"{w.num(self.n, self.spec)} {w.plural(2, self.noun)}"
        return w.count(self.n, self.noun, self.spec, genitive=self.genitive)


@dataclass(frozen=True, slots=True)
class Periods:
    """``n`` pay periods: English ``12 periods`` (as the note always wrote it); Russian in the
    scheme's ``period`` (``12 месяцев``)."""

    n: int
    period: str | None

    def text(self, w: Words) -> str:
        if w.language == "en":
            return f"{self.n} periods"
        return w.period(self.period).count(self.n)


@dataclass(frozen=True, slots=True)
class Quoted:
    """A name in quotes: ``'new hires'``, ``«новички»``."""

    name: str

    def text(self, w: Words) -> str:
        return w("quoted", name=self.name)


@dataclass(frozen=True, slots=True)
class PValue:
    """A test's p-value: ``p = 0.320``, ``p < 0.001``, ``p n/a``; ``p = 0,320``."""

    value: float | None

    def text(self, w: Words) -> str:
        if self.value is None:
            return "p " + w("na")
        if self.value >= 0.001:
            return f"p = {w.num(self.value, '.3f')}"
        return f"p < {w.num(0.001, '.3f')}"


def shown(value: object, w: Words) -> str:
    """``value`` as a note's placeholder takes it, in ``w``'s language."""
    if isinstance(value, Note):
        return value.text(w.language)
    if isinstance(value, Num | Count | Periods | Quoted | PValue):
        return value.text(w)
    return str(value)


class Note(str):
    """A note: its English text (the ``str`` itself) and the message it is written from.

    >>> note = Note("fit.note.constant")
    >>> note
    'every value is the same: written as a constant'
    >>> note.text("ru").startswith("все значения одинаковы")
    True
    """

    key: str
    values: Mapping[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> Note:
        note = super().__new__(cls, _fill(words("en"), key, values))
        note.key = key
        note.values = dict(values)
        return note

    def text(self, language: str) -> str:
        """The note in ``language`` (English: the note itself)."""
        w = words(language)
        return str(self) if w.language == "en" else _fill(w, self.key, self.values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_note, (self.key, dict(self.values)))


def note_text(note: str, language: str) -> str:
    """A note in ``language``: a :class:`Note` written in it, other text as it is."""
    return note.text(language) if isinstance(note, Note) else str(note)


def _fill(w: Words, key: str, values: Mapping[str, Any]) -> str:
    return w(key, **{name: shown(value, w) for name, value in values.items()})


def _note(key: str, values: dict[str, Any]) -> Note:
    return Note(key, **values)
