"""Facts about places: territory, sovereign, administrator and regions, each dated change tested on both sides.

Coordinates are GeoNames' (cities15000) unless noted; sources are those cited in territories.yaml.
"""

from __future__ import annotations

import pytest

# --------------------------------------------------------------------------- the places named in the brief

PLACES = [
    # name, lat, lon, territory, chain root, sovereign, administrator (on 2020-01-01)
    ("Honolulu", 21.30694, -157.85833, "hawaii", "usa", "USA", "USA"),
    ("Hagåtña, Guam", 13.47567, 144.74886, "gum", "gum", "USA", "USA"),
    ("San Juan, Puerto Rico", 18.46633, -66.10572, "pri", "pri", "USA", "USA"),
    ("Papeete", -17.5347, -149.56843, "pyf", "pyf", "FRA", "FRA"),
    ("Adamstown", -25.06597, -130.10147, "pcn", "pcn", "GBR", "GBR"),
    ("Ceuta", 35.88919, -5.32042, "ceuta", "esp", "ESP", "ESP"),
    ("Las Palmas", 28.10178, -15.41573, "canary-islands", "esp", "ESP", "ESP"),
    ("Ponta Delgada", 37.73952, -25.66874, "azores", "prt", "PRT", "PRT"),
    ("Longyearbyen", 78.22334, 15.64689, "svalbard", "nor", "NOR", "NOR"),
    ("Nuuk", 64.18347, -51.72157, "grl", "grl", "DNK", "DNK"),
    ("Naha", 26.213, 127.67851, "okinawa", "jpn", "JPN", "JPN"),
    # Uotsuri-jima, 25°44'N 123°28'E; Natural Earth draws it about 4 km north-east of that, the gazetteer
    # (features.yaml) gives it as a feature of its own
    ("Uotsuri-jima", 25.744, 123.474, "uotsuri-jima", "jpn", "JPN", "JPN"),
    ("Jeju City", 33.50972, 126.52194, "jeju", "kor", "KOR", "KOR"),
    ("Simferopol", 44.95719, 34.11079, "crimea", "ukr", "UKR", "RUS"),
]


@pytest.mark.parametrize(("name", "lat", "lon", "territory", "root", "sovereign", "administrator"), PLACES,
                         ids=[p[0] for p in PLACES])
def test_place_holder_2020(kb, name, lat, lon, territory, root, sovereign, administrator):
    w = kb.where(lat, lon, on="2020-01-01")
    assert w.territory == territory
    assert w.parts[0] == territory and w.parts[-1] == root == w.country
    assert (w.sovereign, w.administrator) == (sovereign, administrator)
    assert w.setting in ("land", "territorial_sea")


def regions(kb, lat, lon):
    return set(kb.where(lat, lon, on="2020-01-01").regions)


def territory_regions(kb, lat, lon):
    """The regions the territory at (lat, lon) lies in: a city on land is in no sea area, its island is."""
    return set(kb.where(lat, lon, on="2020-01-01").territory_regions)


def test_honolulu_is_pacific_not_north_america(kb):
    # North Atlantic Treaty Art. 6 reads "North America" as the continent; Hawaii lies in the Pacific
    r = regions(kb, 21.30694, -157.85833)
    assert "pacific-area" in territory_regions(kb, 21.30694, -157.85833)
    assert "pacific-area" not in r  # the Pacific area is water; Honolulu is on land
    assert "north-america" not in r


def test_guam_papeete_adamstown_are_pacific(kb):
    for lat, lon in [(13.47567, 144.74886), (-17.5347, -149.56843), (-25.06597, -130.10147)]:
        assert "pacific-area" in territory_regions(kb, lat, lon)


def test_san_juan_is_not_continental_north_america(kb):
    # the shared vocabulary: north-america does not include the Caribbean islands
    assert "north-america" not in regions(kb, 18.46633, -66.10572)


@pytest.mark.parametrize(("lat", "lon"), [(28.10178, -15.41573), (37.73952, -25.66874)],
                         ids=["Las Palmas", "Ponta Delgada"])
def test_canaries_and_azores_are_north_atlantic(kb, lat, lon):
    assert "north-atlantic-north-of-tropic" in territory_regions(kb, lat, lon)


def test_ceuta_is_africa_not_europe(kb):
    r = regions(kb, 35.88919, -5.32042)
    assert "africa" in r
    assert "europe" not in r


