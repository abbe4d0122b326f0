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

    def to_dict(self) -> dict[str, Any]:
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


def cascade(kb: KnowledgeBase, first: Assessment) -> Cascade:
    from casus.law.assess import Assessment, assess_many

    attack = first.attack
    sides: dict[str, str] = {first.victim: "victim"}
    if not attack.non_state_attacker:
        sides[attack.attacker] = "attacker"
    edges: list[Edge] = []
    conflicts: set[str] = set()
    rounds: list[tuple[str, ...]] = []

    def absorb(assessment: Assessment, rnd: int) -> list[str]:
        # verdict codes and bound states only: no findings are put into words for the cascade
        side = sides[assessment.victim]
        attacker = assessment.attack.attacker
        new: list[str] = []
        for cv, row in assessment.verdicts:
            status = int(cv.status[row])
            if status == DOES_NOT_APPLY or kb.clauses[cv.clause_id][1].kind != "defense":
                continue
            bound = bound_states(assessment.tables, cv.treaty_id, assessment.victim, attacker,
                                 kb.clauses[cv.clause_id][1])
            if status == AMBIGUOUS:
                edges.extend(Edge(s, assessment.victim, cv.clause_id, "ambiguous", rnd) for s in bound)
                continue
            for s in bound:
                edges.append(Edge(s, assessment.victim, cv.clause_id, "applies", rnd))
                if s not in sides:
                    sides[s] = side
                    new.append(s)
                elif sides[s] != side:
                    conflicts.add(s)
        return sorted(set(new))

    fresh = absorb(first, 1)
    rounds.append(tuple(fresh))
    judged: set[tuple[str, str]] = set()
    for rnd in range(2, MAX_ROUNDS + 1):
        if not fresh:
            break
        scenarios = []
        for actor in fresh:
            for enemy, side in sorted(sides.items()):
                if side == sides[actor] or enemy in conflicts or (actor, enemy) in judged:
                    continue
                # one counter-attack per enemy is enough when the clause does not depend on who attacks;
                # the actor is kept so that 'outside_state' clauses are judged correctly
                judged.add((actor, enemy))
                home = _homeland(kb, enemy)
                if home is None:
                    continue
                scenarios.append(Attack(date=attack.date, attacker=actor, victim=enemy, place=home,
                                        target="territory"))
        results = assess_many(kb, scenarios, on_error="collect")
        fresh = []
        for r in results:
            if isinstance(r, Assessment):
                fresh += absorb(r, rnd)
        fresh = sorted(set(fresh))
        rounds.append(tuple(fresh))
    while rounds and not rounds[-1] and len(rounds) > 1:
        rounds.pop()
    # the first (earliest) round a link appears in: a later counter-attack on the same victim repeats it
    uniq: dict[tuple[str, str, str, str], Edge] = {}
    for e in edges:
        uniq.setdefault((e.source, e.target, e.clause, e.status), e)
    return Cascade(dict(sorted(sides.items())), tuple(rounds),
                   tuple(sorted(uniq.values(), key=lambda e: (e.round, e.target, e.clause, e.source))),
                   tuple(sorted(conflicts)))

