"""ATOP defence pacts added by the atop-i2 batch (post-Soviet and post-Yugoslav treaties, compact form).

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why, and estimated dates carry a dating note.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_life

# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("croatia-bosnia-1992", ("HRV", "BIH"), "1992-07-21", None,
     "dated from signature (estimated); no act ending it was found"),
    ("russia-uzbekistan-2005", ("RUS", "UZB"), "2005-11-14", None,
     "dated from signature (estimated): ratified by the Duma on 21 April 2006, exchange not dated"),
    ("azerbaijan-turkey-2010", ("AZE", "TUR"), "2010-08-16", None,
     "dated from signature (estimated): ratified December 2010 and early 2011, entry into force not dated"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


SARAJEVO = {"lat": 43.86, "lon": 18.41}
ZAGREB = {"lat": 45.81, "lon": 15.98}
TASHKENT = {"lat": 41.30, "lon": 69.27}
MOSCOW = {"lat": 55.75, "lon": 37.62}
BAKU = {"lat": 40.41, "lon": 49.87}
ANKARA = {"lat": 39.93, "lon": 32.86}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("croatia-bosnia-1992/art8", {"date": "1992-08-01", "attacker": "SCG", "victim": "BIH", "place": SARAJEVO},
     "applies", {"HRV"}, "Art. 8: coordinated defence against the aggression under way"),
    ("russia-uzbekistan-2005/aggression", {"date": "2010-01-01", "attacker": "AFG", "victim": "UZB",
                                           "place": TASHKENT},
     "applies", {"RUS"}, "aggression by any state against one party is aggression against both"),
    ("russia-uzbekistan-2005/aggression", {"date": "2010-01-01", "attacker": "UKR", "victim": "RUS",
                                           "place": MOSCOW},
     "applies", {"UZB"}, "the clause is mutual: Uzbekistan owes help to Russia too"),
    ("azerbaijan-turkey-2010/assistance", {"date": "2015-01-01", "attacker": "ARM", "victim": "AZE", "place": BAKU},
     "applies", {"TUR"}, "support using all possibilities against a military attack by a third state"),
    ("azerbaijan-turkey-2010/assistance", {"date": "2015-01-01", "attacker": "SYR", "victim": "TUR",
                                           "place": ANKARA},
     "applies", {"AZE"}, "the support is mutual"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}:{a[1]['victim']}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_croatia_bosnia_agreement_names_the_aggression_under_way(kb):
    # Art. 8 speaks of the aggression against the two by the Yugoslav army and Serb forces: another
    # attacker is not plainly covered
    f = kb.assess({"date": "1992-08-01", "attacker": "HUN", "victim": "HRV", "place": ZAGREB}
                  ).finding("croatia-bosnia-1992/art8")
    assert f.status == "ambiguous"
    assert not f.bound


def test_the_assistance_clauses_are_not_owed_to_outsiders(kb):
    # Turkey owes nothing under the 2010 agreement when a third state (not Azerbaijan) is attacked
    a = kb.assess({"date": "2015-01-01", "attacker": "ARM", "victim": "GEO", "place": {"lat": 41.72, "lon": 44.79}})
    assert "azerbaijan-turkey-2010/assistance" not in {f.clause for f in a.findings if f.status == "applies"}


# (pact clause, victim, place, a day near an estimated date, the estimated date it names)
ESTIMATES = [
    ("croatia-bosnia-1992/art8", "BIH", SARAJEVO, "1992-08-01", {"in_force": "1992-07-21"}),
    ("russia-uzbekistan-2005/aggression", "UZB", TASHKENT, "2005-12-01", {"in_force": "2005-11-14"}),
    ("azerbaijan-turkey-2010/assistance", "AZE", BAKU, "2010-09-01", {"in_force": "2010-08-16"}),
]


@pytest.mark.parametrize(("clause", "victim", "place", "day", "named"), ESTIMATES,
                         ids=[f"{e[0]}@{e[3]}" for e in ESTIMATES])
def test_estimated_dates_are_said_near_them(kb, clause, victim, place, day, named):
    attacker = "SCG" if victim == "BIH" else "ARM" if victim == "AZE" else "AFG"
    f = kb.assess({"date": day, "attacker": attacker, "victim": victim, "place": place}).finding(clause)
    assert f.dating is not None, clause
    for key, value in named.items():
        assert f.dating["estimated"].get(key) == value, f.dating
    assert f.dating["text"]


def test_no_dating_note_years_after_the_estimate(kb):
    f = kb.assess({"date": "2015-01-01", "attacker": "ARM", "victim": "AZE", "place": BAKU}
                  ).finding("azerbaijan-turkey-2010/assistance")
    assert f.dating is None
