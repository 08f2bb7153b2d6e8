"""What makes ``python -m motivsim check`` start and finish fast, and that it changes no result:
the bootstrap's counting, the scan's look-ahead bisection, lazy imports and the collector."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import motivsim
from motivsim.checks import sobol
from motivsim.findings import scan
from motivsim.findings.finding import DEFAULT_SAMPLES
from motivsim.findings.scan import Scanner, find_issues

ROOT = Path(__file__).resolve().parent.parent


def plain_bootstrap(
    a: np.ndarray, b: np.ndarray, ab: np.ndarray, rng: np.random.Generator, n_bootstrap: int
) -> tuple[np.ndarray, np.ndarray]:
    """The bootstrap as first written: 64-bit picks, integer counts, one product per block."""
    n, k = a.size, ab.shape[0]
    block = max(1, sobol._BOOTSTRAP_CHUNK // n_bootstrap)
    total, resampled = np.zeros(k * 20), np.zeros((n_bootstrap, k * 20))
    left, owners = np.full(n_bootstrap, n), np.arange(n_bootstrap)
    for start in range(0, n, block):
        rows = slice(start, min(start + block, n))
        size = rows.stop - start
        terms = sobol._row_terms(a[rows], b[rows], ab[:, rows]).reshape(size, k * 20)
        total += terms.sum(axis=0)
        inside = rng.binomial(left, size / (n - start))
        left -= inside
        picks = np.repeat(owners * size, inside) + rng.integers(0, size, size=int(inside.sum()))
        counts = np.bincount(picks, minlength=n_bootstrap * size).reshape(n_bootstrap, size)
        resampled += counts.astype(np.float64) @ terms
    return (total / n).reshape(k, 20), (resampled / n).reshape(n_bootstrap, k, 20)


@pytest.mark.parametrize(
    ("n", "n_bootstrap", "k"),
    [(5000, 1000, 2), (1250, 1000, 4), (777, 37, 1), (16, 10, 2), (3000, 300, 7), (40, 2000, 12)],
)
def test_bootstrap_draws_the_same_resamples_as_before(n: int, n_bootstrap: int, k: int) -> None:
    """32-bit picks are numpy's very 64-bit ones, float counts are exact, and the products
    taken in groups of resamples sum the same terms: the same means to rounding."""
    rng = np.random.default_rng(n + k)
    a, b = rng.lognormal(size=n), rng.lognormal(size=n)
    ab = np.stack([a * rng.uniform() + b * rng.uniform() for _ in range(k)])
    a, b, ab = sobol._standardise(a, b, ab)
    means, resampled = sobol._bootstrap(a, b, ab, np.random.default_rng(7), n_bootstrap)
    want_means, want = plain_bootstrap(a, b, ab, np.random.default_rng(7), n_bootstrap)
    np.testing.assert_array_equal(means, want_means)
    np.testing.assert_allclose(resampled, want, rtol=1e-12, atol=1e-13)


class PlainBisection(Scanner):
    """The scan with one halving per call of pay, as first written."""

    def narrow(self, name, rows, a, b):  # type: ignore[no-untyped-def]
        pa = self.pay(self.along(name, rows, a))
        pb = self.pay(self.along(name, rows, b))
        for _ in range(scan._BISECT):
            if scan._located(a, b):
                break
            mid = (a + b) / 2
            pm = self.pay(self.along(name, rows, mid))
            right = np.abs(pb - pm) >= np.abs(pm - pa)
            a, pa = np.where(right, mid, a), np.where(right, pm, pa)
            b, pb = np.where(right, b, mid), np.where(right, pb, pm)
        return a, b

    def cap_start(self, name, rows, grid, cells, pay):  # type: ignore[no-untyped-def]
        a, b = grid[cells], grid[cells + 1]
        top = pay[rows, -1]
        for _ in range(scan._BISECT):
            if scan._located(a, b):
                break
            mid = (a + b) / 2
            at_top = self.pay(self.along(name, rows, mid)) >= top - self.tol
            a, b = np.where(at_top, a, mid), np.where(at_top, mid, b)
        return b


@pytest.mark.parametrize(
    "name", ["dealership", "saas_ae", "tier_step", "profit_bonus", "convoluted", "tier_interp"]
)
@pytest.mark.parametrize("seed", [0, 1])
def test_look_ahead_bisection_finds_what_bisection_finds(name: str, seed: int) -> None:
    """Pay at the points of the next halvings, taken in one call, replays bisection exactly:
    the same cliffs and caps at the same positions to the last bit."""
    scheme = motivsim.load(ROOT / "schemes" / f"{name}.toml")
    found = find_issues(scheme, seed=seed)
    assert found == PlainBisection(scheme, DEFAULT_SAMPLES, seed).run()


def test_look_ahead_bisection_calls_pay_a_third_as_often() -> None:
    scheme = motivsim.load(ROOT / "schemes" / "dealership.toml")
    calls = {}
    for kind in (Scanner, PlainBisection):

        class Counting(kind):  # type: ignore[valid-type, misc]
            count = 0

            def pay(self, values):  # type: ignore[no-untyped-def]
                Counting.count += 1
                return super().pay(values)

        Counting(scheme, DEFAULT_SAMPLES, 1).run()
        calls[kind] = Counting.count
    assert calls[Scanner] < calls[PlainBisection] / 2


def test_findings_names_load_on_first_use() -> None:
    import motivsim.findings as findings
    from motivsim.findings.finding import Finding
    from motivsim.findings.static import LintFinding, LintReport, lint

    assert (findings.Finding, findings.find_issues) == (Finding, find_issues)
    assert (findings.lint, findings.LintFinding, findings.LintReport) == (
        lint,
        LintFinding,
        LintReport,
    )
    assert set(findings.__all__) <= set(dir(findings))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = findings.nothing


def test_check_command_loads_no_lint_detectors_and_collects_garbage_after_start() -> None:
    """``check`` shows only the scan's findings: the static detectors and the bracket reader
    stay unloaded. ``python -m motivsim`` freezes what loading made and turns the collector
    back on before the command runs."""
    code = (
        "import gc, sys, runpy\n"
        "import motivsim.cli.app as app\n"
        "seen = []\n"
        "run = app.main\n"
        "app.main = lambda: (seen.append((gc.isenabled(), gc.get_freeze_count() > 0)), run())[1]\n"
        "sys.argv = ['motivsim', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('motivsim', run_name='__main__')\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "loaded = [m for m in ('motivsim.findings.static', 'motivsim.findings.brackets') "
        "if m in sys.modules]\n"
        "print('STATE', code, seen, loaded, file=sys.stderr)"
    )
    command = ["check", "schemes/dealership.toml", "--seed", "1", "--samples", "2000"]
    done = subprocess.run(
        [sys.executable, "-c", code, *command], cwd=ROOT, capture_output=True, text=True
    )
    assert "STATE 1 [(True, True)] []" in done.stderr, done.stderr
    assert "Verdict: FAIL" in done.stdout
