"""Page and feed URLs sent to the web app: checked, then fetched and read as `newsfuse ingest URL` does.

The server fetches what its users submit. It listens on 127.0.0.1 unless told otherwise; whoever
serves it on a network lets every client make it fetch any http(s) address it can reach (its own
network included), as they could from a shell on the machine. So only what a user gave is
fetched (never a link found in an article), only http:// and https:// (checked here, before
anything is fetched: a path or a file: URL is refused, never read from the server's disk), at
most `MAX_URLS` per request, with the fetch settings' timeouts, size limits and robots.txt.
Browsers' cross-site posts are refused (origin.py). Fetching runs in a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.models import RawArticle

log = logging.getLogger("newsfuse.web")

MAX_URLS = 20
MAX_URL_CHARS = 2000


def url_problem(text: str) -> str | None:
    """Why `text` is not a web address the app may fetch (http or https, with a host), or None."""
    if not text:
        return "no URL given"
    if len(text) > MAX_URL_CHARS:
        return f"URL too long (over {MAX_URL_CHARS} characters)"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return "not a URL: it contains spaces or control characters"
    if not text.lower().startswith(("http://", "https://")):
        return "not a web address: only http:// and https:// URLs are fetched"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 — raises on a port that is not a number
    except ValueError:
        return "not a URL: malformed address"
    if not parts.hostname:
        return "not a URL: no host name"
    return None


def shown_url(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def url_lines(text: str) -> list[str]:
    """The URLs of a form's text field: one per line; blank lines and # comments left out."""
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def too_many(urls: Sequence[str]) -> str | None:
    """The refusal when a request names more URLs than it may, else None."""
    if len(urls) > MAX_URLS:
        return f"too many URLs: {len(urls)} given, at most {MAX_URLS} per request"
    return None


def read_urls(urls: Iterable[str], settings: Settings) -> Iterator[RawArticle | InputError]:
    """The articles of the pages and feeds at `urls`; one InputError per refused or failed URL.

    A URL that is not http(s) is refused here, before anything is fetched; the rest are read in
    one `read_inputs` call (one HTTP client: per-host rate limits and robots.txt shared).
    """
    fetched: list[str] = []
    for url in urls:
        problem = url_problem(url)
        if problem:
            yield InputError(shown_url(url), problem)
        else:
            fetched.append(url)
    if not fetched:
        return
    try:
        yield from read_inputs(fetched, settings)
    except Exception as exc:  # a reader that raised: the URLs' problem, never the request's
        log.error("reading URLs %s failed", fetched, exc_info=exc)
        yield InputError(shown_url(fetched[0]), f"reading the URLs stopped ({type(exc).__name__})")
