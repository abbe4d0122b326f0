"""``reach(kb, ...)``: what a missile (or a range) from a site or a state reaches on a date.

The answer lists the territories, states, cities and areas within the low and
the high public range estimate, each with its distance (the WGS84 geodesic to
its nearest point), plus any places asked for by name with ``targets`` (reached
or not), and, where the law engine is present, the geography of danger: which
reachable territories which defence clause covers, and who it binds.

Refusals are typed: an unknown missile or origin is an UnknownMissileError with
suggestions; a negative or non-finite range an InputError; a launch state that
held no territory that day an InputError. A range beyond half the Earth's
circumference is answered ("everything is within range") and says so, and a
date before the missile's first successful flight test is answered and says so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.dates import parse_date, today
from casus.errors import InputError
from casus.kb.missiles import HALF_CIRCUMFERENCE_KM, Missile
from casus.reach import catalogue, cities, geodesic, nearest
from casus.reach.results import MissileFacts, RangeUsed, Reached, ReachResult

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.reach.origin import Launch
    from casus.reach.world import Holder, World

#: cities listed by default: at least this many inhabitants (every city of 15,000+ is counted)
DEFAULT_MIN_POPULATION = 1_000_000


def reach(kb: KnowledgeBase, *, missile: str | None = None, km: float | None = None, origin: Any = None,
          on: dt.date | str | None = None, targets: Sequence[str] = (),
          min_population: int = DEFAULT_MIN_POPULATION, commitments: bool = True, **kwargs: Any) -> ReachResult:
    """Answer a reach question. ``origin`` (or ``from_``) is a site, a state, a city, 'lat,lon' or (lat, lon)."""
    if "from_" in kwargs:
        origin = kwargs.pop("from_")
    if kwargs:
        raise InputError(f"unknown option(s) {', '.join(sorted(kwargs))}", field=next(iter(kwargs)),
                         accepted="missile, km, origin, on, targets, min_population, commitments")
    day = parse_date(on, field="on") if on is not None else today()
    if min_population < 0:
        raise InputError(f"min_population {min_population} is negative", field="min_population",
                         accepted="a number of inhabitants, 0 or more")
    notes: list[str] = []
    m: Missile | None = None
    if missile is not None and km is not None:
        raise InputError("give a missile or a range in km, not both", field="km",
                         accepted="--missile NAME, or --km NUMBER")
    if missile is not None:
        m = catalogue.missile(kb, missile)
        rng = RangeUsed(m.range.low.km, m.range.high.km, _source(m.range.low), _source(m.range.high))
    elif km is not None:
        rng = RangeUsed(_check_km(km), _check_km(km))
    else:
        raise InputError("say what reaches: a missile or a range in km", field="missile",
                         accepted="--missile NAME (see `casus missiles`) or --km NUMBER")
    if rng.high_km >= HALF_CIRCUMFERENCE_KM:
        rng = RangeUsed(rng.low_km, rng.high_km, rng.low_source, rng.high_source, everything=True)
        notes.append(f"{rng.high_km:,.0f} km is more than half the Earth's circumference (the longest possible "
                     f"geodesic is {HALF_CIRCUMFERENCE_KM:,.0f} km, pole to pole): everything on Earth is within "
                     "range.")

    if origin is None:
        if m is None:
            raise InputError("say where the launch is from", field="from",
                             accepted="--from SITE, STATE, CITY or 'lat,lon'")
        origin = m.owner
        notes.append(f"No launch point given: launching from anywhere in the territory of the missile's owner, "
                     f"{m.owner}.")

    from casus.reach.origin import resolve
    from casus.reach.world import holders, world

    w = world(kb)
    launch = resolve(kb, origin, day, w)
    notes.extend(launch.notes)
    facts = None
    if m is not None:
        facts, more = _missile_facts(m, day, launch.origin.state)
        notes.extend(more)

    held = holders(kb, w.territory_ids, day)
    piece_d, piece_near, piece_from = _to_shapes(launch, w.pieces)
    region_d, region_near, _ = _to_shapes(launch, w.regions)
    terr_d = w.territory_distance(piece_d)

    reach_ = Ranges(rng.low_km * 1000.0, rng.high_km * 1000.0)

    # territories: nearest point of the nearest piece in the subtree
    territory_rows = []
    for t, tid in enumerate(w.territory_ids):
        d = float(terr_d[t])
        if not reach_.high(d):
            continue
        p = _argmin_piece(w, t, piece_d)
        territory_rows.append(Reached(
            "territory", tid, _territory_name(kb, tid), _km(d), reach_.low(d), True,
            state=held[t].sovereign, administrator=held[t].administrator,
            nearest=_ll(w.pieces, piece_near[p]), launch_point=_ll(launch.src, piece_from[p])))
    territory_rows.sort(key=lambda r: (r.distance_km, r.id))

    state_rows = _states(kb, w, held, piece_d, reach_, territory_rows)
    area_rows = _areas(kb, w, region_d, region_near, reach_, day)
    city_rows, counts_c = _cities(launch, reach_, min_population)
    target_rows = tuple(_target(kb, w, launch, name, held, terr_d, piece_d, piece_near, region_d, region_near,
                                reach_) for name in targets)

    counts = {
        "territories_within_low": sum(r.within_low for r in territory_rows),
        "territories_within_high": sum(r.within_high for r in territory_rows),
        "states_within_low": sum(r.within_low for r in state_rows),
        "states_within_high": sum(r.within_high for r in state_rows),
        **counts_c,
    }
    cover = None
    if commitments:
        from casus.reach import danger

        if danger.available():
            cover = danger.commitments(kb, day, tuple(territory_rows))
        else:
            notes.append("Commitments are not shown: the law engine is not installed.")
    return ReachResult(day, launch.origin, rng, facts, tuple(notes), tuple(territory_rows), tuple(state_rows),
                       tuple(city_rows), tuple(area_rows), target_rows, counts, cover, (cities.CREDIT, _NE_CREDIT),
                       min_population=min_population)


_NE_CREDIT = "Borders: Natural Earth 1:10m admin-0 (public domain), with parts as defined in the casus knowledge base."


# --------------------------------------------------------------------------- pieces of the answer

class Ranges:
    """The low and high range (m); a range beyond half the circumference reaches everything."""

    def __init__(self, low_m: float, high_m: float) -> None:
        self.low_m, self.high_m = low_m, high_m
        self.all_low = low_m >= HALF_CIRCUMFERENCE_KM * 1000.0
        self.all_high = high_m >= HALF_CIRCUMFERENCE_KM * 1000.0

    def low(self, d: float) -> bool:
        return bool(self.all_low or d <= self.low_m)

    def high(self, d: float) -> bool:
        return bool(self.all_high or d <= self.high_m)


def _check_km(km: Any) -> float:
    try:
        v = float(km)
    except (TypeError, ValueError):
        raise InputError(f"range {km!r} is not a number", field="km", accepted="a distance in km, 0 or more") \
            from None
    if not math.isfinite(v):
        raise InputError(f"range {km!r} is not a finite number", field="km", accepted="a distance in km, 0 or more")
    if v < 0:
        raise InputError(f"range {v:g} km is negative", field="km", accepted="a distance in km, 0 or more")
    return v


def _source(est: Any) -> dict[str, Any]:
    out = est.source.model_dump(mode="json", exclude_none=True)
    if est.note:
        out["note"] = est.note
    return out  # type: ignore[no-any-return]


def _missile_facts(m: Missile, day: dt.date, launch_state: str | None) -> tuple[MissileFacts, list[str]]:
    notes = []
    tested = m.tested_by(day)
    when = m.first_flight_words()
    if tested is False:
        notes.append(f"{m.name} had not been flight-tested successfully on {day.isoformat()} (first successful "
                     f"flight test: {when}); the answer shows what its later public range estimates would reach.")
    elif tested is None:
        notes.append(f"Whether {m.name} had been flight-tested successfully by {day.isoformat()} is not known: "
                     f"the sources date its first successful flight test only as {when}.")
    if launch_state and launch_state != m.owner:
        notes.append(f"The launch point is held by {launch_state}, not by the missile's owner {m.owner}.")
    rng = {"low": {"km": m.range.low.km, "source": _source(m.range.low)},
           "high": {"km": m.range.high.km, "source": _source(m.range.high)}}
    payload = tuple({"kg": p.kg, "note": p.note, "source": p.source.model_dump(mode="json", exclude_none=True)}
                    for p in m.payload)
    return MissileFacts(m.id, m.name, m.owner, m.missile_class, m.status, m.first_flight, m.first_flight_precision,
                        tested, rng, payload), notes


def _to_shapes(launch: Launch, dst: nearest.Shapes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distance (m) from the launch area to each dst shape, with the vertex attaining it on each side."""
    res = nearest.nearest(launch.src, dst, exact=True)
    k = np.argmin(res.distance, axis=0)
    cols = np.arange(len(dst))
    return res.distance[k, cols], res.dst_vertex[k, cols], res.src_vertex[k, cols]


