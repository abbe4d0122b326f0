"""The knowledge base as a DuckDB file: the tables exist, hold the facts, and carry comments."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from casus.errors import OutputExistsError
from casus.export.database import export_duckdb
from casus.export.kbtables import flatten, kb_tables, rows_to_table


@pytest.fixture(scope="module")
def db(kb, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "casus.duckdb"
    counts = export_duckdb(kb, path)
    con = duckdb.connect(str(path), read_only=True)
    yield con, counts, path
    con.close()


def test_tables(db, kb):
    con, counts, _ = db
    names = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    expected = {"states", "treaties", "membership_events", "parties", "clauses", "phases", "sources", "dyad_years"}
    for section in ("territories", "regions", "missiles", "launch_sites", "partnerships", "invocations",
                    "operations"):
        if kb.sections.get(section):
            expected.add(section)
    assert expected <= names
    assert counts["states"] == len(kb.states)
    assert counts["treaties"] == len(kb.treaties)
    assert counts["clauses"] == len(kb.clauses)


def test_facts_by_sql(db):
    con, _, _ = db
    # Finland became a NATO party on 4 April 2023 (deposit of its instrument of accession)
    got = con.execute("select start_date, end_date from parties where treaty = 'nato' and state = 'FIN'").fetchall()
    assert got == [(dt.date(2023, 4, 4), None)]
    kind = con.execute("select kind from clauses where id = 'nato/art5'").fetchone()
    assert kind == ("defense",)
    row = con.execute("select defense from dyad_years where iso1 = 'USA' and iso2 = 'JPN' and year = 1961").fetchone()
    assert row == (1,)
    ev = con.execute("select type, towards from membership_events where treaty = 'anzus-1951' and state = 'USA' "
                     "and type = 'suspended_towards'").fetchall()
    assert ev == [("suspended_towards", ["NZL"])]


def test_comments(db):
    con, _, _ = db
    (comment,) = con.execute("select comment from duckdb_tables() where table_name = 'parties'").fetchone()
    assert "start_date" in comment


def test_no_overwrite_without_force(db, kb):
    _, _, path = db
    with pytest.raises(OutputExistsError):
        export_duckdb(kb, path)


def test_flatten_keeps_scalars_lists_and_json(kb):
    row = flatten(kb.states["DEU"], skip=("sources", "cow_history"))
    assert row["code"] == "DEU" and row["cow"] == 255
    assert "West Germany" in row["aliases"]
    assert row["start_date"] == dt.date(1949, 5, 23)
    t = rows_to_table([{"a": "x"}, {"a": ["y", "z"]}, {"a": None}])
    assert t.column("a").to_pylist() == [["x"], ["y", "z"], None]


def test_tables_without_dyads(kb):
    assert "dyad_years" not in kb_tables(kb, with_dyads=False)
