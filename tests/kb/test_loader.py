"""The loader and validator on small hand-made knowledge bases, one fixture per kind of breakage.

Each broken copy must be refused by `casus.load` and reported by `casus check`
with the file and the line of the fault.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

import casus
from casus.errors import KnowledgeBaseError

STATES = """\
sources:
  - {title: ISO 3166 country codes, url: "https://www.iso.org/iso-3166-country-codes.html"}
states:
  - {code: AAA, name: Alphaland}
  - {code: BBB, name: Betaland}
  - {code: NOR, name: Norway}
  - {code: CCC, name: Gammaland, from: 1990-01-01}
"""

REGIONS = """\
regions:
  - id: europe
    name: Europe
    kind: continent
    polygons: [[[-10, 35], [40, 35], [40, 70], [-10, 70], [-10, 35]]]
    describe: a test box
    sources: [{title: test fixture, citation: made up for tests}]
"""

TREATY = """\
id: pact
name: Test Pact
signed: 1950-01-01
in_force: 1950-02-01
depositary: Alphaland
summary: A pact for tests.
sources: [{title: Test Pact text, citation: fixture}]
membership_sources: [{title: Depositary table, citation: fixture}]
parties:
  - state: AAA
    events:
      - {date: 1950-02-01, type: bound}
  - state: NOR
    events:
      - {date: 1950-02-01, type: bound}
      - {date: 1960-05-01, type: withdrawn}
clauses:
  - id: pact/art1
    article: "1"
    title: Defence
    kind: defense
    trigger: armed_attack
    response: Each helps the other.
    automatic: false
    political_step: Each decides.
    cite: Test Pact, Art. 1
    sources: [{title: Test Pact text, citation: fixture}]
    phases:
      - from: 1950-02-01
        label: as signed
        cite: Test Pact, Art. 1
        describe: Europe
        targets:
          territory: {all: [{sovereign: party}, {region: europe}]}
        sources: [{title: Test Pact text, citation: fixture}]
"""


BBB_JOINS = textwrap.dedent("""\
    patch: pact
    sources: [{title: Counterfactual, citation: what if Betaland joined}]
    parties:
      - state: BBB
        events: [{date: 1970-01-01, type: bound}]
