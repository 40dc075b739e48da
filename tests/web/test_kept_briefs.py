"""Briefs kept in the store: a second app on the same file serves them without briefing again;
a changed story, other settings, another version or a damaged row are briefed afresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI

import newsfuse
from newsfuse.config import Settings
from newsfuse.store import open_store
from newsfuse.web import answer_once, create_app
from newsfuse.web.app import WebState
from tests.unit.store.test_store import FIRE, jsonl, record

OTHER_COUNT = FIRE.replace("Fourteen people were killed", "Eleven people were killed").replace(
    "late on Tuesday", "on Tuesday evening"
)
LATER = (
    "Investigators in Kessara said on Thursday that the warehouse explosion began in a store of "
    "fertiliser. Mayor Ilse Varga said the port would reopen on Monday after the Valdonia fire "
    "brigade had checked every berth."
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kept.db"
    records = [
        record("https://wire.example/fire", FIRE, "2025-03-12"),
        record("https://herald.example/fire", OTHER_COUNT, "2025-03-12"),
    ]
    newsfuse.ingest(jsonl(tmp_path, "feed.jsonl", records), path)
    return path


def story_id(db: Path) -> int:
    with open_store(db, readonly=True) as store:
        (story,) = store.stories()
    return story.id


def get(app: FastAPI, target: str) -> bytes:
    # answer_once works under the running loop the session's Playwright keeps in this thread
    status, body = answer_once(app, target)
    assert status == 200, body[:300]
    return body


def cache(app: FastAPI) -> WebState:
    state: WebState = app.state.web
    return state


def test_a_second_app_serves_the_kept_brief_without_briefing(db: Path) -> None:
    first = create_app(db, warm=False)
    sid = story_id(db)
    body = get(first, f"/api/stories/{sid}")
    assert (cache(first).briefs.computed, cache(first).briefs.kept) == (1, 1)

    second = create_app(db, warm=False)  # a restart: nothing in memory
    listed = json.loads(get(second, "/api/stories"))["stories"]
    conflicts = sum(1 for c in json.loads(body)["comparisons"] if c["verdict"] == "conflict")
    assert [(s["conflicts"], s["conflicts_current"]) for s in listed] == [(conflicts, True)]
    assert get(second, f"/api/stories/{sid}") == body
    assert (cache(second).briefs.computed, cache(second).briefs.loaded) == (0, 1)


def test_a_story_that_changed_is_briefed_again(db: Path, tmp_path: Path) -> None:
    sid = story_id(db)
    get(create_app(db, warm=False), f"/api/stories/{sid}")
    newsfuse.ingest(jsonl(tmp_path, "later.jsonl", [record("https://wire.example/later", LATER)]), db)
    assert story_id(db) == sid  # the new article joined the story

    app = create_app(db, warm=False)
    (listed,) = json.loads(get(app, "/api/stories"))["stories"]
    assert listed["conflicts"] is not None and not listed["conflicts_current"]  # the kept one, stale
    brief = json.loads(get(app, f"/api/stories/{sid}"))
    assert len(brief["sources"]) == 3
    assert (cache(app).briefs.computed, cache(app).briefs.loaded) == (1, 0)
    (listed,) = json.loads(get(create_app(db, warm=False), "/api/stories"))["stories"]
    assert listed["conflicts_current"]  # the new brief was kept in its place


def test_other_settings_never_reuse_a_kept_brief(db: Path) -> None:
    sid = story_id(db)
    get(create_app(db, warm=False), f"/api/stories/{sid}")
    other = create_app(db, Settings(summary_words=40), warm=False)
    (listed,) = json.loads(get(other, "/api/stories"))["stories"]
    assert listed["conflicts"] is None  # that brief was made with other settings
    get(other, f"/api/stories/{sid}")
    assert (cache(other).briefs.computed, cache(other).briefs.loaded) == (1, 0)


@pytest.mark.parametrize(
    "damage",
    ['UPDATE briefs SET brief = \'{"schema_version": "1", "story"\'', "UPDATE briefs SET version = '0.0.1'"],
    ids=["corrupt-json", "older-version"],
)
def test_a_damaged_or_older_kept_brief_is_briefed_again(db: Path, damage: str) -> None:
    sid = story_id(db)
    good = get(create_app(db, warm=False), f"/api/stories/{sid}")
    with open_store(db) as store, store.writer():
        store._db.execute(damage)
    app = create_app(db, warm=False)
    assert get(app, f"/stories/{sid}").lower().startswith(b"<!doctype html>")
    assert get(app, f"/api/stories/{sid}") == good
    assert (cache(app).briefs.computed, cache(app).briefs.loaded, cache(app).briefs.kept) == (1, 0, 1)


def test_a_busy_writer_lock_skips_keeping_without_waiting(db: Path) -> None:
    sid = story_id(db)
    app = create_app(db, warm=False)
    with open_store(db) as other_writer, other_writer.writer():  # as if an ingest were running
        get(app, f"/api/stories/{sid}")
    assert (cache(app).briefs.computed, cache(app).briefs.kept, cache(app).briefs.not_kept) == (1, 0, 1)
    with open_store(db, readonly=True) as store:
        assert store.stored_brief(sid, Settings().fingerprint()) is None
