"""ATOP rows worked by atop-u: second-generation Soviet-bloc treaties of friendship, 1968-1977.

This round looked again for a source whose opening states the assistance article of each treaty (press and
intelligence reports, encyclopaedia entries, the UN Treaty Series, per-article copies). None was reached, so
no row could be modelled and all nine stay unresolved; the rows must keep saying what is missing, and the
pages newly read this round must stay recorded with the row they belong to.
"""

from __future__ import annotations

import pytest

from .pactdates import check_recorded, listed_row

ROWS = [3600, 3605, 3610, 3620, 3645, 3680, 3695, 3780, 3800]


@pytest.mark.parametrize("atop_id", ROWS)
def test_row_stays_unresolved_with_what_is_missing(report, atop_id):
    row = listed_row(report, atop_id)
    assert row["status"] == "unresolved", row
    assert row["found"] and row["sources"], atop_id
    assert "assistance" in row["missing"], (atop_id, "the missing assistance article must be named")


@pytest.mark.parametrize(("atop_id", "words"), [
    (3600, ("Joó", "Külpolitika 1978")),
    (3680, ("Fock's speech", "Yearbook 1972")),
    (3695, ("Neuer Weg", "14 May 1972")),
    (3780, ("Brezhnev doctrine",)),
    (3800, ("Brezhnev doctrine",)),
])
def test_pages_read_this_round_are_recorded(report, atop_id, words):
    check_recorded(report, atop_id, words)


@pytest.mark.parametrize(("atop_id", "host"), [
    (3600, "hungaricana.hu"),
    (3680, "hungaricana.hu"),
    (3695, "adt.arcanum.com"),
])
def test_new_sources_give_where_they_were_read(report, atop_id, host):
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    assert any(host in (s.get("via") or s.get("url") or "") for s in row["sources"]), (atop_id, host)
