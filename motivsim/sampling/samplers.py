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

import functools
import math
from dataclasses import dataclass, field
from typing import Final, Literal, NamedTuple, Protocol

import numpy as np
import numpy.typing as npt

from motivsim.distributions import (
    Binomial,
    Constant,
    Distribution,
    Empirical,
    LogNormal,
    NegativeBinomial,
    Normal,
    Poisson,
)
from motivsim.formula.certified import known_of

__all__ = ["MAX_TABLE", "UNKNOWN", "Known", "Sampler", "sampler_for"]

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
#: Threshold tables kept (by distribution; each is at most a few tens of KB).
_CACHED_TABLES: Final = 64


class Known(NamedTuple):
    """What every value a sampler returns is known to be: in ``[low, high]``, and a whole
    number when ``whole``. The certified evaluator takes it as is
    (:data:`motivsim.formula.certified.Known`): a whole-number KPI of a known range needs no
    pass over its values to bound its error, one of a known sign one reduction."""

    low: float = -math.inf
    high: float = math.inf
    whole: bool = False


#: Nothing known.
UNKNOWN: Final = Known()


def _known_values(values: FloatArray) -> Known:
    """What is known of samples that are all among ``values``."""
    return Known(*known_of(values))


class Sampler(Protocol):
    """Turns standard normals or uniforms (as ``space`` says) into KPI values, float64;
    ``known`` is what is known of those values before they are drawn."""

    @property
    def space(self) -> Space: ...

    @property
    def known(self) -> Known: ...

    def __call__(self, x: FloatArray, /) -> FloatArray: ...


@dataclass(frozen=True, slots=True)
class _Affine:
    mu: float
    sd: float
    space: Space = "normal"
    known: Known = UNKNOWN

    def __call__(self, z: FloatArray) -> FloatArray:
        out = z * self.sd
        out += self.mu
        return out


@dataclass(frozen=True, slots=True)
class _Exponential:
    scale: float
    sigma: float
    space: Space = "normal"

    @property
    def known(self) -> Known:
        """``scale * exp(...)`` has the sign of ``scale`` (``exp`` is never negative)."""
        if self.scale > 0:
            return Known(0.0, math.inf)
        return Known(-math.inf, 0.0) if self.scale < 0 else UNKNOWN

    def __call__(self, z: FloatArray) -> FloatArray:
        out = z * self.sigma
        np.exp(out, out=out)
        out *= self.scale
        return out


