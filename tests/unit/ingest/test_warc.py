"""WARC / WARC.gz input: CC-NEWS-shaped archives built here with warcio's writer, read as the CLI reads them.

Pages are small fictional articles. Damage is made by cutting or overwriting the archive's bytes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.ingest.files import decode, expand_paths
from newsfuse.ingest.warc import WarcCounts, read_warc
from newsfuse.models import RawArticle

TOWNS = ["Portmere", "Aldwick", "Fennholt", "Brackley Moor", "Saltash Quay"]


def page(n: int, *, dated: str | None = "2025-03-14", lang: str = "en") -> str:
    town = TOWNS[n % len(TOWNS)]
    meta = f'<meta property="article:published_time" content="{dated}T08:00:00Z">' if dated else ""
    paragraphs = "".join(
        f"<p>Story {n}: the harbour master of {town} said on Friday that the new tide gauge had been "
        f"fitted to the east pier, and that readings number {k} would be posted for fishing crews "
        "every hour from now on.</p>"
        for k in range(4)
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{meta}'
        f"<title>Tide gauge fitted in {town}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Tide gauge fitted in {town}</h1>{paragraphs}</article></body></html>"
    )


class Archive:
    """A WARC being written: CC-NEWS shapes (request + response pairs, warcinfo first)."""

    def __init__(self, *, gz: bool = True) -> None:
        self.buf = io.BytesIO()
        self.writer = WARCWriter(self.buf, gzip=gz)
        self.writer.write_record(self.writer.create_warcinfo_record("test.warc", {"software": "tests"}))

    def response(
        self,
        url: str,
        body: bytes,
        *,
        content_type: str | None = "text/html; charset=utf-8",
        status: str = "200 OK",
        extra: list[tuple[str, str]] | None = None,
        date: str = "2025-03-15T06:00:00Z",
        request: bool = True,
    ) -> None:
        w = self.writer
        if request:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        headers = ([("Content-Type", content_type)] if content_type else []) + (extra or [])
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = w.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        w.write_record(record)

    def html(self, n: int, **kwargs: object) -> None:
        self.response(f"https://news.example/story/{n}", page(n).encode("utf-8"), **kwargs)  # type: ignore[arg-type]

    def metadata(self, url: str) -> None:
        w = self.writer
        w.write_record(w.create_warc_record(url, "metadata", payload=io.BytesIO(b"fetchTimeMs: 120\r\n")))

    def bytes(self) -> bytes:
        return self.buf.getvalue()


def read(path: Path | str, **kwargs: object) -> list[RawArticle | InputError]:
    return list(read_inputs([str(path)], **kwargs))  # type: ignore[arg-type]


def articles(items: list[RawArticle | InputError]) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def errors(items: list[RawArticle | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def chunked(data: bytes, size: int = 100) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def gzip_members(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each gzip member of a .warc.gz, found by inflating them in turn."""
    spans, start = [], 0
    while start < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[start:])
        end = len(data) - len(inflater.unused_data)
        spans.append((start, end))
        start = end
    return spans


# --- what is read -------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles_with_their_urls(tmp_path: Path, gz: bool) -> None:
    """Every HTML response is an article labelled by its record number; the rest is skipped quietly."""
    archive = Archive(gz=gz)
    for n in range(3):
        archive.html(n)
        archive.metadata(f"https://news.example/story/{n}")
    items = read(write(tmp_path, "news.warc.gz" if gz else "news.warc", archive.bytes()))
    assert errors(items) == []
    got = articles(items)
    assert [a.url for a in got] == [f"https://news.example/story/{n}" for n in range(3)]
    # warcinfo is record 1; then request, response, metadata for each page
    assert [a.record for a in got] == [3, 6, 9]
    assert got[0].where.endswith("news.warc.gz:3" if gz else "news.warc:3")
    assert got[1].title == "Tide gauge fitted in Aldwick"
    assert "tide gauge had been fitted to the east pier" in got[1].text
    assert got[0].fmt == "html" and got[0].outlet


