"""The commitments added for issue 13: one-way guarantees, treaties signed but not in force, dormancy,
doubtful standing, and the newer bilateral pacts, each pinned on both sides of its dates.

Sources are those cited in ``src/casus/data/treaties/<id>.yaml``.
"""

from __future__ import annotations

import pytest

from casus.errors import DateError

KOROR = {"lat": 7.34, "lon": 134.48}          # Palau
MAJURO = {"lat": 7.09, "lon": 171.38}         # Marshall Islands
POHNPEI = {"lat": 6.92, "lon": 158.16}        # Micronesia
REYKJAVIK = {"lat": 64.15, "lon": -21.94}
HONOLULU = {"lat": 21.31, "lon": -157.86}
PORT_MORESBY = {"lat": -9.44, "lon": 147.18}
LAHORE = {"lat": 31.55, "lon": 74.34}
MINSK = {"lat": 53.90, "lon": 27.56}
THESSALONIKI = {"lat": 40.64, "lon": 22.94}
STRASBOURG = {"lat": 48.58, "lon": 7.75}
SOUTH_CHINA_SEA = {"lat": 15.0, "lon": 117.0}  # high seas west of Luzon
HAVANA = {"lat": 23.11, "lon": -82.37}


def attack(kb, attacker, victim, place, date, target="territory"):
    return kb.assess({"attacker": attacker, "victim": victim, "place": place, "date": date, "target": target})


# --------------------------------------------------------------------------- one-way: Compacts, Iceland

def test_palau_is_defended_by_the_united_states_under_the_compact(kb):
    d = kb.defends(KOROR, on="2025-06-01")
    assert "cofa-usa-plw-1994/title3" in d.covered_by
    assert d.bound == ("USA",)
    f = d.assessment.finding("cofa-usa-plw-1994/title3")
    assert "Title Three" in f.reasons[-1].cite


def test_palau_compact_not_before_1994_10_01(kb):
    assert not kb.in_force("cofa-usa-plw-1994", "1994-09-30")
    assert kb.in_force("cofa-usa-plw-1994", "1994-10-01")
    assert kb.members("cofa-usa-plw-1994", "1994-10-01") == ("PLW", "USA")


def test_an_attack_on_the_united_states_binds_nobody_under_a_compact(kb):
    a = attack(kb, "PRK", "USA", HONOLULU, "2025-06-01")
    for clause in ("cofa-usa-plw-1994/title3", "cofa-usa-mhl-1986/title3", "cofa-usa-fsm-1986/title3",
                   "us-iceland-1951/art1"):
        f = a.finding(clause)
        assert f.status == "does_not_apply" and f.bound == () and f.bound_if_applies == ()
        assert "one-way" in f.reasons[1].detail
    # and the cascade does not make Palau, Micronesia or the Marshall Islands act for the United States
    assert not {"PLW", "FSM", "MHL"} & set(a.cascade.sides)


@pytest.mark.parametrize(("clause", "place", "day_before", "first_day"), [
    ("cofa-usa-mhl-1986/title3", MAJURO, "1986-10-20", "1986-10-21"),
    ("cofa-usa-fsm-1986/title3", POHNPEI, "1986-11-02", "1986-11-03"),
])
def test_marshall_islands_and_micronesia_from_their_effective_dates(kb, clause, place, day_before, first_day):
    assert clause not in kb.defends(place, on=day_before).covered_by
    d = kb.defends(place, on=first_day)
    assert clause in d.covered_by and "USA" in d.bound


def test_iceland_defended_by_the_united_states_and_by_nato(kb):
    d = kb.defends(REYKJAVIK, on="2025-06-01")
    assert {"us-iceland-1951/art1", "nato/art5"} <= set(d.covered_by)
    assert d.assessment.finding("us-iceland-1951/art1").bound == ("USA",)


def test_one_way_obligations_are_directed_in_the_export(kb):
    from casus.export.obligations import obligations

    rows = obligations(kb, ["cofa-usa-plw-1994"])
    assert {(o.debtor, o.creditor) for o in rows} == {("USA", "PLW")}
    assert rows[0].start.isoformat() == "1994-10-01"


# --------------------------------------------------------------------------- signed, not in force

def test_australia_png_signed_but_binds_no_one(kb):
    a = attack(kb, "IDN", "PNG", PORT_MORESBY, "2026-06-01")
    f = a.finding("australia-png-2025/mutual-defence")
    assert f.status == "does_not_apply" and f.bound == ()
    assert f.reasons[0].condition == "in_force" and f.reasons[0].holds is False
    assert "signed on 2025-10-06" in f.reasons[0].detail and "bound no one" in f.reasons[0].detail
    assert "AUS" not in a.bound


