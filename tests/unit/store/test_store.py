"""The store: identity, revisions, migrations, stories and merges, read-only access."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import newsfuse
from newsfuse.errors import NewsfuseError
from newsfuse.store import MIGRATIONS, SCHEMA_VERSION, canonical_url, open_store

FIRE = (
    "Fourteen people were killed when a chemical warehouse exploded in the port of Kessara late on "
    "Tuesday, the regional fire service said. Mayor Ilse Varga ordered the evacuation of residents "
    "living near the Kessara port. The Valdonia fire brigade fought the blaze through the night."
)
STRIKE = (
    "Rail workers in Valdonia extended their strike into a second week on Monday after talks with the "
    "Ministry of Transport collapsed. Union leader Petra Holm said drivers would stay out until wages rose."
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def record(url: str, text: str, published: str | None = None) -> str:
    return json.dumps({"url": url, "text": text, "published": published})


def jsonl(folder: Path, name: str, records: list[str]) -> Path:
    path = folder / name
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    return path


def test_the_same_article_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    article = write(tmp_path, "fire.txt", FIRE)
    first = newsfuse.ingest(article, db)
    again = newsfuse.ingest(article, db)
    assert (first.added, again.added, again.unchanged) == (1, 0, 1)
    with open_store(db) as store:
        assert store.counts() == {"articles": 1, "revisions": 1, "stories": 1, "copies": 0}
        assert store.check() == []


def test_a_changed_text_at_the_same_url_is_a_new_revision(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    old = record("https://www.example.org/fire/?utm_source=x", FIRE)
    new = record("https://example.org/fire", FIRE + " Two more bodies were found.")
    newsfuse.ingest(jsonl(tmp_path, "a.jsonl", [old]), db)
    report = newsfuse.ingest(jsonl(tmp_path, "b.jsonl", [new]), db)
    assert (report.added, report.revisions) == (1, 1)
    with open_store(db) as store:
        revisions = store.revisions("https://example.org/fire")
        assert [r.revision for r in revisions] == [1, 2]
        assert store.counts()["articles"] == 1  # the old revision is superseded
        (story,) = store.stories()
        assert [a.revision for a in store.story_articles(story.id)] == [2]
        assert store.check() == []


def test_canonical_urls_drop_tracking_and_fragments() -> None:
    assert (
        canonical_url("HTTP://WWW.Example.org/a/b/?utm_medium=x&id=3#top") == "https://example.org/a/b?id=3"
    )
    assert canonical_url("  ") is None


def test_a_reprint_is_a_copy_in_its_original_story(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    records = [
        record("https://wire.example/1", FIRE, "2025-03-12"),
        record("https://rail.example/2", STRIKE, "2025-03-12"),
        record("https://coast.example/3", FIRE + " Coastal Times", "2025-03-13"),
    ]
    report = newsfuse.ingest(jsonl(tmp_path, "feed.jsonl", records), db)
    assert (report.added, report.copies, report.new_stories) == (3, 1, 2)
    with open_store(db) as store:
        fire = next(s for s in store.stories() if "Kessara" in store.story_articles(s.id)[0].article.text)
        articles = store.story_articles(fire.id)
        assert [a.url for a in articles] == ["https://wire.example/1", "https://coast.example/3"]
        assert articles[1].duplicate_of == articles[0].id
        assert (fire.first_seen, fire.last_seen) == (
            articles[0].article.raw.published,
            articles[1].article.raw.published,
        )
        brief = newsfuse.brief_story(fire.id, store)
    assert [s.duplicate_of for s in brief.sources] == [None, "s1"]


def test_migrations_bring_an_old_file_up_to_date(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        names = {r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "stories_by_last_seen" in names


def test_a_newer_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewsfuseError, match="newer"):
        open_store(db)


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with (
        open_store(db) as first,
        open_store(db) as second,
        first.writer(),
        pytest.raises(NewsfuseError, match="another newsfuse process"),
        second.writer(),
    ):
        pass


def test_read_only_access_and_missing_stories(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    newsfuse.ingest(write(tmp_path, "fire.txt", FIRE), db)
    with open_store(db, readonly=True) as store:
        (story,) = store.stories()
        assert store.story(story.id) == story
        with pytest.raises(KeyError):
            store.story(story.id + 100)
    with pytest.raises(NewsfuseError):
        open_store(tmp_path / "absent.db", readonly=True)
    with pytest.raises(newsfuse.NoArticlesError):
        newsfuse.brief_story(story.id + 100, db)
