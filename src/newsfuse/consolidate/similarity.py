"""Sentences across sources that say the same thing: lexical similarity plus shared figures and names.

Every sentence of every source becomes a `SentenceUnit` (content lemmas, numbers with spelled-out
ones turned to digits, named entities, date mentions). `similarity_matrix` scores each pair:
TF-IDF cosine over content lemmas (IDF from the story's own sentences), raised a little for each
figure and name the two share and lowered when both give figures and none match.

Languages without a trained pipeline (a blank spaCy tokenizer: no lemmas, no names) get their
lemmas, number words and pronouns from their language pack, and every sentence carries `names`,
keys of its capitalised words folded to Latin letters ("Заречье" and "Zarechye" -> "zarec"), so
that sentences in two languages can be matched on the names and figures they share.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from newsfuse.analyze.damage import alone_in_paragraph, sentence_damage
from newsfuse.languages import calendar_pattern, lemma, number_value, pack
from newsfuse.models import AnalyzedArticle

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsfuse.consolidate.facts import ArticleFacts

__all__ = ["SentenceUnit", "article_units", "entity_key", "sentence_units", "similarity_matrix"]

_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:\.\d+)?")
_NAMED = {"PERSON", "PER", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "MISC"}
_DATED = {"DATE", "TIME"}
_WEEKDAYS_MONTHS = re.compile(
    rf"\b({calendar_pattern('weekdays', 'months')}|yesterday|today|tonight|overnight)\b", re.I
)
_NAME_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’\-]*", re.U)
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
    names: frozenset[str] = frozenset()  # capitalised words folded to Latin letters: `name_key`
    figures: tuple[int, ...] = ()  # the counts it gives, in order (no years, no days of dates)

    @property
    def position(self) -> float:
        """0 for an article's first sentence, growing with depth."""
        return float(self.index)


def sentence_units(analyzed: Sequence[ArticleFacts]) -> list[SentenceUnit]:
    """Every sentence of every article of a story, in article then sentence order."""
    return [
        unit if source == 0 else dataclasses.replace(unit, source=source)
        for source, item in enumerate(analyzed)
        for unit in item.units
    ]


def article_units(item: AnalyzedArticle) -> list[SentenceUnit]:
    """Every sentence of one analysed article, in order (`source` 0: `sentence_units` places it)."""
    source = 0
    units: list[SentenceUnit] = []
    parsed = item.doc is not None and item.doc.has_annotation("POS")
    named = item.doc is not None and item.doc.has_annotation("ENT_IOB")
    text, language = item.article.text, item.article.language
    lemma_of = token_lemmatizer(language, item.doc is not None and item.doc.has_annotation("LEMMA"))
    personal = _pronouns(language)
    doc_ents = list(item.doc.ents) if item.doc is not None else []
    ent_starts = [e.start for e in doc_ents]
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
                    names=_names(sentence, language),
                    figures=_figures(sentence, language),
                )
            )  # fmt: skip
            continue
        terms = tuple(
            lemma_of(t) for t in span if (t.is_alpha or t.like_num) and not t.is_stop and len(t.text) > 1
        )
        ents = _span_ents(doc_ents, ent_starts, span)
        entities = frozenset(entity_key(e.text) for e in ents if e.label_ in _NAMED and entity_key(e.text))
        dated = sum(1 for e in ents if e.label_ in _DATED) or len(
            (_WEEKDAYS_MONTHS if named else _calendar()).findall(sentence)
        )
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
                bigrams=_bigrams(span, lemma_of, ents),
                word_pairs=_word_pairs(span, lemma_of),
                numbers=_numbers(sentence, language),
                entities=entities,
                date_mentions=dated,
                words=len(sentence.split()),
                alone=alone,
                damage=tuple(sentence_damage(span, alone_in_paragraph=alone)),
                first_word_pos=words[0].pos_ if words else "",
                has_verb=not parsed or any(t.pos_ in {"VERB", "AUX"} for t in words),
                # without a name finder no sentence can be told to name its person
                dangling=named
                and any(t.lower_ in personal for t in words)
                and not any(e.label_ in {"PERSON", "PER"} for e in ents),
                telegraphic=span.doc.has_annotation("DEP") and _telegraphic(span),
                names=_names(sentence, language),
                figures=_figures(sentence, language),
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


