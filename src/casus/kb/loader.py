"""Read the bundled YAML knowledge base, apply overlays, validate, build a KnowledgeBase.

Reading files happens here and nowhere else in ``kb/``. Every problem found is
collected with its file and line and raised together, so ``casus check`` can
show an editor all of them at once.

Overlays are directories with the same layout. A treaty file whose id already
exists replaces it, unless it says ``patch: <id>``: then its ``parties`` and
``clauses`` are added to (or replace, by state or clause id) the base treaty's.
Items of the other files replace base items with the same id and add the rest.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from casus.errors import KnowledgeBaseError, Problem
from casus.kb import yamlio
from casus.kb.models import Treaty

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: file name -> (top-level key, "module:Class" of the item model, id field)
SECTIONS: dict[str, tuple[str, str, str]] = {
    "states.yaml": ("states", "casus.kb.models:State", "code"),
    "regions.yaml": ("regions", "casus.kb.geography:Region", "id"),
    "territories.yaml": ("territories", "casus.kb.geography:Territory", "id"),
    "missiles.yaml": ("missiles", "casus.kb.missiles:Missile", "id"),
    "launch_sites.yaml": ("launch_sites", "casus.kb.missiles:LaunchSite", "id"),
    "partnerships.yaml": ("partnerships", "casus.kb.relations:Partnership", "id"),
    "invocations.yaml": ("invocations", "casus.kb.relations:Invocation", "id"),
    "operations.yaml": ("operations", "casus.kb.relations:Operation", "id"),
    "publishers.yaml": ("publishers", "casus.kb.publishers:Publisher", "name"),
}


@dataclass(frozen=True)
class Located:
    """A validated item with the place it was read from."""

    item: Any
    file: str
    line: int | None
    raw: Any
    layer: int = 0  # 0 for the bundled data, 1, 2, ... for each overlay in order


def _model(spec: str) -> type[BaseModel]:
    mod, cls = spec.split(":")
    return getattr(importlib.import_module(mod), cls)  # type: ignore[no-any-return]


def _validate(model: type[BaseModel], raw: Any, file: str, loc0: Sequence[str | int],
              root: Any, problems: list[Problem]) -> Any | None:
    try:
        return model.model_validate(yamlio.plain(raw))
    except ValidationError as exc:
        for err in exc.errors():
            loc = [*loc0, *err["loc"]]
            where = ".".join(str(p) for p in err["loc"]) or "(entry)"
            problems.append(Problem(file, yamlio.line_of(root, loc), f"{where}: {err['msg']}"))
        return None


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)


@dataclass
class RawBase:
    """What the files say, before cross-file checks: items keyed by id, each Located."""

    states: dict[str, Located]
    treaties: dict[str, Located]
    sections: dict[str, dict[str, Located]]
    digest: str
    files: list[str]
    #: the file-wide ``sources:`` of section files (items may point at them by YAML anchor), raw = the file's root
    headers: list[Located] = field(default_factory=list)


def data_files(directories: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(directory, file) for every knowledge-base file, in load order."""
    out = []
    for directory in map(Path, directories):
        for path in sorted(directory.glob("*.yaml")) + sorted((directory / "treaties").glob("*.yaml")):
            out.append((directory, path))
    return out


def digest_of(directories: Iterable[Path]) -> str:
    """A hash of every file's name and bytes, and of the model code that reads them: the cache key."""
    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for code in sorted(here.glob("*.py")):
        h.update(code.read_bytes())
    for directory, path in data_files(directories):
        h.update(_display(path, directory).encode())
        try:
            h.update(path.read_bytes())
        except OSError as exc:  # unreadable: read_tree reports it with the file name
            h.update(f"unreadable: {exc}".encode())
    return h.hexdigest()[:16]


