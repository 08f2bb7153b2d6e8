"""Tests of ``motivsim.check`` and ``motivsim check``: verdicts, analytic figures, edge cases."""

from __future__ import annotations

import doctest
import json
import math
import pickle
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import motivsim
from motivsim.checks import DEFAULT_SAMPLES, SCHEMA, CheckContext, check, ratio
from motivsim.checks import base as checks_base
from motivsim.checks.complexity import ComplexityDetails
from motivsim.checks.control import ControlDetails
from motivsim.checks.ratio import GroupStats, RatioDetails, ratio_interval
from motivsim.cli.app import main
from motivsim.errors import ArgumentError, ArgumentTypeError, SchemeError
from motivsim.sampling import draws as sampling
from motivsim.sampling.seeding import BLOCK_SIZE, STREAM_RATIO

ROOT = Path(__file__).resolve().parent.parent
SCHEMES = sorted((ROOT / "schemes").glob("*.toml"))

#: Expected verdict of each example scheme: (ratio, complexity, control) pass?
EXPECTED = {
    "convoluted.toml": (True, False, True),
    "dealership.toml": (False, True, True),  # 2.6x: the article's scheme rewards hitters too little
    "dealership_ru.toml": (True, True, True),  # the same scheme, tuned to reward plan hitters
    "flat_commission.toml": (False, True, True),
    "profit_bonus.toml": (True, True, False),
    "saas_ae.toml": (True, True, True),
    "saas_segments.toml": (False, True, True),  # a textbook 50/50 plan: about 1.7x, not 3x
    # judged per plan year (it pays by the year: about 3.3x); its first quarter alone, 1.4x
    "saas_ytd_trueup.toml": (True, True, True),
    # pooled over the team: about 4.2x, since the strong segment mostly hits the plan and
    # earns more (each segment alone: about 2.2x and 3.9x)
    "team_dealership.toml": (True, True, True),
    "tier_interp.toml": (True, True, True),
    "tier_marginal.toml": (True, True, True),
    "tier_step.toml": (True, True, True),
}


def lognormal_kpi(median: float, sigma: float) -> str:
    return f'distribution = {{ type = "lognormal", median = {median}, sigma = {sigma} }}'


PLAN_MET = '[principles]\nplan_met = "revenue >= plan"\n'


def ratio_details(result: checks_base.CheckResult) -> RatioDetails:
    """Principle 1's typed details."""
    assert isinstance(result.details, RatioDetails)
    return result.details


# --- every example scheme has its verdict ------------------------------------------------------


@pytest.fixture(scope="module")
def reports() -> dict[str, motivsim.Report | SchemeError]:
    """One report per example scheme (or the clear error a scheme without distributions gets)."""
    out: dict[str, motivsim.Report | SchemeError] = {}
    for path in SCHEMES:
        try:
            out[path.name] = check(motivsim.load(path), seed=2024, samples=10_000)
        except SchemeError as exc:
            out[path.name] = exc
    return out


@pytest.mark.parametrize("path", SCHEMES, ids=[p.name for p in SCHEMES])
def test_example_scheme_verdict(reports: dict[str, object], path: Path) -> None:
    outcome = reports[path.name]
    if isinstance(outcome, SchemeError):  # only acceptable as the clear "no distribution" error
        assert "has no distribution, but check must draw it" in outcome.message or (
            "have no distribution" in outcome.message
        ), str(outcome)
        assert outcome.location.line is not None
        return
    assert isinstance(outcome, motivsim.Report)
    verdict = tuple(r.passed for r in outcome.results)
    if path.name in EXPECTED:
        assert verdict == EXPECTED[path.name], str(outcome)
    else:  # a new example: it must at least give a verdict; add it to EXPECTED to pin it
        assert len(verdict) == 3


def test_expected_table_names_existing_schemes() -> None:
    assert set(EXPECTED) <= {p.name for p in SCHEMES}


