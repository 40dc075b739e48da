"""Dates: TIMEX3 DATE value accuracy (ours vs dateparser alone) and publication dates (ours vs htmldate).

Part 1 — normalisation. Data: ../shared/eval/meantime-en (intra_cross-doc annotation, 120 Wikinews
articles) and ../shared/eval/tempeval3 (TE3-platinum, 20 articles). Each in-text TIMEX3 of type
DATE with a non-empty extent is resolved against its document's creation time (DCT); the metric
is exact match of the TIMEX3 `value` (2013-03-21, 2012-07, 2013-W12, PRESENT_REF…), i.e. value
accuracy on gold extents. Systems, run side by side on the same expressions:
- dateparser alone: `DateDataParser` with RELATIVE_BASE = DCT, its own period (day, week, month,
  year) deciding the value's granularity; no answer counts as wrong;
- newsfuse: `newsfuse.analyze.timex.resolve(expression, DCT, tense=…, previous=…)`, with the tense
  taken from the sentence around the expression (as the pipeline does) and the last resolved day
  for "that day".

Part 2 — publication dates on ../shared/eval/htmldate-eval (1,000 pages): htmldate extensive vs
newsfuse (see bench/pubdate.py, reused here).

Part 3 — "cl-tls": date selection in Spanish, French and Italian on ../shared/eval/cl-tls-mlcrisis
(ML-Crisis, 4 topics x 3 languages; publication date = the article's folder name; one reference
timeline per language and topic). Held out: no rule was tuned on it. Per language and topic, a
bounded sample of articles spread evenly over the publication dates (--cltls-per-topic, 0 = all);
every sentence's temporal expressions are resolved with the article's date as reference, each day
counts the sentences that name it, and the k most-named days (k = the reference timeline's number of
dates) are scored against the reference dates (date-selection F1, as Date-F1 of Martschat & Markert
2018 with k fixed, so P = R = F1). Systems on the same sentences:
- newsfuse: `find_timexes` + `resolve`, tense from the article's language pack (every pack);
- en/fr tables: the same code reading only the English and French packs (what timex.py knew before
  the language packs; it still finds ISO dates and years, and dateparser reads what has a year);
- dateparser search: `dateparser.search.search_dates` on each sentence, language given, RELATIVE_BASE
  = the article's date (day-level results only);
- pubcount: days ranked by the number of articles published on them (the PUBCOUNT baseline).

Part 4 — "languages": the hand-labelled day expressions of the invented multilingual stories
(bench/data/languages/dates.tsv: story "dev" = examples/steppe-dam, tuning data; "heldout" =
bench/data/languages/heldout, test data). Each story runs through the pipeline (reading, cleaning,
publication dates); every expression found in a sentence is resolved against its article's date
(and the story's first day, as the timeline does: a weekday before it is taken forward). A
label is found when an unused expression of its file overlaps it (one contains the other), right when
that expression names the labelled day; expressions naming a day that match no label are spurious.

    python bench/dates.py [--limit N] [--skip-pubdate] [--skip-cltls] [--cltls-per-topic N] [--show-errors]
                          [--skip-languages]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from machine import RESULTS, machine_info, write_result
from newsfuse import languages
from newsfuse.analyze.timex import find_timexes, resolve, sentence_tense

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@dataclass(frozen=True)
class GoldTimex:
    doc: str
    dct: dt.date
    text: str
    sentence: str
    value: str


def _iso_or_dmy(value: str | None) -> dt.date | None:
    """A DCT as 2009-02-03 or, in a few MEANTIME files, 03-02-2009 (day first)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        try:
            return dt.datetime.strptime(value[:10], "%d-%m-%Y").date()
        except ValueError:
            return None


