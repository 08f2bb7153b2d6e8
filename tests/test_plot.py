"""Pay curves and pictures: the numbers behind each picture, the files, the install message."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

import motivsim
from motivsim.cli.app import main
from motivsim.errors import ArgumentError
from motivsim.reporting.plot import (
    INSTALL_COMMAND,
    MissingDependencyError,
    compare_data,
    curve_data,
    default_kpi,
    distribution_data,
    group_pay,
    require_matplotlib,
)

ROOT = Path(__file__).resolve().parent.parent
DEALERSHIP = ROOT / "schemes" / "dealership.toml"
DEALERSHIP_RU = ROOT / "schemes" / "dealership_ru.toml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def dealership() -> motivsim.Scheme:
    return motivsim.load(DEALERSHIP)


@pytest.fixture(scope="module")
def dealership_ru() -> motivsim.Scheme:
    return motivsim.load(DEALERSHIP_RU)


def scheme(
    formula: dict[str, str], *, params: str = "", kpis: str = "", principles: str = ""
) -> motivsim.Scheme:
    lines = ['[scheme]\nname = "t"\ncurrency = "EUR"\nperiod = "month"\n']
    lines.append(kpis or "[kpi.revenue]\ncontrollable = true\nmin = 0\nmax = 1_000_000\n")
    lines.append(f"[params]\n{params}\n[formula]")
    lines += [f'{k} = "{v}"' for k, v in formula.items()]
    lines.append(f"[principles]\n{principles}" if principles else "")
    return motivsim.loads("\n".join(lines))


def kinds(data: object, kind: str) -> list[float]:
    return [m.x for m in data.markers if m.kind == kind]  # type: ignore[attr-defined]


# -- the data behind the curve -------------------------------------------------------------------
def test_curve_points_are_scheme_pay(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, samples=0)
    assert data.kpi.name == "revenue"
    assert data.fixed == {"cars_sold": 8.0}  # poisson(8)'s median: the typical value
    expected = dealership.pay({"revenue": data.x, "cars_sold": 8.0})
    np.testing.assert_array_equal(data.pay, expected)
    for x, pay in zip(data.x[::37], data.pay[::37], strict=True):
        assert pay == pytest.approx(
            dealership.pay({"revenue": float(x), "cars_sold": 8}), rel=1e-12
        )


def test_curve_arrays_are_read_only(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, points=5, samples=0)
    with pytest.raises(ValueError, match="read-only"):
        data.pay[0] = 1.0


def test_dealership_markers_sit_where_the_rules_switch(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, samples=0)
    # attainment = revenue / plan with plan = 10,000,000: breakpoints 0.7, 1.0, 1.3 map exactly
    assert kinds(data, "bracket") == [7_000_000.0, 10_000_000.0, 13_000_000.0]
    assert kinds(data, "plan") == [10_000_000.0]
    # 2% of revenue reaches the 300,000 cap at 15,000,000 (found by bisection, not linear)
    assert kinds(data, "cap") == [pytest.approx(15_000_000.0, rel=1e-12)]
    labels = [m.label for m in data.markers]
    assert labels[:2] == ["attainment = 0.7", "attainment = 1"]
    assert "cap 300,000 (commission)" in labels
    # each marker is a point of the curve, so jumps are drawn where they happen
    assert {7e6, 10e6, 13e6} <= set(data.x.tolist())
    assert data.pay[data.x == 7e6][0] == 40_000 + 0.01 * 7e6
    assert data.plan is not None
    assert data.plan.label == "plan: revenue >= plan"


def test_regions_split_at_the_plan(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, samples=0)
    assert [(r.start, r.met) for r in data.regions] == [(0.0, False), (10_000_000.0, True)]
    assert data.regions[0].stop == 10_000_000.0
    assert data.regions[1].stop == data.x[-1]


def test_default_range_covers_the_distribution_and_the_markers(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, points=3, samples=0)
    top = 9_500_000 * math.exp(norm.ppf(0.995) * 0.35)  # lognormal P99.5
    assert data.x[0] == 0.0  # min = 0
    assert data.x[-1] == pytest.approx(top)


def test_range_widens_to_show_a_marker_beyond_the_distribution() -> None:
    s = scheme(
        {"pay": "step(revenue, [1_200_000], [0, 5000])"},
        kpis="[kpi.revenue]\ncontrollable = true\nmin = 0\nmax = 1_000_000\n",
    )
    data = curve_data(s, points=11)
    assert kinds(data, "bracket") == [1_200_000.0]
    assert data.x[-1] == pytest.approx(1_200_000 + 0.1 * 1_200_000)


def test_russian_scheme_markers(dealership_ru: motivsim.Scheme) -> None:
    data = curve_data(dealership_ru, samples=0)
    assert data.kpi.name == "выручка"
    assert kinds(data, "bracket") == [7e6, 10e6, 13e6]
    assert any(m.label == "выполнение_плана = 0.7" for m in data.markers)
    cars = curve_data(dealership_ru, kpi="продано_машин", samples=0)
    assert cars.discrete
    np.testing.assert_array_equal(cars.x, np.arange(cars.x.size))  # whole cars only
    assert [(m.kind, m.x, m.label) for m in cars.markers] == [
        ("threshold", 10.0, "продано_машин >= 10")
    ]
    assert cars.fixed == {"выручка": 9_500_000.0}


def test_marginal_tiers_published_example_p03() -> None:
    # P-03 (sparrowgenie.com, non-retroactive commission): 3% on [0, 300k), 5% on [300k, 500k),
    # 7% above; S = 600,000 -> 26,000.
    s = scheme({"pay": "marginal(revenue, [300_000, 500_000], [0.03, 0.05, 0.07])"})
    data = curve_data(s, x_range=(0, 600_000), points=7)
    assert kinds(data, "bracket") == [300_000.0, 500_000.0]
    assert data.x[-1] == 600_000
    assert data.pay[-1] == pytest.approx(26_000)


def test_interp_points_and_a_floor() -> None:
    s = scheme({"pay": "max(interp(revenue, [100_000, 400_000], [0, 30_000]), 5_000)"})
    data = curve_data(s, points=101)
    assert kinds(data, "bracket") == [100_000.0, 400_000.0]
    # interp reaches 5,000 at 100,000 + 300,000 * 5/30 = 150,000
    assert kinds(data, "floor") == [pytest.approx(150_000.0, rel=1e-12)]


def test_nonlinear_tier_variable_is_found_by_bisection() -> None:
    s = scheme({"score": "(revenue / 1000) ** 2", "pay": "step(score, [250_000], [0, 100])"})
    data = curve_data(s, points=51)
    assert kinds(data, "bracket") == [pytest.approx(500_000.0, rel=1e-12)]  # sqrt(250,000) * 1000


def test_plan_through_a_yes_no_step() -> None:
    s = scheme(
        {"hit": "revenue >= 400_000", "pay": "if(hit, 0.1 * revenue, 0.02 * revenue)"},
        principles='plan_met = "hit"',
    )
    data = curve_data(s, points=21, samples=0)
    assert kinds(data, "plan") == [400_000.0]
    assert kinds(data, "threshold") == [400_000.0]
    assert [r.met for r in data.regions] == [False, True]


def test_a_condition_that_is_the_plan_is_one_marker() -> None:
    s = scheme(
        {"pay": "if(revenue >= plan, 5000, 1000) + if(revenue >= 300_000, 10, 0)"},
        params="plan = 400_000",
        principles='plan_met = "revenue >= plan"',
    )
    data = curve_data(s, points=21, samples=0)
    assert [(m.kind, m.x, m.label) for m in data.markers] == [
        ("threshold", 300_000.0, "revenue >= 300000"),
        ("plan", 400_000.0, "plan: revenue >= plan"),
    ]


def test_other_kpis_can_be_held_at_given_values(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, values={"cars_sold": 12}, points=5, samples=0)
    assert data.fixed == {"cars_sold": 12.0}
    assert data.pay[0] == 40_000 + 25_000


@given(points=st.integers(2, 60), lo=st.floats(0, 5e6), width=st.floats(1e3, 3e7))
@settings(max_examples=25, deadline=None)
def test_any_grid_matches_scheme_pay(points: int, lo: float, width: float) -> None:
    s = motivsim.load(DEALERSHIP)
    data = curve_data(s, points=points, x_range=(lo, lo + width), samples=0)
    assert data.x[0] == lo
    assert data.x[-1] == pytest.approx(lo + width)
    assert np.all(np.diff(data.x) > 0)
    np.testing.assert_array_equal(data.pay, s.pay({"revenue": data.x, "cars_sold": 8.0}))
    assert all(lo <= m.x <= lo + width for m in data.markers)


# -- the hitters' and non-hitters' mean pay ------------------------------------------------------
def test_group_means_match_the_lognormal_answer() -> None:
    # pay = 1000 + 0.1 revenue, revenue ~ lognormal(median 100k, sigma 0.5), plan 120k:
    # E[X; X >= p] = e^(mu + s^2/2) Phi((mu + s^2 - ln p) / s), P(X >= p) = Phi((mu - ln p) / s).
    s = scheme(
        {"pay": "1000 + 0.1 * revenue"},
        params="plan = 120_000",
        kpis=(
            '[kpi.revenue]\ncontrollable = true\ndistribution = { type = "lognormal", median = '
            "100_000, sigma = 0.5 }\n"
        ),
        principles='plan_met = "revenue >= plan"',
    )
    mu, sig, p = math.log(100_000), 0.5, 120_000
    mean = math.exp(mu + sig**2 / 2)
    share = norm.cdf((mu - math.log(p)) / sig)
    upper = mean * norm.cdf((mu + sig**2 - math.log(p)) / sig)
    groups = group_pay(s, samples=200_000, seed=3)
    assert groups is not None
    assert groups.hitters_share == pytest.approx(share, abs=0.005)
    assert groups.hitters_mean == pytest.approx(1000 + 0.1 * upper / share, rel=0.01)
    assert groups.non_hitters_mean == pytest.approx(
        1000 + 0.1 * (mean - upper) / (1 - share), rel=0.01
    )
    assert groups.ratio == pytest.approx(groups.hitters_mean / groups.non_hitters_mean)


def test_group_means_are_reproducible(dealership: motivsim.Scheme) -> None:
    assert group_pay(dealership, samples=20_000, seed=5) == group_pay(
        dealership, samples=20_000, seed=5
    )
    assert group_pay(dealership, samples=20_000, seed=5) != group_pay(
        dealership, samples=20_000, seed=6
    )


def test_no_groups_without_plan_or_distribution() -> None:
    assert curve_data(scheme({"pay": "0.1 * revenue"}), points=3).groups is None
    no_dist = scheme({"pay": "0.1 * revenue"}, principles='plan_met = "revenue >= 500_000"')
    assert curve_data(no_dist, points=3).groups is None
    assert [r.met for r in curve_data(no_dist, points=3).regions] == [False, True]


def test_nobody_misses_the_plan() -> None:
    s = scheme(
        {"pay": "0.1 * revenue"},
        principles='plan_met = "revenue >= 0"',
        kpis=(
            '[kpi.revenue]\ncontrollable = true\ndistribution = { type = "uniform", low = 0, '
            "high = 10 }\n"
        ),
    )
    groups = group_pay(s, samples=1000)
    assert groups is not None
    assert groups.non_hitters_mean is None
    assert groups.ratio is None
    assert groups.hitters_share == 1.0


# -- choices and errors --------------------------------------------------------------------------
def test_default_kpi(dealership: motivsim.Scheme) -> None:
    assert default_kpi(dealership) == "revenue"
    two = scheme(
        {"pay": "0.1 * revenue + 10 * calls"},
        kpis="[kpi.calls]\ncontrollable = false\n[kpi.revenue]\ncontrollable = true\n",
    )
    assert default_kpi(two) == "revenue"  # the first controllable KPI of pay


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"kpi": "revenu"},
            "'revenu' is not a KPI of scheme 'Car dealership sales manager' (did you mean "
            "'revenue'?)",
        ),
        ({"points": 1}, "points must be an integer from 2 to 100,000, got 1"),
        ({"points": True}, "points must be an integer from 2 to 100,000, got True"),
        (
            {"x_range": (5, 5)},
            "x_range must be two finite numbers (low, high) with low < high, got (5, 5)",
        ),
        (
            {"x_range": (0, math.inf)},
            "x_range must be two finite numbers (low, high) with low < high, got (0, inf)",
        ),
        (
            {"values": {"cars": 1}},
            "'cars' is not a KPI of scheme 'Car dealership sales manager' (did you mean "
            "'cars_sold'?)",
        ),
    ],
    ids=[
        "unknown-kpi",
        "one-point",
        "bool-points",
        "empty-range",
        "infinite-range",
        "unknown-value",
    ],
)
def test_invalid_arguments(dealership: motivsim.Scheme, kwargs: dict, message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        curve_data(dealership, samples=0, **kwargs)
    assert info.value.message == message


def test_kpi_without_typical_value() -> None:
    s = scheme(
        {"pay": "0.1 * revenue + 10 * calls"},
        kpis="[kpi.revenue]\ncontrollable = true\nmax = 10\n[kpi.calls]\ncontrollable = true\n",
    )
    with pytest.raises(ArgumentError) as info:
        curve_data(s)
    assert info.value.message == "KPI 'calls' has no typical value or distribution to hold it at"
    assert "--at calls=" in str(info.value)
    assert curve_data(s, values={"calls": 2}, points=2).pay.tolist() == [20.0, 21.0]


def test_compare_needs_a_shared_kpi(
    dealership: motivsim.Scheme, dealership_ru: motivsim.Scheme
) -> None:
    with pytest.raises(
        ArgumentError, match="KPI 'выручка' is not in scheme 'Car dealership sales manager'"
    ):
        compare_data(dealership, dealership_ru)


def test_compare_uses_one_range(dealership: motivsim.Scheme) -> None:
    narrow = motivsim.loads(DEALERSHIP.read_text().replace("sigma = 0.35", "sigma = 0.1"))
    old, new = compare_data(dealership, narrow, points=9)
    assert (old.x[0], old.x[-1]) == (new.x[0], new.x[-1])
    assert new.x[-1] == pytest.approx(9_500_000 * math.exp(norm.ppf(0.995) * 0.35))


def test_text_and_json(dealership: motivsim.Scheme) -> None:
    data = curve_data(dealership, points=5, samples=2000)
    text = str(data)
    assert "bracket   at revenue = 7,000,000: attainment = 0.7" in text
    assert "revenue =     10,000,000  pay = 190,000.00" in text
    assert "principle 1 needs 3x" in text
    out = data.to_dict()
    assert out["kpi"] == "revenue"
    assert out["currency"] == "RUB"
    assert len(out["x"]) == len(out["pay"]) == data.x.size
    assert out["markers"][0] == {
        "x": 7e6,
        "kind": "bracket",
        "label": "attainment = 0.7",
        "step": "rate",
    }
    assert out["groups"]["samples"] == 2000


# -- the simulated distribution -----------------------------------------------------------------
def test_distribution_data_is_the_simulation(dealership: motivsim.Scheme) -> None:
    from motivsim.reporting.plot.distribution import PROBABILITIES
    from motivsim.simulation import simulate

    result = simulate(dealership, runs=5_000, seed=4)
    data = distribution_data(dealership, runs=5_000, seed=4)
    assert (data.runs, data.seed, data.managers) == (5_000, 4, 1)
    for mine, theirs in ((data.manager, result.manager), (data.payroll, result.payroll)):
        assert (mine.mean, mine.p5, mine.p50, mine.p95) == (
            theirs.mean,
            theirs.p5,
            theirs.p50,
            theirs.p95,
        )
    np.testing.assert_array_equal(
        data.manager.quantiles, result.quantile(PROBABILITIES.tolist(), of="manager")
    )
    assert "P50" in str(data)
    assert data.to_dict()["manager"]["p50"] == result.manager.p50


def test_distribution_quantiles_match_the_lognormal() -> None:
    # pay = 1000 + 0.1 revenue, revenue lognormal (median 100,000, sigma 0.5): P_q = 1000 +
    # 0.1 * 100,000 * exp(0.5 z_q)
    s = scheme(
        {"pay": "1000 + 0.1 * revenue"},
        kpis="[kpi.revenue]\ncontrollable = true\n"
        'distribution = { type = "lognormal", median = 100_000, sigma = 0.5 }\n',
    )
    data = distribution_data(s, runs=40_000, seed=2)
    for q, got in ((0.05, data.manager.p5), (0.5, data.manager.p50), (0.95, data.manager.p95)):
        assert got == pytest.approx(1000 + 10_000 * math.exp(0.5 * norm.ppf(q)), rel=0.02)
    assert data.manager.mean == pytest.approx(1000 + 10_000 * math.exp(0.125), rel=0.01)


# -- matplotlib missing --------------------------------------------------------------------------
def test_missing_matplotlib_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, dealership: motivsim.Scheme
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError) as info:
        require_matplotlib()
    assert info.value.message == (
        "pictures need matplotlib, which is not installed; install it with: pip install "
        "'motivsim[plot]'"
    )
    assert INSTALL_COMMAND == "pip install 'motivsim[plot]'"
    assert isinstance(info.value, ImportError)
    from motivsim.reporting.plot import pay_curve

    with pytest.raises(MissingDependencyError):
        pay_curve(dealership)


def test_missing_matplotlib_cli_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    out = tmp_path / "c.png"
    assert main(["plot", str(DEALERSHIP), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert (
        "error: pictures need matplotlib, which is not installed; install it with: pip install "
        "'motivsim[plot]'" in err
    )
    assert not out.exists()


# -- drawing (needs matplotlib) ------------------------------------------------------------------
@pytest.fixture
def mpl() -> object:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield matplotlib
    plt.close("all")


def test_pay_curve_draws_the_data(mpl: object, dealership: motivsim.Scheme) -> None:
    from motivsim.reporting.plot import pay_curve

    ax = pay_curve(dealership, points=51)
    data = curve_data(dealership, points=51)
    line = next(li for li in ax.get_lines() if li.get_label() == "pay")
    np.testing.assert_array_equal(line.get_xdata(), data.x)
    np.testing.assert_array_equal(line.get_ydata(), data.pay)
    assert ax.get_ylabel() == "pay, RUB per month"
    assert ax.get_xlabel() == "revenue, RUB — Revenue from cars sold"
    assert ax.xaxis.get_major_formatter()(12_000_000, 0) == "12,000,000"
    texts = [t.get_text() for t in ax.texts]
    assert "attainment = 0.7" in texts
    assert any(t.startswith("hitters' mean pay ") and t.endswith(" RUB") for t in texts)
    assert "principle 1 needs ≥ 3×" in ax.get_legend().get_title().get_text()


def test_pay_curve_on_given_axes_and_png(
    mpl: object, dealership_ru: motivsim.Scheme, tmp_path: Path
) -> None:
    from matplotlib.figure import Figure

    from motivsim.reporting.plot import pay_curve

    fig = Figure()
    ax = fig.subplots()
    assert pay_curve(dealership_ru, ax=ax, points=41) is ax  # Cyrillic: no missing-glyph warning
    fig.savefig(tmp_path / "ru.png")
    assert (tmp_path / "ru.png").read_bytes()[:8] == PNG_MAGIC


def test_dollar_signs_are_text_not_mathtext(mpl: object, tmp_path: Path) -> None:
    from motivsim.reporting.plot import pay_curve

    text = DEALERSHIP.read_text().replace(
        '"Car dealership sales manager"', '"US$ plan: $1 per $10"'
    )
    ax = pay_curve(motivsim.loads(text.replace('currency = "RUB"', 'currency = "$"')), points=21)
    assert ax.get_title(loc="left").startswith(r"US\$ plan: \$1 per \$10: pay against revenue")
    assert ax.get_ylabel() == r"pay, \$ per month"
    ax.figure.savefig(tmp_path / "dollar.png")  # an unescaped pair of $ would be parsed as math
    assert (tmp_path / "dollar.png").read_bytes()[:8] == PNG_MAGIC


def test_compare_curves_draws_both(mpl: object, dealership: motivsim.Scheme) -> None:
    from motivsim.reporting.plot import compare_curves

    steeper = motivsim.loads(DEALERSHIP.read_text().replace("0.015, 0.02]", "0.02, 0.03]"))
    ax = compare_curves(dealership, steeper, points=21)
    labels = [li.get_label() for li in ax.get_lines() if not li.get_label().startswith("_")]
    assert labels[0].startswith("old: Car dealership sales manager")
    assert labels[1].startswith("new: Car dealership sales manager")
    assert "new minus old: from 0 to " in ax.get_title(loc="left")


def test_pay_distribution_panels(mpl: object, dealership: motivsim.Scheme) -> None:
    from motivsim.reporting.plot import pay_distribution

    fig = pay_distribution(dealership, runs=3_000, seed=1)
    assert len(fig.axes) == 1  # one manager: the payroll is the same amount
    ax = fig.axes[0]
    assert sum(p.get_height() for p in ax.patches) == pytest.approx(100.0)
    assert [t.get_text().split(" ")[0] for t in ax.texts] == ["P5", "P50", "mean", "P95"]
    team = motivsim.load(ROOT / "schemes" / "team_dealership.toml")
    fig = pay_distribution(team, runs=2_000, seed=1)
    assert [a.get_title(loc="left") for a in fig.axes] == [
        "one manager's pay (any segment)",
        "payroll of the team (7 managers)",
    ]


# -- the command line ----------------------------------------------------------------------------
def test_cli_curve_png(mpl: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "curve.png"
    argv = ["plot", str(DEALERSHIP_RU), "--out", str(out), "--points", "41", "--lang", "en"]
    assert main(argv) == 0
    assert out.read_bytes()[:8] == PNG_MAGIC
    assert out.stat().st_size > 10_000
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"wrote {out}"
    assert lines[1].startswith("principle 1: those meeting the plan earn ")  # check's figure
    assert lines[1].endswith(
        "(20,000 draws of one manager's period from the [kpi] distributions; "
        "seed 0, as check --samples 20000 --seed 0)"
    )


def test_cli_distribution_png(mpl: object, tmp_path: Path) -> None:
    out = tmp_path / "dist.png"
    argv = ["plot", str(DEALERSHIP), "--kind", "distribution", "--runs", "2000", "--out", str(out)]
    assert main(argv) == 0
    assert out.read_bytes()[:8] == PNG_MAGIC


def test_cli_compare_svg(mpl: object, tmp_path: Path) -> None:
    out = tmp_path / "compare.svg"
    assert (
        main(["plot", str(DEALERSHIP), str(DEALERSHIP), "--kind", "compare", "--out", str(out)])
        == 0
    )
    assert out.read_text().lstrip().startswith("<?xml")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--out", "{tmp}/c.jpeg"],
            "--out '{tmp}/c.jpeg': cannot tell the picture format; end the name with .png, .svg, "
            ".pdf",
        ),
        (["--out", "{tmp}/no/c.png"], "--out '{tmp}/no/c.png': folder '{tmp}/no' does not exist"),
        (
            ["--out", "{tmp}/c.png", "--kind", "compare"],
            "--kind compare needs two schemes: plot OLD.toml NEW.toml --kind compare",
        ),
        (
            ["--out", "{tmp}/c.png", "--kpi", "revenu"],
            "'revenu' is not a KPI of scheme 'Car dealership sales manager' (did you mean "
            "'revenue'?)",
        ),
        (
            ["--out", "{tmp}/c.png", "--at", "cars_sold=1", "--at", "cars_sold=2"],
            "KPI 'cars_sold' is given twice",
        ),
    ],
    ids=["format", "folder", "compare-one", "kpi", "twice"],
)
def test_cli_errors(
    mpl: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(["plot", str(DEALERSHIP), *args]) == 2
    assert capsys.readouterr().err.strip() == "error: " + message.replace("{tmp}", str(tmp_path))


def test_a_plan_that_remembers_is_drawn_as_a_first_period_and_says_so(tmp_path, capsys) -> None:
    """A year-to-date plan's curve is one period, as a person's first (nothing carried,
    period 1): its plan line is found, and its principle 1 line gives no verdict of its own
    (check judges such a plan per plan year)."""
    plan = ROOT / "schemes" / "saas_ytd_trueup.toml"
    out = tmp_path / "curve.png"
    args = ["plot", str(plan), "--kind", "curve", "--samples", "2000", "--seed", "1"]
    assert main([*args, "--out", str(out)]) == 0
    assert out.stat().st_size > 10_000
    text = capsys.readouterr().out
    assert "one period alone, as a person's first" in text
    assert "check judges principle 1 per plan year" in text
    groups = group_pay(plan, samples=2_000, seed=1)
    assert groups is not None
    assert groups.first_period
    report = tmp_path / "r.html"
    assert (
        main(["report", str(plan), "--out", str(report), "--samples", "2000", "--seed", "1"]) == 0
    )
    assert "judged per plan year" in report.read_text(encoding="utf-8")
