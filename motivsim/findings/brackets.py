"""Brackets written as conditions (``if(a < 0.9, x, 0) + if(a >= 0.91 ...)``): gaps, overlaps.

``step``, ``marginal`` and ``interp`` tables have half-open brackets and cannot leave a gap; a plan
written with conditions can. Brackets belong together when they are the terms of one sum
(``if(cond, amount, 0)`` or ``(cond) * amount``) or the conditions of an ``if`` chain ending in 0,
and test the same value (the same text, e.g. ``attainment``). A *gap* is a hole between two
brackets that looks like a slip: a single point (``a < 0.8`` then ``a > 0.8``) or a hole narrower
than a tenth of the brackets next to it ("0-90%, 91-99%"). An *overlap* is a value two bounded
brackets of a sum both include. Stacked thresholds (``a >= 1`` and ``a >= 1.2``) are neither.

Also home of the small syntax-tree helpers :mod:`motivsim.findings.static` shares.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import TYPE_CHECKING, Final, Literal

from motivsim.formula import parser as ast
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.money import format_value

if TYPE_CHECKING:
    from motivsim.scheme.model import Step

__all__ = ["BracketIssue", "bracket_issues", "literal", "nodes", "show"]


@dataclass(frozen=True, slots=True)
class BracketIssue:
    """A gap or an overlap: what it is, how to fix it, and where (offset in the formula)."""

    kind: Literal["gap", "overlap"]
    message: str
    fix: str
    offset: int


def bracket_issues(
    step: Step, params: Mapping[str, Fraction], language: str = DEFAULT_LANGUAGE
) -> list[BracketIssue]:
    """Gaps and overlaps between the brackets of ``step``'s formula (see the module notes).

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Gap"
    ... [kpi.a]
    ... controllable = true
    ... [formula]
    ... pay = "if(a < 0.9, 1, 0) + if(a >= 0.91 and a < 1.2, 2, 0)"
    ... ''')
    >>> [(i.kind, i.message) for i in bracket_issues(scheme.step("pay"), {})]
    [('gap', 'the brackets on a leave a gap between 0.9 and 0.91: there nothing is paid')]
    """
    found: list[BracketIssue] = []
    for group, chain in _bracket_groups(step, params):
        ordered = sorted(group, key=lambda b: (b.lo is not None, b.lo or 0))
        for a, b in pairwise(ordered):
            issue = _between(a, b, chain=chain, language=language)
            if issue is not None:
                found.append(issue)
    return found


def _between(
    a: _Bracket, b: _Bracket, *, chain: bool, language: str = DEFAULT_LANGUAGE
) -> BracketIssue | None:
    """The issue between bracket ``a`` and the next one, ``b``, if any."""
    if a.hi is None or b.lo is None:
        return None
    w = words(language)
    if _is_gap(a, b):
        hole = (
            w("bracket.gap.point", subject=a.subject, x=show(a.hi))
            if a.hi == b.lo
            else w("bracket.gap.range", a=show(a.hi), b=show(b.lo))
        )
        condition = f"{a.subject} {'>' if a.hi_closed else '>='} {show(a.hi)}"
        return BracketIssue(
            "gap",
            w("bracket.gap", subject=a.subject, hole=hole),
            w("bracket.gap.fix", condition=condition),
            b.node.start,
        )
    if not chain and (a.hi > b.lo or (a.hi == b.lo and a.hi_closed and b.lo_closed)):
        where = (
            w("bracket.overlap.point", subject=a.subject, x=show(a.hi))
            if a.hi == b.lo
            else w("bracket.overlap.range", a=show(b.lo), b=show(a.hi))
        )
        return BracketIssue(
            "overlap",
            w("bracket.overlap", subject=a.subject, where=where),
            w("bracket.overlap.fix"),
            b.node.start,
        )
    return None


@dataclass(frozen=True, slots=True)
class _Bracket:
    """An interval condition on one value (``subject``, as written): ``lo <= subject < hi``."""

    subject: str
    node: ast.Node
    lo: Fraction | None = None
    lo_closed: bool = False
    hi: Fraction | None = None
    hi_closed: bool = False

    def width(self) -> Fraction | None:
        return None if self.lo is None or self.hi is None else self.hi - self.lo


def _is_gap(a: _Bracket, b: _Bracket) -> bool:
    """A hole between ``a`` and ``b`` that looks like a slip: a point, or narrow next to them."""
    if a.hi is None or b.lo is None:
        return False
    if a.hi == b.lo:
        return not a.hi_closed and not b.lo_closed
    if a.hi > b.lo:
        return False
    widths = [w for w in (a.width(), b.width()) if w]
    return bool(widths) and b.lo - a.hi <= min(widths) / 10


def _bracket_groups(
    step: Step, params: Mapping[str, Fraction]
) -> Iterator[tuple[list[_Bracket], bool]]:
    """Brackets that belong together: the terms of a sum, or the conditions of an if-chain
    ending in 0; each group is on one subject. The flag says whether it is a chain."""
    inner: set[int] = set()
    for node in nodes(step.tree):
        if id(node) in inner:
            continue
        if isinstance(node, ast.Binary) and node.op == "+":
            inner.update(id(t) for t in _chain_of_sums(node))
            found = [_bracket(_term_condition(t), step.text, params) for t in _terms(node)]
            yield from _by_subject([b for b in found if b is not None], chain=False)
        elif isinstance(node, ast.Call) and node.func == "if":
            conds: list[_Bracket | None] = []
            rest: ast.Node = node
            while isinstance(rest, ast.Call) and rest.func == "if":
                inner.add(id(rest))
                conds.append(_bracket(rest.args[0], step.text, params))
                rest = rest.args[2]
            if len(conds) > 1 and None not in conds and literal(rest, params) == 0:
                yield from _by_subject([c for c in conds if c is not None], chain=True)


def _by_subject(found: list[_Bracket], *, chain: bool) -> Iterator[tuple[list[_Bracket], bool]]:
    subjects = {b.subject for b in found}
    for subject in sorted(subjects):
        group = [b for b in found if b.subject == subject]
        if len(group) > 1 and any(b.width() is not None for b in group):
            yield group, chain


def _chain_of_sums(node: ast.Node) -> list[ast.Node]:
    """The ``+`` nodes of one flattened sum (``a + b + c`` is two of them)."""
    if isinstance(node, ast.Binary) and node.op == "+":
        return [node, *_chain_of_sums(node.left), *_chain_of_sums(node.right)]
    return []


def _terms(node: ast.Node) -> list[ast.Node]:
    if isinstance(node, ast.Binary) and node.op == "+":
        return [*_terms(node.left), *_terms(node.right)]
    return [node]


def _term_condition(term: ast.Node) -> ast.Node | None:
    """The condition of ``if(cond, amount, 0)`` or ``(cond) * amount``."""
    if isinstance(term, ast.Call) and term.func == "if" and isinstance(term.args[2], ast.Num):
        return term.args[0] if term.args[2].value == 0 else None
    if isinstance(term, ast.Binary) and term.op == "*":
        for side in (term.left, term.right):
            if isinstance(side, ast.Compare | ast.BoolOp):
                return side
        for side in (term.left, term.right):
            inner = _term_condition(side)
            if inner is not None:
                return inner
    return None


_FLIP: Final = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _bracket(cond: ast.Node | None, text: str, params: Mapping[str, Fraction]) -> _Bracket | None:
    """``cond`` as an interval on one subject, when it is one (else ``None``)."""
    if isinstance(cond, ast.BoolOp) and cond.op == "and":
        left, right = _bracket(cond.left, text, params), _bracket(cond.right, text, params)
        if left is None or right is None or left.subject != right.subject:
            return None
        lo, lo_closed = (
            (left.lo, left.lo_closed) if left.lo is not None else (right.lo, right.lo_closed)
        )
        hi, hi_closed = (
            (left.hi, left.hi_closed) if left.hi is not None else (right.hi, right.hi_closed)
        )
        return _Bracket(left.subject, cond, lo, lo_closed, hi, hi_closed)
    if not isinstance(cond, ast.Compare) or cond.op not in _FLIP:
        return None
    op, subject, value = cond.op, cond.left, literal(cond.right, params)
    if value is None:
        op, subject, value = _FLIP[op], cond.right, literal(cond.left, params)
    if value is None or literal(subject, params) is not None:
        return None
    name = text[subject.start : subject.end].strip()
    if op in (">", ">="):
        return _Bracket(name, cond, lo=value, lo_closed=op == ">=")
    return _Bracket(name, cond, hi=value, hi_closed=op == "<=")


def nodes(node: ast.Node) -> Iterator[ast.Node]:
    """Every node of a syntax tree, parents before children."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, ast.Call):
            stack.extend(reversed(item.args))
        elif isinstance(item, ast.List):
            stack.extend(reversed(item.items))
        elif isinstance(item, ast.Binary | ast.Compare | ast.BoolOp):
            stack.extend((item.right, item.left))
        elif isinstance(item, ast.Unary | ast.Not):
            stack.append(item.operand)


def literal(node: ast.Node, params: Mapping[str, Fraction]) -> Fraction | None:
    if isinstance(node, ast.Num):
        return node.value
    if isinstance(node, ast.Name):
        return params.get(node.id)
    if isinstance(node, ast.Unary) and node.op == "-":
        inner = literal(node.operand, params)
        return None if inner is None else -inner
    return None


def show(value: Fraction) -> str:
    """An exact number as written in a scheme: ``5``, ``0.05``, ``1_000_000`` shown as 1,000,000."""
    return format_value(value).replace(",", "_") if abs(value) >= 10_000 else format_value(value)
