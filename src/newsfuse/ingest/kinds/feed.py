"""RSS and Atom feeds (files, uploads, URLs): each entry's article (`ingest.feed`).

A feed's entries' pages are fetched only because the user gave the feed (`fetch_pages` off: the
entries' own text). A feed with no entries is one InputError.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.feed import entry_articles, looks_like_feed, parse_feed
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle

log = logging.getLogger(__name__)

KIND = "feed"
SUFFIXES = (".rss", ".atom")
STREAMS = False


def sniff(head: bytes, name: str | None) -> bool:
    return looks_like_feed(head)


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    data = source.read_all(ctx.settings.max_file_bytes)
    feed = parse_feed(data, source.shown, charset=source.charset, base=source.url)
    if not feed.entries:
        raise InputError(source.shown, "feed has no entries")
    fetcher = ctx.fetcher if ctx.settings.fetch_pages else None
    if fetcher is not None:  # at fetch_host_interval per host this takes a while: say what is going on
        linked = sum(1 for e in feed.entries if e.link)
        if linked:
            log.info("%s: %d entries; fetching their pages (setting fetch_pages)", source.shown, linked)
    for _entry, item in entry_articles(feed.entries, fetcher, ctx.settings, source.shown):
        yield item
