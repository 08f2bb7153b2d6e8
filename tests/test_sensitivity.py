"""Tests of motivsim.checks.sobol against models with analytic Sobol' indices."""

from __future__ import annotations

import doctest
import json
import math
import pickle
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import motivsim
from motivsim.checks import sobol as sensitivity
from motivsim.checks.sobol import Index, SobolResult, sobol_indices
from motivsim.errors import ArgumentError, EvaluationError

Inputs = Mapping[str, np.ndarray]

UNIFORM_01 = stats.uniform(0.0, 1.0).ppf
UNIFORM_PI = stats.uniform(-math.pi, 2 * math.pi).ppf


def assert_index(index: Index, truth: float, tol: float) -> None:
    """Estimate within ``tol`` of the analytic value, which lies inside the interval."""
    assert index.value == pytest.approx(truth, abs=tol)
    assert index.low <= truth <= index.high, f"{truth} outside {index}"


# --- (1) linear model: S_i = ST_i = a_i^2 var_i / sum_j a_j^2 var_j ------------------------------

LINEAR = {  # name: (coefficient a_i, frozen distribution)
    "quota": (1.0, stats.uniform(0.0, 1.0)),
    "market": (0.5, stats.norm(0.0, 2.0)),
    "price": (2.0, stats.uniform(-1.0, 4.0)),
    "weather": (0.0, stats.norm(5.0, 1.0)),  # no influence: every index is 0
}


def linear(x: Inputs) -> np.ndarray:
    return np.sum([a * x[name] for name, (a, _) in LINEAR.items()], axis=0)


def linear_share(names: list[str]) -> float:
    parts = {name: a**2 * dist.var() for name, (a, dist) in LINEAR.items()}
    return sum(parts[name] for name in names) / sum(parts.values())


@pytest.fixture(scope="module")
def linear_result() -> SobolResult:
    ppfs = {name: dist.ppf for name, (_, dist) in LINEAR.items()}
    groups = {"uncontrollable": ["market", "weather"], "pricing": ["price", "quota"]}
    return sobol_indices(linear, ppfs, n=8192, groups=groups, seed=20240601, confidence=0.99)


@pytest.mark.parametrize("name", list(LINEAR))
def test_linear_model_inputs(linear_result: SobolResult, name: str) -> None:
    assert_index(linear_result.first_order[name], linear_share([name]), tol=0.03)
    assert_index(linear_result.total_order[name], linear_share([name]), tol=0.03)


@pytest.mark.parametrize(
    ("group", "members"),
    [("uncontrollable", ["market", "weather"]), ("pricing", ["price", "quota"])],
)
def test_linear_model_group_total_is_sum(
    linear_result: SobolResult, group: str, members: list[str]
) -> None:
    assert_index(linear_result.group_total[group], linear_share(members), tol=0.03)


def test_linear_model_variance(linear_result: SobolResult) -> None:
    truth = sum(a**2 * dist.var() for a, dist in LINEAR.values())
    assert linear_result.variance == pytest.approx(truth, rel=0.05)


def test_intervals_cover_at_roughly_nominal_rate() -> None:
    ppfs = {name: dist.ppf for name, (_, dist) in LINEAR.items()}
    truth = linear_share(["market"])
    hits = [
        sobol_indices(linear, ppfs, n=256, seed=s, confidence=0.9).total_order["market"]
        for s in range(40)
    ]
    coverage = np.mean([i.low <= truth <= i.high for i in hits])
    assert 0.75 <= coverage <= 1.0


# --- (2) Sobol's G-function ----------------------------------------------------------------------

G_COEFFICIENTS = {"x1": 0.0, "x2": 1.0, "x3": 4.5, "x4": 99.0}


def g_function(x: Inputs) -> np.ndarray:
    terms = [(np.abs(4 * x[k] - 2) + a) / (1 + a) for k, a in G_COEFFICIENTS.items()]
    return np.prod(terms, axis=0)


def g_partial_variances() -> dict[str, float]:
    return {k: 1 / (3 * (1 + a) ** 2) for k, a in G_COEFFICIENTS.items()}


def g_closed(names: list[str]) -> float:
    """Closed index of ``names``: variance of E[Y | names] over V."""
    vi = g_partial_variances()
    total = math.prod(1 + v for v in vi.values()) - 1
    return (math.prod(1 + vi[k] for k in names) - 1) / total


