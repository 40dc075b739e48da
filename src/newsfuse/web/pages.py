"""The HTML pages: stories list, story page, "add articles" form and report, API docs."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from newsfuse.models import Brief
from newsfuse.store import StoredStory, StoryQuery
from newsfuse.story_list import query_fields, query_link
from newsfuse.web.origin import same_origin
from newsfuse.web.state import web_state
from newsfuse.web.stories import find_story, list_params, list_stories, story_query
from newsfuse.web.templating import page, templates
from newsfuse.web.uploads import UploadError, form_inputs, ingest_request, read_body
from newsfuse.web.uploads import upload_suffixes as accepted_suffixes
from newsfuse.web.urls import MAX_URLS
from newsfuse.web.views import story_context

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, limit: int | None = None, offset: int | None = None) -> HTMLResponse:
    """The story list for triage: the same query string as /api/stories, so a view can be linked."""
    state = web_state(request)
    query = story_query(list_params(request, limit, offset))

    def render() -> str:
        return (
            templates()
            .get_template("stories.html.j2")
            .render(
                listing=list_stories(state, query, base="/"),
                search=query_fields(query),
                filtered=query != StoryQuery(limit=query.limit, sort=query.sort, offset=query.offset),
                sort_links={s: query_link("/", query, sort=s, offset=0) for s in SORT_LABELS},
                sort_labels=SORT_LABELS,
                csv_link=query_link("/stories.csv", query),
                json_link=query_link("/api/stories", query),
            )
        )

    return HTMLResponse(state.listed(("page", query), render))


SORT_LABELS = {
    "latest": "latest",
    "earliest": "earliest",
    "sources": "most sources",
    "conflicts": "most conflicts",
}


@router.get("/stories/{story_id:rowid}", response_class=HTMLResponse)
async def story_page(request: Request, story_id: int) -> Response:
    """The story page: from memory on the event loop when it is made, else made in a worker thread
    (briefing a story runs spaCy for seconds; finding the story is one indexed read)."""
    state = web_state(request)
    story = find_story(state, story_id)
    if story.id != story_id:  # merged into another story since
        return RedirectResponse(f"/stories/{story.id}", status_code=307)
    done = state.briefs.peek_rendered(story, "page")
    if done is None:
        done = await run_in_threadpool(
            state.briefs.rendered, story, "page", lambda brief: _story_html(story, brief)
        )
    return done.response(request, "text/html; charset=utf-8")


def _story_html(story: StoredStory, brief: Brief) -> str:
    """The brief's shared page (render/page.py) inside the web app's chrome."""
    return templates().get_template("story.html.j2").render(**story_context(story, brief))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    return _add_form(request)


@router.post("/add", response_class=HTMLResponse, dependencies=[Depends(same_origin)])
async def add_submit(request: Request) -> HTMLResponse:
    """Ingest the form; a refused form (nothing chosen, too many files, too big) is shown again with
    what was wrong above its fields, with the refusal's status."""
    state = web_state(request)
    try:
        body = await read_body(request, state.limits)
        uploads, urls = await form_inputs(request, body, state.limits)
        outcome = await ingest_request(
            state,
            uploads,
            urls=urls,
            nothing="nothing to add: choose files or paste an article's text, or give URLs",
        )
    except UploadError as refused:
        return _add_form(request, refused.status, error=refused.message)
    return page("report.html.j2", outcome.status, outcome=outcome, names=[u.name for u in uploads] + urls)


def _add_form(request: Request, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    state = web_state(request)
    return page(
        "add.html.j2",
        status_code,
        limits=state.limits,
        accept=accepted_suffixes(),
        settings=state.settings,
        max_urls=MAX_URLS,
        error=error,
    )


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The OpenAPI description as a page of our own: no Swagger UI from a CDN."""
    spec = request.app.openapi()
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in spec.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return page("docs.html.j2", spec=spec, operations=operations)
