"""Briefs of stored stories, through one cache: the briefs kept in the store (and, in the web server,
web/briefs.py's memory LRU in front of them).

A kept brief is used when it is of the story's very state, these settings
(`Settings.fingerprint()`) and this newsfuse version; one that does not parse is ignored and
briefed again. A brief just computed is kept with the facts the story list shows
(`story_list.brief_facts`), in one short transaction under the writer lock; when another process
holds the lock it is not kept (never a wait), nor when the file cannot be written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from newsfuse import __version__
from newsfuse.errors import NewsfuseError, NoArticlesError
from newsfuse.models import Brief
from newsfuse.store import Store, StoredStory, open_store
from newsfuse.story_list import brief_facts, conflict_count


class BriefSource(Protocol):
    """Whatever gives a stored story's brief, e.g. the web server's `BriefCache`."""

    def get(self, story: StoredStory) -> Brief: ...


def kept_brief(store: Store, story: StoredStory, settings_key: str) -> Brief | None:
    """The brief kept for this very state of the story, settings and version; None if absent or damaged."""
    kept = store.stored_brief(story.id, settings_key)
    if kept is None or kept.brief is None or (kept.state, kept.version) != (story.state, __version__):
        return None
    try:
        return Brief.model_validate_json(kept.brief)
    except ValidationError:  # damaged by hand or by another program: brief again
        return None


def keep(db_path: Path, story: StoredStory, settings_key: str, brief: Brief) -> bool:
    """Keep the brief in the store if no other process is writing; never wait, never fail."""
    try:
        with open_store(db_path) as store, store.writer():
            store.keep_brief(
                story.id,
                settings_key,
                story.state,
                __version__,
                brief.to_json(),
                conflict_count(brief),
                brief_facts(brief),
            )
    except (NewsfuseError, sqlite3.Error, OSError):  # StoreBusyError is a NewsfuseError
        return False
    return True


def find_story(store: Store, story_id: int) -> StoredStory:
    """The current story with this id (a merged story's id gives the story it joined)."""
    try:
        return store.story(story_id)
    except KeyError:
        raise NoArticlesError(f"{store.path}: no story {story_id}") from None
