"""Name keys and the blocking that makes merging a big story's names near-linear.

`name_key` and `spelling_key` are the exact and the spelling-tolerant form of a name; the merging
rules of `consolidate/entities.py` compare only pairs of names that share a key their rule needs
(`blocked_pairs`), and the fuzzy organisation rule only pairs `fuzzy_candidates` proves may reach
its ratio, so a story of thousands of names never compares every pair.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Hashable, Sequence

from unidecode import unidecode

from newsfuse.analyze.entities import DETERMINERS

__all__ = ["blocked_pairs", "fuzzy_candidates", "max_edits", "name_key", "spelling_key"]


@functools.lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """A name's form for exact matching: no case, accents, punctuation, leading article, possessive."""
    text = re.sub(r"['’]s\b", "", unidecode(text).casefold())
    words = [w for w in re.split(r"[^\w]+", text.replace("_", " ")) if w]
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


_SOUNDS = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("sch", "sh"),
    ("ck", "k"),
    ("ph", "f"),
    ("y", "i"),
    ("w", "v"),
)


@functools.lru_cache(maxsize=200_000)
def spelling_key(word_or_name: str) -> str:
    """A spelling-tolerant key: transliteration pairs, doubled letters, final vowels, -ov/-ova endings.

    "Petrov" and "Petrova", "Varga" and "Vargova", "Kessara" and "Kesara", "Valdonia" and
    "Valdonie" share a key.
    """
    words = []
    for word in name_key(word_or_name).split():
        w = re.sub(r"[^a-z]", "", word)
        for a, b in _SOUNDS:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", w)
        stripped = w.rstrip("aeiou")
        w = stripped if len(stripped) >= 3 else w
        if len(w) >= 6 and w.endswith(("ov", "ev")):
            w = w[:-2]
        words.append(w)
    return " ".join(words)


def blocked_pairs(keys: Sequence[Sequence[Hashable]]) -> set[tuple[int, int]]:
    """The pairs of positions (first < second) sharing at least one key (None is no key)."""
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for x, own in enumerate(keys):
        for key in set(own):
            if key is not None:
                blocks[key].append(x)
    return {(a, b) for block in blocks.values() for i, a in enumerate(block) for b in block[i + 1 :]}


def fuzzy_candidates(keys: Sequence[str], ratio: float, min_letters: int) -> set[tuple[int, int]]:
    """Every pair of positions (first < second) whose keys may reach rapidfuzz's `ratio` on
    `min_letters` letters or more: a superset of the pairs a fuzzy rule at that ratio joins.

    Why none is missed: rapidfuzz's ratio is 100 * (1 - d / (m + n)), d the insert/delete
    distance of keys of m <= n letters; a ratio of R or more means d <= (1 - R/100) * (m + n)
    (`max_edits`, rounded down with a margin for floating point), and n - m <= d. Cut the
    shorter key into d_max + 1 pieces: each insertion or deletion breaks at most one piece, so
    one piece is left whole in the longer key, shifted by at most d_max letters. Keys are
    indexed by their pieces and each key's substrings looked up; the exact ratio decides after.
    """
    short, lengths = min_letters, [len(k) for k in keys]
    longest: dict[int, int] = {}  # a length -> the longest key length within the ratio's reach
    # (piece, its width) -> (the key it was cut from, its offset there)
    pieces: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for x, key in enumerate(keys):
        m = len(key)
        if m < short:
            continue
        if m not in longest:
            n = m
            while n + 1 - m <= max_edits(m + n + 1, ratio):
                n += 1
            longest[m] = n
        edits = max_edits(m + longest[m], ratio)
        size, extra = divmod(m, edits + 1)
        at = 0
        for p in range(edits + 1):
            width = size + (p < extra)
            pieces[(key[at : at + width], width)].append((x, at))
            at += width
    widths = {w for _, w in pieces}
    out: set[tuple[int, int]] = set()
    for y, key in enumerate(keys):
        n = len(key)
        if n < short:
            continue
        for width in widths:
            for at in range(n - width + 1):
                for x, start in pieces.get((key[at : at + width], width), ()):
                    m = lengths[x]
                    if (
                        x != y
                        and m <= n <= longest[m]
                        and abs(at - start) <= max_edits(m + longest[m], ratio)
                    ):
                        out.add((min(x, y), max(x, y)))
    return out


def max_edits(letters: int, ratio: float) -> int:
    """The most insertions and deletions two keys of `letters` letters in all can differ by and
    still reach `ratio` (rounded generously: the exact ratio is checked after)."""
    return int((1 - ratio / 100) * letters + 1e-6)
