"""The kill test: `kill -9` of `newsfuse ingest --workers 2` at random points, then the same command
again; each resumed store compared with one ingest run to the end, and the processes checked.

    PYTHONPATH=src python bench/killtest.py [--kills 20] [--articles 500] [--seed 18]

Corpus: invented articles (tests/kill_corpus.py: 15 events over five months, reprints, revisions,
undated reports, shuffled), one .json file each. The ingest runs with its default chunks (256
inputs) and write batches (50 articles a transaction); idle stories are pruned every 100 article
ids instead of 1000 (the api's test hook), so that a corpus this size prunes too.

Two kinds of kill point, alternating: "after N" (the test hook SIGKILLs the process inside the
write transaction of its N-th new article: always during the writes) and "at T s" (SIGKILL from
outside at a random time before 85% of an uninterrupted run, drawn again if the ingest ended
first: start-up, reading, the workers' warm-up or the writes). After each kill: the processes
whose environment carries the run's marker (the workers, the resource tracker) are counted at once
and until none is left; then
the same ingest runs again (one worker: where a chunk runs never changes a result) and its store is
compared with the uninterrupted one: the articles, the stories as sets of article keys, the copies
and revisions, and the ids themselves. Prints a table, writes bench/results/killtest.json.
`--src DIR` runs another checkout's newsfuse (e.g. the code before this test, kills "at T" only).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import kill_corpus  # noqa: E402  (the corpus and the comparison the tests use)

HOOK_ENV = "NEWSFUSE_TEST_INGEST"
SIZES = "prune=100"
MARK_ENV = "NEWSFUSE_KILLTEST_MARK"


def marked(mark: str) -> list[int]:
    """Pids of the processes whose environment carries `mark`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def start(src: Path, corpus: Path, db: Path, hook: str, mark: str, workers: int) -> subprocess.Popen[bytes]:
    """The ingest, its stderr to a file: a pipe would stay open while any worker holds it."""
    env = {**os.environ, "PYTHONPATH": str(src), HOOK_ENV: hook, MARK_ENV: mark}
    command = [sys.executable, "-m", "newsfuse", "ingest", str(corpus), "--db", str(db), "-q"]
    command += ["--workers", str(workers)]
    with open(f"{db}.stderr", "ab") as err:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=err)


def finish(process: subprocess.Popen[bytes], db: Path) -> tuple[int, str]:
    """The exit code once the ingest itself has ended (its workers may not have), and its stderr."""
    process.wait(timeout=1800)
    return process.returncode, Path(f"{db}.stderr").read_text(errors="replace").strip()