def test_flat_commission_is_about_1_6x(reports: dict[str, motivsim.Report]) -> None:
    result = reports["flat_commission.toml"].result("ratio")
    truth = stats.norm.cdf(0.3) / stats.norm.cdf(-0.3)  # plan = median: Phi(s) / Phi(-s)
    assert truth == pytest.approx(1.617, abs=1e-3)
    assert result.interval is not None
    assert result.interval[0] <= truth <= result.interval[1]
    assert result.advice.startswith("non-hitters earn 62% of hitters' pay")


def test_convoluted_names_costliest_step(reports: dict[str, motivsim.Report]) -> None:
    result = reports["convoluted.toml"].result("complexity")
    assert result.value is not None
    assert result.value > 3 * result.threshold
    assert isinstance(result.details, ComplexityDetails)
    assert result.details.costliest in {"volume", "commission"}
    assert "start with step" in result.advice


def test_profit_bonus_blames_company_profit(reports: dict[str, motivsim.Report]) -> None:
    result = reports["profit_bonus.toml"].result("control")
    assert isinstance(result.details, ControlDetails)
    assert result.details.uncontrollable == ("company_profit",)
    assert result.value is not None
    assert result.interval is not None
    assert result.interval[0] > 0.2
    assert "company_profit" in result.advice
    assert "pay on revenue instead" in result.advice


# --- principle 1 against closed forms ----------------------------------------------------------


def conditional_ratio(base: float, rate: float, median: float, sigma: float, plan: float) -> float:
    """Mean of base + rate * R above the plan over the mean below it, R lognormal."""
    z = math.log(plan / median) / sigma
    scale = median * math.exp(sigma**2 / 2)
    above = scale * stats.norm.cdf(sigma - z) / stats.norm.sf(z)  # E[R | R >= plan]
    below = scale * stats.norm.cdf(z - sigma) / stats.norm.cdf(z)  # E[R | R < plan]
    return (base + rate * above) / (base + rate * below)


@pytest.mark.parametrize(
    ("base", "rate", "sigma", "plan", "seed"),
    [
        (0, 0.05, 0.3, 1_000_000, 1),
        (20_000, 0.05, 0.4, 1_200_000, 2),
        (5_000, 0.10, 0.25, 900_000, 3),
    ],
)
def test_ratio_matches_lognormal_partial_expectation(
    make_scheme, base: float, rate: float, sigma: float, plan: float, seed: int
) -> None:
    scheme = make_scheme(
        {"pay": "base + rate * revenue"},
        kpis={"revenue": lognormal_kpi(1_000_000, sigma)},
        params={"base": base, "rate": rate, "plan": plan},
        extra=PLAN_MET,
    )
    result = ratio.run(CheckContext(scheme, 100_000, seed))
    truth = conditional_ratio(base, rate, 1_000_000, sigma, plan)
    assert result.interval is not None
    assert result.interval[0] <= truth <= result.interval[1]
    assert result.value == pytest.approx(truth, rel=0.01)
    assert isinstance(result.details, RatioDetails)
    share = result.details.share_met
    assert share == pytest.approx(stats.norm.sf(math.log(plan / 1e6) / sigma), abs=0.005)


def test_ratio_interval_delta_method() -> None:
    low, high = ratio_interval(
        GroupStats(400, 300.0, 60.0, 290.0), GroupStats(600, 100.0, 20.0, 95.0), 0.95
    )
    se = math.sqrt(60**2 / (400 * 300**2) + 20**2 / (600 * 100**2))
    assert low == pytest.approx(3 * math.exp(-1.959964 * se))
    assert high == pytest.approx(3 * math.exp(1.959964 * se))


def test_attainment_table_shows_exact_pay(reports: dict[str, motivsim.Report]) -> None:
    table = ratio_details(reports["dealership.toml"].result("ratio")).pay_by_attainment
    assert table is not None
    assert table.kpi == "revenue"
    assert table.plan_value == 10_000_000
    assert table.others == {"cars_sold": 8.0}
    pays = {p.attainment: p.pay for p in table.points}
    # 70%: 40,000 base + 1% of 7M; 100%: 1.5% of 10M; 150%: capped at 300,000
    assert pays == {
        0.5: 40_000,
        0.7: 110_000,
        0.9: 130_000,
        1.0: 190_000,
        1.1: 205_000,
        1.3: 300_000,
        1.5: 340_000,
    }


