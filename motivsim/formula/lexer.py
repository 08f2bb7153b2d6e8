"""Tokenizer of the formula language: text in, a list of positioned tokens out."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Final

from motivsim import limits
from motivsim.formula.scripts import first_mixed

__all__ = ["KEYWORDS", "LexError", "Token", "tokenize"]

#: Words with a meaning of their own; they cannot be used as names.
KEYWORDS: Final = frozenset({"and", "or", "not"})

_OPERATORS: Final = (
    "**",
    "<=",
    ">=",
    "==",
    "!=",
    "+",
    "-",
    "*",
    "/",
    "<",
    ">",
    "(",
    ")",
    "[",
    "]",
    ",",
)

#: Characters users type by habit from other languages, with the fix to suggest.
_HINTS: Final = {
    "^": "write powers as x ** 2, not x ^ 2",
    "%": "write percentages as fractions: 0.05, not 5%",
    "=": "compare with ==; a step is named by its TOML key, not inside the formula",
    "&": "write 'and' instead of '&' or '&&'",
    "|": "write 'or' instead of '|' or '||'",
    "!": "write 'not x' or 'a != b' instead of '!'",
    '"': "formulas have no strings; use names and numbers only",
    "'": "formulas have no strings; use names and numbers only",
    ";": "a formula is one expression; write separate steps as separate keys in [formula]",
    ":": "a formula is one expression; conditions are written if(cond, then, else)",
    ".": "numbers start with a digit: write 0.5, not .5; names cannot contain dots",
    "?": "write conditions as if(cond, then, else)",
    "{": "use [ ] for lists of tier breakpoints and ( ) for grouping",
    "}": "use [ ] for lists of tier breakpoints and ( ) for grouping",
    "@": "use * for multiplication",
    "$": "currency signs are not part of numbers: write 1500, not $1500",
    "€": "currency signs are not part of numbers: write 1500, not €1500",
    "₽": "currency signs are not part of numbers: write 1500, not 1500₽",
    "\\": "write formulas on one line or use a TOML multi-line string",
    "#": "comments go outside the TOML string, after it",
}


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``kind`` is NUMBER, NAME, OP or END; ``start``/``end`` are offsets in the text."""

    kind: str
    text: str
    start: int
    end: int
    value: Fraction | None = None


