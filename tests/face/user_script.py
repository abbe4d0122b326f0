"""A user's notebook cell, as a script: every public method of the face, typed end to end.

``tests/face/test_typing.py`` runs ``mypy --strict`` on this file; it is also run as a plain script there.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

import casus
from casus.geo.query import Whereabouts
from casus.law.assess import Assessment
from casus.law.defends import Defence
from casus.law.diff import Changes
from casus.reach.results import ReachResult
from casus.relations.results import StateRelations
from casus.results import Assessments, Defences, Members


def main() -> None:
    cs: casus.Casus = casus.open()
    members: Members = cs.members("nato", on="2023-04-05")
    assert "FIN" in members
    frame: pd.DataFrame = members.to_frame()
    assert list(frame.columns) == ["state", "code"]

    here: Whereabouts = cs.where(35.68, 139.69, on="2020-01-01")
    named: Whereabouts = cs.place("Guam", on="2017-11-02")
    grid: pd.DataFrame = cs.where_many([35.68, 0.0], [139.69, 0.0], on=dt.date(2020, 1, 1))
    assert here.sovereign == "JPN" and named.territory == "gum" and len(grid) == 2

    one: Assessment = cs.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"})
    many: Assessments = cs.assess_many([{"date": "2017-11-02", "attacker": "PRK", "victim": "KOR",
                                          "place": "Seoul"}])
    assert one.status("nato/art5") == "does_not_apply" and many[0].status("us-rok-1953/art3") == "applies"
    assert isinstance(many.to_frame(), pd.DataFrame)

    guarded: Defence = cs.defends("Tokyo", on="2017-11-02")
    several: Defences = cs.defends_many(["Tokyo", "Guam"], on="2017-11-02")
    assert "USA" in guarded.bound and len(several.to_frame()) == 2

    reached: ReachResult = cs.reach(missile="hwasong-15", origin="PRK", on="2017-11-29")
    ties: StateRelations = cs.relations("JPN", on="2017-11-02")
    assert isinstance(reached.to_frame(), pd.DataFrame) and ties.state == "JPN"
    changed: Changes = cs.diff("2017-11-02", "2025-12-01")
    assert len(changed.to_frame()) == len(changed.changes)
    print(one.headline())


if __name__ == "__main__":
    main()