@pytest.fixture(scope="module")
def g_result() -> SobolResult:
    ppfs = dict.fromkeys(G_COEFFICIENTS, UNIFORM_01)
    groups = {"important": ["x1", "x2"]}
    return sobol_indices(g_function, ppfs, n=16384, groups=groups, seed=11, confidence=0.99)


@pytest.mark.parametrize("name", list(G_COEFFICIENTS))
def test_g_function(g_result: SobolResult, name: str) -> None:
    others = [k for k in G_COEFFICIENTS if k != name]
    assert_index(g_result.first_order[name], g_closed([name]), tol=0.03)
    assert_index(g_result.total_order[name], 1 - g_closed(others), tol=0.03)


def test_g_function_group(g_result: SobolResult) -> None:
    assert_index(g_result.group_total["important"], 1 - g_closed(["x3", "x4"]), tol=0.03)


# --- (3) Ishigami, a=7, b=0.1 --------------------------------------------------------------------

A, B = 7.0, 0.1
ISHIGAMI_V = A**2 / 8 + B * math.pi**4 / 5 + B**2 * math.pi**8 / 18 + 0.5
ISHIGAMI_V1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
ISHIGAMI_V2 = A**2 / 8
ISHIGAMI_V13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
ISHIGAMI_FIRST = {"x1": ISHIGAMI_V1 / ISHIGAMI_V, "x2": ISHIGAMI_V2 / ISHIGAMI_V, "x3": 0.0}
ISHIGAMI_TOTAL = {
    "x1": (ISHIGAMI_V1 + ISHIGAMI_V13) / ISHIGAMI_V,
    "x2": ISHIGAMI_V2 / ISHIGAMI_V,
    "x3": ISHIGAMI_V13 / ISHIGAMI_V,
}


def ishigami(x: Inputs) -> np.ndarray:
    return np.sin(x["x1"]) + A * np.sin(x["x2"]) ** 2 + B * x["x3"] ** 4 * np.sin(x["x1"])


@pytest.fixture(scope="module")
def ishigami_result() -> SobolResult:
    ppfs = dict.fromkeys(ISHIGAMI_FIRST, UNIFORM_PI)
    groups = {"x1x3": ["x1", "x3"]}
    return sobol_indices(ishigami, ppfs, n=16384, groups=groups, seed=5, confidence=0.99)


def test_ishigami_known_values() -> None:
    assert ISHIGAMI_FIRST["x1"] == pytest.approx(0.3139, abs=1e-4)
    assert ISHIGAMI_FIRST["x2"] == pytest.approx(0.4424, abs=1e-4)
    assert ISHIGAMI_TOTAL["x1"] == pytest.approx(0.5576, abs=1e-4)
    assert ISHIGAMI_TOTAL["x3"] == pytest.approx(0.2437, abs=1e-4)


@pytest.mark.parametrize("name", list(ISHIGAMI_FIRST))
def test_ishigami(ishigami_result: SobolResult, name: str) -> None:
    assert_index(ishigami_result.first_order[name], ISHIGAMI_FIRST[name], tol=0.03)
    assert_index(ishigami_result.total_order[name], ISHIGAMI_TOTAL[name], tol=0.03)


def test_ishigami_group(ishigami_result: SobolResult) -> None:
    assert_index(ishigami_result.group_total["x1x3"], 1 - ISHIGAMI_FIRST["x2"], tol=0.03)


# --- (4) agreement with scipy.stats.sobol_indices ------------------------------------------------


def test_agrees_with_scipy(ishigami_result: SobolResult) -> None:
    def stacked(x: np.ndarray) -> np.ndarray:
        return ishigami({"x1": x[0], "x2": x[1], "x3": x[2]})

    dists = [stats.uniform(-math.pi, 2 * math.pi)] * 3
    ref = stats.sobol_indices(func=stacked, n=2**14, dists=dists, rng=np.random.default_rng(0))
    for i, name in enumerate(ishigami_result.names):
        assert ishigami_result.first_order[name].value == pytest.approx(
            ref.first_order[i], abs=0.04
        )
        assert ishigami_result.total_order[name].value == pytest.approx(
            ref.total_order[i], abs=0.04
        )


# --- (5) seeds -----------------------------------------------------------------------------------

SMALL_PPFS = dict.fromkeys(ISHIGAMI_FIRST, UNIFORM_PI)


