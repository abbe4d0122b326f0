"""The law: assess an attack (one or a batch), who defends a place, and coverage for the map."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from casus.api.body import read_batch, read_json
from casus.api.deps import OnQuery, OptLat, OptLon, TargetQuery, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.limits import HeavySlots, deadline_of, in_thread, limits_of, run_bounded, run_heavy, slots_of
from casus.api.memo import remembered
from casus.api.responses import JSON, NDJSON, Payload, encode, json_response
from casus.api.routes.meta import openapi_extra_for
from casus.errors import CasusError, ComputeError, InputError, RequestTooLargeError, ScenarioError
from casus.law import assess as law_assess
from casus.law import defends as law_defends

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

router = APIRouter(tags=["law"], responses=ERROR_RESPONSES)

EXAMPLE = {"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA",
           "place": {"lat": 13.44, "lon": 144.79}, "target": "territory", "act": "armed_attack"}
SCENARIO = "a JSON object with date, attacker, victim, place, target, act (see /schemas/scenario.schema.json)"
BATCH = "a JSON array of scenarios, or JSON Lines with one scenario per line"
#: scenarios assessed per step of a batch: the time limit and a client leaving are noticed between steps
CHUNK = 64
CascadeQuery = Annotated[bool, Query(description="Include the cascade (which further treaties come into play).")]
DetailQuery = Annotated[bool, Query(description=(
    "The full document (the default): every clause in force with its reasons, articles and sources. false gives "
    "the compact one, a faithful subset: the headline, the place's main facts and, of the findings, only the "
    "clauses that apply or are ambiguous, each with its status and the states bound (about a twentieth of the "
    "size, and a few times faster)."))]


@router.post("/api/assess", summary="Assess one attack: every clause in force, its findings, and the cascade",
             openapi_extra=openapi_extra_for("scenario.schema.json", EXAMPLE))
async def assess(request: Request, cascade: CascadeQuery = True, detail: DetailQuery = True) -> Response:
    obj = await read_json(request, accepted=SCENARIO)
    if isinstance(obj, list):
        raise ScenarioError("body: a JSON array; send one scenario here, or the array to /api/assess/batch",
                            field="body", accepted=SCENARIO)
    kb = kb_of(request)

    async def answer() -> Any:  # without the cascade, one scenario is bounded work; with it, it can spread
        if cascade:
            return await run_heavy(request, _assess_one, kb, obj, cascade, detail)
        # a place given by coordinates (or none, for cyber and space) is quick; a name may not be
        quick = isinstance(obj, dict) and not isinstance(obj.get("place"), str)
        return await run_bounded(request, _assess_one, kb, obj, cascade, detail, quick=quick)

    return await remembered(request, answer, body=await request.body())


def _assess_one(kb: KnowledgeBase, obj: Any, cascade: bool, detail: bool) -> dict[str, Any]:
    from casus.law.attack import Attack

    return law_assess.assess(kb, Attack.parse(obj)).to_dict(  # type: ignore[no-any-return]
        with_cascade=cascade, detail=detail)


BATCH_DOC = """\
Send scenarios as a JSON array or as JSON Lines (one scenario per line), with
`Content-Type: application/json` or `application/x-ndjson`. The answer is
streamed as it is computed:

- by default one JSON document, `{"assessments": [...], "errors": [...]}`, as
  `casus assess FILE --json` prints it; `errors` lists the scenarios that could
  not be assessed, by line;
- with `?format=jsonl` (or `Accept: application/x-ndjson`) JSON Lines: one
  assessment per line, and one `{"line": n, "error": ...}` object per scenario
  that failed;
- with `?detail=false`, each assessment compact, as `casus assess --jsonl`
  prints it (a faithful subset of the full document, about a tenth of its
  size); the default is the full document.

