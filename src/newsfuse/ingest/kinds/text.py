"""Plain text: the reader of last resort (`sniff` takes anything)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.ingest.text import read_text
from newsfuse.models import RawArticle

KIND = "text"
SUFFIXES = (".txt", ".text")
STREAMS = False


def sniff(head: bytes, name: str | None) -> bool:
    return True


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    article = read_text(source.text(html=False, limit=ctx.settings.max_file_bytes), source.shown)
    if not article.text.strip():
        raise ValueError("no article text in the file")
    yield article
