"""Story grouping: newsfuse against baselines on every set of bench/cluster_sets.py, tune and test apart.

Systems, each set grouped as one stream:
- ours: `group_stories` with the shipped Settings, and tuned: (story_similarity, story_merge_similarity)
  chosen on the set's tune split over a small grid, reported on both splits (newswcl50, without a tune
  split, borrows the settings tuned on ECB+; gva-raw those tuned on gva-clean).
- tfidf: scikit-learn TfidfVectorizer (English stop words, sublinear tf) + average-linkage agglomerative
  clustering on cosine distance (scipy's linkage, cut at a distance threshold tuned on the tune split).
- overlap (multilingual sets): two articles linked when they share >= k capitalised words exactly as
  written (not sentence-initial), connected components; k tuned on the tune split for cross-lingual
  pair F1 (the baseline exists for the pair metrics).

Metrics: B-cubed precision / recall / F1 against the set's gold. On multilingual sets also cross-lingual
pairs: over pairs of articles in different languages, recall = share of gold-same pairs put in one story,
precision = share of the cross-language pairs put together that are gold-same (gold = the event where
the set has one: meantime4-topic's pairs use the doc id; cltls has only its topic).

    python bench/cluster.py                         # every set, tuning grid (a few minutes)
    python bench/cluster.py --sets gva-clean,ecbplus --quick   # shipped settings only, no grid
    python bench/cluster.py --selfcheck             # the loaders: counts, split disjointness
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import cluster_sets
from cluster_sets import LOADERS, Set
from machine import machine_info, write_result
from newsfuse.cluster import Item, group_stories
from newsfuse.config import Settings

OUR_GRID = sorted(
    {
        (s, round(m, 3))
        for s in (0.05, 0.065, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25, 0.3)
        for m in (s + 0.15, 0.6)
    }
)
BASELINE_GRID = [round(0.3 + 0.025 * k, 3) for k in range(28)] + [0.99]
OVERLAP_GRID = [*range(1, 16), 20, 25, 30, 40]
# a set whose newsfuse settings are borrowed from another's tuning: newswcl50 has no tune split; raw GVA
# pages are grouped with the settings tuned on the cleaned pages the product sees (and saves a grid)
BORROW = {"newswcl50": "ecbplus", "gva-raw": "gva-clean"}
_CAP_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*|[.!?\n]", re.U)


# --- metrics -------------------------------------------------------------------------------------


def bcubed(labels: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    joint = Counter(zip(labels, gold, strict=True))
    by_label, by_gold = Counter(labels), Counter(gold)
    n = len(gold)
    p = sum(c * c / by_label[lab] for (lab, _), c in joint.items()) / n
    r = sum(c * c / by_gold[g] for (_, g), c in joint.items()) / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _cross_pairs(groups: dict[Hashable, Counter[str]]) -> int:
    """Pairs of members in different languages, summed over groups (per-group language counts)."""
    total = 0
    for langs in groups.values():
        n = sum(langs.values())
        total += (n * n - sum(c * c for c in langs.values())) // 2
    return total


def cross_lingual(labels: Sequence[Hashable], gold: Sequence[Hashable], languages: Sequence[str]) -> dict:
    """Recall / precision over pairs of articles in different languages."""
    by_gold: dict[Hashable, Counter[str]] = defaultdict(Counter)
    by_label: dict[Hashable, Counter[str]] = defaultdict(Counter)
    by_both: dict[Hashable, Counter[str]] = defaultdict(Counter)
    for lab, g, lang in zip(labels, gold, languages, strict=True):
        by_gold[g][lang] += 1
        by_label[lab][lang] += 1
        by_both[(lab, g)][lang] += 1
    gold_pairs, put_together, correct = _cross_pairs(by_gold), _cross_pairs(by_label), _cross_pairs(by_both)
    return {
        "recall": correct / gold_pairs if gold_pairs else None,
        "precision": correct / put_together if put_together else None,
        "gold_pairs": gold_pairs,
        "predicted_pairs": put_together,
    }


# --- systems -------------------------------------------------------------------------------------


def ours(items: Sequence[Item], setting: tuple[float, float] | None) -> list[int]:
    """newsfuse's grouping with the shipped settings (None) or a (similarity, merge) pair."""
    if setting is None:
        return group_stories(items, Settings())
    return group_stories(items, Settings(story_similarity=setting[0], story_merge_similarity=setting[1]))


