"""``tune``: the parameter values closest to the current ones that make a plan pass, found on
common random numbers and checked with a fresh seed (docs/tune.md)."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest

import motivsim
from motivsim.checks.ratio import measure
from motivsim.cli.app import main
from motivsim.tuning import TuneResult, tune
from motivsim.tuning.text import decimal_text

ROOT = Path(__file__).resolve().parent.parent
DEALERSHIP = ROOT / "schemes" / "dealership.toml"

LINEAR = """\
[scheme]
name = "Linear commission"
currency = "USD"
period = "month"
revenue_kpi = "revenue"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }

[params]
rate = 0.05
plan = 1_000_000

[formula]
pay = "rate * revenue"

[principles]
plan_met = "revenue >= plan"
"""

DERIVED = """\
[scheme]
name = "Quota bonus"
revenue_kpi = "revenue"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 250_000, sigma = 0.3 }

[params]
annual_quota = 1_000_000
quota = "annual_quota / 4"
base = 5_000

[formula]
pay = "base + step(revenue, [quota], [0, 20_000])"

[principles]
plan_met = "revenue >= quota"
"""


@pytest.fixture(scope="module")
def dealership() -> motivsim.Scheme:
    return motivsim.load(DEALERSHIP)


@pytest.fixture(scope="module")
def tuned(dealership: motivsim.Scheme) -> TuneResult:
    """The worked example of docs/tune.md."""
    return tune(dealership, {"base": (0, 60_000)}, seed=7)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- the checks of issue 14 ---------------------------------------------------------------------
def test_linear_rate_tuned_to_a_ten_percent_cost_of_sales() -> None:
    """``pay = rate * revenue`` costs exactly ``rate`` of revenue: the lever's root is 0.10."""
    scheme = motivsim.loads(LINEAR)
    result = tune(scheme, {"rate": (0.01, 0.2)}, cost_of_sales=0.10, keep="none", seed=3)
    assert result.passed
    assert result.feasible
    assert abs(float(result.params["rate"]) - 0.10) <= 0.10 * 0.005
    assert result.params["rate"] == Fraction(1, 10)  # rounded to 0.0001: exactly 0.1
    assert result.after.cost_of_sales is not None
    assert abs(result.after.cost_of_sales / 0.10 - 1) <= 0.005  # out of sample
    assert result.outcome.lever == "rate"


def test_linear_rate_says_principle_one_binds_whatever_the_rate() -> None:
    """A plain commission is 1.62x at any rate: the principle binds and the report says the
    figure does not depend on the parameter varied; the cost is still met."""
    scheme = motivsim.loads(LINEAR)
    result = tune(scheme, {"rate": (0.01, 0.2)}, cost_of_sales="10%", seed=3)
    assert not result.passed
    assert not result.feasible
    assert [name for name, _ in result.binding] == ["ratio"]
    message = result.binding[0][1]
    assert "1.62x whatever rate is" in message
    assert "accelerator" in message
    assert result.params["rate"] == Fraction(1, 10)
    assert "No plan in the ranges meets every constraint" in str(result)
    assert result.verdict().startswith("FAIL: no plan in the ranges meets ratio")


def test_dealership_base_for_three_x_is_the_bisection_on_the_ratio(
    dealership: motivsim.Scheme,
) -> None:
    """With no margin, tune's base is the root of ratio(base) = 3 found by bisecting
    principle 1's own figure (``measure``, same samples and seed), rounded down to 100."""
    samples, seed = 50_000, 11

    def ratio(base: int) -> float:
        split = measure(dealership.with_params({"base": base}), samples=samples, seed=seed)
        assert split.ratio is not None
        return split.ratio

    low, high = 0, 60_000  # ratio falls as the base rises: 3.6x at 0, 2.6x at 40,000
    assert ratio(low) >= 3 > ratio(high)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if ratio(mid) >= 3 else (low, mid)
    result = tune(dealership, {"base": (0, 60_000)}, samples=samples, seed=seed, margin=0)
    base = result.params["base"]
    assert low - 100 < base <= low
    assert base % 100 == 0
    assert result.outcome.in_search.ratio == pytest.approx(ratio(int(base)), rel=1e-12)
    assert ratio(int(base) + 100) < 3.0  # the closest to 40,000 that reaches 3x


