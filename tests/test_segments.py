"""Per-segment parameters: ``[[team.segment]] params``, ``Scheme.with_params``,
``Scheme.segment_scheme``, ``explain --segment`` and simulation with each segment's own plan."""

from __future__ import annotations

import json
import math
import pickle
from fractions import Fraction

import numpy as np
import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.errors import ArgumentError, ArgumentTypeError, SchemeError
from motivsim.scheme.team import Segment

HEAD = """\
[scheme]
name = "Quota bonus"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "uniform", low = 0, high = 1_000_000 }
"""

PARAMS = """
[params]
annual_quota = 2_000_000
quota = "annual_quota / 4"
base = 50_000
bonus = 20_000
rate = 0.01
"""

FORMULA = """
[formula]
tiered = "marginal(revenue, [quota], [0, rate])"
pay = "base + step(revenue, [quota], [0, bonus]) + tiered"
"""

TEAM = """
[[team.segment]]
name = "seniors"
count = 3
params = { annual_quota = 2_400_000, base = 60_000 }

[[team.segment]]
name = "juniors"
count = 2

[[team.segment]]
name = "trainees"
count = 4
params = { quota = 250_000.5, bonus = 10_000 }
"""


def scheme_text(params: str = PARAMS, team: str = TEAM) -> str:
    return HEAD + params + FORMULA + team


def load(params: str = PARAMS, team: str = TEAM) -> motivsim.Scheme:
    return motivsim.loads(scheme_text(params, team), path="s.toml")


# ---------------------------------------------------------------------------------------------
# Parsing [[team.segment]] params
# ---------------------------------------------------------------------------------------------
def test_segment_params_are_parsed_exactly():
    scheme = load()
    seniors, juniors, trainees = scheme.team.segments
    assert seniors.params == (("annual_quota", Fraction(2_400_000)), ("base", Fraction(60_000)))
    assert juniors.params == ()
    assert trainees.params == (("quota", Fraction(500_001, 2)), ("bonus", Fraction(10_000)))
    assert scheme.derived == {"quota": "annual_quota / 4"}
    with pytest.raises(TypeError):
        scheme.derived["x"] = "1"  # type: ignore[index]


@pytest.mark.parametrize(
    ("segment_params", "message", "hint"),
    [
        ("{ quotta = 1 }", "'quotta' is not a parameter of [params]", "did you mean 'quota'?"),
        ('{ base = "60_000" }', "must be a number, got", "no quotes"),
        ("{ base = true }", "must be a number, got", "a number"),
        ("{ base = 1e16 }", "too large", "thousands or millions"),
        ("3", "must be a table of parameter values", "params = { quota = 250_000 }"),
    ],
)
def test_bad_segment_params_are_located_errors(segment_params, message, hint):
    team = f'[[team.segment]]\nname = "a"\ncount = 1\nparams = {segment_params}\n'
    with pytest.raises(SchemeError) as info:
        load(team=team)
    assert message in info.value.message
    assert hint in (info.value.hint or "")
    assert info.value.location is not None
    assert (
        info.value.location.line
        == scheme_text(team=team).splitlines().index(f"params = {segment_params}") + 1
    )


def test_segment_params_need_params():
    team = '[[team.segment]]\nname = "a"\ncount = 1\nparams = { base = 1 }\n'
    with pytest.raises(SchemeError, match="not a parameter") as info:
        motivsim.loads(HEAD + '\n[formula]\npay = "revenue"\n' + team)
    assert "declare it under [params]" in (info.value.hint or "")


def test_segment_params_that_break_a_derived_parameter_are_located():
    params = PARAMS + 'per_quota = "bonus / annual_quota"\n'
    team = '[[team.segment]]\nname = "a"\ncount = 1\nparams = { annual_quota = 0 }\n'
    with pytest.raises(SchemeError, match="divides by zero") as info:
        load(params, team)
    assert "segment 'a'" in info.value.message
    assert info.value.location is not None
    assert info.value.location.line > 20


