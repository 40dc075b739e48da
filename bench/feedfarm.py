"""A local feed farm for bench/watch.py: invented outlets on 127.0.0.1, each a host (its own port) with
its feeds (RSS 2.0 or Atom) and article pages, answered after a seeded latency, with ETag and
Last-Modified honoured (304 when unchanged), gzip when asked, a robots.txt, and a request log.

Everything is invented from templates and seeded word choices: places, people, organisations, outlets,
events. Stories are shared between outlets (a few big ones many times, most once or twice), so the
grouping in `newsfuse watch` has work to do. Nothing here reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from feedfarm_text import OUTLET_TAIL, SECTIONS, Article, Topic, make_topic, place_name, write_article

# --- outlets, feeds, pages -----------------------------------------------------------------------


@dataclass
class Resource:
    """A body served at one path, with its validators."""

    body: bytes
    content_type: str
    etag: str
    last_modified: dt.datetime
    gzipped: bytes = b""

    @classmethod
    def of(cls, body: bytes, content_type: str, last_modified: dt.datetime) -> Resource:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        return cls(body, content_type, etag, last_modified.replace(microsecond=0), gzip.compress(body, 6))


@dataclass
class Feed:
    host: int  # index of its outlet
    path: str
    atom: bool
    section: str
    articles: list[Article] = field(default_factory=list)  # newest first


@dataclass
class Outlet:
    name: str
    feeds: list[Feed]
    server: ThreadingHTTPServer | None = None
    resources: dict[str, Resource] = field(default_factory=dict)

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.server_address[1])

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass(frozen=True)
class Hit:
    """One request as the farm saw it."""

    host: int
    method: str
    path: str
    status: int
    conditional: bool  # If-None-Match or If-Modified-Since sent
    began: float  # time.monotonic() on arrival
    ended: float
    sent: int  # body bytes


def _page_html(outlet: Outlet, feed: Feed, article: Article, others: list[Article]) -> bytes:
    esc = html.escape
    date, shown = article.published.isoformat(), f"{article.published:%d %B %Y, %H:%M}"
    menu = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in SECTIONS)
    body = "\n".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
    read = "".join(f'<li><a href="{esc(o.path)}">{esc(o.title)}</a></li>' for o in others)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(article.title)} | {esc(outlet.name)}</title>
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:site_name" content="{esc(outlet.name)}">
<meta name="author" content="{esc(article.author)}">
<meta property="article:published_time" content="{date}">
<link rel="stylesheet" href="/static/site.css"></head>
<body><header><div class="brand">{esc(outlet.name)}</div><nav><ul>{menu}</ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main><article><p class="kicker">{esc(feed.section.title())}</p><h1>{esc(article.title)}</h1>
<p class="byline">By {esc(article.author)} · <time datetime="{date}">{shown}</time></p>
{body}
<p class="share">Share this article · Print · Email</p></article>
<aside><h2>Most read</h2><ol>{read}</ol></aside></main>
<footer><p>© {article.published.year} {esc(outlet.name)}. All rights reserved.</p>
<p><a href="/about">About us</a> · <a href="/privacy">Privacy</a> · <a href="/contact">Contact</a></p>
</footer>
</body></html>
"""
    return page.encode("utf-8")


def _feed_xml(outlet: Outlet, feed: Feed) -> bytes:
    esc = html.escape
    site = outlet.origin
    items = []
    for a in feed.articles:
        link = site + a.path
        if feed.atom:
            items.append(
                f"<entry><id>{link}</id><title>{esc(a.title)}</title>"
                f'<link rel="alternate" href="{link}"/><published>{a.published.isoformat()}</published>'
                f"<updated>{a.published.isoformat()}</updated><author><name>{esc(a.author)}</name></author>"
                f"<summary>{esc(a.summary)}</summary></entry>"
            )
        else:
            items.append(
                f"<item><title>{esc(a.title)}</title><link>{link}</link>"
                f'<guid isPermaLink="true">{link}</guid><pubDate>{format_datetime(a.published)}</pubDate>'
                f"<dc:creator>{esc(a.author)}</dc:creator><description>{esc(a.summary)}</description></item>"
            )
    newest = max(a.published for a in feed.articles)
    title = f"{outlet.name} — {feed.section.title()}"
    if feed.atom:
        xml = (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{esc(title)}</title><id>{site}{feed.path}</id>"
            f'<link rel="self" href="{site}{feed.path}"/><link href="{site}/"/>'
            f"<updated>{newest.isoformat()}</updated>" + "".join(items) + "</feed>\n"
        )
    else:
        xml = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{esc(title)}</title><link>{site}/</link><description>{esc(title)}</description>"
            f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>"
            + "".join(items)
            + "</channel></rss>\n"
        )
    return xml.encode("utf-8")


ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search\n"


