"""ATOP defence pacts covered by helper atop-e (compact form): wartime and early post-war alliances.

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article, and, for pacts limited to named attackers,
one attack by another state. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why, and estimated dates carry a dating note in findings.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .pactdates import check_assessment, day_before

D = dt.date.fromisoformat
COVERED_FROM = D("1945-01-01")


# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("ussr-mongolia-1936", ("SUN", "MNG"), "1936-03-12", "1946-02-27",
     "protocol from signature; converted by the 1946 treaty (estimated)"),
    ("ussr-mongolia-1946", ("SUN", "MNG"), "1946-02-27", "1966-01-15",
     "treaty dated from signature (estimated); ended when the 1966 treaty was signed (estimated)"),
    ("uk-ussr-1942", ("GBR", "SUN"), "1942-07-04", "1955-05-07",
     "ratifications exchanged in Moscow 4 July 1942; annulled by the USSR 7 May 1955"),
    ("france-ussr-1944", ("FRA", "SUN"), "1944-12-10", "1955-05-07",
     "dated from signature (estimated); annulled by the USSR 7 May 1955"),
    ("china-ussr-1945", ("CHN", "SUN"), "1945-08-14", "1950-02-14",
     "dated from signature (estimated); declared void by the USSR and the PRC on 14 February 1950"),
    ("uk-ussr-iran-1942", ("GBR", "SUN", "IRN"), "1942-01-29", "1946-03-02",
     "dated from signature (estimated); ends at the Art. 5 withdrawal date (estimated)"),
    ("uk-malaya-1957", ("GBR", "MYS"), "1957-10-12", "1971-11-01",
     "dated from signature (estimated); ended when the Five Power Defence Arrangements took effect"),
    ("uk-ceylon-1947", ("GBR", "LKA"), "1948-02-04", "1962-03-01",
     "effective on Ceylon's independence; ATOP's end (estimated)"),
    ("yugoslavia-albania-1946", ("YUG", "ALB"), "1946-07-09", "1949-11-12",
     "dated from signature (estimated); Yugoslavia declared itself freed on 12 November 1949"),
    ("union-african-states-1961", ("GHA", "MLI"), "1961-07-01", "1963-05-25",
     "in effect on publication, 1 July 1961; ended at the OAU's founding (estimated)"),
    ("uam-defence-1961", ("SEN", "MDG"), "1961-09-09", "1964-03-10",
     "dated from signature (estimated); ended when the UAM became the UAMCE (estimated)"),
    ("uk-france-turkey-1939", ("GBR", "FRA", "TUR"), "1939-10-19", "1954-10-19",
     "dated from signature (estimated); fifteen-year term (estimated); France kept as a party after 1940"),
    ("japan-thailand-1941", ("JPN", "THA"), "1941-12-21", "1945-09-11",
     "in force on signature (Art. 5); ATOP's end (estimated)"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    if D(start) > COVERED_FROM:  # casus answers from 1 January 1945 on
        assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, max(D(start), COVERED_FROM).isoformat())), basis
    if end is not None:
        assert set(pair) <= set(kb.members(pact, day_before(end))), basis
        assert not kb.in_force(pact, end), basis
    else:
        assert set(pair) <= set(kb.members(pact, "2026-01-01")), basis


ULAANBAATAR = {"lat": 47.92, "lon": 106.92}
LONDON = {"lat": 51.51, "lon": -0.13}
PARIS = {"lat": 48.86, "lon": 2.35}
SHANGHAI = {"lat": 31.23, "lon": 121.47}
TEHRAN = {"lat": 35.69, "lon": 51.39}
KUALA_LUMPUR = {"lat": 3.14, "lon": 101.69}
COLOMBO = {"lat": 6.93, "lon": 79.85}
TIRANA = {"lat": 41.33, "lon": 19.82}
CONAKRY = {"lat": 9.54, "lon": -13.68}
DAKAR = {"lat": 14.69, "lon": -17.44}
ANKARA = {"lat": 39.93, "lon": 32.85}
BANGKOK = {"lat": 13.75, "lon": 100.50}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("ussr-mongolia-1936/art2", {"date": "1945-06-01", "attacker": "JPN", "victim": "MNG", "place": ULAANBAATAR},
     "applies", {"SUN"}, "Art. 2: military attack by a third state"),
    ("ussr-mongolia-1946/art2", {"date": "1960-01-01", "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR},
     "applies", {"SUN"}, "Art. 2: military attack by any third state"),
    ("uk-ussr-1942/art7", {"date": "1950-01-01", "attacker": "DEU", "victim": "GBR", "place": LONDON},
     "applies", {"SUN"}, "Art. 7: hostilities with Germany after a German attack"),
    ("uk-ussr-1942/art7", {"date": "1950-01-01", "attacker": "ESP", "victim": "GBR", "place": LONDON},
     "ambiguous", set(), "Art. 7: only Germany or a state associated with her in aggression in Europe"),
    ("france-ussr-1944/art4", {"date": "1950-01-01", "attacker": "DEU", "victim": "FRA", "place": PARIS},
     "applies", {"SUN"}, "Art. 4: hostilities with Germany"),
    ("france-ussr-1944/art4", {"date": "1950-01-01", "attacker": "ESP", "victim": "FRA", "place": PARIS},
     "does_not_apply", set(), "Art. 4 names Germany only"),
    ("china-ussr-1945/art3", {"date": "1947-01-01", "attacker": "JPN", "victim": "CHN", "place": SHANGHAI},
     "applies", {"SUN"}, "Art. 3: hostilities with Japan after a Japanese attack"),
    ("china-ussr-1945/art3", {"date": "1947-01-01", "attacker": "USA", "victim": "CHN", "place": SHANGHAI},
     "does_not_apply", set(), "Art. 3 names Japan only"),
    ("uk-ussr-iran-1942/art3", {"date": "1945-06-01", "attacker": "TUR", "victim": "IRN", "place": TEHRAN},
     "applies", {"GBR", "SUN"}, "Art. 3: Britain and the USSR defend Iran against aggression by any power"),
    ("uk-malaya-1957/art1", {"date": "1964-09-02", "attacker": "IDN", "victim": "MYS", "place": KUALA_LUMPUR},
     "applies", {"GBR"}, "Art. I: Britain assists Malaysia's external defence (confrontation with Indonesia)"),
    ("uk-ceylon-1947/art1", {"date": "1950-01-01", "attacker": "IND", "victim": "LKA", "place": COLOMBO},
     "applies", {"GBR"}, "Art. 1: mutual military assistance against external aggression, as each decides"),
    ("yugoslavia-albania-1946/art3", {"date": "1947-06-01", "attacker": "GRC", "victim": "ALB", "place": TIRANA},
     "applies", {"YUG"}, "Art. 3: military assistance against a third power's aggression"),
    ("union-african-states-1961/art4-c", {"date": "1962-06-01", "attacker": "PRT", "victim": "GIN",
                                          "place": CONAKRY},
     "applies", {"GHA", "MLI"}, "Art. 4(c): joint defence of a member that falls victim to aggression"),
    ("uam-defence-1961/art5", {"date": "1962-06-01", "attacker": "GIN", "victim": "SEN", "place": DAKAR},
     "applies", {"CIV", "MDG", "CMR"}, "Art. 5: aggression in Africa against one party is against all"),
    ("uk-france-turkey-1939/art1", {"date": "1947-01-01", "attacker": "BGR", "victim": "TUR", "place": ANKARA},
     "applies", {"GBR", "FRA"}, "Art. 1: aggression against Turkey by a European Power"),
    ("uk-france-turkey-1939/art1", {"date": "1947-01-01", "attacker": "SUN", "victim": "TUR", "place": ANKARA},
     "ambiguous", set(), "Art. 1: whether the USSR is a European Power was left open"),
    ("japan-thailand-1941/art2", {"date": "1945-03-01", "attacker": "GBR", "victim": "THA", "place": BANGKOK},
     "applies", {"JPN"}, "Art. 2: armed conflict with a third country"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}-{a[1]['attacker']}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


# (clause, scenario near an estimated date) -> the finding carries the dating note
ESTIMATED = [
    ("ussr-mongolia-1946/art2", {"date": "1946-03-15", "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR}),
    ("ussr-mongolia-1946/art2", {"date": "1965-12-01", "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR}),
    ("france-ussr-1944/art4", {"date": "1945-03-01", "attacker": "DEU", "victim": "FRA", "place": PARIS}),
    ("china-ussr-1945/art3", {"date": "1945-09-01", "attacker": "JPN", "victim": "CHN", "place": SHANGHAI}),
    ("uk-ussr-iran-1942/art3", {"date": "1946-01-15", "attacker": "TUR", "victim": "IRN", "place": TEHRAN}),
    ("uk-malaya-1957/art1", {"date": "1958-01-01", "attacker": "IDN", "victim": "MYS", "place": KUALA_LUMPUR}),
    ("uk-ceylon-1947/art1", {"date": "1961-06-01", "attacker": "IND", "victim": "LKA", "place": COLOMBO}),
    ("yugoslavia-albania-1946/art3", {"date": "1946-12-01", "attacker": "GRC", "victim": "ALB", "place": TIRANA}),
    ("uam-defence-1961/art5", {"date": "1961-12-01", "attacker": "GIN", "victim": "SEN", "place": DAKAR}),
    ("uk-france-turkey-1939/art1", {"date": "1954-03-01", "attacker": "BGR", "victim": "TUR", "place": ANKARA}),
    ("japan-thailand-1941/art2", {"date": "1945-03-01", "attacker": "GBR", "victim": "THA", "place": BANGKOK}),
    ("union-african-states-1961/art4-c", {"date": "1963-03-01", "attacker": "PRT", "victim": "GIN",
                                          "place": CONAKRY}),
]


@pytest.mark.parametrize(("clause", "scenario"), ESTIMATED, ids=[f"{e[0]}-{e[1]['date']}" for e in ESTIMATED])
def test_findings_near_an_estimated_date_say_so(kb, clause, scenario):
    f = kb.assess(scenario).finding(clause)
    assert f.dating is not None, f"{clause}: no dating note near an estimated date"


def test_findings_far_from_an_estimated_date_carry_no_dating_note(kb):
    f = kb.assess({"date": "1955-01-01", "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR}
                  ).finding("ussr-mongolia-1946/art2")
    assert f.dating is None


def test_the_iran_treaty_binds_only_the_guarantors(kb):
    # Art. 3 is one-way: Britain and the USSR defend Iran; Iran owes them no defence
    f = kb.assess({"date": "1945-06-01", "attacker": "TUR", "victim": "SUN", "place": {"lat": 41.72, "lon": 44.79}}
                  ).finding("uk-ussr-iran-1942/art3")
    assert f.status == "does_not_apply"
    assert "IRN" not in set(f.bound)


def test_the_malaya_agreement_is_one_way(kb):
    # Art. I binds Britain to Malaya's external defence; Malaya owes Britain no defence under it
    f = kb.assess({"date": "1965-01-01", "attacker": "IDN", "victim": "GBR", "place": {"lat": 51.51, "lon": -0.13}}
                  ).finding("uk-malaya-1957/art1")
    assert f.status == "does_not_apply"
    assert "MYS" not in set(f.bound)


def test_the_ceylon_agreement_leaves_the_form_of_help_to_each_party(kb):
    f = kb.assess({"date": "1950-01-01", "attacker": "IND", "victim": "LKA", "place": COLOMBO}
                  ).finding("uk-ceylon-1947/art1")
    assert kb.treaties["uk-ceylon-1947"].clauses[0].automatic is False
    assert f.status == "applies"


def test_the_uam_pact_covers_aggression_in_africa_only(kb):
    # Art. 5 speaks of an aggression occurring in Africa or Madagascar: a party's ship off Brittany is outside it
    f = kb.assess({"date": "1962-06-01", "attacker": "PRT", "victim": "SEN", "target": "vessel",
                   "place": {"lat": 47.5, "lon": -6.5}}).finding("uam-defence-1961/art5")
    assert f.status == "does_not_apply"
