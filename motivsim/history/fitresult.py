"""The result of fitting a KPI model to history (:func:`motivsim.fit`): frozen dataclasses.

``str()`` of a :class:`FitResult` is the report (:mod:`motivsim.history.fitreport`), and
:meth:`FitResult.to_dict` its JSON form; :meth:`FitResult.toml` the fitted tables in the
scheme's own format and :meth:`FitResult.write_into` a copy of a scheme with them merged in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motivsim.errors import ArgumentError
from motivsim.history import fitreport
from motivsim.history.fitreport import SCHEMA
from motivsim.history.fitstats import GofResult

__all__ = [
    "SCHEMA",
    "Candidate",
    "CheckFigure",
    "FitResult",
    "Interval",
    "MarginalFit",
    "PairCorrelation",
    "Persistence",
    "ReproductionCheck",
    "Seasonality",
    "SegmentFit",
]


@dataclass(frozen=True)
class Interval:
    """A 95% bootstrap interval (resampling people)."""

    low: float
    high: float


@dataclass(frozen=True)
class Candidate:
    """A family tried on a KPI: its maximum-likelihood parameters (in the scheme's words),
    log-likelihood and BIC (``k log n - 2 log L``, lower is better), or why it was not
    tried."""

    family: str
    params: Mapping[str, float] = field(default_factory=dict)
    log_likelihood: float | None = None
    bic: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class MarginalFit:
    """One KPI's distribution in one segment (``segment`` is ``None`` for everyone).

    ``family`` is the one written (``None`` when too few rows); ``best`` the lowest BIC's;
    ``table`` the scheme's ``distribution`` table as written (rounded); ``test`` the
    goodness-of-fit test of ``best``. ``median``, ``p10`` and ``p90`` describe a typical
    period of the written distribution, with intervals; ``observed`` the data's P10, median
    and P90 (divided by the seasonality factors when those are written).
    """

    kpi: str
    segment: str | None
    rows: int
    people: int
    kind: str  # "continuous" or "counts"
    family: str | None
    best: str | None
    table: Mapping[str, Any] | None
    candidates: tuple[Candidate, ...] = ()
    test: GofResult | None = None
    median: float | None = None
    p10: float | None = None
    p90: float | None = None
    intervals: Mapping[str, Interval] = field(default_factory=dict)
    observed: tuple[float, float, float] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SegmentFit:
    """The distributions of one segment's people."""

    name: str
    rows: int
    people: int
    marginals: tuple[MarginalFit, ...]


@dataclass(frozen=True)
class PairCorrelation:
    """The rank correlation of two KPIs within a period (``written``: what ``[correlation]``
    gets, ``None`` when not estimated)."""

    a: str
    b: str
    rho: float | None
    interval: Interval | None
    rows: int
    people: int
    written: float | None
    note: str | None = None


@dataclass(frozen=True)
class Persistence:
    """A KPI's persistence: the rank correlation between two periods of one person, from the
    intraclass correlation of its normal scores; ``consecutive`` is the rank correlation of
    consecutive periods alone (a diagnostic)."""

    kpi: str
    value: float | None
    interval: Interval | None
    rows: int
    people: int
    written: float | None
    consecutive: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Seasonality:
    """A KPI's factor per period of the plan year (mean in that period / overall mean), with
    intervals, the F-test of "no season" and how many plan years each period was seen in."""

    kpi: str
    factors: tuple[float, ...]
    intervals: tuple[Interval, ...]
    p_value: float | None
    years: int
    rows: int
    people: int
    written: tuple[float, ...] | None
    note: str | None = None


@dataclass(frozen=True)
class CheckFigure:
    """One figure of the reproduction check: replayed on the history and simulated from the
    fitted model (its mean, and the 5th to 95th percentile of a history-sized sample)."""

    name: str
    replayed: float | None
    simulated: float | None
    low: float | None = None
    high: float | None = None
    money: bool = True


@dataclass(frozen=True)
class ReproductionCheck:
    """Does the fitted model reproduce the history? The scheme replayed on the history beside
    the scheme simulated from the fitted tables, for the same people over as many periods."""

    scheme: str
    currency: str | None
    rounding: str
    people: int
    periods: int
    runs: int
    seed: int
    figures: tuple[CheckFigure, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class FitResult:
    """What :func:`fit` found. ``str()`` is a report a head of sales can read, :meth:`to_dict`
    its JSON form, :meth:`toml` the tables in the scheme's format and :meth:`write_into` a copy
    of a scheme with them merged in."""

    source: str
    rows: int
    people: int
    periods: int
    periods_per_year: int | None
    years: int
    seed: int
    bootstrap: int
    kpis: tuple[str, ...]
    marginals: tuple[MarginalFit, ...]
    segments: tuple[SegmentFit, ...] = ()
    correlations: tuple[PairCorrelation, ...] = ()
    persistence: tuple[Persistence, ...] = ()
    seasonality: tuple[Seasonality, ...] = ()
    check: ReproductionCheck | None = None
    notes: tuple[str, ...] = ()
    scheme: str | None = None
    #: Segments with a roster of their own in the scheme (new ones are then not written).
    roster: bool = field(default=False, repr=False)
    #: People per segment in the history (for segments the scheme does not have yet).
    segment_people: Mapping[str, int] = field(default_factory=dict, repr=False)
    #: What a period is called in the report: the scheme's ``period`` ("month"), or "period".
    period_name: str = "period"
    #: The language of the text report (``"en"``, ``"ru"``): the scheme's ``[scheme] language``
    #: or ``--lang``; the JSON keeps its English keys.
    language: str = "en"
    #: The values each distribution was fitted to and their season's factors (1 without
    #: written seasonality), by ``(kpi, segment)``; for :meth:`histogram`.
    values: Mapping[tuple[str, str | None], Any] = field(
        default_factory=dict, repr=False, compare=False
    )

    def marginal(self, kpi: str, segment: str | None = None) -> MarginalFit:
        """The fit of ``kpi`` for everyone (or for ``segment``)."""
        found = self.marginals if segment is None else self._segment(segment).marginals
        for item in found:
            if item.kpi == kpi:
                return item
        raise ArgumentError(f"no fit of {kpi!r}" + (f" in {segment!r}" if segment else ""))

    def histogram(
        self, kpi: str, segment: str | None = None, *, bins: int = 30
    ) -> tuple[Any, Any, Any]:
        """The fitted values of ``kpi`` (in ``segment``) against the written distribution:
        ``(edges, observed, expected)``, the bins' edges, the rows in each bin and the rows the
        distribution expects there (for ``plot --kind fit``: bars and the fitted curve).
        Values are divided by their season's factor when seasonality is written; a Poisson's
        counts are not, and get a bin per whole number (or per few, ``bins`` at most), each
        row expecting the Poisson of its own season's mean."""
        return fitreport.histogram(self, kpi, segment, bins)

    def _segment(self, name: str) -> SegmentFit:
        for item in self.segments:
            if item.name == name:
                return item
        raise ArgumentError(f"no segment {name!r} was fitted")

    def tables(self) -> dict[str, Any]:
        """What is written into a scheme, as data: ``{"kpi": {name: {"distribution": {...},
        "persistence": p, "seasonality": [...]}}, "correlation": {"a:b": rho}, "segments":
        {name: {kpi: {...}}}}``."""
        return fitreport.tables(self)

    def toml(self) -> str:
        """The fitted ``[kpi.X]`` keys, ``[correlation]`` and segments' ``kpi.X`` as TOML, to
        paste into a scheme (each under its table)."""
        return fitreport.toml_text(self)

    def merged(self, scheme: str | Path) -> str:
        """The text of the scheme file ``scheme`` with the fitted tables merged in: each KPI's
        ``distribution``, ``persistence`` and ``seasonality`` replaced or added, ``[correlation]``
        pairs replaced or added, segments' ``kpi.X`` likewise (new segments appended when the
        scheme has no roster); comments and everything else kept."""
        return fitreport.merged_text(self, scheme)

    def write_into(
        self, scheme: str | Path, *, target: str | Path | None = None, force: bool = False
    ) -> Path:
        """Write :meth:`merged` next to ``scheme`` (``NAME.fitted.toml``, or ``target``),
        checked by loading it first; never over ``scheme`` itself, and over an existing
        ``target`` only with ``force``. Returns the path written."""
        return fitreport.write_into(self, scheme, target=target, force=force)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``"schema": "motivsim.fit/1"``)."""
        return fitreport.to_dict(self)

    def __str__(self) -> str:
        return fitreport.render(self)
