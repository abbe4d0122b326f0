"""The state table (src/casus/data/states.yaml): codes, COW codes, dates of existence, names.

COW codes are used by researchers to merge casus output with other data, so a wrong
code is a bug: the sample below is checked against the Correlates of War State System
Membership List v2016 (https://correlatesofwar.org/data-sets/state-system-membership/).
Dates are half-open: a state with ``to: 1991-12-26`` exists on 25 December 1991 and not
on the 26th; each boundary is tested on both sides.

The states file is loaded on its own (from a temporary copy) so that these tests do not
depend on the other knowledge-base files; one test checks, through ``casus.problems``,
that every state code the other files use is defined here and existed on the dates used.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import casus
from casus.errors import CasusError, Problem, UnknownStateError
from casus.kb import yamlio
from casus.kb.base import KnowledgeBase
from casus.kb.loader import DATA_DIR, read_tree
from casus.kb.models import State

STATES_FILE = DATA_DIR / "states.yaml"


@pytest.fixture(scope="module")
def states_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A knowledge base holding only states.yaml, read by the real loader."""
    directory = tmp_path_factory.mktemp("states-only")
    shutil.copy(STATES_FILE, directory / "states.yaml")
    problems: list[Problem] = []
    raw = read_tree([directory], problems)
    assert problems == [], "\n".join(map(str, problems))
    return KnowledgeBase(states={k: v.item for k, v in sorted(raw.states.items())}, treaties={}, sections={},
                         digest=raw.digest, files=tuple(raw.files))


@pytest.fixture(scope="module")
def raw_file() -> dict:
    return yamlio.read(STATES_FILE)


def exists(state: State, day: dt.date) -> bool:
    return (state.start is None or state.start <= day) and (state.end is None or day < state.end)


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# --------------------------------------------------------------------------- the file itself

def test_codes_are_unique_iso_shaped_strings(raw_file):
    codes = [entry["code"] for entry in raw_file["states"]]
    assert len(codes) == len(set(codes))
    assert all(isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in codes)


def test_yaml_1_2_keeps_norway_a_string(raw_file, tmp_path: Path):
    # YAML 1.1 (PyYAML) reads a bare NO as false; ruamel's YAML 1.2 keeps it a string.
    nor = next(e for e in raw_file["states"] if e["name"] == "Norway")
    assert nor["code"] == "NOR" and isinstance(nor["code"], str)
    f = tmp_path / "no.yaml"
    f.write_text("codes: [NO, NOR, no, YES, ON]\n", encoding="utf-8")
    assert list(yamlio.read(f)["codes"]) == ["NO", "NOR", "no", "YES", "ON"]


def test_file_level_sources_name_cow_and_iso(raw_file):
    urls = {s["url"]: s for s in raw_file["sources"]}
    for url, publisher in (
        ("https://correlatesofwar.org/data-sets/state-system-membership/", "Correlates of War Project"),
        ("https://www.iso.org/iso-3166-country-codes.html", "International Organization for Standardization"),
    ):
        assert urls[url]["publisher"] == publisher


def test_every_dated_entry_has_a_source_and_a_forward_interval(states_kb):
    for s in states_kb.states.values():
        if s.start or s.end:
            assert s.sources, f"{s.code} gives a date of existence without a source"
        if s.start and s.end:
            assert s.start < s.end, s.code


# --------------------------------------------------------------------------- coverage

# The 193 UN member states (United Nations, Member States, https://www.un.org/en/about-us/member-states).
_UN_MEMBERS_TEXT = """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA BRB BRN BTN BWA
CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESP EST ETH
FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA
JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX
MHL MKD MLI MLT MMR MNE MNG MOZ MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG
POL PRK PRT PRY QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB ZWE
"""
UN_MEMBERS = _UN_MEMBERS_TEXT.split()


