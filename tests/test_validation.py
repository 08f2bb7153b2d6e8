"""One validation of arguments everywhere (:mod:`motivsim.validation`).

* every public count argument takes Python and numpy integers alike (same result), never a
  bool, never a float, and says what is allowed when a whole number is out of range;
* the helpers themselves;
* a :class:`~motivsim.Scheme` checks itself, also when built by ``dataclasses.replace``;
* every function that takes a scheme takes the path of a scheme file too.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest

import motivsim
from motivsim import ArgumentError, ArgumentTypeError
from motivsim.checks import check
from motivsim.checks.sobol import SobolResult, sobol_indices
from motivsim.comparison import compare
from motivsim.findings import find_issues, lint
from motivsim.frozen import FrozenMap
from motivsim.reporting.html import collect
from motivsim.reporting.plot import curve_data, distribution_data, group_pay
from motivsim.scheme.team import Correlation, Segment, Team
from motivsim.simulation import sample_kpis, simulate
from motivsim.testing import assert_monotone
from motivsim.validation import (
    check_int,
    check_number,
    check_probability,
    closest,
    did_you_mean,
    is_int,
    is_real,
    to_fraction,
    unknown_keys,
)
from tests.conftest import SCHEMES

FLAT_PATH = SCHEMES / "flat_commission.toml"
DEALERSHIP_PATH = SCHEMES / "dealership.toml"
FLAT = motivsim.load(FLAT_PATH)
DEALERSHIP = motivsim.load(DEALERSHIP_PATH)


# --- every public count argument -------------------------------------------------------------


def _uniform(u: np.ndarray) -> np.ndarray:
    return u


def _sobol(**kwargs: Any) -> SobolResult:
    options: dict[str, Any] = {"n": 16, "n_bootstrap": 10, "seed": 0, **kwargs}
    return sobol_indices(lambda x: x["a"] + 2 * x["b"], {"a": _uniform, "b": _uniform}, **options)


def _plain(value: Any) -> Any:
    """A result as plain data, comparable with ``==`` (and JSON for a dict)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: np.asarray(v).tolist() for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


class Count(NamedTuple):
    """A count argument: how to call with it, a valid value and a whole number out of range."""

    call: Callable[[Any], Any]
    valid: int
    out_of_range: int


COUNTS: dict[str, Count] = {
    "check-samples": Count(lambda v: check(FLAT, samples=v, seed=1, warnings=False), 1_000, 10),
    "check-seed": Count(lambda v: check(FLAT, samples=1_000, seed=v, warnings=False), 3, -1),
    "simulate-runs": Count(lambda v: simulate(DEALERSHIP, runs=v, seed=1), 200, 0),
    "simulate-periods": Count(lambda v: simulate(DEALERSHIP, runs=50, periods=v, seed=1), 2, 0),
    "simulate-workers": Count(lambda v: simulate(DEALERSHIP, runs=50, workers=v, seed=1), 2, 0),
    "simulate-chunk-size": Count(
        lambda v: simulate(DEALERSHIP, runs=50, chunk_size=v, seed=1), 64, 0
    ),
    "simulate-seed": Count(lambda v: simulate(DEALERSHIP, runs=50, seed=v), 5, -1),
    "compare-samples": Count(
        lambda v: compare(FLAT, FLAT, samples=v, seed=1, principles=False), 100, 99
    ),
    "lint-samples": Count(lambda v: lint(DEALERSHIP, samples=v), 8, 1),
    "lint-seed": Count(lambda v: lint(DEALERSHIP, samples=8, seed=v), 4, -1),
    "find-issues-samples": Count(lambda v: find_issues(DEALERSHIP, samples=v, seed=1), 8, 1),
    "sobol-n": Count(lambda v: _sobol(n=v), 16, 15),
    "sobol-n-bootstrap": Count(lambda v: _sobol(n_bootstrap=v), 10, 9),
    "curve-data-points": Count(lambda v: curve_data(DEALERSHIP, points=v, samples=0), 5, 1),
    "curve-data-samples": Count(lambda v: curve_data(FLAT, points=3, samples=v), 50, -1),
    "group-pay-samples": Count(lambda v: group_pay(FLAT, samples=v), 50, -1),
    "sample-kpis-n": Count(lambda v: sample_kpis(DEALERSHIP, n=v, seed=1), 10, 0),
    "assert-monotone-max-examples": Count(
        lambda v: assert_monotone(FLAT, "revenue", max_examples=v), 5, 0
    ),
}


