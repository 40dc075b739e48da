"""Watching feeds: poll the store's feeds, fetch new entries' pages, ingest them into stories.

One poll (`poll`) takes the feeds that are due, asks each with a conditional GET (ETag,
Last-Modified: an unchanged feed costs one 304), records each feed's new entries as pending in the
transaction that saves its new validators, then fetches the pending entries' pages and hands the
articles, as they come, to `api.ingest_items` (cleaning, copies, grouping into stories exactly as
`ingest` does). The feed tables' rules (store_feeds.py) make it safe to kill at any moment: a
restart fetches again only the pages whose article never reached the store.

- A feed that fails (no answer, HTTP error, not a feed) waits `every × 2^failures`, at most
  `watch_max_backoff`; a 404 is such a failure, a 410 Gone retires the feed (not polled until it
  is added again).
- An entry that gives no article (page and entry content both unusable) is tried again on the next
  polls, `ENTRY_ATTEMPTS` in all, then given up.
- Every bad feed, page or entry is one line (`on_problem`) naming its URL; the poll goes on.

`run_watch` polls until stopped: by a signal (`engine.stop`: a first Ctrl-C stops between two
writes, a second aborts the open transaction) or by a `threading.Event` (`serve --watch`).
With `once`, it polls every feed that is not retired and not backing off, due or not: a healthy
feed is asked on every `--once`, a failing one waits out its backoff.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import itertools
import json
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsfuse.config import Settings
from newsfuse.engine import stop
from newsfuse.errors import InputError, NewsfuseError, StoreBusyError
from newsfuse.models import RawArticle
from newsfuse.store import Store, canonical_url, open_store
from newsfuse.store_feeds import FeedRow, NewEntry, PendingEntry, utc_now

if TYPE_CHECKING:
    from newsfuse.engine import Engine
    from newsfuse.fetch import Fetched, Fetcher, FetchError
    from newsfuse.ingest.feed import FeedEntry

__all__ = ["ENTRY_ATTEMPTS", "PollReport", "backoff_seconds", "poll", "poll_line", "run_watch"]

ENTRY_ATTEMPTS = 3  # polls that may fetch an entry without getting an article before it is given up
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
TICK = 0.25  # seconds between two looks at a stop request while waiting
RECHECK = 2.0  # seconds between two looks at the feed table while waiting (feeds added meanwhile)

OnProblem = Callable[[InputError], None]


@dataclass
class PollReport:
    """What one poll did."""

    at: dt.datetime = field(default_factory=utc_now)
    feeds_checked: int = 0
    not_modified: int = 0
    new_articles: int = 0  # articles added to the store
    stories_touched: int = 0  # distinct stories of the articles added
    errors: int = 0  # bad feeds, pages, entries and articles (one `on_problem` line each)
    requests: int = 0  # HTTP requests sent (robots.txt and retries included)
    feeds_failed: int = 0  # feeds that did not answer with a feed (retired ones included)
    retired: int = 0  # feeds that answered 410 Gone this poll
    waiting: int = 0  # feeds left out: backing off after failures
    pending: int = 0  # entries still without an article after this poll (tried again later)
    stopped: bool = False  # a stop was asked for before the poll ended


def poll_line(report: PollReport) -> str:
    """The one line a poll prints: "poll 14:05: 12 feeds checked (9 not modified), 31 new articles, …"."""

    def count(n: int, one: str, many: str = "") -> str:
        return f"{n} {one if n == 1 else many or one + 's'}"

    when = report.at.astimezone().strftime("%H:%M")
    line = (
        f"poll {when}: {count(report.feeds_checked, 'feed')} checked ({report.not_modified} not modified), "
        f"{count(report.new_articles, 'new article')}, {count(report.stories_touched, 'story', 'stories')} "
        f"touched, {count(report.errors, 'error')}"
    )
    extras = [f"{report.retired} retired"] if report.retired else []
    extras += [f"{report.waiting} backing off"] if report.waiting else []
    extras += [f"{report.pending} entries left for the next poll"] if report.pending else []
    extras += ["stopped"] if report.stopped else []
    return line + (f" ({', '.join(extras)})" if extras else "")


def backoff_seconds(failures: int, every: float, settings: Settings) -> float:
    """How long a feed that failed `failures` times in a row waits: every × 2^failures, capped."""
    return min(every * 2.0 ** min(failures, 60), settings.watch_max_backoff_seconds)


def poll(
    db: Store,
    settings: Settings,
    *,
    fetcher: Fetcher,
    on_problem: OnProblem | None = None,
    every: float | None = None,
    once: bool = False,
    stop_event: threading.Event | None = None,
    engine: Engine | None = None,
) -> PollReport:
    """One pass over the due feeds (`once`: over every feed not retired nor backing off).

    `engine` cleans the new articles (default: in this process), as it does for `ingest`.
    """
    from newsfuse.fetch import FetchRequest

    every = every if every is not None else settings.watch_every_seconds
    report = PollReport()
    requests_before = fetcher.requests_made

    def problem(error: InputError) -> None:
        report.errors += 1
        if on_problem:
            on_problem(error)

    def halted() -> bool:
        stop.check()
        if stop_event is not None and stop_event.is_set():
            report.stopped = True
        return report.stopped

    feeds = {f.id: f for f in db.due_feeds(report.at, healthy_too=once)}
    report.waiting = sum(1 for f in db.feeds() if not f.retired and f.failures and f.id not in feeds)
    answered: list[int] = []  # feeds that answered (their pending entries are fetched now)
    asks = [
        FetchRequest(f.url, f.etag, f.last_modified, accept=FEED_ACCEPT, tag=f.id) for f in feeds.values()
    ]
    if asks and not halted():
        for request, result in fetcher.get_many(asks):
            assert isinstance(request.tag, int)
            feed = feeds[request.tag]
            if _record_feed(db, feed, result, settings, every, report, problem):
                answered.append(feed.id)
            if halted():
                break
    if answered and not report.stopped:
        _fetch_entries(db, answered, settings, fetcher, report, problem, halted, engine)
    report.requests = fetcher.requests_made - requests_before
    return report


def _record_feed(
    db: Store,
    feed: FeedRow,
    result: Fetched | FetchError,
    settings: Settings,
    every: float,
    report: PollReport,
    problem: OnProblem,
) -> bool:
    """One feed's answer recorded (one transaction); True when it answered (new entries or not)."""
    from newsfuse.fetch import FetchError
    from newsfuse.ingest.feed import parse_feed

    now = utc_now()
    report.feeds_checked += 1
    if isinstance(result, FetchError):
        report.feeds_failed += 1
        problem(result.input_error())
        if result.status == 410:
            report.retired += 1
            db.feed_retired(feed.id, result.problem, checked=now)
        else:
            db.feed_failed(feed.id, result.problem, checked=now, backoff=_backoff(every, settings))
        return False
    if result.not_modified:
        report.not_modified += 1
        db.feed_not_modified(feed.id, checked=now, next_check=now + dt.timedelta(seconds=every))
        return True
    try:
        parsed = parse_feed(result.body, feed.url, charset=result.charset, base=result.url)
    except InputError as error:
        report.feeds_failed += 1
        problem(error)
        db.feed_failed(feed.id, error.problem, checked=now, backoff=_backoff(every, settings))
        return False
    entries = [
        NewEntry(e.key, e.link, json.dumps(dataclasses.asdict(e), ensure_ascii=False)) for e in parsed.entries
    ]
    db.feed_fetched(
        feed.id,
        entries,
        etag=result.etag,
        last_modified=result.last_modified,
        title=parsed.title,
        checked=now,
        next_check=now + dt.timedelta(seconds=every),
    )
    return True


