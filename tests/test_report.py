"""The HTML report: its content, that it is self-contained, and that scheme text is escaped."""

from __future__ import annotations

import base64
import re
import sys
from html import escape
from pathlib import Path

import pytest

import motivsim
from motivsim.cli.app import main

pytest.importorskip("matplotlib")

from motivsim.checks.ratio import RatioDetails
from motivsim.reporting.html import ReportParts, collect, money, render_html

ROOT = Path(__file__).resolve().parent.parent
DEALERSHIP = ROOT / "schemes" / "dealership.toml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

HOSTILE = """
[scheme]
name = "<script>alert(1)</script>"
currency = "<b>EUR</b>"
period = "month & more"
description = "<img src=x onerror=alert(2)> \\"quoted\\""

[kpi.revenue]
controllable = true
unit = "<i>EUR</i>"
description = "</td><script>alert(3)</script>"
min = 0
distribution = { type = "lognormal", median = 100_000, sigma = 0.4 }

[params]
plan = 120_000

[formula]
rate = "step(revenue / plan, [1], [0.05, 0.1])"
pay = "1000 + rate * revenue"

[principles]
plan_met = "revenue >= plan"
"""


@pytest.fixture(scope="module")
def parts() -> ReportParts:
    import matplotlib

    matplotlib.use("Agg")
    return collect(motivsim.load(DEALERSHIP), samples=5_000, runs=5_000, seed=1)


@pytest.fixture(scope="module")
def page(parts: ReportParts) -> str:
    return render_html(parts)


def images(page: str) -> list[bytes]:
    return [
        base64.b64decode(m)
        for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    ]


def test_page_has_the_check_verdicts(parts: ReportParts, page: str) -> None:
    assert parts.check is not None
    held = sum(r.passed for r in parts.check.results)
    word = "PASS" if parts.check.passed else "FAIL"
    assert f"{word}: {held} of {len(parts.check.results)} principles hold" in page
    for result in parts.check.results:
        assert escape(result.title) in page
        assert escape(result.summary) in page
        assert (
            f'<span class="badge {"pass" if result.passed else "fail"}">{result.verdict}</span>'
            in page
        )
    for warning in parts.check.warnings:
        assert escape(warning.message) in page


def test_page_has_the_typical_statement(parts: ReportParts, page: str) -> None:
    statement = motivsim.load(DEALERSHIP).explain({"revenue": 9_500_000, "cars_sold": 8})
    assert parts.statement == statement
    assert "Total pay: <strong>135,000.00 RUB</strong> per month" in page  # 40,000 + 1% of 9.5M
    for line in statement.steps:
        assert f"<code>{escape(line.formula)}</code>" in page


def test_page_has_the_curves(parts: ReportParts, page: str) -> None:
    assert [c.kpi.name for c in parts.curves] == ["revenue", "cars_sold"]
    pngs = images(page)
    assert len(pngs) >= 2
    assert all(p[:8] == PNG_MAGIC for p in pngs)
    assert '<img alt="pay against revenue" src="data:image/png;base64,' in page
    assert '<td>bracket</td><td class="num">7,000,000</td><td>attainment = 0.7</td>' in page
    # the curve's shaded means are principle 1's: one set of numbers on the page
    ratio = parts.check.result("ratio").details
    assert isinstance(ratio, RatioDetails)
    assert parts.curves[0].groups.hitters_mean == ratio.met.mean


def test_page_has_the_simulation(parts: ReportParts, page: str) -> None:
    sim = parts.simulation
    assert sim is not None
    assert (sim.runs, sim.seed) == (5_000, 1)
    mean = money(sim.payroll.mean, parts.scheme)
    assert f'<tr><td>team payroll per month</td><td class="num">{mean}</td>' in page
    assert (
        f'<tr><td>managers meeting the plan</td><td class="num">{sim.share_meeting_plan:.1%}</td>'
        in page
    )
    assert '<img alt="simulated distribution of pay" src="data:image/png;base64,' in page


def test_page_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "<link" not in page
    assert re.findall(r'(?:src|href)="(?!data:)', page) == []
    assert "http://" not in page
    assert "https://" not in page
    assert "Content-Security-Policy" in page
    assert "default-src 'none'" in page


def test_hostile_scheme_text_is_escaped() -> None:
    page = render_html(collect(motivsim.loads(HOSTILE), samples=2_000, runs=2_000, seed=1))
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert "<b>EUR" not in page
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page
    assert "&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot;" in page
    assert "&lt;/td&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "<title>motivsim report: &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert "month &amp; more" in page


def test_a_part_that_cannot_be_computed_is_explained() -> None:
    text = DEALERSHIP.read_text().split("[principles]")[0]  # no plan_met: the check cannot run
    parts = collect(motivsim.loads(text, path="noplan.toml"), samples=2_000, runs=2_000, seed=1)
    assert parts.check is None
    assert "plan_met" in parts.errors["check"]
    page = render_html(parts)
    assert (
        '<section id="check">\n<h2>Principles</h2>\n<div class="error"><strong>Not '
        "available:</strong>" in page
    )
    assert "Total pay: <strong>135,000.00 RUB</strong>" in page
    assert parts.curves
    assert parts.curves[0].regions == ()


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    code = main(
        ["report", str(DEALERSHIP), "--out", str(out), "--samples", "2000", "--runs", "2000"]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"wrote {out}; ")
    assert "principles hold" in printed
    page = out.read_text(encoding="utf-8")
    assert "<h1>Car dealership sales manager</h1>" in page


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("report.txt", "--out '{out}': a report is an HTML page; end the name with .html"),
        ("missing/report.html", "--out '{out}': folder '{parent}' does not exist"),
    ],
    ids=["suffix", "folder"],
)
def test_cli_bad_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    out = tmp_path / name
    assert main(["report", str(DEALERSHIP), "--out", str(out)]) == 2
    expected = message.format(out=out, parent=out.parent)
    assert capsys.readouterr().err.strip() == f"error: {expected}"


def test_cli_without_matplotlib(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "report.html"
    assert main(["report", str(DEALERSHIP), "--out", str(out)]) == 2
    assert "install it with: pip install 'motivsim[plot]'" in capsys.readouterr().err
    assert not out.exists()


def test_team_ratio_is_principle_ones_figure() -> None:
    pytest.importorskip("matplotlib")
    team = motivsim.load(Path(DEALERSHIP).parent / "team_dealership.toml")
    parts = collect(team, samples=2_000, runs=2_000, seed=1)
    page = render_html(parts)
    assert parts.check is not None
    assert parts.simulation is not None
    figure = parts.check.result("ratio").value
    assert figure is not None
    # one figure on the page: the simulation's own (the same draws) and the check's agree
    assert parts.simulation.hitter_ratio == figure
    label = "principle 1: meeting vs missing the plan (pooled over the team&#x27;s 7 managers"
    assert label in page
    assert f'<td class="num">{figure:.2f}×</td>' in page
    assert f'<td class="num">{figure:.2f}x<br>' in page  # the Principles table
