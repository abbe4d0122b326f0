"""Research exports: dyad-year tables, map layers (GeoJSON, GeoParquet) and the knowledge base as DuckDB.

Every file is written atomically and never replaces an existing one unless
asked (``force``). Heavy libraries (pyarrow, duckdb, shapely) are imported by
the functions that need them.
"""

from __future__ import annotations

from casus.export.database import export_duckdb, write_duckdb
from casus.export.dyads import FLAG_COLUMNS, RULES, dyad_days, dyad_years
from casus.export.files import atomic_dir, table_format, write_table, write_tables
from casus.export.geofiles import geojson_text, geoparquet_table, write_layer
from casus.export.kbtables import kb_tables
from casus.export.layers import Layer, coverage_layer, regions_layer, territories_layer
from casus.export.obligations import Obligation, obligations

__all__ = [
    "FLAG_COLUMNS",
    "RULES",
    "Layer",
    "Obligation",
    "atomic_dir",
    "coverage_layer",
    "dyad_days",
    "dyad_years",
    "export_duckdb",
    "geojson_text",
    "geoparquet_table",
    "kb_tables",
    "obligations",
    "regions_layer",
    "table_format",
    "territories_layer",
    "write_duckdb",
    "write_layer",
    "write_table",
    "write_tables",
]
