"""ATOP rows worked by atop-s: east, central and southern African pacts of 1963-2006.

Each modelled pact is pinned on both sides of its dates and assessed once under
its clause; where a date is an estimate, the finding near it carries the dating
note. Rows still unresolved must say what is missing.
"""

from __future__ import annotations

import pytest

from casus.kb.atop import coverage

from .pactdates import check_assessment, check_dating, day_before

# (pact, parties, entry into force, end or None, basis)
LIVES = [
    ("sudan-uganda-1972", ("SDN", "UGA"), "1972-06-28", "1979-04-11",
     "dated from signature (estimate) to Idi Amin's fall (Gibler's end, estimate)"),
    ("niger-libya-1974", ("NER", "LBY"), "1974-03-09", "1981-01-13",
     "dated from signature during Gaddafi's visit (estimate) to Gibler's end (estimate)"),
    ("car-drc-1998", ("CAF", "COD"), "1998-05-11", None,
     "dated from signature (estimate); never terminated (Gibler)"),
    ("kenya-ethiopia-1963", ("KEN", "ETH"), "1963-12-12", None,
     "dated from 12 December 1963, the Ethiopian defence ministry's date (estimate); renewed, never ended"),
    ("luanda-1999", ("AGO", "COD", "NAM", "ZWE"), "1999-04-08", "2001-08-14",
     "the Luanda meeting in the week before 16 April 1999 (estimate) to the SADC Protocol's signature (estimate)"),
]


@pytest.mark.parametrize(("pact", "parties", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, parties, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(kb.members(pact, start)) == set(parties), basis
    if end is not None:
        assert set(kb.members(pact, day_before(end))) == set(parties), basis
        assert not kb.in_force(pact, end), basis
    else:
        assert set(kb.members(pact, "2026-01-01")) == set(parties), basis


KHARTOUM = {"lat": 15.50, "lon": 32.56}
NIAMEY = {"lat": 13.51, "lon": 2.11}
BANGUI = {"lat": 4.39, "lon": 18.56}
KINSHASA = {"lat": -4.32, "lon": 15.31}
LUANDA = {"lat": -8.84, "lon": 13.23}
NAIROBI = {"lat": -1.29, "lon": 36.82}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("sudan-uganda-1972/assistance", {"date": "1975-01-01", "attacker": "ETH", "victim": "SDN", "place": KHARTOUM},
     "applies", {"UGA"}, "military assistance against aggression by an external enemy"),
    ("niger-libya-1974/assistance", {"date": "1977-01-01", "attacker": "DZA", "victim": "NER", "place": NIAMEY},
     "applies", {"LBY"}, "each defends the other against direct or indirect aggression"),
    ("car-drc-1998/assistance", {"date": "2000-01-01", "attacker": "RWA", "victim": "COD", "place": KINSHASA},
     "applies", {"CAF"}, "mutual assistance, each choosing its help after consultation"),
    ("luanda-1999/assistance", {"date": "2000-01-01", "attacker": "ZAF", "victim": "AGO", "place": LUANDA},
     "applies", {"COD", "NAM", "ZWE"}, "mutual military assistance among the four states"),
    ("kenya-ethiopia-1963/assistance", {"date": "1967-01-01", "attacker": "SOM", "victim": "KEN", "place": NAIROBI},
     "applies", {"ETH"}, "each comes to the other's aid if attacked, Somalia in view"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    f = check_assessment(kb, clause, scenario, status, bound, basis)
    assert scenario["victim"] not in f.bound, clause


def test_sudan_uganda_covers_only_external_enemies(kb):
    f = kb.assess({"date": "1975-01-01", "attacker": "UGA", "victim": "SDN", "place": KHARTOUM}
                  ).finding("sudan-uganda-1972/assistance")
    assert f.status != "applies"


def test_car_drc_help_is_left_to_each_party(kb):
    f = kb.assess({"date": "2000-01-01", "attacker": "TCD", "victim": "CAF", "place": BANGUI}
                  ).finding("car-drc-1998/assistance")
    assert f.status == "applies" and "COD" in f.bound
    assert "consult" in f.political_step.lower()


@pytest.mark.parametrize(("clause", "scen", "near", "far", "which"), [
    ("sudan-uganda-1972/assistance", {"attacker": "ETH", "victim": "SDN", "place": KHARTOUM},
     "1972-08-01", "1975-06-01", "in_force"),
    ("sudan-uganda-1972/assistance", {"attacker": "ETH", "victim": "SDN", "place": KHARTOUM},
     "1979-03-01", "1975-06-01", "ended"),
    ("niger-libya-1974/assistance", {"attacker": "DZA", "victim": "NER", "place": NIAMEY},
     "1974-04-01", "1977-06-01", "in_force"),
    ("luanda-1999/assistance", {"attacker": "ZAF", "victim": "AGO", "place": LUANDA},
     "2001-08-01", None, "ended"),
    ("car-drc-1998/assistance", {"attacker": "RWA", "victim": "COD", "place": KINSHASA},
     "1998-06-01", "2005-01-01", "in_force"),
    ("kenya-ethiopia-1963/assistance", {"attacker": "SOM", "victim": "KEN", "place": NAIROBI},
     "1964-01-01", "1967-01-01", "in_force"),
])
def test_estimated_dates_carry_the_dating_note(kb, clause, scen, near, far, which):
    check_dating(kb, clause, scen, near, far, which)


def test_pacts_are_not_in_force_after_their_end(kb):
    assert kb.assess({"date": "1979-04-11", "attacker": "ETH", "victim": "SDN", "place": KHARTOUM}
                     ).status("sudan-uganda-1972/assistance") is None
    assert kb.assess({"date": "2001-08-14", "attacker": "ZAF", "victim": "AGO", "place": LUANDA}
                     ).status("luanda-1999/assistance") is None


MODELLED = {3485: "kenya-ethiopia-1963", 3700: "sudan-uganda-1972", 3725: "niger-libya-1974",
            4900: "car-drc-1998", 4920: "luanda-1999"}


@pytest.mark.parametrize("atop_id", sorted(MODELLED))
def test_modelled_rows_are_no_longer_unresolved(report, atop_id):
    assert report[atop_id]["status"] == "covered", report[atop_id]
    assert report[atop_id]["treaties"] == [MODELLED[atop_id]]


UNRESOLVED = [3887, 4985, 5055, 5090]


@pytest.mark.parametrize("atop_id", UNRESOLVED)
def test_unresolved_rows_say_what_is_missing(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row.get("missing"), atop_id


def test_kenya_ethiopia_starts_on_kenyan_independence_not_atop_date(kb):
    assert not kb.in_force("kenya-ethiopia-1963", "1963-11-22")
    row = {r["atop_id"]: r for r in coverage(kb.kb)["rows"]}[3485]
    assert "22 November 1963" in row["atop_note"]


def test_sadc_row_records_that_the_2001_protocol_has_no_defence_clause(report):
    assert "no defence obligation" in report[4985]["found"]


def test_great_lakes_row_records_the_pact_entry_into_force_and_first_ratifiers(report):
    row = report[5090]
    assert "21 June 2008" in row["found"] and "Angola, Sudan and Zambia" in row["missing"]
