"""Members of a treaty that hold territory in a region, computed from the geography.

Nothing here is typed in: for each party on the day, the territories it holds
as sovereign (:mod:`casus.relations.sovereignty`) are tested against the
region's polygons in the compiled atlas. "Pacific allies of NATO" is
``region_allies(kb, "2017-11-02", treaty="nato", region="pacific-area")``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from casus.dates import parse_date
from casus.errors import GeoError, InputError, close_matches
from casus.geo.atlas import atlas_of
from casus.relations.results import RegionAllies, RegionAlly, TerritoryRef
from casus.relations.sovereignty import held_territories

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["pacific_allies", "region_allies"]


def region_allies(kb: KnowledgeBase, on: dt.date | str, treaty: str = "nato",
                  region: str = "pacific-area") -> RegionAllies:
    """Parties to ``treaty`` on ``on`` that hold territory in ``region``, naming the territories."""
    t = kb.treaty(treaty)
    day = parse_date(on, field="on")
    if region not in kb.regions:
        hints = close_matches(region, kb.regions)
        msg = f"unknown region {region!r}" + (f"; did you mean {', '.join(hints)}?" if hints else "")
        raise InputError(msg, field="region", accepted=", ".join(sorted(kb.regions)), suggestions=hints)
    test, method = _region_test(kb, region)
    allies = []
    for code in kb.members(t.id, day):
        inside = tuple(TerritoryRef(tid, kb.territories[tid].name)
                       for tid in held_territories(kb, code, day) if test(tid))
        if inside:
            allies.append(RegionAlly(code, kb.states[code].name, inside))
    return RegionAllies(t.id, region, day, tuple(allies), method)


def pacific_allies(kb: KnowledgeBase, on: dt.date | str, treaty: str = "nato") -> RegionAllies:
    """Parties to ``treaty`` (default NATO) with territory in the Pacific area on ``on``."""
    return region_allies(kb, on, treaty=treaty, region="pacific-area")


#: the breadth of the territorial sea (12 nautical miles) in degrees of latitude; a territory whose land
#: lies this close to a sea region has territory (its territorial sea) in that region
_SEA_DEG = 22.224 / 111.32


def _region_test(kb: KnowledgeBase, region: str) -> tuple[Any, str]:
    """A predicate territory id -> bool: the territory's land, or its 12-nm sea, meets the region.

    Geometry, not the label point: Canada's label point is inland, but British
    Columbia's coast lies on the Pacific. Falls back to the atlas's
    label-point table only when the atlas offers no geometry.
    """
    try:
        atlas = atlas_of(kb)
    except ModuleNotFoundError as exc:
        raise GeoError("the geography package (casus.geo) is not available, so regions cannot be "
                       "computed from geometry") from exc
    terr = getattr(atlas, "geometry", None)
    reg = getattr(atlas, "region_geometry", None)
    if callable(terr) and callable(reg):
        import shapely

        area = reg(region)
        shapely.prepare(area)

        def meets(tid: str) -> bool:
            land = terr(tid)
            if land is None or land.is_empty:
                return False
            return bool(shapely.intersects(area, land) or shapely.dwithin(area, land, _SEA_DEG))

        return meets, "geometry: land or 12-nm territorial sea meets the region"
    table = getattr(atlas, "territory_regions", None)
    if callable(table):
        return (lambda tid: region in set(table(tid))), "atlas.territory_regions (label point)"
    raise GeoError("the compiled atlas offers neither territory/region geometry nor territory_regions()")
