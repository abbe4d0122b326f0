"""One grammar: --on DATE everywhere (YYYY-MM-DD, YYYY-MM, YYYY, today; default today), states by code or
name, fixed sets of values listed in help and errors, --version, and help that reads well at 80 columns."""

from __future__ import annotations

import datetime as dt
import json
import re

import click
import pytest
import typer
from typer.testing import CliRunner

from casus import __version__
from casus.cli import app
from casus.dates import parse_when
from casus.errors import DateError
from casus.law.attack import ACTS, TARGETS

runner = CliRunner()
TYPE_TAG = re.compile(r"<(str|bool|int|float|Path|list\[[^\]]*\]|file|datetime|text|integer|path|choice)>")


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=input, env=env)


def _commands() -> dict[str, click.Command]:
    root = typer.main.get_command(app)
    out: dict[str, click.Command] = {}

    def walk(cmd: click.Command, path: str) -> None:
        subs = getattr(cmd, "commands", None)  # typer's groups are not click.Group subclasses
        if subs:
            for name, sub in subs.items():
                walk(sub, f"{path} {name}".strip())
        else:
            out[path] = cmd

    walk(root, "")
    return out


DATED = {"members", "treaties", "where", "assess", "defends", "relations", "pacific-allies", "network", "reach",
         "sweep", "animate", "export territories", "export regions", "export coverage"}
#: commands whose dates are a span (--from/--to), in the same grammar
SPANNED = {"diff"}


def test_parse_when_reads_months_and_years_as_their_first_day():
    assert parse_when("2023") == dt.date(2023, 1, 1)
    assert parse_when("2023-04") == dt.date(2023, 4, 1)
    assert parse_when("2023-04-05") == dt.date(2023, 4, 5)
    assert parse_when("today") == parse_when(None) == dt.date.today()
    for bad in ("2023-13", "23", "April 2023", "2023/04/05"):
        with pytest.raises(DateError) as err:
            parse_when(bad, field="--on")
        assert "YYYY" in (err.value.accepted or "")
    with pytest.raises(DateError, match="covered range"):
        parse_when("1930")  # a year before the data starts is refused, not read as 1945


def test_every_date_taking_command_accepts_on():
    cmds = _commands()
    for name in DATED:
        opts = {o for p in cmds[name].params for o in getattr(p, "opts", [])}
        assert "--on" in opts, name
    # and no command takes a date by any other main name (aliases --date are kept where they were)
    for name, cmd in cmds.items():
        for p in cmd.params:
            if "--date" in getattr(p, "opts", []):
                assert "--on" in p.opts, name


def test_year_and_month_both_sides_of_finland_accession():
    # Finland became bound on 2023-04-04: 1 January 2023 (YYYY) is before, May (YYYY-MM) after
    year = json.loads(run("members", "nato", "--on", "2023", "--json").stdout)
    month = json.loads(run("members", "nato", "--on", "2023-05", "--json").stdout)
    assert year["on"] == "2023-01-01" and "FIN" not in [m["state"] for m in year["members"]]
    assert month["on"] == "2023-05-01" and "FIN" in [m["state"] for m in month["members"]]


def test_today_is_the_default_and_a_word():
    today = dt.date.today().isoformat()
    for args in (["members", "nato"], ["members", "nato", "--on", "today"], ["treaties", "Japan"],
                 ["relations", "JPN"], ["pacific-allies"]):
        r = run(*args, "--json")
        assert r.exit_code == 0, (args, r.output)
        body = json.loads(r.stdout)
        assert body["on"] == today, args


def test_on_for_where_defends_and_assess(kb):
    w = json.loads(run("where", "Guam", "--on", "1970", "--json").stdout)
    assert w["on"] == "1970-01-01"
    d = json.loads(run("defends", "Helsinki", "--on", "2023-05", "--json").stdout)
    assert d["date"] == "2023-05-01" and "nato/art5" in d["covered_by"]
    d = json.loads(run("defends", "Helsinki", "--on", "2023", "--json").stdout)
    assert "nato/art5" not in d["covered_by"]
    a = json.loads(run("assess", "--by", "RUS", "--at", "Tallinn", "--on", "2017-11", "--json",
                       "--no-cascade").stdout)
    assert a["attack"]["date"] == "2017-11-01"
    old = json.loads(run("assess", "--by", "RUS", "--at", "Tallinn", "--date", "2017-11-01", "--json",
                         "--no-cascade").stdout)  # --date is kept as an alias
    assert old["summary"] == a["summary"]