def test_australia_png_not_mentioned_before_signature(kb):
    a = attack(kb, "IDN", "PNG", PORT_MORESBY, "2025-10-05")
    assert "australia-png-2025/mutual-defence" not in [f.clause for f in a.findings]
    with pytest.raises(DateError):
        kb.members("australia-png-2025", "2026-06-01")
    assert not kb.in_force("australia-png-2025", "2026-12-03")


# --------------------------------------------------------------------------- dormancy and doubtful standing

def test_seato_applies_in_2025_with_its_dormancy_said(kb):
    a = attack(kb, "CHN", "PHL", SOUTH_CHINA_SEA, "2025-06-01", target="vessel")
    f = a.finding("seato-1954/art4")
    assert f.status == "applies" and len(f.bound) == 6
    assert f.dormancy is not None and f.dormancy["since"] == "1977-06-30"
    body = a.to_dict(with_cascade=False)
    (fj,) = [x for x in body["findings"] if x["clause"] == "seato-1954/art4"]
    assert fj["dormancy"]["since"] == "1977-06-30" and fj["dormancy"]["sources"]
    assert "seato-1954/art4" in body["summary"]["dormant"]
    assert "Dormant since 1977-06-30" in f.life_note


def test_seato_not_dormant_before_the_organisation_was_dissolved(kb):
    a = attack(kb, "CHN", "PHL", SOUTH_CHINA_SEA, "1977-06-29", target="vessel")
    f = a.finding("seato-1954/art4")
    assert f.dormancy is None
    assert "seato-1954/art4" not in a.to_dict(with_cascade=False)["summary"]["dormant"]


def test_cuba_listed_in_the_rio_treaty_with_its_exclusion_said(kb):
    before = attack(kb, "USA", "CUB", HAVANA, "1962-01-30").finding("rio-1947/art3")
    after = attack(kb, "USA", "CUB", HAVANA, "1962-01-31").finding("rio-1947/art3")
    assert before.caveats == ()
    assert [c["state"] for c in after.caveats] == ["CUB"] and after.caveats[0]["since"] == "1962-01-31"
    # the legal status is unchanged: Cuba is still a party
    assert "CUB" in kb.members("rio-1947", "2025-01-01")


# --------------------------------------------------------------------------- the newer bilateral pacts

@pytest.mark.parametrize(("treaty", "day_before", "first_day", "parties"), [
    ("aachen-2019", "2020-01-21", "2020-01-22", ("DEU", "FRA")),
    ("russia-belarus-2024", "2025-03-12", "2025-03-13", ("BLR", "RUS")),
    ("saudi-pakistan-2025", "2025-09-16", "2025-09-17", ("PAK", "SAU")),
    ("france-greece-2021", "2022-02-13", "2022-02-14", ("FRA", "GRC")),
    ("us-iceland-1951", "1951-05-04", "1951-05-05", ("ISL", "USA")),
])
def test_in_force_from_its_date(kb, treaty, day_before, first_day, parties):
    assert not kb.in_force(treaty, day_before)
    with pytest.raises(DateError):
        kb.members(treaty, day_before)
    assert kb.members(treaty, first_day) == parties


def test_saudi_arabia_bound_to_defend_pakistan(kb):
    assert "saudi-pakistan-2025/mutual-defence" not in attack(kb, "IND", "PAK", LAHORE, "2025-09-16").applies
    a = attack(kb, "IND", "PAK", LAHORE, "2025-09-17")
    assert a.finding("saudi-pakistan-2025/mutual-defence").bound == ("SAU",)
    ships = attack(kb, "IND", "PAK", {"lat": 20.0, "lon": 62.0}, "2025-10-01", target="vessel")
    assert ships.status("saudi-pakistan-2025/mutual-defence") == "ambiguous"


def test_russia_bound_to_defend_belarus(kb):
    a = attack(kb, "POL", "BLR", MINSK, "2025-06-01")
    assert a.finding("russia-belarus-2024/art2").bound == ("RUS",)


def test_france_bound_to_defend_greece_against_an_ally(kb):
    a = attack(kb, "TUR", "GRC", THESSALONIKI, "2023-01-01")
    assert a.finding("france-greece-2021/art2").bound == ("FRA",)


