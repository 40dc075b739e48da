"""The store's kept briefs: one per story and settings, so that a restarted server need not re-brief.

Helper of store.py (the `briefs` table is created by its migration 2 -> 3). A row holds the
brief's JSON, its conflict count (the stories list's badge, read without the JSON), the story's
`state` when it was briefed and the newsfuse version that briefed it; whoever reads a row
decides whether those still match. Writing is one short transaction under `Store.writer()`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsfuse.errors import NewsfuseError


@dataclass(frozen=True)
class StoredBrief:
    """A brief kept in the store: its JSON (None when only the badge was asked) and conflict count."""

    story_id: int
    state: str
    version: str
    conflicts: int
    brief: str | None


class KeptBriefs:
    """The `briefs` table's reads and writes, mixed into `Store`."""

    path: Path
    readonly: bool
    _db: sqlite3.Connection

    def stored_brief(self, story_id: int, settings: str) -> StoredBrief | None:
        """The brief kept for this story and settings key (of whatever state and version), if any."""
        row = self._db.execute(
            "SELECT story_id, state, version, conflicts, brief FROM briefs "
            "WHERE story_id = ? AND settings = ?",
            (story_id, settings),
        ).fetchone()
        return StoredBrief(*row) if row else None

    def brief_badges(self, story_ids: Sequence[int], settings: str) -> dict[int, StoredBrief]:
        """The kept briefs of these stories (a few hundred at most), without their JSON."""
        rows = self._db.execute(
            "SELECT story_id, state, version, conflicts, NULL FROM briefs "
            f"WHERE settings = ? AND story_id IN ({', '.join('?' * len(story_ids))})",
            (settings, *story_ids),
        )
        return {row[0]: StoredBrief(*row) for row in rows}

    def keep_brief(
        self, story_id: int, settings: str, state: str, version: str, brief: str, conflicts: int
    ) -> None:
        """Keep a brief, replacing the one of an earlier state: one transaction, under `writer()`."""
        if self.readonly:
            raise NewsfuseError(f"{self.path}: opened read-only")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                "INSERT INTO briefs (story_id, settings, state, version, brief, conflicts, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story_id, settings) DO UPDATE SET "
                "state = excluded.state, version = excluded.version, brief = excluded.brief, "
                "conflicts = excluded.conflicts, created_at = excluded.created_at",
                (story_id, settings, state, version, brief, conflicts, now),
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
