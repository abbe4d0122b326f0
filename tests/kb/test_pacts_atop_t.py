"""ATOP rows worked by atop-t: Arab and Mediterranean pacts of 1944-1984 and Western bilateral arrangements.

None of these rows could be modelled or set aside in this round: the article that would carry (or rule out)
a defence obligation was not read for any of them. Each stays in the coverage report as unresolved, with
what was established and what is still missing, and the sources added in this round stay attached to their
row, so that a later edit cannot silently drop them.
"""

from __future__ import annotations

import pytest

ROWS = [3465, 3325, 3340, 3345, 3350, 3467, 3748, 3807, 3863, 3903, 3963, 2580, 3480, 3505,
        3245]


@pytest.mark.parametrize("atop_id", ROWS)
def test_row_is_unresolved_and_says_what_is_missing(report, atop_id):
    row = report[atop_id]
    assert row["status"] == "unresolved", row
    assert row["treaty"] and row["missing"], atop_id


# (row, words of the found text, host of a source added this round) - what this round established
ADDED = [
    (3863, "points 4 (end) to 9", "muqatel.com"),
    (2580, "Art. 5 of the 1944 agreement", "djibouti.frontafrique.org"),
    (3340, "29 March 1958", "iraqja.iq"),
    (3340, "separate responsibility for foreign affairs", "history.state.gov"),
    (3505, "until 1974", "api.parliament.uk"),
    (3480, "Joint Spanish-US Consultative Committee", "march.es"),
    (3245, "Art. 62 of the French Constitution", "docslib.org"),
]


@pytest.mark.parametrize(("atop_id", "words", "host"), ADDED, ids=[f"{a[0]}-{a[2]}" for a in ADDED])
def test_findings_of_this_round_keep_their_sources(report, atop_id, words, host):
    row = report[atop_id]
    assert words in " ".join(row["found"].split()), atop_id
    hosts = {s.get("url", "") + " " + s.get("via", "") for s in row["sources"]}
    assert any(host in h for h in hosts), (atop_id, hosts)


def test_syrian_libyan_declaration_is_not_read_as_a_defence_pact(report):
    found = " ".join(report[3863]["found"].split())
    assert "None of the points read binds Syria or Libya" in found
    assert "points 1-3 and 10-13" in " ".join(report[3863]["missing"].split())
