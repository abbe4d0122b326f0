"""Benchmark: assess_many over 10,000 varied scenarios against a per-scenario loop of assess.

Run: python benchmarks/bench_assess.py [--n 10000] [--loop 300]
The loop baseline is measured on a sample (--loop scenarios) in the same run and
scaled to n; both sides use warm caches (geometry and day tables), so the ratio
measures the vectorised kernel, not start-up. Findings are computed for every
clause; words and cascades are produced only when an assessment is read, on both
sides alike.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import time

import numpy as np

import casus

PLACES = ["Tallinn", "Guam", "Honolulu", "Sydney", "Seoul", "Tokyo", "Helsinki", "Madrid", "Paris", "Ankara",
          "Manila", "Taipei", "Pyongyang", "Reykjavik", "Oslo", "Washington", "Anchorage", "Auckland", "Warsaw",
          "Bucharest", "Riga", "Rome", "Athens, GR", "Lisbon", "Ottawa", "Mexico City", "Brasilia", "Havana",
          "Canberra", "Jeju"]
ATTACKERS = ["RUS", "CHN", "PRK", "IRN", "SUN", "nsa:group", "VEN", "SYR"]


def scenarios(kb: casus.KnowledgeBase, n: int, seed: int = 1, day: str | None = None) -> list[dict]:
    rng = np.random.default_rng(seed)
    fixed = day
    pts = [kb.place(p) for p in PLACES]
    start, span = dt.date(1950, 1, 1).toordinal(), (dt.date(2025, 12, 31) - dt.date(1950, 1, 1)).days
    out = []
    for i in range(n):
        p = pts[rng.integers(len(pts))]
        lat = float(np.clip(p.lat + rng.normal(0, 0.05), -89.9, 89.9))
        lon = float(np.clip(p.lon + rng.normal(0, 0.05), -179.9, 179.9))
        day = dt.date.fromordinal(start + int(rng.integers(span)))
        target = ["territory", "territory", "armed_forces", "aircraft", "cyber"][int(rng.integers(5))]
        s = {"id": str(i), "date": fixed or day.isoformat(), "attacker": ATTACKERS[int(rng.integers(len(ATTACKERS)))],
             "place": {"lat": lat, "lon": lon}, "target": target}
        if target == "cyber":
            s["victim"] = ["USA", "EST", "JPN", "FRA"][int(rng.integers(4))]
            del s["place"]
        out.append(s)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--loop", type=int, default=300)
    ap.add_argument("--date", help="put every scenario on this day (default: random days 1950-2025)")
    args = ap.parse_args()
    kb = casus.open()
    batch = scenarios(kb, args.n, day=args.date)
    kb.assess_many(batch[:50], on_error="collect")  # warm geometry
    t0 = time.perf_counter()
    res = kb.assess_many(batch, on_error="collect")
    t_vec = time.perf_counter() - t0
    n_ok = sum(1 for r in res if not isinstance(r, Exception))
    sample = batch[: args.loop]
    t0 = time.perf_counter()
    for s in sample:
        with contextlib.suppress(casus.CasusError):
            kb.assess(s)
    t_loop = (time.perf_counter() - t0) * len(batch) / len(sample)
    n_clauses = len(kb.clauses)
    print(f"scenarios: {len(batch)} ({n_ok} valid), clauses in the knowledge base: {n_clauses}")
    print(f"assess_many: {t_vec:.2f} s = {len(batch) / t_vec:,.0f} scenarios/s")
    print(f"per-scenario loop (sampled {len(sample)}, scaled): {t_loop:.2f} s = {len(batch) / t_loop:,.0f} scenarios/s")
    print(f"ratio loop / assess_many: {t_loop / t_vec:.1f}x")


if __name__ == "__main__":
    main()
