"""The command line under any argv: exit 0, 1 or 2, never a traceback; and no output file replaced without --force.

Generated command lines mix each command's own options with values that are
right, nearly right and wrong. ``serve``, ``sweep`` and ``animate`` are only
given arguments that fail before any work (they start servers and clusters);
``check`` reads every file (seconds), so it is tried on a few command lines only.
"""

from __future__ import annotations

import contextlib
import json
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casus.cli import app

COMMAND: Any = typer.main.get_command(app)  # typer's own vendored click group
SLOW = {"serve", "sweep", "animate", "check", "export", "tour", "build-cache"}  # build-cache writes the package
FAST = sorted(set(COMMAND.commands) - SLOW)

VALUES = ["2017-11-02", "1944-12-31", "2999-01-01", "2017-02-30", "17-11-02", "", " ", "nato", "NATO", "natoo",
          "nato/art5", "us-japan-1960", "JPN", "jpn", "Japan", "XXX", "nsa:ISIS", "Guam", "guam", "Springfield",
          "13.44,144.79", "91,0", "nan,inf", "1e999,1", "13.44,144.79,1", "0", "-1", "1e308", "abc", "-",
          "hwasong-15", "hwasong", "territory", "cyber", "incursion", "pacific-area", "out.json", "out.graphml",
          "out.png", "out.geojson", "x.txt", "missing-dir/out.json", ".", "\x00", "é", "a" * 300, "--json", "--help"]


def run(argv: list[str], stdin: str = "") -> Any:
    return CliRunner().invoke(app, argv, input=stdin)


def assert_clean(argv: list[str], result: Any) -> None:
    shown = f"casus {' '.join(map(repr, argv))} -> {result.exit_code}\n{result.output[-2000:]}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(shown) from result.exception
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(FAST))
    cmd = COMMAND.commands[name]
    argv = [name]
    options = [p for p in cmd.params if p.param_type_name == "option"]
    arguments = [p for p in cmd.params if p.param_type_name == "argument"]
    for _ in arguments:
        if draw(st.integers(0, 4)):
            argv.append(draw(st.sampled_from(VALUES) | st.text(max_size=8)))
    for opt in draw(st.lists(st.sampled_from(options), max_size=4)) if options else []:
        if opt.name == "overlay":
            continue  # overlays are fuzzed in test_overlay_yaml.py; a random directory here is only noise
        argv.append(draw(st.sampled_from(opt.opts)))
        if not opt.is_flag:
            argv.append(draw(st.sampled_from(VALUES) | st.text(max_size=8)))
    if draw(st.integers(0, 5)) == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(VALUES) | st.text(max_size=6)))
    return argv


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command_lines())
def test_any_command_line_exits_0_1_or_2_without_traceback(kb, argv):
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        assert_clean(argv, run(argv))


@pytest.mark.parametrize("argv", [
    [], ["--help"], ["nonsense"], ["--json"], ["check", "--data", "/nonexistent"], ["check", "--bogus"],
    ["serve", "--port", "notaport"], ["serve", "--port", "-1", "--help"],
    ["sweep"], ["sweep", "--out", "x", "--dates", "yesterday", "--places", "Guam"],
    ["animate", "nowhere", "--out", "a.gif"],
    ["export"], ["export", "dyads"], ["export", "dyads", "--out", "d.csv", "--rule", "sometimes"],
    ["export", "dyads", "--out", "d.csv", "--from", "1900", "--to", "1901"], ["export", "duckdb", "--out", ""],
    ["tour", "--json", "--extra"], ["assess", "-"], ["assess", "-", "--jsonl"], ["assess", "nowhere.jsonl"],
    *[[name, "--help"] for name in sorted(COMMAND.commands)],
], ids=lambda argv: " ".join(argv) or "(none)")
def test_fixed_command_lines_exit_cleanly(kb, argv):
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        assert_clean(argv, run(argv, stdin='{"date": "2017-11-02", "attacker": "PRK"\n[' + "[" * 5000 + "\n"))


@pytest.mark.parametrize("argv", [
    ["members", "natoo", "--on", "2017-11-02", "--json"],
    ["where", "Gaum", "--json"],
    ["assess", "--by", "PRK", "--on-state", "USA", "--at", "Guam", "--date", "2017-02-30", "--json"],
    ["relations", "XXX", "--on", "2017-11-02", "--json"],
])
def test_errors_with_json_are_one_json_object(kb, argv):
    result = run(argv)
    assert result.exit_code == 2
    body = json.loads(result.stdout)
    assert body["error"] and body["message"] and "accepted" in body


# ----------------------------------------------------------------------------- output files and --force

OUTPUTS = {
    "network": ["network", "--on", "2017-11-02", "--out", "{out}"],
    "export-dyads": ["export", "dyads", "--out", "{out}", "--from", "2017", "--to", "2017"],
    "export-regions": ["export", "regions", "--out", "{out}"],
    "export-duckdb": ["export", "duckdb", "--out", "{out}"],
    "reach-geojson": ["reach", "-m", "hwasong-15", "--geojson", "{out}"],
    "sweep": ["sweep", "--out", "{out}", "--dates", "2017-11-02", "--places", "Guam"],
}
SUFFIX = {"network": ".json", "export-dyads": ".csv", "export-regions": ".geojson",
          "export-duckdb": ".duckdb", "reach-geojson": ".geojson", "sweep": ""}
REPLACE = ("network", "export-dyads", "export-regions")  # cheap enough to also run with --force
# not repeated here: `export territories` and `reach --map` use the same writers as `export regions` and
# `reach --geojson`, and only refuse after computing the whole output (seconds)


def _argv(name: str, out: Path) -> list[str]:
    top = OUTPUTS[name][0]
    if top not in COMMAND.commands:
        pytest.skip(f"casus {top} is not built yet")
    return [a.replace("{out}", str(out)) for a in OUTPUTS[name]]


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_an_existing_output_is_refused_without_force(kb, tmp_path, name):
    out = tmp_path / f"out{SUFFIX[name]}"
    if name == "sweep":
        out.mkdir()
        (out / "keep.txt").write_text("old")
    else:
        out.write_text("old")
    argv = _argv(name, out)
    result = run(argv)
    assert result.exit_code == 2, result.output
    assert "--force" in result.output and "Traceback" not in result.output
    if name == "sweep":
        assert [p.name for p in out.iterdir()] == ["keep.txt"] and (out / "keep.txt").read_text() == "old"
    else:
        assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name], "a temporary file was left behind"


@pytest.mark.parametrize("name", REPLACE)
def test_force_replaces_an_output_whole(kb, tmp_path, name):
    out = tmp_path / f"out{SUFFIX[name]}"
    out.write_text("old")
    result = run([*_argv(name, out), "--force"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != b"old" and out.stat().st_size > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def _normal_mode(tmp_path: Path) -> int:
    probe = tmp_path / "probe"
    probe.write_text("x")
    return stat.S_IMODE(probe.stat().st_mode)


@pytest.mark.parametrize("name", [
    "export-dyads",
    "network",
])
def test_outputs_get_the_usual_file_mode(kb, tmp_path, name):
    # an export shared with colleagues must be readable like any file the user makes
    if _normal_mode(tmp_path) == 0o600:
        pytest.skip("with umask 077 every new file is 0600: nothing to tell apart")
    out = tmp_path / "files" / f"out{SUFFIX[name]}"
    out.parent.mkdir()
    result = run(_argv(name, out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == _normal_mode(tmp_path), oct(out.stat().st_mode)
