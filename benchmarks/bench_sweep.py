"""Benchmark: a global sweep against a per-cell, per-date loop of ``kb.assess`` and against the bare kernel.

Measured in one run, on the same cells and dates:

* the sweep (``casus.sweep.sweep``) of a grid (default 0.25°, 77 yearly dates from 1949-08-24 to 2025-01-01)
  on a local Dask cluster (default two workers), Parquet written;
* the bare vectorised kernel: ``judge_points`` on every kept cell for a sample of dates (nothing written),
  extrapolated to all dates;
* a per-cell, per-date Python loop calling ``kb.assess``, timed on a random sample of (cell, date) pairs and
  extrapolated to all of them (said in the output);
* peak memory: the largest resident set of any worker while running tasks, times the workers, plus the client;
  and ``tracemalloc``'s peak over one representative partition run in this process.

Run: ``python benchmarks/bench_sweep.py [--grid 0.25] [--every 1y] [--workers 2] [--data DIR]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

GIB = 1024**3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--grid", type=float, default=0.25)
    ap.add_argument("--dates", default="1949-08-24..2025-01-01")
    ap.add_argument("--every", default="1y")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kernel-dates", type=int, default=3, help="dates timed for the bare kernel")
    ap.add_argument("--loop-sample", type=int, default=300, help="(cell, date) pairs timed for the assess loop")
    ap.add_argument("--data", default=None, help="knowledge-base directory (default: bundled)")
    args = ap.parse_args()

    import casus
    from casus.law.attack import Attack, Point
    from casus.law.coverage import judge_points
    from casus.law.kernel import OUTSIDE
    from casus.sweep import Grid, parse_dates, parse_mode, sweep
    from casus.sweep.partition import run_task
    from casus.sweep.plan import Job, plan
    from casus.sweep.run import kb_ref, resolve_clauses

    kb = casus.open(args.data)
    kb.atlas  # noqa: B018
    grid = Grid(args.grid)
    dates = parse_dates(args.dates, args.every)
    clauses = resolve_clauses(kb, None)
    print(f"grid {args.grid}° ({grid.n:,} cells), {len(dates)} dates, {len(clauses)} clauses, "
          f"{args.workers} workers")

    # 1. the sweep
    tmp = Path(tempfile.mkdtemp(prefix="casus-bench-"))
    try:
        t0 = time.perf_counter()
        s = sweep(kb, out=tmp / "sweep", dates=dates, grid=grid, mode=parse_mode("local", args.workers),
                  data_dir=args.data)
        wall = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in (tmp / "sweep").iterdir())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    evals = s.evaluations
    print(f"sweep: {wall:.1f} s wall ({s.seconds:.1f} s in tasks' loop), {s.partitions} partitions, "
          f"{s.cells_kept:,} of {s.cells:,} cells kept (high seas skipped), {s.rows:,} rows, "
          f"{size / 1e6:,.0f} MB of Parquet")
    print(f"sweep rate: {evals / wall:,.0f} cell x date x clause evaluations per second on {args.workers} cores "
          f"({evals:,} in all)")

    # 2. the bare kernel on every kept cell, located once
    lat_all, lon_all, hits_all = [], [], []
    t0 = time.perf_counter()
    for tile in grid.tiles(360.0 if grid.n <= 1_100_000 else 90.0):
        _, lat, lon = grid.cells(tile)
        h = kb.atlas.locate(lat, lon)
        keep = np.flatnonzero(h.territory >= 0)
        lat_all.append(lat[keep])
        lon_all.append(lon[keep])
        hits_all.append(dataclasses.replace(h, **{f.name: np.asarray(getattr(h, f.name))[keep]
                                                 for f in dataclasses.fields(h)}))
    t_locate = time.perf_counter() - t0
    lat = np.concatenate(lat_all)
    lon = np.concatenate(lon_all)
    hits = dataclasses.replace(hits_all[0], **{f.name: np.concatenate([np.asarray(getattr(x, f.name))
                                                                       for x in hits_all])
                                               for f in dataclasses.fields(hits_all[0])})
    sample_dates = [dates[i] for i in np.linspace(0, len(dates) - 1, args.kernel_dates).astype(int)]
    t0 = time.perf_counter()
    for day in sample_dates:
        judge_points(kb, lat, lon, day, clauses=clauses, hits=hits)
    per_date = (time.perf_counter() - t0) / len(sample_dates)
    kernel = t_locate + per_date * len(dates)
    print(f"bare kernel (one core): locate {t_locate:.1f} s once, judge_points {per_date:.2f} s per date on "
          f"{len(lat):,} cells (timed on {len(sample_dates)} dates, extrapolated to {len(dates)}): {kernel:.0f} s")

    # 3. the per-cell, per-date loop of kb.assess, sampled
    rng = np.random.default_rng(7)
    pick = rng.choice(len(lat), size=args.loop_sample)
    days = [dates[i] for i in rng.choice(len(dates), size=args.loop_sample)]
    attacks = [Attack(date=d, attacker=OUTSIDE, victim=None, place=Point(float(lat[i]), float(lon[i])))
               for i, d in zip(pick, days, strict=True)]
    done = 0
    t0 = time.perf_counter()
    for a in attacks:
        try:
            r = kb.assess(a)
            _ = [r.status(c) for c in clauses]
            done += 1
        except casus.CasusError:   # a place nobody holds (Antarctica): assess asks for a victim
            done += 1
    per_call = (time.perf_counter() - t0) / done
    loop = per_call * len(lat) * len(dates)
    print(f"assess loop (one core): {per_call * 1e3:.2f} ms per (cell, date), timed on {done} random pairs and "
          f"extrapolated to {len(lat) * len(dates):,} pairs: {loop:,.0f} s ({loop / 3600:,.1f} h)")

    # 4. memory
    client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"peak resident memory: each worker at most {s.peak_rss / GIB:.2f} GiB, client {client_peak / GIB:.2f} "
          f"GiB; whole run at most {(s.peak_rss * args.workers + client_peak) / GIB:.2f} GiB "
          f"({args.workers} workers + client)")
    job = Job(kb_ref(kb, args.data, ()), grid, dates, clauses, "territory", True)
    tasks = plan(job)
    busiest = max(tasks, key=lambda t: (t.cells, len(t.dates)))
    tracemalloc.start()
    run_task(job, busiest)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tracemalloc peak over one partition ({busiest.cells:,} cells x {len(busiest.dates)} dates, in this "
          f"process): {traced / GIB:.3f} GiB")

    print("ratios (same run):")
    print(f"  assess loop / sweep:  {loop / wall:,.0f}x  (aim: at least 100x)")
    print(f"  sweep / bare kernel:  {wall / kernel:.2f}x  (aim: within 2x; the sweep also writes Parquet, and "
          f"judges each distinct (territory, regions) once per tile)")


if __name__ == "__main__":
    main()
