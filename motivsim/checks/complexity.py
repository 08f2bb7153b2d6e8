"""Principle 2: pay is simple enough to compute by hand, measured as one documented score.

Each step that ``pay`` needs is scored on its syntax tree, as a person would work it::

    step score = 1.0 * operations + 1.0 * inputs + 0.5 * constants
               + 1.5 * branches + 3.0 * (nesting - 1, if positive) + 1.0

- *operations*: each ``+ - * / **``, unary minus, comparison, ``and``/``or``/``not`` and
  function call; ``marginal`` adds 2 per breakpoint (a slice times a rate, then a sum) and
  ``interp`` adds 4 (the interpolation arithmetic);
- *inputs*: distinct KPIs and steps the formula reads;
- *constants*: every number written, and each parameter named (once per step);
- *branches*: each tier bracket (``step``, ``marginal``, ``interp``: one per value), each
  ``if``, ``and``, ``or``, each extra argument of ``min``/``max``, 2 per ``clip``, and each
  comparison used as a number;
- *nesting*: the brackets a person must keep open: function calls and parenthesised groups;
  one level is free;
- the final ``+ 1`` is the intermediate result written down.

The scheme's score is the sum over its steps; the calibration is in ``docs/check.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from motivsim.checks.base import CheckContext, CheckResult
from motivsim.formula import parser as ast
from motivsim.i18n import DEFAULT_LANGUAGE, words

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme, Step

__all__ = [
    "NAME",
    "PRINCIPLE",
    "TITLE",
    "WEIGHTS",
    "Complexity",
    "ComplexityDetails",
    "StepComplexity",
    "measure",
    "measure_step",
    "run",
]

NAME: Final = "complexity"
PRINCIPLE: Final = 2
TITLE: Final = "Simple enough to compute by hand"

#: Points per unit of each part of the score (``steps``: per step, the "+ 1").
WEIGHTS: Final = {
    "operations": 1.0,
    "inputs": 1.0,
    "constants": 0.5,
    "branches": 1.5,
    "nesting": 3.0,
    "steps": 1.0,
}
_PARTS: Final = ("operations", "inputs", "constants", "branches", "nesting", "steps")
_TIERS: Final = frozenset({"step", "marginal", "interp"})
#: Precedence of operators: a child binding less tightly than its parent needs brackets.
_PRECEDENCE: Final = {
    "or": 1,
    "and": 2,
    "not": 3,
    "compare": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
    "unary": 7,
    "**": 8,
}
_TIPS: Final = {
    "operations": "fewer operations: fold arithmetic into parameters",
    "inputs": "fewer inputs: pay on fewer KPIs",
    "constants": "fewer numbers: fewer tiers, round figures",
    "branches": "fewer tiers and conditions: merge brackets, drop exceptions",
    "nesting": "less nesting: give inner expressions their own named steps",
    "steps": "fewer steps: drop components that change little",
}


@dataclass(frozen=True, slots=True)
class StepComplexity:
    """The parts of one step's score (``nesting`` is the depth, before the free level)."""

    name: str
    text: str
    operations: int
    inputs: int
    constants: int
    branches: int
    nesting: int

    def points(self) -> dict[str, float]:
        """Points earned by each part (``steps`` is the step's own 1 point)."""
        counts = {
            "operations": self.operations,
            "inputs": self.inputs,
            "constants": self.constants,
            "branches": self.branches,
            "nesting": max(self.nesting - 1, 0),
            "steps": 1,
        }
        return {part: WEIGHTS[part] * counts[part] for part in _PARTS}

    @property
    def score(self) -> float:
        """The step's score (see the module docstring)."""
        return sum(self.points().values())

    def to_dict(self) -> dict[str, Any]:
        """JSON form: the counts, the points per part and the score."""
        return {
            "name": self.name,
            "formula": self.text,
            "operations": self.operations,
            "inputs": self.inputs,
            "constants": self.constants,
            "branches": self.branches,
            "nesting": self.nesting,
            "points": self.points(),
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class Complexity:
    """The score of a scheme: one :class:`StepComplexity` per step that pay needs."""

    steps: tuple[StepComplexity, ...]

    @property
    def score(self) -> float:
        """The sum of the steps' scores."""
        return sum(step.score for step in self.steps)

    def totals(self) -> dict[str, int]:
        """Each part summed over steps; ``nesting`` is the deepest step's depth."""
        out = {part: sum(getattr(s, part) for s in self.steps) for part in _PARTS[:4]}
        out["nesting"] = max((s.nesting for s in self.steps), default=0)
        out["steps"] = len(self.steps)
        return out

    def points(self) -> dict[str, float]:
        """Points of each part summed over steps (they add up to :attr:`score`)."""
        return {part: sum(s.points()[part] for s in self.steps) for part in _PARTS}

    def costliest(self) -> StepComplexity:
        """The step with the highest score (the first of equals)."""
        return max(self.steps, key=lambda s: s.score)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "score": self.score,
            "totals": self.totals(),
            "points": self.points(),
            "steps": [s.to_dict() for s in self.steps],
            "weights": dict(WEIGHTS),
        }


