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
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.geo.atlas import atlas_of
from casus.kb.membership import standing
from casus.kb.models import Clause, Phase, Treaty
from casus.law.scope import NONE, Batch, evaluate

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

HOLDS, FAILS, UNSURE, SKIPPED = 0, 1, 2, 3
#: the attacker in "who is bound to defend this place" questions: a state party to none of the treaties
OUTSIDE = "*outside*"
CONDITIONS = ("party", "attacker", "act", "target", "scope")
STATUS_NAMES = ("applies", "does_not_apply", "ambiguous")
APPLIES, DOES_NOT_APPLY, AMBIGUOUS = 0, 1, 2
_STATUS_CODE = {"applies": HOLDS, "does_not_apply": FAILS, "ambiguous": UNSURE}


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


@lru_cache(maxsize=4096)
def _day_tables_cached(kb: KnowledgeBase, day: dt.date) -> DayTables:
    from casus.geo.control import control_arrays

    treaties = {t.id: _treaty_day(kb, t, day) for t in kb.treaties.values()
                if t.in_force <= day and (t.ended is None or day < t.ended)}
    sov, adm = control_arrays(kb, atlas_of(kb), day)
    sov = np.append(np.asarray(sov, dtype=object), NONE)
    adm = np.append(np.asarray(adm, dtype=object), NONE)
    sov[sov == None] = NONE  # noqa: E711 - numpy elementwise comparison
    adm[adm == None] = NONE  # noqa: E711
    return DayTables(day, treaties, sov, adm)


@dataclass(frozen=True)
class ClauseVerdicts:
    """One clause judged for a batch of n attacks of one date."""

    clause_id: str
    treaty_id: str
    phase: int                  # index of the phase in force that day
    codes: np.ndarray           # (n, 5) int8, one column per CONDITIONS
    exception: np.ndarray       # (n,) int16, index of the exception that decided the scope, -1 none
    extension: np.ndarray       # (n,) int16, index of the domain extension used, -1 none
    status: np.ndarray          # (n,) int8: APPLIES, DOES_NOT_APPLY, AMBIGUOUS


def judge(kb: KnowledgeBase, tables: DayTables, batch: Batch, attackers: np.ndarray,
          targets: np.ndarray, acts: np.ndarray, clause_ids: Sequence[str] | None = None,
          *, any_party: bool = False) -> list[ClauseVerdicts]:
    """Judge every clause in force on ``tables.day`` (or those named) for the batch.

    ``any_party`` takes the attacked forces, vessel or aircraft to be a party's, for sweeps that ask
    "would an attack here on an ally's ship be covered" without naming the ally.
    """
    out: list[ClauseVerdicts] = []
    n = batch.n
    nsa = np.char.startswith(attackers.astype(str), "nsa:") if n else np.zeros(0, dtype=bool)
    acts_memo: dict[tuple[str, ...], np.ndarray] = {}
    for tid, tday in tables.treaties.items():
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
                target_code[targets == kind] = HOLDS
            for k, ext in enumerate(clause.extensions):
                if ext.start <= tables.day:
                    sel = targets == ext.target
                    target_code[sel] = _STATUS_CODE[ext.status]
                    ext_idx[sel] = k
            codes[:, 3] = target_code
            # scope: the place lies in the area covered for that target kind
            scope = np.full(n, SKIPPED, dtype=np.int8)
            exc_idx = np.full(n, -1, dtype=np.int16)
            for kind, expr in phase.targets.items():
                sel = targets == kind
                if not sel.any():
                    continue
                inside = evaluate(expr, batch, tday.members)
                scope[sel] = np.where(inside[sel], HOLDS, FAILS)
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
    return out


def worst(a: np.ndarray, b: Any) -> np.ndarray:
    """Combine two condition codes: a failure decides, then doubt, then a hold."""
    return np.where((a == FAILS) | (b == FAILS), FAILS,
                    np.where((a == UNSURE) | (b == UNSURE), UNSURE, HOLDS)).astype(np.int8)


def bound_states(tables: DayTables, treaty_id: str, victim: str, attacker: str) -> tuple[str, ...]:
    """The parties that owe assistance to ``victim`` that day: all others, less the attacker,
    suspended parties, and parties whose obligations towards the victim are suspended."""
    tday = tables.treaties[treaty_id]
    out = []
    for s in sorted(tday.members):
        if s in (victim, attacker) or s in tday.suspended:
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
