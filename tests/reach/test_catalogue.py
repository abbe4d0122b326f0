"""The missile catalogue and launch sites: real facts, lookups, and each kind of broken file refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import casus
from casus.errors import UnknownMissileError
from casus.kb.loader import DATA_DIR, read_tree
from casus.kb.missiles import LaunchSite, Missile

REQUIRED = {
    "PRK": ["hwasong-5", "hwasong-6", "nodong", "musudan", "hwasong-12", "hwasong-14", "hwasong-15", "hwasong-17",
            "hwasong-18", "hwasong-19", "pukguksong-1", "pukguksong-3"],
    "CHN": ["df-21", "df-26", "df-31a", "df-41", "jl-2", "jl-3"],
    "RUS": ["iskander-m", "kalibr", "kh-101", "rs-24-yars", "rs-28-sarmat", "bulava"],
    "IRN": ["shahab-3", "emad", "sejjil", "khorramshahr"],
}


@pytest.fixture(scope="module")
def sections() -> dict[str, dict[str, object]]:
    problems: list[object] = []
    raw = read_tree([DATA_DIR], problems)   # type: ignore[arg-type]
    mine = [p for p in problems if "missiles" in str(p) or "launch_sites" in str(p)]
    assert not mine
    return {k: {i: loc.item for i, loc in raw.sections[k].items()} for k in ("missiles", "launch_sites")}


@pytest.fixture(scope="module")
def missiles(sections: dict[str, dict[str, object]]) -> dict[str, Missile]:
    return sections["missiles"]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def sites(sections: dict[str, dict[str, object]]) -> dict[str, LaunchSite]:
    return sections["launch_sites"]  # type: ignore[return-value]


def test_the_required_systems_are_there_with_their_owners(missiles: dict[str, Missile]) -> None:
    for owner, ids in REQUIRED.items():
        for i in ids:
            assert missiles[i].owner == owner, i


def test_every_range_is_a_low_and_a_high_estimate_each_with_a_source(missiles: dict[str, Missile]) -> None:
    for m in missiles.values():
        assert 0 < m.range.low.km <= m.range.high.km < 20_004, m.id
        assert m.range.low.source.title and (m.range.low.source.url or m.range.low.source.citation)
        assert m.range.high.source.title and (m.range.high.source.url or m.range.high.source.citation)
        assert m.first_flight_sources


def test_first_successful_flight_tests(missiles: dict[str, Missile]) -> None:
    # CSIS Missile Threat, "North Korea Announces New ICBM, Hwasong-15" (29 November 2017)
    assert missiles["hwasong-15"].first_flight == dt.date(2017, 11, 29)
    # KCNA: launched at 09:00 on 4 July 2017 Pyongyang time (3 July in Washington)
    assert missiles["hwasong-14"].first_flight == dt.date(2017, 7, 4)
    # CSIS, "North Korea Tests New IRBM": 14 May 2017
    assert missiles["hwasong-12"].first_flight == dt.date(2017, 5, 14)
    # Hwasong-17: the March 2022 launch was judged a Hwasong-15; 18 November 2022 (KCNA via TASS)
    assert missiles["hwasong-17"].first_flight == dt.date(2022, 11, 18)
    # Pravda.ru / Russian MoD: first Sarmat launch from Plesetsk on 20 April 2022
    assert missiles["rs-28-sarmat"].first_flight == dt.date(2022, 4, 20)


def test_tested_by_on_both_sides_of_the_first_test(missiles: dict[str, Missile]) -> None:
    h15 = missiles["hwasong-15"]
    assert h15.tested_by(dt.date(2017, 11, 28)) is False
    assert h15.tested_by(dt.date(2017, 11, 29)) is True
    h6 = missiles["hwasong-6"]          # June 1990, month only
    assert h6.tested_by(dt.date(1990, 5, 31)) is False
    assert h6.tested_by(dt.date(1990, 6, 15)) is None
    assert h6.tested_by(dt.date(1990, 7, 1)) is True
    df26 = missiles["df-26"]            # no public date: certainly flown by its commissioning, 26 April 2018
    assert df26.first_flight_precision == "by"
    assert df26.tested_by(dt.date(2014, 1, 1)) is None
    assert df26.tested_by(dt.date(2018, 4, 26)) is True


def test_estimates_are_kept_apart_not_averaged(missiles: dict[str, Missile]) -> None:
    h15 = missiles["hwasong-15"]
    assert (h15.range.low.km, h15.range.high.km) == (8500, 13000)
    assert h15.range.low.source.url != h15.range.high.source.url


def test_sohae_and_tongchang_ri_are_one_site(sites: dict[str, LaunchSite]) -> None:
    s = sites["sohae"]
    assert "Tongchang-ri" in s.aliases
    assert (s.lat, s.lon) == pytest.approx((39.660, 124.705), abs=0.01)
    for must in ("sohae", "sunan", "sinpo"):
        assert sites[must].state == "PRK"
    assert {s.state for s in sites.values()} >= {"PRK", "CHN", "RUS", "IRN"}


# ----------------------------------------------------------------------------- broken files, one kind each

STATES = """states:
  - code: PRK
    name: North Korea
    from: 1948-09-09
