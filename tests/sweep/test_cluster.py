"""A sweep on a real Dask cluster: a scheduler and a worker started here as processes on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casus.sweep import Grid, parse_mode, read_rows, sweep

DASK = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode}: {proc.stderr.read()}")  # type: ignore[union-attr]
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@pytest.fixture
def cluster(tmp_path):
    """tcp://127.0.0.1:PORT of a scheduler with one worker (two threads), torn down at the end."""
    assert DASK, "the dask command (dask[distributed]) is not installed"
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    procs = []
    try:
        sched = subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
        procs.append(sched)
        wait_for_port(port, sched)
        worker = subprocess.Popen([DASK, "worker", f"tcp://127.0.0.1:{port}", "--host", "127.0.0.1", "--nworkers",
                                   "1", "--nthreads", "2", "--no-dashboard", "--memory-limit", "2GiB"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
        procs.append(worker)
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{port}", timeout="20s") as c:
            c.wait_for_workers(1, timeout=60)
        yield f"tcp://127.0.0.1:{port}"
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.mark.slow
def test_existing_cluster_matches_in_process(skb, small, data_dir, tmp_path, cluster):
    out = tmp_path / "remote"
    s = sweep(skb, out=out, dates=small.dates, grid=Grid(5.0), mode=parse_mode(cluster, None), data_dir=data_dir,
              dates_per_task=2)
    assert s.mode == f"Dask cluster at {cluster}"
    assert s.partitions == small.summary.partitions
    assert read_rows(out).equals(read_rows(small.out))
