"""The [team] and [correlation] tables: parsing, validation with located errors, the copula."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

import motivsim
from motivsim.distributions import LogNormal, Poisson
from motivsim.errors import ArgumentError, SchemeError
from motivsim.scheme.team import DEFAULT_SEGMENT, Correlation, Segment, Team
from tests.conftest import SCHEMES

BASE = """\
[scheme]
name = "t"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }

[kpi.cars]
controllable = true
distribution = { type = "poisson", mean = 8 }

[kpi.leads]
controllable = true
distribution = { type = "normal", mean = 100, sd = 10 }

[formula]
pay = "0.01 * revenue + 100 * cars"
"""


def load(extra: str) -> motivsim.Scheme:
    return motivsim.loads(BASE + extra, path="t.toml")


def test_without_team_one_segment_of_one() -> None:
    scheme = load("")
    assert scheme.team == Team((Segment(DEFAULT_SEGMENT, 1),))
    assert scheme.team.size == 1
    assert scheme.correlation.pairs == ()


def test_team_dealership_example() -> None:
    scheme = motivsim.load(SCHEMES / "team_dealership.toml")
    assert [(s.name, s.count) for s in scheme.team.segments] == [("strong", 3), ("new hires", 4)]
    assert scheme.team.size == 7
    strong = scheme.team.segment("strong")
    assert strong.distribution(scheme.kpis["revenue"]) == LogNormal(13_000_000.0, 0.2)
    assert strong.distribution(scheme.kpis["cars_sold"]) == Poisson(11.0)
    assert scheme.correlation.rho("cars_sold", "revenue") == 0.7


def test_segment_without_override_uses_the_kpi_distribution() -> None:
    scheme = load(
        '[[team.segment]]\nname = "a"\ncount = 2\nkpi.cars = { type = "poisson", mean = 3 }\n'
    )
    seg = scheme.team.segments[0]
    assert seg.distribution(scheme.kpis["cars"]) == Poisson(3.0)
    assert seg.distribution(scheme.kpis["revenue"]) is scheme.kpis["revenue"].distribution


def test_override_is_truncated_by_kpi_bounds() -> None:
    scheme = load(
        '[[team.segment]]\nname = "a"\ncount = 1\n'
        'kpi.revenue = { type = "normal", mean = 10, sd = 20 }\n'
    )
    dist = scheme.team.segments[0].distribution(scheme.kpis["revenue"])
    assert dist is not None
    assert dist.support() == (0.0, math.inf)


TEAM = '[[team.segment]]\nname = "a"\ncount = 2\n'

INVALID = [
    pytest.param(
        "[team]\n",
        "t.toml:19:1: [team] needs [[team.segment]] tables, got nothing",
        id="team-empty",
    ),
    pytest.param(
        "[team]\nsegments = 1\n", "t.toml:20:1: unknown key 'team.segments'", id="team-unknown-key"
    ),
    pytest.param(
        "[[team.segment]]\ncount = 2\n",
        "t.toml:19:1: team.segment[0] needs a name",
        id="segment-no-name",
    ),
    pytest.param(
        '[[team.segment]]\nname = "a"\n',
        "t.toml:19:1: team.segment[0] needs a count",
        id="segment-no-count",
    ),
    pytest.param(
        '[[team.segment]]\nname = ""\ncount = 1\n',
        "t.toml:20:8: team.segment[0].name must be non-empty text in quotes, got the text ''",
        id="segment-empty-name",
    ),
    pytest.param(
        '[[team.segment]]\nname = "a"\ncount = 0\n',
        "t.toml:21:9: team.segment[0].count must be a whole number from 1 to 100,000, "
        "got the number 0",
        id="count-zero",
    ),
    pytest.param(
        '[[team.segment]]\nname = "a"\ncount = 2.5\n',
        "t.toml:21:9: team.segment[0].count must be a whole number from 1 to 100,000, "
        "got the number 2.5",
        id="count-fraction",
    ),
    pytest.param(
        '[[team.segment]]\nname = "a"\ncount = "3"\n',
        "t.toml:21:9: team.segment[0].count must be a whole number from 1 to 100,000, "
        "got the text '3'",
        id="count-text",
    ),
    pytest.param(
        '[[team.segment]]\nname = "a"\ncout = 3\n',
        "t.toml:21:1: unknown key 'team.segment[0].cout'",
        id="segment-unknown-key",
    ),
    pytest.param(
        TEAM + '[[team.segment]]\nname = "a"\ncount = 1\n',
        "t.toml:23:8: segment name 'a' is used twice",
        id="duplicate-segment",
    ),
    pytest.param(
        TEAM + 'kpi.revenu = { type = "constant", value = 1 }\n',
        "t.toml:22:1: team.segment[0].kpi.revenu: 'revenu' is not a KPI",
        id="override-unknown-kpi",
    ),
    pytest.param(
        TEAM + 'kpi.revenue = { type = "lognormal", median = 1, sigma = -1 }\n',
        "t.toml:22:49: sigma must be > 0, got -1",
        id="override-bad-sigma",
    ),
    pytest.param(
        TEAM + 'kpi.cars = { type = "binomial", n = 10, p = 1.5 }\n',
        "t.toml:22:41: p must be between 0 and 1, got 1.5",
        id="override-bad-p",
    ),
    pytest.param(
        TEAM + "kpi = 3\n",
        "t.toml:22:7: team.segment[0].kpi must be a table of KPI distributions, got the number 3",
        id="override-not-table",
    ),
    pytest.param(
        '[correlation]\n"revenue" = 0.5\n',
        "t.toml:20:1: correlation key 'revenue' must name two KPIs as \"a:b\"",
        id="correlation-no-colon",
    ),
    pytest.param(
        '[correlation]\n"revenue:car" = 0.5\n',
        "t.toml:20:1: correlation key 'revenue:car': 'car' is not a KPI",
        id="correlation-unknown-kpi",
    ),
    pytest.param(
        '[correlation]\n"cars:cars" = 0.5\n',
        "t.toml:20:1: correlation key 'cars:cars' pairs a KPI with itself",
        id="correlation-self",
    ),
    pytest.param(
        '[correlation]\n"revenue:cars" = 1.5\n',
        "t.toml:20:18: correlation revenue:cars must be between -1 and 1, got 1.5",
        id="correlation-above-one",
    ),
    pytest.param(
        '[correlation]\n"revenue:cars" = "high"\n',
        "t.toml:20:18: correlation revenue:cars must be a number, got the text 'high'",
        id="correlation-text",
    ),
    pytest.param(
        '[correlation]\n"revenue:cars" = 0.5\n"cars:revenue" = 0.4\n',
        "t.toml:21:1: the correlation of cars and revenue is given twice",
        id="correlation-twice",
    ),
    pytest.param(
        '[correlation]\n"revenue:cars" = 0.9\n"revenue:leads" = 0.9\n"cars:leads" = -0.9\n',
        't.toml:19:1: the correlations "revenue:cars" = 0.9, "revenue:leads" = 0.9, '
        '"cars:leads" = -0.9 cannot hold together (their matrix is not positive '
        "semi-definite)",
        id="correlation-not-psd",
    ),
]


@pytest.mark.parametrize(("extra", "first_line"), INVALID)
def test_invalid_tables_give_located_errors(extra: str, first_line: str) -> None:
    with pytest.raises(SchemeError) as info:
        load(extra)
    assert str(info.value).splitlines()[0].startswith(first_line)


@pytest.mark.parametrize(
    ("top", "first_line"),
    [
        ("team = 3\n", "t.toml:1:1: team must be a table, got the number 3"),
        ("correlation = 1\n", "t.toml:1:1: correlation must be a table, got the number 1"),
    ],
    ids=["team", "correlation"],
)
def test_tables_that_are_not_tables(top: str, first_line: str) -> None:
    with pytest.raises(SchemeError) as info:
        motivsim.loads(top + BASE, path="t.toml")
    assert str(info.value).splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("extra", "hint"),
    [
        ("[team]\nsegments = 1\n", "did you mean 'segment'?"),
        ('[[team.segment]]\nname = "a"\ncout = 3\n', "did you mean 'count'?"),
        (TEAM + 'kpi.revenu = { type = "constant", value = 1 }\n', "did you mean 'revenue'?"),
        ('[correlation]\n"revenue:car" = 0.5\n', "did you mean 'cars'?"),
    ],
    ids=["team-key", "segment-key", "override-kpi", "correlation-kpi"],
)
def test_did_you_mean(extra: str, hint: str) -> None:
    with pytest.raises(SchemeError) as info:
        load(extra)
    assert info.value.hint == hint


def test_psd_error_names_only_the_inconsistent_pairs() -> None:
    extra = '[correlation]\n"revenue:cars" = 0.95\n"revenue:leads" = 0.95\n"cars:leads" = -0.95\n'
    with pytest.raises(SchemeError, match="not positive semi-definite") as info:
        load(extra)
    assert info.value.location.key == "correlation"


def test_singular_but_consistent_correlations_are_accepted() -> None:
    scheme = load('[correlation]\n"revenue:cars" = 1\n"revenue:leads" = 1\n"cars:leads" = 1\n')
    names = ["revenue", "cars", "leads"]
    factor = scheme.correlation.factor(names)
    np.testing.assert_allclose(factor @ factor.T, np.ones((3, 3)), atol=1e-12)


def test_copula_matrix_converts_rank_to_normal_correlation() -> None:
    correlation = Correlation(((("a", "b"), 0.5),))
    matrix = correlation.copula_matrix(["a", "b", "c"])
    assert matrix[0, 1] == matrix[1, 0] == pytest.approx(2 * math.sin(math.pi * 0.5 / 6))
    assert matrix[0, 2] == matrix[2, 2] - 1 == 0.0
    assert correlation.names == ("a", "b")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Segment("a", 0),
            "segment 'a': count must be a whole number from 1 to 100,000, got 0",
        ),
        (lambda: Segment("", 1), "a segment needs a name, got ''"),
        (lambda: Team(()), "a team needs at least one segment"),
        (lambda: Team((Segment("a", 1), Segment("a", 2))), "segment name 'a' is used twice"),
        (lambda: Correlation(((("a", "b"), 2.0),)), "invalid correlation a:b = 2.0"),
        (lambda: Team().segment("nobody"), "the team has no segment 'nobody'"),
    ],
    ids=["count", "name", "empty-team", "duplicate", "rho", "unknown-segment"],
)
def test_invalid_objects_cannot_exist(make, message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        make()
    assert info.value.message == message


def test_scheme_with_team_pickles() -> None:
    scheme = motivsim.load(SCHEMES / "team_dealership.toml")
    copy = pickle.loads(pickle.dumps(scheme))
    assert copy.team == scheme.team
    assert copy.correlation == scheme.correlation
    assert copy.pay({"revenue": 12_000_000, "cars_sold": 11}) == scheme.pay(
        {"revenue": 12_000_000, "cars_sold": 11}
    )
    assert isinstance(copy.kpis, type(scheme.kpis))
