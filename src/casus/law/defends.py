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
from casus.display import Displayable
from casus.law.attack import TARGETS, Attack, Point, parse_place
from casus.law.kernel import OUTSIDE

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.law.assess import Assessment

PlaceLike = str | Point | tuple[float, float] | dict[str, float]


@dataclass(frozen=True, eq=False, repr=False)
class Defence(Displayable):
    assessment: Assessment

    # From verdict codes and bound states, as the cascade reads them: no finding is put into words
    # (the findings' statuses, kinds and bound states are the same, in the same order).
    @property
    def covered_by(self) -> tuple[str, ...]:
        from casus.law.cascade import defence_rows

        return tuple(c for c, st, _ in defence_rows(self.assessment.kb, self.assessment) if st == "applies")

    @property
    def bound(self) -> tuple[str, ...]:
        from casus.law.cascade import defence_rows

        return tuple(sorted({s for _, st, bound in defence_rows(self.assessment.kb, self.assessment)
                             if st == "applies" for s in bound}))

    def to_dict(self, *, detail: bool = True) -> dict[str, Any]:
        """The answer as JSON data. ``detail=False`` is a faithful subset of the full document, about a
        twentieth of its size and a few times faster to make: the place's main facts and, of the findings, only
        the clauses that apply or are ambiguous, each with its verdict and the states bound (the fields of
        ``casus.law.assess.COMPACT_FINDING``). The clauses that do not apply (mostly treaties the holder is not
        party to) are what makes the full document large, and they are put into words only when asked for."""
        from casus.law.headline import defence_headline

        a = self.assessment
        kept = a.findings if detail else a.telling_findings
        return {
            "schema_version": "1.0",
            "headline": defence_headline(a.kb, self),
            "place": a.place_out() if detail else a.compact_place(),
            "date": a.attack.date.isoformat(),
            "target": a.attack.target,
            "holder": a.victim,
            "question": f"Who is bound to defend this place against an armed attack on {a.attack.target} "
                        "by a state outside every treaty?",
            "covered_by": list(self.covered_by),
            "ambiguous": [f.clause for f in kept if f.status == "ambiguous"],
            "bound": list(self.bound),
            "findings": [f.to_dict(detail=detail) for f in kept],
        }

    def headline(self) -> str:
        """On the day, who is bound to defend the place, by name and treaty, or that no state is (see
        :mod:`casus.law.headline`)."""
        from casus.law.headline import defence_headline

        text = " ".join(defence_headline(self.assessment.kb, self).splitlines())
        return f"On {self.assessment.attack.date.isoformat()}, {text[:1].lower()}{text[1:]}"

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
