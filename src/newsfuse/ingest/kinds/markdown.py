"""Markdown, by its suffix only (any Markdown also reads as plain text)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.ingest.text import read_markdown
from newsfuse.models import RawArticle

KIND = "markdown"
SUFFIXES = (".md", ".markdown")
STREAMS = False


def sniff(head: bytes, name: str | None) -> bool:
    return False


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    article = read_markdown(source.text(html=False, limit=ctx.settings.max_file_bytes), source.shown)
    if not article.text.strip():
        raise ValueError("no article text in the file")
    yield article
