"""Sweeps: the rows agree with single assessments, high seas are skipped for territory, the three modes agree."""

from __future__ import annotations

import datetime as dt
import json
import time

import numpy as np
import pyarrow.parquet as pq
import pytest

from casus.errors import ComputeError, OutputExistsError, UnknownClauseError
from casus.law.assess import assess_many
from casus.law.attack import Attack, Point
from casus.law.kernel import OUTSIDE
from casus.sweep import Grid, Places, parse_mode, read_meta, read_rows, sweep
from casus.sweep.partition import STATUS_NAMES

D = dt.date


def assessed(kb, rows):
    """kb.assess for each row's cell and date: the per-place answer the sweep must reproduce."""
    attacks = [Attack(date=r["date"], attacker=OUTSIDE, victim=None, place=Point(r["lat"], r["lon"]))
               for r in rows]
    return assess_many(kb, attacks)


def test_rows_agree_with_assess(skb, small):
    table = read_rows(small.out).to_pandas()
    assert set(table.date) == set(small.dates)
    rng = np.random.default_rng(5)
    # a place no state holds (Antarctica) cannot be assessed (no victim); the sweep says no clause applies there
    unheld = table[table.holder.isna()]
    assert (unheld.status == "does_not_apply").all()
    cells = table[table.holder.notna()].drop_duplicates(["cell", "date"])
    sample = cells.iloc[rng.choice(len(cells), size=min(150, len(cells)), replace=False)]
    results = assessed(skb, sample.to_dict("records"))
    by_key = table.set_index(["cell", "date", "clause"])
    checked = 0
    for (_, r), a in zip(sample.iterrows(), results, strict=True):
        findings = {f.clause: f for f in a.findings}
        in_sweep = by_key.loc[(r.cell, r.date)]
        assert set(in_sweep.index.astype(str)) == set(findings), (r.cell, r.date)
        for clause, f in findings.items():
            row = in_sweep.loc[clause]
            assert row.status == f.status, (r.lat, r.lon, r.date, clause)
            assert row.n_bound == len(f.bound or f.bound_if_applies), (r.lat, r.lon, r.date, clause)
            checked += 1
        assert str(r.holder) == a.victim
    assert checked > 500


def test_high_seas_skipped_for_territory_and_said_so(small, skb, data_dir, tmp_path):
    table = read_rows(small.out, columns=["cell", "territory"])
    assert table.column("territory").null_count == 0
    meta = read_meta(small.out)
    assert meta["skipped_high_seas"] is True
    assert any("high-seas cells were skipped" in n for n in meta["notes"])
    assert small.summary.cells_kept < small.summary.cells == 72 * 36
    # mid-Atlantic (30°N, 40°W): no row for a territory target, rows for a vessel target (NATO Art. 6 covers
    # vessels in the North Atlantic north of the Tropic of Cancer)
    ocean = Places(("mid-Atlantic",), (30.0,), (-40.0,))
    out = tmp_path / "vessel"
    sweep(skb, out=out, dates=[D(2020, 1, 1)], places=ocean, target="vessel", mode=parse_mode("none", None),
          data_dir=data_dir, clauses=["nato/art5"])
    rows = read_rows(out).to_pylist()
    assert [(r["clause"], r["status"], r["territory"]) for r in rows] == [("nato/art5", "applies", None)]
    out2 = tmp_path / "territory"
    s = sweep(skb, out=out2, dates=[D(2020, 1, 1)], places=ocean, mode=parse_mode("none", None), data_dir=data_dir)
    assert read_rows(out2).num_rows == 0 and s.cells_kept == 0


def test_clause_not_in_force_has_no_rows(small):
    t = read_rows(small.out, clauses=["warsaw-1955/art4"]).to_pandas()
    # the Warsaw Pact was in force from 5 June 1955 to 1 July 1991
    assert set(t.date) == {D(1990, 6, 1)}
    nato = read_rows(small.out, clauses=["nato/art5"]).to_pandas()
    assert set(nato.date) == set(small.dates)   # in force since 24 August 1949


