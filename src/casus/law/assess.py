"""Assess attacks: resolve each place, judge every clause in force, and report findings.

``assess`` is ``assess_many`` with one attack: places are resolved together
(one vectorised point lookup), attacks are grouped by date (one set of party
and control tables per date), and every clause is judged for the whole group
with numpy. Findings are dressed in words only when an assessment is read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from casus.display import Displayable, join_names
from casus.errors import CasusError, ScenarioError
from casus.geo import query as geo_query
from casus.geo.atlas import atlas_of
from casus.law.attack import Attack, Point
from casus.law.findings import Finding, build_finding, place_words
from casus.law.kernel import (
    OUTSIDE,
    ClauseVerdicts,
    DayTables,
    as_object,
    day_tables,
    epoch_start,
    judge,
    territory_table_factory,
)
from casus.law.scope import NONE, Batch

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, eq=False, repr=False)
class Assessment(Displayable):
    """All findings for one attack, and (on demand) the cascade it may set off."""

    kb: KnowledgeBase = field(repr=False)
    attack: Attack
    victim: str
    point: Point | None
    where: Any = field(repr=False)      # Whereabouts or None
    tables: DayTables = field(repr=False)
    clause_verdicts: tuple[ClauseVerdicts, ...] = field(repr=False)  # shared by the attacks of one epoch
    row: int = 0                                                       # this attack's row in them

    @property
    def verdicts(self) -> list[tuple[ClauseVerdicts, int]]:
        return [(cv, self.row) for cv in self.clause_verdicts]

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        wd = self.place_dict
        words = place_words(self.kb, wd, self.attack.target) if wd is not None else "No place is given"
        out = []
        for cv, row in self.verdicts:
            treaty, clause = self.kb.clause(cv.clause_id)
            out.append(build_finding(
                self.kb, self.tables, treaty, clause, cv.phase, cv.codes[row], int(cv.exception[row]),
                int(cv.extension[row]), int(cv.status[row]), day=self.attack.date, attacker=self.attack.attacker,
                victim=self.victim,
                target=self.attack.target, act=self.attack.act, place_words=words))
        return tuple(out)

    def status(self, clause_id: str) -> str | None:
        """The status of one clause, or None when it was not in force that day."""
        for cv, row in self.verdicts:
            if cv.clause_id == clause_id:
                return ("applies", "does_not_apply", "ambiguous")[int(cv.status[row])]
        return None

    def finding(self, clause_id: str) -> Finding:
        for f in self.findings:
            if f.clause == clause_id:
                return f
        from casus.errors import UnknownClauseError

        raise UnknownClauseError(clause_id, [f.clause for f in self.findings], field="clause")

    @property
    def applies(self) -> tuple[str, ...]:
        return tuple(cv.clause_id for cv, row in self.verdicts if int(cv.status[row]) == 0)

    @property
    def bound(self) -> tuple[str, ...]:
        """Every state bound by at least one clause that applies."""
        return tuple(sorted({s for f in self.findings if f.status == "applies" for s in f.bound}))

    @cached_property
    def place_dict(self) -> dict[str, Any] | None:
        if self.where is None:
            return None
        d = dict(self.where.to_dict())
        d["region_names"] = [self.kb.regions[r].name for r in d.get("regions", []) if r in self.kb.regions]
        if isinstance(self.attack.place, str):
            d["query_name"] = self.attack.place
        return d

    @cached_property
    def cascade(self) -> Any:
        from casus.law.cascade import cascade

        return cascade(self.kb, self)

    def to_dict(self, *, with_cascade: bool = True) -> dict[str, Any]:
        place = self.place_dict
        if place is not None:
            place = {k: v for k, v in place.items() if k not in ("query_name", "region_names")}
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if self.attack.id is not None:
            out["id"] = self.attack.id
        attack = self.attack.to_dict()
        attack.pop("id", None)
        attack["victim"] = self.victim
        out.update({
            "attack": attack,
            "place": place,
            "findings": [f.to_dict() for f in self.findings],
            "summary": {
                "applies": [f.clause for f in self.findings if f.status == "applies"],
                "ambiguous": [f.clause for f in self.findings if f.status == "ambiguous"],
                "bound": list(self.bound),
            },
        })
        if with_cascade:
            out["cascade"] = self.cascade.to_dict()
        return out

    # ------------------------------------------------------------ display
    def headline(self) -> str:
        """Which clauses apply and who is bound, in names."""
        kb = self.kb
        place = (self.place_dict or {}).get("territory_name")
        who = _state_name(kb, self.attack.attacker)
        what = f"{who} attacks {_state_name(kb, self.victim)}" + (f" at {place}" if place else "")
        applies = [f for f in self.findings if f.status == "applies"]
        ambiguous = [f for f in self.findings if f.status == "ambiguous"]
        if not applies:
            said = "no clause applies; no state is bound"
        else:
            said = "; ".join(f"{_clause_name(kb, f.clause)} applies"
                             + (f" (bound: {join_names(_state_name(kb, s) for s in f.bound)})" if f.bound else "")
                             for f in applies)
        if ambiguous:
            said += f"; ambiguous: {join_names(_clause_name(kb, f.clause) for f in ambiguous)}"
        return f"{what} on {self.attack.date.isoformat()}: {said}."

    def summary_row(self) -> dict[str, Any]:
        p = self.place_dict or {}
        return {"id": self.attack.id, "date": self.attack.date, "attacker": self.attack.attacker,
                "victim": self.victim, "target": self.attack.target, "territory": p.get("territory"),
                "applies": [f.clause for f in self.findings if f.status == "applies"],
                "ambiguous": [f.clause for f in self.findings if f.status == "ambiguous"], "bound": list(self.bound)}

    def rows(self) -> list[dict[str, Any]]:
        return [{"clause": f.clause, "treaty": _clause_name(self.kb, f.clause), "status": f.status,
                 "bound": ", ".join(f.bound)} for f in self.findings]


def _state_name(kb: KnowledgeBase, code: str | None) -> str:
    if not code:
        return "no state"
    if code == OUTSIDE:
        return "an outside state"
    if code.startswith("nsa:"):
        return code[4:]
    st = kb.states.get(code)
    return st.name if st else code


def _clause_name(kb: KnowledgeBase, clause_id: str) -> str:
    treaty, clause = kb.clause(clause_id)
    return f"{treaty.short_name or treaty.name}, Art. {clause.article}"


def assess(kb: KnowledgeBase, attack: Attack | dict[str, Any]) -> Assessment:
    """Judge every clause in force on the attack's date. Raises a CasusError on bad input."""
    (result,) = assess_many(kb, [attack])
    assert isinstance(result, Assessment)
    return result


