"""motivsim lint: each finding on a small scheme, with its location; the examples are clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import motivsim
from motivsim.cli.app import main
from motivsim.findings.static import LintFinding, lint
from motivsim.testing import schemes

ROOT = Path(__file__).resolve().parent.parent
UNIFORM = 'distribution = { type = "uniform", low = 0, high = 2_000_000 }'


def scheme(formula: str, *, params: str = "", kpis: str = "") -> motivsim.Scheme:
    """A scheme with a controllable revenue KPI; lines are numbered as in the test text."""
    return motivsim.loads(
        "[scheme]\n"  # 1
        'name = "lint"\n'  # 2
        'currency = "USD"\n'  # 3
        "[kpi.revenue]\n"  # 4
        "controllable = true\n"  # 5
        "min = 0\n"  # 6
        f"{UNIFORM}\n"  # 7
        f"{kpis}"
        f"[params]\n{params}"
        f"[formula]\n{formula}",
        path="lint.toml",
    )


def only(findings: tuple[LintFinding, ...], code: str) -> LintFinding:
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, [str(f) for f in findings]
    return found[0]


def where(finding: LintFinding) -> tuple[int | None, int | None]:
    return finding.location.line, finding.location.column


# -- static findings ---------------------------------------------------------------------------
def test_percent_rate_param() -> None:
    report = lint(scheme('pay = "rate * revenue"\n', params="rate = 5\n"), sampled=False)
    found = only(report.findings, "percent-rate")
    assert found.severity == "error"
    assert where(found) == (9, 1)  # rate = 5
    assert found.message == "rate = 5 multiplies revenue: pay would be 5 times revenue"
    assert found.fix == "a rate is a fraction of revenue: write rate = 0.05 for 5%"


def test_percent_rate_in_a_tier_table() -> None:
    formula = 'rate = "step(revenue / plan, [1.0], [3, 5])"\npay = "rate * revenue"\n'
    report = lint(scheme(formula, params="plan = 1_000_000\n"), sampled=False)
    found = only(report.findings, "percent-rate")
    assert found.severity == "error"
    assert where(found) == (11, 38)  # the 3 in [3, 5]
    assert found.location.key == "formula.rate"


def test_rate_param_not_multiplying_money_is_a_warning() -> None:
    formula = 'pay = "rate * calls"\n'
    report = lint(
        scheme(formula, params="rate = 5\n", kpis="[kpi.calls]\ncontrollable = true\n"),
        sampled=False,
    )
    assert only(report.findings, "percent-rate").severity == "warning"


def test_step_values_that_drop() -> None:
    report = lint(scheme('pay = "step(revenue, [1_000_000], [0.10, 0.05]) * revenue"\n'))
    drop = only(report.findings, "tier-drops")
    assert (drop.severity, *where(drop)) == ("warning", 10, 42)  # the 0.05
    falls = only(report.findings, "pay-decreases")  # confirmed by sampling
    assert falls.severity == "error"
    assert falls.location.key == "formula.pay"
    assert not report.passed()


def test_lower_is_better_table_is_not_flagged() -> None:
    formula = 'pay = "100_000 * step(returns, [2, 5], [1.2, 1.0, 0.8])"\n'
    kpis = '[kpi.returns]\ncontrollable = true\ndistribution = { type = "poisson", mean = 3 }\n'
    report = lint(scheme(formula, kpis=kpis))
    assert [f.code for f in report.findings if f.code in ("tier-drops", "pay-decreases")] == []


def test_marginal_decelerator_is_info() -> None:
    report = lint(scheme('pay = "marginal(revenue, [1_000_000], [0.05, 0.03])"\n'), sampled=False)
    found = only(report.findings, "tier-decelerates")
    assert (found.severity, *where(found)) == ("info", 10, 46)
    assert report.passed(strict=True)


def test_bracket_gap() -> None:
    formula = (
        'attainment = "revenue / plan"\n'
        'pay = "if(attainment < 0.9, 0.01, 0) * revenue + '
        'if(attainment >= 0.91 and attainment < 1.2, 0.02, 0) * revenue"\n'
    )
    report = lint(scheme(formula, params="plan = 1_000_000\n"), sampled=False)
    found = only(report.findings, "bracket-gap")
    assert found.severity == "error"
    assert where(found) == (12, 53)  # attainment >= 0.91
    assert found.message == (
        "the brackets on attainment leave a gap between 0.9 and 0.91: there nothing is paid"
    )
    assert found.fix == "start this bracket where the previous one ends: attainment >= 0.9"


def test_bracket_gap_in_an_if_chain_at_one_point() -> None:
    formula = (
        'pay = "if(revenue < 500_000, 100, if(revenue > 500_000 and revenue < 900_000, 200, 0))"\n'
    )
    found = only(lint(scheme(formula), sampled=False).findings, "bracket-gap")
    assert found.message.startswith("the brackets on revenue leave out revenue = 500_000")
    assert where(found) == (10, 38)


def test_bracket_overlap() -> None:
    formula = (
        'pay = "if(revenue <= 500_000, 100, 0) + '
        'if(revenue >= 500_000 and revenue < 900_000, 200, 0)"\n'
    )
    found = only(lint(scheme(formula), sampled=False).findings, "bracket-overlap")
    assert found.severity == "warning"
    assert (
        found.message == "the brackets on revenue overlap at revenue = 500_000: both are paid there"
    )
    assert where(found) == (10, 44)


def test_stacked_thresholds_are_not_overlaps() -> None:
    formula = 'pay = "if(revenue >= 500_000, 100, 0) + if(revenue >= 900_000, 200, 0)"\n'
    codes = {f.code for f in lint(scheme(formula), sampled=False).findings}
    assert not codes & {"bracket-overlap", "bracket-gap"}


def test_unused_names() -> None:
    formula = 'spare = "2 * revenue"\npay = "revenue / 10"\n'
    report = lint(
        scheme(formula, params="plan = 7\n", kpis="[kpi.calls]\ncontrollable = true\n"),
        sampled=False,
    )
    assert where(only(report.findings, "unused-kpi")) == (8, 1)
    assert where(only(report.findings, "unused-param")) == (11, 1)
    assert where(only(report.findings, "unused-step")) == (13, 1)
    assert only(report.findings, "unused-kpi").message == (
        "KPI 'calls' is declared but pay does not use it"
    )


# -- sampled findings (from motivsim.findings.scan) ------------------------------------------
def test_p07_threshold_is_a_cliff_at_700_000() -> None:
    """P-07 (visdum.com): 10% of S once S >= 70% of Q = 1,000,000: +70,000 of pay at 700,000."""
    report = lint(
        scheme(
            'pay = "if(revenue >= 0.7 * quota, 0.10 * revenue, 0)"\n', params="quota = 1_000_000\n"
        )
    )
    cliff = only(report.findings, "cliff")
    assert cliff.severity == "warning"
    assert "pay jumps by 70,000.00 USD (from 0.00 USD to 70,000.00 USD)" in cliff.message
    assert "when revenue reaches 700,000" in cliff.message
    assert where(cliff) == (11, 1)
    assert report.passed()
    assert not report.passed(strict=True)


def test_cap_and_negative_pay() -> None:
    formula = 'commission = "min(0.05 * revenue, 50_000)"\npay = "commission - 20_000"\n'
    report = lint(scheme(formula))
    assert where(only(report.findings, "cap")) == (10, 1)
    negative = only(report.findings, "negative-pay")
    assert negative.severity == "error"
    assert where(negative) == (11, 1)


# -- reports and the command line ------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted((ROOT / "schemes").glob("*.toml")), ids=lambda p: p.name)
def test_example_schemes_have_no_errors(path: Path) -> None:
    report = lint(motivsim.load(path))
    assert report.passed(), str(report)
    expected = {"cliff", "cap", "tier-decelerates", "not-scanned", "unused-kpi", "timing"}
    assert {f.code for f in report.findings} <= expected, str(report)


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = ROOT / "schemes" / "tier_marginal.toml"
    assert main(["lint", str(clean)]) == 0
    assert capsys.readouterr().out.strip().endswith("no findings")
    cliffs = ROOT / "schemes" / "dealership.toml"
    assert main(["lint", str(cliffs)]) == 0
    assert main(["lint", str(cliffs), "--strict"]) == 1
    typo = tmp_path / "typo.toml"
    typo.write_text(
        '[scheme]\nname = "t"\n[kpi.revenue]\ncontrollable = true\n'
        '[params]\nrate = 5\n[formula]\npay = "rate * revenue"\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["lint", str(typo)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{typo}:6:1: error [percent-rate] rate = 5 multiplies revenue")
    assert out.rstrip().endswith(f"{typo}: 1 error, 1 info")
    broken = tmp_path / "broken.toml"
    broken.write_text("[scheme]\n", encoding="utf-8")
    assert main(["lint", str(broken)]) == 2


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(ROOT / "schemes" / "dealership.toml"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "motivsim.lint/1"
    assert data["seed"] == 0
    assert data["counts"]["error"] == 0
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "message", "fix", "location"}
    assert first["location"]["path"].endswith("dealership.toml")
    assert first["location"]["line"]


def test_lint_is_repeatable() -> None:
    scheme_ = motivsim.load(ROOT / "schemes" / "dealership.toml")
    assert lint(scheme_).to_dict() == lint(scheme_).to_dict()


@pytest.mark.parametrize("severity", ["fatal", "warn"])
def test_invalid_severity(severity: str) -> None:
    with pytest.raises(motivsim.ArgumentError, match="severity must be error, warning or info"):
        LintFinding("x", severity, "m", "f")  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None)
@given(schemes())
def test_lint_never_crashes_on_random_schemes(random_scheme: motivsim.Scheme) -> None:
    report = lint(random_scheme, samples=16)
    for finding in report.findings:
        assert finding.location.key is not None, str(finding)
    assert report.passed() == (report.count("error") == 0)


def test_lint_needs_a_scheme_or_a_path() -> None:
    with pytest.raises(
        motivsim.ArgumentTypeError, match=r"lint needs a Scheme .* or a path to a scheme file"
    ):
        lint(42)  # type: ignore[arg-type]
