"""The cascade: which further treaties come into play once the bound states act.

A stylised escalation ladder, stated as such in every output: round 1 is the
attack itself; in each later round, every state that has just become bound is
assumed to act militarily against the states on the other side, on their home
territory, and the treaties of those states are judged for that counter-attack.
It stops when no new state is drawn in. Only clauses that *apply* draw states in;
ambiguous ones are listed but not followed. It maps what the treaties could
pull in, not what governments would decide.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus.geo.atlas import atlas_of
from casus.law.attack import Attack, Point
from casus.law.kernel import AMBIGUOUS, DOES_NOT_APPLY, bound_states

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.law.assess import Assessment

MAX_ROUNDS = 6
ASSUMPTION = ("Each state bound in one round is assumed to act against the other side on its home territory; "
              "the treaties of the states so attacked are then judged. This shows what the treaties could draw "
              "in, not what any government would decide.")


@dataclass(frozen=True)
class Edge:
    source: str       # the state that is bound
    target: str       # the state it is bound to assist
    clause: str
    status: str
    round: int

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target, "clause": self.clause, "status": self.status,
                "round": self.round}


@dataclass(frozen=True)
class Cascade:
    sides: dict[str, str]                 # state -> "attacker" | "victim"
    rounds: tuple[tuple[str, ...], ...]   # states newly drawn in, per round
    edges: tuple[Edge, ...]
    conflicts: tuple[str, ...]            # states bound on both sides

    def to_dict(self, *, detail: bool = True) -> dict[str, Any]:
        """The cascade as JSON data; ``detail=False`` keeps only ``rounds`` and ``conflicts``."""
        if not detail:
            return {"rounds": [{"round": i + 1, "drawn_in": list(r)} for i, r in enumerate(self.rounds)],
                    "conflicts": list(self.conflicts)}
        return {
            "assumption": ASSUMPTION,
            "rounds": [{"round": i + 1, "drawn_in": list(r)} for i, r in enumerate(self.rounds)],
            "graph": {
                "nodes": [{"id": s, "side": side} for s, side in sorted(self.sides.items())],
                "edges": [e.to_dict() for e in self.edges],
            },
            "conflicts": list(self.conflicts),
        }

    def to_networkx(self) -> Any:
        import networkx as nx

        g = nx.MultiDiGraph()
        for s, side in self.sides.items():
            g.add_node(s, side=side)
        for e in self.edges:
            g.add_edge(e.source, e.target, clause=e.clause, status=e.status, round=e.round)
        return g


def _homeland(kb: KnowledgeBase, code: str) -> Point | None:
    """A point in a state's home territory (its Natural Earth feature), where a counter-attack is assumed."""
    tid = code.lower()
    atlas = atlas_of(kb)
    if tid not in atlas.territory_ids:
        return None
    lat, lon = atlas.representative_point(tid)
    return Point(float(lat), float(lon))


_MEMO: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()
MEMO_LIMIT = 100_000  # counter-attack outcomes remembered per knowledge base before the memo starts afresh


def _counter_memo(kb: KnowledgeBase) -> dict[Any, Any]:
    memo = _MEMO.get(kb)
    if memo is None or len(memo) > MEMO_LIMIT:
        memo = {}
        _MEMO[kb] = memo
    return memo


