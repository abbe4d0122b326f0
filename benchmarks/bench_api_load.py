"""Load on the HTTP API: requests per second and p50/p99 latency at 50 concurrent clients.

Starts ``casus serve`` itself on a free 127.0.0.1 port, drives it with asyncio
(a minimal keep-alive HTTP/1.1 client, so that the client is not what is
measured; httpx for the set-up calls) for a fixed time per endpoint, prints the
numbers, and stops the server.
It talks to 127.0.0.1 only and stops by itself.

    python benchmarks/bench_api_load.py                 # every endpoint below, 10 s each
    python benchmarks/bench_api_load.py --seconds 5 --clients 20
    python benchmarks/bench_api_load.py --soak          # 60 s mixing where, assess and defends

The baseline measured in the same run is ``/api/health`` (the server doing
almost nothing): each endpoint's p50 is also shown as a ratio of it, and the
server's own CPU time per request is read from /proc, which holds even when
other programs share the machine (latency does not). ``assess`` is one scenario
without the cascade (the clause findings), ``cascade`` the default body with
it; ``defends-compact`` and ``assess-compact`` ask the same with
``detail=false`` (the compact document); ``repeat`` asks the same few questions
again and again, which the server answers from its cache. The soak mode reports
requests, errors (must be zero), p50, p99 and the server's resident memory at
the start and the end; it exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HOST = "127.0.0.1"
#: seconds a request may wait for its answer before it counts as failed
REQUEST_TIMEOUT = 60.0
#: land points spread over the continents (lat, lon): capitals and large cities
CITIES = [
    (38.90, -77.04), (45.42, -75.70), (19.43, -99.13), (-15.79, -47.88), (-34.60, -58.38), (4.71, -74.07),
    (51.51, -0.13), (48.86, 2.35), (52.52, 13.40), (41.90, 12.50), (40.42, -3.70), (59.33, 18.07),
    (60.17, 24.94), (52.23, 21.01), (50.45, 30.52), (55.76, 37.62), (39.93, 32.86), (41.01, 28.98),
    (30.04, 31.24), (-1.29, 36.82), (6.52, 3.38), (-26.20, 28.05), (33.57, -7.59), (36.75, 3.06),
    (35.69, 51.39), (24.71, 46.68), (25.28, 51.52), (33.31, 44.36), (28.61, 77.21), (24.86, 67.01),
    (23.81, 90.41), (13.76, 100.50), (1.35, 103.82), (-6.21, 106.85), (14.60, 120.98), (22.32, 114.17),
    (25.03, 121.57), (39.90, 116.41), (31.23, 121.47), (37.57, 126.98), (39.02, 125.75), (35.68, 139.69),
    (26.21, 127.68), (13.44, 144.79), (21.31, -157.86), (61.22, -149.90), (-33.87, 151.21), (-41.29, 174.78),
    (64.15, -21.94), (18.47, -66.11), (23.11, -82.37), (43.24, 76.95), (41.30, 69.24), (40.18, 44.51),
]
ATTACKERS = ["PRK", "RUS", "CHN", "IRN", "USA", "FRA"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def family(pid: int) -> list[int]:
    """The server process and its worker processes (``--workers``)."""
    out = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids = (task / "children").read_text().split()
            out.extend(int(k) for k in kids)
    except OSError:
        pass
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of the server (and its workers), in MiB (Linux /proc)."""
    total = 0.0
    for p in family(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total or float("nan")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by the server and its workers: unlike wall-clock latency it
    does not depend on what else the machine is doing, so it gives the server's own cost per request."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


#: the server's standard error: a file, not a pipe, since a pipe nobody reads fills up (64 KiB) and then
#: blocks the server at its next log line, which stalled this benchmark once 503s were being logged
SERVER_LOG = tempfile.TemporaryFile()  # noqa: SIM115 (open for the whole run)


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", "from casus.cli import main; main()", "serve", "--host", HOST, "--port", str(port),
           "--no-access-log", "--log-level", "warning", "--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=SERVER_LOG, start_new_session=True)


def server_log() -> str:
    SERVER_LOG.seek(0)
    return SERVER_LOG.read().decode(errors="replace")


def wait_ready(proc: subprocess.Popen[bytes], base: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"casus serve exited with {proc.returncode}:\n{server_log()[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("casus serve did not answer /api/health in time")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    first_error: str = ""

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


Request = tuple[str, str, dict | None]  # method, path with query, JSON body


class Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams.

    A deliberately small client: at 50 concurrent requests a general-purpose
    async client spends more CPU per request than the server does, and on a
    two-core machine the measurement would then be of the client. The casus
    server always answers with a Content-Length, which is all this reads.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: dict | None) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        data = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nContent-Length: {len(data)}\r\n"
                + ("Content-Type: application/json\r\n" if body is not None else "") + "\r\n")
        self.writer.write(head.encode() + data)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("connection closed by the server")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                close = True
        payload = await self.reader.readexactly(length)
        if close:
            await self.close()
        return status, payload

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def drive(port: int, make: Callable[[random.Random], Request], seconds: float,
                clients: int) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def worker(k: int) -> None:
        rng = random.Random(k)
        conn = Connection(port)
        try:
            while time.monotonic() < deadline:
                method, path, body = make(rng)
                t0 = time.perf_counter()
                try:  # a request with no answer in time is an error, never a stalled benchmark
                    status, payload = await asyncio.wait_for(conn.request(method, path, body), REQUEST_TIMEOUT)
                except (OSError, ConnectionError, ValueError, IndexError, asyncio.IncompleteReadError,
                        TimeoutError) as exc:
                    status, payload = 0, repr(exc).encode()
                    await conn.close()
                dt = time.perf_counter() - t0
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
                if status != 200:
                    tally.errors += 1
                    tally.first_error = tally.first_error or f"{method} {path} -> {status}: {payload[:200]!r}"
                tally.latencies.append(dt)
        finally:
            await conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(clients)))
    return tally, time.perf_counter() - t0


