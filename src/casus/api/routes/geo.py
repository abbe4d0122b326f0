"""Geography: what is at a point, what a name means, and the outlines the map draws."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import Lat, Lon, OnQuery, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.limits import run_heavy
from casus.api.memo import remembered
from casus.api.outlines import cached, outlines
from casus.api.responses import Payload
from casus.geo import query as geo_query

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

router = APIRouter(tags=["geography"], responses=ERROR_RESPONSES)


@router.get("/api/where", summary="The territory at a point on a date: sovereign, administrator, claimants, regions")
async def where(request: Request, lat: Lat, lon: Lon, on: OnQuery = None) -> Response:
    kb = kb_of(request)
    when = day(on)

    async def answer() -> Any:  # a point lookup takes well under a millisecond: no thread needed
        return geo_query.where(kb, lat, lon, on=when).to_dict()

    return await remembered(request, answer)


@router.get("/api/place", summary="Resolve a place name (territory, city, launch site) to a point and its territory")
async def place(
    request: Request,
    name: Annotated[str, Query(min_length=1, max_length=200, description="A place name, e.g. Guam, Helsinki.")],
    on: OnQuery = None,
) -> Response:
    kb = kb_of(request)
    when = day(on)

    async def answer() -> Any:  # a miss suggests close names, which can take a while: in a thread
        return await run_heavy(request, lambda: geo_query.place(kb, name.strip(), on=when).to_dict())

    return await remembered(request, answer)


@cache
def _names(kb: KnowledgeBase) -> Payload:
    names: set[str] = set()
    for t in kb.territories.values():
        names.add(t.name)
        names.update(getattr(t, "aliases", ()))
    for s in kb.launch_sites.values():
        name = getattr(s, "name", None)
        if name:
            names.add(name)
    return Payload.of({"places": sorted(names, key=str.casefold)})


@router.get("/api/places", summary="Names the place search knows best (territories, launch sites), for suggestions")
async def places(request: Request) -> Response:
    return _names(kb_of(request)).respond(request)


@router.get("/api/territories.geojson", summary="Simplified territory outlines (GeoJSON) for the map",
            responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}},
                             "description": "a GeoJSON FeatureCollection"}})
async def territories_geojson(request: Request) -> Response:
    kb = kb_of(request)
    payload = cached(kb)
    if payload is None:
        payload = await run_heavy(request, outlines, kb)
    response = payload.respond(request, max_age=86400)
    response.headers["Content-Type"] = "application/geo+json"
    return response