def test_segment_rejects_params_that_are_not_pairs():
    with pytest.raises(ArgumentError, match="params must be"):
        Segment("a", 1, params=(("base", 1.5),))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Scheme.with_params
# ---------------------------------------------------------------------------------------------
def written(**numbers: object) -> motivsim.Scheme:
    """The scheme file written out with ``numbers`` for its parameters (no derived ones)."""
    lines = "\n[params]\n" + "".join(f"{k} = {v}\n" for k, v in numbers.items())
    return load(lines, team="")


@pytest.mark.parametrize(
    ("overrides", "numbers"),
    [
        (
            {"annual_quota": 1_000_000},
            {"annual_quota": 1_000_000, "quota": 250_000, "base": 50_000, "bonus": 20_000},
        ),
        (
            {"quota": Fraction(600_001, 2), "rate": 0.03},
            {"annual_quota": 2_000_000, "quota": "300_000.5", "base": 50_000, "rate": 0.03},
        ),
        (
            {"annual_quota": 1_000_000, "base": "x"},
            None,
        ),
    ],
)
def test_with_params_pays_as_a_file_written_with_those_numbers(overrides, numbers):
    scheme = load(team="")
    if numbers is None:
        with pytest.raises(ArgumentTypeError, match="parameter 'base' must be a number"):
            scheme.with_params(overrides)
        return
    merged = {"base": 50_000, "bonus": 20_000, "rate": 0.01} | numbers
    numbers = {k: merged[k] for k in scheme.params}  # the file's order, as statements show it
    other = scheme.with_params(overrides)
    reference = written(**numbers)
    assert dict(other.params) == {k: reference.params[k] for k in other.params}
    points = [0, 249_999.99, 250_000, 250_000.5, 300_000, 300_000.5, 300_001, 499_999, 1e6]
    for value in points:
        assert other.exact({"revenue": value}) == reference.exact({"revenue": value})
        assert other.pay({"revenue": value}) == reference.pay({"revenue": value})
    rng = np.random.default_rng(7)
    revenue = np.concatenate([np.array(points), rng.uniform(0, 1e6, 10_000)])
    np.testing.assert_array_equal(
        other.pay({"revenue": revenue}), reference.pay({"revenue": revenue})
    )
    assert str(other.explain({"revenue": 400_000})) == str(
        reference.explain({"revenue": 400_000})
    ).replace(reference.name, other.name)
    assert scheme.params["quota"] == 500_000  # the original is unchanged


def test_with_params_keeps_an_overridden_derived_parameter_and_rebuilds_plan_met():
    text = scheme_text(team="") + '\n[principles]\nplan_met = "revenue >= quota"\n'
    scheme = motivsim.loads(text)
    other = scheme.with_params({"annual_quota": 400_000, "quota": 150_000})
    assert other.params["quota"] == 150_000
    assert other.params["annual_quota"] == 400_000
    assert other.holds(other.principles.plan_met, {"revenue": np.array([149_999.0, 150_000])})[1]
    assert not scheme.holds(scheme.principles.plan_met, {"revenue": np.array([150_000.0])})[0]
    assert other.with_params({}) is other


def test_with_params_errors_say_how_to_fix():
    scheme = load(team="")
    with pytest.raises(ArgumentError, match="'quotta' is not a parameter") as info:
        scheme.with_params({"quotta": 1})
    assert "did you mean 'quota'" in info.value.message
    with pytest.raises(ArgumentError, match="too large"):
        scheme.with_params({"base": 10**16})
    with pytest.raises(ArgumentError, match="must be finite"):
        scheme.with_params({"base": math.inf})
    with pytest.raises(ArgumentTypeError, match="with_params needs a mapping"):
        scheme.with_params([("base", 1)])  # type: ignore[arg-type]
    divided = motivsim.loads(
        scheme_text(PARAMS + 'share = "bonus / base"\n', team=""), path="s.toml"
    )
    with pytest.raises(ArgumentError, match="'share' = 'bonus / base' divides by zero") as info:
        divided.with_params({"base": 0})
    assert "give other values" in (info.value.hint or "")


