"""Hypothesis strategies and one-line assertions that search a pay scheme for counterexamples.

Use them in your own test suite (see ``docs/testing.md``)::

    from motivsim.testing import assert_monotone, assert_no_pay_cut

    def test_more_revenue_never_pays_less():
        assert_monotone("schemes/dealership.toml", "revenue")

Each assertion runs a hypothesis search (a reproducible one by default), shrinks the failing case
toward the plan and toward round numbers, and raises :class:`AssertionError` that states it in
business terms. This is the only motivsim module that imports hypothesis.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from random import Random
from typing import Any, Final

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample
from hypothesis.strategies import SearchStrategy

from motivsim.errors import ArgumentError, EvaluationError
from motivsim.loader import as_scheme
from motivsim.probe import (
    KpiRange,
    as_number,
    exact_pay,
    format_money,
    format_values,
    kpi_ranges,
    shrink,
    to_fraction,
)
from motivsim.scheme import Scheme

__all__ = [
    "DEFAULT_EXAMPLES",
    "EXAMPLES_VARIABLE",
    "assert_bounded",
    "assert_monotone",
    "assert_no_pay_cut",
    "assert_principles",
    "kpi_values",
    "scheme_texts",
    "schemes",
]

#: Examples each assertion tries before it concludes that no counterexample exists, unless
#: ``max_examples=`` or the environment variable :data:`EXAMPLES_VARIABLE` says otherwise.
DEFAULT_EXAMPLES: Final = 200
#: Environment variable with the default budget (e.g. 50 in a pre-commit hook, 2000 nightly).
EXAMPLES_VARIABLE: Final = "MOTIVSIM_MAX_EXAMPLES"
_HIGHER: Final = "\x00higher"  # key of the larger KPI value in a monotonicity search point

SchemeLike = Scheme | str | Path
Values = dict[str, int | float]


# -- strategies --------------------------------------------------------------------------------
def kpi_values(scheme: SchemeLike, *, kpis: list[str] | None = None) -> SearchStrategy[Values]:
    """Dicts of KPI values inside each KPI's declared ``min``/``max`` and distribution support.

    Values are built from integers times round amounts around the plan (or the typical value),
    plus the points where pay switches (tier breakpoints, thresholds, caps) and their
    neighbours, so failing examples shrink toward the plan and toward round numbers. Count
    KPIs (poisson, binomial) get whole numbers. See :mod:`motivsim.probe` for the ranges.

    Parameters
    ----------
    scheme : Scheme or path
        The scheme (or its TOML file).
    kpis : list of str, optional
        Only these KPIs (default: every KPI of the scheme).

    Examples
    --------
    >>> import motivsim
    >>> from hypothesis import given
    >>> scheme = motivsim.load("schemes/dealership.toml")  # doctest: +SKIP
    >>> @given(kpi_values(scheme))  # doctest: +SKIP
    ... def test_pay_is_positive(values):
    ...     assert scheme.pay(values) > 0
    """
    scheme = as_scheme(scheme)
    ranges = kpi_ranges(scheme)
    names = list(ranges) if kpis is None else kpis
    for name in names:
        _check_kpi(scheme, name)
    return st.fixed_dictionaries({name: _value(ranges[name]) for name in names})


def _value(r: KpiRange) -> SearchStrategy[int | float]:
    return _exact(r).map(as_number)


def _exact(r: KpiRange) -> SearchStrategy[Fraction]:
    if r.low == r.high:
        return st.just(r.low)
    return st.one_of(_grid(r), _near_points(r))


@st.composite
def _grid(draw: Any, r: KpiRange) -> Fraction:
    """``anchor + a * unit + b * fine``: shrinks to the anchor, then to round multiples of unit."""
    a_low, a_high = -((r.anchor - r.low) // r.unit), (r.high - r.anchor) // r.unit
    base = r.anchor + draw(st.integers(int(a_low), int(a_high))) * r.unit
    steps = int(r.unit / r.fine)
    if steps <= 1:
        return base
    b_low = max(1 - steps, -((base - r.low) // r.fine))
    b_high = min(steps - 1, (r.high - base) // r.fine)
    return base + draw(st.integers(int(b_low), int(b_high))) * r.fine


@st.composite
def _near_points(draw: Any, r: KpiRange) -> Fraction:
    """A switching point of the scheme (or an end of the range), or its neighbour."""
    point = draw(st.sampled_from(r.points))
    return r.clip(point + draw(st.integers(-1, 1)) * r.fine)


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


def _points(ranges: Mapping[str, KpiRange]) -> SearchStrategy[dict[str, Fraction]]:
    """Search points: KPI values as exact fractions."""
    return st.fixed_dictionaries({k: _exact(r) for k, r in ranges.items()})


def _pay(scheme: Scheme, values: Mapping[str, Fraction]) -> Fraction | EvaluationError:
    try:
        return exact_pay(scheme, values)
    except EvaluationError as exc:
        return exc


def _computed(scheme: Scheme, values: Mapping[str, Fraction]) -> Fraction:
    """Pay of a counterexample, or the assertion that it cannot be computed there."""
    pay = _pay(scheme, values)
    if isinstance(pay, EvaluationError):
        raise AssertionError(_error_text(scheme, values, pay))
    return pay


def _settings(max_examples: int | None, seed: int | None) -> tuple[int, int | None]:
    if max_examples is None:
        raw = os.environ.get(EXAMPLES_VARIABLE, "").strip()
        if not raw:
            return DEFAULT_EXAMPLES, _seed(seed)
        if not raw.isdigit() or int(raw) < 1:
            raise ArgumentError(f"{EXAMPLES_VARIABLE} must be a positive integer, got {raw!r}")
        return int(raw), _seed(seed)
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ArgumentError(f"max_examples must be a positive integer, got {max_examples!r}")
    return max_examples, _seed(seed)


def _seed(seed: Any) -> int | None:
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ArgumentError(f"seed must be an integer or None, got {seed!r}")
    return seed


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

    KPIs are searched in the old scheme's ranges; a KPI only the new scheme has, in its own.

    Parameters
    ----------
    old, new : Scheme or path
        The scheme in force and the proposed one (or their TOML files).
    tolerance : float
        The largest cut allowed, as a fraction of the old pay (``0.05``: 5%).
    max_examples : int, optional
        Cases to try (default :data:`DEFAULT_EXAMPLES`, or the environment variable
        :data:`EXAMPLES_VARIABLE`).
    seed : int, optional
        ``None`` (default): the same cases every run; an integer explores other cases
        reproducibly.

    Raises
    ------
    AssertionError
        With the shrunk KPI values, the cut in money and in %, and both amounts.

    Examples
    --------
    >>> assert_no_pay_cut("schemes/old.toml", "schemes/new.toml")  # doctest: +SKIP
    """
    old, new = as_scheme(old, "old"), as_scheme(new, "new")
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not 0 <= tolerance < 1
    ):
        raise ArgumentError(
            f"tolerance must be a fraction of pay in [0, 1), e.g. 0.05; got {tolerance!r}"
        )
    allowed = to_fraction(tolerance)
    max_examples, seed = _settings(max_examples, seed)
    ranges = {**kpi_ranges(new), **kpi_ranges(old)}

    def cut(point: dict[str, Fraction]) -> bool:
        before, after = _pay(old, point), _pay(new, point)
        if isinstance(before, EvaluationError) or isinstance(after, EvaluationError):
            return True
        return before - after > allowed * abs(before)

    found = _Search(_points(ranges), cut, ranges, max_examples, seed).run()
    if found is None:
        return
    before, after = _computed(old, found), _computed(new, found)
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
    from motivsim.checks import check

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