@dataclass(frozen=True, slots=True)
class ComplexityDetails:
    """The figures behind principle 2: the scheme's :class:`Complexity` and the name of its
    costliest step (where simplifying pays most)."""

    complexity: Complexity
    costliest: str

    @property
    def score(self) -> float:
        """The scheme's score (:attr:`Complexity.score`)."""
        return self.complexity.score

    @property
    def steps(self) -> tuple[StepComplexity, ...]:
        """The scored steps (:attr:`Complexity.steps`)."""
        return self.complexity.steps

    def to_dict(self) -> dict[str, Any]:
        """JSON form: :meth:`Complexity.to_dict` and ``costliest``."""
        return self.complexity.to_dict() | {"costliest": self.costliest}


def measure(scheme: Scheme) -> Complexity:
    """The complexity of computing ``pay`` by hand: every step pay needs, in order.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Flat"
    ... [kpi.revenue]
    ... controllable = true
    ... [params]
    ... rate = 0.05
    ... [formula]
    ... pay = "rate * revenue"
    ... ''')
    >>> measure(scheme).score  # 1 operation, 1 input, 1 constant, the step itself
    3.5
    """
    needed = scheme.reach("pay")
    kinds = dict.fromkeys(scheme.kpis, "input") | {s.name: "input" for s in scheme.steps}
    kinds |= dict.fromkeys(scheme.params, "constant")
    return Complexity(tuple(measure_step(s, kinds) for s in scheme.steps if s.name in needed))


def measure_step(step: Step, kinds: dict[str, str]) -> StepComplexity:
    """The parts of ``step``'s score; ``kinds`` maps names to ``"input"`` or ``"constant"``."""
    counter = _Counter(kinds)
    counter.visit(step.tree, as_number=not step.is_bool)
    return StepComplexity(
        name=step.name,
        text=step.text,
        operations=counter.operations,
        inputs=len(counter.inputs),
        constants=counter.numbers + len(counter.params),
        branches=counter.branches,
        nesting=_depth(step.tree, 0),
    )


class _Counter:
    """Walks a syntax tree counting operations, names, numbers and branches."""

    def __init__(self, kinds: dict[str, str]) -> None:
        self.kinds = kinds
        self.operations = self.branches = self.numbers = 0
        self.inputs: set[str] = set()
        self.params: set[str] = set()

    def visit(self, node: ast.Node, *, as_number: bool) -> None:
        if isinstance(node, ast.Num):
            self.numbers += 1
        elif isinstance(node, ast.Name):
            (self.params if self.kinds.get(node.id) == "constant" else self.inputs).add(node.id)
        elif isinstance(node, ast.List):
            for item in node.items:
                self.visit(item, as_number=True)
        elif isinstance(node, ast.Call):
            self.call(node)
        elif isinstance(node, ast.Compare):
            self.operations += 1
            self.branches += int(as_number)  # a condition turned into 0/1 is a branch
            self.visit(node.left, as_number=True)
            self.visit(node.right, as_number=True)
        elif isinstance(node, ast.BoolOp):
            self.operations += 1
            self.branches += 1
            self.visit(node.left, as_number=False)
            self.visit(node.right, as_number=False)
        elif isinstance(node, ast.Not):
            self.operations += 1
            self.visit(node.operand, as_number=False)
        elif isinstance(node, ast.Unary):
            self.operations += int(node.op == "-")
            self.visit(node.operand, as_number=True)
        elif isinstance(node, ast.Binary):
            self.operations += 1
            self.visit(node.left, as_number=True)
            self.visit(node.right, as_number=True)

    def call(self, node: ast.Call) -> None:
        self.operations += 1
        args = node.args
        if node.func in _TIERS and len(args) == 3 and isinstance(args[2], ast.List):
            brackets = len(args[2].items)
            self.branches += brackets
            if node.func == "marginal":
                self.operations += 2 * (brackets - 1)
            elif node.func == "interp":
                self.operations += 4
        elif node.func == "if":
            self.branches += 1
        elif node.func in ("min", "max"):
            self.branches += len(args) - 1
        elif node.func == "clip":
            self.branches += 2
        for index, arg in enumerate(args):
            self.visit(arg, as_number=not (node.func == "if" and index == 0))


