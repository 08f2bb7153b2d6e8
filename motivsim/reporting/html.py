"""One self-contained HTML page about a scheme: verdicts, a pay statement, curves, simulation.

:func:`collect` runs the computations (the check, a typical manager's statement, the curves, the
simulation), keeping each part's error instead of failing the whole page; :func:`render_html`
lays the results out. Every string from the scheme is HTML-escaped (names and descriptions are
untrusted), pictures are embedded as base64 PNG, and a Content-Security-Policy forbids scripts
and every external resource, so the page opens offline and can be mailed around.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from html import escape
from pathlib import Path
from typing import Any, Final, TypeVar

from motivsim._version import __version__
from motivsim.checks import CheckReport, RatioDetails, check
from motivsim.checks.ratio import SEGMENT_TABLE_HEADING, AttainmentTable, PlanSplit, format_ratio
from motivsim.errors import ArgumentError, MotivsimError
from motivsim.findings import Finding
from motivsim.formula.certified import EXACTNESS
from motivsim.reporting.output import check_output, input_files, write_output
from motivsim.reporting.periods import count, over, per, year_label
from motivsim.reporting.plot import require_matplotlib
from motivsim.reporting.plot._mpl import standalone_figure
from motivsim.reporting.plot.curve import (
    CurveData,
    GroupPay,
    default_kpi,
    typical_values,
)
from motivsim.reporting.plot.curves import draw_curve, draw_team_curves, team_height
from motivsim.reporting.plot.distribution import distribution_data, draw_distribution
from motivsim.reporting.plot.markers import format_number
from motivsim.reporting.plot.segments import TeamCurves, pay_curves_data
from motivsim.sampling.draws import MAX_SAMPLES, MIN_SAMPLES
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.scheme.money import format_money
from motivsim.scheme.statement import Statement
from motivsim.simulation import SimulationResult, simulate
from motivsim.simulation.job import MAX_PERIODS, MAX_RUN_SIZE, MAX_RUNS, check_work
from motivsim.simulation.summarize import with_principle_one
from motivsim.validation import check_int

__all__ = ["ReportParts", "collect", "render_html", "write_report"]

T = TypeVar("T")

#: Most KPIs that get a pay curve of their own (the default KPI first).
MAX_CURVES: Final = 4
#: Resolution of the embedded pictures.
DPI: Final = 100

_COMPARISON: Final = {">=": "≥", "<=": "≤"}
_CSP: Final = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


@dataclass(frozen=True, slots=True)
class ReportParts:
    """Everything a report shows; a part that could not be computed is ``None`` with its error."""

    scheme: Scheme
    seed: int
    samples: int
    runs: int
    check: CheckReport | None = None
    statement: Statement | None = None
    curves: tuple[CurveData | TeamCurves, ...] = ()
    simulation: SimulationResult | None = None
    errors: dict[str, str] = field(default_factory=dict)
    periods: int = 1


def collect(
    scheme: Scheme | str | Path,
    *,
    samples: int = 20_000,
    runs: int = 20_000,
    seed: int = 0,
    periods: int = 1,
) -> ReportParts:
    """Compute every part of the report for ``scheme`` (each part's error is kept, not raised).

    ``scheme`` is a :class:`~motivsim.Scheme` or the path of a scheme file; a wrong argument
    (``samples`` as ``check`` takes it, ``runs`` and ``periods`` as ``simulate`` does, a
    non-negative ``seed``) raises :class:`~motivsim.errors.ArgumentError` at once rather than
    becoming a part's error. With ``periods`` above 1 each simulated run covers that many
    periods, and the page adds the amounts over them (``periods=12`` of a monthly scheme: the
    team's payroll per year and one manager's annual pay).

    Examples
    --------
    >>> import motivsim
    >>> parts = collect(motivsim.load("schemes/dealership.toml"), seed=1)
    >>> html = render_html(parts)
    """
    scheme = as_scheme(scheme, caller="collect")
    samples = check_int(
        "samples", samples, least=MIN_SAMPLES, most=MAX_SAMPLES, noun="an integer", show_name=True
    )
    runs = check_int("runs", runs, least=1, most=MAX_RUNS)
    periods = check_periods(scheme, periods)
    check_work(scheme.team.size, runs, periods, override=None)
    seed = check_int("seed", seed, least=0, noun="an integer")
    errors: dict[str, str] = {}
    check = _attempt(errors, "check", lambda: _run_check(scheme, samples, seed))
    statement = _attempt(errors, "statement", lambda: scheme.explain(typical_values(scheme)))
    curves = _attempt(errors, "curves", lambda: _curves(scheme, check, seed, samples)) or ()
    simulation = _attempt(
        errors, "simulation", lambda: _run_simulation(scheme, runs, periods, seed)
    )
    if simulation is not None and check is None:  # principle 1's figure from the simulation
        simulation = with_principle_one(simulation, scheme)
    return ReportParts(
        scheme, seed, samples, runs, check, statement, curves, simulation, errors, periods
    )


def check_periods(scheme: Scheme, periods: Any) -> int:
    """``periods`` as a simulation takes it: a whole number from 1 to
    :data:`~motivsim.simulation.job.MAX_PERIODS`, and one run (team size x periods) at most
    :data:`~motivsim.simulation.job.MAX_RUN_SIZE` manager-periods."""
    periods = check_int("periods", periods, least=1, most=MAX_PERIODS)
    size = scheme.team.size * periods
    if size > MAX_RUN_SIZE:
        raise ArgumentError(
            f"one run has {scheme.team.size:,} managers x {periods:,} periods = {size:,} "
            f"manager-periods; the limit is {MAX_RUN_SIZE:,}",
            hint="simulate fewer periods, or a smaller team",
        )
    return periods


def write_report(scheme: Scheme | str | Path, path: str | Path, **options: Any) -> Path:
    """:func:`collect` and :func:`render_html` ``scheme`` into the file ``path`` (UTF-8),
    written atomically and never over the scheme's own files (:mod:`motivsim.reporting.output`).
    """
    check_output(path, what="path")
    scheme = as_scheme(scheme, caller="write_report")
    page = render_html(collect(scheme, **options)).encode("utf-8")
    write_output(path, lambda handle: handle.write(page), inputs=input_files(scheme), what="path")
    return Path(path)


def _attempt(errors: dict[str, str], part: str, compute: Callable[[], T]) -> T | None:
    try:
        return compute()
    except MotivsimError as exc:
        errors[part] = str(exc)
        return None


def _run_check(scheme: Scheme, samples: int, seed: int) -> CheckReport:
    return check(scheme, samples=samples, seed=seed)


def _run_simulation(scheme: Scheme, runs: int, periods: int, seed: int) -> SimulationResult:
    return simulate(scheme, runs=runs, periods=periods, seed=seed)


def _curves(
    scheme: Scheme, check: CheckReport | None, seed: int, samples: int
) -> tuple[CurveData | TeamCurves, ...]:
    """A picture per KPI (at most :data:`MAX_CURVES`): one curve, or one per segment (and
    person) when the team is paid by parameters of its own (:func:`pay_curves_data`)."""
    first = default_kpi(scheme)
    names = [first, *(k for k in scheme.pay_inputs if k != first)][:MAX_CURVES]
    groups = _check_groups(scheme, check)
    split = _check_split(check)
    out: list[CurveData | TeamCurves] = []
    for name in names:
        data = pay_curves_data(scheme, kpi=name, seed=seed, samples=0 if groups else samples)
        if isinstance(data, TeamCurves):
            if split is not None:
                data = data.with_split(split, scheme.principles.min_ratio)
            out.append(data)
        else:
            out.append(replace(data, groups=groups) if groups and data.regions else data)
    return tuple(out)


def _check_split(check: CheckReport | None) -> PlanSplit | None:
    """Principle 1's figure as the check measured it (with each segment's share)."""
    if check is None:
        return None
    try:
        details = check.result("ratio").details
    except MotivsimError:
        return None
    return details.split if isinstance(details, RatioDetails) else None


def _check_groups(scheme: Scheme, check: CheckReport | None) -> GroupPay | None:
    """Hitters' and non-hitters' mean pay from principle 1's check: one set of numbers per page."""
    if check is None:
        return None
    try:
        result = check.result("ratio")
    except MotivsimError:
        return None
    details = result.details
    if not isinstance(details, RatioDetails):
        return None
    if details.split is not None:
        return GroupPay.of(details.split, result.threshold, scheme.period)
    met, missed = details.met, details.missed
    return GroupPay(
        hitters_mean=met.mean if met.count else None,
        non_hitters_mean=missed.mean if missed.count else None,
        hitters_share=details.share_met,
        samples=check.samples,
        seed=check.seed,
        min_ratio=result.threshold,
    )


