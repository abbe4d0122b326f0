"""The gazetteer: small islands, rocks, reefs, low-tide elevations and artificial islands (features.yaml).

Natural Earth 1:10m lacks most of the features that disputes are about, or
lumps them into one blob (the Spratly Islands). Each feature here is a point
with a radius (or, for an island Natural Earth draws, a selection of its
``within`` territory's polygons), with its legal kind under UNCLOS and its own
dated control, which overrides the control of the territory it lies in.

The kind decides the territorial sea (UNCLOS Arts. 121, 13, 60(8); South China
Sea award of 12 July 2016): an island or a rock has a 12-nautical-mile
territorial sea of its own; a low-tide elevation or an artificial island has
none, only its own footprint. A reef built up into an artificial island keeps
its natural kind (``built_up`` records the reclamation and changes nothing).

:meth:`Feature.territory` gives the feature as a :class:`~casus.kb.geography.Territory`
(a part of ``within``, or a territory of its own), so that control, names and
geometry treat features and territories alike; the knowledge base lists both
under ``territories``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from casus.kb.geography import Claim, Control, Report, Select, Territory
from casus.kb.models import Model, Slug, Source, Sources, StateCode

FeatureKind = Literal["island", "rock", "low_tide_elevation", "artificial_island"]
#: kinds that generate a 12-nautical-mile territorial sea of their own
SEA_GENERATING: tuple[str, ...] = ("island", "rock")
DEFAULT_RADIUS_KM = 0.5


class At(Model):
    """WGS84 decimal degrees."""

    lat: float = Field(ge=-90.0, le=90.0)
    lon: float = Field(ge=-180.0, le=180.0)


class BuiltUp(Model):
    """Land reclamation on a feature: recorded, but it changes no legal status (UNCLOS Art. 60(8))."""

    start: dt.date = Field(alias="from")
    by: StateCode
    note: str | None = None
    sources: tuple[Source, ...] = ()


class Feature(Model):
    """One feature of the gazetteer (see the module docstring)."""

    id: Slug
    name: str
    aliases: tuple[str, ...] = ()
    within: Slug | None = Field(default=None, description="id of the territory it lies in or belongs to")
    kind: FeatureKind = Field(description="island | rock (Art. 121(3)) | low_tide_elevation (Art. 13) | "
                                          "artificial_island (Art. 60(8)); a built-up reef keeps its natural kind")
    kind_note: str | None = None
    built_up: BuiltUp | None = None
    at: At
    radius_km: float = Field(default=DEFAULT_RADIUS_KM, gt=0, le=50,
                             description="size of the feature itself, a disc around 'at' (default 0.5 km)")
    select: Select | None = Field(default=None, description="optional: the polygons of the 'within' territory "
                                                             "that are this island (bbox or polygon), for an "
                                                             "island Natural Earth draws; 'at' stays its label")
    control: tuple[Control, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = ()
    note: str | None = None
    sources: Sources

    @model_validator(mode="after")
    def _shape(self) -> Feature:
        for a, b in zip(self.control, self.control[1:], strict=False):
            if a.end is None or b.start is None or a.end > b.start:
                raise ValueError(f"control periods overlap or are open before {b.start}")
        if self.select is not None:
            if self.within is None:
                raise ValueError("'select' cuts polygons from the 'within' territory: give 'within'")
            if self.select.bbox is None and self.select.polygon is None:
                raise ValueError("a feature's 'select' is a bbox or a polygon ('at' and 'radius_km' give the disc)")
        return self

    @property
    def territorial_sea(self) -> bool:
        """Whether the feature has a 12-nautical-mile territorial sea of its own."""
        return self.kind in SEA_GENERATING

    def territory(self) -> Territory:
        """The feature as a territory: a part of ``within`` (or its own territory) whose land is its disc,
        plus the selected polygons of ``within`` when ``select`` is given."""
        disc = Select(point=(self.at.lon, self.at.lat), radius_km=self.radius_km)
        select: Select | tuple[Select, ...] = disc if self.select is None else (self.select, disc)
        return Territory.model_construct(
            id=self.id, name=self.name, ne=None, parent=self.within, select=select,
            label=(self.at.lon, self.at.lat), aliases=self.aliases, control=self.control, claims=self.claims,
            note=self.note, sources=self.sources, feature=self)


# --------------------------------------------------------------------------- cross-file checks


def check(raw: Any, report: Report) -> None:
    """Cross-file checks for features.yaml: ids unique across territories and features, ``within`` names a
    territory, every state named (holders, claimants, builders) is in states.yaml and existed then."""
    from casus.errors import close_matches
    from casus.kb.geography import check_control

    features = raw.sections.get("features", {})
    territories = raw.sections.get("territories", {})
    states = raw.states
    for fid, where in features.items():
        f: Feature = where.item
        if fid in territories:
            other = territories[fid]
            report(where, f"feature {fid}: id already used by a territory ({other.file}, line {other.line}); "
                          "ids are unique across territories and features", ["id"])
        if f.within is not None and f.within not in territories:
            hint = close_matches(f.within, territories)
            report(where, f"feature {fid}: 'within' names unknown territory {f.within!r}"
                          + (f"; did you mean {', '.join(hint)}?" if hint else ""), ["within"])
        check_control(f"feature {fid}", f, where, states, report)
        if f.built_up is not None and f.built_up.by not in states:
            report(where, f"feature {fid}: built_up.by {f.built_up.by!r} is not in states.yaml", ["built_up", "by"])
