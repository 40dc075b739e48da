"""Web archives (WARC, .warc.gz, CC-NEWS), streamed record by record (`ingest.warc`)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.ingest.warc import looks_like_warc, read_warc
from newsfuse.models import RawArticle

KIND = "warc"
SUFFIXES = (".warc",)
STREAMS = True


def sniff(head: bytes, name: str | None) -> bool:
    return looks_like_warc(head)


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    with source.binary() as stream:
        yield from read_warc(stream, source.shown, ctx.settings)
