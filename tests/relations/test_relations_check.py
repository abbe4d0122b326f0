"""Cross-file checks: each kind of broken relations file is refused with file, line and reason."""

from __future__ import annotations


def test_fixture_is_valid():
    from pathlib import Path

    import casus

    assert casus.problems(Path(__file__).resolve().parent / "fixture_kb") == []


def test_unknown_partner_state(broken):
    probs = broken("partnerships.yaml", "partners: [JPN]", "partners: [JPX]")
    assert any("unknown state 'JPX'" in p and "partnerships.yaml:" in p for p in probs)


def test_unknown_organisation_treaty(broken):
    probs = broken("partnerships.yaml", "    organisation: nato\n    framework: globe",
                   "    organisation: natoo\n    framework: globe")
    assert any("unknown treaty 'natoo'" in p for p in probs)


def test_unknown_clause_names_the_known_ones(broken):
    probs = broken("invocations.yaml", "clause: nato/art4", "clause: nato/art44")
    assert any("unknown clause 'nato/art44'" in p and "nato/art4, nato/art5" in p for p in probs)


def test_invocation_before_treaty_in_force(broken):
    probs = broken("invocations.yaml", "requested: 2012-06-24", "requested: 1948-06-24")
    assert any("outside the life of nato" in p for p in probs)


def test_requester_must_be_a_party_that_day(broken):
    # Turkey became bound on 1952-02-18; a request the day before is not a party's request
    probs = broken("invocations.yaml", "requested_by: [TUR]\n    requested: 2012-06-24\n    decided: 2012-06-26",
                   "requested_by: [TUR]\n    requested: 1952-02-17\n    decided: 2012-06-26")
    assert any("TUR was not a party to nato on 1952-02-17" in p for p in probs)


def test_partner_may_not_overlap_membership(broken):
    # Poland joined NATO on 1999-03-12; as a PfP partner until 2000 it would overlap membership
    probs = broken("partnerships.yaml", "{state: POL, from: 1994-02-02, to: 1999-03-12, end_reason: joined-member",
                   "{state: POL, from: 1994-02-02, to: 2000-01-01, end_reason: joined-member")
    assert any("POL is listed as a partner" in p and "1999-03-12" in p for p in probs)


def test_joined_member_must_end_on_the_accession_day(broken):
    probs = broken("partnerships.yaml", "{state: POL, from: 1994-02-02, to: 1999-03-12, end_reason: joined-member",
                   "{state: POL, from: 1994-02-02, to: 1999-03-01, end_reason: joined-member")
    assert any("POL left on 1999-03-01 for membership, but became bound to nato on 1999-03-12" in p
               for p in probs)


def test_partner_programme_for_a_member_is_refused(broken):
    probs = broken("partnerships.yaml", "partners: [KOR]", "partners: [USA]")
    assert any("USA is a party to nato on 2012-09-01" in p for p in probs)


def test_state_that_did_not_exist(broken):
    probs = broken("partnerships.yaml", "partners: [KOR]", "partners: [DDR]")
    assert any("DDR did not exist on 2012-09-01" in p for p in probs)


def test_member_listed_as_contributor_is_refused(broken):
    probs = broken("operations.yaml", "{state: JPN, kind: parallel", "{state: CAN, kind: parallel")
    assert any("CAN was a party to nato" in p for p in probs)


def test_dangling_references(broken):
    assert any("unknown operation 'eagle-asist'" in p
               for p in broken("invocations.yaml", "operations: [eagle-assist]", "operations: [eagle-asist]"))
    assert any("supersedes names unknown partnership 'jpn-ipc'" in p
               for p in broken("partnerships.yaml", "supersedes: jpn-ipcp", "supersedes: jpn-ipc"))
    assert any("unknown invocation 'art5-2002'" in p
               for p in broken("operations.yaml", "invocation: art5-2001", "invocation: art5-2002"))


def test_unknown_area_is_reported_with_line(broken):
    probs = broken("partnerships.yaml", "areas: [space, cyber-defence]", "areas: [space, cyber]")
    assert any("partnerships.yaml:" in p and "areas" in p for p in probs)
