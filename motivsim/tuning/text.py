"""The tuned scheme file: the original text with new values for some ``[params]``.

Only the number of each varied key is replaced, where it stands in the file; comments, order,
spacing and every other value stay as written. A value written with ``_`` between thousands
(``40_000``) gets its new value written the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Context, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from motivsim.errors import ArgumentError

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["decimal_text", "tuned_text"]

_NUMBER: Final = re.compile(r"[+-]?(?:[0-9][0-9_]*)(?:\.[0-9_]+)?(?:[eE][+-]?[0-9_]+)?")
_DIGITS: Final = Context(prec=60)


def decimal_text(value: Fraction, *, underscores: bool = False) -> str:
    """``value`` (a finite decimal) as a TOML number: ``18600``, ``0.0125``, ``18_600``."""
    exact = _DIGITS.divide(Decimal(value.numerator), Decimal(value.denominator))
    text = f"{exact.normalize(_DIGITS):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if underscores:
        sign = "-" if text.startswith("-") else ""
        whole, dot, frac = text.lstrip("-").partition(".")
        if len(whole) > 4:
            whole = f"{int(whole):_}"
        text = sign + whole + dot + frac
    return text


def tuned_text(scheme: Scheme, params: Mapping[str, Fraction]) -> str:
    """The text of ``scheme``'s file with each of ``params`` given its new value.

    Raises
    ------
    ArgumentError
        The scheme was not read from a text (built in Python), or a parameter's value in the
        file is not a plain number where it stands.
    """
    source = scheme.source
    if source is None:
        raise ArgumentError(
            "the scheme was not read from a file, so there is no text to write the new values into",
            hint="load it with motivsim.load(path) or motivsim.loads(text)",
        )
    text = source.text
    edits: list[tuple[int, int, str]] = []
    for name, value in params.items():
        found = source.keys.get(("params", name))
        if found is None:
            raise ArgumentError(f"parameter {name!r} is not written under [params] in the file")
        start = found[1]
        match = _NUMBER.match(text, start)
        if match is None:
            raise ArgumentError(
                f"the value of parameter {name!r} in the file is not a plain number",
                hint="write it as a number to let tune replace it",
            )
        old = match.group(0)
        new = decimal_text(value, underscores="_" in old)
        if Fraction(Decimal(old.replace("_", ""))) != value:
            edits.append((match.start(), match.end(), new))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text
