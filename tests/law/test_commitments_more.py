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
