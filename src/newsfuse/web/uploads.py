"""Articles sent to the web app: read in memory within limits, then ingested through the api.

A file name from a request is a label only: it is cleaned to a short base name and never used to
open, create or look up anything on disk. Request bodies are read into memory up to
`UploadLimits.max_body_bytes` (beyond it: 413), multipart parts are kept in memory (no spooling to
temporary files), and at most `max_files` files are taken per request (beyond: 413). Page and
feed URLs (a form's `urls` field, a JSON `{"urls": [...]}`) are checked and fetched by urls.py,
in the worker thread that ingests.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from newsfuse.api import ingest_items
from newsfuse.config import MB, Settings
from newsfuse.errors import InputError
from newsfuse.ingest import raw_key, read_bytes
from newsfuse.ingest.files import SUFFIX_KINDS, gunzip_limited, kind_for
from newsfuse.ingest.outlets import table_for, user_named
from newsfuse.ingest.records import JsonLimitError, load_json
from newsfuse.models import RawArticle
from newsfuse.store import open_store
from newsfuse.web.urls import read_urls, too_many, url_lines

if TYPE_CHECKING:
    from newsfuse.web.state import WebState

log = logging.getLogger("newsfuse.web")


@dataclass(frozen=True)
class UploadLimits:
    """What one request may send (settings web_max_files, web_max_body_mb): the 413 messages name these."""

    max_files: int = Settings.web_max_files  # the settings' defaults
    max_body_bytes: int = Settings.web_max_body_mb * MB

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadLimits:
        return cls(max_files=settings.web_max_files, max_body_bytes=settings.web_max_body_mb * MB)

    def describe_body(self) -> str:
        return f"{self.max_body_bytes / MB:g} MB"


class UploadError(Exception):
    """A request the app refuses, with its HTTP status and a message for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Upload:
    """One article input from a request: its label and its bytes."""

    name: str
    data: bytes
    kind: str | None  # reader kind from the name's suffix; None: sniff the content
    gzipped: bool = False
    outlet: str | None = None  # the outlet the user named (pasted text), beating what the text says


@dataclass
class IngestOutcome:
    """The ingest report plus what a reader of the web page or the API wants to know."""

    report: dict[str, int]
    problems: list[str] = field(default_factory=list)  # one line each: "name: problem"
    stories: list[dict[str, Any]] = field(default_factory=list)  # {id, title, articles, inputs}

    @property
    def nothing_read(self) -> bool:
        """Every input had a problem: nothing was added, and nothing was already stored either."""
        return bool(self.problems) and not self.report.get("added") and not self.report.get("unchanged")

    @property
    def status(self) -> int:
        """200, or 422 when nothing could be read (the problems, one line per input, say why)."""
        return 422 if self.nothing_read else 200

    def as_json(self) -> dict[str, Any]:
        shown = asdict(self)
        if self.nothing_read:
            count = len(self.problems)
            shown["detail"] = f"nothing added: {count} input{'s' if count != 1 else ''} could not be read"
        return shown


_UNSAFE = re.compile(r"[^\w .,()+\-]+")


def safe_label(name: str | None, fallback: str) -> str:
    """A short display name for an uploaded file: base name only, no control or path characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]  # "C:\\x\\a.txt" or "../../a.txt" -> "a.txt"
    name = _UNSAFE.sub("_", name).strip(" ._") or fallback
    return name[:80]


async def read_body(request: Request, limits: UploadLimits) -> bytes:
    """The request body, refused with 413 as soon as it passes the limit (declared or streamed)."""
    too_large = UploadError(
        413,
        f"request too large: over the {limits.describe_body()} limit per request (setting web_max_body_mb)",
    )
    declared = (request.headers.get("content-length") or "").strip()
    digits = declared.isascii() and declared.isdigit()
    if digits and (len(declared) > 18 or int(declared) > limits.max_body_bytes):  # no int() of 5,000 digits
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limits.max_body_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def media_type(request: Request) -> str:
    """The request's Content-Type without its parameters, lower case ("" when absent)."""
    return request.headers.get("content-type", "").partition(";")[0].strip().lower()


