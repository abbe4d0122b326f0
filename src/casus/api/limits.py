"""Bounds on what one request may cost: body size, batch size, and time.

The server is meant for one user on their own machine, but a browser tab or a
script can still send a 2 GB body or a scenario file with ten million lines.
Limits answer such requests with a JSON 413/422/503 instead of letting them
take the process down.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from casus.errors import ComputeError, InputError, RequestTooLargeError, ServerBusyError

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """What one request may cost. The defaults suit a laptop; ``casus serve`` can change them."""

    #: largest request body accepted, in bytes
    max_body_bytes: int = 1_000_000
    #: largest body of a batch of scenarios (10,000 scenarios of about 150 bytes each)
    max_batch_body_bytes: int = 2_000_000
    #: most scenarios in one batch
    max_batch: int = 10_000
    #: wall-clock seconds an expensive request may run before it is answered with 503
    seconds: float = 30.0
    #: expensive requests computed at the same time; the rest wait their turn (within ``seconds``)
    workers: int = 4
    #: bounded requests given by a place name (one place, one scenario: milliseconds) computed at the same time,
    #: in threads of their own so that a long batch never holds them up; those given by coordinates are computed
    #: on the event loop (see :func:`run_bounded`). One: a process runs one thread of Python at a time, and
    #: with four threads switching over the same work a 'who defends' answer cost 18% more CPU (bench_api_load)
    bounded_workers: int = 1
    #: expensive requests in flight (computing or waiting); beyond it the answer is 503 with Retry-After
    max_heavy: int = 16
    #: largest streamed answer of a batch, bytes; the stream ends with an error record when it is reached
    max_response_bytes: int = 64_000_000


class BodyLimitMiddleware:
    """Refuse bodies over the limit: at once from Content-Length, or while streaming if it lies or is absent."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        #: path -> its own limit, for the endpoints that take batches
        self.larger = dict(larger or {})

    @staticmethod
    def _too_large(given: str, limit: int) -> RequestTooLargeError:
        return RequestTooLargeError(f"request body of {given} is over the limit of {limit:,} bytes",
                                    field="body", accepted=f"at most {limit:,} bytes")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope.get("path", ""), self.max_bytes)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit:
                    await _send_error(send, 413, self._too_large(f"{declared:,} bytes", limit))
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise self._too_large(f"more than {limit:,} bytes", limit)
            return message

        await self.app(scope, counted, send)


async def _send_error(send: Send, status: int, exc: InputError) -> None:
    from casus.api.responses import encode

    body = encode(exc.to_dict())
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def limits_of(request: Request) -> Limits:
    return request.app.state.limits  # type: ignore[no-any-return]


def deadline_of(request: Request) -> float:
    """The monotonic time by which an expensive request must be done."""
    return time.monotonic() + limits_of(request).seconds


class HeavySlots:
    """Counts the expensive requests in flight, so that the next one beyond ``Limits.max_heavy`` is refused
    at once (503 with Retry-After) instead of queueing without bound."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.in_flight = 0
        self.threads = anyio.CapacityLimiter(limits.workers)
        self.bounded = anyio.CapacityLimiter(limits.bounded_workers)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        if self.in_flight >= self.limits.max_heavy:
            raise ServerBusyError(f"the server is busy with {self.in_flight} expensive requests; "
                                  "try again in a few seconds", retry_after=max(1, round(self.limits.seconds / 10)))
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1


def slots_of(request: Request) -> HeavySlots:
    state = request.app.state
    if getattr(state, "heavy", None) is None:
        state.heavy = HeavySlots(limits_of(request))
    return state.heavy  # type: ignore[no-any-return]


async def in_thread(request: Request, fn: Callable[..., T], *args: Any, seconds: float | None = None,
                    bounded: bool = False) -> T:
    """``fn(*args)`` in a worker thread (at most ``Limits.workers`` at once, or ``Limits.bounded_workers`` for
    ``bounded`` work) within ``seconds``, else 503.

    A thread cannot be killed: when the time is up the request is answered and
    the thread is abandoned; it finishes the call it is in (kept short: batches
    run in chunks) and nothing more is started for that request.
    """
    limits = limits_of(request)
    slots = slots_of(request)
    seconds = limits.seconds if seconds is None else seconds
    try:
        with anyio.fail_after(max(seconds, 0.0)):
            return await anyio.to_thread.run_sync(functools.partial(fn, *args), abandon_on_cancel=True,
                                                  limiter=slots.bounded if bounded else slots.threads)
    except TimeoutError:
        raise ComputeError(f"the request took longer than {limits.seconds:g} s and was stopped; "
                           "ask for less (fewer scenarios, one missile, one date)") from None


async def run_bounded(request: Request, fn: Callable[..., T], *args: Any, quick: bool = False, **kwargs: Any) -> T:
    """Run a library call of bounded cost (one place, one scenario without its cascade: milliseconds).

    ``quick`` work (a point given by its coordinates: about 1-3 ms, tens of milliseconds at worst on a date
    whose tables are not built yet) is computed on the event loop itself, as ``/api/where`` is: handing it to
    a thread and back cost more CPU than much of the work (bench_api_load, full 'who defends': 4.7 -> 3.6 ms
    of server CPU a request), and a process runs one thread of Python at a time anyway. Other bounded work
    (a place name, whose miss looks for close names) runs in a worker thread within the time limit.
    Unlike :func:`run_heavy` it is not refused when many are in flight: it waits its turn for a thread, and
    the connection limit bounds how many can wait. Refusing these under load turned most answers of a busy
    map into 503s."""
    if quick:
        return fn(*args, **kwargs)
    return await in_thread(request, functools.partial(fn, *args, **kwargs), bounded=True)


async def run_heavy(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run an expensive library call in a worker thread, answering 503 if it outlives the time limit,
    and 503 with Retry-After at once if ``Limits.max_heavy`` expensive requests are already in flight."""
    with slots_of(request).slot():
        return await in_thread(request, functools.partial(fn, *args, **kwargs))
