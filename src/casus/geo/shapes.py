"""Small geometry helpers on longitude/latitude degrees: wrapping, discs, boxes, areas.

Knowledge-base polygons may run past 180° of longitude so that an editor can
draw one ring across the antimeridian (the Pacific, the Aleutians); everything
compiled lives in [-180, 180], so such rings are cut at the antimeridian and
the far side shifted by 360°.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from casus.geo.ne import polygonal

WORLD = (-180.0, -90.0, 180.0, 90.0)
KM_PER_DEG = 111.319_490_793  # equatorial degree of the WGS84 ellipsoid (π a / 180), for estimates only


def wrap(geom: Any) -> Any:
    """The geometry cut at ±180° and folded into [-180, 180] (polygonal result)."""
    import shapely

    if geom.is_empty:
        return shapely.MultiPolygon()
    x0, _, x1, _ = geom.bounds
    if x0 >= -180.0 and x1 <= 180.0:
        return polygonal(geom)
    pieces = []
    for shift in range(-2, 3):
        lo, hi = -180.0 + 360.0 * shift, 180.0 + 360.0 * shift
        if x1 < lo or x0 > hi:
            continue
        part = shapely.clip_by_rect(geom, lo, -90.0, hi, 90.0)
        if part.is_empty:
            continue
        pieces.append(shapely.transform(part, lambda c, s=shift: c - np.array([360.0 * s, 0.0])))
    return polygonal(shapely.union_all(pieces))


def ring(points: Sequence[tuple[float, float]]) -> Any:
    """A knowledge-base ring ([lon, lat] pairs, lon possibly past 180) as a wrapped polygon."""
    import shapely

    poly = shapely.Polygon(points)
    if not poly.is_valid:
        poly = shapely.make_valid(poly)
    return wrap(poly)


def boxes(bbox: tuple[float, float, float, float]) -> list[Any]:
    """A bbox (max lon may exceed 180, min lon may be below -180) as boxes inside [-180, 180]."""
    import shapely

    x0, y0, x1, y1 = bbox
    out = []
    for shift in (-360.0, 0.0, 360.0):
        a, b = max(x0 + shift, -180.0), min(x1 + shift, 180.0)
        if a < b:
            out.append(shapely.box(a, y0, b, y1))
    return out


def disc(lon: float, lat: float, radius_km: float, n: int = 72) -> Any:
    """The geodesic disc of ``radius_km`` around a point, as a polygon (wrapped at the antimeridian)."""
    import shapely
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    az = np.linspace(0.0, 360.0, n, endpoint=False)
    lons, lats, _ = geod.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_km * 1000.0))
    lons = np.asarray(lons)
    lons = lon + (lons - lon + 180.0) % 360.0 - 180.0  # unwrap around the centre
    return wrap(shapely.Polygon(np.column_stack([lons, lats])))


def area_km2(geom: Any) -> float:
    """Approximate area (degrees² scaled by the cosine of each polygon's latitude): for ordering only."""
    import shapely

    parts = shapely.get_parts(geom)
    if not len(parts):
        return 0.0
    areas = shapely.area(parts)
    lat = shapely.get_y(shapely.centroid(parts))
    return float(np.sum(areas * np.cos(np.radians(lat))) * KM_PER_DEG**2)


def largest_polygon(geom: Any) -> Any:
    import shapely

    parts = shapely.get_parts(geom)
    return parts[int(np.argmax(shapely.area(parts)))]


def representative(geom: Any) -> tuple[float, float]:
    """(lat, lon) of a point surely inside the largest polygon."""
    p = largest_polygon(geom).point_on_surface()
    return (float(p.y), float(p.x))


def union(geoms: Iterable[Any]) -> Any:
    import shapely

    return polygonal(shapely.union_all(list(geoms)))


def cos_lat(lat: float) -> float:
    return max(math.cos(math.radians(min(abs(lat), 90.0))), 0.0)
