"""Monte Carlo of a team: analytic answers, reproducibility, copula, non-finite pay, CLI."""

from __future__ import annotations

import itertools
import json
import math
import re
import subprocess
import sys
import tracemalloc
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import ndtr, ndtri
from scipy.stats import spearmanr

import motivsim
from motivsim.cli.app import main
from motivsim.distributions import Binomial, Empirical, Poisson
from motivsim.errors import ArgumentError, ArgumentTypeError, SchemeError
from motivsim.sampling.samplers import sampler_for
from motivsim.simulation import SimulationResult, sample_kpis, simulate
from motivsim.simulation.program import compile_program
from motivsim.simulation.sketch import RELATIVE_ERROR, ExactSum, SketchBuilder
from tests.conftest import ROOT, SCHEMES, scheme_text

MEDIAN, SIGMA, BASE, RATE, PLAN = 1_000_000.0, 0.4, 50_000.0, 0.05, 1_200_000.0
LINEAR = {
    "kpis": {
        "revenue": 'min = 0\ndistribution = { type = "lognormal", median = 1_000_000, sigma = 0.4 }'
    },
    "params": {"base": 50_000, "rate": 0.05, "plan": 1_200_000},
    "extra": '[principles]\nplan_met = "revenue >= plan"\n',
}


@pytest.fixture(scope="module")
def linear() -> motivsim.Scheme:
    """pay = base + rate * revenue, revenue lognormal: every figure has a closed form."""
    return motivsim.loads(
        scheme_text({"pay": "base + rate * revenue"}, **LINEAR),  # type: ignore[arg-type]
        path="linear.toml",
    )


@pytest.fixture(scope="module")
def dealership() -> motivsim.Scheme:
    return motivsim.load(SCHEMES / "dealership.toml")


@pytest.fixture(scope="module")
def team() -> motivsim.Scheme:
    return motivsim.load(SCHEMES / "team_dealership.toml")


def lognormal_partial(k: int, lower: float) -> float:
    """E[R^k; R >= lower] for the lognormal revenue."""
    z = math.log(lower / MEDIAN) / SIGMA if lower > 0 else -math.inf
    return MEDIAN**k * math.exp(k * k * SIGMA**2 / 2) * float(ndtr(k * SIGMA - z))


def close(estimate: float, exact: float, se: float, k: float = 4.0) -> bool:
    return abs(estimate - exact) <= k * se


# ---------------------------------------------------------------------------------------------
# Analytic answers
# ---------------------------------------------------------------------------------------------
def test_mean_of_base_plus_rate_times_lognormal(linear: motivsim.Scheme) -> None:
    n = 200_000
    result = simulate(linear, runs=n, seed=1)
    mean_r = lognormal_partial(1, 0.0)
    sd_r = math.sqrt(lognormal_partial(2, 0.0) - mean_r**2)
    assert close(result.payroll.mean, BASE + RATE * mean_r, RATE * sd_r / math.sqrt(n))
    assert result.payroll.count == n
    assert result.non_finite == 0


def test_conditional_means_above_and_below_plan(linear: motivsim.Scheme) -> None:
    n = 200_000
    result = simulate(linear, runs=n, seed=2)
    p_met = 1 - float(ndtr(math.log(PLAN / MEDIAN) / SIGMA))
    assert close(result.share_meeting_plan or 0, p_met, math.sqrt(p_met * (1 - p_met) / n))
    for above, mean in (
        (True, result.mean_pay_meeting_plan),
        (False, result.mean_pay_missing_plan),
    ):
        mass = p_met if above else 1 - p_met
        first = (
            lognormal_partial(1, PLAN)
            if above
            else lognormal_partial(1, 0) - lognormal_partial(1, PLAN)
        )
        second = (
            lognormal_partial(2, PLAN)
            if above
            else lognormal_partial(2, 0) - lognormal_partial(2, PLAN)
        )
        cond_mean, cond_var = first / mass, second / mass - (first / mass) ** 2
        se = RATE * math.sqrt(cond_var / (n * mass))
        assert mean is not None
        assert close(mean, BASE + RATE * cond_mean, se)
    assert result.hitter_ratio == pytest.approx(
        (result.mean_pay_meeting_plan or 0) / (result.mean_pay_missing_plan or 1), rel=1e-12
    )


