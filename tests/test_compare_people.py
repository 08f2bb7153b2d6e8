"""motivsim compare for teams: each segment paid with its parameters, each person with theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.comparison import PersonChange, compare
from motivsim.comparison import paycut as paycut_module
from motivsim.comparison import run as run_module

PLAN = """\
[scheme]
name = "Quota plan"
currency = "USD"
period = "month"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 100_000, sigma = 0.3 }

[params]
base = 2_000
quota = 100_000

[formula]
attainment = "revenue / quota"
bonus = "step(attainment, [1.0], [0, 3_000])"
pay = "base + bonus + 0.02 * revenue"

[principles]
plan_met = "revenue >= quota"
"""
SEGMENTS = """
[[team.segment]]
name = "field"
{field}

[[team.segment]]
name = "inside"
{inside}
kpi.revenue = {{ type = "lognormal", median = 60_000, sigma = 0.3 }}
"""
PERSON = """
[[team.person]]
name = "{name}"
segment = "{segment}"
{own}
"""
#: Four people: Ann has a quota of her own; Dee is in the segment with a lower quota.
PEOPLE = (
    ("Ann", "field", "quota = 120_000"),
    ("Bob", "field", ""),
    ("Cid", "field", ""),
    ("Dee", "inside", ""),
)


def team(
    people: tuple[tuple[str, str, str], ...] = PEOPLE,
    *,
    field: str = "",
    inside: str = "params = { quota = 60_000 }",
    name: str = "Quota plan",
) -> str:
    """The plan with two segments and, unless ``people`` is empty, a roster of them."""
    text = PLAN.replace('name = "Quota plan"', f'name = "{name}"')
    text += SEGMENTS.format(field=field or "count = 3", inside=inside + "\ncount = 1")
    if people:
        text = text.replace("count = 3", "").replace("count = 1", "")
        text += "".join(PERSON.format(name=n, segment=s, own=o) for n, s, o in people)
    return text


def with_people(**own: str) -> tuple[tuple[str, str, str], ...]:
    """:data:`PEOPLE` with some people's own values replaced."""
    return tuple((n, s, own.get(n, o)) for n, s, o in PEOPLE)


def by_name(people: tuple[PersonChange, ...]) -> dict[str, PersonChange]:
    return {p.name: p for p in people}


# -- segments ----------------------------------------------------------------------------------
def test_a_segment_quota_change_is_seen_in_that_segment_only() -> None:
    old = motivsim.loads(team(()))
    new = motivsim.loads(team((), inside="params = { quota = 70_000 }"))
    result = compare(old, new, samples=4_000, seed=1, principles=False)
    field, inside = result.segments
    assert (field.name, field.count, inside.name, inside.count) == ("field", 3, "inside", 1)
    assert field.change.value == 0
    assert field.worse == 0
    assert inside.change.value < 0
    assert inside.worse > 0
    assert result.payroll_change.value == pytest.approx(inside.change.value)
    assert result.people == ()
    cut = result.largest_cut
    assert cut is not None
    assert (cut.segment, cut.person) == ("inside", None)
    # the case is computed with the segment's quotas: 60,000 before, 70,000 after
    values = dict(cut.values)
    assert cut.old_pay == old.exact(values, segment="inside")["pay"]
    assert cut.new_pay == new.exact(values, segment="inside")["pay"]
    assert 60_000 <= values["revenue"] < 70_000
    assert "Largest pay cut found for segment 'inside': " in str(result)


def test_segments_paid_by_scheme_params_are_searched_once_as_before() -> None:
    old = motivsim.loads(team((), inside=""))
    new = motivsim.loads(team((), inside="").replace("base = 2_000", "base = 1_500"))
    cut = compare(old, new, samples=1_000, seed=1, principles=False).largest_cut
    assert cut is not None
    assert (cut.segment, cut.person) == ("any segment", None)


# -- people ------------------------------------------------------------------------------------
def test_one_persons_own_quota_change_shows_that_person_losing() -> None:
    old = motivsim.loads(team())
    new = motivsim.loads(team(with_people(Ann="quota = 150_000")))
    result = compare(old, new, samples=4_000, seed=2, principles=False)
    people = by_name(result.people)
    assert [p.name for p in result.people] == ["Ann", "Bob", "Cid", "Dee"]  # roster order
    ann = people.pop("Ann")
    assert ann.change.value < 0 < ann.worse
    assert ann.change.low <= ann.change.value <= ann.change.high
    assert ann.better == 0
    for other in people.values():
        assert other.change.value == 0
        assert other.worse == 0
        assert other.better == 0
        assert other.old_mean == other.new_mean
    # the payroll change is the sum of the people's changes; a segment's is their mean
    assert result.payroll_change.value == pytest.approx(ann.change.value)
    field = result.segments[0]
    assert field.change.value == pytest.approx(ann.change.value / 3)
    assert field.worse == pytest.approx(ann.worse / 3)
    assert result.worse == pytest.approx(ann.worse / 4)
    # each person is paid on their segment's draws with their own quota
    assert ann.old_mean < people["Bob"].old_mean  # a higher quota, the bonus less often
    assert people["Bob"].old_mean == people["Cid"].old_mean
    assert people["Dee"].old_mean != people["Bob"].old_mean
    text = str(result)
    assert "People (4 named, each paid with their own parameters" in text
    assert "losing on average: 1 of 4, gaining: none, unchanged: 3 of 4" in text
    assert "    Ann (field) " in text