def test_chunked_and_gzip_bodies_are_decoded(tmp_path: Path) -> None:
    """Transfer-Encoding: chunked and Content-Encoding: gzip/deflate, alone or together."""
    archive = Archive()
    body = page(0).encode()
    archive.response("https://news.example/a", chunked(body), extra=[("Transfer-Encoding", "chunked")])
    archive.response(
        "https://news.example/b", gzip.compress(page(1).encode()), extra=[("Content-Encoding", "gzip")]
    )
    archive.response(
        "https://news.example/c",
        chunked(gzip.compress(page(2).encode()), 50),
        extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
    )
    archive.response(
        "https://news.example/d", zlib.compress(page(3).encode()), extra=[("Content-Encoding", "deflate")]
    )
    items = read(write(tmp_path, "enc.warc.gz", archive.bytes()))
    assert errors(items) == []
    got = articles(items)
    assert [a.title for a in got] == [f"Tide gauge fitted in {TOWNS[n]}" for n in range(4)]
    assert all("east pier" in a.text for a in got)


def test_the_http_charset_decodes_the_page(tmp_path: Path) -> None:
    """A page with no <meta charset> is read in the charset its HTTP header declares."""
    text = "Le café du port de Portmere rouvre ses portes après l'été, annonce la mairie. " * 8
    html = (
        "<html><head><title>Café rouvert</title></head>"
        f"<body><article><p>{text}</p><p>{text}</p></article></body></html>"
    )
    archive = Archive()
    archive.response(
        "https://news.example/fr", html.encode("mac_roman"), content_type="text/html; charset=macintosh"
    )
    got = articles(read(write(tmp_path, "fr.warc.gz", archive.bytes())))
    assert len(got) == 1 and "Le café du port" in got[0].text and "après l'été" in got[0].text


def test_decode_trusts_a_declared_charset_after_utf8() -> None:
    """`declared` is used when the bytes are not UTF-8; valid UTF-8 wins over a wrong label."""
    assert decode("élan vital".encode("mac_roman"), html=True, declared="macintosh") == "élan vital"
    assert decode("élan vital".encode(), html=True, declared="windows-1251") == "élan vital"
    # the web reads ISO-8859-1 as Windows-1252: 0x93/0x94 are quotes, not control characters
    assert decode(b"\x93quoted\x94 words", html=True, declared="iso-8859-1") == "\u201cquoted\u201d words"


