"""The full spaCy analysis of each article, run once: sentences, dependency parse, entities, lemmas.

Later stages (figures, entities, dates, summary) read the kept `Doc`; none runs spaCy again.
Languages without a trained pipeline get tokens and sentences only (`doc.has_annotation("DEP")`
is then false, and stages that need a parse skip them).

The tok2vec tensor (96 floats a token, four times the rest of the Doc) is dropped: no stage reads
it, and without it a Doc travels between processes as ~50 KB instead of ~200 KB (`doc_to_bytes`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.analyze.sentences import split_at_paragraphs
from newsfuse.models import AnalyzedArticle, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

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
            doc.tensor = np.zeros((0,), dtype="float32")  # as a Doc read back from bytes has it
            spans = split_at_paragraphs(articles[i].text, [(s.start_char, s.end_char) for s in doc.sents])
            out[i] = AnalyzedArticle(article=articles[i], sentences=tuple(spans), doc=doc)
    return [out[i] for i in range(len(articles))]


def doc_to_bytes(doc: Doc) -> bytes:
    """A parsed Doc as bytes (its strings included, no vocabulary), for another process."""
    return bytes(doc.to_bytes(exclude=["tensor"]))


def doc_from_bytes(data: bytes, language: str) -> Doc:
    """A Doc from `doc_to_bytes`, rebuilt against this process's FULL pipeline vocabulary."""
    from spacy.tokens import Doc

    return Doc(load_pipeline(language, FULL).vocab).from_bytes(data)
