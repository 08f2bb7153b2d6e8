"""The search behind ``tune``: candidate plans paid on common random numbers, a grid and
a refinement, rounding, and the figures of the plan found from a fresh seed.

Common random numbers
---------------------
The KPIs are drawn once (:class:`Draws`) and every candidate plan (``scheme.with_params``) is
paid on the same draws, vectorised (``candidate.evaluate(draws)``). A scheme without a team
is drawn as principle 1 draws it (the ``[kpi]`` distributions, stream
:data:`~motivsim.sampling.seeding.STREAM_RATIO` of the seed): a candidate's ratio is then
exactly :func:`motivsim.checks.ratio.measure`'s for those samples and seed. A team is drawn
segment by segment with the simulator's sampler (:func:`motivsim.simulation.sample_kpis`),
each manager paid by their segment's (or their own) parameters. Principle 3's share is
Jansen's total-order index of the uncontrollable KPIs on one fixed Sobol' design. The
figures of a candidate are then smooth where pay is smooth in the parameters (a base, a rate)
and piecewise constant where a parameter moves a threshold (a plan, a tier edge): in both
cases the same candidate always gets the same figures.

Search
------
With a target cost, one varied parameter, the *lever* (the one the cost moves most with), is
solved for the cost with :func:`scipy.optimize.brentq` for any values of the others. The
other parameters are searched over a grid: in one dimension, the feasible intervals are found
on the grid and their ends bisected, and the point of each interval closest to the current
parameters is found with :func:`scipy.optimize.minimize_scalar`; in more, the best grid
points are refined with Nelder-Mead on the distance plus a penalty for every constraint
missed. Among the plans meeting every constraint, the one closest to the current parameters
(relative distance) is chosen, then rounded (:class:`~motivsim.tuning.spec.Varied` ``step``).

On an executor
--------------
With ``tune(..., executor=)`` the independent parts go to it as tasks: the out-of-sample
figures of the plan before (started at once, computed while the search runs) and after
(``check``'s principle tasks, :func:`motivsim.checks.submit_check`, and ``simulate``'s cost,
one task each), and every batch of candidates the search evaluates independently of each
other (:meth:`_Search.batch`): the grid of one or several dimensions (each point with its
lever solved), the ends of the feasible intervals, the intervals' closest points, and the
Nelder-Mead refinements from the grid's best points. A task carries the search's state (its
candidates so far; not the draws: a worker draws them again from the seed, once,
:func:`_drawn`) and returns what it found and the candidates it evaluated, merged back in the
order the batch lists them. What needs the step before (a bisection, the lever's root, a
simplex) stays in order within one task; the current plan's figures, the choice of the lever,
the roundings (a few evaluations of milliseconds each) and the fresh shares reaching are
computed here. Every candidate's figures are a function of its parameters and the seed alone,
so the result is the same, bit for bit, with or without an executor, whatever its workers.
"""

from __future__ import annotations

import itertools
import math
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.checks import DEFAULT_SAMPLES as CHECK_SAMPLES
from motivsim.checks import CheckReport, Task, submit_check, submit_tasks
from motivsim.checks.complexity import measure as complexity_of
from motivsim.checks.control import base_rows
from motivsim.checks.ratio import GroupStats, has_team, needs_of, plan_met_of, plan_ratio
from motivsim.checks.targets import plan_level
from motivsim.errors import ArgumentError, EvaluationError, MotivsimError
from motivsim.i18n import words
from motivsim.sampling.draws import (
    MAX_SAMPLES,
    MIN_SAMPLES,
    draw_kpis,
    require_distributions,
)
from motivsim.sampling.seeding import STREAM_RATIO, resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.simulation import sample_kpis, simulate
from motivsim.tuning.result import Figures, Outcome, TuneResult, build_result, describe_binding
from motivsim.tuning.spec import (
    DEFAULT_TOLERANCE,
    ReachRule,
    ShareRule,
    Target,
    Varied,
    keep_names,
    reach_rules,
    share_rule,
    target_of,
    varied_ranges,
)
from motivsim.validation import check_executor, check_int, is_real

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from motivsim.scheme.model import Scheme

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_SAMPLES",
    "STREAM_TUNE_CONTROL",
    "Draws",
    "Point",
    "tune",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Manager-periods the search pays every candidate on.
DEFAULT_SAMPLES: Final = 100_000
#: Standard errors of ``check``'s figure (at its sample size) by which the tuned plan clears
#: principles 1 and 3, so that ``check`` passes with another seed too (about 98% of seeds).
DEFAULT_MARGIN: Final = 2.0
#: The stream of the seed for principle 3's Sobol' design in the search.
STREAM_TUNE_CONTROL: Final = 0x7E02
#: The coarse grid is paid on this share of the draws (the refinement on all of them).
_COARSE: Final = 0.25
#: Grid points per searched dimension (without the lever's), by number of dimensions.
_GRID: Final = {1: 33, 2: 11, 3: 6}
#: A constraint missed costs this much more than any distance (Nelder-Mead's penalty).
_PENALTY: Final = 10.0
_WORD: Final = re.compile(r"[^\W\d]\w*")
#: A penalty for a plan whose figures cannot be measured (nobody meets the plan, say).
_UNMEASURABLE: Final = 5.0
#: Most tasks a batch of independent candidates is cut into on an executor (consecutive
#: candidates per task, to spread the work over the workers without a task per candidate);
#: the result does not depend on it.
_TASKS: Final = 8
#: Search draws kept per process (a worker draws a tune's once, by its recipe's token).
_DRAWN_SIZE: Final = 4


@dataclass(frozen=True, slots=True)
class Point:
    """A candidate's figures on the search draws.

    ``se_log_ratio`` and ``se_uncontrollable`` are the standard errors ``check``'s figures
    would have at its sample size (for the margin); ``finite`` is false when some pay is not a
    finite number.
    """

    theta: tuple[Fraction, ...]
    ratio: float | None
    se_log_ratio: float
    share_met: float | None
    payroll: float
    cost_of_sales: float | None
    uncontrollable: float | None
    se_uncontrollable: float
    se_share: float = 0.0
    se_cost: float = 0.0
    finite: bool = True
    error: str | None = None
    #: The share reaching each rule's attainment of the plan (``None``: the plan's level
    #: cannot be found), in the order of the rules, and each one's standard error.
    reach: tuple[float | None, ...] = ()
    se_reach: tuple[float, ...] = ()

    @classmethod
    def failed(cls, theta: tuple[Fraction, ...], error: str) -> Point:
        """A candidate that cannot be paid (a derived parameter divides by zero, say)."""
        return cls(theta, None, 0.0, None, math.nan, None, None, 0.0, finite=False, error=error)


@dataclass
class _Cell:
    """Manager-periods paid by one set of parameters: the scheme's own (``key`` ``None``), a
    segment's (``("segment", name)``) or a person's (``("person", name)``)."""

    key: tuple[str, str] | None
    values: dict[str, FloatArray]
    managers: int
    revenue: FloatArray | None
    met: dict[Any, BoolArray] = field(default_factory=dict)

    def head(self, share: float) -> _Cell:
        n = len(next(iter(self.values.values())))
        m = max(1, int(n * share))
        revenue = None if self.revenue is None else self.revenue[:m]
        return _Cell(self.key, {k: v[:m] for k, v in self.values.items()}, self.managers, revenue)


