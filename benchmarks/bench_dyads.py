"""Benchmark: the dyad-year export for every state, 1945 to today, against a per-dyad-year Python loop.

The baseline asks ``standing`` (the same function the export reads) for each
directed dyad, year and treaty on 1 January, the ``jan1`` rule, for a random
sample of dyad-years, and extrapolates to the whole table (said in the output).
Run: ``python benchmarks/bench_dyads.py [--data DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time


def baseline_one(kb, a: str, b: str, year: int) -> set[str]:
    """Kinds A owed B on 1 January of ``year`` (or the first day of the year both existed): the plain loop a
    researcher might write."""
    from casus.export.obligations import kinds_on
    from casus.kb.membership import standing

    day = max([dt.date(year, 1, 1), *(s.start for s in (kb.states[a], kb.states[b]) if s.start)])
    kinds: set[str] = set()
    for t in kb.treaties.values():
        table = dict(kb.spells[t.id])
        sa = standing(t, a, day, table)
        sb = standing(t, b, day, table)
        if sa.party and sb.party and not sa.suspended and not sb.suspended and b not in sa.not_bound_towards:
            kinds |= kinds_on(t, day)
    return kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=None, help="knowledge-base directory (default: bundled)")
    ap.add_argument("--sample", type=int, default=3000, help="dyad-years timed in the baseline loop")
    args = ap.parse_args()

    import casus
    from casus.export.dyads import dyad_years

    kb = casus.open(args.data)
    dyad_years(kb, first=2000, last=2000)   # imports and caches warmed
    timings = {}
    for label, kw in (("directed, any day", {}), ("undirected, any day", {"directed": False}),
                      ("directed, 1 January", {"rule": "jan1"})):
        t0 = time.perf_counter()
        table = dyad_years(kb, **kw)
        timings[label] = (time.perf_counter() - t0, table.num_rows)
        print(f"dyad_years {label:22s}: {timings[label][0]:6.2f} s for {table.num_rows:>9,} rows "
              f"({table.num_rows / timings[label][0]:,.0f} rows/s)")
    jan1 = dyad_years(kb, rule="jan1", by="iso").to_pandas()
    rng = random.Random(1)
    picks = [jan1.iloc[rng.randrange(len(jan1))] for _ in range(args.sample)]
    t0 = time.perf_counter()
    agree = 0
    for r in picks:
        kinds = baseline_one(kb, r.iso1, r.iso2, int(r.year))
        agree += int(("defense" in kinds) == bool(r.defense))
    per = (time.perf_counter() - t0) / len(picks)
    full = per * timings["directed, 1 January"][1]
    print(f"baseline loop: {per * 1e3:.3f} ms per dyad-year, sampled on {len(picks):,} dyad-years and "
          f"extrapolated to {timings['directed, 1 January'][1]:,} rows: {full:,.0f} s")
    print(f"agreement with the export on the sample (defense, 1 January): {agree}/{len(picks)}")
    print(f"ratio baseline / export (1 January rule): {full / timings['directed, 1 January'][0]:,.0f}x")


if __name__ == "__main__":
    main()
