"""Pay that remembers: ``prior``, ``ytd``, ``prior_ytd``, the clock, and ``replay`` of history.

Worked numbers come from public examples (shared/published-examples-periods.md, cited per test)
and from hand computation written out in the test.
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import motivsim
from motivsim.cli.app import main
from motivsim.errors import ArgumentError, FormulaError, SchemeError


def scheme(
    formula: str,
    params: str = "",
    *,
    kpi: str = "sales",
    period: str = "month",
    minimum: str = "0",
    head: str = "",
    kpis: str = "",
) -> motivsim.Scheme:
    text = f"""
[scheme]
name = "Periods"
period = "{period}"
{head}
[kpi.{kpi}]
controllable = true
min = {minimum}
{kpis}
[params]
{params}

[formula]
{formula}
"""
    return motivsim.loads(text, path="periods.toml")


def replayed(plan: motivsim.Scheme, kpi: str, values: list, **columns: list) -> list[str]:
    rows = [
        {"person": "A", "period": i + 1, kpi: v, **{k: c[i] for k, c in columns.items()}}
        for i, v in enumerate(values)
    ]
    return [str(p) for p in motivsim.replay(plan, rows).pay]


RECOVERABLE = """
owed = "prior(balance)"
pay = "max(draw, earned - owed)"
balance = "owed + pay - earned"
"""


# ---------------------------------------------------------------------------------------------
# Worked examples
# ---------------------------------------------------------------------------------------------
def test_non_recoverable_draw_pe01():
    # PE-01 (QuotaPath help): draw 5,000, March earnings 3,200: top-up 1,800, pay 5,000
    plan = scheme('pay = "max(draw, earned)"', "draw = 5_000", kpi="earned")
    assert replayed(plan, "earned", [3_200]) == ["5000.00"]


def test_recoverable_draw_weekly_pe02():
    # PE-02: draw 1,000 a week; earned 400, 600, 1,200, 1,500, 1,400 -> pay 1,000 x 4 then
    # 1,100; owed 600 / 1,000 / 800 / 300 / 0 (the source's third row is a transcription error)
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    rows = [
        {"person": "A", "period": i + 1, "earned": e}
        for i, e in enumerate([400, 600, 1_200, 1_500, 1_400])
    ]
    result = motivsim.replay(plan, rows)
    assert [str(p) for p in result.pay] == ["1000.00"] * 4 + ["1100.00"]
    assert list(result.steps["balance"]) == [600, 1_000, 800, 300, 0]


def test_ramp_quota_by_period_pe06():
    # PE-06 (Prowi glossary): 50,000 monthly quota at 0%, 25%, 50%, 75%, then 100% from month 5
    plan = scheme(
        'months_in = "period - start_period + 1"\n'
        'ramp = "step(months_in, [2, 3, 4, 5], [0, 0.25, 0.5, 0.75, 1])"\n'
        'quota_now = "quota * ramp"\n'
        'pay = "0.1 * sales"',
        "quota = 50_000\nstart_period = 1",
    )
    rows = [{"person": "A", "period": i + 1, "sales": 0} for i in range(6)]
    quotas = motivsim.replay(plan, rows).steps["quota_now"]
    assert list(quotas) == [0, 12_500, 25_000, 37_500, 50_000, 50_000]


def test_ytd_true_up_pays_the_annual_recompute():
    # annual quota 1,200,000; 5% up to it and 8% above, on year-to-date bookings, paid monthly
    # less what was paid: ten months of 100,000 then 300,000 and 200,000 book 1,500,000, so
    # the year is due 0.05 x 1,200,000 + 0.08 x 300,000 = 84,000
    plan = scheme(
        'due = "marginal(ytd(bookings), [annual_quota], [0.05, 0.08])"\n'
        'pay = "max(0, due - prior_ytd(pay))"',
        "annual_quota = 1_200_000",
        kpi="bookings",
    )
    pays = replayed(plan, "bookings", [100_000] * 10 + [300_000, 200_000])
    assert pays == ["5000.00"] * 10 + ["18000.00", "16000.00"]
    assert sum(Decimal(p) for p in pays) == 84_000


def test_rate_from_ytd_attainment_paid_on_this_periods_sales():
    # year-to-date attainment 25%, 50%, 75%, 100%, 108%: rates 5%, 7%, 7%, 10%, 10%
    plan = scheme(
        'att = "ytd(sales) / annual_quota"\n'
        'rate = "step(att, [0.5, 1], [0.05, 0.07, 0.1])"\n'
        'pay = "rate * sales"',
        "annual_quota = 1_200_000",
    )
    pays = replayed(plan, "sales", [300_000] * 4 + [100_000])
    assert pays == ["15000.00", "21000.00", "21000.00", "30000.00", "10000.00"]


def test_annual_cap_stops_within_the_year_and_resets_the_next():
    plan = scheme(
        'earned = "0.1 * sales"\npay = "min(earned, max(0, annual_cap - prior_ytd(pay)))"',
        "annual_cap = 50_000",
        period="quarter",
    )
    pays = replayed(plan, "sales", [200_000] * 6)  # quarters 5 and 6: the next plan year
    assert pays == ["20000.00", "20000.00", "10000.00", "0.00", "20000.00", "20000.00"]


def test_negative_earnings_carried_forward():
    plan = scheme(
        'net = "earned + prior(carry)"\npay = "max(0, net)"\ncarry = "min(0, net)"',
        kpi="earned",
        minimum="-1_000_000",
    )
    assert replayed(plan, "earned", [1_000, -1_500, 700, 2_000]) == [
        "1000.00",
        "0.00",
        "0.00",
        "1200.00",
    ]


def test_clawback_of_a_share_of_earlier_commission():
    # 10% commission; a deal that churns in its third month claws back half of the commission
    # paid on it two months earlier: PE-12 style (-0.5 x commission earned on the deal)
    plan = scheme(
        'commission = "0.1 * sales"\n'
        'clawback = "0.5 * prior(commission, 2) * churned"\n'
        'pay = "commission - clawback"',
        kpis="[kpi.churned]\ncontrollable = false\nmin = 0\nmax = 1\n",
    )
    rows = [
        {"person": "A", "period": 1, "sales": 100_000, "churned": 0},
        {"person": "A", "period": 2, "sales": 50_000, "churned": 0},
        {"person": "A", "period": 3, "sales": 20_000, "churned": 1},
    ]
    result = motivsim.replay(plan, rows)
    assert [str(p) for p in result.pay] == ["10000.00", "5000.00", "-3000.00"]


def test_quarterly_bonus_with_a_ytd_catch_up():
    # 5,000 a quarter on target; a missed quarter is caught up when the year-to-date target is
    # met later: Q1 met (5,000), Q2 missed (0), Q3 brings the year back on target (10,000)
    plan = scheme(
        'on_track = "if(ytd(sales) >= period * target, 1, 0)"\n'
        'due = "on_track * period * bonus"\n'
        'pay = "max(0, due - prior_ytd(pay))"',
        "target = 100_000\nbonus = 5_000",
        period="quarter",
    )
    assert replayed(plan, "sales", [120_000, 50_000, 140_000, 90_000]) == [
        "5000.00",
        "0.00",
        "10000.00",
        "5000.00",
    ]


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------
earnings = st.lists(st.integers(0, 3_000), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(earned=earnings)
def test_a_recoverable_draw_conserves_money(earned):
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    rows = [{"person": "A", "period": i + 1, "earned": e} for i, e in enumerate(earned)]
    result = motivsim.replay(plan, rows)
    paid = sum(result.pay)
    owed = result.steps["balance"][-1]
    assert owed >= 0
    assert paid == sum(earned) + owed  # every unit paid was earned or is still owed


@settings(max_examples=60, deadline=None)
@given(sales=st.lists(st.integers(0, 400_000), min_size=1, max_size=10))
def test_an_annual_cap_is_never_exceeded_and_resets(sales):
    plan = scheme(
        'earned = "0.1 * sales"\npay = "min(earned, max(0, annual_cap - prior_ytd(pay)))"',
        "annual_cap = 50_000",
        period="quarter",
    )
    pays = [Decimal(p) for p in replayed(plan, "sales", sales)]
    for year in range(0, len(pays), 4):
        within = pays[year : year + 4]
        earned = [Decimal(s) / 10 for s in sales[year : year + 4]]
        assert sum(within) <= 50_000
        assert sum(within) == min(Decimal(50_000), sum(earned))


@settings(max_examples=60, deadline=None)
@given(bookings=st.lists(st.integers(0, 500_000), min_size=12, max_size=12))
def test_true_up_payments_sum_to_the_annual_recompute(bookings):
    plan = scheme(
        'due = "marginal(ytd(bookings), [annual_quota], [0.05, 0.08])"\n'
        'pay = "max(0, due - prior_ytd(pay))"',
        "annual_quota = 1_200_000",
        kpi="bookings",
    )
    pays = [Decimal(p) for p in replayed(plan, "bookings", bookings)]
    total = sum(bookings)
    due = Decimal(min(total, 1_200_000)) * Decimal("0.05") + max(
        Decimal(total - 1_200_000), Decimal(0)
    ) * Decimal("0.08")
    assert sum(pays) == due


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_replay_does_not_depend_on_the_order_of_rows(seed):
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    rng = random.Random(seed)
    rows = [
        {"person": name, "period": t, "earned": rng.randint(0, 3_000)}
        for name in ("A", "B", "C")
        for t in range(1, 6)
    ]
    shuffled = rows[:]
    rng.shuffle(shuffled)
    reference = motivsim.replay(plan, rows)
    again = motivsim.replay(plan, shuffled)
    by_row = dict(zip(((r["person"], r["period"]) for r in rows), reference.pay, strict=True))
    assert [by_row[(r["person"], r["period"])] for r in shuffled] == list(again.pay)


def test_replay_equals_period_by_period_exact_statements():
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    earned = [400, 2_600, 0, 1_000]
    result = motivsim.replay(
        plan, [{"person": "A", "period": i + 1, "earned": e} for i, e in enumerate(earned)]
    )
    balance = Fraction(0)
    for i, e in enumerate(earned):
        out = plan.exact({"earned": e}, state={"prior(balance)": balance, "period": i + 1})
        assert result.steps["pay"][i] == out["pay"]
        balance = out["balance"]


# ---------------------------------------------------------------------------------------------
# The language
# ---------------------------------------------------------------------------------------------
def test_a_plan_without_history_reads_as_its_first_period():
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned")
    assert plan.needs == ("prior(balance)",)
    assert plan.pay({"earned": 400}) == 1_000  # nothing owed before the first period
    assert plan.pay({"earned": 1_500}, state={"prior(balance)": 300}) == 1_200
    with pytest.raises(ArgumentError, match="does not read"):
        plan.pay({"earned": 1}, state={"prior(pay)": 1})


@pytest.mark.parametrize(
    ("formula", "message", "hint"),
    [
        ('pay = "prior(sales * 2)"', "takes a name", "step of its own"),
        ('pay = "prior(sales, 0)"', "whole number from 1 to 60", "prior(x, 3)"),
        ('pay = "prior(sales, 1.5)"', "whole number", "prior(x)"),
        ('pay = "prior(period)"', "no meaning", "period - 1"),
        ('ok = "sales > 1"\npay = "prior(ok)"', "condition", "if("),
        ('pay = "prior(nothing)"', "unknown name", "every name"),
        ('pay = "a"\na = "pay + 1"', "steps form a cycle", "cannot depend on itself"),
    ],
)
def test_language_errors_are_located_and_say_how_to_fix(formula, message, hint):
    with pytest.raises((FormulaError, SchemeError), match=message) as info:
        scheme(formula)
    assert info.value.location is not None
    assert info.value.location.line is not None
    assert hint in (info.value.hint or "")


def test_a_step_may_use_itself_through_prior():
    plan = scheme('total = "prior(total) + sales"\npay = "total * 0.01"')
    assert plan.step("total").depends == ("sales",)
    pays = replayed(plan, "sales", [100, 200, 300])
    assert pays == ["1.00", "3.00", "6.00"]


def test_periods_per_year_defaults_from_the_period_and_can_be_given():
    assert scheme('pay = "ytd(sales)"').periods_per_year == 12
    assert scheme('pay = "ytd(sales)"', period="квартал").periods_per_year == 4
    given_ = scheme('pay = "ytd(sales)"', period="sprint", head="periods_per_year = 26")
    assert given_.periods_per_year == 26
    with pytest.raises(FormulaError, match="plan year's length is not known") as info:
        scheme('pay = "ytd(sales)"', period="sprint")
    assert "periods_per_year" in (info.value.hint or "")
    with pytest.raises(SchemeError, match="periods_per_year must be a whole number"):
        scheme('pay = "sales"', head="periods_per_year = 0")
    assert scheme('pay = "periods_per_year * sales"').pay({"sales": 2}) == 24


@pytest.mark.parametrize("name", ["period", "periods_per_year"])
def test_clock_names_cannot_name_kpis_params_or_steps(name):
    with pytest.raises(SchemeError, match="clock"):
        scheme(f'{name} = "sales"\npay = "sales"')


# ---------------------------------------------------------------------------------------------
# Reading history
# ---------------------------------------------------------------------------------------------
def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("csv", "message", "line", "column"),
    [
        ("person,period,earned\nA,1,5\nA,1,6\n", "two rows for one period", 3, 3),
        ("person,period,earned\nA,1,5\nA,3,6\n", "a gap in their history", 2, 3),
        ("person,period,earned\nA,1,\n", "no value of 'earned'", 2, 5),
        ("person,period,earned\nA,1,lots\n", "must be a number", 2, 5),
        ("person,period,earned\nA,March,5\n", "not a period", 2, 3),
        ("person,period,earned\nA,1,5\nA,2026-02,5\n", "written two ways", 3, 3),
        ("person,period,earned\n,1,5\n", "no person", 2, 1),
        ("person,period,earned\nA,2026-13,5\n", "no month 13", 2, 3),
    ],
)
def test_history_errors_name_the_row(tmp_path, csv, message, line, column):
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned")
    with pytest.raises(SchemeError, match=message) as info:
        motivsim.replay(plan, write(tmp_path, csv))
    where = info.value.location
    assert where is not None
    assert (where.line, where.column) == (line, column)
    assert Path(where.path or "").name == "history.csv"


def test_a_history_without_a_kpi_column_says_which(tmp_path):
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned")
    with pytest.raises(SchemeError, match="no column for 'earned'") as info:
        motivsim.replay(plan, write(tmp_path, "person,period,earnd\nA,1,5\n"))
    assert "did you mean 'earnd'" in (info.value.hint or "")


def test_dated_periods_follow_the_plan_year(tmp_path):
    # a quarterly plan whose year starts in April: 2026-02 is Q4 of the plan year 2025-26,
    # 2026-05 is Q1 of the next, so prior_ytd restarts there
    plan = scheme('pay = "ytd(sales)"', period="quarter", head="year_start = 4")
    text = "person,period,sales\nA,2025-11,10\nA,2026-02,20\nA,2026-05,30\nA,2026-Q3,40\n"
    result = motivsim.replay(plan, write(tmp_path, text))
    assert [str(p) for p in result.pay] == ["10.00", "30.00", "30.00", "70.00"]
    assert result.plan_years == (1, 1, 2, 2)


def test_row_columns_named_like_parameters_override_them():
    plan = scheme('pay = "rate * sales"', "rate = 0.1")
    rows = [
        {"person": "A", "period": 1, "sales": 1_000, "rate": 0.2},
        {"person": "A", "period": 2, "sales": 1_000},
    ]
    assert [str(p) for p in motivsim.replay(plan, rows).pay] == ["200.00", "100.00"]


def test_roster_people_are_replayed_with_their_own_parameters():
    plan = motivsim.load("schemes/dealership_roster.toml")
    rows = [
        {"person": "Anna Petrova", "period": 1, "revenue": 14_000_000, "cars_sold": 11},
        {"person": "Boris Ivanov", "period": 1, "revenue": 14_000_000, "cars_sold": 11},
    ]
    result = motivsim.replay(plan, rows)
    for name, pay in zip(result.people, result.pay, strict=True):
        expected = plan.exact({"revenue": 14_000_000, "cars_sold": 11}, person=name)["pay"]
        assert pay == Decimal(str(expected)).quantize(Decimal("0.01"))


def test_replay_from_a_dataframe_and_to_one():
    pd = pytest.importorskip("pandas")
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    frame = pd.DataFrame({"person": ["A", "A"], "period": [1, 2], "earned": [400.0, 2_000.0]})
    result = motivsim.replay(plan, frame)
    out = result.to_frame()
    assert out["pay"].tolist() == [1_000.0, 1_400.0]
    assert out["balance"].tolist() == [600.0, 0.0]


def test_replay_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "draw.toml"
    path.write_text(scheme(RECOVERABLE, "draw = 1_000", kpi="earned").source.text, "utf-8")  # type: ignore[union-attr]
    history = write(tmp_path, "person,period,earned,region\nA,1,400,N\nA,2,1600,N\n")
    assert main(["replay", str(path), str(history)]) == 0
    text = capsys.readouterr().out
    assert "2,000.00" in text
    assert "region" in text  # the unused column is named
    out = tmp_path / "pay.csv"
    assert main(["replay", str(path), str(history), "--out", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0] == "person,period,owed,balance,pay"
    assert lines[2].endswith(",1000.00")
    assert main(["replay", str(path), str(history), "--json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["schema"] == "motivsim.replay/1"
    assert data["people"] == {"A": "2000.00"}


def test_explain_history_prints_the_periods_side_by_side(tmp_path, capsys):
    path = tmp_path / "draw.toml"
    path.write_text(scheme(RECOVERABLE, "draw = 1_000", kpi="earned").source.text, "utf-8")  # type: ignore[union-attr]
    history = write(tmp_path, "person,period,earned\nA,1,400\nA,2,600\nB,1,5\nA,3,1200\n")
    assert main(["explain", str(path), "--history", str(history)]) == 2  # two people: whose?
    assert "--person" in capsys.readouterr().err
    assert main(["explain", str(path), "--history", str(history), "--person", "A"]) == 0
    text = capsys.readouterr().out
    table = text.split("\n\n")[1]  # the table, before the notes
    lines = {line.split()[0]: line.split()[1:] for line in table.splitlines() if line.strip()}
    assert lines["earned"] == ["400", "600", "1,200", "2,200"]
    assert lines["prior(balance)"] == ["0", "600", "1,000"]
    assert lines["pay"] == ["1,000.00", "1,000.00", "1,000.00", "3,000.00"]


# ---------------------------------------------------------------------------------------------
# Simulation over time
# ---------------------------------------------------------------------------------------------
TEMPORAL = """
[scheme]
name = "Draw with an annual cap"
period = "month"

