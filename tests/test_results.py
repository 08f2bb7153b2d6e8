"""Every public result type survives a pickle round trip (process pools and Dask need it).

A round trip must give back an object with the same ``to_dict()`` and the same ``str()``; the
read-only mappings inside results are :class:`~motivsim.frozen.FrozenMap`, which pickles
natively, so no result needs a hand-written ``__reduce__``.
"""

from __future__ import annotations

import pickle
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import pytest

import motivsim
from motivsim.checks import ComplexityDetails, ControlDetails, RatioDetails
from motivsim.checks.targets import plan_level
from motivsim.findings import Finding, LintFinding
from motivsim.frozen import FrozenMap, frozen_mapping

ROOT = Path(__file__).resolve().parent.parent
DEALERSHIP = ROOT / "schemes" / "dealership.toml"
FLAT = ROOT / "schemes" / "flat_commission.toml"

T = TypeVar("T")


def round_trip(value: T) -> T:
    """``value`` pickled and unpickled; the copy is a new object of the same type."""
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(copy) is type(value)
    assert copy is not value
    return copy


def same_forms(value: Any) -> None:
    """The round trip of ``value`` has the same ``to_dict()`` and ``str()``."""
    copy = round_trip(value)
    assert copy.to_dict() == value.to_dict()
    assert str(copy) == str(value)


@pytest.fixture(scope="module")
def dealership() -> motivsim.Scheme:
    return motivsim.load(DEALERSHIP)


@pytest.fixture(scope="module")
def report(dealership: motivsim.Scheme) -> motivsim.CheckReport:
    return motivsim.check(dealership, samples=2_000, seed=1)


@pytest.fixture(scope="module")
def comparison(dealership: motivsim.Scheme) -> motivsim.ComparisonResult:
    """Flat commission replaced by the dealership scheme, principles compared too."""
    return motivsim.compare(
        motivsim.load(FLAT), dealership, samples=500, seed=1, allow_different_units=True
    )


# -- check --------------------------------------------------------------------------------------
def test_check_report(report: motivsim.CheckReport) -> None:
    assert report.warnings  # the warnings (Findings) travel with the report
    same_forms(report)
    assert round_trip(report) == report


@pytest.mark.parametrize(
    ("name", "details"),
    [("ratio", RatioDetails), ("complexity", ComplexityDetails), ("control", ControlDetails)],
)
def test_check_result_and_its_typed_details(
    report: motivsim.CheckReport, name: str, details: type
) -> None:
    result = report.result(name)
    assert isinstance(result.details, details)
    same_forms(result)
    copy = round_trip(result)
    assert copy == result
    assert copy.details == result.details
    assert round_trip(result.details).to_dict() == result.details.to_dict()


def test_ratio_details_are_attributes(report: motivsim.CheckReport) -> None:
    result = report.result("ratio")
    details = result.details
    assert isinstance(details, RatioDetails)
    data = result.to_dict()["details"]
    assert details.met.count == data["met"]["count"]
    assert details.share_met == data["share_met"]
    table = details.pay_by_attainment
    assert table is not None
    assert table.kpi == data["pay_by_attainment"]["kpi"] == "revenue"
    assert isinstance(table.others, FrozenMap)
    assert [p.pay for p in table.points] == [p["pay"] for p in data["pay_by_attainment"]["points"]]


def test_check_result_rejects_untyped_details() -> None:
    with pytest.raises(motivsim.ArgumentError, match="details must be a typed details object"):
        motivsim.CheckResult("x", 1, "t", True, 1.0, 1.0, ">=", "s", details={"a": 1})  # type: ignore[arg-type]


def test_plan_level(dealership: motivsim.Scheme) -> None:
    assert dealership.principles.plan_met is not None
    level = plan_level(dealership, dealership.principles.plan_met)
    assert level is not None
    assert isinstance(level.others, FrozenMap)
    assert round_trip(level) == level


# -- sensitivity --------------------------------------------------------------------------------
def test_sobol_result_and_index() -> None:
    def model(x: Any) -> Any:
        return x["a"] + 2 * x["b"]

    ppfs = {"a": lambda u: u, "b": lambda u: u}
    result = motivsim.sobol_indices(
        model, ppfs, n=64, groups={"both": ["a", "b"]}, seed=1, n_bootstrap=20
    )
    assert isinstance(result.first_order, FrozenMap)
    assert isinstance(result.groups, FrozenMap)
    same_forms(result)
    assert round_trip(result) == result
    index = result.total_order["b"]
    same_forms(index)
    assert round_trip(index) == index


# -- compare ------------------------------------------------------------------------------------
def test_comparison_result_with_principles(comparison: motivsim.ComparisonResult) -> None:
    assert comparison.principles is not None  # compared with principles
    assert isinstance(comparison.principles, FrozenMap)
    same_forms(comparison)
    assert round_trip(comparison) == comparison


