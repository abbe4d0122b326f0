"""The land of each territory, and its partition into pieces owned by the most specific territory.

A Natural Earth territory's land is its features' polygons. A part's land is
cut from its parent's: the parent polygons a bounding box meets, the parent
clipped to a ring, geodesic discs for islets missing at 1:10m, or a hole that
Natural Earth leaves between countries (the Golan Heights, Abyei); discs and
holes need not lie inside the parent's polygons. Lands nest: Okinawa lies inside the
Ryukyu Islands, which lie inside Japan.

Point lookup works on *pieces*: each piece is the land that belongs to one
territory and to none more specific, so pieces never overlap and a point on
land is in exactly one. Parts come before their parents, and where two parts
overlap the smaller one wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from casus.errors import GeoError
from casus.geo import shapes
from casus.geo.ne import Feature
from casus.kb.geography import Select, Territory


@dataclass(frozen=True)
class Lands:
    ids: tuple[str, ...]                 # territory ids, in atlas order (sorted)
    parent: tuple[int, ...]              # index of the parent, -1 for a Natural Earth territory
    land: tuple[Any, ...]                # shapely MultiPolygon per territory
    piece: tuple[Any, ...]               # land owned by the territory itself (may be empty)
    point: tuple[tuple[float, float], ...]   # representative (lat, lon)


def _order(territories: Mapping[str, Territory]) -> list[str]:
    """Ids with every parent before its parts."""
    done: list[str] = []
    seen: set[str] = set()

    def visit(tid: str, stack: tuple[str, ...]) -> None:
        if tid in seen:
            return
        if tid in stack:
            raise GeoError(f"territory {tid}: parent cycle {' -> '.join((*stack, tid))}")
        t = territories[tid]
        if t.parent is not None:
            if t.parent not in territories:
                raise GeoError(f"territory {tid}: unknown parent {t.parent!r}")
            visit(t.parent, (*stack, tid))
        seen.add(tid)
        done.append(tid)

    for tid in sorted(territories):
        visit(tid, ())
    return done


def _select(tid: str, sel: Select, parent_land: Any, features: Mapping[str, Feature]) -> Any:
    import shapely

    if sel.gap is not None:  # land no Natural Earth country covers: the ring less every country it meets
        ring = shapes.ring(sel.gap)
        near = [f.geometry for f in features.values() if shapely.intersects(f.geometry, ring)]
        return shapes.union([shapely.difference(ring, shapes.union(near))] if near else [ring])
    if sel.bbox is not None:
        polys = shapely.get_parts(parent_land)
        keep = [p for b in shapes.boxes(sel.bbox) for p in polys[shapely.intersects(polys, b)]]
        return shapes.union(keep)
    if sel.polygon is not None:
        return shapes.union([shapely.intersection(parent_land, shapes.ring(sel.polygon))])
    pts = [sel.point] if sel.point is not None else list(sel.points or ())
    assert sel.radius_km is not None
    return shapes.union(shapes.disc(lon, lat, sel.radius_km) for lon, lat in pts)


def build_lands(territories: Mapping[str, Territory], features: Mapping[str, Feature]) -> Lands:
    """Lands, pieces and representative points of every territory (raises GeoError if one is empty)."""
    import shapely

    order = _order(territories)
    land: dict[str, Any] = {}
    for tid in order:
        t = territories[tid]
        if t.ne_codes:
            missing = [c for c in t.ne_codes if c not in features]
            if missing:
                raise GeoError(f"territory {tid}: Natural Earth has no feature {', '.join(missing)}")
            g = shapes.union(features[c].geometry for c in t.ne_codes)
        else:  # a part, or a gazetteer feature of its own (a disc needs no parent land)
            g = shapes.union(_select(tid, s, land[t.parent] if t.parent else None, features) for s in t.selections)
        if g.is_empty:
            raise GeoError(f"territory {tid}: its selection picks no land from {t.parent}")
        land[tid] = g
    ids = tuple(sorted(territories))
    # pieces: parts first, smaller before larger; then whole features
    area = {tid: shapes.area_km2(land[tid]) for tid in ids}
    rank = sorted(ids, key=lambda tid: (bool(territories[tid].ne_codes), area[tid], tid))
    piece: dict[str, Any] = {}
    parts_done: list[Any] = []  # lands of the parts already placed (features do not overlap each other)
    for tid in rank:
        g = land[tid]
        over = [h for h in parts_done if shapely.intersects(h, g)]
        piece[tid] = shapes.union([shapely.difference(g, shapely.union_all(over))]) if over else g
        if not territories[tid].ne_codes:
            parts_done.append(g)
    pos = {tid: i for i, tid in enumerate(ids)}
    parent = tuple(pos[str(territories[tid].parent)] if territories[tid].parent else -1 for tid in ids)
    points = tuple(_point(territories[tid], land[tid], features) for tid in ids)
    return Lands(ids, parent, tuple(land[t] for t in ids), tuple(piece[t] for t in ids), points)


def _point(t: Territory, land: Any, features: Mapping[str, Feature]) -> tuple[float, float]:
    """The territory's label point: given in the data, else Natural Earth's label point when it
    falls on the territory, else a point inside its largest polygon."""
    import shapely

    if t.label is not None:
        return (float(t.label[1]), float(t.label[0]))
    if len(t.ne_codes) == 1:
        a = features[t.ne_codes[0]].attrs
        try:
            x, y = float(a["LABEL_X"]), float(a["LABEL_Y"])
        except (TypeError, ValueError, KeyError):
            x = y = float("nan")
        if x == x and y == y and shapely.intersects_xy(land, x, y):
            return (y, x)
    return shapes.representative(land)
