"""WARC records framed in a byte stream: plain, gzipped per record (CC-NEWS), or gzipped whole.

The file is read in segments — the whole file when uncompressed, each run of sound gzip members
when compressed — and each record is framed by its Content-Length, one record held at a time.
Damage costs the record it is in: a gzip member that fails to inflate ends its segment and reading
resumes at the next gzip member header; in an uncompressed file, at the next line "WARC/1.x".
The stretch skipped counts as one damaged record.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Damage", "Pushback", "Readable", "WarcRecord", "frame_records", "looks_like_warc"]

BLOCK = 1 << 16  # bytes read from the file at a time
GZIP_MEMBER = b"\x1f\x8b\x08"  # gzip magic + deflate
_MAX_HEADER_BYTES = 1 << 20  # a WARC header block larger than this is damage, not a header
_MAX_LINE = 1 << 16
_WARC_LINE = re.compile(rb"WARC/\d+\.\d+\r?\n")


class Readable(Protocol):
    """A binary stream: an open file, standard input, a socket's reader."""

    def read(self, size: int = -1, /) -> bytes: ...


def looks_like_warc(head: bytes) -> bool:
    """Do a file's first bytes (plain, or its first gzip member inflated) open a WARC record?"""
    if head.startswith(GZIP_MEMBER):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 32)
        except zlib.error:
            return False
    return _WARC_LINE.match(head) is not None


@dataclass
class WarcRecord:
    """One record as stored: its WARC headers (names lower-cased) and its block."""

    ordinal: int  # 1-based, every record counted; a damaged stretch counts as one
    headers: dict[str, str]
    header_block: bytes  # the header lines as they were, blank line included
    block: bytes


@dataclass
class Damage:
    """A record (or a stretch of bytes) that could not be read, and why."""

    ordinal: int
    problem: str
    at_end: bool = False  # the file ends inside this record


def frame_records(raw: Pushback, limit: int) -> Iterator[WarcRecord | Damage]:
    """The records of an archive; blocks over `limit` bytes are skipped unread, as `Damage`."""
    ordinals = _Ordinals()
    gzipped = raw.peek(len(GZIP_MEMBER)) == GZIP_MEMBER
    segments: Iterator[_Segment] = _gzip_segments(raw, limit) if gzipped else iter([raw])
    for segment in segments:
        if isinstance(segment, _Gap):
            yield Damage(ordinals.next(), segment.problem or "damaged data")
        else:
            yield from _frame_segment(segment, limit, ordinals)


class _Ordinals:
    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


# --- bytes: the file, or its runs of sound gzip members, as segments to frame records in -------


class _Segment(Protocol):
    problem: str | None  # why the segment ended before the data did (a damaged gzip member)
    truncated: bool  # the file ends inside a gzip member
    resync: bool  # begins after damage: look for the next record without reporting the search

    def read(self, size: int = -1, /) -> bytes: ...

    def at_eof(self) -> bool: ...


class Pushback:
    """The file as read, able to take back bytes read too far; an uncompressed WARC's one segment."""

    problem: str | None = None
    truncated = False
    resync = False

    def __init__(self, stream: Readable) -> None:
        self._stream = stream
        self._front = b""

    def peek(self, size: int) -> bytes:
        while len(self._front) < size:
            more = self._stream.read(BLOCK)
            if not more:
                break
            self._front += more
        return self._front[:size]

    def read(self, size: int = -1, /) -> bytes:
        if not self._front:
            return self._stream.read(size if size >= 0 else BLOCK)
        if 0 <= size < len(self._front):
            out, self._front = self._front[:size], self._front[size:]
        else:
            out, self._front = self._front, b""
        return out

    def unread(self, data: bytes) -> None:
        self._front = data + self._front

    def at_eof(self) -> bool:
        return not self.peek(1)


class _Inflated:
    """Consecutive gzip members inflated as one stream, up to damage, junk or the end of the file.

    A well-formed .warc.gz has one member per record, but a whole file gzipped at once (one member)
    or cut in blocks (bgzip) reads the same way.
    """

    def __init__(self, raw: Pushback, keep: int, resync: bool) -> None:
        self._raw = raw
        self._keep = keep
        self.resync = resync
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._seen = bytearray()  # the current member's compressed bytes: where to resume after damage
        self._trimmed = False
        self.done = False
        self.problem: str | None = None
        self.truncated = False

    def read(self, size: int = -1, /) -> bytes:
        size = size if size >= 0 else BLOCK
        while not self.done:
            data = self._inflater.unconsumed_tail
            if not data:
                data = self._raw.read(BLOCK)
                if not data:
                    self.done, self.truncated = True, True
                    self.problem = "the file ends inside a gzip member"
                    return b""
                self._seen += data
                if len(self._seen) > self._keep:  # a huge member: resume from where it broke
                    del self._seen[: len(self._seen) - self._keep]
                    self._trimmed = True
            try:
                out = self._inflater.decompress(data, size)
            except zlib.error as exc:
                self.done, self.problem = True, f"damaged gzip data ({exc})"
                return b""
            if self._inflater.eof:
                self._next_member()
            if out:
                return out
        return b""

    def _next_member(self) -> None:
        self._raw.unread(self._inflater.unused_data)
        self._seen.clear()
        self._trimmed = False
        if self._raw.peek(len(GZIP_MEMBER)) == GZIP_MEMBER:
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        else:  # the end of the file, or junk that the caller reports
            self.done = True

    def at_eof(self) -> bool:
        return self.truncated or (self.done and self._raw.at_eof())

    def drain(self) -> None:
        while self.read(BLOCK):
            pass

    def put_back(self) -> None:
        """After damage: hand back the broken member's bytes after its first, to look for the next."""
        seen = bytes(self._seen)
        self._seen.clear()
        self._raw.unread(seen if self._trimmed else seen[1:])


