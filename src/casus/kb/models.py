"""The knowledge base as frozen pydantic models: the shape every YAML file must take.

Models are immutable so that a loaded knowledge base can be shared between
threads, the HTTP server and Dask workers without copies. Referential checks
(does this region exist? is this state known?) live in :mod:`casus.kb.validate`,
because they need the whole base, not one file.

Every fact carries ``sources``; a list of membership events may instead lean on
the treaty's ``membership_sources`` when one document (a depositary's table)
gives all the dates.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TARGETS = ("territory", "armed_forces", "vessel", "aircraft", "cyber", "space")
KINDS = ("defense", "offense", "neutrality", "non_aggression", "consultation")

Target = Literal["territory", "armed_forces", "vessel", "aircraft", "cyber", "space"]
ClauseKind = Literal["defense", "offense", "neutrality", "non_aggression", "consultation"]
Status = Literal["applies", "does_not_apply", "ambiguous"]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Model(BaseModel):
    """Frozen, strict about unknown keys; dated fields are written ``from``/``to`` in YAML (aliases)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Source(Model):
    """Where a fact comes from. Needs a URL or a citation (a printed source)."""

    title: str = Field(min_length=3)
    publisher: str | None = Field(
        default=None, description="who published what the address holds (an organisation, a newspaper, a journal)"
    )
    url: str | None = None
    via: str | None = Field(
        default=None, description="address of a copy on another host, when the original publication is cited"
    )
    citation: str | None = None
    article: str | None = None
    checked: dt.date | None = Field(default=None, description="the day the address was read")

    @model_validator(mode="after")
    def _url_or_citation(self) -> Source:
        if not (self.url or self.citation):
            raise ValueError("a source needs a url or a citation")
        return self


Sources = Annotated[tuple[Source, ...], Field(min_length=1)]


# --------------------------------------------------------------------------- states

class CowCode(Model):
    """A Correlates of War code that held for part of a state's life (West Germany was 260 until 1990)."""

    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    cow: int
    cow_abbr: str


class State(Model):
    """A state, present or historical, keyed by ISO 3166-1 alpha-3 (SUN, DDR, YUG, CSK kept)."""

    code: StateCode
    name: str
    cow: int | None = Field(default=None, description="Correlates of War numeric code")
    cow_abbr: str | None = None
    cow_history: tuple[CowCode, ...] = Field(default=(), description="earlier COW codes, dated")
    aliases: tuple[str, ...] = ()
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    successors: tuple[StateCode, ...] = ()
    predecessors: tuple[StateCode, ...] = ()
    note: str | None = None
    sources: tuple[Source, ...] = ()

    def cow_on(self, day: dt.date) -> tuple[int | None, str | None]:
        """The COW code and abbreviation in use on ``day`` (research merges need the dated one)."""
        for c in self.cow_history:
            if (c.start is None or c.start <= day) and (c.end is None or day < c.end):
                return c.cow, c.cow_abbr
        return self.cow, self.cow_abbr


# --------------------------------------------------------------------------- treaties

EventType = Literal[
    "bound",               # became bound: deposit of instrument or entry into force for it
    "suspended",           # its membership or participation suspended (all obligations)
    "resumed",             # end of a suspension
    "suspended_towards",   # obligations towards the states in `towards` suspended (ANZUS 1986)
    "resumed_towards",
    "withdrawn",           # withdrawal or denunciation took effect
    "expelled",
    "ceased",              # the state ceased to exist (DDR 1990, SUN 1991)
]


class MembershipEvent(Model):
    date: dt.date
    type: EventType
    towards: tuple[StateCode, ...] = ()
    note: str | None = None
    time_known: bool = Field(
        default=False,
        description="true when the hour of a deposit is known, so the day itself is not ambiguous",
    )
    sources: tuple[Source, ...] = ()


