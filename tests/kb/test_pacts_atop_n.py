"""ATOP rows worked by atop-n: Soviet-bloc treaties of friendship and mutual assistance, 1946-1970.

None of these rows could yet be modelled: the assistance article (or the date that decides who is
bound) was not read. Each row must stay in the coverage report as unresolved, saying what was found,
what is missing, and where it was looked for, so that the next worker starts from there.
"""

from __future__ import annotations

import pytest

UNRESOLVED = [3035, 3090, 3095, 3500, 3520, 3555, 3560, 3580]  # 3120 modelled by atop-v (ussr-hungary-1948)


@pytest.mark.parametrize("atop_id", UNRESOLVED)
def test_unresolved_rows_say_what_is_missing_and_cite_sources(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row["found"] and row["missing"], atop_id
    assert row["sources"], atop_id
    assert all(s.get("url") or s.get("citation") for s in row["sources"]), atop_id


def test_hungarian_soviet_1967_term_is_recorded_from_article_9(report):
    row = report[3580]
    assert "Art. 9" in row["found"] and "twenty years" in row["found"]
    assert any(s.get("article") == "9" for s in row["sources"])
