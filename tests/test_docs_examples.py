"""The example test file of docs/testing.md runs green next to our schemes/, as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "test_my_schemes.py"


def test_docs_show_the_example_file_verbatim() -> None:
    doc = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    assert EXAMPLE.read_text(encoding="utf-8") in doc


@pytest.mark.slow
def test_example_test_file_passes_next_to_schemes(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "test_my_schemes.py")
    shutil.copytree(ROOT / "schemes", tmp_path / "schemes")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MOTIVSIM_MAX_EXAMPLES": "40"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error",
            "-W",
            "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning",
            "test_my_schemes.py",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert " passed" in run.stdout
    assert "failed" not in run.stdout
