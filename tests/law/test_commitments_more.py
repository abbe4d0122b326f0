"""Regional commitments added for issue 13 section 1 (second batch): each pinned on both sides of its dates.

Sources are those cited in ``src/casus/data/treaties/<id>.yaml``; where a date could not be verified the
treaty file says so in a note, and these tests pin what casus records.
"""

from __future__ import annotations

DOHA = {"lat": 25.29, "lon": 51.53}
RIYADH = {"lat": 24.71, "lon": 46.68}
THESSALONIKI = {"lat": 40.64, "lon": 22.94}
BELGRADE = {"lat": 44.82, "lon": 20.46}


def attack(kb, attacker, victim, place, date, target="territory"):
    return kb.assess({"attacker": attacker, "victim": victim, "place": place, "date": date, "target": target})


# --------------------------------------------------------------------------- GCC Joint Defence Agreement (2000)

def test_gcc_recorded_from_qatars_ratification(kb):
    assert not kb.in_force("gcc-2000", "2001-12-28")
    assert kb.in_force("gcc-2000", "2001-12-29")
    assert kb.members("gcc-2000", "2001-12-29") == ("QAT",)


def test_gcc_attack_on_qatar_applies_but_binds_no_verified_partner(kb):
    f = attack(kb, "IRN", "QAT", DOHA, "2025-06-01").finding("gcc-2000/art2")
    assert f.status == "applies"
    # the other five signatories' ratifications are not dated in the sources read, so none is bound
    assert f.bound == ()


def test_gcc_attack_on_saudi_arabia_is_not_evaluated_for_want_of_a_dated_ratification(kb):
    f = attack(kb, "IRN", "SAU", RIYADH, "2025-06-01").finding("gcc-2000/art2")
    assert f.status == "does_not_apply" and f.bound == ()


# --------------------------------------------------------------------------- Balkan Pact (Bled, 1954)

def test_balkan_pact_from_9_august_1954(kb):
    assert not kb.in_force("balkan-pact-1954", "1954-08-08")
    assert kb.in_force("balkan-pact-1954", "1954-08-09")
    assert kb.members("balkan-pact-1954", "1954-08-09") == ("GRC", "TUR", "YUG")


def test_balkan_pact_attack_on_greece_binds_turkey_and_yugoslavia(kb):
    f = attack(kb, "BGR", "GRC", THESSALONIKI, "1955-06-01").finding("balkan-pact-1954/art2")
    assert f.status == "applies" and f.bound == ("TUR", "YUG")
    assert f.dormancy is None
    assert "Art. II" in f.reasons[-1].cite


def test_balkan_pact_dormant_from_1958(kb):
    before = attack(kb, "BGR", "GRC", THESSALONIKI, "1957-12-31").finding("balkan-pact-1954/art2")
    after = attack(kb, "BGR", "GRC", THESSALONIKI, "1958-01-01").finding("balkan-pact-1954/art2")
    assert before.dormancy is None
    assert after.dormancy is not None and after.dormancy["since"] == "1958-01-01"


def test_balkan_pact_yugoslavia_leaves_with_the_sfry(kb):
    assert kb.members("balkan-pact-1954", "1992-04-26") == ("GRC", "TUR", "YUG")
    assert kb.members("balkan-pact-1954", "1992-04-27") == ("GRC", "TUR")
    f = attack(kb, "BGR", "YUG", BELGRADE, "1960-06-01").finding("balkan-pact-1954/art2")
    assert f.status == "applies" and f.bound == ("GRC", "TUR")


# --------------------------------------------------------------------------- Arab League Joint Defence Treaty (1950)

AMMAN = {"lat": 31.95, "lon": 35.93}
KUWAIT_CITY = {"lat": 29.37, "lon": 47.98}
CAIRO = {"lat": 30.04, "lon": 31.24}
DAMASCUS = {"lat": 33.51, "lon": 36.29}
ORIGINAL = ("EGY", "IRQ", "JOR", "LBN", "SAU", "SYR", "YEM")


def test_arab_league_treaty_from_23_august_1952(kb):
    assert not kb.in_force("arab-league-1950", "1952-08-22")
    assert kb.in_force("arab-league-1950", "1952-08-23")
    assert kb.members("arab-league-1950", "1952-08-23") == ORIGINAL


def test_arab_league_attack_on_jordan_binds_the_other_original_parties(kb):
    f = attack(kb, "ISR", "JOR", AMMAN, "1956-06-01").finding("arab-league-1950/art2")
    assert f.status == "applies"
    assert f.bound == ("EGY", "IRQ", "LBN", "SAU", "SYR", "YEM")


def test_arab_league_kuwait_a_party_from_its_atop_date(kb):
    assert "KWT" not in kb.members("arab-league-1950", "1961-08-11")
    assert "KWT" in kb.members("arab-league-1950", "1961-08-12")
    before = attack(kb, "IRN", "KWT", KUWAIT_CITY, "1961-08-11").finding("arab-league-1950/art2")
    on_the_day = attack(kb, "IRN", "KWT", KUWAIT_CITY, "1961-08-12").finding("arab-league-1950/art2")
    after = attack(kb, "IRN", "KWT", KUWAIT_CITY, "1961-08-13").finding("arab-league-1950/art2")
    assert before.status == "does_not_apply" and before.bound == ()
    assert on_the_day.status == "ambiguous"  # the hour of the deposit is not recorded
    assert after.status == "applies" and "SAU" in after.bound and "KWT" not in after.bound


def test_arab_league_south_yemen_ceases_at_unification(kb):
    assert "YMD" in kb.members("arab-league-1950", "1990-05-21")
    assert "YMD" not in kb.members("arab-league-1950", "1990-05-22")
    assert "YEM" in kb.members("arab-league-1950", "1990-05-22")


def test_arab_league_suspensions_from_the_league_leave_egypt_and_syria_parties(kb):
    # Egypt's League suspension (1979-1989) and Syria's (2011-2023) are notes, not treaty events
    for day in ("1979-03-30", "1979-03-31", "1989-05-22"):
        assert "EGY" in kb.members("arab-league-1950", day)
    for day in ("2011-11-11", "2011-11-12", "2023-05-07"):
        assert "SYR" in kb.members("arab-league-1950", day)
    f = attack(kb, "ISR", "EGY", CAIRO, "1985-06-01").finding("arab-league-1950/art2")
    assert f.status == "applies" and "SYR" in f.bound
    g = attack(kb, "ISR", "SYR", DAMASCUS, "2015-06-01").finding("arab-league-1950/art2")
    assert g.status == "applies" and "EGY" in g.bound and "SYR" not in g.bound


def test_arab_league_dormant_after_1973(kb):
    before = attack(kb, "ISR", "EGY", CAIRO, "1973-12-31").finding("arab-league-1950/art2")
    after = attack(kb, "ISR", "EGY", CAIRO, "1974-01-01").finding("arab-league-1950/art2")
    assert before.dormancy is None
    assert after.dormancy is not None and after.dormancy["since"] == "1974-01-01"
