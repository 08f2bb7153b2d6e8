"""Tests for motivsim.distributions: parsing, validation, ppf vs scipy, truncation, sampling."""

from __future__ import annotations

import json
import math
import pickle
import subprocess
import sys
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.special as sp
import scipy.stats as st
from hypothesis import assume, given, settings
from hypothesis import strategies as hs

from motivsim.distributions import (
    Binomial,
    Distribution,
    Empirical,
    LogNormal,
    NegativeBinomial,
    Normal,
    ParameterError,
    Poisson,
    parse_distribution,
)
from motivsim.errors import ArgumentError, Location, SchemeError

KEY = "kpi.revenue.distribution"
LOGNORMAL = {"type": "lognormal", "median": 9_500_000, "sigma": 0.35}


def locate(sub: str | None) -> Location:
    return Location(
        path="scheme.toml", line=7, column=15, key=KEY if sub is None else f"{KEY}.{sub}"
    )


def parse(spec: Any, **kwargs: Any) -> Distribution:
    return parse_distribution(spec, key=KEY, locate=locate, **kwargs)


# --- invalid specs ------------------------------------------------------------------------


def bad(
    name: str,
    spec: Any,
    message: str,
    at: str | None = None,
    hint: str | None = None,
    **bounds: float,
) -> Any:
    """One invalid spec: the exact message, the sub-key it points at, a fragment of the hint."""
    return pytest.param(spec, bounds, message, at, hint, id=name)


