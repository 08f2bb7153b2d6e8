"""The text report of a :class:`~motivsim.SimulationResult` (it computes nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from motivsim.checks.ratio import format_ratio
from motivsim.formula.certified import EXACTNESS
from motivsim.scheme.money import format_money
from motivsim.simulation.sketch import RELATIVE_ERROR

if TYPE_CHECKING:
    from motivsim.checks.ratio import PlanSplit
    from motivsim.simulation.result import SimulationResult, Summary

__all__ = ["render"]

_COLUMNS = ("mean", "P5", "P50", "P95", "P99")


def render(result: SimulationResult) -> str:
    """The report: amounts in cents with thousands separators, shares in percent."""
    unit = result.period or "period"
    over = f"over {_count(result.periods, unit)}"
    rows: list[tuple[str, Summary | None]] = [(f"Team payroll per {unit}", result.payroll)]
    if result.periods > 1:
        rows.append((f"Team payroll {over}", result.payroll_total))
    if len(result.segments) > 1:
        rows.append((f"Segment payroll per {unit}", None))
        rows += [(f"  {s.name} ({s.count})", s.payroll) for s in result.segments]
    one = f"One manager {over}" if result.periods > 1 else f"One manager per {unit}"
    if len(result.segments) > 1:
        rows.append((one, None))
        rows.append(("  any segment", result.manager))
        rows += [(f"  {s.name}", s.manager) for s in result.segments]
    elif result.managers > 1:  # with one manager, the team's payroll is the manager's pay
        rows.append((one, result.manager))
    lines = _head(result, unit)
    lines += _table(rows, result.currency, result.rounding)
    if result.people:
        lines += _people(result, unit, over)
    lines.append("")
    lines += _figures(result, unit)
    return "\n".join(lines)


#: People listed by name in the report (the JSON has every one).
_PEOPLE_SHOWN = 20


def _people(result: SimulationResult, unit: str, over: str) -> list[str]:
    """Each named person's pay over the periods: mean and P5/P50/P95 over the runs."""
    span = over if result.periods > 1 else f"per {unit}"
    runs = (
        f"{result.people_runs:,} runs"
        if result.people_runs == result.runs
        else f"the first {result.people_runs:,} of the runs"
    )
    people = result.people
    shown = people
    more = ""
    if len(people) > _PEOPLE_SHOWN:
        ranked = sorted(people, key=lambda p: p.mean)
        half = _PEOPLE_SHOWN // 2
        shown = (*ranked[:half], *ranked[-half:])
        more = f"  ... {len(people) - _PEOPLE_SHOWN:,} more between them (--json lists everyone)"
    width = max(len(p.name) + len(p.segment) + 3 for p in shown)
    cells = [
        (
            f"{p.name} ({p.segment})",
            [format_money(v, None, result.rounding) for v in (p.mean, p.p5, p.p50, p.p95)],
        )
        for p in shown
    ]
    number = max(len(c) for _, row in cells for c in row)
    head = f"Each person {span} (from {runs})"
    width = max(width, len(head))
    lines = ["", f"{head:<{width}}  " + "  ".join(f"{h:>{number}}" for h in _COLUMNS[:4])]
    if len(people) > _PEOPLE_SHOWN:
        lines.append(f"  the {_PEOPLE_SHOWN // 2} lowest and highest paid on average")
    for label, row in cells:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{c:>{number}}" for c in row))
    if more:
        lines.append(more)
    return lines


def _head(result: SimulationResult, unit: str) -> list[str]:
    money_unit = f" ({result.currency} per {unit})" if result.currency else ""
    size = (
        f"{result.runs:,} runs x {_count(result.periods, unit)} x "
        f"{_count(result.managers, 'manager')} = "
        f"{result.manager_periods:,} {_manager_periods(unit)}"
    )
    return [f"Simulation of {result.scheme!r}{money_unit}", f"{size}; seed {result.seed}", ""]


def _table(
    rows: list[tuple[str, Summary | None]], currency: str | None, rounding: str
) -> list[str]:
    cells = [
        (
            label,
            [format_money(v, None, rounding) for v in (s.mean, s.p5, s.p50, s.p95, s.p99)]
            if s
            else None,
        )
        for label, s in rows
    ]
    width = max(len(label) for label, _ in cells)
    number = max([len(c) for _, row in cells if row for c in row] + [len(h) for h in _COLUMNS])
    title = f"Amounts in {currency}" if currency else "Amounts"
    lines = [f"{title:<{width}}  " + "  ".join(f"{h:>{number}}" for h in _COLUMNS)]
    for label, row in cells:
        lines.append(
            label
            if row is None
            else f"{label:<{width}}  " + "  ".join(f"{c:>{number}}" for c in row)
        )
    return lines