# -- random schemes ----------------------------------------------------------------------------
_KPI_NAMES: Final = ("revenue", "cars_sold", "margin", "calls", "deals", "выручка", "nps")


@st.composite
def scheme_texts(draw: Any) -> str:
    """TOML text of a random valid scheme: 1-3 KPIs with bounds and distributions, parameters,
    and a pay formula built from flat rates, tier tables, thresholds and caps.

    Every text loads with :func:`motivsim.loads` and its pay can be computed for every KPI value
    that :func:`kpi_values` draws; tier values are not always rising, so some schemes pay less
    for more (what lint and the assertions are for).

    Examples
    --------
    >>> from hypothesis import given
    >>> @given(scheme_texts())  # doctest: +SKIP
    ... def test_loads(text):
    ...     motivsim.loads(text)
    """
    names = draw(st.lists(st.sampled_from(_KPI_NAMES), min_size=1, max_size=3, unique=True))
    lines = ["[scheme]", f'name = "random {draw(st.integers(0, 999))}"', 'currency = "EUR"', ""]
    parts, params = [], {"base": draw(st.sampled_from([0, 1_000, 2_500]))}
    for i, name in enumerate(names):
        scale = 10 ** draw(st.integers(1, 7))
        lines += _kpi_lines(draw, name, scale)
        params[f"plan_{i}"] = scale
        parts.append(draw(_part(name, f"plan_{i}", scale)))
    lines += ["[params]", *(f"{k} = {v}" for k, v in params.items()), "", "[formula]"]
    lines += [f'part_{i} = "{text}"' for i, text in enumerate(parts)]
    lines.append('pay = "' + " + ".join(["base", *(f"part_{i}" for i in range(len(parts)))]) + '"')
    if draw(st.booleans()):
        lines += ["", "[principles]", f'plan_met = "{names[0]} >= plan_0"']
    return "\n".join(lines) + "\n"


