"""Money is shown by the scheme's ``[scheme] rounding`` rule in every report, not always half-up.

The scheme below pays ``1,000.125 + 5% of revenue``: at round revenues pay ends in half a cent,
so the check's pay-by-attainment table, the largest cut of a comparison and the simulation's
figures read ``.13`` under ``half-up`` and ``.12`` under ``half-even`` (banker's rounding).
"""

from __future__ import annotations

import pytest

import motivsim
from motivsim.scheme.money import format_money

LOGNORMAL = '{ type = "lognormal", median = 100_000, sigma = 0.3 }'
CONSTANT = '{ type = "constant", value = 100_000 }'
RULES = ("half-up", "half-even")


def halves(rule: str, *, base: str = "1_000.125", distribution: str = LOGNORMAL) -> motivsim.Scheme:
    """A scheme paying ``base + 5% of revenue``, rounded by ``rule``."""
    return motivsim.loads(
        f"""
[scheme]
name = "Halves"
currency = "USD"
rounding = "{rule}"

[kpi.revenue]
controllable = true
min = 0
distribution = {distribution}

[params]
base = {base}
rate = 0.05
plan = 100_000

[formula]
pay = "base + rate * revenue"

[principles]
plan_met = "revenue >= plan"
""",
        path="halves.toml",
    )


#: Each rule's reading of the half-cent amounts the reports show.
SHOWN = {
    "half-up": {"pay": "6,000.13 USD", "cut": "500.13 USD", "before": "1,000.13 USD"},
    "half-even": {"pay": "6,000.12 USD", "cut": "500.12 USD", "before": "1,000.12 USD"},
}


def test_the_rules_differ_on_these_amounts() -> None:
    assert format_money(6000.125, "USD", "half-up") == SHOWN["half-up"]["pay"]
    assert format_money(6000.125, "USD", "half-even") == SHOWN["half-even"]["pay"]


@pytest.mark.parametrize("rule", RULES)
def test_check_shows_pay_by_the_schemes_rule(rule: str) -> None:
    text = str(motivsim.check(halves(rule), samples=2_000, seed=1, warnings=False))
    assert f"100%  revenue 100,000  ->  {SHOWN[rule]['pay']}" in text


@pytest.mark.parametrize("rule", RULES)
def test_compare_shows_the_cut_by_the_schemes_rule(rule: str) -> None:
    old, new = halves(rule), halves(rule, base="500")
    result = motivsim.compare(old, new, samples=200, seed=1, principles=False)
    assert result.rounding == rule
    assert result.largest_cut is not None
    assert result.largest_cut.rounding == rule
    text = str(result)
    assert f"the new plan pays {SHOWN[rule]['cut']} less" in text
    assert f"{SHOWN[rule]['before']} before, 500.00 USD after" in text


@pytest.mark.parametrize("rule", RULES)
def test_simulate_shows_pay_by_the_schemes_rule(rule: str) -> None:
    result = motivsim.simulate(halves(rule, distribution=CONSTANT), runs=100, seed=1)
    assert result.payroll.mean == 6000.125  # every period pays exactly this
    text = str(result)
    assert f"manager-periods: {SHOWN[rule]['pay']} vs n/a" in text
    other = SHOWN["half-even" if rule == "half-up" else "half-up"]["pay"]
    assert other not in text
