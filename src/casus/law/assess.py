"""Assess attacks: resolve each place, judge every clause in force, and report findings.

``assess`` is ``assess_many`` with one attack: places are resolved together
(one vectorised point lookup), attacks are grouped by date (one set of party
and control tables per date), and every clause is judged for the whole group
with numpy. Findings are dressed in words only when an assessment is read.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from casus.display import Displayable
from casus.errors import CasusError, ScenarioError
from casus.geo import query as geo_query
from casus.geo.atlas import atlas_of
from casus.law.attack import Attack, Point
from casus.law.findings import Finding, build_finding, control_words, not_in_force_finding, place_words
from casus.law.kernel import (
    DOES_NOT_APPLY,
    FAILS,
    NOT_IN_FORCE,
    OUTSIDE,
    ClauseVerdicts,
    DayTables,
    ante_key,
    as_object,
    day_tables,
    epoch_start,
    general_epoch_start,
    held_targets,
    judge,
    judge_light,
    status_quo_ante,
    territory_table_factory,
)
from casus.law.scope import NONE, Batch

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

SCHEMA_VERSION = "1.0"

#: The compact document (``Assessment.to_dict(detail=False)``, the default of ``casus assess FILE``): a faithful
#: subset of the full one, every field it has holding the full document's value. It keeps
#: ``schema_version``, ``id``, ``headline``, ``attack``, ``summary``; ``place`` with the fields below;
#: ``findings`` only for the clauses that apply or are ambiguous, each with the fields below; and ``cascade``
#: with its ``rounds`` and ``conflicts`` (not the graph or the assumption). It leaves out ``control``, the
#: clauses that do not apply, and each finding's reasons, response, political step, sources and caveats.
COMPACT_FIELDS = ("schema_version", "id", "headline", "attack", "place", "findings", "summary", "cascade")
COMPACT_PLACE = ("query", "lat", "lon", "on", "territory", "territory_name", "sovereign", "administrator", "status",
                 "setting")
COMPACT_FINDING = ("clause", "treaty", "article", "kind", "status", "bound", "bound_if_applies", "automatic")
COMPACT_CASCADE = ("rounds", "conflicts")


@dataclass(frozen=True, eq=False, repr=False)
class Assessment(Displayable):
    """All findings for one attack, and (on demand) the cascade it may set off."""

    kb: KnowledgeBase = field(repr=False)
    attack: Attack
    victim: str
    point: Point | None
    where: Any = field(repr=False)      # Whereabouts or None
    tables: DayTables = field(repr=False)
    clause_verdicts: tuple[ClauseVerdicts, ...] = field(repr=False)  # shared by the attacks of one span
    row: int = 0                                                       # this attack's row in them

    @cached_property
    def _in_force(self) -> tuple[ClauseVerdicts, ...]:
        """The verdicts of the clauses in force on the attack's day (those of a span include clauses in force
        only on other days of it)."""
        row = self.row
        return tuple(cv for cv in self.clause_verdicts if int(cv.status[row]) != NOT_IN_FORCE)

    @property
    def verdicts(self) -> list[tuple[ClauseVerdicts, int]]:
        return [(cv, self.row) for cv in self._in_force]

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(self._finding(cv) for cv in self._in_force) + self._not_in_force

    @cached_property
    def relevant_findings(self) -> tuple[Finding, ...]:
        """The findings a headline speaks of, in the order of :attr:`findings`: all but the clauses of
        treaties the attacked state was not party to (which could never have bound anyone). Only these are
        put into words for a compact document or a headline."""
        row = self.row
        return tuple(self._finding(cv) for cv in self._in_force
                     if not (int(cv.status[row]) == DOES_NOT_APPLY and int(cv.codes[row][0]) == FAILS)
                     ) + self._not_in_force

    @cached_property
    def _built(self) -> dict[str, Finding]:
        return {}

    @cached_property
    def _place_words(self) -> str:
        wd = self.place_dict
        return place_words(self.kb, wd, self.attack.target) if wd is not None else "No place is given"

    def _finding(self, cv: ClauseVerdicts) -> Finding:
        """One clause's verdict in words (built once)."""
        got = self._built.get(cv.clause_id)
        if got is None:
            row = self.row
            treaty, clause = self.kb.clause(cv.clause_id)
            got = self._built[cv.clause_id] = build_finding(
                self.kb, self.tables, treaty, clause, cv.phase, cv.codes[row], int(cv.exception[row]),
                int(cv.extension[row]), int(cv.status[row]), day=self.attack.date, attacker=self.attack.attacker,
                victim=self.victim, target=self.attack.target, act=self.attack.act, place_words=self._place_words,
                control=self.control)
        return got

    @cached_property
    def _not_in_force(self) -> tuple[Finding, ...]:
        day = self.attack.date
        out: list[Finding] = []
        for t in self.kb.treaties.values():
            # signed, not in force: said, so that nobody counts it; only where the attacked state signed it
            if t.in_force is None and t.signed <= day and self.victim in t.signatories:
                out.extend(not_in_force_finding(self.kb, t, c, day) for c in t.clauses)
        return tuple(out)

    @cached_property
    def control(self) -> dict[str, Any] | None:
        """The control of the place the findings were judged on, and why (status quo ante); None off territory."""
        if self.where is None:
            return None
        tid = self.where.to_dict().get("territory")
        if tid is None:
            return None
        return control_words(self.kb, self.tables, tid, atlas_of(self.kb).index(tid), self.attack.attacker,
                             self.attack.date)

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
        return tuple(sorted({s for f in self.relevant_findings if f.status == "applies" for s in f.bound}))

    @cached_property
    def place_dict(self) -> dict[str, Any] | None:
        if self.where is None:
            return None
        d = dict(self.where.to_dict())
        used = self.control
        if used is not None and used["rule"] == "status_quo_ante":
            # the place as the attack found it; ``where`` for the same day shows the control in force
            d.update(sovereign=used["sovereign"], administrator=used["administrator"])
            d["status"] = used.get("status", d.get("status"))
        d["region_names"] = [self.kb.regions[r].name for r in d.get("regions", []) if r in self.kb.regions]
        if isinstance(self.attack.place, str):
            d["query_name"] = self.attack.place
        return d

    @cached_property
    def cascade(self) -> Any:
        from casus.law.cascade import cascade

        return cascade(self.kb, self)

    def place_out(self) -> dict[str, Any] | None:
        """The resolved place as the JSON document shows it."""
        place = self.place_dict
        if place is None:
            return None
        return {k: v for k, v in place.items() if k not in ("query_name", "region_names")}

    def to_dict(self, *, with_cascade: bool = True, detail: bool = True) -> dict[str, Any]:
        """The assessment as JSON data. ``detail=False`` gives the compact document of a batch, a faithful
        subset of the full one: see :data:`COMPACT_FIELDS`."""
        if not detail:
            return self._compact_dict(with_cascade)
        out = self._opening()
        out.update({
            "place": self.place_out(),
            "control": self.control,
            "findings": [f.to_dict() for f in self.findings],
            "summary": {
                "applies": [f.clause for f in self.findings if f.status == "applies"],
                "ambiguous": [f.clause for f in self.findings if f.status == "ambiguous"],
                "bound": list(self.bound),
                "dormant": sorted({f.clause for f in self.findings if f.dormancy is not None
                                   and f.status != "does_not_apply"}),
            },
        })
        if with_cascade:
            out["cascade"] = self.cascade.to_dict()
        return out

    def _opening(self) -> dict[str, Any]:
        """The keys both documents open with, in order: schema version, id, headline, the attack as judged."""
        from casus.law.headline import assessment_headline

        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if self.attack.id is not None:
            out["id"] = self.attack.id
        out["headline"] = assessment_headline(self.kb, self)
        attack = self.attack.to_dict()
        attack.pop("id", None)
        attack["victim"] = self.victim
        out["attack"] = attack
        return out

    @property
    def telling_findings(self) -> list[Finding]:
        """The findings a compact document keeps: the clauses that apply or are ambiguous."""
        return [f for f in self.relevant_findings if f.status != "does_not_apply"]

    def compact_place(self) -> dict[str, Any] | None:
        """The place's main facts (:data:`COMPACT_PLACE`), for a compact document."""
        place = self.place_out()
        return None if place is None else {k: place[k] for k in COMPACT_PLACE if k in place}

    def _compact_dict(self, with_cascade: bool) -> dict[str, Any]:
        out = self._opening()
        findings = self.telling_findings
        out.update({
            "place": self.compact_place(),
            "findings": [f.to_dict(detail=False) for f in findings],
            "summary": {
                "applies": [f.clause for f in findings if f.status == "applies"],
                "ambiguous": [f.clause for f in findings if f.status == "ambiguous"],
                "bound": list(self.bound),
                "dormant": sorted({f.clause for f in findings if f.dormancy is not None}),
            },
        })
        if with_cascade:
            out["cascade"] = self.cascade.to_dict(detail=False)
        return out

    # ------------------------------------------------------------ display
    def headline(self) -> str:
        """The scenario, then which clauses apply and who is bound, in names (see :mod:`casus.law.headline`)."""
        from casus.law.headline import assessment_headline, scenario_title

        return f"{scenario_title(self.kb, self)}. " + " ".join(assessment_headline(self.kb, self).splitlines())

    def summary_row(self) -> dict[str, Any]:
        p = self.place_dict or {}
        return {"id": self.attack.id, "date": self.attack.date, "attacker": self.attack.attacker,
                "victim": self.victim, "target": self.attack.target, "territory": p.get("territory"),
                "applies": [f.clause for f in self.findings if f.status == "applies"],
                "ambiguous": [f.clause for f in self.findings if f.status == "ambiguous"], "bound": list(self.bound)}

    def rows(self) -> list[dict[str, Any]]:
        from casus.kb.words import clause_label

        # the answer first: clauses that apply, then those that may, then the rest (each in the kernel's order)
        order = {"applies": 0, "ambiguous": 1}
        return [{"clause": f.clause, "treaty": clause_label(self.kb, f.clause, short=True), "status": f.status,
                 "bound": ", ".join(f.bound)} for f in sorted(self.findings, key=lambda f: order.get(f.status, 2))]


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
    found: dict[int, int] = {}
    hits: Any = None
    T, R = len(atlas.territory_ids), len(atlas.region_ids)
    terr = np.full(len(items), T, dtype=np.int64)
    regions = np.zeros((len(items), R), dtype=bool)
    if len(idx):
        lats = np.array([points[i].lat for i in idx])
        lons = np.array([points[i].lon for i in idx])
        hits = atlas.locate(lats, lons)
        found = {int(i): k for k, i in enumerate(idx)}  # item -> its row in hits, for its place in words
        t = np.asarray(hits.territory)
        terr[idx] = np.where(t < 0, T, t)
        regions[idx] = np.asarray(hits.regions, dtype=bool)
    # 2. group by date and judge: the general clauses once per span in which none of them changes, the
    #    simple clauses (vectorised, cheap) once per full epoch inside it
    #    (an attacker's own seizures of its day are undone first: status quo ante, a span of its own)
    by_span: dict[tuple[dt.date, str | None], dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, item in enumerate(items):
        if isinstance(item, Attack) and isinstance(results[i], Attack):
            epoch = epoch_start(kb, item.date)
            ante = ante_key(day_tables(kb, epoch), item.attacker, item.date)
            by_span[(general_epoch_start(kb, item.date), ante)][epoch].append(i)
    table_for = territory_table_factory(atlas)
    region_index = {r: k for k, r in enumerate(atlas.region_ids)}
    rank = _clause_rank(kb)
    victims: dict[int, str] = {}
    territory_regions = atlas.territory_region_table()

    def batch_of(rows: list[int], tables: DayTables) -> tuple[Batch, np.ndarray, np.ndarray, np.ndarray]:
        sel = np.asarray(rows)
        batch = Batch(terr=terr[sel], regions=regions[sel], victims=as_object([victims[i] for i in rows]),
                      sovereign=tables.sovereign, administrator=tables.administrator,
                      region_index=region_index, territory_table=table_for,
                      territory_regions=territory_regions)
        attackers = as_object([items[i].attacker for i in rows])  # type: ignore[union-attr]
        targets = np.array([items[i].target for i in rows])  # type: ignore[union-attr]
        acts = np.array([items[i].act for i in rows])  # type: ignore[union-attr]
        return batch, attackers, targets, acts

    def tables_on(day: dt.date, ante: str | None) -> DayTables:
        tables = day_tables(kb, day)
        return status_quo_ante(tables, ante) if ante is not None else tables

    for (_, ante), epochs in sorted(by_span.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        # victims first, on each epoch's tables (control of territory is the same across the span)
        keep: list[int] = []
        epoch_of: dict[int, dt.date] = {}
        for day, rows in sorted(epochs.items()):
            tables = tables_on(day, ante)
            for i in rows:
                one = items[i]
                assert isinstance(one, Attack)
                try:
                    victims[i] = _victim(kb, one, int(terr[i]), T, tables)
                    keep.append(i)
                    epoch_of[i] = day
                except CasusError as exc:
                    if on_error == "raise":
                        raise
                    results[i] = exc
        if not keep:
            continue

        # one attack alone (an API request, a click on the map): its verdicts depend only on the span or
        # epoch and on what the kernel reads of the attack, so they are remembered (see _verdict_memo)
        sig = _signature(items[keep[0]], int(terr[keep[0]]), regions[keep[0]], victims[keep[0]]) \
            if len(keep) == 1 else None
        memo = _verdict_memo(kb) if sig is not None else {}
        first_day = epoch_of[keep[0]]
        first = tables_on(first_day, ante)
        span = general_epoch_start(kb, first_day)
        batch, attackers, targets, acts = batch_of(keep, first)
        targets = held_targets(batch, targets)
        # the general clauses and the simple clauses of the same treaties change only at the span's dates
        # (judged once, on its first tables); the all-simple treaties are judged for the whole span at once,
        # each attack on its own epoch's parties (judge_light)
        mkey = ("general", span, ante, sig)
        general = memo.get(mkey) if sig is not None else None
        if general is None:
            general = [*judge(kb, first, batch, attackers, targets, acts, part="general"),
                       *judge(kb, first, batch, attackers, targets, acts, part="heavy_simple")]
            if sig is not None:
                memo[mkey] = general
        position = {i: k for k, i in enumerate(keep)}
        days = sorted({epoch_of[i] for i in keep})
        parts = [(tables_on(day, ante), np.array([position[i] for i in keep if epoch_of[i] == day]))
                 for day in days]
        mkey = ("light", days[0], ante, sig)
        light = memo.get(mkey) if sig is not None else None
        if light is None:
            light = judge_light(kb, parts, batch.victims, attackers, targets, acts)
            if sig is not None:
                memo[mkey] = light
        verdicts = tuple(sorted([*general, *light], key=lambda v: rank[v.clause_id]))
        for tables, at in parts:
            for row in at.tolist():
                i = keep[row]
                done = items[i]
                assert isinstance(done, Attack)
                pt = points.get(i)
                where = None if pt is None else _Where(kb, pt, done.date, wheres.get(i),
                                                       (hits, found[i]) if i in found else None)
                results[i] = Assessment(kb, done, victims[i], pt, where, tables, verdicts, row)
    return results


_VERDICTS: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()
#: single-attack verdicts remembered per knowledge base before the memo starts afresh
VERDICT_MEMO_LIMIT = 20_000


def _verdict_memo(kb: KnowledgeBase) -> dict[Any, Any]:
    """Verdicts of single attacks, per knowledge base. The kernel is vectorised for batches; one attack
    alone pays its fixed cost (a few milliseconds, most of an API request), and the same (day, place,
    actors) comes back often: a map user clicking around, a client repeating a question."""
    memo = _VERDICTS.get(kb)
    if memo is None or len(memo) > VERDICT_MEMO_LIMIT:
        memo = {}
        _VERDICTS[kb] = memo
    return memo


def _signature(a: Any, terr: int, regions: np.ndarray, victim: str) -> tuple[Any, ...]:
    """All the kernel reads of one attack besides the day: territory, regions, actors, target and act."""
    return (terr, regions.tobytes(), victim, a.attacker, a.target, a.act)


@lru_cache(maxsize=16)
def _clause_rank(kb: KnowledgeBase) -> dict[str, int]:
    """Clause order as the kernel lists them (treaty order, then clause order), for merged verdicts."""
    return {c.id: k for k, c in enumerate(c for t in kb.treaties.values() for c in t.clauses)}


class _Where:
    """The resolved place, looked up in words only when an assessment is read."""

    def __init__(self, kb: KnowledgeBase, point: Point, day: dt.date, known: Any, row: Any = None) -> None:
        self._kb, self._point, self._day, self._known = kb, point, day, known
        # the batch's point lookup and this point's row in it, read only when the place is put into words
        self._row = row
        self._data: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        if self._data is None:  # put into words once: the control and the place both read it
            if self._known is not None:
                w = self._known
            elif self._row is not None:  # located with the batch: not looked up a second time
                found = geo_query.located(self._kb, *self._row)
                w = geo_query.where_located(self._kb, self._point.lat, self._point.lon, self._day, found)
            else:
                w = geo_query.where(self._kb, self._point.lat, self._point.lon, on=self._day)
            self._data = dict(w.to_dict())
        return dict(self._data)


def _check_actors(kb: KnowledgeBase, a: Attack) -> None:
    if not a.non_state_attacker and a.attacker != OUTSIDE:
        kb.state(a.attacker)
    if a.victim is not None:
        kb.state(a.victim)


def _unheld(kb: KnowledgeBase, a: Attack, territory_id: str) -> ScenarioError:
    """The error for a place on land that no state holds on the day: it says so, names who claims it, and
    how to ask about an attack on one of them (the answer would otherwise have to invent a victim)."""
    from casus.geo.control import holding
    from casus.kb.words import join, state_name, with_article

    terr = kb.territories[territory_id]
    claimants = holding(kb.territories, territory_id, a.date).claimants  # its parents' claims too, as `where` says
    claimed = f"claimed by {join([state_name(kb, c) for c in claimants])}" if claimants else "claimed by no state"
    return ScenarioError(
        f"place: no state holds {with_article(terr.name)} on {a.date.isoformat()} ({claimed}), so no state's "
        "territory is attacked there; for an attack on a state's forces, ships or aircraft there, name the victim "
        "and the target (armed_forces, vessel or aircraft)",
        field="place", accepted="a place that some state holds that day, or target armed_forces, vessel or "
                                "aircraft with a victim")


def _victim(kb: KnowledgeBase, a: Attack, t: int, T: int, tables: DayTables) -> str:
    """The attacked state: as given, or the administrator of the place. A territory attack on a
    state that neither holds nor administers the place is refused, since it is probably a mistake."""
    sov = tables.sovereign[t] if t < T else NONE
    adm = tables.administrator[t] if t < T else NONE
    if a.victim is None:
        if adm or sov:
            return str(adm or sov)
        if t < T:  # land no state holds that day (Antarctica; a disputed area left to no one): not the high seas
            raise _unheld(kb, a, atlas_of(kb).territory_ids[t])
        if a.attacker == OUTSIDE:  # the reverse question (who defends this place?) about the high seas
            raise ScenarioError("place: the point is on the high seas, more than 12 nautical miles from any land: "
                                "no state holds it, so no clause defends it as territory; for a state's ships or "
                                "aircraft there, assess an attack with target vessel or aircraft", field="place",
                                accepted="a point on land or within 12 nautical miles of it, or a place name",
                                hint=_swap_hint(kb, a))
        raise ScenarioError("victim: missing, and the place is on the high seas, not any state's territory; name "
                            "the victim", field="victim", accepted="an ISO 3166-1 alpha-3 code",
                            hint=_swap_hint(kb, a))
    victim = kb.state(a.victim).code
    if a.target == "territory":
        if t >= T:
            hint = _swap_hint(kb, a)
            raise ScenarioError("place: the point is on the high seas, not any state's territory; use target "
                                "vessel, aircraft or armed_forces", field="place",
                                accepted="a point on land or within 12 nautical miles of it", hint=hint)
        if victim not in (sov, adm):
            raise ScenarioError(
                f"victim: {victim} neither holds nor administers that place (sovereign {sov or 'none'}, "
                f"administrator {adm or 'none'}); for an attack on {victim}'s forces there use target armed_forces",
                field="victim", accepted=" or ".join(sorted({s for s in (sov, adm) if s})))
    return victim



def _swap_hint(kb: KnowledgeBase, a: Attack) -> str | None:
    """A point on the high seas whose swap is on land: latitude and longitude were probably swapped."""
    if not isinstance(a.place, Point):
        return None
    from casus.geo.hints import high_seas_swap_hint

    return high_seas_swap_hint(kb, a.place.lat, a.place.lon)
