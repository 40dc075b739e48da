"""The web app: one FastAPI object over the store, for the pages, the JSON API and `serve --get`.

    app = create_app("newsfuse.db")          # uvicorn.run(app) — or `newsfuse serve`
    status, body = answer_once(app, "/api/stories")

Every response carries a strict Content-Security-Policy (scripts and styles from this app only,
no inline script, nothing from elsewhere), `X-Content-Type-Options: nosniff` and no framing.
Reads open the store read-only per request; writes go through `Store.writer()` (one writer at a
time across processes: a request that finds another process writing gets 409, never a hang).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment
from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.errors import NewsfuseError, NoArticlesError, StoreBusyError
from newsfuse.render.common import SECTION_TITLES, date_range
from newsfuse.render.html import template_environment
from newsfuse.store import Store, open_store
from newsfuse.web.briefs import BriefCache, Warmer
from newsfuse.web.uploads import UploadError, UploadLimits

STATIC = Path(__file__).parent / "static"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


@dataclass
class WebState:
    """What every request handler needs: the store's path, settings, limits and the brief cache."""

    db_path: Path
    settings: Settings
    limits: UploadLimits
    briefs: BriefCache
    warmer: Warmer | None

    def reader(self) -> Store:
        return open_store(self.db_path, readonly=True)


def create_app(
    db_path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    limits: UploadLimits | None = None,
    warm: bool = True,
    cache_size: int = 64,
) -> FastAPI:
    """The app over the store at `db_path` (created, or migrated, when needed)."""
    path = Path(db_path)
    settings = settings or Settings()
    open_store(path).close()  # create or migrate now, so that every later read can be read-only
    briefs = BriefCache(path, settings, size=cache_size)
    state = WebState(path, settings, limits or UploadLimits(), briefs, Warmer(briefs) if warm else None)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if state.warmer:
            state.warmer.start()
        yield
        if state.warmer:
            state.warmer.stop()

    app = FastAPI(
        title="newsfuse",
        version=__version__,
        description="Briefs of stored news stories: the same JSON as `newsfuse show ID -f json`.",
        docs_url=None,  # FastAPI's default docs load Swagger UI from a CDN: ours are served here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)

    from newsfuse.web import json_api, pages

    app.include_router(pages.router)
    app.include_router(json_api.router)
    app.add_middleware(SecurityHeaders)
    return app


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


class SecurityHeaders:
    """Pure ASGI middleware: the security headers on every HTTP response, errors and static files too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((n, v) for n, v in SECURITY_HEADERS if n not in names),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)


# --- templates and errors --------------------------------------------------------------------------


@functools.cache
def templates() -> Environment:
    env = template_environment("newsfuse.web")
    env.globals.update(version=__version__, sections=SECTION_TITLES, date_range=date_range)
    return env


def page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates().get_template(name).render(**context), status_code=status_code)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return page("error.html.j2", status, status=status, message=message)


def _add_error_handlers(app: FastAPI) -> None:
    handlers: dict[type[Exception], Callable[[Exception], tuple[int, str]]] = {
        UploadError: lambda e: (e.status, e.message),  # type: ignore[attr-defined]
        StoreBusyError: lambda e: (409, f"{e} — try again in a moment"),
        NoArticlesError: lambda e: (404, str(e)),
        HTTPException: lambda e: (e.status_code, str(e.detail)),  # type: ignore[attr-defined]
        NewsfuseError: lambda e: (500, str(e)),
    }

    for kind, describe in handlers.items():

        async def handle(
            request: Request, exc: Exception, describe: Callable[[Exception], tuple[int, str]] = describe
        ) -> Response:
            status, message = describe(exc)
            return _error(request, status, message)

        app.add_exception_handler(kind, handle)

    async def invalid(request: Request, exc: Exception) -> Response:
        errors = exc.errors() if isinstance(exc, RequestValidationError) else []
        message = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}"
            for e in errors
        )
        if _wants_json(request):
            return JSONResponse({"detail": message or "invalid request", "errors": errors}, status_code=422)
        return page("error.html.j2", 422, status=422, message=message or "invalid request")

    app.add_exception_handler(RequestValidationError, invalid)


# --- one request, in process ----------------------------------------------------------------------


def answer_once(app: ASGIApp, target: str) -> tuple[int, bytes]:
    """GET `target` ("/api/stories?q=fire") from the app without a server: (status, body)."""
    path, _, query = target.partition("?")
    scope: Scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path or "/",
        "raw_path": (path or "/").encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    status, body = 500, bytearray()

    async def call() -> None:
        requested, done = False, asyncio.Event()

        async def receive() -> Message:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # a response listening for the client leaving: after it is sent
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body"):
                    done.set()

        await app(scope, receive, send)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(call())
    else:  # called under a running loop (a notebook, a sync driver of one): a loop of its own
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, call()).result()
    return status, bytes(body)


def run(app: FastAPI, host: str, port: int) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