# -- rendering ----------------------------------------------------------------------------------
def render_html(parts: ReportParts) -> str:
    """The report page of ``parts`` as one HTML document (needs matplotlib for the pictures)."""
    require_matplotlib()
    scheme = parts.scheme
    body = [
        _header(parts),
        _section(
            "check", "Principles", _check_html(parts.check, scheme), parts.errors.get("check")
        ),
        _section(
            "statement",
            "Pay statement of a typical manager",
            _statement_html(parts.statement),
            parts.errors.get("statement"),
        ),
        _section("curves", "Pay curves", _curves_html(parts.curves), parts.errors.get("curves")),
        _section(
            "simulation", "Simulation", _simulation_html(parts), parts.errors.get("simulation")
        ),
        _footer(parts),
    ]
    title = escape(f"motivsim report: {scheme.name}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(b for b in body if b)
        + "\n</main>\n</body>\n</html>\n"
    )


def _header(parts: ReportParts) -> str:
    s = parts.scheme
    facts = [f for f in (s.currency, f"per {s.period}" if s.period else "") if f]
    meta = " · ".join([*facts, f"rounding {s.rounding}"])
    verdict = ""
    if parts.check is not None:
        ok = parts.check.passed
        held = sum(r.passed for r in parts.check.results)
        verdict = (
            f'<p class="verdict {"pass" if ok else "fail"}">{"PASS" if ok else "FAIL"}: '
            f"{held} of {len(parts.check.results)} principles hold</p>"
        )
    desc = f'<p class="desc">{escape(s.description)}</p>' if s.description else ""
    return (
        f"<header>\n<h1>{escape(s.name)}</h1>\n{desc}\n"
        f'<p class="meta">{escape(meta)}</p>\n{verdict}\n</header>'
    )


