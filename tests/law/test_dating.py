"""Estimated dates are said, not hidden: a treaty whose entry into force could not be established is dated
from its signature, and every finding within a year of that date says the answer may differ on the real one."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import casus
from casus.kb.models import Treaty

DAMASCUS = {"lat": 33.51, "lon": 36.29}


@pytest.fixture(scope="module")
def kb() -> casus.Casus:
    return casus.open()


def _finding(kb, day: str):
    return kb.assess({"date": day, "attacker": "ISR", "victim": "SYR", "place": DAMASCUS}
                     ).finding("egypt-syria-1955/art2")


def test_a_finding_near_an_estimated_entry_into_force_says_so(kb):
    f = _finding(kb, "1955-12-01")
    assert f.status == "applies"
    assert f.dating == {"estimated": {"in_force": "1955-10-20"}, "text": kb.treaties["egypt-syria-1955"]
                        .dating_note.strip()}
    assert "entry into force (1955-10-20) is an estimate" in kb.assess(
        {"date": "1955-12-01", "attacker": "ISR", "victim": "SYR", "place": DAMASCUS}).headline()
    assert f.to_dict()["dating"]["estimated"] == {"in_force": "1955-10-20"}


def test_far_from_the_estimate_the_answer_stands_without_the_note(kb):
    f = _finding(kb, "1957-06-01")
    assert f.status == "applies"
    assert f.dating is None
    assert "dating" not in f.to_dict()


def test_a_treaty_with_recorded_dates_never_carries_the_note(kb):
    f = kb.assess({"date": "1949-09-01", "attacker": "SUN", "victim": "NOR", "place": {"lat": 59.91, "lon": 10.75}}
                  ).finding("nato/art5")
    assert f.dating is None


def test_the_coverage_report_counts_estimated_dates(kb):
    from casus.kb.atop import coverage, read_unresolved
    from casus.kb.loader import DATA_DIR
    report = coverage(kb, read_unresolved([DATA_DIR], []))
    row = next(r for r in report["rows"] if r["atop_id"] == 3300)
    assert row["estimated_dates"] == ["in_force"]
    assert report["counts"]["covered_estimated"] >= 1


def test_estimated_dates_need_a_reason():
    data = casus.open().treaties["egypt-syria-1955"].model_dump(by_alias=True)
    data["dating_note"] = None
    with pytest.raises(ValidationError, match="go together"):
        Treaty.model_validate(data)
    data["dating_note"] = "x"
    data["estimated_dates"] = ["ended"]
    data["ended"] = None
    with pytest.raises(ValidationError, match="no end"):
        Treaty.model_validate(data)


# The Arab League's suspensions of Egypt (1979-1989) and Syria (2011-2023) left both parties to the joint
# defence treaty in law; findings say their standing was doubtful while they were out of the League's Council.
CAIRO = {"lat": 30.04, "lon": 31.24}


@pytest.mark.parametrize(("victim", "place", "day", "doubtful"), [
    ("EGY", CAIRO, "1979-03-30", False),
    ("EGY", CAIRO, "1979-03-31", True),
    ("EGY", CAIRO, "1989-05-22", True),
    ("EGY", CAIRO, "1989-05-23", False),
    ("SYR", DAMASCUS, "2011-11-15", False),
    ("SYR", DAMASCUS, "2011-11-16", True),
    ("SYR", DAMASCUS, "2023-05-06", True),
    ("SYR", DAMASCUS, "2023-05-07", False),
])
def test_arab_league_suspensions_are_caveats_not_exits(kb, victim, place, day, doubtful):
    f = kb.assess({"date": day, "attacker": "ISR", "victim": victim, "place": place}
                  ).finding("arab-league-1950/art2")
    assert f.status == "applies"  # the legal status is unchanged
    assert bool([c for c in f.caveats if c["state"] == victim]) is doubtful
    if doubtful:
        assert any(n.startswith(f"The standing of {kb.states[victim].name} is doubtful")
                   for n in f.life_notes(lambda c: kb.states[c].name))
