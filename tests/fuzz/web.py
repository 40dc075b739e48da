"""Hostile HTTP to a real uvicorn server on 127.0.0.1: generated posts, paths, methods and headers.

Every response must carry the security headers and never be a 500; a well-formed post that also
holds the good article must keep it (the response names the story it landed in). Requests are
generated from a seeded `random.Random`, like the file cases, so a run is repeatable.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from tests.fuzz.fixtures import GOOD_NAME, GOOD_STORY, good_text, record
from tests.fuzz.harness import SECURITY_HEADERS, Failure, Tally
from tests.fuzz.mutators import Case, dump_doc, json_mutation

GOOD_RECORD = json.dumps(record(GOOD_STORY))


@contextmanager
def serve(db: Path, max_body_bytes: int = 2_000_000) -> Iterator[str]:
    """A real uvicorn server over a fresh store at `db`, in a thread; yields its base URL."""
    from newsfuse.web import UploadLimits, create_app

    app = create_app(db, limits=UploadLimits(max_files=5, max_body_bytes=max_body_bytes), warm=False)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-fuzz", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the fuzz server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@dataclass(frozen=True)
class Request:
    """One generated request: method, path (with query), headers, body; `good` names the good input."""

    method: str
    path: str
    how: str
    kind: str  # e.g. "POST json", "GET /api/stories/{id}"
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    files: bool = False  # a multipart upload (well-formed: the good file must be read)
    good: str | None = None  # the "where" the good article must show in the response's stories

    @property
    def oversized(self) -> bool:
        """Headers beyond what any HTTP server reads (uvicorn: 16 KB): it may answer by closing."""
        return sum(len(k) + len(v) for k, v in self.headers) > HEADER_LIMIT


HEADER_LIMIT = 64 * 1024

IDS = [
    "0",
    "-1",
    "1",
    "2",
    "99999999999999999999",
    "9" * 400,
    "1e5",
    "abc",
    "%00",
    "%ff",
    "１",
    " 1",
    "1.0",
    "0x10",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "%2e%2e",
    "null",
]
QUERY_VALUES = [
    "",
    "x",
    "9999-12-31",
    "0001-01-01",
    "99999-01-01",
    "-1",
    "1e30",
    "9" * 50,
    "%00",
    "%ff%fe",
    "2026-02-30",
    "a" * 5000,
    "%ED%A0%80",
    "'; DROP TABLE stories;--",
    "<script>alert(1)</script>",
]
GET_ROUTES = [
    "/",
    "/add",
    "/docs",
    "/openapi.json",
    "/api/stories",
    "/static/style.css",
    "/static/../app.py",
    "/nope",
    "/api/nope",
    "/%ff",
    "/a/" + "b" * 3000,
]


def post_json(rng: random.Random, size: int) -> Request:
    doc, how = json_mutation(rng, size)
    raw = doc if isinstance(doc, str) else dump_doc(doc)
    if rng.random() < 0.8:  # the hostile record beside the good one, in one list
        body = f"[{raw}, {GOOD_RECORD}]"
        return Request(
            "POST",
            "/api/articles",
            f"json [bad, good]: {how}",
            "POST json",
            (("content-type", "application/json"),),
            body.encode("utf-8", "surrogatepass"),
            good="request.json:2",
        )
    return Request(
        "POST",
        "/api/articles",
        f"json alone: {how}",
        "POST json",
        (("content-type", rng.choice(["application/json", "application/json; charset=latin-1", ""])),),
        raw.encode("utf-8", "surrogatepass"),
    )


def multipart(files: list[tuple[bytes, bytes]], boundary: str = "fuzzb0undary") -> tuple[str, bytes]:
    """A multipart/form-data body written by hand: file names go out as raw bytes (not UTF-8 ones too)."""
    parts = [
        b"--"
        + boundary.encode()
        + b'\r\nContent-Disposition: form-data; name="files"; filename="'
        + name.replace(b'"', b"%22")
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + data
        + b"\r\n"
        for name, data in files
    ]
    return f"multipart/form-data; boundary={boundary}", b"".join(
        parts
    ) + b"--" + boundary.encode() + b"--\r\n"


def post_files(case: Case) -> Request:
    """A multipart post: one mutated file case beside the good article's file."""
    name = os.fsencode(case.name if case.layout == "file" else "upload.txt")
    ctype, body = multipart([(name, case.data), (GOOD_NAME.encode(), good_text())])
    return Request(
        "POST",
        "/api/articles",
        f"multipart [{case.how}] + good",
        f"POST multipart {case.kind}",
        (("content-type", ctype),),
        body,
        files=True,
        good=GOOD_NAME,
    )


