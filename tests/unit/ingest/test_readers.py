"""The format readers, through `read_inputs`: what each kind of file gives, and each way it fails.

Every input is a real file in `tmp_path` (or bytes standing in for standard input), read the way
the CLI reads it, so that suffix dispatch, sniffing and error reporting are covered together.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_inputs
from newsfuse.ingest.dates import parse_published
from newsfuse.models import RawArticle

PARAGRAPHS = [
    "The county fire service was called to a barn blaze near the village of Hollin Cross shortly after "
    "midnight, and crews from three stations worked through the night to stop the flames spreading to a "
    "row of cottages.",
    "Nobody was hurt, but the farmer said he had lost most of the winter feed for his cattle and a tractor "
    "that had been parked inside the building when the fire started in the hay loft at the north end.",
    "Investigators will return on Thursday to look for the cause. A spokesman said there was nothing so far "
    "to suggest that the fire had been started deliberately, and asked anyone who saw smoke to call.",
]

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ferry service resumes after storm | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Ferry service resumes after storm">
<meta property="article:published_time" content="2025-03-14T08:30:00Z">
<link rel="canonical" href="https://gazette.example.org/news/ferry-resumes">
</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry service resumes after storm</h1>
<p>The island ferry returned to its regular timetable on Friday morning, three days after high winds
forced the operator to cancel every crossing.</p>
<p>Captain Lorna Teague said the crew had inspected the hull and the loading ramp overnight and found no
damage that would keep the vessel in port.</p>
<p>Passengers queued from six o'clock, and the first sailing left the mainland harbour full, with a line
of delivery vans waiting for the next one.</p>
</article>
<footer>Harbour Gazette, 1 Quay Street</footer>
</body>
</html>
"""


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _read(*paths: Path | str, settings: Settings | None = None, stdin: bytes | None = None) -> list[Any]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(p) for p in paths], settings, stdin=stream))


def _one_article(*paths: Path | str, stdin: bytes | None = None) -> RawArticle:
    (item,) = _read(*paths, stdin=stdin)
    assert isinstance(item, RawArticle), item
    return item


def _one_error(*paths: Path | str, stdin: bytes | None = None) -> InputError:
    (item,) = _read(*paths, stdin=stdin)
    assert isinstance(item, InputError), item
    return item


# --- plain text and Markdown ------------------------------------------------------------------------


def test_plain_text_is_read_as_it_is(tmp_path: Path) -> None:
    """A .txt article keeps its paragraphs and is labelled with the path as given."""
    path = _write(tmp_path, "story.txt", "\n\n".join(PARAGRAPHS) + "\n")
    article = _one_article(path)
    assert article.text.strip() == "\n\n".join(PARAGRAPHS)
    assert (article.path, article.record, article.fmt) == (str(path), None, "text")
    assert article.title is None and article.published is None


def _hard_wrap(paragraph: str, width: int = 72) -> str:
    lines: list[str] = []
    for word in paragraph.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def test_hard_wrapped_text_is_joined_back_into_paragraphs(tmp_path: Path) -> None:
    """Mail-style text wrapped at 72 columns becomes one line per paragraph again."""
    wrapped = "\n\n".join(_hard_wrap(p) for p in PARAGRAPHS)
    assert wrapped.count("\n") > 8
    article = _one_article(_write(tmp_path, "wrapped.txt", wrapped))
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_one_paragraph_per_line_text_is_left_alone(tmp_path: Path) -> None:
    """Scraped text with a paragraph on each line must not be glued into one block."""
    text = "\n".join([*PARAGRAPHS, "Photo: county fire service", "Read more: farm news"]) + "\n"
    article = _one_article(_write(tmp_path, "lines.txt", text))
    assert article.text == text


MARKDOWN = """---
title: "Library reopens with longer hours"
date: 2025-02-03
url: https://valleypost.example.net/library-reopens
source: Valley Post
tags: [local, culture]
---
# Library reopens with longer hours

The **central library** reopened on Monday after a [six-month refit](https://example.net/refit), and
it will now stay open until *nine in the evening*.

![Readers at the new front desk](desk.jpg)

- The children's corner has doubled in size
- New study rooms on the `second` floor

> "We wanted a room people actually use," said librarian Owen Pratt.
"""


