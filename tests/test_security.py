"""Hostile scheme files: each gets its own specific error, quickly, and nothing is executed."""

from __future__ import annotations

import time

import pytest

import motivsim
from motivsim import limits
from tests.conftest import scheme_text

# (id, formula as written inside the TOML string, expected message part, expected column)
# The formula stands on line 11 of scheme_text's output, its first character at column 8.
HOSTILE = [
    ("python-import", "__import__('os').system('echo hi')", 'unexpected "\'"', 19),
    ("attribute-escape", "revenue.__class__", "unexpected '.'", 15),
    ("tuple-bases", "().__class__.__bases__", "unexpected '.'", 10),
    ("power-tower", "9**9**9", "an exponent must be a constant number", 11),
    ("nested-parens-1000", "(" * 1000 + "revenue" + ")" * 1000, "nested more than 60", 68),
    ("nested-parens-10000", "(" * 10_000 + "revenue" + ")" * 10_000, "20,007 characters", 8),
    ("homoglyph-cyrillic-e", "r\u0435venue * 2", "U+0435 CYRILLIC SMALL LETTER IE", 9),
    ("control-char-bel", "revenue\\u0007", "U+0007, a control character", 15),
    ("zero-width-space", "reve\\u200bnue", "U+200B ZERO WIDTH SPACE", 12),
    ("fullwidth-letter", "\uff52evenue", "U+FF52 FULLWIDTH LATIN SMALL LETTER R", 8),
    ("huge-exponent-literal", "1e999999999 * revenue", "too large", 8),
    ("tiny-literal", "1e-999999 * revenue", "more than 30 decimal places", 8),
    ("long-literal", "1" * 60, "60 characters long", 8),
    ("lambda", "lambda: 1", "unexpected ':'", 14),
    ("python-ternary", "revenue if revenue else 0", "unexpected 'if'", 16),
    ("star-args", "min(*revenue)", "unexpected '*'", 12),
    ("not-tower", "not " * 200 + "revenue > 1", "nested more than 60", 244),
    ("minus-tower", "-" * 1000 + "revenue", "nested more than 60", 67),
    ("many-arguments", "min(" + ",".join(["revenue"] * 20) + ")", "more than 8 arguments", 76),
    ("statement-separator", "revenue; 1", "unexpected ';'", 15),
    ("assignment", "x = revenue", "unexpected '='", 10),
    ("variable-exponent", "revenue ** revenue", "exponent must be a constant", 19),
    ("dunder-name-call", "__class__(1)", "unknown function '__class__'", 8),
    ("string-literal", '\\"rm -rf\\"', "unexpected '\"'", 8),
    (
        "constant-power-tower",
        "((((9 ** 10) ** 10) ** 10) ** 10) * revenue",
        "this constant power is too large",
        12,
    ),
    ("constant-overflow", "1e15 * 1e15 * revenue", "works out to 1e+30", 8),
    ("backslash", "revenue \\\\ 2", "unexpected '\\\\'", 16),
]


@pytest.mark.parametrize(
    ("formula", "message", "column"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_hostile_formula_gets_its_specific_error_fast(formula, message, column):
    text = scheme_text({"pay": formula})
    start = time.perf_counter()
    with pytest.raises(motivsim.FormulaError) as info:
        motivsim.loads(text, path="hostile.toml")
    elapsed = time.perf_counter() - start
    assert message in info.value.message
    assert (info.value.location.line, info.value.location.column) == (11, column)
    assert str(info.value).startswith(f"hostile.toml:11:{column}: ")
    assert elapsed < 1.0


def test_megabyte_formula_is_refused_before_parsing():
    text = scheme_text({"pay": "revenue + " * 100_000 + "1"})
    start = time.perf_counter()
    with pytest.raises(motivsim.SchemeError, match="larger than 262,144 bytes"):
        motivsim.loads(text)
    assert time.perf_counter() - start < 1.0


def test_megabyte_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (limits.MAX_FILE_BYTES + 10))
    with pytest.raises(motivsim.SchemeError, match=r"file is 262,156 bytes"):
        motivsim.load(path)


def test_long_formula_inside_file_limit_is_refused_by_formula_limit():
    text = scheme_text({"pay": "revenue + " * 500 + "1"})
    with pytest.raises(motivsim.FormulaError, match="the limit is 4,000"):
        motivsim.loads(text)


def test_many_nodes_are_refused():
    # short enough for the length limit, but more parts than MAX_NODES
    formula = "+".join(["1"] * 1990)
    text = scheme_text({"pay": formula})
    with pytest.raises(motivsim.FormulaError, match="more than 2,000 parts"):
        motivsim.loads(text)


def test_no_code_runs_for_names_that_look_like_python(make_scheme, monkeypatch):
    # names are only ever dictionary keys: a KPI called like a builtin is just a name
    scheme = make_scheme({"pay": "exec * 2 + eval"}, kpis={"exec": "", "eval": ""})
    assert scheme.pay({"exec": 2, "eval": 1}) == 5


def test_control_character_in_raw_toml_is_a_toml_error():
    text = scheme_text({"pay": "revenue\x07"})
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(text, path="s.toml")
    assert "TOML syntax: illegal character" in str(info.value)
    assert info.value.location.line == 11


def test_source_never_reaches_eval_functions():
    # a static guard: the package never calls the string-evaluating functions
    import pathlib
    import re

    root = pathlib.Path(motivsim.__file__).parent
    # (sympy's Function API names a classmethod ``eval``: definitions are not calls)
    forbidden = re.compile(r"(?<!def )\b(eval|exec|sympify|parse_expr|lambdify|compile)\(")
    offenders = [
        f"{path.name}:{n}"
        for path in root.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
        and not line.lstrip().startswith("#")
        and "re.compile(" not in line
    ]
    assert offenders == []
