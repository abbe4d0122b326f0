"""The vectorised path for simple clauses gives exactly the verdicts of the general per-clause loop.

Simple clauses (every target's scope ``anywhere``, no exceptions or extensions, mutual) are judged together
as (attacks x clauses) tables; this compares every condition code and status with the general loop, on the
bundled knowledge base plus synthetic pacts with every attacker condition.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

import casus
from casus.kb.loader import DATA_DIR
from casus.law import kernel

PACT = """\
id: {id}
form: compact
template: {template}
name: Test pact {id}
signed: {day}
in_force: {day}
{ended}parties: [{a}, {b}]
article: "1"
attacker: {attacker}
response: Each assists the other.
summary: A test pact.
sources: [{{title: test fixture, citation: made up for tests}}]
"""


@pytest.fixture(scope="module")
def kb_with_pacts(tmp_path_factory):
    d = Path(tmp_path_factory.mktemp("kb")) / "data"
    shutil.copytree(DATA_DIR, d)
    cases = [("JPN", "KOR", "any", "mutual-defence"), ("FRA", "EST", "state", "mutual-defence-consult"),
             ("POL", "LTU", "outside_state", "mutual-defence"), ("CHN", "RUS", "[USA]", "mutual-defence"),
             ("IND", "RUS", "any", "consultation"), ("USA", "EST", "[RUS]", "mutual-defence")]
    for k, (a, b, attacker, template) in enumerate(cases):
        day = dt.date(2004 + k, 3, 1 + k)
        ended = f"ended: {day.replace(year=day.year + 5)}\n" if k % 2 else ""
        text = PACT.format(id=f"t-{k}", template=template, day=day, ended=ended, a=a, b=b, attacker=attacker)
        (d / "pacts" / f"t-{k}.yaml").write_text(text, encoding="utf-8")
    return casus.open(d)


def _verdicts(kb, attacks, vectorise, monkeypatch):
    from casus.law.assess import assess_many

    monkeypatch.setattr(kernel, "VECTORISE", vectorise)
    return [r.to_dict() for r in assess_many(kb, attacks)]


def test_vectorised_and_general_paths_agree(kb_with_pacts, monkeypatch):
    kb = kb_with_pacts
    attacks = []
    for attacker in ("RUS", "USA", "CHN", "nsa:group", "LTU", "KOR"):
        for place, victim in (("Tallinn", None), ("Vilnius", None), ("Tokyo", None), ("Seoul", None),
                              ("New Delhi", None), (None, "EST")):
            for act in ("armed_attack", "threat"):
                a = {"date": "2010-06-01", "attacker": attacker, "act": act}
                if place:
                    a["place"] = place
                else:
                    a |= {"victim": victim, "target": "cyber"}
                attacks.append(a)
    fast = _verdicts(kb, attacks, True, monkeypatch)
    slow = _verdicts(kb, attacks, False, monkeypatch)
    assert fast == slow
    # the synthetic pacts really were judged, and some by each outcome
    statuses = {f["status"] for r in fast for f in r["findings"] if f["clause"].startswith("t-")}
    assert statuses == {"applies", "does_not_apply", "ambiguous"}


def test_paths_agree_across_dates_where_pacts_begin_and_end(kb_with_pacts, monkeypatch):
    # attacks spread over the years in which the test pacts enter into force and end: the vectorised
    # path groups them by the general clauses' spans and judges pacts on each epoch's own tables
    kb = kb_with_pacts
    rng = np.random.default_rng(3)
    start = dt.date(2003, 1, 1).toordinal()
    places = ["Tallinn", "Vilnius", "Tokyo", "Seoul", "New Delhi", "Paris", "Warsaw", "Beijing"]
    attacks = [{"date": dt.date.fromordinal(start + int(rng.integers(6000))).isoformat(),
                "attacker": ["RUS", "USA", "CHN", "nsa:x"][int(rng.integers(4))],
                "place": places[int(rng.integers(len(places)))]} for _ in range(300)]
    fast = _verdicts(kb, attacks, True, monkeypatch)
    slow = _verdicts(kb, attacks, False, monkeypatch)
    assert fast == slow
    seen = {f["clause"] for r in fast for f in r["findings"]}
    assert {f"t-{k}/art1" for k in range(6)} <= seen


def test_sweep_kernel_agrees(kb_with_pacts, monkeypatch):
    from casus.law.coverage import judge_points

    kb = kb_with_pacts
    rng = np.random.default_rng(5)
    lat = rng.uniform(20, 65, 400)
    lon = rng.uniform(-10, 140, 400)
    day = dt.date(2010, 6, 1)  # t-0 to t-5 in force, t-1 and t-3 ended or not yet
    monkeypatch.setattr(kernel, "VECTORISE", True)
    fast = judge_points(kb, lat, lon, day)
    monkeypatch.setattr(kernel, "VECTORISE", False)
    slow = judge_points(kb, lat, lon, day)
    assert fast.clauses == slow.clauses
    assert any(c.startswith("t-") for c in fast.clauses)
    np.testing.assert_array_equal(fast.status, slow.status)
    np.testing.assert_array_equal(fast.n_bound, slow.n_bound)


def test_a_span_judges_a_pact_only_on_the_days_it_is_in_force(kb_with_pacts):
    """Two attacks a day apart around a pact's entry into force fall in one span of the general clauses: they
    share one set of verdicts, and each attack sees the pact only if it was in force on its own day."""
    from casus.law.assess import assess_many

    kb = kb_with_pacts
    start = kb.treaty("t-0").in_force  # Japan-South Korea test pact
    before, after = (start - dt.timedelta(days=1)).isoformat(), (start + dt.timedelta(days=1)).isoformat()
    a, b = assess_many(kb, [{"date": before, "attacker": "RUS", "place": "Tokyo"},
                            {"date": after, "attacker": "RUS", "place": "Tokyo"}])
    assert kernel.general_epoch_start(kb.kb, dt.date.fromisoformat(before)) == \
        kernel.general_epoch_start(kb.kb, dt.date.fromisoformat(after))  # one span, so judged together
    assert a.clause_verdicts is b.clause_verdicts
    assert a.status("t-0/art1") is None and "t-0/art1" not in [f.clause for f in a.findings]
    assert b.status("t-0/art1") == "applies" and "KOR" in b.finding("t-0/art1").bound
    assert all(f.status in ("applies", "does_not_apply", "ambiguous") for f in a.findings + b.findings)
