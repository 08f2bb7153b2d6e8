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
from typing import TYPE_CHECKING, Any, Final, TypeVar

from motivsim._version import __version__
from motivsim.checks import CheckReport, RatioDetails, check
from motivsim.checks.ratio import (
    AttainmentTable,
    PlanSplit,
    format_ratio,
    segment_table_heading,
)
from motivsim.comparison.fitcheck import fit
from motivsim.errors import ArgumentError, MotivsimError
from motivsim.findings import Finding
from motivsim.history.fitresult import FitResult
from motivsim.i18n import DEFAULT_LANGUAGE, Words, words
from motivsim.i18n.catalogue import MESSAGES
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
from motivsim.reporting.plot.fit import draw_fit
from motivsim.reporting.plot.markers import format_number, marker_kind, marker_label
from motivsim.reporting.plot.segments import TeamCurves, pay_curves_data
from motivsim.sampling.draws import MAX_SAMPLES, MIN_SAMPLES
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.scheme.money import currency_text, format_money
from motivsim.scheme.statement import Statement
from motivsim.simulation import MAX_WORKERS, SimulationResult, simulate
from motivsim.simulation.job import MAX_PERIODS, MAX_RUN_SIZE, MAX_RUNS, check_work
from motivsim.simulation.summarize import with_principle_one
from motivsim.validation import check_executor, check_int

if TYPE_CHECKING:
    from concurrent.futures import Executor

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
    #: The KPI model fitted to actual history (``report --history``), else ``None``.
    fit: FitResult | None = None


def collect(
    scheme: Scheme | str | Path,
    *,
    samples: int = 20_000,
    runs: int = 20_000,
    seed: int = 0,
    periods: int = 1,
    history: Any = None,
    workers: int = 1,
    executor: Executor | None = None,
) -> ReportParts:
    """Compute every part of the report for ``scheme`` (each part's error is kept, not raised).

    ``scheme`` is a :class:`~motivsim.Scheme` or the path of a scheme file; a wrong argument
    (``samples`` as ``check`` takes it, ``runs`` and ``periods`` as ``simulate`` does, a
    non-negative ``seed``) raises :class:`~motivsim.errors.ArgumentError` at once rather than
    becoming a part's error. With ``periods`` above 1 each simulated run covers that many
    periods, and the page adds the amounts over them (``periods=12`` of a monthly scheme: the
    team's payroll per year and one manager's annual pay).

    ``workers`` and ``executor`` say where the Monte Carlo work runs, as :func:`motivsim.simulate`
    takes them: ``workers`` threads (or, with ``executor``, tasks kept in flight), and
    ``executor`` (a ``concurrent.futures.Executor``, such as a Dask cluster's
    ``distributed.Client(...).get_executor()``: :mod:`motivsim.simulation.cluster`) for the
    simulation's blocks and the check's parts (:func:`motivsim.check`). The same seed gives the
    same page, bit for bit, whatever they are.

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
    workers = check_int("workers", workers, least=1, most=MAX_WORKERS)
    executor = check_executor(executor)
    errors: dict[str, str] = {}
    check = _attempt(errors, "check", lambda: _run_check(scheme, samples, seed, executor))
    statement = _attempt(errors, "statement", lambda: scheme.explain(typical_values(scheme)))
    curves = _attempt(errors, "curves", lambda: _curves(scheme, check, seed, samples)) or ()
    simulation = _attempt(
        errors,
        "simulation",
        lambda: _run_simulation(scheme, runs, periods, seed, workers, executor),
    )
    if simulation is not None and check is None:  # principle 1's figure from the simulation
        simulation = with_principle_one(simulation, scheme)
    fitted = None
    if history is not None:
        fitted = _attempt(errors, "fit", lambda: fit(history, scheme=scheme, seed=seed))
    return ReportParts(
        scheme, seed, samples, runs, check, statement, curves, simulation, errors, periods, fitted
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


def _run_check(scheme: Scheme, samples: int, seed: int, executor: Executor | None) -> CheckReport:
    return check(scheme, samples=samples, seed=seed, executor=executor)


def _run_simulation(
    scheme: Scheme, runs: int, periods: int, seed: int, workers: int, executor: Executor | None
) -> SimulationResult:
    return simulate(
        scheme, runs=runs, periods=periods, seed=seed, workers=workers, executor=executor
    )


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
                data = data.with_split(split, scheme)
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
        return GroupPay.of_scheme(scheme, details.split)
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
    """The report page of ``parts`` as one HTML document (needs matplotlib for the pictures),
    in the scheme's language (``[scheme] language``)."""
    require_matplotlib()
    scheme = parts.scheme
    w = words(scheme.language)
    body = [
        _header(parts),
        _section(
            "check",
            w("html.section.check"),
            _check_html(parts.check, scheme),
            parts.errors.get("check"),
            w,
        ),
        _section(
            "statement",
            w("html.section.statement"),
            _statement_html(parts.statement),
            parts.errors.get("statement"),
            w,
        ),
        _section(
            "curves",
            w("html.section.curves"),
            _curves_html(parts.curves),
            parts.errors.get("curves"),
            w,
        ),
        _section(
            "simulation",
            w("html.section.simulation"),
            _simulation_html(parts),
            parts.errors.get("simulation"),
            w,
        ),
        _section(
            "fit",
            w("html.section.fit"),
            _fit_html(parts.fit, scheme.language),
            parts.errors.get("fit"),
            w,
        )
        if parts.fit is not None or "fit" in parts.errors
        else "",
        _footer(parts),
    ]
    title = escape(w("html.title", scheme=scheme.name))
    return (
        f'<!DOCTYPE html>\n<html lang="{w.language}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(b for b in body if b)
        + "\n</main>\n</body>\n</html>\n"
    )


