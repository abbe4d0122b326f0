"""Territories, their sovereign and administrator over time, and the regions clauses name.

A territory is either a whole Natural Earth admin-0 feature (``ne: <ADM0_A3>``,
id = the lowercase code, e.g. ``usa``, ``gum``, ``dza``; a list of codes when
one territory is several features, as the UK Sovereign Base Areas are) or a
named part of a parent (``parent`` + ``select``: a bounding box or polygon that
picks the parent's polygons, a ``gap`` ring around land that Natural Earth gives to
no country, or points and a radius for islets missing at
1:10m; a list of selections is their union). Sovereign and administrator are
kept apart because treaties use one or the other ("territories under the
administration of Japan").

Regions are our own coarse polygons (or unions of other regions, less others),
each sourced. Longitudes may run past 180 so that a polygon can cross the
antimeridian; the geometry compiler wraps them.

:func:`check` runs the cross-file checks no single model can see: parents and
regions that exist, states that exist, selections that select something,
polygons that do not cross themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from casus.kb.models import Model, Slug, Source, Sources, StateCode

LonLat = tuple[float, float]

#: 12 nautical miles (UNCLOS Art. 3) in kilometres: the breadth of the territorial sea.
TERRITORIAL_SEA_KM = 22.224


def _lonlat_ok(p: LonLat, *, wrap: bool = True) -> bool:
    lo, la = p
    return -90.0 <= la <= 90.0 and (-540.0 <= lo <= 540.0 if wrap else -180.0 <= lo <= 180.0)


def _interval(start: dt.date | None, end: dt.date | None, what: str) -> None:
    if start is not None and end is not None and end <= start:
        raise ValueError(f"{what} ends on {end} but starts on {start}: 'to' must be after 'from'")


class Control(Model):
    """Who holds a territory over one dated interval [from, to)."""

    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    sovereign: StateCode | None = Field(description="de jure sovereign; null for terra nullius or undetermined")
    administrator: StateCode | None = Field(default=None, description="who administers it; defaults to the sovereign")
    status: Literal["sovereign", "administered", "occupied", "disputed", "trust", "leased"] = "sovereign"
    by_force: StateCode | None = Field(default=None, description=(
        "the state whose armed attack brought this control about (Argentina on the Falklands, 1982-04-02): "
        "on the period's first day, an attack by that state is judged on the control before it (status quo "
        "ante), never on what it seized. An occupation (status occupied) defaults to its administrator"))
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _dates(self) -> Control:
        if self.by_force is not None and self.start is None:
            raise ValueError("by_force needs 'from': the day the attack brought this control about")
        _interval(self.start, self.end, "a control period")
        return self

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    @property
    def holder(self) -> str | None:
        """The administrator, or the sovereign where no administrator is named."""
        return self.administrator or self.sovereign

    @property
    def seized_by(self) -> str | None:
        """The state whose armed attack brought this control about: ``by_force`` where the data names it, else
        the administrator of an occupation (an occupation is taken by force), else None."""
        if self.by_force is not None:
            return self.by_force
        if self.status == "occupied" and self.start is not None and self.administrator not in (None, self.sovereign):
            return self.administrator
        return None


class Claim(Model):
    """A state's claim to a territory it does not hold (or does not hold alone)."""

    state: StateCode
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    note: str
    sources: Sources

    @model_validator(mode="after")
    def _dates(self) -> Claim:
        _interval(self.start, self.end, f"the claim of {self.state}")
        return self

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


