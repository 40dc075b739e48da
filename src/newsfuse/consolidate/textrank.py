"""TextRank over a story's sentences, and which sentences a big story's summary considers at all.

The sentence graph links two sentences by the content words they share, over the log of their
lengths (Mihalcea & Tarau 2004); it is kept sparse (`pair_products`: only pairs that share a word,
in a big story only pairs sharing a word that few of them use) and
ranked by power iteration, so a story of thousands of articles costs what its similar pairs cost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

from newsfuse.consolidate.similarity import SentenceUnit, common_cap, pair_products

__all__ = ["FIGURE_DEPTH", "LARGE", "LEAD_SENTENCES", "PAIR_BUDGET", "considered_units", "overlap_rank"]

LARGE = 3000  # sentences up to which a story's summary weighs every sentence…
# …beyond, each article's first sentences (leads carry the news) and those giving a figure (tolls,
# counts) a little deeper. Measured on the ECB+ topics (stories of 20-40 articles): half the
# sentences a summary of every sentence picks are among their article's first 4, 90 % among the first
# 14; cut at 10 (figures at 20), a 3,000-article story's summary takes ~14 s CPU and ~0.3 GB.
LEAD_SENTENCES = 10
FIGURE_DEPTH = 20
TIES = 2  # in a big story, two sentences are linked by this many shared words at least


PAIR_BUDGET = 4_000_000  # sentence pairs sharing a word (at most) up to which every sentence is weighed
# a story under LARGE sentences may still pair nearly all of them (one article of 3,000 sentences, a
# story where every sentence names the same place): 2,900 such sentences took ~360 MB and seconds
# more than the rest of the brief; past the budget the story is weighed as a big one (leads only,
# words in most sentences pairing none), so the summary's memory stays under ~150 MB.


def considered_units(units: Sequence[SentenceUnit]) -> list[int] | None:
    """The units a big story's summary compares and may choose (None: all of them, a small story).
    Big: more than `LARGE` sentences, or more than `PAIR_BUDGET` pairs of them sharing a word."""
    if len(units) <= LARGE and shared_word_pairs(units) <= PAIR_BUDGET:
        return None
    return [
        k for k, u in enumerate(units) if u.index < LEAD_SENTENCES or (u.figures and u.index < FIGURE_DEPTH)
    ]


def shared_word_pairs(units: Sequence[SentenceUnit]) -> int:
    """An upper bound on the pairs of units sharing a content word (each word's units, squared)."""
    frequency = Counter(term for unit in units for term in set(unit.terms))
    return sum(n * n for n in frequency.values())


def overlap_rank(
    units: Sequence[SentenceUnit], considered: Sequence[int] | None = None
) -> NDArray[np.float64]:
    """Each unit's PageRank in the graph of shared content words, scaled to a maximum of 1 (0 for
    units not `considered`)."""
    n = len(units)
    keep = np.arange(n) if considered is None else np.asarray(considered, dtype=np.int64)
    rank = np.zeros(n)
    if len(keep):
        rank[keep] = _pagerank(_overlap_graph([units[k] for k in keep], big=len(keep) < n))
    return rank


def _overlap_graph(units: Sequence[SentenceUnit], big: bool = False) -> sparse.csr_matrix:
    """TextRank's edges: content words two sentences share, over the log of their lengths."""
    n = len(units)
    term_sets = [set(u.terms) for u in units]
    vocabulary: dict[str, int] = {}
    rows = [row for row, terms in enumerate(term_sets) for _ in terms]
    columns = [vocabulary.setdefault(t, len(vocabulary)) for terms in term_sets for t in terms]
    present = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(n, max(1, len(vocabulary))))
    graph = pair_products(present, TIES, common_cap(n)) if big else pair_products(present)
    i, j = np.repeat(np.arange(n, dtype=np.int32), np.diff(graph.indptr)), graph.indices
    logs = np.array([np.log(max(2, len(t))) for t in term_sets])
    graph.data /= logs[i] + logs[j]
    graph.data[i == j] = 0.0
    graph.eliminate_zeros()
    return graph


def _pagerank(graph: sparse.csr_matrix, damping: float = 0.85) -> NDArray[np.float64]:
    """PageRank over a weighted sentence graph, scaled to a maximum of 1; a sentence linked to
    none spreads its rank evenly."""
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    totals = np.asarray(graph.sum(axis=1)).ravel()
    dangling = totals == 0
    transition = sparse.diags(1.0 / np.where(dangling, 1.0, totals)) @ graph
    backwards = transition.T.tocsr()
    scores = np.full(n, 1.0 / n)
    for _ in range(100):
        spread = float(scores[dangling].sum()) / n
        updated = (1 - damping) / n + damping * (backwards @ scores + spread)
        converged = float(np.abs(updated - scores).sum()) < 1e-9
        scores = updated
        if converged:
            break
    peak = float(scores.max())
    scaled: NDArray[np.float64] = scores / peak if peak > 0 else scores
    return scaled