def test_markdown_front_matter_is_metadata_and_syntax_is_removed(tmp_path: Path) -> None:
    """Front matter gives title/date/url/outlet; the body loses emphasis, links, lists and quotes."""
    article = _one_article(_write(tmp_path, "library.md", MARKDOWN))
    assert article.fmt == "markdown"
    assert article.title == "Library reopens with longer hours"
    assert article.url == "https://valleypost.example.net/library-reopens"
    assert article.outlet == "Valley Post"
    assert (article.published, article.published_from) == (dt.date(2025, 2, 3), "metadata")
    assert article.text.split("\n") == [
        "Library reopens with longer hours",
        "The central library reopened on Monday after a six-month refit, and it will now stay open "
        "until nine in the evening.",
        "The children's corner has doubled in size",
        "New study rooms on the second floor",
        '"We wanted a room people actually use," said librarian Owen Pratt.',
    ]
    for syntax in ("**", "](", "# ", "- ", "> ", "`", "---", "tags:"):
        assert syntax not in article.text


def test_markdown_image_alt_text_is_reported_as_a_removed_caption(tmp_path: Path) -> None:
    """An image's alt text is not article text, but its removal is recorded with a reason."""
    article = _one_article(_write(tmp_path, "library.md", MARKDOWN))
    assert "front desk" not in article.text
    assert [(r.text, r.reason) for r in article.removed] == [("Readers at the new front desk", "caption")]


def test_markdown_with_nothing_but_front_matter_is_an_error(tmp_path: Path) -> None:
    """A Markdown file whose body is empty is reported instead of becoming an empty article."""
    error = _one_error(_write(tmp_path, "stub.md", "---\ntitle: Placeholder\n---\n\n![](photo.jpg)\n"))
    assert "no article text" in error.problem


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_page_gives_text_title_date_outlet_and_canonical_url(tmp_path: Path) -> None:
    """trafilatura's metadata is carried over; navigation and footer are not article text."""
    article = _one_article(_write(tmp_path, "ferry.html", PAGE))
    assert article.fmt == "html"
    assert article.title == "Ferry service resumes after storm"
    assert article.outlet == "Harbour Gazette"
    assert article.url == "https://gazette.example.org/news/ferry-resumes"
    assert (article.published, article.published_from) == (dt.date(2025, 3, 14), "metadata")
    assert "Captain Lorna Teague said the crew had inspected the hull" in article.text
    assert "delivery vans waiting for the next one." in article.text
    assert "Sport" not in article.text and "Quay Street" not in article.text


def test_html_in_a_declared_legacy_encoding(tmp_path: Path) -> None:
    """A windows-1251 page with its charset in a meta tag reads as proper Cyrillic."""
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Паводок в Твери</title></head><body><article>"
        "<p>Уровень воды в Волге поднялся на два метра за сутки, сообщили спасатели.</p>"
        "<p>Жителей прибрежных улиц попросили перенести вещи на верхние этажи.</p>"
        "</article></body></html>"
    )
    article = _one_article(_write(tmp_path, "flood.htm", page.encode("cp1251")))
    assert article.title == "Паводок в Твери"
    assert "Уровень воды в Волге поднялся на два метра" in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>Coming soon</title></head><body></body></html>",
        "<html><head><script>var x = 1;</script></head><body><script>track();</script></body></html>",
    ],
)
def test_html_page_without_article_text_is_an_error(tmp_path: Path, page: str) -> None:
    """A page with nothing to read is one InputError naming the file, not an empty article."""
    path = _write(tmp_path, "blank.html", page)
    error = _one_error(path)
    assert error.path == str(path)
    assert error.problem == "no article text found in the HTML page"


# --- JSON -------------------------------------------------------------------------------------------

RECORD_TEXT = "\n\n".join(PARAGRAPHS[:2])