class LexError(Exception):
    """A tokenizing problem at ``offset``; the scheme layer turns it into a located FormulaError."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


def describe_char(ch: str) -> str:
    """``'е' (U+0435 CYRILLIC SMALL LETTER IE)``: a character as a person can look it up."""
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}, a control character"
    if ch.isprintable() and not ch.isspace():
        return f"{ch!r} ({code})"
    return code


def tokenize(text: str) -> list[Token]:
    """Split a formula into tokens, or raise :class:`LexError` at the first bad character."""
    if len(text) > limits.MAX_FORMULA_CHARS:
        raise LexError(
            f"formula is {len(text):,} characters long; the limit is {limits.MAX_FORMULA_CHARS:,}",
            0,
            "split it into named steps in [formula]",
        )
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch in " \t\r\n":
            pos += 1
        elif ch.isdigit() and ch.isascii():
            tokens.append(_number(text, pos))
            pos = tokens[-1].end
        elif ch.isidentifier():
            tokens.append(_name(text, pos))
            pos = tokens[-1].end
        else:
            op = next((o for o in _OPERATORS if text.startswith(o, pos)), None)
            if op is None:
                raise _bad_char(text, pos)
            tokens.append(Token("OP", op, pos, pos + len(op)))
            pos += len(op)
    tokens.append(Token("END", "", len(text), len(text)))
    return tokens


def _bad_char(text: str, pos: int) -> LexError:
    ch = text[pos]
    if ch in _HINTS:
        return LexError(f"unexpected {ch!r}", pos, _HINTS[ch])
    if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Zs"}:
        return LexError(
            f"invisible or control character {describe_char(ch)}",
            pos,
            "delete it; formulas may contain only names, numbers, operators and spaces",
        )
    if ch.isdigit():
        return LexError(
            f"digit {describe_char(ch)} is not an ASCII digit", pos, "type numbers with 0-9"
        )
    return LexError(
        f"unexpected character {describe_char(ch)}",
        pos,
        "formulas use names, numbers, + - * / **, comparisons, and, or, not, ( ) [ ] and commas",
    )


def _number(text: str, start: int) -> Token:
    pos = start
    while pos < len(text) and (text[pos].isascii() and (text[pos].isdigit() or text[pos] in "_.")):
        pos += 1
    if pos < len(text) and text[pos] in "eE":
        exp = pos + 1
        if exp < len(text) and text[exp] in "+-":
            exp += 1
        if exp < len(text) and text[exp].isascii() and text[exp].isdigit():
            pos = exp
            while pos < len(text) and text[pos].isascii() and text[pos].isdigit():
                pos += 1
    raw = text[start:pos]
    if pos < len(text) and (text[pos].isidentifier() or text[pos].isdigit()):
        raise LexError(
            f"number {raw!r} runs into {text[pos]!r}",
            pos,
            "put an operator between a number and a name, e.g. 2 * x",
        )
    return Token("NUMBER", raw, start, pos, parse_number(raw, start))


def parse_number(raw: str, offset: int = 0) -> Fraction:
    """The exact value of a number literal such as ``12_000_000`` or ``0.015`` or ``1e6``."""
    if len(raw) > limits.MAX_NUMBER_CHARS:
        raise LexError(
            f"number literal is {len(raw)} characters long; the limit is {limits.MAX_NUMBER_CHARS}",
            offset,
        )
    mantissa = raw.split("e")[0].split("E")[0]
    if "__" in raw or mantissa.endswith("_") or "_." in raw or "._" in raw or raw.count(".") > 1:
        raise LexError(
            f"malformed number {raw!r}",
            offset,
            "use one '.' for decimals and single '_' between digits, e.g. 1_250_000.50",
        )
    if raw.endswith("."):
        raise LexError(f"malformed number {raw!r}", offset, f"write {raw}0 or {raw[:-1]}")
    try:
        dec = Decimal(raw.replace("_", ""))
    except InvalidOperation:  # pragma: no cover - the scanner only passes digit runs
        raise LexError(f"malformed number {raw!r}", offset) from None
    return checked_number(dec, raw, offset)


def checked_number(dec: Decimal, shown: str, offset: int = 0) -> Fraction:
    """``dec`` as a Fraction, if it is finite, not too large and not too precise."""
    if not dec.is_finite():
        raise LexError(f"{shown} is not a finite number", offset)
    if dec.copy_abs() > Decimal(limits.MAX_ABS_NUMBER):
        raise LexError(
            f"number {shown} is too large; the limit is {limits.MAX_ABS_NUMBER:,.0f}",
            offset,
            "express large amounts in thousands or millions",
        )
    exponent = dec.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -limits.MAX_DECIMAL_PLACES and dec != 0:
        raise LexError(
            f"number {shown} has more than {limits.MAX_DECIMAL_PLACES} decimal places",
            offset,
            "round it to fewer places",
        )
    return Fraction(dec)


def _name(text: str, start: int) -> Token:
    pos = start + 1
    while pos < len(text) and ("a" + text[pos]).isidentifier():  # letters, digits, accents
        pos += 1
    raw = text[start:pos]
    name = unicodedata.normalize("NFC", raw)  # "café" with a combining accent is "café"
    try:
        check_name(name, start)
    except LexError as exc:
        if name != raw:  # offsets in the normalised name: point at the name
            exc.offset = start
        raise
    return Token("NAME", name, start, pos)


def check_name(name: str, offset: int = 0) -> None:
    """Reject names that are too long, not NFKC-normal, or that mix scripts (homoglyphs).

    Scripts follow Unicode's rules for identifiers (UTS #39, :mod:`.scripts`): digits, ``_``
    and accents fit any script, and Han, Hiragana and Katakana together are Japanese, so
    ``売上げ`` is one script while ``rеvenue`` with a Cyrillic ``е`` mixes two. Names reach
    here in NFC (composed) form; a name that is not, such as one spelt with escapes in a
    quoted TOML key, is refused with its composed spelling as the fix.
    """
    if len(name) > limits.MAX_NAME_CHARS:
        raise LexError(
            f"name is {len(name)} characters long; the limit is {limits.MAX_NAME_CHARS}", offset
        )
    normal = unicodedata.normalize("NFKC", name)
    if normal != name:
        bad = next(
            (i for i, ch in enumerate(name) if unicodedata.normalize("NFKC", ch) != ch),
            next((i for i, ch in enumerate(name) if unicodedata.combining(ch)), 0),
        )
        raise LexError(
            f"name {name!r} contains {describe_char(name[bad])}",
            offset + bad,
            f"write it as {normal!r}",
        )
    mixed = first_mixed(name)
    if mixed is not None:
        bad, first, other = mixed
        raise LexError(
            f"name {name!r} mixes {first} and {other} letters: {describe_char(name[bad])}",
            offset + bad,
            "retype the name in one alphabet; look-alike letters from another alphabet make "
            "a different name",
        )
