"""The validated, immutable model of a pay scheme, and how it computes pay.

A :class:`Scheme` is built by :func:`motivsim.load` / :func:`motivsim.loads`; once it exists it
is valid: names are resolved, steps are in dependency order, tier tables are well formed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from motivsim.distributions import Distribution
from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError
from motivsim.formula import parser as ast
from motivsim.formula.build import symbol
from motivsim.formula.certified import CertifiedSteps
from motivsim.formula.compile import ExactFn, compile_exact
from motivsim.formula.printer import to_text
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.scheme.language import LANGUAGES
from motivsim.scheme.money import ROUNDING_RULES
from motivsim.scheme.statement import Statement, build_statement
from motivsim.scheme.team import Correlation, Team
from motivsim.validation import check_number, did_you_mean, to_fraction

if TYPE_CHECKING:
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

    def __post_init__(self) -> None:
        _check_name("a KPI", self.name)
        if not isinstance(self.controllable, bool):
            raise ArgumentTypeError(
                f"KPI {self.name!r}: controllable must be True or False, got {self.controllable!r}"
            )
        for bound in ("min", "max", "typical"):
            value = getattr(self, bound)
            if value is not None:
                object.__setattr__(self, bound, check_number(f"KPI {self.name!r}: {bound}", value))
        if self.min is not None and self.max is not None and not self.min < self.max:
            raise ArgumentError(
                f"KPI {self.name!r}: min {self.min:g} is not below max {self.max:g}"
            )
        if self.distribution is not None and not isinstance(self.distribution, Distribution):
            raise ArgumentTypeError(
                f"KPI {self.name!r}: distribution must be a motivsim Distribution or None, "
                f"got {type(self.distribution).__name__}"
            )

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

    def __post_init__(self) -> None:
        _check_name("a step", self.name)
        if not isinstance(self.text, str):
            raise ArgumentTypeError(
                f"step {self.name!r}: text must be the formula as text, got {self.text!r}"
            )
        if not isinstance(self.is_bool, bool):
            raise ArgumentTypeError(
                f"step {self.name!r}: is_bool must be True or False, got {self.is_bool!r}"
            )
        depends = tuple(self.depends)
        if not all(isinstance(d, str) for d in depends):
            raise ArgumentTypeError(f"step {self.name!r}: depends must be names, got {depends!r}")
        object.__setattr__(self, "depends", depends)

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

    def __post_init__(self) -> None:
        plan = self.plan_met
        if plan is not None and (not isinstance(plan, Step) or not plan.is_bool):
            raise ArgumentError(f"plan_met must be a condition (a Step with is_bool), got {plan!r}")
        for name in ("min_ratio", "max_complexity"):
            value = check_number(name, getattr(self, name))
            if value <= 0:
                raise ArgumentError(f"{name} must be > 0, got {value:g}")
            object.__setattr__(self, name, value)
        share = check_number(
            "max_uncontrollable_share", self.max_uncontrollable_share, least=0, most=1
        )
        object.__setattr__(self, "max_uncontrollable_share", share)
        for name in ("hitter", "non_hitter"):
            profile = getattr(self, name)
            if profile is not None:
                object.__setattr__(self, name, _exact_map(name, profile))


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

    def __post_init__(self) -> None:
        """Check what a loaded scheme guarantees, so that ``dataclasses.replace`` cannot build
        a scheme nothing checked (cheap: it runs on every load and every ``replace``)."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise ArgumentError(f"a scheme needs a name (non-empty text), got {self.name!r}")
        kpis = _str_map(self, "kpis", self.kpis)
        for key, kpi in kpis.items():
            if not isinstance(kpi, Kpi) or kpi.name != key:
                raise ArgumentError(
                    f"scheme {self.name!r}: kpis[{key!r}] must be the Kpi named {key!r}, "
                    f"got {kpi!r}"
                )
        object.__setattr__(self, "kpis", kpis)
        object.__setattr__(self, "params", _exact_map(f"scheme {self.name!r}: params", self.params))
        object.__setattr__(self, "extras", frozen_mapping(self.extras))
        if not isinstance(self.principles, Principles):
            raise ArgumentTypeError(
                f"scheme {self.name!r}: principles must be Principles, got {self.principles!r}"
            )
        _check_steps(self)
        _check_choices(self)
        _check_team(self)

    def __getstate__(self) -> dict[str, Any]:
        """The fields only: compiled evaluators (cached on first use) are rebuilt where an
        unpickled scheme is used, such as in a worker process."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

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
    def _certified(self) -> CertifiedSteps:
        return CertifiedSteps([(s.name, s.expr) for s in self.steps], self.params)

    @cached_property
    def _exact_steps(self) -> tuple[tuple[str, ExactFn], ...]:
        return tuple((s.name, compile_exact(s.expr)) for s in self.steps)

    def evaluate(self, values: Mapping[str, Any], *, check: bool = True) -> dict[str, np.ndarray]:
        """Every step's value for KPI ``values`` (scalars or arrays), vectorised in float64.

        Decisions (comparisons, tier brackets, ``floor``/``ceil``/``round``) are those of the
        exact path (:meth:`exact`): rows where float64 might decide differently are found by
        error bounds and recomputed exactly (:mod:`motivsim.formula.certified`).

        With ``check=True`` a non-finite ``pay`` raises :class:`EvaluationError` naming the
        first step that was not finite; with ``check=False`` such rows are left as NaN/inf for
        the caller to count (the simulator does).
        """
        env = self._numeric_inputs(values)
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in values))
        known = set(values) | set(self.params)
        computable = []
        for item in self.steps:
            if all(d in known for d in item.depends):
                computable.append(item.name)
                known.add(item.name)
        kpis = {k: env[k] for k in values}
        found = self._certified.run(kpis, only=computable)
        result = {name: _full(value, shape) for name, value in found.values.items()}
        if found.unsure is not None:
            self._settle(result, kpis, np.broadcast_to(found.unsure, shape))
        if check:
            self._check_finite(env, result)
        return result

    def holds(self, condition: Step, values: Mapping[str, Any]) -> np.ndarray:
        """Where ``condition`` (a yes/no formula over this scheme's names, such as
        ``principles.plan_met``) is true for KPI ``values``, element-wise; decided as the exact
        path decides it (rows float64 cannot settle are computed exactly)."""
        env = self._numeric_inputs(values)
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in values))
        kpis = {k: env[k] for k in values}
        certified = self._condition_steps(condition)
        found = certified.run(kpis)
        met = np.array(np.broadcast_to(np.asarray(found.values[_CONDITION], dtype=bool), shape))
        if found.unsure is not None:
            check = compile_exact(condition.expr)
            flat_met = met.reshape(-1)
            inputs = {k: np.broadcast_to(np.asarray(v), shape).ravel() for k, v in kpis.items()}
            for row in np.flatnonzero(np.broadcast_to(found.unsure, shape).ravel()):
                point = {k: float(v[row]) for k, v in inputs.items()}
                try:
                    env_exact: dict[str, Any] = dict(self.params)
                    env_exact.update({k: to_fraction(v) for k, v in point.items()})
                    env_exact.update(self.exact(point))
                    flat_met[row] = bool(check(env_exact))
                except (EvaluationError, ArgumentError, ZeroDivisionError, ValueError):
                    flat_met[row] = False  # the condition cannot be computed: not met
        return met

    def _condition_steps(self, condition: Step) -> CertifiedSteps:
        cache = self._conditions
        found = cache.get(id(condition))
        if found is None or found[0] is not condition:
            steps = [(s.name, s.expr) for s in self.steps] + [(_CONDITION, condition.expr)]
            found = cache[id(condition)] = (condition, CertifiedSteps(steps, self.params))
        return found[1]

    @cached_property
    def _conditions(self) -> dict[int, tuple[Step, CertifiedSteps]]:
        return {}

    def _settle(
        self, result: dict[str, np.ndarray], kpis: Mapping[str, Any], unsure: np.ndarray
    ) -> None:
        """Recompute exactly the rows where float64 might decide differently (in place)."""
        shape = unsure.shape
        rows = np.flatnonzero(unsure.ravel())
        inputs = {k: np.broadcast_to(np.asarray(v), shape).ravel() for k, v in kpis.items()}
        flat = {}
        for name in result:
            result[name] = np.array(result[name])  # never write into the caller's arrays
            flat[name] = result[name].reshape(-1)
        for row in rows:
            point = {k: float(v[row]) for k, v in inputs.items()}
            try:
                exact: Mapping[str, Any] = self.exact(point)
            except (EvaluationError, ArgumentError):
                exact = {}  # no exact value: the row stays not finite, as in float
            for name, column in flat.items():
                if name in exact:
                    column[row] = exact[name]
                elif column.dtype != np.bool_:
                    column[row] = np.nan

    def pay(self, values: Mapping[str, Any]) -> Any:
        """Total pay for KPI ``values``: a float for scalars, a numpy array for arrays.

        Scalars are computed exactly and converted to float once; arrays in float64, with every
        decision (threshold, bracket, rounding) taken as the exact path takes it, so both give
        the same amount to the cent.

        Examples
        --------
        >>> import numpy as np, motivsim
        >>> scheme = motivsim.load("schemes/flat_commission.toml")
        >>> scheme.pay({"revenue": 1_000_000})
        50000.0
        >>> scheme.pay({"revenue": np.array([1e6, 2e6])})
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


