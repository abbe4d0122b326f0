"""Dates as users type them, and the range the knowledge base covers.

The data starts in 1945 (the post-war alliance system) and ends today: a
question about 1930 or about next year is refused with the covered range,
rather than answered from data that does not speak to it.
"""

from __future__ import annotations

import datetime as dt
import re

from casus.errors import DateError

COVERED_FROM = dt.date(1945, 1, 1)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> dt.date:
    return dt.date.today()


def covered_range() -> str:
    return f"{COVERED_FROM.isoformat()} to {today().isoformat()}"


def parse_date(value: object, *, field: str = "date", check_range: bool = True) -> dt.date:
    """Accept a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string; refuse anything else by name."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and _ISO.match(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise DateError(f"{field}: {value!r} is not a real calendar date",
                            field=field, accepted="YYYY-MM-DD") from exc
    else:
        raise DateError(f"{field}: {value!r} is not a date; use the form YYYY-MM-DD",
                        field=field, accepted="YYYY-MM-DD")
    if check_range and not (COVERED_FROM <= day <= today()):
        raise DateError(f"{field}: {day.isoformat()} is outside the covered range {covered_range()}",
                        field=field, accepted=f"a date from {covered_range()}")
    return day
