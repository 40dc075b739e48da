"""The store's feeds: the list, each feed's polling state, entries pending until their article is
stored, and the 4 -> 5 migration keeping what a version-4 file held."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import newsfuse
from newsfuse.store import MIGRATIONS, SCHEMA_VERSION, open_store
from newsfuse.store_feeds import NewEntry

T0 = dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)


def _entry(key: str, link: str | None = None) -> NewEntry:
    return NewEntry(key, link, f'{{"key": "{key}", "title": "Entry {key}"}}')


def test_adding_listing_and_removing_feeds(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        first = store.add_feed(" https://wire.example/feed.xml ", "Wire")
        again = store.add_feed("https://wire.example/feed.xml")
        second = store.add_feed("https://coast.example/atom")
        assert again == first
        assert (first.url, first.title, first.failures, first.retired, first.entries) == (
            "https://wire.example/feed.xml",
            "Wire",
            0,
            False,
            0,
        )
        assert first.next_check is None and first.last_status is None
        assert [f.id for f in store.feeds()] == [first.id, second.id]
        assert store.feed(second.id).url == "https://coast.example/atom"
        assert store.remove_feed(first.id) is True
        assert store.remove_feed(first.id) is False
        gone = store.feed_fetched(  # a poll answering after the feed was removed (web app) records nothing
            first.id, [_entry("a")], etag=None, last_modified=None, title=None, checked=T0, next_check=T0
        )
        assert gone == 0
        with pytest.raises(KeyError):
            store.feed(first.id)
        with pytest.raises(KeyError):
            store.feed(2**70)
        assert [f.id for f in store.feeds()] == [second.id]


def test_new_entries_are_recorded_with_the_validators_and_counted_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        feed = store.add_feed("https://wire.example/feed.xml")
        later = T0 + dt.timedelta(minutes=10)
        new = store.feed_fetched(
            feed.id,
            [_entry("a", "https://wire.example/a"), _entry("b", "https://wire.example/b")],
            etag='"v1"',
            last_modified="Thu, 05 Mar 2026 11:00:00 GMT",
            title="The Wire",
            checked=T0,
            next_check=later,
        )
        assert new == 2
        row = store.feed(feed.id)
        assert (row.etag, row.last_modified, row.title, row.last_status, row.entries) == (
            '"v1"',
            "Thu, 05 Mar 2026 11:00:00 GMT",
            "The Wire",
            "ok",
            2,
        )
        assert row.next_check == "2026-03-05T12:10:00+00:00"
        again = store.feed_fetched(
            feed.id,
            [_entry("b", "https://wire.example/b"), _entry("c")],
            etag='"v2"',
            last_modified=None,
            title=None,
            checked=later,
            next_check=later,
        )
        assert again == 1
        pending = store.pending_entries([feed.id])
        assert [(p.key, p.link, p.attempts) for p in pending] == [
            ("a", "https://wire.example/a", 0),
            ("b", "https://wire.example/b", 0),
            ("c", None, 0),
        ]
        assert store.feed(feed.id).title == "The Wire"  # a feed without a title keeps the one known


def test_failures_back_off_and_a_retired_feed_waits_to_be_added_again(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        feed = store.add_feed("https://wire.example/feed.xml")
        waits: list[int] = []

        def backoff(failures: int) -> float:
            waits.append(failures)
            return 600.0 * 2**failures

        store.feed_failed(feed.id, "HTTP 404 Not Found", checked=T0, backoff=backoff)
        store.feed_failed(feed.id, "HTTP 404 Not Found", checked=T0, backoff=backoff)
        row = store.feed(feed.id)
        assert waits == [1, 2]
        assert (row.failures, row.last_status, row.last_error) == (2, "failed", "HTTP 404 Not Found")
        assert row.next_check == "2026-03-05T12:40:00+00:00"
        assert store.due_feeds(T0 + dt.timedelta(minutes=39)) == []
        assert store.due_feeds(T0 + dt.timedelta(minutes=39), healthy_too=True) == []
        assert [f.id for f in store.due_feeds(T0 + dt.timedelta(minutes=40))] == [feed.id]
        store.feed_not_modified(feed.id, checked=T0, next_check=T0 + dt.timedelta(minutes=10))
        assert store.feed(feed.id).failures == 0
        assert [f.id for f in store.due_feeds(T0, healthy_too=True)] == [feed.id]  # --once asks it anyway

        store.feed_retired(feed.id, "HTTP 410 Gone: the feed is retired", checked=T0)
        assert store.feed(feed.id).retired and store.feed(feed.id).last_status == "retired"
        assert store.due_feeds(T0 + dt.timedelta(days=400), healthy_too=True) == []
        assert store.next_feed_check() is None
        revived = store.add_feed("https://wire.example/feed.xml")
        assert (revived.retired, revived.failures, revived.next_check) == (False, 0, None)
        assert store.next_feed_check() is not None


def test_entries_are_settled_by_the_stored_article_of_their_link_or_final_url(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    page = tmp_path / "moved.jsonl"
    page.write_text(
        '{"url": "https://wire.example/2026/moved?utm_source=feed", "title": "Harbour crane collapses", '
        '"text": "A harbour crane collapsed on Tuesday in Velmora. '
        'Nobody was hurt, the port authority said."}\n'
    )
    newsfuse.ingest([page], db)
    with open_store(db) as store:
        feed = store.add_feed("https://wire.example/feed.xml")
        store.feed_fetched(
            feed.id,
            [_entry("moved", "https://wire.example/m?id=1"), _entry("other", "https://wire.example/o")],
            etag=None,
            last_modified=None,
            title=None,
            checked=T0,
            next_check=T0,
        )
        store.entry_fetched(feed.id, "moved", "https://www.wire.example/2026/moved/")
        pending = store.pending_entries([feed.id])
        assert store.settle_entries(pending) == {(feed.id, "moved")}
        assert [p.key for p in store.pending_entries([feed.id])] == ["other"]
        assert [store.entry_failed(feed.id, "other", max_attempts=3) for _ in range(4)] == [
            False,
            False,
            True,
            False,
        ]
        assert store.pending_entries([feed.id]) == []
        states = dict(store._db.execute("SELECT key, state FROM feed_entries").fetchall())
        assert states == {"moved": "stored", "other": "failed"}
        assert store.remove_feed(feed.id)
        assert store._db.execute("SELECT count(*) FROM feed_entries").fetchone()[0] == 0
        assert store.counts()["articles"] == 1  # forgetting a feed keeps its articles
        assert store.check() == []


def test_migration_from_version_4_keeps_the_stored_articles(tmp_path: Path) -> None:
    db = tmp_path / "v4.db"
    page = tmp_path / "a.jsonl"
    page.write_text(
        '{"url": "https://wire.example/a", "title": "Bridge reopens", '
        '"text": "The old bridge in Karsk reopened on Monday after two years of repairs, '
        'the council said."}\n'
    )
    newsfuse.ingest([page], db)
    with sqlite3.connect(db) as conn:  # back to what version 4 held
        conn.execute("DROP TABLE feed_entries")
        conn.execute("DROP TABLE feeds")
        conn.execute("PRAGMA user_version = 4")
    with open_store(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        assert store.counts()["articles"] == 1
        assert store.feeds() == []
        assert store.add_feed("https://wire.example/feed.xml").id == 1
        assert store.check() == []
    assert "CREATE TABLE feeds" in MIGRATIONS[4]
    with open_store(db, readonly=True) as reader:
        assert [f.url for f in reader.feeds()] == ["https://wire.example/feed.xml"]
        with pytest.raises(newsfuse.NewsfuseError, match="read-only"):
            reader.add_feed("https://coast.example/feed")