#: Name of the condition computed after the steps by :meth:`Scheme.holds` (no formula name can
#: contain a NUL character).
_CONDITION = "\x00condition"


def _full(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as an array of ``shape`` (broadcast and copied when it is smaller)."""
    value = np.asarray(value)
    return value if value.shape == shape else np.array(np.broadcast_to(value, shape))


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


# -- invariants (Scheme.__post_init__) -----------------------------------------------------------
def _check_name(what: str, name: object) -> None:
    if not isinstance(name, str) or not name:
        raise ArgumentError(f"{what} needs a name (non-empty text), got {name!r}")


def _str_map(scheme: Scheme, field_name: str, value: object) -> FrozenMap[str, Any]:
    """``value`` as a read-only mapping with text keys, or an error naming the field."""
    if not isinstance(value, Mapping):
        raise ArgumentTypeError(
            f"scheme {scheme.name!r}: {field_name} must be a mapping, got {type(value).__name__}"
        )
    if not all(isinstance(key, str) for key in value):
        bad = next(key for key in value if not isinstance(key, str))
        raise ArgumentTypeError(
            f"scheme {scheme.name!r}: {field_name} keys must be names (text), got {bad!r}"
        )
    return frozen_mapping(value)


def _exact_map(what: str, value: object) -> FrozenMap[str, Fraction]:
    """A mapping of names to exact numbers (``Fraction``), read-only."""
    if not isinstance(value, Mapping):
        raise ArgumentTypeError(f"{what} must be a mapping, got {type(value).__name__}")
    if all(type(v) is Fraction for v in value.values()):
        out = value
    else:
        out = {k: to_fraction(v, f"{what}[{k!r}]") for k, v in value.items()}
    if not all(isinstance(key, str) for key in out):
        bad = next(key for key in out if not isinstance(key, str))
        raise ArgumentTypeError(f"{what} keys must be names (text), got {bad!r}")
    return frozen_mapping(out)


def _check_steps(scheme: Scheme) -> None:
    """Steps are Steps with distinct names, one of them ``pay`` (an amount); each depends only
    on KPIs, parameters and earlier steps; no name is both a KPI, a parameter or a step."""
    where = f"scheme {scheme.name!r}"
    steps = scheme.steps
    if not isinstance(steps, tuple) or not all(isinstance(s, Step) for s in steps):
        raise ArgumentTypeError(f"{where}: steps must be a tuple of Step, got {steps!r}")
    kpis, params = scheme.kpis, scheme.params
    clash = next((k for k in params if k in kpis), None)
    if clash is not None:
        raise ArgumentError(f"{where}: {clash!r} is both a KPI and a parameter")
    known = set(kpis) | set(params)
    pay: Step | None = None
    for item in steps:
        if item.name in known:
            raise ArgumentError(
                f"{where}: step name {item.name!r} is already a KPI, parameter or step"
            )
        for name in item.depends:
            if name not in known:
                raise ArgumentError(
                    f"{where}: step {item.name!r} depends on {name!r}, which is not a KPI, "
                    "a parameter or an earlier step" + did_you_mean(name, known)
                )
        known.add(item.name)
        if item.name == "pay":
            pay = item
    if pay is None:
        raise ArgumentError(
            f"{where} has no 'pay' step",
            hint="the steps must include one named 'pay': the total pay for the period",
        )
    if pay.is_bool:
        raise ArgumentError(f"{where}: pay must be an amount, but its formula is a condition")
    plan = scheme.principles.plan_met
    missing = [n for n in plan.depends if n not in known] if plan is not None else []
    if missing:
        raise ArgumentError(
            f"{where}: plan_met depends on {missing[0]!r}, which is not a KPI, a parameter or "
            "a step" + did_you_mean(missing[0], known)
        )


def _check_choices(scheme: Scheme) -> None:
    """``rounding``, ``language`` and ``revenue_kpi`` are among the allowed values, and the
    ``[principles]`` profiles name KPIs."""
    where = f"scheme {scheme.name!r}"
    if scheme.rounding not in ROUNDING_RULES:
        raise ArgumentError(
            f"{where}: unknown rounding rule {scheme.rounding!r}"
            + did_you_mean(scheme.rounding, ROUNDING_RULES),
            hint="rounding is one of: " + ", ".join(ROUNDING_RULES),
        )
    if scheme.language not in LANGUAGES:
        raise ArgumentError(
            f"{where}: unknown language {scheme.language!r}"
            + did_you_mean(scheme.language, LANGUAGES),
            hint="language is one of: " + ", ".join(LANGUAGES),
        )
    for what, value in (("currency", scheme.currency), ("period", scheme.period)):
        if value is not None and not isinstance(value, str):
            raise ArgumentTypeError(f"{where}: {what} must be text or None, got {value!r}")
    if not isinstance(scheme.description, str):
        raise ArgumentTypeError(f"{where}: description must be text, got {scheme.description!r}")
    if scheme.revenue_kpi is not None and scheme.revenue_kpi not in scheme.kpis:
        raise ArgumentError(
            f"{where}: revenue_kpi {scheme.revenue_kpi!r} is not a KPI"
            + did_you_mean(scheme.revenue_kpi, scheme.kpis)
        )
    principles = scheme.principles
    for which in ("hitter", "non_hitter"):
        profile = getattr(principles, which)
        for name in profile or ():
            if name not in scheme.kpis:
                raise ArgumentError(
                    f"{where}: principles.{which} names {name!r}, which is not a KPI"
                    + did_you_mean(name, scheme.kpis)
                )


def _check_team(scheme: Scheme) -> None:
    """``team`` and ``correlation`` name only declared KPIs."""
    where = f"scheme {scheme.name!r}"
    if not isinstance(scheme.team, Team):
        raise ArgumentTypeError(f"{where}: team must be a Team, got {scheme.team!r}")
    if not isinstance(scheme.correlation, Correlation):
        raise ArgumentTypeError(
            f"{where}: correlation must be a Correlation, got {scheme.correlation!r}"
        )
    kpis = scheme.kpis
    for segment in scheme.team.segments:
        for name, _ in segment.overrides:
            if name not in kpis:
                raise ArgumentError(
                    f"{where}: team segment {segment.name!r} gives a distribution to {name!r}, "
                    "which is not a KPI" + did_you_mean(name, kpis)
                )
    for name in scheme.correlation.names:
        if name not in kpis:
            raise ArgumentError(
                f"{where}: [correlation] names {name!r}, which is not a KPI"
                + did_you_mean(name, kpis)
            )
