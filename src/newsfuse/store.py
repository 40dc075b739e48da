"""The embedded store: one SQLite file of articles, their revisions and stories. The only SQL.

- WAL journal, foreign keys on, `synchronous=NORMAL`: a reader never blocks the writer nor the
  writer a reader. Each article is one transaction, or each batch of them inside `Store.batch()`
  (ingest writes a chunk at a time) — a process killed at any moment (kill -9) leaves the file as
  it was after the last whole transaction, and a re-run stores the rest.
- Schema version in `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from version n to n+1 and
  runs in the same transaction as the version bump. A file newer than this code is refused.
- Identity: an article with a URL is (canonical URL, content hash): the same pair again changes
  nothing, a new text at a known URL is a new revision that supersedes the old one. An article
  without a URL is its content hash. The hash of the raw input is kept too, so a re-run skips
  known inputs before cleaning them.
- One writer at a time (`Store.writer()`: an advisory lock file, released by the OS even on
  kill -9); any number of readers, in this or other processes.
- Search: an FTS5 index over titles and texts when SQLite has FTS5, else `LIKE` (store_search.py,
  which holds that SQL). Briefs are kept per story and settings, keyed by the story's state and
  the newsfuse version (`stored_brief`, `keep_brief`: store_briefs.py), with what the story list
  shows of them; the list's sorted, filtered page of stories is `listed_stories` (store_list.py).
- Feeds watched, their polling state and their entries (`add_feed`, `feeds`…: store_feeds.py).

    store = open_store("newsfuse.db")
    for story in store.stories(): print(story.id, story.title, len(story.article_ids))
    articles = store.story_articles(story.id)   # current revisions, in publication order
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsfuse import store_search as search
from newsfuse.errors import NewsfuseError, StoreBusyError
from newsfuse.ingest.dates import latest_date, plausible_date
from newsfuse.models import Article, RawArticle, Removal
from newsfuse.store_briefs import BriefFacts as BriefFacts  # re-exported
from newsfuse.store_briefs import KeptBriefs
from newsfuse.store_briefs import StoredBrief as StoredBrief  # re-exported
from newsfuse.store_feeds import FeedRow as FeedRow  # re-exported
from newsfuse.store_feeds import WatchedFeeds
from newsfuse.store_list import ListedRow as ListedRow  # re-exported
from newsfuse.store_list import StoryListing
from newsfuse.store_list import StoryQuery as StoryQuery  # re-exported

DEFAULT_PATH = "newsfuse.db"

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: articles, stories, what grouping needs to resume
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT,
        first_seen TEXT,
        last_seen TEXT,
        articles INTEGER NOT NULL DEFAULT 0,
        merged_into INTEGER REFERENCES stories(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        raw_hash TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        url TEXT,
        revision INTEGER NOT NULL DEFAULT 1,
        superseded_by INTEGER REFERENCES articles(id),
        story_id INTEGER NOT NULL REFERENCES stories(id),
        duplicate_of INTEGER REFERENCES articles(id),
        path TEXT,
        record INTEGER,
        fmt TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        language TEXT NOT NULL,
        published TEXT,
        published_from TEXT,
        text TEXT NOT NULL,
        removed TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (url, revision)
    );
    CREATE UNIQUE INDEX articles_by_url_content ON articles(url, content_hash) WHERE url IS NOT NULL;
    CREATE UNIQUE INDEX articles_by_content ON articles(content_hash) WHERE url IS NULL;
    CREATE INDEX articles_by_raw ON articles(raw_hash);
    CREATE INDEX articles_by_story ON articles(story_id);
    CREATE TABLE grouping (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        vector TEXT NOT NULL,
        keys TEXT NOT NULL,
        minhash BLOB,
        shingles INTEGER NOT NULL
    );
    CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """,
    # 1 -> 2: stories listed by recency; articles by date
    """
    CREATE INDEX stories_by_last_seen ON stories(last_seen);
    CREATE INDEX articles_by_published ON articles(published);
    """,
    # 2 -> 3: briefs kept across restarts, one per story and settings (the full-text index comes
    # with this version too, when SQLite has FTS5: see `store_search.ensure_full_text`)
    """
    CREATE TABLE briefs (
        story_id INTEGER NOT NULL REFERENCES stories(id),
        settings TEXT NOT NULL,
        state TEXT NOT NULL,
        version TEXT NOT NULL,
        brief TEXT NOT NULL,
        conflicts INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (story_id, settings)
    );
    """,
    # 3 -> 4: what the story list shows of a kept brief without reading its JSON (added columns,
    # NULL in a row kept before; filled here from the JSON where it parses, except the key
    # figure's line, which a new brief of the story writes)
    """
    ALTER TABLE briefs ADD COLUMN first_seen TEXT;
    ALTER TABLE briefs ADD COLUMN last_seen TEXT;
    ALTER TABLE briefs ADD COLUMN key_figure TEXT;
    ALTER TABLE briefs ADD COLUMN places TEXT;
    ALTER TABLE briefs ADD COLUMN claims INTEGER;
    ALTER TABLE briefs ADD COLUMN comparisons INTEGER;
    UPDATE briefs SET
        first_seen = json_extract(brief, '$.story.first_seen'),
        last_seen = json_extract(brief, '$.story.last_seen'),
        claims = json_array_length(brief, '$.claims'),
        comparisons = json_array_length(brief, '$.comparisons')
    WHERE json_valid(brief) AND json_type(brief, '$.story') = 'object'
        AND json_type(brief, '$.claims') = 'array' AND json_type(brief, '$.comparisons') = 'array';
    CREATE INDEX articles_by_story_language ON articles(story_id, language);
    """,
    # 4 -> 5: feeds watched and their entries (store_feeds.py): an entry's JSON is kept while pending
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        added TEXT NOT NULL,
        last_checked TEXT,
        next_check TEXT,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        retired INTEGER NOT NULL DEFAULT 0,
        last_status TEXT,
        last_error TEXT,
        last_new INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_entries (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        link TEXT,
        final_url TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'stored', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT NOT NULL,
        entry TEXT,
        PRIMARY KEY (feed_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX feed_entries_pending ON feed_entries(feed_id) WHERE state = 'pending';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_TRACKING = (
    "utm_",
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
    "ref",
    "cmpid",
    "ocid",
    "at_medium",
    "at_campaign",
)


def canonical_url(url: str | None) -> str | None:
    """The URL that identifies an article: no fragment, tracking parameters, `www.` or trailing /."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    path = parts.path.rstrip("/") or "/"
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


@dataclass(frozen=True)
class StoredStory:
    """A story as the store lists it."""

    id: int
    title: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    articles: int  # current revisions, copies included
    updated_at: str

    @property
    def state(self) -> str:
        """Changes whenever an ingest touches the story: what a kept brief of it is keyed by."""
        return f"{self.updated_at}/{self.articles}"


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: the cleaned article plus where the store put it."""

    id: int
    article: Article
    story_id: int
    url: str | None  # canonical
    revision: int
    duplicate_of: int | None
    ingested_at: str


@dataclass(frozen=True)
class Known:
    """What the store already holds for an incoming article."""

    kind: Literal["same", "revision"]
    article_id: int  # the stored article (for a revision: the latest one, which it supersedes)
    revision: int


@dataclass(frozen=True)
class ListedArticle:
    """An article as the story list shows it: where it came from, not its text."""

    id: int
    story_id: int
    path: str | None
    record: int | None
    url: str | None  # canonical
    title: str | None
    published: dt.date | None
    revision: int
    duplicate_of: int | None


@dataclass(frozen=True)
class GroupingRow:
    """What the story grouper stored for one article, to resume after a restart."""

    article_id: int
    story_id: int
    published: dt.date | None
    url: str | None
    vector: dict[str, float]
    keys: list[str]
    minhash: bytes | None
    shingles: int
    language: str | None = None
    duplicate_of: int | None = None  # the original a copy points at (a copy of it will too)
    superseded: bool = False  # an older revision: not indexed for copies


class Store(KeptBriefs, StoryListing, WatchedFeeds):
    """One SQLite file; see the module docstring. Use `open_store(path)`."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._batch: dict[str, float] | None = None  # document frequencies pending in an open batch
        self._batch_seen = 0
        if readonly:
            if not self.path.exists():
                raise NewsfuseError(f"{self.path}: no such store")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self._db = sqlite3.connect(
                uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False
            )
        else:
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            search.ensure_full_text(self._db, self.path)
        elif self.schema_version != SCHEMA_VERSION:
            raise NewsfuseError(
                f"{self.path}: store schema version {self.schema_version}, this newsfuse reads "
                f"{SCHEMA_VERSION}; open it once for writing to migrate"
            )
        self._lock: int | None = None
        # whether searches use the full-text index: this SQLite has FTS5 and the file has the index
        self.full_text = search.fts5_available() and search.has_full_text(self._db)

    # -- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        self._release()
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise NewsfuseError(
                f"{self.path}: store schema version {version} is newer than this newsfuse ({SCHEMA_VERSION})"
            )
        while version < SCHEMA_VERSION:
            with self._transaction() as db:
                if int(db.execute("PRAGMA user_version").fetchone()[0]) != version:
                    break  # another process migrated meanwhile
                for statement in search.sql_statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            version = self.schema_version

    @contextlib.contextmanager
    def batch(self) -> Iterator[Store]:
        """Make every `add` inside one transaction (all or nothing), document frequencies summed."""
        if self._batch is not None:
            yield self
            return
        with self._transaction() as db:
            self._batch, self._batch_seen = {}, 0
            try:
                yield self
                _count_terms(db, self._batch, self._batch_seen)
            finally:
                self._batch = None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self._batch is not None:  # inside a batch: its transaction
            yield self._db
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """Hold the single-writer lock (an advisory lock the OS drops if the process dies)."""
        fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreBusyError(f"{self.path}: another newsfuse process is writing to this store") from None
        self._lock = fd
        try:
            yield self
        finally:
            self._release()

    def _release(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            os.close(self._lock)
            self._lock = None

    # -- reading --------------------------------------------------------------------------------

    def stories(
        self,
        *,
        limit: int | None = None,
        words: Sequence[str] = (),
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[StoredStory]:
        """Current stories (merged ones excluded), most recently active first.

        `words`: each must begin a word (full-text index: case and accents ignored) or, without
        FTS5, occur (case-insensitively for ASCII) in the story's title or in a current article's
        title or text; `since`/`until`: the story's dates overlap the range
        (undated stories are left out when a range is given).
        """
        where, params = ["merged_into IS NULL", "articles > 0"], []
        if since:
            where.append("last_seen >= ?")
            params.append(since.isoformat())
        if until:
            where.append("first_seen <= ?")
            params.append(until.isoformat())
        word_where, word_params = search.word_filters(words, full_text=self.full_text)
        where += word_where
        params += word_params
        rows = self._db.execute(
            "SELECT id, title, first_seen, last_seen, articles, updated_at FROM stories s "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY last_seen IS NULL, last_seen DESC, id DESC" + (" LIMIT ?" if limit else ""),
            (*params, limit) if limit else params,
        ).fetchall()
        return [_story(row) for row in rows]

    def story_of_raw(self, raw_hash: str) -> int | None:
        """The current story of the article stored from an input with this raw hash, if any."""
        row = self._db.execute(
            "SELECT story_id FROM articles WHERE raw_hash = ? ORDER BY id DESC LIMIT 1", (raw_hash,)
        ).fetchone()
        return self.story(row[0]).id if row else None

    def story(self, story_id: int) -> StoredStory:
        """A story by id; the id of a story since merged into another gives that other story."""
        _check_id(story_id)
        for _ in range(1000):
            row = self._db.execute(
                "SELECT id, title, first_seen, last_seen, articles, updated_at, merged_into "
                "FROM stories WHERE id = ?",
                (story_id,),
            ).fetchone()
            if row is None:
                raise KeyError(story_id)
            if row[6] is None:
                return _story(row[:6])
            story_id = row[6]
        raise KeyError(story_id)

    def listed_articles(self, story_ids: Sequence[int]) -> dict[int, list[ListedArticle]]:
        """The current articles of these stories, without their text, each in publication order."""
        found: dict[int, list[ListedArticle]] = {story_id: [] for story_id in story_ids}
        for start in range(0, len(story_ids), 500):
            part = story_ids[start : start + 500]
            rows = self._db.execute(
                "SELECT id, story_id, path, record, url, title, published, revision, duplicate_of "
                f"FROM articles WHERE story_id IN ({', '.join('?' * len(part))}) AND superseded_by IS NULL "
                "ORDER BY published IS NULL, published, id",
                part,
            )
            for r in rows:
                found[r[1]].append(ListedArticle(r[0], r[1], r[2], r[3], r[4], r[5], _date(r[6]), r[7], r[8]))
        return found

    def story_articles(self, story_id: int) -> list[StoredArticle]:
        """The current revision of each article of a story, in publication order (undated last)."""
        story_id = self.story(story_id).id
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id = ? AND superseded_by IS NULL "
            "ORDER BY published IS NULL, published, id",
            (story_id,),
        ).fetchall()
        return [_article(row) for row in rows]

    def article(self, article_id: int) -> StoredArticle:
        _check_id(article_id)
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return _article(row)

    def revisions(self, url: str) -> list[StoredArticle]:
        """Every stored revision of the article at `url`, oldest first."""
        rows = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE url = ? ORDER BY revision",
            (canonical_url(url),),
        ).fetchall()
        return [_article(row) for row in rows]

    def story_fingerprints(self) -> dict[int, list[str]]:
        """The content hashes (`Article.fingerprint`) of every story's current articles: {story id: [...]}."""
        found: dict[int, list[str]] = {}
        for story_id, content_hash in self._db.execute(
            "SELECT story_id, content_hash FROM articles WHERE superseded_by IS NULL"
        ):
            found.setdefault(story_id, []).append(content_hash)
        return found

    def article_stories(self) -> dict[int, int]:
        """The story of every current article: {article id: story id}."""
        return dict(self._db.execute("SELECT id, story_id FROM articles WHERE superseded_by IS NULL"))

    def counts(self) -> dict[str, int]:
        """Articles (current revisions), revisions (all rows), stories (current), copies."""
        one = self._db.execute
        return {
            "articles": one("SELECT count(*) FROM articles WHERE superseded_by IS NULL").fetchone()[0],
            "revisions": one("SELECT count(*) FROM articles").fetchone()[0],
            "stories": one(
                "SELECT count(*) FROM stories WHERE merged_into IS NULL AND articles > 0"
            ).fetchone()[0],
            "copies": one(
                "SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL AND superseded_by IS NULL"
            ).fetchone()[0],
        }

    def check(self) -> list[str]:
        """Integrity problems (empty when the store is consistent): SQLite's checks plus our own."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in self._db.execute("PRAGMA foreign_key_check")]
        bad = self._db.execute(
            "SELECT s.id, s.articles, count(a.id) FROM stories s LEFT JOIN articles a "
            "ON a.story_id = s.id AND a.superseded_by IS NULL GROUP BY s.id HAVING s.articles != count(a.id)"
        ).fetchall()
        problems += [f"story {r[0]} counts {r[1]} articles, holds {r[2]}" for r in bad]
        orphans = self._db.execute(
            "SELECT count(*) FROM articles a LEFT JOIN grouping g ON g.article_id = a.id "
            "WHERE g.article_id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} article(s) without grouping data")
        if self.full_text and not self.readonly:
            problems += search.full_text_problems(self._db)
        return problems

    # -- what ingest asks before writing --------------------------------------------------------

    def has_raw(self, raw_hash: str) -> bool:
        """Whether an input with exactly this raw content (and URL) was stored already."""
        return (
            self._db.execute("SELECT 1 FROM articles WHERE raw_hash = ? LIMIT 1", (raw_hash,)).fetchone()
            is not None
        )

    def find(self, url: str | None, content_hash: str) -> Known | None:
        """The stored article this one is (same), or the one it is a new revision of, or None."""
        url = canonical_url(url)
        if url is None:
            row = self._db.execute(
                "SELECT id, revision FROM articles WHERE url IS NULL AND content_hash = ?", (content_hash,)
            ).fetchone()
            return Known("same", row[0], row[1]) if row else None
        row = self._db.execute(
            "SELECT id, revision FROM articles WHERE url = ? AND content_hash = ?", (url, content_hash)
        ).fetchone()
        if row:
            return Known("same", row[0], row[1])
        row = self._db.execute(
            "SELECT id, revision FROM articles WHERE url = ? ORDER BY revision DESC LIMIT 1", (url,)
        ).fetchone()
        return Known("revision", row[0], row[1]) if row else None

    def grouping_state(
        self, active_days: int, prune_every: int
    ) -> tuple[int, dict[str, float], list[GroupingRow]]:
        """(articles seen, document frequencies, rows of the stories in memory) to resume grouping.

        In memory, as the grouper that stored the articles keeps them (`StoryGrouper.prune`): every
        story but those idle for `active_days` before the latest date at the last prune (after the
        article whose id was the last multiple of `prune_every`) and given no article since.
        """
        seen_row = self._db.execute("SELECT value FROM counters WHERE name = 'seen'").fetchone()
        df = dict(self._db.execute("SELECT term, df FROM term_df").fetchall())
        last_id = self._db.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        pruned_at = last_id - last_id % prune_every
        # the latest plausible date when the grouper last pruned: a stored year 9999 (an older
        # version's row) would make every story look idle
        latest = _date(
            self._db.execute(
                "SELECT max(published) FROM articles WHERE id <= ? AND published <= ?",
                (pruned_at, latest_date().isoformat()),
            ).fetchone()[0]
        )
        horizon = latest - dt.timedelta(days=active_days) if latest else None
        rows = self._grouping_rows(
            "s.merged_into IS NULL AND (s.last_seen IS NULL OR s.last_seen >= ? "
            "OR EXISTS (SELECT 1 FROM articles b WHERE b.story_id = s.id AND b.id > ?))",
            (horizon.isoformat() if horizon else "", pruned_at),
        )
        return int(seen_row[0]) if seen_row else 0, df, rows

    def grouping_rows(self, story_id: int) -> list[GroupingRow]:
        """The grouping rows of one story's articles, in article order (to rebuild it after a merge)."""
        return self._grouping_rows("a.story_id = ?", (story_id,))

    def _grouping_rows(self, where: str, args: tuple[Any, ...]) -> list[GroupingRow]:
        rows = self._db.execute(
            "SELECT a.id, a.story_id, a.published, a.url, g.vector, g.keys, g.minhash, g.shingles, "
            "a.language, a.duplicate_of, a.superseded_by IS NOT NULL "
            "FROM articles a JOIN grouping g ON g.article_id = a.id JOIN stories s ON s.id = a.story_id "
            f"WHERE {where} ORDER BY a.id",
            args,
        ).fetchall()
        return [
            GroupingRow(
                r[0],
                r[1],
                _date(r[2]),
                r[3],
                json.loads(r[4]),
                json.loads(r[5]),
                r[6],
                r[7],
                r[8],
                r[9],
                bool(r[10]),
            )
            for r in rows
        ]

    # -- writing --------------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        *,
        raw_hash: str,
        story_id: int | None,
        merges: Sequence[int] = (),
        duplicate_of: int | None = None,
        supersedes: Known | None = None,
        vector: Mapping[str, float],
        keys: Sequence[str],
        terms: Mapping[str, float],
        minhash: bytes | None,
        shingles: int,
    ) -> tuple[int, int]:
        """Store one article, its story (new when `story_id` is None) and merges: one transaction.

        Returns (article id, story id).
        """
        if self.readonly:
            raise NewsfuseError(f"{self.path}: opened read-only")
        raw = article.raw
        now = _now()
        published = raw.published.isoformat() if raw.published else None
        with self._transaction() as db:
            if story_id is None:
                story_id = db.execute(
                    "INSERT INTO stories (title, first_seen, last_seen, articles, created_at, updated_at) "
                    "VALUES (?, NULL, NULL, 0, ?, ?)",
                    (article.title or _opening(article.text), now, now),
                ).lastrowid
                assert story_id is not None
            for absorbed in merges:
                self._merge(db, absorbed, story_id, now)
            article_id = db.execute(
                "INSERT INTO articles (raw_hash, content_hash, url, revision, story_id, duplicate_of, "
                "path, record, fmt, title, outlet, language, published, published_from, text, removed, "
                "ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    raw_hash,
                    article.fingerprint,
                    canonical_url(raw.url),
                    supersedes.revision + 1 if supersedes else 1,
                    story_id,
                    duplicate_of,
                    raw.path,
                    raw.record,
                    raw.fmt,
                    article.title,
                    raw.outlet,
                    article.language,
                    published,
                    raw.published_from,
                    article.text,
                    json.dumps([[r.text, r.reason, r.rule] for r in article.removed], ensure_ascii=False),
                    now,
                ),
            ).lastrowid
            assert article_id is not None
            if supersedes is not None:
                old_story = db.execute(
                    "UPDATE articles SET superseded_by = ? WHERE id = ? RETURNING story_id",
                    (article_id, supersedes.article_id),
                ).fetchone()[0]
                db.execute("UPDATE stories SET articles = articles - 1 WHERE id = ?", (old_story,))
            db.execute(
                "UPDATE stories SET articles = articles + 1, updated_at = ?, "
                "first_seen = CASE WHEN ? IS NULL THEN first_seen ELSE min(coalesce(first_seen, ?), ?) END, "
                "last_seen = CASE WHEN ? IS NULL THEN last_seen ELSE max(coalesce(last_seen, ?), ?) END "
                "WHERE id = ?",
                (now, published, published, published, published, published, published, story_id),
            )
            db.execute(
                "INSERT INTO grouping (article_id, vector, keys, minhash, shingles) VALUES (?, ?, ?, ?, ?)",
                (
                    article_id,
                    json.dumps({t: round(w, 5) for t, w in vector.items()}, ensure_ascii=False),
                    json.dumps(list(keys), ensure_ascii=False),
                    minhash,
                    shingles,
                ),
            )
            if self._batch is not None:
                for term, weight in terms.items():
                    self._batch[term] = self._batch.get(term, 0.0) + weight
                self._batch_seen += 1
            else:
                _count_terms(db, terms, 1)
        return article_id, story_id

    @staticmethod
    def _merge(db: sqlite3.Connection, absorbed: int, into: int, now: str) -> None:
        row = db.execute(
            "SELECT first_seen, last_seen, articles FROM stories WHERE id = ? AND merged_into IS NULL",
            (absorbed,),
        ).fetchone()
        if row is None or absorbed == into:
            return
        db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, absorbed))
        db.execute("DELETE FROM briefs WHERE story_id = ?", (absorbed,))
        db.execute(
            "UPDATE stories SET merged_into = ?, articles = 0, updated_at = ? WHERE id = ?",
            (into, now, absorbed),
        )
        db.execute(
            "UPDATE stories SET articles = articles + ?, updated_at = ?, "
            "first_seen = CASE WHEN ? IS NULL THEN first_seen ELSE min(coalesce(first_seen, ?), ?) END, "
            "last_seen = CASE WHEN ? IS NULL THEN last_seen ELSE max(coalesce(last_seen, ?), ?) END "
            "WHERE id = ?",
            (row[2], now, row[0], row[0], row[0], row[1], row[1], row[1], into),
        )


