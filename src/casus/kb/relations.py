"""Partnerships, invocations and operations: NATO's system beyond collective defence.

Three kinds of fact live here, each read from its own file:

* ``partnerships.yaml``: frameworks with participants over time (Partnership for
  Peace, the Mediterranean Dialogue, the Istanbul Cooperation Initiative,
  partners across the globe) and the dated documents and events between NATO
  and one partner (IPCP, ITPP, joint political declarations, visits).
* ``invocations.yaml``: every recorded use of a mutual-defence or consultation
  clause (NATO Articles 4 and 5, ANZUS IV, Rio Treaty, TEU 42(7), CSTO 4).
* ``operations.yaml``: operations and missions, with partner contributions
  marked as formal contributions or parallel national deployments.

Areas of cooperation come from one controlled vocabulary (:data:`Area`), so
that "cyber defence", "cyber-defense" and "cyber" cannot drift apart. A date
carries a ``precision`` when the sources give only the month or the year: the
date is then the first day of that month or year, and outputs say so.

A partner is never a member: :func:`check` refuses a participation that
overlaps the state's membership of the organisation's treaty, so "partner" in
this data always means "no Article 5 protection" (Article 5 binds parties only).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import Field, model_validator

from casus.kb.models import Model, Slug, Sources, StateCode

if TYPE_CHECKING:
    from casus.kb.loader import Located, RawBase
    from casus.kb.validate import Report

Area = Literal[
    "arms-control",
    "border-security",
    "capability-development",
    "civil-preparedness",
    "climate-security",
    "counter-piracy",
    "counter-terrorism",
    "crisis-management",
    "cyber-defence",
    "defence-capacity-building",
    "disaster-relief",
    "education-training",
    "emerging-technologies",
    "energy-security",
    "humanitarian-assistance",
    "hybrid-threats",
    "interoperability",
    "maritime-security",
    "missile-defence",
    "non-proliferation",
    "peace-support",
    "political-dialogue",
    "public-diplomacy",
    "resilience",
    "science-technology",
    "space",
    "strategic-communications",
    "women-peace-security",
]
#: every accepted area of cooperation, in the order of :data:`Area`
AREAS: tuple[str, ...] = get_args(Area)

Precision = Literal["day", "month", "year"]

PartnershipKind = Literal["framework", "programme", "declaration", "statement", "visit"]
Instrument = Literal[
    "pfp",                          # Partnership for Peace (framework)
    "mediterranean-dialogue",
    "istanbul-cooperation-initiative",
    "partners-across-the-globe",
    "ipcp",                         # Individual Partnership and Cooperation Programme
    "itpp",                         # Individually Tailored Partnership Programme
    "ipp",                          # Individual Partnership Programme (PfP)
    "icp",                          # Individual Cooperation Programme (MD/ICI)
    "joint-political-declaration",
    "joint-statement",
    "visit",
]
EndReason = Literal["joined-member", "withdrew", "ceased", "framework-ended"]

InvocationOutcome = Literal[
    "assistance-provided",     # the clause's assistance was given (forces, measures)
    "consultations-held",      # the council met and consulted; no further step required
    "support-declared",        # the parties declared support; each chose its own means
    "declined",                # assistance asked for and not given
]

OperationKind = Literal[
    "air-campaign", "peace-support", "stabilisation", "maritime-security", "counter-piracy",
    "air-policing", "surveillance", "training", "deterrence", "humanitarian",
]
ContributionKind = Literal[
    "formal",      # forces placed in the operation under its command, by agreement with the organisation
    "parallel",    # a national deployment alongside the operation, cooperating with it
    "support",     # money, basing or transit, without forces in the operation
]


class Suspension(Model):
    """A dated interval [from, to) during which a participation was suspended."""

    start: dt.date = Field(alias="from")
    precision: Precision = "day"
    end: dt.date | None = Field(default=None, alias="to")
    note: str
    sources: Sources


class Participation(Model):
    """One state's spell in a framework, [from, to), with why it ended."""

    state: StateCode
    start: dt.date = Field(alias="from")
    precision: Precision = "day"
    end: dt.date | None = Field(default=None, alias="to")
    end_reason: EndReason | None = None
    suspensions: tuple[Suspension, ...] = ()
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _interval(self) -> Participation:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"{self.state}: 'to' {self.end} is not after 'from' {self.start}")
        if (self.end is None) != (self.end_reason is None):
            raise ValueError(f"{self.state}: give 'end_reason' exactly when 'to' is given")
        last = self.start
        for s in self.suspensions:
            if s.start < last or (self.end is not None and s.start >= self.end):
                raise ValueError(f"{self.state}: suspension from {s.start} is outside the spell or out of order")
            if s.end is not None and s.end <= s.start:
                raise ValueError(f"{self.state}: suspension ends before it starts")
            last = s.end or s.start
        return self

    def covers(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def suspended_on(self, on: dt.date) -> Suspension | None:
        for s in self.suspensions:
            if s.start <= on and (s.end is None or on < s.end):
                return s
        return None


class Partnership(Model):
    """A partnership framework, or a dated document or event between an organisation and partners."""

    id: Slug
    kind: PartnershipKind
    instrument: Instrument
    name: str
    organisation: Slug = Field(description="treaty id of the organisation, e.g. nato")
    framework: Slug | None = Field(default=None, description="the framework a programme belongs to")
    partners: tuple[StateCode, ...] = ()
    participants: tuple[Participation, ...] = ()
    date: dt.date = Field(description="launched, signed, adopted or (visit) first day")
    precision: Precision = "day"
    until: dt.date | None = Field(default=None, description="last day of a visit (inclusive)")
    start: dt.date | None = Field(default=None, alias="from", description="in effect from; defaults to date")
    end: dt.date | None = Field(default=None, alias="to", description="in effect until (exclusive)")
    period: str | None = Field(default=None, description="the period the document itself names, e.g. 2023-2026")
    supersedes: Slug | None = None
    areas: tuple[Area, ...] = ()
    topics: tuple[str, ...] = Field(default=(), description="subjects discussed, in words (a declaration or visit)")
    summary: str
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _shape(self) -> Partnership:
        if self.kind == "framework":
            if not self.participants:
                raise ValueError("a framework lists its participants")
            if self.partners:
                raise ValueError("a framework has participants, not partners")
        else:
            if not self.partners:
                raise ValueError(f"a {self.kind} names its partners")
            if self.participants:
                raise ValueError(f"a {self.kind} has partners, not participants")
        if self.until is not None and self.until < self.date:
            raise ValueError("'until' is before 'date'")
        if self.until is not None and self.kind != "visit":
            raise ValueError("'until' is only for visits")
        if self.end is not None and self.end <= self.effective_from:
            raise ValueError(f"'to' {self.end} is not after {self.effective_from}")
        if len(set(self.areas)) != len(self.areas):
            raise ValueError("an area is listed twice")
        seen: dict[str, Participation] = {}
        for p in self.participants:
            prev = seen.get(p.state)
            if prev is not None and (prev.end is None or prev.end > p.start):
                raise ValueError(f"{p.state}: participations overlap or are out of order")
            seen[p.state] = p
        return self

    @property
    def effective_from(self) -> dt.date:
        return self.start or self.date

    def in_effect(self, on: dt.date) -> bool:
        """Whether a programme or framework applies on ``on`` (half-open [from, to))."""
        return self.effective_from <= on and (self.end is None or on < self.end)

    def last_day(self) -> dt.date:
        return self.until or self.date


class Invocation(Model):
    """One use of a clause: who asked, when, about what, and what came of it."""

    id: Slug
    clause: str = Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")
    requested_by: tuple[StateCode, ...] = Field(min_length=1)
    requested: dt.date = Field(description="the day the request was made (or the clause invoked)")
    decided: dt.date | None = Field(default=None, description="the day the council met on it or decided")
    confirmed: dt.date | None = Field(default=None, description="a later confirmation (NATO Article 5, 2001-10-02)")
    concluded: dt.date | None = Field(default=None, description="the day the consultations or assistance ended")
    event: str = Field(description="what happened, in our words")
    event_date: dt.date | None = None
    threat_from: tuple[str, ...] = Field(default=(), description="states (ISO3) or non-state actors (nsa:label)")
    outcome: InvocationOutcome
    outcome_detail: str
    operations: tuple[Slug, ...] = ()
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _dates(self) -> Invocation:
        for name in ("decided", "confirmed", "concluded"):
            d = getattr(self, name)
            if d is not None and d < self.requested:
                raise ValueError(f"'{name}' {d} is before 'requested' {self.requested}")
        if self.event_date is not None and self.event_date > self.requested:
            raise ValueError("'event_date' is after 'requested'")
        for t in self.threat_from:
            if not (t.startswith("nsa:") or (len(t) == 3 and t.isupper())):
                raise ValueError(f"threat_from {t!r}: use an ISO3 code or nsa:<label>")
        return self

    @property
    def treaty(self) -> str:
        return self.clause.split("/", 1)[0]


class Contribution(Model):
    """A non-member's part in an operation; by default for the operation's whole life."""

    state: StateCode
    kind: ContributionKind
    start: dt.date | None = Field(default=None, alias="from")
    precision: Precision = "day"
    end: dt.date | None = Field(default=None, alias="to")
    detail: str
    sources: Sources

    @model_validator(mode="after")
    def _interval(self) -> Contribution:
        if self.start and self.end and self.end <= self.start:
            raise ValueError(f"{self.state}: 'to' is not after 'from'")
        return self


class Operation(Model):
    """An operation or mission led by an organisation, with partner contributions."""

    id: Slug
    name: str
    organisation: Slug
    kind: OperationKind
    article5: bool = Field(description="conducted as collective defence under the organisation's Article 5")
    start: dt.date = Field(alias="from")
    precision: Precision = "day"
    end: dt.date | None = Field(default=None, alias="to", description="exclusive; null while it continues")
    theatre: str
    mandate: str | None = None
    summary: str
    follows: Slug | None = None
    invocation: Slug | None = None
    contributions: tuple[Contribution, ...] = ()
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _interval(self) -> Operation:
        if self.end is not None and self.end <= self.start:
            raise ValueError("'to' is not after 'from'")
        for c in self.contributions:
            lo = c.start or self.start
            hi = c.end or self.end
            if lo < self.start or (self.end is not None and hi is not None and hi > self.end):
                raise ValueError(f"{c.state}: contribution lies outside the operation's dates")
        return self

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)

    def span(self, c: Contribution) -> tuple[dt.date, dt.date | None]:
        return (c.start or self.start, c.end or self.end)


