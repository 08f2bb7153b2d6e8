"""Named people: ``[team] roster = "team.csv"`` and ``[[team.person]]``, their parameters in
pay (exact, scalar and vector), in ``explain --person`` and in ``simulate``."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.csvtable import cell_number, parse_table
from motivsim.errors import ArgumentError, SchemeError
from motivsim.simulation.job import make_job, prepare
from motivsim.simulation.people import Grouped

HEAD = """\
[scheme]
name = "Roster test"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "empirical", values = [0, 90, 100, 110, 120, 150, 181, 200, 300] }

[params]
base = 1_000
plan = 100
third = "plan / 3"
rate = 0.5
tier_at = 150

[formula]
attainment = "revenue / plan"
over = "step(revenue, [tier_at], [0, 77])"
extra = "if(revenue >= third * 3, 5, 0)"
pay = "base + rate * revenue * if(attainment >= 1, 2, 1) + over + extra"

[principles]
plan_met = "revenue >= plan"
"""

SEGMENTS = """
[[team.segment]]
name = "a"
params = { base = 2_000 }

[[team.segment]]
name = "b"
"""

PEOPLE = """
[[team.person]]
name = "p1"
segment = "a"
plan = 110

[[team.person]]
name = "p2"
segment = "b"
tier_at = 120
rate = 0.25

[[team.person]]
name = "p3"
segment = "a"
tier_at = 200
plan = 120

[[team.person]]
name = "p4"
segment = "b"

