"""The full spaCy analysis of each article, run once: sentences, dependency parse, entities, lemmas.

Later stages (figures, entities, dates, summary) read the kept `Doc`; none runs spaCy again.
Languages without a trained pipeline get tokens and sentences only (`doc.has_annotation("DEP")`
is then false, and stages that need a parse skip them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.analyze.sentences import split_at_paragraphs
from newsfuse.models import AnalyzedArticle, Article

FULL = frozenset({"dependencies", "entities", "lemmas"})


def parse_articles(articles: Sequence[Article], *, batch_size: int = 32) -> list[AnalyzedArticle]:
    """Each article with its sentence spans and its analysed spaCy `Doc`, one pipeline per language."""
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_language[article.language].append(i)
    out: dict[int, AnalyzedArticle] = {}
    for language, indexes in by_language.items():
        nlp = load_pipeline(language, FULL)
        texts = [articles[i].text for i in indexes]
        nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))
        for i, doc in zip(indexes, nlp.pipe(texts, batch_size=batch_size), strict=True):
            spans = split_at_paragraphs(articles[i].text, [(s.start_char, s.end_char) for s in doc.sents])
            out[i] = AnalyzedArticle(article=articles[i], sentences=tuple(spans), doc=doc)
    return [out[i] for i in range(len(articles))]
