"""Switching points that the pay-cut search and the strategies aim at."""

from __future__ import annotations

from fractions import Fraction

from motivsim.search.ranges import critical_points


def test_switches_inside_an_if_are_found(make_scheme):
    scheme = make_scheme({"pay": "if(revenue + if(revenue > 5_000, 1_000, 0) >= 10_000, 500, 0)"})
    points = critical_points(scheme.full_expression("pay"), "revenue", {})
    # the inner if switches at 5,000; with its bonus the outer threshold is crossed at 9,000
    assert points == [Fraction(5_000), Fraction(9_000), Fraction(10_000)]


def test_expand_substitutes_steps_and_params(make_scheme):
    scheme = make_scheme({"a": "revenue / plan", "pay": "a * 2"}, params={"plan": 100})
    assert scheme.expand(scheme.step("pay").expr) == scheme.full_expression("pay")
    assert str(scheme.full_expression("pay")) == "revenue/50"
