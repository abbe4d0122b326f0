"""No data lost: a writer killed midway leaves the old file whole, and nothing is overwritten without --force.

The kill test runs a real process that writes a big file through
``casus.fileio.atomic_write_with``, stops it with SIGKILL (no cleanup handler
runs) when half the bytes are on disk, and looks at what is left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casus.errors import OutputExistsError
from casus.fileio import atomic_write_bytes, atomic_write_text, atomic_write_with, check_writable

HALF = 8 * 1024 * 1024  # 8 MiB on disk before the kill, 16 MiB had it finished

WRITER = textwrap.dedent("""\
    import os, sys, time
    from casus.fileio import atomic_write_with

    HALF = int(sys.argv[2])

    def writer(tmp):
        with open(tmp, "wb") as fh:
            fh.write(b"N" * HALF)
            fh.flush()
            os.fsync(fh.fileno())
            print(tmp, flush=True)  # tell the test where the half-written file is
            time.sleep(120)         # killed here
            fh.write(b"N" * HALF)

    atomic_write_with(sys.argv[1], writer, force=True)
""")


def kill_writer_midway(target: Path) -> Path:
    """Start a writer, wait until half the file is on disk, SIGKILL it; return the temporary path it used."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target), str(HALF)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line, f"writer did not start: {proc.stderr.read() if proc.poll() is not None else ''}"
        tmp = Path(line)
        assert tmp.stat().st_size == HALF  # it really is midway
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return tmp


def test_killed_writer_leaves_the_old_file_intact(tmp_path):
    target = tmp_path / "export.parquet"
    old = os.urandom(1024) * 64
    target.write_bytes(old)
    tmp = kill_writer_midway(target)
    assert target.read_bytes() == old
    # the half-written bytes are in a hidden temporary file beside it, never under the final name
    assert tmp.parent == tmp_path and tmp.name.startswith(".export.parquet.") and tmp.name.endswith(".tmp")
    # (and its empty lock file: a lock dies with its process, the file stays until the next run)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["export.parquet", tmp.name,
                                                                 ".export.parquet.lock"])
    # the next write succeeds and replaces the file whole; it removes the killed run's litter once it is stale
    os.utime(tmp, (1, 1))
    atomic_write_bytes(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["export.parquet"]


def test_killed_writer_leaves_no_final_file(tmp_path):
    target = tmp_path / "sub" / "map.png"
    tmp = kill_writer_midway(target)
    assert not target.exists()
    assert sorted(p.name for p in target.parent.iterdir()) == sorted([tmp.name, ".map.png.lock"])


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "sweep.json"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write_with(target, broken, force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.json"]


def test_a_writer_that_makes_a_directory_is_cleaned_up(tmp_path):
    # partitioned Parquet writers make a directory at the temporary path
    target = tmp_path / "parts"

    def broken(tmp: Path) -> None:
        (tmp / "a").mkdir(parents=True)
        (tmp / "a" / "part-0.parquet").write_bytes(b"x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write_with(target, broken, force=True)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", [
    lambda p, force: atomic_write_bytes(p, b"new", force=force),
    lambda p, force: atomic_write_text(p, "new", force=force),
    lambda p, force: atomic_write_with(p, lambda t: t.write_text("new"), force=force),
], ids=["bytes", "text", "with"])
def test_existing_file_is_refused_without_force(tmp_path, write):
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(OutputExistsError) as err:
        write(target, False)
    assert "--force" in err.value.message and str(target) in err.value.message
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    write(target, True)
    assert target.read_text() == "new"


def test_check_writable_on_a_new_path(tmp_path):
    assert check_writable(tmp_path / "new.csv", force=False) == tmp_path / "new.csv"
