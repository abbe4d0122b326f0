"""Reach: what lies within a missile's range of a launch site, on WGS84 geodesics.

The body is the one ``casus reach --json`` prints. With ``rings=true`` it also
carries ``rings``: the areas within the low and high range estimates (cut at
the antimeridian, closed along a pole they enclose) and their edges as lines,
simplified for drawing on the web map. For a launch from anywhere in a state the
areas are the envelope of range caps around its outline (``sketch: true``; the
answer's distances are measured from the whole outline) and no edge is drawn.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import OnQuery, OptLat, OptLon, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.limits import run_heavy
from casus.api.memo import remembered
from casus.api.responses import Payload
from casus.errors import InputError
from casus.reach import query as reach_query

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

router = APIRouter(tags=["reach"], responses=ERROR_RESPONSES)

#: drawing tolerance of the ring areas (degrees) and the rounding of all ring coordinates
RING_TOLERANCE = 0.02
RING_DECIMALS = 3
#: points along a ring's edge line
EDGE_STEPS = 720


@router.get("/api/reach", summary="Territories, states, cities and treaty areas within a missile's range")
async def reach(
    request: Request,
    missile: Annotated[str | None, Query(max_length=100, description="Missile id or name, e.g. hwasong-15.")] = None,
    km: Annotated[float | None, Query(ge=0, le=40_000, description="A range in km instead of a missile.")] = None,
    origin: Annotated[str | None, Query(max_length=100, description="Launch site, state, city, or 'lat,lon'.")]
    = None,
    lat: OptLat = None,
    lon: OptLon = None,
    on: OnQuery = None,
    targets: Annotated[list[str] | None, Query(max_length=100, description="Places to check by name (repeat).")]
    = None,
    min_population: Annotated[int, Query(ge=0, le=100_000_000, description="Smallest city listed.")] = 1_000_000,
    rings: Annotated[bool, Query(description="Add the range rings as GeoJSON, for drawing.")] = False,
) -> Response:
    if missile is None and km is None:
        raise InputError("missile: missing; name a missile or give km", field="missile",
                         accepted="missile=<id or name> or km=<range in km>")
    where: Any
    if origin is not None and origin.strip():
        if lat is not None or lon is not None:
            raise InputError("give either origin or lat and lon, not both", field="origin",
                             accepted="origin=<site, state or city>, or lat=<number>&lon=<number>")
        where = origin.strip()
    elif lat is not None and lon is not None:
        where = (lat, lon)
    else:
        missing = "lon" if lat is not None else "lat" if lon is not None else "origin"
        raise InputError(f"{missing}: missing; say where it is launched from", field=missing,
                         accepted="origin=<launch site, state or city>, or lat=<number>&lon=<number>")
    if targets and len(targets) > 50:
        raise InputError(f"targets: {len(targets)} given; at most 50", field="targets", accepted="up to 50 names")
    kb = kb_of(request)
    when = day(on)

    def compute() -> dict[str, Any]:
        result = reach_query.reach(kb, missile=missile, km=km, origin=where, on=when, targets=tuple(targets or ()),
                          min_population=min_population)
        body: dict[str, Any] = result.to_dict()
        if rings:
            body["rings"] = ring_collection(kb, result)
        return body

    async def answer() -> Any:
        return await run_heavy(request, compute)

    return await remembered(request, answer)


def ring_collection(kb: KnowledgeBase, result: Any) -> dict[str, Any]:
    """The low and high range areas around the launch point, or around the launch state's outline."""
    o, rng = result.origin, result.range
    features: list[dict[str, Any]] = []
    for which, km in (("high", rng.high_km), ("low", rng.low_km)):
        if which == "low" and rng.low_km == rng.high_km:
            continue
        if o.lat is not None and o.lon is not None:
            features.extend(_ring(float(o.lon), float(o.lat), float(km), which))
        elif o.territories:
            features.append(_envelope(kb, tuple(o.territories), float(km), which))
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=64)
def _envelope(kb: KnowledgeBase, territories: tuple[str, ...], km: float, which: str) -> dict[str, Any]:
    from shapely.geometry import mapping

    from casus.reach import rings as ring_geometry
    from casus.reach.plot import state_outline
    from casus.reach.world import world

    lon, lat = state_outline(world(kb), territories)
    area = ring_geometry.envelope(lon, lat, km * 1000.0, 0.0)
    return {"type": "Feature", "properties": {"role": "area", "estimate": which, "km": km, "sketch": True},
            "geometry": mapping(_drawable(area)) if area is not None else None}


def _drawable(area: Any) -> Any:
    import numpy as np
    import shapely

    area = shapely.simplify(area, RING_TOLERANCE, preserve_topology=True)
    return shapely.set_coordinates(area, np.round(shapely.get_coordinates(area), RING_DECIMALS))


@lru_cache(maxsize=256)
def _ring(lon: float, lat: float, km: float, which: str) -> tuple[dict[str, Any], ...]:
    from shapely.geometry import mapping

    from casus.reach import rings as ring_geometry

    area = _drawable(ring_geometry.cap(lon, lat, km * 1000.0, 0.0))
    lons, lats = ring_geometry.points(lon, lat, km * 1000.0, steps=EDGE_STEPS)
    edge = [[round(float(x), RING_DECIMALS), round(float(y), RING_DECIMALS)] for x, y in zip(lons, lats, strict=True)]
    return ({"type": "Feature", "properties": {"role": "area", "estimate": which, "km": km},
             "geometry": mapping(area)},
            {"type": "Feature", "properties": {"role": "edge", "estimate": which, "km": km},
             "geometry": {"type": "LineString", "coordinates": edge}})


@cache
def _catalogue(kb: KnowledgeBase) -> Payload:
    missiles = [{"id": m.id, "name": m.name, "owner": m.owner, "class": m.missile_class,
                 "first_flight": m.first_flight, "range_km": {"low": m.range.low.km, "high": m.range.high.km}}
                for m in kb.missiles.values()]
    sites = [{"id": s.id, "name": s.name, "state": s.state, "lat": s.lat, "lon": s.lon, "kind": s.kind}
             for s in kb.launch_sites.values()]
    return Payload.of({"missiles": sorted(missiles, key=lambda m: m["name"].casefold()),
                       "launch_sites": sorted(sites, key=lambda s: s["name"].casefold())})


@router.get("/api/missiles", summary="Missiles (with low and high range estimates) and launch sites")
async def missiles(request: Request) -> Response:
    return _catalogue(kb_of(request)).respond(request)
