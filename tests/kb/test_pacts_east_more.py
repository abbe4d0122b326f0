"""ATOP defence pacts of the Soviet Union, Eastern Europe and Asia (compact form), second batch.

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .pactdates import check_assessment, day_before

D = dt.date.fromisoformat
COVERED_FROM = D("1945-01-01")


# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("ussr-czechoslovakia-1943", ("SUN", "CSK"), "1943-12-12", "1970-05-06",
     "in force on signature (Art. 6); ended when the 1970 treaty was signed (ATOP's date)"),
    ("ussr-poland-1945", ("SUN", "POL"), "1945-04-21", "1965-04-08",
     "in force on signature (Art. 8); ended when the 1965 treaty was signed (ATOP's date)"),
    ("poland-bulgaria-1948", ("POL", "BGR"), "1948-05-29", "1967-08-24",
     "effective from signature (Dz.U.); ended when the 1967 treaty entered into force (DV no. 79/1967)"),
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


PRAGUE = {"lat": 50.08, "lon": 14.44}
WARSAW = {"lat": 52.23, "lon": 21.01}
SOFIA = {"lat": 42.70, "lon": 23.32}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("ussr-czechoslovakia-1943/art3", {"date": "1955-01-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE},
     "applies", {"SUN"}, "Art. 3: Germany renewing its aggression"),
    ("ussr-poland-1945/art2", {"date": "1950-01-01", "attacker": "DEU", "victim": "POL", "place": WARSAW},
     "applies", {"SUN"}, "Art. 2: Germany resuming its aggression"),
    ("poland-bulgaria-1948/art2", {"date": "1960-01-01", "attacker": "DEU", "victim": "BGR", "place": SOFIA},
     "applies", {"POL"}, "Art. 2: aggression by Germany"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_1943_treaty_names_germany_and_leaves_other_attackers_to_judgement(kb):
    # Art. 3 speaks of Germany and states joined with it: another attacker is not plainly covered
    f = kb.assess({"date": "1955-01-01", "attacker": "HUN", "victim": "CSK", "place": PRAGUE}
                  ).finding("ussr-czechoslovakia-1943/art3")
    assert f.status == "ambiguous"
