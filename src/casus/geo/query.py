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
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.dates import parse_date, today
from casus.display import Displayable
from casus.errors import CoordinateError, UnknownPlaceError
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
    #: regions whose outline holds the territory (at its label point): what the scope predicate territory_in
    #: reads, so an island on land still "lies in" the sea area around it ("islands in the North Atlantic area")
    territory_regions: tuple[str, ...] = ()
    feature: dict[str, Any] | None = None  # the gazetteer feature (island, rock, reef) the point is on or near
    notes: tuple[str, ...] = ()
    sources: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    kb: Any = field(default=None, repr=False, compare=False)  # for names in the headline; not in the JSON

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query, "lat": self.lat, "lon": self.lon, "on": self.on.isoformat(),
            "territory": self.territory, "territory_name": self.territory_name, "parts": list(self.parts),
            "country": self.country, "sovereign": self.sovereign, "administrator": self.administrator,
            "status": self.status, "claimants": list(self.claimants), "regions": list(self.regions),
            "setting": self.setting, "distance_km": self.distance_km, "seas": list(self.seas),
            "place": self.place, "territory_regions": list(self.territory_regions), "feature": self.feature,
            "notes": list(self.notes),
            "sources": [dict(s) for s in self.sources],
        }

    def headline(self) -> str:
        """Where the place is and who holds it that day, in words (see :mod:`casus.geo.headline`)."""
        from casus.geo.headline import where_headline

        if self.kb is None:
            return f"{self.query}: {self.territory_name or 'the high seas'} on {self.on.isoformat()}."
        return " ".join(where_headline(self.kb, self).splitlines())

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
            if t.parent is not None or t.feature is not None:  # a part's definition is part of the answer
                for s in t.sources:
                    add(s)
        if kb.territories[tid].note:
            notes.append(kb.territories[tid].note)
    feature = _feature(kb, tid) if tid is not None else None
    if feature is not None:
        notes.append(feature.pop("_note"))
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
                       place=place.to_dict() if place is not None else None, feature=feature, notes=tuple(notes),
                       territory_regions=tuple(sorted(atlas.territory_regions(tid))) if tid is not None else (),
                       sources=tuple(sources), kb=kb)


KIND_WORDS = {
    "island": "an island (UNCLOS Art. 121(1)): it has a 12-nautical-mile territorial sea",
    "rock": "a rock (UNCLOS Art. 121(3)): a 12-nautical-mile territorial sea, no exclusive economic zone",
    "low_tide_elevation": "a low-tide elevation (UNCLOS Art. 13): no territorial sea of its own",
    "artificial_island": "an artificial island (UNCLOS Art. 60(8)): no territorial sea of its own",
}


def _feature(kb: KnowledgeBase, tid: str) -> dict[str, Any] | None:
    """The gazetteer feature named by ``tid``, as JSON, with a sentence about its kind under ``_note``."""
    f = getattr(kb.territories[tid], "feature", None)
    if f is None:
        return None
    built = None
    if f.built_up is not None:
        built = {"from": f.built_up.start.isoformat(), "by": f.built_up.by, "note": f.built_up.note}
    note = f"{f.name} is {KIND_WORDS[f.kind]}"
    if f.kind_note:
        note += f" ({f.kind_note})"
    if built is not None:
        note += f"; built up by {f.built_up.by} from {built['from']}, which changes no legal status"
    return {"id": f.id, "name": f.name, "kind": f.kind, "kind_note": f.kind_note,
            "territorial_sea": f.territorial_sea, "within": f.within, "lat": f.at.lat, "lon": f.at.lon,
            "radius_km": f.radius_km, "built_up": built, "_note": note}


def _locate_one(kb: KnowledgeBase, lat: float, lon: float) -> tuple[str | None, tuple[str, ...], str, float | None]:
    atlas = atlas_of(kb)
    hits = atlas.locate(np.array([lat]), np.array([lon]))
    t = int(hits.territory[0])
    tid = atlas.territory_ids[t] if t >= 0 else None
    regions = tuple(sorted(r for r, inside in zip(atlas.region_ids, hits.regions[0], strict=True) if inside))
    setting = SETTINGS[int(hits.setting[0])]
    d = float(hits.distance_km[0])
    return tid, regions, setting, None if math.isnan(d) else d


def _state_for_place_hint(kb: KnowledgeBase, name: Any) -> str | None:
    """A state (SUN, 'Soviet Union') named where a place is asked for, whose territory the data keeps under
    other names: say so, and what to give instead."""
    from casus.errors import UnknownStateError

    try:
        st = kb.state(str(name))
    except UnknownStateError:
        return None
    return (f"{name!r} is a state ({st.name}), not a place name in the data; give a place in its territory (a city, "
            "a territory) or LAT LON")


def located(kb: KnowledgeBase, hits: Any, k: int) -> tuple[str | None, tuple[str, ...], str, float | None]:
    """Row ``k`` of ``atlas.locate``'s answer as :func:`where_located` takes it."""
    atlas = atlas_of(kb)
    t = int(hits.territory[k])
    regions = tuple(sorted(r for r, inside in zip(atlas.region_ids, hits.regions[k], strict=True) if inside))
    d = float(hits.distance_km[k])
    return (atlas.territory_ids[t] if t >= 0 else None, regions, SETTINGS[int(hits.setting[k])],
            None if math.isnan(d) else d)


