"""Who holds a territory on a date: sovereign, administrator, status and the states that claim it.

A part with no control period covering the date takes its parent's (Okinawa
has none of its own and follows the Ryukyu Islands; Crimea has its own from
2014 and follows Ukraine before). Claims add up along the chain: a claim on
the Spratly Islands is a claim on Second Thomas Shoal too. The sovereign's own
claim is not listed among the claimants.

:func:`control_arrays` gives the same answer for every territory at once, as
arrays indexed like ``Atlas.territory_ids``, for sweeps.

Status quo ante: an attack on day D is judged on control as it stood at the
start of D, before the act assessed. A control period that an armed attack
brought about names the attacker (``by_force``); :func:`seized_on` lists the
territories whose control changed by force on D, with the control before, so
that the law can judge that attacker's attack of that day on the status quo
ante. ``where`` and ``defends`` keep showing the control in force that day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.dates import parse_date, today
from casus.errors import UnknownPlaceError, close_matches
from casus.kb.geography import Claim, Control, Territory
from casus.kb.models import Source

if TYPE_CHECKING:
    from casus.geo.atlas import Atlas
    from casus.kb.base import KnowledgeBase

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Holding:
    """The control of one territory on one day."""

    territory: str
    on: dt.date
    sovereign: str | None
    administrator: str | None     # the sovereign where the data names no separate administrator
    status: str                   # a Control status, or "unknown" when no period covers the day
    claimants: tuple[str, ...]
    note: str | None
    decided_by: str | None        # the territory in the chain whose control period applied
    start: dt.date | None
    end: dt.date | None
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"territory": self.territory, "on": self.on, "sovereign": self.sovereign,
                "administrator": self.administrator, "status": self.status, "claimants": list(self.claimants),
                "note": self.note, "decided_by": self.decided_by, "from": self.start, "to": self.end,
                "sources": [s.model_dump(mode="json", exclude_none=True) for s in self.sources]}


def chain(territories: Mapping[str, Territory], territory_id: str) -> tuple[str, ...]:
    """The territory and its ancestors, most specific first (from the knowledge base; no geometry)."""
    if territory_id not in territories:
        hints = close_matches(str(territory_id), territories)
        raise UnknownPlaceError(f"unknown territory id {territory_id!r}"
                                + (f"; did you mean {', '.join(hints)}?" if hints else ""),
                                field="territory", accepted="a territory id such as usa, gum, okinawa",
                                suggestions=hints)
    out = [territory_id]
    cur = territories[territory_id].parent
    while cur is not None and cur not in out:
        out.append(cur)
        cur = territories[cur].parent
    return tuple(out)


def _period(territories: Mapping[str, Territory], ids: tuple[str, ...],
            on: dt.date) -> tuple[str | None, Control | None]:
    for tid in ids:
        for c in territories[tid].control:
            if c.covers(on):
                return tid, c
    return None, None


def _claims(territories: Mapping[str, Territory], ids: tuple[str, ...], on: dt.date) -> list[Claim]:
    return [cl for tid in ids for cl in territories[tid].claims if cl.covers(on)]


def holding(territories: Mapping[str, Territory], territory_id: str, on: dt.date) -> Holding:
    ids = chain(territories, territory_id)
    by, c = _period(territories, ids, on)
    claims = _claims(territories, ids, on)
    sov = c.sovereign if c else None
    claimants = tuple(sorted({cl.state for cl in claims} - ({sov} if sov else set())))
    sources: list[Source] = []
    for s in [*(c.sources if c else ()), *(s for cl in claims for s in cl.sources)]:
        if s not in sources:
            sources.append(s)
    if c is None:
        return Holding(territory_id, on, None, None, UNKNOWN, claimants,
                       "no control period in the data covers this date", None, None, None, tuple(sources))
    return Holding(territory_id, on, sov, c.holder, c.status, claimants, c.note, by, c.start, c.end,
                   tuple(sources))


def control(kb: KnowledgeBase, territory_id: str, on: dt.date | str | None = None) -> Holding:
    """Sovereign, administrator, status, claimants, note and sources of a territory on a date (default today)."""
    day = today() if on is None else parse_date(on, field="on")
    return holding(kb.territories, territory_id, day)


def control_arrays(kb: KnowledgeBase, atlas: Atlas, on: dt.date | str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(sovereign, administrator) state codes for every territory of the atlas on a date, '' where none.

    The administrator is the sovereign where the data names no separate one, so that
    ``administrator`` is always who holds the territory.
    """
    day = today() if on is None else parse_date(on, field="on")
    ids = atlas.territory_ids
    sov = np.empty(len(ids), dtype=object)
    adm = np.empty(len(ids), dtype=object)
    for i, tid in enumerate(ids):
        _, c = _period(kb.territories, chain(kb.territories, tid), day)
        sov[i] = (c.sovereign or "") if c else ""
        adm[i] = (c.holder or "") if c else ""
    return sov, adm


def status_array(kb: KnowledgeBase, atlas: Atlas, on: dt.date | str | None = None) -> np.ndarray:
    """The control status of every territory of the atlas on a date ("unknown" where no period covers it)."""
    day = today() if on is None else parse_date(on, field="on")
    out = np.empty(len(atlas.territory_ids), dtype=object)
    for i, tid in enumerate(atlas.territory_ids):
        _, c = _period(kb.territories, chain(kb.territories, tid), day)
        out[i] = c.status if c else UNKNOWN
    return out


@dataclass(frozen=True)
class Seizure:
    """A territory whose control changed by force on ``on``: the attacker, and the control just before."""

    territory: str
    on: dt.date
    by_force: str
    decided_by: str | None         # the territory in the chain whose period changed
    sovereign: str | None          # before the change
    administrator: str | None
    status: str
    after_sovereign: str | None
    after_administrator: str | None


def seized_on(kb: KnowledgeBase, atlas: Atlas, on: dt.date) -> dict[int, Seizure]:
    """Atlas index -> :class:`Seizure`, for every territory whose control period in force on ``on`` starts that
    day and was brought about by force (``Control.seized_by``: ``by_force``, or an occupation's administrator).
    Empty on almost every day."""
    out: dict[int, Seizure] = {}
    before = on - dt.timedelta(days=1)
    for i, tid in enumerate(atlas.territory_ids):
        ids = chain(kb.territories, tid)
        by, c = _period(kb.territories, ids, on)
        if c is None or c.seized_by is None or c.start != on:
            continue
        _, prev = _period(kb.territories, ids, before)
        out[i] = Seizure(tid, on, c.seized_by, by, prev.sovereign if prev else None, prev.holder if prev else None,
                         prev.status if prev else UNKNOWN, c.sovereign, c.holder)
    return out
