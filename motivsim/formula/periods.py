"""Steps computed period by period on arrays, with what each period carries to the next.

A plan that remembers (``prior(balance)``, ``prior_ytd(pay)``, ``period``; see
:mod:`motivsim.formula.build`) is computed one period at a time for many rows at once (a
simulation's runs and managers, or the people of a history). Each period reads the clock and the
values the rows carried from their earlier periods, and every decision is exact, as in
:mod:`motivsim.formula.certified`, with one more source of error: a carried value is a float
computed with a known error bound, not a decimal a person wrote. :class:`PeriodSteps` passes
those bounds from one period to the next (``CertifiedSteps(keep=...)``, ``run(bounds_of=...)``),
and a row whose decision float64 cannot settle at period ``t`` is recomputed exactly from its
first period to ``t`` (:meth:`RationalSteps.evaluate`, with exact carried values).

Examples
--------
>>> import numpy as np, motivsim
>>> scheme = motivsim.loads('''
... [scheme]
... name = "Draw"
... period = "week"
... [kpi.earned]
... controllable = true
... [params]
... draw = 1_000
... [formula]
... owed = "prior(balance)"
... pay = "max(draw, earned - owed)"
... balance = "owed + pay - earned"
... ''')
>>> steps = period_steps(scheme, {"earned"})
>>> earned = np.array([[400.0], [600.0], [1_200.0], [1_500.0], [1_400.0]])  # 5 weeks, 1 row
>>> steps.run({}, {"earned": earned}, ["pay"])["pay"][:, 0].tolist()
[1000.0, 1000.0, 1000.0, 1000.0, 1100.0]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from motivsim.formula.certified import CertifiedSteps, Known, U
from motivsim.formula.rational import Flag, Num, RationalSteps

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["Need", "PeriodSteps", "compile_periods", "parse_needs", "period_steps"]


@dataclass(frozen=True, slots=True)
class Need:
    """What a plan reads from the clock or a row's past: ``name`` as the formulas hold it
    (``prior(balance, 2)``), its kind (``period``, ``prior``, ``prior_ytd``), the ``source``
    name and how many periods ``back``."""

    name: str
    kind: str
    source: str = ""
    back: int = 0


def parse_needs(names: Sequence[str]) -> tuple[Need, ...]:
    """:class:`Need` of each name of ``Scheme.needs``.

    Examples
    --------
    >>> [(n.kind, n.source, n.back) for n in parse_needs(["prior(sales, 3)", "prior_ytd(pay)"])]
    [('prior', 'sales', 3), ('prior_ytd', 'pay', 0)]
    """
    out = []
    for name in names:
        if name == "period":
            out.append(Need(name, "period"))
            continue
        kind, _, rest = name.partition("(")
        source, _, back = rest.rstrip(")").partition(",")
        k = int(back) if back.strip() else 1
        out.append(Need(name, kind, source.strip(), k if kind == "prior" else 0))
    return tuple(out)


def period_steps(
    scheme: Scheme, inputs: set[str], *, extras: Sequence[tuple[str, Any]] = ()
) -> PeriodSteps:
    """The steps of ``scheme`` (and ``extras``, such as ``plan_met``) compiled to run period
    by period from the KPIs and parameter columns named in ``inputs``."""
    needs = parse_needs(scheme.needs)
    params = {k: v for k, v in scheme.params.items() if k not in inputs}
    names = set(inputs) | set(params) | {n.name for n in needs}
    steps: list[tuple[str, Any]] = []
    for step in scheme.steps:
        if set(step.depends) <= names:
            steps.append((step.name, step.expr))
            names.add(step.name)
    guards = {n: g for n, g in scheme.guards.items() if n in dict(steps)}
    return compile_periods(
        [*steps, *extras], params, needs, scheme.periods_per_year, guards=guards,
        extras=[n for n, _ in extras],
    )  # fmt: skip


def compile_periods(
    steps: Sequence[tuple[str, Any]],
    params: Mapping[str, Fraction],
    needs: Sequence[Need],
    per_year: int | None,
    *,
    guards: Mapping[str, Sequence[Any]] | None = None,
    extras: Sequence[str] = (),
) -> PeriodSteps:
    """:class:`PeriodSteps` of named expressions (steps, then ``extras``)."""
    keep = {n.source for n in needs if n.source and n.source not in params}
    certified = CertifiedSteps(steps, params, guards=guards, keep=keep)
    rational = RationalSteps(steps, params, guards=guards, extras=extras)
    flags = {name for name, expr in steps if isinstance(expr, sympy.logic.boolalg.Boolean)}
    return PeriodSteps(certified, rational, needs, per_year, dict(params), flags)


class PeriodSteps:
    """Compiled steps and what they need from the past (see the module).

    ``params`` are the scheme's constant parameters: ``prior(param)`` is the parameter (0 in a
    row's first period).
    """

    def __init__(
        self,
        certified: CertifiedSteps,
        rational: RationalSteps,
        needs: Sequence[Need],
        per_year: int | None,
        params: Mapping[str, Fraction],
        flags: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.flags = frozenset(flags)
        self.certified = certified
        self.rational = rational
        self.needs = tuple(needs)
        self.per_year = per_year
        self.params = dict(params)
        self.deepest = max((n.back for n in needs if n.kind == "prior"), default=0)

    @property
    def names(self) -> tuple[str, ...]:
        """The names computed (steps, then extras)."""
        return self.certified.names

    def run(
        self,
        static: Mapping[str, Any],
        series: Mapping[str, Any],
        wanted: Sequence[str],
        *,
        known: Mapping[str, Known] | None = None,
        present: Any = None,
        first_period: int = 0,
    ) -> dict[str, np.ndarray]:
        """``wanted`` names for every period and row, as arrays ``(periods, rows)``.

        ``series`` holds inputs with a value per period and row (KPIs: arrays ``(periods,
        rows)``); ``static`` the ones that do not change between periods (a person's own
        parameter: a number or an array ``(rows,)``). ``present`` (``(periods, rows)``
        booleans) marks the periods each row has (a history's people start and stop at
        different periods; their first period is their first present one); values of absent
        periods are NaN or False. Period ``i`` of the arrays is period ``first_period + i``
        counted from the start of a plan year.
        """
        shape = next(iter(series.values())).shape if series else (1, 1)
        rows = shape[1]
        if present is None:  # every entry is written
            out = {n: np.empty(shape, bool if self._is_flag(n) else float) for n in wanted}
        else:
            out = {n: np.full(shape, False if self._is_flag(n) else np.nan) for n in wanted}
        for t, idx, values in self.each_period(
            static, series, known=known, present=present, first_period=first_period
        ):
            for name in wanted:
                value = np.asarray(values[name])
                if idx is None:
                    out[name][t] = np.broadcast_to(value, (rows,))
                else:
                    out[name][t, idx] = np.broadcast_to(value, (idx.size,))
        return out

    def run_runs(
        self,
        arrays: Mapping[str, Any],
        wanted: Sequence[str],
        *,
        known: Mapping[str, Known] | None = None,
    ) -> dict[str, np.ndarray]:
        """:meth:`run` on inputs shaped as a simulation holds them, ``(runs, periods,
        managers)`` (a person's own parameter: ``(managers,)``), each manager of each run
        carrying their own past from the first period; the ``wanted`` names come back in that
        shape."""
        shape = np.broadcast_shapes(*(np.shape(a) for a in arrays.values() if np.ndim(a) == 3))
        runs, periods, managers = shape
        series: dict[str, np.ndarray] = {}
        static: dict[str, np.ndarray] = {}
        for name, array in arrays.items():
            if np.ndim(array) == 3:  # (runs, periods, managers) -> (periods, rows)
                full = np.broadcast_to(np.asarray(array), shape)
                series[name] = full.transpose(1, 0, 2).reshape(periods, runs * managers)
            else:  # a person's own parameter: (managers,) -> (rows,)
                static[name] = np.tile(np.broadcast_to(np.asarray(array), (managers,)), runs)
        out = self.run(static, series, wanted, known=known)
        return {k: v.reshape(periods, runs, managers).transpose(1, 0, 2) for k, v in out.items()}

    def each_period(
        self,
        static: Mapping[str, Any],
        series: Mapping[str, Any],
        *,
        known: Mapping[str, Known] | None = None,
        present: Any = None,
        first_period: int = 0,
    ) -> Iterator[tuple[int, np.ndarray | None, dict[str, Any]]]:
        """What :meth:`run` computes, one period at a time: ``(t, idx, values)`` for each
        period ``t`` where some row is present, ``idx`` the rows present (``None``: all of
        them) and ``values`` every name's value for those rows (an array, or a number that
        holds for all of them). The arrays are the caller's to keep (nothing writes into them
        later) but not to change."""
        shape = next(iter(series.values())).shape if series else (1, 1)
        periods, rows = shape
        state = _State(self, rows)
        for t in range(periods):
            idx = None if present is None else np.flatnonzero(present[t])
            if idx is not None and not idx.size:
                continue
            inputs = {k: _rows(np.asarray(v)[t], idx) for k, v in series.items()}
            inputs |= {
                k: (_rows(np.asarray(v), idx) if np.ndim(v) else v)
                for k, v in static.items()
                if k not in inputs
            }
            year_t = first_period + t
            carried, bounds = state.inputs(year_t, idx)
            inputs |= carried
            found = self.certified.run(inputs, known=known, bounds_of=bounds)
            values = dict(found.values)
            if found.unsure is not None:
                rows_t = np.arange(rows) if idx is None else idx
                unsure = np.flatnonzero(np.broadcast_to(found.unsure, (rows_t.size,)))
                if unsure.size:
                    exact = self._exactly(static, series, present, first_period, t, rows_t[unsure])
                    for name in self.names:
                        if name in values and name in exact:
                            full = np.array(
                                np.broadcast_to(np.asarray(values[name]), (rows_t.size,))
                            )
                            full[unsure] = exact[name]
                            values[name] = full
            state.record(year_t, idx, values, inputs, found.bounds)
            yield t, idx, values

    def _is_flag(self, name: str) -> bool:
        return name in self.flags  # conditions: plan_met, cap flags, steps that are conditions

    def _exactly(
        self,
        static: Mapping[str, Any],
        series: Mapping[str, Any],
        present: Any,
        first_period: int,
        until: int,
        rows: np.ndarray,
    ) -> dict[str, np.ndarray]:
        """Rows ``rows`` recomputed exactly from their first period to period ``until``: the
        values of period ``until`` (floats correctly rounded, flags as booleans)."""
        history = _ExactState(self, rows.size)
        result: dict[str, Any] = {}
        for t in range(until + 1):
            mask = np.ones(rows.size, bool) if present is None else present[t][rows]
            if not mask.any():
                continue
            sub = rows[mask]
            inputs: dict[str, Any] = {k: np.asarray(v)[t][sub] for k, v in series.items()}
            for k, v in static.items():
                if k not in inputs:
                    inputs[k] = np.asarray(v)[sub] if np.ndim(v) else np.full(sub.size, v)
            inputs |= history.inputs(first_period + t, mask)
            env, size, failed = self.rational.evaluate(inputs)
            history.record(first_period + t, mask, env, inputs)
            if t == until:
                result = {name: _floats(env[name], size) for name in self.names if name in env}
                if failed is not None and "pay" in result:
                    result["pay"][np.broadcast_to(failed, (size,))] = np.nan
        return result


class _State:
    """The float values rows carry between periods, with their error bounds."""

    def __init__(self, steps: PeriodSteps, rows: int) -> None:
        self.steps = steps
        self.rows = rows
        self.past: dict[int, dict[str, tuple[np.ndarray, Any, float]]] = {}
        self.sums: dict[str, list[Any]] = {}  # source -> [values, e, m]
        self.year: int | None = None
        self.sources = sorted({n.source for n in steps.needs if n.source})
        self.summed = frozenset(n.source for n in steps.needs if n.kind == "prior_ytd")

    def inputs(self, t: int, idx: Any) -> tuple[dict[str, Any], dict[str, tuple[Any, float]]]:
        per_year = self.steps.per_year
        year = t // per_year if per_year else 0
        if year != self.year:
            self.sums, self.year = {}, year
        values: dict[str, Any] = {}
        bounds: dict[str, tuple[Any, float]] = {}
        n = self.rows if idx is None else idx.size
        for need in self.steps.needs:
            if need.kind == "period":
                values[need.name] = float((t % per_year) + 1 if per_year else t + 1)
                continue
            if need.kind == "prior":
                found = self.past.get(t - need.back, {}).get(need.source)
            else:
                entry = self.sums.get(need.source)
                found = None if entry is None else (entry[0], entry[1], entry[2])
            if found is None:
                values[need.name] = np.zeros(n)
                bounds[need.name] = (0.0, 0.0)
                continue
            array, e, m = found
            values[need.name] = array if idx is None else array[idx]
            bounds[need.name] = (e if np.ndim(e) == 0 or idx is None else e[idx], m)
        return values, bounds

    def record(
        self,
        t: int,
        idx: Any,
        values: Mapping[str, Any],
        inputs: Mapping[str, Any],
        bounds: Mapping[str, tuple[Any, float]],
    ) -> None:
        now: dict[str, tuple[np.ndarray, Any, float]] = {}
        for source in self.sources:
            if source in values:
                value = values[source]
            elif source in inputs:
                value = inputs[source]
            elif source in self.steps.params:
                value = float(self.steps.params[source])
            else:
                continue
            e: Any
            if source in self.steps.params:
                e, m = 0.0, abs(float(self.steps.params[source]))
            elif source in bounds:
                e, m = bounds[source]
            else:
                m = float(np.max(np.abs(value)))
                e = m * U
            array = np.asarray(value, dtype=np.float64)
            if idx is None and array.shape == (self.rows,):
                full = array  # kept as it is: nothing writes into a period's values
            elif idx is None:
                full = np.array(np.broadcast_to(array, (self.rows,)))
            else:
                full = np.zeros(self.rows)
                full[idx] = np.broadcast_to(array, (idx.size,))
            if np.ndim(e) and idx is not None:
                e_full = np.zeros(self.rows)
                e_full[idx] = e
                e = e_full
            now[source] = (full, e, m)
            if source in self.summed:
                total = self.sums.get(source)
                if total is None:
                    self.sums[source] = [full, e, m]  # replaced, never changed in place
                else:
                    total[0] = total[0] + full
                    total[2] = total[2] + m
                    total[1] = np.add(total[1], e) + U * total[2]
        self.past[t] = now
        for old in [k for k in self.past if k <= t - self.steps.deepest]:
            del self.past[old]


class _ExactState:
    """What rows carry between periods, exactly (for rows recomputed on the exact path)."""

    def __init__(self, steps: PeriodSteps, rows: int) -> None:
        self.steps = steps
        self.rows = rows
        self.past: dict[int, dict[str, list[Fraction | None]]] = {}
        self.sums: dict[str, list[Fraction | None]] = {}
        self.year: int | None = None

    def inputs(self, t: int, mask: np.ndarray) -> dict[str, Any]:
        per_year = self.steps.per_year
        year = t // per_year if per_year else 0
        if year != self.year:
            self.sums, self.year = {}, year
        out: dict[str, Any] = {}
        for need in self.steps.needs:
            if need.kind == "period":
                out[need.name] = _num(
                    [Fraction((t % per_year) + 1 if per_year else t + 1)] * int(mask.sum())
                )
                continue
            if need.kind == "prior":
                column = self.past.get(t - need.back, {}).get(need.source)
            else:
                column = self.sums.get(need.source)
            values = [Fraction(0)] * self.rows if column is None else column
            out[need.name] = _num([v for v, keep in zip(values, mask, strict=True) if keep])
        return out

    def record(
        self, t: int, mask: np.ndarray, env: Mapping[str, Any], inputs: Mapping[str, Any]
    ) -> None:
        sources = {n.source for n in self.steps.needs if n.source}
        now: dict[str, list[Fraction | None]] = {}
        for source in sources:
            if source in env:
                got = _fractions(env[source], int(mask.sum()))
            elif source in self.steps.params:
                got = [self.steps.params[source]] * int(mask.sum())
            else:
                continue
            column: list[Fraction | None] = [Fraction(0)] * self.rows
            it = iter(got)
            for i, keep in enumerate(mask):
                if keep:
                    column[i] = next(it)
            now[source] = column
            if any(n.kind == "prior_ytd" and n.source == source for n in self.steps.needs):
                total = self.sums.setdefault(source, [Fraction(0)] * self.rows)
                for i, value in enumerate(column):
                    before = total[i]
                    if mask[i]:
                        total[i] = None if value is None or before is None else before + value
        self.past[t] = now


def _rows(array: np.ndarray, idx: Any) -> np.ndarray:
    """The entries of the rows ``idx`` of the last axis (all of them when ``None``)."""
    return array if idx is None else array[..., idx]


def _num(values: Sequence[Fraction | None]) -> Num:
    n = np.empty(len(values), dtype=object)
    d = np.empty(len(values), dtype=object)
    bad = np.zeros(len(values), dtype=bool)
    for i, v in enumerate(values):
        if v is None:
            n[i], d[i], bad[i] = 0, 1, True
        else:
            n[i], d[i] = v.numerator, v.denominator
    return Num(n, d, bad if bad.any() else None)


def _fractions(value: Any, size: int) -> list[Fraction | None]:
    if isinstance(value, Flag):
        flags = np.broadcast_to(np.asarray(value.v, dtype=bool), (size,))
        return [Fraction(int(f)) for f in flags]
    n = np.broadcast_to(np.asarray(value.n, dtype=object), (size,))
    d = np.broadcast_to(np.asarray(value.d, dtype=object), (size,))
    bad = None if value.bad is None else np.broadcast_to(value.bad, (size,))
    return [
        None if bad is not None and bad[i] else Fraction(int(n[i]), int(d[i])) for i in range(size)
    ]


def _floats(value: Any, size: int) -> np.ndarray:
    if isinstance(value, Flag):
        flags = np.broadcast_to(np.asarray(value.v, dtype=bool), (size,)).copy()
        if value.bad is not None:
            flags[np.broadcast_to(value.bad, (size,))] = False
        return flags
    out = np.empty(size)
    for i, v in enumerate(_fractions(value, size)):
        out[i] = np.nan if v is None else float(v)
    return out
