"""Page URLs given to the add form and to POST /api/articles: fetched from servers on 127.0.0.1.

The app runs under a real uvicorn over a store of the module's own; the pages are served by
tests/localhttp.py, whose request log shows what the app fetched (and that a refused URL never was).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from newsfuse.config import Settings
from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.urls import MAX_URLS, url_lines, url_problem
from tests.localhttp import LocalServer, Reply, Seen
from tests.web.conftest import LIMITS, serving

HTML = {"Content-Type": "text/html; charset=utf-8"}


def article_page(title: str, place: str, outlet: str) -> str:
    """An invented news article as an outlet's page would carry it (navigation around the text)."""
    paragraphs = [
        f"The ferry service between {place} and the mainland resumed on Tuesday morning after three weeks "
        "of repairs to the harbour wall, the island council said.",
        f"Storm damage in January had closed the slipway at {place}, leaving about 400 residents to rely "
        "on a small passenger boat for supplies and hospital appointments.",
        "Engineers replaced 60 metres of the sea wall and rebuilt the ramp used by vehicles, at a cost the "
        "council put at 2.1 million, according to a statement from its transport committee.",
        "The first crossing carried 38 passengers and 11 vehicles, the operator said, and the full "
        "timetable of six daily sailings will run from next Monday.",
        "Residents had asked for a temporary landing stage during the closure, but the council said the "
        "tides made one unsafe to install before the repairs were finished.",
    ]
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        "<meta property='article:published_time' content='2026-02-10T08:00:00Z'></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact us · Privacy</footer></body></html>"
    )


PAGES = {
    "/news/ferry-resumes": Reply(
        200,
        article_page("Ferry to Brannock Isle resumes after wall repairs", "Brannock Isle", "Selkie Post"),
        HTML,
    ),
    "/news/ferry-back": Reply(
        200, article_page("Brannock ferry back in service", "Brannock Isle", "Western Lantern"), HTML
    ),
}


@pytest.fixture(scope="module")
def pages() -> Iterator[LocalServer]:
    with LocalServer(dict(PAGES)) as server:
        yield server


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("urls") / "store.db"
    settings = dataclasses.replace(Settings(), fetch_host_interval=0.0, fetch_timeout=5.0, fetch_retries=0)
    with serving(create_app(db, settings, limits=LIMITS, warm=False)) as url:
        yield url, db


@pytest.fixture(scope="module")
def client(app_url: tuple[str, Path]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=app_url[0], timeout=120) as http:
        yield http


def stored_at(db: Path, url: str) -> bool:
    with open_store(db, readonly=True) as store:
        return bool(store.revisions(url))


def test_a_page_url_through_the_form_lands_in_a_story(
    client: httpx.Client, pages: LocalServer, app_url: tuple[str, Path]
) -> None:
    url = pages.url("/news/ferry-resumes")
    answer = client.post("/add", data={"urls": f"\n  {url}  \n# a comment line\n"})
    assert answer.status_code == 200, answer.text
    assert "Articles added" in answer.text and "1 added" in answer.text
    assert re.search(r'<a href="/stories/\d+">', answer.text)  # where it went
    assert stored_at(app_url[1], url)
    assert [s.path for s in pages.requests_for("/news/ferry-resumes")] == ["/news/ferry-resumes"]


def test_a_page_url_through_the_api_lands_in_a_story_and_a_404_is_one_line(
    client: httpx.Client, pages: LocalServer, app_url: tuple[str, Path]
) -> None:
    good, missing = pages.url("/news/ferry-back"), pages.url("/news/no-such-story")
    answer = client.post("/api/articles", json={"urls": [missing, good]})
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["report"]["added"] == 1
    assert (
        len(report["problems"]) == 1 and missing in report["problems"][0] and "404" in report["problems"][0]
    )
    assert len(report["stories"]) == 1
    assert stored_at(app_url[1], good)


def rss(server: LocalServer, paths: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{server.url(path)}</link><guid>{server.url(path)}</guid>"
        f"<pubDate>Tue, 10 Feb 2026 08:0{n}:00 GMT</pubDate>"
        f"<description>Short summary {n}.</description></item>"
        for n, path in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Selkie Post</title>"
        f"<link>{server.url('/')}</link><description>News</description>{items}</channel></rss>"
    )


