"""The text report of a :class:`~motivsim.SimulationResult` (it computes nothing), in the
result's language (the scheme's ``[scheme] language``: :mod:`motivsim.i18n`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from motivsim.checks.ratio import format_ratio
from motivsim.i18n import DEFAULT_LANGUAGE, Period, Words, words
from motivsim.scheme.money import currency_text, format_money
from motivsim.simulation.sketch import RELATIVE_ERROR

if TYPE_CHECKING:
    from motivsim.checks.ratio import PlanSplit
    from motivsim.simulation.result import SimulationResult, Summary

__all__ = ["render"]

_COLUMNS = ("mean", "P5", "P50", "P95", "P99")


class _Text:
    """The words, period and amounts of one result."""

    def __init__(self, result: SimulationResult) -> None:
        self.result = result
        self.lang = getattr(result, "language", DEFAULT_LANGUAGE)
        self.w: Words = words(self.lang)
        self.period: Period = self.w.period(result.period)

    @property
    def english(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    def per(self) -> str:
        """``per month``; ``за месяц``."""
        return self.w("per", period=self.period.accusative)

    def over(self) -> str:
        """``over 12 months``; ``за 12 месяцев``."""
        return self.w("sim.over", periods=self.count(self.result.periods))

    def count(self, n: int) -> str:
        """``12 months``; a word English cannot inflect: ``12 x месяц``."""
        return self.period.count(n, "x" if self.english else "×")

    def mp(self, n: float = 5) -> str:
        """``manager-months`` (the form after a percentage or ``n``)."""
        return self.period.manager_periods(n)

    def money(self, value: float | None, currency: str | None = None) -> str:
        if value is None:
            return self.w("na")
        return format_money(value, currency, self.result.rounding, self.lang)

    def amount(self, value: float | None) -> str:
        return self.money(value, self.result.currency)

    def pct(self, value: float | None) -> str:
        if value is None:
            return self.w("na")
        return self.w.pct(value, 2 if value < 0.1 else 1)

    def ratio(self, value: float | None) -> str:
        return format_ratio(value, language=self.lang)


def render(result: SimulationResult) -> str:
    """The report: amounts in cents with thousands separators, shares in percent."""
    t = _Text(result)
    w = t.w
    per = t.per()
    rows: list[tuple[str, Summary | None]] = [(w("sim.row.payroll", per=per), result.payroll)]
    if result.periods > 1:
        rows.append((w("sim.row.payroll", per=t.over()), result.payroll_total))
    if len(result.segments) > 1:
        rows.append((w("sim.row.segments", per=per), None))
        rows += [(f"  {s.name} ({s.count})", s.payroll) for s in result.segments]
    one = w("sim.row.manager", per=t.over() if result.periods > 1 else per)
    if len(result.segments) > 1:
        rows.append((one, None))
        rows.append(("  " + w("sim.row.any_segment"), result.manager))
        rows += [(f"  {s.name}", s.manager) for s in result.segments]
    elif result.managers > 1:  # with one manager, the team's payroll is the manager's pay
        rows.append((one, result.manager))
    lines = _head(t)
    lines += _table(t, rows)
    if result.people:
        lines += _people(t)
    lines.append("")
    lines += _figures(t)
    return "\n".join(lines)


#: People listed by name in the report (the JSON has every one).
_PEOPLE_SHOWN = 20


def _columns(w: Words) -> tuple[str, ...]:
    return (w("sim.mean"), *_COLUMNS[1:])


def _people(t: _Text) -> list[str]:
    """Each named person's pay over the periods: mean and P5/P50/P95 over the runs."""
    result, w = t.result, t.w
    span = t.over() if result.periods > 1 else t.per()
    runs = (
        t.w.count(result.people_runs, "run", genitive=True)
        if result.people_runs == result.runs
        else w("sim.people.first", n=w.num(result.people_runs, ","))
    )
    if t.english and result.people_runs == result.runs:
        runs = f"{result.people_runs:,} runs"
    people = result.people
    shown = people
    more = ""
    if len(people) > _PEOPLE_SHOWN:
        ranked = sorted(people, key=lambda p: p.mean)
        half = _PEOPLE_SHOWN // 2
        shown = (*ranked[:half], *ranked[-half:])
        more = w("sim.people.more", n=w.num(len(people) - _PEOPLE_SHOWN, ","))
    width = max(len(p.name) + len(p.segment) + 3 for p in shown)
    cells = [
        (f"{p.name} ({p.segment})", [t.money(v) for v in (p.mean, p.p5, p.p50, p.p95)])
        for p in shown
    ]
    number = max(len(c) for _, row in cells for c in row)
    head = w("sim.people", span=span, runs=runs)
    width = max(width, len(head))
    columns = _columns(w)[:4]
    lines = ["", f"{head:<{width}}  " + "  ".join(f"{h:>{number}}" for h in columns)]
    if len(people) > _PEOPLE_SHOWN:
        lines.append(w("sim.people.ends", n=_PEOPLE_SHOWN // 2))
    for label, row in cells:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{c:>{number}}" for c in row))
    if more:
        lines.append(more)
    return lines


def _head(t: _Text) -> list[str]:
    result, w = t.result, t.w
    unit = (
        w("sim.head.unit", currency=currency_text(result.currency, t.lang), per=t.per())
        if result.currency
        else ""
    )
    size = w(
        "sim.size",
        runs=f"{result.runs:,} runs" if t.english else w.count(result.runs, "run"),
        periods=t.count(result.periods),
        managers=w.count(result.managers, "manager"),
        total=f"{w.num(result.manager_periods, ',')} {t.mp(result.manager_periods)}",
        seed=result.seed,
    )
    return [w("sim.head", scheme=w("quoted", name=result.scheme), unit=unit), size, ""]


def _table(t: _Text, rows: list[tuple[str, Summary | None]]) -> list[str]:
    w, currency = t.w, t.result.currency
    cells = [
        (label, [t.money(v) for v in (s.mean, s.p5, s.p50, s.p95, s.p99)] if s else None)
        for label, s in rows
    ]
    columns = _columns(w)
    width = max(len(label) for label, _ in cells)
    number = max([len(c) for _, row in cells if row for c in row] + [len(h) for h in columns])
    title = (
        w("sim.amounts.in", currency=currency_text(currency, t.lang))
        if currency
        else w("sim.amounts")
    )
    lines = [f"{title:<{width}}  " + "  ".join(f"{h:>{number}}" for h in columns)]
    for label, row in cells:
        lines.append(
            label
            if row is None
            else f"{label:<{width}}  " + "  ".join(f"{c:>{number}}" for c in row)
        )
    return lines


def _figures(t: _Text) -> list[str]:
    result, w = t.result, t.w
    mp = t.mp()
    lines = []
    if result.share_meeting_plan is not None:
        by = w("list.sep").join(
            f"{s.name} {t.pct(s.share_meeting_plan)}"
            for s in result.segments
            if s.share_meeting_plan is not None
        )
        lines.append(
            w("sim.meeting", share=t.pct(result.share_meeting_plan), what=mp)
            + (f" ({by})" if len(result.segments) > 1 else "")
        )
    if result.principle_1 is not None:
        lines += _principle_one(t, result.principle_1)
    elif result.mean_pay_meeting_plan is not None or result.mean_pay_missing_plan is not None:
        ratio = (
            w("sim.ratio", ratio=t.ratio(result.hitter_ratio))
            if result.hitter_ratio is not None
            else ""
        )
        lines.append(
            w(
                "sim.means",
                per=t.per(),
                n=w.num(result.manager_periods, ","),
                what=mp,
                met=t.amount(result.mean_pay_meeting_plan),
                missed=t.amount(result.mean_pay_missing_plan),
                ratio=ratio,
            )
        )
    year = result.per_year
    if year is not None:
        ratio = w("sim.ratio", ratio=t.ratio(year.ratio)) if year.ratio is not None else ""
        units = f"{t.period.word}s" if t.english else t.period.plural(5)
        lines.append(
            w(
                "sim.year",
                years=f"{year.years:,} manager-years"
                if t.english
                else f"{w.num(year.years, ',')} {w.period('year').manager_periods(year.years)}",
                share=t.pct(year.share_meeting_plan),
                units=units,
                met=t.amount(year.mean_met),
                missed=t.amount(year.mean_missed),
                ratio=ratio,
            )
        )
    if result.cap_probability is not None:
        lines.append(w("sim.cap", share=t.pct(result.cap_probability), what=mp))
        if len(result.caps) > 1:
            lines += [f"  {c.step}: {c.formula}: {t.pct(c.probability)}" for c in result.caps]
        else:
            lines[-1] += f" ({result.caps[0].step}: {result.caps[0].formula})"
    if result.revenue_share is not None:
        lines.append(w("sim.revenue", share=t.pct(result.revenue_share)))
    if result.non_finite:
        share = result.non_finite / result.manager_periods
        lines.append(
            w(
                "sim.non_finite",
                n=w.num(result.non_finite, ","),
                what=mp,
                share=t.pct(share),
            )
        )
    lines += [w("sim.note", note=note) for note in result.notes]
    lines.append(w("sim.quantiles", error=w.pct(RELATIVE_ERROR, 4)))
    lines.append(w("exactness"))
    return lines


def _principle_one(t: _Text, split: PlanSplit) -> list[str]:
    """Principle 1's figure (the one check, plot and report show), what it pools, and how to
    see it again."""
    result, w = t.result, t.w
    money = [t.amount(g.mean if g.count else None) for g in (split.met, split.missed)]
    own = split.team and result.periods == 1 and split.draws == result.runs
    where = ""
    if not own:
        where = w(
            "sim.p1.apart",
            how=w("sim.p1.apart.team", period=t.period.accusative)
            if split.team
            else w("sim.p1.apart.check"),
        )
    return [
        w("sim.p1", ratio=t.ratio(split.ratio), per=t.per(), met=money[0], missed=money[1]),
        w(
            "sim.p1.basis",
            basis=split.basis(result.period, t.lang),
            where=where,
            samples=split.draws,
            seed=split.seed,
        ),
    ]
