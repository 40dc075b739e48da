"""Exports as files: the story list as CSV (its filters, sort and page as `/api/stories` reads them)
and one story's figures as CSV or JSON, one row per claim (`api.story_figures`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsfuse import api
from newsfuse.story_export import FIGURE_COLUMNS, csv_text, download_name, list_csv
from newsfuse.web.state import web_state
from newsfuse.web.stories import list_params, list_stories, story_brief, story_query

router = APIRouter(tags=["exports"])

CSV = "text/csv; charset=utf-8"


@router.get(
    "/stories.csv",
    summary="The story list as CSV (the parameters of /api/stories)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
@router.get("/api/stories.csv", include_in_schema=False, response_class=Response)
def stories_csv(request: Request, limit: int | None = None, offset: int | None = None) -> Response:
    query = story_query(list_params(request, limit, offset))
    document = list_stories(web_state(request), query, base="/stories.csv")
    return Response(
        list_csv(document), media_type=CSV, headers={"Content-Disposition": download_name("stories", "csv")}
    )


@router.get(
    "/api/stories/{story_id:rowid}/figures.csv",
    summary="A story's figures as CSV, one row per claim",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, 404: {"description": "No such story"}},
)
def figures_csv(request: Request, story_id: int) -> Response:
    brief = story_brief(web_state(request), story_id)
    return Response(
        csv_text(FIGURE_COLUMNS, api.story_figures(brief)),
        media_type=CSV,
        headers={"Content-Disposition": download_name(f"story-{story_id}-figures", "csv")},
    )


@router.get(
    "/api/stories/{story_id:rowid}/figures.json",
    summary="A story's figures as JSON, one object per claim",
    responses={404: {"description": "No such story"}},
)
def figures_json(request: Request, story_id: int) -> Any:
    brief = story_brief(web_state(request), story_id)
    return {"story": story_id, "title": brief.story.title, "figures": api.story_figures(brief)}
