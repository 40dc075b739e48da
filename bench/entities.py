"""Cross-document merging of named entities: newsfuse's rules vs exact-string match, side by side.

Data (read from ../shared/eval, never copied): MEANTIME English, intra_cross-doc_annotation, four
topics of ~30 Wikinews articles each. Gold: every named mention (syntactic_type NAM) of a person,
organisation or place whose REFERS_TO target carries a cross-document instance_id; the gold
clusters are the instances, within each topic (a topic is a "story").

Both systems cluster the SAME gold mentions (gold spans, gold types mapped to person/org/place), so
the numbers measure merging alone, not mention detection:
- exact: mentions with the identical string (and type) are one entity;
- newsfuse: `cluster_mentions` (the brief's rules), given the acronyms each article defines.

Scores: MUC, B-cubed, CEAF-e (entity-based, Hungarian matching with phi4) and their mean, the
CoNLL-2012 F1, micro over topics (clusters never cross topics).

Across languages (../shared/eval/meantime-multi, read through its own load.py): the same Wikinews
articles translated into Spanish, Italian and Dutch, with the instance ids of meantime-en. That
conversion has no syntactic type, so a named mention there is a PER/ORG/LOC mention whose head word
is capitalised, written from its first capitalised word ("los Estados Unidos" -> "Estados
Unidos"). Scored twice: cross-lingual (the en + es + it + nl mentions of one topic merged
together, each mention carrying its language) and within each language alone, each beside exact
string match. No tuning split exists there: the numbers are as measured, nothing tuned on them.
Beside merging, name finding: the names newsfuse's own extraction finds in each article (spaCy for
en, the language pack for es/it; nl has no pack) against the gold named mentions, as multisets of
normalised names per article — recall, and precision against annotated names only (MEANTIME-multi
keeps only mentions of entities linked across documents, so unannotated true names count as errors).

    python bench/entities.py [--limit N]   # N articles per topic (per language)
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.analyze.entities import AcronymDefinition, EntityType, Mention, find_acronyms
from newsfuse.consolidate.entities import cluster_mentions

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime-en" / "intra_cross-doc_annotation"
MULTI = Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime-multi"
TYPES: dict[str, EntityType] = {"PER": "person", "ORG": "org", "LOC": "place"}
LANGUAGES = ("es", "it", "nl")

Cluster = frozenset[str]


def load_topic(folder: Path, limit: int | None) -> tuple[list[list[Mention]], list[str], dict[str, str]]:
    """Per article the gold named mentions (Mention.label = a global mention id), texts, gold instances."""
    articles: list[list[Mention]] = []
    texts: list[str] = []
    gold: dict[str, str] = {}
    for path in sorted(folder.glob("*.xml"))[:limit]:
        root = ET.parse(path).getroot()
        tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
        texts.append(" ".join(tokens.values()))
        markables = root.find("Markables")
        relations = root.find("Relations")
        if markables is None or relations is None:
            continue
        instances: dict[str, tuple[str, str]] = {}
        for ent in markables.iter("ENTITY"):
            if ent.get("instance_id") and ent.get("ent_type") in TYPES:
                instances[str(ent.get("m_id"))] = (str(ent.get("instance_id")), str(ent.get("ent_type")))
        refers: dict[str, tuple[str, str]] = {}
        for rel in relations.iter("REFERS_TO"):
            target = rel.find("target")
            if target is None or target.get("m_id") not in instances:
                continue
            for src in rel.findall("source"):
                refers[str(src.get("m_id"))] = instances[str(target.get("m_id"))]
        found: list[Mention] = []
        for em in markables.iter("ENTITY_MENTION"):
            m_id = str(em.get("m_id"))
            if em.get("syntactic_type") != "NAM" or m_id not in refers:
                continue
            text = " ".join(tokens[a.get("t_id")] for a in em.findall("token_anchor"))
            instance, etype = refers[m_id]
            key = f"{path.stem}#{m_id}"
            gold[key] = instance
            found.append(Mention(text, TYPES[etype], 0, len(text), label=key))
        articles.append(found)
    return articles, texts, gold


def exact_clusters(articles: list[list[Mention]]) -> list[Cluster]:
    by_form: dict[tuple[str, str], set[str]] = defaultdict(set)
    for found in articles:
        for m in found:
            by_form[(m.text, m.type)].add(m.label)
    return [frozenset(c) for c in by_form.values()]


def newsfuse_clusters(articles: list[list[Mention]], texts: list[str]) -> list[Cluster]:
    definitions: list[AcronymDefinition] = []
    for text in texts:
        definitions += [d for d in find_acronyms(text) if d not in definitions]
    return [frozenset(m.label for _, m in c) for c in cluster_mentions(articles, definitions)]


# --- meantime-multi ----------------------------------------------------------------------------

Article = tuple[list[Mention], str]  # gold named mentions, text
Topic = dict[str, list[Article]]  # language -> articles


def _loader() -> ModuleType:
    spec = importlib.util.spec_from_file_location("meantime_multi_load", MULTI / "load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _named_text(text: str, head: str) -> str | None:
    """A mention written from its first capitalised word, when its head is capitalised."""
    if not head[:1].isupper():
        return None
    words = text.split()
    while words and not words[0][:1].isupper():
        words = words[1:]
    return " ".join(words) or None


def load_multi(limit: int | None) -> tuple[dict[str, Topic], dict[str, str]]:
    """Per topic and language the gold named mentions of each article, and every mention's instance."""
    load = _loader()
    topics: dict[str, Topic] = defaultdict(dict)
    gold: dict[str, str] = {}
    for language in LANGUAGES:
        texts = {d["doc_key"]: d["text"] for d in load.docs(language)}
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for n, item in enumerate(load.mentions(language, "entities")):
            if item["type"] not in TYPES:
                continue
            name = _named_text(item["text"], item["head"] or "")
            if name is None:
                continue
            key = f"{language}:{item['doc_key']}#{n}"
            gold[key] = item["instance"]
            by_doc[item["doc_key"]].append(
                Mention(name, TYPES[item["type"]], 0, len(name), label=key, language=language)
            )
        for topic in sorted({k.split("/")[0] for k in texts}):
            docs = sorted(k for k in texts if k.startswith(topic + "/"))[:limit]
            topics[topic][language] = [(by_doc.get(k, []), texts[k]) for k in docs]
    return topics, gold


