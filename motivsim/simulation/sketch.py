"""Streaming reductions whose result does not depend on the order data arrives in.

* :class:`ExactSum` keeps a float sum as exact non-overlapping partials (Shewchuk's algorithm,
  the one behind :func:`math.fsum`), so the total of per-block sums is the correctly rounded
  exact sum whatever the order blocks finish in.
* :class:`SketchBuilder` is a quantile sketch with relative-error buckets (the DDSketch idea,
  Masson, Rim and Lee, VLDB 2019), keyed by the bits of the float: the sign, the exponent and
  the first :data:`MANTISSA_BITS` bits of the mantissa of ``|x|``. So a bucket spans a relative
  width of at most ``2**-14`` (6.1e-5) and the key is one integer shift. Besides its count, a
  bucket keeps the integer sum of its values' positions inside it (the next 20 bits), and stands
  for their mean position: a value of the bucket, so within :data:`RELATIVE_ERROR` of the exact
  sample quantile. A bucket also keeps whether one value fills it, and that value's low bits
  (:func:`_shared`), so then (a base salary, a capped amount, whole-number pay) the quantile is
  that value exactly: ``56589.0``, never ``56589.00000095``. Values with ``|x| <= 1e-9`` share
  a zero bucket. Everything is an integer, so merging is exact and order-independent; buckets
  are stored in pages of one binary order of magnitude, allocated where values fall, so memory
  depends on the range of the values, not on their number. :meth:`SketchBuilder.freeze` gives
  the immutable :class:`Sketch`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError

__all__ = ["RELATIVE_ERROR", "ExactSum", "Sketch", "SketchBuilder"]

#: Bits of the mantissa in a bucket key: buckets are at most ``2**-14`` wide, relatively.
MANTISSA_BITS: Final = 14
#: Largest relative error of a quantile from a :class:`Sketch` against the exact sample quantile.
RELATIVE_ERROR: Final = 2.0**-MANTISSA_BITS
#: Values with ``|x|`` at or below this count as zero (a billionth of a currency unit).
ZERO_BAND: Final = 1e-9
_KEY_SHIFT: Final = 52 - MANTISSA_BITS
_SPOT_BITS: Final = 20
_REST_MASK: Final = (1 << _KEY_SHIFT) - 1
_ONE_BITS: Final = 0x3FF0000000000000  # the bits of 1.0
_PAGE: Final = 1 << MANTISSA_BITS  # keys per page: one binary order of magnitude
_EXACT_BATCH: Final = 1 << 16  # values per bincount: 2**16 * (2**36 + 2**20) < 2**53
_COUNT_UNIT: Final = float(1 << 36)  # above any sum of 2**16 positions (each < 2**20)
_MAX_DENSE: Final = 1 << 22  # widest key range counted with one bincount
_NO_LOW: Final = _REST_MASK + 1  # above the low bits of any value
_EMPTY: Final = -1  # shared low bits of a bucket with no value yet
_MIXED: Final = -2  # ... of a bucket holding different values

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class ExactSum:
    """An exactly kept sum of floats: ``value()`` is correctly rounded, independent of order.

    Examples
    --------
    >>> total = ExactSum()
    >>> for x in (1e16, 1.0, -1e16):
    ...     total.add(x)
    >>> total.value()
    1.0
    """

    __slots__ = ("_partials", "_special")

    def __init__(self) -> None:
        self._partials: list[float] = []
        self._special = 0.0  # sum of non-finite inputs (inf or nan), kept apart

    def add(self, x: float) -> None:
        """Add ``x`` exactly."""
        if not math.isfinite(x):
            self._special += x
            return
        partials, i = self._partials, 0
        for y in partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        partials[i:] = [x]

    def merge(self, other: ExactSum) -> None:
        """Add everything ``other`` holds."""
        for x in other._partials:
            self.add(x)
        self._special += other._special

    def value(self) -> float:
        """The sum, correctly rounded (``inf``/``nan`` if a non-finite value was added)."""
        return math.fsum(self._partials) + self._special

    def __getstate__(self) -> tuple[list[float], float]:
        return self._partials, self._special

    def __setstate__(self, state: tuple[list[float], float]) -> None:
        self._partials, self._special = list(state[0]), state[1]


class _Buckets:
    """Counts, position sums and the shared low bits (the bits of ``|x|`` below the key: see
    :func:`_shared`) of bucket keys, in pages of :data:`_PAGE` keys."""

    __slots__ = ("pages",)

    def __init__(self) -> None:
        self.pages: dict[int, tuple[IntArray, IntArray, IntArray]] = {}

    def add_values(self, magnitudes: FloatArray, low: float, high: float) -> None:
        """Count ``magnitudes`` (all > 0, between ``low`` and ``high``)."""
        if not magnitudes.size:
            return
        bits = magnitudes.view(np.int64)
        first, last = _key(low), _key(high)
        index = (bits >> _KEY_SHIFT) - first
        weights = _spots(bits)
        weights += _COUNT_UNIT  # one bincount sums both: count * 2**36 + sum of positions
        used = None
        if last - first >= min(_MAX_DENSE, 4 * magnitudes.size):  # few values, or far apart
            used, index = np.unique(index, return_inverse=True)
        size = used.size if used is not None else last - first + 1
        rest = bits & _REST_MASK
        lows, highs = np.full(size, _NO_LOW, np.int64), np.full(size, _EMPTY, np.int64)
        np.minimum.at(lows, index, rest)
        np.maximum.at(highs, index, rest)
        shared = np.where(highs == _EMPTY, _EMPTY, np.where(lows == highs, lows, _MIXED))
        for start in range(0, index.size, _EXACT_BATCH):  # float sums stay below 2**53: exact
            stop = start + _EXACT_BATCH
            totals = np.bincount(index[start:stop], weights=weights[start:stop], minlength=size)
            counts = np.floor(totals * (1.0 / _COUNT_UNIT))
            totals -= counts * _COUNT_UNIT
            counts_int, spots_int = counts.astype(np.int64), totals.astype(np.int64)
            once = shared if start == 0 else None  # covers every batch
            if used is None:
                self.add_counts(first, counts_int, spots_int, once)
            else:
                self.add_sparse(used + first, counts_int, spots_int, once)

    def add_sparse(
        self,
        keys: IntArray,
        counts: IntArray,
        spots: IntArray,
        shared: IntArray | None = None,
    ) -> None:
        """Add counts (and position sums) of distinct increasing ``keys``; ``shared``, when
        given, are their shared low bits (:func:`_shared`)."""
        pages = keys >> MANTISSA_BITS
        cuts = [0, *(np.flatnonzero(np.diff(pages)) + 1).tolist(), keys.size]
        for start, stop in itertools.pairwise(cuts):
            mine = self._page(int(pages[start]))
            offsets = keys[start:stop] & (_PAGE - 1)
            mine[0][offsets] += counts[start:stop]
            mine[1][offsets] += spots[start:stop]
            if shared is not None:
                mine[2][offsets] = _shared(mine[2][offsets], shared[start:stop])

    def _page(self, page: int) -> tuple[IntArray, IntArray, IntArray]:
        mine = self.pages.get(page)
        if mine is None:
            mine = self.pages[page] = (
                np.zeros(_PAGE, np.int64),
                np.zeros(_PAGE, np.int64),
                np.full(_PAGE, _EMPTY, np.int64),
            )
        return mine

    def add_counts(
        self,
        first: int,
        counts: IntArray,
        spots: IntArray,
        shared: IntArray | None = None,
    ) -> None:
        """Add counts (and position sums) of consecutive keys from ``first``; ``shared``, when
        given, are their shared low bits (:func:`_shared`)."""
        key, stop = first, first + counts.size
        while key < stop:
            page, offset = divmod(key, _PAGE)
            take = min(_PAGE - offset, stop - key)
            mine = self._page(page)
            here, there = slice(offset, offset + take), slice(key - first, key - first + take)
            mine[0][here] += counts[there]
            mine[1][here] += spots[there]
            if shared is not None:
                mine[2][here] = _shared(mine[2][here], shared[there])
            key += take

    def merge(self, other: _Buckets) -> None:
        for page, (counts, spots, shared) in other.pages.items():
            self.add_counts(page * _PAGE, counts, spots, shared)

    def frozen(self) -> tuple[IntArray, IntArray, IntArray, IntArray]:
        """Used keys, their counts, position sums, and the low bits their values share when
        one value fills the bucket (else -1), in increasing key order."""
        keys, counts, spots, same = [], [], [], []
        for page in sorted(self.pages):
            c, s, shared = self.pages[page]
            used = np.flatnonzero(c)
            keys.append(used + page * _PAGE)
            counts.append(c[used])
            spots.append(s[used])
            same.append(np.maximum(shared[used], -1))  # mixed: -1
        if not keys:
            empty = np.zeros(0, dtype=np.int64)
            return _frozen(empty), _frozen(empty), _frozen(empty), _frozen(empty)
        return (
            _frozen(np.concatenate(keys)),
            _frozen(np.concatenate(counts)),
            _frozen(np.concatenate(spots)),
            _frozen(np.concatenate(same)),
        )


def _shared(a: IntArray, b: IntArray) -> IntArray:
    """What two parts of a bucket say about the low bits of its values together: each part is
    :data:`_EMPTY` (no value), :data:`_MIXED` (different values) or the one value's low bits.
    Commutative and associative, so merges in any order agree."""
    return np.where(a == _EMPTY, b, np.where((b == _EMPTY) | (a == b), a, _MIXED))


def _spots(bits: IntArray) -> FloatArray:
    """Each value's position inside its bucket, in whole ``2**-20`` steps, as floats.

    The mantissa bits below the key become the mantissa of a number in ``[1, 2)`` (cheaper
    than converting integers to floats): ``floor((m - 1) * 2**20)``.
    """
    rest = bits & _REST_MASK
    rest <<= MANTISSA_BITS
    rest |= _ONE_BITS
    spots = rest.view(np.float64)
    spots -= 1.0
    spots *= float(1 << _SPOT_BITS)
    return np.floor(spots, out=spots)


def _key(x: float) -> int:
    return int(np.float64(x).view(np.int64)) >> _KEY_SHIFT


class SketchBuilder:
    """A mergeable quantile sketch of finite values (see the module docstring)."""

    __slots__ = ("_neg", "_pos", "count", "high", "low", "zeros")

    def __init__(self) -> None:
        self._pos, self._neg = _Buckets(), _Buckets()
        self.zeros = self.count = 0
        self.low, self.high = math.inf, -math.inf

    def add(self, values: FloatArray) -> None:
        """Count the (finite) ``values``."""
        flat = values.reshape(-1)
        if not flat.size:
            return
        low, high = float(flat.min()), float(flat.max())
        self.low, self.high = min(self.low, low), max(self.high, high)
        self.count += flat.size
        if low > ZERO_BAND:
            self._pos.add_values(flat, low, high)
            return
        positive, negative = flat[flat > ZERO_BAND], -flat[flat < -ZERO_BAND]
        if positive.size:
            self._pos.add_values(positive, float(positive.min()), float(positive.max()))
        if negative.size:
            self._neg.add_values(negative, float(negative.min()), float(negative.max()))
        self.zeros += flat.size - positive.size - negative.size

    def merge(self, other: SketchBuilder) -> None:
        """Add the counts of ``other`` (exact: the order of merges does not matter)."""
        self._pos.merge(other._pos)
        self._neg.merge(other._neg)
        self.zeros += other.zeros
        self.count += other.count
        self.low, self.high = min(self.low, other.low), max(self.high, other.high)

    def freeze(self) -> Sketch:
        """The immutable sketch of everything counted so far."""
        nk, nc, ns, nv = self._neg.frozen()
        pk, pc, ps, pv = self._pos.frozen()
        return Sketch(
            _frozen(nk[::-1]),
            _frozen(nc[::-1]),
            _frozen(ns[::-1]),
            self.zeros,
            pk,
            pc,
            ps,
            self.count,
            self.low,
            self.high,
            _frozen(nv[::-1]),
            pv,
        )


def _frozen(counts: IntArray) -> IntArray:
    out = np.array(counts, dtype=np.int64)
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True, eq=False)
class Sketch:
    """Bucket counts of a sample, giving any quantile within :data:`RELATIVE_ERROR`.

    Negative values are listed by decreasing magnitude (``neg_keys`` are keys of ``|x|``),
    then ``zeros``, then positive values by increasing key; ``*_spots`` are the sums of the
    values' quantised positions inside their buckets; ``*_same`` the low bits of the one value
    that fills a bucket (its quantile is then exact), or -1 when its values differ.
    """

    neg_keys: IntArray = field(repr=False)
    neg_counts: IntArray = field(repr=False)
    neg_spots: IntArray = field(repr=False)
    zeros: int
    pos_keys: IntArray = field(repr=False)
    pos_counts: IntArray = field(repr=False)
    pos_spots: IntArray = field(repr=False)
    count: int
    low: float
    high: float
    neg_same: IntArray = field(repr=False, default_factory=lambda: _frozen(np.zeros(0, np.int64)))
    pos_same: IntArray = field(repr=False, default_factory=lambda: _frozen(np.zeros(0, np.int64)))

    def quantile(self, q: float) -> float:
        """The sample quantile ``q`` (the order statistic ``floor(q (n - 1))``), within
        relative error :data:`RELATIVE_ERROR`; ``nan`` for an empty sample.

        Examples
        --------
        >>> builder = SketchBuilder()
        >>> builder.add(np.arange(1.0, 1001.0))
        >>> sketch = builder.freeze()
        >>> abs(sketch.quantile(0.5) / 500 - 1) <= RELATIVE_ERROR
        True
        """
        if not 0.0 <= q <= 1.0:
            raise ArgumentError(f"a quantile must be between 0 and 1, got {q!r}")
        if self.count == 0:
            return math.nan
        if q == 0.0 or q == 1.0:
            return self.low if q == 0.0 else self.high
        rank = math.floor(q * (self.count - 1))
        value = self._value_of_rank(rank)
        return min(max(value, self.low), self.high)

    def quantiles(self, qs: Sequence[float]) -> list[float]:
        """:meth:`quantile` of each of ``qs``."""
        return [self.quantile(q) for q in qs]

    def _value_of_rank(self, rank: int) -> float:
        negatives = int(self.neg_counts.sum())
        if rank < negatives:
            i = int(np.searchsorted(np.cumsum(self.neg_counts), rank, side="right"))
            same = _same(self.neg_same, i)
            return -_representative(
                int(self.neg_keys[i]), self.neg_counts[i], self.neg_spots[i], same
            )
        rank -= negatives
        if rank < self.zeros:
            return 0.0
        rank -= self.zeros
        i = int(np.searchsorted(np.cumsum(self.pos_counts), rank, side="right"))
        same = _same(self.pos_same, i)
        return _representative(int(self.pos_keys[i]), self.pos_counts[i], self.pos_spots[i], same)


def _same(same: IntArray, i: int) -> int:
    return int(same[i]) if i < same.size else -1


def _representative(key: int, count: Any, spots: Any, same: int = -1) -> float:
    """The magnitude standing for bucket ``key``: the one value that fills it (``same``, its
    low bits, when not -1), else its values' mean position in it."""
    if same >= 0:
        return float(np.int64((key << _KEY_SHIFT) | same).view(np.float64))
    low = float(np.int64(key << _KEY_SHIFT).view(np.float64))
    high = float(np.int64((key + 1) << _KEY_SHIFT).view(np.float64))
    inside = (int(spots) / int(count) + 0.5) / (1 << _SPOT_BITS)
    return low + (high - low) * inside
