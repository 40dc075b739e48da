"""The JSON API and the pages' safety, over HTTP against the real server."""

from __future__ import annotations

import json
from typing import Any

import httpx

from newsfuse.store import open_store
from tests.conftest import validate_brief_json
from tests.web.conftest import LIMITS, Server

HOSTILE = {
    "title": "Library form <script>window.__pwned = 1</script> taken offline",
    "source": "Pellmouth Gazette",
    "published": "2025-04-02",
    "text": (
        "A web developer in the town of Pellmouth showed councillors on Wednesday how the comment box "
        "on the library website could be abused.\n\n"
        'She typed <script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2"> '
        "into the form during the meeting, and the page ran it, she said.\n\n"
        "The council said the form had been taken offline until a fix is in place and that no "
        "personal data had been exposed, according to the town clerk."
    ),
}


def test_the_list_finds_the_example_story_by_word_and_date(http: httpx.Client) -> None:
    listed = http.get("/api/stories").json()["stories"]
    assert len(listed) == 1 and listed[0]["articles"] == 8
    assert [s["id"] for s in http.get("/api/stories", params={"q": "Kessara"}).json()["stories"]] == [
        listed[0]["id"]
    ]
    assert http.get("/api/stories", params={"q": "zeppelin"}).json()["stories"] == []
    assert http.get("/api/stories", params={"since": "2030-01-01"}).json()["stories"] == []
    assert len(http.get("/api/stories", params={"until": "2025-03-31"}).json()["stories"]) == 1
    bad = http.get("/api/stories", params={"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.json()["detail"]


def test_a_story_is_the_brief_json_of_the_schema(http: httpx.Client, brief_schema: dict[str, Any]) -> None:
    response = http.get("/api/stories/1")
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    brief = response.json()
    validate_brief_json(brief, brief_schema)
    assert len(brief["sources"]) == 8
    assert any(c["verdict"] == "conflict" for c in brief["comparisons"])
    # cached: the list now knows its conflicts
    (story,) = http.get("/api/stories").json()["stories"]
    assert story["conflicts"] >= 1 and story["conflicts_current"] is True


def test_unknown_stories_and_paths_are_404(http: httpx.Client) -> None:
    assert http.get("/api/stories/999").status_code == 404
    assert http.get("/api/stories/999").json() == {"detail": "no story 999"}
    page = http.get("/stories/999")
    assert page.status_code == 404 and "no story 999" in page.text
    assert http.get("/nowhere").status_code == 404
    assert http.get("/api/stories/abc").status_code == 404  # not a story id: no such story


def test_uploads_over_the_limits_are_413_naming_the_limit(http: httpx.Client) -> None:
    files = [
        ("files", (f"a{n}.txt", b"Some article text.", "text/plain")) for n in range(LIMITS.max_files + 1)
    ]
    too_many = http.post("/api/articles", files=files)
    assert too_many.status_code == 413
    assert f"at most {LIMITS.max_files}" in too_many.json()["detail"]
    big = b"word " * (LIMITS.max_body_bytes // 5 + 10)
    too_big = http.post("/api/articles", files=[("files", ("big.txt", big, "text/plain"))])
    assert too_big.status_code == 413 and "limit per request" in too_big.json()["detail"]
    # the form page says the same in HTML
    form = http.post("/add", files=files)
    assert form.status_code == 413 and f"at most {LIMITS.max_files}" in form.text


def test_malformed_requests_are_400_or_422(http: httpx.Client) -> None:
    broken = http.post("/api/articles", content=b'{"text": ', headers={"content-type": "application/json"})
    assert broken.status_code == 400 and "malformed JSON" in broken.json()["detail"]
    not_records = http.post("/api/articles", json=[1, 2])
    assert not_records.status_code == 422
    empty = http.post("/api/articles", json={"title": "no text"})
    assert empty.status_code == 422 and empty.json()["report"]["problems"] == 1
    assert empty.json()["problems"] and empty.json()["stories"] == []
    assert empty.json()["detail"] == "nothing added: 1 input could not be read"


def test_a_hostile_article_is_inert_text_in_its_page(http: httpx.Client) -> None:
    response = http.post("/api/articles", json=HOSTILE)
    assert response.status_code == 200, response.text
    outcome = response.json()
    assert outcome["report"]["added"] == 1 and len(outcome["stories"]) == 1
    story_id = outcome["stories"][0]["id"]
    page = http.get(f"/stories/{story_id}")
    assert page.status_code == 200
    html = page.text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "<script>window" not in html and "<img src=x" not in html
    assert html.count("<script") == 1  # ours, from /static, and nothing else
    assert '<script src="/static/app.js' in html


def test_every_response_carries_the_security_headers(http: httpx.Client) -> None:
    for path in ("/", "/stories/1", "/add", "/docs", "/static/app.js", "/api/stories", "/nowhere"):
        headers = http.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_the_docs_are_served_without_any_external_resource(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(spec["paths"])
    docs = http.get("/docs").text
    assert "/api/articles" in docs and '="http' not in docs and '="//' not in docs
    assert "cdn" not in docs.lower()


def test_a_writer_in_another_process_gets_409_not_a_hang(http: httpx.Client, server: Server) -> None:
    record = {"text": "A short article about a bridge closed in Marrowfield on Tuesday by the council."}
    with open_store(server.db) as store, store.writer():
        response = http.post("/api/articles", json=record)
    assert response.status_code == 409 and "writing" in response.json()["detail"]


def test_serve_get_answers_one_request(server: Server) -> None:
    from newsfuse.web import answer_once, create_app

    status, body = answer_once(create_app(server.db, warm=False), "/api/stories?q=Kessara")
    assert status == 200 and json.loads(body)["stories"][0]["id"] == 1


def test_answer_once_works_under_a_running_event_loop(server: Server) -> None:
    """As in a notebook: the caller's thread already runs a loop."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from newsfuse.web import answer_once, create_app

    async def from_async_code() -> tuple[int, bytes]:
        return answer_once(create_app(server.db, warm=False), "/api/stories/999")

    # in a thread of its own: the session's Chromium (Playwright's sync API) may already run a loop
    # in this one, and asyncio.run refuses to start a second
    with ThreadPoolExecutor(max_workers=1) as thread:
        status, body = thread.submit(asyncio.run, from_async_code()).result()
    assert status == 404 and b"no story 999" in body


def test_a_story_page_and_brief_go_gzipped_to_a_client_that_accepts_it(http: httpx.Client) -> None:
    """Rendered and gzipped once per state of the story; a client without gzip gets the same bytes plain."""
    import gzip

    for path, media in (("/stories/1", "text/html"), ("/api/stories/1", "application/json")):
        plain = http.get(path, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200 and "content-encoding" not in plain.headers
        raw = http.get(path, headers={"Accept-Encoding": "gzip, br"}, extensions={})
        assert raw.headers["content-encoding"] == "gzip" and raw.headers["vary"] == "Accept-Encoding"
        assert raw.headers["content-type"].startswith(media)
        assert raw.content == plain.content  # httpx decoded it
        with http.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as streamed:
            compressed = b"".join(streamed.iter_raw())
        assert gzip.decompress(compressed) == plain.content
        assert len(compressed) < len(plain.content) / 3
        refused = http.get(path, headers={"Accept-Encoding": "gzip;q=0, *;q=1"})
        assert "content-encoding" not in refused.headers


def test_accept_encoding_is_read_with_its_weights() -> None:
    from newsfuse.web.briefs import accepts_gzip

    assert accepts_gzip("gzip") and accepts_gzip("br, gzip;q=0.5") and accepts_gzip("*")
    assert not accepts_gzip("") and not accepts_gzip("identity") and not accepts_gzip("br")
    assert not accepts_gzip("gzip;q=0") and not accepts_gzip("*;q=0") and not accepts_gzip("gzip;q=zero")
    assert accepts_gzip("*;q=0, gzip") and not accepts_gzip("gzip;q=0, *")
