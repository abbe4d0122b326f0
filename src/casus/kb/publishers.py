"""Publishers and the hosts they publish on: a reader must be able to trust a source's name.

A source says who published it (``publisher``) and where it can be read
(``url``). The table in ``publishers.yaml`` lists, for each publisher, the hosts
it publishes on and the names that, written in a source's title, claim it. The
check here holds every source to that table, so that a respectable name is never
attached to an unrelated page:

- a source with a ``url`` names its ``publisher``, the publisher is in the table,
  and the url's host is one of its hosts (or a subdomain of one);
- the title of a source with a ``url`` that names a publisher of the table
  (``(Reuters, 3 May 2019)``) other than the source's own must also name the
  source's publisher, so that a report *about* NATO by Yonhap reads as Yonhap's,
  never as NATO's.

Where the original can only be read in a copy on another host, the source cites
the original (``publisher`` and ``citation``) and gives the copy as ``via``; the
copy's host is then not held to the publisher's.

Every source is held to it: those of treaties, compact pacts, the sections and
their file-wide ``sources:``, and the rows of ``atop_unresolved.yaml``.

The check runs when the knowledge base has a publishers table (the bundled data
does, and overlays inherit it); a hand-made base without one is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import Field

from casus.errors import close_matches
from casus.kb.loader import Located, RawBase
from casus.kb.models import Model

if TYPE_CHECKING:  # validate imports this module's check by name, at run time
    from casus.kb.validate import Report

_SOURCE_KEY = re.compile(r"(^|_)sources?$")


class Publisher(Model):
    """Who publishes, on which hosts, and which words in a title claim them."""

    name: str = Field(min_length=2, description="the publisher as a source's `publisher` field names it")
    hosts: tuple[str, ...] = Field(
        min_length=1, description="hosts it publishes on; a subdomain of a listed host counts (nato.int covers "
                                  "www.nato.int and shape.nato.int)")
    names: tuple[str, ...] = Field(
        default=(), description="words that, written in a source's title, claim this publisher (matched whole, "
                                "case-sensitive); leave empty when the name is also a common word")
    note: str | None = None


def host_of(url: str) -> str:
    """The lower-case host of ``url``, without port or a trailing dot."""
    return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()


def publishes_on(publisher: Publisher, host: str) -> bool:
    """True when ``host`` is one of the publisher's hosts or a subdomain of one."""
    return any(host == h or host.endswith("." + h) for h in publisher.hosts)


def named_in(title: str, publisher: Publisher) -> bool:
    """True when the title names the publisher (one of its ``names``, as a whole word)."""
    # the substring test first: it rules out almost every pair, and a regex search per pair cost seconds
    return any(n in title and re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", title) for n in publisher.names)


def owner_of(host: str, table: dict[str, Publisher]) -> Publisher | None:
    """The publisher whose hosts hold ``host`` most specifically (history.state.gov before state.gov)."""
    best: tuple[int, Publisher] | None = None
    for p in table.values():
        for h in p.hosts:
            if (host == h or host.endswith("." + h)) and (best is None or len(h) > best[0]):
                best = (len(h), p)
    return best[1] if best else None


def _sources(node: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], dict[str, Any]]]:
    """(location, mapping) of every source under ``node``: the items under ``sources``-like keys."""
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str) and _SOURCE_KEY.search(k):
                if isinstance(v, dict):
                    yield [*path, k], v
                elif isinstance(v, list):
                    for i, s in enumerate(v):
                        if isinstance(s, dict):
                            yield [*path, k, i], s
            else:
                yield from _sources(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _sources(v, [*path, i])


def source_problems(source: dict[str, Any], table: dict[str, Publisher]) -> list[tuple[str, str]]:
    """(field, message) for each way ``source`` breaks the publisher rule."""
    out: list[tuple[str, str]] = []
    title = str(source.get("title") or "")
    url = source.get("url")
    name = source.get("publisher")
    declared = table.get(str(name)) if name is not None else None
    if url:
        host = host_of(str(url))
        if name is None:
            owner = owner_of(host, table)
            hint = f"; {host} is {owner.name!r}'s" if owner else ""
            out.append(("url", f"source {title[:60]!r} has a url but no publisher{hint}"))
        elif declared is None:
            near = close_matches(str(name), table)
            hint = f"; closest: {', '.join(near)}" if near else ""
            out.append(("publisher", f"publisher {name!r} is not in publishers.yaml{hint}"))
        elif not publishes_on(declared, host):
            owner = owner_of(host, table)
            whose = f"{owner.name!r}'s host" if owner else "a host not in publishers.yaml"
            out.append(("url", f"source {title[:60]!r} names publisher {name!r} (hosts: "
                               f"{', '.join(declared.hosts)}) but its url is on {host}, {whose}; cite the "
                               "original with `via:` for a copy, or name the host's publisher"))
    if not url or declared is None:
        return out  # a printed citation or a copy given as `via`, or a publisher already reported above
    for other in table.values():
        if other is declared or not named_in(title, other):
            continue
        if named_in(title, declared):
            continue  # a report by the declared publisher about another one, and the title says so
        out.append(("title", f"title {title[:60]!r} names {other.name!r} but the source is published by "
                             f"{declared.name!r}; say who published what the address holds"))
        break
    return out


def table_of(raw: RawBase) -> dict[str, Publisher]:
    return {k: v.item for k, v in raw.sections.get("publishers", {}).items()}


def check(raw: RawBase, report: Report) -> None:
    """Every source's publisher matches its host and its title (see the module docstring)."""
    table = table_of(raw)
    if not table:
        return
    claimed: dict[str, str] = {}
    for where in raw.sections.get("publishers", {}).values():
        p: Publisher = where.item
        for h in p.hosts:
            if h != h.lower() or "/" in h or h.startswith("www."):
                report(where, f"publisher {p.name!r}: host {h!r} must be a bare lower-case host name "
                              "(no scheme, path or www.)", ["hosts"])
            if h in claimed and claimed[h] != p.name:
                report(where, f"host {h!r} is listed for both {claimed[h]!r} and {p.name!r}", ["hosts"])
            claimed[h] = p.name
    seen: set[int] = set()  # one anchored source used by many items is checked once, at its anchor
    for where in raw.headers:
        _check_sources(where, _sources({"sources": where.raw["sources"]}, []), table, report, seen)
    for where in _items(raw):
        _check_sources(where, _sources(where.raw, []), table, report, seen)


def _check_sources(where: Located, found: Iterator[tuple[list[str | int], dict[str, Any]]],
                   table: dict[str, Publisher], report: Report, seen: set[int]) -> None:
    for loc, src in found:
        if id(src) in seen:
            continue
        seen.add(id(src))
        for field, message in source_problems(src, table):
            report(where, message, [*loc, field] if field in src else loc)


def _items(raw: RawBase) -> Iterator[Located]:
    yield from raw.states.values()
    yield from raw.treaties.values()
    for name, sec in raw.sections.items():
        if name != "publishers":
            yield from sec.values()
    yield from raw.unresolved.values()  # atop_unresolved.yaml: the sources of what casus does not model
