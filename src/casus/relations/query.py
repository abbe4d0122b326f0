"""``relations(kb, state, on)``: a state's treaties, partnerships, programmes and operations in one view.

This is what ``casus.open().relations(state, on)`` and ``casus relations`` return. The
view keeps membership and partnership apart on purpose: a partner of NATO on a
day when it is not a party to the North Atlantic Treaty has no ``nato/art5``
among its clauses, however close the partnership (Article 5 binds parties only).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from casus.dates import parse_date
from casus.kb.models import Treaty
from casus.kb.relations import Partnership
from casus.kb.words import clause_label, join, treaty_short
from casus.relations.periods import contribution_span, partner_documents, spell_on
from casus.relations.results import (
    DocumentTie,
    FrameworkTie,
    InvocationTie,
    OperationTie,
    StateRelations,
    TreatyTie,
    show_date,
)

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["relations"]


def relations(kb: KnowledgeBase, state: str, on: dt.date | str) -> StateRelations:
    """Everything that ties ``state`` to others on ``on``.

    >>> import casus
    >>> r = casus.open().relations("JPN", "2017-11-02")
    >>> "nato/art5" in r.clauses, "nato" in r.partner_of
    (False, True)
    """
    code = kb.state(state).code
    day = parse_date(on, field="on")
    treaties = _treaties(kb, code, day)
    member_of = tuple(t.treaty for t in treaties)
    frameworks = _frameworks(kb, code, day)
    docs = [_document(p, day) for p in partner_documents(kb.partnerships, code) if p.date <= day]
    programmes = tuple(d for d in docs if d.kind == "programme" and d.in_effect)
    others = tuple(d for d in docs if d.kind != "programme")
    partner_of = tuple(sorted({f.organisation for f in frameworks} | {d.organisation for d in programmes}
                              - set(member_of)))
    areas = tuple(sorted({a for d in programmes for a in d.areas}))
    defence = tuple(sorted(c.id for t in kb.treaties.values() if t.id in member_of
                           for c in t.clauses if c.kind == "defense"))
    return StateRelations(
        state=code,
        name=kb.states[code].name,
        on=day,
        treaties=treaties,
        defence_clauses=defence,
        member_of=member_of,
        partner_of=partner_of,
        frameworks=frameworks,
        programmes=programmes,
        documents=others,
        areas=areas,
        operations=_operations(kb, code, day),
        invocations=_invocations(kb, code, day),
        notes=_notes(kb, partner_of),
        partner_names=tuple(treaty_short(kb, o) for o in partner_of),
    )


def _treaties(kb: KnowledgeBase, code: str, day: dt.date) -> tuple[TreatyTie, ...]:
    out = []
    for tid in kb.treaties_of(code, day):
        t = kb.treaties[tid]
        st = kb.standing(tid, code, day)
        dormant = t.dormant_on(day)
        out.append(TreatyTie(tid, t.name, st.since, st.suspended, tuple(c.id for c in t.clauses), _role(t, code),
                             dormant.start if dormant else None, treaty_short(kb, tid)))
    return tuple(out)


def _role(t: Treaty, code: str) -> str:
    """A state's side of a treaty: mutual, or guarantor or guaranteed under one-way clauses."""
    one_way = [c for c in t.clauses if c.guarantors]
    if not one_way:
        return "mutual"
    owes = any(code in c.guarantors for c in one_way)
    owed = any(code in c.beneficiaries for c in one_way)
    return "guarantor and guaranteed" if owes and owed else "guarantor" if owes else "guaranteed" if owed else "mutual"


def _frameworks(kb: KnowledgeBase, code: str, day: dt.date) -> tuple[FrameworkTie, ...]:
    out = []
    for p in sorted(kb.partnerships.values(), key=lambda p: (p.date, p.id)):
        if p.kind != "framework" or not p.in_effect(day):
            continue
        spell = spell_on(p, code, day)
        if spell is None:
            continue
        susp = spell.suspended_on(day)
        out.append(FrameworkTie(p.id, p.name, p.organisation, show_date(spell.start, spell.precision) or "",
                                "suspended" if susp else "active", susp.note if susp else spell.note))
    return tuple(out)


def _document(p: Partnership, day: dt.date) -> DocumentTie:
    return DocumentTie(
        partnership=p.id, kind=p.kind, instrument=p.instrument, name=p.name, organisation=p.organisation,
        date=show_date(p.date, p.precision) or "", until=show_date(p.until),
        in_effect=p.kind == "programme" and p.in_effect(day), period=p.period,
        areas=tuple(p.areas), topics=tuple(p.topics),
    )


def _operations(kb: KnowledgeBase, code: str, day: dt.date) -> tuple[OperationTie, ...]:
    """Operations up to ``day``: led by an organisation the state belonged to then, or contributed to."""
    out = []
    for op in sorted(kb.operations.values(), key=lambda o: (o.start, o.id)):
        if op.start > day:
            continue
        last = day if op.end is None or day < op.end else op.end - dt.timedelta(days=1)
        org = op.organisation
        if org in kb.treaties and (kb.standing(org, code, op.start).party or kb.standing(org, code, last).party):
            out.append(OperationTie(op.id, op.name, org, "member", show_date(op.start, op.precision) or "",
                                    show_date(op.end), _last(op.end), op.active(day), None))
            continue
        for kind, lo, precision, hi, detail in contribution_span(op, code):
            if lo > day:
                continue
            active = hi is None or day < hi
            out.append(OperationTie(op.id, op.name, org, kind, show_date(lo, precision) or "", show_date(hi),
                                    _last(hi), active, detail))
    return tuple(out)


def _last(end: dt.date | None) -> str | None:
    return show_date(end - dt.timedelta(days=1)) if end is not None else None


def _invocations(kb: KnowledgeBase, code: str, day: dt.date) -> tuple[InvocationTie, ...]:
    out = []
    for inv in sorted(kb.invocations.values(), key=lambda i: (i.requested, i.id)):
        if inv.requested > day:
            continue
        if code in inv.requested_by:
            role = "requested"
        elif code in inv.threat_from:
            role = "threat-source"
        else:
            continue
        out.append(InvocationTie(inv.id, inv.clause, role, inv.requested, inv.outcome, inv.event))
    return tuple(out)


def _notes(kb: KnowledgeBase, partner_of: tuple[str, ...]) -> tuple[str, ...]:
    notes = []
    for org in partner_of:
        t = kb.treaties.get(org)
        clauses = [clause_label(kb, c.id) for c in t.clauses if c.kind == "defense"] if t else []
        if clauses:
            notes.append(f"Partner of {treaty_short(kb, org)}, not a party: {join(clauses)} does not cover it "
                         "(the clause binds and protects parties only).")
    return tuple(notes)