def test_a_feed_url_brings_its_entries_pages(
    client: httpx.Client, pages: LocalServer, app_url: tuple[str, Path]
) -> None:
    """A feed given once is read once: each entry's page fetched and stored (it is not followed)."""
    entries = ["/feed-news/ferry-fares", "/feed-news/ferry-timetable"]
    pages.routes[entries[0]] = Reply(
        200, article_page("Brannock ferry fares frozen for a year", "Brannock Isle", "Selkie Post"), HTML
    )
    pages.routes[entries[1]] = Reply(
        200, article_page("Six daily Brannock sailings from Monday", "Brannock Isle", "Selkie Post"), HTML
    )
    pages.routes["/feed.xml"] = Reply(200, rss(pages, entries), {"Content-Type": "application/rss+xml"})
    answer = client.post("/add", data={"urls": pages.url("/feed.xml")})
    assert answer.status_code == 200, answer.text
    assert "2 added" in answer.text
    assert all(stored_at(app_url[1], pages.url(path)) for path in entries)
    assert client.get("/api/feeds").json()["feeds"] == []


def test_urls_as_a_form_field_of_the_api_beside_pasted_text(client: httpx.Client, pages: LocalServer) -> None:
    text = "Harbour lights on the Brannock quay were switched back on last night after the repairs, " * 3
    answer = client.post(
        "/api/articles",
        files={"urls": (None, pages.url("/news/gone")), "text": (None, text), "title": (None, "Quay lights")},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["report"]["added"] == 1
    assert [p.split(": ")[0] for p in answer.json()["problems"]] == [pages.url("/news/gone")]


def test_a_url_that_is_not_http_is_refused_before_any_fetch(client: httpx.Client, pages: LocalServer) -> None:
    seen = len(pages.log)
    given = [
        "file:///etc/passwd",
        "/etc/passwd",
        "-",
        "ftp://127.0.0.1/x",
        f"gopher://127.0.0.1:{pages.port}/",
    ]
    answer = client.post("/api/articles", json={"urls": given})
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert len(problems) == len(given)
    assert all("only http:// and https:// URLs are fetched" in p for p in problems)
    assert len(pages.log) == seen  # nothing was asked of any server


def test_too_many_urls_are_refused_whole(client: httpx.Client, pages: LocalServer) -> None:
    seen = len(pages.log)
    urls = [pages.url(f"/news/{n}") for n in range(MAX_URLS + 1)]
    answer = client.post("/api/articles", json={"urls": urls})
    assert answer.status_code == 413 and f"at most {MAX_URLS}" in answer.json()["detail"]
    form = client.post("/add", data={"urls": "\n".join(urls)})
    assert form.status_code == 413 and f"at most {MAX_URLS}" in form.text
    assert len(pages.log) == seen


def test_a_url_request_must_be_a_list_of_strings(client: httpx.Client) -> None:
    for body in ({"urls": "https://example.org/a"}, {"urls": [1]}, {"urls": [], "text": "x"}):
        answer = client.post("/api/articles", json=body)
        assert answer.status_code == 422, body
    assert client.post("/api/articles", json={"urls": []}).status_code == 422  # nothing given


def test_fetching_does_not_hold_up_other_requests(client: httpx.Client, pages: LocalServer) -> None:
    """While the app waits for a page, it answers others: the fetch runs in a worker thread."""
    release, arrived = threading.Event(), threading.Event()

    def held(_: Seen) -> Reply:
        arrived.set()
        release.wait(30)
        return PAGES["/news/ferry-resumes"]

    pages.routes["/news/held"] = held
    result: dict[str, int] = {}
    adding = threading.Thread(
        target=lambda: result.update(
            status=client.post("/api/articles", json={"urls": [pages.url("/news/held")]}).status_code
        )
    )
    adding.start()
    try:
        assert arrived.wait(60), "the page was never asked for"
        assert client.get("/feeds").status_code == 200
        assert client.get("/api/stories").status_code == 200
        assert adding.is_alive()  # the page is still held: the answers above came meanwhile
    finally:
        release.set()
        adding.join(120)
    assert result["status"] == 200


def test_url_lines_and_problems() -> None:
    assert url_lines(" https://a.example/x \n\n# note\nhttp://b.example/y\r\n") == [
        "https://a.example/x",
        "http://b.example/y",
    ]
    assert url_problem("HTTPS://A.EXAMPLE/x") is None
    assert url_problem("https://a.example:99999999/") == "not a URL: malformed address"
    assert url_problem("http:/a.example/x") is not None
    assert url_problem("javascript:alert(1)") is not None
