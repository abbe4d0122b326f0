"""Who is a party on a given day, derived from dated membership events.

Intervals are half-open, ``[bound, withdrawn)``: a state whose instrument was
deposited on 2023-04-04 is a party from that day on, and one whose withdrawal
took effect on a day is no longer a party that day. Events are read as a small
state machine so that a hand-edited file with a reversed or overlapping
interval is rejected rather than silently reinterpreted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from casus.kb.models import Party, Treaty

_ENDS = {"withdrawn", "expelled", "ceased"}


@dataclass(frozen=True)
class Spell:
    """One continuous period as a party, and the suspensions inside it."""

    start: dt.date
    end: dt.date | None
    start_time_known: bool
    suspended: tuple[tuple[dt.date, dt.date | None], ...]
    # (towards state, from, to): obligations towards that state suspended
    suspended_towards: tuple[tuple[str, dt.date, dt.date | None], ...]

    def covers(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on < self.end)


def spells(party: Party, treaty_end: dt.date | None = None) -> tuple[tuple[Spell, ...], list[tuple[int, str]]]:
    """Read a party's events into spells; return them with any inconsistencies found,
    each with the index of the event at fault."""
    problems: list[tuple[int, str]] = []
    out: list[Spell] = []
    ev = party.events
    for i, (a, b) in enumerate(pairwise(ev)):
        if b.date < a.date:
            problems.append((i + 1, f"{party.state}: events out of order ({a.type} {a.date} then {b.type} {b.date})"))
    start: dt.date | None = None
    start_known = False
    susp: list[tuple[dt.date, dt.date | None]] = []
    towards: dict[str, dt.date] = {}
    towards_done: list[tuple[str, dt.date, dt.date | None]] = []

    def close(end: dt.date | None) -> None:
        nonlocal start
        assert start is not None
        if susp and susp[-1][1] is None and end is not None:
            susp[-1] = (susp[-1][0], end)
        for st, since in towards.items():
            towards_done.append((st, since, end))
        towards.clear()
        out.append(Spell(start, end, start_known, tuple(susp), tuple(towards_done)))
        susp.clear()
        towards_done.clear()
        start = None

    for i, e in enumerate(ev):
        if e.type == "bound":
            if start is not None:
                problems.append((i, f"{party.state}: bound again on {e.date} while already a party since {start}"))
                continue
            start, start_known = e.date, e.time_known
        elif start is None:
            problems.append((i, f"{party.state}: '{e.type}' on {e.date} while not a party"))
        elif e.type in _ENDS:
            if e.date <= start:
                problems.append((i, f"{party.state}: {e.type} on {e.date} is not after becoming bound on {start}"))
            close(e.date)
        elif e.type == "suspended":
            if susp and susp[-1][1] is None:
                problems.append((i, f"{party.state}: suspended again on {e.date} while already suspended"))
            else:
                susp.append((e.date, None))
        elif e.type == "resumed":
            if not susp or susp[-1][1] is not None:
                problems.append((i, f"{party.state}: resumed on {e.date} without a suspension"))
            else:
                susp[-1] = (susp[-1][0], e.date)
        elif e.type == "suspended_towards":
            if not e.towards:
                problems.append((i, f"{party.state}: suspended_towards on {e.date} names no state in 'towards'"))
            for st in e.towards:
                towards[st] = e.date
        elif e.type == "resumed_towards":
            for st in e.towards:
                if st not in towards:
                    problems.append((i, f"{party.state}: resumed_towards {st} on {e.date} without a suspension"))
                else:
                    towards_done.append((st, towards.pop(st), e.date))
    if start is not None:
        close(treaty_end)
    return tuple(out), problems


@dataclass(frozen=True)
class Standing:
    """A state's position under a treaty on one day."""

    party: bool
    suspended: bool = False
    first_day: bool = False  # the day its instrument was deposited, hour unknown
    not_bound_towards: frozenset[str] = frozenset()
    since: dt.date | None = None


def standing(treaty: Treaty, state: str, on: dt.date, table: dict[str, tuple[Spell, ...]]) -> Standing:
    if treaty.in_force is None or not treaty.in_force_on(on):
        return Standing(False)
    for sp in table.get(state, ()):
        if sp.covers(on):
            suspended = any(a <= on and (b is None or on < b) for a, b in sp.suspended)
            towards = frozenset(s for s, a, b in sp.suspended_towards if a <= on and (b is None or on < b))
            first = sp.start == on and not sp.start_time_known and sp.start > treaty.in_force
            return Standing(True, suspended, first, towards, sp.start)
    return Standing(False)