def defence_rows(kb: KnowledgeBase, assessment: Assessment) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(clause, 'applies' or 'ambiguous', bound states) for each defence clause that does not stay silent.

    Verdict codes and bound states only: no findings are put into words for the cascade.
    """
    attacker = assessment.attack.attacker
    rows = []
    for cv, row in assessment.verdicts:
        status = int(cv.status[row])
        clause = kb.clauses[cv.clause_id][1]
        if status == DOES_NOT_APPLY or clause.kind != "defense":
            continue
        bound = bound_states(assessment.tables, cv.treaty_id, assessment.victim, attacker, clause)
        rows.append((cv.clause_id, "ambiguous" if status == AMBIGUOUS else "applies", bound))
    return tuple(rows)


def cascade(kb: KnowledgeBase, first: Assessment) -> Cascade:
    """The cascade of one assessment. It depends only on the day, the attacker, the victim and the defence
    clauses the attack itself engages (with the states they bind), so the scenarios of a batch that share
    these (the same attack on many places of one state) share one cascade, remembered for this knowledge
    base."""
    attack = first.attack
    rows = defence_rows(kb, first)
    memo = _counter_memo(kb)
    key = ("cascade", attack.date, attack.attacker, attack.non_state_attacker, first.victim, rows)
    got = memo.get(key)
    if got is None:
        got = memo[key] = _cascade(kb, first, rows, memo)
    return got  # type: ignore[no-any-return]


def _cascade(kb: KnowledgeBase, first: Assessment, first_rows: tuple[tuple[str, str, tuple[str, ...]], ...],
             memo: dict[Any, Any]) -> Cascade:
    from casus.law.assess import Assessment, assess_many

    attack = first.attack
    sides: dict[str, str] = {first.victim: "victim"}
    if not attack.non_state_attacker:
        sides[attack.attacker] = "attacker"
    edges: list[tuple[str, str, str, str, int]] = []  # (source, target, clause, status, round): Edges at the end
    conflicts: set[str] = set()
    rounds: list[tuple[str, ...]] = []

    def absorb(victim: str, rows: tuple[tuple[str, str, tuple[str, ...]], ...], rnd: int) -> list[str]:
        side = sides[victim]
        new: list[str] = []
        for clause_id, status, bound in rows:
            if status == "ambiguous":
                edges.extend((s, victim, clause_id, "ambiguous", rnd) for s in bound)
                continue
            for s in bound:
                edges.append((s, victim, clause_id, "applies", rnd))
                if s not in sides:
                    sides[s] = side
                    new.append(s)
                elif sides[s] != side:
                    conflicts.add(s)
        return sorted(set(new))

    fresh = absorb(first.victim, first_rows, 1)
    rounds.append(tuple(fresh))
    judged: set[tuple[str, str]] = set()
    for rnd in range(2, MAX_ROUNDS + 1):
        if not fresh:
            break
        keys = []
        missing = []
        for actor in fresh:
            for enemy, side in sorted(sides.items()):
                if side == sides[actor] or enemy in conflicts or (actor, enemy) in judged:
                    continue
                # one counter-attack per enemy is enough when the clause does not depend on who attacks;
                # the actor is kept so that 'outside_state' clauses are judged correctly
                judged.add((actor, enemy))
                # a counter-attack's outcome depends only on (day, attacker, victim): remembered for this
                # knowledge base, so the scenarios of a batch (and later calls) that meet it share it
                key = (attack.date, actor, enemy)
                keys.append(key)
                if key in memo:
                    continue
                home = _homeland(kb, enemy)
                if home is None:
                    memo[key] = None
                    continue
                missing.append(Attack(date=attack.date, attacker=actor, victim=enemy, place=home,
                                      target="territory"))
        if missing:
            for a, r in zip(missing, assess_many(kb, missing, on_error="collect"), strict=True):
                memo[(a.date, a.attacker, a.victim)] = (
                    (r.victim, defence_rows(kb, r)) if isinstance(r, Assessment) else None)
        fresh = []
        for k in keys:
            got = memo.get(k)
            if got is not None:
                fresh += absorb(got[0], got[1], rnd)
        fresh = sorted(set(fresh))
        rounds.append(tuple(fresh))
    while rounds and not rounds[-1] and len(rounds) > 1:
        rounds.pop()
    # the first (earliest) round a link appears in: a later counter-attack on the same victim repeats it
    uniq: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for e in edges:
        uniq.setdefault(e[:4], e)
    return Cascade(dict(sorted(sides.items())), tuple(rounds),
                   tuple(Edge(*e) for e in sorted(uniq.values(), key=lambda e: (e[4], e[1], e[2], e[0]))),
                   tuple(sorted(conflicts)))

