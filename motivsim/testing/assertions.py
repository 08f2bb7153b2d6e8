"""One-line assertions that search a pay scheme for a counterexample and state it in money."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

from motivsim.checks import check
from motivsim.comparison.paycut import cut_ranges, find_largest_cut
from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError
from motivsim.scheme.load import as_scheme
from motivsim.search.ranges import format_money, format_values, kpi_ranges
from motivsim.testing.search import _computed, _pay, _Search, _settings
from motivsim.testing.strategies import SchemeLike, _check_kpi, _points
from motivsim.validation import is_real, to_fraction

__all__ = ["assert_bounded", "assert_monotone", "assert_no_pay_cut", "assert_principles"]

_HIGHER: Final = "\x00higher"  # key of the larger KPI value in a monotonicity search point


# -- assertions --------------------------------------------------------------------------------
def assert_monotone(
    scheme: SchemeLike, kpi: str, *, max_examples: int | None = None, seed: int | None = None
) -> None:
    """Assert that pay never falls when ``kpi`` rises (the other KPIs unchanged).

    A cliff (a jump up) is allowed; ``motivsim lint`` reports those.

    Parameters
    ----------
    scheme : Scheme or path
        The scheme (or its TOML file).
    kpi : str
        The KPI that rises; the search draws two values of it and every other KPI once.
    max_examples : int, optional
        Cases to try (default :data:`DEFAULT_EXAMPLES`, or the environment variable
        :data:`EXAMPLES_VARIABLE`).
    seed : int, optional
        ``None`` (default): the same cases every run; an integer explores other cases
        reproducibly.

    Raises
    ------
    AssertionError
        With the shrunk counterexample: both KPI values, both amounts and the drop.

    Examples
    --------
    >>> assert_monotone("schemes/dealership.toml", "revenue")  # doctest: +SKIP
    """
    __tracebackhide__ = True  # pytest shows the message and the test's line, not this source
    scheme = as_scheme(scheme)
    _check_kpi(scheme, kpi)
    max_examples, seed = _settings(max_examples, seed)
    ranges = kpi_ranges(scheme)
    ranges[_HIGHER] = ranges[kpi]

    def falls(point: dict[str, Fraction]) -> bool:
        low, high = _pair(point, kpi)
        if low == high:
            return False
        before, after = _pay(scheme, low), _pay(scheme, high)
        if isinstance(before, EvaluationError) or isinstance(after, EvaluationError):
            return True
        return after < before

    found = _Search(_points(ranges), falls, ranges, max_examples, seed).run()
    if found is None:
        return
    low, high = _pair(found, kpi)
    before, after = _computed(scheme, low), _computed(scheme, high)
    drop = before - after
    raise AssertionError(
        f"pay falls when {kpi!r} rises (scheme {scheme.name!r}):\n"
        f"  with {format_values(low)}, pay is {format_money(before, scheme)}\n"
        f"  with {format_values(high)}, pay is {format_money(after, scheme)}"
        f" ({format_money(drop, scheme)} less, {_percent(-drop, before)})"
    )


def _pair(
    point: Mapping[str, Fraction], kpi: str
) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    values = {k: v for k, v in point.items() if k != _HIGHER}
    a, b = sorted((point[kpi], point[_HIGHER]))
    return {**values, kpi: a}, {**values, kpi: b}


def assert_bounded(
    scheme: SchemeLike,
    *,
    lo: float | None = None,
    hi: float | None = None,
    max_examples: int | None = None,
    seed: int | None = None,
) -> None:
    """Assert ``lo <= pay <= hi`` for every KPI value in range (``None``: no bound that side).

    Parameters
    ----------
    scheme : Scheme or path
        The scheme (or its TOML file).
    lo, hi : float, optional
        The bounds, in the scheme's currency; give at least one.
    max_examples : int, optional
        Cases to try (default :data:`DEFAULT_EXAMPLES`, or the environment variable
        :data:`EXAMPLES_VARIABLE`).
    seed : int, optional
        ``None`` (default): the same cases every run; an integer explores other cases
        reproducibly.

    Raises
    ------
    AssertionError
        With the shrunk KPI values and the pay outside the bound.

    Examples
    --------
    >>> assert_bounded("schemes/dealership.toml", lo=0, hi=400_000)  # doctest: +SKIP
    """
    __tracebackhide__ = True
    scheme = as_scheme(scheme)
    if lo is None and hi is None:
        raise ArgumentError("give lo=..., hi=... or both, e.g. assert_bounded(scheme, lo=0)")
    low = None if lo is None else _bound(lo, "lo")
    high = None if hi is None else _bound(hi, "hi")
    if low is not None and high is not None and low > high:
        raise ArgumentError(f"lo={lo!r} is above hi={hi!r}")
    max_examples, seed = _settings(max_examples, seed)
    ranges = kpi_ranges(scheme)

    def outside(point: dict[str, Fraction]) -> bool:
        pay = _pay(scheme, point)
        if isinstance(pay, EvaluationError):
            return True
        return (low is not None and pay < low) or (high is not None and pay > high)

    found = _Search(_points(ranges), outside, ranges, max_examples, seed).run()
    if found is None:
        return
    pay = _computed(scheme, found)
    if low is not None and pay < low:
        which, bound = "below the lower", low
    else:
        which, bound = "above the upper", high or Fraction(0)
    raise AssertionError(
        f"pay is {which} bound {format_money(bound, scheme)} (scheme {scheme.name!r}): "
        f"with {format_values(found)}, pay is {format_money(pay, scheme)}"
    )


def assert_no_pay_cut(
    old: SchemeLike,
    new: SchemeLike,
    *,
    tolerance: float = 0.0,
    max_examples: int | None = None,
    seed: int | None = None,
) -> None:
    """Assert that ``new`` never pays less than ``old`` for the same KPI values.

    The largest cut is found by the same search as ``motivsim compare``
    (:func:`motivsim.comparison.paycut.find_largest_cut`: it depends on the two schemes only),
    so the assertion and ``compare`` report the same case. When that cut is within
    ``tolerance``, a hypothesis search (``max_examples``, ``seed``) looks for KPI values where
    either pay cannot be computed, which fail the assertion too. KPIs are searched in the range
    of the scheme that gives them a distribution (the old one first).

    Parameters
    ----------
    old, new : Scheme or path
        The scheme in force and the proposed one (or their TOML files).
    tolerance : float
        The largest cut allowed, as a fraction of the old pay (``0.05``: 5%).
    max_examples : int, optional
        Cases the search for pay that cannot be computed tries (default
        :data:`DEFAULT_EXAMPLES`, or the environment variable :data:`EXAMPLES_VARIABLE`).
    seed : int, optional
        ``None`` (default): the same cases every run; an integer explores other cases
        reproducibly (the largest-cut search does not depend on it).

    Raises
    ------
    AssertionError
        With the largest cut's KPI values (made readable), the cut in money and in %, and
        both amounts.

    Examples
    --------
    >>> assert_no_pay_cut("schemes/old.toml", "schemes/new.toml")  # doctest: +SKIP
    """
    __tracebackhide__ = True
    old, new = as_scheme(old, "old"), as_scheme(new, "new")
    if not is_real(tolerance) or not 0 <= tolerance < 1:
        raise (ArgumentError if is_real(tolerance) else ArgumentTypeError)(
            f"tolerance must be a fraction of pay in [0, 1), e.g. 0.05; got {tolerance!r}"
        )
    allowed = to_fraction(tolerance)
    max_examples, seed = _settings(max_examples, seed)
    # the largest cut: the very search motivsim compare runs (find_largest_cut), same answer
    largest = find_largest_cut(old, new, max_cut=float(tolerance))
    if largest is None or largest.amount <= allowed * abs(largest.old_pay):
        # then a hypothesis search for KPI values where either pay cannot be computed
        ranges = cut_ranges(old, new)

        def broken(point: dict[str, Fraction]) -> bool:
            before, after = _pay(old, point), _pay(new, point)
            return isinstance(before, EvaluationError) or isinstance(after, EvaluationError)

        found = _Search(_points(ranges), broken, ranges, max_examples, seed).run()
        if found is not None:
            _computed(old, found), _computed(new, found)  # raises AssertionError
        return
    found, before, after = dict(largest.values), largest.old_pay, largest.new_pay
    shown = _percent(allowed, Fraction(1), sign=False)
    limit = f" (more than the {shown} allowed)" if allowed else ""
    raise AssertionError(
        f"the new plan pays less for the same results: with {format_values(found)}, "
        f"the new plan pays {format_money(before - after, new)} less"
        f" ({_percent(after - before, before)}){limit}: {format_money(before, old)} under "
        f"{old.name!r}, {format_money(after, new)} under {new.name!r}"
    )


def assert_principles(scheme: SchemeLike, *, samples: int = 20_000, seed: int = 0) -> None:
    """Assert that ``scheme`` follows the three principles, as ``motivsim check`` measures them.

    The check is Monte Carlo with a fixed ``seed`` by default, so the test is repeatable.

    Raises
    ------
    AssertionError
        Naming each principle that fails, with its figure and what to change.

    Examples
    --------
    >>> assert_principles("schemes/dealership.toml")  # doctest: +SKIP
    """
    __tracebackhide__ = True
    scheme = as_scheme(scheme)
    report = check(scheme, samples=samples, seed=seed, warnings=False)
    failed = [r for r in report.results if not r.passed]
    if failed:
        plural = "s" if len(failed) > 1 else ""
        raise AssertionError(
            f"scheme {scheme.name!r} breaks {len(failed)} principle{plural} "
            f"(seed {report.seed}, {report.samples:,} samples):\n"
            + "\n".join(str(r) for r in failed)
        )


# -- helpers -----------------------------------------------------------------------------------
def _bound(value: Any, name: str) -> Fraction:
    __tracebackhide__ = True
    return to_fraction(value, name)


def _percent(change: Fraction, base: Fraction, *, sign: bool = True) -> str:
    """``−9.1%``: ``change`` as a percentage of ``base`` (with a true minus sign)."""
    if base == 0:
        return "from zero" if sign else "0%"
    pct = float(change / abs(base) * 100)
    text = f"{abs(pct):.1f}" if abs(pct) >= 0.1 or pct == 0 else f"{abs(pct):.2g}"
    prefix = ("−" if pct < 0 else "+") if sign else ""
    return f"{prefix}{text}%"
