"""Principle 3: pay depends on what the manager controls (Sobol' share of uncontrollable KPIs)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.checks.base import CheckContext, CheckResult
from motivsim.checks.sobol import Index, SobolResult, sobol_indices
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.sampling.draws import require_distributions
from motivsim.sampling.seeding import STREAM_CONTROL

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "GROUP",
    "NAME",
    "N_BOOTSTRAP",
    "PRINCIPLE",
    "SAMPLES_PER_ROW",
    "TITLE",
    "ControlDetails",
    "KpiSensitivity",
    "base_rows",
    "run",
    "sobol_of_pay",
]

NAME: Final = "control"
PRINCIPLE: Final = 3
TITLE: Final = "Pay depends on what the manager controls"
#: Name of the group of uncontrollable KPIs in the Sobol' result.
GROUP: Final = "uncontrollable"
#: Bootstrap resamples behind each (studentized) interval: its tails need about 1000.
N_BOOTSTRAP: Final = 1000
#: Samples per base row of the Sobol' design: with ``samples`` KPI draws the design has
#: ``samples // 4`` base rows and evaluates pay ``(KPIs + 2) * samples / 4`` times (about
#: ``samples`` times for two KPIs, like principle 1).
SAMPLES_PER_ROW: Final = 4


@dataclass(frozen=True, slots=True)
class KpiSensitivity:
    """How much of pay's variance one KPI drives: alone (``first_order``) and with its
    interactions (``total_order``), and whether the manager controls it."""

    controllable: bool
    first_order: Index
    total_order: Index

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``controllable``, ``first_order`` and ``total_order``."""
        return {
            "controllable": self.controllable,
            "first_order": self.first_order.to_dict(),
            "total_order": self.total_order.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class ControlDetails:
    """The figures behind principle 3: the uncontrollable KPIs pay depends on, each KPI's
    Sobol' indices, and the whole :class:`~motivsim.checks.sobol.SobolResult` (``None`` when
    pay depends on no KPI, so nothing was sampled)."""

    uncontrollable: tuple[str, ...] = ()
    indices: Mapping[str, KpiSensitivity] = field(default_factory=FrozenMap)
    sobol: SobolResult | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "uncontrollable", tuple(self.uncontrollable))
        object.__setattr__(self, "indices", frozen_mapping(self.indices))

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``details`` of ``control`` in ``docs/check.md``).

        Indices are ``{"value", "raw", "low", "high"}``: ``value`` clipped to ``[0, 1]``,
        ``raw`` the estimate before clipping. ``uncontrollable_share`` is the group's index
        (the figure of the principle), ``null`` when every KPI is controllable.
        """
        out: dict[str, Any] = {
            "uncontrollable": list(self.uncontrollable),
            "indices": {k: v.to_dict() for k, v in self.indices.items()},
        }
        if self.sobol is not None:
            share = self.sobol.group_total.get(GROUP)
            out |= {
                "uncontrollable_share": None if share is None else share.to_dict(),
                "variance": self.sobol.variance,
                "constant": self.sobol.constant,
                "n": self.sobol.n,
                "evaluations": self.sobol.evaluations,
                "interval_method": self.sobol.method,
            }
        return out


def base_rows(samples: int) -> int:
    """Base rows of the Sobol' design for a check run with ``samples`` samples."""
    return max(samples // SAMPLES_PER_ROW, 16)


def sobol_of_pay(scheme: Scheme, *, n: int, seed: int, confidence: float = 0.95) -> SobolResult:
    """Sobol' indices of pay for each KPI it depends on, and for the uncontrollable group.

    KPIs are drawn independently from their distributions (``n`` base rows); the seed's
    stream :data:`~motivsim.sampling.seeding.STREAM_CONTROL` keeps the draws apart from the
    other checks'.
    """
    dists = require_distributions(scheme, dict.fromkeys(scheme.pay_inputs, "pay depends on it"))
    uncontrollable = [k for k in dists if not scheme.kpis[k].controllable]
    groups = {GROUP: uncontrollable} if uncontrollable else None

    def pay(columns: Any) -> Any:
        return scheme.evaluate(columns)["pay"]

    return sobol_indices(
        pay,
        {name: dist.ppf for name, dist in dists.items()},
        n=n,
        groups=groups,
        seed=np.random.SeedSequence(seed, spawn_key=(STREAM_CONTROL,)),
        confidence=confidence,
        n_bootstrap=N_BOOTSTRAP,
    )


def run(context: CheckContext) -> CheckResult:
    """Measure principle 3 on ``context.scheme`` (:func:`base_rows` of ``context.samples``)."""
    scheme = context.scheme
    threshold = scheme.principles.max_uncontrollable_share
    title = TITLE
    if not scheme.pay_inputs:
        return CheckResult(
            name=NAME,
            principle=PRINCIPLE,
            title=title,
            passed=True,
            value=0.0,
            threshold=threshold,
            comparison="<=",
            summary="pay depends on no KPI: nothing outside the manager's control moves it",
            details=ControlDetails(),
        )
    sobol = sobol_of_pay(
        scheme, n=base_rows(context.samples), seed=context.seed, confidence=context.confidence
    )
    uncontrollable = [k for k in scheme.pay_inputs if not scheme.kpis[k].controllable]
    if uncontrollable:
        index = sobol.group_total[GROUP]  # value and interval within [0, 1]; raw in details
        value, interval = index.value, (index.low, index.high)
    else:
        value, interval = 0.0, None
    passed = value <= threshold
    who = ", ".join(uncontrollable) if uncontrollable else "none"
    summary = (
        f"{_pct(value)} of pay variance comes from KPIs the manager does not control ({who})"
        + (
            f", {context.confidence:.0%} interval {_pct(interval[0])} to {_pct(interval[1])}"
            if interval
            else ""
        )
        + f"; allowed: at most {_pct(threshold)}"
    )
    return CheckResult(
        name=NAME,
        principle=PRINCIPLE,
        title=title,
        passed=passed,
        value=value,
        threshold=threshold,
        comparison="<=",
        summary=summary,
        interval=interval,
        advice="" if passed else _advice(scheme, value, uncontrollable),
        details=ControlDetails(tuple(uncontrollable), _indices(scheme, sobol), sobol),
        notes=_notes(scheme, sobol, value, interval, threshold),
    )


def _indices(scheme: Scheme, sobol: SobolResult) -> dict[str, KpiSensitivity]:
    return {
        name: KpiSensitivity(
            scheme.kpis[name].controllable, sobol.first_order[name], sobol.total_order[name]
        )
        for name in sobol.names
    }


def _notes(
    scheme: Scheme,
    sobol: SobolResult,
    value: float,
    interval: tuple[float, float] | None,
    threshold: float,
) -> list[str]:
    if sobol.constant:
        return ["pay does not vary with the KPIs: every index is 0"]
    notes = []
    if interval is not None and interval[0] <= threshold < interval[1]:
        notes.append(
            f"the {_pct(threshold)} threshold lies inside the interval: the verdict may "
            "change with another seed; run with more --samples"
        )
    width = max(len(n) for n in (*sobol.names, "KPI"))
    notes.append(
        f"{'KPI':<{width}}  controls  first order (alone)   total order (with interactions)"
    )
    for name in sobol.names:
        first, total = sobol.first_order[name], sobol.total_order[name]
        mark = "yes" if scheme.kpis[name].controllable else "no"
        notes.append(f"{name:<{width}}  {mark:<8}  {_index(first):<20}  {_index(total)}")
    return notes


def _index(index: Index) -> str:
    return f"{_pct(index.value)} [{_pct(index.low)}, {_pct(index.high)}]"


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _advice(scheme: Scheme, value: float, uncontrollable: list[str]) -> str:
    controllable = [k for k in scheme.pay_inputs if scheme.kpis[k].controllable]
    instead = ", ".join(controllable) if controllable else "a KPI the manager controls"
    names = ", ".join(uncontrollable)
    return (
        f"{_pct(value)} of the spread in pay is luck from the manager's point of view ({names}): "
        f"pay on {instead} instead, or shrink and cap the part tied to {names}"
    )