def test_states_by_name_everywhere(kb):
    by_name = json.loads(run("assess", "--by", "Russia", "--on-state", "Estonia", "--at", "Tallinn", "--on",
                             "2017-11-02", "--json", "--no-cascade").stdout)
    by_code = json.loads(run("assess", "--by", "RUS", "--on-state", "EST", "--at", "Tallinn", "--on",
                             "2017-11-02", "--json", "--no-cascade").stdout)
    assert by_name["attack"]["attacker"] == "RUS" and by_name["summary"] == by_code["summary"]
    assert json.loads(run("treaties", "Japan", "--on", "2017-11-02", "--json").stdout)["state"] == "JPN"
    assert json.loads(run("treaties", "--state", "JPN", "--on", "2017-11-02", "--json").stdout)["state"] == "JPN"
    assert json.loads(run("relations", "South Korea", "--on", "2017", "--json").stdout)["state"] == "KOR"
    owners = {m["owner"] for m in json.loads(run("missiles", "--owner", "North Korea", "--json").stdout)["missiles"]}
    assert owners == {"PRK"}
    r = json.loads(run("invocations", "--state", "United States", "--json").stdout)
    assert r["count"] >= 1 and all("USA" in i["requested_by"] for i in r["invocations"])


def test_fixed_values_are_listed_in_help_and_errors():
    help_text = " ".join(run("assess", "--help", env={"COLUMNS": "200"}).stdout.split())
    for v in (*TARGETS, *ACTS):
        assert v in help_text, v
    r = run("assess", "--by", "PRK", "--at", "Guam", "--target", "tank")
    assert r.exit_code == 2 and all(t in r.output for t in TARGETS)
    r = run("assess", "--by", "PRK", "--at", "Guam", "--act", "invasion")
    assert r.exit_code == 2 and all(a in r.output for a in ACTS)
    r = run("defends", "Guam", "--target", "cyber")
    assert r.exit_code == 2 and "territory, armed_forces, vessel, aircraft" in r.output
    r = run("export", "dyads", "--out", "x.csv", "--rule", "june")
    assert r.exit_code == 2 and "any, jan1, dec31" in r.output
    assert "jan1" in run("export", "dyads", "--help").stdout


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"casus {__version__}"


def test_help_at_80_columns_has_no_type_tags_and_fits():
    for name in ["", *_commands()]:
        r = run(*name.split(), "--help", env={"COLUMNS": "80"})
        assert r.exit_code == 0, name
        assert not TYPE_TAG.search(r.stdout), (name, TYPE_TAG.search(r.stdout))
        assert all(len(line) <= 80 for line in r.stdout.splitlines()), name


def test_help_paragraphs_are_not_cut_by_the_source_lines():
    # typer keeps single line breaks of a docstring; each paragraph is joined so the terminal wraps it
    for name, cmd in _commands().items():
        for para in (cmd.help or "").split("\n\n"):
            assert "\n" not in para, name


def test_reach_answers_first_and_fits_80_columns():
    r = run("reach", "--missile", "hwasong-15", "--from", "North Korea", "--on", "2017-11-29", "--target", "Berlin",
            "--target", "Lisbon", "--limit", "3", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Hwasong-15 from North Korea on 2017-11-29: within reach")
    assert all(len(x) <= 80 for x in lines)
    text = " ".join(r.stdout.split())
    assert "Berlin, DEU city Germany 7,758 low" in text and "Lisbon, PRT city Portugal 10,039 high" in text
    assert "NATO Art. 5" in text and "nato/art5" not in text  # names by default, ids with --verbose
    assert "more territories (--limit N, --all, or --json)" in text


def test_missiles_default_layout_and_limit():
    r = run("missiles", "--limit", "3", env={"COLUMNS": "80"})
    assert r.exit_code == 0 and all(len(x) <= 80 for x in r.stdout.splitlines())
    assert "3 of " in r.stdout and "shown" in r.stdout
    assert run("missiles", "--limit", "0").exit_code == 2


def test_options_that_take_a_value_say_so_in_help():
    text = run("assess", "--help", env={"COLUMNS": "120"}).stdout
    assert re.search(r"--on,--date\s+DATE", text) and re.search(r"--by,--attacker\s+STATE", text)
    assert re.search(r"--overlay\s+DIR", text)
    reach = run("reach", "--help", env={"COLUMNS": "120"}).stdout
    assert re.search(r"--km\s+NUMBER", reach) and re.search(r"--map\s+PATH", reach)
    assert re.search(r"--force\s+Replace", reach)  # a flag shows no value word
