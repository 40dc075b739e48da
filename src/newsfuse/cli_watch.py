"""`newsfuse watch` and the watch beside `newsfuse serve`: parse, call `watch.run_watch`, print."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsfuse.cli import (
    Address,
    EngineChoice,
    Quiet,
    SettingPairs,
    SettingsFile,
    StorePath,
    Workers,
    _engine,
    _notes,
    _say,
    _settings,
    app,
)
from newsfuse.config import Settings, parse_duration
from newsfuse.errors import InputError, NewsfuseError

if TYPE_CHECKING:
    from newsfuse.store import FeedRow, Store

log = logging.getLogger("newsfuse.watch")


@app.command()
def watch(
    feeds: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feeds to add to the store's: feed URLs, OPML files or URLs, files of feed URLs "
            "(one per line, # comments). None: the store's feeds."
        ),
    ] = None,
    db: StorePath = Path("newsfuse.db"),
    every: Annotated[
        str | None,
        typer.Option("--every", help="Poll each feed this often: 90s, 10m, 2h, 1d (setting watch_every)."),
    ] = None,
    once: Annotated[
        bool,
        typer.Option(
            "--once",
            help="Poll once and exit: every feed not retired and not backing off (a failing feed waits "
            "out its backoff).",
        ),
    ] = False,
    quiet: Quiet = False,
    setting: SettingPairs = None,
    settings_file: SettingsFile = None,
    engine: EngineChoice = "local",
    workers: Workers = None,
    address: Address = None,
) -> None:
    """Poll feeds and ingest their new articles into the store, grouped into stories as `ingest` does.

    Each feed is asked with a conditional GET (an unchanged feed costs one request); new entries'
    pages are fetched and extracted, falling back to the entry's own text. A failing feed waits
    longer after each failure (up to watch_max_backoff); one that answers 410 Gone is retired.
    Prints one line per poll. Ctrl-C stops after the current write; run it again to go on, nothing
    stored is fetched again. New articles are cleaned in this process unless --workers asks for a
    pool (worth it when polls bring hundreds of articles).
    """
    from newsfuse.engine.stop import Stopped, stop_signals
    from newsfuse.store import open_store
    from newsfuse.watch import poll_line, run_watch

    settings = _settings(setting, settings_file)
    seconds = _every(every, settings)

    def problem(error: InputError) -> None:
        _say(str(error), error=True)

    try:
        # notes: an entry read from its feed's own text...; the engine: in this process unless --workers
        in_process = workers is None and engine.lower() == "local"
        with stop_signals(), _notes(quiet), _engine(engine, 1 if in_process else workers, address) as runner:
            with open_store(db) as store:
                _add_feeds(store, feeds or [], settings, problem)
                if not any(not f.retired for f in store.feeds()):
                    what = "no feed to poll" if store.feeds() else "no feeds"
                    raise NewsfuseError(f"{db}: {what}: name feeds, e.g. `newsfuse watch --db {db} FEED_URL`")
            last = run_watch(
                db,
                settings,
                every=seconds,
                once=once,
                on_poll=None if quiet else lambda report: print(poll_line(report), flush=True),
                on_problem=problem,
                engine=runner,
            )
    except Stopped as stopped:
        _say(
            f"{db}: watch stopped by {stopped.name}; run it again to go on (nothing stored is fetched again)"
        )
        sys.exit(stopped.exit_code)
    if once and last is not None and last.feeds_checked and last.feeds_failed == last.feeds_checked:
        sys.exit(1)  # no feed answered


@app.command()
def feeds(
    db: StorePath = Path("newsfuse.db"),
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON document: the feeds and their state.")
    ] = False,
    follow: Annotated[
        list[str] | None,
        typer.Option("--follow", help="Follow this feed URL (again: a retired feed is polled again)."),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", help="Stop following this feed (its URL or id); its articles stay."),
    ] = None,
) -> None:
    """List the feeds the store follows and what each one's last poll gave; follow or remove some."""
    import dataclasses
    import json

    from newsfuse.fetch import is_url
    from newsfuse.store import open_reader, open_store

    if not db.exists():
        raise NewsfuseError(f"{db}: no such store: follow feeds with `newsfuse watch --db {db} FEED_URL`")
    if follow or remove:
        with open_store(db) as store:
            for url in follow or []:
                if not is_url(url):
                    raise typer.BadParameter(f"{url!r}: not an http(s) URL", param_hint="--follow")
                _say(f"following {store.add_feed(url.strip()).url}")
            known = store.feeds()
            for ref in remove or []:
                found = [f for f in known if f.url == ref.strip() or str(f.id) == ref.strip()]
                if not found:
                    raise NewsfuseError(
                        f"{ref}: the store follows no such feed (see `newsfuse feeds --db {db}`)"
                    )
                store.remove_feed(found[0].id)
                _say(f"removed {found[0].url}")
    with open_reader(db) as store:
        rows = store.feeds()
    if as_json:
        print(json.dumps({"feeds": [dataclasses.asdict(row) for row in rows]}, indent=2, ensure_ascii=False))
        return
    if not rows:
        _say(f"{db}: no feeds: follow some with `newsfuse watch --db {db} FEED_URL`")
    for row in rows:
        print(_feed_line(row))


