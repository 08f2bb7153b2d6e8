"""``[kpi.X] persistence`` and ``seasonality``: performers who persist from period to period, and
a plan year's seasons (docs/simulate.md, "Performers who persist, and seasons")."""

from __future__ import annotations

import json
import math
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from scipy import stats
from scipy.special import ndtr

import motivsim
from motivsim.distributions import Binomial, Empirical, Gamma, LogNormal, Normal, Poisson, scaled
from motivsim.errors import ArgumentError, SchemeError
from motivsim.frozen import frozen_mapping
from motivsim.sampling.seeding import STREAM_SIMULATE, block_rng
from motivsim.sampling.segments import (
    draw_segment,
    drawn_kpis,
    persistence_correlation,
    sampling_for,
)
from motivsim.simulation import SimulationResult, sample_kpis, simulate
from tests.conftest import SCHEMES

TEAM_TEXT = (SCHEMES / "team_dealership.toml").read_text(encoding="utf-8")
REVENUE_LINE = 'distribution = { type = "lognormal", median = 9_500_000, sigma = 0.35 }'
CARS_LINE = 'distribution = { type = "poisson", mean = 8 }'
SEASON = "[0.8, 0.85, 1.05, 1.1, 1.05, 1.0, 0.9, 0.9, 1.05, 1.1, 1.0, 1.25]"


def team_text(revenue: str = "", cars: str = "", correlation: str | None = None) -> str:
    """team_dealership.toml without its own persistence and seasonality, with ``revenue`` and
    ``cars`` as extra lines of [kpi.revenue] and [kpi.cars_sold]."""
    own = ("persistence =", "seasonality =")
    text = "\n".join(line for line in TEAM_TEXT.split("\n") if not line.startswith(own))
    for kpi, line, extra in (("revenue", REVENUE_LINE, revenue), ("cars_sold", CARS_LINE, cars)):
        start = text.index(f"[kpi.{kpi}]")
        at = text.index(line, start) + len(line)
        text = text[:at] + ("\n" + extra if extra else "") + text[at:]
    if correlation is not None:
        text = text.replace('"revenue:cars_sold" = 0.7', f'"revenue:cars_sold" = {correlation}')
    return text


def plain_team() -> motivsim.Scheme:
    """team_dealership.toml as it would be without persistence or seasonality."""
    return motivsim.loads(team_text(), path="team.toml")


def with_kpis(scheme: motivsim.Scheme, **changes: dict[str, object]) -> motivsim.Scheme:
    kpis = dict(scheme.kpis)
    for name, fields in changes.items():
        kpis[name] = replace(kpis[name], **fields)  # type: ignore[arg-type]
    return replace(scheme, kpis=frozen_mapping(kpis))


def one_kpi(distribution: str, extra: str = "", period: str = "month") -> motivsim.Scheme:
    """A scheme paying exactly its one KPI, ``x``."""
    text = f"""
[scheme]
name = "pay is x"
period = "{period}"

[kpi.x]
controllable = true
distribution = {distribution}
{extra}

[formula]
pay = "x"
"""
    return motivsim.loads(text, path="x.toml")


def fingerprint(result: SimulationResult) -> str:
    return json.dumps(result.to_dict(), sort_keys=True)


def draws(
    scheme: motivsim.Scheme, runs: int, periods: int, *, segment: int = 0, seed: int = 1
) -> dict[str, np.ndarray]:
    """The KPIs of one segment as the engine draws them: (runs, periods, managers) each."""
    sampling = sampling_for(scheme, drawn_kpis(scheme)[0])
    seg = sampling.segments[segment]
    rng = block_rng(seed, 0, STREAM_SIMULATE)
    return draw_segment(sampling, seg, [rng], [(0, runs)], (runs, periods, seg.count))


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return float(stats.spearmanr(a.reshape(-1), b.reshape(-1))[0])


# ---------------------------------------------------------------------------------------------
# Persistence 0 (and seasons of 1) reproduce today's numbers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("revenue", "cars"),
    [
        ("persistence = 0", "persistence = 0"),
        ("persistence = 0.0", ""),
        ("seasonality = [" + ", ".join(["1"] * 12) + "]", "seasonality = [1.0" + ", 1" * 11 + "]"),
    ],
    ids=["persistence-0", "one-kpi-0.0", "seasons-of-1"],
)
def test_neutral_values_reproduce_todays_numbers_bit_for_bit(revenue: str, cars: str) -> None:
    reference = simulate(plain_team(), runs=3_000, periods=12, seed=7, keep_raw=True)
    scheme = motivsim.loads(team_text(revenue, cars), path="team.toml")
    result = simulate(scheme, runs=3_000, periods=12, seed=7, keep_raw=True)
    assert fingerprint(result) == fingerprint(reference)
    assert np.array_equal(result.raw_pay(), reference.raw_pay())


