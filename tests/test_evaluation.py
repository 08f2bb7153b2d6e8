"""Computing pay: scalars exactly, arrays in float64, and clear errors where pay does not exist."""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import motivsim
from tests.conftest import SCHEMES


@pytest.fixture
def dealership() -> motivsim.Scheme:
    return motivsim.load(SCHEMES / "dealership.toml")


def test_scalar_pay_is_a_float_and_arrays_give_arrays(dealership):
    assert dealership.pay({"revenue": 12_000_000, "cars_sold": 11}) == 245_000.0
    assert isinstance(dealership.pay({"revenue": 1.2e7, "cars_sold": 11}), float)
    pay = dealership.pay({"revenue": np.array([6e6, 8e6, 1.2e7, 2e7]), "cars_sold": 11})
    assert isinstance(pay, np.ndarray)
    # 70% of plan unlocks 1%; the commission is capped at 300,000
    np.testing.assert_array_equal(pay, [65_000, 145_000, 245_000, 365_000])


def test_every_step_is_available(dealership):
    steps = dealership.exact({"revenue": 12_000_000, "cars_sold": 9})
    assert steps == {
        "attainment": Fraction(6, 5),
        "rate": Fraction(3, 200),
        "commission": 180_000,
        "bonus": 0,
        "pay": 220_000,
    }
    arrays = dealership.evaluate({"revenue": np.array([12e6]), "cars_sold": np.array([9])})
    assert {k: float(v[0]) for k, v in arrays.items()} == {k: float(v) for k, v in steps.items()}


def test_floats_are_taken_as_the_decimal_a_person_typed(make_scheme):
    scheme = make_scheme({"pay": "if(revenue >= 0.7, 1, 0)"})
    # 0.1 * 7 is 0.7000000000000001 in binary floating point: not what a person means by 0.7
    assert scheme.pay({"revenue": 0.7}) == 1
    assert scheme.explain({"revenue": 0.1}).inputs[0].value == Fraction(1, 10)


def test_constant_pay_broadcasts_to_the_input_shape(make_scheme):
    scheme = make_scheme({"pay": "1000"})
    assert scheme.pay({"revenue": np.zeros(3)}).tolist() == [1000, 1000, 1000]


def test_division_by_zero_in_a_taken_branch_is_a_clear_error(make_scheme):
    scheme = make_scheme(
        {"per_car": "revenue / cars", "pay": "per_car"}, kpis={"revenue": "", "cars": ""}
    )
    with pytest.raises(motivsim.EvaluationError) as info:
        scheme.pay({"revenue": 100, "cars": 0})
    assert "step 'per_car' (revenue / cars) cannot be computed: division by zero" in str(info.value)
    assert "cars=0" in str(info.value)
    with pytest.raises(
        motivsim.EvaluationError,
        match=r"step 'per_car' .* is not a finite number "
        r"for 1 of 2 input rows \(first: row 1, revenue=100, cars=0\)",
    ):
        scheme.pay({"revenue": np.array([100.0, 100.0]), "cars": np.array([4.0, 0.0])})


def test_the_branch_not_taken_raises_nothing_and_warns_nothing(make_scheme):
    scheme = make_scheme(
        {"pay": "if(cars > 0, revenue / cars, 0)"}, kpis={"revenue": "", "cars": ""}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert scheme.pay({"revenue": 100, "cars": 0}) == 0
        out = scheme.pay({"revenue": np.array([100.0, 100.0]), "cars": np.array([4.0, 0.0])})
    assert out.tolist() == [25.0, 0.0]


def test_unchecked_evaluation_leaves_non_finite_rows_for_the_caller(make_scheme):
    scheme = make_scheme({"pay": "revenue / cars"}, kpis={"revenue": "", "cars": ""})
    out = scheme.evaluate(
        {"revenue": np.array([1.0, 1.0]), "cars": np.array([2.0, 0.0])}, check=False
    )
    assert out["pay"][0] == 0.5
    assert not np.isfinite(out["pay"][1])  # no exact value: division by zero


def test_fractional_power_of_a_negative_number(make_scheme):
    scheme = make_scheme({"pay": "revenue ** 0.5"})
    assert scheme.pay({"revenue": 16}) == 4
    with pytest.raises(motivsim.EvaluationError, match=r"power 0\.5 of a negative number"):
        scheme.pay({"revenue": -4})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"revenue": 1}, "missing KPI value: cars_sold; pay needs revenue, cars_sold"),
        (
            {"revenue": 1, "cars_sold": 1, "revnue": 2},
            "'revnue' is not a KPI of scheme "
            "'Car dealership sales manager' (did you mean 'revenue'?)",
        ),
        ({"revenue": True, "cars_sold": 1}, "KPI 'revenue' must be a number, got True"),
        ({"revenue": "12", "cars_sold": 1}, "KPI 'revenue' must be a number, got '12'"),
        ({"revenue": float("nan"), "cars_sold": 1}, "KPI 'revenue' must be finite, got nan"),
    ],
    ids=["missing", "typo", "bool", "text", "nan"],
)
def test_bad_kpi_values(dealership, values, message):
    with pytest.raises(motivsim.ArgumentError) as info:
        dealership.pay(values)
    assert message in str(info.value)


