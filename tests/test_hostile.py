"""Hostile input: each case gets motivsim's own located error, quickly; never a crash or a hang.

Each section is self-contained (its own helpers and data), so sections can be added, moved or
removed on their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import motivsim
from motivsim import limits
from motivsim.distributions import (
    Empirical,
    Gamma,
    LogNormal,
    Normal,
    ParameterError,
    Poisson,
    parse_distribution,
)
from motivsim.errors import Location
from motivsim.formula.lexer import tokenize
from motivsim.formula.scripts import resolved_scripts, skeleton

# -- files, TOML, names, CSVs, distributions ----------------------------------------------------
#
# Each case is refused with a SchemeError naming file, line and column where there is one
# (exit 2 on the command line, no traceback), in well under 2 seconds. Cases that used to hang
# or blow up (a FIFO, /dev/zero, 600 nested lists, a 10,000-part key) run in a subprocess with
# a timeout, so that a regression fails the test instead of stalling the suite.

_ROOT = Path(__file__).resolve().parent.parent
_SCHEMES = _ROOT / "schemes"
#: Seconds a subprocess may take: Python and motivsim start in about a second; a hang is caught.
_SUBPROCESS_TIMEOUT = 60
#: Wall-clock bound for one refused case in this process (the issue's bound is 2 seconds).
_FAST = 2.0

_VALID = """\
[scheme]
name = "hostile"

[kpi.revenue]
controllable = true
min = 0
distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }

[params]
rate = 0.05

[formula]
pay = "rate * revenue"
"""


def _refused(text: str, path: str = "hostile.toml") -> motivsim.SchemeError:
    """The SchemeError ``motivsim.loads(text)`` raises, checked to come within :data:`_FAST`."""
    motivsim.loads(_VALID)  # warm up: imports are not what is timed
    start = time.perf_counter()
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.loads(text, path=path)
    assert time.perf_counter() - start < _FAST
    return info.value


def _cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m motivsim ARGS`` in a subprocess that is killed after a timeout."""
    return subprocess.run(
        [sys.executable, "-m", "motivsim", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=_SUBPROCESS_TIMEOUT,
        cwd=cwd or _ROOT,
        env={**os.environ, "PYTHONPATH": str(_ROOT)},
        check=False,
    )


def _assert_exit_2(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    for part in parts:
        assert part in result.stderr


# ---- 1. TOML nesting and dotted keys -----------------------------------------------------------
_DEEP = [
    # x is at depth 1; the 32nd '[' opens depth 33 (column 36)
    pytest.param("x = " + "[" * 600 + "]" * 600 + "\n", 1, 36, id="lists-600-deep"),
    # each "a=" one level deeper: the 32nd a is at depth 33 (column 4 + 31 * 3 + 2)
    pytest.param("x = " + "{a=" * 500 + "1" + "}" * 500 + "\n", 1, 99, id="inline-tables-500-deep"),
    # '[' and 'a' alternate: the 16th a is at depth 33 (column 6 + 15 * 6 + 1)
    pytest.param(
        "x = [" + "{a = [" * 20 + "]}" * 20 + "]\n", 1, 97, id="lists-and-tables-interleaved"
    ),
    pytest.param(
        '[scheme]\nname = "n"\n\n[t]\nx = [\n' + "  [\n" * 40 + "  ]\n" * 40 + "]\n",
        35,  # t.x is at depth 2, its list's items at 3: the 30th inner '[' (line 35) makes 33
        3,
        id="multi-line-list-deep",
    ),
    pytest.param(
        "[" + ".".join(["a"] * 16) + "]\n" + ".".join(["b"] * 16) + " = {c = 1}\n",
        2,
        36,  # 16 + 16 levels are allowed; c is the 33rd
        id="header-plus-dotted-key-plus-inline-table",
    ),
]


@pytest.mark.parametrize(("text", "line", "column"), _DEEP)
def test_deep_nesting_is_refused_with_its_place(text: str, line: int, column: int) -> None:
    err = _refused(text)
    assert f"nested more than {limits.MAX_TOML_DEPTH} levels deep" in err.message
    assert (err.location.path, err.location.line, err.location.column) == (
        "hostile.toml",
        line,
        column,
    )
    assert "RecursionError" not in str(err)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(".".join(["a"] * 10_000) + " = 1\n", id="dotted-key-10000-parts"),
        pytest.param("[" + ".".join(["a"] * 10_000) + "]\n", id="table-header-10000-parts"),
        pytest.param('x = {"a".' + '"a".' * 100 + "b = 1}\n", id="quoted-parts-in-inline-table"),
    ],
)
def test_long_dotted_keys_are_refused(text: str) -> None:
    err = _refused(text)
    assert f"more than {limits.MAX_KEY_PARTS} dotted parts" in err.message
    assert err.location.line == 1
    assert err.hint


def test_brackets_inside_strings_and_comments_do_not_count() -> None:
    text = _VALID.replace(
        'name = "hostile"',
        'name = "hostile"\ndescription = "' + "[{" * 1000 + '"\n'
        "# " + "[" * 1000 + "\n" + "period = '''" + "{" * 1000 + "'''",
    )
    assert motivsim.loads(text).name == "hostile"


def test_deep_nesting_on_the_command_line_exits_2(tmp_path: Path) -> None:
    scheme = tmp_path / "deep.toml"
    scheme.write_text("x = " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8")
    _assert_exit_2(_cli("explain", scheme), f"{scheme}:1:36: values nested more than")


def test_dotted_key_on_the_command_line_exits_2_quickly(tmp_path: Path) -> None:
    scheme = tmp_path / "dotted.toml"
    scheme.write_text(".".join(["a"] * 10_000) + " = 1\n", encoding="utf-8")
    _assert_exit_2(_cli("explain", scheme), f"{scheme}:1:1: key has more than")


# ---- 2. files that are not regular files, or too large ---------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


@needs_fifo
def test_a_fifo_scheme_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "scheme.toml"
    os.mkfifo(fifo)
    _assert_exit_2(_cli("explain", fifo), f"{fifo}: this path is a named pipe (FIFO), not a")


@needs_dev_zero
def test_dev_zero_as_the_scheme_is_refused() -> None:
    _assert_exit_2(_cli("explain", "/dev/zero"), "/dev/zero: this path is a character device")


def test_a_folder_as_the_scheme_is_refused(tmp_path: Path) -> None:
    with pytest.raises(motivsim.SchemeError, match="this path is a folder, not a scheme") as info:
        motivsim.load(tmp_path)
    assert info.value.location.path == str(tmp_path)


def test_a_path_with_a_nul_character_is_refused() -> None:
    with pytest.raises(motivsim.SchemeError, match="its path contains a NUL character"):
        motivsim.load("scheme\0.toml")


def test_a_scheme_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as handle:  # sparse: nothing is written but the last byte
        handle.truncate(limits.MAX_FILE_BYTES * 1000)
    start = time.perf_counter()
    with pytest.raises(motivsim.SchemeError, match=r"file is 262,144,000 bytes; a scheme may"):
        motivsim.load(big)
    assert time.perf_counter() - start < _FAST


def test_read_limited_reads_at_most_the_limit(tmp_path: Path) -> None:
    small = tmp_path / "small.toml"
    small.write_bytes(b"x" * 10)
    assert limits.read_limited(small, 10) == b"x" * 10
    with pytest.raises(limits.FileRefused) as info:
        limits.read_limited(small, 9)
    assert info.value.size == 10


def _csv_scheme(folder: Path, csv: str = "history.csv", column: str = "revenue") -> Path:
    scheme = folder / "scheme.toml"
    scheme.write_text(
        _VALID.replace(
            'distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }',
            f'distribution = {{ type = "empirical", csv = "{csv}", column = "{column}" }}',
        ),
        encoding="utf-8",
    )
    return scheme


@needs_fifo
def test_a_fifo_csv_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "history.csv")
    scheme = _csv_scheme(tmp_path)
    _assert_exit_2(
        _cli("explain", scheme), f"{scheme}:7:", "history.csv is a named pipe (FIFO), not a file"
    )


@needs_dev_zero
def test_a_csv_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "history.csv").symlink_to("/dev/zero")
    with pytest.raises(motivsim.SchemeError, match="csv must be a path inside") as info:
        motivsim.load(_csv_scheme(tmp_path))
    assert info.value.location.line == 7


def test_a_csv_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "history.csv").mkdir()
    with pytest.raises(motivsim.SchemeError, match=r"history\.csv is a folder, not a file"):
        motivsim.load(_csv_scheme(tmp_path))


def test_a_csv_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "history.csv").open("wb") as handle:
        handle.truncate(limits.MAX_CSV_BYTES + 1)
    start = time.perf_counter()
    with pytest.raises(motivsim.SchemeError, match=r"history.csv is 67,108,865 bytes; the limit"):
        motivsim.load(_csv_scheme(tmp_path))
    assert time.perf_counter() - start < _FAST


# ---- 3. line numbers follow TOML's newlines (LF and CRLF), not str.splitlines -----------------
#: Line breaks for str.splitlines that are ordinary characters inside a TOML string.
_NOT_NEWLINES = [
    pytest.param("\u2028", id="line-separator-U+2028"),
    pytest.param("\u2029", id="paragraph-separator-U+2029"),
    pytest.param("\u0085", id="next-line-U+0085"),
]


@pytest.mark.parametrize("separator", _NOT_NEWLINES)
def test_toml_error_quotes_its_own_line_after_a_unicode_line_break(separator: str) -> None:
    text = f'[scheme]\nname = "a{separator}b"\nbad line here\n'
    err = _refused(text)
    assert (err.location.line, err.location.column) == (3, 5)
    assert err.location.source_line == "bad line here"
    assert "    bad line here\n        ^" in str(err)


@pytest.mark.parametrize("separator", _NOT_NEWLINES)
def test_scheme_error_quotes_its_own_line_after_a_unicode_line_break(separator: str) -> None:
    text = _VALID.replace('name = "hostile"', f'name = "hostile"\ndescription = "a{separator}b"')
    text = text.replace('pay = "rate * revenue"', 'pay = "rate * revenu"')
    err = _refused(text)
    assert err.location.line == 14
    assert err.location.source_line == 'pay = "rate * revenu"'


