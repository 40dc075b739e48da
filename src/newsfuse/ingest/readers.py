"""The readers registry and the one dispatcher: which reader takes an input, and reading it.

Every input kind is one module in `newsfuse.ingest.kinds` exposing the same things:

    KIND: str                                   # "html", "feed", …
    SUFFIXES: tuple[str, ...]                   # file suffixes it owns (".rss", …); may be empty
    STREAMS: bool                               # read as a stream, never held whole (archives, JSON Lines)
    sniff(head: bytes, name: str | None) -> bool            # do these first bytes look like me?
    read(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]

Adding a kind is adding a module there and its name to `READERS`. The dispatcher takes the reader
the name's suffix (or a fetched body's content type) names; otherwise it asks each reader in
`READERS` order whether the first bytes look like its own: once on the bytes as stored (a stream
reader found there reads the input as a stream), then on the decoded text (UTF-16, a gzipped file).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from functools import cache
from types import ModuleType

from newsfuse.errors import InputError
from newsfuse.ingest.source import HEAD_BYTES, ReadContext, Source
from newsfuse.models import RawArticle

# sniffing order: most specific first; "text" takes whatever is left, "url" is never sniffed
READERS = ("warc", "jsonl", "json", "opml", "feed", "html", "markdown", "text", "url")
FALLBACK = "text"


@cache
def reader(kind: str) -> ModuleType:
    """The module reading one kind (KeyError for an unknown kind)."""
    if kind not in READERS:
        raise KeyError(kind)
    return importlib.import_module(f"newsfuse.ingest.kinds.{kind}")


@cache
def suffix_kinds() -> dict[str, str]:
    """File suffix (".html") -> kind, from every reader's SUFFIXES."""
    return {suffix: kind for kind in READERS for suffix in reader(kind).SUFFIXES}


def guess_kind(head: bytes, name: str | None = None) -> str:
    """The first reader in `READERS` order whose `sniff` takes these bytes (plain text when none does)."""
    for kind in READERS:
        if reader(kind).sniff(head, name):
            return kind
    return FALLBACK


def read_source(source: Source, ctx: ReadContext) -> Iterator[RawArticle | InputError]:
    """The articles of one input, by the reader its kind or content names; problems yielded, not raised."""
    try:
        kind = source.kind or _sniffed(source, ctx)
        yield from reader(kind).read(source, ctx)
    except InputError as exc:
        yield exc
    except ValueError as exc:
        yield InputError(source.shown, str(exc))


def _sniffed(source: Source, ctx: ReadContext) -> str:
    """The kind of an input whose name does not say it, judged by its first bytes."""
    kind = guess_kind(source.head(), source.name)
    if reader(kind).STREAMS:
        return kind
    data = source.read_all(ctx.settings.max_file_bytes)  # decompressed
    kind = guess_kind(data[:HEAD_BYTES], source.name)
    if reader(kind).STREAMS:
        return kind
    text = source.text(html=True, limit=ctx.settings.max_file_bytes)
    return guess_kind(text[:HEAD_BYTES].encode("utf-8", "surrogatepass"), source.name)
