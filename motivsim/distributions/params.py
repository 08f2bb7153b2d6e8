"""Parameter checks and number wording shared by the distribution types and their parser."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Final

from motivsim.errors import ArgumentError
from motivsim.limits import DRAW_TAIL, MAX_ABS_NUMBER
from motivsim.validation import closest

__all__ = ["ParameterError"]

_HINTS: Final = {
    "sd": "sd is the standard deviation, in the KPI's own units",
    "sigma": "sigma is the spread of log(KPI): 0.1 is tight, 0.5 is wide",
    "cv": "cv is the standard deviation divided by the mean, e.g. 0.3",
    "p": "p is a probability, between 0 and 1",
}


class ParameterError(ArgumentError):
    """A distribution parameter breaks a rule; ``param`` names it as the scheme file spells it."""

    def __init__(self, param: str | None, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint or _HINTS.get(param or ""))
        self.param = param


def _fmt(x: float) -> str:
    """A number as a sales manager reads it: ``9,500,000``, ``0.35``, ``inf``."""
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    x = float(f"{x:.10g}")
    return f"{int(x):,}" if x.is_integer() and abs(x) < 1e15 else f"{x:,}"


def _show(value: object) -> str:
    """An offending TOML value, with its kind when it is not a number."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        return _fmt(float(value))
    kinds: dict[type, str] = {str: "a string", list: "a list", dict: "a table"}
    return f"{value!r} ({kinds.get(type(value), type(value).__name__)})"


def _number(param: str, value: object, label: str | None = None) -> float:
    """``value`` as a float, or a :class:`ParameterError` for ``param`` (shown as ``label``)."""
    label = label or param
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(param, f"{label} must be a number, got {_show(value)}")
    big = isinstance(value, int) and abs(value) > MAX_ABS_NUMBER
    x = math.inf if big else float(value)
    if not abs(x) <= MAX_ABS_NUMBER:
        limit = f"{MAX_ABS_NUMBER:g}"
        rule = f"between -{limit} and {limit}" if big or math.isfinite(x) else "a finite number"
        raise ParameterError(param, f"{label} must be {rule}, got {_show(value)}")
    return x


def _exp(x: float) -> float:
    """``e**x``, or ``inf`` where it overflows."""
    return math.exp(x) if x < 709.0 else math.inf


def _check_reach(label: str, param: str | None, low: float, high: float, hint: str) -> None:
    """Refuse a distribution whose draws leave ``±MAX_ABS_NUMBER`` more than rarely.

    ``low`` and ``high`` are its :data:`~motivsim.limits.DRAW_TAIL` and ``1 - DRAW_TAIL``
    quantiles (or bounds on them): what a trillion draws reach.
    """
    if low >= -MAX_ABS_NUMBER and high <= MAX_ABS_NUMBER:
        return
    above = not high <= MAX_ABS_NUMBER
    reach = high if above else low
    digits = 3 if abs(float(f"{reach:.3g}")) != MAX_ABS_NUMBER else 10  # 1.00001e+15, not 1e+15
    shown = f"{reach:.{digits}g}" if math.isfinite(reach) else _fmt(reach)
    raise ParameterError(
        param,
        f"{label} is too wide: one draw in {1 / DRAW_TAIL:.0e} "
        f"{'exceeds' if above else 'is below'} {'' if above else '-'}{MAX_ABS_NUMBER:g} "
        f"(draws reach {shown}); a KPI's values must stay within ±{MAX_ABS_NUMBER:g}",
        hint=hint,
    )


def _chernoff(rate_function: Callable[[float], float], target: float) -> float:
    """The ``t > 1`` where the increasing ``rate_function(t)`` reaches ``target`` (bisection).

    A Chernoff bound ``P(X >= m t) <= exp(-rate_function(t))`` then puts the quantile of
    probability ``exp(-target)`` in the upper tail below ``m t``.
    """
    lo, hi = 1.0, 2.0
    while rate_function(hi) < target:
        lo, hi = hi, hi * 2.0
    for _ in range(80):
        mid = (lo + hi) / 2.0
        if rate_function(mid) < target:
            lo = mid
        else:
            hi = mid
    return hi


def _positive(param: str, value: object) -> float:
    x = _number(param, value)
    if x <= 0:
        raise ParameterError(param, f"{param} must be > 0, got {_fmt(x)}")
    return x


def _interval(low: object, high: object) -> dict[str, float]:
    lo, hi = _number("low", low), _number("high", high)
    if lo >= hi:
        raise ParameterError("high", f"high must be > low, got low={_fmt(lo)} and high={_fmt(hi)}")
    return {"low": lo, "high": hi}


def _did_you_mean(word: str, choices: list[str], what: str = "choices") -> str:
    close = closest(word, choices)
    listed = f"{what}: {', '.join(choices)}"
    return f"did you mean {close!r}? {listed}" if close else listed