def test_every_un_member_observer_and_named_extra_is_present(states_kb):
    assert len(UN_MEMBERS) == 193
    missing = set(UN_MEMBERS) - set(states_kb.states)
    assert not missing
    # UN observer states, plus Taiwan and Kosovo, named in the brief for this table
    assert {"VAT", "PSE", "TWN", "XKX"} <= set(states_kb.states)
    # historical states that were parties to post-1945 alliances, or COW states since 1945
    assert {"SUN", "DDR", "YUG", "SCG", "CSK", "YMD", "ZAN", "RVN"} <= set(states_kb.states)
    for code in UN_MEMBERS:
        assert states_kb.states[code].end is None, f"{code} is a UN member today"


def test_no_state_problem_anywhere_in_the_knowledge_base():
    """Every code used by treaties and the other files is defined here, and existed on the dates used.

    Problems in other files (an unknown region, say) are not this table's business; problems that name
    a state, or sit in states.yaml, are.
    """
    ours = re.compile(r"unknown state|did not exist|state code|not in states\.yaml")
    found = [p for p in casus.problems() if p.file.endswith("states.yaml") or ours.search(p.message)]
    assert found == [], "\n".join(map(str, found))


# --------------------------------------------------------------------------- COW codes

# Correlates of War State System Membership List v2016 (states2016.csv): ccode and stateabb.
COW_SAMPLE = [
    ("USA", 2, "USA"), ("GBR", 200, "UKG"), ("FRA", 220, "FRN"), ("DEU", 255, "GMY"), ("DDR", 265, "GDR"),
    ("RUS", 365, "RUS"), ("SUN", 365, "RUS"), ("CHN", 710, "CHN"), ("TWN", 713, "TAW"), ("PRK", 731, "PRK"),
    ("KOR", 732, "ROK"), ("JPN", 740, "JPN"), ("AUS", 900, "AUL"), ("NZL", 920, "NEW"), ("FIN", 375, "FIN"),
    ("SWE", 380, "SWD"), ("NOR", 385, "NOR"), ("TUR", 640, "TUR"), ("AUT", 305, "AUS"), ("CSK", 315, "CZE"),
    ("CZE", 316, "CZR"), ("SVK", 317, "SLO"), ("YUG", 345, "YUG"), ("SRB", 345, "YUG"), ("MNE", 341, "MNG"),
    ("XKX", 347, "KOS"), ("SVN", 349, "SLV"), ("MKD", 343, "MAC"), ("UKR", 369, "UKR"), ("GEO", 372, "GRG"),
    ("KAZ", 705, "KZK"), ("YEM", 679, "YEM"), ("YMD", 680, "YPR"), ("VNM", 816, "DRV"), ("RVN", 817, "RVN"),
    ("ZAN", 511, "ZAN"), ("TZA", 510, "TAZ"), ("PHL", 840, "PHI"), ("ISR", 666, "ISR"), ("EGY", 651, "EGY"),
    ("SWZ", 572, "SWA"), ("CHE", 225, "SWZ"), ("PLW", 986, "PAL"), ("DZA", 615, "ALG"), ("IND", 750, "IND"),
]


@pytest.mark.parametrize(("code", "cow", "abbr"), COW_SAMPLE)
def test_cow_code_matches_the_cow_list(states_kb, code, cow, abbr):
    s = states_kb.states[code]
    assert (s.cow, s.cow_abbr) == (cow, abbr)


def test_no_cow_code_for_states_outside_the_cow_system(states_kb):
    # Neither the Holy See nor Palestine is in the COW state system.
    assert states_kb.states["VAT"].cow is None
    assert states_kb.states["PSE"].cow is None


def test_cow_codes_are_shared_only_by_one_state_series(states_kb):
    by_cow: dict[int, set[str]] = {}
    for s in states_kb.states.values():
        if s.cow is not None:
            by_cow.setdefault(s.cow, set()).add(s.code)
            assert s.cow_abbr and re.fullmatch(r"[A-Z]{3}", s.cow_abbr), s.code
    shared = {cow: codes for cow, codes in by_cow.items() if len(codes) > 1}
    # COW keeps one series for the Soviet Union and Russia, and one for Yugoslavia, the FRY and Serbia.
    assert shared == {365: {"SUN", "RUS"}, 345: {"YUG", "SCG", "SRB"}}
    for codes in shared.values():
        assert len({states_kb.states[c].cow_abbr for c in codes}) == 1


