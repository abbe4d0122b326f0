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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from casus.errors import KnowledgeBaseError, Problem, close_matches
from casus.kb import yamlio
from casus.kb.models import Treaty

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: file name -> (top-level key, "module:Class" of the item model, id field)
SECTIONS: dict[str, tuple[str, str, str]] = {
    "states.yaml": ("states", "casus.kb.models:State", "code"),
    "regions.yaml": ("regions", "casus.kb.geography:Region", "id"),
    "territories.yaml": ("territories", "casus.kb.geography:Territory", "id"),
    "features.yaml": ("features", "casus.kb.features:Feature", "id"),
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
    #: maps a location in ``item`` to one in ``raw`` when they differ (a compact pact expanded to a treaty)
    remap: Callable[[list[str | int]], list[str | int]] | None = None

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line in the file of a location inside the item (pydantic's error location)."""
        return yamlio.line_of(self.raw, self.remap(list(loc)) if self.remap else loc)


def model_of(spec: str) -> type[BaseModel]:
    """The model class named "module:Class" in :data:`SECTIONS`."""
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
    #: compact pacts that never entered into force: records for the ATOP coverage report, no treaty
    never_in_force: dict[str, Located] = field(default_factory=dict)
    #: clause templates for compact pacts, by id
    templates: dict[str, Located] = field(default_factory=dict)
    #: the directories read, in order (the bundled data, then overlays)
    directories: list[Path] = field(default_factory=list)
    #: the file-wide ``sources:`` of section files (items may point at them by YAML anchor), raw = the file's root
    headers: list[Located] = field(default_factory=list)
    #: the ATOP rows casus does not model as treaties (atop_unresolved.yaml), by ATOP id; a later layer's replaces
    unresolved: dict[int, Located] = field(default_factory=dict)


#: files read apart from the sections: clause templates for compact pacts, and the ATOP rows not covered
SPECIAL_FILES = ("templates.yaml", "atop_unresolved.yaml")


def _layer_files(directory: Path) -> list[Path]:
    """One layer's files in load order: templates, the sections, full treaties, then compact pacts."""
    top = sorted(directory.glob("*.yaml"), key=lambda p: (p.name != "templates.yaml", p.name))
    return top + sorted((directory / "treaties").glob("*.yaml")) + sorted((directory / "pacts").glob("*.yaml"))


def data_files(directories: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(directory, file) for every knowledge-base file, in load order."""
    return [(directory, path) for directory in map(Path, directories) for path in _layer_files(directory)]


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


def read_tree(directories: Iterable[Path], problems: list[Problem], *, fast: bool = False) -> RawBase:
    """Read and validate every file, item by item (cross-file checks are :func:`casus.kb.validate.check`'s).

    ``fast`` reads with libyaml and keeps only the lines of items (see :mod:`casus.kb.yamlio`): the
    models are the same, but a problem's line may be missing, so a caller that finds problems reads
    again without it to report them.
    """
    states: dict[str, Located] = {}
    treaties: dict[str, Located] = {}
    never: dict[str, Located] = {}
    templates: dict[str, Located] = {}
    sections: dict[str, dict[str, Located]] = {k: {} for k, _, _ in SECTIONS.values()}
    directories = list(map(Path, directories))
    files: list[str] = []
    headers: list[Located] = []
    unresolved: dict[int, Located] = {}
    for layer, directory in enumerate(directories):
        directory = Path(directory)
        if not directory.is_dir():
            problems.append(Problem(str(directory), None, "not a directory"))
            continue
        seen_here: set[tuple[str, str]] = set()
        patches: list[tuple[Any, str]] = []  # applied after the layer's whole treaties, whatever their names
        for path in _layer_files(directory):
            name = _display(path, directory)
            files.append(name)
            try:
                root = yamlio.read(path, display=name, fast=fast)
            except KnowledgeBaseError as exc:
                problems.extend(exc.problems)
                continue
            if path.parent.name == "treaties":
                if isinstance(root, dict) and "patch" in root and layer > 0:
                    patches.append((root, name))
                else:
                    _read_treaty(root, name, layer, treaties, problems, seen_here)
                continue
            if path.parent.name == "pacts":
                _read_pact(root, name, layer, templates, treaties, never, problems, seen_here)
                continue
            if path.name == "templates.yaml":
                _read_templates(root, name, layer, templates, problems)
                continue
            if path.name == "atop_unresolved.yaml":
                from casus.kb.atop import unresolved_rows

                unresolved |= unresolved_rows(root, name, layer, problems)
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
            model = model_of(spec)
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
    return RawBase(states, treaties, sections, digest_of(directories), files, never, templates, directories,
                   headers, unresolved)


def _read_templates(root: Any, name: str, layer: int, templates: dict[str, Located],
                    problems: list[Problem]) -> None:
    from casus.kb.pacts import Template

    if not isinstance(root, dict) or not isinstance(root.get("templates"), list):
        problems.append(Problem(name, 1, "expected a mapping with a list under 'templates:'"))
        return
    seen: set[str] = set()
    for i, raw in enumerate(root["templates"]):
        item = _validate(Template, raw, name, ["templates", i], root, problems)
        if item is None:
            continue
        if item.id in seen:
            problems.append(Problem(name, yamlio.line_of(root, ["templates", i]), f"duplicate template {item.id!r}"))
            continue
        seen.add(item.id)
        templates[item.id] = Located(item, name, yamlio.line_of(root, ["templates", i]), raw, layer)


def _claim_treaty_id(tid: str, name: str, root: Any, seen: set[tuple[str, str]], problems: list[Problem]) -> bool:
    """Take ``tid`` for the treaty or pact in file ``name``: False (with a problem) when another file has it; a
    file named otherwise than its id is reported but still read."""
    if ("treaty", tid) in seen:
        problems.append(Problem(name, 1, f"duplicate treaty id {tid!r} (a treaty or pact already has it)"))
        return False
    seen.add(("treaty", tid))
    if Path(name).stem != tid:
        problems.append(Problem(name, yamlio.line_of(root, ["id"]),
                                f"file name {Path(name).stem!r} differs from id {tid!r}"))
    return True


def _read_pact(root: Any, name: str, layer: int, templates: dict[str, Located], treaties: dict[str, Located],
               never: dict[str, Located], problems: list[Problem], seen: set[tuple[str, str]]) -> None:
    """Validate a compact pact, expand it with its template, and file the treaty under its id."""
    from casus.kb.pacts import Pact, compact_loc, expand

    if not isinstance(root, dict):
        problems.append(Problem(name, 1, "a pact file must be a mapping"))
        return
    pact = _validate(Pact, root, name, [], root, problems)
    if pact is None:
        return
    if not _claim_treaty_id(pact.id, name, root, seen, problems):
        return
    tmpl = templates.get(pact.template)
    if tmpl is None:
        hints = close_matches(pact.template, templates)
        problems.append(Problem(name, yamlio.line_of(root, ["template"]),
                                f"unknown template {pact.template!r}; accepted: {', '.join(sorted(templates))}"
                                + (f" (did you mean {', '.join(hints)}?)" if hints else "")))
        return
    if tmpl.item.one_way and not pact.guarantors:
        problems.append(Problem(name, yamlio.line_of(root, ["template"]),
                                f"template {pact.template!r} is one-way: name the guarantors and beneficiaries"))
        return
    data = expand(pact, tmpl.item)
    if data is None:
        never[pact.id] = Located(pact, name, 1, root, layer)
        treaties.pop(pact.id, None)
        return
    try:
        treaty = Treaty.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [str(p) if not isinstance(p, int) else p for p in err["loc"]]
            where = ".".join(str(p) for p in err["loc"]) or "(entry)"
            problems.append(Problem(name, yamlio.line_of(root, compact_loc(loc)),
                                    f"{where} (expanded from the compact form): {err['msg']}"))
        return
    never.pop(pact.id, None)
    treaties[treaty.id] = Located(treaty, name, 1, root, layer, remap=compact_loc)


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
    if not _claim_treaty_id(treaty.id, name, root, seen, problems):
        return
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
