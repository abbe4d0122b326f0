"""Territories, their sovereign and administrator over time, and the regions clauses name.

A territory is either a whole Natural Earth admin-0 feature (``ne: <ADM0_A3>``,
id = the lowercase code, e.g. ``usa``, ``gum``, ``dza``) or a named part of a
parent (``parent`` + ``select``: a bounding box or polygon that picks the
parent's polygons, or a point and radius for islets missing at 1:10m).
Sovereign and administrator are kept apart because treaties use one or the
other ("territories under the administration of Japan").

Regions are our own coarse polygons (or unions of other regions), each sourced.
Longitudes may run past 180 so that a polygon can cross the antimeridian; the
geometry compiler wraps them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from casus.kb.models import Model, Slug, Source, Sources, StateCode

LonLat = tuple[float, float]


class Control(Model):
    """Who holds a territory over one dated interval [from, to)."""

    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    sovereign: StateCode | None = Field(description="de jure sovereign; null for terra nullius or undetermined")
    administrator: StateCode | None = Field(default=None, description="who administers it; defaults to the sovereign")
    status: Literal["sovereign", "administered", "occupied", "disputed", "trust", "leased"] = "sovereign"
    note: str | None = None
    sources: Sources

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Claim(Model):
    state: StateCode
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")
    note: str
    sources: Sources

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Select(Model):
    """How a part is cut from its parent."""

    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="min lon, min lat, max lon, max lat: parent polygons that intersect it")
    polygon: tuple[LonLat, ...] | None = Field(default=None, description="clip the parent to this ring")
    point: LonLat | None = Field(default=None, description="lon, lat of an islet missing at 1:10m")
    radius_km: float | None = Field(default=None, gt=0, le=100)

    @model_validator(mode="after")
    def _one(self) -> Select:
        given = [x is not None for x in (self.bbox, self.polygon, self.point)]
        if sum(given) != 1:
            raise ValueError("select needs exactly one of bbox, polygon, point")
        if self.point is not None and self.radius_km is None:
            raise ValueError("a point needs radius_km")
        return self


class Territory(Model):
    id: Slug
    name: str
    ne: str | None = Field(default=None, description="Natural Earth ADM0_A3 of a whole feature")
    parent: Slug | None = None
    select: Select | None = None
    aliases: tuple[str, ...] = ()
    control: tuple[Control, ...] = ()
    claims: tuple[Claim, ...] = ()
    note: str | None = None
    sources: tuple[Source, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Territory:
        if (self.ne is None) == (self.parent is None):
            raise ValueError("a territory is either a Natural Earth feature (ne) or a part of a parent (parent)")
        if self.parent is not None and self.select is None:
            raise ValueError("a part needs 'select' to say which part of the parent it is")
        if self.parent is not None and not self.sources:
            raise ValueError("a part needs sources for its definition")
        for a, b in zip(self.control, self.control[1:], strict=False):
            if a.end is None or b.start is None or a.end > b.start:
                raise ValueError(f"control periods overlap or are open before {b.start}")
        return self


class Region(Model):
    id: Slug
    name: str
    kind: Literal["continent", "ocean", "sea", "treaty-area", "area"]
    polygons: tuple[tuple[LonLat, ...], ...] = ()
    union: tuple[Slug, ...] = ()
    minus: tuple[Slug, ...] = ()
    describe: str
    sources: Sources

    @model_validator(mode="after")
    def _shape(self) -> Region:
        if not self.polygons and not self.union:
            raise ValueError("a region needs polygons or a union of regions")
        return self