def _cluster_pair(
    articles: list[list[Mention]], texts: list[str]
) -> tuple[list[Cluster], list[Cluster], float]:
    start = time.perf_counter()
    response = newsfuse_clusters(articles, texts)
    return exact_clusters(articles), response, time.perf_counter() - start


def _gold_clusters(labels: set[str], gold: dict[str, str]) -> list[Cluster]:
    by_instance: dict[str, set[str]] = defaultdict(set)
    for label in labels:
        by_instance[gold[label]].add(label)
    return [frozenset(c) for c in by_instance.values()]


def multilingual(limit: int | None) -> dict[str, Any] | None:
    """Cross-lingual (en+es+it+nl per topic) and within-language scores on meantime-multi."""
    if not MULTI.is_dir() or not EVAL.is_dir():
        return None
    topics, gold = load_multi(limit)
    parts: dict[str, dict[str, Any]] = {}
    runs: dict[str, dict[str, list[Cluster]]] = defaultdict(lambda: {"key": [], "exact": [], "newsfuse": []})
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"articles": 0, "mentions": 0})
    seconds: dict[str, float] = defaultdict(float)
    for topic, by_language in sorted(topics.items()):
        english, _texts, en_gold = load_topic(EVAL / topic, limit)
        gold.update(en_gold)
        en_texts = _texts
        by_language = {
            "en": [
                ([replace(m, language="en") for m in found], t)
                for found, t in zip(english, en_texts, strict=True)
            ],
            **by_language,
        }
        everything: list[Article] = []
        for language, articles in by_language.items():
            everything += articles
            mentions = [found for found, _ in articles]
            labels = {m.label for found in mentions for m in found}
            exact, response, took = _cluster_pair(mentions, [t for _, t in articles])
            runs[language]["key"] += _gold_clusters(labels, gold)
            runs[language]["exact"] += exact
            runs[language]["newsfuse"] += response
            counts[language]["articles"] += len(articles)
            counts[language]["mentions"] += len(labels)
            seconds[language] += took
        mentions = [found for found, _ in everything]
        labels = {m.label for found in mentions for m in found}
        exact, response, took = _cluster_pair(mentions, [t for _, t in everything])
        runs["cross"]["key"] += _gold_clusters(labels, gold)
        runs["cross"]["exact"] += exact
        runs["cross"]["newsfuse"] += response
        counts["cross"]["articles"] += len(everything)
        counts["cross"]["mentions"] += len(labels)
        seconds["cross"] += took
    for name, run in runs.items():
        parts[name] = {
            **counts[name],
            "gold_entities": len(run["key"]),
            "systems": {
                system: {**score(run["key"], run[system]), "entities": len(run[system])}
                for system in ("exact", "newsfuse")
            },
            "newsfuse_seconds": round(seconds[name], 3),
        }
    return {
        "dataset": "meantime-multi (es/it/nl translations of meantime-en, shared instance ids) + meantime-en",
        "named_mentions": "en: syntactic_type NAM; es/it/nl: PER/ORG/LOC mentions with a capitalised head, "
        "from their first capitalised word",
        "setting": "gold mentions, types and languages; clusters within each topic; merging only",
        "cross_lingual": parts.pop("cross"),
        "within_language": parts,
    }