N01 = {"type": "normal", "mean": 0, "sd": 1}
# fmt: off
INVALID = [
    bad("not-a-table", "lognormal", f"{KEY} must be a table, got 'lognormal' (a string)",
        hint='type = "lognormal"'),
    bad("missing-type", {"mean": 8}, "distribution has no 'type'",
        hint="valid types: beta, binomial, constant, empirical"),
    bad("type-not-string", {"type": 3}, "type must be a string, got 3", "type", "valid types"),
    bad("unknown-type", {"type": "lognormla", "median": 1, "sigma": 0.3},
        "unknown distribution type 'lognormla'", "type", "did you mean 'lognormal'?"),
    bad("type-is-case-sensitive", {"type": "Normal", "mean": 1, "sd": 1},
        "unknown distribution type 'Normal'", "type", "did you mean 'normal'?"),
    bad("unknown-parameter", {"type": "lognormal", "median": 1, "sigam": 0.3},
        "unknown parameter 'sigam' for a lognormal distribution", "sigam", "did you mean 'sigma'?"),
    bad("mixed-forms", {"type": "lognormal", "median": 1, "cv": 0.3},
        "'cv' cannot be combined with 'median' in a lognormal distribution", "cv",
        "lognormal takes median and sigma, or mean and cv"),
    bad("mixed-empirical-forms", {"type": "empirical", "values": [1], "csv": "a.csv"},
        "'csv' cannot be combined with 'values' in a empirical distribution", "csv",
        "empirical takes values, or csv and column"),
    bad("missing-parameter", {"type": "normal", "mean": 1}, "normal distribution is missing 'sd'",
        hint='e.g. { type = "normal", mean = 100, sd = 15 }'),
    bad("missing-beta-b", {"type": "beta", "a": 2}, "beta distribution is missing 'b'",
        hint="a and b (optionally low and high)"),
    bad("bool-is-not-a-number", {"type": "normal", "mean": True, "sd": 1},
        "mean must be a number, got true (a boolean)", "mean"),
    bad("string-is-not-a-number", {"type": "poisson", "mean": "8"},
        "mean must be a number, got '8' (a string)", "mean"),
    bad("nan", {"type": "normal", "mean": math.nan, "sd": 1},
        "mean must be a finite number, got nan", "mean"),
    bad("inf", {"type": "normal", "mean": 0, "sd": math.inf}, "sd must be a finite number, got inf",
        "sd"),
    bad("too-large", {"type": "constant", "value": 10**16},
        "value must be between -1e+15 and 1e+15, got 10,000,000,000,000,000", "value"),
    bad("sigma-negative", {"type": "lognormal", "median": 1, "sigma": -0.2},
        "sigma must be > 0, got -0.2", "sigma", "spread of log(KPI)"),
    bad("median-negative", {"type": "lognormal", "median": -5, "sigma": 0.2},
        "median must be > 0, got -5", "median"),
    bad("cv-zero", {"type": "lognormal", "mean": 100, "cv": 0}, "cv must be > 0, got 0", "cv",
        "standard deviation divided by the mean"),
    bad("sd-zero", {"type": "normal", "mean": 0, "sd": 0}, "sd must be > 0, got 0", "sd",
        "standard deviation"),
    bad("gamma-mean-negative", {"type": "gamma", "mean": -1, "sd": 1}, "mean must be > 0, got -1",
        "mean"),
    bad("gamma-shape-zero", {"type": "gamma", "shape": 0, "scale": 1}, "shape must be > 0, got 0",
        "shape"),
    bad("beta-b-negative", {"type": "beta", "a": 0.5, "b": -1}, "b must be > 0, got -1", "b"),
    bad("beta-low-above-high", {"type": "beta", "a": 1, "b": 1, "low": 3, "high": 2},
        "high must be > low, got low=3 and high=2", "high"),
    bad("p-above-one", {"type": "binomial", "n": 10, "p": 1.5},
        "p must be between 0 and 1, got 1.5", "p", "probability"),
    bad("n-negative", {"type": "binomial", "n": -1, "p": 0.5},
        "n must be a whole number >= 0, got -1", "n"),
    bad("n-fractional", {"type": "binomial", "n": 2.5, "p": 0.5},
        "n must be a whole number >= 0, got 2.5", "n"),
    bad("n-boolean", {"type": "binomial", "n": True, "p": 0.5},
        "n must be a number, got true (a boolean)", "n"),
    bad("uniform-empty", {"type": "uniform", "low": 5, "high": 5},
        "high must be > low, got low=5 and high=5", "high"),
    bad("mode-outside", {"type": "triangular", "low": 0, "mode": 12, "high": 10},
        "mode must be between low=0 and high=10, got 12", "mode"),
    bad("poisson-mean-negative", {"type": "poisson", "mean": -1}, "mean must be >= 0, got -1",
        "mean"),
    bad("empirical-empty", {"type": "empirical", "values": []}, "values must not be empty",
        "values"),
    bad("empirical-not-a-list", {"type": "empirical", "values": 5},
        "values must be a list of numbers, got 5", "values"),
    bad("empirical-not-a-number", {"type": "empirical", "values": [1, "x"]},
        "values[1] must be a number, got 'x' (a string)", "values"),
    bad("csv-without-base-dir", {"type": "empirical", "csv": "a.csv", "column": "x"},
        "csv files can only be used in a scheme loaded from a file", "csv"),
    bad("csv-not-a-string", {"type": "empirical", "csv": 3, "column": "x"},
        "csv must be a string, got 3", "csv"),
    bad("min-beyond-support", {"type": "poisson", "mean": 8},
        "kpi.revenue: min=60 leaves no probability under poisson(mean=8)",
        hint="99% of poisson(mean=8) lies in [2, 16]", lower=60),
    bad("min-equals-max", LOGNORMAL,
        "kpi.revenue: min=5,000,000 and max=5,000,000 leave no probability under "
        "lognormal(median=9,500,000, sigma=0.35)", hint="widen min/max", lower=5e6, upper=5e6),
    bad("min-above-max", N01,
        "kpi.revenue: min=2 and max=1 leave no probability under normal(mean=0, sd=1)",
        lower=2, upper=1),
    bad("constant-outside-bounds", {"type": "constant", "value": 5},
        "kpi.revenue: max=4 leaves no probability under constant(value=5)", upper=4),
    bad("bounds-between-integers", {"type": "binomial", "n": 10, "p": 0.5},
        "kpi.revenue: min=3.2 and max=3.8 leave no probability under binomial(n=10, p=0.5)",
        lower=3.2, upper=3.8),
]
# fmt: on


@pytest.mark.parametrize(("spec", "kwargs", "message", "subkey", "hint"), INVALID)
def test_invalid_spec_is_a_located_scheme_error(
    spec: Any, kwargs: dict[str, float], message: str, subkey: str | None, hint: str | None
) -> None:
    with pytest.raises(SchemeError) as info:
        parse(spec, **kwargs)
    assert info.value.message == message
    assert info.value.location.key == (KEY if subkey is None else f"{KEY}.{subkey}")
    if hint is not None:
        assert hint in (info.value.hint or "")
    assert str(info.value).startswith("scheme.toml:7:15: ")


def test_scheme_error_pickles_and_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="sigma must be > 0") as info:
        parse({"type": "lognormal", "median": 1, "sigma": 0})
    clone = pickle.loads(pickle.dumps(info.value))
    assert str(clone) == str(info.value)
    assert isinstance(info.value.__cause__, ParameterError)


