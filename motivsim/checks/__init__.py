"""The three principle checks behind ``motivsim check``: one module per principle, one registry.

A check is a module (or object) with ``NAME``, ``PRINCIPLE``, ``TITLE`` and
``run(context) -> CheckResult`` (the :class:`~motivsim.checks.base.Check` protocol); adding a
principle means adding a module and one entry in :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from motivsim.checks import complexity, control, ratio
from motivsim.checks.base import (
    SCHEMA,
    Check,
    CheckContext,
    CheckReport,
    CheckResult,
    Details,
    Report,
)
from motivsim.checks.complexity import ComplexityDetails
from motivsim.checks.control import ControlDetails
from motivsim.checks.ratio import RatioDetails
from motivsim.findings import Finding
from motivsim.findings.scan import find_issues
from motivsim.findings.timing import timing_findings
from motivsim.i18n import words
from motivsim.sampling.draws import (
    MAX_SAMPLES,
    MIN_SAMPLES,
    correlated_kpis,
    require_distributions,
)
from motivsim.sampling.seeding import resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme
from motivsim.validation import check_executor, check_int, check_probability

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = [
    "CHECKS",
    "DEFAULT_SAMPLES",
    "SCHEMA",
    "Check",
    "CheckContext",
    "CheckReport",
    "CheckResult",
    "ComplexityDetails",
    "ControlDetails",
    "Details",
    "RatioDetails",
    "Report",
    "check",
    "submit_check",
]

#: The principle checks, in the order they are reported.
CHECKS: Final[tuple[Check, ...]] = (ratio, complexity, control)
#: Monte Carlo samples of principle 1 and base rows of principle 3 when not given.
DEFAULT_SAMPLES: Final = 20_000


def check(
    scheme: Scheme | str | Path,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    confidence: float = 0.95,
    warnings: bool = True,
    executor: Executor | None = None,
) -> CheckReport:
    """Check the three principles on ``scheme`` and look for design mistakes.

    Parameters
    ----------
    scheme : Scheme or path
        A loaded scheme (or the path of its TOML file) with ``[principles] plan_met`` and a
        distribution for every KPI that pay or ``plan_met`` depends on.
    samples : int, default :data:`DEFAULT_SAMPLES`
        KPI draws for principle 1 and base rows of the Sobol' estimate of principle 3
        (which evaluates pay ``samples * (KPIs + 2)`` times).
    seed : int or None
        Makes the run reproducible; ``None`` draws one, reported as ``report.seed``.
    confidence : float, default 0.95
        Level of the reported intervals.
    warnings : bool, default True
        Also scan for design mistakes (:func:`motivsim.findings.finding.find_issues`).
    executor : concurrent.futures.Executor, optional
        Where to compute: each principle's check and the scan for design mistakes is one task
        submitted to it (a ``ProcessPoolExecutor``, or a Dask cluster's
        ``distributed.Client(...).get_executor()``: see :mod:`motivsim.simulation.cluster`),
        all at once. Each part is drawn from ``seed`` alone, so the report is the same, bit
        for bit, as without one. ``None`` (the default) computes here, one part after another.

    Returns
    -------
    Report
        ``report.passed``, ``report.results`` (one per principle), ``report.warnings``;
        ``str(report)`` is the text report, ``report.to_dict()`` the JSON form.

    Raises
    ------
    SchemeError
        ``plan_met`` is missing, or a KPI the check must draw has no distribution (the
        message names it and points at its table).
    ArgumentError
        ``samples``, ``seed``, ``confidence`` or ``executor`` is invalid.

    Examples
    --------
    >>> import motivsim
    >>> report = motivsim.check(motivsim.load("schemes/flat_commission.toml"), seed=1)
    >>> report.passed, [r.name for r in report.results]
    (False, ['ratio', 'complexity', 'control'])
    >>> round(report.result("ratio").value, 2)  # a plain commission: far below 3x
    1.62
    """
    return submit_check(
        scheme,
        samples=samples,
        seed=seed,
        confidence=confidence,
        warnings=warnings,
        executor=executor,
    )()


def submit_check(
    scheme: Scheme | str | Path,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    confidence: float = 0.95,
    warnings: bool = True,
    executor: Executor | None = None,
) -> Callable[[], CheckReport]:
    """:func:`check` in two halves: check the arguments and start the parts on ``executor``
    (without one, they are computed here when asked for); the function returned waits for
    them and gives the report. ``compare`` starts both schemes' checks before it pays its
    paired draws, and waits for them after."""
    scheme = as_scheme(scheme, caller="check")
    samples = check_int(
        "samples", samples, least=MIN_SAMPLES, most=MAX_SAMPLES, noun="an integer", show_name=True
    )
    confidence = check_probability("confidence", confidence, least=0.5)
    executor = check_executor(executor)
    seed = resolve_seed(seed)
    _require_inputs(scheme)
    context = CheckContext(scheme, samples, seed, confidence)
    tasks: list[Task] = [(item.run, (context,)) for item in CHECKS]
    if warnings:
        tasks.append((_design_findings, (scheme, seed)))
    parts = submit_tasks(tasks, executor)

    def report() -> CheckReport:
        done = parts()
        results = tuple(done[: len(CHECKS)])
        found: tuple[Finding, ...] = done[len(CHECKS)] if warnings else ()
        return CheckReport(
            scheme=scheme.name,
            results=results,
            warnings=tuple(f for f in found if f.severity == "warning"),
            seed=seed,
            samples=samples,
            confidence=confidence,
            notes=_notes(scheme),
            language=scheme.language,
        )

    return report


#: A task: a function (picklable: defined at a module's top level) and its arguments.
Task = tuple[Callable[..., Any], tuple[Any, ...]]


def submit_tasks(tasks: Sequence[Task], executor: Executor | None) -> Callable[[], list[Any]]:
    """Start ``tasks`` on ``executor`` (all submitted at once); without one, nothing starts
    yet. The function returned gives their results in order: without ``executor`` it
    computes them then, here, one after another (once). When a task raises, it raises that
    error (the first in order, as computing them here would) and cancels the tasks still
    waiting."""
    if executor is None:
        done: list[Any] = []

        def computed() -> list[Any]:
            if len(done) < len(tasks):
                done[:] = [fn(*args) for fn, args in tasks]
            return done

        return computed
    futures = [executor.submit(fn, *args) for fn, args in tasks]

    def results() -> list[Any]:
        try:
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    return results


def _design_findings(scheme: Scheme, seed: int) -> tuple[Finding, ...]:
    """The scan for design mistakes of :func:`check` (one task)."""
    return (*find_issues(scheme, seed=seed), *timing_findings(scheme))


def _require_inputs(scheme: Scheme) -> None:
    """Fail early, before any sampling, when plan_met or a distribution is missing."""
    require_distributions(scheme, ratio.needs_of(scheme, ratio.plan_met_of(scheme)))


def _notes(scheme: Scheme) -> tuple[str, ...]:
    """What ``check`` does with ``[correlation]`` (principle 3 ignores it by design)."""
    if "correlation" not in scheme.extras:
        return ()
    w = words(scheme.language)
    tied = correlated_kpis(scheme, ratio.needs_of(scheme, ratio.plan_met_of(scheme)))
    if not tied:
        return (w("check.correlation.none"),)
    scan = w("check.correlation.scan") if correlated_kpis(scheme, scheme.pay_inputs) else ""
    return (w("check.correlation", names=w.join(tied), scan=scan),)
