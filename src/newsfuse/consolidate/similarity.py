"""Sentences across sources that say the same thing: lexical similarity plus shared figures and names.

Every sentence of every source becomes a `SentenceUnit` (content lemmas, numbers with spelled-out
ones turned to digits, named entities, date mentions). `similarity_matrix` scores each pair:
TF-IDF cosine over content lemmas (IDF from the story's own sentences), raised a little for each
figure and name the two share and lowered when both give figures and none match. Only pairs that
share a word are scored and kept (`Similarities`, sparse): a story of thousands of articles costs
what its similar pairs cost, not the square of its sentences (`pair_products`).

Languages without a trained pipeline (a blank spaCy tokenizer: no lemmas, no names) get their
lemmas, number words and pronouns from their language pack, and every sentence carries `names`,
keys of its capitalised words folded to Latin letters ("Заречье" and "Zarechye" -> "zarec"), so
that sentences in two languages can be matched on the names and figures they share.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

from newsfuse.analyze.damage import alone_in_paragraph, sentence_damage
from newsfuse.analyze.parse import span_ents
from newsfuse.languages import calendar_pattern, lemma, number_value, pack
from newsfuse.models import AnalyzedArticle

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from newsfuse.consolidate.facts import ArticleFacts

__all__ = [
    "SentenceUnit",
    "Similarities",
    "article_units",
    "entity_key",
    "sentence_units",
    "similarities",
    "similarity_matrix",
]

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
        ents = span_ents(span)
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
    """Pairwise similarity in [0, 1] of the units (1 on the diagonal), dense: for small stories."""
    return similarities(units).dense()


def similarities(units: Sequence[SentenceUnit], considered: Sequence[int] | None = None) -> Similarities:
    """Pairwise similarity in [0, 1] of the `considered` units (all by default), 1 on the diagonal.

    TF-IDF cosine over content lemmas, for the pairs that share a word, then raised for shared
    figures and names, lowered when both give figures and none match. Work and memory grow with the
    number of similar pairs, not with the square of the sentences. With `considered` given (a big
    story), a word in too many sentences pairs none (`common_cap`) and pairs under `FAINT` are left
    out; otherwise every pair with a shared word is scored, as a dense matrix would score it.
    """
    n = len(units)
    keep = np.arange(n) if considered is None else np.asarray(sorted(set(considered)), dtype=np.int64)
    vectors = _tfidf([units[k].terms for k in keep])
    big = considered is not None
    products = pair_products(vectors, FAINT if big else 0.0, common_cap(len(keep)) if big else None)
    rows, cols, values = _row_of(products), products.indices, products.data  # of the considered
    np.clip(values, 0.0, 1.0, out=values)
    numbers = _presence([units[k].numbers for k in keep])
    names = _presence([units[k].entities for k in keep])
    numbered, named = np.diff(numbers.indptr) > 0, np.diff(names.indptr) > 0
    both_numbered = numbered[rows] & numbered[cols]
    both_named = named[rows] & named[cols]
    touched = np.flatnonzero((values >= 0.05) & (both_numbered | both_named) & (rows != cols))
    a, b = rows[touched], cols[touched]
    adjust = np.zeros(len(touched))
    shared = _shared(numbers, a, b)
    adjust += np.where(
        both_numbered[touched], np.where(shared > 0, NUMBER_BONUS * np.minimum(shared, 2), -NUMBER_CLASH), 0.0
    )
    adjust += np.where(both_named[touched], ENTITY_BONUS * np.minimum(_shared(names, a, b), 3), 0.0)
    values[touched] = np.minimum(1.0, np.maximum(0.0, values[touched] + adjust))
    values[rows == cols] = 1.0
    del rows, both_numbered, both_named, touched, a, b, adjust, shared
    products.eliminate_zeros()
    return Similarities(_placed(products, keep, n), np.isin(np.arange(n), keep))


def _placed(products: sparse.csr_matrix, keep: NDArray[np.int64], n: int) -> sparse.csr_matrix:
    """The considered units' rows among all `n` units' (the others compare with nothing), with a 1
    on the diagonal of every unit (a unit without content words shares none even with itself)."""
    lengths = np.zeros(n, dtype=np.int64)
    lengths[keep] = np.diff(products.indptr)
    empty = np.flatnonzero(lengths == 0)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    at = indptr[empty]  # where each empty row's diagonal goes
    indices = np.insert(keep[products.indices].astype(np.int32), at, empty.astype(np.int32))
    data = np.insert(products.data, at, 1.0)
    lengths[empty] = 1
    matrix = sparse.csr_matrix((data, indices, np.concatenate([[0], np.cumsum(lengths)])), shape=(n, n))
    return matrix


def _row_of(matrix: sparse.csr_matrix) -> NDArray[np.int32]:
    """The row of each stored value of a CSR matrix."""
    return np.repeat(np.arange(matrix.shape[0], dtype=np.int32), np.diff(matrix.indptr))


@dataclass
class Similarities:
    """How similar a story's sentences are, pair by pair: symmetric, sparse (pairs never scored are 0,
    a sentence is 1 with itself), plus one-way raises (`raise_to`) for links words cannot show."""

    matrix: sparse.csr_matrix  # symmetric, the diagonal included
    considered: NDArray[np.bool_]  # the units that were compared at all (`similarities`)
    raised: dict[int, dict[int, float]] = field(default_factory=dict)  # row -> column -> value
    _rows: dict[int, dict[int, float]] = field(default_factory=dict)  # rows read so far, as dicts

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    def get(self, i: int, j: int) -> float:
        """The similarity of unit `i` to unit `j` (a raise makes it one-way)."""
        raised = self.raised.get(i)
        if raised is not None and j in raised:
            return raised[j]
        row = self._rows.get(i)
        if row is None:  # symmetric: read whichever row is at hand, else `j`'s (chosen sentences repeat)
            row = self._rows.get(j) or self._row_dict(j)
            return row.get(i, 0.0)
        return row.get(j, 0.0)

    def row(self, i: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The units similar to unit `i` at all (itself included) and how similar, by index."""
        start, end = self.matrix.indptr[i], self.matrix.indptr[i + 1]
        columns, values = self.matrix.indices[start:end], self.matrix.data[start:end]
        raised = self.raised.get(i)
        if not raised:
            return columns.astype(np.int64), values
        merged = dict(zip(columns.tolist(), values.tolist(), strict=True)) | raised
        order = sorted(merged)
        return np.array(order, dtype=np.int64), np.array([merged[k] for k in order])

    def neighbours(self, i: int, threshold: float) -> NDArray[np.int64]:
        """The units at least `threshold` similar to unit `i` (itself included), by index."""
        columns, values = self.row(i)
        return columns[values >= threshold]

    def raise_to(self, i: int, j: int, value: float) -> None:
        """Unit `i` is at least `value` similar to unit `j` (one way)."""
        self.raised.setdefault(i, {})[j] = max(self.get(i, j), value)

    def dense(self) -> NDArray[np.float64]:
        """As a dense matrix (small stories, tests)."""
        matrix: NDArray[np.float64] = self.matrix.toarray()
        for i, raised in self.raised.items():
            for j, value in raised.items():
                matrix[i, j] = value
        return matrix

    def _row_dict(self, i: int) -> dict[int, float]:
        start, end = self.matrix.indptr[i], self.matrix.indptr[i + 1]
        row = dict(
            zip(self.matrix.indices[start:end].tolist(), self.matrix.data[start:end].tolist(), strict=True)
        )
        self._rows[i] = row
        return row