class Select(Model):
    """How a part is cut from its parent."""

    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="min lon, min lat, max lon, max lat: parent polygons that intersect it "
                                  "(max lon may exceed 180 to cross the antimeridian)")
    polygon: tuple[LonLat, ...] | None = Field(default=None, description="clip the parent to this ring")
    gap: tuple[LonLat, ...] | None = Field(default=None, description=(
        "the land inside this ring that Natural Earth gives to no country (a hole in the 1:10m layer, such as "
        "the Golan Heights in its German point of view); the ring must enclose the hole and no sea"))
    point: LonLat | None = Field(default=None, description="lon, lat of an islet missing at 1:10m")
    points: tuple[LonLat, ...] | None = Field(default=None, description="several islets, each with radius_km")
    radius_km: float | None = Field(default=None, gt=0, le=100)

    @model_validator(mode="after")
    def _one(self) -> Select:
        given = [x is not None for x in (self.bbox, self.polygon, self.gap, self.point, self.points)]
        if sum(given) != 1:
            raise ValueError("select needs exactly one of bbox, polygon, gap, point, points")
        if (self.point is not None or self.points is not None) and self.radius_km is None:
            raise ValueError("a point needs radius_km")
        if self.radius_km is not None and self.point is None and self.points is None:
            raise ValueError("radius_km goes with point or points only")
        if self.bbox is not None:
            x0, y0, x1, y1 = self.bbox
            if not (x0 < x1 and y0 < y1):
                raise ValueError(f"bbox {self.bbox} is reversed or empty: give min lon, min lat, max lon, max lat")
            if not (_lonlat_ok((x0, y0)) and _lonlat_ok((x1, y1)) and x1 - x0 <= 360):
                raise ValueError(f"bbox {self.bbox} is out of range (lat -90..90, lon -180..180, or up to 540 "
                                 "to cross the antimeridian)")
        for name, ring in (("polygon", self.polygon), ("gap", self.gap)):
            if ring is None:
                continue
            if len(set(ring)) < 3:
                raise ValueError(f"a {name} needs at least 3 distinct [lon, lat] points")
            bad = [p for p in ring if not _lonlat_ok(p)]
            if bad:
                raise ValueError(f"{name} points out of range: {bad[:3]}")
        pts = [self.point] if self.point is not None else list(self.points or ())
        if self.points is not None and not pts:
            raise ValueError("points is empty")
        bad = [p for p in pts if not _lonlat_ok(p, wrap=False)]
        if bad:
            raise ValueError(f"points out of range (lon -180..180, lat -90..90): {bad[:3]}")
        return self


class Territory(Model):
    id: Slug
    name: str
    ne: str | tuple[str, ...] | None = Field(
        default=None, description="Natural Earth ADM0_A3 of a whole feature (a list when several features)")
    parent: Slug | None = None
    select: Select | tuple[Select, ...] | None = None
    label: LonLat | None = Field(default=None, description="lon, lat of the representative point, if the "
                                                           "computed one is not the place people mean")
    aliases: tuple[str, ...] = ()
    control: tuple[Control, ...] = ()
    claims: tuple[Claim, ...] = ()
    note: str | None = None
    sources: tuple[Source, ...] = ()
    #: the gazetteer entry (casus.kb.features.Feature) when this territory is a feature from features.yaml
    feature: SkipJsonSchema[Any] = Field(default=None, exclude=True)

    @field_validator("select", mode="before")
    @classmethod
    def _listify(cls, v: Any) -> Any:
        return tuple(v) if isinstance(v, list) else v

    @model_validator(mode="after")
    def _shape(self) -> Territory:
        if self.feature is not None:
            raise ValueError("'feature' is not written in territories.yaml: features go in features.yaml")
        if self.ne is not None and self.parent is not None:
            raise ValueError("a territory is either a Natural Earth feature (ne) or a part of a parent (parent)")
        if self.ne is None and self.parent is None:  # allowed only for land Natural Earth gives to no country
            if not self.selections or any(s.gap is None for s in self.selections):
                raise ValueError("a territory is either a Natural Earth feature (ne), a part of a parent (parent), "
                                 "or land Natural Earth leaves to no country (select: gap)")
            if not self.control or not self.sources:
                raise ValueError("land Natural Earth leaves to no country needs its own control periods and "
                                 "sources (it has no parent to take them from)")
        if self.parent is not None and self.select is None:
            raise ValueError("a part needs 'select' to say which part of the parent it is")
        if self.ne is not None and self.select is not None:
            raise ValueError("a whole Natural Earth feature takes no 'select'")
        if self.parent is not None and not self.sources:
            raise ValueError("a part needs sources for its definition")
        if isinstance(self.select, tuple) and not self.select:
            raise ValueError("select is an empty list")
        if self.label is not None and not _lonlat_ok(self.label, wrap=False):
            raise ValueError(f"label {self.label} is out of range")
        for a, b in zip(self.control, self.control[1:], strict=False):
            if a.end is None or b.start is None or a.end > b.start:
                raise ValueError(f"control periods overlap or are open before {b.start}")
        return self

    @property
    def ne_codes(self) -> tuple[str, ...]:
        """The Natural Earth ADM0_A3 codes this territory is made of (empty for a part)."""
        if self.ne is None:
            return ()
        return (self.ne,) if isinstance(self.ne, str) else tuple(self.ne)

    @property
    def selections(self) -> tuple[Select, ...]:
        """The selections whose union is this part (empty for a whole feature)."""
        if self.select is None:
            return ()
        return (self.select,) if isinstance(self.select, Select) else tuple(self.select)