def test_python_api_raises_parameter_error() -> None:
    with pytest.raises(ParameterError, match=r"sd must be > 0, got -1") as info:
        Normal(0.0, -1.0)
    assert info.value.param == "sd"
    assert isinstance(info.value, ArgumentError)
    assert pickle.loads(pickle.dumps(info.value)).param == "sd"


# --- ppf against scipy.stats --------------------------------------------------------------


def _lognormal_mean_cv(mean: float, cv: float) -> Any:
    s2 = math.log1p(cv * cv)
    return st.lognorm(math.sqrt(s2), scale=mean * math.exp(-s2 / 2))


CASES = [
    pytest.param({"type": "normal", "mean": 100, "sd": 15}, st.norm(100, 15), id="normal"),
    pytest.param(LOGNORMAL, st.lognorm(0.35, scale=9.5e6), id="lognormal"),
    pytest.param(
        {"type": "lognormal", "mean": 50, "cv": 0.8},
        _lognormal_mean_cv(50, 0.8),
        id="lognormal-mean-cv",
    ),
    pytest.param({"type": "uniform", "low": 1, "high": 5}, st.uniform(1, 4), id="uniform"),
    pytest.param(
        {"type": "triangular", "low": 0, "mode": 2, "high": 8},
        st.triang(0.25, 0, 8),
        id="triangular",
    ),
    pytest.param(
        {"type": "triangular", "low": 0, "mode": 0, "high": 8},
        st.triang(0.0, 0, 8),
        id="triangular-mode-at-low",
    ),
    pytest.param(
        {"type": "triangular", "low": 0, "mode": 8, "high": 8},
        st.triang(1.0, 0, 8),
        id="triangular-mode-at-high",
    ),
    pytest.param({"type": "beta", "a": 2, "b": 5}, st.beta(2, 5), id="beta"),
    pytest.param(
        {"type": "beta", "a": 0.5, "b": 0.5, "low": 10, "high": 20},
        st.beta(0.5, 0.5, loc=10, scale=10),
        id="beta-scaled",
    ),
    pytest.param(
        {"type": "gamma", "shape": 2.5, "scale": 1000}, st.gamma(2.5, scale=1000), id="gamma"
    ),
    pytest.param(
        {"type": "gamma", "mean": 10, "sd": 4}, st.gamma(6.25, scale=1.6), id="gamma-mean-sd"
    ),
    pytest.param({"type": "poisson", "mean": 8}, st.poisson(8), id="poisson"),
    pytest.param({"type": "poisson", "mean": 0.3}, st.poisson(0.3), id="poisson-small"),
    pytest.param({"type": "poisson", "mean": 2500}, st.poisson(2500), id="poisson-large"),
    pytest.param({"type": "binomial", "n": 20, "p": 0.3}, st.binom(20, 0.3), id="binomial"),
    pytest.param({"type": "binomial", "n": 1, "p": 0.5}, st.binom(1, 0.5), id="bernoulli"),
    pytest.param(
        {"type": "binomial", "n": 5000, "p": 0.001}, st.binom(5000, 0.001), id="binomial-rare"
    ),
    pytest.param(
        {"type": "binomial", "n": 40, "p": 0.97}, st.binom(40, 0.97), id="binomial-likely"
    ),
    pytest.param(
        {"type": "negative_binomial", "mean": 8, "sd": 4}, st.nbinom(8, 0.5), id="negbin-mean-sd"
    ),
    pytest.param(
        {"type": "negative_binomial", "n": 0.3, "p": 0.05}, st.nbinom(0.3, 0.05), id="negbin-spread"
    ),
    pytest.param(
        {"type": "negative_binomial", "n": 2.5, "p": 0.001},
        st.nbinom(2.5, 0.001),
        id="negbin-large-mean",
    ),
]

_rng = np.random.default_rng(20240501)
#: Where scipy.stats is a trustworthy reference (below 1e-100 its beta ppf is clamped, and its
#: discrete ppf can miss the smallest k by one at 1 - 2**-53 or at denormal u).
U = np.concatenate(
    [[0.0, 1e-15, 1e-12, 0.5, 1 - 1e-12, 1.0], np.linspace(0, 1, 1001), _rng.random(2000)]
)
#: Extreme but valid probabilities: rng.random() can return 0 and 1 - 2**-53.
EXTREME = np.array([0.0, 5e-324, 1e-300, 1e-160, 2**-53, 0.5, 1 - 2**-53, 1.0])


