"""Ingest: paths (files, folders, "-" for standard input) -> RawArticle, or an InputError each.

Errors are yielded, not raised, so that one bad file or record never stops the batch. Everything
streams: folders are walked lazily, JSON Lines are read line by line and WARC archives record by
record (a .warc/.warc.gz name, or WARC content on standard input or under an unknown name), so a
multi-gigabyte input costs one record's memory.

What the world sends is checked here, once, so that nothing downstream meets it: JSON within depth
and number limits (`records.load_json`), lone surrogates replaced by U+FFFD in every RawArticle and
InputError (`models.display_safe`), file names shown display-safe but opened by their real bytes,
folder walks that report loops and unreadable entries, and publication dates outside the plausible
range (`dates.plausible_date`) dropped with a logged note, the article kept undated (`_checked`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.dates import implausible_note, plausible_date
from newsfuse.ingest.files import (
    InputFile,
    decode,
    expand_paths,
    gunzip_limited,
    open_stream,
    read_limited,
    stream_lines,
)
from newsfuse.ingest.html import read_html
from newsfuse.ingest.outlets import OutletTable, resolve_outlet, table_for
from newsfuse.ingest.records import line_limit, load_json, read_json, read_jsonl
from newsfuse.ingest.text import read_markdown, read_text
from newsfuse.ingest.warc import looks_like_warc, read_warc
from newsfuse.models import RawArticle

__all__ = ["raw_key", "read_bytes", "read_inputs", "sniff"]

STDIN = "-"

log = logging.getLogger(__name__)


def raw_key(raw: RawArticle) -> str:
    """Hash of an input as read (text, title, URL): equal keys clean to the same article."""
    key = f"{raw.url or ''}\x00{raw.title or ''}\x00{raw.text}"
    # a RawArticle holds no lone surrogate (replaced on construction); surrogatepass keeps the old keys
    digest = hashlib.sha1(key.encode(errors="surrogatepass"))
    return digest.hexdigest()


_HTML_START = re.compile(r"\s*<(!doctype\s+html|html|head|body|meta|title|article|div|p|!--)[\s>]", re.I)
_FEED_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]", re.I)


def read_inputs(
    paths: Sequence[str], settings: Settings | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[RawArticle | InputError]:
    """Every article found under `paths`, in order, with an InputError for each bad input."""
    settings = settings or Settings()
    table = table_for(settings.outlets)
    for item in _read_paths(paths, settings, stdin):
        yield _checked(item, table)


def _checked(item: RawArticle | InputError, table: OutletTable) -> RawArticle | InputError:
    """The article with its outlet resolved, an implausible publication date dropped (and noted).

    Every reader's article passes here on its way out, so the store and every brief see one
    outlet name (`outlets.resolve_outlet`), and a date at the ends of the calendar never reaches
    grouping, the timeline or the store: the article stays, undated.
    """
    if not isinstance(item, RawArticle):
        return item
    item = resolve_outlet(item, table)
    if item.published and plausible_date(item.published) is None:
        log.warning("%s: %s", item.where, implausible_note(item.published))
        return dataclasses.replace(item, published=None, published_from=None)
    return item


def _read_paths(
    paths: Sequence[str], settings: Settings, stdin: BinaryIO | None
) -> Iterator[RawArticle | InputError]:
    stdin_read = False
    for given in paths:
        if given == STDIN:
            if not stdin_read:
                stdin_read = True
                yield from _read_stdin(stdin or sys.stdin.buffer, settings)
            continue
        for item in expand_paths([given]):
            if isinstance(item, InputError):
                yield item
            else:
                yield from _read_file(item, settings)


def _read_file(file: InputFile, settings: Settings) -> Iterator[RawArticle | InputError]:
    try:
        if file.kind == "jsonl":
            yield from read_jsonl(open_stream(file, line_limit(settings)), file.shown, settings)
            return
        if file.kind in ("warc", None) and (file.kind == "warc" or _is_warc(file)):
            yield from _read_warc_file(file, settings)
            return
        data = read_limited(file, settings.max_file_bytes)
        yield from _read_bytes(data, file.shown, file.kind, settings)
    except InputError as exc:
        yield exc


def _is_warc(file: InputFile) -> bool:
    """A file of unknown type that holds a web archive (plain or gzipped)."""
    try:
        with file.path.open("rb") as fh:
            return looks_like_warc(fh.read(_SNIFF_BYTES))
    except OSError:
        return False  # read_limited reports it


def _read_warc_file(file: InputFile, settings: Settings) -> Iterator[RawArticle | InputError]:
    try:
        fh = file.path.open("rb")
    except PermissionError:
        yield InputError(file.shown, "permission denied")
        return
    except OSError as exc:
        yield InputError(file.shown, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        yield from read_warc(fh, file.shown, settings)


_SNIFF_BYTES = 65536


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[RawArticle | InputError]:
    limit = settings.max_file_bytes
    try:
        head = stream.read(_SNIFF_BYTES)
        if looks_like_warc(head):  # streamed: an archive is not held whole, whatever its size
            yield from read_warc(_Chained(head, stream), STDIN, settings)
            return
        if _looks_like_jsonl(head):  # streamed by line, like a .jsonl file
            lines = stream_lines(io.BufferedReader(_Chained(head, stream)), line_limit(settings))
            yield from read_jsonl(lines, STDIN, settings)
            return
        data = head + stream.read(limit + 1 - len(head))
    except OSError as exc:
        yield InputError(STDIN, f"cannot read standard input: {exc}")
        return
    if len(data) > limit:
        yield InputError(
            STDIN,
            f"standard input is over the {limit // (1024 * 1024)} MB limit (setting max_file_mb)",
        )
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip_limited(data, limit, STDIN)
        except InputError as exc:
            yield exc
            return
    yield from _read_bytes(data, STDIN, None, settings)


def _looks_like_jsonl(head: bytes) -> bool:
    """Do the first bytes of standard input hold two or more lines, each one JSON object?"""
    lines = [ln for ln in head.split(b"\n")[:-1] if ln.strip()]  # complete lines only
    if len(lines) < 2 or not all(ln.lstrip().startswith(b"{") and ln.rstrip().endswith(b"}") for ln in lines):
        return False
    try:
        return isinstance(load_json(lines[0].removeprefix(b"\xef\xbb\xbf").decode("utf-8")), dict)
    except ValueError:  # not UTF-8, not JSON, or beyond the JSON limits
        return False


class _Chained(io.RawIOBase):
    """Bytes already read from a stream, then the rest of the stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            out = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(out) :]
            return out
        return self._rest.read(size)

    def readinto(self, buffer: Any, /) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_bytes(
    data: bytes, shown: str, kind: str | None, settings: Settings
) -> Iterator[RawArticle | InputError]:
    """The articles in one input's bytes; `kind` ("html", "json"…) or None to sniff the content."""
    table = table_for(settings.outlets)
    for item in _read_bytes(data, shown, kind, settings):
        yield _checked(item, table)


