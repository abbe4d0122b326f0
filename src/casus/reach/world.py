"""The geography reach needs, taken from the compiled atlas and kept ready for distance queries.

Reach measures to *pieces*: the land each territory owns and no more specific
part of it does (the atlas's partition, so that Hawaii's coast is counted once,
under Hawaii, and still belongs to the United States). A territory's distance is
the smallest over the pieces in its subtree, so ``usa`` is as near as its
nearest land, Alaska included, and ``alaska`` is listed on its own as well.
Regions (the treaty areas clauses name) are measured to their own polygons.

The compiled vertex trees are cached on disk next to the atlas (same key), so a
command line query does not rebuild them.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.geo.atlas import atlas_of
from casus.reach import nearest

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

FORMAT = 2
_MEMO: dict[str, World] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, eq=False)
class World:
    """Territories, their pieces and the regions, compiled for nearest-point distances."""

    key: str
    territory_ids: tuple[str, ...]
    parent: np.ndarray          # (T,) index of the parent territory, -1 for none
    piece_territory: np.ndarray  # (P,) territory owning each piece
    pieces: nearest.Shapes      # one shape per piece
    subtree: np.ndarray         # (T, P) bool: piece p lies in territory t (itself or a part of it)
    region_ids: tuple[str, ...]
    regions: nearest.Shapes

    def territory_distance(self, piece_distance: np.ndarray) -> np.ndarray:
        """(…, T) distances from (…, P) piece distances: the nearest piece in each subtree."""
        big = np.where(self.subtree, piece_distance[..., None, :], np.inf)
        return big.min(axis=-1)


def world(kb: KnowledgeBase) -> World:
    """The compiled World for this knowledge base (memory, then disk cache, then built)."""
    atlas = atlas_of(kb)
    key = f"{atlas.key}-r{FORMAT}-{nearest.FANOUT}x{nearest.DEPTH}-{nearest.STEP_DEG}"
    with _LOCK:
        if key in _MEMO:
            return _MEMO[key]
        got = _load(atlas, key)
        if got is None:
            got = _build(atlas, key)
            _save(got)
        _MEMO[key] = got
        return got


def _piece_geoms(atlas: Any) -> tuple[np.ndarray, list[Any]]:
    piece_territory = np.asarray(atlas.arrays["piece_territory"], dtype=np.int64)
    return piece_territory, [atlas.piece_geometry(k) for k in range(piece_territory.size)]


def _subtree(parent: np.ndarray, piece_territory: np.ndarray) -> np.ndarray:
    T = parent.size
    out = np.zeros((T, piece_territory.size), dtype=bool)
    for p, t in enumerate(piece_territory):
        i = int(t)
        while i >= 0:
            out[i, p] = True
            i = int(parent[i])
    return out


def _build(atlas: Any, key: str) -> World:
    ids = tuple(atlas.territory_ids)
    parent = np.asarray(atlas.arrays["parent"], dtype=np.int64)
    piece_territory, geoms = _piece_geoms(atlas)
    pieces = nearest.from_geometries([ids[int(t)] for t in piece_territory], geoms)
    region_ids = tuple(atlas.region_ids)
    regions = nearest.from_geometries(region_ids, [atlas.region_geometry(r) for r in region_ids])
    return World(key, ids, parent, piece_territory, pieces, _subtree(parent, piece_territory), region_ids, regions)


# --------------------------------------------------------------------------- disk cache

def _path(key: str) -> Any:
    from casus.geo import cache

    return cache.cache_dir() / f"reach-{key}.bin"


def _pack(prefix: str, s: nearest.Shapes, arrays: dict[str, np.ndarray]) -> None:
    arrays[f"{prefix}_lon"], arrays[f"{prefix}_lat"], arrays[f"{prefix}_group"] = s.lon, s.lat, s.group
    for i, lv in enumerate(s.levels):
        for name in ("centre", "radius", "group", "first", "stop", "zlo", "zhi"):
            arrays[f"{prefix}_{i}_{name}"] = getattr(lv, name)


def _unpack(prefix: str, ids: tuple[str, ...], geoms: list[Any], arrays: dict[str, np.ndarray]) -> nearest.Shapes:
    from casus.reach import geodesic

    levels = tuple(nearest.Level(*(np.asarray(arrays[f"{prefix}_{i}_{n}"]) for n in
                                   ("centre", "radius", "group", "first", "stop", "zlo", "zhi")))
                   for i in range(nearest.DEPTH))
    lon, lat = np.asarray(arrays[f"{prefix}_lon"]), np.asarray(arrays[f"{prefix}_lat"])
    g = np.empty(len(geoms), dtype=object)
    g[:] = geoms
    return nearest.Shapes(ids, g, lon, lat, geodesic.unit_vectors(lon, lat), np.asarray(arrays[f"{prefix}_group"]),
                          levels)


def _save(w: World) -> None:
    from casus.geo import cache

    arrays: dict[str, np.ndarray] = {"piece_territory": w.piece_territory}
    _pack("p", w.pieces, arrays)
    _pack("r", w.regions, arrays)
    cache.save(_path(w.key), arrays, {"key": w.key})


def _load(atlas: Any, key: str) -> World | None:
    from casus.geo import cache

    got = cache.load(_path(key))
    if got is None or got[1].get("key") != key:
        return None
    arrays = got[0]
    try:
        ids = tuple(atlas.territory_ids)
        parent = np.asarray(atlas.arrays["parent"], dtype=np.int64)
        piece_territory, geoms = _piece_geoms(atlas)
        if not np.array_equal(piece_territory, arrays["piece_territory"]):
            return None
        pieces = _unpack("p", tuple(ids[int(t)] for t in piece_territory), geoms, arrays)
        region_ids = tuple(atlas.region_ids)
        regions = _unpack("r", region_ids, [atlas.region_geometry(r) for r in region_ids], arrays)
    except (KeyError, ValueError, TypeError):
        return None
    return World(key, ids, parent, piece_territory, pieces, _subtree(parent, piece_territory), region_ids, regions)


# --------------------------------------------------------------------------- who holds what, on a date

@dataclass(frozen=True)
class Holder:
    sovereign: str | None
    administrator: str | None

    @property
    def holder(self) -> str | None:
        return self.administrator or self.sovereign


def holders(kb: KnowledgeBase, territory_ids: tuple[str, ...], on: dt.date) -> tuple[Holder, ...]:
    """Sovereign and administrator of each territory on a date.

    Uses the geography engine's ``casus.geo.control`` where it exists (vectorised for the whole
    atlas); otherwise reads the territories' dated control periods here, a part without a period
    covering the date taking its parent's.
    """
    try:
        from casus.geo import control as geo_control
    except ImportError:
        return tuple(_own_control(kb, tid, on) for tid in territory_ids)
    atlas = atlas_of(kb)
    if tuple(territory_ids) == tuple(atlas.territory_ids):
        sov, adm = geo_control.control_arrays(kb, atlas, on)
        return tuple(Holder(s or None, a or None) for s, a in zip(sov, adm, strict=True))
    out = []
    for tid in territory_ids:
        h = geo_control.control(kb, tid, on)
        out.append(Holder(h.sovereign, h.administrator or h.sovereign))
    return tuple(out)


def _own_control(kb: KnowledgeBase, tid: str, on: dt.date) -> Holder:
    t = kb.territories.get(tid)
    while t is not None:
        for c in t.control:
            if c.covers(on):
                return Holder(c.sovereign, c.administrator or c.sovereign)
        t = kb.territories.get(t.parent) if t.parent is not None else None
    return Holder(None, None)