def _reference_ppf(frozen: Any, u: np.ndarray) -> np.ndarray:
    """scipy's ppf, with u = 0 mapped to the start of the support (scipy gives -1 for discrete)."""
    return np.where(u == 0, frozen.support()[0], frozen.ppf(u))


@pytest.mark.parametrize(("spec", "frozen"), CASES)
def test_ppf_matches_scipy(spec: dict[str, Any], frozen: Any) -> None:
    dist = parse(spec)
    if dist.is_discrete:
        np.testing.assert_array_equal(dist.ppf(U), _reference_ppf(frozen, U))
    else:
        scale = frozen.ppf(0.75) - frozen.ppf(0.25)  # scipy's triang loses digits near low
        np.testing.assert_allclose(
            dist.ppf(U), _reference_ppf(frozen, U), rtol=1e-9, atol=1e-14 * scale
        )


@pytest.mark.parametrize(("spec", "frozen"), CASES)
def test_ppf_at_extreme_probabilities_is_finite_ordered_and_in_support(
    spec: dict[str, Any], frozen: Any
) -> None:
    x = parse(spec).ppf(EXTREME)
    lo, hi = frozen.support()
    assert (x[0], x[-1]) == (lo, hi)
    assert np.all(np.isfinite(x[1:-1]))
    assert np.all(np.diff(x) >= 0)


DISCRETE = (
    [
        pytest.param(
            {"type": "poisson", "mean": m}, lambda k, m=m: sp.pdtr(k, m), id=f"poisson-{m}"
        )
        for m in (0.3, 8, 2500)
    ]
    + [
        pytest.param(
            {"type": "binomial", "n": n, "p": p},
            lambda k, n=n, p=p: sp.bdtr(k, n, p),
            id=f"binomial-{n}-{p}",
        )
        for n, p in ((1, 0.5), (3, 0.5), (20, 0.3), (40, 0.97), (800, 0.001), (5000, 0.001))
    ]
    + [
        pytest.param(
            {"type": "negative_binomial", "n": n, "p": p},
            lambda k, n=n, p=p: sp.betainc(n, k + 1, p),
            id=f"negbin-{n}-{p}",
        )
        for n, p in ((8, 0.5), (0.3, 0.05), (50, 0.9), (2.5, 0.001), (1e-3, 1e-4))
    ]
)


@pytest.mark.parametrize(("spec", "reference"), DISCRETE)
def test_discrete_cdf_agrees_with_scipy(spec: dict[str, Any], reference: Any) -> None:
    """The CDF behind ppf (a table of summed probabilities for moderate means and trials,
    scipy.special.pdtr / bdtr beyond) agrees with scipy's to 1e-12."""
    dist = parse(spec)
    ks = np.arange(0, dist.ppf(np.array([1 - 2**-53]))[0] + 1)
    ours = dist._lattice_cdf(ks)  # type: ignore[attr-defined]
    assert np.max(np.abs(ours - reference(ks))) < 1e-12


@pytest.mark.parametrize(("spec", "reference"), DISCRETE)
def test_discrete_ppf_is_exact_at_cdf_jumps_and_extremes(
    spec: dict[str, Any], reference: Any
) -> None:
    """ppf(u) is the smallest k with CDF(k) >= u, exactly at each jump of the CDF and one
    ulp either side of it (the CDF is the distribution's own, checked against scipy above)."""
    dist = parse(spec)
    cdf = dist._lattice_cdf  # type: ignore[attr-defined]
    ks = np.arange(0, dist.ppf(np.array([1 - 2**-53]))[0] + 1)
    jumps = cdf(ks)
    u = np.concatenate([jumps, np.nextafter(jumps, 0), np.nextafter(jumps, 2), EXTREME[:-1]])
    u = u[(u >= 0) & (u < 1)]
    got = dist.ppf(u)
    assert np.all(cdf(got) >= u)
    assert np.all((got == 0) | (cdf(got - 1) < u))


@settings(max_examples=150, deadline=None)
@given(
    mean=hs.floats(1e-4, 1e14),  # draws of larger means exceed 1e15
    u=hs.floats(0, 1, exclude_max=True).filter(lambda x: x > 0),
)
def test_poisson_ppf_is_smallest_k_with_cdf_at_least_u(mean: float, u: float) -> None:
    dist = Poisson(mean)
    k = dist.ppf(np.array([u]))[0]
    cdf = dist._lattice_cdf  # the CDF ppf inverts; test_discrete_cdf_agrees_with_scipy checks it
    assert cdf(np.array([k]))[0] >= u
    assert k == 0 or cdf(np.array([k - 1]))[0] < u


