"""KPI values given to :meth:`Scheme.pay`, ``exact``, ``explain``, ``evaluate`` and ``holds``,
checked and put in normal form: each either comes out as an exact number or a float64 array, or
raises an error that names the KPI and says what is allowed.

* A wrong *type* raises :class:`~motivsim.errors.ArgumentTypeError` (also a ``TypeError``):
  ``None``, text, ``bool``, complex numbers, dates, and arrays of them.
* A wrong *value* raises :class:`~motivsim.errors.ArgumentError` (also a ``ValueError``):
  NaN or infinity (in an array too), a number beyond the range of a float, a value outside the
  KPI's declared ``min``/``max``, a masked array with masked values, arrays of different lengths.
* Scalars may be ``int``, ``float``, :class:`~fractions.Fraction`, :class:`~decimal.Decimal` or
  numpy numbers, and are taken exactly (a float as the decimal it prints as). In an array (which
  is computed in float64), a ``Fraction`` or ``Decimal`` element is accepted when float64 holds
  it exactly in that sense (``Decimal("0.1")`` is ``0.1``), and refused otherwise
  (``Fraction(1, 3)``): pass such values one at a time as scalars to compute them exactly.
* A table (:func:`from_table`): a pandas or polars DataFrame, one KPI per column (columns that
  are not KPIs are ignored), or a mapping holding pandas Series; results come back as a Series
  or DataFrame with the input's index. Nullable number columns (``Int64``, ``Float64``) are
  accepted; their missing values are refused as NaN is.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from motivsim.errors import ArgumentError, ArgumentTypeError
from motivsim.validation import is_real, to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Kpi

__all__ = [
    "Table",
    "check_shapes",
    "from_table",
    "is_scalar",
    "kpi_array",
    "kpi_scalar",
    "magnitude",
]

#: The largest finite float: a KPI value beyond it cannot be computed in float64.
_FLOAT_MAX = Fraction(sys.float_info.max)

#: What an array's dtype kind holds, for the error message of a kind that is not numbers.
_KINDS = {
    "b": "True/False values",
    "c": "complex numbers",
    "U": "text",
    "S": "bytes",
    "M": "dates",
    "m": "time spans",
    "V": "records",
}


def is_scalar(value: object) -> bool:
    """Whether ``value`` is one number (Python or numpy, exact or float), not an array."""
    return isinstance(value, int | float | Fraction | Decimal) or (
        isinstance(value, np.generic) and value.ndim == 0
    )


def kpi_scalar(kpi: Kpi, value: object) -> Fraction:
    """One KPI value as an exact number, once its type, finiteness, size and range are checked."""
    if not is_real(value):
        raise ArgumentTypeError(
            f"KPI {kpi.name!r} must be a number, got {_shown(value)}", hint=_none_hint(value)
        )
    exact = to_fraction(value, f"KPI {kpi.name!r}")
    if abs(exact) > _FLOAT_MAX:
        raise ArgumentError(
            f"KPI {kpi.name!r} is too large to compute with ({magnitude(exact)}); "
            "the limit is the range of a float, about 1.8e308"
        )
    low, high = _bounds(kpi)
    if (low is not None and exact < low) or (high is not None and exact > high):
        raise ArgumentError(
            f"KPI {kpi.name!r} must be{_range_text(kpi)} (its declared "
            f"{'min' if low is not None and exact < low else 'max'}), got {_number(exact)}",
            hint=f"change the value, or the [kpi.{kpi.name}] min/max if the range is wrong",
        )
    return exact


def kpi_array(kpi: Kpi, value: object) -> np.ndarray[Any, Any] | np.float64:
    """KPI values (a scalar or array-like) as float64, once every element is checked."""
    if is_scalar(value):
        exact = kpi_scalar(kpi, value)
        number = float(exact)
        if isinstance(value, Fraction | Decimal) and Fraction(repr(number)) != exact:
            raise _inexact(kpi, value, "")
        return np.float64(number)
    if value is None or isinstance(value, str | bytes | bool | np.bool_ | complex):
        raise ArgumentTypeError(
            f"KPI {kpi.name!r} must be a number, got {_shown(value)}",
            hint=_none_hint(value) or "give a number or an array of numbers",
        )
    masked_type = getattr(sys.modules.get("numpy.ma"), "MaskedArray", None)
    if masked_type is not None and isinstance(value, masked_type):  # numpy.ma only if in use
        masked = int(np.ma.count_masked(value))
        if masked:
            raise ArgumentError(
                f"KPI {kpi.name!r}: {masked:,} of {value.size:,} values are masked; pay cannot "
                "be computed for a missing value",
                hint="drop them (values.compressed()) or fill them (values.filled(x)) first",
            )
        value = np.ma.getdata(value)
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):  # ragged nested lists and the like
        raise ArgumentTypeError(
            f"KPI {kpi.name!r} must be a number or an array of numbers, got {_shown(value)}"
        ) from None
    kind = arr.dtype.kind
    if kind in "iuf":
        out = np.asarray(arr, dtype=np.float64)
    elif kind == "O":
        out = _from_objects(kpi, arr)
    else:
        raise ArgumentTypeError(
            f"KPI {kpi.name!r} must be numbers, got an array of "
            f"{_KINDS.get(kind, str(arr.dtype))} (dtype {arr.dtype})"
        )
    _check_elements(kpi, out)
    return out


def check_shapes(arrays: Mapping[str, Any]) -> None:
    """KPI arrays broadcast together (same length, or scalars), else an error naming them."""
    shapes = {name: np.shape(value) for name, value in arrays.items()}
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        shown = ", ".join(
            f"{name} has shape {shape}" for name, shape in shapes.items() if shape != ()
        )
        raise ArgumentError(
            f"KPI arrays must have the same length (or be single numbers): {shown}"
        ) from None


def _from_objects(kpi: Kpi, arr: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """An array of Python objects (numbers, Fractions, Decimals...) as float64, exactly."""
    flat = arr.ravel()
    out = np.empty(flat.shape, dtype=np.float64)
    for i, item in enumerate(flat):
        where = _index(arr.shape, i)
        if not is_real(item):
            raise ArgumentTypeError(
                f"KPI {kpi.name!r} must be numbers, got {_shown(item)} at {where}",
                hint=_none_hint(item),
            )
        if isinstance(item, float | np.floating):
            out[i] = float(item)
            continue
        exact = to_fraction(item, f"KPI {kpi.name!r} at {where}")
        if abs(exact) > _FLOAT_MAX:
            raise ArgumentError(
                f"KPI {kpi.name!r} at {where} is too large to compute with "
                f"({magnitude(exact)}); the limit is the range of a float, about 1.8e308"
            )
        number = out[i] = float(exact)
        if isinstance(item, Fraction | Decimal) and Fraction(repr(number)) != exact:
            raise _inexact(kpi, item, f" at {where}")
    return out.reshape(arr.shape)


def _check_elements(kpi: Kpi, out: np.ndarray[Any, Any]) -> None:
    """Every element is finite and within the KPI's declared ``min``/``max``."""
    if out.size == 0:
        return
    bad = ~np.isfinite(out)
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        first = float(out.ravel()[i])
        raise ArgumentError(
            f"KPI {kpi.name!r} must be finite numbers: {int(bad.sum()):,} of {out.size:,} "
            f"values are NaN or infinite (first: {first!r} at {_index(out.shape, i)})",
            hint="drop or fill missing values before computing pay",
        )
    for side, limit in (("min", kpi.min), ("max", kpi.max)):
        if limit is None:
            continue
        bad = out < limit if side == "min" else out > limit
        if bad.any():
            i = int(np.flatnonzero(bad.ravel())[0])
            raise ArgumentError(
                f"KPI {kpi.name!r} must be{_range_text(kpi)} (its declared {side}): "
                f"{int(bad.sum()):,} of {out.size:,} values are "
                f"{'below' if side == 'min' else 'above'} it "
                f"(first: {_number(out.ravel()[i])} at {_index(out.shape, i)})",
                hint=f"change the values, or the [kpi.{kpi.name}] min/max if the range is wrong",
            )