class Caveat(Model):
    """A dated fact that leaves the law as it is but changes how much it can be relied on: a treaty
    whose organisation is gone and which nobody has invoked since (dormancy), or a party excluded or
    suspended from the organisation that still is a party to the treaty (Cuba and the Rio Treaty after 1962)."""

    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    text: str
    sources: Sources

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"since": self.start.isoformat(), "text": " ".join(self.text.split())}
        if self.end is not None:
            out["until"] = self.end.isoformat()
        return out


class Party(Model):
    state: StateCode
    events: tuple[MembershipEvent, ...] = Field(min_length=1)
    note: str | None = None
    caveats: tuple[Caveat, ...] = Field(
        default=(), description="dated standing of a party that remains bound in law (excluded from the organisation)")


class Note(Model):
    """A dated fact about a treaty that changes no obligation (France leaving NATO's integrated command)."""

    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    state: StateCode | None = None
    text: str
    sources: Sources


# Scope expressions: a small closed set of predicates, combined in YAML.
# Each is a mapping with exactly one key:
#   {anywhere: true}
#   {region: <region id>}              the attacked point lies in the region (for a maritime region: on
#                                      the water or in a territorial sea inside its outline, never on land)
#   {territory_in: <region id>}        the place's territory (its land, at its label point) lies inside the
#                                      region's outline: "island territories in the Pacific", "islands in
#                                      the North Atlantic area"; false on the high seas
#   {territory: [<territory ids>]}     the place is in (a part of) one of these territories
#   {sovereign: victim|party|<ISO3>}   the place's sovereign that day
#   {administrator: victim|party|<ISO3>}
#   {all: [expr, ...]}  {any: [expr, ...]}  {not: expr}
ScopeExpr = dict[str, Any]


class ScopeException(Model):
    """Catala-style exception: when `when` holds, the scope result is replaced by `status`."""

    when: ScopeExpr
    status: Status
    reason: str
    cite: str
    targets: tuple[Target, ...] = TARGETS  # type: ignore[assignment]  # which target kinds it concerns
    sources: Sources


class Phase(Model):
    """The clause's geography over one dated interval [from, to)."""

    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    label: str
    cite: str
    targets: dict[Target, ScopeExpr]
    describe: str = Field(description="the area in words, for explanations")
    exceptions: tuple[ScopeException, ...] = ()
    sources: Sources


class Extension(Model):
    """A declaration that brings a new domain (cyber, space) under the clause, case by case."""

    target: Target
    start: dt.date = Field(alias="from")
    status: Status = "ambiguous"
    reason: str
    cite: str
    sources: Sources


class AttackerRule(Model):
    """A clause that names its expected attackers (Sino-Soviet 1950: Japan or states allied with it)."""

    states: tuple[StateCode, ...] = Field(min_length=1)
    otherwise: Status = "ambiguous"
    reason: str
    cite: str


