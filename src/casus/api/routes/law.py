"""The law: assess an attack (one or a batch), who defends a place, and coverage for the map."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.body import read_json, read_text
from casus.api.deps import OnQuery, OptLat, OptLon, TargetQuery, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.limits import RequestTooLargeError, deadline_of, limits_of, run_heavy
from casus.api.memo import remembered
from casus.api.responses import Payload, json_response
from casus.api.routes.meta import openapi_extra_for
from casus.errors import CasusError, ComputeError, InputError, ScenarioError
from casus.law import assess as law_assess
from casus.law import defends as law_defends

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

router = APIRouter(tags=["law"], responses=ERROR_RESPONSES)

EXAMPLE = {"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA",
           "place": {"lat": 13.44, "lon": 144.79}, "target": "territory", "act": "armed_attack"}
SCENARIO = "a JSON object with date, attacker, victim, place, target, act (see /schemas/scenario.schema.json)"
BATCH = "a JSON array of scenarios, or JSON Lines with one scenario per line"
CHUNK = 256
CascadeQuery = Annotated[bool, Query(description="Include the cascade (which further treaties come into play).")]


@router.post("/api/assess", summary="Assess one attack: every clause in force, its findings, and the cascade",
             openapi_extra=openapi_extra_for("scenario.schema.json", EXAMPLE))
async def assess(request: Request, cascade: CascadeQuery = True) -> Response:
    obj = await read_json(request, accepted=SCENARIO)
    if isinstance(obj, list):
        raise ScenarioError("body: a JSON array; send one scenario here, or the array to /api/assess/batch",
                            field="body", accepted=SCENARIO)
    kb = kb_of(request)

    async def answer() -> Any:
        return await run_heavy(request, _assess_one, kb, obj, cascade)

    return await remembered(request, answer, body=await request.body())


def _assess_one(kb: KnowledgeBase, obj: Any, cascade: bool) -> dict[str, Any]:
    from casus.law.attack import Attack

    return law_assess.assess(kb, Attack.parse(obj)).to_dict(with_cascade=cascade)  # type: ignore[no-any-return]


@router.post("/api/assess/batch", summary="Assess many attacks: a JSON array or JSON Lines",
             openapi_extra=openapi_extra_for("scenario.schema.json", [EXAMPLE]))
async def assess_batch(request: Request, cascade: CascadeQuery = True) -> Response:
    from casus.law.attack import parse_jsonl

    text = await read_text(request)
    if not text.strip():
        raise ScenarioError("body: empty; send scenarios", field="body", accepted=BATCH)
    if text.lstrip().startswith("{") and "\n" not in text.strip():
        text = text.strip()  # one object on one line is a batch of one
    try:
        good, bad = parse_jsonl(text)
    except RecursionError:
        raise ScenarioError("body: JSON nested too deeply", field="body", accepted=BATCH) from None
    if text.lstrip().startswith("[") and not good and not bad:
        raise ScenarioError("body: an empty array; send at least one scenario", field="body", accepted=BATCH)
    limit = limits_of(request).max_batch
    if len(good) + len(bad) > limit:
        raise RequestTooLargeError(f"{len(good) + len(bad):,} scenarios in one batch; the limit is {limit:,}",
                                   field="scenarios", accepted=f"at most {limit:,} scenarios per request")
    errors = [e.to_dict() for e in bad]
    if not good:
        first = bad[0].error
        body = {**first.to_dict(), "message": f"line {bad[0].line}: {first.message}", "errors": errors}
        return json_response(body, 422)
    kb = kb_of(request)
    results, more = await run_heavy(request, _assess_batch, kb, good, cascade, deadline_of(request))
    errors = sorted(errors + more, key=lambda e: e["line"])
    return json_response({"assessments": results, "errors": errors})


def _assess_batch(kb: KnowledgeBase, good: list[tuple[int, Any]], cascade: bool, deadline: float
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Assess in chunks, stopping at the deadline; scenarios that fail (an unknown place) are listed by line.

    The body is the one ``casus assess FILE --json`` prints: ``{"assessments": [...], "errors": [...]}``.
    """
    from casus.law.assess import assess_many

    results: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    for start in range(0, len(good), CHUNK):
        if time.monotonic() > deadline:
            raise ComputeError(f"the batch ran out of time after {start:,} of {len(good):,} scenarios; "
                               "send fewer per request")
        part = good[start:start + CHUNK]
        for (line, _), res in zip(part, assess_many(kb, [a for _, a in part], on_error="collect"), strict=True):
            if isinstance(res, CasusError):
                errors.append({"line": line, **res.to_dict()})
            else:
                results.append(res.to_dict(with_cascade=cascade))
    return results, errors


@router.get("/api/defends", summary="Who is bound to defend a place on a date (a name, or lat and lon)")
async def defends(
    request: Request,
    place: Annotated[str | None, Query(max_length=200, description="A place name, e.g. Guam.")] = None,
    lat: OptLat = None,
    lon: OptLon = None,
    on: OnQuery = None,
    target: TargetQuery = "territory",
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

    async def answer() -> Any:
        return await run_heavy(request, lambda: law_defends.defends(kb, where, when, target).to_dict())

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

