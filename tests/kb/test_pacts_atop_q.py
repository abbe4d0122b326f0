"""ATOP rows worked by atop-q: post-Soviet treaties of 1993-2003, DPRK-Cuba 1986, Turkey-Afghanistan 1928.

None of the nine rows could be modelled in round 4: the search tool returned only
the opening of each treaty text, never the assistance article. Each row stays
unresolved, and these tests pin what round 4 established, so that a later
change that models a row (or drops its evidence) is a deliberate one.
"""

from __future__ import annotations

import pytest

import casus

from .pactdates import check_unresolved

# 3975 (DPRK-Cuba 1986) was modelled in round 6 (dprk-cuba-1986, tests/kb/test_pacts_atop_z3.py).
ROWS = [4470, 4481, 4550, 4865, 4867, 4951, 5040, 2075]


@pytest.mark.parametrize("atop_id", ROWS)
def test_rows_stay_unresolved_with_what_is_missing(report, atop_id):
    check_unresolved(report, atop_id)


def test_turkey_afghanistan_1928_articles_read_carry_no_assistance_promise(report):
    row = report[2075]
    cited = [s for s in row["sources"] if "qdl.qa" in s.get("via", "")]
    assert any(s.get("article") == "4-8" for s in cited), cited
    # the joint-action article is among Arts. 1-3, which were not read
    assert "Arts. 1-3" in row["missing"]
    assert "liberty of action" in row["found"]


def test_belarus_russia_union_charter_lost_force_under_art_70(report):
    row = report[4865]
    assert "Art. 70(1)" in row["found"]
    assert any("soyuz.by" in s.get("url", "") for s in row["sources"])
    assert "Art. 70" in row["missing"]


def test_none_of_the_rows_is_modelled_by_a_treaty():
    kb = casus.open().kb
    modelled = {t.atop_id for t in kb.treaties.values() if t.atop_id is not None}
    assert not modelled & set(ROWS)
