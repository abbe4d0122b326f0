"""Nearest points between sets of shapes on the ellipsoid, without comparing every pair.

"Distance from a launch site to a territory" is the geodesic distance to the
territory's nearest point (zero when the site is inside it); from a launch
*state* it is the distance between the nearest points of the two areas, the
worst case. Both are one question: for each group of points on one side and
each group on the other, the smallest geodesic between them.

A shape is its boundary (every ring, including holes, with edges split so that
no step exceeds :data:`STEP_DEG`), because the nearest point of an area seen
from outside lies on its boundary; a point inside counts as distance zero and
is found with shapely. The artificial edges where Natural Earth cuts polygons
at the antimeridian or runs them to the pole lie inside the land, so they can
never be nearer than the true coast and need no special case.

The vertices are grouped into a shallow tree of spherical caps (consecutive
vertices of one shape, :data:`FANOUT` at a time, :data:`DEPTH` levels). Both sides'
trees are walked together: a pair of caps whose lower bound on the geodesic
exceeds the best upper bound for its two groups cannot hold the nearest pair
and is dropped (:func:`casus.reach.geodesic.bounds`: Lambert's formula bounded
over the caps, so the bounds follow the ellipsoid, not a sphere 0.3 % off). The surviving vertex pairs are
measured with Lambert's formula; with ``exact=True`` every pair within
Lambert's error of the best is measured again with Karney, so the answer is
the same as a loop over every vertex pair with pyproj.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from casus.reach import geodesic

#: how many children a cap holds
FANOUT = 8
#: levels of caps above the vertices (8, 64, 512, 4096 vertices)
DEPTH = 4
#: longest step along an edge before it is split (degrees): the sampling of each boundary
STEP_DEG = 0.1
#: per level, the gap (radians) between consecutive children that starts a new cap: rings and polygons of one
#: shape can lie far apart, and a cap must not join them (steps along a ring are at most ~0.0025 rad)
JUMP = (0.02, 0.1, 0.3, 1.0)
#: slack (m) against rounding in the pruning bounds
SLACK_M = 1.0


@dataclass(frozen=True)
class Level:
    """Caps at one level: centre, radius, owning group, and the range of children one level down."""

    centre: np.ndarray   # (n, 3)
    radius: np.ndarray   # (n,)
    group: np.ndarray    # (n,) int
    first: np.ndarray    # (n,) int: first child
    stop: np.ndarray     # (n,) int: one past the last child
    zlo: np.ndarray      # (n,) lowest sin(reduced latitude) in the cap
    zhi: np.ndarray      # (n,) highest


@dataclass(frozen=True, eq=False)
class Shapes:
    """Boundary vertices of named shapes (or bare points), compiled for nearest-point queries."""

    ids: tuple[str, ...]
    geoms: np.ndarray | None   # shapely geometries (object array), None for bare points
    lon: np.ndarray
    lat: np.ndarray
    u: np.ndarray              # (V, 3) auxiliary-sphere unit vectors
    group: np.ndarray          # (V,) int: shape of each vertex
    levels: tuple[Level, ...]  # top first; the last level's children are vertices
    geom_group: np.ndarray | None = None   # group of each geometry, when several geometries form one group

    def __len__(self) -> int:
        return len(self.ids)

    def merged(self, name: str) -> Shapes:
        """All shapes as one group (a launch area made of several pieces): one distance per target, and
        the nearest piece's bound prunes the others."""
        zero = np.zeros(self.lon.size, dtype=np.int64)
        levels = tuple(Level(lv.centre, lv.radius, np.zeros_like(lv.group), lv.first, lv.stop, lv.zlo, lv.zhi)
                       for lv in self.levels)
        gg = None if self.geoms is None else np.zeros(len(self.geoms), dtype=np.int64)
        return Shapes((name,), self.geoms, self.lon, self.lat, self.u, zero, levels, gg)

    def select(self, which: Sequence[int]) -> Shapes:
        """A new Shapes holding only the given shapes, in that order."""
        which = list(which)
        if self.geoms is None:
            idx = np.asarray(which, dtype=np.int64)
            return from_points([self.ids[i] for i in which], self.lon[idx], self.lat[idx])
        return from_geometries([self.ids[i] for i in which], list(self.geoms[which]))