def token_lemmatizer(language: str, annotated: bool) -> Callable[[Token], str]:
    """A token's lower-cased lemma: the pipeline's, else (a blank pipeline) the language pack's."""
    if annotated or pack(language) is None:
        return lambda t: (t.lemma_ or t.lower_).lower()
    return lambda t: t.lemma_.lower() if t.lemma_ else lemma(language, t.text)


@functools.cache
def _pronouns(language: str) -> frozenset[str]:
    """Personal pronouns that need a named person nearby ("he", "il"), from the pack's words.toml."""
    found = pack(language)
    return found.words("words", "personal_pronouns") if found is not None else frozenset()


@functools.cache
def _calendar() -> re.Pattern[str]:
    """Month and weekday names of every language clean/ knows, for sentences without a date finder."""
    from newsfuse.clean.lexicon import MONTHS, WEEKDAYS

    return re.compile(rf"\b({MONTHS}|{WEEKDAYS})\b", re.I)


def _names(sentence: str, language: str) -> frozenset[str]:
    """Keys of the capitalised words after a sentence's first word, in any script (`name_key`),
    but for common nouns where a language capitalises them (`_common_word`)."""
    keys = set()
    for m in list(_NAME_WORD.finditer(sentence))[1:]:
        word = m.group(0)
        if (
            word[:1].isupper()
            and not _calendar().fullmatch(word)
            and not _common_word(language, word.lower())
        ):
            key = name_key(word)
            if len(key) >= 3:
                keys.add(key)
    return frozenset(keys)


@functools.lru_cache(maxsize=100_000)
def _common_word(language: str, low: str) -> bool:
    """In a language that capitalises its nouns (words.toml `capitalised_nouns`), a word its
    dictionary knows: "Bruch", "Fluss" are not names; elsewhere a capital after the first word is."""
    found = pack(language)
    if found is None or not found.section("words").get("capitalised_nouns"):
        return False
    try:
        import simplemma

        return bool(simplemma.is_known(low, lang=found.code))
    except ValueError:  # simplemma has no dictionary for the language
        return False


@functools.lru_cache(maxsize=100_000)
def name_key(word: str) -> str:
    """A name folded to lower-case Latin letters and cut to its first five ("Заречье", "Zarechye",
    "Zarechyem" -> "zarec"), so that spellings, scripts and case endings of one name meet."""
    from unidecode import unidecode

    folded = re.sub(r"[^a-z0-9]", "", unidecode(word).lower())
    return folded[:5]


def _span_ents(ents: Sequence[Span], starts: Sequence[int], span: Span) -> list[Span]:
    """`span.ents` from the document's entities, found by bisection (spaCy's `Span.ents` walks every
    entity of the document for each sentence): those from the span's start on, until one ends past it."""
    out: list[Span] = []
    for entity in ents[bisect.bisect_left(starts, span.start) :]:
        if entity.end > span.end:
            break
        out.append(entity)
    return out


def _bigrams(
    span: Span, lemma_of: Callable[[Token], str], ents: Sequence[Span] | None = None
) -> tuple[tuple[str, str], ...]:
    """Pairs of neighbouring content words as lemmas, a name counting as one word.

    Stop words and punctuation are skipped, so "fire in the chemical warehouses" gives "fire
    chemical" and "chemical warehouse"; the words of a name are one item ("@ilse varga"), so a
    long name does not weigh as several facts.
    """
    items: list[str] = []
    inside: dict[int, str] = {}
    for entity in span.ents if ents is None else ents:
        if entity.label_ in _NAMED and entity_key(entity.text):
            for token in entity:
                inside[token.i] = "@" + entity_key(entity.text)
    for token in span:
        if token.i in inside:
            if not items or items[-1] != inside[token.i]:
                items.append(inside[token.i])
        elif (token.is_alpha or token.like_num) and not token.is_stop and len(token.text) > 1:
            items.append(lemma_of(token))
    return tuple(itertools.pairwise(items))


