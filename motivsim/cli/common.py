"""Helpers shared by the subcommands: loading a scheme, reading KPI values, printing JSON."""

from __future__ import annotations

import argparse
import json
import math
import sys
from fractions import Fraction
from typing import Any

from motivsim.errors import ArgumentError
from motivsim.formula.lexer import LexError, parse_number
from motivsim.scheme.load import load

__all__ = [
    "add_json",
    "add_scheme",
    "check_seed",
    "kpi_assignment",
    "load_scheme",
    "print_json",
]


def add_scheme(parser: argparse.ArgumentParser) -> None:
    """The positional ``SCHEME`` argument (a TOML file)."""
    parser.add_argument(
        "scheme", metavar="SCHEME", help="scheme file (TOML), e.g. schemes/dealership.toml"
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    """The ``--json`` flag."""
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def load_scheme(path: str) -> Any:
    """Load the scheme (errors surface as :class:`~motivsim.SchemeError`)."""
    return load(path)


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
    """Print ``data`` as indented JSON (non-ASCII kept readable; ``-0.0`` as ``0.0``, and a
    number that is not finite as ``null``: JSON has neither)."""
    json.dump(_plain(data), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _plain(data: Any) -> Any:
    if isinstance(data, float):
        return (data + 0.0) if math.isfinite(data) else None  # -0.0 + 0.0 is 0.0
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(item) for item in data]
    return data
