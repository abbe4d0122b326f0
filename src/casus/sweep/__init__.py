"""Sweeps: every clause judged over a grid of cells (or a list of places) and a run of dates.

Work is vectorised inside a partition (one tile of cells, one run of dates)
and spread over partitions with Dask (a LocalCluster, an existing cluster, or
this process). Results are a directory of Parquet files plus ``_sweep.json``;
:mod:`casus.sweep.pictures` turns them into maps and an animated GIF.
"""

from __future__ import annotations

from casus.sweep.cluster import Mode, parse_mode
from casus.sweep.dataset import read_meta, read_rows
from casus.sweep.plan import Job, KbRef, Task, plan
from casus.sweep.run import Summary, city_places, resolve_places, sweep
from casus.sweep.when import parse_dates
from casus.sweep.where import Grid, Places, parse_bbox

__all__ = [
    "Grid",
    "Job",
    "KbRef",
    "Mode",
    "Places",
    "Summary",
    "Task",
    "city_places",
    "parse_bbox",
    "parse_dates",
    "parse_mode",
    "plan",
    "read_meta",
    "read_rows",
    "resolve_places",
    "sweep",
]
