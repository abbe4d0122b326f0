"""An attack is judged on the status quo before it: control at the start of its day, before the act assessed.

A control period that an armed attack brought about names the attacker (``by_force``). On that period's
first day, the attacker's own attack is judged on the control before it; ``where`` (and ``defends``, which
asks about an outside attacker) keep showing the control in force that day. Each case is tested on the
day before, the first day and the day after.
"""

from __future__ import annotations

import pytest

# case, attacker, victim, (lat, lon), first day, holder before (sovereign, administrator), administrator after
CASES = [
    ("Falklands 1982", "ARG", "GBR", (-51.69, -57.86), "1982-04-02", ("GBR", "GBR"), "ARG"),
    ("Goa 1961", "IND", "PRT", (15.49, 73.83), "1961-12-19", ("PRT", "PRT"), "IND"),
    ("Crimea 2014", "RUS", "UKR", (44.95, 34.10), "2014-03-18", ("UKR", "UKR"), "RUS"),
    ("Kuwait 1990", "IRQ", "KWT", (29.37, 47.98), "1990-08-02", ("KWT", "KWT"), "IRQ"),
    ("Kyrenia 1974", "TUR", "CYP", (35.33, 33.32), "1974-07-20", ("CYP", "CYP"), "TUR"),
    ("Famagusta 1974", "TUR", "CYP", (35.12, 33.94), "1974-08-16", ("CYP", "CYP"), "TUR"),
    # a gazetteer feature: the occupation period names no by_force, so its administrator is taken as the seizer
    ("Snake Island 2022", "RUS", "UKR", (45.255, 30.204), "2022-02-24", ("UKR", "UKR"), "RUS"),
]


def _day(iso: str, delta: int) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(iso) + dt.timedelta(days=delta)).isoformat()


def _attack(kb, attacker, victim, point, day, target="territory"):
    lat, lon = point
    return kb.assess({"date": day, "attacker": attacker, "victim": victim, "place": {"lat": lat, "lon": lon},
                      "target": target})


@pytest.mark.parametrize(("case", "attacker", "victim", "point", "first", "before", "after"), CASES,
                         ids=[c[0] for c in CASES])
def test_the_attackers_own_seizure_is_not_the_status_quo_on_its_first_day(kb, case, attacker, victim, point,
                                                                         first, before, after):
    a = _attack(kb, attacker, victim, point, first)
    used = a.control
    assert used is not None and used["rule"] == "status_quo_ante", case
    assert (used["sovereign"], used["administrator"]) == before
    assert used["seized_by"] == attacker and attacker in used["reason"]
    assert a.place_dict["administrator"] == before[1]
    # every finding says which control it used
    assert a.findings and all(f.control == used for f in a.findings)
    assert a.to_dict()["control"]["rule"] == "status_quo_ante"
    # where, on the same day, shows the control in force that day
    w = kb.where(*point, on=first)
    assert w.administrator == after


@pytest.mark.parametrize(("case", "attacker", "victim", "point", "first", "before", "after"), CASES,
                         ids=[c[0] for c in CASES])
def test_the_days_around_the_seizure_use_the_control_in_force(kb, case, attacker, victim, point, first, before,
                                                              after):
    eve = _attack(kb, attacker, victim, point, _day(first, -1))
    assert eve.control["rule"] == "in_force" and eve.control["administrator"] == before[1], case
    nxt = _attack(kb, attacker, victim, point, _day(first, 1), target="armed_forces")
    assert nxt.control["rule"] == "in_force" and nxt.control["administrator"] == after, case


def test_another_attacker_on_the_seizure_day_meets_the_new_control(kb):
    """Only the seizing attack is judged on the control before it: a third state attacking the Falklands on
    2 April 1982 finds them held by Argentina, and the finding says why."""
    a = _attack(kb, "nsa:test", "ARG", (-51.69, -57.86), "1982-04-02", target="armed_forces")
    assert a.control["rule"] == "in_force" and a.control["administrator"] == "ARG"
    assert "seized" in a.control["reason"]


def test_defends_on_the_seizure_day_shows_the_control_in_force(kb):
    d = kb.defends("Falkland Islands", on="1982-04-02")
    assert d.assessment.control["administrator"] == "ARG"
    assert d.assessment.control["rule"] == "in_force"


def test_a_territory_with_no_seizure_says_so(kb):
    a = _attack(kb, "PRK", "USA", (13.44, 144.79), "2017-11-02")
    assert a.control["rule"] == "in_force" and a.control["territory"] == "gum"
    assert a.control["administrator"] == "USA"
