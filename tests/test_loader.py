"""Invalid scheme files: each error names file, line, column and says how to fix it."""

from __future__ import annotations

import pickle

import pytest

import motivsim

BASE = """[scheme]
name = "t"

[kpi.revenue]
controllable = true

[params]
plan = 100

[formula]
attainment = "revenue / plan"
pay = "attainment * 2"
"""


def edit(old: str, new: str, extra: str = "") -> str:
    assert old in BASE
    return BASE.replace(old, new) + extra


# (id, text, (line, column), message part, hint part or None)
INVALID = [
    (
        "unknown-name",
        edit('"attainment * 2"', '"atainment * 2"'),
        (12, 8),
        "unknown name 'atainment' (did you mean 'attainment'?)",
        "every name must be",
    ),
    (
        "duplicate-key",
        edit("plan = 100", "plan = 100\nplan = 200"),
        (9, 11),
        "TOML syntax: cannot overwrite a value",
        "each key may appear once",
    ),
    (
        "number-as-bool",
        edit("plan = 100", "plan = true"),
        (8, 8),
        "params.plan must be a number, got true",
        "no quotes",
    ),
    ("nan-param", edit("plan = 100", "plan = nan"), (8, 8), "NaN is not a finite number", None),
    ("inf-param", edit("plan = 100", "plan = -inf"), (8, 8), "-Infinity is not a finite", None),
    ("huge-param", edit("plan = 100", "plan = 1e20"), (8, 8), "is too large", None),
    (
        "missing-formula",
        BASE.split("[formula]")[0],
        (1, 1),
        "missing the [formula] table",
        'pay = "..."',
    ),
    (
        "missing-pay",
        edit('pay = "attainment * 2"', ""),
        (10, 1),
        "[formula] has no 'pay' step",
        "total pay",
    ),
    (
        "unknown-kpi-key",
        edit("controllable = true", 'controllable = true\ndescriptoin = "x"'),
        (6, 1),
        "unknown key 'kpi.revenue.descriptoin'",
        "did you mean 'description'?",
    ),
    (
        "unknown-table",
        edit("", "", '\n[principle]\nplan_met = "revenue >= plan"\n'),
        (14, 1),
        "unknown key 'principle'",
        "did you mean 'principles'?",
    ),
    (
        "controllable-missing",
        edit("controllable = true", ""),
        (4, 1),
        "KPI 'revenue' must say whether the manager controls it",
        "add controllable = true",
    ),
    (
        "controllable-text",
        edit("controllable = true", 'controllable = "yes"'),
        (5, 16),
        "must be true or false, got the text 'yes'",
        "no quotes",
    ),
    (
        "name-clash",
        edit('attainment = "revenue / plan"', 'plan = "revenue / 2"'),
        (11, 1),
        "name 'plan' is used twice: params.plan (line 8) and formula.plan",
        "one namespace",
    ),
    (
        "cycle",
        edit('"revenue / plan"', '"pay / plan"'),
        (12, 8),
        "steps form a cycle: attainment -> pay -> attainment",
        "cannot depend on itself",
    ),
    (
        "self-reference",
        edit('"revenue / plan"', '"attainment + 1"'),
        (11, 15),
        "steps form a cycle: attainment -> attainment",
        None,
    ),
    (
        "formula-not-text",
        edit('attainment = "revenue / plan"', "attainment = 5"),
        (11, 14),
        "formula.attainment must be text in quotes, got the number 5",
        'attainment = "..."',
    ),
    ("no-scheme-name", edit('name = "t"', ""), (1, 1), "[scheme] needs a name", "add name"),
    (
        "rounding-typo",
        edit('name = "t"', 'name = "t"\nrounding = "half_up"'),
        (3, 12),
        "unknown rounding rule 'half_up'",
        "did you mean 'half-up'?",
    ),
    (
        "cyrillic-bare-key",
        edit("[kpi.revenue]", "[kpi.выручка]"),
        (4, 6),
        "TOML syntax: invalid initial character for a key part",
        '[kpi."выручка"]',
    ),
    (
        "unquoted-formula",
        edit('pay = "attainment * 2"', "pay = attainment * 2"),
        (12, 7),
        "TOML syntax: invalid value",
        "put text in quotes",
    ),
    (
        "min-above-max",
        edit("controllable = true", "controllable = true\nmin = 10\nmax = 5"),
        (7, 7),
        "min 10 is not below max 5",
        None,
    ),
    (
        "name-with-space",
        edit("[kpi.revenue]", '[kpi."my revenue"]'),
        (4, 1),
        "'my revenue' cannot be used in formulas",
        "letters, digits and _",
    ),
    (
        "function-as-name",
        edit("[kpi.revenue]", "[kpi.min]"),
        (4, 1),
        "'min' is a function of the formula language",
        "choose another name",
    ),
    (
        "plan-met-number",
        edit("", "", '\n[principles]\nplan_met = "revenue"\n'),
        (15, 12),
        "principles.plan_met must be a condition",
        "revenue >= plan",
    ),
    (
        "negative-min-ratio",
        edit("", "", "\n[principles]\nmin_ratio = -1\n"),
        (15, 13),
        "principles.min_ratio must be > 0, got -1",
        None,
    ),
    (
        "hitter-typo",
        edit("", "", "\n[principles]\nhitter = { revenu = 5 }\n"),
        (15, 12),
        "'revenu' is not a KPI",
        "did you mean 'revenue'?",
    ),
    (
        "pay-is-condition",
        edit('"attainment * 2"', '"attainment > 2"'),
        (12, 7),
        "pay must be an amount",
        "if(condition, amount, 0)",
    ),
    (
        "multi-line-formula",
        edit('pay = "attainment * 2"', 'pay = """\n  attainment\n  * bogus\n"""'),
        (14, 5),
        "unknown name 'bogus'",
        None,
    ),
    (
        "escaped-formula",
        edit('"attainment * 2"', '"\\u0061ttainment + bogus"'),
        (12, 26),
        "unknown name 'bogus'",
        None,
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "message", "hint"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID]
)
def test_invalid_scheme_is_located_and_explained(text, where, message, hint):
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(text, path="scheme.toml")
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.location.line, err.location.column) == where
    assert message in err.message
    rendered = str(err)
    assert rendered.startswith(f"scheme.toml:{where[0]}:{where[1]}: ")
    assert "^" in rendered or where == (1, 1)
    if hint is not None:
        assert hint in (err.hint or "")


