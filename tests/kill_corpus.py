"""Invented news articles for the kill test: several stories over weeks, copies, revisions, undated.

Every name, place and sentence is made up. The input order is shuffled and dates spread over
more than the grouper's active window, so chunk ordering, pruning, copies and merges all play.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
from pathlib import Path

_TOWNS = [
    ("Marrowby", "Edda Farrant"),
    ("Greyhollow", "Bram Tolliver"),
    ("Tessaly Bay", "Corvin Hale"),
    ("Saltmere", "Ione Dravel"),
    ("Tallowford", "Orla Quennell"),
    ("Ostrava Vale", "Linnea Skarp"),
]
_KINDS = [
    ("flood", ["flood", "levee", "rain", "evacuated", "pumps"]),
    ("strike", ["miners", "strike", "colliery", "pickets", "wages"]),
    ("vote", ["election", "ballots", "turnout", "coalition", "mayor"]),
    ("quake", ["earthquake", "aftershock", "rubble", "tremor", "rescuers"]),
    ("fire", ["fire", "warehouse", "blaze", "smoke", "firefighters"]),
]
# events: a kind in a town (two towns share each kind; a town sees two or three kinds)
_STORIES = [
    (f"{kind}-{town.split()[0].lower()}", [town, f"{town} council", person], words)
    for n, (kind, words) in enumerate(_KINDS)
    for town, person in (
        _TOWNS[n % len(_TOWNS)],
        _TOWNS[(n + 2) % len(_TOWNS)],
        _TOWNS[(n + 3) % len(_TOWNS)],
    )
]
_SHARED = ["officials", "residents", "police", "council", "report", "minister", "week", "city", "people"]
_TEMPLATES = [
    "{n0} said on {day} that the {w0} near {n1} had left {k} people without help.",
    "Reports from {n1} describe {w1} and {w2} as {n2} visited the {s0}.",
    "The {s0} in {n0} counted {k} cases linked to the {w0}, {n2} told the {s1}.",
    "{n2} promised more {w3} for {n1} after {w0} and {w1} this {s2}.",
    "Local {s1} in {n0} said the {w2} would last until {day}.",
    "A spokesman for {n1} said {k} {s3} were involved in the {w1}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence(
    rng: random.Random, story: tuple[str, list[str], list[str]], other: tuple[str, list[str], list[str]]
) -> str:
    _, names, words = story
    if rng.random() < 0.25:  # borrowed vocabulary: near-threshold scores, the odd merge
        words = words[:2] + other[2][:2]
    fill = {f"n{i}": names[i % len(names)] for i in range(3)}
    fill |= {f"w{i}": rng.choice(words) for i in range(4)}
    fill |= {f"s{i}": rng.choice(_SHARED) for i in range(4)}
    fill |= {"k": str(rng.randint(2, 900)), "day": rng.choice(_DAYS)}
    return rng.choice(_TEMPLATES).format(**fill)


def articles(count: int, seed: int = 18) -> list[dict[str, object]]:
    """`count` invented records (title, text, url, published), in a shuffled input order."""
    rng = random.Random(seed)
    start = dt.date(2025, 1, 6)
    base = {name: start + dt.timedelta(days=rng.randint(0, 150)) for name, _, _ in _STORIES}
    made: list[dict[str, object]] = []
    for n in range(count):
        roll = rng.random()
        if made and roll < 0.1:  # a reprint under another address
            copy = dict(rng.choice(made))
            copy["url"] = f"https://reprints.example/{n}"
            made.append(copy)
            continue
        if made and roll < 0.15:  # a new revision of an earlier address
            revised = dict(rng.choice(made))
            revised["text"] = f"{revised['text']}\n\nUpdated: {_sentence(rng, _STORIES[0], _STORIES[1])}"
            made.append(revised)
            continue
        story = rng.choice(_STORIES)
        other = rng.choice(_STORIES)
        paragraphs = [
            " ".join(_sentence(rng, story, other) for _ in range(3)) for _ in range(rng.randint(2, 4))
        ]
        when = base[story[0]] + dt.timedelta(days=rng.randint(0, 12))
        record: dict[str, object] = {
            "title": f"{story[1][0]}: {rng.choice(story[2])} {rng.choice(_SHARED)} {n}",
            "text": "\n\n".join(paragraphs),
            "url": f"https://news{n % 5}.example/{story[0]}/{n}",
            "published": None if rng.random() < 0.05 else when.isoformat(),
        }
        made.append(record)
    rng.shuffle(made)
    return made


def write(folder: Path, count: int, seed: int = 18) -> list[Path]:
    """The records as one .json file each, named in input order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, record in enumerate(articles(count, seed)):
        path = folder / f"a{n:04d}.json"
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def snapshot(db: Path) -> dict[str, object]:
    """What an ingest decided, to compare two stores: articles, stories (ids and as sets of
    article keys), copies and revisions, the grouping counters."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as con:
        rows = con.execute(
            "SELECT id, raw_hash, story_id, duplicate_of, superseded_by, revision FROM articles ORDER BY id"
        ).fetchall()
        stories = con.execute(
            "SELECT id, merged_into, first_seen, last_seen, articles FROM stories ORDER BY id"
        ).fetchall()
        counters = con.execute("SELECT name, value FROM counters ORDER BY name").fetchall()
        df = con.execute("SELECT count(*), sum(df) FROM term_df").fetchone()
    key = {row[0]: row[1] for row in rows}
    members: dict[int, set[str]] = {}
    for _, raw_hash, story, *_ in rows:
        members.setdefault(story, set()).add(raw_hash)
    return {
        "articles": sorted(key.values()),
        "stories": sorted(sorted(m) for m in members.values()),  # the partition, by article keys
        "copies": sorted((key[r[0]], key[r[3]]) for r in rows if r[3] is not None),
        "revisions": sorted((key[r[0]], key[r[4]], r[5]) for r in rows if r[4] is not None),
        "ids": rows,  # article ids, story ids and links exactly
        "story_rows": stories,
        "counters": counters,
        "df": df,
    }


def differences(got: dict[str, object], want: dict[str, object]) -> list[str]:
    """The parts of two snapshots that differ (empty: the same)."""
    return [name for name in want if got.get(name) != want[name]]
