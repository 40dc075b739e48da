"""The kill test: an ingest killed (`kill -9`) or stopped (SIGTERM) at any point and run again stores
exactly what one run to the end stores, and leaves no process behind.

60 invented articles (tests/kill_corpus.py: 15 events over five months, reprints, revisions,
undated reports, in a shuffled order) through small chunks, write batches and prune period
(the api's test hook, `NEWSFUSE_TEST_INGEST`), so a small corpus crosses every boundary. Kill
points come from a fixed seed. bench/killtest.py runs 20 on a larger corpus.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsfuse import api
from newsfuse.cluster import StoryGrouper
from newsfuse.cluster_features import Ready
from newsfuse.engine import stop
from tests import kill_corpus

ARTICLES = 60
SIZES = "chunk=16,batch=5,prune=20"  # boundaries a 60-article ingest crosses several times each
KILL_POINTS = random.Random(18).sample(range(1, ARTICLES - 5), 3)
ROOT = Path(__file__).resolve().parents[1]


class _Crash(BaseException):
    """Stands for the process dying mid-transaction (the transaction is lost either way)."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill") / "in"
    kill_corpus.write(folder, ARTICLES)
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("kill") / "whole.db"
    mp = pytest.MonkeyPatch()
    mp.setenv(api.TEST_HOOK_ENV, SIZES)
    try:
        api.ingest(str(corpus), db)
    finally:
        mp.undo()
    return kill_corpus.snapshot(db)


