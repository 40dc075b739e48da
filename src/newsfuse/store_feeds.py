"""The feeds a store watches, their polling state and their entries (mixed into `Store`).

Helper of store.py (tables `feeds` and `feed_entries`, created by its migration 4 -> 5). Every
write is one short transaction of its own, outside the ingest writer lock, so the web app can add
or remove a feed while `newsfuse watch` runs. What makes a watch safe to kill at any moment:

- A feed that answers with entries records its new entries as *pending* (with the entry itself as
  JSON, so a later 304 loses nothing) in the same transaction that saves its new ETag and
  Last-Modified (`feed_fetched`): never a saved ETag whose entries were lost.
- A pending entry's final URL (after redirects) is recorded as soon as its page is fetched,
  before the article is ingested (`entry_fetched`); it is marked *stored* once an article of its
  link or final URL is in the store (`settle_entries`), so a restart fetches it again only when its
  article never reached the store.
- An entry that gave no article is tried again on later polls, then *failed* (`entry_failed`).

Times are UTC ISO 8601 strings to the second (`2026-12-03T14:05:00+00:00`), compared as strings.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from newsfuse.errors import NewsfuseError

FeedStatus = Literal["ok", "not modified", "failed", "retired"]


@dataclass(frozen=True)
class FeedRow:
    """One watched feed and what its last poll gave."""

    id: int
    url: str
    title: str | None
    added: str
    last_checked: str | None
    next_check: str | None  # None: due now
    etag: str | None
    last_modified: str | None
    failures: int  # failed polls in a row
    retired: bool  # answered 410 Gone: not polled until added again
    last_status: str | None  # "ok", "not modified", "failed", "retired"
    last_error: str | None
    last_new: int  # articles added by the last poll
    entries: int  # entries seen so far


@dataclass(frozen=True)
class NewEntry:
    """An entry as a feed gave it: its stable key, its link and the entry itself as JSON."""

    key: str
    link: str | None
    data: str


@dataclass(frozen=True)
class PendingEntry:
    """An entry whose article is not in the store yet."""

    feed_id: int
    key: str
    link: str | None
    final_url: str | None  # recorded once its page was fetched
    attempts: int  # polls that fetched it and got no article
    data: str  # the entry as JSON (`NewEntry.data`)


_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.added, f.last_checked, f.next_check, f.etag, f.last_modified, f.failures, "
    "f.retired, f.last_status, f.last_error, f.last_new, "
    "(SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id)"
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def stamp(when: dt.datetime) -> str:
    """A time as the feed tables keep it."""
    return when.astimezone(dt.UTC).isoformat(timespec="seconds")


class WatchedFeeds:
    """The `feeds` and `feed_entries` tables' reads and writes, mixed into `Store`."""

    path: Path
    readonly: bool
    _db: sqlite3.Connection

    if TYPE_CHECKING:  # Store's: one transaction, or a part of the batch open on this connection

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def _feed_transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One short write transaction."""
        if self.readonly:
            raise NewsfuseError(f"{self.path}: opened read-only")
        return self._transaction()

    # -- the feed list (CLI, web Feeds page) -----------------------------------------------------

    def add_feed(self, url: str, title: str | None = None) -> FeedRow:
        """Watch `url` (idempotent). Adding a feed again makes a retired or failing one due now."""
        url = url.strip()
        with self._feed_transaction() as db:
            db.execute(
                "INSERT INTO feeds (url, title, added) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "title = coalesce(feeds.title, excluded.title), "
                "retired = 0, failures = 0, next_check = CASE WHEN feeds.retired OR feeds.failures "
                "THEN NULL ELSE feeds.next_check END",
                (url, title, stamp(utc_now())),
            )
        row = self._feed_rows("f.url = ?", (url,))
        return row[0]

    def remove_feed(self, feed_id: int) -> bool:
        """Stop watching a feed and forget its state and entries; its stored articles stay."""
        with self._feed_transaction() as db:
            db.execute("DELETE FROM feed_entries WHERE feed_id = ?", (feed_id,))
            return db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,)).rowcount > 0

    def feeds(self) -> list[FeedRow]:
        """Every watched feed, in the order they were added."""
        return self._feed_rows("1", ())

    def feed(self, feed_id: int) -> FeedRow:
        """One feed; KeyError when there is no such feed."""
        rows = self._feed_rows("f.id = ?", (feed_id,)) if -(2**63) <= feed_id < 2**63 else []
        if not rows:
            raise KeyError(feed_id)
        return rows[0]

    def _feed_rows(self, where: str, args: tuple[Any, ...]) -> list[FeedRow]:
        rows = self._db.execute(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE {where} ORDER BY f.id", args)
        return [
            FeedRow(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10], r[11], r[12], r[13]
            )
            for r in rows
        ]

    # -- polling -----------------------------------------------------------------------------------

    def due_feeds(self, now: dt.datetime, *, healthy_too: bool = False) -> list[FeedRow]:
        """Feeds to poll now: not retired, and due (`healthy_too`: or not failing, due or not)."""
        when = "f.next_check IS NULL OR f.next_check <= ?" + (" OR f.failures = 0" if healthy_too else "")
        return self._feed_rows(f"NOT f.retired AND ({when})", (stamp(now),))

    def next_feed_check(self) -> dt.datetime | None:
        """When the next feed is due (a time past or now when one is due already); None: no feed."""
        row = self._db.execute(
            "SELECT count(*), max(next_check IS NULL), min(next_check) FROM feeds WHERE NOT retired"
        ).fetchone()
        if not row[0]:
            return None
        if row[1]:
            return utc_now()
        return dt.datetime.fromisoformat(row[2])

    def feed_fetched(
        self,
        feed_id: int,
        entries: Sequence[NewEntry],
        *,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
        checked: dt.datetime,
        next_check: dt.datetime,
    ) -> int:
        """A poll that got the feed: its unseen entries recorded as pending together with its new
        validators, in one transaction. Returns how many entries were new."""
        now = stamp(checked)
        with self._feed_transaction() as db:
            if not db.execute(
                "UPDATE feeds SET etag = ?, last_modified = ?, title = coalesce(?, title), last_checked = ?, "
                "next_check = ?, failures = 0, last_status = 'ok', last_error = NULL WHERE id = ?",
                (etag, last_modified, title, now, stamp(next_check), feed_id),
            ).rowcount:
                return 0  # removed meanwhile (from the web app)
            before = db.total_changes
            db.executemany(
                "INSERT INTO feed_entries (feed_id, key, link, first_seen, entry) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (feed_id, key) DO NOTHING",
                [(feed_id, e.key, e.link, now, e.data) for e in entries],
            )
            return db.total_changes - before

    def feed_not_modified(self, feed_id: int, *, checked: dt.datetime, next_check: dt.datetime) -> None:
        """A poll answered 304: nothing new."""
        with self._feed_transaction() as db:
            db.execute(
                "UPDATE feeds SET last_checked = ?, next_check = ?, failures = 0, "
                "last_status = 'not modified', last_error = NULL WHERE id = ?",
                (stamp(checked), stamp(next_check), feed_id),
            )

    def feed_failed(
        self, feed_id: int, error: str, *, checked: dt.datetime, backoff: Callable[[int], float]
    ) -> None:
        """A poll that failed: one more failure, next check `backoff(failures)` seconds later."""
        with self._feed_transaction() as db:
            row = db.execute("SELECT failures FROM feeds WHERE id = ?", (feed_id,)).fetchone()
            if row is None:  # removed meanwhile
                return
            failures = row[0] + 1
            later = checked + dt.timedelta(seconds=backoff(failures))
            db.execute(
                "UPDATE feeds SET last_checked = ?, next_check = ?, failures = ?, last_status = 'failed', "
                "last_error = ? WHERE id = ?",
                (stamp(checked), stamp(later), failures, error, feed_id),
            )

    def feed_retired(self, feed_id: int, error: str, *, checked: dt.datetime) -> None:
        """The feed is gone for good (410): not polled again until added again."""
        with self._feed_transaction() as db:
            db.execute(
                "UPDATE feeds SET last_checked = ?, next_check = NULL, retired = 1, last_status = 'retired', "
                "last_error = ? WHERE id = ?",
                (stamp(checked), error, feed_id),
            )

    def feed_new_articles(self, counts: dict[int, int]) -> None:
        """What the last poll added, per feed polled."""
        with self._feed_transaction() as db:
            db.executemany("UPDATE feeds SET last_new = ? WHERE id = ?", [(n, f) for f, n in counts.items()])

    # -- entries -----------------------------------------------------------------------------------

    def pending_entries(self, feed_ids: Iterable[int]) -> list[PendingEntry]:
        """The pending entries of these feeds, oldest first."""
        ids = list(feed_ids)
        if not ids:
            return []
        rows = self._db.execute(
            "SELECT feed_id, key, link, final_url, attempts, coalesce(entry, '{}') FROM feed_entries "
            f"WHERE state = 'pending' AND feed_id IN ({', '.join('?' * len(ids))}) "
            "ORDER BY first_seen, feed_id, key",
            ids,
        )
        return [PendingEntry(*r) for r in rows]

    def entry_fetched(self, feed_id: int, key: str, final_url: str | None) -> None:
        """Its page was fetched (before its article is ingested): where it ended after redirects."""
        with self._feed_transaction() as db:
            db.execute(
                "UPDATE feed_entries SET final_url = ? WHERE feed_id = ? AND key = ?",
                (final_url, feed_id, key),
            )

    def has_article_at(self, url: str | None) -> bool:
        """Whether an article of this URL (canonicalised as the store does) is stored."""
        from newsfuse.store import canonical_url

        canonical = canonical_url(url)
        if canonical is None:
            return False
        row = self._db.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (canonical,)).fetchone()
        return row is not None

    def settle_entries(
        self, entries: Iterable[PendingEntry], *, stored: Iterable[tuple[int, str]] = ()
    ) -> set[tuple[int, str]]:
        """Mark stored the entries whose link or final URL has an article in the store (plus `stored`,
        known stored otherwise): one transaction. Returns their (feed id, key)."""
        done = set(stored)
        for entry in entries:
            if (entry.feed_id, entry.key) not in done and (
                self.has_article_at(entry.final_url) or self.has_article_at(entry.link)
            ):
                done.add((entry.feed_id, entry.key))
        if done:
            with self._feed_transaction() as db:
                db.executemany(
                    "UPDATE feed_entries SET state = 'stored', entry = NULL "
                    "WHERE feed_id = ? AND key = ? AND state = 'pending'",
                    sorted(done),
                )
        return done

    def entry_failed(self, feed_id: int, key: str, *, max_attempts: int) -> bool:
        """One more poll gave this entry no article; after `max_attempts`, it is given up (True)."""
        with self._feed_transaction() as db:
            row = db.execute(
                "UPDATE feed_entries SET attempts = attempts + 1, "
                "state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE state END, "
                "entry = CASE WHEN attempts + 1 >= ? THEN NULL ELSE entry END "
                "WHERE feed_id = ? AND key = ? AND state = 'pending' RETURNING state",
                (max_attempts, max_attempts, feed_id, key),
            ).fetchone()
        return row is not None and row[0] == "failed"

    # -- what a poll added -------------------------------------------------------------------------

    def last_article_id(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])

    def stories_since(self, article_id: int) -> set[int]:
        """The stories (as they are now, merges followed) of the articles stored after `article_id`."""
        rows = self._db.execute(
            "SELECT DISTINCT s.id FROM articles a JOIN stories s ON s.id = a.story_id WHERE a.id > ?",
            (article_id,),
        )
        return {r[0] for r in rows}
