"""Where is a point, or a named place, and who holds it on a date: :class:`Whereabouts`.

``where(kb, lat, lon, on)`` locates a point (land, territorial sea within 12
nautical miles, or high seas), names the most specific territory and the parts
it belongs to, and reads control (sovereign, administrator, status, claimants)
for the date. ``place(kb, name, on)`` resolves a name first (see
:mod:`casus.geo.names`): a city is located at its coordinates; a territory is
answered for itself, at its representative point. ``where_many`` does the same
for arrays of points and returns a pandas DataFrame.

Bad input is refused, not guessed: coordinates that are not numbers or not on
Earth raise CoordinateError, a date before 1945 or after today DateError (with
the covered range), an unknown or ambiguous name UnknownPlaceError or
AmbiguousPlaceError. ``on=None`` means today.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.dates import parse_date, today
from casus.display import Displayable
from casus.errors import CoordinateError
from casus.geo.atlas import SETTINGS, atlas_of
from casus.geo.control import holding
from casus.geo.ne import SOURCE as NE_SOURCE
from casus.kb.models import Source

if TYPE_CHECKING:
    from casus.geo.names import Place
    from casus.kb.base import KnowledgeBase

TERRITORIAL_SEA_SOURCE = {
    "title": "United Nations Convention on the Law of the Sea (1982), Art. 3 (12 nautical miles) and Art. 15 "
             "(median line between opposite coasts)",
    "url": "https://www.un.org/depts/los/convention_agreements/texts/unclos/unclos_e.pdf",
}
SEA_KINDS = ("ocean", "sea")


@dataclass(frozen=True, repr=False)
class Whereabouts(Displayable):
    """A place, and who holds it on a date."""

    query: str
    lat: float
    lon: float
    on: dt.date
    territory: str | None
    territory_name: str | None
    parts: tuple[str, ...]          # the territory and the territories it is part of, most specific first
    country: str | None             # the Natural Earth-level territory (last of ``parts``)
    sovereign: str | None
    administrator: str | None
    status: str | None
    claimants: tuple[str, ...]
    regions: tuple[str, ...]        # sorted region ids holding the point
    setting: str                    # land | territorial_sea | high_seas
    distance_km: float | None       # 0 on land; geodesic km to the land in the territorial sea; None beyond
    seas: tuple[str, ...]           # sea and ocean regions holding the point, when it is not on land
    place: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()
    sources: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "lat": self.lat, "lon": self.lon, "on": self.on.isoformat(),
            "territory": self.territory, "territory_name": self.territory_name, "parts": list(self.parts),
            "country": self.country, "sovereign": self.sovereign, "administrator": self.administrator,
            "status": self.status, "claimants": list(self.claimants), "regions": list(self.regions),
            "setting": self.setting, "distance_km": self.distance_km, "seas": list(self.seas),
            "place": self.place, "notes": list(self.notes), "sources": [dict(s) for s in self.sources],
        }

    def headline(self) -> str:
        """Where the point is and who holds it, in words."""
        day = self.on.isoformat()
        if self.territory is None:
            seas = f" in {', '.join(self.seas)}" if self.seas else ""
            return f"{self.query} is on the high seas{seas} on {day}: no state's territory."
        holder = self.administrator or self.sovereign or "no recognised sovereign"
        sea = " (territorial sea)" if self.setting == "territorial_sea" else ""
        how = f"held by {holder}" + (f", sovereign {self.sovereign}" if self.sovereign not in (None, holder) else "")
        return f"{self.query} is in {self.territory_name}{sea} on {day}, {how}."

    def rows(self) -> list[dict[str, Any]]:
        return [{"territory": self.territory_name, "sovereign": self.sovereign, "administrator": self.administrator,
                 "status": self.status, "setting": self.setting, "regions": ", ".join(self.regions)}]


def _day(on: dt.date | str | None) -> dt.date:
    return today() if on is None else parse_date(on, field="on")


def _number(value: Any, name: str, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | np.floating | np.integer):
        raise CoordinateError(f"{name} {value!r} is not a number", field=name,
                              accepted=f"a number of degrees from -{limit:g} to {limit:g}")
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
    if not math.isfinite(x) or abs(x) > limit:
        raise CoordinateError(f"{name} {x!r} is out of range", field=name,
                              accepted=f"a number of degrees from -{limit:g} to {limit:g}")
    return x


def _src(s: Source | dict[str, Any]) -> dict[str, Any]:
    return s.model_dump(mode="json", exclude_none=True) if isinstance(s, Source) else dict(s)


def _assemble(kb: KnowledgeBase, query: str, lat: float, lon: float, day: dt.date, tid: str | None,
              regions: tuple[str, ...], setting: str, distance_km: float | None,
              place: Place | None = None) -> Whereabouts:
    atlas = atlas_of(kb)
    sources: list[dict[str, Any]] = []

    def add(s: Source | dict[str, Any]) -> None:
        d = _src(s)
        if d not in sources:
            sources.append(d)

    add(NE_SOURCE)
    notes: list[str] = []
    parts: tuple[str, ...] = ()
    sov = adm = status = name = None
    claimants: tuple[str, ...] = ()
    if tid is not None:
        parts = atlas.chain(tid)
        name = kb.territories[tid].name
        h = holding(kb.territories, tid, day)
        sov, adm, status, claimants = h.sovereign, h.administrator, h.status, h.claimants
        if h.note:
            notes.append(h.note)
        for s in h.sources:
            add(s)
        for p in parts:
            t = kb.territories[p]
            if t.parent is not None:  # a part's definition is part of the answer
                for s in t.sources:
                    add(s)
        if kb.territories[tid].note:
            notes.append(kb.territories[tid].note)
    if setting == "territorial_sea":
        notes.append(f"{distance_km:.3f} km from the land of {parts[0]}: inside its 12-nautical-mile territorial "
                     "sea (nearest land wins where two coasts are closer than 24 nm)")
        add(TERRITORIAL_SEA_SOURCE)
    elif setting == "high_seas":
        notes.append("more than 12 nautical miles from any land in the data: no state's territory")
    for r in regions:
        for s in kb.regions[r].sources:
            add(s)
    seas = tuple(r for r in regions if kb.regions[r].kind in SEA_KINDS) if setting != "land" else ()
    if place is not None and place.kind == "city":
        from casus.geo.names import GEONAMES_SOURCE

        add(GEONAMES_SOURCE)
    return Whereabouts(query=query, lat=round(lat, 6), lon=round(lon, 6), on=day, territory=tid,
                       territory_name=name, parts=parts, country=parts[-1] if parts else None, sovereign=sov,
                       administrator=adm, status=status, claimants=claimants, regions=regions, setting=setting,
                       distance_km=None if distance_km is None else round(float(distance_km), 3), seas=seas,
                       place=place.to_dict() if place is not None else None, notes=tuple(notes),
                       sources=tuple(sources))


def _locate_one(kb: KnowledgeBase, lat: float, lon: float) -> tuple[str | None, tuple[str, ...], str, float | None]:
    atlas = atlas_of(kb)
    hits = atlas.locate(np.array([lat]), np.array([lon]))
    t = int(hits.territory[0])
    tid = atlas.territory_ids[t] if t >= 0 else None
    regions = tuple(sorted(r for r, inside in zip(atlas.region_ids, hits.regions[0], strict=True) if inside))
    setting = SETTINGS[int(hits.setting[0])]
    d = float(hits.distance_km[0])
    return tid, regions, setting, None if math.isnan(d) else d


def where(kb: KnowledgeBase, lat: Any, lon: Any, on: dt.date | str | None = None) -> Whereabouts:
    """What lies at (lat, lon) on a date (default today)."""
    y = _number(lat, "lat", 90.0)
    x = _number(lon, "lon", 180.0)
    day = _day(on)
    tid, regions, setting, d = _locate_one(kb, y, x)
    return _assemble(kb, f"{y:g}, {x:g}", y, x, day, tid, regions, setting, d)


def place(kb: KnowledgeBase, name: str, on: dt.date | str | None = None) -> Whereabouts:
    """What a named place is and who holds it on a date: a city at its coordinates, a territory at its
    representative point (answered for the territory itself, not the part its point falls in)."""
    from casus.geo.names import gazetteer

    day = _day(on)
    found = gazetteer(kb).resolve(name)
    atlas = atlas_of(kb)
    if found.kind == "territory":
        assert found.territory is not None
        lat, lon = atlas.representative_point(found.territory)
        regions = tuple(sorted(atlas.territory_regions(found.territory)))
        return _assemble(kb, str(name), lat, lon, day, found.territory, regions, "land", 0.0, found)
    assert found.lat is not None and found.lon is not None
    tid, regions, setting, d = _locate_one(kb, found.lat, found.lon)
    return _assemble(kb, str(name), found.lat, found.lon, day, tid, regions, setting, d, found)


def where_many(kb: KnowledgeBase, lats: Any, lons: Any, on: dt.date | str | None = None) -> Any:
    """Vectorised :func:`where`: a pandas DataFrame with one row per point.

    Columns: lat, lon, territory, country (Natural Earth-level id), setting, distance_km (NaN on the high
    seas), sovereign, administrator, status, regions (a tuple of region ids). Where a value is missing (no
    territory on the high seas, no sovereign) pandas shows it as NA.
    """
    import pandas as pd

    from casus.geo.control import control_arrays, status_array
    from casus.geo.locate import coordinates

    lat, lon = coordinates(lats, lons)
    day = _day(on)
    atlas = atlas_of(kb)
    hits = atlas.locate(lat, lon)
    ids = np.array((*atlas.territory_ids, None), dtype=object)
    t = np.where(hits.territory < 0, len(atlas.territory_ids), hits.territory)
    c = np.where(hits.country < 0, len(atlas.territory_ids), hits.country)
    sov, adm = control_arrays(kb, atlas, day)
    st = status_array(kb, atlas, day)
    none = np.array([None], dtype=object)
    sov = np.concatenate([np.where(sov == "", None, sov), none])  # type: ignore[call-overload]
    adm = np.concatenate([np.where(adm == "", None, adm), none])  # type: ignore[call-overload]
    st = np.concatenate([st, none])
    region_ids = atlas.region_ids
    if len(region_ids) and len(lat):
        patterns, inverse = np.unique(hits.regions, axis=0, return_inverse=True)
        tuples = [tuple(r for r, b in zip(region_ids, row, strict=True) if b) for row in patterns]
        regions = [tuples[k] for k in np.asarray(inverse).ravel()]
    else:
        regions = [()] * len(lat)
    return pd.DataFrame({
        "lat": lat, "lon": lon, "territory": ids[t], "country": ids[c],
        "setting": np.array(SETTINGS, dtype=object)[hits.setting], "distance_km": hits.distance_km,
        "sovereign": sov[t], "administrator": adm[t], "status": st[t], "regions": regions,
    })
