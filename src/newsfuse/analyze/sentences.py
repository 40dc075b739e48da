"""Sentence splitting over many articles: one pipeline per language, `nlp.pipe` in batches."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.models import AnalyzedArticle, Article

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SPACY_MAX_LENGTH = 1_000_000  # spaCy's own guard (`nlp.max_length`), kept unless a text needs more


def fit_max_length(texts: Sequence[str]) -> int:
    """spaCy's length guard for this batch: its default, raised only for a longer text. Cleaning cuts
    every article to `max_article_chars` (`clean.cap`, 200,000 by default), so it is raised only when
    that setting is above the default; it is set for each batch, never left raised by an earlier one."""
    return max([SPACY_MAX_LENGTH, *(len(t) + 1 for t in texts)])


def split_sentences(articles: Sequence[Article], *, batch_size: int = 32) -> list[AnalyzedArticle]:
    """Each article with its sentence spans; a sentence never crosses a paragraph break."""
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_language[article.language].append(i)
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for language, indexes in by_language.items():
        nlp = load_pipeline(language)
        texts = [articles[i].text for i in indexes]
        nlp.max_length = fit_max_length(texts)
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