class Farm:
    """`hosts` outlets × `feeds // hosts` feeds × `entries` articles, served once started."""

    def __init__(self, *, feeds: int, entries: int, hosts: int, latency: tuple[float, float], seed: int = 20):
        self.rng = random.Random(seed)
        self.seed = seed
        self.latency = latency  # seconds, uniform between the two
        self._latency_rng = random.Random(seed + 1)
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self.topics: list[Topic] = []
        self.story_of: dict[str, int] = {}  # page path -> the invented story (its topic's id) it is about
        self._serial = 0
        self.outlets = [
            Outlet(f"The {place_name(self.rng)} {self.rng.choice(OUTLET_TAIL)}", []) for _ in range(hosts)
        ]
        for n in range(feeds):
            outlet = self.outlets[n % hosts]
            section = SECTIONS[len(outlet.feeds) % len(SECTIONS)]
            suffix = "" if len(outlet.feeds) < len(SECTIONS) else f"-{len(outlet.feeds) // len(SECTIONS)}"
            atom = self.rng.random() < 0.3
            path = f"/feeds/{section}{suffix}.{'atom' if atom else 'xml'}"
            outlet.feeds.append(Feed(n % hosts, path, atom, section + suffix))
        self._entries = entries

    # -- content --

    def _story_sizes(self) -> int:
        """How many articles a new story gets: most one or two, a few dozens (the big, shared stories)."""
        r = self.rng.random()
        if r < 0.6:
            return self.rng.randint(1, 2)
        if r < 0.9:
            return self.rng.randint(3, 8)
        if r < 0.98:
            return self.rng.randint(10, 25)
        return self.rng.randint(30, 60)

    def _new_article(self, feed: Feed, topic: Topic, published: dt.datetime | None = None) -> Article:
        self._serial += 1
        when = published or topic.at + dt.timedelta(hours=self.rng.uniform(0, 30))
        when = min(when, self.now).replace(microsecond=0)
        slug = f"{topic.kind}-{topic.place.lower()}-{self._serial}"
        path = f"/{feed.section}/{when:%Y/%m}/{slug}.html"
        self.story_of[path] = id(topic)
        return write_article(topic, self.rng, path, when)

    def build(self) -> None:
        """Write every feed's entries (newest first) and render all resources; call after start()."""
        total = sum(len(o.feeds) for o in self.outlets) * self._entries
        slots: list[Topic] = []
        while len(slots) < total:
            topic = make_topic(self.rng, self.now)
            self.topics.append(topic)
            slots += [topic] * self._story_sizes()
        slots = slots[:total]
        self.rng.shuffle(slots)
        for outlet in self.outlets:
            for feed in outlet.feeds:
                new = [self._new_article(feed, slots.pop()) for _ in range(self._entries)]
                feed.articles = sorted(new, key=lambda a: a.published, reverse=True)
        for outlet in self.outlets:
            self._render(outlet)

    def _render(self, outlet: Outlet) -> None:
        every = [a for f in outlet.feeds for a in f.articles]
        for feed in outlet.feeds:
            for a in feed.articles:
                if a.path not in outlet.resources:
                    others = self.rng.sample(every, min(5, len(every)))
                    page = _page_html(outlet, feed, a, others)
                    outlet.resources[a.path] = Resource.of(page, "text/html; charset=utf-8", a.published)
            newest = max(a.published for a in feed.articles)
            kind = "application/atom+xml" if feed.atom else "application/rss+xml"
            outlet.resources[feed.path] = Resource.of(
                _feed_xml(outlet, feed), kind + "; charset=utf-8", newest
            )
        outlet.resources["/robots.txt"] = Resource.of(ROBOTS.encode(), "text/plain", self.now)

    def add_entries(self, feeds: list[Feed], count: int) -> list[Article]:
        """`count` new entries at the top of each of `feeds`, published now (the feed's validators change)."""
        added = []
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.now = now
        for feed in feeds:
            new = []
            for k in range(count):
                topic = self.rng.choice(self.topics) if self.rng.random() < 0.5 else make_topic(self.rng, now)
                new.append(self._new_article(feed, topic, now - dt.timedelta(seconds=k)))
            feed.articles = new + feed.articles
            added += new
        for outlet in {id(self.outlets[f.host]): self.outlets[f.host] for f in feeds}.values():
            self._render(outlet)
        return added

    def feeds(self) -> Iterator[tuple[Outlet, Feed]]:
        for outlet in self.outlets:
            for feed in outlet.feeds:
                yield outlet, feed

    def feed_urls(self) -> list[str]:
        return [outlet.origin + feed.path for outlet, feed in self.feeds()]

    def articles(self) -> list[Article]:
        return [a for _, feed in self.feeds() for a in feed.articles]

    # -- serving --

    def start(self) -> Farm:
        for index, outlet in enumerate(self.outlets):
            outlet.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self, index))
            outlet.server.daemon_threads = True
            threading.Thread(target=outlet.server.serve_forever, name=f"farm-{index}", daemon=True).start()
        return self

    def stop(self) -> None:
        for outlet in self.outlets:
            if outlet.server is not None:
                outlet.server.shutdown()
                outlet.server.server_close()

    def take_log(self) -> list[Hit]:
        """The requests seen since the last call."""
        with self._lock:
            hits, self.log = self.log, []
        return hits

    def delay(self) -> float:
        """Seconds before answering: seeded, uniform over `latency` (drawn in arrival order)."""
        low, high = self.latency
        if high <= 0:
            return 0.0
        with self._lock:
            return self._latency_rng.uniform(low, high)