def test_non_html_and_non_article_records_are_skipped_and_counted(tmp_path: Path) -> None:
    """Images, PDFs, JSON, redirects and revisits give no article and no message; only counts."""
    archive = Archive()
    archive.response(
        "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"
    )
    archive.response("https://news.example/a.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    archive.response("https://news.example/api", b'{"a": 1}', content_type="application/json")
    archive.response(
        "https://news.example/old", b"", status="301 Moved Permanently", extra=[("Location", "/new")]
    )
    archive.response("https://news.example/bin", b"\x00\x01\x02 not a page", content_type=None)
    archive.html(4, content_type=None)  # untyped, but an HTML page: sniffed
    w = archive.writer
    w.write_record(
        w.create_revisit_record(
            "https://news.example/story/4", "sha1:AAAA", "https://news.example/story/4", "2025"
        )
    )
    counts = WarcCounts()
    items = list(read_warc(io.BytesIO(archive.bytes()), "mixed.warc.gz", Settings(), counts))
    assert errors(items) == []
    assert [a.url for a in articles(items)] == ["https://news.example/story/4"]
    assert counts.articles == 1 and counts.damaged == 0
    assert counts.skipped["non-HTML payloads"] == 4
    assert counts.skipped["non-2xx responses"] == 1
    assert counts.skipped["request records"] == 6
    assert counts.skipped["warcinfo records"] == 1 and counts.skipped["revisit records"] == 1
    assert counts.records == 1 + 6 * 2 + 1


def test_a_resource_record_of_html_is_an_article(tmp_path: Path) -> None:
    archive = Archive(gz=False)
    w = archive.writer
    w.write_record(
        w.create_warc_record(
            "https://news.example/saved",
            "resource",
            payload=io.BytesIO(page(2).encode()),
            warc_content_type="text/html",
        )
    )
    got = articles(read(write(tmp_path, "res.warc", archive.bytes())))
    assert [a.url for a in got] == ["https://news.example/saved"]


def test_a_response_under_an_unusual_uri_scheme_is_still_parsed(tmp_path: Path) -> None:
    """warcio parses HTTP messages only under lower-case http(s) URIs; an upper-case one still reads."""
    archive = Archive()
    archive.response("HTTPS://NEWS.EXAMPLE/story/3", page(3).encode(), request=False)
    got = articles(read(write(tmp_path, "upper.warc.gz", archive.bytes())))
    assert [a.url for a in got] == ["HTTPS://NEWS.EXAMPLE/story/3"]


# --- dates --------------------------------------------------------------------------------------


def test_publication_date_prefers_the_page_and_falls_back_to_the_crawl(tmp_path: Path) -> None:
    """The page's metadata date; the WARC-Date when the page has none; never after the crawl."""
    archive = Archive()
    url = "https://news.example/{}"
    archive.response(url.format(1), page(1, dated="2025-03-12").encode(), date="2025-03-15T06:00:00Z")
    archive.response(url.format(2), page(2, dated=None).encode(), date="2025-03-15T06:00:00Z")
    archive.response(url.format(3), page(3, dated="2025-03-20").encode(), date="2025-03-15T06:00:00Z")
    archive.response(url.format(4), page(4, dated="2025-03-16").encode(), date="2025-03-15T23:00:00Z")
    got = articles(read(write(tmp_path, "dates.warc.gz", archive.bytes())))
    assert [(a.published, a.published_from) for a in got] == [
        (dt.date(2025, 3, 12), "metadata"),
        (dt.date(2025, 3, 15), "metadata"),  # undated page: the crawl date
        (dt.date(2025, 3, 15), "metadata"),  # a page "published" after its crawl: the crawl date
        (dt.date(2025, 3, 16), "metadata"),  # a day ahead of a UTC crawl: a time zone, kept
    ]


# --- damage -------------------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_last_record_keeps_the_good_ones_with_one_error(tmp_path: Path, gz: bool) -> None:
    archive = Archive(gz=gz)
    for n in range(3):
        archive.html(n, request=False)
    data = archive.bytes()
    last_start = gzip_members(data)[-1][0] if gz else data.rindex(b"WARC/1.0")
    cut = (last_start + len(data)) // 2  # halfway through the last record
    path = write(tmp_path, "cut.warc.gz" if gz else "cut.warc", data[:cut])
    items = read(path)
    assert [a.url for a in articles(items)] == [f"https://news.example/story/{n}" for n in range(2)]
    (error,) = errors(items)
    assert error.path == str(path) and error.record is None
    assert "cut short" in error.problem and "record 4" in error.problem and "3 records read" in error.problem


def test_a_corrupt_member_in_the_middle_costs_only_its_record(tmp_path: Path) -> None:
    """Garbled bytes inside one gzip member: that record is reported, the ones after it are read."""
    archive = Archive()
    for n in range(5):
        archive.html(n, request=False)
    data = bytearray(archive.bytes())
    start, end = gzip_members(bytes(data))[3]  # warcinfo, then pages 0, 1, 2…: page 2
    middle = (start + end) // 2
    data[middle : middle + 40] = b"\x55" * 40
    items = read(write(tmp_path, "bad.warc.gz", bytes(data)))
    assert [a.url for a in articles(items)] == [f"https://news.example/story/{n}" for n in (0, 1, 3, 4)]
    (error,) = errors(items)
    assert error.record == 4 and "gzip" in error.problem


def test_junk_between_members_and_a_broken_member_header(tmp_path: Path) -> None:
    archive = Archive()
    for n in range(4):
        archive.html(n, request=False)
    data = archive.bytes()
    spans = gzip_members(data)
    s1, s2, s3 = spans[1], spans[2], spans[3]
    # page 0 sound; junk; page 1's member with its deflate data wrecked from the start; pages 2, 3 sound
    wrecked = data[s2[0] : s2[0] + 10] + bytes(range(256)) * 4
    damaged = data[: s1[1]] + b"JUNK BYTES\n" * 3 + wrecked + data[s3[0] :]
    items = read(write(tmp_path, "junk.warc.gz", damaged))
    assert [a.url for a in articles(items)] == [f"https://news.example/story/{n}" for n in (0, 2, 3)]
    assert len(errors(items)) == 2 and all(e.record for e in errors(items))


def test_a_bad_header_in_an_uncompressed_warc_resynchronises(tmp_path: Path) -> None:
    archive = Archive(gz=False)
    for n in range(4):
        archive.html(n, request=False)
    data = archive.bytes()
    second = data.index(b"WARC/1.0", data.index(b"story/1") - 400)
    length_at = data.index(b"Content-Length: ", second)
    damaged = data[:length_at] + b"Content-Length: lots" + data[data.index(b"\r\n", length_at) :]
    items = read(write(tmp_path, "hdr.warc", damaged))
    assert [a.url for a in articles(items)] == [f"https://news.example/story/{n}" for n in (0, 2, 3)]
    (error,) = errors(items)
    assert error.record == 3 and "Content-Length" in error.problem


def test_a_page_that_does_not_decode_is_one_record_error(tmp_path: Path) -> None:
    archive = Archive()
    archive.response(
        "https://news.example/x", b"\x1f\x8b\x08\x00garbage", extra=[("Content-Encoding", "gzip")]
    )
    archive.response(
        "https://news.example/y", b"<html><head><title>Index</title></head><body><div></div></body></html>"
    )
    archive.html(1)
    items = read(write(tmp_path, "dec.warc.gz", archive.bytes()))
    assert [a.url for a in articles(items)] == ["https://news.example/story/1"]
    first, second = errors(items)
    assert (first.record, second.record) == (3, 5)
    assert "gzip" in first.problem and "https://news.example/x" in first.problem
    assert "no article text" in second.problem


def test_empty_and_garbage_files_named_warc(tmp_path: Path) -> None:
    empty = read(write(tmp_path, "empty.warc", b""))
    assert [str(e) for e in errors(empty)] == [f"{tmp_path / 'empty.warc'}: empty file"]
    garbage = read(write(tmp_path, "junk.warc", b"this is not an archive\n" * 50))
    (error,) = errors(garbage)
    assert error.record is None and "not a WARC archive" in error.problem
    pdf = read(write(tmp_path, "doc.warc.gz", b"%PDF-1.5\n" + b"x" * 100))
    assert "PDF" in errors(pdf)[0].problem
    not_warc_gz = read(write(tmp_path, "text.warc.gz", gzip.compress(b"hello there\n" * 10)))
    assert "not a WARC archive" in errors(not_warc_gz)[0].problem


def test_a_record_over_the_limit_is_skipped_not_the_archive(tmp_path: Path) -> None:
    """max_file_mb applies per record: a 2 MB page is refused, the archive (over 1 MB) still read."""
    archive = Archive()
    big = page(0).replace("</article>", "<p>" + "filler words " * 180_000 + "</p></article>").encode()
    archive.response("https://news.example/big", big)
    for n in range(1, 30):
        archive.html(n)
    path = write(tmp_path, "big.warc", gzip.decompress(archive.bytes()))
    assert path.stat().st_size > 2 * 1024 * 1024
    items = read(path, settings=Settings(max_file_mb=1))
    assert len(articles(items)) == 29
    (error,) = errors(items)
    assert error.record == 3 and "max_file_mb" in error.problem


# --- how archives are found ---------------------------------------------------------------------


def test_warc_on_standard_input_and_under_unknown_names(tmp_path: Path) -> None:
    archive = Archive()
    archive.html(0)
    archive.html(1)
    data = archive.bytes()
    for stdin in (data, gzip.decompress(data)):
        got = articles(read("-", stdin=io.BytesIO(stdin)))
        assert [a.url for a in got] == ["https://news.example/story/0", "https://news.example/story/1"]
        assert got[0].where == "-:3"
    for name, content in (("crawl.dat", data), ("crawl.bin", gzip.decompress(data))):
        got = articles(read(write(tmp_path, name, content)))
        assert len(got) == 2


def test_json_lines_on_standard_input_stream_past_the_file_limit() -> None:
    """JSON Lines on stdin are read line by line, like a .jsonl file: 2 MB of them under a 1 MB limit."""
    line = b'{"title": "Gauge %d", "text": "%s"}\n'
    data = b"".join(line % (n, b"The tide gauge at Portmere was read again. " * 50) for n in range(1000))
    assert len(data) > 2 * 1024 * 1024
    items = read("-", stdin=io.BytesIO(data), settings=Settings(max_file_mb=1))
    assert errors(items) == [] and len(items) == 1000
    assert (items[-1].where, items[-1].title) == ("-:1000", "Gauge 999")


def test_a_whole_file_gzip_reads_like_one_member_per_record(tmp_path: Path) -> None:
    archive = Archive(gz=False)
    for n in range(3):
        archive.html(n)
    got = articles(read(write(tmp_path, "once.warc.gz", gzip.compress(archive.bytes()))))
    assert len(got) == 3


def test_folders_pick_up_warc_files(tmp_path: Path) -> None:
    (tmp_path / "crawl").mkdir()
    write(tmp_path / "crawl", "CC-NEWS-20250315-00001.warc.gz", b"")
    write(tmp_path / "crawl", "notes.warc", b"")
    kinds = [(f.path.name, f.kind, f.gzipped) for f in expand_paths([str(tmp_path / "crawl")])]  # type: ignore[union-attr]
    assert kinds == [("CC-NEWS-20250315-00001.warc.gz", "warc", True), ("notes.warc", "warc", False)]


def test_a_large_archive_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    """40 MB of records (skipped images, so that only reading is measured) in a few MB of memory."""
    archive = Archive()
    blob = bytes(range(256)) * 1024  # 256 KB, incompressible enough
    for n in range(160):
        archive.response(f"https://news.example/img/{n}.jpg", blob, content_type="image/jpeg", request=False)
    archive.html(7, request=False)
    path = write(tmp_path, "images.warc.gz", archive.bytes())
    counts = WarcCounts()
    tracemalloc.start()
    try:
        with path.open("rb") as fh:
            items = list(read_warc(fh, "images.warc.gz", Settings(), counts))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.url for a in articles(items)] == ["https://news.example/story/7"]
    assert counts.skipped["non-HTML payloads"] == 160
    assert peak < 8 * 1024 * 1024


def test_a_record_warcio_trips_on_is_one_error_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """warcio raises odd exceptions on some damaged headers (AttributeError on a None it did not
    expect, found by the fuzz suite): the record is one error line, the archive goes on."""
    import importlib

    warc = importlib.import_module("newsfuse.ingest.warc")
    archive = Archive(gz=False)
    for n in range(3):
        archive.html(n)
    real = warc._loader().parse_record_stream
    calls = {"n": 0}

    def tripping(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise AttributeError("'NoneType' object has no attribute 'startswith'")
        return real(*args, **kwargs)

    monkeypatch.setattr(warc._loader(), "parse_record_stream", tripping)
    items = read(write(tmp_path, "news.warc", archive.bytes()))
    assert len(articles(items)) == 2
    (error,) = errors(items)
    assert "damaged record" in error.problem and "news.warc" in str(error)