def test_median_and_quantiles_against_the_lognormal(linear: motivsim.Scheme) -> None:
    result = simulate(linear, runs=100_000, seed=3)
    for q in (0.05, 0.5, 0.95):
        z = float(ndtri(q))
        exact = BASE + RATE * MEDIAN * math.exp(SIGMA * z)
        assert result.quantile(q) == pytest.approx(exact, rel=0.01)


def test_dealership_figures_against_the_lognormal(dealership: motivsim.Scheme) -> None:
    n = 200_000
    result = simulate(dealership, runs=n, seed=4)
    share = 1 - float(ndtr(math.log(10 / 9.5) / 0.35))  # revenue >= plan
    assert close(result.share_meeting_plan or 0, share, math.sqrt(share * (1 - share) / n))
    capped = 1 - float(ndtr(math.log(15 / 9.5) / 0.35))  # 2% of revenue >= 300,000
    assert close(result.cap_probability or 0, capped, math.sqrt(capped * (1 - capped) / n))
    assert result.caps[0].step == "commission"
    assert result.caps[0].limit == 300_000
    mean_revenue = 9_500_000 * math.exp(0.35**2 / 2)
    assert result.revenue_share == pytest.approx(result.payroll.mean / mean_revenue, rel=0.01)
    assert result.payroll.min == 40_000
    assert result.payroll.max == 365_000


def test_quantiles_within_the_documented_error(dealership: motivsim.Scheme) -> None:
    result = simulate(dealership, runs=50_000, seed=5, keep_raw=True)
    pay = result.raw_pay().reshape(-1)
    qs = [0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0]
    exact = np.quantile(pay, qs, method="lower")
    np.testing.assert_allclose(result.quantile(qs), exact, rtol=RELATIVE_ERROR, atol=0)
    assert result.payroll.p5 == pytest.approx(40_000, abs=0.005)  # a point mass stays exact


def test_team_totals_add_up(team: motivsim.Scheme) -> None:
    result = simulate(team, runs=2_000, periods=3, seed=6, keep_raw=True)
    raw = result.raw_pay()
    assert raw.shape == (2_000, 3, 7)
    assert result.manager_names == (
        *(f"strong {i}" for i in (1, 2, 3)),
        *(f"new hires {i}" for i in (1, 2, 3, 4)),
    )
    assert result.payroll.mean == pytest.approx(raw.sum(axis=2).mean(), rel=1e-12)
    assert result.payroll_total.mean == pytest.approx(raw.sum(axis=(1, 2)).mean(), rel=1e-12)
    strong, hires = result.segments
    assert strong.manager.mean == pytest.approx(raw[:, :, :3].sum(axis=1).mean(), rel=1e-12)
    assert hires.payroll.mean == pytest.approx(raw[:, :, 3:].sum(axis=2).mean(), rel=1e-12)
    assert result.manager.mean == pytest.approx(raw.sum(axis=1).mean(), rel=1e-12)
    assert result.manager.count == 2_000 * 7
    assert strong.share_meeting_plan is not None
    assert hires.share_meeting_plan is not None
    assert strong.share_meeting_plan > 0.8 > 0.2 > hires.share_meeting_plan


def test_clip_counts_as_a_cap_and_no_plan_means_no_plan_figures(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "clip(0.1 * revenue, 0, 500)"},
        kpis={"revenue": 'distribution = { type = "uniform", low = 0, high = 10_000 }'},
    )
    result = simulate(scheme, runs=100_000, seed=7)
    assert close(result.cap_probability or 0, 0.5, math.sqrt(0.25 / 100_000))
    assert [(c.step, c.limit) for c in result.caps] == [("pay", 500.0)]
    assert result.share_meeting_plan is None
    assert result.hitter_ratio is None
    assert result.revenue_share is None


# ---------------------------------------------------------------------------------------------
# Reproducibility
# ---------------------------------------------------------------------------------------------
def fingerprint(result: SimulationResult) -> str:
    return json.dumps(result.to_dict(), sort_keys=True) + repr(
        [result.payroll.mean, result.manager.mean, result.payroll.p50, result.revenue_share]
    )


