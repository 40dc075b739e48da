"""The Feeds page and /api/feeds: what the store follows and how each feed's last poll went.

A real uvicorn on 127.0.0.1 over a store of the module's own; the feeds' poll states are recorded
as the watcher records them (the Store's feed methods), then read back through the page and the API.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsfuse.store import open_store
from newsfuse.store_feeds import NewEntry
from newsfuse.web import create_app
from newsfuse.web.feeds import next_check
from newsfuse.web.origin import REFUSED
from tests.web.conftest import LIMITS, serving

CHECKED = dt.datetime(2026, 3, 12, 14, 5, tzinfo=dt.UTC)
LATER = CHECKED + dt.timedelta(minutes=10)
HOSTILE_TITLE = 'Harbour <script>window.__pwned = 1</script> & "news" <img src=x onerror=alert(1)>'
HOSTILE_URL = 'https://feeds.example.org/a"><script>alert(1)</script>.xml?x=<b>&y=1'


def feed_items(page: str) -> dict[str, str]:
    """Each feed's <li> on the page, by its id attribute."""
    return dict(re.findall(r'<li class="feed" id="(feed-\d+)">(.*?)</li>', page, re.S))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store following four feeds, one per kind of last result, the first with a hostile title."""
    db = tmp_path_factory.mktemp("feeds") / "store.db"
    with open_store(db) as store:
        fresh = store.add_feed("https://feeds.example.org/fresh.xml")
        same = store.add_feed("https://feeds.example.org/same.xml", title="Quayside Courier")
        broken = store.add_feed("https://feeds.example.org/broken.xml", title="Tollbridge Post")
        gone = store.add_feed("https://feeds.example.org/gone.xml", title="Old Mill Times")
        entries = [NewEntry(f"entry-{n}", f"https://feeds.example.org/story/{n}", "{}") for n in range(5)]
        store.feed_fetched(
            fresh.id,
            entries,
            etag='"v1"',
            last_modified=None,
            title=HOSTILE_TITLE,
            checked=CHECKED,
            next_check=LATER,
        )
        store.feed_new_articles({fresh.id: 3})
        store.feed_not_modified(same.id, checked=CHECKED, next_check=LATER)
        error = "https://feeds.example.org/broken.xml: HTTP 503 Service Unavailable <b>retry</b>"
        store.feed_failed(broken.id, error, checked=CHECKED, backoff=lambda failures: 600.0 * failures)
        store.feed_retired(gone.id, "https://feeds.example.org/gone.xml: HTTP 410 Gone", checked=CHECKED)
    return db


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[httpx.Client]:
    with (
        serving(create_app(store_path, limits=LIMITS, warm=False)) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):
        yield http


def test_the_page_lists_every_feed_with_its_last_poll(client: httpx.Client, store_path: Path) -> None:
    page = client.get("/feeds")
    assert page.status_code == 200
    items = feed_items(page.text)
    assert len(items) == 4
    fresh, same, broken, gone = items.values()
    assert "2026-03-12 14:05 UTC" in fresh  # last checked
    assert ">ok<" in fresh and "3 articles" in fresh and "<dd>5</dd>" in fresh  # new, entries seen
    assert "2026-03-12 14:15 UTC" in fresh or "due (since 2026-03-12 14:15 UTC)" in fresh  # next check
    assert "Quayside Courier" in same and ">not modified<" in same
    assert (
        ">failed<" in broken and "Last error:</span> https://feeds.example.org/broken.xml: HTTP 503" in broken
    )
    assert "<dt>Failures in a row</dt><dd>1</dd>" in broken
    assert ">retired<" in gone and "https://feeds.example.org/gone.xml: HTTP 410 Gone" in gone
    assert "never (retired" in gone
    assert 'action="/feeds/' in gone and "/remove" in gone  # a remove button per feed
    assert "No watcher runs in this server" in page.text
    assert f"newsfuse watch --db {html.escape(str(store_path))}</code>" in page.text


def test_next_check_in_words() -> None:
    class Row:
        retired, next_check = False, "2026-03-12T14:15:00+00:00"

    assert next_check(Row(), now=CHECKED) == "2026-03-12 14:15 UTC"  # type: ignore[arg-type]
    assert next_check(Row(), now=LATER + dt.timedelta(seconds=1)).startswith("due")  # type: ignore[arg-type]


def test_hostile_feed_text_is_shown_as_text(client: httpx.Client) -> None:
    """Feed titles, URLs and error lines come from the network: escaped, never markup."""
    added = client.post("/api/feeds", json={"url": HOSTILE_URL})
    assert added.status_code == 201
    page = client.get("/feeds").text
    assert "<script>" not in page and "<img src=x" not in page and "<b>" not in page
    titles = [html.unescape(t) for t in re.findall(r"<h3>(.*?)</h3>", page)]
    assert HOSTILE_TITLE in titles  # shown as the text it is
    links = [
        html.unescape(h) for h in re.findall(r'<a href="([^"]*)" rel="noopener noreferrer nofollow">', page)
    ]
    assert HOSTILE_URL in links  # the link's address: one attribute, escaped
    assert "&lt;b&gt;retry&lt;/b&gt;" in page
    client.delete(f"/api/feeds/{added.json()['feed']['id']}")


def test_follow_through_the_form(client: httpx.Client) -> None:
    url = "https://feeds.example.org/new-in-form.xml"
    answer = client.post("/feeds", data={"url": f"  {url} "})
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/feeds?added=")
    page = client.get(answer.headers["location"])
    assert f"Following {url}." in page.text and url in page.text
    again = client.post("/feeds", data={"url": url})  # a duplicate: followed once, and said so
    assert again.headers["location"].startswith("/feeds?known=")
    assert f"Already following {url}." in client.get(again.headers["location"]).text
    assert [f["url"] for f in client.get("/api/feeds").json()["feeds"]].count(url) == 1


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("ftp://feeds.example.org/a.xml", "only http:// and https:// URLs are fetched"),
        ("file:///etc/passwd", "only http:// and https:// URLs are fetched"),
        ("/etc/passwd", "only http:// and https:// URLs are fetched"),
        ("https://", "no host name"),
        ("https://feeds.example.org/a b.xml", "spaces or control characters"),
        ("", "no URL given"),
    ],
)
def test_a_bad_url_is_shown_above_the_field(client: httpx.Client, given: str, problem: str) -> None:
    before = len(client.get("/api/feeds").json()["feeds"])
    answer = client.post("/feeds", data={"url": given})
    assert answer.status_code == 422
    error = re.search(r'<p class="field-error" id="follow-error" role="alert">(.*?)</p>', answer.text)
    assert error and problem in error.group(1)
    assert 'aria-invalid="true"' in answer.text and f'value="{html.escape(given)}"' in answer.text
    assert len(client.get("/api/feeds").json()["feeds"]) == before


def test_remove_through_the_form_keeps_the_others(client: httpx.Client) -> None:
    feed = client.post("/api/feeds", json={"url": "https://feeds.example.org/to-remove.xml"}).json()["feed"]
    before = {f["id"] for f in client.get("/api/feeds").json()["feeds"]}
    answer = client.post(f"/feeds/{feed['id']}/remove")
    assert answer.status_code == 303 and answer.headers["location"] == "/feeds?removed=1"
    assert "Feed removed" in client.get("/feeds?removed=1").text
    assert {f["id"] for f in client.get("/api/feeds").json()["feeds"]} == before - {feed["id"]}
    assert client.post(f"/feeds/{feed['id']}/remove").status_code == 404


def test_the_json_api(client: httpx.Client) -> None:
    listed = client.get("/api/feeds").json()
    assert listed["watching"] is False and listed["every"] == "10m"
    first = listed["feeds"][0]
    assert first["last_status"] == "ok" and first["last_new"] == 3 and first["entries"] == 5
    assert first["title"] == HOSTILE_TITLE  # JSON carries the text as it is
    url = "https://feeds.example.org/api.xml"
    added = client.post("/api/feeds", json={"url": url})
    assert added.status_code == 201 and added.json()["added"] is True
    assert added.json()["feed"]["url"] == url and added.json()["feed"]["last_status"] is None
    again = client.post("/api/feeds", json={"url": url})
    assert again.status_code == 200 and again.json()["added"] is False
    assert again.json()["feed"]["id"] == added.json()["feed"]["id"]
    for body, status in (
        ({"url": "gopher://feeds.example.org/"}, 422),
        ({"link": url}, 422),
        (["not", "an", "object"], 422),
    ):
        refused = client.post("/api/feeds", json=body)
        assert refused.status_code == status and refused.json()["detail"]
    for malformed in (b"{", b"[" * 100_000, b"\xff\xfe{"):
        refused = client.post("/api/feeds", content=malformed, headers={"content-type": "application/json"})
        assert refused.status_code == 400 and refused.json()["detail"].startswith(("malformed", "refused"))
    assert client.post("/api/feeds", data={"url": url}).status_code == 415  # JSON only
    feed_id = added.json()["feed"]["id"]
    assert client.delete(f"/api/feeds/{feed_id}").json() == {"removed": feed_id}
    assert client.delete(f"/api/feeds/{feed_id}").status_code == 404
    assert url not in [f["url"] for f in client.get("/api/feeds").json()["feeds"]]


def test_a_retired_feed_followed_again_is_due(client: httpx.Client) -> None:
    gone = next(f for f in client.get("/api/feeds").json()["feeds"] if f["url"].endswith("/gone.xml"))
    answer = client.post("/api/feeds", json={"url": gone["url"]})
    assert answer.status_code == 201 and answer.json()["added"] is True  # following again
    assert answer.json()["feed"]["retired"] is False
    items = feed_items(client.get("/feeds").text)
    assert "never (retired" not in items[f"feed-{gone['id']}"]


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("POST", "/feeds", {"data": {"url": "https://feeds.example.org/evil.xml"}}),
        ("POST", "/feeds/1/remove", {}),
        ("POST", "/api/feeds", {"json": {"url": "https://feeds.example.org/evil.xml"}}),
        ("DELETE", "/api/feeds/1", {}),
        ("POST", "/add", {"data": {"text": "An article body.", "urls": "https://feeds.example.org/x"}}),
        ("POST", "/api/articles", {"json": {"urls": ["https://feeds.example.org/x"]}}),
    ],
)
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://elsewhere.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1"},
    ],
    ids=["other-origin", "null-origin", "cross-site", "same-site"],
)
def test_a_browsers_cross_site_write_is_refused(
    client: httpx.Client, method: str, path: str, payload: dict[str, object], headers: dict[str, str]
) -> None:
    before = client.get("/api/feeds").json()["feeds"]
    answer = client.request(method, path, headers=headers, **payload)  # type: ignore[arg-type]
    assert answer.status_code == 403
    assert REFUSED in (answer.json()["detail"] if path.startswith("/api/") else html.unescape(answer.text))
    assert client.get("/api/feeds").json()["feeds"] == before


def test_a_same_origin_browser_write_is_taken(client: httpx.Client) -> None:
    origin = str(client.base_url).rstrip("/")
    url = "https://feeds.example.org/same-origin.xml"
    for headers in ({"Origin": origin}, {"Sec-Fetch-Site": "same-origin", "Origin": origin}):
        answer = client.post("/feeds", data={"url": url}, headers=headers)
        assert answer.status_code == 303, answer.text


def test_the_empty_state_says_how_to_follow_feeds(tmp_path: Path) -> None:
    with serving(create_app(tmp_path / "empty.db", warm=False, watching=True)) as url:
        page = httpx.get(url + "/feeds").text
        listed = httpx.get(url + "/api/feeds").json()
    assert "No feeds followed yet." in page
    assert (
        f"newsfuse watch FEEDS… --db {tmp_path / 'empty.db'}" in page
        and "newsfuse serve --watch FEEDS" in page
    )
    assert "A watcher runs in this server" in page and "every 10m" in page
    assert listed == {"feeds": [], "watching": True, "every": "10m"}
    assert '<a href="/feeds" aria-current="page">Feeds</a>' in page


def test_follow_and_remove_in_a_browser(browser: Any, tmp_path: Path) -> None:
    """Chromium's own form posts (Origin and Sec-Fetch-Site set) are taken; the notices and the
    inline error are shown; no CSP violation."""
    url = "https://feeds.example.org/browser.xml"
    with serving(create_app(tmp_path / "browser.db", warm=False)) as base:
        context = browser.new_context()
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text))
        try:
            page.goto(base + "/feeds")
            page.fill("#feed-url", "ftp://feeds.example.org/x.xml")
            page.get_by_role("button", name="Follow").click()
            page.wait_for_selector("#follow-error")
            assert "only http:// and https://" in page.locator("#follow-error").inner_text()
            page.fill("#feed-url", url)
            page.get_by_role("button", name="Follow").click()
            page.wait_for_selector("p.notice")
            assert page.locator("p.notice").inner_text() == f"Following {url}."
            assert page.locator("li.feed").count() == 1
            page.get_by_role("button", name=f"Remove {url}").click()
            page.wait_for_selector("p.notice")
            assert "Feed removed" in page.locator("p.notice").inner_text()
            assert page.locator("li.feed").count() == 0
        finally:
            context.close()
    assert [m for m in console if "Content Security Policy" in m] == []
