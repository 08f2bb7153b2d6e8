"""Discrete KPI distributions on integers (poisson, binomial) and the constant KPI."""

from __future__ import annotations

import functools
import math
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from motivsim.distributions.base import Distribution, FloatArray, _special
from motivsim.distributions.params import (
    ParameterError,
    _check_reach,
    _chernoff,
    _fmt,
    _number,
    _show,
)
from motivsim.distributions.special import (
    MAX_TABLE_MEAN,
    MAX_TABLE_TRIALS,
    binomial_cdf_table,
    ndtri,
    negative_binomial_cdf_table,
    poisson_cdf_table,
)
from motivsim.limits import DRAW_TAIL

__all__ = ["Binomial", "Constant", "NegativeBinomial", "Poisson"]

#: The longest CDF table of a negative binomial (beyond it the CDF is scipy's ``betainc``).
MAX_NB_TABLE: Final = 200_000


def _ceil(x: float) -> float:
    return x if math.isinf(x) else float(math.ceil(x))


@dataclass(frozen=True, slots=True)
class _Lattice(Distribution):
    """A distribution on consecutive integers; ppf is the exact smallest k with CDF(k) >= u."""

    is_discrete = True

    @abstractmethod
    def _lattice_cdf(self, k: FloatArray) -> FloatArray:
        """CDF at integers ``k`` inside the support."""

    @abstractmethod
    def _moments(self) -> tuple[float, float, float]:
        """Mean, variance and ``1 - 2p`` (the skew factor) for the Cornish-Fisher guess."""

    def _cdf(self, x: float) -> float:
        s0, s1 = self._raw_support()
        if x < s0 or x >= s1:
            return 0.0 if x < s0 else 1.0
        return float(self._lattice_cdf(np.array([math.floor(x)], dtype=np.float64))[0])

    def _cdf_left(self, x: float) -> float:
        return self._cdf(_ceil(x) - 1.0)

    def _trunc_support(self, lo: float, hi: float) -> tuple[float, float]:
        s0, s1 = self._raw_support()
        return max(_ceil(lo), s0), min(-_ceil(-hi), s1)

    @property
    def integer_valued(self) -> bool:
        """Always ``True``: the values are consecutive whole numbers."""
        return True

    def _values_between(self, lo: float, hi: float, limit: int | None) -> FloatArray | None:
        first, last = _ceil(lo), -_ceil(-hi)
        if math.isinf(last) or (limit is not None and last - first + 1 > limit):
            return None
        return np.arange(first, last + 1, dtype=np.float64)

    def _ppf(self, u: FloatArray) -> FloatArray:
        s0, s1 = self._raw_support()
        mean, var, skew = self._moments()
        z = ndtri(np.clip(u, 1e-300, 1 - 1e-16))
        guess = np.clip(np.floor(mean + math.sqrt(var) * z + skew * (z * z - 1) / 6), s0, s1)
        work = np.where(u < 1.0, u, 0.0)
        lo, hi = self._bracket(work, guess, s0, s1)
        while np.any(active := lo < hi):
            mid = np.floor((lo + hi) / 2)
            ok = self._lattice_cdf(mid) >= work
            hi, lo = np.where(active & ok, mid, hi), np.where(active & ~ok, mid + 1, lo)
        return np.where(u < 1.0, lo, s1)

    def _bracket(
        self, u: FloatArray, k: FloatArray, s0: float, s1: float
    ) -> tuple[FloatArray, ...]:
        """``lo <= answer <= hi`` by galloping outward from the guess ``k``."""
        lo, hi, step = k.copy(), k.copy(), np.ones_like(k)
        while np.any(grow := (hi < s1) & (self._lattice_cdf(hi) < u)):
            hi, step = np.where(grow, np.minimum(hi + step, s1), hi), np.where(grow, 2 * step, step)
        step = np.ones_like(k)
        while np.any(shrink := (lo > s0) & (self._lattice_cdf(np.maximum(lo - 1, s0)) >= u)):
            lo = np.where(shrink, np.maximum(lo - step, s0), lo)
            step = np.where(shrink, 2 * step, step)
        return lo, hi


