"""Strict YAML 1.2 reading with line numbers, for files people edit by hand.

ruamel.yaml, not PyYAML: YAML 1.1 reads ``NO`` (Norway) as false. Duplicate keys
are refused (ruamel's default) and reported with file and line, like any other
problem, so that a typo never silently replaces a fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from casus.errors import KnowledgeBaseError, Problem


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, with a scalar it cannot build reported at its line.

    ruamel raises a bare ValueError, with no line, for a date that is not in the
    calendar (``2020-02-30``) or an integer of thousands of digits; here it
    becomes a ConstructorError carrying the scalar's position.
    """


def _marked(build: Any) -> Any:
    def construct(self: RoundTripConstructor, node: Any, *args: Any) -> Any:
        try:
            return build(self, node, *args)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"cannot read {str(node.value)[:40]!r}: {exc}",
                                   node.start_mark) from exc

    return construct


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    _Constructor.add_constructor(_tag, _marked(RoundTripConstructor.yaml_constructors[_tag]))


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.allow_duplicate_keys = False
    return y


#: the largest knowledge-base file read, in bytes (the bundled ones are under 300 KB)
MAX_FILE_BYTES = 8_000_000

_BLOCK_START = re.compile(r"""(?:^|[:\-\s])[|>][-+0-9]*\s*(?:#.*)?$""")
_COMMENT_LINE = re.compile(r"^\s*#")


def without_comment_lines(text: str) -> str:
    """``text`` with every line that holds only a comment emptied, keeping line numbers.

    ruamel gathers a run of comment lines after a value in time that grows with
    the square of its length (a 50 MB comment block took minutes); the data
    never needs the comments. Lines inside a block scalar (``|`` or ``>``) are
    content, even when they start with ``#``, and are kept.
    """
    out = text.split("\n")
    block_indent: int | None = None
    for i, line in enumerate(out):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = None
        if _COMMENT_LINE.match(line):
            out[i] = ""
            continue
        body = line.split(" #", 1)[0].rstrip()
        if _BLOCK_START.search(body):
            block_indent = indent
    return "\n".join(out)


def read(path: Path, *, display: str | None = None) -> Any:
    """Parse one file; a syntax error becomes a KnowledgeBaseError naming file and line.

    Files over :data:`MAX_FILE_BYTES` are refused before parsing; reading time
    grows linearly with the size (see :func:`without_comment_lines`).
    """
    name = display or str(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise KnowledgeBaseError([Problem(name, None, f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; "
                                                          "a knowledge-base file is a few hundred KB: split it, "
                                                          "or remove what is not data")])
        root = _yaml().load(without_comment_lines(raw.decode("utf-8")))
        _expanded_size(root, name)
        return root
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError([Problem(name, line, f"YAML error: {exc.problem or exc.context}")]) from exc
    except YAMLError as exc:
        raise KnowledgeBaseError([Problem(name, None, f"YAML error: {exc}")]) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError([Problem(name, None, "file is not UTF-8")]) from exc
    except OSError as exc:  # a directory named *.yaml, a dangling link, no permission
        raise KnowledgeBaseError([Problem(name, None, f"cannot read: {exc.strerror or exc}")]) from exc
    except RecursionError as exc:
        raise KnowledgeBaseError([Problem(name, None, "YAML error: nested too deeply")]) from exc


#: the most nodes a file may hold once its aliases are expanded (the bundled files hold a few thousand each)
MAX_NODES = 1_000_000


def _expanded_size(root: Any, name: str) -> int:
    """Count nodes as :func:`plain` will copy them, refusing alias bombs and self-referring aliases.

    YAML aliases are references: nine lines of them can stand for a billion
    nodes ("billion laughs"), and an alias inside its own anchor makes a cycle.
    Both would hang or crash the copy into plain data, so they are refused here.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def where(node: Any) -> int | None:
        return node.lc.line + 1 if isinstance(node, CommentedMap | CommentedSeq) else None

    def size(node: Any) -> int:
        if not isinstance(node, dict | list):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise KnowledgeBaseError([Problem(name, where(node), "YAML error: an alias refers to a node that "
                                                                  "contains it")])
        open_nodes.add(key)
        total = 1 + sum(size(child) for child in (node.values() if isinstance(node, dict) else node))
        open_nodes.discard(key)
        if total > MAX_NODES:
            raise KnowledgeBaseError([Problem(name, where(node), f"YAML error: aliases expand to more than "
                                                                  f"{MAX_NODES:,} nodes")])
        sizes[key] = total
        return total

    return size(root)


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
