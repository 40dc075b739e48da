"""The web app: one FastAPI object over the store, for the pages, the JSON API and `serve --get`.

    app = create_app("newsfuse.db")          # uvicorn.run(app) — or `newsfuse serve`
    status, body = answer_once(app, "/api/stories")

Every response carries a strict Content-Security-Policy (scripts and styles from this app only,
no inline script, nothing from elsewhere), `X-Content-Type-Options: nosniff` and no framing: 500s
too, since the header layer (`ResponseGuard`) wraps the whole app, Starlette's error layer included.
Every error is a status with a short body saying what was wrong (`{"detail": ...}` under /api/, an
HTML page elsewhere); an unexpected exception is logged with its traceback and the request's path
(logger "newsfuse.web") and answered with a plain 500 that never shows it.
Reads open the store read-only per request; writes go through `Store.writer()` (one writer at a
time across processes: a request that finds another process writing gets 409, never a hang).

Shaped as datasette's: the views (pages.py, json_api.py, exports.py) receive the app state
(`web_state(request)`, state.py) and render with templating.py; none imports this module, which
imports their routers at the top (tests/web/test_structure.py checks it).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.errors import InputError, NoArticlesError, StoreBusyError
from newsfuse.render.styles import brief_stylesheet
from newsfuse.store import open_store
from newsfuse.web import exports, feeds, json_api, pages
from newsfuse.web.briefs import BriefCache, Warmer
from newsfuse.web.state import WebState as WebState  # re-exported: views import it from web.state
from newsfuse.web.state import web_state as web_state
from newsfuse.web.templating import page as page
from newsfuse.web.templating import templates as templates
from newsfuse.web.uploads import UploadError, UploadLimits

log = logging.getLogger("newsfuse.web")

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
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
INTERNAL_ERROR = "internal error: the server could not answer this request (the error is logged)"


def create_app(
    db_path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    limits: UploadLimits | None = None,
    warm: bool = True,
    cache_size: int = 64,
    watching: bool = False,
) -> FastAPI:
    """The app over the store at `db_path` (created, or migrated, when needed); `watching`: a watcher
    polls the store's feeds beside it (`serve --watch`), as the Feeds page says."""
    path = Path(db_path)
    settings = settings or Settings()
    open_store(path).close()  # create or migrate now, so that every later read can be read-only
    briefs = BriefCache(path, settings, size=cache_size)
    limits = limits or UploadLimits.from_settings(settings)  # explicit limits: tests' small ones
    state = WebState(path, settings, limits, briefs, Warmer(briefs) if warm else None)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if state.warmer:
            state.warmer.start()
        yield
        if state.warmer:
            state.warmer.stop()
        state.lists.close()

    app = NewsfuseApp(
        title="newsfuse",
        version=__version__,
        description="Briefs of stored news stories: the same JSON as `newsfuse show ID -f json`.",
        docs_url=None,  # FastAPI's default docs load Swagger UI from a CDN: ours are served here
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    state.watching = watching
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/assets/brief.css", include_in_schema=False)
    def brief_css() -> Response:
        """The brief's sections' stylesheet, the very CSS the self-contained HTML brief inlines."""
        return Response(brief_stylesheet(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    _add_error_handlers(app)
    app.include_router(exports.router)  # before the pages': /stories.csv is no story page
    app.include_router(pages.router)
    app.include_router(json_api.router)
    app.include_router(feeds.router)
    app.include_router(feeds.api)
    return app


class NewsfuseApp(FastAPI):
    """FastAPI with `ResponseGuard` around its whole middleware stack, whoever serves it."""

    def build_middleware_stack(self) -> ASGIApp:
        return ResponseGuard(HeadAsGet(super().build_middleware_stack()))


class ResponseGuard:
    """The outermost layer (pure ASGI): security headers on every response; no exception gets past.

    Starlette's ServerErrorMiddleware is the outermost layer of a FastAPI app: it answers an
    unhandled exception with our 500 (`_internal_error`, which logs it), then raises it again for
    the server, which logs it again and drops the kept-alive connection; middleware added with
    `add_middleware` sits inside it and never sees that 500. Out here the exception ends: the 500
    went out with the headers and the connection stays usable. When nothing was sent (the error
    handler failed too), the exception is logged and a plain 500 sent from here.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((n, v) for n, v in SECURITY_HEADERS if n not in names),
                ]
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if started:  # `_internal_error` logged it and answered (a response cut short: the server closes)
                return
            log.exception("%s %s failed", scope.get("method"), shown_path(scope.get("path", "")))
            await _plain_error(scope.get("path", ""), 500, INTERNAL_ERROR)(scope, receive, with_headers)


class HeadAsGet:
    """HEAD answered as GET without the body (FastAPI's GET routes would answer it 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def shown_path(path: str, limit: int = 120) -> str:
    """A request path fit for a message or a log line: printable, unambiguous, short."""
    shown = repr(path)[1:-1]
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# --- errors ----------------------------------------------------------------------------------------


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/openapi.json"


def _plain_error(path: str, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error without templates: JSON `{"detail": message}` for the API, a bare page otherwise."""
    if _wants_json(path):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    body = f"<!doctype html><title>Error {status}</title><h1>Error {status}</h1><p>{escape(message)}</p>"
    return HTMLResponse(body, status_code=status, headers=headers)


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error as JSON for the API, or as the site's error page."""
    if _wants_json(request.url.path):
        return _plain_error(request.url.path, status, message, headers)
    return page("error.html.j2", status, headers, status=status, message=message)


def _add_error_handlers(app: FastAPI) -> None:
    handlers: dict[type[Exception], Callable[[Exception], tuple[int, str]]] = {
        UploadError: lambda e: (e.status, e.message),  # type: ignore[attr-defined]
        StoreBusyError: lambda e: (409, f"{e} — try again in a moment"),
        NoArticlesError: lambda e: (404, str(e)),
        InputError: lambda e: (422, str(e)),
        ClientDisconnect: lambda e: (400, "the request ended before its body did"),
    }

    for kind, describe in handlers.items():

        async def handle(
            request: Request, exc: Exception, describe: Callable[[Exception], tuple[int, str]] = describe
        ) -> Response:
            status, message = describe(exc)
            return _error(request, status, message)

        app.add_exception_handler(kind, handle)

    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _internal_error)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's and ours; its headers kept, and the generic 404 and 405 saying what was asked."""
    assert isinstance(exc, HTTPException)
    status, message, headers = exc.status_code, str(exc.detail), dict(exc.headers or {})
    path = shown_path(request.url.path)
    if status == 404 and message == "Not Found":
        message = f"nothing at {path}"
    elif status == 405:
        allowed = _allowed_methods(request, headers.get("Allow", ""))
        headers["Allow"] = ", ".join(allowed)
        message = f"{request.method} is not allowed at {path}: use {' or '.join(allowed)}"
    return _error(request, status, message, headers)


def _allowed_methods(request: Request, declared: str) -> list[str]:
    """Every method some route at this path answers (Starlette's 405 names the first route's only)."""
    allowed = {m.strip() for m in declared.split(",") if m.strip()}
    for route in request.app.router.routes:
        if route.matches(request.scope)[0] == Match.PARTIAL:  # the path matches, the method does not
            allowed |= {m for m in _METHODS if route.matches({**request.scope, "method": m})[0] == Match.FULL}
    if "GET" in allowed:
        allowed.add("HEAD")  # `HeadAsGet`
    return sorted(allowed)


async def _invalid(request: Request, exc: Exception) -> Response:
    """422 naming each invalid field (query parameters: the request has no JSON model body)."""
    errors = jsonable_encoder(exc.errors()) if isinstance(exc, RequestValidationError) else []
    message = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', '')}" for e in errors
    )
    if _wants_json(request.url.path):
        return JSONResponse({"detail": message or "invalid request", "errors": errors}, status_code=422)
    return _error(request, 422, message or "invalid request")


async def _internal_error(request: Request, exc: Exception) -> Response:
    """Any other exception: logged with its traceback and the path, answered by a 500 showing none of it."""
    log.error("%s %s failed", request.method, shown_path(request.url.path), exc_info=exc)
    return _error(request, 500, INTERNAL_ERROR)


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
    """Serve until interrupted; our log lines (a failed request's traceback) printed as uvicorn's are."""
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    log_config = copy.deepcopy(LOGGING_CONFIG)
    log_config["loggers"]["newsfuse"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    uvicorn.run(app, host=host, port=port, log_level="info", log_config=log_config, server_header=False)
