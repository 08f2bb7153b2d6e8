"""One principle-1 figure: check, simulate, plot and report print the same ratio (issue 11).

Principle 1's figure is the mean pay of the manager-periods that meet the plan over that of
those that miss it, each period on its own, pooled over the team as declared (segments with
their headcounts, distributions, parameters and the copula); a scheme without a team draws one
manager from its ``[kpi]`` distributions, as ``check`` always did. For the same scheme,
samples (``--runs`` for simulate) and seed, the four commands print the same digits.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import motivsim
from motivsim.checks.ratio import PlanSplit, format_ratio, group_stats, has_team, measure
from motivsim.cli.app import main
from motivsim.simulation import simulate
from motivsim.simulation.summarize import with_principle_one
from tests.conftest import SCHEMES

SAMPLES, SEED = 3_000, 11
#: Two teams (one with per-segment parameters) and a scheme without a team.
NAMES = ("team_dealership.toml", "saas_segments.toml", "dealership.toml")


@pytest.fixture(scope="module")
def mpl() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield matplotlib
    plt.close("all")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code in (0, 1), err  # check exits 1 when a principle fails
    return out


def figure_in(text: str, pattern: str) -> str:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return found.group(1)


@pytest.mark.parametrize("name", NAMES)
def test_the_four_commands_print_the_same_figure(
    name: str, mpl: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(SCHEMES / name)
    n, seed = str(SAMPLES), str(SEED)

    report = json.loads(run(capsys, "check", path, "--samples", n, "--seed", seed, "--json"))
    ratio = next(r for r in report["results"] if r["name"] == "ratio")
    checked = format_ratio(ratio["value"])
    text = run(capsys, "check", path, "--samples", n, "--seed", seed)
    assert f"those who meet the plan earn {checked} those who miss it" in text

    shown = {"check": checked}
    out = run(capsys, "simulate", path, "--runs", n, "--seed", seed)
    shown["simulate"] = figure_in(out, r"Principle 1: those meeting the plan earn (\S+) ")
    out = run(capsys, "simulate", path, "--runs", n, "--seed", seed, "--periods", "12")
    shown["simulate --periods 12"] = figure_in(
        out, r"Principle 1: those meeting the plan earn (\S+) "
    )
    assert "drawn apart from the simulation above" in out  # the label says it is not its draws
    out = run(
        capsys, "plot", path, "--samples", n, "--seed", seed, "--out", str(tmp_path / "c.png")
    )
    shown["plot"] = figure_in(out, r"principle 1: those meeting the plan earn (\S+) ")
    out_html = tmp_path / "r.html"
    run(capsys, "report", path, "--samples", n, "--runs", n, "--seed", seed, "--out", str(out_html))
    page = html.unescape(out_html.read_text(encoding="utf-8"))
    shown["report (principles)"] = figure_in(page, r'<td class="num">([0-9.,]+x)<br>')
    shown["report (simulation)"] = (
        figure_in(
            page,
            r"principle 1: meeting vs missing the plan \([^<]*\)</td><td class=\"num\">([^<]+)×",
        )
        + "x"
    )
    assert set(shown.values()) == {checked}, shown


@pytest.mark.parametrize("name", ["team_dealership.toml", "saas_segments.toml"])
def test_a_teams_check_and_simulate_print_the_same_mean_pay(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(SCHEMES / name)
    check = run(capsys, "check", path, "--samples", str(SAMPLES), "--seed", str(SEED))
    met, missed = re.findall(
        r"mean pay per \w+: ([\d,.]+ \w+) if met, ([\d,.]+ \w+) if missed", check
    )[0]
    sim = run(capsys, "simulate", path, "--runs", str(SAMPLES), "--seed", str(SEED))
    assert f"{met} vs {missed})" in sim
    # the simulation's own share meeting the plan is the check's (the same draws)
    share = figure_in(check, r"([\d.]+%) of [\d,]+ manager-\w+ meet the plan")
    assert f"Meeting the plan: {share} of manager-" in sim


@pytest.mark.parametrize("runs", [1, 1_000, 5_000, 20_001])
@pytest.mark.parametrize("name", ["team_dealership.toml", "saas_segments.toml"])
def test_a_teams_figure_is_the_one_period_simulation_bit_for_bit(name: str, runs: int) -> None:
    scheme = motivsim.load(SCHEMES / name)
    split = measure(scheme, samples=runs, seed=4)
    for workers in (1, 3):
        result = simulate(scheme, runs=runs, seed=4, workers=workers, chunk_size=20_000)
        assert result.principle_1 is not None
        own = result.principle_1
        assert (own.met.count, own.missed.count) == (split.met.count, split.missed.count)
        assert (own.met.mean, own.missed.mean) == (split.met.mean, split.missed.mean)
        assert own.ratio == split.ratio == result.hitter_ratio
        assert [(s.name, s.met.mean, s.missed.mean) for s in own.segments] == [
            (s.name, s.met.mean, s.missed.mean) for s in split.segments
        ]


def test_a_team_is_measured_as_declared() -> None:
    scheme = motivsim.load(SCHEMES / "saas_segments.toml")
    split = measure(scheme, samples=SAMPLES, seed=SEED)
    assert has_team(scheme)
    assert split.team
    assert (split.managers, split.count) == (12, 12 * SAMPLES)
    # each segment with its own quota and pay: its own share and ratio, pooled by headcount
    assert [(s.name, s.count) for s in split.segments] == [
        ("SMB", 6),
        ("mid-market", 4),
        ("enterprise", 2),
    ]
    assert sum(s.met.count + s.missed.count for s in split.segments) == split.count
    assert sum(s.met.count for s in split.segments) == split.met.count
    assert "pooled over the team's 12 managers" in split.basis(scheme.period)
    assert "3,000 draws of one quarter each (36,000 manager-quarters)" in split.basis("quarter")


def test_without_a_team_the_figure_is_checks_as_before() -> None:
    scheme = motivsim.load(SCHEMES / "dealership.toml")
    assert not has_team(scheme)
    split = measure(scheme, samples=20_000, seed=1)
    plan_met = scheme.principles.plan_met
    assert plan_met is not None
    assert (split.met, split.missed) == group_stats(scheme, plan_met, samples=20_000, seed=1)
    assert format_ratio(split.ratio) == "2.60x"  # the value check printed before issue 11
    assert (
        split.basis("month") == "20,000 draws of one manager's month from the [kpi] distributions"
    )


@pytest.mark.parametrize(("name", "periods"), [("dealership.toml", 1), ("team_dealership.toml", 3)])
def test_simulate_measures_the_figure_apart_when_its_draws_are_not_it(
    name: str, periods: int
) -> None:
    scheme = motivsim.load(SCHEMES / name)
    result = simulate(scheme, runs=2_000, periods=periods, seed=3)
    assert result.principle_1 is None  # this simulation's draws are not principle 1's sample
    assert "over this simulation's" in str(result)  # so its own figure says what it pools
    full = with_principle_one(result, scheme)
    assert isinstance(full.principle_1, PlanSplit)
    assert full.principle_1.ratio == measure(scheme, samples=2_000, seed=3).ratio
    assert "drawn apart from the simulation above" in str(full)
    assert full.to_dict()["principle_1"]["draws"] == 2_000


def test_checks_json_says_what_the_figure_pools(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(
        capsys,
        "check",
        str(SCHEMES / "team_dealership.toml"),
        "--samples",
        "2000",
        "--seed",
        "1",
        "--json",
    )
    details = next(r for r in json.loads(out)["results"] if r["name"] == "ratio")["details"]
    assert details["team"] is True
    assert (details["draws"], details["managers"], details["manager_periods"]) == (2_000, 7, 14_000)
    assert [s["name"] for s in details["segments"]] == ["strong", "new hires"]
    assert details["share_met"] == pytest.approx(details["met"]["count"] / 14_000)
