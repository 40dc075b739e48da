"""Paper cuts a user hit on the command line: output names, story ids, a mistyped store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_cli import no_traceback, run, stderr_lines

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbour-fire"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("-o", "brief.pdf"), ".pdf"),
        (("-o", "brief.docx"), ".docx"),
        (("-f", "json", "-o", "brief.md"), "--format asks for json"),
    ],
)
def test_an_output_name_that_does_not_say_what_it_holds_is_refused(
    tmp_path: Path, args: tuple[str, ...], named: str
) -> None:
    (tmp_path / "a.txt").write_text("Quarry road reopens\n\nThe quarry road reopened on Monday.\n")
    result = run("brief", "a.txt", *args, cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 2
    assert named in result.stderr and "brief." in result.stderr
    assert not list(tmp_path.glob("brief*"))  # refused before any work: nothing written


def test_a_name_without_suffix_takes_the_format_asked_for() -> None:
    from newsfuse.cli import _format

    assert _format("html", Path("brief")) == "html" and _format(None, Path("brief")) == "md"
    assert _format(None, Path("b.HTM")) == "html" and _format("markdown", Path("b.md")) == "md"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    shutil.copytree(EXAMPLE, folder / "in")
    result = run("ingest", "--db", "s.db", "-q", "in", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_show_takes_the_id_a_brief_prints_as_well_as_the_number(store: Path) -> None:
    """The id a brief of these very articles prints (`story_id` of their fingerprints) finds story 1."""
    from newsfuse.consolidate import story_id
    from newsfuse.store import open_store

    with open_store(store / "s.db", readonly=True) as opened:
        brief_id = story_id(opened.story_fingerprints()[1])
        articles = opened.story(1).articles
    by_brief_id = run(
        "show", brief_id.upper().replace("STORY-", "story-"), "--db", "s.db", "-q", "-f", "json", cwd=store
    )
    assert by_brief_id.returncode == 0, by_brief_id.stderr
    shown = json.loads(by_brief_id.stdout)
    assert shown["story"]["id"] == brief_id and len(shown["sources"]) == articles


@pytest.mark.parametrize(
    ("ref", "says"),
    [("story-0123456789", "no stored story is story-0123456789"), ("fire", "'fire' is not a story id")],
)
def test_show_names_what_is_wrong_with_an_id(store: Path, ref: str, says: str) -> None:
    result = run("show", ref, "--db", "s.db", cwd=store)
    no_traceback(result)
    assert result.returncode == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and says in lines[0] and "s.db" in lines[0], lines


def test_serve_refuses_a_store_that_does_not_exist_unless_asked_to_create_it(tmp_path: Path) -> None:
    result = run("serve", "--db", "typo.db", "--get", "/api/stories", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 1
    assert "typo.db: no such store" in result.stderr and "--create" in result.stderr
    assert not (tmp_path / "typo.db").exists()
    created = run("serve", "--db", "new.db", "--create", "--get", "/api/stories", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["stories"] == []
    assert (tmp_path / "new.db").exists()
