"""The validated, immutable model of a pay scheme, and how it computes pay.

A :class:`Scheme` is built by :func:`motivsim.load` / :func:`motivsim.loads`; once it exists it
is valid: names are resolved, steps are in dependency order, tier tables are well formed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from motivsim import limits
from motivsim.distributions import Distribution
from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError
from motivsim.formula import parser as ast
from motivsim.formula.build import (
    NameInfo,
    NotAConstant,
    build,
    constant_value,
    folded_names,
    names_used,
    non_real,
    symbol,
    unchecked_divisors,
)
from motivsim.formula.certified import CertifiedSteps
from motivsim.formula.compile import ExactFn, compile_exact
from motivsim.formula.lexer import LexError, checked_number
from motivsim.formula.printer import to_text
from motivsim.formula.rational import RationalSteps
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.scheme.inputs import (
    check_shapes,
    from_table,
    is_scalar,
    kpi_array,
    kpi_scalar,
    magnitude,
)
from motivsim.scheme.language import LANGUAGES
from motivsim.scheme.money import ROUNDING_RULES
from motivsim.scheme.roster import Person
from motivsim.scheme.statement import Statement, build_statement
from motivsim.scheme.team import Correlation, Segment, Team
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
    #: Rank correlation between two periods of the same manager (``[kpi.X] persistence``,
    #: from 0, each period drawn afresh, to below 1); see docs/simulate.md.
    persistence: float = 0.0
    #: A factor per period of the plan year (``[kpi.X] seasonality``); empty: none.
    seasonality: tuple[float, ...] = ()

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
    """A named formula step: the text as written, its syntax tree and its sympy expression.

    ``divisors`` are what the formula as written divides by (see
    :class:`motivsim.formula.build.Built`): sympy may cancel a division (``S / S`` is 1), and
    evaluation still treats a zero divisor as a division by zero.
    """

    name: str
    text: str
    expr: Any
    is_bool: bool
    depends: tuple[str, ...]
    tree: ast.Node = field(repr=False)
    divisors: tuple[Any, ...] = field(default=(), repr=False)

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
        divisors = tuple(self.divisors)
        object.__setattr__(self, "divisors", divisors)
        for expr in (self.expr, *divisors):
            problem = non_real(expr)
            if problem is not None:
                raise ArgumentError(
                    f"step {self.name!r}: its expression is not a real-valued formula ({problem})"
                )

    @property
    def needs(self) -> tuple[str, ...]:
        """What the clock and the person's history supply: ``period``, ``prior(x)``,
        ``prior(x, 3)``, ``prior_ytd(x)`` (empty for a step of a plan without time)."""
        return needs_of((self.expr, *self.divisors))

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


#: Most person schemes kept per scheme (``Scheme.person_scheme``).
_PERSON_CACHE = 256


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
    #: What the scheme calls its total pay (``[scheme] pay = "выплата"``): statements show this
    #: name; the step itself is always ``pay`` inside (what every computation looks for).
    pay_name: str = "pay"
    #: Derived parameters: name -> its formula as written (``"annual_quota / 4"``), read-only.
    derived: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: Pay periods in a plan year (``[scheme] periods_per_year``, default from ``period``;
    #: ``None`` when neither says it); ``year_start`` is the month the plan year starts with.
    periods_per_year: int | None = None
    year_start: int = 1

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
        derived = _str_map(self, "derived", self.derived)
        for key, text in derived.items():
            if key not in self.params or not isinstance(text, str):
                raise ArgumentError(
                    f"scheme {self.name!r}: derived[{key!r}] must be the formula (text) of a "
                    f"parameter, got {text!r}",
                    hint="derived maps names of params to their formulas, e.g. "
                    "{'quota': 'annual_quota / 4'}",
                )
        object.__setattr__(self, "derived", derived)
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

    # -- parameters ----------------------------------------------------------
    def with_params(self, overrides: Mapping[str, Any]) -> Scheme:
        """A copy of the scheme with the parameters in ``overrides`` replaced.

        Values are taken exactly (``int``, ``Fraction``, ``Decimal``; a float as the decimal
        it prints as) and must be within the limits of a number in the scheme file. Derived
        parameters (``quota = "annual_quota / 4"``) are recomputed from the new values,
        unless ``overrides`` gives them a value itself (it then stays as given). Every step,
        and ``plan_met``, is rebuilt from its formula, so that tier tables use the new values:
        the copy pays exactly what a scheme file written with these numbers pays.

        Raises
        ------
        ArgumentError
            A name that is not a parameter, a value that is not a number within the limits,
            or a derived parameter or step that cannot be computed with the new values.

        Examples
        --------
        >>> import motivsim
        >>> scheme = motivsim.loads('''
        ... [scheme]
        ... name = "Quota bonus"
        ... [kpi.revenue]
        ... controllable = true
        ... [params]
        ... annual_quota = 1_200_000
        ... quota = "annual_quota / 4"
        ... [formula]
        ... pay = "5_000 + step(revenue, [quota], [0, 2_000])"
        ... ''')
        >>> scheme.pay({"revenue": 250_000})
        5000.0
        >>> lower = scheme.with_params({"annual_quota": 1_000_000})
        >>> lower.params["quota"], lower.pay({"revenue": 250_000})
        (Fraction(250000, 1), 7000.0)
        """
        if not isinstance(overrides, Mapping):
            raise ArgumentTypeError(
                f"with_params needs a mapping of parameter names to numbers, got "
                f"{type(overrides).__name__}",
                hint="e.g. scheme.with_params({'quota': 250_000})",
            )
        given: dict[str, Fraction] = {}
        for name, value in overrides.items():
            if name not in self.params:
                raise ArgumentError(
                    f"{name!r} is not a parameter of scheme {self.name!r}"
                    + did_you_mean(str(name), self.params),
                    hint="parameters: " + ", ".join(self.params)
                    if self.params
                    else "the scheme has no [params]",
                )
            number = to_fraction(value, f"parameter {name!r}")
            _check_param(name, number)
            given[name] = number
        if not given:
            return self
        params = _derive(self, given)
        length = self.periods_per_year
        names = (
            {k: NameInfo("kpi") for k in self.kpis}
            | {k: NameInfo("param", value=v) for k, v in params.items()}
            | {s.name: NameInfo("step", is_bool=s.is_bool) for s in self.steps}
            | {
                "period": NameInfo("clock"),
                "periods_per_year": NameInfo(
                    "constant", value=None if length is None else Fraction(length)
                ),
            }
        )
        steps = [_rebuilt(self, item, names) for item in self.steps]
        principles = self.principles
        plan = principles.plan_met
        if plan is not None:
            principles = replace(principles, plan_met=_rebuilt(self, plan, names))
        return replace(self, params=params, steps=tuple(steps), principles=principles)

    def segment_scheme(self, name: str) -> Scheme:
        """The scheme as the team segment ``name`` sees it: with that segment's ``params``
        (see :meth:`with_params`) and its KPI distributions, and a team of that segment alone;
        the scheme itself when the segment changes nothing (the default team).

        ``check`` and ``explain`` take ``--segment NAME`` through it.

        Raises :class:`ArgumentError` when the team has no segment ``name``.
        """
        segment = self.team.segment(name)
        scheme = self.with_params(dict(segment.params)) if segment.params else self
        if not segment.overrides and len(self.team.segments) == 1:
            return scheme
        kpis = dict(scheme.kpis)
        for kpi, dist in segment.overrides:
            kpis[kpi] = replace(kpis[kpi], distribution=dist)
        alone = Segment(segment.name, segment.count, (), segment.description, segment.params)
        return replace(scheme, kpis=kpis, team=Team((alone,), self.team.members(name)))

    # -- people --------------------------------------------------------------
    @property
    def people(self) -> tuple[Person, ...]:
        """The team's named people (``[team] roster`` or ``[[team.person]]``), in roster order,
        each with every parameter resolved: ``[params]``, replaced by their segment's
        ``params``, replaced by their own, with derived parameters recomputed exactly.
        Empty when the scheme has no roster.

        Examples
        --------
        >>> import motivsim
        >>> scheme = motivsim.load("schemes/dealership_roster.toml")
        >>> anna = scheme.people[0]
        >>> anna.name, anna.segment, dict(anna.params)["plan"]
        ('Anna Petrova', 'experienced', Fraction(13000000, 1))
        """
        found = self.__dict__.get("_people")
        if found is None:
            found = tuple(
                Person(p.name, p.segment, tuple(self._resolve(p).items()), p.where)
                for p in self.team.people
            )
            self.__dict__["_people"] = found
        return found

    @cached_property
    def _derived_formulas(self) -> dict[str, _Derived]:
        return {k: _Derived.of(t, self.params) for k, t in self.derived.items()}

    @cached_property
    def folded_params(self) -> frozenset[str]:
        """Parameters the steps (and ``plan_met``) hold as numbers inside tier tables: a
        different value for them needs the formulas built again (see :meth:`with_params`)."""
        trees = [s.tree for s in self.steps]
        if self.principles.plan_met is not None:
            trees.append(self.principles.plan_met.tree)
        found: set[str] = set()
        for tree in trees:
            found |= folded_names(tree)
        return frozenset(found & set(self.params))

    @cached_property
    def needs(self) -> tuple[str, ...]:
        """What the plan reads from the clock and from a person's earlier periods:
        ``period``, ``prior(x)``, ``prior(x, k)``, ``prior_ytd(x)`` (empty for a plan whose
        pay depends on the current period alone)."""
        exprs = [e for s in self.steps for e in (s.expr, *s.divisors)]
        plan = self.principles.plan_met
        if plan is not None:
            exprs += [plan.expr, *plan.divisors]
        return needs_of(exprs)

    def _state(self, state: Mapping[str, Any] | None) -> dict[str, Fraction]:
        """``state`` checked and completed with the first period's values (exact)."""
        out = {n: Fraction(1 if n == "period" else 0) for n in self.needs}
        if state is None:
            return out
        if not isinstance(state, Mapping):
            raise ArgumentTypeError(
                f"state must be a mapping of names to numbers, got {type(state).__name__}",
                hint="e.g. state={'period': 3, 'prior(balance)': 1_800}",
            )
        for name, value in state.items():
            if name == "period" and name not in out:
                continue  # every plan has a clock; this one does not read it
            if name not in out:
                raise ArgumentError(
                    f"state names {name!r}, which scheme {self.name!r} does not read"
                    + did_you_mean(str(name), out),
                    hint="it reads: " + ", ".join(out) if out else "it reads no history",
                )
            if isinstance(value, np.ndarray | list | tuple):
                out[name] = value  # type: ignore[assignment]  # arrays: evaluate only
            else:
                out[name] = to_fraction(value, f"state {name!r}")
        return out

    def person_params(self, name: str) -> Mapping[str, Fraction]:
        """Every parameter's value for the person called ``name`` (see :attr:`people`).

        Raises :class:`ArgumentError` when the team has no such person, or when a derived
        parameter cannot be computed with their values (the message names their roster line).
        """
        return self._resolve(self.team.person(name))

    def _resolve(self, person: Person) -> Mapping[str, Fraction]:
        try:
            return person_values(self, person)
        except ArgumentError as exc:
            where = f" ({person.where.prefix()})" if person.where is not None else ""
            raise ArgumentError(
                f"person {person.name!r}{where}: {exc.message}", hint=exc.hint
            ) from None

    def resolve_params(self, overrides: Mapping[str, Fraction]) -> Mapping[str, Fraction]:
        """Every parameter's value with ``overrides`` (exact values) replacing some: derived
        parameters recomputed, steps not rebuilt (:meth:`with_params` rebuilds them)."""
        return FrozenMap(_derive(self, overrides)) if overrides else self.params

    def person_scheme(self, name: str) -> Scheme:
        """The scheme as the person called ``name`` is paid by it: their segment's KPI
        distributions, their parameters (see :attr:`people`), and a team of them alone."""
        cache = self.__dict__.setdefault("_person_schemes", {})
        found = cache.get(name)
        if found is None:
            person = self.team.person(name)
            segment = self.team.segment(person.segment)
            own = {k: v for k, v in self.person_params(name).items() if self.params[k] != v}
            scheme = self.with_params(own)
            kpis = dict(scheme.kpis)
            for kpi, dist in segment.overrides:
                kpis[kpi] = replace(kpis[kpi], distribution=dist)
            alone = Segment(segment.name, 1, (), segment.description, segment.params)
            found = replace(scheme, kpis=kpis, team=Team((alone,), (person,)))
            if len(cache) < _PERSON_CACHE:
                cache[name] = found
        return found

    def payers(self) -> tuple[tuple[slice, Scheme], ...]:
        """Who pays the team's managers, laid out as the simulator lays them out (segments in
        order, a roster's people in order): the columns of each group and the scheme they are
        paid by, a segment's (:meth:`segment_scheme`) or with a roster each person's own
        (:meth:`person_scheme`)."""
        out: list[tuple[slice, Scheme]] = []
        first = 0
        for seg in self.team.segments:
            members = self.team.members(seg.name)
            if members:
                out += [
                    (slice(first + j, first + j + 1), self.person_scheme(person.name))
                    for j, person in enumerate(members)
                ]
            else:
                out.append((slice(first, first + seg.count), self.segment_scheme(seg.name)))
            first += seg.count
        return tuple(out)

    def _for(self, person: str | None, segment: str | None) -> Scheme:
        """The scheme as ``person`` or ``segment`` sees it (itself when both are ``None``)."""
        if person is not None and segment is not None:
            raise ArgumentError(
                "give a person or a segment, not both", hint="a person's segment is implied"
            )
        if person is not None:
            if not isinstance(person, str):
                raise ArgumentTypeError(f"person must be a name (str), got {person!r}")
            return self.person_scheme(person)
        if segment is not None:
            if not isinstance(segment, str):
                raise ArgumentTypeError(f"segment must be a name (str), got {segment!r}")
            return self.segment_scheme(segment)
        return self

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
        """The sympy expression of a step with every step and parameter substituted in.

        Raises :class:`EvaluationError` when it is too large to work with (see :meth:`expand`).
        """
        item = self.step(name)
        return self.expand(symbol(item.name, is_bool=item.is_bool))

    def expand(self, expr: Any) -> Any:
        """``expr`` (any expression over this scheme's names, such as ``plan_met``) with every
        step and parameter substituted in: an expression of the KPIs alone.

        A step that uses an earlier one twice doubles its size, so a short file can describe
        an expression of millions of parts. Sizes are measured on the step graph before
        anything is built: :class:`EvaluationError` is raised when the result would have more
        than :data:`~motivsim.limits.MAX_EXPANDED_NODES` parts (or nest deeper than
        :data:`~motivsim.limits.MAX_EXPANDED_DEPTH`), when building it would take the parts
        built for this scheme beyond :data:`~motivsim.limits.MAX_EXPANSION_WORK`, or when it
        divides by zero once substituted. Callers that only refine what they show (plan
        levels, plot markers, search ranges) catch it and fall back to values computed step
        by step.
        """
        graph = self._expansion_graph
        measured = _measure(expr, graph.sizes)
        needed: set[str] = set()
        for name in expr.free_symbols:
            needed |= graph.reach.get(graph.steps.get(name, ""), set())
        cache = self._expansion_cache
        new = needed - cache.built - cache.failed
        if (
            measured is None
            or not _small(measured)
            or cache.spent + sum(graph.parts[n] for n in new) > limits.MAX_EXPANSION_WORK
        ):
            raise EvaluationError(
                "this formula is too large to work with symbolically: with every step "
                f"substituted in it has more than {limits.MAX_EXPANDED_NODES:,} parts",
                hint="steps that use an earlier step several times double its size each time; "
                "the results that need the whole formula are computed numerically instead",
            )
        subs = self._expanded_steps(needed, sum(graph.parts[n] for n in new))
        try:
            value = None if subs is None else expr.xreplace(subs)
        except (ArithmeticError, TypeError, ValueError, RecursionError):
            value = None  # sympy cannot compare a division by zero (zoo) with a number
        if value is None or non_real(value) is not None:
            raise EvaluationError(
                "this formula cannot be worked with symbolically: once every step is "
                "substituted in, it divides by zero",
                hint="guard divisions, e.g. if(plan > 0, revenue / plan, 0)",
            )
        return value

    @cached_property
    def _expansion_graph(self) -> _ExpansionGraph:
        """Each step's expanded size, measured on the step graph before anything is built."""
        graph = _ExpansionGraph({symbol(k): (1, 1) for k in self.params}, {}, {}, {})
        for item in self.steps:
            name = symbol(item.name, is_bool=item.is_bool)
            graph.steps[name] = item.name
            measured = graph.sizes[name] = _measure(item.expr, graph.sizes)
            if measured is None or not _small(measured):
                graph.sizes[name] = None
                continue
            graph.parts[item.name] = measured[0]
            graph.reach[item.name] = {item.name}.union(
                *(graph.reach[d] for d in item.depends if d in graph.reach)
            )
        return graph

    def _expanded_steps(self, names: set[str], cost: int) -> dict[Any, Any] | None:
        """Parameter and step symbols -> expanded values, the steps ``names`` built (each once
        per scheme; ``cost`` parts for those not built yet); ``None`` when one of them cannot
        be built (a division by zero that sympy meets while combining: ``max(1 / 0, 2)``)."""
        cache = self._expansion_cache
        subs, built, failed = cache.subs, cache.built, cache.failed
        todo = names - built - failed
        cache.spent += cost
        if todo:
            for item in self.steps:
                if item.name not in todo:
                    continue
                value = None
                if not any(d in failed for d in item.depends):
                    try:
                        value = item.expr.xreplace(subs)
                    except (ArithmeticError, TypeError, ValueError, RecursionError):
                        value = None
                if value is None or non_real(value) is not None:
                    failed.add(item.name)
                else:
                    subs[symbol(item.name, is_bool=item.is_bool)] = value
                    built.add(item.name)
        return None if names & failed else subs

    @cached_property
    def _expansion_cache(self) -> _ExpansionCache:
        return _ExpansionCache(self._param_symbols())

    def _param_symbols(self) -> dict[Any, Any]:
        import sympy

        return {
            symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in self.params.items()
        }

    # -- evaluation --------------------------------------------------------
    @cached_property
    def _certified(self) -> CertifiedSteps:
        return CertifiedSteps(
            [(s.name, s.expr) for s in self.steps], self.params, guards=self.guards
        )

    @cached_property
    def _exact_steps(self) -> tuple[tuple[str, ExactFn], ...]:
        return tuple((s.name, compile_exact(s.expr)) for s in self.steps)

    @cached_property
    def _exact_divisors(self) -> tuple[tuple[ExactFn, ...], ...]:
        """Per step, the divisors its expression does not check by itself (Step.divisors)."""
        return tuple(
            tuple(compile_exact(d) for d in unchecked_divisors(s.expr, s.divisors))
            for s in self.steps
        )

    @overload
    def evaluate(
        self,
        values: Mapping[str, np.ndarray | float],
        *,
        check: bool = True,
        person: str | None = None,
        segment: str | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> dict[str, np.ndarray]: ...
    @overload
    def evaluate(
        self,
        values: object,
        *,
        check: bool = True,
        person: str | None = None,
        segment: str | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> Any: ...

    def evaluate(
        self,
        values: Any,
        *,
        check: bool = True,
        person: str | None = None,
        segment: str | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> Any:
        """Every step's value for KPI ``values`` (scalars or arrays), vectorised in float64.

        ``values`` may also be a pandas or polars DataFrame (one column per KPI; other columns
        are ignored), or a mapping holding pandas Series: the result is then a DataFrame with
        one column per step computed, and the input's index (see ``scheme/inputs.py``).

        Decisions (comparisons, tier brackets, ``floor``/``ceil``/``round``) are those of the
        exact path (:meth:`exact`): rows where float64 might decide differently are found by
        error bounds and recomputed exactly (:mod:`motivsim.formula.certified`).

        With ``check=True`` a non-finite ``pay`` raises :class:`EvaluationError` naming the
        first step that was not finite; with ``check=False`` such rows are left as NaN/inf for
        the caller to count (the simulator does).

        ``person`` (a name of the roster) or ``segment`` computes with that person's or
        segment's parameters (:meth:`person_scheme`, :meth:`segment_scheme`). ``state``
        gives what a plan that remembers earlier periods reads (see :meth:`exact`).
        """
        if person is not None or segment is not None:
            return self._for(person, segment).evaluate(values, check=check, state=state)
        values, table = from_table(values, self.kpis)
        env = self._numeric_inputs(values)
        clock = {k: np.asarray(v, dtype=np.float64) for k, v in self._state(state).items()}
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in values))
        known = set(values) | set(self.params)
        computable = []
        for item in self.steps:
            if all(d in known for d in item.depends):
                computable.append(item.name)
                known.add(item.name)
        kpis = {k: env[k] for k in values} | clock
        found = self._certified.run(kpis, only=computable)
        given = [id(v) for v in kpis.values()]
        result = {
            name: np.array(value) if id(value) in given else _full(value, shape)
            for name, value in found.values.items()
        }  # a step that is a KPI (x = revenue) is a copy: callers may write into results
        if found.unsure is not None:
            self._settle(result, kpis, np.broadcast_to(found.unsure, shape))
        if check:
            self._check_finite(env, result)
        return result if table is None else table.frame(result)

    def holds(
        self,
        condition: Step,
        values: Mapping[str, Any],
        *,
        state: Mapping[str, Any] | None = None,
    ) -> np.ndarray:
        """Where ``condition`` (a yes/no formula over this scheme's names, such as
        ``principles.plan_met``) is true for KPI ``values``, element-wise; decided as the exact
        path decides it (rows float64 cannot settle are computed exactly). ``state`` as in
        :meth:`exact`."""
        env = self._numeric_inputs(values)
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in values))
        clock = {k: np.asarray(v, dtype=np.float64) for k, v in self._state(state).items()}
        kpis = {k: env[k] for k in values} | clock
        certified, _ = self._condition_steps(condition)
        found = certified.run(kpis)
        met = np.array(np.broadcast_to(np.asarray(found.values[_CONDITION], dtype=bool), shape))
        if found.unsure is not None:
            rows = np.flatnonzero(np.broadcast_to(found.unsure, shape).ravel())
            inputs = {
                k: np.broadcast_to(np.asarray(v), shape).ravel()[rows] for k, v in kpis.items()
            }
            _, rational = self._condition_steps(condition)
            met.reshape(-1)[rows] = rational.run(inputs)[_CONDITION]
        return met

    def _condition_steps(self, condition: Step) -> tuple[CertifiedSteps, RationalSteps]:
        cache = self._conditions
        found = cache.get(id(condition))
        if found is None or found[0] is not condition:
            steps = [(s.name, s.expr) for s in self.steps] + [(_CONDITION, condition.expr)]
            guards = dict(self.guards)
            own = unchecked_divisors(condition.expr, condition.divisors)
            if own:
                guards[_CONDITION] = own
            pair = (
                CertifiedSteps(steps, self.params, guards=guards),
                RationalSteps(steps, self.params, guards=guards, extras=(_CONDITION,)),
            )
            found = cache[id(condition)] = (condition, *pair)
        return found[1], found[2]

    @cached_property
    def _conditions(self) -> dict[int, tuple[Step, CertifiedSteps, RationalSteps]]:
        return {}

    def _settle(
        self, result: dict[str, np.ndarray], kpis: Mapping[str, Any], unsure: np.ndarray
    ) -> None:
        """Recompute exactly the rows where float64 might decide differently (in place)."""
        shape = unsure.shape
        rows = np.flatnonzero(unsure.ravel())
        inputs = {k: np.broadcast_to(np.asarray(v), shape).ravel()[rows] for k, v in kpis.items()}
        exact = self._rational.run(inputs, only=list(result))
        for name in result:
            result[name] = np.array(result[name])  # never write into the caller's arrays
            result[name].reshape(-1)[rows] = exact[name]

    @cached_property
    def _rational(self) -> RationalSteps:
        return RationalSteps(
            [(s.name, s.expr) for s in self.steps], self.params, guards=self.guards
        )

    @cached_property
    def guards(self) -> dict[str, tuple[Any, ...]]:
        """Per step, the divisors its formula divides by as written that its simplified
        expression no longer divides by (``S / S`` is 1): both evaluators check them."""
        return {
            s.name: found for s in self.steps if (found := unchecked_divisors(s.expr, s.divisors))
        }

    def pay(
        self,
        values: Any,
        *,
        person: str | None = None,
        segment: str | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> Any:
        """Total pay for KPI ``values``: a float for scalars, a numpy array for arrays, a pandas
        Series for a pandas DataFrame or a dict holding pandas Series (with their index and the
        name ``pay``), a polars Series for a polars DataFrame.

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

        A DataFrame holds one KPI per column; columns that are not KPIs are ignored:

        >>> import pandas as pd  # doctest: +SKIP
        >>> frame = pd.DataFrame({"revenue": [1e6, 2e6]}, index=[7, 9])  # doctest: +SKIP
        >>> scheme.pay(frame)  # doctest: +SKIP
        7     50000.0
        9    100000.0
        Name: pay, dtype: float64

        ``person`` pays with that person's parameters (a name of the roster, see
        :attr:`people`); ``segment`` with a team segment's. A plan that remembers earlier
        periods reads ``state`` (see :meth:`exact`).
        """
        if person is not None or segment is not None:
            return self._for(person, segment).pay(values, state=state)
        values, table = from_table(values, self.kpis)
        self._check_names(values)
        if table is not None:
            return table.column(self.evaluate(values, state=state)["pay"], "pay")
        if all(_is_scalar(v) for v in values.values()):
            total = self.exact(values, state=state)["pay"]
            try:
                return float(total)
            except OverflowError:
                raise EvaluationError(
                    f"pay is {magnitude(Fraction(total))}, too large for a float (about 1.8e308 at "
                    "most); Scheme.exact(values)['pay'] gives it exactly",
                    hint="check the formulas: powers and products of KPIs grow fast",
                ) from None
        return self.evaluate(values, state=state)["pay"]

    def exact(
        self,
        values: Mapping[str, Any],
        *,
        person: str | None = None,
        segment: str | None = None,
        state: Mapping[str, Any] | None = None,
    ) -> dict[str, Fraction | bool]:
        """Every step's exact value for scalar KPI ``values`` (only branches taken are computed);
        ``person`` or ``segment`` as in :meth:`pay`.

        A plan that remembers earlier periods reads ``state``: ``{"period": 3,
        "prior(balance)": 1_800, "prior_ytd(pay)": 9_000}`` (the names are :attr:`needs`;
        :func:`motivsim.replay` fills them from a person's history). What ``state`` leaves out
        is the person's first period: ``period`` 1, every ``prior`` and ``prior_ytd`` 0.
        """
        if person is not None or segment is not None:
            return self._for(person, segment).exact(values, state=state)
        env: dict[str, Any] = dict(self.params)
        env.update(self._state(state))
        for name in self._check_names(values):
            env[name] = kpi_scalar(self.kpis[name], values[name])
        out: dict[str, Fraction | bool] = {}
        steps = zip(self.steps, self._exact_steps, self._exact_divisors, strict=True)
        for item, (name, fn), divisors in steps:
            if not all(d in env for d in item.depends):
                continue  # a step pay does not need, whose KPIs were not given
            try:
                value = fn(env)
                if any(divisor(env) == 0 for divisor in divisors):
                    raise ZeroDivisionError  # as written, though sympy cancelled it (S / S)
                env[name] = out[name] = value
            except (ZeroDivisionError, ValueError, OverflowError) as exc:
                step = self.step(name)
                raise EvaluationError(
                    f"step {name!r} ({step.text}) cannot be computed: {_reason(exc)}",
                    hint="guard it, e.g. if(plan > 0, revenue / plan, 0)" + _inputs_text(step, env),
                ) from None
        return out

    def explain(
        self,
        values: Mapping[str, Any],
        *,
        fill_typical: bool = True,
        person: str | None = None,
        segment: str | None = None,
    ) -> Statement:
        """A pay statement: every step with its formula and value, and the total in cents.

        A KPI that pay needs but ``values`` leaves out is taken at its typical value (``typical``,
        else its distribution's median) when it has one, and the statement says so; with
        ``fill_typical=False`` it is an error, as in :meth:`pay`. ``person`` or ``segment``
        as in :meth:`pay` (the statement then uses their parameters and typical values).
        """
        if person is not None or segment is not None:
            return self._for(person, segment).explain(values, fill_typical=fill_typical)
        filled: dict[str, Any] = {}
        if fill_typical and isinstance(values, Mapping):
            for name in self.pay_inputs:
                typical = self.kpis[name].typical_value()
                if name not in values and typical is not None:
                    filled[name] = typical
        given = {**values, **filled} if filled else values  # not a mapping: refused below
        return build_statement(self, given, filled=frozenset(filled))

    # -- helpers -----------------------------------------------------------
    def _check_names(self, values: Mapping[str, Any]) -> list[str]:
        if not isinstance(values, Mapping):
            raise ArgumentTypeError(
                "KPI values must be a mapping of KPI names to values such as {'revenue': 1e6}, "
                f"got {type(values).__name__} {values!r:.60}",
                hint=_table_hint(values),
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
        names = self._check_names(values)
        for name in names:
            env[name] = kpi_array(self.kpis[name], values[name])
        check_shapes({name: env[name] for name in names})
        return env

    def _check_finite(self, env: Mapping[str, Any], result: Mapping[str, np.ndarray]) -> None:
        bad = ~np.isfinite(np.asarray(result["pay"], dtype=np.float64))
        if not bad.any():
            return
        row = int(np.flatnonzero(bad.ravel())[0])
        for item in self.steps:
            if item.name not in result:
                continue  # a step pay does not need, whose KPIs were not given
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


def needs_of(exprs: Any) -> tuple[str, ...]:
    """Names of the clock and history among the free symbols of ``exprs`` (see
    :attr:`Step.needs`): ``period`` and the calls ``prior(...)``, ``prior_ytd(...)``."""
    found = {s.name for e in exprs for s in e.free_symbols}
    return tuple(sorted(n for n in found if n == "period" or "(" in n))


def _full(value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """``value`` as an array of ``shape`` (broadcast and copied when it is smaller)."""
    value = np.asarray(value)
    return value if value.shape == shape else np.array(np.broadcast_to(value, shape))


@dataclass(frozen=True, slots=True)
class _ExpansionGraph:
    """What :meth:`Scheme.expand` knows before building: ``sizes`` maps each parameter and
    step symbol to the (parts, depth) of its expanded form (``None``: beyond the limits, or
    it needs a step that is); ``steps`` maps step symbols to names; for each step within the
    limits, ``parts`` is its size and ``reach`` the steps building it builds (itself too).
    Parts are counted as substitution makes them: shared parts count each time they occur,
    an upper bound of what sympy keeps (``x + x`` is ``2*x``)."""

    sizes: dict[Any, tuple[int, int] | None]
    steps: dict[Any, str]
    parts: dict[str, int]
    reach: dict[str, set[str]]


@dataclass(slots=True)
class _ExpansionCache:
    """Parameter and step symbols -> the expanded values built so far (``subs``), the steps
    built, the steps that cannot be built, and the parts built in all (at most
    :data:`~motivsim.limits.MAX_EXPANSION_WORK` per scheme)."""

    subs: dict[Any, Any]
    built: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    spent: int = 0


def _measure(expr: Any, sizes: Mapping[Any, tuple[int, int] | None]) -> tuple[int, int] | None:
    """``(parts, depth)`` of the tree of sympy ``expr``, a symbol in ``sizes`` counting as its
    entry there (``None`` there makes the result ``None``), any other as 1. Parts shared
    by several parents count each time (that is the size substitution builds), but each is
    visited once: the work grows with the DAG, not with the tree.
    """
    memo: dict[int, tuple[int, int] | None] = {}
    stack: list[tuple[Any, bool]] = [(expr, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in memo:
            continue
        if node.is_Symbol:
            memo[key] = sizes.get(node, (1, 1))
        elif not children_done:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args if id(arg) not in memo)
        else:
            parts = [memo[id(arg)] for arg in node.args]
            if any(p is None for p in parts):
                memo[key] = None
            else:
                known = [p for p in parts if p is not None]
                memo[key] = (
                    1 + sum(p[0] for p in known),
                    1 + max((p[1] for p in known), default=0),
                )
    return memo[id(expr)]


def _small(measured: tuple[int, int]) -> bool:
    """Parts and depth within the limits of an expanded formula."""
    return measured[0] <= limits.MAX_EXPANDED_NODES and measured[1] <= limits.MAX_EXPANDED_DEPTH


def _table_hint(values: object) -> str | None:
    """For a pandas or polars object where a mapping was needed: what to pass instead."""
    if not type(values).__module__.startswith(("pandas", "polars")):
        return None
    return (
        "pay and evaluate take a whole DataFrame; exact, explain and holds take one row as a "
        "dict, e.g. frame.iloc[0].to_dict() (pandas) or frame.row(0, named=True) (polars)"
    )


def _is_scalar(value: Any) -> bool:
    return is_scalar(value)


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


def _check_param(name: str, number: Fraction) -> None:
    """``number`` is within the limits of a number in a scheme file (size, decimal places)."""
    shown = str(number) if number.denominator == 1 else f"{float(number)!r}"
    try:
        checked_number(Decimal(number.numerator) / Decimal(number.denominator), shown)
    except LexError as exc:
        raise ArgumentError(f"parameter {name!r}: {exc.message}", hint=exc.hint) from None


def person_values(scheme: Scheme, person: Person) -> Mapping[str, Fraction]:
    """Every parameter's value for ``person`` of ``scheme``'s team: ``[params]``, replaced by
    their segment's, replaced by their own, derived parameters recomputed (an
    :class:`ArgumentError` saying which cannot be computed, without naming the person)."""
    overrides = dict(scheme.team.segment(person.segment).params) | dict(person.params)
    if not overrides:
        return scheme.params
    return FrozenMap(_derive(scheme, overrides))


def _derive(scheme: Scheme, given: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The scheme's parameters with ``given`` replaced and the derived parameters not in
    ``given`` recomputed exactly, in dependency order (the file's order kept)."""
    values = {k: v for k, v in scheme.params.items() if k not in scheme.derived} | dict(given)
    formulas = scheme._derived_formulas
    todo = {k: formulas[k] for k in scheme.derived if k not in given}
    while todo:
        ready = [k for k, f in todo.items() if not any(u in todo for u in f.uses)]
        if not ready:  # the loader refuses cycles; a hand-made scheme may not
            raise ArgumentError(
                f"scheme {scheme.name!r}: derived parameters form a cycle: {', '.join(todo)}"
            )
        for name in ready:
            values[name] = todo.pop(name).value(values, f"derived parameter {name!r}")
    return {k: values[k] for k in scheme.params}


@dataclass(frozen=True, slots=True)
class _Derived:
    """A derived parameter's formula: its syntax tree, the names it uses and, when it is plain
    arithmetic, a compiled exact function (thousands of people's values cost microseconds each;
    :func:`constant_value` builds the formula anew each time and says what went wrong)."""

    text: str
    tree: ast.Node
    uses: frozenset[str]
    fast: tuple[ExactFn, tuple[ExactFn, ...]] | None

    @classmethod
    def of(cls, text: str, params: Mapping[str, Fraction]) -> _Derived:
        tree = ast.parse(text)
        uses = frozenset(u for u, _ in names_used(tree))
        fast = None
        try:
            built = build(tree, {k: NameInfo("param") for k in params})
        except LexError:  # a tier table of parameters: built with their values each time
            built = None
        if built is not None and not built.is_bool and _plain(built.expr):
            fast = (compile_exact(built.expr), tuple(compile_exact(d) for d in built.divisors))
        return cls(text, tree, uses, fast)

    def value(self, values: Mapping[str, Fraction], what: str) -> Fraction:
        """The exact value with ``values`` of the parameters it uses."""
        if self.fast is not None:
            fn, divisors = self.fast
            try:
                if not any(d(values) == 0 for d in divisors):
                    exact = Fraction(fn(values))
                    checked_number(
                        Decimal(exact.numerator) / Decimal(exact.denominator), str(exact)
                    )
                    return exact
            except (ZeroDivisionError, ValueError, OverflowError, LexError):
                pass  # the slow path below says what is wrong
        what = f"{what} = {self.text!r}"
        try:
            return constant_value(self.tree, values)
        except NotAConstant as exc:
            raise ArgumentError(
                f"{what} {exc.message} with these parameter values",
                hint="give other values, or give the derived parameter a value of its own",
            ) from None
        except LexError as exc:
            raise ArgumentError(f"{what}: {exc.message}", hint=exc.hint) from None


def _plain(expr: Any) -> bool:
    """Whether ``expr`` is arithmetic the exact functions compute as ``constant_value`` does
    (no fractional powers: those are not exact numbers)."""
    import sympy

    return all(p.exp.is_Integer for p in expr.atoms(sympy.Pow))


def _rebuilt(scheme: Scheme, item: Step, names: Mapping[str, NameInfo]) -> Step:
    """``item`` built again from its syntax tree with the parameter values of ``names``."""
    try:
        built = build(item.tree, names)
    except LexError as exc:
        raise ArgumentError(
            f"scheme {scheme.name!r}: step {item.name!r} ({item.text}) does not work with "
            f"these parameter values: {exc.message}",
            hint=exc.hint or "tier thresholds must stay in increasing order",
        ) from None
    return replace(item, expr=built.expr, is_bool=built.is_bool, divisors=built.divisors)


def _check_team(scheme: Scheme) -> None:
    """``team`` and ``correlation`` name only declared KPIs (and the segments' ``params`` only
    declared parameters)."""
    where = f"scheme {scheme.name!r}"
    if not isinstance(scheme.team, Team):
        raise ArgumentTypeError(f"{where}: team must be a Team, got {scheme.team!r}")
    if not isinstance(scheme.correlation, Correlation):
        raise ArgumentTypeError(
            f"{where}: correlation must be a Correlation, got {scheme.correlation!r}"
        )
    kpis = scheme.kpis
    for segment in scheme.team.segments:
        for name, _ in segment.params:
            if name not in scheme.params:
                raise ArgumentError(
                    f"{where}: team segment {segment.name!r} gives a value to {name!r}, "
                    "which is not a parameter" + did_you_mean(name, scheme.params)
                )
        for name, _ in segment.overrides:
            if name not in kpis:
                raise ArgumentError(
                    f"{where}: team segment {segment.name!r} gives a distribution to {name!r}, "
                    "which is not a KPI" + did_you_mean(name, kpis)
                )
    for person in scheme.team.people:
        for name, _ in person.params:
            if name not in scheme.params:
                raise ArgumentError(
                    f"{where}: person {person.name!r} gives a value to {name!r}, "
                    "which is not a parameter" + did_you_mean(name, scheme.params)
                )
    for name in scheme.correlation.names:
        if name not in kpis:
            raise ArgumentError(
                f"{where}: [correlation] names {name!r}, which is not a KPI"
                + did_you_mean(name, kpis)
            )