def test_json_single_object(tmp_path: Path) -> None:
    """One object is one article without a record number, its fields mapped to metadata."""
    record = {
        "headline": "Barn fire at Hollin Cross",
        "content": RECORD_TEXT,
        "link": "https://dales.example.com/barn-fire",
        "publisher": "Dales Courier",
        "date_publish": "2025-01-19 07:45:00",
    }
    article = _one_article(_write(tmp_path, "one.json", json.dumps(record)))
    assert article.text == RECORD_TEXT
    assert article.record is None and article.fmt == "json"
    assert article.title == "Barn fire at Hollin Cross"
    assert article.url == "https://dales.example.com/barn-fire"
    assert article.outlet == "Dales Courier"
    assert article.published == dt.date(2025, 1, 19)


def test_json_list_numbers_its_records(tmp_path: Path) -> None:
    """A list of objects gives one article each, numbered from 1 in list order."""
    records = [{"text": p, "title": f"Part {i}"} for i, p in enumerate(PARAGRAPHS, start=1)]
    items = _read(_write(tmp_path, "list.json", json.dumps(records)))
    assert all(isinstance(i, RawArticle) for i in items)
    assert [(i.record, i.title, i.text) for i in items] == [
        (n, f"Part {n}", p) for n, p in enumerate(PARAGRAPHS, start=1)
    ]


def test_newsapi_style_response(tmp_path: Path) -> None:
    """{"articles": [...]} with {"source": {"name": ...}} and publishedAt, as NewsAPI returns it."""
    response = {
        "status": "ok",
        "totalResults": 2,
        "articles": [
            {
                "source": {"id": "dales-courier", "name": "Dales Courier"},
                "author": "Staff",
                "title": "Barn fire at Hollin Cross",
                "url": "https://dales.example.com/barn-fire",
                "publishedAt": "2025-01-19T07:45:00Z",
                "content": PARAGRAPHS[0],
            },
            {"source": {"id": None, "name": "Moor Times"}, "content": PARAGRAPHS[1]},
        ],
    }
    first, second = _read(_write(tmp_path, "newsapi.json", json.dumps(response)))
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle)
    assert (first.record, first.outlet, first.published) == (1, "Dales Courier", dt.date(2025, 1, 19))
    assert first.title == "Barn fire at Hollin Cross" and first.text == PARAGRAPHS[0]
    assert (second.record, second.outlet, second.text) == (2, "Moor Times", PARAGRAPHS[1])


def test_json_record_with_html_instead_of_text(tmp_path: Path) -> None:
    """A record holding the page's HTML is extracted like an .html file; its own fields win."""
    record = {"html": PAGE, "url": "https://mirror.example.org/ferry", "title": "Ferries back"}
    article = _one_article(_write(tmp_path, "page.json", json.dumps(record)))
    assert article.fmt == "json"
    assert article.title == "Ferries back"
    assert article.url == "https://mirror.example.org/ferry"
    assert article.outlet == "Harbour Gazette"  # from the page, as the record names none
    assert article.published == dt.date(2025, 3, 14)
    assert "<p>" not in article.text and "Captain Lorna Teague" in article.text


def test_invalid_json_file_names_line_and_column(tmp_path: Path) -> None:
    """A broken .json file is one error that says where the JSON breaks."""
    path = _write(tmp_path, "broken.json", '{\n  "title": "Half a record",\n  "text": "cut off\n')
    error = _one_error(path)
    assert error.path == str(path)
    assert error.problem.startswith("invalid JSON:") and "line 3" in error.problem


# --- JSON Lines -------------------------------------------------------------------------------------


def test_jsonl_records_in_order_numbered_by_line(tmp_path: Path) -> None:
    """Each line is an article; `record` is the physical line number, blank lines counted."""
    lines = [json.dumps({"text": p, "title": f"Part {i}"}) for i, p in enumerate(PARAGRAPHS, start=1)]
    path = _write(tmp_path, "feed.jsonl", lines[0] + "\n\n" + lines[1] + "\r\n" + lines[2])
    items = _read(path)
    assert all(isinstance(i, RawArticle) for i in items)
    assert [(i.path, i.record, i.title, i.text) for i in items] == [
        (str(path), 1, "Part 1", PARAGRAPHS[0]),
        (str(path), 3, "Part 2", PARAGRAPHS[1]),
        (str(path), 4, "Part 3", PARAGRAPHS[2]),
    ]


