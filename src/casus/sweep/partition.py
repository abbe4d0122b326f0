"""One partition of a sweep, evaluated where it runs (a Dask worker, or this process).

The worker loads the knowledge base once (by location, checked against the
client's digest) and keeps it; the compiled geometry comes from the disk cache.
A task then:

1. makes its tile's cells and locates them once (``kb.atlas.locate``);
2. drops high-seas cells when the target is a territory (no territory there to
   attack, so no clause can cover it), if the job says so;
3. groups the cells by what the law can see of them, the territory and the set
   of regions, since the kernel's verdict depends on nothing else: a tile of
   fifty thousand cells is a few hundred distinct places in law;
4. for every date, calls :func:`casus.law.coverage.judge_points` on those
   distinct places with the located ``hits`` and spreads the verdicts back to
   the cells;
5. writes one Parquet row group per date into memory and returns the bytes, so
   that a cluster without a shared disk works the same as a local one.

Rows are kept for the clauses in force on the date (a clause not yet or no
longer in force has no row).
"""

from __future__ import annotations

import io
import resource
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import CasusError, ComputeError
from casus.geo.atlas import atlas_of
from casus.sweep.plan import Job, KbRef, Task

if TYPE_CHECKING:
    import pyarrow as pa

    from casus.kb.base import KnowledgeBase

STATUS_NAMES = ("applies", "does_not_apply", "ambiguous")
_KBS: dict[tuple[str | None, tuple[str, ...]], Any] = {}
_LOCATED: OrderedDict[tuple[str, int], Any] = OrderedDict()
_LOCK = threading.Lock()
#: the point lookup is run by one thread at a time in a process: shapely's prepared geometries build their
#: index on first use, and two threads doing so at once crash GEOS (a Dask worker runs several task threads)
_LOCATE_LOCK = threading.Lock()


@dataclass(frozen=True)
class PartResult:
    """What a task sends back: its Parquet file as bytes, and counts for the summary."""

    name: str
    tile_index: int
    chunk_index: int
    n_dates: int
    data: bytes
    rows: int
    cells: int
    cells_kept: int
    distinct: int
    status_counts: tuple[int, int, int]
    seconds: float
    peak_rss: int


def knowledge_base(ref: KbRef) -> KnowledgeBase:
    """The knowledge base at ``ref``, loaded once per process; refused if it is not the client's."""
    key = (ref.data_dir, ref.overlays)
    with _LOCK:
        kb = _KBS.get(key)
        if kb is None:
            import casus.kb

            kb = casus.kb.load(ref.data_dir, list(ref.overlays))
            _KBS[key] = kb
    if kb.digest != ref.digest:
        raise ComputeError(f"this worker's knowledge base (digest {kb.digest}) differs from the client's "
                           f"({ref.digest}); install the same casus and data on every worker",
                           field="--scheduler", accepted="workers with the same knowledge base")
    return kb


def schema(job: Job) -> pa.Schema:
    """The sweep's columns; dictionaries are fixed for the job, so every part and every mode agree."""
    import pyarrow as pa

    place = [pa.field("place", pa.string())] if job.grid is None else []
    return pa.schema([
        pa.field("cell", pa.int64()), *place,
        pa.field("lat", pa.float64()), pa.field("lon", pa.float64()),
        pa.field("territory", pa.dictionary(pa.int32(), pa.string())),
        pa.field("date", pa.date32()),
        pa.field("clause", pa.dictionary(pa.int16(), pa.string())),
        pa.field("status", pa.dictionary(pa.int8(), pa.string())),
        pa.field("n_bound", pa.int16()),
        pa.field("holder", pa.dictionary(pa.int16(), pa.string())),
    ])


def _points(job: Job, task: Task) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[str, ...] | None]:
    if job.grid is not None:
        cell, lat, lon = job.grid.cells(task.tile)  # type: ignore[arg-type]
        return cell, lat, lon, None
    assert task.places is not None
    a, _ = task.tile
    cell = np.arange(a, a + task.places.n, dtype=np.int64)
    return cell, np.asarray(task.places.lats, dtype=float), np.asarray(task.places.lons, dtype=float), \
        task.places.names


def _located(kb: KnowledgeBase, job: Job, task: Task) -> Any:
    """The tile's points located once; kept for the next run of dates of the same tile."""
    key = (job.token, task.tile_index)
    with _LOCK:
        hit = _LOCATED.get(key)
        if hit is not None:
            _LOCATED.move_to_end(key)
            return hit
    cell, lat, lon, names = _points(job, task)
    with _LOCATE_LOCK:
        hits = atlas_of(kb).locate(lat, lon)
    n = len(cell)
    keep = np.asarray(hits.territory) >= 0 if job.skip_high_seas else np.ones(n, dtype=bool)
    sel = np.flatnonzero(keep)
    hits = _subset(hits, sel)
    distinct, inverse = _distinct(hits)
    lat, lon = lat[sel], lon[sel]
    value = (n, cell[sel], lat, lon, None if names is None else [names[i] for i in sel],
             hits, _subset(hits, distinct), lat[distinct], lon[distinct], inverse)
    with _LOCK:
        _LOCATED[key] = value
        while len(_LOCATED) > 8:
            _LOCATED.popitem(last=False)
    return value


