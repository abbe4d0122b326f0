"""ATOP defence pacts modelled by atop-k: the second-generation treaties of the Warsaw Pact states (1968-1977).

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
    ("czechoslovakia-bulgaria-1968", ("CSK", "BGR"), "1968-04-26", "1992-10-06",
     "dated from signature (estimated); ended when the 1992 treaty entered into force (571/1992 Sb., Art. 18)"),
    ("bulgaria-romania-1970", ("BGR", "ROU"), "1971-03-31", "1992-01-27",
     "in force 31 March 1971 (DV no. 41/1971); ends at the 1992 successor's signature (estimated)"),
    ("hungary-gdr-1977", ("HUN", "DDR"), "1977-03-24", "1990-10-03",
     "dated from signature (estimated); lapsed when the GDR ceased to exist"),
    ("gdr-czechoslovakia-1977", ("CSK", "DDR"), "1977-10-03", "1990-10-03",
     "dated from signature (estimated); lapsed when the GDR ceased to exist"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    assert set(pair) <= set(kb.members(pact, day_before(end))), basis
    assert not kb.in_force(pact, end), basis


PRAGUE = {"lat": 50.08, "lon": 14.44}
SOFIA = {"lat": 42.70, "lon": 23.32}
BUCHAREST = {"lat": 44.43, "lon": 26.10}
BUDAPEST = {"lat": 47.50, "lon": 19.04}
EAST_BERLIN = {"lat": 52.52, "lon": 13.41}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("czechoslovakia-bulgaria-1968/assistance",
     {"date": "1975-06-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA},
     "applies", {"CSK"}, "mutual defence in case of attack (Gibler's summary), by any state"),
    ("bulgaria-romania-1970/assistance",
     {"date": "1980-06-01", "attacker": "SUN", "victim": "ROU", "place": BUCHAREST},
     "applies", {"BGR"}, "a defence pact (Gibler): aid if the other is attacked, whoever the attacker"),
    ("hungary-gdr-1977/assistance",
     {"date": "1985-06-01", "attacker": "DEU", "victim": "DDR", "place": EAST_BERLIN},
     "applies", {"HUN"}, "armed attack by a state or group of states: aid with all means (1977 debate)"),
    ("gdr-czechoslovakia-1977/assistance",
     {"date": "1985-06-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     "applies", {"DDR"}, "armed attack on either: all assistance, military included (Federal Assembly, 1978)"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_1968_treaty_replaced_the_1948_one_and_lapsed_with_the_1992_treaty(kb):
    # the 1948 treaty (aimed at Germany) stops at the 1968 signature; the 1968 treaty runs to 6 October 1992
    a = kb.assess({"date": "1970-01-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA})
    clauses = {f.clause for f in a.findings}
    assert "czechoslovakia-bulgaria-1968/assistance" in clauses
    assert not any(c.startswith("czechoslovakia-bulgaria-1948/") for c in clauses)
    later = kb.assess({"date": "1992-11-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA})
    assert "czechoslovakia-bulgaria-1968/assistance" not in {f.clause for f in later.findings}


def test_the_1970_treaty_binds_only_from_entry_into_force(kb):
    # signed 19 November 1970, in force 31 March 1971: in between the 1948 treaty still binds
    a = kb.assess({"date": "1971-01-15", "attacker": "TUR", "victim": "BGR", "place": SOFIA})
    clauses = {f.clause for f in a.findings}
    assert "bulgaria-romania-1970/assistance" not in clauses
    assert any(c.startswith("bulgaria-romania-1948/") for c in clauses)


ESTIMATED = [
    # (clause, scenario within a year of an estimated date, the estimated field and date)
    ("czechoslovakia-bulgaria-1968/assistance",
     {"date": "1968-06-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     {"in_force": "1968-04-26"}),
    ("bulgaria-romania-1970/assistance",
     {"date": "1991-06-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA},
     {"ended": "1992-01-27"}),
    ("hungary-gdr-1977/assistance",
     {"date": "1977-07-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST},
     {"in_force": "1977-03-24"}),
    ("gdr-czechoslovakia-1977/assistance",
     {"date": "1978-01-15", "attacker": "DEU", "victim": "DDR", "place": EAST_BERLIN},
     {"in_force": "1977-10-03"}),
]


@pytest.mark.parametrize(("clause", "scenario", "estimated"), ESTIMATED, ids=[e[0] for e in ESTIMATED])
def test_findings_near_an_estimated_date_say_so(kb, clause, scenario, estimated):
    f = kb.assess(scenario).finding(clause)
    assert f.dating is not None, clause
    assert f.dating["estimated"] == estimated
    assert f.dating["text"] == kb.treaties[clause.split("/")[0]].dating_note.strip()


def test_far_from_an_estimated_date_no_dating_note(kb):
    # the Bulgarian-Romanian treaty's start is read in the State Gazette, not estimated
    f = kb.assess({"date": "1971-04-15", "attacker": "TUR", "victim": "BGR", "place": SOFIA}
                  ).finding("bulgaria-romania-1970/assistance")
    assert f.status == "applies"
    assert f.dating is None


def test_the_1977_treaty_takes_over_from_the_1967_one_and_ends_with_the_gdr(kb):
    a = kb.assess({"date": "1980-01-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST})
    clauses = {f.clause for f in a.findings}
    assert "hungary-gdr-1977/assistance" in clauses
    assert "hungary-gdr-1967/assistance" not in clauses
    f = a.finding("hungary-gdr-1977/assistance")
    assert f.status == "applies" and "DDR" in f.bound
    later = kb.assess({"date": "1990-10-03", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST})
    assert "hungary-gdr-1977/assistance" not in {f.clause for f in later.findings}


def test_the_1977_czechoslovak_treaty_leaves_a_non_state_attack_to_judgement(kb):
    # the debate speaks of an armed attack without naming the attacker; casus records attacks by states
    f = kb.assess({"date": "1985-06-01", "attacker": "nsa:insurgents", "victim": "CSK", "place": PRAGUE}
                  ).finding("gdr-czechoslovakia-1977/assistance")
    assert f.status == "ambiguous"
    assert f.bound == ()
