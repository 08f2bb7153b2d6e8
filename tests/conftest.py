"""Shared fixtures: building small schemes from formulas in a line."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings

import motivsim

# On CI, property tests explore the same examples every run (a rare counterexample found on a
# developer's machine is reproduced there with its printed seed, not discovered by CI at random).
settings.register_profile("motivsim-ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("motivsim-ci")

ROOT = Path(__file__).resolve().parent.parent
SCHEMES = ROOT / "schemes"


def scheme_text(
    formula: Mapping[str, str],
    *,
    kpis: Mapping[str, str] | None = None,
    params: Mapping[str, object] | None = None,
    extra: str = "",
) -> str:
    """TOML text of a scheme; ``kpis`` maps a KPI name to extra lines of its table."""
    kpis = kpis if kpis is not None else {"revenue": ""}
    lines = ["[scheme]", 'name = "test"', ""]
    for name, body in kpis.items():
        lines += [f"[kpi.{name}]", "controllable = true", body, ""]
    lines.append("[params]")
    lines += [f"{k} = {v}" for k, v in (params or {}).items()]
    lines += ["", "[formula]"]
    lines += [f'{k} = "{v}"' for k, v in formula.items()]
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def make_scheme() -> Callable[..., motivsim.Scheme]:
    """``make_scheme({"pay": "0.1 * revenue"}, params={...})`` -> a loaded Scheme."""

    def make(formula: Mapping[str, str], **kwargs: object) -> motivsim.Scheme:
        return motivsim.loads(scheme_text(formula, **kwargs), path="test.toml")  # type: ignore[arg-type]

    return make
