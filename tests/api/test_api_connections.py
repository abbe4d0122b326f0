"""`casus serve` on a real socket: idle and slow connections, uvicorn's own answers, hosts (issue 17, items 4-5).

Each test starts uvicorn in a thread with the options ``casus serve`` uses,
scaled down (a 1-second head timeout, a handful of connections) so that it runs
in seconds.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from typer.testing import CliRunner

from casus.api import create_app
from casus.api.connections import OVER_SHARE_GRACE, GuardedH11Protocol, protocol
from casus.cli import app as cli
from casus.cli.serve_command import allowed_hosts, uvicorn_options

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(kb, *, max_connections: int = 16, per_client: int | None = None) -> Iterator[int]:  # type: ignore[no-untyped-def]
    port = _free_port()
    options = uvicorn_options("127.0.0.1", port, max_connections=max_connections, log_level="critical",
                              access_log=False)
    options["http"] = protocol(head_timeout=1.0, per_client=per_client or max(2, max_connections // 4))
    app = create_app(kb, allowed_hosts=allowed_hosts("127.0.0.1", port, []), server_headers=True)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(10)
        GuardedH11Protocol.head_timeout, GuardedH11Protocol.per_client = 10.0, 64


def raw(port: int, data: bytes, *, wait: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        chunks = []
        try:
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        return b"".join(chunks)


def get(port: int, path: str = "/api/health", host: str = "127.0.0.1") -> bytes:
    return raw(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def closed(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_idle_connections_are_closed_and_do_not_deny_service(kb):
    with serving(kb, max_connections=16) as port:
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(12)]
        try:
            # one client's share is a quarter of the connections: the rest are closed when they send no
            # request within the short grace, long before the head timeout of those let in
            assert sum(closed(s, OVER_SHARE_GRACE + 0.4) for s in idle) >= 12 - 4
            # the idle ones that were let in are closed when they send no request in time
            assert all(closed(s, 3.0) for s in idle)
            assert get(port).startswith(b"HTTP/1.1 200")
        finally:
            for s in idle:
                s.close()


def test_a_connection_over_the_clients_share_gets_a_json_503_with_retry_after(kb):
    with serving(kb, max_connections=16, per_client=2) as port:
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
        try:
            time.sleep(0.2)  # the server has counted the two held connections
            answer = get(port)
            head, _, body = answer.partition(b"\r\n\r\n")
            lower = head.lower()
            assert lower.startswith(b"http/1.1 503"), answer[:200]
            assert b"retry-after: 1" in lower and b"connection: close" in lower
            assert b"content-type: application/json" in lower and b"x-content-type-options: nosniff" in lower
            doc = json.loads(body)
            assert doc["error"] == "server_busy" and doc["field"] == "connections"
            assert "2 open connections" in doc["message"]
            # over-share connections are not counted against the server: with its share given back, the
            # same client is answered again
        finally:
            for s in held:
                s.close()
        time.sleep(0.2)
        assert get(port).startswith(b"HTTP/1.1 200")


def test_connections_over_the_share_do_not_fill_the_servers_limit(kb):
    # one client at its share (2) and then 6 more: had they been counted, the server's 4 would be full
    with serving(kb, max_connections=4, per_client=2) as port:
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(8)]
        try:
            time.sleep(0.2)
            # another client address (the loopback network is 127.0.0.0/8)
            with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.2", 0)) as other:
                other.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                assert other.recv(12) == b"HTTP/1.1 200"
        finally:
            for s in held:
                s.close()


def test_a_slow_header_trickle_is_cut_off(kb):
    with serving(kb) as port, socket.create_connection(("127.0.0.1", port)) as s:
        t = time.monotonic()
        head = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        try:
            for byte in head + b"a" * 40:
                s.sendall(bytes([byte]))
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass
        assert closed(s, 3.0)
        assert time.monotonic() - t < 4.0


def test_uvicorns_own_answers_carry_the_security_headers(kb):
    with serving(kb, max_connections=4, per_client=100) as port:
        bad = raw(port, b"NOT HTTP AT ALL\r\n\r\n").lower()
        assert bad.startswith(b"http/1.1 400") and b"content-security-policy" in bad
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
        try:
            busy = get(port).lower()
            assert busy.startswith(b"http/1.1 503") and b"x-content-type-options: nosniff" in busy
        finally:
            for s in held:
                s.close()
        ok = get(port).lower()
        assert ok.startswith(b"http/1.1 200") and ok.count(b"content-security-policy") == 1


def test_a_foreign_host_header_is_refused_and_never_echoed(kb):
    with serving(kb) as port:
        for path in ("/api/health", "/api/health/", "/"):
            answer = get(port, path, host="evil.example")
            assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
            assert b"bad_host" in answer and b"evil.example" not in answer
            assert b"content-security-policy" in answer.lower()
        assert get(port, host=f"localhost:{port}").startswith(b"HTTP/1.1 200")


def test_serve_refuses_a_public_address_without_public():
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--public" in result.output and "Traceback" not in result.output


def test_allowed_hosts():
    assert "localhost:8000" in allowed_hosts("127.0.0.1", 8000, [])  # type: ignore[operator]
    assert "[::1]:8000" in allowed_hosts("127.0.0.1", 8000, [])  # type: ignore[operator]
    assert allowed_hosts("0.0.0.0", 8000, []) is None
    assert allowed_hosts("0.0.0.0", 8000, ["casus.example"]) == frozenset({"casus.example", "casus.example:8000"})
