"""`casus export dyads` and `casus export duckdb` on the command line: files, JSON summaries, refusals."""

from __future__ import annotations

import json

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from typer.testing import CliRunner

from casus.cli import app

runner = CliRunner()


def test_dyads_parquet_and_json_summary(tmp_path):
    out = tmp_path / "dyads.parquet"
    res = runner.invoke(app, ["export", "dyads", "--out", str(out), "--from", "2022", "--to", "2023", "--json"])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert body["rule"] == "any" and body["directed"] is True
    t = pq.read_table(out).to_pandas()
    assert len(t) == body["rows"]
    fin = t[(t.iso1 == "FIN") & (t.iso2 == "USA")].set_index("year")
    assert fin.defense.to_dict() == {2022: 0, 2023: 1}   # Finland in NATO from 4 April 2023
    assert pq.read_metadata(out).metadata[b"casus.unit"] == b"dyad-year"


def test_dyads_undirected_csv_with_rule(tmp_path):
    out = tmp_path / "dyads.csv"
    res = runner.invoke(app, ["export", "dyads", "--out", str(out), "--undirected", "--rule", "dec31",
                              "--from", "1986", "--to", "1986"])
    assert res.exit_code == 0, res.output
    t = pcsv.read_csv(out).to_pandas()
    assert (t.dropna(subset=["ccode1", "ccode2"]).eval("ccode1 < ccode2")).all()
    assert "wrote" in res.stdout


def test_dyads_daily(tmp_path):
    out = tmp_path / "days.parquet"
    res = runner.invoke(app, ["export", "dyads", "--out", str(out), "--daily", "2023-04-03..2023-04-04",
                              "--only-obligated"])
    assert res.exit_code == 0, res.output
    t = pq.read_table(out).to_pandas()
    fin = t[(t.iso1 == "FIN") & (t.iso2 == "USA")]
    assert fin.date.astype(str).tolist() == ["2023-04-04"]


def test_refusals(tmp_path):
    out = tmp_path / "d.parquet"
    out.write_bytes(b"old")
    res = runner.invoke(app, ["export", "dyads", "--out", str(out)])
    assert res.exit_code == 2 and "already exists" in res.output
    assert out.read_bytes() == b"old"
    res = runner.invoke(app, ["export", "dyads", "--out", str(tmp_path / "d.xlsx")])
    assert res.exit_code == 2 and ".parquet" in res.output
    res = runner.invoke(app, ["export", "dyads", "--out", str(tmp_path / "e.csv"), "--from", "1930"])
    assert res.exit_code == 2 and "covered range" in res.output
    res = runner.invoke(app, ["export", "dyads", "--out", str(tmp_path / "e.csv"), "--rule", "easter", "--json"])
    assert res.exit_code == 2 and json.loads(res.stdout)["error"] == "bad_input"


def test_duckdb_command(tmp_path):
    out = tmp_path / "casus.duckdb"
    res = runner.invoke(app, ["export", "duckdb", "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    tables = json.loads(res.stdout)["tables"]
    assert tables["treaties"] >= 18 and tables["dyad_years"] > 1_000_000


def test_layer_commands(tmp_path):
    for name, ext in (("territories", "geojson"), ("regions", "parquet"), ("coverage", "parquet")):
        out = tmp_path / f"{name}.{ext}"
        res = runner.invoke(app, ["export", name, "--out", str(out), "--on", "2023-04-05", "--simplify", "0.1",
                                  "--json"])
        assert res.exit_code == 0, res.output
        body = json.loads(res.stdout)
        assert body["out"] == str(out) and body["features"] > 10
    res = runner.invoke(app, ["export", "coverage", "--out", str(tmp_path / "x.geojson"), "--target", "tank"])
    assert res.exit_code == 2 and "--target" in res.output
    res = runner.invoke(app, ["export", "territories", "--out", str(tmp_path / "x.geojson"), "--on", "1900-01-01"])
    assert res.exit_code == 2 and "covered range" in res.output
