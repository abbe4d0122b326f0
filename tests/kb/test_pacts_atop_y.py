"""ATOP rows worked by atop-y: Mozambique-Zimbabwe 1981, SADC 2001/2003, the AU pact 2005, Great Lakes protocol 2006.

None of the four rows could be modelled in this round: no Gibler entry was found
for the 1981, 2005 and 2006 instruments (Gibler codes the 2001 SADC Protocol a
non-aggression pact), and the stored pages give neither the Great Lakes defence
article nor any party's deposit date for the SADC and AU pacts. Each row stays
unresolved; these tests pin what was established, so that a later change that
models a row (or drops its evidence) is a deliberate one.
"""

from __future__ import annotations

import pytest

from .pactdates import check_unresolved

ROWS = [3887, 4985, 5055, 5090]


@pytest.mark.parametrize("atop_id", ROWS)
def test_rows_stay_unresolved_with_what_is_missing(report, atop_id):
    check_unresolved(report, atop_id)


def test_none_of_the_rows_is_modelled_by_a_treaty(kb):
    modelled = {t.atop_id for t in kb.kb.treaties.values() if t.atop_id is not None}
    assert not modelled & set(ROWS)


def test_mozambique_zimbabwe_row_cites_the_1985_request_and_gibler_1980_81(report):
    row = report[3887]
    assert "1985" in row["found"] and "4.1416" in row["found"]
    assert any("archive.is" in s.get("url", "") for s in row["sources"])
    assert any(s.get("via", "").endswith("pageIndex=547") for s in row["sources"])


def test_great_lakes_row_points_to_roscini_on_self_defence(report):
    row = report[5090]
    assert "Roscini" in row["found"] and "Roscini" in row["missing"]
    assert any("ssrn.com" in s.get("url", "") for s in row["sources"])


def test_sadc_row_keeps_the_protocol_without_a_defence_obligation(report):
    row = report[4985]
    assert "no defence obligation" in row["found"]
    assert "0 of the 14" in row["missing"]


def test_au_pact_row_names_the_status_report_lead(report):
    row = report[5055]
    assert "18 December" in row["found"]
    assert "status of OAU/AU treaties" in row["missing"]