def _count_terms(db: sqlite3.Connection, terms: Mapping[str, float], articles: int) -> None:
    """Add to the stored document frequencies and to the count of articles seen.

    Each article adds its terms' weighted counts (title words 2, numbers 0.5: halves and wholes,
    summed exactly in any order), as the story grouper counts them in memory (`StoryGrouper.remember`).
    """
    db.executemany(
        "INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
        terms.items(),
    )
    db.execute(
        "INSERT INTO counters (name, value) VALUES ('seen', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
        (articles,),
    )


def open_store(path: str | os.PathLike[str] = DEFAULT_PATH, *, readonly: bool = False) -> Store:
    """Open (creating or migrating) the store at `path`; `readonly` for a process that only reads."""
    try:
        return Store(path, readonly=readonly)
    except sqlite3.DatabaseError as exc:
        raise NewsfuseError(f"{path}: not a newsfuse store ({exc})") from None


def open_reader(path: str | os.PathLike[str]) -> Store:
    """`path` opened read-only, migrated first (one transaction per version) when it is older than this
    newsfuse: what a command that only reads (`newsfuse stories`, `show`) opens."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        version = SCHEMA_VERSION  # let open_store say what is wrong
    if version < SCHEMA_VERSION and Path(path).exists():
        open_store(path).close()
    return open_store(path, readonly=True)


def _check_id(value: int) -> None:
    """KeyError (no such row) for an id SQLite cannot hold: its integers are 64-bit, Python's are not."""
    if not -(2**63) <= value < 2**63:
        raise KeyError(value)


