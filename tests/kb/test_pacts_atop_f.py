"""ATOP defence pacts among the Soviet Union and its European allies, 1948-49 (compact form).

Each row pins a pact's dates on both sides (the day before entry into force and
the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Where a date is an estimate (an entry into
force dated from signature, an end taken from a successor's signature) the pact
says so and findings near that date carry a dating note. Dates and articles
come from the sources in src/casus/data/pacts/<id>.yaml.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, day_before

# (pact, two parties, entry into force, end, basis)
LIVES = [
    ("bulgaria-yugoslavia-1947", ("BGR", "YUG"), "1947-11-27", "1949-10-01",
     "dated from signature (estimate); broken by the Bulgarian note of 1 October 1949"),
    ("ussr-yugoslavia-1945", ("SUN", "YUG"), "1945-04-11", "1949-09-28",
     "dated from signature (estimate); ended by the Soviet denunciation of 28 September 1949"),
    ("bulgaria-romania-1948", ("BGR", "ROU"), "1948-01-16", "1971-03-31",
     "dated from signature (estimate); ended when the 1970 treaty entered into force (DV 41/1971)"),
    ("hungary-romania-1948", ("HUN", "ROU"), "1948-01-24", "1972-02-24",
     "dated from signature (estimate); ended when the 1972 treaty was signed (estimate)"),
    ("ussr-romania-1948", ("SUN", "ROU"), "1948-02-04", "1970-07-07",
     "in force on signature (Art. 6); ended when the 1970 treaty was signed (estimate)"),
    ("ussr-bulgaria-1948", ("SUN", "BGR"), "1948-03-18", "1967-05-12",
     "dated from signature (estimate); ended when the 1967 treaty was signed (estimate)"),
    ("czechoslovakia-bulgaria-1948", ("CSK", "BGR"), "1948-04-23", "1968-04-26",
     "in effect from signature (Art. VII, Sb. 178/1949); ended when the 1968 treaty was signed (estimate)"),
    ("poland-hungary-1948", ("POL", "HUN"), "1948-06-18", "1968-05-16",
     "dated from signature (estimate); ended when the 1968 treaty was signed (estimate)"),
    ("hungary-bulgaria-1948", ("HUN", "BGR"), "1948-07-16", "1969-07-10",
     "dated from signature (estimate); ended with the 1969 treaty (estimate)"),
    ("czechoslovakia-romania-1948", ("CSK", "ROU"), "1948-07-21", "1968-08-16",
     "dated from signature (estimate); ended when the 1968 treaty was signed (estimate)"),
    ("poland-romania-1949", ("POL", "ROU"), "1949-01-26", "1970-11-12",
     "dated from signature (estimate); ended when the 1970 treaty was signed (estimate)"),
    ("czechoslovakia-hungary-1949", ("CSK", "HUN"), "1949-04-16", "1968-06-14",
     "in effect from signature (Art. VII, Sb. 212/1949); ended when the 1968 treaty was signed (estimate)"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    assert set(pair) <= set(kb.members(pact, day_before(end))), basis
    assert not kb.in_force(pact, end), basis


SOFIA = {"lat": 42.70, "lon": 23.32}
BUCHAREST = {"lat": 44.43, "lon": 26.10}
BUDAPEST = {"lat": 47.50, "lon": 19.04}
BELGRADE = {"lat": 44.82, "lon": 20.46}
WARSAW = {"lat": 52.23, "lon": 21.01}
PRAGUE = {"lat": 50.08, "lon": 14.44}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("bulgaria-yugoslavia-1947/assistance", {"date": "1949-01-01", "attacker": "GRC", "victim": "BGR",
                                             "place": SOFIA},
     "applies", {"YUG"}, "joint defence against a third state"),
    ("ussr-yugoslavia-1945/art2", {"date": "1949-07-01", "attacker": "DEU", "victim": "YUG", "place": BELGRADE},
     "applies", {"SUN"}, "Art. 2: Germany resuming its aggression (the FRG exists from 23 May 1949)"),
    ("bulgaria-romania-1948/assistance", {"date": "1955-01-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA},
     "applies", {"ROU"}, "attack on either party by Germany or any other state"),
    ("hungary-romania-1948/art3", {"date": "1955-01-01", "attacker": "YUG", "victim": "ROU", "place": BUCHAREST},
     "applies", {"HUN"}, "Art. 3: attack by Germany or any other state"),
    ("ussr-romania-1948/art2", {"date": "1955-01-01", "attacker": "DEU", "victim": "ROU", "place": BUCHAREST},
     "applies", {"SUN"}, "Art. 2: armed conflict with Germany renewing its aggression"),
    ("ussr-bulgaria-1948/assistance", {"date": "1955-01-01", "attacker": "DEU", "victim": "BGR", "place": SOFIA},
     "applies", {"SUN"}, "hostilities with Germany"),
    ("czechoslovakia-bulgaria-1948/art3", {"date": "1955-01-01", "attacker": "DEU", "victim": "CSK",
                                                 "place": PRAGUE},
     "applies", {"BGR"}, "hostilities with Germany"),
    ("poland-hungary-1948/art2", {"date": "1955-01-01", "attacker": "DEU", "victim": "POL", "place": WARSAW},
     "applies", {"HUN"}, "Art. 2: Germany renewing its aggression"),
    ("hungary-bulgaria-1948/art3", {"date": "1955-01-01", "attacker": "DEU", "victim": "HUN", "place": BUDAPEST},
     "applies", {"BGR"}, "Art. 3: Germany renewing its aggression"),
    ("czechoslovakia-romania-1948/art3", {"date": "1955-01-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     "applies", {"ROU"}, "Art. III: Germany resuming its aggressive policy"),
    ("poland-romania-1949/assistance", {"date": "1955-01-01", "attacker": "DEU", "victim": "POL", "place": WARSAW},
     "applies", {"ROU"}, "mutual assistance against German aggression"),
    ("czechoslovakia-hungary-1949/assistance", {"date": "1955-01-01", "attacker": "DEU", "victim": "HUN",
                                                "place": BUDAPEST},
     "applies", {"CSK"}, "war with Germany"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


# Pacts limited to Germany and states joined with it: another attacker is left to judgement.
OTHER_ATTACKER = [
    ("ussr-yugoslavia-1945/art2", {"date": "1949-07-01", "attacker": "ALB", "victim": "YUG", "place": BELGRADE}),
    ("ussr-romania-1948/art2", {"date": "1955-01-01", "attacker": "YUG", "victim": "ROU", "place": BUCHAREST}),
    ("ussr-bulgaria-1948/assistance", {"date": "1955-01-01", "attacker": "TUR", "victim": "BGR", "place": SOFIA}),
    ("czechoslovakia-bulgaria-1948/art3", {"date": "1955-01-01", "attacker": "TUR", "victim": "BGR",
                                                 "place": SOFIA}),
    ("poland-hungary-1948/art2", {"date": "1955-01-01", "attacker": "AUT", "victim": "HUN", "place": BUDAPEST}),
    ("hungary-bulgaria-1948/art3", {"date": "1955-01-01", "attacker": "YUG", "victim": "BGR", "place": SOFIA}),
    ("czechoslovakia-romania-1948/art3", {"date": "1955-01-01", "attacker": "AUT", "victim": "CSK", "place": PRAGUE}),
    ("poland-romania-1949/assistance", {"date": "1955-01-01", "attacker": "YUG", "victim": "ROU",
                                        "place": BUCHAREST}),
    ("czechoslovakia-hungary-1949/assistance", {"date": "1955-01-01", "attacker": "AUT", "victim": "HUN",
                                                "place": BUDAPEST}),
]


@pytest.mark.parametrize(("clause", "scenario"), OTHER_ATTACKER, ids=[a[0] for a in OTHER_ATTACKER])
def test_an_attacker_other_than_germany_is_left_to_judgement(kb, clause, scenario):
    assert kb.assess(scenario).finding(clause).status == "ambiguous"


def test_the_romanian_treaties_with_bulgaria_and_hungary_are_not_limited_to_germany(kb):
    # both name an attack "by Germany or any other state"; the Czechoslovak one names Germany and its allies
    scenario = {"date": "1955-01-01", "attacker": "YUG", "victim": "ROU", "place": BUCHAREST}
    a = kb.assess(scenario)
    assert a.finding("bulgaria-romania-1948/assistance").status == "applies"
    assert a.finding("hungary-romania-1948/art3").status == "applies"
    assert a.finding("czechoslovakia-romania-1948/art3").status == "ambiguous"


# (clause, scenario near an estimated date)
ESTIMATED = [
    ("bulgaria-yugoslavia-1947/assistance", {"date": "1947-12-15", "attacker": "GRC", "victim": "YUG",
                                             "place": BELGRADE}),
    ("ussr-yugoslavia-1945/art2", {"date": "1945-06-01", "attacker": "HUN", "victim": "YUG", "place": BELGRADE}),
    ("hungary-romania-1948/art3", {"date": "1948-02-01", "attacker": "YUG", "victim": "HUN", "place": BUDAPEST}),
    ("bulgaria-romania-1948/assistance", {"date": "1948-02-01", "attacker": "TUR", "victim": "BGR",
                                          "place": SOFIA}),
    ("ussr-bulgaria-1948/assistance", {"date": "1967-05-11", "attacker": "DEU", "victim": "BGR", "place": SOFIA}),
    ("czechoslovakia-hungary-1949/assistance", {"date": "1968-06-13", "attacker": "DEU", "victim": "CSK",
                                                "place": PRAGUE}),
]


@pytest.mark.parametrize(("clause", "scenario"), ESTIMATED, ids=[a[0] for a in ESTIMATED])
def test_findings_near_an_estimated_date_say_so(kb, clause, scenario):
    f = kb.assess(scenario).finding(clause)
    assert f.dating is not None and f.dating["text"], clause


def test_findings_far_from_estimates_carry_no_dating_note(kb):
    f = kb.assess({"date": "1958-01-01", "attacker": "DEU", "victim": "HUN", "place": BUDAPEST}
                  ).finding("czechoslovakia-hungary-1949/assistance")
    assert f.dating is None


def test_the_soviet_yugoslav_treaty_binds_no_one_after_the_soviet_denunciation(kb):
    before = kb.assess({"date": "1949-09-27", "attacker": "DEU", "victim": "YUG", "place": BELGRADE})
    assert before.finding("ussr-yugoslavia-1945/art2").status == "applies"
    after = kb.assess({"date": "1949-09-28", "attacker": "DEU", "victim": "YUG", "place": BELGRADE})
    assert all(f.clause != "ussr-yugoslavia-1945/art2" for f in after.findings)
