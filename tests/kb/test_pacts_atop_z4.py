"""ATOP rows worked by atop-z4 (round 6): Africa, Western Europe and the Caribbean.

Rows recorded as deliberately different must say why, with sources.
"""

from __future__ import annotations

import pytest

from .pactdates import check_different

DIFFERENT = [2570, 2571, 3900]


@pytest.mark.parametrize("atop_id", DIFFERENT)
def test_rows_recorded_as_different_say_why(report, atop_id):
    check_different(report, atop_id)


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

