"""Dates the pact tests pin on both sides of (a treaty's first day and the day before it)."""

from __future__ import annotations

import datetime as dt


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
