"""A sweep of hostile requests (fixed seed) over every route and method: never a 500, always the headers.

Each request mixes a method, a path (story ids of every bad kind), a query (far and impossible dates,
huge numbers, bytes that are not UTF-8, search syntax) and, for methods with a body, one of a set of
hostile bodies under one of several content types. The sweep checks the app answers each with a
status below 500, the security headers, and under /api/ a JSON `{"detail": ...}` for every error.
"""

from __future__ import annotations

import http.client
import json
import os
import random
from urllib.parse import quote, urlsplit

from newsfuse.web.app import SECURITY_HEADERS
from tests.web.conftest import Server

# a longer sweep by hand: NEWSFUSE_WEB_SWEEP=2000 NEWSFUSE_WEB_SWEEP_SEED=7 pytest tests/web/test_sweep.py
COUNT = int(os.environ.get("NEWSFUSE_WEB_SWEEP", "400"))
SEED = int(os.environ.get("NEWSFUSE_WEB_SWEEP_SEED", "18"))
METHODS = ["GET"] * 4 + ["POST"] * 4 + ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
PATHS = [
    "/",
    "/add",
    "/docs",
    "/openapi.json",
    "/api/stories",
    "/api/stories/{id}",
    "/stories/{id}",
    "/api/articles",
    "/static/app.css",
    "/static/{name}",
    "/api/{name}",
    "/{name}",
]
WRITES = ["/api/articles"] * 3 + ["/add"]
IDS = ["1", "2", "0", "-1", "abc", "99999999999999999999", "9223372036854775807", "9" * 5000, "1.0", "%00"]
NAMES = ["..%2F..%2Fetc%2Fpasswd", "app.js%00.css", "%ED%A0%80", "%FF%FE", "x" * 3000, ".", "nowhere", "%2e"]
QUERY_VALUES = [
    "",
    "fire",
    "9999-12-31",
    "0001-01-01",
    "2025-02-30",
    "0000-00-00",
    "99999-01-01",
    "9" * 5000,
    "-99999999999999999999",
    "1e9",
    "%00",
    "%ED%A0%80",
    "%FF",
    'NEAR(a b) * " ^ -x OR AND',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "a" * 5000,
    "١٢",
]
ARTICLE = (
    "The footbridge over the Tenmile canal at Harrowgate was closed on Tuesday after an inspection found "
    "corroded bolts, the borough engineer said. Walkers were sent along the towpath to the next crossing."
)


