"""The validated, immutable model of a pay scheme, and how it computes pay.

A :class:`Scheme` is built by :func:`motivsim.load` / :func:`motivsim.loads`; once it exists it
is valid: names are resolved, steps are in dependency order, tier tables are well formed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from motivsim.errors import ArgumentError, EvaluationError
from motivsim.formula import parser as ast
from motivsim.formula.build import symbol
from motivsim.formula.compile import ExactFn, VectorFn, compile_exact, compile_numpy
from motivsim.formula.printer import to_text
from motivsim.scheme.statement import Statement, build_statement
from motivsim.scheme.team import Correlation, Team
from motivsim.validation import did_you_mean, to_fraction

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.source import Source

__all__ = ["Kpi", "Principles", "Scheme", "Step"]


@dataclass(frozen=True, slots=True)
class Kpi:
    """A key performance indicator: an input of the pay formula, measured for each manager."""

    name: str
    controllable: bool
    description: str = ""
    unit: str = ""
    min: float | None = None
    max: float | None = None
    typical: float | None = None
    distribution: Distribution | None = None

    def typical_value(self) -> float | None:
        """``typical`` if given, else the distribution's median, else ``None``."""
        if self.typical is not None:
            return self.typical
        return self.distribution.median() if self.distribution is not None else None


@dataclass(frozen=True, slots=True, eq=False)
class Step:
    """A named formula step: the text as written, its syntax tree and its sympy expression."""

    name: str
    text: str
    expr: Any
    is_bool: bool
    depends: tuple[str, ...]
    tree: ast.Node = field(repr=False)

    def __str__(self) -> str:
        return f"{self.name} = {self.text}"


@dataclass(frozen=True, slots=True)
class Principles:
    """Thresholds of the three principles (``[principles]``), with their documented defaults."""

    plan_met: Step | None = None
    min_ratio: float = 3.0
    max_complexity: float = 40.0
    max_uncontrollable_share: float = 0.2
    hitter: Mapping[str, Fraction] | None = None
    non_hitter: Mapping[str, Fraction] | None = None