@dataclass
class _Gap:
    """Bytes after a sound gzip member that are not a gzip member."""

    size: int
    problem: str | None = None
    truncated: bool = False
    resync: bool = False

    def read(self, size: int = -1, /) -> bytes:
        return b""

    def at_eof(self) -> bool:
        return False


def _gzip_segments(raw: Pushback, limit: int) -> Iterator[_Segment]:
    """A .warc.gz as segments: runs of sound members; junk between them as a `_Gap`."""
    resync = False
    while True:
        head = raw.peek(len(GZIP_MEMBER))
        if not head:
            return
        if head != GZIP_MEMBER:
            skipped = _skip_to_member(raw)
            if not resync:  # junk after a damaged member is the damaged record's own remains
                yield _Gap(skipped, problem=f"{skipped:,} bytes that are not gzip data (skipped)")
            continue
        segment = _Inflated(raw, limit + BLOCK, resync)
        yield segment
        segment.drain()
        if segment.truncated:
            return
        resync = segment.problem is not None
        if resync:
            segment.put_back()


def _skip_to_member(raw: Pushback) -> int:
    """Discard bytes up to the next gzip member header, or to the end; how many were discarded."""
    skipped = 0
    keep = len(GZIP_MEMBER) - 1  # a header may straddle two reads
    while data := raw.read(BLOCK):
        at = data.find(GZIP_MEMBER)
        if at >= 0:
            raw.unread(data[at:])
            return skipped + at
        more = raw.read(BLOCK)
        if not more:
            return skipped + len(data)
        skipped += max(0, len(data) - keep)
        raw.unread(data[-keep:] + more)
    return skipped


# --- records: framing by Content-Length ---------------------------------------------------------


class _Lines:
    """Lines and exact-length reads over a segment."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._buf = bytearray()
        self.ended = False

    def _fill(self) -> bool:
        if self.ended:
            return False
        data = self._read(BLOCK)
        if not data:
            self.ended = True
            return False
        self._buf += data
        return True

    def readline(self, limit: int = _MAX_LINE) -> bytes:
        start = 0
        while True:
            at = self._buf.find(b"\n", start)
            if at >= 0 or len(self._buf) >= limit:
                end = min(at + 1 if at >= 0 else len(self._buf), limit)
                break
            start = len(self._buf)
            if not self._fill():
                end = len(self._buf)
                break
        line = bytes(self._buf[:end])
        del self._buf[:end]
        return line

    def read(self, size: int) -> bytes:
        while len(self._buf) < size and self._fill():
            pass
        out = bytes(self._buf[:size])
        del self._buf[:size]
        return out

    def skip(self, size: int) -> int:
        """Discard `size` bytes without holding them; how many there were."""
        done = 0
        while done < size:
            if not self._buf and not self._fill():
                break
            step = min(size - done, len(self._buf))
            del self._buf[:step]
            done += step
        return done


def _frame_segment(segment: _Segment, limit: int, ordinals: _Ordinals) -> Iterator[WarcRecord | Damage]:
    """The records of one segment, each framed by its Content-Length."""
    lines = _Lines(segment.read)
    lost = segment.resync  # inside a damaged stretch: look for the next record, quietly
    while True:
        line = lines.readline()
        if not line:
            if segment.problem and not lost:  # a gzip member that broke between two records
                yield Damage(ordinals.next(), segment.problem, at_end=segment.truncated)
            return
        if not line.strip():
            continue
        if not _WARC_LINE.fullmatch(line):
            if not lost:
                lost = True
                yield Damage(ordinals.next(), "not a WARC record header (damaged data skipped)")
            continue
        lost = False
        ordinal = ordinals.next()
        header_lines = [line]
        size = len(line)
        while (line := lines.readline()).strip() and size <= _MAX_HEADER_BYTES:
            header_lines.append(line)
            size += len(line)
        if not line:
            yield _cut(ordinal, "the file ends inside the record's WARC header", segment)
            return
        if size > _MAX_HEADER_BYTES:
            lost = True
            yield Damage(ordinal, "WARC header is too long (damaged record skipped)")
            continue
        headers = _parse_headers(header_lines[1:])
        try:
            length = int(headers.get("content-length", ""))
            if length < 0:
                raise ValueError(length)
        except ValueError:
            lost = True
            yield Damage(ordinal, "WARC header has no valid Content-Length (damaged record skipped)")
            continue
        if length > limit:
            if lines.skip(length) < length:
                yield _cut(ordinal, "the file ends inside the record", segment)
                return
            mb = limit // (1024 * 1024)
            yield Damage(ordinal, f"record is over the {mb} MB limit (setting max_file_mb)")
            continue
        block = lines.read(length)
        if len(block) < length:
            yield _cut(ordinal, "the file ends inside the record", segment)
            return
        yield WarcRecord(ordinal, headers, b"".join(header_lines) + b"\r\n", block)


def _cut(ordinal: int, problem: str, segment: _Segment) -> Damage:
    """A record cut short: by a damaged gzip member, by junk, or by the end of the file."""
    if segment.problem and not segment.truncated:
        return Damage(ordinal, f"record cut short: {segment.problem}")
    if not segment.at_eof():
        return Damage(ordinal, "record cut short (bytes that are not gzip data follow)")
    return Damage(ordinal, problem, at_end=True)


def _parse_headers(lines: list[bytes]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.decode("utf-8", "replace").partition(":")
        if sep:
            headers.setdefault(name.strip().lower(), value.strip())
    return headers