def run(coro: Any) -> Any:
    """Run the load on uvloop when it is installed (a cheaper event loop for the client), else asyncio."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def land_points(base: str) -> list[tuple[float, float, str]]:
    """The cities that lie in some state's territory today, with who holds them (for valid scenarios)."""
    out = []
    with httpx.Client(base_url=base, timeout=30) as c:
        for lat, lon in CITIES:
            r = c.get("/api/where", params={"lat": lat, "lon": lon})
            if r.status_code != 200:
                continue
            w = r.json()
            holder = w.get("administrator") or w.get("sovereign")
            if w.get("territory") and holder:
                out.append((lat, lon, holder))
    if not out:
        raise SystemExit("no city resolved to a territory; is the knowledge base complete?")
    return out


def makers(points: list[tuple[float, float, str]]) -> dict[str, Callable[[random.Random], Request]]:
    """Request generators. Points are jittered (about a kilometre, staying on land) and dates drawn from
    1990 to 2025, so that nearly every request is new to the server's answer cache: these measure the work,
    not the cache. ``repeat`` asks the same dozen questions again and again: that measures the cache."""

    def date(rng: random.Random) -> str:
        return f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def jitter(rng: random.Random, lat: float, lon: float) -> tuple[str, str]:
        return f"{lat + rng.uniform(-.01, .01):.5f}", f"{lon + rng.uniform(-.01, .01):.5f}"

    def health(rng: random.Random) -> Request:
        return "GET", "/api/health", None

    def where(rng: random.Random) -> Request:
        lat, lon = jitter(rng, *rng.choice(points)[:2])
        return "GET", f"/api/where?lat={lat}&lon={lon}&on={date(rng)}", None

    def defends(rng: random.Random) -> Request:
        lat, lon = jitter(rng, *rng.choice(points)[:2])
        return "GET", f"/api/defends?lat={lat}&lon={lon}&on={date(rng)}", None

    def scenario(rng: random.Random) -> dict[str, Any]:
        lat, lon, holder = rng.choice(points)
        attacker = rng.choice([a for a in ATTACKERS if a != holder])
        y, x = jitter(rng, lat, lon)
        day = f"{rng.randint(1992, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return {"date": day, "attacker": attacker, "place": {"lat": float(y), "lon": float(x)}, "target": "territory"}

    def assess(rng: random.Random) -> Request:
        return "POST", "/api/assess?cascade=false", scenario(rng)

    def defends_compact(rng: random.Random) -> Request:
        method, path, body = defends(rng)
        return method, path + "&detail=false", body

    def assess_compact(rng: random.Random) -> Request:
        return "POST", "/api/assess?cascade=false&detail=false", scenario(rng)

    def cascade(rng: random.Random) -> Request:
        return "POST", "/api/assess", scenario(rng)

    def repeat(rng: random.Random) -> Request:
        lat, lon, _ = points[rng.randrange(min(12, len(points)))]
        return "GET", f"/api/defends?lat={lat}&lon={lon}&on=2024-06-01", None

    def mixed(rng: random.Random) -> Request:
        return rng.choice((where, where, defends, assess))(rng)

    return {"health": health, "where": where, "defends": defends, "defends-compact": defends_compact,
            "assess": assess, "assess-compact": assess_compact, "cascade": cascade, "repeat": repeat,
            "mixed": mixed}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per endpoint (default 10; soak: 60)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--soak", action="store_true", help="one long run mixing where, assess and defends")
    ap.add_argument("--only", nargs="*", default=None,
                    help=("endpoints to run, of: health where defends defends-compact assess assess-compact "
                          "cascade repeat (default: all)"))
    ap.add_argument("--workers", type=int, default=1, help="server processes (casus serve --workers; default 1)")
    args = ap.parse_args()
    seconds = 60.0 if args.soak and args.seconds == 10.0 else args.seconds

    port = free_port()
    base = f"http://{HOST}:{port}"
    t0 = time.perf_counter()
    proc = start_server(port, args.workers)
    try:
        wait_ready(proc, base)
        print(f"casus serve on {base} ready in {time.perf_counter() - t0:.1f} s "
              f"(pid {proc.pid}, RSS {rss_mb(proc.pid):.0f} MiB, {os.cpu_count()} CPUs)")
        points = land_points(base)
        make = makers(points)
        # warm every path once (date tables, caches) before timing
        run(drive(port, make["mixed"], 2.0, 4))
        rows = []
        failed = 0
        if args.soak:
            rss0 = rss_mb(proc.pid)
            cpu0 = cpu_seconds(proc.pid)
            tally, elapsed = run(drive(port, make["mixed"], seconds, args.clients))
            cpu = cpu_seconds(proc.pid) - cpu0
            rss1 = rss_mb(proc.pid)
            n = len(tally.latencies)
            print(f"soak: {seconds:.0f} s, {args.clients} clients, where/defends/assess mixed 2:1:1")
            print(f"  requests {n:,}  ({n / elapsed:,.0f}/s)  errors {tally.errors}  "
                  f"p50 {tally.pct(.5):.1f} ms  p99 {tally.pct(.99):.1f} ms  "
                  f"server CPU {cpu / max(n, 1) * 1000:.2f} ms/request")
            print(f"  server RSS {rss0:.0f} MiB at start, {rss1:.0f} MiB at end ({rss1 - rss0:+.0f} MiB)")
            if tally.errors:
                print(f"  statuses {tally.statuses}; first error: {tally.first_error}")
            return 1 if tally.errors else 0
        names = args.only or ["health", "where", "defends", "defends-compact", "assess", "assess-compact", "cascade",
                              "repeat"]
        if "health" not in names:
            names = ["health", *names]
        for name in names:
            cpu0, mine0 = cpu_seconds(proc.pid), time.process_time()
            tally, elapsed = run(drive(port, make[name], seconds, args.clients))
            cpu, mine = cpu_seconds(proc.pid) - cpu0, time.process_time() - mine0
            n = max(len(tally.latencies), 1)
            rows.append((name, n, n / elapsed, tally.pct(.5), tally.pct(.99), tally.errors, cpu / n * 1000,
                         mine / n * 1000))
            failed += tally.errors
            if tally.errors:
                print(f"{name}: statuses {tally.statuses}; first error: {tally.first_error}")
        base_p50 = rows[0][3]
        print(f"\n{args.clients} concurrent clients, {seconds:.0f} s per endpoint "
              f"(client and server share this machine's CPUs)")
        print(f"{'endpoint':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
              f"{'server CPU':>12}{'client CPU':>12}{'p50/health':>12}")
        for name, n, rps, p50, p99, errs, cpu_ms, mine_ms in rows:
            print(f"{name:<10}{n:>10,}{rps:>9,.0f}{p50:>9.1f}{p99:>9.1f}{errs:>8}{cpu_ms:>9.2f} ms{mine_ms:>9.2f} ms"
                  f"{p50 / base_p50:>11.1f}x")
        print("server CPU: the server's own CPU time per request (user + system, all workers), read from /proc; "
              "unlike latency it does not depend on other programs sharing the machine. client CPU: the same "
              "for this load generator.")
        print(f"server RSS at the end: {rss_mb(proc.pid):.0f} MiB")
        return 1 if failed else 0
    finally:
        stop_server(proc)


if __name__ == "__main__":
    sys.exit(main())
