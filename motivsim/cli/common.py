"""Helpers shared by the subcommands: loading a scheme (from a file or ``-``: standard input),
reading KPI values, emitting a report: text, JSON (``--json``), one verdict line
(``-q``/``--quiet``), to the terminal or to a file (``--out``, written atomically), and the
``--dask`` options of every command that simulates (:func:`add_dask`, :func:`computing`)."""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from motivsim import limits
from motivsim.errors import ArgumentError
from motivsim.formula.lexer import LexError, parse_number
from motivsim.i18n import LANGUAGES
from motivsim.scheme.load import load, loads

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = [
    "STDIN",
    "Compute",
    "add_dask",
    "add_json",
    "add_language",
    "add_output",
    "add_scheme",
    "check_out",
    "check_seed",
    "computing",
    "emit",
    "json_text",
    "kpi_assignment",
    "language_option",
    "load_scheme",
    "print_json",
    "with_language",
]

#: The scheme path that means "read the scheme from standard input".
STDIN: Final = "-"


def add_scheme(parser: argparse.ArgumentParser) -> None:
    """The positional ``SCHEME`` argument (a TOML file)."""
    parser.add_argument(
        "scheme",
        metavar="SCHEME",
        help="scheme file (TOML), e.g. schemes/dealership.toml; - reads it from standard input",
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` flag."""
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def add_output(parser: argparse.ArgumentParser) -> None:
    """``--json``, ``--out FILE`` and ``-q``/``--quiet`` (see :func:`emit`)."""
    add_json(parser)
    parser.add_argument(
        "--out",
        metavar="FILE",
        help="write the report (or the JSON) to FILE instead of the terminal: atomically, and "
        "never over an input file; the terminal gets one line saying so",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only the verdict, on one line (the exit code is the same)",
    )


def add_language(parser: argparse.ArgumentParser) -> None:
    """``--lang en|ru``: the language of the report, over the scheme's ``[scheme] language``."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the report: en or ru (default: the scheme's [scheme] language); "
        "--json keeps its English keys and codes, its texts follow this language",
    )


def add_dask(parser: argparse.ArgumentParser) -> None:
    """``--dask ADDRESS``, ``--dask-workers N`` and ``--dask-timeout SECONDS``: where a command
    that simulates computes (see :func:`computing`)."""
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="compute on a Dask cluster: 'local' starts one on this machine (worker processes), "
        "tcp://HOST:8786 connects to a running scheduler; results do not depend on it "
        "(needs pip install 'motivsim[dask]')",
    )
    parser.add_argument(
        "--dask-workers",
        type=int,
        default=None,
        metavar="N",
        help="worker processes of --dask local (default: one per CPU)",
    )
    parser.add_argument(
        "--dask-timeout",
        type=float,
        default=limits.DASK_TIMEOUT,
        metavar="SECONDS",
        help="seconds to wait for the Dask scheduler and its workers "
        f"(default {limits.DASK_TIMEOUT:g})",
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Compute:
    """Where a command computes: a Dask cluster's ``executor`` (``None``: this process) and
    ``workers`` (``simulate(..., workers=)``: threads here, or tasks in flight per cluster
    thread)."""

    executor: Executor | None = None
    workers: int = 1


@contextmanager
def computing(args: argparse.Namespace, *, threads: int = 1) -> Iterator[Compute]:
    """The Dask cluster of ``--dask`` (options of :func:`add_dask`) for the time of a ``with``
    block, or this process (on ``threads`` threads, a command's ``--workers``) without it.

    The options are checked before any cluster starts: ``--dask-workers`` needs ``--dask
    local``, and ``--workers`` (threads here) is not given with ``--dask``. The cluster module
    (and Dask) is imported only when ``--dask`` is given, so that a command without it loads
    no simulation stage it does not use.
    """
    address = getattr(args, "dask", None)
    if address is None:
        if getattr(args, "dask_workers", None) is not None:
            raise ArgumentError(
                "--dask-workers is for --dask local",
                hint="start a local cluster of N worker processes with --dask local "
                "--dask-workers N",
            )
        yield Compute(None, threads)
        return
    if threads != 1:
        raise ArgumentError(
            "--workers is threads on this machine; with --dask the cluster's workers compute",
            hint="choose a local cluster's worker processes with --dask-workers N",
        )
    cluster_module = importlib.import_module("motivsim.simulation.cluster")
    with cluster_module.dask_cluster(
        address, workers=args.dask_workers, timeout=args.dask_timeout
    ) as cluster:
        yield Compute(cluster.executor, cluster.workers)


def load_scheme(path: str, language: str | None = None) -> Any:
    """Load the scheme from a file, or from standard input when ``path`` is ``-`` (errors
    surface as :class:`~motivsim.SchemeError`); ``language`` (``--lang``) replaces its
    ``[scheme] language``."""
    if path != STDIN:
        return with_language(load(path), language)
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    raw = stream.read(limits.MAX_FILE_BYTES + 1)
    return with_language(loads(raw, path="<stdin>"), language)


def with_language(scheme: Any, language: str | None) -> Any:
    """``scheme`` with its reports in ``language`` (``None``: as the scheme declares)."""
    if language is None or language == scheme.language:
        return scheme
    return dataclasses.replace(scheme, language=language)


def language_option(args: argparse.Namespace) -> str:
    """`` --lang ru`` when the command line chose the language, else ``""`` (for the line that
    repeats a run)."""
    lang = getattr(args, "lang", None)
    return f" --lang {lang}" if lang else ""


def _output() -> Any:
    """:mod:`motivsim.reporting.output`, imported only when ``--out`` is given (as a verb's
    module is only imported when it runs: ``check``, ``lint``, ``explain`` load no later stage
    otherwise, see ``tests/test_check.py``)."""
    return importlib.import_module("motivsim.reporting.output")


def check_out(args: argparse.Namespace, *inputs: str | None) -> None:
    """Before any work: refuse an ``--out`` file that cannot be written or is an input."""
    if getattr(args, "out", None):
        _output().check_output(args.out, inputs=[p for p in inputs if p and p != STDIN])


def emit(
    args: argparse.Namespace,
    *,
    text: Callable[[], str],
    data: Callable[[], Any],
    verdict: str,
    inputs: Iterable[str | None] = (),
    schemes: Iterable[Any] = (),
) -> None:
    """Show a command's result: the report (``text()``), or ``data()`` as JSON with
    ``--json``; into the ``--out`` file when given (atomically, never over one of ``inputs``
    or a file ``schemes`` were read from), the terminal then getting ``wrote FILE: verdict``;
    with ``-q`` the terminal gets only the ``verdict`` line."""
    body = json_text(data()) if args.json else text()
    out = getattr(args, "out", None)
    if out:
        files: list[str | Path] = [p for p in inputs if p and p != STDIN]
        output = _output()
        files += [f for scheme in schemes for f in output.input_files(scheme)]
        encoded = (body + "\n").encode("utf-8")
        output.write_output(out, lambda handle: handle.write(encoded), inputs=files)
        print(verdict if args.quiet else f"wrote {out}: {verdict}")
    else:
        print(verdict if args.quiet else body)


def kpi_assignment(text: str) -> tuple[str, Fraction]:
    """``revenue=12_000_000`` -> ``("revenue", Fraction(12000000))`` (argparse ``type=``)."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(
            f"expected NAME=VALUE, got {text!r} (e.g. revenue=12000000)"
        )
    raw = raw.strip().replace(" ", "")
    sign = raw[:1] if raw[:1] in ("+", "-") else ""
    digits = raw[len(sign) :]
    if not digits[:1].isdigit():
        extra = " (one sign at most, e.g. -5000)" if digits[:1] in ("+", "-") else ""
        raise argparse.ArgumentTypeError(f"{name}: {raw!r} is not a number{extra}")
    try:
        value = parse_number(digits)
    except LexError as exc:
        raise argparse.ArgumentTypeError(f"{name}: {exc.message}") from None
    return name.strip(), -value if sign == "-" else value


def check_seed(seed: int | None, option: str = "--seed") -> None:
    """A seed given on the command line is a whole number >= 0."""
    if seed is not None and seed < 0:
        raise ArgumentError(f"{option} must be a whole number >= 0, got {seed:,}")


def values_dict(pairs: list[tuple[str, Fraction]]) -> dict[str, Fraction]:
    """KPI assignments as a dict; a KPI given twice is an error."""
    out: dict[str, Fraction] = {}
    for name, value in pairs:
        if name in out:
            raise ArgumentError(f"KPI {name!r} is given twice")
        out[name] = value
    return out


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (see :func:`json_text`)."""
    sys.stdout.write(json_text(data) + "\n")


def json_text(data: Any) -> str:
    """``data`` as indented JSON (non-ASCII kept readable; ``-0.0`` as ``0.0``, and a number
    that is not finite as ``null``: JSON has neither)."""
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


def _plain(data: Any) -> Any:
    if isinstance(data, float):
        return (data + 0.0) if math.isfinite(data) else None  # -0.0 + 0.0 is 0.0
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(item) for item in data]
    return data