#: Line breaks for str.splitlines that TOML refuses in a string: the error is on their line.
_CONTROL_BREAKS = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("char", _CONTROL_BREAKS, ids=[f"U+{ord(c):04X}" for c in _CONTROL_BREAKS])
def test_a_control_line_break_in_a_string_points_at_its_line(char: str) -> None:
    err = _refused(f'[scheme]\nname = "a{char}b"\n[kpi.x]\n')
    assert (err.location.line, err.location.column) == (2, 10)
    assert '    name = "a?b"\n             ^' in str(err)


def test_the_caret_stands_under_the_place_on_a_line_with_wide_characters() -> None:
    text = _VALID.replace("[kpi.revenue]", '[kpi."売上げ"]').replace(
        'pay = "rate * revenue"', 'pay = "売上げ * レート"'
    )
    err = _refused(text)
    assert (err.location.line, err.location.column) == (13, 14)
    assert str(err).splitlines()[1:3] == ['    pay = "売上げ * レート"', " " * 20 + "^"]


def test_crlf_lines_count_once() -> None:
    text = _VALID.replace("\n", "\r\n").replace("rate * revenue", "rate * revenu")
    err = _refused(text)
    assert err.location.line == 13
    assert err.location.source_line is not None
    assert err.location.source_line.rstrip("\r") == 'pay = "rate * revenu"'


# ---- 4. names: normal forms, look-alikes, scripts, and text-direction controls ----------------
def _with_names(kpis: dict[str, str], params: dict[str, str], pay: str) -> str:
    lines = ["[scheme]", 'name = "names"', "", "[kpi.revenue]", "controllable = true", ""]
    for key in kpis:
        lines += [f'[kpi."{key}"]', "controllable = true", ""]
    lines += ["[params]", *(f'"{k}" = {v}' for k, v in params.items()), ""]
    lines += ["[formula]", f'pay = "{pay}"', ""]
    return "\n".join(lines)


CAFE_NFC, CAFE_NFD = "caf\u00e9", "cafe\u0301"
CHAI_NFC, CHAI_NFD = "\u0447\u0430\u0439", "\u0447\u0430\u0438\u0306"


@pytest.mark.parametrize(
    ("key", "formula", "name"),
    [
        pytest.param(CAFE_NFD, CAFE_NFD, CAFE_NFC, id="cafe-decomposed-twice"),
        pytest.param(CAFE_NFC, CAFE_NFD, CAFE_NFC, id="cafe-decomposed-in-formula"),
        pytest.param(CAFE_NFD, CAFE_NFC, CAFE_NFC, id="cafe-decomposed-in-key"),
        pytest.param(CHAI_NFD, CHAI_NFD, CHAI_NFC, id="chai-cyrillic-decomposed"),
    ],
)
def test_a_decomposed_name_is_the_same_name(key: str, formula: str, name: str) -> None:
    scheme = motivsim.loads(_with_names({key: ""}, {}, f"2 * {formula}"))
    assert list(scheme.kpis) == ["revenue", name]
    assert scheme.pay({"revenue": 0, name: 3}) == 6


def test_the_lexer_composes_names() -> None:
    assert [t.text for t in tokenize(f"{CAFE_NFD} + 1")][:1] == [CAFE_NFC]


def test_a_decomposed_name_written_with_escapes_gets_the_composed_spelling_as_hint() -> None:
    text = _with_names({"cafe\\u0301": ""}, {}, f"2 * {CAFE_NFC}")
    err = _refused(text)
    assert "U+0301 COMBINING ACUTE ACCENT" in err.message
    assert err.hint == f"write it as {CAFE_NFC!r}"
    assert err.location.line == 7


@pytest.mark.parametrize(
    ("kpis", "params", "first", "second", "line"),
    [
        pytest.param({}, {"c": "1", "\u0441": "2"}, "c", "\u0441", 9, id="latin-c-cyrillic-es"),
        pytest.param({"o": "", "\u03bf": ""}, {}, "o", "\u03bf", 10, id="latin-o-greek-omicron"),
        pytest.param({"a": ""}, {"\u0430": "1"}, "a", "\u0430", 11, id="kpi-a-param-cyrillic-a"),
        pytest.param({"x0": ""}, {"xO": "1"}, "x0", "xO", 11, id="digit-zero-letter-o"),
    ],
)
def test_look_alike_names_are_refused(
    kpis: dict[str, str], params: dict[str, str], first: str, second: str, line: int
) -> None:
    uses = " + ".join([*kpis, *params])
    err = _refused(_with_names(kpis, params, uses))
    assert f"name {second!r}" in err.message
    assert f"looks the same as {first!r}" in err.message
    assert "line " in err.message  # where the first one is
    assert err.location.line == line  # where the second one is
    assert skeleton(first) == skeleton(second)


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(["売上げ", "ボーナス"], id="japanese-han-hiragana-katakana"),
        pytest.param(["株式会社ボーナス"], id="japanese-han-katakana-prolonged-mark"),
        pytest.param(["売上매출"], id="korean-han-hangul"),
        pytest.param(["注音ㄅ"], id="chinese-han-bopomofo"),
        pytest.param(["выручка_2024", "café"], id="digits-underscore-accents-fit-any"),
    ],
)
def test_names_in_one_script_by_uts39_load(names: list[str]) -> None:
    scheme = motivsim.loads(_with_names(dict.fromkeys(names, ""), {}, " + ".join(names)))
    assert list(scheme.kpis) == ["revenue", *names]


@pytest.mark.parametrize(
    ("name", "scripts"),
    [
        pytest.param("r\u0435venue", "Latin and Cyrillic", id="latin-cyrillic"),
        pytest.param("xー", "Latin and Hiragana", id="latin-prolonged-mark"),
        pytest.param("売上βeta", "Han and Greek", id="han-greek"),
        pytest.param("매출ボーナス", "Hangul and Katakana", id="hangul-katakana"),
    ],
)
def test_names_mixing_scripts_are_refused(name: str, scripts: str) -> None:
    err = _refused(_with_names({name: ""}, {}, name))
    assert f"mixes {scripts} letters" in err.message
    assert resolved_scripts(name) == frozenset()


_FREE_TEXT = [
    pytest.param('name = "hostile"', 'name = "h{c}ostile"', 2, 10, id="scheme-name"),
    pytest.param('name = "hostile"', 'name = "x"\ncurrency = "{c}DSU"', 3, 13, id="currency"),
    pytest.param('name = "hostile"', 'name = "x"\ndescription = "ok {c}"', 3, 19, id="description"),
    pytest.param('name = "hostile"', 'name = "x"\nperiod = "{c}"', 3, 11, id="period"),
    pytest.param("min = 0", 'min = 0\nunit = "USD{c}"', 7, 12, id="kpi-unit"),
    pytest.param("min = 0", 'min = 0\ndescription = "{c}Revenue"', 7, 16, id="kpi-description"),
    pytest.param("rate = 0.05", "rate = 0.05  # {c} comment", 10, 16, id="comment"),
]


@pytest.mark.parametrize(("old", "new", "line", "column"), _FREE_TEXT)
def test_text_direction_controls_are_refused_where_they_stand(
    old: str, new: str, line: int, column: int
) -> None:
    err = _refused(_VALID.replace(old, new.format(c="\u202e"), 1))
    assert "text-direction control U+202E RIGHT-TO-LEFT OVERRIDE" in err.message
    assert (err.location.line, err.location.column) == (line, column)
    assert "\u202e" not in str(err)  # the excerpt shows '?' in its place


_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("char", _BIDI_CONTROLS, ids=[f"U+{ord(c):04X}" for c in _BIDI_CONTROLS])
def test_every_text_direction_control_is_refused(char: str) -> None:
    err = _refused(_VALID.replace('"hostile"', f'"hos{char}tile"'))
    assert f"U+{ord(char):04X}" in err.message
    assert (err.location.line, err.location.column) == (2, 12)


def test_a_lone_surrogate_in_text_is_refused() -> None:
    err = _refused(_VALID.replace('"hostile"', '"hos\ud800tile"'))
    assert "U+D800" in err.message
    assert err.location.line == 2


# ---- 5. empirical CSV files --------------------------------------------------------------------
_CSV_CASES = [
    pytest.param(
        "month,revenue\n1,5,000\n",
        "revenue",
        "history.csv row 2 has 3 cells but the header has 2 columns",
        id="row-longer-than-header",
    ),
    pytest.param(
        "revenue\n1__0\n",
        "revenue",
        "history.csv row 2, column 'revenue': '1__0' has a doubled or misplaced digit separator",
        id="doubled-underscore",
    ),
    pytest.param(
        "revenue\n_10\n",
        "revenue",
        "'_10' has a doubled or misplaced digit separator",
        id="leading-underscore",
    ),
    pytest.param(
        "revenue\n1\n\u0663\n",
        "revenue",
        "history.csv row 3, column 'revenue': '\u0663' has the digit '\u0663' "
        "(U+0663 ARABIC-INDIC DIGIT THREE)",
        id="arabic-indic-digit",
    ),
    pytest.param(
        "revenue,deals,revenue\n1,2,3\n",
        "revenue",
        "history.csv row 1 names column 'revenue' twice (columns 1 and 3)",
        id="duplicate-column",
    ),
    pytest.param(
        "revenue\n1e308\n",
        "revenue",
        "'1e308' is too large: numbers may be at most 1e+15 in size",
        id="1e308-beyond-the-limit",
    ),
    pytest.param(
        "revenue\n1e999\n",
        "revenue",
        "'1e999' is too large: numbers may be at most 1e+15 in size",
        id="1e999-infinite",
    ),
    pytest.param(
        "revenue\ninf\n", "revenue", "'inf' is not a finite number", id="infinity-spelt-out"
    ),
]


@pytest.mark.parametrize(("content", "column", "message"), _CSV_CASES)
def test_bad_csv_content_is_refused_with_file_and_row(
    tmp_path: Path, content: str, column: str, message: str
) -> None:
    (tmp_path / "history.csv").write_text(content, encoding="utf-8")
    scheme = _csv_scheme(tmp_path, column=column)
    with pytest.raises(motivsim.SchemeError) as info:
        motivsim.load(scheme)
    assert message in info.value.message
    assert info.value.location.path == str(scheme)
    assert info.value.location.line == 7  # the distribution that names the file
    assert info.value.hint


