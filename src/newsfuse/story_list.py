"""One shape of "a story" in the list: `newsfuse stories --json`, `GET /api/stories` and the list page.

Each story: its id, title, first and last dates (`dated_by`: "articles" when the articles'
metadata dates it, "brief" when only the dates its brief found in the text do), when an ingest
last touched it, how many current articles it has (`articles`, copies included), how many are
independent (`independent_sources`) and copies, their languages (most frequent first), and which
articles (`article_list`: id, path, record, canonical URL, title, date, revision,
`duplicate_of`); from its last known brief: the first key figure's line, main places, how many
figures it found (`claims`) and compared (`comparisons`), the conflicts (null: never briefed),
`figures` (the badge: "conflict", "agree", "not compared", "no figures" or "not briefed") and
whether that brief is of the story as it is now; its page, brief and figures in `newsfuse serve`.
The document adds how many stories match (`total`), the query, and the links of the next and
previous pages. Facts come from the briefs kept in the store, or from briefs in the web server's
memory (`Memory`) where these are newer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any
from urllib.parse import urlencode

from newsfuse import __version__
from newsfuse.config import Settings
from newsfuse.models import Brief
from newsfuse.store import BriefFacts, ListedArticle, ListedRow, Store, StoredStory, StoryQuery
from newsfuse.store_list import SORTS

MAX_LISTED = 500  # stories per page, at most
DEFAULT_LIMIT = 100
MAIN_PLACES = 3
_WORDS = re.compile(r"[^\s\"']+")

# a brief in memory for a story, and whether it is of the story as it is now (None: none in memory)
Memory = Callable[[StoredStory], "tuple[Brief, bool] | None"]


class ListQueryError(ValueError):
    """A query string the list cannot read (a malformed date, an unknown sort): the message says which."""


def conflict_count(brief: Brief) -> int:
    return sum(1 for c in brief.comparisons if c.verdict == "conflict")


def key_figure_text(brief: Brief) -> str | None:
    """The first key figure as one line: "killed 12–15 (police, 5 Mar)"; None when there is none."""
    from newsfuse.render.common import key_figure_lines

    lines = key_figure_lines(brief)
    if not lines:
        return None
    line = lines[0]
    about = " ".join(p for p in (line.measure, line.current) if p)
    said = ", ".join(p for p in (line.who, line.when) if p)
    return f"{about} ({said})" if said else about


def brief_facts(brief: Brief) -> BriefFacts:
    """What the list shows of a brief (kept beside it in the store, so the list never parses it)."""
    places = sorted(
        (e for e in brief.entities if e.type == "place"), key=lambda e: (-len(e.sources), -e.mentions)
    )
    return BriefFacts(
        first_seen=brief.story.first_seen,
        last_seen=brief.story.last_seen,
        key_figure=key_figure_text(brief),
        places=tuple(e.name for e in places[:MAIN_PLACES]),
        claims=len(brief.claims),
        comparisons=len(brief.comparisons),
    )


def parse_query(params: Mapping[str, str | None]) -> StoryQuery:
    """The list's query from a query string's parameters (an empty one means no filter).

    q (words), since/until (YYYY-MM-DD), place, lang, conflict (yes/no), sort (latest, earliest,
    sources, conflicts), limit (1..500), offset.
    """

    def text(name: str, limit: int = 200) -> str:
        return (params.get(name) or "").strip()[:limit]

    conflict = text("conflict").lower()
    if conflict not in ("", "yes", "no", "any"):
        raise ListQueryError(f"conflict: {conflict!r} is not yes or no")
    sort = text("sort").lower() or "latest"
    if sort not in SORTS:
        raise ListQueryError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    since, until = _date(text("since"), "since"), _date(text("until"), "until")
    return StoryQuery(
        words=tuple(_WORDS.findall(text("q"))[:10]),
        since=since,
        until=until,
        place=text("place", 100),
        language=text("lang", 12).lower(),
        conflict={"yes": True, "no": False}.get(conflict),
        sort=sort,  # checked above
        limit=min(max(_number(text("limit"), "limit", DEFAULT_LIMIT), 1), MAX_LISTED),
        offset=max(_number(text("offset"), "offset", 0), 0),
    )


def query_params(query: StoryQuery, **changes: Any) -> dict[str, str]:
    """The query string's parameters of `query` (defaults left out), with `changes` applied."""
    query = replace(query, **changes)
    params = {
        "q": " ".join(query.words),
        "since": query.since.isoformat() if query.since else "",
        "until": query.until.isoformat() if query.until else "",
        "place": query.place,
        "lang": query.language,
        "conflict": {True: "yes", False: "no"}.get(query.conflict, ""),  # type: ignore[arg-type]
        "sort": "" if query.sort == "latest" else query.sort,
        "limit": "" if query.limit == DEFAULT_LIMIT else str(query.limit),
        "offset": str(query.offset) if query.offset else "",
    }
    return {k: v for k, v in params.items() if v}


