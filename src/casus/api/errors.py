"""Turning every failure into a JSON body: 4xx for bad input, never a stack trace.

Status codes by error class (an ``http_status`` attribute on the class wins, then the first match):

- ``RequestTooLargeError`` 413: body or batch over the limit.
- ``Unknown*Error`` 404: a state, treaty, clause, place or missile that is not in the data.
- ``AmbiguousPlaceError`` 409: the name fits several places; ``suggestions`` lists them.
- other ``InputError`` 422: a malformed date, coordinate, scenario or parameter.
- ``ComputeError`` 503: the request ran out of time or memory; ask for less.
- ``ServerBusyError`` 503 with ``Retry-After``: too many expensive requests in flight.
- ``UnsupportedMediaTypeError`` 415, ``BadHostError`` 400.
- any other ``CasusError`` 500 with its message (a knowledge-base or geometry fault on our side).
- anything else 500 with a generic message; the traceback goes to the log only.

FastAPI's own parameter validation is rewritten into the same body, naming the
field and what it accepts.

A 503 is logged as a warning, but a burst of ``server_busy`` refusals (each
cheap, and possibly thousands a second under load) is logged once per
:data:`BUSY_LOG_EVERY` seconds with a count: a log that grows without bound is
itself a way to stall a server whose standard error nobody reads.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from casus.api.responses import json_response
from casus.errors import (
    AmbiguousPlaceError,
    CasusError,
    ComputeError,
    InputError,
    ServerBusyError,
    UnknownClauseError,
    UnknownMissileError,
    UnknownPlaceError,
    UnknownStateError,
    UnknownTreatyError,
)

log = logging.getLogger("casus.api")

#: seconds between two log lines about refused (server_busy) requests
BUSY_LOG_EVERY = 10.0


class _BusyLog:
    """Counts server_busy refusals and logs them at most once per :data:`BUSY_LOG_EVERY` seconds."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = float("-inf")
        self._held = 0

    def note(self, where: str, message: str) -> None:
        with self._lock:
            self._held += 1
            now = time.monotonic()
            if now - self._last < BUSY_LOG_EVERY:
                return
            count, self._held, self._last = self._held, 0, now
        more = f" ({count} requests refused as busy since the last such line)" if count > 1 else ""
        log.warning("%s: %s%s", where, message, more)


_busy_log = _BusyLog()


class ErrorBody(BaseModel):
    """The body of every error answer (``CasusError.to_dict()``), for the OpenAPI document."""

    error: str = Field(description="a short machine-readable name, e.g. unknown_state, bad_date")
    message: str = Field(description="what was given and what is wrong, in words")
    field: str | None = Field(default=None, description="the field or parameter at fault")
    accepted: str | None = Field(default=None, description="what that field accepts")
    suggestions: list[str] | None = Field(default=None, description="close matches for a misspelt name")
    hint: str | None = Field(default=None, description="what was probably meant (coordinates swapped, a decimal "
                                                       "comma, a place name where a state was asked for)")


#: the error answers every API route may give, for the OpenAPI document
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "an unknown state, treaty, clause, place or missile"},
    409: {"model": ErrorBody, "description": "a place name that fits several places (see suggestions)"},
    400: {"model": ErrorBody, "description": "a Host header this server does not answer to"},
    413: {"model": ErrorBody, "description": "a body or batch over the limit"},
    415: {"model": ErrorBody, "description": "a body that is not application/json or application/x-ndjson"},
    422: {"model": ErrorBody, "description": "a malformed parameter or scenario"},
    503: {"model": ErrorBody, "description": "the request ran out of time (ask for less), or the server is busy "
                                             "(see Retry-After)"},
}

_STATUS: tuple[tuple[type[CasusError], int], ...] = (
    (UnknownStateError, 404),
    (UnknownTreatyError, 404),
    (UnknownClauseError, 404),
    (UnknownPlaceError, 404),
    (UnknownMissileError, 404),
    (AmbiguousPlaceError, 409),
    (InputError, 422),
    (ComputeError, 503),
    (CasusError, 500),
)

#: what each query parameter accepts, for FastAPI's own validation errors
ACCEPTED: dict[str, str] = {
    "lat": "a number from -90 to 90",
    "lon": "a number from -180 to 180",
    "on": "a date YYYY-MM-DD",
    "km": "a positive number of kilometres",
    "target": "territory, armed_forces, vessel, aircraft, cyber, space",
    "name": "a place name, e.g. Guam",
    "place": "a place name, e.g. Guam",
    "state": "an ISO 3166-1 alpha-3 code such as USA, JPN, FIN",
}


def status_of(exc: CasusError) -> int:
    fixed = getattr(exc, "http_status", None)
    if isinstance(fixed, int):
        return fixed
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    return 500


async def casus_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CasusError)
    status = status_of(exc)
    if isinstance(exc, ServerBusyError):
        _busy_log.note(f"{request.method} {request.url.path}", exc.message)
    elif status >= 500:
        log.warning("%s %s: %s", request.method, request.url.path, exc.message)
    retry = getattr(exc, "retry_after", None)
    return json_response(exc.to_dict(), status, headers={"Retry-After": str(retry)} if retry else None)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header")]
        field = ".".join(loc) or "request"
        given = err.get("input")
        text = f"{field}: {err.get('msg', 'invalid')}"
        if given is not None and not isinstance(given, dict | list):
            text += f" (given {str(given)[:80]!r})"
        errors.append({"field": field, "message": text, "accepted": ACCEPTED.get(loc[-1] if loc else "", "")})
    first = errors[0] if errors else {"field": "request", "message": "invalid request", "accepted": ""}
    body: dict[str, Any] = {"error": "bad_input", "message": first["message"], "field": first["field"]}
    if first["accepted"]:
        body["accepted"] = first["accepted"]
    if len(errors) > 1:
        body["errors"] = errors
    return json_response(body, 422)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    names = {404: "not_found", 405: "method_not_allowed", 413: "request_too_large"}
    body: dict[str, Any] = {"error": names.get(exc.status_code, "http_error"), "message": str(exc.detail)}
    if exc.status_code == 404:
        body["message"] = f"no such endpoint: {request.method} {request.url.path}; see /openapi.json"
    return json_response(body, exc.status_code, headers=dict(exc.headers or {}))


async def unexpected_error(request: Request, exc: Exception) -> Response:
    """Last resort: log the traceback, answer a generic 500 that reveals nothing of it."""
    log.exception("unhandled error in %s %s", request.method, request.url.path)
    return json_response({"error": "internal_error",
                          "message": "internal error; the server log has the details"}, 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(CasusError, casus_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected_error)
