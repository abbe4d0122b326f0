"""ATOP rows worked by atop-v: Soviet-bloc treaties of friendship and mutual assistance, 1946-1977.

Each modelled pact is pinned on both sides of its dates and assessed once under
its clause; where a date is an estimate, the finding near it carries the dating
note.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_life

# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("ussr-hungary-1948", ("HUN", "SUN"), "1948-04-21", "1967-11-28",
     "in force on the exchange of ratifications in Budapest; ended when the 1967 successor took effect (estimate)"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


BUDAPEST = {"lat": 47.50, "lon": 19.04}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("ussr-hungary-1948/assistance", {"date": "1955-01-01", "attacker": "DEU", "victim": "HUN", "place": BUDAPEST},
     "applies", {"SUN"}, "assistance if either party is drawn into war with Germany"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}-{a[1]['victim']}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_soviet_hungarian_1948_row_is_covered_with_its_dates_said(report):
    row = report[3120]
    assert row["status"] == "covered", row
    assert row["treaties"] == ["ussr-hungary-1948"]
    assert "21 April 1948" in row["atop_note"] and "estimate" in row["atop_note"]


# Rows worked this round and still unresolved: each says what is missing and cites what was read.
STILL_UNRESOLVED = [3035, 3090, 3095, 3500, 3520, 3555, 3560, 3580, 3600, 3605, 3610, 3620, 3645, 3680, 3695,
                    3780, 3800]


@pytest.mark.parametrize("atop_id", STILL_UNRESOLVED)
def test_unresolved_rows_say_what_is_missing(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row["found"] and row["missing"], atop_id
    assert row["sources"] and all(s.get("url") or s.get("citation") for s in row["sources"]), atop_id
