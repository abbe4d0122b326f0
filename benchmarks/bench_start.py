"""Start-up of the command line: the first `casus where` after installing, and every one after it.

Each run is a fresh process, ``casus where 59.437 24.745`` (Tallinn), timed from
outside (wall clock, and the child's peak resident memory from ``wait4``):

- ``warm``: the user's cache already holds the compiled knowledge base and atlas (every run after the
  first in a source checkout; with shipped caches every run reads those, the same work);
- ``cold, shipped``: an empty user cache, with the compiled caches that ship inside the package
  (a fresh install of a built wheel);
- ``cold, nothing shipped``: an empty user cache and no shipped caches (a source checkout before
  ``casus build-cache``): the knowledge base is read from YAML and the atlas compiled from Natural Earth;
- ``warm, members`` and ``warm, --help``: warm commands that need the knowledge base but no geometry
  (``casus members nato --on 2023-04-05``), and none of it (``casus --help``);
- ``python``: the bare interpreter (``python -c pass``), the floor under any command.

The anchor measured in the same run is the warm start: the cold starts are given as ratios of it, and
the warm start as a ratio of the bare interpreter, so that the figures hold on a busy machine too
(absolute seconds are printed as well, and the CPU time of each child, which a busy machine
disturbs less than the wall clock). The shipped caches are compiled into a temporary folder first if
the package has none.

    python benchmarks/bench_start.py                 # 5 warm and cold-shipped runs, 1 cold from YAML
    python benchmarks/bench_start.py --runs 9 --cold-runs 2
    python benchmarks/bench_start.py --no-cold       # skip the slow compile from YAML
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: runs the command line as `casus` does, with the shipped caches read from the folder in argv[1]
DRIVER = ("import sys\nfrom pathlib import Path\nfrom casus import cachefile\n"
          "cachefile.SHIPPED_DIR = Path(sys.argv[1])\nsys.argv = ['casus', *sys.argv[2:]]\n"
          "from casus.cli import main\nmain()\n")
COMMAND = ["where", "59.437", "24.745"]
#: warm commands that need less than `where`: the knowledge base without geometry, and help (no base at all)
LIGHTER = {"warm, members": ["members", "nato", "--on", "2023-04-05"], "warm, --help": ["--help"]}


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MiB) of one child process; its output is checked, not shown."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or (argv[-1] == COMMAND[-1] and b"Estonia" not in out):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-1500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def interleaved(plans: dict[str, tuple[int, list[str], dict[str, str], Path | None]]) -> dict[str, dict[str, float]]:
    """Run the series round-robin (one run of each in turn), so that a change in the machine's load
    weighs on all of them alike; ``fresh_cache`` gives each run an empty user cache under it."""
    walls: dict[str, list[float]] = {k: [] for k in plans}
    cpus: dict[str, list[float]] = {k: [] for k in plans}
    peaks: dict[str, list[float]] = {k: [] for k in plans}
    for i in range(max(n for n, *_ in plans.values())):
        for label, (n, argv, env, fresh_cache) in plans.items():
            if i >= n:
                continue
            if fresh_cache is not None:
                cache = fresh_cache / f"{label.replace(' ', '-').replace(',', '')}-{i}"
                cache.mkdir(mode=0o700, parents=True)
                env = {**env, "CASUS_CACHE_DIR": str(cache)}
            wall, cpu, peak = run(argv, env)
            walls[label].append(wall)
            cpus[label].append(cpu)
            peaks[label].append(peak)
    return {k: {"median": statistics.median(walls[k]), "min": min(walls[k]), "cpu": statistics.median(cpus[k]),
                "peak": max(peaks[k]), "n": len(walls[k])} for k in plans}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="runs of each fast series (default 5)")
    ap.add_argument("--cold-runs", type=int, default=1, help="runs compiling from YAML (default 1)")
    ap.add_argument("--no-cold", action="store_true", help="skip the compile from YAML")
    args = ap.parse_args()

    from casus import cachefile

    with tempfile.TemporaryDirectory(prefix="casus-bench-start-") as tmp:
        root = Path(tmp)
        os.chmod(root, 0o700)
        env = {k: v for k, v in os.environ.items() if k != "CASUS_CACHE_DIR"}
        env["MPLCONFIGDIR"] = str(root / "mpl")
        shipped = cachefile.SHIPPED_DIR
        if not list(shipped.glob("kb-*.bin")) or not list(shipped.glob("atlas-*.bin")):
            shipped = root / "shipped"
            print(f"compiling the shipped caches into {shipped} (the package has none) ...", flush=True)
            subprocess.run([sys.executable, "-m", "casus.geo.shipping", str(shipped)], check=True,
                           env={**env, "CASUS_CACHE_DIR": str(root / "build-cache")}, stdout=subprocess.DEVNULL)
        nothing = root / "nothing-shipped"
        nothing.mkdir()
        casus = [sys.executable, "-c", DRIVER]
        warm_cache = root / "warm"
        warm_cache.mkdir(mode=0o700)
        warm_env = {**env, "CASUS_CACHE_DIR": str(warm_cache)}
        for f in shipped.glob("*.bin"):  # the user cache holds the same files under the same names
            shutil.copyfile(f, warm_cache / f.name)
        run([*casus, str(nothing), *COMMAND], warm_env)  # a first run that fills the rest (and the page cache)
        plans: dict[str, tuple[int, list[str], dict[str, str], Path | None]] = {
            "python": (args.runs, [sys.executable, "-c", "pass"], env, None),
            "warm": (args.runs, [*casus, str(nothing), *COMMAND], warm_env, None),
            "cold, shipped": (args.runs, [*casus, str(shipped), *COMMAND], env, root / "fresh"),
            **{label: (args.runs, [*casus, str(nothing), *argv], warm_env, None) for label, argv in LIGHTER.items()},
        }
        if not args.no_cold:
            plans["cold, nothing shipped"] = (args.cold_runs, [*casus, str(nothing), *COMMAND], env, root / "fresh")
        results = interleaved(plans)

    anchor = results["warm"]["median"]
    print(f"\n`casus where 59.437 24.745`, fresh process each run ({os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f})")
    cpu_anchor = results["warm"]["cpu"]
    print(f"{'':24} {'median s':>9} {'min s':>7} {'CPU s':>6} {'peak MiB':>9} {'runs':>5}  ratio (wall; CPU)")
    for label, r in results.items():
        if label == "python":
            ratio = f"warm = {anchor / r['median']:.1f}x this; {cpu_anchor / max(r['cpu'], 1e-3):.1f}x"
        elif label == "warm":
            ratio = "1.0 (anchor)"
        else:
            ratio = f"{r['median'] / anchor:.1f}x warm; {r['cpu'] / cpu_anchor:.1f}x"
        print(f"{label:24} {r['median']:9.2f} {r['min']:7.2f} {r['cpu']:6.2f} {r['peak']:9.0f} {int(r['n']):5d}  "
              f"{ratio}")
    print("\nGoals (issue 18): cold with the shipped caches under 2 s; warm under 0.3 s. The lighter warm "
          "commands are given as ratios of the warm `where`.")


if __name__ == "__main__":
    main()
