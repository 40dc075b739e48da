"""One HTTP exchange within the limits, and what its headers say (type, charset, validators,
Retry-After); the answer becomes a `Fetched`, a `FetchError` or a `NetworkCut` to retry."""

from __future__ import annotations

import http
import time
from dataclasses import dataclass

import httpcore
import httpx

from newsfuse.fetch.body import RAW_CHUNK, BodyTooLarge, DecodingFailed, SlowBody, decoder_for, read_body
from newsfuse.fetch.problems import network_problem
from newsfuse.fetch.result import Fetched, FetchError, FetchRequest, one_line
from newsfuse.fetch.transport import deadline

__all__ = [
    "Answer",
    "NetworkCut",
    "content_type",
    "fetched",
    "header_value",
    "hide_location",
    "retry_after_seconds",
    "send",
]

_NETWORK_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpx.HTTPError,
    httpx.InvalidURL,
    OSError,
    ValueError,
    LookupError,
)
_LOCATION = "x-newsfuse-location"
_DRAIN = 64 * 1024  # bytes of an error or redirect body read to keep the connection alive


@dataclass(frozen=True)
class Answer:
    """What one request got: the status, headers and (for a 2xx) the decoded body."""

    url: httpx.URL
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes
    tries: int = 1

    @property
    def status_line(self) -> str:
        return f"HTTP {self.status} {self.reason}".rstrip()

    @property
    def location(self) -> str:
        return str(self.headers.get(_LOCATION, "")).strip()

    def retry_after(self) -> float | None:
        return retry_after_seconds(self.headers.get("retry-after"))


class NetworkCut(Exception):
    """The connection broke before the answer was complete (worth a retry)."""

    def __init__(self, problem: str) -> None:
        self.problem = problem


def hide_location(response: httpx.Response) -> None:
    """An httpx response hook: Location moved aside, so that httpx (which parses it for its own
    redirects even when told not to follow them) cannot fail on a malformed one; we resolve it."""
    if "location" in response.headers:
        response.headers[_LOCATION] = response.headers["location"]
        del response.headers["location"]


def send(
    client: httpx.Client,
    target: httpx.URL,
    headers: dict[str, str],
    shown: str,
    limit: int,
    timeout: float,
    *,
    truncate: bool = False,
) -> Answer:
    """One GET: the status, headers and (2xx) body within the limits, else FetchError; a broken
    connection raises NetworkCut (the caller may retry)."""
    ends = time.monotonic() + 2 * timeout
    answered = False
    try:
        with deadline(ends), client.stream("GET", target, headers=headers) as response:
            answered = True
            status, got = response.status_code, response.headers
            body = b""
            if 200 <= status < 300:
                declared = _int(got.get("content-length"))
                if declared is not None and declared > limit and not truncate:
                    raise BodyTooLarge
                decoder = decoder_for(got.get("content-encoding", ""))
                body = read_body(response.iter_raw(RAW_CHUNK), decoder, limit, ends, truncate=truncate)
            else:
                _drain(response)
            return Answer(target, status, _reason(status, response.reason_phrase), got, body)
    except BodyTooLarge:
        raise FetchError(shown, f"response over the {_mb(limit)} limit (setting fetch_max_mb)") from None
    except SlowBody:
        raise FetchError(shown, _too_slow(timeout)) from None
    except DecodingFailed as exc:
        raise FetchError(shown, str(exc)) from None
    except _NETWORK_ERRORS as exc:
        if time.monotonic() >= ends - 0.05:
            raise FetchError(shown, _too_slow(timeout)) from None
        problem, retry = network_problem(exc, timeout, answered)
        if retry:
            raise NetworkCut(problem) from None
        raise FetchError(shown, problem) from None


def fetched(request: FetchRequest, answer: Answer) -> Fetched:
    """The caller's view of a final 2xx or 304 answer."""
    media, charset = content_type(answer.headers.get("content-type", ""))
    etag = answer.headers.get("etag") or None
    modified = answer.headers.get("last-modified") or None
    if answer.status == 304:  # the validators to keep: the server's new ones, else those sent
        return Fetched(
            str(answer.url),
            request.url,
            304,
            b"",
            media,
            charset,
            etag or request.etag,
            modified or request.last_modified,
        )
    return Fetched(str(answer.url), request.url, answer.status, answer.body, media, charset, etag, modified)


def content_type(value: str) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type value; a charset that is no label is None."""
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            text = raw.strip().strip("\"'").strip().lower()
            if text and len(text) <= 40 and all(c.isalnum() or c in "-_.:" for c in text):
                charset = text
    return media.strip().lower(), charset


def header_value(value: str | None) -> str | None:
    """A value we can send (printable ASCII, one line), else None."""
    if not value or not all(" " <= c <= "~" for c in value):
        return None
    return value.strip() or None


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date (then from now); None when absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _reason(status: int, given: str) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return one_line(given, 60)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def _too_slow(timeout: float) -> str:
    return f"server too slow (response not complete in {2 * timeout:g} s; setting fetch_timeout)"


def _drain(response: httpx.Response) -> None:
    """Read a small body so the connection can be reused; a large one is left (the connection closes)."""
    read = 0
    try:
        for chunk in response.iter_raw(RAW_CHUNK):
            read += len(chunk)
            if read > _DRAIN:
                return
    except Exception:  # the status is what counts
        return
