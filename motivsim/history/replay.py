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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
import sympy

from motivsim.errors import (
    ArgumentError,
    ArgumentTypeError,
    EvaluationError,
    MotivsimError,
    SchemeError,
)
from motivsim.formula.cents import cents_of
from motivsim.formula.certified import Known
from motivsim.formula.periods import Need, PeriodSteps, parse_needs, period_steps
from motivsim.history.read import History, read_history, tidy_rows
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import format_money, to_cents
from motivsim.validation import float_exact

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["SCHEMA", "ReplayResult", "replay", "small_cents", "sum_cents"]

#: Identifier of the JSON layout of :meth:`ReplayResult.to_dict`.
SCHEMA: Final = "motivsim.replay/1"


@dataclass(frozen=True, eq=False)
class ReplayResult:
    """Pay on actual history, one entry per input row, in the input's order.

    ``cents`` holds each row's pay in whole cents (exact: the exact pay rounded once by the
    scheme's rule); :attr:`pay` the same as :class:`~decimal.Decimal` amounts. ``values``
    holds each step's value per row as floats (NaN where a step was not computed): decisions
    are exact, amounts float64; a replay with ``exact=True`` also has every step's exact
    value in :attr:`exact_steps`. ``str()`` is a report: per person totals and payroll per
    plan year.
    """

    scheme: str
    currency: str | None
    rounding: str
    people: tuple[str, ...]
    periods: tuple[str, ...]
    ordinals: npt.NDArray[np.intp] = field(repr=False)
    years: npt.NDArray[np.intp] = field(repr=False)
    cents: npt.NDArray[np.int64] = field(repr=False)
    values: Mapping[str, npt.NDArray[np.float64]] = field(repr=False)
    pay_name: str = "pay"
    notes: tuple[str, ...] = ()
    inputs: Mapping[str, npt.NDArray[np.float64]] = field(default_factory=dict, repr=False)
    exact_steps: Mapping[str, tuple[Fraction | bool | None, ...]] | None = field(
        default=None, repr=False
    )
    state: Mapping[str, tuple[Fraction | None, ...]] = field(default_factory=dict, repr=False)
    #: Each row's person as an index into :attr:`names` (people in order of first appearance).
    person: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(0, np.intp), repr=False)
    names: tuple[str, ...] = field(default=(), repr=False)
    #: The language of ``str()`` (the scheme's ``[scheme] language``).
    language: str = DEFAULT_LANGUAGE

    @property
    def size(self) -> int:
        """The number of rows."""
        return len(self.people)

    @cached_property
    def pay(self) -> tuple[Decimal, ...]:
        """Each row's pay (exact cents)."""
        return tuple(Decimal(int(c)).scaleb(-2) for c in self.cents.tolist())

    @property
    def plan_years(self) -> tuple[int, ...]:
        """Each row's plan year (1 is the year of the earliest row)."""
        return tuple(self.years.tolist())

    @property
    def steps(self) -> Mapping[str, tuple[Any, ...]]:
        """Each step's values per row: exact with ``exact=True``, floats otherwise (``None``
        where the step was not computed)."""
        if self.exact_steps is not None:
            return self.exact_steps
        return {k: tuple(None if x != x else x for x in v.tolist()) for k, v in self.values.items()}

    def person_totals(self) -> dict[str, Decimal]:
        """Each person's total pay over their rows (the sum of the rounded row amounts)."""
        totals = sum_cents(self.person, self.cents, len(self.names))
        return {n: Decimal(t).scaleb(-2) for n, t in zip(self.names, totals, strict=True)}

    def year_totals(self) -> dict[int, Decimal]:
        """Payroll per plan year (1 is the plan year of the earliest row)."""
        size = int(self.years.max()) + 1 if self.size else 0
        totals = sum_cents(self.years, self.cents, size)
        present = np.flatnonzero(np.bincount(self.years, minlength=size)).tolist()
        return {y: Decimal(totals[y]).scaleb(-2) for y in present}

    def rows(self) -> list[dict[str, Any]]:
        """One dict per input row: person, period, every step (a float) and pay (cents)."""
        names = [k for k in self.values if k != "pay"]
        columns = [self.values[k].tolist() for k in names]
        out = []
        for i, amount in enumerate(self.pay):
            row: dict[str, Any] = {"person": self.people[i], "period": self.periods[i]}
            for name, column in zip(names, columns, strict=True):
                x = column[i]
                row[name] = None if x != x else x
            row[self.pay_name] = amount
            out.append(row)
        return out

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas): person, period, steps, pay."""
        import pandas as pd  # type: ignore[import-untyped]

        data: dict[str, Any] = {"person": list(self.people), "period": list(self.periods)}
        data |= {k: v for k, v in self.values.items() if k != "pay"}
        data[self.pay_name] = self.cents / 100
        return pd.DataFrame(data)

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
        w = words(self.language)
        totals = self.person_totals()
        periods = dict(zip(self.names, np.bincount(self.person).tolist(), strict=True))
        people = (
            f"{len(totals):,} people"
            if self.language == DEFAULT_LANGUAGE
            else w.count(len(totals), "person")
        )
        columns = [w(f"replay.col.{k}") for k in ("person", "periods", "total")]
        width = max([len(n) for n in totals] + [6, len(columns[0])])
        lines = [
            w(
                "replay.head",
                scheme=w("quoted", name=self.scheme),
                rows=w.num(self.size, ","),
                people=people,
            ),
            "",
            f"{columns[0]:<{width}}  {columns[1]:>7}  {columns[2]:>18}",
        ]
        shown = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
        for name, amount in shown[:_SHOWN]:
            lines.append(f"{name:<{width}}  {periods[name]:>7}  {money(amount):>18}")
        if len(shown) > _SHOWN:
            lines.append(w("replay.more", n=w.num(len(shown) - _SHOWN, ",")))
        lines += ["", w("replay.years")]
        for year, amount in self.year_totals().items():
            lines.append(w("replay.year", year=year, amount=money(amount)))
        lines += ["", w("replay.exact", rule=w(f"rounding.{self.rounding}"))]
        lines += [w("replay.note", note=n) for n in self.notes]
        return "\n".join(lines)

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.rounding, self.language)


_SHOWN: Final = 20


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def replay(scheme: Scheme | str | Path, history: Any, *, exact: bool = False) -> ReplayResult:
    """Pay every row of ``history`` (a CSV path, a list of dicts or a pandas DataFrame) by
    ``scheme``, each person's periods in order with their own state (see the module).

    A person of the scheme's roster is paid with their parameters. A row's columns named
    like parameters override them for that row (a quota for that month).

    Every person is computed at once, period by period: each row's pay in cents is exact (the
    rounding, like every threshold, is decided as the exact path decides it); the other steps
    are float64 values. ``exact=True`` computes one row at a time in exact arithmetic, and
    gives every step exactly (slower: for a few people, or to check).

    Raises :class:`~motivsim.errors.SchemeError` for a bad row (naming its line and column)
    and :class:`~motivsim.errors.EvaluationError` for a row whose pay cannot be computed.
    """
    plan = as_scheme(scheme, caller="replay")
    if not isinstance(exact, bool):
        raise ArgumentTypeError(f"exact must be True or False, got {exact!r}")
    data = read_history(history, plan)
    _check_clock(plan)
    if exact:
        return _replay_exact(plan, data)
    return _replay_vector(plan, data)


def _replay_vector(plan: Scheme, data: History) -> ReplayResult:
    """Every person at once, period by period (:mod:`motivsim.formula.periods`): decisions
    and each row's cents exact, other amounts in float64. People whose own values the fast
    path cannot hold (a parameter inside a tier table that differs from person to person, a
    number no float spells) are paid by the exact path, one row at a time."""
    kpis = [k for k in data.columns if k in plan.kpis]
    params = _row_params(plan, data)
    slow = np.zeros(len(data.names), dtype=bool)
    columns: dict[str, npt.NDArray[np.float64]] = {}
    for name, (column, exact_ok) in params.items():
        if name in plan.folded_params or not exact_ok.all():
            differs = column != float(plan.params[name])
            slow[data.person[differs | ~exact_ok]] = True
        else:
            columns[name] = column
    for k in kpis:
        if data.exact.get(k):
            slow[data.person[~data.float_exact(k)]] = True
    if not slow.any():  # the common case: every row on the fast path, nothing to scatter
        values, cents = _fast(plan, data, None, kpis, columns)
        return _result(plan, data, _every_step(plan, values, data.size), cents)
    cents = np.zeros(data.size, dtype=np.int64)
    values = {s.name: np.full(data.size, np.nan) for s in plan.steps}
    fast = np.flatnonzero(~slow[data.person])
    if fast.size:
        found, found_cents = _fast(plan, data, fast, kpis, columns)
        cents[fast] = found_cents
        for name, column in found.items():
            values[name][fast] = column
    rest = np.flatnonzero(slow[data.person])
    result = _replay_exact(plan, data.subset(rest.tolist()))
    cents[rest] = result.cents
    for name in values:
        values[name][rest] = result.values[name]
    return _result(plan, data, values, cents)


def _every_step(
    plan: Scheme, found: Mapping[str, npt.NDArray[np.float64]], size: int
) -> Mapping[str, npt.NDArray[np.float64]]:
    """``found`` with a column of NaN for each step that was not computed, in step order."""
    if isinstance(found, _RowValues):
        return found
    return {s.name: found[s.name] if s.name in found else np.full(size, np.nan) for s in plan.steps}


def _fast(
    plan: Scheme,
    data: History,
    rows: npt.NDArray[np.intp] | None,
    kpis: list[str],
    columns: Mapping[str, npt.NDArray[np.float64]],
) -> tuple[Mapping[str, npt.NDArray[np.float64]], npt.NDArray[np.int64]]:
    """The vectorised replay of ``rows`` (whole people; ``None``: every row): each step
    computed, per row of ``rows`` (as floats), and each row's cents."""
    if rows is None:  # everyone: the people's own numbers are the columns
        col, count, ordinal = data.person, len(data.names), data.periods
    else:
        people, col = np.unique(data.person[rows], return_inverse=True)
        count, ordinal = people.size, data.periods[rows]
    size = ordinal.size
    shape = (int(ordinal.max()) + 1, count)
    present: npt.NDArray[np.bool_] | None = None
    if size != shape[0] * shape[1]:  # some people lack some periods (no row is twice)
        present = np.zeros(shape, bool)
        present[ordinal, col] = True
    # rows person by person, each person's periods in order (a CSV as most systems write it):
    # the (periods, people) grid is a view of the rows' values, no scatter or gather needed
    tidy = present is None and (data.tidy if rows is None else tidy_rows(ordinal, col, count))

    def picked(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return values if rows is None else values[rows]

    inputs: dict[str, npt.NDArray[np.float64]] = {}
    for name in kpis:
        column = picked(data.columns[name])
        if not np.isfinite(column).all():  # a blank cell of a KPI pay does not read
            column = np.nan_to_num(column)
        inputs[name] = column
    for name, column in columns.items():
        inputs[name] = picked(column)
    amount = cents_of(sympy.Symbol("pay", real=True), plan.rounding)
    compiled = period_steps(plan, set(kpis) | set(columns), extras=[(_CENTS, amount)])
    wanted = list(compiled.names)
    found: Mapping[str, npt.NDArray[np.float64]]
    if tidy:
        known = {k: data.ranges[k] for k in kpis if k in data.ranges}
        pay = _by_blocks(compiled, inputs, shape, known, [_CENTS])[_CENTS]
        steps = [s.name for s in plan.steps]
        found = _RowValues(lambda: _by_blocks(compiled, inputs, shape, known, steps), steps)
    else:
        series = {k: _grid(shape, ordinal, col, v) for k, v in inputs.items()}
        grids = compiled.run({}, series, wanted, present=present)
        pay = np.asarray(grids.pop(_CENTS)[ordinal, col], dtype=np.float64)
        found = {k: np.asarray(v[ordinal, col], dtype=np.float64) for k, v in grids.items()}
    bad = np.flatnonzero(~np.isfinite(pay))
    if bad.size:
        r = int(bad[0]) if rows is None else int(rows[bad[0]])
        raise EvaluationError(
            f"{data.people[r]!r}, period {data.labels[r]}: pay cannot be computed",
            hint="replay(..., exact=True) names the step and the reason",
        )
    return found, pay.astype(np.int64)


#: People computed at once when the rows come person by person: a period's values of a block
#: (256 KiB an array) stay in the processor's cache between the operations of the steps.
_BLOCK: Final = 1 << 15


def _by_blocks(
    compiled: PeriodSteps,
    inputs: Mapping[str, npt.NDArray[np.float64]],
    shape: tuple[int, int],
    known: Mapping[str, Known],
    wanted: list[str],
) -> dict[str, npt.NDArray[np.float64]]:
    """The ``wanted`` names per row (NaN for a name not computed), for rows person by person,
    each person's periods in order, every person with every period (``shape``: periods,
    people). People are independent: they are computed :data:`_BLOCK` at a time, period by
    period. ``known`` holds what is known of inputs' values (their range over every row)."""
    periods, people = shape
    out = {name: np.full(periods * people, np.nan) for name in wanted}
    for lo in range(0, people, _BLOCK):
        hi = min(people, lo + _BLOCK)
        span = slice(lo * periods, hi * periods)
        series = {k: _periods_first(v[span].reshape(hi - lo, periods)) for k, v in inputs.items()}
        parts: dict[str, list[Any]] = {name: [] for name in wanted if name in compiled.names}
        for _, _, values in compiled.each_period({}, series, known=known):
            for name, found in parts.items():
                found.append(values[name])
        for name, found in parts.items():
            out[name][span] = _by_row(found, hi - lo)
    return out


def _periods_first(grid: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``grid`` (people, periods) turned into a contiguous (periods, people) array, a few
    thousand people at a time (a copy that reads and writes within the cache)."""
    people, periods = grid.shape
    out = np.empty((periods, people))
    step = 2048
    for lo in range(0, people, step):
        out[:, lo : lo + step] = grid[lo : lo + step].T
    return out


def _by_row(parts: list[Any], people: int) -> npt.NDArray[np.float64]:
    """Values of each period (an array per person, or one number for all) laid out person by
    person, each person's periods in order."""
    grid = np.empty((len(parts), people))  # filled period by period, then turned
    for t, value in enumerate(parts):
        grid[t] = value
    return grid.T.reshape(-1)


class _RowValues(Mapping[str, npt.NDArray[np.float64]]):
    """Each step's values per row, computed when first read (by ``compute``: the steps are
    computed again, which holds far less memory than keeping them)."""

    def __init__(
        self, compute: Callable[[], dict[str, npt.NDArray[np.float64]]], names: list[str]
    ) -> None:
        self._compute = compute
        self._names = names
        self._done: dict[str, npt.NDArray[np.float64]] | None = None

    def __getitem__(self, name: str) -> npt.NDArray[np.float64]:
        if name not in self._names:
            raise KeyError(name)
        if self._done is None:
            self._done = self._compute()
        return self._done[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the plain dict of its columns (computed first)."""
        return (dict, ({name: self[name] for name in self._names},))


def _grid(
    shape: tuple[int, int],
    ordinal: npt.NDArray[np.intp],
    col: npt.NDArray[np.intp],
    values: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Row values laid out as (periods, people), NaN where a person has no row."""
    out = np.full(shape, np.nan)
    out[ordinal, col] = values
    return out


_CENTS: Final = "\x00cents"


def _replay_exact(plan: Scheme, data: History) -> ReplayResult:
    """The reference: one row at a time, exactly, each person's periods in order."""
    per_year = plan.periods_per_year
    needs = plan.needs
    history_of = [n for n in parse_needs(needs) if n.kind != "period"]
    order = np.lexsort((data.periods, data.person)).tolist()
    steps: dict[str, list[Any]] = {s.name: [None] * data.size for s in plan.steps}
    states: dict[str, list[Any]] = {n: [None] * data.size for n in needs}
    cents = np.zeros(data.size, dtype=np.int64)
    param_names = [k for k in data.columns if k in plan.params]
    kpis = [k for k in data.columns if k in plan.kpis]
    schemes: dict[Any, Scheme] = {}
    state_of: dict[str, _PersonState] = {}
    for r in order:
        name = data.people[r]
        t = int(data.periods[r])
        person = state_of.get(name)
        if person is None:
            person = state_of[name] = _PersonState(t)
        own = _scheme_for(plan, name, data, r, param_names, schemes)
        values = {k: data.value(k, r) for k in kpis}
        state = person.state(t, per_year, history_of)
        for need in needs:
            states[need][r] = state[need]
        try:
            out = own.exact(values, state=state)
        except MotivsimError as exc:
            where = data.where(r)
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
        cents[r] = int(to_cents(total, plan.rounding).scaleb(2))
    floats = {k: np.array([np.nan if x is None else float(x) for x in v]) for k, v in steps.items()}
    return _result(
        plan,
        data,
        floats,
        cents,
        exact_steps={k: tuple(v) for k, v in steps.items()},
        state={k: tuple(v) for k, v in states.items()},
    )


def _result(
    plan: Scheme,
    data: History,
    values: Mapping[str, npt.NDArray[np.float64]],
    cents: npt.NDArray[np.int64],
    *,
    exact_steps: Mapping[str, tuple[Any, ...]] | None = None,
    state: Mapping[str, tuple[Any, ...]] | None = None,
) -> ReplayResult:
    per_year = plan.periods_per_year
    years = _years(data.periods, per_year)
    notes: tuple[str, ...] = ()
    if data.unused:
        notes = (words(plan.language)("replay.unused", columns=", ".join(data.unused)),)
    return ReplayResult(
        plan.name,
        plan.currency,
        plan.rounding,
        data.people,
        data.labels,
        data.periods,
        years,
        cents,
        values,
        plan.pay_name,
        notes,
        {k: v for k, v in data.columns.items() if k in plan.kpis},
        exact_steps,
        dict(state or {}),
        data.person,
        data.names,
        plan.language,
    )


def _years(periods: npt.NDArray[np.intp], per_year: int | None) -> npt.NDArray[np.intp]:
    """Each row's plan year (1 is the first) from its period counted from that year's start."""
    last = int(periods.max()) if periods.size else 0
    if not per_year or last < per_year:
        return np.ones(periods.size, np.intp)
    return (np.arange(last + 1, dtype=np.intp) // per_year + 1).take(periods)


def _check_clock(plan: Scheme) -> None:
    if "period" in plan.needs and plan.periods_per_year is None:
        raise ArgumentError(
            f"scheme {plan.name!r} reads period, but its plan year's length is not known",
            hint="add periods_per_year = 12 (or 4, 52...) under [scheme]",
        )


def _row_params(
    plan: Scheme, data: History
) -> dict[str, tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]]:
    """The parameters that differ from the scheme's in some row: each row's value (as a
    float) and whether that float is its exact value. A row's value is the person's (a
    roster's), replaced by the row's own column, with derived parameters recomputed."""
    columns = [k for k in data.columns if k in plan.params]
    roster = {p.name for p in plan.team.people}
    people = [n for n in data.names if n in roster] if roster else []
    if not columns and not people:
        return {}
    keys: list[Any] = []
    for r in range(data.size):
        name = data.people[r]
        row = tuple((k, data.value(k, r)) for k in columns)
        keys.append((name if name in roster else None, row))
    cache: dict[Any, Mapping[str, Fraction]] = {}
    resolved: list[Mapping[str, Fraction]] = []
    for r, key in enumerate(keys):
        found = cache.get(key)
        if found is None:
            own, row = key
            base = dict(plan.person_params(own)) if own is not None else {}
            given = {k: v for k, v in row if v is not None}
            try:
                found = plan.resolve_params({**_own(plan, base), **given})
            except ArgumentError as exc:
                raise SchemeError(exc.message, location=data.where(r), hint=exc.hint) from None
            cache[key] = found
        resolved.append(found)
    out = {}
    for name in plan.params:
        column = [p[name] for p in resolved]
        if all(v == plan.params[name] for v in set(column)):
            continue
        exact = {v: float_exact(v) for v in set(column)}
        out[name] = (
            np.array([float(v) for v in column]),
            np.array([exact[v] for v in column], dtype=bool),
        )
    return out


def _own(plan: Scheme, values: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The values of ``values`` that differ from the scheme's."""
    return {k: v for k, v in values.items() if plan.params[k] != v}


def sum_cents(
    index: npt.NDArray[np.intp],
    cents: npt.NDArray[np.int64],
    size: int,
    *,
    small: bool | None = None,
) -> list[int]:
    """Exact sums of ``cents`` per group (``index`` names each row's group, ``0..size-1``):
    in int64 when no sum can overflow it (``small``: :func:`small_cents`, found when not
    given), else in Python integers.

    Examples
    --------
    >>> sum_cents(np.array([0, 1, 0]), np.array([150, 7, -50]), 2)
    [100, 7]
    """
    if small is None:
        small = small_cents(cents)
    if small:
        out = np.zeros(size, dtype=np.int64)
        np.add.at(out, index, cents)
        return list(out.tolist())
    big = np.zeros(size, dtype=object)
    np.add.at(big, index, cents.astype(object))
    return [int(v) for v in big]


def small_cents(cents: npt.NDArray[np.int64]) -> bool:
    """Whether no sum of ``cents`` can overflow int64: the rows times the largest magnitude
    is below 2**62."""
    if not cents.size:
        return True
    top = max(int(cents.max()), -int(cents.min()))
    return top * cents.size < 2**62


class _PersonState:
    """A person's past values: the last ``k`` periods of each ``x`` in ``prior(x, k)``, and
    the plan year's running sums of each ``x`` in ``prior_ytd(x)``."""

    def __init__(self, first: int) -> None:
        self.first = first
        self.past: dict[int, dict[str, Any]] = {}
        self.sums: dict[str, Fraction] = {}
        self.year: int | None = None

    def state(self, t: int, per_year: int | None, needs: Sequence[Need]) -> dict[str, Any]:
        year = t // per_year if per_year else 0
        if year != self.year:
            self.sums = {}
            self.year = year
        out: dict[str, Any] = {"period": Fraction((t % per_year) + 1 if per_year else t + 1)}
        for need in needs:
            if need.kind == "prior":
                value = self.past.get(t - need.back, {}).get(need.source, 0)
                out[need.name] = Fraction(int(value)) if isinstance(value, bool) else value
            else:
                out[need.name] = self.sums.get(need.source, Fraction(0))
        return out

    def record(
        self, t: int, known: Mapping[str, Any], per_year: int | None, needs: Sequence[Need]
    ) -> None:
        wanted = {need.source for need in needs}
        self.past[t] = {n: known[n] for n in wanted if n in known}
        deepest = max((need.back for need in needs if need.kind == "prior"), default=0)
        for old in [k for k in self.past if k <= t - deepest]:
            del self.past[old]
        for need in needs:
            if need.kind == "prior_ytd" and need.source in known:
                total = self.sums.get(need.source, Fraction(0))
                self.sums[need.source] = total + Fraction(known[need.source])


def _scheme_for(
    plan: Scheme,
    name: str,
    data: History,
    r: int,
    params: list[str],
    cache: dict[Any, Scheme],
) -> Scheme:
    """The scheme paying row ``r``: the person's (roster) with the row's own parameters."""
    overrides = tuple((k, value) for k in params if (value := data.value(k, r)) is not None)
    key = (name if plan.team.people and _in_roster(plan, name) else None, overrides)
    found = cache.get(key)
    if found is None:
        base = plan.person_scheme(name) if key[0] is not None else plan
        try:
            found = base.with_params(dict(overrides)) if overrides else base
        except ArgumentError as exc:
            raise SchemeError(exc.message, location=data.where(r), hint=exc.hint) from None
        cache[key] = found
    return found


def _in_roster(plan: Scheme, name: str) -> bool:
    try:
        plan.team.person(name)
    except ArgumentError:
        return False
    return True
