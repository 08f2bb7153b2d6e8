"""The plan's clock: how many pay periods make a plan year, and where the year starts.

``[scheme] period = "month"`` names the pay period; ``periods_per_year`` says how many make the
plan year (``ytd`` sums over it, ``prior_ytd`` restarts with it). It defaults from the period's
name when that is a common one, in English or Russian; ``year_start`` is the month the plan year
starts with (1 to 12, default 1), for histories dated by month.

Examples
--------
>>> default_periods_per_year("month"), default_periods_per_year("Квартал")
(12, 4)
>>> default_periods_per_year("sprint") is None
True
"""

from __future__ import annotations

from typing import Final

__all__ = ["MAX_PERIODS_PER_YEAR", "PERIOD_NAMES", "default_periods_per_year"]

#: Most pay periods in a plan year (a day is the shortest period there is).
MAX_PERIODS_PER_YEAR: Final = 366
#: Period names whose plan year length is known, lower case.
PERIOD_NAMES: Final = {
    "day": 365,
    "week": 52,
    "two weeks": 26,
    "fortnight": 26,
    "half-month": 24,
    "month": 12,
    "quarter": 4,
    "half-year": 2,
    "half year": 2,
    "year": 1,
    "день": 365,
    "неделя": 52,
    "две недели": 26,
    "месяц": 12,
    "квартал": 4,
    "полугодие": 2,
    "год": 1,
}
_ADJECTIVES: Final = {
    "daily": "day",
    "weekly": "week",
    "biweekly": "two weeks",
    "monthly": "month",
    "quarterly": "quarter",
    "annual": "year",
    "yearly": "year",
}


def default_periods_per_year(period: str | None) -> int | None:
    """The plan year's number of periods for a period named ``period``, if it is a common name."""
    if period is None:
        return None
    text = " ".join(period.strip().casefold().split())
    text = _ADJECTIVES.get(text, text)
    return PERIOD_NAMES.get(text)