def small(seed: int | np.random.SeedSequence | None, **kwargs: object) -> SobolResult:
    return sobol_indices(ishigami, SMALL_PPFS, n=256, seed=seed, **kwargs)  # type: ignore[arg-type]


def test_same_seed_same_result() -> None:
    assert small(3, groups={"g": ["x1", "x3"]}) == small(3, groups={"g": ["x1", "x3"]})


def test_seed_sequence_is_not_consumed() -> None:
    seq = np.random.SeedSequence(42)
    assert small(seq) == small(seq)
    assert seq.n_children_spawned == 0


def test_different_seeds_differ() -> None:
    assert small(1).first_order != small(2).first_order


def test_bootstrap_size_does_not_move_point_estimates() -> None:
    few, many = small(9, n_bootstrap=20), small(9, n_bootstrap=300)
    assert few.first_order["x1"].value == many.first_order["x1"].value
    assert few.first_order["x1"] != many.first_order["x1"]


# --- (6) degenerate outputs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "func",
    [
        pytest.param(lambda x: np.full(len(x["x1"]), 2500.0), id="constant"),
        pytest.param(lambda x: x["x1"] * 0.1 + (3.0 - x["x1"] * 0.1), id="constant-up-to-rounding"),
        pytest.param(lambda x: np.zeros(len(x["x1"])), id="all-zero"),
    ],
)
def test_constant_output_gives_zero_indices(func: Callable[[Inputs], np.ndarray]) -> None:
    res = sobol_indices(func, SMALL_PPFS, n=64, groups={"g": ["x2", "x3"]}, seed=0)
    assert res.constant
    assert res.variance == 0.0
    zero = Index(0.0, 0.0, 0.0)
    assert set(res.first_order.values()) == set(res.total_order.values()) == {zero}
    assert res.group_total["g"] == zero
    assert "constant" in str(res)


def test_non_constant_output_is_not_flagged() -> None:
    assert not small(0).constant


def test_non_finite_output_names_row_count() -> None:
    def broken(x: Inputs) -> np.ndarray:
        y = np.array(x["x1"])
        y[[3, 10, 20]] = np.nan
        return y

    with pytest.raises(EvaluationError, match=r"non-finite values in 3 of 64 rows of matrix A;"):
        sobol_indices(broken, SMALL_PPFS, n=64, seed=0)


def test_non_finite_output_in_swapped_matrix() -> None:
    calls: list[int] = []

    def broken(x: Inputs) -> np.ndarray:  # calls: A, B, A_B[x1], A_B[x2], ...
        calls.append(1)
        return x["x2"] + (np.inf if len(calls) == 4 else 0.0)

    with pytest.raises(EvaluationError, match=r"64 of 64 rows of matrix A_B\[x2\]"):
        sobol_indices(broken, SMALL_PPFS, n=64, seed=0)


@pytest.mark.parametrize(
    ("func", "message"),
    [
        pytest.param(lambda x: 1.0, r"got dtype float64 and shape \(\)", id="scalar"),
        pytest.param(lambda x: np.ones((64, 1)), r"shape \(64, 1\)", id="column"),
        pytest.param(lambda x: np.array(["a"] * 64), "dtype <U1", id="strings"),
    ],
)
def test_wrong_output_shape(func: Callable[[Inputs], object], message: str) -> None:
    with pytest.raises(EvaluationError, match=message):
        sobol_indices(func, SMALL_PPFS, n=64, seed=0)  # type: ignore[arg-type]


def test_inputs_are_read_only() -> None:
    def mutating(x: Inputs) -> np.ndarray:
        x["x1"][0] = 0.0
        return x["x1"]

    with pytest.raises(ValueError, match="read-only"):
        sobol_indices(mutating, SMALL_PPFS, n=64, seed=0)


# --- (7) invalid arguments -----------------------------------------------------------------------