def assess_many(kb: KnowledgeBase, attacks: Iterable[Attack | dict[str, Any]], *,
                on_error: Literal["raise", "collect"] = "raise") -> list[Any]:
    """Assess many attacks at once (vectorised by date). With ``on_error="collect"`` a bad
    scenario yields its CasusError in its slot instead of stopping the batch."""
    items: list[Attack | CasusError] = []
    for given in attacks:
        try:
            items.append(given if isinstance(given, Attack) else Attack.parse(given))
        except CasusError as exc:
            if on_error == "raise":
                raise
            items.append(exc)
    results: list[Any] = list(items)
    atlas = atlas_of(kb)
    # 1. places to points (names through the gazetteer, once per distinct name and date)
    points: dict[int, Point] = {}
    wheres: dict[int, Any] = {}
    named: dict[tuple[str, dt.date], Any] = {}
    for i, item in enumerate(items):
        if not isinstance(item, Attack):
            continue
        a = item
        try:
            _check_actors(kb, a)
            if isinstance(a.place, str):
                key = (a.place, a.date)
                if key not in named:
                    named[key] = geo_query.place(kb, a.place, on=a.date)
                w = named[key]
                points[i] = Point(float(w.lat), float(w.lon))
                wheres[i] = w
            elif isinstance(a.place, Point):
                points[i] = a.place
        except CasusError as exc:
            if on_error == "raise":
                raise
            results[i] = exc
    idx = np.fromiter(points, dtype=np.int64, count=len(points))
    T, R = len(atlas.territory_ids), len(atlas.region_ids)
    terr = np.full(len(items), T, dtype=np.int64)
    regions = np.zeros((len(items), R), dtype=bool)
    if len(idx):
        lats = np.array([points[i].lat for i in idx])
        lons = np.array([points[i].lon for i in idx])
        hits = atlas.locate(lats, lons)
        t = np.asarray(hits.territory)
        terr[idx] = np.where(t < 0, T, t)
        regions[idx] = np.asarray(hits.regions, dtype=bool)
    # 2. group by date and judge
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if isinstance(item, Attack) and isinstance(results[i], Attack):
            by_day[epoch_start(kb, item.date)].append(i)
    table_for = territory_table_factory(atlas)
    region_index = {r: k for k, r in enumerate(atlas.region_ids)}
    for day, rows in sorted(by_day.items()):
        tables = day_tables(kb, day)
        victims: list[str] = []
        keep: list[int] = []
        for i in rows:
            one = items[i]
            assert isinstance(one, Attack)
            try:
                victims.append(_victim(kb, one, int(terr[i]), T, tables))
                keep.append(i)
            except CasusError as exc:
                if on_error == "raise":
                    raise
                results[i] = exc
        if not keep:
            continue
        sel = np.asarray(keep)
        batch = Batch(terr=terr[sel], regions=regions[sel], victims=as_object(victims),
                      sovereign=tables.sovereign, administrator=tables.administrator,
                      region_index=region_index, territory_table=table_for)
        attackers = as_object([items[i].attacker for i in keep])  # type: ignore[union-attr]
        targets = np.array([items[i].target for i in keep])  # type: ignore[union-attr]
        acts = np.array([items[i].act for i in keep])  # type: ignore[union-attr]
        verdicts = tuple(judge(kb, tables, batch, attackers, targets, acts))
        for row, i in enumerate(keep):
            done = items[i]
            assert isinstance(done, Attack)
            pt = points.get(i)
            where = None if pt is None else _Where(kb, pt, done.date, wheres.get(i))
            results[i] = Assessment(kb, done, victims[row], pt, where, tables,
                                    verdicts, row)
    return results


