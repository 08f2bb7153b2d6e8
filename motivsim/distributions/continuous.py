"""Continuous KPI distributions: normal, lognormal, uniform, triangular, beta and gamma."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from motivsim.distributions.base import Distribution, FloatArray, _special
from motivsim.distributions.params import (
    ParameterError,
    _check_reach,
    _chernoff,
    _exp,
    _fmt,
    _interval,
    _number,
    _positive,
)
from motivsim.distributions.special import ndtr, ndtri
from motivsim.limits import DRAW_TAIL, MAX_ABS_NUMBER

__all__ = ["Beta", "Gamma", "LogNormal", "Normal", "Triangular", "Uniform"]


#: ``z`` with ``Phi(z) = 1 - DRAW_TAIL``: how many standard deviations a trillion draws reach.
_TAIL_Z: Final = -float(ndtri(DRAW_TAIL))
#: ``log(1 / DRAW_TAIL)``, the exponent of a Chernoff bound at the tail probability.
_TAIL_LOG: Final = -math.log(DRAW_TAIL)


def _ndtr_diff(a: float, b: float) -> float:
    """Φ(b) - Φ(a), computed on the side of the mean where it keeps its digits."""
    return ndtr(-a) - ndtr(-b) if a > 0 else ndtr(b) - ndtr(a)


def _gammainc_diff(s: float, x0: float, x1: float) -> float:
    """P(s, x1) - P(s, x0) for the regularized lower incomplete gamma P."""
    sp = _special()
    if x0 > s:
        return float(sp.gammaincc(s, x0) - sp.gammaincc(s, x1))
    return float(sp.gammainc(s, x1) - sp.gammainc(s, x0))


@dataclass(frozen=True, slots=True)
class Normal(Distribution):
    """Normal distribution with mean ``mu`` and standard deviation ``sd``."""

    kind = "normal"
    mu: float
    sd: float

    def _validate(self) -> dict[str, Any]:
        mu, sd = _number("mean", self.mu), _positive("sd", self.sd)
        label = f"normal(mean={_fmt(mu)}, sd={_fmt(sd)})"
        hint = f"lower sd: a trillion draws reach mean ± {_TAIL_Z:.1f} sd (min/max do not count)"
        _check_reach(label, "sd", mu - _TAIL_Z * sd, mu + _TAIL_Z * sd, hint)
        return {"mu": mu, "sd": sd}

    def _params(self) -> dict[str, Any]:
        return {"mean": self.mu, "sd": self.sd}

    def _raw_support(self) -> tuple[float, float]:
        return -math.inf, math.inf

    def _ppf(self, u: FloatArray) -> FloatArray:
        return np.asarray(self.mu + self.sd * ndtri(u), dtype=np.float64)

    def _isf(self, q: FloatArray) -> FloatArray:
        return np.asarray(self.mu - self.sd * ndtri(q), dtype=np.float64)

    def _cdf(self, x: float) -> float:
        return ndtr((x - self.mu) / self.sd)

    def _sf(self, x: float) -> float:
        return ndtr((self.mu - x) / self.sd)

    def _partial_mean(self, lo: float, hi: float) -> float:
        a, b = (lo - self.mu) / self.sd, (hi - self.mu) / self.sd
        phi = (math.exp(-a * a / 2) - math.exp(-b * b / 2)) / math.sqrt(2 * math.pi)
        return self.mu * _ndtr_diff(a, b) + self.sd * phi


@dataclass(frozen=True, slots=True)
class LogNormal(Distribution):
    """Lognormal distribution: ``log(X)`` is normal with median ``scale`` and spread ``sigma``."""

    kind = "lognormal"
    scale: float
    sigma: float

    def _validate(self) -> dict[str, Any]:
        scale, sigma = _positive("median", self.scale), _positive("sigma", self.sigma)
        label = f"lognormal(median={_fmt(scale)}, sigma={_fmt(sigma)})"
        hint = (
            "lower sigma: it is the spread of log(KPI), 0.1 is tight and 0.5 is wide "
            f"(with sigma = 2, draws already range from median / {_exp(2 * _TAIL_Z):.0e} "
            f"to median * {_exp(2 * _TAIL_Z):.0e})"
        )
        log_scale = math.log(scale)
        _check_reach(label, "sigma", 0.0, _exp(log_scale + _TAIL_Z * sigma), hint)
        mean = _exp(log_scale + sigma * sigma / 2)
        if not mean <= MAX_ABS_NUMBER:
            msg = f"{label} has a mean of {_fmt(mean)}, above {MAX_ABS_NUMBER:g}"
            raise ParameterError("sigma", msg, hint=hint)
        return {"scale": scale, "sigma": sigma}

    @classmethod
    def from_mean_cv(cls, mean: object, cv: object) -> LogNormal:
        """The lognormal with this mean and coefficient of variation (sd / mean)."""
        m, c = _positive("mean", mean), _positive("cv", cv)
        s2 = math.log1p(c * c)
        try:
            return cls(m * math.exp(-s2 / 2), math.sqrt(s2))
        except ParameterError as exc:  # the spread comes from cv: point there
            raise ParameterError("cv", exc.message, hint="lower cv, e.g. 0.3") from None

    def _params(self) -> dict[str, Any]:
        return {"median": self.scale, "sigma": self.sigma}

    def _raw_support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _z(self, x: float) -> float:
        if not x > 0:
            return -math.inf
        ratio = x / self.scale  # it under- or overflows for x far from the median: then logs
        log = math.log(ratio) if 0.0 < ratio < math.inf else math.log(x) - math.log(self.scale)
        return log / self.sigma

    def _ppf(self, u: FloatArray) -> FloatArray:
        return np.asarray(self.scale * np.exp(self.sigma * ndtri(u)), dtype=np.float64)

    def _isf(self, q: FloatArray) -> FloatArray:
        return np.asarray(self.scale * np.exp(-self.sigma * ndtri(q)), dtype=np.float64)

    def _cdf(self, x: float) -> float:
        return ndtr(self._z(x))

    def _sf(self, x: float) -> float:
        return ndtr(-self._z(x))

    def _partial_mean(self, lo: float, hi: float) -> float:
        s = self.sigma  # the mean scale * exp(s * s / 2) is at most 1e15 (see _validate), but
        # exp(s * s / 2) alone overflows for a tiny median: then one exp of the sum of logs
        if s * s / 2 < 700.0:
            factor = self.scale * math.exp(s * s / 2)
        else:
            factor = math.exp(math.log(self.scale) + s * s / 2)
        return factor * _ndtr_diff(self._z(lo) - s, self._z(hi) - s)


@dataclass(frozen=True, slots=True)
class Uniform(Distribution):
    """Uniform distribution on ``[low, high]``."""

    kind = "uniform"
    low: float
    high: float

    def _validate(self) -> dict[str, Any]:
        return _interval(self.low, self.high)

    def _params(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high}

    def _raw_support(self) -> tuple[float, float]:
        return self.low, self.high

    def _ppf(self, u: FloatArray) -> FloatArray:
        return self.low + u * (self.high - self.low)

    def _cdf(self, x: float) -> float:
        return min(max((x - self.low) / (self.high - self.low), 0.0), 1.0)

    def _partial_mean(self, lo: float, hi: float) -> float:
        a, b = self._trunc_support(lo, hi)
        return max(b - a, 0.0) * (a + b) / 2 / (self.high - self.low)


def _square_ratio(d: float, w: float, v: float) -> float:
    """``d**2 / (w * v)`` for ``0 <= d <= v <= w``, also where ``w * v`` underflows to 0."""
    denominator = w * v
    return d * d / denominator if denominator > 0.0 else (d / v) * (d / w)


@dataclass(frozen=True, slots=True)
class Triangular(Distribution):
    """Triangular distribution on ``[low, high]`` with its peak at ``mode``."""

    kind = "triangular"
    low: float
    mode: float
    high: float

    def _validate(self) -> dict[str, Any]:
        fields, mode = _interval(self.low, self.high), _number("mode", self.mode)
        if not fields["low"] <= mode <= fields["high"]:
            span = f"low={_fmt(fields['low'])} and high={_fmt(fields['high'])}"
            raise ParameterError("mode", f"mode must be between {span}, got {_fmt(mode)}")
        return fields | {"mode": mode}

    def _params(self) -> dict[str, Any]:
        return {"low": self.low, "mode": self.mode, "high": self.high}

    def _raw_support(self) -> tuple[float, float]:
        return self.low, self.high

    def _ppf(self, u: FloatArray) -> FloatArray:
        lo, m, hi = self.low, self.mode, self.high
        w, d = hi - lo, hi - m
        left = lo + np.sqrt(u * w * (m - lo))
        right = lo + w * (m - lo + u * d) / (w + np.sqrt((1.0 - u) * w * d))  # = hi - sqrt(...)
        return np.where(u < (m - lo) / w, left, right)

    def _cdf(self, x: float) -> float:
        lo, m, hi = self.low, self.mode, self.high
        if x <= lo:
            return 0.0
        if x <= m:
            return _square_ratio(x - lo, hi - lo, m - lo)
        return 1.0 - _square_ratio(hi - x, hi - lo, hi - m) if x < hi else 1.0

    def _cdf_integral(self, x: float) -> float:
        """∫ CDF from ``low`` to ``x``, for ``low <= x <= high``."""
        lo, m, hi = self.low, self.mode, self.high
        if x <= m:
            return _square_ratio(x - lo, hi - lo, m - lo) * (x - lo) / 3 if x > lo else 0.0
        at_mode = (m - lo) ** 2 / (3 * (hi - lo))
        if (hi - lo) * (hi - m) == 0.0:  # a mode a hair below high: nothing beyond it
            return at_mode + (x - m)
        return at_mode + (x - m) - ((hi - m) ** 3 - (hi - x) ** 3) / (3 * (hi - lo) * (hi - m))

    def _partial_mean(self, lo: float, hi: float) -> float:
        a, b = self._trunc_support(lo, hi)  # integration by parts: b F(b) - a F(a) - ∫ F
        return b * self._cdf(b) - a * self._cdf(a) - self._cdf_integral(b) + self._cdf_integral(a)


@dataclass(frozen=True, slots=True)
class Beta(Distribution):
    """Beta(a, b) distribution rescaled from ``[0, 1]`` to ``[low, high]``."""

    kind = "beta"
    a: float
    b: float
    low: float = 0.0
    high: float = 1.0

    def _validate(self) -> dict[str, Any]:
        a, b = _positive("a", self.a), _positive("b", self.b)
        return {"a": a, "b": b} | _interval(self.low, self.high)

    def _params(self) -> dict[str, Any]:
        scaled = (self.low, self.high) != (0.0, 1.0)
        return {"a": self.a, "b": self.b} | ({"low": self.low, "high": self.high} if scaled else {})

    def _raw_support(self) -> tuple[float, float]:
        return self.low, self.high

    def _y(self, x: float) -> float:
        return min(max((x - self.low) / (self.high - self.low), 0.0), 1.0)

    def _ppf(self, u: FloatArray) -> FloatArray:
        sp = _special()
        y = sp.betaincinv(self.a, self.b, u)  # nan for some shapes when u < ~1e-150: there
        tiny = np.log(u, where=u > 0, out=np.full(u.shape, -np.inf)) + sp.betaln(self.a, self.b)
        y = np.where(np.isnan(y), np.exp((tiny + math.log(self.a)) / self.a), y)  # u ≈ y^a/(a B)
        return np.asarray(self.low + (self.high - self.low) * y, dtype=np.float64)

    def _cdf(self, x: float) -> float:
        return float(_special().betainc(self.a, self.b, self._y(x)))

    def _partial_mean(self, lo: float, hi: float) -> float:
        inc, y0, y1 = _special().betainc, self._y(lo), self._y(hi)
        mass = float(inc(self.a, self.b, y1) - inc(self.a, self.b, y0))
        shifted = float(inc(self.a + 1, self.b, y1) - inc(self.a + 1, self.b, y0))
        return self.low * mass + (self.high - self.low) * self.a / (self.a + self.b) * shifted


@dataclass(frozen=True, slots=True)
class Gamma(Distribution):
    """Gamma distribution with ``shape`` k and ``scale`` θ (mean kθ)."""

    kind = "gamma"
    shape: float
    scale: float

    def _validate(self) -> dict[str, Any]:
        shape, scale = _positive("shape", self.shape), _positive("scale", self.scale)
        # Chernoff: P(X >= shape scale t) <= exp(-shape (t - 1 - log t)), for t > 1
        t = _chernoff(lambda t: shape * (t - 1.0 - math.log(t)), _TAIL_LOG)
        label = f"gamma(shape={_fmt(shape)}, scale={_fmt(scale)})"
        hint = "lower scale (or shape): the mean is shape * scale"
        _check_reach(label, "scale", 0.0, shape * scale * t, hint)
        return {"shape": shape, "scale": scale}

    @classmethod
    def from_mean_sd(cls, mean: object, sd: object) -> Gamma:
        """The gamma distribution with this mean and standard deviation."""
        m, s = _positive("mean", mean), _positive("sd", sd)
        ratio = m / s
        try:
            return cls(ratio * ratio, s * s / m)  # products overflow to inf, not an error
        except ParameterError as exc:  # the spread comes from sd: point there
            msg = f"gamma with mean={_fmt(m)} and sd={_fmt(s)}: {exc.message}"
            raise ParameterError("sd", msg, hint="change sd (or mean)") from None

    def _params(self) -> dict[str, Any]:
        return {"shape": self.shape, "scale": self.scale}

    def _raw_support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _ppf(self, u: FloatArray) -> FloatArray:
        return np.asarray(self.scale * _special().gammaincinv(self.shape, u), dtype=np.float64)

    def _isf(self, q: FloatArray) -> FloatArray:
        return np.asarray(self.scale * _special().gammainccinv(self.shape, q), dtype=np.float64)

    def _cdf(self, x: float) -> float:
        return float(_special().gammainc(self.shape, max(x, 0.0) / self.scale))

    def _sf(self, x: float) -> float:
        return float(_special().gammaincc(self.shape, max(x, 0.0) / self.scale))

    def _partial_mean(self, lo: float, hi: float) -> float:
        x0, x1 = max(lo, 0.0) / self.scale, max(hi, 0.0) / self.scale
        return self.shape * self.scale * _gammainc_diff(self.shape + 1, x0, x1)
