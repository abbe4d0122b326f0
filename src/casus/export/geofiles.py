"""Layers as GeoJSON (RFC 7946) and GeoParquet 1.0, written atomically.

GeoParquet is written with pyarrow alone: the geometry column holds WKB, and
the file's ``geo`` metadata follows the GeoParquet 1.0.0 specification
(version, primary column, encoding, geometry types, bbox). No ``crs`` is
given, which the specification defines as OGC:CRS84 (longitude, latitude on
WGS84), what the data is. GeoJSON coordinates are rounded to six decimals
(about 0.1 m), as RFC 7946 suggests.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import InputError
from casus.export.layers import Layer
from casus.fileio import atomic_write_text

if TYPE_CHECKING:
    import pyarrow as pa

GEO_FORMATS = {".geojson": "geojson", ".json": "geojson", ".parquet": "geoparquet", ".geoparquet": "geoparquet"}
GEOPARQUET_VERSION = "1.0.0"


def geo_format(path: Path | str, given: str | None = None) -> str:
    if given is not None:
        if given not in ("geojson", "geoparquet"):
            raise InputError(f"format: {given!r} is not geojson or geoparquet", field="format",
                             accepted="geojson, geoparquet")
        return given
    name = str(path).lower()
    for ending, kind in GEO_FORMATS.items():
        if name.endswith(ending):
            return kind
    raise InputError(f"--out: cannot tell the format of {str(path)!r}; end it with .geojson or .parquet",
                     field="out", accepted=", ".join(GEO_FORMATS))


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, np.generic):
        return v.item()
    return v


def geojson_text(layer: Layer) -> str:
    import shapely

    feats = []
    for row, geom in zip(layer.rows, layer.geometries, strict=True):
        shape = None
        if geom is not None and not geom.is_empty:
            rounded = shapely.transform(geom, lambda xy: np.round(xy, 6))
            shape = json.loads(shapely.to_geojson(rounded))
        feats.append({"type": "Feature", "id": row[0],
                      "properties": {k: _plain(v) for k, v in zip(layer.columns, row, strict=True)},
                      "geometry": shape})
    doc = {"type": "FeatureCollection", "name": layer.name,
           **({"metadata": layer.metadata} if layer.metadata else {}), "features": feats}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def geoparquet_table(layer: Layer) -> pa.Table:
    """The layer as an Arrow table with a WKB ``geometry`` column and GeoParquet 1.0 ``geo`` metadata."""
    import pyarrow as pa
    import shapely

    cols: dict[str, Any] = {}
    for k, name in enumerate(layer.columns):
        cols[name] = pa.array([row[k] for row in layer.rows])
    geoms = [g if g is not None and not g.is_empty else None for g in layer.geometries]
    wkb = [None if g is None else shapely.to_wkb(g, output_dimension=2) for g in geoms]
    cols["geometry"] = pa.array(wkb, type=pa.binary())
    present = [g for g in geoms if g is not None]
    types = sorted({g.geom_type for g in present})
    bounds = shapely.total_bounds(np.array(present, dtype=object)) if present else [0.0, 0.0, 0.0, 0.0]
    geo = {"version": GEOPARQUET_VERSION, "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": types,
                                    "bbox": [float(x) for x in bounds]}}}
    meta = {b"geo": json.dumps(geo).encode(), b"casus": json.dumps({"layer": layer.name, **layer.metadata}).encode()}
    table = pa.table(cols)
    return table.replace_schema_metadata(meta)


def write_layer(layer: Layer, path: Path | str, *, force: bool = False, fmt: str | None = None) -> Path:
    kind = geo_format(path, fmt)
    if kind == "geojson":
        return atomic_write_text(path, geojson_text(layer), force=force)
    from casus.fileio import atomic_write_with

    table = geoparquet_table(layer)

    def write(tmp: Path) -> None:
        import pyarrow.parquet as pq

        pq.write_table(table, str(tmp), compression="zstd")

    return atomic_write_with(path, write, force=force)
