"""ATOP defence pacts of the Americas, Western Europe, Africa and the Middle East (compact form).

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why, and the test pins the legal record, not ATOP.
"""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from casus.law import findings

from .pactdates import check_assessment, day_before

D = dt.date.fromisoformat
COVERED_FROM = D("1945-01-01")


# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("uk-iraq-1930", ("GBR", "IRQ"), "1932-10-03", "1955-04-05",
     "operative on Iraq's admission to the League; superseded by the 1955 Special Agreement"),
    ("uk-egypt-1936", ("GBR", "EGY"), "1936-12-22", "1951-10-15",
     "ratifications exchanged 22 Dec 1936; abrogated by Egypt 15 Oct 1951"),
    ("uk-transjordan-1946", ("GBR", "JOR"), "1946-06-17", "1948-03-15",
     "ratifications exchanged in Amman; replaced by the 1948 treaty"),
    ("uk-jordan-1948", ("GBR", "JOR"), "1948-03-15", "1957-03-13", "terminated by mutual consent"),
    ("france-gabon-1960", ("FRA", "GAB"), "1960-08-17", "2014-06-01",
     "replaced by the 2010 defence partnership in force 1 June 2014"),
    ("france-madagascar-1960", ("FRA", "MDG"), "1960-06-27", "1973-09-01",
     "defence responsibilities passed to Madagascar on 1 Sept 1973"),
    ("egypt-syria-1955", ("EGY", "SYR"), "1955-10-20", "1958-02-22", "lapsed with the union in the UAR"),
    ("egypt-saudi-1955", ("EGY", "SAU"), "1955-10-27", "1962-11-06", "rupture over Yemen"),
    ("egypt-jordan-1967", ("EGY", "JOR"), "1967-05-30", "1979-03-26", "Gibler's end: Egypt-Israel peace"),
    ("us-iran-1959", ("USA", "IRN"), "1959-03-05", "1979-02-26", "Gibler's end after the revolution"),
    ("us-turkey-1959", ("USA", "TUR"), "1959-03-05", None, "never terminated"),
    ("panama-canal-1977", ("USA", "PAN"), "1979-10-01", "1999-12-31", "expired at noon 31 Dec 1999"),
    ("france-djibouti-1977", ("FRA", "DJI"), "1982-10-31", "2014-05-01",
     "in force 31 Oct 1982; abrogated by the 2011 treaty in force 1 May 2014"),
    ("france-djibouti-2011", ("FRA", "DJI"), "2014-05-01", None, "in force 1 May 2014"),
    ("france-comoros-1978", ("FRA", "COM"), "1982-10-20", None, "in force 20 Oct 1982"),
    ("amu-1989", ("MAR", "DZA"), "1989-02-17", None, "signed at Marrakesh"),
    ("uk-iraq-1955", ("GBR", "IRQ"), "1955-04-05", "1959-03-24",
     "in force 5 April 1955 (FRUS); Iraq left the Baghdad Pact 24 March 1959"),
    ("egypt-sudan-1976", ("EGY", "SDN"), "1976-07-15", "1989-06-10", "abrogated by Sudan 10 June 1989"),
    ("morocco-libya-1984", ("MAR", "LBY"), "1984-08-13", "1986-08-29", "abrogated by Hassan II"),
    ("senegambia-1981", ("SEN", "GMB"), "1982-02-01", "1989-09-30", "the confederation's life"),
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


def test_iraq_joined_the_egypt_jordan_pact_on_4_june_1967(kb):
    # Gibler entry 4.1383: Iraq joined on 4 June 1967
    assert "IRQ" not in kb.members("egypt-jordan-1967", "1967-06-03")
    assert "IRQ" in kb.members("egypt-jordan-1967", "1967-06-04")


