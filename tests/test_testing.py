"""motivsim.testing: the strategies themselves, and the assertions on published pay plans."""

from __future__ import annotations

import re
import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.testing import (
    assert_bounded,
    assert_monotone,
    assert_no_pay_cut,
    assert_principles,
    kpi_values,
    scheme_texts,
    schemes,
)


def plan(
    formula: str, *, kpi: str = "min = 0\nmax = 200_000", params: str = "", name: str = "p"
) -> motivsim.Scheme:
    """A one-KPI scheme (revenue) with ``pay = formula``."""
    return motivsim.loads(
        f'[scheme]\nname = "{name}"\ncurrency = "USD"\n'
        f"[kpi.revenue]\ncontrollable = true\n{kpi}\n"
        f"[params]\n{params}\n"
        f'[formula]\npay = "{formula}"\n',
        path=f"{name}.toml",
    )


# P-07 (visdum.com, payout floor): 10% of S once S >= 70% of Q = 1,000,000, else nothing.
P07 = plan(
    "if(revenue >= 0.7 * quota, 0.10 * revenue, 0)",
    params="quota = 1_000_000",
    kpi="min = 0\nmax = 2_000_000",
    name="P-07",
)
# A retroactive table whose rate drops at the higher bracket: 10% below 100,000, 5% from it.
RATE_DROP = plan("step(revenue, [100_000], [0.10, 0.05]) * revenue", name="rate drop")
# P-04 (earnbase.no): 50% below 100,000, 60% from 100,000; retroactive vs marginal.
P04_RETRO = plan("step(revenue, [100_000], [0.5, 0.6]) * revenue", name="P-04 retroactive")
P04_MARGINAL = plan("marginal(revenue, [100_000], [0.5, 0.6])", name="P-04 marginal")


# -- the strategies ----------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_schemes_load_and_values_respect_bounds(data: st.DataObject) -> None:
    text = data.draw(scheme_texts())
    scheme = motivsim.loads(text)
    values = data.draw(kpi_values(scheme))
    assert set(values) == set(scheme.kpis)
    for name, value in values.items():
        kpi = scheme.kpis[name]
        assert kpi.min is None or value >= kpi.min
        assert kpi.max is None or value <= kpi.max
        if kpi.distribution is not None:
            low, high = kpi.distribution.support()
            assert low <= value <= high
            if kpi.distribution.kind == "poisson":
                assert float(value).is_integer()
    assert isinstance(scheme.pay(values), float)


@settings(max_examples=20, deadline=None)
@given(schemes())
def test_schemes_strategy_gives_loaded_schemes(scheme: motivsim.Scheme) -> None:
    assert isinstance(scheme, motivsim.Scheme)
    assert "pay" in scheme.step_names


@settings(max_examples=60, deadline=None)
@given(kpi_values("schemes/dealership.toml"))
def test_dealership_values_are_in_range(values: dict[str, float]) -> None:
    assert 0 <= values["revenue"] <= 35_000_000
    assert values["cars_sold"] == int(values["cars_sold"])
    assert 0 <= values["cars_sold"] <= 20


def test_values_shrink_to_the_plan() -> None:
    """The simplest value of each KPI is its anchor: the plan for revenue, the median for cars."""
    from hypothesis import find

    found = find(kpi_values("schemes/dealership.toml"), lambda v: True)
    assert found == {"revenue": 10_000_000, "cars_sold": 8}


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_marginal_with_rising_rates_never_pays_more_than_retroactive(data: st.DataObject) -> None:
    bounds = data.draw(
        st.lists(st.integers(1, 50), min_size=1, max_size=4, unique=True).map(sorted)
    )
    rates = data.draw(
        st.lists(st.integers(0, 30), min_size=len(bounds) + 1, max_size=len(bounds) + 1).map(sorted)
    )
    points = ", ".join(str(b * 10_000) for b in bounds)
    table = f"[{points}], [{', '.join(f'{r / 100:g}' for r in rates)}]"
    marginal = plan(f"marginal(revenue, {table})", kpi="min = 0\nmax = 1_000_000")
    retro = plan(f"step(revenue, {table}) * revenue", kpi="min = 0\nmax = 1_000_000")
    values = data.draw(kpi_values(marginal))
    assert marginal.exact(values)["pay"] <= retro.exact(values)["pay"]


# -- assertions: known answers -----------------------------------------------------------------
def test_rate_drop_is_not_monotone_and_the_counterexample_is_at_the_threshold() -> None:
    with pytest.raises(AssertionError) as info:
        assert_monotone(RATE_DROP, "revenue")
    text = str(info.value)
    assert text.startswith("pay falls when 'revenue' rises (scheme 'rate drop'):")
    assert "with revenue=100,000, pay is 5,000.00 USD" in text
    lower = re.search(r"with revenue=([\d,]+), pay is ([\d,.]+) USD\n", text)
    assert lower is not None
    below = int(lower.group(1).replace(",", ""))
    assert 50_000 < below < 100_000
    assert len(str(below).rstrip("0")) <= 2
    assert lower.group(2) == f"{below / 10:,.2f}"  # 10% of it


def test_retroactive_threshold_is_monotone_but_a_cliff() -> None:
    """P-07 never pays less for more (a cliff is a jump up): assert_monotone passes."""
    assert_monotone(P07, "revenue")
    assert P07.pay({"revenue": 690_000}) == 0
    assert P07.pay({"revenue": 700_000}) == 70_000