@settings(max_examples=150, deadline=None)
@given(n=hs.integers(0, 10**9), p=hs.floats(0, 1), u=hs.floats(0, 1, exclude_max=True))
def test_binomial_ppf_is_smallest_k_with_cdf_at_least_u(n: int, p: float, u: float) -> None:
    dist = Binomial(n, p)
    k = dist.ppf(np.array([u]))[0]
    lo, hi = dist.support()
    assert lo <= k <= hi
    cdf = dist._lattice_cdf  # the CDF ppf inverts; test_discrete_cdf_agrees_with_scipy checks it
    assert k == hi or cdf(np.array([k]))[0] >= u
    assert k == lo or cdf(np.array([k - 1]))[0] < u


def test_negative_binomial_refuses_a_spread_a_poisson_has_and_says_what_to_use() -> None:
    with pytest.raises(SchemeError, match=r"sd must be more than sqrt\(mean\)") as caught:
        parse({"type": "negative_binomial", "mean": 8, "sd": 2})
    assert "poisson" in (caught.value.hint or "")
    with pytest.raises(SchemeError, match="p must be > 0"):
        parse({"type": "negative_binomial", "n": 3, "p": 0})


def test_negative_binomial_conditional_mean_is_scipys() -> None:
    """The mean between two values (what the checks' truncated KPIs use): k P(k) is the mean
    times the probability of k - 1 under n + 1."""
    dist = NegativeBinomial(2.5, 0.2).truncate(3, 40)
    frozen = st.nbinom(2.5, 0.2)
    ks = np.arange(3, 41)
    expected = float((ks * frozen.pmf(ks)).sum() / frozen.pmf(ks).sum())
    assert dist.mean() == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("spec", "frozen"), CASES)
def test_mean_median_support_match_scipy(spec: dict[str, Any], frozen: Any) -> None:
    dist = parse(spec)
    assert dist.mean() == pytest.approx(frozen.mean(), rel=1e-12)
    assert dist.median() == pytest.approx(frozen.ppf(0.5), rel=1e-12)
    assert dist.support() == pytest.approx(frozen.support())


@pytest.mark.parametrize(("spec", "frozen"), CASES)
def test_sample_mean_within_five_standard_errors(spec: dict[str, Any], frozen: Any) -> None:
    n = 200_000
    x = parse(spec).sample(np.random.default_rng(7), n)
    assert x.dtype == np.float64
    assert x.shape == (n,)
    assert abs(x.mean() - frozen.mean()) <= 5 * frozen.std() / math.sqrt(n)


# --- truncation ---------------------------------------------------------------------------

TRUNCATED = [
    pytest.param(LOGNORMAL, 5e6, 2e7, st.lognorm(0.35, scale=9.5e6), id="lognormal"),
    pytest.param({"type": "normal", "mean": 0, "sd": 1}, -1.0, None, st.norm(), id="normal-lower"),
    pytest.param(
        {"type": "gamma", "shape": 3, "scale": 2}, None, 4.0, st.gamma(3, scale=2), id="gamma-upper"
    ),
    pytest.param(
        {"type": "beta", "a": 2, "b": 3, "low": 10, "high": 20},
        12.0,
        15.0,
        st.beta(2, 3, loc=10, scale=10),
        id="beta",
    ),
    pytest.param(
        {"type": "triangular", "low": 0, "mode": 2, "high": 8},
        1.0,
        5.0,
        st.triang(0.25, 0, 8),
        id="triangular",
    ),
    pytest.param(
        {"type": "uniform", "low": 0, "high": 10}, 2.5, 7.5, st.uniform(0, 10), id="uniform"
    ),
    pytest.param({"type": "poisson", "mean": 8}, 5, 10, st.poisson(8), id="poisson"),
    pytest.param(
        {"type": "poisson", "mean": 8}, 4.5, 10.5, st.poisson(8), id="poisson-fractional-bounds"
    ),
    pytest.param(
        {"type": "binomial", "n": 20, "p": 0.3}, 7, None, st.binom(20, 0.3), id="binomial"
    ),
]