@pytest.mark.parametrize(
    "options",
    [
        {"chunk_size": 1},
        {"chunk_size": 10**9},
        {"workers": 2},
        {"workers": 3, "chunk_size": 50_000},
        {"executor": "threads"},
    ],
    ids=["one-block-chunks", "one-chunk", "2-workers", "3-workers-odd-chunks", "executor"],
)
def test_same_seed_same_numbers_whatever_chunks_and_workers(team: motivsim.Scheme, options) -> None:
    reference = simulate(team, runs=1_500, periods=4, seed=8, keep_raw=True)
    if options.get("executor") == "threads":
        with ThreadPoolExecutor(2) as pool:
            result = simulate(team, runs=1_500, periods=4, seed=8, keep_raw=True, executor=pool)
    else:
        result = simulate(team, runs=1_500, periods=4, seed=8, keep_raw=True, **options)
    assert fingerprint(result) == fingerprint(reference)
    assert np.array_equal(result.raw_pay(), reference.raw_pay())


def test_process_pool_gives_the_same_numbers(dealership: motivsim.Scheme) -> None:
    reference = simulate(dealership, runs=100_000, seed=9)
    with ProcessPoolExecutor(2) as pool:
        result = simulate(dealership, runs=100_000, seed=9, executor=pool)
    assert fingerprint(result) == fingerprint(reference)


def test_other_seed_other_numbers_and_seed_reported(dealership: motivsim.Scheme) -> None:
    a, b = simulate(dealership, runs=1_000, seed=1), simulate(dealership, runs=1_000, seed=2)
    assert a.payroll.mean != b.payroll.mean
    fresh = simulate(dealership, runs=1_000)
    assert fingerprint(simulate(dealership, runs=1_000, seed=fresh.seed)) == fingerprint(fresh)


def test_memory_does_not_grow_with_runs(dealership: motivsim.Scheme) -> None:
    def peak(runs: int) -> int:
        tracemalloc.start()
        simulate(dealership, runs=runs, seed=1)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    simulate(dealership, runs=20_000, seed=1)  # first-use imports and caches are not growth
    small, large = peak(300_000), peak(2_000_000)
    assert large < 1.3 * small + 2**20


# ---------------------------------------------------------------------------------------------
# Copula and samplers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("rho", [0.7, -0.5, 0.0])
def test_rank_correlation_is_what_was_asked(make_scheme, rho: float) -> None:
    scheme = make_scheme(
        {"pay": "a + b"},
        kpis={
            "a": 'distribution = { type = "lognormal", median = 10, sigma = 0.5 }',
            "b": 'distribution = { type = "gamma", shape = 2, scale = 3 }',
        },
        extra=f'[correlation]\n"a:b" = {rho}\n',
    )
    values = sample_kpis(scheme, n=20_000, seed=10)
    assert spearmanr(values["a"], values["b"]).statistic == pytest.approx(rho, abs=0.02)


def test_segment_distributions_are_used(team: motivsim.Scheme) -> None:
    strong = sample_kpis(team, n=20_000, seed=11, segment="strong")
    hires = sample_kpis(team, n=20_000, seed=11, segment="new hires")
    assert np.median(strong["revenue"]) == pytest.approx(13_000_000, rel=0.02)
    assert np.median(hires["revenue"]) == pytest.approx(6_000_000, rel=0.02)
    assert hires["cars_sold"].mean() == pytest.approx(5, rel=0.03)


@pytest.mark.parametrize(
    "dist",
    [
        Poisson(8.0),
        Poisson(8.0).truncate(3, 12),
        Binomial(20, 0.3),
        Poisson(0.0),
        Empirical((3.0, 5.0, 5.0, 8.0, 100.0)).truncate(4, None),
    ],
    ids=["poisson", "truncated", "binomial", "zero-mean", "empirical"],
)
def test_discrete_samplers_match_the_inverse_cdf(dist) -> None:
    z = np.random.default_rng(12).standard_normal(50_000)
    z[:6] = [-50.0, 50.0, 0.0, 8.2, -8.3, 9.5]
    u = np.clip(ndtr(z), np.finfo(float).tiny, 1 - 2.0**-53)
    np.testing.assert_array_equal(sampler_for(dist, normal=True)(z), dist.ppf(u))
    u = np.random.default_rng(13).random(50_000)
    u[:3] = [0.0, 1 - 2.0**-53, 0.5]
    sampler = sampler_for(dist)
    assert sampler.space == "uniform"
    np.testing.assert_array_equal(sampler(u), dist.ppf(u))


