"""The summary's sparse similarity and TextRank: the same numbers as dense on small stories, pairs
found by shared informative words on big ones, and a big story's cut to its articles' leads."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from scipy import sparse  # type: ignore[import-untyped]

from newsfuse.config import Settings
from newsfuse.consolidate import similarity, summary, textrank
from newsfuse.consolidate.similarity import SentenceUnit, pair_products, similarities


def _unit(source: int, index: int, text: str, numbers: frozenset[int] = frozenset()) -> SentenceUnit:
    terms = tuple(w.lower().strip(".,") for w in text.split() if len(w) > 3)
    return SentenceUnit(
        source, index, 0, len(text), text, "en", terms, (), (), numbers, frozenset(), 0,
        len(text.split()), False, (), "NOUN", True, False, figures=tuple(sorted(numbers)),
    )  # fmt: skip


UNITS = [
    _unit(0, 0, "Flood waters reached the harbour of Velmora on Sunday morning", frozenset({12})),
    _unit(0, 1, "Twelve fishing boats sank in the harbour of Velmora", frozenset({12})),
    _unit(1, 0, "Sunday morning flood waters reached Velmora harbour", frozenset({14})),
    _unit(1, 1, "Rescuers pulled sailors from boats that sank", frozenset()),
    _unit(2, 0, "The mayor thanked rescuers", frozenset()),
    _unit(2, 1, "", frozenset()),
]


def _dense_reference(units: list[SentenceUnit]) -> np.ndarray:
    """The former dense computation: TF-IDF cosine of every pair, then figure and name adjustments."""
    vocabulary = {t: k for k, t in enumerate(dict.fromkeys(t for u in units for t in u.terms))}
    counts = np.zeros((len(units), max(1, len(vocabulary))))
    for row, u in enumerate(units):
        for t in u.terms:
            counts[row, vocabulary[t]] += 1
    idf = np.log((1 + len(units)) / (1 + (counts > 0).sum(axis=0))) + 1.0
    weights = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    vectors = weights / np.where(norms == 0, 1.0, norms)
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0)
    for i, a in enumerate(units):
        for j in range(i + 1, len(units)):
            b = units[j]
            if sim[i, j] < 0.05:
                continue
            adjust = 0.0
            if a.numbers and b.numbers:
                shared = len(a.numbers & b.numbers)
                adjust += similarity.NUMBER_BONUS * min(shared, 2) if shared else -similarity.NUMBER_CLASH
            sim[i, j] = sim[j, i] = min(1.0, max(0.0, sim[i, j] + adjust))
    np.fill_diagonal(sim, 1.0)
    return sim


def test_small_story_similarities_equal_the_dense_computation() -> None:
    found = similarities(UNITS)
    assert np.allclose(found.dense(), _dense_reference(UNITS), atol=1e-12)
    assert found.get(5, 5) == 1.0  # a sentence without content words is still itself
    assert found.get(0, 4) == 0.0  # nothing shared: no entry at all
    assert found.matrix.nnz < len(UNITS) ** 2
    assert set(found.neighbours(0, 0.3).tolist()) >= {0, 2}
    assert found.considered.all()


def test_a_raise_is_one_way_and_seen_by_every_reader() -> None:
    found = similarities(UNITS)
    found.raise_to(4, 3, 0.6)
    assert found.get(4, 3) == 0.6
    assert found.get(3, 4) == pytest.approx(similarities(UNITS).get(3, 4))
    assert 3 in found.neighbours(4, 0.6).tolist()
    assert found.dense()[4, 3] == 0.6


def test_pair_products_pair_rows_by_informative_columns_only(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    matrix = sparse.random(60, 40, density=0.08, random_state=rng, format="csr")
    exact = (matrix @ matrix.T).toarray()
    found = pair_products(matrix).toarray()
    assert np.allclose(found, exact)  # a small story: every pair with a shared column, exactly
    # a big story: a column in most rows pairs nobody, but counts in the products of pairs found
    common = sparse.csr_matrix(np.ones((60, 1)))
    widened = sparse.hstack([matrix, common]).tocsr()
    monkeypatch.setattr(similarity, "ROW_CHUNK", 7)  # blocks of rows give the same matrix
    products = pair_products(widened, cap=20).toarray()  # above every random column, below 60
    shares_rare = exact > 0
    assert np.allclose(products[shares_rare], exact[shares_rare] + 1.0)
    assert not products[~shares_rare].any()
    assert not pair_products(widened, 1.5, 20).toarray()[(exact + 1.0) < 1.5].any()
    assert np.allclose(pair_products(widened).toarray(), (widened @ widened.T).toarray())


def test_sparse_textrank_equals_the_dense_one() -> None:
    units = UNITS[:5]
    term_sets = [set(u.terms) for u in units]
    logs = [np.log(max(2, len(t))) for t in term_sets]
    graph = np.array(
        [
            [len(term_sets[i] & term_sets[j]) / (logs[i] + logs[j]) if i != j else 0.0 for j in range(5)]
            for i in range(5)
        ]
    )
    totals = graph.sum(axis=1, keepdims=True)
    transition = np.where(totals > 0, graph / np.where(totals == 0, 1.0, totals), 1.0 / 5)
    scores = np.full(5, 0.2)
    for _ in range(100):
        scores = 0.15 / 5 + 0.85 * (transition.T @ scores)
    assert np.allclose(textrank.overlap_rank(units), scores / scores.max(), atol=1e-8)
    # every unit weighed, as the summary passes them: the same exact graph
    assert np.allclose(textrank.overlap_rank(units, list(range(5))), scores / scores.max(), atol=1e-8)


def _story(articles: int, sentences: int) -> list[SentenceUnit]:
    return [
        _unit(a, k, f"Harbour crews in Velmora counted damage at pier {a} berth {k}", frozenset({k + 2}))
        if k % 4 == 3
        else _unit(a, k, f"Storm surge hit pier {a} section {k} overnight near Velmora")
        for a in range(articles)
        for k in range(sentences)
    ]


def test_a_big_story_weighs_its_leads_and_early_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    assert textrank.considered_units(_story(3, 10)) is None  # small: every sentence
    monkeypatch.setattr(textrank, "LARGE", 20)
    units = _story(4, 30)
    kept = textrank.considered_units(units)
    assert kept is not None
    chosen = [units[k] for k in kept]
    assert all(u.index < textrank.LEAD_SENTENCES or u.figures for u in chosen)
    assert all(u.index < textrank.FIGURE_DEPTH for u in chosen)
    assert {u.index for u in chosen} >= set(range(textrank.LEAD_SENTENCES)) | {7}
    found = similarities(units, kept)
    assert not found.considered[29] and found.get(29, 29) == 1.0
    assert found.neighbours(29, 0.01).tolist() == [29]  # not weighed: compared with nothing
    rank = textrank.overlap_rank(units, kept)
    assert rank[29] == 0.0 and rank.max() == pytest.approx(1.0)


def test_the_cut_is_noted_and_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from newsfuse.consolidate import _sources, assemble_brief
    from newsfuse.consolidate.facts import read_articles
    from newsfuse.models import Article, RawArticle

    lines = [
        f"Storm crews in Velmora repaired pier number {n} before the tide on Tuesday." for n in range(12)
    ]
    articles = []
    for n in range(2):
        text = "\n\n".join(lines[n:] + lines[:n])
        raw = RawArticle(text=text, path=f"a{n}.txt")
        articles.append(
            Article(raw=raw, text=text, title=None, language="en", removed=(), fingerprint=f"f{n}")
        )
    analyzed = read_articles(articles)
    monkeypatch.setattr(textrank, "LARGE", 5)
    units = similarity.sentence_units(analyzed)
    weighed = len(textrank.considered_units(units) or [])
    assert 0 < weighed < len(units)
    with caplog.at_level(logging.INFO, logger="newsfuse"):
        brief = assemble_brief(analyzed, settings=Settings(summary_words=40))
    assert brief.summary
    assert any(f"{weighed} of {len(units)} sentences weighed" in r.getMessage() for r in caplog.records)
    told = summary.summarize(
        analyzed, _sources(analyzed), claims=[], entities=[], dates=None, settings=Settings(summary_words=40)
    )
    assert told is not None and told.notes and f"{weighed} of {len(units)}" in told.notes[0]


def test_needles_find_what_a_search_per_needle_finds() -> None:
    rng = np.random.default_rng(3)
    words = ["pier", "ve", "harbour crews", "a", "storm", "lmora", "crews in", "x"]
    texts = [" ".join(rng.choice(words, size=6)) for _ in range(200)] + ["", "ab"]
    needles = summary._Needles(words[1:4])
    for text in texts:
        assert needles.any_in(text) == any(n in text for n in words[1:4])
        assert set(needles.found(text)) == {n for n in words[1:4] if n in text}
    assert summary._Needles(["crews in velmora", "pier"]).found_in(["storm crews in velmora"]) == {
        "crews in velmora"
    }
