"""``lint``: design mistakes in a scheme, each with a file:line:col location and a fix.

Two kinds of findings are merged. The static ones below read the formulas' syntax trees; the
sampled ones (pay that falls, cliffs, caps, negative pay, ...) come from
:func:`motivsim.findings.scan.find_issues`, with the severities of :data:`SEVERITIES`.

==================  ========  =====================================================================
code                severity  what it means
==================  ========  =====================================================================
``percent-rate``    error     a rate multiplies revenue but looks like a percent (``rate = 5``:
                              pay would be 5 times revenue); a warning when what it multiplies
                              is not money
``tier-drops``      warning   a ``step``/``interp`` table on a controllable KPI whose values go
                              down: crossing that breakpoint lowers pay
``tier-decelerates`` info     a ``marginal`` rate lower than the one before (a decelerator)
``bracket-gap``     error     ``if``/condition brackets on one value leave a hole (``a < 0.9`` and
                              ``a >= 0.91``): in it nothing is paid
``bracket-overlap`` warning   two bounded brackets both include a value: it is paid twice
``unused-kpi``      warning   a KPI that pay and ``plan_met`` do not use
``timing``          warning   moving deals between two periods raises pay (a threshold, a
                              retroactive tier or an accelerator rewards bunching them; a cap or
                              a decelerator, spreading them): :mod:`motivsim.findings.timing`
``unused-param``    warning   a parameter no formula uses
``unused-step``     warning   a step that pay does not use
==================  ========  =====================================================================
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

from motivsim.errors import ArgumentTypeError, Location
from motivsim.findings.brackets import bracket_issues, literal, nodes, show
from motivsim.findings.finding import (
    MAX_SAMPLES,
    SEVERITY_ORDER,
    Finding,
    LintFinding,
    Severity,
)
from motivsim.findings.scan import find_issues
from motivsim.findings.timing import timing_findings
from motivsim.formula import parser as ast
from motivsim.formula.build import names_used
from motivsim.i18n import words
from motivsim.scheme.load import as_scheme
from motivsim.scheme.model import Scheme, Step
from motivsim.validation import check_int

__all__ = ["SCHEMA", "SEVERITIES", "LintFinding", "LintReport", "lint"]

#: Identifier of the JSON layout of :meth:`LintReport.to_dict`.
SCHEMA: Final = "motivsim.lint/1"
#: Severity in lint of each sampled finding code of :mod:`motivsim.findings.finding`.
SEVERITIES: Final[Mapping[str, Severity]] = {
    "pay-decreases": "error",
    "negative-pay": "error",
    "not-finite": "error",
    "payout-above-revenue": "error",
    "cliff": "warning",
    "cap": "warning",
    "not-scanned": "info",
}
_RATE_NAME: Final = re.compile(r"rate|pct|percent|commission|ставк|процент|комисс", re.IGNORECASE)
_MONEY_NAME: Final = re.compile(r"revenue|turnover|gmv|bookings|выручк|оборот", re.IGNORECASE)
_MONEY_UNITS: Final = frozenset({"rub", "руб", "руб.", "₽", "usd", "$", "eur", "€", "gbp", "£"})


@dataclass(frozen=True, slots=True)
class LintReport:
    """Every finding on one scheme, errors first; ``str()`` prints them as a compiler does
    (each in the form of :meth:`Finding.lint_text <motivsim.findings.finding.Finding.lint_text>`).
    """

    scheme: str
    path: str | None
    findings: tuple[Finding, ...]
    seed: int | None = None
    #: The language of the text report (the scheme's; JSON keys and finding codes stay English).
    language: str = "en"

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity == severity)

    def passed(self, *, strict: bool = False) -> bool:
        """No errors (and, with ``strict``, no warnings either)."""
        bad = ("error", "warning") if strict else ("error",)
        return not any(f.severity in bad for f in self.findings)

    def __str__(self) -> str:
        w = words(self.language)
        if not self.findings:
            return w("lint.none", path=self.path or self.scheme)
        counts = [w.count(self.count(s), s) for s in ("error", "warning", "info") if self.count(s)]
        return (
            "\n".join(f.lint_text() for f in self.findings)
            + f"\n{self.path or self.scheme}: {', '.join(counts)}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON form (schema :data:`SCHEMA`)."""
        return {
            "schema": SCHEMA,
            "scheme": self.scheme,
            "path": self.path,
            "seed": self.seed,
            "counts": {s: self.count(s) for s in ("error", "warning", "info")},
            "findings": [f.lint_dict() for f in self.findings],
        }