BAGHDAD = {"lat": 33.31, "lon": 44.37}
CAIRO = {"lat": 30.04, "lon": 31.24}
AMMAN = {"lat": 31.95, "lon": 35.93}
LIBREVILLE = {"lat": 0.39, "lon": 9.45}
ANTANANARIVO = {"lat": -18.91, "lon": 47.52}
DAMASCUS = {"lat": 33.51, "lon": 36.29}
RIYADH = {"lat": 24.71, "lon": 46.68}
TEHRAN = {"lat": 35.69, "lon": 51.39}
ANKARA = {"lat": 39.93, "lon": 32.86}
BALBOA = {"lat": 8.95, "lon": -79.56}     # the canal's Pacific entrance
DJIBOUTI = {"lat": 11.59, "lon": 43.15}
MORONI = {"lat": -11.70, "lon": 43.26}
RABAT = {"lat": 34.02, "lon": -6.84}
NEW_YORK = {"lat": 40.71, "lon": -74.01}
KHARTOUM = {"lat": 15.50, "lon": 32.56}
BANJUL = {"lat": 13.45, "lon": -16.58}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("uk-iraq-1930/art4", {"date": "1950-01-01", "attacker": "SUN", "victim": "IRQ", "place": BAGHDAD},
     "applies", {"GBR"}, "Art. 4: each comes to the other's aid in war"),
    ("uk-egypt-1936/art7", {"date": "1948-05-20", "attacker": "ISR", "victim": "EGY", "place": CAIRO},
     "applies", {"GBR"}, "Art. 7"),
    ("uk-transjordan-1946/art5", {"date": "1947-01-10", "attacker": "SYR", "victim": "JOR", "place": AMMAN},
     "applies", {"GBR"}, "Art. 5"),
    ("uk-jordan-1948/art3", {"date": "1956-10-01", "attacker": "ISR", "victim": "JOR", "place": AMMAN},
     "applies", {"GBR"}, "war-aid article"),
    ("france-gabon-1960/art1", {"date": "1964-02-18", "attacker": "COG", "victim": "GAB", "place": LIBREVILLE},
     "applies", {"FRA"}, "Art. 1, aid and assistance"),
    ("france-madagascar-1960/art1",
     {"date": "1965-01-01", "attacker": "SUN", "victim": "MDG", "place": ANTANANARIVO},
     "applies", {"FRA"}, "France exercised the common defence"),
    ("egypt-syria-1955/art2", {"date": "1956-10-30", "attacker": "ISR", "victim": "EGY", "place": CAIRO},
     "applies", {"SYR"}, "Art. 2"),
    ("egypt-saudi-1955/art2", {"date": "1956-11-01", "attacker": "GBR", "victim": "EGY", "place": CAIRO},
     "applies", {"SAU"}, "defence article"),
    ("egypt-jordan-1967/art1", {"date": "1967-06-05", "attacker": "ISR", "victim": "JOR", "place": AMMAN},
     "applies", {"EGY", "IRQ"}, "Art. 1; Iraq a party from 4 June"),
    ("us-iran-1959/art1", {"date": "1970-01-01", "attacker": "SUN", "victim": "IRN", "place": TEHRAN},
     "applies", {"USA"}, "Art. I, one-way"),
    ("us-turkey-1959/art1", {"date": "2020-01-01", "attacker": "SYR", "victim": "TUR", "place": ANKARA},
     "applies", {"USA"}, "Art. I, one-way"),
    ("panama-canal-1977/art4", {"date": "1989-12-01", "attacker": "CUB", "victim": "PAN", "place": BALBOA},
     "applies", {"USA"}, "Art. IV, the canal in Panama"),
    ("france-djibouti-1977/art1", {"date": "2008-06-10", "attacker": "ERI", "victim": "DJI", "place": DJIBOUTI},
     "applies", {"FRA"}, "Art. 1, aggression by a foreign army"),
    ("france-djibouti-2011/art4", {"date": "2020-01-01", "attacker": "ERI", "victim": "DJI", "place": DJIBOUTI},
     "applies", {"FRA"}, "Art. 4 security clause"),
    ("france-comoros-1978/art1", {"date": "1990-01-01", "attacker": "MDG", "victim": "COM", "place": MORONI},
     "applies", {"FRA"}, "Art. 1, mutual aid against external aggression"),
    ("amu-1989/art14", {"date": "2000-01-01", "attacker": "ESP", "victim": "MAR", "place": RABAT},
     "applies", {"DZA", "TUN"}, "Art. 14"),
    ("uk-iraq-1955/art1", {"date": "1957-01-01", "attacker": "SYR", "victim": "IRQ", "place": BAGHDAD},
     "applies", {"GBR"}, "British support against aggression on Iraq"),
    ("egypt-sudan-1976/art1", {"date": "1980-01-01", "attacker": "LBY", "victim": "SDN", "place": KHARTOUM},
     "applies", {"EGY"}, "Art. 1"),
    ("morocco-libya-1984/art12", {"date": "1985-06-01", "attacker": "DZA", "victim": "MAR", "place": RABAT},
     "applies", {"LBY"}, "mutual-defence clause of the union"),
    ("senegambia-1981/clause2", {"date": "1985-01-01", "attacker": "GNB", "victim": "GMB", "place": BANJUL},
     "applies", {"SEN"}, "Clause 2, integrated forces defend both states"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


@pytest.mark.skipif("beneficiaries" not in inspect.getsource(findings),
                    reason="the one-way engine (guarantors, beneficiaries) lands with the treaties branch")
def test_one_way_pacts_bind_only_the_guarantor(kb):
    # US-Iran 1959 Art. I: the United States helps Iran; Iran owes nothing in return
    f = kb.assess({"date": "1970-01-01", "attacker": "SUN", "victim": "USA", "place": NEW_YORK}
                  ).finding("us-iran-1959/art1")
    assert f.status == "does_not_apply"
    f = kb.assess({"date": "1970-01-01", "attacker": "SUN", "victim": "IRN", "place": TEHRAN}
                  ).finding("us-iran-1959/art1")
    assert set(f.bound) == {"USA"}


def test_a_pact_is_silent_outside_its_life(kb):
    # the day Sudan's abrogation took effect, the Egypt-Sudan clause is no longer among the findings
    scen = {"attacker": "LBY", "victim": "SDN", "place": KHARTOUM}
    assert kb.assess({"date": "1989-06-09", **scen}).status("egypt-sudan-1976/art1") == "applies"
    assert kb.assess({"date": "1989-06-10", **scen}).status("egypt-sudan-1976/art1") is None


def test_panama_canal_treaty_is_limited_to_panama(kb):
    # Art. IV protects the canal: an attack on the United States itself is outside it
    f = kb.assess({"date": "1989-12-01", "attacker": "CUB", "victim": "USA", "place": NEW_YORK}
                  ).finding("panama-canal-1977/art4")
    assert f.status == "does_not_apply"