def test_attainment_table_found_numerically_for_steps(make_scheme) -> None:
    scheme = make_scheme(
        {"attainment": "revenue / plan", "pay": "if(attainment >= 0.9 and revenue > 0, 5000, 100)"},
        kpis={"revenue": lognormal_kpi(1_000_000, 0.3)},
        params={"plan": 1_000_000},
        extra='[principles]\nplan_met = "attainment >= 0.9 and revenue > 0"\n',
    )
    table = ratio_details(check(scheme, seed=1, samples=2_000).result("ratio")).pay_by_attainment
    assert table is not None
    assert table.plan_value == pytest.approx(900_000, rel=1e-9)
    assert [p.pay for p in table.points] == [100, 100, 100, 5000, 5000, 5000, 5000]


# --- degenerate cases ----------------------------------------------------------------------------


def ratio_of(make_scheme, pay: str, plan_met: str = "revenue >= plan", plan: float = 1e6):
    scheme = make_scheme(
        {"pay": pay},
        kpis={"revenue": lognormal_kpi(1_000_000, 0.3)},
        params={"plan": plan},
        extra=f'[principles]\nplan_met = "{plan_met}"\n',
    )
    return ratio.run(CheckContext(scheme, 5_000, 7))


def test_nobody_meets_the_plan(make_scheme) -> None:
    result = ratio_of(make_scheme, "0.05 * revenue", plan=1e12)
    assert not result.passed
    assert result.value is None
    assert result.summary.startswith("no sample meets the plan (revenue >= plan)")
    assert "nobody reached the plan in 5,000 simulated periods" in result.advice


def test_everybody_meets_the_plan(make_scheme) -> None:
    result = ratio_of(make_scheme, "0.05 * revenue", plan_met="revenue >= 0")
    assert not result.passed
    assert result.value is None
    assert "raise the plan" in result.advice


def test_non_hitters_earn_nothing(make_scheme) -> None:
    result = ratio_of(make_scheme, "if(revenue >= plan, 10_000, 0)")
    assert result.passed
    assert result.value == math.inf
    assert result.interval is None
    assert "the ratio is unbounded" in result.summary
    data = result.to_dict()
    assert data["value"] is None
    assert data["unbounded"] is True
    json.dumps(data, allow_nan=False)


def test_nobody_earns_anything(make_scheme) -> None:
    result = ratio_of(make_scheme, "0 * revenue")
    assert not result.passed
    assert result.value is None
    assert result.summary == "nobody earns anything: pay is 0 in every sample"


def test_negative_mean_for_non_hitters(make_scheme) -> None:
    result = ratio_of(make_scheme, "revenue * 0.05 - 45_000")
    assert not result.passed
    assert result.value is None
    assert "a negative mean" in result.summary
    assert "add a floor" in result.advice


def test_few_samples_in_a_group_are_flagged(make_scheme) -> None:
    result = ratio_of(make_scheme, "0.05 * revenue + if(revenue >= plan, 50_000, 0)", plan=2.5e6)
    assert 0 < ratio_details(result).met.count < 30
    assert any("the figure is rough" in note for note in result.notes)


def test_reference_profiles(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "10_000 + if(revenue >= plan, 0.05 * revenue, 0)"},
        kpis={"revenue": lognormal_kpi(1_000_000, 0.3)},
        params={"plan": 1_000_000},
        extra=PLAN_MET + "hitter = { revenue = 1_200_000 }\nnon_hitter = { revenue = 800_000 }\n",
    )
    result = ratio.run(CheckContext(scheme, 2_000, 1))
    profiles = ratio_details(result).profiles
    assert profiles is not None
    assert profiles.hitter is not None
    assert profiles.non_hitter is not None
    assert profiles.hitter.pay == 70_000
    assert profiles.non_hitter.pay == 10_000
    assert profiles.ratio == 7.0
    assert profiles.hitter.meets_plan
    assert any("reference profiles: the hitter earns 70,000.00" in n for n in result.notes)


