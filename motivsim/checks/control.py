"""Principle 3: pay depends on what the manager controls (Sobol' share of uncontrollable KPIs)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.checks.base import CheckContext, CheckResult
from motivsim.checks.sobol import Index, SobolResult, sobol_indices
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, Words, words
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
    w = words(scheme.language)
    title = w("control.title")
    if not scheme.pay_inputs:
        return CheckResult(
            name=NAME,
            principle=PRINCIPLE,
            title=title,
            passed=True,
            value=0.0,
            threshold=threshold,
            comparison="<=",
            summary=w("control.no_kpi"),
            details=ControlDetails(),
            language=scheme.language,
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
    who = ", ".join(uncontrollable) if uncontrollable else w("control.who.none")
    summary = w(
        "control.summary",
        share=w.pct(value),
        who=who,
        interval=w(
            "control.interval",
            level=w.pct(context.confidence, 0),
            low=w.pct(interval[0]),
            high=w.pct(interval[1]),
        )
        if interval
        else "",
        limit=w.pct(threshold),
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
        language=scheme.language,
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
    w = words(scheme.language)
    if sobol.constant:
        return [w("control.constant")]
    notes = []
    if interval is not None and interval[0] <= threshold < interval[1]:
        notes.append(w("threshold_inside", limit=w.pct(threshold)))
    head = [w(f"control.head.{k}") for k in ("kpi", "controls", "first", "total")]
    width = max(len(n) for n in (*sobol.names, head[0]))
    second = max(8, len(head[1]))
    shown = {
        n: (_index(sobol.first_order[n], w), _index(sobol.total_order[n], w)) for n in sobol.names
    }
    third = max(20, len(head[2]), *(len(first) for first, _ in shown.values()))
    notes.append(f"{head[0]:<{width}}  {head[1]:<{second}}  {head[2]:<{third}}  {head[3]}")
    for name in sobol.names:
        first, total = shown[name]
        mark = w("yes") if scheme.kpis[name].controllable else w("no")
        notes.append(f"{name:<{width}}  {mark:<{second}}  {first:<{third}}  {total}")
    return notes


def _index(index: Index, w: Words | None = None) -> str:
    w = w or words(DEFAULT_LANGUAGE)
    return f"{w.pct(index.value)} [{w.pct(index.low)}, {w.pct(index.high)}]"


def _advice(scheme: Scheme, value: float, uncontrollable: list[str]) -> str:
    w = words(scheme.language)
    controllable = [k for k in scheme.pay_inputs if scheme.kpis[k].controllable]
    instead = ", ".join(controllable) if controllable else w("control.advice.any")
    names = ", ".join(uncontrollable)
    return w("control.advice", share=w.pct(value), names=names, instead=instead)