def test_the_corpus_crosses_every_boundary(uninterrupted: dict[str, object]) -> None:
    """Several stories, merges, copies and revisions: what a resumed grouper must get right."""
    stories, copies, revisions = (uninterrupted[k] for k in ("stories", "copies", "revisions"))
    assert isinstance(stories, list) and isinstance(copies, list) and isinstance(revisions, list)
    assert len(stories) >= 5 and copies and revisions
    merged = [row for row in uninterrupted["story_rows"] if row[1] is not None]  # type: ignore[attr-defined]
    assert merged, "no merge in the corpus: the rebuild of a merged story goes untested"


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_resume_after_a_crash_is_exact(
    kill_at: int,
    corpus: Path,
    uninterrupted: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In process: the ingest dies inside a write transaction after `kill_at` articles, then reruns."""
    db = tmp_path / "resumed.db"
    monkeypatch.setenv(api.TEST_HOOK_ENV, f"{SIZES},signal_after={kill_at}")

    def crash(signum: int) -> None:
        raise _Crash

    monkeypatch.setattr(api._Ingest, "signal", staticmethod(crash))
    with pytest.raises(_Crash):
        api.ingest(str(corpus), db)
    monkeypatch.setenv(api.TEST_HOOK_ENV, SIZES)
    report = api.ingest(str(corpus), db)
    assert report.unchanged > 0  # it did resume
    got = kill_corpus.snapshot(db)
    assert kill_corpus.differences(got, uninterrupted) == []


def _marked(mark: str) -> list[int]:
    """Pids of the processes whose environment carries `mark` (the ingest's workers, tracker...)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if mark.encode() in (entry / "environ").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return pids


def _left_running(mark: str, patience: float = 60.0) -> list[int]:
    """The marked processes still running once they had `patience` seconds to go (normally: none,
    within a second)."""
    deadline = time.monotonic() + patience
    while (pids := _marked(mark)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return pids


def _cli_ingest(
    corpus: Path, db: Path, hook: str, mark: str, workers: int
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        api.TEST_HOOK_ENV: hook,
        "NEWSFUSE_KILLTEST_MARK": mark,
    }
    command = [sys.executable, "-m", "newsfuse", "ingest", str(corpus), "--db", str(db), "-q"]
    command += ["--workers", str(workers), "-s", "engine_chunk=8"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")
def test_kill_9_of_an_ingest_with_workers(
    corpus: Path, uninterrupted: dict[str, object], tmp_path: Path
) -> None:
    """kill -9 mid-transaction with two worker processes: none of them (nor the resource tracker)
    keeps running, and the rerun stores what one run to the end stores."""
    db, mark = tmp_path / "killed.db", f"kill-{uuid.uuid4()}"
    killed = _cli_ingest(corpus, db, f"{SIZES},signal_after={KILL_POINTS[0]}:KILL", mark, workers=2)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _left_running(mark) == []
    rerun = _cli_ingest(corpus, db, SIZES, mark, workers=1)
    assert rerun.returncode == 0, rerun.stderr
    assert kill_corpus.differences(kill_corpus.snapshot(db), uninterrupted) == []


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")
def test_sigterm_stops_an_ingest_between_transactions(
    corpus: Path, uninterrupted: dict[str, object], tmp_path: Path
) -> None:
    """SIGTERM: the open write batch is finished, the workers closed, one line said, exit 143."""
    db, mark = tmp_path / "stopped.db", f"term-{uuid.uuid4()}"
    stopped = _cli_ingest(corpus, db, f"{SIZES},signal_after={KILL_POINTS[1]}:TERM", mark, workers=2)
    assert stopped.returncode == 128 + signal.SIGTERM, stopped.stderr
    lines = stopped.stderr.strip().splitlines()
    assert len(lines) == 1 and "stopped by SIGTERM" in lines[0] and "run the same command again" in lines[0]
    assert _left_running(mark) == []
    stored = kill_corpus.snapshot(db)["ids"]
    assert isinstance(stored, list) and len(stored) >= KILL_POINTS[1]  # the open batch was finished
    assert f": {len(stored)} added before the stop" in lines[0]
    rerun = _cli_ingest(corpus, db, SIZES, mark, workers=1)
    assert rerun.returncode == 0, rerun.stderr
    assert kill_corpus.differences(kill_corpus.snapshot(db), uninterrupted) == []


def test_a_first_signal_asks_a_second_interrupts() -> None:
    """`stop_signals`: the first SIGTERM sets the flag `check` raises on; the second raises at once."""
    before = signal.getsignal(signal.SIGTERM)
    with stop.stop_signals():
        assert stop.requested() is None
        stop.check()  # nothing asked
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.requested() == signal.SIGTERM
        with pytest.raises(stop.Stopped) as asked:
            stop.check()
        assert asked.value.exit_code == 143 and asked.value.name == "SIGTERM"
        with pytest.raises(stop.Stopped):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # the handler runs at the next bytecode; never reached
    assert stop.requested() is None
    assert signal.getsignal(signal.SIGTERM) == before


def _state(grouper: StoryGrouper) -> dict[str, object]:
    """Everything a grouper's next decision can read, orders included."""
    return {
        "seen": grouper.seen,
        "df": {t: v for t, v in grouper.df.items() if v},
        "latest": grouper._latest,
        "stories": {
            s.id: (
                list(s.centroid.items()),
                list(s.universal.items()),
                s.norm,
                s.universal_norm,
                sorted(s.keys),
                s.first,
                s.last,
                s.articles,
                [(list(m.words.items()), list(m.universal.items()), m.language) for m in s.members],
                dict(s.languages),
            )
            for s in grouper.stories.values()
        },
        "article_story": {a: grouper.resolve(s) for a, s in grouper._article_story.items()},
        "posted": {k: p for k in grouper.postings if (p := grouper._posted(k))},
        "copies": sorted(grouper.copies._sizes.items()),
        "originals": sorted(grouper.copies._originals.items()),
        "copy_keys": sorted(grouper.copies._keys.items()),
    }


def test_a_restored_grouper_is_the_running_one(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After every chunk, the grouper restored from the store equals the one that ran on."""
    monkeypatch.setenv(api.TEST_HOOK_ENV, SIZES)
    checked = []
    add_all = api._Ingest.add_all

    def add_and_compare(session: api._Ingest, items: Sequence[Ready], *, keep_order: bool = False) -> None:
        add_all(session, items, keep_order=keep_order)
        hook = session.hook
        seen, df, rows = session.store.grouping_state(StoryGrouper.active_days(session.settings), hook.prune)
        restored = StoryGrouper.restore(session.settings, seen, df, rows, prune_every=hook.prune)
        assert _state(restored) == _state(session.grouper)
        checked.append(len(session.grouper.stories))

    monkeypatch.setattr(api._Ingest, "add_all", add_and_compare)
    api.ingest(str(corpus), tmp_path / "compared.db")
    assert len(checked) >= 4


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")
def test_sigterm_stops_serve(tmp_path: Path) -> None:
    """`newsfuse serve` on SIGTERM: uvicorn's shutdown, the brief warmer not waited for, ended by the
    signal, nothing left running."""
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mark = f"serve-{uuid.uuid4()}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "NEWSFUSE_KILLTEST_MARK": mark,
    }
    command = [
        *(sys.executable, "-m", "newsfuse", "serve", "--create", "--db", str(tmp_path / "s.db")),
        *("--port", str(port)),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=5) as answer:
                    assert answer.status == 200
                    break
            except OSError:
                time.sleep(0.3)
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down, then ends itself with the signal it caught (a shell shows 143)
        assert server.wait(timeout=120) in (-signal.SIGTERM, 128 + signal.SIGTERM)
    finally:
        if server.poll() is None:
            server.kill()
    assert _left_running(mark) == []
