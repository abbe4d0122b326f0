"""Directed obligations between states as dated intervals, read from the treaties.

A row ``(treaty, kind, A, B, start, end)`` says: from ``start`` up to (not
including) ``end``, state A owed state B the obligation of that kind under the
treaty. It holds when both are parties that day (deposit, not signature), the
treaty is in force, a clause of that kind is in force (one of its phases covers
the day), neither A nor B is suspended, and A's obligations towards B are not
suspended (the United States towards New Zealand under ANZUS since 1986).

The position of each state is read with :func:`casus.kb.membership.standing`,
the same function the law kernel uses, once per stretch between two dates on
which anything changes (an event, a phase, the treaty's start or end): between
such dates every standing is constant, so the intervals are exact without
looking at every day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casus.kb.membership import Spell, standing
from casus.kb.models import KINDS, Treaty

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase


@dataclass(frozen=True)
class Obligation:
    """State ``debtor`` owed ``creditor`` an obligation of ``kind`` under ``treaty`` in [start, end)."""

    treaty: str
    kind: str
    debtor: str
    creditor: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


def breakpoints(treaty: Treaty, table: Mapping[str, tuple[Spell, ...]]) -> list[dt.date]:
    """Every date on which a standing or a clause phase of the treaty may change, sorted."""
    if treaty.in_force is None:
        return []
    days = {treaty.in_force}
    if treaty.ended is not None:
        days.add(treaty.ended)
    for sps in table.values():
        for sp in sps:
            days.add(sp.start)
            if sp.end is not None:
                days.add(sp.end)
            for a, b in sp.suspended:
                days.add(a)
                if b is not None:
                    days.add(b)
            for _, a, b in sp.suspended_towards:
                days.add(a)
                if b is not None:
                    days.add(b)
    for clause in treaty.clauses:
        for ph in clause.phases:
            days.add(ph.start)
            if ph.end is not None:
                days.add(ph.end)
    return sorted(d for d in days if d >= treaty.in_force and (treaty.ended is None or d <= treaty.ended))


def kinds_on(treaty: Treaty, day: dt.date) -> frozenset[str]:
    """The obligation kinds of the treaty's clauses in force on ``day``."""
    return frozenset(c.kind for c in treaty.clauses
                     if any(p.start <= day and (p.end is None or day < p.end) for p in c.phases))


def treaty_obligations(treaty: Treaty, table: Mapping[str, tuple[Spell, ...]]) -> list[Obligation]:
    """The directed obligations of one treaty, merged into maximal intervals."""
    points = breakpoints(treaty, table)
    states = sorted(table)
    open_: dict[tuple[str, str, str], dt.date] = {}
    out: list[Obligation] = []
    for i, day in enumerate(points):
        nxt = points[i + 1] if i + 1 < len(points) else None
        if treaty.ended is not None and day >= treaty.ended:
            held: set[tuple[str, str, str]] = set()
        else:
            held = _held(treaty, table, states, day)
        for key in [k for k in open_ if k not in held]:
            out.append(Obligation(treaty.id, key[0], key[1], key[2], open_.pop(key), day))
        for key in held:
            open_.setdefault(key, day)
        if nxt is None:
            for key, start in open_.items():
                out.append(Obligation(treaty.id, key[0], key[1], key[2], start, treaty.ended))
            open_.clear()
    out.sort(key=lambda o: (o.debtor, o.creditor, o.kind, o.start))
    return out


def _held(treaty: Treaty, table: Mapping[str, tuple[Spell, ...]], states: list[str],
          day: dt.date) -> set[tuple[str, str, str]]:
    clauses = [c for c in treaty.clauses if any(p.start <= day and (p.end is None or day < p.end) for p in c.phases)]
    if not clauses:
        return set()
    plain = dict(table)
    active = {}
    for s in states:
        st = standing(treaty, s, day, plain)
        if st.party and not st.suspended:
            active[s] = st.not_bound_towards
    out: set[tuple[str, str, str]] = set()
    for c in clauses:
        # a one-way clause: only its guarantors owe, only to its beneficiaries (the Compacts of Free Association)
        debtors = [a for a in active if not c.guarantors or a in c.guarantors]
        creditors = [b for b in active if not c.beneficiaries or b in c.beneficiaries]
        out |= {(c.kind, a, b) for a in debtors for b in creditors if a != b and b not in active[a]}
    return out


def obligations(kb: KnowledgeBase, treaties: Iterable[str] | None = None) -> list[Obligation]:
    """Directed obligations under every treaty (or those named), sorted by treaty, debtor, creditor, kind."""
    ids = sorted(kb.treaties) if treaties is None else [kb.treaty(t).id for t in treaties]
    out: list[Obligation] = []
    for tid in ids:
        out.extend(treaty_obligations(kb.treaties[tid], kb.spells[tid]))
    return out


__all__ = ["KINDS", "Obligation", "breakpoints", "kinds_on", "obligations", "treaty_obligations"]