def query_link(base: str, query: StoryQuery, **changes: Any) -> str:
    params = query_params(query, **changes)
    return f"{base}?{urlencode(params)}" if params else base


def list_document(
    store: Store,
    query: StoryQuery,
    settings: Settings,
    memory: Memory | None = None,
    *,
    base: str = "/api/stories",
) -> dict[str, Any]:
    """The list for `query` in the one shape (see the module docstring); `base`: where its links point."""
    rows, total = store.listed_stories(query, settings.fingerprint())
    members = store.listed_articles([r.story.id for r in rows])
    stories = [_story(row, members.get(row.story.id, []), memory) for row in rows]
    after = query.offset + len(rows)
    return {
        "stories": stories,
        "total": total,
        "offset": query.offset,
        "limit": query.limit,
        "query": query_params(query, offset=0, limit=DEFAULT_LIMIT),
        "sort": query.sort,
        "next": query_link(base, query, offset=after) if after < total else None,
        "previous": (
            query_link(base, query, offset=max(query.offset - query.limit, 0)) if query.offset > 0 else None
        ),
    }


def _story(row: ListedRow, articles: Sequence[ListedArticle], memory: Memory | None) -> dict[str, Any]:
    story = row.story
    kept_current = row.kept is not None and (row.kept.state, row.kept.version) == (story.state, __version__)
    conflicts = row.kept.conflicts if row.kept else None
    facts, current = row.facts, kept_current
    known = memory(story) if memory and not kept_current else None
    # a brief in memory wins over a kept one that is not current (a current one says the same)
    if known is not None and not kept_current:
        brief, current = known
        facts, conflicts = brief_facts(brief), conflict_count(brief)
    first, last, dated_by = row.first_seen, row.last_seen, row.dated_by
    if dated_by != "articles" and facts and (facts.first_seen or facts.last_seen):
        first, last, dated_by = facts.first_seen, facts.last_seen, "brief"
    return {
        "id": story.id,
        "title": story.title,
        "first_seen": _iso(first),
        "last_seen": _iso(last),
        "dated_by": dated_by,
        "updated_at": story.updated_at,
        "articles": story.articles,
        "independent_sources": row.independent,
        "copies": story.articles - row.independent,
        "languages": list(row.languages),
        "places": list(facts.places) if facts else [],
        "key_figure": facts.key_figure if facts else None,
        "claims": facts.claims if facts else None,
        "comparisons": facts.comparisons if facts else None,
        "figures": _figures_badge(conflicts, facts),
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
        "conflicts": conflicts,
        "conflicts_current": current if conflicts is not None else False,
        "page": f"/stories/{story.id}",
        "brief": f"/api/stories/{story.id}",
        "figures_csv": f"/api/stories/{story.id}/figures.csv",
    }


def _figures_badge(conflicts: int | None, facts: BriefFacts | None) -> str:
    """What the list's badge says: a conflict or agreement only where figures were compared."""
    if conflicts is None:
        return "not briefed"
    if conflicts:
        return "conflict"
    if facts is None or facts.comparisons is None:  # a brief kept before these were counted
        return "not briefed"
    if facts.comparisons:
        return "agree"
    return "not compared" if facts.claims else "no figures"


def query_fields(query: StoryQuery) -> dict[str, Any]:
    """The query as the list page's form shows it."""
    return {**asdict(query), "q": " ".join(query.words)}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: str, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ListQueryError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _number(value: str, name: str, default: int) -> int:
    if not value:
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise ListQueryError(f"{name}: {value!r} is not a whole number")
    return int(value)