def test_min_ratio_from_the_scheme(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "0.05 * revenue"},
        kpis={"revenue": lognormal_kpi(1_000_000, 0.3)},
        params={"plan": 1_000_000},
        extra=PLAN_MET + "min_ratio = 1.5\n",
    )
    result = ratio.run(CheckContext(scheme, 5_000, 1))
    assert result.passed
    assert result.threshold == 1.5
    assert result.title == "Those who meet the plan earn at least 1.5x those who miss it"


# --- clear errors ------------------------------------------------------------------------------


def test_missing_distribution_names_the_kpi(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "0.05 * revenue + 100 * calls"},
        kpis={"revenue": lognormal_kpi(1e6, 0.3), "calls": ""},
        params={"plan": 1e6},
        extra=PLAN_MET,
    )
    with pytest.raises(SchemeError) as info:
        check(scheme, seed=1)
    err = info.value
    assert err.message == (
        "KPI 'calls' has no distribution, but check must draw it (pay depends on it)"
    )
    assert err.location.key == "kpi.calls"
    assert err.location.source_line == "[kpi.calls]"
    assert err.hint is not None
    assert "under [kpi.calls]" in err.hint


def test_missing_distribution_of_a_plan_met_kpi(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "0.05 * revenue"},
        kpis={"revenue": lognormal_kpi(1e6, 0.3), "margin": ""},
        extra='[principles]\nplan_met = "margin >= 0.2"\n',
    )
    with pytest.raises(SchemeError, match=r"'margin' has no distribution.*plan_met depends on it"):
        check(scheme, seed=1)


def test_missing_plan_met(make_scheme) -> None:
    scheme = make_scheme({"pay": "0.05 * revenue"}, kpis={"revenue": lognormal_kpi(1e6, 0.3)})
    with pytest.raises(SchemeError, match=r"\[principles\] has no plan_met") as info:
        check(scheme, seed=1)
    assert (
        info.value.hint == 'add [principles] with plan_met = "revenue >= plan" (your KPI and plan)'
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 10}, "samples must be an integer from 1,000 to 10,000,000, got samples=10"),
        ({"samples": 2.5e4}, "got samples=25000.0"),
        ({"samples": True}, "got samples=True"),
        ({"seed": -1}, "seed must be a non-negative integer, got -1"),
        ({"confidence": 1.0}, "confidence must be in [0.5, 1), got confidence=1.0"),
    ],
    ids=["too-few-samples", "float-samples", "bool-samples", "negative-seed", "confidence-1"],
)
def test_invalid_arguments(kwargs: dict[str, object], message: str) -> None:
    scheme = motivsim.load(ROOT / "schemes" / "flat_commission.toml")
    with pytest.raises(ArgumentError, match=None) as info:
        check(scheme, **kwargs)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_check_needs_a_scheme_or_a_path() -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"check needs a Scheme \(from motivsim.load\) or a path to a scheme file, got int",
    ):
        check(42)  # type: ignore[arg-type]


# --- reproducibility ---------------------------------------------------------------------------


def test_same_seed_same_report() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "profit_bonus.toml")
    first, second = check(scheme, seed=99, samples=4_000), check(scheme, seed=99, samples=4_000)
    assert first.to_dict() == second.to_dict()
    assert str(first) == str(second)
    other = check(scheme, seed=100, samples=4_000)
    assert other.result("ratio").value != first.result("ratio").value


def test_seed_is_drawn_and_reported() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "flat_commission.toml")
    report = check(scheme, samples=2_000)
    assert isinstance(report.seed, int)
    assert f"seed {report.seed} " in str(report)
    again = check(scheme, samples=2_000, seed=report.seed)
    assert again.to_dict() == report.to_dict()


def test_draws_do_not_depend_on_the_sample_count() -> None:
    dists = {
        k.name: k.distribution
        for k in motivsim.load(ROOT / "schemes" / "dealership.toml").kpis.values()
    }
    small = sampling.draw(dists, 20_000, seed=5, stream=1)
    big = sampling.draw(dists, 40_000, seed=5, stream=1)
    block = sampling.draw_block(dists, seed=5, block=1, stream=1)
    for name in dists:
        np.testing.assert_array_equal(small[name], big[name][:20_000])
        np.testing.assert_array_equal(block[name], big[name][BLOCK_SIZE : 2 * BLOCK_SIZE])
    other_stream = sampling.draw(dists, 1_000, seed=5, stream=2)
    assert not np.array_equal(other_stream["revenue"], small["revenue"][:1_000])


