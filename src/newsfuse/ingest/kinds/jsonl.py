"""JSON Lines, streamed line by line: a multi-gigabyte file costs one line's memory."""

from __future__ import annotations

from collections.abc import Iterator

from newsfuse.errors import InputError
from newsfuse.ingest.records import line_limit, read_jsonl
from newsfuse.ingest.source import HEAD_BYTES, ReadContext, Source
from newsfuse.models import RawArticle

KIND = "jsonl"
SUFFIXES = (".jsonl", ".ndjson")
STREAMS = True


def sniff(head: bytes, name: str | None) -> bool:
    """Two or more lines, each one JSON object (the last line counted only when complete)."""
    lines = head.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    if len(head) >= HEAD_BYTES:
        lines = lines[:-1]  # cut off mid-line
    lines = [ln for ln in lines if ln.strip()]
    return len(lines) > 1 and all(ln.lstrip().startswith(b"{") and ln.rstrip().endswith(b"}") for ln in lines)


def read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    yield from read_jsonl(source.lines(line_limit(ctx.settings)), source.shown, ctx.settings)
