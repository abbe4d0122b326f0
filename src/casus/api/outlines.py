"""Territory outlines for the web map: our own geometry, simplified once per process.

The map draws every territory from the same geometry the point lookups use, so
what a user sees and what ``where`` answers agree. Natural Earth 1:10m is far
too detailed for a browser at world scale; outlines are simplified (keeping
topology, so small islands stay as small shapes rather than vanishing) and
rounded to 0.01° (about 1 km), which brings the layer near a megabyte before
gzip. Whole Natural Earth features come first and named parts (Hawaii, Crimea)
after, parts of parts last, so that a part is drawn over its parent and can
take its own colour.
"""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from casus.api.responses import Payload
from casus.geo.atlas import atlas_of

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

#: Douglas-Peucker tolerance in degrees
TOLERANCE = 0.04
#: decimals kept in coordinates
DECIMALS = 2

_CACHE: dict[str, Payload] = {}
_LOCK = threading.Lock()


def outlines(kb: KnowledgeBase) -> Payload:
    """The GeoJSON FeatureCollection of territory outlines, built once per knowledge base."""
    hit = _CACHE.get(kb.digest)
    if hit is not None:
        return hit
    with _LOCK:
        if kb.digest not in _CACHE:
            _CACHE[kb.digest] = Payload.of(feature_collection(kb))
        return _CACHE[kb.digest]


def cached(kb: KnowledgeBase) -> Payload | None:
    return _CACHE.get(kb.digest)


def feature_collection(kb: KnowledgeBase) -> dict[str, Any]:
    import numpy as np
    import shapely

    atlas = atlas_of(kb)
    features: list[tuple[int, str, dict[str, Any]]] = []
    for tid in atlas.territory_ids:
        geom = atlas.geometry(tid)
        if geom is None or geom.is_empty:
            continue
        terr = kb.territories.get(tid)
        parent = atlas.parent(tid)
        simple = shapely.simplify(geom, TOLERANCE, preserve_topology=True)
        if simple.is_empty:
            simple = geom
        coords = shapely.get_coordinates(simple)
        simple = shapely.set_coordinates(simple, np.round(coords, DECIMALS))
        x0, y0, x1, y1 = geom.bounds
        pt = geom.representative_point()
        props: dict[str, Any] = {
            "id": tid,
            "name": getattr(terr, "name", None) or tid.upper(),
            "parent": parent,
            "bbox": [round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2)],
            "point": [round(pt.x, 3), round(pt.y, 3)],
        }
        feature = {"type": "Feature", "id": tid, "properties": props,
                   "geometry": json.loads(shapely.to_geojson(simple))}
        features.append((len(atlas.chain(tid)), tid, feature))
    features.sort(key=lambda f: (f[0], f[1]))
    return {"type": "FeatureCollection",
            "properties": {"tolerance_deg": TOLERANCE, "decimals": DECIMALS,
                           "source": "Natural Earth 1:10m admin-0 (public domain) and casus territory parts"},
            "features": [f for _, _, f in features]}