def _section(ident: str, title: str, content: str, error: str | None) -> str:
    note = (
        f'<div class="error"><strong>Not available:</strong><pre>{escape(error)}</pre></div>'
        if error
        else ""
    )
    return f'<section id="{ident}">\n<h2>{escape(title)}</h2>\n{note}{content}\n</section>'


def _figure(name: str, value: float) -> str:
    """A principle's figure as its text report shows it: the ratio as ``2.57x``, the share of
    variance from uncontrollable KPIs as ``0.3%`` (JSON keeps the plain fraction ``0.00339``),
    the complexity score as a number of points."""
    if value == float("inf"):
        return "∞"
    if name == "ratio":
        return f"{value:,.2f}x"
    if name == "control":
        return f"{value:.1%}"
    return f"{value:,g}"


def _check_html(report: CheckReport | None, scheme: Scheme | None = None) -> str:
    if report is None:
        return ""
    rows = []
    for r in report.results:
        figure = "—" if r.value is None else _figure(r.name, r.value)
        interval = (
            f"<br><small>{_figure(r.name, r.interval[0])} to {_figure(r.name, r.interval[1])}"
            "</small>"
            if r.interval
            else ""
        )
        advice = f'<p class="advice">→ {escape(r.advice)}</p>' if r.advice else ""
        notes = _notes_html(r.notes, r.details, scheme)
        notes_html = (
            f'<details><summary>details</summary><ul class="notes">{notes}</ul></details>'
            if notes
            else ""
        )
        rows.append(
            f"<tr><td>{r.principle}</td><td>{escape(r.title)}</td>"
            f'<td><span class="badge {_pass(r.passed)}">{escape(r.verdict)}</span></td>'
            f'<td class="num">{escape(figure)}{interval}</td>'
            f'<td class="num">{_COMPARISON[r.comparison]} {_figure(r.name, r.threshold)}</td>'
            f"<td>{escape(r.summary)}{advice}{notes_html}</td></tr>"
        )
    table = _table(["#", "principle", "verdict", "figure", "needed", "what it means"], rows)
    meta = (
        f'<p class="meta">seed {report.seed} · {report.samples:,} samples · '
        f"{report.confidence:.0%} intervals</p>"
    )
    return meta + table + _warnings_html(report.warnings)


