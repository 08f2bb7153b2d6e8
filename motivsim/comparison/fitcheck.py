"""Fit a scheme's KPI model to history, and check that the fitted model reproduces the
history: :func:`fit` (``motivsim.fit``).

The fitting itself is :mod:`motivsim.history.fit`. The check: the scheme replayed on the actual
rows beside the scheme simulated from the fitted tables, for the same people over as many
periods. The simulated team is the history's people: the roster's people who are in the
history (each with their own parameters, as replay pays them), or else one manager per person
of the history (per segment when the history has a ``segment`` column). Figures: the share of
person-periods meeting the plan (``[principles] plan_met``), the mean pay per person and
period, and the payroll per period; the simulated pay comes with the 5th and 95th percentiles
of a history-sized sample (the same people over the same number of periods), so that a
replayed figure outside them is a sign the model misses something.

Examples
--------
>>> import motivsim
>>> result = motivsim.fit("schemes/dealership_year.csv", seed=1, bootstrap=100,
...                       scheme="schemes/dealership_roster.toml")
>>> [m.family for m in result.marginals], result.check.people
(['lognormal', 'poisson'], 8)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentTypeError, MotivsimError
from motivsim.history.fit import BOOTSTRAP, FitData, distribution_of, fit_data, prepare
from motivsim.history.fitnote import Count, Note, Num, Periods
from motivsim.history.fitresult import CheckFigure, FitResult, ReproductionCheck
from motivsim.history.read import History
from motivsim.history.replay import replay
from motivsim.scheme.model import needs_of
from motivsim.scheme.team import DEFAULT_SEGMENT, Correlation, Segment, Team
from motivsim.simulation import simulate

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["fit", "fitted_scheme", "reproduce"]

#: Most manager-periods the check simulates (runs x people x periods), and the fewest and most
#: runs.
_WORK: Final = 2_000_000
_RUNS: Final = (20, 1_000)
#: Most groups of rows with their own parameters for which plan_met is computed.
_GROUPS: Final = 500


def fit(
    history: Any,
    kpis: str | Sequence[str] | None = None,
    scheme: Scheme | str | Path | None = None,
    *,
    seed: int = 0,
    families: Sequence[str] | None = None,
    periods_per_year: int | None = None,
    bootstrap: int = BOOTSTRAP,
    check: bool = True,
) -> FitResult:
    """Fit the KPI model of ``history``: each KPI's distribution (per segment too), the rank
    correlations between KPIs, each KPI's persistence and seasonality, every estimate with a
    bootstrap interval over people and the rows behind it (see docs/fit.md); with a
    ``scheme``, also whether the fitted model reproduces the history's pay.

    Parameters
    ----------
    history
        A CSV path, a list of dicts or a pandas DataFrame with ``person``, ``period`` and KPI
        columns, as :func:`motivsim.replay` reads it; a ``segment`` column gives per-segment
        fits.
    kpis
        The KPI columns to fit (default: the scheme's KPIs in the history, or without a scheme
        every column of numbers besides person, period and segment).
    scheme
        A scheme (or its path): its KPIs, plan year (``periods_per_year``, ``year_start``) and
        roster (segments by person) are used, and the fitted model is checked against the
        history replayed by it (``check=False`` skips that).
    seed
        Seeds every bootstrap: the same seed gives the same result.
    families
        Restrict the candidate families (``"normal"``, ``"lognormal"``, ``"gamma"``,
        ``"beta"``, ``"poisson"``, ``"negative_binomial"``); empirical stays the fallback.
    periods_per_year
        The plan year's length without a scheme (default 12; 4 for quarters written as
        ``2026-Q2``).
    bootstrap
        Resamples of people for the intervals (0: none).

    Returns
    -------
    FitResult
        ``str()`` is the report, ``to_dict()`` its JSON, ``toml()`` the fitted tables and
        ``write_into(scheme)`` a copy of the scheme with them merged in.

    Raises
    ------
    SchemeError
        A bad row or cell of the history (naming file, line and column).
    ArgumentError
        A KPI not in the history, a bad option.
    """
    if not isinstance(check, bool):
        raise ArgumentTypeError(f"check must be True or False, got {check!r}")
    frame = prepare(history, kpis, scheme, periods_per_year)
    result = fit_data(frame, seed=seed, families=families, bootstrap=bootstrap)
    if frame.plan is None or not check:
        return result
    found, notes = reproduce(frame.plan, result, frame)
    return replace(result, check=found, notes=(*result.notes, *notes))


def fitted_scheme(plan: Scheme, result: FitResult) -> Scheme:
    """``plan`` with the fitted tables in place: each fitted KPI's distribution, persistence
    and seasonality, the fitted ``[correlation]`` pairs (others kept), and the segments'
    fitted distributions (for segments the scheme has)."""
    tables = result.tables()
    kpis = dict(plan.kpis)
    for name, entry in tables["kpi"].items():
        kpi = kpis[name]
        changes: dict[str, Any] = {}
        if "distribution" in entry:
            changes["distribution"] = distribution_of(entry["distribution"], kpi)
        if "persistence" in entry:
            changes["persistence"] = float(entry["persistence"])
        if "seasonality" in entry:
            changes["seasonality"] = tuple(float(f) for f in entry["seasonality"])
        kpis[name] = replace(kpi, **changes)
    pairs = {frozenset(pair): rho for pair, rho in plan.correlation.pairs}
    for key, rho in tables["correlation"].items():
        a, b = key.split(":")
        pairs[frozenset((a, b))] = float(rho)
    order = list(plan.kpis)
    items = []
    for names, rho in pairs.items():
        a, b = sorted(names, key=order.index)
        items.append(((a, b), rho))
    segments = []
    for segment in plan.team.segments:
        own = dict(segment.overrides)
        for name, table in tables["segments"].get(segment.name, {}).items():
            own[name] = distribution_of(table, kpis[name])
        segments.append(replace(segment, overrides=tuple(own.items())))
    team = Team(tuple(segments), plan.team.people)
    return replace(plan, kpis=kpis, correlation=Correlation(tuple(items)), team=team)


def reproduce(
    plan: Scheme, result: FitResult, frame: FitData
) -> tuple[ReproductionCheck | None, list[Note]]:
    """The check (``None`` when it cannot be made) and notes on it."""
    data = frame.data
    notes: list[Note] = []
    try:
        fitted = fitted_scheme(plan, result)
        team, rows = _team(plan, fitted, result, frame, notes)
    except MotivsimError as exc:
        return None, [Note("fit.note.check_not_made", error=exc)]
    if team is None:
        return None, notes
    people = team.size
    periods = int(data.periods[rows].max() - data.periods[rows].min()) + 1
    if rows.size != people * periods:
        notes.append(
            Note(
                "fit.note.check_gaps",
                rows=Count(rows.size, "row", english_plural=True),
                people=Count(people, "person", genitive=True, english_plural=True),
                periods=Periods(periods, plan.period),
            )
        )
    if int(data.periods[rows].min()) % (plan.periods_per_year or 1):
        notes.append(Note("fit.note.check_start"))
    runs = int(min(max(_WORK // (people * periods), _RUNS[0]), _RUNS[1]))
    try:
        replayed = replay(plan, data)
        simulated = simulate(
            replace(fitted, team=team), runs=runs, periods=periods, seed=result.seed
        )
    except MotivsimError as exc:
        return None, [*notes, Note("fit.note.check_not_made", error=exc)]
    cents = replayed.cents[rows].astype(np.float64)
    total = float(cents.sum()) / 100.0
    share, why = _plan_share(plan, data, rows)
    if why:
        notes.append(Note("fit.note.check_share", why=why))
    total_low = simulated.payroll_total.p5
    total_high = simulated.payroll_total.p95
    span = periods * people

    def part(value: float | None, divisor: float) -> float | None:
        return None if value is None else value / divisor

    figures = (
        CheckFigure("share meeting the plan", share, simulated.share_meeting_plan, money=False),
        CheckFigure(
            "mean pay per person and period",
            total / rows.size,
            part(simulated.payroll.mean, people),
            part(total_low, span),
            part(total_high, span),
        ),
        CheckFigure(
            "payroll per period",
            total / periods,
            simulated.payroll.mean,
            part(total_low, periods),
            part(total_high, periods),
        ),
    )
    check = ReproductionCheck(
        plan.name,
        plan.currency,
        plan.rounding,
        people,
        periods,
        runs,
        result.seed,
        figures,
        tuple(simulated.notes),
    )
    return check, notes


def _team(
    plan: Scheme, fitted: Scheme, result: FitResult, frame: FitData, notes: list[Note]
) -> tuple[Team | None, npt.NDArray[np.intp]]:
    """The team to simulate and the history's rows it stands for."""
    data, segment, segment_names = frame.data, frame.segment, frame.segment_names
    present = set(data.names)
    if plan.team.people:
        members = tuple(p for p in plan.team.people if p.name in present)
        if not members:
            notes.append(Note("fit.note.check_nobody"))
            return None, np.zeros(0, np.intp)
        segments = []
        for item in fitted.team.segments:
            count = sum(1 for p in members if p.segment == item.name)
            if count:
                segments.append(replace(item, count=count))
        keep = {p.name for p in members}
        rows = np.flatnonzero(np.isin(np.asarray(data.people, dtype=object), list(keep)))
        if len(keep) < len(present):
            outside = len(present) - len(keep)
            notes.append(
                Note(
                    "fit.note.check_outside",
                    people=Count(outside, "person", genitive=True, english_plural=True),
                )
            )
        return Team(tuple(segments), members), rows
    rows = np.arange(data.size)
    if plan.team.segments != (Segment(DEFAULT_SEGMENT, 1),) and any(
        s.params or s.overrides for s in plan.team.segments
    ):
        notes.append(Note("fit.note.check_segments"))
    if not result.segments:
        return Team((Segment(DEFAULT_SEGMENT, len(data.names)),)), rows
    first: dict[int, int] = {}
    for person, group in zip(data.person.tolist(), segment.tolist(), strict=True):
        first.setdefault(person, group)
    fits = {s.name: s for s in result.segments}
    built = []
    others = 0
    for g, name in enumerate(segment_names):
        count = sum(1 for v in first.values() if v == g)
        if not count:
            continue
        if name not in fits:
            others += count
            continue
        overrides = tuple(
            (m.kpi, distribution_of(m.table, fitted.kpis[m.kpi]))
            for m in fits[name].marginals
            if m.table is not None
        )
        built.append(Segment(name, count, overrides))
    others += sum(1 for v in first.values() if v < 0)
    if others:
        built.append(Segment("others" if built else DEFAULT_SEGMENT, others))
    return Team(tuple(built)), rows


