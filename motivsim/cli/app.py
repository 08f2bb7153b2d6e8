"""The command line: ``python -m motivsim SUBCOMMAND ...``; the only place that prints or exits.

Exit codes: 0 success (all principles pass), 1 a principle or gate failed, 2 invalid scheme,
invalid values or usage, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, NoReturn

from motivsim._version import __version__
from motivsim.cli.common import STDIN, kpi_assignment
from motivsim.errors import MotivsimError
from motivsim.i18n import DEFAULT_LANGUAGE, LANGUAGES, words
from motivsim.i18n.errors import render_error, translate_usage

__all__ = ["COMMANDS", "import_command", "main", "translate_parser"]

#: Subcommand -> its one-line help. The module :mod:`motivsim.cli.commands.<name>` of a verb is
#: imported only when that verb runs (or asks for its ``--help``), so that each command loads
#: only the stages it needs.
COMMANDS: dict[str, str] = {
    "explain": "print the pay statement for given KPI values",
    "check": "check the three principles (and look for design mistakes)",
    "plot": "draw the pay curve, the pay distribution, or two schemes' curves to a PNG/SVG/PDF "
    "file",
    "report": "write a self-contained HTML report: check verdicts, a pay statement, curves, "
    "simulation",
    "compare": "compare two schemes on the same KPI draws (a CI gate for plan changes)",
    "lint": "find design mistakes (cliffs, caps, percent typos, gaps, unused names)",
    "simulate": "simulate what the scheme costs the team: payroll, pay per manager, plan and caps",
    "replay": "pay actual history (a CSV of person, period and KPIs) by the scheme, in order",
    "fit": "fit the KPI distributions, correlation, persistence and seasonality to history",
    "tune": "find the parameter values, closest to the current ones, that make the plan pass",
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every subcommand with its help, and the arguments of ``verb`` (of
    every subcommand when ``verb`` is ``None``)."""
    parser = argparse.ArgumentParser(
        prog="python -m motivsim",
        description="Design a sales pay scheme, prove it follows sound rules, "
        "and simulate what it will cost.",
        epilog="Exit codes: 0 ok, 1 a principle or gate failed, 2 invalid scheme or usage.",
    )
    parser.add_argument("--version", action="version", version=f"motivsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help_text in COMMANDS.items():
        if verb is not None and name != verb:
            sub.add_parser(name, help=help_text)
            continue
        module = importlib.import_module(f"motivsim.cli.commands.{name}")
        cmd = sub.add_parser(name, help=help_text, description=module.DESCRIPTION)
        module.add_arguments(cmd)
        cmd.add_argument("--version", action="version", version=f"motivsim {__version__}")
        cmd.set_defaults(run=module.run)
    return parser


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter with the label of the usage line in the help's language."""

    def __init__(self, prog: str, *, usage_label: str, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self._usage_label = usage_label

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self._usage_label if prefix is None else prefix)


def translate_parser(
    parser: argparse.ArgumentParser, language: str, used: set[str] | None = None
) -> None:
    """Put the help of ``parser`` and of its subcommands into ``language``: descriptions,
    epilogs, group titles, each option's help and argparse's ``usage:`` label, each from the
    table of :mod:`motivsim.i18n.help` (imported only here: a run without ``--lang`` does not
    load it); a text without a translation stays English. The keys of the entries used are
    added to ``used`` when given (for the tests)."""
    table = importlib.import_module("motivsim.i18n.help")
    say: Callable[[str], str] = functools.partial(table.translate, language=language, used=used)
    _translate_parser(parser, say, functools.partial(_HelpFormatter, usage_label=say("usage: ")))
    _translate_errors(parser, language)


def _translate_errors(parser: argparse.ArgumentParser, language: str) -> None:
    """Make ``parser`` and its subcommands write their usage errors in ``language``
    (:func:`motivsim.i18n.errors.translate_usage`): each parser's ``error`` is replaced on
    the instance, argparse itself is left as it is."""
    frame = words(language)("error.label")

    def error(target: argparse.ArgumentParser, message: str) -> NoReturn:
        target.print_usage(sys.stderr)
        target.exit(2, f"{target.prog}: {frame}: {translate_usage(message, language)}\n")

    seen: set[int] = set()
    todo = [parser]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.error = functools.partial(error, current)  # type: ignore[method-assign]
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())


