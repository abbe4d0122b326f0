"""ATOP rows worked by atop-r: West and Central African pacts and the Eastern Caribbean.

Each modelled pact is pinned on both sides of its dates (and of each party's
exit) and assessed once under its clause; where a date is an estimate, the
finding near it carries the dating note. Rows left unresolved must still say
what is missing.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_dating, day_before

# (pact, states bound from the start, entry into force, end or None, basis)
LIVES = [
    ("france-equatorial-africa-1960", {"FRA", "CAF", "COG", "TCD"}, "1960-08-15", "2010-04-08",
     "dated from the last signature (estimate); ended at the 2010 partnership's signature (estimate)"),
    ("ueac-1968", {"COD", "TCD", "CAF"}, "1968-04-02", "1968-12-09",
     "dated from signature (estimate); ended when the Central African Republic withdrew (estimate)"),
    ("ecowas-pmad-1981", {"BEN", "BFA", "CIV", "GMB", "GHA", "GIN", "LBR", "MRT", "NER", "NGA", "SEN", "SLE",
                          "TGO"}, "1981-05-29", None,
     "dated from signature (estimate); still in force"),
    ("rss-1996", {"ATG", "BRB", "DMA", "GRD", "KNA", "LCA", "VCT"}, "1996-03-05", None,
     "dated from signature (estimate); still in force"),
]


@pytest.mark.parametrize(("pact", "states", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, states, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(kb.members(pact, start)) == states, basis
    if end is not None:
        assert kb.in_force(pact, day_before(end)), basis
        assert not kb.in_force(pact, end), basis


# (pact, state, last day bound, first day no longer bound, basis)
EXITS = [
    ("france-equatorial-africa-1960", "COG", "1973-12-31", "1974-01-01",
     "provisions for Congo abrogated by the agreements of 1 January 1974"),
    ("france-equatorial-africa-1960", "TCD", "1976-03-05", "1976-03-06",
     "provisions for Chad abrogated by the agreements of 6 March 1976"),
    ("ecowas-pmad-1981", "MRT", "2000-12-25", "2000-12-26", "Mauritania's withdrawal from ECOWAS"),
    ("ecowas-pmad-1981", "BFA", "2025-01-28", "2025-01-29", "Burkina Faso's withdrawal from ECOWAS"),
    ("ecowas-pmad-1981", "NER", "2025-01-28", "2025-01-29", "Niger's withdrawal from ECOWAS"),
]


@pytest.mark.parametrize(("pact", "state", "last", "first_out", "basis"), EXITS,
                         ids=[f"{x[0]}-{x[1]}" for x in EXITS])
def test_a_party_leaving_is_bound_until_the_day_it_leaves(kb, pact, state, last, first_out, basis):
    assert state in kb.members(pact, last), basis
    assert state not in kb.members(pact, first_out), basis
    assert kb.in_force(pact, first_out), basis


BANGUI = {"lat": 4.37, "lon": 18.56}
NDJAMENA = {"lat": 12.11, "lon": 15.04}
FREETOWN = {"lat": 8.48, "lon": -13.23}
ST_GEORGES = {"lat": 12.05, "lon": -61.75}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("france-equatorial-africa-1960/art1",
     {"date": "1965-01-01", "attacker": "SDN", "victim": "CAF", "place": BANGUI},
     "applies", {"FRA", "COG", "TCD"}, "Art. 1: common defence system and mutual aid"),
    ("ueac-1968/art30", {"date": "1968-06-01", "attacker": "SDN", "victim": "TCD", "place": NDJAMENA},
     "applies", {"COD", "CAF"}, "Art. 30: military assistance against foreign aggression"),
    ("ecowas-pmad-1981/art3", {"date": "1991-04-01", "attacker": "LBR", "victim": "SLE", "place": FREETOWN},
     "applies", {"NGA", "GHA", "GIN"}, "Arts. 2-3: aggression from any state"),
    ("rss-1996/art4", {"date": "2020-01-01", "attacker": "VEN", "victim": "GRD", "place": ST_GEORGES},
     "applies", {"ATG", "BRB", "DMA", "KNA", "LCA", "VCT"}, "Art. 4: an armed attack on one is on all"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    f = check_assessment(kb, clause, scenario, status, bound, basis)
    assert scenario["victim"] not in f.bound, clause


def test_ueac_assistance_is_against_foreign_aggression_only(kb):
    f = kb.assess({"date": "1968-06-01", "attacker": "COD", "victim": "TCD", "place": NDJAMENA}
                  ).finding("ueac-1968/art30")
    assert f.status != "applies"


def test_chad_is_no_longer_owed_french_help_after_1976(kb):
    a = kb.assess({"date": "1980-01-01", "attacker": "LBY", "victim": "TCD", "place": NDJAMENA})
    f = a.finding("france-equatorial-africa-1960/art1")
    assert f is None or f.status != "applies"


@pytest.mark.parametrize(("clause", "scenario", "near", "far", "which"), [
    ("france-equatorial-africa-1960/art1", {"attacker": "SDN", "victim": "CAF", "place": BANGUI},
     "1960-09-01", "1980-01-01", "in_force"),
    ("france-equatorial-africa-1960/art1", {"attacker": "SDN", "victim": "CAF", "place": BANGUI},
     "2010-03-01", "1980-01-01", "ended"),
    ("ueac-1968/art30", {"attacker": "SDN", "victim": "TCD", "place": NDJAMENA},
     "1968-06-01", None, "in_force"),
    ("ueac-1968/art30", {"attacker": "SDN", "victim": "TCD", "place": NDJAMENA},
     "1968-12-01", None, "ended"),
    ("rss-1996/art4", {"attacker": "VEN", "victim": "GRD", "place": ST_GEORGES},
     "1996-06-01", "2020-01-01", "in_force"),
    ("ecowas-pmad-1981/art3", {"attacker": "LBR", "victim": "SLE", "place": FREETOWN},
     "1981-07-01", "1991-04-01", "in_force"),
])
def test_estimated_dates_carry_the_dating_note(kb, clause, scenario, near, far, which):
    check_dating(kb, clause, scenario, near, far, which)


def test_ecowas_protocol_lists_only_the_1981_signatories(kb):
    members = set(kb.members("ecowas-pmad-1981", "1990-01-01"))
    assert not members & {"CPV", "GNB", "MLI"}, "did not sign in 1981; no later adherence found"
    assert len(members) == 13


MODELLED = {3395: "france-equatorial-africa-1960", 3590: "ueac-1968", 3895: "ecowas-pmad-1981",
            4778: "rss-1996"}


@pytest.mark.parametrize("atop_id", sorted(MODELLED))
def test_modelled_rows_are_covered_by_the_pact(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "covered", row
    assert row["treaties"] == [MODELLED[atop_id]], row


UNRESOLVED = [3385, 3660, 3785, 3843, 4945]


@pytest.mark.parametrize("atop_id", UNRESOLVED)
def test_rows_left_unresolved_say_what_is_missing(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row.get("missing") and row.get("found"), atop_id
