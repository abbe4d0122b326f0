"""Map layers as GeoJSON and GeoParquet 1.0: valid files, readable by geopandas, with the facts in them."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest
import shapely

from casus.errors import InputError, OutputExistsError
from casus.export.geofiles import geo_format, write_layer
from casus.export.layers import coverage_layer, regions_layer, territories_layer


@pytest.fixture(scope="module")
def territories(kb):
    return territories_layer(kb, "1971-01-01", simplify=0.05)


def test_geoparquet_metadata_follows_the_spec(territories, tmp_path):
    out = tmp_path / "t.parquet"
    write_layer(territories, out)
    meta = pq.read_metadata(out).metadata
    geo = json.loads(meta[b"geo"])
    assert geo["version"] == "1.0.0" and geo["primary_column"] == "geometry"
    col = geo["columns"]["geometry"]
    assert col["encoding"] == "WKB"
    assert set(col["geometry_types"]) <= {"Polygon", "MultiPolygon"}
    assert -180 <= col["bbox"][0] < col["bbox"][2] <= 180
    assert "crs" not in col   # absent means OGC:CRS84 in GeoParquet 1.0
    geopandas = pytest.importorskip("geopandas")
    gdf = geopandas.read_parquet(out)
    assert gdf.crs is not None and gdf.crs.to_epsg() in (4326, None) and gdf.crs.equals("OGC:CRS84")
    okinawa = gdf[gdf.id == "okinawa"].iloc[0]
    # Okinawa was administered by the United States until 15 May 1972 (Okinawa Reversion Agreement)
    assert (okinawa.sovereign, okinawa.administrator) == ("JPN", "USA")
    assert okinawa.geometry.contains(shapely.Point(127.68, 26.21))   # Naha
    assert list(gdf.depth) == sorted(gdf.depth)   # parents before parts


def test_geojson(territories, tmp_path):
    out = tmp_path / "t.geojson"
    write_layer(territories, out)
    doc = json.loads(out.read_text())
    assert doc["type"] == "FeatureCollection" and doc["metadata"] == {"on": "1971-01-01"}
    feats = {f["id"]: f for f in doc["features"]}
    assert feats["gum"]["properties"]["sovereign"] == "USA"
    assert feats["gum"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    shape = shapely.geometry.shape(feats["gum"]["geometry"])
    assert shape.is_valid and shape.contains(shapely.Point(144.79, 13.44))
    with pytest.raises(OutputExistsError):
        write_layer(territories, out)


def test_regions_and_coverage(kb, tmp_path):
    regions = regions_layer(kb, simplify=0.1)
    assert {"europe", "north-atlantic-north-of-tropic"} <= {r[0] for r in regions.rows}
    cov = coverage_layer(kb, "2023-04-05")
    rows = {r[0]: dict(zip(cov.columns, r, strict=True)) for r in cov.rows}
    # Finland became a NATO party on 4 April 2023
    assert rows["fin"]["class"] == "nato" and "nato/art5" in rows["fin"]["applies"]
    assert rows["gum"]["class"] != "nato"   # Guam lies outside NATO's Art. 6 area
    out = tmp_path / "c.parquet"
    write_layer(cov, out)
    assert pq.read_table(out).num_rows == len(kb.atlas.territory_ids)
    before = coverage_layer(kb, "2023-04-03")
    assert dict((r[0], r[5]) for r in before.rows)["fin"] != "nato"


def test_format_from_name():
    assert geo_format("a.geojson") == "geojson" and geo_format("a.parquet") == "geoparquet"
    with pytest.raises(InputError, match=r"\.geojson"):
        geo_format("a.shp")