@dataclass(frozen=True)
class Nearest:
    """Distances (m) between every group on one side and every group on the other, with the
    vertex index on each side that attains it (-1 where a point lies inside: distance 0)."""

    distance: np.ndarray   # (S, D)
    src_vertex: np.ndarray  # (S, D) int
    dst_vertex: np.ndarray  # (S, D) int


# --------------------------------------------------------------------------- building

def from_points(ids: Sequence[str], lon: Any, lat: Any) -> Shapes:
    lon = np.asarray(lon, dtype=float).ravel()
    lat = np.asarray(lat, dtype=float).ravel()
    group = np.arange(lon.size)
    return _build(tuple(ids), None, lon, lat, group, lon.size)


def from_geometries(ids: Sequence[str], geoms: Sequence[Any], step_deg: float = STEP_DEG) -> Shapes:
    """Compile shapely geometries (lon/lat degrees): every ring's vertices, densified."""
    import shapely

    arr = np.empty(len(geoms), dtype=object)
    arr[:] = list(geoms)
    if len(arr) and shapely.is_empty(arr).any():
        bad = [ids[int(i)] for i in np.flatnonzero(shapely.is_empty(arr))]
        from casus.errors import GeoError

        raise GeoError(f"empty geometry for {', '.join(bad)}: no nearest point can be measured")
    dense = shapely.segmentize(arr, step_deg) if len(arr) else arr
    xy, group = shapely.get_coordinates(dense, return_index=True)
    return _build(tuple(ids), arr, xy[:, 0].copy(), xy[:, 1].copy(), group.astype(np.int64), len(arr))


def _build(ids: tuple[str, ...], geoms: np.ndarray | None, lon: np.ndarray, lat: np.ndarray,
           group: np.ndarray, n_groups: int) -> Shapes:
    u = geodesic.unit_vectors(lon, lat)
    levels: list[Level] = []
    # child units at the current level: (group, first vertex, stop vertex, centre)
    c_group = group
    c_first = np.arange(lon.size)
    c_stop = c_first + 1
    c_centre = u
    for level in range(DEPTH):
        # start a new cap every FANOUT children, wherever the group changes, and wherever consecutive
        # children lie far apart (the next ring or polygon of a shape: Norway's Bouvet Island), so that
        # no cap spans half the globe and defeats the pruning
        n = c_group.size
        if n == 0:
            empty = np.zeros(0, np.int64)
            levels.append(Level(np.zeros((0, 3)), np.zeros(0), empty, empty, empty, np.zeros(0), np.zeros(0)))
            continue
        new_group = np.ones(n, dtype=bool)
        new_group[1:] = (c_group[1:] != c_group[:-1]) | (geodesic.angle(c_centre[1:], c_centre[:-1]) > JUMP[level])
        run_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
        starts = np.flatnonzero(new_group | ((np.arange(n) - run_start) % FANOUT == 0))
        stops = np.append(starts[1:], n)
        v_first = c_first[starts]
        v_stop = c_stop[stops - 1]
        centre, radius = _caps(u, v_first, v_stop)
        zlo, zhi = geodesic.z_range(centre[:, 2], radius)
        levels.append(Level(centre, radius, c_group[starts], starts, stops, zlo, zhi))
        c_group, c_first, c_stop, c_centre = c_group[starts], v_first, v_stop, centre
    return Shapes(ids, geoms, lon, lat, u, group, tuple(reversed(levels)))


