"""Publication dates of HTML pages: newsfuse's reader vs htmldate alone, side by side in one run.

Dataset: ../shared/eval/htmldate-eval (1,000 pages, gold = original publication date, day
resolution). Metric as htmldate defines it: a right date is a TP, a wrong one a FP, none a FN;
precision, recall, accuracy = TP / (TP + FP + FN).

Systems:
- htmldate extensive (its default, the published bar: accuracy 0.903);
- htmldate fast (markup only);
- newsfuse: the date our HTML reader gives a source (`published`, from metadata), which keeps the
  extensive result but drops a January-1st date the markup does not confirm (a copyright year).

    python bench/pubdate.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.config import Settings
from newsfuse.ingest import read_bytes
from newsfuse.models import RawArticle

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "htmldate-eval"


def htmldate(extensive: bool) -> Callable[[bytes, str], str | None]:
    def find(page: bytes, url: str) -> str | None:
        from htmldate import find_date

        try:
            return find_date(page, url=url, original_date=True, extensive_search=extensive)
        except (ValueError, TypeError):
            return None

    return find


def newsfuse_date(page: bytes, url: str) -> str | None:
    for item in read_bytes(page, url, "html", Settings()):
        if isinstance(item, RawArticle) and item.published:
            return item.published.isoformat()
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: evaluation data not found under {DATA}", file=sys.stderr)
        return 0
    gold: dict[str, dict[str, str]] = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        gold.update(json.loads((DATA / name).read_text(encoding="utf-8")))
    urls = list(gold)[: args.limit or None]
    pages = {}
    for url in urls:
        with gzip.open(DATA / "html" / f"{gold[url]['file']}.gz") as fh:
            pages[url] = fh.read()

    systems = {
        "htmldate extensive": htmldate(True),
        "htmldate fast": htmldate(False),
        "newsfuse": newsfuse_date,
    }
    rows = {}
    for system, find in systems.items():
        tp = fp = fn = 0
        times = []
        for url in urls:
            start = time.perf_counter()
            found = find(pages[url], url)
            times.append(time.perf_counter() - start)
            if found is None:
                fn += 1
            elif found == gold[url]["date"]:
                tp += 1
            else:
                fp += 1
        rows[system] = {
            "precision": tp / (tp + fp),
            "recall": tp / (tp + fn),
            "accuracy": tp / (tp + fp + fn),
            "wrong": fp,
            "none": fn,
            "median_ms_per_page": 1000 * statistics.median(times),
        }
    print(
        f"{'system':20} {'precision':>9} {'recall':>7} {'accuracy':>8} "
        f"{'wrong':>6} {'none':>5} {'ms/page':>8}"
    )
    for system, r in rows.items():
        print(
            f"{system:20} {r['precision']:9.3f} {r['recall']:7.3f} {r['accuracy']:8.3f} "
            f"{r['wrong']:6d} {r['none']:5d} {r['median_ms_per_page']:8.1f}"
        )
    print("(newsfuse's time includes extracting the article text, not only the date)")
    if not args.limit:
        write_result("pubdate", {"machine": machine_info(), "pages": len(urls), "systems": rows})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
