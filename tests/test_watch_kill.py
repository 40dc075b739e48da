"""`newsfuse watch` killed (SIGKILL) or stopped (SIGINT) mid-poll, then run again: every entry stored
exactly once, and no page fetched twice whose article was stored before the kill.

The watch runs as a subprocess (`python -m newsfuse watch`) against feeds and slow pages on
127.0.0.1. The kill comes from the api's test hook (`NEWSFUSE_TEST_INGEST` "signal_after=N:KILL":
the process kills itself inside the transaction storing its Nth article, so N-1 are stored), or
from the test once the store file shows articles. The watch run again after it runs in this process.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from newsfuse import api
from newsfuse.errors import InputError
from newsfuse.store import open_store
from newsfuse.watch import PollReport, run_watch
from tests.localhttp import Reply
from tests.test_watch import SETTINGS, Site, entry_states
from tests.test_watch import site as site  # the fixture

ROOT = Path(__file__).resolve().parents[1]
FAST = [
    "-s",
    "fetch_host_interval=0",
    "-s",
    "fetch_retries=0",
    "-s",
    "fetch_timeout=5",
    "-s",
    "engine_chunk=1",
]


def slow_feeds(site: Site, feeds: int = 2, entries: int = 5, delay: float = 0.15) -> list[str]:
    """Feeds whose pages answer slowly; each feed's first entry links to a redirect to its page."""
    urls = []
    n = 0
    for f in range(feeds):
        items = []
        for e in range(entries):
            item = site.page(f"/o{f}/a{n}.html", n, n % 3, delay=delay)
            if e == 0:
                site.server.routes[f"/o{f}/r{n}"] = Reply(302, b"", {"Location": f"/o{f}/a{n}.html"})
                item = (item[0], site.server.url(f"/o{f}/r{n}"), item[2], item[3])
            items.append(item)
            n += 1
        urls.append(site.feed(f"/o{f}/feed.xml", f"Slow Outlet {f}", items))
    return urls


def watch(db: Path, *args: str, hook: str | None = None, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop(api.TEST_HOOK_ENV, None)
    if hook:
        env[api.TEST_HOOK_ENV] = hook
    return subprocess.Popen(
        [sys.executable, "-m", "newsfuse", "watch", "--db", str(db), *FAST, *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def rerun(db: Path, problems: list[InputError] | None = None) -> PollReport:
    """The watch run again after the kill, in this process (its models are loaded once per session)."""
    report = run_watch(db, SETTINGS, once=True, on_problem=(problems if problems is not None else []).append)
    assert report is not None
    return report


def stored_pages(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return [r[0].split(":", 2)[-1].split("/", 1)[-1] for r in conn.execute("SELECT url FROM articles")]


def article_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def asked_again(before: list[str], resumed: set[str]) -> set[str]:
    """Pages stored before the kill that the resumed watch asked for (their redirect included)."""
    redirects = {page: page.replace("/a", "/r").removesuffix(".html") for page in before}
    return {page for page in before if page in resumed or redirects[page] in resumed}


@pytest.mark.parametrize("kill_after", [2, 5])
def test_a_watch_killed_mid_poll_loses_nothing_and_refetches_nothing_stored(
    tmp_path: Path, site: Site, kill_after: int
) -> None:
    db = tmp_path / "n.db"
    feeds = slow_feeds(site)
    killed = watch(db, "--once", *feeds, hook=f"signal_after={kill_after}:KILL,chunk=1,batch=1")
    _, err = killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL, err
    before = stored_pages(db)
    assert len(before) == kill_after - 1  # the Nth article's transaction died with the process
    mark = len(site.server.log)

    problems: list[InputError] = []
    report = rerun(db, problems)
    assert problems == []
    after = stored_pages(db)
    assert sorted(after) == sorted(set(after)) and len(after) == 10  # every entry exactly once
    assert entry_states(db) == {"stored": 10}
    # nothing stored before the kill was asked for again; each page fetched at most twice
    resumed = {s.path.lstrip("/") for s in site.server.log[mark:]}
    assert asked_again(before, resumed) == set(), (before, resumed)
    assert all(
        n <= 2 for path, n in Counter(s.path for s in site.server.log).items() if path.endswith(".html")
    )
    # the feeds were not fetched again in full: their entries waited in the store, pending
    feed_asks = [s for s in site.server.log[mark:] if s.path.endswith("feed.xml")]
    assert len(feed_asks) == 2 and all(s.headers.get("if-none-match") for s in feed_asks)
    assert (report.feeds_checked, report.not_modified, report.new_articles) == (2, 2, 10 - len(before))
    with open_store(db) as store:
        assert store.check() == []


def test_a_watch_killed_at_any_moment_by_the_clock_resumes(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    feeds = slow_feeds(site, delay=0.3)
    killed = watch(db, "--once", *feeds, hook="chunk=1,batch=1")  # one article a transaction
    deadline = time.monotonic() + 60
    while article_count(db) < 2 and time.monotonic() < deadline and killed.poll() is None:
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=30)
    before = stored_pages(db)
    assert 2 <= len(before) < 10
    mark = len(site.server.log)
    assert rerun(db).errors == 0
    assert len(set(stored_pages(db))) == len(stored_pages(db)) == 10
    resumed = {s.path.lstrip("/") for s in site.server.log[mark:]}
    assert asked_again(before, resumed) == set()


def test_ctrl_c_stops_a_watch_between_writes_and_a_rerun_finishes(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    feeds = slow_feeds(site, delay=0.3)
    running = watch(db, "--every", "1m", *feeds, hook="chunk=1,batch=1")
    deadline = time.monotonic() + 60
    while article_count(db) < 1 and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.02)
    running.send_signal(signal.SIGINT)
    _, err = running.communicate(timeout=60)
    assert running.returncode == 128 + signal.SIGINT, err
    assert "stopped by SIGINT" in err
    with open_store(db) as store:
        assert store.check() == []
        kept = store.counts()["articles"]
    assert 1 <= kept < 10
    before = stored_pages(db)
    mark = len(site.server.log)

    assert rerun(db).new_articles == 10 - kept
    assert len(set(stored_pages(db))) == len(stored_pages(db)) == 10
    assert asked_again(before, {s.path.lstrip("/") for s in site.server.log[mark:]}) == set()
