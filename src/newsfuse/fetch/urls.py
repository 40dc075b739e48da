"""URLs as the fetcher sees them: absolute http(s) only, their origin (scheme, host, port)."""

from __future__ import annotations

import httpx

from newsfuse.fetch.politeness import Origin
from newsfuse.fetch.result import FetchError, one_line

__all__ = ["loop_key", "origin_of", "origin_or_none", "parse_url"]


def parse_url(text: str, shown: str, at: str, *, base: httpx.URL | None = None) -> httpx.URL:
    """An absolute http(s) URL (resolved against `base`), or FetchError naming the problem."""
    try:
        url = base.join(text) if base is not None else httpx.URL(text)
    except (httpx.InvalidURL, ValueError, UnicodeError, TypeError) as exc:
        raise FetchError(shown, f"malformed URL ({one_line(str(exc), 120)}){at}") from None
    if url.scheme not in ("http", "https"):
        where = f"redirected to {one_line(str(url), 120)}: " if base is not None else ""
        raise FetchError(shown, f"{where}only http and https URLs are fetched")
    if not url.host:
        raise FetchError(shown, f"malformed URL (no host name){at}")
    return url.copy_with(fragment=None)


def origin_of(url: httpx.URL) -> Origin:
    return (url.scheme, url.host.lower(), url.port or (443 if url.scheme == "https" else 80))


def origin_or_none(text: str) -> Origin | None:
    try:
        return origin_of(httpx.URL(text))
    except Exception:  # a malformed URL: _get reports it
        return None


def loop_key(url: httpx.URL) -> str:
    return f"{origin_of(url)}{url.raw_path!r}"
