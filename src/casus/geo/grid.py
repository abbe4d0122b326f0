"""A global grid of 0.25° cells that answers most point lookups without touching a polygon.

Each cell records which pieces of land (and which regions) cover it entirely,
which only cross it, and which coastline segments lie within 12 nautical miles
of it. A point in a cell covered by one piece is on that piece's land; a point
in a cell with no land and no segment near it is on the high seas; only the
rest (cells on a coast or a border) need an exact test. A tree on the few
hundred country polygons queried by a million points is some fifty times
slower than this (see ``benchmarks/bench_where.py``).

Cells are classified by a quadtree from 4° blocks down: a block that the
geometry's boundary does not cross is wholly inside or wholly outside, decided
by one point; only crossed blocks are split.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from casus.kb.geography import TERRITORIAL_SEA_KM

RES = 0.25                    # cell size, degrees
NX, NY = 1440, 720            # columns (longitude), rows (latitude)
NCELL = NX * NY
TOP = 16                      # a top block is TOP x TOP cells (4°)
MAX_SEG_DEG = 0.25            # longer boundary segments are split so a segment spans few cells

# Margins that surely contain every point within 12 nm of a segment. A degree of latitude is at
# least 110.574 km (WGS84 meridian at the equator); a degree of longitude is at least
# 111.3195 km x cos(lat). One per cent and a hundredth of a degree spare.
MARGIN_LAT = TERRITORIAL_SEA_KM / 110.574 * 1.01 + 0.01
MARGIN_LON0 = TERRITORIAL_SEA_KM / 111.3195 * 1.01 + 0.01


def cells_of(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Cell index of each point (lon already in [-180, 180))."""
    ix = np.clip(np.floor((lons + 180.0) / RES).astype(np.int64), 0, NX - 1)
    iy = np.clip(np.floor((lats + 90.0) / RES).astype(np.int64), 0, NY - 1)
    return iy * NX + ix


