"""Benchmark: do the hot paths hold as the knowledge base grows to ten times as many clauses?

Times the scenario kernel (``assess_many``), ``defends_many``, the sweep kernel (``judge_points`` on a
grid) and the dyad-year export on three knowledge bases built in the same run:

- ``base``: the bundled data without the compact pacts (``data/pacts/``), i.e. the original treaties;
- ``bundled``: the bundled data as shipped (treaties and pacts);
- ``x10``: the base plus synthetic compact pacts (random pairs of states, random dates, the
  ``mutual-defence`` template) until the base's clause count is multiplied by ``--factor`` (default 10).

Prints each time and the ratio to ``base``; the aim is within 1.5x at ten times the clauses.
Run: ``python benchmarks/bench_pacts.py [--factor 10] [--scenarios 3000] [--grid 1.0]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SYNTHETIC = """\
id: {id}
form: compact
template: mutual-defence
name: Synthetic pact {n}
signed: {signed}
in_force: {in_force}
{ended}parties: [{a}, {b}]
article: "{article}"
attacker: {attacker}
response: Each party assists the other with all means if it is attacked.
summary: A synthetic pact for the benchmark.
sources:
  - {{title: synthetic pact for benchmarks/bench_pacts.py, citation: none}}
"""


def base_copy(dst: Path, with_pacts: bool) -> Path:
    from casus.kb.loader import DATA_DIR

    shutil.copytree(DATA_DIR, dst, ignore=None if with_pacts else shutil.ignore_patterns("pacts"))
    (dst / "pacts").mkdir(exist_ok=True)
    return dst


def add_synthetic(d: Path, n_pacts: int, seed: int = 3) -> None:
    import casus

    kb = casus.open(d)
    rng = random.Random(seed)
    lasting = sorted(c for c, s in kb.states.items() if s.end is None and (s.start is None or s.start.year < 1950))
    for n in range(n_pacts):
        a, b = rng.sample(lasting, 2)
        start = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(70 * 365))
        end = start + dt.timedelta(days=rng.randrange(5 * 365, 40 * 365))
        ended = f"ended: {end}\n" if end < dt.date(2025, 1, 1) else ""
        attacker = rng.choice(["any", "state", "outside_state", "[DEU]"])
        text = SYNTHETIC.format(id=f"synthetic-{n}", n=n, signed=start, in_force=start, ended=ended,
                                a=a, b=b, article=rng.choice(["2", "IV", "5"]), attacker=attacker)
        (d / "pacts" / f"synthetic-{n}.yaml").write_text(text, encoding="utf-8")


def timed(fn: Callable[[], Any], repeat: int = 3) -> float:
    """Best of ``repeat`` runs in CPU time of this process (other work on the machine does not count)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def measure(kb: Any, args: argparse.Namespace) -> dict[str, float]:
    import numpy as np

    import bench_assess
    from casus.export.dyads import dyad_years
    from casus.law.coverage import judge_points

    batch = bench_assess.scenarios(kb, args.scenarios)
    one_day = bench_assess.scenarios(kb, args.scenarios, day="1985-06-01")
    kb.assess_many(batch[:50], on_error="collect")
    places = ["Tallinn", "Guam", "Seoul", "Warsaw", "Ulaanbaatar", "Hanoi", "Havana", "Cairo", "Kabul", "Prague"]
    days = ["1955-06-01", "1970-06-01", "1985-06-01", "2000-06-01", "2024-06-01"]
    lats = np.arange(-60 + args.grid / 2, 80, args.grid)
    lons = np.arange(-180 + args.grid / 2, 180, args.grid)
    lat, lon = (g.ravel() for g in np.meshgrid(lats, lons, indexing="ij"))
    hits = kb.atlas.locate(lat, lon)
    dyad_years(kb, first=2000, last=2000)
    out = {
        "assess_many (random days)": timed(lambda: kb.assess_many(batch, on_error="collect")),
        "assess_many (one day)": timed(lambda: kb.assess_many(one_day, on_error="collect")),
        "defends_many": timed(lambda: [kb.defends_many(places, on=d) for d in days]),
        "sweep kernel": timed(lambda: [judge_points(kb, lat, lon, dt.date.fromisoformat(d), hits=hits)
                                       for d in days]),
        "dyad_years": timed(lambda: dyad_years(kb), repeat=1),
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--factor", type=float, default=10.0, help="clauses of x10 over clauses of base")
    ap.add_argument("--scenarios", type=int, default=3000)
    ap.add_argument("--grid", type=float, default=1.0, help="grid step in degrees for the sweep kernel")
    args = ap.parse_args()

    import casus

    tmp = Path(tempfile.mkdtemp(prefix="casus-bench-pacts-"))
    try:
        dirs = {"base": base_copy(tmp / "base", with_pacts=False),
                "bundled": base_copy(tmp / "bundled", with_pacts=True),
                "x10": base_copy(tmp / "x10", with_pacts=False)}
        n_base = len(casus.open(dirs["base"]).clauses)
        add_synthetic(dirs["x10"], int(n_base * (args.factor - 1)))
        results: dict[str, dict[str, float]] = {}
        for label, d in dirs.items():
            kb = casus.open(d)
            kb.atlas  # noqa: B018  (geometry does not depend on treaties: one compiled atlas for all three)
            results[label] = measure(kb, args)
            print(f"{label:8s}: {len(kb.treaties):4d} treaties, {len(kb.clauses):4d} clauses: "
                  + ", ".join(f"{k} {v:.2f} s" for k, v in results[label].items()))
        print("ratios to base (aim: within 1.5x at ten times the clauses):")
        for label in ("bundled", "x10"):
            print(f"  {label:8s}: " + ", ".join(f"{k} {results[label][k] / results['base'][k]:.2f}x"
                                                 for k in results["base"]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
