"""What routes share: the knowledge base of this app, and dates as query parameters."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from fastapi import Query
from starlette.requests import Request

from casus.dates import parse_date, today

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

OnQuery = Annotated[str | None, Query(description="Date, YYYY-MM-DD (default: today).",
                                      examples=["2023-04-05"], max_length=32)]
TargetQuery = Annotated[str, Query(description="What is attacked: territory, armed_forces, vessel, aircraft.",
                                   max_length=32)]
Lat = Annotated[float, Query(ge=-90, le=90, description="Latitude, degrees north (WGS84).")]
Lon = Annotated[float, Query(ge=-180, le=180, description="Longitude, degrees east (WGS84).")]
OptLat = Annotated[float | None, Query(ge=-90, le=90, description="Latitude, degrees north (WGS84).")]
OptLon = Annotated[float | None, Query(ge=-180, le=180, description="Longitude, degrees east (WGS84).")]


def kb_of(request: Request) -> KnowledgeBase:
    return request.app.state.kb  # type: ignore[no-any-return]


def day(on: str | None) -> dt.date:
    """The date asked for, or today; a bad one is a DateError naming ``on``."""
    return today() if on is None or not on.strip() else parse_date(on, field="on")