@dataclass
class _Design:
    """A fixed Sobol' design for Jansen's total-order index of the uncontrollable KPIs."""

    values: dict[str, FloatArray]
    rows: int
    check_rows: int


@dataclass(frozen=True, slots=True)
class _Recipe:
    """The arguments :class:`Draws` were drawn from (the same ones draw the same numbers),
    and a token naming them in a worker's cache."""

    scheme: Scheme
    samples: int
    seed: int
    check_samples: int
    control: bool
    reach: tuple[float, ...]
    token: str = field(default_factory=lambda: uuid.uuid4().hex)


_DRAWN: dict[str, Draws] = {}


def _drawn(recipe: _Recipe, cut: tuple[float, ...] = ()) -> Draws:
    """The draws of ``recipe`` (cut to the shares ``cut``, :meth:`Draws.head`), drawn once
    per process: how a task's draws are unpickled in a worker."""
    draws = _DRAWN.get(recipe.token)
    if draws is None:
        draws = Draws(
            recipe.scheme,
            samples=recipe.samples,
            seed=recipe.seed,
            check_samples=recipe.check_samples,
            control=recipe.control,
            reach=recipe.reach,
        )
        draws.recipe = recipe
        while len(_DRAWN) >= _DRAWN_SIZE:
            _DRAWN.pop(next(iter(_DRAWN)), None)
        _DRAWN[recipe.token] = draws
    for share in cut:
        draws = draws.head(share)
    return draws


class Draws:
    """The common random numbers: KPI draws of every manager-period, and how each is paid.

    ``figures(candidate)`` pays the candidate plan on them and measures what the constraints
    need (:class:`Point`).
    """

    def __init__(
        self,
        scheme: Scheme,
        *,
        samples: int,
        seed: int,
        check_samples: int,
        control: bool,
        reach: tuple[float, ...] = (),
    ) -> None:
        self.recipe = _Recipe(scheme, samples, seed, check_samples, control, reach)
        self.cut: tuple[float, ...] = ()
        self.scheme = scheme
        self.reach = reach
        self.levels: dict[Any, tuple[str, float] | None] = {}
        self.team = has_team(scheme)
        self.managers = scheme.team.size if self.team else 1
        self.check_periods = check_samples * self.managers
        self.cells = (
            _team_cells(scheme, samples, seed) if self.team else _cells(scheme, samples, seed)
        )
        self.design = _design(scheme, samples, seed, check_samples) if control else None
        self.plan_met = plan_met_of(scheme)

    def head(self, share: float) -> Draws:
        """The same draws cut to their first ``share`` (a coarser, cheaper search)."""
        out = object.__new__(Draws)
        out.recipe, out.cut = self.recipe, (*self.cut, share)
        out.scheme, out.team, out.managers = self.scheme, self.team, self.managers
        out.check_periods, out.plan_met = self.check_periods, self.plan_met
        out.reach, out.levels = self.reach, self.levels
        out.cells = [c.head(share) for c in self.cells]
        if self.design is None:
            out.design = None
        else:
            rows = max(16, int(self.design.rows * share))
            values = {
                k: np.concatenate([v[j * self.design.rows :][:rows] for j in range(3)])
                for k, v in self.design.values.items()
            }
            out.design = _Design(values, rows, self.design.check_rows)
        return out

    def __reduce__(self) -> tuple[Callable[..., Draws], tuple[_Recipe, tuple[float, ...]]]:
        """Draws pickle as their recipe (a few hundred bytes, not megabytes of draws): a
        process that unpickles them draws them again, once (:func:`_drawn`)."""
        return _drawn, (self.recipe, self.cut)

    def figures(self, candidate: Scheme, theta: tuple[Fraction, ...]) -> Point:
        """The figures of ``candidate`` (the scheme with parameters ``theta``)."""
        pays: list[FloatArray] = []
        mets: list[BoolArray] = []
        revs: list[FloatArray] = []
        paid = revenue = 0.0
        for cell in self.cells:
            payer = _payer(candidate, cell.key)
            n = len(next(iter(cell.values.values())))
            pay = np.broadcast_to(
                np.asarray(payer.evaluate(cell.values, check=False)["pay"], dtype=np.float64),
                (n,),
            )
            pays.append(pay)
            mets.append(self._met(payer, cell, n))
            paid += float(pay.mean()) * cell.managers
            if cell.revenue is not None:
                revenue += float(cell.revenue.mean()) * cell.managers
                revs.append(cell.revenue)
        pay = pays[0] if len(pays) == 1 else np.concatenate(pays)
        met = mets[0] if len(mets) == 1 else np.concatenate(mets)
        finite = bool(np.isfinite(pay).all())
        hit, miss = pay[met], pay[~met]
        share = float(met.mean()) if met.size else None
        ratio, se = self._ratio(hit, miss)
        unc, se_unc = self._control(candidate)
        total = pay.size
        # one estimate's standard error, at the search's size (the fresh figures have as many)
        se_share = 0.0 if share is None else math.sqrt(share * (1 - share) / self.check_periods)
        mean_pay = float(pay.mean()) if total else 0.0
        if revs and len(revs) == len(pays) and mean_pay:
            rev = revs[0] if len(revs) == 1 else np.concatenate(revs)
            mean_rev = float(rev.mean())
            rel = pay / mean_pay - rev / mean_rev if mean_rev else pay / mean_pay
        else:
            rel = pay / mean_pay if mean_pay else np.zeros(1)
        se_cost = float(rel.std()) / math.sqrt(max(total, 1)) if finite else 0.0
        reach, se_reach = self.reaching(candidate)
        return Point(
            theta=theta,
            ratio=ratio,
            se_log_ratio=se,
            share_met=share,
            payroll=paid,
            cost_of_sales=paid / revenue if revenue else None,
            uncontrollable=unc,
            se_uncontrollable=se_unc,
            se_share=se_share * math.sqrt(1 + self.check_periods / max(total, 1)),
            se_cost=se_cost,
            finite=finite,
            reach=reach,
            se_reach=se_reach,
        )

    def reaching(self, candidate: Scheme) -> tuple[tuple[float | None, ...], tuple[float, ...]]:
        """The share of manager-periods whose plan KPI reaches each of :attr:`reach` times the
        plan's level (each payer's own), and the standard error of each as :class:`Point`'s
        ``se_share``; ``None`` where the level cannot be found."""
        if not self.reach:
            return (), ()
        counts = np.zeros(len(self.reach))
        total = 0
        for cell in self.cells:
            payer = _payer(candidate, cell.key)
            level = self._level(payer, cell)
            if level is None:
                return (None,) * len(self.reach), (0.0,) * len(self.reach)
            kpi, value = level
            drawn = np.asarray(cell.values[kpi], dtype=np.float64)
            total += drawn.size
            for j, attainment in enumerate(self.reach):
                counts[j] += np.count_nonzero(drawn >= attainment * value)
        shares = tuple(float(c) / total if total else None for c in counts)
        grow = math.sqrt(1 + self.check_periods / max(total, 1))
        ses = tuple(
            0.0 if s is None else math.sqrt(s * (1 - s) / self.check_periods) * grow for s in shares
        )
        return shares, ses

    def _level(self, payer: Scheme, cell: _Cell) -> tuple[str, float] | None:
        """``(KPI, level)`` of the payer's plan (:func:`~motivsim.checks.targets.plan_level`),
        kept per cell and value of the parameters it reads."""
        plan = plan_met_of(payer)
        reads = sorted(p for p in payer.reach(plan) if p in payer.params)
        key = (cell.key, plan.text, tuple((p, payer.params[p]) for p in reads))
        try:
            return self.levels[key]
        except KeyError:  # (not ``in`` then ``[]``: threads of a worker share these draws)
            pass
        level = _level_of(payer)
        if len(self.levels) > 4096:
            self.levels.clear()
        self.levels[key] = level
        return level

    def _met(self, payer: Scheme, cell: _Cell, n: int) -> BoolArray:
        """``plan_met`` on the cell's draws, kept per value of the parameters it reads."""
        plan = plan_met_of(payer)
        reads = sorted(p for p in payer.reach(plan) if p in payer.params)
        key = tuple(payer.params[p] for p in reads)
        found = cell.met.get(key)
        if found is None:
            found = np.broadcast_to(np.asarray(payer.holds(plan, cell.values), dtype=bool), (n,))
            if len(cell.met) > 64:
                cell.met.clear()
            cell.met[key] = found
        return found

    def _ratio(self, hit: FloatArray, miss: FloatArray) -> tuple[float | None, float]:
        """Principle 1's figure (as :func:`~motivsim.checks.ratio.plan_ratio`) and the standard
        error of its log at ``check``'s sample size."""
        met = GroupStats(int(hit.size), float(hit.mean()) if hit.size else 0.0, 0.0, 0.0)
        missed = GroupStats(int(miss.size), float(miss.mean()) if miss.size else 0.0, 0.0, 0.0)
        ratio = plan_ratio(met, missed)
        if ratio is None or math.isinf(ratio) or hit.size < 2 or miss.size < 2:
            return ratio, 0.0
        total = hit.size + miss.size
        # the variance of check's figure at its sample size, plus the search's own
        rel = float(hit.var(ddof=1)) / (hit.size * met.mean**2) + float(miss.var(ddof=1)) / (
            miss.size * missed.mean**2
        )
        rel *= 1 + total / self.check_periods
        return ratio, math.sqrt(rel) if math.isfinite(rel) else 0.0

    def _control(self, candidate: Scheme) -> tuple[float | None, float]:
        """Jansen's total-order index of the uncontrollable group on the fixed design."""
        design = self.design
        if design is None:
            return None, 0.0
        n = design.rows
        y = np.asarray(candidate.evaluate(design.values, check=False)["pay"], dtype=np.float64)
        y = np.broadcast_to(y, (3 * n,))
        f_a, f_b, f_ab = y[:n], y[n : 2 * n], y[2 * n :]
        both = np.concatenate([f_a, f_b])
        variance = float(both.var())
        if not math.isfinite(variance) or variance <= 1e-12 * max(1.0, float(both.mean()) ** 2):
            return 0.0, 0.0
        terms = np.square(f_a - f_ab) / 2
        share = float(terms.mean()) / variance
        spread = float(terms.std(ddof=1)) / variance
        se = spread * math.sqrt(1 / design.check_rows + 1 / n)  # check's noise and the search's
        return share, se