def test_tuned_dealership_passes_check_with_fresh_seeds(tuned: TuneResult) -> None:
    assert tuned.passed
    assert tuned.params["base"] < 40_000
    assert tuned.before.ratio is not None
    assert tuned.before.ratio < 3
    assert tuned.after.ratio is not None
    assert tuned.after.ratio >= 3
    for seed in (tuned.check_seed, 101, 202, 303):
        assert motivsim.check(tuned.scheme, seed=seed, warnings=False).passed, seed


def test_results_are_deterministic_for_a_seed(dealership: motivsim.Scheme) -> None:
    first = tune(dealership, {"base": (0, 60_000)}, seed=5, samples=20_000)
    again = tune(dealership, {"base": (0, 60_000)}, seed=5, samples=20_000)
    assert first.params == again.params
    assert first.to_dict() == again.to_dict()
    assert str(first) == str(again)
    other = tune(dealership, {"base": (0, 60_000)}, seed=6, samples=20_000)
    assert other.seed == 6
    assert other.check_seed == 7


def test_infeasible_range_names_the_binding_constraint(dealership: motivsim.Scheme) -> None:
    result = tune(dealership, {"base": (30_000, 60_000)}, seed=1)
    assert not result.passed
    assert not result.feasible
    (name, message), *_ = result.binding
    assert name == "ratio"
    assert "base = 30,000 (the lower end of its range)" in message
    assert "widen the range of base" in message
    assert result.params["base"] == 30_000
    assert "What binds" in str(result)


# -- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("vary", "words"),
    [
        ({"bse": (0, 1)}, ["'bse' is not a parameter", "did you mean 'base'"]),
        ({"base": (60_000, 20_000)}, ["empty", "low 60,000 > high 20,000", "20,000..60,000"]),
        ({"base": (5, 5)}, ["one value"]),
        ({"base": "20000-60000"}, ["LOW..HIGH"]),
        ({"base": "2o..60"}, ["not a number"]),
        ({}, ["at least one parameter"]),
    ],
)
def test_bad_ranges_are_clear_errors(
    dealership: motivsim.Scheme, vary: dict[str, object], words: list[str]
) -> None:
    with pytest.raises(motivsim.ArgumentError) as info:
        tune(dealership, vary, seed=1)
    text = str(info.value)
    for word in words:
        assert word in text, text


def test_a_derived_parameter_cannot_be_varied() -> None:
    scheme = motivsim.loads(DERIVED)
    with pytest.raises(motivsim.ArgumentError) as info:
        tune(scheme, {"quota": (100_000, 400_000)}, seed=1)
    text = str(info.value)
    assert "'quota' is a derived parameter" in text
    assert "vary 'annual_quota' instead" in text
    result = tune(scheme, {"annual_quota": (400_000, 2_000_000)}, seed=1, samples=20_000)
    assert result.scheme.params["quota"] == result.params["annual_quota"] / 4


@pytest.mark.parametrize(
    ("kwargs", "word"),
    [
        ({"cost_of_sales": 0.1, "payroll": 1}, "not both"),
        ({"cost_of_sales": 12}, "between 0 and 100%"),
        ({"payroll": -5}, "must be > 0"),
        ({"tolerance": 0.9}, "tolerance"),
        ({"keep": "ratoi"}, "did you mean 'ratio'"),
        ({"share_meeting_plan": "70%..60%"}, "low <= high"),
        ({"margin": -1}, "margin"),
    ],
)
def test_bad_options_are_clear_errors(
    dealership: motivsim.Scheme, kwargs: dict[str, object], word: str
) -> None:
    with pytest.raises(motivsim.ArgumentError) as info:
        tune(dealership, {"base": (0, 60_000)}, seed=1, **kwargs)  # type: ignore[arg-type]
    assert word in str(info.value)


def test_cost_of_sales_needs_a_revenue_kpi() -> None:
    scheme = motivsim.loads(LINEAR.replace('revenue_kpi = "revenue"\n', ""))
    with pytest.raises(motivsim.ArgumentError, match="revenue_kpi"):
        tune(scheme, {"rate": (0.01, 0.2)}, cost_of_sales=0.1)


