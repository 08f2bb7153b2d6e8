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
import threading
from collections.abc import Iterator, Sequence
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
_PAGE: Final = 1 << MANTISSA_BITS  # keys per page: one binary order of magnitude
_SCRATCH_MAX: Final = 1 << 18  # most values whose buffers are kept (9 MB per thread)
_MAX_DENSE: Final = 1 << 22  # widest key range counted with one bincount
_EMPTY: Final = -1  # shared low bits of a bucket with no value yet
_MIXED: Final = -2  # ... of a bucket holding different values

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


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


class _Scratch(threading.local):
    """Buffers of :meth:`_Buckets.add_values`, one set per thread, reused from call to call:
    fresh megabyte-sized temporaries would be mapped and faulted in anew at each call (glibc
    returns them to the system), which costs as much as the counting itself."""

    def __init__(self) -> None:
        self.ints = np.empty((3, 0), np.int64)
        self.floats = np.empty(0)
        self.flags = np.empty((2, 0), dtype=bool)

    def buffers(
        self, n: int
    ) -> tuple[IntArray, IntArray, IntArray, FloatArray, BoolArray, BoolArray]:
        """Three int64 buffers, a float64 and two boolean ones, of ``n`` values each."""
        if n > self.floats.size:
            if n > _SCRATCH_MAX:  # not kept
                ints, flags = np.empty((3, n), np.int64), np.empty((2, n), dtype=bool)
                return ints[0], ints[1], ints[2], np.empty(n), flags[0], flags[1]
            self.ints = np.empty((3, n), np.int64)
            self.floats = np.empty(n)
            self.flags = np.empty((2, n), dtype=bool)
        ints, flags = self.ints, self.flags
        return ints[0, :n], ints[1, :n], ints[2, :n], self.floats[:n], flags[0, :n], flags[1, :n]


_SCRATCH: Final = _Scratch()