# --- [correlation] -----------------------------------------------------------------------------


def correlated_bonus_scheme(rho: float | None) -> motivsim.Scheme:
    """Plan met on ``a``; a 9,000 bonus when ``b`` beats its median; ``a:b`` rank-correlated."""
    table = "" if rho is None else f'[correlation]\n"a:b" = {rho}\n'
    return motivsim.loads(
        f"""[scheme]
name = "bonus on b, plan on a"
[kpi.a]
controllable = true
{lognormal_kpi(100, 0.3)}
[kpi.b]
controllable = true
{lognormal_kpi(100, 0.5)}
[formula]
pay = "1_000 + if(b >= 100, 9_000, 0)"
[principles]
plan_met = "a >= 100"
{table}"""
    )


def test_ratio_uses_the_correlation() -> None:
    # Both medians are the thresholds, so with copula correlation r = 2 sin(pi rho / 6) of the
    # normals, P(b high | a high) = 1/2 + asin(r) / pi (an orthant probability).
    r = 2 * math.sin(math.pi * 0.9 / 6)
    p = 0.5 + math.asin(r) / math.pi
    truth = (1_000 + 9_000 * p) / (1_000 + 9_000 * (1 - p))
    assert truth == pytest.approx(3.92, abs=0.01)
    tied = check(correlated_bonus_scheme(0.9), seed=3, samples=20_000).result("ratio")
    free = check(correlated_bonus_scheme(0.0), seed=3, samples=20_000).result("ratio")
    assert tied.value is not None
    assert free.value is not None
    assert tied.interval is not None
    assert free.interval is not None
    assert tied.interval[0] <= truth <= tied.interval[1]
    assert free.interval[0] <= 1.0 <= free.interval[1]  # the bonus says nothing about the plan
    assert tied.value > 3 * free.value
    assert tied.passed
    assert not free.passed


def test_draws_follow_the_rank_correlation() -> None:
    scheme = correlated_bonus_scheme(0.9)
    dists = sampling.require_distributions(scheme, {"a": "", "b": ""})
    x = sampling.draw_kpis(scheme, dists, 20_000, seed=4, stream=STREAM_RATIO)
    assert stats.spearmanr(x["a"], x["b"])[0] == pytest.approx(0.9, abs=0.01)
    assert np.median(x["a"]) == pytest.approx(100, rel=0.02)  # the marginals are kept
    assert np.median(x["b"]) == pytest.approx(100, rel=0.02)
    few = sampling.draw_kpis(scheme, dists, 1_000, seed=4, stream=STREAM_RATIO)
    for name in dists:  # sample i does not depend on the sample count
        np.testing.assert_array_equal(few[name], x[name][:1_000])


def test_zero_correlation_draws_as_without_the_table() -> None:
    with_zero = check(correlated_bonus_scheme(0.0), seed=5, samples=2_000).to_dict()
    without = check(correlated_bonus_scheme(None), seed=5, samples=2_000).to_dict()
    assert with_zero["notes"] == [
        "[correlation] ties no two KPIs that pay or plan_met depend on: check draws them "
        "independently"
    ]
    with_zero["notes"] = []
    assert with_zero == without


def test_correlated_draws_ignore_team_segments() -> None:
    # check measures one manager drawn from [kpi]: revenue median 9.5M, not a segment's
    scheme = motivsim.load(ROOT / "schemes" / "team_dealership.toml")
    dists = sampling.require_distributions(scheme, {"revenue": "", "cars_sold": ""})
    assert sampling.copula_sampling(scheme, dists) is not None
    x = sampling.draw_kpis(scheme, dists, 20_000, seed=6, stream=STREAM_RATIO)
    assert np.median(x["revenue"]) == pytest.approx(9_500_000, rel=0.02)
    assert x["cars_sold"].mean() == pytest.approx(8, rel=0.02)
    assert stats.spearmanr(x["revenue"], x["cars_sold"])[0] == pytest.approx(0.7, abs=0.02)


