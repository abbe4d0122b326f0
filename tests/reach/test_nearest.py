"""Nearest points between shapes: the pruned tree walk gives exactly the brute-force pyproj answer."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from casus.reach import nearest

GEOD = pyproj.Geod(ellps="WGS84")


def _brute(src_lon: np.ndarray, src_lat: np.ndarray, shapes: nearest.Shapes) -> np.ndarray:
    """Distance from each point to each shape: a per-vertex pyproj loop over the same boundary vertices."""
    out = np.empty((src_lon.size, len(shapes)))
    for i, (lo, la) in enumerate(zip(src_lon, src_lat, strict=True)):
        d = GEOD.inv(np.full(shapes.lon.size, lo), np.full(shapes.lon.size, la), shapes.lon, shapes.lat)[2]
        best = np.full(len(shapes), np.inf)
        np.minimum.at(best, shapes.group, d)
        inside = shapely.intersects(shapes.geoms, shapely.points(lo, la))
        best[inside] = 0.0
        out[i] = best
    return out


def _blob(lon: float, lat: float, r: float, n: int, seed: int) -> Polygon:
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    rr = r * (0.6 + 0.4 * rng.random(n))
    return Polygon(np.c_[lon + rr * np.cos(t), lat + 0.7 * rr * np.sin(t)])


@pytest.fixture(scope="module")
def shapes() -> nearest.Shapes:
    geoms = [
        _blob(10, 50, 8, 300, 1),                                   # a country-sized blob
        _blob(140, 35, 3, 120, 2),                                  # an island
        MultiPolygon([box(178, -20, 180, -15), box(-180, -20, -178, -15)]),   # split at the antimeridian
        Polygon(box(-60, 20, 0, 40).exterior, [box(-40, 25, -20, 35).exterior]),  # with a hole
        Polygon([(-180, -90), (180, -90), (180, -70), (-180, -70)]),  # an Antarctica-like band to the pole
        _blob(-100, 60, 15, 800, 3),
    ]
    return nearest.from_geometries([f"s{i}" for i in range(len(geoms))], geoms)


def test_points_to_shapes_equal_brute_force(shapes: nearest.Shapes) -> None:
    rng = np.random.default_rng(5)
    lon = rng.uniform(-180, 180, 40)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, 40)))
    lon = np.append(lon, [10.0, -30.0, 179.9, -179.9])   # inside the blob, inside the hole, near the cut
    lat = np.append(lat, [50.0, 30.0, -17.0, -25.0])
    pts = nearest.from_points([str(i) for i in range(lon.size)], lon, lat)
    got = nearest.nearest(pts, shapes, exact=True)
    ref = _brute(lon, lat, shapes)
    np.testing.assert_allclose(got.distance, ref, rtol=1e-12, atol=1e-6)
    fast = nearest.nearest(pts, shapes, exact=False)
    np.testing.assert_allclose(fast.distance, ref, rtol=1e-4, atol=1e-6)
    # inside a shape: zero; inside its hole: the distance to the hole's edge, not zero
    assert got.distance[40, 0] == 0.0
    assert got.distance[41, 3] > 0
    assert got.distance[41, 3] == pytest.approx(ref[41, 3])


def test_antimeridian_shape_is_near_from_both_sides(shapes: nearest.Shapes) -> None:
    pts = nearest.from_points(["w", "e"], [-179.0, 179.0], [-22.0, -22.0])
    d = nearest.nearest(pts, shapes).distance[:, 2]
    # 2 degrees of latitude south of the shape on either side of the line: about 221 km, not 35,000
    assert d == pytest.approx([GEOD.inv(-179, -22, -179, -20)[2]] * 2, rel=1e-9)


def test_polar_band_distance_is_to_its_edge(shapes: nearest.Shapes) -> None:
    pts = nearest.from_points(["p"], [45.0], [-60.0])
    d = float(nearest.nearest(pts, shapes).distance[0, 4])
    assert d == pytest.approx(GEOD.inv(45, -60, 45, -70)[2], rel=1e-9)


def test_vertex_indices_attain_the_distance(shapes: nearest.Shapes) -> None:
    pts = nearest.from_points(["a"], [100.0], [0.0])
    res = nearest.nearest(pts, shapes)
    for k in range(len(shapes)):
        v = int(res.dst_vertex[0, k])
        d = GEOD.inv(100.0, 0.0, shapes.lon[v], shapes.lat[v])[2]
        assert d == pytest.approx(res.distance[0, k], rel=1e-12)
        assert shapes.group[v] == k


def test_shape_to_shape_is_the_smallest_vertex_pair(shapes: nearest.Shapes) -> None:
    src = shapes.select([1])     # the island
    res = nearest.nearest(src, shapes)
    assert res.distance[0, 1] == 0.0        # itself
    # brute force over every vertex pair, island to the shape split at the antimeridian
    a = src.lon, src.lat
    dst = shapes.select([2])
    la, lb = np.meshgrid(np.arange(a[0].size), np.arange(dst.lon.size), indexing="ij")
    d = GEOD.inv(a[0][la.ravel()], a[1][la.ravel()], dst.lon[lb.ravel()], dst.lat[lb.ravel()])[2]
    assert res.distance[0, 2] == pytest.approx(d.min(), rel=1e-12)


def test_many_points_split_over_threads_keep_their_order(shapes: nearest.Shapes) -> None:
    rng = np.random.default_rng(9)
    lon, lat = rng.uniform(-180, 180, 37), rng.uniform(-80, 80, 37)
    all_at_once = nearest.nearest(nearest.from_points([str(i) for i in range(37)], lon, lat), shapes)
    one_by_one = np.vstack([nearest.nearest(nearest.from_points(["x"], lon[i:i + 1], lat[i:i + 1]), shapes).distance
                            for i in range(37)])
    np.testing.assert_array_equal(all_at_once.distance, one_by_one)
    for i in range(37):
        assert all_at_once.src_vertex[i][all_at_once.src_vertex[i] >= 0].tolist() == \
            [i] * int((all_at_once.src_vertex[i] >= 0).sum())


def test_empty_geometry_is_refused() -> None:
    from casus.errors import GeoError

    with pytest.raises(GeoError, match="empty geometry for b"):
        nearest.from_geometries(["a", "b"], [box(0, 0, 1, 1), Polygon()])
