"""One answer per input: the vectorised (float64) path pays what the exact path pays.

The exact path (``Scheme.pay`` of scalars, statements) computes on the decimals a person wrote;
the vectorised path (arrays: ``simulate``, ``check``, ``compare``, ``lint``, ``plot``) computes in
float64 and recomputes exactly the rows where a threshold, a bracket edge or a rounding jump
cannot be settled in float. These tests put values exactly on every such point.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

import motivsim
from motivsim.formula.certified import CertifiedSteps
from motivsim.formula.rational import RationalSteps
from tests.conftest import scheme_text


def _both(scheme: motivsim.Scheme, **values: float) -> tuple[float, float]:
    """Pay of one manager by the exact path and by the vectorised path."""
    exact = scheme.pay(values)
    vector = scheme.pay({k: np.array([v, v]) for k, v in values.items()})
    return exact, float(vector[0])


# ---------------------------------------------------------------------------------------------
# the reported cases, by name
# ---------------------------------------------------------------------------------------------
CASES = [
    pytest.param(
        "0.10 * S * if(S / Q < 0.8, 0.5, 1)",
        {"Q": 500_000},
        {"S": 400_000},
        40_000,
        id="S/Q below 0.8 at exactly 0.8 (two roundings of 1/Q)",
    ),
    pytest.param(
        "if(S / Q >= 1, 100, 0)",
        {"Q": 49},
        {"S": 49},
        100,
        id="S/Q >= 1 at 49 of 49",
    ),
    pytest.param(
        "step(S / Q, [0.8], [0, 100])",
        {"Q": 35},
        {"S": 28},
        100,
        id="step at 28 of 35",
    ),
    pytest.param(
        "if(0.4 * S <= 2191.2, 100, 0)",
        {},
        {"S": 5_478},
        100,
        id="0.4 * S <= 2191.2",
    ),
    pytest.param(
        "if(S >= 0.3294347 * Q, 100, 0)",
        {"Q": 10_000_000},
        {"S": 3_294_347},
        100,
        id="S >= 0.3294347 * Q",
    ),
    pytest.param("100 * ceil(0.28 * S)", {}, {"S": 400}, 11_200, id="ceil(0.28 * 400)"),
    pytest.param("if(0.07 * S == 7, 100, 0)", {}, {"S": 100}, 100, id="0.07 * 100 == 7"),
    pytest.param("round(S, 0)", {}, {"S": 2.4999999999999}, 2, id="round of 2.4999999999999"),
    pytest.param("round(S, 2)", {}, {"S": 2.675}, 2.68, id="round of 2.675 to cents"),
    pytest.param("if(S / 49 >= 1, 100, 0)", {}, {"S": 49}, 100, id="deals / 49 at 49"),
    pytest.param("if(0.1 * S > 0.3, 100, 0)", {}, {"S": 3}, 0, id="0.1 * 3 > 0.3"),
    pytest.param("floor(S / 0.1)", {}, {"S": 0.3}, 3, id="floor(0.3 / 0.1)"),
    pytest.param(
        "marginal(S, [0.3], [0, 1000]) + if(S * 3 >= 0.9, 1, 0)",
        {},
        {"S": 0.3},
        1,
        id="marginal at its edge and S * 3 >= 0.9",
    ),
]


@pytest.mark.parametrize(("formula", "params", "values", "expected"), CASES)
def test_reported_cases_pay_the_same_on_both_paths(
    make_scheme: Any,
    formula: str,
    params: dict[str, Any],
    values: dict[str, float],
    expected: float,
) -> None:
    kpis = dict.fromkeys(values, "")
    scheme = make_scheme({"pay": formula}, kpis=kpis, params=params)
    exact, vector = _both(scheme, **values)
    assert exact == pytest.approx(expected, abs=1e-9)
    assert vector == exact


def test_rows_off_the_threshold_keep_the_float_answer(make_scheme: Any) -> None:
    scheme = make_scheme(
        {"pay": "0.10 * S * if(S / Q < 0.8, 0.5, 1)"}, kpis={"S": ""}, params={"Q": 500_000}
    )
    s = np.array([399_999.0, 400_000.0, 400_001.0])
    np.testing.assert_array_equal(scheme.pay({"S": s}), [19_999.95, 40_000.0, 40_000.1])


def test_evaluation_never_writes_into_the_callers_arrays(make_scheme: Any) -> None:
    scheme = make_scheme({"x": "S", "pay": "if(x / 35 >= 0.8, 1, 0)"}, kpis={"S": ""})
    s = np.array([28.0, 1.0])
    out = scheme.evaluate({"S": s})
    out["x"][0] = -1.0
    assert s.tolist() == [28.0, 1.0]


def test_plan_met_is_decided_exactly(make_scheme: Any) -> None:
    scheme = make_scheme(
        {"pay": "deals"},
        kpis={"deals": ""},
        params={"target": 35},
        extra='[principles]\nplan_met = "deals / target >= 0.8"\n',
    )
    plan_met = scheme.principles.plan_met
    assert plan_met is not None
    met = scheme.holds(plan_met, {"deals": np.array([27.0, 28.0, 29.0])})
    assert met.tolist() == [False, True, True]


# ---------------------------------------------------------------------------------------------
# a property: formulas of the language, values on every threshold
# ---------------------------------------------------------------------------------------------
_ATOMS = ["x", "y", "rate", "plan", "0.1", "0.8", "3", "35", "0.07", "1.2", "100"]


@st.composite
def formulas(draw: st.DrawFn, depth: int = 3) -> str:
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(_ATOMS))
    kind = draw(
        st.sampled_from(["+", "-", "*", "/", "if", "min", "step", "marginal", "floor", "round"])
    )
    a, b = draw(formulas(depth - 1)), draw(formulas(depth - 1))
    if kind in "+-*":
        return f"({a} {kind} {b})"
    if kind == "/":
        return f"({a} / {draw(st.sampled_from(['plan', '35', '0.8', '3', '49']))})"
    if kind == "if":
        op = draw(st.sampled_from(["<", "<=", ">", ">=", "=="]))
        c = draw(formulas(depth - 1))
        return f"if({a} {op} {b}, {c}, {a})"
    if kind == "min":
        return f"min({a}, {b})"
    if kind == "step":
        return f"step({a}, [0.8, 1, 1.2], [0, 0.5, 1, 1.5])"
    if kind == "marginal":
        return f"marginal({a}, [0.8, 1], [0.01, 0.02, 0.03])"
    if kind == "floor":
        return f"floor({a})"
    return f"round({a}, 2)"


# whole numbers, round decimals, and the values that sit on this language's thresholds
_VALUES = st.one_of(
    st.integers(0, 60).map(float),
    st.sampled_from([0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 1.0, 1.2, 2.675, 28.0, 35.0, 49.0, 2191.2]),
    st.integers(0, 10_000).map(lambda k: k / 100),
)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(formulas(), st.lists(st.tuples(_VALUES, _VALUES), min_size=1, max_size=6))
def test_vector_pay_equals_exact_pay_to_the_cent(
    formula: str, rows: list[tuple[float, float]]
) -> None:
    text = scheme_text(
        {"pay": formula},
        kpis={"x": "", "y": ""},
        params={"rate": 0.05, "plan": 35},
    )
    try:
        scheme = motivsim.loads(text)
    except motivsim.MotivsimError:
        return  # a formula the language refuses (a constant too large, ...)
    x = np.array([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    vector = scheme.evaluate({"x": x, "y": y}, check=False)["pay"]
    for i, (a, b) in enumerate(rows):
        try:
            exact = scheme.exact({"x": a, "y": b})["pay"]
        except motivsim.EvaluationError:
            assert not np.isfinite(vector[i])
            continue
        assert isinstance(exact, Fraction)
        assert abs(Fraction(vector[i]) - exact) < Fraction(1, 200), (formula, a, b)


_FACTORS = ["3", "0.3", "1.1", "0.7", "7", "0.07", "1.15", "2.5", "0.35"]


def _decimal(value: Fraction) -> str:
    """``value`` (a decimal fraction) written out in full, as a person would type it."""
    whole, rest = divmod(value.numerator * 10**8 // value.denominator, 10**8)
    return f"{whole}.{rest:08d}".rstrip("0").rstrip(".")


@settings(max_examples=300, deadline=None)
@given(
    k=st.integers(1, 100_000),
    factor=st.sampled_from(_FACTORS),
    op=st.sampled_from([">=", ">", "<=", "<", "=="]),
    shape=st.sampled_from(["product", "quotient", "step", "floor"]),
)
def test_values_exactly_on_a_threshold(k: int, factor: str, op: str, shape: str) -> None:
    """x is a 2-decimal number placed exactly on the threshold of x * c (or x / c): the float
    product is often an ulp off, and the decision must still be the exact one."""
    x = Fraction(k, 100)
    c = Fraction(factor)
    at = x * c if shape != "quotient" else x / c
    if shape == "quotient" and (at * 10**8).denominator != 1:
        at = x * c
        shape = "product"
    lhs = f"x * {factor}" if shape != "quotient" else f"x / {factor}"
    formula = {
        "product": f"if({lhs} {op} {_decimal(at)}, 100, 0)",
        "quotient": f"if({lhs} {op} {_decimal(at)}, 100, 0)",
        "step": f"step({lhs}, [{_decimal(at)}], [0, 100])",
        "floor": f"floor({lhs})",
    }[shape]
    scheme = motivsim.loads(scheme_text({"pay": formula}, kpis={"x": ""}))
    value = float(x)
    exact = scheme.pay({"x": value})
    vector = scheme.pay({"x": np.array([value, value + 1.0])})
    assert float(vector[0]) == exact, (formula, value)


@settings(max_examples=100, deadline=None)
@given(formulas(), st.lists(st.tuples(_VALUES, _VALUES), min_size=1, max_size=8))
def test_rational_rows_equal_the_exact_path(formula: str, rows: list[tuple[float, float]]) -> None:
    """The column-wise exact evaluator agrees with the one-row exact path everywhere."""
    text = scheme_text({"pay": formula}, kpis={"x": "", "y": ""}, params={"rate": 0.05, "plan": 35})
    try:
        scheme = motivsim.loads(text)
    except motivsim.MotivsimError:
        return
    rational = RationalSteps([(s.name, s.expr) for s in scheme.steps], scheme.params)
    got = rational.run({"x": np.array([r[0] for r in rows]), "y": np.array([r[1] for r in rows])})
    for i, (a, b) in enumerate(rows):
        try:
            exact = scheme.exact({"x": a, "y": b})["pay"]
        except motivsim.EvaluationError:
            assert np.isnan(got["pay"][i])
            continue
        assert got["pay"][i] == float(exact)


def test_certified_and_plain_float_agree_away_from_thresholds() -> None:
    """Rows far from every threshold are never sent to the exact path."""
    scheme = motivsim.load("schemes/dealership.toml")
    rng = np.random.default_rng(3)
    revenue = scheme.kpis["revenue"].distribution.ppf(rng.random(20_000))  # type: ignore[union-attr]
    steps = [(s.name, s.expr) for s in scheme.steps]
    found = CertifiedSteps(steps, scheme.params).run(
        {"revenue": revenue, "cars_sold": np.full(revenue.shape, 7.0)}
    )
    assert found.unsure is None


# ---------------------------------------------------------------------------------------------
# Monte Carlo: simulate and check against expectations summed from the Poisson probabilities
# ---------------------------------------------------------------------------------------------
def _deals_scheme(target: int, mean: float) -> motivsim.Scheme:
    return motivsim.loads(
        f"""
