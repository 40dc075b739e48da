"""Which sources are copies of another: syndicated reprints, re-scrapes, excerpts.

A source is a copy when nearly all of its word 5-grams appear in one other source: it adds
nothing of its own, so it must not count as independent corroboration. When two sources copy
each other (near-identical), the one published later, else the later in input order, is the copy.
Candidates come from an inverted index of shingles, not from comparing every pair.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

SHINGLE = 5
_WORD = re.compile(r"\w+", re.U)


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def find_copies(
    texts: Sequence[str],
    published: Sequence[date | None] | None = None,
    *,
    containment: float = 0.9,
) -> dict[int, int]:
    """{index of a copy: index of the source it copies}; originals are never copies."""
    sets = [shingles(t) for t in texts]
    index: dict[int, list[int]] = defaultdict(list)
    for i, sh in enumerate(sets):
        for h in sh:
            index[h].append(i)
    order = sorted(range(len(texts)), key=lambda i: (published[i] or date.max if published else date.max, i))
    rank = {i: r for r, i in enumerate(order)}
    copies: dict[int, int] = {}
    for i in order:
        if not sets[i]:
            continue
        shared: Counter[int] = Counter()
        for h in sets[i]:
            for j in index[h]:
                if j != i:
                    shared[j] += 1
        best: tuple[float, int] | None = None
        for j, n in shared.items():
            if j in copies:
                continue  # point at the original, never at another copy
            share = n / len(sets[i])
            if share < containment:
                continue
            mutual = n / len(sets[j]) >= containment
            # i copies j when j has everything i says; if each has the other's, the later is the copy
            if mutual and rank[j] > rank[i]:
                continue
            if best is None or share > best[0]:
                best = (share, j)
        if best is not None:
            copies[i] = best[1]
    return copies
