"""Batches tell the truth in the exit code; common slips get a hint; non-state attackers by any name."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import CoordinateError, ScenarioError
from casus.geo.hints import comma_hint, swap_hint
from casus.law.attack import NSA_LABEL_MAX, Attack

runner = CliRunner()
GOOD = json.dumps({"date": "2017-11-02", "attacker": "RUS", "victim": "EST", "place": "Tallinn"})
GOOD2 = json.dumps({"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": "Helsinki"})
BAD = json.dumps({"date": "2017-11-02", "attacker": "RUS", "place": "Nowhereville-on-Sea"})


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.mark.parametrize("mode", [[], ["--json"], ["--jsonl"]])
def test_partial_batch_exits_3_with_a_summary_on_stderr(mode):
    r = run("assess", "-", "--no-cascade", *mode, input="\n".join([GOOD, "{broken", GOOD2, BAD]))
    assert r.exit_code == 3, r.output
    assert "assessed 2 scenarios; 2 bad lines (2, 4)" in r.stderr
    if mode == ["--jsonl"]:
        docs = [json.loads(x) for x in r.stdout.splitlines()]
        assert [d.get("line") for d in docs] == [None, None, 2, 4]
        assert "nato/art5" in docs[1]["summary"]["applies"]  # Finland, the day after it became bound
    if mode == ["--json"]:
        body = json.loads(r.stdout)
        assert len(body["assessments"]) == 2 and [e["line"] for e in body["errors"]] == [2, 4]


def test_good_batch_exits_0_and_all_bad_exits_2():
    r = run("assess", "-", "--jsonl", "--no-cascade", input=f"{GOOD}\n{GOOD2}\n")
    assert r.exit_code == 0 and "assessed 2 scenarios; 0 bad lines" in r.stderr
    r = run("assess", "-", "--jsonl", input="{broken\n" + BAD)
    assert r.exit_code == 2 and "assessed 0 scenarios; 2 bad lines" in r.stderr


@pytest.mark.parametrize("text", ["", "\n  \n"])
def test_empty_batch_is_an_error(text):
    r = run("assess", "-", input=text)
    assert r.exit_code == 2 and "holds no scenario" in r.output


def test_swap_hint_for_a_latitude_out_of_range():
    assert swap_hint(144.79, 13.44) is not None and "13.44, 144.79" in swap_hint(144.79, 13.44)
    assert swap_hint(13.44, 144.79) is None  # a valid point is not second-guessed
    assert swap_hint(200, 10) is None  # not a valid point either way
    r = run("where", "144.79", "13.44")
    assert r.exit_code == 2 and "hint:" in r.output and "13.44, 144.79" in r.output
    with pytest.raises(ScenarioError) as err:
        Attack.parse({"date": "2017-11-02", "attacker": "PRK", "place": {"lat": 144.79, "lon": 13.44}})
    assert err.value.hint and "13.44, 144.79" in err.value.hint
    assert err.value.to_dict()["hint"] == err.value.hint


def test_swap_hint_when_the_swap_is_a_known_place(kb):
    # Tallinn is 59.437 N, 24.745 E; swapped, the point is in the Gulf of Oman, on the high seas
    r = run("where", "24.745", "59.437")
    assert r.exit_code == 0
    assert "59.437, 24.745 is in Estonia" in " ".join(r.stderr.split())
    r = run("assess", "--by", "RUS", "--at", "24.745,59.437", "--on", "2017-11-02")
    assert r.exit_code == 2
    text = " ".join(r.output.split())
    assert "high seas" in text and "hint:" in text and "59.437, 24.745 is in Estonia" in text


def test_decimal_comma_hint():
    assert comma_hint("59,437") and "59.437" in comma_hint("59,437")
    assert "59.437,24.745" in comma_hint("59,437,24,745")
    assert "59.437,24.745" in comma_hint("59,437 24,745")
    assert comma_hint("59.437,24.745") is None and comma_hint("Tallinn") is None
    r = run("where", "59,437", "24,745")
    assert r.exit_code == 2 and "59.437,24.745" in r.output
    r = run("assess", "--by", "RUS", "--at", "59,437,24,745", "--on", "2017-11-02", "--json")
    body = json.loads(r.stdout)
    assert r.exit_code == 2 and body["error"] == CoordinateError.code and "59.437,24.745" in body["hint"]


def test_place_name_where_a_state_is_asked_for(kb):
    r = run("assess", "--by", "Tallinn", "--at", "Riga", "--on", "2017-11-02", "--json")
    body = json.loads(r.stdout)
    assert r.exit_code == 2 and body["error"] == "unknown_state"
    assert "Estonia" in body["hint"] and "--by EST" in body["hint"]
    r = run("treaties", "Honolulu")
    assert r.exit_code == 2 and "United States" in r.output and "treaties" not in r.output.split("hint:")[0]
    # and the reverse is understood: a state where a place is asked for
    d = json.loads(run("defends", "Estonia", "--on", "2017-11-02", "--json").stdout)
    assert d["holder"] == "EST" and "nato/art5" in d["covered_by"]


@pytest.mark.parametrize("label", ["pro-Russian hacktivists (attribution unproven)",
                                   "armed rioters ('terrorist groups' per the government)",
                                   'группа "Север" / 北方组', "x"])
def test_non_state_labels_are_free_text(label):
    a = Attack.parse({"date": "2022-02-24", "attacker": f"nsa:{label}", "victim": "EST", "target": "cyber"})
    assert a.attacker == f"nsa:{label}"
    r = run("assess", "--by", f"nsa:{label}", "--on-state", "Estonia", "--target", "cyber", "--on", "2022-02-24",
            "--json", "--no-cascade")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["attack"]["attacker"] == f"nsa:{label}"


@pytest.mark.parametrize("label", ["", "x" * (NSA_LABEL_MAX + 1), "line\nbreak", "tab\tand bell\a"])
def test_bad_non_state_labels_say_what_is_allowed(label):
    with pytest.raises(ScenarioError) as err:
        Attack.parse({"date": "2022-02-24", "attacker": f"nsa:{label}", "victim": "EST", "target": "cyber"})
    assert f"1 to {NSA_LABEL_MAX} printable characters" in err.value.message
    assert err.value.accepted and "parentheses" in err.value.accepted


def test_defends_on_the_high_seas_says_why_and_hints_a_swap(kb):
    r = run("defends", "30,-40", "--on", "2017-11-02")
    assert r.exit_code == 2 and "no state holds it" in " ".join(r.output.split())
    body = json.loads(run("defends", "24.745,59.437", "--on", "2017-11-02", "--json").stdout)
    assert body["field"] == "place" and "59.437, 24.745 is in Estonia" in body["hint"]


def test_a_state_where_a_place_is_asked_for_gets_a_hint(kb):
    # the Soviet Union is a state in the data, and its territory is kept under other names
    body = json.loads(run("where", "Soviet Union", "--on", "1970", "--json").stdout)
    assert body["error"] == "unknown_place" and "is a state (Soviet Union)" in body["hint"]
    assert json.loads(run("where", "Estonia", "--on", "1970", "--json").stdout)["territory"] == "est"  # no hint


def test_the_scenario_options_take_the_json_field_names_too():
    """A user who knows the JSON (attacker, victim, place) can say the same on the command line."""
    short = run("assess", "--by", "RUS", "--on-state", "FIN", "--at", "Helsinki", "--on", "2023-04-05",
                "--no-cascade", "--json")
    long = run("assess", "--attacker", "RUS", "--victim", "FIN", "--place", "Helsinki", "--on", "2023-04-05",
               "--no-cascade", "--json")
    assert short.exit_code == long.exit_code == 0, long.output
    assert json.loads(short.stdout) == json.loads(long.stdout)
    assert "nato/art5" in json.loads(long.stdout)["summary"]["applies"]
