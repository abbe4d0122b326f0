"""assess_many agrees with assess one by one; the cascade follows the alliances outwards."""

from __future__ import annotations

import json

from casus.jsonio import dumps
from casus.law.attack import parse_jsonl

SCENARIOS = [
    {"date": "2025-06-01", "attacker": "RUS", "victim": "EST", "place": "Tallinn"},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"date": "1970-06-01", "attacker": "CHN", "victim": "TWN", "place": "Taipei"},
    {"date": "2020-06-01", "attacker": "RUS", "victim": "LTU", "target": "cyber"},
    {"date": "2025-06-01", "attacker": "CHN", "victim": "AUS", "place": "Sydney"},
]


def test_batch_equals_single(kb):
    many = kb.assess_many(SCENARIOS)
    for s, a in zip(SCENARIOS, many, strict=True):
        single = kb.assess(s)
        assert dumps(a.to_dict(with_cascade=False)) == dumps(single.to_dict(with_cascade=False))


def test_output_is_deterministic(kb):
    a = dumps(kb.assess(SCENARIOS[0]).to_dict())
    b = dumps(kb.assess(SCENARIOS[0]).to_dict())
    assert a == b


def test_jsonl_reports_bad_lines_and_keeps_good(kb):
    text = "\n".join([json.dumps(SCENARIOS[0]), "{not json", json.dumps({"date": "x"}), json.dumps(SCENARIOS[2])])
    good, bad = parse_jsonl(text)
    assert [n for n, _ in good] == [1, 4]
    assert [e.line for e in bad] == [2, 3]
    results = kb.assess_many([a for _, a in good])
    assert results[0].status("nato/art5") == "applies"


def test_cascade_of_an_attack_on_north_korea_draws_in_china(kb):
    a = kb.assess({"date": "2017-11-02", "attacker": "USA", "victim": "PRK", "place": "Pyongyang"})
    c = a.cascade
    assert "CHN" in c.rounds[0]
    assert c.sides["CHN"] == "victim" and c.sides["USA"] == "attacker"
    # round 2: China acting against the US homeland brings in the United States' allies
    later = {s for r in c.rounds[1:] for s in r}
    assert "GBR" in later or "JPN" in later
    edges = {(e.source, e.target, e.clause) for e in c.edges}
    assert ("CHN", "PRK", "china-dprk-1961/art2") in edges


def test_defends_guam_and_tallinn(kb):
    g = kb.defends("Guam", on="2017-11-02")
    assert "nato/art5" not in g.covered_by
    t = kb.defends("Tallinn", on="2017-11-02")
    assert "nato/art5" in t.covered_by and "USA" in t.bound


def test_a_link_keeps_the_round_it_first_appears_in(kb):
    # Finland a NATO party since 2023-04-04: France is bound to assist it at round 1 of an attack on it;
    # a later counter-attack on Finland repeats the link, which must not move it to that later round
    a = kb.assess({"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": "Helsinki"})
    c = a.cascade
    assert "FRA" in c.rounds[0]
    rounds = {e.round for e in c.edges if (e.source, e.target, e.clause) == ("FRA", "FIN", "nato/art5")}
    assert rounds == {1}
    assert c.edges[0].round == 1