def _header(parts: ReportParts) -> str:
    s = parts.scheme
    w = words(s.language)
    currency = currency_text(s.currency, s.language) if s.currency else ""
    facts = [f for f in (currency, per(s.period, s.language) if s.period else "") if f]
    meta = " · ".join([*facts, w("html.rounding", rule=w(f"rounding.{s.rounding}"))])
    verdict = ""
    if parts.check is not None:
        ok = parts.check.passed
        held = sum(r.passed for r in parts.check.results)
        text = w(
            "html.verdict",
            word=w("check.pass" if ok else "check.fail"),
            held=held,
            total=len(parts.check.results),
        )
        verdict = f'<p class="verdict {"pass" if ok else "fail"}">{escape(text)}</p>'
    desc = f'<p class="desc">{escape(s.description)}</p>' if s.description else ""
    return (
        f"<header>\n<h1>{escape(s.name)}</h1>\n{desc}\n"
        f'<p class="meta">{escape(meta)}</p>\n{verdict}\n</header>'
    )


def _section(
    ident: str, title: str, content: str, error: str | None, w: Words | None = None
) -> str:
    w = w or words(DEFAULT_LANGUAGE)
    note = (
        f'<div class="error"><strong>{escape(w("html.not_available"))}</strong>'
        f"<pre>{escape(error)}</pre></div>"
        if error
        else ""
    )
    return f'<section id="{ident}">\n<h2>{escape(title)}</h2>\n{note}{content}\n</section>'


def _figure(name: str, value: float, language: str = DEFAULT_LANGUAGE) -> str:
    """A principle's figure as its text report shows it: the ratio as ``2.57x``, the share of
    variance from uncontrollable KPIs as ``0.3%`` (JSON keeps the plain fraction ``0.00339``),
    the complexity score as a number of points (in ``language``: ``в 2,57 раза``, ``0,3 %``)."""
    w = words(language)
    if value == float("inf"):
        return "∞"
    if name == "ratio":
        return f"{value:,.2f}x" if language == DEFAULT_LANGUAGE else w.num(value, ",.2f") + "×"
    if name == "control":
        return w.pct(value)
    return w.num(value, ",g")


