"""Land that Natural Earth's German point of view gives to no country is land in casus, not sea.

Natural Earth 1:10m (German point of view) leaves four holes between countries: the Golan Heights, the Abyei
Area, a stretch of the Southern Patagonian Ice Field and the Rincao de Artigas. Before casus added them
(``select: gap`` in territories.yaml), a point in the Golan read as "the territorial sea of Syria, 10 km from
its coast". The Caspian Sea, the one larger hole, is water and stays so.
"""

from __future__ import annotations

import pytest


def _holes():
    import shapely

    from casus.geo.ne import read_features

    land = shapely.union_all([f.geometry for f in read_features()])
    return [shapely.Polygon(ring) for poly in shapely.get_parts(land) for ring in poly.interiors]


def test_every_hole_between_countries_is_land_and_the_caspian_is_water(kb):
    holes = [h for h in _holes() if h.area > 0.001]  # slivers of a few hectares are digitising noise
    assert len(holes) >= 5
    for hole in holes:
        pt = hole.representative_point()
        w = kb.where(pt.y, pt.x, on="2020-01-01")
        if hole.area > 10:  # the Caspian Sea (about 43 square degrees)
            assert w.setting != "land", (pt.y, pt.x)
        else:
            assert w.setting == "land", (pt.y, pt.x, w.territory, w.setting)


# place, lat, lon, date, territory, sovereign, administrator, status
ROWS = [
    ("Katzrin", 32.99, 35.69, "1967-06-09", "golan-heights", "SYR", "SYR", "sovereign"),
    ("Katzrin", 32.99, 35.69, "1967-06-10", "golan-heights", "SYR", "ISR", "occupied"),
    ("Mas'ade", 33.23, 35.75, "2025-06-01", "golan-heights", "SYR", "ISR", "occupied"),
    ("Abyei town", 9.60, 28.44, "1950-01-01", "abyei", None, "GBR", "administered"),
    ("Abyei town", 9.60, 28.44, "2011-07-08", "abyei", "SDN", "SDN", "sovereign"),
    ("Abyei town", 9.60, 28.44, "2011-07-09", "abyei", None, None, "disputed"),
    ("the ice field", -49.5, -73.3, "2025-06-01", "patagonian-ice-field", None, None, "disputed"),
    ("Vila Albornoz", -30.96, -55.96, "2025-06-01", "rincao-de-artigas", "BRA", "BRA", "disputed"),
]


@pytest.mark.parametrize(("place", "lat", "lon", "day", "territory", "sovereign", "administrator", "status"), ROWS,
                         ids=[f"{r[0]} {r[3]}" for r in ROWS])
def test_who_holds_the_holes(kb, place, lat, lon, day, territory, sovereign, administrator, status):
    w = kb.where(lat, lon, on=day)
    assert (w.setting, w.territory) == ("land", territory), place
    assert (w.sovereign, w.administrator, w.status) == (sovereign, administrator, status), f"{place} on {day}"


def test_the_golan_is_part_of_syria_by_name_too(kb):
    w = kb.place("Golan Heights", on="2025-06-01")
    assert w.parts == ("golan-heights", "syr")
    assert kb.where(33.3, 35.8, on="2025-06-01").territory == "syr"  # east of the line: Syria's own outline


def test_who_defends_land_no_state_holds_says_so_instead_of_high_seas(kb):
    from casus.errors import ScenarioError

    with pytest.raises(ScenarioError) as got:
        kb.defends("Abyei", "2025-06-01")
    text = str(got.value)
    assert "no state holds the Abyei Area on 2025-06-01" in text and "South Sudan" in text
    assert "high seas" not in text
    assert "bound to defend Abyei" in kb.defends("Abyei", "2010-06-01").headline()  # Sudan's, before 2011
