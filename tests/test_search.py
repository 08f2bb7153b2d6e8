"""One realistic range and one grid per KPI (motivsim.search.grid), and what they fixed.

A discrete KPI is not necessarily a whole-number one: an empirical conversion rate takes
``0.62, 0.8, ...``. ``lint`` used to build a one-point grid of whole numbers for it and crash
(``argmax of an empty sequence``); the plot drew it at 0 and 1 only, and ``check`` rounded its
attainment table to whole numbers.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.checks.targets import plan_level
from motivsim.cli.app import main
from motivsim.distributions import Binomial, Constant, Empirical, LogNormal, Poisson, Uniform
from motivsim.distributions.base import Distribution
from motivsim.errors import ArgumentError
from motivsim.findings.scan import find_issues
from motivsim.reporting.plot.curve import curve_data
from motivsim.search.grid import GRID, Span, kpi_grid, on_support, realistic_range
from motivsim.search.ranges import kpi_ranges
from tests.conftest import scheme_text

CONVERSION = [0.62, 0.8, 0.93, 1.04, 1.1, 1.25, 1.4]
EMPIRICAL_SCHEME = f"""\
[scheme]
name = "Conversion bonus"
currency = "USD"

[kpi.conversion]
description = "Share of leads converted"
controllable = true
distribution = {{type = "empirical", values = {CONVERSION}}}

[formula]
pay = "2000 + if(conversion >= 1, 1000, 0) + 500 * conversion"