def _plan_share(
    plan: Scheme, data: History, rows: npt.NDArray[np.intp]
) -> tuple[float | None, Note | None]:
    """The share of ``rows`` where ``plan_met`` holds, each with its person's (and row's)
    parameters; ``None`` and why when it cannot be computed."""
    met_step = plan.principles.plan_met
    if met_step is None:
        return None, Note("fit.note.share.no_plan_met")
    reach = plan.reach(met_step)
    if needs_of([met_step.expr]) or any(s.needs for s in plan.steps if s.name in reach):
        return None, Note("fit.note.share.earlier")
    needed = plan.kpis_of(met_step)
    if any(k not in data.columns for k in needed):
        return None, Note("fit.note.share.no_kpi")
    own = [k for k in data.columns if k in plan.params]
    roster = {p.name for p in plan.team.people}
    groups: dict[tuple[Any, ...], list[int]] = {}
    for r in rows.tolist():
        name = data.people[r] if data.people[r] in roster else ""
        key = (name, *(data.value(k, r) for k in own))
        groups.setdefault(key, []).append(r)
    if len(groups) > _GROUPS:
        return None, Note("fit.note.share.groups", n=Num(_GROUPS))
    met = np.zeros(data.size, dtype=bool)
    for (name, *values), members in groups.items():
        scheme = plan.person_scheme(name) if name else plan
        given = {k: v for k, v in zip(own, values, strict=True) if v is not None}
        if given:
            scheme = scheme.with_params({k: Fraction(v) for k, v in given.items()})
        condition = scheme.principles.plan_met
        assert condition is not None
        index = np.asarray(members, dtype=np.intp)
        given_kpis = {k: data.columns[k][index] for k in plan.kpis if k in data.columns}
        met[index] = scheme.holds(condition, given_kpis)
    return float(met[rows].mean()), None
