"""Distances on the WGS84 ellipsoid: exact (Karney, through pyproj) and fast (Lambert, in numpy).

Every distance casus reports is a geodesic on WGS84. Two ways to get one:

* :func:`karney` calls ``pyproj.Geod(ellps="WGS84").inv``: Karney's algorithm,
  exact to nanometres, about 1.5 µs a pair. Single answers and the final
  numbers of a reach query use it.
* :func:`lambert` evaluates Lambert's formula for long lines (Lambert 1942):
  the central angle on the auxiliary sphere of reduced latitudes, corrected to
  first order in the flattening. Against Karney it is within 2.5e-5 (relative)
  for central angles up to 170°, and it is a handful of numpy operations, so a
  50 × 34,000 matrix takes a fraction of a second. Beyond 170° (near-antipodal
  pairs, where the first-order correction breaks down) :func:`distance` falls
  back to Karney. The tests hold both to 1e-4 (0.01 %) of Karney.

Haversine on a sphere is off by up to 0.56 % and is never used for an answer.
The angle on the auxiliary sphere is used for pruning: the geodesic length
always lies between ``(1 - f)·a·σ`` and ``a·σ`` (checked in the tests), so a
vertex whose angle exceeds the best one by more than that factor cannot be the
nearest.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

import numpy as np

#: WGS84 semi-major axis (m) and flattening
A = 6378137.0
F = 1 / 298.257223563
#: the longest geodesic on WGS84: half a meridian, from pole to pole (m)
HALF_CIRCUMFERENCE_M = 20003931.4586
#: geodesic length / (a · angle on the auxiliary sphere) lies in [1 - f, 1]; a pruning bound must stretch by this
BAND = 1.0 / (1.0 - F) * (1.0 + 1e-6)
#: Lambert's formula is used up to this central angle (radians), Karney beyond it
LAMBERT_MAX_SIGMA = math.radians(170.0)
#: the largest relative difference between Lambert and Karney below LAMBERT_MAX_SIGMA (measured: 2.35e-5)
LAMBERT_MAX_REL_ERROR = 3e-5
#: pairs per chunk in the threaded matrix functions (keeps temporaries in cache-friendly sizes)
CHUNK = 1 << 18


@lru_cache(maxsize=1)
def geod() -> Any:
    """The one pyproj ``Geod`` for WGS84."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def workers() -> int:
    """Threads for numpy and pyproj work (both release the GIL): the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def unit_vectors(lon: Any, lat: Any) -> np.ndarray:
    """Unit vectors on the auxiliary sphere of reduced latitudes, shape ``(..., 3)``."""
    lon = np.radians(np.asarray(lon, dtype=float))
    lat = np.radians(np.asarray(lat, dtype=float))
    beta = np.arctan2((1.0 - F) * np.sin(lat), np.cos(lat))
    cb = np.cos(beta)
    return np.stack([cb * np.cos(lon), cb * np.sin(lon), np.sin(beta)], axis=-1)


def lonlat(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitude and geodetic latitude (degrees) back from auxiliary-sphere unit vectors."""
    x, y, z = u[..., 0], u[..., 1], u[..., 2]
    beta = np.arctan2(z, np.hypot(x, y))
    lat = np.arctan2(np.sin(beta), (1.0 - F) * np.cos(beta))
    return np.degrees(np.arctan2(y, x)), np.degrees(lat)