INVALID = [
    pytest.param({"n": 8}, "n must be an integer >= 16, got n=8", id="n-too-small"),
    pytest.param({"n": 100.0}, "got n=100.0", id="n-float"),
    pytest.param({"n": True}, "got n=True", id="n-bool"),
    pytest.param({"confidence": 0.0}, "got confidence=0.0", id="confidence-zero"),
    pytest.param({"confidence": 1}, "got confidence=1", id="confidence-one"),
    pytest.param({"confidence": 95}, "got confidence=95", id="confidence-percent"),
    pytest.param({"confidence": math.nan}, "got confidence=nan", id="confidence-nan"),
    pytest.param({"confidence": "high"}, "got confidence='high'", id="confidence-str"),
    pytest.param({"n_bootstrap": 5}, "n_bootstrap must be an integer >= 10", id="bootstrap-few"),
    pytest.param(
        {"method": "studentised"},
        "method must be one of 'studentized', 'bca', 'percentile', got method='studentised'\n"
        "  hint: did you mean 'studentized'?",
        id="method-spelling",
    ),
    pytest.param({"method": None}, "got method=None", id="method-none"),
    pytest.param({"seed": -1}, "got seed=-1", id="seed-negative"),
    pytest.param({"seed": "abc"}, "got seed='abc'", id="seed-str"),
    pytest.param({"groups": ["x1"]}, "groups must be a mapping", id="groups-list"),
    pytest.param({"groups": {"g": "x1"}}, "groups['g'] must be a sequence", id="group-str"),
    pytest.param({"groups": {"g": []}}, "groups['g'] must name distinct", id="group-empty"),
    pytest.param({"groups": {"g": ["x1", "x1"]}}, "distinct inputs", id="group-repeat"),
    pytest.param({"groups": {"": ["x1"]}}, "non-empty strings, got ''", id="group-unnamed"),
    pytest.param(
        {"ppfs": {"region": UNIFORM_01, "attainment": UNIFORM_01}, "groups": {"g": ["regoin"]}},
        "groups['g'] names unknown input 'regoin'\n"
        "  hint: did you mean 'region'? inputs are 'region', 'attainment'",
        id="group-unknown-input",
    ),
    pytest.param(
        {"groups": {"g": ["x1", "zz"]}},
        "groups['g'] names unknown input 'zz'\n  hint: inputs are 'x1', 'x2', 'x3'",
        id="group-unknown-no-suggestion",
    ),
    pytest.param({"ppfs": {}}, "ppfs must be a non-empty mapping", id="ppfs-empty"),
    pytest.param({"ppfs": {"x1": 0.5}}, "ppfs['x1'] must be callable", id="ppf-not-callable"),
    pytest.param({"ppfs": {1: UNIFORM_01}}, "input names, got 1", id="ppf-name-int"),
    pytest.param(
        {"ppfs": {"x1": lambda u: u[:3]}}, "ppfs['x1'] must map 64 uniforms", id="ppf-shape"
    ),
    pytest.param(
        {"ppfs": {"x1": lambda u: np.full_like(u, -np.inf)}},
        "to as many finite values",
        id="ppf-infinite",
    ),
]


@pytest.mark.parametrize(("kwargs", "message"), INVALID)
def test_invalid_arguments(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"ppfs": SMALL_PPFS, "n": 64, "seed": 0, **kwargs}
    ppfs = arguments.pop("ppfs")
    with pytest.raises(ArgumentError) as info:
        sobol_indices(lambda x: x["x1"], ppfs, **arguments)  # type: ignore[arg-type]
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_parameters_after_ppfs_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        sobol_indices(ishigami, SMALL_PPFS, 64)  # type: ignore[call-arg]


# --- results -------------------------------------------------------------------------------------


def test_evaluation_count_reuses_duplicate_groups() -> None:
    calls: list[int] = []

    def counted(x: Inputs) -> np.ndarray:
        calls.append(len(x["x1"]))
        return ishigami(x)

    groups = {"a": ["x1", "x3"], "b": ["x3", "x1"], "c": ["x2"]}  # b repeats a, c is x2
    res = sobol_indices(counted, SMALL_PPFS, n=64, groups=groups, seed=0)
    assert calls == [64] * (3 + 2 + 1)
    assert res.evaluations == sum(calls)
    assert res.group_total["a"] == res.group_total["b"]
    assert res.group_total["c"] == res.total_order["x2"]


def test_result_round_trips(ishigami_result: SobolResult) -> None:
    data = json.loads(json.dumps(ishigami_result.to_dict()))
    assert data["group_total"]["x1x3"] == ishigami_result.group_total["x1x3"].to_dict()
    assert data["groups"] == {"x1x3": ["x1", "x3"]}
    assert pickle.loads(pickle.dumps(ishigami_result)) == ishigami_result


