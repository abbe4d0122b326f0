"""The relations queries over the whole bundled knowledge base (geography included).

Pinned: a partner of NATO has no Article 5 protection (nor does an attack on
Tokyo make nato/art5 apply); the Pacific allies of NATO on 2017-11-02 come out
of the geography, not a list.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casus.relations import pacific_allies, relations, timeline

D = dt.date


def test_japan_on_2017_11_02_is_a_partner_without_article5(kb):
    r = relations(kb, "JPN", "2017-11-02")
    # Japan is a party to the US-Japan treaty (in force 1960-06-23), not to the North Atlantic Treaty
    assert "us-japan-1960" in r.member_of and "nato" not in r.member_of
    assert "nato/art5" not in r.clauses and "nato/art5" not in r.defence_clauses
    assert r.partner_of == ("nato",)
    assert [p.partnership for p in r.programmes] == ["nato-jpn-ipcp-2014"]  # NATO news 109508
    assert {"nato-sg-visit-japan-2017", "nato-jpn-joint-political-declaration-2013"} <= {
        d.partnership for d in r.documents}


def test_korea_on_2017_11_02_has_the_renewed_ipcp(kb):
    r = relations(kb, "KOR", "2017-11-02")
    assert [p.partnership for p in r.programmes] == ["nato-kor-ipcp-2017"]
    assert "nato/art5" not in r.clauses and "us-rok-1953" in r.member_of


def test_no_partner_ever_has_article5(kb):
    """Every framework participant, on the first and last day of its spell, lacks nato/art5."""
    checked = 0
    for p in kb.partnerships.values():
        if p.kind != "framework" or p.organisation != "nato":
            continue
        for part in p.participants:
            last = (part.end - dt.timedelta(days=1)) if part.end else D(2026, 11, 29)
            for day in {max(part.start, D(1945, 1, 1)), min(last, dt.date.today())}:
                assert "nato/art5" not in relations(kb, part.state, day).clauses, (part.state, day)
                checked += 1
    assert checked > 60


def test_members_do_have_article5(kb):
    assert "nato/art5" in relations(kb, "USA", "2017-11-02").defence_clauses
    # Finland: partner the day before accession, party on 2023-04-04
    assert "nato/art5" not in relations(kb, "FIN", "2023-04-03").clauses
    assert "nato/art5" in relations(kb, "FIN", "2023-04-04").clauses


def test_an_attack_on_tokyo_does_not_engage_nato(kb):
    d = kb.defends({"lat": 35.68, "lon": 139.69}, on="2017-11-02")
    assert "nato/art5" not in d.covered_by
    assert "us-japan-1960/art5" in d.covered_by


def test_pacific_allies_of_nato_on_2017_11_02(kb):
    res = pacific_allies(kb, "2017-11-02")
    held = {a.state: {t.id for t in a.territories} for a in res.allies}
    assert {"USA", "FRA", "GBR", "CAN"} <= set(held)
    assert {"gum", "asm", "mnp"} <= held["USA"] and ({"hawaii", "alaska"} & held["USA"])
    assert {"pyf", "ncl", "wlf"} <= held["FRA"]
    assert "pcn" in held["GBR"]
    assert "DEU" not in held and "POL" not in held  # no Pacific territory
    assert set(res.states) <= set(kb.members("nato", "2017-11-02"))


def test_pacific_allies_bad_input(kb):
    from casus.errors import DateError, InputError, UnknownTreatyError

    with pytest.raises(InputError, match="did you mean pacific-area"):
        pacific_allies_region(kb, "pacific-aera")
    with pytest.raises(UnknownTreatyError):
        pacific_allies(kb, "2017-11-02", treaty="natp")
    with pytest.raises(DateError, match="not in force"):
        pacific_allies(kb, "1948-01-01")


def pacific_allies_region(kb, region):
    from casus.relations import region_allies

    return region_allies(kb, "2017-11-02", region=region)


def test_timeline_of_korea_has_treaty_and_programmes(kb):
    events = timeline(kb, "KOR").events
    refs = [e.ref for e in events]
    assert refs.index("nato-kor-ipcp-2012") < refs.index("nato-kor-ipcp-2017") < refs.index("nato-kor-itpp-2023")
    assert any(e.kind == "treaty-bound" and e.ref == "us-rok-1953" for e in events)
