"""Property tests for our sales pay schemes: copy this file next to your ``schemes/`` folder.

Run them with ``python -m pytest test_my_schemes.py``. Each assertion searches for a
counterexample (with hypothesis) and, when it finds one, fails with it shrunk to round numbers
and stated in money, e.g.::

    AssertionError: pay falls when 'revenue' rises (scheme 'Sales manager'):
      with revenue=60,000, pay is 6,000.00 USD
      with revenue=100,000, pay is 5,000.00 USD (1,000.00 USD less, −16.7%)

Set MOTIVSIM_MAX_EXAMPLES=50 for a quick run (a pre-commit hook), 2000 for a deep one (nightly).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import motivsim
from motivsim.testing import assert_bounded, assert_monotone, assert_no_pay_cut, assert_principles

SCHEMES_DIR = Path(__file__).parent / "schemes"
SCHEMES = sorted(SCHEMES_DIR.glob("*.toml"))

#: KPIs where less is better (returns, complaints): pay is meant to fall as they rise.
LOWER_IS_BETTER = {"returns_pct"}
#: Schemes kept to show what not to do: they break a principle on purpose. In your copy,
#: empty this set; every scheme you pay people by should pass.
BREAK_A_PRINCIPLE = {
    "convoluted.toml",
    "dealership.toml",
    "flat_commission.toml",
    "profit_bonus.toml",
    "saas_segments.toml",
}


def test_there_are_schemes_to_test() -> None:
    assert SCHEMES, f"no *.toml files in {SCHEMES_DIR}"


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.name)
def test_better_results_never_pay_less(path: Path) -> None:
    """Selling more of anything the manager controls never lowers pay (cliffs up are allowed)."""
    scheme = motivsim.load(path)
    for kpi in scheme.pay_inputs:
        if scheme.kpis[kpi].controllable and kpi not in LOWER_IS_BETTER:
            assert_monotone(scheme, kpi)


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.name)
def test_pay_is_never_negative(path: Path) -> None:
    assert_bounded(path, lo=0)


@pytest.mark.parametrize("path", SCHEMES, ids=lambda p: p.name)
def test_the_three_principles(path: Path) -> None:
    if path.name in BREAK_A_PRINCIPLE:
        with pytest.raises(AssertionError, match="breaks"):
            assert_principles(path)
    else:
        assert_principles(path)


def test_dealership_pay_stays_within_budget() -> None:
    """Nobody earns less than the base salary, nor more than base + the capped commission + the
    volume bonus."""
    assert_bounded(SCHEMES_DIR / "dealership.toml", lo=40_000, hi=40_000 + 300_000 + 25_000)


def test_team_file_pays_what_the_single_manager_file_pays() -> None:
    """Two files that must agree: neither pays anyone less than the other, for any results."""
    single, team = SCHEMES_DIR / "dealership.toml", SCHEMES_DIR / "team_dealership.toml"
    assert_no_pay_cut(single, team)
    assert_no_pay_cut(team, single)


def test_the_returns_kpi_really_lowers_pay() -> None:
    """The opposite property fails, as it should: a counterexample is found."""
    with pytest.raises(AssertionError, match="pay falls when 'returns_pct' rises"):
        assert_monotone(SCHEMES_DIR / "convoluted.toml", "returns_pct")
