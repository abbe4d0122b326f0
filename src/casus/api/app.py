"""The FastAPI application: routers, limits, security headers and error handlers in one place.

``create_app(kb)`` is what ``casus serve`` runs and what tests build; without a
knowledge base it loads the bundled one. Nothing here reaches the internet:
the interactive docs pages (Swagger UI, ReDoc) would load their scripts from a
CDN, so they are off; ``/openapi.json`` is served.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from casus.api import errors
from casus.api.limits import BodyLimitMiddleware, Limits
from casus.api.memo import AnswerCache
from casus.api.routes import geo, law, meta, reach, relations, web
from casus.api.routes import kb as kb_routes
from casus.api.security import SecurityHeadersMiddleware
from casus.geo.atlas import atlas_of

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

log = logging.getLogger("casus.api")

DESCRIPTION = """\
Military-alliance commitments as code: who is bound to defend whom, where, and when.

The same questions and the same JSON as the `casus` command line. Bad input is
answered with a 4xx and a JSON body `{"error", "message", "field", "accepted",
"suggestions"}`. Scenarios and assessments follow the JSON Schemas under
[/schemas](/schemas). The web map is at [/](/).
"""


def create_app(kb: KnowledgeBase | None = None, *, limits: Limits | None = None,
               cors_origins: Sequence[str] = (), warm: bool = False) -> FastAPI:
    """Build the app over ``kb`` (default: the bundled knowledge base).

    ``warm`` computes the map outlines and today's coverage at start-up, so the
    first page load is as fast as the rest (``casus serve`` turns it on).
    ``cors_origins`` opens the API to other origins; CORS is closed by default.
    """
    import casus.kb
    from casus.version import __version__

    if kb is None:
        kb = casus.kb.load()
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            import anyio

            await anyio.to_thread.run_sync(_warm_up, app.state.kb)
        yield

    app = FastAPI(
        title="casus",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.kb = kb
    app.state.limits = limits
    app.state.heavy_limiter = None
    app.state.answers = AnswerCache()
    for module in (meta, geo, law, kb_routes, reach, relations, web):
        app.include_router(module.router)
    errors.install(app)
    if cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(BodyLimitMiddleware, max_bytes=limits.max_body_bytes,
                       larger={"/api/assess/batch": limits.max_batch_body_bytes})
    app.add_middleware(SecurityHeadersMiddleware)
    return app


#: environment variable through which ``casus serve --workers N`` hands its settings to each worker process
CONFIG_ENV = "CASUS_SERVE_CONFIG"


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``casus serve --workers N`` (uvicorn imports it by name).

    The settings come as JSON in :data:`CONFIG_ENV`: overlays, limits, CORS origins.
    """
    import json
    import os

    import casus.kb

    config = json.loads(os.environ.get(CONFIG_ENV) or "{}")
    kb = casus.kb.load(overlays=config.get("overlays", []))
    return create_app(kb, limits=Limits(**config.get("limits", {})), cors_origins=tuple(config.get("cors", ())),
                      warm=bool(config.get("warm", True)))


def _warm_up(kb: KnowledgeBase) -> None:
    """Compile geometry, outlines, today's coverage and the reach geometry before the first request."""
    from casus.api.outlines import outlines
    from casus.api.routes.law import coverage_payload
    from casus.dates import today

    def reach_world() -> None:
        from casus.reach.world import world

        world(kb)

    for step, fn in (("atlas", lambda: atlas_of(kb)), ("outlines", lambda: outlines(kb)),
                     ("coverage", lambda: coverage_payload(kb, today(), "territory")), ("reach", reach_world)):
        try:
            fn()
        except Exception:  # a warm-up failure must not stop the server; the request will say what is wrong
            log.exception("warm-up step %s failed", step)
