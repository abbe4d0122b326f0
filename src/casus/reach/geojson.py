"""A reach answer as GeoJSON (RFC 7946): rings, reachable territories with their cover, cities, targets.

Rings and territory outlines are cut at the antimeridian (RFC 7946 section 3.1.9)
by :mod:`casus.reach.rings`, so every coordinate lies in [-180, 180]; a ring
around a pole is closed along it. Coordinates are rounded to 1e-5 degrees
(about a metre) and outlines simplified by :data:`casus.reach.plot.DRAW_TOLERANCE`
for size; distances in the properties are the exact ones of the answer. The
disclaimer, credits and query travel as foreign members of the collection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from casus.reach import rings

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.reach.results import ReachResult

DIGITS = 5


def _geometry(geom: Any) -> dict[str, Any] | None:
    import shapely

    if geom is None or geom.is_empty:
        return None
    geom = shapely.transform(geom, lambda xy: np.round(xy, DIGITS))
    if not geom.is_valid:  # rounding can collapse a tiny ring (an islet of the gazetteer) or touch two edges
        geom = rings.polygons(geom)
        if geom.is_empty:
            return None
    return shapely.geometry.mapping(geom)  # type: ignore[no-any-return]


def _feature(geom: dict[str, Any] | None, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geom, "properties": props}


def collection(kb: KnowledgeBase, result: ReachResult) -> dict[str, Any]:
    """The FeatureCollection for a reach answer."""
    import shapely
    from shapely.geometry import Point

    from casus.jsonio import to_data
    from casus.reach.plot import simplified
    from casus.reach.world import world

    w = world(kb)
    feats: list[dict[str, Any]] = []
    o, rng = result.origin, result.range
    if o.lat is not None and o.lon is not None:
        feats.append(_feature(_geometry(Point(o.lon, o.lat)), {"role": "origin", **o.to_dict()}))
        for which, km, src in (("low", rng.low_km, rng.low_source), ("high", rng.high_km, rng.high_source)):
            if which == "low" and rng.low_km == rng.high_km:
                continue
            cap = rings.cap(o.lon, o.lat, km * 1000.0, 0.0)
            feats.append(_feature(_geometry(cap), {"role": "range", "estimate": which, "km": km, "source": src,
                                                   "public_estimate": result.missile is not None}))
    else:
        feats.append(_feature(None, {"role": "origin", **o.to_dict()}))
    cover = {c.territory: c for c in (result.commitments.rows if result.commitments else ())}
    simple = simplified(w)
    for r in result.territories:
        t = w.territory_ids.index(r.id)
        sub = np.flatnonzero(w.subtree[t])
        geom = None if not sub.size else simple[sub[0]] if sub.size == 1 else \
            rings.polygons(shapely.union_all(simple[sub]))
        props: dict[str, Any] = {"role": "territory", **r.to_dict()}
        c = cover.get(r.id)
        if c is not None:
            props.update({"holder": c.holder, "applies": list(c.applies), "ambiguous": list(c.ambiguous),
                          "bound": list(c.bound)})
        feats.append(_feature(_geometry(geom), props))
    for r in (*result.cities, *result.targets):
        geom = _geometry(Point(r.nearest[1], r.nearest[0])) if r.nearest else None
        feats.append(_feature(geom, {"role": "target" if r in result.targets else "city", **r.to_dict()}))
    head = result.to_dict()
    query = {k: head[k] for k in ("on", "missile", "range", "origin", "notes", "counts")}
    for f in feats:
        f["properties"] = to_data(f["properties"])
    return {"type": "FeatureCollection", "disclaimer": result.disclaimer, "credits": list(result.credits),
            "query": to_data(query), "features": feats}


def dumps(kb: KnowledgeBase, result: ReachResult) -> bytes:
    """Compact, deterministic GeoJSON bytes (properties go through casus.jsonio's conversions)."""
    import json

    text = json.dumps(collection(kb, result), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (text + "\n").encode()