def _notes_html(notes: Sequence[str], details: Any, scheme: Scheme | None) -> str:
    """A check's notes as list items; principle 1's pay by plan attainment per segment (a
    text table in the notes) as an HTML table instead."""
    tables = details.pay_by_segment if isinstance(details, RatioDetails) else ()
    items = []
    skipping = False
    for note in notes:
        if skipping and note.startswith("  ") and not note.startswith("  and "):
            continue
        skipping = False
        if tables and scheme is not None and note.startswith(SEGMENT_TABLE_HEADING):
            items.append(f"<li>{escape(note)}{_attainment_html(tables, scheme)}</li>")
            skipping = True
        elif note:
            items.append(f"<li>{escape(note)}</li>")
    return "".join(items)


def _attainment_html(tables: Sequence[AttainmentTable], scheme: Scheme) -> str:
    """Pay by plan attainment, a row per segment (and set of people's own parameters): pay at
    each share of their own plan."""
    shares = [f"{p.attainment:.0%}" for p in tables[0].points]
    held = sorted({k for t in tables for k in t.others})
    rows = []
    for t in tables:
        who = t.segment or ""
        if t.people:
            names = t.people if len(t.people) <= 2 else (t.people[0], f"{len(t.people) - 1} others")
            who = f"{' and '.join(names) if len(t.people) > 2 else ', '.join(names)} ({who})"
        cells = [f'<td class="num">{escape(format_number(t.plan_value))}</td>']
        cells += [
            f'<td class="num">{escape(format_number(t.others[k]))}</td>'
            if k in t.others
            else "<td></td>"
            for k in held
        ]
        cells += [
            f'<td class="num">{escape(format_money(p.pay, None, scheme.rounding))}</td>'
            for p in t.points
        ]
        rows.append(f"<tr><td>{escape(who)}</td>{''.join(cells)}</tr>")
    head = ["", f"plan ({escape(tables[0].kpi)})", *(escape(k) for k in held), *shares]
    return _table(head, rows)


def _warnings_html(warnings: Sequence[Finding]) -> str:
    if not warnings:
        return "<p>No design warnings.</p>"
    items = "".join(
        f"<li><strong>{escape(w.code)}</strong>"
        + (f" <small>(step {escape(w.step)})</small>" if w.step else "")
        + f": {escape(w.message)}<br><em>fix:</em> {escape(w.fix)}</li>"
        for w in warnings
    )
    return f'<h3>Warnings ({len(warnings)})</h3>\n<ul class="warnings">{items}</ul>'


def _statement_html(statement: Statement | None) -> str:
    if statement is None:
        return ""
    rows = [
        f'<tr><td>{escape(i.name)}</td><td></td><td class="num">{escape(i.shown)}</td>'
        f"<td><small>{escape(i.note)}</small></td></tr>"
        for i in statement.inputs
    ]
    rows += [
        f'<tr class="param"><td>{escape(p.name)}</td><td><small>parameter</small></td>'
        f'<td class="num">{escape(p.shown)}</td><td></td></tr>'
        for p in statement.params
    ]
    rows += [
        f"<tr><td>{escape(s.name)}</td><td><code>{escape(s.formula)}</code></td>"
        f'<td class="num">{escape(s.shown)}</td><td></td></tr>'
        for s in statement.steps
    ]
    total = format_money(statement.total, statement.currency, statement.rounding)
    per = f" per {statement.period}" if statement.period else ""
    return (
        "<p>KPIs at their typical values (the distribution's median unless the scheme gives "
        "<code>typical</code>).</p>"
        + _table(["name", "formula", "value", ""], rows)
        + f'<p class="total">Total pay: <strong>{escape(total)}</strong>{escape(per)} '
        f"<small>(exact pay rounded once to cents, {escape(statement.rounding)})</small></p>"
    )


