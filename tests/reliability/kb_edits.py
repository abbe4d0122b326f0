"""Hand edits that break a copy of the bundled knowledge base, each at a line we know.

Each edit finds its target in the data as it stands (the files change as the
knowledge base grows), edits the text of the file the way a person would, and
returns what ``casus check`` must then say: the file, the lines that point at the
edit, and words of the message. Nodes are located with ruamel's line and column
marks; the edit itself is plain text, so comments and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from casus.kb import yamlio

BUNDLED = Path(__file__).resolve().parents[2] / "src" / "casus" / "data"
BOWTIE = "[[0.0, 0.0], [10.0, 10.0], [10.0, 0.0], [0.0, 10.0], [0.0, 0.0]]"


@dataclass(frozen=True)
class Expect:
    """What the validator must report after an edit."""

    file: str             # relative to the knowledge-base directory, e.g. "treaties/nato.yaml"
    lines: frozenset[int]  # any of these lines points the editor at the edit
    needles: tuple[str, ...]  # words the message must contain


def read(path: Path) -> Any:
    return yamlio.read(path)


def value_pos(parent: Any, key: str | int) -> tuple[int, int]:
    """0-based (line, column) where the value of ``key`` starts."""
    if isinstance(parent, CommentedMap):
        return tuple(parent.lc.value(key))  # type: ignore[return-value]
    assert isinstance(parent, CommentedSeq)
    return tuple(parent.lc.item(key))  # type: ignore[return-value]


def item_line(seq: CommentedSeq, i: int) -> int:
    """1-based line where item ``i`` of a sequence starts."""
    return int(seq.lc.item(i)[0]) + 1


def key_line(node: CommentedMap, key: str) -> int:
    return int(node.lc.key(key)[0]) + 1


def replace_scalar(path: Path, parent: Any, key: str | int, old: str, new: str) -> int:
    """Replace the scalar text ``old`` at ``parent[key]`` by ``new``; return its 1-based line."""
    line, col = value_pos(parent, key)
    lines = path.read_text(encoding="utf-8").split("\n")
    text = lines[line]
    quote = text[col] if text[col] in "'\"" else ""
    got = text[col:col + len(old) + 2 * len(quote)]
    assert got == f"{quote}{old}{quote}", f"{path.name}:{line + 1}: expected {old!r} at column {col}, found {got!r}"
    lines[line] = text[:col] + quote + new + quote + text[col + len(old) + 2 * len(quote):]
    path.write_text("\n".join(lines), encoding="utf-8")
    return line + 1


def insert_text(path: Path, line: int, col: int, text: str) -> None:
    """Insert ``text`` at 0-based (line, col)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line] = lines[line][:col] + text + lines[line][col:]
    path.write_text("\n".join(lines), encoding="utf-8")