[[team.person]]
name = "p5"
segment = "a"
plan = 90.5
"""

SUPPORT = [0, 90, 100, 110, 120, 150, 181, 200, 300]


def roster_scheme(people: str = PEOPLE, segments: str = SEGMENTS) -> motivsim.Scheme:
    return motivsim.loads(HEAD + segments + people, path="roster.toml")


def write(tmp_path: Path, csv: str, team: str = '[team]\nroster = "team.csv"\n') -> Path:
    (tmp_path / "team.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "scheme.toml"
    path.write_text(HEAD + team + SEGMENTS, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Parameters resolved per person
# ---------------------------------------------------------------------------------------------
def test_people_inherit_the_segment_and_override_their_own_exactly():
    scheme = roster_scheme()
    people = {p.name: dict(p.params) for p in scheme.people}
    assert [p.name for p in scheme.people] == ["p1", "p2", "p3", "p4", "p5"]
    assert people["p1"]["base"] == 2_000  # the segment's
    assert people["p1"]["plan"] == 110  # their own
    assert people["p1"]["third"] == Fraction(110, 3)  # derived from their own, a third exactly
    assert people["p4"] == dict(scheme.params)  # nothing of their own, segment "b" has none
    assert people["p5"]["plan"] == Fraction(181, 2)
    assert scheme.team.segment("a").count == 3
    assert scheme.team.segment("b").count == 2


@pytest.mark.parametrize("name", ["p1", "p2", "p3", "p4", "p5"])
def test_each_persons_values_reach_pay_exact_scalar_and_vector(name):
    scheme = roster_scheme()
    reference = scheme.with_params(dict(scheme.person_params(name)))  # the file with their numbers
    vector = scheme.pay({"revenue": np.array(SUPPORT, dtype=float)}, person=name)
    for i, revenue in enumerate(SUPPORT):
        exact = scheme.exact({"revenue": revenue}, person=name)["pay"]
        assert exact == reference.exact({"revenue": revenue})["pay"]
        assert scheme.pay({"revenue": revenue}, person=name) == float(exact)
        assert vector[i] == float(exact)


def test_a_persons_own_value_changes_pay_where_it_decides():
    scheme = roster_scheme()
    # p1's plan is 110: at 100 they miss it (no doubling), p4 (plan 100) meets it
    assert scheme.pay({"revenue": 100}, person="p4") == 1_000 + 100 + 5
    assert scheme.pay({"revenue": 100}, person="p1") == 2_000 + 50
    # p5's plan 90.5: 181 is exactly 2x; third * 3 == plan exactly, so the extra is paid at 90.5
    assert scheme.exact({"revenue": Fraction(181, 2)}, person="p5")["extra"] == 5
    # p2's tier starts at 120, p3's at 200
    assert (
        scheme.pay({"revenue": 120}, person="p2") - scheme.pay({"revenue": 119}, person="p2") > 77
    )
    assert scheme.exact({"revenue": 150}, person="p3")["over"] == 0


def test_pay_for_an_unknown_person_says_who_there_is():
    scheme = roster_scheme()
    with pytest.raises(ArgumentError, match="no person 'p6'") as info:
        scheme.pay({"revenue": 1}, person="p6")
    assert info.value.hint is not None
    with pytest.raises(ArgumentError, match="no roster"):
        motivsim.loads(HEAD).pay({"revenue": 1}, person="Anna")
    with pytest.raises(ArgumentError, match="not both"):
        scheme.pay({"revenue": 1}, person="p1", segment="a")


def test_person_scheme_is_the_persons_plan_alone():
    scheme = roster_scheme()
    own = scheme.person_scheme("p2")
    assert own.team.size == 1
    assert [p.name for p in own.team.people] == ["p2"]
    assert own.params["tier_at"] == 120
    assert own.params["rate"] == Fraction(1, 4)


# ---------------------------------------------------------------------------------------------
# The roster file and [[team.person]] tables
# ---------------------------------------------------------------------------------------------
def test_a_csv_roster_with_blank_cells_and_digit_groups(tmp_path):
    csv = "name,segment,plan\nAnna,a,120_000\nBoris,b,\n Vera , a , 1 000 \n"
    scheme = motivsim.load(write(tmp_path, csv))
    assert [(p.name, p.segment) for p in scheme.team.people] == [
        ("Anna", "a"),
        ("Boris", "b"),
        ("Vera", "a"),
    ]
    assert scheme.person_params("Boris")["plan"] == 100  # a blank cell keeps the scheme's
    assert scheme.person_params("Vera")["plan"] == 1_000


def test_a_semicolon_roster_reads_decimal_commas(tmp_path):
    csv = "name;segment;rate\nAnna;a;0,035\nBoris;b;1 000,5\n"
    scheme = motivsim.load(write(tmp_path, csv))
    assert scheme.person_params("Anna")["rate"] == Fraction(35, 1000)
    assert scheme.person_params("Boris")["rate"] == Fraction(2001, 2)


def test_the_roster_is_relative_to_the_scheme_file(tmp_path, monkeypatch):
    path = write(tmp_path, "name,segment\nAnna,a\nBoris,b\n")
    monkeypatch.chdir("/")
    assert motivsim.load(path).team.size == 2


def test_a_roster_without_segments_is_one_segment(tmp_path):
    (tmp_path / "team.csv").write_text("name,plan\nAnna,90\nBoris,\n", encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(HEAD + '[team]\nroster = "team.csv"\n', encoding="utf-8")
    scheme = motivsim.load(path)
    assert [s.count for s in scheme.team.segments] == [2]
    assert scheme.pay({"revenue": 95}, person="Anna") > scheme.pay({"revenue": 95}, person="Boris")


@pytest.mark.parametrize(
    ("csv", "message", "line", "column", "hint"),
    [
        ("name,segment\nAnna,c\n", "segment 'c', which the team does not have", 2, 6, "segments"),
        ("name,segment\nAnna,aa\n", "segment 'aa'", 2, 6, "did you mean 'a'?"),
        ("name,segment,quota\nAnna,a,1\n", "column 'quota' is not", 1, 14, "columns: name"),
        ("name,segment,plna\nAnna,a,1\n", "column 'plna' is not", 1, 14, "did you mean 'plan'"),
        ("name,segment,plan\nAnna,a,lots\n", "column 'plan' must be a number", 2, 8, "plain"),
        ("name,segment,plan\nAnna,a,5%\n", "must be a number", 2, 8, "0.05"),
        ("name,segment,plan\nAnna,a,1.5\nAnna,b,2\n", "in the roster twice", 3, 1, "one line"),
        ("segment,plan\na,1\n", "no 'name' column", 1, 1, "name,segment"),
        ("name,segment,plan\nAnna,a,1,5\n", "4 cells but the header names 3", 2, 10, "comma"),
        ("name,segment,plan\nAnna,a,0,5\n", "4 cells", 2, 10, "use ; between"),
        ("name,plan\nAnna,1\n", "needs a segment", 2, 1, "segment column"),
        ("name,segment,plan\n,a,1\n", "has no name", 2, 1, "write their name"),
        ("name,segment,plan,plan\nAnna,a,1,2\n", "column 'plan' twice", 1, 19, "rename"),
        ("name,segment,plan\nAnna,a,1e400\n", "too large", 2, 8, "thousands"),
        ('name,segment\n"Anna,a\n', "never closed", 2, 1, "close it"),
        ("name,segment\n", "has no people", 1, 1, "a line per person"),
    ],
)
def test_roster_errors_name_file_line_and_column(tmp_path, csv, message, line, column, hint):
    with pytest.raises(SchemeError, match=message) as info:
        motivsim.load(write(tmp_path, csv))
    where = info.value.location
    assert where is not None
    assert Path(where.path or "").name == "team.csv"
    assert (where.line, where.column) == (line, column)
    assert hint in (info.value.hint or "")
    assert "team.csv:" in str(info.value)  # printed as file:line:col with the line shown


def test_a_missing_roster_file_points_at_the_scheme_key(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(HEAD + '[team]\nroster = "nobody.csv"\n' + SEGMENTS, encoding="utf-8")
    with pytest.raises(SchemeError, match="cannot read the roster") as info:
        motivsim.load(path)
    assert info.value.location is not None
    assert info.value.location.path == str(path)
    assert info.value.location.line == HEAD.count("\n") + 2
    assert "nobody.csv" in (info.value.hint or "")


def test_a_roster_in_another_code_page_says_how_to_save_it(tmp_path):
    (tmp_path / "team.csv").write_bytes("name,segment\nАнна,a\n".encode("cp1251"))
    path = tmp_path / "s.toml"
    path.write_text(HEAD + '[team]\nroster = "team.csv"\n' + SEGMENTS, encoding="utf-8")
    with pytest.raises(SchemeError, match="not UTF-8") as info:
        motivsim.load(path)
    assert "CSV UTF-8" in (info.value.hint or "")


@pytest.mark.parametrize(
    ("team", "message"),
    [
        ('[team]\nroster = "team.csv"\n[[team.person]]\nname = "x"\n', "both a roster"),
        ("[team]\nroster = 5\n", "must be the path of a CSV file"),
        ('[[team.person]]\nname = "p"\nsegment = "a"\nquota = 1\n', "unknown key"),
        ('[[team.person]]\nname = "p"\nsegment = "a"\nplan = "100"\n', "must be a number"),
        ('[[team.person]]\nsegment = "a"\n', "needs a name"),
        ('[[team.person]]\nname = "p"\nsegment = "z"\n', "does not have"),
        ('[[team.person]]\nname = "p"\nsegment = "a"\n[[team.person]]\nname = "p"\n', "twice"),
    ],
)
def test_person_table_errors_are_located(tmp_path, team, message):
    (tmp_path / "team.csv").write_text("name,segment\nAnna,a\n", encoding="utf-8")
    path = tmp_path / "s.toml"
    path.write_text(HEAD + SEGMENTS + team, encoding="utf-8")
    with pytest.raises(SchemeError, match=message) as info:
        motivsim.load(path)
    assert info.value.location is not None
    assert info.value.location.line is not None


def test_a_segment_count_must_match_its_people():
    segments = SEGMENTS.replace('name = "b"', 'name = "b"\ncount = 5')
    with pytest.raises(SchemeError, match="count = 5 but the roster has 2") as info:
        roster_scheme(segments=segments)
    assert "remove count" in (info.value.hint or "")
    with pytest.raises(SchemeError, match="no people in the roster"):
        roster_scheme(segments=SEGMENTS + '[[team.segment]]\nname = "c"\n')


def test_a_person_whose_values_break_a_derived_parameter_is_named(tmp_path):
    text = HEAD.replace('third = "plan / 3"', 'third = "1 / (plan - 110)"') + SEGMENTS
    path = tmp_path / "s.toml"
    path.write_text(text + '[team]\nroster = "team.csv"\n', encoding="utf-8")
    (tmp_path / "team.csv").write_text("name,segment,plan\nAnna,a,100\nBoris,b,110\n", "utf-8")
    with pytest.raises(SchemeError, match=r"person 'Boris'.*divides by zero") as info:
        motivsim.load(path)  # plan 100 is fine; Boris's 110 divides by zero
    assert info.value.location is not None
    assert (Path(info.value.location.path or "").name, info.value.location.line) == ("team.csv", 3)


def test_a_person_whose_values_break_a_tier_table_is_named():
    people = PEOPLE.replace("tier_at = 200", "tier_at = -5")
    text = HEAD.replace("[0, 77]", "[0, 77]) + step(revenue, [0, tier_at], [0, 1, 2]") + SEGMENTS
    with pytest.raises(SchemeError, match="person 'p3'") as info:
        motivsim.loads(text + people, path="r.toml")
    assert info.value.location is not None
    assert info.value.location.line is not None


def test_csv_cells_know_where_they_are():
    table = parse_table('a;b\n"x ""y""";  2,5\n', path="t.csv")
    cell = table.rows[0][1]
    assert (cell.text, cell.line, cell.column) == ("2,5", 2, 13)
    assert cell_number(table, cell) == Fraction(5, 2)
    assert table.rows[0][0].text == 'x "y"'


