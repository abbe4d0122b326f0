"""Relations: a state's alliances and partnerships on a date, and the recorded invocations of clauses."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import OnQuery, day, kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.limits import run_heavy
from casus.api.memo import remembered
from casus.api.responses import json_response
from casus.relations import query as relations_query

router = APIRouter(tags=["relations"], responses=ERROR_RESPONSES)


@router.get("/api/relations/{state}", summary="A state's treaties, partnerships and invocations on a date")
async def relations(request: Request, state: str, on: OnQuery = None) -> Response:
    kb = kb_of(request)
    code = kb.state(state).code
    when = day(on)

    async def answer() -> Any:
        return await run_heavy(request, lambda: relations_query.relations(kb, code, when).to_dict())

    return await remembered(request, answer)


@router.get("/api/invocations", summary="Recorded uses of defence and consultation clauses (NATO Art. 4 and 5, ...)")
async def invocations(
    request: Request,
    treaty: Annotated[str | None, Query(max_length=64, description="Only this treaty, e.g. nato.")] = None,
    clause: Annotated[str | None, Query(max_length=64, description="Only this clause, e.g. nato/art4.")] = None,
    state: Annotated[str | None, Query(max_length=64, description="Only those requested by this state.")] = None,
) -> Response:
    """The body ``casus invocations --json`` prints."""
    from casus.relations import invocations as listing

    rows = listing(kb_of(request), treaty=treaty, clause=clause, state=state)
    return json_response({"count": len(rows), "invocations": rows})
