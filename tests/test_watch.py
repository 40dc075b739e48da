"""`newsfuse watch` against feeds and pages served on 127.0.0.1 (tests/localhttp.py): what one poll
fetches and stores, what a second costs (one conditional request per feed), a feed that changes, a
feed that fails (backoff) or is gone (retired), bad pages among good ones.

Every feed, page, outlet and name here is invented. `Site` builds the server's routes: feeds answer a
conditional GET with 304 when unchanged, as a well-behaved server does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from newsfuse import api
from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.store import canonical_url, open_store
from newsfuse.watch import ENTRY_ATTEMPTS, PollReport, backoff_seconds, poll_line, run_watch
from tests.localhttp import LocalServer, Reply, Seen

SETTINGS = dataclasses.replace(
    Settings(), fetch_host_interval=0.0, fetch_retries=0, fetch_timeout=5.0, fetch_max_wait=1.0
)

# three invented events: (place, people, words)
EVENTS = [
    ("Velmora", ["Edda Farrant", "the Velmora port authority"], ["crane", "harbour", "collapse", "dockers"]),
    ("Karsk", ["Bram Tolliver", "the Karsk council"], ["bridge", "repairs", "river", "traffic"]),
    ("Saltmere", ["Ione Dravel", "the Saltmere water board"], ["reservoir", "drought", "rationing", "pipes"]),
]
_SENTENCES = [
    "{p0} said on {day} that the {w0} in {place} had left {k} households waiting for news.",
    "Work on the {w1} near {place} stopped after the {w0}, {p1} told reporters.",
    "{p1} counted {k} complaints about the {w2} since the start of the month in {place}.",
    "Residents of {place} described the {w3} as the worst they remembered, {p0} said.",
    "{p0} promised a full report on the {w0} and the {w1} by {day}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article_text(n: int, event: int) -> tuple[str, list[str]]:
    """The title and paragraphs of invented article `n` about event `event`."""
    place, people, words = EVENTS[event]
    paragraphs = []
    for p in range(3):
        sentences = []
        for s in range(3):
            k = (n * 7 + p * 3 + s) % len(_SENTENCES)
            sentences.append(
                _SENTENCES[k].format(
                    place=place,
                    p0=people[0],
                    p1=people[1],
                    w0=words[0],
                    w1=words[1],
                    w2=words[2],
                    w3=words[3],
                    k=11 + n * 13 + p + s,
                    day=_DAYS[(n + p + s) % 5],
                )
            )
        paragraphs.append(" ".join(sentences))
    return f"{place}: {words[0]} {words[1]} report {n}", paragraphs


def page_html(title: str, paragraphs: Sequence[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return (
        f"<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>{escape(title)}</title></head>"
        f"<body><header><nav><a href=/>Home</a></nav></header><main><article><h1>{escape(title)}</h1>\n"
        f"{body}</article></main><footer>© Invented Outlet</footer></body></html>\n"
    )


def rss(outlet: str, origin: str, items: Sequence[tuple[str, str, str, str | None]]) -> str:
    """An RSS 2.0 feed; items: (guid, link, title, summary or None)."""
    when = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(outlet)}</title><link>{origin}/</link><description>Invented news</description>"
    ]
    for n, (guid, link, title, summary) in enumerate(items):
        parts.append(
            f"<item><guid isPermaLink='false'>{escape(guid)}</guid><link>{escape(link)}</link>"
            f"<title>{escape(title)}</title>"
            f"<pubDate>{format_datetime(when + dt.timedelta(hours=n))}</pubDate>"
            + (f"<description>{escape(summary)}</description>" if summary else "")
            + "</item>"
        )
    return "\n".join(parts) + "</channel></rss>\n"


class Site:
    """Feeds and article pages on one `LocalServer`; feeds answer conditional GETs."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.bodies: dict[str, str] = {}

    def page(self, path: str, n: int, event: int, **reply: object) -> tuple[str, str, str, str | None]:
        """Serve article `n` at `path`; the feed item pointing at it (summary: the opening paragraph)."""
        title, paragraphs = article_text(n, event)
        self.server.routes[path] = Reply(
            200, page_html(title, paragraphs), {"Content-Type": "text/html"}, **reply
        )  # type: ignore[arg-type]
        return (f"entry-{n}", self.server.url(path), title, paragraphs[0])

    def feed(self, path: str, outlet: str, items: Sequence[tuple[str, str, str, str | None]]) -> str:
        self.bodies[path] = rss(outlet, self.server.origin, items)
        self.server.routes[path] = self._conditional(path)
        return self.server.url(path)

    def _conditional(self, path: str):  # type: ignore[no-untyped-def]
        def answer(seen: Seen) -> Reply:
            body = self.bodies[path]
            etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
            if seen.headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag})
            return Reply(200, body, {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": etag})

        return answer


@pytest.fixture
def site() -> Iterator[Site]:
    with LocalServer() as server:
        yield Site(server)


def three_feeds(site: Site) -> list[str]:
    """Three outlets, three entries each: the Velmora crane in all three, Karsk and Saltmere in some."""
    feeds = []
    n = 0
    for f, events in enumerate([(0, 1, 1), (0, 2, 2), (0, 1, 2)]):
        items = []
        for event in events:
            items.append(site.page(f"/o{f}/a{n}.html", n, event))
            n += 1
        feeds.append(site.feed(f"/o{f}/feed.xml", f"Outlet {f}", items))
    return feeds


def watched(db: Path, feeds: Sequence[str]) -> None:
    with open_store(db) as store:
        for url in feeds:
            store.add_feed(url)


def entry_states(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT state, count(*) FROM feed_entries GROUP BY state").fetchall())


def stored_urls(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT url FROM articles"))


def once(db: Path, problems: list[InputError] | None = None, **settings: object) -> PollReport:
    report = run_watch(
        db,
        dataclasses.replace(SETTINGS, **settings),  # type: ignore[arg-type]
        once=True,
        on_problem=(problems if problems is not None else []).append,
    )
    assert report is not None
    return report


def test_a_second_watch_once_asks_each_feed_once_and_fetches_nothing(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    feeds = three_feeds(site)
    watched(db, feeds)
    problems: list[InputError] = []
    first = once(db, problems)
    assert problems == []
    assert (first.feeds_checked, first.not_modified, first.new_articles, first.errors) == (3, 0, 9, 0)
    assert first.stories_touched == 3  # the crane, the bridge, the reservoir
    assert entry_states(db) == {"stored": 9}
    assert len(stored_urls(db)) == 9
    pages = [p for p in site.server.paths() if p.endswith(".html")]
    assert sorted(pages) == sorted(set(pages)) and len(pages) == 9  # each page once

    mark = len(site.server.log)
    second = once(db, problems)
    seen = site.server.log[mark:]
    asked = [s for s in seen if s.path != "/robots.txt"]
    # one conditional request per feed, answered 304; robots.txt again only because this is a new
    # fetcher (its cache lives as long as the process's fetcher)
    assert sorted(s.path for s in asked) == sorted(f"/o{f}/feed.xml" for f in range(3))
    assert all(s.headers.get("if-none-match") for s in asked)
    assert len(seen) - len(asked) <= 1
    assert (second.feeds_checked, second.not_modified, second.new_articles, second.errors) == (3, 3, 0, 0)
    assert second.requests == len(seen)
    assert "3 feeds checked (3 not modified), 0 new articles, 0 stories touched, 0 errors" in poll_line(
        second
    )
    with open_store(db) as store:
        rows = store.feeds()
    assert [(r.last_status, r.entries, r.last_new, r.failures) for r in rows] == [
        ("not modified", 3, 0, 0)
    ] * 3


def test_a_feed_that_changes_gets_only_its_new_entry_fetched(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    items = [site.page("/a1.html", 1, 0), site.page("/a2.html", 2, 1)]
    url = site.feed("/feed.xml", "Coast Courier", items)
    watched(db, [url])
    assert once(db).new_articles == 2
    items.insert(0, site.page("/a3.html", 3, 0))
    site.feed("/feed.xml", "Coast Courier", items)
    mark = len(site.server.log)
    report = once(db)
    fetched = [s.path for s in site.server.log[mark:] if s.path != "/robots.txt"]
    assert fetched == ["/feed.xml", "/a3.html"]
    assert (report.new_articles, report.not_modified, report.stories_touched) == (1, 0, 1)
    with open_store(db) as store:
        (row,) = store.feeds()
        assert (row.entries, row.last_new, row.last_status) == (3, 1, "ok")
        crane = [s for s in store.stories() if len(s.title or "") and s.articles == 2]
    assert len(crane) == 1  # the new report joined the crane story


def test_a_failing_feed_backs_off_and_a_gone_one_is_retired(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    good = site.feed("/good.xml", "Good", [site.page("/g.html", 1, 1)])
    site.server.routes["/gone.xml"] = Reply(410, "gone")
    missing = site.server.url("/missing.xml")  # 404
    watched(db, [good, site.server.url("/gone.xml"), missing])
    problems: list[InputError] = []
    first = once(db, problems)
    assert (first.feeds_checked, first.feeds_failed, first.retired, first.errors) == (3, 2, 1, 2)
    assert sorted(p.path for p in problems) == sorted([site.server.url("/gone.xml"), missing])
    assert all("\n" not in str(p) for p in problems)
    with open_store(db) as store:
        rows = {r.url: r for r in store.feeds()}
    assert rows[site.server.url("/gone.xml")].retired
    lost = rows[missing]
    assert (lost.failures, lost.last_status, lost.retired) == (1, "failed", False)
    assert "404" in (lost.last_error or "")
    waited = dt.datetime.fromisoformat(lost.next_check or "") - dt.datetime.fromisoformat(
        lost.last_checked or ""
    )
    assert waited.total_seconds() == backoff_seconds(1, SETTINGS.watch_every_seconds, SETTINGS) == 1200

    mark = len(site.server.log)
    second = once(db, problems)  # the 404 is backing off, the 410 retired: only the good feed is asked
    asked = [s.path for s in site.server.log[mark:] if s.path != "/robots.txt"]
    assert asked == ["/good.xml"]
    assert (second.feeds_checked, second.waiting, second.errors) == (1, 1, 0)
    assert "1 backing off" in poll_line(second)


def test_backoff_doubles_up_to_its_cap() -> None:
    settings = dataclasses.replace(SETTINGS, watch_every="10m", watch_max_backoff="1h")
    assert [backoff_seconds(n, 600, settings) for n in (1, 2, 3, 40)] == [1200, 2400, 3600, 3600]


def test_bad_pages_and_a_bad_feed_among_good_ones(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    good = site.page("/fine.html", 1, 0)
    broken = site.page("/broken.html", 2, 1)
    site.server.routes["/broken.html"] = Reply(500, "oops")  # and its entry has no text of its own
    broken = (broken[0], broken[1], broken[2], None)
    fallback = site.page("/walled.html", 3, 2)
    site.server.routes["/walled.html"] = Reply(404, "no such page")  # the entry's summary stands in
    feed = site.feed("/feed.xml", "Mixed", [good, broken, fallback])
    site.server.routes["/html.xml"] = Reply(
        200, "<!doctype html><html><body><p>Not a feed</p></body></html>", {"Content-Type": "text/html"}
    )
    site.server.routes["/bad.xml"] = Reply(
        200,
        "<?xml version='1.0'?>\n<rss version='2.0'><channel><title>Broken</title></chan",
        {"Content-Type": "application/rss+xml"},
    )
    watched(db, [feed, site.server.url("/html.xml"), site.server.url("/bad.xml")])
    problems: list[InputError] = []
    report = once(db, problems)
    where = sorted(p.path for p in problems)
    assert where == sorted(
        [site.server.url("/broken.html"), site.server.url("/html.xml"), site.server.url("/bad.xml")]
    )
    assert report.errors == 3 and report.feeds_failed == 2
    assert report.new_articles == 2  # the good page, and the walled one from its entry's summary
    assert stored_urls(db) == sorted(
        canonical_url(site.server.url(p)) for p in ["/fine.html", "/walled.html"]
    )
    assert entry_states(db) == {"stored": 2, "pending": 1}
    assert report.pending == 1

    for _ in range(2, ENTRY_ATTEMPTS + 1):  # tried again on the next polls, then given up
        problems.clear()
        again = once(db, problems)
        assert again.new_articles == 0
        assert site.server.url("/broken.html") in {p.path for p in problems}
    assert entry_states(db) == {"stored": 2, "failed": 1}
    assert any("given up" in p.problem for p in problems)
    mark = len(site.server.log)
    once(db)
    assert "/broken.html" not in [s.path for s in site.server.log[mark:]]
    assert len([s for s in site.server.log if s.path == "/broken.html"]) == ENTRY_ATTEMPTS


def test_the_loop_polls_feeds_as_they_come_due_and_stops_on_its_event(tmp_path: Path, site: Site) -> None:
    """What `serve --watch` runs in a thread: polls, sleeps until a feed is due, sees feeds added
    meanwhile (the web Feeds page), and returns soon after its event is set."""
    db = tmp_path / "n.db"
    first = site.feed("/first.xml", "First", [site.page("/f.html", 1, 0)])
    watched(db, [first])
    polls: list[PollReport] = []
    stopping = threading.Event()
    loop = threading.Thread(
        target=run_watch,
        args=(db, SETTINGS),
        kwargs={"every": 3600.0, "stop_event": stopping, "on_poll": polls.append},
    )
    loop.start()
    try:
        _wait(lambda: len(polls) == 1)
        assert polls[0].new_articles == 1
        later = site.feed("/later.xml", "Later", [site.page("/l.html", 2, 1)])
        watched(db, [later])  # as the web app adds one while the loop sleeps
        _wait(lambda: len(polls) == 2)
        assert (polls[1].feeds_checked, polls[1].new_articles) == (1, 1)  # the first is not due yet
    finally:
        stopping.set()
        loop.join(timeout=10)
    assert not loop.is_alive()
    assert len(polls) == 2 and entry_states(db) == {"stored": 2}


def _wait(done: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_stop_event_mid_poll_ends_it_between_articles_without_counting_failures(
    tmp_path: Path, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "n.db"
    monkeypatch.setenv(api.TEST_HOOK_ENV, "chunk=1,batch=1")  # each article stored as it comes
    items = [site.page(f"/s{n}.html", n, n % 3, delay=0.2) for n in range(6)]
    watched(db, [site.feed("/feed.xml", "Slow", items)])
    stopping = threading.Event()
    settings = dataclasses.replace(SETTINGS, engine_chunk=1, fetch_host_concurrency=1)

    def stop_at_first(problem: InputError) -> None:
        raise AssertionError(problem)

    loop_result: list[PollReport | None] = []
    loop = threading.Thread(
        target=lambda: loop_result.append(
            run_watch(db, settings, once=True, stop_event=stopping, on_problem=stop_at_first)
        )
    )
    loop.start()
    _wait(lambda: len(stored_urls(db)) >= 1 or not loop.is_alive())
    stopping.set()
    loop.join(timeout=30)
    (report,) = loop_result
    assert report is not None and report.stopped and "stopped" in poll_line(report)
    states = entry_states(db)
    assert states.get("stored", 0) < 6 and "failed" not in states
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT max(attempts) FROM feed_entries").fetchone()[0] == 0
    assert once(db).new_articles == 6 - states.get("stored", 0)  # the next poll fetches the rest
    assert entry_states(db) == {"stored": 6}