def test_a_csv_with_too_many_values_stops_reading_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("motivsim.distributions.empirical.MAX_EMPIRICAL_VALUES", 3)
    (tmp_path / "history.csv").write_text("revenue\n1\n2\n3\n4\n5\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="more than 3 values in column 'revenue'"):
        Empirical.from_csv(tmp_path / "history.csv", "revenue")


def test_plain_csv_numbers_still_read(tmp_path: Path) -> None:
    (tmp_path / "h.csv").write_text(
        'revenue\n9_500_000\n"10 250 000"\n8\u00a0000\u00a0000.5\n-1.5e6\n.5\n', encoding="utf-8"
    )
    dist = Empirical.from_csv(tmp_path / "h.csv", "revenue")
    assert dist.values == (-1_500_000.0, 0.5, 8_000_000.5, 9_500_000.0, 10_250_000.0)


# ---- 6. distribution parameters and typical values ---------------------------------------------
def _distribution(spec: str, bounds: str = "") -> str:
    return _VALID.replace(
        'min = 0\ndistribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }',
        f"{bounds}distribution = {{ {spec} }}",
    )


@pytest.mark.parametrize(
    ("spec", "bounds", "key"),
    [
        pytest.param('type = "lognormal", median = 1_000_000, sigma = 1000', "", "sigma", id="ln"),
        pytest.param(
            'type = "lognormal", median = 1_000_000, sigma = 1000',
            "min = 0\nmax = 10_000_000\n",
            "sigma",
            id="lognormal-sigma-1000-with-max",
        ),
        pytest.param('type = "lognormal", mean = 1e6, cv = 1e12', "", "cv", id="cv"),
        pytest.param('type = "normal", mean = 0, sd = 1e15', "", "sd", id="normal-sd-1e15"),
        pytest.param('type = "gamma", shape = 1e15, scale = 1e15', "", "scale", id="gamma"),
        pytest.param('type = "gamma", mean = 1e15, sd = 1e15', "", "sd", id="gamma-sd"),
        pytest.param('type = "poisson", mean = 1e15', "", "mean", id="poisson-mean-1e15"),
    ],
)
def test_distributions_whose_draws_leave_the_number_range_are_refused(
    spec: str, bounds: str, key: str
) -> None:
    err = _refused(_distribution(spec, bounds))
    assert "is too wide: one draw in 1e+12 exceeds 1e+15" in err.message
    assert err.location.line is not None
    assert err.location.key is not None
    assert err.location.key.endswith(key)
    assert err.hint


def test_a_min_deep_in_the_tail_that_pushes_draws_out_of_range_is_refused() -> None:
    spec = 'type = "lognormal", median = 1, sigma = 4.4'  # fine as written: 2.6e13 at the top
    err = _refused(_distribution(spec, "min = 1_000_000\n"))
    assert (
        "kpi.revenue: lognormal(median=1, sigma=4.4) truncated to [1,000,000, inf]" in err.message
    )
    assert "is too wide: one draw in 1e+12 exceeds 1e+15" in err.message
    assert err.location.key == "kpi.revenue.distribution"
    assert "give the KPI a max" in (err.hint or "")


def test_the_widest_allowed_lognormal_draws_stay_finite_without_warnings() -> None:
    dist = LogNormal(1_000_000.0, 2.9)
    with np.errstate(all="raise"):
        extremes = dist.ppf(np.array([2.0**-1074, 1e-12, 1 - 1e-12, 1 - 2.0**-53]))
    assert np.all(np.isfinite(extremes))
    assert extremes[2] <= limits.MAX_ABS_NUMBER
    assert np.isfinite(dist.mean())


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: LogNormal(1.0, 200.0), id="lognormal"),
        pytest.param(lambda: LogNormal(1e-300, 60.0), id="lognormal-tiny-median-huge-mean"),
        pytest.param(lambda: Normal(-1e15, 1.0), id="normal-low-tail"),
        pytest.param(lambda: Gamma(1.0, 1e14), id="gamma"),
        pytest.param(lambda: Poisson(1e15), id="poisson"),
    ],
)
def test_the_python_api_refuses_the_same_parameters(make: Callable[[], object]) -> None:
    with pytest.raises(ParameterError):
        make()


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        pytest.param("max = 1\ntypical = 50\n", "typical 50 is above max 1", id="above-max"),
        pytest.param("min = 100\ntypical = 5\n", "typical 5 is below min 100", id="below-min"),
    ],
)
def test_a_typical_value_outside_min_and_max_is_refused(bounds: str, message: str) -> None:
    err = _refused(_distribution('type = "poisson", mean = 8', bounds))
    assert message in err.message
    assert err.location.key == "kpi.revenue.typical"
    assert err.location.line is not None
    assert err.location.source_line is not None
    assert err.location.source_line.startswith("typical = ")


_NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(-1e16, 1e16),
    st.floats(1e-320, 1e-5),
    st.integers(-(10**16), 10**16),
    st.sampled_from([0, 1, 1e15, -1e15, 1e-300, 5e-324, 0.5, 2.9, 3, 1000]),
)
_SPECS = st.one_of(
    *(
        st.fixed_dictionaries({"type": st.just(kind), **dict.fromkeys(keys, _NUMBERS)})
        for kind, keys in [
            ("lognormal", ("median", "sigma")),
            ("lognormal", ("mean", "cv")),
            ("normal", ("mean", "sd")),
            ("gamma", ("shape", "scale")),
            ("gamma", ("mean", "sd")),
            ("poisson", ("mean",)),
            ("binomial", ("n", "p")),
            ("uniform", ("low", "high")),
            ("triangular", ("low", "mode", "high")),
            ("beta", ("a", "b")),
        ]
    ),
    st.fixed_dictionaries(
        {"type": st.just("empirical"), "values": st.lists(_NUMBERS, min_size=1, max_size=5)}
    ),
)


@given(_SPECS, st.none() | _NUMBERS, st.none() | _NUMBERS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_accepted_distributions_draw_finite_values_in_range(
    spec: dict[str, object], lower: float | None, upper: float | None
) -> None:
    try:
        dist = parse_distribution(
            spec, key="k", locate=lambda _: Location(), lower=lower, upper=upper
        )
    except motivsim.SchemeError:
        return
    # the extreme uniforms the samplers use, and the 1e-12 tails the rule is about
    u = np.array([np.finfo(np.float64).tiny, 1e-12, 0.5, 1 - 1e-12, 1 - 2.0**-53])
    with np.errstate(all="raise"):
        draws = dist.ppf(u)
    assert np.all(np.isfinite(draws))
    assert np.all(np.abs(draws[1:4]) <= limits.MAX_ABS_NUMBER * (1 + 1e-9))
    assert np.isfinite(dist.mean())


# ---- 7. a fuzzer: mutated example schemes raise motivsim's errors and nothing else -------------
_EXAMPLE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(_SCHEMES.glob("*.toml"))}
_TOML_PIECES = st.sampled_from(
    (
        *("[", "]", "{", "}", '"', "'", '"""', "'''", "=", ".", ",", "#", "\n", "\r\n", " = "),
        *("[[", "]]", "\\", "\\u0301", "true", "-inf", "nan", "1e308", "0", "-1", "1_000"),
        *("1979-05-27", "\u202e", "\u2028", "\u0085", "\x0c", "kpi", "formula", "pay", "min"),
        *("max", "typical", "distribution", "type", "sigma", "lognormal", "poisson", "values"),
        *("empirical", "team", "segment", "correlation", "count", "revenue", "(", ")", "*"),
        *("**", "if(", "step(", "c", "\u0441", "e\u0301", "売上げ"),
    )
)
_SNIPPETS = st.text(max_size=20) | st.lists(_TOML_PIECES, max_size=6).map("".join)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@st.composite
def _mutated_schemes(draw: st.DrawFn) -> str:
    text = _EXAMPLE_TEXTS[draw(st.sampled_from(sorted(_EXAMPLE_TEXTS)))]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat-line", "value", "key"]))
        at = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:at] + draw(_SNIPPETS) + text[at:]
        elif kind in ("delete", "replace"):
            end = draw(st.integers(at, min(len(text), at + 40)))
            text = text[:at] + (draw(_SNIPPETS) if kind == "replace" else "") + text[end:]
        elif kind == "repeat-line":
            lines = text.split("\n")
            line = lines[draw(st.integers(0, len(lines) - 1))]
            lines.insert(draw(st.integers(0, len(lines))), line)
            text = "\n".join(lines)
        else:  # a random key or value on a `key = value` line
            lines = text.split("\n")
            pairs = [i for i, line in enumerate(lines) if " = " in line and line[:1] != "#"]
            i = draw(st.sampled_from(pairs))
            key, _, value = lines[i].partition(" = ")
            if kind == "value":
                value = draw(
                    _SNIPPETS.map(_quoted)
                    | st.integers(-(10**20), 10**20).map(str)
                    | st.floats().map(repr)
                    | _SNIPPETS
                )
            else:
                key = draw(
                    _SNIPPETS.map(_quoted) | st.from_regex(r"[A-Za-z_][\w-]{0,8}", fullmatch=True)
                )
            lines[i] = f"{key} = {value}"
            text = "\n".join(lines)
    return text


@given(_mutated_schemes())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_schemes_raise_only_motivsim_errors(text: str) -> None:
    try:
        motivsim.loads(text, path="fuzz.toml")
    except motivsim.MotivsimError as err:
        str(err)  # the message itself must not fail either


@given(st.binary(max_size=200), st.sampled_from(sorted(_EXAMPLE_TEXTS)), st.integers(0, 10**6))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_bytes_in_a_scheme_file_raise_only_motivsim_errors(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, name: str, where: int
) -> None:
    original = _EXAMPLE_TEXTS[name].encode("utf-8")
    at = where % (len(original) + 1)
    path = tmp_path_factory.mktemp("fuzz") / "scheme.toml"
    path.write_bytes(original[:at] + raw + original[at:])
    try:
        motivsim.load(path)
    except motivsim.MotivsimError as err:
        str(err)


# -- Python API, CLI sizes, output files, compare/simulate/report edge cases --
#
# Bad KPI values given to Scheme.pay / exact / explain / evaluate, load and loads arguments,
# results too large for a float or for a pay statement, size arguments (Python and command
# line), output files (links to an input, folders, devices, atomic writes), and compare /
# simulate / report edge cases. Each bad input gets motivsim's own error (exit 2 on the command
# line, no traceback) in under 2 seconds.

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402
from fractions import Fraction  # noqa: E402

from motivsim.cli.app import main as _cli_main  # noqa: E402
from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError  # noqa: E402
from motivsim.reporting.output import write_output  # noqa: E402

_API_FAST = 2.0