# ---------------------------------------------------------------------------------------------
# Simulation with each person's parameters
# ---------------------------------------------------------------------------------------------
def simulated_people(scheme: motivsim.Scheme, **options) -> dict[str, np.ndarray]:
    result = motivsim.simulate(scheme, keep_raw=True, **options)
    assert result.raw is not None
    order = [p.name for s in scheme.team.segments for p in scheme.team.members(s.name)]
    return {name: result.raw[:, :, j] for j, name in enumerate(order)}


def test_every_simulated_person_is_paid_what_their_statement_says():
    scheme = roster_scheme()
    for name, pays in simulated_people(scheme, runs=3_000, periods=2, seed=4).items():
        allowed = {scheme.pay({"revenue": v}, person=name) for v in SUPPORT}
        got = set(np.unique(pays).tolist())
        assert got <= allowed, name
        assert len(got) == len(allowed), name  # every KPI value was drawn: all their pays


def test_people_who_differ_inside_a_tier_table_get_programs_of_their_own():
    scheme = roster_scheme()
    prep = prepare(make_job(scheme, runs=10, periods=1, seed=1, keep_raw=False))
    _, program = prep.programs["a"]
    assert isinstance(program, Grouped)  # tier_at differs in "a": held inside step()
    # tier_at differs, and so does third = plan / 3, which no float spells (110/3, 181/6)
    assert len(program.groups) == 3
    assert scheme.folded_params == {"tier_at"}


