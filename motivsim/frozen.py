"""The one read-only mapping type of motivsim's results and schemes.

``types.MappingProxyType`` cannot be pickled, which process pools and Dask need; a
:class:`FrozenMap` is a plain read-only view of its own copy of the data that pickles, compares
equal to a ``dict`` with the same items, and hashes when its values do.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

__all__ = ["FrozenMap", "frozen_mapping"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping (a copy of the items it was made from).

    Examples
    --------
    >>> import pickle
    >>> m = FrozenMap({"revenue": 1.0})
    >>> m["revenue"], m == {"revenue": 1.0}, pickle.loads(pickle.dumps(m)) == m
    (1.0, True, True)
    >>> m["revenue"] = 2.0
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMap' object does not support item assignment
    """

    __slots__ = ("_data",)

    _data: dict[K, V]

    def __init__(self, data: Mapping[K, V] | None = None, /) -> None:
        object.__setattr__(self, "_data", dict(data or {}))

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._data,))


def frozen_mapping(data: Mapping[K, V] | None = None) -> FrozenMap[K, V]:
    """A read-only copy of ``data`` (returned as is when it is one already)."""
    return data if isinstance(data, FrozenMap) else FrozenMap(data)
