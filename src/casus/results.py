"""Collections of results that the face returns: tuples that show a headline and become DataFrames."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from casus.display import Displayable, ResultList
from casus.kb.words import join
from casus.law.assess import Assessment
from casus.law.defends import Defence

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase


class Assessments(ResultList[Assessment]):
    """The assessments of a batch, in the order of the attacks."""

    noun = "assessment"


class Defences(ResultList[Defence]):
    """Who defends each of many places, in the order of the places."""

    noun = "place"


class Members(tuple[str, ...], Displayable):
    """The parties to a treaty on a day: ISO codes, with their names for people and frames."""

    treaty: str
    treaty_name: str
    on: dt.date
    names: dict[str, str]

    @classmethod
    def of(cls, kb: KnowledgeBase, treaty_id: str, on: dt.date | str, codes: tuple[str, ...]) -> Members:
        from casus.dates import parse_date

        out = cls(codes)
        t = kb.treaty(treaty_id)
        out.treaty, out.treaty_name = t.id, t.short_name or t.name
        out.on = parse_date(on, field="on")
        out.names = {c: kb.states[c].name if c in kb.states else c for c in codes}
        return out

    def headline(self) -> str:
        n = len(self)
        return (f"On {self.on.isoformat()}, {self.treaty_name} has {n} "
                f"{'party' if n == 1 else 'parties'}: {join([self.names[c] for c in self])}.")

    def rows(self) -> list[dict[str, Any]]:
        return [{"state": self.names[c], "code": c} for c in self]

    def to_frame(self) -> Any:
        """One row per party: name and ISO code."""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=["state", "code"])

    def __repr__(self) -> str:
        return Displayable.__repr__(self)
