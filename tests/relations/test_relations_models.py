"""The relations models refuse malformed entries, each with a message that names the fault."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from casus.kb.relations import AREAS, Invocation, Operation, Participation, Partnership

SRC = [{"title": "a source", "citation": "test"}]


def _programme(**kw):
    base = {"id": "p", "kind": "programme", "instrument": "ipcp", "name": "P", "organisation": "nato",
            "partners": ["JPN"], "date": "2014-05-06", "summary": "s", "sources": SRC}
    base.update(kw)
    return base


def test_area_vocabulary_is_closed():
    assert "cyber-defence" in AREAS and "maritime-security" in AREAS
    with pytest.raises(ValidationError, match="areas"):
        Partnership.model_validate(_programme(areas=["cyber"]))


def test_area_listed_twice_is_refused():
    with pytest.raises(ValidationError, match="listed twice"):
        Partnership.model_validate(_programme(areas=["space", "space"]))


def test_programme_needs_partners_and_framework_needs_participants():
    with pytest.raises(ValidationError, match="names its partners"):
        Partnership.model_validate(_programme(partners=[]))
    with pytest.raises(ValidationError, match="lists its participants"):
        Partnership.model_validate(_programme(kind="framework", partners=[]))


def test_programme_in_effect_is_half_open():
    p = Partnership.model_validate(_programme(to="2023-07-12"))
    assert not p.in_effect(dt.date(2014, 5, 5))
    assert p.in_effect(dt.date(2014, 5, 6))
    assert p.in_effect(dt.date(2023, 7, 11))
    assert not p.in_effect(dt.date(2023, 7, 12))


def test_reversed_programme_dates_are_refused():
    with pytest.raises(ValidationError, match="is not after"):
        Partnership.model_validate(_programme(to="2014-05-06"))


def test_until_only_for_visits():
    with pytest.raises(ValidationError, match="only for visits"):
        Partnership.model_validate(_programme(until="2014-05-07"))


def test_participation_end_needs_reason_and_suspension_inside():
    with pytest.raises(ValidationError, match="end_reason"):
        Participation.model_validate({"state": "POL", "from": "1994-02-02", "to": "1999-03-12", "sources": SRC})
    with pytest.raises(ValidationError, match="outside the spell"):
        Participation.model_validate({"state": "RUS", "from": "1994-06-22", "to": "2000-01-01",
                                      "end_reason": "withdrew",
                                      "suspensions": [{"from": "2014-04-01", "note": "n", "sources": SRC}],
                                      "sources": SRC})


def test_overlapping_participations_are_refused():
    spell = {"state": "MLT", "from": "1995-04-26", "sources": SRC}
    with pytest.raises(ValidationError, match="overlap"):
        Partnership.model_validate(_programme(kind="framework", partners=[], participants=[spell, spell]))


def test_invocation_dates_in_order_and_actor_codes():
    base = {"id": "i", "clause": "nato/art4", "requested_by": ["TUR"], "requested": "2012-06-24",
            "event": "e", "outcome": "consultations-held", "outcome_detail": "d", "sources": SRC}
    assert Invocation.model_validate(base).treaty == "nato"
    with pytest.raises(ValidationError, match="before 'requested'"):
        Invocation.model_validate({**base, "decided": "2012-06-23"})
    with pytest.raises(ValidationError, match="nsa:"):
        Invocation.model_validate({**base, "threat_from": ["al-qaida"]})
    with pytest.raises(ValidationError, match="requested_by"):
        Invocation.model_validate({**base, "requested_by": []})


def test_contribution_outside_operation_is_refused():
    op = {"id": "o", "name": "O", "organisation": "nato", "kind": "counter-piracy", "article5": False,
          "from": "2009-08-17", "to": "2016-12-15", "theatre": "t", "summary": "s", "sources": SRC,
          "contributions": [{"state": "NZL", "kind": "formal", "from": "2008-01-01", "detail": "d",
                             "sources": SRC}]}
    with pytest.raises(ValidationError, match="outside the operation"):
        Operation.model_validate(op)
