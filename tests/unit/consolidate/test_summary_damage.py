"""Machine-translation damage marks on single sentences."""

from __future__ import annotations

import pytest

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.analyze.parse import FULL
from newsfuse.consolidate.similarity import article_units
from newsfuse.models import AnalyzedArticle, Article, RawArticle


def _marks(text: str) -> list[list[str]]:
    """Each sentence's marks, as an article's facts carry them (`SentenceUnit.damage`)."""
    doc = load_pipeline("en", FULL)(text)
    spans = tuple((s.start_char, s.end_char) for s in doc.sents)
    article = Article(RawArticle(text=text, path=None), text, None, "en", (), "x")
    return [list(u.damage) for u in article_units(AnalyzedArticle(article, spans, doc))]


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("The crews fought the whole night night night night against the flames.", "word-loop"),
        (
            "He said that the officials were killed when the officials were killed by the rebels.",
            "phrase-loop",
        ),
        ("The brigade arrived at noon. Operation. The fire was out by six.", "fragment"),
        ("The demonstrators s' seizing the buildings were arrested.", "broken-word"),
    ],
)
def test_damage_is_marked(text: str, mark: str) -> None:
    assert mark in [m for sentence in _marks(text) for m in sentence]


@pytest.mark.parametrize(
    "text",
    [
        "“We have been waiting, waiting, waiting,” said the lawyer.",
        "New York Gov. Andrew Smith signed the bill on Monday.",
        "Firefighters battled the flames overnight and the fire was under control by the morning.",
        "Not even close. The count ended at noon.",
    ],
)
def test_clean_writing_is_not_marked(text: str) -> None:
    assert not any(_marks(text))