def _figures(result: SimulationResult, unit: str) -> list[str]:
    mp = _manager_periods(unit)
    lines = []
    if result.share_meeting_plan is not None:
        by = ", ".join(
            f"{s.name} {_pct(s.share_meeting_plan)}"
            for s in result.segments
            if s.share_meeting_plan is not None
        )
        lines.append(
            f"Meeting the plan: {_pct(result.share_meeting_plan)} of {mp}"
            + (f" ({by})" if len(result.segments) > 1 else "")
        )
    if result.principle_1 is not None:
        lines += _principle_one(result, result.principle_1, unit)
    elif result.mean_pay_meeting_plan is not None or result.mean_pay_missing_plan is not None:
        ratio = f": {format_ratio(result.hitter_ratio)}" if result.hitter_ratio is not None else ""
        lines.append(
            f"Mean pay per {unit} meeting vs missing the plan, over this simulation's "
            f"{result.manager_periods:,} {mp}: "
            f"{_amount(result.mean_pay_meeting_plan, result.currency, result.rounding)} vs "
            f"{_amount(result.mean_pay_missing_plan, result.currency, result.rounding)}{ratio}"
        )
    year = result.per_year
    if year is not None:
        ratio = f": {format_ratio(year.ratio)}" if year.ratio is not None else ""
        lines.append(
            f"Per plan year ({year.years:,} manager-years): {_pct(year.share_meeting_plan)} met "
            f"the plan in at least half of their {unit}s; their annual pay vs the others': "
            f"{_amount(year.mean_met, result.currency, result.rounding)} vs "
            f"{_amount(year.mean_missed, result.currency, result.rounding)}{ratio}"
        )
    if result.cap_probability is not None:
        lines.append(f"Hitting a cap: {_pct(result.cap_probability)} of {mp}")
        if len(result.caps) > 1:
            lines += [f"  {c.step}: {c.formula}: {_pct(c.probability)}" for c in result.caps]
        else:
            lines[-1] += f" ({result.caps[0].step}: {result.caps[0].formula})"
    if result.revenue_share is not None:
        lines.append(f"Payroll as a share of revenue: {_pct(result.revenue_share)}")
    if result.non_finite:
        share = result.non_finite / result.manager_periods
        lines.append(
            f"Pay was not a finite number in {result.non_finite:,} {mp} ({_pct(share)}): "
            "left out of every figure; check divisions and powers in the formulas"
        )
    lines += [f"Note: {note}" for note in result.notes]
    lines.append(f"Quantiles are within {RELATIVE_ERROR:.4%} of the exact sample quantiles.")
    lines.append(EXACTNESS)
    return lines


def _principle_one(result: SimulationResult, split: PlanSplit, unit: str) -> list[str]:
    """Principle 1's figure (the one check, plot and report show), what it pools, and how to
    see it again."""
    money = [
        _amount(g.mean if g.count else None, result.currency, result.rounding)
        for g in (split.met, split.missed)
    ]
    own = split.team and result.periods == 1 and split.draws == result.runs
    where = ""
    if not own:
        where = "; drawn apart from the simulation above, " + (
            f"one {unit} per draw" if split.team else "as check draws them"
        )
    return [
        f"Principle 1: those meeting the plan earn {format_ratio(split.ratio)} those missing it "
        f"(mean pay per {unit}: {money[0]} vs {money[1]})",
        f"  {split.basis(result.period)}{where}; check, plot and report show this figure for "
        f"--samples {split.draws} --seed {split.seed}",
    ]


def _amount(value: float | None, currency: str | None, rounding: str) -> str:
    return "n/a" if value is None else format_money(value, currency, rounding)


def _pct(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2%}" if value < 0.1 else f"{value:.1%}"


def _manager_periods(unit: str) -> str:
    return f"manager-{unit}s" if unit.isascii() and unit.isalpha() else "manager-periods"


def _count(n: int, unit: str) -> str:
    """``12 months``; units that are not plain English words stay as they are: ``12 x месяц``."""
    if unit.isascii() and unit.isalpha():
        return f"{n:,} {unit}" + ("" if n == 1 else "s")
    return f"{n:,} x {unit}"