def _truncated_reference(frozen: Any, lower: float | None, upper: float | None) -> tuple[Any, Any]:
    """(ppf of u, mean) of ``frozen`` truncated to [lower, upper], inclusive for discrete types."""
    lo = -np.inf if lower is None else lower
    hi = np.inf if upper is None else upper
    if hasattr(frozen.dist, "pmf"):  # inclusive integer bounds
        lo = max(np.ceil(lo), frozen.support()[0])
        hi = min(np.floor(hi), frozen.support()[1])
        a, b = frozen.cdf(lo - 1), frozen.cdf(hi)
    else:
        a, b = frozen.cdf(lo), frozen.cdf(hi)
    mean = frozen.expect(lambda x: x, lb=lo, ub=hi, conditional=True)
    return (lambda u: frozen.ppf(a + u * (b - a))), mean


@pytest.mark.parametrize(("spec", "lower", "upper", "frozen"), TRUNCATED)
def test_truncated_ppf_and_mean(
    spec: dict[str, Any], lower: float | None, upper: float | None, frozen: Any
) -> None:
    dist = parse(spec, lower=lower, upper=upper)
    ppf, mean = _truncated_reference(frozen, lower, upper)
    inner = U[(U > 0) & (U < 1)]
    np.testing.assert_allclose(dist.ppf(inner), ppf(inner), rtol=1e-9)
    assert dist.mean() == pytest.approx(mean, rel=1e-7)
    lo, hi = dist.support()
    assert lower is None or lo >= lower
    assert upper is None or hi <= upper
    assert dist.ppf(np.array([0.0, 1.0])).tolist() == [lo, hi]


def test_discrete_truncation_keeps_both_bounds_with_right_weights() -> None:
    dist = parse({"type": "poisson", "mean": 8}, lower=5, upper=10)
    m = 200_000
    counts = np.bincount(dist.ppf((np.arange(m) + 0.5) / m).astype(int), minlength=11)
    pmf = st.poisson(8).pmf(np.arange(11)) * (np.arange(11) >= 5)
    np.testing.assert_allclose(counts / m, pmf / pmf.sum(), atol=2 / m)
    assert str(dist) == "poisson(mean=8) truncated to [5, 10]"


def test_truncation_deep_in_the_upper_tail_keeps_precision() -> None:
    dist = Normal(0.0, 1.0).truncate(10.0)
    u = np.linspace(0, 1, 101)[:-1]
    np.testing.assert_allclose(dist.ppf(u), st.truncnorm(10, np.inf).ppf(u), rtol=1e-9)
    assert dist.mean() == pytest.approx(st.truncnorm(10, np.inf).mean(), rel=1e-9)
    assert LogNormal(1.0, 0.5).truncate(50.0).mean() > 50


def test_single_point_truncation_of_a_discrete_distribution() -> None:
    dist = parse({"type": "binomial", "n": 10, "p": 0.5}, lower=7, upper=7)
    assert set(dist.ppf(U).tolist()) == {7.0}
    assert dist.mean() == 7.0


def test_bounds_that_cut_nothing_are_dropped() -> None:
    assert parse(LOGNORMAL, lower=0) == parse(LOGNORMAL)
    assert parse({"type": "binomial", "n": 5, "p": 0.5}, lower=-0.5, upper=5.9).to_dict() == {
        "type": "binomial",
        "n": 5,
        "p": 0.5,
    }


SPECS = [c.values[0] for c in CASES] + [
    {"type": "empirical", "values": [3, 1, 4, 1, 5, 9, 2, 6]},
    {"type": "constant", "value": 2.5},
]


@settings(max_examples=300, deadline=None)
@given(
    spec=hs.sampled_from(SPECS),
    qs=hs.tuples(hs.floats(0, 1), hs.floats(0, 1)).map(sorted),
    us=hs.lists(hs.floats(0, 1), min_size=1, max_size=20),
)
def test_truncated_ppf_stays_within_bounds(
    spec: dict[str, Any], qs: list[float], us: list[float]
) -> None:
    base = parse(spec)
    lower, upper = (float(x) for x in base.ppf(np.array(qs)))
    try:
        dist = base.truncate(lower, upper)
    except ParameterError:
        assume(False)
    x = dist.ppf(np.array(us))
    assert np.all((lower <= x) & (x <= upper))
    ordered = dist.ppf(np.sort(us))
    np.testing.assert_allclose(ordered, np.maximum.accumulate(ordered), rtol=1e-12)  # monotone
    assert lower - 1e-9 * abs(lower) <= dist.mean() <= upper + 1e-9 * abs(upper)


# --- empirical ----------------------------------------------------------------------------


