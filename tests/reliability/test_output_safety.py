"""Two runs, one output; and the OS saying no (issue 17, items 7 and 8).

- A run claims its output (an ``fcntl`` lock beside it) before the work: a
  second run aimed at the same path fails at once with exit 2 and leaves the
  first one's result alone; with ``--force`` it waits, then replaces it whole.
- A read-only folder, a parent that is a file and a full disk are one line
  each, exit 2 for the user's path and 1 for the disk, the previous file intact
  and no temporary file (nor DuckDB ``.wal``) left behind.

The full-disk and read-only cases use a real tmpfs when this machine lets the
tests mount one (root in a container, as in CI), else they are simulated.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casus.errors import OutputBusyError, StorageError
from casus.fileio import atomic_write_text, claim, clean_stale, release

from .test_cli import OUTPUTS, SUFFIX, _argv, run

HOLDER = textwrap.dedent("""\
    import sys, time
    from casus.fileio import atomic_write_text, claim
    out, hold, text = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    claim(out, force=False)
    print("READY", flush=True)
    time.sleep(hold)
    if text:
        atomic_write_text(out, text, force=False)
""")


def holder(out: Path, hold: float, text: str = "") -> subprocess.Popen[str]:
    """Another casus run that claims ``out``, works for ``hold`` seconds, then writes ``text`` (if any)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(out), str(hold), text], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "READY", proc.stderr
    return proc


def finish(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_a_second_run_on_a_busy_output_fails_at_once(kb, tmp_path, name):
    out = tmp_path / f"out{SUFFIX[name]}"
    first = holder(out, 60)
    try:
        t = time.perf_counter()
        result = run(_argv(name, out))
        assert result.exit_code == 2, result.output
        assert "being written by another casus run" in result.output and "Traceback" not in result.output
        assert time.perf_counter() - t < 30
        assert not out.exists()
    finally:
        finish(first)


def test_the_first_runs_result_survives_a_second_run(tmp_path):
    out = tmp_path / "result.json"
    first = holder(out, 1.0, "first")
    with pytest.raises(OutputBusyError):
        atomic_write_text(out, "second", force=False)
    first.wait(timeout=30)
    finish(first)
    assert out.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # the lock file is gone with its run


def test_force_waits_for_the_first_run_then_replaces_its_result(tmp_path):
    out = tmp_path / "result.json"
    first = holder(out, 1.0, "first")
    t = time.perf_counter()
    atomic_write_text(out, "second", force=True)
    waited = time.perf_counter() - t
    finish(first)
    assert waited > 0.5
    assert out.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]


def test_stale_temporaries_are_cleaned_by_the_next_claim(tmp_path):
    out = tmp_path / "dyads.parquet"
    old_file = tmp_path / ".dyads.parquet.abc123.tmp"
    old_dir = tmp_path / ".dyads.parquet.def456.tmp"
    wal = tmp_path / ".dyads.parquet.abc123.tmp.wal"
    fresh = tmp_path / ".dyads.parquet.zzz999.tmp"  # another run's, just made: not litter yet
    other = tmp_path / ".notes.txt.abc123.tmp"  # not this output's
    for p in (old_file, wal, fresh, other):
        p.write_bytes(b"x" * 1000)
    old_dir.mkdir()
    (old_dir / "part-0.parquet").write_bytes(b"x")
    for p in (old_file, old_dir, wal, other):
        os.utime(p, (1, 1))
    claim(out, force=False)
    release(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name])
    assert clean_stale(out, older_than=0) == [fresh]


# ----------------------------------------------------------------------------- the OS saying no

CHEAP = ("network", "export-dyads", "export-duckdb", "sweep")


@pytest.mark.parametrize("name", CHEAP)
def test_a_parent_that_is_a_file_is_one_line_and_exit_2(kb, tmp_path, name):
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / f"out{SUFFIX[name]}"
    result = run(_argv(name, out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "notes.txt" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def _mount(tmp_path: Path, name: str, options: str) -> Path | None:
    point = tmp_path / name
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True)
    return point if done.returncode == 0 else None


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 64 KB tmpfs, or None when this machine does not let the tests mount one."""
    point = _mount(tmp_path, "tiny", "size=64k") if os.geteuid() == 0 else None
    yield point
    if point is not None:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


@pytest.mark.parametrize("name", ["export-duckdb", "export-regions"])
def test_a_full_disk_is_one_line_exit_1_and_the_old_file_stays(kb, tiny_disk, monkeypatch, name):
    if tiny_disk is None:
        pytest.skip("cannot mount a tmpfs here; the simulated case below still runs")
    out = tiny_disk / f"out{SUFFIX[name]}"
    out.write_bytes(b"old" * 1000)
    st = os.statvfs(tiny_disk)
    (tiny_disk / "filler").write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 8192))  # 8 KB left
    result = run([*_argv(name, out), "--force"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "full" in result.output.lower()
    assert out.read_bytes() == b"old" * 1000
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler", out.name]  # no temporary file, no .wal


def test_a_full_disk_simulated_is_one_line_exit_1(kb, tmp_path, monkeypatch):
    out = tmp_path / "net.json"
    out.write_text("old")
    real = Path.write_text

    def full(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real(self, data[: len(data) // 2], *args, **kwargs)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(Path, "write_text", full)
    result = run([*_argv("network", out), "--force"])
    assert result.exit_code == 1, result.output
    assert "disk is full" in result.output and "Traceback" not in result.output
    monkeypatch.undo()
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["net.json"]


def test_a_read_only_folder_is_one_line_and_exit_2(kb, tmp_path, monkeypatch):
    ro = _mount(tmp_path, "ro", "ro,size=64k") if os.geteuid() == 0 else None
    try:
        if ro is None:
            ro = tmp_path / "ro"
            if os.geteuid() == 0:  # root writes anywhere: simulate what the OS would say
                def refuse(*args: object, **kwargs: object) -> object:
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(ro))

                monkeypatch.setattr("tempfile.mkstemp", refuse)
            else:
                ro.chmod(0o555)
        out = ro / "dyads.csv"
        result = run(_argv("export-dyads", out))
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "cannot write" in result.output
        assert not out.exists()
    finally:
        subprocess.run(["umount", "-l", str(tmp_path / "ro")], capture_output=True)


def test_storage_errors_are_exit_1_and_path_errors_exit_2():
    from casus.fileio import os_error

    assert isinstance(os_error(OSError(errno.ENOSPC, "No space left on device"), "x"), StorageError)
    assert not isinstance(os_error(OSError(errno.EACCES, "Permission denied"), "x"), StorageError)
    assert not isinstance(os_error(OSError(errno.EROFS, "Read-only file system"), "x"), StorageError)
