"""A team's pay curves: one per segment when segments are paid by parameters of their own, the
people of a roster paid otherwise than their segment, the check's pay by plan attainment per
segment, and each segment's and person's own principle-1 figure."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import motivsim
from motivsim.checks.ratio import (
    MAX_PERSON_CURVES,
    RatioDetails,
    attainment_tables,
    own_figures,
    plan_variants,
)
from motivsim.cli.app import main
from motivsim.reporting.plot import (
    CurveData,
    TeamCurves,
    curve_data,
    pay_curves_data,
    team_curve_data,
)
from motivsim.sampling.draws import draw_kpis, require_distributions
from motivsim.sampling.seeding import STREAM_RATIO
from tests.conftest import SCHEMES

SAAS = SCHEMES / "saas_segments.toml"
ROSTER = SCHEMES / "dealership_roster.toml"
TEAM = SCHEMES / "team_dealership.toml"
DEALERSHIP = SCHEMES / "dealership.toml"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

#: The saas team with the same quota everywhere and a base of each segment's own.
SAME_PLAN = """
[scheme]
name = "Same plan, own base"
currency = "USD"
period = "quarter"

[kpi.new_arr]
controllable = true
min = 0
distribution = { type = "lognormal", median = 95_000, sigma = 0.45 }

[params]
quota = 100_000
base = 10_000

[formula]
pay = "base + 0.2 * new_arr + if(new_arr >= quota, 5_000, 0)"

[principles]
plan_met = "new_arr >= quota"

[[team.segment]]
name = "juniors"
count = 3

[[team.segment]]
name = "seniors"
count = 2
params = { base = 20_000 }
"""


def big_roster(people: int) -> motivsim.Scheme:
    """The dealership with a roster of ``people`` people, each with a plan of their own."""
    text = ROSTER.read_text(encoding="utf-8").replace('roster = "dealership_roster.csv"\n', "")
    rows = []
    for i in range(people):
        segment = "experienced" if i % 3 else "new hires"
        plan = (8_000_000 if segment == "experienced" else 4_000_000) + 250_000 * i
        rows.append(
            f'[[team.person]]\nname = "Person {i:02d}"\nsegment = "{segment}"\nplan = {plan}\n'
        )
    return motivsim.loads(text + "\n" + "\n".join(rows), path=str(ROSTER))


@pytest.fixture(scope="module")
def saas() -> motivsim.Scheme:
    return motivsim.load(SAAS)


@pytest.fixture(scope="module")
def roster() -> motivsim.Scheme:
    return motivsim.load(ROSTER)


@pytest.fixture(scope="module")
def mpl() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield matplotlib
    plt.close("all")


def kpi_values(curve: Any, name: str) -> dict[str, Any]:
    """The KPI values behind a curve's points: the x KPI and the other KPIs held."""
    return {name: curve.data.x, **curve.data.fixed}


def pay_as(scheme: motivsim.Scheme, values: Any, options: dict[str, str]) -> Any:
    """``scheme.pay(values, person=...)`` or ``scheme.pay(values, segment=...)``."""
    return scheme.pay(values, person=options.get("person"), segment=options.get("segment"))


# -- which sets of parameters ---------------------------------------------------------------
def test_variants_of_the_example_schemes(saas: motivsim.Scheme, roster: motivsim.Scheme) -> None:
    assert plan_variants(motivsim.load(TEAM)) is None  # segments without params
    assert plan_variants(motivsim.load(DEALERSHIP)) is None  # no team
    variants = plan_variants(saas)
    assert variants is not None
    assert [v.name for v in variants.segments] == ["SMB", "mid-market", "enterprise"]
    assert variants.people == ()
    assert variants.keys == ("annual_quota", "on_target_pay")
    variants = plan_variants(roster)
    assert variants is not None
    assert [v.name for v in variants.segments] == ["experienced", "new hires"]
    # Boris, Viktor, Dmitry and Fyodor are paid by their segment's parameters
    assert [v.people for v in variants.people] == [
        ("Anna Petrova",),
        ("Galina Kuznetsova",),
        ("Elena Sokolova",),
        ("Irina Kozlova",),
    ]
    assert variants.movers == 4
    assert set(variants.keys) == {"base", "plan"}