class _Where:
    """The resolved place, looked up in words only when an assessment is read."""

    def __init__(self, kb: KnowledgeBase, point: Point, day: dt.date, known: Any) -> None:
        self._kb, self._point, self._day, self._known = kb, point, day, known

    def to_dict(self) -> dict[str, Any]:
        w = self._known if self._known is not None else geo_query.where(self._kb, self._point.lat, self._point.lon,
                                                                       on=self._day)
        return dict(w.to_dict())


def _check_actors(kb: KnowledgeBase, a: Attack) -> None:
    if not a.non_state_attacker and a.attacker != OUTSIDE:
        kb.state(a.attacker)
    if a.victim is not None:
        kb.state(a.victim)


def _victim(kb: KnowledgeBase, a: Attack, t: int, T: int, tables: DayTables) -> str:
    """The attacked state: as given, or the administrator of the place. A territory attack on a
    state that neither holds nor administers the place is refused, since it is probably a mistake."""
    sov = tables.sovereign[t] if t < T else NONE
    adm = tables.administrator[t] if t < T else NONE
    if a.victim is None:
        if adm or sov:
            return str(adm or sov)
        raise ScenarioError("victim: missing, and the place is not any state's territory; name the victim",
                            field="victim", accepted="an ISO 3166-1 alpha-3 code")
    victim = kb.state(a.victim).code
    if a.target == "territory":
        if t >= T:
            raise ScenarioError("place: the point is on the high seas, not any state's territory; use target "
                                "vessel, aircraft or armed_forces", field="place",
                                accepted="a point on land or within 12 nautical miles of it")
        if victim not in (sov, adm):
            raise ScenarioError(
                f"victim: {victim} neither holds nor administers that place (sovereign {sov or 'none'}, "
                f"administrator {adm or 'none'}); for an attack on {victim}'s forces there use target armed_forces",
                field="victim", accepted=" or ".join(sorted({s for s in (sov, adm) if s})))
    return victim

