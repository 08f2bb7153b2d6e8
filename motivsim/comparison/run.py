"""Compare two pay schemes on the same KPI draws: who gains, who loses, and the largest cut."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks import CheckReport, submit_check
from motivsim.comparison.gate import Band, Gate, check_among, gate
from motivsim.comparison.history import HistoryComparison, compare_history
from motivsim.comparison.pairing import KpiSources, Run, TeamPlan, run_draw
from motivsim.comparison.paycut import PayCut, cut_shares, largest_cut_among
from motivsim.errors import ArgumentError, ArgumentTypeError, MotivsimError
from motivsim.frozen import frozen_mapping
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.sampling.draws import MAX_SAMPLES, MIN_SAMPLES
from motivsim.sampling.seeding import resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import DEFAULT_ROUNDING, currency_text, format_money
from motivsim.scheme.team import DEFAULT_SEGMENT
from motivsim.validation import check_executor, check_int

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from motivsim.scheme.model import Scheme
    from motivsim.scheme.roster import Person

__all__ = [
    "DEFAULT_SAMPLES",
    "SCHEMA",
    "ComparisonResult",
    "Estimate",
    "PayCut",
    "PersonChange",
    "SegmentChange",
    "compare",
]

#: Identifier of the JSON layout of :meth:`ComparisonResult.to_dict`.
SCHEMA: Final = "motivsim.compare/1"
#: Paired samples per segment when ``samples`` is not given.
DEFAULT_SAMPLES: Final = 20_000
#: Most rows evaluated per scheme: ways of paying a manager (a segment, or people with the
#: same parameters) times samples; a larger roster gets fewer samples (a note says so).
MAX_ROWS: Final = 10_000_000
#: Most parameter sets the largest-cut search runs for (those with the largest sampled cuts).
MAX_SEARCHES: Final = 20
#: People named in each list of the report's People section.
SHOWN_PEOPLE: Final = 10
#: Two-sided 95% normal quantile for the intervals.
_Z95: Final = 1.959963984540054
#: Pay differences smaller than half a cent count as "unchanged".
_SAME: Final = 0.005

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Estimate:
    """A Monte Carlo estimate with its 95% interval ``[low, high]``."""

    value: float
    low: float
    high: float

    def to_dict(self) -> dict[str, float]:
        """``{"value": ..., "low": ..., "high": ...}``."""
        return {"value": self.value, "low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class SegmentChange:
    """One segment of the team: mean pay per manager under each scheme, and the change."""

    name: str
    count: int
    old_mean: float
    new_mean: float
    change: Estimate
    better: float
    worse: float

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name,
            "count": self.count,
            "old_mean": self.old_mean,
            "new_mean": self.new_mean,
            "change": self.change.to_dict(),
            "better": self.better,
            "worse": self.worse,
        }


@dataclass(frozen=True, slots=True)
class PersonChange:
    """One person of the roster: their mean pay under each scheme on their segment's samples,
    paid with their own parameters, and the change.

    ``better``/``worse`` are the shares of their samples in which NEW pays more/less (by half a
    cent or more). ``over_max_cut`` (with a ``max_cut``, else ``None``) is the share of their
    samples in which they lose more than ``max_cut`` of their OLD pay (with ``among``: and their
    OLD pay lies in the band); they *fail* the gate (:attr:`fails`) when it is above 0.
    """

    name: str
    segment: str
    old_mean: float
    new_mean: float
    change: Estimate
    better: float
    worse: float
    over_max_cut: float | None = None

    @property
    def fails(self) -> bool:
        """Whether some of their samples lose more than ``max_cut`` (in the band, if any)."""
        return bool(self.over_max_cut)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name,
            "segment": self.segment,
            "old_mean": self.old_mean,
            "new_mean": self.new_mean,
            "change": self.change.to_dict(),
            "better": self.better,
            "worse": self.worse,
            "over_max_cut": self.over_max_cut,
        }


@dataclass(frozen=True, slots=True)
class ComparisonResult:
    """What changes from ``old`` to ``new`` for the same KPI draws (``str()`` is the report).

    ``currency`` and ``rounding`` are the new scheme's (its currency, or the old one's when it
    declares none, and its ``[scheme] rounding`` rule): how the report shows amounts.
    ``currency`` is ``None`` when the two schemes declare different currencies (compared only
    with ``allow_different_units``); ``units`` then labels the amounts of each scheme
    (``OLD in USD per year, NEW in RUB per month; not converted``), as it does when only the
    periods differ.

    ``people`` has one :class:`PersonChange` per person of the roster compared (OLD's, or
    NEW's when only NEW has one), in roster order; it is empty without a roster.
    ``samples`` is the number of paired samples per segment used: fewer than asked when a big
    roster would need more than :data:`MAX_ROWS` evaluations (a note says so).
    """

    old: str
    new: str
    currency: str | None
    samples: int
    seed: int
    segments: tuple[SegmentChange, ...]
    payroll_old: float
    payroll_new: float
    payroll_change: Estimate
    better: float
    worse: float
    largest_cut: PayCut | None
    shared_kpis: tuple[str, ...]
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    principles: Mapping[str, tuple[bool, bool]] | None = None
    max_cut: float | None = None
    rounding: str = DEFAULT_ROUNDING
    units: str | None = None
    over_max_cut: float | None = None
    among: Band | None = None
    #: Both plans replayed on actual history (``compare(..., history=...)``), else ``None``.
    history: HistoryComparison | None = None
    #: The language of the text report (the new scheme's; JSON keys stay English).
    language: str = DEFAULT_LANGUAGE
    people: tuple[PersonChange, ...] = ()

    def __post_init__(self) -> None:
        if self.principles is not None:
            object.__setattr__(self, "principles", frozen_mapping(self.principles))

    @property
    def changed(self) -> bool:
        """Whether any manager's pay differs in the samples or the search found a cut."""
        return self.better > 0 or self.worse > 0 or self.largest_cut is not None

    @property
    def gate_failed(self) -> bool:
        """Whether the ``max_cut`` gate fails: when a person of the :attr:`history` loses
        more than ``max_cut`` of their pay over it; with :attr:`among`, when a sampled manager
        in the band loses more than ``max_cut``; without it, when the largest cut found
        anywhere (:attr:`largest_cut`) is more than ``max_cut``."""
        if self.max_cut is None:
            return False
        if self.history is not None and self.history.failing:
            return True  # an actual person loses more than the gate allows
        if self.among is not None:
            return self.among.over > 0
        cut = self.largest_cut
        return cut is not None and cut.share > self.max_cut

    @property
    def gate_basis(self) -> str | None:
        """What decides the gate: ``"among"`` (the band), ``"largest_cut"``, or ``None``."""
        if self.max_cut is None:
            return None
        return "among" if self.among is not None else "largest_cut"

    @property
    def principle_changes(self) -> dict[str, tuple[bool, bool]]:
        """Principles whose verdict changed: name -> (passed under old, passed under new)."""
        return {k: v for k, v in (self.principles or {}).items() if v[0] != v[1]}

    def __str__(self) -> str:
        return "\n".join(_render(self))

    def to_dict(self) -> dict[str, Any]:
        """The same data as JSON-able types."""
        return {
            "schema": SCHEMA,
            "old": self.old,
            "new": self.new,
            "currency": self.currency,
            "units": self.units,
            "samples": self.samples,
            "seed": self.seed,
            "segments": [s.to_dict() for s in self.segments],
            "payroll": {
                "old": self.payroll_old,
                "new": self.payroll_new,
                "change": self.payroll_change.to_dict(),
            },
            "better": self.better,
            "worse": self.worse,
            "changed": self.changed,
            "largest_cut": None if self.largest_cut is None else self.largest_cut.to_dict(),
            "max_cut": self.max_cut,
            "gate_failed": self.gate_failed,
            "gate_basis": self.gate_basis,
            "over_max_cut": self.over_max_cut,
            "among": None if self.among is None else self.among.to_dict(),
            "history": None if self.history is None else self.history.to_dict(),
            "kpis": {
                "shared": list(self.shared_kpis),
                "only_old": list(self.only_old),
                "only_new": list(self.only_new),
            },
            "people": [p.to_dict() for p in self.people],
            "notes": list(self.notes),
            "principles": None
            if self.principles is None
            else {k: {"old": v[0], "new": v[1]} for k, v in self.principles.items()},
        }


# -- the comparison ----------------------------------------------------------------------------
def compare(
    old: Scheme | str | Path,
    new: Scheme | str | Path,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    max_cut: float | None = None,
    among: tuple[float, float] | None = None,
    principles: bool = True,
    allow_different_units: bool = False,
    history: Any = None,
    executor: Executor | None = None,
) -> ComparisonResult:
    """Compare two schemes on the same KPI draws (paired samples fed to both).

    KPIs are drawn from the old scheme's distributions (per team segment when it has
    ``[team]``); a KPI only the new scheme has is drawn from its own distribution, or held at
    its typical value, and the report says so. The largest pay cut is searched from the worst
    samples over each KPI's range (:mod:`motivsim.search.ranges`), then shrunk toward round numbers.

    Each segment's draws are paid by each scheme as that segment sees it (its ``params``), and
    with a roster (OLD's; NEW's when only NEW has one) every person is paid on their segment's
    draws with their own parameters; the other scheme pays them as its same person, else its
    segment of that name, else by its ``[params]``. The result then has a
    :class:`PersonChange` per person (:attr:`ComparisonResult.people`), and the largest-cut
    search runs for each distinct pair of parameter sets (at most :data:`MAX_SEARCHES`),
    naming the person or segment it is for. A roster paid many different ways gets fewer
    samples, so that at most :data:`MAX_ROWS` rows are evaluated per scheme (a note says so).

    Parameters
    ----------
    old, new : Scheme or path
        The schemes (or their TOML files).
    samples : int
        Paired draws per segment (fewer for a big roster: see above).
    seed : int, optional
        Seed of the draws (a fresh one, reported in the result, when ``None``).
    max_cut : float, optional
        The largest cut allowed, as a fraction of old pay (``0.05``): see
        :attr:`ComparisonResult.gate_failed`. The result also gives the share of the sampled
        managers who lose more (:attr:`ComparisonResult.over_max_cut`), and each person's
        (:attr:`PersonChange.over_max_cut`).
    among : (float, float), optional
        Gate only the sampled managers whose OLD pay lies between these percentiles, as
        fractions (``(0.10, 0.90)``: P10 to P90; see :mod:`motivsim.comparison.gate`). The
        largest cut found anywhere is still reported but no longer decides the gate. Needs
        ``max_cut``.
    principles : bool
        Also run ``motivsim check`` on both and report principles whose verdict changed.
    allow_different_units : bool
        Compare schemes that declare different currencies, as plain numbers (nothing is
        converted; each scheme's amounts are labelled with its own currency). Without it such a
        comparison raises :class:`~motivsim.errors.ArgumentError`. Different periods are
        always allowed (period names are free text) and always reported in the notes.
    history : CSV path, list of dicts or DataFrame, optional
        Actual history (see :func:`motivsim.replay`): both plans are also replayed on it,
        person by person (:mod:`motivsim.comparison.history`); with ``max_cut``, a person
        whose pay over it falls by more fails the gate too.
    executor : concurrent.futures.Executor, optional
        Where the principle checks of both schemes run (``principles``, most of the work): each
        principle of each scheme is one task, all submitted at once before the paired draws
        are paid here (a ``ProcessPoolExecutor``, or a Dask cluster's
        ``distributed.Client(...).get_executor()``: see :mod:`motivsim.simulation.cluster`).
        The result is the same, bit for bit, as without one.

    Examples
    --------
    >>> import motivsim
    >>> result = motivsim.compare("schemes/dealership.toml", "schemes/dealership.toml", seed=1)
    >>> result.changed, result.payroll_change.value
    (False, 0.0)
    """
    old_s, new_s = as_scheme(old, "old"), as_scheme(new, "new")
    samples = _check_samples(samples)
    _check_units(old_s, new_s, allow_different_units)
    if max_cut is not None and (
        isinstance(max_cut, bool) or not isinstance(max_cut, int | float) or not 0 <= max_cut < 1
    ):
        raise ArgumentError(
            f"max_cut must be a fraction of pay in [0, 1), e.g. 0.05; got {max_cut!r}"
        )
    if among is not None:
        among = check_among(among)
        if max_cut is None:
            raise ArgumentError(
                "among=... selects whom the max_cut gate applies to; give max_cut too, "
                "e.g. compare(old, new, max_cut=0.05, among=(0.10, 0.90))"
            )
    executor = check_executor(executor)
    seed = resolve_seed(seed)
    plan = KpiSources.of(old_s, new_s)
    team = TeamPlan.of(old_s, new_s)
    used = _fit_samples(samples, team.units)
    notes = list(team.notes)
    if used < samples:
        notes.append(
            f"the team is paid {team.units:,} different ways (people or segments with parameters "
            f"of their own): {used:,} paired samples per segment instead of {samples:,}, to "
            f"keep to {MAX_ROWS:,} evaluations per scheme"
        )
    checks = _start_principles(old_s, new_s, used, seed, executor) if principles else None
    runs = [run for draw in team.draws for run in run_draw(old_s, plan, draw, used, seed)]
    cut, searched = _largest_cut(old_s, new_s, runs, max_cut)
    notes += searched
    verdicts, why = _principles(checks, new_s.language) if checks is not None else (None, None)
    if why is not None:
        notes.append(why)
    plan = replace(plan, notes=(*plan.notes, *notes))
    currency = (
        None if _different(old_s.currency, new_s.currency) else new_s.currency or old_s.currency
    )
    seen = None if max_cut is None else gate(runs, max_cut, among, currency, new_s.rounding)
    order = (old_s if team.source == "OLD" else new_s).team.people
    result = _result(old_s, new_s, plan, runs, cut, used, seed, max_cut, verdicts, seen, order)
    if history is None:
        return result
    return replace(result, history=compare_history(old_s, new_s, history, max_cut=max_cut))


def _fit_samples(samples: int, units: int) -> int:
    """``samples``, or fewer (a multiple of 100, at least 100) so that ``units`` ways of paying
    times the samples stay within :data:`MAX_ROWS`."""
    if units * samples <= MAX_ROWS:
        return samples
    return max(100, MAX_ROWS // units // 100 * 100)


def _largest_cut(
    old: Scheme, new: Scheme, runs: list[Run], max_cut: float | None
) -> tuple[PayCut | None, list[str]]:
    """The largest cut over the parameter sets of the team (see :func:`largest_cut_among`):
    one search per distinct pair of OLD's and NEW's parameters, for at most
    :data:`MAX_SEARCHES` of them (those whose samples show the largest cuts)."""
    groups: dict[Any, list[Run]] = {}
    for run in runs:
        groups.setdefault(run.view.key, []).append(run)
    sampled = {
        key: max(float(cut_shares(r.old_pay, r.new_pay).max()) for r in rs)
        for key, rs in groups.items()
    }
    ranked = sorted(groups, key=lambda key: -sampled[key])  # stable: the team's order on ties
    chosen = ranked[:MAX_SEARCHES]
    scheme_key = (tuple(old.params.items()), tuple(new.params.items()))
    cases: list[tuple[Scheme, Scheme, str, str | None]] = []
    for key in chosen:
        first = groups[key][0].view
        if key == scheme_key and first.person is None and len(groups[key]) > 1:
            cases.append((old, new, "any segment", None))  # segments paid alike
        else:
            cases.append((first.old, first.new, first.segment, first.person))
    notes = []
    if len(ranked) > len(chosen):
        notes.append(
            f"the largest-cut search ran for the {len(chosen)} of {len(ranked):,} parameter "
            "sets (people or segments) whose samples lose most"
        )
    return largest_cut_among(cases, max_cut=max_cut), notes


def _check_units(old: Scheme, new: Scheme, allow: object) -> None:
    """Refuse two schemes in different currencies unless ``allow`` (see :func:`compare`)."""
    if not isinstance(allow, bool):
        raise ArgumentTypeError(f"allow_different_units must be True or False, got {allow!r}")
    if _different(old.currency, new.currency) and not allow:
        raise ArgumentError(
            f"OLD pays in {old.currency}{_per(old)} and NEW in {new.currency}{_per(new)}: "
            "the amounts cannot be compared without converting one of them",
            hint="convert one scheme to the other's currency, or pass "
            "allow_different_units=True (compare --allow-different-units) to compare the "
            "numbers as they are",
        )


def _different(a: str | None, b: str | None) -> bool:
    """Whether two declared currencies or periods differ (an undeclared one never does)."""
    return bool(a and b and a.strip().casefold() != b.strip().casefold())


def _per(scheme: Scheme, language: str = DEFAULT_LANGUAGE) -> str:
    if not scheme.period:
        return ""
    w = words(language)
    return " " + w("per", period=w.period(scheme.period).accusative)


def _units(old: Scheme, new: Scheme) -> str | None:
    """The label of amounts when the schemes' currencies or periods differ, else ``None``."""
    if not (_different(old.currency, new.currency) or _different(old.period, new.period)):
        return None

    w = words(new.language)

    def unit(scheme: Scheme) -> str:
        currency = currency_text(scheme.currency, new.language) if scheme.currency else None
        return (currency or w("statement.amounts")) + _per(scheme, new.language)

    return w("cmp.units", old=unit(old), new=unit(new))


def _check_samples(samples: Any) -> int:
    return check_int("samples", samples, least=100, most=10**7, noun="an integer")


# -- summary -----------------------------------------------------------------------------------
def _estimate(diff: FloatArray, weight: float = 1.0) -> tuple[float, float]:
    """Mean and standard error of ``weight * mean(diff)``."""
    mean = float(diff.mean())
    se = float(diff.std(ddof=1) / math.sqrt(diff.size)) if diff.size > 1 else 0.0
    return weight * mean, weight * se


def _interval(value: float, se: float) -> Estimate:
    return Estimate(value, value - _Z95 * se, value + _Z95 * se)


def _result(
    old: Scheme,
    new: Scheme,
    plan: KpiSources,
    runs: list[Run],
    cut: PayCut | None,
    samples: int,
    seed: int,
    max_cut: float | None,
    principles: dict[str, tuple[bool, bool]] | None,
    seen: Gate | None,
    order: tuple[Person, ...],
) -> ComparisonResult:
    segments, payroll_old, payroll_new = [], 0.0, 0.0
    better = worse = 0.0
    # segments are drawn from the same random numbers (paired samples across segments too), so
    # the payroll change's error comes from the per-sample payroll change, not from a sum of
    # independent errors
    payroll_diff = np.zeros(samples)
    managers = sum(run.count for run in runs)
    by_segment: dict[str, list[Run]] = {}
    people: dict[str, PersonChange] = {}
    for i, run in enumerate(runs):
        by_segment.setdefault(run.segment, []).append(run)
        diff = run.new_pay - run.old_pay
        up, down = float(np.mean(diff > _SAME)), float(np.mean(diff < -_SAME))
        payroll_diff = payroll_diff + run.count * diff
        payroll_old += run.count * float(run.old_pay.mean())
        payroll_new += run.count * float(run.new_pay.mean())
        better += run.count * up / managers
        worse += run.count * down / managers
        if run.view.people:
            change = _interval(*_estimate(diff))
            over = None if seen is None else seen.runs[i]
            old_mean, new_mean = float(run.old_pay.mean()), float(run.new_pay.mean())
            for name in run.view.people:
                people[name] = PersonChange(
                    name, run.segment, old_mean, new_mean, change, up, down, over
                )
    for name, alike in by_segment.items():
        count = sum(r.count for r in alike)
        diffs = [r.new_pay - r.old_pay for r in alike]
        diff = _mean_of(diffs, alike)
        # each manager's own samples decide whether they gain or lose (not the segment's mean)
        shares = [(float(np.mean(d > _SAME)), float(np.mean(d < -_SAME))) for d in diffs]
        up, down = shares[0]
        if len(alike) > 1:
            up = sum(r.count * s[0] for r, s in zip(alike, shares, strict=True)) / count
            down = sum(r.count * s[1] for r, s in zip(alike, shares, strict=True)) / count
        segments.append(
            SegmentChange(
                name,
                count,
                float(_mean_of([r.old_pay for r in alike], alike).mean()),
                float(_mean_of([r.new_pay for r in alike], alike).mean()),
                _interval(*_estimate(diff)),
                up,
                down,
            )
        )
    return ComparisonResult(
        old=old.name,
        new=new.name,
        currency=None if _different(old.currency, new.currency) else new.currency or old.currency,
        samples=samples,
        seed=seed,
        segments=tuple(segments),
        payroll_old=payroll_old,
        payroll_new=payroll_new,
        payroll_change=_interval(*_estimate(payroll_diff)),
        better=better,
        worse=worse,
        largest_cut=cut,
        shared_kpis=plan.shared,
        only_old=plan.only_old,
        only_new=plan.only_new,
        notes=plan.notes + _currency_note(old, new),
        principles=principles,
        max_cut=max_cut,
        rounding=new.rounding,
        units=_units(old, new),
        over_max_cut=None if seen is None else seen.over,
        among=None if seen is None else seen.band,
        people=tuple(people[p.name] for p in order if p.name in people),
        language=new.language,
    )


def _mean_of(arrays: list[FloatArray], runs: list[Run]) -> FloatArray:
    """Per sample, the mean over the managers of ``runs`` (each array stands for ``count``)."""
    if len(arrays) == 1:
        return arrays[0]
    total = sum(r.count for r in runs)
    out = np.zeros_like(arrays[0])
    for array, run in zip(arrays, runs, strict=True):
        out += run.count * array
    return out / total


#: The principle checks of OLD and NEW, started (:func:`_start_principles`), or the error that
#: stopped one from starting.
_Checks = tuple[Callable[[], CheckReport], Callable[[], CheckReport]] | MotivsimError


def _start_principles(
    old: Scheme, new: Scheme, samples: int, seed: int, executor: Executor | None
) -> _Checks:
    """Start the principle checks of both schemes (on ``executor``: all their parts at once)."""
    n = min(max(samples, MIN_SAMPLES), MAX_SAMPLES)
    try:
        before = submit_check(old, samples=n, seed=seed, warnings=False, executor=executor)
        after = submit_check(new, samples=n, seed=seed, warnings=False, executor=executor)
    except MotivsimError as exc:
        return exc
    return before, after


def _principles(
    checks: _Checks, language: str
) -> tuple[dict[str, tuple[bool, bool]] | None, str | None]:
    """Each principle's verdict under both schemes, or ``None`` and why check cannot run."""
    try:
        if isinstance(checks, MotivsimError):
            raise checks
        before, after = checks[0](), checks[1]()
    except MotivsimError as exc:
        return None, words(language)("cmp.principles.error", error=exc.message)
    verdicts = {r.name: r.passed for r in after.results}
    return {
        r.name: (r.passed, verdicts[r.name]) for r in before.results if r.name in verdicts
    }, None


# -- the text report ---------------------------------------------------------------------------
def _currency_note(old: Scheme, new: Scheme) -> tuple[str, ...]:
    """Warnings when the two schemes declare different currencies (amounts are not converted)
    or different periods (a pay per year is not comparable with a pay per month)."""
    w = words(new.language)
    notes: tuple[str, ...] = ()
    if _different(old.currency, new.currency):
        notes += (w("cmp.note.currency", old=old.currency, new=new.currency),)
    if _different(old.period, new.period):
        notes += (w("cmp.note.period", old=old.period, new=new.period),)
    remember = [label for label, plan in (("OLD", old), ("NEW", new)) if plan.needs]
    if remember:  # the paired samples are one period each, a person's first
        notes += (w("cmp.note.memory", which=w.join(remember)),)
    return notes


def _signed(value: float, rounding: str, language: str = DEFAULT_LANGUAGE) -> str:
    text = format_money(abs(value), None, rounding, language)
    return ("−" if value < -_SAME else "+" if value > _SAME else "") + text


def _render(r: ComparisonResult) -> list[str]:
    lang = r.language
    w = words(lang)
    currency = currency_text(r.currency, lang) if r.currency else None
    unit = f" ({r.units})" if r.units else f" ({currency})" if currency else ""

    def money(value: float) -> str:  # the currency is in the table's heading
        return format_money(value, None, r.rounding, lang)

    def signed(value: float) -> str:
        return _signed(value, r.rounding, lang)

    lines = [
        w("cmp.head", old=w("quoted", name=r.old), new=w("quoted", name=r.new)),
        w("cmp.samples", samples=w.count(r.samples, "paired_sample"), seed=r.seed),
        "",
        w("cmp.expected", unit=unit),
    ]
    shown = {
        s.name: w("segment.everyone") if s.name == DEFAULT_SEGMENT else s.name for s in r.segments
    }
    width = max(len(name) for name in shown.values()) + 6
    lines.append(
        f"  {w('cmp.col.segment'):<{width}} {w('cmp.col.old'):>14} {w('cmp.col.new'):>14}   "
        + w("cmp.col.change", level=w.pct(0.95, 0))
    )
    for s in r.segments:
        c = s.change
        name = shown[s.name]
        lines.append(
            f"  {f'{name} ({s.count})':<{width}} {money(s.old_mean):>14} "
            f"{money(s.new_mean):>14}   {signed(c.value)} [{signed(c.low)}, "
            f"{signed(c.high)}]{_pct(c.value, s.old_mean, lang)}"
        )
    c = r.payroll_change
    lines += [
        f"  {w('cmp.total'):<{width}} {money(r.payroll_old):>14} {money(r.payroll_new):>14}"
        f"   {signed(c.value)} [{signed(c.low)}, {signed(c.high)}]"
        f"{_pct(c.value, r.payroll_old, lang)}",
        "",
        w(
            "cmp.shares",
            better=w.pct(r.better),
            worse=w.pct(r.worse),
            same=w.pct(max(0.0, 1 - r.better - r.worse)),
        ),
    ]
    if r.largest_cut is None:
        lines.append(w("cmp.no_cut"))
    else:
        lines.append(w("cmp.cut", whom=_whom(r.largest_cut, lang), cut=r.largest_cut))
    if r.max_cut is not None:
        lines += _gate_lines(r)
    if r.people:
        lines += ["", *_people_lines(r, width)]
    if r.history is not None:
        lines += ["", str(r.history)]
    lines += ["", w("cmp.kpis", names=", ".join(r.shared_kpis) or w("cmp.kpis.none"))]
    lines += [w("cmp.note", note=note) for note in r.notes]

    def verdict(passed: bool) -> str:
        return w("verdict.pass" if passed else "verdict.fail")

    if r.principles is None:
        lines.append(w("cmp.principles.none"))
    elif r.principle_changes:
        lines += [w("cmp.principles.changed")] + [
            w(
                "cmp.principles.change",
                name=_principle_name(name, lang),
                a=verdict(a),
                b=verdict(b),
            )
            for name, (a, b) in r.principle_changes.items()
        ]
    else:
        held = ", ".join(
            w("cmp.principles.item", name=_principle_name(k, lang), verdict=verdict(a))
            for k, (a, _) in r.principles.items()
        )
        lines.append(w("cmp.principles.same", shown=held))
    if not r.changed:
        lines += ["", w("cmp.no_change")]
    lines.append(w("exactness"))
    return lines


def _principle_name(name: str, language: str) -> str:
    """``ratio`` (English: the check's name); Russian ``разница в оплате``."""
    if language == DEFAULT_LANGUAGE:
        return name
    return words(language).get(f"principle.short.{name}", name)


def _gate_lines(r: ComparisonResult) -> list[str]:
    """The gate's verdict, and the share of sampled managers who lose more than it allows."""
    assert r.max_cut is not None
    lang = r.language
    w = words(lang)
    verdict = w("cmp.fail" if r.gate_failed else "cmp.pass")
    limit = w.localize(f"{r.max_cut * 100:g}%")
    band = r.among
    if r.over_max_cut is not None:
        lines = [w("cmp.gate.over", limit=limit, share=w.pct(r.over_max_cut))]
    else:
        lines = []
    if band is None:
        share = r.largest_cut.share if r.largest_cut else 0.0
        return [
            *lines,
            w(
                "cmp.gate",
                limit=limit,
                verdict=verdict,
                share=w.pct(share),
                allowed=w.pct(r.max_cut),
            ),
        ]
    if band.people:
        lines.append(
            w(
                "cmp.among",
                band=band.label,
                low=format_money(band.old_pay_low, None, r.rounding, lang),
                high=format_money(band.old_pay_high, None, r.rounding, lang),
                people=w.pct(band.people),
                over=w.pct(band.over),
                limit=limit,
            )
        )
    else:
        lines.append(w("cmp.among.none", band=band.label))
    if band.worst is not None:
        lines.append(
            w("cmp.among.worst", band=band.label, whom=_whom(band.worst, lang), cut=band.worst)
        )
    worst = band.worst.share if band.worst else 0.0
    lines.append(
        w(
            "cmp.gate.among",
            limit=limit,
            band=band.label,
            verdict=verdict,
            worst=w.pct(worst),
            allowed=w.pct(r.max_cut),
        )
    )
    return lines


def _whom(cut: PayCut, language: str = DEFAULT_LANGUAGE) -> str:
    """`` for Anna Petrova (experienced)``, `` for segment 'SMB'``, or ``""`` (everyone)."""
    w = words(language)
    if cut.person is not None:
        return w("cmp.whom.person", person=cut.person, segment=cut.segment)
    if cut.segment in (DEFAULT_SEGMENT, "any segment"):
        return ""
    return w("cmp.whom.segment", segment=w("quoted", name=cut.segment))


def _people_lines(r: ComparisonResult, width: int) -> list[str]:
    """The People section: who loses on average, who loses most, who fails the gate."""
    lang = r.language
    w = words(lang)
    people = r.people
    n = len(people)
    losing = sorted((p for p in people if p.change.value < -_SAME), key=lambda p: p.change.value)
    gaining = sum(p.change.value > _SAME for p in people)
    lines = [
        w("cmp.people", n=w.num(n, ",")),
        w(
            "cmp.people.counts",
            losing=_count(len(losing), n, lang),
            gaining=_count(gaining, n, lang),
            same=_count(n - len(losing) - gaining, n, lang),
        ),
    ]
    if losing:
        label = max(len(f"{p.name} ({p.segment})") for p in losing[:SHOWN_PEOPLE])
        size = max(width - 2, label)
        lines.append(
            f"    {w('cmp.people.most'):<{size}} {w('cmp.col.old'):>14} {w('cmp.col.new'):>14}   "
            + w("cmp.col.change", level=w.pct(0.95, 0))
        )
        for p in losing[:SHOWN_PEOPLE]:
            c = p.change
            lines.append(
                f"    {f'{p.name} ({p.segment})':<{size}} "
                f"{format_money(p.old_mean, None, r.rounding, lang):>14} "
                f"{format_money(p.new_mean, None, r.rounding, lang):>14}   "
                f"{_signed(c.value, r.rounding, lang)} [{_signed(c.low, r.rounding, lang)}, "
                f"{_signed(c.high, r.rounding, lang)}]{_pct(c.value, p.old_mean, lang)}"
            )
        if len(losing) > SHOWN_PEOPLE:
            lines.append(w("cmp.people.more", n=w.num(len(losing) - SHOWN_PEOPLE, ",")))
    if r.max_cut is None:
        return lines
    limit = w.localize(f"{r.max_cut * 100:g}%")
    where = w("cmp.people.where", band=r.among.label) if r.among is not None else ""
    failing = sorted((p for p in people if p.fails), key=lambda p: -(p.over_max_cut or 0.0))
    if not failing:
        lines.append(w("cmp.people.nobody", limit=limit, where=where))
        return lines
    lines.append(
        w("cmp.people.failing", limit=limit, where=where, count=_count(len(failing), n, lang))
    )
    lines += [
        w("cmp.people.fail", name=p.name, segment=p.segment, share=w.pct(p.over_max_cut or 0.0))
        for p in failing[:SHOWN_PEOPLE]
    ]
    if len(failing) > SHOWN_PEOPLE:
        lines.append(w("cmp.people.fail_more", n=w.num(len(failing) - SHOWN_PEOPLE, ",")))
    return lines


def _count(k: int, n: int, language: str = DEFAULT_LANGUAGE) -> str:
    """``3 of 8`` (``none`` for 0, ``all 8`` when everybody)."""
    w = words(language)
    if k == 0:
        return w("cmp.count.none")
    if k == n and n > 1:
        return w("cmp.count.all", n=w.num(n, ","))
    return w("cmp.count.some", k=w.num(k, ","), n=w.num(n, ","))


def _pct(change: float, base: float, language: str = DEFAULT_LANGUAGE) -> str:
    """`` (−5.7%)``; two significant digits below 0.1% (`` (−0.048%)``); ``""`` for no change."""
    if not base or abs(change) <= _SAME:
        return ""
    pct = change / abs(base) * 100
    text = f"{abs(pct):.1f}" if abs(pct) >= 0.1 else f"{abs(pct):.2g}"
    return words(language).localize(f" ({'−' if pct < 0 else '+'}{text}%)")