_API_SCHEME = """\
[scheme]
name = "api"
currency = "USD"
period = "month"

[kpi.revenue]
controllable = true
min = 0
max = 1_000_000_000
distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }

[kpi.cars]
controllable = true
min = 0
distribution = { type = "poisson", mean = 8 }

[params]
rate = 0.05

[formula]
bonus = "if(cars >= 10, 500, 0)"
pay = "rate * revenue + bonus"

[principles]
plan_met = "revenue >= 1_000_000"
"""


@pytest.fixture(scope="module")
def api_scheme() -> motivsim.Scheme:
    return motivsim.loads(_API_SCHEME, path="api.toml")


def _api_write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _api_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    start = time.perf_counter()
    code = _cli_main([str(a) for a in args])
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    return code, out, err + f"\n(took {elapsed:.2f}s)"


def _api_refused_fast(call: Callable[[], object], kind: type[Exception], *parts: str) -> str:
    start = time.perf_counter()
    with pytest.raises(kind) as info:
        call()
    assert time.perf_counter() - start < _API_FAST
    text = str(info.value)
    for part in parts:
        assert part in text, text
    return text


# ---- the KPI values mapping and load / loads arguments -----------------------------------------
@pytest.mark.parametrize(
    "values",
    [None, [], "revenue=1", 5],
    ids=["none", "list", "text", "int"],
)
@pytest.mark.parametrize("method", ["pay", "exact", "explain", "evaluate"])
def test_kpi_values_that_are_not_a_mapping_are_a_type_error(
    api_scheme: motivsim.Scheme, method: str, values: object
) -> None:
    _api_refused_fast(
        lambda: getattr(api_scheme, method)(values),
        ArgumentTypeError,
        "KPI values must be a mapping of KPI names to values",
    )


@pytest.mark.parametrize(
    ("call", "part"),
    [
        (lambda: motivsim.load(None), "load needs the path of a scheme file"),
        (lambda: motivsim.load(5), "load needs the path of a scheme file"),
        (lambda: motivsim.load(b"schemes/x.toml"), "load needs the path of a scheme file"),
        (lambda: motivsim.loads(None), "loads needs the scheme's TOML text"),
        (lambda: motivsim.loads(5), "loads needs the scheme's TOML text"),
        (lambda: motivsim.loads(_API_SCHEME, path=5), "path must be text or None"),
    ],
    ids=["load-none", "load-int", "load-bytes", "loads-none", "loads-int", "loads-path-int"],
)
def test_load_and_loads_refuse_wrong_argument_types(call: Callable[[], object], part: str) -> None:
    _api_refused_fast(call, ArgumentTypeError, part)


# ---- one KPI value: wrong types ----------------------------------------------------------------
_WRONG_TYPES = {
    "none": None,
    "text": "12",
    "bool": True,
    "numpy-bool": np.bool_(True),
    "complex": 1 + 2j,
    "numpy-complex": np.complex128(1 + 2j),
    "complex-array": np.array([1 + 2j, 3]),
    "text-array": np.array(["1", "2"]),
    "bytes-array": np.array([b"1"]),
    "date-objects": np.array([datetime.date(2024, 1, 1)]),
    "datetime64-array": np.array(["2024-01-01"], dtype="datetime64[D]"),
    "timedelta64-array": np.array([1], dtype="timedelta64[D]"),
    "bool-array": np.array([True, False]),
    "none-in-list": [1.0, None],
    "text-in-list": [1.0, "2"],
    "ragged-list": [[1.0], [2.0, 3.0]],
}


@pytest.mark.parametrize("value", list(_WRONG_TYPES.values()), ids=list(_WRONG_TYPES))
def test_a_kpi_value_of_a_wrong_type_is_a_type_error_naming_the_kpi(
    api_scheme: motivsim.Scheme, value: object
) -> None:
    text = _api_refused_fast(
        lambda: api_scheme.pay({"revenue": value, "cars": 3}),
        ArgumentTypeError,
        "KPI 'revenue' must be",
    )
    assert "number" in text


@pytest.mark.parametrize("method", ["exact", "explain"])
@pytest.mark.parametrize("value", [None, "12", True, 1 + 2j, np.complex128(1 + 2j)], ids=str)
def test_exact_and_explain_refuse_wrong_types_too(
    api_scheme: motivsim.Scheme, method: str, value: object
) -> None:
    _api_refused_fast(
        lambda: getattr(api_scheme, method)({"revenue": value, "cars": 3}),
        ArgumentTypeError,
        "KPI 'revenue' must be a number",
    )


def test_none_is_never_read_as_nan(api_scheme: motivsim.Scheme) -> None:
    text = _api_refused_fast(
        lambda: api_scheme.pay({"revenue": None, "cars": 3}), ArgumentTypeError, "None"
    )
    assert "never treats None as NaN" in text


# ---- one KPI value: wrong values ---------------------------------------------------------------
_WRONG_VALUES: dict[str, tuple[object, str]] = {
    "inf-in-array": (np.array([np.inf, 1.0]), "values are NaN or infinite (first: inf at [0])"),
    "nan-in-array": (np.array([1.0, np.nan]), "values are NaN or infinite (first: nan at [1])"),
    "nan-in-2d-array": (np.array([[1.0], [np.nan]]), "(first: nan at [1, 0])"),
    "inf-scalar": (float("inf"), "KPI 'revenue' must be finite"),
    "nan-scalar": (np.float64("nan"), "KPI 'revenue' must be finite"),
    "inf-decimal": (Decimal("Infinity"), "KPI 'revenue' must be finite"),
    "huge-int": (10**400, "too large to compute with (about 1e400)"),
    "huge-int-in-list": ([1, 10**400], "at [1] is too large to compute with"),
    "below-min": (-5, "KPI 'revenue' must be from 0 to 1,000,000,000 (its declared min), got -5"),
    "below-min-array": (np.array([1.0, -5.0]), "1 of 2 values are below it (first: -5 at [1])"),
    "above-max": (2_000_000_000, "(its declared max), got 2,000,000,000"),
    "above-max-array": (np.array([2e9]), "(its declared max): 1 of 1 values are above it"),
    "masked": (np.ma.masked_array([1.0, 2.0], mask=[True, False]), "1 of 2 values are masked"),
    "inexact-fraction-in-array": (
        np.array([Fraction(1, 3)], dtype=object),
        "1/3 has no exact float64 value",
    ),
    "inexact-decimal-in-array": (
        [Decimal("0.12345678901234567890123")],
        "has no exact float64 value",
    ),
}


@pytest.mark.parametrize(("value", "part"), list(_WRONG_VALUES.values()), ids=list(_WRONG_VALUES))
def test_a_kpi_value_out_of_range_is_a_value_error_naming_the_kpi(
    api_scheme: motivsim.Scheme, value: object, part: str
) -> None:
    with pytest.raises(ArgumentError) as info:
        api_scheme.pay({"revenue": value, "cars": 3})
    assert not isinstance(info.value, TypeError)
    assert "KPI 'revenue'" in str(info.value)
    assert part in str(info.value)


@pytest.mark.parametrize("method", ["exact", "explain", "pay"])
def test_scalar_paths_refuse_values_outside_the_declared_range(
    api_scheme: motivsim.Scheme, method: str
) -> None:
    _api_refused_fast(
        lambda: getattr(api_scheme, method)({"revenue": 1_000, "cars": -1}),
        ArgumentError,
        "KPI 'cars' must be >= 0 (its declared min), got -1",
    )


def test_arrays_of_different_lengths_are_refused_naming_both(api_scheme: motivsim.Scheme) -> None:
    _api_refused_fast(
        lambda: api_scheme.pay({"revenue": np.ones(2), "cars": np.ones(3)}),
        ArgumentError,
        "KPI arrays must have the same length",
        "revenue has shape (2,)",
        "cars has shape (3,)",
    )


def test_masked_array_without_masked_values_is_used(api_scheme: motivsim.Scheme) -> None:
    values = np.ma.masked_array([1_000_000.0, 2_000_000.0], mask=[False, False])
    np.testing.assert_array_equal(
        api_scheme.pay({"revenue": values, "cars": 3}), [50_000.0, 100_000.0]
    )


# ---- Decimal and Fraction, exactly -------------------------------------------------------------
@pytest.mark.parametrize(
    "revenue",
    [Decimal("1234567.89"), Fraction(123456789, 100), "1234567.89"],
    ids=["decimal", "fraction", "float"],
)
def test_decimal_and_fraction_are_exact_in_pay_exact_and_explain(
    api_scheme: motivsim.Scheme, revenue: object
) -> None:
    value = float(revenue) if isinstance(revenue, str) else revenue  # type: ignore[arg-type]
    values = {"revenue": value, "cars": 3}
    assert api_scheme.exact(values)["pay"] == Fraction("61728.3945")
    assert api_scheme.pay(values) == 61728.3945
    assert isinstance(api_scheme.pay(values), float)
    statement = api_scheme.explain(values)
    assert statement.exact_total == Fraction("61728.3945")
    assert statement.total == Decimal("61728.39")


def test_arrays_of_decimals_and_fractions_convert_exactly(api_scheme: motivsim.Scheme) -> None:
    decimals = np.array([Decimal("0.1"), Decimal("1000000.5")], dtype=object)
    fractions = [Fraction(1, 4), Fraction(3, 2)]
    np.testing.assert_array_equal(
        api_scheme.pay({"revenue": decimals, "cars": 3}),
        api_scheme.pay({"revenue": np.array([0.1, 1000000.5]), "cars": 3}),
    )
    np.testing.assert_array_equal(
        api_scheme.pay({"revenue": fractions, "cars": 3}),
        api_scheme.pay({"revenue": np.array([0.25, 1.5]), "cars": 3}),
    )


def test_a_mixed_call_with_an_inexact_fraction_scalar_says_to_pass_scalars(
    api_scheme: motivsim.Scheme,
) -> None:
    text = _api_refused_fast(
        lambda: api_scheme.pay({"revenue": np.ones(2), "cars": Fraction(1, 3)}),
        ArgumentError,
        "KPI 'cars'",
        "no exact float64 value",
    )
    assert "one at a time" in text


# ---- results too large: pay statements, floats, non-finite rows -------------------------------
_API_SQUARE = """\
[scheme]
name = "square"
[kpi.revenue]
controllable = true
[kpi.cars]
controllable = true
[formula]
unused = "cars * 2"
pay = "revenue * revenue"
"""


