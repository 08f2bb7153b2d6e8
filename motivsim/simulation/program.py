"""A scheme's steps compiled for simulation: caps found and hoisted, every decision exact.

The numbers are those of :meth:`motivsim.Scheme.evaluate`: the steps run through the certified
evaluator (:mod:`motivsim.formula.certified`), and the rows where float64 might decide a
threshold differently from the exact path are recomputed exactly
(:mod:`motivsim.formula.rational`). On top of the steps, a
simulation needs two kinds of yes/no figures, decided the same way:

* ``plan_met`` of each manager-period (the share meeting the plan, the hitters' pay);
* whether each cap binds: the argument a cap bounds, the ``a`` of ``min(a, 300_000)``, becomes a
  step of its own (computed once), and the cap binds where ``a >= 300_000``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import sympy

from motivsim.formula.build import symbol, unchecked_divisors
from motivsim.formula.certified import CertifiedSteps, Known
from motivsim.formula.periods import PeriodSteps, compile_periods, parse_needs
from motivsim.formula.printer import to_text
from motivsim.formula.rational import RationalSteps

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["MET", "Cap", "Program", "compile_program"]

_TEMP: Final = "\x00"  # prefix of hoisted names: cannot clash with a scheme's names
#: Name of the ``plan_met`` flag in the environment after :meth:`Program.run`.
MET: Final = "\x00met"


@dataclass(frozen=True, slots=True)
class Cap:
    """A ``min(...)`` in a step that bounds it by a constant (``clip`` included).

    ``name`` is the hoisted step holding the bounded argument; ``flag`` names the yes/no
    figure "the cap binds" (``env[name] >= limit``, decided exactly).
    """

    step: str
    text: str
    limit: float
    name: str
    flag: str


@dataclass(frozen=True, slots=True)
class Program:
    """The steps, hoisted cap arguments and flags to compute, in order, on arrays."""

    kpis: tuple[str, ...]
    certified: CertifiedSteps = field(repr=False)
    rational: RationalSteps = field(repr=False)
    caps: tuple[Cap, ...]
    plan_met: bool
    #: For a plan that remembers (``prior``, ``ytd``, ``period``): the steps run period by
    #: period with what each manager carries (``None`` for a plan without time).
    periods: PeriodSteps | None = field(default=None, repr=False)

    @property
    def outputs(self) -> list[str]:
        """What the engine reads after a run: pay, ``plan_met`` and the cap flags."""
        return ["pay", *([MET] if self.plan_met else []), *(c.flag for c in self.caps)]

    def run(self, env: dict[str, Any], known: Mapping[str, Known] | None = None) -> None:
        """Compute every step, cap argument and flag into ``env`` (which holds the KPI arrays);
        rows where a decision is not certain in float64 are recomputed exactly. ``known``
        says what the samplers guarantee of some KPIs' values (it saves passes over them).

        The KPI arrays are shaped ``(runs, periods, managers)``; a plan that remembers is
        computed period by period, each manager carrying their own past from period 1 of the
        run (the start of a plan year), and only the :attr:`outputs` are set."""
        if self.periods is not None:
            self._run_periods(env, known)
            return
        inputs = {k: env[k] for k in self.kpis}
        found = self.certified.run(inputs, known=known)
        env.update(found.values)
        if found.unsure is not None:
            self._settle(env, inputs, found.unsure)

    def _run_periods(self, env: dict[str, Any], known: Mapping[str, Known] | None) -> None:
        assert self.periods is not None
        needs = {n.name for n in self.periods.needs}
        arrays = {k: env[k] for k in self.kpis if k not in needs}
        env.update(self.periods.run_runs(arrays, self.outputs, known=known))

    def _settle(self, env: dict[str, Any], inputs: Mapping[str, Any], unsure: Any) -> None:
        shape = np.broadcast_shapes(*(np.shape(v) for v in inputs.values()), np.shape(unsure))
        rows = np.flatnonzero(np.broadcast_to(unsure, shape).ravel())
        columns = {
            k: np.broadcast_to(np.asarray(v), shape).ravel()[rows] for k, v in inputs.items()
        }
        exact = self.rational.run(columns)
        for name in self.certified.names:
            env[name] = np.array(np.broadcast_to(np.asarray(env[name]), shape))
            env[name].reshape(-1)[rows] = exact[name]


def compile_program(scheme: Scheme, kpis: Set[str], *, plan_met: bool = True) -> Program:
    """Compile the steps of ``scheme`` computable from ``kpis`` (as ``evaluate`` does: a step
    whose inputs are missing is left out), and its ``plan_met`` condition when asked.

    A parameter named in ``kpis`` is an input like a KPI: one value per row (a person's own
    value, see :mod:`motivsim.simulation.people`), not the scheme's."""
    params = {k: v for k, v in scheme.params.items() if k not in kpis}  # a KPI: per row
    builder = _Builder(scheme.params, columns=set(scheme.params) & set(kpis))
    steps: list[tuple[str, Any]] = []
    known = set(kpis) | set(scheme.params) | set(scheme.needs)
    for step in scheme.steps:
        if all(d in known for d in step.depends):
            expr = builder.rewrite(step.expr, step.name)
            steps += builder.temps
            builder.temps = []
            steps.append((step.name, expr))
            known.add(step.name)
    condition = scheme.principles.plan_met
    wanted = condition is not None and plan_met
    named = list(steps)
    if condition is not None and wanted:
        named.append((MET, condition.expr))
    for cap in builder.caps:
        bound = sympy.Symbol(cap.name, real=True)
        named.append((cap.flag, sympy.GreaterThan(bound, builder.limits[cap.flag])))
    guards = {name: found for name, found in scheme.guards.items() if name in dict(named)}
    if condition is not None and wanted:
        own = unchecked_divisors(condition.expr, condition.divisors)
        if own:
            guards[MET] = own
    certified = CertifiedSteps(named, params, guards=guards)
    extras = [name for name, _ in named[len(steps) :]]
    rational = RationalSteps(named, params, guards=guards, extras=extras)
    periods = None
    if scheme.needs:
        needs = parse_needs(scheme.needs)
        periods = compile_periods(
            named, params, needs, scheme.periods_per_year, guards=guards, extras=extras
        )
    return Program(tuple(sorted(kpis)), certified, rational, tuple(builder.caps), wanted, periods)