def test_people_who_differ_in_arithmetic_share_one_program():
    head = HEAD.replace('third = "plan / 3"\n', "").replace("if(revenue >= third * 3, 5, 0)", "0")
    people = PEOPLE.replace("tier_at = 120\n", "").replace("tier_at = 200\n", "")
    scheme = motivsim.loads(head + SEGMENTS + people)
    prep = prepare(make_job(scheme, runs=10, periods=1, seed=1, keep_raw=False))
    params, program = prep.programs["a"]
    assert not isinstance(program, Grouped)  # plan is a column: one value per person
    assert params["plan"].tolist() == [110.0, 120.0, 90.5]
    assert params["base"] == 2_000
    for name, pays in simulated_people(scheme, runs=2_000, seed=5).items():
        allowed = {scheme.pay({"revenue": v}, person=name) for v in SUPPORT}
        assert set(np.unique(pays).tolist()) == allowed, name


@pytest.mark.parametrize(("workers", "chunk_size"), [(1, 500), (2, None), (3, 7_000)])
def test_a_roster_simulation_is_reproducible(workers, chunk_size):
    scheme = roster_scheme()
    reference = simulated_people(scheme, runs=2_000, periods=3, seed=8)
    again = simulated_people(
        scheme, runs=2_000, periods=3, seed=8, workers=workers, chunk_size=chunk_size
    )
    for name in reference:
        np.testing.assert_array_equal(again[name], reference[name])


def test_a_per_person_cap_binds_at_each_persons_limit():
    text = """
[scheme]
name = "Capped"
[kpi.revenue]
controllable = true
distribution = { type = "empirical", values = [100, 200, 300, 400] }
[params]
cap = 250
[formula]
pay = "min(revenue, cap)"
[[team.person]]
name = "low"
cap = 150
[[team.person]]
name = "high"
cap = 350
"""
    scheme = motivsim.loads(text)
    result = motivsim.simulate(scheme, runs=20_000, seed=2)
    # low is capped at 200, 300, 400 (3/4), high at 400 (1/4): 1/2 of manager-periods
    assert result.caps[0].probability == pytest.approx(0.5, abs=0.02)


