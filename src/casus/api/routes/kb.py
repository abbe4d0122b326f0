"""The knowledge base itself: states, treaties and the members of a treaty on a date.

Bodies are the ones ``casus members --json`` and ``casus treaties --json`` print.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import OnQuery, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.responses import json_response

router = APIRouter(tags=["knowledge base"], responses=ERROR_RESPONSES)


@router.get("/api/states", summary="Every state in the knowledge base (code, name, dates)")
async def states(request: Request) -> Response:
    kb = kb_of(request)
    return json_response({"states": [{"code": s.code, "name": s.name, "from": s.start, "to": s.end}
                                     for s in kb.states.values()]})


@router.get("/api/treaties", summary="The treaties a state is party to on a date, or every treaty")
async def treaties(
    request: Request,
    state: Annotated[str | None, Query(max_length=64, description="ISO alpha-3 code, e.g. JPN.")] = None,
    on: OnQuery = None,
) -> Response:
    kb = kb_of(request)
    when = day(on)
    code: str | None = None
    ids = tuple(kb.treaties)
    if state:
        code = kb.state(state).code
        ids = kb.treaties_of(code, when)
    rows = [{"treaty": i, "name": kb.treaties[i].name, "in_force": kb.treaties[i].in_force,
             "ended": kb.treaties[i].ended, "clauses": [c.id for c in kb.treaties[i].clauses]} for i in ids]
    return json_response({"state": code, "on": when, "treaties": rows})


@router.get("/api/members/{treaty}", summary="The parties to a treaty on a date (bound by deposit, not signature)")
async def members(request: Request, treaty: str, on: OnQuery = None) -> Response:
    kb = kb_of(request)
    t = kb.treaty(treaty)
    when = day(on)
    rows: list[dict[str, Any]] = []
    for c in kb.members(t.id, when):
        st = kb.standing(t.id, c, when)
        rows.append({"state": c, "name": kb.states[c].name, "since": st.since, "suspended": st.suspended,
                     "not_bound_towards": sorted(st.not_bound_towards)})
    return json_response({"treaty": t.id, "on": when, "count": len(rows), "members": rows})
