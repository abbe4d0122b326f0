"""The one face of casus for Python users: :func:`open` and the :class:`Casus` it returns.

``Casus`` is the knowledge base (it *is* a :class:`~casus.kb.base.KnowledgeBase`: members, treaties,
states, standing) plus every question the layers above the data answer, each typed with the real result
model, so an editor completes and mypy checks a user's script. It lives at the top of the house and only
calls downwards; the knowledge base itself knows data and nothing else.

>>> import casus
>>> cs = casus.open()
>>> "FIN" in cs.members("nato", on="2023-04-05")
True
>>> cs.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}).status("nato/art5")
'does_not_apply'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from casus.errors import CasusError
from casus.kb import load as load_kb
from casus.kb.base import KnowledgeBase
from casus.results import Assessments, Defences, Members

if TYPE_CHECKING:
    import pandas as pd

    from casus.geo.atlas import Atlas
    from casus.geo.query import Whereabouts
    from casus.law.assess import Assessment
    from casus.law.attack import Attack
    from casus.law.defends import Defence, PlaceLike
    from casus.law.diff import Changes
    from casus.reach.results import ReachResult
    from casus.relations.results import StateRelations

DateLike = dt.date | str

__all__ = ["Casus", "open"]


@dataclasses.dataclass(frozen=True, eq=False)
class Casus(KnowledgeBase):
    """The knowledge base and the questions asked of it. Make one with :func:`casus.open`."""

    @property
    def kb(self) -> KnowledgeBase:
        """The data alone (this object, seen as its bottom layer)."""
        return self

    @property
    def atlas(self) -> Atlas:
        """The compiled geography (from memory, the disk cache, or built once)."""
        from casus.geo.atlas import compile_atlas

        return compile_atlas(self)

    # ------------------------------------------------------------------ membership
    def members(self, treaty_id: str, on: DateLike) -> Members:
        """The parties to a treaty on a day, as ISO codes (a tuple) with names in ``to_frame()``."""
        return Members.of(self, self.treaty(treaty_id).id, on, super().members(treaty_id, on))

    # ------------------------------------------------------------------ geography
    def where(self, lat: float, lon: float, on: DateLike | None = None) -> Whereabouts:
        """The territory, holder and treaty areas at a point on a day."""
        from casus.geo.query import where

        return where(self, lat, lon, on=on)

    def where_many(self, lats: Sequence[float] | Any, lons: Sequence[float] | Any,
                   on: DateLike | None = None) -> pd.DataFrame:
        """:meth:`where` for many points at once: a pandas DataFrame, one row per point."""
        from casus.geo.query import where_many

        frame: pd.DataFrame = where_many(self, lats, lons, on=on)
        return frame

    def place(self, name: str, on: DateLike | None = None) -> Whereabouts:
        """A named place (a territory, a city, a feature) and who holds it on a day."""
        from casus.geo.query import place

        return place(self, name, on=on)

    # ------------------------------------------------------------------ law
    def assess(self, attack: Attack | Mapping[str, Any]) -> Assessment:
        """Judge every clause in force against one attack."""
        from casus.law.assess import assess

        return assess(self, attack if not isinstance(attack, Mapping) else dict(attack))

    @overload
    def assess_many(self, attacks: Iterable[Attack | Mapping[str, Any]], *,
                    on_error: Literal["raise"] = "raise") -> Assessments: ...

    @overload
    def assess_many(self, attacks: Iterable[Attack | Mapping[str, Any]], *,
                    on_error: Literal["collect"]) -> list[Assessment | CasusError]: ...

    def assess_many(self, attacks: Iterable[Attack | Mapping[str, Any]], *,
                    on_error: Literal["raise", "collect"] = "raise") -> Assessments | list[Assessment | CasusError]:
        """Assess many attacks at once (vectorised by date).

        With ``on_error="collect"`` a bad scenario yields its :class:`CasusError` in its slot.
        """
        from casus.law.assess import assess_many

        given = (a if not isinstance(a, Mapping) else dict(a) for a in attacks)
        if on_error == "collect":
            return list(assess_many(self, given, on_error="collect"))
        return Assessments(assess_many(self, given))

    def defends(self, place: PlaceLike, on: DateLike, target: str = "territory") -> Defence:
        """Who is bound to defend a place on a day against an attack by an outside state."""
        from casus.law.defends import defends

        return defends(self, place, on=on, target=target)

    def defends_many(self, places: Iterable[PlaceLike], on: DateLike, target: str = "territory") -> Defences:
        """:meth:`defends` for many places at once."""
        from casus.law.defends import defends_many

        return Defences(defends_many(self, places, on=on, target=target))

    # ------------------------------------------------------------------ change over time
    def diff(self, start: DateLike, end: DateLike) -> Changes:
        """What changed in who is bound to defend whom after ``start`` and up to ``end``."""
        from casus.law.diff import diff

        return diff(self, start, end)

    # ------------------------------------------------------------------ reach and relations
    def reach(self, *, missile: str | None = None, km: float | None = None, origin: Any = None,
              on: DateLike | None = None, targets: Sequence[str] = (), min_population: int | None = None,
              commitments: bool = True) -> ReachResult:
        """What a missile (or a range in km) from an origin can reach, and what commitments cover it."""
        from casus.reach.query import DEFAULT_MIN_POPULATION, reach

        return reach(self, missile=missile, km=km, origin=origin, on=on, targets=targets,
                     min_population=DEFAULT_MIN_POPULATION if min_population is None else min_population,
                     commitments=commitments)

    def relations(self, state: str, on: DateLike) -> StateRelations:
        """Everything that ties one state to others on one day."""
        from casus.relations.query import relations

        return relations(self, state, on=on)


_OPENED: dict[tuple[str, ...], Casus] = {}


def open(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> Casus:
    """Load the bundled knowledge base (and any counterfactual overlays) and return the face.

    Raises :class:`~casus.errors.KnowledgeBaseError` listing every problem when the data does not validate.
    """
    kb = load_kb(data_dir, list(overlays))
    key = (kb.digest, *kb.files)
    got = _OPENED.get(key)
    if got is None:
        got = Casus(**{f.name: getattr(kb, f.name) for f in dataclasses.fields(kb)})
        _OPENED[key] = got
    return got
