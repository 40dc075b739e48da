"""WARC and WARC.gz web archives (as CC-NEWS publishes them), streamed record by record.

Each HTTP `response` record (or `resource` record) whose payload is an HTML page becomes one
`RawArticle` through the HTML reader: `url` is the record's WARC-Target-URI and `record` its ordinal
number in the file (1-based, every record counted, warcinfo and requests included), so an error
reads "CC-NEWS-….warc.gz:1234: …" like a JSON Lines line number. Request, metadata, warcinfo and
revisit records, non-2xx responses (redirects) and non-HTML payloads (images, PDFs, JSON…) are
skipped without a message and counted (`WarcCounts`, logged at INFO at the end of each file).

Publication date: the page's own metadata first (what the HTML reader finds). A WARC-Date is the
day the page was *fetched*, an upper bound of its publication, not the publication itself: it is
used only when the page has no date of its own (CC-NEWS fetches news from sitemaps and feeds, so
it is usually within a day of publication), and it caps a page date more than a day after it
(a page cannot be published after it was crawled; one day of slack for time zones). Either way
`published_from` is "metadata", as `consolidate.timeline` expects of record metadata.

Damage is never fatal. The file is read in segments — the whole file when uncompressed, each gzip
member when compressed (one member per record in a well-formed .warc.gz) — and each WARC record is
framed by its Content-Length. A record cut short, a bad header, a gzip member that fails to inflate
or a payload that fails to decode costs that record alone: an `InputError` names it, and reading
resumes at the next gzip member, or at the next line starting "WARC/1." in an uncompressed file.
A file cut off in its last record gives one error naming the file and the records read before it.

Memory stays flat whatever the file's size: one record at a time is held, and `max_file_mb`
applies per record (its stored block and its decoded page), not to the whole archive; a larger
record is skipped without being held.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.dates import parse_published, plausible_date
from newsfuse.ingest.files import binary_kind, decode
from newsfuse.ingest.html import read_html
from newsfuse.ingest.warc_records import (
    GZIP_MEMBER,
    Damage,
    Pushback,
    Readable,
    WarcRecord,
    frame_records,
    looks_like_warc,
)
from newsfuse.models import RawArticle

__all__ = ["WarcCounts", "WarcPage", "looks_like_warc", "page_article", "read_warc", "read_warc_pages"]

log = logging.getLogger(__name__)

_HTML_MIMES = {"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"}
_UNTYPED_MIMES = {"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"}
_HTML_START = re.compile(
    rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)[\s>]", re.I | re.S
)
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_ARTICLE_TYPES = ("response", "resource")
_DATE_SLACK = dt.timedelta(days=1)
_SNIFF = 4096
MB = 1024 * 1024


@dataclass
class WarcCounts:
    """What reading one archive met: records by fate."""

    records: int = 0  # records framed (a damaged stretch counts as one)
    articles: int = 0
    damaged: int = 0  # records reported with an InputError
    skipped: Counter[str] = field(default_factory=Counter)  # why -> how many, never reported

    def summary(self) -> str:
        skipped = ", ".join(f"{n:,} {why}" for why, n in self.skipped.most_common())
        return f"{self.records:,} records: {self.articles:,} articles, {self.damaged:,} damaged" + (
            f"; skipped {skipped}" if skipped else ""
        )


def read_warc(
    stream: Readable, shown: str, settings: Settings, counts: WarcCounts | None = None
) -> Iterator[RawArticle | InputError]:
    """Every HTML page archived in a WARC or WARC.gz stream, with an InputError per damaged record.

    `counts`, when given, is filled in as the stream is read (the skipped records are only there).
    """
    counts = counts if counts is not None else WarcCounts()
    for item in read_warc_pages(stream, shown, settings, counts):
        if isinstance(item, InputError):
            yield item
            continue
        article = page_article(item, shown, settings)
        if isinstance(article, InputError):
            counts.damaged += 1
        else:
            counts.articles += 1
        yield article
    log.info("%s: %s", shown, counts.summary())


@dataclass(frozen=True)
class WarcPage:
    """An archived HTML page, decoded but not yet extracted: what `page_article` turns into an article.

    Reading an archive is sequential; extracting its pages is not, so an engine may hand these to
    workers.
    """

    ordinal: int  # the record's number in its file
    url: str | None  # WARC-Target-URI
    crawled: dt.date | None  # WARC-Date
    html: str


def read_warc_pages(
    stream: Readable, shown: str, settings: Settings, counts: WarcCounts | None = None
) -> Iterator[WarcPage | InputError]:
    """The HTML pages of a WARC or WARC.gz stream, decoded, with an InputError per damaged record."""
    counts = counts if counts is not None else WarcCounts()
    raw = Pushback(stream)
    try:
        problem = _not_warc(raw.peek(_SNIFF))
        if problem:
            yield InputError(shown, problem)
            return
        for item in frame_records(raw, settings.max_file_bytes):
            counts.records = item.ordinal
            if isinstance(item, Damage):
                counts.damaged += 1
                yield _damage_error(item, shown)
                continue
            page = _page(item, shown, settings, counts)
            if isinstance(page, InputError):
                counts.damaged += 1
            if page is not None:
                yield page
    except OSError as exc:
        yield InputError(shown, f"cannot read after {counts.records:,} records: {exc.strerror or exc}")


def page_article(page: WarcPage, shown: str, settings: Settings) -> RawArticle | InputError:
    """The article on an archived page; its date from the page, else (or capped by) the crawl's."""
    try:
        article = read_html(page.html, shown, settings, url=page.url, record=page.ordinal)
    except ValueError as exc:
        return InputError(shown, f"{exc}{_about(page.url)}", page.ordinal)
    published = _published(article.published, page.crawled)
    return dataclasses.replace(
        article,
        url=page.url or article.url,
        published=published,
        published_from="metadata" if published else None,
    )


