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
    from motivsim.reporting.html import collect, render_html

    team = motivsim.load(TEAM)
    parts = collect(team, samples=2_000, runs=1_000, seed=3, periods=12)
    assert parts.periods == 12
    sim = parts.simulation
    assert sim is not None and sim.periods == 12
    page = render_html(parts)
    assert '<h3 id="year">Per year (12 months)</h3>' in page
    assert "1,000 runs × 12 months × 7 managers" in page
    year = cells(page, "team payroll per year (12 months)")
    assert len(year) == 5  # mean, P5, P50, P95, P99
    money = motivsim.reporting.html.money
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
    assert 'id="year"' not in page and "per year" not in page
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
