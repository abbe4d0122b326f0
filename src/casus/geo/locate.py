"""Vectorised point lookup: which territory's land or territorial sea holds each point.

Three steps, each touching only the points that need it:

1. the grid: a point in a cell wholly covered by one piece of land is on it;
2. exact tests: points in coastal or border cells are tested against the
   pieces that cross their cell (prepared polygons, ``shapely.contains_xy``);
3. the 12 nautical mile rule: for points still at sea, the nearest coastline
   segment among those registered near the cell is found in a local
   equirectangular frame (scaled by the cosine of the point's latitude), and
   the distance to that nearest point is then measured on the WGS84 ellipsoid
   with ``pyproj.Geod``. The estimate only chooses the segment and skips points
   that are clearly far; the verdict uses the geodesic distance.

Between two coasts less than 24 nm apart the nearer land wins (the median line
of UNCLOS Art. 15).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import CoordinateError
from casus.geo import grid
from casus.kb.geography import TERRITORIAL_SEA_KM

if TYPE_CHECKING:
    from casus.geo.atlas import Atlas, Hits

KM_PER_DEG_LAT = 110.574      # lower bound, used to skip points that are clearly beyond 12 nm
PAIR_CHUNK = 2_000_000        # point-segment pairs handled at once (bounds memory)
_GEOD: Any = None


def _geod() -> Any:
    global _GEOD
    if _GEOD is None:
        from pyproj import Geod

        _GEOD = Geod(ellps="WGS84")
    return _GEOD


def coordinates(lats: Any, lons: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validated float arrays, longitudes folded into [-180, 180); CoordinateError names the first bad one."""
    try:
        lat = np.asarray(lats, dtype=float).ravel()
        lon = np.asarray(lons, dtype=float).ravel()
    except (TypeError, ValueError, OverflowError) as exc:
        raise CoordinateError(f"coordinates must be numbers: {exc}", field="lat/lon",
                              accepted="latitude -90..90 and longitude -180..180, in degrees") from exc
    if lat.shape != lon.shape:
        raise CoordinateError(f"{lat.size} latitudes but {lon.size} longitudes", field="lat/lon",
                              accepted="as many longitudes as latitudes")
    bad = ~np.isfinite(lat) | ~np.isfinite(lon) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise CoordinateError(f"point {i}: latitude {lat[i]!r}, longitude {lon[i]!r} is not a place on Earth",
                              field="lat/lon", accepted="latitude -90..90 and longitude -180..180, in degrees")
    lon = np.where(lon >= 180.0, lon - 360.0, lon)
    return lat, lon


def locate(atlas: Atlas, lats: Any, lons: Any) -> Hits:
    from casus.geo.atlas import HIGH_SEAS, LAND, TERRITORIAL_SEA, Hits

    lat, lon = coordinates(lats, lons)
    n = lat.size
    a = atlas.arrays
    cells = grid.cells_of(lat, lon)
    piece = a["cell_full"][cells].astype(np.int64)
    # 2. exact tests in coastal and border cells
    todo = np.flatnonzero(piece < 0)
    if len(todo):
        ptr = a["cell_pieces_ptr"]
        start = ptr[cells[todo]].astype(np.int64)
        count = ptr[cells[todo] + 1].astype(np.int64) - start
        has = count > 0
        todo, start, count = todo[has], start[has], count[has]
        pt = np.repeat(todo, count)
        cand = a["cell_pieces"][grid.ragged(start, count)].astype(np.int64)
        import shapely  # only now: a point inland or far out at sea needs no polygon

        for k, grp_pt in _by_candidate(pt, cand):
            g = atlas._ready("piece", k, len(grp_pt))
            inside = shapely.intersects_xy(g, lon[grp_pt], lat[grp_pt])
            piece[grp_pt[inside]] = k
    setting = np.full(n, HIGH_SEAS, np.int8)
    on_land = piece >= 0
    setting[on_land] = LAND
    dist = np.full(n, np.nan)
    dist[on_land] = 0.0
    # 3. the territorial sea
    sea = np.flatnonzero(~on_land)
    if len(sea):
        near_piece, near_km = _nearest(a, lat, lon, cells, sea)
        ok = near_piece >= 0
        piece[sea[ok]] = near_piece[ok]
        setting[sea[ok]] = TERRITORIAL_SEA
        dist[sea[ok]] = near_km[ok]
        # within a metre of the edge is on it (rounding at the poles and along the antimeridian)
        edge = sea[ok & (near_km < 0.001)]
        setting[edge] = LAND
        dist[edge] = 0.0
    terr = np.full(n, -1, np.int64)
    terr[piece >= 0] = a["piece_territory"][piece[piece >= 0]]
    country = np.full(n, -1, np.int64)
    country[terr >= 0] = a["root"][terr[terr >= 0]]
    regions = _regions(atlas, lat, lon, cells)
    maritime = atlas.region_maritime
    if maritime.any() and on_land.any():
        # a sea area is water: land inside its coarse outline is not in it (territorial seas are)
        land_rows = np.flatnonzero(setting == LAND)
        regions[np.ix_(land_rows, np.flatnonzero(maritime))] = False
    return Hits(terr, country, setting, dist, regions)


