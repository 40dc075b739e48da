"""The summary's work bounded by its input: a story whose sentences nearly all share a word is
weighed as a big one (`textrank.PAIR_BUDGET`), and the cut is said in the notes."""

from __future__ import annotations

import pytest

from newsfuse.consolidate import textrank
from newsfuse.consolidate.similarity import SentenceUnit


def _unit(source: int, index: int, text: str) -> SentenceUnit:
    terms = tuple(w.lower().strip(".,") for w in text.split() if len(w) > 3)
    return SentenceUnit(
        source, index, 0, len(text), text, "en", terms, (), (), frozenset(), frozenset(), 0,
        len(text.split()), False, (), "NOUN", True, False,
    )  # fmt: skip


def _story(articles: int, sentences: int, shared: str) -> list[SentenceUnit]:
    return [
        _unit(a, k, f"{shared} crews counted damage at pier{a} berth{k} overnight")
        for a in range(articles)
        for k in range(sentences)
    ]


def test_shared_word_pairs_counts_each_words_sentences_squared() -> None:
    units = _story(2, 5, "Velmora")  # 10 sentences: "velmora", "crews", "counted", "damage", "overnight"
    # in all 10, each pier in 5, each berth in 2
    assert textrank.shared_word_pairs(units) == 5 * 100 + 2 * 25 + 5 * 4


def test_a_story_whose_sentences_all_share_words_is_weighed_as_a_big_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    units = _story(3, 30, "Velmora")
    assert len(units) < textrank.LARGE
    assert textrank.considered_units(units) is None  # within the budget: every sentence
    monkeypatch.setattr(textrank, "PAIR_BUDGET", textrank.shared_word_pairs(units) - 1)
    kept = textrank.considered_units(units)
    assert kept is not None
    assert all(units[k].index < textrank.LEAD_SENTENCES for k in kept)
    assert len(kept) == 3 * textrank.LEAD_SENTENCES