def _subset(hits: Any, idx: np.ndarray) -> Any:
    import dataclasses

    return dataclasses.replace(hits, **{f.name: np.asarray(getattr(hits, f.name))[idx]
                                        for f in dataclasses.fields(hits)})


def _distinct(hits: Any) -> tuple[np.ndarray, np.ndarray]:
    """One representative per distinct (territory, regions) signature, and each point's signature."""
    terr = np.asarray(hits.territory, dtype=np.int64)
    regions = np.asarray(hits.regions, dtype=bool)
    if not len(terr):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    sig = np.concatenate([terr.view(np.uint8).reshape(len(terr), 8),
                          np.packbits(regions, axis=1).reshape(len(terr), -1)], axis=1)
    sig = np.ascontiguousarray(sig).view(np.dtype((np.void, sig.shape[1]))).ravel()
    _, first, inverse = np.unique(sig, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def run_task(job: Job, task: Task) -> PartResult:
    """Evaluate one partition; any failure comes back as a ComputeError naming the partition."""
    try:
        return _run(job, task)
    except ComputeError:
        raise
    except CasusError as exc:
        raise ComputeError(f"{task.name}: {exc.message}") from None
    except MemoryError:
        raise ComputeError(f"{task.name}: out of memory; use a smaller --tile or a coarser --grid") from None
    except Exception as exc:  # a bug: keep the type and message, in a form every transport can carry
        raise ComputeError(f"{task.name}: {type(exc).__name__}: {exc}") from None


def _run(job: Job, task: Task) -> PartResult:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from casus.law.coverage import judge_points

    t0 = time.perf_counter()
    kb = knowledge_base(job.kb)
    atlas = atlas_of(kb)
    n_all, cell, lat, lon, names, hits, uhits, ulat, ulon, inverse = _located(kb, job, task)
    states = tuple(sorted(kb.states))
    sch = schema(job)
    terr = np.asarray(hits.territory, dtype=np.int64)
    territory_dict = pa.array(atlas.territory_ids, type=pa.string())
    clause_dict = pa.array(job.clauses, type=pa.string())
    status_dict = pa.array(STATUS_NAMES, type=pa.string())
    holder_dict = pa.array(states, type=pa.string())
    holder_index = {s: i for i, s in enumerate(states)}
    sink = io.BytesIO()
    writer = pq.ParquetWriter(sink, sch, compression="zstd")
    rows = 0
    counts = np.zeros(3, dtype=np.int64)
    try:
        for day in task.dates:
            if len(inverse):
                cov = judge_points(kb, ulat, ulon, day, target=job.target, clauses=job.clauses, hits=uhits)
                status_u, bound_u = cov.status, cov.n_bound
                hold_u = np.array([holder_index.get(str(h), -1) for h in cov.holder], dtype=np.int16)
            else:
                status_u = np.zeros((0, len(job.clauses)), dtype=np.int8)
                bound_u = np.zeros((0, len(job.clauses)), dtype=np.int16)
                hold_u = np.zeros(0, dtype=np.int16)
            status = status_u[inverse]                      # (n, C)
            live = status.T >= 0                            # clause-major order: all cells of a clause together
            ci, pi = np.nonzero(live)
            st = status.T[ci, pi]
            counts += np.bincount(st, minlength=3)[:3]
            holder = hold_u[inverse][pi]
            terr_rows = terr[pi]
            cols: dict[str, Any] = {"cell": pa.array(cell[pi])}
            if names is not None:
                cols["place"] = pa.array([names[i] for i in pi], type=pa.string())
            cols.update({
                "lat": pa.array(lat[pi]), "lon": pa.array(lon[pi]),
                "territory": pa.DictionaryArray.from_arrays(
                    pa.array(terr_rows.astype(np.int32), mask=terr_rows < 0), territory_dict),
                "date": pa.array(np.full(len(pi), np.datetime64(day, "D"))),
                "clause": pa.DictionaryArray.from_arrays(pa.array(ci.astype(np.int16)), clause_dict),
                "status": pa.DictionaryArray.from_arrays(pa.array(st.astype(np.int8)), status_dict),
                "n_bound": pa.array(bound_u[inverse].T[ci, pi].astype(np.int16)),
                "holder": pa.DictionaryArray.from_arrays(pa.array(holder, mask=holder < 0), holder_dict),
            })
            writer.write_table(pa.table(cols, schema=sch))
            rows += len(pi)
    finally:
        writer.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return PartResult(task.name, task.tile_index, task.chunk_index, len(task.dates), sink.getvalue(), rows, n_all,
                      len(cell), int(uhits.territory.shape[0]), (int(counts[0]), int(counts[1]), int(counts[2])),
                      time.perf_counter() - t0, peak)