def _check_html(report: CheckReport | None, scheme: Scheme | None = None) -> str:
    if report is None:
        return ""
    lang = report.language
    w = words(lang)
    rows = []
    for r in report.results:
        figure = "—" if r.value is None else _figure(r.name, r.value, lang)
        interval = (
            "<br><small>"
            + escape(
                w(
                    "html.interval",
                    low=_figure(r.name, r.interval[0], lang),
                    high=_figure(r.name, r.interval[1], lang),
                )
            )
            + "</small>"
            if r.interval
            else ""
        )
        advice = f'<p class="advice">→ {escape(r.advice)}</p>' if r.advice else ""
        notes = _notes_html(r.notes, r.details, scheme)
        notes_html = (
            f"<details><summary>{escape(w('html.details'))}</summary>"
            f'<ul class="notes">{notes}</ul></details>'
            if notes
            else ""
        )
        needed = _figure(r.name, r.threshold, lang)
        rows.append(
            f"<tr><td>{r.principle}</td><td>{escape(r.title)}</td>"
            f'<td><span class="badge {_pass(r.passed)}">{escape(r.verdict)}</span></td>'
            f'<td class="num">{escape(figure)}{interval}</td>'
            f'<td class="num">{_COMPARISON[r.comparison]} {escape(needed)}</td>'
            f"<td>{escape(r.summary)}{advice}{notes_html}</td></tr>"
        )
    head = [escape(w(f"html.check.{k}")) for k in _CHECK_COLUMNS]
    table = _table(head, rows)
    meta = w(
        "check.meta",
        seed=report.seed,
        samples=w.count(report.samples, "sample"),
        level=w.pct(report.confidence, 0),
    )
    return f'<p class="meta">{escape(meta)}</p>' + table + _warnings_html(report.warnings, lang)


#: The columns of the table of principles (``html.check.*`` in the catalogue).
_CHECK_COLUMNS: Final = ("number", "principle", "verdict", "figure", "needed", "meaning")


def _notes_html(notes: Sequence[str], details: Any, scheme: Scheme | None) -> str:
    """A check's notes as list items; principle 1's pay by plan attainment per segment (a
    text table in the notes) as an HTML table instead."""
    tables = details.pay_by_segment if isinstance(details, RatioDetails) else ()
    language = scheme.language if scheme is not None else DEFAULT_LANGUAGE
    heading = segment_table_heading(language)
    closing = MESSAGES["ratio.segment_table.banded"][words(language).language].split("{")[0]
    items = []
    skipping = False
    for note in notes:
        if skipping and note.startswith("  ") and not note.startswith(closing):
            continue
        skipping = False
        if tables and scheme is not None and note.startswith(heading):
            items.append(f"<li>{escape(note)}{_attainment_html(tables, scheme)}</li>")
            skipping = True
        elif note:
            items.append(f"<li>{escape(note)}</li>")
    return "".join(items)


def _attainment_html(tables: Sequence[AttainmentTable], scheme: Scheme) -> str:
    """Pay by plan attainment, a row per segment (and set of people's own parameters): pay at
    each share of their own plan."""
    lang = scheme.language
    w = words(lang)
    shares = [w.pct(p.attainment, 0) for p in tables[0].points]
    held = sorted({k for t in tables for k in t.others})
    rows = []
    for t in tables:
        who = t.segment or ""
        if t.people:
            if len(t.people) > 2:
                names = w("ratio.variant.others", name=t.people[0], n=len(t.people) - 1)
            else:
                names = ", ".join(t.people)
            who = f"{names} ({who})"
        cells = [f'<td class="num">{escape(format_number(t.plan_value, lang))}</td>']
        cells += [
            f'<td class="num">{escape(format_number(t.others[k], lang))}</td>'
            if k in t.others
            else "<td></td>"
            for k in held
        ]
        cells += [
            f'<td class="num">{escape(format_money(p.pay, None, scheme.rounding, lang))}</td>'
            for p in t.points
        ]
        rows.append(f"<tr><td>{escape(who)}</td>{''.join(cells)}</tr>")
    plan = escape(w("html.attainment.plan", kpi=tables[0].kpi))
    head = ["", plan, *(escape(k) for k in held), *shares]
    return _table(head, rows)


