"""`newsfuse brief` over inputs holding two stories: named on stderr, the largest briefed, --all-stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import validate_brief_json
from tests.test_cli import no_traceback, run, stderr_lines
from tests.two_stories import write_stories

FIRE_TITLE = "Fire destroys paint warehouse in Tallowford"
STRIKE_TITLE = "Greyhollow miners walk out over pit safety"


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """A working folder whose `in/` holds three fire reports and two strike reports."""
    write_stories(tmp_path / "in", fire=3, strike=2)
    return tmp_path


def file_names(document: dict[str, Any]) -> list[str]:
    return [Path(s["path"]).name for s in document["sources"]]


def test_several_stories_are_named_on_stderr_and_the_largest_briefed(two: Path) -> None:
    result = run("brief", "in", cwd=two)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 3, lines
    assert lines[0].startswith("newsfuse: these inputs hold 2 stories: briefing the largest")
    assert "--all-stories" in lines[0] and "--one-story" in lines[0]
    assert lines[1].startswith("newsfuse: story 1: 3 articles (briefed): ") and "Tallowford" in lines[1]
    assert lines[2] == f"newsfuse: story 2: 2 articles: {STRIKE_TITLE}"
    brief = result.stdout
    assert brief.startswith("# ") and "Tallowford" in brief.splitlines()[0]
    assert "**Other stories in these inputs**" in brief
    assert f"- {STRIKE_TITLE} · 2 articles: `strike-1.txt`, `strike-2.txt`" in brief
    sources = brief.split("## Sources", 1)[1]
    assert "fire-1.txt" in sources and "strike-1.txt" not in sources


def test_all_stories_writes_one_file_per_story(two: Path, brief_schema: dict[str, Any]) -> None:
    result = run("brief", "in", "--all-stories", "-o", "out.json", cwd=two)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    fire = json.loads((two / "out.json").read_text(encoding="utf-8"))
    strike = json.loads((two / "out-2.json").read_text(encoding="utf-8"))
    assert sorted(p.name for p in two.iterdir()) == ["in", "out-2.json", "out.json"]
    for document in (fire, strike):
        validate_brief_json(document, brief_schema)
    assert file_names(fire) == ["fire-1.txt", "fire-2.txt", "fire-3.txt"]
    assert file_names(strike) == ["strike-1.txt", "strike-2.txt"]
    assert [o["paths"] for o in fire["other_stories"]] == [["in/strike-1.txt", "in/strike-2.txt"]]
    assert [o["title"] for o in strike["other_stories"]] == [FIRE_TITLE]
    lines = stderr_lines(result)
    assert lines[0] == "newsfuse: these inputs hold 2 stories: one brief each"
    assert lines[1].startswith("newsfuse: story 1: 3 articles: ")
    assert lines[2].startswith("newsfuse: story 2: 2 articles: ") and "Greyhollow" in lines[2]
    assert lines[3:] == [
        "newsfuse: wrote out.json (json, story 1, 3 sources)",
        "newsfuse: wrote out-2.json (json, story 2, 2 sources)",
    ]


def test_one_story_briefs_everything_together_quietly(two: Path) -> None:
    result = run("brief", "in", "--one-story", "-o", "-", "--format", "json", cwd=two)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert stderr_lines(result) == []
    document = json.loads(result.stdout)
    assert len(document["sources"]) == 5 and "other_stories" not in document
    assert not (two / "-").exists()


def test_quiet_says_nothing_but_the_brief_still_lists_the_other_story(two: Path) -> None:
    result = run("brief", "-q", "in", "-o", "out.md", cwd=two)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert STRIKE_TITLE in (two / "out.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all-stories"], "--all-stories: needs -o FILE"),
        (["--all-stories", "-o", "-"], "--all-stories: needs -o FILE"),
        (
            ["--all-stories", "--one-story", "-o", "x.md"],
            "--one-story: cannot be combined with --all-stories",
        ),
    ],
)
def test_all_stories_usage_errors(two: Path, args: list[str], message: str) -> None:
    result = run("brief", "in", *args, cwd=two)
    no_traceback(result)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == "" and sorted(p.name for p in two.iterdir()) == ["in"]
