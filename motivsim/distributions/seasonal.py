"""A KPI distribution in a season: its level multiplied by a ``seasonality`` factor.

``[kpi.X] seasonality = [...]`` gives one factor per period of the plan year; in period ``t`` of
a simulation the KPI is drawn from :func:`scaled` ``(distribution, factor[t % periods_per_year])``:

==========================================  ====================================================
distribution                                in a period with factor ``f``
==========================================  ====================================================
lognormal, gamma, normal, uniform,          the value times ``f`` (median, scale, mean and sd,
triangular, beta, constant, empirical       ends of the range, each observed value: all times
                                            ``f``), so the mean is ``f`` times as large and the
                                            spread relative to it unchanged
poisson                                     mean times ``f``
binomial                                    ``p`` times ``f`` (``n`` kept): the mean times ``f``;
                                            ``p * f`` must stay at most 1
==========================================  ====================================================

The KPI's ``min`` and ``max`` still truncate the scaled distribution (a share capped at 100%
stays capped), so with a bound that cuts into the distribution the mean moves by a little
less than ``f``.
"""

from __future__ import annotations

import math
from dataclasses import replace

from motivsim.distributions.base import Distribution
from motivsim.distributions.continuous import Beta, Gamma, LogNormal, Normal, Triangular, Uniform
from motivsim.distributions.discrete import Binomial, Constant, NegativeBinomial, Poisson
from motivsim.distributions.empirical import Empirical
from motivsim.distributions.params import ParameterError, _fmt

__all__ = ["scaled"]


def scaled(
    dist: Distribution, factor: float, *, lower: float | None = None, upper: float | None = None
) -> Distribution:
    """``dist`` in a period whose seasonality factor is ``factor`` (see the module's table),
    truncated to ``[lower, upper]`` and to ``dist``'s own bounds; ``dist`` itself for 1.

    Raises :class:`ParameterError` when the scaled distribution is not a valid one (a binomial
    ``p * factor`` above 1, a spread beyond the limits of a scheme's numbers, bounds that
    leave no probability).

    Examples
    --------
    >>> from motivsim.distributions import LogNormal, Poisson
    >>> print(scaled(LogNormal(1_000.0, 0.3), 1.5))
    lognormal(median=1,500, sigma=0.3)
    >>> print(scaled(Poisson(8.0), 0.5, lower=0))
    poisson(mean=4)
    """
    if not (isinstance(factor, int | float) and math.isfinite(factor) and factor > 0):
        raise ParameterError(None, f"a seasonality factor must be a number > 0, got {factor!r}")
    if factor == 1.0:
        return dist
    lo = max(dist.lower, -math.inf if lower is None else float(lower))
    hi = min(dist.upper, math.inf if upper is None else float(upper))
    f = float(factor)
    plain = dist.truncate()  # without bounds: they are applied again to the scaled one
    if isinstance(plain, LogNormal):
        out: Distribution = replace(plain, scale=plain.scale * f)
    elif isinstance(plain, Gamma):
        out = replace(plain, scale=plain.scale * f)
    elif isinstance(plain, Normal):
        out = replace(plain, mu=plain.mu * f, sd=plain.sd * f)
    elif isinstance(plain, Uniform):
        out = replace(plain, low=plain.low * f, high=plain.high * f)
    elif isinstance(plain, Triangular):
        out = replace(plain, low=plain.low * f, mode=plain.mode * f, high=plain.high * f)
    elif isinstance(plain, Beta):
        out = replace(plain, low=plain.low * f, high=plain.high * f)
    elif isinstance(plain, Constant):
        out = replace(plain, value=plain.value * f)
    elif isinstance(plain, Empirical):
        out = replace(plain, values=tuple(v * f for v in plain.values))
    elif isinstance(plain, Poisson):
        out = replace(plain, rate=plain.rate * f)
    elif isinstance(plain, NegativeBinomial):  # the mean times f, n (the shape) kept
        mean = plain.n * (1.0 - plain.p) / plain.p
        out = replace(plain, p=plain.n / (plain.n + mean * f))
    elif isinstance(plain, Binomial):
        if plain.p * f > 1.0:
            raise ParameterError(
                "p",
                f"factor {_fmt(f)} makes p = {_fmt(plain.p)} x {_fmt(f)} = {_fmt(plain.p * f)} "
                f"in {dist}, above 1",
                hint=f"a binomial's mean n p can grow only while p <= 1: keep factors at most "
                f"{math.floor(100.0 / plain.p) / 100:g} here, or raise n and lower p",
            )
        out = replace(plain, p=plain.p * f)
    else:
        raise ParameterError(None, f"seasonality cannot scale a {dist.kind} distribution")
    return out.truncate(None if math.isinf(lo) else lo, None if math.isinf(hi) else hi)
