"""Recursive-descent parser: tokens in, a small positioned syntax tree out (no sympy yet).

Grammar, lowest precedence first::

    expr    := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary)*
    unary   := ('-' | '+') unary | power
    power   := atom ('**' unary)?
    atom    := NUMBER | NAME | NAME '(' args ')' | '(' expr ')' | '[' items ']'

Depth and size are bounded by :mod:`motivsim.limits` before recursion goes further.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from motivsim import limits
from motivsim.formula.lexer import KEYWORDS, LexError, Token, tokenize

__all__ = [
    "Binary",
    "BoolOp",
    "Call",
    "Compare",
    "List",
    "Name",
    "Node",
    "Not",
    "Num",
    "Unary",
    "parse",
]


@dataclass(frozen=True, slots=True)
class Node:
    """Base of syntax-tree nodes; ``start``/``end`` are character offsets in the formula."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Num(Node):
    value: Fraction


@dataclass(frozen=True, slots=True)
class Name(Node):
    id: str


@dataclass(frozen=True, slots=True)
class Unary(Node):
    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Compare(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class BoolOp(Node):
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Not(Node):
    operand: Node


@dataclass(frozen=True, slots=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]
    name_end: int


@dataclass(frozen=True, slots=True)
class List(Node):
    items: tuple[Node, ...]


_COMPARE = frozenset({"<", "<=", ">", ">=", "==", "!="})


def parse(text: str) -> Node:
    """Parse one formula; raise :class:`LexError` (with an offset) when it is not valid."""
    parser = _Parser(tokenize(text))
    if parser.peek().kind == "END":
        raise LexError("formula is empty", 0, "write an expression such as base + commission")
    node = parser.expr()
    tok = parser.peek()
    if tok.kind != "END":
        raise LexError(
            f"unexpected {tok.text!r} after a complete expression", tok.start, _after_hint(tok)
        )
    return node


def _after_hint(tok: Token) -> str:
    if tok.text == ")":
        return "this ')' has no matching '('"
    if tok.kind in {"NAME", "NUMBER"} or tok.text in {"(", "["}:
        return "an operator is missing here (for example * or +)"
    return "remove it or complete the expression"


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.nodes = 0

    # -- token helpers -------------------------------------------------
    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok.text == text and tok.kind in {"OP", "NAME"}

    def expect(self, text: str, opener: Token | None = None) -> Token:
        tok = self.peek()
        if tok.text != text or tok.kind != "OP":
            where = f" to close the {opener.text!r} at column {opener.start + 1}" if opener else ""
            found = "the end of the formula" if tok.kind == "END" else repr(tok.text)
            raise LexError(f"expected {text!r}{where}, found {found}", tok.start)
        return self.take()

    def made(self, node: Node) -> Node:
        self.nodes += 1
        if self.nodes > limits.MAX_NODES:
            raise LexError(
                f"formula has more than {limits.MAX_NODES:,} parts",
                node.start,
                "split it into named steps in [formula]",
            )
        return node

    def enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > limits.MAX_NESTING:
            raise LexError(
                f"formula is nested more than {limits.MAX_NESTING} levels deep",
                tok.start,
                "split it into named steps in [formula]",
            )

    # -- grammar ---------------------------------------------------------
    def expr(self) -> Node:
        self.enter(self.peek())
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def or_(self) -> Node:
        node = self.and_()
        while self.at("or"):
            self.take()
            right = self.and_()
            node = self.made(BoolOp(node.start, right.end, "or", node, right))
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.at("and"):
            self.take()
            right = self.not_()
            node = self.made(BoolOp(node.start, right.end, "and", node, right))
        return node

    def not_(self) -> Node:
        if self.at("not"):
            tok = self.take()
            self.enter(tok)
            try:
                operand = self.not_()
            finally:
                self.depth -= 1
            return self.made(Not(tok.start, operand.end, operand))
        return self.compare()

    def compare(self) -> Node:
        node = self.sum()
        tok = self.peek()
        if tok.kind == "OP" and tok.text in _COMPARE:
            self.take()
            right = self.sum()
            node = self.made(Compare(node.start, right.end, tok.text, node, right))
            nxt = self.peek()
            if nxt.kind == "OP" and nxt.text in _COMPARE:
                raise LexError(
                    "chained comparisons are not allowed",
                    nxt.start,
                    "write (a < b) and (b < c) instead of a < b < c",
                )
        return node

    def sum(self) -> Node:
        node = self.product()
        while self.peek().kind == "OP" and self.peek().text in {"+", "-"}:
            op = self.take().text
            right = self.product()
            node = self.made(Binary(node.start, right.end, op, node, right))
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek().kind == "OP" and self.peek().text in {"*", "/"}:
            op = self.take().text
            right = self.unary()
            node = self.made(Binary(node.start, right.end, op, node, right))
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "OP" and tok.text in {"-", "+"}:
            self.take()
            self.enter(tok)
            try:
                operand = self.unary()
            finally:
                self.depth -= 1
            return self.made(Unary(tok.start, operand.end, tok.text, operand))
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.at("**"):
            tok = self.take()
            self.enter(tok)
            try:
                exponent = self.unary()
            finally:
                self.depth -= 1
            return self.made(Binary(base.start, exponent.end, "**", base, exponent))
        return base

    def atom(self) -> Node:
        tok = self.peek()
        if tok.kind == "NUMBER":
            self.take()
            assert tok.value is not None
            return self.made(Num(tok.start, tok.end, tok.value))
        if tok.kind == "NAME":
            return self.name_or_call()
        if tok.text == "(":
            self.take()
            node = self.expr()
            self.expect(")", tok)
            return node
        if tok.text == "[":
            return self.list_()
        if tok.kind == "END":
            raise LexError(
                "formula ends where a value was expected", tok.start, "complete the expression"
            )
        raise LexError(f"unexpected {tok.text!r} where a value was expected", tok.start)

    def name_or_call(self) -> Node:
        tok = self.take()
        if tok.text in KEYWORDS:
            raise LexError(
                f"{tok.text!r} is a keyword, not a value",
                tok.start,
                "'and', 'or' and 'not' join conditions",
            )
        if not self.at("("):
            return self.made(Name(tok.start, tok.end, tok.text))
        opener = self.take()
        self.enter(opener)
        try:
            args = self.items(")", opener)
        finally:
            self.depth -= 1
        close = self.expect(")", opener)
        return self.made(Call(tok.start, close.end, tok.text, args, tok.end))

    def list_(self) -> Node:
        opener = self.take()
        self.enter(opener)
        try:
            items = self.items("]", opener)
        finally:
            self.depth -= 1
        close = self.expect("]", opener)
        return self.made(List(opener.start, close.end, items))

    def items(self, closer: str, opener: Token) -> tuple[Node, ...]:
        limit = limits.MAX_ARGUMENTS if closer == ")" else limits.MAX_LIST_ITEMS
        items: list[Node] = []
        if self.at(closer):
            return ()
        while True:
            items.append(self.expr())
            if len(items) > limit:
                what = "arguments" if closer == ")" else "list items"
                raise LexError(f"more than {limit} {what}", items[-1].start)
            if not self.at(","):
                return tuple(items)
            self.take()
            if self.at(closer):  # a trailing comma is fine
                return tuple(items)