_FLAG: Final = "\x00cap"


class _Builder:
    """Finds caps: ``min(a, limit)`` with ``limit`` made of parameters (``columns`` are
    parameters with a value per row: such a cap binds where ``a`` reaches that row's limit;
    the scheme's own value is the one reports show)."""

    def __init__(self, params: Mapping[str, Fraction], *, columns: Set[str] = frozenset()) -> None:
        self.params = {symbol(k) for k in params}
        self.columns = {symbol(k) for k in columns}
        self.values = {
            symbol(k): sympy.Rational(v.numerator, v.denominator) for k, v in params.items()
        }
        self.temps: list[tuple[str, Any]] = []
        self.limits: dict[str, Any] = {}
        self.caps: list[Cap] = []
        self.count = 0

    def rewrite(self, expr: Any, step: str) -> Any:
        """``expr`` bottom-up, with capped arguments hoisted."""
        if not expr.args or isinstance(expr, sympy.Tuple):
            return expr
        args = tuple(self.rewrite(a, step) for a in expr.args)
        unchanged = all(a is b for a, b in zip(args, expr.args, strict=True))
        node = expr if unchanged else expr.func(*args)  # sympy rebuilds slowly (a Min: ms)
        if isinstance(node, sympy.Min):
            return self.cap(node, expr, step)
        return node

    def cap(self, node: Any, original: Any, step: str) -> Any:
        fixed = [a for a in node.args if a.free_symbols <= self.params]
        moving = [a for a in node.args if not a.free_symbols <= self.params]
        if not fixed or not moving:
            return node
        limits = [a.xreplace(self.values) for a in fixed]
        if not all(isinstance(v, sympy.Rational) for v in limits):
            return node
        limit = min(Fraction(int(v.p), int(v.q)) for v in limits)
        if not math.isfinite(float(limit)):
            return node
        bounded = moving[0] if len(moving) == 1 else sympy.Min(*moving)
        name = f"{_TEMP}{self.count}"
        self.count += 1
        self.temps.append((name, bounded))
        temp = sympy.Symbol(name, real=True)
        flag = f"{_FLAG}{len(self.caps)}"
        self.caps.append(Cap(step, to_text(original), float(limit), name, flag))
        per_row = any(a.free_symbols & self.columns for a in fixed)
        self.limits[flag] = (
            (fixed[0] if len(fixed) == 1 else sympy.Min(*fixed))
            if per_row
            else sympy.Rational(limit.numerator, limit.denominator)
        )
        return sympy.Min(*fixed, temp)