def _backoff(every: float, settings: Settings) -> Callable[[int], float]:
    return lambda failures: backoff_seconds(failures, every, settings)


@dataclass
class _Entries:
    """The entries one poll fetches: whose they are, and what became of them."""

    owner: dict[int, PendingEntry] = field(default_factory=dict)  # id(FeedEntry) -> its row
    handed: dict[tuple[int, str], str] = field(default_factory=dict)  # yielded to ingest -> raw key
    failed: set[tuple[int, str]] = field(default_factory=set)  # no article this time


def _fetch_entries(
    db: Store,
    feed_ids: Sequence[int],
    settings: Settings,
    fetcher: Fetcher,
    report: PollReport,
    problem: OnProblem,
    halted: Callable[[], bool],
    engine: Engine | None,
) -> None:
    """Fetch the pending entries of the feeds that answered, ingest their articles, settle them."""
    from newsfuse.api import ingest_items
    from newsfuse.ingest import raw_key
    from newsfuse.ingest.feed import FeedEntry, entry_articles

    pending = db.pending_entries(feed_ids)
    done = db.settle_entries(pending)  # stored before a restart (or by another feed)
    pending = [p for p in pending if (p.feed_id, p.key) not in done]
    if not pending:
        report.pending = 0
        db.feed_new_articles(dict.fromkeys(feed_ids, 0))
        return
    try:
        with db.writer():  # the store is not being written by another process: worth fetching
            pass
    except StoreBusyError as exc:
        problem(InputError(str(db.path), f"{exc.args[0].split(': ', 1)[-1]}; entries left for the next poll"))
        report.pending = len(pending)
        return
    state = _Entries()
    linked: list[FeedEntry] = []  # their pages fetched in one stream, whatever their feed
    unlinked: dict[int, list[FeedEntry]] = {}  # per feed: nothing to fetch, named by their feed
    links: set[str] = set()
    for row in pending:
        link = canonical_url(row.link)
        if link is not None and link in links:
            continue  # the same article in two feeds: fetched once, settled by its link afterwards
        entry = FeedEntry(**_entry_fields(row))
        state.owner[id(entry)] = row
        if link is None:
            unlinked.setdefault(row.feed_id, []).append(entry)
        else:
            links.add(link)
            linked.append(entry)
    urls = {f.id: f.url for f in db.feeds()}
    streams = [entry_articles(linked, fetcher, settings, "feed")]
    streams += [entry_articles(e, None, settings, urls.get(f, "feed")) for f, e in unlinked.items()]

    def articles() -> Iterator[RawArticle]:
        found = itertools.chain.from_iterable(streams)
        try:
            for entry, item in found:
                row = state.owner[id(entry)]
                if isinstance(item, InputError):
                    state.failed.add((row.feed_id, row.key))
                    problem(item)
                    continue
                db.entry_fetched(row.feed_id, row.key, item.url)  # before ingest: a restart knows it
                state.handed[(row.feed_id, row.key)] = raw_key(item)
                yield item
                if halted():
                    return
        finally:
            for stream in streams:  # generators: the fetches under way are given up
                close = getattr(stream, "close", None)
                if close is not None:
                    close()

    before = db.last_article_id()
    try:
        added = ingest_items(articles(), db, settings=settings, on_problem=problem, engine=engine)
        report.new_articles = added.added
    except StoreBusyError as exc:
        problem(InputError(str(db.path), str(exc).split(": ", 1)[-1]))
    finally:
        report.stories_touched = len(db.stories_since(before))
        stopping = report.stopped or stop.requested() is not None
        _settle(db, feed_ids, pending, state, report, problem, stopping=stopping)


