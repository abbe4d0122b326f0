"""``casus where`` on the command line: points, names, negative latitudes, JSON, exit codes."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.cli.geo_commands import parse_where
from casus.errors import CoordinateError, UnknownPlaceError

runner = CliRunner()


def run(*args):
    extra = os.environ.get("CASUS_TEST_OVERLAY")
    argv = [*args, *(["--overlay", extra] if extra else [])]
    return runner.invoke(app, ["where", *argv])


def test_point_json(kb):
    r = run("26.213", "127.67851", "--on", "1965-06-01", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert (d["territory"], d["sovereign"], d["administrator"]) == ("okinawa", "JPN", "USA")


@pytest.mark.parametrize("args", [["-33.86785", "151.20732"], ["--", "-33.86785", "151.20732"],
                                  ["-33.86785,151.20732"]])
def test_negative_latitude(kb, args):
    # after "--" everything is an argument, so options go first there
    r = runner.invoke(app, ["where", "--json", *_overlay(), *args]) if args[0] == "--" else run(*args, "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["territory"] == "aus"


def _overlay():
    extra = os.environ.get("CASUS_TEST_OVERLAY")
    return ["--overlay", extra] if extra else []


def test_name_table(kb):
    r = run("Diaoyu", "Islands", "--on", "2020-01-01")
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    # the answer first, in names: the name asked for kept beside the territory's own
    assert text.startswith("On 2020-01-01, the Senkaku Islands (Diaoyu Islands) are held by Japan and claimed by "
                           "China and Taiwan.")
    assert "senkaku-islands" not in r.output  # codes only with --verbose
    r = run("Diaoyu", "Islands", "--on", "2020-01-01", "--verbose")
    assert "senkaku-islands" in r.output and "JPN" in r.output and "CHN" in r.output


@pytest.mark.parametrize("args", [["95", "0"], ["10", "abc"], ["Guam", "--on", "1930-01-01"], ["San Juan"],
                                  ["Atlantis of the Deep"], ["12.5"]])
def test_bad_input_exits_2(kb, args):
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output


def test_bad_input_json_body(kb):
    r = run("95", "0", "--json")
    assert r.exit_code == 2
    assert json.loads(r.output)["error"] == "bad_coordinates"


def test_parse_where():
    assert parse_where(["-33.8", "151.2"]) == ("point", (-33.8, 151.2))
    assert parse_where(["-33.8, 151.2"]) == ("point", (-33.8, 151.2))
    assert parse_where(["San", "Juan,", "PR"]) == ("name", "San Juan, PR")
    with pytest.raises(CoordinateError):
        parse_where(["12", "north"])
    with pytest.raises(UnknownPlaceError):
        parse_where([])
