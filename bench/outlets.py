"""Outlet names: how many sources a reader sees named, before and after `ingest.outlets`.

Read at run time from ../shared (never copied into the project):
- seeds: the five real articles (.txt, no URL) through `read_inputs`;
- neus-allsides, newswcl50: article records of text + URL (no outlet field), with the dataset's
  outlet as the gold label; gva-violent-corpus: text + URL (archived at web.archive.org), no label;
- fundus-parser-testdata, article-extraction-benchmark: HTML pages + URL (fundus labels the
  publisher); the page is extracted once by trafilatura, as `read_html` does;
- neus-allsides again with the URL dropped: what datelines and bylines alone name, and how rightly;
- fakes-syria, development groups of dev_groups.tsv only: text only (one line each, no URL), the
  dataset's outlet as a label: a control for datelines (a name found in text must be right, or no name).

"before" is what newsfuse named before this change: a record's own outlet field only (none here),
an HTML page's trafilatura sitename else its URL's host, nothing for text. "after" is
`resolve_outlet` at the reader boundary. Per set: sources, named at all, named by a name (not a
bare domain), and, where the set labels outlets, names agreeing with the label (case, spaces,
punctuation and a leading "the" ignored; one containing the other counts).

    python bench/outlets.py [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from machine import machine_info, write_result
from newsfuse.config import Settings
from newsfuse.ingest import read_inputs
from newsfuse.ingest.html import _extract, _site_name
from newsfuse.ingest.outlets import builtin_table, resolve_outlet
from newsfuse.models import RawArticle

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVAL = SHARED / "eval"

Case = tuple[str | None, str | None, str | None]  # (before, after, gold label)


def _domain_only(name: str | None) -> bool:
    return bool(name) and re.fullmatch(r"[\w.-]+\.[a-z]{2,}", name or "", re.I) is not None


def _norm(name: str) -> str:
    name = re.sub(r"\(.*?\)", "", name.casefold())
    return re.sub(r"[\W_]+|^the\s+", "", name.strip().removeprefix("the "))


def _agrees(name: str | None, gold: str | None) -> bool:
    if not name or not gold:
        return False
    a, b = _norm(name), _norm(gold)
    return bool(a and b) and (a in b or b in a)


def _record(text: str, url: str | None) -> str | None:
    return resolve_outlet(RawArticle(text=text, path="x.json", url=url or None)).outlet


def seeds(limit: int) -> Iterator[Case]:
    for item in read_inputs([str(SHARED / "seeds")]):
        if isinstance(item, RawArticle):
            yield None, item.outlet, None


def allsides(limit: int) -> Iterator[Case]:
    return _allsides(limit, with_url=True)


def allsides_text_only(limit: int) -> Iterator[Case]:
    """The same articles without their URL: what datelines and bylines alone name (and how rightly)."""
    return _allsides(limit, with_url=False)


def _allsides(limit: int, *, with_url: bool) -> Iterator[Case]:
    n = 0
    with (EVAL / "neus-allsides" / "allsides_clusters.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for art in json.loads(line).get("articles", []):
                if n >= limit:
                    return
                n += 1
                url = art.get("url") if with_url else None
                yield None, _record(art.get("text") or "", url), art.get("source")


def newswcl(limit: int) -> Iterator[Case]:
    with (EVAL / "newswcl50" / "newswcl50_docs.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                return
            doc = json.loads(line)
            text = doc.get("text") or "\n".join(doc.get("sentences") or [])
            yield None, _record(text, doc.get("url")), doc.get("outlet")


def gva(limit: int) -> Iterator[Case]:
    with (EVAL / "gva-violent-corpus" / "docs.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                return
            doc = json.loads(line)
            yield None, _record(doc.get("text") or "", doc.get("url")), None


def _page(html: str, url: str) -> Case:
    doc = _extract(html, url, Settings(), favor_recall=False)
    if doc is None:
        return None, None, None
    page_url = doc.url or url
    before = doc.sitename or (urlsplit(page_url).hostname if page_url else None)
    raw = RawArticle(text=doc.text or "", path="x.html", url=page_url, outlet=_site_name(html, doc, page_url))
    return before, resolve_outlet(raw).outlet, None


def fundus(limit: int) -> Iterator[Case]:
    root = EVAL / "fundus-parser-testdata"
    with (root / "fundus_articles.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                return
            rec = json.loads(line)
            html = gzip.decompress((root / rec["html_file"]).read_bytes()).decode("utf-8", "replace")
            before, after, _ = _page(html, rec["url"])
            yield before, after, rec.get("publisher")


def extraction_benchmark(limit: int) -> Iterator[Case]:
    root = EVAL / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for n, (key, item) in enumerate(sorted(truth.items())):
        if n >= limit:
            return
        path = root / "html" / f"{key}.html.gz"
        if path.exists():
            yield _page(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), item["url"])


def fakes_syria(limit: int) -> Iterator[Case]:
    """Development groups only (dev_groups.tsv): the others are kept apart for independent evaluation."""
    root = EVAL / "fakes-syria"
    with (root / "dev_groups.tsv").open(encoding="utf-8") as fh:
        dev = {(r["date"], r["location"]) for r in csv.DictReader(fh, delimiter="\t")}
    with (root / "FA-KES-Dataset.csv").open(encoding="latin-1", newline="") as fh:
        rows = (r for r in csv.DictReader(fh) if (r.get("date"), r.get("location")) in dev)
        for n, row in enumerate(rows):
            if n >= limit:
                return
            yield None, _record(row.get("article_content") or "", None), row.get("source")


SETS = {
    "seeds (txt)": seeds,
    "neus-allsides (records: text+url)": allsides,
    "neus-allsides (text only, URL dropped)": allsides_text_only,
    "newswcl50 (records: text+url)": newswcl,
    "gva-violent-corpus (records: text+url)": gva,
    "fundus-parser-testdata (html+url)": fundus,
    "article-extraction-benchmark (html+url)": extraction_benchmark,
    "fakes-syria (text only)": fakes_syria,
}


def measure(cases: list[Case]) -> dict[str, object]:
    labelled = [c for c in cases if c[2]]
    out: dict[str, object] = {"sources": len(cases), "labelled": len(labelled)}
    for when, i in (("before", 0), ("after", 1)):
        names = [c[i] for c in cases]
        out[f"{when}_named"] = sum(1 for x in names if x)
        out[f"{when}_by_name"] = sum(1 for x in names if x and not _domain_only(x))
        if labelled:
            out[f"{when}_agrees"] = sum(1 for c in labelled if _agrees(c[i], c[2]))
            out[f"{when}_named_labelled"] = sum(1 for c in labelled if c[i])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=100_000, help="items per set")
    args = parser.parse_args()
    results: dict[str, object] = {}
    header = f"{'set':42} {'n':>5} | {'before named/by name':>20} | {'after named/by name':>19} | agrees b→a"
    print(header)
    print("-" * len(header))
    started = time.perf_counter()
    for name, reader in SETS.items():
        if not (SHARED / "seeds").exists() and name.startswith("seeds"):
            continue
        cases = list(reader(args.limit))
        row = measure(cases)
        results[name] = row
        n = row["sources"]
        agrees = "–"
        if row["labelled"]:
            agrees = f"{row['before_agrees']}→{row['after_agrees']} of {row['labelled']}"
        print(
            f"{name:42} {n:>5} | {row['before_named']:>9}/{row['before_by_name']:<10} | "
            f"{row['after_named']:>8}/{row['after_by_name']:<10} | {agrees}"
        )
    payload = {
        "what": "sources named by an outlet before/after ingest.outlets (bench/outlets.py)",
        "table_rows": len(builtin_table()),
        "seconds": round(time.perf_counter() - started, 1),
        "sets": results,
        "machine": machine_info(),
    }
    write_result("outlets", payload)


if __name__ == "__main__":
    main()