# -- the curves ---------------------------------------------------------------------------------
def test_one_curve_per_segment_on_a_plan_attainment_axis(saas: motivsim.Scheme) -> None:
    team = pay_curves_data(saas, samples=0)
    assert isinstance(team, TeamCurves)
    assert team.attainment
    assert [c.name for c in team.segments] == ["SMB", "mid-market", "enterprise"]
    assert [c.scale for c in team.segments] == [100_000, 250_000, 600_000]  # each one's quota
    for curve in team.segments:
        np.testing.assert_array_equal(curve.x, curve.data.x / curve.scale)
        assert curve.x[0] == team.segments[0].x[0]
        assert curve.x[-1] == team.segments[0].x[-1]
        assert "annual_quota" in curve.label
        assert "on_target_pay" in curve.label
    # the rule changes every segment shares, at the same share of its own plan
    assert [(m.kind, m.x) for m in team.markers] == [
        ("bracket", 1.0),
        ("plan", 1.0),
        ("bracket", 1.5),
    ]
    assert [(r.start, r.met) for r in team.regions] == [(0.0, False), (1.0, True)]


@pytest.mark.parametrize("path", [SAAS, ROSTER])
def test_each_curve_is_scheme_pay_of_its_segment_or_person(path: Path) -> None:
    scheme = motivsim.load(path)
    team = pay_curves_data(scheme, samples=0, points=61)
    assert isinstance(team, TeamCurves)
    name = team.kpi.name
    for curve in team.curves:
        options = {"person": curve.people[0]} if curve.people else {"segment": curve.segment}
        assert curve.options == options
        expected = pay_as(scheme, kpi_values(curve, name), options)
        np.testing.assert_array_equal(curve.pay, expected)
        for x, pay in list(zip(curve.data.x, curve.pay, strict=True))[::7]:
            one = {name: float(x), **curve.data.fixed}
            assert pay == pytest.approx(pay_as(scheme, one, options), rel=1e-12)


def test_the_enterprise_curve_uses_the_enterprise_quota(saas: motivsim.Scheme) -> None:
    team = pay_curves_data(saas, samples=0)
    assert isinstance(team, TeamCurves)
    enterprise = team.segments[2]
    at_plan = float(np.interp(1.0, enterprise.x, enterprise.pay))
    # 240,000 on-target pay a year: 30,000 base + 30,000 variable a quarter at quota
    assert at_plan == pytest.approx(60_000)
    assert at_plan == saas.pay({"new_arr": 600_000}, segment="enterprise")


def test_people_of_a_small_roster_get_a_curve_each(roster: motivsim.Scheme) -> None:
    team = pay_curves_data(roster, samples=0)
    assert isinstance(team, TeamCurves)
    assert [c.name for c in team.segments] == ["experienced", "new hires"]
    assert [c.name for c in team.people] == [
        "Anna Petrova",
        "Galina Kuznetsova",
        "Elena Sokolova",
        "Irina Kozlova",
    ]
    assert team.bands == ()
    assert team.attainment
    anna = team.people[0]
    assert anna.scale == 13_000_000  # her own plan
    assert anna.data.fixed == {"cars_sold": 8.0}  # her segment's typical cars sold
    assert team.people[3].data.fixed == {"cars_sold": 5.0}  # a new hire's


def test_a_large_roster_is_a_band_per_segment() -> None:
    scheme = big_roster(MAX_PERSON_CURVES + 6)
    team = pay_curves_data(scheme, samples=0)
    assert isinstance(team, TeamCurves)
    assert team.people == ()
    assert [b.segment for b in team.bands] == ["experienced", "new hires"]
    variants = plan_variants(scheme)
    assert variants is not None
    assert variants.banded
    # Person 08 has the experienced segment's own plan: drawn as the segment's curve
    assert sum(b.people for b in team.bands) == variants.movers == MAX_PERSON_CURVES + 5
    name = team.kpi.name
    for band in team.bands:
        assert np.all(band.low <= band.high)
        for person in scheme.team.members(band.segment):
            own = scheme.person_scheme(person.name)
            plan = float(own.params["plan"])
            fixed = team.segments[0 if band.segment == "experienced" else 1].data.fixed
            xs = band.x[::10]
            pay = scheme.pay(
                {name: xs * plan, **{k: np.full(xs.shape, v) for k, v in fixed.items()}},
                person=person.name,
            )
            assert np.all(band.low[::10] <= pay)
            assert np.all(pay <= band.high[::10])