@dataclass(frozen=True, slots=True)
class Poisson(_Lattice):
    """Poisson distribution with mean ``rate`` (``rate = 0`` is the constant 0)."""

    kind = "poisson"
    rate: float

    def _validate(self) -> dict[str, Any]:
        rate = _number("mean", self.rate)
        if rate < 0:
            raise ParameterError("mean", f"mean must be >= 0, got {_fmt(rate)}")
        if rate > 0:  # Chernoff: P(X >= rate t) <= exp(-rate (t log t - t + 1)), for t > 1
            t = _chernoff(lambda t: rate * (t * math.log(t) - t + 1.0), -math.log(DRAW_TAIL))
            hint = "lower the mean"
            _check_reach(f"poisson(mean={_fmt(rate)})", "mean", 0.0, rate * t, hint)
        return {"rate": rate}

    def _params(self) -> dict[str, Any]:
        return {"mean": self.rate}

    def _raw_support(self) -> tuple[float, float]:
        return 0.0, math.inf if self.rate > 0 else 0.0

    def _moments(self) -> tuple[float, float, float]:
        return self.rate, self.rate, 1.0

    def _lattice_cdf(self, k: FloatArray) -> FloatArray:
        if self.rate <= MAX_TABLE_MEAN:
            return _lookup(_poisson_table(self.rate), k)
        return np.asarray(_special().pdtr(k, self.rate), dtype=np.float64)

    def _partial_mean(self, lo: float, hi: float) -> float:
        a, b = self._trunc_support(lo, hi)  # k P(k) = rate P(k - 1)
        return self.rate * max(self._cdf(b - 1) - self._cdf(a - 2), 0.0)


@dataclass(frozen=True, slots=True)
class Binomial(_Lattice):
    """Binomial distribution: successes in ``n`` trials of probability ``p``."""

    kind = "binomial"
    n: int
    p: float

    def _validate(self) -> dict[str, Any]:
        n, p = _number("n", self.n), _number("p", self.p)
        if n < 0 or not n.is_integer():
            raise ParameterError("n", f"n must be a whole number >= 0, got {_show(self.n)}")
        if not 0 <= p <= 1:
            raise ParameterError("p", f"p must be between 0 and 1, got {_fmt(p)}")
        return {"n": int(n), "p": p}

    def _params(self) -> dict[str, Any]:
        return {"n": self.n, "p": self.p}

    def _raw_support(self) -> tuple[float, float]:
        return float(self.n) if self.p == 1 else 0.0, float(self.n) if self.p > 0 else 0.0

    def _moments(self) -> tuple[float, float, float]:
        return self.n * self.p, self.n * self.p * (1 - self.p), 1 - 2 * self.p

    def _lattice_cdf(self, k: FloatArray) -> FloatArray:
        if self.n <= MAX_TABLE_TRIALS:
            return _lookup(_binomial_table(self.n, self.p), k)
        return np.asarray(_special().bdtr(k, self.n, self.p), dtype=np.float64)

    def _partial_mean(self, lo: float, hi: float) -> float:
        if self.n == 0 or self.p == 0:
            return 0.0
        a, b = self._trunc_support(lo, hi)  # k P(k) = n p P'(k - 1) with P' for n - 1 trials
        fewer = Binomial(self.n - 1, self.p)
        return self.n * self.p * max(fewer._cdf(b - 1) - fewer._cdf(a - 2), 0.0)