def _feed_line(row: FeedRow) -> str:
    """One feed as `feeds` lists it: id, state, counts, URL and its last error."""
    state = "retired" if row.retired else (row.last_status or "not polled yet")
    checked = f"checked {row.last_checked[:16].replace('T', ' ')}" if row.last_checked else "never checked"
    upcoming = f", next {row.next_check[:16].replace('T', ' ')}" if row.next_check and not row.retired else ""
    failures = f", failed {row.failures}× in a row" if row.failures else ""
    line = (
        f"{row.id:>4}  {state:<14} {row.entries:>5} entries, {row.last_new} new last poll; "
        f"{checked}{upcoming}{failures}\n      {row.url}"
    )
    if row.title:
        line += f"  ({row.title})"
    if row.last_error and state in ("failed", "retired"):
        line += f"\n      {row.last_error}"
    return line


def _every(every: str | None, settings: Settings) -> float:
    if every is None:
        return settings.watch_every_seconds
    try:
        return parse_duration(every, "--every")
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None


def _add_feeds(
    store: Store, args: Sequence[str], settings: Settings, problem: Callable[[InputError], None]
) -> None:
    """The feeds named on the command line added to the store's (those already there left as they are:
    a retired one is said so, not revived, so a scheduled `watch --once LIST` keeps their state)."""
    from newsfuse.ingest.feed_list import feed_list

    if not args:
        return
    urls, errors = feed_list(args, settings)
    for error in errors:
        problem(error)
    known = {f.url: f for f in store.feeds()}
    for url in urls:
        feed = known.get(url.strip())
        if feed is None:
            store.add_feed(url)
        elif feed.retired:
            problem(InputError(url, f"retired ({feed.last_error or 'HTTP 410 Gone'}): not polled"))
    if args and not urls:
        raise NewsfuseError(f"no feed found in {', '.join(args)}")


_RESTART_PAUSE = 60  # seconds before `serve --watch` polls again after an unexpected error


@contextlib.contextmanager
def watching(db: Path, settings: Settings, feeds: Sequence[str] | None) -> Iterator[None]:
    """`serve --watch FEEDS`: the watch loop in a thread beside the web app, stopped when it ends.

    Its poll lines and problems go to the log (the server's). No FEEDS given (None): nothing runs.
    """
    if feeds is None:
        yield
        return
    from newsfuse.store import open_store
    from newsfuse.watch import poll_line, run_watch

    def problem(error: InputError) -> None:
        log.warning("watch: %s", error)

    with open_store(db) as store:
        _add_feeds(store, [f for f in feeds if f], settings, problem)
    stopping = threading.Event()

    def loop() -> None:
        # a server runs for weeks: an unexpected error costs one pause, not the rest of its watching
        while not stopping.is_set():
            try:
                run_watch(
                    db,
                    settings,
                    stop_event=stopping,
                    on_poll=lambda report: log.info("watch: %s", poll_line(report)),
                    on_problem=problem,
                )
                return
            except NewsfuseError as exc:
                log.error("watch: %s", exc)
                return
            except Exception:
                log.exception("watch: unexpected error; polling again in %d s", _RESTART_PAUSE)
                stopping.wait(_RESTART_PAUSE)

    thread = threading.Thread(target=loop, name="newsfuse-watch", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stopping.set()
        thread.join(timeout=10)