def test_the_kpi_on_the_x_axis_when_the_plan_is_the_same(make_scheme: Any) -> None:
    scheme = motivsim.loads(SAME_PLAN)
    team = pay_curves_data(scheme, samples=0)
    assert isinstance(team, TeamCurves)
    assert not team.attainment
    assert [c.scale for c in team.segments] == [1.0, 1.0]
    assert [c.label for c in team.segments] == ["base 10,000", "base 20,000"]
    np.testing.assert_array_equal(team.segments[0].x, team.segments[1].x)
    np.testing.assert_allclose(team.segments[1].pay - team.segments[0].pay, 10_000, rtol=1e-12)


def test_another_kpi_than_the_plans_is_on_its_own_axis(roster: motivsim.Scheme) -> None:
    team = pay_curves_data(roster, kpi="cars_sold", samples=0)
    assert isinstance(team, TeamCurves)
    assert not team.attainment
    assert team.regions == ()  # Elena meets her plan at her segment's typical revenue, Boris not
    for curve in team.curves:
        np.testing.assert_array_equal(
            curve.pay, pay_as(roster, kpi_values(curve, "cars_sold"), curve.options)
        )


def test_nothing_differs_one_curve_as_before() -> None:
    for path in (DEALERSHIP, TEAM):
        scheme = motivsim.load(path)
        data = pay_curves_data(scheme, samples=2_000, seed=3)
        assert isinstance(data, CurveData)
        before = curve_data(scheme, samples=2_000, seed=3)
        np.testing.assert_array_equal(data.x, before.x)
        np.testing.assert_array_equal(data.pay, before.pay)
        assert data.groups == before.groups
    with pytest.raises(motivsim.errors.ArgumentError, match="one curve shows it"):
        team_curve_data(motivsim.load(DEALERSHIP))


def test_one_segment_with_its_own_params_is_one_curve_of_them() -> None:
    text = SAME_PLAN.split("[[team.segment]]")[0] + (
        '[[team.segment]]\nname = "all"\ncount = 4\nparams = { base = 15_000 }\n'
    )
    scheme = motivsim.loads(text)
    data = pay_curves_data(scheme, samples=1_000)
    assert isinstance(data, CurveData)
    np.testing.assert_array_equal(data.pay, scheme.pay({"new_arr": data.x}, segment="all"))
    assert data.groups is not None
    assert data.groups.team


def test_the_team_figure_is_principle_ones(saas: motivsim.Scheme) -> None:
    team = pay_curves_data(saas, samples=3_000, seed=5)
    assert isinstance(team, TeamCurves)
    ratio = motivsim.check(saas, samples=3_000, seed=5).result("ratio")
    details = ratio.details
    assert isinstance(details, RatioDetails)
    assert details.split is not None
    assert team.groups is not None
    assert team.groups.ratio == ratio.value
    assert team.segment_ratios == {s.name: s.ratio for s in details.split.segments}


def test_text_and_json(roster: motivsim.Scheme) -> None:
    team = pay_curves_data(roster, samples=0)
    assert isinstance(team, TeamCurves)
    text = str(team)
    for name in ("experienced", "new hires", "Anna Petrova", "Irina Kozlova"):
        assert name in text
    data = json.loads(json.dumps(team.to_dict()))
    assert data["axis"] == "attainment"
    assert [c["name"] for c in data["people"]] == [c.name for c in team.people]


# -- the pictures -------------------------------------------------------------------------------
def curve_lines(ax: Any) -> list[Any]:
    return [li for li in ax.get_lines() if not li.get_label().startswith("_")]


def test_the_picture_draws_a_curve_per_segment(mpl: Any, saas: motivsim.Scheme) -> None:
    from motivsim.reporting.plot import pay_curve

    ax = pay_curve(saas, points=51, samples=1_000)
    lines = curve_lines(ax)
    assert [li.get_label().split(":")[0] for li in lines] == ["SMB", "mid-market", "enterprise"]
    team = pay_curves_data(saas, points=51, samples=0)
    assert isinstance(team, TeamCurves)
    for line, curve in zip(lines, team.segments, strict=True):
        np.testing.assert_array_equal(line.get_xdata(), curve.x)
        np.testing.assert_array_equal(line.get_ydata(), curve.pay)
    assert "plan attainment" in ax.get_xlabel()
    assert ax.xaxis.get_major_formatter()(1.5, 0) == "150%"
    assert "one curve per segment" in ax.get_title(loc="left")


