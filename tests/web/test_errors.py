"""Every error a proper status with a body saying what was wrong, and the security headers on all of them.

Real uvicorn servers on 127.0.0.1 spoken to with http.client and raw sockets (to send what well-behaved
clients refuse to): huge and malformed story ids, hostile bodies, a store that breaks under the app,
a handler forced to raise, and a kept-alive connection that must survive a 500.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.app import INTERNAL_ERROR, SECURITY_HEADERS
from tests.web.conftest import LIMITS, Server, copy_store, serving

SECRET = "do-not-show-this-3b1f"  # in the forced exceptions: never in a response
JSON = {"content-type": "application/json"}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict[str, object]:
        assert self.headers["content-type"].startswith("application/json"), self.headers
        document = json.loads(self.body)
        assert isinstance(document, dict)
        return document


def ask(
    conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None, **headers: str
) -> Answer:
    conn.request(method, path, body=body, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = conn.getresponse()
    data = response.read()
    return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)


def connect(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=120)


def once(url: str, method: str, path: str, body: bytes | None = None, **headers: str) -> Answer:
    conn = connect(url)
    try:
        return ask(conn, method, path, body, **headers)
    finally:
        conn.close()


def raw(url: str, request: bytes, body_chunks: Iterable[bytes] = ()) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (no client checks), then read one response: status, headers, body."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=120) as sock:
        sock.sendall(request)
        try:
            for chunk in body_chunks:
                sock.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered (413) and stopped reading: its answer is what counts
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()


def assert_secure(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS:
        assert headers.get(name.decode()) == value.decode(), (name, headers)


def assert_error(answer: Answer, status: int, *words: str) -> None:
    """The status, the headers, a body of the right length naming what was wrong, and no traceback."""
    assert answer.status == status, (answer.status, answer.body[:300])
    assert_secure(answer.headers)
    assert int(answer.headers["content-length"]) == len(answer.body)
    text = answer.body.decode()
    assert "Traceback" not in text and SECRET not in text and 'File "' not in text
    for word in words:
        assert word in text, (word, text[:300])


# --- ids --------------------------------------------------------------------------------------------

BAD_IDS = [
    "99999999999999999999",  # beyond SQLite's 64-bit integers
    "9223372036854775808",  # 2**63: one beyond
    "9223372036854775807",  # the largest SQLite id: no such story
    "9" * 5000,  # more digits than Python's int() takes
    "-1",
    "0",
    "abc",
    "1.5",
    "0x10",
    "1e3",
    "%C2%B2",  # "²": a digit to str.isdigit, not to us
    "%D9%A1",  # "١" (Arabic-Indic one): int() would take it
    "%20",
    "1%00",
]


@pytest.mark.parametrize("story_id", BAD_IDS)
def test_a_story_id_that_names_no_story_is_404(scratch: Server, story_id: str) -> None:
    api = once(scratch.url, "GET", f"/api/stories/{story_id}")
    assert_error(api, 404)
    assert api.json()["detail"].startswith(("no story", "nothing at /api/stories/"))
    page = once(scratch.url, "GET", f"/stories/{story_id}")
    assert_error(page, 404, "Error 404")
    assert page.headers["content-type"].startswith("text/html")


def test_a_huge_id_is_no_story_to_the_store_as_well(scratch: Server) -> None:
    with open_store(scratch.db, readonly=True) as store:
        for story_id in (2**63, 10**20, -(2**63) - 1):
            with pytest.raises(KeyError):
                store.story(story_id)
            with pytest.raises(KeyError):
                store.article(story_id)


# --- bodies -----------------------------------------------------------------------------------------


def test_deep_json_is_400(scratch: Server) -> None:
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"):
        answer = once(scratch.url, "POST", "/api/articles", body, **JSON)
        assert_error(answer, 400, "JSON nested too deep")


def test_a_number_of_5000_digits_is_400(scratch: Server) -> None:
    body = b'{"text": "A ferry left Cobhaven harbour.", "count": ' + b"7" * 5000 + b"}"
    answer = once(scratch.url, "POST", "/api/articles", body, **JSON)
    assert_error(answer, 400, "JSON number of 5,000 digits")
    assert "4300" not in answer.json()["detail"]  # not the interpreter's own message


def test_lone_surrogates_are_replaced_and_the_article_kept(scratch: Server) -> None:
    body = (
        b'{"title": "Tram depot \\udc00 reopens", "text": "The tram depot at Wexbury reopened on Friday '
        b"after a month of repairs to its roof \\ud800, the transport office of Wexbury said. Twelve trams "
        b'returned to service on the eastern line, the office said."}'
    )
    answer = once(scratch.url, "POST", "/api/articles", body, **JSON)
    assert_secure(answer.headers)
    assert answer.status == 200, answer.body[:300]
    outcome = answer.json()
    assert outcome["report"]["added"] == 1
    (story,) = outcome["stories"]
    assert "\ufffd" in story["title"]
    with open_store(scratch.db, readonly=True) as store:
        (article,) = store.story_articles(story["id"])
    assert "\ufffd" in article.article.text and "Wexbury" in article.article.text


def test_a_body_that_is_not_utf8_is_400(scratch: Server) -> None:
    answer = once(scratch.url, "POST", "/api/articles", b'{"text": "caf\xe9 \xff\xfe"}', **JSON)
    assert_error(answer, 400, "malformed JSON", "not UTF-8")


def test_json_of_the_wrong_shape_is_422(scratch: Server) -> None:
    for body in (b"[]", b"[1, 2]", b'"text"', b"null", b'[{"text": "x"}, 3]'):
        answer = once(scratch.url, "POST", "/api/articles", body, **JSON)
        assert_error(answer, 422, "expected one article record")


def test_records_none_of_which_can_be_read_are_422_with_one_line_each(scratch: Server) -> None:
    body = json.dumps([{"title": "no text here"}, {"text": ""}]).encode()
    answer = once(scratch.url, "POST", "/api/articles", body, **JSON)
    assert_error(answer, 422, "nothing added")
    outcome = answer.json()
    assert outcome["report"]["added"] == 0 and outcome["stories"] == []
    problems = outcome["problems"]
    assert isinstance(problems, list) and len(problems) == 2
    assert all(line.startswith("request.json:") for line in problems)
    # the form says it in HTML, with the same status
    form = once(
        scratch.url,
        "POST",
        "/add",
        b"--b\r\nContent-Disposition: form-data; name=files; filename=empty.html\r\n\r\n<p></p>\r\n--b--\r\n",
        content_type="multipart/form-data; boundary=b",
    )
    assert_error(form, 422, "Nothing added", "empty.html")


def test_an_empty_form_is_shown_again_saying_what_was_wrong(scratch: Server) -> None:
    """Not a bare error page: the form itself, its fields, and the reason above them as an alert."""
    empty = b"--b\r\nContent-Disposition: form-data; name=text\r\n\r\n\r\n--b--\r\n"
    form = once(scratch.url, "POST", "/add", empty, content_type="multipart/form-data; boundary=b")
    assert_error(form, 422, "Nothing was added: nothing to add: choose files or paste")
    page = form.body.decode()
    assert 'role="alert"' in page and 'aria-describedby="add-error"' in page
    assert '<textarea id="text" name="text"' in page and '<input id="files" type="file"' in page
    too_many = b"".join(
        b"--b\r\nContent-Disposition: form-data; name=files; filename=a%d.txt\r\n\r\nx\r\n" % n
        for n in range(LIMITS.max_files + 1)
    )
    form = once(
        scratch.url, "POST", "/add", too_many + b"--b--\r\n", content_type="multipart/form-data; boundary=b"
    )
    assert_error(form, 413, "Nothing was added: too many files")
    assert '<input id="files" type="file"' in form.body.decode()


def test_a_file_whose_reader_fails_costs_only_that_file(
    scratch: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bad file is one problem line; a reader that raises (a bug) is one too, and logged."""
    from newsfuse.web import uploads

    real_read_bytes = uploads.read_bytes

    def read_bytes(data: bytes, shown: str, *rest: object) -> object:
        if shown == "crash.txt":
            raise RecursionError(SECRET)
        return real_read_bytes(data, shown, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(uploads, "read_bytes", read_bytes)
    article = (
        b"The lighthouse at Corran Point was switched back on on Thursday after a storm cut its power "
        b"for two nights, the harbour board said. Fishing boats had been told to stay in port."
    )
    parts = [(b"deep.json", b"[" * 5000 + b"]" * 5000), (b"crash.txt", b"words"), (b"light.txt", article)]
    body = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="%s"\r\n\r\n%s\r\n' % part
        for part in parts
    )
    with caplog.at_level(logging.ERROR, logger="newsfuse.web"):
        answer = once(
            scratch.url,
            "POST",
            "/api/articles",
            body + b"--b--\r\n",
            content_type="multipart/form-data; boundary=b",
        )
    assert answer.status == 200, answer.body[:300]
    outcome = answer.json()
    assert outcome["report"]["added"] == 1
    assert outcome["problems"] == [
        "deep.json: JSON nested too deep (over 200 levels of arrays and objects)",
        "crash.txt: could not be read (RecursionError)",
    ]
    assert SECRET not in answer.body.decode()
    assert any(r.getMessage() == "reading upload 'crash.txt' failed" and r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "image/png", "application/x-www-form-urlencodedx"]
)
def test_an_unsupported_content_type_is_415(scratch: Server, content_type: str) -> None:
    answer = once(scratch.url, "POST", "/api/articles", b"<article>x</article>", content_type=content_type)
    assert_error(answer, 415, "multipart/form-data")