def test_iso_code_wins_over_a_clashing_cow_abbreviation(states_kb):
    # COW's AUS is Austria and its SLV is Slovenia; as codes here they are ISO's Australia and El Salvador.
    assert states_kb.state("AUS").name == "Australia"
    assert states_kb.state("SLV").name == "El Salvador"
    assert states_kb.state("Austria").cow_abbr == "AUS"


# --------------------------------------------------------------------------- dates of existence

BOUNDARIES = [
    # Soviet Union ends, Russia continues: Declaration 142-N of 26 December 1991
    ("SUN", "1991-12-25", True), ("SUN", "1991-12-26", False),
    ("RUS", "1991-12-25", False), ("RUS", "1991-12-26", True),
    ("UKR", "1991-12-25", False), ("UKR", "1991-12-26", True),
    # Baltic independence recognised by the USSR State Council, 6 September 1991
    ("EST", "1991-09-05", False), ("EST", "1991-09-06", True), ("LTU", "1991-09-06", True),
    # German Democratic Republic, 7 October 1949 - 3 October 1990 (Unification Treaty, Art. 1)
    ("DDR", "1949-10-06", False), ("DDR", "1949-10-07", True),
    ("DDR", "1990-10-02", True), ("DDR", "1990-10-03", False),
    # Federal Republic of Germany from the Basic Law of 23 May 1949
    ("DEU", "1949-05-22", False), ("DEU", "1949-05-23", True), ("DEU", "1990-10-03", True),
    # Czechoslovakia dissolved at the end of 1992 (Constitutional Act 542/1992)
    ("CSK", "1992-12-31", True), ("CSK", "1993-01-01", False),
    ("CZE", "1992-12-31", False), ("CZE", "1993-01-01", True),
    ("SVK", "1992-12-31", False), ("SVK", "1993-01-01", True),
    # SFRY to FRY, 27 April 1992; Croatia and Slovenia 8 October 1991 (Badinter Opinion No. 11)
    ("YUG", "1992-04-26", True), ("YUG", "1992-04-27", False),
    ("SCG", "1992-04-26", False), ("SCG", "1992-04-27", True),
    ("HRV", "1991-10-07", False), ("HRV", "1991-10-08", True),
    # Montenegro's independence, 3 June 2006; Serbia continues Serbia and Montenegro
    ("SCG", "2006-06-02", True), ("SCG", "2006-06-03", False),
    ("MNE", "2006-06-02", False), ("MNE", "2006-06-03", True), ("SRB", "2006-06-03", True),
    # Yemeni unification, 22 May 1990 (UN Member States notes)
    ("YMD", "1990-05-21", True), ("YMD", "1990-05-22", False), ("YEM", "1980-01-01", True),
    # Tanganyika and Zanzibar, 26 April 1964
    ("ZAN", "1964-04-25", True), ("ZAN", "1964-04-26", False), ("TZA", "1964-04-26", True),
    # Independence days: Pakistan 14 and India 15 August 1947; Korea 1948; Israel 14 May 1948
    ("PAK", "1947-08-13", False), ("PAK", "1947-08-14", True),
    ("IND", "1947-08-14", False), ("IND", "1947-08-15", True),
    ("KOR", "1948-08-14", False), ("KOR", "1948-08-15", True),
    ("PRK", "1948-09-08", False), ("PRK", "1948-09-09", True),
    ("ISR", "1948-05-13", False), ("ISR", "1948-05-14", True),
    # Algeria: France recognised independence on 3 July 1962 (FRUS 1961-63 XXI, doc. 67)
    ("DZA", "1962-07-02", False), ("DZA", "1962-07-03", True),
    # Republic of China on Taiwan from COW's entry date, 8 December 1949
    ("TWN", "1949-12-07", False), ("TWN", "1949-12-08", True),
    # South Sudan, 9 July 2011
    ("SSD", "2011-07-08", False), ("SSD", "2011-07-09", True),
    # states sovereign before 1945 have no start here
    ("USA", "1945-01-01", True), ("CHN", "1945-01-01", True), ("JPN", "1945-09-02", True),
]