def _about(url: str | None) -> str:
    return f" ({url})" if url else ""


def _not_warc(head: bytes) -> str | None:
    """Why a file is not a web archive at all, or None."""
    if not head.strip():
        return "empty file"
    if looks_like_warc(head):
        return None
    if head.startswith(GZIP_MEMBER):
        try:
            zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 32)
        except zlib.error:
            return None  # a damaged first member: the records after it may still be sound
        return "not a WARC archive (gzip data that does not begin with a WARC record)"
    what = binary_kind(head)
    return f"not a WARC archive ({what or 'it does not begin with a WARC/1.x record header'})"


def _damage_error(damage: Damage, shown: str) -> InputError:
    if not damage.at_end:
        return InputError(shown, damage.problem, damage.ordinal)
    read = damage.ordinal - 1
    return InputError(
        shown,
        f"file is cut short: record {damage.ordinal} ends early ({damage.problem}); "
        f"{read:,} record{'' if read == 1 else 's'} read before it",
    )


# --- articles: HTML responses through the HTML reader ------------------------------------------


def _page(
    record: WarcRecord, shown: str, settings: Settings, counts: WarcCounts
) -> WarcPage | InputError | None:
    """The record's HTML page; an InputError when it is damaged; None when it holds no page."""
    from warcio.bufferedreaders import BufferedReader
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    kind = record.headers.get("warc-type", "").lower()
    if kind not in _ARTICLE_TYPES:
        counts.skipped[f"{kind or 'untyped'} records"] += 1
        return None
    uri = record.headers.get("warc-target-uri", "").strip("<> ") or None
    about = _about(uri)
    try:
        parsed = _loader().parse_record_stream(
            BufferedReader(io.BytesIO(record.header_block + record.block)), known_format="warc"
        )
    except (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, ValueError) as exc:
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return InputError(shown, f"damaged record: {problem}{about}", record.ordinal)
    except (AttributeError, TypeError, IndexError, KeyError) as exc:  # warcio tripping on damaged headers
        return InputError(
            shown, f"damaged record: headers warcio cannot read ({type(exc).__name__}){about}", record.ordinal
        )
    http = parsed.http_headers if kind == "response" else None
    declared = record.headers.get("content-type", "").lower()
    if http is None and kind == "response" and declared.startswith("application/http") and record.block:
        try:  # warcio parses the HTTP message of http(s): URIs only (lower-case scheme)
            http = _loader().http_parser.parse(parsed.raw_stream)
        except (
            StatusAndHeadersParserException,
            EOFError,
            ValueError,
            AttributeError,
            TypeError,
            IndexError,
        ) as exc:
            return InputError(shown, f"damaged record: bad HTTP header ({exc}){about}", record.ordinal)
    if http is not None:
        if not str(http.get_statuscode() or "").startswith("2"):
            counts.skipped["non-2xx responses"] += 1
            return None
        content_type = http.get_header("content-type") or ""
    else:
        content_type = record.headers.get("content-type", "")
        if content_type.lower().startswith("application/http"):  # an HTTP response with no message
            counts.skipped["empty responses"] += 1
            return None
    mime = content_type.split(";")[0].strip().lower()
    if mime not in _HTML_MIMES and mime not in _UNTYPED_MIMES:
        counts.skipped["non-HTML payloads"] += 1
        return None
    try:
        body = _payload(parsed.raw_stream, http, settings.max_file_bytes)
    except ValueError as exc:
        return InputError(shown, f"{exc}{about}", record.ordinal)
    if not body.strip():
        counts.skipped["empty responses"] += 1
        return None
    if mime in _UNTYPED_MIMES and not _HTML_START.match(body[:4096].removeprefix(b"\xef\xbb\xbf")):
        counts.skipped["non-HTML payloads"] += 1
        return None
    try:
        html = decode(body, html=True, declared=_charset(content_type))
    except ValueError as exc:
        return InputError(shown, f"{exc}{about}", record.ordinal)
    return WarcPage(record.ordinal, uri, parse_published(record.headers.get("warc-date")), html)


