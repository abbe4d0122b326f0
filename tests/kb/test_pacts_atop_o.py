"""ATOP rows worked by atop-o: Soviet-bloc treaties of friendship, co-operation and mutual assistance, 1968-1977.

None of these rows could be modelled in this round: the assistance article of each treaty (or a reliable
statement of its conditions) was not read. Each row must therefore stay accounted for in the coverage report:
either modelled by a treaty, or kept as unresolved or different with what was found, what is missing and the
sources read, so that no row silently drops out of the report.
"""

from __future__ import annotations

import pytest

from .pactdates import check_recorded

ROWS = [3600, 3605, 3610, 3620, 3645, 3680, 3695, 3780, 3800]


@pytest.mark.parametrize("atop_id", ROWS)
def test_row_is_accounted_for(report, atop_id):
    row = report.get(atop_id)
    assert row is not None, f"ATOP row {atop_id} is missing from the coverage report"
    if row["status"] == "covered":
        assert row["treaties"], row
        return
    assert row["status"] in {"unresolved", "different"}, row
    assert row["found"] and row["sources"], atop_id
    if row["status"] == "unresolved":
        assert row["missing"], atop_id


@pytest.mark.parametrize(("atop_id", "words"), [
    (3620, ("Nógrád", "13 July 1969")),
    (3605, ("Apró", "Yearbook 1969")),
    (3600, ("July 1968", "Kelet-Magyarország")),
])
def test_unresolved_rows_record_what_was_read(report, atop_id, words):
    check_recorded(report, atop_id, words)
