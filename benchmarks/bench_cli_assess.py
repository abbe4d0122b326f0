"""``casus assess FILE --jsonl`` against a stdlib JSON round trip of its own output, and its peak memory.

Writes N scenarios (the public examples, repeated over several dates) to a JSON Lines file, runs the CLI on
it in a child process and prints, from the same run:

* the CLI's CPU time (user + system of the child, ``resource.getrusage``) and scenarios per CPU second;
* a stdlib round trip of the CLI's own output (``json.loads`` then ``json.dumps`` of every line), CPU time,
  best of 3: the anchor; the ratio CLI / round trip (goal: at most 2);
* the child's peak resident memory, for N and for N/4 (flat in N is the goal);
* output bytes per scenario.

    python benchmarks/bench_cli_assess.py -n 2000             # the compact documents (the default)
    python benchmarks/bench_cli_assess.py -n 10000 --detail   # the full documents
    python benchmarks/bench_cli_assess.py -n 10000 --no-cascade
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PUBLIC = [
    {"attacker": "RUS", "victim": "EST", "place": "Tallinn"},
    {"attacker": "ZAF", "victim": "FRA", "place": "Reunion"},
    {"attacker": "CHN", "victim": "AUS", "place": "Sydney"},
    {"attacker": "VEN", "victim": "USA", "place": "Charlotte Amalie"},
    {"attacker": "PRK", "victim": "KOR", "place": "Jeju"},
    {"attacker": "CHN", "victim": "TWN", "place": "Taipei"},
    {"attacker": "RUS", "victim": "LTU", "target": "cyber"},
    {"attacker": "SUN", "victim": "ESP", "place": "Madrid"},
    {"attacker": "RUS", "victim": "FIN", "place": "Helsinki"},
    {"attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"attacker": "MAR", "victim": "ESP", "place": "Ceuta"},
    {"attacker": "USA", "victim": "PRK", "place": "Pyongyang"},
]
DATES = ["1955-01-01", "1970-06-01", "1982-05-31", "1985-06-01", "2004-04-01", "2014-09-04", "2017-11-02",
         "2025-06-01"]


def scenarios(n: int) -> list[dict]:
    """N scenarios cycling through the public examples and dates (a scenario a state did not exist for is a
    bad line, reported, as in a real batch)."""
    out = []
    for k in range(n):
        s = dict(PUBLIC[k % len(PUBLIC)])
        s["date"] = DATES[(k // len(PUBLIC)) % len(DATES)]
        out.append(s)
    return out


def run_cli(path: Path, cascade: bool, detail: bool = False) -> tuple[float, int, bytes]:
    """CPU seconds, peak RSS (KiB) and stdout of ``casus assess FILE --jsonl`` in a child process."""
    exe = Path(sys.executable).with_name("casus")
    args = [str(exe), "assess", str(path), "--jsonl"] + ([] if cascade else ["--no-cascade"]) + (
        ["--detail"] if detail else [])
    script = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); "
              "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
              "sys.stderr.write(f'{u.ru_utime + u.ru_stime} {u.ru_maxrss}\\n'); sys.stdout.buffer.write(r.stdout)")
    p = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, check=True)
    cpu, rss = p.stderr.decode().split()[-2:]
    return float(cpu), int(rss), p.stdout


def round_trip(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        for line in text.splitlines():
            json.dumps(json.loads(line), ensure_ascii=False)
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="number of scenarios")
    ap.add_argument("--no-cascade", action="store_true")
    ap.add_argument("--detail", action="store_true", help="the full documents (casus assess --detail)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for n in (max(1, args.n // 4), args.n):
            path = Path(tmp) / f"s{n}.jsonl"
            path.write_text("".join(json.dumps(s) + "\n" for s in scenarios(n)), encoding="utf-8")
            results[n] = run_cli(path, not args.no_cascade, args.detail)
        empty = Path(tmp) / "one.jsonl"
        empty.write_text(json.dumps(scenarios(1)[0]) + "\n", encoding="utf-8")
        start_cpu, _, _ = run_cli(empty, not args.no_cascade, args.detail)
    cpu, rss, out = results[args.n]
    text = out.decode("utf-8")
    lines = text.count("\n")
    anchor = round_trip(text)
    work = cpu - start_cpu
    print(f"{args.n:,} scenarios -> {lines:,} lines, {len(out) / 1e6:.1f} MB "
          f"({len(out) / max(lines, 1):,.0f} B a line)")
    mode = " --detail" if args.detail else ""
    print(f"casus assess --jsonl{mode}: {cpu:.2f} s CPU ({start_cpu:.2f} s of it a one-scenario run: start-up), "
          f"{args.n / max(work, 1e-9):,.0f} scenarios per CPU second after start-up")
    print(f"stdlib json round trip of that output: {anchor:.2f} s CPU (best of 3)")
    print(f"ratio (CLI - start-up) / round trip = {work / anchor:.2f} (goal: at most 2)")
    small = min(results)
    print(f"peak RSS: {results[small][1] / 1024:.0f} MiB at {small:,} scenarios, {rss / 1024:.0f} MiB at {args.n:,}")


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    main()
