"""What changed between two dates in who is bound to defend whom.

Read from the same dated facts the engine judges with: treaties entering into
force or ending (and treaties only signed), parties becoming bound, leaving,
suspended or resumed, a clause's geography changing phase, dormancy beginning
or ending, a party's standing put in doubt, and territories changing hands.
A change dated ``d`` is listed when ``start < d <= end``: it is what differs
between the situation on ``start`` and the situation on ``end``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from casus.dates import parse_date
from casus.display import Displayable
from casus.errors import DateError
from casus.kb.words import capital, clause_label, join, state_name

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.kb.models import Treaty

#: kinds of change, in the order they are listed on one day
KINDS = ("treaty_in_force", "treaty_signed", "treaty_ended", "joined", "left", "suspended", "resumed",
         "clause_changed", "dormancy_began", "dormancy_ended", "standing_doubtful", "territory_changed_hands")

_LEFT_WORDS = {"withdrawn": "withdrew", "expelled": "was expelled", "ceased": "ceased to exist"}


@dataclass(frozen=True)
class Change:
    """One dated change; ``text`` is the sentence people read."""

    date: dt.date
    kind: str
    text: str
    treaty: str | None = None
    state: str | None = None
    clause: str | None = None
    territory: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date.isoformat(), "kind": self.kind, "text": self.text}
        for k in ("treaty", "state", "clause", "territory"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v
        return out


@dataclass(frozen=True, repr=False)
class Changes(Displayable):
    start: dt.date
    end: dt.date
    changes: tuple[Change, ...]

    def headline(self) -> str:
        """How many changes, and the first few in words."""
        span = f"from {self.start.isoformat()} to {self.end.isoformat()}"
        if not self.changes:
            return f"Nothing changed in who is bound to defend whom {span}."
        n = len(self.changes)
        first = "; ".join(f"{c.date.isoformat()}: {c.text}" for c in self.changes[:3])
        return f"{n} change{'s' if n != 1 else ''} {span}: {first}" + ("; ..." if n > 3 else ".")

    def rows(self) -> list[dict[str, Any]]:
        return [c.to_dict() for c in self.changes]

    def to_frame(self) -> Any:
        """One row per change: date, kind, text, and the treaty, state, clause or territory it concerns."""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=["date", "kind", "text", "treaty", "state", "clause", "territory"])

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": "1.0", "from": self.start.isoformat(), "to": self.end.isoformat(),
                "count": len(self.changes), "changes": [c.to_dict() for c in self.changes]}

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)


def diff(kb: KnowledgeBase, start: dt.date | str, end: dt.date | str) -> Changes:
    """Every change in commitments dated after ``start`` and up to ``end``, oldest first."""
    a, b = parse_date(start, field="from"), parse_date(end, field="to")
    if b < a:
        raise DateError(f"to: {b.isoformat()} is before from: {a.isoformat()}", field="to",
                        accepted=f"a date on or after {a.isoformat()}")

    def within(d: dt.date | None) -> bool:
        return d is not None and a < d <= b

    out: list[Change] = []
    for t in sorted(kb.treaties.values(), key=lambda t: t.id):
        out += _treaty_changes(kb, t, within)
    out += _territory_changes(kb, within)
    order = {k: i for i, k in enumerate(KINDS)}
    out.sort(key=lambda c: (c.date, order[c.kind], c.treaty or "", c.state or "", c.territory or ""))
    return Changes(a, b, tuple(out))


def _names(kb: KnowledgeBase, codes: Any) -> str:
    return join([state_name(kb, c) for c in sorted(codes)])


def _treaty_changes(kb: KnowledgeBase, t: Treaty, within: Any) -> list[Change]:
    short = t.short_name or t.name
    out: list[Change] = []
    if t.in_force is None:
        if within(t.signed):
            waits = f" {' '.join(t.status_note.split())}" if t.status_note else ""
            out.append(Change(t.signed, "treaty_signed", f"{short} signed by {_names(kb, t.signatories)}; not in "
                                                         f"force, so it binds no one.{waits}", treaty=t.id))
        return out
    originals = {p.state for p in t.parties for e in p.events[:1] if e.type == "bound" and e.date == t.in_force}
    if within(t.in_force):
        out.append(Change(t.in_force, "treaty_in_force", f"{short} entered into force between "
                                                         f"{_names(kb, originals)}.", treaty=t.id))
    if within(t.ended):
        assert t.ended is not None
        note = f" {' '.join(t.end_note.split())}" if t.end_note else ""
        out.append(Change(t.ended, "treaty_ended", f"{short} ended.{note}", treaty=t.id))
    for p in t.parties:
        for e in p.events:
            if not within(e.date) or (e.date == t.in_force and e.type == "bound"):
                continue
            who = capital(state_name(kb, p.state))
            if e.type == "bound":
                out.append(Change(e.date, "joined", f"{who} became bound by the {t.name}.", treaty=t.id,
                                  state=p.state))
            elif e.type in _LEFT_WORDS and e.date != t.ended:
                out.append(Change(e.date, "left", f"{who} {_LEFT_WORDS[e.type]}; no longer a party to the {t.name}.",
                                  treaty=t.id, state=p.state))
            elif e.type in ("suspended", "suspended_towards"):
                towards = f" towards {_names(kb, e.towards)}" if e.towards else ""
                out.append(Change(e.date, "suspended", f"{who}'s obligations under the {t.name} suspended{towards}.",
                                  treaty=t.id, state=p.state))
            elif e.type in ("resumed", "resumed_towards"):
                towards = f" towards {_names(kb, e.towards)}" if e.towards else ""
                out.append(Change(e.date, "resumed", f"{who}'s obligations under the {t.name} resumed{towards}.",
                                  treaty=t.id, state=p.state))
        for c in p.caveats:
            if within(c.start):
                who = capital(state_name(kb, p.state))
                out.append(Change(c.start, "standing_doubtful", f"{who} remains a party to the {short}, but: "
                                                                f"{' '.join(c.text.split())}",
                                  treaty=t.id, state=p.state))
    for clause in t.clauses:
        for prev, ph in pairwise(clause.phases):
            if within(ph.start):
                out.append(Change(ph.start, "clause_changed", f"{clause_label(kb, clause.id)}: now {ph.label} "
                                                              f"(before: {prev.label}).", treaty=t.id,
                                  clause=clause.id))
    for dm in t.dormancy:
        if within(dm.start):
            out.append(Change(dm.start, "dormancy_began", f"{short} dormant, though still in force: "
                                                          f"{' '.join(dm.text.split())}", treaty=t.id))
        if within(dm.end):
            assert dm.end is not None
            out.append(Change(dm.end, "dormancy_ended", f"{short} no longer dormant.", treaty=t.id))
    return out


def _territory_changes(kb: KnowledgeBase, within: Any) -> list[Change]:
    out: list[Change] = []
    for terr in sorted(kb.territories.values(), key=lambda t: t.id):
        periods = sorted(terr.control, key=lambda c: c.start or dt.date.min)
        for prev, cur in pairwise(periods):
            if not within(cur.start) or (prev.sovereign, prev.holder) == (cur.sovereign, cur.holder):
                continue
            assert cur.start is not None
            if cur.holder != prev.holder:
                text = (f"{terr.name} changed hands: now held by {state_name(kb, cur.holder)}, "
                        f"before by {state_name(kb, prev.holder)}")
                if cur.sovereign != cur.holder:
                    text += f" (sovereign: {state_name(kb, cur.sovereign)}; {cur.status})"
            else:
                text = (f"{terr.name}: sovereignty now {state_name(kb, cur.sovereign)} ({cur.status}), before "
                        f"{state_name(kb, prev.sovereign)}; still held by {state_name(kb, cur.holder)}")
            out.append(Change(cur.start, "territory_changed_hands", text + ".", territory=terr.id, state=cur.holder))
    return out