@pytest.mark.parametrize(("lat", "lon"), [(78.22334, 15.64689), (64.18347, -51.72157)],
                         ids=["Longyearbyen", "Nuuk"])
def test_svalbard_and_greenland_are_north_atlantic_or_arctic(kb, lat, lon):
    assert regions(kb, lat, lon) & {"north-atlantic-north-of-tropic", "arctic-ocean"}


def test_open_north_atlantic_is_high_seas(kb):
    w = kb.where(40.0, -40.0, on="2020-01-01")
    assert w.setting == "high_seas"
    assert w.territory is None and w.sovereign is None and w.parts == ()
    assert w.distance_km is None
    assert "north-atlantic-north-of-tropic" in w.regions


def test_south_china_sea_is_high_seas(kb):
    w = kb.where(13.0, 114.0, on="2020-01-01")
    assert w.setting == "high_seas"
    assert w.territory is None
    assert "south-china-sea" in w.regions


@pytest.mark.parametrize(("lat", "lon", "territory"), [(64.18347, -51.72157, "grl"),
                                                       (37.73952, -25.66874, "azores"),
                                                       (78.22334, 15.64689, "svalbard")],
                         ids=["Nuuk", "Ponta Delgada", "Longyearbyen"])
def test_coastal_city_off_the_1to10m_coast_is_territorial_sea(kb, lat, lon, territory):
    # GeoNames puts these harbour cities a few hundred metres beyond Natural Earth's 1:10m coastline
    w = kb.where(lat, lon, on="2020-01-01")
    assert w.setting == "territorial_sea"
    assert w.territory == territory
    assert 0 < w.distance_km < 2


# --------------------------------------------------------------------------- dated changes, both sides

