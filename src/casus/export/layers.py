"""Map layers: territories, regions and clause coverage on a date, as features (properties and a shape).

A layer is plain data (a :class:`Layer`: property columns and shapely
geometries in lon/lat, WGS84) so the same layer is written as GeoJSON or
GeoParquet by :mod:`casus.export.geofiles`. Territories include their parts
(Japan includes Okinawa), and parts are listed after their parents with a
``depth``, so that drawing in row order shows each part over its parent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus.dates import parse_date, today
from casus.geo.atlas import atlas_of

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase


@dataclass(frozen=True)
class Layer:
    """Features with the same properties: ``columns`` names them, each row gives their values."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    geometries: list[Any]
    metadata: dict[str, str]

    def __len__(self) -> int:
        return len(self.rows)


def _simplify(geom: Any, tolerance: float) -> Any:
    import shapely

    if geom is None or tolerance <= 0:
        return geom
    return shapely.simplify(geom, tolerance, preserve_topology=True)


def _ordered_ids(kb: KnowledgeBase) -> list[tuple[str, int]]:
    atlas = atlas_of(kb)
    out = []
    for tid in atlas.territory_ids:
        out.append((tid, len(atlas.chain(tid)) - 1))
    out.sort(key=lambda x: (x[1], x[0]))
    return out


def territories_layer(kb: KnowledgeBase, on: dt.date | str | None = None, *, simplify: float = 0.0) -> Layer:
    """Every territory with who held it on ``on`` (default today): sovereign, administrator, status, claimants."""
    from casus.geo.control import holding

    day = today() if on is None else parse_date(on, field="--on")
    atlas = atlas_of(kb)
    cols = ("id", "name", "parent", "depth", "ne", "sovereign", "administrator", "status", "claimants", "on")
    rows, geoms = [], []
    for tid, depth in _ordered_ids(kb):
        t = kb.territories.get(tid)
        h = holding(kb.territories, tid, day)
        rows.append((tid, t.name if t else tid, atlas.parent(tid), depth,
                     ";".join(t.ne_codes) if t and t.ne_codes else None, h.sovereign, h.administrator, h.status,
                     ";".join(h.claimants) or None, day))
        geoms.append(_simplify(atlas.geometry(tid), simplify))
    return Layer("territories", cols, rows, geoms, {"on": day.isoformat()})


def regions_layer(kb: KnowledgeBase, *, simplify: float = 0.0) -> Layer:
    """Every region clauses refer to, with its kind and description."""
    atlas = atlas_of(kb)
    cols = ("id", "name", "kind", "describe")
    rows, geoms = [], []
    for rid in atlas.region_ids:
        r = kb.regions.get(rid)
        rows.append((rid, r.name if r else rid, r.kind if r else None, r.describe if r else None))
        geoms.append(_simplify(atlas.region_geometry(rid), simplify))
    return Layer("regions", cols, rows, geoms, {})


def coverage_layer(kb: KnowledgeBase, on: dt.date | str | None = None, *, target: str = "territory",
                   simplify: float = 0.0) -> Layer:
    """Every territory coloured by the law on ``on``: nato, alliance, ambiguous or none, with the defence clauses
    that apply or are ambiguous for an attack by an outside state (judged at its representative point)."""
    from casus.law.coverage import coverage

    day = today() if on is None else parse_date(on, field="--on")
    cov = coverage(kb, day, target=target)
    atlas = atlas_of(kb)
    cols = ("id", "name", "parent", "depth", "holder", "class", "applies", "ambiguous", "target", "on")
    rows, geoms = [], []
    for tid, depth in _ordered_ids(kb):
        c = cov[tid]
        t = kb.territories.get(tid)
        rows.append((tid, t.name if t else tid, atlas.parent(tid), depth, c["holder"], c["class"],
                     ";".join(c["applies"]) or None, ";".join(c["ambiguous"]) or None, target, day))
        geoms.append(_simplify(atlas.geometry(tid), simplify))
    return Layer("coverage", cols, rows, geoms, {"on": day.isoformat(), "target": target})
