"""The house is layered: a module imports only from its own layer or the layers below it.

errors, dates, fileio, jsonio, display < kb < geo < law, relations < reach < export, sweep < api, cli < the
top-level face (``casus``, ``casus.face``, ``casus.results``). Every import counts, lazy ones inside
functions and type-only ones too: a cycle hidden behind a lazy import is still a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "casus"

RANK = {
    "errors": 0, "dates": 0, "fileio": 0, "jsonio": 0, "display": 0, "schemas": 0, "version": 0,
    "kb": 1,
    "geo": 2,
    "law": 3, "relations": 3,
    "reach": 4,
    "export": 5, "sweep": 5,
    "api": 6, "cli": 6,
    "face": 7, "results": 7, "__init__": 7, "__main__": 7,
}
NAMES = {0: "errors/dates/fileio/jsonio/display", 1: "kb", 2: "geo", 3: "law/relations", 4: "reach",
         5: "export/sweep", 6: "api/cli", 7: "the top-level face"}


def _area(module: str) -> str:
    """'casus.geo.atlas' -> 'geo'; 'casus' -> '__init__'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "casus"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "casus":
                continue
            if target == "casus":  # `from casus import kb` names a subpackage, not the face
                found += [(node.lineno, f"casus.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return found


def _modules() -> list[tuple[Path, str]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((path, ".".join(parts)))
    return out


def violations() -> list[str]:
    bad = []
    for path, module in _modules():
        mine = RANK[_area(module)]
        for line, target in _imports(path, module):
            if target == "casus" or _area(target) == "__init__":
                theirs = RANK["__init__"]
            else:
                theirs = RANK.get(_area(target), -1)
            if theirs > mine:
                bad.append(f"{path.relative_to(SRC.parent)}:{line}: {module} ({NAMES[mine]}) imports {target} "
                           f"({NAMES[theirs]})")
    return bad


def test_every_area_has_a_rank():
    areas = {_area(m) for _, m in _modules()}
    assert areas <= set(RANK), f"give these a layer in RANK: {sorted(areas - set(RANK))}"


def test_no_module_imports_from_a_layer_above_it():
    assert violations() == []


def test_the_knowledge_base_imports_only_data_layers():
    for path, module in _modules():
        if _area(module) == "kb":
            for line, target in _imports(path, module):
                assert RANK.get(_area(target), 0) <= 1, f"{module}:{line} imports {target}"


@pytest.mark.parametrize("source, expected", [
    ("from casus.law.assess import assess\n", ["casus.kb.base imports casus.law.assess"]),
    ("def f():\n    from casus.geo.atlas import compile_atlas\n", ["casus.kb.base imports casus.geo.atlas"]),
    ("from casus.errors import CasusError\n", []),
])
def test_the_check_catches_an_upward_import(tmp_path, source, expected):
    """The rule itself can fail: a kb module that imports law or geo (even lazily) is caught."""
    fake = tmp_path / "casus" / "kb"
    fake.mkdir(parents=True)
    (fake / "base.py").write_text(source)
    found = [f"{m} imports {t}" for p, m in [(fake / "base.py", "casus.kb.base")] for _, t in _imports(p, m)
             if RANK.get(_area(t), -1) > RANK["kb"]]
    assert found == expected
