"""Facts in the bundled partnerships, invocations and operations files, each pinned with its source.

These read the bundled YAML through the models, so they hold whatever state
the rest of the knowledge base is in; the cross-file check of these three files
runs against the real states and treaties.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from casus.kb import DATA_DIR, yamlio
from casus.kb.relations import Invocation, Operation, Partnership

D = dt.date


@cache
def _items(name: str, key: str, model: type) -> dict[str, object]:
    root = yamlio.read(DATA_DIR / name)
    return {i.id: i for i in (model.model_validate(yamlio.plain(r)) for r in root[key])}


def parts() -> dict[str, Partnership]:
    return _items("partnerships.yaml", "partnerships", Partnership)  # type: ignore[return-value]


def invs() -> dict[str, Invocation]:
    return _items("invocations.yaml", "invocations", Invocation)  # type: ignore[return-value]


def ops() -> dict[str, Operation]:
    return _items("operations.yaml", "operations", Operation)  # type: ignore[return-value]


def test_relations_files_pass_the_cross_file_check():
    import casus

    mine = [str(p) for p in casus.problems()
            if any(n in p.file for n in ("partnerships.yaml", "invocations.yaml", "operations.yaml"))]
    assert mine == []


def test_japan_documents():
    p = parts()
    # NATO news 99655: Joint Political Declaration signed in Tokyo on 15 April 2013
    assert p["nato-jpn-joint-political-declaration-2013"].date == D(2013, 4, 15)
    # NATO news 109508: IPCP signed at NATO HQ on 6 May 2014
    ipcp = p["nato-jpn-ipcp-2014"]
    assert (ipcp.date, ipcp.precision) == (D(2014, 5, 6), "day")
    # NATO official text 217797: ITPP for 2023-2026, 12 July 2023 (Vilnius); it replaces the IPCP that day
    itpp = p["nato-jpn-itpp-2023"]
    assert (itpp.date, itpp.period, itpp.supersedes) == (D(2023, 7, 12), "2023-2026", ipcp.id)
    assert ipcp.end == itpp.date
    assert not ipcp.in_effect(D(2014, 5, 5)) and ipcp.in_effect(D(2014, 5, 6))
    assert ipcp.in_effect(D(2023, 7, 11)) and not ipcp.in_effect(D(2023, 7, 12)) and itpp.in_effect(D(2023, 7, 12))
    # NATO news 148103 and MOFA Japan: Stoltenberg in Tokyo 30-31 October 2017
    visit = p["nato-sg-visit-japan-2017"]
    assert (visit.date, visit.until, visit.partners) == (D(2017, 10, 30), D(2017, 10, 31), ("JPN",))
    assert {"cyber-defence", "maritime-security", "non-proliferation"} <= set(visit.areas)
    assert {"counter-piracy", "maritime-security", "disaster-relief"} <= set(ipcp.areas)


def test_korea_documents():
    p = parts()
    # NATO topic 50098: IPCP "signed in September 2012" (month only), renewed November 2017
    first = p["nato-kor-ipcp-2012"]
    assert (first.date, first.precision) == (D(2012, 9, 1), "month")
    renewed = p["nato-kor-ipcp-2017"]
    assert (renewed.date, renewed.precision, renewed.supersedes) == (D(2017, 11, 1), "month", first.id)
    # NATO news 171177: third IPCP signed 21 November 2019
    third = p["nato-kor-ipcp-2019"]
    assert third.date == D(2019, 11, 21) and renewed.end == third.date
    # Yonhap, 11 July 2023: ITPP adopted by Yoon and Stoltenberg in Vilnius
    itpp = p["nato-kor-itpp-2023"]
    assert (itpp.date, itpp.supersedes) == (D(2023, 7, 11), third.id) and third.end == itpp.date
    # Korea Herald 27 Oct. 2017 and Korea.net: Seoul visit from 1 November, Moon meeting 2 November 2017
    visit = p["nato-sg-visit-korea-2017"]
    assert (visit.date, visit.until) == (D(2017, 11, 1), D(2017, 11, 2))


def test_every_area_is_in_the_vocabulary_and_programmes_have_areas():
    for item in parts().values():
        if item.kind == "programme":
            assert item.areas, item.id


def test_pfp_departures():
    pfp = parts()["nato-pfp"]
    spells = {}
    for part in pfp.participants:
        spells.setdefault(part.state, []).append(part)
    # NATO signatures page: Poland signed 2 February 1994; left as a partner on joining NATO, 12 March 1999
    assert (spells["POL"][0].start, spells["POL"][0].end, spells["POL"][0].end_reason) == \
        (D(1994, 2, 2), D(1999, 3, 12), "joined-member")
    # Finland (9 May 1994 to NATO accession 4 April 2023) and Sweden (to 7 March 2024)
    assert spells["FIN"][0].end == D(2023, 4, 4) and spells["SWE"][0].end == D(2024, 3, 7)
    # Russia: practical cooperation suspended 1 April 2014 (NATO foreign ministers)
    rus = spells["RUS"][0]
    assert rus.suspended_on(D(2014, 3, 31)) is None and rus.suspended_on(D(2014, 4, 1)) is not None
    # Belarus: suspended in November 2021 (NATO, Relations with Belarus)
    assert spells["BLR"][0].suspensions[0].start == D(2021, 11, 1)
    # Malta: joined 26 April 1995, withdrew 27 October 1996, back from 3 April 2008
    assert [(s.start, s.end) for s in spells["MLT"]] == [(D(1995, 4, 26), D(1996, 10, 27)), (D(2008, 4, 3), None)]


def test_nine_article4_consultations_by_end_of_september_2025():
    arts = sorted((i for i in invs().values() if i.clause == "nato/art4"), key=lambda i: i.requested)
    by_sept_2025 = [i for i in arts if i.requested <= D(2025, 9, 30)]
    # NATO, The consultation process and Article 4; NATO press releases 2003-2020; NAC statement 23 Sept. 2025
    assert [(i.requested_by, i.requested, i.decided) for i in by_sept_2025] == [
        (("TUR",), D(2003, 2, 10), D(2003, 2, 16)),
        (("TUR",), D(2012, 6, 24), D(2012, 6, 26)),
        (("TUR",), D(2012, 10, 3), D(2012, 10, 3)),
        (("POL",), D(2014, 3, 3), D(2014, 3, 4)),
        (("TUR",), D(2015, 7, 26), D(2015, 7, 28)),
        (("TUR",), D(2020, 2, 27), D(2020, 2, 28)),
        (("BGR", "CZE", "EST", "LVA", "LTU", "POL", "ROU", "SVK"), D(2022, 2, 24), D(2022, 2, 24)),
        (("POL",), D(2025, 9, 10), D(2025, 9, 10)),
        (("EST",), D(2025, 9, 19), D(2025, 9, 23)),
    ]
    assert len(arts) == 9  # none found between October 2025 and 2026-11-29 (Romania chose not to, May 2026)


def test_the_one_article5_invocation():
    art5 = [i for i in invs().values() if i.clause == "nato/art5"]
    # NAC statement 12 Sept. 2001; NATO Update 2 Oct. 2001 "Invocation of Article 5 confirmed"
    assert [(i.requested_by, i.requested, i.confirmed) for i in art5] == [(("USA",), D(2001, 9, 12), D(2001, 10, 2))]
    assert set(art5[0].operations) == {"eagle-assist", "active-endeavour"}


@pytest.mark.parametrize(("inv", "clause", "by", "day", "outcome"), [
    ("anzus-art4-2001-aus", "anzus-1951/art4", ("AUS",), D(2001, 9, 14), "support-declared"),  # Howard, Canberra
    ("rio-2001-bra", "rio-1947/art3", ("BRA",), D(2001, 9, 17), "support-declared"),  # OAS CP/RES. 797
    ("teu-art42-7-2015-fra", "teu/art42-7", ("FRA",), D(2015, 11, 17), "assistance-provided"),  # EU FAC
    ("csto-art4-2022-kaz", "csto-1992/art4", ("KAZ",), D(2022, 1, 5), "assistance-provided"),  # CSTO 6 Jan.
    ("csto-art4-2022-arm", "csto-1992/art4", ("ARM",), D(2022, 9, 13), "declined"),  # Azatutyun
    ("csto-art2-2021-arm", "csto-1992/art2", ("ARM",), D(2021, 5, 14), "declined"),  # TASS, Azatutyun
    ("rio-1962-cuba-quarantine", "rio-1947/art6", ("USA",), D(1962, 10, 23), "support-declared"),  # FRUS ed. note
    ("rio-1982-arg-falklands", "rio-1947/art6", ("ARG",), D(1982, 4, 20), "support-declared"),  # CS Monitor
])
def test_other_invocations(inv, clause, by, day, outcome):
    i = invs()[inv]
    assert (i.clause, i.requested_by, i.requested, i.outcome) == (clause, by, day, outcome)


def test_rio_2019_venezuela_organ_of_consultation():
    # OAS press release E-065/19: 12 in favour, 5 abstentions, the Bahamas absent
    i = invs()["rio-2019-venezuela"]
    assert (i.requested, i.decided, i.clause) == (D(2019, 9, 11), D(2019, 9, 11), "rio-1947/art6")
    assert len(i.requested_by) == 11 and "VEN" not in i.requested_by


def test_rio_organ_of_consultation_met_on_21_september_2001():
    # RC.24/RES.1/01 adopted 21 September 2001
    assert invs()["rio-2001-bra"].decided == D(2001, 9, 21)


def test_counter_piracy_operations_and_partners():
    o = ops()
    # NATO counter-piracy page: Ocean Shield from August 2009, terminated 15 December 2016
    shield = o["ocean-shield"]
    assert (shield.start, shield.end) == (D(2009, 8, 17), D(2016, 12, 15))
    assert o["allied-protector"].start == D(2009, 3, 24) and o["allied-protector"].end == shield.start
    kinds = {c.state: c.kind for c in shield.contributions}
    # NATO/Atlantic Council 21 Jan. 2014: New Zealand the second partner (after Ukraine) to contribute formally
    assert kinds == {"NZL": "formal", "JPN": "parallel", "KOR": "parallel", "AUS": "parallel"}
    nzl = next(c for c in shield.contributions if c.state == "NZL")
    assert nzl.start == D(2014, 1, 23)


def test_main_operations_dates():
    o = ops()
    assert (o["isaf"].start, o["isaf"].end) == (D(2003, 8, 11), D(2015, 1, 1))  # SHAPE/RS history
    assert o["resolute-support"].start == D(2015, 1, 1)
    assert (o["kfor"].start, o["kfor"].end) == (D(1999, 6, 12), None)
    assert o["baltic-air-policing"].start == D(2004, 3, 29)
    assert (o["ifor"].end, o["sfor"].start, o["sfor"].end) == (D(1996, 12, 20), D(1996, 12, 20), D(2004, 12, 2))
    assert o["sea-guardian"].start == o["active-endeavour"].end == D(2016, 11, 9)
    assert o["eagle-assist"].article5 and o["active-endeavour"].article5 and not o["kfor"].article5