# --------------------------------------------------------------------------- cross-file checks

def check(raw: RawBase, report: Report) -> None:
    """States, treaties, clauses and cross-references exist; dates lie within the treaty's life.

    Also: a framework participant is never a party to the organisation's treaty
    during its participation (a partner has no Article 5), and a participation
    ended by ``joined-member`` ends on the day the state became bound.
    """
    parts = raw.sections.get("partnerships", {})
    invs = raw.sections.get("invocations", {})
    ops = raw.sections.get("operations", {})
    for where in parts.values():
        _check_partnership(raw, where, parts, report)
    for where in invs.values():
        _check_invocation(raw, where, ops, report)
    for where in ops.values():
        _check_operation(raw, where, invs, report)


def _state_exists(raw: RawBase, where: Located, code: str, on: dt.date | None, loc: list[str | int],
                  report: Report, what: str) -> None:
    st = raw.states.get(code)
    if st is None:
        report(where, f"{what}: unknown state {code!r} (not in states.yaml)", loc)
        return
    s = st.item
    if on is not None and ((s.start and on < s.start) or (s.end and on >= s.end)):
        report(where, f"{what}: {code} did not exist on {on} (exists {s.start or '…'} to {s.end or 'today'})", loc)


def _treaty_life(raw: RawBase, where: Located, treaty_id: str, days: list[tuple[str, dt.date | None]],
                 loc: list[str | int], report: Report, what: str) -> Any | None:
    t = raw.treaties.get(treaty_id)
    if t is None:
        report(where, f"{what}: unknown treaty {treaty_id!r} (no treaties/{treaty_id}.yaml)", loc)
        return None
    treaty = t.item
    for label, d in days:
        if d is None:
            continue
        if treaty.in_force is None:
            report(where, f"{what}: {treaty_id} is not in force (only signed)", loc)
            return treaty
        if not treaty.in_force_on(d):
            life = f"{treaty.in_force} to {treaty.ended or 'today'}"
            report(where, f"{what}: {label} {d} is outside the life of {treaty_id} ({life})", loc)
    return treaty