# --- the report and its JSON form --------------------------------------------------------------


def test_json_schema(reports: dict[str, motivsim.Report]) -> None:
    data = reports["dealership.toml"].to_dict()
    assert set(data) == {
        "schema",
        "scheme",
        "passed",
        "passed_strict",
        "seed",
        "samples",
        "confidence",
        "results",
        "warnings",
        "notes",
    }
    assert data["schema"] == SCHEMA == "motivsim.check/1"
    assert [r["name"] for r in data["results"]] == ["ratio", "complexity", "control"]
    for result in data["results"]:
        assert set(result) == {
            "name",
            "principle",
            "title",
            "passed",
            "value",
            "unbounded",
            "threshold",
            "comparison",
            "interval",
            "summary",
            "advice",
            "details",
            "notes",
        }
    for warning in data["warnings"]:
        assert set(warning) == {
            "code",
            "severity",
            "message",
            "fix",
            "step",
            "kpi",
            "location",
            "example",
        }
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_text_report(reports: dict[str, motivsim.Report]) -> None:
    text = str(reports["profit_bonus.toml"])
    assert text.startswith("motivsim check: Plan bonus plus a share of company profit\n")
    assert "seed 2024 · 10,000 samples · 95% intervals" in text
    assert "3. Pay depends on what the manager controls .." in text
    assert "... FAIL" in text
    assert "-> " in text  # the advice of the failed principle
    assert text.rstrip().endswith("Verdict: FAIL (2 of 3 principles hold; 2 warnings)")


def test_results_are_frozen_and_pickle(reports: dict[str, motivsim.Report]) -> None:
    report = reports["dealership.toml"]
    with pytest.raises(AttributeError):
        report.seed = 3  # type: ignore[misc]
    clone = pickle.loads(pickle.dumps(report))
    assert clone.to_dict() == report.to_dict()


def test_report_lookup_errors(reports: dict[str, motivsim.Report]) -> None:
    with pytest.raises(ArgumentError, match="no check named 'speed'; the report has 'ratio'"):
        reports["dealership.toml"].result("speed")


def test_check_result_validates_itself() -> None:
    with pytest.raises(ArgumentError, match="comparison must be '>=' or '<='"):
        checks_base.CheckResult("x", 1, "t", True, 1.0, 1.0, "==", "s")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="interval must have low <= high"):
        checks_base.CheckResult("x", 1, "t", True, 1.0, 1.0, ">=", "s", interval=(2.0, 1.0))


def test_correlation_is_noted(reports: dict[str, motivsim.Report]) -> None:
    for name, report in reports.items():
        scheme = motivsim.load(ROOT / "schemes" / name)
        noted = any("[correlation]" in n for n in report.notes)
        assert noted == ("correlation" in scheme.extras)
    assert reports["team_dealership.toml"].notes == (
        "principle 1 draws revenue and cars_sold with the rank correlations of [correlation] "
        "(the Gaussian copula of simulate), and so does the scan behind the warnings; "
        "principle 3's Sobol' indices treat the KPIs as independent, as variance shares require",
    )


def test_doctests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    from motivsim import checks
    from motivsim.checks import complexity

    for module in (checks, sampling, ratio, complexity):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__
        assert result.attempted > 0, module.__name__


def test_registry_follows_the_contract() -> None:
    from motivsim.checks import CHECKS

    assert [(c.NAME, c.PRINCIPLE) for c in CHECKS] == [
        ("ratio", 1),
        ("complexity", 2),
        ("control", 3),
    ]
    assert all(callable(c.run) and c.TITLE for c in CHECKS)


def test_public_api() -> None:
    assert motivsim.check is check
    assert "check" in motivsim.__all__
    assert "Report" in motivsim.__all__
    assert motivsim.Report is checks_base.Report


# --- the command line ----------------------------------------------------------------------------


