"""Figures and conflicts: newsfuse's claims vs a word-window regex baseline, side by side in one run.

Data (read at run time, never copied):
- ../shared/seeds (five articles) against bench/data/figures-seeds.tsv;
- ../shared/eval/fakes-syria, 15 same-incident groups from its dev_groups.tsv, against our hand
  labels bench/data/figures-dev.tsv (every casualty figure of each article's body).

Metrics:
- claims: precision, recall, F1; a predicted claim matches a labelled one of the same article with
  the same measure and the same interval (lo, hi) — so the qualifier must be read right;
- victim class, attribution and scope accuracy over matched claims (attribution: both the outlet's
  own voice, or both named with a word in common; scope: the story's incident, an earlier event or a
  running total);
- comparison verdicts: per (group, measure, victim class) the verdict computed from the labels vs
  the one computed from the predicted claims (over keys that either side compares), incident
  figures only on both sides (the baseline has no notion of scope: all its figures are incident).

    python bench/figures.py [--limit N] [--show]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine_info, write_result
from newsfuse.analyze import parse_articles
from newsfuse.analyze.numbers import parse_count
from newsfuse.api import clean_articles
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.claims import overlap
from newsfuse.models import RawArticle

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FAKES = SHARED / "eval" / "fakes-syria"
DATA = Path(__file__).parent / "data"

# unit, measure, class, lo, hi, attributed, scope ("incident", "background", "cumulative")
Label = tuple[str, str, str, int | None, int | None, str, str]


def read_labels(path: Path) -> dict[str, list[Label]]:
    """Labels per group (the seeds are one group) from a TSV with '#' comments."""
    groups: dict[str, list[Label]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t") + [""] * 9
        if path.name == "figures-seeds.tsv":
            group, (unit, measure, cls, lo, hi, _phrase, who), scope = "seeds", cells[:7], ""
        else:
            group, unit, measure, cls, lo, hi, _phrase, who, scope = cells[:9]
        groups[group].append(
            (
                unit,
                measure,
                cls,
                int(lo) if lo else None,
                int(hi) if hi else None,
                who.strip(),
                scope.strip() or "incident",
            )
        )
    return groups


# --- the systems ------------------------------------------------------------------------------------


def newsfuse_claims(articles: list[tuple[str, str]]) -> list[Label]:
    """(unit, text) articles -> our claims as labels."""
    raws = [RawArticle(text=text, path=unit) for unit, text in articles]
    analyzed = parse_articles(clean_articles(raws))
    brief = assemble_brief(analyzed)
    unit_of = {s.id: s.path or "" for s in brief.sources}
    return [
        (unit_of[c.source], c.measure, c.victim_class, c.value.lo, c.value.hi, c.attributed_to or "", c.scope)
        for c in brief.claims
    ]


_BASE_NUMBER = (
    r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|dozens|tens|scores|hundreds|thousands)"
)
_BASE_MEASURES = {
    "killed": r"killed|dead|died|deaths|murdered|martyred|martyrs",
    "injured": r"injured|wounded|hurt",
    "hospitalized": r"hospitali[sz]ed",
    "arrested": r"arrested|detained|arrests",
    "missing": r"missing",
    "evacuated": r"evacuated",
}
_BASE = re.compile(
    _BASE_NUMBER + r"((?:\s+\S+){0,4}?)\s+(" + "|".join(_BASE_MEASURES.values()) + r")\b", re.I
)


def baseline_claims(articles: list[tuple[str, str]]) -> list[Label]:
    """A word window: a number, then within four words a casualty word; the value taken exactly."""
    out: list[Label] = []
    for unit, text in articles:
        for m in _BASE.finditer(text):
            count = parse_count(m.group(1))
            if count is None:
                continue
            measure = next(k for k, v in _BASE_MEASURES.items() if re.fullmatch(v, m.group(3), re.I))
            words = m.group(2).lower()
            cls = (
                "security_forces" if re.search(r"police|soldier|troop|officer|security", words) else
                "protesters" if re.search(r"protest|demonstrat|rioter", words) else
                "civilians" if "civilian" in words else "children" if "child" in words else
                "armed_group" if re.search(r"militant|rebel|fighter|terrorist", words) else "people"
            )  # fmt: skip
            out.append((unit, measure, cls, count.lo, count.hi, "", "incident"))
    return out


# --- scoring --------------------------------------------------------------------------------------


def _same_source(a: str, b: str) -> bool:
    if not a or not b:
        return a == b
    words = lambda s: {w for w in re.findall(r"\w+", s.lower()) if w not in ("the", "a", "of", "at")}  # noqa: E731
    return bool(words(a) & words(b))


def match(gold: list[Label], predicted: list[Label]) -> list[tuple[Label, Label]]:
    """One-to-one pairs of labels and predictions with the same unit, measure and interval."""
    pairs: list[tuple[Label, Label]] = []
    free = list(predicted)
    for g in gold:
        candidates = [p for p in free if p[:2] == g[:2] and p[3:5] == g[3:5]]
        # prefer the prediction that also gets the class and attribution right
        candidates.sort(key=lambda p: (p[2] != g[2], not _same_source(p[5], g[5])))
        if candidates:
            pairs.append((g, candidates[0]))
            free.remove(candidates[0])
    return pairs


def verdicts(labels: Iterable[Label]) -> dict[tuple[str, str], str]:
    by_key: dict[tuple[str, str], list[tuple[int | None, int | None]]] = defaultdict(list)
    units: dict[tuple[str, str], set[str]] = defaultdict(set)
    for unit, measure, cls, lo, hi, _who, scope in labels:
        if measure != "other" and scope == "incident":
            by_key[(measure, cls)].append((lo, hi))
            units[(measure, cls)].add(unit)
    out: dict[tuple[str, str], str] = {}
    for key, values in by_key.items():
        conflict = any(not overlap(a, b) for n, a in enumerate(values) for b in values[n + 1 :])
        if conflict or len(units[key]) >= 2:
            out[key] = "conflict" if conflict else "agree"
    return out


def score(groups: dict[str, list[Label]], predicted: dict[str, list[Label]]) -> dict[str, float]:
    tp = n_gold = n_pred = cls_ok = who_ok = scope_ok = 0
    verdict_ok = verdict_n = 0
    for group, gold in groups.items():
        pred = predicted.get(group, [])
        pairs = match(gold, pred)
        tp += len(pairs)
        n_gold += len(gold)
        n_pred += len(pred)
        cls_ok += sum(g[2] == p[2] for g, p in pairs)
        who_ok += sum(_same_source(g[5], p[5]) for g, p in pairs)
        scope_ok += sum(g[6] == p[6] for g, p in pairs)
        gv, pv = verdicts(gold), verdicts(pred)
        for key in set(gv) | set(pv):
            verdict_n += 1
            verdict_ok += gv.get(key) == pv.get(key)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "claims_gold": n_gold,
        "claims_predicted": n_pred,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "victim_class_accuracy": cls_ok / tp if tp else 0.0,
        "attribution_accuracy": who_ok / tp if tp else 0.0,
        "scope_accuracy": scope_ok / tp if tp else 0.0,
        "verdict_accuracy": verdict_ok / verdict_n if verdict_n else 0.0,
        "verdicts": verdict_n,
    }


# --- the data -------------------------------------------------------------------------------------


def seed_articles() -> dict[str, list[tuple[str, str]]]:
    return {"seeds": [(p.name[:3], p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]}


def dev_articles(groups: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    with open(FAKES / "FA-KES-Dataset.csv", encoding="utf-8", errors="replace") as handle:
        rows = list(csv.DictReader(handle))
    by_group: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        by_group[f"{row['date']} {row['location']}"].append((row["unit_id"], row["article_content"]))
    return {g: by_group[g] for g in groups}


def run(
    name: str, articles: dict[str, list[tuple[str, str]]], labels: dict[str, list[Label]], show: bool
) -> dict:
    results: dict[str, dict] = {}
    for system, extract in (("newsfuse", newsfuse_claims), ("regex window (baseline)", baseline_claims)):
        start = time.perf_counter()
        predicted = {g: extract(a) for g, a in articles.items()}
        results[system] = score({g: labels[g] for g in articles}, predicted) | {
            "seconds": round(time.perf_counter() - start, 2)
        }
        if show and system == "newsfuse":
            for g in articles:
                pairs = match(labels[g], predicted[g])
                matched_g = [a for a, _ in pairs]
                matched_p = [b for _, b in pairs]
                for lab in labels[g]:
                    if lab not in matched_g:
                        print(f"  MISS {g}: {lab}")
                    else:
                        matched_g.remove(lab)
                for pred in predicted[g]:
                    if pred not in matched_p:
                        print(f"  EXTRA {g}: {pred}")
                    else:
                        matched_p.remove(pred)
                for a, b in pairs:
                    if a[2] != b[2] or not _same_source(a[5], b[5]) or a[6] != b[6]:
                        print(f"  WRONG {g}: gold {a} got {b}")
                gold_verdicts, our_verdicts = verdicts(labels[g]), verdicts(predicted[g])
                for key in sorted(set(gold_verdicts) | set(our_verdicts)):
                    gold_verdict, our_verdict = gold_verdicts.get(key), our_verdicts.get(key)
                    if gold_verdict != our_verdict:
                        print(f"  VERDICT {g} {key}: gold {gold_verdict} got {our_verdict}")
    return {"dataset": name, "groups": len(articles), "systems": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N dev groups")
    parser.add_argument("--show", action="store_true", help="print every miss, extra and wrong claim")
    args = parser.parse_args()
    seeds = read_labels(DATA / "figures-seeds.tsv")
    dev = read_labels(DATA / "figures-dev.tsv")
    dev_groups = list(dev)[: args.limit] if args.limit else list(dev)
    tables = [
        run("seeds", seed_articles(), seeds, args.show),
        run("fakes-syria dev", dev_articles(dev_groups), dev, args.show),
    ]
    columns = [
        "precision",
        "recall",
        "f1",
        "victim_class_accuracy",
        "attribution_accuracy",
        "scope_accuracy",
        "verdict_accuracy",
    ]
    print(f"{'data':18} {'system':26} {'gold':>5} {'pred':>5} " + " ".join(f"{c[:12]:>12}" for c in columns))
    for table in tables:
        for system, m in table["systems"].items():
            print(
                f"{table['dataset']:18} {system:26} {m['claims_gold']:>5} {m['claims_predicted']:>5} "
                + " ".join(f"{m[c]:>12.3f}" for c in columns)
            )
    write_result("figures", {"machine": machine_info(), "results": tables})


if __name__ == "__main__":
    main()