def _bound_spells(treaty: Any, state: str) -> list[tuple[dt.date, dt.date | None]]:
    from casus.kb.membership import spells

    for p in treaty.parties:
        if p.state == state:
            return [(s.start, s.end) for s in spells(p, treaty.ended)[0]]
    return []


def _check_partnership(raw: RawBase, where: Located, parts: dict[str, Located], report: Report) -> None:
    p: Partnership = where.item
    what = f"partnership {p.id}"
    treaty = _treaty_life(raw, where, p.organisation, [("date", p.date), ("to", p.end)], ["organisation"],
                          report, what)
    for key in ("framework", "supersedes"):
        ref = getattr(p, key)
        if ref is not None and ref not in parts:
            report(where, f"{what}: {key} names unknown partnership {ref!r}", [key])
    if p.framework is not None and p.framework in parts and parts[p.framework].item.kind != "framework":
        report(where, f"{what}: framework {p.framework!r} is not a framework", ["framework"])
    # an overlay that changes membership (a counterfactual accession) is not contradicted by the
    # bundled record of partnerships: the "partner, not member" rule is checked within one layer
    org = raw.treaties.get(p.organisation)
    if org is not None and org.layer > where.layer:
        treaty = None
    for i, code in enumerate(p.partners):
        _state_exists(raw, where, code, p.date, ["partners", i], report, what)
        if treaty is not None:
            for a, b in _bound_spells(treaty, code):
                if a <= p.date and (b is None or p.date < b):
                    report(where, f"{what}: {code} is a party to {p.organisation} on {p.date}; "
                                  "a partner programme is for non-members", ["partners", i])
    for i, part in enumerate(p.participants):
        loc: list[str | int] = ["participants", i]
        _state_exists(raw, where, part.state, part.start, loc, report, what)
        if treaty is None:
            continue
        spells_ = _bound_spells(treaty, part.state)
        for a, b in spells_:
            overlaps = a < (part.end or dt.date.max) and part.start < (b or dt.date.max)
            if overlaps:
                report(where, f"{what}: {part.state} is listed as a partner from {part.start} to "
                              f"{part.end or 'today'} but is a party to {p.organisation} from {a}; "
                              f"end the participation on {a} with end_reason: joined-member", loc)
        if part.end_reason == "joined-member" and not any(a == part.end for a, _ in spells_):
            starts = ", ".join(str(a) for a, _ in spells_) or "never"
            report(where, f"{what}: {part.state} left on {part.end} for membership, but became bound to "
                          f"{p.organisation} on {starts}", loc)