def test_result_is_frozen(ishigami_result: SobolResult) -> None:
    with pytest.raises(TypeError):
        ishigami_result.first_order["x1"] = Index(0.0, 0.0, 0.0)  # type: ignore[index]


def test_str_is_a_table(ishigami_result: SobolResult) -> None:
    text = str(ishigami_result)
    assert "n=16384 base rows, 98304 evaluations, 99% bootstrap intervals (studentized)" in text
    row = next(line for line in text.splitlines() if line.startswith("x2 "))
    assert str(ishigami_result.first_order["x2"]) in row
    assert "x1x3" in text


def test_invalid_index_cannot_exist() -> None:
    with pytest.raises(ArgumentError, match="low <= high"):
        Index(0.5, 0.6, 0.4)


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(sensitivity, raise_on_error=False)
    assert tried > 0
    assert failures == 0


def test_import_does_not_load_scipy_stats() -> None:
    code = "import sys, motivsim.checks.sobol; print('scipy.stats' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "False"


# --- (8) interval methods, clipping, coverage on a heavy tail ------------------------------------

LOGNORMAL_1 = stats.lognorm(1.0)


def test_estimates_outside_0_1_are_clipped_and_kept_raw() -> None:
    res = sobol_indices(lambda x: x["tail"], {"tail": LOGNORMAL_1.ppf}, n=64, seed=0)
    index = res.first_order["tail"]  # the only input: S = ST = 1, here overestimated
    assert index.raw == pytest.approx(1.2465, abs=1e-4)
    assert index.value == 1.0
    assert 0.0 <= index.low <= index.high <= 1.0
    assert index.to_dict() == {"value": 1.0, "raw": index.raw, "low": index.low, "high": 1.0}
    assert str(index).startswith(" 1.000 [")
    assert Index(0.25, 0.1, 0.4).raw == 0.25  # raw defaults to value


@pytest.mark.parametrize("method", sensitivity.METHODS)
def test_every_method_keeps_the_estimates(method: str) -> None:
    base = small(4, groups={"g": ["x1", "x3"]})
    res = small(4, groups={"g": ["x1", "x3"]}, method=method)
    assert res.method == method
    assert [i.raw for i in res.first_order.values()] == [i.raw for i in base.first_order.values()]
    for index in [*res.first_order.values(), *res.total_order.values()]:
        assert 0.0 <= index.low <= index.high <= 1.0
    assert_index(res.total_order["x2"], ISHIGAMI_TOTAL["x2"], tol=0.15)


def test_method_names_are_read_in_any_case() -> None:
    assert small(4, method="BCa") == small(4, method="bca")


def test_methods_give_different_intervals() -> None:
    bounds = {m: small(4, method=m).total_order["x1"] for m in sensitivity.METHODS}
    assert len({(i.low, i.high) for i in bounds.values()}) == len(sensitivity.METHODS)


def test_influence_in_closed_form_matches_finite_differences() -> None:
    """Standard errors and BCa's acceleration come from each row's influence on an index, in
    closed form; here it is the derivative of the index as one row's weight grows."""
    rng = np.random.default_rng(3)
    n = 200
    f_a, f_b = rng.lognormal(size=n), rng.lognormal(size=n)
    f_ab = np.stack([0.3 * f_a + 0.7 * f_b, np.sqrt(f_b) + rng.normal(size=n)])
    a, b, ab = sensitivity._standardise(f_a, f_b, f_ab)
    terms = sensitivity._row_terms(a, b, ab)
    estimate, error, gradient = sensitivity._from_moments(terms.mean(axis=0), n)
    first, total, _ = sensitivity._estimate(f_a, f_b, f_ab)
    np.testing.assert_allclose(estimate, [first, total], rtol=1e-12)
    step = 1e-7
    influence = np.empty((2, 2, n))
    for row in range(n):
        weights = np.full(n, (1 - step) / n)
        weights[row] += step
        moved, _, _ = sensitivity._from_moments(np.tensordot(weights, terms, axes=1), n)
        influence[..., row] = (moved - estimate) / step
    spread = np.sum(influence**2, axis=-1)
    np.testing.assert_allclose(error, np.sqrt(spread) / n, rtol=1e-4)
    accel = np.sum(influence**3, axis=-1) / (6 * spread**1.5)
    accel_closed = sensitivity._acceleration(a, b, ab, terms.mean(axis=0), gradient)
    np.testing.assert_allclose(accel_closed, accel, rtol=1e-4)


