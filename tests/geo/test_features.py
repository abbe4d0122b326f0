"""The gazetteer (features.yaml): loading, ``casus check``, the atlas, and ``where`` by coordinates and by name.

Engine behaviour is tested on a small knowledge base of its own (Japan and a few made-up features far out at
sea); the bundled gazetteer's facts (Itu Aba held by Taiwan, Thitu by the Philippines, ...) are tested on the
bundled data.
"""

from __future__ import annotations

import textwrap

import pytest

import casus

from .geo_fixtures import write_kb

FEATURES = """\
sources:
  - &t {title: test fixture, citation: a test fixture}
features:
  - id: far-rock
    name: Far Rock
    aliases: [Rocher Lointain]
    kind: rock
    at: {lat: 24.0, lon: 135.0}
    radius_km: 0.5
    control:
      - {to: 1970-01-01, sovereign: JPN, sources: [*t]}
      - {from: 1970-01-01, sovereign: null, administrator: CHN, status: disputed, by_force: CHN, sources: [*t]}
    claims:
      - {state: JPN, from: 1970-01-01, note: claims it back, sources: [*t]}
    sources: [*t]
  - id: far-reef
    name: Far Reef
    kind: low_tide_elevation
    kind_note: a made-up low-tide elevation
    built_up: {from: 2015-01-01, by: CHN, note: reclamation}
    at: {lat: 25.0, lon: 135.0}
    radius_km: 1.0
    control:
      - {sovereign: null, administrator: CHN, status: disputed, sources: [*t]}
    sources: [*t]
  - id: taken-islet
    name: Taken Islet
    kind: island
    at: {lat: 23.0, lon: 136.0}
    control:
      - {to: 2000-01-01, sovereign: JPN, sources: [*t]}
      - {from: 2000-01-01, sovereign: JPN, administrator: CHN, status: occupied, sources: [*t]}
    sources: [*t]
  - id: okinawa-islet
    name: Okinawa Islet
    within: okinawa
    kind: island
    at: {lat: 26.5, lon: 127.2}
    control:
      - {sovereign: JPN, sources: [*t]}
    sources: [*t]
"""