def _level_of(scheme: Scheme) -> tuple[str, float] | None:
    """``(KPI, level)`` at which ``plan_met`` turns true, or ``None``."""
    try:
        found = plan_level(scheme, plan_met_of(scheme))
    except MotivsimError:
        return None
    if found is None or not math.isfinite(found.value):
        return None
    return found.kpi, found.value


def require_level(scheme: Scheme) -> None:
    """An :class:`~motivsim.errors.ArgumentError` when the plan's level cannot be found (the
    share-reaching rules need it)."""
    plan = plan_met_of(scheme)
    payers = [scheme] + [scheme.segment_scheme(s.name) for s in scheme.team.segments if s.params]
    for payer in payers:
        if _level_of(payer) is None:
            raise ArgumentError(
                f"share reaching needs the plan's level, but it cannot be found from plan_met "
                f"= {plan.text!r}: the rule needs a plan of the form kpi >= level",
                hint='e.g. [principles] plan_met = "revenue >= plan"; or use '
                "--share-meeting-plan instead",
            )


def _payer(candidate: Scheme, key: tuple[str, str] | None) -> Scheme:
    if key is None:
        return candidate
    kind, name = key
    return candidate.segment_scheme(name) if kind == "segment" else candidate.person_scheme(name)


def _cells(scheme: Scheme, samples: int, seed: int) -> list[_Cell]:
    """One manager with the ``[kpi]`` distributions, drawn as principle 1 draws them."""
    needs = needs_of(scheme, plan_met_of(scheme))
    revenue = scheme.revenue_kpi
    if revenue is not None and revenue not in needs:
        needs[revenue] = "the cost of sales depends on it"
    dists = require_distributions(scheme, needs)
    values = draw_kpis(scheme, dists, samples, seed=seed, stream=STREAM_RATIO)
    return [_Cell(None, values, 1, None if revenue is None else values[revenue])]


def _team_cells(scheme: Scheme, samples: int, seed: int) -> list[_Cell]:
    """The team as declared: each segment's headcount (or people) drawn by the simulator's
    sampler, ``runs`` periods each, each manager paid by their own parameters."""
    team = scheme.team
    runs = max(1, math.ceil(samples / team.size))
    revenue = scheme.revenue_kpi
    cells: list[_Cell] = []
    for index, segment in enumerate(team.segments):
        sub = int(np.random.SeedSequence([seed, STREAM_TUNE_CONTROL, index]).generate_state(1)[0])
        values = sample_kpis(scheme, n=runs * segment.count, seed=sub, segment=segment.name)
        rev = values.get(revenue) if revenue is not None else None
        members = team.members(segment.name)
        if not members:
            key = ("segment", segment.name) if segment.params else None
            cells.append(_Cell(key, values, segment.count, rev))
            continue
        groups: dict[Any, list[int]] = {}
        for j, person in enumerate(members):
            params = tuple(sorted(scheme.person_params(person.name).items()))
            groups.setdefault(params, []).append(j)
        for columns in groups.values():
            cols = np.array(columns)
            sub_values = {
                k: v.reshape(runs, segment.count)[:, cols].reshape(-1) for k, v in values.items()
            }
            sub_rev = None if rev is None else rev.reshape(runs, segment.count)[:, cols].reshape(-1)
            cells.append(
                _Cell(("person", members[columns[0]].name), sub_values, len(columns), sub_rev)
            )
    return cells