[scheme]
name = "deals"
currency = "EUR"
[kpi.deals]
controllable = true
distribution = {{ type = "poisson", mean = {mean} }}
[params]
target = {target}
[formula]
pay = "1_000 + 6_000 * step(deals / target, [0.8, 1.0], [0, 0.5, 1])"
[principles]
plan_met = "deals >= target"
"""
    )


def _exact_moments(target: int, mean: float) -> tuple[float, float, float]:
    """Mean pay, share meeting the plan, hitters' over non-hitters' mean pay, exactly."""
    k = np.arange(0, 400)
    p = stats.poisson.pmf(k, mean)
    pay = np.where(k * 5 >= 4 * target, np.where(k >= target, 7_000.0, 4_000.0), 1_000.0)
    met = k >= target
    share = p[met].sum()
    ratio = (p[met] * pay[met]).sum() / share / ((p[~met] * pay[~met]).sum() / (1 - share))
    return float((p * pay).sum()), float(share), float(ratio)


@pytest.mark.parametrize(("target", "mean"), [(35, 32.0), (49, 45.0)])
def test_simulate_matches_the_exact_expectation(target: int, mean: float) -> None:
    scheme = _deals_scheme(target, mean)
    runs = 200_000
    result = motivsim.simulate(scheme, runs=runs, seed=11)
    want_mean, want_share, _ = _exact_moments(target, mean)
    k = np.arange(0, 400)
    p = stats.poisson.pmf(k, mean)
    pay = np.where(k * 5 >= 4 * target, np.where(k >= target, 7_000.0, 4_000.0), 1_000.0)
    sd = float(np.sqrt((p * (pay - want_mean) ** 2).sum()))
    z = (result.payroll.mean - want_mean) / (sd / np.sqrt(runs))
    assert abs(z) < 4, (result.payroll.mean, want_mean, z)
    assert result.share_meeting_plan is not None
    se = np.sqrt(want_share * (1 - want_share) / runs)
    assert abs(result.share_meeting_plan - want_share) < 4 * se


def test_check_ratio_matches_the_exact_ratio() -> None:
    scheme = _deals_scheme(35, 32.0)
    report = motivsim.check(scheme, samples=200_000, seed=5, warnings=False)
    _, _, want = _exact_moments(35, 32.0)
    ratio = report.result("ratio").value
    assert ratio == pytest.approx(want, rel=0.02), (ratio, want)


def test_compare_finds_the_cut_exactly_at_the_threshold() -> None:
    def plan(op: str) -> str:
        return f"""
[scheme]
name = "bonus {op}"
currency = "EUR"
[kpi.revenue]
controllable = true
distribution = {{ type = "uniform", low = 0, high = 800_000 }}
[params]
plan = 500_000
[formula]
pay = "20_000 + if(revenue / plan {op} 0.8, 10_000, 0)"
"""

    old, new = motivsim.loads(plan(">=")), motivsim.loads(plan(">"))
    result = motivsim.compare(old, new, max_cut=0.0, samples=2_000, seed=1)
    assert result.largest_cut is not None
    assert result.largest_cut.values["revenue"] == 400_000
    assert result.largest_cut.share == pytest.approx(1 / 3)
    assert result.gate_failed
