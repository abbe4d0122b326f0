"""The PNG map and the GeoJSON: produced, well-formed, rings right across the antimeridian and the poles."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from shapely.geometry import box, shape

import casus
from casus.reach import plot, rings

OUT = Path(__file__).resolve().parent.parent.parent / ".cache" / "reach-maps"


def _save(name: str, data: bytes) -> Image.Image:
    """Keep the last rendering under .cache/reach-maps for a person to look at; return it decoded."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(data)
    return Image.open(io.BytesIO(data))


def _pixel(img: Image.Image, lon: float, lat: float, central_lon: float) -> tuple[int, int, int]:
    """Colour at a map position (axes placed at 3%..97% x 8%..92% of the figure, equal aspect, centred)."""
    w, h = img.size
    ax_w, ax_h = 0.94 * w, 0.84 * h
    scale = min(ax_w / 360.0, ax_h / 180.0)
    x0 = 0.03 * w + (ax_w - 360 * scale) / 2
    y0 = 0.08 * h + (ax_h - 180 * scale) / 2
    x = float(rings.wrap(lon - central_lon)) + 180.0
    px = round(x0 + x * scale)
    py = round(h - (y0 + (lat + 90.0) * scale))
    return img.convert("RGB").getpixel((px, py))  # type: ignore[no-any-return]


def test_rings_across_the_antimeridian_and_around_a_pole_render() -> None:
    """No atlas needed: two boxes of 'land' and three rings, one crossing 180°, one holding the North Pole."""
    land = [(box(140, 10, 150, 20), plot.COLOURS["beyond"]), (box(-170, 50, -150, 65), plot.COLOURS["beyond"])]
    ring_list = [
        plot.Ring(144.79, 13.44, 5000, "5,000 km around Guam (crosses 180°)", "-", "#d1495b"),
        plot.Ring(125.76, 39.04, 6500, "6,500 km around Pyongyang (holds the North Pole)", "-", "#1d3557"),
        plot.Ring(0.0, -75.0, 2500, "2,500 km around 75°S (holds the South Pole)", "--", "#2a9d8f"),
    ]
    png = plot.map_png(land, ring_list, [plot.Marker(144.79, 13.44, "Guam")], central_lon=0.0,
                       title="test rings", footer="test")
    img = _save("rings-antimeridian-pole.png", png)
    assert img.format == "PNG" and img.size == (1540, 836)
    sea = np.array(Image.new("RGB", (1, 1), plot.COLOURS["sea"]).getpixel((0, 0)))
    assert np.abs(np.array(_pixel(img, -100.0, -40.0, 0.0)) - sea).sum() <= 3     # open sea, off the grid
    # inside each cap the sea is tinted; the tint shows on both sides of the antimeridian around Guam,
    # all along the top of the map for the northern ring, and along the bottom for the southern one
    for lon, lat in [(170.0, 15.0), (-175.0, 15.0), (-60.0, 88.0), (60.0, 88.0), (120.0, -89.0), (-120.0, -89.0)]:
        assert np.abs(np.array(_pixel(img, lon, lat, 0.0)) - sea).sum() > 6, (lon, lat)
    # no seam where the polar ring starts and ends (its first point is due north, over the pole at 54.2°W)
    for lon in np.arange(-179.8, 180.0, 0.2):
        assert np.abs(np.array(_pixel(img, float(lon), 87.0, 0.0)) - sea).sum() > 6, lon
    # outside every ring the sea is untinted
    for lon, lat in [(-100.0, -40.0), (70.0, -40.0)]:
        assert np.abs(np.array(_pixel(img, lon, lat, 0.0)) - sea).sum() <= 6


@pytest.fixture(scope="module")
def result(kb: casus.KnowledgeBase) -> object:
    return kb.reach(missile="hwasong-15", origin="sunan", on="2017-11-29",
                    targets=("Berlin", "Washington", "13.584,144.93"), commitments=False)


def test_reach_map_png(kb: casus.KnowledgeBase, result: object) -> None:
    png = plot.reach_png(kb, result)  # type: ignore[arg-type]
    img = _save("hwasong-15-from-sunan.png", png)
    assert img.size == (1540, 836)
    centre = kb.launch_sites["sunan"].lon
    reached = np.array(Image.new("RGB", (1, 1), plot.COLOURS["uncovered"]).getpixel((0, 0)))
    beyond = np.array(Image.new("RGB", (1, 1), plot.COLOURS["beyond"]).getpixel((0, 0)))
    # Beijing's land is within range (coloured); inland Brazil is beyond 13,000 km (grey)
    assert np.abs(np.array(_pixel(img, 116.4, 39.9, centre)) - reached).sum() < 60
    assert np.abs(np.array(_pixel(img, -50.0, -10.0, centre)) - beyond).sum() < 60


def test_reach_geojson(kb: casus.KnowledgeBase, result: object) -> None:
    from casus.reach import geojson

    data = json.loads(geojson.dumps(kb, result))  # type: ignore[arg-type]
    assert data["type"] == "FeatureCollection" and "public estimates" in data["disclaimer"]
    roles = [f["properties"]["role"] for f in data["features"]]
    assert roles.count("range") == 2 and "territory" in roles and "target" in roles
    for f in data["features"]:
        if f["geometry"] is None:
            continue
        g = shape(f["geometry"])
        assert g.is_valid
        minx, miny, maxx, maxy = g.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90   # cut at the antimeridian
    high = next(f for f in data["features"] if f["properties"].get("estimate") == "high")
    assert high["properties"]["km"] == 13000 and high["properties"]["source"]["url"]
    assert geojson.dumps(kb, result) == geojson.dumps(kb, result)  # type: ignore[arg-type]