def _settle(
    db: Store,
    feed_ids: Sequence[int],
    pending: Sequence[PendingEntry],
    state: _Entries,
    report: PollReport,
    problem: OnProblem,
    *,
    stopping: bool,
) -> None:
    """Entries whose article is now stored marked so; those that gave none counted a failed attempt."""
    by_raw = [key for key, raw in state.handed.items() if db.has_raw(raw)]
    done = db.settle_entries(pending, stored=by_raw)
    new: dict[int, int] = dict.fromkeys(feed_ids, 0)
    for key in state.handed.keys() & done:
        new[key[0]] += 1
    if not stopping:
        for row in pending:
            key = (row.feed_id, row.key)
            if key in done or (key not in state.failed and key not in state.handed):
                continue
            if db.entry_failed(row.feed_id, row.key, max_attempts=ENTRY_ATTEMPTS):
                where = row.link or row.final_url or f"feed {row.feed_id}: entry {row.key}"
                problem(InputError(where, f"no article after {ENTRY_ATTEMPTS} attempts: given up"))
    db.feed_new_articles(new)
    report.pending = len(db.pending_entries(new))


def _entry_fields(row: PendingEntry) -> dict[str, Any]:
    """The stored JSON of an entry, as `FeedEntry`'s fields (a row kept by hand may lack some)."""
    from newsfuse.ingest.feed import FeedEntry

    try:
        data = json.loads(row.data)
    except ValueError:
        data = {}
    names = [f.name for f in dataclasses.fields(FeedEntry)]
    fields = {name: data.get(name) if isinstance(data, dict) else None for name in names}
    fields["key"], fields["link"] = row.key, row.link
    return fields


# --- the loop -----------------------------------------------------------------------------------------


def run_watch(
    db: str | os.PathLike[str] | Store,
    settings: Settings | None = None,
    *,
    every: float | None = None,
    once: bool = False,
    stop_event: threading.Event | None = None,
    on_poll: Callable[[PollReport], None] | None = None,
    on_problem: OnProblem | None = None,
    engine: Engine | None = None,
) -> PollReport | None:
    """Poll the store's feeds until stopped (`once`: one poll); the last poll's report.

    Between polls it sleeps until the next feed is due (feeds added meanwhile, e.g. from the web
    app, are seen within seconds). One watch per store at a time (a lock file beside it).
    """
    from newsfuse.fetch import Fetcher

    settings = settings or Settings()
    every = every if every is not None else settings.watch_every_seconds
    store = db if isinstance(db, Store) else open_store(db)
    last: PollReport | None = None
    try:
        with _watch_lock(store), Fetcher(settings) as fetcher:
            while True:
                last = poll(
                    store,
                    settings,
                    fetcher=fetcher,
                    on_problem=on_problem,
                    every=every,
                    once=once,
                    stop_event=stop_event,
                    engine=engine,
                )
                if on_poll and (last.feeds_checked or once):
                    on_poll(last)
                if once or last.stopped or not _wait_for_due(store, every, stop_event):
                    return last
    finally:
        if not isinstance(db, Store):
            store.close()


def _wait_for_due(store: Store, every: float, stop_event: threading.Event | None) -> bool:
    """Sleep until a feed is due; False when asked to stop first (event), `Stopped` on a signal."""
    looked = 0.0
    due = store.next_feed_check()
    while True:
        stop.check()
        if stop_event is not None and stop_event.is_set():
            return False
        now = time.monotonic()
        if now - looked >= RECHECK:
            looked, due = now, store.next_feed_check()
        if due is not None and due <= utc_now():
            return True
        if stop_event is not None:
            stop_event.wait(TICK)
        else:
            time.sleep(TICK)


@contextlib.contextmanager
def _watch_lock(store: Store) -> Iterator[None]:
    """One watch per store: a lock file beside it, released by the OS even on kill -9."""
    fd = os.open(f"{store.path}.watch.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise NewsfuseError(f"{store.path}: another newsfuse watch is polling this store") from None
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
