"""The compiled geography: territories, regions and the grid that locates points in them.

``compile_atlas(kb)`` builds the :class:`Atlas` once and caches it on disk (see
:mod:`casus.geo.cache`), keyed by a digest of what the geometry depends on
(territory ids, Natural Earth codes, parents, selections and labels; region
polygons, unions and minus) plus the Natural Earth zip's hash. Dates, sources
and control periods do not enter the key: editing who held Okinawa in 1965
does not rebuild polygons. A later ``casus where`` loads the cache file (a
single read) and never opens the shapefile.

The Atlas is frozen and picklable, so it can be shipped to Dask workers; its
shapely geometries are decoded from WKB only when a lookup needs them.
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import GeoError, UnknownPlaceError, close_matches
from casus.geo import cache, grid

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

FORMAT = 2
KEEP = 6  # compiled atlases kept on disk (the bundled data and a few overlays), most recently used first
LAND, TERRITORIAL_SEA, HIGH_SEAS = 0, 1, 2
SETTINGS = ("land", "territorial_sea", "high_seas")

_MEMO: dict[str, Atlas] = {}
_BY_KB: weakref.WeakKeyDictionary[KnowledgeBase, Atlas] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


@dataclass(frozen=True, eq=False)
class Hits:
    """Where each of n points lies. Indices refer to ``Atlas.territory_ids`` and ``Atlas.region_ids``.

    ``territory``: the most specific territory or part whose land holds the point, or whose land is
    within 12 nautical miles of it (the nearest such land); -1 on the high seas.
    ``country``: the Natural Earth-level territory above it; -1 on the high seas.
    ``setting``: 0 land, 1 territorial sea, 2 high seas.
    ``distance_km``: 0 on land, the geodesic distance to the land in the territorial sea, NaN on the
    high seas.
    ``regions``: (n, R) booleans, the point lies in each region.
    """

    territory: np.ndarray
    country: np.ndarray
    setting: np.ndarray
    distance_km: np.ndarray
    regions: np.ndarray

    def __len__(self) -> int:
        return int(self.territory.shape[0])


def _blob(geoms: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    import shapely

    raw = [b"" if g is None or g.is_empty else shapely.to_wkb(g) for g in geoms]
    ends = np.cumsum([len(r) for r in raw], dtype=np.int64)
    return np.frombuffer(b"".join(raw), dtype=np.uint8).copy(), ends


class Atlas:
    """Compiled territories and regions (build with :func:`compile_atlas`)."""

    __slots__ = ("_arrays", "_geoms", "_index", "_lock", "_meta", "_prepared", "_region_index")
    _arrays: dict[str, np.ndarray]
    _meta: dict[str, Any]
    _geoms: dict[tuple[str, int], Any]
    _prepared: dict[tuple[str, int], Any]
    _lock: threading.Lock
    _index: dict[str, int]
    _region_index: dict[str, int]

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        object.__setattr__(self, "_arrays", arrays)
        object.__setattr__(self, "_meta", meta)
        object.__setattr__(self, "_geoms", {})
        object.__setattr__(self, "_prepared", {})
        object.__setattr__(self, "_lock", threading.Lock())
        object.__setattr__(self, "_index", {t: i for i, t in enumerate(meta["territory_ids"])})
        object.__setattr__(self, "_region_index", {r: i for i, r in enumerate(meta["region_ids"])})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Atlas is frozen")

    def __getstate__(self) -> dict[str, Any]:
        return {"arrays": {k: np.array(v) for k, v in self._arrays.items()}, "meta": self._meta}

    def __setstate__(self, state: dict[str, Any]) -> None:
        Atlas.__init__(self, state["arrays"], state["meta"])

    def __repr__(self) -> str:
        return (f"<Atlas {self.key}: {len(self.territory_ids)} territories, {len(self.region_ids)} regions, "
                f"{len(self.arrays['seg'])} coastline segments>")

    # ------------------------------------------------------------ plain data
    @property
    def key(self) -> str:
        return str(self._meta["key"])

    @property
    def arrays(self) -> dict[str, np.ndarray]:
        return self._arrays

    @property
    def territory_ids(self) -> tuple[str, ...]:
        return tuple(self._meta["territory_ids"])

    @property
    def region_ids(self) -> tuple[str, ...]:
        return tuple(self._meta["region_ids"])

    @property
    def region_kinds(self) -> tuple[str, ...]:
        return tuple(self._meta["region_kinds"])

    @property
    def region_maritime(self) -> np.ndarray:
        """(R,) booleans: the region is water (a point on land is never in it)."""
        return np.asarray(self._meta.get("region_maritime", [False] * len(self.region_ids)), dtype=bool)

    def territory_region_table(self) -> np.ndarray:
        """(T+1, R) booleans: territory t lies in region r, judged at its label point on its land, against the
        region's whole outline (so an island lies in a sea area); the last row, for no territory, is False.
        This is what the scope predicate ``territory_in`` reads."""
        table = self._arrays["point_regions"]
        return np.vstack([table, np.zeros((1, table.shape[1]), dtype=bool)])

    def index(self, territory_id: str) -> int:
        """Position of a territory in ``territory_ids``; unknown ids are refused with close matches."""
        try:
            return self._index[territory_id]
        except KeyError:
            hints = close_matches(str(territory_id), self._index)
            raise UnknownPlaceError(
                f"unknown territory id {territory_id!r}" + (f"; did you mean {', '.join(hints)}?" if hints else ""),
                field="territory", accepted="a territory id such as usa, gum, okinawa", suggestions=hints) from None

    def region_index(self, region_id: str) -> int:
        try:
            return self._region_index[region_id]
        except KeyError:
            hints = close_matches(str(region_id), self._region_index)
            raise UnknownPlaceError(f"unknown region id {region_id!r}", field="region",
                                    accepted=", ".join(self.region_ids), suggestions=hints) from None

    def parent(self, territory_id: str) -> str | None:
        p = int(self._arrays["parent"][self.index(territory_id)])
        return None if p < 0 else self._meta["territory_ids"][p]

    def chain(self, territory_id: str) -> tuple[str, ...]:
        """The territory and every territory it is a part of: most specific first, the Natural Earth feature
        last."""
        ids = self._meta["territory_ids"]
        parent = self._arrays["parent"]
        i = self.index(territory_id)
        out = [ids[i]]
        while parent[i] >= 0:
            i = int(parent[i])
            out.append(ids[i])
        return tuple(out)

    def root(self, territory_id: str) -> str:
        return self.chain(territory_id)[-1]

    def representative_point(self, territory_id: str) -> tuple[float, float]:
        """(lat, lon) of the territory's label point: a point on its land."""
        lat, lon = self._arrays["point"][self.index(territory_id)]
        return (float(lat), float(lon))

    def territory_regions(self, territory_id: str) -> frozenset[str]:
        """The regions whose outline holds the territory's representative point (maritime regions
        included: an island lies in the sea area around it; see ``territory_region_table``)."""
        row = self._arrays["point_regions"][self.index(territory_id)]
        return frozenset(r for r, inside in zip(self._meta["region_ids"], row, strict=True) if inside)

    # ------------------------------------------------------------ geometry (decoded lazily)
    def _decode(self, kind: str, k: int) -> Any:
        key = (kind, k)
        g = self._geoms.get(key)
        if g is None:
            import shapely

            ends = self._arrays[f"{kind}_ends"]
            a = int(ends[k - 1]) if k else 0
            b = int(ends[k])
            g = shapely.from_wkb(self._arrays[f"{kind}_wkb"][a:b].tobytes()) if b > a else shapely.MultiPolygon()
            self._geoms[key] = g
        return g

    def _ready(self, kind: str, k: int, n_points: int) -> Any:
        """The geometry to test ``n_points`` points against: prepared when that pays off.

        A prepared geometry is a copy of its own, prepared and queried once under the lock before
        any thread may use it: GEOS builds a prepared geometry's index lazily on first use, and that
        is not thread-safe (libgeos/geos#825; it crashed a Dask worker with two threads). The plain
        geometry handed out for a few points is never prepared, so it is safe to share as well.
        """
        key = (kind, k)
        done = self._prepared.get(key)
        if done is not None:
            return done
        if n_points <= 64:
            return self._decode(kind, k)
        import shapely

        with self._lock:
            done = self._prepared.get(key)
            if done is None:
                done = shapely.from_wkb(shapely.to_wkb(self._decode(kind, k)))
                shapely.prepare(done)
                shapely.contains_xy(done, 0.0, 0.0)  # build the index now, while holding the lock
                self._prepared[key] = done
        return done

    def piece_geometry(self, k: int) -> Any:
        return self._decode("piece", k)

    def region_geometry(self, region_id: str) -> Any:
        """The region's compiled polygons (lon/lat, wrapped into [-180, 180])."""
        return self._decode("region", self.region_index(region_id))

    def geometry(self, territory_id: str) -> Any:
        """The territory's land (with its parts), shapely polygons in lon/lat."""
        i = self.index(territory_id)
        k = int(self._arrays["land_piece"][i])
        return self._decode("piece", k) if k >= 0 else self._decode("land", i)

    # ------------------------------------------------------------ lookups
    def locate(self, lats: Any, lons: Any) -> Hits:
        """Territory, country, setting, distance and regions of each point (vectorised)."""
        from casus.geo.locate import locate

        return locate(self, lats, lons)


