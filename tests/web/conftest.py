"""One real uvicorn server on 127.0.0.1 over a store holding the bundled example, for the session.

Tests talk to it over HTTP (httpx) and drive it with Debian's Chromium (Playwright): real sockets,
the real app, the real pipeline. Upload limits are small here so that 413s cost little to provoke.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.types import ASGIApp

import newsfuse
from newsfuse.web import UploadLimits, create_app
from tests.conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
LIMITS = UploadLimits(max_files=3, max_body_bytes=200_000)


@dataclass(frozen=True)
class Server:
    url: str
    db: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=120)


@contextlib.contextmanager
def serving(app: ASGIApp) -> Iterator[str]:
    """`app` under a real uvicorn on 127.0.0.1 (a free port), in a thread: its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, name="uvicorn-test", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = uv.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    db = tmp_path_factory.mktemp("web") / "store.db"
    newsfuse.ingest(EXAMPLE, db)
    with serving(create_app(db, limits=LIMITS, warm=False)) as url:
        yield Server(url, db)


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a live store (SQLite's backup: the WAL's pages included)."""
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    return target


@pytest.fixture(scope="module")
def scratch(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of the module's own over a copy of the session's store, for tests that write to it."""
    db = copy_store(server.db, tmp_path_factory.mktemp("scratch") / "store.db")
    with serving(create_app(db, limits=LIMITS, warm=False)) as url:
        yield Server(url, db)


@pytest.fixture(scope="session")
def http(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def chromium_or_skip() -> Path:
    """Debian's Chromium; skip when it is absent, except under CI where it must be there."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{CHROMIUM} is missing under CI: `make test` installs it (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} not installed (`make test` installs it with apt)")


def node_modules() -> Path:
    """The project's npm packages: $NEWSFUSE_NODE_MODULES, else node_modules beside the sources."""
    configured = os.environ.get("NEWSFUSE_NODE_MODULES")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "node_modules"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser build, to evaluate in a page; skip without it, except under CI."""
    axe = node_modules() / "axe-core" / "axe.min.js"
    if axe.is_file():
        return axe.read_text(encoding="utf-8")
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{axe} is missing under CI: `make setup` installs it (npm ci)")
    pytest.skip(f"{axe} not found (`make setup` installs it; or set NEWSFUSE_NODE_MODULES)")
