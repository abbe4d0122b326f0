"""The map page: a fixed set of files read once from the package and served from memory.

The client picks a file by name from a table built at start-up; no request can
name a path on disk.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from casus.api.responses import json_response

router = APIRouter(include_in_schema=False)

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".json": "application/json",
}


@cache
def files() -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, content type, ETag) for every file directly under ``web/``."""
    out: dict[str, tuple[bytes, str, str]] = {}
    root = resources.files("casus.api") / "web"
    for entry in root.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1] if "." in entry.name else ""
        if entry.is_file() and suffix in TYPES:
            data = entry.read_bytes()
            out[entry.name] = (data, TYPES[suffix], '"' + hashlib.sha256(data).hexdigest()[:16] + '"')
    return out


def _serve(request: Request, name: str) -> Response:
    table = files()
    if name not in table:
        return json_response({"error": "not_found", "message": f"no such file: /{name[:80]}"}, 404)
    data, kind, etag = table[name]
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=kind, headers=headers)


@router.get("/")
async def index(request: Request) -> Response:
    return _serve(request, "index.html")


@router.get("/web/{name}")
async def asset(request: Request, name: str) -> Response:
    return _serve(request, name)