def _warnings_html(warnings: Sequence[Finding], language: str = DEFAULT_LANGUAGE) -> str:
    w = words(language)
    if not warnings:
        return f"<p>{escape(w('html.no_warnings'))}</p>"
    items = "".join(
        f"<li><strong>{escape(f.code)}</strong>"
        + (f" <small>({escape(w('finding.step', step=f.step))})</small>" if f.step else "")
        + f": {escape(f.message)}<br><em>{escape(w('html.fix'))}</em> {escape(f.fix)}</li>"
        for f in warnings
    )
    head = escape(w("html.warnings", n=len(warnings)))
    return f'<h3>{head}</h3>\n<ul class="warnings">{items}</ul>'


def _statement_html(statement: Statement | None) -> str:
    if statement is None:
        return ""
    lang = statement.language
    w = words(lang)
    rows = [
        f'<tr><td>{escape(i.name)}</td><td></td><td class="num">{escape(i.shown)}</td>'
        f"<td><small>{escape(i.note)}</small></td></tr>"
        for i in statement.inputs
    ]
    rows += [
        f'<tr class="param"><td>{escape(p.name)}</td>'
        f"<td><small>{escape(w('html.parameter'))}</small></td>"
        f'<td class="num">{escape(p.shown)}</td><td></td></tr>'
        for p in statement.params
    ]
    rows += [
        f"<tr><td>{escape(s.name)}</td><td><code>{escape(s.formula)}</code></td>"
        f'<td class="num">{escape(s.shown)}</td><td></td></tr>'
        for s in statement.steps
    ]
    total = format_money(statement.total, statement.currency, statement.rounding, lang)
    each = f" {per(statement.period, lang)}" if statement.period else ""
    head = [escape(w(f"html.statement.{k}")) for k in ("name", "formula", "value")] + [""]
    rounded = w("statement.rounded") + ", " + w(f"rounding.{statement.rounding}")
    return (
        f"<p>{w('html.statement.typical')}</p>"
        + _table(head, rows)
        + f'<p class="total">{escape(w("statement.total"))}: <strong>{escape(total)}</strong>'
        f"{escape(each)} <small>({escape(rounded)})</small></p>"
    )


def _curves_html(curves: Sequence[CurveData | TeamCurves]) -> str:
    out = []
    for data in curves:
        if isinstance(data, TeamCurves):
            out.append(_team_html(data))
            continue
        lang = data.language
        w = words(lang)
        png = _png_figure(partial(_curve_on, draw_curve, data), height=5.6)
        alt = w("html.curve.alt", kpi=data.kpi.name)
        rows = [
            f"<tr><td>{escape(marker_kind(m.kind, lang))}</td>"
            f'<td class="num">{escape(format_number(m.x, lang))}</td>'
            f"<td>{escape(marker_label(m, lang))}</td></tr>"
            for m in data.markers
        ]
        head = [escape(w("html.marker")), escape(data.kpi.name), escape(w("html.rule"))]
        table = _table(head, rows) if rows else ""
        out.append(
            f"<figure>{_img(png, alt)}<figcaption>{escape(alt)}</figcaption></figure>{table}"
        )
    return "\n".join(out)