def _inexact(kpi: Kpi, item: object, where: str) -> ArgumentError:
    return ArgumentError(
        f"KPI {kpi.name!r}{where}: {item} has no exact float64 value, and arrays are computed "
        "in float64",
        hint="pass the values one at a time (scalars are computed exactly), or round them to "
        "at most 15 significant digits",
    )


def _bounds(kpi: Kpi) -> tuple[Fraction | None, Fraction | None]:
    """The declared ``min`` and ``max`` as the exact decimals written in the scheme."""
    low = None if kpi.min is None else to_fraction(kpi.min)
    high = None if kpi.max is None else to_fraction(kpi.max)
    return low, high


def _range_text(kpi: Kpi) -> str:
    """`` from 0 to 100``, `` >= 0``, `` <= 100`` or ``""``."""
    if kpi.min is not None and kpi.max is not None:
        return f" from {_number(kpi.min)} to {_number(kpi.max)}"
    if kpi.min is not None:
        return f" >= {_number(kpi.min)}"
    if kpi.max is not None:
        return f" <= {_number(kpi.max)}"
    return ""


def _number(value: float | Fraction) -> str:
    """A value for a message: ``-5``, ``1,000,000``, ``0.25``, ``≈0.333333``."""
    if isinstance(value, Fraction) and abs(value) > _FLOAT_MAX:
        return magnitude(value)
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    text = f"{number:.15g}"
    exact = isinstance(value, float | np.floating) or Fraction(text) == value
    return text if exact else "≈" + text