class Tfidf:
    """TF-IDF + average-linkage agglomerative clustering; the dendrogram is built once per set."""

    def __init__(self, items: Sequence[Item]) -> None:
        import numpy as np
        from scipy.cluster.hierarchy import linkage
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = [f"{i.title}\n{i.text}" if i.title else i.text for i in items]
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
        distance = 1.0 - (matrix @ matrix.T).toarray()
        distance[distance < 0] = 0.0
        n = len(items)
        condensed = distance[np.triu_indices(n, k=1)]
        self.tree = linkage(condensed, method="average") if n > 1 else None
        self.n = n

    def labels(self, threshold: float) -> list[int]:
        from scipy.cluster.hierarchy import fcluster

        if self.tree is None:
            return list(range(self.n))
        return [int(x) for x in fcluster(self.tree, t=threshold, criterion="distance")]


class Overlap:
    """Articles linked when they share >= k capitalised words as written; connected components."""

    def __init__(self, items: Sequence[Item]) -> None:
        import numpy as np
        from scipy.sparse import csr_matrix

        vocab: dict[str, int] = {}
        rows, cols = [], []
        for n, item in enumerate(items):
            words = set()
            after_break = True
            for token in _CAP_TOKEN.findall(f"{item.title or ''}\n{item.text}"):
                if token in ".!?\n":
                    after_break = True
                    continue
                if not after_break and token[0].isupper() and len(token) > 1:
                    words.add(token)
                after_break = False
            for w in words:
                rows.append(n)
                cols.append(vocab.setdefault(w, len(vocab)))
        m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), max(len(vocab), 1)))
        self.shared = (m @ m.T).tocoo()
        self.n = len(items)

    def labels(self, k: int) -> list[int]:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        keep = (self.shared.data >= k) & (self.shared.row != self.shared.col)
        graph = coo_matrix(
            (self.shared.data[keep], (self.shared.row[keep], self.shared.col[keep])), shape=(self.n, self.n)
        )
        return [int(x) for x in connected_components(graph, directed=False)[1]]


# --- tuning ----------------------------------------------------------------------------------------


def _f1_of(args: tuple[Sequence[Item], Sequence[str], tuple[float, float]]) -> float:
    items, gold, setting = args
    return bcubed(ours(items, setting), gold)["f1"]


def tune_ours(tune: Set, jobs: int) -> tuple[float, float]:
    """The grid point with the best B-cubed F1 on the tune split (first best on ties)."""
    jobs_args = [(tune.items, tune.gold, s) for s in OUR_GRID]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            scores = list(pool.map(_f1_of, jobs_args))
    else:
        scores = [_f1_of(a) for a in jobs_args]
    return OUR_GRID[max(range(len(OUR_GRID)), key=lambda i: (scores[i], -i))]


def tune_labels(system: Tfidf, grid: Sequence[float], gold: Sequence[str]) -> float:
    """The baseline's distance threshold with the best B-cubed F1 on the tune split."""
    return max(grid, key=lambda t: bcubed(system.labels(t), gold)["f1"])


def tune_overlap(tune: Set) -> int:
    """The overlap baseline's k with the best cross-lingual pair F1 on the tune split (its purpose)."""
    system = Overlap(tune.items)
    assert tune.languages is not None

    def pair_f1(k: int) -> float:
        x = cross_lingual(system.labels(k), tune.pair_gold, tune.languages or [])
        p, r = x["precision"] or 0.0, x["recall"] or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    return max(OVERLAP_GRID, key=pair_f1)


# --- run -------------------------------------------------------------------------------------------


def evaluate(s: Set, tuned: tuple[float, float] | None, threshold: float, k: int | None) -> dict[str, Any]:
    """Every system on one set and split."""
    row: dict[str, Any] = {
        "set": s.name,
        "split": s.split,
        "documents": len(s.items),
        "gold_clusters": len(set(s.gold)),
        "coarse_gold": s.coarse,
        "languages": dict(Counter(s.languages or [])),
        "note": s.note,
    }
    systems: dict[str, tuple[list[int], dict[str, Any]]] = {}
    start = time.perf_counter()
    systems["ours"] = (ours(s.items, None), {"settings": "shipped"})
    row_seconds = time.perf_counter() - start
    if tuned is not None:
        systems["ours_tuned"] = (ours(s.items, tuned), {"settings": list(tuned)})
    systems["tfidf"] = (Tfidf(s.items).labels(threshold), {"threshold": threshold})
    if s.multilingual and k is not None:
        systems["overlap"] = (Overlap(s.items).labels(k), {"k": k})
    for name, (labels, info) in systems.items():
        result: dict[str, Any] = {**bcubed(labels, s.gold), **info, "stories": len(set(labels))}
        if s.multilingual:
            assert s.languages is not None
            result["cross_lingual"] = cross_lingual(labels, s.pair_gold, s.languages)
        row[name] = result
    row["ours"]["seconds"] = round(row_seconds, 2)
    return row


