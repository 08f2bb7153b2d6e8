"""Tests of principle 2: the complexity score, its parts, and its calibration."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.checks import CheckContext
from motivsim.checks import complexity as cx

ROOT = Path(__file__).resolve().parent.parent


ONE_STEP = """[scheme]
name = "one step"
[kpi.revenue]
controllable = true
[kpi.calls]
controllable = true
[params]
plan = 100
rate = 0.1
[formula]
pay = "{formula}"
"""


def measure_formula(formula: str) -> cx.StepComplexity:
    """The score of a one-step scheme ``pay = formula`` (KPIs revenue, calls; params plan, rate)."""
    (step,) = cx.measure(motivsim.loads(ONE_STEP.format(formula=formula))).steps
    return step


def test_dealership_parts() -> None:
    result = cx.measure(motivsim.load(ROOT / "schemes" / "dealership.toml"))
    rows = {
        s.name: (s.operations, s.inputs, s.constants, s.branches, s.nesting, s.score)
        for s in result.steps
    }
    assert rows == {
        "attainment": (1, 1, 1, 0, 0, 3.5),  # revenue / plan
        "rate": (1, 1, 7, 4, 1, 12.5),  # a 4-bracket tier table, 7 numbers
        "commission": (2, 2, 1, 1, 1, 7.0),  # min(rate * revenue, cap): one branch
        "bonus": (2, 1, 3, 1, 1, 7.0),  # if(cars >= 10, 25000, 0)
        "pay": (2, 2, 1, 0, 0, 5.5),
    }
    assert result.score == 35.5
    assert result.costliest().name == "rate"
    assert result.totals() == {
        "operations": 8,
        "inputs": 7,
        "constants": 13,
        "branches": 6,
        "nesting": 1,
        "steps": 5,
    }
    assert sum(result.points().values()) == result.score


@pytest.mark.parametrize(
    ("formula", "nesting"),
    [
        ("revenue", 0),
        ("revenue + calls + plan", 0),
        ("(revenue + calls) * rate", 1),
        ("revenue - (calls - plan)", 1),
        ("revenue - calls - plan", 0),
        ("-(revenue + calls)", 1),
        ("min(revenue, plan)", 1),
        ("min(max(revenue, calls) * rate, plan)", 2),
        ("if(revenue >= plan and calls > 3, 1, 0)", 1),
        ("if((revenue >= plan) or (calls > 3 and revenue > 0), 1, 0)", 1),
        ("step(revenue, [1, 2], [0, 1, 2])", 1),
        ("revenue ** 2", 0),
        ("(revenue * 2) ** 2", 1),
    ],
)
def test_nesting_counts_open_brackets(formula: str, nesting: int) -> None:
    assert measure_formula(formula).nesting == nesting


@pytest.mark.parametrize(
    ("formula", "operations", "branches"),
    [
        ("rate * revenue", 1, 0),
        ("-revenue + 1", 2, 0),
        ("if(revenue >= plan, 1, 0)", 2, 1),
        ("(revenue >= plan) * 500", 2, 1),  # a condition used as a number is a branch
        ("if(revenue >= plan and not (calls > 3), 1, 0)", 5, 2),
        ("min(revenue, plan, 5)", 1, 2),
        ("clip(revenue, 0, plan)", 1, 2),
        ("step(revenue, [1, 2], [0, 1, 2])", 1, 3),
        ("marginal(revenue, [1, 2], [0, 1, 2])", 5, 3),  # + 2 per breakpoint
        ("interp(revenue, [1, 2], [0, 10])", 5, 2),  # + 4 for the interpolation
        ("abs(revenue) + floor(calls) + round(revenue, 2)", 5, 0),
    ],
)
def test_operations_and_branches(formula: str, operations: int, branches: int) -> None:
    step = measure_formula(formula)
    assert (step.operations, step.branches) == (operations, branches)


def test_inputs_are_distinct_constants_count_every_number() -> None:
    step = measure_formula("revenue * rate + revenue * rate + 2 + 2 + plan")
    assert (step.inputs, step.constants) == (1, 4)  # revenue; rate, plan, 2, 2


def test_literal_and_parameter_cost_the_same() -> None:
    assert measure_formula("0.1 * revenue").score == measure_formula("rate * revenue").score


def test_only_steps_pay_needs_are_scored(make_scheme) -> None:
    scheme = make_scheme(
        {"unused": "if(calls > 3, 1, 2) * 5", "pay": "rate * revenue"},
        kpis={"revenue": "", "calls": ""},
        params={"rate": 0.1},
    )
    assert [s.name for s in cx.measure(scheme).steps] == ["pay"]


ATOMS = st.sampled_from(["revenue", "calls", "rate", "plan", "3", "0.5"])


@st.composite
def formulas(draw: st.DrawFn, depth: int = 3) -> str:
    if depth == 0 or draw(st.booleans()):
        return draw(ATOMS)
    kind = draw(st.sampled_from(["+", "*", "min", "if", "paren"]))
    a, b = draw(formulas(depth - 1)), draw(formulas(depth - 1))
    if kind == "min":
        return f"min({a}, {b})"
    if kind == "if":
        return f"if({a} >= {b}, {a}, 0)"
    if kind == "paren":
        return f"({a} + {b}) * 2"
    return f"{a} {kind} {b}"


@settings(max_examples=60, deadline=None)
@given(formulas())
def test_adding_a_term_adds_an_operation_and_a_constant(formula: str) -> None:
    before = measure_formula(formula)
    after = measure_formula(f"{formula} + 7")
    assert after.operations == before.operations + 1
    assert after.constants == before.constants + 1
    assert after.nesting == before.nesting
    assert after.score == before.score + 1.5


@settings(max_examples=40, deadline=None)
@given(formulas())
def test_wrapping_in_a_cap_never_lowers_the_score(formula: str) -> None:
    before = measure_formula(formula)
    after = measure_formula(f"min({formula}, 1000)")
    assert after.score >= before.score + 3.0  # a call, a branch, a constant, maybe a level


# --- calibration ---------------------------------------------------------------------------------

#: Schemes a person can work out in about a minute (score, then why).
MINUTE_SCHEMES = {
    "marginal three bands + base": (
        {"pay": "base + marginal(revenue, [500_000, 1_000_000], [0.02, 0.04, 0.06])"},
        15.5,
    ),
    "plan bonus + commission + cap": (
        {
            "commission": "min(0.03 * revenue, 60_000)",
            "bonus": "if(revenue >= plan, 20_000, 0)",
            "pay": "base + commission + bonus",
        },
        19.0,
    ),
}


@pytest.mark.parametrize("name", list(MINUTE_SCHEMES))
def test_minute_schemes_pass(make_scheme, name: str) -> None:
    formula, score = MINUTE_SCHEMES[name]
    scheme = make_scheme(formula, params={"base": 30_000, "plan": 1_000_000})
    assert cx.measure(scheme).score == score
    assert score <= motivsim.Principles().max_complexity


@pytest.mark.parametrize(
    "name",
    [
        "dealership.toml",
        "dealership_ru.toml",
        "flat_commission.toml",
        "profit_bonus.toml",
        "saas_ae.toml",
        "tier_step.toml",
        "tier_marginal.toml",
        "tier_interp.toml",
    ],
)
def test_shipped_simple_schemes_pass(name: str) -> None:
    path = ROOT / "schemes" / name
    if not path.exists():
        pytest.skip(f"{name} is not shipped")
    score = cx.measure(motivsim.load(path)).score
    assert score <= motivsim.Principles().max_complexity == 40.0


def test_convoluted_scheme_fails_by_far() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "convoluted.toml")
    result = cx.run(CheckContext(scheme, 1_000, 0))
    assert not result.passed
    assert result.value == 160.0
    assert result.summary == "complexity score 160; allowed: at most 40"
    assert result.advice.startswith(
        "a person cannot work this out by hand in a minute (score 160 > 40); start with step "
        "'volume' (27.5 points, 11 from operations)"
    )
    assert result.notes[1].startswith("costliest step: volume = marginal(revenue")


def test_max_complexity_from_the_scheme(make_scheme) -> None:
    scheme = make_scheme({"pay": "0.05 * revenue"}, extra="[principles]\nmax_complexity = 3\n")
    result = cx.run(CheckContext(scheme, 1_000, 0))
    assert (result.passed, result.value, result.threshold) == (False, 3.5, 3.0)
