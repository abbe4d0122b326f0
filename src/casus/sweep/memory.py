"""How much memory a sweep needs at once, and how much there is: refuse before starting, not by crashing.

A sweep holds, in each worker at a time, one tile's points located (the
point lookup's working arrays) and one date's rows for that tile (every clause
for every cell); what is written is compressed and small. So the peak grows
with the number of cells in a tile, times the clauses, times the number of
workers running at once, plus what each worker process costs to start (the
knowledge base and the compiled geometry). The per-item figures below were
measured on the bundled data (``benchmarks/bench_sweep.py`` prints the real
peak) and are rounded up.

Available memory is ``MemAvailable`` from ``/proc/meminfo`` (the kernel's own
estimate of what can be used without swapping), capped by a cgroup limit when
the process runs in a container; ``os.sysconf`` where neither can be read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from casus.errors import ComputeError

GIB = 1024**3
MIB = 1024**2
#: one worker process with casus, numpy, shapely and pyarrow imported, the knowledge base and the atlas loaded
WORKER_BASE = 600 * MIB
#: the point lookup's fixed working set (it tests coastal points against segments in bounded chunks)
LOCATE_FIXED = 256 * MIB
#: per located point: coordinates, cell, territory, setting, distance, region flags and temporaries
LOCATE_PER_POINT = 256
#: per row held (one cell, one clause, one date): status, states bound, the Arrow columns and temporaries
ROW_BYTES = 96
#: per row written, compressed Parquet held until the task returns it
WRITTEN_ROW_BYTES = 1
#: per task, held by the client and the scheduler for the whole run (task description, future, key, state)
TASK_OVERHEAD = 4 * 1024


def available_bytes() -> tuple[int, str]:
    """Bytes that can be used now, and where the figure comes from."""
    found: list[tuple[int, str]] = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found.append((int(line.split()[1]) * 1024, "MemAvailable in /proc/meminfo"))
                break
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
        if limit != "max":
            found.append((max(0, int(limit) - used), "the cgroup limit (memory.max less memory.current)"))
    except (OSError, ValueError):
        pass
    if not found:
        try:
            found.append((os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"), "os.sysconf"))
        except (OSError, ValueError):
            return (0, "nowhere (memory could not be read)")
    return min(found)


@dataclass(frozen=True)
class Estimate:
    """What one partition and the whole run need at the peak, in bytes."""

    cells_per_task: int
    clauses: int
    dates_per_task: int
    concurrent: int
    tasks: int
    per_task: int
    total: int

    def to_dict(self) -> dict[str, int]:
        return {"cells_per_task": self.cells_per_task, "clauses": self.clauses,
                "dates_per_task": self.dates_per_task, "concurrent_tasks": self.concurrent, "tasks": self.tasks,
                "bytes_per_task": self.per_task, "bytes_total": self.total}


def estimate(cells_per_task: int, clauses: int, dates_per_task: int, concurrent: int, tasks: int = 1) -> Estimate:
    """Peak bytes: the tasks running at once, the worker processes, the client, and the bookkeeping of every
    task of the run (which grows with a finer grid even when each task stays small)."""
    rows_per_date = cells_per_task * max(clauses, 1)
    per_task = (LOCATE_FIXED + cells_per_task * LOCATE_PER_POINT + rows_per_date * ROW_BYTES
                + rows_per_date * dates_per_task * WRITTEN_ROW_BYTES)
    total = concurrent * (WORKER_BASE + per_task) + WORKER_BASE + tasks * TASK_OVERHEAD
    return Estimate(cells_per_task, clauses, dates_per_task, concurrent, tasks, per_task, total)


def gib(n: float) -> str:
    return f"{n / GIB:,.1f} GiB"


def check_fits(est: Estimate, what: str, *, available: tuple[int, str] | None = None) -> None:
    """Refuse (ComputeError) a run whose estimated peak exceeds the memory available, with both figures."""
    have, where = available if available is not None else available_bytes()
    if have and est.total > have:
        raise ComputeError(
            f"{what} needs about {gib(est.total)} at once ({est.concurrent} task(s) of "
            f"{est.cells_per_task:,} cells x {est.clauses} clauses, {gib(est.per_task)} each, the worker "
            f"processes, and {est.tasks:,} tasks to keep track of), but only {gib(have)} is available ({where}); "
            f"use a coarser --grid, a smaller --bbox, a smaller --tile or fewer --workers", field="--grid",
            accepted=f"a sweep that fits in {gib(have)}")


def check_worker_limit(est: Estimate, limit: int, address: str) -> None:
    """Refuse a task larger than the memory limit of the cluster's smallest worker."""
    if limit and est.per_task + WORKER_BASE > limit:
        raise ComputeError(
            f"one task needs about {gib(est.per_task + WORKER_BASE)} ({est.cells_per_task:,} cells x "
            f"{est.clauses} clauses) but the smallest worker at {address} may use {gib(limit)}; use a smaller "
            f"--tile or a coarser --grid", field="--tile", accepted=f"tasks under {gib(limit)}")
