"""ATOP rows worked by atop-m: British, Arab and other bilateral pacts of 1953-1991.

Each modelled pact is pinned on both sides of its dates and assessed once under
its clause; where a date is an estimate, the finding near it carries the dating
note. Rows recorded as deliberately different must say why, with sources.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_different, check_life

# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("uk-libya-1953", ("GBR", "LBY"), "1953-07-29", "1970-03-02",
     "dated from signature (estimate); ended when Libya's declaration was reported to Parliament (estimate)"),
    ("uk-nigeria-1960", ("GBR", "NGA"), "1960-11-19", "1962-01-22",
     "dated from the reported signature (estimate); abrogated by the joint statement of 22 January 1962"),
    ("jeddah-pact-1956", ("EGY", "YEM"), "1956-04-21", "1962-11-06",
     "dated from the Jeddah meeting (estimate); ended with the Saudi-Egyptian rupture (estimate)"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


TRIPOLI = {"lat": 32.89, "lon": 13.19}
LAGOS = {"lat": 6.45, "lon": 3.40}
SANAA = {"lat": 15.37, "lon": 44.19}
LONDON = {"lat": 51.51, "lon": -0.13}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("uk-libya-1953/assistance", {"date": "1960-01-01", "attacker": "EGY", "victim": "LBY", "place": TRIPOLI},
     "applies", {"GBR"}, "mutual assistance if either party is drawn into war"),
    ("uk-libya-1953/assistance", {"date": "1960-01-01", "attacker": "SUN", "victim": "GBR", "place": LONDON},
     "applies", {"LBY"}, "the obligation is mutual: Libya aids Britain"),
    ("uk-nigeria-1960/assistance", {"date": "1961-06-01", "attacker": "BEN", "victim": "NGA", "place": LAGOS},
     "applies", {"GBR"}, "assistance as necessary for mutual defence, settled by consultation"),
    ("jeddah-pact-1956/art2", {"date": "1958-01-01", "attacker": "GBR", "victim": "YEM", "place": SANAA},
     "applies", {"EGY", "SAU"}, "Art. 2: the three repel aggression against any of them"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}-{a[1]['victim']}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


@pytest.mark.parametrize(("clause", "near", "far", "which"), [
    ("uk-libya-1953/assistance", "1953-09-01", "1960-01-01", "in_force"),
    ("uk-libya-1953/assistance", "1970-02-20", "1960-01-01", "ended"),
    ("jeddah-pact-1956/art2", "1956-05-01", "1959-01-01", "in_force"),
])
def test_estimated_dates_carry_the_dating_note(kb, clause, near, far, which):
    scen = ({"attacker": "GBR", "victim": "YEM", "place": SANAA} if clause.startswith("jeddah")
            else {"attacker": "EGY", "victim": "LBY", "place": TRIPOLI})
    f = kb.assess({"date": near, **scen}).finding(clause)
    assert f.dating is not None and which in f.dating["estimated"]
    assert kb.assess({"date": far, **scen}).finding(clause).dating is None


def test_libya_treaty_is_not_in_force_after_the_revolutionary_government_ended_it(kb):
    assert kb.assess({"date": "1970-03-03", "attacker": "EGY", "victim": "LBY", "place": TRIPOLI}
                     ).status("uk-libya-1953/assistance") is None


def test_nigeria_help_is_settled_by_consultation(kb):
    f = kb.assess({"date": "1961-06-01", "attacker": "BEN", "victim": "NGA", "place": LAGOS}
                  ).finding("uk-nigeria-1960/assistance")
    assert "consult" in f.political_step.lower()
    near = kb.assess({"date": "1960-12-01", "attacker": "BEN", "victim": "NGA", "place": LAGOS}
                     ).finding("uk-nigeria-1960/assistance")
    assert near.dating is not None and "in_force" in near.dating["estimated"]
    after = kb.assess({"date": "1962-02-01", "attacker": "BEN", "victim": "NGA", "place": LAGOS})
    assert after.status("uk-nigeria-1960/assistance") is None


def test_jeddah_pact_binds_all_three_states(kb):
    assert set(kb.members("jeddah-pact-1956", "1960-01-01")) == {"EGY", "SAU", "YEM"}
    f = kb.assess({"date": "1962-11-06", "attacker": "GBR", "victim": "YEM", "place": SANAA})
    assert f.status("jeddah-pact-1956/art2") is None


DIFFERENT = [3290, 3525, 4020]


@pytest.mark.parametrize("atop_id", DIFFERENT)
def test_rows_recorded_as_different_say_why(report, atop_id):
    check_different(report, atop_id)