def _ll(s: nearest.Shapes, v: int) -> tuple[float, float] | None:
    if v < 0:
        return None
    return (round(float(s.lat[v]), 4), round(float(s.lon[v]), 4))


def _km(d: float) -> float:
    return round(d / 1000.0, 1)


def _argmin_piece(w: World, t: int, piece_d: np.ndarray) -> int:
    cand = np.flatnonzero(w.subtree[t])
    return int(cand[np.argmin(piece_d[cand])])


def _territory_name(kb: KnowledgeBase, tid: str) -> str:
    t = kb.territories.get(tid)
    return t.name if t is not None else tid


def _states(kb: KnowledgeBase, w: World, held: tuple[Holder, ...], piece_d: np.ndarray, reach_: Ranges,
            territory_rows: list[Reached]) -> list[Reached]:
    best: dict[str, float] = {}
    for p, t in enumerate(w.piece_territory):
        h = held[int(t)]
        for code in {h.sovereign, h.administrator}:
            if code is not None:
                best[code] = min(best.get(code, math.inf), float(piece_d[p]))
    rows = []
    for code, d in best.items():
        if not reach_.high(d):
            continue
        terr = tuple(r.id for r in territory_rows if r.within_high and code in (r.state, r.administrator))
        name = kb.states[code].name if code in kb.states else code
        rows.append(Reached("state", code, name, _km(d), reach_.low(d), True, state=code, territories=terr))
    rows.sort(key=lambda r: (r.distance_km, r.id))
    return rows


