"""Sea areas are water: a point on land is never in a maritime region; the water and territorial seas are.

Regions marked ``maritime: true`` in regions.yaml (the Mediterranean, the Black Sea, the North Atlantic area
north of the Tropic, the Pacific area, the IHO seas, the Arctic and Indian Oceans) have coarse outlines
that run a few kilometres inland so that coastal waters are inside. Before this rule, US forces on land in
Tunis "lay in the Mediterranean Sea" and NATO Art. 5 applied (issue 12). Each row says where the point is,
what the answer must be, and why.
"""

from __future__ import annotations

import pytest

MARITIME = ("mediterranean-sea", "black-sea", "south-china-sea", "east-china-sea", "sea-of-japan",
            "north-atlantic-north-of-tropic", "pacific-area", "arctic-ocean", "indian-ocean")

# place, lat, lon, why it is land (a point inside the 1:10m land polygon, a few km from the sea)
LAND = [
    ("Tunis", 36.80, 10.18, "Tunisian land; the Mediterranean outline runs inland along the Gulf of Tunis"),
    ("Tripoli", 32.88, 13.19, "Libyan land on the Mediterranean shore"),
    ("Benghazi", 32.08, 20.10, "Libyan land on the Gulf of Sidra"),
    ("Alexandria", 31.20, 29.92, "Egyptian land; the outline follows the Nile delta's shore inland"),
    ("Damietta", 31.41, 31.81, "Egyptian land in the Nile delta"),
    ("Algiers", 36.72, 3.09, "Algerian land (independent from 1962-07-03)"),
    ("Oran", 35.70, -0.63, "Algerian land"),
    ("Mers el-Kebir", 35.728, -0.705, "the French naval base on Algerian land, held by France to 1968"),
    ("Menzel Bourguiba", 37.15, 9.79, "Tunisian land on Lake Bizerte"),
    ("Sfax", 34.74, 10.76, "Tunisian land on the Gulf of Gabes"),
    ("Beirut", 33.89, 35.50, "Lebanese land"),
    ("Haifa", 32.79, 35.02, "Israeli land on Mount Carmel"),
    ("Tel Aviv", 32.08, 34.80, "Israeli land"),
    ("Latakia", 35.52, 35.79, "Syrian land"),
    ("Tartus", 34.89, 35.89, "Syrian land (the Russian naval facility)"),
    ("Gaza", 31.50, 34.47, "land of the Gaza Strip"),
    ("Rabat", 34.02, -6.84, "Moroccan land; the North Atlantic outline runs inland along the coast"),
    ("Casablanca", 33.59, -7.62, "Moroccan land"),
    ("Tangier", 35.77, -5.81, "Moroccan land on the Strait of Gibraltar"),
    ("Agadir", 30.42, -9.58, "Moroccan land, north of the Tropic"),
    ("Essaouira", 31.51, -9.76, "Moroccan land"),
    ("Lisbon", 38.72, -9.14, "Portuguese land (in Europe, not in the sea area)"),
    ("Huelva", 37.26, -6.95, "Spanish land on the Gulf of Cadiz"),
    ("Malaga", 36.72, -4.42, "Spanish land on the Alboran Sea"),
    ("Barcelona", 41.39, 2.17, "Spanish land"),
    ("Valencia", 39.47, -0.38, "Spanish land"),
    ("Porto", 41.15, -8.61, "Portuguese land"),
    ("Izmir", 38.42, 27.14, "Turkish land at the head of the Gulf of Izmir"),
    ("Antalya", 36.90, 30.70, "Turkish land on the Anatolian south coast"),
    ("Mersin", 36.80, 34.63, "Turkish land facing Cyprus"),
    ("Samsun", 41.29, 36.33, "Turkish land on the Black Sea"),
    ("Trabzon", 41.00, 39.72, "Turkish land on the Black Sea"),
    ("Kadikoy", 40.99, 29.07, "the Asian shore of Istanbul"),
    ("Anchorage", 61.22, -149.90, "Alaskan land on Cook Inlet"),
    ("Kodiak", 57.79, -152.41, "Kodiak Island, Alaska"),
    ("Juneau", 58.36, -134.55, "Alaskan land in the Mendenhall valley"),
    ("Nome", 64.54, -165.40, "Alaskan land on Norton Sound"),
    ("Tokyo", 35.68, 139.69, "Japanese land on Tokyo Bay"),
    ("Niigata", 37.92, 139.04, "Japanese land on the Sea of Japan"),
    ("Nagasaki", 32.75, 129.87, "Japanese land"),
    ("Naha", 26.21, 127.68, "Okinawa Island"),
    ("Sapporo", 43.06, 141.35, "Hokkaido"),
]

