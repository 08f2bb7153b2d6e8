"""Special functions in numpy for the common distributions, so that ``check`` needs no scipy.

``scipy.special`` takes longer to import than a whole ``motivsim check`` of a typical scheme
takes to compute. The normal quantile and the Poisson and binomial CDFs below cover the common
KPI distributions (normal, lognormal, Poisson, binomial) to double precision; the rarer ones
(gamma, beta, very large Poisson means or binomial trials) still use scipy, imported on first use.

* :func:`ndtri` is Wichura's algorithm AS 241 (*Applied Statistics* 37(3), 1988, 477-484),
  accurate to about 1 part in 10**16, with the coefficients of CPython's
  ``statistics.NormalDist.inv_cdf``, vectorised.
* :func:`lattice_cdf_table` is the CDF of a discrete distribution on ``0..n`` from its log
  probabilities (``math.lgamma``), summed in order; used for Poisson means up to
  :data:`MAX_TABLE_MEAN` and binomials up to :data:`MAX_TABLE_TRIALS` trials, where the
  accumulated rounding stays below 1e-13.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "MAX_TABLE_MEAN",
    "MAX_TABLE_TRIALS",
    "binomial_cdf_table",
    "ndtr",
    "ndtri",
    "negative_binomial_cdf_table",
    "poisson_cdf_table",
]

FloatArray = npt.NDArray[np.float64]

#: Largest Poisson mean whose CDF is tabulated here (larger means use ``scipy.special.pdtr``).
MAX_TABLE_MEAN: Final = 1_000.0
#: Most binomial trials whose CDF is tabulated here (more use ``scipy.special.bdtr``).
MAX_TABLE_TRIALS: Final = 1_000

_A: Final = (
    3.3871328727963666080e0,
    1.3314166789178437745e2,
    1.9715909503065514427e3,
    1.3731693765509461125e4,
    4.5921953931549871457e4,
    6.7265770927008700853e4,
    3.3430575583588128105e4,
    2.5090809287301226727e3,
)
_B: Final = (
    1.0,
    4.2313330701600911252e1,
    6.8718700749205790830e2,
    5.3941960214247511077e3,
    2.1213794301586595867e4,
    3.9307895800092710610e4,
    2.8729085735721942674e4,
    5.2264952788528545610e3,
)
_C: Final = (
    1.42343711074968357734e0,
    4.63033784615654529590e0,
    5.76949722146069140550e0,
    3.64784832476320460504e0,
    1.27045825245236838258e0,
    2.41780725177450611770e-1,
    2.27238449892691845833e-2,
    7.74545014278341407640e-4,
)
_D: Final = (
    1.0,
    2.05319162663775882187e0,
    1.67638483018380384940e0,
    6.89767334985100004550e-1,
    1.48103976427480074590e-1,
    1.51986665636164571966e-2,
    5.47593808499534494600e-4,
    1.05075007164441684324e-9,
)
_E: Final = (
    6.65790464350110377720e0,
    5.46378491116411436990e0,
    1.78482653991729133580e0,
    2.96560571828504891230e-1,
    2.65321895265761230930e-2,
    1.24266094738807843860e-3,
    2.71155556874348757815e-5,
    2.01033439929228813265e-7,
)
_F: Final = (
    1.0,
    5.99832206555887937690e-1,
    1.36929880922735805310e-1,
    1.48753612908506148525e-2,
    7.86869131145613259100e-4,
    1.84631831751005468180e-5,
    1.42151175831644588870e-7,
    2.04426310338993978564e-15,
)


def _poly(coefficients: tuple[float, ...], x: FloatArray) -> FloatArray:
    """``c0 + c1 x + ... + c7 x**7`` by Horner's rule."""
    out = np.full(x.shape, coefficients[-1])
    for c in reversed(coefficients[:-1]):
        out = out * x + c
    return out


def ndtri(p: npt.ArrayLike) -> FloatArray:
    """The standard normal quantile: ``x`` with ``Phi(x) = p`` (``-inf`` at 0, ``inf`` at 1).

    Examples
    --------
    >>> from statistics import NormalDist
    >>> float(ndtri(0.975)) == NormalDist().inv_cdf(0.975)
    True
    >>> ndtri([0.0, 0.5, 1.0]).tolist()
    [-inf, 0.0, inf]
    """
    p = np.asarray(p, dtype=np.float64)
    q = p - 0.5
    out = np.empty(p.shape)
    central = np.abs(q) <= 0.425
    if central.any():
        qc = q[central]
        r = 0.180625 - qc * qc
        out[central] = qc * _poly(_A, r) / _poly(_B, r)
    tail = ~central & (p > 0) & (p < 1)
    if tail.any():
        qt = q[tail]
        r = np.sqrt(-np.log(np.where(qt <= 0, p[tail], 1.0 - p[tail])))
        near = r <= 5.0
        x = np.where(
            near,
            _poly(_C, r - 1.6) / _poly(_D, r - 1.6),
            _poly(_E, r - 5.0) / _poly(_F, r - 5.0),
        )
        out[tail] = np.where(qt < 0, -x, x)
    out[p == 0] = -np.inf
    out[p == 1] = np.inf
    out[~((p >= 0) & (p <= 1))] = np.nan
    return out


