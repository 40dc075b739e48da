"""Writes only from this app's own pages: a browser's cross-site POST or DELETE is refused (403).

A page elsewhere can make a visitor's browser send a form to this server (a "simple" request
needs no CORS preflight): add articles, follow a feed, make the server fetch a URL. Browsers say
where a request comes from, so the check is the one Go's `http.CrossOriginProtection` makes:
`Sec-Fetch-Site` (same-origin, or none for what the user typed) when the browser sends it, else
the `Origin` header's host against the `Host` header. A request with neither header is not from
a browser (curl, scripts, the tests' httpx) and is let through: there is no cookie or session to
steal, only the browser's position on the network to borrow.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import Request
from starlette.exceptions import HTTPException

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFUSED = (
    "cross-origin request refused: this server takes changes only from its own pages or non-browser clients"
)


def cross_origin(request: Request) -> bool:
    """Whether a browser sent this request from another site's page."""
    if request.method in SAFE_METHODS:
        return False
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site.strip().lower() not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    host = request.headers.get("host", "").strip().lower()
    parts = urlsplit(origin.strip())
    return origin.strip() == "null" or not host or parts.netloc.lower() != host


def same_origin(request: Request) -> None:
    """A route dependency: 403 for a browser's cross-site write (the app's error page or JSON)."""
    if cross_origin(request):
        raise HTTPException(403, REFUSED)
