"""The result of ``tune``: the tuned plan, the parameters chosen, the figures before and after
(from a fresh seed), each constraint's verdict, a readable report (``str``) and ``to_dict()``."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, Protocol

from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.i18n import Words, words
from motivsim.scheme.money import format_money, format_value
from motivsim.tuning.spec import ReachRule, ShareRule, Target, Varied
from motivsim.tuning.text import tuned_text

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "SCHEMA",
    "Figures",
    "Outcome",
    "Row",
    "TuneResult",
    "build_result",
    "describe_binding",
    "step_of",
]

#: Identifier of the JSON layout of :meth:`TuneResult.to_dict` (keys are only added).
SCHEMA: Final = "motivsim.tune/1"


@dataclass(frozen=True, slots=True)
class Figures:
    """A plan's figures: principle 1's ratio, principle 2's score, principle 3's share
    (``None`` without uncontrollable KPIs), the share of manager-periods meeting the plan, the
    team's payroll per period and the cost of sales (``None`` without ``revenue_kpi``).
    ``passed`` holds ``check``'s verdict per principle (empty for search figures);
    ``reaching`` the share reaching each share-reaching rule's attainment of plan (by
    attainment; ``None`` when the plan's level cannot be found)."""

    ratio: float | None
    complexity: float
    uncontrollable: float | None
    share_met: float | None
    payroll: float
    cost_of_sales: float | None
    passed: Mapping[str, bool] = field(default_factory=FrozenMap)
    reaching: Mapping[float, float | None] = field(default_factory=FrozenMap)

    def __post_init__(self) -> None:
        object.__setattr__(self, "passed", frozen_mapping(self.passed))
        object.__setattr__(self, "reaching", frozen_mapping(self.reaching))

    def to_dict(self) -> dict[str, Any]:
        """JSON form (``ratio`` ``null`` when it cannot be measured or is unbounded)."""
        return {
            "ratio": _json(self.ratio),
            "complexity": self.complexity,
            "uncontrollable_share": _json(self.uncontrollable),
            "share_meeting_plan": _json(self.share_met),
            "payroll": _json(self.payroll),
            "cost_of_sales": _json(self.cost_of_sales),
            "passed": dict(self.passed),
            "share_reaching": [
                {"attainment": a, "share": _json(v)} for a, v in self.reaching.items()
            ],
        }


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the search found: whether a plan meets every constraint (``feasible``), whether the
    current one already did (``unchanged``), its relative ``distance`` from the current
    parameters, its figures on the search draws (``in_search``) and each constraint's
    violation there, the ratio the search asked for (``ratio_needed``, with the margin), how
    close to the target it kept the cost (``cost_aim``, relative), the parameter solved for the
    target cost (``lever``), and ``binding``: ``(constraint, sentence)`` for each constraint no
    plan in the ranges met."""

    feasible: bool
    unchanged: bool
    distance: float
    in_search: Figures
    violations: Mapping[str, float]
    ratio_needed: float
    cost_aim: float | None
    lever: str | None
    binding: tuple[tuple[str, str], ...]
    evaluations: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "violations", frozen_mapping(self.violations))


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the before/after table: a constraint (``holds`` and ``held`` before are
    verdicts) or a figure shown for information (both ``None``)."""

    name: str
    label: str
    needed: str
    before: str
    after: str
    holds: bool | None = None
    held: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "name": self.name,
            "label": self.label,
            "needed": self.needed,
            "before": self.before,
            "after": self.after,
            "holds": self.holds,
            "held_before": self.held,
        }