def meantime(root: Path) -> Iterator[GoldTimex]:
    for path in sorted((root / "intra_cross-doc_annotation").glob("*/*.xml")):
        xml = ET.parse(path).getroot()
        tokens = {t.get("t_id"): (t.text or "", t.get("sentence")) for t in xml.iter("token")}
        by_sentence: dict[str | None, list[str]] = {}
        for word, sentence in tokens.values():
            by_sentence.setdefault(sentence, []).append(word)
        markables = xml.find("Markables")
        if markables is None:
            continue
        dct = next(
            (
                t.get("value")
                for t in markables.iter("TIMEX3")
                if t.get("functionInDocument") == "CREATION_TIME"
            ),
            None,
        )
        day = _iso_or_dmy(dct)
        if day is None:
            continue
        for timex in markables.iter("TIMEX3"):
            anchors = [a.get("t_id") for a in timex.findall("token_anchor")]
            if timex.get("type") != "DATE" or not anchors:
                continue
            sentence = tokens[anchors[0]][1]
            yield GoldTimex(
                path.stem,
                day,
                " ".join(tokens[a][0] for a in anchors),
                " ".join(by_sentence[sentence]),
                timex.get("value") or "",
            )


def tempeval3(root: Path) -> Iterator[GoldTimex]:
    for path in sorted((root / "te3-platinum").glob("*.tml")):
        xml = ET.parse(path).getroot()
        dct_el = xml.find("DCT/TIMEX3")
        text_el = xml.find("TEXT")
        if dct_el is None or text_el is None:
            continue
        dct = dt.date.fromisoformat((dct_el.get("value") or "")[:10])
        plain = "".join(text_el.itertext())
        cursor = 0
        for timex in text_el.iter("TIMEX3"):
            words = "".join(timex.itertext())
            at = plain.find(words, cursor)
            cursor = at + len(words) if at >= 0 else cursor
            start = max(plain.rfind(".", 0, max(at, 0)), plain.rfind("\n", 0, max(at, 0))) + 1
            end_dot = plain.find(".", at + len(words))
            sentence = plain[start : end_dot if end_dot > 0 else len(plain)]
            if timex.get("type") == "DATE" and words.strip():
                yield GoldTimex(path.stem, dct, words, sentence, timex.get("value") or "")


def ours(items: list[GoldTimex]) -> list[str | None]:
    out: list[str | None] = []
    previous: dt.date | None = None
    doc = ""
    for item in items:
        if item.doc != doc:
            doc, previous = item.doc, None
        found = resolve(
            item.text,
            item.dct,
            tense=sentence_tense(item.sentence, item.sentence.find(item.text)),
            previous=previous,
        )
        if found and found.day:
            previous = found.day
        out.append(found.value if found else None)
    return out


def dateparser_alone(items: list[GoldTimex]) -> list[str | None]:
    from dateparser.date import DateDataParser

    out: list[str | None] = []
    for item in items:
        base = dt.datetime.combine(item.dct, dt.time())
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})
        try:
            data = parser.get_date_data(item.text)
        except (ValueError, TypeError, OverflowError):
            out.append(None)
            continue
        if data.date_obj is None:
            out.append(None)
            continue
        day = data.date_obj.date()
        if data.period == "year":
            out.append(str(day.year))
        elif data.period == "month":
            out.append(f"{day.year}-{day.month:02d}")
        elif data.period == "week":
            year, week, _ = day.isocalendar()
            out.append(f"{year}-W{week:02d}")
        else:
            out.append(day.isoformat())
    return out


def score(items: list[GoldTimex], values: list[str | None]) -> dict[str, Any]:
    right = sum(1 for item, v in zip(items, values, strict=True) if v == item.value)
    answered = sum(1 for v in values if v is not None)
    return {
        "expressions": len(items),
        "right": right,
        "answered": answered,
        "accuracy": right / max(len(items), 1),
    }


def normalisation(limit: int, show_errors: bool) -> dict[str, Any]:
    sets = {"meantime-en": EVAL / "meantime-en", "tempeval3 platinum": EVAL / "tempeval3"}
    rows: dict[str, Any] = {}
    print(f"{'TIMEX3 DATE value accuracy':28} {'n':>5} {'dateparser':>11} {'newsfuse':>9}")
    for name, root in sets.items():
        if not root.is_dir():
            print(f"{name}: not found under {root}", file=sys.stderr)
            continue
        items = list(meantime(root) if name.startswith("meantime") else tempeval3(root))[: limit or None]
        baseline, mine = dateparser_alone(items), ours(items)
        rows[name] = {"dateparser": score(items, baseline), "newsfuse": score(items, mine)}
        print(
            f"{name:28} {len(items):5d} {rows[name]['dateparser']['accuracy']:11.3f} "
            f"{rows[name]['newsfuse']['accuracy']:9.3f}"
        )
        if show_errors:
            for item, v, b in zip(items, mine, baseline, strict=True):
                if v != item.value:
                    print(f"   {item.dct} {item.text!r:40} gold={item.value:14} ours={v} dp={b}")
    return rows


