"""Reach questions against the real knowledge base and atlas: distances, reach facts, bad input."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest

import casus
from casus.errors import CoordinateError, DateError, InputError, UnknownMissileError, UnknownPlaceError
from casus.reach import geodesic

from .places import PLACES as TARGETS
from .places import PYONGYANG as _PYONGYANG

GEOD = pyproj.Geod(ellps="WGS84")

PYONGYANG = f"{_PYONGYANG[0]},{_PYONGYANG[1]}"
# Which of them each range reaches from Pyongyang (distances: 3,392 / 6,011 / 7,403 / 7,953 / 8,685 /
# 10,246 / 11,066 km, pinned in test_geodesic.py against pyproj).
REACHED = {
    4500: {"Andersen AFB"},
    10000: {"Andersen AFB", "Anchorage", "Honolulu", "Berlin", "London"},
    13000: set(TARGETS),
}


def _targets() -> tuple[str, ...]:
    return tuple(f"{lat},{lon}" for lat, lon in TARGETS.values())


@pytest.fixture(scope="module")
def answers(kb: casus.KnowledgeBase) -> dict[int, casus.reach.ReachResult]:  # type: ignore[name-defined]
    return {km: kb.reach(km=km, origin=PYONGYANG, on="2024-01-01", targets=_targets(), commitments=False)
            for km in REACHED}


@pytest.mark.parametrize("km", sorted(REACHED))
def test_which_places_each_range_reaches(answers: dict[int, object], km: int) -> None:
    res = answers[km]
    got = {name for name, row in zip(TARGETS, res.targets, strict=True) if row.within_high}  # type: ignore[attr-defined]
    assert got == REACHED[km]


def test_target_distances_are_pyproj_geodesics(answers: dict[int, object]) -> None:
    lat0, lon0 = (float(v) for v in PYONGYANG.split(","))
    for (name, (lat, lon)), row in zip(TARGETS.items(), answers[4500].targets, strict=True):  # type: ignore[attr-defined]
        expected = GEOD.inv(lon0, lat0, lon, lat)[2] / 1000
        assert row.distance_km == pytest.approx(expected, abs=0.051), name


def test_cities_by_name_and_the_washington_figure(kb: casus.KnowledgeBase) -> None:
    res = kb.reach(km=10000, origin="Pyongyang", on="2024-01-01", targets=("Berlin", "Washington", "Lisbon"),
                   commitments=False)
    berlin, washington, lisbon = res.targets
    assert (berlin.kind, berlin.state, berlin.within_high) == ("city", "DEU", True)
    assert 10_900 < washington.distance_km < 11_200 and not washington.within_high   # "about 11,000 km"
    assert 10_100 < lisbon.distance_km < 10_400 and not lisbon.within_high
    assert res.origin.kind == "city" and res.origin.state == "PRK"


def test_territory_distance_is_to_its_nearest_point(kb: casus.KnowledgeBase) -> None:
    res = kb.reach(km=4500, origin=PYONGYANG, on="2024-01-01", targets=("gum", "usa"), commitments=False)
    guam, usa = res.targets
    lat0, lon0 = (float(v) for v in PYONGYANG.split(","))
    # the nearest point reported is on the territory and at the reported distance
    for row in (guam, usa):
        d = GEOD.inv(lon0, lat0, row.nearest[1], row.nearest[0])[2] / 1000
        assert d == pytest.approx(row.distance_km, abs=0.06)
    # Guam's nearest coast is nearer than Andersen AFB at its north-east tip (3,392 km)
    assert 3_300 < guam.distance_km < 3_392 and guam.within_high
    # the United States' nearest land from Pyongyang is in the western Aleutians, not Alaska's mainland
    assert usa.nearest[1] > 170 and 3_500 < usa.distance_km < 4_200
    assert "gum" in {r.id for r in res.territories}


def test_all_cities_distances_agree_with_pyproj(kb: casus.KnowledgeBase) -> None:
    res = kb.reach(km=3000, origin="sohae", on="2024-01-01", min_population=0, commitments=False)
    site = kb.launch_sites["sohae"]
    lat = np.array([c.nearest[0] for c in res.cities])
    lon = np.array([c.nearest[1] for c in res.cities])
    ref = GEOD.inv(np.full(lat.size, site.lon), np.full(lat.size, site.lat), lon, lat)[2] / 1000
    np.testing.assert_allclose([c.distance_km for c in res.cities], ref, atol=0.051)
    assert res.counts["cities_within_high"] == len(res.cities) > 1000
    assert all(c.distance_km <= 3000 for c in res.cities)


def test_missile_answers_carry_estimates_sources_and_test_status(kb: casus.KnowledgeBase) -> None:
    res = kb.reach(missile="hwasong-15", origin="PRK", on="2017-11-29", targets=("Washington",), commitments=False)
    assert res.missile.tested is True
    assert (res.range.low_km, res.range.high_km) == (8500, 13000)
    assert res.range.low_source["url"] and res.range.high_source["url"]
    assert "public estimates" in res.disclaimer
    assert res.targets[0].within_high and not res.targets[0].within_low
    before = kb.reach(missile="hwasong-15", origin="PRK", on="2017-11-28", commitments=False)
    assert before.missile.tested is False
    assert any("had not been flight-tested" in n for n in before.notes)
    assert before.counts == res.counts      # answered all the same


def test_launch_from_a_state_is_measured_from_its_nearest_point(kb: casus.KnowledgeBase) -> None:
    from_state = kb.reach(km=4500, origin="PRK", on="2024-01-01", targets=("kor", "gum", "Tokyo"), commitments=False)
    from_site = kb.reach(km=4500, origin="sohae", on="2024-01-01", targets=("kor", "gum", "Tokyo"),
                         commitments=False)
    assert from_state.origin.kind == "state" and "prk" in from_state.origin.territories
    assert from_state.targets[0].distance_km == 0.0                      # North Korea borders South Korea
    for a, b in zip(from_state.targets, from_site.targets, strict=True):
        assert a.distance_km <= b.distance_km
    assert any("worst case" in n for n in from_state.notes)


def test_range_beyond_half_the_earth_reaches_everything(kb: casus.KnowledgeBase) -> None:
    res = kb.reach(km=25000, origin="sohae", on="2024-01-01", commitments=False)
    assert res.range.everything
    assert any("everything on Earth is within range" in n for n in res.notes)
    assert res.counts["territories_within_high"] == len(kb.atlas.territory_ids)


@pytest.mark.parametrize(("kwargs", "error", "text"), [
    ({"km": -1, "origin": "sohae"}, InputError, "negative"),
    ({"km": float("nan"), "origin": "sohae"}, InputError, "not a finite number"),
    ({"missile": "hwasnog-15", "origin": "sohae"}, UnknownMissileError, "did you mean"),
    ({"km": 1000, "origin": "sohea"}, UnknownMissileError, "Sohae"),
    ({"km": 1000, "origin": "91,10"}, CoordinateError, "out of range"),
    ({"km": 1000, "origin": "sohae", "on": "1930-01-01"}, DateError, "outside the covered range"),
    ({"km": 1000, "missile": "hwasong-15", "origin": "sohae"}, InputError, "not both"),
    ({"origin": "sohae"}, InputError, "a missile or a range"),
    ({"km": 1000, "origin": "sohae", "targets": ("Nowhereville",)}, UnknownPlaceError, "no city named"),
])
def test_bad_input_is_refused_by_type(kb: casus.KnowledgeBase, kwargs: dict[str, object], error: type,
                                      text: str) -> None:
    with pytest.raises(error, match=text):
        kb.reach(**kwargs)


def test_unknown_origin_suggests_sites(kb: casus.KnowledgeBase) -> None:
    with pytest.raises(UnknownMissileError) as e:
        kb.reach(km=1000, origin="Sohea")
    assert "Sohae" in e.value.suggestions or "sohae" in e.value.suggestions


def test_a_state_with_no_territory_that_day(kb: casus.KnowledgeBase) -> None:
    # East Germany (DDR) held the territory east-germany until German unification on 3 October 1990
    # (territories.yaml, control periods; Unification Treaty)
    res = kb.reach(km=1000, origin="DDR", on="1990-10-02", targets=("Warsaw",), commitments=False)
    assert "east-germany" in res.origin.territories and res.targets[0].within_high
    with pytest.raises(InputError, match="held no territory on 1990-10-03"):
        kb.reach(km=1000, origin="DDR", on="1990-10-03")


def test_answers_are_deterministic_json(kb: casus.KnowledgeBase) -> None:
    from casus.jsonio import dumps

    a = kb.reach(missile="hwasong-12", origin="sunan", on="2024-01-01", targets=("Andersen",) if False else (),
                 commitments=False)
    b = kb.reach(missile="hwasong-12", origin="sunan", on="2024-01-01", commitments=False)
    assert dumps(a) == dumps(b)
    body = a.to_dict()
    assert body["schema_version"] == "1.0" and "public estimates" in body["disclaimer"]
    assert body["missile"]["range"]["low"]["source"]["title"]
    assert any("GeoNames" in c for c in body["credits"])


def test_fast_and_exact_distances_agree_for_territories(kb: casus.KnowledgeBase) -> None:
    from casus.reach import nearest
    from casus.reach.world import world

    w = world(kb)
    pts = nearest.from_points(["a", "b"], [125.7625, -77.0369], [39.0392, 38.9072])
    exact = nearest.nearest(pts, w.pieces, exact=True).distance
    fast = nearest.nearest(pts, w.pieces, exact=False).distance
    np.testing.assert_allclose(fast, exact, rtol=2 * geodesic.LAMBERT_MAX_REL_ERROR, atol=1e-6)


def test_launch_from_a_territory(kb: casus.KnowledgeBase) -> None:
    # Big Diomede (Russia) and Little Diomede (Alaska) are about 3.8 km apart across the Bering Strait
    res = kb.reach(km=500, origin="alaska", on="2024-01-01", targets=("rus",), commitments=False)
    assert res.origin.kind == "territory" and res.origin.state == "USA"
    assert res.targets[0].distance_km < 10
