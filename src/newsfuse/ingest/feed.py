"""RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds: entries, and each entry's article.

A feed is parsed by feedparser, from bytes (never from a name it might open or fetch itself). Its
`bozo` flag marks XML that is not well formed: a feed that still gives entries is read with a logged
note, one that gives none is one InputError. Entity declarations are never expanded beyond what
expat allows and never loaded from outside (no XXE, no billion laughs: expat's amplification limit).

An entry becomes an article by its page: fetched (concurrently, `Fetcher.get_many`) and extracted as
an HTML file is (trafilatura), with the entry's title, date and outlet where the page lacks them. The
entry's own content (or summary) stands in when the page cannot be had, is not HTML, or does not read
as an article (a paywall or consent wall leaves a few words of teaser: judged by length alone, never
by a site's wording); one line is logged naming the link and why. Nothing is fetched when
`fetch_pages` is off or no client is given: the entry's content is the article.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.checks import checked
from newsfuse.ingest.dates import parse_published
from newsfuse.ingest.files import decode, normalize_text
from newsfuse.ingest.html import read_html
from newsfuse.ingest.outlets import table_for
from newsfuse.models import RawArticle

if TYPE_CHECKING:
    from newsfuse.fetch import Fetched, Fetcher

__all__ = [
    "FeedEntry",
    "ParsedFeed",
    "entry_articles",
    "html_to_text",
    "looks_like_feed",
    "page_article",
    "parse_feed",
]

log = logging.getLogger(__name__)

FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
# a page under these is a teaser, a paywall or a consent wall, not an article
MIN_WORDS = 50
MIN_SENTENCES = 2

_FEED_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>\s*|<\?[^>]*>\s*)*<(rss|feed|rdf:RDF)[\s>]",
    re.I | re.S,
)
_HTML_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE\s+([^\s>\[]+)[^>\[]*\[.*?\]\s*>", re.S)
_SENTENCE_END = re.compile(r"[.!?。！？](?=[\s\"'”’)]|$)")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, as the feed gives it."""

    key: str  # the entry's id/guid, else its link, else a hash of title+summary (stable across polls)
    link: str | None  # absolute http(s) URL of the article page, or None
    title: str | None
    published: str | None  # ISO 8601 (published, else updated)
    author: str | None
    content: str | None  # the entry's content, else summary, as plain text (HTML stripped), or None
    outlet: str | None  # the feed's title


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title, its site's link, and its entries in the feed's order."""

    title: str | None
    link: str | None
    entries: list[FeedEntry]


def looks_like_feed(head: bytes) -> bool:
    """Do these first bytes open an RSS, RDF or Atom document?"""
    return bool(_FEED_START.match(head.removeprefix(b"\xef\xbb\xbf")[:8192]))


def parse_feed(data: bytes, shown: str, *, charset: str | None = None, base: str | None = None) -> ParsedFeed:
    """The feed in `data`; raises InputError(shown, problem) when it is not a feed or unreadable.

    `base` is the URL the feed was fetched from: relative links are resolved against it (a file's
    against its own site link). A feed of no entries is returned as such: an empty feed is no error.
    """
    import feedparser  # type: ignore[import-untyped]

    head = data.lstrip()[:4096].removeprefix(b"\xef\xbb\xbf")
    if not head:
        raise InputError(shown, "empty file")
    if _HTML_START.match(head) and not looks_like_feed(head):
        raise InputError(shown, "not a feed: an HTML page")
    if b"<!ENTITY" in data[:65536]:
        # a feed needs no entities of its own: dropping the declarations costs a billion-laughs
        # document nothing (expat would refuse it, slowly) and leaves no external entity to load
        data = _INTERNAL_SUBSET.sub(b"<!DOCTYPE \\1>", data, count=1)
    headers = {"content-location": base} if base else {}
    if base or charset:  # feedparser notes a missing type as an error once it is given any header
        headers["content-type"] = f"application/xml; charset={charset}" if charset else "application/xml"
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=True)
    entries_raw = parsed.get("entries") or []
    if parsed.get("bozo") and not entries_raw:
        raise InputError(shown, f"malformed feed XML ({_problem(parsed.get('bozo_exception'))})")
    if not parsed.get("version") and not entries_raw:
        raise InputError(shown, "not a feed (no RSS, RDF or Atom document in it)")
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        if type(exc).__name__ in ("CharacterEncodingOverride", "NonXMLContentType"):
            log.info("%s: %s", shown, _problem(exc))  # a label that disagrees with the bytes: read as found
        else:
            log.warning(
                "%s: feed XML is not well formed (%s); its %d entries are read",
                shown,
                _problem(exc),
                len(entries_raw),
            )
    meta = parsed.get("feed") or {}
    title = _clean(meta.get("title"))
    site = _http(urljoin(base or "", meta.get("link") or "")) if meta.get("link") else None
    entries = [_entry(raw, title, base or site) for raw in entries_raw]
    return ParsedFeed(title, site, entries)


def _problem(exc: Any) -> str:
    """A feedparser/SAX error as one short phrase: "line 3: mismatched tag"."""
    if exc is None:
        return "unknown problem"
    line = getattr(exc, "getLineNumber", None)
    message = getattr(exc, "getMessage", None)
    if callable(line) and callable(message):
        return " ".join(f"line {line()}: {message()}".split())
    return " ".join(str(exc).split()) or type(exc).__name__


def _entry(raw: Any, outlet: str | None, base: str | None) -> FeedEntry:
    link = _http(urljoin(base or "", raw.get("link") or "")) if raw.get("link") else None
    title = _clean(raw.get("title"))
    content = _content(raw)
    key = _clean(raw.get("id")) or link
    if not key:
        digest = hashlib.sha1(f"{title or ''}\x00{content or ''}".encode(errors="surrogatepass"))
        key = "sha1:" + digest.hexdigest()
    author = _clean(raw.get("author"))
    return FeedEntry(key, link, title, _iso(raw), author, content, outlet)


def _http(url: str) -> str | None:
    """The URL when it is an absolute http(s) one (relative links resolved already), else None."""
    url = url.strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", html_to_text(value) if "<" in value or "&" in value else value).strip()
    return value or None


def _iso(raw: Any) -> str | None:
    """The entry's date (published, else updated) in ISO 8601, in the feed's own time zone.

    The zone is kept (feedparser's parsed dates are UTC) so that the day is the publisher's: an
    evening story in New York is not dated the next day.
    """
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get maps "published" to "updated" with a DeprecationWarning
        text = dict.get(raw, key)
        if isinstance(text, str) and text.strip():
            stamp = _timestamp(text.strip())
            if stamp:
                return stamp
        parsed = dict.get(raw, f"{key}_parsed")
        if parsed:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).isoformat()
            except (OverflowError, ValueError, OSError):
                pass
        date = parse_published(text) if isinstance(text, str) else None
        if date:
            return date.isoformat()
    return None


def _timestamp(text: str) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom) date-time with its offset, in ISO 8601, or None."""
    import email.utils

    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if stamp.tzinfo is None:
        return None  # no zone: feedparser's reading (UTC) is as good as any
    return stamp.isoformat()


def _content(raw: Any) -> str | None:
    """The entry's longest content, else its summary, as plain text."""
    texts = []
    for part in raw.get("content") or []:
        value = part.get("value") or ""
        texts.append(html_to_text(value) if "html" in (part.get("type") or "html") else value)
    if not any(t.strip() for t in texts) and raw.get("summary"):
        summary = raw.get("summary") or ""
        kind = (raw.get("summary_detail") or {}).get("type") or "text/html"
        texts.append(html_to_text(summary) if "html" in kind else summary)
    best = max((normalize_text(t).strip() for t in texts), key=len, default="")
    return best or None


_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
}


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one paragraph per line (block elements end lines)."""
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree

    if "<" not in markup:
        import html as htmllib

        return htmllib.unescape(markup).strip()
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", markup).strip()
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n" + (element.text or "")
    lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", ln).strip() for ln in root.text_content().split("\n"))
    return "\n".join(ln for ln in lines if ln)


# --- entries -> articles --------------------------------------------------------------------------


def entry_articles(
    entries: Sequence[FeedEntry], fetcher: Fetcher | None, settings: Settings, where: str
) -> Iterator[tuple[FeedEntry, RawArticle | InputError]]:
    """Each entry with its article (or the problem), in the feed's order.

    Pages are fetched concurrently when `settings.fetch_pages` and a client is given; an entry whose
    page cannot be had, or does not read as an article, is read from the feed's own text. Each
    article comes out as `read_inputs` gives one: outlet resolved, a far date dropped (`checks`).
    """
    table = table_for(settings.outlets)
    for entry, item in _entry_articles(entries, fetcher, settings, where):
        yield entry, checked(item, table)


def _entry_articles(
    entries: Sequence[FeedEntry], fetcher: Fetcher | None, settings: Settings, where: str
) -> Iterator[tuple[FeedEntry, RawArticle | InputError]]:
    if fetcher is None or not settings.fetch_pages:
        for index, entry in enumerate(entries, start=1):
            yield entry, _entry_only(entry, where, index, None)
        return
    from newsfuse.fetch import FetchRequest

    requests = (
        FetchRequest(entry.link, accept=PAGE_ACCEPT, tag=index)
        for index, entry in enumerate(entries)
        if entry.link
    )
    done: dict[int, Any] = {}
    next_index = 0

    def ready() -> Iterator[tuple[FeedEntry, RawArticle | InputError]]:
        nonlocal next_index
        while next_index < len(entries):
            entry = entries[next_index]
            if entry.link and next_index not in done:
                return
            got = done.pop(next_index, None)
            next_index += 1
            yield entry, _entry_with_page(entry, got, settings, where, next_index)

    yield from ready()
    for request, got in fetcher.get_many(requests):
        assert isinstance(request.tag, int)
        done[request.tag] = got
        yield from ready()
    yield from ready()


def _entry_with_page(
    entry: FeedEntry, got: Any, settings: Settings, where: str, index: int
) -> RawArticle | InputError:
    """The entry's article from its fetched page, else from the feed's own text."""
    from newsfuse.fetch import FetchError

    if got is None:
        return _entry_only(entry, where, index, None)
    if isinstance(got, FetchError):
        return _entry_only(entry, where, index, got.problem)
    article = page_article(got, settings, entry)
    if isinstance(article, InputError):
        return _entry_only(entry, where, index, article.problem)
    weak = weak_page(article.text, entry.content)
    if weak:
        return _entry_only(entry, where, index, weak)
    return article


def weak_page(text: str, feed_text: str | None) -> str | None:
    """Why a page's extracted text does not read as an article, or None when it does."""
    words = len(text.split())
    sentences = len(_SENTENCE_END.findall(text))
    if words < MIN_WORDS or sentences < MIN_SENTENCES:
        return f"the page holds {words} words, too few for an article (a paywall or consent wall?)"
    feed_words = len(feed_text.split()) if feed_text else 0
    if feed_words > 2 * words:
        return f"the page holds {words} words, under half the feed's own {feed_words} (a paywall?)"
    return None


