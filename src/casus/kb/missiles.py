"""Missiles and launch sites: the facts behind "threat reach".

A missile's range is not one number. Public estimates differ (a lofted test
flight gives an apogee and a flight time, and each analyst turns them into a
range with their own assumptions about payload and trajectory), so each system
keeps a low and a high public estimate, each with its own source, and nothing
downstream averages them away. Payload is recorded only where a source gives it.

The first successful flight test is the date the cited source calls the first
success (Hwasong-15: 2017-11-29). When the source gives only a month or a year,
``first_flight_precision`` says so and the date is the first day of that month
or year; when no source dates it at all (cruise missiles first seen in combat,
systems first known when commissioned), the precision is ``by`` and the date is
the latest day by which it had certainly flown. Reach answers then say that
whether it had been tested on an earlier date is not known.

A launch site is a named point with coordinates and sources. Places that sources
treat as one site under two names (Sohae, also called Tongchang-ri) are one site
with an alias, so that both names give the same answer.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from casus.kb.models import Model, Slug, Source, Sources, StateCode

if TYPE_CHECKING:
    from casus.kb.loader import Located, RawBase
    from casus.kb.validate import Report

#: the longest geodesic on the WGS84 ellipsoid (half a meridian), km: no range is larger
HALF_CIRCUMFERENCE_KM = 20003.931

MissileClass = Literal["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "GLCM", "SLCM", "ALCM"]
Basing = Literal["road-mobile", "silo", "rail", "submarine", "ship", "aircraft", "fixed-pad"]
#: day, month or year: the date is that day, or the first day of that month or year; "by": the first
#: successful test is not publicly dated and the date is the latest by which it had certainly happened
#: (entry into service, first combat use)
Precision = Literal["day", "month", "year", "by"]
MissileStatus = Literal["operational", "in-development", "retired"]
SiteKind = Literal["space-launch", "missile-test", "missile-base", "submarine-base", "airbase", "airport"]


class Estimate(Model):
    """One public range estimate, with the source that gives it."""

    km: float = Field(gt=0, le=40000)
    source: Source
    note: str | None = None


class Payload(Model):
    kg: float = Field(gt=0)
    note: str | None = None
    source: Source


class RangeEstimates(Model):
    low: Estimate
    high: Estimate

    @model_validator(mode="after")
    def _ordered(self) -> RangeEstimates:
        if self.low.km > self.high.km:
            raise ValueError(f"the low estimate ({self.low.km} km) is above the high one ({self.high.km} km)")
        return self


class Missile(Model):
    """One missile system, with the public estimates of its range."""

    id: Slug
    name: str
    aliases: tuple[str, ...] = ()
    owner: StateCode
    missile_class: MissileClass = Field(alias="class")
    propellant: Literal["liquid", "solid"] | None = None
    basing: tuple[Basing, ...] = ()
    first_flight: dt.date = Field(description="first flight test the cited source calls successful")
    first_flight_precision: Precision = "day"
    first_flight_note: str | None = None
    first_flight_sources: Sources
    status: MissileStatus
    range: RangeEstimates
    payload: tuple[Payload, ...] = ()
    note: str | None = None
    sources: Sources

    def tested_by(self, on: dt.date) -> bool | None:
        """Whether the first successful flight test had happened by ``on`` (a test that day counts); None
        when it is not known: ``on`` falls inside the month or year the source gives, or before a 'by' date."""
        if on >= self.first_flight_end:
            return True
        if self.first_flight_precision == "by":
            return None
        if on < self.first_flight:
            return False
        return None

    @property
    def first_flight_end(self) -> dt.date:
        """The first day on which the system had certainly been tested: the test day itself (a test that day
        counts), the day after a month or year, or the 'by' date."""
        d = self.first_flight
        if self.first_flight_precision in ("day", "by"):
            return d
        if self.first_flight_precision == "month":
            return dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return dt.date(d.year + 1, 1, 1)

    def first_flight_words(self) -> str:
        d = self.first_flight
        if self.first_flight_precision == "by":
            return f"not publicly dated; no later than {d.isoformat()}"
        if self.first_flight_precision == "year":
            return f"{d.year} (year only)"
        if self.first_flight_precision == "month":
            return f"{d.strftime('%Y-%m')} (month only)"
        return d.isoformat()


class LaunchSite(Model):
    """A named launch site or base, a point on the map."""

    id: Slug
    name: str
    aliases: tuple[str, ...] = ()
    state: StateCode
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    kind: SiteKind
    start: dt.date | None = Field(default=None, alias="from", description="first known use, if sourced")
    note: str | None = None
    sources: Sources


def check(raw: RawBase, report: Report) -> None:
    """Owners and site states exist; names and aliases are unambiguous across missiles and sites;
    a first flight test does not precede its owner's existence."""
    missiles = raw.sections.get("missiles", {})
    sites = raw.sections.get("launch_sites", {})
    names: dict[str, str] = {}

    def claim(where: Located, label: str, owner: str, loc: list[str | int]) -> None:
        key = normalise(label)
        other = names.get(key)
        if other is not None and other != owner:
            report(where, f"name {label!r} is used by both {other} and {owner}; names and aliases must be unique",
                   loc)
        names[key] = owner

    for where in missiles.values():
        m: Missile = where.item
        st = raw.states.get(m.owner)
        if st is None:
            report(where, f"{m.id}: unknown owner state {m.owner!r} (not in states.yaml)", ["owner"])
        else:
            s = st.item
            if (s.start and m.first_flight < s.start) or (s.end and m.first_flight >= s.end):
                report(where, f"{m.id}: first flight {m.first_flight} is outside the life of {m.owner} "
                              f"({s.start or '…'} to {s.end or 'today'})", ["first_flight"])
        claim(where, m.id, f"missile {m.id}", ["id"])
        claim(where, m.name, f"missile {m.id}", ["name"])
        for i, a in enumerate(m.aliases):
            claim(where, a, f"missile {m.id}", ["aliases", i])
    for where in sites.values():
        site: LaunchSite = where.item
        if site.state not in raw.states:
            report(where, f"{site.id}: unknown state {site.state!r} (not in states.yaml)", ["state"])
        claim(where, site.id, f"site {site.id}", ["id"])
        claim(where, site.name, f"site {site.id}", ["name"])
        for i, a in enumerate(site.aliases):
            claim(where, a, f"site {site.id}", ["aliases", i])
        if site.id.upper() in raw.states:
            report(where, f"{site.id}: a site id must not be a state code (--from takes both)", ["id"])


def normalise(name: str) -> str:
    """The form names are compared in: case, spaces, dashes and dots ignored ("Hwasong 15" = "hwasong-15")."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
