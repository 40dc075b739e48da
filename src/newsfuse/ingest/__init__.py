"""Ingest: paths (files, folders, "-" for standard input, http(s) URLs) -> RawArticle, or an InputError each.

Errors are yielded, not raised, so that one bad file or record never stops the batch. Everything
streams: folders are walked lazily, JSON Lines are read line by line and WARC archives record by
record (a .warc/.warc.gz name, or WARC content on standard input or under an unknown name), so a
multi-gigabyte input costs one record's memory.

What the world sends is checked here, once, so that nothing downstream meets it: JSON within depth
and number limits (`records.load_json`), lone surrogates replaced by U+FFFD in every RawArticle and
InputError (`models.display_safe`), file names shown display-safe but opened by their real bytes,
folder walks that report loops and unreadable entries, and publication dates outside the plausible
range (`dates.plausible_date`) dropped with a logged note, the article kept undated (`checks.checked`).

Which reader takes an input is `readers.read_source`'s business (one module per kind in
`ingest.kinds`); this module turns the arguments into `source.Source`s and makes the one
`source.ReadContext` they share, whose HTTP client (made only for a URL or a feed) is closed when
the read ends, however it ends.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.checks import checked as _checked
from newsfuse.ingest.files import expand_paths
from newsfuse.ingest.readers import guess_kind, read_source
from newsfuse.ingest.source import STDIN, ReadContext, Source, is_url
from newsfuse.models import RawArticle

__all__ = ["raw_key", "read_bytes", "read_inputs", "sniff"]


def raw_key(raw: RawArticle) -> str:
    """Hash of an input as read (text, title, URL): equal keys clean to the same article."""
    key = f"{raw.url or ''}\x00{raw.title or ''}\x00{raw.text}"
    # a RawArticle holds no lone surrogate (replaced on construction); surrogatepass keeps the old keys
    digest = hashlib.sha1(key.encode(errors="surrogatepass"))
    return digest.hexdigest()


def read_inputs(
    paths: Sequence[str], settings: Settings | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[RawArticle | InputError]:
    """Every article found under `paths`, in order, with an InputError for each bad input.

    A path is a file, a folder (its article files, recursively), "-" (standard input, read once)
    or an http(s) URL (fetched: a page, a feed's entries, JSON…). A feed's entries' pages are
    fetched unless `fetch_pages` is off; nothing is fetched for anything else.
    """
    with ReadContext(settings or Settings()) as ctx:
        for source in _sources(paths, stdin):
            if isinstance(source, InputError):
                yield source
                continue
            for item in read_source(source, ctx):
                yield _checked(item, ctx.table)


def _sources(paths: Sequence[str], stdin: BinaryIO | None) -> Iterator[Source | InputError]:
    """Each argument as inputs to read: "-" once, a URL, a file, a folder's files."""
    stdin_read = False
    for given in paths:
        if given == STDIN:
            if not stdin_read:
                stdin_read = True
                yield Source(STDIN, stream=stdin or sys.stdin.buffer)
            continue
        if is_url(given):
            yield Source(given, "url", url=given)
            continue
        for item in expand_paths([given]):
            yield item if isinstance(item, InputError) else Source.of_file(item)


def read_bytes(
    data: bytes, shown: str, kind: str | None, settings: Settings
) -> Iterator[RawArticle | InputError]:
    """The articles in one input's bytes; `kind` ("html", "json"…) or None to sniff the content."""
    with ReadContext(settings) as ctx:
        for item in read_source(Source(shown, kind, data=data), ctx):
            yield _checked(item, ctx.table)


def sniff(text: str) -> str:
    """The reader for content of unknown type: JSON(L), HTML, a feed, OPML, or plain text."""
    return guess_kind(text.lstrip()[:65536].encode("utf-8", "surrogatepass"))


def shown_name(path: str | None) -> str:
    """A short label for a source path in messages."""
    return Path(path).name if path and path != STDIN else "standard input"