def test_aachen_binds_germany_to_defend_france(kb):
    a = attack(kb, "RUS", "FRA", STRASBOURG, "2020-01-22")
    assert a.finding("aachen-2019/art4").bound == ("DEU",)
    assert "aachen-2019/art4" not in [f.clause for f in attack(kb, "RUS", "FRA", STRASBOURG, "2020-01-21").findings]


# --------------------------------------------------------------------------- historical and consultation-only

KUALA_LUMPUR = {"lat": 3.14, "lon": 101.69}
CANBERRA = {"lat": -35.28, "lon": 149.13}
HELSINKI = {"lat": 60.17, "lon": 24.94}
NICOSIA = {"lat": 35.17, "lon": 33.36}
LONDON = {"lat": 51.51, "lon": -0.13}
LISBON = {"lat": 38.72, "lon": -9.14}
BAKU = {"lat": 40.41, "lon": 49.87}


def test_fpda_is_consultation_only_and_only_for_malaysia_and_singapore(kb):
    a = attack(kb, "IDN", "MYS", KUALA_LUMPUR, "1971-11-01")
    f = a.finding("fpda-1971/consultation")
    assert f.kind == "consultation" and f.status == "applies"
    assert set(f.bound) == {"AUS", "GBR", "NZL", "SGP"}
    assert "fpda-1971/consultation" not in attack(kb, "IDN", "MYS", KUALA_LUMPUR, "1971-10-31").applies
    # nobody is bound to *defend* Malaysia by it: defends() counts defence clauses only
    assert "fpda-1971/consultation" not in kb.defends(KUALA_LUMPUR, on="2025-01-01").covered_by
    assert attack(kb, "IDN", "AUS", CANBERRA, "2025-01-01").status("fpda-1971/consultation") == "does_not_apply"


def test_finland_ussr_one_sided_and_ended_1992(kb):
    a = attack(kb, "DEU", "FIN", HELSINKI, "1960-01-01")
    assert a.finding("finland-ussr-1948/art1").bound == ("SUN",)
    assert attack(kb, "USA", "FIN", HELSINKI, "1960-01-01").status("finland-ussr-1948/art1") == "ambiguous"
    assert not kb.in_force("finland-ussr-1948", "1948-05-30") and kb.in_force("finland-ussr-1948", "1948-05-31")
    assert kb.members("finland-ussr-1948", "1992-01-19") == ("FIN", "RUS")
    assert not kb.in_force("finland-ussr-1948", "1992-01-20")


def test_dunkirk_only_against_germany_and_for_fifty_years(kb):
    assert kb.in_force("dunkirk-1947", "1997-09-07") and not kb.in_force("dunkirk-1947", "1997-09-08")
    assert attack(kb, "DEU", "GBR", LONDON, "1950-01-01").finding("dunkirk-1947/art2").bound == ("FRA",)
    assert attack(kb, "SUN", "GBR", LONDON, "1950-01-01").status("dunkirk-1947/art2") == "does_not_apply"


def test_cyprus_guarantee_one_way_and_alliance_dormant_since_1974(kb):
    g = attack(kb, "EGY", "CYP", NICOSIA, "1970-01-01").finding("cyprus-guarantee-1960/art2")
    assert g.bound == ("GBR", "GRC", "TUR")
    assert attack(kb, "EGY", "GRC", {"lat": 37.98, "lon": 23.73}, "1970-01-01").status(
        "cyprus-guarantee-1960/art2") == "does_not_apply"
    assert attack(kb, "EGY", "CYP", NICOSIA, "1974-07-19").finding("cyprus-alliance-1960/art2").dormancy is None
    assert attack(kb, "EGY", "CYP", NICOSIA, "1974-07-20").finding("cyprus-alliance-1960/art2").dormancy is not None


def test_anglo_portuguese_alliance_ambiguous_today_and_says_why(kb):
    f = attack(kb, "RUS", "PRT", LISBON, "2025-01-01").finding("anglo-portuguese-1373/alliance")
    assert f.status == "ambiguous" and f.bound_if_applies == ("GBR",)
    assert "no agreed modern content" in f.reasons[-1].detail


def test_shusha_is_consultation_from_2022(kb):
    f = attack(kb, "ARM", "AZE", BAKU, "2022-02-03").finding("shusha-2021/assistance")
    assert f.kind == "consultation" and f.status == "applies" and f.bound == ("TUR",)
    assert "shusha-2021/assistance" not in [x.clause for x in attack(kb, "ARM", "AZE", BAKU, "2022-02-02").findings]
