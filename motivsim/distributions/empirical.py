"""Empirical KPI distributions: observed values, inline or read from a column of a CSV file."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from motivsim.distributions.base import Distribution, FloatArray
from motivsim.distributions.params import ParameterError, _did_you_mean, _fmt, _number, _show
from motivsim.limits import MAX_CSV_BYTES, MAX_EMPIRICAL_VALUES

__all__ = ["Empirical"]


@dataclass(frozen=True, slots=True)
class Empirical(Distribution):
    """Resampling of observed ``values``, each with probability 1/n (kept sorted)."""

    kind = "empirical"
    is_discrete = True
    values: tuple[float, ...]
    _sorted: FloatArray = field(init=False, repr=False, compare=False)
    _cumsum: FloatArray = field(init=False, repr=False, compare=False)

    def _validate(self) -> dict[str, Any]:
        raw = self.values
        if isinstance(raw, str | bytes) or not isinstance(raw, list | tuple | np.ndarray):
            raise ParameterError("values", f"values must be a list of numbers, got {_show(raw)}")
        if not 0 < len(raw) <= MAX_EMPIRICAL_VALUES:
            size = (
                "must not be empty" if not len(raw) else f"has more than {MAX_EMPIRICAL_VALUES:,}"
            )
            raise ParameterError("values", f"values {size}", hint="list observed KPI values")
        arr = np.sort(np.array([_number("values", v, f"values[{i}]") for i, v in enumerate(raw)]))
        cumsum = np.concatenate(([0.0], np.cumsum(arr)))
        return {"values": tuple(arr.tolist()), "_sorted": arr, "_cumsum": cumsum}

    @classmethod
    def from_csv(cls, path: Path, column: str) -> Empirical:
        """The values of ``column`` in the CSV file ``path`` (header row first, blanks skipped).

        Numbers may use ``_`` or spaces as thousands separators.
        """
        try:
            if path.stat().st_size > MAX_CSV_BYTES:
                raise ParameterError("csv", f"{path.name} is larger than {MAX_CSV_BYTES:,} bytes")
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return cls(tuple(_read_column(handle, path.name, column)))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            raise ParameterError("csv", f"cannot read {path.name}: {reason}") from exc

    def _params(self) -> dict[str, Any]:
        return {"values": list(self.values)}

    def _label(self) -> str:
        lo, hi = self._raw_support()
        return f"empirical({len(self.values):,} values from {_fmt(lo)} to {_fmt(hi)})"

    def _raw_support(self) -> tuple[float, float]:
        return self.values[0], self.values[-1]

    def _ppf(self, u: FloatArray) -> FloatArray:
        n = len(self._sorted)  # the smallest i with i / n >= u, exactly as floats compare
        i = np.ceil(u * n)
        i = np.where((i - 1) / n >= u, i - 1, i)
        i = np.where(i / n < u, i + 1, i)
        return self._sorted[np.clip(i - 1, 0, n - 1).astype(np.intp)]

    def _count(self, x: float, side: Any) -> int:
        return int(np.searchsorted(self._sorted, x, side=side))

    def _cdf(self, x: float) -> float:
        return self._count(x, "right") / len(self._sorted)

    def _cdf_left(self, x: float) -> float:
        return self._count(x, "left") / len(self._sorted)

    def _trunc_support(self, lo: float, hi: float) -> tuple[float, float]:
        i, j = self._count(lo, "left"), self._count(hi, "right") - 1
        return float(self._sorted[min(i, len(self._sorted) - 1)]), float(self._sorted[max(j, 0)])

    def _partial_mean(self, lo: float, hi: float) -> float:
        i, j = self._count(lo, "left"), self._count(hi, "right")
        return float(self._cumsum[j] - self._cumsum[i]) / len(self._sorted) if j > i else 0.0

    @property
    def integer_valued(self) -> bool:
        """Whether every observed value inside the truncation bounds is a whole number."""
        kept = self._values_between(*self.support(), None)
        return bool(np.all(kept == np.floor(kept)))

    def _values_between(self, lo: float, hi: float, limit: int | None) -> FloatArray:
        i, j = self._count(lo, "left"), self._count(hi, "right")
        return np.unique(self._sorted[i:j])


def _read_column(handle: TextIO, name: str, column: str) -> list[float]:
    """The numbers in ``column`` of a CSV file, with errors naming file, row and column."""
    rows = csv.reader(handle)
    header = [cell.strip() for cell in next(rows, [])]
    if column not in header:
        hint = _did_you_mean(column, header, "columns")
        raise ParameterError("column", f"{name} has no column {column!r}", hint=hint)
    index, values = header.index(column), []
    for row in rows:
        cell = row[index].strip() if index < len(row) else ""
        if cell:
            values.append(_parse_cell(cell, f"{name} row {rows.line_num}, column {column!r}"))
    if not values:
        raise ParameterError("csv", f"{name} has no values in column {column!r}")
    return values


def _parse_cell(cell: str, where: str) -> float:
    text = cell
    for separator in ("_", " ", "\u00a0", "\u202f"):
        text = text.replace(separator, "")
    try:
        return _number("csv", float(text))
    except (ValueError, ParameterError) as exc:
        hint = "write plain numbers such as 9500000 or 9_500_000; no currency signs or commas"
        raise ParameterError("csv", f"{where}: {cell!r} is not a finite number", hint=hint) from exc