""")


def make(tmp_path: Path, treaty: str = TREATY, states: str = STATES, regions: str = REGIONS) -> Path:
    d = tmp_path / "data"
    (d / "treaties").mkdir(parents=True)
    (d / "states.yaml").write_text(states)
    (d / "regions.yaml").write_text(regions)
    (d / "treaties" / "pact.yaml").write_text(treaty)
    return d


def problems_of(d: Path) -> list[str]:
    return [str(p) for p in casus.problems(d)]


def test_valid_fixture_loads_and_answers(tmp_path):
    kb = casus.open(make(tmp_path))
    assert kb.members("pact", "1950-02-01") == ("AAA", "NOR")
    # half-open: the withdrawal day is the first day NOR is no longer a party
    assert kb.members("pact", "1960-04-30") == ("AAA", "NOR")
    assert kb.members("pact", "1960-05-01") == ("AAA",)
    # Norway's code survives YAML 1.2 (PyYAML would read NO/NOR-like scalars differently)
    assert kb.state("nor").name == "Norway"


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "needle", "marker"),
    [
        # reversed interval: withdrawal before becoming bound
        ("{date: 1960-05-01, type: withdrawn}", "{date: 1949-05-01, type: withdrawn}", "out of order", "1949-05"),
        # overlapping spells: bound twice without leaving
        ("{date: 1960-05-01, type: withdrawn}", "{date: 1955-05-01, type: bound}", "bound again", "1955-05"),
        # a clause naming a region that does not exist
        ("{region: europe}", "{region: europa}", "unknown region 'europa'", "territory: {all"),
        # a scope predicate that does not exist
        ("{sovereign: party}", "{owner: party}", "unknown scope predicate 'owner'", "territory: {all"),
        # a party that is not a known state
        ("state: AAA", "state: ZZZ", "unknown state 'ZZZ'", "state: ZZZ"),
        # a date in the future
        ("{date: 1960-05-01, type: withdrawn}", "{date: 2999-05-01, type: withdrawn}", "in the future", "2999"),
        # a missing source on a clause
        ("    sources: [{title: Test Pact text, citation: fixture}]\n    phases:", "    phases:",
         "sources", "  - id: pact/art1"),
        # a source with neither url nor citation
        ("sources: [{title: Test Pact text, citation: fixture}]\nmembership",
         "sources: [{title: Test Pact text}]\nmembership", "url or a citation", "sources: [{title: Test Pact text}]"),
    ],
)
def test_broken_copies_are_rejected_with_file_and_line(tmp_path, old, new, needle, marker):
    assert old in TREATY
    text = TREATY.replace(old, new, 1)
    line = line_of(text, marker)
    d = make(tmp_path, text)
    found = problems_of(d)
    assert any(needle in p for p in found), found
    assert any(p.startswith(f"data/treaties/pact.yaml:{line}:") for p in found), found
    with pytest.raises(KnowledgeBaseError):
        casus.open(d)


def test_party_that_did_not_exist_yet(tmp_path):
    t = TREATY.replace("  - state: NOR\n", "  - state: CCC\n")
    found = problems_of(make(tmp_path, t))
    assert any("CCC did not exist on 1950-02-01" in p for p in found), found


def test_duplicate_key_is_a_yaml_error_with_line(tmp_path):
    t = TREATY.replace("signed: 1950-01-01\n", "signed: 1950-01-01\nsigned: 1950-01-02\n")
    found = problems_of(make(tmp_path, t))
    assert any("pact.yaml:4" in p and "duplicate key" in p for p in found), found


def test_yaml_typo_is_reported_with_line(tmp_path):
    t = TREATY.replace("summary: A pact for tests.", "summary: [A pact for tests.")
    found = problems_of(make(tmp_path, t))
    assert found and all("pact.yaml" in p for p in found)
    assert any("YAML error" in p for p in found)


def test_duplicate_state_code(tmp_path):
    s = STATES + "  - {code: AAA, name: Alphaland again}\n"
    found = problems_of(make(tmp_path, states=s))
    assert any("states.yaml:8" in p and "duplicate id 'AAA'" in p for p in found), found


def test_unknown_file_is_named(tmp_path):
    d = make(tmp_path)
    (d / "treatys.yaml").write_text("x: 1\n")
    assert any("treatys.yaml" in p and "unknown file" in p for p in problems_of(d))


def test_overlay_patch_adds_a_member(tmp_path):
    d = make(tmp_path)
    ov = tmp_path / "overlay" / "treaties"
    ov.mkdir(parents=True)
    (ov / "pact-bbb.yaml").write_text(BBB_JOINS)
    kb = casus.open(d, overlays=[tmp_path / "overlay"])
    assert "BBB" in kb.members("pact", dt.date(1970, 1, 1))
    assert "BBB" not in casus.open(d).members("pact", dt.date(1970, 1, 1))


def test_overlay_gets_the_same_checks(tmp_path):
    d = make(tmp_path)
    ov = tmp_path / "overlay" / "treaties"
    ov.mkdir(parents=True)
    (ov / "pact-bad.yaml").write_text("patch: pact\nsources: [{title: xyz, citation: y}]\nparties:\n"
                                      "  - state: QQQ\n    events: [{date: 1970-01-01, type: bound}]\n")
    with pytest.raises(KnowledgeBaseError) as err:
        casus.open(d, overlays=[tmp_path / "overlay"])
    assert "unknown state 'QQQ'" in str(err.value)


def test_members_outside_treaty_life_is_a_date_error(tmp_path):
    kb = casus.open(make(tmp_path))
    with pytest.raises(casus.DateError) as err:
        kb.members("pact", "1949-01-01")
    assert "1950-02-01" in str(err.value)


def test_unknown_treaty_suggests(tmp_path):
    kb = casus.open(make(tmp_path))
    with pytest.raises(casus.UnknownTreatyError) as err:
        kb.treaty("pakt")
    assert err.value.suggestions == ["pact"]


def test_a_patch_applies_after_a_replacement_in_the_same_overlay(tmp_path):
    # "pact-bbb.yaml" sorts before "pact.yaml"; the patch must still land on the replaced treaty
    d = make(tmp_path)
    ov = tmp_path / "overlay" / "treaties"
    ov.mkdir(parents=True)
    (ov / "pact.yaml").write_text(TREATY)
    (ov / "pact-bbb.yaml").write_text(BBB_JOINS)
    kb = casus.open(d, overlays=[tmp_path / "overlay"])
    assert "BBB" in kb.members("pact", dt.date(1970, 1, 1))


def test_unknown_region_suggests_the_closest(tmp_path):
    found = problems_of(make(tmp_path, TREATY.replace("{region: europe}", "{region: europa}", 1)))
    assert any("did you mean europe" in p for p in found), found
