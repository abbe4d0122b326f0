"""Region geometry: a region's own polygons, plus the regions in its ``union``, less those in ``minus``.

Polygons are wrapped at the antimeridian (see :mod:`casus.geo.shapes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casus.errors import GeoError
from casus.geo import shapes
from casus.kb.geography import Region


def build_regions(regions: Mapping[str, Region]) -> dict[str, Any]:
    """Region id -> shapely (Multi)Polygon in [-180, 180]."""
    import shapely

    done: dict[str, Any] = {}

    def build(rid: str, stack: tuple[str, ...]) -> Any:
        if rid in done:
            return done[rid]
        if rid in stack:
            raise GeoError(f"region {rid}: union/minus cycle {' -> '.join((*stack, rid))}")
        if rid not in regions:
            raise GeoError(f"region {stack[-1] if stack else rid}: unknown region {rid!r}")
        r = regions[rid]
        parts = [shapes.ring(ring) for ring in r.polygons]
        parts += [build(u, (*stack, rid)) for u in r.union]
        g = shapes.union(parts)
        if r.minus:
            cut = shapes.union(build(m, (*stack, rid)) for m in r.minus)
            g = shapes.union([shapely.difference(g, cut)])
        done[rid] = g
        return g

    for rid in sorted(regions):
        build(rid, ())
    return {rid: done[rid] for rid in sorted(regions)}