def test_a_pay_statement_of_any_size_is_exact_to_the_cent() -> None:
    scheme = motivsim.loads(_API_SQUARE)
    for revenue in (10**13, 10**14 + 1, 10**100):
        statement = scheme.explain({"revenue": revenue})
        assert statement.total == Decimal(revenue * revenue)
        assert str(statement)  # formatting never runs out of decimal precision
    third = str(scheme.explain({"revenue": Fraction(10**20) + Fraction(1, 3)}))
    assert "revenue   ≈100,000,000,000,000,000,000.333333" in third
    assert "Total pay: 10,000,000,000,000,000,000,066,666,666,666,666,666,666.78" in third


def test_a_scalar_pay_past_the_float_range_is_an_evaluation_error() -> None:
    scheme = motivsim.loads(_API_SQUARE)
    _api_refused_fast(
        lambda: scheme.pay({"revenue": 1e200}),
        EvaluationError,
        "pay is about 1e400, too large for a float",
        "Scheme.exact(values)['pay'] gives it exactly",
    )
    assert scheme.exact({"revenue": 1e200})["pay"] == Fraction(10**400)


def test_non_finite_rows_with_an_unused_step_name_the_step_that_is_not_finite() -> None:
    scheme = motivsim.loads(_API_SQUARE)  # 'unused' needs cars, which is not given
    _api_refused_fast(
        lambda: scheme.pay({"revenue": np.array([1e200, 1.0])}),
        EvaluationError,
        "step 'pay' (revenue * revenue) is not a finite number for 1 of 2 input rows",
    )


# ---- sizes in the Python API -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "part"),
    [
        (
            lambda s: motivsim.simulate(s, runs=10**12, periods=12),
            "manager-periods to compute",
        ),
        (lambda s: motivsim.simulate(s, runs=10**9, periods=12), "the limit is 1,000,000,000"),
        (
            lambda s: motivsim.simulate(s, runs=2 * 10**8, keep_raw=True),
            "keep_raw would keep 200,000,000",
        ),
        (lambda s: motivsim.simulate(s, runs=10, allow_long_run=1), "allow_long_run must be"),
        (
            lambda s: motivsim.simulation.sample_kpis(s, n=10**12),
            "n must be a whole number from 1 to 100,000,000",
        ),
        (lambda s: motivsim.lint(s, samples=10**8), "samples must be an integer from 2 to 10,000"),
        (lambda s: motivsim.check(s, samples=10**12), "samples must be an integer from 1,000"),
        (lambda s: motivsim.compare(s, s, samples=10**12), "samples must be an integer from 100"),
    ],
    ids=[
        "simulate-runs",
        "simulate-work",
        "simulate-keep-raw",
        "simulate-flag-type",
        "sample-kpis",
        "lint-samples",
        "check-samples",
        "compare-samples",
    ],
)
def test_size_arguments_are_bounded(
    api_scheme: motivsim.Scheme, call: Callable[[motivsim.Scheme], object], part: str
) -> None:
    import motivsim.simulation  # noqa: F401 (sample_kpis is not a top-level name)

    _api_refused_fast(lambda: call(api_scheme), ArgumentError, part)


def test_a_long_run_is_allowed_when_asked() -> None:
    from motivsim.simulation.job import check_work

    check_work(7, 10**12, 12, allow_long_run=True)  # no error: the caller means it
    with pytest.raises(ArgumentError, match="pass allow_long_run=True"):
        check_work(7, 10**12, 12)


@pytest.mark.parametrize(
    ("call", "part"),
    [
        (lambda s: _api_plot().curve_data(s, points=10**8), "points must be an integer from 2"),
        (lambda s: _api_plot().curve_data(s, samples=10**12), "samples must be an integer from 0"),
        (lambda s: _api_plot().distribution_data(s, runs=10**12), "manager-periods to compute"),
        (lambda s: _api_html().collect(s, runs=10**12), "manager-periods to compute"),
    ],
    ids=["curve-points", "curve-samples", "distribution-runs", "report-runs"],
)
def test_plot_and_report_sizes_are_bounded(
    api_scheme: motivsim.Scheme, call: Callable[[motivsim.Scheme], object], part: str
) -> None:
    _api_refused_fast(lambda: call(api_scheme), ArgumentError, part)


def _api_plot() -> object:
    import motivsim.reporting.plot as plot

    return plot


def _api_html() -> object:
    import motivsim.reporting.html as html

    return html


# ---- sizes on the command line -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "part"),
    [
        (
            ["simulate", "team_dealership.toml", "--runs", "1000000000000", "--periods", "12"],
            "use fewer runs, or pass allow_long_run=True (on the command line: simulate "
            "--allow-long-run)",
        ),
        (
            ["plot", "dealership.toml", "--kind", "distribution", "--runs", "1000000000000"],
            "manager-periods to compute",
        ),
        (["report", "dealership.toml", "--runs", "1000000000000"], "manager-periods to compute"),
        (["lint", "dealership.toml", "--samples", "100000000"], "samples must be an integer"),
        (["plot", "dealership.toml", "--points", "100000000"], "from 2 to 100,000"),
        (["plot", "dealership.toml", "--dpi", "100000"], "--dpi must be from 10 to 600"),
        (["plot", "dealership.toml", "--dpi", "0"], "--dpi must be from 10 to 600, got 0"),
        (["plot", "dealership.toml", "--dpi", "-5"], "--dpi must be from 10 to 600, got -5"),
        (["plot", "dealership.toml", "--seed", "-1"], "--seed must be a whole number >= 0"),
        (["report", "dealership.toml", "--seed", "-1"], "--seed must be a whole number >= 0"),
        (["report", "dealership.toml", "--samples", "0"], "--samples must be from 1,000"),
        (["report", "dealership.toml", "--runs", "-1"], "--runs must be a positive whole number"),
        (["check", "dealership.toml", "--samples", "100000000"], "samples must be an integer"),
        (["compare", "dealership.toml", "dealership.toml", "--samples", "10**9"], "invalid int"),
    ],
    ids=[
        "simulate-runs",
        "plot-runs",
        "report-runs",
        "lint-samples",
        "plot-points",
        "plot-dpi-huge",
        "plot-dpi-zero",
        "plot-dpi-negative",
        "plot-seed",
        "report-seed",
        "report-samples",
        "report-runs-negative",
        "check-samples",
        "compare-samples-text",
    ],
)
def test_cli_size_arguments_exit_2_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], part: str
) -> None:
    args = [str(_SCHEMES / a) if a.endswith(".toml") else a for a in args]
    suffix = {"plot": "out.png", "report": "out.html"}.get(args[0])
    if suffix:
        args += ["--out", str(tmp_path / suffix)]
    start = time.perf_counter()
    code, _, err = _api_cli(capsys, *args)
    assert time.perf_counter() - start < _API_FAST
    assert code == 2
    assert part in err
    assert not list(tmp_path.iterdir())  # nothing written, not even half a page