def test_with_params_result_pickles():
    other = load().with_params({"annual_quota": 1_000_000})
    again = pickle.loads(pickle.dumps(other))
    assert again.pay({"revenue": 260_000}) == other.pay({"revenue": 260_000})
    assert again.derived == other.derived


# ---------------------------------------------------------------------------------------------
# segment_scheme and explain --segment
# ---------------------------------------------------------------------------------------------
def test_segment_scheme_uses_the_segments_params():
    scheme = load()
    seniors = scheme.segment_scheme("seniors")
    assert seniors.params["quota"] == 600_000  # recomputed from its annual_quota
    assert seniors.params["base"] == 60_000
    assert seniors.pay({"revenue": 550_000}) == 60_000
    assert scheme.pay({"revenue": 550_000}) == 50_000 + 20_000 + 500
    juniors = scheme.segment_scheme("juniors")  # no params: the scheme's, with its own team
    assert juniors.params == scheme.params
    assert [s.name for s in juniors.team.segments] == ["juniors"]
    trainees = scheme.segment_scheme("trainees")
    assert trainees.params["quota"] == Fraction(500_001, 2)
    assert trainees.params["annual_quota"] == 2_000_000  # a derived one given stays as given
    assert trainees.pay({"revenue": 250_000.5}) == 60_000
    assert trainees.pay({"revenue": 250_000.49}) == 50_000
    with pytest.raises(ArgumentError, match="no segment 'senior'") as info:
        scheme.segment_scheme("senior")
    assert "did you mean 'seniors'" in (info.value.hint or "")


