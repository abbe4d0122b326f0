"""Compact pacts: expansion into ordinary treaties, and the checks that catch the usual slips.

Each broken copy is its own small fixture and must be reported by ``casus check`` with the file and the
line of the fault.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import casus
from casus.errors import KnowledgeBaseError
from casus.kb.loader import DATA_DIR
from casus.kb.pacts import article_slug

STATES = """\
states:
  - {code: AAA, name: Alphaland, cow: 1}
  - {code: BBB, name: Betaland, cow: 2}
  - {code: DEU, name: Germany, cow: 255}
  - {code: GON, name: Goneland, cow: 3, to: 1991-12-26}
"""

# ATOP row 3535 (in the bundled checklist) begins 1966-01-15
PACT = """\
id: a-b-1966
form: compact
template: mutual-defence
name: Treaty of Mutual Assistance between Alphaland and Betaland
short_name: Alpha-Beta treaty
atop_id: 3535
cow_id: null
signed: 1966-01-15
in_force: 1966-02-10
ended: 1980-02-10
end_note: expired after its term
parties: [AAA, BBB]
article: "V"
attacker: [DEU]
attacker_otherwise: does_not_apply
response: Each party helps the other with all means if it is attacked by Germany.
summary: A pact for tests.
sources:
  - {title: Treaty text, citation: fixture vol. 1 p. 1}
