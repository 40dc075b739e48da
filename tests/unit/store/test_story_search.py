"""Store: searching stories by words and dates, and finding where an input's article went."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import newsfuse
from newsfuse.config import Settings
from newsfuse.ingest import raw_key, read_bytes
from newsfuse.models import RawArticle
from newsfuse.store import open_store
from tests.unit.store.test_store import FIRE, STRIKE, jsonl, record


def test_stories_by_word_and_date_range(tmp_path: Path) -> None:
    feed = jsonl(
        tmp_path,
        "feed.jsonl",
        [
            record("https://a.example/fire", FIRE, "2025-03-12"),
            record("https://b.example/strike", STRIKE, "2025-06-02"),
        ],
    )
    db = tmp_path / "s.db"
    newsfuse.ingest(feed, db)
    with open_store(db, readonly=True) as store:
        assert len(store.stories()) == 2
        (fire,) = store.stories(words=["kessara"])  # case-insensitive, in the text only
        assert store.stories(words=["Kessara", "warehouse"]) == [fire]
        assert store.stories(words=["Kessara", "union"]) == []
        assert store.stories(words=["100%"]) == []  # LIKE wildcards are literal
        assert store.stories(since=dt.date(2025, 5, 1))[0].id != fire.id
        assert store.stories(until=dt.date(2025, 3, 31)) == [fire]
        assert store.stories(since=dt.date(2025, 3, 13), until=dt.date(2025, 5, 31)) == []


def test_the_story_of_an_input_is_found_by_its_raw_hash(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    (raw,) = [
        r for r in read_bytes(FIRE.encode(), "fire.txt", "text", Settings()) if isinstance(r, RawArticle)
    ]
    newsfuse.api.ingest_items([raw], db)
    with open_store(db, readonly=True) as store:
        assert store.story_of_raw(raw_key(raw)) == store.stories()[0].id
        assert store.story_of_raw("0" * 40) is None
