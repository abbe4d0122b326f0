"""Who is bound to defend this place on this date: the reverse question.

It is an assessment of an attack by a state outside every treaty on the place,
so that no "attacker is a fellow party" rule hides a commitment; the attacked
state is the one that holds the place (its administrator).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casus.dates import parse_date
from casus.display import Displayable, join_names
from casus.law.attack import TARGETS, Attack, Point, parse_place
from casus.law.kernel import OUTSIDE

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.law.assess import Assessment

PlaceLike = str | Point | tuple[float, float] | dict[str, float]


@dataclass(frozen=True, eq=False, repr=False)
class Defence(Displayable):
    assessment: Assessment

    @property
    def covered_by(self) -> tuple[str, ...]:
        return tuple(f.clause for f in self.assessment.findings if f.status == "applies" and f.kind == "defense")

    @property
    def bound(self) -> tuple[str, ...]:
        return tuple(sorted({s for f in self.assessment.findings
                             if f.status == "applies" and f.kind == "defense" for s in f.bound}))

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {
            "schema_version": "1.0",
            "place": a.to_dict(with_cascade=False)["place"],
            "date": a.attack.date.isoformat(),
            "target": a.attack.target,
            "holder": a.victim,
            "question": f"Who is bound to defend this place against an armed attack on {a.attack.target} "
                        "by a state outside every treaty?",
            "covered_by": list(self.covered_by),
            "ambiguous": [f.clause for f in a.findings if f.status == "ambiguous"],
            "bound": list(self.bound),
            "findings": [f.to_dict() for f in a.findings],
        }

    def headline(self) -> str:
        """Who is bound, by name and treaty, or that no state is."""
        a = self.assessment
        kb = a.kb
        place = (a.place_dict or {}).get("territory_name") or "this place"
        if isinstance(a.attack.place, str):
            place = a.attack.place
        day = a.attack.date.isoformat()
        by_treaty: dict[str, set[str]] = {}
        for f in a.findings:
            if f.status == "applies" and f.kind == "defense" and f.bound:
                t = kb.treaty(f.treaty)
                by_treaty.setdefault(t.short_name or t.name, set()).update(f.bound)
        if not by_treaty:
            return f"On {day}, no state is bound to defend {place}."

        def said(treaty: str, codes: set[str]) -> str:
            names = sorted(kb.states[s].name if s in kb.states else s for s in codes)
            listed = join_names(names) if len(names) <= 4 else f"{len(names)} states ({', '.join(names[:3])}, ...)"
            return f"{listed} under {treaty}"

        return f"On {day}, bound to defend {place}: " + "; ".join(
            said(t, c) for t, c in sorted(by_treaty.items(), key=lambda kv: len(kv[1]))) + "."

    def summary_row(self) -> dict[str, Any]:
        a = self.assessment
        p = a.place_dict or {}
        return {"place": a.attack.place if isinstance(a.attack.place, str) else p.get("query"),
                "date": a.attack.date, "territory": p.get("territory"), "holder": a.victim,
                "covered_by": list(self.covered_by), "bound": list(self.bound)}

    def rows(self) -> list[dict[str, Any]]:
        kb = self.assessment.kb
        return [{"clause": f.clause, "status": f.status, "bound": ", ".join(f.bound),
                 "bound_names": ", ".join(kb.states[s].name if s in kb.states else s for s in f.bound)}
                for f in self.assessment.findings if f.status != "does_not_apply"]


def _as_place(place: PlaceLike) -> Point | str:
    if isinstance(place, Point | str):
        return place
    if not isinstance(place, dict):
        lat, lon = place
        place = {"lat": lat, "lon": lon}
    parsed = parse_place(place)
    assert parsed is not None  # a territory target always needs a place, so parse_place never gives None
    return parsed


def defends_many(kb: KnowledgeBase, places: Iterable[PlaceLike], on: dt.date | str,
                 target: str = "territory") -> list[Defence]:
    from casus.errors import ScenarioError
    from casus.law.assess import assess_many

    day = parse_date(on, field="on")
    if target not in TARGETS or target in ("cyber", "space"):
        raise ScenarioError(f"target: {target!r} is not a place-based target", field="target",
                            accepted="territory, armed_forces, vessel, aircraft")
    attacks = [Attack(date=day, attacker=OUTSIDE, victim=None, place=_as_place(p), target=target)
               for p in places]
    return [Defence(a) for a in assess_many(kb, attacks)]


def defends(kb: KnowledgeBase, place: PlaceLike, on: dt.date | str, target: str = "territory") -> Defence:
    (d,) = defends_many(kb, [place], on, target)
    return d
