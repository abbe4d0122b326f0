"""The knowledge base: models, reading, validation and the immutable KnowledgeBase."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from casus.errors import KnowledgeBaseError, Problem
from casus.kb.base import KnowledgeBase
from casus.kb.loader import DATA_DIR, digest_of, read_tree
from casus.kb.validate import check

__all__ = ["DATA_DIR", "KnowledgeBase", "cache_dir", "load", "problems"]

_CACHE: dict[tuple[str, ...], KnowledgeBase] = {}


def problems(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> list[Problem]:
    """Every problem in the knowledge base and overlays, with file and line; empty when valid."""
    found: list[Problem] = []
    dirs = [Path(data_dir) if data_dir else DATA_DIR, *map(Path, overlays)]
    raw = read_tree(dirs, found)
    check(raw, found)
    return found


def cache_dir() -> Path:
    """Where compiled artefacts live: $CASUS_CACHE_DIR, else ~/.cache/casus."""
    env = os.environ.get("CASUS_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "casus"


def load(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> KnowledgeBase:
    """Read, validate and freeze the knowledge base (bundled data, then each overlay in order).

    Raises KnowledgeBaseError listing every problem: a knowledge base that does
    not validate is never half-loaded. A validated base is kept on disk, keyed by
    the hash of its files and of the model code, so the next start skips parsing.
    """
    dirs = [Path(data_dir) if data_dir else DATA_DIR, *map(Path, overlays)]
    key = tuple(str(d.resolve()) for d in dirs)
    for d in dirs:
        if not d.is_dir():
            raise KnowledgeBaseError([Problem(str(d), None, "not a directory")])
    digest = digest_of(dirs)
    if key in _CACHE and _CACHE[key].digest == digest:
        return _CACHE[key]
    stored = _read_cached(digest)
    if stored is not None:
        _CACHE[key] = stored
        return stored
    found: list[Problem] = []
    raw = read_tree(dirs, found)
    check(raw, found)
    if found:
        raise KnowledgeBaseError(found)
    locations: dict[tuple[str, str], tuple[str, int | None]] = {}
    for tid, loc in raw.treaties.items():
        locations[("treaty", tid)] = (loc.file, loc.line)
    for tid, loc in raw.never_in_force.items():
        locations[("pact", tid)] = (loc.file, loc.line)
    for name, sec in raw.sections.items():
        for iid, loc in sec.items():
            locations[(name, iid)] = (loc.file, loc.line)
    kb = KnowledgeBase(
        states={k: v.item for k, v in sorted(raw.states.items())},
        treaties={k: v.item for k, v in sorted(raw.treaties.items())},
        sections={name: {k: v.item for k, v in sec.items()} for name, sec in raw.sections.items()},
        digest=raw.digest,
        files=tuple(raw.files),
        locations=locations,
        never_in_force={k: v.item for k, v in sorted(raw.never_in_force.items())},
    )
    _CACHE[key] = kb
    _write_cached(digest, kb)
    return kb


#: a cache file is this tag, the SHA-256 of the pickle, then the pickle: damage is caught before unpickling
_CACHE_TAG = b"CASUSKB1"
_HEAD = len(_CACHE_TAG) + 32


def _read_cached(digest: str) -> KnowledgeBase | None:
    """The cached base for ``digest``, or None when absent, truncated or damaged (then rebuilt from the YAML).

    A pickle with one byte changed can load "successfully" into a base missing a
    field, so the file's checksum is verified before anything is unpickled.
    """
    path = cache_dir() / f"kb-{digest}.pickle"
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    payload = blob[_HEAD:]
    if blob[:len(_CACHE_TAG)] != _CACHE_TAG or hashlib.sha256(payload).digest() != blob[len(_CACHE_TAG):_HEAD]:
        return None
    try:
        kb = pickle.loads(payload)
    except Exception:  # written by other code (the key covers the model code, so rare): rebuild
        return None
    return kb if isinstance(kb, KnowledgeBase) and kb.digest == digest else None


def _write_cached(digest: str, kb: KnowledgeBase) -> None:
    from casus.fileio import atomic_write_bytes

    payload = pickle.dumps(kb, protocol=pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError):  # a read-only cache directory only costs speed
        atomic_write_bytes(cache_dir() / f"kb-{digest}.pickle", _CACHE_TAG + hashlib.sha256(payload).digest() + payload)
