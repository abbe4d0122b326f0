"""Connections as ``casus serve`` accepts them: idle ones closed, one client never takes all of them.

uvicorn counts open connections against ``limit_concurrency`` and answers 503
to everyone once it is reached, so a few hundred idle sockets from one client
denied service to all. This protocol (uvicorn's h11 one, with three additions)
prevents that:

- **Head timeout.** A connection must send a complete request head within
  ``head_timeout`` seconds of opening, and of finishing its previous request
  (which also bounds keep-alive); a client that trickles headers byte by byte
  ("slowloris") is cut off too, as the timer is not reset by partial data.
- **Fair share.** One client address may hold at most ``per_client`` open
  connections, so others still get in. A connection beyond its share is not
  counted against the server's limit; its first request is answered with a
  JSON 503 (``server_busy``, with ``Retry-After``) and ``Connection: close``,
  and it is closed if no request comes within :data:`OVER_SHARE_GRACE`
  seconds. A client that opens too many connections is thus told why, rather
  than seeing them drop without an answer.
- **Security headers on uvicorn's own answers.** The 400 for a malformed
  request and the 503 past the connection limit carry the same headers as the
  application's answers (see :mod:`casus.api.security`); ``casus serve`` passes
  them to uvicorn as default headers for the 503.

Behind a reverse proxy every connection comes from the proxy's address, so the
fair share must be enforced by the proxy (see the README).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from casus.api.security import HEADERS
from casus.errors import ServerBusyError

#: seconds a connection may take to send a request head (and stay idle between requests)
HEAD_TIMEOUT = 10.0
#: seconds a connection beyond its client's share may take to send the request that gets the 503
OVER_SHARE_GRACE = 1.0
#: seconds after which a client refused for holding too many connections may try again
OVER_SHARE_RETRY = 1


@functools.lru_cache(maxsize=8)
def over_share_app(per_client: int) -> Any:
    """The ASGI app that answers every request on a connection beyond the client's share: a JSON 503.

    uvicorn adds its default headers (the security headers ``casus serve`` gives it) to this answer.
    """
    from casus.api.responses import encode

    body = encode(ServerBusyError(
        f"this client already holds {per_client} open connections, its share of the server's; reuse a "
        "connection (HTTP keep-alive) or close idle ones, then try again", retry_after=OVER_SHARE_RETRY,
        field="connections", accepted=f"at most {per_client} open connections per client address").to_dict())
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"retry-after", str(OVER_SHARE_RETRY).encode()), (b"connection", b"close")]

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a head timeout and a per-client connection limit (set by :func:`protocol`)."""

    head_timeout: float = HEAD_TIMEOUT
    per_client: int = 64

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._armed_for: object = None
        self._counted: str | None = None

    def _per_client_counts(self) -> dict[str, int]:
        counts: dict[str, int] | None = getattr(self.server_state, "casus_per_client", None)
        if counts is None:
            counts = {}
            self.server_state.casus_per_client = counts  # type: ignore[attr-defined]
        return counts

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        host = self.client[0] if self.client else "?"
        counts = self._per_client_counts()
        if counts.get(host, 0) >= self.per_client:
            # over its share: not counted against the server's limit (others must still get in), and its
            # request, if it comes at once, is answered with a 503 that says why
            self.connections.discard(self)
            self.app = over_share_app(self.per_client)
            self._arm(min(self.head_timeout, OVER_SHARE_GRACE))
            return
        counts[host] = counts.get(host, 0) + 1
        self._counted = host
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        if self._counted is not None:
            counts = self._per_client_counts()
            left = counts.get(self._counted, 1) - 1
            if left > 0:
                counts[self._counted] = left
            else:
                counts.pop(self._counted, None)
            self._counted = None
        super().connection_lost(exc)

    def _arm(self, seconds: float | None = None) -> None:
        self._disarm()
        self._armed_for = self.cycle
        self._head_timer = self.loop.call_later(self.head_timeout if seconds is None else seconds,
                                                self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._head_timer is not None and self.cycle is not self._armed_for:
            self._disarm()  # a new request head arrived whole: the request's own limits take over

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next head (or the end of keep-alive) must come in time

    def send_400_response(self, msg: str) -> None:
        reason = b"Bad Request"
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close"), *HEADERS]
        for event in (h11.Response(status_code=400, headers=headers, reason=reason),
                      h11.Data(data=msg.encode("ascii")), h11.EndOfMessage()):
            try:
                self.transport.write(self.conn.send(event))  # type: ignore[arg-type]
            except h11.LocalProtocolError:
                break
        self.transport.close()


#: environment variable through which the worker processes of ``casus serve --workers N`` get the limits
ENV = "CASUS_SERVE_CONNECTIONS"


def protocol(*, head_timeout: float = HEAD_TIMEOUT, per_client: int = 64) -> type[GuardedH11Protocol]:
    """The protocol class for uvicorn's ``http=`` option, set to these limits (in this process and, through
    :data:`ENV`, in worker processes, which import this module afresh)."""
    GuardedH11Protocol.head_timeout = head_timeout
    GuardedH11Protocol.per_client = per_client
    os.environ[ENV] = f"{head_timeout},{per_client}"
    return GuardedH11Protocol


def _from_environment() -> None:
    with contextlib.suppress(ValueError):
        head, per = os.environ.get(ENV, "").split(",")
        GuardedH11Protocol.head_timeout = float(head)
        GuardedH11Protocol.per_client = int(per)


_from_environment()
