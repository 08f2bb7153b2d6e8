"""Hypothesis strategies and one-line assertions that search a pay scheme for counterexamples.

Use them in your own test suite (see ``docs/testing.md``)::

    from motivsim.testing import assert_monotone, assert_no_pay_cut

    def test_more_revenue_never_pays_less():
        assert_monotone("schemes/dealership.toml", "revenue")

Each assertion runs a hypothesis search (a reproducible one by default), shrinks the failing case
toward the plan and toward round numbers, and raises :class:`AssertionError` that states it in
business terms. This is the only motivsim package that imports hypothesis.
"""

from motivsim.testing.assertions import (
    assert_bounded,
    assert_monotone,
    assert_no_pay_cut,
    assert_principles,
)
from motivsim.testing.search import DEFAULT_EXAMPLES, EXAMPLES_VARIABLE
from motivsim.testing.strategies import kpi_values, scheme_texts, schemes

__all__ = [
    "DEFAULT_EXAMPLES",
    "EXAMPLES_VARIABLE",
    "assert_bounded",
    "assert_monotone",
    "assert_no_pay_cut",
    "assert_principles",
    "kpi_values",
    "scheme_texts",
    "schemes",
]
