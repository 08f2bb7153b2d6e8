"""``compare --history``: both plans replayed on actual rows, person by person, and the gate."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.comparison.history import compare_history

PLAN = """
[scheme]
name = "{name}"
currency = "USD"
period = "quarter"
[kpi.sales]
controllable = true
min = 0
distribution = {{ type = "uniform", low = 0, high = 200_000 }}
[params]
rate = {rate}
[formula]
pay = "rate * sales + if(sales >= 100_000, {bonus}, 0)"
[principles]
plan_met = "sales >= 100_000"
"""

ROWS = [
    {"person": "Anna", "period": t, "sales": s}
    for t, s in enumerate([120_000, 90_000, 150_000, 80_000, 130_000], start=1)
] + [{"person": "Boris", "period": t, "sales": 40_000} for t in range(1, 6)]


def plan(rate: str, bonus: int, name: str = "plan") -> motivsim.Scheme:
    return motivsim.loads(PLAN.format(name=name, rate=rate, bonus=bonus))


def test_each_persons_totals_are_their_replayed_pay():
    old, new = plan("0.05", 2_000, "old"), plan("0.04", 6_000, "new")
    found = compare_history(old, new, ROWS)
    for person in found.people:
        rows = [r for r in ROWS if r["person"] == person.name]
        assert person.old == sum(motivsim.replay(old, rows).pay)
        assert person.new == sum(motivsim.replay(new, rows).pay)
        assert person.periods == 5
    anna, boris = found.people
    # Anna: 3 quarters over 100,000 -> the bigger bonus outweighs the lower rate
    assert anna.new - anna.old == Decimal(-0.01 * 570_000).quantize(Decimal("1")) + 3 * 4_000
    assert boris.change == Decimal("-2000.00")  # 1% less on 200,000, no bonus
    # year 1 (quarters 1-4): OLD 26,000 + 8,000, NEW 29,600 + 6,400; year 2: quarter 5
    assert found.by_year == (
        (1, Decimal("34000.00"), Decimal("36000.00")),
        (2, Decimal("10500.00"), Decimal("12800.00")),
    )


def test_a_person_losing_more_than_the_gate_fails_it_even_when_samples_pass():
    old, new = plan("0.05", 2_000, "old"), plan("0.04", 6_000, "new")
    result = motivsim.compare(old, new, seed=1, samples=2_000, max_cut=0.15, history=ROWS)
    assert result.history is not None
    assert [p.name for p in result.history.failing] == ["Boris"]  # -20% of his pay
    assert result.gate_failed
    assert "gate --max-cut 15% on actual people: FAIL" in str(result)
    data = result.to_dict()
    assert data["history"]["failing"] == ["Boris"]
    relaxed = motivsim.compare(old, new, seed=1, samples=2_000, max_cut=0.25, history=ROWS)
    assert relaxed.history is not None
    assert not relaxed.history.failing


def test_compare_history_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "old.toml").write_text(PLAN.format(name="old", rate="0.05", bonus=2_000), "utf-8")
    (tmp_path / "new.toml").write_text(PLAN.format(name="new", rate="0.04", bonus=6_000), "utf-8")
    history = tmp_path / "history.csv"
    history.write_text(
        "person,period,sales\n"
        + "".join(f"{r['person']},{r['period']},{r['sales']}\n" for r in ROWS),
        "utf-8",
    )
    args = [str(tmp_path / "old.toml"), str(tmp_path / "new.toml"), "--history", str(history)]
    assert main(["compare", *args, "--seed", "1", "--samples", "1000", "--max-cut", "15%"]) == 1
    text = capsys.readouterr().out
    assert "On actual history (10 rows, 2 people" in text
    assert "Boris" in text
    assert main(["compare", *args, "--seed", "1", "--samples", "1000", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["history"]["payroll"] == {"old": "44500.00", "new": "48800.00"}


def test_the_bands_worst_case_is_shown_in_round_numbers():
    old = motivsim.load("schemes/dealership.toml")
    text = Path("schemes/dealership.toml").read_text("utf-8")
    new = motivsim.loads(text.replace("[0, 0.01, 0.015, 0.02]", "[0, 0.008, 0.016, 0.021]"))
    result = motivsim.compare(old, new, seed=1, samples=2_000, max_cut=0.05, among=(0.1, 0.9))
    assert result.among is not None
    worst = result.among.worst
    assert worst is not None
    for value in worst.values.values():
        assert value.denominator == 1  # a sampled 10,997,231.560732 becomes a round number
        assert len(str(value.numerator).rstrip("0")) <= 4
    assert worst.share > 0.05
