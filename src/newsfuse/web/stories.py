"""What the pages and the JSON API both ask of the store: search stories, resolve one, brief it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException

from newsfuse.store import StoredStory
from newsfuse.story_list import story_list
from newsfuse.web.app import WebState

MAX_LISTED = 500
_WORDS = re.compile(r"[^\s\"']+")


class RowIdConvertor(Convertor[int]):
    """`{story_id:rowid}` in a route: 1 to 19 ASCII digits (SQLite's id range is 19 digits).

    Anything else ("abc", "-1", twenty digits, "²") matches no route: a 404, as a missing story is;
    never a 422 for the type, nor an int of thousands of digits.
    """

    regex = "[0-9]{1,19}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


register_url_convertor("rowid", RowIdConvertor())


@dataclass(frozen=True)
class StorySearch:
    """The list's filters, as given in the query string."""

    q: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 100

    @classmethod
    def parse(cls, q: str | None, since: str | None, until: str | None, limit: int | None) -> StorySearch:
        """From query parameters; an empty parameter means no filter, a bad date is a 400."""
        return cls(
            q=(q or "").strip()[:200],
            since=_date(since, "since"),
            until=_date(until, "until"),
            limit=min(max(limit or 100, 1), MAX_LISTED),
        )

    @property
    def words(self) -> list[str]:
        return _WORDS.findall(self.q)[:10]


@dataclass(frozen=True)
class ListedStory:
    """A story in the list, with what its last known brief (in memory or kept) says of conflicts."""

    story: StoredStory
    conflicts: int | None  # None: never briefed
    current: bool  # whether that brief is of the story as it is now


def search_stories(state: WebState, search: StorySearch) -> list[ListedStory]:
    """The stories the list page shows, with their conflict badges."""
    with state.reader() as store:
        found = store.stories(limit=search.limit, words=search.words, since=search.since, until=search.until)
        badges = state.briefs.badges(store, found)
    listed = []
    for story in found:
        badge = badges.get(story.id)
        listed.append(
            ListedStory(story, badge.conflicts if badge else None, badge.current if badge else False)
        )
    return listed


def stories_json(state: WebState, search: StorySearch) -> dict[str, Any]:
    """`/api/stories`: the story list in the one shape `newsfuse stories --json` gives too."""
    with state.reader() as store:
        found = store.stories(limit=search.limit, words=search.words, since=search.since, until=search.until)
        badges = state.briefs.badges(store, found)
        return story_list(store, found, {i: (b.conflicts, b.current) for i, b in badges.items()})


def find_story(state: WebState, story_id: int) -> StoredStory:
    """The current story with this id (a merged story's id gives the story it joined); 404 if none."""
    with state.reader() as store:
        try:
            return store.story(story_id)
        except KeyError:
            raise HTTPException(404, f"no story {story_id}") from None


def _date(value: str | None, name: str) -> dt.date | None:
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