def test_the_largest_cut_names_the_person_and_is_their_pay_exactly() -> None:
    old = motivsim.loads(team())
    new = motivsim.loads(team(with_people(Ann="quota = 150_000")))
    cut = compare(old, new, samples=1_000, seed=3, principles=False).largest_cut
    assert cut is not None
    assert (cut.person, cut.segment) == ("Ann", "field")
    values = dict(cut.values)
    assert 120_000 <= values["revenue"] < 150_000  # between her old and her new quota
    assert cut.old_pay == old.exact(values, person="Ann")["pay"]
    assert cut.new_pay == new.exact(values, person="Ann")["pay"]
    assert float(cut.old_pay) == old.pay(values, person="Ann")
    assert float(cut.new_pay) == new.pay(values, person="Ann")
    assert cut.to_dict()["person"] == "Ann"
    # everyone else is paid the same under both for those values
    for name in ("Bob", "Cid", "Dee"):
        assert old.pay(values, person=name) == new.pay(values, person=name)


def test_same_seed_same_result() -> None:
    old = motivsim.loads(team())
    new = motivsim.loads(team(with_people(Ann="quota = 150_000", Dee="base = 1_900")))
    a = compare(old, new, samples=1_000, seed=9, max_cut=0.05, among=(0.1, 0.9))
    b = compare(old, new, samples=1_000, seed=9, max_cut=0.05, among=(0.1, 0.9))
    assert a.to_dict() == b.to_dict()
    assert str(a) == str(b)


def test_people_alike_are_searched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    search = paycut_module.find_largest_cut

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(str(kwargs.get("segment")))
        return search(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(paycut_module, "find_largest_cut", counted)
    old = motivsim.loads(team())
    new = motivsim.loads(team().replace("base = 2_000", "base = 1_800"))
    result = compare(old, new, samples=500, seed=4, principles=False)
    # Ann (her quota), Bob and Cid (alike), Dee (the inside quota): three parameter sets
    assert len(calls) == 3
    assert len(result.people) == 4
    assert all(p.change.value == pytest.approx(-200) for p in result.people)


def test_the_number_of_searches_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "MAX_SEARCHES", 2)
    old = motivsim.loads(team())
    new = motivsim.loads(
        team(with_people(Ann="quota = 200_000", Bob="base = 1_990", Cid="base = 1_980"))
    )
    result = compare(old, new, samples=2_000, seed=5, principles=False)
    assert result.largest_cut is not None
    assert result.largest_cut.person == "Ann"  # the largest sampled cut is searched
    assert (
        "the largest-cut search ran for the 2 of 4 parameter sets (people or segments) whose "
        "samples lose most" in result.notes
    )


def test_a_big_roster_gets_fewer_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "MAX_ROWS", 10_000)
    old = motivsim.loads(team())
    new = motivsim.loads(team(with_people(Ann="quota = 150_000")))
    result = compare(old, new, samples=5_000, seed=6, principles=False)
    assert result.samples == 3_300  # 3 ways of paying (Ann, Bob and Cid, Dee)
    assert any("3,300 paired samples per segment instead of 5,000" in n for n in result.notes)
    assert "3,300 paired samples per segment" in str(result)


def test_the_gate_on_people(monkeypatch: pytest.MonkeyPatch) -> None:
    old = motivsim.loads(team())
    new = motivsim.loads(team(with_people(Ann="quota = 150_000")))
    result = compare(
        old, new, samples=4_000, seed=7, max_cut=0.05, among=(0.1, 0.9), principles=False
    )
    people = by_name(result.people)
    assert people["Ann"].fails
    assert people["Ann"].over_max_cut is not None
    assert 0 < people["Ann"].over_max_cut < 1
    assert not any(people[n].fails for n in ("Bob", "Cid", "Dee"))
    assert people["Bob"].over_max_cut == 0.0
    assert result.gate_failed
    band = result.among
    assert band is not None
    # the band's share losing more is the people's shares, over everyone's samples in the band
    assert band.over * band.people == pytest.approx(people["Ann"].over_max_cut / 4)
    assert result.over_max_cut is not None
    assert result.over_max_cut >= people["Ann"].over_max_cut / 4
    assert band.worst is not None
    assert band.worst.person == "Ann"
    text = str(result)
    assert (
        "  failing --max-cut 5% (losing more than 5% in at least one of their samples with "
        "OLD pay in P10..P90): 1 of 4" in text
    )
    assert "    Ann (field): " in text
    data = result.to_dict()
    assert data["people"][0]["name"] == "Ann"
    assert data["people"][0]["over_max_cut"] == people["Ann"].over_max_cut
    assert data["people"][1]["over_max_cut"] == 0.0
    without = compare(old, new, samples=4_000, seed=7, principles=False)
    assert all(p.over_max_cut is None for p in without.people)


