"""Each dated boundary of each clause, tested on both sides.

A table of scenarios whose answer changes on a known day (an accession, an end,
an amended article, a transfer of administration, a declaration), checked the day
before and the day of (or after) the change; then a mechanical check that every
phase boundary and every treaty's life in the data changes what the engine sees.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casus.law.kernel import phase_on

D = dt.date.fromisoformat
ALGIERS = {"lat": 36.75, "lon": 3.06}
# (clause, scenario without date, (day before, status), (day after, status), basis)
CASES = [
    ("nato/art5", {"attacker": "EGY", "place": ALGIERS},  # the victim is whoever holds Algiers that day
     ("1962-07-02", "applies"), ("1962-07-03", "does_not_apply"),
     "Algerian departments cease to count from independence, NAC statement of 16 January 1963"),
    ("nato/art5", {"attacker": "SUN", "victim": "TUR", "place": "Ankara"},
     ("1952-02-17", "does_not_apply"), ("1952-02-19", "applies"),
     "Turkey's accession and the amended Art. 6 naming its territory, 18 February 1952"),
    ("nato/art5", {"attacker": "SUN", "victim": "DEU", "place": "Bonn"},
     ("1955-05-05", "does_not_apply"), ("1955-05-07", "applies"), "FRG accession 6 May 1955"),
    ("nato/art5", {"attacker": "RUS", "victim": "SWE", "place": "Stockholm"},
     ("2024-03-06", "does_not_apply"), ("2024-03-08", "applies"), "Sweden's accession 7 March 2024"),
    ("nato/art5", {"attacker": "RUS", "victim": "LTU", "target": "cyber"},
     ("2014-09-04", "does_not_apply"), ("2014-09-05", "ambiguous"), "Wales Summit Declaration"),
    ("nato/art5", {"attacker": "RUS", "victim": "FRA", "target": "space"},
     ("2021-06-13", "does_not_apply"), ("2021-06-14", "ambiguous"), "Brussels Summit Communique"),
    ("us-japan-1960/art5", {"attacker": "CHN", "victim": "JPN", "place": "Naha"},
     ("1972-05-14", "does_not_apply"), ("1972-05-15", "applies"), "Okinawa reversion 15 May 1972"),
    ("us-roc-1954/art5", {"attacker": "CHN", "victim": "TWN", "place": "Taipei"},
     ("1979-12-31", "applies"), ("1980-01-01", None), "US termination effective 1 January 1980"),
    ("russia-dprk-2024/art4", {"attacker": "USA", "victim": "PRK", "place": "Pyongyang"},
     ("2024-12-03", None), ("2024-12-04", "applies"), "entry into force 4 December 2024"),
    ("teu/art42-7", {"attacker": "RUS", "victim": "FRA", "place": "Paris"},
     ("2009-11-30", None), ("2009-12-01", "applies"), "Lisbon Treaty in force 1 December 2009"),
    ("teu/art42-7", {"attacker": "RUS", "victim": "GBR", "place": "London"},
     ("2020-01-31", "applies"), ("2020-02-01", "does_not_apply"), "UK withdrawal from the EU"),
    ("weu-1954/art5", {"attacker": "SUN", "victim": "DEU", "place": "Bonn"},
     ("1955-05-05", None), ("1955-05-06", "applies"), "Paris Protocols in force 6 May 1955"),
    ("weu-1954/art5", {"attacker": "RUS", "victim": "DEU", "place": "Berlin"},
     ("2011-06-29", "applies"), ("2011-06-30", None), "WEU treaty terminated 30 June 2011"),
    ("sino-soviet-1950/art1", {"attacker": "JPN", "victim": "CHN", "place": "Beijing"},
     ("1980-04-10", "applies"), ("1980-04-11", None), "expiry 11 April 1980"),
    ("rio-1947/art3", {"attacker": "CHN", "victim": "MEX", "place": "Mexico City"},
     ("2004-09-05", "applies"), ("2004-09-07", "does_not_apply"), "Mexico's denunciation took effect"),
    ("warsaw-1955/art4", {"attacker": "USA", "victim": "POL", "place": "Warsaw"},
     ("1991-06-30", "applies"), ("1991-07-01", None), "dissolution 1 July 1991"),
    ("us-philippines-1951/art4",
     {"attacker": "CHN", "victim": "PHL", "place": {"lat": 9.74, "lon": 115.87}, "target": "vessel"},
     ("2019-02-28", "ambiguous"), ("2019-03-01", "applies"), "US statement of 1 March 2019"),
]


@pytest.mark.parametrize(("clause", "scenario", "before", "after", "basis"), CASES,
                         ids=[f"{c[0]}:{c[3][0]}" for c in CASES])
def test_both_sides_of_a_boundary(kb, clause, scenario, before, after, basis):
    for day, want in (before, after):
        got = kb.assess({"date": day, **scenario}).status(clause)
        assert got == want, f"{clause} on {day}: {got} (expected {want}; {basis})"


def test_anzus_us_new_zealand_suspension(kb):
    # The US suspended its ANZUS obligations to New Zealand in 1986; Australia's to both remain.
    for day, us_bound in (("1986-01-01", True), ("1990-06-01", False)):
        f = kb.assess({"date": day, "attacker": "SUN", "victim": "NZL", "place": "Wellington, NZ"}).finding(
            "anzus-1951/art4")
        assert f.status == "applies"
        assert ("USA" in f.bound) is us_bound and "AUS" in f.bound


def test_every_phase_boundary_changes_the_phase(kb):
    for treaty in kb.treaties.values():
        for clause in treaty.clauses:
            for i, ph in enumerate(clause.phases):
                before = phase_on(clause, ph.start - dt.timedelta(days=1))
                assert phase_on(clause, ph.start)[0] == i
                assert before is None or before[0] == i - 1
                if ph.end is not None:
                    after = phase_on(clause, ph.end)
                    assert after is None or after[0] == i + 1


def test_every_treaty_life_bounds_its_findings(kb):
    for treaty in kb.treaties.values():
        if treaty.in_force is None:  # only signed: never judged as in force
            assert not kb.in_force(treaty.id, dt.date.today())
            continue
        if treaty.in_force <= D("1945-01-01") or not treaty.clauses:
            continue
        first = treaty.clauses[0].phases[0].start
        member = treaty.parties[0].state
        scen = {"attacker": "nsa:x", "victim": member, "target": "cyber"}
        assert kb.assess({"date": (treaty.in_force - dt.timedelta(days=1)).isoformat(), **scen}
                         ).status(treaty.clauses[0].id) is None
        if treaty.ended is not None:
            last = (treaty.ended - dt.timedelta(days=1)).isoformat()
            if D(last) >= first:
                assert kb.assess({"date": last, **scen}).status(treaty.clauses[0].id) is not None
            assert kb.assess({"date": treaty.ended.isoformat(), **scen}).status(treaty.clauses[0].id) is None
