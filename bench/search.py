"""Story search at scale: the FTS5 index against the `LIKE` scan it replaces, on one store.

The store holds N articles of the synthetic stream bench/scale.py ingests (perturbed ecbplus and
newswcl50 texts over simulated weeks; plain text through `newsfuse.api.add_articles`, so the
full-text triggers run on every insert). Queries are words drawn (seeded) from the stored texts
by the share of articles holding them: rare (at most 0.05%), middling (0.25-2.5%), common (> 10%), and
pairs of a middling and a rare word. Each query runs as the web list asks (`limit=100`) through
both paths on the same open store; the time of a query is the median of 3 runs after a warm-up.

Also reported: the cost of building the index on an existing file (what the 2 -> 3 migration
does: FTS5 'rebuild') and how often both paths list the same stories — they differ on purpose
(FTS: a word must begin a word, accents folded; LIKE: any substring, ASCII case only).

    python bench/search.py [--articles 20000] [--queries 36]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.api import add_articles
from newsfuse.models import Article, RawArticle
from newsfuse.store import Store, open_store
from scale import stream

WORD = re.compile(r"[A-Za-z]{4,}")
BANDS = {"rare": (0.0, 0.0005), "middling": (0.0025, 0.025), "common": (0.1, 1.0)}  # shares of articles


def articles(size: int) -> Iterator[Article]:
    for n, (text, day, _) in enumerate(stream(size, seed=size)):
        raw = RawArticle(text=text, path="search", record=n, url=f"https://search.example/{n}", published=day)
        yield Article(raw, text, None, "en", (), hashlib.sha1(text.encode()).hexdigest())


def pick_queries(store: Store, count: int, seed: int) -> list[tuple[str, list[str]]]:
    """(band, words) of each query: words drawn from the stored texts by document frequency."""
    df: Counter[str] = Counter()
    for (text,) in store._db.execute("SELECT text FROM articles"):
        df.update({w.lower() for w in WORD.findall(text)})
    rng = random.Random(seed)
    total = store.counts()["revisions"]
    by_band = {
        band: sorted(w for w, n in df.items() if low * total < n <= max(high * total, 1))
        for band, (low, high) in BANDS.items()
    }
    per_band = max(1, count // 4)
    queries = [(band, [w]) for band in BANDS for w in rng.sample(by_band[band], per_band)]
    queries += [
        ("pair", [rng.choice(by_band["middling"]), rng.choice(by_band["rare"])]) for _ in range(per_band)
    ]
    return queries


def timed(store: Store, words: Sequence[str], full_text: bool) -> tuple[float, list[int]]:
    store.full_text = full_text
    runs, found = [], []
    store.stories(limit=100, words=words)  # warm-up
    for _ in range(3):
        began = time.perf_counter()
        found = [s.id for s in store.stories(limit=100, words=words)]
        runs.append(1000 * (time.perf_counter() - began))
    return statistics.median(runs), found


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=36)
    parser.add_argument("--limit", type=int, help="quick run: this many articles (overrides --articles)")
    args = parser.parse_args()
    size = args.limit or args.articles
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "search.db"
        with open_store(path) as store:
            assert store.full_text, "this Python's SQLite lacks FTS5: nothing to compare"
            began = time.perf_counter()
            add_articles(store, articles(size))
            ingest_s = time.perf_counter() - began
            began = time.perf_counter()
            store._db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
            rebuild_s = time.perf_counter() - began
            counts = store.counts()
            queries = pick_queries(store, args.queries, seed=7)
            rows = []
            for band, words in queries:
                like_ms, like_found = timed(store, words, full_text=False)
                fts_ms, fts_found = timed(store, words, full_text=True)
                rows.append(
                    {
                        "band": band,
                        "words": words,
                        "like_ms": round(like_ms, 2),
                        "fts_ms": round(fts_ms, 2),
                        "like_found": len(like_found),
                        "fts_found": len(fts_found),
                        "same": like_found == fts_found,
                    }
                )
        megabytes = round(path.stat().st_size / 1024**2, 1)
    print(f"{counts['articles']} articles, {counts['stories']} stories, store {megabytes} MB")
    print(f"ingest {ingest_s:.1f} s (FTS triggers included); index rebuild {rebuild_s:.2f} s")
    print(
        f"{'band':>9} {'queries':>7} {'LIKE p50 ms':>11} {'FTS5 p50 ms':>11} {'speed-up':>8} {'same list':>9}"
    )
    summary = {}
    for band in [*BANDS, "pair", "all"]:
        chosen = [r for r in rows if band in (r["band"], "all")]
        like = statistics.median(r["like_ms"] for r in chosen)
        fts = statistics.median(r["fts_ms"] for r in chosen)
        same = sum(r["same"] for r in chosen)
        summary[band] = {
            "queries": len(chosen),
            "like_p50_ms": round(like, 2),
            "fts_p50_ms": round(fts, 2),
            "like_p90_ms": percentile([r["like_ms"] for r in chosen], 0.9),
            "fts_p90_ms": percentile([r["fts_ms"] for r in chosen], 0.9),
            "speedup_p50": round(like / fts, 1) if fts else None,
            "same_list": same,
        }
        print(
            f"{band:>9} {len(chosen):>7} {like:>11.2f} {fts:>11.2f} {like / fts:>7.1f}x "
            f"{same:>5}/{len(chosen)}"
        )
    write_result(
        "search",
        {
            "machine": machine_info(),
            "articles": counts["articles"],
            "stories": counts["stories"],
            "store_mb": megabytes,
            "ingest_s": round(ingest_s, 1),
            "index_rebuild_s": round(rebuild_s, 2),
            "summary": summary,
            "queries": rows,
        },
    )


if __name__ == "__main__":
    main()
