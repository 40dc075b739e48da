"""Feeds and article URLs over real HTTP on 127.0.0.1: entries' pages fetched and extracted, fallbacks.

Outlets, pages and feeds are invented here. Every server is `tests.localhttp.LocalServer`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.ingest.feed_list import feed_list
from newsfuse.ingest.source import ReadContext
from newsfuse.models import RawArticle
from tests.localhttp import LocalServer, Reply

FAST = dataclasses.replace(Settings(), fetch_host_interval=0.0, fetch_timeout=3.0, fetch_retries=0)
HTML = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml"}

PARAS = [
    "The harbour board of Lowmere voted on Tuesday to reopen the north ferry slip after a winter of repairs "
    "that cost the town more than it had planned.",
    "Crossings to the island of Skerrow resume in April, the board said, with four sailings a day in summer "
    "and two in winter.",
    "Fishermen on the quay welcomed the news but asked the board to keep the old slip open for their boats "
    "until the new moorings are finished in the autumn.",
]


def page(
    title: str, paras: list[str], *, date: str | None = "2025-03-11", site: str = "Lowmere Tidings"
) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>{meta}'
        f'<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact the newsroom</footer></body></html>"
    )


PAYWALL = (
    "<!DOCTYPE html><html><head><title>Subscribe</title></head><body><article><h1>Ferry slip</h1>"
    "<p>The harbour board voted on Tuesday.</p><p>Subscribe to read on.</p></article></body></html>"
)


def rss(items: list[tuple[str, str, str | None, str]]) -> str:
    """An RSS 2.0 feed: (title, link, content or None, pubDate) per entry."""
    out = []
    for title, link, content, date in items:
        desc = f"<description><![CDATA[{content}]]></description>" if content else ""
        out.append(f"<item><title>{title}</title><link>{link}</link>{desc}<pubDate>{date}</pubDate></item>")
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Lowmere Tidings</title>'
        f"<link>/</link>{''.join(out)}</channel></rss>"
    )


def read(args: list[str], settings: Settings = FAST) -> list[RawArticle | InputError]:
    return list(read_inputs(args, settings))


def test_feed_url_pages_fetched_and_extracted() -> None:
    feed = rss(
        [
            ("Ferry slip to reopen", "/news/ferry", "<p>Teaser.</p>", "Tue, 11 Mar 2025 09:15:00 +0000"),
            ("Slip fees", "/news/fees", "Short summary.", "Wed, 12 Mar 2025 09:15:00 +0000"),
        ]
    )
    routes = {
        "/feed.xml": Reply(200, feed, RSS),
        "/news/ferry": Reply(200, page("Ferry slip to reopen", PARAS), HTML),
        "/news/fees": Reply(301, "", {"Location": "/news/fees-2025"}),
        "/news/fees-2025": Reply(200, page("Slip fees set", PARAS[::-1], date=None), HTML),
    }
    with LocalServer(routes) as server:
        items = read([server.url("/feed.xml")])
        ferry, fees = items
        assert isinstance(ferry, RawArticle) and isinstance(fees, RawArticle), items
        assert ferry.fmt == "html" and ferry.text.split("\n")[-1] == PARAS[-1]
        assert "Home" not in ferry.text and "newsroom" not in ferry.text
        assert ferry.url == server.url("/news/ferry") and ferry.path == server.url("/news/ferry")
        assert ferry.outlet == "Lowmere Tidings" and ferry.published == dt.date(2025, 3, 11)
        assert fees.url == server.url("/news/fees-2025")  # the final URL
        assert fees.published == dt.date(2025, 3, 12)  # the page has no date: the entry's
        assert sorted(server.paths()) == sorted(
            ["/robots.txt", "/feed.xml", "/news/ferry", "/news/fees", "/news/fees-2025"]
        )


def test_page_unreachable_or_walled_falls_back_to_the_entry(caplog: pytest.LogCaptureFixture) -> None:
    long_entry = " ".join(PARAS * 3)
    feed = rss(
        [
            (
                "Gone",
                "/news/gone",
                "<p>The gone page's own text, from the feed.</p>",
                "Tue, 11 Mar 2025 09:00:00 GMT",
            ),
            ("Walled", "/news/walled", f"<p>{long_entry}</p>", "Tue, 11 Mar 2025 10:00:00 GMT"),
            ("Image", "/news/img", "The image entry's caption text.", "Tue, 11 Mar 2025 11:00:00 GMT"),
            ("Nothing", "/news/nothing", None, "Tue, 11 Mar 2025 12:00:00 GMT"),
        ]
    )
    routes = {
        "/feed.xml": Reply(200, feed, RSS),
        "/news/walled": Reply(200, PAYWALL, HTML),
        "/news/img": Reply(200, b"\x89PNG....", {"Content-Type": "image/png"}),
    }
    with LocalServer(routes) as server, caplog.at_level(logging.WARNING, logger="newsfuse"):
        gone, walled, image, nothing = read([server.url("/feed.xml")])
    assert isinstance(gone, RawArticle) and gone.text == "The gone page's own text, from the feed."
    assert gone.fmt == "text" and gone.published == dt.date(2025, 3, 11) and gone.outlet == "Lowmere Tidings"
    assert isinstance(walled, RawArticle) and walled.text == long_entry
    assert isinstance(image, RawArticle) and image.text == "The image entry's caption text."
    assert isinstance(nothing, InputError) and nothing.path == server.url("/news/nothing")
    assert "HTTP 404" in nothing.problem and "the feed gives no text" in nothing.problem
    notes = [r.getMessage() for r in caplog.records]
    assert any(n.startswith(server.url("/news/gone") + ": HTTP 404") for n in notes), notes
    assert any(n.startswith(server.url("/news/walled") + ": the page holds") for n in notes), notes
    assert any(n.startswith(server.url("/news/img") + ": not an HTML page (image/png)") for n in notes), notes


def test_paywall_page_without_feed_text_is_an_error() -> None:
    feed = rss([("Walled", "/news/walled", None, "Tue, 11 Mar 2025 10:00:00 GMT")])
    routes = {"/feed.xml": Reply(200, feed, RSS), "/news/walled": Reply(200, PAYWALL, HTML)}
    with LocalServer(routes) as server:
        (item,) = read([server.url("/feed.xml")])
    assert isinstance(item, InputError) and "too few for an article" in item.problem


def test_fetch_pages_off_fetches_only_the_feed() -> None:
    feed = rss([("Ferry", "/news/ferry", "<p>The feed's text.</p>", "Tue, 11 Mar 2025 09:15:00 +0000")])
    with LocalServer({"/feed.xml": Reply(200, feed, RSS)}) as server:
        (item,) = read([server.url("/feed.xml")], dataclasses.replace(FAST, fetch_pages=False))
        assert isinstance(item, RawArticle) and item.text == "The feed's text."
        assert server.paths() == ["/robots.txt", "/feed.xml"]


def test_url_arguments_html_json_and_failures() -> None:
    routes = {
        "/story": Reply(200, page("Ferry slip to reopen", PARAS), HTML),
        "/records.json": Reply(
            200, '[{"title": "Birds", "text": "Birds were counted."}]', {"Content-Type": "application/json"}
        ),
        "/feed-as-text": Reply(
            200,
            rss([("F", "/story", "x", "Tue, 11 Mar 2025 09:15:00 +0000")]),
            {"Content-Type": "text/plain"},
        ),
        "/down": Reply(503, "busy"),
        "/walled": Reply(200, PAYWALL, HTML),
    }
    with LocalServer(routes) as server:
        items = read(
            [server.url(p) for p in ("/story", "/records.json", "/feed-as-text", "/down", "/walled")]
        )
    story, birds, from_feed, down, walled = items
    assert isinstance(story, RawArticle) and story.fmt == "html" and story.path == server.url("/story")
    assert story.title == "Ferry slip to reopen" and PARAS[0] in story.text
    assert isinstance(birds, RawArticle) and birds.title == "Birds"
    assert isinstance(from_feed, RawArticle) and from_feed.url == server.url("/story")  # sniffed as a feed
    assert isinstance(down, InputError) and down.path == server.url("/down") and "503" in down.problem
    assert isinstance(walled, InputError) and "too few for an article" in walled.problem


def test_opml_file_feeds_are_read(tmp_path: Path) -> None:
    feed = rss([("Ferry", "/news/ferry", "<p>The feed's text.</p>", "Tue, 11 Mar 2025 09:15:00 +0000")])
    routes = {
        "/feed.xml": Reply(200, feed, RSS),
        "/retired.xml": Reply(410, "gone"),
        "/page.html": Reply(200, page("A page", PARAS), HTML),
    }
    with LocalServer(routes) as server:
        opml = tmp_path / "subs.opml"
        opml.write_text(
            '<opml version="2.0"><body>'
            + "".join(
                f'<outline xmlUrl="{server.url(p)}"/>'
                for p in ("/feed.xml", "/missing.xml", "/retired.xml", "/page.html")
            )
            + "</body></opml>",
            encoding="utf-8",
        )
        ferry, missing, retired, html = read([str(opml)], dataclasses.replace(FAST, fetch_pages=False))
    assert isinstance(ferry, RawArticle) and ferry.title == "Ferry"
    assert (
        isinstance(missing, InputError)
        and str(missing) == f"{server.url('/missing.xml')}: HTTP 404 Not Found"
    )
    assert isinstance(retired, InputError) and retired.path == server.url("/retired.xml")
    assert "410" in retired.problem
    assert (
        isinstance(html, InputError) and str(html) == f"{server.url('/page.html')}: not a feed: an HTML page"
    )


def test_http_client_closed_when_the_read_is_abandoned(monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[bool] = []
    real_close = ReadContext.close

    def spy(self: ReadContext) -> None:
        closed.append(self.fetched)
        real_close(self)

    monkeypatch.setattr(ReadContext, "close", spy)
    routes = {"/a": Reply(200, page("A", PARAS), HTML), "/b": Reply(200, page("B", PARAS), HTML)}
    with LocalServer(routes) as server:
        items: Iterator[RawArticle | InputError] = read_inputs([server.url("/a"), server.url("/b")], FAST)
        first = next(items)
        assert isinstance(first, RawArticle)
        items.close()  # type: ignore[attr-defined]
        assert closed == [True]
        assert "/b" not in server.paths()


def test_feed_file_with_unreachable_links_reads_the_entries_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A feed file's pages fetched because the user gave the feed; a host that refuses: the feed's text."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    feed = rss(
        [
            (
                "Ferry",
                f"{closed}/news/ferry",
                "<p>The ferry entry's text.</p>",
                "Tue, 11 Mar 2025 09:15:00 +0000",
            ),
            (
                "Birds",
                f"{closed}/news/birds",
                "<p>The birds entry's text.</p>",
                "Tue, 11 Mar 2025 10:15:00 +0000",
            ),
        ]
    )
    path = tmp_path / "tidings.rss"
    path.write_text(feed, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="newsfuse"):
        items = read([str(path)])
    assert [i.text for i in items if isinstance(i, RawArticle)] == [
        "The ferry entry's text.",
        "The birds entry's text.",
    ]
    notes = [r.getMessage() for r in caplog.records if r.getMessage().startswith(closed)]
    assert len(notes) == 2 and all("the feed's own text is read instead" in n for n in notes), notes


def test_feed_served_as_html_is_read_as_a_feed() -> None:
    feed = rss([("Ferry", "/news/ferry", "<p>The feed's text.</p>", "Tue, 11 Mar 2025 09:15:00 +0000")])
    with LocalServer({"/feed": Reply(200, feed, HTML)}) as server:
        (item,) = read([server.url("/feed")], dataclasses.replace(FAST, fetch_pages=False))
    assert (
        isinstance(item, RawArticle) and item.text == "The feed's text." and item.outlet == "Lowmere Tidings"
    )


def test_feed_list_fetches_an_opml_url_and_names_its_problems() -> None:
    opml = '<opml version="2.0"><body><outline xmlUrl="https://a.example.org/f.xml"/></body></opml>'
    routes = {
        "/subs.opml": Reply(200, opml, {"Content-Type": "text/x-opml"}),
        "/bad.opml": Reply(200, "<opml><bo"),
    }
    with LocalServer(routes) as server:
        urls = [server.url(p) for p in ("/subs.opml", "/bad.opml", "/gone.opml", "/feed.xml")]
        feeds, problems = feed_list(urls, FAST)
        assert server.paths().count("/feed.xml") == 0  # a feed URL is taken as given, not fetched
    assert feeds == ["https://a.example.org/f.xml", server.url("/feed.xml")]
    assert [p.path for p in problems] == [server.url("/bad.opml"), server.url("/gone.opml")]
    assert "malformed OPML" in problems[0].problem and "404" in problems[1].problem
