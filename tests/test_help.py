"""``--help`` in Russian with ``--lang ru``: every text of every command translated, every entry
of the table (:mod:`motivsim.i18n.help`) used, and the English help as it was without it."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from motivsim.cli.app import COMMANDS, build_parser, main, translate_parser
from motivsim.i18n.help import PATTERNS, TEXTS
from tests.conftest import ROOT

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
#: Help texts that stay as they are in Russian (a bare list of values or options would): none yet.
UNTRANSLATED: frozenset[str] = frozenset()
#: The example of ``explain``'s description names the KPIs of a Russian scheme: the one Cyrillic
#: of the English help.
ENGLISH_CYRILLIC = "выручка=12000000 продано_машин=11"
#: argparse's own words, which the Russian help replaces.
ARGPARSE_ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help message and exit",
    "show program's version number and exit",
)


def texts(parser: argparse.ArgumentParser, where: str = "") -> Iterator[tuple[str, str]]:
    """``(where, text)`` of each text of ``parser``'s help and its subcommands', in order."""
    where = where or "python -m motivsim"
    for name in ("description", "epilog"):
        text = getattr(parser, name)
        if text:
            yield f"{where} {name}", text
    for group in parser._action_groups:
        if group.title:
            yield f"{where} group", group.title
        if group.description:
            yield f"{where} group description", group.description
    for action in parser._actions:
        label = f"{where} {'/'.join(action.option_strings) or action.dest}"
        if action.help and action.help != argparse.SUPPRESS:
            yield label, action.help
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    yield f"{where} {choice.dest} (in the list)", choice.help
            for name, sub in action.choices.items():
                yield from texts(sub, f"{where} {name}")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """``text`` as one line with single spaces (help is wrapped to the terminal; a no-break
    space stays)."""
    return re.sub(r"\s+", " ", text, flags=re.ASCII).strip()


def squeezed(text: str) -> str:
    """``text`` without its spaces and line breaks (argparse may break a line after a hyphen)."""
    return re.sub(r"\s+", "", text, flags=re.ASCII)


def shown(help_text: str) -> str:
    """A help text as argparse prints it (``%%`` is ``%``), squeezed."""
    return squeezed(help_text.replace("%%", "%"))


def translated() -> tuple[list[tuple[str, str, str]], set[str]]:
    """``(where, English, Russian)`` of every text of every command, and the table's keys used."""
    english, russian, used = build_parser(), build_parser(), set[str]()
    translate_parser(russian, "ru", used)
    pairs = list(zip(texts(english), texts(russian), strict=True))
    assert all(en[0] == ru[0] for en, ru in pairs)
    return [(en[0], en[1], ru[1]) for en, ru in pairs], used


def test_every_help_text_of_every_command_is_in_russian() -> None:
    rows, _ = translated()
    assert {where.split()[3] for where, _, _ in rows if len(where.split()) > 3} >= set(COMMANDS)
    left = [
        f"{where}: {en!r}"
        for where, en, ru in rows
        if en not in UNTRANSLATED and (ru == en or not CYRILLIC.search(ru))
    ]
    assert not left, "English help left in Russian:\n" + "\n".join(left)


def test_every_entry_of_the_table_is_used() -> None:
    _, used = translated()
    entries = set(TEXTS) | {pattern for pattern, _ in PATTERNS}
    assert not entries - used, f"stale entries: {sorted(entries - used)}"


