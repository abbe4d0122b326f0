"""What changed between two dates in who is bound to defend whom (``casus diff``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.responses import json_response
from casus.dates import parse_date, today

router = APIRouter(tags=["law"], responses=ERROR_RESPONSES)

DateParam = Annotated[str, Query(alias="from", description="Start date, YYYY-MM-DD: changes after it are listed.",
                                 examples=["2017-11-02"], max_length=32)]


@router.get("/api/diff", summary="What changed in commitments between two dates (treaties, members, territories)")
async def diff(
    request: Request,
    start: DateParam,
    to: Annotated[str | None, Query(description="End date, YYYY-MM-DD (default: today); changes up to and "
                                                "including it are listed.", max_length=32)] = None,
) -> Response:
    """The body ``casus diff --json`` prints."""
    from casus.law.diff import diff as changes

    end = today() if to is None or not to.strip() else parse_date(to, field="to")
    return json_response(changes(kb_of(request), parse_date(start, field="from"), end).to_dict())