# --- rows -> objects ----------------------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "id, story_id, url, revision, duplicate_of, ingested_at, content_hash, path, record, fmt, title, "
    "outlet, language, published, published_from, text, removed"
)


def _article(row: Sequence[Any]) -> StoredArticle:
    (id_, story_id, url, revision, duplicate_of, ingested_at, content_hash, path, record, fmt, title) = row[
        :11
    ]
    outlet, language, published, published_from, text, removed_json = row[11:]
    removed = tuple(Removal(text=t, reason=r, rule=u) for t, r, u in json.loads(removed_json))
    raw = RawArticle(
        text=text,
        path=path,
        record=record,
        fmt=fmt,
        title=title,
        url=url,
        outlet=outlet,
        published=_date(published),
        published_from=published_from,
    )
    article = Article(
        raw=raw, text=text, title=title, language=language, removed=removed, fingerprint=content_hash
    )
    return StoredArticle(id_, article, story_id, url, revision, duplicate_of, ingested_at)


def _story(row: Sequence[Any]) -> StoredStory:
    return StoredStory(row[0], row[1], _date(row[2]), _date(row[3]), row[4], row[5])


def _date(value: str | None) -> dt.date | None:
    """A stored date read back; one that is malformed or implausible (`plausible_date`) reads as
    none, so that a bad row written by an older version never breaks the pages showing it."""
    if not value:
        return None
    try:
        return plausible_date(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def _now() -> str:
    # to the microsecond: a story's updated_at keys its kept briefs, so no two changes may share one
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
