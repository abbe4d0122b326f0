"""Facts of the Western alliance treaties, pinned on both sides of every dated change.

Each test cites where the fact comes from; the same sources are in the treaty files under
src/casus/data/treaties/. Dates are the day a state became bound (deposit or entry into force),
and intervals are half-open: a state is a party from its deposit day on, and not on the day its
withdrawal takes effect.
"""

from __future__ import annotations

import datetime as dt

import pytest

import casus
from casus.errors import DateError
from casus.kb.models import Clause, Phase


@pytest.fixture(scope="module")
def kb() -> casus.KnowledgeBase:
    return casus.open()


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def phase_on(clause: Clause, day: str) -> Phase | None:
    on = d(day)
    for ph in clause.phases:
        if ph.start <= on and (ph.end is None or on < ph.end):
            return ph
    return None


def mentions(expr: object, word: str) -> bool:
    """Whether a scope expression names a region, territory or state anywhere inside it."""
    if isinstance(expr, dict):
        return any(mentions(v, word) for v in expr.values())
    if isinstance(expr, list | tuple):
        return any(mentions(v, word) for v in expr)
    return expr == word


# --------------------------------------------------------------------------- NATO

# NATO, "Member countries" (nato.int topics_52044) and each accession's deposit date:
# 12 founders 1949-08-24; Greece, Turkey 1952-02-18; FRG 1955-05-06; Spain 1982-05-30;
# Czechia, Hungary, Poland 1999-03-12; the seven of 2004-03-29; Albania, Croatia 2009-04-01;
# Montenegro 2017-06-05; North Macedonia 2020-03-27; Finland 2023-04-04; Sweden 2024-03-07.
NATO_COUNTS = [
    ("1949-08-24", 12),
    ("1952-02-17", 12), ("1952-02-18", 14),
    ("1955-05-05", 14), ("1955-05-06", 15),
    ("1982-05-29", 15), ("1982-05-30", 16),
    ("1999-03-11", 16), ("1999-03-12", 19),
    ("2004-03-28", 19), ("2004-03-29", 26),
    ("2009-03-31", 26), ("2009-04-01", 28),
    ("2017-06-04", 28), ("2017-06-05", 29),
    ("2020-03-26", 29), ("2020-03-27", 30),
    ("2023-04-03", 30), ("2023-04-04", 31),
    ("2024-03-06", 31), ("2024-03-07", 32),
]


@pytest.mark.parametrize(("day", "count"), NATO_COUNTS)
def test_nato_member_count_on_each_side_of_every_enlargement(kb, day, count):
    assert len(kb.members("nato", day)) == count


def test_nato_founders(kb):
    # North Atlantic Treaty, signatories; in force for all twelve on 24 August 1949 (34 U.N.T.S. 243)
    assert kb.members("nato", "1949-08-24") == tuple(sorted(
        ["BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA"]))


def test_nato_not_in_force_the_day_before_entry_into_force(kb):
    # in force 24 August 1949: "no members" and "no treaty" are different answers
    assert not kb.in_force("nato", "1949-08-23")
    with pytest.raises(DateError):
        kb.members("nato", "1949-08-23")


def test_nato_greece_and_turkey_bound_on_deposit_day(kb):
    # NATO, "Marking 60 years of membership" (news_84445): members from deposit, 18 February 1952
    for code in ("GRC", "TUR"):
        assert code not in kb.members("nato", "1952-02-17")
        assert code in kb.members("nato", "1952-02-18")


def test_nato_west_germany_1955(kb):
    # FRG acceded 6 May 1955 (NATO member countries); DEU is used for the FRG and united Germany
    assert "DEU" not in kb.members("nato", "1955-05-05")
    assert "DEU" in kb.members("nato", "1955-05-06")
    assert "DEU" in kb.members("nato", "1990-10-03")


def test_nato_spain_1982_both_sides(kb):
    # Spain deposited its instrument of accession on 30 May 1982
    assert "ESP" not in kb.members("nato", "1982-05-29")
    assert "ESP" in kb.members("nato", "1982-05-31")


