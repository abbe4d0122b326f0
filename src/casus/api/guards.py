"""What a request must look like before any route reads it: a body type we parse, a Host we answer to.

- **Content types.** A cross-origin page may send a "simple" POST (``text/plain``,
  a form, a Blob without a type) without a CORS preflight; if the server parsed
  any body as JSON, such a page could drive it. Bodies are accepted only as
  ``application/json`` or ``application/x-ndjson`` (415 otherwise), so every
  cross-origin POST needs a preflight, which CORS (closed by default) refuses.
- **Host.** A page on ``evil.example`` whose name is rebound to 127.0.0.1 (DNS
  rebinding) reaches a loopback server with ``Host: evil.example``. Requests
  whose Host is not one the server was bound to are refused with 400, before
  routing, so no redirect or page ever names that host.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from casus.api.limits import _send_error
from casus.errors import BadHostError, UnsupportedMediaTypeError

BODY_TYPES = ("application/json", "application/x-ndjson")


class ContentTypeMiddleware:
    """415 for a request with a body whose Content-Type is not JSON or JSON Lines."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            given = ""
            has_body = False
            for name, value in scope.get("headers", ()):
                if name == b"content-type":
                    given = value.decode("latin-1")
                elif name == b"transfer-encoding" or (name == b"content-length" and value.strip() != b"0"):
                    has_body = True
            media = given.split(";", 1)[0].strip().lower()
            if (has_body or given) and media not in BODY_TYPES:
                shown = f"{given[:60]!r}" if given else "no Content-Type"
                exc = UnsupportedMediaTypeError(f"body: {shown} is not accepted; send JSON", field="content-type",
                                                accepted=" or ".join(BODY_TYPES))
                await _send_error(send, 415, exc)
                return
        await self.app(scope, receive, send)


def host_names(host: str, port: int) -> frozenset[str]:
    """The Host header values a server bound to ``host:port`` answers to (loopback answers to all its names)."""
    import ipaddress

    names = {host.lower()}
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    out = set()
    for n in names:
        shown = f"[{n}]" if ":" in n else n
        out |= {shown, f"{shown}:{port}"}
    return frozenset(out)


class HostMiddleware:
    """400 for a Host header that is not one of ``allowed`` (compared case-insensitively, port included)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(a.lower() for a in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = ""
            for name, value in scope.get("headers", ()):
                if name == b"host":
                    host = value.decode("latin-1").lower()
            if host not in self.allowed:
                exc = BadHostError("this server does not answer to that Host header", field="host",
                                   accepted=", ".join(sorted(self.allowed)))
                await _send_error(send, 400, exc)
                return
        await self.app(scope, receive, send)