def test_the_issue_example_message_shape():
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(edit('"attainment * 2"', '"atainment * 2"'), path="scheme.toml")
    err = info.value
    first, source, caret, _hint = str(err).splitlines()
    assert first == (
        "scheme.toml:12:8: unknown name 'atainment' (did you mean 'attainment'?) (in formula.pay)"
    )
    assert source.strip() == 'pay = "atainment * 2"'
    assert caret.index("^") == source.index("atainment")


@pytest.mark.parametrize(
    ("raw", "message", "where"),
    [
        (b"\xef\xbb\xbf" + BASE.encode(), "UTF-8 byte-order mark", (1, 1)),
        (BASE.encode("utf-16"), "UTF-16 byte-order mark", (1, 1)),
        (BASE.replace('"t"', '"t\xff"').encode("latin-1"), "byte 0xFF is not valid UTF-8", (2, 10)),
    ],
    ids=["utf8-bom", "utf16", "invalid-utf8"],
)
def test_encoding_errors(tmp_path, raw, message, where):
    path = tmp_path / "scheme.toml"
    path.write_bytes(raw)
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.load(path)
    assert message in info.value.message
    assert (info.value.location.line, info.value.location.column) == where


def test_missing_file():
    with pytest.raises(motivsim.SchemeError, match="cannot read the file: No such file"):
        motivsim.load("/nonexistent/scheme.toml")


def test_errors_pickle_with_their_location():
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(edit('"attainment * 2"', '"atainment * 2"'), path="s.toml")
    err = info.value
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is type(err)
    assert str(again) == str(err)


def test_steps_may_come_in_any_order():
    text = BASE.replace(
        'attainment = "revenue / plan"\npay = "attainment * 2"',
        'pay = "attainment * 2"\nattainment = "revenue / plan"',
    )
    scheme = motivsim.loads(text)
    assert scheme.step_names == ("attainment", "pay")
    assert scheme.pay({"revenue": 50}) == 1.0


def test_unicode_names_work_when_quoted():
    text = """[scheme]\nname = "ru"\n[kpi."выручка"]\ncontrollable = true\n
[params]\n"ставка" = 0.05\n[formula]\npay = "ставка * выручка"\n"""
    assert motivsim.loads(text).pay({"выручка": 1_000}) == 50


TRICKY = "\n".join(
    [
        '# comment with [brackets] and "quotes"',
        "[scheme]   # trailing comment",
        'name = "t # not a comment"',
        'description = """',
        'multi-line "with quotes" and [brackets]',
        "and a \\",
        '   continuation"""',
        "\"currency\" = 'RUB'",
        "",
        "[kpi]",
        "revenue.controllable = true",
        'revenue.distribution = {type="empirical", values=[',
        "  1_000, 2_000,   # comment inside array",
        "  3_000,",
        "]}",
        "",
        '[kpi."cars_sold_x"]',
        "controllable = false",
        "",
        "[params]",
        "'plan' = 1e3",
        "base = -5",
        "",
        "",
        "[formula]",
        '"step_one" = "revenue / plan"',
        "pay = '''base +",
        "   revenue * 2 + bogus'''",
        "",
    ]
)


def test_positions_survive_tricky_toml():
    # comments with brackets and quotes, multi-line strings, dotted keys, quoted keys,
    # inline tables spanning lines, literal strings: the caret still lands on the name
    with pytest.raises(motivsim.FormulaError) as info:
        motivsim.loads(TRICKY, path="t.toml")
    err = info.value
    assert "unknown name 'bogus'" in err.message
    assert (err.location.line, err.location.column) == (28, 18)
    scheme = motivsim.loads(TRICKY.replace(" + bogus", ""))
    assert scheme.pay({"revenue": 5}) == 5
    assert scheme.description.startswith("multi-line")
