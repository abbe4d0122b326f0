"""Strict YAML 1.2 reading with line numbers, for files people edit by hand.

ruamel.yaml, not PyYAML's defaults: YAML 1.1 reads ``NO`` (Norway) as false.
Duplicate keys are refused (ruamel's default) and reported with file and line,
like any other problem, so that a typo never silently replaces a fact.

Two readers give the same data. :func:`read` (``fast=False``) is ruamel's
round-trip loader, which keeps the line of every node for error messages
(``casus check``). ``fast=True`` parses with libyaml (PyYAML's C parser, when
installed) under YAML 1.2's core schema, about ten times faster, and keeps no
lines; it handles the plain forms the knowledge base uses (decimal integers and
floats, ISO dates, true/false, null, anchors) and hands anything else (a
duplicate key, an octal or hex number, a timestamp with a time, a merge key, a
tag, a syntax error) to the round-trip loader, so that unusual input is read,
or refused with its line, exactly as before. Loading a knowledge base reads
fast and, only when it finds a problem, again with lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from casus.errors import KnowledgeBaseError, Problem

# ruamel.yaml is imported when a file is read, not when casus starts: a start from the compiled cache
# parses no YAML


def _marked(build: Any) -> Any:
    from ruamel.yaml.constructor import ConstructorError

    def construct(self: Any, node: Any, *args: Any) -> Any:
        try:
            return build(self, node, *args)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"cannot read {str(node.value)[:40]!r}: {exc}",
                                   node.start_mark) from exc

    return construct


_CONSTRUCTOR: list[type] = []


def _constructor() -> type:
    """ruamel's round-trip constructor, with a scalar it cannot build reported at its line.

    ruamel raises a bare ValueError, with no line, for a date that is not in the
    calendar (``2020-02-30``) or an integer of thousands of digits; here it
    becomes a ConstructorError carrying the scalar's position.
    """
    if not _CONSTRUCTOR:
        from ruamel.yaml.constructor import RoundTripConstructor

        class _Constructor(RoundTripConstructor):
            pass

        for tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            _Constructor.add_constructor(tag, _marked(RoundTripConstructor.yaml_constructors[tag]))
        _CONSTRUCTOR.append(_Constructor)
    return _CONSTRUCTOR[0]


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.Constructor = _constructor()
    y.allow_duplicate_keys = False
    return y


def _commented() -> tuple[Any, Any]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return CommentedMap, CommentedSeq


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


class Lined(dict):  # type: ignore[type-arg]
    """A mapping read by the fast reader, with the 1-based line it starts on (what :func:`line_of` needs of
    an item; the round-trip loader keeps every key's line)."""

    __slots__ = ("line",)
    line: int


class _Unusual(Exception):
    """A form the fast reader leaves to the round-trip loader."""


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _fast_loader() -> type | None:
    """A libyaml loader class with YAML 1.2 core-schema resolution, or None without PyYAML's C extension."""
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is optional
        return None
    base: Any = getattr(yaml, "CSafeLoader", None)
    if base is None:  # pragma: no cover - PyYAML built without libyaml
        return None
    import datetime as dt
    from typing import ClassVar

    from ruamel.yaml.resolver import implicit_resolvers

    class Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, Any]]]] = {}
        yaml_constructors: ClassVar[dict[str | None, Any]] = dict(base.yaml_constructors)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            if not isinstance(node, yaml.MappingNode):
                raise _Unusual("not a mapping")
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Unusual("merge key")
                key = self.construct_object(key_node, deep=deep)
                if key in out:
                    raise _Unusual("duplicate key")
                out[key] = self.construct_object(value_node, deep=deep)
            return out

    # the same implicit types as ruamel's YAML 1.2 resolver: "NO" stays a string
    for versions, tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            Loader.add_implicit_resolver(tag, regexp, first)

    def integer(loader: Any, node: Any) -> int:
        if not _DECIMAL.fullmatch(node.value):
            raise _Unusual("integer form")
        return int(node.value)

    def real(loader: Any, node: Any) -> float:
        if not _PLAIN_FLOAT.fullmatch(node.value):
            raise _Unusual("float form")
        return float(node.value)

    def date(loader: Any, node: Any) -> dt.date:
        if not _DATE.fullmatch(node.value):
            raise _Unusual("timestamp with a time")
        return dt.date.fromisoformat(node.value)  # ValueError for 2020-02-30: read again for its line

    def mapping(loader: Any, node: Any) -> Any:
        data = Lined()
        data.line = node.start_mark.line + 1
        yield data
        data.update(loader.construct_mapping(node))

    def refuse(loader: Any, node: Any) -> Any:
        raise _Unusual(f"tag {node.tag}")

    Loader.add_constructor("tag:yaml.org,2002:int", integer)
    Loader.add_constructor("tag:yaml.org,2002:float", real)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", date)
    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    for tag in ("tag:yaml.org,2002:set", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs",
                "tag:yaml.org,2002:binary"):
        Loader.add_constructor(tag, refuse)
    Loader.add_constructor(None, refuse)
    return Loader


_FAST: list[type | None] = []


def _fast_load(raw: str) -> Any:
    """The document in ``raw`` as plain data through libyaml; raises _Unusual for anything it leaves to ruamel."""
    if not _FAST:
        _FAST.append(_fast_loader())
    loader_class = _FAST[0]
    if loader_class is None:
        raise _Unusual("no libyaml")
    import yaml

    loader = loader_class(raw)
    try:
        return loader.get_single_data()
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError, TypeError) as exc:
        raise _Unusual(str(exc)) from exc
    finally:
        loader.dispose()


def read(path: Path, *, display: str | None = None, fast: bool = False) -> Any:
    """Parse one file; a syntax error becomes a KnowledgeBaseError naming file and line.

    Files over :data:`MAX_FILE_BYTES` are refused before parsing; reading time
    grows linearly with the size (see :func:`without_comment_lines`). With
    ``fast`` the result is plain dicts and lists without line numbers (see the
    module's docstring); :func:`plain` of either result is the same.
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    name = display or str(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise KnowledgeBaseError([Problem(name, None, f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB; "
                                                          "a knowledge-base file is a few hundred KB: split it, "
                                                          "or remove what is not data")])
        if fast:
            try:
                root = _fast_load(raw.decode("utf-8"))  # libyaml would take UTF-16 too: only UTF-8 is accepted
            except (_Unusual, UnicodeDecodeError):
                pass
            else:
                _expanded_size(root, name)
                return root
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
    commented = _commented()

    def where(node: Any) -> int | None:
        return node.lc.line + 1 if isinstance(node, commented) else None

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
    CommentedMap, CommentedSeq = _commented()
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
        if isinstance(cur, Lined) and key in cur:  # read fast: only the lines of mappings are known
            cur = cur[key]
            line = cur.line if isinstance(cur, Lined) else line
            continue
        if isinstance(cur, list) and isinstance(key, int) and 0 <= key < len(cur):
            cur = cur[key]
            line = cur.line if isinstance(cur, Lined) else line
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