def _published(page: dt.date | None, crawled: dt.date | None) -> dt.date | None:
    """The page's own date, unless it is missing or after the crawl: then the crawl's date.

    A crawl date outside the plausible range says nothing (a broken crawler clock); compared as a
    difference, so that no date at the end of the calendar can overflow.
    """
    crawled = plausible_date(crawled)
    if crawled is None:
        return page
    if page is None or page - crawled > _DATE_SLACK:
        return crawled
    return page


_LOADERS: list[object] = []


def _loader() -> Any:
    """warcio's record parser (made once: it holds only header parsers)."""
    if not _LOADERS:
        from warcio.recordloader import ArcWarcRecordLoader

        _LOADERS.append(ArcWarcRecordLoader(verify_http=False, arc2warc=False))
    return _LOADERS[0]


def _payload(stream: Any, http: Any, limit: int) -> bytes:
    """The HTTP body as the server meant it: de-chunked and decompressed, within `limit` bytes."""
    from warcio.bufferedreaders import ChunkedDataReader

    if http is not None and (http.get_header("transfer-encoding") or "").strip().lower() == "chunked":
        stream = ChunkedDataReader(stream)  # falls back to the raw bytes when they are not chunked
    data: bytes = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"page is over the {limit // MB} MB limit (setting max_file_mb)")
    codings = ((http.get_header("content-encoding") if http is not None else None) or "").lower()
    for coding in reversed([c.strip() for c in codings.split(",") if c.strip()]):
        data = _content_decoded(data, coding, limit)
    if not codings and data.startswith(GZIP_MEMBER):  # compressed, but the header was dropped
        data = _inflate(data, 16 + zlib.MAX_WBITS, limit, "gzip")
    return data


def _content_decoded(data: bytes, coding: str, limit: int) -> bytes:
    if coding == "identity":
        return data
    if coding in ("gzip", "x-gzip"):
        return _inflate(data, 16 + zlib.MAX_WBITS, limit, "gzip")
    if coding == "deflate":  # zlib-wrapped as the RFC says, or raw deflate as some servers send
        try:
            return _inflate(data, zlib.MAX_WBITS, limit, "deflate")
        except ValueError:
            return _inflate(data, -zlib.MAX_WBITS, limit, "deflate")
    if coding == "br":
        try:
            import brotli  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            raise ValueError("page is brotli-compressed and the brotli package is not installed") from None
        try:
            out: bytes = brotli.decompress(data)
        except brotli.error as exc:
            raise ValueError(f"damaged brotli-compressed page ({exc})") from None
        if len(out) > limit:
            raise ValueError(f"page is over the {limit // MB} MB limit when decompressed")
        return out
    raise ValueError(f"page is compressed in an unsupported way (Content-Encoding: {coding})")


def _inflate(data: bytes, wbits: int, limit: int, what: str) -> bytes:
    """Decompress a page body; a body cut short (crawlers truncate large pages) gives its start."""
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"damaged {what}-compressed page ({exc})") from None
    if len(out) > limit:
        raise ValueError(f"page is over the {limit // MB} MB limit when decompressed")
    if not out and not inflater.eof:
        raise ValueError(f"damaged {what}-compressed page (no data)")
    return out


def _charset(content_type: str) -> str | None:
    m = _CHARSET.search(content_type)
    return m.group(1) if m else None
