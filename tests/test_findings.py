"""Tests of the lint scan: cliffs, caps, falling pay, negative pay, payouts above revenue."""

from __future__ import annotations

import doctest
import math
import pickle
from pathlib import Path

import pytest
from scipy import stats

import motivsim
from motivsim.errors import ArgumentError
from motivsim.findings import scan
from motivsim.findings.finding import CLIFF_SHARE, Finding
from motivsim.findings.scan import find_issues

ROOT = Path(__file__).resolve().parent.parent
UNIFORM = 'distribution = { type = "uniform", low = 0, high = 2_000_000 }'
LOGNORMAL = 'distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }'


def issues(make_scheme, pay: str, *, kpis=None, extra: str = "", **formula: str):
    scheme = make_scheme({**formula, "pay": pay}, kpis=kpis or {"revenue": UNIFORM}, extra=extra)
    return find_issues(scheme, seed=3, samples=64)


def codes(found) -> list[str]:
    return [f.code for f in found]


def test_retroactive_bonus_is_a_cliff_at_the_threshold(make_scheme) -> None:
    found = issues(make_scheme, "30_000 + bonus", bonus="if(revenue >= 1_000_000, 70_000, 0)")
    assert codes(found) == ["cliff"]
    (cliff,) = found
    assert cliff.message.startswith(
        "pay jumps by 70,000.00 (from 30,000.00 to 100,000.00) when revenue reaches 1,000,000"
    )
    assert cliff.step == "bonus"
    assert cliff.kpi == "revenue"
    assert cliff.location is not None
    assert cliff.location.key == "formula.bonus"
    assert cliff.example["revenue"] == pytest.approx(1_000_000, rel=1e-9)
    assert "interp(revenue, [lower, 1_000_000], [0, amount])" in cliff.fix


def test_retroactive_tiers_vs_marginal_tiers(make_scheme) -> None:
    tiers = "[500_000, 1_000_000], [0.02, 0.04, 0.06]"
    retro = issues(make_scheme, "20_000 + rate * revenue", rate=f"step(revenue, {tiers})")
    assert codes(retro) == ["cliff", "cliff"]
    jumps = sorted(f.example["revenue"] for f in retro)
    assert jumps == pytest.approx([500_000, 1_000_000], rel=1e-9)
    assert all(f.step == "rate" and "marginal(...) instead of step(...)" in f.fix for f in retro)
    assert issues(make_scheme, f"20_000 + marginal(revenue, {tiers})") == ()


def test_a_steep_but_continuous_curve_is_no_cliff(make_scheme) -> None:
    pay = "interp(revenue, [990_000, 1_010_000], [10_000, 60_000])"
    assert "cliff" not in codes(issues(make_scheme, pay))


def test_small_jumps_are_not_cliffs(make_scheme) -> None:
    # typical pay is about 10,000 + 50,000: a jump of 5% of it is below CLIFF_SHARE
    pay = "10_000 + 0.05 * revenue + if(revenue >= 1_000_000, 3_000, 0)"
    assert CLIFF_SHARE == 0.10
    assert issues(make_scheme, pay) == ()


def test_cap_with_share_of_periods_past_it(make_scheme) -> None:
    found = issues(make_scheme, "min(0.05 * revenue, 60_000)", kpis={"revenue": LOGNORMAL})
    assert codes(found) == ["cap"]
    (cap,) = found
    assert cap.example["revenue"] == pytest.approx(1_200_000, rel=1e-6)
    past = stats.norm.sf(math.log(1.2) / 0.3)  # P(revenue > 1.2M) = 27%
    assert f"({past:.0%} of sampled periods go past it)" in cap.message
    assert cap.message.startswith("above revenue = 1,200,000 pay stops rising at 60,000.00")


def test_rare_caps_are_not_reported(make_scheme) -> None:
    assert issues(make_scheme, "min(0.05 * revenue, 150_000)", kpis={"revenue": LOGNORMAL}) == ()


def test_cap_blames_the_capping_step(make_scheme) -> None:
    found = issues(
        make_scheme,
        "5_000 + commission",
        kpis={"revenue": LOGNORMAL},
        commission="min(rate * revenue, 60_000)",
        rate="0.05 + 0 * revenue",
    )
    assert [(f.code, f.step) for f in found] == [("cap", "commission")]


def test_a_threshold_bonus_is_not_a_cap(make_scheme) -> None:
    found = issues(make_scheme, "if(revenue >= 1_000_000, 50_000, 10_000)")
    assert codes(found) == ["cliff"]


def test_pay_falling_as_results_rise(make_scheme) -> None:
    rate = "step(revenue, [1_000_000], [0.05, 0.03])"
    found = issues(make_scheme, "rate * revenue", rate=rate)
    assert "pay-decreases" in codes(found)
    fall = next(f for f in found if f.code == "pay-decreases")
    assert fall.step == "rate"
    assert fall.message.startswith("pay falls from ")
    assert "when revenue rises from" in fall.message
    assert fall.fix == "make every rate, tier and bonus non-decreasing in revenue"


def test_a_lower_is_better_kpi_is_not_flagged(make_scheme) -> None:
    kpis = {"revenue": UNIFORM, "returns": 'distribution = { type = "poisson", mean = 3 }'}
    found = issues(make_scheme, "50_000 + 0.01 * revenue - 100 * returns", kpis=kpis)
    assert found == ()


