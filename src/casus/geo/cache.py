"""Where compiled geography is kept on disk, and how it is written and read safely.

The cache directory is ``$CASUS_CACHE_DIR`` or ``~/.cache/casus``. Files are
written atomically (a temporary file in the same directory, then
``os.replace``) so that a reader never sees half a file, and each file carries
a checksum over its payload: a truncated or corrupt file is rebuilt, never
trusted.

The format is ``MAGIC``, the header's length (8 bytes), one header (JSON:
names, dtypes, shapes and offsets of numpy arrays, plus plain metadata), the
raw arrays, and a CRC-32 of header and arrays together (4 bytes), so that
loading is a single read, no unpickling of code objects, and damage anywhere
(header included) is caught.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from casus.fileio import atomic_write_bytes

MAGIC = b"CASUSGE2"
_ALIGN = 16


def cache_dir() -> Path:
    """``$CASUS_CACHE_DIR``, else ``~/.cache/casus`` (one place for every cache: :func:`casus.kb.cache_dir`)."""
    from casus.kb import cache_dir as shared

    return shared()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    atomic_write_bytes(path, data)


def pack(arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> bytes:
    """Arrays and JSON-able metadata as one checksummed blob."""
    specs = []
    chunks: list[bytes] = []
    offset = 0
    for name, arr in arrays.items():
        arr = np.ascontiguousarray(arr)
        if arr.dtype == object:
            raise TypeError(f"array {name!r} has dtype object; store bytes or fixed-width values")
        raw = arr.tobytes()
        pad = (-offset) % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            offset += pad
        specs.append({"name": name, "dtype": arr.dtype.str, "shape": list(arr.shape), "offset": offset,
                      "nbytes": len(raw)})
        chunks.append(raw)
        offset += len(raw)
    payload = b"".join(chunks)
    header = json.dumps({"arrays": specs, "meta": meta, "size": len(payload)}, separators=(",", ":")).encode()
    crc = zlib.crc32(payload, zlib.crc32(header))
    return MAGIC + len(header).to_bytes(8, "little") + header + payload + crc.to_bytes(4, "little")


def unpack(blob: bytes | mmap.mmap) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Inverse of :func:`pack`; raises ValueError on any inconsistency (wrong magic, size, checksum).

    The arrays are read-only views into ``blob`` (no copy), so a memory-mapped file is paged in only as far
    as the checksum and the lookups need.
    """
    if len(blob) < len(MAGIC) + 12 or bytes(blob[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a casus geography cache file")
    n = int.from_bytes(blob[len(MAGIC):len(MAGIC) + 8], "little")
    start = len(MAGIC) + 8
    if n <= 0 or start + n + 4 > len(blob):
        raise ValueError("truncated header")
    view = memoryview(blob)
    head = view[start:start + n]
    payload = view[start + n:len(blob) - 4]
    crc = int.from_bytes(blob[-4:], "little")
    if zlib.crc32(payload, zlib.crc32(head)) != crc:
        raise ValueError("checksum mismatch (damaged or truncated)")
    header = json.loads(bytes(head))
    if len(payload) != header["size"]:
        raise ValueError("payload size differs from the header")
    arrays: dict[str, np.ndarray] = {}
    for spec in header["arrays"]:
        dtype = np.dtype(spec["dtype"])
        count = spec["nbytes"] // dtype.itemsize if dtype.itemsize else 0
        arr = np.frombuffer(payload, dtype=dtype, count=count, offset=spec["offset"])
        arrays[spec["name"]] = arr.reshape(spec["shape"])
    return arrays, header["meta"]


def load(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]] | None:
    """The arrays and metadata in ``path``, or None if it is missing or cannot be trusted."""
    try:
        with path.open("rb") as fh:
            blob: bytes | mmap.mmap = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (an empty file cannot be mapped)
        return None
    try:
        got = unpack(blob)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # mark it recently used, so that pruning keeps it
    return got


def prune(directory: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently used files matching ``pattern`` (old atlases are ~80 MB)."""
    try:
        files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def save(path: Path, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
    """Write a cache file atomically; a failure to write (read-only disk) is not an error."""
    with contextlib.suppress(OSError):
        atomic_write(path, pack(arrays, meta))