def test_jsonl_bad_lines_are_reported_one_each_and_the_rest_read(tmp_path: Path) -> None:
    """A malformed line, a non-object line and a record without text each give one error naming
    the line; the good records around them are still read."""
    path = _write(
        tmp_path,
        "mixed.jsonl",
        "\n".join(
            [
                json.dumps({"text": PARAGRAPHS[0]}),
                '{"text": "missing the closing quote}',
                '["a", "list", "is", "not", "an", "article"]',
                json.dumps({"title": "A headline and nothing else", "url": "https://x.example"}),
                json.dumps({"body": PARAGRAPHS[1]}),
            ]
        ),
    )
    items = _read(path)
    assert [type(i).__name__ for i in items] == [
        "RawArticle",
        "InputError",
        "InputError",
        "InputError",
        "RawArticle",
    ]
    assert [i.record for i in items] == [1, 2, 3, 4, 5]
    errors = [i for i in items if isinstance(i, InputError)]
    assert str(errors[0]).startswith(f"{path}:2: invalid JSON")
    assert str(errors[1]) == f"{path}:3: record is a JSON list, not an object"
    assert str(errors[2]).startswith(f"{path}:4: record has no article text")
    assert items[4].text == PARAGRAPHS[1]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf\n"])
def test_empty_jsonl_file(tmp_path: Path, content: bytes) -> None:
    """A JSON Lines file with no records is one "empty file" error."""
    path = _write(tmp_path, "nothing.jsonl", content)
    assert str(_one_error(path)) == f"{path}: empty file"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "binary file (a PNG image), not an article"),
        (
            b"%PDF-1.5\n" + b"\n".join(bytes([n]) * 50 for n in range(128, 256)),
            "binary file (a PDF document)",
        ),
        ('{"text": "hello"}\n{"text": "again"}\n'.encode("utf-16"), "JSON Lines must be UTF-8"),
    ],
    ids=["png", "pdf", "utf-16"],
)
def test_jsonl_that_is_not_utf8_text_is_one_error(tmp_path: Path, content: bytes, problem: str) -> None:
    """A binary or UTF-16 file named .jsonl is one error, not one per "line" of garbage."""
    path = _write(tmp_path, "feed.jsonl", content)
    error = _one_error(path)
    assert error.record is None
    assert problem in error.problem


