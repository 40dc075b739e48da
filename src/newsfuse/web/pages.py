"""The HTML pages: stories list, story page, "add articles" form and report, API docs."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsfuse.models import Brief
from newsfuse.store import StoredStory
from newsfuse.web.app import page, templates, web_state
from newsfuse.web.stories import StorySearch, find_story, search_stories
from newsfuse.web.uploads import form_uploads, ingest_request, read_body
from newsfuse.web.uploads import upload_suffixes as accepted_suffixes
from newsfuse.web.views import story_context

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> HTMLResponse:
    state = web_state(request)
    search = StorySearch.parse(q, since, until, limit)
    return page("stories.html.j2", search=search, stories=search_stories(state, search))


@router.get("/stories/{story_id:rowid}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int) -> Response:
    state = web_state(request)
    story = find_story(state, story_id)
    if story.id != story_id:  # merged into another story since
        return RedirectResponse(f"/stories/{story.id}", status_code=307)
    return HTMLResponse(state.briefs.rendered(story, "page", lambda brief: _story_html(story, brief)))


def _story_html(story: StoredStory, brief: Brief) -> str:
    """The brief's shared page (render/page.py) inside the web app's chrome."""
    return templates().get_template("story.html.j2").render(**story_context(story, brief))


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> HTMLResponse:
    state = web_state(request)
    return page("add.html.j2", limits=state.limits, accept=accepted_suffixes(), settings=state.settings)


@router.post("/add", response_class=HTMLResponse)
async def add_submit(request: Request) -> HTMLResponse:
    state = web_state(request)
    body = await read_body(request, state.limits)
    uploads = await form_uploads(request, body, state.limits)
    outcome = await ingest_request(
        state, uploads, nothing="nothing to add: choose files or paste an article's text"
    )
    return page("report.html.j2", outcome.status, outcome=outcome, names=[u.name for u in uploads])


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
