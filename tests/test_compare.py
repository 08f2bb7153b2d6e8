"""motivsim compare: paired comparison of two schemes, the largest cut, and the CI gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings

import motivsim
from motivsim.cli.app import main
from motivsim.comparison.run import compare
from motivsim.sampling.seeding import BLOCK_SIZE
from motivsim.testing import schemes

ROOT = Path(__file__).resolve().parent.parent

# The dealership example of the article (as in schemes/dealership.toml, kept here so that the
# figures below do not move when the example is edited).
SCHEME = """\
[scheme]
name = "Car dealership sales manager"
currency = "RUB"
revenue_kpi = "revenue"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 9_500_000, sigma = 0.35 }

[kpi.cars_sold]
controllable = true
min = 0
distribution = { type = "poisson", mean = 8 }

[params]
base = 40_000
plan = 10_000_000

[formula]
attainment = "revenue / plan"
rate = "step(attainment, [0.7, 1.0, 1.3], [0, 0.01, 0.015, 0.02])"
commission = "min(rate * revenue, 300_000)"
bonus = "if(cars_sold >= 10, 25_000, 0)"
pay = "base + commission + bonus"

[principles]
plan_met = "revenue >= plan"
"""
TEAM = """
[[team.segment]]
name = "strong"
count = 3
kpi.revenue = { type = "lognormal", median = 13_000_000, sigma = 0.2 }

[[team.segment]]
name = "new hires"
count = 4
kpi.revenue = { type = "lognormal", median = 6_000_000, sigma = 0.4 }

