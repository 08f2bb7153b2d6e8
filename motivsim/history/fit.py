"""Fit a scheme's KPI model to actual history: distributions, correlations, persistence and
seasonality, each with a bootstrap interval over people. (:func:`motivsim.fit` adds the check
that the fitted model reproduces the history's pay: :mod:`motivsim.comparison.fitcheck`.)

What is estimated, and how (see docs/fit.md):

* **Each KPI's distribution** (per segment too, when the history has a ``segment`` column or
  the scheme's roster gives one): candidate families fitted by maximum likelihood (normal,
  lognormal and gamma for values above 0, beta for values between 0 and 1; Poisson and
  negative binomial for whole-number counts), the one with the lowest BIC chosen, then tested:
  Kolmogorov-Smirnov for continuous KPIs, chi-square for counts, each p-value by a parametric
  bootstrap of the fitted model (the same people and rows, a person's periods tied by the
  fitted persistence, the parameters estimated again on every sample). A family rejected at
  the 1% level gives way to the empirical distribution of the values. For counts the Poisson
  is kept unless its test rejects it (BIC, which takes a person's periods as independent,
  overrates extra spread); then the negative binomial is tested the same way and written
  (``{ type = "negative_binomial", mean = ..., sd = ... }``) unless it is rejected too.
  A KPI with one value (in each segment) is written as a constant, with no persistence,
  season or correlation: there is no variation to estimate them from.
* **Persistence**: the intraclass correlation of the KPI's normal scores (van der Waerden)
  with people as classes, turned into the rank correlation the scheme's ``persistence`` is.
  The simulator ties every two periods of a person equally (a lasting level plus each
  period's noise); the intraclass correlation estimates exactly that from every pair of a
  person's periods, where consecutive periods are 11 of the 66 pairs in a year (their
  correlation is reported beside it: much higher means the tie fades with distance).
* **Correlation** between KPIs: the correlation of their normal scores over every row, turned
  into a rank correlation (Spearman's rho) as ``[correlation]`` takes it.
* **Seasonality**: each period of the plan year's mean over the overall mean (values first
  divided by their segment's mean), written when the history covers every period of the
  year in at least two plan years and an F-test of the period effect after each person's own
  level rejects "no season" at 5%; with one plan year it is shown and not written.
  Distributions are fitted to the values divided by the written factors.

Normal scores are ranked within each segment, so that differences between segments (which
their own distributions carry) do not pose as persistence or correlation. Intervals are 95%
percentile intervals of a bootstrap that resamples people, not rows, so that a person's
periods stay together.

Examples
--------
>>> result = fit_kpis("schemes/dealership_year.csv", seed=1, bootstrap=100)
>>> [m.family for m in result.marginals]
['lognormal', 'poisson']
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.csvtable import parse_table
from motivsim.distributions import parse_distribution
from motivsim.errors import ArgumentError, ArgumentTypeError, Location, MotivsimError
from motivsim.history import fitstats as st
from motivsim.history.fitnote import Count, Note, Num, PValue, Quoted
from motivsim.history.fitresult import (
    Candidate,
    FitResult,
    Interval,
    MarginalFit,
    PairCorrelation,
    Persistence,
    Seasonality,
    SegmentFit,
)
from motivsim.history.read import History, _source, read_history
from motivsim.scheme.load import as_scheme, loads
from motivsim.validation import check_int, closest

if TYPE_CHECKING:
    from motivsim.scheme.model import Kpi, Scheme

__all__ = ["BOOTSTRAP", "FitData", "distribution_of", "fit_data", "fit_kpis", "prepare"]

#: Fewest rows to fit a family to (per KPI, per segment).
MIN_ROWS: Final = 20
#: Fewest people with two periods or more to estimate persistence.
MIN_PEOPLE: Final = 3
#: Fewest people for a segment's own distribution.
MIN_SEGMENT_PEOPLE: Final = 2
#: Fewest rows in each period of the plan year to estimate seasonality.
MIN_SEASON_ROWS: Final = 3
#: A family is rejected when its test's p-value is below this.
ALPHA: Final = 0.01
#: Seasonality is written when its F-test's p-value is below this (and two years are seen).
SEASON_ALPHA: Final = 0.05
#: Most rows a goodness-of-fit test uses (whole people drawn at random beyond it).
GOF_ROWS: Final = 3_000
#: Samples of the parametric bootstrap of a goodness-of-fit test.
GOF_REPS: Final = 199
#: Default resamples of people for the intervals.
BOOTSTRAP: Final = 400
#: Most values an empirical distribution is written with (quantiles of the data beyond it).
EMPIRICAL_VALUES: Final = 200
_Q: Final = np.array([0.1, 0.5, 0.9])
_SKIP: Final = ("person", "name", "period", "segment")
_NAME: Final = re.compile(r"[^\W\d]\w*")

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


# -- the data --------------------------------------------------------------------------------
@dataclass
class FitData:
    """A history read for fitting: the rows, the KPIs to fit, each row's segment (an index
    into ``segment_names``, -1 for none), the plan year's length and notes so far."""

    data: History
    kpis: list[str]
    segment: IntArray
    segment_names: list[str]
    per_year: int | None
    source: str
    notes: list[Note]
    from_roster: bool
    plan: Scheme | None


def fit_kpis(
    history: Any,
    kpis: str | Sequence[str] | None = None,
    scheme: Scheme | str | Path | None = None,
    *,
    seed: int = 0,
    families: Sequence[str] | None = None,
    periods_per_year: int | None = None,
    bootstrap: int = BOOTSTRAP,
) -> FitResult:
    """Fit the KPI model of ``history`` (see :func:`motivsim.fit`, which also checks the fit
    against the history replayed by ``scheme``)."""
    return fit_data(
        prepare(history, kpis, scheme, periods_per_year),
        seed=seed,
        families=families,
        bootstrap=bootstrap,
    )