def test_cli_bad_vary_exits_2_with_the_reason(capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "bse=0..1": "did you mean 'base'",
        "base=60000..20000": "empty",
        "base": "NAME=LOW..HIGH",
        "plan=1..x": "not a number",
    }
    for vary, word in cases.items():
        code, _, err = run(capsys, "tune", str(DEALERSHIP), "--vary", vary)
        assert code == 2, vary
        assert word in err, err
    code, _, err = run(
        capsys, "tune", str(DEALERSHIP), "--vary", "base=0..1", "--vary", "base=0..2"
    )
    assert code == 2
    assert "given twice" in err


def test_principle_two_binds_whatever_the_numbers() -> None:
    """The complexity score does not depend on the parameters: it is reported as binding, and
    the plan kept as close to the current one as the other constraints allow."""
    scheme = motivsim.load(ROOT / "schemes" / "convoluted.toml")
    result = tune(scheme, {"base": (0, 8_000)}, seed=1, samples=20_000)
    assert not result.passed
    assert [name for name, _ in result.binding] == ["complexity"]
    assert "not on the numbers" in result.binding[0][1]
    assert result.params["base"] == 4_000  # every other constraint holds as it is
    assert "the current parameters, which meet every other constraint" in str(result)


def test_a_candidate_that_cannot_be_paid_is_skipped_not_fatal() -> None:
    """A derived parameter that divides by zero at one end of the range: that candidate fails,
    the search goes on."""
    text = DERIVED.replace('quota = "annual_quota / 4"', 'quota = "1_000_000_000 / annual_quota"')
    scheme = motivsim.loads(text)
    result = tune(scheme, {"annual_quota": (0, 8_000)}, seed=1, samples=20_000)
    assert result.params["annual_quota"] > 0
    assert result.passed


# -- other constraints and schemes --------------------------------------------------------------
def test_payroll_target_with_two_parameters_keeps_the_cost(dealership: motivsim.Scheme) -> None:
    """What base and plan give 3x at today's payroll: the lever is solved for the cost."""
    result = tune(
        dealership,
        {"base": (0, 60_000), "plan": (8_000_000, 14_000_000)},
        payroll="current",
        seed=2,
        samples=40_000,
    )
    assert result.passed
    assert result.target is not None
    assert result.target.current
    assert result.target.value is not None
    assert abs(result.after.payroll / result.target.value - 1) <= 0.005
    assert result.after.ratio is not None
    assert result.after.ratio >= 3
    assert result.outcome.lever in ("base", "plan")


def test_share_meeting_plan_rule(dealership: motivsim.Scheme) -> None:
    result = tune(
        dealership,
        {"plan": (6_000_000, 14_000_000)},
        keep="none",
        share_meeting_plan="60%..70%",
        seed=4,
    )
    assert result.passed
    assert result.after.share_met is not None
    assert 0.6 <= result.after.share_met <= 0.7
    assert result.params["plan"] < 10_000_000  # a lower plan, met more often
    row = next(r for r in result.rows if r.name == "share_meeting_plan")
    assert row.needed == "60%..70%"
    assert row.holds


def test_uncontrollable_share_is_tuned_down() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "profit_bonus.toml")
    result = tune(scheme, {"profit_share": (0, 0.004)}, seed=1)
    assert result.passed
    assert result.before.uncontrollable is not None
    assert result.before.uncontrollable > 0.2
    assert result.after.uncontrollable is not None
    assert result.after.uncontrollable <= 0.2
    assert 0 < result.params["profit_share"] < Fraction(4, 1000)


def test_a_team_is_paid_by_each_segment() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "team_dealership.toml")
    result = tune(scheme, {"base": (0, 60_000)}, payroll=1_000_000, keep="none", seed=1)
    assert result.passed
    assert abs(result.after.payroll / 1_000_000 - 1) <= 0.005


def test_a_plan_that_already_passes_is_left_as_it_is() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "team_dealership.toml")
    result = tune(scheme, {"base": (0, 60_000)}, seed=1)
    assert result.passed
    assert result.outcome.unchanged
    assert result.scheme is scheme
    assert result.params["base"] == 40_000


def test_result_is_frozen_and_has_a_json_form(tuned: TuneResult) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        tuned.seed = 1  # type: ignore[misc]
    data = json.loads(json.dumps(tuned.to_dict()))
    assert data["schema"] == "motivsim.tune/1"
    assert data["params"] == {"base": int(tuned.params["base"])}
    assert data["passed"] is True
    assert {r["name"] for r in data["constraints"]} >= {"ratio", "complexity", "control"}
    text = str(tuned)
    assert "closest to the current parameters" in text
    assert "fresh seed" in text
    assert motivsim.tune is tune
    assert motivsim.TuneResult is TuneResult


