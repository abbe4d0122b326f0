"""Writing a map or a GeoJSON file: never over an existing file unless asked, never half a file.

The bytes go to a temporary file in the same directory, are flushed to disk,
and then replace the target with ``os.replace`` (atomic on POSIX), so a reader
sees the old file or the new one. An existing file is refused with
:class:`~casus.errors.OutputExistsError` unless ``force`` is given.
"""

from __future__ import annotations

from pathlib import Path

from casus.fileio import write_output


def write_new(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    return write_output(path, data, force=force)