def test_nato_finland_both_sides_and_uncertain_deposit_day(kb):
    # Finland deposited at NATO HQ on 4 April 2023 (31st member); the hour is not recorded
    assert "FIN" not in kb.members("nato", "2023-04-03")
    assert "FIN" in kb.members("nato", "2023-04-05")
    day_of = kb.standing("nato", "FIN", d("2023-04-04"))
    assert day_of.party and day_of.first_day
    after = kb.standing("nato", "FIN", d("2023-04-05"))
    assert after.party and not after.first_day and after.since == d("2023-04-04")


def test_nato_sweden_2024(kb):
    # Sweden deposited in Washington on 7 March 2024 (32nd member)
    assert "SWE" not in kb.members("nato", "2024-03-06")
    assert "SWE" in kb.members("nato", "2024-03-07")


def test_nato_france_stayed_a_party_outside_the_integrated_command(kb):
    # de Gaulle left the integrated command in 1966, not the treaty; returned April 2009
    assert "FRA" in kb.members("nato", "1975-01-01")
    assert any(n.state == "FRA" and n.start == d("1966-07-01") for n in kb.treaty("nato").notes)


def test_nato_article6_phases(kb):
    # Art. 6 as signed until Turkey's deposit on 18 February 1952 (Greece/Turkey protocol, Art. 2);
    # the Algerian departments count until 3 July 1962 (NAC statement of 16 January 1963)
    _, art5 = kb.clause("nato/art5")
    before, amended = phase_on(art5, "1952-02-17"), phase_on(art5, "1952-02-18")
    assert before is not None and amended is not None and before is not amended
    assert not mentions(before.targets["territory"], "TUR")
    assert mentions(amended.targets["territory"], "TUR")
    # the Mediterranean covers ships only from the amended text on
    assert not mentions(before.targets["vessel"], "mediterranean-sea")
    assert mentions(amended.targets["vessel"], "mediterranean-sea")
    assert mentions(phase_on(art5, "1962-07-02").targets["territory"], "dza")
    assert not mentions(phase_on(art5, "1962-07-03").targets["territory"], "dza")
    assert phase_on(art5, "1949-08-23") is None


def test_nato_article6_keeps_pacific_and_caribbean_possessions_out(kb):
    # Art. 6: Europe, North America, Turkey, North Atlantic islands north of the Tropic of Cancer;
    # no region or territory in the current phase names the Pacific, the Caribbean or Hawaii
    _, art5 = kb.clause("nato/art5")
    now = phase_on(art5, "2024-03-07")
    for kind in ("territory", "armed_forces", "vessel", "aircraft"):
        for place in ("pacific-area", "caribbean", "hawaii", "gum", "pri", "vir", "flk", "south-america"):
            assert not mentions(now.targets[kind], place)


def test_nato_contested_places_are_ambiguous_not_guessed(kb):
    # Ceuta and Melilla (African mainland) and the Black Sea beyond allied waters: never settled
    _, art5 = kb.clause("nato/art5")
    now = phase_on(art5, "2024-03-07")
    whens = [(ex.when, ex.status, set(ex.targets)) for ex in now.exceptions]
    assert any(mentions(w, "ceuta") and s == "ambiguous" and "territory" in t for w, s, t in whens)
    assert any(mentions(w, "black-sea") and s == "ambiguous" and "vessel" in t for w, s, t in whens)


def test_nato_cyber_and_space_extensions(kb):
    # Wales Summit Declaration para. 72 (5 September 2014); Brussels Summit Communique para. 33 (14 June 2021)
    _, art5 = kb.clause("nato/art5")
    ext = {e.target: e for e in art5.extensions}
    assert ext["cyber"].start == d("2014-09-05") and ext["cyber"].status == "ambiguous"
    assert ext["space"].start == d("2021-06-14") and ext["space"].status == "ambiguous"
    assert "cyber" not in phase_on(art5, "2024-01-01").targets


def test_nato_article4_is_consultation(kb):
    # Art. 4: consult whenever a party thinks integrity, independence or security is threatened
    _, art4 = kb.clause("nato/art4")
    assert art4.kind == "consultation" and art4.trigger == "threat"


# --------------------------------------------------------------------------- Brussels Treaty and WEU

def test_brussels_treaty_life(kb):
    # in force 25 August 1948 for the five; modified into the WEU treaty on 6 May 1955
    assert kb.members("brussels-1948", "1948-08-25") == ("BEL", "FRA", "GBR", "LUX", "NLD")
    assert kb.in_force("brussels-1948", "1955-05-05")
    assert not kb.in_force("brussels-1948", "1955-05-06")
    assert kb.in_force("weu-1954", "1955-05-06")
    assert not kb.in_force("weu-1954", "1955-05-05")