def prepare(
    history: Any,
    kpis: str | Sequence[str] | None = None,
    scheme: Scheme | str | Path | None = None,
    periods_per_year: int | None = None,
) -> FitData:
    """Read ``history`` for fitting (the KPIs, the plan year, each row's segment)."""
    plan = None if scheme is None else as_scheme(scheme, caller="fit")
    return _frame(history, kpis, plan, periods_per_year)


def fit_data(
    frame: FitData,
    *,
    seed: int = 0,
    families: Sequence[str] | None = None,
    bootstrap: int = BOOTSTRAP,
) -> FitResult:
    """Fit the history :func:`prepare` read."""
    seed = check_int("seed", seed, least=0)
    bootstrap = check_int("bootstrap", bootstrap, least=0, most=100_000)
    return _Fitter(frame, seed, bootstrap, _families(families)).run()


def _families(families: Sequence[str] | None) -> tuple[str, ...] | None:
    if families is None:
        return None
    if isinstance(families, str) or not isinstance(families, Sequence):
        raise ArgumentTypeError(
            f"families must be a list of names, got {families!r}", hint="e.g. ['lognormal']"
        )
    known = [f for f in st.FAMILIES if f != "empirical"]
    for name in families:
        if name not in known:
            near = closest(name, known)
            raise ArgumentError(
                f"unknown family {name!r}",
                hint=(f"did you mean {near!r}? " if near else "") + "families: " + ", ".join(known),
            )
    return tuple(families)


def _frame(
    history: Any,
    kpis: str | Sequence[str] | None,
    plan: Scheme | None,
    periods_per_year: int | None,
) -> FitData:
    notes: list[Note] = []
    if periods_per_year is not None:
        periods_per_year = check_int("periods_per_year", periods_per_year, least=1, most=1_000)
    wanted = [kpis] if isinstance(kpis, str) else None if kpis is None else list(kpis)
    if wanted is not None and (not wanted or not all(isinstance(k, str) for k in wanted)):
        raise ArgumentTypeError(f"kpis must be KPI names, got {kpis!r}")
    if isinstance(history, History):
        raw = None
        header = list(history.columns)
        shown = "history"
    else:
        raw = _head(history)
        header = list(raw.header)
        shown = str(history) if isinstance(history, str | Path) else "history"
    if wanted is not None:
        for name in wanted:
            if name not in header or name in _SKIP:
                near = closest(name, [h for h in header if h not in _SKIP])
                raise ArgumentError(
                    f"the history has no KPI column {name!r}",
                    hint=(f"did you mean {near!r}? " if near else "")
                    + "columns: "
                    + ", ".join(header),
                )
            if plan is not None and name not in plan.kpis:
                raise ArgumentError(
                    f"{name!r} is not a KPI of scheme {plan.name!r}",
                    hint="KPIs: " + ", ".join(plan.kpis),
                )
        chosen = list(dict.fromkeys(wanted))
    elif plan is not None:
        chosen = [k for k in plan.kpis if k in header]
        if not chosen:
            raise ArgumentError(
                f"the history has no column for a KPI of scheme {plan.name!r}",
                hint="KPIs: " + ", ".join(plan.kpis) + "; columns: " + ", ".join(header),
            )
    else:
        chosen = []
        for i, name in enumerate(header):
            if name in _SKIP or not name:
                continue
            if raw is not None and not _numbers(raw.columns[i]):
                notes.append(Note("fit.note.column_not_numbers", name=Quoted(name)))
                continue
            if not _NAME.fullmatch(name):
                notes.append(Note("fit.note.column_not_name", name=Quoted(name)))
                continue
            chosen.append(name)
        if not chosen:
            raise ArgumentError(
                "the history has no column of numbers to fit besides person and period",
                hint="columns: " + ", ".join(header),
            )
    per_year: int | None
    if plan is not None:
        per_year = plan.periods_per_year
        if periods_per_year is not None and per_year is not None and per_year != periods_per_year:
            raise ArgumentError(
                f"periods_per_year {periods_per_year} differs from the scheme's {per_year}"
            )
        per_year = per_year or periods_per_year
        reading = plan
    else:
        quarters = raw is not None and _all_quarters(raw)
        per_year = periods_per_year or (4 if quarters else 12)
        if periods_per_year is None and not quarters and raw is not None and _numbered(raw):
            notes.append(Note("fit.note.numbered_periods"))
        reading = _probe(chosen, per_year)
    data = read_history(history, reading)
    segment, names, from_roster = _segments(data, plan, notes)
    return FitData(data, chosen, segment, names, per_year, shown, notes, from_roster, plan)


#: Bytes of a large CSV file read to know its columns (the whole file is read once, by
#: :func:`~motivsim.history.read.read_history`).
_HEAD: Final = 1 << 16


def _head(history: Any) -> Any:
    """The history's columns: its first rows only for a large CSV file (to see which columns
    hold numbers), all of it otherwise."""
    if isinstance(history, str | Path):
        try:
            with open(history, "rb") as handle:
                head = handle.read(_HEAD + 1)
            text = head.decode("utf-8-sig") if len(head) > _HEAD else None
        except (OSError, UnicodeDecodeError):
            text = None  # read_history says what is wrong, with the file's name
        if text is not None and "\n" in text:
            text = text[: text.rindex("\n") + 1]
            table = parse_table(text, path=str(history), what="history")
            return _Head([c.text for c in table.header], table.rows)
    return _source(history)


class _Head:
    """The header and first rows of a CSV file, as columns."""

    def __init__(self, header: list[str], rows: Sequence[Sequence[Any]]) -> None:
        self.header = header
        width = len(header)
        self.columns = [[r[i].text if i < len(r) else "" for r in rows] for i in range(width)]


def _numbers(cells: Sequence[Any]) -> bool:
    """Whether a column holds numbers: at least 9 in 10 of its non-blank cells read as one
    (a column of numbers with a typo in it is read, and the typo's cell named; a column of
    text is left out)."""
    filled = [c for c in cells if not (c is None or c == "" or c != c)]
    if not filled:
        return False
    good = 0
    for cell in filled:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            good += 1
            continue
        try:
            float(str(cell).replace("_", "").replace(" ", ""))
        except ValueError:
            continue
        good += 1
    return good >= 0.9 * len(filled)