def read_tree(directories: Iterable[Path], problems: list[Problem]) -> RawBase:
    states: dict[str, Located] = {}
    treaties: dict[str, Located] = {}
    sections: dict[str, dict[str, Located]] = {k: {} for k, _, _ in SECTIONS.values()}
    directories = list(map(Path, directories))
    files: list[str] = []
    headers: list[Located] = []
    for layer, directory in enumerate(directories):
        directory = Path(directory)
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, "not a directory"))
            continue
        seen_here: set[tuple[str, str]] = set()
        patches: list[tuple[Any, str]] = []  # applied after the layer's whole treaties, whatever their names
        paths = sorted(directory.glob("*.yaml")) + sorted((directory / "treaties").glob("*.yaml"))
        for path in paths:
            name = _display(path, directory)
            files.append(name)
            try:
                root = yamlio.read(path, display=name)
            except KnowledgeBaseError as exc:
                problems.extend(exc.problems)
                continue
            if path.parent.name == "treaties":
                if isinstance(root, dict) and "patch" in root and layer > 0:
                    patches.append((root, name))
                else:
                    _read_treaty(root, name, layer, treaties, problems, seen_here)
                continue
            if path.name not in SECTIONS:
                problems.append(Problem(name, None, f"unknown file; expected one of {', '.join(SECTIONS)} "
                                                    "or treaties/<id>.yaml"))
                continue
            key, spec, idf = SECTIONS[path.name]
            if not isinstance(root, dict) or not isinstance(root.get(key), list):
                problems.append(Problem(name, 1, f"expected a mapping with a list under '{key}:'"))
                continue
            extra = set(root) - {key, "sources", "notes"}
            if extra:
                problems.append(Problem(name, 1, f"unknown top-level keys: {', '.join(sorted(map(str, extra)))}"))
            if "sources" in root:
                headers.append(Located(None, name, yamlio.line_of(root, ["sources"]), root, layer))
            model = _model(spec)
            target = states if key == "states" else sections[key]
            for i, raw in enumerate(root[key]):
                line = yamlio.line_of(root, [key, i])
                item = _validate(model, raw, name, [key, i], root, problems)
                if item is None:
                    continue
                ident = getattr(item, idf)
                if (key, ident) in seen_here:
                    problems.append(Problem(name, line, f"duplicate id {ident!r}"))
                    continue
                seen_here.add((key, ident))
                target[ident] = Located(item, name, line, raw, layer)
        for root, name in patches:
            _apply_patch(root, name, layer, treaties, problems)
    return RawBase(states, treaties, sections, digest_of(directories), files, headers)


def _read_treaty(root: Any, name: str, layer: int, treaties: dict[str, Located],
                 problems: list[Problem], seen: set[tuple[str, str]]) -> None:
    if not isinstance(root, dict):
        problems.append(Problem(name, 1, "a treaty file must be a mapping"))
        return
    if "patch" in root:
        if layer == 0:
            problems.append(Problem(name, 1, "'patch:' is only for overlays"))
            return
        _apply_patch(root, name, layer, treaties, problems)
        return
    treaty = _validate(Treaty, root, name, [], root, problems)
    if treaty is None:
        return
    if ("treaty", treaty.id) in seen:
        problems.append(Problem(name, 1, f"duplicate treaty id {treaty.id!r}"))
        return
    seen.add(("treaty", treaty.id))
    stem = Path(name).stem
    if stem != treaty.id:
        problems.append(Problem(name, yamlio.line_of(root, ["id"]),
                                f"file name {stem!r} differs from id {treaty.id!r}"))
    treaties[treaty.id] = Located(treaty, name, 1, root, layer)


def _apply_patch(root: Any, name: str, layer: int, treaties: dict[str, Located], problems: list[Problem]) -> None:
    target = str(root["patch"])
    if target not in treaties:
        problems.append(Problem(name, yamlio.line_of(root, ["patch"]),
                                f"patch names unknown treaty {target!r}"))
        return
    unknown = set(root) - {"patch", "parties", "clauses", "sources"}
    if unknown:
        problems.append(Problem(name, 1, f"a patch may only hold parties, clauses and sources, not {sorted(unknown)}"))
        return
    if "sources" not in root:
        problems.append(Problem(name, 1, "a patch needs 'sources:' saying where the counterfactual comes from"))
        return
    base: Treaty = treaties[target].item
    data = base.model_dump(by_alias=True)
    parties = {p["state"]: p for p in data["parties"]}
    for p in yamlio.plain(root.get("parties") or []):
        parties[p.get("state")] = p
    clauses = {c["id"]: c for c in data["clauses"]}
    for c in yamlio.plain(root.get("clauses") or []):
        clauses[c.get("id")] = c
    data["parties"] = list(parties.values())
    data["clauses"] = list(clauses.values())
    data["sources"] = list(data["sources"]) + yamlio.plain(root["sources"])
    try:
        treaty = Treaty.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(name, None, f"{'.'.join(map(str, err['loc']))}: {err['msg']}"))
        return
    treaties[target] = Located(treaty, name, 1, root, layer)