def test_one_period_draws_ignore_persistence_and_seasons() -> None:
    """A period drawn alone (check, compare, sample_kpis, --periods 1) is a typical period."""
    plain = plain_team()
    lasting = motivsim.loads(
        team_text(f"persistence = 0.6\nseasonality = {SEASON}", "persistence = 0.6"), path="t"
    )
    a = simulate(plain, runs=2_000, periods=1, seed=3, keep_raw=True)
    b = simulate(lasting, runs=2_000, periods=1, seed=3, keep_raw=True)
    assert np.array_equal(a.raw_pay(), b.raw_pay())
    for name in ("strong", "new hires"):
        x = sample_kpis(plain, n=5_000, seed=4, segment=name)
        y = sample_kpis(lasting, n=5_000, seed=4, segment=name)
        assert all(np.array_equal(x[k], y[k]) for k in x)


def test_persistence_leaves_the_period_noise_and_other_kpis_as_they_were() -> None:
    """Manager effects come from a sub-stream: a KPI without persistence draws what it drew."""
    text = """
[kpi.y]
controllable = true
distribution = { type = "poisson", mean = 4 }
"""
    two = motivsim.loads(
        f"[scheme]\nname = 't'\nperiod = 'month'\n{text}"
        "[kpi.x]\ncontrollable = true\n"
        'distribution = { type = "lognormal", median = 100, sigma = 0.3 }\n'
        '[formula]\npay = "x + y"\n',
        path="t.toml",
    )
    lasting = with_kpis(two, x={"persistence": 0.5})
    a, b = draws(two, 4_000, 6), draws(lasting, 4_000, 6)
    assert np.array_equal(a["y"], b["y"])
    assert not np.array_equal(a["x"], b["x"])


# ---------------------------------------------------------------------------------------------
# What persistence does: rank correlation between a manager's periods
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persistence", [0.3, 0.6, 0.9])
def test_rank_correlation_between_periods_of_a_continuous_kpi(persistence: float) -> None:
    scheme = one_kpi(
        '{ type = "lognormal", median = 9_500_000, sigma = 0.35 }',
        f"persistence = {persistence}",
    )
    raw = simulate(scheme, runs=60_000, periods=12, seed=5, keep_raw=True).raw_pay()
    n = raw.shape[0]
    se = (1 - persistence**2) / math.sqrt(n)  # about the sd of Spearman's rho at this size
    for a, b in ((0, 1), (0, 11), (5, 6)):  # every pair of periods alike
        assert abs(spearman(raw[:, a], raw[:, b]) - persistence) < 5 * se + 1e-3


def test_rank_correlation_between_periods_of_a_poisson_kpi() -> None:
    """Through the copula as [correlation] is: the normals behind two periods correlate
    ``2 sin(pi p / 6)``, and the counts' rank correlation is what the Gaussian copula gives
    (ties pull it a little below ``p``): compared with an independent bivariate draw."""
    p, mean, n = 0.6, 8.0, 100_000
    scheme = one_kpi(f'{{ type = "poisson", mean = {mean:g} }}', f"persistence = {p}")
    raw = simulate(scheme, runs=n, periods=3, seed=6, keep_raw=True).raw_pay()
    measured = spearman(raw[:, 0], raw[:, 2])
    r = persistence_correlation(p)
    z = np.random.default_rng(99).multivariate_normal([0, 0], [[1, r], [r, 1]], size=n)
    pair = Poisson(mean).ppf(np.clip(ndtr(z), 1e-300, 1 - 2**-53))
    expected = spearman(pair[:, 0], pair[:, 1])
    assert abs(measured - expected) < 0.012
    assert 0.56 < measured < p  # ties at mean 8: about 0.59


def test_persistence_of_a_kpi_drawn_from_uniforms_keeps_its_table_sampler() -> None:
    scheme = one_kpi('{ type = "poisson", mean = 8 }', "persistence = 0.5")
    sampling = sampling_for(scheme, ("x",))
    (alone,) = sampling.segments[0].samplers
    (periodic,) = sampling.segments[0].periodic
    assert alone.space == "uniform"  # one period: as without persistence
    assert periodic is not None
    assert periodic.space == "normal"
    assert type(periodic.by_period[0]).__name__ == "_NormalTable"


