"""A scripted HTTP server on 127.0.0.1 for the fetching, feed and watch tests (never another address).

Each test builds its routes: a path maps to a `Reply` (status, headers, body, a delay before the
answer, a body sent slowly or without end) or to a function of the `Seen` request returning one. Every
request is logged with its arrival time, so politeness (rate limits, one conditional request per
feed) is measured from what the server saw, not from what the client says it did.

    with LocalServer({"/feed.xml": Reply(200, FEED, {"Content-Type": "application/rss+xml"})}) as server:
        fetch(server.url("/feed.xml"))
        assert server.paths() == ["/robots.txt", "/feed.xml"]
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Seen:
    """One request as the server received it."""

    method: str
    path: str  # with its query string
    headers: Mapping[str, str]  # names lower-cased
    at: float  # time.monotonic() on arrival
    port: int


@dataclass(frozen=True)
class Reply:
    """What the server answers: `delay` seconds before the status line; `drip` seconds between body
    chunks of `chunk` bytes; `endless` streams chunks of `body` forever (until the client leaves);
    `gzip` compresses the body (Content-Encoding: gzip)."""

    status: int = 200
    body: bytes | str = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float = 0.0
    chunk: int = 1024
    endless: bool = False
    gzip: bool = False


Route = Reply | Callable[[Seen], Reply]


class LocalServer:
    """A threaded HTTP/1.1 server on 127.0.0.1 with a route table and a request log.

    Routes can be changed while it runs (`server.routes[path] = Reply(...)`); an unknown path is 404.
    `robots` is served at /robots.txt unless a route overrides it (default: allow everything).
    """

    def __init__(self, routes: Mapping[str, Route] | None = None, *, robots: str | None = "") -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        if robots is not None and "/robots.txt" not in self.routes:
            self.routes["/robots.txt"] = Reply(200, robots, {"Content-Type": "text/plain"})
        self.log: list[Seen] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        # polled every 50 ms, not 0.5 s: stopping a server then costs a test 50 ms, not half a second
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="localhttp", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        """The paths requested so far, in order of arrival."""
        with self._lock:
            return [seen.path for seen in self.log]

    def requests_for(self, path: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.log if seen.path == path]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _record(self, seen: Seen) -> Route | None:
        with self._lock:
            self.log.append(seen)
            return self.routes.get(seen.path)


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def _answer(self, *, head: bool) -> None:
            seen = Seen(
                self.command,
                self.path,
                {k.lower(): v for k, v in self.headers.items()},
                time.monotonic(),
                server.port,
            )
            route = server._record(seen)
            reply = (
                Reply(404, "not found")
                if route is None
                else route
                if isinstance(route, Reply)
                else route(seen)
            )
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body.encode("utf-8") if isinstance(reply.body, str) else reply.body
            if reply.gzip:
                body = gzip.compress(body)
            try:
                self.send_response(reply.status)
                headers = {k.lower(): v for k, v in reply.headers.items()}
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.gzip and "content-encoding" not in headers:
                    self.send_header("Content-Encoding", "gzip")
                if reply.endless:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if not head:
                        for piece in _forever(body or b"x" * 1024):
                            self.wfile.write(piece)
                            if reply.drip:
                                time.sleep(reply.drip)
                    return
                if "content-length" not in headers and reply.status not in (204, 304):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if head or reply.status in (204, 304):
                    return
                if reply.drip:
                    for start in range(0, len(body), reply.chunk):
                        self.wfile.write(body[start : start + reply.chunk])
                        self.wfile.flush()
                        time.sleep(reply.drip)
                else:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up: what a fetcher with limits does

    return Handler


def _forever(piece: bytes) -> Iterator[bytes]:
    while True:
        yield piece
