"""The knowledge base: models, reading, validation and the immutable KnowledgeBase."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from casus.errors import KnowledgeBaseError, Problem
from casus.kb.base import KnowledgeBase
from casus.kb.loader import DATA_DIR, read_tree
from casus.kb.validate import check

__all__ = ["DATA_DIR", "KnowledgeBase", "load", "problems"]

_CACHE: dict[tuple[str, ...], KnowledgeBase] = {}


def problems(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> list[Problem]:
    """Every problem in the knowledge base and overlays, with file and line; empty when valid."""
    found: list[Problem] = []
    dirs = [Path(data_dir) if data_dir else DATA_DIR, *map(Path, overlays)]
    raw = read_tree(dirs, found)
    check(raw, found)
    return found


def load(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> KnowledgeBase:
    """Read, validate and freeze the knowledge base (bundled data, then each overlay in order).

    Raises KnowledgeBaseError listing every problem: a knowledge base that does
    not validate is never half-loaded. Loads of the same directories are shared.
    """
    dirs = [Path(data_dir) if data_dir else DATA_DIR, *map(Path, overlays)]
    key = tuple(str(d.resolve()) for d in dirs)
    found: list[Problem] = []
    raw = read_tree(dirs, found)
    if key in _CACHE and _CACHE[key].digest == raw.digest and not found:
        return _CACHE[key]
    check(raw, found)
    if found:
        raise KnowledgeBaseError(found)
    locations: dict[tuple[str, str], tuple[str, int | None]] = {}
    for tid, loc in raw.treaties.items():
        locations[("treaty", tid)] = (loc.file, loc.line)
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
    )
    _CACHE[key] = kb
    return kb