def schemes() -> SearchStrategy[Scheme]:
    """Random valid :class:`~motivsim.Scheme` objects (:func:`scheme_texts`, loaded)."""
    from motivsim.loader import loads

    return scheme_texts().map(lambda text: loads(text, path="random.toml"))


def _kpi_lines(draw: Any, name: str, scale: int) -> list[str]:
    key = name if name.isascii() else f'"{name}"'
    lines = [f"[kpi.{key}]", f"controllable = {str(draw(st.booleans())).lower()}", "min = 0"]
    kind = draw(st.sampled_from(["none", "lognormal", "poisson", "uniform", "normal"]))
    if kind == "none" or draw(st.booleans()):
        lines.append(f"max = {3 * scale}")
    if kind == "lognormal":
        lines.append(f'distribution = {{ type = "lognormal", median = {scale}, sigma = 0.3 }}')
    elif kind == "poisson":
        lines.append(f'distribution = {{ type = "poisson", mean = {scale} }}')
    elif kind == "uniform":
        lines.append(f'distribution = {{ type = "uniform", low = 0, high = {2 * scale} }}')
    elif kind == "normal":
        lines.append(f'distribution = {{ type = "normal", mean = {scale}, sd = {scale // 4} }}')
    return [*lines, ""]


def _part(kpi: str, plan: str, scale: int) -> SearchStrategy[str]:
    """One pay component in ``kpi``: flat, step, marginal, interp, threshold bonus or a cap."""

    @st.composite
    def part(draw: Any) -> str:
        rate = _rate(draw)
        bounds = sorted(draw(st.sets(st.integers(1, 20), min_size=1, max_size=3)))
        points = ", ".join(f"{b / 10:g}" for b in bounds)
        rates = ", ".join(_rate(draw) for _ in range(len(bounds) + 1))
        amount = draw(st.sampled_from([500, 1_000, 25_000]))
        shapes = [
            f"{rate} * {kpi}",
            f"step({kpi} / {plan}, [{points}], [{rates}]) * {kpi}",
            f"marginal({kpi} / {plan}, [{points}], [{rates}]) * {plan}",
            f"interp({kpi} / {plan}, [0, {points}], [{rates}]) * {amount}",
            f"if({kpi} >= {bounds[0] / 10:g} * {plan}, {amount}, 0)",
            f"min({rate} * {kpi}, {amount * 10})",
        ]
        return draw(st.sampled_from(shapes))

    return part()


def _rate(draw: Any) -> str:
    value = Fraction(draw(st.integers(0, 100)), 1000)
    return f"{float(value):g}"


# -- helpers -----------------------------------------------------------------------------------
def _check_kpi(scheme: Scheme, kpi: Any) -> None:
    if kpi not in scheme.kpis:
        import difflib

        close = difflib.get_close_matches(str(kpi), list(scheme.kpis), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f"; KPIs: {', '.join(scheme.kpis)}"
        raise ArgumentError(f"{kpi!r} is not a KPI of scheme {scheme.name!r}{hint}")


def _bound(value: Any, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
        raise ArgumentError(f"{name} must be a number, got {value!r}")
    return to_fraction(value)


def _percent(change: Fraction, base: Fraction, *, sign: bool = True) -> str:
    """``−9.1%``: ``change`` as a percentage of ``base`` (with a true minus sign)."""
    if base == 0:
        return "from zero" if sign else "0%"
    pct = float(change / abs(base) * 100)
    text = f"{abs(pct):.1f}" if abs(pct) >= 0.1 or pct == 0 else f"{abs(pct):.2g}"
    prefix = ("−" if pct < 0 else "+") if sign else ""
    return f"{prefix}{text}%"


def _error_text(scheme: Scheme, values: Mapping[str, Fraction], error: EvaluationError) -> str:
    return (
        f"pay cannot be computed (scheme {scheme.name!r}) with {format_values(values)}: "
        f"{error.message}" + (f"\n  hint: {error.hint}" if error.hint else "")
    )
