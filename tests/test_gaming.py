"""``simulate --gaming``: managers moving deals between periods when it pays them."""

from __future__ import annotations

import pytest

import motivsim
from motivsim.simulation.gaming import simulate_gaming


def scheme(formula: str, formula_extra: str = "") -> motivsim.Scheme:
    return motivsim.loads(
        f"""
[scheme]
name = "Gaming"
period = "month"
revenue_kpi = "sales"
[kpi.sales]
controllable = true
min = 0
distribution = {{ type = "uniform", low = 0, high = 200 }}
[formula]
{formula_extra}
pay = "{formula}"
"""
    )


def test_the_honest_side_is_the_plain_simulation():
    plan = motivsim.load("schemes/team_dealership.toml")
    found = simulate_gaming(plan, runs=2_000, periods=6, seed=3)
    plain = motivsim.simulate(plan, runs=2_000, periods=6, seed=3)
    assert found.payroll[0] == pytest.approx(plain.payroll.mean, rel=1e-12)


def test_linear_pay_gives_nobody_a_reason_to_move_deals():
    found = simulate_gaming(scheme("0.1 * sales"), runs=2_000, periods=6, seed=1)
    assert found.pulled == found.pushed == 0
    assert found.payroll[0] == found.payroll[1]
    assert found.kpi_total[0] == found.kpi_total[1]


def test_a_threshold_bonus_makes_managers_bunch_deals_at_a_cost():
    found = simulate_gaming(scheme("if(sales >= 120, 50, 0)"), runs=4_000, periods=6, seed=2)
    assert found.pulled + found.pushed > 0.05  # those just below 120 with room to reach it
    assert found.payroll[1] > 1.05 * found.payroll[0]  # more bonuses paid
    assert found.kpi_total[1] < found.kpi_total[0]  # each move loses 7% of what is moved
    text = str(found)
    assert "Deals moved at" in text
    assert "payroll per period" in text


def test_with_no_room_to_move_nothing_changes():
    found = simulate_gaming(scheme("if(sales >= 120, 50, 0)"), runs=500, periods=4, seed=2, share=0)
    assert found.pulled == found.pushed == 0


def test_a_year_to_date_true_up_leaves_nothing_to_gain_by_moving_deals():
    """The same bonus, 50 for each 120 of sales, paid on each month alone or recomputed on the
    year so far: managers bunch deals under the first, and not under the true-up, which pays
    the year's bonus whatever the timing (a move only loses its cost)."""
    monthly = simulate_gaming(scheme("50 * floor(sales / 120)"), runs=2_000, periods=6, seed=2)
    true_up = simulate_gaming(
        scheme("max(0, due - prior_ytd(pay))", 'due = "50 * floor(ytd(sales) / 120)"'),
        runs=2_000,
        periods=6,
        seed=2,
    )
    assert monthly.pulled + monthly.pushed > 0.05
    assert monthly.payroll[1] > 1.05 * monthly.payroll[0]
    assert true_up.pulled == true_up.pushed == 0
    assert true_up.payroll[0] == true_up.payroll[1]


def test_a_plan_that_remembers_is_weighed_over_the_rest_of_the_periods():
    """An annual cap of 300 on 10% of sales, monthly: pulling sales into an early month pays
    nothing more over the year once the cap binds, and the honest side is the plain
    simulation of the plan over time."""
    plan = scheme("min(earned, max(0, 300 - prior_ytd(pay)))", 'earned = "if(sales >= 150, 40, 0)"')
    found = simulate_gaming(plan, runs=2_000, periods=12, seed=4)
    plain = motivsim.simulate(plan, runs=2_000, periods=12, seed=4)
    assert found.payroll[0] == pytest.approx(plain.payroll.mean, rel=1e-12)
    assert found.pulled + found.pushed > 0.01  # months near 150 still gain before the cap
    assert found.payroll[1] <= 300 / 12 + 1e-9  # the cap holds under gaming too


def test_simulate_gaming_on_the_command_line(capsys):
    from motivsim.cli.app import main

    args = ["simulate", "schemes/dealership.toml", "--periods", "4", "--runs", "500"]
    assert main([*args, "--seed", "1", "--gaming", "--gaming-share", "10%"]) == 0
    text = capsys.readouterr().out
    assert "Gaming: 'Car dealership sales manager', managers moving up to 10%" in text
    assert main([*args, "--seed", "1", "--gaming", "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["gaming"]["share"] == pytest.approx(0.23)
    assert main([*args, "--gaming-share", "150%"]) == 2


def test_the_gaming_report_is_in_the_schemes_language():
    found = simulate_gaming(
        motivsim.load("schemes/dealership_ru.toml"), runs=300, periods=3, seed=1
    )
    text = str(found)
    assert "ФОТ за период" in text
    assert "честно" in text
    assert "honest" not in text
