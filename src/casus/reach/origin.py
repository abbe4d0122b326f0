"""Where a launch comes from, resolved from what the user typed (``--from``).

In order: a launch site (id, name or alias: ``sohae``, ``Tongchang-ri``),
``lat,lon``, a state (ISO code or name: ``PRK``, meaning anywhere in the
territory it holds that day, the worst case), a territory (``kaliningrad``:
anywhere in it), or a GeoNames city (``Pyongyang``).
Anything else is an :class:`~casus.errors.UnknownMissileError` naming the
closest sites and states.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import CoordinateError, InputError, UnknownPlaceError, UnknownStateError
from casus.geo.atlas import atlas_of
from casus.reach import catalogue, nearest
from casus.reach.results import Origin

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.reach.world import World

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True, eq=False)
class Launch:
    origin: Origin
    src: nearest.Shapes        # the launch point, or the pieces of the launch state's territory
    notes: tuple[str, ...]


def parse_latlon(text: str) -> tuple[float, float] | None:
    """``"39.03,125.75"`` -> (lat, lon); None if the text is not a coordinate pair; CoordinateError if out of range."""
    m = _LATLON.match(text)
    if not m:
        return None
    lat, lon = float(m.group(1)), float(m.group(2))
    check_latlon(lat, lon)
    return lat, lon


def check_latlon(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise CoordinateError(f"coordinates ({lat}, {lon}) are out of range", field="from",
                              accepted="latitude -90..90 and longitude -180..180, as 'lat,lon'")


def resolve(kb: KnowledgeBase, given: Any, day: dt.date, w: World) -> Launch:
    if isinstance(given, tuple | list) and len(given) == 2:
        lat, lon = float(given[0]), float(given[1])
        check_latlon(lat, lon)
        return _point(kb, "point", None, f"{lat:.4f}, {lon:.4f}", lat, lon, w, day, ())
    text = str(given).strip()
    if not text:
        raise InputError("--from is empty", field="from", accepted="a launch site, a state code, a city or 'lat,lon'")
    site = catalogue.launch_site(kb, text)
    if site is not None:
        notes: list[str] = []
        if site.start is not None and day < site.start:
            notes.append(f"{site.name} was first used on {site.start.isoformat()}, after {day.isoformat()}; "
                         "distances are measured from its location all the same.")
        return _point(kb, "site", site.id, site.name, site.lat, site.lon, w, day, tuple(notes), state=site.state)
    ll = parse_latlon(text)
    if ll is not None:
        return _point(kb, "point", None, f"{ll[0]:.4f}, {ll[1]:.4f}", ll[0], ll[1], w, day, ())
    try:
        state = kb.state(text)
    except UnknownStateError:
        state = None
    if state is not None:
        return _state(kb, state.code, day, w)
    territory = _territory_id(kb, w, text)
    if territory is not None:
        return _territory(kb, territory, day, w)
    from casus.reach import cities

    try:
        c = cities.load()
        i = c.find(text)
    except UnknownPlaceError:
        raise catalogue.unknown_origin(kb, text) from None
    return _point(kb, "city", str(int(c.geonameid[i])), c.label(i), float(c.lat[i]), float(c.lon[i]), w, day, (),
                  state=c.country[i] or None)


def _point(kb: KnowledgeBase, kind: str, ident: str | None, name: str, lat: float, lon: float, w: World,
           day: dt.date, notes: tuple[str, ...], state: str | None = None) -> Launch:
    if state is None:
        state = _holder_at(kb, w, lat, lon, day)
    return Launch(Origin(kind, ident, name, state, lat, lon), nearest.from_points([name], [lon], [lat]), notes)


def _holder_at(kb: KnowledgeBase, w: World, lat: float, lon: float, day: dt.date) -> str | None:
    from casus.reach.world import holders

    try:
        hits = atlas_of(kb).locate(np.array([lat]), np.array([lon]))
    except Exception:  # the holder is a courtesy; a failed lookup must not stop the answer
        return None
    t = int(hits.territory[0])
    if t < 0:
        return None
    return holders(kb, (w.territory_ids[t],), day)[0].holder


def _territory_id(kb: KnowledgeBase, w: World, text: str) -> str | None:
    key = text.strip().lower()
    if key in w.territory_ids:
        return key
    for tid in w.territory_ids:
        t = kb.territories.get(tid)
        if t is not None and (t.name.lower() == key or key in (a.lower() for a in t.aliases)):
            return tid
    return None


def _territory(kb: KnowledgeBase, tid: str, day: dt.date, w: World) -> Launch:
    """Anywhere in one territory (an exclave such as Kaliningrad, an island such as Guam): its own pieces."""
    from casus.reach.world import holders

    t = w.territory_ids.index(tid)
    mine = [int(p) for p in np.flatnonzero(w.subtree[t])]
    holder = holders(kb, (tid,), day)[0].holder
    name = kb.territories[tid].name if tid in kb.territories else tid
    note = (f"Launch from anywhere in {name}: each distance is measured from the nearest point of its land "
            "(the worst case).")
    terr = tuple(sorted({w.territory_ids[int(w.piece_territory[p])] for p in mine}))
    return Launch(Origin("territory", tid, name, holder, territories=terr), w.pieces.select(mine).merged(tid),
                  (note,))


def _state(kb: KnowledgeBase, code: str, day: dt.date, w: World) -> Launch:
    from casus.reach.world import holders

    held = holders(kb, w.territory_ids, day)
    mine = [p for p, t in enumerate(w.piece_territory) if held[int(t)].holder == code]
    st = kb.states[code]
    if not mine:
        life = f"{st.start.isoformat() if st.start else '…'} to {st.end.isoformat() if st.end else 'today'}"
        raise InputError(f"{st.name} ({code}) held no territory on {day.isoformat()} (the state exists {life} in "
                         "the data), so nothing can be launched from its territory that day",
                         field="from", accepted="a state that held territory on the date, a launch site, "
                                                "a city or 'lat,lon'")
    terr = tuple(sorted({w.territory_ids[int(w.piece_territory[p])] for p in mine}))
    note = (f"Launch from anywhere in the territory {st.name} held on {day.isoformat()}: each distance is "
            "measured from the nearest point of that territory (the worst case).")
    return Launch(Origin("state", code, st.name, code, territories=terr), w.pieces.select(mine).merged(code),
                  (note,))
