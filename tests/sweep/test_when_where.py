"""Sweep inputs: dates (ranges, steps, lists, the covered range), grids, boxes, places files, memory checks."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.errors import ComputeError, CoordinateError, DateError, InputError
from casus.sweep import memory
from casus.sweep.cluster import parse_mode
from casus.sweep.plan import Job, KbRef, plan
from casus.sweep.when import parse_dates, parse_every
from casus.sweep.where import Grid, Places, parse_bbox, read_places_file

D = dt.date


def test_yearly_range_ends_on_its_last_day():
    days = parse_dates("1949-08-24..2025-01-01", "1y")
    assert len(days) == 77
    assert days[0] == D(1949, 8, 24) and days[1] == D(1950, 8, 24)
    assert days[-2] == D(2024, 8, 24) and days[-1] == D(2025, 1, 1)


def test_steps():
    assert parse_dates("2020-01-31..2020-04-30", "1m") == (D(2020, 1, 31), D(2020, 2, 29), D(2020, 3, 31),
                                                            D(2020, 4, 30))
    assert parse_dates("2023-04-01..2023-04-15", "1w") == (D(2023, 4, 1), D(2023, 4, 8), D(2023, 4, 15))
    assert parse_dates("2023-04-01..2023-04-03", "2d") == (D(2023, 4, 1), D(2023, 4, 3))
    assert parse_dates("2023-04-04..2023-04-04") == (D(2023, 4, 4),)
    assert parse_every("6M") == (6, "m")


def test_lists_are_sorted_and_distinct():
    assert parse_dates("2023-04-05,2017-11-02,2023-04-05") == (D(2017, 11, 2), D(2023, 4, 5))


def test_date_errors_name_the_covered_range():
    with pytest.raises(DateError, match="covered range 1945-01-01 to"):
        parse_dates("1930-01-01..1950-01-01", "1y")
    with pytest.raises(DateError, match="covered range"):
        parse_dates(f"2020-01-01,{dt.date.today().year + 2}-01-01")
    with pytest.raises(DateError, match="ends before it starts"):
        parse_dates("2020-01-01..2019-01-01", "1y")
    with pytest.raises(DateError, match="--every"):
        parse_dates("2020-01-01..2021-01-01", "yearly")
    with pytest.raises(DateError, match="--every goes with a range"):
        parse_dates("2020-01-01,2021-01-01", "1y")
    with pytest.raises(DateError):
        parse_dates("2020-02-30")


@given(start=st.dates(D(1945, 1, 1), D(2020, 1, 1)), n=st.integers(1, 30), unit=st.sampled_from("dwmy"))
def test_ranges_are_increasing_and_bounded(start, n, unit):
    end = min(start + dt.timedelta(days=2000), dt.date.today())
    days = parse_dates(f"{start}..{end}", f"{n}{unit}")
    assert days[0] == start and days[-1] == end
    assert all(a < b for a, b in itertools.pairwise(days))


def test_grid_cells_and_tiles():
    g = Grid(0.25)
    assert (g.nx, g.ny, g.n) == (1440, 720, 1_036_800)
    tiles = g.tiles(15)
    assert len(tiles) == 24 * 12
    assert sum((x1 - x0) * (y1 - y0) for x0, x1, y0, y1 in tiles) == g.n
    cell, lat, lon = g.cells(tiles[0])
    assert (lat[0], lon[0]) == (-89.875, -179.875)
    back_lat, back_lon = g.centre(cell)
    assert np.array_equal(back_lat, lat) and np.array_equal(back_lon, lon)
    box = Grid(1.0, parse_bbox("20,55,30,60"))
    assert (box.nx, box.ny) == (10, 5)
    _, lat, lon = box.cells((0, 10, 0, 5))
    assert lat.min() == 55.5 and lon.max() == 29.5


def test_grid_refusals():
    with pytest.raises(InputError, match="--grid"):
        Grid(0)
    with pytest.raises(CoordinateError, match="--bbox"):
        parse_bbox("30,55,20,60")
    with pytest.raises(CoordinateError, match="--bbox"):
        parse_bbox("a,b,c,d")


def test_places_file():
    rows = read_places_file("Tallinn\n# comment\n\nGuam, US territory , 13.44, 144.79\n59.4,24.7\n")
    assert rows == [("Tallinn", None, None), ("Guam, US territory", 13.44, 144.79), ("59.4,24.7", 59.4, 24.7)]
    with pytest.raises(CoordinateError, match="line 1"):
        read_places_file("Nowhere,95,10")


def test_scheduler_modes():
    assert parse_mode("none", None).kind == "none"
    assert parse_mode("local", 2).workers == 2
    assert parse_mode("tcp://127.0.0.1:8786", None).kind == "address"
    with pytest.raises(InputError, match="--scheduler"):
        parse_mode("127.0.0.1:8786", None)
    with pytest.raises(InputError, match="--workers"):
        parse_mode("local", 0)


def test_plan_is_independent_of_workers():
    job = Job(KbRef(None, (), "x"), Grid(5.0), (D(2000, 1, 1), D(2001, 1, 1), D(2002, 1, 1)), ("nato/art5",),
              "territory", True)
    tasks = plan(job, tile_deg=30, dates_per_task=2)
    assert len(tasks) == 12 * 6 * 2
    assert tasks[0].name == "part-00000-000.parquet" and tasks[1].dates == (D(2002, 1, 1),)
    places = Places(("a", "b", "c"), (1.0, 2.0, 3.0), (1.0, 2.0, 3.0))
    pjob = Job(KbRef(None, (), "x"), None, (D(2000, 1, 1),), ("nato/art5",), "territory", True)
    ptasks = plan(pjob, places, places_per_task=2)
    assert [t.places.names for t in ptasks] == [("a", "b"), ("c",)]


def test_memory_refusal_names_both_figures():
    est = memory.estimate(cells_per_task=100_000_000, clauses=24, dates_per_task=8, concurrent=2)
    with pytest.raises(ComputeError) as err:
        memory.check_fits(est, "a 0.0015° grid", available=(8 * memory.GIB, "MemAvailable in /proc/meminfo"))
    msg = err.value.message
    assert "a 0.0015° grid needs about" in msg and "8.0 GiB is available" in msg and "MemAvailable" in msg
    many = memory.estimate(cells_per_task=65_536, clauses=24, dates_per_task=8, concurrent=2, tasks=10_000_000)
    assert many.total > 10_000_000 * memory.TASK_OVERHEAD
    with pytest.raises(ComputeError, match="10,000,000 tasks"):
        memory.check_fits(many, "a fine grid", available=(8 * memory.GIB, "test"))
    small = memory.estimate(cells_per_task=3600, clauses=24, dates_per_task=8, concurrent=2)
    memory.check_fits(small, "a 0.25° grid", available=(8 * memory.GIB, "test"))
    have, where = memory.available_bytes()
    assert have > 0 and where
