"""The result of a simulation: frozen figures, a readable report (``str``) and ``to_dict()``."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, overload

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.i18n import DEFAULT_LANGUAGE
from motivsim.scheme.money import DEFAULT_ROUNDING
from motivsim.simulation.render import render
from motivsim.simulation.sketch import RELATIVE_ERROR, Sketch
from motivsim.validation import closest, is_real

if TYPE_CHECKING:
    from motivsim.checks.ratio import PlanSplit

__all__ = [
    "QUANTILES",
    "SCHEMA",
    "CapResult",
    "PersonResult",
    "SegmentResult",
    "SimulationResult",
    "Summary",
    "YearFigure",
]

#: The quantiles every :class:`Summary` reports.
QUANTILES: Final = (0.05, 0.5, 0.95, 0.99)
#: Identifier of the JSON layout of :meth:`SimulationResult.to_dict` (keys are only added).
SCHEMA: Final = "motivsim.simulate/1"


@dataclass(frozen=True, slots=True, eq=False)
class Summary:
    """The distribution of one simulated amount: finite sample count, mean and quantiles.

    Non-finite samples (``non_finite``) are left out of every figure. Quantiles come from a
    sketch: within :data:`~motivsim.simulation.sketch.RELATIVE_ERROR` of the sample quantile.
    """

    count: int
    non_finite: int
    mean: float
    min: float
    p5: float
    p50: float
    p95: float
    p99: float
    max: float
    sketch: Sketch = field(repr=False)

    @classmethod
    def of(cls, sketch: Sketch, total: float, non_finite: int) -> Summary:
        """The summary of a sketch whose values sum to ``total``."""
        mean = total / sketch.count if sketch.count else math.nan
        p5, p50, p95, p99 = sketch.quantiles(QUANTILES) if sketch.count else [math.nan] * 4
        low, high = (sketch.low, sketch.high) if sketch.count else (math.nan, math.nan)
        return cls(sketch.count, non_finite, mean, low, p5, p50, p95, p99, high, sketch)

    def quantile(self, q: float) -> float:
        """Quantile ``q`` (between 0 and 1) of the amount."""
        return self.sketch.quantile(_probability(q))

    def to_dict(self) -> dict[str, Any]:
        """``count``, ``non_finite`` and ``mean``, ``min``, ``p5``, ``p50``, ``p95``, ``p99``,
        ``max`` rounded to cents (``None`` when there is no finite sample)."""
        keys = ("mean", "min", "p5", "p50", "p95", "p99", "max")
        return {"count": self.count, "non_finite": self.non_finite} | {
            k: _json_money(getattr(self, k)) for k in keys
        }


@dataclass(frozen=True, slots=True)
class CapResult:
    """A cap in the scheme (``min`` of a step with a constant) and how often it binds."""

    step: str
    formula: str
    limit: float
    probability: float

    def to_dict(self) -> dict[str, Any]:
        """``step``, ``formula``, ``limit`` and ``probability`` (per manager-period)."""
        return {
            "step": self.step,
            "formula": self.formula,
            "limit": self.limit,
            "probability": _json_number(self.probability),
        }


@dataclass(frozen=True, slots=True, eq=False)
class SegmentResult:
    """One segment: its payroll per period, one manager's pay over the periods, plan and caps."""

    name: str
    count: int
    payroll: Summary
    manager: Summary
    mean_pay: float
    share_meeting_plan: float | None
    cap_probability: float | None
    non_finite: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures of the segment."""
        return {
            "name": self.name,
            "count": self.count,
            "payroll": self.payroll.to_dict(),
            "manager": self.manager.to_dict(),
            "mean_pay": _json_money(self.mean_pay),
            "share_meeting_plan": _json_number(self.share_meeting_plan),
            "cap_probability": _json_number(self.cap_probability),
            "non_finite": self.non_finite,
        }


@dataclass(frozen=True, slots=True)
class PersonResult:
    """One named person of the roster: their pay over the simulated periods, per run (mean
    over the runs it was kept for, and its 5th, 50th and 95th percentiles)."""

    name: str
    segment: str
    mean: float
    p5: float
    p50: float
    p95: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures of the person."""
        return {
            "name": self.name,
            "segment": self.segment,
            "mean": _json_money(self.mean),
            "p5": _json_money(self.p5),
            "p50": _json_money(self.p50),
            "p95": _json_money(self.p95),
        }


