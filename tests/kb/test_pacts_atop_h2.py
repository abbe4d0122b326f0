"""ATOP defence pacts added by the atop-h2 batch (compact form).

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why, and estimated dates carry a dating note.
"""

from __future__ import annotations

import pytest

from .pactdates import check_assessment, day_before

# (pact, the parties on entry into force, the parties the day before the end, entry into force, end or None,
# basis)
LIVES = [
    ("italy-malta-1980", ("ITA", "MLT"), ("ITA", "MLT"), "1981-05-08", None,
     "in force on the exchange of ratifications (8 May 1981); no end found, unlike ATOP's 1984"),
    ("ussr-gdr-1975", ("SUN", "DDR"), ("SUN", "DDR"), "1975-10-07", "1990-10-03",
     "dated from signature (estimated); lapsed when the GDR acceded to the Federal Republic"),
    ("ussr-czechoslovakia-1970", ("SUN", "CSK"), ("RUS", "CSK"), "1970-05-06", "1993-01-01",
     "dated from signature (estimated); Russia continues the USSR; ends with Czechoslovakia (estimated)"),
    ("ussr-romania-1970", ("SUN", "ROU"), ("SUN", "ROU"), "1970-07-07", "1991-04-05",
     "dated from signature (estimated); ends when the 1991 treaty was signed (ATOP's date, estimated)"),
]


@pytest.mark.parametrize(("pact", "first", "last", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, first, last, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(first) <= set(kb.members(pact, start)), basis
    if end is not None:
        assert set(last) <= set(kb.members(pact, day_before(end))), basis
        assert not kb.in_force(pact, end), basis
    else:
        assert set(last) <= set(kb.members(pact, "2026-01-01")), basis


VALLETTA = {"lat": 35.90, "lon": 14.51}
ROME = {"lat": 41.90, "lon": 12.50}
BERLIN = {"lat": 52.52, "lon": 13.40}
PRAGUE = {"lat": 50.08, "lon": 14.44}
MOSCOW = {"lat": 55.75, "lon": 37.62}
BUCHAREST = {"lat": 44.43, "lon": 26.10}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("italy-malta-1980/guarantee", {"date": "1985-01-01", "attacker": "LBY", "victim": "MLT", "place": VALLETTA},
     "applies", {"ITA"}, "Italy's declaration: measures, military assistance not excluded, at Malta's request"),
    ("ussr-gdr-1975/assistance", {"date": "1980-01-01", "attacker": "DEU", "victim": "DDR", "place": BERLIN},
     "applies", {"SUN"}, "military assistance against an armed attack on either party"),
    ("ussr-czechoslovakia-1970/assistance",
     {"date": "1980-01-01", "attacker": "CHN", "victim": "SUN", "place": MOSCOW},
     "applies", {"CSK"}, "mutual military assistance whatever state or group of states attacks"),
    ("ussr-romania-1970/assistance", {"date": "1980-01-01", "attacker": "CHN", "victim": "SUN", "place": MOSCOW},
     "applies", {"ROU"}, "mutual defence, not limited to Europe (a front to the West and the East)"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    check_assessment(kb, clause, scenario, status, bound, basis)


def test_the_italian_guarantee_binds_italy_only(kb):
    # Malta's neutrality declaration promises Italy no help: an attack on Italy binds nobody under it
    f = kb.assess({"date": "1985-01-01", "attacker": "LBY", "victim": "ITA", "place": ROME}
                  ).finding("italy-malta-1980/guarantee")
    assert f.status == "does_not_apply"
    assert not f.bound


def test_russia_is_bound_to_czechoslovakia_as_the_continuing_state_in_1992(kb):
    # the USSR's last day was 25 December 1991; Russia carries its side of the 1970 treaty until 1993
    assert set(kb.members("ussr-czechoslovakia-1970", "1991-12-25")) == {"SUN", "CSK"}
    assert set(kb.members("ussr-czechoslovakia-1970", "1992-06-01")) == {"RUS", "CSK"}
    f = kb.assess({"date": "1992-06-01", "attacker": "DEU", "victim": "CSK", "place": PRAGUE}
                  ).finding("ussr-czechoslovakia-1970/assistance")
    assert f.status == "applies"
    assert set(f.bound) == {"RUS"}


# (pact clause, a day near an estimated date, the estimated date it names, victim, place)
ESTIMATES = [
    ("ussr-gdr-1975/assistance", "1975-11-01", {"in_force": "1975-10-07"}, "DDR", BERLIN),
    ("ussr-czechoslovakia-1970/assistance", "1970-06-01", {"in_force": "1970-05-06"}, "CSK", PRAGUE),
    ("ussr-czechoslovakia-1970/assistance", "1992-06-01", {"ended": "1993-01-01"}, "CSK", PRAGUE),
    ("ussr-romania-1970/assistance", "1970-08-01", {"in_force": "1970-07-07"}, "ROU", BUCHAREST),
    ("ussr-romania-1970/assistance", "1991-03-01", {"ended": "1991-04-05"}, "ROU", BUCHAREST),
]


@pytest.mark.parametrize(("clause", "day", "named", "victim", "place"), ESTIMATES,
                         ids=[f"{e[0]}@{e[1]}" for e in ESTIMATES])
def test_estimated_dates_are_said_near_them(kb, clause, day, named, victim, place):
    f = kb.assess({"date": day, "attacker": "DEU", "victim": victim, "place": place}).finding(clause)
    assert f.dating is not None, clause
    for key, value in named.items():
        assert f.dating["estimated"].get(key) == value, f.dating
    assert f.dating["text"]


def test_no_dating_note_mid_term(kb):
    f = kb.assess({"date": "1980-01-01", "attacker": "DEU", "victim": "DDR", "place": BERLIN}
                  ).finding("ussr-gdr-1975/assistance")
    assert f.dating is None
