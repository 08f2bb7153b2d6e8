"""The command line: ``python -m motivsim SUBCOMMAND ...``; the only place that prints or exits.

Exit codes: 0 success (all principles pass), 1 a principle or gate failed, 2 invalid scheme,
invalid values or usage, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from motivsim.errors import MotivsimError

__all__ = ["COMMANDS", "main"]

#: Subcommand -> module in :mod:`motivsim.commands` (imported when the parser is built; each
#: keeps its heavy imports inside ``run`` so that start-up stays fast).
COMMANDS: dict[str, str] = {
    "explain": "explain",
    "check": "check",
    "plot": "plot",
    "report": "report",
    "compare": "compare",
    "lint": "lint",
    "simulate": "simulate",
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m motivsim",
        description="Design a sales pay scheme, prove it follows sound rules, "
        "and simulate what it will cost.",
        epilog="Exit codes: 0 ok, 1 a principle or gate failed, 2 invalid scheme or usage.",
    )
    from motivsim import __version__

    parser.add_argument("--version", action="version", version=f"motivsim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"motivsim.commands.{module_name}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.DESCRIPTION)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse, letting ``NAME=VALUE`` KPI values stand after options too (``--json a=1``)."""
    args, extra = parser.parse_known_args(argv)
    if extra and isinstance(getattr(args, "values", None), list):
        from motivsim.commands._common import kpi_assignment

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = _parse(parser, argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except MotivsimError as exc:
        from motivsim.errors import SchemeError

        print(str(exc) if isinstance(exc, SchemeError) else f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
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
