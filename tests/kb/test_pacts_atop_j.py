"""ATOP defence pacts covered by helper atop-j: Albania-Bulgaria 1947 and Czechoslovakia-Yugoslavia 1946.

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its assistance clause. Where a date is an estimate the pact says
so and findings near that date carry a dating note. Dates and articles come from
the sources in src/casus/data/pacts/<id>.yaml.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, day_before

# (pact, two parties, entry into force, end, basis)
LIVES = [
    ("albania-bulgaria-1947", ("ALB", "BGR"), "1947-12-16", "1967-12-16",
     "dated from signature (ratification exchange not found) to ATOP's twenty-year end"),
    ("czechoslovakia-yugoslavia-1946", ("CSK", "YUG"), "1946-05-09", "1949-10-01",
     "in effect from signature (Art. VI, Sb. 168/1946); ended by the Czechoslovak denunciation of autumn 1949"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    assert set(pair) <= set(kb.members(pact, day_before(end))), basis
    assert not kb.in_force(pact, end), basis


TIRANA = {"lat": 41.33, "lon": 19.82}
BELGRADE = {"lat": 44.82, "lon": 20.46}
PRAGUE = {"lat": 50.08, "lon": 14.44}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("albania-bulgaria-1947/assistance",
     {"date": "1955-01-01", "attacker": "GRC", "victim": "ALB", "place": TIRANA},
     "applies", {"BGR"}, "assistance against an attack by Germany or any third state"),
    ("czechoslovakia-yugoslavia-1946/assistance",
     {"date": "1947-06-01", "attacker": "DEU", "victim": "YUG", "place": BELGRADE},
     "applies", {"CSK"}, "mutual defence should Germany renew its aggression"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_czechoslovak_yugoslav_treaty_leaves_attackers_other_than_germany_to_judgement(kb):
    f = kb.assess({"date": "1947-06-01", "attacker": "HUN", "victim": "CSK", "place": PRAGUE}
                  ).finding("czechoslovakia-yugoslavia-1946/assistance")
    assert f.status == "ambiguous"


# (clause, scenario near an estimated date)
ESTIMATED = [
    ("albania-bulgaria-1947/assistance", {"date": "1947-12-20", "attacker": "GRC", "victim": "ALB",
                                          "place": TIRANA}),
    ("albania-bulgaria-1947/assistance", {"date": "1967-12-10", "attacker": "GRC", "victim": "ALB",
                                          "place": TIRANA}),
    ("czechoslovakia-yugoslavia-1946/assistance", {"date": "1949-09-25", "attacker": "DEU", "victim": "YUG",
                                                   "place": BELGRADE}),
]


@pytest.mark.parametrize(("clause", "scenario"), ESTIMATED, ids=[f"{a[0]}@{a[1]['date']}" for a in ESTIMATED])
def test_findings_near_an_estimated_date_say_so(kb, clause, scenario):
    f = kb.assess(scenario).finding(clause)
    assert f.dating is not None and f.dating["text"], clause


def test_findings_far_from_estimates_carry_no_dating_note(kb):
    f = kb.assess({"date": "1947-06-01", "attacker": "DEU", "victim": "YUG", "place": BELGRADE}
                  ).finding("czechoslovakia-yugoslavia-1946/assistance")
    assert f.dating is None


ULAANBAATAR = {"lat": 47.92, "lon": 106.92}


def test_the_soviet_mongolian_treaty_passes_from_the_ussr_to_russia(kb):
    pact = "ussr-mongolia-1966"
    assert not kb.in_force(pact, "1966-01-14")
    assert {"SUN", "MNG"} <= set(kb.members(pact, "1966-01-15"))
    members_1992 = set(kb.members(pact, "1992-06-01"))
    assert {"RUS", "MNG"} <= members_1992 and "SUN" not in members_1992
    assert {"RUS", "MNG"} <= set(kb.members(pact, "1993-01-19"))
    assert not kb.in_force(pact, "1993-01-20")


@pytest.mark.parametrize(("date", "guarantor"), [("1975-01-01", "SUN"), ("1992-06-01", "RUS")])
def test_an_attack_on_mongolia_engages_the_soviet_union_then_russia(kb, date, guarantor):
    f = kb.assess({"date": date, "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR}
                  ).finding("ussr-mongolia-1966/assistance")
    assert f.status == "applies", f.status
    assert guarantor in set(f.bound)


@pytest.mark.parametrize("date", ["1966-01-20", "1993-01-10"])
def test_the_soviet_mongolian_estimates_are_said(kb, date):
    f = kb.assess({"date": date, "attacker": "CHN", "victim": "MNG", "place": ULAANBAATAR}
                  ).finding("ussr-mongolia-1966/assistance")
    assert f.dating is not None and f.dating["text"]