@dataclass(frozen=True, eq=False)
class Scheme:
    """A pay scheme: KPIs, parameters, formula steps (ending in ``pay``) and principles.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Flat"
    ... [kpi.revenue]
    ... controllable = true
    ... [params]
    ... rate = 0.05
    ... [formula]
    ... pay = "rate * revenue"
    ... ''')
    >>> scheme.pay({"revenue": 100_000})
    5000.0
    """

    name: str
    kpis: Mapping[str, Kpi]
    params: Mapping[str, Fraction]
    steps: tuple[Step, ...]
    currency: str | None = None
    period: str | None = None
    description: str = ""
    rounding: str = "half-up"
    language: str = "en"
    revenue_kpi: str | None = None
    principles: Principles = field(default_factory=Principles)
    extras: Mapping[str, Any] = field(default_factory=dict, repr=False)
    source: Source | None = field(default=None, repr=False)
    team: Team = field(default_factory=Team, repr=False)
    correlation: Correlation = field(default_factory=Correlation, repr=False)

    # -- structure ---------------------------------------------------------
    def step(self, name: str) -> Step:
        """The step called ``name``."""
        for item in self.steps:
            if item.name == name:
                return item
        raise ArgumentError(
            f"scheme {self.name!r} has no step {name!r}" + did_you_mean(name, self.step_names)
        )

    @property
    def step_names(self) -> tuple[str, ...]:
        """Step names in dependency order (``pay`` among them)."""
        return tuple(s.name for s in self.steps)

    @cached_property
    def pay_inputs(self) -> tuple[str, ...]:
        """The KPIs that ``pay`` depends on (directly or through steps), in declaration order."""
        return self.kpis_of("pay")

    def kpis_of(self, *targets: Step | str) -> tuple[str, ...]:
        """The KPIs ``targets`` depend on, directly or through steps, in declaration order.

        A target is a :class:`Step` (``principles.plan_met`` too) or the name of a step, KPI
        (which stands for itself) or parameter.

        Examples
        --------
        >>> import motivsim
        >>> scheme = motivsim.loads('''
        ... [scheme]
        ... name = "Bonus"
        ... [kpi.revenue]
        ... controllable = true
        ... [kpi.cars]
        ... controllable = true
        ... [formula]
        ... bonus = "if(cars >= 10, 500, 0)"
        ... pay = "0.01 * revenue + bonus"
        ... ''')
        >>> scheme.kpis_of("pay"), scheme.kpis_of("bonus"), scheme.kpis_of("cars", "revenue")
        (('revenue', 'cars'), ('cars',), ('revenue', 'cars'))
        """
        reach = self.reach(*targets)
        return tuple(k for k in self.kpis if k in reach)

    def reach(self, *targets: Step | str) -> frozenset[str]:
        """Every name (step, KPI, parameter) ``targets`` depend on; named targets included."""
        by_name = {s.name: s for s in self.steps}
        seen: set[str] = set()
        todo: list[str] = []
        for target in targets:
            todo.extend(target.depends if isinstance(target, Step) else (target,))
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                todo.extend(by_name[item].depends if item in by_name else ())
        return frozenset(seen)

    def full_expression(self, name: str = "pay") -> Any:
        """The sympy expression of a step with every step and parameter substituted in."""
        item = self.step(name)
        return self.expand(symbol(item.name, is_bool=item.is_bool))

    def expand(self, expr: Any) -> Any:
        """``expr`` (any expression over this scheme's names, such as ``plan_met``) with every
        step and parameter substituted in: an expression of the KPIs alone."""
        return expr.xreplace(self._expansions)

    @cached_property
    def _expansions(self) -> dict[Any, Any]:
        """Symbol of each step and parameter -> its value in terms of KPIs only."""
        subs: dict[Any, Any] = self._param_symbols()
        for item in self.steps:
            subs[symbol(item.name, is_bool=item.is_bool)] = item.expr.xreplace(subs)
        return subs

    def _param_symbols(self) -> dict[Any, Any]:
        import sympy

        return {
            symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in self.params.items()
        }

    # -- evaluation --------------------------------------------------------
    @cached_property
    def _vector_steps(self) -> tuple[tuple[str, VectorFn], ...]:
        return tuple((s.name, compile_numpy(s.expr)) for s in self.steps)

    @cached_property
    def _exact_steps(self) -> tuple[tuple[str, ExactFn], ...]:
        return tuple((s.name, compile_exact(s.expr)) for s in self.steps)

    def evaluate(self, values: Mapping[str, Any], *, check: bool = True) -> dict[str, np.ndarray]:
        """Every step's value for KPI ``values`` (scalars or arrays), vectorised in float64.

        With ``check=True`` a non-finite ``pay`` raises :class:`EvaluationError` naming the
        first step that was not finite; with ``check=False`` such rows are left as NaN/inf for
        the caller to count (the simulator does).
        """
        env = self._numeric_inputs(values)
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in values))
        with np.errstate(all="ignore"):
            for item, (name, fn) in zip(self.steps, self._vector_steps, strict=True):
                if all(d in env for d in item.depends):
                    value = np.asarray(fn(env))
                    env[name] = (
                        value if value.shape == shape else np.array(np.broadcast_to(value, shape))
                    )
        result = {s.name: env[s.name] for s in self.steps if s.name in env}
        if check:
            self._check_finite(env, result)
        return result

    def pay(self, values: Mapping[str, Any]) -> Any:
        """Total pay for KPI ``values``: a float for scalars, a numpy array for arrays.

        Scalars are computed exactly and converted to float once; arrays in float64. Both agree
        to floating-point precision.

        Examples
        --------
        >>> import numpy as np, motivsim
        >>> scheme = motivsim.load("schemes/flat_commission.toml")  # doctest: +SKIP
        >>> scheme.pay({"revenue": np.array([1e6, 2e6])})  # doctest: +SKIP
        array([ 50000., 100000.])
        """
        if all(_is_scalar(v) for v in values.values()):
            return float(self.exact(values)["pay"])
        return self.evaluate(values)["pay"]

    def exact(self, values: Mapping[str, Any]) -> dict[str, Fraction | bool]:
        """Every step's exact value for scalar KPI ``values`` (only branches taken are computed)."""
        env: dict[str, Any] = dict(self.params)
        for name in self._check_names(values):
            env[name] = to_fraction(values[name], f"KPI {name!r}")
        out: dict[str, Fraction | bool] = {}
        for item, (name, fn) in zip(self.steps, self._exact_steps, strict=True):
            if not all(d in env for d in item.depends):
                continue  # a step pay does not need, whose KPIs were not given
            try:
                env[name] = out[name] = fn(env)
            except (ZeroDivisionError, ValueError, OverflowError) as exc:
                step = self.step(name)
                raise EvaluationError(
                    f"step {name!r} ({step.text}) cannot be computed: {_reason(exc)}",
                    hint="guard it, e.g. if(plan > 0, revenue / plan, 0)" + _inputs_text(step, env),
                ) from None
        return out

    def explain(self, values: Mapping[str, Any]) -> Statement:
        """A pay statement: every step with its formula and value, and the total in cents."""
        return build_statement(self, values)

    # -- helpers -----------------------------------------------------------
    def _check_names(self, values: Mapping[str, Any]) -> list[str]:
        if not isinstance(values, Mapping):
            raise ArgumentError(
                "KPI values must be a mapping such as {'revenue': 1e6}, "
                f"got {type(values).__name__}"
            )
        for name in values:
            if name not in self.kpis:
                raise ArgumentError(
                    f"{name!r} is not a KPI of scheme {self.name!r}"
                    + did_you_mean(str(name), list(self.kpis))
                )
        missing = [k for k in self.pay_inputs if k not in values]
        if missing:
            raise ArgumentError(
                f"missing KPI value{'s' if len(missing) > 1 else ''}: {', '.join(missing)}; "
                f"pay needs {', '.join(self.pay_inputs)}"
            )
        return list(values)

    def _numeric_inputs(self, values: Mapping[str, Any]) -> dict[str, Any]:
        env: dict[str, Any] = {k: float(v) for k, v in self.params.items()}
        for name in self._check_names(values):
            value = values[name]
            if isinstance(value, bool | str) or getattr(value, "dtype", None) == np.bool_:
                raise ArgumentError(f"KPI {name!r} must be a number, got {value!r}")
            try:
                env[name] = np.asarray(value, dtype=np.float64)
            except (TypeError, ValueError):
                raise ArgumentError(f"KPI {name!r} must be numbers, got {value!r}") from None
        return env

    def _check_finite(self, env: Mapping[str, Any], result: Mapping[str, np.ndarray]) -> None:
        bad = ~np.isfinite(np.asarray(result["pay"], dtype=np.float64))
        if not bad.any():
            return
        row = int(np.flatnonzero(bad.ravel())[0])
        for item in self.steps:
            value = np.broadcast_to(np.asarray(result[item.name], dtype=np.float64), bad.shape)
            if not np.isfinite(value.ravel()[row]):
                inputs = {
                    n: float(
                        np.broadcast_to(np.asarray(env[n], dtype=np.float64), bad.shape).ravel()[
                            row
                        ]
                    )
                    for n in item.depends
                    if n in env and n not in result
                }
                shown = ", ".join(f"{k}={v:,.6g}" for k, v in inputs.items())
                raise EvaluationError(
                    f"step {item.name!r} ({item.text}) is not a finite number for "
                    f"{int(bad.sum())} of {bad.size} input rows (first: row {row}"
                    + (f", {shown}" if shown else "")
                    + ")",
                    hint="guard divisions, e.g. if(plan > 0, revenue / plan, 0)",
                )

    def __str__(self) -> str:
        lines = [
            f"Scheme: {self.name}"
            + (f" ({self.currency} per {self.period})" if self.currency and self.period else "")
        ]
        for kpi in self.kpis.values():
            lines.append(f"  KPI {kpi.name} ({'' if kpi.controllable else 'not '}controllable)")
        for item in self.steps:
            lines.append(f"  {item.name} = {item.text}")
        return "\n".join(lines)

    def formula_text(self, name: str = "pay") -> str:
        """The step's whole formula in the formula language, every step substituted in."""
        return to_text(self.full_expression(name))


def _is_scalar(value: Any) -> bool:
    return isinstance(value, int | float | Fraction) or (
        isinstance(value, np.generic) and value.ndim == 0
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, OverflowError):
        return "the number is too large"
    return str(exc)


def _inputs_text(step: Step, env: Mapping[str, Any]) -> str:
    shown = [
        f"{n}={float(env[n]):,.6g}"
        for n in step.depends
        if n in env and not isinstance(env[n], bool)
    ]
    return f" (inputs: {', '.join(shown)})" if shown else ""
