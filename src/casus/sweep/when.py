"""The dates of a sweep: a list (``2017-11-02,2023-04-05``) or a range with a step (``1949-08-24..2025-01-01``
every ``1y``).

A range runs from its first day in steps of days, weeks, months or years
(a month step from 31 January lands on the last day of February), and always
ends on its last day, so ``1949-08-24..2025-01-01`` yearly gives the 76
anniversaries of NATO's entry into force plus New Year 2025: 77 dates. Every
date must lie in the covered range; the first that does not is refused with
that range.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from casus.dates import covered_range, parse_when
from casus.errors import DateError

_EVERY = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)
EVERY_HELP = "a number and a unit: 30d, 2w, 6m, 1y"
#: a sweep of more dates than this is surely a typo in --every
MAX_DATES = 100_000


def parse_every(text: str) -> tuple[int, str]:
    """``"1y"`` -> (1, "y"); refuses anything else by name."""
    m = _EVERY.match(str(text))
    if not m or int(m.group(1)) == 0:
        raise DateError(f"--every: {text!r} is not a step; give {EVERY_HELP}", field="--every", accepted=EVERY_HELP)
    return int(m.group(1)), m.group(2).lower()


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def step(start: dt.date, k: int, n: int, unit: str) -> dt.date:
    """The k-th date of a range from ``start`` in steps of ``n`` ``unit`` (always counted from the start, so
    month ends do not drift)."""
    if unit == "d":
        return start + dt.timedelta(days=k * n)
    if unit == "w":
        return start + dt.timedelta(weeks=k * n)
    return add_months(start, k * n * (12 if unit == "y" else 1))


def parse_dates(text: str, every: str | None = None) -> tuple[dt.date, ...]:
    """Dates from ``A..B`` (with ``every``, default one year) or a comma-separated list; sorted, distinct."""
    raw = str(text).strip()
    if not raw:
        raise DateError("--dates: empty; give A..B or a list of dates", field="--dates",
                        accepted="YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DD,YYYY-MM-DD")
    if ".." in raw:
        a, _, b = raw.partition("..")
        first = parse_when(a.strip(), field="--dates (start)")
        last = parse_when(b.strip(), field="--dates (end)")
        if last < first:
            raise DateError(f"--dates: the range {first}..{last} ends before it starts", field="--dates",
                            accepted=f"a range within {covered_range()}")
        n, unit = parse_every(every or "1y")
        out = []
        k = 0
        while True:
            day = step(first, k, n, unit)
            if day > last:
                break
            out.append(day)
            k += 1
            if k > MAX_DATES:
                raise DateError(f"--dates {raw} --every {every} gives more than {MAX_DATES:,} dates",
                                field="--every", accepted="a longer step or a shorter range")
        if out[-1] != last:
            out.append(last)
        return tuple(out)
    if every is not None:
        raise DateError("--every goes with a range A..B, not with a list of dates", field="--every",
                        accepted="--dates A..B --every 1y")
    days = {parse_when(part.strip(), field="--dates") for part in raw.split(",") if part.strip()}
    if not days:
        raise DateError("--dates: no date given", field="--dates", accepted="YYYY-MM-DD,YYYY-MM-DD")
    return tuple(sorted(days))
