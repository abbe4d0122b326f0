"""The knowledge base: models, reading, validation and the immutable KnowledgeBase."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.cachefile import cache_dir
from casus.errors import KnowledgeBaseError, Problem
from casus.kb.base import KnowledgeBase
from casus.kb.loader import DATA_DIR, digest_of, read_tree
from casus.kb.validate import check

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["DATA_DIR", "KnowledgeBase", "cache_dir", "load", "problems", "write_compiled"]

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
    if stored is None:
        stored = _read_shipped(digest)
    if stored is None:
        from casus.cachefile import build_lock

        with build_lock(_cache_path(digest)):  # another process building the same base: wait, then read its file
            stored = _read_cached(digest)
            if stored is None:
                return _build(dirs, key, digest)
    _CACHE[key] = stored
    return stored


def _build(dirs: list[Path], key: tuple[str, ...], digest: str) -> KnowledgeBase:
    """Parse, validate and freeze the YAML, then keep the result in memory and in the cache."""
    from casus import cachefile
    from casus.progress import step

    what = "Reading and checking the knowledge base"
    if dirs == [DATA_DIR] and cachefile.shipped_names("kb-*.bin"):
        what += " (its files differ from the compiled copy shipped with casus; once)"
    found: list[Problem] = []
    with step(what):
        raw = read_tree(dirs, found, fast=True)
        check(raw, found)
    if found:  # read again with every line, so that each problem names its line as `casus check` does
        found = problems(dirs[0], dirs[1:])
        raise KnowledgeBaseError(found or [Problem(str(dirs[0]), None, "the knowledge base did not load")])
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


#: bump when the layout of the cached document changes (the digest already covers the model code)
_KB_FORMAT = 4  # 3: signed-only compact pacts kept; 4: the document as JSON bytes, validated in one pass


def _cache_path(digest: str) -> Path:
    return cache_dir() / _shipped_name(digest)


def _document(kb: KnowledgeBase) -> tuple[bytes, dict[str, object]]:
    """The base as plain JSON (every item dumped by its model, by alias, so that loading validates it
    again) and the metadata that says what it is: the JSON is kept as bytes, which pydantic validates in
    one pass without a ``json.loads`` first."""
    def dump(items: Mapping[str, BaseModel]) -> dict[str, object]:
        return {k: v.model_dump(mode="json", by_alias=True) for k, v in items.items()}

    body = {"states": dump(kb.states), "treaties": dump(kb.treaties), "never_in_force": dump(kb.never_in_force),
            "sections": {name: dump(sec) for name, sec in kb.sections.items()}}
    meta: dict[str, object] = {
        "format": _KB_FORMAT, "kind": "knowledge-base", "digest": kb.digest, "files": list(kb.files),
        "locations": [[kind, iid, file, line] for (kind, iid), (file, line) in kb.locations.items()]}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), meta


_ADAPTER: list[Any] = []


def _document_adapter() -> Any:
    """A pydantic TypeAdapter for :func:`_document`'s JSON: each section by its own model, unknown keys refused."""
    if not _ADAPTER:
        from pydantic import ConfigDict, TypeAdapter, create_model

        from casus.kb.loader import SECTIONS, model_of
        from casus.kb.models import Treaty
        from casus.kb.pacts import Pact

        models = {key: model_of(spec) for key, spec, _ in SECTIONS.values()}
        forbid = ConfigDict(extra="forbid")
        state: Any = models["states"]
        sections: Any = create_model("CompiledSections", __config__=forbid,
                                     **{k: (dict[str, m] | None, None) for k, m in models.items()})  # type: ignore[call-overload, valid-type]
        body = create_model("CompiledBase", __config__=forbid, states=(dict[str, state], ...),
                            treaties=(dict[str, Treaty], ...), never_in_force=(dict[str, Pact], ...),
                            sections=(sections, ...))
        _ADAPTER.append(TypeAdapter(body))
    return _ADAPTER[0]


def _from_document(arrays: Mapping[str, Any], meta: Mapping[str, object], digest: str) -> KnowledgeBase | None:
    """Rebuild a base from :func:`_document`'s output through the pydantic models (no code in the data)."""
    from pydantic import ValidationError

    if meta.get("format") != _KB_FORMAT or meta.get("kind") != "knowledge-base" or meta.get("digest") != digest:
        return None
    try:
        body = _document_adapter().validate_json(bytes(arrays["document"]))
        present = body.sections.model_fields_set
        sections = {name: getattr(body.sections, name) for name in type(body.sections).model_fields
                    if name in present}
        locations = {(str(kind), str(iid)): (str(file), None if line is None else int(line))
                     for kind, iid, file, line in meta["locations"]}  # type: ignore[attr-defined]
        files = tuple(str(f) for f in meta["files"])  # type: ignore[attr-defined]
    except (ValidationError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return KnowledgeBase(states=body.states, treaties=body.treaties, sections=sections, digest=digest,
                         files=files, locations=locations, never_in_force=body.never_in_force)


def _compiled(kb: KnowledgeBase) -> tuple[dict[str, Any], dict[str, object]]:
    """The byte strings and metadata of the base's cache file (read back without numpy)."""
    document, meta = _document(kb)
    return {"document": document}, meta


def _read_cached(digest: str) -> KnowledgeBase | None:
    """The cached base for ``digest``, or None when absent, damaged, or in an untrusted place (then rebuilt).

    The file is a :mod:`casus.cachefile` (JSON, checksummed, nothing executable);
    every item is validated again by its model, as when read from YAML.
    """
    from casus import cachefile

    got = cachefile.load(_cache_path(digest), raw=True)
    return None if got is None else _from_document(*got, digest)


def _read_shipped(digest: str) -> KnowledgeBase | None:
    """The base compiled when casus was built, if it was compiled from exactly these files and this code."""
    from casus import cachefile

    got = cachefile.load_shipped(_shipped_name(digest), raw=True)
    if got is None:
        return None
    kb = _from_document(*got, digest)
    if kb is None:
        cachefile.damaged_shipped(_shipped_name(digest), "it does not read back as this base")
    return kb


def _shipped_name(digest: str) -> str:
    return f"kb-{digest}.bin"


def write_compiled(kb: KnowledgeBase, directory: Path) -> Path:
    """Write the compiled base into ``directory`` under the name a later :func:`load` looks for (the build
    of a package ships it; see :mod:`casus.geo.shipping`)."""
    from casus import cachefile
    from casus.fileio import atomic_write_bytes

    path = Path(directory) / _shipped_name(kb.digest)
    atomic_write_bytes(path, cachefile.pack(*_compiled(kb)), lock=False)
    return path


def _write_cached(digest: str, kb: KnowledgeBase) -> None:
    from casus import cachefile

    path = _cache_path(digest)
    cachefile.save(path, *_compiled(kb))
    cachefile.prune(path.parent, "kb-*.bin", 8)
    cachefile.prune(path.parent, "kb-*.pickle", 0)  # the executable format of casus before 0.2: never read again