def test_one_manager_over_a_year_spreads_wider_with_persistence() -> None:
    plain = plain_team()
    lasting = with_kpis(plain, revenue={"persistence": 0.6}, cars_sold={"persistence": 0.6})
    a = simulate(plain, runs=20_000, periods=12, seed=2)
    b = simulate(lasting, runs=20_000, periods=12, seed=2)
    spread = [
        r.quantile(0.95, of="manager:new hires") - r.quantile(0.05, of="manager:new hires")
        for r in (a, b)
    ]
    assert spread[1] > 1.5 * spread[0]
    se = a.payroll.mean * 0.01
    assert abs(a.payroll.mean - b.payroll.mean) < se  # the mean month is the same


# ---------------------------------------------------------------------------------------------
# Marginals and the copula across KPIs are unchanged
# ---------------------------------------------------------------------------------------------
def test_each_period_still_follows_the_kpi_distribution() -> None:
    plain = plain_team()
    lasting = with_kpis(plain, revenue={"persistence": 0.7}, cars_sold={"persistence": 0.7})
    x = draws(lasting, 40_000, 4, segment=1)  # new hires: lognormal(6e6, 0.4), Poisson(5)
    revenue = LogNormal(6_000_000.0, 0.4)
    for t in range(4):
        column = x["revenue"][:, t, 0]  # one manager: independent over runs
        assert stats.kstest(column, lambda v: ndtr(np.log(v / revenue.scale) / 0.4)).pvalue > 1e-3
        counts = x["cars_sold"][:, t, 1]
        values, seen = np.unique(np.minimum(counts, 12), return_counts=True)
        pmf = stats.poisson(5.0).pmf(values)
        pmf[-1] = stats.poisson(5.0).sf(11)
        assert stats.chisquare(seen, pmf * counts.size).pvalue > 1e-3


@pytest.mark.parametrize(("rev", "cars"), [(0.6, 0.6), (0.6, 0.3), (0.9, 0.5)])
def test_correlation_across_kpis_holds_within_each_period(rev: float, cars: float) -> None:
    plain = plain_team()
    lasting = with_kpis(plain, revenue={"persistence": rev}, cars_sold={"persistence": cars})
    x, y = draws(plain, 60_000, 3), draws(lasting, 60_000, 3)
    before = spearman(x["revenue"][:, 0], x["cars_sold"][:, 0])  # 0.7, less Poisson ties
    for t in range(3):
        assert abs(spearman(y["revenue"][:, t], y["cars_sold"][:, t]) - before) < 0.012
    assert abs(spearman(y["revenue"][:, 0], y["revenue"][:, 2]) - rev) < 0.012
    assert abs(spearman(y["cars_sold"][:, 0], y["cars_sold"][:, 2]) - cars) < 0.015
    other = spearman(y["revenue"][:, 0, 0], y["revenue"][:, 0, 1])  # two managers: independent
    assert abs(other) < 0.015


def test_a_correlation_persistence_cannot_hold_is_a_located_error() -> None:
    text = team_text("persistence = 0.6", "", correlation="0.7")
    scheme = motivsim.loads(text, path="team.toml")
    with pytest.raises(SchemeError) as caught:
        simulate(scheme, runs=100, periods=12, seed=1)
    error = caught.value
    assert "cannot hold with persistence 0.6 for 'revenue' and 0 for 'cars_sold'" in error.message
    assert "at most 0.6" in (error.hint or "")
    assert error.location.line == text.split("\n").index("persistence = 0.6") + 1
    weaker = motivsim.loads(team_text("persistence = 0.6", "", correlation="0.5"), path="t")
    simulate(weaker, runs=100, periods=12, seed=1)  # 0.5 can hold


# ---------------------------------------------------------------------------------------------
# Reproducibility
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def lasting_team() -> motivsim.Scheme:
    return motivsim.loads(
        team_text(f"persistence = 0.6\nseasonality = {SEASON}", "persistence = 0.4"),
        path="team.toml",
    )


