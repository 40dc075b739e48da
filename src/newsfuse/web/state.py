"""The app state every view receives (datasette's views are handed the app; ours its `WebState`).

Views read it with `web_state(request)`; nothing under web/ but app.py imports web/app.py.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request

from newsfuse.config import Settings
from newsfuse.store import Store, open_store
from newsfuse.web.briefs import BriefCache, Warmer
from newsfuse.web.uploads import UploadLimits

T = TypeVar("T")
LISTS_KEPT = 32


@dataclass
class WebState:
    """What every request handler needs: the store's path, settings, limits and the brief cache."""

    db_path: Path
    settings: Settings
    limits: UploadLimits
    briefs: BriefCache
    warmer: Warmer | None
    watching: bool = False  # a watcher polls the store's feeds in this server (`serve --watch`)
    lists: ListMemo = field(init=False)

    def __post_init__(self) -> None:
        self.lists = ListMemo(self.db_path)

    def reader(self) -> Store:
        return open_store(self.db_path, readonly=True)

    def listed(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The story list (a document or a rendered page) for `key`, computed once per state of the
        store and of the briefs in memory: the list page is asked for far more often than it changes."""
        return self.lists.get((key, self.briefs.computed), compute)


class ListMemo:
    """Values computed from the store, kept until any process commits to it.

    One read-only connection of its own asks SQLite's `PRAGMA data_version`, which changes whenever
    another connection (of this process or another) has committed: an ingest, an upload, a brief
    kept. Asking costs a few microseconds; an unchanged store answers from memory.
    """

    def __init__(self, db_path: Path, size: int = LISTS_KEPT) -> None:
        self.db_path, self.size = db_path, size
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._kept: OrderedDict[tuple[int, Hashable], Any] = OrderedDict()

    def version(self) -> int:
        with self._lock:
            if self._db is None:
                uri = f"file:{self.db_path.resolve()}?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            self._kept.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        full = (self.version(), key)
        with self._lock:
            if full in self._kept:
                self._kept.move_to_end(full)
                value: T = self._kept[full]
                return value
        value = compute()
        with self._lock:
            self._kept[full] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state
