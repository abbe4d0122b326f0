"""What a reach query returns: frozen records with ``to_dict()``, the same for the CLI, the API and tests.

Distances are kilometres rounded to 0.1 km; rows are sorted by distance, then id,
so the same question always gives byte-identical JSON. Every answer carries
:data:`DISCLAIMER`: ranges are public estimates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from casus.display import Displayable

SCHEMA_VERSION = "1.0"

DISCLAIMER = (
    "Ranges are public estimates, not verified performance: each missile has a low and a high estimate, "
    "each from a named source, and analysts differ on payload and trajectory. Distances are WGS84 "
    "geodesics to the nearest point of each place; being within range says nothing about accuracy, "
    "defences or intent."
)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != () and v != []}


@dataclass(frozen=True)
class RangeUsed:
    """The two ranges a query measures against: the low and the high public estimate."""

    low_km: float
    high_km: float
    low_source: dict[str, Any] | None = None
    high_source: dict[str, Any] | None = None
    everything: bool = False   # the high range reaches every point on Earth

    def to_dict(self) -> dict[str, Any]:
        return _clean({"low_km": self.low_km, "high_km": self.high_km, "low_source": self.low_source,
                       "high_source": self.high_source, "everything": self.everything})


@dataclass(frozen=True)
class MissileFacts:
    id: str
    name: str
    owner: str
    missile_class: str
    status: str
    first_flight: dt.date
    first_flight_precision: str
    tested: bool | None        # had its first successful flight test happened on the query date?
    range: dict[str, Any]
    payload: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _clean({"id": self.id, "name": self.name, "owner": self.owner, "class": self.missile_class,
                       "status": self.status, "first_flight": self.first_flight.isoformat(),
                       "first_flight_precision": self.first_flight_precision,
                       "tested_on_date": self.tested, "range": self.range, "payload": list(self.payload)}) | \
            {"tested_on_date": self.tested}


@dataclass(frozen=True)
class Origin:
    """Where the missile is launched from: a named site, a point, or anywhere in a state's territory."""

    kind: str                      # site | state | territory | city | point
    id: str | None
    name: str
    state: str | None
    lat: float | None = None
    lon: float | None = None
    territories: tuple[str, ...] = ()   # for a state or territory: the territories (and parts) launched from

    def to_dict(self) -> dict[str, Any]:
        return _clean({"kind": self.kind, "id": self.id, "name": self.name, "state": self.state,
                       "lat": self.lat, "lon": self.lon, "territories": list(self.territories)})


@dataclass(frozen=True)
class Reached:
    """One place and its distance from the origin (its nearest point), with whether each range reaches it."""

    kind: str                      # territory | state | city | area | point
    id: str
    name: str
    distance_km: float
    within_low: bool
    within_high: bool
    state: str | None = None       # sovereign (territories), country (cities), the code itself (states)
    administrator: str | None = None
    population: int | None = None
    area_kind: str | None = None   # for areas: continent, ocean, sea, treaty-area, area
    clauses: tuple[str, ...] = ()  # for areas: clauses whose geography names the area that day
    territories: tuple[str, ...] = ()  # for states: its territories within the high range
    nearest: tuple[float, float] | None = None   # (lat, lon) of the nearest point
    launch_point: tuple[float, float] | None = None   # (lat, lon), for launches from a whole state

    def to_dict(self) -> dict[str, Any]:
        return _clean({
            "kind": self.kind, "id": self.id, "name": self.name, "distance_km": self.distance_km,
            "within_low": self.within_low, "within_high": self.within_high, "state": self.state,
            "administrator": self.administrator, "population": self.population, "area_kind": self.area_kind,
            "clauses": list(self.clauses), "territories": list(self.territories),
            "nearest": list(self.nearest) if self.nearest else None,
            "launch_point": list(self.launch_point) if self.launch_point else None,
        }) | {"within_low": self.within_low, "within_high": self.within_high}


