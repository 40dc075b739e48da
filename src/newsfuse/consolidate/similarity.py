"""Sentences across sources that say the same thing: lexical similarity plus shared figures and names.

Every sentence of every source becomes a `SentenceUnit` (content lemmas, numbers with spelled-out
ones turned to digits, named entities, date mentions). `similarity_matrix` scores each pair:
TF-IDF cosine over content lemmas (IDF from the story's own sentences), raised a little for each
figure and name the two share and lowered when both give figures and none match.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsfuse.analyze.damage import alone_in_paragraph, sentence_damage
from newsfuse.models import AnalyzedArticle

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["SentenceUnit", "entity_key", "sentence_units", "similarity_matrix"]

_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:\.\d+)?")
_NAMED = {"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "MISC"}
_DATED = {"DATE", "TIME"}
_WEEKDAYS_MONTHS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|"
    r"june|july|august|september|october|november|december|yesterday|today|tonight|overnight)\b",
    re.I,
)
_PERSONAL = frozenset({"he", "she", "him", "her", "they", "them", "il", "elle", "ils", "elles"})
_SPELLED_LANGUAGES = {"en", "fr", "de", "es", "it", "pt", "nl"}  # alpha2digit's languages
NUMBER_BONUS = 0.12  # per figure two sentences share (at most two count)
ENTITY_BONUS = 0.05  # per name two sentences share (at most three count)
NUMBER_CLASH = 0.15  # both give figures, none in common: probably different facts


@dataclass(frozen=True)
class SentenceUnit:
    """One sentence of one source, with what similarity and scoring need to know about it."""

    source: int  # index of the article in the story
    index: int  # sentence number within its article
    start: int
    end: int
    text: str
    language: str
    terms: tuple[str, ...]  # content lemmas, lower-cased
    bigrams: tuple[
        tuple[str, str], ...
    ]  # neighbouring content words (lemmas; a name is one word): summary concepts
    word_pairs: tuple[str, ...]  # adjacent words (lemmas) but pairs of two stop words: what ROUGE-2 counts
    numbers: frozenset[int]
    entities: frozenset[str]
    date_mentions: int
    words: int
    alone: bool  # a paragraph by itself (a heading, a caption, a one-line paragraph)
    damage: tuple[str, ...]  # machine-translation damage marks
    first_word_pos: str  # part of speech of the first word ("PRON" for "They said…")
    has_verb: bool  # True when the language has no parser (nothing to check against)
    dangling: bool  # a personal pronoun with no person named in the sentence ("…, he said")
    telegraphic: bool = False  # headline style, no finite verb at its root: "Palaces stormed by crowds"

    @property
    def position(self) -> float:
        """0 for an article's first sentence, growing with depth."""
        return float(self.index)


def sentence_units(analyzed: Sequence[AnalyzedArticle]) -> list[SentenceUnit]:
    """Every sentence of every article, in article then sentence order."""
    units: list[SentenceUnit] = []
    for source, item in enumerate(analyzed):
        parsed = item.doc is not None and item.doc.has_annotation("POS")
        text, language = item.article.text, item.article.language
        for index, (start, end) in enumerate(item.sentences):
            span = item.doc.char_span(start, end, alignment_mode="expand") if item.doc is not None else None
            sentence = text[start:end]
            alone = alone_in_paragraph(text, start, end)
            if span is None:
                terms = tuple(w.lower() for w in re.findall(r"\w{3,}", sentence))
                units.append(
                    SentenceUnit(
                        source, index, start, end, sentence, language, terms, _plain_bigrams(terms),
                        tuple(f"{a} {b}" for a, b in _plain_bigrams(terms)),
                        _numbers(sentence, language),
                        frozenset(), 0, len(sentence.split()), alone, (), "", True, False,
                    )
                )  # fmt: skip
                continue
            terms = tuple(
                (t.lemma_ or t.lower_).lower()
                for t in span
                if (t.is_alpha or t.like_num) and not t.is_stop and len(t.text) > 1
            )
            entities = frozenset(
                entity_key(e.text) for e in span.ents if e.label_ in _NAMED and entity_key(e.text)
            )
            dated = sum(1 for e in span.ents if e.label_ in _DATED) or len(_WEEKDAYS_MONTHS.findall(sentence))
            words = [t for t in span if not t.is_punct and not t.is_space]
            units.append(
                SentenceUnit(
                    source=source,
                    index=index,
                    start=start,
                    end=end,
                    text=sentence,
                    language=language,
                    terms=terms,
                    bigrams=_bigrams(span),
                    word_pairs=_word_pairs(span),
                    numbers=_numbers(sentence, language),
                    entities=entities,
                    date_mentions=dated,
                    words=len(sentence.split()),
                    alone=alone,
                    damage=tuple(sentence_damage(span, alone_in_paragraph=alone)),
                    first_word_pos=words[0].pos_ if words else "",
                    has_verb=not parsed or any(t.pos_ in {"VERB", "AUX"} for t in words),
                    dangling=any(t.lower_ in _PERSONAL for t in words)
                    and not any(e.label_ in {"PERSON", "PER"} for e in span.ents),
                    telegraphic=span.doc.has_annotation("DEP") and _telegraphic(span),
                )
            )
    return units


