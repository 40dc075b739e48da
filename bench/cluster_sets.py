"""Story-grouping benchmark sets: one loader per set, each a list of `Set` records with fixed splits.

Data is read from ../shared/eval (never copied). Splits that are not the dataset's own are fixed by a
hash of the gold id (sha1 of "<set>:<id>", even = tune, odd = test) and written once to
bench/data/cluster/<set>.tsv (`python bench/cluster_sets.py --write-splits`); loaders read the files, so
a split never moves once tuning has started. Sets:

- gva-raw / gva-clean: gva-violent-corpus development part (heldout/ is never read), all articles pooled
  as one stream dated by `dct`, gold = incident. Only plausible pages (the set's SOURCE.txt rule: a GVA
  record, >= 200 characters, crawled 1 day before to 30 days after the incident). gva-clean runs the
  product's own cleaning (`clean_raw`, as ingest does) first; cached under /tmp.
- ecbplus: the dataset's own split (train topics = tune, dev+test = test), gold = seminal subtopic.
- newswcl50: all 50 articles as a test set, gold = event.
- fakes-syria: only articles of the (date, location) groups listed in dev_groups.tsv (the others are
  held out by the set's curator), split by a hash of the group, gold = group.
- meantime4-topic / meantime4-doc: MEANTIME en+es+it+nl (120 Wikinews articles, each in 4 languages),
  dated by the English DCT, split by a hash of the doc id; gold = topic (coarse) or doc id (fine: one
  article in 4 languages = one event).
- cltls: ML-Crisis es/fr/it articles dated by their folder, gold = topic (coarse, long-running crises).
  Split by a hash of the publication month, so that the articles of one sub-event (days apart, often in
  several languages) stay on one side and tune and test are different stretches of each crisis.
- stream: a mixed-language stream: one invented multilingual story (tune: examples/steppe-dam; test:
  bench/data/languages/heldout) among unrelated events: examples/harbour-fire (tune only), MEANTIME
  articles of the split in two languages each and ECB+ subtopics of the split. Fillers are re-dated into
  the story's days (unrelated events on the same days), gold = event.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import importlib.util
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from newsfuse.cluster import Item

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EVAL = ROOT.parent / "shared" / "eval"
SPLITS = BENCH / "data" / "cluster"
CACHE = Path("/tmp/newsfuse-bench-cache")
SPLIT_HEADER = (
    "# Fixed before tuning (bench/cluster_sets.py): tune when sha1('<set>:<id>') is even, else test.\n"
    "id\tsplit\n"
)


@dataclass
class Set:
    """One stream to group: items in input order, gold labels, languages; `fine` = gold for pair metrics."""

    name: str
    split: str  # "tune" | "test" | "all"
    items: list[Item]
    gold: list[str]
    languages: list[str] | None = None  # each item's language
    coarse: bool = False  # gold is a topic, not one event
    note: str = ""
    multilingual: bool = False  # pooled across languages: cross-lingual pair metrics apply
    fine: list[str] | None = None  # event-level gold beside a coarse one (pair metrics use it)

    @property
    def pair_gold(self) -> list[str]:
        """The gold of cross-lingual pair metrics: the fine one where there is one."""
        return self.fine if self.fine is not None else self.gold


# --- splits ------------------------------------------------------------------------------------


def hash_split(set_name: str, key: str) -> str:
    """tune or test by the parity of sha1('<set>:<key>')."""
    return "tune" if int(hashlib.sha1(f"{set_name}:{key}".encode()).hexdigest(), 16) % 2 == 0 else "test"


def write_split(set_name: str, keys: Sequence[str], *, force: bool = False) -> Path:
    """Write the split file of a set once; refuses to move an existing split unless forced."""
    path = SPLITS / f"{set_name}.tsv"
    if path.exists() and not force:
        return path
    SPLITS.mkdir(parents=True, exist_ok=True)
    rows = "".join(f"{k}\t{hash_split(set_name, k)}\n" for k in sorted(set(keys)))
    path.write_text(SPLIT_HEADER + rows, encoding="utf-8")
    return path


def read_split(set_name: str) -> dict[str, str]:
    """The fixed split of a set: id -> tune/test."""
    path = SPLITS / f"{set_name}.tsv"
    if not path.exists():
        raise SystemExit(f"{path} missing: run python bench/cluster_sets.py --write-splits once")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("id\t") or not line.strip():
            continue
        key, split = line.split("\t")
        out[key] = split
    return out


def _load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _by_split(
    name: str, rows: Sequence[tuple[Item, str, str, str]], fine: Sequence[str] | None = None, **kw: Any
) -> list[Set]:
    """Sets per split from (item, gold, language, split) rows (and fine gold), input order kept."""
    out = []
    for split in ("tune", "test", "all"):
        idx = [n for n, r in enumerate(rows) if r[3] == split]
        if idx:
            part = [rows[n] for n in idx]
            out.append(
                Set(
                    name,
                    split,
                    [r[0] for r in part],
                    [r[1] for r in part],
                    [r[2] for r in part],
                    fine=None if fine is None else [fine[n] for n in idx],
                    **kw,
                )
            )
    return out


# --- gva-violent-corpus --------------------------------------------------------------------------


def _gva_rows() -> list[dict[str, str]]:
    root = EVAL / "gva-violent-corpus"
    incidents = {
        r["incident_id"]: r for r in map(json.loads, (root / "incidents.jsonl").open(encoding="utf-8"))
    }
    kept = []
    for doc in map(json.loads, (root / "docs.jsonl").open(encoding="utf-8")):
        incident = incidents.get(doc["incident_id"])
        if incident is None or len(doc["text"]) < 200 or not doc.get("dct"):
            continue
        days = (dt.date.fromisoformat(doc["dct"][:10]) - dt.date.fromisoformat(incident["date"])).days
        if -1 <= days <= 30:
            kept.append(doc)
    return kept


def _clean_source_hash() -> str:
    files = [
        *sorted((ROOT / "src" / "newsfuse" / "clean").glob("*.py")),
        ROOT / "src" / "newsfuse" / "analyze" / "language.py",
    ]
    digest = hashlib.sha1()
    for f in files:
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


def cleaned(key: str, raws: Sequence[tuple[str, str, str | None, str | None]]) -> dict[str, dict | None]:
    """The product's cleaning of (id, text, title, url) rows: {id: {text, title, language} | None}, cached."""
    from newsfuse.clean import clean_raw
    from newsfuse.config import Settings
    from newsfuse.errors import InputError
    from newsfuse.models import RawArticle

    path = CACHE / f"{key}-{_clean_source_hash()}.jsonl"
    done: dict[str, dict | None] = {}
    if path.exists():
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            done[row["id"]] = row["article"]
    todo = [r for r in raws if r[0] not in done]
    if todo:
        CACHE.mkdir(parents=True, exist_ok=True)
        settings = Settings()
        with path.open("a", encoding="utf-8") as fh:
            for n, (key_id, text, title, url) in enumerate(todo, 1):
                article = clean_raw(RawArticle(text=text, path=key_id, title=title, url=url), settings)
                value = (
                    None
                    if isinstance(article, InputError)
                    else {"text": article.text, "title": article.title, "language": article.language}
                )
                done[key_id] = value
                fh.write(json.dumps({"id": key_id, "article": value}, ensure_ascii=False) + "\n")
                if n % 500 == 0:
                    print(f"  cleaned {n}/{len(todo)} {key}", file=sys.stderr)
    return done