def newsfuse_published(page: bytes, url: str) -> str | None:
    """The date a lone HTML source gets: metadata from the reader, else a wire dateline with a year."""
    from newsfuse.config import Settings
    from newsfuse.ingest import read_bytes
    from newsfuse.ingest.dates import dateline_date
    from newsfuse.models import RawArticle

    for item in read_bytes(page, url, "html", Settings()):
        if not isinstance(item, RawArticle):
            continue
        if item.published:
            return item.published.isoformat()
        for paragraph in [p for p in item.text.split("\n") if p.strip()][:3]:
            written = dateline_date(paragraph, wire_only=True)
            found = resolve(written, None) if written else None
            if found and found.day and not found.relative:
                return found.day.isoformat()
        return None
    return None


def publication(limit: int) -> dict[str, Any]:
    import pubdate

    data = pubdate.DATA
    if not data.is_dir():
        print(f"htmldate-eval not found under {data}", file=sys.stderr)
        return {}
    import gzip
    import json

    gold: dict[str, dict[str, str]] = {}
    for name in ("eval_default.json", "eval_mediacloud_2020.json"):
        gold.update(json.loads((data / name).read_text(encoding="utf-8")))
    urls = list(gold)[: limit or None]
    systems = {"htmldate extensive": pubdate.htmldate(True), "newsfuse": newsfuse_published}
    rows: dict[str, Any] = {}
    for system, find in systems.items():
        right = wrong = none = 0
        for url in urls:
            with gzip.open(data / "html" / f"{gold[url]['file']}.gz") as fh:
                found = find(fh.read(), url)
            if found is None:
                none += 1
            elif found == gold[url]["date"]:
                right += 1
            else:
                wrong += 1
        rows[system] = {
            "pages": len(urls),
            "right": right,
            "wrong": wrong,
            "none": none,
            "accuracy": right / len(urls),
        }
    print(f"\n{'publication date (htmldate-eval)':34} {'pages':>5} {'accuracy':>8} {'wrong':>6} {'none':>5}")
    for system, r in rows.items():
        print(f"{system:34} {r['pages']:5d} {r['accuracy']:8.3f} {r['wrong']:6d} {r['none']:5d}")
    return rows


CLTLS = EVAL / "cl-tls-mlcrisis"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")


@contextlib.contextmanager
def only_packs(codes: tuple[str, ...]) -> Iterator[None]:
    """timex reads only these packs inside the block (its grammar is cached per set of packs)."""
    every = languages.known_languages
    languages.known_languages = lambda: codes  # type: ignore[assignment]
    try:
        yield
    finally:
        languages.known_languages = every


def _cltls_loader() -> Any:
    """ML-Crisis's own loader (stdlib only), by path: bench/ has a load.py of its own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cltls_load", CLTLS / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cltls_sample(per_topic: int) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(language, topic) -> articles, at most `per_topic` spread evenly over the publication dates."""
    load = _cltls_loader()
    by_topic: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for doc in load.docs():
        by_topic.setdefault((doc["lang"], doc["topic"]), []).append(doc)
    out = {}
    for key, docs in sorted(by_topic.items()):
        docs.sort(key=lambda d: (d["date"], d["id"]))
        if per_topic and len(docs) > per_topic:
            step = len(docs) / per_topic
            docs = [docs[int(i * step)] for i in range(per_topic)]
        out[key] = docs
    return out


def _timex_days(text: str, published: dt.date, language: str) -> list[set[dt.date]]:
    """Per sentence, the days its temporal expressions name (resolved against the article's date)."""
    days = []
    for sentence in _SENTENCE.split(text):
        named = set()
        for m in find_timexes(sentence):
            r = resolve(m.text, published, tense=sentence_tense(sentence, m.start, language))
            if r and r.day:
                named.add(r.day)
        days.append(named)
    return days