def stored(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.DatabaseError:
        return 0


def clearing(mark: str, patience: float = 120.0) -> tuple[int, float | None]:
    """(marked processes running right after the parent died, seconds until none was left or None)."""
    began = time.monotonic()
    first = len(marked(mark))
    while marked(mark):
        if time.monotonic() - began > patience:
            return first, None
        time.sleep(0.05)
    return first, round(time.monotonic() - began, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--timed-only", action="store_true", help="only kills at a time (no hook)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "killtest.json")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="newsfuse-killtest-"))
    try:
        corpus = work / "in"
        kill_corpus.write(corpus, args.articles, seed=args.seed)
        whole_db = work / "whole.db"
        began = time.monotonic()
        process = start(args.src, corpus, whole_db, SIZES, f"whole-{uuid.uuid4()}", args.workers)
        code, err = finish(process, whole_db)
        whole_seconds = time.monotonic() - began
        if code != 0:
            raise SystemExit(f"the uninterrupted ingest failed ({code}): {err}")
        whole = kill_corpus.snapshot(whole_db)
        total = len(whole["ids"])  # type: ignore[arg-type]
        print(
            f"uninterrupted: {total} articles, {len(whole['stories'])} stories, "  # type: ignore[arg-type]
            f"{len(whole['copies'])} copies, {whole_seconds:.1f} s with {args.workers} workers"  # type: ignore[arg-type]
        )
        rows = []
        header = f"{'#':>3} {'kill':<12} {'stored':>7} {'left':>5} {'gone in':>8} {'rerun':>6}  result"
        print(header)
        for n in range(args.kills):
            timed = args.timed_only or n % 2 == 1
            db, mark = work / f"kill{n}.db", f"kill-{uuid.uuid4()}"
            if timed:
                reach = 0.85  # of an uninterrupted run; drawn again, nearer the start, if it ended first
                while True:
                    at = round(rng.uniform(0.2, reach * whole_seconds), 2)
                    process = start(args.src, corpus, db, SIZES, mark, args.workers)
                    try:
                        process.wait(timeout=at)
                    except subprocess.TimeoutExpired:
                        process.send_signal(signal.SIGKILL)
                    code, _ = finish(process, db)
                    if code != 0 or reach < 0.3:
                        break
                    for leftover in work.glob(f"kill{n}.db*"):
                        leftover.unlink()
                    reach *= 0.7
                point = f"at {at} s"
            else:
                after = rng.randint(1, total - 1)
                hook = f"{SIZES},signal_after={after}:KILL"
                process = start(args.src, corpus, db, hook, mark, args.workers)
                point = f"after {after}"
                code, _ = finish(process, db)
            left, gone = clearing(mark)
            at_kill = stored(db)
            Path(f"{db}.stderr").unlink(missing_ok=True)
            rerun_code, rerun_err = finish(start(args.src, corpus, db, SIZES, f"rerun-{uuid.uuid4()}", 1), db)
            got = kill_corpus.snapshot(db) if rerun_code == 0 else {}
            differ = kill_corpus.differences(got, whole) if rerun_code == 0 else ["rerun failed"]
            partition_same = "stories" not in differ and rerun_code == 0
            row = {
                "kill": point,
                "killed": code == -signal.SIGKILL,
                "exit": code,
                "stored_at_kill": at_kill,
                "during_writes": 0 < at_kill < total,
                "left_at_kill": left,
                "seconds_until_none_left": gone,
                "rerun_exit": rerun_code,
                "identical": not differ,
                "same_stories": partition_same,
                "differs": differ,
                "rerun_error": rerun_err if rerun_code else None,
            }
            rows.append(row)
            result = "identical (ids too)" if not differ else "DIFFERS: " + ", ".join(differ)
            if code != -signal.SIGKILL:
                result += f" (not killed: exit {code})"
            print(
                f"{n + 1:>3} {point:<12} {at_kill:>7} {left:>5} "
                f"{'-' if gone is None else f'{gone:.2f} s':>8} {rerun_code:>6}  {result}"
            )
        killed = [r for r in rows if r["killed"]]
        summary = {
            "kills": len(killed),
            "during_writes": sum(r["during_writes"] for r in killed),
            "identical": sum(r["identical"] for r in killed),
            "same_stories": sum(r["same_stories"] for r in killed),
            "processes_left_at_kill_max": max((r["left_at_kill"] for r in killed), default=0),
            "processes_left_after_all_gone": sum(r["seconds_until_none_left"] is None for r in killed),
            "seconds_until_none_left_max": max(
                (r["seconds_until_none_left"] or 0 for r in killed), default=0.0
            ),
        }
        print(
            f"{summary['identical']} of {summary['kills']} killed runs resumed identically "
            f"({summary['during_writes']} killed during the writes); same stories in "
            f"{summary['same_stories']}; processes still running after 120 s: "
            f"{summary['processes_left_after_all_gone']}; longest until none left: "
            f"{summary['seconds_until_none_left_max']} s"
        )
        args.output.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "command": "PYTHONPATH=src python bench/killtest.py " + " ".join(sys.argv[1:]),
            "src": str(args.src),
            "corpus": {
                "articles": args.articles,
                "seed": args.seed,
                "stored": total,
                "stories": len(whole["stories"]),  # type: ignore[arg-type]
                "copies": len(whole["copies"]),  # type: ignore[arg-type]
                "revisions": len(whole["revisions"]),  # type: ignore[arg-type]
                "merged": sum(r[1] is not None for r in whole["story_rows"]),  # type: ignore[attr-defined]
            },
            "workers": args.workers,
            "uninterrupted_seconds": round(whole_seconds, 1),
            "summary": summary,
            "runs": rows,
        }
        args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.output}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
