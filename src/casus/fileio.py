"""Writing files so that nothing a user saved is ever lost, half-written, or fought over.

Every file casus writes goes through here:

- **Atomic.** The content is written to a temporary file in the same directory
  (``.<name>.<random>.tmp``), flushed to disk, then renamed over the target in
  one step (``os.replace`` is atomic on POSIX). On any failure the temporary
  file (and DuckDB's ``.wal`` beside it) is removed and the previous file is
  left as it was.
- **One writer per output.** A run takes an exclusive ``fcntl`` lock on
  ``.<name>.lock`` beside its output (:func:`claim`), from the moment it checks
  the path until it has written it. A second run aimed at the same output fails
  at once with :class:`~casus.errors.OutputBusyError` (CLI exit 2); with
  ``force`` it waits for the first to finish, then replaces its result whole.
- **Clear errors.** An OS failure is one sentence: the user's path problems (a
  read-only folder, a parent that is a file, no permission) are
  :class:`~casus.errors.InputError` (exit 2); a full disk or an I/O error is
  :class:`~casus.errors.StorageError` (exit 1).
- **No litter.** Temporary files of this output left by a killed run (older
  than :data:`STALE_AFTER_S`) are removed by the next run that claims it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from casus.errors import InputError, OutputBusyError, OutputExistsError, StorageError

#: a temporary file or folder of a run killed this long ago is litter, removed by the next run
STALE_AFTER_S = 60.0
#: the errors that mean "this path cannot be written" (the user's to fix: exit 2), not "the disk failed"
PATH_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR, errno.ENOENT,
                         errno.ENAMETOOLONG, errno.ELOOP, errno.EEXIST})

#: output path -> lock descriptor, for the claims this process holds
_CLAIMS: dict[Path, int] = {}


def os_error(exc: OSError, target: Path | str, field: str = "out") -> InputError | StorageError:
    """One sentence for an OS failure while writing ``target``, typed by whose problem it is."""
    why = exc.strerror or str(exc)
    if exc.errno in PATH_ERRNOS:
        if exc.errno in (errno.ENOTDIR, errno.EEXIST) and _file_among_parents(Path(target)):
            why = f"{_file_among_parents(Path(target))} is a file, not a folder"
        return InputError(f"cannot write {target}: {why}", field=field,
                          accepted="a path in a folder you can write to")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        why = "the disk is full"
    return StorageError(f"cannot write {target}: {why}; the previous file, if any, is unchanged")


def _file_among_parents(target: Path) -> Path | None:
    for parent in target.parents:
        if parent.exists():
            return parent if not parent.is_dir() else None
    return None


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


def _lock(target: Path, *, wait: bool) -> int:
    """An exclusive lock on ``target``'s lock file; OutputBusyError if another run holds it and not ``wait``."""
    import fcntl

    lock = _lock_path(target)
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
                     0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            raise OutputBusyError(f"{target} is being written by another casus run right now; wait for it to "
                                  "finish, choose another path, or give --force to replace its result once it "
                                  "is done", field="out", accepted="a path no other run is writing") from None
        except BaseException:
            os.close(fd)
            raise
        try:  # the holder before us may have removed the lock file on release: lock the file that is there now
            if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def _unlock(target: Path, fd: int) -> None:
    import fcntl

    with contextlib.suppress(OSError):
        _lock_path(target).unlink()
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def clean_stale(target: Path, *, older_than: float = STALE_AFTER_S) -> list[Path]:
    """Remove the temporary files and folders of ``target`` left by killed runs; returns what was removed.

    Only names casus makes (``.<name>.<random>.tmp``, ``.old``, ``.tmp.wal``) and
    only when older than ``older_than`` seconds; the caller holds the output's
    lock, so no live run of casus is using them.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = [p for p in target.parent.glob(f".{target.name}.*")
                      if p.name.endswith((".tmp", ".old", ".tmp.wal"))]
    except OSError:
        return removed
    for p in candidates:
        try:
            if now - p.lstat().st_mtime < older_than:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed.append(p)
        except OSError:
            continue
    return removed


def claim(path: Path | str, *, force: bool, field: str = "out") -> Path:
    """Claim ``path`` for this run: refuse it if it exists (without ``force``) or another run is writing it.

    Call it before the work, so that a refusal costs nothing; the claim is held
    until the output is written (:func:`atomic_write_with`, :func:`atomic_dir`)
    or :func:`release` is called, or the process ends.
    """
    target = Path(path)
    if target.exists() and not force:
        raise OutputExistsError(f"{target} already exists; pass --force to replace it", field=field,
                                accepted="a new path, or --force")
    key = target.absolute()
    if key in _CLAIMS:
        return target
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        return target  # nothing to lock yet; the write will create the folder, or say why it cannot
    try:
        _CLAIMS[key] = _lock(target, wait=force)
    except OSError as exc:  # a read-only folder cannot hold the lock file: the write will fail and say so
        if exc.errno in PATH_ERRNOS:
            return target
        raise os_error(exc, target, field) from exc
    clean_stale(target)
    if target.exists() and not force:  # written by the run we just waited for, or raced us
        release(target)
        raise OutputExistsError(f"{target} already exists; pass --force to replace it", field=field,
                                accepted="a new path, or --force")
    return target


def release(path: Path | str) -> None:
    """Give up this process's claim on ``path`` (a no-op if it holds none)."""
    target = Path(path)
    fd = _CLAIMS.pop(target.absolute(), None)
    if fd is not None:
        _unlock(target, fd)