def angle(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Central angle (radians) between unit vectors, accurate at small angles (from the chord)."""
    d = u1 - u2
    chord = np.sqrt(np.einsum("...i,...i->...", d, d))
    return 2.0 * np.arcsin(np.minimum(chord * 0.5, 1.0))


def lambert(u1: np.ndarray, u2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lambert's long-line formula: (metres, central angle) for auxiliary-sphere unit vectors.

    With ``c = cos σ``, ``s = sin σ`` and ``z = sin β``::

        X = (σ - s)(z1 + z2)² / (2(1 + c))     Y = (σ + s)(z2 - z1)² / (2(1 - c))
        d = a (σ - f/2 (X + Y))

    Exact at zero distance; not valid near antipodes (see :data:`LAMBERT_MAX_SIGMA`).
    """
    d = u1 - u2
    ch2 = np.einsum("...i,...i->...", d, d)
    ch = np.sqrt(ch2)
    sigma = 2.0 * np.arcsin(np.minimum(ch * 0.5, 1.0))
    s = ch * np.sqrt(np.maximum(0.0, 1.0 - 0.25 * ch2))
    z1 = u1[..., 2]
    z2 = u2[..., 2]
    one_plus_c = 2.0 - 0.5 * ch2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.where(one_plus_c > 0, (sigma - s) * (z1 + z2) ** 2 / (2.0 * one_plus_c), 0.0)
        y = np.where(ch2 > 0, (sigma + s) * (z2 - z1) ** 2 / ch2, 0.0)
    return A * (sigma - 0.5 * F * (x + y)), sigma


def bounds(theta: np.ndarray, reach: np.ndarray, z1: tuple[np.ndarray, np.ndarray],
           z2: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (m) on the geodesic between any point of one cap and any of another.

    ``theta`` is the angle between the caps' centres and ``reach`` the sum of their
    radii (auxiliary sphere, radians); ``z1``, ``z2`` bound ``sin β`` over each cap.
    Lambert's ``X`` grows with σ and with ``(z1 + z2)²``; ``Y`` shrinks with σ and
    grows with ``(z2 - z1)²``; so the extremes over the box of possible
    (σ, z1, z2) bound the formula, and its own error bound widens them. Far from
    the antipode this is tight to about ``f · radius``; the plain band
    ``[(1 - f)·a·σ, a·σ]`` is used where it is tighter or the formula does not hold.
    """
    lo = np.maximum(theta - reach, 0.0)
    hi = np.minimum(theta + reach, np.pi)
    s_lo, s_hi = z1[0] + z2[0], z1[1] + z2[1]
    d_lo, d_hi = z2[0] - z1[1], z2[1] - z1[0]
    s2_max = np.maximum(s_lo**2, s_hi**2)
    d2_max = np.maximum(d_lo**2, d_hi**2)
    s2_min = np.where((s_lo <= 0) & (s_hi >= 0), 0.0, np.minimum(s_lo**2, s_hi**2))
    d2_min = np.where((d_lo <= 0) & (d_hi >= 0), 0.0, np.minimum(d_lo**2, d_hi**2))
    with np.errstate(divide="ignore", invalid="ignore"):
        g1_hi = (hi - np.sin(hi)) / (2.0 * (1.0 + np.cos(hi)))
        g1_lo = (lo - np.sin(lo)) / (2.0 * (1.0 + np.cos(lo)))
        g2_lo = np.where(lo > 0, (lo + np.sin(lo)) / (2.0 * (1.0 - np.cos(lo))), np.inf)
        g2_hi = np.where(hi > 0, (hi + np.sin(hi)) / (2.0 * (1.0 - np.cos(hi))), np.inf)
        # Y <= sigma + sin(sigma) <= 2 sigma (as (z2 - z1)^2 <= chord^2): caps the terms where 1 - cos underflows
        y_max = np.where(d2_max > 0, np.minimum(np.nan_to_num(g2_lo * d2_max, nan=np.inf), 2.0 * hi), 0.0)
        y_min = np.where(d2_min > 0, np.minimum(np.nan_to_num(g2_hi * d2_min, nan=0.0), 2.0 * hi), 0.0)
        lam_lo = A * (lo - 0.5 * F * (g1_hi * s2_max + y_max))
        lam_hi = A * (hi - 0.5 * F * (g1_lo * s2_min + y_min))
    ok = hi < LAMBERT_MAX_SIGMA
    lower = A * lo * (1.0 - F) * (1.0 - 1e-6)
    upper = A * hi * (1.0 + 1e-6)
    lower = np.where(ok, np.maximum(lower, np.nan_to_num(lam_lo, nan=0.0, neginf=0.0)
                                    * (1.0 - LAMBERT_MAX_REL_ERROR)), lower)
    upper = np.where(ok, np.minimum(upper, np.nan_to_num(lam_hi, nan=np.inf) * (1.0 + LAMBERT_MAX_REL_ERROR)),
                     upper)
    return lower, upper


def z_range(z: np.ndarray, radius: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bounds of ``sin β`` over caps with centre height ``z`` and angular radius ``radius``."""
    beta = np.arcsin(np.clip(z, -1.0, 1.0))
    return np.sin(np.maximum(beta - radius, -np.pi / 2)), np.sin(np.minimum(beta + radius, np.pi / 2))


def karney(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> np.ndarray:
    """Exact geodesic distances (m) with pyproj, broadcasting; threaded for large inputs."""
    b = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2, lat2)))
    shape = b[0].shape
    flat = [np.ascontiguousarray(v).ravel() for v in b]
    n = flat[0].size
    out = np.empty(n)
    g = geod()

    def run(sl: slice) -> None:
        _, _, d = g.inv(flat[0][sl], flat[1][sl], flat[2][sl], flat[3][sl], return_back_azimuth=False)
        out[sl] = d

    _threaded(run, n)
    return out.reshape(shape)