def run_set(name: str, limit: int | None, quick: bool, jobs: int, tunings: dict[str, dict]) -> list[dict]:
    """Tune on the set's tune split (ours: or borrow BORROW's set's tuning), then evaluate each split."""
    sets = LOADERS[name](limit)
    tune = next((s for s in sets if s.split == "tune"), None)
    lender = tunings.get(BORROW.get(name, ""))
    if tune is not None:
        if lender is not None:
            tuned, tuned_on = lender["ours"], lender["from"]
        else:
            tuned, tuned_on = (None if quick else tune_ours(tune, jobs)), f"{name} tune"
        threshold = tune_labels(Tfidf(tune.items), BASELINE_GRID, tune.gold)
        k = tune_overlap(tune) if tune.multilingual else None
    else:
        lender = lender or {}
        tuned, threshold, k = lender.get("ours"), lender.get("tfidf", 0.8), lender.get("overlap", 3)
        tuned_on = lender.get("from", "nothing (shipped settings)")
    tunings[name] = {"ours": tuned, "tfidf": threshold, "overlap": k, "from": tuned_on}
    rows = []
    for s in sets:
        start = time.perf_counter()
        row = evaluate(s, tuned, threshold, k)
        row["tuned_on"] = tuned_on
        row["seconds"] = round(time.perf_counter() - start, 2)
        rows.append(row)
        print(f"  {name} {s.split}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
    return rows


def _prf(r: dict[str, Any] | None) -> str:
    return "-" if r is None else f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f}"


def _xl(r: dict[str, Any] | None) -> str:
    if r is None or "cross_lingual" not in r:
        return "-"
    x = r["cross_lingual"]
    rec = "-" if x["recall"] is None else f"{x['recall']:.2f}"
    pre = "-" if x["precision"] is None else f"{x['precision']:.2f}"
    return f"{rec}/{pre}"


def print_table(rows: Sequence[dict[str, Any]]) -> None:
    """One line per set and split: B-cubed of each system, then cross-lingual pair recall/precision."""
    head = (
        f"{'set':<16}{'split':<6}{'docs':>5}{'gold':>6}  {'ours P/R/F1':<20}{'ours tuned P/R/F1':<20}"
        f"{'tfidf P/R/F1':<20}| xl pairs R/P: {'ours':<10}{'tuned':<10}{'tfidf':<10}{'overlap':<10}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        print(
            f"{r['set']:<16}{r['split']:<6}{r['documents']:>5}{r['gold_clusters']:>6}  "
            f"{_prf(r['ours']):<20}{_prf(r.get('ours_tuned')):<20}{_prf(r['tfidf']):<20}| {'':<14}"
            f"{_xl(r['ours']):<10}{_xl(r.get('ours_tuned')):<10}{_xl(r['tfidf']):<10}{_xl(r.get('overlap')):<10}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sets", help=f"comma-separated, of: {','.join(LOADERS)} (default: all)")
    parser.add_argument("--limit", type=int, help="first N documents of each set (before the split)")
    parser.add_argument("--quick", action="store_true", help="shipped settings only, no tuning grid")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the tuning grid")
    parser.add_argument("--selfcheck", action="store_true", help="check the loaders and exit")
    parser.add_argument(
        "--write", action="store_true", help="write bench/results/cluster.json even for a partial run"
    )
    args = parser.parse_args()
    if args.selfcheck:
        cluster_sets.selfcheck()
        return
    names = args.sets.split(",") if args.sets else list(LOADERS)
    unknown = [n for n in names if n not in LOADERS]
    if unknown:
        parser.error(f"unknown sets {unknown}; known: {list(LOADERS)}")
    for lender in BORROW.values():  # a set lending its tuning runs first
        if lender in names:
            names.remove(lender)
            names.insert(0, lender)
    tunings: dict[str, dict] = {}
    rows: list[dict[str, Any]] = []
    started = time.perf_counter()
    for name in names:
        rows.extend(run_set(name, args.limit, args.quick, args.jobs, tunings))
    print_table(rows)
    for name, t in tunings.items():
        print(
            f"{name}: ours tuned {t['ours'] or '-'} (on {t['from']}), tfidf threshold {t['tfidf']}"
            + (f", overlap k {t['overlap']}" if t["overlap"] is not None else "")
        )
    shipped = Settings()
    print(
        f"shipped (story_similarity, story_merge_similarity) = "
        f"({shipped.story_similarity}, {shipped.story_merge_similarity}); "
        f"total {time.perf_counter() - started:.0f}s"
    )
    full = args.sets is None and args.limit is None and not args.quick
    if not (full or args.write):
        print("partial run: bench/results/cluster.json not written (--write to force)")
    else:
        payload = {
            "machine": machine_info(),
            "limit": args.limit,
            "quick": args.quick,
            "sets": names,
            "grid": {"ours": OUR_GRID, "tfidf": BASELINE_GRID, "overlap": OVERLAP_GRID},
            "results": rows,
        }
        write_result("cluster", payload)


if __name__ == "__main__":
    main()