def _caps(u: np.ndarray, first: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre and angular radius of the cap around each contiguous vertex range."""
    sums = np.add.reduceat(u, first, axis=0)
    norm = np.linalg.norm(sums, axis=1, keepdims=True)
    # a range whose vectors cancel (a ring around the pole): any centre with radius pi is safe
    degenerate = norm[:, 0] < 1e-12
    safe = np.where(degenerate, 1.0, norm[:, 0])[:, None]
    centre = np.where(degenerate[:, None], np.array([0.0, 0.0, 1.0]), sums / safe)
    owner = np.repeat(np.arange(first.size), stop - first)
    ang = geodesic.angle(u, centre[owner])
    radius = np.maximum.reduceat(ang, first) if u.shape[0] else np.zeros(0)
    radius = np.where(degenerate, np.pi, radius)
    return centre, radius


# --------------------------------------------------------------------------- querying

def nearest(src: Shapes, dst: Shapes, *, exact: bool = True) -> Nearest:
    """Smallest geodesic (m) between every src group and every dst group.

    Zero where a src shape or point intersects a dst shape (inside, or touching).
    Many source points are split over threads (numpy and pyproj release the GIL).
    """
    k = min(geodesic.workers(), len(src) // 4)
    if src.geoms is not None or k < 2:
        return _nearest(src, dst, exact)
    parts = np.array_split(np.arange(len(src)), k)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(k) as pool:
        done = list(pool.map(lambda idx: _nearest(src.select(idx), dst, exact), parts))
    offsets = np.cumsum([0] + [p.size for p in parts[:-1]])
    sv = np.concatenate([np.where(r.src_vertex >= 0, r.src_vertex + o, -1) for r, o in zip(done, offsets, strict=True)])
    return Nearest(np.concatenate([r.distance for r in done]), sv, np.concatenate([r.dst_vertex for r in done]))


def _nearest(src: Shapes, dst: Shapes, exact: bool) -> Nearest:
    S, D = len(src), len(dst)
    dist = np.full((S, D), np.inf)
    sv = np.full((S, D), -1, dtype=np.int64)
    dv = np.full((S, D), -1, dtype=np.int64)
    if S == 0 or D == 0:
        return Nearest(dist, sv, dv)
    inside = _intersecting(src, dst)

    top_s, top_d = src.levels[0], dst.levels[0]
    ps = np.repeat(np.arange(top_s.group.size), top_d.group.size)
    pd = np.tile(np.arange(top_d.group.size), top_s.group.size)
    if inside.any():  # no need to search group pairs that are already at zero
        keep = ~inside[top_s.group[ps], top_d.group[pd]]
        ps, pd = ps[keep], pd[keep]
    for depth in range(DEPTH):
        ls, ld = src.levels[depth], dst.levels[depth]
        theta = geodesic.angle(ls.centre[ps], ld.centre[pd])
        reach = ls.radius[ps] + ld.radius[pd]
        key = ls.group[ps] * D + ld.group[pd]
        # first the plain band (cheap), then Lambert's bounds on what survives it
        upper = geodesic.A * np.minimum(theta + reach, np.pi) * (1 + 1e-6)
        best = np.full(S * D, np.inf)
        np.minimum.at(best, key, upper)
        keep = geodesic.A * (1 - geodesic.F) * (theta - reach) * (1 - 1e-6) <= best[key] + SLACK_M
        ps, pd, key, theta, reach = ps[keep], pd[keep], key[keep], theta[keep], reach[keep]
        lower, upper = geodesic.bounds(theta, reach, (ls.zlo[ps], ls.zhi[ps]), (ld.zlo[pd], ld.zhi[pd]))
        best = np.full(S * D, np.inf)
        np.minimum.at(best, key, upper)
        keep = lower <= best[key] + SLACK_M
        ps, pd = _children(ls, ld, ps[keep], pd[keep])

    # vertex pairs: measure
    d, sigma = geodesic.lambert(src.u[ps], dst.u[pd])
    far = sigma > geodesic.LAMBERT_MAX_SIGMA
    if far.any():
        d[far] = geodesic.karney(src.lon[ps[far]], src.lat[ps[far]], dst.lon[pd[far]], dst.lat[pd[far]])
    key = src.group[ps] * D + dst.group[pd]
    best = np.full(S * D, np.inf)
    np.minimum.at(best, key, d)
    if exact:
        close = d <= best[key] * (1 + 2 * geodesic.LAMBERT_MAX_REL_ERROR) + SLACK_M
        ps, pd, key = ps[close], pd[close], key[close]
        d = geodesic.karney(src.lon[ps], src.lat[ps], dst.lon[pd], dst.lat[pd])
        best = np.full(S * D, np.inf)
        np.minimum.at(best, key, d)
    hit = np.flatnonzero(d == best[key])
    k, first = np.unique(key[hit], return_index=True)
    dist.flat[k] = best[k]
    sv.flat[k] = ps[hit[first]]
    dv.flat[k] = pd[hit[first]]
    dist[inside] = 0.0
    sv[inside] = -1
    dv[inside] = -1
    return Nearest(dist, sv, dv)


def point_bounds(src: Shapes, lon: np.ndarray, lat: np.ndarray, level: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (m) on the distance from all of ``src`` (one area) to each point, from the caps
    of one level: cheap, and enough to decide most "within range?" questions without exact distances.
    A point inside the area gets (0, 0)."""
    import shapely

    lv = src.levels[min(level, len(src.levels) - 1)]
    u = geodesic.unit_vectors(lon, lat)
    # the plain ellipsoid band (a handful of operations a pair): the caps' radii dominate the slack anyway
    cos_t = np.clip(lv.centre @ u.T, -1.0, 1.0)                      # (caps, points)
    theta = np.arccos(cos_t)
    r = lv.radius[:, None]
    lower = (geodesic.A * (1 - geodesic.F) * (1 - 1e-6) * np.maximum(theta - r - 1e-7, 0.0)).min(axis=0)
    upper = (geodesic.A * (1 + 1e-6) * np.minimum(theta + r + 1e-7, np.pi)).min(axis=0)
    if src.geoms is not None:
        tree = shapely.STRtree(src.geoms)
        hit, _ = tree.query(shapely.points(lon, lat), predicate="intersects")
        lower[hit] = 0.0
        upper[hit] = 0.0
    return lower, upper


def _children(ls: Level, ld: Level, ps: np.ndarray, pd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Expand cap pairs into all pairs of their children (vectorised Cartesian product)."""
    ns = ls.stop[ps] - ls.first[ps]
    nd = ld.stop[pd] - ld.first[pd]
    count = ns * nd
    total = int(count.sum())
    owner = np.repeat(np.arange(ps.size), count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    nd_o = nd[owner]
    return ls.first[ps][owner] + offset // nd_o, ld.first[pd][owner] + offset % nd_o


def _intersecting(src: Shapes, dst: Shapes) -> np.ndarray:
    """(S, D) bool: the src point or shape lies in or touches the dst shape."""
    import shapely

    out = np.zeros((len(src), len(dst)), dtype=bool)
    if dst.geoms is None:
        if src.geoms is None:
            return out
        tree = shapely.STRtree(src.geoms)
        d_idx, s_idx = tree.query(shapely.points(dst.lon, dst.lat), predicate="intersects")
    else:
        tree = shapely.STRtree(dst.geoms)
        q = shapely.points(src.lon, src.lat) if src.geoms is None else src.geoms
        s_idx, d_idx = tree.query(q, predicate="intersects")
        if dst.geom_group is not None:
            d_idx = dst.geom_group[d_idx]
    if src.geoms is not None and src.geom_group is not None:
        s_idx = src.geom_group[s_idx]
    out[s_idx, d_idx] = True
    return out