[correlation]
"revenue:cars_sold" = 0.7
"""
DEALERSHIP = Path(__file__).resolve().parent.parent / "schemes" / "dealership.toml"


@pytest.fixture(autouse=True)
def _schemes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``dealership.toml`` and ``team.toml`` in the working directory."""
    (tmp_path / "dealership.toml").write_text(SCHEME, encoding="utf-8")
    (tmp_path / "team.toml").write_text(SCHEME + TEAM, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def variant(tmp_path: Path, name: str, old: str, new: str, source: str = "dealership.toml") -> Path:
    """A copy of ``source`` with one line changed."""
    text = (tmp_path / source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture
def cut10(tmp_path: Path) -> Path:
    """The dealership scheme paying exactly 90% of the old pay, whatever the results."""
    return variant(
        tmp_path,
        "cut10.toml",
        'pay = "base + commission + bonus"',
        'pay = "0.9 * (base + commission + bonus)"',
    )


def test_compare_with_itself_reports_no_change() -> None:
    result = compare(DEALERSHIP, DEALERSHIP, samples=2_000, seed=1)
    assert not result.changed
    assert result.largest_cut is None
    assert (result.better, result.worse) == (0.0, 0.0)
    assert result.payroll_change.to_dict() == {"value": 0.0, "low": 0.0, "high": 0.0}
    assert result.principles is not None
    assert not result.principle_changes
    assert "No change: both schemes pay the same" in str(result)


def test_cli_itself_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "compare",
                str(DEALERSHIP),
                str(DEALERSHIP),
                "--max-cut",
                "5%",
                "--samples",
                "1000",
                "--seed",
                "1",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Gate --max-cut 5%: PASS (largest cut 0.0%, allowed 5.0%)" in out


def test_a_ten_percent_cut(cut10: Path) -> None:
    result = compare("dealership.toml", cut10, samples=2_000, seed=2, max_cut=0.05)
    (segment,) = result.segments
    assert segment.new_mean == pytest.approx(0.9 * segment.old_mean)
    assert result.payroll_change.value == pytest.approx(-0.1 * result.payroll_old)
    assert result.payroll_change.low < result.payroll_change.value < result.payroll_change.high
    assert (result.worse, result.better) == (1.0, 0.0)
    cut = result.largest_cut
    assert cut is not None
    assert cut.share == pytest.approx(0.1)
    assert dict(cut.values) == {"revenue": 10_000_000, "cars_sold": 8}  # shrunk to the plan
    assert str(cut) == (
        "with revenue=10,000,000 and cars_sold=8, the new plan pays 19,000.00 RUB "
        "less (−10.0%): 190,000.00 RUB before, 171,000.00 RUB after"
    )
    assert result.gate_failed


def test_cli_max_cut_is_a_gate(cut10: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "compare",
        "dealership.toml",
        str(cut10),
        "--samples",
        "1000",
        "--seed",
        "1",
        "--no-principles",
    ]
    assert main([*args, "--max-cut", "5%"]) == 1
    assert "Gate --max-cut 5%: FAIL (largest cut 10.0%, allowed 5.0%)" in capsys.readouterr().out
    assert main([*args, "--max-cut", "0.15"]) == 0
    assert main(args) == 0  # no gate, no failure


def test_largest_cut_at_a_raised_threshold(tmp_path: Path) -> None:
    raised = variant(tmp_path, "raised.toml", "[0.7, 1.0, 1.3]", "[0.75, 1.0, 1.3]")
    cut = compare("dealership.toml", raised, samples=2_000, seed=3, principles=False).largest_cut
    assert cut is not None
    revenue = cut.values["revenue"]
    assert 7_000_000 <= revenue < 7_500_000  # between the old and the new threshold
    assert revenue % 100_000 == 0  # a round case
    assert cut.new_pay == 40_000 + (25_000 if cut.values["cars_sold"] >= 10 else 0)
    assert cut.share >= 0.99 * (75_000 - 1) / (115_000 - 1)  # within 1% of the worst case


def test_different_kpi_sets_are_stated(tmp_path: Path) -> None:
    new = variant(
        tmp_path,
        "margin.toml",
        "[params]",
        "[kpi.margin]\ncontrollable = true\n"
        'distribution = { type = "uniform", low = 0, high = 0.3 }\n\n[params]',
    )
    new.write_text(
        new.read_text(encoding="utf-8").replace(
            'bonus = "if(cars_sold >= 10, 25_000, 0)"', 'bonus = "100_000 * margin"'
        ),
        encoding="utf-8",
    )
    result = compare("dealership.toml", new, samples=1_000, seed=4, principles=False)
    assert result.shared_kpis == ("revenue",)
    assert result.only_old == ("cars_sold",)
    assert result.only_new == ("margin",)
    text = str(result)
    assert "KPIs compared: revenue" in text
    assert "note: only OLD's pay uses cars_sold" in text
    assert "note: only NEW's pay uses margin (drawn from NEW's distribution)" in text
    assert result.to_dict()["kpis"] == {
        "shared": ["revenue"],
        "only_old": ["cars_sold"],
        "only_new": ["margin"],
    }


def test_team_segments_and_payroll(tmp_path: Path) -> None:
    richer = variant(tmp_path, "richer.toml", "base = 40_000", "base = 41_000", source="team.toml")
    result = compare("team.toml", richer, samples=1_000, seed=5, principles=False)
    assert [(s.name, s.count) for s in result.segments] == [("strong", 3), ("new hires", 4)]
    for segment in result.segments:
        assert segment.change.value == pytest.approx(1_000)
    assert result.payroll_change.value == pytest.approx(7_000)
    assert result.payroll_old == pytest.approx(sum(s.count * s.old_mean for s in result.segments))
    assert result.better == 1.0
    assert result.largest_cut is None


def test_same_seed_same_result(cut10: Path) -> None:
    a = compare("dealership.toml", cut10, samples=1_000, seed=9, principles=False)
    b = compare("dealership.toml", cut10, samples=1_000, seed=9, principles=False)
    assert a.to_dict() == b.to_dict()


def test_draws_do_not_depend_on_the_sample_count() -> None:
    from motivsim.comparison.pairing import KpiSources, draw_segment

    team = motivsim.load("team.toml")
    dists = {k: v.distribution for k, v in team.kpis.items() if v.distribution is not None}
    plan, segment = KpiSources.of(team, team), team.team.segments[1]
    small = draw_segment(team, plan, segment, 500, 7)
    big = draw_segment(team, plan, segment, 20_000, 7)
    assert all((big[k][:500] == small[k]).all() for k in dists)


def test_compare_draws_what_simulate_draws(tmp_path: Path) -> None:
    from motivsim.comparison.pairing import KpiSources, draw_segment
    from motivsim.simulation import sample_kpis

    margin = variant(
        tmp_path,
        "margin.toml",
        "[params]",
        '[kpi.margin]\ncontrollable = true\ndistribution = { type = "uniform", low = 0, '
        "high = 0.3 }\n\n[params]",
        source="team.toml",
    )
    old = motivsim.loads(  # OLD's pay does not use cars_sold: simulate draws revenue, margin
        margin.read_text(encoding="utf-8").replace(
            'bonus = "if(cars_sold >= 10, 25_000, 0)"', 'bonus = "100_000 * margin"'
        )
    )
    plan = KpiSources.of(old, motivsim.load("team.toml"))
    for segment in old.team.segments:
        drawn = draw_segment(old, plan, segment, 3_000, 11)
        simulated = sample_kpis(old, n=BLOCK_SIZE, seed=11, segment=segment.name)
        assert list(drawn) == ["revenue", "margin", "cars_sold"]
        assert list(simulated) == ["revenue", "margin"]
        assert all((drawn[k] == simulated[k][:3_000]).all() for k in simulated)


def test_one_manager_compare_and_simulate_agree() -> None:
    compared = compare(DEALERSHIP, DEALERSHIP, samples=BLOCK_SIZE, seed=3, principles=False)
    simulated = motivsim.simulate(motivsim.load(DEALERSHIP), runs=BLOCK_SIZE, seed=3)
    assert compared.segments[0].old_mean == pytest.approx(simulated.manager.mean, rel=1e-12)


def test_principle_verdict_change(tmp_path: Path) -> None:
    strong = (
        '[scheme]\nname = "{name}"\n[kpi.revenue]\ncontrollable = true\nmin = 0\n'
        'distribution = {{ type = "lognormal", median = 1_000_000, sigma = 0.3 }}\n'
        '[formula]\npay = "{pay}"\n[principles]\nplan_met = "revenue >= 1_000_000"\n'
    )
    old = motivsim.loads(
        strong.format(name="bonus", pay="if(revenue >= 1_000_000, 100_000, 10_000)")
    )
    new = motivsim.loads(strong.format(name="flat", pay="0.05 * revenue"))
    result = compare(old, new, samples=2_000, seed=6)
    assert result.principle_changes == {"ratio": (True, False)}
    assert "ratio: PASS -> FAIL" in str(result)


def test_json(cut10: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "compare",
                "dealership.toml",
                str(cut10),
                "--json",
                "--samples",
                "1000",
                "--seed",
                "1",
                "--no-principles",
                "--max-cut",
                "5%",
            ]
        )
        == 1
    )
    data = json.loads(capsys.readouterr().out)
    assert data["gate_failed"] is True
    assert data["max_cut"] == 0.05
    assert data["largest_cut"]["share"] == pytest.approx(0.1)
    assert data["segments"][0]["name"] == "everyone"
    assert data["principles"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-cut", "5"], "'5' is ambiguous; write 5% or 0.05"),
        (["--max-cut", "lots"], "'lots' is not a share; write 5% or 0.05"),
        (["--samples", "10"], "samples must be an integer from 100 to 10,000,000, got 10"),
    ],
    ids=["ambiguous-cut", "not-a-share", "few-samples"],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "dealership.toml", "dealership.toml", *args]) == 2
    assert message in capsys.readouterr().err


