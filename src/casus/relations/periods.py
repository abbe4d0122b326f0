"""Dated-interval questions about partnerships and operations, as pure functions.

Intervals are half-open [from, to) like treaty membership, so the day a state
joins NATO it is a member and no longer a partner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from casus.kb.relations import Operation, Participation, Partnership


def spell_on(framework: Partnership, state: str, on: dt.date) -> Participation | None:
    """The state's participation in a framework that covers ``on``, if any."""
    for p in framework.participants:
        if p.state == state and p.covers(on):
            return p
    return None


def partner_documents(partnerships: Mapping[str, Partnership], state: str) -> Iterator[Partnership]:
    """Programmes, declarations, statements and visits that name ``state`` as a partner, by date."""
    docs = [p for p in partnerships.values() if p.kind != "framework" and state in p.partners]
    yield from sorted(docs, key=lambda p: (p.date, p.id))


def contribution_span(op: Operation, state: str) -> list[tuple[str, dt.date, str, dt.date | None, str]]:
    """(kind, from, precision of from, to, detail) for each contribution of ``state`` to ``op``."""
    out: list[tuple[str, dt.date, str, dt.date | None, str]] = []
    for c in op.contributions:
        if c.state == state:
            lo, hi = op.span(c)
            precision = c.precision if c.start is not None else op.precision
            out.append((c.kind, lo, precision, hi, c.detail))
    return out
