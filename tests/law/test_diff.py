"""`diff`: what changed in commitments between two dates, pinned on the issue's example."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DateError


def test_diff_from_2017_11_02_to_2025_12_01(kb):
    ch = kb.diff("2017-11-02", "2025-12-01")
    joined = {(c.state, c.treaty, c.date.isoformat()) for c in ch.of_kind("joined")}
    assert joined == {("MKD", "nato", "2020-03-27"), ("FIN", "nato", "2023-04-04"), ("SWE", "nato", "2024-03-07")}
    in_force = {(c.treaty, c.date.isoformat()) for c in ch.of_kind("treaty_in_force")}
    assert {("russia-dprk-2024", "2024-12-04"), ("saudi-pakistan-2025", "2025-09-17"),
            ("russia-belarus-2024", "2025-03-13"), ("aachen-2019", "2020-01-22")} <= in_force
    # Montenegro joined NATO on 2017-06-05, before the window
    assert "MNE" not in {c.state for c in ch.changes}
    assert ("GBR", "teu") in {(c.state, c.treaty) for c in ch.of_kind("left")}
    assert [c.treaty for c in ch.of_kind("treaty_signed")] == ["australia-png-2025"]
    dates = [c.date for c in ch.changes]
    assert dates == sorted(dates)


def test_diff_window_is_after_start_up_to_end(kb):
    assert "FIN" in {c.state for c in kb.diff("2023-04-03", "2023-04-04").of_kind("joined")}
    assert "FIN" not in {c.state for c in kb.diff("2023-04-04", "2023-04-05").of_kind("joined")}
    assert kb.diff("2017-06-04", "2017-06-05").of_kind("joined")[0].state == "MNE"


def test_diff_lists_dormancy_and_territories(kb):
    ch = kb.diff("1972-01-01", "1978-01-01")
    # the Arab League pact's dormancy is dated from 1974 (after its last use, in 1973), SEATO's from 1977-06-30
    began = [c.treaty for c in ch.of_kind("dormancy_began")]
    assert began == ["arab-league-1950", "cyprus-alliance-1960", "seato-1954"]
    moved = {c.territory for c in ch.of_kind("territory_changed_hands")}
    assert "ryukyu-islands" in moved  # returned to Japanese administration on 1972-05-15
    assert ("PAK", "seato-1954") in {(c.state, c.treaty) for c in ch.of_kind("left")}


def test_diff_refuses_reversed_dates(kb):
    with pytest.raises(DateError):
        kb.diff("2025-01-01", "2024-01-01")


def test_diff_cli_and_json():
    runner = CliRunner()
    r = runner.invoke(app, ["diff", "--from", "2017-11-02", "--to", "2025-12-01"])
    assert r.exit_code == 0
    assert "2023-04-04  Finland became bound by the North Atlantic Treaty." in r.stdout
    body = json.loads(runner.invoke(app, ["diff", "--from", "2017-11-02", "--to", "2025-12-01", "--json"]).stdout)
    assert body["from"] == "2017-11-02" and body["count"] == len(body["changes"])
    assert {"date": "2024-03-07", "kind": "joined", "treaty": "nato", "state": "SWE"}.items() <= \
        next(c for c in body["changes"] if c.get("state") == "SWE").items()
    bad = runner.invoke(app, ["diff", "--from", "2025-01-01", "--to", "2024-01-01"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    # the one date grammar of the command line: a year is its 1st of January, a month its 1st day
    year = runner.invoke(app, ["diff", "--from", "2023", "--to", "2023-04", "--json"])
    assert year.exit_code == 0, year.output
    got = json.loads(year.stdout)
    assert (got["from"], got["to"]) == ("2023-01-01", "2023-04-01") and got["count"] == 0
    assert runner.invoke(app, ["diff", "--from", "2023-13"]).exit_code == 2
    wrapped = runner.invoke(app, ["diff", "--from", "2017-11-02", "--to", "2025-12-01"], env={"COLUMNS": "80"})
    assert all(len(line) <= 80 for line in wrapped.stdout.splitlines())


def test_diff_speaks_in_names_not_codes(kb):
    ch = kb.diff("2017-11-02", "2025-12-01")
    (left,) = [c.text for c in ch.of_kind("left") if c.state == "GBR"]
    assert left.startswith("The United Kingdom withdrew")
    changed = [c.text for c in ch.of_kind("clause_changed") if c.treaty == "us-philippines-1951"]
    assert changed and all(t.startswith("US-Philippines") and "us-philippines-1951/" not in t for t in changed)