def test_pay_cut(comparison: motivsim.ComparisonResult) -> None:
    cut = comparison.largest_cut
    assert cut is not None
    assert isinstance(cut.values, FrozenMap)
    assert cut.rounding == comparison.rounding == "half-up"
    same_forms(cut)
    assert round_trip(cut) == cut


# -- simulate -----------------------------------------------------------------------------------
def test_simulation_result(dealership: motivsim.Scheme) -> None:
    result = motivsim.simulate(dealership, runs=500, seed=1)
    same_forms(result)
    assert round_trip(result).rounding == result.rounding


# -- lint and findings --------------------------------------------------------------------------
def test_lint_report_and_findings(dealership: motivsim.Scheme) -> None:
    report = motivsim.lint(dealership)
    assert report.findings
    same_forms(report)
    assert round_trip(report) == report
    for finding in report.findings:
        copy = round_trip(finding)
        assert copy == finding
        assert copy.to_dict() == finding.to_dict()
        assert copy.lint_dict() == finding.lint_dict()
        assert str(copy) == str(finding)
        assert copy.lint_text() == finding.lint_text()


def test_finding_with_an_example() -> None:
    finding = Finding(
        "cliff",
        "warning",
        "pay jumps",
        "smooth it",
        step="bonus",
        kpi="cars_sold",
        example={"cars_sold": 10.0},
    )
    assert isinstance(finding.example, FrozenMap)
    same_forms(finding)
    assert round_trip(finding) == finding
    assert LintFinding is Finding  # the former name, kept for one release


def test_one_finding_type_two_forms() -> None:
    location = motivsim.Location("plan.toml", 7, 1, "params.rate", "rate = 5\n")
    finding = Finding(
        "percent-rate", "error", "rate = 5 multiplies revenue", "write 0.05", location=location
    )
    assert str(finding) == (
        "error [percent-rate] (plan.toml:7:1): rate = 5 multiplies revenue\n  fix: write 0.05"
    )
    assert finding.lint_text() == (
        "plan.toml:7:1: error [percent-rate] rate = 5 multiplies revenue\n"
        "    rate = 5\n    ^\n  fix: write 0.05"
    )
    assert set(finding.to_dict()) == {
        "code",
        "severity",
        "message",
        "fix",
        "step",
        "kpi",
        "location",
        "example",
    }
    assert set(finding.lint_dict()) == {"code", "severity", "message", "fix", "location"}
    bare = Finding("unused-kpi", "warning", "m", "f")
    assert bare.to_dict()["location"] is None
    assert bare.lint_dict()["location"] == {"path": None, "line": None, "column": None, "key": None}


# -- schemes and statements ---------------------------------------------------------------------
def test_statement(dealership: motivsim.Scheme) -> None:
    statement = dealership.explain({"revenue": 12_000_000, "cars_sold": 11})
    same_forms(statement)
    assert round_trip(statement) == statement


def test_scheme_pays_the_same_after_a_round_trip() -> None:
    scheme = motivsim.load(DEALERSHIP)  # fresh: nothing compiled and cached yet
    copy = round_trip(scheme)
    assert copy.name == scheme.name
    assert copy.rounding == scheme.rounding
    assert dict(copy.params) == dict(scheme.params)
    for values in (
        {"revenue": 12_000_000, "cars_sold": 11},
        {"revenue": Fraction(9_999_999, 1), "cars_sold": 0},
    ):
        assert copy.exact(values)["pay"] == scheme.exact(values)["pay"]
    values = {"revenue": 12_000_000, "cars_sold": 11}
    assert str(copy.explain(values)) == str(scheme.explain(values))


def test_a_used_scheme_pickles() -> None:
    """Evaluators compiled and cached on first use are not pickled (process pools need this)."""
    scheme = motivsim.load(DEALERSHIP)
    motivsim.check(scheme, samples=1_000, seed=1, warnings=False)
    scheme.exact({"revenue": 12_000_000, "cars_sold": 11})
    copy = round_trip(scheme)
    assert copy.exact({"revenue": 1, "cars_sold": 1}) == scheme.exact(
        {"revenue": 1, "cars_sold": 1}
    )


# -- the read-only mapping ----------------------------------------------------------------------
def test_frozen_map() -> None:
    data = FrozenMap({"revenue": 1.5, "cars_sold": 2.0})
    copy = round_trip(data)
    assert copy == data == {"revenue": 1.5, "cars_sold": 2.0}
    assert list(copy) == list(data)
    assert hash(copy) == hash(data)
    assert frozen_mapping(copy) is copy
    with pytest.raises(TypeError):
        copy["revenue"] = 2.0  # type: ignore[index]
    with pytest.raises(AttributeError):
        copy._data = {}  # type: ignore[misc]