def magnitude(value: Fraction) -> str:
    """``about 1e400``: the size of a number too large for a float (without all its digits)."""
    exponent = math.log10(abs(value.numerator)) - math.log10(value.denominator)
    return f"about 1e{math.floor(exponent)}"


def _index(shape: tuple[int, ...], flat: int) -> str:
    """``[3]`` or ``[1, 2]``: where element ``flat`` of an array of ``shape`` stands."""
    if len(shape) <= 1:
        return f"[{flat}]"
    return "[" + ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) + "]"


def _none_hint(value: object) -> str | None:
    if value is None:
        return "None is not a number: give every KPI a value (motivsim never treats None as NaN)"
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- tables: pandas and polars ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Table:
    """Where KPI values given as a table came from, to give results back in the same form.

    ``kind`` is ``"pandas"`` (``index`` is the frame's or the Series' index) or ``"polars"``.
    """

    kind: str
    index: Any = None

    def column(self, values: Any, name: str) -> Any:
        """One result (such as pay) as a pandas or polars Series, with the input's index."""
        if self.kind == "pandas":
            return sys.modules["pandas"].Series(values, index=self.index, name=name)
        return sys.modules["polars"].Series(name, np.asarray(values))

    def frame(self, columns: Mapping[str, Any]) -> Any:
        """Several results (every step) as a pandas or polars DataFrame, one column each."""
        if self.kind == "pandas":
            return sys.modules["pandas"].DataFrame(dict(columns), index=self.index)
        return sys.modules["polars"].DataFrame({k: np.asarray(v) for k, v in columns.items()})


def from_table(values: object, kpis: Collection[str]) -> tuple[Any, Table | None]:
    """KPI ``values`` as a plain mapping of arrays, and the :class:`Table` they came from.

    * A pandas or polars ``DataFrame``: one KPI per column. Columns that are not KPIs of the
      scheme (a manager's name, a region, a ``pay`` column added earlier) are ignored; a KPI
      that pay needs and the frame lacks is refused later, as for a dict.
    * A mapping whose values include pandas ``Series``: each Series becomes its values; all
      Series must share one index (the result gets it), and are not aligned by label.
    * Anything else comes back as it is, with ``None``.

    pandas and polars are never imported here: a value can only be one of their objects when
    the package is already loaded (``sys.modules``).
    """
    pd, pl = sys.modules.get("pandas"), sys.modules.get("polars")
    if pd is not None and isinstance(values, pd.DataFrame):
        if values.columns.has_duplicates:
            twice = sorted({str(c) for c in values.columns[values.columns.duplicated()]})
            raise ArgumentError(
                f"the DataFrame has more than one column named {', '.join(twice)}",
                hint="drop or rename the duplicates: each KPI needs one column",
            )
        columns = {name: _pandas_column(values[name]) for name in values.columns if name in kpis}
        return columns, Table("pandas", values.index)
    if pl is not None and isinstance(values, pl.DataFrame):
        columns = {
            name: values.get_column(name).to_numpy() for name in values.columns if name in kpis
        }
        return columns, Table("polars")
    if pd is not None and isinstance(values, Mapping):
        series = [(k, v) for k, v in values.items() if isinstance(v, pd.Series)]
        if not series:
            return values, None
        first, index = series[0][0], series[0][1].index
        for name, item in series[1:]:
            if not item.index.equals(index):
                raise ArgumentError(
                    f"the pandas Series of KPIs {first!r} and {name!r} have different indexes; "
                    "motivsim pairs values by position, not by label",
                    hint="align them first, e.g. pd.concat(series, axis=1), and pass the DataFrame",
                )
        plain = {k: _pandas_column(v) if isinstance(v, pd.Series) else v for k, v in values.items()}
        return plain, Table("pandas", index)
    return values, None


def _pandas_column(column: Any) -> Any:
    """A pandas Series as a numpy array; missing values of nullable number types become NaN
    (refused with the message for NaN), other types stay as they are (refused by type)."""
    dtype = column.dtype
    if not isinstance(dtype, np.dtype) and getattr(dtype, "kind", "") in ("i", "u", "f"):
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    return column.to_numpy()
