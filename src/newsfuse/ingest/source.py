"""What a reader is handed: one input (`Source`) and what the whole read shares (`ReadContext`).

A `Source` is a file, standard input, bytes in hand (an upload, a fetched body) or a URL still to be
fetched. It hands its bytes out in the shape a reader wants — a stream for an archive, lines for JSON
Lines, the whole within `max_file_mb` for everything else — and remembers what it has read, so a
reader called after the dispatcher sniffed the content does not read it twice.

A `ReadContext` is made once per `read_inputs`/`read_bytes` call: the settings, the outlet table, and
an HTTP client made only when a URL or a feed needs one (offline use stays offline) and closed when
the read ends.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.files import (
    InputFile,
    decode,
    gunzip_limited,
    open_stream,
    read_limited,
    stream_lines,
)
from newsfuse.ingest.outlets import OutletTable, table_for

if TYPE_CHECKING:
    from newsfuse.fetch import Fetcher

STDIN = "-"
HEAD_BYTES = 65536  # what sniffing looks at


@dataclass(eq=False)
class Source:
    """One input: where its bytes are, how to show it, and its kind when its name or type says it."""

    shown: str  # the name in messages: a path as given, "-", a URL
    kind: str | None = None  # from the name's suffix or the content type; None: sniff the content
    path: Path | None = None  # a file
    gzipped: bool = False  # a file named .gz
    stream: BinaryIO | None = None  # standard input
    data: bytes | None = None  # bytes in hand
    url: str | None = None  # a URL to fetch, or where `data` was fetched from (the final URL)
    charset: str | None = None  # the charset the bytes came labelled with (HTTP)
    content_type: str = ""  # the media type they came labelled with
    _head: bytes | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)

    @classmethod
    def of_file(cls, file: InputFile) -> Source:
        return cls(file.shown, file.kind, path=file.path, gzipped=file.gzipped)

    @property
    def name(self) -> str | None:
        """The file name or URL, for sniffers that look at it; None for standard input and bytes."""
        if self.path is not None:
            return self.path.name
        return self.url

    @property
    def input_file(self) -> InputFile:
        assert self.path is not None
        return InputFile(self.path, self.shown, self.kind, self.gzipped)

    def head(self) -> bytes:
        """The first bytes as stored (not decompressed), for sniffing; b"" when they cannot be read."""
        if self._head is None:
            if self.data is not None:
                self._head = self.data[:HEAD_BYTES]
            elif self.path is not None:
                try:
                    with self.path.open("rb") as fh:
                        self._head = fh.read(HEAD_BYTES)
                except OSError:
                    self._head = b""  # reading it whole reports the problem
            elif self.stream is not None:
                try:
                    self._head = self.stream.read(HEAD_BYTES)
                except OSError as exc:
                    raise InputError(STDIN, f"cannot read standard input: {exc}") from None
            else:
                self._head = b""
        return self._head

    def binary(self) -> BinaryIO:
        """The bytes as a stream (an archive is read record by record); raises InputError."""
        if self.data is not None:
            return io.BytesIO(self.data)
        if self.path is not None:
            try:
                return self.path.open("rb")
            except PermissionError:
                raise InputError(self.shown, "permission denied") from None
            except OSError as exc:
                raise InputError(self.shown, f"cannot read: {exc.strerror or exc}") from None
        if self.stream is not None:
            return io.BufferedReader(_Chained(self.head(), self.stream))
        raise InputError(self.shown, "nothing to read")

    def lines(self, max_line: int) -> Iterator[bytes]:
        """The lines of the bytes, streamed where they are not in hand (JSON Lines of any size)."""
        if self._text is not None:
            return iter(self._text.encode("utf-8").splitlines())
        if self.data is not None:
            return iter(self.text(html=False, limit=len(self.data)).encode("utf-8").splitlines())
        if self.path is not None:
            return open_stream(self.input_file, max_line)
        return stream_lines(self.binary(), max_line)

    def read_all(self, limit: int) -> bytes:
        """All the bytes, decompressed when gzipped, within `limit`; raises InputError."""
        if self.data is not None:
            return self.data
        if self.path is not None:
            self.data = read_limited(self.input_file, limit)
            return self.data
        if self.stream is None:
            raise InputError(self.shown, "nothing to read")
        head = self.head()
        try:
            data = head + self.stream.read(limit + 1 - len(head))
        except OSError as exc:
            raise InputError(STDIN, f"cannot read standard input: {exc}") from None
        if len(data) > limit:
            raise InputError(
                STDIN, f"standard input is over the {limit // (1024 * 1024)} MB limit (setting max_file_mb)"
            )
        if data[:2] == b"\x1f\x8b":
            data = gunzip_limited(data, limit, STDIN)
        self.data = data
        return data

    def text(self, *, html: bool, limit: int) -> str:
        """The bytes decoded (`files.decode`), once: a later call gets the first decoding.

        Raises ValueError (the problem in words) or InputError.
        """
        if self._text is None:
            data = self.read_all(limit)
            self._text = decode(data, html=html, declared=self.charset)
        return self._text


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


class ReadContext:
    """What every reader of one `read_inputs` call shares: settings, outlet table, an HTTP client.

    The client (`newsfuse.fetch.Fetcher`) is made on first use only, so that nothing is fetched and
    no client exists unless a URL or a feed was given; `close()` (or the `with` block) closes it.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.table: OutletTable = table_for(settings.outlets)
        self._fetcher: Fetcher | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from newsfuse.fetch import Fetcher

            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    @property
    def fetched(self) -> bool:
        """Was a client made (did this read go to the network)?"""
        return self._fetcher is not None

    def close(self) -> None:
        if self._fetcher is not None:
            fetcher, self._fetcher = self._fetcher, None
            close_fetcher(fetcher)

    def __enter__(self) -> ReadContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def close_fetcher(fetcher: Any) -> None:
    """Close an HTTP client (by `close()`, else as the context manager it is)."""
    close = getattr(fetcher, "close", None)
    if callable(close):
        close()
    else:
        fetcher.__exit__(None, None, None)


def is_url(text: str) -> bool:
    """Is this argument an http(s) URL? The test `newsfuse.fetch.is_url` makes, without importing the
    HTTP client (an offline read never loads it)."""
    return text[:8].lower().startswith(("http://", "https://"))