def _curves_html(curves: Sequence[CurveData | TeamCurves]) -> str:
    out = []
    for data in curves:
        if isinstance(data, TeamCurves):
            out.append(_team_html(data))
            continue
        png = _png_figure(partial(_curve_on, draw_curve, data), height=5.6)
        alt = f"pay against {data.kpi.name}"
        rows = [
            f'<tr><td>{escape(m.kind)}</td><td class="num">{escape(format_number(m.x))}</td>'
            f"<td>{escape(m.label)}</td></tr>"
            for m in data.markers
        ]
        table = _table(["marker", escape(data.kpi.name), "rule"], rows) if rows else ""
        out.append(
            f"<figure>{_img(png, alt)}<figcaption>{escape(alt)}</figcaption></figure>{table}"
        )
    return "\n".join(out)


def _team_html(data: TeamCurves) -> str:
    """A team's picture (a curve per segment and person), its caption naming each curve, and
    each segment's rule changes."""
    png = _png_figure(_team_on(data), height=5.6)
    against = "plan attainment" if data.attainment else data.kpi.name
    names = ", ".join(c.name for c in data.segments)
    alt = f"pay against {against}, one curve per segment: {names}"
    caption = alt
    if data.people:
        caption += "; thin curves: " + ", ".join(c.name for c in data.people)
    if data.bands:
        caption += (
            f"; shaded: the pay of {data.movers:,} people by their own parameters, lowest to "
            "highest, per segment"
        )
    if data.attainment:
        caption += f" (x: {data.kpi.name} as a share of each one's own plan)"
    rows = []
    for curve in data.segments:
        for m in curve.data.markers:
            share = (
                f'<td class="num">{escape(f"{m.x / curve.scale:.0%}")}</td>'
                if data.attainment
                else ""
            )
            rows.append(
                f"<tr><td>{escape(curve.name)}</td><td>{escape(m.kind)}</td>"
                f'<td class="num">{escape(format_number(m.x))}</td>{share}'
                f"<td>{escape(m.label)}</td></tr>"
            )
    head = ["segment", "marker", escape(data.kpi.name)]
    head += ["share of own plan"] if data.attainment else []
    table = _table([*head, "rule"], rows) if rows else ""
    return f"<figure>{_img(png, alt)}<figcaption>{escape(caption)}</figcaption></figure>{table}"


def _team_on(data: TeamCurves) -> Callable[[Any], Any]:
    def draw(fig: Any) -> Any:
        ax = draw_team_curves(data, ax=fig.subplots())
        fig.set_figheight(team_height(ax))
        return ax

    return draw


def _simulation_html(parts: ReportParts) -> str:
    sim = parts.simulation
    if sim is None:
        return ""
    data = distribution_data(parts.scheme, result=sim)
    png = _png_figure(partial(_draw_on, draw_distribution, data), height=5.6)
    head = (
        f'<p class="meta">{sim.runs:,} runs × {escape(count(sim.periods, sim.period))} × '
        f"{sim.managers:,} manager{'s' if sim.managers != 1 else ''} · seed {sim.seed}</p>"
    )
    figure = (
        f"<figure>{_img(png, 'simulated distribution of pay')}"
        "<figcaption>simulated distribution of pay, with P5, P50, P95 and the mean</figcaption>"
        "</figure>"
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in sim.notes)
    return (
        head
        + (f"<h3>{escape(per(sim.period)).capitalize()}</h3>" if sim.periods > 1 else "")
        + _amounts_table(sim, parts.scheme)
        + _year_html(sim, parts.scheme)
        + _figures_table(sim, parts.scheme, _principle_split(parts))
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + figure
    )


def _draw_on(draw: Callable[..., Any], data: Any, fig: Any) -> Any:
    return draw(data, fig=fig)