@pytest.mark.parametrize("name", COUNTS)
def test_numpy_integers_are_accepted_with_the_same_result(name: str) -> None:
    call, valid, _ = COUNTS[name]
    expected = _plain(call(valid))
    got = _plain(call(np.int64(valid)))
    assert got == expected
    if isinstance(got, dict):
        json.dumps(got)  # no numpy integer leaked into the result


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize("value", [True, False, np.bool_(True)], ids=["True", "False", "np-bool"])
def test_bools_are_rejected(name: str, value: object) -> None:
    with pytest.raises(ArgumentTypeError) as info:
        COUNTS[name].call(value)
    assert isinstance(info.value, TypeError)
    assert "must be" in info.value.message


@pytest.mark.parametrize("name", COUNTS)
def test_floats_are_a_type_error(name: str) -> None:
    with pytest.raises(TypeError) as info:
        COUNTS[name].call(1.5)
    assert isinstance(info.value, ArgumentError)
    assert "1.5" in str(info.value)


@pytest.mark.parametrize("name", COUNTS)
def test_out_of_range_is_a_value_error_saying_what_is_allowed(name: str) -> None:
    with pytest.raises(ArgumentError) as info:
        COUNTS[name].call(COUNTS[name].out_of_range)
    assert not isinstance(info.value, TypeError)
    message = info.value.message
    assert " must be " in message
    assert any(word in message for word in ("integer", "whole number")), message


def test_collect_checks_its_arguments_before_computing() -> None:
    with pytest.raises(ArgumentTypeError, match="samples must be an integer"):
        collect(FLAT, samples=True)
    with pytest.raises(ArgumentError, match="runs must be a whole number from 1 to"):
        collect(FLAT, runs=0)
    with pytest.raises(ArgumentError, match="seed must be a non-negative integer, got -1"):
        collect(FLAT, seed=-1)


# --- the helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, True),
        (np.int64(3), True),
        (np.uint8(3), True),
        (True, False),
        (np.bool_(True), False),
        (3.0, False),
        ("3", False),
        (None, False),
    ],
    ids=["int", "np-int64", "np-uint8", "bool", "np-bool", "float", "str", "none"],
)
def test_is_int(value: object, expected: bool) -> None:
    assert is_int(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.5, True),
        (np.float32(0.5), True),
        (np.int16(2), True),
        (Fraction(1, 2), True),
        (Decimal("0.5"), True),
        (False, False),
        (np.bool_(False), False),
        (1j, False),
        ("0.5", False),
    ],
    ids=[
        "float",
        "np-float32",
        "np-int16",
        "fraction",
        "decimal",
        "bool",
        "np-bool",
        "complex",
        "str",
    ],
)
def test_is_real(value: object, expected: bool) -> None:
    assert is_real(value) is expected


def test_check_int_returns_a_python_int() -> None:
    value = check_int("runs", np.int64(7), least=1)
    assert value == 7
    assert type(value) is int