def passing_scheme(tmp_path: Path, *, cliff: bool) -> Path:
    bonus = "if(revenue >= plan, 30_000, 0)" if cliff else "marginal(revenue, [800_000], [0, 0.2])"
    path = tmp_path / "good.toml"
    path.write_text(
        f"""[scheme]
name = "Good"
[kpi.revenue]
controllable = true
{lognormal_kpi(1_000_000, 0.3)}
[params]
plan = 1_000_000
[formula]
pay = "2_000 + {bonus}"
[principles]
plan_met = "revenue >= plan"
min_ratio = 2
""",
        encoding="utf-8",
    )
    return path


def test_cli_exit_0_when_all_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = passing_scheme(tmp_path, cliff=False)
    assert main(["check", str(path), "--seed", "11", "--samples", "4000"]) == 0
    out = capsys.readouterr().out
    assert "seed 11 · 4,000 samples" in out
    assert "Verdict: PASS (3 of 3 principles hold)" in out
    assert f"Repeat this run: python -m motivsim check {path} --seed 11 --samples 4000" in out


def test_cli_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = passing_scheme(tmp_path, cliff=True)
    assert main(["check", str(path), "--seed", "1", "--samples", "4000"]) == 0
    assert "[cliff]" in capsys.readouterr().out
    assert main(["check", str(path), "--seed", "1", "--samples", "4000", "--strict"]) == 1


