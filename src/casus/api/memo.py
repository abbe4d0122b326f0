"""A bounded cache of answers, because the knowledge base never changes while the server runs.

The same question (path, query, body, and today's date for questions that
default to today) always gets the same JSON, so an answer is kept, encoded,
and served again without touching the library: the map asks the same place on
the same date many times as a user moves around. The cache is bounded by
bytes, least recently used first out, and shared by the threads of one app.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from casus.api.responses import JSON, encode

#: total bytes of cached answers per app
MAX_BYTES = 64 * 1024 * 1024
#: answers larger than this are not kept (a batch, a world-wide reach with every city)
MAX_ITEM = 4 * 1024 * 1024


class AnswerCache:
    def __init__(self, max_bytes: int = MAX_BYTES, max_item: int = MAX_ITEM) -> None:
        self.max_bytes = max_bytes
        self.max_item = max_item
        self._items: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: bytes) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: bytes, body: bytes) -> None:
        if len(body) > self.max_item:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._items[key] = body
            self._size += len(body)
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._items), "bytes": self._size, "hits": self.hits, "misses": self.misses}


def key_of(request: Request, body: bytes = b"") -> bytes:
    from casus.dates import today

    h = hashlib.blake2b(digest_size=20)
    for part in (request.method, request.url.path, str(sorted(request.query_params.multi_items())),
                 today().isoformat()):
        h.update(part.encode())
        h.update(b"\0")
    h.update(body)
    return h.digest()


async def remembered(request: Request, compute: Callable[[], Awaitable[Any]], body: bytes = b"") -> Response:
    """The cached answer to this request, or ``compute()``'s, encoded and kept. Errors are not kept."""
    cache: AnswerCache = request.app.state.answers
    key = key_of(request, body)
    hit = cache.get(key)
    if hit is None:
        hit = encode(await compute())
        cache.put(key, hit)
    return Response(hit, media_type=JSON)
