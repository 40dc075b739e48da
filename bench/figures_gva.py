"""Incident-level figures on US local news: does the brief give the Gun Violence Archive's count?

Data (read at run time, never copied): ../shared/eval/gva-violent-corpus, the development part only
(docs.jsonl, incidents.jsonl; heldout/ is never read). Each incident's plausible pages (a GVA
record, at least 200 characters, crawled from one day before to 30 days after the incident) are
briefed together, as a user would brief one story, and scored per incident against GVA's
num_killed / num_injured:

- exact: the brief's key figure for the measure is exactly the gold count (for a gold count of 0:
  no key figure, or a key figure of exactly 0);
- hit: some incident claim of the measure holds the gold count (incidents with a gold count > 0);
- spurious: the brief's key figure claims a positive count where GVA has none (incidents with a gold
  count of 0) — for killed, the "five people were shot became five dead" failure.

GVA counts everyone shot, suspects included; articles often count only victims. Both sides of that
gap are in the numbers, for every system alike.

Our own split of the development part (fixed before tuning): an incident is in the tuning part when
int(sha1(incident_id), 16) is even, in the test part otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GVA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gva-violent-corpus"
MEASURES = ("killed", "injured")


@dataclass(frozen=True)
class Incident:
    id: str
    killed: int
    injured: int
    pages: tuple[dict[str, Any], ...]  # {doc_id, title, url, dct, text}


@dataclass(frozen=True)
class Outcome:
    """What one system says of one incident: its key figure and its claims, per measure."""

    key: dict[str, tuple[int | None, int | None] | None]
    claims: dict[str, list[tuple[int | None, int | None]]]


def part_of(incident_id: str) -> str:
    """'tune' or 'test': our split of the development part, by a hash of the incident id."""
    return "tune" if int(hashlib.sha1(incident_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_incidents(part: str, limit: int | None = None) -> list[Incident]:
    """The incidents of one part with at least one plausible page, in a fixed (hash) order."""
    incidents = {r["incident_id"]: r for r in map(json.loads, _lines(GVA / "incidents.jsonl"))}
    pages: dict[str, list[dict[str, Any]]] = {}
    for doc in map(json.loads, _lines(GVA / "docs.jsonl")):
        record = incidents.get(doc["incident_id"])
        if record is None or len(doc["text"]) < 200 or part_of(doc["incident_id"]) != part:
            continue
        day, crawled = dt.date.fromisoformat(record["date"]), dt.date.fromisoformat(doc["dct"])
        if day - dt.timedelta(days=1) <= crawled <= day + dt.timedelta(days=30):
            pages.setdefault(doc["incident_id"], []).append(doc)
    order = sorted(pages, key=lambda i: hashlib.sha1(i.encode()).hexdigest())
    return [
        Incident(i, incidents[i]["num_killed"], incidents[i]["num_injured"], tuple(pages[i]))
        for i in order[:limit]
    ]


def _lines(path: Path) -> Iterable[str]:
    with open(path, encoding="utf-8") as handle:
        yield from handle


def newsfuse_outcome(incident: Incident) -> Outcome:
    """The brief of the incident's pages: its key figures and incident claims."""
    from newsfuse.api import clean_articles
    from newsfuse.consolidate import assemble_brief
    from newsfuse.consolidate.facts import read_articles
    from newsfuse.models import RawArticle

    raws = [
        RawArticle(
            text=page["text"],
            path=page["doc_id"],
            title=page.get("title") or None,
            url=page.get("url") or None,
            published=dt.date.fromisoformat(page["dct"]),
            published_from="metadata",
        )
        for page in incident.pages
    ]
    brief = assemble_brief(read_articles(clean_articles(raws)))
    key: dict[str, tuple[int | None, int | None] | None] = dict.fromkeys(MEASURES)
    for figure in brief.key_figures:
        if figure.measure in key and key[figure.measure] is None:
            key[figure.measure] = (figure.current.lo, figure.current.hi)
    claims: dict[str, list[tuple[int | None, int | None]]] = {m: [] for m in MEASURES}
    for claim in brief.claims:
        if claim.measure in claims and claim.scope == "incident":
            claims[claim.measure].append((claim.value.lo, claim.value.hi))
    return Outcome(key, claims)


def baseline_outcome(incident: Incident, extract: Callable[[list[tuple[str, str]]], list]) -> Outcome:
    """The regex window's claims; its key figure is the value it reads most often."""
    found = extract([(p["doc_id"], p["text"]) for p in incident.pages])
    claims: dict[str, list[tuple[int | None, int | None]]] = {m: [] for m in MEASURES}
    for _unit, measure, _cls, lo, hi, *_ in found:
        if measure in claims:
            claims[measure].append((lo, hi))
    key = {m: (Counter(v).most_common(1)[0][0] if v else None) for m, v in claims.items()}
    return Outcome(key, claims)


def _holds(interval: tuple[int | None, int | None], gold: int) -> bool:
    lo, hi = interval
    return (lo or 0) <= gold and (hi is None or gold <= hi)


def score(incidents: list[Incident], outcomes: list[Outcome]) -> dict[str, float | int]:
    """exact / hit / spurious per measure, as the module docstring defines them."""
    out: dict[str, float | int] = {"incidents": len(incidents)}
    for measure in MEASURES:
        exact = hit = hit_n = spurious = zero_n = 0
        for incident, outcome in zip(incidents, outcomes, strict=True):
            gold = getattr(incident, measure)
            key = outcome.key[measure]
            if gold == 0:
                zero_n += 1
                exact += key is None or key == (0, 0)
                spurious += key is not None and (key[0] or 0) > 0
            else:
                hit_n += 1
                exact += key == (gold, gold)
                hit += any(_holds(c, gold) for c in outcome.claims[measure])
        out[f"{measure}_exact"] = exact / len(incidents) if incidents else 0.0
        out[f"{measure}_hit"] = hit / hit_n if hit_n else 0.0
        out[f"{measure}_spurious"] = spurious / zero_n if zero_n else 0.0
        out[f"{measure}_gold_zero"] = zero_n
    return out


def show(incidents: list[Incident], outcomes: list[Outcome]) -> None:
    """One line per incident whose key figures miss GVA (ids and numbers only)."""
    for incident, outcome in zip(incidents, outcomes, strict=True):
        for measure in MEASURES:
            gold = getattr(incident, measure)
            key = outcome.key[measure]
            ok = (key is None or key == (0, 0)) if gold == 0 else key == (gold, gold)
            if not ok:
                pages = ",".join(p["doc_id"][:8] for p in incident.pages)
                claims = outcome.claims[measure]
                print(f"  GVA {incident.id} {measure}: gold {gold} key {key} claims {claims} [{pages}]")
