"""One story list: `newsfuse stories --json` and `GET /api/stories` give the same JSON for a store."""

from __future__ import annotations

import json
from pathlib import Path

import newsfuse
from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.store import open_store
from newsfuse.web import create_app
from newsfuse.web.app import answer_once
from tests.test_cli import no_traceback, run
from tests.two_stories import write_stories


def test_the_cli_and_the_api_list_the_same_stories(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_stories(folder, fire=3, strike=2)
    (folder / "fire-4-reprint.txt").write_text(
        (folder / "fire-1.txt").read_text(encoding="utf-8") + "\nWharf Weekly\n", encoding="utf-8"
    )
    db = tmp_path / "store.db"
    report = newsfuse.ingest(folder, db)
    assert report.copies == 1
    with open_store(db) as store, store.writer():
        fire = next(s for s in store.stories() if s.articles == 4)
        # a brief kept under the default settings: both lists show its conflicts, current
        store.keep_brief(fire.id, Settings().fingerprint(), fire.state, __version__, "{}", 2)

    result = run("stories", "--json", "--db", str(db), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    from_cli = json.loads(result.stdout)

    status, body = answer_once(create_app(db, warm=False), "/api/stories")
    assert status == 200, body[:300]
    assert json.loads(body) == from_cli

    stories = from_cli["stories"]
    assert [s["articles"] for s in stories] == [len(s["article_list"]) for s in stories] and len(stories) == 2
    (listed,) = [s for s in stories if s["id"] == fire.id]
    assert (listed["conflicts"], listed["conflicts_current"]) == (2, True)
    assert listed["page"] == f"/stories/{fire.id}" and listed["brief"] == f"/api/stories/{fire.id}"
    by_name = {Path(a["path"]).name: a for a in listed["article_list"]}
    assert by_name["fire-4-reprint.txt"]["duplicate_of"] == by_name["fire-1.txt"]["id"]
    assert set(by_name["fire-1.txt"]) == {
        "id", "path", "record", "url", "title", "published", "revision", "duplicate_of"
    }  # fmt: skip
