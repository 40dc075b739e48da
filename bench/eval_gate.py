"""The quality gate: the figures and language benchmarks on the development data against pinned floors.

`make eval` runs this in CI. It measures what bench/figures.py measures (seeds, fakes-syria tune
and test parts, a fixed sample of each GVA part) and the cheap part of bench/languages.py (claim F1
per language of the multilingual tuning story examples/steppe-dam and of the held-out story
bench/data/languages/heldout, and their entities merged across languages), with the cross-lingual
entity merging of bench/entities.py on meantime-multi, and story grouping on bench/cluster.py's
GVA, ECB+, MEANTIME and mixed-language streams (shipped settings, both splits); it fails when a
score falls below its floor — or, for a rate of errors such as spurious deaths, rises above its ceiling — in
bench/eval_floors.json. Floors are raised when scores rise (`--pin` writes the measured scores, less
a margin, as the new floors; review the diff) and lowered only on purpose, in a reviewed commit that
says why. The two language stories ship with the repository and are always measured; without
../shared (the evaluation data) the rest is skipped, and so are its floors.

    python bench/eval_gate.py [--pin]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import cluster
import cluster_sets
import entities
import figures
import figures_gva
import languages

FLOORS = Path(__file__).parent / "eval_floors.json"
SYSTEM = "newsfuse"
# the scores the gate pins, per kind of table; "max" marks a rate of errors (a ceiling, not a floor)
CLAIM_METRICS = {
    "precision": "min",
    "recall": "min",
    "f1": "min",
    "victim_class_accuracy": "min",
    "attribution_accuracy": "min",
    "verdict_accuracy": "min",
}
GVA_METRICS = {
    "killed_exact": "min",
    "killed_hit": "min",
    "killed_spurious": "max",
    "injured_exact": "min",
    "injured_hit": "min",
    "injured_spurious": "max",
}
# the language tables: "languages <story> <lang>" (claim F1), "languages <story>" and "meantime
# cross-lingual" (CoNLL F1 of entities merged across languages)
LANGUAGE_METRICS = {"claim_f1": "min", "entity_conll_f1": "min"}
# story grouping with shipped settings ("grouping <set> <split>"): B-cubed F1, and over pairs of
# articles in different languages, recall and precision
GROUPING_METRICS = {"bcubed_f1": "min", "cross_lingual_recall": "min", "cross_lingual_precision": "min"}
GROUPING_SETS = ("gva-clean", "ecbplus", "meantime4-doc", "stream")
KINDS = {**CLAIM_METRICS, **GVA_METRICS, **LANGUAGE_METRICS, **GROUPING_METRICS}
MARGIN = 0.01  # pinned floors sit this far below the measured score (ceilings above)


def measure(gva_limit: int) -> dict[str, dict[str, float]]:
    """{dataset: {metric: score}} of newsfuse on every gated table."""
    tables = figures.measure_all(limit=None, gva=gva_limit, show=False)
    scores: dict[str, dict[str, float]] = {}
    for table in tables:
        metrics = GVA_METRICS if "incidents" in table else CLAIM_METRICS
        result = table["systems"][SYSTEM]
        scores[table["dataset"]] = {m: round(float(result[m]), 4) for m in metrics}
    return scores


def measure_languages(with_shared: bool) -> dict[str, dict[str, float]]:
    """{dataset: {metric: score}} of the language stories (each language's claim F1, the story's
    entities across languages) and, `with_shared`, of meantime-multi's cross-lingual merging."""
    scores: dict[str, dict[str, float]] = {}
    figures_by_story = languages.read_figures(languages.DATA / "figures.tsv")
    names = languages.read_names(languages.DATA / "entities.tsv")
    for story, folder in (("dev", languages.DEV), ("heldout", languages.DATA / "heldout")):
        run = languages.run_story(folder)
        gold = figures_by_story.get(story, {})
        part = languages.score_part(run, gold, names.get(story, []), [], set(run.texts) | set(gold))
        for lang, row in part["languages"].items():
            scores[f"languages {story} {lang}"] = {"claim_f1": round(float(row["claims"]["f1"]), 4)}
        across = part.get("entities_across_languages", {}).get("newsfuse brief")
        if across:
            scores[f"languages {story}"] = {"entity_conll_f1": round(float(across["conll"]["f1"]), 4)}
    multi = entities.multilingual(None) if with_shared else None
    if multi:
        conll = multi["cross_lingual"]["systems"]["newsfuse"]["conll"]["f1"]
        scores["meantime cross-lingual"] = {"entity_conll_f1": round(float(conll), 4)}
    return scores


