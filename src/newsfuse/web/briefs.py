"""Briefs of stored stories, computed once and kept: briefing a story runs spaCy for seconds.

- Key: (story id, the story's `updated_at`, its article count). Any ingest that touches a story
  changes `updated_at`, so a stale brief is never served; old keys simply age out of the LRU.
- Once under concurrency: a lock per key, so ten requests for an unbriefed story run the pipeline
  once and the other nine wait for its result. One spaCy run at a time in the process (the
  machine's cores are better spent on one brief than shared by several).
- Kept in the store too (its `briefs` table, through story_briefs.py: the one cache of briefs
  `newsfuse show` uses as well): a memory miss reads the kept brief of the story when it is of
  the same state, settings (`Settings.fingerprint()`) and newsfuse version, so a restarted server
  (or a second one on the same file) serves it without briefing again. A brief just computed is
  kept with the list's facts in one short transaction under the writer lock; when another process
  holds the lock the brief is not kept (never a wait). A kept brief that does not parse is
  ignored and computed again. The list reads the kept facts, and `known` for newer ones here.
- The warmer (a daemon thread) briefs the stories the list shows, newest first, so that the
  list's dates, key figures and badges fill in without a click. A story it fails to brief is
  logged (logger "newsfuse.web", with the story id and the traceback) and it goes on.
"""

from __future__ import annotations

import gzip
import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from newsfuse.api import brief_story
from newsfuse.config import Settings
from newsfuse.errors import NewsfuseError
from newsfuse.models import Brief
from newsfuse.store import StoredStory, open_store
from newsfuse.story_briefs import keep, kept_brief
from newsfuse.story_list import conflict_count as conflict_count  # re-exported

log = logging.getLogger("newsfuse.web")

BriefKey = tuple[int, str, int]
DEFAULT_CACHE_SIZE = 64


def brief_key(story: StoredStory) -> BriefKey:
    return (story.id, story.updated_at, story.articles)


class BriefCache:
    """An LRU of briefs by `brief_key`; `get` computes a missing one exactly once."""

    def __init__(self, db_path: Path, settings: Settings, size: int = DEFAULT_CACHE_SIZE) -> None:
        self.db_path, self.settings, self.size = db_path, settings, size
        self._briefs: OrderedDict[BriefKey, Brief] = OrderedDict()
        self._derived: dict[tuple[BriefKey, str], Rendered] = {}  # page, JSON: dropped with the brief
        self._latest: dict[int, Brief] = {}  # the last brief of each story id, for badges
        self._lock = threading.Lock()  # guards the dicts
        self._pending: dict[BriefKey, threading.Lock] = {}
        self._compute = threading.Lock()  # one spaCy run at a time
        self.settings_key = settings.fingerprint()
        self.computed = 0  # briefs computed since start (tests and the load bench read it)
        self.loaded = 0  # briefs read from the store instead
        self.kept = 0  # briefs written to the store
        self.not_kept = 0  # computed but not written: another process held the writer lock

    def peek(self, story: StoredStory) -> Brief | None:
        """The brief if it is cached, without computing anything."""
        with self._lock:
            return self._briefs.get(brief_key(story))

    def latest(self, story_id: int) -> Brief | None:
        """The most recent brief computed for a story, possibly of an earlier state of it."""
        with self._lock:
            return self._latest.get(story_id)

    def get(self, story: StoredStory) -> Brief:
        key = brief_key(story)
        with self._lock:
            if key in self._briefs:
                self._briefs.move_to_end(key)
                return self._briefs[key]
            key_lock = self._pending.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._briefs:
                    return self._briefs[key]
            try:
                result = self._load(story)
                if result is None:
                    with self._compute:
                        result = brief_story(story.id, self.db_path, settings=self.settings)
                    self._keep(story, result)
                    computed = True
                else:
                    computed = False
            except BaseException:
                with self._lock:
                    self._pending.pop(key, None)
                raise
            with self._lock:
                self._pending.pop(key, None)
                self.computed += computed
                self.loaded += not computed
                self._briefs[key] = result
                self._latest[story.id] = result
                while len(self._briefs) > self.size:
                    dropped, _ = self._briefs.popitem(last=False)
                    for derived in [d for d in self._derived if d[0] == dropped]:
                        del self._derived[derived]
        return result

    def known(self, story: StoredStory) -> tuple[Brief, bool] | None:
        """The brief in memory of this story as it is now (True) or, failing that, of an earlier
        state of it (False); None when there is none (`story_list.Memory`)."""
        exact = self.peek(story)
        if exact is not None:
            return exact, True
        latest = self.latest(story.id)
        return (latest, False) if latest is not None else None

    def _load(self, story: StoredStory) -> Brief | None:
        """The kept brief of this very state, settings and version; None if absent or unreadable."""
        try:
            with open_store(self.db_path, readonly=True) as store:
                return kept_brief(store, story, self.settings_key)
        except (NewsfuseError, sqlite3.Error):
            return None

    def _keep(self, story: StoredStory, brief: Brief) -> None:
        """Write the brief to the store if no other process is writing; never wait, never fail."""
        kept = keep(self.db_path, story, self.settings_key, brief)
        with self._lock:
            self.kept += kept
            self.not_kept += not kept

    def peek_rendered(self, story: StoredStory, what: str) -> Rendered | None:
        """The rendered page or JSON if it is kept, without computing anything (an async view's
        fast path: no thread for a page already made)."""
        with self._lock:
            return self._derived.get((brief_key(story), what))

    def rendered(self, story: StoredStory, what: str, make: Callable[[Brief], str]) -> Rendered:
        """`make(brief)` (a page, the JSON), made once per state of the story like the brief itself,
        kept encoded and gzipped: a story page is asked for far more often than it changes."""
        key = (brief_key(story), what)
        with self._lock:
            if key in self._derived:
                return self._derived[key]
        done = Rendered.of(make(self.get(story)))  # two first requests may both render: harmless, it is pure
        with self._lock:
            if key[0] in self._briefs:
                self._derived[key] = done
        return done


