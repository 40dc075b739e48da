"""What the world sends, checked at the readers' boundary: deep or huge JSON, lone surrogates, file
names that are not UTF-8, looping links and unreadable entries in folders, dates at the ends of the
calendar. Each bad input is one InputError (or, for a date, a note), never an exception."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest import read_bytes, read_inputs
from newsfuse.ingest.dates import EARLIEST_DATE, latest_date, parse_published, plausible_date
from newsfuse.ingest.records import MAX_JSON_DEPTH, MAX_JSON_DIGITS, JsonLimitError, load_json
from newsfuse.models import RawArticle, display_safe

TEXT = (
    "The ferry between Orlen and Vask ran aground on Monday morning near the outer buoy. "
    "All forty passengers were brought ashore by lifeboat crews, the port office said."
)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def read(*paths: Path | str) -> list[RawArticle | InputError]:
    return list(read_inputs([str(p) for p in paths], Settings()))


def articles(items: list[RawArticle | InputError]) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def errors(items: list[RawArticle | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- JSON limits --------------------------------------------------------------------------------


def test_load_json_refuses_nesting_beyond_the_limit_without_recursion_error() -> None:
    deep = "[" * 1500 + "]" * 1500
    with pytest.raises(JsonLimitError, match="nested too deep"):
        load_json(deep)
    ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(ok) is not None
    with pytest.raises(JsonLimitError):
        load_json("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1))


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = json.dumps({"text": "[" * 5000 + ' \\" {{{ ' + "{" * 3000})
    assert load_json(text)["text"].startswith("[[[")


def test_load_json_refuses_huge_integers_with_a_plain_message() -> None:
    with pytest.raises(JsonLimitError, match=rf"5,000 digits, over the limit of {MAX_JSON_DIGITS}"):
        load_json('{"n": ' + "7" * 5000 + "}")
    assert load_json('{"n": -' + "7" * MAX_JSON_DIGITS + "}")["n"] < 0
    assert load_json('{"n": 1e999999}')["n"] == float("inf")  # a float saturates: nothing to refuse


def test_deep_and_huge_json_files_are_one_error_each_and_the_good_file_survives(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 1500 + "]" * 1500, encoding="utf-8")
    (tmp_path / "deepobj.json").write_text('{"a":' * 1200 + "1" + "}" * 1200, encoding="utf-8")
    (tmp_path / "huge.json").write_text('{"text": "' + TEXT + '", "n": ' + "9" * 5000 + "}", encoding="utf-8")
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    items = read(
        tmp_path / "deep.json", tmp_path / "deepobj.json", tmp_path / "huge.json", tmp_path / "good.txt"
    )
    problems = [str(e) for e in errors(items)]
    assert len(problems) == 3, problems
    assert "nested too deep" in problems[0] and "nested too deep" in problems[1]
    assert "5,000 digits" in problems[2] and "4300" not in problems[2]
    assert [a.path for a in articles(items)] == [str(tmp_path / "good.txt")]


def test_a_bad_jsonl_line_costs_only_that_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": TEXT, "title": "first"}),
        "[" * 2000 + "]" * 2000,
        '{"text": "x", "views": ' + "1" * 4400 + "}",
        json.dumps({"text": TEXT, "title": "last"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    assert [a.title for a in articles(items)] == ["first", "last"]
    assert [(e.record, "too deep" in e.problem or "digits" in e.problem) for e in errors(items)] == [
        (2, True),
        (3, True),
    ]


def test_deep_json_on_standard_input_or_unnamed_bytes_is_one_error() -> None:
    items = list(read_bytes(("[" * 3000 + "]" * 3000).encode(), "upload", None, Settings()))
    assert len(items) == 1 and isinstance(items[0], InputError) and "too deep" in items[0].problem


# --- lone surrogates ----------------------------------------------------------------------------


def test_display_safe_replaces_every_lone_surrogate() -> None:
    assert display_safe("a\ud800b\udc00c\udcff") == "a\ufffdb\ufffdc\ufffd"
    assert display_safe("plain é 😀") == "plain é 😀"


def test_raw_article_fields_never_hold_a_surrogate() -> None:
    raw = RawArticle(text="t\ud800", path="p\udcff.txt", title="x\udc00", url="u\ud801", outlet="o\udfff")
    for value in (raw.text, raw.path, raw.title, raw.url, raw.outlet):
        assert value is not None
        value.encode("utf-8")  # would raise on a surrogate
        assert "\ufffd" in value


def test_surrogate_escapes_in_json_records_are_replaced(tmp_path: Path) -> None:
    record = (
        '{"title": "Ferry \\ud800 aground", "text": "' + TEXT + ' \\udc00", "url": "https://x.test/\\ud83d"}'
    )
    (tmp_path / "one.json").write_text(record, encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(record + "\n" + record + "\n", encoding="utf-8")
    (tmp_path / "page.json").write_text('{"html": "<html><body><p>' + TEXT + '\\ud800</p></body></html>"}')
    items = read(tmp_path / "one.json", tmp_path / "many.jsonl", tmp_path / "page.json")
    assert not errors(items), errors(items)
    found = articles(items)
    assert len(found) == 4
    for raw in found:
        for value in (raw.text, raw.title, raw.url):
            if value:
                value.encode("utf-8")
    assert found[0].title == "Ferry \ufffd aground"
    # a valid pair of escapes is one character, not two replacements
    assert load_json('"\\ud83d\\ude00"') == "😀"


def test_surrogates_in_json_keys_and_nested_values_are_replaced() -> None:
    data = load_json('{"k\\udc00": [{"v": "\\ud800"}]}')
    assert data == {"k\ufffd": [{"v": "\ufffd"}]}


# --- file names that are not UTF-8 ----------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_by_its_bytes_and_shown_safely(tmp_path: Path) -> None:
    raw_name = os.fsencode(tmp_path) + b"/bad\xff name.txt"
    with open(raw_name, "wb") as fh:
        fh.write(TEXT.encode())
    broken = os.fsencode(tmp_path) + b"/cut\xfe.json"
    with open(broken, "wb") as fh:
        fh.write(b'{"text": ')
    # as given on a command line, and as found in a folder
    for items in (read(os.fsdecode(raw_name), os.fsdecode(broken)), read(tmp_path)):
        (article,) = articles(items)
        assert article.path is not None and article.path.endswith("bad\ufffd name.txt")
        assert article.text.startswith("The ferry")
        (problem,) = errors(items)
        assert problem.path.endswith("cut\ufffd.json")
        str(problem).encode("utf-8")


# --- folder walks -------------------------------------------------------------------------------


def test_a_folder_with_link_loops_is_walked_with_one_error_per_bad_link(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("..", folder / "sub" / "up")  # a loop through a folder link: not followed
    os.symlink(folder, folder / "again")
    os.symlink("self.txt", folder / "self.txt")  # a link to itself
    os.symlink("nowhere.txt", folder / "gone.txt")  # a broken link
    os.symlink("a.txt", folder / "alias.txt")  # a good link to a file is read
    items = read(folder)
    assert sorted(Path(a.path or "").name for a in articles(items)) == ["a.txt", "alias.txt", "b.txt"]
    problems = {Path(e.path).name: e.problem for e in errors(items)}
    assert set(problems) == {"self.txt", "gone.txt"}
    assert "symbolic links" in problems["self.txt"]


def test_a_given_path_that_loops_is_one_error(tmp_path: Path) -> None:
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (problem,) = read(tmp_path / "loop.txt")
    assert isinstance(problem, InputError) and "symbolic links" in problem.problem


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")
def test_unreadable_entries_are_one_error_each_and_the_rest_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(TEXT, encoding="utf-8")
    (folder / "secret.txt").write_text(TEXT, encoding="utf-8")
    (folder / "open.txt").write_text(TEXT, encoding="utf-8")
    (folder / "locked").chmod(0)
    (folder / "secret.txt").chmod(0)
    try:
        items = read(folder)
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "secret.txt").chmod(0o644)
    assert [Path(a.path or "").name for a in articles(items)] == ["open.txt"]
    problems = {Path(e.path).name: e.problem for e in errors(items)}
    assert problems == {"locked": "permission denied", "secret.txt": "permission denied"}


# --- plausible dates ------------------------------------------------------------------------------


def test_plausible_date_is_1900_to_a_year_ahead() -> None:
    today = dt.date(2026, 5, 1)
    assert plausible_date(dt.date(1900, 1, 1), today) == EARLIEST_DATE
    assert plausible_date(dt.date(1899, 12, 31), today) is None
    assert plausible_date(dt.date(2027, 5, 1), today) == dt.date(2027, 5, 1)
    assert plausible_date(latest_date(today) + dt.timedelta(days=1), today) is None
    assert plausible_date(dt.date.max) is None and plausible_date(dt.date.min) is None
    assert plausible_date(None) is None


def test_parse_published_never_raises_on_huge_numbers() -> None:
    assert parse_published(10**400) is None
    assert parse_published(float("inf")) is None
    assert parse_published(float("nan")) is None
    assert parse_published("Tue, 0" + "9" * 22 + " Mar 2025 10:00:00 GMT") is None  # OverflowError before
    assert parse_published("4 March " + "9" * 24 + " 10:00") is None


def test_prose_dates_need_a_year_standing_alone_and_read_in_the_packs_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dateparser

    asked: list[object] = []
    real = dateparser.parse
    monkeypatch.setattr(
        dateparser, "parse", lambda *a, **k: asked.append(k.get("languages")) or real(*a, **k)
    )
    assert parse_published("99999-01-01T00:00:00Z") is None  # no year: dateparser is not asked
    assert parse_published("sale 123456 items") is None
    assert asked == []
    assert parse_published("le 3 mars 2024") == dt.date(2024, 3, 3)
    assert parse_published("12 марта 2024 г.") == dt.date(2024, 3, 12)
    assert asked and all(langs and "en" in langs for langs in asked)  # never every locale dateparser has


@pytest.mark.parametrize(
    "value", ["9999-12-31", "0001-01-01", "1899-12-31T10:00:00Z", "Fri, 31 Dec 3999 10:00:00 +0000"]
)
def test_a_far_publication_date_is_dropped_with_a_note_and_the_article_kept(
    tmp_path: Path, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "far.json"
    path.write_text(json.dumps({"title": "Ferry", "published": value, "text": TEXT}), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        (raw,) = read(path)
    assert isinstance(raw, RawArticle)
    assert raw.published is None and raw.published_from is None
    (note,) = [r.getMessage() for r in caplog.records]
    assert note.startswith(f"{path}: publication date ") and "read as undated" in note


def test_a_plausible_date_is_kept_without_a_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "near.json"
    path.write_text(json.dumps({"published": "2024-02-29", "text": TEXT}), encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        (raw,) = read(path)
    assert isinstance(raw, RawArticle) and raw.published == dt.date(2024, 2, 29)
    assert not caplog.records


def test_far_dates_in_front_matter_and_html_are_dropped_too(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(f"---\ntitle: Ferry\ndate: 9999-01-01\n---\n\n{TEXT}\n", encoding="utf-8")
    page = (
        '<html><head><meta property="article:published_time" content="0001-01-01T00:00:00Z">'
        f"<title>Ferry</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    )
    (tmp_path / "b.html").write_text(page, encoding="utf-8")
    found = articles(read(tmp_path / "a.md", tmp_path / "b.html"))
    assert len(found) == 2 and all(a.published is None for a in found)


def test_web_uploads_read_through_read_bytes_get_the_same_guard(caplog: pytest.LogCaptureFixture) -> None:
    body = json.dumps([{"text": TEXT, "published": "9999-12-31", "title": "\ud800"}]).encode()
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        (raw,) = list(read_bytes(body, "request.json", "json", Settings()))
    assert isinstance(raw, RawArticle) and raw.published is None and raw.title == "\ufffd"
    assert len(caplog.records) == 1


def test_a_folder_the_walk_cannot_list_is_one_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `chmod 000` does to a sub-folder for an ordinary user, made to happen for root too."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(TEXT, encoding="utf-8")
    (folder / "open.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read(folder)
    assert [Path(a.path or "").name for a in articles(items)] == ["open.txt"]
    (problem,) = errors(items)
    assert problem.path == os.path.join(str(folder), "locked") and problem.problem == "permission denied"


def test_warc_dates_at_the_ends_of_the_calendar(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A crawl date of year 9999 is ignored (the page's own date stands); a page date of year 1 is
    dropped with a note; neither overflows comparing the two."""
    from tests.unit.ingest.test_warc import Archive, page

    archive = Archive()
    archive.response("https://news.example/1", page(1).encode(), date="9999-12-31T23:00:00Z")
    archive.response(
        "https://news.example/2", page(2, dated="0001-01-01").encode(), date="0001-01-01T00:00:00Z"
    )
    archive.response("https://news.example/3", page(3, dated="9999-12-31").encode())
    path = tmp_path / "far.warc.gz"
    path.write_bytes(archive.bytes())
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        items = read(path)
    assert not errors(items), errors(items)
    assert [a.published for a in articles(items)] == [dt.date(2025, 3, 14), None, dt.date(2025, 3, 15)]
