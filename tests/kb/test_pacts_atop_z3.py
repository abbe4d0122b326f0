"""ATOP rows worked by atop-z3: Arab, Middle East and related pacts (round 6).

Each modelled pact is pinned on both sides of its dates and assessed once under
its clause; where a date is an estimate, the finding near it carries the dating
note. Rows still unresolved must keep saying what is missing.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, check_life

# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("dprk-cuba-1986", ("PRK", "CUB"), "1986-03-11", None,
     "dated from its conclusion (estimate); kept in force past the reported twenty-year term, as ATOP does"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    check_life(kb, pact, pair, start, end, basis)


HAVANA = {"lat": 23.13, "lon": -82.38}
PYONGYANG = {"lat": 39.03, "lon": 125.75}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("dprk-cuba-1986/assistance", {"date": "1990-01-01", "attacker": "USA", "victim": "CUB", "place": HAVANA},
     "applies", {"PRK"}, "all possible support and assistance against an attack"),
    ("dprk-cuba-1986/assistance", {"date": "1990-01-01", "attacker": "USA", "victim": "PRK", "place": PYONGYANG},
     "applies", {"CUB"}, "the obligation is mutual: Cuba assists North Korea"),
    ("dprk-cuba-1986/assistance", {"date": "1990-01-01", "attacker": "USA", "victim": "CUB", "place": HAVANA,
                                   "act": "threat"},
     "applies", {"PRK"}, "the reports name a threat as well as an attack"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[f"{a[0]}-{a[1]['victim']}-{a[1].get('act', 'armed_attack')}" for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_help_is_left_to_the_assisting_government(kb):
    f = kb.assess({"date": "1990-01-01", "attacker": "USA", "victim": "CUB", "place": HAVANA}
                  ).finding("dprk-cuba-1986/assistance")
    assert "all possible support" in f.political_step.lower()


def test_estimated_start_carries_the_dating_note(kb):
    scen = {"attacker": "USA", "victim": "CUB", "place": HAVANA}
    f = kb.assess({"date": "1986-04-01", **scen}).finding("dprk-cuba-1986/assistance")
    assert f.dating is not None and "in_force" in f.dating["estimated"]
    assert kb.assess({"date": "1996-01-01", **scen}).finding("dprk-cuba-1986/assistance").dating is None


def test_kept_in_force_after_the_twenty_year_term_and_says_so(kb):
    scen = {"attacker": "USA", "victim": "CUB", "place": HAVANA}
    assert kb.assess({"date": "2025-01-01", **scen}).status("dprk-cuba-1986/assistance") == "applies"
    term = [n for n in kb.treaty("dprk-cuba-1986").notes if "twenty-year term" in n.text]
    assert [str(n.start) for n in term] == ["2006-03-11"] and term[0].sources


def test_dprk_cuba_row_is_modelled(report):
    assert report[3975]["status"] != "unresolved"


@pytest.mark.parametrize(("atop_id", "said", "page"), [
    (3903, "4.1424", "pageIndex=565"),
    (3963, "pageIndex 578", "pageIndex=578"),
])
def test_round_six_says_where_gibler_prints_the_rest(report, atop_id, said, page):
    """The next Gibler page opens with the next entry: the text still missing is on the page already cited."""
    row = report[atop_id]
    assert said in row["found"], atop_id
    assert any(page in (s.get("via") or "") and s.get("checked") for s in row["sources"]), atop_id
    assert "past the part the search tool returns" in row["missing"], atop_id


def test_tripoli_row_records_the_reference_summary_and_the_later_end(report):
    row = report[3807]
    assert "freeze of political and diplomatic relations with Egypt" in row["found"]
    assert "June 1982" in row["missing"]
    assert any("encyclopedia.com" in (s.get("url") or "") for s in row["sources"])