def _dateparser_days(text: str, published: dt.date, language: str) -> list[set[dt.date]]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time()), "PREFER_DATES_FROM": "past"}
    days = []
    for sentence in _SENTENCE.split(text):
        try:
            found = search_dates(sentence, languages=[language], settings=settings) or []
        except (ValueError, TypeError, OverflowError):
            found = []
        days.append({d.date() for words, d in found if re.search(r"\d|\w{4,}", words)})
    return days


def _date_f1(counts: Counter[dt.date], reference: set[dt.date]) -> float:
    k = len(reference)
    top = {d for d, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]}
    right = len(top & reference)
    if not top or not right:
        return 0.0
    precision, recall = right / len(top), right / k
    return 2 * precision * recall / (precision + recall)


def cltls(per_topic: int) -> dict[str, Any]:
    if not CLTLS.is_dir():
        print(f"cl-tls-mlcrisis not found under {CLTLS}", file=sys.stderr)
        return {}
    load = _cltls_loader()
    references = {
        (tl["lang"], tl["topic"]): {dt.date.fromisoformat(d) for d, _ in tl["entries"]}
        for tl in load.timelines(langs=("es", "fr", "it"))
    }
    sample = _cltls_sample(per_topic)
    systems: dict[str, Callable[[str, dt.date, str], list[set[dt.date]]]] = {
        "newsfuse": _timex_days,
        "en/fr tables": _timex_days,
        "dateparser search": _dateparser_days,
    }
    rows: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    for system, days_of in systems.items():
        started = time.perf_counter()
        with only_packs(("en", "fr")) if system == "en/fr tables" else contextlib.nullcontext():
            for (language, topic), docs in sample.items():
                counts: Counter[dt.date] = Counter()
                sentences = 0
                for doc in docs:
                    published = dt.date.fromisoformat(doc["date"])
                    for named in days_of(doc["text"], published, language):
                        sentences += 1
                        counts.update(named)
                row = rows.setdefault(f"{language}/{topic}", {"articles": len(docs)})
                row["reference dates"] = len(references.get((language, topic), ()))
                row[system] = {
                    "date_f1": _date_f1(counts, references.get((language, topic), set())),
                    "dated_sentences": sum(counts.values()),
                    "sentences": sentences,
                }
        seconds[system] = time.perf_counter() - started
    for (language, topic), docs in sample.items():
        counts = Counter(dt.date.fromisoformat(d["date"]) for d in docs)
        rows[f"{language}/{topic}"]["pubcount"] = {"date_f1": _date_f1(counts, references[(language, topic)])}
    names = [*systems, "pubcount"]
    for language in ("es", "fr", "it"):
        mine = [r for key, r in rows.items() if key.startswith(language + "/")]
        rows[f"{language} (mean)"] = {
            "articles": sum(r["articles"] for r in mine),
            **{n: {"date_f1": sum(r[n]["date_f1"] for r in mine) / max(len(mine), 1)} for n in names},
        }
    head = f"\n{'cl-tls date selection (held out)':26} {'docs':>5} {'k':>4} "
    print(head + " ".join(f"{n:>17}" for n in names))
    for key, r in rows.items():
        k = str(r.get("reference dates", ""))
        print(f"{key:26} {r['articles']:5d} {k:>4} " + " ".join(f"{r[n]['date_f1']:17.3f}" for n in names))
    print("seconds: " + ", ".join(f"{n} {s:.1f}" for n, s in seconds.items()))
    return {"per_topic": per_topic, "seconds": {n: round(s, 1) for n, s in seconds.items()}, "rows": rows}


LANGUAGE_DATA = Path(__file__).parent / "data" / "languages"
STORIES = {"dev": Path(__file__).parents[1] / "examples" / "steppe-dam", "heldout": LANGUAGE_DATA / "heldout"}