Limits (see `casus serve --help`): the body (2 MB by default) and the number of
lines (10,000 by default) are checked while the body arrives, and the request
is refused with 413 at the first byte or line past the limit. The answer stops
when it reaches the response limit (64 MB by default) or the time limit (30 s):
the document then ends with an `"incomplete"` error object, and JSON Lines with
a final line `{"error": "request_too_large" | "compute_error", ...}`. Ask for
`cascade=false` or send fewer scenarios to stay within them. Beyond the
expensive requests in flight (16 by default) the answer is 503 with
`Retry-After`.
"""


BATCH_OPENAPI = openapi_extra_for("scenario.schema.json", [EXAMPLE])
BATCH_OPENAPI["requestBody"]["content"][NDJSON] = {
    "schema": {"type": "string", "description": "JSON Lines: one scenario per line"}}


@router.post("/api/assess/batch", summary="Assess many attacks: a JSON array or JSON Lines, answered as a stream",
             description=BATCH_DOC, openapi_extra=BATCH_OPENAPI,
             responses={200: {"description": "the assessments, streamed", "content": {
                 JSON: {"schema": {"type": "object", "description": "assessments and errors"}},
                 NDJSON: {"schema": {"type": "string", "description": "one JSON object per line"}}}}})
async def assess_batch(
    request: Request,
    cascade: CascadeQuery = True,
    format: Annotated[Literal["json", "jsonl"] | None, Query(
        description="json (one document, the default) or jsonl (one assessment per line)")] = None,
    detail: Annotated[bool, Query(description=(
        "Full assessments (the default), as `casus assess --json`; false gives the compact ones of "
        "`casus assess --jsonl` (headline, attack, place, the clauses that apply or are ambiguous with their "
        "states bound, summary), about a tenth of the size."))] = True,
) -> Response:
    from casus.law.attack import parse_jsonl

    limits = limits_of(request)
    deadline = deadline_of(request)
    jsonl = format == "jsonl" or (format is None and "application/x-ndjson" in request.headers.get("accept", ""))
    text = await read_batch(request, limits.max_batch)
    if not text.strip():
        raise ScenarioError("body: empty; send scenarios", field="body", accepted=BATCH)
    if text.lstrip().startswith("{") and "\n" not in text.strip():
        text = text.strip()  # one object on one line is a batch of one
    slots = slots_of(request)
    with slots.slot():
        try:
            good, bad = await in_thread(request, parse_jsonl, text)  # parsing is CPU work: off the event loop
        except RecursionError:
            raise ScenarioError("body: JSON nested too deeply", field="body", accepted=BATCH) from None
        if text.lstrip().startswith("[") and not good and not bad:
            raise ScenarioError("body: an empty array; send at least one scenario", field="body", accepted=BATCH)
        limit = limits.max_batch
        if len(good) + len(bad) > limit:
            raise RequestTooLargeError(f"{len(good) + len(bad):,} scenarios in one batch; the limit is {limit:,}",
                                       field="scenarios", accepted=f"at most {limit:,} scenarios per request")
        errors = [e.to_dict() for e in bad]
        if not good:
            first = bad[0].error
            body = {**first.to_dict(), "message": f"line {bad[0].line}: {first.message}", "errors": errors}
            return json_response(body, 422)
        kb = kb_of(request)
        # the first chunk is computed before the answer starts, so that running out of time at once is a 503
        head = await in_thread(request, _assess_chunk, kb, good[:CHUNK], cascade, jsonl, detail,
                               seconds=deadline - time.monotonic())
        slots.in_flight += 1  # the stream keeps its slot until it ends, however it ends
    stream = _stream(request, kb, good, cascade, jsonl, detail, deadline, head, errors)
    return _SlotStream(stream, slots, media_type=NDJSON if jsonl else JSON)


class _SlotStream(StreamingResponse):
    """A streamed answer that gives its slot back when it is done, failed, or abandoned by the client."""

    def __init__(self, content: AsyncIterator[bytes], slots: HeavySlots, media_type: str) -> None:
        super().__init__(content, media_type=media_type)
        self.slots = slots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.slots.in_flight -= 1


async def _stream(request: Request, kb: KnowledgeBase, good: list[tuple[int, Any]], cascade: bool, jsonl: bool,
                  detail: bool, deadline: float, head: tuple[bytes, list[dict[str, Any]]], errors: list[dict[str, Any]]
                  ) -> AsyncIterator[bytes]:
    """The answer, chunk by chunk: each chunk is assessed and encoded in a worker thread. It stops at the
    deadline, at the response limit, or when the client goes away (the generator is then cancelled)."""
    limit = limits_of(request).max_response_bytes
    sent = 0
    stop: CasusError | None = None
    if not jsonl:
        yield b'{"assessments":['
    start = 0
    chunk: tuple[bytes, list[dict[str, Any]]] | None = head
    while chunk is not None:
        body, more = chunk
        errors += more
        if sent + len(body) > limit:
            stop = RequestTooLargeError(
                f"the answer reached the limit of {limit:,} bytes after {start:,} of {len(good):,} scenarios; "
                "send fewer per request, or ask for cascade=false", field="scenarios",
                accepted=f"answers of at most {limit:,} bytes")
            break
        if body:
            yield (b"," if sent and not jsonl else b"") + body
            sent += len(body)
        start += CHUNK
        if start >= len(good):
            break
        left = deadline - time.monotonic()
        if left <= 0:
            stop = ComputeError(f"the batch ran out of time after {start:,} of {len(good):,} scenarios; "
                                "send fewer per request")
            break
        try:
            chunk = await in_thread(request, _assess_chunk, kb, good[start:start + CHUNK], cascade, jsonl, detail,
                                    seconds=left)
        except ComputeError:
            stop = ComputeError(f"the batch ran out of time after {start:,} of {len(good):,} scenarios; "
                                "send fewer per request")
            break
    errors.sort(key=lambda e: e["line"])
    if jsonl:
        tail = b"".join(encode(e) + b"\n" for e in errors)
        yield tail + (encode(stop.to_dict()) + b"\n" if stop is not None else b"")
    else:
        yield b'],"errors":' + encode(errors) + (b',"incomplete":' + encode(stop.to_dict()) if stop else b"") + b"}"


def _assess_chunk(kb: KnowledgeBase, part: list[tuple[int, Any]], cascade: bool, jsonl: bool, detail: bool
                  ) -> tuple[bytes, list[dict[str, Any]]]:
    """Assess and encode one chunk (in a worker thread); scenarios that fail (an unknown place) are listed
    by line."""
    from casus.law.assess import assess_many

    out: list[bytes] = []
    errors: list[dict[str, Any]] = []
    for (line, _), res in zip(part, assess_many(kb, [a for _, a in part], on_error="collect"), strict=True):
        if isinstance(res, CasusError):
            errors.append({"line": line, **res.to_dict()})
        else:
            out.append(encode(res.to_dict(with_cascade=cascade, detail=detail)))
    if jsonl:
        return b"".join(o + b"\n" for o in out), errors
    return b",".join(out), errors


@router.get("/api/defends", summary="Who is bound to defend a place on a date (a name, or lat and lon)")
async def defends(
    request: Request,
    place: Annotated[str | None, Query(max_length=200, description="A place name, e.g. Guam.")] = None,
    lat: OptLat = None,
    lon: OptLon = None,
    on: OnQuery = None,
    target: TargetQuery = "territory",
    detail: DetailQuery = True,
) -> Response:
    from casus.law.attack import Point

    where: Point | str
    if place is not None and place.strip():
        if lat is not None or lon is not None:
            raise InputError("give either place or lat and lon, not both", field="place",
                             accepted="place=<name>, or lat=<number>&lon=<number>")
        where = place.strip()
    elif lat is not None and lon is not None:
        where = Point(lat, lon)
    else:
        missing = "lon" if lat is not None else "lat" if lon is not None else "place"
        raise InputError(f"{missing}: missing; say where: a place name, or lat and lon", field=missing,
                         accepted="place=<name>, or lat=<number>&lon=<number>")
    kb = kb_of(request)
    when = day(on)

    async def answer() -> Any:  # one place: bounded work, quick for a point
        return await run_bounded(request, lambda: law_defends.defends(kb, where, when, target).to_dict(detail=detail),
                                 quick=isinstance(where, Point))

    return await remembered(request, answer)


# ------------------------------------------------------------------ coverage (the map's colours)

_COVERAGE: OrderedDict[tuple[str, str, str], Payload] = OrderedDict()
_COVERAGE_LOCK = threading.Lock()
COVERAGE_CACHE = 512
CLASSES = {
    "nato": "covered by NATO Article 5",
    "alliance": "covered only by another collective-defence clause",
    "ambiguous": "coverage ambiguous",
    "none": "covered by no collective-defence clause",
}


def cached_coverage(kb: KnowledgeBase, on: Any, target: str) -> Payload | None:
    key = (kb.digest, on.isoformat(), target)
    with _COVERAGE_LOCK:
        hit = _COVERAGE.get(key)
        if hit is not None:
            _COVERAGE.move_to_end(key)
        return hit


def coverage_payload(kb: KnowledgeBase, on: Any, target: str) -> Payload:
    """A day's coverage, computed once per (knowledge base, date, target) and kept encoded."""
    from casus.law.coverage import coverage

    hit = cached_coverage(kb, on, target)
    if hit is not None:
        return hit
    territories = coverage(kb, on, target=target)
    payload = Payload.of({"on": on, "target": target, "classes": CLASSES, "territories": territories})
    key = (kb.digest, on.isoformat(), target)
    with _COVERAGE_LOCK:
        _COVERAGE[key] = payload
        while len(_COVERAGE) > COVERAGE_CACHE:
            _COVERAGE.popitem(last=False)
    return payload


@router.get("/api/coverage", summary="For every territory on a date: nato, alliance, ambiguous or none")
async def coverage_route(request: Request, on: OnQuery = None, target: TargetQuery = "territory") -> Response:
    from casus.law.attack import TARGETS

    if target not in TARGETS or target in ("cyber", "space"):
        raise InputError(f"target: {target[:40]!r} is not a place-based target", field="target",
                         accepted="territory, armed_forces, vessel, aircraft")
    kb = kb_of(request)
    when = day(on)
    payload = cached_coverage(kb, when, target)
    if payload is None:
        payload = await run_heavy(request, coverage_payload, kb, when, target)
    return payload.respond(request, max_age=300)

