"""Per-article throughput: newsfuse's engines against spaCy's own `nlp.pipe`, side by side in one run.

Articles: the first `--limit` (default 300) full news texts of ecbplus (../shared/eval/ecbplus,
~330 words each; read at run time, never copied), already in memory as `RawArticle`s.

What is timed:
- floor: spaCy's `nlp.pipe(texts, batch_size=32)` over the cleaned texts, in this process, with
  the pipeline newsfuse analyses with (`load_pipeline("en", FULL)`: tok2vec, tagger, parser,
  attribute_ruler, lemmatizer, ner). The cleaned texts, not the raw ones: they are what must be
  parsed, and they parse a little faster, so the floor is the stricter one. (Raw texts: also
  reported.)
- newsfuse per-article work: everything a brief does per article before consolidation, i.e. the
  `BriefStep` run by an engine: language identification, cleaning, the full spaCy analysis
  (`nlp.pipe` in batches of `nlp_batch_size`), sentence spans, and each article's facts read from
  its parse (figures, mentions, time expressions, sentence features: `consolidate.facts`), sent
  back as plain data with worker processes. Not counted: reading files (the driver's, streaming)
  and consolidation (the cross-article work, once per story).
  - local, 1 worker: in this process, no pool;
  - local, 2 workers: a pool of two spawned processes (pool start-up timed apart);
  - Ray, 2 CPUs: a local cluster (`ray.init(num_cpus=2)`), two actors (start-up timed apart);
  - short: the first `--short` articles (100) with one worker, and with two workers started cold,
    start-up included (a pool's start-up is seconds; the main process works meanwhile).

Every run is repeated `--rounds` times (3), the rounds interleaved; the table gives medians (a
ratio: the median of the per-round ratios, runs of one round sharing the machine's drift).

CPU ms/article: CPU time of this process and all its descendants over the run, per article: the
work's real cost, much less sensitive than articles/s to other jobs sharing the cores (the
floor's and one worker's CPU time compare their costs even on a busy machine).

Peak memory: the largest total RSS of this process and all its descendants (pool workers; Ray's
raylet, GCS and actors), sampled every 0.1 s from /proc during each run (RSS counts pages
shared between processes once per process, so it is an upper bound).

    python bench/throughput.py [--limit N] [--skip-ray]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
ECBPLUS = EVAL / "ecbplus" / "ecbplus_docs.jsonl"


# --- memory: RSS of this process tree, from /proc ---------------------------------------------------


def _tree(root: int) -> tuple[float, float]:
    """(RSS in MB, CPU seconds so far) of `root` and all its descendants."""
    parents: dict[int, int] = {}
    usage: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            usage[int(entry.name)] = (int(fields[21]), int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            continue
    pages = ticks = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        rss, cpu = usage.get(pid, (0, 0))
        pages, ticks = pages + rss, ticks + cpu
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024**2, ticks / os.sysconf("SC_CLK_TCK")


def _tree_rss_mb(root: int) -> float:
    return _tree(root)[0]


@contextmanager
def peak_memory() -> Iterator[dict[str, float]]:
    """Samples this process tree's RSS while the block runs; `["peak_mb"]` once it is done."""
    result = {"peak_mb": _tree_rss_mb(os.getpid())}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            result["peak_mb"] = max(result["peak_mb"], _tree_rss_mb(os.getpid()))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        done.set()
        thread.join()
        result["peak_mb"] = round(max(result["peak_mb"], _tree_rss_mb(os.getpid())), 0)


# --- the runs ------------------------------------------------------------------------------------


def load_articles(limit: int) -> list[Any]:
    from newsfuse.models import RawArticle

    raws = []
    with ECBPLUS.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n >= limit:
                break
            raws.append(RawArticle(text=json.loads(line)["text"], path="ecbplus", record=n + 1, fmt="json"))
    return raws


def timed(run: Callable[[], int], articles: int) -> dict[str, float]:
    cpu_before = _tree(os.getpid())[1]
    with peak_memory() as memory:
        began = time.perf_counter()
        done = run()
        seconds = time.perf_counter() - began
    cpu = _tree(os.getpid())[1] - cpu_before  # this process and all its descendants
    assert done == articles, (done, articles)
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(articles / seconds, 2),
        "cpu_ms_per_article": round(1000 * cpu / articles, 1),
        **memory,
    }


def engine_run(engine: Any, raws: list[Any], settings: Any) -> Callable[[], int]:
    from newsfuse.consolidate.facts import ArticleFacts, BriefStep

    def run() -> int:
        return sum(1 for r in engine.run(BriefStep(settings), raws) if isinstance(r, ArticleFacts))

    return run


