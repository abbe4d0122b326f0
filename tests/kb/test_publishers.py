"""The publisher rule of `casus check`: a source's publisher matches its url's host and its title.

Known facts on both sides: NATO publishes on nato.int and its subdomains (shape.nato.int), not on a
shop's blog; a title that says "Reuters" on another publisher's page must also name that publisher.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import casus
from casus.kb import DATA_DIR, yamlio
from casus.kb.publishers import Publisher, host_of, owner_of, publishes_on, source_problems

TABLE = {p.name: p for p in (
    Publisher(name="NATO", hosts=("nato.int",), names=("NATO", "North Atlantic Council")),
    Publisher(name="Reuters", hosts=("reuters.com",), names=("Reuters",)),
    Publisher(name="Yonhap", hosts=("yna.co.kr",), names=("Yonhap",)),
    Publisher(name="U.S. Department of State", hosts=("state.gov", "history.state.gov"), names=("FRUS",)),
)}


def fields(src: dict) -> list[str]:
    return [f for f, _ in source_problems(src, TABLE)]


def test_hosts_are_normalised():
    assert host_of("https://www.trtworld.com:443/article/1") == "www.trtworld.com"
    assert host_of("https://history.state.gov./historicaldocuments/x") == "history.state.gov"
    assert host_of(" HTTP://Shape.NATO.int/page ") == "shape.nato.int"


def test_a_subdomain_counts_but_a_lookalike_does_not():
    nato = TABLE["NATO"]
    assert publishes_on(nato, "www.nato.int") and publishes_on(nato, "shape.nato.int")
    assert not publishes_on(nato, "notnato.int") and not publishes_on(nato, "nato.int.example.com")


def test_the_most_specific_host_names_the_owner():
    assert owner_of("history.state.gov", TABLE).name == "U.S. Department of State"
    assert owner_of("shop.example.com", TABLE) is None


def test_publisher_on_its_own_host_passes():
    assert fields({"title": "NATO, Member countries", "publisher": "NATO",
                   "url": "https://www.nato.int/cps/en/natohq/topics_52044.htm"}) == []


def test_publisher_on_another_host_fails():
    assert fields({"title": "NATO, Member countries", "publisher": "NATO",
                   "url": "https://moralepatcharmory.com/blogs/defence-blog/nato"}) == ["url"]


def test_url_without_publisher_and_unknown_publisher_fail():
    assert fields({"title": "Member countries", "url": "https://www.nato.int/x"}) == ["url"]
    problems = source_problems({"title": "x y z", "publisher": "NAT0", "url": "https://www.nato.int/x"}, TABLE)
    assert [f for f, _ in problems] == ["publisher"] and "closest: NATO" in problems[0][1]


def test_a_title_naming_another_publisher_must_name_its_own():
    reuters_on_yonhap = {"title": "North Korea fires missile (Reuters)", "publisher": "Yonhap",
                         "url": "https://en.yna.co.kr/view/1"}
    assert fields(reuters_on_yonhap) == ["title"]
    assert fields({**reuters_on_yonhap, "title": "Yonhap, citing Reuters: North Korea fires missile"}) == []
    # "North Atlantic Council" is NATO's name: a NATO statement on nato.int names no other publisher
    assert fields({"title": "Statement by the North Atlantic Council", "publisher": "NATO",
                   "url": "https://www.nato.int/x"}) == []


def test_a_copy_given_as_via_cites_the_original():
    copy = {"title": "Hwasong-10 launch (Reuters; copy on a shop's blog)", "publisher": "Reuters",
            "citation": "Reuters, 22 June 2016", "via": "https://moralepatcharmory.com/blogs/defence-blog/x"}
    assert fields(copy) == []


def test_bundled_data_passes_the_publisher_rule():
    found = casus.problems()
    assert found == [], "\n".join(map(str, found[:10]))
    table = casus.open().publishers
    assert set(table["NATO"].hosts) >= {"nato.int"}
    assert "treaties.un.org" in table["United Nations Treaty Collection"].hosts


def test_every_url_source_in_the_bundled_data_names_a_publisher():
    missing = []
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(text):
            stripped = line.strip().removeprefix("- ")
            if stripped.startswith("url:"):
                indent = len(line) - len(line.lstrip(" -"))
                block = [text[j].strip().removeprefix("- ") for j in range(max(0, i - 6), min(len(text), i + 6))
                         if len(text[j]) - len(text[j].lstrip(" -")) == indent]
                if not any(b.startswith("publisher:") for b in block):
                    missing.append(f"{path.name}:{i + 1}")
    assert missing == []


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


def test_a_mismatched_source_fails_with_file_and_line(copy: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    path = copy / "treaties" / "nato.yaml"
    root = yamlio.read(path)
    src = next(s for s in root["sources"] if s.get("publisher") == "NATO")
    line = src.lc.key("url")[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "www.nato.int" in lines[line]
    lines[line] = lines[line].replace("www.nato.int", "shop.example.com")
    path.write_text("\n".join(lines), encoding="utf-8")
    found = casus.problems(copy)
    assert [(p.file, p.line) for p in found] == [("data/treaties/nato.yaml", line + 1)], found
    assert "'NATO'" in found[0].message and "shop.example.com" in found[0].message


def test_a_title_claiming_reuters_on_a_blog_fails(copy: Path, tmp_path: Path, monkeypatch):
    # the Hwasong-10 source cites Defence Blog (reporting Reuters) and gives the shop's copy as `via`;
    # turned back into a url source published by the shop, its title claims names that are not the shop's
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    path = copy / "publishers.yaml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "  - name: Shop Blog\n    hosts: [moralepatcharmory.com]\n", encoding="utf-8")
    missiles = copy / "missiles.yaml"
    text = missiles.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.strip().startswith("via:") and "moralepatcharmory" in ln)
    j = next(k for k in range(i, 0, -1) if lines[k].strip().startswith("publisher:"))
    lines[j] = lines[j].replace("Defence Blog", "Shop Blog")
    lines[i] = lines[i].replace("via:", "url:")
    missiles.write_text("\n".join(lines), encoding="utf-8")
    found = casus.problems(copy)
    title_line = j  # 1-based line of the title, just above the publisher (0-based j)
    assert [(p.file, p.line) for p in found] == [("data/missiles.yaml", title_line)], found
    assert "but the source is published by 'Shop Blog'" in found[0].message


def test_an_overlay_brings_its_own_publishers(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    overlay = tmp_path / "what-if"
    (overlay / "treaties").mkdir(parents=True)
    (overlay / "treaties" / "nato-iceland.yaml").write_text(
        "patch: nato\n"
        "sources:\n"
        "  - title: Example Institute, a what-if about NATO\n"
        "    publisher: Example Institute\n"
        "    url: https://www.example.org/what-if\n", encoding="utf-8")
    found = casus.problems(overlays=[overlay])
    assert [(p.file, p.line) for p in found] == [("what-if/treaties/nato-iceland.yaml", 4)], found
    assert "'Example Institute' is not in publishers.yaml" in found[0].message
    (overlay / "publishers.yaml").write_text(
        "publishers:\n  - name: Example Institute\n    hosts: [example.org]\n    names: [Example Institute]\n",
        encoding="utf-8")
    assert casus.problems(overlays=[overlay]) == []


def test_a_mismatched_source_in_atop_unresolved_fails_with_file_and_line(copy: Path, tmp_path: Path, monkeypatch):
    # the rows casus does not model are held to the same rule: a FRUS document is the State Department's,
    # not on a shop's blog
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    path = copy / "atop_unresolved.yaml"
    root = yamlio.read(path)
    row = next(r for r in root["rows"] if r["atop_id"] == 3035)
    src = next(s for s in row["sources"] if s.get("publisher") == "U.S. Department of State")
    line = src.lc.key("url")[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "history.state.gov" in lines[line]
    lines[line] = lines[line].replace("www.history.state.gov", "shop.example.com")
    path.write_text("\n".join(lines), encoding="utf-8")
    found = casus.problems(copy)
    assert [(p.file, p.line) for p in found] == [("data/atop_unresolved.yaml", line + 1)], found
    assert "shop.example.com" in found[0].message and "U.S. Department of State" in found[0].message


def test_the_bundled_atop_unresolved_sources_pass_and_are_checked():
    from casus.kb.loader import read_tree

    found: list = []
    raw = read_tree([DATA_DIR], found)
    table = casus.open().publishers
    checked = [s for where in raw.unresolved.values() for s in where.item.sources if s.url]
    assert len(checked) > 50  # the rule sees these sources, not an empty list
    bad = [(s.title, msg) for s in checked
           for _, msg in source_problems(s.model_dump(mode="json", exclude_none=True), table)]
    assert bad == []