def test_unrolled_step_matches_searchsorted(make_scheme) -> None:
    scheme = make_scheme({"pay": "step(revenue, [1, 2, 3], [10, 20, 30, 40])"})
    program = compile_program(scheme, {"revenue"})
    x = np.array([-np.inf, 0.5, 1.0, 1.5, 2.0, 3.0, 9.0, np.inf, np.nan])
    env: dict = {"revenue": x}
    program.run(env)
    expected = np.array([10.0, 20, 30, 40])[np.searchsorted([1.0, 2, 3], x, side="right")]
    finite = np.isfinite(x)
    np.testing.assert_array_equal(env["pay"][finite], expected[finite])
    # a KPI that is not a finite number has no exact pay: it is not a finite pay either
    assert np.isnan(env["pay"][~finite]).all()


# ---------------------------------------------------------------------------------------------
# Streaming reductions
# ---------------------------------------------------------------------------------------------
values = st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=300)


@settings(max_examples=60, deadline=None)
@given(values, st.integers(0, 300))
def test_sketch_merge_is_order_independent_and_accurate(xs: list[float], cut: int) -> None:
    data = np.array(xs)
    whole = SketchBuilder()
    whole.add(data)
    left, right = SketchBuilder(), SketchBuilder()
    left.add(data[:cut])
    right.add(data[cut:])
    right.merge(left)
    a, b = whole.freeze(), right.freeze()
    for q in (0.0, 0.1, 0.5, 0.9, 1.0):
        assert a.quantile(q) == b.quantile(q)
        exact = float(np.quantile(data, q, method="lower"))
        assert abs(a.quantile(q) - exact) <= RELATIVE_ERROR * abs(exact) or abs(exact) <= 1e-9


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e12, 1e12, allow_nan=False), max_size=50), st.randoms())
def test_exact_sum_does_not_depend_on_order(xs: list[float], rnd) -> None:
    forward, shuffled = ExactSum(), ExactSum()
    for x in xs:
        forward.add(x)
    for x in rnd.sample(xs, len(xs)):
        shuffled.add(x)
    assert forward.value() == shuffled.value() == math.fsum(xs)


# ---------------------------------------------------------------------------------------------
# Non-finite pay
# ---------------------------------------------------------------------------------------------
def test_non_finite_pay_is_counted_not_averaged(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "100 + 1 / (cars - 3)"},
        kpis={"cars": 'distribution = { type = "poisson", mean = 4 }'},
    )
    result = simulate(scheme, runs=50_000, seed=13, keep_raw=True)
    raw = result.raw_pay().reshape(-1)
    bad = ~np.isfinite(raw)
    assert result.non_finite == int(bad.sum()) > 0
    assert result.payroll.non_finite == result.non_finite
    assert result.payroll.count == raw.size - result.non_finite
    assert result.payroll.mean == pytest.approx(raw[~bad].mean(), rel=1e-12)
    assert math.isfinite(result.payroll.p99)
    assert "Pay was not a finite number in" in str(result)
    json.dumps(result.to_dict(), allow_nan=False)