def test_no_pay_cut_against_itself_passes() -> None:
    assert_no_pay_cut("schemes/dealership.toml", "schemes/dealership.toml")


def test_retroactive_to_marginal_is_a_cut_stated_in_business_terms() -> None:
    assert P04_RETRO.pay({"revenue": 180_000}) == 108_000  # the published figures
    assert P04_MARGINAL.pay({"revenue": 180_000}) == 98_000
    assert_no_pay_cut(P04_MARGINAL, P04_RETRO)
    with pytest.raises(AssertionError) as info:
        assert_no_pay_cut(P04_RETRO, P04_MARGINAL)
    assert str(info.value) == (
        "the new plan pays less for the same results: with revenue=100,000, the new plan pays "
        "10,000.00 USD less (−16.7%): 60,000.00 USD under 'P-04 retroactive', "
        "50,000.00 USD under 'P-04 marginal'"
    )


def test_tolerance_allows_small_cuts() -> None:
    lower = plan("0.095 * revenue", name="9.5%")
    assert_no_pay_cut(plan("0.1 * revenue"), lower, tolerance=0.05)
    with pytest.raises(AssertionError, match=r"less \(−5\.0%\) \(more than the 4\.0% allowed\)"):
        assert_no_pay_cut(plan("0.1 * revenue"), lower, tolerance=0.04)


def test_bounded() -> None:
    assert_bounded("schemes/dealership.toml", lo=40_000, hi=365_000)
    with pytest.raises(AssertionError) as info:
        assert_bounded("schemes/dealership.toml", hi=300_000)
    text = str(info.value)
    assert text.startswith("pay is above the upper bound 300,000.00 RUB (scheme 'Car dealership")
    values = re.search(r"with revenue=([\d,]+) and cars_sold=(\d+), pay is ([\d,.]+) RUB$", text)
    assert values is not None
    revenue, cars = int(values.group(1).replace(",", "")), int(values.group(2))
    pay = motivsim.load("schemes/dealership.toml").pay({"revenue": revenue, "cars_sold": cars})
    assert pay > 300_000
    assert values.group(3) == f"{pay:,.2f}"


def test_bounded_below() -> None:
    negative = plan("revenue - 50_000", name="negative")
    with pytest.raises(AssertionError, match=r"below the lower bound 0\.00 USD .* pay is −?-?"):
        assert_bounded(negative, lo=0)


def test_evaluation_errors_are_counterexamples() -> None:
    scheme = plan("1_000_000 / revenue", name="divide")
    with pytest.raises(
        AssertionError, match=r"pay cannot be computed \(scheme 'divide'\) with revenue=0: "
    ):
        assert_bounded(scheme, lo=0)


def test_principles() -> None:
    flat = motivsim.loads(
        '[scheme]\nname = "flat 5%"\n[kpi.revenue]\ncontrollable = true\nmin = 0\n'
        'distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }\n'
        '[formula]\npay = "0.05 * revenue"\n[principles]\nplan_met = "revenue >= 1_000_000"\n'
    )
    with pytest.raises(AssertionError, match=r"scheme 'flat 5%' breaks 1 principle .*\n1\. "):
        assert_principles(flat, samples=2_000)


def test_same_seed_same_counterexample() -> None:
    messages = []
    for _ in range(2):
        with pytest.raises(AssertionError) as info:
            assert_monotone(RATE_DROP, "revenue", seed=5, max_examples=100)
        messages.append(str(info.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: assert_monotone(RATE_DROP, "revenu"),
            "'revenu' is not a KPI of scheme 'rate drop' (did you mean 'revenue'?)",
        ),
        (
            lambda: assert_monotone(RATE_DROP, "revenue", max_examples=0),
            "max_examples must be an integer from 1 to 100,000, got 0",
        ),
        (lambda: assert_bounded(RATE_DROP), "give lo=..., hi=... or both"),
        (lambda: assert_bounded(RATE_DROP, lo=2, hi=1), "lo=2 is above hi=1"),
        (
            lambda: assert_no_pay_cut(RATE_DROP, RATE_DROP, tolerance=5),
            "tolerance must be a fraction of pay in [0, 1)",
        ),
        (
            lambda: assert_monotone(42, "revenue"),
            "scheme must be a Scheme or the path of a scheme file, got 42",
        ),
        (lambda: kpi_values(RATE_DROP, kpis=["x"]), "'x' is not a KPI of scheme 'rate drop'"),
    ],
    ids=[
        "unknown-kpi",
        "no-examples",
        "no-bounds",
        "lo-above-hi",
        "tolerance",
        "not-a-scheme",
        "strategy-kpi",
    ],
)
def test_invalid_arguments(call: object, message: str) -> None:
    with pytest.raises(motivsim.ArgumentError) as info:
        call()  # type: ignore[operator]
    assert message in str(info.value)


def test_import_motivsim_does_not_import_hypothesis() -> None:
    code = (
        "import sys, motivsim, motivsim.comparison.run, motivsim.findings.static, motivsim.cli.app;"
        "motivsim.cli.app.build_parser();"
        "print('hypothesis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_exact_fractions_in_values() -> None:
    """Drawn values are plain numbers that convert to the decimals they print as."""
    from hypothesis import find

    value = find(kpi_values(RATE_DROP), lambda v: v["revenue"] > 123_456)["revenue"]
    assert Fraction(repr(value)) == Fraction(value) or isinstance(value, int)