def started(engine: Any, raws: list[Any], settings: Any) -> float:
    """Seconds to start the engine's workers (a warm-up run over a few chunks, not counted)."""
    from newsfuse.consolidate.facts import BriefStep

    began = time.perf_counter()
    if hasattr(engine, "start"):  # the local pool: wait for its workers, or chunks run here
        engine.start(BriefStep(settings))
    engine_run(engine, raws[: 2 * 2 * settings.engine_chunk], settings)()
    return round(time.perf_counter() - began, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--skip-ray", action="store_true", help="leave out the Ray run")
    parser.add_argument("--short", type=int, default=100, help="articles of the cold-start run (100)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every run; medians reported (3)")
    args = parser.parse_args()
    if not ECBPLUS.is_file():
        print(f"skipped: {ECBPLUS} not found (the shared evaluation data is absent)")
        return

    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL
    from newsfuse.api import clean_articles
    from newsfuse.config import Settings
    from newsfuse.consolidate.facts import BriefStep
    from newsfuse.engine import LocalEngine, RayEngine

    settings = Settings()
    raws = load_articles(args.limit)
    n = len(raws)
    nlp = load_pipeline("en", FULL)
    BriefStep(settings).warm_up()
    cleaned = [a.text for a in clean_articles(raws, settings=settings)]
    assert len(cleaned) == n, "every ecbplus text survives cleaning"
    list(nlp.pipe(cleaned[:8]))  # first-call costs out of the way

    short = raws[: args.short]
    floor_name, one_name = "spaCy nlp.pipe (floor)", "newsfuse local, 1 worker"
    short_one, short_cold = f"short ({len(short)}), 1 worker", f"short ({len(short)}), 2 cold"
    rounds: list[dict[str, dict[str, Any]]] = []
    # every configuration once per round, rounds interleaved: the machine's speed drifts by ±15%
    # over minutes, and ratios within one round compare runs made under the same drift. Each
    # engine lives only for its own run, so each run's peak memory is its own processes'.
    for number in range(args.rounds):
        print(f"round {number + 1} of {args.rounds}…", file=sys.stderr)
        rows: dict[str, dict[str, Any]] = {}
        rows[floor_name] = timed(lambda: sum(1 for _ in nlp.pipe(cleaned, batch_size=32)), n)
        rows["spaCy nlp.pipe, raw texts"] = timed(
            lambda: sum(1 for _ in nlp.pipe([r.text for r in raws], batch_size=32)), n
        )
        with LocalEngine(workers=1) as engine:
            rows[one_name] = timed(engine_run(engine, raws, settings), n)
        with LocalEngine(workers=2) as engine:
            startup = started(engine, raws, settings)
            rows["newsfuse local, 2 workers"] = {
                **timed(engine_run(engine, raws, settings), n),
                "startup_s": startup,
            }
        # a short stream, workers started cold (what `newsfuse brief folder/` does by default):
        # until a worker is ready, the main process works the chunks itself
        with LocalEngine(workers=1) as engine:
            rows[short_one] = timed(engine_run(engine, short, settings), len(short))
        with LocalEngine(workers=2) as engine:
            run = timed(engine_run(engine, short, settings), len(short))
            rows[short_cold] = {**run, "worked_here": engine.worked_here}
        if not args.skip_ray:
            with RayEngine(num_cpus=2) as engine:
                startup = started(engine, raws, settings)
                rows["newsfuse Ray, 2 CPUs"] = {
                    **timed(engine_run(engine, raws, settings), n),
                    "startup_s": startup,
                }
        for name, row in rows.items():
            row["vs_floor"] = row["articles_per_s"] / rows[floor_name]["articles_per_s"]
            one = rows[short_one if name.startswith("short") else one_name]["articles_per_s"]
            row["vs_1_worker"] = row["articles_per_s"] / one
        rounds.append(rows)

    # the median of each measure over the rounds (ratios: the median of each round's ratio)
    rows = {}
    for name in rounds[0]:
        rows[name] = {
            key: round(statistics.median(r[name][key] for r in rounds), 2)
            for key in ("seconds", "articles_per_s", "cpu_ms_per_article", "vs_floor", "vs_1_worker")
        }
        rows[name]["peak_mb"] = max(r[name]["peak_mb"] for r in rounds)
        rows[name]["per_round_articles_per_s"] = [r[name]["articles_per_s"] for r in rounds]
        if "startup_s" in rounds[0][name]:
            rows[name]["startup_s"] = round(statistics.median(r[name]["startup_s"] for r in rounds), 1)

    print(
        f"\n{n} ecbplus articles, {os.cpu_count()} cores, median of {args.rounds} interleaved rounds "
        f"(load average {os.getloadavg()[0]:.1f})\n"
    )
    header = f"{'run':<28} {'art/s':>7} {'× floor':>8} {'× 1 wkr':>8}"
    print(f"{header} {'CPU ms/art':>11} {'peak MB':>8} {'start s':>8}")
    for name, row in rows.items():
        start = f"{row['startup_s']:>8}" if "startup_s" in row else f"{'':>8}"
        print(
            f"{name:<28} {row['articles_per_s']:>7} {row['vs_floor']:>8} {row['vs_1_worker']:>8} "
            f"{row['cpu_ms_per_article']:>11} {row['peak_mb']:>8.0f} {start}"
        )
    write_result(
        "throughput",
        {
            "machine": machine_info(),
            "load_average_1min": round(os.getloadavg()[0], 2),
            "articles": n,
            "dataset": "ecbplus (first N docs)",
            "counted": "BriefStep: language id, cleaning, full spaCy analysis and each article's facts "
            "(sent back as plain data by worker processes); not reading, not consolidation",
            "pipes": nlp.pipe_names,
            "rounds": args.rounds,
            "runs": rows,
            "aims": {"single_process_vs_floor": 0.8, "two_workers_vs_one": 1.7},
        },
    )


if __name__ == "__main__":
    main()
