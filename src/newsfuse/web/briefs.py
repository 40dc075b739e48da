"""Briefs of stored stories, computed once and kept: briefing a story runs spaCy for seconds.

- Key: (story id, the story's `updated_at`, its article count). Any ingest that touches a story
  changes `updated_at`, so a stale brief is never served; old keys simply age out of the LRU.
- Once under concurrency: a lock per key, so ten requests for an unbriefed story run the pipeline
  once and the other nine wait for its result. One spaCy run at a time in the process (the
  machine's cores are better spent on one brief than shared by several).
- In memory only: a restarted server briefs again. The warmer (a daemon thread) briefs the stories
  the list shows, newest first, so that the list's conflict badges fill in without a click.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from newsfuse.api import brief_story
from newsfuse.config import Settings
from newsfuse.models import Brief
from newsfuse.store import StoredStory, open_store

BriefKey = tuple[int, str, int]
DEFAULT_CACHE_SIZE = 64


def brief_key(story: StoredStory) -> BriefKey:
    return (story.id, story.updated_at, story.articles)


class BriefCache:
    """An LRU of briefs by `brief_key`; `get` computes a missing one exactly once."""

    def __init__(self, db_path: Path, settings: Settings, size: int = DEFAULT_CACHE_SIZE) -> None:
        self.db_path, self.settings, self.size = db_path, settings, size
        self._briefs: OrderedDict[BriefKey, Brief] = OrderedDict()
        self._derived: dict[tuple[BriefKey, str], str] = {}  # rendered page, JSON: dropped with the brief
        self._latest: dict[int, Brief] = {}  # the last brief of each story id, for badges
        self._lock = threading.Lock()  # guards the dicts
        self._pending: dict[BriefKey, threading.Lock] = {}
        self._compute = threading.Lock()  # one spaCy run at a time
        self.computed = 0  # briefs computed since start (tests and the load bench read it)

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
                with self._compute:
                    result = brief_story(story.id, self.db_path, settings=self.settings)
            except BaseException:
                with self._lock:
                    self._pending.pop(key, None)
                raise
            with self._lock:
                self._pending.pop(key, None)
                self.computed += 1
                self._briefs[key] = result
                self._latest[story.id] = result
                while len(self._briefs) > self.size:
                    dropped, _ = self._briefs.popitem(last=False)
                    for derived in [d for d in self._derived if d[0] == dropped]:
                        del self._derived[derived]
        return result

    def rendered(self, story: StoredStory, what: str, make: Callable[[Brief], str]) -> str:
        """`make(brief)` (a page, the JSON), made once per state of the story like the brief itself."""
        key = (brief_key(story), what)
        with self._lock:
            if key in self._derived:
                return self._derived[key]
        text = make(self.get(story))  # two first requests may both render: harmless, it is pure
        with self._lock:
            if key[0] in self._briefs:
                self._derived[key] = text
        return text


class Warmer:
    """A daemon thread that briefs the newest uncached stories, then sleeps until `wake()`."""

    def __init__(self, cache: BriefCache, *, interval_s: float = 60.0) -> None:
        self.cache, self.interval_s = cache, interval_s
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.on_error: Callable[[int, Exception], None] | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="newsfuse-brief-warmer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                with open_store(self.cache.db_path, readonly=True) as store:
                    newest = store.stories(limit=self.cache.size)
            except Exception:  # the store is being created or migrated: try again later
                newest = []
            for story in newest:
                if self._stop.is_set():
                    return
                if self.cache.peek(story) is None:
                    try:
                        self.cache.get(story)
                    except Exception as exc:  # one bad story must not stop the others
                        if self.on_error:
                            self.on_error(story.id, exc)
            self._wake.wait(self.interval_s)
