"""The public examples of the scenario-engine issue, as tests against the bundled data.

Each pins a fact with its basis: membership dates (deposit of instruments) and
the geography of the clauses (NATO Art. 6, ANZUS Art. V, US-ROK Art. III, ...).
"""

from __future__ import annotations

import pytest

import casus


def status(kb, clause, **scenario):
    a = kb.assess(scenario)
    return a.status(clause), a


def test_russia_strikes_tallinn(kb):
    # Estonia acceded 2004-03-29; Tallinn is in Europe (Art. 6): all 31 other allies bound.
    st, a = status(kb, "nato/art5", date="2025-06-01", attacker="RUS", victim="EST", place="Tallinn")
    assert st == "applies"
    f = a.finding("nato/art5")
    assert len(f.bound) == 31 and "EST" not in f.bound and "USA" in f.bound and "FIN" in f.bound


def test_reunion_is_eu_not_nato(kb):
    # Réunion is in the Indian Ocean: outside NATO Art. 6, but an EU outermost region (TEU Art. 42(7)).
    a = kb.assess({"date": "2025-06-01", "attacker": "ZAF", "victim": "FRA", "place": "Reunion"})
    assert a.status("nato/art5") == "does_not_apply"
    assert a.status("teu/art42-7") == "applies"


def test_china_strikes_sydney_anzus(kb):
    # ANZUS Art. IV/V; the 1986 suspension is between the US and New Zealand only.
    st, a = status(kb, "anzus-1951/art4", date="2025-06-01", attacker="CHN", victim="AUS", place="Sydney")
    assert st == "applies"
    assert set(a.finding("anzus-1951/art4").bound) == {"USA", "NZL"}


def test_charlotte_amalie_not_nato(kb):
    # The US Virgin Islands lie in the Caribbean south of the Tropic of Cancer: outside Art. 6.
    st, _ = status(kb, "nato/art5", date="2025-06-01", attacker="VEN", victim="USA", place="Charlotte Amalie")
    assert st == "does_not_apply"


def test_north_korea_strikes_jeju(kb):
    st, _ = status(kb, "us-rok-1953/art3", date="2025-06-01", attacker="PRK", victim="KOR", place="Jeju")
    assert st == "applies"


def test_taiwan_1970_and_1985(kb):
    # The Sino-American Mutual Defense Treaty was in force 1955-03-03 to 1980-01-01.
    st, _ = status(kb, "us-roc-1954/art5", date="1970-06-01", attacker="CHN", victim="TWN", place="Taipei")
    assert st == "applies"
    a = kb.assess({"date": "1985-06-01", "attacker": "CHN", "victim": "TWN", "place": "Taipei"})
    assert a.status("us-roc-1954/art5") is None
    assert [f.clause for f in a.findings if f.status == "applies" and f.kind == "defense"] == []


def test_cyber_attack_on_lithuania_2020_is_ambiguous(kb):
    # Wales Summit Declaration (2014-09-05): cyber attacks may lead to Art. 5, decided case by case.
    a = kb.assess({"date": "2020-06-01", "attacker": "RUS", "victim": "LTU", "target": "cyber"})
    assert a.status("nato/art5") == "ambiguous"
    before = kb.assess({"date": "2014-09-04", "attacker": "RUS", "victim": "LTU", "target": "cyber"})
    assert before.status("nato/art5") == "does_not_apply"


def test_philippine_coast_guard_near_scarborough(kb):
    a = kb.assess({"date": "2025-06-01", "attacker": "CHN", "victim": "PHL",
                   "place": {"lat": 15.1, "lon": 117.7}, "target": "vessel"})
    assert a.status("us-philippines-1951/art4") == "applies"


def test_madrid_either_side_of_spanish_accession(kb):
    # Spain deposited its instrument of accession on 1982-05-30.
    before = kb.assess({"date": "1982-05-29", "attacker": "SUN", "victim": "ESP", "place": "Madrid"})
    after = kb.assess({"date": "1982-05-31", "attacker": "SUN", "victim": "ESP", "place": "Madrid"})
    assert before.status("nato/art5") == "does_not_apply"
    assert after.status("nato/art5") == "applies"
    on_the_day = kb.assess({"date": "1982-05-30", "attacker": "SUN", "victim": "ESP", "place": "Madrid"})
    assert on_the_day.status("nato/art5") == "ambiguous"


def test_finland_either_side_of_accession(kb):
    # Finland deposited its instrument of accession on 2023-04-04.
    for day, want in (("2023-04-03", "does_not_apply"), ("2023-04-04", "ambiguous"), ("2023-04-05", "applies")):
        assert kb.assess({"date": day, "attacker": "RUS", "victim": "FIN", "place": "Helsinki"}
                         ).status("nato/art5") == want, day


def test_guam_outside_article_6(kb):
    a = kb.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}})
    f = a.finding("nato/art5")
    assert f.status == "does_not_apply"
    scope = next(r for r in f.reasons if r.condition == "scope")
    assert scope.holds is False and "Art. 6" in scope.cite


def test_ceuta_is_ambiguous(kb):
    a = kb.assess({"date": "2025-06-01", "attacker": "MAR", "victim": "ESP", "place": "Ceuta"})
    assert a.status("nato/art5") == "ambiguous"


def test_non_state_attacker_under_state_clause(kb):
    a = kb.assess({"date": "2025-06-01", "attacker": "nsa:test-group", "victim": "PRK", "place": "Pyongyang"})
    assert a.status("china-dprk-1961/art2") == "ambiguous"


def test_attack_on_north_korea_binds_china_and_russia_from_2024(kb):
    before = kb.assess({"date": "2024-12-03", "attacker": "USA", "victim": "PRK", "place": "Pyongyang"})
    after = kb.assess({"date": "2024-12-04", "attacker": "USA", "victim": "PRK", "place": "Pyongyang"})
    assert before.status("china-dprk-1961/art2") == "applies"
    assert before.status("russia-dprk-2024/art4") is None
    assert after.status("russia-dprk-2024/art4") == "applies"
    assert "CHN" in after.bound and "RUS" in after.bound


def test_assessment_follows_the_contract(kb):
    d = kb.assess({"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA",
                   "place": {"lat": 13.44, "lon": 144.79}, "target": "territory", "act": "armed_attack"}).to_dict()
    assert d["id"] == "q1" and d["schema_version"] == "1.0"
    nato = next(f for f in d["findings"] if f["clause"] == "nato/art5")
    assert nato["status"] == "does_not_apply" and nato["bound"] == []
    assert {"condition", "holds", "cite", "detail"} <= set(nato["reasons"][0])
    assert d["place"]["territory"] == "gum"


@pytest.mark.parametrize("bad", [
    {"date": "2017-13-02", "attacker": "PRK", "victim": "USA", "place": "Guam"},
    {"date": "2017-11-02", "attacker": "PRKX", "victim": "USA", "place": "Guam"},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam", "taget": "vessel"},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 95, "lon": 0}},
    {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam", "target": "boat"},
])
def test_bad_scenarios_name_the_field(kb, bad):
    with pytest.raises(casus.InputError) as err:
        kb.assess(bad)
    assert err.value.field is not None and err.value.accepted


def test_unknown_state_suggests(kb):
    with pytest.raises(casus.UnknownStateError) as err:
        kb.assess({"date": "2017-11-02", "attacker": "PRQ", "victim": "USA", "place": "Guam"})
    assert "PRK" in err.value.suggestions
