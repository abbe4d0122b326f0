"""Geodesic distances: the fast path agrees with Karney (pyproj) to 0.01 %, and the bounds hold."""

from __future__ import annotations

import math

import numpy as np
import pyproj
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.reach import geodesic

from .places import PLACES, PYONGYANG

GEOD = pyproj.Geod(ellps="WGS84")


# Rough figures every reference gives (km): Pyongyang-Washington "about 11,000 km" (the issue), and
# great-circle distances as published by distance calculators (rounded to the nearest 100 km).
ROUGH = {"Berlin": 8000, "London": 8700, "Lisbon": 10200, "Washington": 11000, "Honolulu": 7400,
         "Anchorage": 6000, "Andersen AFB": 3400}


def _karney(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(GEOD.inv(a[1], a[0], b[1], b[0])[2])


@pytest.mark.parametrize("name", sorted(PLACES))
def test_pyongyang_distances_match_pyproj_and_rough_figures(name: str) -> None:
    lat, lon = PLACES[name]
    expected = _karney(PYONGYANG, (lat, lon))
    exact = float(geodesic.distance(PYONGYANG[1], PYONGYANG[0], lon, lat))
    fast = float(geodesic.distance(PYONGYANG[1], PYONGYANG[0], lon, lat, exact=False))
    assert exact == pytest.approx(expected, rel=1e-12)
    assert fast == pytest.approx(expected, rel=1e-4)
    assert exact / 1000 == pytest.approx(ROUGH[name], abs=150)


def test_pyongyang_washington_is_about_11000_km() -> None:
    d = float(geodesic.distance(PYONGYANG[1], PYONGYANG[0], PLACES["Washington"][1], PLACES["Washington"][0]))
    assert 10_900_000 < d < 11_200_000


def _random_pairs(n: int, seed: int = 7) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    lon1 = rng.uniform(-180, 180, n)
    lat1 = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    az = rng.uniform(0, 360, n)
    dist = 10 ** rng.uniform(0, math.log10(19_990_000), n)   # 1 m to nearly antipodal
    lon2, lat2, _ = GEOD.fwd(lon1, lat1, az, dist)
    return lon1, lat1, np.asarray(lon2), np.asarray(lat2)


def test_fast_path_within_one_hundredth_of_a_percent_everywhere() -> None:
    lon1, lat1, lon2, lat2 = _random_pairs(200_000)
    ref = GEOD.inv(lon1, lat1, lon2, lat2)[2]
    fast = geodesic.fast(lon1, lat1, lon2, lat2)
    rel = np.abs(fast - ref) / np.maximum(ref, 1.0)
    assert rel.max() < 1e-4
    # below the Karney fallback (170°) Lambert alone holds to its stated bound
    _, sigma = geodesic.lambert(geodesic.unit_vectors(lon1, lat1), geodesic.unit_vectors(lon2, lat2))
    below = sigma < geodesic.LAMBERT_MAX_SIGMA
    assert rel[below].max() < geodesic.LAMBERT_MAX_REL_ERROR


def test_matrix_matches_pairwise_karney() -> None:
    rng = np.random.default_rng(3)
    a_lon, a_lat = rng.uniform(-180, 180, 7), rng.uniform(-89, 89, 7)
    b_lon, b_lat = rng.uniform(-180, 180, 300), rng.uniform(-89, 89, 300)
    m = geodesic.matrix(geodesic.unit_vectors(a_lon, a_lat), geodesic.unit_vectors(b_lon, b_lat),
                        (a_lon, a_lat), (b_lon, b_lat))
    ref = GEOD.inv(np.repeat(a_lon, 300), np.repeat(a_lat, 300), np.tile(b_lon, 7), np.tile(b_lat, 7))[2]
    assert m.shape == (7, 300)
    np.testing.assert_allclose(m.ravel(), ref, rtol=1e-4)


def test_antipodes_and_identical_points() -> None:
    # antipodal points on the equator: the geodesic runs over a pole, half a meridian long
    d = float(geodesic.fast(0.0, 0.0, 180.0, 0.0))
    assert d == pytest.approx(geodesic.HALF_CIRCUMFERENCE_M, rel=1e-9)
    assert float(geodesic.fast(10.0, 20.0, 10.0, 20.0)) == 0.0
    assert float(geodesic.distance(10.0, 20.0, 10.0, 20.0)) == 0.0


def test_ellipsoid_band_around_the_auxiliary_sphere() -> None:
    """Geodesic length lies in [(1 - f) a sigma, a sigma]: the pruning in nearest.py relies on it."""
    lon1, lat1, lon2, lat2 = _random_pairs(100_000, seed=11)
    ref = GEOD.inv(lon1, lat1, lon2, lat2)[2]
    sigma = geodesic.angle(geodesic.unit_vectors(lon1, lat1), geodesic.unit_vectors(lon2, lat2))
    ok = sigma > 1e-9
    ratio = ref[ok] / (geodesic.A * sigma[ok])
    assert ratio.min() >= 1 - geodesic.F - 1e-9
    assert ratio.max() <= 1 + 1e-6


@settings(max_examples=200, deadline=None)
@given(lat1=st.floats(-89.9, 89.9), lon1=st.floats(-180, 180), lat2=st.floats(-89.9, 89.9),
       lon2=st.floats(-180, 180), r1=st.floats(0, 0.3), r2=st.floats(0, 0.3))
def test_cap_bounds_contain_every_pair(lat1: float, lon1: float, lat2: float, lon2: float, r1: float,
                                       r2: float) -> None:
    """Points sampled inside two caps are never nearer than the lower bound nor farther than the upper."""
    rng = np.random.default_rng(abs(hash((lat1, lon1, lat2, lon2))) % 2**32)
    c1, c2 = geodesic.unit_vectors(lon1, lat1), geodesic.unit_vectors(lon2, lat2)

    def sample(c: np.ndarray, r: float) -> np.ndarray:
        v = rng.normal(size=(64, 3))
        v -= (v @ c)[:, None] * c
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        t = rng.uniform(0, r, 64)[:, None]
        return np.cos(t) * c + np.sin(t) * v

    p1, p2 = sample(c1, r1), sample(c2, r2)
    lo1, la1 = geodesic.lonlat(p1)
    lo2, la2 = geodesic.lonlat(p2)
    d = GEOD.inv(lo1, la1, lo2, la2)[2]
    theta = geodesic.angle(c1, c2)
    lower, upper = geodesic.bounds(np.array([theta]), np.array([r1 + r2]), geodesic.z_range(c1[2:], np.array([r1])),
                                   geodesic.z_range(c2[2:], np.array([r2])))
    assert d.min() >= lower[0] - 1.0
    assert d.max() <= upper[0] + 1.0
