"""Evaluate every clause for a batch of attacks: the one hot path of the law.

For each date, the parties to each treaty, the first-day and suspension sets and
the control of every territory are computed once (``DayTables``); each clause is
then judged for all attacks of that date with numpy. Results are compact codes
per condition; the words people read are produced later, only for what is shown
(``findings.py``).

Condition codes: HOLDS, FAILS, UNSURE (the law is contested or the facts are
not precise enough), SKIPPED (not reached). A clause applies when every
condition holds, does not apply when one fails, and is ambiguous otherwise.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from casus.dates import COVERED_FROM
from casus.geo.atlas import atlas_of
from casus.kb.membership import standing
from casus.kb.models import TARGETS, Clause, Phase, Treaty
from casus.law.scope import NONE, Batch, evaluate

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

HOLDS, FAILS, UNSURE, SKIPPED = 0, 1, 2, 3
#: the attacker in "who is bound to defend this place" questions: a state party to none of the treaties
OUTSIDE = "*outside*"
CONDITIONS = ("party", "attacker", "act", "target", "scope")
STATUS_NAMES = ("applies", "does_not_apply", "ambiguous")
APPLIES, DOES_NOT_APPLY, AMBIGUOUS = 0, 1, 2
#: the status of a clause for an attack of a span on whose day it was not in force (see :func:`judge_light`):
#: such verdicts are never shown; an assessment skips them
NOT_IN_FORCE = 3
_STATUS_CODE = {"applies": HOLDS, "does_not_apply": FAILS, "ambiguous": UNSURE}
#: the kernel's target kind for an attack on land its victim holds without being its sovereign (occupied,
#: administered, or of undetermined sovereignty here; see :func:`held_targets`)
HELD = "territory_held"
#: the target kinds the kernel tells apart: the attack's own, and HELD
KINDS = (*TARGETS, HELD)


@dataclass(frozen=True)
class TreatyDay:
    """A treaty's parties on one day, and who among them is in a special position."""

    members: frozenset[str]
    first_day: frozenset[str]
    suspended: frozenset[str]
    not_bound_towards: dict[str, frozenset[str]]  # state -> states it owes nothing to that day
    since: dict[str, dt.date]


@dataclass(frozen=True)
class DayTables:
    day: dt.date
    treaties: dict[str, TreatyDay]          # only treaties in force that day
    sovereign: np.ndarray                   # (T+1,) object
    administrator: np.ndarray
    #: territories whose control changed by force on ``day`` (atlas index -> Seizure; see geo.control)
    seized: Mapping[int, Any] = field(default_factory=dict)
    #: the attacker whose own seizures of ``day`` these tables undo (status quo ante), or None
    ante_for: str | None = None


def held_targets(batch: Batch, targets: np.ndarray) -> np.ndarray:
    """``targets`` with :data:`HELD` for each attack on territory that its victim holds but is not the sovereign
    of (Crimea held by Russia, Azad Kashmir by Pakistan, the Paracels by China).

    A clause that names no area turns on an armed attack on a party, which for territory means the party's
    territory; whether land a state holds without being its sovereign is that state's territory is contested
    (an occupation transfers no sovereignty), so such a clause's scope is doubtful there, not met. Clauses
    that say which land they cover (the sovereign's, the administrator's, a region) judge it by their own
    words, unchanged. Both kernel paths and every caller read the attack through this one test."""
    if not batch.n:
        return targets
    # per territory first (a few hundred), then only the attacks on such land: a sweep judges millions of points
    holder = np.where(batch.administrator != NONE, batch.administrator, batch.sovereign)
    foreign = (holder != NONE) & (batch.sovereign != holder)
    rows = np.flatnonzero(foreign[batch.terr] & (targets == "territory"))
    if not len(rows):
        return targets
    held = np.zeros(len(targets), dtype=bool)
    held[rows[holder[batch.terr[rows]] == batch.victims[rows]]] = True
    return np.where(held, HELD, targets) if held.any() else targets  # a string array stays one, wide enough


def status_quo_ante(tables: DayTables, attacker: str) -> DayTables:
    """The tables for an attack by ``attacker`` on ``tables.day``: every territory that ``attacker`` seized
    by force that day is given back the control it had at the start of the day (the change dated ``day``
    is the attack's own result, never the status quo it is judged on)."""
    mine = {i: z for i, z in tables.seized.items() if z.by_force == attacker}
    if not mine:
        return tables
    sov = tables.sovereign.copy()
    adm = tables.administrator.copy()
    for i, z in mine.items():
        sov[i] = z.sovereign or NONE
        adm[i] = z.administrator or NONE
    return replace(tables, sovereign=sov, administrator=adm, ante_for=attacker)


def ante_key(tables: DayTables, attacker: str, day: dt.date) -> str | None:
    """The attacker whose status quo ante applies to an attack on ``day``, or None (the tables as they are)."""
    if day != tables.day or not tables.seized:
        return None
    return attacker if any(z.by_force == attacker for z in tables.seized.values()) else None


def phase_on(clause: Clause, day: dt.date) -> tuple[int, Phase] | None:
    for i, ph in enumerate(clause.phases):
        if ph.start <= day and (ph.end is None or day < ph.end):
            return i, ph
    return None