@dataclass(frozen=True, slots=True)
class _Fixed:
    value: float
    space: Space = "none"

    @property
    def known(self) -> Known:
        v = float(self.value)
        return Known(v, v, v.is_integer()) if math.isfinite(v) else UNKNOWN

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
    known: Known = UNKNOWN

    @classmethod
    def build(cls, thresholds: FloatArray, values: FloatArray) -> _NormalTable:
        known = _known_values(values)
        finite = thresholds[:-1]
        if finite.size < 2 or not finite[-1] > finite[0]:
            return cls(thresholds, values, known=known)
        cells = min(max(64, 8 * finite.size), _MAX_CELLS)
        origin, scale = float(finite[0]), cells / float(finite[-1] - finite[0])
        edges = origin + np.arange(-1, cells + 3) / scale  # one spare cell on each side
        first = np.searchsorted(thresholds, edges, side="left")
        starts = first[:-2]  # cell c (z in [edge c+1, edge c+2)) starts at the cell before
        steps = int(np.max(first[2:] - starts))
        if steps > _MAX_STEPS:
            return cls(thresholds, values, known=known)
        return cls(thresholds, values, origin, scale, starts.astype(np.intp), steps, known=known)

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
    and ``starts[c]`` is the first threshold in it or after it, ``limits[c]`` that threshold.
    A cell with at most one threshold gives ``starts[c]``, or the next one when ``u`` is above
    ``limits[c]``: one look-up of the limit and one comparison per value (with the value itself
    from ``firsts[c] = values[starts[c]]`` plus 0 or 1 when ``values`` are consecutive whole
    numbers, as a Poisson's or a binomial's are). Cells with more thresholds (far tails, where
    the CDF crowds toward 1) are searched with ``searchsorted``: when they all lie at the top,
    the values from ``top`` up (one comparison finds them), else those of the cells marked
    ``crowded``.
    """

    thresholds: FloatArray = field(repr=False)
    values: FloatArray = field(repr=False)
    starts: npt.NDArray[np.intp] = field(repr=False)
    limits: FloatArray = field(repr=False)
    firsts: FloatArray | None = field(repr=False)  # None: values not consecutive whole numbers
    crowded: npt.NDArray[np.bool_] | None = field(repr=False)
    top: float  # every crowded cell is at or above it (1.0: none is)
    known: Known = UNKNOWN
    space: Space = "uniform"

    @classmethod
    def build(cls, thresholds: FloatArray, values: FloatArray) -> _UniformTable:
        first = np.searchsorted(thresholds, np.arange(_U_CELLS + 1) / _U_CELLS, side="left")
        starts = first[:-1].astype(np.intp)
        crowded = np.diff(first) > 1
        known = _known_values(values)
        steps = np.diff(values)
        consecutive = known.whole and bool(np.all(steps == 1.0)) and values[-1] < 2.0**53
        marked = np.flatnonzero(crowded)
        lowest = int(marked[0]) if marked.size else _U_CELLS
        return cls(
            thresholds,
            values,
            starts,
            thresholds[starts],
            values[starts] if consecutive else None,
            None if lowest == _U_CELLS or crowded[lowest:].all() else crowded,
            lowest / _U_CELLS,
            known,
        )

    def __call__(self, u: FloatArray) -> FloatArray:
        cells = (u * float(_U_CELLS)).astype(np.intp)
        up = np.less(np.take(self.limits, cells), u)  # past the cell's one threshold
        if self.firsts is not None:
            out = np.take(self.firsts, cells)
            out += up
        else:
            index = np.take(self.starts, cells)
            index += up
            out = np.take(self.values, index)
        far = self._crowded(u, cells)
        if far is not None:
            flat = out.reshape(-1)
            flat[far] = self.values[np.searchsorted(self.thresholds, u.reshape(-1)[far])]
        return out

    def _crowded(self, u: FloatArray, cells: npt.NDArray[np.intp]) -> npt.NDArray[np.intp] | None:
        """Flat indices of the values in crowded cells (or above :attr:`top`), or ``None``."""
        if self.crowded is not None:
            far = np.flatnonzero(self.crowded[cells])
            return far if far.size else None
        if self.top < 1.0:
            high = np.greater_equal(u, self.top)
            return np.flatnonzero(high) if high.any() else None
        return None


@dataclass(frozen=True, slots=True)
class _NormalPpf:
    dist: Distribution
    space: Space = "normal"
    known: Known = UNKNOWN

    def __call__(self, z: FloatArray) -> FloatArray:
        return _ppf_of_normal(self.dist, z)


@dataclass(frozen=True, slots=True)
class _UniformPpf:
    dist: Distribution
    space: Space = "uniform"
    known: Known = UNKNOWN

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
    if isinstance(dist, Poisson | Binomial | NegativeBinomial | Empirical):
        try:
            table = _table_for(type(dist), repr(dist), dist, normal)
        except TypeError:  # an unhashable distribution: built each time
            table = _table_for.__wrapped__(type(dist), repr(dist), dist, normal)
        if table is not None:
            return table
    return _NormalPpf(dist) if normal else _UniformPpf(dist)


@functools.lru_cache(maxsize=_CACHED_TABLES)
def _table_for(
    kind: type, spelled: str, dist: Distribution, normal: bool
) -> _NormalTable | _UniformTable | None:
    """The threshold table of ``dist`` (``None``: too many values), built once per
    distribution (``kind`` and ``spelled``, its ``repr``, tell distributions apart: ``-0.0``
    and ``0.0`` too): the bisection takes about 10 ms, more than simulating a million rows."""
    values = _support_values(dist)
    if values is None:
        return None
    if normal:
        return _NormalTable.build(_z_thresholds(dist, values), values)
    return _UniformTable.build(_u_thresholds(dist, values), values)


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
