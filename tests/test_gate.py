"""The analyst's CI gate: ``compare --max-cut --among``, one largest-cut search for ``compare``
and ``assert_no_pay_cut``, and the CLI conventions (``-`` for stdin, ``--out``, ``-q``,
``simulate --percentiles``, a JSON ``schema``, ``--version`` in every subcommand)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import motivsim
from motivsim.cli.app import COMMANDS, main
from motivsim.comparison.paycut import find_largest_cut
from motivsim.testing import assert_no_pay_cut

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "schemes" / "dealership.toml"
OLD_TEXT = OLD.read_text(encoding="utf-8")
# Half the base salary and a richer commission: a rep who sells nothing loses 50%, most of the
# team loses a little or gains.
NEW_TEXT = OLD_TEXT.replace("base = 40_000", "base = 20_000").replace(
    "[0, 0.01, 0.015, 0.02]", "[0, 0.012, 0.017, 0.022]"
)
FAST = ("--samples", "500", "--seed", "3", "--no-principles")


@pytest.fixture
def new_path(tmp_path: Path) -> Path:
    path = tmp_path / "new.toml"
    path.write_text(NEW_TEXT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


# -- 1. the gate on the people who matter -------------------------------------------------------
def test_among_gates_the_band_and_reports_shares() -> None:
    new = motivsim.loads(NEW_TEXT)
    plain = motivsim.compare(OLD, new, samples=500, seed=3, max_cut=0.05, principles=False)
    assert plain.gate_basis == "largest_cut"
    assert plain.largest_cut is not None
    assert plain.largest_cut.values["revenue"] == 0
    assert plain.gate_failed
    assert plain.over_max_cut is not None
    assert 0 < plain.over_max_cut < 1
    assert plain.among is None

    banded = motivsim.compare(
        OLD, new, samples=500, seed=3, max_cut=0.40, among=(0.10, 0.90), principles=False
    )
    band = banded.among
    assert band is not None
    assert banded.gate_basis == "among"
    assert banded.largest_cut is not None
    assert banded.largest_cut.share == pytest.approx(0.5)
    assert not banded.gate_failed  # the 50% cut at revenue 0 is outside P10..P90
    assert band.over == 0
    assert 0.5 < band.people <= 0.85
    assert band.old_pay_low > 40_000  # the base-salary managers are left out together
    assert band.worst is not None
    assert band.worst.share <= 0.40

    tight = motivsim.compare(
        OLD, new, samples=500, seed=3, max_cut=0.01, among=(0.10, 0.90), principles=False
    )
    assert tight.gate_failed
    assert tight.among is not None
    assert tight.among.over > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"among": (0.1, 0.9)}, "give max_cut too"),
        ({"max_cut": 0.05, "among": (0.9, 0.1)}, "0 <= low < high <= 1"),
        ({"max_cut": 0.05, "among": "P10..P90"}, "pair of percentiles"),
    ],
)
def test_among_is_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(motivsim.MotivsimError, match=re.escape(message)):
        motivsim.compare(OLD, OLD, samples=100, seed=1, principles=False, **kwargs)  # type: ignore[arg-type]


def test_cli_among_exit_codes_and_json(capsys: pytest.CaptureFixture[str], new_path: Path) -> None:
    code, out, _ = run(capsys, "compare", str(OLD), str(new_path), "--max-cut", "5%", *FAST)
    assert code == 1
    assert "Losing more than 5%:" in out
    code, out, _ = run(
        capsys,
        "compare",
        str(OLD),
        str(new_path),
        "--max-cut",
        "40%",
        "--among",
        "P10..P90",
        "--json",
        *FAST,
    )
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "motivsim.compare/1"
    assert data["gate_basis"] == "among"
    assert data["gate_failed"] is False
    assert data["largest_cut"]["share"] == pytest.approx(0.5)
    assert set(data["among"]) == {
        "low",
        "high",
        "old_pay_low",
        "old_pay_high",
        "people",
        "over_max_cut",
        "worst_cut",
    }
    assert (data["among"]["low"], data["among"]["high"]) == (0.1, 0.9)
    assert 0 < data["over_max_cut"] < 1
    code, out, _ = run(
        capsys, "compare", str(OLD), str(new_path), "--max-cut", "1%", "--among", "P10..P90", *FAST
    )
    assert code == 1
    assert "Gate --max-cut 1% --among P10..P90: FAIL" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--among", "P10..P90"), "give --max-cut too"),
        (("--max-cut", "5%", "--among", "10..90"), "write it as P10..P90"),
        (("--max-cut", "5%", "--among", "P90..P10"), "must rise"),
    ],
)
def test_cli_among_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = run(capsys, "compare", str(OLD), str(OLD), *args, *FAST)
    assert code == 2
    assert message in err


# -- 2. one search for compare and assert_no_pay_cut --------------------------------------------
def test_compare_and_assert_no_pay_cut_report_the_same_cut() -> None:
    new = motivsim.loads(NEW_TEXT)
    old = motivsim.load(OLD)
    cut = find_largest_cut(old, new)
    assert cut is not None
    for seed in (1, 2):
        result = motivsim.compare(old, new, samples=200, seed=seed, principles=False)
        assert result.largest_cut is not None
        assert dict(result.largest_cut.values) == dict(cut.values)
        assert result.largest_cut.share == cut.share == pytest.approx(0.5)
    with pytest.raises(AssertionError) as info:
        assert_no_pay_cut(old, new)
    assert "with revenue=0 and cars_sold=8, the new plan pays 20,000.00 RUB less (−50.0%)" in str(
        info.value
    )


# -- 3. command-line conventions ----------------------------------------------------------------
@pytest.mark.parametrize("verb", ["check", "lint", "explain", "simulate"])
def test_dash_reads_the_scheme_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, verb: str
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(OLD_TEXT))
    extra = {
        "check": ["--samples", "1000", "--seed", "1"],
        "simulate": ["--runs", "200", "--seed", "1"],
    }.get(verb, [])
    code, out, _ = run(capsys, verb, "-", "-q", *extra)
    assert code in (0, 1)
    assert len(out.strip().splitlines()) == 1


def test_compare_reads_one_scheme_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_TEXT))
    code, out, _ = run(capsys, "compare", str(OLD), "-", "--max-cut", "5%", "-q", *FAST)
    assert code == 1
    assert out.startswith("FAIL: --max-cut 5%, largest cut 50.0%")
    code, _, err = run(capsys, "compare", "-", "-", *FAST)
    assert code == 2
    assert "only one of OLD and NEW" in err


@pytest.mark.parametrize(
    ("verb", "extra"),
    [
        ("check", ["--samples", "1000", "--seed", "1"]),
        ("lint", []),
        ("explain", []),
        ("simulate", ["--runs", "200", "--seed", "1"]),
    ],
)
def test_out_writes_text_and_json_and_never_over_the_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, verb: str, extra: list[str]
) -> None:
    scheme = tmp_path / "scheme.toml"
    scheme.write_text(OLD_TEXT, encoding="utf-8")
    quiet_code, quiet, _ = run(capsys, verb, str(scheme), "-q", *extra)
    target = tmp_path / "out.json"
    code, out, _ = run(capsys, verb, str(scheme), "--json", "--out", str(target), *extra)
    assert code == quiet_code
    assert out.strip() == f"wrote {target}: {quiet.strip()}"
    assert isinstance(json.loads(target.read_text(encoding="utf-8")), dict)
    code, out, _ = run(capsys, verb, str(scheme), "--out", str(tmp_path / "out.txt"), "-q", *extra)
    assert out == quiet
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").strip()
    code, _, err = run(capsys, verb, str(scheme), "--out", str(scheme), *extra)
    assert code == 2
    assert "would destroy the input" in err
    assert scheme.read_text(encoding="utf-8") == OLD_TEXT


def test_compare_out_and_quiet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, new_path: Path
) -> None:
    target = tmp_path / "report.txt"
    code, out, _ = run(
        capsys, "compare", str(OLD), str(new_path), "--max-cut", "5%", "--out", str(target), *FAST
    )
    assert code == 1
    assert out.startswith(f"wrote {target}: FAIL")
    assert "Gate --max-cut 5%: FAIL" in target.read_text(encoding="utf-8")
    code, _, err = run(capsys, "compare", str(OLD), str(new_path), "--out", str(new_path), *FAST)
    assert code == 2
    assert "would destroy the input" in err


def test_simulate_percentiles_and_schema(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("simulate", str(OLD), "--runs", "500", "--seed", "2", "--percentiles", "10,25,75,90")
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "Payroll per period percentiles: P10 " in out
    assert "P90 " in out
    code, out, _ = run(capsys, *args, "--json")
    data = json.loads(out)
    assert data["schema"] == "motivsim.simulate/1"
    assert list(data["percentiles"]["payroll"]) == ["P10", "P25", "P75", "P90"]
    low, *_, high = data["percentiles"]["manager"].values()
    assert low <= high
    code, out, _ = run(capsys, "simulate", str(OLD), "--runs", "100", "--json")
    assert "percentiles" not in json.loads(out)
    for bad in ("0,50", "10,abc", "100"):
        code, _, err = run(capsys, "simulate", str(OLD), "--percentiles", bad)
        assert code == 2
        assert "percentile" in err


@pytest.mark.parametrize("verb", sorted(COMMANDS))
def test_version_in_every_subcommand(capsys: pytest.CaptureFixture[str], verb: str) -> None:
    code, out, _ = run(capsys, verb, "--version")
    assert code == 0
    assert out.startswith("motivsim ")


# -- 4. number formats --------------------------------------------------------------------------
def test_axis_label_does_not_repeat_a_unit_equal_to_the_name() -> None:
    from motivsim.reporting.plot._mpl import quantity_label

    assert quantity_label("deals", "deals") == "deals"
    assert quantity_label("revenue", "RUB") == "revenue, RUB"


def test_html_check_figures_use_the_text_formats() -> None:
    from motivsim.reporting.html import _figure

    assert _figure("control", 0.00339) == "0.3%"
    assert _figure("control", 0.2) == "20.0%"
    assert _figure("ratio", 2.5678) == "2.57x"
    assert _figure("complexity", 35.5) == "35.5"