def test_jsonl_overlong_line_is_refused_without_holding_it(tmp_path: Path) -> None:
    """A 20 MB line in a .jsonl.gz (a bomb is one endless line) is one error in bounded memory;
    the next record is still read with its right line number."""
    line = b'{"text": "' + b"a" * (20 * 1024 * 1024) + b'"}\n'
    path = _write(tmp_path, "big.jsonl.gz", gzip.compress(line + b'{"text": "short one"}\n', 1))
    tracemalloc.start()
    try:
        items = _read(path, settings=Settings(max_record_chars=10_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(items) == 2
    assert isinstance(items[0], InputError) and items[0].record == 1
    assert "max_record_chars" in items[0].problem
    assert isinstance(items[1], RawArticle) and (items[1].record, items[1].text) == (2, "short one")
    assert peak < 5 * 1024 * 1024


# --- standard input, sniffing, feeds -----------------------------------------------------------------


def test_stdin_plain_text() -> None:
    """Text on standard input is an article labelled "-"."""
    article = _one_article("-", stdin="\n\n".join(PARAGRAPHS).encode("utf-8"))
    assert (article.path, article.fmt) == ("-", "text")
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_stdin_html_is_sniffed() -> None:
    """An HTML page piped in is recognised and extracted like an .html file."""
    article = _one_article("-", stdin=PAGE.encode("utf-8"))
    assert (article.path, article.fmt, article.outlet) == ("-", "html", "Harbour Gazette")
    assert "<p>" not in article.text and "Lorna Teague" in article.text


def test_stdin_jsonl_is_sniffed() -> None:
    """Several JSON objects, one per line, on stdin are JSON Lines records numbered by line."""
    data = "\n".join(json.dumps({"text": p}) for p in PARAGRAPHS).encode("utf-8")
    items = _read("-", stdin=data)
    assert [(i.path, i.record, i.text) for i in items] == [("-", n, p) for n, p in enumerate(PARAGRAPHS, 1)]


def test_stdin_given_twice_is_read_once(tmp_path: Path) -> None:
    """ "-" twice (a shell glob accident) reads the stream once, not once plus an empty second time."""
    other = _write(tmp_path, "other.txt", PARAGRAPHS[2])
    items = _read("-", other, "-", stdin=PARAGRAPHS[0].encode("utf-8"))
    assert [(i.path, i.text) for i in items] == [("-", PARAGRAPHS[0]), (str(other), PARAGRAPHS[2])]


def test_gzipped_stdin_is_unpacked() -> None:
    """`zcat`-less piping: gzip bytes on stdin are recognised by their magic number."""
    article = _one_article("-", stdin=gzip.compress(PARAGRAPHS[1].encode("utf-8")))
    assert article.text == PARAGRAPHS[1]


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("saved.page", PAGE, "html"),
        ("export.data", json.dumps([{"text": PARAGRAPHS[0]}]), "json"),
        ("dump.out", "\n".join(json.dumps({"text": p}) for p in PARAGRAPHS[:2]), "json"),
        ("notes", PARAGRAPHS[2], "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, name: str, content: str, fmt: str) -> None:
    """A file named on the command line with an unknown suffix is read by what it contains."""
    items = _read(_write(tmp_path, name, content))
    assert items and all(isinstance(i, RawArticle) and i.fmt == fmt for i in items)
    assert "<" not in items[0].text


# --- publication dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-12", dt.date(2025, 3, 12)),
        ("2025-03-12T23:30:00Z", dt.date(2025, 3, 12)),
        ("2025-03-12T06:05:00+05:30", dt.date(2025, 3, 12)),
        ("Wed, 12 Mar 2025 09:15:00 +0000", dt.date(2025, 3, 12)),
        ("Tue, 11 Mar 2025 23:30:00 GMT", dt.date(2025, 3, 11)),
        (1741773600, dt.date(2025, 3, 12)),  # epoch seconds
        (1741773600000, dt.date(2025, 3, 12)),  # epoch milliseconds
        (1741773600.5, dt.date(2025, 3, 12)),
        ("12 March 2025", dt.date(2025, 3, 12)),
        ("March 12, 2025", dt.date(2025, 3, 12)),
        (dt.datetime(2025, 3, 12, 18, 0), dt.date(2025, 3, 12)),
    ],
)
def test_published_formats(value: object, expected: dt.date) -> None:
    """The timestamp shapes that feeds, scrapers and meta tags use all give the calendar date."""
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    ["not a date at all", "yesterday", "3 days ago", "12 March", "Tuesday", "2025-02-30", "", None, True],
)
def test_published_refuses_what_is_not_a_dated_timestamp(value: object) -> None:
    """Garbage, relative dates and dates without a year are None: metadata must name its date."""
    assert parse_published(value) is None


def test_a_copyright_year_is_not_taken_for_a_publication_date(tmp_path: Path) -> None:
    """htmldate's last resort turns "© 2024" into 2024-01-01; markup that says so is still believed."""
    sentence = "The ferry service to the islands resumed on Monday after repairs to the pier. "
    body = f"<article><p>{sentence * 6}</p></article><footer>© 2024 Island Gazette</footer>"
    bare = f"<html><head><title>Ferry back</title></head><body>{body}</body></html>"
    assert _one_article(_write(tmp_path, "bare.html", bare)).published is None
    dated = bare.replace(
        "<title>", '<meta property="article:published_time" content="2024-01-01T08:00:00Z"><title>'
    )
    article = _one_article(_write(tmp_path, "dated.html", dated))
    assert (article.published, article.published_from) == (dt.date(2024, 1, 1), "metadata")