def test_kpi_without_distribution_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = variant(tmp_path, "bare.toml", 'distribution = { type = "poisson", mean = 8 }\n', "")
    assert main(["compare", str(bare), str(bare), "--samples", "1000"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{bare}:11:1: KPI 'cars_sold' has no distribution or typical value")


@settings(max_examples=20, deadline=None)
@given(schemes())
def test_any_scheme_compared_with_itself_has_no_change(random_scheme: motivsim.Scheme) -> None:
    for kpi in random_scheme.pay_inputs:  # compare needs something to draw
        assume(random_scheme.kpis[kpi].distribution is not None)
    result = compare(random_scheme, random_scheme, samples=200, seed=1, principles=False)
    assert not result.changed
    assert result.largest_cut is None


def test_different_currencies_are_noted() -> None:
    from tests.conftest import SCHEMES

    result = motivsim.compare(
        SCHEMES / "dealership.toml",
        SCHEMES / "saas_ae.toml",
        samples=2_000,
        seed=1,
        allow_different_units=True,  # without it, different currencies are refused
    )
    assert (
        "OLD pays in RUB and NEW in USD: amounts are compared as numbers, without conversion"
        in result.notes
    )


def test_a_plan_that_remembers_gets_a_note_on_what_the_pay_figures_are(tmp_path) -> None:
    new = tmp_path / "new.toml"
    old_text = (ROOT / "schemes" / "saas_ytd_trueup.toml").read_text(encoding="utf-8")
    new.write_text(old_text.replace("base = 4_000", "base = 3_000"), encoding="utf-8")
    result = motivsim.compare(ROOT / "schemes" / "saas_ytd_trueup.toml", new, seed=1)
    assert any("pay of OLD and NEW reads earlier periods" in n for n in result.notes)
    same = ROOT / "schemes" / "dealership.toml"
    plain = motivsim.compare(same, same, seed=1)
    assert not any("earlier periods" in n for n in plain.notes)