def _kb_dir(tmp_path, features: str = FEATURES):
    d = write_kb(tmp_path)
    (d / "features.yaml").write_text(textwrap.dedent(features), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return casus.open(_kb_dir(tmp_path_factory.mktemp("features")))


def test_features_are_loaded_as_territories(small):
    assert set(small.features) == {"far-rock", "far-reef", "taken-islet", "okinawa-islet"}
    t = small.territories["okinawa-islet"]
    assert t.parent == "okinawa" and t.feature is small.features["okinawa-islet"]
    assert small.territories["far-rock"].parent is None
    assert small.territories["jpn"].feature is None


def test_a_rock_has_a_territorial_sea_and_its_own_holder(small):
    on = small.where(24.0, 135.0, on="2000-01-01")
    assert on.territory == "far-rock" and on.setting == "land"
    assert (on.sovereign, on.administrator, on.status) == (None, "CHN", "disputed")
    assert on.feature["kind"] == "rock" and on.feature["territorial_sea"] is True
    near = small.where(24.1, 135.0, on="2000-01-01")          # about 11 km north
    assert near.setting == "territorial_sea" and near.territory == "far-rock"
    assert small.where(24.3, 135.0, on="2000-01-01").setting == "high_seas"   # about 33 km
    assert small.where(24.0, 135.0, on="1969-12-31").sovereign == "JPN"


def test_a_low_tide_elevation_has_no_territorial_sea_of_its_own(small):
    on = small.where(25.0, 135.0, on="2020-01-01")
    assert on.territory == "far-reef" and on.setting == "land"
    assert on.feature["territorial_sea"] is False and on.feature["built_up"]["by"] == "CHN"
    assert any("low-tide elevation" in n and "no territorial sea" in n for n in on.notes)
    beside = small.where(25.02, 135.0, on="2020-01-01")      # 2.2 km from the centre, 1.2 km off the reef
    assert beside.setting == "high_seas" and beside.territory is None


def test_a_feature_overrides_the_control_of_the_territory_it_lies_in(small):
    w = small.where(26.5, 127.2, on="1965-01-01")
    assert w.territory == "okinawa-islet"
    assert w.parts == ("okinawa-islet", "okinawa", "jpn")
    # its own period (JPN) wins over Okinawa's US administration until 1972
    assert (w.sovereign, w.administrator) == ("JPN", "JPN")
    assert small.where(26.33, 127.8, on="1965-01-01").administrator == "USA"


def test_features_are_found_by_name_and_alias(small):
    assert small.place("Far Rock", on="2000-01-01").territory == "far-rock"
    assert small.place("Rocher Lointain", on="2000-01-01").territory == "far-rock"


def test_status_quo_ante_applies_to_a_feature_seized_by_force(small):
    first = small.assess({"date": "1970-01-01", "attacker": "CHN", "victim": "JPN",
                          "place": {"lat": 24.0, "lon": 135.0}, "target": "territory"})
    assert first.control["rule"] == "status_quo_ante" and first.control["sovereign"] == "JPN"
    assert small.where(24.0, 135.0, on="1970-01-01").administrator == "CHN"


def test_an_occupation_counts_as_taken_by_force_without_by_force(small):
    """A period with status occupied defaults to having been seized by its administrator."""
    first = small.assess({"date": "2000-01-01", "attacker": "CHN", "victim": "JPN",
                          "place": {"lat": 23.0, "lon": 136.0}, "target": "territory"})
    assert first.control["rule"] == "status_quo_ante" and first.control["administrator"] == "JPN"
    later = small.assess({"date": "2000-01-02", "attacker": "CHN", "victim": "JPN",
                          "place": {"lat": 23.0, "lon": 136.0}, "target": "territory"})
    assert later.control["rule"] == "in_force" and later.control["administrator"] == "CHN"


# --------------------------------------------------------------------------- casus check

ENTRY = """\
sources:
  - &t {{title: test fixture, citation: a test fixture}}
features:
  - id: {id}
    name: Bad
    kind: {kind}
    within: {within}
    at: {{lat: {lat}, lon: 135.0}}
    control:
      - {{sovereign: {holder}, sources: [*t]}}
    claims:
      - {{state: {claimant}, note: a claim, sources: [*t]}}
    sources: [*t]
"""
GOOD = {"id": "bad-feature", "kind": "rock", "within": "jpn", "lat": 24.0, "holder": "JPN", "claimant": "CHN"}

CHECKS = {
    "id used by a territory": ({"id": "okinawa"}, "id already used by a territory"),
    "unknown within": ({"within": "nowhere"}, "'within' names unknown territory 'nowhere'"),
    "unknown kind": ({"kind": "sandbank"}, "kind"),
    "latitude out of range": ({"lat": 95.0}, "at.lat"),
    "unknown holder": ({"holder": "XXX"}, "sovereign 'XXX' is not in states.yaml"),
    "unknown claimant": ({"claimant": "XXX"}, "claimant 'XXX' is not in states.yaml"),
}


def test_a_good_entry_passes(tmp_path):
    assert casus.problems(_kb_dir(tmp_path, ENTRY.format(**GOOD))) == []


@pytest.mark.parametrize(("change", "expected"), CHECKS.values(), ids=list(CHECKS))
def test_check_names_file_and_line(tmp_path, change, expected):
    found = casus.problems(_kb_dir(tmp_path, ENTRY.format(**{**GOOD, **change})))
    assert found, change
    assert any(expected in p.message and p.file.endswith("features.yaml") and p.line for p in found), \
        [str(p) for p in found]


def test_control_without_sources_is_refused(tmp_path):
    text = ENTRY.format(**GOOD).replace("{sovereign: JPN, sources: [*t]}", "{sovereign: JPN}")
    found = casus.problems(_kb_dir(tmp_path, text))
    assert any("sources" in p.message for p in found)


# --------------------------------------------------------------------------- the bundled gazetteer

HELD = [  # feature, administrator on 2020-01-01 (a feature's control overrides the Spratly blob's)
    ("itu-aba", "TWN"),
    ("thitu-island", "PHL"),
    ("swallow-reef", "MYS"),
    ("fiery-cross-reef", "CHN"),
]


@pytest.mark.parametrize(("fid", "holder"), HELD, ids=[h[0] for h in HELD])
def test_spratly_features_resolve_to_their_holder(kb, fid, holder):
    f = kb.features[fid]
    w = kb.where(f.at.lat, f.at.lon, on="2020-01-01")
    assert w.territory == fid and w.administrator == holder
    assert w.feature["kind"] == f.kind
    assert kb.place(f.name, on="2020-01-01").territory == fid
