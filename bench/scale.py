"""Ingest at scale: time and peak memory of storing N articles, the fitted growth exponent, and
how well the stories still come out.

The stream has a known number of stories per simulated week: each week, `STORIES_PER_WEEK`
gold events (an ecbplus seminal event or a newswcl50 event; an event comes back at most every
third week, as a new story) each get an even share of the week's articles, built by sampling the
event's texts and perturbing them (sentences dropped and reordered, numbers changed, a marker
word per copy). Articles are spread over the week's days at `PER_DAY` a day. Gold story =
(event, week): B-cubed of the stored stories against it is reported per size, and against the
event alone (an event that returns weeks later with reprints of its texts is, to a reader, a
follow-up of its first story, which newsfuse joins within `story_followup_days`).

Each size runs in its own process, so peak memory (ru_maxrss) is that size's alone. Articles are
ingested as already plain text through `newsfuse.api.add_articles` (features, MinHash, grouping,
SQLite), not through the cleaner: the cleaner's cost per article is measured on a sample and
reported separately.

    python bench/scale.py [--sizes 10000,50000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PER_DAY = 1500
STORIES_PER_WEEK = 30


def events() -> list[list[str]]:
    """Texts of each gold event: ecbplus seminal events, then newswcl50 events."""
    grouped: defaultdict[str, list[str]] = defaultdict(list)
    for line in (EVAL / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        grouped[f"ecb:{row['subtopic']}"].append(row["text"])
    for line in (EVAL / "newswcl50" / "newswcl50_docs.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        grouped[f"wcl:{row['event_id']}"].append(row["text"])
    return [[t for t in texts if len(t.split()) > 40] for _, texts in sorted(grouped.items())]


def perturbed(text: str, rng: random.Random, n: int) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    if len(kept) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    body = " ".join(kept)
    body = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
    return f"{body} Ref{n}."


def stream(size: int, seed: int) -> Iterator[tuple[str, dt.date, tuple[int, int]]]:
    """(text, date, gold story) of each article, in publication order."""
    rng = random.Random(seed)
    pool = [texts for texts in events() if texts]
    start_day = dt.date(2024, 1, 1)
    order = list(range(len(pool)))
    rng.shuffle(order)
    per_week = PER_DAY * 7
    for n in range(size):
        week, in_week = divmod(n, per_week)
        day = start_day + dt.timedelta(days=7 * week + in_week // PER_DAY)
        slot = rng.randrange(STORIES_PER_WEEK)
        event = order[(week * STORIES_PER_WEEK + slot) % len(pool)]
        yield perturbed(rng.choice(pool[event]), rng, n), day, (event, week)


def bcubed(labels: list[int], gold: list[tuple[int, int]]) -> dict[str, float]:
    from cluster import bcubed as exact  # bench/cluster.py: the same B-cubed, unrounded

    return {k: round(v, 3) for k, v in exact(labels, gold).items()}


def run_size(size: int) -> dict[str, object]:
    from newsfuse.api import add_articles
    from newsfuse.models import Article, RawArticle
    from newsfuse.store import open_store

    gold: list[tuple[int, int]] = []

    def articles() -> Iterator[Article]:
        for n, (text, day, story) in enumerate(stream(size, seed=size)):
            gold.append(story)
            raw = RawArticle(
                text=text, path="scale", record=n, url=f"https://scale.example/{n}", published=day
            )
            yield Article(raw, text, None, "en", (), hashlib.sha1(text.encode()).hexdigest())

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "scale.db") as store:
        began = time.perf_counter()
        report = add_articles(store, articles())
        seconds = time.perf_counter() - began
        counts = store.counts()
        labels = [story for _, story in sorted(store.article_stories().items())]
    return {
        "articles": size,
        "seconds": round(seconds, 1),
        "ms_per_article": round(1000 * seconds / size, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stories": counts["stories"],
        "gold_stories": len(set(gold)),
        "copies": report.copies,
        "bcubed": bcubed(labels, gold),
        # a returning event's perturbed reprints are, to a reader, follow-ups of its first story
        "bcubed_event": bcubed(labels, [event for event, _ in gold]),
    }


def clean_cost(sample: int = 200) -> float:
    from newsfuse.api import clean_articles
    from newsfuse.models import RawArticle

    pool = [t for texts in events() for t in texts][:sample]
    raws = [RawArticle(text=t, path="x") for t in pool]
    clean_articles(raws[:5])
    began = time.perf_counter()
    clean_articles(raws)
    return round(1000 * (time.perf_counter() - began) / len(raws), 2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: run one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one)))
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True
        ).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(rows[-1], flush=True)
    exponent = None
    if len(rows) > 1:
        xs = [math.log(r["articles"]) for r in rows]
        ys = [math.log(r["seconds"]) for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        exponent = round(
            sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs), 3
        )
    cleaning = clean_cost()
    print(
        f"{'articles':>9} {'seconds':>8} {'ms/art':>7} {'peak MB':>8} {'stories':>8} {'gold':>6} "
        f"{'copies':>7}  B-cubed P/R/F1 (event+week)  (event)"
    )
    for r in rows:
        b, e = r["bcubed"], r["bcubed_event"]
        print(
            f"{r['articles']:>9} {r['seconds']:>8} {r['ms_per_article']:>7} {r['peak_mb']:>8} "
            f"{r['stories']:>8} {r['gold_stories']:>6} {r['copies']:>7}  "
            f"{b['precision']:.3f}/{b['recall']:.3f}/{b['f1']:.3f}  "
            f"{e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f}"
        )
    print(
        f"growth exponent (time ~ N^k): {exponent}; cleaning alone: {cleaning} ms/article (not in the above)"
    )
    write_result(
        "scale",
        {
            "machine": machine_info(),
            "per_day": PER_DAY,
            "stories_per_week": STORIES_PER_WEEK,
            "sizes": rows,
            "exponent": exponent,
            "clean_ms_per_article": cleaning,
        },
    )


if __name__ == "__main__":
    main()