# place, lat, lon, a maritime region the point must be in, why
SEA = [
    ("Gulf of Tunis", 37.00, 10.40, "mediterranean-sea", "Tunisian territorial sea, 12 km out"),
    ("off Tripoli", 33.00, 13.20, "mediterranean-sea", "Libyan territorial sea"),
    ("off Benghazi", 32.30, 19.80, "mediterranean-sea", "the Gulf of Sidra beyond 12 nm: high seas"),
    ("off Alexandria", 31.40, 29.80, "mediterranean-sea", "Egyptian territorial sea, near its outer limit"),
    ("off Algiers", 36.90, 3.10, "mediterranean-sea", "Algerian territorial sea"),
    ("off Oran", 35.85, -0.60, "mediterranean-sea", "Algerian territorial sea off Mers el-Kebir"),
    ("off Beirut", 33.95, 35.40, "mediterranean-sea", "Lebanese territorial sea"),
    ("off Haifa", 32.90, 34.90, "mediterranean-sea", "Israeli territorial sea"),
    ("off Latakia", 35.55, 35.60, "mediterranean-sea", "Syrian territorial sea"),
    ("Strait of Gibraltar", 35.95, -5.50, "mediterranean-sea", "east of the Trafalgar-Spartel line: the Mediterranean"),
    ("off Malaga", 36.60, -4.40, "mediterranean-sea", "Spanish territorial sea in the Alboran Sea"),
    ("off Barcelona", 41.30, 2.30, "mediterranean-sea", "Spanish territorial sea"),
    ("Gulf of Izmir", 38.62, 26.75, "mediterranean-sea", "Turkish territorial sea in the Aegean"),
    ("off Antalya", 36.80, 30.70, "mediterranean-sea", "Turkish territorial sea"),
    ("off Mersin", 36.70, 34.70, "mediterranean-sea", "Turkish territorial sea"),
    ("off Rabat", 34.10, -7.00, "north-atlantic-north-of-tropic", "Moroccan territorial sea in the Atlantic"),
    ("off Casablanca", 33.75, -7.90, "north-atlantic-north-of-tropic", "the Atlantic beyond 12 nm"),
    ("off Agadir", 30.40, -9.80, "north-atlantic-north-of-tropic", "Moroccan territorial sea north of 23.44 N"),
    ("off Lisbon", 38.60, -9.40, "north-atlantic-north-of-tropic", "Portuguese territorial sea"),
    ("off Porto", 41.15, -8.80, "north-atlantic-north-of-tropic", "Portuguese territorial sea"),
    ("off Samsun", 41.40, 36.40, "black-sea", "Turkish territorial sea in the Black Sea"),
    ("off Trabzon", 41.10, 39.70, "black-sea", "Turkish territorial sea"),
    ("off Sinop", 42.10, 35.20, "black-sea", "Turkish territorial sea"),
    ("off Kodiak", 57.60, -152.00, "pacific-area", "US territorial sea off Kodiak Island"),
    ("Gulf of Alaska", 58.50, -145.00, "pacific-area", "the Gulf of Alaska beyond 12 nm"),
    ("off Sitka", 57.00, -135.60, "pacific-area", "US territorial sea in the Gulf of Alaska"),
    ("Sagami Bay", 35.10, 139.40, "pacific-area", "Japanese territorial sea"),
    ("off Niigata", 38.10, 138.80, "sea-of-japan", "Japanese territorial sea in the Sea of Japan"),
    ("off Nagasaki", 32.70, 129.60, "pacific-area", "Japanese territorial sea (a marginal sea of the Pacific)"),
    ("off Naha", 26.20, 127.50, "east-china-sea", "Japanese territorial sea west of Okinawa"),
    ("Ishikari Bay", 43.30, 141.20, "pacific-area", "Japanese territorial sea off Hokkaido"),
    ("Tsugaru Strait", 41.50, 140.50, "pacific-area", "a strait: water between Honshu and Hokkaido"),
]


