"""The Distribution base class: validation, truncation to a KPI's bounds, ppf-based sampling."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import KW_ONLY, dataclass, replace
from typing import Any, ClassVar, Final

import numpy as np
import numpy.typing as npt

from motivsim.distributions.params import ParameterError, _check_reach, _fmt
from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.limits import DRAW_TAIL, MAX_ABS_NUMBER
from motivsim.validation import is_real

__all__ = ["Distribution", "FloatArray"]

FloatArray = npt.NDArray[np.float64]

#: The smallest and largest probability a draw goes through besides 0 and 1 themselves.
_P_LOW: Final = float(np.finfo(np.float64).tiny)
_P_HIGH: Final = 1.0 - 2.0**-53


def _special() -> Any:
    """``scipy.special``, imported on first use so that ``motivsim check`` starts fast."""
    import scipy.special

    return scipy.special


@dataclass(frozen=True, slots=True)
class Distribution(ABC):
    """A validated KPI distribution, optionally truncated to ``[lower, upper]``.

    Every sample goes through :meth:`ppf` of uniforms, so the same object serves plain,
    Gaussian-copula and Sobol sampling. ``ppf(0)`` and ``ppf(1)`` are the ends of the
    support (``±inf`` for unbounded types); ``rng.random()`` never returns 1.

    Discrete types (``is_discrete``: ``poisson``, ``binomial``, ``empirical``, ``constant``)
    are truncated with inclusive bounds: ``u' = P(X < lower) + u * P(lower <= X <= upper)``.
    Error messages name parameters as a scheme file does (``mean``, not ``mu``).

    Examples
    --------
    >>> from motivsim.distributions import Poisson
    >>> dist = Poisson(8.0).truncate(5, 10)
    >>> print(dist)
    poisson(mean=8) truncated to [5, 10]
    >>> dist.ppf([0.0, 0.5, 1.0]).tolist()
    [5.0, 8.0, 10.0]
    """

    kind: ClassVar[str]
    is_discrete: ClassVar[bool] = False
    _: KW_ONLY
    lower: float = -math.inf
    upper: float = math.inf

    def __post_init__(self) -> None:
        for name, value in self._validate().items():
            object.__setattr__(self, name, value)
        for name in ("lower", "upper"):
            value = getattr(self, name)
            if not is_real(value) or value != value:
                raise (ArgumentError if is_real(value) else ArgumentTypeError)(
                    f"{name} must be a number or ±inf, got {value!r}"
                )
            object.__setattr__(self, name, float(value))
        if self._truncated() and not self._mass() > 0:
            pairs = (("min", self.lower), ("max", self.upper))
            cut = [f"{n}={_fmt(v)}" for n, v in pairs if abs(v) < math.inf]
            verb = "leave" if len(cut) > 1 else "leaves"
            plain = replace(self, lower=-math.inf, upper=math.inf)
            q = plain.ppf(np.array([0.005, 0.995]))
            raise ParameterError(
                None,
                f"{' and '.join(cut)} {verb} no probability under {plain}",
                hint=f"99% of {plain} lies in [{_fmt(q[0])}, {_fmt(q[1])}]; "
                "widen min/max or change the distribution",
            )
        if self._truncated():  # a min deep in a tail moves the draws further out
            lo, hi = self.support()
            if not (lo >= -MAX_ABS_NUMBER and hi <= MAX_ABS_NUMBER):
                tails = self.ppf(np.array([DRAW_TAIL, 1.0 - DRAW_TAIL]))
                hint = "give the KPI a max (or a min), or move the cut into the distribution's body"
                _check_reach(str(self), None, float(tails[0]), float(tails[1]), hint)

    # --- what each type provides -------------------------------------------------------
    @abstractmethod
    def _validate(self) -> dict[str, Any]:
        """The checked, normalised fields; raises :class:`ParameterError` naming a bad one."""

    @abstractmethod
    def _params(self) -> dict[str, Any]:
        """The parameters under the names a scheme file uses."""

    @abstractmethod
    def _raw_support(self) -> tuple[float, float]:
        """Smallest and largest possible value before truncation."""

    @abstractmethod
    def _ppf(self, u: FloatArray) -> FloatArray:
        """Inverse CDF before truncation."""

    @abstractmethod
    def _cdf(self, x: float) -> float:
        """P(X <= x) before truncation."""

    @abstractmethod
    def _partial_mean(self, lo: float, hi: float) -> float:
        """E[X; lo <= X <= hi] before truncation."""

    def _cdf_left(self, x: float) -> float:
        """P(X < x); equal to :meth:`_cdf` for continuous types."""
        return self._cdf(x)

    def _sf(self, x: float) -> float:
        return 1.0 - self._cdf(x)

    def _isf(self, q: FloatArray) -> FloatArray:
        return self._ppf(1.0 - q)

    def _trunc_support(self, lo: float, hi: float) -> tuple[float, float]:
        s0, s1 = self._raw_support()
        return max(lo, s0), min(hi, s1)

    def _label(self) -> str:
        return f"{self.kind}({', '.join(f'{k}={_fmt(v)}' for k, v in self._params().items())})"

    # --- truncation ----------------------------------------------------------------------
    def _truncated(self) -> bool:
        return self.lower > -math.inf or self.upper < math.inf

    def _window(self) -> tuple[bool, float, float]:
        """(upper tail?, start, end): the slice of u (or of 1-u in the upper tail) kept."""
        start = self._cdf_left(self.lower)
        if start > 0.5 and not self.is_discrete:
            return True, self._sf(self.lower), self._sf(self.upper)
        return False, start, self._cdf(self.upper)

    def _mass(self) -> float:
        tail, a, b = self._window()
        return a - b if tail else b - a

    def truncate(self, lower: float | None = None, upper: float | None = None) -> Distribution:
        """The same distribution conditioned on ``lower <= X <= upper`` (``None``: no bound).

        Bounds that cut nothing are dropped. Raises :class:`ParameterError` when the
        bounds leave no probability.
        """
        lo = -math.inf if lower is None else lower
        hi = math.inf if upper is None else upper
        plain = replace(self, lower=-math.inf, upper=math.inf) if self._truncated() else self
        s0, s1 = plain._raw_support()
        if lo <= s0 and hi >= s1:  # decided without scipy: ``check`` stays fast
            return plain
        return replace(self, lower=lo, upper=hi)

    # --- public behaviour ------------------------------------------------------------------
    def ppf(self, u: npt.ArrayLike) -> FloatArray:
        """Vectorised inverse CDF of the (truncated) distribution, as float64.

        For discrete types this is the smallest value ``x`` with ``CDF(x) >= u``.
        """
        arr = np.asarray(u, dtype=np.float64)
        if not np.all((arr >= 0.0) & (arr <= 1.0)):
            raise ArgumentError("ppf needs probabilities in [0, 1]")
        with np.errstate(over="ignore", under="ignore"):  # overflow to inf is the right answer
            if not self._truncated():
                return np.asarray(self._ppf(arr), dtype=np.float64)
            tail, a, b = self._window()
            p = a - arr * (a - b) if tail else a + arr * (b - a)
            # an inner u must not round to the ends 0 or 1, whose quantiles may be infinite
            inner = (arr > 0.0) & (arr < 1.0)
            p = np.where(inner, np.clip(p, _P_LOW, _P_HIGH), p)
            x = self._isf(p) if tail else self._ppf(p)
        lo, hi = self.support()
        return np.asarray(np.where(arr == 0, lo, np.where(arr == 1, hi, np.clip(x, lo, hi))))

    def sample(self, rng: np.random.Generator, size: int) -> FloatArray:
        """``size`` independent draws: ``ppf(rng.random(size))``."""
        return self.ppf(rng.random(size))

    def mean(self) -> float:
        """Exact mean of the (truncated) distribution."""
        lo, hi = self.support()  # clamped: rounding must not push it outside
        return min(max(self._partial_mean(self.lower, self.upper) / self._mass(), lo), hi)

    def median(self) -> float:
        """``ppf(0.5)``: for discrete types the smallest value with ``CDF >= 0.5``."""
        return float(self.ppf(np.array([0.5]))[0])

    def support(self) -> tuple[float, float]:
        """Smallest and largest possible value (may be ``±inf``)."""
        lo, hi = self._trunc_support(self.lower, self.upper)
        return float(lo), float(hi)

    @property
    def integer_valued(self) -> bool:
        """Whether every value it can take is a whole number.

        ``True`` for ``poisson`` and ``binomial``, and for an ``empirical`` or ``constant``
        distribution whose values (inside the truncation bounds) are all whole; ``False`` for
        the continuous types. Not the same as :attr:`is_discrete`: ``empirical`` values such
        as ``[0.62, 0.8, 1.04]`` are discrete but not whole numbers.

        Examples
        --------
        >>> from motivsim.distributions import Empirical, Normal, Poisson
        >>> Poisson(8.0).integer_valued, Empirical((2, 5, 9)).integer_valued
        (True, True)
        >>> Empirical((0.62, 0.8, 1.04)).integer_valued, Normal(0.0, 1.0).integer_valued
        (False, False)
        """
        return False

    def support_values(
        self, low: float = -math.inf, high: float = math.inf, *, limit: int | None = None
    ) -> FloatArray | None:
        """The values in ``[low, high]`` a discrete distribution can take, sorted and unique.

        ``None`` for a continuous type, or when there are more than ``limit`` such values (or
        infinitely many: a ``poisson`` KPI with no ``high``). An empty array when none lies in
        ``[low, high]``. Values of probability zero after truncation are left out.

        Examples
        --------
        >>> from motivsim.distributions import Constant, Empirical, Normal, Poisson
        >>> Empirical((1.1, 0.62, 1.1, 0.8)).support_values().tolist()
        [0.62, 0.8, 1.1]
        >>> Poisson(8.0).support_values(2.5, 6).tolist()
        [3.0, 4.0, 5.0, 6.0]
        >>> Poisson(8.0).support_values() is None, Normal(0.0, 1.0).support_values() is None
        (True, True)
        >>> Poisson(8.0).support_values(0, 100, limit=50) is None
        True
        >>> Constant(5.0).support_values().tolist()
        [5.0]
        """
        if not self.is_discrete:
            return None
        s0, s1 = self.support()
        lo, hi = max(s0, float(low)), min(s1, float(high))
        if not lo <= hi:
            return np.empty(0, dtype=np.float64)
        values = self._values_between(lo, hi, limit)
        return None if values is None or (limit is not None and values.size > limit) else values

    def _values_between(self, lo: float, hi: float, limit: int | None) -> FloatArray | None:
        """Discrete types: their values in ``[lo, hi]`` (inside the support), or ``None`` when
        there are too many to list (more than ``limit``, or infinitely many)."""
        return None

    def to_dict(self) -> dict[str, Any]:
        """The spec as JSON-able data; finite truncation bounds appear as ``min``/``max``."""
        out: dict[str, Any] = {"type": self.kind, **self._params()}
        bounds = (("min", self.lower), ("max", self.upper))
        return out | {name: bound for name, bound in bounds if abs(bound) < math.inf}

    def __str__(self) -> str:
        if not self._truncated():
            return self._label()
        return f"{self._label()} truncated to [{_fmt(self.lower)}, {_fmt(self.upper)}]"