def where_located(kb: KnowledgeBase, lat: float, lon: float, on: dt.date,
                  found: tuple[str | None, tuple[str, ...], str, float | None]) -> Whereabouts:
    """:func:`where` for a point already located in a batch (``found`` from :func:`located`): the same answer
    without looking the point up a second time."""
    return _assemble(kb, f"{lat:g}, {lon:g}", lat, lon, on, *found)


def where(kb: KnowledgeBase, lat: Any, lon: Any, on: dt.date | str | None = None) -> Whereabouts:
    """What lies at (lat, lon) on a date (default today)."""
    try:
        y = _number(lat, "lat", 90.0)
        x = _number(lon, "lon", 180.0)
    except CoordinateError as exc:
        from casus.geo.hints import swap_hint

        exc.hint = swap_hint(lat, lon) if isinstance(lat, numbers.Real) and isinstance(lon, numbers.Real) else None
        raise
    day = _day(on)
    tid, regions, setting, d = _locate_one(kb, y, x)
    return _assemble(kb, f"{y:g}, {x:g}", y, x, day, tid, regions, setting, d)


def place(kb: KnowledgeBase, name: str, on: dt.date | str | None = None) -> Whereabouts:
    """What a named place is and who holds it on a date: a city at its coordinates, a territory at its
    representative point (answered for the territory itself, not the part its point falls in)."""
    from casus.geo.names import gazetteer

    day = _day(on)
    try:
        found = gazetteer(kb).resolve(name)
    except UnknownPlaceError as exc:
        exc.hint = exc.hint or _state_for_place_hint(kb, name)
        raise
    atlas = atlas_of(kb)
    if found.kind == "territory":
        assert found.territory is not None
        lat, lon = atlas.representative_point(found.territory)
        maritime = dict(zip(atlas.region_ids, atlas.region_maritime, strict=True))
        regions = tuple(sorted(r for r in atlas.territory_regions(found.territory) if not maritime[r]))
        return _assemble(kb, str(name), lat, lon, day, found.territory, regions, "land", 0.0, found)
    assert found.lat is not None and found.lon is not None
    tid, regions, setting, d = _locate_one(kb, found.lat, found.lon)
    return _assemble(kb, str(name), found.lat, found.lon, day, tid, regions, setting, d, found)


def _region_tuples(flags: Any, region_ids: Sequence[str]) -> Any:
    """One tuple of region ids per row of the (n, R) boolean ``flags``, as an object array.

    Each row is packed into one integer code (bit k set when the point is in region k), so finding the
    distinct membership patterns is a 1-D operation instead of a row-wise ``np.unique(axis=0)`` (which sorts
    rows lexicographically and dominated ``where_many``). With up to 20 regions a lookup table over all codes
    replaces the sort altogether. Every row that shares a pattern shares the same tuple object.
    """
    flags = np.asarray(flags, dtype=bool)
    width = flags.shape[1]
    if width <= 62:
        codes = flags.astype(np.int64) @ (np.int64(1) << np.arange(width, dtype=np.int64))
        if width <= 20:
            present = np.zeros(1 << width, dtype=bool)
            present[codes] = True
            uniq = np.flatnonzero(present)
            slot = np.zeros(1 << width, dtype=np.int64)
            slot[uniq] = np.arange(uniq.size)
            inverse = slot[codes]
        else:
            uniq, inverse = np.unique(codes, return_inverse=True)
        rows = [[region_ids[k] for k in range(width) if (int(code) >> k) & 1] for code in uniq]
    else:
        packed = np.packbits(flags, axis=1)
        keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        rows = [[region_ids[int(k)] for k in np.flatnonzero(flags[i])] for i in first]
    table = np.empty(len(rows), dtype=object)
    for k, row in enumerate(rows):
        table[k] = tuple(row)
    return table[np.asarray(inverse).ravel()]


def _column(vocab: Any, index: Any) -> Any:
    """``vocab[index]`` as the pandas array a DataFrame would make of it, without inferring per row.

    pandas infers a column's dtype (arrow strings, or object where every value is None) by scanning every
    value; a column of a million ids drawn from a few hundred is inferred once on the values actually used,
    then expanded by an index ``take``. Same values and dtype as ``pd.DataFrame({"x": vocab[index]})``.
    """
    import pandas as pd

    index = np.asarray(index, dtype=np.int64)
    if index.size == 0:
        return vocab[index]
    used = np.flatnonzero(np.bincount(index, minlength=len(vocab)))
    slot = np.zeros(len(vocab), dtype=np.int64)
    slot[used] = np.arange(used.size)
    return pd.Series(vocab[used]).array.take(slot[index])


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
    regions = _region_tuples(hits.regions, region_ids) if len(region_ids) and len(lat) else [()] * len(lat)
    return pd.DataFrame({
        "lat": lat, "lon": lon, "territory": _column(ids, t), "country": _column(ids, c),
        "setting": _column(np.array(SETTINGS, dtype=object), hits.setting), "distance_km": hits.distance_km,
        "sovereign": _column(sov, t), "administrator": _column(adm, t), "status": _column(st, t),
        "regions": regions,
    })
