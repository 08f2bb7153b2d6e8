"""Fit and finish: the report's yearly view, a scheme's own name for ``pay``, wrapped subtitles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.errors import ArgumentError
from motivsim.reporting.periods import over, year_label
from motivsim.simulation.job import MAX_PERIODS

ROOT = Path(__file__).resolve().parent.parent
DEALERSHIP = ROOT / "schemes" / "dealership.toml"
TEAM = ROOT / "schemes" / "team_dealership.toml"


@pytest.fixture
def mpl() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield matplotlib
    plt.close("all")


def cells(page: str, label: str) -> list[str]:
    """The cells of the table row labelled ``label``."""
    row = re.search(rf"<tr><td>{re.escape(label)}</td>(.*?)</tr>", page)
    assert row is not None, f"no row {label!r}"
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


# -- 1. the yearly view of the report --------------------------------------------------------
def test_period_words() -> None:
    assert over("month", 12) == "per year (12 months)"
    assert over("quarter", 4) == "per year (4 quarters)"
    assert over("month", 6) == "over 6 months"
    assert over("месяц", 12) == "per year (12 × месяц)"
    assert over(None, 3) == "over 3 periods"
    assert year_label("month", 12) == "Per year (12 months)"


def test_report_over_twelve_months_has_a_year_section(mpl: Any) -> None:
    from motivsim.reporting.html import collect, money, render_html

    team = motivsim.load(TEAM)
    parts = collect(team, samples=2_000, runs=1_000, seed=3, periods=12)
    assert parts.periods == 12
    sim = parts.simulation
    assert sim is not None
    assert sim.periods == 12
    page = render_html(parts)
    assert '<h3 id="year">Per year (12 months)</h3>' in page
    assert "1,000 runs × 12 months × 7 managers" in page
    year = cells(page, "team payroll per year (12 months)")
    assert len(year) == 5  # mean, P5, P50, P95, P99
    assert year[:4] == [
        money(v, team)
        for v in (
            sim.payroll_total.mean,
            sim.payroll_total.p5,
            sim.payroll_total.p50,
            sim.payroll_total.p95,
        )
    ]
    for seg in sim.segments:  # one manager's annual pay, per segment
        row = cells(page, f"one manager of segment {seg.name}, per year (12 months)")
        assert row[0] == money(seg.manager.mean, team)
    assert cells(page, "one manager, any segment, per year (12 months)")
    # the per-period table stays per month, and is said to be
    assert cells(page, "team payroll per month")[0] == money(sim.payroll.mean, team)
    assert "mean pay when meeting the plan (per month)" in page
    # a year's payroll is about twelve months' payroll
    assert sim.payroll_total.mean == pytest.approx(12 * sim.payroll.mean, rel=1e-9)
    assert "--periods 12</code>" in page


def test_report_of_one_period_has_no_year_section(mpl: Any) -> None:
    from motivsim.reporting.html import collect, render_html

    parts = collect(motivsim.load(DEALERSHIP), samples=2_000, runs=1_000, seed=1)
    page = render_html(parts)
    assert parts.periods == 1
    assert 'id="year"' not in page
    assert "per year" not in page
    assert "--periods" not in page


def test_one_manager_over_six_months(mpl: Any) -> None:
    from motivsim.reporting.html import collect, render_html

    page = render_html(
        collect(motivsim.load(DEALERSHIP), samples=2_000, runs=500, seed=1, periods=6)
    )
    assert '<h3 id="year">Over 6 months</h3>' in page
    assert cells(page, "one manager over 6 months")


@pytest.mark.parametrize("periods", [0, -1, MAX_PERIODS + 1, 2.5, "12"])
def test_collect_bounds_periods(periods: Any) -> None:
    from motivsim.reporting.html import collect

    with pytest.raises(ArgumentError, match="periods"):
        collect(motivsim.load(DEALERSHIP), samples=2_000, runs=100, periods=periods)


def test_collect_bounds_the_work() -> None:
    from motivsim.reporting.html import collect

    with pytest.raises(ArgumentError, match="manager-periods"):
        collect(motivsim.load(TEAM), samples=2_000, runs=10**7, periods=1_000)


@pytest.mark.parametrize("periods", ["0", str(MAX_PERIODS + 1)])
def test_cli_bounds_periods(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], periods: str
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", str(DEALERSHIP), "--out", str(out), "--periods", periods]) == 2
    err = capsys.readouterr().err
    assert f"error: --periods must be from 1 to {MAX_PERIODS:,}, got {int(periods):,}" in err
    assert not out.exists()


def test_cli_report_per_year(mpl: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    args = ["report", str(TEAM), "--out", str(out), "--samples", "2000", "--runs", "500"]
    assert main([*args, "--periods", "12"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "team payroll per year (12 months)" in page


def test_distribution_over_a_year_is_labelled(mpl: Any) -> None:
    from motivsim.reporting.plot import distribution_data, draw_distribution

    team = motivsim.load(TEAM)
    result = motivsim.simulate(team, runs=500, periods=12, seed=2)
    data = distribution_data(team, result=result)
    assert data.periods == 12
    assert data.manager.title == "one manager's pay (any segment), per year (12 months)"
    assert data.payroll.title == "payroll of the team (7 managers), per month"
    fig = draw_distribution(data)
    top, bottom = fig.axes
    assert top.get_xlabel() == "pay, RUB per year (12 months)"
    assert bottom.get_xlabel() == "pay, RUB per month"
    assert "500 runs of 12 months" in fig.get_suptitle()


# -- 3. long titles are wrapped to the picture's width -----------------------------------------
LONG_NAME = "Очень длинное название схемы мотивации менеджеров по продажам автомобилей 2026"


def many_kpis_scheme(name: str = "Sales manager pay") -> motivsim.Scheme:
    kpis = "\n".join(
        f"[kpi.{k}]\ncontrollable = true\nmin = 0\nmax = 1_000\ntypical = 123.5\n"
        for k in ("revenue", "calls_made", "meetings_held", "proposals_sent", "contracts_signed")
    )
    return motivsim.loads(
        f'[scheme]\nname = "{name}"\ncurrency = "EUR"\nperiod = "month"\n{kpis}\n'
        "[formula]\n"
        'pay = "1000 + 10 * revenue + calls_made + meetings_held + proposals_sent'
        ' + contracts_signed"\n'
    )


def assert_fits(text: Any, budget: int) -> None:
    """Every line within ``budget`` characters, and drawn inside the figure."""
    assert all(len(line) <= budget for line in text.get_text().split("\n")), text.get_text()
    fig = text.figure
    fig.canvas.draw()
    box = text.get_window_extent()
    assert box.x0 >= 0, box
    assert box.x1 <= fig.bbox.x1 + 0.5, (box, fig.bbox)


def test_wrap_text_keeps_every_line_in_the_budget() -> None:
    from motivsim.reporting.plot._mpl import char_budget, wrap_text

    text = "name: pay against revenue\nother KPIs at typical values: " + ", ".join(
        f"kpi_{i} = {i * 1000:,}" for i in range(12)
    )
    for budget in (20, 45, 80):
        lines = wrap_text(text, budget).split("\n")
        assert all(len(line) <= budget for line in lines)
        assert lines[0] == "name: pay against revenue" or budget < 26
        assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert wrap_text("short", 80) == "short"
    assert wrap_text("x" * 50, 20).split("\n")[0] == "x" * 20  # a long word is split
    assert char_budget(10.0, 12) > char_budget(5.0, 12) > char_budget(5.0, 20)
    assert char_budget(0.1, 12) == 20


@pytest.mark.parametrize("name", ["Sales manager pay", LONG_NAME])
@pytest.mark.parametrize("width", [10.0, 6.0])
def test_curve_subtitle_is_wrapped(mpl: Any, name: str, width: float) -> None:
    from matplotlib.figure import Figure

    from motivsim.reporting.plot import pay_curve
    from motivsim.reporting.plot._mpl import axes_budget

    fig = Figure(figsize=(width, 5.6), layout="constrained")
    ax = fig.subplots()
    budget = axes_budget(ax, 12)
    pay_curve(many_kpis_scheme(name), kpi="revenue", points=21, ax=ax)
    title = ax._left_title  # the Text of the left-aligned title (no public getter)
    text = ax.get_title(loc="left")
    assert "other KPIs at typical values:" in text
    assert "contracts_signed = 123.5" in text
    assert len(text.split("\n")) > 2  # the subtitle did not fit on one line
    assert_fits(title, budget)


def test_compare_and_distribution_titles_are_wrapped(mpl: Any) -> None:
    from matplotlib.figure import Figure

    from motivsim.reporting.plot import compare_curves, pay_distribution
    from motivsim.reporting.plot._mpl import axes_budget, char_budget

    old, new = many_kpis_scheme(LONG_NAME), many_kpis_scheme(LONG_NAME + " (new)")
    fig = Figure(figsize=(6.0, 5.6), layout="constrained")
    ax = fig.subplots()
    budget = axes_budget(ax, 11)
    compare_curves(old, new, kpi="revenue", points=21, ax=ax)
    assert_fits(ax._left_title, budget)

    text = DEALERSHIP.read_text().replace('"Car dealership sales manager"', f'"{LONG_NAME}"')
    fig = pay_distribution(motivsim.loads(text), runs=500, seed=1)
    suptitle = fig._suptitle
    assert "\n" in suptitle.get_text()
    assert_fits(suptitle, char_budget(fig.get_figwidth() * 0.98, 12))


# -- 2. the total pay under the scheme's own name ------------------------------------------------
RU = """
[scheme]
name = "Менеджер автосалона"
currency = "RUB"
period = "месяц"
language = "ru"
pay = "выплата"