"""


def make(tmp_path: Path, pact: str = PACT, name: str = "a-b-1966", states: str = STATES) -> Path:
    d = tmp_path / "data"
    (d / "pacts").mkdir(parents=True)
    (d / "states.yaml").write_text(states)
    (d / "templates.yaml").write_text((DATA_DIR / "templates.yaml").read_text())
    (d / "pacts" / f"{name}.yaml").write_text(pact)
    return d


def problems_of(d: Path) -> list[str]:
    return [str(p) for p in casus.problems(d)]


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def test_compact_pact_expands_into_an_ordinary_treaty(tmp_path):
    kb = casus.open(make(tmp_path))
    t = kb.treaty("a-b-1966")
    assert (t.atop_id, t.cow_id) == (3535, None)
    (c,) = t.clauses
    assert c.id == "a-b-1966/art5"  # roman article numbers become canonical arabic ids
    assert (c.kind, c.trigger, c.automatic) == ("defense", "armed_attack", True)
    assert c.attackers is not None and c.attackers.states == ("DEU",)
    assert c.attackers.otherwise == "does_not_apply"
    assert c.sources[0].citation == "fixture vol. 1 p. 1"
    # bound from entry into force (not signature) until the end, half-open
    with pytest.raises(casus.errors.DateError):
        kb.members("a-b-1966", "1966-02-09")
    assert kb.members("a-b-1966", "1966-02-10") == ("AAA", "BBB")
    assert kb.members("a-b-1966", "1980-02-09") == ("AAA", "BBB")
    assert kb.treaties_of("AAA", "1980-02-10") == ()


def test_consultation_template_never_binds_to_defend(tmp_path):
    kb = casus.open(make(tmp_path, PACT.replace("template: mutual-defence", "template: consultation")))
    (c,) = kb.treaty("a-b-1966").clauses
    assert c.kind == "consultation"
    assert "threat" in c.acts


def test_never_in_force_is_kept_as_a_record_not_a_treaty(tmp_path):
    text = PACT.replace("in_force: 1966-02-10", "in_force: null").replace("ended: 1980-02-10\n", "")
    text = text.replace("end_note: expired after its term\n", "")
    kb = casus.open(make(tmp_path, text))
    assert "a-b-1966" not in kb.treaties
    assert kb.never_in_force["a-b-1966"].signed.isoformat() == "1966-01-15"


@pytest.mark.parametrize(
    ("old", "new", "needle", "marker"),
    [
        # an end before the start
        ("ended: 1980-02-10", "ended: 1960-02-10", "ended (1960-02-10) is not after", "id: a-b-1966"),
        # a clause with no source: the pact's sources are the clause's
        ("sources:\n  - {title: Treaty text, citation: fixture vol. 1 p. 1}\n", "", "sources", "id: a-b-1966"),
        # a party whose state did not exist yet / any more
        ("parties: [AAA, BBB]", "parties: [AAA, GON]", "GON ceased to exist on 1991-12-26", "parties:"),
        # an unknown template, with the accepted ones named
        ("template: mutual-defence", "template: mutual-defense", "did you mean mutual-defence", "template:"),
        # an unknown state
        ("parties: [AAA, BBB]", "parties: [AAA, ZZZ]", "unknown state 'ZZZ'", "parties:"),
        # in force long after ATOP's begin, with no atop_note saying why
        ("in_force: 1966-02-10", "in_force: 1969-02-10", "more than the usual deposit lag", "in_force:"),
        # a key the compact form does not know
        ("response:", "reponse: x\nresponse:", "reponse", "reponse"),
    ],
)
def test_broken_pacts_are_rejected_with_file_and_line(tmp_path, old, new, needle, marker):
    assert old in PACT
    text = PACT.replace(old, new, 1)
    if "GON" in new:  # GON existed on the start but not until the end: end the treaty after it ceased
        text = text.replace("ended: 1980-02-10", "ended: 1995-02-10")
    line = line_of(text, marker)
    d = make(tmp_path, text)
    found = problems_of(d)
    assert any(needle in p for p in found), found
    assert any(p.startswith(f"data/pacts/a-b-1966.yaml:{line}:") and needle in p for p in found) or any(
        p.startswith(f"data/pacts/a-b-1966.yaml:{line}:") for p in found), found
    with pytest.raises(KnowledgeBaseError):
        casus.open(d)


def test_atop_note_allows_a_long_lag(tmp_path):
    text = PACT.replace("in_force: 1966-02-10", "in_force: 1969-02-10").replace(
        "summary:", "atop_note: ATOP dates the pact by signature; ratification took three years.\nsummary:")
    assert casus.problems(make(tmp_path, text)) == []


def test_state_that_did_not_exist_when_signed(tmp_path):
    states = STATES.replace("{code: BBB, name: Betaland, cow: 2}",
                            "{code: BBB, name: Betaland, cow: 2, from: 1970-01-01}")
    found = problems_of(make(tmp_path, states=states))
    assert any("BBB did not exist on 1966-02-10" in p for p in found), found


def test_file_name_must_match_the_id(tmp_path):
    found = problems_of(make(tmp_path, name="other"))
    assert any("differs from id" in p for p in found), found


@pytest.mark.parametrize(("article", "slug"), [("5", "art5"), ("II", "art2"), ("IV", "art4"), ("4(1)", "art4-1"),
                                               ("XIV", "art14"), ("3a", "art3a")])
def test_article_slugs(article, slug):
    assert article_slug(article) == slug


def test_unresolved_rows_need_what_is_missing(tmp_path):
    d = make(tmp_path)
    (d / "atop_unresolved.yaml").write_text(textwrap.dedent("""\
        rows:
          - atop_id: 3540
            status: unresolved
            found: a treaty of 1967 between Poland and Czechoslovakia
          - atop_id: 3535
            status: different
            found: covered twice
        """))
    found = problems_of(d)
    assert any("atop_unresolved.yaml:2:" in p and "'missing'" in p for p in found), found
    assert any("ATOP row 3535 is listed as different but treaty 'a-b-1966' covers it" in p for p in found), found


def test_a_signed_only_pact_survives_the_disk_cache(tmp_path, monkeypatch):
    # the record of a pact never in force is kept when the base is read back from the on-disk cache
    import casus.kb as kbmod

    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    text = PACT.replace("in_force: 1966-02-10", "in_force: null").replace("ended: 1980-02-10\n", "")
    d = make(tmp_path, text.replace("end_note: expired after its term\n", ""))
    assert "a-b-1966" in casus.open(d).never_in_force
    kbmod._CACHE.clear()
    assert casus.open(d).never_in_force["a-b-1966"].signed.isoformat() == "1966-01-15"