def detection(limit: int | None) -> dict[str, dict[str, float | int]]:
    """Per language: recall and precision of the extracted names against the gold named mentions."""
    from newsfuse.analyze.entities import extract_mentions
    from newsfuse.analyze.parse import parse_articles
    from newsfuse.consolidate.entities import name_key
    from newsfuse.models import Article as Doc
    from newsfuse.models import RawArticle

    topics, _gold = load_multi(limit)
    by_language: dict[str, list[tuple[list[Mention], str]]] = defaultdict(list)
    for topic, languages in sorted(topics.items()):
        english, texts, _ = load_topic(EVAL / topic, limit)
        by_language["en"] += list(zip(english, texts, strict=True))
        for language in ("es", "it"):
            by_language[language] += languages.get(language, [])
    out: dict[str, dict[str, float | int]] = {}
    for language, articles in by_language.items():
        start = time.perf_counter()
        docs = [
            Doc(RawArticle(text=t, path=f"{n}"), t, None, language, (), f"{n}")
            for n, (_, t) in enumerate(articles)
        ]
        found = [extract_mentions(a) for a in parse_articles(docs)]
        matched = gold_total = found_total = 0
        for (gold, _), mine in zip(articles, found, strict=True):
            want = Counter(name_key(m.text) for m in gold)
            got = Counter(name_key(m.text) for m in mine if m.type in ("person", "org", "place"))
            matched += sum((want & got).values())
            gold_total += sum(want.values())
            found_total += sum(got.values())
        recall = matched / gold_total if gold_total else 0.0
        precision = matched / found_total if found_total else 0.0
        out[language] = {
            "articles": len(articles),
            "gold_names": gold_total,
            "found": found_total,
            "recall": round(recall, 4),
            "precision_vs_annotated": round(precision, 4),
            "f1": round(f1(recall, precision), 4),
            "seconds": round(time.perf_counter() - start, 2),
        }
    return out


def _print_multi(result: dict[str, Any]) -> None:
    cross = result["cross_lingual"]
    print(
        f"\nMEANTIME cross-lingual (en+es+it+nl merged per topic): {cross['articles']} articles, "
        f"{cross['mentions']} named mentions, {cross['gold_entities']} gold entities"
    )
    print(f"{'metric':<10}{'exact R/P/F1':>24}{'newsfuse R/P/F1':>26}")
    for metric in ("muc", "b3", "ceaf_e"):
        cells = [
            "{recall:.3f}/{precision:.3f}/{f1:.3f}".format(**cross["systems"][name][metric])
            for name in ("exact", "newsfuse")
        ]
        print(f"{metric:<10}{cells[0]:>24}{cells[1]:>26}")
    systems = cross["systems"]
    print(
        f"{'CoNLL F1':<10}{systems['exact']['conll']['f1']:>24.3f}{systems['newsfuse']['conll']['f1']:>26.3f}"
    )
    print(f"{'entities':<10}{systems['exact']['entities']:>24}{systems['newsfuse']['entities']:>26}")
    print("\nWithin each language (CoNLL F1; B3 F1 in brackets)")
    print(f"{'language':<10}{'mentions':>10}{'gold':>8}{'exact':>18}{'newsfuse':>18}")
    for language, part in result["within_language"].items():
        cells = [
            f"{part['systems'][s]['conll']['f1']:.3f} ({part['systems'][s]['b3']['f1']:.3f})"
            for s in ("exact", "newsfuse")
        ]
        print(f"{language:<10}{part['mentions']:>10}{part['gold_entities']:>8}{cells[0]:>18}{cells[1]:>18}")
    if "detection" in result:
        print("\nNames found by newsfuse's extraction vs gold named mentions (precision: vs annotated only)")
        print(f"{'language':<10}{'gold':>8}{'found':>8}{'recall':>9}{'precision':>11}")
        for language, part in result["detection"].items():
            print(
                f"{language:<10}{part['gold_names']:>8}{part['found']:>8}{part['recall']:>9.3f}"
                f"{part['precision_vs_annotated']:>11.3f}"
            )