def test_uncontrollable_kpis_are_not_scanned(make_scheme) -> None:
    scheme = motivsim.loads(
        f"""[scheme]
name = "x"
[kpi.revenue]
controllable = true
{UNIFORM}
[kpi.market]
controllable = false
distribution = {{ type = "uniform", low = 0, high = 1 }}
[formula]
pay = "10_000 + 0.01 * revenue + if(market >= 0.5, 50_000, 0)"
"""
    )
    assert find_issues(scheme, seed=1, samples=32) == ()


def test_negative_pay(make_scheme) -> None:
    found = issues(make_scheme, "0.05 * revenue - 20_000")
    assert codes(found) == ["negative-pay"]
    (neg,) = found
    # the lowest pay scanned: at the 0.1% quantile of revenue, 2,000
    assert neg.message == "pay is negative (-19,900.00) for revenue = 2,000"
    assert neg.step == "pay"
    assert "max(..., 0)" in neg.fix


def test_payout_above_revenue_only_for_the_revenue_kpi(make_scheme) -> None:
    extra = ""
    pay = "marginal(revenue, [1_000_000], [0.05, 1.5])"
    plain = issues(make_scheme, pay, extra=extra)
    assert "payout-above-revenue" not in codes(plain)
    scheme = motivsim.loads(
        f"""[scheme]
name = "x"
revenue_kpi = "revenue"
[kpi.revenue]
controllable = true
{UNIFORM}
[formula]
pay = "{pay}"
"""
    )
    found = find_issues(scheme, seed=1, samples=16)
    assert codes(found) == ["payout-above-revenue"]
    assert "raises pay by 1.50 units" in found[0].message


def test_whole_number_kpis(make_scheme) -> None:
    kpis = {"cars": 'distribution = { type = "poisson", mean = 8 }'}
    per_car = issues(make_scheme, "10_000 + 3_000 * cars", kpis=kpis)
    assert per_car == ()  # a steady amount per car is a rate, not a cliff
    bonus = issues(make_scheme, "30_000 + 1_000 * cars + if(cars >= 10, 25_000, 0)", kpis=kpis)
    assert codes(bonus) == ["cliff"]
    assert "when cars goes from 9 to 10" in bonus[0].message
    capped = issues(make_scheme, "10_000 + 3_000 * min(cars, 9)", kpis=kpis)
    assert codes(capped) == ["cap"]
    assert capped[0].message.startswith("above cars = 9 pay stops")


def test_not_finite_pay(make_scheme) -> None:
    kpis = {"revenue": UNIFORM, "calls": 'distribution = { type = "poisson", mean = 1 }'}
    found = issues(make_scheme, "10_000 + revenue / calls", kpis=kpis)
    assert "not-finite" in codes(found)
    bad = next(f for f in found if f.code == "not-finite")
    assert bad.example["calls"] == 0
    assert "guard divisions" in bad.fix


def test_not_scanned_without_values(make_scheme) -> None:
    found = issues(make_scheme, "0.05 * revenue", kpis={"revenue": ""})
    assert [(f.code, f.severity) for f in found] == [("not-scanned", "info")]
    assert found[0].message == "pay was not scanned: revenue has no distribution or typical value"


def test_typical_value_is_enough(make_scheme) -> None:
    kpis = {"revenue": "typical = 1_000_000\nmin = 0\nmax = 2_000_000"}
    found = issues(make_scheme, "if(revenue >= 1_500_000, 50_000, 1_000)", kpis=kpis)
    assert codes(found) == ["cliff"]


def test_reproducible_and_ordered() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "dealership.toml")
    first, second = find_issues(scheme, seed=4), find_issues(scheme, seed=4)
    assert first == second
    assert [(f.code, f.kpi, f.step) for f in first] == [
        ("cliff", "revenue", "rate"),
        ("cliff", "revenue", "rate"),
        ("cliff", "revenue", "rate"),
        ("cap", "revenue", "commission"),
        ("cliff", "cars_sold", "bonus"),
    ]
    jumps = [round(f.example["revenue"]) for f in first[:3]]
    assert jumps == [7_000_000, 13_000_000, 10_000_000]  # the largest jump first


def test_finding_forms() -> None:
    (cliff, *_) = find_issues(motivsim.load(ROOT / "schemes" / "dealership.toml"), seed=4)
    data = cliff.to_dict()
    assert data["location"] == {
        "path": str(ROOT / "schemes" / "dealership.toml"),
        "line": 31,
        "column": 1,
        "key": "formula.rate",
    }
    assert data["code"] == "cliff"
    assert data["severity"] == "warning"
    text = str(cliff)
    assert text.startswith(
        f"warning [cliff] ({ROOT / 'schemes' / 'dealership.toml'}:31:1, step rate)"
    )
    assert "\n  e.g. revenue = 7,000,000, cars_sold = " in text
    assert "\n  fix: " in text
    assert pickle.loads(pickle.dumps(cliff)) == cliff


def test_finding_validates_severity() -> None:
    assert Finding("x", "error", "m", "f").severity == "error"  # one type for check and lint
    with pytest.raises(ArgumentError, match="severity must be error, warning or info, got 'fatal'"):
        Finding("x", "fatal", "m", "f")  # type: ignore[arg-type]


@pytest.mark.parametrize("samples", [1, 0, True, 2.5])
def test_invalid_samples(samples: object) -> None:
    scheme = motivsim.load(ROOT / "schemes" / "flat_commission.toml")
    with pytest.raises(ArgumentError, match="samples must be an integer from 2 to 10,000"):
        find_issues(scheme, samples=samples)  # type: ignore[arg-type]


def test_doctest() -> None:
    result = doctest.testmod(scan)
    assert result.failed == 0
    assert result.attempted > 0


def test_pay_that_depends_on_no_kpi(make_scheme) -> None:
    assert issues(make_scheme, "5_000") == ()