class Region(Model):
    id: Slug
    name: str
    kind: Literal["continent", "ocean", "sea", "treaty-area", "area"]
    maritime: bool = Field(default=False, description=(
        "true for a sea or ocean area: it is water, so a point on land inside its outline is not in it "
        "(territorial seas, straits and the air above the water are); a territory lying in the area is "
        "named with the scope predicate territory_in"))
    polygons: tuple[tuple[LonLat, ...], ...] = ()
    union: tuple[Slug, ...] = ()
    minus: tuple[Slug, ...] = ()
    describe: str
    sources: Sources

    @model_validator(mode="after")
    def _shape(self) -> Region:
        if not self.polygons and not self.union:
            raise ValueError("a region needs polygons or a union of regions")
        for i, ring in enumerate(self.polygons):
            if len(set(ring)) < 3:
                raise ValueError(f"polygons[{i}] needs at least 3 distinct [lon, lat] points")
            bad = [p for p in ring if not _lonlat_ok(p)]
            if bad:
                raise ValueError(f"polygons[{i}] has points out of range (lat -90..90, lon -540..540): {bad[:3]}")
        if self.id in self.union or self.id in self.minus:
            raise ValueError(f"region {self.id!r} names itself in union or minus")
        return self


# --------------------------------------------------------------------------- cross-file checks

Report = Callable[[Any, str, "list[str | int] | None"], None]


def check(raw: Any, report: Report) -> None:
    """Cross-file checks for territories.yaml and regions.yaml (see the module docstring).

    Geometry checks read only a small index of the Natural Earth file (cached on
    disk), so that validating the knowledge base stays fast.
    """
    territories = raw.sections.get("territories", {})
    regions = raw.sections.get("regions", {})
    _check_regions(regions, report)
    _check_territories(territories, raw.states, report)
    check_disputes(territories, raw.sections.get("features", {}), report)


