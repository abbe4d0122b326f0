"""Where compiled geography is kept on disk: the safe cache files of :mod:`casus.cachefile`.

Geometry is stored as WKB bytes and numpy arrays of plain dtypes in a
checksummed file that loading never executes; see :mod:`casus.cachefile` for
the format and the trust model (a directory only this user can write, regular
files only, one builder at a time).
"""

from __future__ import annotations

from pathlib import Path

from casus.cachefile import (
    MAGIC,
    build_lock,
    cache_dir,
    damaged_shipped,
    load,
    load_shipped,
    pack,
    prune,
    save,
    shipped_names,
    trusted_dir,
    unpack,
)
from casus.fileio import atomic_write_bytes

__all__ = ["MAGIC", "atomic_write", "build_lock", "cache_dir", "damaged_shipped", "load", "load_shipped", "pack",
           "prune", "save", "shipped_names", "trusted_dir", "unpack"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    atomic_write_bytes(path, data, lock=False)
