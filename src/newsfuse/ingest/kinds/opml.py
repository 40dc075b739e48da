"""OPML subscription lists: every feed they name, fetched and read as a feed (`ingest.opml`)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.opml import looks_like_opml, parse_opml
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle

KIND = "opml"
SUFFIXES = (".opml",)
STREAMS = False


def sniff(head: bytes, name: str | None) -> bool:
    return looks_like_opml(head)


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    from newsfuse.ingest.kinds import url as url_reader

    urls = parse_opml(source.read_all(ctx.settings.max_file_bytes), source.shown)
    if not urls:
        raise InputError(source.shown, "OPML file names no feed (no outline with an xmlUrl)")
    for url in urls:
        yield from url_reader.read_url(url, ctx, want="feed")
