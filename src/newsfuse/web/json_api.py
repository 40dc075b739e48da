"""The JSON API: `/api/stories`, `/api/stories/{id}` (the brief, BRIEF_SCHEMA.md) and `POST /api/articles`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from newsfuse.models import Brief
from newsfuse.web.origin import same_origin
from newsfuse.web.state import web_state
from newsfuse.web.stories import find_story, list_params, list_stories, story_query
from newsfuse.web.uploads import (
    Upload,
    form_inputs,
    ingest_request,
    is_json,
    json_inputs,
    media_type,
    read_body,
)
from newsfuse.web.urls import MAX_URLS

router = APIRouter(prefix="/api", tags=["api"])

_RECORD = {
    "type": "object",
    "description": "An article record, as in JSONL input (text is required; other fields optional).",
    "properties": {
        "text": {"type": "string"},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "source": {"type": "string", "description": "The outlet."},
        "published": {"type": "string", "description": "A date, e.g. 2025-03-12."},
    },
    "required": ["text"],
}
_URLS = {
    "type": "object",
    "description": f"Page or feed URLs (http or https, at most {MAX_URLS}): fetched, read, ingested.",
    "properties": {"urls": {"type": "array", "items": {"type": "string"}, "maxItems": MAX_URLS}},
    "required": ["urls"],
    "additionalProperties": False,
}
_ARTICLES_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [_RECORD, {"type": "array", "items": _RECORD}, _URLS]}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "text": {"type": "string", "description": "Pasted article text."},
                    "title": {"type": "string"},
                    "urls": {"type": "string", "description": "Page or feed URLs, one per line."},
                },
            }
        },
    },
}


@router.get("/stories", summary="Stored stories: sort, filter, page (the list in its one shape)")
def stories(
    request: Request,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    lang: str | None = None,
    conflict: str | None = None,
    sort: str | None = None,
    limit: int | None = None,
    offset: int | None = None,
) -> dict[str, Any]:
    """`q`: words all found in a story's titles or texts; `since`/`until`: YYYY-MM-DD (the story's
    dates overlap them); `place`: a main place contains it; `lang`: an article's language (ISO
    639-1); `conflict`: yes or no (briefed, none found); `sort`: latest, earliest, sources,
    conflicts; `limit` (at most 500) and `offset`: the page (`next` and `previous` link the others).
    The same as CSV: `/stories.csv` with the same parameters."""
    state = web_state(request)
    query = story_query(list_params(request, limit, offset))
    return state.listed(("document", query), lambda: list_stories(state, query))


@router.get(
    "/stories/{story_id:rowid}",
    summary="The brief of one story (schema_version 1, as `newsfuse show ID -f json`)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, 404: {"description": "No such story"}},
)
async def get_story(request: Request, story_id: int) -> Response:
    state = web_state(request)
    story = find_story(state, story_id)
    done = state.briefs.peek_rendered(story, "json")
    if done is None:  # briefed (seconds) or read from the store in a worker thread
        done = await run_in_threadpool(state.briefs.rendered, story, "json", Brief.to_json)
    return done.response(request, "application/json")


@router.post(
    "/articles",
    summary="Add articles: a JSON record, a list of them, page or feed URLs, or multipart files",
    dependencies=[Depends(same_origin)],
    openapi_extra={"requestBody": _ARTICLES_BODY},
    responses={
        400: {"description": "Malformed JSON or form"},
        403: {"description": "A browser's request from another site's page"},
        409: {"description": "Another process is writing to the store"},
        413: {"description": "Too large, or too many files or URLs"},
        415: {"description": "A content type other than JSON, multipart or urlencoded form"},
        422: {
            "description": "JSON that is not an article record or a list of them, or no input could be "
            "read (the report, its `problems` one line per input, and a `detail`)"
        },
    },
)
async def add_articles(request: Request) -> JSONResponse:
    """Ingest the articles: copies marked, each put in a story. Returns the ingest report.

    URLs are fetched (a feed's entries and their pages too) in a worker thread; a URL that cannot be
    had is one line in `problems`, as an unreadable file is."""
    state = web_state(request)
    body = await read_body(request, state.limits)
    content_type = media_type(request)
    uploads: list[Upload]
    if is_json(content_type) or not content_type:
        uploads, urls = json_inputs(body)
    else:
        uploads, urls = await form_inputs(request, body, state.limits)
    outcome = await ingest_request(
        state, uploads, urls=urls, nothing="no article given: send files, text, URLs, or JSON records"
    )
    return JSONResponse(outcome.as_json(), status_code=outcome.status)
