"""The geography of danger: which reachable places are covered by which defence clause, and who is bound.

For each territory within the high range, the law engine judges an armed attack
on it by a state outside every treaty, at the territory's representative point
(the same question as ``casus defends`` and the web map's colours). The answer
lists the defence clauses that apply or are ambiguous, and the states the
applying clauses bind; a per-clause summary then says where each clause covers
reachable land and which reachable land of its own parties it does not cover
(Guam and Hawaii for NATO Article 5, south of the Tropic of Cancer).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from casus.reach.results import ClauseReach, Commitments, Cover, Reached

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

METHOD = ("For each territory within the high range, an armed attack on its territory by a state outside every "
          "treaty is judged at the territory's representative point; 'bound' lists the parties the applying "
          "clauses bind (each still chooses its means where the clause leaves it to them).")


def available() -> bool:
    """Whether the law engine this overlay needs is installed."""
    from importlib.util import find_spec

    return all(find_spec(m) is not None for m in ("casus.law.coverage", "casus.law.kernel", "casus.geo.control"))


def commitments(kb: KnowledgeBase, day: dt.date, reached: tuple[Reached, ...]) -> Commitments:
    """Commitments over the reachable territories (rows of kind 'territory' within the high range)."""
    from casus.law.coverage import coverage
    from casus.law.kernel import OUTSIDE, bound_states, day_tables

    cov = coverage(kb, day, "territory")
    tables = day_tables(kb, day)
    rows: list[Cover] = []
    for r in reached:
        if r.kind != "territory" or not r.within_high:
            continue
        c: dict[str, Any] = cov.get(r.id, {})
        applies = tuple(c.get("applies", ()))
        ambiguous = tuple(c.get("ambiguous", ()))
        holder = c.get("holder") or r.administrator or r.state
        bound: set[str] = set()
        for cid in applies:
            treaty, clause = kb.clauses[cid]
            bound.update(bound_states(tables, treaty.id, holder or "", OUTSIDE, clause))
        rows.append(Cover(r.id, r.name, holder, r.state, r.distance_km, r.within_low, applies, ambiguous,
                          tuple(sorted(bound))))
    return Commitments(day, METHOD, tuple(rows), _by_clause(kb, day, rows, tables),
                       tuple(c.territory for c in rows if not c.applies))


def _by_clause(kb: KnowledgeBase, day: dt.date, rows: list[Cover], tables: Any) -> tuple[ClauseReach, ...]:
    from casus.errors import CasusError
    from casus.law.kernel import OUTSIDE, bound_states

    ids = sorted({cid for c in rows for cid in (*c.applies, *c.ambiguous)})
    out = []
    for cid in ids:
        treaty = kb.clauses[cid][0].id
        try:
            parties = set(kb.members(treaty, day))
        except CasusError:
            parties = set()
        applies_in = tuple(c.territory for c in rows if cid in c.applies)
        ambiguous_in = tuple(c.territory for c in rows if cid in c.ambiguous)
        holders = tuple(sorted({c.holder for c in rows if cid in c.applies and c.holder}))
        bound: set[str] = set()
        for h in holders:
            bound.update(bound_states(tables, treaty, h, OUTSIDE, kb.clauses[cid][1]))
        not_covered = tuple(c.territory for c in rows
                            if c.holder in parties and cid not in c.applies and cid not in c.ambiguous)
        out.append(ClauseReach(cid, treaty, applies_in, ambiguous_in, holders, tuple(sorted(bound)), not_covered))
    # clauses of treaties whose parties' land is reached but never covered (NATO Art. 5 for Guam alone)
    for t in kb.treaties.values():
        for clause in t.clauses:
            if clause.kind != "defense" or clause.id in ids:
                continue
            try:
                parties = set(kb.members(t.id, day))
            except CasusError:
                continue
            not_covered = tuple(c.territory for c in rows if c.holder in parties)
            if not_covered:
                out.append(ClauseReach(clause.id, t.id, (), (), (), (), not_covered))
    return tuple(sorted(out, key=lambda c: c.clause))
