"""What the pact tests share: the day before a date, and the checks of a pact's life and of one assessment."""

from __future__ import annotations

import datetime as dt


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def check_life(kb, pact: str, pair: tuple[str, ...], start: str, end: str | None, basis: str) -> None:
    """Not in force the day before entry into force; both parties bound on that day and, where the pact ended,
    on its last day and not on the day it ended; an open pact still binds them in 2026."""
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    if end is not None:
        assert set(pair) <= set(kb.members(pact, day_before(end))), basis
        assert not kb.in_force(pact, end), basis
    else:
        assert set(pair) <= set(kb.members(pact, "2026-01-01")), basis


def check_assessment(kb, clause: str, scenario: dict, status: str, bound: set[str], basis: str):
    """One scenario under the clause: its status, and at least the given states bound; gives the finding."""
    f = kb.assess(scenario).finding(clause)
    assert f.status == status, f"{clause}: {f.status} ({basis})"
    assert bound <= set(f.bound), f"{clause}: bound {f.bound} ({basis})"
    return f
