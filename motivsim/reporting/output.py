"""Writing an output file (a picture, a report) safely: one helper for every command that writes.

* The target is checked before any work is done (:func:`check_output`): its suffix, that it is
  not a folder or a device, that its folder exists, and that it is not one of the inputs (the
  scheme file, a CSV file of observed values) under another name: a symbolic link or a hard link
  to an input counts as the input (``os.path.samefile``).
* The file is written atomically (:func:`write_output`): into a temporary file in the same folder,
  then moved over the target with ``os.replace``; a failure leaves the old file as it was. A
  symbolic link as the target is followed: the file it points to is replaced, the link is kept.
* Every failure is an :class:`~motivsim.errors.ArgumentError` that names the path and says why.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from motivsim.errors import ArgumentError, ArgumentTypeError

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["check_output", "input_files", "write_output"]


def check_output(
    path: object,
    *,
    inputs: Iterable[str | Path | None] = (),
    suffixes: tuple[str, ...] = (),
    what: str = "--out",
) -> Path:
    """The file to write ``path`` to (symbolic links followed), once it is known to be writable
    without harm; see the module docstring. ``what`` names the argument in messages."""
    if not isinstance(path, str | os.PathLike):
        raise ArgumentTypeError(f"{what} must be a file path, got {type(path).__name__}")
    shown = os.fspath(path)
    out = Path(shown)
    if suffixes and out.suffix.lower() not in suffixes:
        raise ArgumentError(
            f"{what} {shown!r}: the name must end with " + " or ".join(suffixes),
            hint=f"e.g. {what} {out.with_suffix(suffixes[0]).name}",
        )
    target = Path(os.path.realpath(out))
    if target.is_dir():
        raise ArgumentError(
            f"{what} {shown!r} is a folder; give the name of a file to write",
            hint=f"e.g. {what} {out / ('output' + (suffixes[0] if suffixes else ''))}",
        )
    folder = target.parent
    if not folder.is_dir():
        raise ArgumentError(f"{what} {shown!r}: folder {str(out.parent)!r} does not exist")
    for item in inputs:
        if item is not None and _same_file(target, Path(item)):
            raise ArgumentError(
                f"{what} {shown!r} is the input file {os.fspath(item)!r}"
                + (" (through a link)" if os.fspath(item) != shown else "")
                + "; writing it would destroy the input",
                hint="choose another output file name",
            )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise ArgumentError(f"{what} {shown!r}: cannot use it: {exc.strerror}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise ArgumentError(
            f"{what} {shown!r} is not a regular file (a device, pipe or socket); "
            "give the name of a file to write"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ArgumentError(f"{what} {shown!r}: no permission to write in folder {str(folder)!r}")
    return target


def write_output(
    path: object,
    write: Callable[[IO[bytes]], Any],
    *,
    inputs: Iterable[str | Path | None] = (),
    suffixes: tuple[str, ...] = (),
    what: str = "--out",
) -> Path:
    """Check ``path`` (:func:`check_output`), call ``write`` with a binary file open on a
    temporary file in the same folder, then move it over the target; return the file written.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_output(folder / "a.txt", lambda f: f.write(b"hello")).read_bytes()
    b'hello'
    >>> write_output(folder, lambda f: f.write(b"x"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    motivsim.errors.ArgumentError: --out '...' is a folder; give the name of a file to write
      hint: e.g. --out .../output
    """
    inputs = tuple(inputs)
    target = check_output(path, inputs=inputs, suffixes=suffixes, what=what)
    shown = os.fspath(path)  # type: ignore[call-overload]
    try:
        old_mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        old_mode = None
    try:
        fd, temp = _temporary(target)
    except OSError as exc:
        raise ArgumentError(
            f"{what} {shown!r}: cannot write in folder {str(target.parent)!r}: {exc.strerror}"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if old_mode is not None:
                os.fchmod(handle.fileno(), old_mode)  # a replaced file keeps its permissions
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise ArgumentError(
            f"{what} {shown!r}: cannot write it: {exc.strerror or exc}",
            hint="the old file, if any, is unchanged",
        ) from None
    except BaseException:
        _remove(temp)
        raise
    return target


def input_files(scheme: Scheme) -> tuple[Path, ...]:
    """The files ``scheme`` was read from: its TOML file and the CSV files it names."""
    source = scheme.source
    if source is None or source.path is None:
        return ()
    base = source.base_dir or Path()
    found = [Path(source.path)]
    found += [base / name for name in _csv_names(source.data)]
    return tuple(found)


def _csv_names(data: object) -> Iterator[str]:
    """Every ``csv = "..."`` value in the TOML data (empirical distributions' files)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "csv" and isinstance(value, str):
                yield value
            else:
                yield from _csv_names(value)
    elif isinstance(data, list):
        for item in data:
            yield from _csv_names(item)


def _same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are one file (through symbolic or hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(a) == os.path.realpath(b)


def _temporary(target: Path) -> tuple[int, Path]:
    """A new file next to ``target`` (created with the usual permissions: 0o666 less umask)."""
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file next to {target}")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