def _treaty_day(kb: KnowledgeBase, t: Treaty, day: dt.date) -> TreatyDay:
    table = dict(kb.spells[t.id])
    members, first, susp, since = set(), set(), set(), {}
    towards: dict[str, frozenset[str]] = {}
    for state in table:
        st = standing(t, state, day, table)
        if not st.party:
            continue
        members.add(state)
        if st.since is not None:
            since[state] = st.since
        if st.first_day:
            first.add(state)
        if st.suspended:
            susp.add(state)
        if st.not_bound_towards:
            towards[state] = st.not_bound_towards
    return TreatyDay(frozenset(members), frozenset(first), frozenset(susp), towards, since)


def day_tables(kb: KnowledgeBase, day: dt.date) -> DayTables:
    """The tables for ``day``. They are built once per *epoch*: the span between two dates on which
    anything in the data changes (a deposit, a withdrawal, a phase, a transfer of a territory), so a
    batch spread over 75 years costs a few hundred table builds, not one per distinct day.
    ``DayTables.day`` is the first day of the epoch."""
    return _day_tables_cached(kb, epoch_start(kb, day))


def epoch_start(kb: KnowledgeBase, day: dt.date) -> dt.date:
    points = _change_points(kb)
    i = int(np.searchsorted(points, day.toordinal(), side="right")) - 1
    return dt.date.fromordinal(int(points[i])) if i >= 0 else dt.date.min


@lru_cache(maxsize=16)
def _change_points(kb: KnowledgeBase) -> np.ndarray:
    """Every date on which a table could change; the day after a deposit too (the uncertain first day)."""
    days: set[dt.date] = set()
    for t in kb.treaties.values():
        if t.in_force is not None:
            days.add(t.in_force)
        if t.ended:
            days.add(t.ended)
        for p in t.parties:
            for e in p.events:
                days.add(e.date)
                days.add(e.date + dt.timedelta(days=1))
        for c in t.clauses:
            for ph in c.phases:
                days.add(ph.start)
                if ph.end:
                    days.add(ph.end)
            days.update(x.start for x in c.extensions)
    for terr in kb.territories.values():
        for ctl in getattr(terr, "control", ()):
            days.update(d for d in (ctl.start, ctl.end) if d is not None)
    return np.array(sorted(d.toordinal() for d in days), dtype=np.int64)


def general_epoch_start(kb: KnowledgeBase, day: dt.date) -> dt.date:
    """The start of ``day``'s span in which nothing changes for the clauses of the general loop.

    Treaties whose clauses are all simple (most compact pacts) are left out of these change dates: the
    general clauses are judged once for every attack of the longer span, and the all-simple treaties too
    (:func:`judge_light`), each attack on the parties of its own full epoch (:func:`epoch_start`). Without
    this, hundreds of pacts would cut a batch of attacks spread over decades into one batch per attack.
    """
    points = _general_points(kb, VECTORISE)
    i = int(np.searchsorted(points, day.toordinal(), side="right")) - 1
    return dt.date.fromordinal(int(points[i])) if i >= 0 else dt.date.min


def light_treaty(t: Treaty) -> bool:
    """True when every phase of every clause is simple: the treaty never needs the general loop."""
    return VECTORISE and bool(t.clauses) and all(_is_simple(c, k) for c in t.clauses for k in range(len(c.phases)))


@lru_cache(maxsize=16)
def _general_points(kb: KnowledgeBase, vectorise: bool) -> np.ndarray:
    """(``vectorise`` is part of the cache key: with the vectorised path off, every treaty is general.)"""
    light = {t.id for t in kb.treaties.values() if light_treaty(t)}
    points = set(_control_points(kb).tolist())
    for tid, tp in _treaty_points(kb).items():
        if tid not in light:
            points.update(tp)
    for t in kb.treaties.values():
        if t.id in light:
            continue
        for c in t.clauses:
            for ph in c.phases:
                points.add(ph.start.toordinal())
                if ph.end:
                    points.add(ph.end.toordinal())
            points.update(x.start.toordinal() for x in c.extensions)
    return np.array(sorted(points), dtype=np.int64)


@lru_cache(maxsize=4096)
def _day_tables_cached(kb: KnowledgeBase, day: dt.date) -> DayTables:
    treaties = {t.id: _treaty_day_on(kb, t, day) for t in kb.treaties.values() if t.in_force_on(day)}
    sov, adm = _control_on(kb, day)
    seized: dict[int, Any] = {}
    if day in _forced_days(kb):
        from casus.geo.control import seized_on

        seized = seized_on(kb, atlas_of(kb), day)
    return DayTables(day, treaties, sov, adm, seized)


@lru_cache(maxsize=16)
def _treaty_points(kb: KnowledgeBase) -> dict[str, list[int]]:
    """Per treaty, the dates on which its own table could change (so a table is shared by every epoch
    in which nothing about that treaty changed: with hundreds of treaties, most epochs change one)."""
    out = {}
    for t in kb.treaties.values():
        days = {t.in_force} if t.in_force is not None else set()
        if t.ended:
            days.add(t.ended)
        for p in t.parties:
            for e in p.events:
                days.update((e.date, e.date + dt.timedelta(days=1)))
        out[t.id] = sorted(d.toordinal() for d in days)
    return out


def _treaty_day_on(kb: KnowledgeBase, t: Treaty, day: dt.date) -> TreatyDay:
    points = _treaty_points(kb)[t.id]
    i = bisect_right(points, day.toordinal()) - 1
    return _treaty_day_cached(kb, t.id, points[max(i, 0)])


@lru_cache(maxsize=65536)
def _treaty_day_cached(kb: KnowledgeBase, treaty_id: str, ordinal: int) -> TreatyDay:
    return _treaty_day(kb, kb.treaties[treaty_id], dt.date.fromordinal(ordinal))