def _presence(sets: Sequence[frozenset[int] | frozenset[str]]) -> sparse.csr_matrix:
    """A row per set, a 1 in the column of each of its members."""
    columns: dict[object, int] = {}
    rows = [row for row, members in enumerate(sets) for _ in members]
    cols = [columns.setdefault(m, len(columns)) for members in sets for m in members]
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(columns))))


def _shared(
    presence: sparse.csr_matrix, a: NDArray[np.integer[Any]], b: NDArray[np.integer[Any]]
) -> NDArray[np.float64]:
    """How many members rows `a` and `b` of `presence` share, pair by pair."""
    if not len(a):
        return np.zeros(0)
    return np.concatenate(
        [
            np.asarray(
                presence[a[k : k + PAIR_CHUNK]].multiply(presence[b[k : k + PAIR_CHUNK]]).sum(axis=1)
            ).ravel()
            for k in range(0, len(a), PAIR_CHUNK)
        ]
    )


COMMON_FLOOR = 400  # in a big story, a word in more sentences than this...
COMMON_SHARE = 0.01  # ...and this share of them pairs no sentences (`pair_products`)
FAINT = 0.1  # in a big story, pairs less similar are not kept


def common_cap(rows: int) -> float:
    """The sentences a word may be in and still pair them, in a big story of `rows` sentences."""
    return max(COMMON_FLOOR, COMMON_SHARE * rows)