def delete_key(path: Path, node: CommentedMap, key: str) -> int:
    """Delete ``key`` and its (possibly multi-line) value from a block mapping; return the key's line."""
    first = node.lc.key(key)[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    indent = len(lines[first]) - len(lines[first].lstrip(" "))
    assert lines[first].lstrip(" ").startswith(f"{key}:"), f"{key} is not a block key on line {first + 1}"
    end = first + 1
    while end < len(lines):
        s = lines[end]
        body = s.lstrip(" ")
        depth = len(s) - len(body)
        if body and not body.startswith("#") and (depth < indent or (depth == indent and not body.startswith("- "))):
            break
        end += 1
    del lines[first:end]
    path.write_text("\n".join(lines), encoding="utf-8")
    return first + 1


def treaty_files(data: Path) -> list[Path]:
    return sorted((data / "treaties").glob("*.yaml"))


def parties(data: Path) -> Iterator[tuple[Path, Any, int, Any]]:
    """(file, treaty root, party index, party) for every party of every treaty."""
    for path in treaty_files(data):
        root = read(path)
        for i, party in enumerate(root.get("parties") or []):
            yield path, root, i, party


def rel(data: Path, path: Path) -> str:
    return path.relative_to(data).as_posix()


# ----------------------------------------------------------------------------- the edits

def reversed_interval(data: Path) -> Expect:
    """A withdrawal dated before the state became bound."""
    for path, _root, _i, party in parties(data):
        ev = party.get("events") or []
        if len(ev) == 2 and ev[0]["type"] == "bound" and ev[1]["type"] == "withdrawn":
            bound = ev[0]["date"]
            early = bound - dt.timedelta(days=400)
            line = replace_scalar(path, ev[1], "date", ev[1]["date"].isoformat(), early.isoformat())
            return Expect(rel(data, path), frozenset({item_line(ev, 1), line}), ("out of order", str(early)))
    raise LookupError("no party that joined once and withdrew")


def overlapping_interval(data: Path) -> Expect:
    """A second 'bound' while already a party (the withdrawal between them typed as bound)."""
    for path, _root, _i, party in parties(data):
        ev = party.get("events") or []
        if len(ev) == 2 and ev[0]["type"] == "bound" and ev[1]["type"] == "withdrawn":
            line = replace_scalar(path, ev[1], "type", "withdrawn", "bound")
            return Expect(rel(data, path), frozenset({item_line(ev, 1), line}), ("bound again",))
    raise LookupError("no party that joined once and withdrew")


def party_not_existing(data: Path) -> Expect:
    """A state bound the day before it came into existence."""
    states = {s["code"]: s for s in read(data / "states.yaml")["states"]}
    for path, root, _i, party in parties(data):
        st = states.get(party["state"])
        ev = party.get("events") or []
        if st is None or "from" not in st or not ev or ev[0]["type"] != "bound":
            continue
        if st["from"] <= root["in_force"]:
            continue  # keep the date inside the treaty's life, so only existence is wrong
        day = st["from"] - dt.timedelta(days=1)
        line = replace_scalar(path, ev[0], "date", ev[0]["date"].isoformat(), day.isoformat())
        return Expect(rel(data, path), frozenset({item_line(ev, 0), line}),
                      (f"{party['state']} did not exist on {day}",))
    raise LookupError("no party that came into existence after its treaty")


def _scopes(node: Any, path: list[Any]) -> Iterator[tuple[Any, list[Any]]]:
    if isinstance(node, CommentedMap):
        if "region" in node and isinstance(node["region"], str):
            yield node, path
        for k, v in node.items():
            yield from _scopes(v, [*path, k])
    elif isinstance(node, CommentedSeq):
        for i, v in enumerate(node):
            yield from _scopes(v, [*path, i])


def unknown_region(data: Path) -> Expect:
    """A clause whose scope names a region that does not exist (a typo in the id)."""
    for path in treaty_files(data):
        root = read(path)
        for clause in root.get("clauses") or []:
            for phase in clause.get("phases") or []:
                targets = phase.get("targets") or {}
                for target in targets:
                    for node, _ in _scopes(targets[target], []):
                        old = node["region"]
                        new = old[:-1] + "x"
                        line = replace_scalar(path, node, "region", old, new)
                        lines = frozenset(range(key_line(targets, target), line + 1))
                        return Expect(rel(data, path), lines, (f"unknown region '{new}'",))
    raise LookupError("no clause scope that names a region")


def duplicate_state(data: Path) -> Expect:
    """Two entries in states.yaml with the same code (the second one's code mistyped as the first's)."""
    path = data / "states.yaml"
    states = read(path)["states"]
    first, second = states[0], states[1]
    line = replace_scalar(path, second, "code", second["code"], first["code"])
    return Expect("states.yaml", frozenset({item_line(states, 1), line}), (f"duplicate id '{first['code']}'",))


def duplicate_clause(data: Path) -> Expect:
    """Two clauses of one treaty with the same id."""
    for path in treaty_files(data):
        clauses = read(path).get("clauses") or []
        if len(clauses) >= 2:
            line = replace_scalar(path, clauses[1], "id", clauses[1]["id"], clauses[0]["id"])
            return Expect(rel(data, path), frozenset({item_line(clauses, 1), line}),
                          (f"duplicate clause id '{clauses[0]['id']}'",))
    raise LookupError("no treaty with two clauses")


def clause_without_sources(data: Path) -> Expect:
    """A clause whose 'sources:' were deleted."""
    for path in treaty_files(data):
        clauses = read(path).get("clauses") or []
        for i, clause in enumerate(clauses):
            if "sources" in clause:
                delete_key(path, clause, "sources")
                return Expect(rel(data, path), frozenset({item_line(clauses, i)}), ("sources", "required"))
    raise LookupError("no clause with sources")


def membership_without_sources(data: Path) -> Expect:
    """A treaty whose 'membership_sources:' were deleted while its events cite nothing themselves."""
    for path in treaty_files(data):
        root = read(path)
        if "membership_sources" not in root:
            continue
        for party in root.get("parties") or []:
            ev = party.get("events") or []
            for j, e in enumerate(ev):
                if "sources" not in e:
                    delete_key(path, root, "membership_sources")
                    again = read(path)  # the deletion moved later lines up: find the event again
                    for p2 in again["parties"]:
                        if p2["state"] == party["state"]:
                            lines = frozenset({item_line(p2["events"], j)})
                            return Expect(rel(data, path), lines,
                                          (f"{party['state']} {e['type']} {e['date']} has no source",))
    raise LookupError("no treaty leaning on membership_sources")


def self_intersecting_polygon(data: Path) -> Expect:
    """A region ring that crosses itself (a bow tie), added as the region's first ring."""
    path = data / "regions.yaml"
    regions = read(path)["regions"]
    for region in regions:
        polys = region.get("polygons")
        if isinstance(polys, CommentedSeq) and polys:
            line, col = value_pos(polys, 0)
            text = path.read_text(encoding="utf-8").split("\n")[line]
            if text[:col].rstrip().endswith("-"):  # block sequence: "- [[...]]"
                dash = text[:col].rstrip()
                insert_text(path, line, col, BOWTIE + "\n" + " " * (len(dash) - 1) + "- ")
            else:  # flow sequence: "[[[...]], ...]"
                insert_text(path, line, col, BOWTIE + ", ")
            return Expect("regions.yaml", frozenset({line + 1}),
                          (f"region {region['id']}: polygons[0]", "not a simple ring"))
    raise LookupError("no region with polygons")


def future_date(data: Path) -> Expect:
    """A membership date typed a day into the future."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    for path, _root, _i, party in parties(data):
        ev = party.get("events") or []
        if ev and ev[-1]["type"] == "bound" and len(ev) == 1:
            line = replace_scalar(path, ev[0], "date", ev[0]["date"].isoformat(), tomorrow.isoformat())
            return Expect(rel(data, path), frozenset({line}), (f"date {tomorrow} is in the future",))
    raise LookupError("no party with a single event")


def yaml_unclosed_bracket(data: Path) -> Expect:
    """A flow list opened and never closed."""
    path = data / "treaties" / "nato.yaml"
    root = read(path)
    line, col = value_pos(root, "name")
    insert_text(path, line, col, "[")
    return Expect(rel(data, path), frozenset(range(line + 1, line + 3)), ("YAML error",))


def yaml_bad_indent(data: Path) -> Expect:
    """A top-level key pushed one space to the right."""
    path = data / "treaties" / "nato.yaml"
    root = read(path)
    line = root.lc.key("in_force")[0]
    insert_text(path, line, 0, " ")
    return Expect(rel(data, path), frozenset({line + 1}), ("YAML error",))


def yaml_duplicate_key(data: Path) -> Expect:
    """A key written twice in one mapping (the second would silently win under a lax parser)."""
    path = data / "treaties" / "nato.yaml"
    root = read(path)
    line = root.lc.key("in_force")[0]
    insert_text(path, line, 0, f"in_force: {root['in_force'] + dt.timedelta(days=1)}\n")
    return Expect(rel(data, path), frozenset({line + 1, line + 2}), ("YAML error", "duplicate key"))


def yaml_impossible_date(data: Path) -> Expect:
    """A date that is not in the calendar (30 February)."""
    for path, _root, _i, party in parties(data):
        ev = party.get("events") or []
        if ev:
            old = ev[0]["date"].isoformat()
            line = replace_scalar(path, ev[0], "date", old, f"{old[:4]}-02-30")
            return Expect(rel(data, path), frozenset({line}), ("YAML error", f"{old[:4]}-02-30"))
    raise LookupError("no event")


def publisher_host_mismatch(data: Path) -> Expect:
    """A source that names NATO as its publisher but points at another host (a shop's blog)."""
    path = data / "treaties" / "nato.yaml"
    root = read(path)
    for i, src in enumerate(root.get("sources") or []):
        url = str(src.get("url") or "")
        if src.get("publisher") == "NATO" and "://www.nato.int/" in url:
            new = url.replace("://www.nato.int/", "://shop.example.com/blog/")
            line = replace_scalar(path, src, "url", url, new)
            return Expect(rel(data, path), frozenset({line, item_line(root["sources"], i)}),
                          ("'NATO'", "shop.example.com"))
    raise LookupError("no NATO source on nato.int in treaties/nato.yaml")


EDITS: dict[str, Callable[[Path], Expect]] = {
    "reversed-interval": reversed_interval,
    "overlapping-interval": overlapping_interval,
    "party-not-existing": party_not_existing,
    "unknown-region": unknown_region,
    "duplicate-state": duplicate_state,
    "duplicate-clause": duplicate_clause,
    "clause-without-sources": clause_without_sources,
    "membership-without-sources": membership_without_sources,
    "self-intersecting-polygon": self_intersecting_polygon,
    "future-date": future_date,
    "yaml-unclosed-bracket": yaml_unclosed_bracket,
    "yaml-bad-indent": yaml_bad_indent,
    "yaml-duplicate-key": yaml_duplicate_key,
    "yaml-impossible-date": yaml_impossible_date,
    "publisher-host-mismatch": publisher_host_mismatch,
}
