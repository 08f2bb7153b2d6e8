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
from typing import TYPE_CHECKING, Any, TypeGuard

import numpy as np

from motivsim.errors import ArgumentError, ArgumentTypeError

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = [
    "check_int",
    "check_number",
    "check_probability",
    "closest",
    "did_you_mean",
    "float_exact",
    "is_int",
    "is_real",
    "to_fraction",
    "unknown_keys",
]


def is_int(value: object) -> TypeGuard[int | np.integer[Any]]:
    """``True`` for a Python or numpy integer, ``False`` for ``bool`` and everything else.

    Examples
    --------
    >>> is_int(3), is_int(np.int64(3)), is_int(True), is_int(3.0)
    (True, True, False, False)
    """
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def is_real(
    value: object,
) -> TypeGuard[int | float | Fraction | Decimal | np.integer[Any] | np.floating[Any]]:
    """``True`` for a Python or numpy number that is not complex, ``False`` for ``bool``.

    Examples
    --------
    >>> is_real(0.5), is_real(np.float32(0.5)), is_real(Fraction(1, 2)), is_real(False)
    (True, True, True, False)
    """
    return not isinstance(value, bool | np.bool_) and isinstance(
        value, int | float | Fraction | Decimal | np.integer | np.floating
    )


def check_int(
    name: str,
    value: object,
    *,
    least: int | None = None,
    most: int | None = None,
    hint: str | None = None,
    noun: str = "a whole number",
    show_name: bool = False,
) -> int:
    """``value`` as a Python ``int`` if it is a whole number in ``[least, most]``.

    A wrong type (``bool``, ``float``, ``str``...) raises :class:`ArgumentTypeError`; a whole
    number out of range raises :class:`ArgumentError`. The message says what is allowed:
    ``noun`` (``"a whole number"``, ``"an integer"``...) and the range ("positive" when
    ``least=1``, "non-negative" when ``least=0``, else ``>= least`` or ``from least to most``);
    ``show_name`` echoes the argument as ``got name=value``.

    Examples
    --------
    >>> check_int("runs", np.int64(100), least=1)
    100
    >>> check_int("runs", 0, least=1)
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentError: runs must be a positive whole number, got 0
    >>> check_int("n", True, least=16, noun="an integer", show_name=True)
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentTypeError: n must be an integer >= 16, got n=True
    """
    wanted = _int_allowed(noun, least, most)
    got = f"{name}=" if show_name else ""
    if not is_int(value):
        raise ArgumentTypeError(f"{name} must be {wanted}, got {got}{_shown(value)}", hint=hint)
    number = int(value)
    if (least is not None and number < least) or (most is not None and number > most):
        raise ArgumentError(f"{name} must be {wanted}, got {got}{number:,}", hint=hint)
    return number


def check_executor(executor: object) -> Executor | None:
    """``executor`` if it is ``None`` or a ``concurrent.futures.Executor`` (where
    :func:`~motivsim.simulate`, :func:`~motivsim.check`, :func:`~motivsim.compare` ... run
    their tasks), else :class:`ArgumentTypeError`."""
    if executor is None:
        return None
    from concurrent.futures import Executor  # only when one is given: not on every start

    if not isinstance(executor, Executor):
        raise ArgumentTypeError(
            f"executor must be a concurrent.futures.Executor, got {type(executor).__name__}",
            hint="e.g. concurrent.futures.ProcessPoolExecutor() or a Dask client's get_executor()",
        )
    return executor


def check_number(
    name: str,
    value: object,
    *,
    least: float | None = None,
    most: float | None = None,
    below: float | None = None,
) -> float:
    """``value`` as a finite ``float`` in ``[least, most]`` (and ``< below`` if given)."""
    if not is_real(value):
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


def check_probability(
    name: str, value: object, *, least: float = 0.0, strict: bool = False
) -> float:
    """``value`` as a float in ``[least, 1)`` (``(least, 1)`` when ``strict``): a confidence
    level or a share.

    Every failure (a wrong type raises :class:`ArgumentTypeError`, NaN or a number outside
    the interval :class:`ArgumentError`) says ``NAME must be in [least, 1), got NAME=VALUE``.

    Examples
    --------
    >>> check_probability("confidence", 0.9, least=0.5)
    0.9
    >>> check_probability("confidence", 0.0, strict=True)
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentError: confidence must be in (0, 1), got confidence=0.0
    """
    interval = f"{'(' if strict else '['}{least:g}, 1)"
    message = f"{name} must be in {interval}, got {name}={_shown(value)}"
    if not is_real(value):
        raise ArgumentTypeError(message)
    number = float(value)
    if not (least < number < 1 if strict else least <= number < 1):  # NaN fails both
        raise ArgumentError(message)
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
    if not is_real(value):
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


def float_exact(value: Fraction) -> bool:
    """Whether the float nearest ``value`` reads back as ``value`` through :func:`to_fraction`
    (which takes a float as the shortest decimal that spells it).

    Where this holds, a float64 fast path and the exact path see the same number.

    Examples
    --------
    >>> float_exact(Fraction(1, 10)), float_exact(Fraction(1, 3))
    (True, False)
    """
    x = float(value)
    if x.is_integer():
        return Fraction(int(x)) == value
    return Fraction(repr(x)) == value


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


def _int_allowed(noun: str, least: int | None, most: int | None) -> str:
    """``a positive whole number``, ``an integer >= 16``, ``a whole number from 1 to 256``."""
    if most is None and least in (0, 1):
        kind = noun.split(" ", 1)[1] if noun.startswith(("a ", "an ")) else noun
        return f"a {'positive' if least == 1 else 'non-negative'} {kind}"
    return noun + _int_range(least, most)


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
