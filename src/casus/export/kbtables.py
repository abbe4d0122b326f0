"""The knowledge base as flat tables, for SQL users (DuckDB) and anyone who prefers rows to YAML.

Core tables are normalised by hand (one row per membership event, per clause,
per phase, per control period); every other section is flattened generically,
so that a section added to the knowledge base later still appears: scalar
fields become columns, lists of plain values become list columns, and nested
records become JSON text. ``from``/``to`` become ``start_date``/``end_date``
(``end`` is an SQL keyword). Sources get a table of their own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

if TYPE_CHECKING:
    import pyarrow as pa

    from casus.kb.base import KnowledgeBase

_RENAME = {"start": "start_date", "end": "end_date"}
_SCALARS = (str, int, float, bool, dt.date, type(None))

#: what each table holds, stored as the table's comment in DuckDB
DESCRIPTIONS: dict[str, str] = {
    "states": "States (ISO 3166-1 alpha-3), with Correlates of War codes and the dates each existed",
    "cow_codes": "Earlier COW codes of a state, dated (Germany: 260 until 1990-10-03)",
    "treaties": "Treaties: signature, entry into force, end",
    "membership_events": "Dated membership events per treaty and state (bound = deposit or entry into force)",
    "parties": "Spells as a party, derived from the events: [start_date, end_date)",
    "clauses": "Clauses of each treaty: kind, trigger, response",
    "phases": "The dated geography of each clause: targets and exceptions as JSON",
    "territories": "Territories: Natural Earth features and named parts",
    "control": "Who held each territory: sovereign and administrator over [start_date, end_date)",
    "claims": "Claims to territories held by others",
    "regions": "Regions clauses refer to (polygons as JSON)",
    "sources": "The sources of every item: kind, id, title, url or citation",
    "missiles": "Missiles: owner, class, low and high public range estimates (JSON) with sources",
    "launch_sites": "Launch sites: state, position, kind",
    "partnerships": "Partnership frameworks, programmes, declarations and visits (participants as JSON)",
    "invocations": "Recorded invocations of defence and consultation clauses",
    "operations": "Operations and missions, with contributions as JSON",
    "dyad_years": "Directed dyad-year obligations, any-day rule (see docs/codebook.md)",
}


def _cell(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, Mapping):
        return {str(k): _cell(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_cell(v) for v in value]
    return value


def flatten(item: BaseModel, skip: Iterable[str] = ("sources",)) -> dict[str, Any]:
    """A model's fields as one row: scalars as they are, lists of scalars as lists, the rest as JSON text."""
    row: dict[str, Any] = {}
    for name in type(item).model_fields:
        if name in skip:
            continue
        value = getattr(item, name)
        col = _RENAME.get(name, name)
        if isinstance(value, _SCALARS):
            row[col] = value
        elif isinstance(value, tuple | list) and all(isinstance(v, _SCALARS) for v in value):
            row[col] = list(value)
        else:
            row[col] = json.dumps(_cell(value), ensure_ascii=False, sort_keys=False, default=str)
    return row


def rows_to_table(rows: list[dict[str, Any]], columns: list[str] | None = None) -> pa.Table:
    """Rows of plain values as an Arrow table; a column that mixes single values and lists becomes lists."""
    import pyarrow as pa

    names = list(columns or [])
    for r in rows:
        for k in r:
            if k not in names:
                names.append(k)
    arrays = {}
    for name in names:
        values = [r.get(name) for r in rows]
        if any(isinstance(v, list) for v in values) and not all(isinstance(v, list | type(None)) for v in values):
            values = [v if isinstance(v, list) or v is None else [v] for v in values]
        if all(v is None for v in values):
            arrays[name] = pa.array(values, type=pa.string())
        else:
            arrays[name] = pa.array(values)
    return pa.table(arrays) if names else pa.table({})


def _sources(kind: str, ident: str, sources: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"kind": kind, "id": ident, "title": s.title, "publisher": s.publisher, "url": s.url,
             "citation": s.citation, "via": s.via, "article": s.article, "checked": s.checked} for s in sources]


def kb_tables(kb: KnowledgeBase, *, with_dyads: bool = True) -> dict[str, pa.Table]:
    """Every table, by name, in a stable order."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (
        "states", "cow_codes", "treaties", "membership_events", "parties", "clauses", "phases",
        "territories", "control", "claims", "regions", "sources")}
    for code, s in kb.states.items():
        rows["states"].append(flatten(s, skip=("sources", "cow_history")))
        for cow in s.cow_history:
            rows["cow_codes"].append({"state": code, **flatten(cow)})
        rows["sources"] += _sources("state", code, s.sources)
    for tid, t in kb.treaties.items():
        rows["treaties"].append(flatten(t, skip=("sources", "parties", "clauses", "membership_sources")))
        rows["sources"] += _sources("treaty", tid, (*t.sources, *t.membership_sources))
        for p in t.parties:
            for k, e in enumerate(p.events):
                rows["membership_events"].append({"treaty": tid, "state": p.state, "seq": k,
                                                  **flatten(e, skip=("sources",))})
                rows["sources"] += _sources("membership_event", f"{tid}/{p.state}/{k}", e.sources)
            for sp in kb.spells[tid].get(p.state, ()):
                rows["parties"].append({"treaty": tid, "state": p.state, "start_date": sp.start,
                                        "end_date": sp.end})
        for c in t.clauses:
            rows["clauses"].append({"treaty": tid, **flatten(c, skip=("sources", "phases"))})
            rows["sources"] += _sources("clause", c.id, c.sources)
            for k, ph in enumerate(c.phases):
                rows["phases"].append({"clause": c.id, "seq": k, **flatten(ph)})
    for tid, terr in kb.territories.items():
        rows["territories"].append(flatten(terr, skip=("sources", "control", "claims")))
        rows["sources"] += _sources("territory", tid, terr.sources)
        for k, c in enumerate(terr.control):
            rows["control"].append({"territory": tid, "seq": k, **flatten(c)})
        for cl in terr.claims:
            rows["claims"].append({"territory": tid, **flatten(cl)})
    for rid, reg in kb.regions.items():
        rows["regions"].append(flatten(reg))
        rows["sources"] += _sources("region", rid, reg.sources)
    generic: dict[str, list[dict[str, Any]]] = {}
    for section, items in sorted(kb.sections.items()):
        if section in ("territories", "regions"):
            continue
        generic[section] = []
        for ident, item in items.items():
            generic[section].append(flatten(item))
            rows["sources"] += _sources(section.rstrip("s"), ident, getattr(item, "sources", ()) or ())
    out = {name: rows_to_table(r) for name, r in rows.items() if r}
    out.update({name: rows_to_table(r) for name, r in generic.items() if r})
    if with_dyads:
        from casus.export.dyads import dyad_years

        out["dyad_years"] = dyad_years(kb)
    return out