def _curve_on(draw: Callable[..., Any], data: Any, fig: Any) -> Any:
    return draw(data, ax=fig.subplots())


def _amounts_table(sim: SimulationResult, scheme: Scheme) -> str:
    """Amounts in one period (with one period, one manager's pay too)."""
    unit = sim.period or "period"
    rows: list[tuple[str, Any]] = [(f"team payroll per {unit}", sim.payroll)]
    if len(sim.segments) > 1:
        rows += [(f"payroll of segment {s.name} ({s.count})", s.payroll) for s in sim.segments]
        if sim.periods == 1:
            rows += [(f"one manager of segment {s.name}", s.manager) for s in sim.segments]
    if sim.managers > 1 and sim.periods == 1:
        rows.append(("one manager, any segment", sim.manager))
    return _money_table(rows, scheme)


def _year_html(sim: SimulationResult, scheme: Scheme) -> str:
    """Amounts over all the simulated periods: the team's payroll and one manager's pay (per
    segment when there are several), e.g. per year when 12 monthly periods are simulated."""
    if sim.periods == 1:
        return ""
    span = over(sim.period, sim.periods)
    rows: list[tuple[str, Any]] = [(f"team payroll {span}", sim.payroll_total)]
    if len(sim.segments) > 1:
        rows += [(f"one manager of segment {s.name}, {span}", s.manager) for s in sim.segments]
        rows.append((f"one manager, any segment, {span}", sim.manager))
    else:
        rows.append((f"one manager {span}", sim.manager))
    note = (
        f'<p class="meta">Each simulated run covers {escape(count(sim.periods, sim.period))}; '
        f"these amounts are sums over them (the table above is {escape(per(sim.period))}).</p>"
    )
    return (
        f'<h3 id="year">{escape(year_label(sim.period, sim.periods))}</h3>\n'
        + note
        + _money_table(rows, scheme)
    )


def _money_table(rows: Sequence[tuple[str, Any]], scheme: Scheme) -> str:
    cells = [
        f"<tr><td>{escape(label)}</td>"
        + "".join(
            f'<td class="num">{escape(money(v, scheme))}</td>'
            for v in (x.mean, x.p5, x.p50, x.p95, x.p99)
        )
        + "</tr>"
        for label, x in rows
    ]
    return _table(["amount", "mean", "P5", "P50", "P95", "P99"], cells)


def _principle_split(parts: ReportParts) -> PlanSplit | None:
    """Principle 1's figure as the page shows it: the check's (one set of numbers per page),
    else the simulation's own."""
    if parts.check is not None:
        try:
            details = parts.check.result("ratio").details
        except MotivsimError:
            details = None
        if isinstance(details, RatioDetails) and details.split is not None:
            return details.split
    return None if parts.simulation is None else parts.simulation.principle_1


def _figures_table(sim: SimulationResult, scheme: Scheme, split: PlanSplit | None = None) -> str:
    figures: list[tuple[str, str]] = []
    if sim.share_meeting_plan is not None:
        figures.append(("managers meeting the plan", f"{sim.share_meeting_plan:.1%}"))
    each = f" ({per(sim.period)})"
    if split is not None:  # principle 1's figure: the same numbers as the Principles table
        for label, group in (("meeting", split.met), ("missing", split.missed)):
            if group.count:
                figures.append((f"mean pay when {label} the plan{each}", money(group.mean, scheme)))
        figures.append(
            (
                f"principle 1: meeting vs missing the plan ({split.basis(sim.period)}, "
                f"seed {split.seed}; as in Principles above)",
                format_ratio(split.ratio, "×"),
            )
        )
    else:
        over = f" over this simulation's {sim.manager_periods:,} manager-periods"
        if sim.mean_pay_meeting_plan is not None:
            figures.append(
                (
                    f"mean pay when meeting the plan{each}{over}",
                    money(sim.mean_pay_meeting_plan, scheme),
                )
            )
        if sim.mean_pay_missing_plan is not None:
            figures.append(
                (
                    f"mean pay when missing the plan{each}{over}",
                    money(sim.mean_pay_missing_plan, scheme),
                )
            )
        if sim.hitter_ratio is not None:
            figures.append(
                (f"meeting vs missing the plan{over}", format_ratio(sim.hitter_ratio, "×"))
            )
    if sim.cap_probability is not None:
        figures.append(("hitting any cap", f"{sim.cap_probability:.2%}"))
    figures += [(f"cap: {c.step} = {c.formula}", f"{c.probability:.2%}") for c in sim.caps]
    if sim.revenue_share is not None:
        figures.append(("payroll as a share of revenue", f"{sim.revenue_share:.2%}"))
    if sim.non_finite:
        figures.append(("pay not computable (left out)", f"{sim.non_finite:,}"))
    rows = [
        f'<tr><td>{escape(name)}</td><td class="num">{escape(value)}</td></tr>'
        for name, value in figures
    ]
    return _table(["figure", "value"], rows) if rows else ""