def test_the_maritime_regions_are_marked_in_the_data(kb):
    assert {r for r, reg in kb.regions.items() if reg.maritime} == set(MARITIME)
    # the treaty areas drawn round the lands they include are not water
    assert not kb.regions["rio-security-zone"].maritime
    assert not kb.regions["seato-treaty-area"].maritime
    assert not kb.regions["europe"].maritime


@pytest.mark.parametrize(("place", "lat", "lon", "why"), LAND, ids=[r[0] for r in LAND])
def test_a_point_on_land_is_in_no_maritime_region(kb, place, lat, lon, why):
    w = kb.where(lat, lon)
    assert w.setting == "land", f"{place}: {why}"
    assert not set(w.regions) & set(MARITIME), f"{place} is land ({why}) but lies in {w.regions}"


@pytest.mark.parametrize(("place", "lat", "lon", "sea", "why"), SEA, ids=[r[0] for r in SEA])
def test_a_point_on_the_water_is_in_its_sea(kb, place, lat, lon, sea, why):
    w = kb.where(lat, lon)
    assert w.setting in ("territorial_sea", "high_seas"), f"{place}: {why}"
    assert sea in w.regions, f"{place} ({why}) should lie in {sea}, got {w.regions}"
    assert sea in w.seas or kb.regions[sea].kind not in ("sea", "ocean")


def test_the_vectorised_lookup_gives_the_same_answer(atlas):
    import numpy as np

    lats = np.array([r[1] for r in LAND] + [r[1] for r in SEA])
    lons = np.array([r[2] for r in LAND] + [r[2] for r in SEA])
    hits = atlas.locate(lats, lons)
    cols = [atlas.region_ids.index(r) for r in MARITIME]
    assert not hits.regions[: len(LAND)][:, cols].any()
    for k, row in enumerate(SEA):
        assert hits.regions[len(LAND) + k, atlas.region_ids.index(row[3])], row[0]


def test_an_island_lies_in_its_sea_area_as_a_territory(atlas):
    """``territory_in`` reads the outline at the territory's label point: Bermuda and the Azores are islands in
    the North Atlantic area, Guam and Okinawa territories in the Pacific area; Morocco and Portugal are not
    islands of the North Atlantic, nor the United States a territory in the Pacific."""
    def inside(tid: str, rid: str) -> bool:
        return rid in atlas.territory_regions(tid)

    na, pac = "north-atlantic-north-of-tropic", "pacific-area"
    assert inside("bmu", na) and inside("azores", na) and inside("isl", na) and inside("grl", na)
    assert not inside("mar", na) and not inside("prt", na) and not inside("usa", na)
    assert inside("gum", pac) and inside("okinawa", pac) and inside("jpn", pac)
    assert not inside("usa", pac) and not inside("chn", pac)


# ----------------------------------------------------------------------- the clauses that name sea areas

NORTH_AFRICA_AND_LEVANT = [
    ("Tunis", 36.80, 10.18, "USA", "2011-06-01"),
    ("Tripoli", 32.88, 13.19, "USA", "2011-06-01"),
    ("Alexandria", 31.20, 29.92, "USA", "2011-06-01"),
    ("Beirut", 33.89, 35.50, "USA", "1983-10-23"),
    ("Mers el-Kebir", 35.728, -0.705, "FRA", "1963-06-01"),
    ("Rabat", 34.02, -6.84, "USA", "2011-06-01"),
    ("Casablanca", 33.59, -7.62, "USA", "2011-06-01"),
]


