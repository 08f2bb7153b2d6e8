"""Resource limits for untrusted scheme files, as named constants checked before work is done.

:func:`read_limited` is the one way motivsim reads a file it is given (a scheme, a CSV of
observed values): only a regular file, and never more than its limit in bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

#: Largest scheme file read, in bytes.
MAX_FILE_BYTES: Final = 256 * 1024
#: Most parts of one dotted TOML key or table header (``a.b.c = 1`` has 3).
MAX_KEY_PARTS: Final = 16
#: Most keys and list positions on the path to one TOML value: ``[team.segment]`` tables,
#: dotted keys, lists and inline tables together (``x = [[1]]`` puts ``1`` at depth 3).
MAX_TOML_DEPTH: Final = 32
#: Longest formula, in characters.
MAX_FORMULA_CHARS: Final = 4_000
#: Deepest nesting of parentheses, calls, lists and operators in one formula.
MAX_NESTING: Final = 60
#: Most syntax-tree nodes in one formula.
MAX_NODES: Final = 2_000
#: Most parts (sympy nodes, shared parts counted each time) of a step or condition with every
#: step substituted in: the expanded form that plan levels, plot markers and search ranges
#: solve. Steps that use an earlier step several times double in size with each step; beyond
#: this, those features fall back to numbers computed step by step.
MAX_EXPANDED_NODES: Final = 2_000
#: Deepest nesting of such an expanded form.
MAX_EXPANDED_DEPTH: Final = 120
#: Most parts built over all steps' expanded forms of one scheme together.
MAX_EXPANSION_WORK: Final = 20_000
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
#: Probability of each tail that a KPI distribution's draws may leave out of ``MAX_ABS_NUMBER``:
#: its ``DRAW_TAIL`` and ``1 - DRAW_TAIL`` quantiles (what a trillion draws reach) must lie
#: within ``±MAX_ABS_NUMBER``.
DRAW_TAIL: Final = 1e-12
#: Seconds to wait for a Dask scheduler (or a started local cluster's workers) by default:
#: ``--dask-timeout`` of every command that simulates (:mod:`motivsim.simulation.cluster`).
DASK_TIMEOUT: Final = 10.0

_FILE_KINDS: Final = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class FileRefused(Exception):
    """A file :func:`read_limited` will not read; callers re-raise it as their own located error.

    ``kind`` names what the path is when it is not a regular file (``"a named pipe (FIFO)"``);
    ``size`` is the size in bytes when the file is too large.
    """

    def __init__(self, *, kind: str | None = None, size: int | None = None) -> None:
        super().__init__(kind or f"{size} bytes")
        self.kind = kind
        self.size = size


def read_limited(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path``, if it has at most ``max_bytes`` of them.

    The file is opened without blocking (a named pipe would otherwise wait for a writer
    forever) and checked on the open handle, so what is read is what was checked; at most
    ``max_bytes + 1`` bytes are read, also from a file that grows meanwhile.

    Raises
    ------
    FileRefused
        ``path`` is not a regular file (``kind``), or has more than ``max_bytes`` (``size``).
    OSError
        It cannot be opened or read (missing, no permission, ...).
    """
    fd = os.open(
        Path(path), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), None)
            raise FileRefused(kind=kind or "not a regular file")
        if info.st_size > max_bytes:
            raise FileRefused(size=info.st_size)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(max_bytes + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise FileRefused(size=total)
        return b"".join(chunks)
    finally:
        os.close(fd)
