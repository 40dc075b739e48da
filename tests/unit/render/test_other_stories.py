"""The note on the other stories of a brief's inputs: titles, article counts, file names, all escaped."""

from __future__ import annotations

import json
import re

from newsfuse.models import Brief, OtherStory
from newsfuse.render.common import FILES_SHOWN, file_name, other_story_lines
from tests.unit.render.briefs import toll_brief

EVIL = '<script>alert("x")</script> **Kilnmoor** [x](javascript:alert(1))'


def with_others() -> Brief:
    others = [
        OtherStory(
            title="Ferry strike halts Quillon crossings",
            paths=[
                "/home/ana/desk/in/ferry-1.txt",
                "/home/ana/desk/in/ferry-2.txt",
                "C:\\Users\\ana\\ferry-3.md",
            ],
        ),
        OtherStory(title=EVIL, paths=["/srv/feeds/wire.jsonl:4", "/srv/feeds/wire.jsonl:9", "-"]),
    ]
    return toll_brief().model_copy(update={"other_stories": others})


def test_file_names_never_full_paths() -> None:
    assert file_name("/home/ana/desk/in/ferry-1.txt") == "ferry-1.txt"
    assert file_name("C:\\Users\\ana\\ferry-3.md") == "ferry-3.md"
    assert file_name("/srv/feeds/wire.jsonl:4") == "wire.jsonl:4"
    assert file_name("-") == "standard input"
    assert file_name("plain.txt") == "plain.txt"


def test_lines_count_articles_and_cap_the_files_named() -> None:
    paths = [f"/data/in/report-{n}.txt" for n in range(FILES_SHOWN + 3)]
    brief = toll_brief().model_copy(
        update={"other_stories": [OtherStory(title="  Long\n story ", paths=paths)]}
    )
    (line,) = other_story_lines(brief)
    assert (line.title, line.articles, line.more_files) == ("Long story", FILES_SHOWN + 3, 3)
    assert line.files == [f"report-{n}.txt" for n in range(FILES_SHOWN)]


def test_markdown_note_names_titles_counts_and_file_names_only() -> None:
    text = with_others().to_markdown()
    head = text.split("## ", 1)[0]  # the note sits under the title, before any section
    assert "**Other stories in these inputs**" in head
    assert (
        "- Ferry strike halts Quillon crossings · 3 articles: `ferry-1.txt`, `ferry-2.txt`, `ferry-3.md`"
        in head
    )
    assert "/home/ana" not in text and "Users" not in text and "/srv/feeds" not in text
    assert "`wire.jsonl:4`, `wire.jsonl:9`, `standard input`" in head
    assert not re.search(r"(?<!\\)<script>", text) and "[x](javascript:" not in text
    assert "\\<script>" in head and "\\*\\*Kilnmoor\\*\\*" in head and "\\[x\\](javascript:" in head


def test_html_note_escapes_text_and_shows_file_names_only() -> None:
    page = with_others().to_html()
    note = re.search(r'<aside class="other-stories".*?</aside>', page, re.S)
    assert note is not None
    assert "Ferry strike halts Quillon crossings · 3 articles" in note.group(0)
    assert "<code>ferry-1.txt</code>, <code>ferry-2.txt</code>, <code>ferry-3.md</code>" in note.group(0)
    assert "/home/ana" not in page and "Users" not in page and "/srv/feeds" not in page
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in note.group(0)


def test_no_other_stories_no_note_and_no_json_field() -> None:
    brief = toll_brief()
    assert "Other stories" not in brief.to_markdown()
    assert "other-stories" not in brief.to_html().split("</style>", 1)[1]
    assert "other_stories" not in json.loads(brief.to_json())


def test_json_lists_other_stories_with_the_paths_as_given() -> None:
    document = json.loads(with_others().to_json())
    assert document["other_stories"][0] == {
        "title": "Ferry strike halts Quillon crossings",
        "paths": [
            "/home/ana/desk/in/ferry-1.txt",
            "/home/ana/desk/in/ferry-2.txt",
            "C:\\Users\\ana\\ferry-3.md",
        ],
    }
    assert Brief.model_validate_json(with_others().to_json()) == with_others()