def test_the_picture_of_a_scheme_without_team_params_has_one_curve(mpl: Any) -> None:
    from motivsim.reporting.plot import pay_curve

    for path in (DEALERSHIP, TEAM):
        ax = pay_curve(motivsim.load(path), points=51, samples=1_000)
        assert [li.get_label() for li in curve_lines(ax)] == ["pay"]


def test_the_picture_of_a_roster(mpl: Any, roster: motivsim.Scheme) -> None:
    from motivsim.reporting.plot import pay_curve

    ax = pay_curve(roster, points=51, samples=1_000)
    labels = [li.get_label() for li in curve_lines(ax)]
    assert len(labels) == 2 + 4
    assert labels[2].startswith("Anna Petrova (experienced): base 50,000, plan 13,000,000")
    widths = [li.get_linewidth() for li in curve_lines(ax)]
    assert min(widths[:2]) > max(widths[2:])  # the people's curves are thin


def test_the_picture_of_a_large_roster_says_it_is_a_band(mpl: Any) -> None:
    from motivsim.reporting.plot import pay_curve

    ax = pay_curve(big_roster(MAX_PERSON_CURVES + 6), points=51, samples=0)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("people with their own parameters, lowest to highest pay" in t for t in texts)


def test_cli_plot_of_segments(mpl: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "segments.png"
    assert main(["plot", str(SAAS), "--out", str(out), "--samples", "2000"]) == 0
    assert out.read_bytes()[:8] == PNG_MAGIC
    printed = capsys.readouterr().out
    assert "principle 1: those meeting the plan earn 1." in printed


# -- the report ---------------------------------------------------------------------------------
def test_the_report_shows_each_segment(mpl: Any, roster: motivsim.Scheme) -> None:
    from motivsim.reporting.html import collect, render_html

    parts = collect(roster, samples=2_000, runs=2_000, seed=1)
    assert isinstance(parts.curves[0], TeamCurves)
    page = html.unescape(render_html(parts))
    section = page[page.index('<section id="curves">') : page.index('<section id="simulation">')]
    for name in ("experienced", "new hires", "Anna Petrova", "Irina Kozlova"):
        assert name in section
    # the curves' principle 1 figure is the check's: one set of numbers on the page
    assert parts.check is not None
    assert parts.curves[0].groups is not None
    assert parts.curves[0].groups.ratio == parts.check.result("ratio").value
    # the check's pay by plan attainment is a table with a row per segment and person
    table = re.search(r"<li>pay by plan attainment per segment and person.*?</table>", page, re.S)
    assert table is not None
    for name in ("experienced", "new hires", "Anna Petrova (experienced)"):
        assert f"<td>{name}</td>" in table.group(0)
    assert '<td class="num">310,000.00</td>' in table.group(0)  # Anna at 100% of her plan


def test_the_report_of_saas_segments(mpl: Any, saas: motivsim.Scheme) -> None:
    from motivsim.reporting.html import collect, render_html

    page = html.unescape(render_html(collect(saas, samples=2_000, runs=2_000, seed=1)))
    section = page[page.index('<section id="curves">') : page.index('<section id="simulation">')]
    for name in ("SMB", "mid-market", "enterprise"):
        assert f"<td>{name}</td>" in section
    assert "one curve per segment: SMB, mid-market, enterprise" in section


# -- the check: pay by plan attainment and each one's own figure --------------------------------
def test_pay_by_attainment_per_segment(saas: motivsim.Scheme) -> None:
    tables = attainment_tables(saas)
    assert [(t.segment, t.plan_value) for t in tables] == [
        ("SMB", 100_000),
        ("mid-market", 250_000),
        ("enterprise", 600_000),
    ]
    for table in tables:
        assert table.segment is not None
        for point in table.points:
            assert point.value == pytest.approx(point.attainment * table.plan_value)
            assert point.pay == saas.pay({"new_arr": point.value}, segment=table.segment)
    result = motivsim.check(saas, samples=2_000, seed=1).result("ratio")
    details = result.details
    assert isinstance(details, RatioDetails)
    assert details.pay_by_segment == tables
    notes = "\n".join(result.notes)
    assert "pay by plan attainment per segment (new_arr against each one's own plan" in notes
    assert re.search(r"enterprise\s+600,000\s+45,000\s+51,000", notes)
    data = json.loads(json.dumps(details.to_dict()))
    assert [t["segment"] for t in data["pay_by_segment"]] == ["SMB", "mid-market", "enterprise"]
    assert [f["name"] for f in data["own_figures"]] == ["SMB", "mid-market", "enterprise"]


def test_no_per_segment_table_without_team_params() -> None:
    for path in (DEALERSHIP, TEAM):
        result = motivsim.check(motivsim.load(path), samples=2_000, seed=1).result("ratio")
        details = result.details
        assert isinstance(details, RatioDetails)
        assert details.pay_by_segment == ()
        assert details.own == ()
        assert any(n.startswith("pay by plan attainment (revenue; plan") for n in result.notes)


def test_a_persons_rows_use_exact_shares_of_their_plan(roster: motivsim.Scheme) -> None:
    tables = {t.people or (t.segment,): t for t in attainment_tables(roster)}
    galina = tables[("Galina Kuznetsova",)]
    point = next(p for p in galina.points if p.attainment == 0.7)
    assert point.value == 7_700_000  # not 0.7 * 11e6 = 7,699,999.999999999 below the bracket
    assert point.pay == roster.pay(
        {"revenue": 7_700_000, "cars_sold": 8}, person="Galina Kuznetsova"
    )


def direct_figure(scheme: motivsim.Scheme, person: str, samples: int, seed: int) -> float:
    """A person's figure computed here: their segment's KPIs drawn as principle 1 draws them,
    paid with their parameters, split by their own plan."""
    own = scheme.person_scheme(person)
    dists = require_distributions(own, dict.fromkeys(["revenue", "cars_sold"], "pay"))
    values = draw_kpis(own, dists, samples, seed=seed, stream=STREAM_RATIO)
    pay = scheme.pay(values, person=person)
    met = values["revenue"] >= float(scheme.person_params(person)["plan"])
    return float(pay[met].mean() / pay[~met].mean())


def test_each_persons_own_figure(roster: motivsim.Scheme) -> None:
    samples, seed = 4_000, 9
    figures = own_figures(roster, samples=samples, seed=seed)
    assert [f.name for f in figures] == [
        "experienced",
        "new hires",
        *(p.name for p in roster.people),
    ]
    by_name = {f.name: f for f in figures}
    for person in roster.people:
        figure = by_name[person.name]
        assert figure.person
        assert figure.segment == person.segment
        assert figure.ratio == pytest.approx(
            direct_figure(roster, person.name, samples, seed), rel=1e-12
        )
        assert figure.ratio is not None
        assert figure.passed == (figure.ratio >= roster.principles.min_ratio)
    # people paid by their segment's parameters have the segment's own figure
    assert by_name["Boris Ivanov"].ratio == by_name["experienced"].ratio
    assert by_name["Fyodor Lebedev"].ratio == by_name["new hires"].ratio
    assert by_name["Anna Petrova"].ratio != by_name["experienced"].ratio
    data = json.loads(json.dumps([f.to_dict() for f in figures]))
    assert data[2]["name"] == "Anna Petrova"
    assert data[2]["kind"] == "person"
    assert data[2]["params"]["plan"] == 13_000_000


def test_own_figures_of_segments_and_a_roster_too_large(saas: motivsim.Scheme) -> None:
    figures = own_figures(saas, samples=2_000, seed=1)
    assert [f.name for f in figures] == ["SMB", "mid-market", "enterprise"]
    assert not any(f.passed for f in figures)  # 1.6x to 1.9x: the saas plan fails everywhere
    large = big_roster(20)
    assert len(own_figures(large, samples=500, seed=1, limit=10)) == 2  # segments only
    assert len(own_figures(large, samples=500, seed=1)) == 2 + 20
    with pytest.raises(motivsim.errors.ArgumentError):
        own_figures(saas, samples=0, seed=1)
