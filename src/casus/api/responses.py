"""JSON responses written by casus's own serializer, so the API and the CLI answer byte-alike data.

Routes return :func:`json_response` directly, which skips FastAPI's generic
encoder (slower, and it would not know our result objects). Large payloads
that do not change while the process runs (the territory outlines, a day's
coverage) are encoded once and kept gzipped with an ETag.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from casus.jsonio import compact_bytes

JSON = "application/json"
NDJSON = "application/x-ndjson"


def encode(obj: Any) -> bytes:
    """Compact JSON bytes for any casus result (dataclasses, models, dates, numpy scalars)."""
    return compact_bytes(obj)


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(encode(obj), status_code=status, media_type=JSON, headers=headers)


@dataclass(frozen=True)
class Payload:
    """A JSON body encoded once: plain and gzipped bytes, and an ETag for revalidation."""

    body: bytes
    gzipped: bytes
    etag: str

    @classmethod
    def of(cls, obj: Any) -> Payload:
        body = encode(obj)
        return cls(body, gzip.compress(body, compresslevel=6, mtime=0),
                   '"' + hashlib.sha256(body).hexdigest()[:20] + '"')

    def respond(self, request: Request, *, max_age: int = 3600) -> Response:
        headers = {"ETag": self.etag, "Cache-Control": f"public, max-age={max_age}", "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == self.etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=JSON, headers=headers)
        return Response(self.body, media_type=JSON, headers=headers)