def _entry_only(entry: FeedEntry, where: str, index: int, problem: str | None) -> RawArticle | InputError:
    """The entry's own text as the article; `problem` says why its page is not used (logged)."""
    shown = entry.link or where
    record = None if entry.link else index
    if not entry.content:
        if problem:
            return InputError(shown, f"{problem}; the feed gives no text of its own", record)
        return InputError(
            shown, "feed entry has no text (and no page is fetched: setting fetch_pages)", record
        )
    if problem:
        log.warning("%s: %s; the feed's own text is read instead", shown, problem)
    published = parse_published(entry.published)
    return RawArticle(
        text=entry.content,
        path=shown,
        record=record,
        fmt="text",
        title=entry.title,
        url=entry.link,
        outlet=entry.outlet,
        published=published,
        published_from="metadata" if published else None,
    )


def page_article(
    fetched: Fetched, settings: Settings, entry: FeedEntry | None = None
) -> RawArticle | InputError:
    """The article on a fetched HTML page; the entry's title, date and outlet where the page lacks them."""
    shown = entry.link if entry and entry.link else fetched.requested
    body = fetched.body
    if fetched.content_type not in HTML_TYPES and not (
        fetched.content_type in ("", "text/plain", "application/octet-stream")
        and _HTML_START.match(body[:4096])
    ):
        return InputError(shown, f"not an HTML page ({fetched.content_type or 'no content type'})")
    try:
        text = decode(body, html=True, declared=fetched.charset)
        page = read_html(text, shown, settings, url=fetched.url)
    except ValueError as exc:
        return InputError(shown, str(exc))
    if entry is None:
        return page
    published = page.published or parse_published(entry.published)
    return RawArticle(
        text=page.text,
        path=shown,
        fmt="html",
        title=page.title or entry.title,
        url=page.url or fetched.url,
        outlet=page.outlet or entry.outlet,
        published=published,
        published_from="metadata" if published else None,
        removed=page.removed,
    )
