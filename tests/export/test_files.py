"""Atomic writes: formats by name, no overwrite without force, and a writer killed midway leaves the old file."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import textwrap

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from casus.errors import InputError, OutputExistsError
from casus.export.files import atomic_dir, table_format, write_table, write_tables

TABLE = pa.table({"ccode1": pa.array([2, 20], pa.int16()), "iso1": pa.array(["USA", "CAN"]),
                  "kind": pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array(["a", "b"]))})


def test_format_from_the_name():
    assert table_format("x.parquet") == "parquet"
    assert table_format("x.CSV") == "csv"
    assert table_format("dir/x.csv.gz") == "csv.gz"
    with pytest.raises(InputError, match=r"\.parquet"):
        table_format("x.xlsx")


def test_each_format_round_trips(tmp_path):
    write_table(TABLE, tmp_path / "t.parquet", metadata={"casus.unit": "test"})
    back = pq.read_table(tmp_path / "t.parquet")
    assert back.column("iso1").to_pylist() == ["USA", "CAN"]
    assert back.schema.metadata[b"casus.unit"] == b"test"
    write_table(TABLE, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text().splitlines()[1] == '2,"USA","a"'
    write_table(TABLE, tmp_path / "t.csv.gz")
    assert gzip.decompress((tmp_path / "t.csv.gz").read_bytes()).decode().splitlines()[2] == '20,"CAN","b"'


def test_stream_of_tables_becomes_row_groups(tmp_path):
    write_tables([TABLE, TABLE, TABLE], tmp_path / "s.parquet")
    f = pq.ParquetFile(tmp_path / "s.parquet")
    assert f.metadata.num_row_groups == 3 and f.metadata.num_rows == 6


def test_no_overwrite_without_force(tmp_path):
    p = tmp_path / "t.parquet"
    p.write_bytes(b"old")
    with pytest.raises(OutputExistsError, match="--force"):
        write_table(TABLE, p)
    assert p.read_bytes() == b"old"
    write_table(TABLE, p, force=True)
    assert pq.read_table(p).num_rows == 2


def test_failed_writer_leaves_old_file_and_no_temporary(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("old\n")

    def broken():
        yield TABLE
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_tables(broken(), p, force=True)
    assert p.read_text() == "old\n"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["t.csv"]


def test_atomic_dir(tmp_path):
    out = tmp_path / "sweep"
    with atomic_dir(out) as tmp:
        (tmp / "a").write_text("1")
        assert not out.exists()
    assert (out / "a").read_text() == "1"
    with pytest.raises(OutputExistsError), atomic_dir(out):
        pass
    with pytest.raises(RuntimeError), atomic_dir(out, force=True) as tmp:
        (tmp / "b").write_text("2")
        raise RuntimeError("boom")
    assert sorted(x.name for x in out.iterdir()) == ["a"]
    with atomic_dir(out, force=True) as tmp:
        (tmp / "b").write_text("2")
    assert sorted(x.name for x in out.iterdir()) == ["b"]
    assert sorted(x.name for x in tmp_path.iterdir()) == ["sweep"]


def _kill_when_ready(script: str, *args: str) -> None:
    """Run ``script``; when it prints READY (midway through writing), SIGKILL it."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "READY", proc.stderr.read()  # type: ignore[union-attr]
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_sigkill_midway_through_a_table_keeps_the_old_file(tmp_path):
    target = tmp_path / "dyads.parquet"
    write_table(TABLE, target)
    before = target.read_bytes()
    _kill_when_ready("""
        import sys, time
        import pyarrow as pa
        from casus.export.files import write_tables

        def tables():
            big = pa.table({"x": list(range(200_000))})
            yield big
            print("READY", flush=True)      # one row group is in the temporary file; more would follow
            time.sleep(120)
            yield big

        write_tables(tables(), sys.argv[1], force=True)
    """, str(target))
    assert target.read_bytes() == before
    assert pq.read_table(target).num_rows == 2
    leftovers = [x.name for x in tmp_path.iterdir() if x.name != "dyads.parquet"]
    assert all(n.startswith(".dyads.parquet.") and n.endswith((".tmp", ".lock")) for n in leftovers)


def test_sigkill_midway_through_a_directory_keeps_the_old_one(tmp_path):
    target = tmp_path / "sweep"
    with atomic_dir(target) as tmp:
        (tmp / "part-0.parquet").write_bytes(b"old part")
    _kill_when_ready("""
        import sys, time
        from pathlib import Path
        from casus.export.files import atomic_dir

        with atomic_dir(Path(sys.argv[1]), force=True) as tmp:
            (tmp / "part-0.parquet").write_bytes(b"new part")
            print("READY", flush=True)
            time.sleep(120)
            (tmp / "part-1.parquet").write_bytes(b"new part")
    """, str(target))
    assert sorted(x.name for x in target.iterdir()) == ["part-0.parquet"]
    assert (target / "part-0.parquet").read_bytes() == b"old part"
