"""Writing a map or a GeoJSON file: never over an existing file unless asked, never half a file.

The bytes go to a temporary file in the same directory, are flushed to disk,
and then replace the target with ``os.replace`` (atomic on POSIX), so a reader
sees the old file or the new one. An existing file is refused with
:class:`~casus.errors.OutputExistsError` unless ``force`` is given.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from casus.errors import InputError, OutputExistsError


def write_new(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(f"{target} exists; give --force to replace it", field="output",
                                accepted="a new file name, or --force")
    if target.exists() and target.is_dir():
        raise InputError(f"{target} is a directory", field="output", accepted="a file name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"cannot write {target}: the directory {parent} does not exist", field="output",
                         accepted="a path in an existing directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}", field="output") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {target}: {exc.strerror}", field="output") from exc
        raise
    return target