def gva(limit: int | None = None, *, clean: bool = True) -> list[Set]:
    """gva-violent-corpus development part, one stream, gold = incident (raw or cleaned pages)."""
    docs = _gva_rows()[:limit]
    split = read_split("gva")
    rows = []
    if clean:
        articles = cleaned("gva", [(d["doc_id"], d["text"], d["title"], d["url"]) for d in docs])
    for d in docs:
        when = dt.date.fromisoformat(d["dct"][:10])
        if clean:
            a = articles[d["doc_id"]]
            if a is None:
                continue
            item = Item(a["text"], title=a["title"], published=when, url=d["url"], language=a["language"])
        else:
            item = Item(d["text"], title=d["title"], published=when, url=d["url"], language="en")
        rows.append((item, d["incident_id"], item.language or "en", split[d["incident_id"]]))
    name = "gva-clean" if clean else "gva-raw"
    note = "plausible pages (>=200 chars, dct -1..+30 days of incident)" + (
        "; cleaned by newsfuse" if clean else "; raw page text"
    )
    return _by_split(name, rows, note=note)


def gva_raw(limit: int | None = None) -> list[Set]:
    return gva(limit, clean=False)


# --- ecbplus, newswcl50, fakes-syria -------------------------------------------------------------------


def _ecb_docs() -> list[dict]:
    return [json.loads(line) for line in (EVAL / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8")]


def ecbplus(limit: int | None = None) -> list[Set]:
    """ECB+: the dataset's split (train topics tune, dev+test test), gold = seminal subtopic, no dates."""
    rows = [
        (Item(r["text"], language="en"), r["subtopic"], "en", "tune" if r["split"] == "train" else "test")
        for r in _ecb_docs()[:limit]
    ]
    return _by_split("ecbplus", rows, note="dataset split: train topics tune, dev+test held out; undated")


def newswcl50(limit: int | None = None) -> list[Set]:
    path = EVAL / "newswcl50" / "newswcl50_docs.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    items = [(Item(r["text"], url=r["url"], language="en"), str(r["event_id"]), "en", "test") for r in rows]
    return _by_split("newswcl50", items, note="all 50 articles; undated")


def _fakes_rows() -> list[tuple[dict[str, str], str]]:
    root = EVAL / "fakes-syria"
    with (root / "dev_groups.tsv").open(encoding="utf-8") as fh:
        dev = {(r["date"], r["location"]) for r in csv.DictReader(fh, delimiter="\t")}
    with (root / "FA-KES-Dataset.csv").open(encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh))
    return [(r, f"{r['date']}|{r['location']}") for r in rows if (r["date"], r["location"]) in dev]


def fakes(limit: int | None = None) -> list[Set]:
    """FA-KES, development groups only (dev_groups.tsv), gold = (date, location) group."""
    split = read_split("fakes")
    rows = []
    for r, group in _fakes_rows()[:limit]:
        month, day, year = (int(x) for x in r["date"].split("/"))
        item = Item(r["article_content"], title=r["article_title"], published=dt.date(year, month, day))
        rows.append((Item(item.text, item.title, item.published, language="en"), group, "en", split[group]))
    return _by_split("fakes", rows, note="dev_groups.tsv groups only; weak gold = same date and city")


# --- meantime (en + es + it + nl) -----------------------------------------------------------------------


def _detok(tokens: Sequence[str]) -> str:
    s = " ".join(tokens)
    s = re.sub(r" ([,.;:!?%)\]»])", r"\1", s)
    return re.sub(r"([(\[«¿¡]) ", r"\1", s)


def _meantime_en() -> dict[str, tuple[list[str], dt.date | None]]:
    """doc key 'corpus_x/123' -> (sentences, DCT) from the English CAT XML."""
    out = {}
    for f in sorted((EVAL / "meantime-en" / "intra_cross-doc_annotation").glob("*/*.xml")):
        root = ET.parse(f).getroot()
        sentences: dict[int, list[str]] = defaultdict(list)
        for t in root.iter("token"):
            sentences[int(t.get("sentence", "0"))].append(t.text or "")
        dct = None
        for tx in root.iter("TIMEX3"):
            if tx.get("functionInDocument") == "CREATION_TIME" and re.match(
                r"\d{4}-\d\d-\d\d", tx.get("value", "")
            ):
                dct = dt.date.fromisoformat(tx.get("value", "")[:10])
        key = f"{f.parent.name}/{root.get('doc_id')}"
        out[key] = ([_detok(sentences[k]) for k in sorted(sentences)], dct)
    return out


def meantime_docs() -> list[dict]:
    """120 MEANTIME articles x 4 languages: {key, topic, lang, title, text, date}."""
    loader = _load_module(EVAL / "meantime-multi" / "load.py", "meantime_multi_load")
    english = _meantime_en()
    docs = []
    for key, (sentences, _dct) in english.items():
        docs.append({"key": key, "lang": "en", "sentences": sentences})
    for lang in ("es", "it", "nl"):
        for d in loader.docs(lang):
            docs.append({"key": d["doc_key"], "lang": lang, "sentences": [_detok(s) for s in d["sentences"]]})
    for d in docs:
        d["topic"] = d["key"].split("/")[0].removeprefix("corpus_")
        d["title"], d["text"] = d["sentences"][0], "\n".join(d["sentences"][1:])
        d["date"] = english.get(d["key"], ([], None))[1]
    return docs


def _meantime(fine: bool, limit: int | None) -> list[Set]:
    split = read_split("meantime")
    rows, keys = [], []
    for d in meantime_docs()[:limit]:
        item = Item(d["text"], title=d["title"], published=d["date"], language=d["lang"])
        rows.append((item, d["key"] if fine else d["topic"], d["lang"], split[d["key"]]))
        keys.append(d["key"])
    if fine:
        note = "gold = doc id (one article in en/es/it/nl)"
        return _by_split("meantime4-doc", rows, multilingual=True, note=note)
    note = "gold = topic (4 company topics); pair metrics on doc id"
    return _by_split("meantime4-topic", rows, keys, coarse=True, multilingual=True, note=note)


def meantime_topic(limit: int | None = None) -> list[Set]:
    return _meantime(False, limit)


def meantime_doc(limit: int | None = None) -> list[Set]:
    return _meantime(True, limit)


# --- cl-tls-mlcrisis ----------------------------------------------------------------------------------


def _cltls_docs() -> list[dict]:
    return list(_load_module(EVAL / "cl-tls-mlcrisis" / "load.py", "cltls_load").docs())


def cltls(limit: int | None = None) -> list[Set]:
    """ML-Crisis es/fr/it, gold = topic (coarse), split by a hash of the publication month."""
    split = read_split("cltls")
    rows = []
    for d in _cltls_docs()[:limit]:
        lines = [line.strip() for line in d["text"].splitlines() if line.strip()]
        title, text = (lines[0], "\n".join(lines[1:])) if len(lines) > 1 else (None, d["text"])
        item = Item(text, title=title, published=dt.date.fromisoformat(d["date"]), language=d["lang"])
        rows.append((item, d["topic"], d["lang"], split[d["date"][:7]]))
    note = "gold = crisis topic (pair metrics too); split by publication month"
    return _by_split("cltls", rows, coarse=True, multilingual=True, note=note)


# --- mixed-language stream ---------------------------------------------------------------------------


def read_story(folder: Path) -> list[tuple[Item, str]]:
    """A folder of article files read and cleaned as ingest does: (item, path) in file order."""
    from newsfuse.clean import clean_raw
    from newsfuse.config import Settings
    from newsfuse.errors import InputError
    from newsfuse.ingest import read_inputs

    settings = Settings()
    out = []
    for raw in read_inputs([str(folder)], settings):
        if isinstance(raw, InputError):
            continue
        a = clean_raw(raw, settings)
        if isinstance(a, InputError):
            continue
        item = Item(a.text, title=a.title, published=raw.published, url=raw.url, language=a.language)
        out.append((item, f"{raw.path}#{raw.record or 0}"))
    return out


def _redate(items: Sequence[Item], days: Sequence[dt.date], salt: str) -> list[Item]:
    """Fillers moved onto the story's days (by a hash), keeping their own relative order within one doc."""
    out = []
    for n, it in enumerate(items):
        pick = int(hashlib.sha1(f"{salt}:{n}".encode()).hexdigest(), 16) % len(days)
        out.append(Item(it.text, it.title, days[pick], it.url, it.language))
    return out


def stream(limit: int | None = None) -> list[Set]:
    """The invented multilingual story of each split among unrelated events on the same days."""
    split = read_split("meantime")
    mt = meantime_docs()
    ecb = _ecb_docs()
    out = []
    for part, folder in (
        ("tune", ROOT / "examples" / "steppe-dam"),
        ("test", BENCH / "data" / "languages" / "heldout"),
    ):
        story = read_story(folder)
        days = sorted({i.published for i, _ in story if i.published})
        span = [days[0] + dt.timedelta(days=k) for k in range(-1, (days[-1] - days[0]).days + 2)]
        rows: list[tuple[Item, str]] = [(i, f"story:{folder.name}") for i, _ in story]
        if part == "tune":
            fire = read_story(ROOT / "examples" / "harbour-fire")
            fire_days = sorted({i.published for i, _ in fire if i.published})
            shift = days[0] - fire_days[0]
            rows += [
                (
                    Item(i.text, i.title, i.published + shift if i.published else None, i.url, i.language),
                    "harbour-fire",
                )
                for i, _ in fire
            ]
        keys = sorted(
            {d["key"] for d in mt if split[d["key"]] == part},
            key=lambda k: hashlib.sha1(k.encode()).hexdigest(),
        )
        for n, key in enumerate(keys[:8]):
            langs = [("en", "es"), ("en", "it"), ("nl", "en"), ("es", "nl")][n % 4]
            for d in mt:
                if d["key"] == key and d["lang"] in langs:
                    item = Item(d["text"], d["title"], None, None, d["lang"])
                    rows.append((_redate([item], span, key)[0], f"meantime:{key}"))
        want = "train" if part == "tune" else "test"
        subtopics = sorted(
            {r["subtopic"] for r in ecb if r["split"] == want},
            key=lambda s: hashlib.sha1(s.encode()).hexdigest(),
        )[:3]
        for sub in subtopics:
            docs = [r for r in ecb if r["subtopic"] == sub][:4]
            for k, r in enumerate(docs):
                item = _redate([Item(r["text"], language="en")], span, f"{sub}:{k}")[0]
                rows.append((item, f"ecb:{sub}"))
        rows = rows[:limit]
        out.append(
            Set(
                "stream",
                part,
                [i for i, _ in rows],
                [g for _, g in rows],
                [i.language or "en" for i, _ in rows],
                multilingual=True,
                note=f"{folder.name} among unrelated events re-dated into its days",
            )
        )
    return out


LOADERS: dict[str, Callable[[int | None], list[Set]]] = {
    "gva-clean": gva,
    "gva-raw": gva_raw,
    "ecbplus": ecbplus,
    "newswcl50": newswcl50,
    "fakes": fakes,
    "meantime4-topic": meantime_topic,
    "meantime4-doc": meantime_doc,
    "cltls": cltls,
    "stream": stream,
}


def write_splits(force: bool = False) -> None:
    """Fix every hashed split once (ids + split in bench/data/cluster/*.tsv)."""
    incidents = [
        json.loads(line)["incident_id"] for line in (EVAL / "gva-violent-corpus" / "incidents.jsonl").open()
    ]
    print(write_split("gva", incidents, force=force))
    print(write_split("fakes", [g for _, g in _fakes_rows()], force=force))
    print(write_split("meantime", [d["key"] for d in meantime_docs()], force=force))
    print(write_split("cltls", [d["date"][:7] for d in _cltls_docs()], force=force))


def selfcheck() -> None:
    """Counts per set and split, disjoint gold between tune and test, languages present."""
    for name, loader in LOADERS.items():
        if name == "gva-clean" and not any(CACHE.glob("gva-*.jsonl")):
            print(f"{name}: skipped (clean cache not built; run gva-raw check)")
            continue
        sets = loader(None)
        by = {s.split: s for s in sets}
        for s in sets:
            assert len(s.items) == len(s.gold), name
            langs = Counter(s.languages or [])
            print(f"{name:<16} {s.split:<5} {len(s.items):>5} docs {len(set(s.gold)):>5} gold  {dict(langs)}")
        if "tune" in by and "test" in by and not by["tune"].coarse:
            shared = set(by["tune"].gold) & set(by["test"].gold)
            assert not shared, f"{name}: gold in both splits: {sorted(shared)[:5]}"
    for name in ("gva", "fakes", "meantime", "cltls"):
        moved = [k for k, v in read_split(name).items() if v != hash_split(name, k)]
        assert not moved, f"{name}: split file disagrees with its hash rule: {moved[:5]}"
    print("selfcheck ok")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--write-splits", action="store_true", help="fix the hashed splits (once)")
    parser.add_argument("--force", action="store_true", help="with --write-splits: overwrite existing files")
    args = parser.parse_args()
    if args.write_splits:
        write_splits(args.force)
    else:
        selfcheck()


if __name__ == "__main__":
    main()