[kpi.earned]
controllable = true
min = 0
distribution = { type = "empirical", values = [0, 300, 700.5, 1000, 1200.25, 3000] }

[params]
draw = 1_000
annual_cap = 8_000

[formula]
owed = "prior(balance)"
due = "max(draw, earned - owed)"
balance = "owed + due - earned"
pay = "min(due, max(0, annual_cap - prior_ytd(pay)))"

[principles]
plan_met = "earned >= 1000"

[[team.segment]]
name = "a"
count = 3
"""


def _draws(plan: motivsim.Scheme, runs: int, periods: int, seed: int) -> np.ndarray:
    """The KPI values a simulation of ``plan`` draws, as the engine draws them."""
    from motivsim.sampling.seeding import STREAM_SIMULATE, block_rng
    from motivsim.sampling.segments import draw_segment
    from motivsim.simulation.job import make_job, prepare

    prep = prepare(make_job(plan, runs=runs, periods=periods, seed=seed, keep_raw=False))
    job, seg = prep.job, prep.segments[0]
    parts = []
    for block in range(-(-runs // job.block_runs)):
        n = min(job.block_runs, runs - block * job.block_runs)
        rng = block_rng(job.seed, block, STREAM_SIMULATE)
        parts.append(draw_segment(prep.sampling, seg, [rng], [(0, n)], (n, periods, seg.count)))
    return np.concatenate([p["earned"] for p in parts])


def test_a_simulation_over_time_pays_what_replay_pays_each_manager():
    plan = motivsim.loads(TEMPORAL)
    runs, periods = 40, 14  # 14 months: the cap starts again in month 13
    result = motivsim.simulate(plan, runs=runs, periods=periods, seed=3, keep_raw=True)
    assert result.raw is not None
    earned = _draws(plan, runs, periods, seed=3)
    for r in range(runs):
        for c in range(3):
            rows = [
                {"person": "x", "period": t + 1, "earned": float(earned[r, t, c])}
                for t in range(periods)
            ]
            exact = motivsim.replay(plan, rows).pay
            simulated = [
                Decimal(repr(float(v))).quantize(Decimal("0.01")) for v in result.raw[r, :, c]
            ]
            assert simulated == list(exact), (r, c)


@pytest.mark.parametrize(("workers", "chunk_size"), [(2, None), (3, 500)])
def test_a_simulation_over_time_is_reproducible(workers, chunk_size):
    plan = motivsim.loads(TEMPORAL)
    reference = motivsim.simulate(plan, runs=3_000, periods=12, seed=5)
    again = motivsim.simulate(
        plan, runs=3_000, periods=12, seed=5, workers=workers, chunk_size=chunk_size
    )
    assert again.to_dict() == reference.to_dict()


def test_an_annual_cap_holds_in_every_simulated_year_of_every_manager():
    plan = motivsim.loads(TEMPORAL)
    result = motivsim.simulate(plan, runs=2_000, periods=24, seed=9, keep_raw=True)
    assert result.raw is not None
    years = result.raw.reshape(2_000, 2, 12, 3).sum(axis=2)
    assert years.max() <= 8_000 + 1e-6
    assert (years > 7_999).mean() > 0.5  # most managers reach it: the cap binds


# ---------------------------------------------------------------------------------------------
# The vectorised replay equals the exact one
# ---------------------------------------------------------------------------------------------
SCHEMES_OVER_TIME = {
    "draw": (RECOVERABLE, "draw = 1_000"),
    "true-up": (
        'due = "marginal(ytd(earned), [quota], [0.05, 0.08])"\n'
        'pay = "max(0, due - prior_ytd(pay))"',
        "quota = 3_000.3",
    ),
    "cap and threshold": (
        'met = "if(earned >= 0.3 * 3 * quota, 1, 0)"\n'
        'earned_now = "0.07 * earned + 100 * met + 0.1 * prior(earned, 2)"\n'
        'pay = "min(earned_now, max(0, 4_000 - prior_ytd(pay)))"',
        "quota = 1_000.1",
    ),
    "round and clock": (
        'pay = "round(earned * period / periods_per_year, 1) + floor(prior(earned) / 7)"',
        "",
    ),
}


@settings(max_examples=40, deadline=None)
@given(
    which=st.sampled_from(sorted(SCHEMES_OVER_TIME)),
    rule=st.sampled_from(["half-up", "half-even", "half-down", "down", "up"]),
    data=st.data(),
)
def test_the_vectorised_replay_pays_what_the_exact_one_pays(which, rule, data):
    formula, params = SCHEMES_OVER_TIME[which]
    plan = scheme(formula, params, kpi="earned", head=f'rounding = "{rule}"')
    values = st.sampled_from([0, 0.1, 0.3, 900.09, 900.1, 1_000, 2_700.27, 3_000.3, 333.33, 1e-3])
    rows = []
    for person in ("A", "B", "C"):
        start = data.draw(st.integers(1, 4))
        length = data.draw(st.integers(1, 15))
        for t in range(start, start + length):
            rows.append({"person": person, "period": t, "earned": data.draw(values)})
    fast = motivsim.replay(plan, rows)
    exact = motivsim.replay(plan, rows, exact=True)
    assert fast.pay == exact.pay


@pytest.mark.parametrize("order", ["by person", "shuffled", "with a gap in the grid"])
def test_every_step_of_the_vectorised_replay_is_the_exact_value_in_row_order(order):
    """Rows person by person, each in period order, are laid out without a scatter; the steps'
    values per row are the exact ones (to float64), whatever the layout."""
    formula, params = SCHEMES_OVER_TIME["cap and threshold"]
    plan = scheme(formula, params, kpi="earned")
    rng = random.Random(7)
    rows = [
        {"person": p, "period": t, "earned": rng.choice([0, 300.3, 900.09, 1_000, 3_000.3])}
        for p in ("A", "B", "C", "D")
        for t in range(1, 8)
        if not (order == "with a gap in the grid" and p == "D" and t > 5)
    ]
    if order == "shuffled":
        rng.shuffle(rows)
    fast = motivsim.replay(plan, rows)
    exact = motivsim.replay(plan, rows, exact=True)
    assert fast.pay == exact.pay
    assert list(fast.values) == list(exact.values) == [s.name for s in plan.steps]
    for name, column in exact.steps.items():
        expected = [np.nan if v is None else float(v) for v in column]
        np.testing.assert_allclose(fast.values[name], expected, rtol=1e-12, atol=1e-9)


def test_people_whose_values_the_fast_path_cannot_hold_are_paid_exactly():
    plan = scheme(
        'pay = "step(earned, [level], [0, 100]) + rate * earned"',
        "level = 10\nrate = 0.1",
        kpi="earned",
    )
    rows = [
        {"person": "A", "period": 1, "earned": 12, "level": 11},  # a tier level of its own
        {"person": "B", "period": 1, "earned": 12, "rate": Fraction(1, 3)},  # no float spells it
        {"person": "C", "period": 1, "earned": 12, "rate": 0.2},  # a column
        {"person": "D", "period": 1, "earned": 9},
    ]
    result = motivsim.replay(plan, rows)
    assert [str(p) for p in result.pay] == ["101.20", "104.00", "102.40", "0.90"]
    assert result.pay == motivsim.replay(plan, rows, exact=True).pay


def test_principle_one_per_plan_year_from_whole_years_of_each_manager():
    plan = motivsim.loads(
        """