def _labels() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """story -> file -> [(expression, YYYY-MM-DD)] from dates.tsv."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for line in (LANGUAGE_DATA / "dates.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        story, file, expression, value = line.split("\t")[:4]
        out.setdefault(story, {}).setdefault(file, []).append((expression, value))
    return out


def _story_mentions(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """file name -> [(expression, day)] for every expression naming a day, through the pipeline."""
    from newsfuse.api import clean_articles
    from newsfuse.config import Settings
    from newsfuse.consolidate import assemble_brief
    from newsfuse.consolidate.facts import read_articles
    from newsfuse.ingest import read_inputs
    from newsfuse.models import RawArticle

    raws = [r for r in read_inputs([str(folder)], Settings()) if isinstance(r, RawArticle)]
    analyzed = read_articles(clean_articles(raws))
    brief = assemble_brief(analyzed)
    out: dict[str, list[tuple[str, str]]] = {}
    for source, item in zip(brief.sources, analyzed, strict=True):
        article, found = item.article, []
        for a, b in item.sentences:
            sentence = article.text[a:b]
            for m in find_timexes(sentence):
                tense = sentence_tense(sentence, m.start, article.language)
                r = resolve(m.text, source.published, tense=tense, earliest=brief.story.first_seen)
                if r and r.day:
                    found.append((m.text, r.day.isoformat()))
        out[Path(article.raw.path or "").name] = found
    return out


def story_labels(show_errors: bool) -> dict[str, Any]:
    if not (LANGUAGE_DATA / "dates.tsv").is_file():
        print(f"no labels under {LANGUAGE_DATA}", file=sys.stderr)
        return {}
    rows: dict[str, Any] = {}
    print(f"\n{'day expressions (labelled)':26} {'labels':>6} {'found':>6} {'right':>6} {'spurious':>8}")
    for story, files in _labels().items():
        if not STORIES.get(story, Path("/nonexistent")).is_dir():
            continue
        mentions = _story_mentions(STORIES[story])
        labels = found = right = spurious = 0
        for file, expected in files.items():
            unused = list(mentions.get(file, []))
            for expression, value in expected:
                labels += 1
                low = expression.lower()
                hit = next((x for x in unused if x[0].lower() in low or low in x[0].lower()), None)
                if hit is None:
                    if show_errors:
                        print(f"   missed {file} {expression!r} {value}")
                    continue
                unused.remove(hit)
                found += 1
                right += hit[1] == value
                if show_errors and hit[1] != value:
                    print(f"   wrong  {file} {expression!r} gold={value} ours={hit[0]!r} {hit[1]}")
            spurious += len(unused)
            if show_errors:
                for text, day in unused:
                    print(f"   extra  {file} {text!r} {day}")
        rows[story] = {
            "labels": labels,
            "found": found,
            "right": right,
            "spurious": spurious,
            "accuracy": right / max(labels, 1),
        }
        print(f"{story:26} {labels:6d} {found:6d} {right:6d} {spurious:8d}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N expressions / pages per set")
    parser.add_argument("--skip-pubdate", action="store_true", help="only the TIMEX3 part")
    parser.add_argument("--show-errors", action="store_true", help="list every expression we get wrong")
    parser.add_argument("--skip-cltls", action="store_true", help="no cl-tls date selection part")
    parser.add_argument("--skip-languages", action="store_true", help="no labelled multilingual stories part")
    parser.add_argument(
        "--cltls-per-topic", type=int, default=30, help="cl-tls articles per language and topic (0 = all)"
    )
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: evaluation data not found under {EVAL}", file=sys.stderr)
        return 0
    result: dict[str, Any] = {
        "machine": machine_info(),
        "normalisation": normalisation(args.limit, args.show_errors),
    }
    if not args.skip_pubdate:
        result["publication"] = publication(args.limit)
    if not args.skip_cltls:
        result["cl-tls"] = cltls(args.cltls_per_topic)
    if not args.skip_languages:
        result["languages"] = story_labels(args.show_errors)
    if not args.limit:
        previous = RESULTS / "dates.json"
        if previous.is_file():  # a part skipped this time keeps its last result
            kept = json.loads(previous.read_text(encoding="utf-8"))
            result = {**{k: v for k, v in kept.items() if k not in result}, **result}
        write_result("dates", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