def json_bodies(rng: random.Random) -> list[bytes]:
    """JSON that is deep, huge, not UTF-8, the wrong shape, or records with every field wrong."""
    record = {"title": "Footbridge closed", "text": ARTICLE, "published": "2025-03-04"}
    valid = json.dumps(record).encode()
    mutated = bytearray(valid)
    for _ in range(rng.randint(1, 6)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    return [
        b"[" * 50_000 + b"]" * 50_000,
        b'{"text": ' + b"{" * 3000 + b"}" * 3000 + b"}",
        b'{"text": "x", "n": ' + b"1" * 5000 + b"}",
        b'{"text": "x", "n": 1e999999}',
        b'{"text": "\\ud800\\udfff\\udbff lone"}',
        b'{"text": "\xff\xfe\xfd"}',
        b"\xef\xbb\xbf" + valid,  # a BOM
        valid.decode().encode("utf-16"),
        b"",
        b"null",
        b"[]",
        b'[{"text": 1}, {"text": null}, {"text": ["a"]}, {"text": {"a": 1}}]',
        json.dumps({**record, "published": "9999-12-31"}).encode(),
        json.dumps({**record, "published": "0001-01-01", "title": "Footbridge reopened"}).encode(),
        json.dumps([{**record, "published": d} for d in ("9999-12-31", "0001-01-01", "2025-03-04")]).encode(),
        json.dumps({**record, "published": 10**30, "url": 5, "source": ["x"], "title": {"a": None}}).encode(),
        json.dumps({**record, "url": "javascript:alert(1)", "title": "<img src=x onerror=f()>"}).encode(),
        json.dumps({"text": "\x00" * 100}).encode(),
        bytes(mutated),
        rng.randbytes(200),
    ]


def form_bodies(rng: random.Random) -> list[tuple[str, bytes]]:
    """Multipart and urlencoded forms, broken in the ways a hand-made client breaks them."""
    part = b'--b\r\nContent-Disposition: form-data; name="files"; filename="%s"\r\n\r\n%s\r\n--b--\r\n'
    return [
        ("multipart/form-data", part % (b"a.txt", ARTICLE.encode())),  # no boundary parameter
        ("multipart/form-data; boundary=b", part % (b"../../etc/passwd\x00.txt", b"x")),
        ("multipart/form-data; boundary=b", part % (b"\xff\xfe.html", b"<p>\xff</p>")),
        ("multipart/form-data; boundary=b", part % (b"a.json", b"[" * 5000)),
        ("multipart/form-data; boundary=b", part % (b"a.jsonl", b'{"text": "\\ud800"}\n' * 3)),
        ("multipart/form-data; boundary=b", part % (b"a.txt.gz", b"\x1f\x8b\x08\x00broken")),
        ("multipart/form-data; boundary=b", b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n"),
        ("multipart/form-data; boundary=b", b"--b\r\n" + rng.randbytes(300)),
        ("multipart/form-data; boundary=b; charset=no-such-codec", part % (b"a.txt", b"\xff")),
        ("multipart/form-data; boundary=" + "b" * 2000, b"--" + b"b" * 2000 + b"--\r\n"),
        ("application/x-www-form-urlencoded", b"text=%FF%FE&title=%ED%A0%80"),
        ("application/x-www-form-urlencoded", b"text=" + b"%" * 1000),
        ("application/x-www-form-urlencoded", b"&" * 5000),
        ("application/x-www-form-urlencoded", b"text=" + quote(ARTICLE).encode() + b"&title=Bridge"),
    ]


CONTENT_TYPES = ["application/json", "application/json; charset=latin-1", "text/plain", "", "*/*", "a/b+json"]


def generate(count: int, seed: int) -> list[tuple[str, str, bytes | None, dict[str, str]]]:
    rng = random.Random(seed)
    requests = []
    for _ in range(count):
        method = rng.choice(METHODS)
        writes = method == "POST" and rng.random() < 0.7  # most bodies go where bodies are read
        fill = {"id": quote(rng.choice(IDS), safe="%"), "name": rng.choice(NAMES)}
        path = rng.choice(WRITES if writes else PATHS).format(**fill)
        if rng.random() < 0.5:
            names = rng.sample(["q", "since", "until", "limit", "q"], rng.randint(1, 4))
            path += "?" + "&".join(f"{n}={quote(rng.choice(QUERY_VALUES), safe='%')}" for n in names)
        body: bytes | None = None
        headers: dict[str, str] = {}
        if method in ("POST", "PUT", "PATCH"):
            if rng.random() < 0.6:
                body = rng.choice(json_bodies(rng))
                content_type = rng.choice(CONTENT_TYPES)
            else:
                content_type, body = rng.choice(form_bodies(rng))
            if content_type:
                headers["content-type"] = content_type
        requests.append((method, path, body, headers))
    return requests


def test_no_hostile_request_gets_a_500(scratch: Server) -> None:
    parts = urlsplit(scratch.url)
    failures, statuses = [], {}
    for method, path, body, headers in generate(COUNT, SEED):
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=300)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        got = {k.lower(): v for k, v in response.getheaders()}
        problems = []
        if response.status >= 500:
            problems.append("5xx")
        if any(got.get(n.decode()) != v.decode() for n, v in SECURITY_HEADERS):
            problems.append("security headers missing")
        if response.status >= 400 and path.startswith("/api/") and method != "HEAD":
            try:
                detail = json.loads(data)["detail"]
                assert isinstance(detail, str) and detail
            except (ValueError, KeyError, TypeError, AssertionError):
                problems.append("no JSON detail")
        if b"Traceback" in data:
            problems.append("traceback shown")
        if problems:
            failures.append(f"{method} {path[:80]} {headers} -> {response.status} {problems}: {data[:160]!r}")
    assert not failures, f"{len(failures)} of {COUNT} (statuses {statuses}):\n" + "\n".join(failures[:30])
    assert len(statuses) >= 5  # the sweep reached many kinds of answer, not one
