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
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
#: how the command line reads a date, said once for every --on
WHEN_ACCEPTED = "YYYY-MM-DD, YYYY-MM (the 1st of that month), YYYY (the 1st of January) or 'today'"


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


def parse_when(value: object, *, field: str = "--on", check_range: bool = True) -> dt.date:
    """A date as the command line takes it: ``YYYY-MM-DD``, ``YYYY-MM`` (the first of the month),
    ``YYYY`` (the first of January), ``today``, or None (today).

    A month or a year is read as its first day, so that ``--on 2023`` asks about 1 January 2023 (Finland
    not yet in NATO) rather than a day somewhere in it.
    """
    if value is None:
        return today()
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == "today":
            return today()
        m = _MONTH.match(text)
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                raise DateError(f"{field}: {value!r} has no month {month}", field=field, accepted=WHEN_ACCEPTED)
            value = dt.date(year, month, 1)
        elif _YEAR.match(text):
            value = dt.date(int(text), 1, 1)
        elif not _ISO.match(text):
            raise DateError(f"{field}: {value!r} is not a date; use {WHEN_ACCEPTED}", field=field,
                            accepted=WHEN_ACCEPTED)
    return parse_date(value, field=field, check_range=check_range)