@lru_cache(maxsize=16)
def _control_points(kb: KnowledgeBase) -> np.ndarray:
    days: set[dt.date] = set()
    for terr in kb.territories.values():
        for ctl in getattr(terr, "control", ()):
            days.update(d for d in (ctl.start, ctl.end) if d is not None)
    return np.array(sorted(d.toordinal() for d in days), dtype=np.int64)


def _control_on(kb: KnowledgeBase, day: dt.date) -> tuple[np.ndarray, np.ndarray]:
    points = _control_points(kb)
    i = int(np.searchsorted(points, day.toordinal(), side="right")) - 1
    # the span may have begun before the covered range (a change in 1944); control is the same all through it
    start = int(points[i]) if i >= 0 else day.toordinal()
    return _control_cached(kb, max(start, COVERED_FROM.toordinal()))


@lru_cache(maxsize=1024)
def _control_cached(kb: KnowledgeBase, ordinal: int) -> tuple[np.ndarray, np.ndarray]:
    """Sovereign and administrator of every territory, for one span in which no control changes."""
    from casus.geo.control import control_arrays

    sov, adm = control_arrays(kb, atlas_of(kb), dt.date.fromordinal(ordinal))
    sov = np.append(np.asarray(sov, dtype=object), NONE)
    adm = np.append(np.asarray(adm, dtype=object), NONE)
    sov[sov == None] = NONE  # noqa: E711 - numpy elementwise comparison
    adm[adm == None] = NONE  # noqa: E711
    sov.flags.writeable = False
    adm.flags.writeable = False
    return sov, adm


@lru_cache(maxsize=16)
def _forced_days(kb: KnowledgeBase) -> frozenset[dt.date]:
    """The days on which some control period brought about by force begins."""
    return frozenset(c.start for t in kb.territories.values() for c in getattr(t, "control", ())
                     if c.seized_by is not None and c.start is not None)


class ClauseVerdicts(NamedTuple):
    """One clause judged for a batch of n attacks of one date (a named tuple: hundreds are made per epoch,
    and a tuple is the cheapest immutable record to make)."""

    clause_id: str
    treaty_id: str
    phase: int                  # index of the phase in force that day
    codes: np.ndarray           # (n, 5) int8, one column per CONDITIONS
    exception: np.ndarray       # (n,) int16, index of the exception that decided the scope, -1 none
    extension: np.ndarray       # (n,) int16, index of the domain extension used, -1 none
    status: np.ndarray          # (n,) int8: APPLIES, DOES_NOT_APPLY, AMBIGUOUS


