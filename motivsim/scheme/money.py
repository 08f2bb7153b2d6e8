"""Money as people read it: exact values rounded to cents by a declared rule, then formatted.

The rule
--------
motivsim computes pay exactly (rational arithmetic on the decimal numbers of the scheme and the
KPI values) and rounds **once**, at the end, to cents (two decimal places). How a value exactly
half-way between two cents is rounded is the scheme's ``[scheme] rounding``:

=============  ===========================================  =================
rule           halves go                                    2.345 -> / -2.345 ->
=============  ===========================================  =================
``half-up``    away from zero (commercial rounding; the     2.35 / -2.35
               default)
``half-even``  to the even cent (banker's rounding)         2.34 / -2.34
``half-down``  toward zero                                  2.34 / -2.34
``down``       every fraction of a cent toward zero         2.34 / -2.34
``up``         every fraction of a cent away from zero      2.35 / -2.35
=============  ===========================================  =================
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from fractions import Fraction
from typing import Final

from motivsim.i18n import CURRENCY_SIGNS, DEFAULT_LANGUAGE, NBSP, words

__all__ = [
    "DEFAULT_ROUNDING",
    "ROUNDING_RULES",
    "currency_suffix",
    "currency_text",
    "format_amount",
    "format_money",
    "format_value",
    "to_cents",
]

#: Rule name -> :mod:`decimal` rounding mode.
ROUNDING_RULES: Final = {
    "half-up": decimal.ROUND_HALF_UP,
    "half-even": decimal.ROUND_HALF_EVEN,
    "half-down": decimal.ROUND_HALF_DOWN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
}
#: The rule used when a scheme does not declare one.
DEFAULT_ROUNDING: Final = "half-up"
_CENT: Final = Decimal("0.01")
#: A decimal context that never rounds nor overflows, for results known to be exact.
_EXACT: Final = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


def to_cents(value: Fraction, rule: str = DEFAULT_ROUNDING) -> Decimal:
    """``value`` rounded to cents by ``rule`` (exactly: no float is involved).

    Examples
    --------
    >>> to_cents(Fraction(2345, 1000)), to_cents(Fraction(2345, 1000), "half-even")
    (Decimal('2.35'), Decimal('2.34'))
    """
    if rule not in ROUNDING_RULES:
        raise ValueError(f"unknown rounding rule {rule!r}; use one of {', '.join(ROUNDING_RULES)}")
    scaled = abs(Fraction(value)) * 100
    cents = int(scaled)  # toward zero
    rest = scaled - cents
    half = Fraction(1, 2)
    away = {
        "half-up": rest >= half,
        "half-even": rest > half or (rest == half and cents % 2 == 1),
        "half-down": rest > half,
        "down": False,
        "up": rest > 0,
    }[rule]
    cents += int(away)
    with decimal.localcontext(_EXACT):  # any number of digits: no rounding, no overflow
        return Decimal(-cents if value < 0 else cents).scaleb(-2).quantize(_CENT)


def format_amount(
    amount: Decimal, currency: str | None = None, language: str = DEFAULT_LANGUAGE
) -> str:
    """``1,234,567.89 RUB``: cents, thousands separators, the currency after the number.

    In Russian (``language="ru"``): ``1 234 567,89 ₽`` (digits grouped by no-break spaces, a
    decimal comma, ``₽`` for roubles and the code of another currency; see
    :mod:`motivsim.i18n`).

    Examples
    --------
    >>> amount = Decimal("1234567.89")
    >>> format_amount(amount, "RUB"), format_amount(amount, "RUB", "ru")
    ('1,234,567.89 RUB', '1\xa0234\xa0567,89\xa0₽')
    """
    text = words(language).num(amount, ",.2f")
    if not currency:
        return text
    return f"{text}{NBSP if language == 'ru' else ' '}{currency_text(currency, language)}"


def currency_suffix(currency: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """What follows a number to name its currency: `` RUB``; Russian ``\u00a0₽`` (``""``
    without a currency)."""
    if not currency:
        return ""
    return f"{NBSP if language == 'ru' else ' '}{currency_text(currency, language)}"


def currency_text(currency: str, language: str = DEFAULT_LANGUAGE) -> str:
    """How ``language`` names ``currency`` after an amount: its code; Russian ``₽`` for RUB."""
    return CURRENCY_SIGNS.get(language, {}).get(currency.strip().upper(), currency)


def format_money(
    value: float | Fraction | Decimal | int,
    currency: str | None = None,
    rounding: str = DEFAULT_ROUNDING,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """Any amount as people read it: rounded to cents by ``rounding`` (the scheme's rule), with
    thousands separators and the currency, as ``language`` writes numbers (:func:`format_amount`:
    ``1,234.50 RUB``, Russian ``1 234,50 ₽``); ``n/a`` (``н/д``) for a float that is not finite.

    A float is taken as the decimal it prints as (``2.345`` is 2.345, not the binary number
    just below it), so a figure is rounded as a person rounding it by hand would.

    Examples
    --------
    >>> format_money(2.345, "USD"), format_money(2.345, "USD", "half-even")
    ('2.35 USD', '2.34 USD')
    >>> format_money(float("nan"))
    'n/a'
    """
    if isinstance(value, int | Fraction | Decimal) and not isinstance(value, bool):
        exact = Fraction(value)
    else:  # float, numpy scalars
        number = float(value)
        if not math.isfinite(number):
            return words(language)("na")
        exact = Fraction(repr(number))
    return format_amount(to_cents(exact, rounding), currency, language)


def format_value(
    value: Fraction | bool, *, max_places: int = 6, language: str = DEFAULT_LANGUAGE
) -> str:
    """A step value for a pay statement: exact when short, else ``≈`` and ``max_places`` places
    (as ``language`` writes numbers: Russian ``1 234,5``, ``да``/``нет``).

    Examples
    --------
    >>> format_value(Fraction(3, 2)), format_value(Fraction(1, 3)), format_value(True)
    ('1.5', '≈0.333333', 'yes')
    >>> format_value(Fraction(3, 2), language="ru"), format_value(True, language="ru")
    ('1,5', 'да')
    """
    w = words(language)
    if isinstance(value, bool):
        return w("yes") if value else w("no")
    for places in range(max_places + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            with decimal.localcontext(_EXACT):
                return w.num(Decimal(scaled.numerator).scaleb(-places), f",.{places}f")
    # enough digits for the integer part and max_places more (a large pay has many)
    digits = (abs(value.numerator).bit_length() - value.denominator.bit_length()) * 0.302
    context = decimal.Context(prec=max(28, int(digits) + max_places + 10), Emax=decimal.MAX_EMAX)
    with decimal.localcontext(context):
        approx = Decimal(value.numerator) / Decimal(value.denominator)
        return "≈" + w.num(approx, f",.{max_places}f")