@pytest.mark.parametrize(
    ("kwargs", "value", "message"),
    [
        ({"least": 1}, 0, "runs must be a positive whole number, got 0"),
        ({"least": 0}, -1, "runs must be a non-negative whole number, got -1"),
        ({"least": 2}, 1, "runs must be a whole number >= 2, got 1"),
        ({"most": 5}, 6, "runs must be a whole number <= 5, got 6"),
        (
            {"least": 1, "most": 10_000},
            10_001,
            "runs must be a whole number from 1 to 10,000, got 10,001",
        ),
        ({"least": 16, "noun": "an integer"}, 8, "runs must be an integer >= 16, got 8"),
        ({"least": 1, "noun": "an integer"}, 0, "runs must be a positive integer, got 0"),
        ({"least": 16, "show_name": True}, 8, "runs must be a whole number >= 16, got runs=8"),
    ],
    ids=[
        "positive",
        "non-negative",
        "least",
        "most",
        "from-to",
        "noun",
        "positive-noun",
        "show-name",
    ],
)
def test_check_int_out_of_range(kwargs: dict[str, Any], value: int, message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        check_int("runs", value, **kwargs)
    assert not isinstance(info.value, TypeError)
    assert info.value.message == message


@pytest.mark.parametrize(
    "value",
    [True, 2.0, "2", None, np.float64(2.0)],
    ids=["bool", "float", "str", "none", "np-float"],
)
def test_check_int_wrong_type(value: object) -> None:
    with pytest.raises(ArgumentTypeError) as info:
        check_int("runs", value, least=1, hint="e.g. runs=100")
    assert info.value.message == f"runs must be a positive whole number, got {value!r}"
    assert info.value.hint == "e.g. runs=100"


def test_check_number() -> None:
    assert check_number("x", np.float32(0.5)) == 0.5
    assert type(check_number("x", Fraction(1, 4))) is float
    assert check_number("x", 3, least=0, most=3) == 3.0
    with pytest.raises(ArgumentTypeError, match="x must be a number, got True"):
        check_number("x", True)
    with pytest.raises(ArgumentError, match="x must be a finite number, got nan"):
        check_number("x", math.nan)
    with pytest.raises(ArgumentError, match=r"x must be >= 0 and <= 1, got 2\.0"):
        check_number("x", 2.0, least=0, most=1)
    with pytest.raises(ArgumentError, match=r"x must be below 1, got 1\.0"):
        check_number("x", 1.0, below=1)


@pytest.mark.parametrize(
    ("kwargs", "value", "error"),
    [
        ({"least": 0.5}, 0.4, ArgumentError),
        ({"least": 0.5}, 1.0, ArgumentError),
        ({"strict": True}, 0.0, ArgumentError),
        ({}, math.nan, ArgumentError),
        ({}, "high", ArgumentTypeError),
        ({}, True, ArgumentTypeError),
    ],
    ids=["below-least", "one", "strict-zero", "nan", "str", "bool"],
)
def test_check_probability_rejects(kwargs: dict[str, Any], value: object, error: type) -> None:
    with pytest.raises(error) as info:
        check_probability("confidence", value, **kwargs)
    assert f"got confidence={value!r}" in info.value.message
    assert info.value.message.startswith("confidence must be in ")


def test_check_probability_accepts() -> None:
    assert check_probability("confidence", 0.0) == 0.0
    assert check_probability("confidence", np.float64(0.95), least=0.5) == 0.95
    assert check_probability("share", Fraction(1, 2), strict=True) == 0.5


def test_to_fraction() -> None:
    assert to_fraction(0.1) == Fraction(1, 10)
    assert to_fraction(np.float64(0.1)) == Fraction(1, 10)
    assert to_fraction(np.int32(7)) == Fraction(7)
    assert to_fraction(Decimal("2.50")) == Fraction(5, 2)
    with pytest.raises(ArgumentTypeError, match="rate must be a number, got True"):
        to_fraction(True, "rate")
    with pytest.raises(ArgumentError, match="rate must be finite, got inf"):
        to_fraction(math.inf, "rate")
    with pytest.raises(ArgumentError, match="must be finite"):
        to_fraction(Decimal("NaN"))


def test_did_you_mean_and_closest() -> None:
    assert did_you_mean("revenu", ["revenue", "cars"]) == " (did you mean 'revenue'?)"
    assert did_you_mean("zzz", ["revenue", "cars"]) == ""
    assert closest("revenu", ("revenue", "cars")) == "revenue"
    assert closest("zzz", ["revenue"]) is None
    assert closest(12, ["12a", "b"]) == "12a"  # a non-text name is compared as text
    assert closest("revenu", {"revenue": 1}) == "revenue"  # any iterable of names


def test_unknown_keys() -> None:
    assert unknown_keys({"name": 1, "cuont": 2, "zzz": 3}, ("name", "count")) == [
        ("cuont", "count"),
        ("zzz", None),
    ]
    assert unknown_keys({}, ["a"]) == []


# --- a Scheme checks itself -----------------------------------------------------------------


def test_replace_builds_a_checked_scheme() -> None:
    copy = dataclasses.replace(DEALERSHIP, params={**DEALERSHIP.params, "base": 50_000})
    assert copy.params["base"] == Fraction(50_000)
    assert isinstance(copy.params, FrozenMap)
    assert isinstance(copy.kpis, FrozenMap)
    assert copy.pay({"revenue": 0, "cars_sold": 0}) == 50_000


def test_params_become_exact() -> None:
    copy = dataclasses.replace(FLAT, params={"rate": 0.05, "plan": np.int64(1_000_000)})
    assert copy.params == {"rate": Fraction(1, 20), "plan": Fraction(1_000_000)}
    assert all(type(v) is Fraction for v in copy.params.values())


def _steps_without_pay(scheme: motivsim.Scheme) -> tuple[motivsim.Step, ...]:
    return tuple(s for s in scheme.steps if s.name != "pay")


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        (
            {"team": Team((Segment("x", 2, (("revnue", FLAT.kpis["revenue"].distribution),)),))},
            ArgumentError,
            "team segment 'x' gives a distribution to 'revnue', which is not a KPI (did you mean "
            "'revenue'?)",
        ),
        (
            {"correlation": Correlation(((("revenue", "margin"), 0.5),))},
            ArgumentError,
            "[correlation] names 'margin', which is not a KPI",
        ),
        ({"steps": _steps_without_pay(DEALERSHIP)}, ArgumentError, "has no 'pay' step"),
        ({"steps": DEALERSHIP.steps[1:]}, ArgumentError, "step 'rate' depends on 'attainment'"),
        ({"steps": list(DEALERSHIP.steps)}, ArgumentTypeError, "steps must be a tuple of Step"),
        (
            {"rounding": "half_up"},
            ArgumentError,
            "unknown rounding rule 'half_up' (did you mean 'half-up'?)",
        ),
        ({"language": "de"}, ArgumentError, "unknown language 'de'"),
        ({"name": ""}, ArgumentError, "a scheme needs a name"),
        ({"kpis": {1: FLAT.kpis["revenue"]}}, ArgumentTypeError, "kpis keys must be names"),
        ({"kpis": [FLAT.kpis["revenue"]]}, ArgumentTypeError, "kpis must be a mapping"),
        ({"kpis": {"sales": FLAT.kpis["revenue"]}}, ArgumentError, "kpis['sales'] must be"),
        (
            {"params": {"rate": "5%", "plan": 1}},
            ArgumentTypeError,
            "params['rate'] must be a number",
        ),
        ({"params": {"rate": 0.05}}, ArgumentError, "plan_met depends on 'plan'"),
        ({"params": {**FLAT.params, "revenue": 1}}, ArgumentError, "'revenue' is both a KPI"),
        ({"revenue_kpi": "revenu"}, ArgumentError, "revenue_kpi 'revenu' is not a KPI"),
        ({"currency": 5}, ArgumentTypeError, "currency must be text or None"),
    ],
    ids=[
        "team-unknown-kpi",
        "correlation-unknown-kpi",
        "no-pay-step",
        "step-before-its-input",
        "steps-list",
        "rounding",
        "language",
        "empty-name",
        "kpi-key-not-text",
        "kpis-not-mapping",
        "kpi-key-mismatch",
        "param-not-number",
        "param-missing",
        "param-is-kpi",
        "revenue-kpi",
        "currency",
    ],
)
def test_replace_cannot_build_an_invalid_scheme(
    changes: dict[str, Any], error: type, message: str
) -> None:
    base = DEALERSHIP if "steps" in changes else FLAT
    with pytest.raises(error) as info:
        dataclasses.replace(base, **changes)
    assert message in info.value.message


