"""ATOP rows worked by atop-x: post-Soviet treaties of 1992-2003, Turkey-Afghanistan 1921.

This round looked for each row's entry in Gibler's International Military Alliances (issuhub copy) and for any
other source whose opening states the assistance article. Gibler's entry on the Turkish-Afghan treaty of 1921
was located (its running head on pageIndex 306) but its terms were not returned; no Gibler entry was returned
for the other rows. None could be modelled then (North Korea-Cuba 1986 was modelled in round 6 and is pinned in
test_pacts_atop_z3.py); the sixteen others stay unresolved: each must keep saying what is missing, and what
this round read or searched must stay recorded with the row it belongs to.
"""

from __future__ import annotations

import pytest

from .pactdates import check_recorded, listed_row

ROWS = [2075, 4235, 4245, 4255, 4276, 4300, 4335, 4370, 4400, 4470, 4481, 4550, 4865, 4867, 4951, 5040]
POST_SOVIET = [4235, 4245, 4255, 4276, 4300, 4335, 4370, 4400, 4470, 4481, 4550, 4865, 4867, 4951, 5040]


@pytest.mark.parametrize("atop_id", ROWS)
def test_row_stays_unresolved_with_what_is_missing(report, atop_id):
    row = listed_row(report, atop_id)
    assert row["status"] == "unresolved", row
    assert row["found"] and row["missing"] and row["sources"], atop_id


@pytest.mark.parametrize("atop_id", POST_SOVIET)
def test_gibler_search_is_recorded(report, atop_id):
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    assert "Round 5 queried the issuhub copy of Gibler" in row["missing"], atop_id


@pytest.mark.parametrize(("atop_id", "words"), [
    (2075, ("pageIndex 306", "1 March 1337", "New Zealand Herald")),
    (4867, ("10 January 1997", "trilateral")),
    (4951, ("Pannier", "19 June 2000")),
])
def test_pages_read_this_round_are_recorded(report, atop_id, words):
    check_recorded(report, atop_id, words)


@pytest.mark.parametrize(("atop_id", "host"), [
    (2075, "issuhub.com"),
    (2075, "paperspast.natlib.govt.nz"),
    (4867, "rferl.org"),
    (4951, "rferl.org"),
])
def test_new_sources_give_where_they_were_read(report, atop_id, host):
    row = report[atop_id]
    if row["status"] != "unresolved":
        pytest.skip(f"row {atop_id} is now {row['status']}")
    assert any(host in (s.get("via") or s.get("url") or "") for s in row["sources"]), (atop_id, host)


def test_turkish_afghan_row_still_asks_for_the_1928_joint_action_article(report):
    row = report[2075]
    if row["status"] != "unresolved":
        pytest.skip(f"row 2075 is now {row['status']}")
    assert "Arts. 1-3 of the 1928 treaty" in row["missing"]
