"""What the pages, the JSON API and the exports ask of the store: the story list, one story, its brief.

All through api.py (`list_stories`, `story_brief`), so that `newsfuse stories --json`, `newsfuse
show` and the web give one shape of a story; the server's brief cache (`WebState.briefs`) is
the memory in front of the briefs kept in the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request

from newsfuse import api
from newsfuse.errors import NoArticlesError
from newsfuse.models import Brief
from newsfuse.store import StoredStory, StoryQuery
from newsfuse.story_briefs import find_story as find_stored
from newsfuse.story_list import MAX_LISTED, ListQueryError, parse_query
from newsfuse.web.state import WebState


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


def story_query(params: Mapping[str, str]) -> StoryQuery:
    """The list's query from the request's query string; a malformed one is a 400 saying what."""
    try:
        return parse_query(params)
    except ListQueryError as exc:
        raise HTTPException(400, str(exc)) from None


def list_stories(state: WebState, query: StoryQuery, *, base: str = "/api/stories") -> dict[str, Any]:
    """The story list in its one shape, with the briefs in the server's memory where they are newer."""
    with state.reader() as store:
        return api.list_stories(store, query, state.settings, state.briefs.known, base=base)


def find_story(state: WebState, story_id: int) -> StoredStory:
    """The current story with this id (a merged story's id gives the story it joined); 404 if none."""
    with state.reader() as store:
        try:
            return find_stored(store, story_id)
        except NoArticlesError:
            raise HTTPException(404, f"no story {story_id}") from None


def story_brief(state: WebState, story_id: int) -> Brief:
    """The story's brief through the server's cache (memory, then kept, then briefed); 404 if none."""
    with state.reader() as store:
        try:
            return api.story_brief(store, story_id, state.settings, state.briefs)
        except NoArticlesError:
            raise HTTPException(404, f"no story {story_id}") from None


def list_params(request: Request, limit: int | None, offset: int | None) -> dict[str, str]:
    """The list's query string, with `limit` and `offset` as FastAPI read them (ints), bounded."""
    params = dict(request.query_params)
    params["limit"] = str(min(max(limit, 1), MAX_LISTED)) if limit is not None else ""
    params["offset"] = str(min(max(offset, 0), 10**9 - 1)) if offset is not None else ""
    return params
