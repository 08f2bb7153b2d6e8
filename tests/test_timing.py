"""Timing: what moving deals between periods gains a manager (``findings/timing.py``)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.findings.timing import timing_findings, two_periods_gain


def scheme(
    formula: str, params: str = "", period: str = "month", high: int = 200_000
) -> motivsim.Scheme:
    return motivsim.loads(
        f"""
[scheme]
name = "Timing"
period = "{period}"
[kpi.sales]
controllable = true
min = 0
distribution = {{ type = "uniform", low = 0, high = {high} }}
[params]
{params}
[formula]
{formula}
"""
    )


def test_reset_every_pay_cycle_pe22():
    # PE-22 (MyTime help; the source's 424.98 is a cent error): marginal tiers 25% / 30% / 40%
    # at 500 and 3,000 per two-week cycle: one cycle of 5,000 pays 1,675, two of 2,500 pay
    # 1,450: bunching gains 225
    plan = scheme(
        'pay = "marginal(sales, [500, 3_000], [0.25, 0.30, 0.40])"', period="two weeks", high=6_000
    )
    assert plan.pay({"sales": 5_000}) == 1_675
    assert 2 * plan.pay({"sales": 2_500}) == 1_450
    assert two_periods_gain(plan, "sales", 2_500, 2_500, 2_500) == 225
    (finding,) = timing_findings(plan)
    assert finding.code == "timing"
    assert "bunching deals into one period" in finding.message
    assert finding.step == "pay"


def test_a_retroactive_tier_gains_more_than_a_marginal_one_pe21():
    # PE-21: quota 100,000, 10% to quota and 15% above, at 120%: retroactive 18,000, marginal
    # 13,000; two periods of 60,000 pay 12,000 either way
    retro = scheme('pay = "sales * step(sales, [100_000], [0.10, 0.15])"')
    marginal = scheme('pay = "marginal(sales, [100_000], [0.10, 0.15])"')
    assert retro.pay({"sales": 120_000}) == 18_000
    assert marginal.pay({"sales": 120_000}) == 13_000
    assert two_periods_gain(retro, "sales", 60_000, 60_000, -60_000) == 6_000
    assert two_periods_gain(marginal, "sales", 60_000, 60_000, -60_000) == 1_000


@settings(max_examples=40, deadline=None)
@given(
    rate=st.sampled_from(["0.05", "0.1", "0.035"]),
    base=st.integers(0, 50_000),
    a=st.integers(0, 200_000),
    b=st.integers(0, 200_000),
    share=st.fractions(-1, 1),
)
def test_linear_pay_gains_nothing_from_timing(rate, base, a, b, share):
    plan = scheme('pay = "base + rate * sales"', f"base = {base}\nrate = {rate}")
    moved = float(share * (a if share > 0 else b))
    assert two_periods_gain(plan, "sales", a, b, moved) == pytest.approx(0, abs=1e-6)
    assert timing_findings(plan) == []


def test_a_cap_rewards_spreading_deals():
    plan = scheme('pay = "min(0.1 * sales, 12_000)"')
    (finding,) = timing_findings(plan)
    assert "spreading deals out" in finding.message
    assert "a cap (min)" in finding.message
    assert two_periods_gain(plan, "sales", 20_000, 180_000, -40_000) == 4_000


def test_a_year_to_date_true_up_takes_back_most_of_a_periods_gain():
    per_quarter = scheme(
        'pay = "sales * step(sales, [quota], [0.05, 0.08])"', "quota = 100_000", period="quarter"
    )
    true_up = scheme(
        'att = "ytd(sales) / (quota * period)"\n'
        'due = "ytd(sales) * step(att, [1], [0.05, 0.08])"\n'
        'pay = "due - prior_ytd(pay)"',
        "quota = 100_000",
        period="quarter",
    )
    alone = two_periods_gain(per_quarter, "sales", 90_000, 90_000, -10_000)
    yearly = two_periods_gain(true_up, "sales", 90_000, 90_000, -10_000)
    assert alone == Fraction(8_000 + 4_000 - 9_000)  # 100,000 at 8% and 80,000 at 5%
    assert abs(yearly) < alone / 4  # the year is recomputed: almost nothing is left
    findings = timing_findings(true_up)
    assert all("whole plan year" in f.message for f in findings)


def test_a_scheme_without_periods_gets_no_timing_finding():
    plan = motivsim.loads(
        """
[scheme]
name = "No period"
[kpi.sales]
controllable = true
min = 0
distribution = { type = "uniform", low = 0, high = 100 }
[formula]
pay = "if(sales >= 50, 100, 0)"
"""
    )
    assert timing_findings(plan) == []