def classify(geom: Any) -> tuple[np.ndarray, np.ndarray]:
    """Cells wholly inside ``geom`` and cells its boundary crosses (sorted cell indices)."""
    import shapely

    if geom.is_empty:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    edge = shapely.boundary(geom)
    shapely.prepare(edge)
    shapely.prepare(geom)
    x0, y0, x1, y1 = geom.bounds
    bx0 = int(np.clip((x0 + 180.0) // (RES * TOP), 0, NX // TOP - 1))
    bx1 = int(np.clip((x1 + 180.0) // (RES * TOP), 0, NX // TOP - 1))
    by0 = int(np.clip((y0 + 90.0) // (RES * TOP), 0, NY // TOP - 1))
    by1 = int(np.clip((y1 + 90.0) // (RES * TOP), 0, NY // TOP - 1))
    gx, gy = np.meshgrid(np.arange(bx0, bx1 + 1), np.arange(by0, by1 + 1))
    ix = gx.ravel().astype(np.int64) * TOP
    iy = gy.ravel().astype(np.int64) * TOP
    size = TOP
    full: list[np.ndarray] = []
    crossed: list[np.ndarray] = []
    while len(ix):
        xmin = -180.0 + ix * RES
        ymin = -90.0 + iy * RES
        span = size * RES
        boxes = shapely.box(xmin, ymin, xmin + span, ymin + span)
        cross = shapely.intersects(edge, boxes)
        inside = ~cross & shapely.contains_xy(geom, xmin + span / 2, ymin + span / 2)
        if inside.any():
            full.append(_expand(ix[inside], iy[inside], size))
        if size == 1:
            crossed.append(iy[cross] * NX + ix[cross])
            break
        h = size // 2
        cx, cy = ix[cross], iy[cross]
        ix = np.concatenate([cx, cx + h, cx, cx + h])
        iy = np.concatenate([cy, cy, cy + h, cy + h])
        size = h
    f = np.unique(np.concatenate(full)) if full else np.zeros(0, np.int64)
    c = np.unique(np.concatenate(crossed)) if crossed else np.zeros(0, np.int64)
    return f, c


def _expand(ix: np.ndarray, iy: np.ndarray, size: int) -> np.ndarray:
    """All leaf cells of blocks of ``size`` cells at (ix, iy)."""
    d = np.arange(size)
    ddx, ddy = np.meshgrid(d, d)
    cx = (ix[:, None] + ddx.ravel()[None, :]).ravel()
    cy = (iy[:, None] + ddy.ravel()[None, :]).ravel()
    return cy * NX + cx


def csr(cells: np.ndarray, values: np.ndarray, dtype: Any = np.int32) -> tuple[np.ndarray, np.ndarray]:
    """(ptr, values) with the values of cell c at values[ptr[c]:ptr[c+1]]."""
    order = np.argsort(cells, kind="stable")
    counts = np.bincount(cells, minlength=NCELL)
    ptr = np.zeros(NCELL + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    ptr_dtype = np.int32 if ptr[-1] < 2**31 else np.int64
    return ptr.astype(ptr_dtype), values[order].astype(dtype)


def segments(pieces: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Boundary segments of the pieces: an (S, 4) array of lon0, lat0, lon1, lat1 and each one's piece."""
    import shapely

    segs: list[np.ndarray] = []
    owner: list[np.ndarray] = []
    for k, g in enumerate(pieces):
        if g is None or g.is_empty:
            continue
        rings = shapely.get_rings(shapely.get_parts(g))
        coords, idx = shapely.get_coordinates(rings, return_index=True)
        same = idx[1:] == idx[:-1]
        s = np.column_stack([coords[:-1][same], coords[1:][same]])
        s = _split_long(s)
        segs.append(s)
        owner.append(np.full(len(s), k, dtype=np.int32))
    if not segs:
        return np.zeros((0, 4)), np.zeros(0, np.int32)
    return np.concatenate(segs), np.concatenate(owner)


def _split_long(s: np.ndarray) -> np.ndarray:
    length = np.hypot(s[:, 2] - s[:, 0], s[:, 3] - s[:, 1])
    n = np.maximum(1, np.ceil(length / MAX_SEG_DEG).astype(np.int64))
    if (n == 1).all():
        return s
    rep = np.repeat(np.arange(len(s)), n)
    k = np.arange(len(rep)) - np.repeat(np.cumsum(n) - n, n)
    t0 = k / n[rep]
    t1 = (k + 1) / n[rep]
    a, b = s[rep, :2], s[rep, 2:]
    return np.column_stack([a + (b - a) * t0[:, None], a + (b - a) * t1[:, None]])


def segment_cells(segs: np.ndarray, skip: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(ptr, segment ids): for each cell, the segments that may lie within 12 nm of a point in it.

    Cells where ``skip`` is true (wholly on land: no point there needs a distance) get none.
    """
    if not len(segs):
        return np.zeros(NCELL + 1, np.int32), np.zeros(0, np.int32)
    lat0 = np.minimum(segs[:, 1], segs[:, 3]) - MARGIN_LAT
    lat1 = np.maximum(segs[:, 1], segs[:, 3]) + MARGIN_LAT
    far = np.minimum(np.maximum(np.abs(lat0), np.abs(lat1)), 90.0)
    cosf = np.cos(np.radians(far))
    mlon = np.where(cosf > 0.01, MARGIN_LON0 / np.maximum(cosf, 1e-9), 360.0)
    lon0 = np.minimum(segs[:, 0], segs[:, 2]) - mlon
    lon1 = np.maximum(segs[:, 0], segs[:, 2]) + mlon
    ix0 = np.floor((lon0 + 180.0) / RES).astype(np.int64)
    ix1 = np.floor((lon1 + 180.0) / RES).astype(np.int64)
    nx = np.minimum(ix1 - ix0 + 1, NX)
    iy0 = np.clip(np.floor((lat0 + 90.0) / RES).astype(np.int64), 0, NY - 1)
    iy1 = np.clip(np.floor((lat1 + 90.0) / RES).astype(np.int64), 0, NY - 1)
    ny = iy1 - iy0 + 1
    count = nx * ny
    rep = np.repeat(np.arange(len(segs), dtype=np.int64), count)
    k = np.arange(int(count.sum()), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    nxr = nx[rep]
    cell = (iy0[rep] + k // nxr) * NX + (ix0[rep] + k % nxr) % NX
    if skip is not None:
        keep = ~skip[cell]
        cell, rep = cell[keep], rep[keep]
    return csr(cell, rep, np.int32)


def ragged(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenated ranges starts[i] .. starts[i] + counts[i] (vectorised)."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    offs = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts.astype(np.int64), counts) + (np.arange(total, dtype=np.int64) - offs)