def _all_quarters(raw: Any) -> bool:
    if "period" not in raw.header:
        return False
    cells = raw.columns[raw.header.index("period")]
    return all(re.fullmatch(r"\s*\d{4}-?[Qq][1-4]\s*", str(c)) for c in cells)


def _numbered(raw: Any) -> bool:
    if "period" not in raw.header:
        return False
    cells = raw.columns[raw.header.index("period")]
    return all(str(c).strip().isdigit() or isinstance(c, int) for c in cells)


def _probe(kpis: list[str], per_year: int) -> Scheme:
    """A scheme that only names the KPIs, to read the history with."""
    lines = ["[scheme]", 'name = "fit"', 'period = "period"', f"periods_per_year = {per_year}"]
    for name in kpis:
        lines += [f"[kpi.{name}]", "controllable = true"]
    lines += ["[formula]", 'pay = "0"']
    return loads("\n".join(lines) + "\n", path="<fit>")


def _segments(
    data: History, plan: Scheme | None, notes: list[Note]
) -> tuple[IntArray, list[str], bool]:
    """Each row's segment (-1: none), the segment names, and whether they came from a roster."""
    labels: list[str] | None = None
    from_roster = False
    source = data.source
    header = getattr(source, "header", None)
    if header is not None and "segment" in header:
        cells = source.columns[header.index("segment")]
        labels = ["" if c is None or c != c else str(c).strip() for c in cells]
    elif plan is not None and plan.team.people:
        roster = {p.name: p.segment for p in plan.team.people}
        labels = [roster.get(p, "") for p in data.people]
        from_roster = True
        outside = sorted({p for p in data.people if p not in roster})
        if outside:
            notes.append(
                Note(
                    "fit.note.not_in_roster",
                    people=Count(len(outside), "person", genitive=True, english_plural=True),
                    names=", ".join(outside[:3]) + (", ..." if len(outside) > 3 else ""),
                )
            )
    if labels is None:
        return np.full(data.size, -1, np.intp), [], False
    names = sorted({s for s in labels if s})
    if not names:
        return np.full(data.size, -1, np.intp), [], False
    index = {s: i for i, s in enumerate(names)}
    segment = np.array([index.get(s, -1) for s in labels], dtype=np.intp)
    blank = int(np.count_nonzero(segment < 0))
    if blank and not from_roster:
        notes.append(Note("fit.note.no_segment", rows=Count(blank, "row", english_plural=True)))
    moved = np.unique(np.stack([data.person, segment]), axis=1)
    if np.unique(moved[0]).size < moved.shape[1]:
        notes.append(Note("fit.note.two_segments"))
    return segment, names, from_roster


