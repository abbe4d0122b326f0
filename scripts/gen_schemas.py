"""Write the JSON Schemas of the knowledge-base files from the pydantic models.

Run after changing a model: `python scripts/gen_schemas.py`. A test fails when
the committed schemas are out of date.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "casus" / "schemas"


def schemas() -> dict[str, dict]:
    from casus.kb.loader import SECTIONS
    from casus.kb.models import Treaty
    from casus.kb.pacts import Pact, Template

    out = {"kb-treaty.schema.json": Treaty.model_json_schema(by_alias=True),
           "kb-pact.schema.json": Pact.model_json_schema(by_alias=True)}
    templates = Template.model_json_schema(by_alias=True)
    out["kb-templates.schema.json"] = {
        "title": "casus templates.yaml", "type": "object", "required": ["templates"],
        "properties": {"templates": {"type": "array", "items": templates}}, "additionalProperties": False}
    for fname, (key, spec, _) in SECTIONS.items():
        mod, cls = spec.split(":")
        try:
            model = getattr(importlib.import_module(mod), cls)
        except (ModuleNotFoundError, AttributeError):
            continue
        item = model.model_json_schema(by_alias=True)
        defs = item.pop("$defs", {})
        out[f"kb-{fname.removesuffix('.yaml').replace('_', '-')}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"casus {fname}",
            "type": "object",
            "required": [key],
            "properties": {key: {"type": "array", "items": item}, "sources": {"type": "array"},
                           "notes": {"type": "array"}},
            "additionalProperties": False,
            "$defs": defs,
        }
    for name in ("kb-treaty.schema.json", "kb-pact.schema.json", "kb-templates.schema.json"):
        out[name]["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return out


def main() -> int:
    for name, schema in schemas().items():
        (OUT / name).write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
