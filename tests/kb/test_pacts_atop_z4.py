"""ATOP rows worked by atop-z4 (round 6): Africa, Western Europe and the Caribbean.

Rows recorded as deliberately different must say why, with sources; rows still
unresolved must keep saying what is missing.
"""

from __future__ import annotations

import pytest

DIFFERENT = [3900]


@pytest.mark.parametrize("atop_id", DIFFERENT)
def test_rows_recorded_as_different_say_why(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "different", row
    assert row["found"] and row["sources"], atop_id


def test_oecs_treaty_is_different_because_it_only_coordinates_defence(report):
    row = report[3900]
    assert "co-ordinat" in row["found"]
    assert "no defence obligation" in row["found"]