class _Buckets:
    """Counts, position sums and the shared low bits (the bits of ``|x|`` below the key: see
    :func:`_shared`) of bucket keys, in pages of :data:`_PAGE` keys."""

    __slots__ = ("pages",)

    def __init__(self) -> None:
        self.pages: dict[int, tuple[IntArray, IntArray, IntArray]] = {}

    def __getstate__(self) -> dict[int, tuple[IntArray, ...]]:
        """The used buckets of each page only: a page spans 16,384 keys and values of one
        simulation fill a few hundred of them, so what a Dask worker sends back is kilobytes,
        not 384 KiB a page. A bucket with no value holds nothing else, so nothing is lost."""
        state: dict[int, tuple[IntArray, ...]] = {}
        for page, (counts, spots, shared) in self.pages.items():
            used = np.flatnonzero(counts)
            state[page] = (used.astype(np.uint16), counts[used], spots[used], shared[used])
        return state

    def __setstate__(self, state: dict[int, tuple[IntArray, ...]]) -> None:
        self.pages = {}
        for page, (used, counts, spots, shared) in state.items():
            mine = self._page(page)
            mine[0][used], mine[1][used], mine[2][used] = counts, spots, shared

    def add_values(self, magnitudes: FloatArray, low: float, high: float) -> None:
        """Count ``magnitudes`` (all > 0, between ``low`` and ``high``)."""
        if not magnitudes.size:
            return
        bits = magnitudes.view(np.int64)
        first, last = _key(low), _key(high)
        index, rest, taken, spots, flags, other = _SCRATCH.buffers(bits.size)
        np.right_shift(bits, _KEY_SHIFT, out=index)
        index -= first
        keys = None
        if last - first >= min(_MAX_DENSE, 4 * magnitudes.size):  # few values, or far apart
            keys, index = np.unique(index, return_inverse=True)
            keys += first
        # what each bucket holds so far (a copy): no value, different values, or one value's
        # low bits; a value other than that one makes its bucket mixed (no minimum and maximum
        # per bucket needed, and once most buckets are mixed, little to do)
        shared = (
            self._shared_dense(first, last - first + 1) if keys is None else self._shared_at(keys)
        )
        np.bitwise_and(bits, _REST_MASK, out=rest)
        np.take(shared, index, out=taken)
        np.equal(taken, _EMPTY, out=flags)
        fresh = np.count_nonzero(flags)
        if fresh == flags.size:  # every bucket new (a new sketch): each takes one of its values
            shared[index] = rest
            np.take(shared, index, out=taken)
        elif fresh:
            rows = np.flatnonzero(flags)
            shared[index[rows]] = rest[rows]
            taken[rows] = shared[index[rows]]
        np.not_equal(taken, rest, out=flags)
        np.greater_equal(taken, 0, out=other)  # one value so far (not mixed)
        flags &= other
        if flags.any():
            shared[index[np.flatnonzero(flags)]] = _MIXED
        size = shared.size
        counts = np.bincount(index, minlength=size)
        rest >>= _KEY_SHIFT - _SPOT_BITS  # each value's position in its bucket, 2**-20 steps
        np.copyto(spots, rest)  # sums of positions (each < 2**20) are exact below 2**33 values
        sums = np.bincount(index, weights=spots, minlength=size).astype(np.int64)
        if keys is None:
            self.add_counts(first, counts, sums, shared, replace=True)
        else:
            self.add_sparse(keys, counts, sums, shared, replace=True)

    def _shared_dense(self, first: int, size: int) -> IntArray:
        """The shared low bits of keys ``first`` to ``first + size - 1``, a new array."""
        out = np.full(size, _EMPTY, np.int64)
        for mine, here, there in self._slices(first, size, create=False):
            out[there] = mine[2][here]
        return out

    def _shared_at(self, keys: IntArray) -> IntArray:
        """The shared low bits of distinct increasing ``keys``, a new array."""
        out = np.full(keys.size, _EMPTY, np.int64)
        pages = keys >> MANTISSA_BITS
        cuts = [0, *(np.flatnonzero(np.diff(pages)) + 1).tolist(), keys.size]
        for start, stop in itertools.pairwise(cuts):
            mine = self.pages.get(int(pages[start]))
            if mine is not None:
                out[start:stop] = mine[2][keys[start:stop] & (_PAGE - 1)]
        return out

    def _slices(
        self, first: int, size: int, *, create: bool = True
    ) -> Iterator[tuple[tuple[IntArray, IntArray, IntArray], slice, slice]]:
        """The pages holding keys ``first`` to ``first + size - 1``, with the slice of each
        page and the matching slice of an array of ``size`` values (pages not yet allocated
        are skipped unless ``create``)."""
        key, stop = first, first + size
        while key < stop:
            page, offset = divmod(key, _PAGE)
            take = min(_PAGE - offset, stop - key)
            mine = self._page(page) if create else self.pages.get(page)
            if mine is not None:
                yield mine, slice(offset, offset + take), slice(key - first, key - first + take)
            key += take

    def add_sparse(
        self,
        keys: IntArray,
        counts: IntArray,
        spots: IntArray,
        shared: IntArray | None = None,
        *,
        replace: bool = False,
    ) -> None:
        """Add counts (and position sums) of distinct increasing ``keys``; ``shared``, when
        given, are their shared low bits (:func:`_shared`), or with ``replace`` what the
        buckets hold now."""
        pages = keys >> MANTISSA_BITS
        cuts = [0, *(np.flatnonzero(np.diff(pages)) + 1).tolist(), keys.size]
        for start, stop in itertools.pairwise(cuts):
            mine = self._page(int(pages[start]))
            offsets = keys[start:stop] & (_PAGE - 1)
            mine[0][offsets] += counts[start:stop]
            mine[1][offsets] += spots[start:stop]
            if shared is not None:
                part = shared[start:stop]
                mine[2][offsets] = part if replace else _shared(mine[2][offsets], part)

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
        *,
        replace: bool = False,
    ) -> None:
        """Add counts (and position sums) of consecutive keys from ``first``; ``shared``, when
        given, are their shared low bits (:func:`_shared`), or with ``replace`` what the
        buckets hold now."""
        for mine, here, there in self._slices(first, counts.size):
            mine[0][here] += counts[there]
            mine[1][here] += spots[there]
            if shared is not None:
                part = shared[there]
                mine[2][here] = part if replace else _shared(mine[2][here], part)

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