def _design(scheme: Scheme, samples: int, seed: int, check_samples: int) -> _Design | None:
    """A Sobol' design (rows of ``A``, ``B`` and ``A`` with the uncontrollable KPIs of ``B``)
    over the KPIs pay depends on, from their ``[kpi]`` distributions, as principle 3 draws."""
    inputs = scheme.pay_inputs
    uncontrollable = [k for k in inputs if not scheme.kpis[k].controllable]
    if not uncontrollable:
        return None
    dists = require_distributions(scheme, dict.fromkeys(inputs, "pay depends on it"))
    rows = max(16, samples // 4)
    rng = np.random.Generator(
        np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(STREAM_TUNE_CONTROL,)))
    )
    u = rng.random((2, len(dists), rows))
    values: dict[str, FloatArray] = {}
    for j, (name, dist) in enumerate(dists.items()):
        a, b = dist.ppf(u[0, j]), dist.ppf(u[1, j])
        ab = b if name in uncontrollable else a
        values[name] = np.concatenate([a, b, ab]).astype(np.float64)
    return _Design(values, rows, base_rows(check_samples))


# -- constraints ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Constraints:
    """What a plan must meet in the search, each as a violation (0 when met, else how far in
    relative terms): principles kept (``keep``) with ``margin`` standard errors of ``check``'s
    figures, the target cost (within half its tolerance, so that it holds with another
    seed), the share meeting the plan."""

    keep: tuple[str, ...]
    min_ratio: float
    max_share: float
    complexity: float
    max_complexity: float
    margin: float
    target: Target | None
    share: ShareRule | None
    reach: tuple[ReachRule, ...] = ()

    def ratio_needed(self, point: Point) -> float:
        """The ratio the search asks for: ``min_ratio`` and the margin."""
        return self.min_ratio * math.exp(self.margin * point.se_log_ratio)

    def violations(self, point: Point) -> dict[str, float]:
        """Each constraint's violation at ``point`` (0: met)."""
        out: dict[str, float] = {}
        if not point.finite:
            out["finite"] = _UNMEASURABLE
        if "ratio" in self.keep:
            ratio = point.ratio
            if ratio is None:
                out["ratio"] = _UNMEASURABLE
            elif not math.isinf(ratio):
                out["ratio"] = max(0.0, math.log(self.ratio_needed(point)) - math.log(ratio))
        if "complexity" in self.keep:
            out["complexity"] = max(0.0, self.complexity / self.max_complexity - 1)
        if "control" in self.keep and point.uncontrollable is not None:
            need = self.max_share - self.margin * point.se_uncontrollable
            out["control"] = max(0.0, point.uncontrollable - need)
        if self.target is not None and self.target.value:
            got = self.figure(point)
            if got is None:
                out[self.target.kind] = _UNMEASURABLE
            else:
                gap = abs(got / self.target.value - 1)
                out[self.target.kind] = max(0.0, gap - self.cost_aim(point))
        if self.share is not None:
            share = point.share_met
            if share is None:
                out["share_meeting_plan"] = _UNMEASURABLE
            else:
                room = min(self.margin * point.se_share, (self.share.high - self.share.low) / 2)
                out["share_meeting_plan"] = max(
                    0.0, self.share.low + room - share, share - self.share.high + room
                )
        for j, rule in enumerate(self.reach):
            got = point.reach[j] if j < len(point.reach) else None
            if got is None:
                out[rule.name] = _UNMEASURABLE
                continue
            se = point.se_reach[j] if j < len(point.se_reach) else 0.0
            room = min(self.margin * se, (rule.high - rule.low) / 2)
            out[rule.name] = max(0.0, rule.low + room - got, got - rule.high + room)
        return out

    def cost_aim(self, point: Point) -> float:
        """How far from the target the search lets the cost be (relative): the tolerance less
        ``margin`` standard errors of the difference between the search's figure and a fresh
        one of the same size, and at least a tenth of the tolerance."""
        if self.target is None:
            return 0.0
        tol = self.target.tolerance
        return max(tol - self.margin * math.sqrt(2) * point.se_cost, tol / 10)

    def figure(self, point: Point) -> float | None:
        """The target's figure at ``point``: cost of sales or payroll."""
        if self.target is None:
            return None
        return point.cost_of_sales if self.target.kind == "cost_of_sales" else point.payroll

    def gap(self, point: Point) -> float:
        """``figure / target - 1`` (the lever's equation)."""
        got = self.figure(point)
        target = self.target.value if self.target is not None else None
        if got is None or not target:
            return math.nan
        return got / target - 1


# -- the search ----------------------------------------------------------------------------
#: A candidate's key in :attr:`_Search.cache`: ``(coarse, parameter values)``.
Key = tuple[bool, tuple[Fraction, ...]]
#: A call of a :class:`_Search` method in a batch: its name and its arguments.
Call = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class _State:
    """What a task needs of a :class:`_Search` to compute a batch's calls: the same inputs,
    the lever, and the candidates evaluated so far (a copy); pickled, its draws are their
    recipe."""

    scheme: Scheme
    varied: tuple[Varied, ...]
    draws: Draws
    limits: Constraints
    lever: int | None
    cache: dict[Key, Point]
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __dask_tokenize__(self) -> str:
        """Its token: Dask names a task by its arguments, and would otherwise hash every
        candidate of :attr:`cache` (about 0.1 s a task)."""
        return self.token


def _search_calls(
    state: _State, calls: tuple[Call, ...]
) -> tuple[list[Any], list[tuple[Key, Point]]]:
    """A task of :meth:`_Search.batch`: ``calls`` in order on a search rebuilt from ``state``;
    what each returned, and the candidates evaluated (in order) that ``state`` did not have."""
    search = _Search(state.scheme, state.varied, state.draws, state.limits)
    search.lever = state.lever
    search.cache = dict(state.cache)
    known = len(search.cache)
    results = [getattr(search, name)(*args) for name, args in calls]
    return results, list(search.cache.items())[known:]


