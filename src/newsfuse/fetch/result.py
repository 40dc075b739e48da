"""What a fetch gives back: a `Fetched` response, or a `FetchError` of one line (URL: problem)."""

from __future__ import annotations

from dataclasses import dataclass

from newsfuse.errors import InputError

__all__ = ["FetchError", "FetchRequest", "Fetched", "is_url", "one_line"]


@dataclass(frozen=True)
class Fetched:
    """A 2xx answer (body decoded from gzip/deflate/br) or a 304 (`not_modified`, empty body)."""

    url: str  # final URL after redirects
    requested: str  # the URL asked for
    status: int
    body: bytes
    content_type: str  # media type, lower-case, no parameters ("" when absent)
    charset: str | None  # from Content-Type; decoding is the readers' job
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A URL that could not be fetched; `str(e)` is one line, `f"{url}: {problem}"`."""

    def __init__(
        self, url: str, problem: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        self.url = url
        self.problem = one_line(problem)
        self.status = status
        self.retry_after = retry_after  # seconds the server asked to wait, when it did
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{one_line(self.url, 300)}: {self.problem}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.url, self.problem, self.status, self.retry_after))

    @property
    def gone(self) -> bool:
        """404 or 410: the address is not there (a feed that is, may be retired)."""
        return self.status in (404, 410)

    def input_error(self) -> InputError:
        return InputError(self.url, self.problem)


def _rebuild(url: str, problem: str, status: int | None, retry_after: float | None) -> FetchError:
    return FetchError(url, problem, status=status, retry_after=retry_after)


@dataclass(frozen=True)
class FetchRequest:
    """One URL for `Fetcher.get_many`, with the validators kept from its last fetch; `tag` is the
    caller's own (e.g. a feed id), handed back with the result."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    accept: str | None = None
    tag: object = None


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a file ("http://" or "https://", any case)."""
    return text[:8].lower().startswith(("http://", "https://"))


def one_line(text: str, limit: int = 500) -> str:
    """Control characters escaped and the length capped, so a hostile URL or header stays one line."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
