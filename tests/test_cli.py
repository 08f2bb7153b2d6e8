"""The command line: output, exit codes, and no tracebacks for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from motivsim.cli.app import main
from tests.conftest import ROOT, SCHEMES


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_prints_the_statement(capsys):
    code, out, err = run(
        capsys, "explain", str(SCHEMES / "dealership.toml"), "revenue=12000000", "cars_sold=11"
    )
    assert code == 0, err
    assert "bonus      = if(cars_sold >= 10, 25_000, 0)" in out
    assert out.rstrip().endswith(
        "Total pay: 245,000.00 RUB  (exact pay rounded once to cents, half-up)"
    )


def test_explain_russian_scheme_json(capsys):
    code, out, _ = run(
        capsys,
        "explain",
        str(SCHEMES / "dealership_ru.toml"),
        "--json",
        "выручка=12_000_000",
        "продано_машин=11",
    )
    assert code == 0
    data = json.loads(out)
    assert data["total"] == "280000.00"  # 15,000 + 2% of 12,000,000 + 25,000
    assert data["steps"][0] == {
        "name": "выполнение_плана",
        "formula": "выручка / план",
        "value": "1.2",
    }


def test_explain_without_values_uses_typical_values(capsys):
    code, out, _ = run(capsys, "explain", str(SCHEMES / "dealership.toml"))
    assert code == 0
    assert "revenue      9,500,000" in out  # the lognormal's median


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["explain", "nope.toml"], "nope.toml: cannot read the file"),
        (
            ["explain", str(SCHEMES / "dealership.toml"), "revenue=abc", "cars_sold=1"],
            "revenue: 'abc' is not a number",
        ),
        (
            ["explain", str(SCHEMES / "dealership.toml"), "revenue=1", "revenue=2", "cars_sold=1"],
            "error: KPI 'revenue' is given twice",
        ),
        (["explain", str(SCHEMES / "dealership.toml"), "--bogus"], "unrecognized arguments"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
    ids=["missing-file", "not-a-number", "twice", "bad-option", "bad-command"],
)
def test_usage_errors_exit_2_without_traceback(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_broken_scheme_exits_2_with_location(capsys, tmp_path):
    path = tmp_path / "scheme.toml"
    text = (SCHEMES / "dealership.toml").read_text(encoding="utf-8")
    path.write_text(
        text.replace('"base + commission + bonus"', '"base + comission + bonus"'), encoding="utf-8"
    )
    code, _, err = run(capsys, "explain", str(path), "revenue=1", "cars_sold=1")
    assert code == 2
    assert err.startswith(f"{path}:34:15: unknown name 'comission' (did you mean 'commission'?)")


def test_help_lists_subcommands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "explain" in out


def test_python_dash_m_entry_point():
    result = subprocess.run(
        [sys.executable, "-m", "motivsim", "explain", "schemes/tier_marginal.toml", "sales=600000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Total pay: 26,000.00 USD" in result.stdout


def test_explain_fills_a_missing_kpi_with_its_typical_value(capsys):
    code, out, _ = run(capsys, "explain", str(SCHEMES / "dealership.toml"), "revenue=1")
    assert code == 0
    assert "cars_sold    8  not given: its typical value" in out


def test_explain_refuses_a_missing_kpi_without_a_typical_value(capsys, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(
        '[scheme]\nname = "t"\n[kpi.revenue]\ncontrollable = true\n'
        '[kpi.cars]\ncontrollable = true\n[formula]\npay = "revenue + cars"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "explain", str(path), "revenue=1")
    assert code == 2
    assert "missing KPI value: cars" in err
    assert "Traceback" not in err + out
