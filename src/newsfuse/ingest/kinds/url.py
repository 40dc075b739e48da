"""An http(s) URL given where a path is accepted: fetched, then read by what came back.

A feed (by content type or content) gives its entries' articles, an HTML page its article, JSON,
JSON Lines, text or a web archive what their readers find. A URL that cannot be fetched is one
InputError naming it and the problem. Never sniffed: the dispatcher's caller routes URLs here.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.feed import looks_like_feed
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle

KIND = "url"
SUFFIXES: tuple[str, ...] = ()
STREAMS = False

# media type -> reader kind; anything else is sniffed
_TYPE_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/x-rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "text/x-opml": "opml",
    "text/x-opml+xml": "opml",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/warc": "warc",
    "text/markdown": "markdown",
}
_ACCEPT = {
    "feed": "application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,"
    "*/*;q=0.5",
    None: "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,*/*;q=0.8",
}


def sniff(head: bytes, name: str | None) -> bool:
    return False


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    yield from read_url(source.url or source.shown, ctx)


def read_url(url: str, ctx: ReadContext, *, want: str | None = None) -> Iterator[RawArticle | InputError]:
    """Fetch `url` and read the body by its content type, else by its content."""
    from newsfuse.fetch import FetchError
    from newsfuse.ingest.readers import read_source

    try:
        fetched = ctx.fetcher.get(url, accept=_ACCEPT.get(want, _ACCEPT[None]))
    except FetchError as exc:
        yield exc.input_error()
        return
    kind = _TYPE_KINDS.get(fetched.content_type)
    if want == "feed" or (kind in (None, "html") and looks_like_feed(fetched.body[:8192])):
        kind = "feed"  # a feed served as text/html or application/xml; what a list names as a feed
    body = Source(
        url,
        kind,
        data=fetched.body,
        url=fetched.url,
        charset=fetched.charset,
        content_type=fetched.content_type,
    )
    yield from read_source(body, ctx)