def judge(kb: KnowledgeBase, tables: DayTables, batch: Batch, attackers: np.ndarray,
          targets: np.ndarray, acts: np.ndarray, clause_ids: Sequence[str] | None = None,
          *, any_party: bool = False, part: str = "all", with_codes: bool = True) -> list[ClauseVerdicts]:
    """Judge every clause in force on ``tables.day`` (or those named) for the batch.

    ``part`` limits the work to the clauses of the general loop (``general``), to the simple clauses
    judged together (``simple``), or to the simple clauses of the treaties that are not all simple
    (``heavy_simple``: like the general ones, they change only at the general span's dates; the rest is
    :func:`judge_light`'s); see :func:`general_epoch_start`.

    ``with_codes=False`` leaves the condition codes of the vectorised clauses out (their ``codes`` are empty): a
    sweep reads only the status, and the codes of every point x clause are the largest array made here.

    ``any_party`` takes the attacked forces, vessel or aircraft to be a party's, for sweeps that ask
    "would an attack here on an ally's ship be covered" without naming the ally.
    """
    out: list[ClauseVerdicts | None] = []
    n = batch.n
    plan = _plan(kb, tables) if VECTORISE and clause_ids is None else None
    nsa = np.char.startswith(attackers.astype(str), "nsa:") if n else np.zeros(0, dtype=bool)
    acts_memo: dict[tuple[str, ...], np.ndarray] = {}
    simple: list[tuple[int, str, Clause, int, Phase]] = []
    held = targets == HELD

    def of_kind(kind: str) -> np.ndarray:  # the attacks on that kind of target (territory: held land too)
        return (targets == kind) | held if kind == "territory" else targets == kind

    for tid in plan.heavy if plan is not None else tables.treaties:
        tday = tables.treaties[tid]
        treaty = kb.treaties[tid]
        members = tday.members
        party: np.ndarray | None = None  # the same for every clause of the treaty
        for clause in treaty.clauses:
            if clause_ids is not None and clause.id not in clause_ids:
                continue
            found = phase_on(clause, tables.day)
            if found is None:
                continue
            pidx, phase = found
            simple_one = VECTORISE and _is_simple(clause, pidx)
            if (part == "general" and simple_one) or (part in ("simple", "heavy_simple") and not simple_one):
                continue
            if simple_one:
                simple.append((len(out), tid, clause, pidx, phase))
                out.append(None)  # filled below, all simple clauses at once
                continue
            codes = np.full((n, 5), SKIPPED, dtype=np.int8)
            if party is None:
                # the attacked state is a party that day, not suspended, not on its first (uncertain) day
                party = np.where(member(batch.victims, members), HOLDS, FAILS).astype(np.int8)
                if tday.suspended:
                    party[member(batch.victims, tday.suspended)] = FAILS
                if tday.first_day:
                    party[member(batch.victims, tday.first_day)] = UNSURE
                if any_party:
                    party[:] = HOLDS
            codes[:, 0] = party
            if clause.beneficiaries and not any_party:
                # a one-way clause is triggered only by an attack on one of its beneficiaries
                codes[:, 0] = np.where(member(batch.victims, set(clause.beneficiaries)), party, FAILS)
            # attacker
            if clause.attacker == "any":
                codes[:, 1] = HOLDS
            else:
                att = np.where(nsa, UNSURE, HOLDS).astype(np.int8)
                if clause.attacker == "outside_state":
                    att[member(attackers, members)] = FAILS
                codes[:, 1] = att
            if clause.attackers is not None:
                named = member(attackers, set(clause.attackers.states))
                other = np.int8(_STATUS_CODE[clause.attackers.otherwise])
                codes[:, 1] = np.where(named, codes[:, 1], worst(codes[:, 1], other))
            # act
            if clause.acts not in acts_memo:
                acts_memo[clause.acts] = np.where(member(acts, set(clause.acts)), HOLDS, FAILS)
            codes[:, 2] = acts_memo[clause.acts]
            # target kind: in the phase's geography, or brought in by a dated extension
            target_code = np.full(n, FAILS, dtype=np.int8)
            ext_idx = np.full(n, -1, dtype=np.int16)
            for kind in phase.targets:
                target_code[of_kind(kind)] = HOLDS
            for k, ext in enumerate(clause.extensions):
                if ext.start <= tables.day:
                    sel = of_kind(ext.target)
                    target_code[sel] = _STATUS_CODE[ext.status]
                    ext_idx[sel] = k
            codes[:, 3] = target_code
            # scope: the place lies in the area covered for that target kind
            scope = np.full(n, SKIPPED, dtype=np.int8)
            exc_idx = np.full(n, -1, dtype=np.int16)
            for kind, expr in phase.targets.items():
                sel = of_kind(kind)
                if not sel.any():
                    continue
                inside = evaluate(expr, batch, tday.members)
                scope[sel] = np.where(inside[sel], HOLDS, FAILS)
                if kind == "territory" and expr == {"anywhere": True}:
                    scope[sel & held] = UNSURE  # land the victim holds but does not own (held_targets)
                for m, ex in enumerate(phase.exceptions):
                    if kind not in ex.targets:
                        continue
                    hit = sel & (exc_idx == -1) & evaluate(ex.when, batch, tday.members)
                    scope[hit] = _STATUS_CODE[ex.status]
                    exc_idx[hit] = m
            codes[:, 4] = scope
            status = np.where((codes == FAILS).any(axis=1), DOES_NOT_APPLY,
                              np.where((codes == UNSURE).any(axis=1), AMBIGUOUS, APPLIES)).astype(np.int8)
            out.append(ClauseVerdicts(clause.id, tid, pidx, codes, exc_idx, ext_idx, status))
    if simple:
        judged = _judge_simple(tables, batch, attackers, targets, acts, [x[1:] for x in simple], any_party)
        for (slot, *_), verdict in zip(simple, judged, strict=True):
            out[slot] = verdict
    if plan is not None and part in ("all", "simple") and plan.items:
        out.extend(_judge_plan(plan, batch, attackers, targets, acts, any_party, with_codes))
        if part == "all":  # the kernel's order: treaty by treaty (a stable sort keeps clause order within one)
            out.sort(key=lambda v: plan.position[v.treaty_id])  # type: ignore[union-attr]
    return out  # type: ignore[return-value]  # every None slot was filled


@dataclass(frozen=True)
class _Plan:
    """The treaties of one epoch whose clauses are all simple, ready for :func:`_judge_plan`: their clause
    rows stacked once, and an index from each state to the clause columns it is a party to (a state is party
    to a handful of pacts, so a victim's or attacker's row costs that handful, not the number of clauses)."""

    items: list[tuple[str, Clause, int]]        # (treaty id, clause, phase index), in the kernel's order
    light: frozenset[str]                       # the treaties whose clauses are all in ``items``
    heavy: tuple[str, ...]                      # the other treaties in force, for the general loop, in order
    position: dict[str, int]                    # treaty id -> its place in the day's tables (the kernel's order)
    act_rows: np.ndarray                        # (acts + 1, C)
    tgt_rows: np.ndarray                        # (targets + 1, C)
    scope_rows: np.ndarray                      # (targets + 1, C)
    member_of: dict[str, np.ndarray]            # state -> columns where it is a party, not suspended
    party_of: dict[str, np.ndarray]             # state -> columns where it is a party, even suspended
    first_of: dict[str, np.ndarray]             # state -> columns where it is on its first (uncertain) day
    att_state: np.ndarray                       # (C,) attacker code for a state outside any rule
    att_nsa: np.ndarray                         # (C,) attacker code for a non-state actor
    outside: np.ndarray                         # (C,) bool: clause covers only attacks by outside states
    named_of: dict[str, np.ndarray]             # state -> columns whose named attackers include it
    named: np.ndarray                           # (C,) bool: clause names its attackers
    otherwise: np.ndarray                       # (C,) int8: code for an attacker the clause does not name


_PLANS: dict[int, tuple[Any, _Plan]] = {}


