"""The tour: a new user's first run, answering the questions that started the project.

The questions and scenarios are data (``data/tour/tour.yaml``); each answer is
computed from the engine's findings, so the tour changes when the knowledge
base does and can never drift from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.kb import yamlio
from casus.kb.words import area_words, clause_label, join, state_name, states_list, treaty_short
from casus.relations import query as relations_query

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

TOUR_FILE = Path(__file__).resolve().parent.parent / "data" / "tour" / "tour.yaml"
STATUS_WORDS = {"applies": "applies", "does_not_apply": "does not apply", "ambiguous": "is ambiguous"}


@dataclass(frozen=True)
class Answer:
    id: str
    question: str
    answer: str
    shown: tuple[tuple[str, tuple[Any, ...]], ...]
    sources: tuple[str, ...]
    headlines: tuple[tuple[str, str], ...] = ()   # (scenario, its headline) for each scenario asked

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "answer": self.answer,
                "headlines": [{"scenario": name, "headline": h} for name, h in self.headlines],
                "findings": [{"scenario": name, "findings": [f.to_dict() for f in fs]} for name, fs in self.shown],
                "sources": list(self.sources)}


def _focus(findings: Any, focus: list[str]) -> tuple[Any, ...]:
    by = {f.clause: f for f in findings}
    return tuple(by[c] for c in focus if c in by)


def _line(kb: KnowledgeBase, label: str, findings: tuple[Any, ...], focus: list[str]) -> str:
    parts = []
    by = {f.clause: f for f in findings}
    for c in focus:
        f = by.get(c)
        if f is None:
            parts.append(f"{clause_label(kb, c)} was not in force")
            continue
        bound = f" (bound: {states_list(kb, f.bound)})" if f.status == "applies" and f.bound else ""
        parts.append(f"{clause_label(kb, c)} {STATUS_WORDS[f.status]}{bound}")
    return f"{label}: " + "; ".join(parts) + "."


def _sources(findings: Any) -> list[str]:
    out = []
    for f in findings:
        for s in f.sources[:1]:
            out.append(f"{f.clause}: {s.get('title')} {s.get('url') or s.get('citation') or ''}".strip())
    return out


def run_tour(kb: KnowledgeBase, path: Path = TOUR_FILE) -> list[Answer]:
    from casus.law.assess import assess_many
    from casus.law.defends import defends_many
    from casus.law.headline import assessment_headline, defence_headline

    doc = yamlio.plain(yamlio.read(path))
    default_day: dt.date = doc["date"]
    answers: list[Answer] = []
    for q in doc["questions"]:
        focus = list(q.get("focus", []))
        shown: list[tuple[str, tuple[Any, ...]]] = []
        lines: list[str] = []
        sources: list[str] = []
        heads: list[tuple[str, str]] = []
        if q["kind"] == "assess":
            scen = [{"date": s.get("date", default_day), "attacker": s["attacker"], "victim": s.get("victim"),
                     "place": s["place"], "target": s.get("target", "territory")} for s in q["scenarios"]]
            for s, a in zip(q["scenarios"], assess_many(kb, scen), strict=True):
                fs = _focus(a.findings, focus)
                label = f"{s['label']} ({a.attack.date.isoformat()})"
                shown.append((label, fs))
                lines.append(_line(kb, label, fs, focus))
                heads.append((label, assessment_headline(kb, a)))
                sources += _sources(fs)
        elif q["kind"] == "defends":
            for p, d in zip(q["places"], defends_many(kb, q["places"], default_day), strict=True):
                fs = _focus(d.assessment.findings, focus)
                label = f"An outside attack on {p} ({default_day.isoformat()})"
                shown.append((label, fs))
                bound = states_list(kb, d.bound) or "none"
                lines.append(_line(kb, label, fs, focus) + f" States bound: {bound}.")
                heads.append((label, defence_headline(kb, d)))
                sources += _sources(fs)
        if q.get("relations"):
            for code in q["relations"]:
                lines.append(_partner_line(kb, code, default_day))
        if q["kind"] == "pacific_allies":
            lines.append(_pacific(kb, default_day))
        if q["kind"] == "diff":
            lines.append(_since(kb, default_day, q["to"]))
        answers.append(Answer(q["id"], q["question"], "\n".join(lines), tuple(shown),
                              tuple(dict.fromkeys(sources)), tuple(heads)))
    return answers


def _partner_line(kb: KnowledgeBase, code: str, day: dt.date) -> str:
    """What the partnership gives a partner, from the relations data: programmes and areas, not Art. 5."""
    d = relations_query.relations(kb, code, day).to_dict()
    progs = [f"{p['name']} ({p['date']}; {', '.join(area_words(a) for a in p['areas'])})"
             for p in d.get("programmes", []) if p.get("in_effect")]
    partner = join([treaty_short(kb, t) for t in d.get("partner_of", [])]) or "no organisation"
    text = f"{d['name']} on {day.isoformat()}: partner of {partner}"
    if progs:
        text += "; programmes in effect: " + "; ".join(progs)
    return text + ". " + " ".join(d.get("notes", []))


def _pacific(kb: KnowledgeBase, day: dt.date) -> str:
    from casus.relations.regions import pacific_allies

    allies = pacific_allies(kb, day, treaty="nato").allies
    parts = [f"{state_name(kb, a.state)} ({', '.join(t.name for t in a.territories)})" for a in allies]
    return (f"On {day.isoformat()}, {len(parts)} NATO allies hold territory in the Pacific area, computed from "
            f"the geography: " + "; ".join(parts) + ".")


def _since(kb: KnowledgeBase, day: dt.date, to: dt.date) -> str:
    """The changes from the tour's date to ``to``, one per line, as ``casus diff`` lists them."""
    from casus.law.diff import diff

    changes = diff(kb, day, to).changes
    head = f"{len(changes)} changes after {day.isoformat()} and up to {to.isoformat()} (casus diff):"
    return "\n".join([head, *(f"{c.date.isoformat()}: {c.text}" for c in changes)])
