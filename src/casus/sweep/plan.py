"""A sweep described as data: what to evaluate (the job) and how it is cut into tasks.

Everything here is small and picklable, because it is what travels to Dask
workers: the knowledge base goes as its location and digest (each worker loads
it once and keeps it), a grid as its step and box (each task makes its own
tile's cells), a list of places as one slice per task. The cut depends only on
the sweep itself (tile size, dates per task), never on how many workers run
it, so every mode writes the same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from casus.sweep.where import Grid, Places

#: cells along a tile's edge by default (256 x 256 = 65,536 cells): small enough for memory (see memory.py),
#: large enough that a task is worth sending; at 0.25° a tile is 64° on a side, at 2° the whole world
TILE_CELLS = 256
#: places per task in a sweep of named places
DEFAULT_PLACES_PER_TASK = 2000
#: dates per task: each task writes one Parquet row group per date
DEFAULT_DATES_PER_TASK = 8


@dataclass(frozen=True)
class KbRef:
    """Where a worker finds the knowledge base, and the digest it must have."""

    data_dir: str | None
    overlays: tuple[str, ...]
    digest: str


@dataclass(frozen=True)
class Job:
    """What every task of a sweep shares."""

    kb: KbRef
    grid: Grid | None               # None for a sweep of named places
    dates: tuple[dt.date, ...]
    clauses: tuple[str, ...]        # the clauses judged, in column order
    target: str
    skip_high_seas: bool
    points: dict[str, object] = field(hash=False, compare=False, default_factory=dict)

    @property
    def token(self) -> str:
        """A short digest of the job, for cache keys on workers and task names on the cluster."""
        text = json.dumps({"kb": [self.kb.data_dir, list(self.kb.overlays), self.kb.digest],
                           "grid": None if self.grid is None else [self.grid.step, list(self.grid.bbox)],
                           "points": self.points, "dates": [d.isoformat() for d in self.dates],
                           "clauses": list(self.clauses), "target": self.target, "skip": self.skip_high_seas},
                          sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class Task:
    """One partition: a tile of cells (or a slice of places) and a run of dates."""

    tile_index: int
    chunk_index: int
    tile: tuple[int, ...]           # grid: (x0, x1, y0, y1); places: (first, last + 1)
    dates: tuple[dt.date, ...]
    places: Places | None = None

    @property
    def name(self) -> str:
        return f"part-{self.tile_index:05d}-{self.chunk_index:03d}.parquet"

    @property
    def cells(self) -> int:
        if self.places is not None:
            return self.places.n
        x0, x1, y0, y1 = self.tile
        return (x1 - x0) * (y1 - y0)


def auto_tile(grid: Grid) -> float:
    """The default tile edge in degrees for a grid."""
    return min(360.0, grid.step * TILE_CELLS)


def shape(job: Job, places: Places | None = None, *, tile_deg: float | None = None,
          places_per_task: int = DEFAULT_PLACES_PER_TASK,
          dates_per_task: int = DEFAULT_DATES_PER_TASK) -> tuple[int, int]:
    """(number of tasks, cells in the largest task) of :func:`plan`, without making the tasks."""
    runs = -(-len(job.dates) // max(1, dates_per_task))
    if job.grid is not None:
        g = job.grid
        k = max(1, round((tile_deg or auto_tile(g)) / g.step))
        return (-(-g.nx // k)) * (-(-g.ny // k)) * runs, min(k, g.nx) * min(k, g.ny)
    assert places is not None
    return (-(-places.n // places_per_task)) * runs, min(places.n, places_per_task)


def plan(job: Job, places: Places | None = None, *, tile_deg: float | None = None,
         places_per_task: int = DEFAULT_PLACES_PER_TASK,
         dates_per_task: int = DEFAULT_DATES_PER_TASK) -> list[Task]:
    """Tasks in a fixed order: tile by tile, then date runs within a tile."""
    runs = [job.dates[i:i + dates_per_task] for i in range(0, len(job.dates), max(1, dates_per_task))]
    tasks: list[Task] = []
    if job.grid is not None:
        for ti, tile in enumerate(job.grid.tiles(tile_deg or auto_tile(job.grid))):
            tasks += [Task(ti, ci, tile, run) for ci, run in enumerate(runs)]
    else:
        assert places is not None
        for ti, (a, b) in enumerate(places.tiles(places_per_task)):
            tasks += [Task(ti, ci, (a, b), run, places.slice((a, b))) for ci, run in enumerate(runs)]
    return tasks
