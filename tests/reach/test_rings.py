"""Range rings as map geometry: right across the antimeridian, around the poles, and for any central meridian."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import Point

from casus.reach import geodesic, rings

GEOD = pyproj.Geod(ellps="WGS84")
GUAM = (144.79, 13.44)          # lon, lat
PYONGYANG = (125.7625, 39.0392)


def _inside(lon: float, lat: float, centre: tuple[float, float], radius_m: float, central_lon: float) -> bool:
    cap = rings.cap(centre[0], centre[1], radius_m, central_lon)
    return bool(cap.covers(Point(float(rings.wrap(lon - central_lon)), lat)))


def test_ring_points_lie_at_the_radius() -> None:
    lon, lat = rings.points(*PYONGYANG, 9_000_000.0)
    d = GEOD.inv(np.full(lon.size, PYONGYANG[0]), np.full(lon.size, PYONGYANG[1]), lon, lat)[2]
    np.testing.assert_allclose(d, 9_000_000.0, rtol=1e-9)


def test_small_ring_is_one_polygon_around_its_centre() -> None:
    cap = rings.cap(*PYONGYANG, 1_000_000.0)
    assert cap.geom_type == "Polygon"
    assert cap.contains(Point(*PYONGYANG))
    assert not rings.poles_inside(*PYONGYANG, 1_000_000.0)[0]


def test_ring_across_the_antimeridian_is_cut_into_two_pieces() -> None:
    # 5,000 km around Guam reaches past 180°: Majuro (171.4E), Wake Island (166.6E) and a point at 175W are
    # in, Honolulu (about 6,100 km) is out; each is checked against pyproj as well
    cap = rings.cap(*GUAM, 5_000_000.0, central_lon=0.0)
    assert cap.geom_type == "MultiPolygon"
    xmin, _, xmax, _ = cap.bounds
    assert xmin == pytest.approx(-180.0) and xmax == pytest.approx(180.0)
    for lon, lat in [(171.38, 7.09), (166.6, 19.3), (-175.0, 10.0)]:
        expect = GEOD.inv(GUAM[0], GUAM[1], lon, lat)[2] <= 5_000_000.0
        assert _inside(lon, lat, GUAM, 5_000_000.0, 0.0) == expect
    assert _inside(-175.0, 10.0, GUAM, 5_000_000.0, 0.0)          # east of the line, inside
    assert not _inside(-157.86, 21.31, GUAM, 5_000_000.0, 0.0)    # Honolulu, outside
    # the outline is split where it leaves one edge and comes back at the other: no line across the map
    for xs, _ in rings.lines(*GUAM, 5_000_000.0, central_lon=0.0):
        assert np.abs(np.diff(xs)).max() < 180


def test_ring_around_the_north_pole_is_closed_along_the_top() -> None:
    radius = 6_000_000.0   # Pyongyang to the North Pole is about 5,650 km
    north, south = rings.poles_inside(*PYONGYANG, radius)
    assert north and not south
    for central in (0.0, PYONGYANG[0], -100.0):
        cap = rings.cap(*PYONGYANG, radius, central_lon=central)
        assert cap.is_valid
        assert cap.bounds[3] == pytest.approx(90.0)
        # every longitude near the pole is inside; the equator on the far side is not
        for lon in np.linspace(-179, 179, 13):
            assert _inside(float(lon), 89.5, PYONGYANG, radius, central)
        assert not _inside(PYONGYANG[0] + 180, 0.0, PYONGYANG, radius, central)


def test_ring_around_the_south_pole() -> None:
    centre = (0.0, -80.0)
    cap = rings.cap(*centre, 2_000_000.0, central_lon=0.0)
    assert cap.bounds[1] == pytest.approx(-90.0)
    assert _inside(180.0, -89.0, centre, 2_000_000.0, 0.0) and _inside(-90.0, -89.0, centre, 2_000_000.0, 0.0)
    assert not _inside(0.0, -60.0, centre, 2_000_000.0, 0.0)


def test_ring_holding_both_poles_is_the_world_minus_a_cap() -> None:
    radius = 18_000_000.0
    assert rings.poles_inside(*PYONGYANG, radius) == (True, True)
    antipode = (PYONGYANG[0] - 180.0, -PYONGYANG[1])
    assert not _inside(*antipode, PYONGYANG, radius, 0.0)
    assert _inside(0.0, 89.0, PYONGYANG, radius, 0.0) and _inside(0.0, -89.0, PYONGYANG, radius, 0.0)


def test_area_does_not_depend_on_the_central_meridian() -> None:
    for radius in (1e6, 5e6, 6e6, 13e6, 18e6):
        areas = [rings.cap(*GUAM, radius, central_lon=c).area for c in (0.0, 90.0, 144.79, -170.0)]
        assert max(areas) - min(areas) < 1e-6 * max(areas)


def test_everything_and_nothing() -> None:
    assert rings.cap(*GUAM, geodesic.HALF_CIRCUMFERENCE_M + 1).area == pytest.approx(360 * 180)
    assert rings.cap(*GUAM, 0.0).is_empty
    assert rings.lines(*GUAM, 0.0) == []


def test_agrees_with_geodesic_distance_on_a_grid() -> None:
    lon, lat = np.meshgrid(np.arange(-175, 180, 10.0), np.arange(-85, 90, 10.0))
    radius = 9_500_000.0
    cap = rings.cap(*PYONGYANG, radius, central_lon=0.0)
    shapely.prepare(cap)
    inside = shapely.covers(cap, shapely.points(lon.ravel(), lat.ravel()))
    d = GEOD.inv(np.full(lon.size, PYONGYANG[0]), np.full(lon.size, PYONGYANG[1]), lon.ravel(), lat.ravel())[2]
    clear = np.abs(d - radius) > 60_000    # away from the outline, where the 0.25° steps could matter
    assert (inside[clear] == (d[clear] <= radius)).all()


def test_envelope_is_the_area_within_range_of_any_outline_point() -> None:
    # an outline of two points 10° apart on the equator, 1,000 km of range (a degree of the equator is ~111 km)
    area = rings.envelope([0.0, 10.0], [0.0, 0.0], 1_000_000.0)
    assert area.covers(Point(5.0, 5.0))      # ~785 km from (0, 0)
    assert area.covers(Point(18.5, 0.0))     # ~946 km from (10, 0)
    assert not area.covers(Point(19.5, 0.0))  # ~1,058 km from (10, 0)
    assert not area.covers(Point(5.0, 9.5))  # ~1,200 km from both
    # across the antimeridian the area is cut into the map window, both sides kept
    wrapped = rings.envelope([179.5], [0.0], 500_000.0)
    assert wrapped.covers(Point(-178.0, 0.0)) and wrapped.covers(Point(177.0, 0.0))
    assert rings.envelope([], [], 1_000_000.0) is None