@dataclass(frozen=True, slots=True, eq=False)
class TuneResult:
    """The result of :func:`motivsim.tune`.

    ``scheme`` is the tuned plan (the original when it already met every constraint);
    ``params`` the values chosen for the varied parameters (exact, rounded to each one's
    ``step``); ``before`` and ``after`` the figures of the original and the tuned plan from the
    fresh seed ``check_seed`` (``check`` with ``check_samples`` samples, ``simulate`` for the
    cost); ``rows`` each constraint's verdict; ``passed`` whether every constraint holds with
    that seed. ``outcome`` is what the search found on its own draws (``samples``, ``seed``),
    with ``binding`` constraints when no plan in the ranges meets them all.
    """

    scheme: Scheme
    original: Scheme = field(repr=False)
    varied: tuple[Varied, ...]
    params: Mapping[str, Fraction]
    before: Figures
    after: Figures
    outcome: Outcome
    rows: tuple[Row, ...]
    keep: tuple[str, ...]
    target: Target | None
    share: ShareRule | None
    margin: float
    seed: int
    check_seed: int
    samples: int
    check_samples: int
    notes: tuple[str, ...] = ()
    reach: tuple[ReachRule, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", frozen_mapping(self.params))

    @property
    def passed(self) -> bool:
        """Every constraint holds with the fresh seed (and the search found a plan for all)."""
        return self.outcome.feasible and all(r.holds for r in self.rows if r.holds is not None)

    @property
    def feasible(self) -> bool:
        """Some plan in the ranges meets every constraint on the search draws."""
        return self.outcome.feasible

    @property
    def binding(self) -> tuple[tuple[str, str], ...]:
        """``(constraint, sentence)`` for each constraint no plan in the ranges meets."""
        return self.outcome.binding

    def toml_text(self) -> str:
        """The original scheme file with the new values of the varied ``[params]`` written in
        (everything else of the text as it was)."""
        return tuned_text(self.original, self.params)

    def to_dict(self) -> dict[str, Any]:
        """JSON form, layout :data:`SCHEMA`."""
        out = self.outcome
        return {
            "schema": SCHEMA,
            "scheme": self.original.name,
            "passed": self.passed,
            "feasible": out.feasible,
            "unchanged": out.unchanged,
            "params": {k: _plain(v) for k, v in self.params.items()},
            "varied": [v.to_dict() for v in self.varied],
            "distance": out.distance,
            "lever": out.lever,
            "keep": list(self.keep),
            "target": None if self.target is None else self.target.to_dict(),
            "share_meeting_plan": None if self.share is None else self.share.to_dict(),
            "share_reaching": [r.to_dict() for r in self.reach],
            "margin": self.margin,
            "ratio_needed_in_search": out.ratio_needed,
            "cost_aim_in_search": out.cost_aim,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "in_search": out.in_search.to_dict(),
            "constraints": [r.to_dict() for r in self.rows],
            "binding": [{"constraint": k, "message": m} for k, m in out.binding],
            "seed": self.seed,
            "check_seed": self.check_seed,
            "samples": self.samples,
            "check_samples": self.check_samples,
            "evaluations": out.evaluations,
            "notes": list(self.notes),
        }

    def verdict(self) -> str:
        """One line: ``PASS: base = 18,600 (was 40,000); every constraint holds ...``."""
        lang = self.original.language
        w = words(lang)
        changes = ", ".join(
            f"{v.name} = {format_value(self.params[v.name], language=lang)}" for v in self.varied
        )
        if self.outcome.unchanged and self.passed:
            return w("tune.verdict.unchanged")
        if self.passed:
            return w("tune.verdict.pass", changes=changes, seed=self.check_seed)
        if not self.outcome.feasible:
            names = ", ".join(self._constraint(k, w) for k, _ in self.outcome.binding)
            return w("tune.verdict.infeasible", names=names or w("tune.verdict.a_constraint"))
        failed = ", ".join(self._constraint(r.name, w) for r in self.rows if r.holds is False)
        return w("tune.verdict.missed", changes=changes, failed=failed, seed=self.check_seed)

    def _constraint(self, name: str, w: Words) -> str:
        """A constraint as the verdict names it: its code in English, its label otherwise."""
        if w.language == "en":
            return name
        short = w.get(f"principle.short.{name}", "")
        if short:
            return short
        return next((r.label for r in self.rows if r.name == name), name)

    def __str__(self) -> str:
        return _render(self)


class _Limits(Protocol):
    """What a sentence about a binding constraint reads of the search's constraints."""

    @property
    def min_ratio(self) -> float: ...
    @property
    def max_share(self) -> float: ...
    @property
    def complexity(self) -> float: ...
    @property
    def max_complexity(self) -> float: ...
    @property
    def margin(self) -> float: ...
    @property
    def target(self) -> Target | None: ...
    @property
    def share(self) -> ShareRule | None: ...
    @property
    def reach(self) -> tuple[ReachRule, ...]: ...


def build_result(
    *,
    original: Scheme,
    tuned: Scheme,
    varied: tuple[Varied, ...],
    params: Mapping[str, Fraction],
    before: Figures,
    after: Figures,
    outcome: Outcome,
    keep: tuple[str, ...],
    target: Target | None,
    share: ShareRule | None,
    margin: float,
    seed: int,
    check_seed: int,
    samples: int,
    check_samples: int,
    notes: tuple[str, ...],
    reach: tuple[ReachRule, ...] = (),
) -> TuneResult:
    """The result, with the before/after table's rows."""
    p = original.principles
    w = words(original.language)
    money = _money(original)
    rows: list[Row] = []

    def pct(value: float | None) -> str:
        return _pct(value, w)

    def principle(name: str, needed: str, shown: Any) -> None:
        kept = name in keep
        rows.append(
            Row(
                name,
                w(f"tune.label.{name}"),
                needed if kept else w("tune.need.not_kept", needed=needed),
                shown(before),
                shown(after),
                after.passed.get(name) if kept else None,
                before.passed.get(name) if kept else None,
            )
        )

    principle("ratio", w("tune.need.ratio", n=w.limit(p.min_ratio)), lambda f: _ratio(f.ratio, w))
    principle(
        "complexity",
        w("tune.need.at_most", n=w.num(p.max_complexity, "g")),
        lambda f: w.num(f.complexity, "g"),
    )
    principle(
        "control",
        w("tune.need.at_most", n=w.pct(p.max_uncontrollable_share, 0)),
        lambda f: (
            w("tune.control.none", share=w.pct(0.0))
            if f.uncontrollable is None
            else w.pct(f.uncontrollable)
        ),
    )
    cost_shown = original.revenue_kpi is not None
    for kind in ("cost_of_sales", "payroll"):
        shown = pct if kind == "cost_of_sales" else money
        label = (
            w("tune.label.cost_of_sales")
            if kind == "cost_of_sales"
            else w("tune.label.payroll", period=_period(original, w))
        )
        if target is not None and target.kind == kind and target.value is not None:
            # "current": the tuned plan against the current one on the same fresh draws
            reference = _get(before, kind) if target.current else target.value

            def within(
                f: Figures,
                ref: float | None = reference,
                tol: float = target.tolerance,
                k: str = kind,
            ) -> bool:
                got = _get(f, k)
                if got is None or not ref:
                    return False
                return abs(got / ref - 1) <= tol * (1 + 1e-9)

            needed = (
                w("tune.need.current", tolerance=w.pct(target.tolerance))
                if target.current
                else f"{shown(target.value)} ± {w.pct(target.tolerance)}"
            )
            rows.append(
                Row(
                    kind,
                    label,
                    needed,
                    shown(_get(before, kind)),
                    shown(_get(after, kind)),
                    within(after),
                    within(before),
                )
            )
        elif kind == "payroll" or cost_shown:
            rows.append(Row(kind, label, "", shown(_get(before, kind)), shown(_get(after, kind))))
    if share is not None:

        def inside(f: Figures, rule: ShareRule = share) -> bool:
            return f.share_met is not None and rule.low <= f.share_met <= rule.high

        rows.append(
            Row(
                "share_meeting_plan",
                w("tune.label.share_meeting_plan"),
                _range_text(share.low, share.high, w),
                pct(before.share_met),
                pct(after.share_met),
                inside(after),
                inside(before),
            )
        )
    else:
        rows.append(
            Row(
                "share_meeting_plan",
                w("tune.label.share_meeting_plan"),
                "",
                pct(before.share_met),
                pct(after.share_met),
            )
        )
    for rule in reach:

        def reached(f: Figures, r: ReachRule = rule) -> bool:
            got = f.reaching.get(r.attainment)
            return got is not None and r.low <= got <= r.high

        rows.append(
            Row(
                rule.name,
                w("tune.label.reach", attainment=w.localize(f"{rule.attainment * 100:g}%")),
                _range_text(rule.low, rule.high, w),
                pct(before.reaching.get(rule.attainment)),
                pct(after.reaching.get(rule.attainment)),
                reached(after),
                reached(before),
            )
        )
    return TuneResult(
        scheme=tuned,
        original=original,
        varied=varied,
        params=params,
        before=before,
        after=after,
        outcome=outcome,
        rows=tuple(rows),
        keep=keep,
        target=target,
        share=share,
        margin=margin,
        seed=seed,
        check_seed=check_seed,
        samples=samples,
        check_samples=check_samples,
        notes=notes,
        reach=reach,
    )


def describe_binding(
    name: str,
    *,
    value: float | None,
    needed: float | None,
    point: Sequence[Fraction],
    varied: Sequence[Varied],
    limits: _Limits,
    flat: bool,
    alone: bool,
    error: str | None = None,
    language: str = "en",
) -> str:
    """The sentence for a constraint no plan in the ranges meets: the best figure any
    candidate reached, where (and whether at the end of a range), and what to do; in
    ``language`` (the scheme's)."""
    w = words(language)
    where = _where(point, varied, w)
    names = w("tune.bind.or").join(v.name for v in varied)
    ends = [v.name for x, v in zip(point, varied, strict=True) if x in (v.low, v.high)]
    widen = ""
    if ends and not flat:
        widen = w(
            "tune.bind.widen.one" if len(ends) == 1 else "tune.bind.widen.many",
            names=w("tune.bind.and").join(ends),
        )
    if flat:
        tail = w("tune.bind.flat.one" if len(varied) == 1 else "tune.bind.flat.many", names=names)
    else:
        tail = w("tune.bind.at", where=where)
    if name == "ratio":
        need = (
            w("tune.bind.ratio.margin", needed=w.times(needed), min_ratio=w.limit(limits.min_ratio))
            if needed is not None and limits.margin
            else w("tune.bind.ratio.needs", min_ratio=w.limit(limits.min_ratio))
        )
        if value is None:
            return w("tune.bind.ratio.none", tail=tail)
        text = w("tune.bind.ratio", ratio=_ratio(value, w), tail=tail, need=need, widen=widen)
    elif name == "complexity":
        text = w(
            "tune.bind.complexity",
            score=w.num(limits.complexity, "g"),
            allowed=w.num(limits.max_complexity, "g"),
        )
    elif name == "control":
        text = w(
            "tune.bind.control",
            share=_pct(value, w),
            tail=tail,
            allowed=w.pct(limits.max_share, 0),
            widen=widen,
        )
    elif name in ("cost_of_sales", "payroll"):
        target = limits.target
        want = target.value if target is not None and target.value is not None else math.nan
        if name == "cost_of_sales":
            shown_value, shown_want = _pct(value, w), _pct(want, w)
        else:
            shown_value = format_value(_frac(value), language=w.language)
            shown_want = format_value(_frac(want), language=w.language)
        text = w(
            "tune.bind.cost",
            label=w(f"tune.bind.label.{name}"),
            value=shown_value,
            tail=tail,
            target=shown_want,
            widen=widen or w("tune.bind.cost.vary"),
        )
    elif name == "share_meeting_plan":
        rule = _range_text(limits.share.low, limits.share.high, w) if limits.share else ""
        text = w(
            "tune.bind.share",
            value=_pct(value, w),
            tail=tail,
            wanted=rule,
            fix=w("tune.bind.share.level") if flat else w("tune.bind.share.move", widen=widen),
        )
    elif name.startswith("share_reaching_"):
        found = next((r for r in limits.reach if r.name == name), None)
        label = (
            name
            if found is None
            else found.label
            if w.language == "en"
            else w("tune.label.reach", attainment=w.localize(f"{found.attainment * 100:g}%"))
        )
        wanted = "" if found is None else _range_text(found.low, found.high, w)
        text = w(
            "tune.bind.reach",
            label=label,
            value=_pct(value, w),
            tail=tail,
            wanted=wanted,
            fix=w("tune.bind.reach.level") if flat else w("tune.bind.reach.move", widen=widen),
        )
    else:
        text = (
            w("tune.bind.error", where=where, error=error)
            if error
            else w("tune.bind.finite", where=where)
        )
    if alone and name not in ("complexity", "finite"):
        text += w("tune.bind.alone")
    return text


def step_of(value: Fraction, step: Fraction) -> Fraction:
    """The coarsest of ``step``, ``step / 10``, ... (down to ``step / 1000``) that ``value`` is a
    multiple of: how finely a tuned value was rounded."""
    for finer in (1, 10, 100, 1000):
        unit = step / finer
        if (value / unit).denominator == 1:
            return unit
    return step / 1000


def _where(point: Sequence[Fraction], varied: Sequence[Varied], w: Words) -> str:
    parts = []
    for x, v in zip(point, varied, strict=True):
        end = (
            w("tune.bind.low_end") if x == v.low else w("tune.bind.high_end") if x == v.high else ""
        )
        parts.append(f"{v.name} = {format_value(x, language=w.language)}{end}")
    return w("tune.bind.and").join(parts)


def _render(result: TuneResult) -> str:
    original = result.original
    out = result.outcome
    lang = original.language
    w = words(lang)

    def value(x: Fraction) -> str:
        return format_value(x, language=lang)

    title = w("tune.head", scheme=original.name)
    lines = [title, "=" * len(title)]
    if lang == "en":
        runs = "draws" if original.team.size == 1 else "manager-periods"
        draws = f"{result.samples:,} {runs}"
    elif original.team.size == 1:
        draws = w.count(result.samples, "draw")
    else:
        draws = w.period(original.period).count_manager_periods(result.samples)
    lines.append(
        w(
            "tune.search",
            draws=draws,
            seed=result.seed,
            evaluations=w.num(out.evaluations),
            check_seed=result.check_seed,
            check_samples=w.num(result.check_samples),
        )
    )
    lines.append("")
    width = max(len(v.name) for v in result.varied)
    col = {k: w(f"tune.col.{k}") for k in ("parameter", "range", "current", "tuned", "change")}
    first = max(width, len(col["parameter"]))
    head = (
        f"  {col['parameter']:<{first}}  {col['range']:<22}  {col['current']:>14}  "
        f"{col['tuned']:>14}  {col['change']}"
    )
    lines.append(head)
    for v in result.varied:
        new = result.params[v.name]
        change = (
            "-"
            if new == v.current
            else w.localize(f"{float((new - v.current) / v.current):+.1%}")
            if v.current
            else f"{value(new - v.current)}"
        )
        span = f"{value(v.low)}..{value(v.high)}"
        lever = w("tune.lever") if out.lever == v.name else ""
        lines.append(
            f"  {v.name:<{first}}  {span:<22}  {value(v.current):>14}  "
            f"{value(new):>14}  {change}{lever}"
        )
    lines.append("")
    if out.unchanged and out.feasible:
        lines.append(w("tune.unchanged"))
    elif out.feasible:
        steps = ", ".join(
            w(
                "tune.rounded.step",
                name=v.name,
                step=value(step_of(result.params[v.name], v.step)),
            )
            for v in result.varied
        )
        finer = any(step_of(result.params[v.name], v.step) < v.step for v in result.varied)
        lines.append(w("tune.chosen", distance=w.num(out.distance, ".3f")))
        lines.append(w("tune.rounded", steps=steps, finer=w("tune.rounded.finer") if finer else ""))
    else:
        lines.append(w("tune.infeasible"))
        lines += [f"  - {message}" for _, message in out.binding]
        lines.append(w("tune.shown.current" if out.unchanged else "tune.shown.closest"))
    lines.append("")
    lines += _table(result, w)
    lines.append("")
    if "ratio" in result.keep and result.margin and out.in_search.ratio is not None:
        lines.append(
            w(
                "tune.margin",
                ratio=_ratio(out.in_search.ratio, w),
                needed=w.times(out.ratio_needed),
                min_ratio=w.limit(original.principles.min_ratio),
                margin=w.num(result.margin, "g"),
                samples=w.num(result.check_samples),
            )
        )
    if result.target is not None and out.cost_aim is not None:
        lines.append(
            w(
                "tune.target",
                label=w(f"tune.target.{result.target.kind}"),
                aim=w.pct(out.cost_aim, 2),
                tolerance=w.pct(result.target.tolerance),
                margin=w.num(result.margin, "g"),
            )
        )
    for note in result.notes:
        lines.append(w("tune.note", note=note))
    lines.append("")
    lines.append(w("tune.verdict", verdict=result.verdict()))
    return "\n".join(lines)


def _table(result: TuneResult, w: Words) -> list[str]:
    rows = result.rows
    needed, before, after = (w(f"tune.col.{k}") for k in ("needed", "before", "after"))
    w_label = max(len(r.label) for r in rows)
    w_need = max(len(needed), *(len(r.needed) for r in rows))
    w_before = max(len(before), *(len(r.before) for r in rows))
    w_after = max(len(after), *(len(r.after) for r in rows))
    out = [f"  {'':<{w_label}}  {needed:<{w_need}}  {before:>{w_before}}        {after:>{w_after}}"]
    for r in rows:
        out.append(
            f"  {r.label:<{w_label}}  {r.needed:<{w_need}}  {r.before:>{w_before}}  "
            f"{_mark(r.held, w):<4}  {r.after:>{w_after}}  {_mark(r.holds, w)}".rstrip()
        )
    return out


def _mark(ok: bool | None, w: Words) -> str:
    return "" if ok is None else w("tune.mark.ok") if ok else w("tune.mark.fail")


def _period(scheme: Scheme, w: Words) -> str:
    """The pay period as the payroll's label names it (``month``; Russian ``месяц``)."""
    if w.language == "en":
        return scheme.period or "period"
    return w.period(scheme.period).accusative


def _range_text(low: float, high: float, w: Words) -> str:
    """A practice rule's range: ``60%..70%``, ``at least 60%`` or ``at most 70%``."""
    if high >= 1:
        return w("tune.need.at_least", n=w.pct(low, 0))
    if low <= 0:
        return w("tune.need.at_most", n=w.pct(high, 0))
    return f"{w.pct(low, 0)}..{w.pct(high, 0)}"


def _get(figures: Figures, kind: str) -> float | None:
    return figures.cost_of_sales if kind == "cost_of_sales" else figures.payroll


def _ratio(value: float | None, w: Words | None = None) -> str:
    w = w or words()
    if value is None:
        return w("na")
    return w.times(value)


def _pct(value: float | None, w: Words | None = None) -> str:
    w = w or words()
    if value is None or not math.isfinite(value):
        return w("na")
    return w.pct(value, 2 if value < 0.1 else 1)


def _money(scheme: Scheme) -> Any:
    w = words(scheme.language)

    def shown(value: float | None) -> str:
        if value is None:
            return w("na")
        return format_money(value, scheme.currency, scheme.rounding, w.language)

    return shown


def _frac(value: float | None) -> Fraction:
    if value is None or not math.isfinite(value):
        return Fraction(0)
    return Fraction(round(value, 2)).limit_denominator(100)


def _plain(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _json(value: float | None) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None
