"""Benchmark: geodesic distances from 50 launch sites to every city and to every territory's nearest point.

    python benchmarks/bench_reach.py [--sites 50] [--sample 20000]

What is timed (the "engine"): for 50 launch points, the distance to each of the
~34,000 GeoNames cities of 15,000+ inhabitants (``geodesic.matrix``: Lambert's
formula in numpy, Karney for near-antipodal pairs), and to the nearest point of
every territory of the compiled atlas (``nearest.nearest`` over ~600,000
boundary vertices, pruned with cap bounds), on all the CPUs this process may
use (two in CI).

Baselines, measured in the same run:
  * a per-pair pyproj loop (``Geod.inv`` called once per pair, as a naive program
    would): far too slow to run in full (about 1.7 million city pairs and 30
    million site-vertex pairs), so a random sample of pairs is timed and the
    time extrapolated to the full count; the script says so in its output;
  * pyproj vectorised over arrays (one ``Geod.inv`` call per site, every pair
    computed): the cities in full, the territory vertices on a sample of sites.

Accuracy: the engine's distances are compared with Karney (``Geod.inv``) on a
random sample of city pairs and, for the territories, with an exhaustive
vectorised pyproj minimum over every boundary vertex for a sample of sites. The
target is agreement to 0.01 %.

Setup (reading the cities, compiling or loading the vertex trees) is reported
separately: it happens once per process (and the trees are cached on disk).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np


def _sites(kb: object, n: int, seed: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The named launch sites of the knowledge base, then seeded random points up to n."""
    names, lon, lat = [], [], []
    for s in kb.launch_sites.values():  # type: ignore[attr-defined]
        names.append(s.id)
        lon.append(s.lon)
        lat.append(s.lat)
    rng = np.random.default_rng(seed)
    while len(names) < n:
        names.append(f"random-{len(names)}")
        lon.append(float(rng.uniform(-180, 180)))
        lat.append(float(np.degrees(np.arcsin(rng.uniform(-0.95, 0.95)))))
    return names[:n], np.array(lon[:n]), np.array(lat[:n])


