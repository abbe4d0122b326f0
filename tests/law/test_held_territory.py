"""Land a state holds without being its sovereign: a clause that names no area is ambiguous there.

Such a clause turns on an armed attack on a party; for territory, the party's territory. Whether Crimea (held
by Russia), Azad Kashmir (held by Pakistan) or the Paracels (held by China) is the holder's territory is
contested, so the clause's scope is doubtful there, while an attack on the holder's forces there is judged as
such. Clauses that say which land they cover judge it by their own words.
"""

from __future__ import annotations

import pytest

from casus.law import kernel
from casus.law.assess import assess, assess_many
from casus.law.attack import Attack

SEVASTOPOL = {"lat": 44.6, "lon": 33.53}
MUZAFFARABAD = {"lat": 34.37, "lon": 73.47}
LAHORE = {"lat": 31.55, "lon": 74.34}
MOSCOW = {"lat": 55.76, "lon": 37.62}
WOODY_ISLAND = {"lat": 16.834, "lon": 112.338}


def _findings(kb, **scenario):
    a = assess(kb, Attack.parse(scenario))
    return {f.clause: f for f in a.findings}


@pytest.mark.parametrize(("attacker", "place", "day", "clause", "status"), [
    # Crimea, held by Russia since 2014: the Russia-DPRK treaty (no area named) is ambiguous; Moscow is Russia's
    ("UKR", SEVASTOPOL, "2025-06-01", "russia-dprk-2024/art4", "ambiguous"),
    ("UKR", MOSCOW, "2025-06-01", "russia-dprk-2024/art4", "applies"),
    ("UKR", SEVASTOPOL, "2025-06-01", "russia-armenia-1997/art3", "ambiguous"),
    # before the seizure Crimea was Ukraine's, and Ukraine is party to none of these
    ("UKR", SEVASTOPOL, "2013-06-01", "russia-armenia-1997/art3", "does_not_apply"),
    # Azad Kashmir, held by Pakistan and claimed by India: the US-Pakistan agreement names no area
    ("IND", MUZAFFARABAD, "2025-10-01", "us-pakistan-1959/art1", "ambiguous"),
    ("IND", LAHORE, "2025-10-01", "us-pakistan-1959/art1", "applies"),
    # the Paracels, held by China, sovereignty undetermined here: the China-DPRK treaty names no area
    ("VNM", WOODY_ISLAND, "2020-01-01", "china-dprk-1961/art2", "ambiguous"),
])
def test_a_clause_that_names_no_area_is_ambiguous_on_held_land(kb, attacker, place, day, clause, status):
    f = _findings(kb, date=day, attacker=attacker, place=place)[clause]
    assert f.status == status, [r.detail for r in f.reasons]
    scope = next(r for r in f.reasons if r.condition == "scope")
    if status == "ambiguous":
        assert scope.holds is None and "without being its sovereign" in scope.detail
        assert "is contested" in scope.detail and "armed_forces" in scope.detail


def test_the_holders_forces_there_are_covered(kb):
    f = _findings(kb, date="2025-06-01", attacker="UKR", place=SEVASTOPOL, target="armed_forces",
                  victim="RUS")["russia-dprk-2024/art4"]
    assert f.status == "applies"


def test_clauses_that_name_their_land_are_unchanged(kb):
    """CSTO Art. 4 covers members' sovereign territory, with its own exception for Crimea; NATO Art. 5 does
    not reach northern Cyprus, held by Turkey, at all."""
    crimea = _findings(kb, date="2025-06-01", attacker="UKR", place=SEVASTOPOL)
    assert crimea["csto-1992/art4"].status == "ambiguous"
    assert "Kazakhstan" in next(r for r in crimea["csto-1992/art4"].reasons if r.condition == "scope").detail
    nicosia_north = _findings(kb, date="2020-01-01", attacker="CYP", place={"lat": 35.20, "lon": 33.36})
    assert nicosia_north["nato/art5"].status == "does_not_apply"


def test_both_kernel_paths_and_the_map_agree_on_held_land(kb, monkeypatch):
    attacks = [{"date": day, "attacker": "UKR" if p is SEVASTOPOL else "IND", "place": p}
               for p in (SEVASTOPOL, MUZAFFARABAD, LAHORE) for day in ("2016-05-01", "2025-06-01")]
    fast = [r.to_dict() for r in assess_many(kb, attacks)]
    monkeypatch.setattr(kernel, "VECTORISE", False)
    slow = [r.to_dict() for r in assess_many(kb, attacks)]
    assert fast == slow
    monkeypatch.setattr(kernel, "VECTORISE", True)

    import datetime as dt

    import numpy as np

    from casus.law.coverage import judge_points

    cov = judge_points(kb, np.array([SEVASTOPOL["lat"]]), np.array([SEVASTOPOL["lon"]]), dt.date(2025, 6, 1))
    status = dict(zip(cov.clauses, cov.status[0].tolist(), strict=True))
    assert status["russia-dprk-2024/art4"] == kernel.AMBIGUOUS
    assert status["russia-armenia-1997/art3"] == kernel.AMBIGUOUS
