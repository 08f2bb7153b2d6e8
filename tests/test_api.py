"""The public API: what ``import motivsim`` offers, documented, and light to import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import motivsim
from tests.conftest import ROOT


def test_all_names_exist_and_are_documented():
    for name in motivsim.__all__:
        assert hasattr(motivsim, name), name
        obj = getattr(motivsim, name)
        if callable(obj):
            assert inspect.getdoc(obj), f"{name} has no docstring"


def test_every_public_callable_is_in_all():
    public = {
        name
        for name, obj in vars(motivsim).items()
        if not name.startswith("_") and not inspect.ismodule(obj) and name not in {"annotations"}
    }
    assert public <= set(motivsim.__all__)


def test_errors_form_one_tree():
    for cls in (
        motivsim.SchemeError,
        motivsim.FormulaError,
        motivsim.EvaluationError,
        motivsim.ArgumentError,
    ):
        assert issubclass(cls, motivsim.MotivsimError)
        assert issubclass(cls, ValueError)


def test_import_stays_light():
    code = (
        "import sys, motivsim; heavy = [m for m in ('hypothesis', 'scipy.stats', "
        "'matplotlib') if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == "[]"


def test_every_module_has_a_docstring():
    missing = []
    for path in sorted((ROOT / "motivsim").rglob("*.py")):
        text = path.read_text(encoding="utf-8").lstrip()
        if path.stat().st_size and not text.startswith(('"""', "'''", 'r"""')):
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []
