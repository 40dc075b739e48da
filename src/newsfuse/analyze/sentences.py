"""Sentence splitting over many articles: one pipeline per language, `nlp.pipe` in batches."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.models import AnalyzedArticle, Article

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def split_sentences(articles: Sequence[Article], *, batch_size: int = 32) -> list[AnalyzedArticle]:
    """Each article with its sentence spans; a sentence never crosses a paragraph break."""
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_language[article.language].append(i)
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for language, indexes in by_language.items():
        nlp = load_pipeline(language)
        texts = [articles[i].text for i in indexes]
        nlp.max_length = max(nlp.max_length, *(len(t) + 1 for t in texts))
        for i, doc in zip(indexes, nlp.pipe(texts, batch_size=batch_size), strict=True):
            spans[i] = tuple(
                split_at_paragraphs(articles[i].text, [(s.start_char, s.end_char) for s in doc.sents])
            )
    return [AnalyzedArticle(article=a, sentences=spans[i]) for i, a in enumerate(articles)]


def split_at_paragraphs(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans cut at blank lines and trimmed of surrounding whitespace."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        cuts = [start] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text, start, end)] + [end]
        for a, b in itertools.pairwise(cuts):
            seg = text[a:b]
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                out.append((a + lead, a + len(seg.rstrip())))
    return out