def _not_modified(headers: dict[str, str], resource: Resource) -> bool:
    """RFC 9110: If-None-Match wins when sent; else If-Modified-Since at or after Last-Modified."""
    if "if-none-match" in headers:
        tags = [t.strip().removeprefix("W/") for t in headers["if-none-match"].split(",")]
        return "*" in tags or resource.etag in tags
    if "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
        except (TypeError, ValueError):
            return False
        return since is not None and since.tzinfo is not None and since >= resource.last_modified
    return False


def _handler(farm: Farm, host: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # the farm keeps its own log
            pass

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def _answer(self, *, head: bool) -> None:
            began = time.monotonic()
            headers = {k.lower(): v for k, v in self.headers.items()}
            path = self.path.split("?", 1)[0]
            resource = farm.outlets[host].resources.get(path)
            time.sleep(farm.delay())
            status, body, extra = 404, b"not found\n", {"Content-Type": "text/plain"}
            if resource is not None:
                validators = {
                    "ETag": resource.etag,
                    "Last-Modified": format_datetime(resource.last_modified, usegmt=True),
                    "Cache-Control": "max-age=300",
                }
                if _not_modified(headers, resource):
                    status, body, extra = 304, b"", validators
                else:
                    status, extra = (
                        200,
                        {"Content-Type": resource.content_type, **validators, "Vary": "Accept-Encoding"},
                    )
                    body = resource.body
                    if "gzip" in headers.get("accept-encoding", ""):
                        body, extra["Content-Encoding"] = resource.gzipped, "gzip"
            try:
                self.send_response(status)
                for name, value in extra.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head and status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            conditional = "if-none-match" in headers or "if-modified-since" in headers
            hit = Hit(host, self.command, path, status, conditional, began, time.monotonic(), len(body))
            with farm._lock:
                farm.log.append(hit)

    return Handler
