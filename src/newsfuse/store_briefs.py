"""The store's kept briefs: one per story and settings, so that a restarted server need not re-brief.

Helper of store.py (the `briefs` table is created by its migration 2 -> 3, the facts' columns
by 3 -> 4). A row holds the brief's JSON, its conflict count and the facts the story list shows
(`BriefFacts`: read without the JSON), the story's `state` when it was briefed and the newsfuse
version that briefed it; whoever reads a row decides whether those still match. Writing is one
short transaction under `Store.writer()`.
"""

from __future__ import annotations

import datetime as dt
import json
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


@dataclass(frozen=True)
class BriefFacts:
    """What the story list shows of a brief: its dates, first key figure's line, main places and how
    many figures it found and compared (None: a row kept before these were, not known)."""

    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    key_figure: str | None = None  # "killed 12–15 (officials, 5 Mar)"
    places: tuple[str, ...] = ()
    claims: int | None = None
    comparisons: int | None = None

    @classmethod
    def from_row(
        cls, row: tuple[str | None, str | None, str | None, str | None, int | None, int | None]
    ) -> BriefFacts:
        """From the columns first_seen, last_seen, key_figure, places, claims, comparisons."""
        try:
            places = tuple(str(p) for p in json.loads(row[3])) if row[3] else ()
        except (ValueError, TypeError):  # damaged by hand: no places rather than no list
            places = ()
        return cls(_day(row[0]), _day(row[1]), row[2], places, row[4], row[5])


def _day(value: str | None) -> dt.date | None:
    """A kept date read back; a malformed or implausible one reads as none (as `store._date`)."""
    from newsfuse.ingest.dates import plausible_date

    try:
        return plausible_date(dt.date.fromisoformat(value)) if value else None
    except (TypeError, ValueError):
        return None


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
        self,
        story_id: int,
        settings: str,
        state: str,
        version: str,
        brief: str,
        conflicts: int,
        facts: BriefFacts | None = None,
    ) -> None:
        """Keep a brief and its facts, replacing the one of an earlier state: one transaction, under
        `writer()`."""
        facts = facts or BriefFacts()
        if self.readonly:
            raise NewsfuseError(f"{self.path}: opened read-only")
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                "INSERT INTO briefs (story_id, settings, state, version, brief, conflicts, created_at, "
                "first_seen, last_seen, key_figure, places, claims, comparisons) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (story_id, settings) DO UPDATE SET "
                "state = excluded.state, version = excluded.version, brief = excluded.brief, "
                "conflicts = excluded.conflicts, created_at = excluded.created_at, "
                "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                "key_figure = excluded.key_figure, places = excluded.places, claims = excluded.claims, "
                "comparisons = excluded.comparisons",
                (
                    story_id,
                    settings,
                    state,
                    version,
                    brief,
                    conflicts,
                    now,
                    facts.first_seen.isoformat() if facts.first_seen else None,
                    facts.last_seen.isoformat() if facts.last_seen else None,
                    facts.key_figure,
                    json.dumps(list(facts.places), ensure_ascii=False),
                    facts.claims,
                    facts.comparisons,
                ),
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