def lint(
    scheme: Scheme | str | Path,
    *,
    samples: int = 256,
    seed: int | None = 0,
    sampled: bool = True,
) -> LintReport:
    """Static and sampled findings on ``scheme`` (see the module docstring for the codes).

    Parameters
    ----------
    scheme : Scheme or path
        The scheme to lint (or the path of its TOML file).
    samples : int
        Base points per scanned KPI for the sampled findings.
    seed : int or None
        Seed of the sampled findings (fixed by default, so that lint is repeatable).
    sampled : bool
        Also run the sampled findings (static ones only when ``False``).

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Typo"
    ... [kpi.revenue]
    ... controllable = true
    ... [params]
    ... rate = 5
    ... [formula]
    ... pay = "rate * revenue"
    ... ''', path="typo.toml")
    >>> print(lint(scheme, sampled=False).findings[0].lint_text())
    typo.toml:7:1: error [percent-rate] rate = 5 multiplies revenue: pay would be 5 times revenue
        rate = 5
        ^
      fix: a rate is a fraction of revenue: write rate = 0.05 for 5%
    """
    scheme = as_scheme(scheme, caller="lint")
    samples = check_int(
        "samples", samples, least=2, most=MAX_SAMPLES, noun="an integer", show_name=True
    )
    seed = None if seed is None else check_int("seed", seed, least=0, noun="an integer")
    if not isinstance(sampled, bool):
        raise ArgumentTypeError(f"sampled must be True or False, got {sampled!r}")
    found = [*_Static(scheme).run()]
    if sampled:
        found += [_for_lint(f) for f in find_issues(scheme, samples=samples, seed=seed)]
        found += [_for_lint(f) for f in timing_findings(scheme)]
    ordered = sorted(found, key=_lint_order)
    path = scheme.source.path if scheme.source is not None else None
    return LintReport(scheme.name, path, tuple(ordered), seed if sampled else None, scheme.language)


def _for_lint(finding: Finding) -> Finding:
    """A sampled finding with lint's severity (:data:`SEVERITIES`) and always a location (the
    TOML key of its step when the scheme has no source file)."""
    key = f"formula.{finding.step}" if finding.step else None
    return replace(
        finding,
        severity=SEVERITIES.get(finding.code, finding.severity),
        location=finding.location or Location(key=key),
    )


def _lint_order(finding: Finding) -> tuple[int, int, str]:
    """Errors first, then by line in the file, then by code."""
    line = finding.location.line if finding.location is not None else None
    return (SEVERITY_ORDER[finding.severity], line or 0, finding.code)


