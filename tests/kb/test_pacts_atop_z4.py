"""ATOP rows worked by atop-z4 (round 6): Africa, Western Europe and the Caribbean.

Rows recorded as deliberately different must say why, with sources; rows still
unresolved must keep saying what is missing.
"""

from __future__ import annotations

import pytest

DIFFERENT = [2570, 2571, 3900]


@pytest.mark.parametrize("atop_id", DIFFERENT)
def test_rows_recorded_as_different_say_why(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "different", row
    assert row["found"] and row["sources"], atop_id


def test_oecs_treaty_is_different_because_it_only_coordinates_defence(report):
    row = report[3900]
    assert "co-ordinat" in row["found"]
    assert "no defence obligation" in row["found"]


@pytest.mark.parametrize("atop_id", [2570, 2571])
def test_santa_maria_and_timor_notes_carry_no_defence_obligation(report, atop_id):
    row = report[atop_id]
    found = " ".join(row["found"].split())
    assert "Timor note" in found and "no defence obligation" in found
    assert "without committing themselves to retake Portuguese Timor" in found
    assert any(s.get("url", "").endswith("frus1945Berlinv02/d1298") for s in row["sources"])


def test_anglo_portuguese_alliance_still_binds_britain_to_portugal_in_1945(kb):
    assert {"GBR", "PRT"} <= set(kb.members("anglo-portuguese-1373", "1945-01-01"))


@pytest.mark.parametrize("atop_id", [4985, 5055])
def test_african_pacts_stay_unresolved_until_deposit_dates_are_found(report, atop_id, kb):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert "Round 6" in row["missing"] and "deposit" in row["missing"]
    modelled = {t.atop_id for t in kb.kb.treaties.values() if t.atop_id is not None}
    assert atop_id not in modelled