def _footer(parts: ReportParts) -> str:
    source = parts.scheme.source
    path = source.path if source is not None and source.path else "SCHEME"
    command = (
        f"python -m motivsim report {path} --seed {parts.seed} --samples {parts.samples} "
        f"--runs {parts.runs}" + (f" --periods {parts.periods}" if parts.periods != 1 else "")
    )
    return (
        f"<footer><p>{escape(EXACTNESS)}</p>motivsim {escape(__version__)} · reproduce with "
        f"<code>{escape(command)}</code></footer>"
    )


# -- small pieces -------------------------------------------------------------------------------
def _png_figure(draw: Callable[[Any], Any], *, height: float) -> bytes:
    """A PNG of a figure filled by ``draw(fig)``."""
    fig = standalone_figure(nrows=0, figsize=(10.0, height))
    draw(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _pass(passed: bool) -> str:
    return "pass" if passed else "fail"


def _table(head: Sequence[str], rows: Sequence[str]) -> str:
    cells = "".join(f"<th>{h}</th>" for h in head)
    return (
        f"<table>\n<thead><tr>{cells}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )


def money(value: float, scheme: Scheme) -> str:
    """``value`` rounded to cents by the scheme's rule, with separators and currency
    (:func:`motivsim.scheme.money.format_money`; ``n/a`` when not finite)."""
    return format_money(value, scheme.currency, scheme.rounding)


_STYLE: Final = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #222; background: #f6f7f9;
       margin: 0; line-height: 1.45; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }
h1 { margin: 0 0 4px; font-size: 1.7em; }
h2 { border-bottom: 2px solid #1f4e79; padding-bottom: 4px; margin-top: 40px; color: #1f4e79; }
.desc { margin: 4px 0; font-size: 1.05em; }
.meta { color: #666; font-size: 0.9em; margin: 4px 0; }
.verdict { display: inline-block; padding: 6px 14px; border-radius: 6px; font-weight: bold; }
.verdict.pass, .badge.pass { background: #e3f2e5; color: #1b5e20; }
.verdict.fail, .badge.fail { background: #fde4e4; color: #b71c1c; }
.badge { padding: 2px 8px; border-radius: 4px; font-weight: bold; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 0.92em; }
th, td { border-bottom: 1px solid #e2e2e2; padding: 6px 8px; text-align: left;
         vertical-align: top; }
th { background: #f0f3f7; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.param td { color: #555; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }
.advice { color: #b71c1c; margin: 4px 0 0; }
.notes { margin: 4px 0; padding-left: 18px; font-size: 0.92em; }
.warnings li { margin-bottom: 8px; }
.total { font-size: 1.15em; }
figure { margin: 16px 0 4px; }
figure img { width: 100%; height: auto; border: 1px solid #e2e2e2; }
figcaption { color: #666; font-size: 0.9em; }
.error { background: #fff4e5; border-left: 4px solid #e65100; padding: 8px 12px; }
.error pre { white-space: pre-wrap; margin: 4px 0 0; }
footer { margin-top: 40px; color: #666; font-size: 0.85em; border-top: 1px solid #e2e2e2;
         padding-top: 8px; }
"""
