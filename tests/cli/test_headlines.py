"""The answer first: the headline sentences for the tour's questions, with names and no codes.

The scenarios are read from the tour's own file (src/casus/data/tour/tour.yaml), so the pins below are
the sentences a new user reads on a first run; they change only when the law or the data does.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.kb import yamlio
from casus.law.headline import assessment_headline, defence_headline
from casus.law.tour import TOUR_FILE

runner = CliRunner()
TOUR = yamlio.plain(yamlio.read(TOUR_FILE))
SCENARIOS = {s["label"]: (q, s) for q in TOUR["questions"] if q["kind"] == "assess" for s in q["scenarios"]}
CLAUSE_ID = re.compile(r"\b[a-z0-9-]+/art[0-9a-z-]+\b")


def _codes(kb, line):
    """State codes and clause ids in a line: a headline names, it does not code."""
    return [w for w in re.findall(r"\b[A-Z]{3}\b", line) if w in kb.states] + CLAUSE_ID.findall(line)

ASSESS = {
    "North Korea strikes Seoul": [
        "Bound to assist South Korea: the United States (US-ROK Mutual Defense Treaty Article III).",
    ],
    "North Korea strikes Seattle": [
        "SEATO Article IV(1), US-Japan Security Treaty Article V and US-ROK Mutual Defense Treaty Article III do not "
        "apply: Seattle lies outside the area each covers.",
        "Bound to assist the United States: Australia and New Zealand (ANZUS Article IV), 28 NATO parties "
        "(Article 5), 17 Rio Treaty parties (Article 3(1)-(3)) and the Philippines (US-Philippines Mutual Defense "
        "Treaty Article IV).",
        "Consultation is owed under NATO Article 4 and Rio Treaty Article 6.",
    ],
    "North Korea strikes Honolulu": [
        "NATO Article 5, SEATO Article IV(1) and US-Japan Security Treaty Article V do not apply: Honolulu lies "
        "outside the area each covers.",
        "Bound to assist the United States: Australia and New Zealand (ANZUS Article IV), 17 Rio Treaty parties "
        "(Article 3(1)-(3)), the Philippines (US-Philippines Mutual Defense Treaty Article IV) and South Korea "
        "(US-ROK Mutual Defense Treaty Article III).",
        "Consultation is owed under NATO Article 4 and Rio Treaty Article 6.",
    ],
    "North Korea strikes Guam": [
        "NATO Article 5, SEATO Article IV(1) and US-Japan Security Treaty Article V do not apply: Guam lies outside "
        "the area each covers.",
        "Bound to assist the United States: Australia and New Zealand (ANZUS Article IV), 17 Rio Treaty parties "
        "(Article 3(1)-(3)), the Philippines (US-Philippines Mutual Defense Treaty Article IV) and South Korea "
        "(US-ROK Mutual Defense Treaty Article III).",
        "Consultation is owed under NATO Article 4 and Rio Treaty Article 6.",
    ],
    # the DPRK-Cuba treaty of 1986 is kept in force as ATOP codes it; its article's number was not read
    "The United States strikes Pyongyang (2017)": [
        "Bound to assist North Korea: China (Sino-North Korean Treaty Article II) and Cuba (DPRK-Cuba treaty of "
        "friendship and cooperation, mutual assistance article, number not read).",
    ],
    # the other side of the 4 December 2024 boundary: Russia is bound too
    "The United States strikes Pyongyang (2025)": [
        "Bound to assist North Korea: China (Sino-North Korean Treaty Article II), Cuba (DPRK-Cuba treaty of "
        "friendship and cooperation, mutual assistance article, number not read) and Russia (Russia-DPRK "
        "Comprehensive Strategic Partnership Treaty Article 4).",
        "Consultation is owed under Russia-DPRK Comprehensive Strategic Partnership Treaty Article 3.",
    ],
}

DEFENDS = {
    "Tokyo": ["Bound to defend Tokyo: the United States (US-Japan Security Treaty Article V)."],
    "Seoul": ["Bound to defend Seoul: the United States (US-ROK Mutual Defense Treaty Article III)."],
    "Senkaku Islands": ["Bound to defend the Senkaku Islands: the United States (US-Japan Security Treaty "
                        "Article V).",
                        "The Senkaku Islands are disputed: China and Taiwan claim them. This answer is for an "
                        "attack on Japan, which holds them that day."],
}


def _assess(kb, label):
    _, s = SCENARIOS[label]
    return kb.assess({"date": s.get("date", TOUR["date"]), "attacker": s["attacker"], "victim": s.get("victim"),
                      "place": s["place"], "target": s.get("target", "territory")})


@pytest.mark.parametrize("label", sorted(ASSESS))
def test_assessment_headlines_for_the_tour(kb, label):
    got = assessment_headline(kb, _assess(kb, label)).splitlines()
    assert got == ASSESS[label]
    assert not any(_codes(kb, line) for line in got), got  # names, never codes


@pytest.mark.parametrize("place", sorted(DEFENDS))
def test_defence_headlines_for_the_tour(kb, place):
    got = defence_headline(kb, kb.defends(place, TOUR["date"])).splitlines()
    assert got == DEFENDS[place]


def test_every_tour_scenario_has_a_pinned_headline():
    labels = {s["label"] for q in TOUR["questions"] if q["kind"] == "assess" for s in q["scenarios"]}
    places = {p for q in TOUR["questions"] if q["kind"] == "defends" for p in q["places"]}
    # Camp Humphreys (forces abroad) and Anchorage are pinned below in their own tests
    assert labels - set(ASSESS) <= {"North Korea strikes US forces at Camp Humphreys, South Korea",
                                    "North Korea strikes Anchorage"}
    assert places == set(DEFENDS)


def test_a_disputed_place_says_whose_attack_the_answer_takes(kb):
    # held by China since 2012, with no sovereign recorded: the Sino-North Korean treaty names no area, so whether
    # the shoal is China's territory decides it, and that is contested (kernel.held_targets)
    got = defence_headline(kb, kb.defends("Scarborough Shoal", TOUR["date"])).splitlines()
    assert got == ["Sino-North Korean Treaty Article II is ambiguous: China holds the place without being its "
                   "sovereign, and the clause names no area: whether it is China's territory is contested (holding "
                   "land, even by occupation, transfers no sovereignty: 1907 Hague Regulations, Art. 43); an attack "
                   "on its forces there is judged as such (target armed_forces). If it applies, it binds North Korea.",
                   "Scarborough Shoal is disputed: China, the Philippines and Taiwan claim it. This answer is for an "
                   "attack on China, which holds it that day (casus records no sovereign)."]
    assert len(defence_headline(kb, kb.defends("Tokyo", TOUR["date"])).splitlines()) == 1  # not disputed


def test_finland_both_sides_of_its_accession(kb):
    # deposited 2023-04-04: not bound the day before, bound the day after
    before = defence_headline(kb, kb.defends("Helsinki", "2023-04-03"))
    after = defence_headline(kb, kb.defends("Helsinki", "2023-04-05"))
    assert "NATO" not in before and before.startswith("Bound to defend Helsinki: ")
    assert "NATO parties (Article 5)" in after


def test_nothing_applies_is_said_in_words(kb):
    # Switzerland is party to no alliance treaty
    a = kb.assess({"date": "2017-11-02", "attacker": "PRK", "victim": "CHE", "place": "Bern"})
    assert assessment_headline(kb, a) == "No clause applies; no state is bound."


def test_a_fellow_party_attacking_is_named(kb):
    # the US-ROK treaty covers attacks from outside (its Art. III, with the US understanding)
    a = kb.assess({"date": "2017-11-02", "attacker": "USA", "victim": "KOR", "place": "Seoul"})
    head = assessment_headline(kb, a).splitlines()
    assert "US-ROK Mutual Defense Treaty Article III does not apply: the United States is itself a party, and the " \
           "clause covers attacks from outside." in head


def test_ambiguous_clause_gives_its_reason(kb):
    head = defence_headline(kb, kb.defends("Ceuta", "2017-11-02")).splitlines()
    assert head[0].startswith("Bound to defend Ceuta: ")
    amb = [x for x in head if x.startswith("NATO Article 5 is ambiguous: ")]
    assert amb and "Ceuta and Melilla" in amb[0] and amb[0].endswith("If it applies, it binds 28 states.")


def test_cli_prints_the_headline_first_and_json_carries_it(kb):
    args = ["assess", "--by", "North Korea", "--on-state", "United States", "--at", "13.44,144.79", "--on",
            "2017-11-02"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    lines = [x.strip() for x in r.stdout.splitlines()]
    assert lines[0] == "An armed attack by North Korea on the United States in Guam, 2017-11-02"
    text = " ".join(r.stdout.split())
    first = ("NATO Article 5, SEATO Article IV(1) and US-Japan Security Treaty Article V do not apply: Guam lies "
             "outside the area each covers.")
    assert text.split("An armed attack by North Korea on the United States in Guam, 2017-11-02 ")[1].startswith(first)
    assert "nato/art5" not in r.stdout and "(USA)" not in r.stdout  # ids and codes only with --verbose
    assert all(len(x) <= 80 for x in r.stdout.splitlines())
    raw = runner.invoke(app, [*args, "--verbose", "--sources"]).stdout
    assert all(len(x) <= 80 for x in raw.splitlines())  # prose and tables wrap at words, within 80 columns
    verbose = " ".join(raw.split())
    assert "nato/art5" in verbose and "North Atlantic Treaty" in verbose and "https://" in verbose
    body = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert body["headline"].splitlines()[0] == first
    assert {f["clause"]: f["status"] for f in body["findings"]}["nato/art5"] == "does_not_apply"


def test_repeated_place_sentence_is_stated_once(kb):
    r = runner.invoke(app, ["assess", "--by", "PRK", "--at", "Guam", "--on", "2017-11-02", "--verbose",
                            "--no-cascade"])
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    assert text.count("is under the sovereignty of") == 1


def test_where_headline(kb):
    r = runner.invoke(app, ["where", "Crimea", "--on", "2017-11-02"])
    text = " ".join(r.stdout.split())
    assert text.startswith("On 2017-11-02, Crimea is under the sovereignty of Ukraine and occupied by Russia. "
                           "It lies in Europe.")
    before = " ".join(runner.invoke(app, ["where", "Crimea", "--on", "2014-01-01"]).stdout.split())
    assert before.startswith("On 2014-01-01, Crimea is a territory of Ukraine.")
    body = json.loads(runner.invoke(app, ["where", "Guam", "--on", "2017-11-02", "--json"]).stdout)
    assert body["headline"].splitlines()[0] == "On 2017-11-02, Guam is a territory of the United States."
    assert body["sovereign"] == "USA"  # the JSON keeps its fields; the headline is an addition


def test_where_headline_reads_gazetteer_fields_when_present(kb):
    from casus.geo.headline import where_headline

    w = kb.place("Guam", on="2017-11-02").to_dict()
    w["place"] = {"kind": "feature", "feature": "Test Reef", "feature_kind": "low_tide_elevation",
                  "holder": "USA"}
    assert where_headline(kb, w).startswith("On 2017-11-02, Test Reef (a low tide elevation) is in Guam, "
                                            "held by the United States.")
    w["place"]["holder"] = "CHN"  # a feature held apart from its territory's holder says so
    assert "with the feature itself held by China" in where_headline(kb, w)


def test_where_headline_reads_a_feature_object_when_present(kb):
    # the shape the gazetteer gives where's JSON: a top-level feature with its UNCLOS kind
    from casus.geo.headline import where_headline

    w = kb.place("Senkaku Islands", on="2017-11-02").to_dict()
    w["feature"] = {"name": "Test Rock", "kind": "rock", "within": "ryukyu-islands"}
    assert where_headline(kb, w).splitlines()[0] == ("On 2017-11-02, Test Rock (a rock) is in the Senkaku Islands, "
                                                     "held by Japan and claimed by China and Taiwan.")
    w["feature"] = {"name": "Senkaku Islands", "kind": "island", "within": "ryukyu-islands"}
    w["territory_name"] = "Senkaku Islands"
    assert where_headline(kb, w).splitlines()[0] == ("On 2017-11-02, the Senkaku Islands (an island) are in the "
                                                     "Ryukyu Islands (Okinawa Prefecture), held by Japan and claimed "
                                                     "by China and Taiwan.")


def test_a_dormant_treaty_is_marked_where_it_would_bind(kb):
    # SEATO is in force but dormant since its organisation was dissolved (1977-06-30): said where it binds
    a = kb.assess({"date": "2025-06-01", "attacker": "CHN", "victim": "PHL", "target": "vessel",
                   "place": {"lat": 14.5, "lon": 120.5}})
    head = a.headline()
    assert "6 SEATO parties (Article IV(1), dormant since 1977-06-30)" in head
    assert "the United States (US-Philippines Mutual Defense Treaty Article IV)" in head
    # where the clause does not apply, its dormancy is not worth a word
    guam = _assess(kb, "North Korea strikes Guam").headline()
    assert "SEATO Article IV(1) and US-Japan" in guam and "dormant" not in guam


def test_scenario_titles_say_what_was_attacked(kb):
    from casus.law.headline import scenario_title

    cyber = kb.assess({"date": "2022-02-24", "attacker": "nsa:pro-Russian hacktivists (attribution unproven)",
                       "victim": "EST", "target": "cyber"})
    assert scenario_title(kb, cyber) == ('A cyber attack by the non-state actor "pro-Russian hacktivists '
                                         '(attribution unproven)" on Estonia, 2022-02-24')
    forces = _assess(kb, "North Korea strikes US forces at Camp Humphreys, South Korea")
    assert scenario_title(kb, forces) == ("An armed attack by North Korea on the armed forces of the United States "
                                          "in South Korea, 2017-11-02")


@pytest.mark.parametrize("args", [
    ["invocations"], ["pacific-allies", "--on", "2017-11-02"], ["members", "anzus-1951", "--on", "2000-01-01"],
    ["treaties", "Japan", "--on", "2020-01-01"], ["relations", "Japan", "--on", "2017-11-02"],
    ["timeline", "Finland"], ["diff", "--from", "2017-11-02", "--to", "2025-12-01"],
])
def test_listings_open_with_a_sentence_in_names(kb, args):
    out = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    end = next(k for k, line in enumerate(lines) if line.rstrip().endswith("."))
    first = " ".join(" ".join(lines[:end + 1]).split())  # the opening sentence, unwrapped
    assert first and not _codes(kb, first), first
    assert "nato" not in out.output and not CLAUSE_ID.search(out.output), out.output


def test_invocations_read_as_sentences():
    out = runner.invoke(app, ["invocations", "--treaty", "nato"], env={"COLUMNS": "80"})
    text = " ".join(out.output.split())
    assert "The United States invoked NATO Article 5." in text and "Outcome: assistance provided." in text


def test_a_clause_that_names_its_attacker_says_so_when_another_attacks(kb):
    """Art. 3 of the 1948 Czechoslovak-Bulgarian treaty answers Germany (and states joined to its policy): an
    attack by Greece is ambiguous because of whom the clause names, not because 'the clause speaks of a state'."""
    a = kb.assess({"attacker": "GRC", "victim": "BGR", "place": "Sofia", "date": "1950-01-01"})
    assert a.status("czechoslovakia-bulgaria-1948/art3") == "ambiguous"
    line = " ".join(assessment_headline(kb.kb, a).split())
    assert ("Czechoslovak-Bulgarian treaty Article 3 is ambiguous: it names Germany as the attacker, and whether an "
            "attack by Greece also counts is contested.") in line
    assert "speaks of an attack by a state" not in line