def _depth(node: ast.Node, parent: int) -> int:
    """Open brackets needed at the deepest point: calls, lists' contents, parenthesised groups."""
    if isinstance(node, ast.Call):
        return 1 + max((_depth(a, 0) for a in node.args), default=0)
    if isinstance(node, ast.List):
        return max((_depth(i, 0) for i in node.items), default=0)
    if isinstance(node, ast.Binary | ast.Compare | ast.BoolOp):
        own = _PRECEDENCE["compare" if isinstance(node, ast.Compare) else node.op]
        left_ctx = own + 1 if node.op == "**" else own
        right_ctx = own + 1 if node.op in ("-", "/") or isinstance(node, ast.Compare) else own
        inner = max(_depth(node.left, left_ctx), _depth(node.right, right_ctx))
        return inner + int(own < parent)
    if isinstance(node, ast.Unary | ast.Not):
        own = _PRECEDENCE["unary" if isinstance(node, ast.Unary) else "not"]
        return _depth(node.operand, own) + int(own < parent)
    return 0


def run(context: CheckContext) -> CheckResult:
    """Measure principle 2 on ``context.scheme`` (exact: no sampling)."""
    scheme = context.scheme
    result = measure(scheme)
    threshold = scheme.principles.max_complexity
    score = result.score
    worst = result.costliest()
    passed = score <= threshold
    w = words(scheme.language)
    return CheckResult(
        name=NAME,
        principle=PRINCIPLE,
        title=w("complexity.title"),
        passed=passed,
        value=score,
        threshold=threshold,
        comparison="<=",
        summary=w("complexity.summary", score=w.num(score, "g"), limit=w.num(threshold, "g")),
        advice="" if passed else _advice(score, threshold, worst, scheme.pay_name, scheme.language),
        details=ComplexityDetails(result, worst.name),
        notes=_notes(result, worst, scheme.pay_name, scheme.language),
        language=scheme.language,
    )


def _shown(name: str, pay_name: str) -> str:
    """A step's name as the scheme writes it (``[scheme] pay`` may call ``pay`` otherwise)."""
    return pay_name if name == "pay" else name


def _notes(
    result: Complexity,
    worst: StepComplexity,
    pay_name: str = "pay",
    language: str = DEFAULT_LANGUAGE,
) -> list[str]:
    w = words(language)
    totals, points = result.totals(), result.points()
    parts = ", ".join(
        w(
            "complexity.part",
            part=w(f"complexity.part.{part}"),
            n=totals[part],
            points=w.num(points[part], "g"),
            pts=w.plural(points[part], "pts"),
        )
        for part in _PARTS
    )
    lines = [w("complexity.parts", parts=parts)]
    lines.append(
        w(
            "complexity.costliest",
            name=_shown(worst.name, pay_name),
            formula=worst.text,
            score=w.num(worst.score, "g"),
            points=w.plural(worst.score, "point") if language != DEFAULT_LANGUAGE else "points",
        )
    )
    width = max(len(_shown(s.name, pay_name)) for s in result.steps)
    for step in result.steps:
        row = w(
            "complexity.row",
            operations=step.operations,
            inputs=step.inputs,
            constants=step.constants,
            branches=step.branches,
            nesting=step.nesting,
        )
        lines.append(f"  {_shown(step.name, pay_name):<{width}}  {w.num(step.score, '>5g')}  {row}")
    return lines


def _advice(
    score: float,
    threshold: float,
    worst: StepComplexity,
    pay_name: str = "pay",
    language: str = DEFAULT_LANGUAGE,
) -> str:
    w = words(language)
    points = worst.points()
    main = max(_PARTS[:5], key=lambda p: points[p])
    return w(
        "complexity.advice",
        score=w.num(score, "g"),
        limit=w.num(threshold, "g"),
        step=w("quoted", name=_shown(worst.name, pay_name)),
        points=w.num(worst.score, "g"),
        points_word=w.plural(worst.score, "point") if language != DEFAULT_LANGUAGE else "points",
        main_points=w.num(points[main], "g"),
        main=w(f"complexity.part.{main}"),
        tip=w(f"complexity.tip.{main}"),
    )
