"""ATOP defence pacts added by the atop-h2 batch (compact form).

Each row pins a pact's legal dates on both sides (the day before entry into force
and the day of it; the day before the end and the day of it), then one attack
assessed under its defence article. Dates and articles come from the sources in
src/casus/data/pacts/<id>.yaml; where casus departs from ATOP's coding the pact's
``atop_note`` says why, and estimated dates carry a dating note.
"""

from __future__ import annotations

import datetime as dt

import pytest

import casus

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def kb() -> casus.Casus:
    return casus.open()


def day_before(day: str) -> str:
    return (D(day) - dt.timedelta(days=1)).isoformat()


# (pact, two parties, entry into force, end or None, basis)
LIVES = [
    ("italy-malta-1980", ("ITA", "MLT"), "1981-05-08", None,
     "in force on the exchange of ratifications (8 May 1981); no end found, unlike ATOP's 1984"),
]


@pytest.mark.parametrize(("pact", "pair", "start", "end", "basis"), LIVES, ids=[x[0] for x in LIVES])
def test_parties_bound_from_entry_into_force_to_the_end(kb, pact, pair, start, end, basis):
    assert not kb.in_force(pact, day_before(start)), basis
    assert set(pair) <= set(kb.members(pact, start)), basis
    if end is not None:
        assert set(pair) <= set(kb.members(pact, day_before(end))), basis
        assert not kb.in_force(pact, end), basis
    else:
        assert set(pair) <= set(kb.members(pact, "2026-01-01")), basis


VALLETTA = {"lat": 35.90, "lon": 14.51}
ROME = {"lat": 41.90, "lon": 12.50}

# (clause, scenario, status, states that must be bound, basis)
ASSESSMENTS = [
    ("italy-malta-1980/guarantee", {"date": "1985-01-01", "attacker": "LBY", "victim": "MLT", "place": VALLETTA},
     "applies", {"ITA"}, "Italy's declaration: measures, military assistance not excluded, at Malta's request"),
]


@pytest.mark.parametrize(("clause", "scenario", "status", "bound", "basis"), ASSESSMENTS,
                         ids=[a[0] for a in ASSESSMENTS])
def test_one_assessment_per_pact(kb, clause, scenario, status, bound, basis):
    f = kb.assess(scenario).finding(clause)
    assert f.status == status, f"{clause}: {f.status} ({basis})"
    assert bound <= set(f.bound), f"{clause}: bound {f.bound} ({basis})"


def test_the_italian_guarantee_binds_italy_only(kb):
    # Malta's neutrality declaration promises Italy no help: an attack on Italy binds nobody under it
    f = kb.assess({"date": "1985-01-01", "attacker": "LBY", "victim": "ITA", "place": ROME}
                  ).finding("italy-malta-1980/guarantee")
    assert f.status == "does_not_apply"
    assert not f.bound
