"""Strict YAML 1.2 reading with line numbers, for files people edit by hand.

ruamel.yaml, not PyYAML: YAML 1.1 reads ``NO`` (Norway) as false. Duplicate keys
are refused (ruamel's default) and reported with file and line, like any other
problem, so that a typo never silently replaces a fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from casus.errors import KnowledgeBaseError, Problem


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.allow_duplicate_keys = False
    return y


def read(path: Path, *, display: str | None = None) -> Any:
    """Parse one file; a syntax error becomes a KnowledgeBaseError naming file and line."""
    name = display or str(path)
    try:
        with path.open(encoding="utf-8") as fh:
            return _yaml().load(fh)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError([Problem(name, line, f"YAML error: {exc.problem or exc.context}")]) from exc
    except YAMLError as exc:
        raise KnowledgeBaseError([Problem(name, None, f"YAML error: {exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError([Problem(name, None, "file is not UTF-8")]) from exc


def line_of(node: Any, loc: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node reachable along ``loc`` (a pydantic error location)."""
    line: int | None = None
    cur = node
    for key in loc:
        if isinstance(cur, CommentedMap):
            if key in cur:
                with suppress(KeyError, TypeError):
                    line = cur.lc.key(key)[0] + 1
                cur = cur[key]
                continue
            line = cur.lc.line + 1
            break
        if isinstance(cur, CommentedSeq) and isinstance(key, int) and 0 <= key < len(cur):
            with suppress(KeyError, TypeError):
                line = cur.lc.item(key)[0] + 1
            cur = cur[key]
            continue
        break
    else:
        if isinstance(cur, CommentedMap | CommentedSeq):
            line = cur.lc.line + 1 if line is None else line
    return line


def plain(node: Any) -> Any:
    """Deep copy into plain dicts and lists, for pydantic and for hashing."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node