# --------------------------------------------------------------------------- compiling


def sea_generating(territory: Any) -> bool:
    """Whether a territory's land has a 12-nautical-mile territorial sea: all do, except gazetteer features
    of a kind that has none (low-tide elevations, artificial islands)."""
    feature = getattr(territory, "feature", None)
    return True if feature is None else bool(feature.territorial_sea)


def geometry_digest(kb: KnowledgeBase) -> str:
    """A digest of exactly what the compiled geometry depends on."""
    terr = {tid: {"ne": list(t.ne_codes), "parent": t.parent, "label": t.label, "sea": sea_generating(t),
                  "select": [s.model_dump(mode="json", exclude_none=True) for s in t.selections]}
            for tid, t in sorted(kb.territories.items())}
    regs = {rid: {"kind": r.kind, "maritime": r.maritime, "polygons": r.polygons, "union": r.union,
                  "minus": r.minus}
            for rid, r in sorted(kb.regions.items())}
    text = json.dumps({"territories": terr, "regions": regs, "grid": [grid.RES, grid.NX, grid.NY]},
                      sort_keys=True, default=list)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


#: the modules whose code decides the compiled arrays: a change to any of them is a new atlas
BUILD_CODE = ("atlas.py", "grid.py", "lands.py", "locate.py", "ne.py", "regions.py", "shapes.py")