def test_russian_names_the_options_of_the_english_and_formats_as_help() -> None:
    """The Russian of a text names the options its English names, and an option's help reads
    as argparse formats it (``%%`` for a percent sign: a lone ``%`` would stop the help)."""
    rows, _ = translated()
    for where, en, ru in rows:
        assert set(re.findall(r"--[a-z-]+", en)) == set(re.findall(r"--[a-z-]+", ru)), where
        if not where.endswith(("description", "epilog", "group")):
            assert (ru % {}).count("%") == ru.count("%%"), where  # a lone % raises here


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_russian(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    verb = [command] if command else []
    code, out, err = run(capsys, *verb, "--help", "--lang", "ru")
    assert code == 0, err
    assert out.startswith(f"использование: python -m motivsim {' '.join(verb)}".rstrip())
    for title in ("аргументы:", "параметры:", "показать эту справку и выйти"):
        assert title in out
    for word in ARGPARSE_ENGLISH:
        assert word not in out
    english = build_parser(command or "")
    if command:
        english = english._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    for where, text in texts(english):
        if text not in UNTRANSLATED:
            assert shown(text) not in squeezed(out), f"{where} is English: {text!r}"
    # --lang before --help, and --lang=ru, give the same help
    assert run(capsys, *verb, "--lang", "ru", "--help")[1] == out
    assert run(capsys, *verb, "--lang=ru", "--help")[1] == out


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_english_help_is_unchanged(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    verb = [command] if command else []
    run(capsys, *verb, "--help", "--lang", "ru")  # a Russian help changes no later English one
    code, out, _ = run(capsys, *verb, "--help")
    assert code == 0
    assert out.startswith("usage: python -m motivsim")
    for word in ARGPARSE_ENGLISH[1:]:
        assert word in out
    assert not CYRILLIC.search(flat(out).replace(ENGLISH_CYRILLIC, ""))
    english = build_parser(command or "")
    if command:
        english = english._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    for where, text in texts(english):
        assert shown(text) in squeezed(out), where
    assert run(capsys, *verb, "--help", "--lang", "en")[1] == out


def test_top_level_help_lists_the_commands_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--lang", "ru", "--help")
    assert code == 0
    assert "check     проверить три принципа (и найти ошибки в устройстве схемы)" in out
    assert "Коды выхода: 0\u00a0— всё в порядке" in out


def test_numbers_in_russian_help_are_written_the_russian_way(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "check", "--help", "--lang", "ru")
    assert "число сценариев Монте-Карло (по умолчанию 20\u00a0000)" in flat(out)
    _, out, _ = run(capsys, "simulate", "--help", "--lang", "ru")
    assert "(по умолчанию 23\u00a0%)" in flat(out)
    assert "разрешить больше 1\u00a0000\u00a0000\u00a0000 менеджеро-периодов" in flat(out)


def test_a_usage_error_with_lang_ru_shows_the_usage_in_russian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """argparse's own error message stays English; the usage above it is Russian."""
    code, _, err = run(capsys, "check", "--lang", "ru")
    assert code == 2
    assert err.startswith("использование: python -m motivsim check")


def test_the_help_table_is_loaded_only_with_lang() -> None:
    """``check`` starts fast: without ``--lang ru`` the table of help texts is not imported."""
    code = (
        "import sys\n"
        "from motivsim.cli.app import main\n"
        "main(['check', '--help'])\n"
        "before = 'motivsim.i18n.help' in sys.modules\n"
        "main(['check', '--help', '--lang', 'ru'])\n"
        "print('LOADED', before, 'motivsim.i18n.help' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "LOADED False True" in done.stderr, done.stderr


# -- usage errors (a command line argparse cannot parse) ---------------------------------------
_RU_SCHEME = str(ROOT / "schemes" / "dealership_ru.toml")
USAGE_SLIPS = [
    ["check"],
    ["check", _RU_SCHEME, "--bogus"],
    ["simulate", _RU_SCHEME, "--runs", "abc"],
    ["check", _RU_SCHEME, "--dask-timeout", "abc"],
    ["plot", _RU_SCHEME, "--out", "x.png", "--kind", "zzz"],
    ["check", _RU_SCHEME, "--samples"],
    ["explain", _RU_SCHEME, "--segment", "a", "--person", "b"],
    ["explain", _RU_SCHEME, "abc"],
    ["explain", _RU_SCHEME, "выручка=abc"],
    ["explain", _RU_SCHEME, "выручка=--5"],
    ["check", _RU_SCHEME, "--seed", "x"],
    ["check", _RU_SCHEME, "--seed", "-1"],
    ["compare", _RU_SCHEME, _RU_SCHEME, "--max-cut", "abc"],
    ["compare", _RU_SCHEME, _RU_SCHEME, "--max-cut", "5"],
    ["compare", _RU_SCHEME, _RU_SCHEME, "--max-cut", "150%"],
    ["compare", _RU_SCHEME, _RU_SCHEME, "--among", "10..90"],
    ["compare", _RU_SCHEME, _RU_SCHEME, "--among", "P90..P10"],
    ["simulate", _RU_SCHEME, "--percentiles", "x"],
    ["simulate", _RU_SCHEME, "--percentiles", "0,50"],
    ["simulate", _RU_SCHEME, "--gaming-share", "2"],
]


def test_usage_errors_are_russian_with_lang_ru_and_every_pattern_is_argparses(capsys) -> None:
    from motivsim.i18n.errors import USAGE_PATTERNS, translate_usage

    used: set[str] = set()
    for args in USAGE_SLIPS:
        assert main(args) == 2, args
        english = capsys.readouterr().err.strip().splitlines()[-1]
        assert ": error: " in english, english
        message = english.partition(": error: ")[2]
        russian = translate_usage(message, "ru", used)
        assert not re.search(r"\b(is|must|write|expected|argument|got)\b", russian), russian
        assert main([*args, "--lang", "ru"]) == 2
        shown = capsys.readouterr().err
        assert shown.startswith("использование:"), shown
        assert shown.strip().splitlines()[-1].endswith(russian), shown
    assert {p for p, _ in USAGE_PATTERNS} - used == set()