def test_empirical_from_list_resamples_observed_values() -> None:
    dist = parse({"type": "empirical", "values": [4, 1, 3, 1]})
    assert dist.is_discrete
    assert dist.kind == "empirical"
    u = np.array([0.0, 0.25, np.nextafter(0.25, 1), 0.5, 0.75, 0.76, 1.0])
    assert dist.ppf(u).tolist() == [1, 1, 1, 1, 3, 4, 4]
    assert (dist.mean(), dist.median(), dist.support()) == (2.25, 1, (1, 4))
    assert str(dist) == "empirical(4 values from 1 to 4)"
    assert parse({"type": "empirical", "values": [4, 1, 3, 1]}, lower=2).mean() == 3.5


@given(hs.lists(hs.integers(-50, 50), min_size=1, max_size=30), hs.floats(0, 1))
def test_empirical_ppf_is_smallest_value_with_cdf_at_least_u(values: list[int], u: float) -> None:
    x = Empirical(tuple(float(v) for v in values)).ppf(np.array([u]))[0]
    arr = np.array(values)
    assert np.mean(arr <= x) >= u
    assert not np.any(np.mean(arr[:, None] <= arr[arr < x][None, :], axis=0) >= u)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_empirical_from_csv(tmp_path: Path) -> None:
    _write(
        tmp_path / "history.csv",
        "\ufeffrep, revenue ,deals\n"
        'ann,9_500_000,3\nbob,"10 250 000",4\n\ncid,,5\ndan,8\u00a0000\u00a0000.5,1\neve\n',
    )
    spec = {"type": "empirical", "csv": "history.csv", "column": "revenue"}
    dist = parse(spec, base_dir=tmp_path)
    assert dist.to_dict() == {"type": "empirical", "values": [8_000_000.5, 9_500_000, 10_250_000]}


CSV_ERRORS = [
    pytest.param(
        "a,revenue\nx,12\ny,n/a\n",
        "revenue",
        "history.csv row 3, column 'revenue': 'n/a' is not a finite number",
        "csv",
        id="non-numeric-cell",
    ),
    pytest.param(
        'revenue\n"1,000"\n',
        "revenue",
        "history.csv row 2, column 'revenue': '1,000' is not a finite number",
        "csv",
        id="comma-separator",
    ),
    pytest.param(
        "revenue\n1\nnan\n",
        "revenue",
        "history.csv row 3, column 'revenue': 'nan' is not a finite number",
        "csv",
        id="nan-cell",
    ),
    pytest.param(
        "revenue,deals\n1,2\n",
        "revenu",
        "history.csv has no column 'revenu'",
        "column",
        id="unknown-column",
    ),
    pytest.param(
        "revenue,deals\n,2\n",
        "revenue",
        "history.csv has no values in column 'revenue'",
        "csv",
        id="empty-column",
    ),
    pytest.param("", "revenue", "history.csv has no column 'revenue'", "column", id="empty-file"),
]


@pytest.mark.parametrize(("text", "column", "message", "subkey"), CSV_ERRORS)
def test_csv_errors(tmp_path: Path, text: str, column: str, message: str, subkey: str) -> None:
    _write(tmp_path / "history.csv", text)
    with pytest.raises(SchemeError) as info:
        parse({"type": "empirical", "csv": "history.csv", "column": column}, base_dir=tmp_path)
    assert info.value.message == message
    assert info.value.location.key == f"{KEY}.{subkey}"


def test_csv_unknown_column_suggests_a_close_one(tmp_path: Path) -> None:
    _write(tmp_path / "history.csv", "revenue,deals\n1,2\n")
    with pytest.raises(SchemeError, match="did you mean 'revenue'"):
        parse({"type": "empirical", "csv": "history.csv", "column": "Revenue"}, base_dir=tmp_path)


@pytest.mark.parametrize("name", ["missing.csv", "../outside.csv", "/etc/passwd", "", "a\0b.csv"])
def test_csv_path_must_be_a_readable_file_inside_the_scheme_folder(
    tmp_path: Path, name: str
) -> None:
    base = tmp_path / "schemes"
    base.mkdir()
    _write(tmp_path / "outside.csv", "revenue\n1\n")
    with pytest.raises(SchemeError) as info:
        parse({"type": "empirical", "csv": name, "column": "revenue"}, base_dir=base)
    expected = (
        "cannot read missing.csv: No such file" if name == "missing.csv" else "csv must be a path"
    )
    assert info.value.message.startswith(expected)
    assert info.value.location.key == f"{KEY}.csv"