def _telegraphic(span: Span) -> bool:
    """Headline style: the root is not a verb, or a bare participle ("…stormed by", "…detained")."""
    root = span.root
    if root.pos_ not in {"VERB", "AUX"}:
        return True
    return root.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"} for c in root.children)


def _word_pairs(span: Span, lemma_of: Callable[[Token], str]) -> tuple[str, ...]:
    """Adjacent words as lemmas, leaving out pairs of two stop words ("of the")."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    return tuple(
        f"{lemma_of(a)} {lemma_of(b)}" for a, b in itertools.pairwise(words) if not (a.is_stop and b.is_stop)
    )


def _plain_bigrams(terms: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple(itertools.pairwise(terms))


def _numbers(sentence: str, language: str) -> frozenset[int]:
    """The whole numbers (at least 2) a sentence gives, in digits or in words."""
    return frozenset(value for _, value, _ in _mentions(sentence, language))


def _figures(sentence: str, language: str) -> tuple[int, ...]:
    """The numbers a sentence gives as counts, in order: not years, not the day of a date."""
    return tuple(dict.fromkeys(value for _, value, dated in _mentions(sentence, language) if not dated))


def _mentions(sentence: str, language: str) -> list[tuple[int, int, bool]]:
    """(where, value, is a year or a date's day) of each whole number of at least 2, in order:
    digits, and number words by the pack's grammar (alpha2digit, else `number_value`)."""
    found = pack(language)
    mentions: list[tuple[int, int, bool]] = []
    if found is None or found.numbers == "text2num":
        try:
            from text_to_num import alpha2digit  # type: ignore[import-untyped]

            sentence = alpha2digit(sentence, language)
        except (ValueError, KeyError, IndexError):
            pass  # a language alpha2digit does not know
    elif found.numbers != "none":
        mentions += [(where, value, False) for where, value in _spelled_numbers(sentence, language)]
    # "3.000" is three thousand where the comma marks decimals (words.toml `decimal_comma`)
    dotted = found is not None and bool(found.section("words").get("decimal_comma"))
    for match in _NUMBER.finditer(sentence):
        digits = re.sub(r"[,\u00a0 ]", "", match.group(0))
        if dotted and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            digits = digits.replace(".", "")
        try:
            value = int(float(digits))
        except ValueError:
            continue
        year = len(digits) == 4 and 1900 <= value <= 2100
        mentions.append((match.start(), value, year or _beside_month(sentence, match.start(), match.end())))
    return sorted(m for m in mentions if m[1] >= 2)  # "one" and "a" say too little to match on


@functools.cache
def _month_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from newsfuse.clean.lexicon import MONTHS

    before = re.compile(rf"\b({MONTHS})\.?,?\s*$", re.I)
    after = re.compile(rf"^(?:st|nd|rd|th|er|\.)?\s*({MONTHS})\b", re.I)
    return before, after


def _beside_month(text: str, start: int, end: int) -> bool:
    """The number is a date's day: "April 16", "16 avril", "14 апреля"."""
    before, after = _month_patterns()
    return bool(before.search(text[max(0, start - 20) : start]) or after.match(text[end : end + 20]))


_WORD_RUN = re.compile(r"[^\W\d_]+(?:[\s\-]+[^\W\d_]+)*", re.U)


def _spelled_numbers(sentence: str, language: str) -> list[tuple[int, int]]:
    """(where, value) of numbers written in words ("восемнадцать", "двадцать три"), by the pack."""
    values: list[tuple[int, int]] = []
    for run in _WORD_RUN.finditer(sentence):
        words = [(m.start() + run.start(), m.group(0)) for m in re.finditer(r"\S+", run.group(0))]
        k = 0
        while k < len(words):
            first = number_value(language, words[k][1])
            if first is None:
                k += 1
                continue
            end = k + 1
            while end < len(words) and number_value(language, words[end][1]) is not None:
                end += 1
            value = number_value(language, " ".join(w for _, w in words[k:end]))
            values.append((words[k][0], value if value is not None else first))
            k = end
    return values


def entity_key(name: str) -> str:
    key = re.sub(r"^(the|la|le|les|l’|l')\s*", "", name.strip().lower())
    return re.sub(r"[’'`]s$", "", key).strip(" .,;:")
