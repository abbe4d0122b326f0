"""The relations commands: tables for people, --json for machines, exit code 2 on bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import casus.cli.relations_commands as rc
from casus.cli import app


@pytest.fixture
def run(fkb, monkeypatch):
    monkeypatch.setattr(rc, "load_kb", lambda overlay=None: fkb)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, list(args))

    return invoke


def test_relations_table_and_json(run):
    res = run("relations", "JPN", "--on", "2017-11-02")
    assert res.exit_code == 0, res.output
    assert "NATO-Japan IPCP" in res.output and "does not cover it" in res.output
    body = json.loads(run("relations", "JPN", "--on", "2017-11-02", "--json").output)
    assert body["partner_of"] == ["nato"] and "nato/art5" not in body["clauses"]


def test_bad_state_and_date_exit_2(run):
    res = run("relations", "JPX", "--on", "2017-11-02")
    assert res.exit_code == 2 and "unknown state code 'JPX'" in res.output
    res = run("relations", "JPN", "--on", "2017-02-30", "--json")
    assert res.exit_code == 2 and json.loads(res.output)["error"] == "bad_date"


def test_invocations_command(run):
    body = json.loads(run("invocations", "--treaty", "nato", "--json").output)
    assert body["count"] == 2 and body["invocations"][0]["clause"] == "nato/art5"
    res = run("invocations", "--treaty", "natp")
    assert res.exit_code == 2 and "did you mean nato" in res.output


def test_timeline_command(run):
    res = run("timeline", "FIN", "--json")
    assert res.exit_code == 0 and json.loads(res.output)["events"][-1]["kind"] == "treaty-bound"


def test_network_command_refuses_overwrite(run, tmp_path):
    out = tmp_path / "n.graphml"
    assert run("network", "--on", "2017-11-02", "--out", str(out)).exit_code == 0
    res = run("network", "--on", "2017-11-02", "--out", str(out))
    assert res.exit_code == 2 and "--force" in res.output
    assert run("network", "--on", "2017-11-02", "--out", str(out), "--force").exit_code == 0