def test_weu_members_over_time(kb):
    # Paris Protocols in force 6 May 1955 (adding FRG and Italy); Portugal and Spain 1990; Greece 1995
    assert kb.members("weu-1954", "1955-05-06") == ("BEL", "DEU", "FRA", "GBR", "ITA", "LUX", "NLD")
    assert "ESP" not in kb.members("weu-1954", "1990-03-26")
    assert {"ESP", "PRT"} <= set(kb.members("weu-1954", "1990-03-27"))
    assert "GRC" not in kb.members("weu-1954", "1995-03-05")
    assert len(kb.members("weu-1954", "1995-03-06")) == 10


def test_weu_end(kb):
    # the WEU ceased to exist on 30 June 2011 (treaty terminated by the parties' decision of 31 March 2010)
    assert len(kb.members("weu-1954", "2011-06-29")) == 10
    assert not kb.in_force("weu-1954", "2011-06-30")
    with pytest.raises(DateError):
        kb.members("weu-1954", "2011-06-30")


def test_brussels_and_weu_cover_europe_only(kb):
    # Brussels Treaty Art. IV / Modified Brussels Treaty Art. V: "an armed attack in Europe"
    for cid in ("brussels-1948/art4", "weu-1954/art5"):
        _, clause = kb.clause(cid)
        assert clause.automatic
        for expr in clause.phases[0].targets.values():
            assert expr == {"region": "europe"}


# --------------------------------------------------------------------------- TEU

def test_eu_membership_around_brexit(kb):
    # the UK left at 23:00 GMT on 31 January 2020 = 00:00 CET on 1 February (Hansard, 27 January 2020)
    before, after = kb.members("teu", "2020-01-31"), kb.members("teu", "2020-02-01")
    assert len(before) == 28 and "GBR" in before
    assert len(after) == 27 and "GBR" not in after
    assert "teu" not in kb.treaties_of("GBR", "2020-02-01")


def test_eu_membership_when_article_42_7_began_and_croatia(kb):
    # 27 members on 1 December 2009 (Lisbon in force); Croatia from 1 July 2013
    assert len(kb.members("teu", "2009-12-01")) == 27
    assert "HRV" not in kb.members("teu", "2013-06-30")
    assert "HRV" in kb.members("teu", "2013-07-01")
    assert len(kb.members("teu", "2013-07-01")) == 28
    # accession treaties take effect at the start of the day: no uncertain first day
    assert not kb.standing("teu", "HRV", d("2013-07-01")).first_day


def test_eu_earlier_enlargements(kb):
    # Maastricht in force 1 November 1993 (12); 1 January 1995 (+3); 1 May 2004 (+10); 1 January 2007 (+2)
    assert len(kb.members("teu", "1993-11-01")) == 12
    assert len(kb.members("teu", "1994-12-31")) == 12
    assert len(kb.members("teu", "1995-01-01")) == 15
    assert len(kb.members("teu", "2004-04-30")) == 15
    assert len(kb.members("teu", "2004-05-01")) == 25
    assert len(kb.members("teu", "2007-01-01")) == 27


def test_article_42_7_exists_only_from_lisbon(kb):
    # Art. 42(7) was added by the Lisbon Treaty, in force 1 December 2009
    _, clause = kb.clause("teu/art42-7")
    assert phase_on(clause, "2009-11-30") is None
    assert phase_on(clause, "2009-12-01") is not None
    assert not clause.automatic  # "aid and assistance by all the means in their power": an obligation of means


def test_article_42_7_mayotte_becomes_eu_territory_in_2014(kb):
    # Mayotte: overseas territory until 31 December 2013, outermost region from 1 January 2014
    _, clause = kb.clause("teu/art42-7")
    assert any(mentions(ex.when, "mayotte") for ex in phase_on(clause, "2013-12-31").exceptions)
    assert not any(mentions(ex.when, "mayotte") for ex in phase_on(clause, "2014-01-01").exceptions)
    assert any(mentions(ex.when, "pyf") for ex in phase_on(clause, "2014-01-01").exceptions)