@pytest.mark.parametrize(
    "options",
    [
        {"chunk_size": 1},
        {"chunk_size": 10**9},
        {"workers": 2},
        {"workers": 3, "chunk_size": 50_000},
        {"executor": "threads"},
        {"executor": "processes"},
    ],
    ids=["one-block-chunks", "one-chunk", "2-workers", "3-workers", "threads", "processes"],
)
def test_same_numbers_whatever_chunks_workers_or_executor(
    lasting_team: motivsim.Scheme, options: dict[str, Any]
) -> None:
    reference = simulate(lasting_team, runs=1_500, periods=14, seed=8, keep_raw=True)
    kind = options.get("executor")
    if kind is not None:
        pool = ThreadPoolExecutor(2) if kind == "threads" else ProcessPoolExecutor(2)
        with pool:
            result = simulate(
                lasting_team, runs=1_500, periods=14, seed=8, keep_raw=True, executor=pool
            )
    else:
        result = simulate(lasting_team, runs=1_500, periods=14, seed=8, keep_raw=True, **options)
    assert fingerprint(result) == fingerprint(reference)
    assert np.array_equal(result.raw_pay(), reference.raw_pay())


# ---------------------------------------------------------------------------------------------
# Seasonality
# ---------------------------------------------------------------------------------------------
FACTORS = [0.5, 1.0, 1.5, 2.0]


@pytest.mark.parametrize(
    ("distribution", "dist"),
    [
        ('{ type = "lognormal", median = 1_000, sigma = 0.3 }', LogNormal(1_000.0, 0.3)),
        ('{ type = "poisson", mean = 6 }', Poisson(6.0)),
        ('{ type = "gamma", shape = 2, scale = 50 }', Gamma(2.0, 50.0)),
        ('{ type = "binomial", n = 40, p = 0.2 }', Binomial(40, 0.2)),
    ],
    ids=["lognormal", "poisson", "gamma", "binomial"],
)
def test_seasonality_multiplies_each_periods_mean(distribution: str, dist: object) -> None:
    scheme = one_kpi(distribution, f"seasonality = {FACTORS}", period="quarter")
    n = 40_000
    raw = simulate(scheme, runs=n, periods=6, seed=11, keep_raw=True).raw_pay()
    mean = dist.mean()  # type: ignore[attr-defined]
    for t in range(6):  # periods 4 and 5 are the next year's first two quarters
        f = FACTORS[t % 4]
        expected = f * mean
        sd = float(np.std(raw[:, t, 0]))
        assert abs(float(raw[:, t, 0].mean()) - expected) < 5 * sd / math.sqrt(n)
    if isinstance(dist, Poisson | Binomial):
        assert np.all(raw == np.floor(raw))  # counts stay whole numbers


def test_seasonality_keeps_the_kpi_bounds() -> None:
    scheme = one_kpi(
        '{ type = "normal", mean = 80, sd = 10 }',
        "max = 100\nseasonality = [1, 1.2, 1, 1]",
        period="quarter",
    )
    raw = simulate(scheme, runs=5_000, periods=4, seed=1, keep_raw=True).raw_pay()
    assert raw.max() <= 100
    season = scaled(Normal(80.0, 10.0), 1.2, upper=100)  # normal(96, 12) truncated to 100
    assert season == Normal(96.0, 12.0).truncate(None, 100)
    assert abs(raw[:, 1].mean() - season.mean()) < 0.5  # 88.8, not 96: the bound holds
    assert abs(raw[:, 0].mean() - Normal(80.0, 10.0).truncate(None, 100).mean()) < 0.5


def test_seasonality_with_persistence_in_a_team() -> None:
    x = draws(
        motivsim.loads(
            team_text(f"seasonality = {SEASON}\npersistence = 0.6", "persistence = 0.6"), path="t"
        ),
        30_000,
        12,
    )
    factors = json.loads(SEASON)
    medians = np.median(x["revenue"][:, :, 0], axis=0)
    assert np.allclose(medians / 13_000_000, factors, rtol=0.02)  # strong: median 13e6
    assert abs(spearman(x["revenue"][:, 0], x["revenue"][:, 11]) - 0.6) < 0.015


def test_scaled_distributions() -> None:
    assert scaled(Normal(10.0, 2.0), 1.5) == Normal(15.0, 3.0)
    assert scaled(Empirical((1.0, 2.0, 4.0)), 2.0) == Empirical((2.0, 4.0, 8.0))
    assert scaled(Poisson(3.0), 1.0) == Poisson(3.0)
    assert scaled(Poisson(3.0).truncate(0, 5), 2.0) == Poisson(6.0).truncate(0, 5)


