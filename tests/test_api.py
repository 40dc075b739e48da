"""The library front door: newsfuse.brief() as a user calls it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import newsfuse
from newsfuse.errors import InputError

ARTICLE = (
    "Port reopens after warehouse fire\n\n"
    "The port of Kessara reopened to freight on Friday, three days after a warehouse fire, "
    "officials said.\n\n"
    "Ships queued outside the harbour overnight while inspectors checked the damaged quay."
)


def test_accepts_a_path_a_string_or_a_list(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for given in (tmp_path, str(tmp_path), [tmp_path / "a.txt"]):
        brief = newsfuse.brief(given)  # type: ignore[arg-type]
        assert [s.title for s in brief.sources] == ["Port reopens after warehouse fire"]
        assert brief.story.title == "Port reopens after warehouse fire"
        assert brief.pending_sections == []
        assert brief.claims == [] and brief.timeline == []
        assert [s.sources for s in brief.summary] == [["s1"], ["s1"]]


def test_bad_inputs_are_reported_and_listed_while_good_ones_are_briefed(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "A short record about the port."}\n{oops\n', encoding="utf-8"
    )
    seen: list[InputError] = []
    brief = newsfuse.brief(tmp_path, on_problem=seen.append, group=False)  # the short record is not a story
    assert len(brief.sources) == 2
    assert sorted(e.where for e in seen) == sorted(str(tmp_path / n) for n in ("empty.txt", "feed.jsonl:2"))
    assert [s.path for s in brief.skipped] == [e.where for e in seen]


def test_nothing_readable_raises(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(newsfuse.NoArticlesError, match="no article could be read"):
        newsfuse.brief(tmp_path)
    with pytest.raises(newsfuse.NoArticlesError):
        newsfuse.brief([])


def test_an_article_that_is_only_junk_is_a_problem_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "junk.txt").write_text("Leave a Reply\nShare this article\nGetty Images\n", encoding="utf-8")
    seen: list[InputError] = []
    brief = newsfuse.brief(tmp_path, on_problem=seen.append)
    assert len(brief.sources) == 1
    assert [e.problem for e in seen] == ["no article text left once page junk was removed"]


def test_standard_input(tmp_path: Path) -> None:
    brief = newsfuse.brief(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-16")))
    assert brief.sources[0].path == "-"
    assert "reopened to freight" in brief.sources[0].text


def test_story_id_depends_on_content_not_order_or_names(tmp_path: Path) -> None:
    other = ARTICLE.replace("Friday", "Saturday")
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2.txt").write_text(other, encoding="utf-8")
    first = newsfuse.brief([tmp_path / "1.txt", tmp_path / "2.txt"])
    second = newsfuse.brief([tmp_path / "2.txt", tmp_path / "1.txt"])
    assert first.story.id == second.story.id
    assert [s.path for s in first.sources] != [s.path for s in second.sources]