# --------------------------------------------------------------------------- ANZUS

def test_anzus_us_obligations_to_new_zealand_suspended_since_1986(kb):
    # Australia-US joint statement, San Francisco, 11 August 1986 (Sun-Sentinel and The Press, 12-13 August 1986)
    assert kb.standing("anzus-1951", "USA", d("1986-08-10")).not_bound_towards == frozenset()
    on = kb.standing("anzus-1951", "USA", d("1986-08-11"))
    assert on.party and on.not_bound_towards == frozenset({"NZL"})
    assert kb.standing("anzus-1951", "USA", d("2024-01-01")).not_bound_towards == frozenset({"NZL"})


def test_anzus_everyone_else_still_bound(kb):
    # New Zealand never renounced the treaty; Australia kept its obligations to both
    assert kb.members("anzus-1951", "2001-09-14") == ("AUS", "NZL", "USA")
    for code in ("AUS", "NZL"):
        st = kb.standing("anzus-1951", code, d("2001-09-14"))
        assert st.party and not st.suspended and st.not_bound_towards == frozenset()


def test_anzus_in_force_date(kb):
    # signed 1 September 1951, in force 29 April 1952
    assert not kb.in_force("anzus-1951", "1952-04-28")
    assert kb.in_force("anzus-1951", "1952-04-29")


# --------------------------------------------------------------------------- bilateral Pacific treaties

@pytest.mark.parametrize(("treaty", "first_day"), [
    ("us-japan-1960", "1960-06-23"),        # ratifications exchanged in Tokyo
    ("us-rok-1953", "1954-11-17"),          # ratifications exchanged in Washington
    ("us-philippines-1951", "1952-08-27"),  # 3 U.S.T. 3947
    ("us-roc-1954", "1955-03-03"),          # ratifications exchanged in Taipei
])
def test_bilateral_treaties_enter_into_force(kb, treaty, first_day):
    day = d(first_day)
    assert not kb.in_force(treaty, day - dt.timedelta(days=1))
    assert kb.in_force(treaty, day)
    assert len(kb.members(treaty, day)) == 2


def test_us_roc_treaty_terminated_1980(kb):
    # US notice effective 1 January 1979, treaty terminated one year later (Art. X; FRUS 1977-80 XIII doc. 180)
    assert kb.members("us-roc-1954", "1979-12-31") == ("TWN", "USA")
    assert not kb.in_force("us-roc-1954", "1980-01-01")
    with pytest.raises(DateError):
        kb.members("us-roc-1954", "1980-01-01")


def test_us_roc_excludes_kinmen_and_matsu(kb):
    # Art. VI: for the Republic of China, Taiwan and the Pescadores only
    _, clause = kb.clause("us-roc-1954/art5")
    ph = phase_on(clause, "1958-08-23")
    assert any(mentions(ex.when, "kinmen") and ex.status == "does_not_apply" for ex in ph.exceptions)


def test_us_japan_scope_is_administration(kb):
    # Art. V: "territories under the administration of Japan"
    _, clause = kb.clause("us-japan-1960/art5")
    assert clause.phases[0].targets["territory"] == {"administrator": "JPN"}


def test_us_philippines_south_china_sea_from_2019(kb):
    # Pompeo, Manila, 1 March 2019: "the South China Sea is part of the Pacific"
    _, clause = kb.clause("us-philippines-1951/art4")
    before, after = phase_on(clause, "2019-02-28"), phase_on(clause, "2019-03-01")
    assert not mentions(before.targets["vessel"], "south-china-sea")
    assert mentions(after.targets["vessel"], "south-china-sea")
    assert any(mentions(ex.when, "south-china-sea") and ex.status == "ambiguous" for ex in before.exceptions)
    # 2023 bilateral defence guidelines: coast guards named
    assert phase_on(clause, "2023-05-03") is not phase_on(clause, "2023-05-02")


def test_canonical_clause_ids(kb):
    # DESIGN.md section 5: ids outside tools rely on
    for cid in ("nato/art4", "nato/art5", "us-japan-1960/art5", "us-rok-1953/art3", "anzus-1951/art4",
                "us-philippines-1951/art4", "brussels-1948/art4", "weu-1954/art5", "teu/art42-7",
                "us-roc-1954/art5"):
        assert kb.clause(cid)[1].id == cid