# -- the tuned scheme file ----------------------------------------------------------------------
def test_toml_text_changes_only_the_varied_values(tuned: TuneResult) -> None:
    before = DEALERSHIP.read_text(encoding="utf-8").splitlines()
    after = tuned.toml_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        ("base = 40_000", f"base = {decimal_text(tuned.params['base'], underscores=True)}")
    ]
    again = motivsim.loads(tuned.toml_text())
    assert again.params["base"] == tuned.params["base"]


def test_decimal_text() -> None:
    assert decimal_text(Fraction(18600), underscores=True) == "18_600"
    assert decimal_text(Fraction(18600)) == "18600"
    assert decimal_text(Fraction(1, 80)) == "0.0125"
    assert decimal_text(Fraction(-1234567, 100), underscores=True) == "-12_345.67"
    assert decimal_text(Fraction(0)) == "0"


def test_cli_writes_the_tuned_scheme_safely(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "plan.toml"
    source.write_text(DEALERSHIP.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "tuned.toml"
    args = ["tune", str(source), "--vary", "base=0..60_000", "--seed", "7", "--out", str(out)]
    code, text, _ = run(capsys, *args)
    assert code == 0
    assert "wrote" in text
    assert "Repeat this run" in text
    written = motivsim.load(out)
    assert written.params["base"] < 40_000
    assert motivsim.check(written, seed=99, warnings=False).passed
    code, _, err = run(capsys, *args)  # the file exists now
    assert code == 2
    assert "--force" in err
    code, _, _ = run(capsys, *args, "--force")
    assert code == 0
    code, _, err = run(capsys, *args[:-1], str(source), "--force")  # never over the input
    assert code == 2
    assert "input file" in err
    assert source.read_text(encoding="utf-8") == DEALERSHIP.read_text(encoding="utf-8")
    code, _, err = run(capsys, *args[:-1], str(tmp_path / "tuned.txt"))
    assert code == 2
    assert ".toml" in err


def test_cli_json_quiet_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["tune", str(DEALERSHIP), "--seed", "7", "--samples", "20000"]
    code, out, _ = run(capsys, *base, "--vary", "base=0..60000", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "motivsim.tune/1"
    assert data["passed"]
    code, out, _ = run(capsys, *base, "--vary", "base=30000..60000", "-q")
    assert code == 1
    assert out.startswith("FAIL: no plan in the ranges meets ratio")
    code, out, _ = run(capsys, *base, "--vary", "base=0..60000", "--cost-of-sales", "1.5%")
    assert code == 0
    assert "1.50% ± 0.5%" in out


# -- share reaching a level of the plan ------------------------------------------------------
def test_share_reaching_rules_hold_out_of_sample(dealership: motivsim.Scheme) -> None:
    import numpy as np

    from motivsim.checks.ratio import plan_met_of
    from motivsim.checks.targets import plan_level
    from motivsim.simulation import sample_kpis

    result = tune(
        dealership,
        {"base": (0, 60_000), "plan": (5_000_000, 15_000_000)},
        share_reaching={0.7: (0.85, 0.95), 1.5: "..15%"},
        seed=1,
    )
    assert result.passed
    assert [r.name for r in result.reach] == ["share_reaching_70%", "share_reaching_150%"]
    low_row = next(r for r in result.rows if r.name == "share_reaching_70%")
    assert low_row.needed == "85%..95%"
    assert low_row.holds
    assert low_row.held is False
    high_row = next(r for r in result.rows if r.name == "share_reaching_150%")
    assert high_row.needed == "at most 15%"
    assert high_row.holds
    shown = result.after.reaching[0.7]
    assert shown is not None
    assert 0.85 <= shown <= 0.95
    # independently: direct draws of the tuned plan and its own level (plan = revenue level)
    tuned = result.scheme
    level = plan_level(tuned, plan_met_of(tuned))
    assert level is not None
    assert level.kpi == "revenue"
    assert level.value == pytest.approx(float(result.params["plan"]))
    n = 100_000
    revenue = sample_kpis(tuned, n=n, seed=12345)["revenue"]
    share = float(np.mean(revenue >= 0.7 * level.value))
    assert 0.85 <= share <= 0.95
    assert abs(share - shown) < 4 * (share * (1 - share) / 20_000) ** 0.5
    top = float(np.mean(revenue >= 1.5 * level.value))
    assert top <= 0.15
    data = result.to_dict()
    assert data["share_reaching"][0] == {"attainment": 0.7, "low": 0.85, "high": 0.95}
    assert data["after"]["share_reaching"][0]["attainment"] == 0.7
    assert "share reaching 70% of plan" in str(result)


def test_share_reaching_100_percent_is_the_share_meeting_plan(
    dealership: motivsim.Scheme,
) -> None:
    result = tune(
        dealership, {"plan": (6_000_000, 14_000_000)}, keep="none",
        share_reaching={"100%": "60%..70%"}, seed=4,
    )  # fmt: skip
    assert result.passed
    assert result.outcome.in_search.reaching[1.0] == pytest.approx(
        result.outcome.in_search.share_met
    )


def test_impossible_share_reaching_rule_names_the_binding_constraint(
    dealership: motivsim.Scheme,
) -> None:
    # a lower plan raises the share reaching 70% of it; principle 1 needs a higher one
    result = tune(
        dealership,
        {"plan": (5_000_000, 15_000_000)},
        share_reaching={0.7: (0.85, 0.95)},
        seed=1,
    )
    assert not result.feasible
    assert not result.passed
    names = [k for k, _ in result.binding]
    assert "share_reaching_70%" in names
    message = dict(result.binding)["share_reaching_70%"]
    assert message.startswith("share reaching 70% of plan: the closest is")
    assert "wanted: 85%..95%" in message
    assert "share_reaching_70%" in result.verdict()


def test_share_reaching_rule_unreachable_whatever_the_parameter(
    dealership: motivsim.Scheme,
) -> None:
    # the base moves no plan: the share reaching 150% of plan stays where it is
    result = tune(
        dealership, {"base": (0, 60_000)}, keep="none", share_reaching={1.5: "50%.."}, seed=1
    )
    assert not result.feasible
    message = dict(result.binding)["share_reaching_150%"]
    assert "whatever base is" in message
    assert "at least 50%" in message


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("70%", "ATTAINMENT=LOW..HIGH"),
        ("=85%..95%", "ATTAINMENT=LOW..HIGH"),
        ("70%=95%..85%", "low <= high"),
        ("70%=85%..195%", "low <= high"),
        ("0=..15%", "attainment must be > 0"),
        ("-50%=..15%", "attainment must be > 0"),
        ("x=..15%", "not a number"),
        ("70%=85%", "expected LOW..HIGH"),
        (["70%=85%..95%", "0.7=..90%"], "given twice"),
        ({0.7: (0.9, 0.8)}, "low <= high"),
        ({0.7: 5}, "must be a pair"),
    ],
)
def test_bad_share_reaching_is_a_clear_error(
    dealership: motivsim.Scheme, value: object, word: str
) -> None:
    with pytest.raises(motivsim.ArgumentError) as info:
        tune(dealership, {"base": (0, 60_000)}, seed=1, share_reaching=value)  # type: ignore[arg-type]
    assert word in str(info.value)


def test_share_reaching_forms_agree() -> None:
    from motivsim.tuning.spec import ReachRule, reach_rules

    want = (ReachRule(0.7, 0.85, 0.95), ReachRule(1.5, 0.0, 0.15))
    assert reach_rules(["150%=..15%", "70%=85%..95%"]) == want
    assert reach_rules({0.7: (0.85, 0.95), 1.5: (None, 0.15)}) == want
    assert reach_rules({"70%": "0.85..0.95", "1.5": "0..15%"}) == want
    assert reach_rules("70%=85%..")[0].text() == "at least 85%"
    assert reach_rules(None) == ()


def test_share_reaching_needs_a_plan_level() -> None:
    scheme = motivsim.loads(LINEAR.replace('"revenue >= plan"', '"revenue <= plan"'))
    with pytest.raises(motivsim.ArgumentError, match="kpi >= level"):
        tune(scheme, {"rate": (0.01, 0.2)}, share_reaching={0.7: (0.85, 0.95)})


def test_cli_share_reaching(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "tune", str(DEALERSHIP), "--vary", "base=0..60000",
            "--vary", "plan=5_000_000..15_000_000",
            "--share-reaching", "70%=85%..95%", "--share-reaching", "150%=..15%",
            "--seed", "7", "--samples", "40000",
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "share reaching 70% of plan" in out
    assert "at most 15%" in out
    assert "--share-reaching 70%=85%..95% --share-reaching 150%=..15%" in out
    code = main(["tune", str(DEALERSHIP), "--vary", "base=0..60000", "--share-reaching", "70%"])
    assert code == 2
    assert "ATTAINMENT=LOW..HIGH" in capsys.readouterr().err


# -- the report in Russian --------------------------------------------------------------------
def _english_of_tune_messages(text: str, *names: str) -> set[str]:
    """English words of the ``tune.`` messages (not also Russian-side text) left in ``text``,
    besides ``names`` (the scheme's parameters it names)."""
    import re

    from motivsim.i18n.catalogue import MESSAGES

    def latin(s: str) -> set[str]:
        return set(re.findall(r"[A-Za-z][A-Za-z'-]+", re.sub(r"\{[^}]*\}", " ", s)))

    english: set[str] = set()
    for key, texts in MESSAGES.items():
        if key.startswith("tune."):
            english |= latin(texts["en"]) - latin(texts["ru"])
    return latin(text) & english - set(names)


def test_tune_report_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    from motivsim.i18n import NBSP

    scheme = str(ROOT / "schemes" / "dealership_ru.toml")
    code = main(["tune", scheme, "--vary", "оклад=0..60000", "--seed", "7"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("Подбор параметров: Менеджер по продажам автосалона\n")
    assert "поиск: 100" in out
    assert "на общих случайных числах (зерно 7)" in out
    assert "принцип 1: оплата выполняющих план / не выполняющих" in out
    for heading in ("требуется", "было", "стало", "параметр", "подобрано"):
        assert heading in out, heading
    assert f"не менее чем в{NBSP}3 раза" in out or "не менее чем в 3 раза" in out
    assert "₽" in out
    assert "RUB" not in out
    assert f",{NBSP}" not in out.split("Повторить")[0].replace(f"{NBSP}%", "")  # no 1,234 form
    assert "\nИтог: ГОТОВО — текущие параметры уже удовлетворяют всем ограничениям\n" in out
    assert "Повторить этот расчёт: python -m motivsim tune" in out
    for word in ("PASS", "FAIL", "Verdict", "search", "needed", "before", "after", "principle"):
        assert word not in out, word
    report = out.split("Повторить")[0]  # the repeated command is code
    assert not _english_of_tune_messages(report), _english_of_tune_messages(report)


def test_tune_lang_option(capsys: pytest.CaptureFixture[str]) -> None:
    scheme = str(ROOT / "schemes" / "dealership.toml")
    argv = ["tune", scheme, "--vary", "base=0..60000", "--cost-of-sales", "12%", "--seed", "7"]
    argv += ["--samples", "20000"]
    assert main([*argv, "--lang", "ru"]) == 1
    out = capsys.readouterr().out
    assert "Итог: НЕ УДАЛОСЬ — ни одна схема в заданных диапазонах" in out
    assert "Ниже показан" in out
    assert "--lang ru" in out
    # what binds is said in Russian too (the title is the scheme's English name)
    assert "Что мешает:\n  - принцип 1: в лучшем варианте" in out
    assert "доля расходов на оплату (ФОТ / выручка): ближе всего к цели" in out
    report = out.split("\n", 1)[1].split("Повторить")[0]
    left = _english_of_tune_messages(report, "base")
    assert not left, left
    assert main([*argv, "-q", "--lang", "ru"]) == 1
    assert capsys.readouterr().out.startswith("НЕ УДАЛОСЬ — ")
    assert main([*argv, "-q"]) == 1
    assert capsys.readouterr().out.startswith("FAIL: no plan in the ranges meets")


def test_a_plan_that_remembers_is_refused_with_what_to_do_instead() -> None:
    with pytest.raises(motivsim.ArgumentError, match="pays by the plan year") as caught:
        motivsim.tune("schemes/saas_ytd_trueup.toml", {"base": (0, 10_000)}, seed=1)
    assert "check judges it per plan year" in (caught.value.hint or "")
