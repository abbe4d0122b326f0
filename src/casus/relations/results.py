"""The frozen result records of the relations queries, each with a deterministic ``to_dict()``.

They hold plain values (codes, ids, dates), never models, so that a result can
be pickled, compared and serialised without the knowledge base at hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from casus.display import Displayable
from casus.kb.words import join, treaty_with_article, with_article


def show_date(day: dt.date | None, precision: str = "day") -> str | None:
    """ISO date cut to what the sources support: 2012-09 for a month, 2023 for a year."""
    if day is None:
        return None
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


class _Record:
    """Mixin: ``to_dict`` in field order, dates as ISO strings."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class TreatyTie(_Record):
    """A treaty the state is a party to on the day asked about."""

    treaty: str
    name: str
    since: dt.date | None
    suspended: bool
    clauses: tuple[str, ...]
    # "mutual"; or, under a one-way treaty, "guarantor" (owes defence) / "guaranteed" (is owed it)
    role: str = "mutual"
    dormant_since: dt.date | None = None   # in force, but dormant (SEATO since 1977)
    short_name: str = ""                    # 'US-Japan Security Treaty': what a sentence calls it


@dataclass(frozen=True)
class FrameworkTie(_Record):
    """Participation in a partnership framework on the day asked about."""

    partnership: str
    name: str
    organisation: str
    since: str
    status: str  # active | suspended
    note: str | None


@dataclass(frozen=True)
class DocumentTie(_Record):
    """A programme, declaration, statement or visit between an organisation and the state."""

    partnership: str
    kind: str
    instrument: str
    name: str
    organisation: str
    date: str
    until: str | None
    in_effect: bool
    period: str | None
    areas: tuple[str, ...]
    topics: tuple[str, ...]


@dataclass(frozen=True)
class OperationTie(_Record):
    """An operation the state took part in: as a member of the leading organisation, or as a partner."""

    operation: str
    name: str
    organisation: str
    role: str  # member | formal | parallel | support
    start: str
    end: str | None  # exclusive: the first day it no longer ran
    last_day: str | None
    active: bool
    detail: str | None


@dataclass(frozen=True)
class InvocationTie(_Record):
    invocation: str
    clause: str
    role: str  # requested | threat-source
    requested: dt.date
    outcome: str
    event: str


@dataclass(frozen=True, repr=False)
class StateRelations(_Record, Displayable):
    """Everything that ties one state to others on one day, in one view."""

    state: str
    name: str
    on: dt.date
    treaties: tuple[TreatyTie, ...]
    defence_clauses: tuple[str, ...]
    member_of: tuple[str, ...]
    partner_of: tuple[str, ...]
    frameworks: tuple[FrameworkTie, ...]
    programmes: tuple[DocumentTie, ...]
    documents: tuple[DocumentTie, ...]
    areas: tuple[str, ...]
    operations: tuple[OperationTie, ...]
    invocations: tuple[InvocationTie, ...]
    notes: tuple[str, ...]
    #: the organisations of ``partner_of`` by name ('NATO'), in the same order
    partner_names: tuple[str, ...] = ()

    @property
    def clauses(self) -> tuple[str, ...]:
        """Every clause of every treaty the state is a party to that day."""
        return tuple(sorted({c for t in self.treaties for c in t.clauses}))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema_version": "1.0"}
        out.update(super().to_dict())
        out["clauses"] = list(self.clauses)
        return out

    def headline(self) -> str:
        """The state's treaties and partnerships on the day, in names."""
        day = self.on.isoformat()
        treaties = join([treaty_with_article(t.short_name or t.name) for t in self.treaties]) or "no treaty in casus"
        said = f"On {day}, {with_article(self.name)} is a party to {treaties}"
        if self.partner_of:
            said += f" and a partner of {join(self.partner_names or self.partner_of)}"
        return said + "."

    def rows(self) -> list[dict[str, Any]]:
        return [{"treaty": t.name, "id": t.treaty, "since": t.since, "suspended": t.suspended,
                 "clauses": ", ".join(t.clauses)} for t in self.treaties]


@dataclass(frozen=True)
class InvocationRecord(_Record):
    """One invocation, flattened for listing."""

    id: str
    clause: str
    treaty: str
    requested_by: tuple[str, ...]
    requested: dt.date
    decided: dt.date | None
    confirmed: dt.date | None
    concluded: dt.date | None
    event: str
    threat_from: tuple[str, ...]
    outcome: str
    outcome_detail: str
    operations: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TerritoryRef(_Record):
    id: str
    name: str


@dataclass(frozen=True)
class RegionAlly(_Record):
    """A party to a treaty that holds, as sovereign, territory in a region."""

    state: str
    name: str
    territories: tuple[TerritoryRef, ...]


@dataclass(frozen=True)
class RegionAllies(_Record):
    treaty: str
    region: str
    on: dt.date
    allies: tuple[RegionAlly, ...]
    method: str

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(a.state for a in self.allies)


@dataclass(frozen=True)
class TimelineEvent(_Record):
    date: str
    day: dt.date
    kind: str
    ref: str
    text: str


@dataclass(frozen=True)
class Timeline(_Record):
    state: str
    name: str
    events: tuple[TimelineEvent, ...]