def _nearest(a: dict[str, np.ndarray], lat: np.ndarray, lon: np.ndarray, cells: np.ndarray,
             sea: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For the sea points ``sea``: the piece whose land is nearest within 12 nm (-1 if none), and the
    geodesic distance to it in km."""
    out_piece = np.full(len(sea), -1, np.int64)
    out_km = np.full(len(sea), np.nan)
    ptr = a["cell_segs_ptr"]
    start = ptr[cells[sea]].astype(np.int64)
    count = ptr[cells[sea] + 1].astype(np.int64) - start
    which = np.flatnonzero(count > 0)
    if not len(which):
        return out_piece, out_km
    seg = a["seg"]
    seg_piece = a["seg_piece"]
    csum = np.cumsum(count[which])
    # chunks of whole points, each with at most PAIR_CHUNK pairs (a point with more gets its own chunk)
    cuts = [0]
    while cuts[-1] < len(which):
        base = csum[cuts[-1] - 1] if cuts[-1] else 0
        nxt = int(np.searchsorted(csum, base + PAIR_CHUNK, side="right"))
        cuts.append(max(nxt, cuts[-1] + 1))
    for c0, c1 in itertools.pairwise(cuts):
        w = which[c0:c1]
        s0, cn = start[w], count[w]
        p = sea[w]
        rep = np.repeat(np.arange(len(w)), cn)
        sid = a["cell_segs"][grid.ragged(s0, cn)].astype(np.int64)
        plat = lat[p][rep]
        plon = lon[p][rep]
        k = np.cos(np.radians(plat))
        s = seg[sid]
        ax = ((s[:, 0] - plon + 180.0) % 360.0 - 180.0) * k
        ay = s[:, 1] - plat
        dx = ((s[:, 2] - s[:, 0] + 180.0) % 360.0 - 180.0) * k
        dy = s[:, 3] - s[:, 1]
        l2 = dx * dx + dy * dy
        t = np.clip(-(ax * dx + ay * dy) / np.where(l2 > 0, l2, 1.0), 0.0, 1.0)
        qx = ax + t * dx
        qy = ay + t * dy
        d2 = qx * qx + qy * qy
        starts = np.cumsum(cn) - cn
        best = _group_argmin(d2, starts, cn)
        est_km = np.sqrt(d2[best]) * KM_PER_DEG_LAT
        close = est_km <= TERRITORIAL_SEA_KM * 1.01 + 0.05
        if not close.any():
            continue
        b = best[close]
        sb = s[b]
        tb = t[b]
        qlon = sb[:, 0] + tb * ((sb[:, 2] - sb[:, 0] + 180.0) % 360.0 - 180.0)
        qlon = (qlon + 180.0) % 360.0 - 180.0
        qlat = sb[:, 1] + tb * (sb[:, 3] - sb[:, 1])
        pc = p[close]
        _, _, metres = _geod().inv(lon[pc], lat[pc], qlon, qlat)
        km = np.asarray(metres, dtype=float) / 1000.0
        within = km <= TERRITORIAL_SEA_KM
        idx = w[close][within]
        out_piece[idx] = seg_piece[sid[b[within]]]
        out_km[idx] = km[within]
    return out_piece, out_km


def _group_argmin(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Index (into ``values``) of the minimum of each contiguous group."""
    mins = np.minimum.reduceat(values, starts)
    grp = np.repeat(np.arange(len(starts)), counts)
    hit = np.flatnonzero(values == mins[grp])
    first = np.unique(grp[hit], return_index=True)[1]
    return hit[first]


def regions_of(atlas: Atlas, lats: Any, lons: Any) -> np.ndarray:
    """(n, R) booleans: point i lies inside region r's outline (a point on a region's edge is in it).

    Outlines only: maritime regions are not cut to water here (:func:`locate` does that), so that
    a territory's label point tells which sea area the territory lies in."""
    lat, lon = coordinates(lats, lons)
    return _regions(atlas, lat, lon, grid.cells_of(lat, lon))


def _regions(atlas: Atlas, lat: np.ndarray, lon: np.ndarray, cells: np.ndarray) -> np.ndarray:
    a = atlas.arrays
    R = len(atlas.region_ids)
    if R == 0:
        return np.zeros((lat.size, 0), bool)
    out = np.unpackbits(a["reg_full"][cells], axis=1, count=R, bitorder="little").astype(bool)
    ptr = a["cell_regions_ptr"]
    start = ptr[cells].astype(np.int64)
    count = ptr[cells + 1].astype(np.int64) - start
    todo = np.flatnonzero(count > 0)
    if len(todo):
        import shapely

        pt = np.repeat(todo, count[todo])
        reg = a["cell_regions"][grid.ragged(start[todo], count[todo])].astype(np.int64)
        for r, sel in _by_candidate(pt, reg):
            g = atlas._ready("region", r, len(sel))
            out[sel, r] = shapely.intersects_xy(g, lon[sel], lat[sel])
    return out


def _by_candidate(points: np.ndarray, candidates: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Group (point, candidate geometry) pairs by geometry, so each geometry is tested once on all its points."""
    order = np.argsort(candidates, kind="stable")
    points, candidates = points[order], candidates[order]
    uniq, first = np.unique(candidates, return_index=True)
    ends = np.append(first[1:], len(candidates))[: len(uniq)]  # empty when there are no pairs
    for k, i0, i1 in zip(uniq, first, ends, strict=True):
        yield int(k), points[i0:i1]
