"""Reading a response body within the size limit, decoding gzip/deflate/br ourselves.

httpx would decode each received chunk whole, so a 64 KB chunk of a decompression bomb could
become gigabytes before a limit is checked; here the decoders are asked for at most the bytes
the limit still allows (zlib's `max_length`, brotli's `output_buffer_limit`), so neither an
endless body nor a bomb ever holds more than the limit (plus one chunk) in memory.
"""

from __future__ import annotations

import importlib
import time
import zlib
from collections.abc import Iterable
from typing import Protocol

__all__ = ["BodyTooLarge", "Decoder", "DecodingFailed", "SlowBody", "decoder_for", "read_body"]

RAW_CHUNK = 16 * 1024  # network bytes per decoding step


class BodyTooLarge(Exception):
    """More bytes than the limit (declared, received or decoded)."""


class SlowBody(Exception):
    """The response was not complete by its deadline."""


class DecodingFailed(Exception):
    """Content-Encoding that cannot be decoded (malformed, or an unsupported coding)."""


class Decoder(Protocol):
    def decode(self, data: bytes, budget: int) -> bytes:
        """At most `budget` decoded bytes from `data` (plus what earlier calls left pending);
        returning `budget` bytes means the limit is reached and nothing more is asked."""

    def flush(self, budget: int) -> bytes: ...


class _Identity:
    def decode(self, data: bytes, budget: int) -> bytes:
        return data[:budget]

    def flush(self, budget: int) -> bytes:
        return b""


class _Zlib:
    """gzip (several members too) or deflate (zlib-wrapped, or raw as some servers send it)."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._gzip = name == "gzip"
        self._raw_fallback = not self._gzip
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._fed = False
        self._members = 0  # gzip members decoded whole
        self._ignoring = False  # bytes after the last member that are not one (ignored, as browsers do)

    def decode(self, data: bytes, budget: int) -> bytes:
        out = bytearray()
        while len(out) < budget and not self._ignoring:
            feed = self._obj.unconsumed_tail + data
            data = b""
            if not feed:
                break
            self._fed = True
            try:
                out += self._obj.decompress(feed, budget - len(out))
            except zlib.error as exc:
                if self._raw_fallback:  # deflate without the zlib header
                    self._raw_fallback = False
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    data = feed
                    continue
                if self._members:
                    self._ignoring = True
                    break
                raise DecodingFailed(f"malformed {self._name} body ({exc})") from exc
            self._raw_fallback = False
            if self._gzip and self._obj.eof and self._obj.unused_data:  # the next gzip member
                self._members += 1
                data = self._obj.unused_data
                self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16)
        return bytes(out)

    def flush(self, budget: int) -> bytes:
        if self._ignoring or not self._fed:
            return b""
        try:
            rest = self._obj.flush()[:budget]
        except zlib.error as exc:
            raise DecodingFailed(f"malformed {self._name} body ({exc})") from exc
        if not self._obj.eof and not self._members:
            raise DecodingFailed(f"malformed {self._name} body (cut short)")
        return rest


class _Brotli:
    def __init__(self) -> None:
        try:
            brotli = importlib.import_module("brotli")  # untyped; optional when no server sends br
        except ImportError as exc:
            raise DecodingFailed("Content-Encoding br needs the brotli package") from exc
        self._error = brotli.error
        self._obj = brotli.Decompressor()
        self._limited = hasattr(self._obj, "can_accept_more_data")  # brotli >= 1.2
        self._fed = False

    def decode(self, data: bytes, budget: int) -> bytes:
        self._fed = self._fed or bool(data)
        try:
            if not self._limited:  # older brotli: small inputs keep each output step small
                out = bytearray()
                for start in range(0, len(data), 1024):
                    out += self._obj.process(data[start : start + 1024])
                    if len(out) >= budget:
                        break
                return bytes(out[:budget])
            out = bytearray(self._obj.process(data, output_buffer_limit=budget))
            while len(out) < budget and not self._obj.can_accept_more_data():
                out += self._obj.process(b"", output_buffer_limit=budget - len(out))
            return bytes(out[:budget])
        except self._error as exc:
            raise DecodingFailed(f"malformed br body ({exc})") from exc

    def flush(self, budget: int) -> bytes:
        finished = getattr(self._obj, "is_finished", None)
        if self._fed and finished is not None and not finished():
            raise DecodingFailed("malformed br body (cut short)")
        return b""


class _Chain:
    """Codings applied in order (`Content-Encoding: gzip, br` was br applied last: decoded first).

    Every inner layer's whole output is held to the limit too (the first call's budget is the
    limit + 1), and refused over it even when truncating; the last layer gets the caller's budget.
    """

    def __init__(self, decoders: list[Decoder]) -> None:
        self._decoders = decoders
        self._cap: int | None = None
        self._made = [0] * len(decoders)  # bytes each inner layer has produced so far

    def _run(self, data: bytes, budget: int, *, last: bool) -> bytes:
        if self._cap is None:
            self._cap = budget
        for index, decoder in enumerate(self._decoders):
            final = index == len(self._decoders) - 1
            allowed = budget if final else self._cap - self._made[index]
            data = decoder.decode(data, allowed) + (decoder.flush(allowed) if last else b"")
            if not final:
                self._made[index] += len(data)
                if len(data) >= allowed:  # an inner layer over the limit is over the limit
                    raise BodyTooLarge
        return data

    def decode(self, data: bytes, budget: int) -> bytes:
        return self._run(data, budget, last=False)

    def flush(self, budget: int) -> bytes:
        return self._run(b"", budget, last=True)


def decoder_for(content_encoding: str) -> Decoder:
    """The decoder for a Content-Encoding header value (raises DecodingFailed when unsupported)."""
    names = [name.strip().lower() for name in content_encoding.split(",") if name.strip()]
    decoders: list[Decoder] = []
    for name in reversed(names):
        if name in ("gzip", "x-gzip"):
            decoders.append(_Zlib("gzip"))
        elif name == "deflate":
            decoders.append(_Zlib("deflate"))
        elif name == "br":
            decoders.append(_Brotli())
        elif name != "identity":
            raise DecodingFailed(f"unsupported Content-Encoding {name[:40]!r}")
    if not decoders:
        return _Identity()
    return decoders[0] if len(decoders) == 1 else _Chain(decoders)


def read_body(
    chunks: Iterable[bytes],
    decoder: Decoder,
    limit: int,
    deadline: float,
    *,
    truncate: bool = False,
) -> bytes:
    """The decoded body, at most `limit` bytes as received and as decoded.

    Over the limit: BodyTooLarge, or (truncate) the first `limit` decoded bytes. Past the
    deadline (checked between chunks): SlowBody.
    """
    out = bytearray()
    received = 0
    for raw in chunks:
        received += len(raw)
        budget = limit - len(out) + 1
        out += decoder.decode(raw, budget)
        if received > limit or len(out) > limit:
            if truncate:
                return bytes(out[:limit])
            raise BodyTooLarge
        if time.monotonic() > deadline:
            raise SlowBody
    out += decoder.flush(limit - len(out) + 1)
    if len(out) > limit:
        if truncate:
            return bytes(out[:limit])
        raise BodyTooLarge
    return bytes(out)
