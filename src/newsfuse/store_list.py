"""The story list's SQL: one sorted, filtered page of stories with what their kept briefs say.

Helper of store.py (mixed into `Store`). A story's dates are its articles' publication dates
(metadata) and, where none has one (plain text files), the dates its kept brief found in the
text. Independent sources and languages come from the articles (copies and superseded
revisions not counted), so they are known before any brief; key figure, places, claims and
comparisons from the kept brief of these settings (of whatever state: `ListedRow.kept.state`
says whether it is of the story as it is now).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from newsfuse import store_search as search
from newsfuse.store_briefs import BriefFacts, StoredBrief

if TYPE_CHECKING:
    from newsfuse.store import StoredStory

Sort = Literal["latest", "earliest", "sources", "conflicts"]
SORTS: tuple[Sort, ...] = ("latest", "earliest", "sources", "conflicts")

_FIRST = "coalesce(s.first_seen, b.first_seen)"
_LAST = "coalesce(s.last_seen, b.last_seen)"
_INDEPENDENT = (
    "(SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.superseded_by IS NULL "
    "AND a.duplicate_of IS NULL)"
)
_ORDER: dict[Sort, str] = {
    "latest": f"{_LAST} IS NULL, {_LAST} DESC, s.id DESC",
    "earliest": f"{_FIRST} IS NULL, {_FIRST}, s.id",
    "sources": f"independent DESC, {_LAST} IS NULL, {_LAST} DESC, s.id DESC",
    "conflicts": f"coalesce(b.conflicts, -1) DESC, {_LAST} IS NULL, {_LAST} DESC, s.id DESC",
}


@dataclass(frozen=True)
class StoryQuery:
    """Which stories the list shows, in which order, which page of them."""

    words: tuple[str, ...] = ()  # each must begin a word of a title or text (see `Store.stories`)
    since: dt.date | None = None  # the story's dates overlap [since, until]; undated ones left out
    until: dt.date | None = None
    place: str = ""  # a main place of its kept brief contains this (case ignored)
    language: str = ""  # a current article is in this language (ISO 639-1)
    conflict: bool | None = None  # True: its kept brief found conflicts; False: briefed, none found
    sort: Sort = "latest"
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class ListedRow:
    """One story of the list: the story, its dates (and whence), sources, languages, kept brief."""

    story: StoredStory
    first_seen: dt.date | None
    last_seen: dt.date | None
    dated_by: Literal["articles", "brief"] | None
    independent: int  # current articles that are not copies
    languages: tuple[str, ...]  # of the current articles, most frequent first
    kept: StoredBrief | None  # without its JSON
    facts: BriefFacts | None  # of `kept`


class StoryListing:
    """`listed_stories`, mixed into `Store`."""

    _db: sqlite3.Connection
    full_text: bool

    def listed_stories(self, query: StoryQuery, settings: str) -> tuple[list[ListedRow], int]:
        """One page of the list for `query` (briefs kept under `settings`), and how many match in all."""
        from newsfuse.store import _story

        where, params = self._list_filters(query)
        join = "FROM stories s LEFT JOIN briefs b ON b.story_id = s.id AND b.settings = ?"
        total = self._db.execute(
            f"SELECT count(*) {join} WHERE {' AND '.join(where)}", (settings, *params)
        ).fetchone()[0]
        rows = self._db.execute(
            "SELECT s.id, s.title, s.first_seen, s.last_seen, s.articles, s.updated_at, "
            f"{_INDEPENDENT} AS independent, b.story_id, b.state, b.version, b.conflicts, "
            "b.first_seen, b.last_seen, b.key_figure, b.places, b.claims, b.comparisons "
            f"{join} WHERE {' AND '.join(where)} ORDER BY {_ORDER[query.sort]} LIMIT ? OFFSET ?",
            (settings, *params, query.limit, query.offset),
        ).fetchall()
        languages = self._languages([r[0] for r in rows])
        listed = []
        for r in rows:
            story = _story(r[:6])
            kept = StoredBrief(r[7], r[8], r[9], r[10], None) if r[7] is not None else None
            facts = BriefFacts.from_row(r[11:17]) if kept else None
            first, last, dated_by = _dates(story.first_seen, story.last_seen, facts)
            listed.append(
                ListedRow(story, first, last, dated_by, r[6], languages.get(story.id, ()), kept, facts)
            )
        return listed, total

    def _list_filters(self, query: StoryQuery) -> tuple[list[str], list[Any]]:
        where: list[str] = ["s.merged_into IS NULL", "s.articles > 0"]
        params: list[Any] = []
        if query.since:
            where.append(f"{_LAST} >= ?")
            params.append(query.since.isoformat())
        if query.until:
            where.append(f"{_FIRST} <= ?")
            params.append(query.until.isoformat())
        if query.language:
            where.append(
                "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND a.superseded_by IS NULL "
                "AND a.language = ?)"
            )
            params.append(query.language.lower())
        if query.place:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(b.places) THEN b.places END) p "
                "WHERE instr(lower(p.value), lower(?)) > 0)"
            )
            params.append(query.place)
        if query.conflict is True:
            where.append("b.conflicts > 0")
        elif query.conflict is False:
            where.append("b.conflicts = 0")
        word_where, word_params = search.word_filters(query.words, full_text=self.full_text)
        return where + word_where, params + word_params

    def _languages(self, story_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        """The languages of each story's current articles, most frequent first (then by code)."""
        if not story_ids:
            return {}
        counts: dict[int, list[tuple[int, str]]] = {}
        rows = self._db.execute(
            "SELECT story_id, language, count(*) FROM articles WHERE superseded_by IS NULL AND story_id IN "
            f"({', '.join('?' * len(story_ids))}) GROUP BY story_id, language",
            tuple(story_ids),
        )
        for story_id, language, count in rows:
            counts.setdefault(story_id, []).append((-count, language))
        return {k: tuple(lang for _, lang in sorted(v)) for k, v in counts.items()}


def _dates(
    first: dt.date | None, last: dt.date | None, facts: BriefFacts | None
) -> tuple[dt.date | None, dt.date | None, Literal["articles", "brief"] | None]:
    """The articles' dates when they have any, else those the brief found in their text."""
    if first or last:
        return first, last, "articles"
    if facts and (facts.first_seen or facts.last_seen):
        return facts.first_seen, facts.last_seen, "brief"
    return None, None, None