def similarity_matrix(units: Sequence[SentenceUnit]) -> NDArray[np.float64]:
    """Pairwise similarity in [0, 1] of the units (1 on the diagonal)."""
    n = len(units)
    if n == 0:
        return np.zeros((0, 0))
    vectors = _tfidf([u.terms for u in units])
    sim = np.clip(vectors @ vectors.T, 0.0, 1.0)
    for i in range(n):
        a = units[i]
        if not a.numbers and not a.entities:
            continue
        for j in range(i + 1, n):
            b = units[j]
            if sim[i, j] < 0.05:
                continue
            adjust = 0.0
            if a.numbers and b.numbers:
                shared = len(a.numbers & b.numbers)
                adjust += NUMBER_BONUS * min(shared, 2) if shared else -NUMBER_CLASH
            if a.entities and b.entities:
                adjust += ENTITY_BONUS * min(len(a.entities & b.entities), 3)
            sim[i, j] = sim[j, i] = min(1.0, max(0.0, sim[i, j] + adjust))
    np.fill_diagonal(sim, 1.0)
    return sim


def centroid_similarity(units: Sequence[SentenceUnit], texts: Sequence[Sequence[str]]) -> NDArray[np.float64]:
    """Cosine of each unit with the centroid of the story; `texts` are extra term lists (titles)."""
    vectors = _tfidf([u.terms for u in units] + [list(t) for t in texts])
    centroid = vectors[: len(units)].sum(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return np.zeros(len(units) + len(texts))
    result: NDArray[np.float64] = vectors @ (centroid / norm)
    return result


def _tfidf(term_lists: Sequence[Sequence[str]]) -> NDArray[np.float64]:
    vocabulary: dict[str, int] = {}
    for terms in term_lists:
        for term in terms:
            vocabulary.setdefault(term, len(vocabulary))
    matrix = np.zeros((len(term_lists), max(1, len(vocabulary))))
    for row, terms in enumerate(term_lists):
        for term in terms:
            matrix[row, vocabulary[term]] += 1.0
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((1 + len(term_lists)) / (1 + document_frequency)) + 1.0
    matrix = np.where(matrix > 0, 1.0 + np.log(np.maximum(matrix, 1.0)), 0.0) * idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    normalized: NDArray[np.float64] = matrix / np.where(norms == 0, 1.0, norms)
    return normalized


def _bigrams(span: Span) -> tuple[tuple[str, str], ...]:
    """Pairs of neighbouring content words as lemmas, a name counting as one word.

    Stop words and punctuation are skipped, so "fire in the chemical warehouses" gives "fire
    chemical" and "chemical warehouse"; the words of a name are one item ("@ilse varga"), so a
    long name does not weigh as several facts.
    """
    items: list[str] = []
    inside: dict[int, str] = {}
    for entity in span.ents:
        if entity.label_ in _NAMED and entity_key(entity.text):
            for token in entity:
                inside[token.i] = "@" + entity_key(entity.text)
    for token in span:
        if token.i in inside:
            if not items or items[-1] != inside[token.i]:
                items.append(inside[token.i])
        elif (token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1:
            items.append((token.lemma_ or token.lower_).lower())
    return tuple(itertools.pairwise(items))


def _telegraphic(span: Span) -> bool:
    """Headline style: the root is not a verb, or a bare participle ("…stormed by", "…detained")."""
    root = span.root
    if root.pos_ not in {"VERB", "AUX"}:
        return True
    return root.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in root.children)


def _word_pairs(span: Span) -> tuple[str, ...]:
    """Adjacent words as lemmas, leaving out pairs of two stop words ("of the")."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    return tuple(
        f"{(a.lemma_ or a.lower_).lower()} {(b.lemma_ or b.lower_).lower()}"
        for a, b in itertools.pairwise(words)
        if not (a.is_stop and b.is_stop)
    )


def _plain_bigrams(terms: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple(itertools.pairwise(terms))


def _numbers(sentence: str, language: str) -> frozenset[int]:
    if language in _SPELLED_LANGUAGES:
        try:
            from text_to_num import alpha2digit  # type: ignore[import-untyped]

            sentence = alpha2digit(sentence, language)
        except (ValueError, KeyError, IndexError):
            pass
    values: set[int] = set()
    for match in _NUMBER.finditer(sentence):
        digits = re.sub(r"[,\u00a0 ]", "", match.group(0))
        try:
            value = int(float(digits))
        except ValueError:
            continue
        if value >= 2:  # "one" and "a" say too little to match two sentences on
            values.add(value)
    return frozenset(values)


def entity_key(name: str) -> str:
    key = re.sub(r"^(the|la|le|les|l’|l')\s*", "", name.strip().lower())
    return re.sub(r"[’'`]s$", "", key).strip(" .,;:")
