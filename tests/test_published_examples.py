"""The tier shapes on public worked examples (../shared/published-examples.md, cited per test)."""

from __future__ import annotations

from decimal import Decimal

import pytest


@pytest.mark.parametrize(("sales", "pay"), [(75_000, 7_500), (120_000, 12_000), (45_000, 4_500)])
def test_p01_flat_rate(make_scheme, sales, pay):
    # prowi.io/en/glossary/flat-rate-commission
    scheme = make_scheme({"pay": "0.10 * revenue"})
    assert scheme.pay({"revenue": sales}) == pay


def test_p02_base_plus_flat_rate(make_scheme):
    # prowi.io/en/glossary/flat-rate-commission: 60,000 a year paid monthly + 8%
    scheme = make_scheme({"pay": "60_000 / 12 + 0.08 * revenue"})
    assert scheme.pay({"revenue": 100_000}) == 13_000


def test_p03_marginal_three_bands(make_scheme):
    # sparrowgenie.com/sales-commission-models/non-retroactive-commission
    scheme = make_scheme({"pay": "marginal(revenue, [300_000, 500_000], [0.03, 0.05, 0.07])"})
    assert scheme.pay({"revenue": 600_000}) == 26_000


def test_p04_retroactive_vs_marginal(make_scheme):
    # earnbase.no/glossary/retroactive-tier-jumping
    scheme = make_scheme(
        {
            "retroactive": "revenue * step(revenue, [100_000], [0.5, 0.6])",
            "progressive": "marginal(revenue, [100_000], [0.5, 0.6])",
            "pay": "retroactive",
        }
    )
    steps = scheme.exact({"revenue": 180_000})
    assert steps["retroactive"] == 108_000
    assert steps["progressive"] == 98_000


P05_TABLE = "[1_000, 3_000, 8_000], [0.01, 0.02, 0.03, 0.05]"


@pytest.mark.parametrize(
    ("amount", "pay"),
    [(200, 2), (300, 3), (1_500, 20), (1_200, 14), (2_000, 30), (4_500, 95), (9_700, 285)],
)
def test_p05_marginal_per_transaction_and_cumulative(make_scheme, amount, pay):
    # Oracle Fusion Incentive Compensation, "examples of calculating earnings using step rates"
    scheme = make_scheme({"pay": f"marginal(revenue, {P05_TABLE})"})
    assert scheme.pay({"revenue": amount}) == pay


@pytest.mark.parametrize(
    ("amount", "pay"), [(200, 2), (300, 3), (1_500, 20), (1_200, 14), (2_000, 30), (4_500, 80)]
)
def test_p06_interpolated_tiers(make_scheme, amount, pay):
    # Oracle Fusion Incentive Compensation, "interpolated rates": band amounts 10, 40, 100, 2,000
    scheme = make_scheme(
        {"pay": "interp(revenue, [0, 1_000, 3_000, 8_000, 20_000], [0, 10, 50, 150, 2_150])"}
    )
    assert scheme.pay({"revenue": amount}) == pay


@pytest.mark.parametrize(
    ("sales", "pay"), [(500_000, 0), (690_000, 0), (700_000, 70_000), (900_000, 90_000)]
)
def test_p07_threshold(make_scheme, sales, pay):
    # visdum.com/term/payout-floor-commission-threshold
    scheme = make_scheme(
        {"pay": "if(revenue / quota >= 0.70, 0.10 * revenue, 0)"}, params={"quota": 1_000_000}
    )
    assert scheme.pay({"revenue": sales}) == pay


def test_p08_cap_on_multi_part_formula(make_scheme):
    # community.oracle.com, "setting maximum incentive amount"
    scheme = make_scheme(
        {"uncapped": "0.07 * premium + 0.0065 * loan + 35", "pay": "min(3_000, uncapped)"},
        kpis={"premium": "", "loan": ""},
    )
    steps = scheme.exact({"premium": 1_000, "loan": 500_000})
    assert steps["uncapped"] == 3_355
    assert steps["pay"] == 3_000


@pytest.mark.parametrize(("sales", "pay"), [(16_499, 824.95), (16_500, 1_650), (40_000, 4_700)])
def test_p09_unlock_and_accelerator(make_scheme, sales, pay):
    # comp.quotapath.com, account-executive accelerators & decelerators template
    scheme = make_scheme(
        {
            "a": "revenue / quota",
            "pay": "if(a < 0.5, 0.05 * revenue, 0.10 * min(revenue, quota))"
            " + 0.20 * max(revenue - quota, 0)",
        },
        params={"quota": 33_000},
    )
    assert scheme.explain({"revenue": sales}).total == Decimal(f"{pay:.2f}")
    assert scheme.pay({"revenue": sales}) == pay
