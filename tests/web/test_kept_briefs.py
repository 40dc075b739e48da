"""Briefs kept in the store: a second app on the same file serves them without briefing again;
a changed story, other settings, another version or a damaged row are briefed afresh; an old
store is migrated without losing a row; `newsfuse show` uses the same kept briefs; the warmer
logs a story it cannot brief and goes on."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest
from fastapi import FastAPI

import newsfuse
from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.models import Brief, Story
from newsfuse.store import MIGRATIONS, SCHEMA_VERSION, StoryQuery, open_store
from newsfuse.web import answer_once, create_app
from newsfuse.web import briefs as web_briefs
from newsfuse.web.state import WebState
from tests.test_cli import no_traceback, run
from tests.two_stories import write_stories
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
    # the list still shows what the brief in memory says; a second app, without it, does not
    brief = json.loads(get(app, f"/api/stories/{sid}"))
    (listed,) = json.loads(get(app, "/api/stories"))["stories"]
    conflicts = sum(1 for c in brief["comparisons"] if c["verdict"] == "conflict")
    assert (listed["conflicts"], listed["conflicts_current"]) == (conflicts, True)
    assert listed["claims"] == len(brief["claims"]) and listed["figures"] != "not briefed"
    (listed,) = json.loads(get(create_app(db, warm=False), "/api/stories"))["stories"]
    assert (listed["conflicts"], listed["figures"]) == (None, "not briefed")


# --- an old store, `newsfuse show` and the warmer -------------------------------------------------

OLD_BRIEF = json.dumps(
    {
        "schema_version": "1",
        "story": {
            "id": "story-x",
            "title": "Quay fire",
            "first_seen": "2025-02-01",
            "last_seen": "2025-02-03",
        },
        "claims": [{"id": "c1"}, {"id": "c2"}, {"id": "c3"}],
        "comparisons": [{"verdict": "agree"}],
    }
)


def old_store(path: Path) -> Path:
    """A store as newsfuse wrote it at schema version 3 (before the list's facts were kept): two
    stories of one undated article each, both briefed; the second brief's JSON damaged."""
    with sqlite3.connect(path) as db:
        for script in MIGRATIONS[:3]:
            db.executescript(script)
        db.execute("PRAGMA user_version = 3")
        now = "2025-02-04T10:00:00.000000+00:00"
        for n, text in enumerate(
            ["A fire broke out on the quay.", "The ferry was cancelled again."], start=1
        ):
            db.execute(
                "INSERT INTO stories (id, title, first_seen, last_seen, articles, created_at, updated_at) "
                "VALUES (?, ?, NULL, NULL, 1, ?, ?)",
                (n, text, now, now),
            )
            db.execute(
                "INSERT INTO articles (id, raw_hash, content_hash, story_id, path, fmt, language, text, "
                "removed, ingested_at) VALUES (?, ?, ?, ?, ?, 'text', 'en', ?, '[]', ?)",
                (n, f"raw{n}", f"content{n}", n, f"in/{n}.txt", text, now),
            )
            db.execute(
                "INSERT INTO grouping (article_id, vector, keys, minhash, shingles) "
                "VALUES (?, '{}', '[]', NULL, 0)",
                (n,),
            )
        settings = Settings().fingerprint()
        for story_id, brief, conflicts in [(1, OLD_BRIEF, 0), (2, '{"story": {', 1)]:
            db.execute(
                "INSERT INTO briefs (story_id, settings, state, version, brief, conflicts, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (story_id, settings, f"{now}/1", __version__, brief, conflicts, now),
            )
    return path


def test_an_old_store_is_migrated_and_its_kept_briefs_still_read(tmp_path: Path) -> None:
    db = old_store(tmp_path / "old.db")
    with sqlite3.connect(db) as raw:
        before = raw.execute("SELECT story_id, brief, conflicts FROM briefs ORDER BY story_id").fetchall()

    result = run("stories", "--json", "--db", str(db), cwd=tmp_path)  # a reader: migrates first
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    first, second = sorted(json.loads(result.stdout)["stories"], key=lambda s: s["id"])
    # filled from the kept JSON: the undated story is dated by its brief, its figures were compared
    assert (first["first_seen"], first["last_seen"], first["dated_by"]) == (
        "2025-02-01",
        "2025-02-03",
        "brief",
    )
    assert (first["claims"], first["comparisons"], first["figures"]) == (3, 1, "agree")
    # the damaged row: kept as it was, its conflicts still shown
    assert (second["conflicts"], second["figures"], second["first_seen"]) == (1, "conflict", None)

    with open_store(db, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION and store.check() == []
        after = store._db.execute(
            "SELECT story_id, brief, conflicts FROM briefs ORDER BY story_id"
        ).fetchall()
        assert after == before  # nothing lost or changed
        assert store.counts()["stories"] == 2


def test_show_reads_the_kept_brief_and_keeps_the_ones_it_makes(db: Path, tmp_path: Path) -> None:
    sid = story_id(db)
    result = run("show", str(sid), "--db", str(db), "-f", "json", "-q", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    made = Brief.model_validate_json(result.stdout)
    with open_store(db, readonly=True) as store:
        (row,) = store.listed_stories(StoryQuery(), Settings().fingerprint())[0]
        kept = store.stored_brief(sid, Settings().fingerprint())
    assert kept is not None and kept.brief is not None
    assert Brief.model_validate_json(kept.brief) == made
    assert row.facts is not None and row.facts.claims == len(made.claims)
    assert row.facts.comparisons == len(made.comparisons) and row.facts.key_figure
    assert row.facts.key_figure.startswith("killed")

    # the next `show` reads it: a kept brief that says something else proves it was not made again
    other = made.model_copy(
        update={"story": made.story.model_copy(update={"title": "Kept, not briefed again"})}
    )
    with open_store(db) as store, store.writer():
        story = store.story(sid)
        store.keep_brief(sid, Settings().fingerprint(), story.state, __version__, other.to_json(), 0)
    again = run("show", str(sid), "--db", str(db), "-f", "json", "-q", cwd=tmp_path)
    assert json.loads(again.stdout)["story"]["title"] == "Kept, not briefed again"
    status, body = answer_once(create_app(db, warm=False), f"/api/stories/{sid}")  # the web: the same cache
    assert status == 200 and json.loads(body)["story"]["title"] == "Kept, not briefed again"


def test_the_warmer_logs_a_failed_brief_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "two.db"
    newsfuse.ingest(write_stories(tmp_path / "in", fire=1, strike=1), db)
    with open_store(db) as store, store.writer():
        failing, kept = store.stories()  # the warmer briefs the newest first: `failing`, then `kept`
        brief = Brief(story=Story(id="story-k", title="kept", first_seen=None, last_seen=None), sources=[])
        store.keep_brief(kept.id, Settings().fingerprint(), kept.state, __version__, brief.to_json(), 0)

    def fails(story_id: int, *args: object, **kwargs: object) -> Brief:
        raise RuntimeError(f"analysis broke on story {story_id}")

    monkeypatch.setattr(web_briefs, "brief_story", fails)
    cache = web_briefs.BriefCache(db, Settings())
    warmer = web_briefs.Warmer(cache)
    errors: list[int] = []
    warmer.on_error = lambda story_id, exc: errors.append(story_id)
    with caplog.at_level(logging.ERROR, logger="newsfuse.web"):
        warmer.warm_once()
    (record,) = [r for r in caplog.records if r.name == "newsfuse.web"]
    assert f"story {failing.id} could not be briefed" in record.getMessage()
    assert record.exc_info is not None and "analysis broke" in str(record.exc_info[1])
    assert errors == [failing.id] and warmer.failed == 1
    assert cache.peek(kept) == brief and cache.peek(failing) is None  # it went on to the next story