@dataclass(frozen=True, slots=True)
class YearFigure:
    """Principle 1 per plan year: ``years`` manager-years, the share that met the plan in at
    least half of their periods, and the mean annual pay of those and of the others."""

    years: int
    share_meeting_plan: float
    mean_met: float | None
    mean_missed: float | None
    ratio: float | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "manager_years": self.years,
            "share_meeting_plan": _json_number(self.share_meeting_plan),
            "mean_pay_meeting_plan": None if self.mean_met is None else _json_money(self.mean_met),
            "mean_pay_missing_plan": (
                None if self.mean_missed is None else _json_money(self.mean_missed)
            ),
            "ratio": _json_number(self.ratio),
        }


@dataclass(frozen=True, slots=True, eq=False)
class SimulationResult:
    """What a scheme costs a team: payroll, pay per segment and manager, plan and cap figures.

    ``payroll`` is the team's payroll in one period, ``payroll_total`` over all ``periods``;
    ``manager`` is one manager's pay over the ``periods`` (every segment pooled). Shares and
    probabilities are per manager-period; ``hitter_ratio`` is the mean pay of this simulation's
    manager-periods meeting the plan over that of those missing it (per period, pooled over the
    team and every period). ``non_finite`` counts manager-periods whose pay was not a finite
    number (left out of every figure). ``raw`` is each manager's pay, shaped
    ``(runs, periods, managers)``, when the simulation was asked to keep it.

    ``principle_1`` is principle 1's figure for ``runs`` draws and ``seed``, the one
    ``check``, ``plot`` and ``report`` show (:class:`~motivsim.checks.ratio.PlanSplit`): set
    when the simulation is its sample (a team as declared, over one period; then it holds the
    same numbers as ``hitter_ratio``), else ``None`` until
    :func:`~motivsim.simulation.summarize.with_principle_one` measures it (the ``simulate``
    command does).
    """

    scheme: str
    currency: str | None
    period: str | None
    runs: int
    periods: int
    seed: int
    managers: int
    payroll: Summary
    payroll_total: Summary
    manager: Summary
    segments: tuple[SegmentResult, ...]
    share_meeting_plan: float | None
    mean_pay_meeting_plan: float | None
    mean_pay_missing_plan: float | None
    hitter_ratio: float | None
    cap_probability: float | None
    caps: tuple[CapResult, ...]
    revenue_share: float | None
    non_finite: int
    notes: tuple[str, ...] = ()
    rounding: str = DEFAULT_ROUNDING
    manager_names: tuple[str, ...] = field(default=(), repr=False)
    raw: npt.NDArray[np.float64] | None = field(default=None, repr=False)
    principle_1: PlanSplit | None = None
    #: With a roster: each person's figures, from the first ``people_runs`` runs.
    people: tuple[PersonResult, ...] = ()
    people_runs: int = 0
    #: Principle 1 per plan year (a simulation of at least one whole plan year): manager-years
    #: meeting the plan in at least half of their periods against the others, annual pay.
    per_year: YearFigure | None = None
    #: The language of the text report (the scheme's ``[scheme] language``; JSON keys and
    #: figures do not depend on it).
    language: str = DEFAULT_LANGUAGE

    @property
    def manager_periods(self) -> int:
        """Manager-periods simulated: ``runs * periods * managers``."""
        return self.runs * self.periods * self.managers

    @overload
    def quantile(self, q: float, of: str = "payroll") -> float: ...
    @overload
    def quantile(self, q: Sequence[float], of: str = "payroll") -> npt.NDArray[np.float64]: ...

    def quantile(self, q: float | Sequence[float], of: str = "payroll") -> Any:
        """Quantile(s) ``q`` of an amount: ``of`` is ``"payroll"`` (the team, one period),
        ``"payroll_total"`` (the team, all periods), ``"manager"`` (one manager, all periods),
        ``"payroll:SEGMENT"`` or ``"manager:SEGMENT"``.

        Examples
        --------
        >>> import motivsim
        >>> scheme = motivsim.load("schemes/team_dealership.toml")
        >>> result = motivsim.simulate(scheme, runs=2_000, seed=1)
        >>> result.quantile(0.95) == result.payroll.p95
        True
        >>> low, high = result.quantile([0.1, 0.9], of="manager:strong")
        >>> bool(low < high)
        True
        """
        summary = self.summary(of)
        if isinstance(q, Sequence | np.ndarray):
            return np.array([summary.quantile(float(v)) for v in q])
        return summary.quantile(q)

    def summary(self, of: str) -> Summary:
        """The :class:`Summary` named ``of`` (see :meth:`quantile`)."""
        options = {
            "payroll": self.payroll,
            "payroll_total": self.payroll_total,
            "manager": self.manager,
        }
        for seg in self.segments:
            options[f"payroll:{seg.name}"] = seg.payroll
            options[f"manager:{seg.name}"] = seg.manager
        if of not in options:
            close = closest(of, options)
            raise ArgumentError(
                f"no simulated amount {of!r}",
                hint=(f"did you mean {close!r}? " if close else "")
                + "use one of "
                + ", ".join(map(repr, options)),
            )
        return options[of]

    def raw_pay(self) -> npt.NDArray[np.float64]:
        """Each manager's pay, shaped ``(runs, periods, managers)`` (columns: ``manager_names``)."""
        if self.raw is None:
            raise ArgumentError(
                "raw pay was not kept", hint="run simulate(..., keep_raw=True) to keep it"
            )
        return self.raw

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures (money as floats in the scheme's currency; no raw pay), layout
        :data:`SCHEMA`."""
        return {
            "schema": SCHEMA,
            "scheme": self.scheme,
            "currency": self.currency,
            "period": self.period,
            "runs": self.runs,
            "periods": self.periods,
            "managers": self.managers,
            "manager_periods": self.manager_periods,
            "seed": self.seed,
            "quantile_relative_error": RELATIVE_ERROR,
            "payroll": self.payroll.to_dict(),
            "payroll_total": self.payroll_total.to_dict(),
            "manager": self.manager.to_dict(),
            "segments": [s.to_dict() for s in self.segments],
            "share_meeting_plan": _json_number(self.share_meeting_plan),
            "mean_pay_meeting_plan": _json_number(
                self.mean_pay_meeting_plan and round(self.mean_pay_meeting_plan, 2)
            ),
            "mean_pay_missing_plan": _json_number(
                self.mean_pay_missing_plan and round(self.mean_pay_missing_plan, 2)
            ),
            "hitter_ratio": _json_number(self.hitter_ratio),
            "cap_probability": _json_number(self.cap_probability),
            "caps": [c.to_dict() for c in self.caps],
            "revenue_share": _json_number(self.revenue_share),
            "non_finite": self.non_finite,
            "notes": list(self.notes),
            "principle_1": None if self.principle_1 is None else self.principle_1.to_dict(),
            "people": [p.to_dict() for p in self.people],
            "people_runs": self.people_runs,
            "per_year": None if self.per_year is None else self.per_year.to_dict(),
        }

    def __str__(self) -> str:
        return render(self)


def _probability(q: Any) -> float:
    if not is_real(q):
        raise ArgumentTypeError(f"a quantile must be a number between 0 and 1, got {q!r}")
    if not 0.0 <= float(q) <= 1.0:
        raise ArgumentError(f"a quantile must be between 0 and 1, got {q!r}")
    return float(q)


def _json_money(value: float) -> float | None:
    return round(value, 2) + 0.0 if math.isfinite(value) else None  # + 0.0: never -0.0


def _json_number(value: float | None) -> float | None:
    return float(value) + 0.0 if value is not None and math.isfinite(value) else None