def measure_grouping() -> dict[str, dict[str, float]]:
    """{dataset: {metric: score}} of story grouping (bench/cluster.py's sets, shipped settings)."""
    from newsfuse.cluster import group_stories

    scores: dict[str, dict[str, float]] = {}
    for name in GROUPING_SETS:
        for part in cluster_sets.LOADERS[name]():
            labels = group_stories(part.items)
            row = {"bcubed_f1": round(cluster.bcubed(labels, part.gold)["f1"], 4)}
            if part.multilingual and part.languages is not None:
                pairs = cluster.cross_lingual(labels, part.gold, part.languages)
                row["cross_lingual_recall"] = round(float(pairs["recall"] or 0.0), 4)
                row["cross_lingual_precision"] = round(float(pairs["precision"] or 0.0), 4)
            scores[f"grouping {name} {part.split}"] = row
    return scores


def check(
    scores: dict[str, dict[str, float]], pinned: dict[str, Any], only: set[str] | None = None
) -> list[str]:
    """One line per score on the wrong side of its pinned bound (of the datasets in `only`, if given)."""
    failures: list[str] = []
    for dataset, bounds in pinned["floors"].items():
        if only is not None and dataset not in only:
            continue
        for metric, bound in bounds.items():
            got = scores.get(dataset, {}).get(metric)
            kind = KINDS[metric]
            if got is None:
                failures.append(f"{dataset} {metric}: not measured (pinned {bound})")
            elif (kind == "min" and got < bound) or (kind == "max" and got > bound):
                word = "below the floor" if kind == "min" else "above the ceiling"
                failures.append(f"{dataset} {metric}: {got:.4f} is {word} {bound:.4f}")
    return failures


def pin(scores: dict[str, dict[str, float]], gva_limit: int) -> dict[str, Any]:
    """Floors from measured scores, less the margin (ceilings plus it), rounded outwards."""
    floors: dict[str, dict[str, float]] = {}
    for dataset, metrics in scores.items():
        for metric, value in metrics.items():
            kind = KINDS[metric]
            bound = (
                math.floor((value - MARGIN) * 100) / 100
                if kind == "min"
                else math.ceil((value + MARGIN) * 100) / 100
            )
            floors.setdefault(dataset, {})[metric] = max(0.0, min(1.0, bound))
    return {"gva_incidents_per_part": gva_limit, "floors": floors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pin", action="store_true", help="write the measured scores as the new floors")
    parser.add_argument("--gva", type=int, default=None, help="GVA incidents per part (default: pinned)")
    args = parser.parse_args()
    with_shared = figures.SEEDS.is_dir() and figures.FAKES.is_dir() and figures_gva.GVA.is_dir()
    if not with_shared:
        print(f"eval gate: {figures.SHARED} has no evaluation data: only the language stories are measured")
    pinned = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {"floors": {}}
    gva_limit = args.gva or pinned.get("gva_incidents_per_part", 150)
    start = time.perf_counter()
    scores = measure(gva_limit) if with_shared else {}
    scores.update(measure_languages(with_shared))
    if with_shared:
        scores.update(measure_grouping())
    print(f"{'dataset':26} {'metric':24} {'score':>7} {'bound':>7}")
    for dataset, metrics in scores.items():
        for metric, value in metrics.items():
            bound = pinned["floors"].get(dataset, {}).get(metric)
            shown = f"{bound:>7.2f}" if bound is not None else "      –"
            print(f"{dataset:26} {metric:24} {value:>7.3f} {shown}")
    print(f"eval gate: measured in {time.perf_counter() - start:.0f} s")
    if args.pin:
        if not with_shared:
            print("eval gate: --pin needs every table measured (../shared); nothing written")
            return 1
        FLOORS.write_text(json.dumps(pin(scores, gva_limit), indent=2) + "\n", encoding="utf-8")
        print(f"eval gate: wrote {FLOORS.name}; review the diff before committing it")
        return 0
    failures = check(scores, pinned, None if with_shared else set(scores))
    for line in failures:
        print(f"eval gate: FAIL {line}")
    verdict = f"{len(failures)} scores failed" if failures else "every score within its pinned bound"
    print(f"eval gate: {verdict}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