def test_places_by_name_on_both_sides_of_estonias_accession(skb, data_dir, tmp_path):
    # Estonia deposited its instrument of accession to the North Atlantic Treaty on 29 March 2004; the hour is
    # not recorded, so the day itself is ambiguous in the kernel, the day before not covered, the day after covered
    from casus.sweep import resolve_places

    places = resolve_places(skb, [("Tallinn", None, None), ("Guam", None, None)], "--places")
    out = tmp_path / "places"
    sweep(skb, out=out, dates=[D(2004, 3, 28), D(2004, 3, 29), D(2004, 3, 30), D(2017, 11, 2)], places=places,
          clauses=["nato/art5"], mode=parse_mode("none", None), data_dir=data_dir)
    got = {(r["place"], r["date"]): r["status"] for r in read_rows(out).to_pylist()}
    assert got[("Tallinn", D(2004, 3, 28))] == "does_not_apply"
    assert got[("Tallinn", D(2004, 3, 29))] == "ambiguous"
    assert got[("Tallinn", D(2004, 3, 30))] == "applies"
    # Guam is a US territory in the Pacific south of the Tropic of Cancer: outside NATO's Art. 6 area
    assert got[("Guam", D(2017, 11, 2))] == "does_not_apply"


def test_schema_and_row_groups(small):
    part = sorted(small.out.glob("part-*.parquet"))[0]
    f = pq.ParquetFile(part)
    assert f.schema_arrow.names == ["cell", "lat", "lon", "territory", "date", "clause", "status", "n_bound",
                                    "holder"]
    assert f.metadata.num_row_groups == 2   # one per date, two dates per task
    statuses = set(read_rows(small.out, columns=["status"]).column("status").to_pylist())
    assert statuses <= set(STATUS_NAMES)
    meta = json.loads((small.out / "_sweep.json").read_text())
    assert meta["points"]["kind"] == "grid" and meta["points"]["step"] == 5.0
    assert meta["clause_kinds"]["nato/art5"] == "defense"
    assert meta["dates"] == [d.isoformat() for d in small.dates]


def test_local_cluster_matches_in_process(skb, small, data_dir, tmp_path):
    out = tmp_path / "local"
    s = sweep(skb, out=out, dates=small.dates, grid=Grid(5.0), mode=parse_mode("local", 2), data_dir=data_dir,
              dates_per_task=2)
    assert s.mode.startswith("local Dask cluster")
    assert read_rows(out).equals(read_rows(small.out))
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in small.out.iterdir())


def test_refusals_before_any_work(skb, small, data_dir, tmp_path):
    with pytest.raises(OutputExistsError, match="--force"):
        sweep(skb, out=small.out, dates=small.dates, grid=Grid(5.0), mode=parse_mode("none", None),
              data_dir=data_dir)
    with pytest.raises(UnknownClauseError, match="nato/art5"):
        sweep(skb, out=tmp_path / "x", dates=small.dates, grid=Grid(5.0), clauses=["nato/art55"],
              mode=parse_mode("none", None), data_dir=data_dir)
    with pytest.raises(ComputeError, match=r"needs about .* GiB .* only 1\.0 GiB is available \(a test figure\)"):
        sweep(skb, out=tmp_path / "y", dates=small.dates, grid=Grid(0.01), mode=parse_mode("local", 2),
              data_dir=data_dir, available=(1024**3, "a test figure"))
    # a hundred-thousandth of a degree: billions of tasks; refused with the machine's own figure
    with pytest.raises(ComputeError, match=r"a 1e-05° grid needs about [\d,.]+ GiB .* is available \("):
        sweep(skb, out=tmp_path / "y", dates=small.dates, grid=Grid(0.00001), mode=parse_mode("none", None),
              data_dir=data_dir)
    assert not (tmp_path / "x").exists() and not (tmp_path / "y").exists()


def test_unreachable_scheduler_is_named_quickly(skb, data_dir, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]   # closed again: nobody listens there
    t0 = time.perf_counter()
    with pytest.raises(ComputeError, match=f"tcp://127.0.0.1:{port}"):
        sweep(skb, out=tmp_path / "z", dates=[D(2020, 1, 1)], grid=Grid(30.0),
              mode=parse_mode(f"tcp://127.0.0.1:{port}", None), data_dir=data_dir)
    assert time.perf_counter() - t0 < 30
    assert not (tmp_path / "z").exists()