#: the name earlier versions used; it now also claims the path
check_writable = claim


@contextlib.contextmanager
def _claimed(target: Path, *, force: bool, lock: bool) -> Iterator[None]:
    """Hold the claim on ``target`` for one write, taking it if this process does not hold it yet."""
    if not lock:
        yield
        return
    claim(target, force=force)
    try:
        yield
    finally:
        release(target)


def _remove(tmp: Path) -> None:
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            tmp.unlink()
    with contextlib.suppress(OSError):
        tmp.with_name(tmp.name + ".wal").unlink()  # DuckDB's write-ahead log


def atomic_write_with(path: Path | str, writer: Callable[[Path], None], *, force: bool = True,
                      lock: bool = True) -> Path:
    """Let ``writer`` fill a temporary path, then move it into place atomically.

    For libraries that insist on writing a path themselves (pyarrow, matplotlib,
    duckdb). ``lock`` claims the output for the write (caches, which have their
    own build lock, pass False). OS failures become InputError or StorageError.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_error(exc, target) from exc
    with _claimed(target, force=force, lock=lock):
        if target.exists() and not force:
            raise OutputExistsError(f"{target} already exists; pass --force to replace it", field="output",
                                    accepted="a new path, or --force")
        tmp: Path | None = None
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            tmp = Path(tmp_name)
            tmp.unlink()  # let the writer create it (some refuse an existing file)
            writer(tmp)
            if tmp.is_file():
                with tmp.open("rb+") as fh:
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            if tmp is not None:
                _remove(tmp)
            raise os_error(exc, target) from exc
        except BaseException:
            if tmp is not None:
                _remove(tmp)
            raise
    return target


def write_output(path: Path | str, data: bytes | Callable[[Path], None], *, force: bool = False,
                 field: str = "output") -> Path:
    """Write a user's output file: refuse an existing one without ``force``, name a missing folder,
    and turn an OS failure into a typed error, so the command line can answer in one line."""
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
    return atomic_write_with(target, writer, force=force)


def atomic_write_bytes(path: Path | str, data: bytes, *, force: bool = True, lock: bool = True) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    return atomic_write_with(path, write, force=force, lock=lock)


def atomic_write_text(path: Path | str, text: str, *, force: bool = True) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"), force=force)