"""
SOURCE = "{title: Test source, url: 'https://example.org'}"


def _missile(**over: str) -> str:
    fields = {"id": "test-1", "name": "Test-1", "owner": "PRK", "class": "ICBM", "first_flight": "2017-11-29",
              "status": "operational", "low": "8500", "high": "13000"}
    fields.update(over)
    return f"""missiles:
  - id: {fields['id']}
    name: {fields['name']}
    owner: {fields['owner']}
    class: {fields['class']}
    first_flight: {fields['first_flight']}
    first_flight_sources: [{SOURCE}]
    status: {fields['status']}
    range:
      low: {{km: {fields['low']}, source: {SOURCE}}}
      high: {{km: {fields['high']}, source: {SOURCE}}}
    sources: [{SOURCE}]
"""


def _problems(tmp_path: Path, **files: str) -> list[str]:
    (tmp_path / "states.yaml").write_text(STATES, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return [str(p) for p in casus.problems(tmp_path)]


def test_a_valid_minimal_file_passes(tmp_path: Path) -> None:
    assert _problems(tmp_path, missiles=_missile()) == []


def test_unknown_owner(tmp_path: Path) -> None:
    found = _problems(tmp_path, missiles=_missile(owner="XKX"))
    assert any("missiles.yaml:" in p and "unknown owner state 'XKX'" in p for p in found)


def test_low_estimate_above_high(tmp_path: Path) -> None:
    found = _problems(tmp_path, missiles=_missile(low="13000", high="8500"))
    assert any("low estimate (13000.0 km) is above the high one" in p for p in found)


def test_unknown_class(tmp_path: Path) -> None:
    found = _problems(tmp_path, missiles=_missile(**{"class": "ABM"}))
    assert any("missiles.yaml:" in p and "class" in p for p in found)


def test_first_flight_before_the_owner_existed(tmp_path: Path) -> None:
    found = _problems(tmp_path, missiles=_missile(first_flight="1947-01-01"))
    assert any("outside the life of PRK" in p for p in found)


def test_site_in_unknown_state_and_name_clash(tmp_path: Path) -> None:
    sites = f"""launch_sites:
  - id: somewhere
    name: Somewhere
    aliases: [Test-1]
    state: XKX
    lat: 40.0
    lon: 125.0
    kind: missile-base
    sources: [{SOURCE}]
"""
    found = _problems(tmp_path, missiles=_missile(), launch_sites=sites)
    assert any("launch_sites.yaml:" in p and "unknown state 'XKX'" in p for p in found)
    assert any("'Test-1' is used by both missile test-1 and site somewhere" in p for p in found)


def test_site_out_of_range_coordinates(tmp_path: Path) -> None:
    sites = f"""launch_sites:
  - id: bad
    name: Bad
    state: PRK
    lat: 95.0
    lon: 125.0
    kind: missile-base
    sources: [{SOURCE}]
"""
    found = _problems(tmp_path, launch_sites=sites)
    assert any("launch_sites.yaml:" in p and "lat" in p for p in found)


# ----------------------------------------------------------------------------- lookups


def test_lookup_by_alias_and_suggestions(kb: casus.KnowledgeBase) -> None:
    from casus.reach import catalogue

    assert catalogue.missile(kb, "KN-22").id == "hwasong-15"
    assert catalogue.missile(kb, "Hwasong 15").id == "hwasong-15"
    assert catalogue.launch_site(kb, "Tongchang-ri").id == "sohae"
    with pytest.raises(UnknownMissileError) as e:
        catalogue.missile(kb, "Hwasnog-15")
    assert "Hwasong-15" in e.value.suggestions or "hwasong-15" in e.value.suggestions
    assert e.value.code == "unknown_missile"
