"""Properties of the formula language, checked by hypothesis on generated formulas and values."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.formula import LexError, NameInfo, build, format_number, parse, to_text
from motivsim.formula.lexer import parse_number
from tests.conftest import SCHEMES, scheme_text

NAMES = {
    "a": NameInfo("kpi"),
    "b": NameInfo("kpi"),
    "plan": NameInfo("param", value=Fraction(1000)),
    "rate": NameInfo("param", value=Fraction(3, 100)),
}
PARAMS = {"plan": 1000, "rate": 0.03}

numbers = st.one_of(
    st.integers(0, 10_000).map(str),
    st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False).map(str),
)
leaves = st.one_of(numbers, st.sampled_from(["a", "b", "plan", "rate"]))


def _combine(children: st.SearchStrategy[str], *, smooth: bool) -> st.SearchStrategy[str]:
    two = st.tuples(children, children)
    options = [
        two.map(lambda p: f"({p[0]} + {p[1]})"),
        two.map(lambda p: f"({p[0]} - {p[1]})"),
        two.map(lambda p: f"{p[0]} * {p[1]}"),
        children.map(lambda c: f"-{c}"),
        two.map(lambda p: f"min({p[0]}, {p[1]})"),
        two.map(lambda p: f"max({p[0]}, {p[1]})"),
        children.map(lambda c: f"abs({c})"),
        children.map(lambda c: f"({c}) ** 2"),
        children.map(lambda c: f"clip({c}, 0, plan)"),
        children.map(lambda c: f"marginal({c}, [100, plan], [0.01, 0.02, rate])"),
        children.map(lambda c: f"interp({c}, [0, 500, plan], [0, 1, 3])"),
        children.map(lambda c: f"{c} / (1 + abs(b))"),
    ]
    if not smooth:
        options += [
            st.tuples(children, children, children).map(
                lambda p: f"if({p[0]} >= {p[1]} and not a < 3, {p[2]}, 0)"
            ),
            children.map(lambda c: f"step({c}, [10, 100], [0, 0.5, 1])"),
            children.map(lambda c: f"({c} > plan)"),
            children.map(lambda c: f"floor({c})"),
            children.map(lambda c: f"round({c}, 2)"),
        ]
    return st.one_of(*options)


smooth_formulas = st.recursive(leaves, lambda c: _combine(c, smooth=True), max_leaves=6)
any_formulas = st.recursive(leaves, lambda c: _combine(c, smooth=False), max_leaves=6)


def _built(text: str):
    try:
        return build(parse(text), NAMES)
    except LexError:
        assume(False)
        raise


@given(any_formulas)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_printed_formula_parses_to_the_same_expression(text):
    first = _built(text)
    printed = to_text(first.expr)
    again = build(parse(printed), NAMES)
    assert again.expr == first.expr
    assert to_text(again.expr) == printed  # printing is a fixed point


@given(smooth_formulas, st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=2))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_scalar_exact_and_vectorised_evaluation_agree(text, values):
    _built(text)
    scheme = motivsim.loads(
        scheme_text({"pay": f"1 * ({text})"}, kpis={"a": "", "b": ""}, params=PARAMS)
    )
    a, b = values
    try:
        exact = scheme.pay({"a": a, "b": b})
    except motivsim.EvaluationError:
        assume(False)
    vector = scheme.pay({"a": np.array([a, 0.0]), "b": np.array([b, 1.0])})
    assert vector[0] == pytest.approx(exact, rel=1e-9, abs=1e-9)


@given(any_formulas, st.integers(-2_000, 2_000), st.integers(-2_000, 2_000))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_agreement_with_branches_on_whole_numbers(text, a, b):
    # whole-number KPIs keep comparisons exact in float too, so branches agree
    _built(text)
    assume("/" not in text and "rate" not in text and "." not in text)
    scheme = motivsim.loads(
        scheme_text({"pay": f"1 * ({text})"}, kpis={"a": "", "b": ""}, params=PARAMS)
    )
    exact = scheme.pay({"a": a, "b": b})
    vector = scheme.pay({"a": np.array([a]), "b": np.array([b])})
    assert vector[0] == pytest.approx(exact, rel=1e-12, abs=1e-9)


@given(st.text(max_size=300))
@settings(max_examples=400, deadline=None)
def test_garbage_formula_raises_only_our_error(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    try:
        motivsim.loads(scheme_text({"pay": escaped}))
    except motivsim.SchemeError as err:
        assert str(err)  # renders
        assert err.location.line is not None


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_garbage_file_raises_only_our_error(raw):
    try:
        motivsim.loads(raw.decode("utf-8", "replace"))
    except motivsim.SchemeError as err:
        assert str(err)


@given(st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**6))
def test_number_printing_round_trips(value):
    text = format_number(value)
    if "/" in text:
        p, q = text.lstrip("-").split("/")
        back = Fraction(int(p), int(q)) * (-1 if text.startswith("-") else 1)
    else:
        back = parse_number(text.lstrip("-")) * (-1 if text.startswith("-") else 1)
    assert back == value


MONOTONE = [
    "dealership.toml",
    "dealership_ru.toml",
    "saas_ae.toml",
    "tier_step.toml",
    "tier_marginal.toml",
    "tier_interp.toml",
]


@pytest.mark.parametrize("name", MONOTONE)
def test_example_schemes_pay_never_falls_when_a_controllable_kpi_rises(name):
    scheme = motivsim.load(SCHEMES / name)

    @given(st.data())
    @settings(max_examples=150, deadline=None)
    def check(data):
        values = {k: data.draw(st.integers(0, 30_000_000), label=k) for k in scheme.pay_inputs}
        kpi = data.draw(st.sampled_from(scheme.pay_inputs), label="kpi")
        more = dict(values, **{kpi: values[kpi] + data.draw(st.integers(0, 5_000_000))})
        assert scheme.pay(more) >= scheme.pay(values)

    check()


@pytest.mark.parametrize("name", MONOTONE)
def test_example_schemes_vectorised_equals_scalar_per_row(name):
    scheme = motivsim.load(SCHEMES / name)
    rng = np.random.default_rng(0)
    values = {k: rng.integers(0, 20_000_000, 200) for k in scheme.pay_inputs}
    vector = scheme.pay(values)
    scalar = [scheme.pay({k: int(v[i]) for k, v in values.items()}) for i in range(200)]
    np.testing.assert_allclose(vector, scalar, rtol=1e-12)