# --- objects ------------------------------------------------------------------------------


def test_same_seed_same_sample() -> None:
    dist = parse(LOGNORMAL, lower=0, upper=2e7)
    first = dist.sample(np.random.default_rng(123), 1000)
    np.testing.assert_array_equal(first, dist.sample(np.random.default_rng(123), 1000))
    np.testing.assert_array_equal(first, dist.ppf(np.random.default_rng(123).random(1000)))
    assert not np.array_equal(first, dist.sample(np.random.default_rng(124), 1000))


@pytest.mark.parametrize("spec", SPECS)
def test_objects_are_frozen_hashable_picklable_and_round_trip(spec: dict[str, Any]) -> None:
    dist = parse(spec)
    with pytest.raises(FrozenInstanceError):
        dist.lower = 0.0  # type: ignore[misc]
    assert not hasattr(dist, "__dict__")
    clone = pickle.loads(pickle.dumps(dist))
    assert clone == dist
    assert hash(clone) == hash(dist)
    data = json.loads(json.dumps(dist.to_dict(), allow_nan=False))
    assert parse(data) == dist


def test_str_and_to_dict() -> None:
    assert str(parse(LOGNORMAL)) == "lognormal(median=9,500,000, sigma=0.35)"
    truncated = parse(LOGNORMAL, lower=0, upper=20_000_000)
    assert str(truncated) == "lognormal(median=9,500,000, sigma=0.35) truncated to [0, 20,000,000]"
    assert truncated.to_dict() == {**LOGNORMAL, "min": 0, "max": 20_000_000}
    assert str(parse({"type": "beta", "a": 2, "b": 5})) == "beta(a=2, b=5)"
    mean_cv = parse({"type": "lognormal", "mean": 100, "cv": 0.5})
    assert mean_cv.mean() == pytest.approx(100, rel=1e-12)


def test_degenerate_parameters() -> None:
    assert parse({"type": "poisson", "mean": 0}).ppf(np.array([0, 0.5, 1])).tolist() == [0, 0, 0]
    assert parse({"type": "binomial", "n": 7, "p": 1}).ppf(np.array([0, 0.5, 1])).tolist() == [
        7,
        7,
        7,
    ]
    assert parse({"type": "binomial", "n": 7, "p": 0}).mean() == 0
    assert parse({"type": "binomial", "n": 0, "p": 0.4}).ppf(np.array([0.9])).tolist() == [0]
    assert parse({"type": "binomial", "n": 4.0, "p": 0.5}).to_dict()["n"] == 4
    const = parse({"type": "constant", "value": 2.5})
    assert const.ppf(np.array([0, 0.3, 1])).tolist() == [2.5] * 3
    assert const.mean() == 2.5


def test_parameters_whose_draws_overflow_are_refused() -> None:
    # sigma = 200 would put a quarter of the draws at inf; the widest allowed stays finite
    with pytest.raises(ParameterError, match=r"too wide: .* \(draws reach inf\)"):
        LogNormal(1.0, 200.0)
    dist = LogNormal(1e-300, 38.0)
    assert np.isfinite(dist.ppf(np.array([1 - 2**-53]))[0])


@pytest.mark.parametrize("u", [[-0.1], [1.5], [np.nan]])
def test_ppf_rejects_values_outside_the_unit_interval(u: list[float]) -> None:
    with pytest.raises(ArgumentError, match=r"ppf needs probabilities in \[0, 1\]"):
        Normal(0.0, 1.0).ppf(np.array(u))


def test_import_and_parse_do_not_load_scipy() -> None:
    code = (
        "import sys; from motivsim.distributions import *; from motivsim.errors import Location\n"
        "for spec in [{'type': 'lognormal', 'median': 9e6, 'sigma': 0.3}, {'type': 'poisson',"
        " 'mean': 8}, {'type': 'empirical', 'values': [1, 2]}, {'type': 'constant', 'value': 1}]:\n"
        "    parse_distribution(spec, key='k', locate=lambda s: Location(), lower=0, upper=None)\n"
        "print('scipy' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_negative_binomial_season_scales_its_mean_and_keeps_its_shape() -> None:
    from motivsim.distributions import scaled

    base = NegativeBinomial.from_mean_sd(8.0, 4.0)
    busy = scaled(base, 1.5)
    assert isinstance(busy, NegativeBinomial)
    assert busy.mean() == pytest.approx(12.0, rel=1e-12)
    assert busy.n == base.n
