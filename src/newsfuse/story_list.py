"""The story list as JSON: one shape for `newsfuse stories --json` and `GET /api/stories`.

Each story: its id, title, first and last dates, when an ingest last touched it, how many
current articles it has and which (`article_list`: id, path, record, canonical URL, title, date,
revision, `duplicate_of`), the conflicts its last kept brief found (null: never briefed) and
whether that brief is of the story as it is now, and its page and brief in `newsfuse serve`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.store import ListedArticle, Store, StoredStory

Badge = tuple[int, bool]  # (conflicts of the last known brief, whether it is of the story as it is now)


def kept_badges(store: Store, stories: Sequence[StoredStory], settings: Settings) -> dict[int, Badge]:
    """The badge of each story with a brief kept in the store under these settings."""
    kept = store.brief_badges([s.id for s in stories], settings.fingerprint()) if stories else {}
    return {
        s.id: (k.conflicts, (k.state, k.version) == (s.state, __version__))
        for s in stories
        if (k := kept.get(s.id)) is not None
    }


def story_list(store: Store, stories: Sequence[StoredStory], badges: Mapping[int, Badge]) -> dict[str, Any]:
    """{"stories": [...]} for these stories, in the order given (see the module docstring)."""
    members = store.listed_articles([s.id for s in stories])
    return {"stories": [_story(s, members.get(s.id, []), badges.get(s.id)) for s in stories]}


def _story(story: StoredStory, articles: Sequence[ListedArticle], badge: Badge | None) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "updated_at": story.updated_at,
        "articles": story.articles,
        "article_list": [
            {
                "id": a.id,
                "path": a.path,
                "record": a.record,
                "url": a.url,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                "revision": a.revision,
                "duplicate_of": a.duplicate_of,
            }
            for a in articles
        ],
        "conflicts": badge[0] if badge else None,
        "conflicts_current": badge[1] if badge else False,
        "page": f"/stories/{story.id}",
        "brief": f"/api/stories/{story.id}",
    }
