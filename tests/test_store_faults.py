"""Faults for real: an ingest killed with SIGKILL mid-way, then re-run; a reader while a writer writes.

The ingest runs in a child process (`newsfuse ingest` through the api), is killed at varying
moments, and the store must pass its consistency checks each time; the re-run must end with
every article stored exactly once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfuse.store import open_store

TOPICS = ["harbour fire", "rail strike", "election count", "river flood", "mine collapse", "court ruling"]
ARTICLES = 240  # several write batches of 50: a kill after the first lands mid-way


def _feed(folder: Path) -> Path:
    """Generated articles, about a handful of stories, each text unique."""
    path = folder / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            topic = TOPICS[n % len(TOPICS)]
            place = ["Kessara", "Norland", "Pellmouth", "Arvale", "Dunmore", "Brightwater"][n % len(TOPICS)]
            text = " ".join(
                f"Report {n}.{k} on the {topic} in {place}: officials counted {n * 7 + k} cases and "
                f"residents of {place} described the {topic} to reporters on day {k}."
                for k in range(6)
            )
            record = {"url": f"https://news.example/{n}", "text": text, "title": f"{topic} {n}"}
            out.write(json.dumps(record) + "\n")
    return path


def _ingest(feed: Path, db: Path) -> subprocess.Popen[bytes]:
    code = "import sys, newsfuse; newsfuse.ingest(sys.argv[1], sys.argv[2])"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-c", code, str(feed), str(db)], env=env)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    with open_store(db, readonly=True) as store:
        return store.counts()["revisions"] if store.schema_version else 0


def _wait_for(db: Path, at_least: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if _stored(db) >= at_least:
                return
        except Exception:  # the file is being created
            pass
        time.sleep(0.02)


@pytest.mark.parametrize("kill_after", [1, 50])
def test_an_ingest_killed_mid_way_resumes_with_nothing_lost_or_doubled(
    tmp_path: Path, kill_after: int
) -> None:
    feed, db = _feed(tmp_path), tmp_path / "n.db"
    process = _ingest(feed, db)
    _wait_for(db, kill_after, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with open_store(db) as store:
        assert store.check() == []
        partial = store.counts()["revisions"]
    # mid-way as a rule; a kill that lands after the last commit (the process was exiting) is fine
    assert 0 < partial <= ARTICLES
    rerun = _ingest(feed, db)
    assert rerun.wait(timeout=300) == 0
    with open_store(db) as store:
        assert store.check() == []
        assert store.counts()["revisions"] == store.counts()["articles"] == ARTICLES
        urls = [r[0] for r in store._db.execute("SELECT url FROM articles")]
    assert sorted(urls) == sorted(f"https://news.example/{n}" for n in range(ARTICLES))


def test_a_reader_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    feed, db = _feed(tmp_path), tmp_path / "n.db"
    process = _ingest(feed, db)
    _wait_for(db, 1, process)
    seen: list[int] = []
    with open_store(db, readonly=True) as reader:
        while process.poll() is None:
            counts = reader.counts()
            assert counts["articles"] >= (seen[-1] if seen else 0)
            for story in reader.stories(limit=3):
                assert reader.story_articles(story.id)  # a listed story always has its articles
            seen.append(counts["articles"])
            time.sleep(0.01)
    assert process.returncode == 0
    assert len(set(seen)) > 1  # the reader saw the store grow, not one frozen snapshot
    assert _stored(db) == ARTICLES
