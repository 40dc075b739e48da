"""Sentence splitting over many articles: one pipeline per language, `nlp.pipe` in batches.

spaCy's memory grows with the characters of a batch (about 3 MB per 1,000 with the full pipeline),
so `pipe_bounded` holds batches to `BATCH_CHARS` and parses a text longer than `SEGMENT_CHARS` in
pieces cut at paragraph breaks, joined back into one `Doc` over the whole text: a long article
costs the memory of a short batch. Batches within both bounds are the ones `nlp.pipe` would make.
spaCy's guard on a text's length (`nlp.max_length`) is never raised: no piece comes near it
(cleaning cuts an article to `max_article_chars`, `clean.cap`, and parsing to `SEGMENT_CHARS`).
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newsfuse.analyze.nlp import load_pipeline
from newsfuse.clean.cap import cut_at
from newsfuse.models import AnalyzedArticle, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SEGMENT_CHARS = 25_000  # a longer text is parsed in pieces of at most this many characters
BATCH_CHARS = 50_000  # characters parsed at once (a batch of one piece may reach SEGMENT_CHARS)


def split_sentences(articles: Sequence[Article], *, batch_size: int = 32) -> list[AnalyzedArticle]:
    """Each article with its sentence spans; a sentence never crosses a paragraph break."""
    by_language: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        by_language[article.language].append(i)
    spans: dict[int, tuple[tuple[int, int], ...]] = {}
    for language, indexes in by_language.items():
        nlp = load_pipeline(language)
        texts = [articles[i].text for i in indexes]
        for i, doc in zip(indexes, pipe_bounded(nlp, texts, batch_size), strict=True):
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


def pipe_bounded(nlp: Any, texts: Sequence[str], batch_size: int) -> Iterator[Doc]:
    """`nlp.pipe(texts, batch_size=batch_size)`, with at most `BATCH_CHARS` characters parsed at once:
    a text longer than `SEGMENT_CHARS` is parsed in pieces and its `Doc` joined back together."""
    pieces = [(n, piece) for n, text in enumerate(texts) for piece in _segments(text)]
    done: list[Doc] = []  # the pieces of the text being joined
    for batch in _batches([piece for _, piece in pieces], batch_size):
        parsed = nlp.pipe([pieces[k][1] for k in batch], batch_size=len(batch))
        for k, doc in zip(batch, parsed, strict=True):
            done.append(doc)
            if k + 1 < len(pieces) and pieces[k + 1][0] == pieces[k][0]:
                continue  # more pieces of this text to come
            yield done[0] if len(done) == 1 else _joined(done)
            done = []


def _joined(docs: list[Doc]) -> Doc:
    """The pieces of one text as one `Doc` over the whole text (no space added between pieces)."""
    from spacy.tokens import Doc

    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def _segments(text: str) -> list[str]:
    """The text in pieces of at most `SEGMENT_CHARS`, cut after paragraph breaks (else sentence ends,
    `clean.cap.cut_at`): joined, exactly the text."""
    pieces: list[str] = []
    while len(text) > SEGMENT_CHARS:
        at = cut_at(text, SEGMENT_CHARS)
        at += len(text[at:]) - len(text[at:].lstrip())  # the break stays with the piece before
        pieces.append(text[:at])
        text = text[at:]
    return [*pieces, text]


def _batches(pieces: Sequence[str], batch_size: int) -> Iterator[list[int]]:
    """Indexes of consecutive pieces, `batch_size` at most, `BATCH_CHARS` at most (one at least)."""
    batch: list[int] = []
    chars = 0
    for k, piece in enumerate(pieces):
        if batch and (len(batch) == batch_size or chars + len(piece) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(k)
        chars += len(piece)
    if batch:
        yield batch