[principles]
plan_met = "conversion >= 1"
"""


def kpi(body: str, name: str = "x") -> motivsim.Kpi:
    """The KPI ``name`` of a one-KPI scheme whose ``[kpi]`` table has the lines ``body``."""
    text = scheme_text({"pay": f"{name} + 1"}, kpis={name: body})
    return motivsim.loads(text).kpis[name]


@pytest.fixture
def empirical() -> motivsim.Scheme:
    return motivsim.loads(EMPIRICAL_SCHEME)


# -- what a distribution says about its values -------------------------------------------------
@pytest.mark.parametrize(
    ("dist", "integer"),
    [
        (Poisson(8.0), True),
        (Binomial(20, 0.3), True),
        (Empirical((2.0, 5.0, 9.0)), True),
        (Empirical(tuple(CONVERSION)), False),
        (Empirical((0.5, 2.0, 3.0)).truncate(1, None), True),  # 0.5 is cut off
        (Constant(5.0), True),
        (Constant(0.5), False),
        (Uniform(0.0, 10.0), False),
    ],
)
def test_integer_valued(dist: Distribution, integer: bool) -> None:
    assert dist.integer_valued is integer


def test_support_values() -> None:
    assert Empirical((1.1, 0.62, 1.1)).support_values().tolist() == [0.62, 1.1]
    assert Empirical(tuple(CONVERSION)).support_values(0.9, 1.2).tolist() == [0.93, 1.04, 1.1]
    assert Empirical(tuple(CONVERSION)).support_values(1.5, 2).size == 0
    assert Poisson(3.0).truncate(2, 5).support_values().tolist() == [2, 3, 4, 5]
    assert Poisson(3.0).support_values() is None  # infinitely many
    assert Poisson(3.0).support_values(0, 9, limit=5) is None
    assert Binomial(3, 0.5).support_values().tolist() == [0, 1, 2, 3]
    assert Constant(5.0).support_values().tolist() == [5.0]
    assert LogNormal(1.0, 0.3).support_values() is None


# -- the one range -------------------------------------------------------------------------------
def test_declared_min_and_max_win_when_asked() -> None:
    x = kpi("min = 0\nmax = 3_000_000\ndistribution = {type = 'uniform', low = 1e5, high = 2e6}")
    assert realistic_range(x, ends="declared").bounds == (0.0, 3_000_000.0)
    span = realistic_range(x, ends="declared")
    assert (span.low_from, span.high_from) == ("declared", "declared")
    # without ends="declared" the distribution decides (the loader truncated it to min/max)
    assert realistic_range(x, ends="support").bounds == (100_000.0, 2_000_000.0)


def test_declared_min_and_max_without_a_distribution() -> None:
    x = kpi("min = 10\nmax = 20\ntypical = 15")
    for ends in ("quantiles", "support", "declared"):
        span = realistic_range(x, ends=ends)
        assert span.bounds == (10.0, 20.0)
        assert (span.low_from, span.high_from) == ("declared", "declared")


def test_support_ends_when_finite_else_quantiles() -> None:
    x = kpi("min = 0\ndistribution = {type = 'lognormal', median = 1_000_000, sigma = 0.3}")
    span = realistic_range(x, tail=Fraction(1, 10_000), ends="support")
    assert (span.low, span.low_from, span.high_from) == (0.0, "support", "quantile")
    assert span.high == pytest.approx(1e6 * math.exp(0.3 * NormalDist().inv_cdf(0.9999)))


def test_quantile_tails() -> None:
    x = kpi("distribution = {type = 'uniform', low = 0, high = 1000}")
    assert realistic_range(x).bounds == pytest.approx((1.0, 999.0))  # 0.1% - 99.9%
    assert realistic_range(x, tail=0.005).bounds == pytest.approx((5.0, 995.0))
    assert realistic_range(x, tail=0).bounds == (0.0, 1000.0)
    span = realistic_range(x)
    assert (span.low_from, span.high_from) == ("quantile", "quantile")


def test_origin_starts_an_axis_at_zero_when_zero_is_near() -> None:
    near = kpi("distribution = {type = 'uniform', low = 100, high = 1000}")
    far = kpi("distribution = {type = 'uniform', low = 900, high = 1000}")
    assert realistic_range(near, tail=0.005, origin=True).low == 0.0
    assert realistic_range(near, tail=0.005, origin=True).low_from == "origin"
    assert realistic_range(far, tail=0.005, origin=True).low == pytest.approx(900.5)


@pytest.mark.parametrize(
    ("body", "bounds"),
    [
        ("typical = 40", (0.0, 80.0)),
        ("typical = -50", (-100.0, 0.0)),
        ("typical = 40\nmin = 10", (10.0, 80.0)),
        ("typical = 40\nmax = 60", (0.0, 60.0)),
        ("max = 60", (0.0, 60.0)),
    ],
)
def test_typical_only_kpis_span_zero_to_twice_typical(
    body: str, bounds: tuple[float, float]
) -> None:
    assert realistic_range(kpi(body)).bounds == bounds


def test_without_guessing_unknown_ends_stay_unknown() -> None:
    span = realistic_range(kpi("typical = 40"), guess=False)
    assert (span.low, span.high) == (None, None)
    assert span.bounds is None


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("", "it has no max, distribution or typical value"),
        ("typical = 0", "it has no max or distribution, and its typical value 0 gives no spread"),
        ("distribution = {type = 'constant', value = 5}", "it always takes the value 5"),
    ],
)
def test_an_unusable_range_says_why(body: str, reason: str) -> None:
    span = realistic_range(kpi(body))
    assert span.bounds is None
    assert span.reason == reason


def test_crossed_ends_say_why() -> None:
    # a scheme file cannot put typical below min; a Kpi built in Python still can
    x = motivsim.Kpi("x", controllable=True, min=100.0, typical=40.0)
    assert realistic_range(x).reason == "its low end 100 is above its high end 80"


def test_a_constant_kpi_is_a_point_not_a_crash() -> None:
    const = kpi("distribution = {type = 'constant', value = 5}")
    for ends in ("quantiles", "support", "declared"):
        span = realistic_range(const, ends=ends)
        assert (span.low, span.high) == (5.0, 5.0)
    # lint skips it, the plot draws it from 0 to twice its value
    text = scheme_text(
        {"pay": "100 * headcount + if(headcount >= 6, 50, 0)"},
        kpis={"headcount": "distribution = {type = 'constant', value = 5}"},
    )
    scheme = motivsim.loads(text)
    assert find_issues(scheme, seed=1) == ()
    data = curve_data(scheme, samples=0)
    assert data.x.tolist() == [float(v) for v in range(11)]
    assert [m.x for m in data.markers] == [6.0]
    zero = motivsim.loads(
        scheme_text({"pay": "x + 1"}, kpis={"x": "distribution = {type = 'constant', value = 0}"})
    )
    with pytest.raises(ArgumentError, match="KPI 'x': it always takes the value 0"):
        curve_data(zero, samples=0)


def test_exact_ends() -> None:
    span = Span("x", 0.1, 1234.5678901234, "support", "quantile")
    assert span.exact() == (Fraction(1, 10), Fraction("1234.56789"))
    assert Span("x", None, None).exact() == (None, None)


def test_the_exact_search_range_starts_from_the_same_rule() -> None:
    scheme = motivsim.load(Path(__file__).parent.parent / "schemes" / "dealership.toml")
    for name, r in kpi_ranges(scheme).items():
        span = realistic_range(scheme.kpis[name], tail=Fraction(1, 10_000), ends="support")
        low, _ = span.exact()
        if span.low_from == "support":
            assert r.low == low


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"tail": 0.5}, "tail must be a probability"), ({"ends": "both"}, "ends must be")],
)
def test_bad_arguments(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        realistic_range(kpi("typical = 1"), **kwargs)


# -- the one grid --------------------------------------------------------------------------------
def test_whole_number_supports() -> None:
    assert kpi_grid(0, 5, Poisson(3.0)).tolist() == [0, 1, 2, 3, 4, 5]
    assert kpi_grid(0.5, 4.5, Binomial(10, 0.3)).tolist() == [1, 2, 3, 4]
    # whole-number observations: every whole number between them, as for a count KPI
    assert kpi_grid(2, 9, Empirical((2.0, 5.0, 9.0))).tolist() == list(range(2, 10))
    many = kpi_grid(0, 10_000, Poisson(5000.0), points=11)
    assert many.tolist() == list(range(0, 10_001, 1000))


def test_non_integer_discrete_supports() -> None:
    dist = Empirical(tuple(CONVERSION))
    assert kpi_grid(0.62, 1.4, dist).tolist() == CONVERSION
    assert kpi_grid(0.0, 1.0, dist).tolist() == [0.62, 0.8, 0.93]
    values = tuple(np.round(np.linspace(0.01, 9.99, 2000) ** 1.5, 6).tolist())
    some = kpi_grid(0, 100, Empirical(values), points=50)
    assert some.size <= 50
    assert some[0] == min(values)
    assert some[-1] == max(values)
    assert on_support(Empirical(values), some).all()


def test_continuous_grids_and_too_few_values() -> None:
    assert kpi_grid(0, 1, points=3).tolist() == [0.0, 0.5, 1.0]
    assert kpi_grid(0, 1, Uniform(0.0, 1.0), points=3).tolist() == [0.0, 0.5, 1.0]
    # fewer than two values inside: nothing to step between, so evenly spaced
    assert kpi_grid(0.2, 0.8, Poisson(3.0), points=3).tolist() == [0.2, 0.5, 0.8]
    assert kpi_grid(0, 1, Constant(0.5), points=3).tolist() == [0.0, 0.5, 1.0]
    assert kpi_grid(0, 1, points=GRID).size == GRID


def test_grid_rejects_bad_arguments() -> None:
    with pytest.raises(ArgumentError, match="points must be an integer >= 2"):
        kpi_grid(0, 1, points=1)
    for lo, hi in [(1, 1), (2, 1), (0, math.inf)]:
        with pytest.raises(ArgumentError, match="a grid needs finite ends with lo < hi"):
            kpi_grid(lo, hi)


def distributions() -> st.SearchStrategy[Distribution]:
    finite = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))
    return st.one_of(
        st.lists(finite, min_size=1, max_size=60).map(lambda v: Empirical(tuple(v))),
        st.lists(st.integers(-50, 50), min_size=1, max_size=30).map(
            lambda v: Empirical(tuple(float(i) for i in v))
        ),
        st.floats(0.5, 5000).map(Poisson),
        st.builds(Binomial, st.integers(1, 3000), st.floats(0.01, 0.99)),
        finite.map(Constant),
        st.builds(lambda a, w: Uniform(a, a + w), finite, st.floats(1e-3, 1e6)),
        st.none(),
    )


@st.composite
def grids(draw: st.DrawFn) -> tuple[float, float, Distribution | None, int, np.ndarray]:
    dist = draw(distributions())
    values = dist.support_values(limit=10_000) if dist is not None else None
    if values is not None and values.size >= 2 and draw(st.booleans()):
        i, j = sorted(draw(st.lists(st.integers(0, values.size - 1), min_size=2, max_size=2)))
        lo, hi = float(values[i]), float(values[j])  # ends that are support points
    else:
        lo = draw(st.floats(-1e6, 1e6))
        hi = lo + draw(st.floats(1e-3, 1e6))
    if not lo < hi:
        lo, hi = lo, lo + 1.0
    points = draw(st.integers(2, 300))
    return lo, hi, dist, points, kpi_grid(lo, hi, dist, points=points)


@given(grids())
@settings(max_examples=200, deadline=None)
def test_grid_is_sorted_unique_inside_and_keeps_support_ends(
    case: tuple[float, float, Distribution | None, int, np.ndarray],
) -> None:
    lo, hi, dist, points, grid = case
    assert grid.size >= 2
    assert np.all(np.diff(grid) > 0)  # sorted and unique
    assert grid[0] >= lo
    assert grid[-1] <= hi
    if dist is None or not dist.is_discrete:
        assert (grid[0], grid[-1]) == (lo, hi)
        assert grid.size == points
    elif on_support(dist, grid).all():
        assert grid.size <= 4 * points
        if on_support(dist, [lo, hi]).all():  # both ends are values the KPI takes
            assert (grid[0], grid[-1]) == (lo, hi)


# -- the bug: an empirical KPI of non-integer values ----------------------------------------------
def test_lint_scans_an_empirical_kpi_over_its_values(empirical: motivsim.Scheme) -> None:
    [finding] = find_issues(empirical, seed=1)
    assert finding.code == "cliff"
    assert finding.kpi == "conversion"
    assert "when conversion goes from 0.93 to 1.04" in finding.message


def test_plan_level_of_an_empirical_kpi_is_not_rounded(empirical: motivsim.Scheme) -> None:
    plan_met = empirical.principles.plan_met
    assert plan_met is not None
    level = plan_level(empirical, plan_met)
    assert level is not None
    assert not level.discrete
    assert [value for _, value, _ in level.points(empirical)] == [
        0.5,
        0.7,
        0.9,
        1.0,
        1.1,
        1.3,
        1.5,
    ]


def test_curve_of_an_empirical_kpi_is_drawn_at_its_values(empirical: motivsim.Scheme) -> None:
    data = curve_data(empirical, samples=0)
    assert data.x.tolist() == CONVERSION
    assert data.discrete
    assert [(m.kind, m.x) for m in data.markers] == [("plan", 1.0)]
    np.testing.assert_array_equal(data.pay, empirical.pay({"conversion": data.x}))


def test_curve_markers_on_a_count_kpi_stay_whole() -> None:
    text = scheme_text(
        {"pay": "10 * calls + if(calls >= 1520, 400, 0) + if(calls > 1500.5, 1, 0)"},
        kpis={"calls": "distribution = {type = 'binomial', n = 5000, p = 0.3}"},
    )
    data = curve_data(motivsim.loads(text), points=21, samples=0)
    assert data.discrete
    assert np.all(data.x == np.round(data.x))  # never 1500.5 calls
    assert 1520.0 in data.x.tolist()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empirical_file(tmp_path: Path) -> Path:
    path = tmp_path / "conversion.toml"
    path.write_text(EMPIRICAL_SCHEME, encoding="utf-8")
    return path


def test_cli_lint_and_check_on_an_empirical_kpi(
    capsys: pytest.CaptureFixture[str], empirical_file: Path
) -> None:
    code, out, err = run(capsys, "lint", str(empirical_file), "--seed", "1")
    assert code == 0, err
    assert "internal error" not in out + err
    assert "when conversion goes from 0.93 to 1.04" in out
    code, out, err = run(capsys, "check", str(empirical_file), "--seed", "1", "--samples", "2000")
    assert code == 1, err  # principle 1 fails: hitters earn 1.5x, not 3x
    assert "internal error" not in out + err
    assert "pay by plan attainment (conversion; plan 1)" in out
    assert "conversion 0.7  ->" in out  # not rounded to a whole number
    assert "when conversion goes from 0.93 to 1.04" in out


@pytest.mark.parametrize("kind", ["curve", "distribution"])
def test_cli_plot_an_empirical_kpi(
    capsys: pytest.CaptureFixture[str], empirical_file: Path, tmp_path: Path, kind: str
) -> None:
    pytest.importorskip("matplotlib")
    out_file = tmp_path / f"{kind}.png"
    args = ["plot", str(empirical_file), "--kind", kind, "--out", str(out_file)]
    code, out, err = run(capsys, *args, *(["--runs", "2000"] if kind == "distribution" else []))
    assert code == 0, err
    assert out_file.stat().st_size > 0
    assert "internal error" not in out + err


def test_cli_report_on_an_empirical_kpi(
    capsys: pytest.CaptureFixture[str], empirical_file: Path, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    page = tmp_path / "report.html"
    args = [
        "report",
        str(empirical_file),
        "--out",
        str(page),
        "--samples",
        "2000",
        "--runs",
        "2000",
    ]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert "internal error" not in out + err
    assert "not available" not in out  # every part of the page was computed
    html = page.read_text(encoding="utf-8")
    assert "pay by plan attainment (conversion; plan 1)" in html
    assert "when conversion goes from 0.93 to 1.04" in html
