"""KPI samplers: exact inverse-CDF sampling from standard normals or from uniforms, made fast.

KPIs tied by the ``[correlation]`` copula are drawn as standard normals ``z`` (correlated first)
and mapped by ``x = F^-1(Phi(z))``; other KPIs are drawn from whatever is cheapest, uniforms
``u`` (``x = F^-1(u)``) where that avoids normals, which cost four uniforms on a typical CPU.
Closed forms and lookup tables replace the generic inverse CDF where possible:

=================================  ====================================  =====================
distribution                       from normals ``z``                    from uniforms ``u``
=================================  ====================================  =====================
normal (not truncated)             ``mean + sd * z``                     (drawn from normals)
lognormal (not truncated)          ``median * exp(sigma * z)``           (drawn from normals)
constant                           ``value``                             (nothing is drawn)
poisson, binomial, empirical       ``values[first k: z <= t_k]``,        ``values[first k:
                                   ``t_k = Phi^-1(CDF(values[k]))``      u <= CDF(values[k])]``
anything else                      ``dist.ppf(Phi(z))``                  ``dist.ppf(u)``
=================================  ====================================  =====================

Threshold tables are found by bisection on the distribution's own ``ppf`` (so truncation rules
are followed exactly; in ``u`` the bisection runs over the bits of the float, so the table gives
``dist.ppf(u)`` exactly for every ``u``), and are searched through a grid of cells instead of a
binary search per value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final, Literal, Protocol

import numpy as np
import numpy.typing as npt

from motivsim.distributions import (
    Binomial,
    Constant,
    Distribution,
    Empirical,
    LogNormal,
    Normal,
    Poisson,
)

__all__ = ["MAX_TABLE", "Sampler", "sampler_for"]

FloatArray = npt.NDArray[np.float64]
Space = Literal["normal", "uniform", "none"]

#: Most distinct values of a discrete KPI sampled through a threshold table.
MAX_TABLE: Final = 4096
#: Uniforms are kept in ``[_U_LOW, _U_HIGH]``, the range ``Generator.random`` produces, so a
#: ``ppf`` never returns the infinite end of an unbounded support.
_U_LOW: Final = float(np.finfo(np.float64).tiny)
_U_HIGH: Final = 1.0 - 2.0**-53
_Z_RANGE: Final = (-40.0, 9.0)  # Phi(-40) underflows to 0 and Phi(9) rounds to 1
_BISECTIONS: Final = 64
_MAX_CELLS: Final = 1 << 16
_MAX_STEPS: Final = 6
_U_CELLS: Final = 1 << 12  # a power of two: u * cells is exact
_U_STEPS: Final = 2


class Sampler(Protocol):
    """Turns standard normals or uniforms (as ``space`` says) into KPI values, float64."""

    @property
    def space(self) -> Space: ...

    def __call__(self, x: FloatArray, /) -> FloatArray: ...


@dataclass(frozen=True, slots=True)
class _Affine:
    mu: float
    sd: float
    space: Space = "normal"

    def __call__(self, z: FloatArray) -> FloatArray:
        out = z * self.sd
        out += self.mu
        return out


@dataclass(frozen=True, slots=True)
class _Exponential:
    scale: float
    sigma: float
    space: Space = "normal"

    def __call__(self, z: FloatArray) -> FloatArray:
        out = z * self.sigma
        np.exp(out, out=out)
        out *= self.scale
        return out


@dataclass(frozen=True, slots=True)
class _Fixed:
    value: float
    space: Space = "none"

    def __call__(self, x: FloatArray) -> FloatArray:
        return np.full(x.shape, self.value)


@dataclass(frozen=True, slots=True)
class _NormalTable:
    """``values[i]`` for the first ``i`` with ``thresholds[i] >= z`` (``thresholds[-1]`` is inf).

    A grid of cells over the finite thresholds gives each ``z`` a starting index at most
    ``steps`` below the answer; ``steps`` compare-and-advance passes then find it, which is
    several times faster than a binary search and gives the same index.
    """

    thresholds: FloatArray = field(repr=False)
    values: FloatArray = field(repr=False)
    origin: float = 0.0
    scale: float = 0.0
    starts: npt.NDArray[np.intp] = field(default_factory=lambda: np.zeros(1, np.intp), repr=False)
    steps: int = -1  # -1: no grid, binary search
    space: Space = "normal"

    @classmethod
    def build(cls, thresholds: FloatArray, values: FloatArray) -> _NormalTable:
        finite = thresholds[:-1]
        if finite.size < 2 or not finite[-1] > finite[0]:
            return cls(thresholds, values)
        cells = min(max(64, 8 * finite.size), _MAX_CELLS)
        origin, scale = float(finite[0]), cells / float(finite[-1] - finite[0])
        edges = origin + np.arange(-1, cells + 3) / scale  # one spare cell on each side
        first = np.searchsorted(thresholds, edges, side="left")
        starts = first[:-2]  # cell c (z in [edge c+1, edge c+2)) starts at the cell before
        steps = int(np.max(first[2:] - starts))
        if steps > _MAX_STEPS:
            return cls(thresholds, values)
        return cls(thresholds, values, origin, scale, starts.astype(np.intp), steps)

    def __call__(self, z: FloatArray) -> FloatArray:
        if self.steps < 0:
            return self.values[np.searchsorted(self.thresholds, z, side="left")]
        cell = z - self.origin
        cell *= self.scale
        np.clip(cell, -1.0, self.starts.size - 2.0, out=cell)
        index = self.starts[cell.astype(np.intp) + 1]
        for _ in range(self.steps):
            index += self.thresholds[index] < z
        return self.values[index]


@dataclass(frozen=True, slots=True)
class _UniformTable:
    """``values[i]`` for the first ``i`` with ``u <= thresholds[i]``, via :data:`_U_CELLS` cells.

    Cell ``c`` holds ``u`` in ``[c / cells, (c + 1) / cells)`` (exact: cells is a power of two)
    and ``starts[c]`` is the first threshold in it or after it. Cells with more than ``steps``
    thresholds (far tails, where the CDF crowds toward 1) are searched with ``searchsorted``.
    """

    thresholds: FloatArray = field(repr=False)
    values: FloatArray = field(repr=False)
    starts: npt.NDArray[np.intp] = field(repr=False)
    crowded: npt.NDArray[np.bool_] | None = field(repr=False)
    steps: int
    space: Space = "uniform"

    @classmethod
    def build(cls, thresholds: FloatArray, values: FloatArray) -> _UniformTable:
        first = np.searchsorted(thresholds, np.arange(_U_CELLS + 1) / _U_CELLS, side="left")
        inside = np.diff(first)
        steps = int(min(inside.max(), _U_STEPS))
        crowded = inside > steps
        return cls(
            thresholds,
            values,
            first[:-1].astype(np.intp),
            crowded if crowded.any() else None,
            steps,
        )

    def __call__(self, u: FloatArray) -> FloatArray:
        cell = (u * float(_U_CELLS)).astype(np.intp)
        index = self.starts[cell]
        for _ in range(self.steps):
            index += self.thresholds[index] < u
        if self.crowded is not None:
            far = np.flatnonzero(self.crowded[cell])
            if far.size:
                flat = index.reshape(-1)
                flat[far] = np.searchsorted(self.thresholds, u.reshape(-1)[far], side="left")
        return self.values[index]


@dataclass(frozen=True, slots=True)
class _NormalPpf:
    dist: Distribution
    space: Space = "normal"

    def __call__(self, z: FloatArray) -> FloatArray:
        return _ppf_of_normal(self.dist, z)


@dataclass(frozen=True, slots=True)
class _UniformPpf:
    dist: Distribution
    space: Space = "uniform"

    def __call__(self, u: FloatArray) -> FloatArray:
        return self.dist.ppf(np.maximum(u, _U_LOW))


def sampler_for(dist: Distribution, *, normal: bool = False) -> Sampler:
    """The fastest exact sampler of ``dist``; from standard normals when ``normal`` is true
    (a KPI in the copula), else from whatever is cheapest (see ``Sampler.space``).

    Examples
    --------
    >>> import numpy as np
    >>> from motivsim.distributions import LogNormal, Poisson
    >>> sampler_for(LogNormal(100.0, 0.5))(np.array([0.0]))
    array([100.])
    >>> sampler_for(Poisson(8.0), normal=True)(np.array([-1.0, 0.0, 1.0]))
    array([ 5.,  8., 11.])
    >>> sampler_for(Poisson(8.0)).space
    'uniform'
    """
    plain = math.isinf(dist.lower) and math.isinf(dist.upper)
    if isinstance(dist, Normal) and plain:
        return _Affine(dist.mu, dist.sd)
    if isinstance(dist, LogNormal) and plain:
        return _Exponential(dist.scale, dist.sigma)
    if isinstance(dist, Constant):
        return _Fixed(dist.value)
    if isinstance(dist, Poisson | Binomial | Empirical):
        values = _support_values(dist)
        if values is not None and normal:
            return _NormalTable.build(_z_thresholds(dist, values), values)
        if values is not None:
            return _UniformTable.build(_u_thresholds(dist, values), values)
    return _NormalPpf(dist) if normal else _UniformPpf(dist)


def _ppf_of_normal(dist: Distribution, z: FloatArray) -> FloatArray:
    from scipy.special import ndtr

    u = ndtr(z)
    np.clip(u, _U_LOW, _U_HIGH, out=u)
    return dist.ppf(u)


def _support_values(dist: Distribution) -> FloatArray | None:
    """Every value ``dist`` can take (below probability ``2**-53`` at the top), or ``None``."""
    lo = float(dist.ppf(np.array([0.0]))[0])
    hi = float(dist.ppf(np.array([_U_HIGH]))[0])
    if isinstance(dist, Empirical):
        values = np.unique(np.asarray(dist.values, dtype=np.float64))
        values = values[(values >= lo) & (values <= hi)]
        return values if values.size <= MAX_TABLE else None
    if hi - lo + 1 > MAX_TABLE:
        return None
    return np.arange(lo, hi + 1.0)


def _z_thresholds(dist: Distribution, values: FloatArray) -> FloatArray:
    """``t[k]``: the largest ``z`` whose sample is at most ``values[k]`` (``inf`` for the last)."""
    low = np.full(values.size - 1, _Z_RANGE[0])
    high = np.full(values.size - 1, _Z_RANGE[1])
    for _ in range(_BISECTIONS):
        mid = (low + high) / 2
        below = _ppf_of_normal(dist, mid) <= values[:-1]
        low, high = np.where(below, mid, low), np.where(below, high, mid)
    return np.append(low, np.inf)


def _u_thresholds(dist: Distribution, values: FloatArray) -> FloatArray:
    """``t[k]``: the largest float ``u`` with ``dist.ppf(u) <= values[k]`` (``inf`` last).

    Bisection over the bit patterns of the floats in ``[0, 1]`` (ordered like the floats), so
    the answer is exact: ``dist.ppf(u) <= values[k]`` exactly when ``u <= t[k]``.
    """
    low = np.zeros(values.size - 1, dtype=np.int64)  # the bits of 0.0: ppf(0) is the lowest value
    high = np.full(values.size - 1, np.float64(1.0).view(np.int64))  # ppf(1) is above values[k]
    while np.any(high - low > 1):
        mid = low + (high - low) // 2
        below = dist.ppf(mid.view(np.float64)) <= values[:-1]
        low, high = np.where(below, mid, low), np.where(below, high, mid)
    return np.append(low.view(np.float64), np.inf)
