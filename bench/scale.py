"""Ingest at scale: time and peak memory of storing N articles, and the fitted growth exponent.

Articles are built by sampling eval texts (ecbplus, newswcl50, fakes-syria), perturbing them
(sentences dropped and reordered, numbers changed, a marker word per copy) and spreading them over
simulated weeks (N / 1,500 articles a day). Each size runs in its own process, so peak memory
(ru_maxrss) is that size's alone. They are ingested as already plain text through
`newsfuse.api.add_articles` (features, MinHash, grouping, SQLite), not through the cleaner: the
cleaner's cost per article is measured on a sample and reported separately.

    python bench/scale.py [--sizes 10000,50000,100000]
"""

from __future__ import annotations

import argparse
import csv
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def texts() -> list[str]:
    out = [
        json.loads(line)["text"] for line in (EVAL / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8")
    ]
    out += [
        json.loads(line)["text"]
        for line in (EVAL / "newswcl50" / "newswcl50_docs.jsonl").open(encoding="utf-8")
    ]
    with (EVAL / "fakes-syria" / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as fh:
        out += [r["article_content"] for r in csv.DictReader(fh)]
    return [t for t in out if len(t.split()) > 40]


def perturbed(text: str, rng: random.Random, n: int) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    if len(kept) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    body = " ".join(kept)
    body = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
    return f"{body} Ref{n}."


def run_size(size: int) -> dict[str, float]:
    from newsfuse.api import add_articles
    from newsfuse.models import Article, RawArticle
    from newsfuse.store import open_store

    rng = random.Random(size)
    pool = texts()
    per_day = 1500
    start_day = dt.date(2024, 1, 1)

    def articles() -> object:
        for n in range(size):
            text = perturbed(rng.choice(pool), rng, n)
            day = start_day + dt.timedelta(days=n // per_day)
            raw = RawArticle(
                text=text, path="scale", record=n, url=f"https://scale.example/{n}", published=day
            )
            yield Article(raw, text, None, "en", (), hashlib.sha1(text.encode()).hexdigest())

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "scale.db") as store:
        began = time.perf_counter()
        report = add_articles(store, articles())  # type: ignore[arg-type]
        seconds = time.perf_counter() - began
        counts = store.counts()
    return {
        "articles": size,
        "seconds": round(seconds, 1),
        "ms_per_article": round(1000 * seconds / size, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stories": counts["stories"],
        "copies": report.copies,
    }


def clean_cost(sample: int = 200) -> float:
    from newsfuse.api import clean_articles
    from newsfuse.models import RawArticle

    pool = texts()[:sample]
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
    print(f"{'articles':>9} {'seconds':>8} {'ms/art':>7} {'peak MB':>8} {'stories':>8} {'copies':>7}")
    for r in rows:
        print(
            f"{r['articles']:>9} {r['seconds']:>8} {r['ms_per_article']:>7} {r['peak_mb']:>8} "
            f"{r['stories']:>8} {r['copies']:>7}"
        )
    print(
        f"growth exponent (time ~ N^k): {exponent}; cleaning alone: {cleaning} ms/article (not in the above)"
    )
    write_result(
        "scale",
        {"machine": machine_info(), "sizes": rows, "exponent": exponent, "clean_ms_per_article": cleaning},
    )


if __name__ == "__main__":
    main()
