"""A state's side of each treaty in `relations`: mutual, guarantor or guaranteed, and dormancy."""

from __future__ import annotations

import datetime as dt


def ties(kb, state, day):
    return {t.treaty: t for t in kb.relations(state, day).treaties}


def test_compact_guarantor_and_guaranteed(kb):
    assert ties(kb, "PLW", "2025-06-01")["cofa-usa-plw-1994"].role == "guaranteed"
    usa = ties(kb, "USA", "2025-06-01")
    assert usa["cofa-usa-plw-1994"].role == "guarantor" and usa["nato"].role == "mutual"
    assert "cofa-usa-plw-1994" not in ties(kb, "USA", "1994-09-30")  # in force 1994-10-01


def test_seato_tie_says_dormant_since_1977(kb):
    assert ties(kb, "THA", "1977-06-29")["seato-1954"].dormant_since is None
    assert ties(kb, "THA", "1977-06-30")["seato-1954"].dormant_since == dt.date(1977, 6, 30)
    assert kb.relations("THA", "2025-01-01").to_dict()["treaties"][0]["dormant_since"] == "1977-06-30"
