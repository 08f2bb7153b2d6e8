"""The formula language: a safe tokenizer and parser that build sympy expressions directly."""

from motivsim.formula.build import FUNCTIONS, Built, NameInfo, build, names_used, symbol
from motivsim.formula.lexer import LexError, tokenize
from motivsim.formula.parser import parse
from motivsim.formula.printer import format_number, to_text

__all__ = [
    "FUNCTIONS",
    "Built",
    "LexError",
    "NameInfo",
    "build",
    "format_number",
    "names_used",
    "parse",
    "symbol",
    "to_text",
    "tokenize",
]