def ndtr(x: float) -> float:
    """The standard normal CDF ``Phi(x)`` of a scalar (``math.erfc``: accurate in both tails).

    Examples
    --------
    >>> round(ndtr(1.959963984540054), 12)
    0.975
    """
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def poisson_cdf_table(rate: float) -> FloatArray:
    """``P(K <= k)`` for ``k = 0..n``, ``K ~ Poisson(rate)``, ``n`` far enough into the upper
    tail that ``1 - P(K <= n)`` is below double precision (``rate <= MAX_TABLE_MEAN``)."""
    n = int(rate + 40.0 * math.sqrt(rate) + 40.0)
    if rate == 0:
        return np.ones(n + 1)
    log_rate = math.log(rate)
    terms = [math.exp(k * log_rate - rate - math.lgamma(k + 1.0)) for k in range(n + 1)]
    return _cumulative(terms)


def binomial_cdf_table(n: int, p: float) -> FloatArray:
    """``P(K <= k)`` for ``k = 0..n``, ``K ~ Binomial(n, p)`` (``n <= MAX_TABLE_TRIALS``).

    Each probability is ``comb(n, k) p**k (1 - p)**(n - k)`` in floats (exact for ``p = 0.5``),
    so a CDF that is a round number, such as 0.5 for 3 trials of 1/2, is exactly that number.
    """
    if p in (0.0, 1.0):
        ks = np.arange(n + 1, dtype=np.float64)
        return np.where(ks >= (n if p == 1.0 else 0), 1.0, 0.0)
    q = 1.0 - p
    terms: list[float] = []
    for k in range(n + 1):
        term = float(math.comb(n, k)) * p**k * q ** (n - k)
        if term == 0.0 or not math.isfinite(term):  # underflow of a factor: go through logs
            log = math.lgamma(n + 1.0) - math.lgamma(k + 1.0) - math.lgamma(n - k + 1.0)
            term = math.exp(log + k * math.log(p) + (n - k) * math.log1p(-p))
        terms.append(term)
    return _cumulative(terms)


def negative_binomial_cdf_table(n: float, p: float, limit: int) -> FloatArray | None:
    """``P(K <= k)`` for ``k = 0, 1, ...`` until ``1 - P(K <= k)`` is below double precision,
    ``K`` the negative binomial of ``n > 0`` and ``0 < p <= 1`` (failures before the ``n``-th
    success); ``None`` when that takes more than ``limit`` values.

    Each probability is ``C(k + n - 1, k) p**n (1 - p)**k`` through logs; the table ends where
    the ratio of successive terms, ``(k + n) / (k + 1) (1 - p)``, is below 1 from there on and
    bounds the tail by a geometric series below 1e-17.
    """
    if p >= 1.0:
        return np.ones(1)
    log_p, log_q, q = math.log(p), math.log1p(-p), 1.0 - p
    terms: list[float] = []
    log_c = 0.0  # log C(k + n - 1, k)
    for k in range(limit):
        if k:
            log_c += math.log((k + n - 1.0) / k)
        term = math.exp(log_c + n * log_p + k * log_q)
        terms.append(term)
        ratio = max((k + n) / (k + 1.0), 1.0) * q  # bounds every later ratio
        if ratio < 1.0 and term * ratio / (1.0 - ratio) < 1e-17:
            return _cumulative(terms)
    return None


def _cumulative(terms: list[float]) -> FloatArray:
    """Running sums of probabilities ``terms`` (compensated, so each is within about an ulp),
    the upper tail summed from the top so that ``1 - P(K > k)`` keeps its digits near 1."""
    lower, upper = _running(terms), _running(terms[::-1])[::-1]
    tail = np.append(upper[1:], 0.0)  # P(K > k)
    out = np.where(lower <= 0.5, lower, 1.0 - tail)
    return np.minimum(out, 1.0)


def _running(terms: list[float]) -> FloatArray:
    """Neumaier's compensated running sum."""
    out = np.empty(len(terms))
    total = compensation = 0.0
    for i, term in enumerate(terms):
        t = total + term
        if abs(total) >= abs(term):
            compensation += (total - t) + term
        else:
            compensation += (term - t) + total
        total = t
        out[i] = total + compensation
    return out
