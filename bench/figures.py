"""Figures and conflicts: newsfuse's claims vs a word-window regex baseline, side by side in one run.

Data (read at run time, never copied):
- ../shared/seeds (five articles) against bench/data/figures-seeds.tsv;
- ../shared/eval/fakes-syria, same-incident groups from its dev_groups.tsv, against our hand labels
  bench/data/figures-dev*.tsv (every casualty figure of each article; figures-dev.tsv: the body only,
  the first 15 groups; figures-dev-[abc].tsv: title and body, under FIGURES.md section B), in two
  parts fixed before tuning (bench/data/figures-split.tsv): tune and test;
- ../shared/eval/gva-violent-corpus, development part only, in our own tune/test split by incident
  (bench/figures_gva.py): incident-level killed/injured against the Gun Violence Archive.

Metrics:
- claims: precision, recall, F1; a predicted claim matches a labelled one of the same article with
  the same measure and the same interval (lo, hi) — so the qualifier must be read right; measure
  `other` (combined counts) is left out on both sides, as the labels leave it out;
- victim class, attribution, scope, partial and status accuracy over matched claims (attribution:
  both the outlet's own voice, or both named with a word in common; partial/status only where the
  labels record them);
- comparison verdicts: per (group, measure, victim class) the verdict the labels imply (incident,
  current, whole-toll figures of different articles: disjoint = conflict) vs the verdict of the
  brief's own comparisons (the baseline: the same rule over its claims).

    python bench/figures.py [--limit N] [--gva N] [--show]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
import figures_gva
from machine import machine_info, write_result
from newsfuse.analyze.numbers import parse_count
from newsfuse.api import clean_articles
from newsfuse.consolidate import assemble_brief
from newsfuse.consolidate.claims import overlap
from newsfuse.consolidate.facts import read_articles
from newsfuse.models import RawArticle

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
FAKES = SHARED / "eval" / "fakes-syria"
DATA = Path(__file__).parent / "data"


class Label(NamedTuple):
    """One figure: labelled, or predicted by a system (flags None where a label file has none)."""

    unit: str
    measure: str
    cls: str
    lo: int | None
    hi: int | None
    who: str
    scope: str  # "incident", "background", "cumulative"
    status: str | None = None  # "current", "superseded"
    partial: bool | None = None
    hedged: bool | None = None


# (title, text) per article unit of a group
Articles = list[tuple[str, str | None, str]]
Verdicts = dict[tuple[str, str], str]


def read_labels(path: Path) -> dict[str, list[Label]]:
    """Labels per group (the seeds are one group) from a TSV with '#' comments."""
    groups: dict[str, list[Label]] = defaultdict(list)
    flagged = path.name.startswith("figures-dev-")  # the files labelled under FIGURES.md section B
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")] + [""] * 13
        if path.name == "figures-seeds.tsv":
            group, (unit, measure, cls, lo, hi, _phrase, who, partial) = "seeds", cells[:8]
            scope = status = hedged = ""
        elif flagged:
            group, unit, _where, measure, cls, lo, hi, _phrase, who, scope, status, partial, hedged = cells[
                :13
            ]
        else:
            group, unit, measure, cls, lo, hi, _phrase, who, scope = cells[:9]
            status = partial = hedged = ""
        if measure == "other":
            continue
        groups[group].append(
            Label(
                unit,
                measure,
                cls,
                int(lo) if lo else None,
                int(hi) if hi else None,
                who,
                scope or "incident",
                (status or "current") if flagged else None,
                partial == "1" if flagged else (True if partial == "1" else None),
                hedged == "1" if flagged else None,
            )
        )
    return groups


# --- the systems ------------------------------------------------------------------------------------


def newsfuse_claims(articles: Articles) -> tuple[list[Label], Verdicts]:
    """(unit, title, text) articles -> our claims as labels, and the verdicts of the brief's comparisons."""
    raws = [RawArticle(text=text, path=unit, title=title) for unit, title, text in articles]
    analyzed = read_articles(clean_articles(raws))
    brief = assemble_brief(analyzed)
    unit_of = {s.id: s.path or "" for s in brief.sources}
    claims = {c.id: c for c in brief.claims}
    labels = [
        Label(
            unit_of[c.source],
            c.measure,
            c.victim_class,
            c.value.lo,
            c.value.hi,
            c.attributed_to or "",
            c.scope,
            c.status,
            c.partial,
            c.hedged,
        )
        for c in brief.claims
        if c.measure != "other"
    ]
    found: Verdicts = {}
    for comparison in brief.comparisons:
        if all(claims[c].partial for c in comparison.claims if c in claims):
            continue  # partial counts of a group compared among themselves: not a toll's verdict
        key = (comparison.measure, comparison.victim_class)
        if found.get(key) != "conflict":
            found[key] = comparison.verdict
    return labels, found


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
            out.append(Label(unit, measure, cls, count.lo, count.hi, "", "incident"))
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
        # prefer the prediction that also gets the class, attribution and flags right
        candidates.sort(
            key=lambda p: (p.cls != g.cls, not _same_source(p.who, g.who), p.partial != g.partial)
        )
        if candidates:
            pairs.append((g, candidates[0]))
            free.remove(candidates[0])
    return pairs


def verdicts(labels: Iterable[Label]) -> Verdicts:
    """The verdicts figures imply (C15): whole, current incident tolls of different articles."""
    by_key: dict[tuple[str, str], list[Label]] = defaultdict(list)
    for label in labels:
        if label.scope == "incident" and label.status != "superseded" and not label.partial:
            by_key[(label.measure, label.cls)].append(label)
    out: Verdicts = {}
    for key, members in by_key.items():
        conflict = any(
            a.unit != b.unit and not overlap((a.lo, a.hi), (b.lo, b.hi))
            for n, a in enumerate(members)
            for b in members[n + 1 :]
        )
        if conflict or len({m.unit for m in members}) >= 2:
            out[key] = "conflict" if conflict else "agree"
    return out


def _share(pairs: list[tuple[Label, Label]], same: Callable[[Label, Label], bool | None]) -> tuple[int, int]:
    judged = [same(g, p) for g, p in pairs]
    return sum(1 for j in judged if j), sum(1 for j in judged if j is not None)


def _same_partial(g: Label, p: Label) -> bool | None:
    return None if g.partial is None else g.partial == p.partial


def _same_status(g: Label, p: Label) -> bool | None:
    return None if g.status is None else g.status == p.status


def score(
    groups: dict[str, list[Label]], predicted: dict[str, list[Label]], said: dict[str, Verdicts]
) -> dict[str, float]:
    tp = n_gold = n_pred = 0
    verdict_ok = verdict_n = 0
    all_pairs: list[tuple[Label, Label]] = []
    for group, gold in groups.items():
        pred = predicted.get(group, [])
        pairs = match(gold, pred)
        all_pairs += pairs
        tp += len(pairs)
        n_gold += len(gold)
        n_pred += len(pred)
        gv, pv = verdicts(gold), said.get(group, {})
        for key in set(gv) | set(pv):
            verdict_n += 1
            verdict_ok += gv.get(key) == pv.get(key)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    ratios = {
        "victim_class_accuracy": _share(all_pairs, lambda g, p: g.cls == p.cls),
        "attribution_accuracy": _share(all_pairs, lambda g, p: _same_source(g.who, p.who)),
        "scope_accuracy": _share(all_pairs, lambda g, p: g.scope == p.scope),
        "partial_accuracy": _share(
            all_pairs, lambda g, p: None if g.partial is None else g.partial == p.partial
        ),
        "status_accuracy": _share(all_pairs, lambda g, p: None if g.status is None else g.status == p.status),
    }
    return {
        "claims_gold": n_gold,
        "claims_predicted": n_pred,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        **{name: ok / n if n else 0.0 for name, (ok, n) in ratios.items()},
        "verdict_accuracy": verdict_ok / verdict_n if verdict_n else 0.0,
        "verdicts": verdict_n,
    }


# --- the data -------------------------------------------------------------------------------------


