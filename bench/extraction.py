"""Junk removal on HTML: newsfuse's ingest + clean vs trafilatura alone, side by side in one run.

Datasets (read from ../shared/eval, never copied):
- article-extraction-benchmark (181 pages): token F1 by the benchmark's own method (4-gram
  shingles of \\w+ tokens, precision and recall averaged over documents).
- trafilatura-eval (990 pages): segment precision/recall/F1 by trafilatura's own method
  (a "with" segment must appear in the output, a "without" segment must not; micro-averaged).

Systems:
- trafilatura: `trafilatura.extract(page)` with its defaults, the published baseline;
- newsfuse ingest: our HTML reader (trafilatura with comments excluded, the headline kept apart);
- newsfuse ingest+clean: the text a brief shows.

    python bench/extraction.py [--limit N] [--report removed.txt]

Prints a table and writes bench/results/extraction.json. Also counts, for the clean step alone,
the removals that hit gold text (its false positives), so a rule that eats article text shows up.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.analyze import detect_language, lexicon
from newsfuse.analyze.nlp import TRAINED
from newsfuse.clean import clean_article
from newsfuse.config import Settings
from newsfuse.ingest import read_bytes
from newsfuse.models import Article, RawArticle

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
AEB = EVAL / "article-extraction-benchmark"
TE = EVAL / "trafilatura-eval"
SETTINGS = Settings()


# --- the two metrics, as their benchmarks define them ---------------------------------------------


def _shingles(text: str, n: int = 4) -> collections.Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text or "")
    return collections.Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def aeb_scores(predictions: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    precisions, recalls = [], []
    for key, gold_text in gold.items():
        g, p = _shingles(gold_text), _shingles(predictions.get(key, ""))
        tp, fp, fn = sum((g & p).values()), sum((p - g).values()), sum((g - p).values())
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def te_scores(predictions: dict[str, str], items: dict[str, dict]) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for url, item in items.items():
        out = _ws(predictions.get(url, ""))
        for seg in item["with"]:
            tp, fn = (tp + 1, fn) if _ws(seg) in out else (tp, fn + 1)
        for seg in item["without"]:
            fp, tn = (fp + 1, tn) if _ws(seg) in out else (fp, tn + 1)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r),
        "accuracy": (tp + tn) / (tp + tn + fp + fn),
    }


# --- systems --------------------------------------------------------------------------------------


def trafilatura_alone(page: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(page, url=url) or ""


def newsfuse_read(page: bytes, name: str) -> RawArticle | None:
    for item in read_bytes(page, name, "html", SETTINGS):
        return item if isinstance(item, RawArticle) else None
    return None


def newsfuse_clean(raw: RawArticle) -> Article:
    language = detect_language(raw.text)
    return clean_article(raw, language=language, lexicon=lexicon(language), settings=SETTINGS)


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run(
    name: str, pages: dict[str, tuple[bytes, str | None]], score: Callable[[dict[str, str]], dict[str, float]]
) -> tuple[dict[str, dict], dict[str, Article]]:
    """Score the three systems on `pages`, timing every page of each."""
    baseline: dict[str, str] = {}
    raws: dict[str, RawArticle] = {}
    cleaned: dict[str, Article] = {}
    times: dict[str, list[float]] = {"trafilatura": [], "newsfuse ingest": [], "newsfuse ingest+clean": []}
    for key, (page, url) in pages.items():
        text, seconds = _timed(lambda page=page, url=url: trafilatura_alone(page, url))
        baseline[key] = str(text)
        times["trafilatura"].append(seconds)
        raw, read_seconds = _timed(lambda page=page, key=key: newsfuse_read(page, key))
        times["newsfuse ingest"].append(read_seconds)
        if isinstance(raw, RawArticle):
            raws[key] = raw
            article, clean_seconds = _timed(lambda raw=raw: newsfuse_clean(raw))
            assert isinstance(article, Article)
            cleaned[key] = article
            times["newsfuse ingest+clean"].append(read_seconds + clean_seconds)
    outputs = {
        "trafilatura": baseline,
        "newsfuse ingest": {k: r.text for k, r in raws.items()},
        "newsfuse ingest+clean": {k: a.text for k, a in cleaned.items()},
    }
    rows: dict[str, dict] = {}
    for system, predictions in outputs.items():
        rows[system] = {
            **score(predictions),
            "seconds": sum(times[system]),
            "median_ms_per_page": 1000 * statistics.median(times[system]),
        }
    for row in rows.values():
        row["f1_ratio_to_trafilatura"] = row["f1"] / rows["trafilatura"]["f1"]
    print(f"{name}: {len(pages)} pages", file=sys.stderr)
    return rows, cleaned


def removals_hitting_gold(
    cleaned: dict[str, Article], gold_texts: dict[str, list[str]]
) -> list[tuple[str, str, str]]:
    """(page, rule, removed text) for every removal whose text is part of the gold article."""
    hits = []
    for key, article in cleaned.items():
        golds = [_ws(g) for g in gold_texts.get(key, [])]
        for r in article.removed:
            text = _ws(r.text)
            if len(text) >= 4 and any(text in g for g in golds):
                hits.append((key, r.rule, text))
    return hits


def _gunzip(path: Path) -> bytes:
    with gzip.open(path) as fh:
        return fh.read()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    parser.add_argument("--report", type=Path, help="write removals that hit gold text to this file")
    args = parser.parse_args()
    if not AEB.is_dir() or not TE.is_dir():
        print(f"skipped: evaluation data not found under {EVAL}", file=sys.stderr)
        return 0
    for language in TRAINED:  # load the models before timing
        lexicon(language)

    gt = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    keys = list(gt)[: args.limit or None]
    aeb_pages = {k: (_gunzip(AEB / "html" / f"{k}.html.gz"), gt[k].get("url")) for k in keys}
    aeb_gold = {k: gt[k]["articleBody"] for k in keys}
    aeb_rows, aeb_clean = run("article-extraction-benchmark", aeb_pages, lambda p: aeb_scores(p, aeb_gold))

    items = json.loads((TE / "evaldata.json").read_text(encoding="utf-8"))
    urls = list(items)[: args.limit or None]
    te_items = {u: items[u] for u in urls}
    te_pages = {u: (_gunzip(TE / "html" / f"{items[u]['file']}.gz"), u) for u in urls}
    te_rows, te_clean = run("trafilatura-eval", te_pages, lambda p: te_scores(p, te_items))

    hits = removals_hitting_gold(aeb_clean, {k: [v] for k, v in aeb_gold.items()})
    hits += removals_hitting_gold(te_clean, {u: it["with"] for u, it in te_items.items()})
    by_rule = collections.Counter(rule for _, rule, _ in hits)
    removals = collections.Counter(
        r.rule for a in [*aeb_clean.values(), *te_clean.values()] for r in a.removed
    )

    print()
    print(
        f"{'dataset':30} {'system':24} {'precision':>9} {'recall':>7} {'F1':>7} {'F1 ratio':>8} "
        f"{'ms/page (median)':>17}"
    )
    for dataset, rows in (("article-extraction-benchmark", aeb_rows), ("trafilatura-eval", te_rows)):
        for system, row in rows.items():
            print(
                f"{dataset:30} {system:24} {row['precision']:9.4f} {row['recall']:7.4f} "
                f"{row['f1']:7.4f} {row['f1_ratio_to_trafilatura']:8.3f} {row['median_ms_per_page']:17.1f}"
            )
    print()
    print(f"{'clean rule':24} {'removals':>8} {'hit gold text':>14}")
    for rule, n in removals.most_common():
        print(f"{rule:24} {n:8d} {by_rule.get(rule, 0):14d}")
    if args.report:
        args.report.write_text("\n".join(f"{k}\t{rule}\t{t}" for k, rule, t in hits) + "\n", encoding="utf-8")

    if not args.limit:
        write_result(
            "extraction",
            {
                "machine": machine_info(),
                "datasets": {
                    "article-extraction-benchmark": {
                        "pages": len(aeb_pages),
                        "metric": "token F1",
                        "systems": aeb_rows,
                    },
                    "trafilatura-eval": {
                        "pages": len(te_pages),
                        "metric": "segment F1",
                        "systems": te_rows,
                    },
                },
                "clean_rules": {
                    rule: {"removals": n, "hit_gold": by_rule.get(rule, 0)} for rule, n in removals.items()
                },
            },
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