NAHA = (26.213, 127.67851)
CHANGES = [
    # Okinawa Reversion Agreement, in force 15 May 1972
    ("Naha 1965", NAHA, "1965-06-01", "JPN", "USA"),
    ("Naha before reversion", NAHA, "1972-05-14", "JPN", "USA"),
    ("Naha reversion day", NAHA, "1972-05-15", "JPN", "JPN"),
    ("Naha 1975", NAHA, "1975-06-01", "JPN", "JPN"),
    # Amami Islands returned 25 December 1953 (Naze, Amami Oshima)
    ("Naze before", (28.377, 129.494), "1953-12-24", "JPN", "USA"),
    ("Naze after", (28.377, 129.494), "1953-12-25", "JPN", "JPN"),
    # Ogasawara Islands returned 26 June 1968 (Futami, Chichijima)
    ("Chichijima before", (27.094, 142.192), "1968-06-25", "JPN", "USA"),
    ("Chichijima after", (27.094, 142.192), "1968-06-26", "JPN", "JPN"),
    # Algeria: France recognised independence on 3 July 1962 (Algiers)
    ("Algiers before", (36.7525, 3.04197), "1962-07-02", "FRA", "FRA"),
    ("Algiers after", (36.7525, 3.04197), "1962-07-03", "DZA", "DZA"),
    # Saarland joined the Federal Republic on 1 January 1957 (Saarbrücken)
    ("Saarbrücken before", (49.23262, 7.00982), "1956-12-31", None, "FRA"),
    ("Saarbrücken after", (49.23262, 7.00982), "1957-01-01", "DEU", "DEU"),
    # German unification, 3 October 1990 (Leipzig); the Soviet zone before the GDR (7 October 1949)
    ("Leipzig 1948", (51.33962, 12.37129), "1948-01-01", None, "SUN"),
    ("Leipzig before unification", (51.33962, 12.37129), "1990-10-02", "DDR", "DDR"),
    ("Leipzig after unification", (51.33962, 12.37129), "1990-10-03", "DEU", "DEU"),
    # West Berlin: occupied (four-power status) until unification (Charlottenburg)
    ("West Berlin before", (52.516, 13.30), "1990-10-02", None, None),
    ("West Berlin after", (52.516, 13.30), "1990-10-03", "DEU", "DEU"),
    # Hong Kong: 1 July 1997; Macau: 20 December 1999
    ("Hong Kong before", (22.27832, 114.17469), "1997-06-30", "GBR", "GBR"),
    ("Hong Kong after", (22.27832, 114.17469), "1997-07-01", "CHN", "CHN"),
    ("Macau before", (22.20056, 113.54611), "1999-12-19", "PRT", "PRT"),
    ("Macau after", (22.20056, 113.54611), "1999-12-20", "CHN", "CHN"),
    # Panama Canal Zone: US administration until the Panama Canal Treaty took effect, 1 October 1979 (Gamboa)
    ("Canal Zone before", (9.117, -79.695), "1979-09-30", "PAN", "USA"),
    ("Canal Zone after", (9.117, -79.695), "1979-10-01", "PAN", "PAN"),
    # Crimea: annexation treaty of 18 March 2014; UNGA res. 68/262
    ("Simferopol before", (44.95719, 34.11079), "2014-03-17", "UKR", "UKR"),
    ("Simferopol after", (44.95719, 34.11079), "2014-03-18", "UKR", "RUS"),
    ("Simferopol 1990", (44.95719, 34.11079), "1990-01-01", "SUN", "SUN"),
    # Baltic states: USSR State Council recognition 6 September 1991 (Tallinn)
    ("Tallinn before", (59.43696, 24.75353), "1991-09-05", "SUN", "SUN"),
    ("Tallinn after", (59.43696, 24.75353), "1991-09-06", "EST", "EST"),
    # the Soviet Union ceased to exist on 26 December 1991 (Kyiv)
    ("Kyiv before", (50.45466, 30.5238), "1991-12-25", "SUN", "SUN"),
    ("Kyiv after", (50.45466, 30.5238), "1991-12-26", "UKR", "UKR"),
    # Czechoslovakia dissolved 1 January 1993 (Prague)
    ("Prague before", (50.08804, 14.42076), "1992-12-31", "CSK", "CSK"),
    ("Prague after", (50.08804, 14.42076), "1993-01-01", "CZE", "CZE"),
    # southern Kurils: Soviet occupation completed 5 September 1945 (Kurilsk, Iturup)
    ("Kurilsk before", (45.227, 147.88), "1945-09-04", "JPN", "JPN"),
    ("Kurilsk after", (45.227, 147.88), "1945-09-05", "SUN", "SUN"),
    ("Kurilsk 2020", (45.227, 147.88), "2020-01-01", "RUS", "RUS"),
    # Falklands: Argentine occupation 2 April - 14 June 1982 (Stanley)
    ("Stanley before", (-51.69382, -57.85701), "1982-04-01", "GBR", "GBR"),
    ("Stanley occupied", (-51.69382, -57.85701), "1982-04-02", "GBR", "ARG"),
    ("Stanley last day occupied", (-51.69382, -57.85701), "1982-06-13", "GBR", "ARG"),
    ("Stanley liberated", (-51.69382, -57.85701), "1982-06-14", "GBR", "GBR"),
    # Kuwait: Iraqi occupation 2 August 1990 - 26 February 1991
    ("Kuwait before", (29.36972, 47.97833), "1990-08-01", "KWT", "KWT"),
    ("Kuwait occupied", (29.36972, 47.97833), "1990-08-02", "KWT", "IRQ"),
    ("Kuwait liberated", (29.36972, 47.97833), "1991-02-26", "KWT", "KWT"),
    # Taiwan: ROC took over 25 October 1945; the ROC on Taiwan is TWN from 8 December 1949 (Taipei)
    ("Taipei before", (25.04776, 121.53185), "1945-10-24", "JPN", "JPN"),
    ("Taipei 1946", (25.04776, 121.53185), "1946-01-01", "CHN", "CHN"),
    ("Taipei 1950", (25.04776, 121.53185), "1950-01-01", "TWN", "TWN"),
    # Korea: Japanese until the surrender of 2 September 1945; ROK proclaimed 15 August 1948 (Seoul)
    ("Seoul 1945", (37.566, 126.9784), "1945-09-01", "JPN", "JPN"),
    ("Seoul 1946", (37.566, 126.9784), "1946-01-01", None, "USA"),
    ("Seoul 1948", (37.566, 126.9784), "1948-08-15", "KOR", "KOR"),
    # Scarborough Shoal: Chinese control since the 2012 standoff ended (15 June 2012)
    ("Scarborough before", (15.152, 117.754), "2012-06-14", None, None),
    ("Scarborough after", (15.152, 117.754), "2012-06-15", None, "CHN"),
    # Paracels: the PRC has held the Amphitrite group (Woody Island) since 1956 and took South Vietnam's Crescent
    # group (Pattle Island) in the battle of 19-20 January 1974
    ("Woody Island 1973", (16.834, 112.336), "1973-01-01", None, "CHN"),
    ("Woody Island 1975", (16.834, 112.336), "1975-01-01", None, "CHN"),
    ("Pattle Island 1974-01-19", (16.533, 111.606), "1974-01-19", None, "RVN"),
    ("Pattle Island 1974-01-20", (16.533, 111.606), "1974-01-20", None, "CHN"),
]


