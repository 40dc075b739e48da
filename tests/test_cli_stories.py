"""`newsfuse brief` over inputs holding two stories: named on stderr, the largest briefed, --all-stories;
`newsfuse stories`: the story list sorted, filtered and paged as the web app's, as text, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsfuse.web import answer_once, create_app
from tests.conftest import validate_brief_json
from tests.list_store import ListStore, build_list_store
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


# --- `newsfuse stories`: the list's sort, filters, paging and CSV, as the web app gives them --------


@pytest.fixture(scope="module")
def listed(tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    return build_list_store(tmp_path_factory.mktemp("cli-list"))


def stories_json(listed: ListStore, *args: str) -> dict[str, Any]:
    result = run("stories", "--db", str(listed.db), "--json", *args, cwd=listed.db.parent)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize(
    ("args", "api", "order"),
    [
        ([], "", ["strike", "usine", "fire", "lighthouse"]),
        (["--sort", "earliest"], "sort=earliest", ["fire", "usine", "strike", "lighthouse"]),
        (["--sort", "sources"], "sort=sources", ["fire", "strike", "usine", "lighthouse"]),
        (["--sort", "conflicts", "--lang", "en"], "sort=conflicts&lang=en", ["fire", "strike", "lighthouse"]),
        (
            ["--since", "2025-04-01", "--until", "2025-12-31"],
            "since=2025-04-01&until=2025-12-31",
            ["strike", "usine"],
        ),
        (["--place", "tallowford"], "place=tallowford", ["fire"]),
        (["--conflict", "no"], "conflict=no", ["strike", "usine"]),
        (["--words", "miners"], "q=miners", ["strike"]),
        (["-n", "2", "--offset", "1"], "limit=2&offset=1", ["usine", "fire"]),
    ],
)
def test_stories_sorts_filters_and_pages_as_the_api(
    listed: ListStore, args: list[str], api: str, order: list[str]
) -> None:
    document = stories_json(listed, *args)
    assert [s["id"] for s in document["stories"]] == [getattr(listed, name) for name in order]
    status, body = answer_once(create_app(listed.db, warm=False), f"/api/stories?{api}")
    assert status == 200 and json.loads(body) == document


def test_stories_prints_one_line_a_story_and_says_where_more_are(listed: ListStore) -> None:
    result = run("stories", "--db", str(listed.db), "-n", "3", cwd=listed.db.parent)
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and lines[0].split()[0] == str(listed.strike)
    (fire,) = [line for line in lines if line.split()[0] == str(listed.fire)]
    assert "2025-03-03 → 2025-03-05" in fire and "2 conflicts" in fire
    assert fire.endswith("[killed 2 (county fire service, 5 Mar)]") and " 3 src " in fire
    (usine,) = [line for line in lines if line.split()[0] == str(listed.usine)]
    assert "2025-04-08 → 2025-04-09" in usine and "no figures" in usine
    assert stderr_lines(result) == ["newsfuse: 4 stories in all: --offset 3 for more"]


def test_stories_as_csv(listed: ListStore) -> None:
    result = run("stories", "--db", str(listed.db), "--csv", "--sort", "earliest", cwd=listed.db.parent)
    no_traceback(result)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:2] == ["id", "title"] and len(rows) == 5
    assert rows[4][1].startswith("'=HYPERLINK(")  # a formula-looking title is made text


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--sort", "loudest"], "--sort"),
        (["--since", "yesterday"], "--since"),
        (["--conflict", "maybe"], "--conflict"),
        (["--csv", "--json"], "--csv"),
    ],
)
def test_stories_usage_errors(listed: ListStore, args: list[str], hint: str) -> None:
    result = run("stories", "--db", str(listed.db), *args, cwd=listed.db.parent)
    no_traceback(result)
    assert result.returncode == 2 and hint in result.stderr and result.stdout == ""
