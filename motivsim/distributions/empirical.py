"""Empirical KPI distributions: observed values, inline or read from a column of a CSV file."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from motivsim.distributions.base import Distribution, FloatArray
from motivsim.distributions.params import ParameterError, _did_you_mean, _fmt, _number, _show
from motivsim.formula.lexer import describe_char
from motivsim.limits import (
    MAX_ABS_NUMBER,
    MAX_CSV_BYTES,
    MAX_EMPIRICAL_VALUES,
    FileRefused,
    read_limited,
)

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
            raw = read_limited(path, MAX_CSV_BYTES)
            handle = io.StringIO(raw.decode("utf-8-sig"), newline="")
            return cls(tuple(_read_column(handle, path.name, column)))
        except FileRefused as exc:
            if exc.kind is not None:
                hint = "give the path of a CSV file (copy the data into one first)"
                msg = f"{path.name} is {exc.kind}, not a file"
                raise ParameterError("csv", msg, hint=hint) from None
            hint = f"keep at most {MAX_EMPIRICAL_VALUES:,} observations, in a smaller file"
            msg = f"{path.name} is {exc.size:,} bytes; the limit is {MAX_CSV_BYTES:,}"
            raise ParameterError("csv", msg, hint=hint) from None
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
    """The numbers in ``column`` of a CSV file, with errors naming file, row and column.

    Refused: a header naming ``column`` twice, a row with more cells than the header has
    columns (``1,5,000`` read as 1 and 5), and any cell that is not a plain number.
    """
    rows = csv.reader(handle)
    header = [cell.strip() for cell in next(rows, [])]
    if column not in header:
        hint = _did_you_mean(column, header, "columns")
        raise ParameterError("column", f"{name} has no column {column!r}", hint=hint)
    index, values = header.index(column), []
    if header.count(column) > 1:
        again = header.index(column, index + 1)
        msg = f"{name} row 1 names column {column!r} twice (columns {index + 1} and {again + 1})"
        raise ParameterError("column", msg, hint="rename one of the two columns")
    for row in rows:
        if len(row) > len(header):
            msg = (
                f"{name} row {rows.line_num} has {len(row)} cells but the header has "
                f"{len(header)} columns"
            )
            hint = 'a comma inside a number splits it in two: write 5000 or quote it as "5 000"'
            raise ParameterError("csv", msg, hint=hint)
        cell = row[index].strip() if index < len(row) else ""
        if cell:
            values.append(_parse_cell(cell, f"{name} row {rows.line_num}, column {column!r}"))
            if len(values) > MAX_EMPIRICAL_VALUES:
                msg = f"{name} has more than {MAX_EMPIRICAL_VALUES:,} values in column {column!r}"
                raise ParameterError("csv", msg, hint="use a sample of the observations")
    if not values:
        raise ParameterError("csv", f"{name} has no values in column {column!r}")
    return values


#: A plain number: ASCII digits, single separators between digit groups, a decimal point and
#: an exponent (``9_500_000``, ``10 250 000``, ``8000000.5``, ``1.2e6``).
_CELL = re.compile(
    r"[+-]?(?:\d+(?:[_ \u00a0\u202f]\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII
)
_CELL_HINT = "write plain numbers such as 9500000 or 9_500_000; no currency signs or commas"


def _parse_cell(cell: str, where: str) -> float:
    if not _CELL.fullmatch(cell):
        digit = next((ch for ch in cell if ch.isdigit() and not ch.isascii()), None)
        if digit is not None:
            msg = f"{where}: {cell!r} has the digit {describe_char(digit)}"
            raise ParameterError("csv", msg, hint="type numbers with the digits 0-9")
        if re.search(r"[_ \u00a0\u202f]{2}|^[_ \u00a0\u202f]|[_ \u00a0\u202f]$", cell):
            msg = f"{where}: {cell!r} has a doubled or misplaced digit separator"
            raise ParameterError("csv", msg, hint="separate digit groups with single _ or spaces")
        raise ParameterError("csv", f"{where}: {cell!r} is not a finite number", hint=_CELL_HINT)
    text = cell
    for separator in ("_", " ", "\u00a0", "\u202f"):
        text = text.replace(separator, "")
    value = float(text)
    if not abs(value) <= MAX_ABS_NUMBER:
        msg = f"{where}: {cell!r} is too large: numbers may be at most {MAX_ABS_NUMBER:g} in size"
        raise ParameterError("csv", msg, hint="express large amounts in thousands or millions")
    return value
