"""Story grouping: B-cubed precision/recall/F1, newsfuse's online grouper vs TF-IDF + agglomerative.

Datasets (read from ../shared/eval, never copied):
- ecbplus: 982 documents, gold = the seminal event (topic + subtopic, 86 clusters); no dates.
  Thresholds of both systems are tuned on the train topics (1-22); reported on dev+test (23-45)
  and on all documents.
- newswcl50: 50 articles, gold = the 10 events.
- fakes-syria: 804 articles, weak gold = same date and location; articles carry their date.

Baseline: scikit-learn TfidfVectorizer (English stop words, sublinear tf) + AgglomerativeClustering
(cosine distance, average linkage) with its distance threshold tuned on the same split as ours.

    python bench/cluster.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.cluster import Item, group_stories
from newsfuse.config import Settings

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
OUR_GRID = [(s, m) for s in (0.15, 0.18, 0.2, 0.22, 0.25, 0.3) for m in (s + 0.15, s + 0.25, 0.6)]
BASELINE_GRID = [round(0.5 + 0.025 * k, 3) for k in range(19)]


def bcubed(labels: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    by_label: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i, (label, g) in enumerate(zip(labels, gold, strict=True)):
        by_label[label].add(i)
        by_gold[g].add(i)
    p = r = 0.0
    for label, g in zip(labels, gold, strict=True):
        shared = len(by_label[label] & by_gold[g])
        p += shared / len(by_label[label])
        r += shared / len(by_gold[g])
    p, r = p / len(gold), r / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def baseline(texts: Sequence[str], threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return [int(x) for x in model.fit_predict(matrix.toarray())]


def ours(items: Sequence[Item], setting: tuple[float, float]) -> list[int]:
    return group_stories(items, Settings(story_similarity=setting[0], story_merge_similarity=setting[1]))


# --- datasets ----------------------------------------------------------------------------------


def ecbplus(limit: int | None) -> list[tuple[Item, str, str]]:
    rows = [json.loads(line) for line in (EVAL / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8")]
    return [(Item(r["text"]), r["subtopic"], r["split"]) for r in rows[:limit]]


def newswcl50() -> list[tuple[Item, int]]:
    rows = [json.loads(line) for line in (EVAL / "newswcl50" / "newswcl50_docs.jsonl").open(encoding="utf-8")]
    return [(Item(r["text"], url=r["url"]), r["event_id"]) for r in rows]


def fakes(limit: int | None) -> list[tuple[Item, tuple[str, str]]]:
    path = EVAL / "fakes-syria" / "FA-KES-Dataset.csv"
    with path.open(encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    out = []
    for r in rows:
        month, day, year = (int(x) for x in r["date"].split("/"))
        item = Item(r["article_content"], title=r["article_title"], published=dt.date(year, month, day))
        out.append((item, (r["date"], r["location"])))
    return out


# --- run ---------------------------------------------------------------------------------------


def tune_ours(items: Sequence[Item], gold: Sequence[Hashable]) -> tuple[float, float]:
    return max(OUR_GRID, key=lambda s: bcubed(ours(items, s), gold)["f1"])


def tune_baseline(items: Sequence[Item], gold: Sequence[Hashable]) -> float:
    texts = [i.text for i in items]
    return max(BASELINE_GRID, key=lambda t: bcubed(baseline(texts, t), gold)["f1"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, help="first N documents of ecbplus and fakes-syria only")
    args = parser.parse_args()
    default = Settings()
    shipped = (default.story_similarity, default.story_merge_similarity)
    rows: list[dict[str, object]] = []

    def report(
        name: str, items: Sequence[Item], gold: Sequence[Hashable], mine: tuple[float, float], base: float
    ) -> None:
        start = time.perf_counter()
        ours_scores = bcubed(ours(items, mine), gold)
        ours_seconds = time.perf_counter() - start
        start = time.perf_counter()
        base_scores = bcubed(baseline([i.text for i in items], base), gold)
        base_seconds = time.perf_counter() - start
        rows.append(
            {
                "dataset": name,
                "documents": len(items),
                "gold_clusters": len(set(gold)),
                "ours": {**ours_scores, "settings": mine, "seconds": round(ours_seconds, 2)},
                "baseline": {**base_scores, "threshold": base, "seconds": round(base_seconds, 2)},
            }
        )

    ecb = ecbplus(args.limit)
    train = [(i, g) for i, g, s in ecb if s == "train"]
    held = [(i, g) for i, g, s in ecb if s != "train"]
    mine = tune_ours([i for i, _ in train], [g for _, g in train])
    base = tune_baseline([i for i, _ in train], [g for _, g in train])
    report("ecbplus train (tuning split)", [i for i, _ in train], [g for _, g in train], mine, base)
    if held:
        report("ecbplus dev+test (held out)", [i for i, _ in held], [g for _, g in held], mine, base)
        held_items, held_gold = [i for i, _ in held], [g for _, g in held]
        report("ecbplus dev+test, shipped defaults", held_items, held_gold, shipped, base)
    report("ecbplus all", [i for i, _, _ in ecb], [g for _, g, _ in ecb], mine, base)
    report("ecbplus all, shipped defaults", [i for i, _, _ in ecb], [g for _, g, _ in ecb], shipped, base)

    wcl = newswcl50()
    report("newswcl50 (ecbplus-tuned)", [i for i, _ in wcl], [g for _, g in wcl], mine, base)
    report("newswcl50, shipped defaults", [i for i, _ in wcl], [g for _, g in wcl], shipped, base)
    fk = fakes(args.limit)
    report("fakes-syria date+location (ecbplus-tuned)", [i for i, _ in fk], [g for _, g in fk], mine, base)
    report("fakes-syria, shipped defaults", [i for i, _ in fk], [g for _, g in fk], shipped, base)

    print(f"{'dataset':<44} {'docs':>5} {'gold':>5}   {'ours P/R/F1':<22} {'baseline P/R/F1':<22}")
    for row in rows:
        o, b = row["ours"], row["baseline"]
        assert isinstance(o, dict) and isinstance(b, dict)
        fmt = "{precision:.3f}/{recall:.3f}/{f1:.3f}"
        print(
            f"{row['dataset']:<44} {row['documents']:>5} {row['gold_clusters']:>5}   "
            f"{fmt.format(**o):<22} {fmt.format(**b):<22}"
        )
    print(
        f"ours tuned (story_similarity, story_merge_similarity) = {mine}; "
        f"baseline distance threshold = {base}"
    )
    write_result("cluster", {"machine": machine_info(), "limit": args.limit, "results": rows})


if __name__ == "__main__":
    main()