def test_explain_segment_on_the_command_line(capsys, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(scheme_text(), encoding="utf-8")
    assert main(["explain", str(path), "revenue=650000", "--segment", "seniors"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Segment: seniors (params: annual_quota = 2,400,000, base = 60,000)")
    assert "Total pay: 80,500.00" in out  # 60,000 + 20,000 + 1% of 50,000
    assert main(["explain", str(path), "revenue=650000"]) == 0
    plain = capsys.readouterr().out
    assert "Segment" not in plain
    assert "Total pay: 71,500.00" in plain
    assert main(["explain", str(path), "revenue=650000", "--segment", "trainees", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["segment"] == "trainees"
    assert main(["explain", str(path), "revenue=1", "--segment", "nobody"]) == 2
    assert "no segment 'nobody'" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Simulation: each segment with its own parameters
# ---------------------------------------------------------------------------------------------
STEP_ONLY = """
[formula]
pay = "base + step(revenue, [quota], [0, bonus])"
"""

TWO = """
[[team.segment]]
name = "high quota"
count = 3
params = { annual_quota = 3_200_000 }

[[team.segment]]
name = "low quota"
count = 2
params = { annual_quota = 800_000, base = 40_000 }

[[team.segment]]
name = "as written"
count = 1
"""


def test_segment_means_match_the_exact_expectation():
    scheme = motivsim.loads(HEAD + PARAMS + STEP_ONLY + TWO)
    runs = 40_000
    result = motivsim.simulate(scheme, runs=runs, seed=11, keep_raw=True)
    # revenue ~ U(0, 1e6): mean pay = base + bonus * P(revenue >= quota) = ... * (1 - q / 1e6)
    expected = {
        "high quota": (50_000, 800_000),
        "low quota": (40_000, 200_000),
        "as written": (50_000, 500_000),
    }
    first = 0
    for seg in result.segments:
        base, quota = expected[seg.name]
        p = 1 - quota / 1_000_000
        n = runs * seg.count
        tolerance = 5 * 20_000 * math.sqrt(p * (1 - p) / n)
        assert seg.mean_pay == pytest.approx(base + 20_000 * p, abs=tolerance), seg.name
        assert result.raw is not None
        raw = result.raw[:, :, first : first + seg.count]
        assert set(np.unique(raw)) == {base, base + 20_000}  # the segment's own base and quota
        first += seg.count


def test_a_segments_simulation_equals_the_file_written_with_its_numbers():
    team = '[[team.segment]]\nname = "a"\ncount = 3\nparams = { annual_quota = 1_000_000 }\n'
    scheme = load(team=team)
    numbers = {"annual_quota": 1_000_000, "quota": 250_000, "base": 50_000, "bonus": 20_000}
    lines = "\n[params]\n" + "".join(f"{k} = {v}\n" for k, v in numbers.items())
    reference = load(
        lines + "rate = 0.01\n", team=team.replace("params = { annual_quota = 1_000_000 }\n", "")
    )
    ours = motivsim.simulate(scheme, runs=2_000, periods=2, seed=9, keep_raw=True)
    theirs = motivsim.simulate(reference, runs=2_000, periods=2, seed=9, keep_raw=True)
    assert ours.raw is not None
    assert theirs.raw is not None
    np.testing.assert_array_equal(ours.raw, theirs.raw)
    assert ours.segments[0].mean_pay == theirs.segments[0].mean_pay


@pytest.mark.parametrize(("workers", "chunk_size"), [(1, 1_000), (3, None), (2, 50_000)])
def test_segment_params_simulation_is_reproducible(workers, chunk_size):
    scheme = motivsim.loads(HEAD + PARAMS + FORMULA + TWO)
    reference = motivsim.simulate(scheme, runs=3_000, periods=2, seed=3)
    again = motivsim.simulate(
        scheme, runs=3_000, periods=2, seed=3, workers=workers, chunk_size=chunk_size
    )
    assert again.to_dict() == reference.to_dict()


def test_segments_without_params_share_the_schemes_program():
    from motivsim.simulation.job import make_job, prepare

    scheme = motivsim.loads(
        HEAD
        + PARAMS
        + FORMULA
        + TWO
        + TEAM.replace("seniors", "s2").replace("juniors", "j2").replace("trainees", "t2")
    )
    prep = prepare(make_job(scheme, runs=10, periods=1, seed=1, keep_raw=False))
    programs = prep.programs
    assert programs["as written"][1] is prep.program
    assert programs["j2"][1] is prep.program
    assert programs["high quota"][1] is not prep.program
    assert programs["low quota"][1] is not programs["high quota"][1]
    assert programs["low quota"][0]["quota"] == 200_000


def test_segment_params_that_break_a_tier_table_are_located():
    params = "\n[params]\nlow = 100\nhigh = 200\n"
    formula = '\n[formula]\npay = "step(revenue, [low, high], [0, 1, 2])"\n'
    team = '\n[[team.segment]]\nname = "s"\ncount = 1\nparams = { low = 300 }\n'
    with pytest.raises(SchemeError, match="breakpoints must increase") as info:
        motivsim.loads(HEAD + params + formula + team, path="t.toml")
    assert "segment 's'" in info.value.message
    assert "increasing order" in (info.value.hint or "")


def test_a_segment_sees_its_own_distributions_and_team() -> None:
    scheme = motivsim.load("schemes/saas_segments.toml")
    enterprise = scheme.segment_scheme("enterprise")
    dist = enterprise.kpis["new_arr"].distribution
    assert dist is not None
    assert dist.median() == pytest.approx(560_000)
    assert [(s.name, s.count) for s in enterprise.team.segments] == [("enterprise", 2)]


def test_check_segment_is_the_check_of_the_segments_scheme(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from motivsim.cli.app import main

    scheme = motivsim.load("schemes/saas_segments.toml")
    direct = motivsim.check(scheme.segment_scheme("enterprise"), seed=3, warnings=False)
    code = main(
        ["check", "schemes/saas_segments.toml", "--segment", "enterprise", "--seed", "3", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # a 50/50 plan: principle 1 fails in every segment
    ratio = next(r for r in data["results"] if r["name"] == "ratio")
    assert ratio["value"] == pytest.approx(direct.result("ratio").value)
    default = motivsim.check(scheme, seed=3, warnings=False).result("ratio").value
    assert ratio["value"] != pytest.approx(default)


def test_check_unknown_segment_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    from motivsim.cli.app import main

    assert main(["check", "schemes/saas_segments.toml", "--segment", "enterprice"]) == 2
    assert "did you mean 'enterprise'?" in capsys.readouterr().err
