"""Words for a span of periods in reports: ``per month``, ``per year (12 months)``.

A simulation over several periods reports per-period amounts (the team's payroll in one period)
next to amounts over all of them (the payroll and one manager's pay over the run). These helpers
name both with the scheme's own ``period`` word, and call 12 months (or 4 quarters, 52 weeks)
a year, so a reader never has to guess which amount is which.
"""

from __future__ import annotations

from typing import Final

from motivsim.i18n import DEFAULT_LANGUAGE, words

__all__ = ["count", "over", "per", "year_label"]

#: Periods of a given name that make one year (English and Russian words, any case).
PERIODS_PER_YEAR: Final = {
    "month": 12,
    "месяц": 12,
    "quarter": 4,
    "квартал": 4,
    "week": 52,
    "неделя": 52,
    "year": 1,
    "год": 1,
}


def per(period: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """``per month`` (``per period`` when the scheme names none); Russian ``за месяц``."""
    w = words(language)
    return w("per", period=w.period(period).accusative)


def count(n: int, period: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """``12 months``; a word that is not a plain English one stays as it is: ``12 × месяц``
    (Russian: ``12 месяцев``)."""
    return words(language).period(period).count(n, "×")


def is_year(period: str | None, periods: int) -> bool:
    """Whether ``periods`` periods named ``period`` make exactly one year."""
    return period is not None and PERIODS_PER_YEAR.get(period.strip().casefold()) == periods


def over(period: str | None, periods: int, language: str = DEFAULT_LANGUAGE) -> str:
    """``per year (12 months)`` when the periods make a year, else ``over 6 months``
    (Russian: ``за год (12 месяцев)``, ``за 6 месяцев``)."""
    w = words(language)
    if is_year(period, periods) and periods > 1:
        return w("periods.year", periods=count(periods, period, language))
    return w("sim.over", periods=count(periods, period, language))


def year_label(period: str | None, periods: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A heading for amounts over the whole run: ``Per year (12 months)``, ``Over 6 months``."""
    text = over(period, periods, language)
    return text[0].upper() + text[1:]