def test_an_empty_name_in_a_file_is_a_located_scheme_error() -> None:
    text = '[scheme]\nname = " "\n[kpi.revenue]\ncontrollable = true\n[formula]\npay = "revenue"\n'
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(text, path="empty.toml")
    assert info.value.message == "[scheme] name is empty"
    assert (info.value.location.line, info.value.location.key) == (2, "scheme.name")


def test_kpi_step_and_principles_check_themselves() -> None:
    kpi = FLAT.kpis["revenue"]
    with pytest.raises(ArgumentError, match="min 5 is not below max 1"):
        dataclasses.replace(kpi, min=5, max=1)
    with pytest.raises(ArgumentTypeError, match="controllable must be True or False"):
        dataclasses.replace(kpi, controllable="yes")
    assert dataclasses.replace(kpi, max=np.float32(2e6)).max == 2e6
    step = FLAT.step("pay")
    with pytest.raises(ArgumentError, match="a step needs a name"):
        dataclasses.replace(step, name="")
    assert dataclasses.replace(step, depends=["rate", "revenue"]).depends == ("rate", "revenue")
    principles = FLAT.principles
    with pytest.raises(ArgumentError, match="min_ratio must be > 0"):
        dataclasses.replace(principles, min_ratio=0)
    with pytest.raises(ArgumentError, match="plan_met must be a condition"):
        dataclasses.replace(principles, plan_met=step)
    with pytest.raises(ArgumentError, match=r"principles\.hitter names 'cars'"):
        dataclasses.replace(FLAT, principles=dataclasses.replace(principles, hitter={"cars": 3}))


