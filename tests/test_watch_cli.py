"""`newsfuse watch` as a user runs it (a subprocess): its one line per poll, its exit codes, a list of
feeds given as a file; and `serve --watch`'s loop beside the web app (in this process)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from newsfuse.cli_watch import watching
from newsfuse.store import open_store
from tests.test_watch import SETTINGS, Site, entry_states, three_feeds
from tests.test_watch import site as site  # the fixture

ROOT = Path(__file__).resolve().parents[1]
FAST = ["-s", "fetch_host_interval=0", "-s", "fetch_retries=0", "-s", "fetch_timeout=5"]
LINE = re.compile(
    r"^poll \d\d:\d\d: (\d+) feeds? checked \((\d+) not modified\), (\d+) new articles?, (\d+) stor(?:y|ies) "
    r"touched, (\d+) errors?"
)


def newsfuse(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "newsfuse", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_watch_once_twice_from_a_file_of_feeds(tmp_path: Path, site: Site) -> None:
    feeds = three_feeds(site)
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\n" + "\n".join(feeds[:2]) + "\n\n")
    first = newsfuse("watch", "--once", "--db", "n.db", *FAST, str(listing), "missing.txt", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "missing.txt" in first.stderr  # one line for the bad argument, the rest goes on
    (line,) = first.stdout.splitlines()
    match = LINE.match(line)
    assert match, line
    assert [int(n) for n in match.groups()] == [2, 0, 6, 3, 0]

    mark = len(site.server.log)
    second = newsfuse("watch", "--once", "--db", "n.db", *FAST, cwd=tmp_path)  # the store's feeds
    assert second.returncode == 0, second.stderr
    match = LINE.match(second.stdout)
    assert match and [int(n) for n in match.groups()] == [2, 2, 0, 0, 0], second.stdout
    seen = site.server.log[mark:]
    assert sorted(s.path for s in seen) == sorted(["/robots.txt", "/o0/feed.xml", "/o1/feed.xml"])
    assert all(s.headers.get("if-none-match") for s in seen if s.path != "/robots.txt")


def test_watch_says_what_is_wrong_and_fails(tmp_path: Path, site: Site) -> None:
    nothing = newsfuse("watch", "--once", "--db", "n.db", cwd=tmp_path)
    assert nothing.returncode == 1
    assert "no feeds" in nothing.stderr and "newsfuse watch" in nothing.stderr
    gone = site.server.url("/gone.xml")
    failing = newsfuse("watch", "--once", "--db", "n.db", *FAST, gone, cwd=tmp_path)
    assert failing.returncode == 1  # no feed answered
    assert failing.stderr.count("\n") == 1 and gone in failing.stderr and "404" in failing.stderr
    assert LINE.match(failing.stdout).groups()[-1] == "1"  # type: ignore[union-attr]
    bad = newsfuse("watch", "--once", "--db", "n.db", "--every", "soon", cwd=tmp_path)
    assert bad.returncode == 2 and "--every" in bad.stderr


def test_serve_watch_polls_beside_the_app_and_stops_with_it(tmp_path: Path, site: Site) -> None:
    db = tmp_path / "n.db"
    feeds = three_feeds(site)
    with watching(db, SETTINGS, feeds):  # what `serve --watch FEEDS` wraps around the server
        deadline = time.monotonic() + 60
        while entry_states(db).get("stored", 0) < 9:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    with open_store(db) as store:
        assert [f.last_status for f in store.feeds()] == ["ok"] * 3
    mark = len(site.server.log)
    time.sleep(0.5)
    assert len(site.server.log) == mark  # the loop ended with the server


def test_feeds_lists_follows_and_removes(tmp_path: Path, site: Site) -> None:
    missing = newsfuse("feeds", "--db", "n.db", cwd=tmp_path)
    assert missing.returncode == 1 and "no such store" in missing.stderr
    gone = site.server.url("/gone.xml")
    feeds = three_feeds(site)[:1]
    assert newsfuse("watch", "--once", "--db", "n.db", *FAST, *feeds, gone, cwd=tmp_path).returncode == 0
    listed = newsfuse("feeds", "--db", "n.db", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert feeds[0] in listed.stdout and gone in listed.stdout
    assert "404" in listed.stdout  # a failing feed's last error is shown under it
    assert re.search(r"\bok\b.*\b3 entries, 3 new last poll", listed.stdout), listed.stdout
    changed = newsfuse(
        "feeds", "--db", "n.db", "--remove", gone, "--follow", site.server.url("/o2/feed.xml"), cwd=tmp_path
    )
    assert changed.returncode == 0, changed.stderr
    assert "removed" in changed.stderr and "following" in changed.stderr
    document = json.loads(newsfuse("feeds", "--db", "n.db", "--json", cwd=tmp_path).stdout)
    assert [f["url"] for f in document["feeds"]] == [feeds[0], site.server.url("/o2/feed.xml")]
    assert document["feeds"][1]["last_status"] is None  # followed, not polled yet
    unknown = newsfuse("feeds", "--db", "n.db", "--remove", "99", cwd=tmp_path)
    assert unknown.returncode == 1 and "no such feed" in unknown.stderr
    not_url = newsfuse("feeds", "--db", "n.db", "--follow", "feeds.txt", cwd=tmp_path)
    assert not_url.returncode == 2 and "not an http(s) URL" in not_url.stderr