# pasted text for the form: empty, a lone surrogate, NULs, one-word paragraphs, a far date
PASTED = ["", "\ud800 lone", "\x00" * 50, "word\n\n" * 500, "On 31 December 9999 three people died."]


def post_form(case: Case, pasted: str) -> Request:
    """The web page's "add articles" form: a mutated file, the good file and hostile pasted text."""
    name = os.fsencode(case.name if case.layout == "file" else "upload.txt")
    ctype, body = multipart([(name, case.data), (GOOD_NAME.encode(), good_text())])
    field = b'--fuzzb0undary\r\nContent-Disposition: form-data; name="text"\r\n\r\n'
    body = field + pasted.encode("utf-8", "surrogatepass") + b"\r\n" + body
    return Request(
        "POST",
        "/add",
        f"form [{case.how}] + good + pasted {pasted[:40]!r}",
        f"POST /add {case.kind}",
        (("content-type", ctype),),
        body,
        files=True,
        good=GOOD_NAME,
    )


def post_odd(rng: random.Random) -> Request:
    what = rng.choice(["bad-multipart", "form", "xml", "no-boundary", "huge-declared", "garbage", "empty"])
    ct, body = {
        "bad-multipart": (
            "multipart/form-data; boundary=XX",
            b'--XX\r\nContent-Disposition: form-data; name="files"\r\n\r\nabc',
        ),
        "form": ("application/x-www-form-urlencoded", b"text=" + b"%ff%fe" * 50 + b"&title=%00"),
        "xml": ("application/xml", b"<?xml version='1.0'?><!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>"),
        "no-boundary": ("multipart/form-data", b"--\r\n"),
        "huge-declared": ("application/json", b"{}"),
        "garbage": ("application/json", bytes(range(256))),
        "empty": ("application/json", b""),
    }[what]
    headers = [("content-type", ct)]
    if what == "huge-declared":
        headers.append(("x-declared", "99999999999999999999"))
    return Request(
        "POST", rng.choice(["/api/articles", "/add"]), f"post {what}", f"POST {what}", tuple(headers), body
    )


def get_request(rng: random.Random, story_ids: list[int]) -> Request:
    what = rng.random()
    if what < 0.35:
        sid = rng.choice(IDS + [str(i) for i in story_ids])
        route = rng.choice(["/api/stories/{id}", "/stories/{id}"])
        return Request("GET", route.replace("{id}", sid), f"GET {route} id={sid!r}", f"GET {route}")
    if what < 0.7:
        params = {
            k: rng.choice(QUERY_VALUES)
            for k in rng.sample(["q", "since", "until", "limit", "page", "x"], rng.randint(1, 4))
        }
        route = rng.choice(["/api/stories", "/", "/stories/1", "/api/stories/1"])
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return Request("GET", f"{route}?{query}", f"GET {route}?{query[:120]}", f"GET {route}?query")
    if what < 0.85:
        method = rng.choice(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "POST", "HEAD", "FOO"])
        route = rng.choice([*GET_ROUTES, "/api/stories/1", "/stories/1", "/api/articles"])
        return Request(method, route, f"{method} {route}", f"{method} (wrong method)")
    if what < 0.93:
        route = rng.choice(GET_ROUTES)
        return Request("GET", route, f"GET {route[:80]}", "GET odd path")
    n = rng.choice([1, 60])
    headers = tuple((f"x-h{i}", "v" * rng.choice([100, 8000, 70000])) for i in range(n))
    return Request("GET", "/api/stories", f"GET with {n} huge headers", "GET huge headers", headers)


