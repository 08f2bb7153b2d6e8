"""Resource limits for untrusted scheme files, as named constants checked before work is done."""

from __future__ import annotations

from typing import Final

#: Largest scheme file read, in bytes.
MAX_FILE_BYTES: Final = 256 * 1024
#: Longest formula, in characters.
MAX_FORMULA_CHARS: Final = 4_000
#: Deepest nesting of parentheses, calls, lists and operators in one formula.
MAX_NESTING: Final = 60
#: Most syntax-tree nodes in one formula.
MAX_NODES: Final = 2_000
#: Most arguments to one function call (a tier list counts as one argument).
MAX_ARGUMENTS: Final = 8
#: Most elements in one tier list (``[b1, ..., bk]``).
MAX_LIST_ITEMS: Final = 200
#: Most characters in one number literal (digits, point, separators, exponent).
MAX_NUMBER_CHARS: Final = 40
#: Largest absolute value of a number literal or parameter (1e15: a quadrillion of any currency).
MAX_ABS_NUMBER: Final = 1e15
#: Most decimal places of a number literal.
MAX_DECIMAL_PLACES: Final = 30
#: Largest absolute value of a constant exponent in ``x ** n``.
MAX_EXPONENT: Final = 10
#: Most KPIs, parameters and formula steps together in one scheme.
MAX_NAMES: Final = 500
#: Longest name (KPI, parameter or step), in characters.
MAX_NAME_CHARS: Final = 64
#: Most digits kept by ``round(x, digits)``.
MAX_ROUND_DIGITS: Final = 10
#: Most observed values in one empirical distribution (inline list or CSV column).
MAX_EMPIRICAL_VALUES: Final = 1_000_000
#: Largest CSV file read for an empirical distribution, in bytes.
MAX_CSV_BYTES: Final = 64 * 1024 * 1024