@pytest.mark.parametrize(("code", "day", "expected"), BOUNDARIES)
def test_state_exists_on_each_side_of_its_dates(states_kb, code, day, expected):
    assert exists(states_kb.states[code], d(day)) is expected


def test_successions_name_each_other_and_leave_no_gap(states_kb):
    states = states_kb.states
    for s in states.values():
        for other in (*s.successors, *s.predecessors):
            assert other in states, f"{s.code} names unknown state {other}"
        if s.successors:
            assert s.end is not None, f"{s.code} has successors but no end"
        for succ in s.successors:
            assert s.code in states[succ].predecessors, f"{succ} does not name {s.code} as predecessor"
            # on the day a state ends, each of its successors exists
            assert exists(states[succ], s.end), f"{succ} does not exist on {s.end}, when {s.code} ended"
        for pred in s.predecessors:
            if states[pred].end is not None:
                assert s.code in states[pred].successors, f"{pred} does not name {s.code} as successor"


def test_soviet_successors_exclude_the_baltic_states(states_kb):
    sun = states_kb.states["SUN"]
    assert len(sun.successors) == 12 and "RUS" in sun.successors
    assert not {"EST", "LVA", "LTU"} & set(sun.successors)


# --------------------------------------------------------------------------- names and lookups

@pytest.mark.parametrize(("given", "code"), [
    ("Norway", "NOR"), ("nor", "NOR"), ("NOR", "NOR"), ("  nor ", "NOR"),
    ("South Korea", "KOR"), ("Republic of Korea", "KOR"), ("ROK", "KOR"),
    ("North Korea", "PRK"), ("Democratic People's Republic of Korea", "PRK"), ("DPRK", "PRK"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("turkiye", "TUR"),
    ("West Germany", "DEU"), ("Federal Republic of Germany", "DEU"), ("East Germany", "DDR"),
    ("USSR", "SUN"), ("Soviet Union", "SUN"), ("Russian Federation", "RUS"),
    ("Burma", "MMR"), ("Czech Republic", "CZE"), ("Swaziland", "SWZ"), ("Ivory Coast", "CIV"),
    ("Federal Republic of Yugoslavia", "SCG"), ("Republic of China", "TWN"), ("People's Republic of China", "CHN"),
    ("Holy See", "VAT"), ("Vatican", "VAT"), ("State of Palestine", "PSE"), ("Kosovo", "XKX"),
])
def test_lookup_by_code_or_name(states_kb, given, code):
    assert states_kb.state(given).code == code


def test_unknown_code_is_refused_with_a_close_match(states_kb):
    with pytest.raises(UnknownStateError) as info:
        states_kb.state("NRW")
    err = info.value
    assert isinstance(err, CasusError) and "NRW" in str(err)
    # one of the suggestions leads to Norway
    assert "NOR" in {states_kb.state(s).code for s in err.suggestions}


def test_names_and_aliases_are_unambiguous(states_kb):
    owner: dict[str, str] = {}
    for s in states_kb.states.values():
        for label in (s.name, *s.aliases):
            key = label.strip().lower()
            assert owner.setdefault(key, s.code) == s.code, f"{label!r} names both {owner[key]} and {s.code}"
            # an alias that spells another state's code would be shadowed by that code
            assert key.upper() not in states_kb.states or key.upper() == s.code, f"{label!r} is a state code"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=12))
def test_any_text_resolves_or_raises_unknown_state(states_kb, text):
    try:
        state = states_kb.state(text)
    except UnknownStateError:
        return
    assert isinstance(state, State)
