"""The faster JSON paths (issue 18) give byte-identical output to the plain ``jsonio.dumps`` walk.

``casus assess FILE --jsonl`` now assesses in chunks and writes each line with ``jsonio.dumps_plain`` (one
stdlib encode, no second walk); ``--json`` uses the same encoder. The reference here is the old path: one
``assess_many`` over all scenarios, then ``jsonio.dumps(to_dict())`` for each, errors after the assessments.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casus.cli import app, law_commands
from casus.jsonio import dumps, dumps_plain
from casus.law.assess import Assessment, assess_many
from casus.law.attack import LineError, parse_jsonl

PUBLIC = [  # the public examples (tests/law/test_public_examples.py), over several dates below
    {"attacker": "RUS", "victim": "EST", "place": "Tallinn"},
    {"attacker": "ZAF", "victim": "FRA", "place": "Reunion"},
    {"attacker": "CHN", "victim": "AUS", "place": "Sydney"},
    {"attacker": "VEN", "victim": "USA", "place": "Charlotte Amalie"},
    {"attacker": "PRK", "victim": "KOR", "place": "Jeju"},
    {"attacker": "CHN", "victim": "TWN", "place": "Taipei"},
    {"attacker": "RUS", "victim": "LTU", "target": "cyber"},
    {"attacker": "SUN", "victim": "ESP", "place": "Madrid"},
    {"attacker": "RUS", "victim": "FIN", "place": "Helsinki"},
    {"attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"attacker": "MAR", "victim": "ESP", "place": "Ceuta"},
    {"attacker": "USA", "victim": "PRK", "place": "Pyongyang"},
]
DATES = ["1955-01-01", "1970-06-01", "1982-05-31", "1985-06-01", "2014-09-04", "2025-06-01"]


def scenarios(n: int) -> list[dict]:
    return [{**PUBLIC[k % len(PUBLIC)], "date": DATES[(k // len(PUBLIC)) % len(DATES)]} for k in range(n)]

runner = CliRunner()


def reference_jsonl(kb, text: str, cascade: bool) -> str:
    good, errors = parse_jsonl(text)
    results = assess_many(kb, [a for _, a in good], on_error="collect")
    docs = [r.to_dict(with_cascade=cascade) for r in results if isinstance(r, Assessment)]
    errors += [LineError(n, r) for (n, _), r in zip(good, results, strict=True) if not isinstance(r, Assessment)]
    errors.sort(key=lambda e: e.line)
    return "".join(dumps(d, indent=None) + "\n" for d in docs) + "".join(
        dumps(e.to_dict(), indent=None) + "\n" for e in errors)


@pytest.mark.parametrize("cascade", [True, False])
def test_jsonl_is_byte_identical_to_the_walked_path(kb, monkeypatch, cascade):
    monkeypatch.setattr(law_commands, "JSONL_CHUNK", 7)  # several chunks, bad lines in more than one
    text = "".join(json.dumps(s) + "\n" for s in scenarios(40)) + "{broken\n"
    r = runner.invoke(app, ["assess", "-", "--jsonl", "--detail", *([] if cascade else ["--no-cascade"])],
                      input=text)
    assert r.exit_code == 3, r.stderr
    want = reference_jsonl(kb, text, cascade)
    assert r.stdout == want
    lines = want.splitlines()
    assert sum('"line"' in x[:20] for x in lines) >= 2  # bad lines were exercised, not only good ones
    assert "assessed " in r.stderr


def test_json_batch_and_single_are_byte_identical(kb):
    text = "".join(json.dumps(s) + "\n" for s in scenarios(12))
    r = runner.invoke(app, ["assess", "-", "--json"], input=text)
    good, errors = parse_jsonl(text)
    results = assess_many(kb, [a for _, a in good], on_error="collect")
    docs = [x.to_dict() for x in results if isinstance(x, Assessment)]
    errors += [LineError(n, x) for (n, _), x in zip(good, results, strict=True) if not isinstance(x, Assessment)]
    assert r.stdout == dumps({"assessments": docs, "errors": [e.to_dict() for e in errors]}) + "\n"
    one = runner.invoke(app, ["assess", "--by", "RUS", "--at", "Tallinn", "--on", "2025-06-01", "--json"])
    assert one.exit_code == 0
    a = kb.assess({"date": "2025-06-01", "attacker": "RUS", "place": "Tallinn"})
    assert one.stdout == dumps(a.to_dict()) + "\n"


def test_dumps_plain_matches_dumps_on_the_tour_and_falls_back_when_not_plain(kb):
    import datetime as dt

    from casus.law.tour import run_tour

    for answer in run_tour(kb):
        d = answer.to_dict()
        assert dumps_plain(d, indent=2) == dumps(d)
    odd = {"day": dt.date(1949, 8, 24), "nan": float("nan"), "t": (1, 2)}
    assert dumps_plain(odd) == dumps(odd, indent=None) == '{"day": "1949-08-24", "nan": null, "t": [1, 2]}'


def test_cascade_memo_changes_nothing(kb):
    """Counter-attack outcomes remembered across scenarios give the cascade each scenario gets alone."""
    from casus.law import cascade as cascade_mod
    from casus.law.attack import Attack

    attacks = [Attack.parse(s) for s in scenarios(24)]
    warm = [r.cascade.to_dict() for r in assess_many(kb, attacks, on_error="collect") if isinstance(r, Assessment)]
    cold = []
    for r in assess_many(kb, attacks, on_error="collect"):
        if isinstance(r, Assessment):
            cascade_mod._MEMO.pop(kb, None)  # each scenario on its own, as before the memo
            cold.append(r.cascade.to_dict())
    assert warm == cold
    assert any(len(c["rounds"]) > 1 for c in cold)  # counter-attacks were judged, the memo was used


def test_api_encode_is_byte_identical_to_the_walk(kb):
    """The API's ``encode`` (one stdlib pass over ``to_dict()``) gives the bytes of the old two-pass walk."""
    import datetime as dt

    from casus.api.responses import encode
    from casus.jsonio import to_data

    def walked(obj):
        return json.dumps(to_data(obj), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()

    objs = [kb.assess({"date": "2025-06-01", "attacker": "RUS", "victim": "EST", "place": "Tallinn"}),
            kb.where(59.437, 24.745, on="2025-06-01"), kb.place("Guam", on="2017-11-02"),
            {"day": dt.date(2004, 3, 29), "n": float("nan")}, [1, (2, 3)]]
    for obj in objs:
        assert encode(obj) == walked(obj)


@pytest.mark.parametrize("on", ["1955-01-01", "1985-06-01", "2017-11-02", "2025-06-01"])
def test_defence_bound_from_codes_equals_bound_from_findings(kb, on):
    """``Defence.bound``/``covered_by`` read verdict codes; they equal what the worded findings say."""
    places = ["Tallinn", "Guam", "Sydney", "Taipei", "Jeju", "Ceuta", "Reunion", "Helsinki", "Madrid", "Honolulu"]
    seen = 0
    for p in places:
        d = kb.defends(p, on=on)
        findings = d.assessment.findings
        assert d.covered_by == tuple(f.clause for f in findings if f.status == "applies" and f.kind == "defense")
        assert d.bound == tuple(sorted({s for f in findings if f.status == "applies" and f.kind == "defense"
                                        for s in f.bound}))
        seen += bool(d.bound)
    assert seen >= 3  # places with defenders were compared, not only empty answers


def is_subset(part, whole, where="") -> None:
    """Every field of ``part`` is in ``whole`` with the same value; findings are matched by clause."""
    if isinstance(part, dict):
        assert isinstance(whole, dict), where
        for k, v in part.items():
            assert k in whole, f"{where}.{k} is not in the full document"
            is_subset(v, whole[k], f"{where}.{k}")
    elif where.endswith(".findings"):
        by_clause = {f["clause"]: f for f in whole}
        for f in part:
            is_subset(f, by_clause[f["clause"]], f"{where}[{f['clause']}]")
    else:
        assert part == whole, where


@pytest.mark.parametrize("cascade", [True, False])
def test_compact_jsonl_is_a_faithful_subset_of_the_full_documents(kb, cascade):
    from casus.law.assess import COMPACT_FIELDS, COMPACT_FINDING, COMPACT_PLACE

    helsinki = [{"attacker": "RUS", "victim": "FIN", "place": "Helsinki", "date": d} for d in ("2023-04-03",
                                                                                              "2023-04-05")]
    text = "".join(json.dumps(s) + "\n" for s in [*scenarios(36), *helsinki]) + "{broken\n"
    flags = [] if cascade else ["--no-cascade"]
    compact = runner.invoke(app, ["assess", "-", "--jsonl", *flags], input=text)
    full = runner.invoke(app, ["assess", "-", "--jsonl", "--detail", *flags], input=text)
    assert compact.exit_code == full.exit_code == 3
    small = [json.loads(x) for x in compact.stdout.splitlines()]
    big = [json.loads(x) for x in full.stdout.splitlines()]
    assert len(small) == len(big) and len(compact.stdout) * 5 < len(full.stdout)
    engaged = 0
    for c, f in zip(small, big, strict=True):
        if "line" in c:  # a bad line: the same error object either way
            assert c == f
            continue
        is_subset(c, f)
        assert set(c) <= set(COMPACT_FIELDS) and ("cascade" in c) == cascade
        assert c["headline"] == f["headline"] and c["summary"] == f["summary"]
        assert all(set(x) <= set(COMPACT_FINDING) for x in c["findings"])
        assert c["place"] is None or set(c["place"]) <= set(COMPACT_PLACE)
        # the compact findings are exactly the clauses that apply or are ambiguous
        assert [x["clause"] for x in c["findings"]] == [x["clause"] for x in f["findings"]
                                                        if x["status"] != "does_not_apply"]
        engaged += bool(c["findings"])
    assert engaged >= 10
    # Finland became bound by the North Atlantic Treaty on 2023-04-04
    fin = {c["attack"]["date"]: c for c in small if "line" not in c and c["attack"]["victim"] == "FIN"}
    before, after = ({x["clause"]: x for x in fin[d]["findings"]} for d in ("2023-04-03", "2023-04-05"))
    assert "nato/art5" not in before and "nato/art5" not in fin["2023-04-03"]["summary"]["applies"]
    assert after["nato/art5"]["status"] == "applies" and "USA" in after["nato/art5"]["bound"]
    assert after["nato/art5"]["article"] and "USA" in fin["2023-04-05"]["summary"]["bound"]


def test_jsonl_is_compact_by_default_and_json_keeps_its_full_documents(kb):
    # issue 18 asks for compact JSON Lines; issue 14 for --json output that only ever gains fields
    text = "".join(json.dumps(s) + "\n" for s in scenarios(12))
    compact = [json.loads(x) for x in runner.invoke(app, ["assess", "-", "--jsonl"], input=text).stdout.splitlines()]
    full = json.loads(runner.invoke(app, ["assess", "-", "--json"], input=text).stdout)
    detail = json.loads(runner.invoke(app, ["assess", "-", "--json", "--detail"], input=text).stdout)
    assert full == detail  # --detail changes nothing for --json
    good = [c for c in compact if "line" not in c]
    for c, f in zip(good, full["assessments"], strict=True):
        is_subset(c, f)
        assert "reasons" not in json.dumps(c) and "reasons" in json.dumps(f)
    one = json.loads(runner.invoke(app, ["assess", "--by", "RUS", "--at", "Tallinn", "--on", "2025-06-01",
                                         "--jsonl"]).stdout)
    assert "reasons" in one["findings"][0] and "graph" in one["cascade"]