class _Search:
    """Candidates by parameter values, cached; the lever; the grid and the refinement; batches
    of independent calls sent to ``executor`` (:meth:`batch`)."""

    def __init__(
        self,
        scheme: Scheme,
        varied: tuple[Varied, ...],
        draws: Draws,
        limits: Constraints,
        executor: Executor | None = None,
    ) -> None:
        self.scheme, self.varied, self.limits = scheme, varied, limits
        self.fine = draws
        self.coarse = draws.head(_COARSE)
        self.cache: dict[Key, Point] = {}
        self.seen: list[Point] = []
        self.lever: int | None = None
        self.current = tuple(v.current for v in varied)
        self.executor = executor

    def batch(self, calls: Sequence[Call]) -> list[Any]:
        """What each of ``calls`` returns (methods of this search, independent of each other).

        Without an executor they run here, in order. With one, they go to it as tasks of
        consecutive calls (at most :data:`_TASKS`), each on a copy of this search; the
        candidates each task evaluated are then added to :attr:`cache` and :attr:`seen` in the
        order of the calls, skipping those already there: what running the calls here, in
        order, would have left (a candidate's figures depend on its parameters alone)."""
        if self.executor is None or len(calls) < 2:
            return [getattr(self, name)(*args) for name, args in calls]
        state = _State(
            self.scheme, self.varied, self.fine, self.limits, self.lever, dict(self.cache)
        )
        n = min(len(calls), _TASKS)
        ends = [len(calls) * k // n for k in range(n + 1)]
        tasks: list[Task] = [
            (_search_calls, (state, tuple(calls[a:b]))) for a, b in itertools.pairwise(ends)
        ]
        out: list[Any] = []
        for results, found in submit_tasks(tasks, self.executor)():
            for key, point in found:
                if key not in self.cache:
                    self.cache[key] = point
                    if not key[0]:
                        self.seen.append(point)
            out.extend(results)
        return out

    # candidates
    def quantize(self, index: int, x: float | Fraction) -> Fraction:
        """``x`` clipped to the range and cut to a thousandth of the rounding step."""
        item = self.varied[index]
        unit = item.step / 1000
        value = Fraction(x) if isinstance(x, Fraction) else Fraction(repr(float(x)))
        value = min(max(value, item.low), item.high)
        return Fraction(round(value / unit)) * unit

    def point(self, theta: Sequence[Fraction], *, coarse: bool = False) -> Point:
        key = (coarse, tuple(theta))
        found = self.cache.get(key)
        if found is None:
            names = [v.name for v in self.varied]
            draws = self.coarse if coarse else self.fine
            try:
                candidate = self.scheme.with_params(dict(zip(names, theta, strict=True)))
                found = draws.figures(candidate, tuple(theta))
            except MotivsimError as exc:
                found = Point.failed(tuple(theta), exc.message)
            self.cache[key] = found
            if not coarse:
                self.seen.append(found)
        return found

    def violation(self, point: Point) -> float:
        """The sum of the violations the parameters can change (principle 2's score is the
        same for every candidate: it is reported, not searched)."""
        return sum(v for k, v in self.limits.violations(point).items() if k != "complexity")

    def distance(self, theta: Sequence[Fraction]) -> float:
        """The relative distance from the current parameters: the root of the sum of each
        change squared, over the current value (the range's width when that is 0)."""
        return math.sqrt(
            sum(
                float((t - v.current) / v.scale) ** 2
                for t, v in zip(theta, self.varied, strict=True)
            )
        )

    def rank(self, point: Point) -> tuple[float, float]:
        """Feasible plans first, closest first; then the least violation."""
        return (self.violation(point), self.distance(point.theta))

    # the lever
    def choose_lever(self) -> None:
        """The varied parameter the target figure moves most with (others at their current
        values, clipped to their ranges)."""
        if self.limits.target is None:
            return
        base = [self.quantize(i, v.current) for i, v in enumerate(self.varied)]
        best, spread = None, -1.0
        for i, item in enumerate(self.varied):
            ends = []
            for x in (item.low, item.high):
                theta = list(base)
                theta[i] = x
                ends.append(self.limits.gap(self.point(theta, coarse=True)))
            if all(math.isfinite(e) for e in ends) and abs(ends[1] - ends[0]) > spread:
                best, spread = i, abs(ends[1] - ends[0])
        self.lever = best

    def complete(self, phi: Sequence[Fraction], coarse: bool = False) -> Point:
        """The best plan with the searched parameters at ``phi``: the lever solved for the
        target cost (the root closest to the current value that meets the most), or the plan
        itself without a lever."""
        if self.lever is None:
            return self.point(phi, coarse=coarse)
        i = self.lever
        item = self.varied[i]

        def full(x: float | Fraction) -> list[Fraction]:
            theta = list(phi)
            theta.insert(i, self.quantize(i, x))
            return theta

        def gap(x: float) -> float:
            return self.limits.gap(self.point(full(x), coarse=coarse))

        xs = [item.low + item.width * k / 2 for k in range(3)]
        gs = [gap(float(x)) for x in xs]
        roots: list[Fraction] = []
        from scipy.optimize import brentq

        for (a, ga), (b, gb) in itertools.pairwise(zip(xs, gs, strict=True)):
            if not (math.isfinite(ga) and math.isfinite(gb)):
                continue
            if ga == 0:
                roots.append(a)
            elif ga * gb < 0:
                xtol = float(item.step) / 20
                root = brentq(gap, float(a), float(b), xtol=xtol, rtol=1e-12, maxiter=60)
                roots.append(self.quantize(i, root))
        if gs[-1] == 0:
            roots.append(xs[-1])
        if not roots:
            finite = [(abs(g), x) for g, x in zip(gs, xs, strict=True) if math.isfinite(g)]
            roots = [min(finite)[1]] if finite else [xs[0]]
        points = [self.point(full(r), coarse=coarse) for r in roots]
        return min(points, key=self.rank)

    def others(self) -> list[int]:
        return [i for i in range(len(self.varied)) if i != self.lever]

    def phi_of(self, theta: Sequence[Fraction]) -> list[Fraction]:
        return [theta[i] for i in self.others()]

    # the search
    def run(self) -> Point:
        self.choose_lever()
        dims = self.others()
        if not dims:
            return self.complete([], coarse=False)
        if len(dims) == 1:
            return self.line(dims[0])
        return self.grid(dims)

    def line(self, index: int) -> Point:
        """One searched dimension: feasible intervals on a grid, their ends bisected, and the
        point of each closest to the current parameters."""
        item = self.varied[index]
        count = _GRID[1] if self.lever is None else _GRID[1] // 2 + 1
        xs = {self.quantize(index, item.low + item.width * k / (count - 1)) for k in range(count)}
        xs.add(self.quantize(index, item.current))
        grid = sorted(xs)
        pts: list[Point] = self.batch([("complete", ([x],)) for x in grid])
        ok = [self.violation(p) == 0 for p in pts]
        if not any(ok):
            best = min(range(len(grid)), key=lambda j: self.rank(pts[j]))
            return self.polish_violation(index, grid, best, pts[best])
        tol = item.step / 4
        runs: list[tuple[int, int]] = []  # the feasible intervals, as first and last grid index
        j = 0
        while j < len(grid):
            if not ok[j]:
                j += 1
                continue
            k = j
            while k + 1 < len(grid) and ok[k + 1]:
                k += 1
            runs.append((j, k))
            j = k + 1
        # every interval's ends bisected (independently), then each one's closest point
        bisect: list[Call] = []
        for j, k in runs:
            if j > 0:
                bisect.append(("edge", (index, grid[j], grid[j - 1], tol)))
            if k < len(grid) - 1:
                bisect.append(("edge", (index, grid[k], grid[k + 1], tol)))
        bisected = iter(self.batch(bisect))
        ends = [
            (
                grid[j] if j == 0 else next(bisected),
                grid[k] if k == len(grid) - 1 else next(bisected),
            )
            for j, k in runs
        ]
        found: list[Point] = self.batch([("closest", (index, low, high)) for low, high in ends])
        return min(found, key=self.rank)

    def edge(self, index: int, inside: Fraction, outside: Fraction, tol: Fraction) -> Fraction:
        """Bisect between a feasible and an infeasible value: the feasible end, within ``tol``."""
        while abs(outside - inside) > tol:
            mid = self.quantize(index, (inside + outside) / 2)
            if mid in (inside, outside):
                break
            if self.violation(self.complete([mid], coarse=False)) == 0:
                inside = mid
            else:
                outside = mid
        return inside

    def closest(self, index: int, low: Fraction, high: Fraction) -> Point:
        """The feasible point of ``[low, high]`` closest to the current parameters."""
        item = self.varied[index]
        ends = [self.complete([low], coarse=False), self.complete([high], coarse=False)]
        if self.lever is None:
            x = self.quantize(index, min(max(item.current, low), high))
            ends.append(self.complete([x], coarse=False))
        elif high > low:
            from scipy.optimize import minimize_scalar

            def objective(x: float) -> float:
                p = self.complete([self.quantize(index, x)], coarse=False)
                return self.distance(p.theta) + _PENALTY * (self.violation(p) > 0)

            res = minimize_scalar(
                objective,
                bounds=(float(low), float(high)),
                method="bounded",
                options={"xatol": float(item.step) / 4, "maxiter": 40},
            )
            ends.append(self.complete([self.quantize(index, res.x)], coarse=False))
        return min(ends, key=self.rank)

    def polish_violation(self, index: int, grid: list[Fraction], j: int, best: Point) -> Point:
        """No feasible plan on the grid: the least violation between the best point's
        neighbours (the closest the ranges allow)."""
        from scipy.optimize import minimize_scalar

        low, high = grid[max(j - 1, 0)], grid[min(j + 1, len(grid) - 1)]
        if high <= low:
            return best
        res = minimize_scalar(
            lambda x: self.violation(self.complete([self.quantize(index, x)], coarse=False)),
            bounds=(float(low), float(high)),
            method="bounded",
            options={"xatol": float(self.varied[index].step), "maxiter": 30},
        )
        other = self.complete([self.quantize(index, res.x)], coarse=False)
        return min((best, other), key=self.rank)

    def grid(self, dims: list[int]) -> Point:
        """Several searched dimensions: a coarse grid, then Nelder-Mead from its best points."""
        count = _GRID.get(len(dims), 5)
        axes = [
            sorted(
                {
                    self.quantize(i, self.varied[i].low + self.varied[i].width * k / (count - 1))
                    for k in range(count)
                }
                | {self.quantize(i, self.varied[i].current)}
            )
            for i in dims
        ]
        pts: list[Point] = self.batch(
            [("complete", (list(phi), True)) for phi in itertools.product(*axes)]
        )
        pts.sort(key=self.rank)
        starts = pts[:2]
        finals: list[Point] = self.batch([("refine", (dims, p, axes)) for p in starts])
        return min(finals, key=self.rank)

    def refine(self, dims: list[int], start: Point, axes: list[list[Fraction]]) -> Point:
        from scipy.optimize import minimize

        phi0 = [float(x) for x in self.phi_of(start.theta)]
        lows = [float(self.varied[i].low) for i in dims]
        highs = [float(self.varied[i].high) for i in dims]
        spacing = [(h - lo) / (len(a) - 1) for h, lo, a in zip(highs, lows, axes, strict=True)]

        def at(x: Sequence[float]) -> Point:
            phi = [self.quantize(i, v) for i, v in zip(dims, x, strict=True)]
            return self.complete(phi, coarse=False)

        first = at(phi0)
        feasible = self.violation(first) == 0

        def objective(x: Sequence[float]) -> float:
            p = at(x)
            v = self.violation(p)
            if feasible:
                return self.distance(p.theta) + (_PENALTY + _PENALTY * v if v > 0 else 0.0)
            return v

        simplex = [phi0] + [
            [
                v
                + (spacing[k] / 2 if k == j else 0.0)
                * (1 if v + spacing[k] / 2 <= highs[k] else -1)
                for k, v in enumerate(phi0)
            ]
            for j in range(len(dims))
        ]
        res = minimize(
            objective,
            np.array(phi0),
            method="Nelder-Mead",
            bounds=list(zip(lows, highs, strict=True)),
            options={
                "initial_simplex": np.array(simplex),
                "maxfev": 40 * len(dims),
                "xatol": min(float(self.varied[i].step) for i in dims) / 4,
                "fatol": 1e-6,
            },
        )
        return min((first, at(res.x)), key=self.rank)

    # rounding
    def rounded(self, best: Point) -> Point:
        """``best`` rounded to each parameter's step, keeping every constraint it meets: the
        rounding that does (closest first), else a finer one, else ``best`` itself."""
        if tuple(best.theta) == self.current:
            return best
        feasible = self.violation(best) == 0
        for finer in (1, 10, 100):
            options = []
            for i, (x, item) in enumerate(zip(best.theta, self.varied, strict=True)):
                unit = item.step / finer
                down = Fraction(math.floor(x / unit)) * unit
                up = Fraction(math.ceil(x / unit)) * unit
                near = [down, up] if x - down <= up - x else [up, down]
                options.append([self.quantize(i, v) for v in dict.fromkeys(near)])
            # here, not on an executor: a few candidates of one evaluation each (milliseconds,
            # less than a task's round trip)
            pts = [self.point(list(theta)) for theta in itertools.product(*options)]
            good = [p for p in pts if self.violation(p) == 0]
            if good:
                return min(good, key=lambda p: self.distance(p.theta))
            if not feasible:
                nearest = [o[0] for o in options]
                return self.point(nearest)
        return best


def tune(
    scheme: Scheme | str | Path,
    vary: Mapping[str, Any],
    *,
    cost_of_sales: float | str | None = None,
    payroll: float | str | None = None,
    tolerance: float | str = DEFAULT_TOLERANCE,
    keep: str | Sequence[str] = "principles",
    share_meeting_plan: Sequence[float] | str | None = None,
    share_reaching: Mapping[Any, Any] | Sequence[str] | str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    check_samples: int = CHECK_SAMPLES,
    check_seed: int | None = None,
    margin: float = DEFAULT_MARGIN,
    executor: Executor | None = None,
) -> TuneResult:
    """Find the parameter values closest to the current ones that make the plan meet its
    constraints: the principles (``keep``) with the scheme's own thresholds, a target cost,
    and optional practice rules.

    Parameters
    ----------
    scheme : Scheme or path
        The plan to tune; its ``[principles] plan_met`` and KPI distributions are needed, as
        for ``check``.
    vary : mapping
        Each parameter to vary and its range: ``{"base": (20_000, 60_000)}`` or
        ``{"base": "20_000..60_000"}``; at most four, none of them derived.
    cost_of_sales, payroll : number, text or None
        The target: payroll as a share of the scheme's ``revenue_kpi`` (``0.12`` or
        ``"12%"``), or the team's payroll per period; ``"current"`` keeps the plan's current
        figure. At most one of them.
    tolerance : float, default 0.005
        Relative tolerance of the target (0.5%); the search aims within half of it.
    keep : text or list, default ``"principles"``
        The principles kept as constraints: ``principles`` (all three), ``ratio``,
        ``complexity``, ``control`` (or ``1``, ``2``, ``3``), several, or ``none``.
    share_meeting_plan : pair or text, optional
        A practice rule: the share of manager-periods meeting the plan within ``(low, high)``
        (``"60%..70%"``; ``"60%.."`` for at least 60%).
    share_reaching : mapping or texts, optional
        Practice rules: for each attainment (a share of each plan's own level), the share of
        manager-periods whose plan KPI reaches it within ``(low, high)``:
        ``{0.7: (0.85, 0.95), 1.5: (0.05, 0.15)}`` or ``["70%=85%..95%", "150%=..15%"]``.
        The plan must be of the form ``kpi >= level``
        (:func:`~motivsim.checks.targets.plan_level`).
    samples : int, default 100,000
        Manager-periods the search pays every candidate on (common random numbers).
    seed : int or None
        The search's seed (``None``: a random one, reported).
    check_samples : int, default 20,000
        ``check``'s samples for the final figures (and the margin).
    check_seed : int or None
        The fresh seed of the final figures; default ``seed + 1``.
    margin : float, default 2.0
        Standard errors of ``check``'s figures (at ``check_samples``) by which the search
        clears principles 1 and 3, so that they hold with another seed too; 0 aims at the
        thresholds themselves.
    executor : concurrent.futures.Executor, optional
        Where to compute the independent parts, as tasks: a ``ProcessPoolExecutor``, or a Dask
        cluster's ``distributed.Client(...).get_executor()`` (see
        :mod:`motivsim.simulation.cluster`). They are the out-of-sample figures of the plan
        before (started at once, computed while the search runs) and after: ``check``'s
        principles (:func:`motivsim.checks.submit_check`) and ``simulate``'s cost; and each
        batch of candidates the search evaluates independently: the grid, the ends of the
        feasible intervals and their closest points, the refinements from the grid's best
        points. What depends on the step before (a bisection, the lever's
        root, a Nelder-Mead simplex) stays in order within one task; the current plan's
        figures, the lever's choice, the roundings (a few evaluations of milliseconds each)
        and the fresh shares reaching are computed here.
        Every candidate is paid on draws of ``seed`` alone, so the result (parameters,
        figures, report) is the same, bit for bit, as without one. ``None`` (the default)
        computes here, one part after another.

    Returns
    -------
    TuneResult
        The tuned ``scheme``, the chosen ``params``, the figures before and after (from the
        fresh seed: ``check`` for the principles, ``simulate`` for the cost), each
        constraint's verdict, and, when no plan in the ranges meets them, which binds.

    Raises
    ------
    ArgumentError
        A bad range (unknown, derived, empty), target or option; a plan that remembers
        earlier periods (tune searches one period; such a plan pays by the year).
    ArgumentTypeError
        ``executor`` is not a ``concurrent.futures.Executor``.
    SchemeError
        ``plan_met`` or a KPI distribution is missing (as for ``check``).

    Examples
    --------
    >>> import motivsim
    >>> result = motivsim.tune("schemes/dealership.toml", {"base": (0, 60_000)}, seed=1)
    >>> result.passed, result.params["base"] < 40_000
    (True, True)
    """
    scheme = as_scheme(scheme, caller="tune")
    if scheme.needs:  # its figures would be a first period's, its cost a first period's
        raise ArgumentError(
            f"tune searches one period at a time, and scheme {scheme.name!r} pays by the plan "
            f"year (it reads {', '.join(scheme.needs)}): its first period alone would be tuned",
            hint="check judges it per plan year: try parameter values with check and compare "
            "(compare OLD NEW shows the payroll and the principles side by side)",
        )
    varied = varied_ranges(scheme, vary)
    target = target_of(scheme, cost_of_sales, payroll, tolerance)
    kept = keep_names(keep)
    share = share_rule(share_meeting_plan)
    reach = reach_rules(share_reaching)
    if reach:
        require_level(scheme)
    samples = check_int("samples", samples, least=MIN_SAMPLES, most=MAX_SAMPLES, show_name=True)
    check_samples = check_int(
        "check_samples", check_samples, least=MIN_SAMPLES, most=MAX_SAMPLES, show_name=True
    )
    if not is_real(margin) or not 0 <= float(margin) <= 10:
        raise ArgumentError(
            f"margin must be a number of standard errors from 0 to 10, got {margin!r}",
            hint="e.g. margin=2 (the default), or 0 to aim at the thresholds themselves",
        )
    executor = check_executor(executor)
    seed = resolve_seed(seed)
    fresh = resolve_seed(check_seed) if check_seed is not None else (seed + 1) % 2**63

    # the plan's figures before, from the fresh seed: on an executor, while the search runs
    before_report = submit_check(
        scheme, samples=check_samples, seed=fresh, warnings=False, executor=executor
    )
    if executor is None:
        before_report()  # computed now, as the search would wait for it
    runs = max(1, math.ceil(samples / (scheme.team.size if has_team(scheme) else 1)))
    before_cost = submit_tasks([(_cost, (scheme, runs, fresh))], executor)
    draws = Draws(
        scheme,
        samples=samples,
        seed=seed,
        check_samples=check_samples,
        control="control" in kept,
        reach=tuple(r.attainment for r in reach),
    )
    complexity = complexity_of(scheme).score
    principles = scheme.principles
    limits = Constraints(
        keep=kept,
        min_ratio=principles.min_ratio,
        max_share=principles.max_uncontrollable_share,
        complexity=complexity,
        max_complexity=principles.max_complexity,
        margin=float(margin),
        target=target,
        share=share,
        reach=reach,
    )
    search = _Search(scheme, varied, draws, limits, executor)
    start = search.point(list(search.current)) if _inside(varied) else None
    if target is not None and target.current:
        now = start if start is not None else draws.figures(scheme, search.current)
        value = limits.figure(now)
        if value is None or not value > 0:
            raise EvaluationError(f"the current {target.label} cannot be measured: it is {value}")
        target = Target(target.kind, value, target.tolerance, True)
        limits = replace(limits, target=target)
        search.limits = limits
    if start is not None and search.violation(start) == 0:
        best, unchanged = start, True
    else:
        best, unchanged = search.rounded(search.run()), False
    feasible = sum(limits.violations(best).values()) == 0
    params = dict(zip((v.name for v in varied), best.theta, strict=True))
    tuned = scheme.with_params(params) if not unchanged else scheme
    after_report = (
        submit_check(tuned, samples=check_samples, seed=fresh, warnings=False, executor=executor)
        if not unchanged
        else before_report
    )
    after_cost = submit_tasks([(_cost, (tuned, runs, fresh))], executor)
    fresh_draws = (
        Draws(
            scheme,
            samples=check_samples,
            seed=fresh,
            check_samples=check_samples,
            control=False,
            reach=draws.reach,
        )
        if reach
        else None
    )
    before = _figures(scheme, before_report(), before_cost()[0], complexity, fresh_draws)
    after = (
        before
        if unchanged
        else _figures(tuned, after_report(), after_cost()[0], complexity, fresh_draws)
    )
    outcome = Outcome(
        feasible=feasible,
        unchanged=unchanged,
        distance=search.distance(best.theta),
        in_search=_search_figures(best, complexity, draws.reach),
        violations=limits.violations(best),
        ratio_needed=limits.ratio_needed(best),
        cost_aim=limits.cost_aim(best) if target is not None else None,
        lever=None if search.lever is None else varied[search.lever].name,
        binding=() if feasible else _binding(search, best, limits, scheme.language),
        evaluations=len(search.cache),
    )
    return build_result(
        original=scheme,
        tuned=tuned,
        varied=varied,
        params=params,
        before=before,
        after=after,
        outcome=outcome,
        keep=kept,
        target=target,
        share=share,
        reach=reach,
        margin=float(margin),
        seed=seed,
        check_seed=fresh,
        samples=samples,
        check_samples=check_samples,
        notes=_notes(scheme, varied) + _noise(limits, best, samples, scheme.language),
    )


def _inside(varied: tuple[Varied, ...]) -> bool:
    return all(v.low <= v.current <= v.high for v in varied)


def _cost(scheme: Scheme, runs: int, seed: int) -> tuple[float, float | None]:
    """``simulate``'s mean payroll per period and cost of sales of ``scheme`` (``runs`` runs
    of one period from ``seed``): one task of :func:`tune`'s out-of-sample figures."""
    sim = simulate(scheme, runs=runs, seed=seed)
    return sim.payroll.mean, sim.revenue_share


def _figures(
    scheme: Scheme,
    report: CheckReport,
    cost: tuple[float, float | None],
    complexity: float,
    fresh: Draws | None = None,
) -> Figures:
    """The figures of ``scheme`` from the fresh seed: ``check``'s principles (``report``),
    ``simulate``'s payroll and cost of sales (``cost``, :func:`_cost`), and the shares
    reaching the rules' attainments on ``fresh`` (draws of the fresh seed)."""
    reaching = (
        {} if fresh is None else dict(zip(fresh.reach, fresh.reaching(scheme)[0], strict=True))
    )
    payroll, revenue_share = cost
    ratio = report.result("ratio")
    control = report.result("control")
    share = getattr(ratio.details, "share_met", None)
    uncontrollable = bool(getattr(control.details, "uncontrollable", ()))
    return Figures(
        ratio=ratio.value,
        complexity=complexity,
        uncontrollable=control.value if uncontrollable else None,
        share_met=share,
        payroll=payroll,
        cost_of_sales=revenue_share,
        passed={r.name: r.passed for r in report.results},
        reaching=reaching,
    )


def _search_figures(point: Point, complexity: float, reach: tuple[float, ...] = ()) -> Figures:
    return Figures(
        ratio=point.ratio,
        complexity=complexity,
        uncontrollable=point.uncontrollable,
        share_met=point.share_met,
        payroll=point.payroll,
        cost_of_sales=point.cost_of_sales,
        passed={},
        reaching=dict(zip(reach, point.reach, strict=False)),
    )


def _binding(
    search: _Search, best: Point, limits: Constraints, language: str
) -> tuple[tuple[str, str], ...]:
    """Each constraint ``best`` misses: ``(name, how far the best candidate is, and where)``
    from every candidate seen that meets the other constraints (or, when none does, from
    every candidate), the sentence in ``language``."""
    out = []
    missed = [k for k, v in limits.violations(best).items() if v > 0]
    for name in missed:
        others = [
            p
            for p in search.seen
            if all(v == 0 for k, v in limits.violations(p).items() if k != name)
        ]
        pool = [best] if name == "finite" else others or search.seen
        champion = min(
            pool, key=lambda p: (limits.violations(p).get(name, 0.0), search.distance(p.theta))
        )
        values = [_value(limits, p, name) for p in search.seen]
        finite = [v for v in values if v is not None and math.isfinite(v)]
        flat = bool(finite) and max(finite) - min(finite) <= 1e-9 * max(1.0, abs(max(finite)))
        sentence = _describe(
            search, limits, champion, name, flat=flat, alone=not others, language=language
        )
        out.append((name, sentence))
    return tuple(out)


def _value(limits: Constraints, point: Point, name: str) -> float | None:
    if name == "ratio":
        return point.ratio
    if name == "control":
        return point.uncontrollable
    if name == "share_meeting_plan":
        return point.share_met
    if name in ("cost_of_sales", "payroll"):
        return limits.figure(point)
    for j, rule in enumerate(limits.reach):
        if name == rule.name:
            return point.reach[j] if j < len(point.reach) else None
    if name == "complexity":
        return limits.complexity
    return None


def _describe(
    search: _Search,
    limits: Constraints,
    point: Point,
    name: str,
    *,
    flat: bool,
    alone: bool,
    language: str = "en",
) -> str:
    """``best 2.99x at base = 20,000, the lower end of its range (needed: 3.05x): ...``."""
    return describe_binding(
        name,
        value=_value(limits, point, name),
        needed=limits.ratio_needed(point) if name == "ratio" else None,
        point=point.theta,
        varied=search.varied,
        limits=limits,
        flat=flat,
        alone=alone,
        error=point.error,
        language=language,
    )


def _noise(limits: Constraints, best: Point, samples: int, language: str) -> tuple[str, ...]:
    """A note when the cost's Monte Carlo noise leaves little of the tolerance."""
    target = limits.target
    if target is None or limits.cost_aim(best) > target.tolerance / 10 * (1 + 1e-9):
        return ()
    w = words(language)
    return (
        w(
            "tune.note.noise",
            label=target.label if w.language == "en" else w(f"tune.target.{target.kind}"),
            error=w.pct(best.se_cost, 2),
            samples=w.num(samples),
            tolerance=w.pct(target.tolerance),
        ),
    )


def _notes(scheme: Scheme, varied: tuple[Varied, ...]) -> tuple[str, ...]:
    """What the user should know about the parameters varied: one that changes nothing, one
    that segments or people of the roster set themselves (in the scheme's language)."""
    w = words(scheme.language)
    out = []
    plan = scheme.principles.plan_met
    used = set(scheme.reach("pay", *((plan,) if plan is not None else ())))
    todo = [n for n in used if n in scheme.derived]
    while todo:  # a derived parameter reads others (which may be derived too)
        for word in _WORD.findall(scheme.derived[todo.pop()]):
            if word in scheme.params and word not in used:
                used.add(word)
                if word in scheme.derived:
                    todo.append(word)
    for item in varied:
        if item.name not in used:
            out.append(w("tune.note.unused", name=item.name))
        segments = [s.name for s in scheme.team.segments if item.name in dict(s.params)]
        if segments:
            out.append(
                w(
                    "tune.note.segment.one" if len(segments) == 1 else "tune.note.segment.many",
                    segments=w("list.sep").join(w("quoted", name=s) for s in segments)
                    if w.language != "en"
                    else ", ".join(repr(s) for s in segments),
                    name=item.name,
                )
            )
        people = [p.name for p in scheme.team.people if item.name in dict(p.params)]
        if people:
            out.append(
                w(
                    "tune.note.people.one" if len(people) == 1 else "tune.note.people.many",
                    n=len(people)
                    if w.language == "en"
                    else w.count(len(people), "person", genitive=True),
                    name=item.name,
                    first=w("quoted", name=people[0]),
                )
            )
    return tuple(out)
