"""Cache files that cannot run code, in a directory that only this user can write.

Every compiled artefact casus keeps on disk (the validated knowledge base, the
atlas of territories and regions, the name index, the reach geometry) goes
through this module, so the trust model is stated once:

- **The format cannot execute.** A file is ``MAGIC``, the header's length (8
  bytes), a JSON header (names, dtypes, shapes and offsets of numpy arrays,
  plus plain JSON metadata), the raw arrays, and a CRC-32 of header and arrays
  (4 bytes). Loading is ``json.loads`` and ``np.frombuffer`` of plain dtypes
  (``object`` is refused), or a plain slice of bytes; nothing is unpickled, so a file planted in the cache
  can at worst be refused, never run. The knowledge base is stored as JSON and
  validated again by its pydantic models on load; geometry is WKB bytes.
- **The checksum catches damage, not malice.** It is stored in the same file;
  an attacker who can write the directory could forge it. That is why the
  directory itself must be trusted: owned by the current user and writable by
  no one else (:func:`trusted_dir`). A directory that fails the test is not used
  at all (a :class:`CacheWarning` says why), and casus works without a cache.
- **Only regular files are read.** A FIFO, socket or device in a cache file's
  place is never opened for blocking reads (``O_NONBLOCK``, then ``fstat``), so
  it cannot hang a command; a symbolic link is not followed.
- **One builder at a time.** :func:`build_lock` is an ``fcntl`` lock beside the
  cache file: a second process that needs the same file waits for the first to
  write it, then reads it instead of building it again.

A cache file's name carries a hash of what it was built from; the HTTP API does
not publish these names.

**Shipped caches.** A built package carries the same files for its bundled data
in ``casus/shipped/`` (written when the wheel is built, or by ``casus
build-cache`` in a source checkout; see :mod:`casus.geo.shipping`). They are
read like the package's code, which is why :func:`load_shipped` does not ask who
owns them; they are still only regular files, checksummed, and used only when
the hash in their name and header is the one computed from today's data files
and code. Anything else (data edited after the build, a damaged file) falls back
to the user's cache, built on first use as without a shipped copy.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import stat
import time
import warnings
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.fileio import atomic_write_bytes

if TYPE_CHECKING:
    import numpy as np

__all__ = ["SHIPPED_DIR", "CacheWarning", "build_lock", "cache_dir", "damaged_shipped", "load", "load_shipped",
           "open_regular", "pack", "prune", "read_regular", "save", "shipped_names", "trusted_dir", "unpack"]

MAGIC = b"CASUSGE2"
_ALIGN = 16
#: how long a process waits for another one building the same cache file before building it itself
LOCK_WAIT_S = 300.0


#: where a built package keeps the compiled caches of its bundled data (absent in a bare source checkout)
SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


class CacheWarning(UserWarning):
    """The cache directory cannot be trusted or used; casus carries on without it (slower, same answers)."""


def cache_dir() -> Path:
    """Where compiled artefacts live: ``$CASUS_CACHE_DIR``, else ``~/.cache/casus`` (not checked; see
    :func:`trusted_dir`)."""
    env = os.environ.get("CASUS_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "casus"


_WARNED: set[str] = set()


def _distrust(directory: Path, why: str) -> None:
    key = f"{directory}:{why}"
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(f"casus: not using the cache directory {directory}: {why}; working without a cache "
                      "(set CASUS_CACHE_DIR to a folder of your own)", CacheWarning, stacklevel=3)


def trusted_dir(directory: Path | None = None, *, create: bool = False) -> Path | None:
    """``directory`` (default: the cache directory) if only this user can write it, else None (after one
    :class:`CacheWarning`).

    Refused: a directory owned by another user, one that others may write
    (group- or world-writable, sticky or not), a path that is not a directory.
    With ``create`` a missing directory is made with mode 0700.
    """
    directory = cache_dir() if directory is None else directory
    try:
        st = os.stat(directory)
    except FileNotFoundError:
        if not create:
            return None
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.stat(directory)
        except OSError:
            return None  # a read-only home: no cache, no warning needed
    except OSError as exc:
        _distrust(directory, exc.strerror or str(exc))
        return None
    if not stat.S_ISDIR(st.st_mode):
        _distrust(directory, "it is not a directory")
        return None
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        _distrust(directory, f"it belongs to another user (uid {st.st_uid})")
        return None
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        _distrust(directory, f"other users may write to it (mode {stat.S_IMODE(st.st_mode):o})")
        return None
    return directory


def open_regular(path: Path) -> int | None:
    """A read-only descriptor of ``path`` if it is a regular file of ours, else None; never blocks.

    ``O_NONBLOCK`` makes opening a FIFO return at once; ``O_NOFOLLOW`` refuses a
    symbolic link; ``fstat`` then refuses anything but a regular file owned by
    this user.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            os.close(fd)
            return None
    except OSError:
        os.close(fd)
        return None
    return fd


