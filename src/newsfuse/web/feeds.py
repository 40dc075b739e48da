"""The Feeds page and its JSON API: the feeds the store follows, their last poll, follow and unfollow.

    GET  /feeds                   every followed feed with its state; the follow form
    POST /feeds                   follow the form's `url`; POST /feeds/{id}/remove: unfollow
    GET  /api/feeds               {"feeds": [FeedRow...], "watching": bool, "every": "10m"}
    POST /api/feeds {"url": ...}  201 with the new feed (200 when it was followed already)
    DELETE /api/feeds/{id}        unfollow (its articles stay in the store)

The feeds live in the store (`Store.add_feed`, `feeds`, `remove_feed`: short transactions of
their own, so following works while a watcher polls); nothing here fetches. Whoever polls them
(`newsfuse watch --db FILE`, or `serve --watch` in this server: `WebState.watching`) records each
feed's last result, which this page shows. Feed titles, URLs and error lines are untrusted text:
the templates escape them, and a feed's address is a link only when it is http(s).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from newsfuse.store import open_store
from newsfuse.web.origin import same_origin
from newsfuse.web.state import WebState, web_state
from newsfuse.web.templating import page
from newsfuse.web.uploads import UploadError, is_json, json_document, media_type, parse_form, read_body
from newsfuse.web.urls import MAX_URL_CHARS, shown_url, url_problem

if TYPE_CHECKING:
    from newsfuse.store_feeds import FeedRow

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["feeds"])


def checked_url(text: str) -> str:
    """The URL, stripped; 422 saying what is wrong with it otherwise."""
    url = text.strip()
    problem = url_problem(url)
    if problem:
        raise UploadError(422, problem if not url else f"{shown_url(url)}: {problem}")
    return url


# --- the store ------------------------------------------------------------------------------------


def list_feeds(state: WebState) -> list[FeedRow]:
    with state.reader() as store:
        return store.feeds()


def follow(state: WebState, url: str) -> tuple[FeedRow, bool]:
    """Follow `url` (again, if it was retired): the feed, and whether it was not followed before."""
    with open_store(state.db_path) as store:
        before = {f.id: f for f in store.feeds()}
        row = store.add_feed(url)
    old = before.get(row.id)
    return row, old is None or old.retired


def unfollow(state: WebState, feed_id: int) -> None:
    """Stop following the feed; 404 when there is no such feed."""
    with open_store(state.db_path) as store:
        if not store.remove_feed(feed_id):
            raise HTTPException(404, f"no feed {feed_id}")


def feed_json(row: FeedRow) -> dict[str, Any]:
    return asdict(row)


# --- shown on the page ----------------------------------------------------------------------------


def when(iso: str | None) -> str | None:
    """A stored UTC time as "2026-03-12 14:05 UTC" (the stored text when it does not parse)."""
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def last_result(row: FeedRow) -> tuple[str, str]:
    """The last poll's result in a word or two, and its badge class (agree, pending, conflict);
    the error line, when there is one, is shown beside it (`shown`)."""
    status = row.last_status
    if row.retired or status == "retired":
        return ("retired", "conflict")
    if status is None:
        return ("not checked yet", "pending")
    if status == "failed":
        return ("failed", "conflict")
    return (status, "agree" if status in ("ok", "not modified") else "pending")


def next_check(row: FeedRow, now: dt.datetime | None = None) -> str:
    if row.retired:
        return "never (retired: follow it again to poll it)"
    if not row.next_check:
        return "at the next poll"
    try:
        due = dt.datetime.fromisoformat(row.next_check)
        if due.tzinfo is not None and due <= (now or dt.datetime.now(dt.UTC)):
            return f"due (since {when(row.next_check)})"
    except ValueError:
        pass
    return when(row.next_check) or row.next_check


def shown(row: FeedRow) -> dict[str, Any]:
    """One feed as the page shows it."""
    result, badge = last_result(row)
    return {
        "id": row.id,
        "url": row.url,
        "link": row.url if url_problem(row.url) is None else None,
        "title": row.title,
        "added": when(row.added),
        "last_checked": when(row.last_checked) or "never",
        "result": result,
        "badge": badge,
        "error": row.last_error if badge == "conflict" else None,
        "last_new": row.last_new,
        "entries": row.entries,
        "next_check": next_check(row),
        "failures": row.failures,
    }


def _feeds_page(
    request: Request,
    status_code: int = 200,
    *,
    error: str | None = None,
    value: str = "",
    notice: str | None = None,
) -> HTMLResponse:
    state = web_state(request)
    return page(
        "feeds.html.j2",
        status_code,
        feeds=[shown(row) for row in list_feeds(state)],
        watching=state.watching,
        every=state.settings.watch_every,
        db_path=str(state.db_path),
        error=error,
        value=value,
        notice=notice,
    )


# --- the page -------------------------------------------------------------------------------------


@router.get("/feeds", response_class=HTMLResponse)
def feeds_page(
    request: Request, added: int | None = None, known: int | None = None, removed: int = 0
) -> Response:
    """The followed feeds; after a POST, what it did (`?added=ID`, `?known=ID`, `?removed=1`)."""
    notice = None
    feed_id = added if added is not None else known
    if feed_id is not None:
        row = next((row for row in list_feeds(web_state(request)) if row.id == feed_id), None)
        if row is not None:
            notice = f"{'Following' if added is not None else 'Already following'} {row.url}."
    elif removed:
        notice = "Feed removed. The articles it brought stay in the store."
    return _feeds_page(request, notice=notice)


@router.post("/feeds", response_class=HTMLResponse, dependencies=[Depends(same_origin)])
async def follow_submit(request: Request) -> Response:
    """Follow the form's URL, then show the page (303); a bad URL is shown above the field (422)."""
    state = web_state(request)
    value = ""
    try:
        body = await read_body(request, state.limits)
        _, fields = await parse_form(request, body, state.limits)
        value = fields.get("url", "")
        url = checked_url(value)
        row, new = await run_in_threadpool(follow, state, url)
    except UploadError as refused:
        status, error = refused.status, refused.message
        return await run_in_threadpool(
            lambda: _feeds_page(request, status, error=error, value=value[:MAX_URL_CHARS])
        )
    return RedirectResponse(f"/feeds?{'added' if new else 'known'}={row.id}#feed-{row.id}", status_code=303)


