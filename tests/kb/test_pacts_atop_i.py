"""ATOP rows worked by atop-i: post-Soviet bilateral treaties, the TEU crosswalk, and the African pacts.

Each modelled pact is pinned on both sides of its dates and assessed once under
its clause; where a date is an estimate, the finding near it carries the dating
note. Rows that could not be modelled stay in atop_unresolved.yaml with what is
missing, and the coverage report must say so.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_life

# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("russia-armenia-1997", ("RUS", "ARM"), "1997-08-29", None,
     "dated from signature (estimate); 25 years, extended automatically in 2022"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


YEREVAN = {"lat": 40.18, "lon": 44.51}
MOSCOW = {"lat": 55.75, "lon": 37.62}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("russia-armenia-1997/art3", {"date": "2021-11-16", "attacker": "AZE", "victim": "ARM", "place": YEREVAN},
     "applies", {"RUS"}, "Art. 3: aggression by any state against Armenia"),
    ("russia-armenia-1997/art3", {"date": "2010-01-01", "attacker": "GEO", "victim": "RUS", "place": MOSCOW},
     "applies", {"ARM"}, "Art. 3 is mutual: Armenia owes help to Russia"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}-{a[1]['victim']}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_russia_armenia_help_is_left_to_consultation(kb):
    # Art. 2: the parties consult on the kind and size of the help; the clause is not automatic
    f = kb.assess({"date": "2021-11-16", "attacker": "AZE", "victim": "ARM", "place": YEREVAN}
                  ).finding("russia-armenia-1997/art3")
    assert "consult" in f.political_step.lower()


def test_russia_armenia_entry_into_force_is_flagged_as_an_estimate(kb):
    near = kb.assess({"date": "1998-01-15", "attacker": "AZE", "victim": "ARM", "place": YEREVAN}
                     ).finding("russia-armenia-1997/art3")
    assert near.dating is not None and "in_force" in near.dating["estimated"]
    later = kb.assess({"date": "2021-11-16", "attacker": "AZE", "victim": "ARM", "place": YEREVAN}
                      ).finding("russia-armenia-1997/art3")
    assert later.dating is None


def test_teu_carries_atop_row_4175_and_binds_only_from_lisbon(kb, report):
    # ATOP 4175 is the Treaty on European Union; its defence clause, Art. 42(7), exists only from Lisbon
    row = report[4175]
    assert row["status"] == "covered" and "teu" in row["treaties"]
    scen = {"attacker": "RUS", "victim": "FIN", "place": {"lat": 60.17, "lon": 24.94}}
    assert kb.assess({"date": "2009-11-30", **scen}).status("teu/art42-7") is None
    assert kb.assess({"date": "2009-12-01", **scen}).status("teu/art42-7") == "applies"


def test_rows_not_modelled_say_what_is_missing(report):
    # every row left unresolved names the treaty and what is missing before it can be modelled
    unresolved = [row for row in report.values() if row["status"] == "unresolved"]
    assert unresolved
    for row in unresolved:
        assert row["missing"] and row["treaty"], row["atop_id"]
