"""The published JSON Schemas: the knowledge-base ones match the models, the contract ones hold."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "src" / "casus" / "schemas"


def test_knowledge_base_schemas_are_up_to_date():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen_schemas import schemas
    finally:
        sys.path.pop(0)
    for name, schema in schemas().items():
        committed = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(schema)), f"{name} is stale: run python scripts/gen_schemas.py"


def test_assessment_validates_against_its_schema(kb):
    from jsonschema import Draft202012Validator

    from casus.jsonio import to_data

    schema = json.loads((SCHEMAS / "assessment.schema.json").read_text(encoding="utf-8"))
    scenario_schema = json.loads((SCHEMAS / "scenario.schema.json").read_text(encoding="utf-8"))
    scenario = {"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA",
                "place": {"lat": 13.44, "lon": 144.79}, "target": "territory", "act": "armed_attack"}
    Draft202012Validator(scenario_schema).validate(scenario)
    Draft202012Validator(schema).validate(to_data(kb.assess(scenario).to_dict()))
    cyber = {"date": "2020-06-01", "attacker": "RUS", "victim": "LTU", "target": "cyber"}
    Draft202012Validator(schema).validate(to_data(kb.assess(cyber).to_dict()))


def test_compact_assessment_validates_against_its_schema(kb):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS / "assessment-compact.schema.json").read_text(encoding="utf-8"))
    full = Draft202012Validator(json.loads((SCHEMAS / "assessment.schema.json").read_text(encoding="utf-8")))
    compact = Draft202012Validator(schema)
    for scenario in ({"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA",
                      "place": {"lat": 13.44, "lon": 144.79}},
                     {"date": "2020-06-01", "attacker": "RUS", "victim": "LTU", "target": "cyber"},
                     {"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": "Helsinki"}):
        a = kb.assess(scenario)
        compact.validate(a.to_dict(detail=False))
        assert not compact.is_valid(a.to_dict())  # the full document is not mistaken for the compact one
        full.validate(a.to_dict())