# --- the metrics ------------------------------------------------------------------------------


def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    def part(a: list[Cluster], b: list[Cluster]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return part(key, response), part(response, key)  # recall, precision


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    def part(a: list[Cluster], b: list[Cluster]) -> float:
        where = {m: c for c in b for m in c}
        total = sum(len(c) for c in a)
        return sum(len(c & where.get(m, frozenset({m}))) / len(c) for c in a for m in c) / total

    return part(key, response), part(response, key)


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    scores = np.array([[2 * len(k & r) / (len(k) + len(r)) for r in response] for k in key])
    rows, cols = linear_sum_assignment(-scores)
    best = float(scores[rows, cols].sum())
    return best / len(key), best / len(response)


def f1(recall: float, precision: float) -> float:
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


def score(key: list[Cluster], response: list[Cluster]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceaf_e", ceaf_e)):
        r, p = metric(key, response)
        out[name] = {"recall": round(r, 4), "precision": round(p, 4), "f1": round(f1(r, p), 4)}
    out["conll"] = {"f1": round(sum(out[n]["f1"] for n in ("muc", "b3", "ceaf_e")) / 3, 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per topic")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"MEANTIME not found at {EVAL}")
    key: list[Cluster] = []
    systems: dict[str, list[Cluster]] = {"exact": [], "newsfuse": []}
    seconds = {"exact": 0.0, "newsfuse": 0.0}
    mentions = articles_read = 0
    for topic in sorted(p for p in EVAL.iterdir() if p.is_dir()):
        articles, texts, gold = load_topic(topic, args.limit)
        articles_read += len(articles)
        mentions += len(gold)
        by_instance: dict[str, set[str]] = defaultdict(set)
        for mention, instance in gold.items():
            by_instance[instance].add(mention)
        key += [frozenset(c) for c in by_instance.values()]
        start = time.perf_counter()
        systems["exact"] += exact_clusters(articles)
        seconds["exact"] += time.perf_counter() - start
        start = time.perf_counter()
        systems["newsfuse"] += newsfuse_clusters(articles, texts)
        seconds["newsfuse"] += time.perf_counter() - start
    results = {name: score(key, response) for name, response in systems.items()}
    print(f"MEANTIME en: {articles_read} articles, {mentions} named mentions, {len(key)} gold entities")
    print(f"{'metric':<10}{'exact R/P/F1':>24}{'newsfuse R/P/F1':>26}")
    for metric in ("muc", "b3", "ceaf_e"):
        cells = [
            "{recall:.3f}/{precision:.3f}/{f1:.3f}".format(**results[name][metric])
            for name in ("exact", "newsfuse")
        ]
        print(f"{metric:<10}{cells[0]:>24}{cells[1]:>26}")
    print(
        f"{'CoNLL F1':<10}{results['exact']['conll']['f1']:>24.3f}{results['newsfuse']['conll']['f1']:>26.3f}"
    )
    print(f"{'entities':<10}{len(systems['exact']):>24}{len(systems['newsfuse']):>26}")
    multi = multilingual(args.limit)
    if multi is not None:
        multi["detection"] = detection(args.limit)
        _print_multi(multi)
    write_result(
        "entities",
        {
            "dataset": "meantime-en intra_cross-doc: named PER/ORG/LOC mentions of cross-doc instances",
            "setting": "gold mentions and types; clusters within each topic; merging only",
            "articles": articles_read,
            "mentions": mentions,
            "gold_entities": len(key),
            "limit": args.limit,
            "systems": {
                name: {**results[name], "entities": len(systems[name]), "seconds": round(seconds[name], 3)}
                for name in systems
            },
            **({"multilingual": multi} if multi is not None else {}),
            "machine": machine_info(),
        },
    )


if __name__ == "__main__":
    main()