def _team_html(data: TeamCurves) -> str:
    """A team's picture (a curve per segment and person), its caption naming each curve, and
    each segment's rule changes."""
    lang = data.language
    w = words(lang)
    png = _png_figure(_team_on(data), height=5.6)
    against = (
        w("plot.team.attainment") if data.attainment else w("plot.team.kpi", kpi=data.kpi.name)
    )
    names = ", ".join(c.name for c in data.segments)
    alt = w("html.team.alt", against=against, names=names)
    caption = alt
    if data.people:
        caption += w("html.team.thin", names=", ".join(c.name for c in data.people))
    if data.bands:
        people = (
            f"{data.movers:,} people"
            if lang == DEFAULT_LANGUAGE
            else w.count(data.movers, "person", genitive=True)
        )
        caption += w("html.team.shaded", people=people)
    if data.attainment:
        caption += w("html.team.axis", kpi=data.kpi.name)
    rows = []
    for curve in data.segments:
        for m in curve.data.markers:
            share = (
                f'<td class="num">{escape(w.pct(m.x / curve.scale, 0))}</td>'
                if data.attainment
                else ""
            )
            rows.append(
                f"<tr><td>{escape(curve.name)}</td><td>{escape(marker_kind(m.kind, lang))}</td>"
                f'<td class="num">{escape(format_number(m.x, lang))}</td>{share}'
                f"<td>{escape(marker_label(m, lang))}</td></tr>"
            )
    head = [escape(w("html.segment")), escape(w("html.marker")), escape(data.kpi.name)]
    head += [escape(w("html.own_plan"))] if data.attainment else []
    table = _table([*head, escape(w("html.rule"))], rows) if rows else ""
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
    lang = parts.scheme.language
    w = words(lang)
    data = distribution_data(parts.scheme, result=sim)
    png = _png_figure(partial(_draw_on, draw_distribution, data), height=5.6)
    runs = f"{sim.runs:,} runs" if lang == DEFAULT_LANGUAGE else w.count(sim.runs, "run")
    meta = w(
        "html.sim.meta",
        runs=runs,
        periods=count(sim.periods, sim.period, lang),
        managers=w.count(sim.managers, "manager"),
        seed=sim.seed,
    )
    head = f'<p class="meta">{escape(meta)}</p>'
    alt = w("html.sim.alt")
    figure = (
        f"<figure>{_img(png, alt)}<figcaption>{escape(w('html.sim.caption'))}</figcaption></figure>"
    )
    notes = "".join(f"<li>{escape(n)}</li>" for n in sim.notes)
    return (
        head
        + (f"<h3>{escape(per(sim.period, lang)).capitalize()}</h3>" if sim.periods > 1 else "")
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
    lang = scheme.language
    w = words(lang)
    each = per(sim.period, lang)
    rows: list[tuple[str, Any]] = [(w("html.row.payroll", span=each), sim.payroll)]
    if len(sim.segments) > 1:
        rows += [(w("html.row.segment", name=s.name, n=s.count), s.payroll) for s in sim.segments]
        if sim.periods == 1:
            rows += [(w("html.row.segment_manager", name=s.name), s.manager) for s in sim.segments]
    if sim.managers > 1 and sim.periods == 1:
        rows.append((w("html.row.any_manager"), sim.manager))
    return _money_table(rows, scheme)


def _year_html(sim: SimulationResult, scheme: Scheme) -> str:
    """Amounts over all the simulated periods: the team's payroll and one manager's pay (per
    segment when there are several), e.g. per year when 12 monthly periods are simulated."""
    if sim.periods == 1:
        return ""
    lang = scheme.language
    w = words(lang)
    span = over(sim.period, sim.periods, lang)
    rows: list[tuple[str, Any]] = [(w("html.row.payroll", span=span), sim.payroll_total)]
    if len(sim.segments) > 1:
        rows += [
            (w("html.row.segment_manager_over", name=s.name, span=span), s.manager)
            for s in sim.segments
        ]
        rows.append((w("html.row.any_manager_over", span=span), sim.manager))
    else:
        rows.append((w("html.row.manager_over", span=span), sim.manager))
    note = w(
        "html.year.note",
        periods=count(sim.periods, sim.period, lang),
        per=per(sim.period, lang),
    )
    return (
        f'<h3 id="year">{escape(year_label(sim.period, sim.periods, lang))}</h3>\n'
        + f'<p class="meta">{escape(note)}</p>'
        + _money_table(rows, scheme)
    )


def _money_table(rows: Sequence[tuple[str, Any]], scheme: Scheme) -> str:
    w = words(scheme.language)
    cells = [
        f"<tr><td>{escape(label)}</td>"
        + "".join(
            f'<td class="num">{escape(money(v, scheme))}</td>'
            for v in (x.mean, x.p5, x.p50, x.p95, x.p99)
        )
        + "</tr>"
        for label, x in rows
    ]
    head = [escape(w("html.amount")), escape(w("sim.mean")), "P5", "P50", "P95", "P99"]
    return _table(head, cells)


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
    lang = scheme.language
    w = words(lang)
    english = lang == DEFAULT_LANGUAGE

    def share(value: float, places: int) -> str:
        return w.pct(value, places)

    figures: list[tuple[str, str]] = []
    if sim.share_meeting_plan is not None:
        figures.append((w("html.fig.meeting"), share(sim.share_meeting_plan, 1)))
    each = f" ({per(sim.period, lang)})"
    if split is not None:  # principle 1's figure: the same numbers as the Principles table
        for key, group in (
            ("html.fig.mean_met", split.met),
            ("html.fig.mean_missed", split.missed),
        ):
            if group.count:
                figures.append((w(key, each=each, over=""), money(group.mean, scheme)))
        figures.append(
            (
                w("html.fig.p1", basis=split.basis(sim.period, lang), seed=split.seed),
                format_ratio(split.ratio, "×", lang),
            )
        )
    else:
        mp = w.period(sim.period).manager_periods() if not english else "manager-periods"
        over_sim = w("html.fig.over", n=w.num(sim.manager_periods, ","), what=mp)
        if sim.mean_pay_meeting_plan is not None:
            figures.append(
                (
                    w("html.fig.mean_met", each=each, over=over_sim),
                    money(sim.mean_pay_meeting_plan, scheme),
                )
            )
        if sim.mean_pay_missing_plan is not None:
            figures.append(
                (
                    w("html.fig.mean_missed", each=each, over=over_sim),
                    money(sim.mean_pay_missing_plan, scheme),
                )
            )
        if sim.hitter_ratio is not None:
            figures.append(
                (w("html.fig.ratio", over=over_sim), format_ratio(sim.hitter_ratio, "×", lang))
            )
    if sim.cap_probability is not None:
        figures.append((w("html.fig.any_cap"), share(sim.cap_probability, 2)))
    figures += [
        (w("html.fig.cap", step=c.step, formula=c.formula), share(c.probability, 2))
        for c in sim.caps
    ]
    if sim.revenue_share is not None:
        figures.append((w("html.fig.revenue"), share(sim.revenue_share, 2)))
    if sim.non_finite:
        figures.append((w("html.fig.non_finite"), w.num(sim.non_finite, ",")))
    rows = [
        f'<tr><td>{escape(name)}</td><td class="num">{escape(value)}</td></tr>'
        for name, value in figures
    ]
    head = [escape(w("html.fig.name")), escape(w("html.fig.value"))]
    return _table(head, rows) if rows else ""


def _footer(parts: ReportParts) -> str:
    w = words(parts.scheme.language)
    source = parts.scheme.source
    path = source.path if source is not None and source.path else "SCHEME"
    command = (
        f"python -m motivsim report {path} --seed {parts.seed} --samples {parts.samples} "
        f"--runs {parts.runs}" + (f" --periods {parts.periods}" if parts.periods != 1 else "")
    )
    line = escape(w("html.footer", version=__version__, command="\x00"))
    return (
        f"<footer><p>{escape(w('exactness'))}</p>"
        + line.replace("\x00", f"<code>{escape(command)}</code>")
        + "</footer>"
    )


def _fit_html(result: FitResult | None, language: str) -> str:
    """The fitted model: the report a head of sales reads, and each KPI against its fit."""
    if result is None:
        return ""
    fig = draw_fit(result, language=language)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    alt = words(language)("html.fit.alt", source=result.source)
    return f"<pre>{escape(str(result))}</pre>\n{_img(buffer.getvalue(), alt)}"


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
    """``value`` rounded to cents by the scheme's rule, with separators and currency, in the
    scheme's language (:func:`motivsim.scheme.money.format_money`; ``n/a`` when not finite)."""
    return format_money(value, scheme.currency, scheme.rounding, scheme.language)


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
