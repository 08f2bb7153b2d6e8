"""What a RevOps engineer meets first: DataFrames in and out of ``Scheme.pay``/``evaluate``,
short pytest failures from ``motivsim.testing``, exact whole-number quantiles, the progress bar.
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import motivsim
from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.simulation.sketch import SketchBuilder
from tests.conftest import ROOT, SCHEMES

pytest_plugins = ["pytester"]

DEALERSHIP = motivsim.load(SCHEMES / "dealership.toml")
FLAT = motivsim.load(SCHEMES / "flat_commission.toml")


# -- 1. pandas and polars ------------------------------------------------------------------------
@pytest.fixture
def pd():  # type: ignore[no-untyped-def]
    return pytest.importorskip("pandas")


def _frame(pd):  # type: ignore[no-untyped-def]
    return pd.DataFrame(
        {
            "manager": ["Ann", "Bo", "Cy"],
            "revenue": [8_000_000.0, 12_500_000.0, 20_000_000.0],
            "cars_sold": [10, 22, 31],
            "region": ["N", "S", "N"],
        },
        index=pd.Index(["a-1", "b-2", "c-3"], name="id"),
    )


def test_pay_of_a_dataframe_is_a_series_with_its_index(pd) -> None:  # type: ignore[no-untyped-def]
    frame = _frame(pd)
    pay = DEALERSHIP.pay(frame)
    assert isinstance(pay, pd.Series)
    assert pay.name == "pay"
    assert pay.index.equals(frame.index)
    plain = DEALERSHIP.pay({k: frame[k].to_numpy() for k in ("revenue", "cars_sold")})
    np.testing.assert_array_equal(pay.to_numpy(), plain)
    # the usual pandas idiom, and again with the pay column now in the frame (ignored)
    frame["pay"] = DEALERSHIP.pay(frame)
    pd.testing.assert_series_equal(DEALERSHIP.pay(frame), frame["pay"])


def test_evaluate_of_a_dataframe_is_a_dataframe_one_column_per_step(pd) -> None:  # type: ignore[no-untyped-def]
    frame = _frame(pd)
    steps = DEALERSHIP.evaluate(frame)
    assert isinstance(steps, pd.DataFrame)
    assert list(steps.columns) == list(DEALERSHIP.step_names)
    assert steps.index.equals(frame.index)
    plain = DEALERSHIP.evaluate({k: frame[k].to_numpy() for k in ("revenue", "cars_sold")})
    for name, values in plain.items():
        np.testing.assert_array_equal(steps[name].to_numpy(), values)


def test_a_dict_of_series_gives_a_series(pd) -> None:  # type: ignore[no-untyped-def]
    frame = _frame(pd)
    pay = DEALERSHIP.pay({"revenue": frame["revenue"], "cars_sold": frame["cars_sold"]})
    pd.testing.assert_series_equal(pay, DEALERSHIP.pay(frame))
    mixed = DEALERSHIP.pay({"revenue": frame["revenue"], "cars_sold": 20})  # scalars broadcast
    assert list(mixed.index) == ["a-1", "b-2", "c-3"]
    assert isinstance(
        DEALERSHIP.evaluate({"revenue": frame["revenue"], "cars_sold": 20}), pd.DataFrame
    )


def test_series_with_different_indexes_are_refused(pd) -> None:  # type: ignore[no-untyped-def]
    revenue = pd.Series([1e6, 2e6], index=[0, 1])
    cars = pd.Series([3, 4], index=[1, 0])
    with pytest.raises(ArgumentError, match="different indexes"):
        DEALERSHIP.pay({"revenue": revenue, "cars_sold": cars})


def test_a_missing_pay_kpi_is_refused_by_name(pd) -> None:  # type: ignore[no-untyped-def]
    frame = _frame(pd).drop(columns="cars_sold")
    with pytest.raises(ArgumentError, match="missing KPI value: cars_sold"):
        DEALERSHIP.pay(frame)
    with pytest.raises(ArgumentError, match="missing KPI value: cars_sold"):
        DEALERSHIP.evaluate(frame)


def test_bad_columns_are_refused_as_arrays_are(pd) -> None:  # type: ignore[no-untyped-def]
    nullable = pd.DataFrame({"revenue": pd.array([1_000_000, None], dtype="Int64")})
    with pytest.raises(ArgumentError, match="NaN or infinite"):
        FLAT.pay(nullable)
    whole = pd.DataFrame({"revenue": pd.array([1_000_000, 2_000_000], dtype="Int64")})
    assert FLAT.pay(whole).tolist() == [50_000.0, 100_000.0]
    with pytest.raises(ArgumentTypeError, match="must be numbers, got '1000000' at"):
        FLAT.pay(pd.DataFrame({"revenue": ["1000000"]}))
    with pytest.raises(ArgumentError, match="more than one column named revenue"):
        FLAT.pay(pd.DataFrame([[1.0, 2.0]], columns=["revenue", "revenue"]))


def test_an_empty_frame_gives_an_empty_series(pd) -> None:  # type: ignore[no-untyped-def]
    pay = FLAT.pay(pd.DataFrame({"revenue": pd.Series([], dtype=float)}))
    assert isinstance(pay, pd.Series)
    assert len(pay) == 0


def test_exact_and_explain_say_to_pass_one_row(pd) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArgumentTypeError) as caught:
        FLAT.exact(_frame(pd))
    assert "frame.iloc[0].to_dict()" in str(caught.value)


def test_polars_dataframe() -> None:
    pl = pytest.importorskip("polars")
    frame = pl.DataFrame({"revenue": [1e6, 2e6], "name": ["Ann", "Bo"]})
    pay = FLAT.pay(frame)
    assert isinstance(pay, pl.Series)
    assert pay.to_list() == [50_000.0, 100_000.0]
    assert isinstance(FLAT.evaluate(frame), pl.DataFrame)


def test_pandas_is_not_imported_by_motivsim() -> None:
    code = (
        "import sys, numpy as np, motivsim\n"
        "s = motivsim.load('schemes/flat_commission.toml')\n"
        "s.pay({'revenue': np.array([1e6])}); s.pay({'revenue': 1e6})\n"
        "assert 'pandas' not in sys.modules and 'polars' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


# -- 2. short pytest failures from motivsim.testing ---------------------------------------------
def test_a_failing_assertion_shows_the_counterexample_not_library_source(pytester) -> None:  # type: ignore[no-untyped-def]
    pytester.makepyfile(
        test_plan=textwrap.dedent(
            """
            import motivsim
            from motivsim.testing import assert_monotone

            TEXT = (
                '[scheme]\\nname = "drop"\\ncurrency = "USD"\\n'
                '[kpi.revenue]\\ncontrollable = true\\nmin = 0\\nmax = 200_000\\n'
                '[formula]\\npay = "if(revenue < 100000, 0.1 * revenue, 0.05 * revenue)"\\n'
            )

            def test_more_revenue_never_pays_less():
                assert_monotone(motivsim.loads(TEXT, path="drop.toml"), "revenue")
            """
        )
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*assert_monotone(motivsim.loads(TEXT*",
            "E*AssertionError: pay falls when 'revenue' rises (scheme 'drop'):",
            "E*with revenue=60,000, pay is 6,000.00 USD",
            "E*with revenue=100,000, pay is 5,000.00 USD (1,000.00 USD less, *16.7%)",
            "test_plan.py:*: AssertionError",
        ]
    )
    assert "motivsim/testing" not in out  # no library frames
    assert "_Search" not in out
    failure = out[out.index("= FAILURES =") : out.index("short test summary")]
    assert len(failure.splitlines()) < 20


# -- 4. quantiles of whole-number pay --------------------------------------------------------------
def test_a_value_that_fills_its_bucket_is_its_quantile_exactly() -> None:
    builder = SketchBuilder()
    builder.add(np.array([56_589.0] * 7 + [10_000.0, 250_000.0]))
    other = SketchBuilder()
    other.add(np.array([56_589.0, -1_234.0, -1_234.0, 0.0]))
    builder.merge(other)
    sketch = builder.freeze()
    assert sketch.quantile(0.5) == 56_589.0
    assert sketch.quantile(0.05) == -1_234.0
    assert sketch.quantiles([0.6, 0.7]) == [56_589.0, 56_589.0]


def test_a_bucket_of_different_values_keeps_the_mean_position() -> None:
    builder = SketchBuilder()
    builder.add(np.array([56_589.0, 56_589.001]))  # one bucket, two values
    median = builder.freeze().quantile(0.5)
    assert 56_589.0 < median < 56_589.001


def test_simulated_whole_number_pay_has_whole_number_quantiles() -> None:
    scheme = motivsim.loads(
        '[scheme]\nname = "whole"\ncurrency = "USD"\n'
        "[kpi.deals]\ncontrollable = true\n"
        'distribution = { type = "poisson", mean = 8 }\n'
        '[formula]\npay = "40000 + 2123 * deals"\n',
        path="whole.toml",
    )
    result = motivsim.simulate(scheme, runs=3_000, seed=3)
    for q in (result.payroll.p5, result.payroll.p50, result.payroll.p95, result.payroll.p99):
        assert q == math.floor(q)
        assert (q - 40_000) % 2_123 == 0
    payroll = result.to_dict()["payroll"]
    assert all(round(v, 2) == v for k, v in payroll.items() if k not in ("count", "non_finite"))
    json.dumps(result.to_dict())
    assert ".00000" not in str(result)


# -- 3. the progress bar: rate and time left ------------------------------------------------------
def test_progress_bar_shows_rate_and_time_left() -> None:
    from motivsim.cli.commands.simulate import PROGRESS_DELAY, ProgressBar, _duration, _rate

    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    bar.start -= max(PROGRESS_DELAY, 2.0)  # two seconds in
    bar(2_000_000, 8_000_000)
    line = stream.getvalue()
    assert line.startswith("\rsimulating [##........]  25%  2,000,000 / 8,000,000  ")
    rate = float(line.split("  ")[-2].removesuffix("M/s"))
    assert 0.9 <= rate <= 1.0  # about a million manager-periods a second
    assert line.endswith("\x1b[K")
    assert " ETA 0:0" in line  # 6 s left at that rate
    assert [_rate(950), _rate(48_200), _rate(1_230_000)] == ["950", "48k", "1.2M"]
    assert [_duration(3.2), _duration(750), _duration(3723)] == ["0:04", "12:30", "1:02:03"]


def test_progress_callback_is_called_in_order_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    motivsim.simulate(
        SCHEMES / "team_dealership.toml",
        runs=500,
        seed=1,
        chunk_size=1_000,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len({t for _, t in calls}) == 1