# ---------------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"runs": 0}, "runs must be a whole number from 1 to 1,000,000,000,000, got 0"),
        ({"runs": True}, "runs must be a whole number from 1 to 1,000,000,000,000, got True"),
        ({"periods": 0}, "periods must be a whole number from 1 to 10,000, got 0"),
        ({"seed": -1}, "seed must be a non-negative integer, got -1"),
        ({"workers": 0}, "workers must be a whole number from 1 to 256, got 0"),
        ({"executor": "pool"}, "executor must be a concurrent.futures.Executor, got str"),
        ({"chunk_size": 0}, "chunk_size must be a positive whole number, got 0"),
        ({"keep_raw": "yes"}, "keep_raw must be True or False, got 'yes'"),
        ({"progress": 3}, "progress must be a function of (done, total), got 3"),
    ],
    ids=["runs", "runs-bool", "periods", "seed", "workers", "executor", "chunk", "raw", "progress"],
)
def test_invalid_arguments(dealership: motivsim.Scheme, options, message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        simulate(dealership, **options)
    assert info.value.message == message


def test_not_a_scheme() -> None:
    with pytest.raises(
        ArgumentTypeError, match=r"simulate needs a Scheme .* or a path to a scheme file, got int"
    ):
        simulate(42)  # type: ignore[arg-type]


def test_kpi_without_distribution_is_a_located_error(make_scheme) -> None:
    scheme = make_scheme({"pay": "0.1 * revenue"})
    with pytest.raises(SchemeError) as info:
        simulate(scheme, runs=10)
    assert info.value.message == "KPI 'revenue' has no distribution, so pay cannot be simulated"
    assert (info.value.location.path, info.value.location.line) == ("test.toml", 4)


def test_plan_kpi_without_distribution_leaves_a_note(make_scheme) -> None:
    scheme = make_scheme(
        {"pay": "0.1 * revenue"},
        kpis={"revenue": 'distribution = { type = "uniform", low = 0, high = 10 }', "calls": ""},
        extra='[principles]\nplan_met = "calls >= 10"\n',
    )
    result = simulate(scheme, runs=100, seed=1)
    assert result.share_meeting_plan is None
    assert result.notes == (
        "the share meeting the plan is not computed: KPI 'calls' has no distribution",
    )


def test_quantile_api(dealership: motivsim.Scheme, team: motivsim.Scheme) -> None:
    result = simulate(team, runs=500, periods=2, seed=1)
    assert result.quantile(0.5, of="manager:strong") == result.segments[0].manager.p50
    assert result.quantile([0.05, 0.99], of="payroll_total").tolist() == [
        result.payroll_total.p5,
        result.payroll_total.p99,
    ]
    with pytest.raises(ArgumentError) as info:
        result.quantile(0.5, of="manager:strng")
    assert info.value.hint is not None
    assert info.value.hint.startswith("did you mean 'manager:strong'?")
    with pytest.raises(ArgumentError, match=r"between 0 and 1, got 1\.5"):
        result.quantile(1.5)
    with pytest.raises(ArgumentError, match="raw pay was not kept"):
        result.raw_pay()


def test_progress_is_reported_to_the_end(dealership: motivsim.Scheme) -> None:
    seen: list[tuple[int, int]] = []
    simulate(
        dealership,
        runs=300_000,
        seed=1,
        chunk_size=16_384,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert len(seen) == 3  # 19 blocks of 16,384 runs, 8 per task
    assert seen[-1] == (300_000, 300_000)
    assert all(a[0] < b[0] for a, b in itertools.pairwise(seen))


def test_report_reads_like_money(team: motivsim.Scheme) -> None:
    text = str(simulate(team, runs=300, periods=12, seed=7))
    assert text.startswith(
        "Simulation of 'Car dealership sales team' (RUB per month)\n"
        "300 runs x 12 months x 7 managers = 25,200 manager-months; seed 7"
    )
    assert "Amounts in RUB" in text
    assert "Team payroll over 12 months" in text
    assert re.search(r"Team payroll per month +\d{1,3}(,\d{3})+\.\d\d ", text)
    assert "Meeting the plan: " in text
    assert "(strong " in text
    assert "Hitting a cap: " in text
    assert "Payroll as a share of revenue: " in text


def test_to_dict_is_json(team: motivsim.Scheme) -> None:
    data = simulate(team, runs=200, periods=2, seed=1).to_dict()
    json.dumps(data, allow_nan=False)
    assert data["schema"] == "motivsim.simulate/1"
    assert set(data) == {
        "schema",
        "scheme",
        "currency",
        "period",
        "runs",
        "periods",
        "managers",
        "manager_periods",
        "seed",
        "quantile_relative_error",
        "payroll",
        "payroll_total",
        "manager",
        "segments",
        "share_meeting_plan",
        "mean_pay_meeting_plan",
        "mean_pay_missing_plan",
        "hitter_ratio",
        "cap_probability",
        "caps",
        "revenue_share",
        "non_finite",
        "notes",
        "principle_1",
        "people",
        "people_runs",
        "per_year",
    }
    assert data["people"] == []  # no roster
    assert data["people_runs"] == 0
    assert set(data["payroll"]) == {
        "count",
        "non_finite",
        "mean",
        "min",
        "p5",
        "p50",
        "p95",
        "p99",
        "max",
    }
    assert [s["name"] for s in data["segments"]] == ["strong", "new hires"]


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
def test_cli_json(capsys) -> None:
    code = main(
        [
            "simulate",
            str(SCHEMES / "team_dealership.toml"),
            "--periods",
            "2",
            "--runs",
            "300",
            "--seed",
            "7",
            "--json",
            "--workers",
            "2",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    data = json.loads(out)
    assert (data["runs"], data["periods"], data["managers"], data["seed"]) == (300, 2, 7, 7)
    assert data["payroll"]["mean"] > 0


def test_cli_text_matches_the_api(capsys, team: motivsim.Scheme) -> None:
    assert (
        main(["simulate", str(SCHEMES / "team_dealership.toml"), "--runs", "200", "--seed", "3"])
        == 0
    )
    assert capsys.readouterr().out == str(simulate(team, runs=200, seed=3)) + "\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--runs", "0"], "error: runs must be a whole number from 1 to 1,000,000,000,000, got 0"),
        (["--workers", "-1"], "error: workers must be a whole number from 1 to 256, got -1"),
        (["--runs", "many"], "argument --runs: invalid int value: 'many'"),
    ],
    ids=["runs", "workers", "not-a-number"],
)
def test_cli_usage_errors_exit_2(capsys, argv: list[str], message: str) -> None:
    assert main(["simulate", str(SCHEMES / "dealership.toml"), *argv]) == 2
    assert message in capsys.readouterr().err