def _plan(kb: KnowledgeBase, tables: DayTables) -> _Plan:
    """The plan of the treaties in force on ``tables.day`` that never need the general loop (memoised per
    epoch's treaty tables, which the status-quo-ante variants of a day share)."""
    key = id(tables.treaties)
    held = _PLANS.get(key)
    if held is not None and held[0] is tables.treaties:
        return held[1]
    items: list[tuple[str, Clause, int]] = []
    light: set[str] = set()
    heavy: list[str] = []
    member_cols: dict[str, list[int]] = defaultdict(list)
    first_cols: dict[str, list[int]] = defaultdict(list)
    party_cols: dict[str, list[int]] = defaultdict(list)
    for tid, tday in tables.treaties.items():
        treaty = kb.treaties[tid]
        if not light_treaty(treaty):
            heavy.append(tid)
            continue
        light.add(tid)
        found = [(c, f[0]) for c in treaty.clauses if (f := phase_on(c, tables.day)) is not None]
        for clause, pidx in found:
            col = len(items)
            items.append((tid, clause, pidx))
            for st in tday.members:
                party_cols[st].append(col)
                if st not in tday.suspended:
                    (first_cols if st in tday.first_day else member_cols)[st].append(col)
    shapes = [_shape(clause, pidx) for _, clause, pidx in items]
    C = len(items)

    def stack(rows: list[np.ndarray], height: int) -> np.ndarray:
        return np.stack(rows, axis=1) if rows else np.zeros((height, 0), dtype=np.int8)

    named_cols: dict[str, list[int]] = defaultdict(list)
    for k, sh in enumerate(shapes):
        for st in sh.named or ():
            named_cols[st].append(k)
    mode = np.array([sh.mode for sh in shapes], dtype=object)
    plan = _Plan(
        items=items, light=frozenset(light), heavy=tuple(heavy),
        position={tid: k for k, tid in enumerate(tables.treaties)},
        act_rows=stack([sh.act_row for sh in shapes], len(_ACT_NAMES) + 1),
        tgt_rows=stack([sh.target_row for sh in shapes], len(KINDS) + 1),
        scope_rows=stack([sh.scope_row for sh in shapes], len(KINDS) + 1),
        member_of={st: np.array(cols, dtype=np.int64) for st, cols in member_cols.items()},
        first_of={st: np.array(cols, dtype=np.int64) for st, cols in first_cols.items()},
        party_of={st: np.array(cols, dtype=np.int64) for st, cols in party_cols.items()},
        att_state=np.full(C, HOLDS, dtype=np.int8),
        att_nsa=np.where(mode == "any", HOLDS, UNSURE).astype(np.int8),
        outside=mode == "outside_state",
        named_of={st: np.array(cols, dtype=np.int64) for st, cols in named_cols.items()},
        named=np.array([sh.named is not None for sh in shapes], dtype=bool),
        otherwise=np.array([sh.otherwise for sh in shapes], dtype=np.int8),
    )
    if len(_PLANS) > 4096:
        _PLANS.clear()
    _PLANS[key] = (tables.treaties, plan)
    return plan


_NO_COLUMNS = np.zeros(0, dtype=np.int64)


def _attacker_row(cols: Any, name: str, party_cols: np.ndarray) -> np.ndarray:
    """The attacker condition of every column for one attacker: ``cols`` holds the columns' properties (a
    plan or a span's union), ``party_cols`` the columns of the treaties the attacker is a party to that day."""
    if name.startswith("nsa:"):
        row = cols.att_nsa.copy()
    else:
        row = cols.att_state.copy()
        inside = np.zeros(len(row), dtype=bool)
        inside[party_cols] = True
        row[cols.outside & inside] = FAILS
    unnamed = cols.named.copy()
    unnamed[cols.named_of.get(name, _NO_COLUMNS)] = False
    if unnamed.any():
        row[unnamed] = worst(row[unnamed], cols.otherwise[unnamed])
    return row  # type: ignore[no-any-return]


