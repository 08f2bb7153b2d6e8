"""Programs for a team whose segments and people have parameters of their own.

A segment's managers are simulated together, as arrays of shape ``(runs, periods, count)``.
Parameters that differ from person to person come in two kinds:

* **columns**: a parameter the formulas use as a number (``revenue / plan``) becomes an input
  of shape ``(count,)``, one value per person, broadcast over runs and periods; one program
  serves everyone. Its values must be what the exact path reads for them (a float whose
  shortest decimal is the exact value, ``0.035`` or ``13_000_000``).
* **groups**: a parameter held as a number inside a tier table (``step(revenue, [plan], ...)``)
  or one whose exact value no float spells (a third) makes people with different values need
  different programs: the segment's people are split into groups with equal values, each
  computed on its own columns.

Either way every person is paid exactly what :meth:`motivsim.Scheme.pay` with
``person=NAME`` pays them.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from motivsim.simulation.program import MET, Program, compile_program
from motivsim.validation import float_exact

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["Grouped", "segment_programs"]


@dataclass(frozen=True, slots=True)
class _Group:
    columns: Any  # indices into the segment's managers (a slice when they are all of them)
    params: dict[str, Any]  # per-person parameter columns, shape (n,)
    program: Program


@dataclass(frozen=True, slots=True)
class Grouped:
    """Several programs, each on its own columns (people) of a segment; runs as a Program."""

    groups: tuple[_Group, ...]
    kpis: tuple[str, ...]
    plan_met: bool

    @property
    def caps(self) -> tuple[Any, ...]:
        """The caps of the first group (every group has the same formulas, so the same caps)."""
        return self.groups[0].program.caps

    def run(self, env: dict[str, Any], known: Mapping[str, Any] | None = None) -> None:
        """Run each group's program on its columns and gather ``pay``, ``plan_met`` and the
        cap flags into arrays over all the segment's managers (``known`` as in
        :meth:`Program.run`: what the samplers guarantee of the KPIs, true of any columns)."""
        shape = np.broadcast_shapes(*(np.shape(env[k]) for k in self.kpis))
        wanted = ["pay", *([MET] if self.plan_met else []), *(c.flag for c in self.caps)]
        out: dict[str, Any] = {}
        for group in self.groups:
            sub: dict[str, Any] = {
                k: np.broadcast_to(env[k], shape)[..., group.columns] for k in self.kpis
            }
            sub.update(group.params)
            group.program.run(sub, known)
            part = (
                shape[:-1]
                + np.broadcast_to(env[self.kpis[0]], shape)[..., group.columns].shape[-1:]
            )
            for name in wanted:
                value = np.broadcast_to(sub[name], part)
                if name not in out:
                    out[name] = np.empty(shape, dtype=value.dtype)
                out[name][..., group.columns] = value
        env.update(out)


def segment_programs(
    scheme: Scheme, kpis: Set[str], *, plan_met: bool, shared: Program
) -> dict[str, tuple[dict[str, Any], Program | Grouped]]:
    """Segment name -> the parameter values to put in the environment and the program.

    Segments without parameters of their own, and without people who have some, use
    ``shared`` (the scheme's program); segments with equal parameters share one program.
    """
    folded = scheme.folded_params
    cache: dict[Any, Program] = {(): shared}
    out: dict[str, tuple[dict[str, Any], Program | Grouped]] = {}
    for segment in scheme.team.segments:
        members = [p for p in scheme.people if p.segment == segment.name]
        base = scheme.segment_scheme(segment.name)
        if not members:
            key: Any = tuple(sorted(segment.params))
            if key not in cache:
                cache[key] = compile_program(base, kpis, plan_met=plan_met)
            out[segment.name] = (_floats(base.params), cache[key])
            continue
        values = [dict(p.params) for p in members]
        same: dict[str, Fraction] = {}
        columns: list[str] = []
        grouping: list[str] = []
        for name in scheme.params:
            seen = {(v[name].numerator, v[name].denominator) for v in values}  # fast to hash
            if len(seen) == 1:
                same[name] = values[0][name]
            elif name in folded or not all(float_exact(Fraction(*v)) for v in seen):
                grouping.append(name)
            else:
                columns.append(name)
        groups: dict[tuple[Fraction, ...], list[int]] = {}
        for i, v in enumerate(values):
            groups.setdefault(tuple(v[n] for n in grouping), []).append(i)
        built: list[_Group] = []
        for key_values, indices in groups.items():
            fixed = same | dict(zip(grouping, key_values, strict=True))
            key = (tuple(sorted(fixed.items())), tuple(columns))
            if not columns and fixed == dict(scheme.params):
                key = ()
            program = cache.get(key)
            if program is None:
                own = {k: v for k, v in fixed.items() if base.params[k] != v}
                group_scheme = base.with_params(own) if own else base
                program = compile_program(group_scheme, set(kpis) | set(columns), plan_met=plan_met)
                cache[key] = program
            params: dict[str, Any] = {
                n: np.array([float(values[i][n]) for i in indices]) for n in columns
            }
            params |= {k: float(v) for k, v in fixed.items() if k not in columns}
            whole = len(groups) == 1
            built.append(_Group(slice(None) if whole else np.array(indices), params, program))
        if len(built) == 1:
            out[segment.name] = (built[0].params, built[0].program)
        else:
            out[segment.name] = ({}, Grouped(tuple(built), tuple(sorted(kpis)), plan_met))
    return out


def _floats(params: Mapping[str, Fraction]) -> dict[str, Any]:
    return {k: float(v) for k, v in params.items()}