#: ``pay = 1.3 * bonus + tail``: a bonus paid half the time and a lognormal part (sigma 0.5:
#: excess kurtosis 5.9, and the estimators square it). S = ST of the tail is its share of
#: the variance.
HEAVY = stats.lognorm(0.5)
HEAVY_BONUS = 1.3
HEAVY_TRUTH = HEAVY.var() / (HEAVY_BONUS**2 / 4 + HEAVY.var())


def bonus_plus_tail(x: Inputs) -> np.ndarray:
    return HEAVY_BONUS * (x["bonus"] > 0.5) + x["tail"]


def heavy_tail_misses(seeds: int, n: int, **options: object) -> np.ndarray:
    """Intervals missing the truth ``(first/total order, below/above it)`` over ``seeds``."""
    ppfs = {"bonus": UNIFORM_01, "tail": HEAVY.ppf}
    misses = np.zeros((2, 2), dtype=int)
    for seed in range(seeds):
        res = sobol_indices(bonus_plus_tail, ppfs, n=n, seed=seed, **options)  # type: ignore[arg-type]
        for order, index in enumerate((res.first_order["tail"], res.total_order["tail"])):
            misses[order] += (index.high < HEAVY_TRUTH, index.low > HEAVY_TRUTH)
    return misses


@pytest.mark.slow
def test_studentized_intervals_cover_a_heavy_tail() -> None:
    """95% intervals over K = 1000 seeds (n = 1000 base rows): coverage within 3 binomial
    standard errors sqrt(0.95 * 0.05 / K) = 0.69% of 95%, i.e. 92.9% to 97.1%, and each side
    missing at most 2.5% + 3 sqrt(0.025 * 0.975 / K) = 3.98% of the time.

    Measured: studentized S 94.8% (27 intervals below the truth, 25 above), ST 93.0% (36,
    34). Over 2,000 seeds they are 94.95% and 94.0%. At this n the total-order interval
    covers about 94% with a light tail too (93.7% with a normal of sd 0.6 in place of the
    lognormal), a finite-sample effect of the estimator rather than of the tail. The
    percentile intervals of 100 resamples used before, on the same seeds and rows: S 92.5%
    (46, 29), ST 91.2% (56, 32), too narrow and missing mostly low.
    """
    seeds = 1000
    coverage_tolerance = 3 * math.sqrt(0.95 * 0.05 / seeds)
    side_limit = 0.025 + 3 * math.sqrt(0.025 * 0.975 / seeds)
    new = heavy_tail_misses(seeds, 1000) / seeds
    old = heavy_tail_misses(seeds, 1000, method="percentile", n_bootstrap=100) / seeds
    for order in range(2):
        assert abs(1 - new[order].sum() - 0.95) <= coverage_tolerance, new
        assert np.all(new[order] <= side_limit), new
        assert np.all(new[order] > 0), new  # misses on both sides
        assert 1 - old[order].sum() < 0.95 - coverage_tolerance, old
        assert old[order, 0] > side_limit, old


def test_check_shows_the_share_clipped_and_keeps_it_raw() -> None:
    scheme = motivsim.loads(
        """[scheme]
name = "profit share only"
[kpi.revenue]
controllable = true
distribution = { type = "lognormal", median = 400_000, sigma = 0.3 }
[kpi.company_profit]
controllable = false
distribution = { type = "lognormal", median = 1_000_000, sigma = 1.0 }
[formula]
pay = "1_500 + 0.004 * company_profit"
[principles]
plan_met = "revenue >= 400_000"
"""
    )
    result = motivsim.check(scheme, seed=1, samples=2_000, warnings=False).result("control")
    assert result.value == 1.0  # all of pay's variance is the company's profit
    assert result.interval is not None
    assert result.interval[0] <= 1.0 == result.interval[1]
    assert result.summary.startswith("100.0% of pay variance comes from KPIs")
    assert "to 100.0%;" in result.summary
    details = result.to_dict()["details"]
    assert details["uncontrollable_share"]["raw"] == pytest.approx(1.0464, abs=1e-4)
    assert details["uncontrollable_share"]["value"] == 1.0
    assert details["interval_method"] == "studentized"
    shown = [
        float(v) for v in re.findall(r"(-?\d+\.\d)%", " ".join([result.summary, *result.notes]))
    ]
    assert shown
    assert all(0.0 <= v <= 100.0 for v in shown)
