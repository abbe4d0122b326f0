"""The HTTP API and the web map: a thin FastAPI layer over the library.

Every endpoint calls the same library function as the matching CLI command and
answers the same JSON (``casus.jsonio``). Bad input is a 4xx with the body of
``CasusError.to_dict()``; the map page under ``web/`` is served by the same
process and needs nothing from the internet.
"""

from __future__ import annotations

from casus.api.app import create_app
from casus.api.limits import Limits

__all__ = ["Limits", "create_app"]