[kpi."выручка"]
controllable = true
min = 0
distribution = { type = "lognormal", median = 9_500_000, sigma = 0.35 }

[params]
"оклад" = 40_000
"план" = 10_000_000

[formula]
"премия" = "0.02 * выручка"
"выплата" = "оклад + min(премия, 300_000)"
"налог" = "выплата * 0.13"

[principles]
plan_met = "выручка >= план"
"""


@pytest.fixture(scope="module")
def ru() -> motivsim.Scheme:
    return motivsim.loads(RU)


def test_pay_under_its_own_name_is_the_pay_step(ru: motivsim.Scheme) -> None:
    assert ru.pay_name == "выплата"
    assert [s.name for s in ru.steps] == ["премия", "pay", "налог"]
    assert ru.step("pay").text == "оклад + min(премия, 300_000)"
    assert ru.step("налог").depends == ("pay",)  # referred to by its label
    assert ru.pay({"выручка": 12_000_000}) == 280_000
    values = ru.evaluate({"выручка": 12_000_000})
    assert values["pay"] == 280_000
    assert values["налог"] == pytest.approx(36_400)
    assert motivsim.load(DEALERSHIP).pay_name == "pay"


def test_explain_shows_the_schemes_name(ru: motivsim.Scheme, capsys: Any, tmp_path: Path) -> None:
    statement = ru.explain({"выручка": 12_000_000})
    assert [line.name for line in statement.steps] == ["премия", "выплата"]
    text = str(statement)
    assert "выплата = оклад + min(премия, 300_000)" in text
    assert "Итого к выплате: 280\u00a0000,00\u00a0₽" in text
    assert not re.search(r"\bpay\b", text)
    path = tmp_path / "ru.toml"
    path.write_text(RU, encoding="utf-8")
    assert main(["explain", str(path), "выручка=12000000"]) == 0
    assert "выплата = оклад + min(премия, 300_000)" in capsys.readouterr().out


def test_check_and_simulate_find_the_pay(ru: motivsim.Scheme) -> None:
    report = motivsim.check(ru, samples=2_000, seed=1)
    assert report.result("ratio").value is not None
    notes = report.result("complexity").notes
    assert any(n.startswith("самый сложный шаг: выплата = ") for n in notes)
    result = motivsim.simulate(ru, runs=500, seed=1)
    assert 40_000 <= result.payroll.p50 <= 340_000


def test_a_condition_may_use_the_schemes_name() -> None:
    scheme = motivsim.loads(RU.replace('"выручка >= план"', '"выплата >= 200_000"'))
    assert scheme.principles.plan_met is not None
    assert scheme.principles.plan_met.depends == ("pay",)


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        (
            'pay = "выплата"',
            'pay = "выплта"',
            "[scheme] pay names 'выплта', which is not a [formula] step",
            "did you mean 'выплата'?",
        ),
        (
            '"налог" =',
            "pay =",
            "[formula] has a step 'pay', but [scheme] pay = 'выплата' names another step",
            "rename the step 'pay'",
        ),
        (
            '"оклад + min(премия, 300_000)"',
            '"выручка > 1"',
            "выплата must be an amount, but its formula is a condition",
            "wrap it",
        ),
    ],
    ids=["unknown", "clash", "condition"],
)
def test_pay_name_errors_are_located(old: str, new: str, message: str, line: str) -> None:
    with pytest.raises(motivsim.errors.SchemeError) as info:
        motivsim.loads(RU.replace(old, new))
    text = str(info.value)
    assert message in text
    assert line in text
    assert info.value.location.line is not None


def test_findings_point_at_the_step_as_written(ru: motivsim.Scheme) -> None:
    found = motivsim.lint(ru)
    cap = next(f for f in found.findings if f.code == "cap")
    assert cap.location is not None
    assert (
        cap.location.line == RU.splitlines().index('"выплата" = "оклад + min(премия, 300_000)"') + 1
    )


def test_report_statement_shows_the_schemes_name(mpl: Any, ru: motivsim.Scheme) -> None:
    from motivsim.reporting.html import collect, render_html

    page = render_html(collect(ru, samples=2_000, runs=500, seed=1))
    assert "<tr><td>выплата</td><td><code>оклад + min(премия, 300_000)</code>" in page