# --- a scheme or the path of a scheme file ---------------------------------------------------


@pytest.mark.parametrize("path", [str(FLAT_PATH), FLAT_PATH], ids=["str", "Path"])
def test_functions_accept_a_path(path: str | Path) -> None:
    assert (
        check(path, samples=1_000, seed=1).to_dict() == check(FLAT, samples=1_000, seed=1).to_dict()
    )
    assert lint(path, samples=8).to_dict() == lint(FLAT, samples=8).to_dict()
    assert find_issues(path, samples=8, seed=1) == find_issues(FLAT, samples=8, seed=1)
    assert simulate(path, runs=50, seed=1).to_dict() == simulate(FLAT, runs=50, seed=1).to_dict()
    assert _plain(sample_kpis(path, n=5, seed=1)) == _plain(sample_kpis(FLAT, n=5, seed=1))
    assert (
        curve_data(path, points=3, samples=0).to_dict()
        == curve_data(FLAT, points=3, samples=0).to_dict()
    )
    assert distribution_data(path, runs=50).to_dict() == distribution_data(FLAT, runs=50).to_dict()


def test_collect_accepts_a_path() -> None:
    parts = collect(str(FLAT_PATH), samples=1_000, runs=50, seed=np.int64(1))
    assert parts.scheme.name == FLAT.name
    assert type(parts.seed) is int
    assert parts.errors == {}


#: Each function that takes a scheme, called with something that is neither a scheme nor a path.
NOT_A_SCHEME: dict[str, Callable[[], Any]] = {
    "check": lambda: check(42),  # type: ignore[arg-type]
    "lint": lambda: lint(42),  # type: ignore[arg-type]
    "find_issues": lambda: find_issues(42),  # type: ignore[arg-type]
    "simulate": lambda: simulate(42),  # type: ignore[arg-type]
    "sample_kpis": lambda: sample_kpis(42, n=5),  # type: ignore[arg-type]
    "curve_data": lambda: curve_data(42),  # type: ignore[arg-type]
    "group_pay": lambda: group_pay(42),  # type: ignore[arg-type]
    "distribution_data": lambda: distribution_data(42),  # type: ignore[arg-type]
    "collect": lambda: collect(42),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("caller", NOT_A_SCHEME)
def test_a_wrong_type_says_a_scheme_or_a_path(caller: str) -> None:
    with pytest.raises(ArgumentTypeError) as info:
        NOT_A_SCHEME[caller]()
    assert info.value.message == (
        f"{caller} needs a Scheme (from motivsim.load) or a path to a scheme file, got int"
    )