def _read_bytes(
    data: bytes, shown: str, kind: str | None, settings: Settings
) -> Iterator[RawArticle | InputError]:
    if kind in (None, "warc") and (kind == "warc" or looks_like_warc(data[:_SNIFF_BYTES])):
        yield from read_warc(io.BytesIO(data), shown, settings)
        return
    try:
        text = decode(data, html=kind in (None, "html"))
    except ValueError as exc:
        yield InputError(shown, str(exc))
        return
    kind = kind or sniff(text)
    try:
        if kind == "html":
            yield read_html(text, shown, settings)
        elif kind == "markdown":
            yield _nonempty(read_markdown(text, shown))
        elif kind == "json":
            yield from read_json(text, shown, settings)
        elif kind == "jsonl":
            yield from read_jsonl(text.encode("utf-8").splitlines(), shown, settings)
        elif kind == "feed":
            yield InputError(shown, "RSS/Atom feeds are not supported yet; give the articles' pages or text")
        else:
            yield _nonempty(read_text(text, shown))
    except ValueError as exc:
        yield InputError(shown, str(exc))


def _nonempty(article: RawArticle) -> RawArticle:
    if not article.text.strip():
        raise ValueError("no article text in the file")
    return article


def sniff(text: str) -> str:
    """The reader for content of unknown type: JSON(L), HTML, a feed, or plain text."""
    head = text.lstrip()[:2000]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [ln for ln in text.strip().split("\n") if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}") for ln in lines):
            return "jsonl"
        return "json"
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head) or (head.lower().startswith("<?xml") and "<html" in head.lower()):
        return "html"
    return "text"


def shown_name(path: str | None) -> str:
    """A short label for a source path in messages."""
    return Path(path).name if path and path != STDIN else "standard input"