def test_kpis_pay_does_not_use_are_optional(make_scheme):
    scheme = make_scheme(
        {"side": "bonus_kpi * 2", "pay": "revenue"}, kpis={"revenue": "", "bonus_kpi": ""}
    )
    assert scheme.pay_inputs == ("revenue",)
    assert scheme.pay({"revenue": 5}) == 5
    assert "side" not in scheme.exact({"revenue": 5})


def test_round_floor_ceil_match_between_exact_and_vector(make_scheme):
    scheme = make_scheme({"pay": "round(revenue, 2) + floor(revenue) + ceil(revenue)"})
    for value in (2.675, -2.675, 1.005, 0.5, -0.5, 1234.565):
        exact = scheme.pay({"revenue": value})
        vector = scheme.pay({"revenue": np.array([value])})[0]
        assert vector == pytest.approx(exact, abs=1e-9), value
    # halves round away from zero, as a spreadsheet's ROUND does
    assert scheme.exact({"revenue": 2.675})["pay"] == Fraction("2.68") + 2 + 3


def test_full_expression_substitutes_steps_and_params(dealership):
    text = dealership.formula_text()
    assert "attainment" not in text
    assert "plan" not in text
    terms = sorted(text.split(" + "))
    assert terms == [
        "40000",
        "if(cars_sold >= 10, 25000, 0)",
        "min(300000, revenue * step(0.0000001 * revenue, [0.7, 1, 1.3], [0, 0.01, 0.015, 0.02]))",
    ]


def test_statement_text_and_json(dealership):
    statement = dealership.explain({"revenue": 12_345_678.9, "cars_sold": 11})
    text = str(statement)
    assert "Pay statement: Car dealership sales manager (RUB per month)" in text
    assert "commission = min(rate * revenue, 300_000)" in text
    assert "= 185,185.1835" in text
    assert "Total pay: 250,185.18 RUB" in text
    data = statement.to_dict()
    assert data["total"] == "250185.18"
    assert data["steps"][2] == {
        "name": "commission",
        "formula": "min(rate * revenue, 300_000)",
        "value": "185185.1835",
    }
    assert statement.total == Decimal("250185.18")


@pytest.mark.parametrize(
    ("rule", "total"),
    [
        ("half-up", "0.13"),
        ("half-even", "0.12"),
        ("half-down", "0.12"),
        ("down", "0.12"),
        ("up", "0.13"),
    ],
)
def test_the_declared_rounding_rule_is_applied_once(rule, total):
    text = f"""[scheme]\nname = "r"\nrounding = "{rule}"\n[kpi.revenue]\ncontrollable = true
[formula]\npart = "revenue / 2"\npay = "part"\n"""
    scheme = motivsim.loads(text)
    assert str(scheme.explain({"revenue": 0.25}).total) == total


def test_statement_in_the_schemes_language():
    scheme = motivsim.load(SCHEMES / "dealership_ru.toml")
    statement = scheme.explain({"выручка": 12_000_000, "продано_машин": 11})
    text = str(statement)
    assert text.startswith("Расчёт зарплаты: Менеджер по продажам автосалона (₽ за месяц)")
    assert "Итого к выплате: 280\u00a0000,00\u00a0₽" in text
    assert statement.to_dict()["language"] == "ru"


def test_unknown_language_is_located(make_scheme):
    text = '[scheme]\nname = "x"\nlanguage = "russian"\n[kpi.a]\ncontrollable = true\n'
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(text + '[formula]\npay = "a"\n', path="s.toml")
    assert str(info.value).startswith("s.toml:3:12: unknown language 'russian'")
    assert "language is one of: en, ru" in (info.value.hint or "")
