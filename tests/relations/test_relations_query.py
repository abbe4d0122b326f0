"""relations(), invocations(), timeline() over the fixture knowledge base: boundaries on both sides."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from casus.errors import DateError, UnknownClauseError, UnknownStateError, UnknownTreatyError
from casus.jsonio import dumps
from casus.relations import invocations, relations, timeline


def test_partner_is_not_covered_by_article5(fkb):
    r = relations(fkb, "JPN", "2017-11-02")
    assert r.member_of == () and r.partner_of == ("nato",)
    assert "nato/art5" not in r.clauses and r.defence_clauses == ()
    assert any("Partner of NATO, not a party: NATO Article 5 does not cover it" in n for n in r.notes)  # names
    assert r.partner_names == ("NATO",) and "a partner of NATO." in r.headline()


def test_member_has_article5(fkb):
    r = relations(fkb, "USA", "2017-11-02")
    assert "nato/art5" in r.defence_clauses and "nato/art4" in r.clauses
    assert r.partner_of == ()


def test_pfp_partner_becomes_member_on_accession_day(fkb):
    # Finland: PfP partner until 2023-04-03, party to the North Atlantic Treaty from 2023-04-04
    before, after = relations(fkb, "FIN", "2023-04-03"), relations(fkb, "FIN", "2023-04-04")
    assert [f.partnership for f in before.frameworks] == ["pfp"] and "nato/art5" not in before.clauses
    assert after.frameworks == () and "nato/art5" in after.defence_clauses


def test_programme_swap_on_both_sides(fkb):
    # the fixture's IPCP ends the day the ITPP starts (2023-07-12)
    assert [p.partnership for p in relations(fkb, "JPN", "2023-07-11").programmes] == ["jpn-ipcp"]
    assert [p.partnership for p in relations(fkb, "JPN", "2023-07-12").programmes] == ["jpn-itpp"]
    assert relations(fkb, "JPN", "2014-05-05").programmes == ()
    assert relations(fkb, "JPN", "2023-07-12").areas == ("cyber-defence", "space")


def test_month_precision_is_shown(fkb):
    r = relations(fkb, "KOR", "2013-01-01")
    assert r.programmes[0].date == "2012-09"


def test_suspended_participation(fkb):
    assert relations(fkb, "RUS", "2014-03-31").frameworks[0].status == "active"
    assert relations(fkb, "RUS", "2014-04-01").frameworks[0].status == "suspended"


def test_visits_and_documents_only_after_they_happen(fkb):
    assert relations(fkb, "JPN", "2017-10-29").documents == ()
    d = relations(fkb, "JPN", "2017-10-30").documents
    assert d[0].kind == "visit" and d[0].until == "2017-10-31"


def test_operations_roles(fkb):
    usa = {o.operation: o for o in relations(fkb, "USA", "2002-01-01").operations}
    assert usa["eagle-assist"].role == "member" and usa["eagle-assist"].active
    kor = {o.operation: o for o in relations(fkb, "KOR", "2013-11-02").operations}
    assert kor["ocean-shield"].role == "parallel" and kor["ocean-shield"].active
    assert "ocean-shield" not in {o.operation for o in relations(fkb, "KOR", "2013-11-01").operations}
    later = {o.operation: o for o in relations(fkb, "KOR", "2014-01-01").operations}
    assert not later["ocean-shield"].active and later["ocean-shield"].last_day == "2013-12-31"


def test_relations_json_is_deterministic(fkb):
    a = dumps(relations(fkb, "JPN", "2017-11-02"))
    assert a == dumps(relations(fkb, "JPN", "2017-11-02"))
    body = json.loads(a)
    assert body["schema_version"] == "1.0" and body["on"] == "2017-11-02" and "nato/art5" not in body["clauses"]


def test_bad_input_names_what_is_accepted(fkb):
    with pytest.raises(UnknownStateError, match="JPX"):
        relations(fkb, "JPX", "2017-11-02")
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        relations(fkb, "JPN", "2-11-2017")
    with pytest.raises(DateError, match="covered range"):
        relations(fkb, "JPN", "1930-01-01")


def test_invocations_filters(fkb):
    assert [i.id for i in invocations(fkb)] == ["art5-2001", "art4-2012"]
    assert [i.id for i in invocations(fkb, treaty="NATO", clause="nato/art4")] == ["art4-2012"]
    assert [i.id for i in invocations(fkb, state="USA")] == ["art5-2001"]
    with pytest.raises(UnknownTreatyError, match="did you mean nato"):
        invocations(fkb, treaty="natp")
    with pytest.raises(UnknownClauseError):
        invocations(fkb, clause="nato/art9")


def test_timeline_is_dated_and_ordered(fkb):
    t = timeline(fkb, "FIN")
    kinds = [(e.date, e.kind) for e in t.events]
    assert kinds == [("1994-05-09", "partnership-joined"), ("2023-04-04", "partnership-left"),
                     ("2023-04-04", "treaty-bound")]
    assert [e.day for e in t.events] == sorted(e.day for e in t.events)
    jpn = [e.ref for e in timeline(fkb, "JPN").events]
    assert jpn.index("jpn-ipcp") < jpn.index("tokyo-visit") < jpn.index("jpn-itpp")


def test_results_are_frozen(fkb):
    r = relations(fkb, "JPN", dt.date(2017, 11, 2))
    with pytest.raises(AttributeError):
        r.state = "USA"  # type: ignore[misc]


def test_public_names_are_sorted_and_complete():
    import casus.relations as rel

    assert list(rel.__all__) == sorted(rel.__all__)
    assert all(hasattr(rel, name) for name in rel.__all__)


def test_article5_iff_party_on_any_day(fkb):
    """Property: on any day, a state has nato/art5 exactly when it is a party, never as a partner."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date.today()),
           state=st.sampled_from(["USA", "CAN", "POL", "FIN", "TUR", "JPN", "KOR", "RUS"]))
    def prop(day, state):
        r = relations(fkb, state, day)
        party = fkb.standing("nato", state, day).party
        assert ("nato/art5" in r.clauses) == party
        assert not (party and "nato" in r.partner_of)

    prop()