def is_json(media: str) -> bool:
    return media == "application/json" or media.endswith("+json")


class _InMemoryParser(MultiPartParser):
    spool_max_size = 1 << 62  # never roll over to a temporary file: the body is capped already


async def parse_form(
    request: Request, body: bytes, limits: UploadLimits
) -> tuple[list[Upload], dict[str, str]]:
    """The uploaded files (non-empty ones) and the text fields of a multipart or urlencoded form."""
    content_type = media_type(request)

    async def once() -> Any:
        yield body

    if content_type == "multipart/form-data":
        try:
            form = await _InMemoryParser(
                request.headers, once(), max_files=10_000, max_fields=50, max_part_size=limits.max_body_bytes
            ).parse()
        except MultiPartException as exc:
            raise UploadError(400, f"malformed form: {exc.message}") from None
    elif content_type == "application/x-www-form-urlencoded":
        from starlette.formparsers import FormParser

        form = await FormParser(request.headers, once()).parse()
    else:
        raise UploadError(415, "send a multipart/form-data or urlencoded form")
    files: list[Upload] = []
    fields: dict[str, str] = {}
    for number, (_key, value) in enumerate(form.multi_items(), start=1):
        if isinstance(value, UploadFile):
            data = await value.read()
            await value.close()
            if value.filename or data:
                label = safe_label(value.filename, f"upload-{number}.txt")
                files.append(Upload(label, data, *kind_for(label)))
        elif _key == "urls" and fields.get("urls"):  # repeated `urls` fields: one URL list
            fields[_key] += "\n" + value
        else:
            fields[_key] = value
    real = [f for f in files if f.data]
    if len(real) > limits.max_files:
        raise UploadError(
            413,
            f"too many files: {len(real)} sent, at most {limits.max_files} per request "
            "(setting web_max_files)",
        )
    return real, fields


def json_inputs(body: bytes) -> tuple[list[Upload], list[str]]:
    """A JSON body: `{"urls": ["https://…", …]}`, or article records (`records_upload`)."""
    document = json_document(body)
    if isinstance(document, dict) and "urls" in document:
        urls = document["urls"]
        if (
            set(document) != {"urls"}
            or not isinstance(urls, list)
            or not all(isinstance(u, str) for u in urls)
        ):
            raise UploadError(422, 'expected {"urls": ["https://…", …]}: a list of URLs and nothing else')
        refused = too_many(urls)
        if refused:
            raise UploadError(413, refused)
        return [], [u.strip() for u in urls]
    return [records_upload(body, document)], []