def code_digest() -> str:
    """A hash of the code that compiles the atlas (:data:`BUILD_CODE`), so that a new casus never reads an
    atlas an older one compiled differently."""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in BUILD_CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    return h.hexdigest()[:8]


def atlas_key(kb: KnowledgeBase) -> str:
    """The atlas's cache key: what the geometry depends on in the data, the Natural Earth file, the code."""
    from casus.kb.naturalearth import ne_hash

    return f"{geometry_digest(kb)}-{ne_hash()}-{code_digest()}-v{FORMAT}"


def atlas_of(kb: KnowledgeBase) -> Atlas:
    """The compiled geography of this knowledge base, remembered for the life of the object.

    The atlas is built here, by the geography layer, from the data; the knowledge base never builds it.
    """
    got = _BY_KB.get(kb)
    if got is None:
        got = compile_atlas(kb)
        _BY_KB[kb] = got
    return got


def compile_atlas(kb: KnowledgeBase, *, use_cache: bool = True) -> Atlas:
    """The Atlas for this knowledge base: from memory, else the disk cache, else built (and cached)."""
    key = atlas_key(kb)
    with _LOCK:
        if use_cache and key in _MEMO:
            return _MEMO[key]
        path = cache.cache_dir() / f"atlas-{key}.bin"
        atlas = None
        if use_cache:
            got = cache.load(path)
            if got is not None and got[1].get("key") == key and _complete(got[0]):
                atlas = Atlas(*got)
        if atlas is None and use_cache:
            atlas = _shipped(key)
        if atlas is None:
            from casus.progress import step

            what = "Compiling the territory geometry (first run only, about 10 s)"
            if use_cache and cache.shipped_names("atlas-*.bin"):
                what = ("Compiling the territory geometry (the data or code differs from the copy shipped with "
                        "casus; once, about 10 s)")
            with cache.build_lock(path) as held:  # another process building it: wait, then read its file
                got = cache.load(path) if use_cache and held else None
                if got is not None and got[1].get("key") == key and _complete(got[0]):
                    atlas = Atlas(*got)
                else:
                    with step(what):
                        arrays, meta = build(kb, key)
                        cache.save(path, arrays, meta)
                    cache.prune(path.parent, "atlas-*.bin", KEEP)
                    atlas = Atlas(arrays, meta)
        _MEMO[key] = atlas
        return atlas


