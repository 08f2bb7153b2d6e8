"""Hypothesis strategies: KPI values inside a scheme's ranges, and random valid schemes."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, Final

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from motivsim.errors import ArgumentError
from motivsim.scheme.load import as_scheme, loads
from motivsim.scheme.model import Scheme
from motivsim.search.ranges import KpiRange, as_number, kpi_ranges
from motivsim.validation import did_you_mean

__all__ = ["kpi_values", "scheme_texts", "schemes"]

SchemeLike = Scheme | str | Path
Values = dict[str, int | float]


# -- KPI values --------------------------------------------------------------------------------
def kpi_values(scheme: SchemeLike, *, kpis: list[str] | None = None) -> SearchStrategy[Values]:
    """Dicts of KPI values inside each KPI's declared ``min``/``max`` and distribution support.

    Values are built from integers times round amounts around the plan (or the typical value),
    plus the points where pay switches (tier breakpoints, thresholds, caps) and their
    neighbours, so failing examples shrink toward the plan and toward round numbers. Count
    KPIs (poisson, binomial) get whole numbers. See :mod:`motivsim.search.ranges` for the ranges.

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


def _points(ranges: Mapping[str, KpiRange]) -> SearchStrategy[dict[str, Fraction]]:
    """Search points: KPI values as exact fractions."""
    return st.fixed_dictionaries({k: _exact(r) for k, r in ranges.items()})


def _check_kpi(scheme: Scheme, kpi: Any) -> None:
    __tracebackhide__ = True
    if kpi not in scheme.kpis:
        hint = did_you_mean(kpi, scheme.kpis) or f"; KPIs: {', '.join(scheme.kpis)}"
        raise ArgumentError(f"{kpi!r} is not a KPI of scheme {scheme.name!r}{hint}")


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
