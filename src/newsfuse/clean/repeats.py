"""Paragraphs an article repeats: exact copies, near copies, and captions repeated with a credit.

A paragraph is a repeat when nearly all of what it says was already said earlier in the same
article: measured by its sentences (so a paragraph that re-joins two earlier ones counts) and by
word trigrams (so small edits do not hide a copy). Photo credits are ignored when comparing, so
"caption" and "caption (Photo: X/AFP)" are the same paragraph. The first copy is kept.
Structure repeats by design (a heading, an interview's recurring question, a list of quantities)
and is kept; but a paragraph of any kind found more than `STRUCTURE_COPIES` times exactly (letter
case and spacing aside) is a page repeating itself (a scraper's loop, a dump): its later copies go.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from newsfuse.clean.inline import is_credit

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’)\]]*\s+(?=[\"“«(\[]?[^\W_a-zà-ÿа-яёіїєґ])", re.U)
_NON_WORD = re.compile(r"[\W_]+", re.U)
MIN_WORDS = 12  # shorter repeats are structure: headings, list items, table rows
MIN_SHINGLE_WORDS = 12
HOLDERS = 64  # paragraphs a trigram is indexed for: a trigram in every paragraph costs no square
CANDIDATES = 8  # paragraphs whose shared trigrams are counted exactly
STRUCTURE_COPIES = 2  # exact copies of a paragraph kept at most (prose: one, `repeatable`)
_ENDS_LIKE_PROSE = re.compile(r"[.!?…][\"”»’)\]]*$")


def rough_sentences(block: str) -> list[str]:
    """Sentences by punctuation and capitals: good enough to compare paragraphs, not for NLP."""
    return [s for s in _SENTENCE_END.split(block) if s.strip()]


def repeatable(block: str, words: list[str]) -> bool:
    """Could this paragraph be a scraper's duplicate, rather than structure the page repeats?

    Prose ends like a sentence and is long enough; lists of quantities ("1 cup spinach, 1 tsp.
    oil") and an interview's recurring questions repeat by design.
    """
    if len(words) < MIN_WORDS or not _ENDS_LIKE_PROSE.search(block.strip()):
        return False
    if sum(w.isdigit() for w in words) > len(words) / 5:
        return False
    return not all(s.rstrip(' "”»’)').endswith("?") for s in rough_sentences(block))


def _key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def find_repeats(blocks: list[str], threshold: float) -> dict[int, int]:
    """{index of a repeated paragraph: index of the earlier paragraph it repeats}."""
    repeats: dict[int, int] = {}
    exact: dict[str, list[int]] = defaultdict(list)  # a paragraph, case and spacing aside: where it was
    seen_sentences: dict[str, int] = {}
    shingle_index: dict[tuple[str, ...], set[int]] = defaultdict(set)  # at most `HOLDERS` each
    shingle_sets: dict[int, set[tuple[str, ...]]] = {}
    for i, block in enumerate(blocks):
        copies = exact[" ".join(block.casefold().split())]
        if len(copies) >= STRUCTURE_COPIES:
            repeats[i] = copies[0]
            continue
        copies.append(i)
        sentences = [s for s in rough_sentences(block) if not is_credit(s)]
        keys = [k for k in (_key(s) for s in sentences) if k]
        words = " ".join(keys).split()
        shingles = _shingles(words)
        if repeatable(" ".join(sentences), words):
            original = _covered_by_sentences(keys, seen_sentences, threshold)
            if original is None and len(words) >= MIN_SHINGLE_WORDS:
                original = _covered_by_shingles(shingles, shingle_index, shingle_sets, threshold)
            if original is not None:
                repeats[i] = original
                continue
        for k in keys:
            seen_sentences.setdefault(k, i)
        shingle_sets[i] = shingles
        for sh in shingles:
            holders = shingle_index[sh]
            if len(holders) < HOLDERS:
                holders.add(i)
    return repeats


def _covered_by_sentences(keys: list[str], seen: dict[str, int], threshold: float) -> int | None:
    total = sum(len(k) for k in keys)
    covered = [seen[k] for k in keys if k in seen]
    if not covered or sum(len(k) for k in keys if k in seen) / total < threshold:
        return None
    return min(covered)


def _covered_by_shingles(
    shingles: set[tuple[str, ...]],
    index: dict[tuple[str, ...], set[int]],
    sets: dict[int, set[tuple[str, ...]]],
    threshold: float,
) -> int | None:
    """The earlier paragraph sharing the most trigrams, if it shares enough. The index holds a
    trigram's first `HOLDERS` paragraphs only (bounded work when every paragraph shares one), so it
    picks `CANDIDATES` paragraphs, and their shared trigrams are then counted exactly: the same
    answer as a full index whenever no trigram is in more than `HOLDERS` paragraphs."""
    counts: Counter[int] = Counter()
    for sh in shingles:
        for j in index.get(sh, ()):
            counts[j] += 1
    if not counts:
        return None
    candidates = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
    exact = [(len(shingles & sets[j]), j) for j, _ in candidates]
    shared, j = max(exact, key=lambda sj: (sj[0], -sj[1]))
    return j if shared / len(shingles) >= threshold else None