# -- rosters in one scheme only ------------------------------------------------------------
def test_a_roster_only_new_has() -> None:
    old = motivsim.loads(PLAN)  # no team: everyone on a quota of 100,000
    new = motivsim.loads(team(with_people(Ann="quota = 80_000")))
    result = compare(old, new, samples=4_000, seed=8, principles=False)
    assert [p.name for p in result.people] == ["Ann", "Bob", "Cid", "Dee"]
    assert [(s.name, s.count) for s in result.segments] == [("field", 3), ("inside", 1)]
    people = by_name(result.people)
    assert people["Ann"].change.value > 0  # a lower quota of her own
    assert people["Bob"].change.value == 0  # the same quota as OLD's
    assert people["Dee"].change.value > 0  # the inside quota, 60,000
    assert result.notes[0].startswith(
        "the team compared is NEW's roster (4 people; OLD has none): OLD pays everyone by its "
        "[params]"
    )
    assert (
        "segment 'inside' is only in NEW's team: its revenue drawn from NEW's distributions "
        "for it" in result.notes
    )
    # Dee is drawn from NEW's distribution for her segment (median 60,000), not OLD's
    inside = result.segments[1]
    assert inside.old_mean < people["Bob"].old_mean
    assert result.payroll_change.value == pytest.approx(
        sum(p.change.value for p in people.values())
    )


def test_people_missing_from_one_roster_are_noted() -> None:
    old = motivsim.loads(team())
    fewer = tuple(p for p in PEOPLE if p[0] != "Cid")
    new = motivsim.loads(team((*fewer, ("Eve", "field", "")), field="params = { quota = 90_000 }"))
    result = compare(old, new, samples=1_000, seed=9, principles=False)
    people = by_name(result.people)
    assert list(people) == ["Ann", "Bob", "Cid", "Dee"]  # OLD's roster
    assert people["Bob"].change.value > 0  # NEW's field quota, 90,000
    assert people["Cid"].change.value == people["Bob"].change.value  # paid by NEW's segment
    assert people["Ann"].change.value == 0  # her own quota in both
    assert (
        "1 of OLD's people is not in NEW's roster (Cid): NEW pays them by their segment's "
        "parameters, or its [params]" in result.notes
    )
    assert "1 of NEW's people is not in OLD's roster (Eve): not compared" in result.notes


def test_a_segment_new_lacks_is_paid_by_its_params() -> None:
    old = motivsim.loads(team(()))
    new = motivsim.loads(
        team((), inside="params = { quota = 60_000 }").replace('name = "inside"', 'name = "desk"')
    )
    result = compare(old, new, samples=1_000, seed=10, principles=False)
    assert (
        "segment 'inside' of OLD's team is not in NEW's: NEW pays them by its [params]"
        in result.notes
    )
    assert "NEW's segment 'desk' is not in OLD's team: not compared" in result.notes
    assert result.segments[1].change.value < 0  # a quota of 100,000 instead of 60,000


# -- the command line ------------------------------------------------------------------------
@pytest.fixture
def roster_files(tmp_path: Path) -> tuple[Path, Path]:
    """OLD and NEW as files with a roster CSV each: NEW raises Ann's own quota."""
    for name, ann in (("old", "120_000"), ("new", "150_000")):
        (tmp_path / f"{name}.csv").write_text(
            f"name,segment,quota\nAnn,field,{ann}\nBob,field,\nCid,field,\nDee,inside,\n",
            encoding="utf-8",
        )
        text = team(()).replace("count = 3\n", "").replace("count = 1\n", "")
        text = text.replace(
            "[[team.segment]]", f'[team]\nroster = "{name}.csv"\n\n[[team.segment]]', 1
        )
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    return tmp_path / "old.toml", tmp_path / "new.toml"


def test_cli_people_section_and_gate_exit_codes(
    roster_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = (str(p) for p in roster_files)
    args = ["compare", old, new, "--samples", "2000", "--seed", "11", "--no-principles"]
    assert main([*args, "--max-cut", "5%", "--among", "P10..P90"]) == 1
    out = capsys.readouterr().out
    assert (
        "People (4 named, each paid with their own parameters on their segment's samples):" in out
    )
    assert "losing on average: 1 of 4" in out
    assert "Largest pay cut found for Ann (field): " in out
    assert "failing --max-cut 5% (losing more than 5% in at least one of their samples" in out
    assert main([*args, "--max-cut", "90%"]) == 0
    out = capsys.readouterr().out
    assert "nobody loses more than 90% in any of their samples" in out
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--max-cut", "5%", "-q"]) == 1
    assert capsys.readouterr().out == (
        "FAIL: --max-cut 5%, largest cut 40.5% (Ann), 1 of 4 people fail\n"
    )
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in data["people"]] == ["Ann", "Bob", "Cid", "Dee"]
    assert data["largest_cut"]["person"] == "Ann"
    assert data["schema"] == "motivsim.compare/1"