def test_a_huge_declared_length_is_413_before_any_body(scratch: Server) -> None:
    for length in (10**12, 10**18, 10**30):
        request = (
            f"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n"
        ).encode()
        status, headers, body = raw(scratch.url, request)
        if length < 10**20:
            assert status == 413 and b"too large" in body
            assert_secure(headers)
        else:  # uvicorn's HTTP parser refuses it before the app sees it: a 400 of its own
            assert status == 400


def test_a_huge_chunked_body_is_413_when_it_passes_the_limit(scratch: Server) -> None:
    request = (
        b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"x" * 8192
    chunks = (b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3 * LIMITS.max_body_bytes // len(chunk)))
    status, headers, body = raw(scratch.url, request, chunks)
    assert status == 413 and b"limit per request" in body
    assert_secure(headers)


# --- methods ----------------------------------------------------------------------------------------


def test_a_wrong_method_is_405_naming_every_allowed_one(scratch: Server) -> None:
    for method, path, allowed in [
        ("PUT", "/add", "GET, HEAD, POST"),
        ("DELETE", "/api/stories/1", "GET, HEAD"),
        ("GET", "/api/articles", "POST"),
        ("POST", "/static/app.js", "GET, HEAD"),
        ("OPTIONS", "/", "GET, HEAD"),
    ]:
        answer = once(scratch.url, method, path)
        assert_error(answer, 405, f"{method} is not allowed")
        assert answer.headers["allow"] == allowed


def test_head_is_answered_as_get_without_a_body(scratch: Server) -> None:
    for path in ("/", "/api/stories", "/add", "/static/app.css"):
        answer = once(scratch.url, "HEAD", path)
        assert answer.status == 200 and answer.body == b""
        assert_secure(answer.headers)
    assert once(scratch.url, "HEAD", "/api/stories/abc").status == 404


def test_an_invalid_query_parameter_is_422_naming_it(scratch: Server) -> None:
    answer = once(scratch.url, "GET", "/api/stories?limit=many")
    assert_error(answer, 422, "limit")
    assert once(scratch.url, "GET", "/?limit=" + "9" * 5000).status in (200, 422)
    assert_error(once(scratch.url, "GET", "/api/stories?since=9999-99-99"), 400, "since")


# --- 500s -------------------------------------------------------------------------------------------


def test_a_handler_that_raises_gives_an_opaque_500_with_the_headers_and_a_log_line(
    scratch: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError(f"{SECRET}: /etc/secrets/key could not be read")

    from newsfuse.web import json_api, pages

    monkeypatch.setattr(json_api, "find_story", broken)
    monkeypatch.setattr(pages, "find_story", broken)
    with caplog.at_level(logging.ERROR, logger="newsfuse.web"):
        api = once(scratch.url, "GET", "/api/stories/1")
        page = once(scratch.url, "GET", "/stories/1")
    assert_error(api, 500)
    assert api.json() == {"detail": INTERNAL_ERROR}
    assert_error(page, 500, "Error 500", "internal error")
    assert page.headers["content-type"].startswith("text/html")
    logged = [r for r in caplog.records if r.name == "newsfuse.web"]
    assert [r.getMessage() for r in logged] == ["GET /api/stories/1 failed", "GET /stories/1 failed"]
    assert all(r.exc_info and SECRET in str(r.exc_info[1]) for r in logged)  # the traceback is logged


def test_a_500_keeps_the_connection_alive(scratch: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ValueError(SECRET)

    from newsfuse.web import json_api

    monkeypatch.setattr(json_api, "find_story", broken)
    conn = connect(scratch.url)
    try:
        first = ask(conn, "GET", "/api/stories/1")
        assert_error(first, 500)
        assert first.headers.get("connection", "").lower() != "close"
        sock = conn.sock
        assert sock is not None
        second = ask(conn, "GET", "/api/stories?limit=1")
        assert second.status == 200 and "stories" in second.json()
        assert conn.sock is sock  # the same connection, not a silent reconnect
        third = ask(conn, "GET", "/api/stories/1")
        assert third.status == 500 and conn.sock is sock
    finally:
        conn.close()


def test_when_the_error_page_itself_fails_a_plain_500_still_goes_out(
    scratch: Server, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError(SECRET)

    from newsfuse.web import app, pages

    monkeypatch.setattr(pages, "find_story", broken)
    monkeypatch.setattr(app, "page", broken)  # the 500 page cannot be rendered either
    conn = connect(scratch.url)
    try:
        with caplog.at_level(logging.ERROR, logger="newsfuse.web"):
            answer = ask(conn, "GET", "/stories/1")
        assert_error(answer, 500, "Error 500", "internal error")
        assert answer.body.startswith(b"<!doctype html>")
        sock = conn.sock
        assert ask(conn, "GET", "/api/stories?limit=1").status == 200 and conn.sock is sock
    finally:
        conn.close()
    logged = [r for r in caplog.records if r.name == "newsfuse.web"]
    assert logged and all(r.getMessage() == "GET /stories/1 failed" and r.exc_info for r in logged)


def test_a_store_broken_under_the_app_gives_500s_with_the_headers(tmp_path: Path, server: Server) -> None:
    db = copy_store(server.db, tmp_path / "store.db")
    app = create_app(db, warm=False)
    for leftover in tmp_path.glob("store.db*"):
        leftover.write_bytes(b"this is no longer a SQLite database " * 200)
    with serving(app) as url:
        conn = connect(url)
        try:
            for path in ("/api/stories", "/api/stories/1", "/", "/stories/1"):
                answer = ask(conn, "GET", path)
                assert_error(answer, 500, "internal error")
                assert "not a newsfuse store" not in answer.body.decode()
            assert ask(conn, "GET", "/static/app.css").status == 200  # the same connection, still good
        finally:
            conn.close()


def test_serve_get_answers_a_failure_with_its_status_not_a_traceback(tmp_path: Path, server: Server) -> None:
    """`newsfuse serve --get` calls `answer_once`: the exception ends in the app, as it does under uvicorn."""
    from newsfuse.web import answer_once

    db = copy_store(server.db, tmp_path / "store.db")
    app = create_app(db, warm=False)
    assert answer_once(app, "/api/stories/99999999999999999999") == (
        404,
        b'{"detail":"nothing at /api/stories/99999999999999999999"}',
    )
    for leftover in tmp_path.glob("store.db*"):
        leftover.write_bytes(b"no longer a database " * 200)
    status, body = answer_once(app, "/api/stories")
    assert status == 500 and json.loads(body) == {"detail": INTERNAL_ERROR}
