"""The words people read, in each language a scheme may declare (``[scheme] language``).

One message catalogue (:mod:`motivsim.i18n.catalogue`) holds every text of the reports that
``check``, ``simulate``, ``lint``, ``compare``, ``explain``, ``report`` and ``plot`` print, keyed by
an id, with its English and its Russian wording and named placeholders
(``"{share} of {count} meet the plan"``). :func:`words` gives the :class:`Words` of one
language: ``w("check.verdict", ...)`` fills a message, ``w.count(5, "manager")`` counts with the
language's plural form (``5 managers``; ``5 менеджеров``), ``w.num(1234567.891, ",.2f")``
writes a number as the language does, and ``w.period("month")`` names a pay period.

Numbers
-------
English keeps motivsim's form: ``1,234,567.89`` (comma groups, decimal point), ``44.2%``.
Russian follows the Russian convention (CLDR ``ru``): digits grouped by threes with a
**no-break space** (U+00A0), a decimal comma, and a no-break space before ``%``:
``1 234 567,89``, ``44,2 %``; an amount in roubles ends in ``₽`` (other currencies keep their
code: ``1 234,50 USD``). U+00A0 rather than the narrow U+202F: it is CLDR's group separator for
Russian, every terminal font has it at the width of a digit column (tables stay aligned) and a
spreadsheet pasted into reads it as a space. The form follows the report's language; there is no
separate switch.

Plurals
-------
English has two forms (1 month, 2 months); Russian three: ``one`` for 1, 21, 31, ... (not 11),
``few`` for 2-4, 22-24, ... (not 12-14) and ``many`` for the rest (5-20, 25-30, 0); a number
with a fraction takes ``few`` (1,5 месяца).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Final

from motivsim.i18n.catalogue import MESSAGES, NOUNS, PERIODS

__all__ = [
    "CURRENCY_SIGNS",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "NBSP",
    "Period",
    "Words",
    "form_index",
    "language_of",
    "plural_index",
    "words",
]

#: Languages a report can be written in.
LANGUAGES: Final = ("en", "ru")
#: The language of a scheme that does not declare one.
DEFAULT_LANGUAGE: Final = "en"
#: The no-break space: Russian groups digits with it and puts it before ``%``.
NBSP: Final = "\u00a0"
#: Currency code -> the sign a language writes after an amount in it (else the code).
CURRENCY_SIGNS: Final[Mapping[str, Mapping[str, str]]] = {"en": {}, "ru": {"RUB": "₽"}}
#: How each language writes an English-formatted number (``1,234.5%``).
_NUMBER_FORM: Final = {"ru": str.maketrans({",": NBSP, ".": ",", "%": NBSP + "%"})}


def language_of(language: str | None) -> str:
    """``language`` when motivsim writes in it, else :data:`DEFAULT_LANGUAGE`."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def plural_index(n: float, language: str) -> int:
    """Which plural form ``n`` takes: English 0 (one) or 1 (other); Russian 0 (one), 1 (few)
    or 2 (many); a number with a fraction is ``few`` in Russian.

    Examples
    --------
    >>> [plural_index(n, "ru") for n in (1, 2, 5, 11, 21, 22, 25, 1.5)]
    [0, 1, 2, 2, 0, 1, 2, 1]
    """
    if language != "ru":
        return 0 if n == 1 else 1
    if not math.isfinite(n) or n != int(n):
        return 1
    whole = abs(int(n))
    if whole % 10 == 1 and whole % 100 != 11:
        return 0
    if 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
        return 1
    return 2


def form_index(n: float, language: str, genitive: bool = False) -> int:
    """:func:`plural_index`, or with ``genitive`` the form a Russian noun takes after
    ``из N`` (of N): the genitive singular (the ``few`` form) after 1, 21, ...; the genitive
    plural (``many``) otherwise."""
    index = plural_index(n, language)
    if genitive and language == "ru":
        return 1 if index == 0 else 2
    return index


@dataclass(frozen=True, slots=True)
class Period:
    """A pay period as a report names it: ``word`` (``month``, ``месяц``), its plural
    ``forms`` (``None`` for a word motivsim cannot inflect: it is then shown as written),
    ``accusative`` (Russian ``за неделю``) and the forms of a manager-period
    (``manager-months``; ``менеджеро-месяц``, ``-месяца``, ``-месяцев``)."""

    language: str
    word: str
    forms: tuple[str, ...] | None
    accusative: str
    manager_forms: tuple[str, ...]

    def plural(self, n: float, *, genitive: bool = False) -> str:
        """The period's word for ``n`` of them (``months``; ``месяца``); as written when it
        cannot be inflected."""
        if self.forms is None:
            return self.word
        return self.forms[form_index(n, self.language, genitive)]

    def count(self, n: float, sep: str = "×", *, genitive: bool = False) -> str:
        """``12 months``, ``12 месяцев``; ``12 × смена`` for a word that cannot be inflected."""
        shown = words(self.language).num(n, ",")
        if self.forms is None:
            return f"{shown} {sep} {self.word}"
        return f"{shown} {self.plural(n, genitive=genitive)}"

    def manager_periods(self, n: float = 5, *, genitive: bool = False) -> str:
        """``manager-months`` (the word for ``n`` of them: ``менеджеро-месяцев``)."""
        return self.manager_forms[form_index(n, self.language, genitive)]

    def count_manager_periods(self, n: float, *, genitive: bool = False) -> str:
        """``140,000 manager-months``; ``140 000 менеджеро-месяцев``."""
        return f"{words(self.language).num(n, ',')} {self.manager_periods(n, genitive=genitive)}"


