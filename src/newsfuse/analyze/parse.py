"""The full spaCy analysis of each article, run once: sentences, dependency parse, entities, lemmas.

The `Doc` lives only as long as the article's facts take to read (`consolidate.facts`): figures,
mentions, dates and sentence features are read from it where it was parsed, and it is dropped.
Languages without a trained pipeline get tokens and sentences only (`doc.has_annotation("DEP")`
is then false, and readers that need a parse skip them). The tok2vec tensor (96 floats a token,
four times the rest of the Doc) is dropped at once: no reader needs it. Batches hold a bounded
number of characters, a long article is parsed in pieces (`sentences.pipe_bounded`).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.analyze.sentences import pipe_bounded, split_at_paragraphs
from newsfuse.models import AnalyzedArticle, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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
        # headlines too, in one batch (their figures and their terms are read from the parse)
        titled = [i for i in indexes if articles[i].title]
        parsed = nlp.pipe([articles[i].title or "" for i in titled], batch_size=batch_size)
        heads = dict(zip(titled, parsed, strict=True))
        for i, doc in zip(indexes, pipe_bounded(nlp, texts, batch_size), strict=True):
            doc.tensor = np.zeros((0,), dtype="float32")  # no reader needs it
            spans = split_at_paragraphs(articles[i].text, [(s.start_char, s.end_char) for s in doc.sents])
            out[i] = AnalyzedArticle(articles[i], tuple(spans), doc=doc, title_doc=heads.get(i))
    return [out[i] for i in range(len(articles))]


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy joins every token's text each time `doc.text` is read."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entities, found once: spaCy walks every token each time `doc.ents` is read, so a
    reader asking once per figure would cost figures x tokens (nothing sets `doc.ents` after parsing)."""
    ents = doc.user_data.get(_ENTS)
    if ents is None:
        ents = doc.user_data[_ENTS] = tuple(doc.ents)
        doc.user_data[_ENT_STARTS] = [e.start for e in ents]
    return tuple(ents)


def span_ents(span: Span) -> list[Span]:
    """`span.ents` from `doc_ents` by bisection (spaCy's `Span.ents` reads `doc.ents` whole each time)."""
    ents = doc_ents(span.doc)
    starts: list[int] = span.doc.user_data[_ENT_STARTS]
    out: list[Span] = []
    for entity in ents[bisect.bisect_left(starts, span.start) :]:
        if entity.end > span.end:
            break
        out.append(entity)
    return out


_TEXT = "newsfuse:text"
_ENTS, _ENT_STARTS = "newsfuse:ents", "newsfuse:ent-starts"