[scheme]
name = "Bonus"
period = "quarter"
[kpi.sales]
controllable = true
distribution = { type = "uniform", low = 0, high = 100 }
[formula]
pay = "if(sales >= 60, 100, 10)"
[principles]
plan_met = "sales >= 60"
[[team.segment]]
name = "a"
count = 2
"""
    )
    result = motivsim.simulate(plan, runs=3_000, periods=9, seed=4, keep_raw=True)
    assert result.raw is not None
    assert result.per_year is not None
    whole = result.raw[:, :8, :].reshape(3_000, 2, 4, 2)  # two whole years; the 9th left out
    annual = whole.sum(axis=2)
    met = (whole == 100).sum(axis=2) * 2 >= 4
    assert result.per_year.years == annual.size
    assert result.per_year.share_meeting_plan == pytest.approx(met.mean())
    expected = annual[met].mean() / annual[~met].mean()
    assert result.per_year.ratio == pytest.approx(expected, rel=1e-12)
    assert "Per plan year (12,000 manager-years)" in str(result)
    assert result.to_dict()["per_year"]["manager_years"] == 12_000
    one = motivsim.simulate(plan, runs=100, periods=3, seed=4)
    assert one.per_year is None  # no whole plan year


def test_replay_from_a_polars_frame():
    pl = pytest.importorskip("polars")
    plan = scheme(RECOVERABLE, "draw = 1_000", kpi="earned", period="week")
    frame = pl.DataFrame({"person": ["A", "A"], "period": [1, 2], "earned": [400.0, 2_000.0]})
    assert [str(p) for p in motivsim.replay(plan, frame).pay] == ["1000.00", "1400.00"]


def test_a_statement_of_a_plan_that_remembers_says_it_is_a_first_period():
    plan = motivsim.load(
        Path(__file__).resolve().parent.parent / "schemes" / "saas_ytd_trueup.toml"
    )
    statement = plan.explain({"new_arr": 400_000})
    assert statement.total == Decimal("4000.00")  # a first quarter: a third of the quota so far
    assert "this statement is a person's first period" in str(statement)
    assert statement.to_dict()["notes"] == list(statement.notes)
    assert motivsim.load("schemes/dealership.toml").explain({}).notes == ()


def test_a_replay_result_pickles_with_its_step_values():
    import pickle

    result = motivsim.replay("schemes/dealership_roster.toml", "schemes/dealership_history.csv")
    back = pickle.loads(pickle.dumps(result))
    assert back.pay == result.pay
    assert list(back.values) == list(result.values)
    for name in result.values:
        np.testing.assert_array_equal(back.values[name], result.values[name])
