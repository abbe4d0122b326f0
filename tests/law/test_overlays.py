"""Counterfactual overlays shipped in examples/: loaded on top of the bundled data, never a fork."""

from __future__ import annotations

from pathlib import Path

import casus

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "overlays"


def test_japan_in_nato_is_still_outside_article_6():
    # Membership alone does not bring Tokyo under Art. 5: Art. 6 limits it to Europe and North America.
    kb = casus.open(overlays=[EXAMPLES / "japan-joins-nato"])
    assert "JPN" in kb.members("nato", "2017-11-03")
    assert "nato/art5" not in kb.defends("Tokyo", on="2017-11-03").covered_by
    assert "JPN" not in casus.open().members("nato", "2017-11-03")


def test_article_6_in_the_pacific_covers_guam():
    plain = casus.open().defends("Guam", on="2017-11-02")
    kb = casus.open(overlays=[EXAMPLES / "article6-pacific"])
    what_if = kb.defends("Guam", on="2017-11-02")
    assert "nato/art5-pacific" in what_if.covered_by and "GBR" in what_if.bound
    assert "GBR" not in plain.bound


def test_both_overlays_together_cover_tokyo():
    kb = casus.open(overlays=[EXAMPLES / "japan-joins-nato", EXAMPLES / "article6-pacific"])
    d = kb.defends("Tokyo", on="2017-11-03")
    assert "nato/art5-pacific" in d.covered_by and "FRA" in d.bound