def _translate_parser(
    parser: argparse.ArgumentParser,
    say: Callable[[str], str],
    formatter: Callable[..., argparse.HelpFormatter],
) -> None:
    parser.formatter_class = formatter
    if parser.description:
        parser.description = say(parser.description)
    if parser.epilog:
        parser.epilog = say(parser.epilog)
    for group in parser._action_groups:
        if group.title:
            group.title = say(group.title)
        if group.description:
            group.description = say(group.description)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = say(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    choice.help = say(choice.help)
            for sub in {id(p): p for p in action.choices.values()}.values():  # aliases once
                _translate_parser(sub, say, formatter)


def _help_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names in ``argv`` (``--lang ru`` or ``--lang=ru``; the last
    one), if it is one motivsim writes in. Read before parsing: argparse prints ``--help``
    as it parses, before it reaches a ``--lang`` further on."""
    found = None
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found if found in LANGUAGES else None


def _without_language(argv: Sequence[str]) -> list[str]:
    """``argv`` without its ``--lang X`` (``python -m motivsim --lang ru --help``: the
    top-level parser has no ``--lang``; it only chose the help's language)."""
    out: list[str] = []
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--lang":
            skip = True
        elif not word.startswith("--lang="):
            out.append(word)
    return out


def import_command(argv: Sequence[str] | None = None) -> None:
    """Import the module of the subcommand ``argv`` names (default ``sys.argv[1:]``), if any,
    ahead of :func:`main` (``python -m motivsim`` does so while it holds off the garbage
    collector: ``motivsim/__main__.py``)."""
    verb = _verb(list(sys.argv[1:] if argv is None else argv))
    if verb is not None:
        importlib.import_module(f"motivsim.cli.commands.{verb}")


def _verb(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (the first word that is one), if any."""
    return next((word for word in argv if word in COMMANDS), None)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse, letting ``NAME=VALUE`` KPI values stand after options too (``--json a=1``)."""
    args, extra = parser.parse_known_args(argv)
    if extra and isinstance(getattr(args, "values", None), list):
        for item in extra:
            if item.startswith("-") or "=" not in item:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
            try:
                args.values.append(kpi_assignment(item))
            except argparse.ArgumentTypeError as exc:
                parser.error(str(exc))
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


#: A scheme file's ``[scheme] language`` line, read without TOML (the file may not parse).
_LANGUAGE_LINE: Final = re.compile(r'(?m)^\s*language\s*=\s*["\'](?P<lang>[a-z]{2})["\']')
#: Most of a scheme file read for its language.
_SNIFF_BYTES: Final = 1 << 20


def _language(args: argparse.Namespace) -> str | None:
    """The language of an error: ``--lang``, else the ``language`` a scheme file of the
    command sets (read as text: a file that does not parse still says it), else ``None``."""
    chosen = getattr(args, "lang", None)
    if chosen:
        return str(chosen)
    for name in ("scheme", "old", "new"):
        path = getattr(args, name, None)
        if not isinstance(path, str) or path == STDIN or not os.path.isfile(path):
            continue  # a FIFO or a device would block, or never end
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                found = _LANGUAGE_LINE.search(handle.read(_SNIFF_BYTES))
        except OSError:
            continue
        if found and found.group("lang") in LANGUAGES:
            return found.group("lang")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    given = list(sys.argv[1:] if argv is None else argv)
    verb, language = _verb(given), _help_language(given)
    if verb is None and language is not None:
        given = _without_language(given)
    parser = build_parser(verb or "")
    if language is not None and language != DEFAULT_LANGUAGE:
        translate_parser(parser, language)
    try:
        args = _parse(parser, given)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except MotivsimError as exc:
        print(render_error(exc, _language(args)), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(words(_language(args) or DEFAULT_LANGUAGE)("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in motivsim, not in the user's input
        if os.environ.get("MOTIVSIM_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in motivsim. Please report it with the scheme file; "
            "set MOTIVSIM_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