def _combine(cols: Any, party_t: np.ndarray, vinv: np.ndarray, att_t: np.ndarray, ainv: np.ndarray,
             acts: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Codes and status of each distinct (party row, attacker row, act, target kind), and each attack's index
    into them. The verdicts depend on an attack only through these, so each combination is judged once and
    then gathered (a sweep of 50,000 points has a few hundred combinations)."""
    act_ix = _codes_of(acts, _ACT_NAMES)
    tgt_ix = _codes_of(targets, KINDS)
    na, nk, nt = len(att_t), len(_ACT_NAMES) + 1, len(KINDS) + 1
    key = ((vinv.ravel().astype(np.int64) * na + ainv.ravel()) * nk + act_ix) * nt + tgt_ix
    ukey, inv = np.unique(key, return_inverse=True)
    combos = np.stack([ukey // (na * nk * nt), ukey // (nk * nt) % na, ukey // nt % nk, ukey % nt], axis=1)
    u_codes = np.empty((len(combos), party_t.shape[1], 5), dtype=np.int8)
    u_codes[:, :, 0] = party_t[combos[:, 0]]
    u_codes[:, :, 1] = att_t[combos[:, 1]]
    u_codes[:, :, 2] = cols.act_rows[combos[:, 2]]
    u_codes[:, :, 3] = cols.tgt_rows[combos[:, 3]]
    u_codes[:, :, 4] = cols.scope_rows[combos[:, 3]]
    u_status = np.where((u_codes == FAILS).any(axis=2), DOES_NOT_APPLY,
                        np.where((u_codes == UNSURE).any(axis=2), AMBIGUOUS, APPLIES)).astype(np.int8)
    return u_codes, u_status, inv.ravel()


def _judge_plan(plan: _Plan, batch: Batch, attackers: np.ndarray, targets: np.ndarray, acts: np.ndarray,
                any_party: bool, with_codes: bool = True) -> list[ClauseVerdicts]:
    """The same verdicts as :func:`_judge_simple` for the plan's clauses, its rows built per distinct victim
    and attacker from the plan's state index."""
    n, C = batch.n, len(plan.items)
    if C == 0:
        return []
    uv, vinv = np.unique(batch.victims.astype(str), return_inverse=True)
    ua, ainv = np.unique(attackers.astype(str), return_inverse=True)
    party_t = np.full((len(uv), C), HOLDS if any_party else FAILS, dtype=np.int8)
    if not any_party:
        for i, v in enumerate(uv):
            party_t[i, plan.member_of.get(v, _NO_COLUMNS)] = HOLDS
            party_t[i, plan.first_of.get(v, _NO_COLUMNS)] = UNSURE
    att_t = np.empty((len(ua), C), dtype=np.int8)
    for i, a in enumerate(ua):
        att_t[i] = _attacker_row(plan, str(a), plan.party_of.get(a, _NO_COLUMNS))
    u_codes, u_status, inv = _combine(plan, party_t, vinv, att_t, ainv, acts, targets)
    status = u_status[inv]
    codes = u_codes[inv] if with_codes else _NO_CODES
    none = np.full(n, -1, dtype=np.int16)
    none.flags.writeable = False
    return [ClauseVerdicts(clause.id, tid, pidx, codes[:, k, :] if with_codes else _NO_CODES[:, 0, :], none, none,
                           status[:, k])
            for k, (tid, clause, pidx) in enumerate(plan.items)]


#: the codes of verdicts judged for their status alone (sweeps): empty, so that any use of them fails loudly
_NO_CODES = np.zeros((0, 1, 5), dtype=np.int8)


@dataclass(frozen=True)
class _Union:
    """The plans of the epochs of one span, as one set of columns: each epoch's clause columns mapped into the
    union (``maps``), and the column properties that do not depend on the day."""

    items: list[tuple[str, Clause, int]]
    maps: list[np.ndarray]
    act_rows: np.ndarray
    tgt_rows: np.ndarray
    scope_rows: np.ndarray
    att_state: np.ndarray
    att_nsa: np.ndarray
    outside: np.ndarray
    named: np.ndarray
    otherwise: np.ndarray
    named_of: dict[str, np.ndarray]


_UNIONS: dict[tuple[int, ...], tuple[tuple[Any, ...], _Union]] = {}
_NIF_PARTY = np.int8(4)  # marks, in the party column, a clause not in force on the attack's day


def _union(plans: list[_Plan]) -> _Union:
    key = tuple(id(p) for p in plans)
    held = _UNIONS.get(key)
    if held is not None and all(a is b for a, b in zip(held[0], plans, strict=True)):
        return held[1]
    col_of: dict[tuple[str, int], int] = {}
    items: list[tuple[str, Clause, int]] = []
    maps: list[np.ndarray] = []
    for plan in plans:
        idx = np.empty(len(plan.items), dtype=np.int64)
        for k, (tid, clause, pidx) in enumerate(plan.items):
            j = col_of.setdefault((clause.id, pidx), len(items))
            if j == len(items):
                items.append((tid, clause, pidx))
            idx[k] = j
        maps.append(idx)
    C = len(items)
    act_rows = np.zeros((len(_ACT_NAMES) + 1, C), dtype=np.int8)
    tgt_rows = np.zeros((len(KINDS) + 1, C), dtype=np.int8)
    scope_rows = np.zeros((len(KINDS) + 1, C), dtype=np.int8)
    att_state = np.zeros(C, dtype=np.int8)
    att_nsa = np.zeros(C, dtype=np.int8)
    outside = np.zeros(C, dtype=bool)
    named = np.zeros(C, dtype=bool)
    otherwise = np.zeros(C, dtype=np.int8)
    named_cols: dict[str, set[int]] = defaultdict(set)
    for plan, idx in zip(plans, maps, strict=True):  # a column's properties are its clause's: the same in every plan
        act_rows[:, idx] = plan.act_rows
        tgt_rows[:, idx] = plan.tgt_rows
        scope_rows[:, idx] = plan.scope_rows
        att_state[idx] = plan.att_state
        att_nsa[idx] = plan.att_nsa
        outside[idx] = plan.outside
        named[idx] = plan.named
        otherwise[idx] = plan.otherwise
        for st, cols in plan.named_of.items():
            named_cols[st].update(idx[cols].tolist())
    got = _Union(items, maps, act_rows, tgt_rows, scope_rows, att_state, att_nsa, outside, named, otherwise,
                 {st: np.array(sorted(cols), dtype=np.int64) for st, cols in named_cols.items()})
    if len(_UNIONS) > 1024:
        _UNIONS.clear()
    _UNIONS[key] = (tuple(plans), got)
    return got


def judge_light(kb: KnowledgeBase, parts: Sequence[tuple[DayTables, np.ndarray]], victims: np.ndarray,
                attackers: np.ndarray, targets: np.ndarray, acts: np.ndarray,
                any_party: bool = False) -> list[ClauseVerdicts]:
    """The verdicts of the all-simple treaties for the attacks of one general span, judged together.

    ``parts`` gives each epoch of the span its tables and the rows of its attacks. The columns are every
    clause in force in any of the epochs; for an attack on a day when a clause was not in force, its status is
    :data:`NOT_IN_FORCE` (an assessment skips it). Otherwise each status and code is the one :func:`_judge_plan`
    gives on the epoch's own plan. Judging a span at once rather than epoch by epoch keeps the cost flat when
    hundreds of pacts cut a span into many epochs.
    """
    n = len(victims)
    if not VECTORISE or n == 0 or not parts:
        return []
    plans = [_plan(kb, tables) for tables, _ in parts]
    u = _union(plans)
    C = len(u.items)
    if C == 0:
        return []
    part_of = np.empty(n, dtype=np.int64)
    for k, (_, rows) in enumerate(parts):
        part_of[rows] = k
    uv, vinv = np.unique(victims.astype(str), return_inverse=True)
    ua, ainv = np.unique(attackers.astype(str), return_inverse=True)
    pv, pvinv = np.unique(part_of * len(uv) + vinv.ravel(), return_inverse=True)
    pa, painv = np.unique(part_of * len(ua) + ainv.ravel(), return_inverse=True)
    party_t = np.full((len(pv), C), _NIF_PARTY, dtype=np.int8)
    for i, key in enumerate(pv.tolist()):
        k, v = divmod(key, len(uv))
        plan, idx, row = plans[k], u.maps[k], party_t[i]
        row[idx] = HOLDS if any_party else FAILS
        if not any_party:
            row[idx[plan.member_of.get(uv[v], _NO_COLUMNS)]] = HOLDS
            row[idx[plan.first_of.get(uv[v], _NO_COLUMNS)]] = UNSURE
    att_t = np.empty((len(pa), C), dtype=np.int8)
    for i, key in enumerate(pa.tolist()):
        k, a = divmod(key, len(ua))
        name = str(ua[a])
        att_t[i] = _attacker_row(u, name, u.maps[k][plans[k].party_of.get(name, _NO_COLUMNS)])
    # as in _judge_plan, with the epoch part of the victim's and the attacker's rows
    u_codes, u_status, inv = _combine(u, party_t, pvinv, att_t, painv, acts, targets)
    u_status[u_codes[:, :, 0] == _NIF_PARTY] = NOT_IN_FORCE
    status = u_status[inv]
    codes = u_codes[inv]
    none = np.full(n, -1, dtype=np.int16)
    none.flags.writeable = False
    return [ClauseVerdicts(clause.id, tid, pidx, codes[:, k, :], none, none, status[:, k])
            for k, (tid, clause, pidx) in enumerate(u.items)]


#: judge simple clauses together (False: each in the general loop; tests compare the two)
VECTORISE = True
_SIMPLE: dict[tuple[int, str, int], bool] = {}


def _is_simple(clause: Clause, pidx: int) -> bool:
    """A clause phase the vectorised path can judge: every target's scope is ``anywhere``, no exceptions, no
    domain extensions, mutual (one-way clauses keep the general path). Most compact pacts are simple."""
    key = (id(clause), clause.id, pidx)
    got = _SIMPLE.get(key)
    if got is None:
        phase = clause.phases[pidx]
        got = (not clause.extensions and not phase.exceptions and not clause.guarantors
               and not clause.beneficiaries and bool(phase.targets)
               and all(expr == {"anywhere": True} for expr in phase.targets.values()))
        _SIMPLE[key] = got
    return got


_ACT_NAMES = ("armed_attack", "incursion", "threat")


@dataclass(frozen=True)
class _Shape:
    """What a simple clause phase needs judged, as codes over the closed sets of acts and target kinds."""

    act_row: np.ndarray        # (len(_ACT_NAMES) + 1,) int8: the act's code; last entry for an unknown act
    target_row: np.ndarray     # (len(KINDS) + 1,) int8
    #: (len(KINDS) + 1,) int8: HOLDS where the phase speaks of the target, else SKIPPED; for HELD land, UNSURE
    scope_row: np.ndarray
    mode: str                  # any | state | outside_state
    named: frozenset[str] | None
    otherwise: int


_SHAPES: dict[tuple[int, str, int], _Shape] = {}


def _shape(clause: Clause, pidx: int) -> _Shape:
    key = (id(clause), clause.id, pidx)
    got = _SHAPES.get(key)
    if got is None:
        phase = clause.phases[pidx]
        act_row = np.array([HOLDS if a in clause.acts else FAILS for a in _ACT_NAMES] + [FAILS], dtype=np.int8)
        # simple phases cover every target they name anywhere: held land (KINDS[-1]) is territory whose scope is
        # doubtful (held_targets)
        territory = "territory" in phase.targets
        inside = [t in phase.targets for t in TARGETS] + [territory, False]
        scope_row = np.where(inside, HOLDS, SKIPPED).astype(np.int8)
        scope_row[len(TARGETS)] = UNSURE if territory else SKIPPED
        got = _Shape(act_row, np.where(inside, HOLDS, FAILS).astype(np.int8), scope_row, clause.attacker,
                     frozenset(clause.attackers.states) if clause.attackers is not None else None,
                     _STATUS_CODE[clause.attackers.otherwise] if clause.attackers is not None else HOLDS)
        _SHAPES[key] = got
    return got


def _codes_of(values: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Index of each value in ``names`` (len(names) for anything else)."""
    table = {n: i for i, n in enumerate(names)}
    uniq, inv = np.unique(values.astype(str), return_inverse=True)
    return np.array([table.get(u, len(names)) for u in uniq], dtype=np.int64)[inv.ravel()]


def _judge_simple(tables: DayTables, batch: Batch, attackers: np.ndarray, targets: np.ndarray, acts: np.ndarray,
                  items: list[tuple[str, Clause, int, Phase]], any_party: bool) -> list[ClauseVerdicts]:
    """Judge many simple clauses at once: the same conditions as the general loop, as (n, C) tables.

    Each condition depends on the attack only through one small set of values (the victim, the attacker,
    the act, the target kind). Act and target codes come from per-clause rows stacked into tables; party and
    attacker codes are computed on the distinct victims and attackers of the batch (a handful) x clauses;
    then everything is gathered for the n attacks in one numpy step. The cost no longer grows with the
    number of clauses times a per-clause numpy overhead.
    """
    n, C = batch.n, len(items)
    shapes = [_shape(clause, pidx) for _, clause, pidx, _ in items]
    days = [tables.treaties[tid] for tid, *_ in items]
    uv, vinv = np.unique(batch.victims.astype(str), return_inverse=True)
    ua, ainv = np.unique(attackers.astype(str), return_inverse=True)
    party_t = np.full((len(uv), C), FAILS, dtype=np.int8)
    for k, tday in enumerate(days):
        for i, v in enumerate(uv):
            if any_party:
                party_t[i, k] = HOLDS
            elif v in tday.members and v not in tday.suspended:
                party_t[i, k] = UNSURE if v in tday.first_day else HOLDS
    att_t = np.full((len(ua), C), HOLDS, dtype=np.int8)
    for k, (shape, tday) in enumerate(zip(shapes, days, strict=True)):
        if shape.mode == "any" and shape.named is None:
            continue
        for i, a in enumerate(ua):
            code = HOLDS
            if shape.mode != "any":
                code = UNSURE if a.startswith("nsa:") else HOLDS
                if shape.mode == "outside_state" and a in tday.members:
                    code = FAILS
            if shape.named is not None and a not in shape.named:
                other = shape.otherwise
                code = FAILS if FAILS in (code, other) else UNSURE if UNSURE in (code, other) else HOLDS
            att_t[i, k] = code
    act_rows = np.stack([sh.act_row for sh in shapes], axis=1)        # (acts + 1, C)
    tgt_rows = np.stack([sh.target_row for sh in shapes], axis=1)     # (targets + 1, C)
    scope_rows = np.stack([sh.scope_row for sh in shapes], axis=1)
    act_ix = _codes_of(acts, _ACT_NAMES)
    tgt_ix = _codes_of(targets, KINDS)
    codes = np.empty((n, C, 5), dtype=np.int8)
    codes[:, :, 0] = party_t[vinv.ravel()]
    codes[:, :, 1] = att_t[ainv.ravel()]
    codes[:, :, 2] = act_rows[act_ix]
    codes[:, :, 3] = tgt_rows[tgt_ix]
    codes[:, :, 4] = scope_rows[tgt_ix]
    status = np.where((codes == FAILS).any(axis=2), DOES_NOT_APPLY,
                      np.where((codes == UNSURE).any(axis=2), AMBIGUOUS, APPLIES)).astype(np.int8)
    none = np.full(n, -1, dtype=np.int16)
    none.flags.writeable = False
    return [ClauseVerdicts(clause.id, tid, pidx, codes[:, k, :], none, none, status[:, k])
            for k, (tid, clause, pidx, _) in enumerate(items)]


def worst(a: np.ndarray, b: Any) -> np.ndarray:
    """Combine two condition codes: a failure decides, then doubt, then a hold."""
    return np.where((a == FAILS) | (b == FAILS), FAILS,
                    np.where((a == UNSURE) | (b == UNSURE), UNSURE, HOLDS)).astype(np.int8)


def bound_states(tables: DayTables, treaty_id: str, victim: str, attacker: str,
                 clause: Clause | None = None) -> tuple[str, ...]:
    """The parties that owe assistance to ``victim`` that day: all others, less the attacker,
    suspended parties, and parties whose obligations towards the victim are suspended. Under a
    one-way clause (guarantors and beneficiaries), only the guarantors, and only towards a beneficiary."""
    tday = tables.treaties[treaty_id]
    if clause is not None and clause.beneficiaries and victim not in clause.beneficiaries:
        return ()
    owing = set(clause.guarantors) if clause is not None and clause.guarantors else None
    out = []
    for s in sorted(tday.members):
        if s in (victim, attacker) or s in tday.suspended or (owing is not None and s not in owing):
            continue
        if victim in tday.not_bound_towards.get(s, frozenset()):
            continue
        out.append(s)
    return tuple(out)


_TERRITORY_TABLES: dict[int, tuple[Any, Any]] = {}


def territory_table_factory(atlas: Any) -> Any:
    """Memoised (T+1,) masks of territories that are, or are parts of, the given ids; one memo per
    compiled atlas, kept for the life of the process."""
    held = _TERRITORY_TABLES.get(id(atlas))
    if held is not None and held[0] is atlas:
        return held[1]
    cache: dict[tuple[str, ...], np.ndarray] = {}
    ids = atlas.territory_ids

    def table(names: tuple[str, ...]) -> np.ndarray:
        if names not in cache:
            wanted = set(names)
            mask = np.zeros(len(ids) + 1, dtype=bool)
            for i, tid in enumerate(ids):
                if wanted.intersection(atlas.chain(tid)):
                    mask[i] = True
            cache[names] = mask
        return cache[names]

    _TERRITORY_TABLES[id(atlas)] = (atlas, table)
    return table


def member(values: np.ndarray, group: Any) -> np.ndarray:
    """Elementwise ``value in group``: a set lookup for small batches, np.isin for large ones."""
    if len(values) < 512:
        g = group if isinstance(group, set | frozenset) else set(group)
        return np.fromiter((v in g for v in values), dtype=bool, count=len(values))
    return np.isin(values, list(group))


def as_object(values: Sequence[Any]) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = list(values)
    return arr