def _shapes_from_kb() -> tuple[object, object, str]:
    """The atlas's pieces (and the kb for site names), or, if the knowledge base does not load, Natural Earth's
    admin-0 features directly, each feature one territory."""
    import casus
    from casus.errors import KnowledgeBaseError

    try:
        kb = casus.open()
        from casus.reach.world import world

        w = world(kb)
        return kb, w, f"atlas pieces of {len(w.territory_ids)} territories"
    except KnowledgeBaseError as exc:
        print(f"note: the knowledge base does not load ({len(exc.problems)} problems); measuring to Natural Earth "
              "admin-0 features instead")
        from casus.geo.ne import read_features
        from casus.reach import nearest

        feats = read_features()

        class _W:  # the parts of World the benchmark uses
            pieces = nearest.from_geometries([f.code for f in feats], [f.geometry for f in feats])
            territory_ids = tuple(f.code for f in feats)

            @staticmethod
            def territory_distance(d: np.ndarray) -> np.ndarray:
                return d

        class _KB:
            def __init__(self) -> None:
                self.launch_sites: dict[str, object] = {}

        return _KB(), _W(), f"{len(feats)} Natural Earth admin-0 features"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--sample", type=int, default=20000, help="pairs timed in the per-pair loop baselines")
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()

    from pyproj import Geod

    from casus.reach import cities, geodesic, nearest

    geod = Geod(ellps="WGS84")
    cpus = geodesic.workers()
    print(f"CPUs available: {cpus} (os.cpu_count() = {os.cpu_count()})")

    t0 = time.perf_counter()
    kb, w, what = _shapes_from_kb()
    t_world = time.perf_counter() - t0
    t0 = time.perf_counter()
    c = cities.load()
    cu = geodesic.unit_vectors(c.lon, c.lat)
    t_cities = time.perf_counter() - t0
    names, slon, slat = _sites(kb, args.sites, args.seed)
    S, C, V = len(names), len(c), w.pieces.lon.size
    print(f"setup: territories ({what}, {V:,} boundary vertices) {t_world:.2f} s; "
          f"{C:,} cities {t_cities:.2f} s (once per process)")

    # ------------------------------------------------------------------ the engine
    def engine() -> tuple[np.ndarray, np.ndarray]:
        su = geodesic.unit_vectors(slon, slat)
        to_cities = geodesic.matrix(su, cu, (slon, slat), (c.lon, c.lat))
        pts = nearest.from_points(names, slon, slat)
        to_pieces = nearest.nearest(pts, w.pieces, exact=False).distance
        return to_cities, w.territory_distance(to_pieces)

    engine()   # first run: page faults, imports
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        to_cities, to_terr = engine()
        runs.append(time.perf_counter() - t0)
    t_engine = min(runs)
    print(f"engine: {S} sites x {C:,} cities and x {to_terr.shape[1]} territories' nearest points: "
          f"{t_engine:.3f} s (best of 3; runs {', '.join(f'{r:.3f}' for r in runs)})")

    # ------------------------------------------------------------------ baseline 1: per-pair pyproj loop (sampled)
    rng = np.random.default_rng(args.seed)
    n = args.sample
    si = rng.integers(0, S, n)
    ci = rng.integers(0, C, n)
    t0 = time.perf_counter()
    loop_c = np.empty(n)
    for k in range(n):
        loop_c[k] = geod.inv(slon[si[k]], slat[si[k]], c.lon[ci[k]], c.lat[ci[k]])[2]
    per_pair = (time.perf_counter() - t0) / n
    vi = rng.integers(0, V, n)
    t0 = time.perf_counter()
    for k in range(n):
        geod.inv(slon[si[k]], slat[si[k]], w.pieces.lon[vi[k]], w.pieces.lat[vi[k]])
    per_pair_v = (time.perf_counter() - t0) / n
    loop_total = per_pair * S * C + per_pair_v * S * V
    print(f"baseline, per-pair pyproj loop: {per_pair * 1e6:.2f} us/pair (sampled {n:,} pairs of each kind and "
          f"EXTRAPOLATED to {S * C:,} city pairs + {S * V:,} site-vertex pairs) = {loop_total:,.1f} s")

    # ------------------------------------------------------------------ baseline 2: pyproj vectorised
    t0 = time.perf_counter()
    for i in range(S):
        geod.inv(np.full(C, slon[i]), np.full(C, slat[i]), c.lon, c.lat)
    vec_c = time.perf_counter() - t0
    k_sites = min(3, S)
    exhaustive = np.empty((k_sites, len(w.pieces)))
    t0 = time.perf_counter()
    for i in range(k_sites):
        d = geod.inv(np.full(V, slon[i]), np.full(V, slat[i]), w.pieces.lon, w.pieces.lat)[2]
        best = np.full(len(w.pieces), np.inf)
        np.minimum.at(best, w.pieces.group, d)
        exhaustive[i] = best
    vec_v = (time.perf_counter() - t0) / k_sites * S
    print(f"baseline, pyproj vectorised over arrays: cities {vec_c:.2f} s (all); territory vertices "
          f"{vec_v:.1f} s (timed on {k_sites} sites, EXTRAPOLATED to {S}); total {vec_c + vec_v:.1f} s")

    # ------------------------------------------------------------------ accuracy
    rel_c = np.abs(to_cities[si, ci] - loop_c) / np.maximum(loop_c, 1.0)
    import shapely

    pieces_d = nearest.nearest(nearest.from_points(names[:k_sites], slon[:k_sites], slat[:k_sites]), w.pieces,
                               exact=False).distance
    inside = np.array([shapely.intersects(w.pieces.geoms, shapely.points(slon[i], slat[i])) for i in range(k_sites)])
    ref = np.where(inside, 0.0, exhaustive)
    rel_t = np.abs(pieces_d - ref) / np.maximum(ref, 1.0)
    print(f"accuracy vs Karney (pyproj): cities max relative difference {rel_c.max():.2e} over {n:,} sampled "
          f"pairs; territories' nearest points {rel_t.max():.2e} over {k_sites} sites x {len(w.pieces)} shapes "
          f"(target < 1e-4: {'met' if max(rel_c.max(), rel_t.max()) < 1e-4 else 'NOT MET'})")

    # ------------------------------------------------------------------ summary
    print(f"speed-up: {loop_total / t_engine:,.0f}x the per-pair loop (extrapolated), "
          f"{(vec_c + vec_v) / t_engine:,.1f}x pyproj vectorised; engine {t_engine:.3f} s on {cpus} CPU(s) "
          f"(goal: under 1 s on two cores: {'met' if t_engine < 1.0 else 'NOT MET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