# -- the fitting ------------------------------------------------------------------------------
class _Fitter:
    def __init__(
        self,
        frame: FitData,
        seed: int,
        bootstrap: int,
        families: tuple[str, ...] | None,
    ) -> None:
        self.frame = frame
        self.data = frame.data
        self.plan = frame.plan
        self.seed = seed
        self.reps = bootstrap
        self.families = families
        self.notes = list(frame.notes)
        self.values: dict[tuple[str, str | None], tuple[FloatArray, FloatArray]] = {}
        self.people = len(self.data.names)
        self.weights = st.people_weights(self.people, bootstrap, self._rng("people"))
        # a person's segment for the normal scores: ranks within a segment
        self.rank_groups = frame.segment if frame.segment_names else None

    def _period_name(self) -> str:
        if self.plan is not None and self.plan.period:
            return self.plan.period
        if self.data.clock == "month":
            return {12: "month", 4: "quarter"}.get(self.frame.per_year or 0, "period")
        return "period"

    def _rng(self, *tags: str) -> np.random.Generator:
        key = tuple(zlib.crc32(t.encode()) for t in tags)
        return np.random.default_rng(np.random.SeedSequence(self.seed, spawn_key=(0xF17, *key)))

    def run(self) -> FitResult:
        data, frame = self.data, self.frame
        per_year = frame.per_year
        years = int(data.periods.max()) // per_year + 1 if per_year else 1
        seasons: list[Seasonality] = []
        factor_rows: dict[str, FloatArray] = {}
        scores: dict[str, FloatArray] = {}
        flat: dict[str, Note | str] = {}  # KPIs of one value (in each segment): where
        for kpi in frame.kpis:
            x = data.columns[kpi]
            same = self._same(x)
            if same is not None:  # nothing varies: no season, persistence or correlation
                flat[kpi] = same
                factor_rows[kpi] = np.ones(data.size)
                scores[kpi] = np.zeros(data.size)
                continue
            season, factors = self._seasonality(kpi, x)
            if season is not None:
                seasons.append(season)
            factor_rows[kpi] = factors
            scores[kpi] = st.normal_scores(x / factors, self.rank_groups)
        if 0 < self.people < 10 and self.reps:
            self.notes.append(Note("fit.note.few_people", people=Count(self.people, "person")))
        persistence = [self._persistence(k, scores[k], flat.get(k)) for k in frame.kpis]
        normal_r = {
            p.kpi: float(st.rank_to_normal(p.written)) if p.written else 0.0 for p in persistence
        }
        marginals = []
        for kpi in frame.kpis:
            x = data.columns[kpi]
            rows = np.arange(data.size)
            marginals.append(
                self._marginal(kpi, None, x, factor_rows[kpi], rows, self.weights, normal_r[kpi])
            )
        segments = self._segment_fits(factor_rows, normal_r)
        correlations = self._correlations(scores, persistence, flat)
        self._kept_overrides({s.name for s in segments})
        return FitResult(
            source=frame.source,
            rows=data.size,
            people=self.people,
            periods=int(data.periods.max() - data.periods.min()) + 1,
            periods_per_year=per_year,
            years=years,
            seed=self.seed,
            bootstrap=self.reps,
            kpis=tuple(frame.kpis),
            marginals=tuple(marginals),
            segments=tuple(segments),
            correlations=tuple(correlations),
            persistence=tuple(persistence),
            seasonality=tuple(seasons),
            notes=tuple(self.notes),
            scheme=None if self.plan is None else self.plan.name,
            roster=bool(self.plan is not None and self.plan.team.people),
            segment_people={
                name: int(np.unique(data.person[frame.segment == i]).size)
                for i, name in enumerate(frame.segment_names)
            },
            period_name=self._period_name(),
            values=self.values,
            language="en" if self.plan is None else self.plan.language,
        )

    def _kept_overrides(self, fitted: set[str]) -> None:
        """A note for each segment of the scheme whose own distribution of a fitted KPI the
        fit does not replace (the history does not say who is in it)."""
        if self.plan is None:
            return
        for segment in self.plan.team.segments:
            own = [k for k, _ in segment.overrides if k in self.frame.kpis]
            if own and segment.name not in fitted:
                self.notes.append(
                    Note(
                        "fit.note.segment_kept",
                        name=Quoted(segment.name),
                        kpis=", ".join(f"kpi.{k}" for k in own),
                    )
                )

    def _same(self, x: FloatArray) -> Note | str | None:
        """``""`` when every value of ``x`` is the same, a note saying "within each segment"
        when each segment's are (the normal scores are then all 0, and a correlation of them
        0 / 0), ``None`` otherwise: a KPI with no persistence, season or correlation to
        estimate."""
        if x.size == 0:
            return None
        if np.ptp(x) == 0:
            return ""
        groups = self.rank_groups
        if groups is None:
            return None
        for g in np.unique(groups).tolist():
            if np.ptp(x[groups == g]) != 0:
                return None
        return Note("fit.note.within_segment")

    # -- seasonality ------------------------------------------------------------------------
    def _seasonality(self, kpi: str, x: FloatArray) -> tuple[Seasonality | None, FloatArray]:
        data, frame = self.data, self.frame
        ones = np.ones(data.size)
        per_year = frame.per_year
        if per_year is None or per_year < 2:
            return None, ones
        poy = data.periods % per_year
        counts = np.bincount(poy, minlength=per_year)
        if counts.min() < MIN_SEASON_ROWS:
            missing = int(np.count_nonzero(counts < MIN_SEASON_ROWS))
            self.notes.append(
                Note(
                    "fit.note.season_few_rows",
                    kpi=kpi,
                    missing=Count(missing, "period", "d"),
                    least=Count(MIN_SEASON_ROWS, "row", "d", genitive=True, english_plural=True),
                )
            )
            return None, ones
        level = np.empty(data.size)
        groups = frame.segment
        for g in np.unique(groups).tolist():
            rows = groups == g
            level[rows] = x[rows].mean()
        if np.any(x < 0) or np.any(level <= 0):
            self.notes.append(Note("fit.note.season_negative", kpi=kpi))
            return None, ones
        rel = x / level
        cell = data.person * per_year + poy
        size = self.people * per_year
        sums = np.bincount(cell, weights=rel, minlength=size).reshape(self.people, per_year)
        ns = np.bincount(cell, minlength=size).reshape(self.people, per_year).astype(np.float64)
        factors = (sums.sum(0) / ns.sum(0)) / (sums.sum() / ns.sum())
        intervals: tuple[Interval, ...] = ()
        if self.reps:
            w = self.weights
            with np.errstate(divide="ignore", invalid="ignore"):
                boot = (w @ sums) / (w @ ns)
                boot /= ((w @ sums.sum(1)) / (w @ ns.sum(1)))[:, None]
            low, high = _percentiles(boot)
            intervals = tuple(Interval(float(a), float(b)) for a, b in zip(low, high, strict=True))
        p_value = _season_test(st.normal_scores(x, self.rank_groups), data.person, poy, per_year)
        seen = np.array(
            [np.unique(data.periods[poy == t] // per_year).size for t in range(per_year)]
        )
        years = int(seen.min())
        written: tuple[float, ...] | None = None
        note = None
        if years < 2:
            note = Note("fit.note.one_year")
            explained = Note("fit.note.one_year_explained")
            if explained not in self.notes:
                self.notes.append(explained)
        elif p_value is None or p_value >= SEASON_ALPHA:
            note = Note("fit.note.no_season", p=PValue(p_value))
        else:
            written = tuple(max(0.01, round(float(f), 2)) for f in factors)
        season = Seasonality(
            kpi,
            tuple(float(f) for f in factors),
            intervals,
            p_value,
            years,
            data.size,
            self.people,
            written,
            note,
        )
        if written is None:
            return season, ones
        return season, np.asarray(written)[poy]

    # -- persistence ---------------------------------------------------------------------------
    def _persistence(self, kpi: str, z: FloatArray, same: Note | str | None = None) -> Persistence:
        data = self.data
        if same is not None:
            why = Note("fit.note.constant_persistence", within=same)
            return Persistence(kpi, None, None, data.size, self.people, None, None, why)
        n = np.bincount(data.person, minlength=self.people).astype(np.float64)
        repeat = int(np.count_nonzero(n >= 2))
        if repeat < MIN_PEOPLE or data.size < MIN_ROWS:
            why = Note(
                "fit.note.persistence_few",
                people=Count(repeat, "person"),
                rows=Count(data.size, "row", "d", english_plural=True),
                least_people=Count(MIN_PEOPLE, "person", "d", genitive=True, english_plural=True),
                least_rows=Count(MIN_ROWS, "row", "d", genitive=True, english_plural=True),
            )
            return Persistence(kpi, None, None, data.size, self.people, None, None, why)
        s = np.bincount(data.person, weights=z, minlength=self.people).astype(np.float64)
        q = np.bincount(data.person, weights=z * z, minlength=self.people).astype(np.float64)
        icc = float(st.icc_from_sums(n, s, q)[0])
        value = float(st.normal_to_rank(icc))
        interval = None
        if self.reps:
            boot = st.icc_from_sums(n, s, q, self.weights)
            low, high = _percentiles(st.normal_to_rank(boot))
            interval = Interval(float(low), float(high))
        note: Note | None = None
        written = round(min(max(value, 0.0), 0.99), 2)
        if value < 0:
            note = Note("fit.note.persistence_negative")
        consecutive = _consecutive(z, data.person, data.periods)
        beyond = interval is None or (consecutive is not None and consecutive > interval.high)
        if consecutive is not None and consecutive - value > 0.15 and beyond:
            note = Note("fit.note.persistence_fades", value=Num(consecutive, ".2f"))
        return Persistence(kpi, value, interval, data.size, self.people, written, consecutive, note)

    # -- correlations ------------------------------------------------------------------------
    def _correlations(
        self,
        scores: Mapping[str, FloatArray],
        persistence: list[Persistence],
        flat: Mapping[str, Note | str],
    ) -> list[PairCorrelation]:
        data = self.data
        out: list[PairCorrelation] = []
        kpis = self.frame.kpis
        for i, a in enumerate(kpis):
            for b in kpis[i + 1 :]:
                if data.size < MIN_ROWS:
                    note = Note(
                        "fit.note.correlation_few",
                        rows=Count(data.size, "row", "d", english_plural=True),
                        least=Num(MIN_ROWS, "d"),
                    )
                    out.append(
                        PairCorrelation(a, b, None, None, data.size, self.people, None, note)
                    )
                    continue
                if a in flat or b in flat:
                    same = a if a in flat else b
                    note = Note("fit.note.constant_correlation", kpi=same, within=flat[same])
                    out.append(
                        PairCorrelation(a, b, None, None, data.size, self.people, None, note)
                    )
                    continue
                za, zb = scores[a], scores[b]
                columns = np.stack([np.ones_like(za), za, zb, za * za, zb * zb, za * zb], axis=1)
                sums = st.per_person(data.person, columns, self.people)
                r = float(st.correlation_from_sums(sums.sum(axis=0)))
                rho = float(st.normal_to_rank(r))
                interval = None
                if self.reps:
                    boot = st.normal_to_rank(st.correlation_from_sums(self.weights @ sums))
                    low, high = _percentiles(boot)
                    interval = Interval(float(low), float(high))
                out.append(
                    PairCorrelation(a, b, rho, interval, data.size, self.people, round(rho, 2))
                )
        return _feasible(out, {p.kpi: p.written or 0.0 for p in persistence}, self.notes)

    # -- segments ------------------------------------------------------------------------------
    def _segment_fits(
        self, factors: Mapping[str, FloatArray], normal_r: Mapping[str, float]
    ) -> list[SegmentFit]:
        data, frame = self.data, self.frame
        out = []
        for g, name in enumerate(frame.segment_names):
            rows = np.flatnonzero(frame.segment == g)
            people, local = np.unique(data.person[rows], return_inverse=True)
            if people.size < MIN_SEGMENT_PEOPLE or rows.size < MIN_ROWS:
                self.notes.append(
                    Note(
                        "fit.note.segment_few",
                        name=Quoted(name),
                        people=Count(people.size, "person", "d"),
                        rows=Count(rows.size, "row", "d", english_plural=True),
                        least_people=Count(
                            MIN_SEGMENT_PEOPLE, "person", "d", genitive=True, english_plural=True
                        ),
                        least_rows=Count(MIN_ROWS, "row", "d", genitive=True, english_plural=True),
                    )
                )
                continue
            weights = st.people_weights(people.size, self.reps, self._rng("segment", name))
            marginals = []
            for kpi in frame.kpis:
                x = data.columns[kpi][rows]
                found = self._marginal(
                    kpi, name, x, factors[kpi][rows], rows, weights, normal_r[kpi], local
                )
                marginals.append(found)
            out.append(SegmentFit(name, rows.size, people.size, tuple(marginals)))
        return out

    # -- one distribution ------------------------------------------------------------------------
    def _marginal(
        self,
        kpi: str,
        segment: str | None,
        x: FloatArray,
        factor: FloatArray,
        rows: IntArray,
        weights: FloatArray,
        r: float,
        local: IntArray | None = None,
    ) -> MarginalFit:
        person = self.data.person[rows] if local is None else local
        people = int(person.max()) + 1 if person.size else 0
        present = np.unique(person).size
        notes: list[Note] = []
        kind = _kind(x, self.families)
        base = MarginalFit(kpi, segment, x.size, present, kind, None, None, None)
        if x.size < MIN_ROWS:
            note = Note(
                "fit.note.rows_few",
                rows=Count(x.size, "row", "d", english_plural=True),
                least=Num(MIN_ROWS, "d"),
            )
            return replace(base, notes=(note,))
        y = x / factor
        self.values[(kpi, segment)] = (x, factor)
        observed = tuple(float(v) for v in np.quantile(y, _Q, method="inverted_cdf"))
        lo, mid, hi = observed
        base = replace(base, observed=(lo, mid, hi))
        if np.ptp(x) == 0:
            value = float(x[0])
            note = Note("fit.note.constant")
            return replace(
                base,
                family="constant",
                best="constant",
                table={"type": "constant", "value": value},
                median=value,
                p10=value,
                p90=value,
                notes=(note,),
            )
        rng = self._rng("gof", kpi, segment or "")
        if kind == "counts":
            return self._counts(base, x, factor, person, people, weights, r, rng, notes)
        return self._continuous(base, y, person, people, weights, r, rng, notes)

    def _continuous(
        self,
        base: MarginalFit,
        y: FloatArray,
        person: IntArray,
        people: int,
        weights: FloatArray,
        r: float,
        rng: np.random.Generator,
        notes: list[Note],
    ) -> MarginalFit:
        pool = [f for f in (self.families or st.CONTINUOUS_FAMILIES) if f in st.CONTINUOUS_FAMILIES]
        candidates: list[Candidate] = []
        fitted: dict[str, tuple[float, ...]] = {}
        for name in pool:
            family = st.CONTINUOUS_FAMILIES[name]
            reason = family.reason(y)
            if reason is not None:
                candidates.append(Candidate(name, note=reason))
                continue
            theta = family.fit(y)
            ll = family.log_likelihood(y, theta)
            if not all(math.isfinite(t) for t in theta) or not math.isfinite(ll) or theta[1] <= 0:
                candidates.append(Candidate(name, note=Note("fit.note.not_converged")))
                continue
            fitted[name] = theta
            words = _words(family.table(*theta))
            candidates.append(Candidate(name, words, ll, len(theta) * math.log(y.size) - 2 * ll))
        ranked = sorted((c for c in candidates if c.bic is not None), key=lambda c: c.bic or 0.0)
        if not ranked:
            notes.append(Note("fit.note.no_family"))
            return self._empirical(base, y, person, weights, candidates, None, None, notes)
        best = ranked[0].family
        family = st.CONTINUOUS_FAMILIES[best]
        sub, sub_person = _subset(y, person, people, rng)
        test = st.ks_bootstrap(family, sub, sub_person, r, GOF_REPS, rng)
        if test.p_value < ALPHA:
            notes.append(Note("fit.note.ks_rejects", family=best, p=PValue(test.p_value)))
            return self._empirical(base, y, person, weights, candidates, best, test, notes)
        theta = fitted[best]
        table = _rounded(family.table(*theta))
        figures = family.ppf(_Q, *theta)
        boot = None
        if self.reps:
            sums = st.per_person(person, family.suff(y), people)
            counts = np.bincount(person, minlength=people).astype(np.float64)
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                refit = family.estimate(weights @ sums, weights @ counts)
                boot = family.ppf(_Q[None, :], *(t[:, None] for t in refit))
        return _chosen(base, best, best, table, candidates, test, figures, boot, notes)

    def _counts(
        self,
        base: MarginalFit,
        x: FloatArray,
        factor: FloatArray,
        person: IntArray,
        people: int,
        weights: FloatArray,
        r: float,
        rng: np.random.Generator,
        notes: list[Note],
    ) -> MarginalFit:
        stats = st._stats()
        pool = self.families or st.COUNT_FAMILIES
        lam = float(x.sum() / factor.sum())
        candidates: list[Candidate] = []
        if "poisson" in pool:
            ll = st.poisson_log_likelihood(x, lam * factor)
            candidates.append(Candidate("poisson", {"mean": lam}, ll, math.log(x.size) - 2 * ll))
        if "negative_binomial" in pool:
            found = st.negative_binomial_fit(x, lam * factor)
            if found is None:
                note = Note("fit.note.no_overdispersion")
                candidates.append(Candidate("negative_binomial", note=note))
            else:
                size, ll = found
                params = {"mean": lam, "size": size}
                bic = 2 * math.log(x.size) - 2 * ll
                candidates.append(Candidate("negative_binomial", params, ll, bic))
        ranked = sorted((c for c in candidates if c.bic is not None), key=lambda c: c.bic or 0.0)
        y = x / factor
        best = ranked[0].family if ranked else None
        wider = next((c for c in candidates if c.family == "negative_binomial" and c.bic), None)
        # Poisson unless its test rejects it: the test's bootstrap keeps a person's periods
        # together, where BIC takes them as independent and overrates extra spread
        sub, sub_person, sub_factor = _subset(x, person, people, rng, factor)
        rejected: st.GofResult | None = None
        if "poisson" in pool:
            test = st.chi2_poisson_bootstrap(sub, sub_factor, sub_person, r, GOF_REPS, rng)
            if test.p_value >= ALPHA:
                if best == "negative_binomial":
                    notes.append(Note("fit.note.poisson_kept"))
                figures = stats.poisson.ppf(_Q, lam)
                boot = None
                if self.reps:
                    sx = np.bincount(person, weights=x, minlength=people)
                    sf = np.bincount(person, weights=factor, minlength=people)
                    with np.errstate(divide="ignore", invalid="ignore"):
                        lam_b = (weights @ sx) / (weights @ sf)
                    boot = stats.poisson.ppf(_Q[None, :], lam_b[:, None])
                table = _rounded({"type": "poisson", "mean": lam})
                return _chosen(base, "poisson", best, table, candidates, test, figures, boot, notes)
            rejected = test
        if wider is None:  # no more spread than a Poisson's: nothing else to write
            if rejected is None:
                notes.append(Note("fit.note.no_family"))
            else:
                notes.append(Note("fit.note.chi2_rejects", p=PValue(rejected.p_value), wider=""))
            return self._empirical(base, y, person, weights, candidates, best, rejected, notes)
        # more spread than a Poisson's: a negative binomial, when its own test does not reject it
        size = wider.params["size"]
        shown = Num(size, ".3g")
        test = st.chi2_negative_binomial_bootstrap(sub, sub_factor, sub_person, r, GOF_REPS, rng)
        if test.p_value < ALPHA:
            if rejected is None:
                notes.append(Note("fit.note.chi2_rejects_nb", size=shown, p=PValue(test.p_value)))
            else:
                wide = Note("fit.note.chi2_wider", size=shown, p=PValue(test.p_value))
                notes.append(Note("fit.note.chi2_rejects", p=PValue(rejected.p_value), wider=wide))
            return self._empirical(base, y, person, weights, candidates, best, test, notes)
        if rejected is not None:
            notes.append(Note("fit.note.negative_binomial", p=PValue(rejected.p_value), size=shown))
        figures = stats.nbinom.ppf(_Q, size, size / (size + lam))
        boot = None
        if self.reps:
            boot = _nb_boot(x, factor, person, people, weights)
        table = _nb_table(lam, size)
        return _chosen(
            base, "negative_binomial", best, table, candidates, test, figures, boot, notes
        )

    def _empirical(
        self,
        base: MarginalFit,
        y: FloatArray,
        person: IntArray,
        weights: FloatArray,
        candidates: list[Candidate],
        best: str | None,
        test: st.GofResult | None,
        notes: list[Note],
    ) -> MarginalFit:
        whole = bool(np.all(y == np.round(y)))
        if base.kind == "counts" and not whole:
            notes.append(Note("fit.note.counts_divided"))
        if y.size <= EMPIRICAL_VALUES:
            values = np.sort(y)
        else:
            levels = (np.arange(EMPIRICAL_VALUES) + 0.5) / EMPIRICAL_VALUES
            values = np.quantile(y, levels, method="inverted_cdf")
            notes.append(
                Note(
                    "fit.note.quantiles",
                    quantiles=Count(
                        EMPIRICAL_VALUES, "quantile", "d", genitive=True, english_plural=True
                    ),
                    values=Count(y.size, "value", genitive=True, english_plural=True),
                )
            )
        shown = [float(v) if whole else _sig(float(v), 4) for v in values.tolist()]
        figures = np.quantile(y, _Q, method="inverted_cdf")
        boot = st.weighted_quantiles(y, person, weights, _Q) if self.reps else None
        table = {"type": "empirical", "values": shown}
        return _chosen(base, "empirical", best, table, candidates, test, figures, boot, notes)


# -- helpers -------------------------------------------------------------------------------------
def _kind(x: FloatArray, families: tuple[str, ...] | None) -> str:
    """``"counts"`` for whole numbers >= 0 that fill a range of whole numbers densely (sold
    cars, deals: not amounts that happen to be whole), or when only count families are asked
    for; ``"continuous"`` otherwise."""
    if families is not None:
        continuous = [f for f in families if f in st.CONTINUOUS_FAMILIES]
        counting = [f for f in families if f in st.COUNT_FAMILIES]
        if counting and not continuous:
            return "counts"
        if continuous and not counting:
            return "continuous"
    if not (np.all(x >= 0) and np.all(x == np.round(x))):
        return "continuous"
    span = float(x.max() - x.min()) + 1.0
    distinct = np.unique(x).size
    return "counts" if span <= 50 or distinct / span >= 0.3 else "continuous"


def _subset(
    values: FloatArray,
    person: IntArray,
    people: int,
    rng: np.random.Generator,
    factor: FloatArray | None = None,
) -> Any:
    """At most about :data:`GOF_ROWS` rows, of whole people drawn at random, with their person
    numbered from 0 (and their factors)."""
    if values.size > GOF_ROWS:
        order = rng.permutation(people)
        counts = np.bincount(person, minlength=people)[order]
        take = order[: int(np.searchsorted(np.cumsum(counts), GOF_ROWS)) + 1]
        rows = np.flatnonzero(np.isin(person, take))
    else:
        rows = np.arange(values.size)
    _, local = np.unique(person[rows], return_inverse=True)
    if factor is None:
        return values[rows], local
    return values[rows], local, factor[rows]


def _season_test(z: FloatArray, person: IntArray, poy: IntArray, per_year: int) -> float | None:
    """The F-test of a period-of-year effect on normal scores after each person's own level
    (the additive two-way model; a person's lasting level cannot pose as a season)."""
    people = int(person.max()) + 1
    n = np.bincount(person, minlength=people)
    mean = np.bincount(person, weights=z, minlength=people) / np.maximum(n, 1)
    e = z - mean[person]
    nt = np.bincount(poy, minlength=per_year)
    et = np.bincount(poy, weights=e, minlength=per_year) / np.maximum(nt, 1)
    season = float((nt * et * et).sum())
    residual = float((e * e).sum()) - season
    df1 = per_year - 1
    df2 = z.size - people - df1
    if df2 <= 0 or residual <= 0:
        return None
    stat = (season / df1) / (residual / df2)
    return float(st._stats().f.sf(stat, df1, df2))


def _consecutive(z: FloatArray, person: IntArray, periods: IntArray) -> float | None:
    order = np.lexsort((periods, person))
    p, t, s = person[order], periods[order], z[order]
    pair = (p[1:] == p[:-1]) & (t[1:] - t[:-1] == 1)
    if np.count_nonzero(pair) < MIN_ROWS:
        return None
    a, b = s[:-1][pair], s[1:][pair]
    r = float(np.corrcoef(a, b)[0, 1])
    return float(st.normal_to_rank(r)) if math.isfinite(r) else None


def _feasible(
    pairs: list[PairCorrelation], persistence: Mapping[str, float], notes: list[Note]
) -> list[PairCorrelation]:
    """The written correlations, made to hold together with the written persistences as the
    simulator's copula needs (a correlation beyond what two persistences allow is lowered)."""
    out = []
    for pair in pairs:
        if pair.written is None:
            out.append(pair)
            continue
        ra = float(st.rank_to_normal(persistence.get(pair.a, 0.0)))
        rb = float(st.rank_to_normal(persistence.get(pair.b, 0.0)))
        within = math.sqrt(ra * rb) + math.sqrt((1 - ra) * (1 - rb))
        most = float(st.normal_to_rank(within))
        if abs(pair.written) > most:
            lowered = math.copysign(math.floor(most * 100) / 100, pair.written)
            notes.append(
                Note(
                    "fit.note.correlation_lowered",
                    pair=f"{pair.a}:{pair.b}",
                    value=Num(pair.written, "g"),
                    a=Num(persistence.get(pair.a, 0.0), "g"),
                    b=Num(persistence.get(pair.b, 0.0), "g"),
                    lowered=Num(lowered, "g"),
                )
            )
            pair = replace(pair, written=lowered)
        out.append(pair)
    written = [p for p in out if p.written is not None]
    if len(written) > 2:
        names = list(dict.fromkeys(n for p in written for n in (p.a, p.b)))
        for _ in range(50):
            matrix = np.eye(len(names))
            for p in written:
                i, j = names.index(p.a), names.index(p.b)
                matrix[i, j] = matrix[j, i] = float(st.rank_to_normal(p.written))
            if np.linalg.eigvalsh(matrix)[0] >= 1e-9:
                break
            written = [replace(p, written=round((p.written or 0.0) * 0.95, 2)) for p in written]
        else:  # pragma: no cover - 50 shrinkings of 5% reach a valid matrix
            written = [replace(p, written=0.0) for p in written]
        if any(a.written != b.written for a, b in zip(written, out, strict=False)):
            notes.append(Note("fit.note.correlation_shrunk"))
        index = {(p.a, p.b): p for p in written}
        out = [index.get((p.a, p.b), p) for p in out]
    return out


def _percentiles(boot: FloatArray) -> tuple[Any, Any]:
    """The 2.5th and 97.5th percentiles of bootstrap values (along the first axis), each a
    value some resample gave (no interpolation between them: counts stay whole)."""
    with np.errstate(invalid="ignore"):
        low = np.nanpercentile(boot, 2.5, axis=0, method="lower")
        high = np.nanpercentile(boot, 97.5, axis=0, method="higher")
    return low, high


def _chosen(
    base: MarginalFit,
    family: str,
    best: str | None,
    table: dict[str, Any],
    candidates: list[Candidate],
    test: st.GofResult | None,
    figures: FloatArray,
    boot: FloatArray | None,
    notes: list[Note],
) -> MarginalFit:
    """``base`` with the written family: its table, its p10/median/p90 (``figures``) and their
    bootstrap intervals (from ``boot``, the figures per resample, when there is one)."""
    return replace(
        base,
        family=family,
        best=best,
        table=table,
        candidates=tuple(candidates),
        test=test,
        median=float(figures[1]),
        p10=float(figures[0]),
        p90=float(figures[2]),
        intervals=_intervals(boot) if boot is not None else {},
        notes=tuple(notes),
    )


def _intervals(boot: FloatArray) -> dict[str, Interval]:
    low, high = _percentiles(boot)
    return {
        name: Interval(float(a), float(b))
        for name, a, b in zip(("p10", "median", "p90"), low, high, strict=True)
    }


def _sig(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _rounded(table: Mapping[str, Any]) -> dict[str, Any]:
    """A distribution table with readable numbers: 4 significant digits for levels, 3 for
    shapes and spreads."""
    shapes = {"sigma", "shape", "a", "b", "sd", "cv"}
    return {
        k: v if k == "type" else _sig(float(v), 3 if k in shapes else 4) for k, v in table.items()
    }


#: Most the written negative binomial's shape (``n``, from its rounded ``mean`` and ``sd``) may
#: differ from the fitted size, relatively.
NB_SHAPE_TOLERANCE: Final = 0.005


def _nb_table(mean: float, size: float) -> dict[str, Any]:
    """The negative binomial of ``mean`` and ``size`` as the scheme writes it: ``mean`` to 4
    significant digits and ``sd`` to 3, as the other families are rounded, or to as many more
    as keep the shape it implies (``n = mean^2 / (sd^2 - mean)``) within
    :data:`NB_SHAPE_TOLERANCE` of ``size`` (near a Poisson, ``sd`` is just above
    ``sqrt(mean)`` and 3 digits would change the extra spread the test accepted)."""
    m = _sig(mean, 4)
    exact = math.sqrt(m + m * m / size)
    for digits in range(3, 13):
        sd = _sig(exact, digits)
        if sd * sd > m and abs(m * m / (sd * sd - m) / size - 1.0) <= NB_SHAPE_TOLERANCE:
            break
    else:  # pragma: no cover - 12 digits hold any size the fit finds (at most e^12)
        sd = exact
    return {"type": "negative_binomial", "mean": m, "sd": sd}


def _nb_boot(
    x: FloatArray, factor: FloatArray, person: IntArray, people: int, weights: FloatArray
) -> FloatArray:
    """The negative binomial's P10, median and P90 in each resample of the people (rows of
    ``weights``): its mean and size fitted again from the resample's counts of each value in
    each season."""
    stats = st._stats()
    sx = np.bincount(person, weights=x, minlength=people)
    sf = np.bincount(person, weights=factor, minlength=people)
    with np.errstate(divide="ignore", invalid="ignore"):
        lam = (weights @ sx) / (weights @ sf)
    levels, group = np.unique(factor, return_inverse=True)
    keys, pair = np.unique(x.astype(np.intp) * levels.size + group, return_inverse=True)
    # the resamples' counts of each (value, season): each row counts its person's weight
    from scipy.sparse import csr_matrix

    rows = csr_matrix((np.ones(x.size), (pair, person)), shape=(keys.size, people))
    counts = np.asarray((rows @ weights.T).T, dtype=np.float64)
    means = lam[:, None] * levels[keys % levels.size][None, :]
    with np.errstate(invalid="ignore"):
        size = st.negative_binomial_sizes((keys // levels.size).astype(np.float64), means, counts)
        p = size / (size + lam)
    return np.asarray(stats.nbinom.ppf(_Q[None, :], size[:, None], p[:, None]), dtype=np.float64)


def _words(table: Mapping[str, Any]) -> dict[str, float]:
    return {k: float(v) for k, v in table.items() if k != "type"}


def distribution_of(table: Mapping[str, Any], kpi: Kpi) -> Any:
    """The :class:`~motivsim.distributions.Distribution` a written table gives ``kpi`` (its
    ``min``/``max`` truncating it), as the scheme loader builds it."""
    try:
        return parse_distribution(
            dict(table),
            key=f"kpi.{kpi.name}.distribution",
            locate=lambda _: Location(key=f"kpi.{kpi.name}.distribution"),
            lower=kpi.min,
            upper=kpi.max,
        )
    except MotivsimError as exc:  # pragma: no cover - fitted tables are valid
        raise ArgumentError(f"the fitted distribution of {kpi.name!r}: {exc}") from None
