"""The failing-case search behind the assertions: budget and seed, hypothesis, exact pay."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from random import Random
from typing import Any, Final

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis.errors import NoSuchExample
from hypothesis.strategies import SearchStrategy

from motivsim.errors import ArgumentError, EvaluationError
from motivsim.scheme.model import Scheme
from motivsim.search.ranges import KpiRange, exact_pay, format_values, shrink
from motivsim.validation import check_int

__all__ = ["DEFAULT_EXAMPLES", "EXAMPLES_VARIABLE"]

#: Examples each assertion tries before it concludes that no counterexample exists, unless
#: ``max_examples=`` or the environment variable :data:`EXAMPLES_VARIABLE` says otherwise.
DEFAULT_EXAMPLES: Final = 200
#: Environment variable with the default budget (e.g. 50 in a pre-commit hook, 2000 nightly).
EXAMPLES_VARIABLE: Final = "MOTIVSIM_MAX_EXAMPLES"
#: Most examples one assertion tries (a typo of a few zeros would run for hours).
MAX_EXAMPLES: Final = 100_000


# -- the search --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Search:
    """One failing-case search: hypothesis first, then a pass toward rounder numbers."""

    strategy: SearchStrategy[dict[str, Fraction]]
    fails: Callable[[dict[str, Fraction]], bool]
    ranges: Mapping[str, KpiRange]
    max_examples: int
    seed: int | None

    def run(self) -> dict[str, Fraction] | None:
        config = settings(
            max_examples=self.max_examples,
            database=None,
            deadline=None,
            derandomize=self.seed is None,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.generate, Phase.shrink),  # no database, no slow "explain" phase
        )
        rng = None if self.seed is None else Random(self.seed)
        try:
            found = find(self.strategy, self.fails, settings=config, random=rng)
        except NoSuchExample:
            return None
        return shrink(found, self.fails, self.ranges)


def _pay(scheme: Scheme, values: Mapping[str, Fraction]) -> Fraction | EvaluationError:
    try:
        return exact_pay(scheme, values)
    except EvaluationError as exc:
        return exc


def _computed(scheme: Scheme, values: Mapping[str, Fraction]) -> Fraction:
    """Pay of a counterexample, or the assertion that it cannot be computed there."""
    __tracebackhide__ = True
    pay = _pay(scheme, values)
    if isinstance(pay, EvaluationError):
        raise AssertionError(_error_text(scheme, values, pay))
    return pay


def _settings(max_examples: int | None, seed: int | None) -> tuple[int, int | None]:
    __tracebackhide__ = True
    if max_examples is None:
        raw = os.environ.get(EXAMPLES_VARIABLE, "").strip()
        if not raw:
            return DEFAULT_EXAMPLES, _seed(seed)
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_EXAMPLES:
            raise ArgumentError(
                f"{EXAMPLES_VARIABLE} must be an integer from 1 to {MAX_EXAMPLES:,}, got {raw!r}"
            )
        return int(raw), _seed(seed)
    count = check_int("max_examples", max_examples, least=1, most=MAX_EXAMPLES, noun="an integer")
    return count, _seed(seed)


def _seed(seed: Any) -> int | None:
    __tracebackhide__ = True
    return None if seed is None else check_int("seed", seed, noun="an integer or None")


# -- helpers -----------------------------------------------------------------------------------
def _error_text(scheme: Scheme, values: Mapping[str, Fraction], error: EvaluationError) -> str:
    return (
        f"pay cannot be computed (scheme {scheme.name!r}) with {format_values(values)}: "
        f"{error.message}" + (f"\n  hint: {error.hint}" if error.hint else "")
    )
