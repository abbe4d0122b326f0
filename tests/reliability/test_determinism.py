"""The same question gives byte-identical JSON: twice in one process, and in processes with different hash seeds.

String hashing is randomised per process (PYTHONHASHSEED), so anything built by
iterating a set or a dict keyed by strings could come out in another order in
the next run; two fresh processes with different seeds show it does not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from casus.jsonio import dumps
from casus.law.attack import Attack

SCENARIOS = [
    {"id": "guam", "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"id": "tallinn", "date": "2017-11-02", "attacker": "RUS", "victim": "EST", "place": "Tallinn"},
    {"id": "senkaku", "date": "2013-05-01", "attacker": "CHN", "victim": "JPN", "place": "Senkaku Islands",
     "target": "territory"},
    {"id": "hawaii-1960", "date": "1960-01-01", "attacker": "SUN", "victim": "USA", "place": "Hawaii"},
    {"id": "vessel", "date": "2019-06-01", "attacker": "CHN", "victim": "PHL", "place": {"lat": 9.7, "lon": 115.9},
     "target": "vessel"},
    {"id": "cyber", "date": "2020-01-01", "attacker": "nsa:group", "victim": "EST", "target": "cyber"},
]

SCRIPT = textwrap.dedent("""\
    import hashlib, json, sys
    import casus
    from casus.jsonio import dumps
    from casus.law.attack import Attack

    kb = casus.open()
    out = {}
    for s in json.loads(sys.argv[1]):
        out["assess " + s["id"]] = dumps(kb.assess(Attack.parse(s)).to_dict(with_cascade=True))
    out["where"] = dumps(kb.where(26.2, 127.7, on="1970-01-01"))
    out["place"] = dumps(kb.place("Crimea", on="2015-01-01"))
    out["defends"] = dumps(kb.defends("Guam", on="2017-11-02").to_dict())
    out["relations"] = dumps(kb.relations("JPN", on="2017-11-02"))
    out["members"] = dumps(kb.members("nato", "2024-03-07"))
    out["treaties_of"] = dumps(kb.treaties_of("USA", "2017-11-02"))
    print(json.dumps({k: hashlib.sha256(v.encode()).hexdigest() for k, v in out.items()}))
""")


def test_json_is_identical_twice_in_one_process(kb):
    for s in SCENARIOS:
        a = Attack.parse(s)
        assert dumps(kb.assess(a).to_dict(with_cascade=True)) == dumps(kb.assess(a).to_dict(with_cascade=True))


def test_json_is_identical_across_hash_seeds(kb):
    import json

    procs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        procs.append(subprocess.Popen([sys.executable, "-c", SCRIPT, json.dumps(SCENARIOS)], env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-3000:]
        results.append(json.loads(out))
    first, second = results
    assert set(first) == set(second)
    differ = sorted(k for k in first if first[k] != second[k])
    assert not differ, f"JSON differs between hash seeds for: {differ}"
