"""`casus serve`: the HTTP API and the web map on this machine (127.0.0.1:8000 by default).

Everything it serves is in the package: the API answers from the knowledge
base, the map draws our own outlines, and the page loads nothing from the
internet. Binding another address than the loopback needs ``--public``: the
server has no authentication. Connections are bounded (see
:mod:`casus.api.connections`): a head timeout, keep-alive of 5 s, a connection
limit with a fair share per client, 16 KB of request head.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any

import typer

from casus.cli.common import OverlayOpt, console, handle_errors, load_kb


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless you mean to share it.")]
        = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
        overlay: OverlayOpt = None,
        cors_origin: Annotated[list[str] | None, typer.Option(
            "--cors-origin", help="Let pages from this origin call the API (repeatable; closed by default).")] = None,
        max_body: Annotated[int, typer.Option(help="Largest request body, bytes.", min=1024)] = 1_000_000,
        max_batch: Annotated[int, typer.Option(help="Most scenarios in one batch request.", min=1)] = 10_000,
        time_limit: Annotated[float, typer.Option(help="Seconds an expensive request may run before a 503.",
                                                  min=0.1)] = 30.0,
        workers: Annotated[int, typer.Option(help="Server processes: more answer more requests at once, each "
                                                  "holding its own copy of the data (about 300 MB).", min=1, max=64)]
        = 1,
        public: Annotated[bool, typer.Option("--public", help="Allow a --host other machines can reach (the server "
                                                              "has no authentication; put a proxy in front).")]
        = False,
        allowed_host: Annotated[list[str] | None, typer.Option(
            "--allowed-host", help="A Host header to answer besides the bound address (repeatable), e.g. the "
                                   "name a proxy forwards.")] = None,
        max_connections: Annotated[int, typer.Option(help="Open connections at most; one client may hold a "
                                                          "quarter of them.", min=4, max=100_000)] = 256,
        max_heavy: Annotated[int, typer.Option(help="Expensive requests in flight at most; more get 503 with "
                                                    "Retry-After.", min=1, max=10_000)] = 16,
        access_log: Annotated[bool, typer.Option("--access-log/--no-access-log", help="Log each request.")] = True,
        log_level: Annotated[str, typer.Option(help="critical, error, warning, info, debug.")] = "info",
    ) -> None:
        """Serve the HTTP API and the web map at http://HOST:PORT/ (no internet needed; Ctrl-C stops it)."""
        import uvicorn

        from casus.api import Limits, create_app
        from casus.errors import InputError

        levels = ("critical", "error", "warning", "info", "debug")
        if log_level not in levels:
            raise InputError(f"--log-level: {log_level!r} is not one of {', '.join(levels)}", field="--log-level",
                             accepted=", ".join(levels))
        if not _is_loopback(host) and not public:
            raise InputError(f"--host {host}: other machines could reach this server, and it has no "
                             "authentication; add --public if you mean it (and read the README on running it "
                             "behind a reverse proxy)", field="--host", accepted="127.0.0.1, or --public")
        _check_port(host, port)
        kb = load_kb(overlay)  # also when workers load their own: a broken overlay fails here, with its problems
        limits = Limits(max_body_bytes=max_body, max_batch=max_batch, seconds=time_limit, max_heavy=max_heavy,
                        max_batch_body_bytes=max(max_body, Limits().max_batch_body_bytes))
        hosts = allowed_hosts(host, port, allowed_host or [])
        err = console(stderr=True)
        if not _is_loopback(host):
            err.print(f"[yellow]warning:[/yellow] listening on {host}: other machines can reach this server, "
                      "and it has no authentication")
        if hosts is None:
            err.print("[yellow]warning:[/yellow] answering any Host header; name the server with --allowed-host")
        shown = f"[{host}]" if ":" in host else host
        err.print(f"casus: the map and API at http://{shown}:{port}/ (API description at /openapi.json); "
                  "Ctrl-C stops it")
        options = uvicorn_options(host, port, max_connections=max_connections, log_level=log_level,
                                  access_log=access_log)
        if workers == 1:
            uvicorn.run(create_app(kb, limits=limits, cors_origins=tuple(cors_origin or ()), warm=True,
                                   allowed_hosts=hosts, server_headers=True), **options)
            return
        import dataclasses
        import json
        import os

        from casus.api.app import CONFIG_ENV

        os.environ[CONFIG_ENV] = json.dumps({"overlays": [str(p.resolve()) for p in overlay or []],
                                             "limits": dataclasses.asdict(limits), "cors": list(cors_origin or ()),
                                             "warm": True, "hosts": None if hosts is None else sorted(hosts),
                                             "server_headers": True})
        uvicorn.run("casus.api.app:app_from_environment", factory=True, workers=workers, **options)


def allowed_hosts(host: str, port: int, extra: list[str]) -> frozenset[str] | None:
    """The Host headers to answer: the bound address's names (all of loopback's), plus ``extra``; None (any)
    for a wildcard address without ``extra``."""
    from casus.api.guards import host_names

    names: set[str] = set()
    for name in extra:
        names |= host_names(name.strip().lower(), port)
    if host in ("0.0.0.0", "::", ""):
        return frozenset(names) if names else None
    return host_names(host, port) | names


def uvicorn_options(host: str, port: int, *, max_connections: int = 256, log_level: str = "info",
                    access_log: bool = True) -> dict[str, Any]:
    """uvicorn's settings for ``casus serve``: bounded connections, heads and keep-alive, and the security
    headers on every answer, uvicorn's own 503 included."""
    from casus.api.connections import HEAD_TIMEOUT, protocol
    from casus.api.security import HEADERS

    return {"host": host, "port": port, "log_level": log_level, "access_log": access_log,
            "server_header": False, "proxy_headers": False, "timeout_keep_alive": 5,
            "limit_concurrency": max_connections, "h11_max_incomplete_event_size": 16 * 1024,
            "http": protocol(head_timeout=HEAD_TIMEOUT, per_client=max(2, max_connections // 4)),
            "headers": [(k.decode(), v.decode()) for k, v in HEADERS]}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Fail with a clear message (exit 2) when the address is taken or cannot be bound."""
    import socket

    from casus.errors import InputError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"--host: cannot resolve {host!r} ({exc.strerror})", field="--host",
                         accepted="an IP address such as 127.0.0.1, or a host name of this machine") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port",
                             field="--port", accepted="a free TCP port, e.g. --port 8001") from None