@dataclass(frozen=True, slots=True)
class NegativeBinomial(_Lattice):
    """Negative binomial distribution: counts more spread than a Poisson's (deals in a month
    when some months are busy and others quiet). ``n > 0`` and ``0 < p <= 1``: the failures
    before the ``n``-th success of trials of probability ``p`` (``n`` need not be whole), as
    ``scipy.stats.nbinom(n, p)``; the mean is ``n (1 - p) / p`` and the variance
    ``mean / p``. :meth:`from_mean_sd` takes the mean and a standard deviation above the
    Poisson's ``sqrt(mean)``.

    Examples
    --------
    >>> nb = NegativeBinomial.from_mean_sd(8.0, 4.0)
    >>> round(nb.n, 6), round(nb.p, 6)
    (8.0, 0.5)
    >>> round(nb.mean(), 6)
    8.0
    """

    kind = "negative_binomial"
    n: float
    p: float

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> NegativeBinomial:
        """The negative binomial of ``mean`` and standard deviation ``sd > sqrt(mean)``."""
        m, s = _number("mean", mean), _number("sd", sd)
        if not m > 0:
            raise ParameterError("mean", f"mean must be > 0, got {_fmt(m)}")
        if not s * s > m:
            raise ParameterError(
                "sd",
                f"sd must be more than sqrt(mean) = {_fmt(math.sqrt(m))} (a Poisson's), "
                f"got {_fmt(s)}",
                hint='counts spread no more than that are { type = "poisson", mean = ... }',
            )
        var = s * s
        return cls(m * m / (var - m), m / var)

    def _validate(self) -> dict[str, Any]:
        n, p = _number("n", self.n), _number("p", self.p)
        if not n > 0:
            raise ParameterError("n", f"n must be > 0, got {_fmt(n)}")
        if not 0 < p <= 1:
            raise ParameterError("p", f"p must be > 0 and at most 1, got {_fmt(p)}")
        if p < 1:  # Cantelli: P(K >= mean + t sd) <= 1 / (1 + t**2)
            mean = n * (1 - p) / p
            high = mean + math.sqrt(mean / p) * math.sqrt(1.0 / DRAW_TAIL)
            label = f"negative_binomial(n={_fmt(n)}, p={_fmt(p)})"
            _check_reach(label, "p", 0.0, high, "raise p, or lower the mean")
        return {"n": n, "p": p}

    def _params(self) -> dict[str, Any]:
        return {"n": self.n, "p": self.p}

    def _raw_support(self) -> tuple[float, float]:
        return 0.0, math.inf if self.p < 1 else 0.0

    def _moments(self) -> tuple[float, float, float]:
        mean = self.n * (1 - self.p) / self.p
        var = mean / self.p
        return mean, var, 1.0 - 2.0 * (1.0 - self.p)

    def _lattice_cdf(self, k: FloatArray) -> FloatArray:
        table = _nb_table(self.n, self.p)
        if table is not None:
            return _lookup(table, k)
        k = np.asarray(k, dtype=np.float64)
        out = _special().betainc(self.n, np.maximum(k, 0.0) + 1.0, self.p)
        return np.asarray(np.where(k < 0, 0.0, out), dtype=np.float64)

    def _partial_mean(self, lo: float, hi: float) -> float:
        if self.p == 1:
            return 0.0
        a, b = self._trunc_support(lo, hi)  # k P(k) = mean P'(k - 1) with P' for n + 1
        more = NegativeBinomial(self.n + 1.0, self.p)
        mean = self.n * (1 - self.p) / self.p
        return mean * max(more._cdf(b - 1) - more._cdf(a - 2), 0.0)


@dataclass(frozen=True, slots=True)
class Constant(Distribution):
    """A KPI that always takes ``value``."""

    kind = "constant"
    is_discrete = True
    value: float

    def _validate(self) -> dict[str, Any]:
        return {"value": _number("value", self.value)}

    def _params(self) -> dict[str, Any]:
        return {"value": self.value}

    def _raw_support(self) -> tuple[float, float]:
        return self.value, self.value

    def _ppf(self, u: FloatArray) -> FloatArray:
        return np.full(u.shape, self.value)

    def _cdf(self, x: float) -> float:
        return 1.0 if x >= self.value else 0.0

    def _cdf_left(self, x: float) -> float:
        return 1.0 if x > self.value else 0.0

    def _partial_mean(self, lo: float, hi: float) -> float:
        return self.value if lo <= self.value <= hi else 0.0

    @property
    def integer_valued(self) -> bool:
        """Whether ``value`` is a whole number."""
        return float(self.value).is_integer()

    def _values_between(self, lo: float, hi: float, limit: int | None) -> FloatArray | None:
        return np.array([self.value], dtype=np.float64)


@functools.lru_cache(maxsize=64)
def _poisson_table(rate: float) -> FloatArray:
    return poisson_cdf_table(rate)


@functools.lru_cache(maxsize=64)
def _binomial_table(n: int, p: float) -> FloatArray:
    return binomial_cdf_table(n, p)


@functools.lru_cache(maxsize=64)
def _nb_table(n: float, p: float) -> FloatArray | None:
    return negative_binomial_cdf_table(n, p, MAX_NB_TABLE)


def _lookup(table: FloatArray, k: FloatArray) -> FloatArray:
    """The tabulated CDF at whole numbers ``k`` (1 past the table's end, 0 below 0)."""
    k = np.asarray(k, dtype=np.float64)
    index = np.clip(k, 0, len(table) - 1).astype(np.intp)
    return np.where(k >= len(table), 1.0, np.where(k < 0, 0.0, table[index]))
