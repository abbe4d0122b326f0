"""The point-lookup engine: land, the 12-nautical-mile territorial sea, high seas, parts and regions."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import shapely
from pyproj import Geod

from casus.errors import CoordinateError, UnknownPlaceError
from casus.geo.atlas import HIGH_SEAS, LAND, TERRITORIAL_SEA
from casus.kb.geography import TERRITORIAL_SEA_KM

GEOD = Geod(ellps="WGS84")


def brute_distance_km(geom, lat, lon, spacing_km=0.05):
    """Geodesic distance from a point to a polygon's boundary, by densifying the boundary within half a degree
    (a little over 12 nm at these latitudes) and measuring to every vertex (slow, independent)."""
    near = shapely.clip_by_rect(shapely.boundary(geom), lon - 0.6, lat - 0.5, lon + 0.6, lat + 0.5)
    ring = shapely.segmentize(near, spacing_km / 111.0)
    xy = shapely.get_coordinates(ring)
    _, _, d = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])
    return float(np.min(d)) / 1000.0


def test_ids_and_shapes(atlas):
    ids = atlas.territory_ids
    assert len(ids) == len(set(ids)) and list(ids) == sorted(ids)
    assert {"usa", "jpn", "gum", "okinawa", "ryukyu-islands", "spratly-islands"} <= set(ids)
    hits = atlas.locate(np.array([0.0, 26.213]), np.array([0.0, 127.67851]))
    assert hits.territory.shape == hits.country.shape == hits.setting.shape == hits.distance_km.shape == (2,)
    assert hits.regions.shape == (2, len(atlas.region_ids)) and hits.regions.dtype == bool


def test_chain_parent_root(atlas):
    assert atlas.chain("okinawa") == ("okinawa", "ryukyu-islands", "jpn")
    assert atlas.parent("okinawa") == "ryukyu-islands"
    assert atlas.parent("jpn") is None
    assert atlas.chain("aleutian-islands") == ("aleutian-islands", "alaska", "usa")
    with pytest.raises(UnknownPlaceError) as err:
        atlas.chain("okinwa")
    assert "okinawa" in err.value.suggestions


def test_parts_take_precedence_and_country_is_the_feature(atlas):
    ids = atlas.territory_ids
    hits = atlas.locate([26.213, 21.30694, 35.68, 61.2181], [127.67851, -157.85833, 139.77, -149.9003])
    assert [ids[t] for t in hits.territory] == ["okinawa", "hawaii", "jpn", "alaska"]
    assert [ids[c] for c in hits.country] == ["jpn", "usa", "jpn", "usa"]
    assert list(hits.setting) == [LAND, LAND, LAND, LAND] or TERRITORIAL_SEA in hits.setting


def test_representative_points_lie_on_their_territory(atlas):
    ids = atlas.territory_ids
    pts = np.array([atlas.representative_point(t) for t in ids])
    hits = atlas.locate(pts[:, 0], pts[:, 1])
    for i, tid in enumerate(ids):
        found = ids[hits.territory[i]] if hits.territory[i] >= 0 else None
        # the point is on the territory itself or on one of its parts
        assert found is not None and tid in atlas.chain(found), (tid, found)


def test_usa_representative_point_is_in_the_contiguous_states(atlas):
    lat, lon = atlas.representative_point("usa")
    assert 25 < lat < 50 and -125 < lon < -65


def test_land_matches_a_brute_force_point_in_polygon(atlas):
    rng = np.random.default_rng(7)
    n = 20000
    lon = rng.uniform(-180, 180, n)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    hits = atlas.locate(lat, lon)
    on_land = np.zeros(n, bool)
    owner = np.full(n, -1)
    for k, t in enumerate(atlas.arrays["piece_territory"]):
        inside = shapely.intersects_xy(atlas.piece_geometry(k), lon, lat)
        on_land |= inside
        owner[inside] = t
    assert np.array_equal(hits.setting == LAND, on_land)
    assert np.array_equal(hits.territory[on_land], owner[on_land])


def test_territorial_sea_distances_are_geodesic(atlas):
    # points scattered around Japan's coasts: the engine's distance equals a brute-force geodesic one
    rng = np.random.default_rng(3)
    lat = rng.uniform(30, 36, 4000)
    lon = rng.uniform(129, 141, 4000)
    hits = atlas.locate(lat, lon)
    sea = np.flatnonzero(hits.setting == TERRITORIAL_SEA)[:60]
    assert len(sea) > 20
    for i in sea:
        root = atlas.territory_ids[hits.country[i]]
        want = brute_distance_km(atlas.geometry(root), lat[i], lon[i])
        assert hits.distance_km[i] == pytest.approx(want, rel=2e-3, abs=0.01)
        assert hits.distance_km[i] <= TERRITORIAL_SEA_KM


def test_twelve_nautical_miles_both_sides(atlas):
    # Clipperton Island, a lone atoll: walk east from its easternmost point
    # its land with every part of it (the gazetteer's disc for the atoll reaches a little further out)
    g = shapely.union_all([atlas.geometry(t) for t in atlas.territory_ids if "clp" in atlas.chain(t)])
    xy = shapely.get_coordinates(g)
    east = xy[np.argmax(xy[:, 0])]
    out = {}
    for d in (21.5, 22.9):
        lon, lat, _ = GEOD.fwd(east[0], east[1], 90.0, d * 1000.0)
        out[d] = (lat, lon, brute_distance_km(g, lat, lon))
    hits = atlas.locate([out[21.5][0], out[22.9][0]], [out[21.5][1], out[22.9][1]])
    assert out[21.5][2] < TERRITORIAL_SEA_KM < out[22.9][2]
    # the sea is Clipperton's (the gazetteer may name the atoll itself, a part of clp)
    assert hits.setting[0] == TERRITORIAL_SEA and "clp" in atlas.chain(atlas.territory_ids[hits.territory[0]])
    assert hits.distance_km[0] == pytest.approx(out[21.5][2], abs=0.02)
    assert hits.setting[1] == HIGH_SEAS and hits.territory[1] == -1 and np.isnan(hits.distance_km[1])


def test_nearer_coast_wins_in_a_narrow_strait(atlas):
    # Strait of Dover, nearer the English side
    hits = atlas.locate([51.05], [1.35])
    assert atlas.territory_ids[hits.territory[0]] == "gbr"
    hits = atlas.locate([50.95], [1.65])
    assert atlas.territory_ids[hits.territory[0]] == "fra"


def test_antimeridian(atlas):
    # Taveuni (Fiji) straddles 180°; points either side belong to Fiji
    hits = atlas.locate([-16.8, -16.8], [179.99, -179.99])
    assert [atlas.territory_ids[t] for t in hits.territory] == ["fji", "fji"]
    # longitude 180 is accepted and folded to -180
    assert atlas.locate([-16.8], [180.0]).territory[0] == hits.territory[1]


def test_islet_given_as_a_point_has_its_territorial_sea(atlas):
    # Dokdo is missing at 1:10m; a point 10 km away is in its territorial sea
    lon, lat, _ = GEOD.fwd(131.869, 37.241, 45.0, 10_000.0)
    hits = atlas.locate([lat], [lon])
    assert atlas.territory_ids[hits.territory[0]] == "dokdo"
    assert hits.setting[0] == TERRITORIAL_SEA
    assert hits.distance_km[0] == pytest.approx(10.0 - 0.4, abs=0.05)


def test_vectorised_equals_one_by_one(atlas):
    rng = np.random.default_rng(11)
    lat = rng.uniform(20, 45, 300)
    lon = rng.uniform(115, 150, 300)
    many = atlas.locate(lat, lon)
    for i in range(0, 300, 37):
        one = atlas.locate(lat[i:i + 1], lon[i:i + 1])
        assert one.territory[0] == many.territory[i]
        assert one.setting[0] == many.setting[i]
        assert np.array_equal(one.regions[0], many.regions[i])


def test_empty_input(atlas):
    hits = atlas.locate(np.array([]), np.array([]))
    assert len(hits) == 0 and hits.regions.shape == (0, len(atlas.region_ids))


@pytest.mark.parametrize(("lats", "lons"), [([91.0], [0.0]), ([0.0], [-180.5]), ([np.nan], [0.0]),
                                            ([0.0, 1.0], [0.0]), (["north"], [0.0])])
def test_bad_coordinates(atlas, lats, lons):
    with pytest.raises(CoordinateError):
        atlas.locate(lats, lons)


def test_territory_regions(atlas):
    assert "pacific-area" in atlas.territory_regions("gum")
    assert "north-america" not in atlas.territory_regions("hawaii")


def test_geometry_of_a_parent_includes_its_parts(atlas):
    jpn = atlas.geometry("jpn")
    assert shapely.covers(jpn.buffer(1e-9), atlas.geometry("okinawa"))
    assert atlas.geometry("okinawa").area < atlas.geometry("ryukyu-islands").area < jpn.area


def test_atlas_pickles_for_workers(atlas):
    clone = pickle.loads(pickle.dumps(atlas))
    lat, lon = [26.213, 40.0, 13.0], [127.67851, -40.0, 114.0]
    a, b = atlas.locate(lat, lon), clone.locate(lat, lon)
    assert clone.territory_ids == atlas.territory_ids
    assert np.array_equal(a.territory, b.territory) and np.array_equal(a.regions, b.regions)