class Clause(Model):
    id: str = Field(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")
    article: str
    title: str
    kind: ClauseKind
    trigger: Literal["armed_attack", "aggression", "threat", "request"]
    # which attackers the clause speaks of: any; a state (non-state attackers make it ambiguous);
    # an outside state (fellow parties excluded)
    attacker: Literal["any", "state", "outside_state"] = "any"
    # optional narrower rule naming the attackers the clause was written against
    attackers: AttackerRule | None = None
    # the act the trigger needs; incursions and threats only count if listed
    acts: tuple[Literal["armed_attack", "incursion", "threat"], ...] = ("armed_attack",)
    response: str = Field(description="the promised response, in our own words")
    automatic: bool = Field(description="true if the response is fixed; false if each party chooses its means")
    political_step: str
    cite: str
    phases: tuple[Phase, ...] = Field(min_length=1)
    extensions: tuple[Extension, ...] = ()
    # One-way obligations (Compacts of Free Association, guarantees): when set, only the guarantors are
    # bound, and only an attack on a beneficiary triggers the clause. Empty: mutual among all parties.
    guarantors: tuple[StateCode, ...] = ()
    beneficiaries: tuple[StateCode, ...] = ()
    sources: Sources

    @field_validator("phases")
    @classmethod
    def _ordered(cls, v: tuple[Phase, ...]) -> tuple[Phase, ...]:
        for a, b in pairwise(v):
            if a.end is None or a.end > b.start:
                raise ValueError(f"phase {a.label!r} overlaps phase {b.label!r}")
        for p in v:
            if p.end is not None and p.end <= p.start:
                raise ValueError(f"phase {p.label!r} ends before it starts")
        return v


#: which of a treaty's dates may be an estimate
EstimatedDate = Literal["in_force", "ended"]
#: how far from an estimated date a finding warns that the answer may differ on the real date
ESTIMATE_WINDOW_DAYS = 366


class Treaty(Model):
    id: Slug
    name: str
    short_name: str | None = None
    signed: dt.date
    in_force: dt.date | None = Field(description="entry into force; null for a treaty signed but not in force")
    ended: dt.date | None = None
    end_note: str | None = None
    status_note: str | None = Field(
        default=None, description="for a treaty not in force: what it still waits for (ratification by ...)")
    signatories: tuple[StateCode, ...] = Field(
        default=(), description="the signatories of a treaty not yet in force (it has no parties yet)")
    depositary: str
    summary: str
    parties: tuple[Party, ...] = ()
    membership_sources: tuple[Source, ...] = ()
    clauses: tuple[Clause, ...] = ()
    notes: tuple[Note, ...] = ()
    dormancy: tuple[Caveat, ...] = Field(
        default=(), description="dated periods when the treaty is in force but its organisation is gone and "
                                "nobody relies on it; the legal status is unchanged")
    atop_id: int | None = Field(default=None, description="ATOP alliance id (Leeds et al.), for joins")
    cow_id: int | None = Field(default=None, description="Correlates of War formal alliance id, where one exists")
    atop_note: str | None = Field(default=None, description="where casus deliberately differs from ATOP's "
                                                            "coding of this alliance, and why")
    estimated_dates: tuple[EstimatedDate, ...] = Field(
        default=(), description="dates that could not be established from the legal record and stand for an "
                                "estimate (entry into force dated from signature, an end dated from the next "
                                "treaty's signature); findings near them say so")
    dating_note: str | None = Field(default=None, description="why those dates are estimates and what they stand for")
    sources: Sources

    @model_validator(mode="after")
    def _dates(self) -> Treaty:
        if bool(self.estimated_dates) != bool(self.dating_note):
            raise ValueError("estimated_dates and dating_note go together: give both or neither")
        if "ended" in self.estimated_dates and self.ended is None:
            raise ValueError("estimated_dates names 'ended' but the treaty has no end")
        if self.in_force is None:
            if self.parties or self.ended is not None or not self.signatories:
                raise ValueError("a treaty not in force (in_force: null) has signatories, no parties and no end")
            return self
        if not self.parties:
            raise ValueError("a treaty in force needs parties")
        if self.in_force < self.signed:
            raise ValueError("in_force is before signed")
        if self.ended is not None and self.ended <= self.in_force:
            raise ValueError("ended is not after in_force")
        return self

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the treaty is in force on ``day`` (never, for one only signed)."""
        return self.in_force is not None and self.in_force <= day and (self.ended is None or day < self.ended)

    def estimated_near(self, day: dt.date) -> tuple[tuple[str, dt.date], ...]:
        """The estimated dates within a year of ``day``: the days on which an answer may be wrong by the gap
        between an estimate and the real date."""
        dates = {"in_force": self.in_force, "ended": self.ended}
        return tuple((k, d) for k in self.estimated_dates if (d := dates[k]) is not None
                     and abs((day - d).days) <= ESTIMATE_WINDOW_DAYS)

    def dormant_on(self, day: dt.date) -> Caveat | None:
        return next((c for c in self.dormancy if c.covers(day)), None)

    def one_way(self) -> bool:
        """True if any clause binds only guarantors towards beneficiaries."""
        return any(c.guarantors for c in self.clauses)
