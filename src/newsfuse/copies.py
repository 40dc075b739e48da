"""Which articles are copies of another: syndicated reprints, re-scrapes, excerpts. One rule, two forms.

The rule: an article is a copy when at least `Settings.duplicate_containment` of its word 5-grams
(`shingles`) appear in one earlier article — it adds nothing of its own, so it must not count as
independent corroboration. Earlier means published earlier, then (same day or undated, undated
last) earlier in the input. So of two near-identical articles the later is the copy, and an
article that repeats an earlier excerpt and adds to it is not a copy. A copy points at its
original, never at another copy: a copy of a copy points at the first article of the chain. A
new revision of the same URL (same canonical URL, `store.canonical_url`) is never a copy of its
older self.

- **Batch** (`find_copies`, for a brief): exact containment; candidates come from an inverted
  index of the earlier articles' shingles, never from comparing every pair.
- **Streaming** (`CopyIndex`, for the store): the same shingles and threshold; each article of
  the window is kept as a MinHash of its shingles in an LSH index, and containment is estimated
  from it. The estimate is noisy for short excerpts of long articles (under about a third of the
  original), where the two forms can disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from newsfuse.config import Settings

SHINGLE = 5  # words per shingle
NUM_PERM = 64
SCHEME = "affine32"  # datasketch 2: 32-bit hash values, 4 bytes per permutation
# LSH bands (bands, rows): a pair with Jaccard 0.3 (an excerpt of a third of its original) is a
# candidate 95% of the time; every candidate is then checked by its estimated containment
LSH_BANDS = (32, 2)

_WORD = re.compile(r"\w+", re.U)


def shingles(text: str) -> tuple[int, ...]:
    """The distinct word 5-grams of a text (case folded), as sorted crc32 values; a shorter text is one."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return (zlib.crc32(" ".join(words).encode()),) if words else ()
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return tuple(sorted({zlib.crc32(gram.encode()) for gram in grams}))


def copy_order(published: Sequence[dt.date | None]) -> list[int]:
    """Indices in the order the rule reads them: by publication date (undated last), then input order."""
    return sorted(range(len(published)), key=lambda i: (published[i] is None, published[i] or dt.date.max, i))


def find_copies(
    texts: Sequence[str],
    published: Sequence[dt.date | None] | None = None,
    *,
    urls: Sequence[str | None] | None = None,
    containment: float | None = None,
) -> dict[int, int]:
    """{index of a copy: index of its original}, by exact containment (default: the setting's)."""
    from newsfuse.store import canonical_url

    keys = [canonical_url(u) for u in urls] if urls is not None else None
    threshold = Settings().duplicate_containment if containment is None else containment
    sets = [shingles(t) for t in texts]
    order = copy_order(published if published is not None else [None] * len(texts))
    rank = {i: r for r, i in enumerate(order)}
    index: dict[int, list[int]] = defaultdict(list)  # shingle -> earlier articles holding it
    copies: dict[int, int] = {}
    for i in order:
        mine = sets[i]
        if not mine:
            continue
        shared: Counter[int] = Counter()
        for h in mine:
            shared.update(index.get(h, ()))
        key = keys[i] if keys else None
        found = [
            (n / len(mine), j)
            for j, n in shared.items()
            if n / len(mine) >= threshold and (key is None or keys is None or keys[j] != key)
        ]
        if found:  # the best containment; of equals, the earliest
            copied = max(found, key=lambda share_j: (share_j[0], -rank[share_j[1]]))[1]
            copies[i] = copies.get(copied, copied)
        for h in mine:
            index[h].append(i)
    return copies


# --- streaming: MinHash of the same shingles ---------------------------------------------------------


@functools.cache
def _permutations() -> tuple[Any, Any]:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme=SCHEME).permutations  # type: ignore[no-any-return]


def warm_up() -> None:
    """Draw the MinHash permutations now (a worker's first article does not pay)."""
    _permutations()


def minhash_signature(shingle_set: Sequence[int]) -> bytes:
    """The MinHash signature of an article's `shingles`, as bytes to store."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    mh.update_batch(list(shingle_set))
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint32).tobytes())


def _minhash(signature: bytes) -> Any:
    from datasketch import MinHash

    values = np.frombuffer(signature, dtype=np.uint32).copy()
    return MinHash(num_perm=NUM_PERM, hashvalues=values, permutations=_permutations(), scheme=SCHEME)


class CopyIndex:
    """The rule, one article at a time in reading order: MinHash LSH over the window's articles."""

    def __init__(self, containment: float) -> None:
        from datasketch import MinHashLSH

        self.containment = containment
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
        self._sizes: dict[int, int] = {}
        self._keys: dict[int, str] = {}  # article -> its canonical url (a new revision is not a copy)
        self._hashes: dict[int, Any] = {}
        self._originals: dict[int, int] = {}  # copy -> its original

    def find(self, signature: bytes, size: int, key: str | None = None) -> int | None:
        """The original this article copies (best estimated containment of its shingles), or None."""
        if not size:
            return None
        mh = _minhash(signature)
        best: tuple[float, int] | None = None
        for other in sorted(int(o) for o in self._lsh.query(mh)):
            if key is not None and self._keys.get(other) == key:
                continue
            jaccard = mh.jaccard(self._hashes[other])
            theirs = self._sizes[other]
            contained = jaccard * (size + theirs) / ((1 + jaccard) * size)
            if contained >= self.containment and (best is None or contained > best[0]):
                best = (contained, other)
        return self._originals.get(best[1], best[1]) if best else None

    def add(
        self,
        article_id: int,
        signature: bytes,
        size: int,
        key: str | None = None,
        original: int | None = None,
    ) -> None:
        """Index an article (`original`: the one it copies, which a copy of it will point at)."""
        if not size or article_id in self._sizes:
            return
        mh = _minhash(signature)
        self._lsh.insert(str(article_id), mh)
        self._sizes[article_id] = size
        self._hashes[article_id] = mh
        if key is not None:
            self._keys[article_id] = key
        if original is not None:
            self._originals[article_id] = original

    def forget(self, article_ids: Iterable[int]) -> None:
        """Drop articles that left the window (or were superseded by a new revision)."""
        for article_id in article_ids:
            if self._sizes.pop(article_id, None) is not None:
                self._lsh.remove(str(article_id))
                self._hashes.pop(article_id, None)
                self._keys.pop(article_id, None)
                self._originals.pop(article_id, None)
