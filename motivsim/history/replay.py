"""Replay: what a scheme pays on actual history, person by person, period by period.

Each person's periods are computed in order, each with its own state: ``prior(x)`` is the
person's ``x`` in their previous period (0 in their first), ``prior_ytd(x)`` the sum of ``x``
over the plan year's earlier periods (0 in the year's first period), ``period`` the period's
number inside its plan year. Every amount is exact; a row's pay is rounded to cents once, by
the scheme's ``rounding`` rule.

Examples
--------
>>> import motivsim
>>> result = motivsim.replay("schemes/dealership.toml", [
...     {"person": "Anna", "period": 1, "revenue": 9_000_000, "cars_sold": 8},
...     {"person": "Anna", "period": 2, "revenue": 12_000_000, "cars_sold": 11}])
>>> [str(p) for p in result.pay]
['130000.00', '245000.00']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import sympy

from motivsim.errors import (
    ArgumentError,
    ArgumentTypeError,
    EvaluationError,
    MotivsimError,
    SchemeError,
)
from motivsim.formula.cents import cents_expression
from motivsim.formula.periods import period_steps
from motivsim.history.read import History, read_history
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import format_money, to_cents

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["SCHEMA", "ReplayResult", "replay"]

#: Identifier of the JSON layout of :meth:`ReplayResult.to_dict`.
SCHEMA: Final = "motivsim.replay/1"


@dataclass(frozen=True, slots=True)
class ReplayResult:
    """Pay on actual history, one entry per input row, in the input's order.

    ``pay`` holds each row's pay in cents (exact, rounded once by the scheme's rule);
    ``steps`` each step's exact value per row (``None`` where the step was not computed);
    ``people`` and ``periods`` identify the rows. ``str()`` is a report: per person totals
    and payroll per plan year.
    """

    scheme: str
    currency: str | None
    rounding: str
    people: tuple[str, ...]
    periods: tuple[str, ...]
    plan_years: tuple[int, ...]
    pay: tuple[Decimal, ...]
    steps: Mapping[str, tuple[Fraction | bool | None, ...]] = field(repr=False)
    pay_name: str = "pay"
    notes: tuple[str, ...] = ()
    inputs: Mapping[str, tuple[Fraction | None, ...]] = field(default_factory=dict, repr=False)
    ordinals: tuple[int, ...] = field(default=(), repr=False)
    state: Mapping[str, tuple[Fraction, ...]] = field(default_factory=dict, repr=False)

    @property
    def size(self) -> int:
        """The number of rows."""
        return len(self.pay)

    def person_totals(self) -> dict[str, Decimal]:
        """Each person's total pay over their rows (the sum of the rounded row amounts)."""
        out: dict[str, Decimal] = {}
        for name, amount in zip(self.people, self.pay, strict=True):
            out[name] = out.get(name, Decimal(0)) + amount
        return out

    def year_totals(self) -> dict[int, Decimal]:
        """Payroll per plan year (1 is the plan year of the earliest row)."""
        out: dict[int, Decimal] = {}
        for year, amount in zip(self.plan_years, self.pay, strict=True):
            out[year] = out.get(year, Decimal(0)) + amount
        return dict(sorted(out.items()))

    def rows(self) -> list[dict[str, Any]]:
        """One dict per input row: person, period, every step (as float) and pay (cents)."""
        out = []
        for i in range(self.size):
            row: dict[str, Any] = {"person": self.people[i], "period": self.periods[i]}
            for name, values in self.steps.items():
                if name != "pay":
                    row[name] = _plain(values[i])
            row[self.pay_name] = self.pay[i]
            out.append(row)
        return out

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas as pd  # type: ignore[import-untyped]

        frame = pd.DataFrame(self.rows())
        frame[self.pay_name] = frame[self.pay_name].astype(float)
        return frame

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form (amounts as strings of cents, exact)."""
        return {
            "schema": SCHEMA,
            "scheme": self.scheme,
            "currency": self.currency,
            "rounding": self.rounding,
            "rows": [
                {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
                for row in self.rows()
            ],
            "people": {k: str(v) for k, v in self.person_totals().items()},
            "years": {str(k): str(v) for k, v in self.year_totals().items()},
            "notes": list(self.notes),
        }

    def to_csv(self) -> str:
        """The rows as CSV text: person, period, steps, pay."""
        rows = self.rows()
        handle = io.StringIO()
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
        return handle.getvalue()

    def __str__(self) -> str:
        money = self._money
        totals = self.person_totals()
        width = max(len(n) for n in totals) if totals else 6
        periods = {n: self.people.count(n) for n in totals}
        lines = [
            f"Replay of {self.scheme!r} on {self.size:,} rows of history ({len(totals):,} people)",
            "",
            f"{'person':<{width}}  {'periods':>7}  {'total pay':>18}",
        ]
        shown = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        for name, amount in shown[:_SHOWN]:
            lines.append(f"{name:<{width}}  {periods[name]:>7}  {money(amount):>18}")
        if len(shown) > _SHOWN:
            lines.append(f"... and {len(shown) - _SHOWN:,} more (--out writes every row)")
        lines += ["", "Payroll per plan year"]
        for year, amount in self.year_totals().items():
            lines.append(f"  year {year}: {money(amount)}")
        lines += ["", f"Every row's pay is exact, rounded once to cents ({self.rounding})."]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.rounding)


_SHOWN: Final = 20


def _plain(value: Fraction | bool | None) -> Any:
    if value is None or isinstance(value, bool):
        return value
    return float(value)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def replay(scheme: Scheme | str | Path, history: Any, *, exact: bool = False) -> ReplayResult:
    """Pay every row of ``history`` (a CSV path, a list of dicts or a pandas DataFrame) by
    ``scheme``, each person's periods in order with their own state (see the module).

    A person of the scheme's roster is paid with their parameters; a ``segment`` column gives
    the segment of people not in it. A row's columns named like parameters override them for
    that row (a quota for that month).

    Every person is computed at once, period by period: each row's pay in cents is exact (the
    rounding, like every threshold, is decided as the exact path decides it); the other steps
    are float64 values. ``exact=True`` computes one row at a time in exact arithmetic, and
    gives every step exactly (slower: for a few people, or to check).

    Raises :class:`~motivsim.errors.SchemeError` for a bad row (naming its line and column)
    and :class:`~motivsim.errors.EvaluationError` for a row whose pay cannot be computed.
    """
    plan = as_scheme(scheme, caller="replay")
    data = read_history(history, plan)
    if not isinstance(exact, bool):
        raise ArgumentTypeError(f"exact must be True or False, got {exact!r}")
    if exact:
        return _replay_exact(plan, data)
    return _replay_vector(plan, data)


def _replay_vector(plan: Scheme, data: History) -> ReplayResult:
    """Every person at once, period by period (:mod:`motivsim.formula.periods`): decisions
    and each row's cents exact, other amounts in float64. People whose own values the fast
    path cannot hold (a parameter inside a tier table that differs from person to person, a
    number no float spells) are paid by the exact path, one row at a time."""
    _check_clock(plan)
    names = list(dict.fromkeys(data.people))
    index = {name: i for i, name in enumerate(names)}
    person = np.array([index[p] for p in data.people], dtype=np.intp)
    ordinal = np.array(data.periods, dtype=np.intp)
    rows_of = _row_params(plan, data)
    kpis = [k for k in data.values if k in plan.kpis]
    varying = _varying(plan, rows_of)
    folded = plan.folded_params
    slow: set[int] = set()
    columns: list[str] = []
    for name in varying:
        exact_floats = all(_float_exact(p[name]) for p in rows_of)
        if name in folded or not exact_floats:
            slow |= {int(person[r]) for r, p in enumerate(rows_of) if p[name] != plan.params[name]}
        else:
            columns.append(name)
    for k in kpis:
        for r, value in enumerate(data.values[k]):
            if value is not None and not _float_exact(value):
                slow.add(int(person[r]))
    fast_rows = np.array([r for r in range(data.size) if int(person[r]) not in slow], np.intp)
    steps = {s.name: [None] * data.size for s in plan.steps}  # type: dict[str, list[Any]]
    pay: list[Decimal] = [Decimal(0)] * data.size
    states: dict[str, list[Any]] = {n: [None] * data.size for n in plan.needs}
    if fast_rows.size:
        _fast(plan, data, fast_rows, person, ordinal, kpis, columns, rows_of, steps, pay, states)
    if slow:
        rest = [r for r in range(data.size) if int(person[r]) in slow]
        sub = _subset(data, rest)
        result = _replay_exact(plan, sub)
        for i, r in enumerate(rest):
            pay[r] = result.pay[i]
            for name in steps:
                steps[name][r] = result.steps[name][i]
            for name in states:
                states[name][r] = result.state[name][i]
    return _result(plan, data, steps, pay, states)


def _fast(
    plan: Scheme,
    data: History,
    rows: np.ndarray,
    person: np.ndarray,
    ordinal: np.ndarray,
    kpis: list[str],
    columns: list[str],
    rows_of: list[Mapping[str, Fraction]],
    steps: dict[str, list[Any]],
    pay: list[Decimal],
    states: dict[str, list[Any]],
) -> None:
    """The vectorised replay of ``rows`` (whole people), written into the lists given."""
    people = np.unique(person[rows])
    col = np.searchsorted(people, person[rows])
    periods = int(ordinal[rows].max()) + 1
    shape = (periods, people.size)
    present = np.zeros(shape, bool)
    present[ordinal[rows], col] = True
    series: dict[str, np.ndarray] = {}
    for name in kpis:
        array = np.full(shape, np.nan)
        array[ordinal[rows], col] = [float(data.values[name][r] or 0) for r in rows]
        series[name] = array
    for name in columns:
        array = np.full(shape, np.nan)
        array[ordinal[rows], col] = [float(rows_of[r][name]) for r in rows]
        series[name] = array
    cents = cents_expression(sympy.Symbol("pay", real=True), plan.rounding)
    compiled = period_steps(plan, set(kpis) | set(columns), extras=[(_CENTS, cents)])
    wanted = list(compiled.names)
    out = compiled.run({}, series, wanted, present=present)
    where = (ordinal[rows], col)
    for name in steps:
        if name in out:
            values = out[name][where]
            for r, v in zip(rows.tolist(), values.tolist(), strict=True):
                steps[name][r] = None if v != v else v
    for r, c in zip(rows.tolist(), out[_CENTS][where].tolist(), strict=True):
        if c != c:
            raise EvaluationError(
                f"{data.people[r]!r}, period {data.labels[r]}: pay cannot be computed",
                hint="replay(..., exact=True) names the step",
            )
        pay[r] = Decimal(int(c)).scaleb(-2)


_CENTS = "\x00cents"


def _replay_exact(plan: Scheme, data: History) -> ReplayResult:
    """The reference: one row at a time, exactly, each person's periods in order."""
    _check_clock(plan)
    per_year = plan.periods_per_year
    needs = plan.needs
    history_of = _parse_needs(needs)
    order = sorted(range(data.size), key=lambda r: (data.people[r], data.periods[r]))
    steps: dict[str, list[Any]] = {s.name: [None] * data.size for s in plan.steps}
    states: dict[str, list[Any]] = {n: [None] * data.size for n in needs}
    pay: list[Decimal] = [Decimal(0)] * data.size
    params = set(plan.params)
    schemes: dict[Any, Scheme] = {}
    state_of: dict[str, _PersonState] = {}
    for r in order:
        name = data.people[r]
        t = data.periods[r]
        person = state_of.get(name)
        if person is None:
            person = state_of[name] = _PersonState(t)
        own = _scheme_for(plan, name, data, r, params, schemes)
        values = {k: v[r] for k, v in data.values.items() if k in plan.kpis}
        state = person.state(t, per_year, history_of)
        for need in needs:
            states[need][r] = state[need]
        try:
            out = own.exact(values, state=state)
        except MotivsimError as exc:
            where = data.where[r]
            raise EvaluationError(
                f"{name!r}, period {data.labels[r]}: {exc.message}",
                hint=exc.hint or (f"see {where.prefix()}" if where.line else None),
            ) from None
        known: dict[str, Any] = {**own.params, **values, **out}
        person.record(t, known, per_year, history_of)
        for step, value in out.items():
            steps[step][r] = value
        total = out.get("pay")
        if not isinstance(total, Fraction):
            raise EvaluationError(
                f"{name!r}, period {data.labels[r]}: pay was not computed",
                hint="the history needs a column for every KPI pay uses",
            )
        pay[r] = to_cents(total, plan.rounding)
    return _result(plan, data, steps, pay, states)


