"""``timeline(kb, state)``: a dated list of a state's treaty memberships, partnerships and operations."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from casus.kb.words import treaty_short
from casus.relations.periods import contribution_span, partner_documents
from casus.relations.results import Timeline, TimelineEvent, show_date

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["timeline"]

_TREATY_WORDS = {
    "bound": "became a party to", "suspended": "suspended under", "resumed": "resumed under",
    "suspended_towards": "obligations suspended under", "resumed_towards": "obligations resumed under",
    "withdrawn": "withdrew from", "expelled": "expelled from", "ceased": "ceased to exist as a party to",
}


def timeline(kb: KnowledgeBase, state: str) -> Timeline:
    """Every dated event that concerns ``state``, oldest first (ties broken by kind and id)."""
    code = kb.state(state).code
    ev: list[TimelineEvent] = []

    def add(day: dt.date, precision: str, kind: str, ref: str, text: str) -> None:
        ev.append(TimelineEvent(show_date(day, precision) or "", day, kind, ref, text))

    for t in kb.treaties.values():
        for p in t.parties:
            if p.state != code:
                continue
            for e in p.events:
                towards = f" (towards {', '.join(e.towards)})" if e.towards else ""
                add(e.date, "day", f"treaty-{e.type}", t.id, f"{_TREATY_WORDS[e.type]} the {t.name}{towards}")
    for p in kb.partnerships.values():
        if p.kind != "framework":
            continue
        for part in p.participants:
            if part.state != code:
                continue
            add(part.start, part.precision, "partnership-joined", p.id, f"joined the {p.name}")
            for s in part.suspensions:
                add(s.start, s.precision, "partnership-suspended", p.id, f"participation in the {p.name} suspended")
                if s.end is not None:
                    add(s.end, "day", "partnership-resumed", p.id, f"participation in the {p.name} resumed")
            if part.end is not None:
                why = part.end_reason
                if why == "joined-member":
                    why = f"on joining {treaty_short(kb, p.organisation)}"
                add(part.end, "day", "partnership-left", p.id, f"left the {p.name} ({why})")
    for d in partner_documents(kb.partnerships, code):
        what = {"visit": "visit", "programme": "programme adopted", "declaration": "declaration signed",
                "statement": "statement issued"}[d.kind]
        span = f" to {d.until.isoformat()}" if d.until else ""
        add(d.date, d.precision, f"{d.kind}", d.id, f"{d.name} ({what}{span})")
        if d.kind == "programme" and d.end is not None:
            add(d.end, "day", "programme-ended", d.id, f"{d.name} ends (superseded or expired)")
    for inv in kb.invocations.values():
        if code in inv.requested_by:
            add(inv.requested, "day", "invocation", inv.id, f"invoked {inv.clause}: {inv.event}")
    for op in kb.operations.values():
        for kind, lo, precision, hi, _ in contribution_span(op, code):
            add(lo, precision, "operation-joined", op.id, f"{kind} contribution to {op.name} begins")
            if hi is not None:
                add(hi, "day", "operation-left", op.id, f"{kind} contribution to {op.name} ends")
    ev.sort(key=lambda e: (e.day, e.kind, e.ref))
    return Timeline(code, kb.states[code].name, tuple(ev))