@dataclass(frozen=True)
class Rendered:
    """A rendered page or document, as UTF-8 and gzipped once (the page with its charts is ~140 KB)."""

    body: bytes
    gzipped: bytes

    @classmethod
    def of(cls, text: str) -> Rendered:
        body = text.encode("utf-8")
        return cls(body, gzip.compress(body, compresslevel=6, mtime=0))

    def response(self, request: Request, media_type: str) -> Response:
        """The gzipped body to a client that accepts gzip (browsers, httpx), the plain one otherwise."""
        headers = {"Vary": "Accept-Encoding"}
        if accepts_gzip(request.headers.get("accept-encoding", "")):
            headers["Content-Encoding"] = "gzip"
            return Response(self.gzipped, media_type=media_type, headers=headers)
        return Response(self.body, media_type=media_type, headers=headers)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding header admits gzip ("gzip, br", "*;q=0.5"; not "gzip;q=0")."""
    weights: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        name, *params = (p.strip() for p in part.split(";"))
        weight = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    weight = float(param[2:])
                except ValueError:
                    weight = 0.0
        if name:
            weights[name] = weight
    return weights.get("gzip", weights.get("*", 0.0)) > 0


class Warmer:
    """A daemon thread that briefs the newest uncached stories, then sleeps until `wake()`."""

    def __init__(self, cache: BriefCache, *, interval_s: float = 60.0) -> None:
        self.cache, self.interval_s = cache, interval_s
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.on_error: Callable[[int, Exception], None] | None = None  # called after the log line
        self.failed = 0  # stories it could not brief since start

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="newsfuse-brief-warmer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Ask the thread to stop; wait a moment only: a brief in progress (tens of seconds) must not
        hold up a server's shutdown on SIGTERM, and the daemon thread ends with the process."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=1)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self.warm_once()
            self._wake.wait(self.interval_s)

    def warm_once(self) -> None:
        """Brief the newest stories not in memory; a failure is logged and the next story briefed."""
        try:
            with open_store(self.cache.db_path, readonly=True) as store:
                newest = store.stories(limit=self.cache.size)
        except Exception:  # the store is being created or migrated: try again later
            log.warning("brief warmer: cannot list the stories of %s", self.cache.db_path, exc_info=True)
            return
        for story in newest:
            if self._stop.is_set():
                return
            if self.cache.peek(story) is None:
                try:
                    self.cache.get(story)
                except Exception as exc:  # one bad story must not stop the others
                    self.failed += 1
                    log.error("brief warmer: story %d could not be briefed", story.id, exc_info=exc)
                    if self.on_error:
                        self.on_error(story.id, exc)
