"""A JSON document: one record, a list of them, or an object holding a list (`ingest.records`)."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.records import read_json
from newsfuse.ingest.source import ReadContext, Source
from newsfuse.models import RawArticle

KIND = "json"
SUFFIXES = (".json",)
STREAMS = False


def sniff(head: bytes, name: str | None) -> bool:
    return head.lstrip()[:1] in (b"[", b"{")


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    text = source.text(html=False, limit=ctx.settings.max_file_bytes)
    yield from read_json(text, source.shown, ctx.settings)