PAIR_CHUNK = 500_000  # pairs whose common-word products are summed at once (bounds memory)
ROW_CHUNK = 2000  # rows multiplied at once


def pair_products(
    matrix: sparse.csr_matrix, floor: float = 0.0, cap: float | None = None
) -> sparse.csr_matrix:
    """Row i . row j for the row pairs sharing a column that is not common (the diagonal too), as a
    symmetric sparse matrix; products under `floor` are left out.

    A column (a word) in more than `cap` rows (`common_cap`) finds no pairs (an inverted index with
    a document-frequency cap), so the work grows with the pairs that share informative words; the
    products of the pairs found count every column, common ones too. Without a cap: every pair with
    a shared column, exactly. Rows are taken `ROW_CHUNK` at a time, so that memory holds the
    products kept, not all of them at once.
    """
    n = matrix.shape[0]
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = frequency > (cap if cap is not None else n)
    rare = matrix[:, np.flatnonzero(~common)].tocsr()
    shared = matrix[:, np.flatnonzero(common)].tocsr()
    backwards = rare.T.tocsr()
    data: list[NDArray[np.float64]] = []
    indices: list[NDArray[np.int32]] = []
    lengths: list[NDArray[np.int64]] = []
    for start in range(0, n, ROW_CHUNK):
        block = (rare[start : start + ROW_CHUNK] @ backwards).tocsr()
        block.sort_indices()
        if common.any():
            rows = start + _row_of(block)
            for k in range(0, len(rows), PAIR_CHUNK):
                a, b = rows[k : k + PAIR_CHUNK], block.indices[k : k + PAIR_CHUNK]
                block.data[k : k + PAIR_CHUNK] += np.asarray(
                    shared[a].multiply(shared[b]).sum(axis=1)
                ).ravel()
        if floor > 0:
            block.data[block.data < floor] = 0.0
            block.eliminate_zeros()
        data.append(block.data)
        indices.append(block.indices.astype(np.int32))
        lengths.append(np.diff(block.indptr))
    if not data:
        return sparse.csr_matrix((n, n))
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(lengths))])
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr), shape=(n, n))


def centroid_similarity(units: Sequence[SentenceUnit], texts: Sequence[Sequence[str]]) -> NDArray[np.float64]:
    """Cosine of each unit with the centroid of the story; `texts` are extra term lists (titles)."""
    vectors = _tfidf([u.terms for u in units] + [list(t) for t in texts])
    centroid = np.asarray(vectors[: len(units)].sum(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0:
        return np.zeros(len(units) + len(texts))
    result: NDArray[np.float64] = vectors @ (centroid / norm)
    return result


def _tfidf(term_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Rows of (1 + log tf) * smoothed idf, each of unit length (an empty row stays zero)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, terms in enumerate(term_lists):
        for term in terms:
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(term_lists), max(1, len(vocabulary)))
    )
    counts.sum_duplicates()
    counts.sort_indices()
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + len(term_lists)) / (1 + document_frequency)) + 1.0
    counts.data = (1.0 + np.log(np.maximum(counts.data, 1.0))) * idf[counts.indices]
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    counts.data = counts.data / np.where(norms == 0, 1.0, norms)[row_of]
    return counts


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