class _Static:
    """The static findings: one method per code."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.steps = {s.name: s for s in scheme.steps}
        self.money = _money_kpis(scheme)
        self.found: list[Finding] = []
        self.w = words(scheme.language)

    def run(self) -> list[Finding]:
        self.unused()
        for step in self.scheme.steps:
            self.percent_rates(step)
            self.tiers(step)
            self.brackets(step)
        return self.found

    def at(self, step: str, offset: int) -> Location:
        """Location of character ``offset`` of the formula of ``step``."""
        source = self.scheme.source
        key = ("formula", step) if step in self.steps else ("principles", step)
        return (
            source.char_location(key, offset) if source is not None else Location(key=".".join(key))
        )

    def key(self, *key: str, value: bool = False) -> Location:
        source = self.scheme.source
        return (
            source.location(key, value=value) if source is not None else Location(key=".".join(key))
        )

    def add(
        self, code: str, severity: Severity, message: str, fix: str, location: Location
    ) -> None:
        self.found.append(
            Finding(code, severity, message, fix, location=location, language=self.w.language)
        )

    # -- unused names ---------------------------------------------------------------------------
    def unused(self) -> None:
        scheme = self.scheme
        plan = scheme.principles.plan_met
        used = scheme.reach("pay", *([plan] if plan is not None else []))
        profiles = {*(scheme.principles.hitter or {}), *(scheme.principles.non_hitter or {})}
        for name in scheme.kpis:
            if name not in used and name not in profiles:
                self.add(
                    "unused-kpi",
                    "warning",
                    self.w("static.unused_kpi", name=self.w("quoted", name=name)),
                    self.w("static.unused_kpi.fix", name=name),
                    self.key("kpi", name),
                )
        everywhere = {n for s in (*scheme.steps, *([plan] if plan else [])) for n in s.depends}
        todo = [n for n in everywhere if n in scheme.derived]
        while todo:  # a parameter used by a used derived parameter is used
            for name, _ in names_used(ast.parse(scheme.derived[todo.pop()])):
                if name not in everywhere:
                    everywhere.add(name)
                    if name in scheme.derived:
                        todo.append(name)
        for name in scheme.params:
            if name not in everywhere:
                self.add(
                    "unused-param",
                    "warning",
                    self.w("static.unused_param", name=self.w("quoted", name=name)),
                    self.w("static.unused_param.fix", name=name),
                    self.key("params", name),
                )
        for step in scheme.steps:
            if step.name not in used:
                self.add(
                    "unused-step",
                    "warning",
                    self.w("static.unused_step", name=self.w("quoted", name=step.name)),
                    self.w("static.unused_step.fix", name=step.name),
                    self.key("formula", step.name),
                )

    # -- rates written as percents --------------------------------------------------------------
    def percent_rates(self, step: Step) -> None:
        scaled = _divided_products(step.tree, self.scheme.params)
        for node in nodes(step.tree):
            if isinstance(node, ast.Binary) and node.op == "*" and id(node) not in scaled:
                for factor, other in ((node.left, node.right), (node.right, node.left)):
                    self.percent_factor(step, factor, other)
            if (
                isinstance(node, ast.Call)
                and node.func == "marginal"
                and _is_name(node.args[0], self.money)
            ):
                what = self.w("static.big_tier.marginal", kpi=node.args[0].id)  # type: ignore[attr-defined]
                self.big_tier_values(step, node, what)

    def percent_factor(self, step: Step, factor: ast.Node, other: ast.Node) -> None:
        money = _is_name(other, self.money)
        target = other.id if isinstance(other, ast.Name) else None
        if isinstance(factor, ast.Name) and factor.id in self.scheme.params:
            value = self.scheme.params[factor.id]
            if _RATE_NAME.search(factor.id) and 1 < value <= 100 and target is not None:
                shown = show(value)
                w = self.w
                self.add(
                    "percent-rate",
                    "error" if money else "warning",
                    w("static.percent_rate", name=factor.id, value=shown, target=target),
                    w(
                        "static.percent_rate.fix",
                        of_revenue=w("static.percent_rate.of_revenue") if money else "",
                        name=factor.id,
                        fraction=show(value / 100),
                        value=shown,
                    ),
                    self.key("params", factor.id),
                )
        call = self.tier_call(factor)
        if money and call is not None and call.func == "step":
            self.big_tier_values(
                step if isinstance(factor, ast.Call) else self.steps[factor.id],  # type: ignore[attr-defined]
                call,
                self.w("static.big_tier.step", target=target),
            )

    def tier_call(self, node: ast.Node) -> ast.Call | None:
        if isinstance(node, ast.Call) and node.func in ("step", "marginal"):
            return node
        if isinstance(node, ast.Name) and node.id in self.steps:
            tree = self.steps[node.id].tree
            return (
                tree if isinstance(tree, ast.Call) and tree.func in ("step", "marginal") else None
            )
        return None

    def big_tier_values(self, step: Step, call: ast.Call, what: str) -> None:
        items = call.args[2]
        if not isinstance(items, ast.List):
            return
        for item in items.items:
            value = literal(item, self.scheme.params)
            if value is not None and 1 < value <= 100:
                self.add(
                    "percent-rate",
                    "error",
                    self.w("static.big_tier", what=what, value=show(value)),
                    self.w("static.big_tier.fix", fraction=show(value / 100), value=show(value)),
                    self.at(step.name, item.start),
                )
                return

    # -- tier tables ----------------------------------------------------------------------------
    def tiers(self, step: Step) -> None:
        for node in nodes(step.tree):
            if not (isinstance(node, ast.Call) and node.func in ("step", "interp", "marginal")):
                continue
            kpis = self.scheme.reach(
                *(n.id for n in nodes(node.args[0]) if isinstance(n, ast.Name))
            )
            controllable = [
                k for k in self.scheme.kpis if k in kpis and self.scheme.kpis[k].controllable
            ]
            items = node.args[2]
            if not controllable or not isinstance(items, ast.List):
                continue
            values = [literal(i, self.scheme.params) for i in items.items]
            known = [v for v in values if v is not None]
            rises = any(b > a for a, b in pairwise(known))
            if node.func != "marginal" and not rises and not self.times_own_kpi(step, node, kpis):
                continue  # only ever falling: a deliberate "lower is better" KPI (returns)
            for i in range(1, len(values)):
                a, b = values[i - 1], values[i]
                if a is None or b is None or b >= a:
                    continue
                self.tier_drop(step, node, items.items[i], a, b, controllable[0])
                break

    def times_own_kpi(self, step: Step, call: ast.Call, kpis: frozenset[str]) -> bool:
        """Whether the table's value multiplies something its own KPIs drive (``rate * revenue``):
        then a lower value above a breakpoint lowers pay there though pay rises elsewhere."""
        holders = [(step, call), *((s, s.tree) for s in self.scheme.steps if s.tree is call)]
        for item in self.scheme.steps:
            for node in nodes(item.tree):
                if not (isinstance(node, ast.Binary) and node.op == "*"):
                    continue
                for factor, other in ((node.left, node.right), (node.right, node.left)):
                    direct = item is step and factor is call
                    named = isinstance(factor, ast.Name) and any(
                        h.name == factor.id and t is h.tree for h, t in holders
                    )
                    names = [n.id for n in nodes(other) if isinstance(n, ast.Name)]
                    if (direct or named) and self.scheme.reach(*names) & kpis:
                        return True
        return False

    def tier_drop(
        self, step: Step, call: ast.Call, item: ast.Node, a: Fraction, b: Fraction, kpi: str
    ) -> None:
        if call.func == "marginal":
            self.add(
                "tier-decelerates",
                "info",
                self.w("static.decelerates", a=show(a), b=show(b), kpi=kpi),
                self.w("static.decelerates.fix"),
                self.at(step.name, item.start),
            )
            return
        self.add(
            "tier-drops",
            "warning",
            self.w("static.tier_drops", func=call.func, a=show(a), b=show(b), kpi=kpi),
            self.w("static.tier_drops.fix"),
            self.at(step.name, item.start),
        )

    # -- brackets written as conditions ---------------------------------------------------------
    def brackets(self, step: Step) -> None:
        for issue in bracket_issues(step, self.scheme.params, self.scheme.language):
            severity: Severity = "error" if issue.kind == "gap" else "warning"
            location = self.at(step.name, issue.offset)
            self.add(f"bracket-{issue.kind}", severity, issue.message, issue.fix, location)


# -- helpers -----------------------------------------------------------------------------------
def _divided_products(tree: ast.Node, params: Mapping[str, Fraction]) -> set[int]:
    """Products later divided by a number above 1 (``rate * revenue / 100``): not percent slips."""
    out: set[int] = set()
    for node in nodes(tree):
        if isinstance(node, ast.Binary) and node.op == "/":
            divisor = literal(node.right, params)
            product = node.left
            while (
                divisor is not None
                and divisor > 1
                and isinstance(product, ast.Binary)
                and (product.op == "*")
            ):
                out.add(id(product))
                product = product.left
    return out


def _money_kpis(scheme: Scheme) -> frozenset[str]:
    currency = (scheme.currency or "").lower()
    return frozenset(
        name
        for name, kpi in scheme.kpis.items()
        if name == scheme.revenue_kpi
        or _MONEY_NAME.search(name)
        or (kpi.unit and kpi.unit.strip().lower() in {*_MONEY_UNITS, currency} - {""})
    )


def _is_name(node: ast.Node, names: frozenset[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names
