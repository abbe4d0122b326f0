"""Reading JSON request bodies ourselves, so that a malformed one is a 422 naming the problem.

Routes that take a scenario read the raw body instead of a pydantic model: the
library's own parser (``Attack.parse``) names the field at fault in the words
the CLI uses, and FastAPI's generic messages would differ.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from casus.errors import RequestTooLargeError, ScenarioError


async def read_text(request: Request) -> str:
    raw = await request.body()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"body: not UTF-8 text (byte {exc.start})", field="body",
                            accepted="UTF-8 JSON") from None


async def read_json(request: Request, *, accepted: str) -> Any:
    text = await read_text(request)
    if not text.strip():
        raise ScenarioError("body: empty; send a JSON document", field="body", accepted=accepted)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(f"body: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                            field="body", accepted=accepted) from None
    except RecursionError:
        raise ScenarioError("body: JSON nested too deeply", field="body", accepted=accepted) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise ScenarioError(f"body: {exc}", field="body", accepted=accepted) from None


async def read_batch(request: Request, max_lines: int) -> str:
    """The body of a batch, refused with 413 at the first line past ``max_lines`` (JSON Lines; blank lines
    count), before the rest is read. The byte limit is enforced as it arrives by ``BodyLimitMiddleware``."""
    chunks: list[bytes] = []
    newlines = 0
    array: bool | None = None
    async for chunk in request.stream():
        if not chunk:
            continue
        chunks.append(chunk)
        if array is None:
            start = b"".join(chunks).lstrip(b"\xef\xbb\xbf \t\r\n")
            array = start.startswith(b"[") if start else None
        if array is False:
            newlines += chunk.count(b"\n")
            if newlines > max_lines:
                raise RequestTooLargeError(f"more than {max_lines:,} lines in one batch", field="scenarios",
                                           accepted=f"at most {max_lines:,} scenarios (lines) per request")
    raw = b"".join(chunks)
    if array is False and newlines + (not raw.endswith(b"\n")) > max_lines and raw.rsplit(b"\n", 1)[-1].strip():
        raise RequestTooLargeError(f"more than {max_lines:,} lines in one batch", field="scenarios",
                                   accepted=f"at most {max_lines:,} scenarios (lines) per request")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"body: not UTF-8 text (byte {exc.start})", field="body",
                            accepted="UTF-8 JSON") from None
