"""Decoding within a limit, fed in small pieces as a network would."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from newsfuse.fetch.body import BodyTooLarge, DecodingFailed, SlowBody, decoder_for, read_body

TEXT = b"The ferry timetable changes on Monday. " * 2000
NEVER = float("inf")


def pieces(data: bytes, size: int = 7) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize(
    ("coding", "data"),
    [
        ("", TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("gzip", gzip.compress(TEXT[:10]) + gzip.compress(TEXT[10:])),  # two members
        ("gzip", gzip.compress(TEXT) + b"\0\0 trailing junk"),  # ignored, as browsers do
        ("deflate", zlib.compress(TEXT)),
        ("deflate", zlib.compress(TEXT, wbits=-15)),  # raw deflate, as some servers send it
        ("br", brotli.compress(TEXT)),
        ("gzip, br", brotli.compress(gzip.compress(TEXT))),  # applied in order, decoded in reverse
    ],
)
def test_decoded_in_small_pieces(coding: str, data: bytes) -> None:
    assert read_body(pieces(data), decoder_for(coding), len(TEXT), NEVER) == TEXT


@pytest.mark.parametrize("coding", ["", "gzip", "deflate", "br", "gzip, br"])
def test_one_byte_over_the_limit_as_decoded_is_refused_or_truncated(coding: str) -> None:
    data = TEXT
    for name in [c.strip() for c in coding.split(",") if c.strip()]:
        data = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[name](data)
    with pytest.raises(BodyTooLarge):
        read_body(pieces(data, 4096), decoder_for(coding), len(TEXT) - 1, NEVER)
    if "," not in coding:
        assert read_body(pieces(data, 4096), decoder_for(coding), 100, NEVER, truncate=True) == TEXT[:100]
    else:  # an inner layer over the limit is refused even when truncating
        with pytest.raises(BodyTooLarge):
            read_body(pieces(data, 4096), decoder_for(coding), 100, NEVER, truncate=True)


def test_malformed_and_unknown_codings_and_the_deadline() -> None:
    with pytest.raises(DecodingFailed, match="malformed gzip body"):
        read_body([b"plain text"], decoder_for("gzip"), 1000, NEVER)
    with pytest.raises(DecodingFailed, match="malformed br body"):
        read_body([b"plain text"], decoder_for("br"), 1000, NEVER)
    with pytest.raises(DecodingFailed, match="unsupported Content-Encoding 'compress'"):
        decoder_for("compress")
    for coding, cut in (("gzip", gzip.compress(TEXT)[:-20]), ("br", brotli.compress(TEXT)[:-20])):
        with pytest.raises(DecodingFailed, match=f"malformed {coding} body \\(cut short\\)"):
            read_body([cut], decoder_for(coding), len(TEXT), NEVER)
    assert read_body([], decoder_for("gzip"), 10, NEVER) == b""  # an empty body is empty, not malformed
    with pytest.raises(SlowBody):
        read_body([b"a", b"b"], decoder_for(""), 1000, 0.0)
