"""Where a sweep's tasks run: in this process, on a Dask LocalCluster, or on an existing Dask cluster.

The local cluster and an existing one share one code path: a
``distributed.Client`` submits every task and results are taken as they finish
(``distributed.as_completed``), which also feeds the progress bar. In-process
runs the same task function in a loop, for small jobs and for tests. Each
result is released as soon as it is taken, so the cluster never holds more
than the tasks in flight.

An address that does not answer is refused after a short timeout with a
ComputeError naming it; a task that fails cancels the others and its error is
raised here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from casus.errors import ComputeError, InputError

#: seconds to wait for a scheduler to answer
CONNECT_TIMEOUT = 5
_ADDRESS = re.compile(r"^(tcp|tls|inproc|ucx|ws|wss)://[^\s/]+$")
SCHEDULER_HELP = "local (a LocalCluster), none (in this process), or an address such as tcp://127.0.0.1:8786"


def default_workers() -> int:
    """Workers for a local cluster: one per core, at most four (a sweep is memory- more than CPU-bound)."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Mode:
    """How to run: ``none``, ``local`` or an address."""

    scheduler: str
    workers: int

    @property
    def kind(self) -> str:
        return self.scheduler if self.scheduler in ("none", "local") else "address"

    def describe(self) -> str:
        if self.kind == "none":
            return "in process"
        if self.kind == "local":
            return f"local Dask cluster, {self.workers} worker(s)"
        return f"Dask cluster at {self.scheduler}"


def parse_mode(scheduler: str | None, workers: int | None) -> Mode:
    s = (scheduler or "local").strip()
    if s.lower() in ("none", "local"):
        s = s.lower()
    elif not _ADDRESS.match(s):
        raise InputError(f"--scheduler: {scheduler!r} is not local, none or a scheduler address",
                         field="--scheduler", accepted=SCHEDULER_HELP)
    if workers is not None and workers < 1:
        raise InputError(f"--workers: {workers} is not a number of workers", field="--workers",
                         accepted="1 or more")
    return Mode(s, workers or (1 if s == "none" else default_workers()))


@contextlib.contextmanager
def connect(mode: Mode) -> Iterator[Any]:
    """A distributed Client for ``local`` or an address (None for in-process), closed on exit."""
    if mode.kind == "none":
        yield None
        return
    from distributed import Client

    cluster = None
    try:
        if mode.kind == "local":
            from distributed import LocalCluster

            try:
                cluster = LocalCluster(n_workers=mode.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster)
            except Exception as exc:  # a cluster that cannot start is a compute problem, not a traceback
                raise ComputeError(f"could not start a local Dask cluster: {type(exc).__name__}: {exc}",
                                   field="--scheduler", accepted=SCHEDULER_HELP) from exc
        else:
            try:
                client = Client(mode.scheduler, timeout=f"{CONNECT_TIMEOUT}s")
            except (OSError, TimeoutError) as exc:
                raise ComputeError(f"cannot reach the Dask scheduler at {mode.scheduler} (no answer within "
                                   f"{CONNECT_TIMEOUT} s): {exc}", field="--scheduler",
                                   accepted=SCHEDULER_HELP) from None
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def worker_memory_limit(client: Any) -> tuple[int, int]:
    """(smallest memory limit among the workers, number of worker threads); 0 when unlimited."""
    info = client.scheduler_info()
    workers = info.get("workers", {}).values()
    limits = [int(w.get("memory_limit") or 0) for w in workers]
    threads = sum(int(w.get("nthreads") or 1) for w in workers)
    return (min((x for x in limits if x), default=0), threads)


def run_all(client: Any, fn: Callable[..., Any], shared: Any, items: Sequence[Any], *,
            key: Callable[[Any], str]) -> Iterator[Any]:
    """Results of ``fn(shared, item)`` for each item, in the order they finish."""
    if client is None:
        for item in items:
            yield fn(shared, item)
        return
    from distributed import as_completed

    futures = [client.submit(fn, shared, item, key=key(item), pure=False, retries=0) for item in items]
    try:
        for fut in as_completed(futures):
            try:
                result = fut.result()
            except ComputeError:
                raise
            except Exception as exc:  # a worker that died, a lost connection
                raise ComputeError(f"a sweep task failed on the cluster: {type(exc).__name__}: {exc}") from None
            fut.release()
            yield result
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)
