"""ATOP defence pacts modelled by atop-g: the 1967 Eastern bloc treaties and the 1966 Egypt-Syria agreement.

Each row pins a pact's legal dates on both sides (the day before entry into
force and the day of it; the day before the end and the day of it), then one
attack assessed under its defence article. Dates and articles come from the
sources in src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's
coding the pact's ``atop_note`` says why, and estimated dates carry a dating
note in the findings near them.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, day_before

# (pact, two parties, entry into force, end, basis)
LIVES = [
    ("poland-czechoslovakia-1967", ("POL", "CSK"), "1967-05-12", "1991-10-06",
     "in force 12 May 1967 (Dz.U. 1967 nr 22 poz. 98); end is ATOP's date (estimated)"),
    ("poland-gdr-1967", ("POL", "DDR"), "1967-03-15", "1977-07-13",
     "dated from signature (estimated); superseded when the 1977 treaty took effect (Dz.U. 1977 nr 25 poz. 104)"),
    ("gdr-czechoslovakia-1967", ("CSK", "DDR"), "1967-03-17", "1977-10-03",
     "dated from signature (estimated); ended at the 1977 successor's signature (estimated)"),
    ("hungary-gdr-1967", ("HUN", "DDR"), "1967-09-25", "1977-03-24",
     "ratifications exchanged in Berlin on 25 September 1967 (Act V of 1967); end estimated"),
    ("bulgaria-gdr-1967", ("BGR", "DDR"), "1967-11-13", "1978-01-19",
     "ratifications exchanged in Berlin on 13 November 1967 (DV no. 36/1968); superseded when the 1977 treaty "
     "entered into force (DV no. 26/1978; the replacement inferred)"),
    ("egypt-syria-1966", ("EGY", "SYR"), "1966-11-04", "1967-06-10",
     "dated from signature (estimated; Art. 11 makes it valid on the exchange of ratifications); ATOP's end"),
    ("condeca-1963", ("GTM", "HND"), "1963-12-14", "1969-07-14",
     "dated from signature (estimated); ended at the outbreak of the El Salvador-Honduras war (ATOP's date)"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    assert set(pair) <= set(kb.members(pact, day_before(end))), basis
    assert not kb.in_force(pact, end), basis


WARSAW = {"lat": 52.23, "lon": 21.01}
PRAGUE = {"lat": 50.08, "lon": 14.44}
BUDAPEST = {"lat": 47.50, "lon": 19.04}
SOFIA = {"lat": 42.70, "lon": 23.32}
EAST_BERLIN = {"lat": 52.52, "lon": 13.41}
DAMASCUS = {"lat": 33.51, "lon": 36.29}
MANAGUA = {"lat": 12.13, "lon": -86.25}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("poland-czechoslovakia-1967/assistance",
     {"date": "1970-01-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     "applies", {"POL"}, "armed attack by another state: immediate military and other assistance"),
    ("poland-gdr-1967/assistance",
     {"date": "1970-01-01", "attacker": "DEU", "victim": "DDR", "place": EAST_BERLIN},
     "applies", {"POL"}, "armed attack on either party: immediate assistance"),
    ("gdr-czechoslovakia-1967/art10",
     {"date": "1970-01-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     "applies", {"DDR"}, "Art. 10: armed attack by any state or group of states: immediate military aid"),
    ("hungary-gdr-1967/assistance",
     {"date": "1970-01-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST},
     "applies", {"DDR"}, "armed attack by a state: immediate aid, military included"),
    ("bulgaria-gdr-1967/assistance",
     {"date": "1970-01-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA},
     "applies", {"DDR"}, "armed attack by a state: all possible assistance, military included"),
    ("egypt-syria-1966/art1",
     {"date": "1967-01-15", "attacker": "ISR", "victim": "SYR", "place": DAMASCUS},
     "applies", {"EGY"}, "Art. 1: an armed attack on either is an attack on both"),
    ("condeca-1963/art11",
     {"date": "1966-01-01", "attacker": "CUB", "victim": "NIC", "place": MANAGUA},
     "applies", {"GTM", "SLV", "HND"}, "Art. 11: an armed attack by any state on one is an attack on all"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_condeca_leaves_the_measures_to_each_state(kb):
    # Art. 13: each state decides its immediate measures; the assistance is not automatic in form
    f = kb.assess({"date": "1966-01-01", "attacker": "CUB", "victim": "NIC", "place": MANAGUA}
                  ).finding("condeca-1963/art11")
    assert f.automatic is False
    assert f.bound == ("GTM", "HND", "SLV")  # the victim is not bound to assist itself


def test_the_1967_treaties_do_not_reach_back_before_the_parties_were_bound(kb):
    # the Hungarian-East German treaty binds from the exchange of ratifications, not from signature
    a = kb.assess({"date": "1967-06-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST})
    assert "hungary-gdr-1967/assistance" not in {f.clause for f in a.findings}


ESTIMATED = [
    # (clause, scenario within a year of an estimated date, the estimated field and date)
    ("egypt-syria-1966/art1", {"date": "1967-01-15", "attacker": "ISR", "victim": "SYR", "place": DAMASCUS},
     {"in_force": "1966-11-04", "ended": "1967-06-10"}),
    ("poland-gdr-1967/assistance", {"date": "1967-04-01", "attacker": "DEU", "victim": "DDR", "place": EAST_BERLIN},
     {"in_force": "1967-03-15"}),
    ("bulgaria-gdr-1967/assistance", {"date": "1977-06-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA},
     {"ended": "1978-01-19"}),
]


@pytest.mark.parametrize(("clause", "scenario", "estimated"), ESTIMATED, ids=[e[0] for e in ESTIMATED])
def test_findings_near_an_estimated_date_say_so(kb, clause, scenario, estimated):
    f = kb.assess(scenario).finding(clause)
    assert f.dating is not None, clause
    assert f.dating["estimated"] == estimated
    assert f.dating["text"] == kb.treaties[clause.split("/")[0]].dating_note.strip()


def test_far_from_an_estimated_date_no_dating_note(kb):
    # the Hungarian-East German treaty's start is the exchange of ratifications (not an estimate);
    # only its end (March 1977) is estimated, more than a year away
    f = kb.assess({"date": "1972-01-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST}
                  ).finding("hungary-gdr-1967/assistance")
    assert f.status == "applies"
    assert f.dating is None
