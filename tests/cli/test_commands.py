"""The command line: tables for people, --json for machines, exit codes scripts rely on."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from casus.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_members_json_finland_boundary():
    # Finland deposited its instrument of accession on 2023-04-04.
    before = json.loads(run("members", "nato", "--on", "2023-04-03", "--json").stdout)
    after = json.loads(run("members", "nato", "--on", "2023-04-05", "--json").stdout)
    assert before["count"] == 30 and after["count"] == 31
    assert "FIN" not in [m["state"] for m in before["members"]]


def test_members_table():
    r = run("members", "nato", "--on", "2017-11-02")
    assert r.exit_code == 0 and "On 2017-11-02, 29 states are parties to the North Atlantic Treaty (NATO)." in r.stdout
    assert r.stdout.index("Belgium") < r.stdout.index("BEL")  # the name first, the code last


def test_bad_inputs_exit_2_without_traceback():
    for args in (["members", "natto", "--on", "2017-11-02"], ["members", "nato", "--on", "2017-02-30"],
                 ["members", "nato", "--on", "1930-01-01"], ["treaties", "--state", "JPX", "--on", "2017-11-02"],
                 ["assess", "--by", "PRK", "--on-state", "USA", "--at", "Xyzzyville", "--date", "2017-11-02"]):
        r = run(*args)
        assert r.exit_code == 2, args
        assert "Traceback" not in r.output
        assert "error" in r.output


def test_unknown_treaty_suggests():
    r = run("members", "natto", "--on", "2017-11-02")
    assert "nato" in r.output


def test_treaties_of_japan():
    r = json.loads(run("treaties", "--state", "JPN", "--on", "2017-11-02", "--json").stdout)
    assert [t["treaty"] for t in r["treaties"]] == ["us-japan-1960"]


def test_assess_flags_json():
    r = run("assess", "--by", "PRK", "--on-state", "USA", "--at", "13.44,144.79", "--date", "2017-11-02", "--json",
            "--no-cascade")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert {f["clause"]: f["status"] for f in d["findings"]}["nato/art5"] == "does_not_apply"


def test_assess_jsonl_from_stdin_keeps_good_lines():
    lines = "\n".join([json.dumps({"date": "2025-06-01", "attacker": "RUS", "victim": "EST", "place": "Tallinn"}),
                       "{broken", json.dumps({"date": "2025-06-01", "attacker": "RUS", "place": "Nowhereville"})])
    r = run("assess", "-", "--jsonl", "--no-cascade", input=lines)
    assert r.exit_code == 3  # some lines bad, the good ones assessed
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert out[0]["summary"]["applies"][:2] == ["nato/art4", "nato/art5"]
    assert [e["line"] for e in out[1:]] == [2, 3]


def test_defends_json():
    r = run("defends", "Tallinn", "--on", "2017-11-02", "--json")
    d = json.loads(r.stdout)
    assert "nato/art5" in d["covered_by"] and "USA" in d["bound"]


def test_check_passes_on_bundled_data():
    r = run("check")
    assert r.exit_code == 0 and "ok" in r.stdout


def test_an_error_says_what_is_accepted_once():
    region = run("pacific-allies", "--region", "mars")
    assert region.exit_code == 2 and "accepted: africa, arctic-ocean, asia" in region.output
    assert "in all; --json lists them)" in region.output  # a long list is cut, not dropped
    state = run("relations", "Narnia")
    assert "accepted: a state's name or its ISO 3166-1 alpha-3 code" in state.output
    status = run("coverage-report", "--status", "foo")  # the message lists the values already
    assert status.exit_code == 2 and "accepted:" not in status.output
    early = run("relations", "Japan", "--on", "1800")  # 'outside the covered range A to B' says it already
    assert early.exit_code == 2 and "accepted:" not in early.output
    month = run("diff", "--from", "2023-13")
    assert "accepted: YYYY-MM-DD, YYYY-MM" in month.output
