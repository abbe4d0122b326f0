"""`casus reach`, `casus missiles`, `casus launch-sites` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.output


def test_reach_km_from_a_site_as_json() -> None:
    code, out = _run("reach", "--km", "4500", "--from", "sohae", "--on", "2024-01-01", "--target", "13.584,144.93",
                     "--no-commitments", "--json")
    assert code == 0, out
    body = json.loads(out)
    assert body["origin"]["id"] == "sohae" and body["range"]["high_km"] == 4500
    assert body["targets"][0]["within_high"] is True          # Andersen AFB, Guam: about 3,450 km
    assert "public estimates" in body["disclaimer"]


def test_reach_missile_from_a_state_as_a_table() -> None:
    code, out = _run("reach", "--missile", "hwasong-15", "--from", "PRK", "--on", "2017-11-29", "--target", "Berlin",
                     "--no-commitments")
    assert code == 0, out
    assert "Hwasong-15" in out and "public estimates" in out
    assert "Berlin" in out and "GeoNames" in out


def test_untested_missile_is_answered_with_a_note() -> None:
    code, out = _run("reach", "--missile", "hwasong-15", "--from", "PRK", "--on", "2017-06-01", "--no-commitments",
                     "--json")
    assert code == 0
    body = json.loads(out)
    assert body["missile"]["tested_on_date"] is False
    assert any("had not been flight-tested" in n for n in body["notes"])


@pytest.mark.parametrize(("args", "error"), [
    (("--missile", "hwasnog-15", "--from", "PRK"), "unknown_missile"),
    (("--km", "-5", "--from", "sohae"), "bad_input"),
    (("--km", "1000", "--from", "Sohea"), "unknown_missile"),
    (("--km", "1000", "--from", "sohae", "--on", "2017-02-30"), "bad_date"),
])
def test_bad_input_exits_2_with_a_json_error(args: tuple[str, ...], error: str) -> None:
    code, out = _run("reach", *args, "--json")
    assert code == 2
    assert json.loads(out)["error"] == error


def test_map_and_geojson_are_written_once_unless_forced(tmp_path: Path) -> None:
    png, gj = tmp_path / "reach.png", tmp_path / "reach.geojson"
    args = ("reach", "--km", "6000", "--from", "sohae", "--on", "2024-01-01", "--no-commitments",
            "--map", str(png), "--geojson", str(gj))
    code, out = _run(*args)
    assert code == 0, out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(gj.read_text())["type"] == "FeatureCollection"
    code, out = _run(*args)
    assert code == 2 and "exists" in out and "--force" in out
    code, _ = _run(*args, "--force")
    assert code == 0


def test_missiles_and_sites_listings() -> None:
    code, out = _run("missiles", "--owner", "PRK", "--json")
    assert code == 0
    ids = {m["id"] for m in json.loads(out)["missiles"]}
    assert {"hwasong-15", "pukguksong-3"} <= ids and "df-41" not in ids
    code, out = _run("launch-sites", "--state", "PRK", "--json")
    assert code == 0
    sohae = next(s for s in json.loads(out)["launch_sites"] if s["id"] == "sohae")
    assert "Tongchang-ri" in sohae["aliases"]
    code, out = _run("missiles")
    assert code == 0 and "public estimates" in out