# ---------------------------------------------------------------------------------------------
# Located errors
# ---------------------------------------------------------------------------------------------
TWELVE = ", ".join(["1"] * 11)


@pytest.mark.parametrize(
    ("line", "message", "column"),
    [
        ("persistence = 1", "kpi.cars_sold.persistence must be from 0 to below 1, got 1", 15),
        ("persistence = -0.2", "must be from 0 to below 1, got -0.2", 15),
        ('persistence = "0.5"', "kpi.cars_sold.persistence must be a number", 15),
        ("persistence = true", "must be a number, got true", 15),
        ("seasonality = [1, 1.2]", "seasonality has 2 factors, but the plan year has 12", 15),
        ("seasonality = 1.2", "kpi.cars_sold.seasonality must be a list of 12 factors", 15),
        (f'seasonality = [{TWELVE}, "x"]', "kpi.cars_sold.seasonality[11] must be a number", 49),
        (f"seasonality = [{TWELVE}, 0]", "kpi.cars_sold.seasonality[11] must be > 0, got 0", 49),
        (f"seasonality = [{TWELVE}, -1]", "seasonality[11] must be > 0, got -1", 49),
        (f"seasonality = [{TWELVE}, 1e40]", "seasonality[11]", 49),
        ("persistance = 0.5", "unknown key 'kpi.cars_sold.persistance'", 1),
    ],
)
def test_bad_values_are_located_errors(line: str, message: str, column: int) -> None:
    text = team_text("", line)
    with pytest.raises(SchemeError) as caught:
        motivsim.loads(text, path="team.toml")
    error = caught.value
    assert message in error.message
    assert error.hint
    assert error.location.line == text.split("\n").index(line) + 1
    assert error.location.column == column


def test_seasonality_needs_the_length_of_the_plan_year() -> None:
    text = team_text("", "seasonality = [1, 2]").replace('period = "month"', 'period = "sprint"')
    with pytest.raises(SchemeError, match="needs the length of the plan year") as caught:
        motivsim.loads(text, path="team.toml")
    assert "periods_per_year" in (caught.value.hint or "")
    fixed = text.replace('period = "sprint"', 'period = "sprint"\nperiods_per_year = 2')
    assert motivsim.loads(fixed, path="t").kpis["cars_sold"].seasonality == (1.0, 2.0)


def test_a_factor_a_segments_distribution_cannot_take_names_the_segment() -> None:
    text = (
        team_text("", f"seasonality = [{TWELVE}, 2]")
        .replace(CARS_LINE, 'distribution = { type = "binomial", n = 30, p = 0.3 }')
        .replace(
            'kpi.cars_sold = { type = "poisson", mean = 11 }',
            'kpi.cars_sold = { type = "binomial", n = 30, p = 0.6 }',
        )
        .replace(
            'kpi.cars_sold = { type = "poisson", mean = 5 }',
            'kpi.cars_sold = { type = "binomial", n = 30, p = 0.2 }',
        )
    )
    scheme = motivsim.loads(text, path="team.toml")  # the scheme's own p = 0.3 takes 2
    with pytest.raises(SchemeError) as caught:
        simulate(scheme, runs=100, periods=12, seed=1)
    assert "seasonality[11] in segment 'strong'" in caught.value.message
    assert "p = 0.6 x 2 = 1.2" in caught.value.message
    assert "at most 1.66" in (caught.value.hint or "")


def test_persistence_in_a_segments_distribution_says_where_it_goes() -> None:
    text = team_text().replace(
        'kpi.cars_sold = { type = "poisson", mean = 11 }',
        'kpi.cars_sold = { type = "poisson", mean = 11, persistence = 0.5 }',
    )
    with pytest.raises(SchemeError, match="unknown parameter 'persistence'") as caught:
        motivsim.loads(text, path="team.toml")
    assert "[kpi.NAME] persistence" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"persistence": 1.0}, "persistence must be a number from 0 to below 1"),
        ({"seasonality": (1.0, 2.0)}, "seasonality has 2 factors"),
        ({"seasonality": (1.0,) * 11 + (0.0,)}, "seasonality factors must be > 0"),
    ],
)
def test_kpis_built_in_python_are_checked_too(fields: dict[str, object], message: str) -> None:
    scheme = with_kpis(plain_team(), revenue=fields)
    with pytest.raises(ArgumentError, match=message):
        simulate(scheme, runs=10, periods=12, seed=1)