def test_cli_scheme_without_distributions_exits_2(tmp_path, capsys) -> None:
    path = tmp_path / "s.toml"
    path.write_text(scheme_text({"pay": "0.1 * revenue"}), encoding="utf-8")
    assert main(["simulate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "KPI 'revenue' has no distribution, so pay cannot be simulated" in err
    assert "Traceback" not in err


def test_cli_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "motivsim",
            "simulate",
            "schemes/dealership.toml",
            "--runs",
            "200000",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    assert "Team payroll per month" in done.stdout


def test_progress_bar_appears_after_the_delay_and_is_erased() -> None:
    import io

    from motivsim.cli.commands.simulate import PROGRESS_DELAY, ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    bar(10, 100)
    assert stream.getvalue() == ""  # a short run shows nothing
    bar.start -= PROGRESS_DELAY
    bar(50, 100)
    assert stream.getvalue().startswith("\rsimulating [#####.....]  50%  50 / 100  ")
    assert "/s  ETA " in stream.getvalue()  # rate and time left: tests/test_revops.py
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[2K")


@pytest.mark.parametrize("periods", [1, 3])
def test_a_constant_kpi_in_the_copula_leaves_its_partner_as_declared(periods):
    # the constant's row of the copula used to be left unset memory, mixed into revenue
    scheme = motivsim.loads(
        """
[scheme]
name = "Constant in the copula"
[kpi.fixed]
controllable = true
distribution = { type = "constant", value = 5 }
[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 100, sigma = 0.3 }
[formula]
pay = "revenue + fixed"
[correlation]
"fixed:revenue" = 0.5
"""
    )
    result = motivsim.simulate(scheme, runs=100_000, periods=periods, seed=1, keep_raw=True)
    assert result.raw is not None
    pays = result.raw.reshape(-1)
    assert np.isfinite(pays).all()
    assert np.median(pays) == pytest.approx(105, rel=0.01)  # lognormal median 100, plus 5
    assert np.mean(pays) == pytest.approx(100 * np.exp(0.3**2 / 2) + 5, rel=0.01)