def test_cli_exit_1_when_a_principle_fails(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "schemes" / "flat_commission.toml")
    assert main(["check", path, "--seed", "3", "--samples", "2000"]) == 1
    out = capsys.readouterr().out
    assert "1. Those who meet the plan earn at least 3x those who miss it" in out
    assert "non-hitters earn" in out


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(ROOT / "schemes" / "profit_bonus.toml")
    assert main(["check", path, "--seed", "3", "--samples", "2000", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["seed"] == 3
    assert data["samples"] == 2000
    assert data["passed"] is False
    assert [r["passed"] for r in data["results"]] == [True, True, False]


def test_cli_missing_distribution_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nodist.toml"
    path.write_text(
        '[scheme]\nname = "x"\n[kpi.revenue]\ncontrollable = true\n[formula]\n'
        'pay = "0.05 * revenue"\n[principles]\nplan_met = "revenue >= 1000"\n',
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3:1: KPI 'revenue' has no distribution, but check must draw it" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "abc"], "expected a whole number, got 'abc'"),
        (["--seed", "-4"], "the seed must be >= 0"),
        (["--samples", "10"], "samples must be an integer from 1,000"),
    ],
    ids=["samples-not-a-number", "negative-seed", "too-few-samples"],
)
def test_cli_usage_errors_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(ROOT / "schemes" / "flat_commission.toml")
    assert main(["check", path, *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_missing_file_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/scheme.toml"]) == 2
    assert "no/such/scheme.toml" in capsys.readouterr().err


def test_default_samples_keep_intervals_usable(reports: dict[str, motivsim.Report]) -> None:
    assert DEFAULT_SAMPLES == 20_000
    interval = reports["dealership.toml"].result("ratio").interval
    assert interval is not None
    assert interval[1] - interval[0] < 0.1


# --- principle 3 through a scheme ----------------------------------------------------------------


def test_control_share_matches_a_linear_model() -> None:
    scheme = motivsim.loads(
        """[scheme]
name = "linear"
[kpi.revenue]
controllable = true
distribution = { type = "normal", mean = 100, sd = 10 }
[kpi.market]
controllable = false
distribution = { type = "normal", mean = 50, sd = 5 }
[formula]
pay = "revenue + 2 * market"
[principles]
plan_met = "revenue >= 100"
"""
    )
    result = check(scheme, seed=8, samples=40_000).result("control")
    truth = 4 * 25 / (100 + 4 * 25)  # b^2 var(market) / var(pay)
    assert result.interval is not None
    assert result.interval[0] <= truth <= result.interval[1]
    assert result.value == pytest.approx(truth, abs=0.03)
    assert not result.passed
    assert isinstance(result.details, ControlDetails)
    indices = result.details.indices
    assert indices["revenue"].controllable is True
    assert indices["market"].total_order.value == pytest.approx(truth, abs=0.03)


def test_control_without_uncontrollable_kpis_is_exactly_zero(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "0.05 * revenue"},
        kpis={"revenue": lognormal_kpi(1e6, 0.3)},
        params={"plan": 1e6},
        extra=PLAN_MET,
    )
    result = check(scheme, seed=1, samples=2_000).result("control")
    assert result.value == 0.0
    assert result.interval is None
    assert result.passed
    assert "(none)" in result.summary


def test_constant_pay_explained(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "5_000 + 0 * revenue"},
        kpis={"revenue": lognormal_kpi(1e6, 0.3)},
        params={"plan": 1e6},
        extra=PLAN_MET,
    )
    report = check(scheme, seed=1, samples=2_000)
    assert report.result("control").notes == ("pay does not vary with the KPIs: every index is 0",)
    assert report.result("ratio").value == pytest.approx(1.0)


@pytest.mark.parametrize(
    "command",
    [
        ["check", "schemes/dealership.toml", "--seed", "1", "--samples", "2000"],
        ["explain", "schemes/dealership.toml", "revenue=12000000", "cars_sold=11"],
        ["lint", "schemes/dealership.toml"],
    ],
    ids=["check", "explain", "lint"],
)
def test_commands_load_only_what_they_need(command: list[str]) -> None:
    """A scheme of lognormal and Poisson KPIs is checked without scipy (numpy computes the
    normal quantile and the Poisson CDF), and no command loads the stages it does not use."""
    import subprocess
    import sys

    code = (
        "import sys, runpy; sys.argv = ['motivsim', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('motivsim', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "loaded = [m for m in ('scipy', 'matplotlib', 'motivsim.simulation', "
        "'motivsim.comparison', 'motivsim.reporting') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command], cwd=ROOT, capture_output=True, text=True
    )
    assert "LOADED []" in done.stderr, done.stderr


# --- a plan that remembers is judged per plan year -----------------------------------------------
def test_a_plan_that_remembers_is_judged_per_plan_year_with_simulates_digits() -> None:
    plan = motivsim.load(ROOT / "schemes" / "saas_ytd_trueup.toml")
    report = motivsim.check(plan, samples=5_000, seed=3, warnings=False)
    ratio = report.results[0]
    details = ratio_details(ratio)
    assert details.per_year is not None
    year = motivsim.simulate(plan, runs=5_000, periods=4, seed=3).per_year
    assert year is not None
    assert ratio.value == year.ratio  # the same draws, sums and arithmetic: the same digits
    assert details.share_met == year.share_meeting_plan
    assert details.per_year.periods == 4
    assert details.split is not None
    assert details.split.ratio is not None
    assert details.split.ratio < 2 < ratio.value  # its first quarter alone says little
    text = str(report)
    assert "per plan year, those who meet the plan earn" in text
    assert "one quarter alone, as a person's first" in text
    assert "pay by plan attainment" not in text
    data = report.to_dict()["results"][0]["details"]["per_year"]
    assert data["manager_years"] == 5_000
    assert data["ratio"] == pytest.approx(year.ratio)


def test_a_plan_without_memory_has_no_figure_per_plan_year() -> None:
    report = motivsim.check(
        ROOT / "schemes" / "dealership.toml", samples=2_000, seed=1, warnings=False
    )
    details = ratio_details(report.results[0])
    assert details.per_year is None
    assert report.to_dict()["results"][0]["details"]["per_year"] is None


def test_the_figure_per_plan_year_does_not_depend_on_how_many_blocks_are_computed_at_once(
    monkeypatch,
) -> None:
    from motivsim.checks import years

    plan = motivsim.load(ROOT / "schemes" / "saas_ytd_trueup.toml")
    whole = years.measure_years(plan, samples=30_000, seed=5)
    monkeypatch.setattr(years, "_CHUNK", 1)  # one block at a time
    assert years.measure_years(plan, samples=30_000, seed=5) == whole
    monkeypatch.setattr(years, "_CHUNK", 5 * 4 * 4_096)
    assert years.measure_years(plan, samples=30_000, seed=5) == whole