@router.post("/feeds/{feed_id:rowid}/remove", dependencies=[Depends(same_origin)])
async def remove_submit(request: Request, feed_id: int) -> Response:
    await run_in_threadpool(unfollow, web_state(request), feed_id)
    return RedirectResponse("/feeds?removed=1", status_code=303)


# --- the JSON API ---------------------------------------------------------------------------------


@api.get("/feeds", summary="The feeds the store follows, with each one's last poll")
def feeds_json(request: Request) -> dict[str, Any]:
    """`watching`: whether this server polls them (`serve --watch`); else `newsfuse watch --db FILE` does."""
    state = web_state(request)
    return {
        "feeds": [feed_json(row) for row in list_feeds(state)],
        "watching": state.watching,
        "every": state.settings.watch_every,
    }


@api.post(
    "/feeds",
    summary='Follow a feed: {"url": "https://…"}',
    dependencies=[Depends(same_origin)],
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"url": {"type": "string", "description": "An http(s) feed URL."}},
                        "required": ["url"],
                    }
                }
            },
        }
    },
    responses={
        200: {"description": "Followed already: the feed"},
        400: {"description": "Malformed JSON"},
        422: {"description": "No URL, or not an http(s) URL"},
    },
)
async def follow_json(request: Request) -> JSONResponse:
    """Follow the feed (again, if it was retired). 201 with it, or 200 when it was followed already."""
    state = web_state(request)
    body = await read_body(request, state.limits)
    if not (is_json(media_type(request)) or not media_type(request)):
        raise UploadError(415, 'send JSON: {"url": "https://…"}')
    url = checked_url(_url_field(body))
    row, new = await run_in_threadpool(follow, state, url)
    return JSONResponse({"feed": feed_json(row), "added": new}, status_code=201 if new else 200)


def _url_field(body: bytes) -> str:
    document = json_document(body)
    if not isinstance(document, dict) or not isinstance(document.get("url"), str):
        raise UploadError(422, 'expected {"url": "https://…"}')
    url: str = document["url"]
    return url


@api.delete(
    "/feeds/{feed_id:rowid}",
    summary="Stop following a feed (its articles stay in the store)",
    dependencies=[Depends(same_origin)],
    responses={404: {"description": "No such feed"}},
)
def unfollow_json(request: Request, feed_id: int) -> dict[str, Any]:
    unfollow(web_state(request), feed_id)
    return {"removed": feed_id}