def read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` when :func:`open_regular` accepts it, else None."""
    fd = open_regular(path)
    if fd is None:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read()
    except OSError:
        return None


def pack(arrays: Mapping[str, np.ndarray | bytes], meta: dict[str, Any]) -> bytes:
    """Arrays (or byte strings, stored as arrays of bytes) and JSON-able metadata as one checksummed blob."""
    specs = []
    chunks: list[bytes] = []
    offset = 0
    for name, arr in arrays.items():
        if isinstance(arr, bytes | bytearray | memoryview):  # a byte string: stored as bytes, no numpy needed
            raw, dtype, shape = bytes(arr), "|u1", [len(arr)]
        else:
            import numpy as np

            arr = np.ascontiguousarray(arr)
            if arr.dtype.hasobject:
                raise TypeError(f"array {name!r} has dtype object; store bytes or fixed-width values")
            raw, dtype, shape = arr.tobytes(), arr.dtype.str, list(arr.shape)
        pad = (-offset) % _ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            offset += pad
        specs.append({"name": name, "dtype": dtype, "shape": shape, "offset": offset, "nbytes": len(raw)})
        chunks.append(raw)
        offset += len(raw)
    payload = b"".join(chunks)
    header = json.dumps({"arrays": specs, "meta": meta, "size": len(payload)}, separators=(",", ":"),
                        ensure_ascii=False).encode()
    crc = zlib.crc32(payload, zlib.crc32(header))
    return MAGIC + len(header).to_bytes(8, "little") + header + payload + crc.to_bytes(4, "little")


def unpack(blob: bytes | mmap.mmap, *, raw: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Inverse of :func:`pack`; raises ValueError on any inconsistency (wrong magic, size, checksum, dtype).

    The arrays are read-only views into ``blob`` (no copy), so a memory-mapped file is paged in only as far
    as the checksum and the lookups need. ``raw`` gives each array as a ``memoryview`` of its bytes without
    importing numpy (arrays of bytes only): the knowledge base's file is one JSON document, and a command
    that needs no geometry should not pay numpy's import (about a quarter of a warm start) to read it.
    """
    if len(blob) < len(MAGIC) + 12 or bytes(blob[:len(MAGIC)]) != MAGIC:
        raise ValueError("not a casus cache file")
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
    arrays: dict[str, Any] = {}
    if raw:
        for spec in header["arrays"]:
            if spec["dtype"] != "|u1" or spec["offset"] < 0 or spec["offset"] + spec["nbytes"] > len(payload):
                raise ValueError(f"array {spec['name']!r} is not a byte string inside the payload")
            arrays[spec["name"]] = payload[spec["offset"]:spec["offset"] + spec["nbytes"]]
        return arrays, header["meta"]
    if header["arrays"]:
        import numpy as np
    for spec in header["arrays"]:
        dtype = np.dtype(spec["dtype"])
        if dtype.hasobject:
            raise ValueError("an array of Python objects")
        count = spec["nbytes"] // dtype.itemsize if dtype.itemsize else 0
        arr = np.frombuffer(payload, dtype=dtype, count=count, offset=spec["offset"])
        arrays[spec["name"]] = arr.reshape(spec["shape"])
    return arrays, header["meta"]


def load(path: Path, *, raw: bool = False) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The arrays and metadata in ``path``, or None if it is missing, not a regular file, or cannot be trusted."""
    if trusted_dir(path.parent) is None:
        return None
    fd = open_regular(path)
    if fd is None:
        return None
    try:
        blob: bytes | mmap.mmap = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # unreadable, or empty (an empty file cannot be mapped)
        return None
    finally:
        os.close(fd)
    try:
        got = unpack(blob, raw=raw)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # mark it recently used, so that pruning keeps it
    return got


def shipped_names(pattern: str) -> list[str]:
    """The names of the shipped cache files matching ``pattern`` (``kb-*.bin``); empty without any."""
    try:
        return sorted(p.name for p in SHIPPED_DIR.glob(pattern))
    except OSError:
        return []


def load_shipped(name: str, *, raw: bool = False) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The arrays and metadata of the shipped cache file ``name``, or None when there is none.

    A file that is there but cannot be read back (damaged, truncated, not a cache file) gives one
    :class:`CacheWarning` saying so, then None: the caller builds into the user's cache instead.
    """
    path = SHIPPED_DIR / name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a regular file")
        blob: bytes | mmap.mmap = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        return unpack(blob, raw=raw)
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        damaged_shipped(name, str(exc))
        return None
    finally:
        os.close(fd)


def damaged_shipped(name: str, why: str) -> None:
    """Say once that the shipped cache file ``name`` is not used, and why (the caller then builds its own)."""
    path = SHIPPED_DIR / name
    key = f"{path}:damaged"
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(f"casus: the compiled file {path.name} shipped with casus cannot be used ({why}); building "
                      f"it in {cache_dir()} instead (reinstall casus to repair it)", CacheWarning, stacklevel=3)


def prune(directory: Path, pattern: str, keep: int) -> None:
    """Delete all but the ``keep`` most recently used files matching ``pattern`` (old atlases are ~80 MB)."""
    try:
        files = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in files[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def save(path: Path, arrays: Mapping[str, np.ndarray | bytes], meta: dict[str, Any]) -> None:
    """Write a cache file atomically into a trusted directory; failing to write (read-only disk) is not an error."""
    if trusted_dir(path.parent, create=True) is None:
        return
    with contextlib.suppress(OSError):
        atomic_write_bytes(path, pack(arrays, meta), lock=False)


@contextlib.contextmanager
def build_lock(path: Path, *, wait_s: float = LOCK_WAIT_S) -> Iterator[bool]:
    """Hold an exclusive ``fcntl`` lock on ``<path>.lock`` while building ``path``; yields whether it is held.

    A second process asking for the same file blocks here until the first has
    written it (then finds it with :func:`load`). After ``wait_s`` it gives up
    waiting and builds on its own (yielding False), so a stuck process cannot
    stop the others. Without a trusted directory or ``fcntl`` (Windows) there is
    no lock and it yields False at once.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield False
        return
    if trusted_dir(path.parent, create=True) is None:
        yield False
        return
    lock = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        yield False
        return
    held = False
    try:
        give_up = time.monotonic() + wait_s
        with contextlib.ExitStack() as waiting:
            said = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    held = True
                    break
                except BlockingIOError:
                    if time.monotonic() >= give_up:
                        break
                    if not said:  # say once what this process waits for
                        from casus.progress import step

                        said = True
                        waiting.enter_context(step(f"Waiting for another casus process to finish {path.name} "
                                                   "(first run only)"))
                    time.sleep(0.05)
                except OSError:
                    break
        yield held
    finally:
        if held:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