def fast(lon1: Any, lat1: Any, lon2: Any, lat2: Any) -> np.ndarray:
    """Geodesic distances (m): Lambert, with Karney for near-antipodal pairs (broadcasting)."""
    b = [np.atleast_1d(v) for v in np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (lon1, lat1, lon2,
                                                                                              lat2)))]
    shape = np.broadcast_shapes(*(np.shape(v) for v in (lon1, lat1, lon2, lat2)))
    d, sigma = lambert(unit_vectors(b[0], b[1]), unit_vectors(b[2], b[3]))
    far = sigma > LAMBERT_MAX_SIGMA
    if far.any():
        d[far] = karney(b[0][far], b[1][far], b[2][far], b[3][far])
    return d.reshape(shape)


def distance(lon1: Any, lat1: Any, lon2: Any, lat2: Any, *, exact: bool = True) -> np.ndarray:
    """Geodesic distances (m) between points, broadcasting. ``exact=False`` takes the fast path."""
    return karney(lon1, lat1, lon2, lat2) if exact else fast(lon1, lat1, lon2, lat2)


def matrix(u_from: np.ndarray, u_to: np.ndarray, ll_from: tuple[np.ndarray, np.ndarray],
           ll_to: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Distances (m) from every point of one set to every point of another: ``(M, N)``.

    ``u_*`` are auxiliary-sphere unit vectors, ``ll_*`` the (lon, lat) arrays of the
    same points (for the Karney fallback). Rows are split over threads.
    """
    m, n = u_from.shape[0], u_to.shape[0]
    out = np.empty((m, n))
    rows = max(1, CHUNK // max(n, 1))

    def run(sl: slice) -> None:
        d, sigma = lambert(u_from[sl, None, :], u_to[None, :, :])
        far = sigma > LAMBERT_MAX_SIGMA
        if far.any():
            i, j = np.nonzero(far)
            lo1, la1 = ll_from[0][sl][i], ll_from[1][sl][i]
            _, _, dk = geod().inv(lo1, la1, ll_to[0][j], ll_to[1][j], return_back_azimuth=False)
            d[i, j] = dk
        out[sl] = d

    _threaded(run, m, step=rows)
    return out


def _threaded(fn: Any, n: int, step: int = CHUNK) -> None:
    slices = [slice(i, min(i + step, n)) for i in range(0, n, step)]
    k = workers()
    if k == 1 or len(slices) == 1:
        for sl in slices:
            fn(sl)
        return
    with ThreadPoolExecutor(k) as pool:
        list(pool.map(fn, slices))
