"""The alliance and partnership network on one day, as a graph, and its export.

Nodes are states, treaties and partnership frameworks; an edge joins a state to
a treaty it is a party to (``party``), to a framework it takes part in
(``participant``) and to the organisation of a programme in effect with it
(``programme``). Output is deterministic: nodes and edges are sorted.
Files are written atomically (a temporary file in the same folder, then
``os.replace``), so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.dates import parse_date
from casus.errors import InputError, OutputExistsError
from casus.fileio import atomic_write_with

if TYPE_CHECKING:
    import networkx as nx

    from casus.kb.base import KnowledgeBase

__all__ = ["FORMATS", "build_network", "check_output", "network_data", "write_network"]

FORMATS = {".graphml": "graphml", ".json": "json"}


def build_network(kb: KnowledgeBase, on: dt.date | str) -> nx.Graph:
    """A bipartite graph of states and the treaties and frameworks that tie them on ``on``."""
    import networkx as nx

    day = parse_date(on, field="on")
    g = nx.Graph(date=day.isoformat())
    states: set[str] = set()
    for t in sorted(kb.treaties.values(), key=lambda t: t.id):
        if not kb.in_force(t.id, day):
            continue
        g.add_node(f"treaty:{t.id}", kind="treaty", label=t.short_name or t.name)
        for code in kb.members(t.id, day):
            states.add(code)
            g.add_edge(f"state:{code}", f"treaty:{t.id}", relation="party",
                       since=kb.standing(t.id, code, day).since.isoformat())  # type: ignore[union-attr]
    for p in sorted(kb.partnerships.values(), key=lambda p: p.id):
        if p.kind == "framework" and p.in_effect(day):
            g.add_node(f"partnership:{p.id}", kind="partnership", label=p.name, organisation=p.organisation)
            for part in p.participants:
                if part.covers(day):
                    states.add(part.state)
                    status = "suspended" if part.suspended_on(day) else "active"
                    g.add_edge(f"state:{part.state}", f"partnership:{p.id}", relation="participant",
                               since=part.start.isoformat(), status=status)
        elif p.kind == "programme" and p.in_effect(day) and f"treaty:{p.organisation}" in g:
            for code in p.partners:
                states.add(code)
                g.add_edge(f"state:{code}", f"treaty:{p.organisation}", relation="programme",
                           programme=p.id, areas=",".join(p.areas))
    for code in states:
        g.add_node(f"state:{code}", kind="state", label=kb.states[code].name)
    return g


def network_data(g: nx.Graph) -> dict[str, Any]:
    """JSON-ready node-link data with nodes and edges in a stable order."""
    nodes = [{"id": n, **{k: g.nodes[n][k] for k in sorted(g.nodes[n])}} for n in sorted(g.nodes)]
    edges = []
    for a, b in g.edges:
        u, v = sorted((a, b))
        edges.append({"source": u, "target": v, **{k: g.edges[a, b][k] for k in sorted(g.edges[a, b])}})
    edges.sort(key=lambda e: (e["source"], e["target"]))
    return {"schema_version": "1.0", "date": g.graph.get("date"), "directed": False,
            "nodes": nodes, "edges": edges}


def _ordered(g: nx.Graph) -> nx.Graph:
    import networkx as nx

    h = nx.Graph(**g.graph)
    h.add_nodes_from((n, g.nodes[n]) for n in sorted(g.nodes))
    pairs = sorted((min(a, b), max(a, b)) for a, b in g.edges)
    h.add_edges_from((u, v, g.edges[u, v]) for u, v in pairs)
    return h


def check_output(out: Path | str, *, force: bool = False, fmt: str | None = None) -> tuple[Path, str]:
    """The path and format to write, or an error before any work is done."""
    path = Path(out)
    kind = fmt or FORMATS.get(path.suffix.lower())
    if kind not in FORMATS.values():
        raise InputError(f"cannot tell the format of {str(path)!r}: use a file ending in .graphml or .json",
                         field="out", accepted=", ".join(FORMATS))
    if path.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file name ending in .graphml or .json", field="out")
    if path.exists() and not force:
        raise OutputExistsError(f"{str(path)!r} exists; pass --force to overwrite it", field="out")
    if not path.parent.is_dir():
        raise InputError(f"folder {str(path.parent)!r} does not exist", field="out")
    from casus.fileio import claim

    claim(path, force=force)  # no other run writes it until this one has
    return path, str(kind)


def write_network(g: nx.Graph, out: Path | str, *, force: bool = False, fmt: str | None = None) -> Path:
    """Write ``g`` as GraphML or JSON (chosen by ``fmt`` or the file's extension); refuse to overwrite."""
    path, kind = check_output(out, force=force, fmt=fmt)

    def write(tmp: Path) -> None:
        if kind == "json":
            tmp.write_text(json.dumps(network_data(g), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            import networkx as nx

            with tmp.open("wb") as fh:
                nx.write_graphml(_ordered(g), fh)

    atomic_write_with(path, write, force=True)
    return path
