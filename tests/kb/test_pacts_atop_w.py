"""ATOP rows worked by atop-w: Arab, Mediterranean and Western pacts of 1944-1984.

This round looked for each row's entry in Gibler, International Military Alliances (read page by page on
issuhub) and for other reports of the obligation. Gibler's pages were reached for the Taif agreement (4.1375),
the Aden treaty (4.1423) and the Malta-Libya treaty, but each breaks off before any clause by which a party
assists another that is attacked; the other texts were not reached either. No row could be modelled or shown
to carry no defence obligation, so all seventeen stay unresolved: the rows must keep saying what is missing,
and the pages newly read this round must stay recorded with the row they belong to.
"""

from __future__ import annotations

import pytest

from .pactdates import listed_row

ROWS = [3465, 2580, 3325, 3340, 3345, 3350, 3467, 3480, 3748, 3807, 3863, 3903, 3505, 3245, 3963]


@pytest.mark.parametrize("atop_id", ROWS)
def test_row_stays_unresolved_with_what_is_missing(report, atop_id):
    row = listed_row(report, atop_id)
    assert row["status"] == "unresolved", row
    assert row["found"] and row["missing"], atop_id


# Facts established this round, which the row must keep (words from `found` or `missing`).
@pytest.mark.parametrize(("atop_id", "words"), [
    (3465, ("entente (Type III)", "joint military command", "pageIndex 495")),
    (2580, ("Minister of War", "three months' notice", "29 November 1954")),
    (3340, ("Arab Army",)),
    (3345, ("High Council", "Appendix C")),
    (3480, ("mutual security guarantees",)),
    (3903, ("Keesing's of January 1982", "breaks off")),
    (3963, ("pageIndex 577", "November 1989")),
])
def test_findings_of_this_round_are_kept(report, atop_id, words):
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    text = " ".join(f"{row['found']} {row['missing']}".split())
    for word in words:
        assert " ".join(word.split()) in text, (atop_id, word)


@pytest.mark.parametrize(("atop_id", "host"), [
    (3465, "issuhub.com"),
    (3903, "issuhub.com"),
    (3963, "issuhub.com"),
    (2580, "api.parliament.uk"),
    (3340, "jfranews.com.jo"),
    (3345, "history.state.gov"),
    (3480, "history.state.gov"),
])
def test_new_sources_give_where_they_were_read(report, atop_id, host):
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    assert any(host in (s.get("via") or s.get("url") or "") and s.get("checked") for s in row["sources"]), (
        atop_id, host)


def test_gibler_is_cited_as_the_book_with_the_page_as_via(report):
    for atop_id in (3465, 3903, 3963):
        gibler = [s for s in report[atop_id]["sources"] if "issuhub.com" in (s.get("via") or "")]
        assert gibler, atop_id
        for s in gibler:
            assert s["publisher"] == "CQ Press" and "Gibler" in s["citation"], (atop_id, s)
            assert "url" not in s, (atop_id, "the copy is cited as via, not as the original's url")