@dataclass(frozen=True)
class Cover:
    """The commitments that cover one reachable territory."""

    territory: str
    name: str
    holder: str | None
    sovereign: str | None
    distance_km: float
    within_low: bool
    applies: tuple[str, ...]       # defence clauses that apply to an armed attack on it
    ambiguous: tuple[str, ...]
    bound: tuple[str, ...]         # states bound by the clauses that apply

    def to_dict(self) -> dict[str, Any]:
        return {"territory": self.territory, "name": self.name, "holder": self.holder,
                "sovereign": self.sovereign, "distance_km": self.distance_km, "within_low": self.within_low,
                "applies": list(self.applies), "ambiguous": list(self.ambiguous), "bound": list(self.bound)}


@dataclass(frozen=True)
class ClauseReach:
    """One defence clause over the reachable area: where it applies and where a party's land is not covered."""

    clause: str
    treaty: str
    applies_in: tuple[str, ...]            # reachable territories it covers
    ambiguous_in: tuple[str, ...]
    holders_reached: tuple[str, ...]       # parties whose covered territory is within reach
    bound: tuple[str, ...]                 # states it would bind
    parties_not_covered: tuple[str, ...]   # reachable territories held by a party that it does not cover

    def to_dict(self) -> dict[str, Any]:
        return {"clause": self.clause, "treaty": self.treaty, "applies_in": list(self.applies_in),
                "ambiguous_in": list(self.ambiguous_in), "holders_reached": list(self.holders_reached),
                "bound": list(self.bound), "parties_not_covered": list(self.parties_not_covered)}


@dataclass(frozen=True)
class Commitments:
    """The geography of danger: reach overlaid on the defence clauses in force that day."""

    on: dt.date
    method: str
    rows: tuple[Cover, ...]
    clauses: tuple[ClauseReach, ...]
    uncovered: tuple[str, ...]     # reachable territories that no defence clause covers

    def to_dict(self) -> dict[str, Any]:
        return {"on": self.on.isoformat(), "method": self.method, "rows": [r.to_dict() for r in self.rows],
                "clauses": [c.to_dict() for c in self.clauses], "uncovered": list(self.uncovered)}


@dataclass(frozen=True, repr=False)
class ReachResult(Displayable):
    on: dt.date
    origin: Origin
    range: RangeUsed
    missile: MissileFacts | None
    notes: tuple[str, ...]
    territories: tuple[Reached, ...]
    states: tuple[Reached, ...]
    cities: tuple[Reached, ...]
    areas: tuple[Reached, ...]
    targets: tuple[Reached, ...]
    counts: dict[str, int]
    commitments: Commitments | None = None
    credits: tuple[str, ...] = ()
    disclaimer: str = DISCLAIMER
    min_population: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "disclaimer": self.disclaimer,
            "on": self.on.isoformat(),
            "missile": self.missile.to_dict() if self.missile else None,
            "range": self.range.to_dict(),
            "origin": self.origin.to_dict(),
            "notes": list(self.notes),
            "counts": dict(self.counts),
            "targets": [r.to_dict() for r in self.targets],
            "territories": [r.to_dict() for r in self.territories],
            "states": [r.to_dict() for r in self.states],
            "cities": [r.to_dict() for r in self.cities],
            "cities_min_population": self.min_population,
            "areas": [r.to_dict() for r in self.areas],
            "commitments": self.commitments.to_dict() if self.commitments else None,
            "credits": list(self.credits),
        }
        return out

    def headline(self) -> str:
        """How far, from where, and how many places lie within reach."""
        what = self.missile.name if self.missile else f"A range of {self.range.low_km:,.0f} km"
        n_t = sum(r.within_high for r in self.territories)
        n_c = sum(r.within_high for r in self.cities)
        return (f"{what} from {self.origin.name} on {self.on.isoformat()} reaches {n_t} territories and {n_c} "
                f"cities of {self.min_population:,}+ people (high estimate).")

    def rows(self) -> list[dict[str, Any]]:
        return [{"kind": r.kind, "name": r.name, "state": r.state, "distance_km": round(r.distance_km),
                 "within_low": r.within_low, "within_high": r.within_high}
                for r in (*self.targets, *self.territories) if r.within_high]

    def to_frame(self) -> Any:
        """Every place reached (targets, territories, states, cities, areas), one row each."""
        import pandas as pd

        return pd.DataFrame([r.to_dict() for r in (*self.targets, *self.territories, *self.states, *self.cities,
                                                     *self.areas)])