def check_disputes(territories: dict[str, Any], features: dict[str, Any], report: Report) -> None:
    """A period marked ``disputed`` has a claimant from its first day, when the territory is claimed at all.

    ``disputed`` means held and claimed by another state; claims add up along the chain of parents (a
    feature's chain starts with the territory it lies ``within``), as :mod:`casus.geo.control` reads them. A
    period that begins before the first claim (Ceuta marked disputed since before 1945, Morocco's claim
    from 1956) says "disputed" of years nobody disputed: it must end where the claim begins. A period with no
    claim anywhere in it (the Baltic states under Soviet rule, whose annexation most Western states did not
    recognise) is a dispute of recognition, which the period's note explains, and is left alone."""
    from casus.dates import COVERED_FROM

    parent: dict[str, str | None] = {tid: w.item.parent for tid, w in territories.items()}
    parent.update({fid: w.item.within for fid, w in features.items()})
    items = {**territories, **features}

    def claims_of(tid: str) -> list[Claim]:
        out: list[Claim] = []
        seen: set[str] = set()
        cur: str | None = tid
        while cur is not None and cur in items and cur not in seen:
            seen.add(cur)
            out.extend(items[cur].item.claims)
            cur = parent.get(cur)
        return out

    for tid, where in items.items():
        kind = "feature" if tid in features else "territory"
        claims = claims_of(tid)
        for i, c in enumerate(where.item.control):
            if c.status != "disputed":
                continue
            start = c.start or COVERED_FROM
            others = [cl for cl in claims if cl.state != c.sovereign]
            if any(cl.covers(start) for cl in others):
                continue
            later = sorted(cl.start for cl in others if cl.start is not None and cl.start > start
                           and (c.end is None or cl.start < c.end))
            if later:
                report(where, f"{kind} {tid}: control[{i}] is 'disputed' from {start.isoformat()}, but no state "
                              f"claims it before {later[0].isoformat()}: end the period there and give the years "
                              "before it their own status", ["control", i, "status"])


def _ring_problem(ring: tuple[LonLat, ...]) -> str | None:
    """Why a ring is not a simple polygon, or None."""
    import shapely

    poly = shapely.Polygon(ring)
    if poly.is_valid and poly.area > 0:
        return None
    reason = shapely.is_valid_reason(poly)
    return f"polygon is not a simple ring ({reason})"


def _check_regions(regions: dict[str, Any], report: Report) -> None:
    for rid, where in regions.items():
        r: Region = where.item
        for key in ("union", "minus"):
            for j, other in enumerate(getattr(r, key)):
                if other not in regions:
                    from casus.errors import close_matches

                    hint = close_matches(other, regions)
                    report(where, f"region {rid}: {key} names unknown region {other!r}"
                                  + (f"; did you mean {', '.join(hint)}?" if hint else ""), [key, j])
        for i, ring in enumerate(r.polygons):
            why = _ring_problem(ring)
            if why:
                report(where, f"region {rid}: polygons[{i}]: {why}", ["polygons", i])
    # cycles through union/minus
    state: dict[str, int] = {}

    def visit(rid: str, path: list[str]) -> None:
        if state.get(rid) == 2 or rid not in regions:
            return
        if state.get(rid) == 1:
            cyc = [*path[path.index(rid):], rid]
            report(regions[rid], f"region {rid}: union/minus cycle {' -> '.join(cyc)}", None)
            return
        state[rid] = 1
        r = regions[rid].item
        for other in (*r.union, *r.minus):
            visit(other, [*path, rid])
        state[rid] = 2

    for rid in regions:
        visit(rid, [])