# ---------------------------------------------------------------------------------------------
# The command line and the example
# ---------------------------------------------------------------------------------------------
def test_explain_person_on_the_command_line(capsys):
    code = main(
        ["explain", "schemes/dealership_roster.toml", "--person", "Anna Petrova",
         "revenue=14_000_000", "cars_sold=11", "--json"]
    )  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["person"] == "Anna Petrova"
    assert data["segment"] == "experienced"
    # plan 13,000,000: attainment 1.077 -> rate 0.02; base 50,000; the cars bonus 25,000
    assert Fraction(data["total"]) == 50_000 + 280_000 + 25_000


def test_explain_unknown_person_is_a_usage_error(capsys):
    code = main(["explain", "schemes/dealership_roster.toml", "--person", "Ana Petrova"])
    assert code == 2
    assert "did you mean 'Anna Petrova'?" in capsys.readouterr().err


def test_the_dealership_roster_example():
    scheme = motivsim.load("schemes/dealership_roster.toml")
    assert scheme.team.size == 8
    assert [s.count for s in scheme.team.segments] == [6, 2]
    plans = {p.name: p.params for p in scheme.people}
    assert dict(plans["Irina Kozlova"])["plan"] == 5_000_000  # a new hire's own, smaller plan
    assert dict(plans["Fyodor Lebedev"])["plan"] == 6_000_000  # the new hires' plan
    assert dict(plans["Anna Petrova"])["cap"] == 330_000  # derived from her own base


@pytest.mark.parametrize(("workers", "chunk_size"), [(1, None), (2, 700), (3, None)])
def test_simulate_reports_each_person_from_their_own_pay(workers, chunk_size):
    scheme = roster_scheme()
    result = motivsim.simulate(
        scheme, runs=1_500, periods=3, seed=6, keep_raw=True, workers=workers,
        chunk_size=chunk_size,
    )  # fmt: skip
    assert result.raw is not None
    order = [p.name for s in scheme.team.segments for p in scheme.team.members(s.name)]
    assert [p.name for p in result.people] == order
    assert result.people_runs == 1_500
    for j, person in enumerate(result.people):
        over_periods = result.raw[:, :, j].sum(axis=1)
        assert person.mean == pytest.approx(float(over_periods.mean()), rel=1e-12)
        assert person.p50 == pytest.approx(float(np.percentile(over_periods, 50)), rel=1e-12)
        assert person.p5 <= person.p50 <= person.p95
    data = result.to_dict()
    assert data["people"][0]["name"] == "p1"
    assert "Each person over 3 periods (from 1,500 runs)" in str(result)


def test_per_person_figures_of_a_big_roster_come_from_the_first_runs():
    from motivsim.simulation.job import MAX_PERSON_VALUES

    people = "".join(
        f'[[team.person]]\nname = "r{i}"\nsegment = "b"\nplan = {100 + i}\n' for i in range(60)
    )
    scheme = roster_scheme(people=people, segments='[[team.segment]]\nname = "b"\n')
    runs = MAX_PERSON_VALUES // 60 + 50
    result = motivsim.simulate(scheme, runs=runs, seed=1)
    assert result.people_runs == MAX_PERSON_VALUES // 60
    assert f"from the first {result.people_runs:,} of the runs" in str(result)
    assert "10 lowest and highest" in str(result)


def test_check_names_the_people_whose_own_plan_falls_short(tmp_path):
    text = Path("schemes/dealership_roster.toml").read_text("utf-8")
    text = text.replace("[0, 0.005, 0.02, 0.025]", "[0, 0.01, 0.015, 0.02]")  # a flatter plan
    path = tmp_path / "flat.toml"
    path.write_text(text, "utf-8")
    (tmp_path / "dealership_roster.csv").write_text(
        Path("schemes/dealership_roster.csv").read_text("utf-8"), "utf-8"
    )
    scheme = motivsim.load(path)
    report = motivsim.check(scheme, seed=1)
    line = next(n for n in report.results[0].notes if n.startswith("each person's own plan"))
    from motivsim.checks.ratio import own_figures

    short = [f for f in own_figures(scheme, samples=20_000, seed=1) if f.person and not f.passed]
    assert f"{len(short)} of 8 people below 3x" in line
    assert short
    assert all(f.name in line for f in short)
