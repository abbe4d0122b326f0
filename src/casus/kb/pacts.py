"""The compact form of a treaty: a simple pact in one short file, expanded into an ordinary Treaty.

Most defence pacts since 1945 are bilateral and hold one defence (or
consultation) article with no geographic limit. Writing each as a full treaty
file repeats the same clause shape a hundred times, which is where slips hide.
A compact file (``data/pacts/<id>.yaml``, ``form: compact``) states only what
differs between pacts (names, dates, parties, the article, its attacker
condition and response, sources); the clause shape comes from a named template
in ``data/templates.yaml``. The loader expands each pact into a :class:`Treaty`,
so the engine, the exports and ``casus check`` never see the difference.

A pact that was signed but never entered into force (``in_force: null``) is
kept as a record, for the ATOP coverage report, and expands to no treaty.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, model_validator

from casus.kb.models import (
    TARGETS,
    ClauseKind,
    Model,
    Note,
    Party,
    ScopeExpr,
    Slug,
    Source,
    Sources,
    StateCode,
    Status,
    Target,
)
from casus.kb.words import article_ref

#: the target kinds a template's geography speaks of when it says "anywhere"
_DEFAULT_TARGETS: tuple[Target, ...] = ("territory", "armed_forces", "vessel", "aircraft")


class Template(Model):
    """A recurring clause shape: everything about a clause that is not a fact of one treaty."""

    id: Slug
    describe: str = Field(description="what the template stands for, for editors")
    kind: ClauseKind
    trigger: Literal["armed_attack", "aggression", "threat", "request"]
    acts: tuple[Literal["armed_attack", "incursion", "threat"], ...] = ("armed_attack",)
    automatic: bool
    one_way: bool = Field(default=False, description="true: the pact must name guarantors and beneficiaries")
    title: str
    political_step: str
    targets: tuple[Target, ...] = _DEFAULT_TARGETS
    scope_describe: str = Field(description="the area in words when the pact sets no geographic limit")


class Pact(Model):
    """One compact pact file (the agreed format; see docs/codebook.md and data/pacts/)."""

    id: Slug
    form: Literal["compact"]
    template: Slug
    name: str
    short_name: str | None = None
    atop_id: int | None = None
    cow_id: int | None = None
    signed: dt.date
    in_force: dt.date | None = Field(description="entry into force (exchange of ratifications); null if never")
    ended: dt.date | None = None
    end_note: str | None = None
    depositary: str = "none (bilateral; instruments of ratification exchanged between the parties)"
    parties: tuple[StateCode | Party, ...] = Field(min_length=2)
    article: str = Field(min_length=1)
    clause: str | None = Field(default=None, pattern=r"^[a-z0-9-]+$",
                               description="the clause id after '<id>/'; default art<article>")
    title: str | None = None
    attacker: Literal["any", "state", "outside_state"] | tuple[StateCode, ...] = "any"
    attacker_otherwise: Status = Field(
        default="ambiguous",
        description="verdict for an attacker the clause does not name (ambiguous when the text adds "
                    "'or any state allied with it')")
    attacker_reason: str | None = None
    acts: tuple[Literal["armed_attack", "incursion", "threat"], ...] | None = None
    guarantors: tuple[StateCode, ...] = ()
    beneficiaries: tuple[StateCode, ...] = ()
    scope: ScopeExpr | None = None
    scope_describe: str | None = None
    response: str
    automatic: bool | None = None
    summary: str
    political_step: str | None = None
    notes: tuple[Note, ...] = ()
    atop_note: str | None = None
    estimated_dates: tuple[Literal["in_force", "ended"], ...] = ()
    dating_note: str | None = None
    membership_sources: tuple[Source, ...] = ()
    clause_sources: tuple[Source, ...] = ()
    sources: Sources

    @model_validator(mode="after")
    def _shape(self) -> Pact:
        if self.in_force is not None and self.in_force < self.signed:
            raise ValueError("in_force is before signed")
        start = self.in_force or self.signed
        if self.ended is not None and self.ended <= start:
            raise ValueError(f"ended ({self.ended}) is not after {'in_force' if self.in_force else 'signed'} "
                             f"({start})")
        if (self.scope is None) != (self.scope_describe is None):
            raise ValueError("scope and scope_describe go together: give both or neither")
        if bool(self.guarantors) != bool(self.beneficiaries):
            raise ValueError("guarantors and beneficiaries go together: give both or neither")
        return self

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(p if isinstance(p, str) else p.state for p in self.parties)

    @property
    def clause_id(self) -> str:
        return f"{self.id}/{self.clause or article_slug(self.article)}"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(s: str) -> int | None:
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def article_slug(article: str) -> str:
    """``"5"`` -> ``art5``, ``"II"`` -> ``art2``, ``"4(1)"`` -> ``art4-1`` (canonical clause ids use numbers)."""
    head = article.strip()
    num = _roman(head.upper()) if head.isupper() or head.upper() == head else None
    if num is not None:
        head = str(num)
    slug = re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")
    return f"art{slug}"


def expand(pact: Pact, template: Template) -> dict[str, Any] | None:
    """The full treaty a pact stands for, as plain data for :class:`Treaty` (None if never in force).

    The expanded clause carries the pact's clause sources (or, failing them, the
    pact's sources: the treaty text); membership dates lean on
    ``membership_sources`` (or the pact's sources) as one document gives them all.
    """
    if pact.in_force is None:
        return None
    start = pact.in_force
    sources = [s.model_dump(by_alias=True, exclude_none=True) for s in pact.sources]
    parties = []
    for p in pact.parties:
        if isinstance(p, str):
            parties.append({"state": p, "events": [{"date": start, "type": "bound",
                                                     "note": "original party; bound from entry into force"}]})
        else:
            parties.append(p.model_dump(by_alias=True, exclude_none=True))
    cite = f"{pact.short_name or pact.name}, {article_ref(pact.article, short=True)}"
    if pact.scope is not None:
        targets = {k: pact.scope for k in template.targets}
        describe = pact.scope_describe
    else:
        targets = {k: {"anywhere": True} for k in template.targets}
        describe = template.scope_describe
    clause: dict[str, Any] = {
        "id": pact.clause_id,
        "article": pact.article,
        "title": pact.title or template.title,
        "kind": template.kind,
        "trigger": template.trigger,
        "acts": list(pact.acts or template.acts),
        "response": pact.response,
        "automatic": template.automatic if pact.automatic is None else pact.automatic,
        "political_step": pact.political_step or template.political_step,
        "cite": cite,
        "guarantors": list(pact.guarantors),
        "beneficiaries": list(pact.beneficiaries),
        "sources": [s.model_dump(by_alias=True, exclude_none=True) for s in pact.clause_sources] or sources,
        "phases": [{"from": start, "label": f"{article_ref(pact.article, short=True)} as signed", "cite": cite,
                    "describe": describe, "targets": targets, "sources": sources}],
    }
    if isinstance(pact.attacker, tuple):
        clause["attacker"] = "state"
        clause["attackers"] = {
            "states": list(pact.attacker),
            "otherwise": pact.attacker_otherwise,
            "reason": pact.attacker_reason or f"{article_ref(pact.article, short=True)} speaks of attacks by "
                                              f"{', '.join(pact.attacker)}",
            "cite": cite,
        }
    else:
        clause["attacker"] = pact.attacker
    data: dict[str, Any] = {
        "id": pact.id,
        "name": pact.name,
        "short_name": pact.short_name,
        "signed": pact.signed,
        "in_force": start,
        "ended": pact.ended,
        "end_note": pact.end_note,
        "depositary": pact.depositary,
        "summary": pact.summary,
        "parties": parties,
        "membership_sources": [s.model_dump(by_alias=True, exclude_none=True)
                               for s in pact.membership_sources] or sources,
        "clauses": [clause],
        "notes": [n.model_dump(by_alias=True, exclude_none=True) for n in pact.notes],
        "atop_id": pact.atop_id,
        "cow_id": pact.cow_id,
        "atop_note": pact.atop_note,
        "estimated_dates": list(pact.estimated_dates),
        "dating_note": pact.dating_note,
        "sources": sources,
    }
    return data


#: where a field of the expanded treaty was written in the compact file, for error lines
def compact_loc(loc: list[str | int]) -> list[str | int]:
    """Map a location in the expanded treaty to the key the editor wrote in the compact file."""
    if not loc:
        return loc
    head = loc[0]
    if head == "parties":
        return loc[:2]
    if head == "clauses" and len(loc) >= 3:
        field = loc[2]
        if field == "phases":
            return ["scope"]
        if field == "attackers":
            return ["attacker"]
        if field == "sources":
            return ["clause_sources"]
        if field in ("id",):
            return ["article"]
        return [str(field)]
    if head == "membership_sources":
        return ["sources"]
    return loc[:1]


__all__ = ["TARGETS", "Pact", "Template", "article_slug", "compact_loc", "expand"]
