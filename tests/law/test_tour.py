"""The tour answers its questions from the engine, so its answers follow the data."""

from __future__ import annotations

from casus.law.tour import run_tour


def test_tour_answers(kb):
    answers = {a.id: a for a in run_tour(kb)}
    pacific = answers["pacific-allies"].answer
    for name in ("the United States", "France", "the United Kingdom"):  # names, not codes
        assert name in pacific
    assert "Guam" in pacific and "Pitcairn" in pacific
    us = answers["us-territory"].answer.splitlines()
    assert "Seattle" in us[0] and "NATO Article 5 applies" in us[0]
    assert "Honolulu" in us[2] and "NATO Article 5 does not apply" in us[2]
    assert "Guam" in us[3] and "NATO Article 5 does not apply" in us[3]
    assert "US-Japan Security Treaty Article V applies" in answers["senkaku"].answer
    partners = answers["partners"].answer
    assert "Tokyo (2017-11-02): NATO Article 5 does not apply" in partners and "Partnership" in partners
    china = answers["china-dprk"].answer.splitlines()
    assert "Russia-DPRK Comprehensive Strategic Partnership Treaty Article 4 was not in force" in china[0]
    assert "Russia-DPRK Comprehensive Strategic Partnership Treaty Article 4 applies" in china[1]
    # each scenario has its headline, in the JSON too
    heads = dict(answers["china-dprk"].headlines)
    assert len(heads) == 2 and all(h.startswith("Bound to assist North Korea: China") for h in heads.values())
    assert answers["china-dprk"].to_dict()["headlines"][0]["headline"] == next(iter(heads.values()))
    since = answers["since"].answer
    assert list(answers)[-1] == "since"  # the tour ends with what changed
    for line in ("2020-03-27: North Macedonia", "2023-04-04: Finland", "2024-03-07: Sweden",
                 "2024-12-04: Russia-DPRK", "2025-09-17: Saudi-Pakistan"):
        assert line in since
    for a in answers.values():
        assert a.to_dict()["question"].endswith("?")