def json_document(body: bytes) -> Any:
    """A request's JSON, parsed as the JSON readers parse it (depth and number limits); 400 if malformed."""
    try:
        document = load_json(body.decode(json.detect_encoding(body)))
    except UnicodeDecodeError as exc:
        raise UploadError(400, f"malformed JSON: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise UploadError(400, f"malformed JSON: {exc}") from None
    except JsonLimitError as exc:
        raise UploadError(400, f"refused JSON: {exc}") from None
    return document


def records_upload(body: bytes, document: Any = None) -> Upload:
    """A JSON body of one article record or a list of them, checked for shape (400/422 otherwise).

    Parsed as the JSON readers parse (`load_json`: depth and number limits, lone surrogates made
    U+FFFD); the records then go on to the reader, which judges each one (one problem line each).
    """
    if document is None:
        document = json_document(body)
    records = document if isinstance(document, list) else [document]
    if not records or not all(isinstance(r, dict) for r in records):
        raise UploadError(422, "expected one article record (a JSON object) or a non-empty list of them")
    return Upload("request.json", json.dumps(records, ensure_ascii=False).encode("utf-8"), "json")


def pasted_upload(text: str, title: str | None, outlet: str | None = None) -> Upload | None:
    """Text pasted into the form, as one plain-text article (a title line first when given)."""
    if not text.strip():
        return None
    body = f"{title.strip()}\n\n{text}" if title and title.strip() else text
    return Upload("pasted-text.txt", body.encode("utf-8"), "text", outlet=(outlet or "").strip() or None)


_WRITE = threading.Lock()  # uploads to this process wait their turn; another process gets a 409


async def form_inputs(request: Request, body: bytes, limits: UploadLimits) -> tuple[list[Upload], list[str]]:
    """The files of a form, its pasted `text` (with its `title`) when given, and its `urls` (one a line)."""
    uploads, fields = await parse_form(request, body, limits)
    pasted = pasted_upload(fields.get("text", ""), fields.get("title"), fields.get("outlet"))
    urls = url_lines(fields.get("urls", ""))
    refused = too_many(urls)
    if refused:
        raise UploadError(413, refused)
    return uploads + ([pasted] if pasted else []), urls


async def ingest_request(
    state: WebState, uploads: Sequence[Upload], *, urls: Sequence[str] = (), nothing: str
) -> IngestOutcome:
    """Ingest the uploads and the URLs' articles off the event loop (fetching too) and wake the brief
    warmer; 422 saying `nothing` if neither was given."""
    from starlette.concurrency import run_in_threadpool

    if not uploads and not urls:
        raise UploadError(422, nothing)
    outcome = await run_in_threadpool(ingest_uploads, uploads, state.db_path, state.settings, urls)
    if state.warmer:
        state.warmer.wake()
    return outcome


def ingest_uploads(
    uploads: Sequence[Upload], db_path: Path, settings: Settings, urls: Sequence[str] = ()
) -> IngestOutcome:
    """Read and ingest the uploads and what the URLs hold (fetched only when there are URLs): which
    story each article landed in, and the problems (one line per bad input)."""
    items = list(_read(uploads, settings))
    if urls:
        items.extend(read_urls(urls, settings))
    outcome = IngestOutcome(report={})
    with _WRITE:
        report = ingest_items(
            items, db_path, settings=settings, on_problem=lambda e: outcome.problems.append(str(e))
        )
    outcome.report = asdict(report)
    landed: dict[int, list[str]] = {}
    with open_store(db_path, readonly=True) as store:
        for item in items:
            if isinstance(item, RawArticle):
                story_id = store.story_of_raw(raw_key(item))
                if story_id is not None:
                    landed.setdefault(story_id, []).append(item.where)
        for story_id, inputs in landed.items():
            story = store.story(story_id)
            outcome.stories.append(
                {"id": story.id, "title": story.title, "articles": story.articles, "inputs": inputs}
            )
    return outcome


def _read(uploads: Sequence[Upload], settings: Settings) -> Iterator[RawArticle | InputError]:
    for upload in uploads:
        try:
            yield from _read_one(upload, settings)
        except Exception as exc:  # a reader that raised: that upload's problem, never the request's
            log.error("reading upload %r failed", upload.name, exc_info=exc)
            yield InputError(upload.name, f"could not be read ({type(exc).__name__})")


def _read_one(upload: Upload, settings: Settings) -> Iterator[RawArticle | InputError]:
    data = upload.data
    try:
        if upload.gzipped or data[:2] == b"\x1f\x8b":
            data = gunzip_limited(data, settings.max_file_bytes, upload.name)
    except InputError as exc:
        yield exc
        return
    if len(data) > settings.max_file_bytes:
        yield InputError(upload.name, f"over the {settings.max_file_mb} MB limit (setting max_file_mb)")
        return
    for item in read_bytes(data, upload.name, upload.kind, settings):
        yield (
            user_named(item, upload.outlet, table_for(settings.outlets))
            if isinstance(item, RawArticle)
            else item
        )


def upload_suffixes() -> str:
    """The file types the form accepts, for its `accept` attribute."""
    return ",".join(sorted({*SUFFIX_KINDS, *(s + ".gz" for s in SUFFIX_KINDS)}))