def _areas(kb: KnowledgeBase, w: World, region_d: np.ndarray, region_near: np.ndarray, reach_: Ranges,
           day: dt.date) -> list[Reached]:
    named = _clauses_naming_regions(kb, day)
    rows = []
    for r, rid in enumerate(w.region_ids):
        d = float(region_d[r])
        if not reach_.high(d):
            continue
        reg = kb.regions.get(rid)
        rows.append(Reached("area", rid, reg.name if reg else rid, _km(d), reach_.low(d), True,
                            area_kind=reg.kind if reg else None, clauses=tuple(sorted(named.get(rid, ()))),
                            nearest=_ll(w.regions, int(region_near[r]))))
    rows.sort(key=lambda r: (r.distance_km, r.id))
    return rows


def _clauses_naming_regions(kb: KnowledgeBase, day: dt.date) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}

    def walk(expr: Any, cid: str) -> None:
        if isinstance(expr, dict):
            for k, v in expr.items():
                if k == "region" and isinstance(v, str):
                    out.setdefault(v, set()).add(cid)
                else:
                    walk(v, cid)
        elif isinstance(expr, list | tuple):
            for v in expr:
                walk(v, cid)

    for t in kb.treaties.values():
        if not (t.in_force <= day and (t.ended is None or day < t.ended)):
            continue
        for c in t.clauses:
            for ph in c.phases:
                if ph.start <= day and (ph.end is None or day < ph.end):
                    walk(dict(ph.targets), c.id)
    return out


def _cities(launch: Launch, reach_: Ranges, min_population: int) -> tuple[list[Reached], dict[str, int]]:
    c = cities.load()
    if launch.src.geoms is None:  # a point: every city at once, then Karney for the ones that matter
        u = launch.src.u
        d = geodesic.matrix(u, geodesic.unit_vectors(c.lon, c.lat), (launch.src.lon, launch.src.lat),
                            (c.lon, c.lat))[0]
        near = d <= reach_.high_m * (1 + 2 * geodesic.LAMBERT_MAX_REL_ERROR) + 1.0
        idx = np.flatnonzero(near)
        d[idx] = geodesic.karney(launch.src.lon[0], launch.src.lat[0], c.lon[idx], c.lat[idx])
    else:
        # an area: cap bounds decide most cities; exact distances only for the undecided and the listed
        lower, upper = nearest.point_bounds(launch.src, c.lon, c.lat)
        d = (lower + upper) / 2
        undecided = np.zeros(len(c), dtype=bool)
        for r, everything in ((reach_.high_m, reach_.all_high), (reach_.low_m, reach_.all_low)):
            if not everything:
                undecided |= (lower <= r + 1.0) & (upper > r - 1.0)
        listed = (c.population >= min_population) & (reach_.all_high | (lower <= reach_.high_m + 1.0))
        todo = np.flatnonzero((undecided | listed) & (upper > 0))
        if todo.size:
            pts = nearest.from_points([str(i) for i in todo], c.lon[todo], c.lat[todo])
            d[todo] = nearest.nearest(launch.src, pts, exact=True).distance[0]
    in_hi = np.ones(len(c), dtype=bool) if reach_.all_high else d <= reach_.high_m
    in_lo = np.ones(len(c), dtype=bool) if reach_.all_low else d <= reach_.low_m
    counts = {"cities_within_low": int(in_lo.sum()), "cities_within_high": int(in_hi.sum()),
              "population_within_low": int(c.population[in_lo].sum()),
              "population_within_high": int(c.population[in_hi].sum())}
    rows = [Reached("city", str(int(c.geonameid[i])), c.name[i], _km(float(d[i])), bool(in_lo[i]), True,
                    state=c.country[i] or None, population=int(c.population[i]),
                    nearest=(float(c.lat[i]), float(c.lon[i])))
            for i in np.flatnonzero(in_hi & (c.population >= min_population))]
    rows.sort(key=lambda r: (r.distance_km, r.id))
    return rows, counts


