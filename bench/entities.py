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

    python bench/entities.py [--limit N]   # N articles per topic
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.analyze.entities import AcronymDefinition, EntityType, Mention, find_acronyms
from newsfuse.consolidate.entities import cluster_mentions

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "meantime-en" / "intra_cross-doc_annotation"
TYPES: dict[str, EntityType] = {"PER": "person", "ORG": "org", "LOC": "place"}

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
            "machine": machine_info(),
        },
    )


if __name__ == "__main__":
    main()