class Words:
    """The messages, plural forms and numbers of one language (get one with :func:`words`)."""

    __slots__ = ("language",)

    def __init__(self, language: str) -> None:
        self.language = language_of(language)

    def __repr__(self) -> str:
        return f"words({self.language!r})"

    def __call__(self, key: str, /, **values: object) -> str:
        """The message ``key`` with its placeholders filled from ``values``."""
        return MESSAGES[key][self.language].format(**values)

    def get(self, key: str, default: str, /, **values: object) -> str:
        """The message ``key`` filled from ``values``, or ``default`` when there is none."""
        return self(key, **values) if key in MESSAGES else default

    # -- plurals -----------------------------------------------------------------------------
    def plural(self, n: float, noun: str, *, genitive: bool = False) -> str:
        """The form of ``noun`` (a key of :data:`~motivsim.i18n.catalogue.NOUNS`) for ``n``
        (with ``genitive``, after ``из N``: :func:`form_index`)."""
        forms = NOUNS[noun][self.language]
        return forms[min(form_index(n, self.language, genitive), len(forms) - 1)]

    def count(self, n: float, noun: str, spec: str = ",", *, genitive: bool = False) -> str:
        """``n`` written by ``spec`` and the matching form of ``noun``: ``2 менеджера``."""
        return f"{self.num(n, spec)} {self.plural(n, noun, genitive=genitive)}"

    # -- numbers -----------------------------------------------------------------------------
    def localize(self, text: str) -> str:
        """An English-formatted number (``1,234.5``, ``44.2%``) as this language writes it."""
        table = _NUMBER_FORM.get(self.language)
        return text if table is None else text.translate(table)

    def num(self, value: object, spec: str = ",") -> str:
        """``format(value, spec)`` as this language writes numbers: ``1 234 567,89``."""
        return self.localize(format(value, spec))

    def pct(self, value: float | None, places: int = 1) -> str:
        """A share as a percent: ``44.2%``, ``44,2 %`` (``n/a`` for ``None``)."""
        if value is None:
            return self("na")
        return self.localize(f"{value:.{places}%}")

    def times(self, value: float | None, places: int = 2) -> str:
        """Principle 1's kind of figure: ``3.57x``; ``в 3,57 раза`` (``unbounded``, ``n/a``)."""
        if value is None:
            return self("na")
        if math.isinf(value):
            return self("unbounded")
        shown = f"{value:.{places}f}"
        return self("times", n=self.localize(shown), times=self.plural(float(shown), "times"))

    def limit(self, value: float) -> str:
        """A threshold of principle 1: ``3x``; ``в 3 раза``, ``в 2,5 раза``, ``в 5 раз``."""
        shown = f"{value:g}"
        return self("times", n=self.localize(shown), times=self.plural(float(shown), "times"))

    def join(self, items: Iterable[str]) -> str:
        """``a, b and c``; ``a, b и c``."""
        seq = list(items)
        if len(seq) < 2:
            return "".join(seq)
        return f"{', '.join(seq[:-1])} {self('and')} {seq[-1]}"

    # -- periods -----------------------------------------------------------------------------
    def period(self, period: str | None) -> Period:
        """The scheme's ``period`` as this language names it (``None``: a generic period).

        English keeps the scheme's word (``month``: ``months``, ``manager-months``; a word that
        is not plain English, such as ``месяц``, is shown as written). Russian names the
        periods it knows (month, quarter, week, year, day: in English or in Russian) in
        Russian and inflects them; another word is shown as written.
        """
        return _period(self.language, period)


@cache
def words(language: str | None = DEFAULT_LANGUAGE) -> Words:
    """The :class:`Words` of ``language`` (English for an unknown one)."""
    return Words(language_of(language))


@cache
def _period(language: str, period: str | None) -> Period:
    if language == "en":
        unit = (period or "period").strip() or "period"
        plain = unit.isascii() and unit.isalpha()
        many = f"manager-{unit}s" if plain else "manager-periods"
        return Period(language, unit, (unit, f"{unit}s") if plain else None, unit, (many, many))
    word = (period or "period").strip() or "period"
    known = PERIODS.get(word.casefold())
    if known is None:
        return Period(language, word, None, word, PERIODS["period"][2])
    forms, accusative, managers = known
    return Period(language, forms[0], forms, accusative, managers)
