"""`casus sweep` and `casus animate` on the command line, and a sweep killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

from typer.testing import CliRunner

from casus.cli import app

runner = CliRunner()


def test_sweep_and_animate(tmp_path, data_dir):
    data = ["--data", data_dir] if data_dir else []
    out = tmp_path / "sw"
    places = tmp_path / "places.txt"
    places.write_text("Tallinn, 59.437, 24.7536\nGuam, 13.44, 144.79\n")
    args = ["sweep", "--places-file", str(places), "--dates", "2004-03-28..2004-03-30", "--every", "1d",
            "--clauses", "nato/art5,anzus-1951/art4", "--scheduler", "none", "--out", str(out), "--json", *data]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert body["rows"] == 2 * 3 * 2 and body["mode"] == "in process"
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and "already exists" in res.output
    gif = tmp_path / "c.gif"
    res = runner.invoke(app, ["animate", str(out), "--out", str(gif), "--dpi", "30", *data])
    assert res.exit_code == 0, res.output
    assert gif.read_bytes()[:6] == b"GIF89a"
    res = runner.invoke(app, ["animate", str(out), "--out", str(tmp_path / "m.png"), "--date", "2004-03-30", *data])
    assert res.exit_code == 0 and (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    res = runner.invoke(app, ["animate", str(out), "--out", str(tmp_path / "m.jpg"), "--date", "2004-03-30"])
    assert res.exit_code == 2 and ".png" in res.output


def test_bad_input_exits_2_with_a_message(tmp_path):
    cases = [
        (["--grid", "1", "--dates", "1930-01-01..1950-01-01"], "covered range"),
        (["--grid", "1", "--places", "Guam", "--dates", "2020-01-01"], "exactly one of"),
        (["--grid", "1", "--dates", "2020-01-01", "--scheduler", "localhost:8786"], "--scheduler"),
        (["--grid", "1", "--dates", "2020-01-01", "--every", "1y"], "--every goes with a range"),
    ]
    for extra, words in cases:
        res = runner.invoke(app, ["sweep", "--out", str(tmp_path / "x"), *extra])
        assert res.exit_code == 2, (extra, res.output)
        assert words in res.output, (extra, res.output)
    assert not (tmp_path / "x").exists()


def test_sigkill_midway_through_a_sweep_keeps_the_old_output(small, data_dir, tmp_path):
    import shutil

    target = tmp_path / "sweep"
    shutil.copytree(small.out, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    script = textwrap.dedent("""
        import sys, time
        import casus
        from casus.sweep import Grid, parse_mode, parse_dates, sweep

        data = sys.argv[2] or None
        kb = casus.open(data)

        def progress(done, total, result):
            if done == 1:
                print("READY", flush=True)   # one part is in the temporary directory; the rest would follow
                time.sleep(120)

        sweep(kb, out=sys.argv[1], dates=parse_dates("2000-01-01..2010-01-01", "1y"), grid=Grid(5.0),
              mode=parse_mode("none", None), force=True, data_dir=data, dates_per_task=1, progress=progress)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script, str(target), data_dir or ""], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "READY", proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
