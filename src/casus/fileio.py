"""Writing files so that nothing a user saved is ever lost or half-written.

Every file casus writes goes through here: the content is written to a
temporary file in the same directory, flushed to disk, then renamed over the
target in one step (``os.replace`` is atomic on POSIX). An existing output is
only replaced when the caller says ``force``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from casus.errors import InputError, OutputExistsError


def check_writable(path: Path | str, *, force: bool) -> Path:
    """Refuse to overwrite an existing file without ``force``."""
    p = Path(path)
    if p.exists() and not force:
        raise OutputExistsError(f"{p} already exists; pass --force to replace it", field="output",
                                accepted="a new path, or --force")
    return p


def atomic_write_with(path: Path | str, writer: Callable[[Path], None], *, force: bool = True) -> Path:
    """Let ``writer`` fill a temporary path, then move it into place atomically.

    For libraries that insist on writing a path themselves (pyarrow, matplotlib, duckdb).
    """
    target = check_writable(path, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # let the writer create it (some refuse an existing file)
        writer(tmp)
        if tmp.is_file():
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        if tmp.is_dir():
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        raise
    return target


def write_output(path: Path | str, data: bytes | Callable[[Path], None], *, force: bool = False,
                 field: str = "output") -> Path:
    """Write a user's output file: refuse an existing one without ``force``, name a missing folder,
    and turn an OS failure into an InputError, so the command line can answer in one line."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a directory", field=field, accepted="a file name")
    if target.exists() and not force:
        raise OutputExistsError(f"{target} exists; give --force to replace it", field=field,
                                accepted="a new file name, or --force")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {target}: the folder {parent} does not exist", field=field,
                         accepted="a path in an existing folder")
    writer = data if callable(data) else (lambda tmp: tmp.write_bytes(data))  # type: ignore[misc]
    try:
        return atomic_write_with(target, writer, force=True)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}", field=field) from exc


def atomic_write_bytes(path: Path | str, data: bytes, *, force: bool = True) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write_with(path, write, force=force)


def atomic_write_text(path: Path | str, text: str, *, force: bool = True) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)