_LAST: dict[int, Request] = {}  # per client, the request sent before: a reset is its doing


def send(client: httpx.Client, req: Request, tally: Tally) -> dict[str, Any] | None:
    """Send one request and check its response; the JSON body when there is one."""
    tally.cases += 1
    start = time.perf_counter()
    try:
        try:
            resp = client.request(req.method, req.path, headers=list(req.headers), content=req.body)
        except (httpx.ReadError, httpx.RemoteProtocolError) as exc:
            # the kept-alive connection was dropped: blame the request before, and retry this one afresh
            before = _LAST.get(id(client))
            if req.oversized:
                raise  # the server's parser closed on headers it will not read: not the app's doing
            if before is None or not before.oversized:
                tally.failures.append(
                    Failure(
                        "web",
                        before.kind if before else "connection",
                        f"the server reset the kept-alive connection after it ({type(exc).__name__})",
                        before.how if before else "the first request",
                        before.body or b"" if before else b"",
                    )
                )
            resp = client.request(req.method, req.path, headers=list(req.headers), content=req.body)
    except httpx.HTTPError as exc:
        if req.oversized:
            tally.notes[f"uvicorn closed the connection on headers over {HEADER_LIMIT // 1024} KB"] += 1
            return None
        tally.failures.append(
            Failure(
                "web", req.kind, f"no response: {type(exc).__name__}: {exc}"[:200], req.how, req.body or b""
            )
        )
        return None
    finally:
        tally.timed(time.perf_counter() - start, req.how)
        _LAST[id(client)] = req
    broke: list[str] = []
    if resp.status_code >= 500:
        broke.append(f"status {resp.status_code}")
    missing = [h for h in SECURITY_HEADERS if h not in resp.headers]
    if missing and server_refusal(resp):
        tally.notes[f"uvicorn refused before the app: {resp.status_code} {resp.text.strip()}"] += 1
    elif missing:
        broke.append(f"no {', '.join(missing)} (status {resp.status_code})")
    if "Traceback" in resp.text:
        broke.append("a traceback in the response body")
    body = None
    if req.method != "HEAD" and resp.headers.get("content-type", "").startswith("application/json"):
        try:
            body = resp.json()
        except ValueError:
            broke.append("invalid JSON in a JSON response")
    if req.good:
        if req.files and resp.status_code != 200:  # a well-formed form with the good file: must be read
            broke.append(f"lost the good article: status {resp.status_code}")
        elif resp.status_code == 200 and req.path == "/add":  # the report page names what it read
            if req.good not in resp.text:
                broke.append("lost the good article: not on the report page")
        elif resp.status_code == 200:
            inputs = [i for s in (body or {}).get("stories", []) for i in s.get("inputs", [])]
            if req.good not in inputs:
                broke.append("lost the good article: not in any story")
    if broke:
        tally.failures.append(Failure("web", req.kind, "; ".join(broke), req.how, req.body or b""))
    return body if isinstance(body, dict) else None


def server_refusal(resp: httpx.Response) -> bool:
    """A response uvicorn's HTTP parser sent itself (an unparseable request): the app never saw it."""
    return resp.status_code in (400, 431) and resp.text.strip() == "Invalid HTTP request received."


def story_ids(client: httpx.Client) -> list[int]:
    resp = client.get("/api/stories", params={"limit": 1000})
    if resp.status_code != 200:
        return []
    return [s["id"] for s in resp.json().get("stories", []) if isinstance(s, dict) and "id" in s]


def visit_stories(client: httpx.Client, tally: Tally) -> None:
    """Every stored story, as a page and as JSON: a stored bad date must not break its views."""
    for sid in story_ids(client):
        for route in (f"/stories/{sid}", f"/api/stories/{sid}"):
            send(client, Request("GET", route, f"GET {route} (a stored story)", "GET stored story"), tally)