def test_a_long_scheme_name_is_cut_in_pictures_and_fast(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    from motivsim.reporting.plot._mpl import plain, short

    text = (_SCHEMES / "flat_commission.toml").read_text(encoding="utf-8")
    long_name = "N" * 100_000
    scheme = _api_write(
        tmp_path, "long.toml", text.replace('name = "Flat 5% commission"', f'name = "{long_name}"')
    )
    start = time.perf_counter()
    code, out, _ = _api_cli(capsys, "plot", scheme, "--out", tmp_path / "long.png")
    assert code == 0, out
    assert time.perf_counter() - start < 10  # was 16-32 s: matplotlib laid out every character
    assert short(long_name) == "N" * 59 + "…"
    assert max(len(line) for line in plain(long_name + "\nx").split("\n")) == 100


# ---- output files ------------------------------------------------------------------------------
@pytest.fixture
def api_folder(tmp_path: Path) -> Path:
    (tmp_path / "scheme.toml").write_text(
        (_SCHEMES / "flat_commission.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return tmp_path


def _api_links(folder: Path, kind: str, suffix: str) -> Path:
    out = folder / f"out{suffix}"
    if kind == "symlink":
        out.symlink_to(folder / "scheme.toml")
    elif kind == "relative-symlink":
        out.symlink_to("scheme.toml")
    else:
        os.link(folder / "scheme.toml", out)
    return out


@pytest.mark.parametrize("kind", ["symlink", "relative-symlink", "hard-link"])
@pytest.mark.parametrize(
    ("verb", "suffix"), [("plot", ".png"), ("report", ".html")], ids=["plot", "report"]
)
def test_output_through_a_link_to_the_scheme_is_refused_and_the_scheme_kept(
    api_folder: Path, capsys: pytest.CaptureFixture[str], verb: str, suffix: str, kind: str
) -> None:
    scheme = api_folder / "scheme.toml"
    before = scheme.read_bytes()
    out = _api_links(api_folder, kind, suffix)
    code, _, err = _api_cli(capsys, verb, scheme, "--out", out)
    assert code == 2
    assert "is the input file" in err
    assert "writing it would destroy the input" in err
    assert scheme.read_bytes() == before


@pytest.mark.parametrize(
    ("target", "part"),
    [
        ("folder.png", "is a folder; give the name of a file to write"),
        ("missing/out.png", "folder"),
        ("device.png", "is not a regular file"),
        ("scheme.toml", "cannot tell the picture format"),
    ],
    ids=["folder", "missing-folder", "device", "the-scheme-itself"],
)
def test_unusable_plot_outputs_exit_2(
    api_folder: Path, capsys: pytest.CaptureFixture[str], target: str, part: str
) -> None:
    (api_folder / "folder.png").mkdir()
    if os.path.exists(os.devnull):
        (api_folder / "device.png").symlink_to(os.devnull)
    code, _, err = _api_cli(
        capsys, "plot", api_folder / "scheme.toml", "--out", api_folder / target
    )
    assert code == 2
    assert part in err


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_unwritable_output_folder_exits_2_not_3(
    api_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _api_cli(capsys, "plot", api_folder / "scheme.toml", "--out", "/proc/m.png")
    assert code == 2
    assert "cannot write in folder '/proc'" in err or "no permission to write" in err


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_bytes(b"old page")

    def fail(handle: object) -> None:
        handle.write(b"half a new pa")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    with pytest.raises(ArgumentError, match="cannot write it: No space left on device"):
        write_output(out, fail)
    assert out.read_bytes() == b"old page"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_replaced_output_keeps_its_permissions_and_a_link_target_is_written(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.html"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_output(link, lambda handle: handle.write(b"new"))
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640


def test_write_report_never_writes_over_its_scheme(api_folder: Path) -> None:
    pytest.importorskip("matplotlib")
    from motivsim.reporting.html import write_report

    out = _api_links(api_folder, "symlink", ".html")
    with pytest.raises(ArgumentError, match="is the input file"):
        write_report(out, out)


# ---- compare -----------------------------------------------------------------------------------
def _api_constant(folder: Path, name: str, pay: str, currency: str = "USD") -> Path:
    return _api_write(
        folder,
        f"{name}.toml",
        f'[scheme]\nname = "{name}"\ncurrency = "{currency}"\nperiod = "month"\n'
        "[kpi.revenue]\ncontrollable = true\nmin = 0\n"
        'distribution = { type = "lognormal", median = 1_000_000, sigma = 0.3 }\n'
        f'[formula]\npay = "{pay}"\n',
    )


def test_compare_two_constant_pays(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _api_constant(tmp_path, "a", "1000"), _api_constant(tmp_path, "b", "900")
    code, out, _ = _api_cli(capsys, "compare", old, new, "--samples", "1000", "--max-cut", "0%")
    assert code == 1
    assert "Largest pay cut found: for any KPI values, the new plan pays 100.00 USD less" in out
    assert "Gate --max-cut 0%: FAIL (largest cut 10.0%, allowed 0.0%)" in out


@pytest.mark.parametrize(
    ("max_cut", "line"),
    [
        ("0%", "Gate --max-cut 0%: FAIL (largest cut 10.5%, allowed 0.0%)"),
        ("5%", "Gate --max-cut 5%: FAIL (largest cut 10.5%, allowed 5.0%)"),
        ("0.105", "Gate --max-cut 10.5%: PASS (largest cut 10.5%, allowed 10.5%)"),
        ("20%", "Gate --max-cut 20%: PASS (largest cut 10.5%, allowed 20.0%)"),
    ],
    ids=["zero", "five", "equal", "twenty"],
)
def test_compare_gate_line_shows_percentages_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], max_cut: str, line: str
) -> None:
    old = _api_constant(tmp_path, "old", "0.05 * revenue")
    new = _api_constant(tmp_path, "new", "0.04475 * revenue")
    code, out, _ = _api_cli(capsys, "compare", old, new, "--samples", "1000", "--max-cut", max_cut)
    assert line in out
    assert "%%" not in out
    assert code == (1 if "FAIL" in line else 0)


def test_compare_refuses_different_currencies_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _api_constant(tmp_path, "usd", "1000")
    new = _api_write(
        tmp_path,
        "rub.toml",
        _api_constant(tmp_path, "rub", "90000", currency="RUB")
        .read_text(encoding="utf-8")
        .replace('period = "month"', 'period = "year"'),
    )
    code, _, err = _api_cli(capsys, "compare", old, new, "--samples", "1000")
    assert code == 2
    assert "OLD pays in USD per month and NEW in RUB per year" in err
    assert "--allow-different-units" in err
    code, out, _ = _api_cli(
        capsys, "compare", old, new, "--samples", "1000", "--allow-different-units"
    )
    assert code == 0
    assert (
        "Expected pay per manager (OLD in USD per month, NEW in RUB per year; not converted)" in out
    )
    assert "OLD pays per month and NEW per year" in out
    assert "RUB less" not in out  # amounts are not labelled with one scheme's currency
    assert "USD less" not in out


def test_compare_refuses_draws_outside_the_new_schemes_declared_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _api_constant(tmp_path, "open", "0.05 * revenue")
    new = _api_write(
        tmp_path,
        "bounded.toml",
        old.read_text(encoding="utf-8").replace("min = 0\n", "min = 0\nmax = 1_200_000\n"),
    )
    code, _, err = _api_cli(capsys, "compare", old, new, "--samples", "1000", "--seed", "1")
    assert code == 2
    assert (
        "scheme 'open' cannot be computed for the KPI values drawn: KPI 'revenue' must be from "
        "0 to 1,200,000 (its declared max)" in err
    )
    assert "give both schemes the same [kpi] min and max" in err


def test_compare_notes_different_periods(tmp_path: Path) -> None:
    old = _api_constant(tmp_path, "monthly", "1000")
    new = _api_write(
        tmp_path,
        "yearly.toml",
        old.read_text(encoding="utf-8").replace('period = "month"', 'period = "year"'),
    )
    result = motivsim.compare(old, new, samples=200, seed=1, principles=False)
    assert result.units == "OLD in USD per month, NEW in USD per year; not converted"
    assert any("OLD pays per month and NEW per year" in note for note in result.notes)
    assert result.to_dict()["units"] == result.units


# ---- simulate, explain values, JSON ------------------------------------------------------------
def test_simulate_with_no_finite_pay_exits_2_naming_the_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scheme = _api_write(
        tmp_path,
        "zero.toml",
        '[scheme]\nname = "zero"\n[kpi.revenue]\ncontrollable = true\n'
        'distribution = { type = "constant", value = 0 }\n'
        '[formula]\nratio = "1 / revenue"\npay = "ratio"\n',
    )
    code, _, err = _api_cli(capsys, "simulate", scheme, "--runs", "100", "--seed", "1")
    assert code == 2
    assert "pay was not a finite number in any of the 100 simulated manager-periods" in err
    assert "step 'ratio' (1 / revenue) is not a finite number" in err


@pytest.mark.parametrize("value", ["+-5000000", "--5000000", "-+5000000", "++5", "+-0"], ids=str)
def test_a_kpi_value_with_two_signs_is_refused(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = _api_cli(
        capsys, "explain", _SCHEMES / "flat_commission.toml", f"revenue={value}"
    )
    assert code == 2
    assert "is not a number (one sign at most" in err


def test_a_negative_kpi_value_below_its_min_is_refused_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = _api_cli(capsys, "explain", _SCHEMES / "flat_commission.toml", "revenue=-5")
    assert code == 2
    assert "KPI 'revenue' must be >= 0 (its declared min), got -5" in err


def test_simulate_json_never_prints_negative_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scheme = _api_write(
        tmp_path,
        "tiny.toml",
        '[scheme]\nname = "tiny"\n[kpi.revenue]\ncontrollable = true\n'
        'distribution = { type = "uniform", low = 0, high = 1 }\n'
        '[formula]\npay = "-0.001 * revenue"\n',
    )
    code, out, _ = _api_cli(capsys, "simulate", scheme, "--runs", "200", "--seed", "1", "--json")
    assert code == 0
    assert "-0.0" not in out
    assert '"mean": 0.0' in out


# -- formulas: folding, specials, tier lists, divisors, step-graph size -------------------------
#
# Arithmetic on constants that sympy folds into a special value (zoo, nan, I) or beyond the
# number limits, tier tables that describe nothing, and constant powers without a real value
# are refused when the formula is built: a FormulaError at the place, in well under 2 seconds.
# A division that sympy's simplification cancels (S / S) is still a division: at S = 0 the
# exact path raises EvaluationError and the vectorised path gives NaN. A chain of steps that
# each use the previous one twice costs time in proportion to the file, not to the size of
# the formula written out in full.

_FX_FAST = 2.0
_FX_HEAD = """\
[scheme]
name = "formulas"

[kpi.S]
controllable = true
min = 0
distribution = { type = "lognormal", median = 100, sigma = 0.3 }

[kpi.T]
controllable = true
min = 0
distribution = { type = "lognormal", median = 10, sigma = 0.3 }

[params]
zero = 0
two = 2

[formula]
"""
#: Line of the first ``[formula]`` entry in :func:`_fx_text`; its formula starts at column 8
#: for ``pay = "...``.
_FX_LINE = _FX_HEAD.count("\n") + 1


def _fx_text(pay: str, steps: dict[str, str] | None = None, tail: str = "") -> str:
    lines = [f'{name} = "{formula}"' for name, formula in (steps or {}).items()]
    return _FX_HEAD + "\n".join([*lines, f'pay = "{pay}"']) + "\n" + tail


def _fx_scheme(pay: str, steps: dict[str, str] | None = None) -> motivsim.Scheme:
    return motivsim.loads(_fx_text(pay, steps), path="formulas.toml")


def _fx_refused(pay: str) -> motivsim.FormulaError:
    motivsim.loads(_fx_text("S"))  # warm up: imports are not what is timed
    start = time.perf_counter()
    with pytest.raises(motivsim.FormulaError) as info:
        motivsim.loads(_fx_text(pay), path="formulas.toml")
    assert time.perf_counter() - start < _FX_FAST
    error = info.value
    assert error.location.path == "formulas.toml"
    assert error.location.line == _FX_LINE
    assert error.hint
    return error


_FX_SPECIALS = [
    # formula, message, column (the formula starts at column 8)
    ("0 ** -1", "0 ** -1 divides by zero: the base of a negative power works out to 0", 8),
    ("S + (S - S) ** -1", "0 ** -1 divides by zero", 13),
    ("(-1) ** 0.5", "a negative number to a fractional power is not a real number", 9),
    ("(0 - 0) ** -0.5", "0 ** -0.5 divides by zero", 9),
    ("S / (S - S)", "division by zero: the divisor works out to 0", 13),
    ("S * (2 ** 0.5 - 2) ** 0.5", "a negative number to a fractional power", 13),
    ("step(S, [1 / zero], [1, 2])", "not a real number with the parameters' values", 17),
    ("min(0, round((0.5) ** -0.5, 0))", "motivsim cannot work with this part", 8),
]


@pytest.mark.parametrize(("formula", "message", "column"), _FX_SPECIALS)
def test_constants_without_a_real_value_are_refused_where_they_are(
    formula: str, message: str, column: int
) -> None:
    error = _fx_refused(formula)
    assert message in error.message
    assert error.location.column == column
    for special in ("zoo", "nan", "ComplexInfinity", "ImaginaryUnit", " I "):
        assert special not in str(error)


@pytest.mark.parametrize("formula", [item[0] for item in _FX_SPECIALS])
def test_constants_without_a_real_value_exit_2_on_the_command_line(
    tmp_path: Path, formula: str
) -> None:
    from motivsim.cli.app import main

    path = tmp_path / "special.toml"
    path.write_text(_fx_text(formula), encoding="utf-8")
    assert main(["lint", str(path)]) == 2


def test_no_sympy_special_reaches_the_evaluators() -> None:
    import sympy

    scheme = _fx_scheme("S / a", {"a": "S - S"})
    pay = scheme.step("pay")
    for bad in (sympy.zoo * pay.expr, pay.expr + sympy.I, sympy.nan, sympy.oo):
        with pytest.raises(motivsim.ArgumentError, match="not a real-valued formula"):
            motivsim.Step("pay", pay.text, bad, False, pay.depends, pay.tree)
    # substituted, a = 0 makes S / a a division by zero: refused, never returned as zoo
    with pytest.raises(motivsim.EvaluationError, match="divides by zero"):
        scheme.full_expression("pay")
    with pytest.raises(motivsim.EvaluationError, match="division by zero"):
        scheme.pay({"S": 3})
    sympy_max = _fx_scheme("max(1 / a, 2) + S", {"a": "S - S"})  # sympy: max(zoo, 2) raises
    with pytest.raises(motivsim.EvaluationError):
        sympy_max.full_expression("pay")


_FX_FOLDING = [
    ("S + " + " * ".join(["0.001 ** 10"] * 4), "works out to 1e-120", 12),
    ("S + " + " * ".join(["0.001 ** 10"] * 40), "works out to 1e-1200", 12),
    ("S * " + " * ".join(["0.000000000000001"] * 6), "works out to 1e-90", 8),
    ("S / " + " / ".join(["1_000_000_000_000_000"] * 24), "works out to 1e-360", 8),
    ("S + " + " * ".join(["1_000_000_000_000_000 ** 2"] * 20), "works out to 1e+600", 12),
    ("step(S, [" + " * ".join(["1e15 ** 2"] * 21) + ", 1], [0, 1, 2])", "to 1e+630", 17),
    ("clip(S, 0, " + " * ".join(["1e15 ** 2"] * 21) + ")", "works out to 1e+630", 19),
    ("((S ** 10) ** 10) ** 10", "raises to the power 1000 once powers are combined", 10),
    (" * ".join(["S ** 10"] * 11), "raises to the power 110", 8),
]


@pytest.mark.parametrize(("formula", "message", "column"), _FX_FOLDING)
def test_folded_constants_beyond_the_limits_are_refused_not_overflowed(
    formula: str, message: str, column: int
) -> None:
    error = _fx_refused(formula)
    assert message in error.message
    assert error.location.column == column


def test_constants_folded_back_into_range_are_kept() -> None:
    scheme = _fx_scheme("S * 0.001 ** 10 * 1000 ** 10 + (S ** 10) ** 10 * 0")
    assert scheme.pay({"S": 3}) == 3.0


_FX_TIERS = [
    ("marginal(S, [], [0.1])", "marginal() needs at least one breakpoint", "the rate 0.1", 20),
    ("step(S, [], [1])", "step() needs at least one breakpoint", "the value 1", 16),
    ("step(S, [], [])", "step() needs at least one breakpoint", "write step(", 16),
    ("interp(S, [], [])", "interp() needs at least two points", "write interp(", 18),
    ("interp(S, [1], [5])", "interp() needs at least two points", "write interp(", 18),
    ("marginal(S, [1], [])", "1 breakpoints need 2 values, got 0", "write marginal(", 25),
    ("interp(S, [0, 1], [1])", "needs the same number of values as points", "write", 26),
    ("step(S, [2, 1], [0, 1, 2])", "breakpoints must increase: 1 comes after 2", "half-open", 20),
    ("marginal(S, [1, 1], [0, 1, 2])", "breakpoints must increase", "once", 24),
    ("step(S, [S], [1, 2])", "must be numbers or parameters, not KPIs", "fixed", 17),
]


@pytest.mark.parametrize(("formula", "message", "hint", "column"), _FX_TIERS)
def test_tier_tables_that_do_not_fit_are_refused(
    formula: str, message: str, hint: str, column: int
) -> None:
    error = _fx_refused(formula)
    assert message in error.message
    assert error.hint is not None
    assert hint in error.hint
    assert error.location.column == column


def test_a_one_breakpoint_marginal_agrees_on_both_paths() -> None:
    scheme = _fx_scheme("marginal(S, [10], [0.1, 0.2])")
    xs = [0.0, 5.0, 10.0, 20.0]
    vector = scheme.pay({"S": np.array(xs)})
    assert vector.tolist() == [scheme.pay({"S": x}) for x in xs] == [0.0, 0.5, 1.0, 3.0]


# ---- divisions as written ----------------------------------------------------------------------
def test_a_division_sympy_cancels_is_still_a_division_by_zero() -> None:
    scheme = _fx_scheme("S / S * 100")
    assert scheme.step("pay").expr == 100  # sympy's algebra is kept...
    assert [str(d) for d in scheme.step("pay").divisors] == ["S"]  # ...and the division too
    with pytest.raises(motivsim.EvaluationError, match="division by zero") as info:
        scheme.pay({"S": 0})
    assert "step 'pay' (S / S * 100)" in str(info.value)
    assert info.value.hint is not None
    assert "guard it" in info.value.hint
    assert scheme.pay({"S": 2}) == 100.0
    values = scheme.evaluate({"S": np.array([0.0, 2.0])}, check=False)["pay"]
    assert np.isnan(values[0])
    assert values[1] == 100.0
    with pytest.raises(motivsim.EvaluationError, match=r"step 'pay' .* 1 of 2 input rows"):
        scheme.pay({"S": np.array([0.0, 2.0])})


@pytest.mark.parametrize(
    ("formula", "zero", "other", "expected"),
    [
        ("S ** -1 * S * 7", 0.0, 2.0, 7.0),
        ("T * S / S", 0.0, 2.0, 1.0),
        ("100 / (2 * S) * S", 0.0, 2.0, 50.0),
        ("min(S / S, 3)", 0.0, 2.0, 1.0),
        ("T * S ** -2 * S ** 2", 0.0, 2.0, 1.0),
        # 0.3 * 3 - 0.9 is 0 exactly but -1.1e-16 in float64: decided exactly
        ("(S * 3 - 0.9) / (S * 3 - 0.9) * 7", 0.3, 0.1, 7.0),
        ("S * two / two", 0.0, 2.0, 2.0),  # a non-zero parameter: nothing to flag
    ],
)
def test_cancelled_divisions_agree_on_both_paths(
    formula: str, zero: float, other: float, expected: float
) -> None:
    scheme = _fx_scheme(formula)
    if formula.startswith("S * two"):
        assert scheme.pay({"S": zero, "T": 1}) == 0.0
    else:
        with pytest.raises(motivsim.EvaluationError, match="division by zero"):
            scheme.pay({"S": zero, "T": 1})
    assert scheme.pay({"S": other, "T": 1}) == pytest.approx(expected)
    values = scheme.evaluate({"S": np.array([zero, other]), "T": np.ones(2)}, check=False)
    assert np.isnan(values["pay"][0]) != formula.startswith("S * two")
    assert values["pay"][1] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("formula", "at_zero"),
    [
        ("if(S > 0, S / S * 100, 7)", 7.0),  # the division is in the branch not taken
        ("if(S > 0, 7, S / S * 100)", None),  # ... and here in the branch taken
        ("if(S > 0 and S / S > 0, 1, 2)", 2.0),  # the other side settles 'and'
        ("if(S / S > 0 and S > 0, 1, 2)", 2.0),
        ("if(S == 0 or S / S > 0, 1, 2)", 1.0),  # ... and 'or'
        ("if(S > 0 or S / S > 0, 1, 2)", None),
        ("if(S > 0, T / S, 5)", 5.0),  # a guard, as written: checked by evaluation itself
        ("if(S > 0, 5, T / S)", None),
        ("T / if(S > 0, S, 1) + if(S > 0, 1, 2 / (S + 1))", 3.0),
    ],
)
def test_a_cancelled_division_counts_only_where_it_is_computed(
    formula: str, at_zero: float | None
) -> None:
    scheme = _fx_scheme(formula)
    values = scheme.evaluate({"S": np.array([0.0, 2.0]), "T": 1.0}, check=False)["pay"]
    if at_zero is None:
        with pytest.raises(motivsim.EvaluationError, match="division by zero"):
            scheme.pay({"S": 0, "T": 1})
        assert np.isnan(values[0])
    else:
        assert scheme.pay({"S": 0, "T": 1}) == at_zero == values[0]
    assert values[1] == scheme.pay({"S": 2, "T": 1})


def test_a_cancelled_division_in_an_earlier_step_names_that_step() -> None:
    scheme = _fx_scheme("a * 3 + T", {"a": "S / S"})
    with pytest.raises(motivsim.EvaluationError, match=r"step 'a' \(S / S\)"):
        scheme.pay({"S": 0, "T": 1})
    with pytest.raises(motivsim.EvaluationError, match=r"step 'a' \(S / S\) is not a finite"):
        scheme.pay({"S": np.array([0.0, 2.0]), "T": np.ones(2)})
    values = scheme.evaluate({"S": np.array([0.0, 2.0]), "T": np.ones(2)}, check=False)
    assert np.isnan(values["a"][0])
    assert np.isnan(values["pay"][0])
    assert values["a"][1] == 1.0
    assert values["pay"][1] == 4.0


def test_a_cancelled_division_exits_2_on_the_command_line(tmp_path: Path) -> None:
    from motivsim.cli.app import main

    path = tmp_path / "cancel.toml"
    path.write_text(_fx_text("S / S * 100"), encoding="utf-8")
    assert main(["explain", str(path), "S=0", "T=1"]) == 2
    assert main(["explain", str(path), "S=2", "T=1"]) == 0


# ---- step-graph size -----------------------------------------------------------------------------
def _fx_chain(steps: int, kind: str) -> str:
    """``steps`` steps, each using the one before twice: a file of a few hundred bytes whose
    pay, written out in full, has about ``2 ** steps`` parts."""
    make = {
        "sum": lambda i: f"a{i - 1} + a{i - 1}",
        "minmax": lambda i: f"max(a{i - 1}, {i}) + min(a{i - 1}, {3 * i})",
        "if": lambda i: f"if(a{i - 1} > {i}, a{i - 1} * 2, a{i - 1} - T)",
    }[kind]
    first = {"sum": "S + S", "minmax": "max(S, 1) + min(S, 2)", "if": "if(S > 1, S, T)"}[kind]
    steps_text = {"a0": first} | {f"a{i}": make(i) for i in range(1, steps)}
    tail = '\n[principles]\nplan_met = "S >= 100"\n'
    return _fx_text(f"a{steps - 1} / 1000", steps_text, tail)


@pytest.mark.parametrize("kind", ["sum", "minmax", "if"])
@pytest.mark.parametrize("steps", [12, 40])
def test_a_doubling_chain_is_measured_not_built(kind: str, steps: int) -> None:
    text = _fx_chain(steps, kind)
    assert len(text.encode()) < 3_000
    scheme = motivsim.loads(text)
    start = time.perf_counter()
    if kind == "sum":  # each step is built as 2 * a(i-1): small, whatever the chain's length
        assert len(str(scheme.full_expression("pay"))) < 40
        assert scheme.pay({"S": 1, "T": 1}) == 2**steps / 1000
    else:
        with pytest.raises(motivsim.EvaluationError, match="too large to work with"):
            scheme.full_expression("pay")
    assert scheme.pay({"S": 1, "T": 1}) == scheme.pay({"S": np.array([1.0]), "T": 1.0})[0]
    assert time.perf_counter() - start < _FX_FAST


@pytest.mark.parametrize("kind", ["minmax", "if"])
def test_check_plot_and_compare_of_a_doubling_chain_grow_with_the_file(kind: str) -> None:
    from motivsim.checks.targets import plan_level
    from motivsim.reporting.plot.curve import curve_data

    timings = []
    for steps in (12, 40):
        scheme = motivsim.loads(_fx_chain(steps, kind))
        start = time.perf_counter()
        report = motivsim.check(scheme, samples=2_000, seed=1)
        assert report.results
        data = curve_data(scheme, points=41, samples=0)
        assert any(m.kind == "plan" and m.x == pytest.approx(100) for m in data.markers)
        motivsim.compare(scheme, scheme, samples=2_000, seed=1, principles=False)
        timings.append(time.perf_counter() - start)
        plan = scheme.principles.plan_met
        assert plan is not None
        level = plan_level(scheme, plan)
        assert level is not None
        assert level.value == pytest.approx(100)
    # before, 12 steps took 7-28 s and 40 steps never finished; now both take about a second
    assert max(timings) < 30, timings


def test_a_plan_condition_too_large_to_solve_is_found_numerically() -> None:
    from motivsim.checks.targets import plan_level
    from motivsim.reporting.plot.curve import curve_data

    chain = {"a0": "max(S, 1) + min(S, 2)"} | {
        f"a{i}": f"max(a{i - 1}, {i}) + min(a{i - 1}, {3 * i})" for i in range(1, 12)
    }
    text = _fx_text("if(ok, 1000, 0) + a11", {**chain, "ok": "a11 >= 300"})
    scheme = motivsim.loads(text + '\n[principles]\nplan_met = "ok"\n')
    plan = scheme.principles.plan_met
    assert plan is not None
    with pytest.raises(motivsim.EvaluationError, match="too large"):
        scheme.expand(plan.expr)
    level = plan_level(scheme, plan)
    assert level is not None
    assert not level.exact
    assert level.value == pytest.approx(100)
    data = curve_data(scheme, points=41, samples=0)
    plans = [m for m in data.markers if m.kind == "plan"]
    assert len(plans) == 1
    assert plans[0].x == pytest.approx(100)


def test_small_schemes_keep_their_symbolic_features() -> None:
    from motivsim.checks.targets import plan_level

    scheme = motivsim.load(_SCHEMES / "dealership.toml")
    assert scheme.full_expression("pay").free_symbols
    plan = scheme.principles.plan_met
    assert plan is not None
    level = plan_level(scheme, plan)
    assert level is not None
    assert level.exact


def test_a_doubling_chain_on_the_command_line_finishes(tmp_path: Path) -> None:
    path = tmp_path / "chain.toml"
    path.write_text(_fx_chain(12, "minmax"), encoding="utf-8")
    for args in (
        ["check", path, "--samples", "2000", "--seed", "1"],
        ["compare", path, path, "--samples", "2000", "--seed", "1"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "motivsim", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=_ROOT,
            env={**os.environ, "PYTHONPATH": str(_ROOT)},
            check=False,
        )
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        assert "internal error" not in result.stderr


# ---- a fuzzer over formula text ------------------------------------------------------------------
_FX_NUMBERS = st.one_of(
    st.sampled_from(["0", "1", "0.5", "0.1", "0.3", "3", "10", "1e6", "1e15", "1e-15"]),
    st.sampled_from(["0.000000000000001", "999_999_999_999_999", "1_000_000_000_000_000"]),
    st.integers(0, 10**16).map(str),
    st.from_regex(r"\A[0-9]{1,20}\.[0-9]{1,31}\Z", fullmatch=True),
)
_FX_NAMES = st.sampled_from(["S", "T", "zero", "two", "a", "b", "S", "T"])
_FX_EXPONENTS = st.sampled_from(["-1", "-0.5", "0.5", "2", "10", "-10", "0", "3", "11", "1.5"])
_FX_TIER_ITEMS = st.one_of(_FX_NUMBERS, st.sampled_from(["two", "zero", "-1", "1 / zero"]))


def _fx_amounts(conditions: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    amounts: st.SearchStrategy[str] = st.deferred(
        lambda: st.one_of(
            _FX_NUMBERS,
            _FX_NAMES,
            st.tuples(amounts, st.sampled_from(["+", "-", "*", "/"]), amounts).map(
                lambda t: f"({t[0]} {t[1]} {t[2]})"
            ),
            st.tuples(amounts, _FX_EXPONENTS).map(lambda t: f"({t[0]}) ** {t[1]}"),
            amounts.map(lambda a: f"-{a}"),
            st.tuples(
                st.sampled_from(["min", "max"]), st.lists(amounts, min_size=1, max_size=3)
            ).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
            st.tuples(st.sampled_from(["abs", "floor", "ceil", "round"]), amounts).map(
                lambda t: f"{t[0]}({t[1]})"
            ),
            st.tuples(amounts, st.sampled_from(["0", "2", "-3", "10", "11"])).map(
                lambda t: f"round({t[0]}, {t[1]})"
            ),
            st.tuples(amounts, amounts, amounts).map(lambda t: f"clip({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(conditions, amounts, amounts).map(lambda t: f"if({t[0]}, {t[1]}, {t[2]})"),
            st.tuples(
                st.sampled_from(["step", "marginal", "interp"]),
                amounts,
                st.lists(_FX_TIER_ITEMS, max_size=4),
                st.lists(_FX_TIER_ITEMS, max_size=5),
            ).map(lambda t: f"{t[0]}({t[1]}, [{', '.join(t[2])}], [{', '.join(t[3])}])"),
            conditions.map(lambda c: f"({c})"),
        )
    )
    return amounts


_FX_CONDITIONS: st.SearchStrategy[str] = st.deferred(
    lambda: st.one_of(
        st.tuples(
            _FX_AMOUNTS, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), _FX_AMOUNTS
        ).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(_FX_CONDITIONS, st.sampled_from(["and", "or"]), _FX_CONDITIONS).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        _FX_CONDITIONS.map(lambda c: f"not {c}"),
    )
)
_FX_AMOUNTS = _fx_amounts(_FX_CONDITIONS)
#: Token soup: any sequence of the language's tokens (and some that are not).
_FX_SOUP = st.lists(
    st.one_of(
        _FX_NUMBERS,
        _FX_NAMES,
        st.sampled_from(["+", "-", "*", "/", "**", "(", ")", ",", "[", "]", "<", "==", "!="]),
        st.sampled_from(["and", "or", "not", "if(", "step(", "min(", "round(", "interp(", "%"]),
    ),
    max_size=20,
).map(" ".join)
_FX_FORMULAS = st.one_of(_FX_AMOUNTS, _FX_AMOUNTS, _FX_SOUP)
_FX_POINTS = st.lists(st.sampled_from([0, 1, 0.1, 0.3, 2, 3, 1e6, 1e15, 1e-9, -1]), min_size=1)


def _fx_only_motivsim_errors(call: Callable[[], object]) -> object:
    """``call()``; a MotivsimError is an answer, any other exception fails the test."""
    try:
        return call()
    except motivsim.MotivsimError as error:
        return error


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(pay=_FX_FORMULAS, a=_FX_AMOUNTS, points=_FX_POINTS.map(lambda p: p[:3]))
def test_fuzzed_formulas_raise_only_motivsim_errors(pay: str, a: str, points: list[float]) -> None:
    text = _fx_text(pay, {"a": a, "b": "a * a - a"})
    start = time.perf_counter()
    try:
        scheme = motivsim.loads(text)
    except motivsim.MotivsimError:
        return
    for value in points:
        _fx_only_motivsim_errors(lambda v=value: scheme.pay({"S": v, "T": points[0]}))
    _fx_only_motivsim_errors(lambda: scheme.full_expression("pay"))
    assert time.perf_counter() - start < 10 * _FX_FAST, (pay, a)


# -- decimal commas (a Russian or German habit): say so, with the fix --
import re as _re  # noqa: E402

import motivsim as _motivsim  # noqa: E402

_RU = (Path(__file__).resolve().parent.parent / "schemes" / "dealership_ru.toml").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "[0, 0.012, 0.02, 0.025]",
            "[0, 0,012, 0,02, 0,025]",
            "write decimals with a point (0.01, not 0,01)",
        ),
        (
            '"оклад" = 15_000',
            '"оклад" = 15000,5',
            "15000,5 looks like a number with a decimal comma",
        ),
        (
            "[0.7, 1.0, 1.3], [0, 0.012, 0.02, 0.025]",
            "[0,7, 1,0, 1,3], [0, 0,012, 0,02, 0,025]",  # as many values as it takes
            "write decimals with a point (0.01, not 0,01)",
        ),
        (
            '"план" = 10_000_000',
            '"план" = 10 000 000',
            "10 000 000 looks like a number with spaces between digit groups: TOML groups "
            "digits with underscores, 10_000_000",
        ),
        (
            '"оклад" = 15_000',
            '"оклад" = 15\u00a0000',
            "15\u00a0000 looks like a number with spaces between digit groups",
        ),
    ],
    ids=["tier-list", "parameter", "breakpoints-and-values", "digit-groups", "no-break-space"],
)
def test_decimal_commas_are_named(old: str, new: str, message: str) -> None:
    assert old in _RU
    with pytest.raises(_motivsim.SchemeError, match=_re.escape(message)):
        _motivsim.loads(_RU.replace(old, new), path="план.toml")