@pytest.mark.parametrize(("place", "lat", "lon", "victim", "day"), NORTH_AFRICA_AND_LEVANT,
                         ids=[r[0] for r in NORTH_AFRICA_AND_LEVANT])
def test_nato_art5_does_not_cover_forces_on_land_in_africa_or_the_levant(kb, place, lat, lon, victim, day):
    """Art. 6(2) covers forces in or over the Mediterranean Sea or the North Atlantic area: the water and the
    air above it, not the African or Asian shore (Algeria ceased to count on 1962-07-03)."""
    a = kb.assess({"date": day, "attacker": "nsa:test", "victim": victim, "place": {"lat": lat, "lon": lon},
                   "target": "armed_forces"})
    assert a.status("nato/art5") == "does_not_apply", place


NATO_SEAS = [r for r in SEA if r[3] in ("mediterranean-sea", "north-atlantic-north-of-tropic")][:8]


@pytest.mark.parametrize(("place", "lat", "lon", "sea", "why"), NATO_SEAS, ids=[r[0] for r in NATO_SEAS])
def test_nato_art5_covers_forces_on_the_water_off_those_shores(kb, place, lat, lon, sea, why):
    a = kb.assess({"date": "2011-06-01", "attacker": "nsa:test", "victim": "USA",
                   "place": {"lat": lat, "lon": lon}, "target": "vessel"})
    assert a.status("nato/art5") == "applies", place


def test_the_reproduction_of_issue_12(kb):
    """casus assess --by LBY --on-state USA --at 36.80,10.18 --target armed_forces --date 2011-06-01"""
    on_land = kb.assess({"date": "2011-06-01", "attacker": "LBY", "victim": "USA",
                         "place": {"lat": 36.80, "lon": 10.18}, "target": "armed_forces"})
    at_sea = kb.assess({"date": "2011-06-01", "attacker": "LBY", "victim": "USA",
                        "place": {"lat": 37.00, "lon": 10.40}, "target": "armed_forces"})
    assert on_land.status("nato/art5") == "does_not_apply"
    assert at_sea.status("nato/art5") == "applies"


def test_islands_in_the_north_atlantic_and_pacific_stay_covered(kb):
    """The islands under a party's jurisdiction in the North Atlantic area (Art. 6(1)) and the island
    territories in the Pacific (ANZUS Art. V) are land: ``territory_in`` keeps them covered."""
    bermuda = kb.assess({"date": "2011-06-01", "attacker": "nsa:test", "victim": "GBR",
                         "place": {"lat": 32.30, "lon": -64.78}, "target": "territory"})
    assert bermuda.status("nato/art5") == "applies"
    bermuda_forces = kb.assess({"date": "2011-06-01", "attacker": "nsa:test", "victim": "USA",
                                "place": {"lat": 32.30, "lon": -64.78}, "target": "armed_forces"})
    assert bermuda_forces.status("nato/art5") == "applies"
    guam = kb.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA",
                      "place": {"lat": 13.44, "lon": 144.79}, "target": "territory"})
    assert guam.status("anzus-1951/art4") == "applies"
    assert guam.status("us-philippines-1951/art4") == "applies"
    forces_in_japan = kb.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA",
                                 "place": {"lat": 35.28, "lon": 139.67}, "target": "armed_forces"})
    assert forces_in_japan.status("anzus-1951/art4") == "applies"
    # Puerto Rico is neither an island of the North Atlantic north of the Tropic nor in the Pacific
    pr = kb.assess({"date": "2017-11-02", "attacker": "nsa:test", "victim": "USA",
                    "place": {"lat": 18.40, "lon": -66.10}, "target": "territory"})
    assert pr.status("nato/art5") == "does_not_apply"
    assert pr.status("anzus-1951/art4") == "does_not_apply"