def _shipped(key: str) -> Atlas | None:
    """The atlas compiled when casus was built, if its key is this one (else None: built in the user cache)."""
    name = f"atlas-{key}.bin"
    got = cache.load_shipped(name)
    if got is None:
        return None
    if got[1].get("key") != key or not _complete(got[0]):
        cache.damaged_shipped(name, "its contents are not the atlas its name says")
        return None
    return Atlas(*got)


_ARRAYS = ("parent", "root", "point", "point_regions", "piece_territory", "cell_full", "cell_pieces_ptr",
           "cell_pieces", "seg", "seg_piece", "cell_segs_ptr", "cell_segs", "reg_full", "cell_regions_ptr",
           "cell_regions", "piece_wkb", "piece_ends", "land_wkb", "land_ends", "land_piece", "region_wkb",
           "region_ends")


def _complete(arrays: dict[str, np.ndarray]) -> bool:
    return all(name in arrays for name in _ARRAYS) and arrays["cell_full"].shape == (grid.NCELL,)


def build(kb: KnowledgeBase, key: str) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Compile territories and regions from Natural Earth and the knowledge base (ten to thirty seconds)."""
    from casus.geo.lands import build_lands
    from casus.geo.ne import read_features
    from casus.geo.regions import build_regions

    features = {f.code: f for f in read_features()}
    lands = build_lands(kb.territories, features)
    region_geoms = build_regions(kb.regions)
    region_ids = tuple(region_geoms)
    T, R = len(lands.ids), len(region_ids)
    if T == 0:
        raise GeoError("the knowledge base has no territories (territories.yaml is missing or empty)")

    # pieces, in territory order; territories whose land is all in their parts have no piece
    piece_terr = [i for i in range(T) if not lands.piece[i].is_empty]
    pieces = [lands.piece[i] for i in piece_terr]

    # land grid
    cells_l, piece_l, full_l = [], [], []
    for k, g in enumerate(pieces):
        f, c = grid.classify(g)
        cells_l += [f, c]
        piece_l += [np.full(len(f), k, np.int32), np.full(len(c), k, np.int32)]
        full_l += [np.ones(len(f), bool), np.zeros(len(c), bool)]
    cells = np.concatenate(cells_l)
    pcs = np.concatenate(piece_l)
    full = np.concatenate(full_l)
    touch = np.bincount(cells, minlength=grid.NCELL)
    single = full & (touch[cells] == 1)
    cell_full = np.full(grid.NCELL, -1, np.int32)
    cell_full[cells[single]] = pcs[single]
    cell_pieces_ptr, cell_pieces = grid.csr(cells[~single], pcs[~single], np.int32)

    # coastline segments, and which cells each may be within 12 nm of (a cell wholly on land needs none)
    seg, seg_piece = grid.segments(pieces)
    # a low-tide elevation or an artificial island has no territorial sea of its own (UNCLOS Arts. 13, 60(8))
    no_sea = np.array([not sea_generating(kb.territories[lands.ids[i]]) for i in piece_terr], bool)
    if no_sea.any():
        keep = ~no_sea[seg_piece]
        seg, seg_piece = seg[keep], seg_piece[keep]
    cell_segs_ptr, cell_segs = grid.segment_cells(seg, skip=cell_full >= 0)

    # regions
    nbytes = max(1, (R + 7) // 8)
    reg_bits = np.zeros((grid.NCELL, R), bool)
    rc, rr = [], []
    for r, rid in enumerate(region_ids):
        f, c = grid.classify(region_geoms[rid])
        reg_bits[f, r] = True
        rc.append(c)
        rr.append(np.full(len(c), r, np.int16))
    reg_full = np.packbits(reg_bits, axis=1, bitorder="little") if R else np.zeros((grid.NCELL, nbytes), np.uint8)
    del reg_bits
    if R:
        cell_regions_ptr, cell_regions = grid.csr(np.concatenate(rc), np.concatenate(rr), np.int16)
    else:
        cell_regions_ptr, cell_regions = np.zeros(grid.NCELL + 1, np.int32), np.zeros(0, np.int16)

    parent = np.array(lands.parent, np.int32)
    root = np.arange(T, dtype=np.int32)
    for _ in range(T):
        nxt = np.where(parent[root] >= 0, parent[root], root)
        if (nxt == root).all():
            break
        root = nxt
    piece_wkb, piece_ends = _blob(pieces)
    # a territory whose land is exactly its piece (no parts) points at the piece instead of a second copy
    piece_of = {t: k for k, t in enumerate(piece_terr)}
    has_parts = np.zeros(T, bool)
    has_parts[parent[parent >= 0]] = True
    land_piece = np.array([piece_of[i] if i in piece_of and not has_parts[i] else -1 for i in range(T)], np.int32)
    land_wkb, land_ends = _blob([lands.land[i] if land_piece[i] < 0 else None for i in range(T)])
    region_wkb, region_ends = _blob([region_geoms[r] for r in region_ids])
    arrays: dict[str, np.ndarray] = {
        "parent": parent, "root": root, "point": np.array(lands.point, float).reshape(T, 2),
        "point_regions": np.zeros((T, R), bool),
        "piece_territory": np.array(piece_terr, np.int32),
        "cell_full": cell_full, "cell_pieces_ptr": cell_pieces_ptr, "cell_pieces": cell_pieces,
        "seg": seg.astype(np.float64), "seg_piece": seg_piece, "cell_segs_ptr": cell_segs_ptr,
        "cell_segs": cell_segs, "reg_full": reg_full, "cell_regions_ptr": cell_regions_ptr,
        "cell_regions": cell_regions, "piece_wkb": piece_wkb, "piece_ends": piece_ends,
        "land_wkb": land_wkb, "land_ends": land_ends, "land_piece": land_piece,
        "region_wkb": region_wkb, "region_ends": region_ends,
    }
    meta = {"key": key, "format": FORMAT, "territory_ids": list(lands.ids), "region_ids": list(region_ids),
            "region_kinds": [kb.regions[r].kind for r in region_ids],
            "region_maritime": [bool(kb.regions[r].maritime) for r in region_ids]}
    if R:
        from casus.geo.locate import regions_of

        tmp = Atlas(arrays, meta)
        arrays["point_regions"] = regions_of(tmp, arrays["point"][:, 0], arrays["point"][:, 1])
    return arrays, meta
