"""One attack alone is judged once per (span or epoch, territory, regions, actors, target, act): the remembered
verdicts give the documents a batch gives, on both sides of dated boundaries."""

from __future__ import annotations

from casus.jsonio import dumps_plain
from casus.law import assess as assess_mod
from casus.law.assess import Assessment, assess, assess_many

SCENARIOS = [
    # Finland became bound by the North Atlantic Treaty on 2023-04-04
    {"date": "2023-04-03", "attacker": "RUS", "victim": "FIN", "place": "Helsinki"},
    {"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": "Helsinki"},
    {"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": {"lat": 60.171, "lon": 24.941}},
    # Okinawa reverted to Japan on 1972-05-15
    {"date": "1972-05-14", "attacker": "CHN", "place": {"lat": 26.21, "lon": 127.68}},
    {"date": "1972-05-15", "attacker": "CHN", "place": {"lat": 26.21, "lon": 127.68}},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.45, "lon": 144.80}},
    {"date": "2025-06-01", "attacker": "RUS", "victim": "LTU", "target": "cyber"},
]


def test_single_attacks_remembered_give_the_batch_documents(kb):
    assess_mod._VERDICTS.pop(kb, None)
    batch = [r for r in assess_many(kb, SCENARIOS) if isinstance(r, Assessment)]
    cold = [assess(kb, s) for s in SCENARIOS]
    assert len(assess_mod._VERDICTS[kb]) >= 10  # the single attacks were remembered...
    warm = [assess(kb, s) for s in SCENARIOS]  # ...and these are answered from the memo
    for b, c, w in zip(batch, cold, warm, strict=True):
        assert dumps_plain(b.to_dict()) == dumps_plain(c.to_dict()) == dumps_plain(w.to_dict())
    status = [w.status("nato/art5") for w in warm]
    assert status[:3] == ["does_not_apply", "applies", "applies"]
    assert warm[3].status("us-japan-1960/art5") == "does_not_apply"  # administered by the US that day
    assert warm[4].status("us-japan-1960/art5") == "applies"


def test_a_point_located_with_its_batch_is_described_as_where_describes_it(kb):
    from casus.geo import query as geo_query
    from casus.law.attack import Point

    points = [(60.171, 24.941), (13.44, 144.79), (26.21, 127.68), (35.89, -5.32), (44.95, 34.10), (0.0, -30.0)]
    for day in ("1972-05-14", "1972-05-15", "2013-06-01", "2014-03-19", "2025-06-01"):
        attacks = [{"date": day, "attacker": "nsa:test", "victim": "USA", "place": {"lat": y, "lon": x},
                    "target": "vessel"} for y, x in points]
        for a, (y, x) in zip(assess_many(kb, attacks), points, strict=True):
            assert a.where._row is not None  # the batch's lookup is what describes it
            assert a.where.to_dict() == dict(geo_query.where(kb, y, x, on=day).to_dict())
            assert a.point == Point(y, x)