def _target(kb: KnowledgeBase, w: World, launch: Launch, name: str, held: tuple[Holder, ...], terr_d: np.ndarray,
            piece_d: np.ndarray, piece_near: np.ndarray, region_d: np.ndarray, region_near: np.ndarray,
            reach_: Ranges) -> Reached:
    """A place asked for by name: territory or state code, area, 'lat,lon', or city (in that order)."""
    from casus.errors import UnknownPlaceError, UnknownStateError
    from casus.reach.origin import parse_latlon

    def row(kind: str, ident: str, label: str, d: float, **kw: Any) -> Reached:
        return Reached(kind, ident, label, _km(d), reach_.low(d), reach_.high(d), **kw)

    text = str(name).strip()
    key = text.lower()
    ids = {tid: t for t, tid in enumerate(w.territory_ids)}
    by_name = {_territory_name(kb, tid).lower(): tid for tid in w.territory_ids}
    for tid in w.territory_ids:
        for a in getattr(kb.territories.get(tid), "aliases", ()):
            by_name.setdefault(a.lower(), tid)
    found = key if key in ids else by_name.get(key)
    if found is not None:
        tid = found
        t = ids[tid]
        p = _argmin_piece(w, t, piece_d)
        return row("territory", tid, _territory_name(kb, tid), float(terr_d[t]), state=held[t].sovereign,
                   administrator=held[t].administrator, nearest=_ll(w.pieces, int(piece_near[p])))
    regions = {rid: r for r, rid in enumerate(w.region_ids)}
    rid = key if key in regions else next((r for r in w.region_ids if kb.regions.get(r) is not None
                                           and kb.regions[r].name.lower() == key), None)
    if rid is not None:
        r = regions[rid]
        return row("area", rid, kb.regions[rid].name if rid in kb.regions else rid, float(region_d[r]),
                   area_kind=kb.regions[rid].kind if rid in kb.regions else None,
                   nearest=_ll(w.regions, int(region_near[r])))
    if len(text) == 3 and text.isalpha():
        try:
            st = kb.state(text)
        except UnknownStateError:
            st = None
        if st is not None:
            mine = [p for p, t in enumerate(w.piece_territory)
                    if st.code in (held[int(t)].sovereign, held[int(t)].administrator)]
            if not mine:
                raise InputError(f"{st.name} ({st.code}) held no territory on that date", field="target")
            p = mine[int(np.argmin(piece_d[mine]))]
            return row("state", st.code, st.name, float(piece_d[p]), state=st.code,
                       nearest=_ll(w.pieces, int(piece_near[p])))
    ll = parse_latlon(text)
    if ll is not None:
        pt = nearest.from_points([text], [ll[1]], [ll[0]])
        d = float(nearest.nearest(launch.src, pt, exact=True).distance.min())
        return row("point", f"{ll[0]:.4f},{ll[1]:.4f}", text, d, nearest=ll)
    try:
        c = cities.load()
        i = c.find(text)
    except UnknownPlaceError as exc:
        exc.message = f"{exc.message} (a target is a territory, a state code, an area, a city or 'lat,lon')"
        exc.args = (exc.message,)
        raise
    pt = nearest.from_points([c.name[i]], [c.lon[i]], [c.lat[i]])
    d = float(nearest.nearest(launch.src, pt, exact=True).distance.min())
    return row("city", str(int(c.geonameid[i])), c.label(i), d, state=c.country[i] or None,
               population=int(c.population[i]), nearest=(float(c.lat[i]), float(c.lon[i])))
