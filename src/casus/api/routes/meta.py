"""Health and the published JSON Schemas."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from casus.api.deps import kb_of
from casus.api.errors import ERROR_RESPONSES
from casus.api.responses import json_response
from casus.errors import UnknownSchemaError

router = APIRouter(tags=["meta"], responses=ERROR_RESPONSES)


@router.get("/api/health", summary="Is the server up, and which knowledge base does it answer from")
async def health(request: Request) -> Response:
    from casus.dates import COVERED_FROM, today
    from casus.version import __version__

    kb = kb_of(request)
    return json_response({
        "status": "ok",
        "version": __version__,
        "covered": {"from": COVERED_FROM, "to": today()},
        "today": today(),
        "knowledge_base": {"digest": kb.digest, "treaties": len(kb.treaties), "states": len(kb.states),
                           "territories": len(kb.territories), "regions": len(kb.regions)},
        "answer_cache": request.app.state.answers.stats(),
    })


@cache
def schemas() -> dict[str, bytes]:
    """Schema name -> bytes, read once from the package (or the checkout's ``schemas/``).

    The client picks a name from this table; it never names a path.
    """
    found: dict[str, bytes] = {}
    try:
        pkg = resources.files("casus") / "schemas"
        if pkg.is_dir():
            for entry in pkg.iterdir():
                if entry.name.endswith(".schema.json"):
                    found[entry.name] = entry.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    checkout = Path(__file__).resolve().parents[4] / "schemas"
    if checkout.is_dir():
        for path in sorted(checkout.glob("*.schema.json")):
            found.setdefault(path.name, path.read_bytes())
    return dict(sorted(found.items()))


@router.get("/schemas", summary="The JSON Schemas this API publishes")
async def schema_index() -> Response:
    return json_response({"schemas": [{"name": n, "url": f"/schemas/{n}"} for n in schemas()]})


@router.get("/schemas/{name}", summary="One JSON Schema: scenario.schema.json or assessment.schema.json")
async def schema(name: str) -> Response:
    table = schemas()
    key = name if name in table else f"{name}.schema.json" if f"{name}.schema.json" in table else None
    if key is None:
        raise UnknownSchemaError(name, list(table), field="name", accepted=", ".join(table))
    return Response(table[key], media_type="application/schema+json")



def openapi_extra_for(schema_name: str, example: Any) -> dict[str, Any]:
    """An OpenAPI request body that names a published schema (routes read and check the raw body)."""
    return {"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"type": "object" if isinstance(example, dict) else "array",
                   "description": f"See /schemas/{schema_name}"},
        "example": example}}}}
