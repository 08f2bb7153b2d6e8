"""Derived parameters: ``[params] quota = "annual_quota / 4"``, exact, ordered, checked."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import motivsim
from motivsim.checks import complexity
from tests.conftest import scheme_text


def _load(params: dict[str, object], pay: str = "revenue") -> motivsim.Scheme:
    lines = {k: (f'"{v}"' if isinstance(v, str) else v) for k, v in params.items()}
    return motivsim.loads(scheme_text({"pay": pay}, params=lines), path="plan.toml")


def test_a_third_stays_a_third() -> None:
    scheme = _load({"annual_quota": 1_000_000, "quota": "annual_quota / 3"})
    assert scheme.params["quota"] == Fraction(1_000_000, 3)


def test_a_quoted_number_is_that_number() -> None:
    assert _load({"plan": "0.05"}).params["plan"] == Fraction(1, 20)


def test_derived_parameters_may_come_in_any_order() -> None:
    scheme = _load(
        {"rate": "variable / quota", "variable": 30_000, "quota": "annual / 4", "annual": 1_200_000}
    )
    assert scheme.params["rate"] == Fraction(1, 10)
    assert list(scheme.params) == ["rate", "variable", "quota", "annual"]  # the file's order


def test_tier_tables_may_use_derived_parameters() -> None:
    scheme = _load(
        {"quota": "annual / 4", "annual": 400_000, "low": "0.5 * quota", "rate": "3_000 / quota"},
        pay="step(revenue, [low, quota], [0, 0.5, 1]) * rate * revenue",
    )
    # 100,000 revenue is exactly the quarterly quota: the top bracket, rate 3%
    assert scheme.pay({"revenue": 100_000}) == 3_000
    assert scheme.pay({"revenue": np.array([49_999.0, 50_000.0, 100_000.0])}).tolist() == [
        0.0,
        750.0,
        3_000.0,
    ]


def test_the_complexity_score_sees_a_number() -> None:
    plain = _load({"quota": 100_000}, pay="revenue / quota")
    derived = _load({"annual": 400_000, "quota": "annual / 4"}, pay="revenue / quota")
    assert complexity.measure(plain).score == complexity.measure(derived).score


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "q + 1"}, "parameters form a cycle: q -> q"),
        ({"a": "b", "b": "a"}, "parameters form a cycle: a -> b -> a"),
        ({"a": "revenue * 2"}, "parameter 'a' uses 'revenue', which is not a parameter"),
        ({"a": "1 / 0"}, "division by zero"),
        ({"z": 0, "a": "5 / z"}, "divides by zero"),
        ({"a": "2 > 1"}, "is a condition, not a number"),
        ({"quota": 10, "a": "quotaa"}, "did you mean 'quota'?"),
        ({"a": "1e15 * 10"}, "beyond"),
    ],
    ids=[
        "self",
        "cycle",
        "kpi",
        "literal-zero",
        "parameter-zero",
        "condition",
        "typo",
        "too-large",
    ],
)
def test_bad_derived_parameters_are_located_errors(params: dict[str, object], message: str) -> None:
    with pytest.raises(motivsim.SchemeError, match=message) as caught:
        _load(params)
    assert caught.value.location.path == "plan.toml"
    assert caught.value.location.line is not None


def test_lint_counts_a_parameter_used_through_a_derived_one() -> None:
    scheme = _load({"annual": 400_000, "quota": "annual / 4", "spare": 5}, pay="revenue / quota")
    codes = [(f.code, f.message) for f in motivsim.lint(scheme, sampled=False).findings]
    assert ("unused-param", "parameter 'spare' is not used by any formula") in codes
    assert not any("'annual'" in message for _, message in codes)


def test_the_segment_example_pays_each_segment_by_its_own_quota() -> None:
    scheme = motivsim.load("schemes/saas_segments.toml")
    enterprise = scheme.segment_scheme("enterprise")
    assert enterprise.params["quota"] == 600_000
    assert enterprise.pay({"new_arr": 600_000}) == 60_000  # on-target pay per quarter
    assert scheme.pay({"new_arr": 100_000}) == 30_000  # [params]: 120,000 a year at quota
