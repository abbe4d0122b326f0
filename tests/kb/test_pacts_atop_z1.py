"""ATOP rows of the Eastern-bloc friendship and mutual-assistance treaties, 1946-1977 (round 6, helper z1).

None of these rows could be modelled this round: no source read states the assistance article of any of them.
They stay unresolved in atop_unresolved.yaml, each naming what is still missing and carrying what round 6
added (the Hungarian enactment of the Hungarian-Bulgarian treaty, leads for the Soviet-East German and
Soviet-Polish treaties).
"""

from __future__ import annotations

import pytest

ROWS = [3035, 3090, 3095, 3500, 3520, 3555, 3560, 3580, 3600, 3605, 3610, 3620, 3645, 3680, 3695, 3780, 3800]


@pytest.mark.parametrize("atop_id", ROWS)
def test_rows_stay_unresolved_with_what_is_missing(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row["missing"] and row["sources"], atop_id


def _titles(row: dict) -> str:
    return " ".join(s["title"] for s in row["sources"])


def test_hungarian_bulgarian_treaty_enactment_is_recorded(report):
    row = report[3620]
    assert "24 September 1969" in row["found"]
    assert "Délmagyarország, 25 September 1969" in _titles(row)


@pytest.mark.parametrize("atop_id", [3500, 3520])
def test_meissner_studies_are_recorded_as_leads(report, atop_id):
    row = report[atop_id]
    assert "Meissner" in row["missing"]
    assert "Das bilaterale Paktsystem der Sowjetunion in Osteuropa" in _titles(row)