def seed_articles() -> dict[str, Articles]:
    return {"seeds": [(p.name[:3], None, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]}


def dev_articles(groups: Iterable[str], titled: set[str]) -> dict[str, Articles]:
    """The articles of fakes-syria groups; with their titles where the labels cover titles."""
    with open(FAKES / "FA-KES-Dataset.csv", encoding="utf-8", errors="replace") as handle:
        rows = list(csv.DictReader(handle))
    by_group: dict[str, Articles] = defaultdict(list)
    for row in rows:
        group = f"{row['date']} {row['location']}"
        title = row["article_title"].strip() or None if group in titled else None
        by_group[group].append((row["unit_id"], title, row["article_content"]))
    return {g: by_group[g] for g in groups}


def dev_labels() -> tuple[dict[str, list[Label]], set[str], dict[str, str]]:
    """All fakes-syria labels, the groups labelled with titles, and each group's part."""
    labels: dict[str, list[Label]] = {}
    titled: set[str] = set()
    for path in sorted(DATA.glob("figures-dev*.tsv")):
        found = read_labels(path)
        labels |= found
        if path.name.startswith("figures-dev-"):
            titled |= set(found)
    parts = {}
    for line in (DATA / "figures-split.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, part = line.split("\t")
            parts[group] = part.strip()
    return labels, titled, parts


def run(
    name: str, articles: dict[str, Articles], labels: dict[str, list[Label]], show: bool
) -> dict[str, Any]:
    results: dict[str, dict[str, Any]] = {}
    baseline = lambda a: (baseline_claims([(u, t) for u, _, t in a]), None)  # noqa: E731
    for system, extract in (("newsfuse", newsfuse_claims), ("regex window (baseline)", baseline)):
        start = time.perf_counter()
        predicted: dict[str, list[Label]] = {}
        said: dict[str, Verdicts] = {}
        for group, group_articles in articles.items():
            claims, group_verdicts = extract(group_articles)
            predicted[group] = claims
            said[group] = group_verdicts if group_verdicts is not None else verdicts(claims)
        results[system] = score({g: labels[g] for g in articles}, predicted, said) | {
            "seconds": round(time.perf_counter() - start, 2)
        }
        if show and system == "newsfuse":
            _show(articles, labels, predicted, said)
    return {"dataset": name, "groups": len(articles), "systems": results}


def _show(
    articles: dict[str, Articles],
    labels: dict[str, list[Label]],
    predicted: dict[str, list[Label]],
    said: dict[str, Verdicts],
) -> None:
    for g in articles:
        pairs = match(labels[g], predicted[g])
        matched_g = [a for a, _ in pairs]
        matched_p = [b for _, b in pairs]
        for lab in labels[g]:
            if lab not in matched_g:
                print(f"  MISS {g}: {tuple(lab)}")
            else:
                matched_g.remove(lab)
        for pred in predicted[g]:
            if pred not in matched_p:
                print(f"  EXTRA {g}: {tuple(pred)}")
            else:
                matched_p.remove(pred)
        for a, b in pairs:
            if a.cls != b.cls or not _same_source(a.who, b.who) or a.scope != b.scope:
                print(f"  WRONG {g}: gold {tuple(a)} got {tuple(b)}")
        gold_verdicts, our_verdicts = verdicts(labels[g]), said[g]
        for key in sorted(set(gold_verdicts) | set(our_verdicts)):
            if gold_verdicts.get(key) != our_verdicts.get(key):
                print(f"  VERDICT {g} {key}: gold {gold_verdicts.get(key)} got {our_verdicts.get(key)}")


def run_gva(part: str, limit: int | None, show: bool) -> dict[str, Any]:
    """Incident-level killed/injured on one part of our GVA split, newsfuse beside the baseline."""
    incidents = figures_gva.load_incidents(part, limit)
    results: dict[str, dict[str, Any]] = {}
    for system in ("newsfuse", "regex window (baseline)"):
        start = time.perf_counter()
        if system == "newsfuse":
            outcomes = [figures_gva.newsfuse_outcome(i) for i in incidents]
        else:
            outcomes = [figures_gva.baseline_outcome(i, baseline_claims) for i in incidents]
        results[system] = figures_gva.score(incidents, outcomes) | {
            "seconds": round(time.perf_counter() - start, 2)
        }
        if show and system == "newsfuse":
            figures_gva.show(incidents, outcomes)
    return {"dataset": f"gva {part}", "incidents": len(incidents), "systems": results}


CLAIM_COLUMNS = [
    "precision",
    "recall",
    "f1",
    "victim_class_accuracy",
    "attribution_accuracy",
    "scope_accuracy",
    "partial_accuracy",
    "status_accuracy",
    "verdict_accuracy",
]
GVA_COLUMNS = [
    "killed_exact",
    "killed_hit",
    "killed_spurious",
    "injured_exact",
    "injured_hit",
    "injured_spurious",
]


def measure_all(limit: int | None, gva: int | None, show: bool) -> list[dict[str, Any]]:
    """Every table of this benchmark: seeds, fakes-syria tune and test, GVA tune and test."""
    seeds = read_labels(DATA / "figures-seeds.tsv")
    labels, titled, parts = dev_labels()
    tables = [run("seeds", seed_articles(), seeds, show)]
    for part in ("tune", "test"):
        groups = [g for g in labels if parts.get(g) == part][:limit]
        tables.append(run(f"fakes-syria {part}", dev_articles(groups, titled), labels, show))
    if gva != 0:
        tables += [run_gva(part, gva, show) for part in ("tune", "test")]
    return tables


def print_tables(tables: list[dict[str, Any]]) -> None:
    claim_tables = [t for t in tables if "groups" in t]
    head = " ".join(f"{c.replace('_accuracy', '')[:9]:>9}" for c in CLAIM_COLUMNS)
    print(f"{'data':18} {'system':24} {'gold':>5} {'pred':>5} {head}")
    for table in claim_tables:
        for system, m in table["systems"].items():
            cells = " ".join(f"{m[c]:>9.3f}" for c in CLAIM_COLUMNS)
            print(
                f"{table['dataset']:18} {system:24} {m['claims_gold']:>5} {m['claims_predicted']:>5} {cells}"
            )
    gva_tables = [t for t in tables if "incidents" in t]
    if gva_tables:
        print()
        print(f"{'data':18} {'system':24} {'incid':>5} " + " ".join(f"{c:>16}" for c in GVA_COLUMNS))
        for table in gva_tables:
            for system, m in table["systems"].items():
                cells = " ".join(f"{m[c]:>16.3f}" for c in GVA_COLUMNS)
                print(f"{table['dataset']:18} {system:24} {table['incidents']:>5} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--limit", type=int, default=None, help="only the first N fakes-syria groups per part"
    )
    parser.add_argument(
        "--gva", type=int, default=None, help="only the first N GVA incidents per part (0: none)"
    )
    parser.add_argument("--show", action="store_true", help="print every miss, extra and wrong claim")
    args = parser.parse_args()
    tables = measure_all(args.limit, args.gva, args.show)
    print_tables(tables)
    write_result("figures", {"machine": machine_info(), "results": tables})


if __name__ == "__main__":
    main()
