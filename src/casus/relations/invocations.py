"""Listing the recorded invocations of defence and consultation clauses, by treaty or clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casus.errors import UnknownTreatyError
from casus.relations.results import InvocationRecord

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.kb.relations import Invocation

__all__ = ["invocations"]


def invocations(kb: KnowledgeBase, treaty: str | None = None, clause: str | None = None,
                state: str | None = None) -> tuple[InvocationRecord, ...]:
    """Invocations in date order, optionally only those of one treaty, one clause or requested by one state.

    A treaty or clause id that is not in the knowledge base is an error with
    suggestions, not an empty list: "never invoked" and "no such treaty" differ.
    """
    items = list(kb.invocations.values())
    if treaty is not None:
        key = str(treaty).strip().lower()
        known = set(kb.treaties) | {i.treaty for i in items}
        if key not in known:
            raise UnknownTreatyError(str(treaty), sorted(known), field="treaty",
                                     accepted=", ".join(sorted(known)))
        items = [i for i in items if i.treaty == key]
    if clause is not None:
        cid = kb.clause(clause)[1].id
        items = [i for i in items if i.clause == cid]
    if state is not None:
        code = kb.state(state).code
        items = [i for i in items if code in i.requested_by]
    return tuple(_record(i) for i in sorted(items, key=lambda i: (i.requested, i.id)))


def _record(i: Invocation) -> InvocationRecord:
    return InvocationRecord(
        id=i.id, clause=i.clause, treaty=i.treaty, requested_by=tuple(i.requested_by), requested=i.requested,
        decided=i.decided, confirmed=i.confirmed, concluded=i.concluded, event=i.event,
        threat_from=tuple(i.threat_from), outcome=i.outcome, outcome_detail=i.outcome_detail,
        operations=tuple(i.operations), sources=tuple(s.url or s.citation or s.title for s in i.sources),
    )
