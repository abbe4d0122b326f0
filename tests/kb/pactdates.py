"""What the pact tests share: the day before a date, and the checks of a pact's life and of one assessment."""

from __future__ import annotations

import datetime as dt

import pytest


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


def check_dating(kb, clause: str, scenario: dict, near: str, far: str | None, which: str) -> None:
    """A finding near an estimated date (``which``: in_force or ended) carries the dating note; one far from
    it (when given) does not."""
    f = kb.assess({"date": near, **scenario}).finding(clause)
    assert f.dating is not None and which in f.dating["estimated"]
    if far is not None:
        assert kb.assess({"date": far, **scenario}).finding(clause).dating is None


def listed_row(report, atop_id: int) -> dict:
    """The ATOP row of the coverage report; the test is skipped once the row is modelled."""
    row = report.get(atop_id)
    assert row is not None, f"ATOP row {atop_id} dropped out of the coverage report"
    if row["status"] == "covered":
        pytest.skip(f"row {atop_id} is now modelled by {row['treaties']}")
    return row


def check_recorded(report, atop_id: int, words: tuple[str, ...]) -> None:
    """An unresolved row's found/missing text keeps the words of what a round read; skipped once resolved."""
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    text = f"{row['found']} {row['missing']}"
    for word in words:
        assert word in text, (atop_id, word)


def check_unresolved(report, atop_id: int) -> None:
    """A row still unresolved says what was found and what is missing, each source with an address or a
    citation."""
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row["found"] and row["missing"] and row["sources"], atop_id
    assert all(s.get("url") or s.get("citation") for s in row["sources"]), atop_id


def check_different(report, atop_id: int) -> None:
    """A row recorded as deliberately different says why, with its sources."""
    row = report[atop_id]
    assert row["status"] == "different", row
    assert row["found"] and row["sources"], atop_id
