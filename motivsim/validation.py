"""Checks of the arguments of public calls, in one place (in the spirit of hypothesis'
``internal/validation.py``): every function here either returns the value in a normal form or
raises :class:`~motivsim.errors.ArgumentError`, whose message names the argument and says what
is allowed.

A wrong *type* raises :class:`~motivsim.errors.ArgumentTypeError`, which is also a
``TypeError``; a value of the right type outside its range raises
:class:`~motivsim.errors.ArgumentError` (also a ``ValueError``). numpy integers and floats are
accepted wherever Python ones are; ``bool`` is never a number.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from motivsim.errors import ArgumentError, ArgumentTypeError

__all__ = [
    "check_int",
    "check_number",
    "check_probability",
    "did_you_mean",
    "is_int",
    "to_fraction",
    "unknown_keys",
]


def is_int(value: object) -> bool:
    """``True`` for a Python or numpy integer, ``False`` for ``bool`` and everything else.

    Examples
    --------
    >>> is_int(3), is_int(np.int64(3)), is_int(True), is_int(3.0)
    (True, True, False, False)
    """
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def check_int(
    name: str,
    value: object,
    *,
    least: int | None = None,
    most: int | None = None,
    hint: str | None = None,
) -> int:
    """``value`` as a Python ``int`` if it is a whole number in ``[least, most]``.

    Examples
    --------
    >>> check_int("runs", np.int64(100), least=1)
    100
    >>> check_int("runs", 0, least=1)
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentError: runs must be a whole number >= 1, got 0
    """
    wanted = _int_range(least, most)
    if not is_int(value):
        raise ArgumentTypeError(
            f"{name} must be a whole number{wanted}, got {_shown(value)}", hint=hint
        )
    number = int(value)  # type: ignore[call-overload]
    if (least is not None and number < least) or (most is not None and number > most):
        raise ArgumentError(f"{name} must be a whole number{wanted}, got {number:,}", hint=hint)
    return number


def check_number(
    name: str,
    value: object,
    *,
    least: float | None = None,
    most: float | None = None,
    below: float | None = None,
) -> float:
    """``value`` as a finite ``float`` in ``[least, most]`` (and ``< below`` if given)."""
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating | Fraction | Decimal
    ):
        raise ArgumentTypeError(f"{name} must be a number, got {_shown(value)}")
    number = float(value)
    if not math.isfinite(number):
        raise ArgumentError(f"{name} must be a finite number, got {number!r}")
    if (least is not None and number < least) or (most is not None and number > most):
        lo = "" if least is None else f" >= {least:g}"
        hi = "" if most is None else f" <= {most:g}"
        raise ArgumentError(f"{name} must be{lo}{' and' if lo and hi else ''}{hi}, got {number!r}")
    if below is not None and number >= below:
        raise ArgumentError(f"{name} must be below {below:g}, got {number!r}")
    return number


def check_probability(name: str, value: object, *, least: float = 0.0) -> float:
    """``value`` as a float in ``[least, 1)``: a confidence level or a share.

    Examples
    --------
    >>> check_probability("confidence", 0.9, least=0.5)
    0.9
    """
    number = check_number(name, value)
    if not least <= number < 1:
        raise ArgumentError(f"{name} must be in [{least:g}, 1), got {name}={value!r}")
    return number


def to_fraction(value: Any, what: str = "value") -> Fraction:
    """``value`` as the exact decimal a person typed: floats through their shortest repr.

    ``int``, ``Fraction`` and ``Decimal`` are exact already; ``what`` names the value in the
    error raised for a bool, a non-number or a non-finite number.

    Examples
    --------
    >>> to_fraction(0.1), to_fraction(Decimal("2.50")), to_fraction(np.int64(7))
    (Fraction(1, 10), Fraction(5, 2), Fraction(7, 1))
    """
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | Fraction | Decimal | np.integer | np.floating
    ):
        raise ArgumentTypeError(f"{what} must be a number, got {_shown(value)}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ArgumentError(f"{what} must be finite, got {value}")
        return Fraction(value)
    number = float(value)
    if not math.isfinite(number):
        raise ArgumentError(f"{what} must be finite, got {number!r}")
    return Fraction(repr(number))


def did_you_mean(name: object, options: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the closest of ``options``, or ``""``.

    Examples
    --------
    >>> did_you_mean("revenu", ["revenue", "cars"])
    " (did you mean 'revenue'?)"
    """
    close = difflib.get_close_matches(str(name), list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def closest(name: object, options: Iterable[str]) -> str | None:
    """The option closest to ``name`` (``difflib``'s measure), or ``None`` if none is close."""
    close = difflib.get_close_matches(str(name), list(options), n=1)
    return close[0] if close else None


def unknown_keys(table: Mapping[str, Any], allowed: Iterable[str]) -> list[tuple[str, str | None]]:
    """Each key of ``table`` not in ``allowed``, with the allowed key it is closest to.

    Examples
    --------
    >>> unknown_keys({"name": 1, "cuont": 2}, ["name", "count"])
    [('cuont', 'count')]
    """
    known = list(allowed)
    return [(str(key), closest(key, known)) for key in table if key not in known]


def _int_range(least: int | None, most: int | None) -> str:
    if least is not None and most is not None:
        return f" from {least:,} to {most:,}"
    if least is not None:
        return f" >= {least:,}"
    if most is not None:
        return f" <= {most:,}"
    return ""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
