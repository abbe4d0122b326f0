"""Range rings: the set of points within a geodesic distance of a launch point, as map geometry.

A ring is traced with ``Geod.fwd`` (exact geodesics on WGS84) at fine steps of
azimuth, then turned into polygons in a longitude/latitude map whose central
meridian may be anything (the launch site's, or Greenwich for GeoJSON):

* Longitudes are unwrapped along the ring, so that a ring crossing the map's
  edge (the antimeridian of the central meridian) stays one continuous curve.
* If the curve winds once around the map (its unwrapped longitude gains 360°),
  it encloses exactly one pole; the polygon is closed along that pole's edge.
  If it does not wind, the cap is either the curve's inside or, when both
  poles are within range, everything outside it.
* The polygon is then cut into the map window ``[-180, 180]`` (copies shifted
  by ±360° fill the other side), which is also the antimeridian cut that
  RFC 7946 asks of GeoJSON.

Which pole is inside is decided by distance (the pole is within range), not by
the shape of the curve, so the answer is right for any radius.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from casus.reach import geodesic

#: azimuth steps around a ring (0.25°): ~25 km between points at 13,000 km
STEPS = 1440


def points(lon: float, lat: float, radius_m: float, steps: int = STEPS) -> tuple[np.ndarray, np.ndarray]:
    """The ring as (lon, lat) arrays, closed (last point = first)."""
    az = np.linspace(0.0, 360.0, steps + 1)
    r = min(float(radius_m), geodesic.HALF_CIRCUMFERENCE_M)
    lo, la, _ = geodesic.geod().fwd(np.full(az.size, lon), np.full(az.size, lat), az, np.full(az.size, r))
    lo, la = np.asarray(lo, dtype=float), np.asarray(la, dtype=float)
    lo[-1], la[-1] = lo[0], la[0]
    return lo, la


def poles_inside(lon: float, lat: float, radius_m: float) -> tuple[bool, bool]:
    """(north, south): whether each pole lies within the radius."""
    d = geodesic.karney(np.array([lon, lon]), np.array([lat, lat]), np.array([0.0, 0.0]), np.array([90.0, -90.0]))
    return bool(d[0] < radius_m), bool(d[1] < radius_m)


def wrap(x: Any) -> Any:
    """Longitudes into [-180, 180)."""
    return (np.asarray(x, dtype=float) + 180.0) % 360.0 - 180.0


def cap(lon: float, lat: float, radius_m: float, central_lon: float = 0.0, steps: int = STEPS) -> Any:
    """The area within ``radius_m`` of (lon, lat) as a shapely geometry in map coordinates
    ``(lon - central_lon, lat)``, cut to the window x in [-180, 180]."""
    import shapely
    from shapely.geometry import Polygon, box

    window = box(-180.0, -90.0, 180.0, 90.0)
    if radius_m >= geodesic.HALF_CIRCUMFERENCE_M:
        return window
    if radius_m <= 0:
        return Polygon()
    lo, la = points(lon, lat, radius_m, steps)
    x = np.unwrap(wrap(lo - central_lon), period=360.0)
    winding = x[-1] - x[0]
    north, south = poles_inside(lon, lat, radius_m)
    if abs(winding) > 180.0:
        pole = 90.0 if north or not south else -90.0
        ring = [*zip(x, la, strict=True), (x[-1], pole), (x[0], pole)]
        shape = shapely.make_valid(Polygon(ring))
        return _into_window(shape, window, shifts=(-720, -360, 0, 360, 720))
    inner = _into_window(shapely.make_valid(Polygon(zip(x, la, strict=True))), window, shifts=(-360, 0, 360))
    if north and south:
        return polygons(window.difference(inner))
    return inner


def _into_window(shape: Any, window: Any, shifts: tuple[int, ...]) -> Any:
    import shapely
    from shapely import affinity

    pieces = [affinity.translate(shape, xoff=s).intersection(window) for s in shifts]
    return polygons(shapely.union_all([p for p in pieces if not p.is_empty]))


def polygons(geom: Any) -> Any:
    """Only the areal parts of a geometry (clipping can leave stray lines and points), valid."""
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    geom = shapely.make_valid(geom)
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    flat: list[Any] = []
    for p in parts:
        flat.extend(p.geoms if p.geom_type == "MultiPolygon" else [p])
    if not flat:
        return Polygon()
    return flat[0] if len(flat) == 1 else MultiPolygon(flat)


def lines(lon: float, lat: float, radius_m: float, central_lon: float = 0.0,
          steps: int = STEPS) -> list[tuple[np.ndarray, np.ndarray]]:
    """The ring's outline in map coordinates, split where it leaves one edge of the map and
    re-enters at the other (so no line is drawn across the whole map)."""
    if radius_m <= 0 or radius_m >= geodesic.HALF_CIRCUMFERENCE_M:
        return []
    lo, la = points(lon, lat, radius_m, steps)
    x = wrap(lo - central_lon)
    jumps = np.flatnonzero(np.abs(np.diff(x)) > 180.0) + 1
    xs_parts, ys_parts = np.split(x, jumps), np.split(la, jumps)
    if len(xs_parts) > 1:  # the ring is closed: its last piece continues into its first
        xs_parts[0] = np.concatenate([xs_parts.pop(), xs_parts[0]])
        ys_parts[0] = np.concatenate([ys_parts.pop(), ys_parts[0]])
    return [(xs, ys) for xs, ys in zip(xs_parts, ys_parts, strict=True) if xs.size >= 2]


def envelope(lon: Any, lat: Any, radius_m: float, central_lon: float = 0.0, samples: int = 60) -> Any:
    """The area within ``radius_m`` of a set of points (a state's outline), as the union of caps around up to
    ``samples`` of them, in map coordinates.

    A sketch for drawing a launch from anywhere in a state: between sample points the true envelope bulges
    a little further. Distances in an answer are measured from the whole outline, never from these samples.
    """
    import shapely

    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if lon.size == 0:
        return None
    take = np.linspace(0, lon.size - 1, min(samples, lon.size)).astype(int)
    caps = [cap(float(lon[i]), float(lat[i]), radius_m, central_lon, steps=360) for i in take]
    return polygons(shapely.union_all(caps))