def _check_territories(territories: dict[str, Any], states: dict[str, Any], report: Report) -> None:
    from casus.errors import close_matches

    ne_seen: dict[str, str] = {}
    index = None
    for tid, where in territories.items():
        t: Territory = where.item
        if t.parent is not None and t.parent not in territories:
            hint = close_matches(t.parent, territories)
            report(where, f"territory {tid}: unknown parent {t.parent!r}"
                          + (f"; did you mean {', '.join(hint)}?" if hint else ""), ["parent"])
        for code in t.ne_codes:
            if code in ne_seen:
                report(where, f"territory {tid}: Natural Earth feature {code} is already territory "
                              f"{ne_seen[code]!r}", ["ne"])
            ne_seen[code] = tid
        check_control(f"territory {tid}", t, where, states, report)
        for i, sel in enumerate(t.selections):
            loc: list[str | int] = ["select", i] if isinstance(t.select, tuple) else ["select"]
            for name, ring in (("polygon", sel.polygon), ("gap", sel.gap)):
                why = _ring_problem(ring) if ring is not None else None
                if why:
                    report(where, f"territory {tid}: select {why}", [*loc, name])
        if t.ne is not None and not t.control:
            report(where, f"territory {tid}: a Natural Earth feature needs control periods", ["control"])
    # parent cycles
    for tid, where in territories.items():
        seen = [tid]
        cur = where.item.parent
        while cur is not None and cur in territories:
            if cur in seen:
                report(where, f"territory {tid}: parent cycle {' -> '.join([*seen, cur])}", ["parent"])
                break
            seen.append(cur)
            cur = territories[cur].item.parent
    # Natural Earth: codes exist, bbox selections select something
    try:
        from casus.kb.naturalearth import ne_index

        index = ne_index()
    except Exception as exc:  # the NE file is a dependency; a broken install is one problem, not a crash
        first = next(iter(territories.values()), None)
        if first is not None:
            report(first, f"cannot read the Natural Earth index to check territories: {exc}", None)
        return
    for tid, where in territories.items():
        t = where.item
        for code in t.ne_codes:
            if code not in index.codes:
                hint = close_matches(code, index.codes)
                report(where, f"territory {tid}: {code!r} is not an ADM0_A3 code in Natural Earth"
                              + (f"; did you mean {', '.join(hint)}?" if hint else ""), ["ne"])
        if t.parent is None:
            continue
        root = _root_codes(tid, territories)
        if root is None:
            continue
        for i, sel in enumerate(t.selections):
            loc = ["select", i] if isinstance(t.select, tuple) else ["select"]
            box = sel.bbox
            if sel.polygon is not None:
                xs = [p[0] for p in sel.polygon]
                ys = [p[1] for p in sel.polygon]
                box = (min(xs), min(ys), max(xs), max(ys))
            if box is not None and not index.any_ring_in(root, box):
                report(where, f"territory {tid}: select {box} picks nothing from "
                              f"{', '.join(root)} (no Natural Earth polygon there)", loc)


def check_control(label: str, item: Any, where: Any, states: dict[str, Any], report: Report) -> None:
    """The states a territory's (or a feature's) control periods and claims name exist, and existed then."""
    for i, c in enumerate(item.control):
        for role in ("sovereign", "administrator"):
            code = getattr(c, role)
            if code is None:
                continue
            if code not in states:
                report(where, f"{label}: control[{i}] {role} {code!r} is not in states.yaml", ["control", i, role])
                continue
            why = _lifetime_problem(states[code].item, c.start, c.end)
            if why:
                report(where, f"{label}: control[{i}] {role} {code} {why}", ["control", i, role])
        if c.by_force is not None and c.by_force not in states:
            report(where, f"{label}: control[{i}] by_force {c.by_force!r} is not in states.yaml",
                   ["control", i, "by_force"])
    for i, cl in enumerate(item.claims):
        if cl.state not in states:
            report(where, f"{label}: claimant {cl.state!r} is not in states.yaml", ["claims", i, "state"])
            continue
        why = _lifetime_problem(states[cl.state].item, cl.start, cl.end)
        if why:
            report(where, f"{label}: claimant {cl.state} {why}", ["claims", i, "state"])


def _lifetime_problem(state: Any, start: dt.date | None, end: dt.date | None) -> str | None:
    """Why a period [start, end) is not inside the state's existence, or None.

    A period with no ``from`` runs from before 1945, so its state must have no ``from`` either; a period with
    no ``to`` runs to today, so its state must not have ended.
    """
    s0, s1 = state.start, state.end
    if s0 is not None and (start is None or start < s0):
        return (f"did not exist yet on {start or 'the start of the period (before 1945)'} "
                f"(exists from {s0.isoformat()})")
    if s1 is not None and (end is None or end > s1):
        return f"no longer existed after {s1.isoformat()} but the period runs to {end or 'today'}"
    return None


def _root_codes(tid: str, territories: dict[str, Any]) -> tuple[str, ...] | None:
    cur = territories[tid].item
    for _ in range(len(territories)):
        if cur.parent is None:
            return cur.ne_codes
        if cur.parent not in territories:
            return None
        cur = territories[cur.parent].item
    return None