def _result(
    plan: Scheme,
    data: History,
    steps: Mapping[str, list[Any]],
    pay: list[Decimal],
    states: Mapping[str, list[Any]],
) -> ReplayResult:
    per_year = plan.periods_per_year
    years = tuple((t // per_year) + 1 if per_year else 1 for t in data.periods)
    notes: tuple[str, ...] = ()
    if data.unused:
        notes = (f"columns not used (not KPIs or parameters): {', '.join(data.unused)}",)
    return ReplayResult(
        plan.name,
        plan.currency,
        plan.rounding,
        data.people,
        data.labels,
        years,
        tuple(pay),
        {k: tuple(v) for k, v in steps.items()},
        plan.pay_name,
        notes,
        dict(data.values),
        data.periods,
        {k: tuple(v) for k, v in states.items()},
    )


def _check_clock(plan: Scheme) -> None:
    if "period" in plan.needs and plan.periods_per_year is None:
        raise ArgumentError(
            f"scheme {plan.name!r} reads period, but its plan year's length is not known",
            hint="add periods_per_year = 12 (or 4, 52...) under [scheme]",
        )


def _row_params(plan: Scheme, data: History) -> list[Mapping[str, Fraction]]:
    """Every parameter's value for each row: the person's (a roster's), replaced by the row's
    own columns, derived parameters recomputed."""
    params = set(plan.params)
    cache: dict[Any, Mapping[str, Fraction]] = {}
    out = []
    for r in range(data.size):
        name = data.people[r]
        own = name if plan.team.people and _in_roster(plan, name) else None
        overrides: tuple[tuple[str, Fraction], ...] = tuple(
            (k, value)
            for k, v in data.values.items()
            if k in params and (value := v[r]) is not None
        )
        key = (own, overrides)
        found = cache.get(key)
        if found is None:
            base = dict(plan.person_params(own)) if own is not None else {}
            try:
                found = plan.resolve_params({**_own(plan, base), **dict(overrides)})
            except ArgumentError as exc:
                raise SchemeError(exc.message, location=data.where[r], hint=exc.hint) from None
            cache[key] = found
        out.append(found)
    return out


def _own(plan: Scheme, values: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The values of ``values`` that differ from the scheme's."""
    return {k: v for k, v in values.items() if plan.params[k] != v}


def _varying(plan: Scheme, rows: list[Mapping[str, Fraction]]) -> list[str]:
    """Parameters whose value differs from the scheme's in some row."""
    seen: dict[int, Mapping[str, Fraction]] = {id(p): p for p in rows}
    return [k for k in plan.params if any(p[k] != plan.params[k] for p in seen.values())]


def _float_exact(value: Fraction) -> bool:
    """Whether the nearest float reads back as ``value`` (the exact path reads a float as the
    shortest decimal that spells it)."""
    x = float(value)
    return Fraction(int(x)) == value if x.is_integer() else Fraction(repr(x)) == value


def _subset(data: History, rows: list[int]) -> History:
    return replace(
        data,
        people=tuple(data.people[r] for r in rows),
        periods=tuple(data.periods[r] for r in rows),
        values={k: tuple(v[r] for r in rows) for k, v in data.values.items()},
        where=tuple(data.where[r] for r in rows),
        labels=tuple(data.labels[r] for r in rows),
    )


def _parse_needs(needs: tuple[str, ...]) -> list[tuple[str, str, int]]:
    """``(need, func, name, periods back)`` for each history need of the scheme."""
    out = []
    for need in needs:
        if need == "period":
            continue
        func, _, rest = need.partition("(")
        inner = rest.rstrip(")")
        name, _, back = inner.partition(",")
        out.append((need, func, name.strip(), int(back) if back.strip() else 1))
    return out  # type: ignore[return-value]


class _PersonState:
    """A person's past values: the last ``k`` periods of each ``x`` in ``prior(x, k)``, and
    the plan year's running sums of each ``x`` in ``prior_ytd(x)``."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.past: dict[int, dict[str, Any]] = {}
        self.sums: dict[str, Fraction] = {}
        self.year: int | None = None

    def state(self, t: int, per_year: int | None, needs: list[Any]) -> dict[str, Any]:
        year = t // per_year if per_year else 0
        if year != self.year:
            self.sums = {}
            self.year = year
        out: dict[str, Any] = {"period": Fraction((t % per_year) + 1 if per_year else t + 1)}
        for need, func, name, back in needs:
            if func == "prior":
                value = self.past.get(t - back, {}).get(name, 0)
                out[need] = Fraction(int(value)) if isinstance(value, bool) else value
            else:
                out[need] = self.sums.get(name, Fraction(0))
        return out

    def record(
        self, t: int, known: Mapping[str, Any], per_year: int | None, needs: list[Any]
    ) -> None:
        wanted = {name for _, _, name, _ in needs}
        self.past[t] = {n: known[n] for n in wanted if n in known}
        deepest = max((back for _, func, _, back in needs if func == "prior"), default=0)
        for old in [k for k in self.past if k <= t - deepest]:
            del self.past[old]
        for _, func, name, _ in needs:
            if func == "prior_ytd" and name in known:
                self.sums[name] = self.sums.get(name, Fraction(0)) + Fraction(known[name])


def _scheme_for(
    plan: Scheme,
    name: str,
    data: History,
    r: int,
    params: set[str],
    cache: dict[Any, Scheme],
) -> Scheme:
    """The scheme paying row ``r``: the person's (roster) with the row's own parameters."""
    overrides = tuple((k, v[r]) for k, v in data.values.items() if k in params and v[r] is not None)
    key = (name if plan.team.people and _in_roster(plan, name) else None, overrides)
    found = cache.get(key)
    if found is None:
        base = plan.person_scheme(name) if key[0] is not None else plan
        try:
            found = base.with_params(dict(overrides)) if overrides else base
        except ArgumentError as exc:
            raise SchemeError(exc.message, location=data.where[r], hint=exc.hint) from None
        cache[key] = found
    return found


def _in_roster(plan: Scheme, name: str) -> bool:
    try:
        plan.team.person(name)
    except ArgumentError:
        return False
    return True