@pytest.mark.parametrize(("label", "point", "day", "sovereign", "administrator"), CHANGES,
                         ids=[c[0] for c in CHANGES])
def test_dated_change(kb, label, point, day, sovereign, administrator):
    w = kb.where(point[0], point[1], on=day)
    assert (w.sovereign, w.administrator) == (sovereign, administrator), label


def test_okinawa_sits_in_the_ryukyus_in_japan(kb):
    w = kb.where(*NAHA, on="1965-06-01")
    assert w.parts == ("okinawa", "ryukyu-islands", "jpn")
    assert w.status == "administered"


@pytest.mark.parametrize(("day", "claimants"), [("1971-06-10", ()), ("1971-06-11", ("TWN",)),
                                                ("1971-12-29", ("TWN",)), ("1971-12-30", ("CHN", "TWN"))])
def test_senkaku_claims_appear_on_their_dates(kb, day, claimants):
    # ROC statement of 11 June 1971, PRC statement of 30 December 1971
    w = kb.where(25.744, 123.474, on=day)
    assert w.territory == "uotsuri-jima" and "senkaku-islands" in w.parts
    assert w.claimants == claimants
    assert w.administrator == "USA"


def test_senkakus_after_reversion_are_japanese_administered_and_disputed(kb):
    w = kb.where(25.744, 123.474, on="2020-01-01")
    assert (w.sovereign, w.administrator, w.status) == ("JPN", "JPN", "disputed")
    assert w.claimants == ("CHN", "TWN")


@pytest.mark.parametrize(("lat", "lon", "territory", "sovereign", "administrator", "claimant"), [
    (37.2417, 131.8667, "dokdo", "KOR", "KOR", "JPN"),              # Dokdo / Takeshima
    (45.227, 147.88, "southern-kuril-islands", "RUS", "RUS", "JPN"),
    (9.733, 115.867, "brp-sierra-madre", None, "PHL", "CHN"),       # Second Thomas Shoal, since 1999
    (15.152, 117.754, "scarborough-shoal-rocks", None, "CHN", "PHL"),
    (16.834, 112.336, "woody-island", None, "CHN", "VNM"),
    (-51.69382, -57.85701, "flk", "GBR", "GBR", "ARG"),
    (36.135, -5.35, "gib", "GBR", "GBR", "ESP"),  # GeoNames' point for the city falls 400 m into Spain at 1:10m
    (35.29369, -2.93833, "melilla", "ESP", "ESP", "MAR"),
    (-7.31, 72.42, "diego-garcia-base", "GBR", "GBR", "MUS"),
    (25.04776, 121.53185, "twn", "TWN", "TWN", "CHN"),
])
def test_claims(kb, lat, lon, territory, sovereign, administrator, claimant):
    w = kb.where(lat, lon, on="2020-01-01")
    assert w.territory == territory
    assert (w.sovereign, w.administrator) == (sovereign, administrator)
    assert claimant in w.claimants


def test_paracel_claimants_include_taiwan_and_vietnam(kb):
    w = kb.where(16.834, 112.336, on="2020-01-01")
    assert {"TWN", "VNM"} <= set(w.claimants)


def test_kinmen_and_matsu_are_their_own_parts_of_taiwan(kb):
    # Art. VI of the 1954 US-ROC treaty covered Taiwan and the Pescadores, not Kinmen or Matsu
    assert kb.where(24.44, 118.37, on="1958-08-23").parts == ("kinmen", "twn")
    assert kb.where(26.155, 119.95, on="1958-08-23").parts[0] == "matsu-islands"
    assert kb.where(23.57, 119.58, on="1958-08-23").parts == ("penghu-islands", "twn")


def test_guantanamo_is_leased_from_cuba(kb):
    w = kb.place("Guantanamo Bay", on="2020-01-01")
    assert (w.territory, w.sovereign, w.administrator, w.status) == ("guantanamo-bay", "CUB", "USA", "leased")


def test_sovereign_base_areas_are_british(kb):
    w = kb.where(34.59, 32.98, on="2020-01-01")  # RAF Akrotiri
    assert (w.territory, w.sovereign) == ("akrotiri-dhekelia", "GBR")