def _check_invocation(raw: RawBase, where: Located, ops: dict[str, Located], report: Report) -> None:
    inv: Invocation = where.item
    what = f"invocation {inv.id}"
    treaty = _treaty_life(raw, where, inv.treaty, [("requested", inv.requested), ("decided", inv.decided)],
                          ["clause"], report, what)
    if treaty is not None and not any(c.id == inv.clause for c in treaty.clauses):
        ids = ", ".join(c.id for c in treaty.clauses) or "none yet"
        report(where, f"{what}: unknown clause {inv.clause!r} (clauses of {inv.treaty}: {ids})", ["clause"])
    for i, code in enumerate(inv.requested_by):
        loc: list[str | int] = ["requested_by", i]
        _state_exists(raw, where, code, inv.requested, loc, report, what)
        if treaty is not None and not any(a <= inv.requested and (b is None or inv.requested < b)
                                          for a, b in _bound_spells(treaty, code)):
            report(where, f"{what}: {code} was not a party to {inv.treaty} on {inv.requested}", loc)
    for i, t in enumerate(inv.threat_from):
        if not t.startswith("nsa:"):
            _state_exists(raw, where, t, None, ["threat_from", i], report, what)
    for i, op in enumerate(inv.operations):
        if op not in ops:
            report(where, f"{what}: unknown operation {op!r}", ["operations", i])


def _check_operation(raw: RawBase, where: Located, invs: dict[str, Located], report: Report) -> None:
    op: Operation = where.item
    what = f"operation {op.id}"
    treaty = _treaty_life(raw, where, op.organisation, [("from", op.start)], ["organisation"], report, what)
    if op.invocation is not None and op.invocation not in invs:
        report(where, f"{what}: unknown invocation {op.invocation!r}", ["invocation"])
    if op.follows is not None and op.follows not in raw.sections.get("operations", {}):
        report(where, f"{what}: follows unknown operation {op.follows!r}", ["follows"])
    for i, c in enumerate(op.contributions):
        loc: list[str | int] = ["contributions", i]
        lo, _ = op.span(c)
        _state_exists(raw, where, c.state, lo, loc, report, what)
        if treaty is not None and any(a <= lo and (b is None or lo < b) for a, b in _bound_spells(treaty, c.state)):
            report(where, f"{what}: {c.state} was a party to {op.organisation} on {lo}; "
                          "contributions list non-members only", loc)
