"""Progress on long work: library steps are announced to a reporter; the CLI shows them only on a terminal."""

from __future__ import annotations

import contextlib
import json

from typer.testing import CliRunner

from casus.cli import app
from casus.progress import reporting, step


def test_steps_reach_the_installed_reporter_and_nothing_else():
    seen: list[str] = []

    @contextlib.contextmanager
    def reporter(what: str):
        seen.append(what)
        yield

    with step("not shown"):  # no reporter: a no-op
        pass
    with reporting(reporter), step("Compiling"), step("Indexing"):
        pass
    with step("after"):
        pass
    assert seen == ["Compiling", "Indexing"]


def test_first_run_steps_are_marked(tmp_path, monkeypatch):
    # a fresh cache directory: the place-name index is built, and says so
    from casus.geo import names

    seen: list[str] = []

    @contextlib.contextmanager
    def reporter(what: str):
        seen.append(what)
        yield

    import casus

    kb = casus.open()
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(names, "_MEMO", {})
    with reporting(reporter):
        names.gazetteer(kb)
    assert any("place names" in s for s in seen)


def test_no_progress_output_when_not_a_terminal():
    r = CliRunner().invoke(app, ["where", "Guam", "--on", "2017-11-02", "--json"])
    assert r.exit_code == 0 and r.stderr == ""
    json.loads(r.stdout)  # stdout is JSON and nothing else
