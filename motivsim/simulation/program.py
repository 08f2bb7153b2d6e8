"""A scheme's steps compiled for simulation: caps found and hoisted, small tier tables unrolled.

The numbers are those of :meth:`motivsim.Scheme.evaluate` (every node still goes through
:func:`motivsim.formula.compile.compile_numpy`), with two rewrites of the sympy expressions first:

* ``step(x, [b1..bk], [v0..vk])`` with a few brackets becomes ``v[k - sum(x < b_i)]``:
  ``k`` comparisons instead of a binary search per value (the same index, NaN included);
* the argument a cap bounds, the ``a`` of ``min(a, 300_000)``, becomes a step of its own, so
  the simulator can tell how often the cap binds (``a >= 300_000``) without computing ``a``
  twice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.formula.build import symbol
from motivsim.formula.compile import VectorFn, compile_numpy
from motivsim.formula.functions import Step
from motivsim.formula.printer import to_text

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["MAX_UNROLLED", "Cap", "Program", "compile_program"]

#: Tier tables with at most this many brackets are unrolled into comparisons.
MAX_UNROLLED: Final = 16
_TEMP: Final = "\x00"  # prefix of hoisted names: cannot clash with a scheme's names


@dataclass(frozen=True, slots=True)
class Cap:
    """A ``min(...)`` in a step that bounds it by a constant (``clip`` included).

    ``name`` is the hoisted step holding the bounded argument; the cap binds where
    ``env[name] >= limit``.
    """

    step: str
    text: str
    limit: float
    name: str


@dataclass(frozen=True, slots=True)
class Program:
    """``(name, function)`` pairs to run in order on an environment of arrays."""

    steps: tuple[tuple[str, VectorFn], ...] = field(repr=False)
    caps: tuple[Cap, ...]
    plan_met: VectorFn | None = field(repr=False)

    def run(self, env: dict[str, Any]) -> None:
        """Compute every step into ``env`` (which holds KPI arrays and parameter floats)."""
        with np.errstate(all="ignore"):
            for name, fn in self.steps:
                env[name] = fn(env)


def compile_program(scheme: Scheme, kpis: Set[str], *, plan_met: bool = True) -> Program:
    """Compile the steps of ``scheme`` computable from ``kpis`` (as ``evaluate`` does: a step
    whose inputs are missing is left out), and its ``plan_met`` condition when asked."""
    builder = _Builder(scheme)
    steps: list[tuple[str, VectorFn]] = []
    known = set(kpis) | set(scheme.params)
    for step in scheme.steps:
        if all(d in known for d in step.depends):
            expr = builder.rewrite(step.expr, step.name)
            steps += builder.temps
            builder.temps = []
            steps.append((step.name, compile_numpy(expr)))
            known.add(step.name)
    condition = scheme.principles.plan_met
    met = compile_numpy(condition.expr) if condition is not None and plan_met else None
    return Program(tuple(steps), tuple(builder.caps), met)


class _Builder:
    def __init__(self, scheme: Scheme) -> None:
        self.params = {symbol(k) for k in scheme.params}
        self.values = {k: float(v) for k, v in scheme.params.items()}
        self.temps: list[tuple[str, VectorFn]] = []
        self.caps: list[Cap] = []
        self.count = 0

    def rewrite(self, expr: Any, step: str) -> Any:
        """``expr`` bottom-up, with tier tables unrolled and capped arguments hoisted."""
        import sympy

        if not expr.args or isinstance(expr, sympy.Tuple):
            return expr
        node = expr.func(*(self.rewrite(a, step) for a in expr.args))
        if isinstance(node, Step) and len(node.args[1]) <= MAX_UNROLLED:
            return self.hoist(_unrolled_step(node))
        if isinstance(node, sympy.Min):
            return self.cap(node, expr, step)
        return node

    def hoist(self, fn: VectorFn) -> Any:
        import sympy

        name = f"{_TEMP}{self.count}"
        self.count += 1
        self.temps.append((name, fn))
        return sympy.Symbol(name, real=True)

    def cap(self, node: Any, original: Any, step: str) -> Any:
        import sympy

        fixed = [a for a in node.args if a.free_symbols <= self.params]
        moving = [a for a in node.args if not a.free_symbols <= self.params]
        if not fixed or not moving:
            return node
        limit = min(float(np.asarray(compile_numpy(a)(self.values))) for a in fixed)
        if not math.isfinite(limit):
            return node
        bounded = moving[0] if len(moving) == 1 else sympy.Min(*moving)
        temp = self.hoist(compile_numpy(bounded))
        self.caps.append(Cap(step, to_text(original), limit, temp.name))
        return sympy.Min(*fixed, temp)


def _unrolled_step(node: Any) -> VectorFn:
    """``values[k - count(x < bounds)]``: ``searchsorted(bounds, x, "right")`` by comparisons."""
    x = compile_numpy(node.args[0])
    bounds = [float(b) for b in node.args[1]]
    values = np.array([float(v) for v in node.args[2]], dtype=np.float64)

    def run(env: Mapping[str, Any]) -> Any:
        xv = np.asarray(x(env), dtype=np.float64)
        index = np.full(xv.shape, len(bounds), dtype=np.intp)
        for bound in bounds:
            index -= xv < bound
        return values[index]

    return run
