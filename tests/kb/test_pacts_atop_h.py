"""ATOP defence pacts added by the atop-h batch (compact form).

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
    ("chad-libya-1980", ("TCD", "LBY"), "1980-06-15", "1982-06-19",
     "in force on signature (Art. 8); ended on ATOP's date, the fall of the signing government (estimated)"),
    ("france-senegal-1974", ("FRA", "SEN"), "1974-03-29", "2014-10-27",
     "dated from signature (estimated); abrogated by the 2012 treaty, in force by its publication decree"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


NDJAMENA = {"lat": 12.11, "lon": 15.04}
TRIPOLI = {"lat": 32.89, "lon": 13.19}
DAKAR = {"lat": 14.69, "lon": -17.45}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("chad-libya-1980/art7", {"date": "1981-01-01", "attacker": "NGA", "victim": "TCD", "place": NDJAMENA},
     "applies", {"LBY"}, "Art. 7: Chad may call on Libya when its independence or territory is threatened"),
    ("france-senegal-1974/art1", {"date": "1990-01-01", "attacker": "GMB", "victim": "SEN", "place": DAKAR},
     "applies", {"FRA"}, "Art. 1: mutual aid and assistance for external defence against any threat"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_chad_libya_treaty_binds_libya_only(kb):
    # Art. 7 is Chad's right to call on Libya: an attack on Libya binds nobody under it
    f = kb.assess({"date": "1981-01-01", "attacker": "EGY", "victim": "LBY", "place": TRIPOLI}
                  ).finding("chad-libya-1980/art7")
    assert f.status == "does_not_apply"
    assert not f.bound


# (pact clause, a day near an estimated date, the estimated date it names)
ESTIMATES = [
    ("chad-libya-1980/art7", "1980-07-01", {"in_force": "1980-06-15"}),
    ("chad-libya-1980/art7", "1982-06-01", {"ended": "1982-06-19"}),
    ("france-senegal-1974/art1", "1974-06-01", {"in_force": "1974-03-29"}),
    ("france-senegal-1974/art1", "2014-09-01", {"ended": "2014-10-27"}),
]


@pytest.mark.parametrize(("clause", "day", "named"), ESTIMATES, ids=[f"{e[0]}@{e[1]}" for e in ESTIMATES])
def test_estimated_dates_are_said_near_them(kb, clause, day, named):
    victim, place = ("TCD", NDJAMENA) if clause.startswith("chad") else ("SEN", DAKAR)
    f = kb.assess({"date": day, "attacker": "NGA", "victim": victim, "place": place}).finding(clause)
    assert f.dating is not None, clause
    for key, value in named.items():
        assert f.dating["estimated"].get(key) == value, f.dating
    assert f.dating["text"]



def test_the_france_senegal_agreement_has_no_dating_note_mid_term(kb):
    f = kb.assess({"date": "1990-01-01", "attacker": "GMB", "victim": "SEN", "place": DAKAR}
                  ).finding("france-senegal-1974/art1")
    assert f.dating is None


def test_no_french_obligation_after_the_2012_treaty_took_over(kb):
    # the 2012 partnership treaty has no assistance clause: nothing binds France under the 1974 agreement in 2020
    a = kb.assess({"date": "2020-01-01", "attacker": "GMB", "victim": "SEN", "place": DAKAR})
    assert "france-senegal-1974/art1" not in {f.clause for f in a.findings}
