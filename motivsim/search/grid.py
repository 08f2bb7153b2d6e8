"""Where a KPI realistically lies (:func:`realistic_range`) and the values to look at along it
(:func:`kpi_grid`): the one home of both, for every stage that moves a KPI across its range.

==========================  ===============================================  ====================
consumer                    range                                            grid
==========================  ===============================================  ====================
``lint`` scan               ``realistic_range(kpi)``: 0.1%-99.9% quantiles   ``kpi_grid(lo, hi,
(:mod:`~motivsim.findings.                                                   dist)``, 257 points
scan`)
plan level of ``check``     ``realistic_range(kpi)``                         ``kpi_grid(lo, hi)``
(:mod:`~motivsim.checks.                                                     (then bisected)
targets`)
pay curve of ``plot``       ``realistic_range(kpi, tail=0.005,               ``kpi_grid(lo, hi,
(:mod:`~motivsim.reporting  ends="declared", origin=True)``, then widened    dist, points=n,
.plot.curve`)               to show markers                                  limit=n)``
counterexample search       ``realistic_range(kpi, tail=1/10_000,            (hypothesis draws
(:func:`~motivsim.search.   ends="support", guess=False)`` as exact          round multiples)
ranges.kpi_ranges`)         fractions (:meth:`Span.exact`)
==========================  ===============================================  ====================

A *discrete* KPI (:attr:`Distribution.is_discrete
<motivsim.distributions.Distribution.is_discrete>`) is not necessarily a whole-number one: an
``empirical`` conversion rate takes the values ``0.62, 0.8, ...``. The grid of a discrete KPI
holds values it can take (:func:`on_support`): whole numbers when
:attr:`~motivsim.distributions.Distribution.integer_valued`, else its own values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.distributions.base import Distribution
    from motivsim.scheme.model import Kpi

__all__ = [
    "GRID",
    "SCAN_TAIL",
    "Ends",
    "Source",
    "Span",
    "kpi_grid",
    "on_support",
    "realistic_range",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
#: Where each end of a :class:`Span` comes from.
Source = Literal["declared", "support", "quantile", "origin", "typical"]
#: Which ends :func:`realistic_range` prefers to a distribution's tail quantiles.
Ends = Literal["quantiles", "support", "declared"]

#: Grid points along a continuous KPI's range; a discrete KPI lists up to 4x this many values.
GRID: Final = 257
#: Probability left out on each side of a distribution by default (the ``lint`` scan's range).
SCAN_TAIL: Final = 0.001


@dataclass(frozen=True, slots=True)
class Span:
    """Where KPI ``kpi`` realistically lies: from ``low`` to ``high`` (``None``: unknown).

    ``low_from`` / ``high_from`` say where each end comes from: ``"declared"`` (the KPI's
    ``min``/``max``), ``"support"`` (the end of its distribution's support), ``"quantile"`` (a
    tail quantile of its distribution), ``"origin"`` (0, for an axis) or ``"typical"`` (guessed
    from the typical value). ``reason`` says why the span cannot be used (``None`` when it can).
    Built by :func:`realistic_range`.
    """

    kpi: str
    low: float | None
    high: float | None
    low_from: Source | None = None
    high_from: Source | None = None
    reason: str | None = None

    @property
    def bounds(self) -> tuple[float, float] | None:
        """``(low, high)`` when both are known and ``low < high``; else ``None`` (see ``reason``).

        Examples
        --------
        >>> Span("calls", 0.0, 40.0).bounds
        (0.0, 40.0)
        >>> Span("calls", 5.0, 5.0, reason="it always takes 5").bounds is None
        True
        """
        if self.low is None or self.high is None or not self.high > self.low:
            return None
        return self.low, self.high

    def exact(self) -> tuple[Fraction | None, Fraction | None]:
        """The ends as exact fractions: a declared or support end exactly as written (its
        shortest repr), a quantile or a typical-value guess as a 10-significant-digit decimal.

        Examples
        --------
        >>> Span("x", 0.1, 1234.5678901234, "declared", "quantile").exact()
        (Fraction(1, 10), Fraction(123456789, 100000))
        """
        return _exact(self.low, self.low_from), _exact(self.high, self.high_from)


def _exact(value: float | None, source: Source | None) -> Fraction | None:
    if value is None:
        return None
    if source in ("declared", "support", "origin"):
        return to_fraction(value)
    return Fraction(f"{value:.10g}")


def realistic_range(
    kpi: Kpi,
    *,
    tail: float | Fraction = SCAN_TAIL,
    ends: Ends = "quantiles",
    origin: bool = False,
    guess: bool = True,
) -> Span:
    """Where ``kpi`` realistically lies: the one rule behind ``lint``, ``check``, ``plot`` and
    the counterexample search, with the variants they need.

    Each end is taken from the first of these that gives it:

    1. with ``ends="declared"``, the KPI's declared ``min``/``max``;
    2. its distribution (already truncated to ``min``/``max`` by the loader): the ``tail`` and
       ``1 - tail`` quantiles, or with ``ends="support"`` a *finite* end of its support;
    3. without a distribution, the declared ``min``/``max``;
    4. with ``guess=True``, the typical value (:meth:`Kpi.typical_value
       <motivsim.Kpi.typical_value>`): the low end 0 (``2 x typical`` when typical is negative),
       the high end ``2 x typical`` (0 when typical is negative).

    With ``origin=True`` (a plot's x axis) a low end that is a quantile moves to 0 when the KPI
    cannot be negative and that quantile is below half the high quantile.

    A constant KPI gives ``low == high`` and a ``reason``; so does a KPI with nothing to go on.
    Nothing is raised: each consumer decides (``lint`` skips the KPI, ``plot`` draws a constant
    KPI from 0 to twice its value or says why it cannot).

    Parameters
    ----------
    kpi : Kpi
        The KPI.
    tail : float or Fraction, default :data:`SCAN_TAIL`
        Probability left out on each side of the distribution, in ``[0, 0.5)``.
    ends : {"quantiles", "support", "declared"}
        What comes before the tail quantiles (see above).
    origin : bool
        Start at 0 rather than just above it (see above).
    guess : bool
        Fill unknown ends from the typical value (see above).

    Returns
    -------
    Span
        The ends, where each comes from, and ``bounds`` (``None`` when unusable).

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Example"
    ... [kpi.revenue]
    ... controllable = true
    ... min = 0
    ... distribution = { type = "uniform", low = 100_000, high = 2_000_000 }
    ... [kpi.conversion]
    ... controllable = true
    ... distribution = { type = "empirical", values = [0.62, 0.8, 0.93, 1.04, 1.4] }
    ... [kpi.calls]
    ... controllable = true
    ... typical = 40
    ... [kpi.team]
    ... controllable = false
    ... distribution = { type = "constant", value = 5 }
    ... [formula]
    ... pay = "0.05 * revenue + 1000 * conversion + 10 * calls + team"
    ... ''')
    >>> realistic_range(scheme.kpis["revenue"]).bounds
    (101900.0, 1998100.0)
    >>> realistic_range(scheme.kpis["revenue"], ends="support").bounds
    (100000.0, 2000000.0)
    >>> realistic_range(scheme.kpis["revenue"], ends="declared").bounds
    (0.0, 1998100.0)
    >>> realistic_range(scheme.kpis["conversion"]).bounds
    (0.62, 1.4)
    >>> realistic_range(scheme.kpis["calls"])
    Span(kpi='calls', low=0.0, high=80.0, low_from='typical', high_from='typical', reason=None)
    >>> realistic_range(scheme.kpis["team"]).reason
    'it always takes the value 5'
    """
    if isinstance(tail, bool) or not 0 <= tail < Fraction(1, 2):
        raise ArgumentError(f"tail must be a probability in [0, 0.5), got {tail!r}")
    if ends not in ("quantiles", "support", "declared"):
        raise ArgumentError(f"ends must be 'quantiles', 'support' or 'declared', got {ends!r}")
    low: float | None = None
    high: float | None = None
    low_from: Source | None = None
    high_from: Source | None = None
    if ends == "declared" or kpi.distribution is None:
        if kpi.min is not None:
            low, low_from = float(kpi.min), "declared"
        if kpi.max is not None:
            high, high_from = float(kpi.max), "declared"
    dist = kpi.distribution
    if dist is not None:
        q_low, q_high = (float(q) for q in dist.ppf(np.array([float(tail), float(1 - tail)])))
        s_low, s_high = dist.support()
        if low is None:
            low, low_from = q_low, "quantile"
            if ends == "support" and math.isfinite(s_low):
                low, low_from = s_low, "support"
            elif origin and s_low >= 0 and q_low < q_high / 2:
                low, low_from = 0.0, "origin"
        if high is None:
            high, high_from = q_high, "quantile"
            if ends == "support" and math.isfinite(s_high):
                high, high_from = s_high, "support"
    typical = kpi.typical_value()
    if guess and low is None:
        low, low_from = (2 * typical if typical is not None and typical < 0 else 0.0), "typical"
    if guess and high is None and typical is not None and typical != 0:
        high, high_from = max(2 * typical, 0.0), "typical"
    return Span(kpi.name, low, high, low_from, high_from, _reason(kpi, low, high, typical))


def _reason(kpi: Kpi, low: float | None, high: float | None, typical: float | None) -> str | None:
    """Why ``[low, high]`` cannot be used as the range of ``kpi`` (``None`` when it can)."""
    if low is not None and high is not None and high > low:
        return None
    if low is None or high is None:
        missing = "min" if high is not None else ("min, max" if low is None else "max")
        if typical == 0:
            return f"it has no {missing} or distribution, and its typical value 0 gives no spread"
        return f"it has no {missing}, distribution or typical value"
    if low == high:
        return f"it always takes the value {low:g}"
    return f"its low end {low:g} is above its high end {high:g}"


def kpi_grid(
    lo: float,
    hi: float,
    dist: Distribution | None = None,
    *,
    points: int = GRID,
    limit: int | None = None,
) -> FloatArray:
    """The values at which to look at pay along a KPI from ``lo`` to ``hi``: sorted, unique.

    * a whole-number KPI (:attr:`Distribution.integer_valued
      <motivsim.distributions.Distribution.integer_valued>`: poisson, binomial, whole-number
      observations): every whole number in ``[lo, hi]`` when there are at most ``limit``, else
      ``points`` evenly spread ones (rounded);
    * another discrete KPI (observed values such as ``0.62, 0.8, ...``): the values it takes in
      ``[lo, hi]`` when there are at most ``limit``, else the ``points`` of them nearest to
      evenly spaced numbers;
    * a continuous KPI, one without a distribution, or a discrete one with fewer than two values
      in ``[lo, hi]``: ``points`` evenly spaced numbers from ``lo`` to ``hi``.

    Parameters
    ----------
    lo, hi : float
        The range, finite, ``lo < hi`` (a :attr:`Span.bounds`).
    dist : Distribution, optional
        The KPI's distribution; ``None`` for the evenly spaced grid.
    points : int, default :data:`GRID`
        Evenly spaced values, at least 2.
    limit : int, optional
        Most values of a discrete KPI listed one by one (default ``4 * points``).

    Examples
    --------
    >>> from motivsim.distributions import Empirical, Poisson
    >>> kpi_grid(0.0, 1.0, points=5).tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> kpi_grid(2.5, 7.0, Poisson(5.0)).tolist()
    [3.0, 4.0, 5.0, 6.0, 7.0]
    >>> kpi_grid(0.62, 1.4, Empirical((0.62, 0.8, 0.93, 1.04, 1.1, 1.25, 1.4))).tolist()
    [0.62, 0.8, 0.93, 1.04, 1.1, 1.25, 1.4]
    >>> kpi_grid(0, 1000, Poisson(500.0), points=5, limit=5).tolist()
    [0.0, 250.0, 500.0, 750.0, 1000.0]
    """
    if isinstance(points, bool) or not isinstance(points, int | np.integer) or points < 2:
        raise ArgumentError(f"points must be an integer >= 2, got {points!r}")
    points, lo, hi = int(points), float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ArgumentError(f"a grid needs finite ends with lo < hi, got {(lo, hi)!r}")
    limit = 4 * points if limit is None else limit
    if dist is not None and dist.is_discrete:
        values = _discrete_grid(lo, hi, dist, points, limit)
        if values is not None and values.size >= 2:
            return values
    return np.linspace(lo, hi, points)


def _discrete_grid(
    lo: float, hi: float, dist: Distribution, points: int, limit: int
) -> FloatArray | None:
    if dist.integer_valued:
        first, last = math.ceil(lo), math.floor(hi)
        if last - first + 1 <= limit:
            return np.arange(first, last + 1, dtype=np.float64)
        return np.unique(np.round(np.linspace(first, last, points)))
    values = dist.support_values(lo, hi)
    if values is None or values.size <= limit:
        return values
    targets = np.linspace(values[0], values[-1], points)
    right = np.clip(np.searchsorted(values, targets), 1, values.size - 1)
    nearer_left = targets - values[right - 1] <= values[right] - targets
    return np.unique(values[np.where(nearer_left, right - 1, right)])


def on_support(dist: Distribution | None, x: npt.ArrayLike) -> BoolArray:
    """Whether a KPI with distribution ``dist`` can take each value of ``x``, as
    :func:`kpi_grid` sees it: any value for a continuous KPI (or none given), any whole number
    for a whole-number one, one of its own values for another discrete one.

    Examples
    --------
    >>> from motivsim.distributions import Empirical, Poisson
    >>> on_support(Poisson(3.0), [2.0, 2.5]).tolist()
    [True, False]
    >>> on_support(Empirical((0.62, 0.8)), [0.62, 0.7]).tolist()
    [True, False]
    >>> on_support(None, [0.7]).tolist()
    [True]
    """
    arr = np.asarray(x, dtype=np.float64)
    if dist is None or not dist.is_discrete:
        return np.ones(arr.shape, dtype=np.bool_)
    if dist.integer_valued:
        return np.asarray(arr == np.floor(arr))
    values = dist.support_values()
    if values is None:  # pragma: no cover - every discrete type lists its values without limit
        return np.ones(arr.shape, dtype=np.bool_)
    return np.isin(arr, values)
