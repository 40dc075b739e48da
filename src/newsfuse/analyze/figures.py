"""Figures about people affected, read from the dependency parse: "353 police … were injured, and
twelve were murdered" is two claims about the same victims.

For every number in a sentence (digits, words, "dozens", "a hundred", "au moins 14") the parse
gives the noun it counts (the victims, or a measure noun such as "deaths", "blessés"), and the verb,
adjective or noun that says what happened to them (killed, injured, hospitalized, arrested, …).
A number with no such measure is not a figure about people affected and is left out. Victims left
unsaid ("and twelve were murdered", "353 others wounded") are those of the coordinated clause.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsfuse.analyze import zero_figures
from newsfuse.analyze.attribution import attribution_head, source_of_previous, source_phrase, speaker_in
from newsfuse.analyze.casualty_words import (
    _GENERIC,
    _INCLUSION,
    _NOUN_MEASURES,
    _PERSON_NOUNS,
    _PLACE_OF,
    _PLACE_PREPS,
    _QUALIFIER_WORDS,
    _SKIP_ENTS,
    _SUBJECTS,
    Measure,
    VictimClass,
    victim_class,
)
from newsfuse.analyze.figure_measures import _counted, _measure, _of_object
from newsfuse.analyze.headline_case import headline_clauses, is_headline_case, parse_form
from newsfuse.analyze.number_runs import (
    is_month,
    is_number,
    number_runs,
    phrase_start,
    root_of,
    skipped_entity,
)
from newsfuse.analyze.numbers import Count, parse_count
from newsfuse.models import AnalyzedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["FigureClaim", "Measure", "VictimClass", "extract_figures", "figures_in_title", "victim_class"]


@dataclass(frozen=True)
class FigureClaim:
    """One count of people affected, as one sentence of one article states it."""

    measure: Measure
    victims: str
    victim_class: VictimClass
    count: Count
    place: str | None
    attributed_to: str | None
    sentence: tuple[int, int]  # [start, end) of the sentence in the article text
    number: tuple[int, int]  # [start, end) of the number phrase
    partial: bool  # "the two soldiers", "among the dead": part of a toll, not a total
    hedged: bool = False  # "reportedly", "were reported killed" in the outlet's own voice (C12)
    superseded: bool = False  # "updating an earlier toll of N", "the previous toll was N" (C5)


def _is_number(token: Token) -> bool:
    """A number token: digits, a number word, a vague word (the rules live in number_runs)."""
    return is_number(token)


def _is_month(doc: Doc, i: int) -> bool:
    """The token at `i` is a capitalised month name (a dateline, not a count)."""
    return is_month(doc, i)


def _in_group(noun: Token) -> bool:
    """The noun names part of a counted group: "including four children", "among them a woman"."""
    root = noun
    while root.dep_ == "conj" and root.head.pos_ in ("NOUN", "PROPN", "NUM"):
        root = root.head
    doc = noun.doc
    before = {t.lower_ for t in doc[max(root.left_edge.i - 3, 0) : root.left_edge.i]}
    after = {t.lower_ for t in doc[noun.i + 1 : noun.i + 2]}
    return bool((before | after) & _INCLUSION)


def _single_in_group(token: Token) -> bool:
    """One person: "a woman" in "killing three persons, among them a woman" / "including a child",
    or "a man" the subject or object of a clause ("a man was shot and killed", "killed a teenager").

    Whether something happened to them is decided as for any count: "a woman said" has no measure.
    """
    if token.lower_ not in ("a", "an", "une", "un") or token.dep_ != "det":
        return False
    noun = token.head
    if noun.pos_ != "NOUN" or noun.i < token.i or noun.lemma_.lower() not in _PERSON_NOUNS:
        return False
    return _in_group(noun) or noun.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj")


def _number_runs(span: Span) -> list[list[Token]]:
    """The number phrases of a sentence that may count people ("tens of thousands", "12 to 15")."""
    return number_runs(span, _single_in_group)


def _phrase_start(run: list[Token], span: Span) -> int:
    """Index of the first token of the number phrase: its qualifier ("at least", "more than")."""
    return phrase_start(run, span)


def _root_of(run: list[Token]) -> Token:
    """The token of the run that the rest of the sentence hangs on."""
    return root_of(run)


def _elided_victims(verb: Token) -> Token | None:
    """The victims of a coordinated clause: "353 police … were injured, and twelve were murdered"."""
    other = verb.head if verb.dep_ == "conj" else None
    candidates = [other] if other is not None else []
    candidates += [c for c in verb.children if c.dep_ == "conj"]
    for clause in candidates:
        for child in clause.children:
            if child.dep_ in _SUBJECTS and child.pos_ in ("NOUN", "PROPN", "NUM"):
                noun = child
                if noun.lower_ in _GENERIC or noun.pos_ == "NUM":
                    inner = _of_object(noun)
                    if inner is None:
                        continue
                    return inner
                return noun
    return None


def _victims_text(noun: Token, skip: set[int]) -> str:
    """The victims phrase as written, without the number, its qualifier or the articles."""
    words = [
        t
        for t in noun.subtree
        if t.i not in skip and t.i <= noun.i and t.dep_ not in ("det", "punct", "quantmod", "predet")
    ]
    words = [t for t in words if t.i >= min((w.i for w in words), default=noun.i)]
    # keep the contiguous part ending at the noun
    phrase: list[Token] = []
    for t in reversed(words):
        if phrase and t.i != phrase[-1].i - 1:
            break
        phrase.append(t)
    phrase.reverse()
    while phrase and (
        _is_number(phrase[0])
        or phrase[0].lower_ in ("and", "et", "-", "of", "de")
        or phrase[0].is_punct
        or phrase[0].lower_ in _QUALIFIER_WORDS
    ):
        phrase.pop(0)
    # "members of the security forces": the "of" phrase names them
    text = " ".join(t.text for t in phrase) if phrase else noun.text
    of_object = _of_object(noun)
    if of_object is not None and noun.lemma_.lower() in _GENERIC | {"member", "membre"}:
        inner = [t for t in of_object.subtree if t.dep_ not in ("punct",) and t.i >= of_object.left_edge.i]
        text += " " + noun.doc[noun.i + 1 : inner[-1].i + 1].text if inner else ""
    return text.strip("“”\"'« »\u00a0 ")  # noqa: B005 - a set of quote marks, not a suffix


def _place(anchor: Token, sentence: Span, exclude: set[int]) -> str | None:
    """A place named in "in X" beside the figure: first in the figure's clause, then in the sentence."""

    def places(tokens: list[Token]) -> str | None:
        for ent in sentence.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC", "LIEU") and ent.label_ != "LOC":
                continue
            root = ent.root
            if root.i in exclude or root.i not in {t.i for t in tokens}:
                continue
            head = root.head
            if root.dep_ in ("pobj", "obl", "nmod") and (
                head.lower_ in _PLACE_PREPS or any(c.lower_ in _PLACE_PREPS for c in root.children)
            ):
                return ent.text
            if head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPS and root.dep_ in ("compound", "poss"):
                return ent.text
            if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_OF:
                return ent.text
        return None

    clause = anchor
    while clause.dep_ in ("conj", "acl", "relcl", "xcomp") and clause.head is not clause:
        clause = clause.head
    return places(list(clause.subtree)) or places(list(sentence))


def _sentence_span(doc: Doc, start: int, end: int, language: str) -> tuple[Span, int] | None:
    """The sentence as a parsed span, and the offset from span characters to article characters.

    When the article's parse runs the sentence into its neighbour (a headline without a full stop
    parsed as the subject of the next sentence), the sentence is parsed again on its own.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if all(span.start <= t.head.i < span.end for t in span):
        return span, 0
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    alone = load_pipeline(language, FULL)(doc.text[start:end])
    return alone[:], start


def extract_figures(analyzed: AnalyzedArticle) -> list[FigureClaim]:
    """Every count of people affected in one article, in text order."""
    doc = analyzed.doc
    if doc is None or not doc.has_annotation("DEP"):
        return []
    language = analyzed.article.language
    found: list[FigureClaim] = []
    last_speaker: str | None = None  # "It said …", "he added …" refer to the latest named source
    previous: list[int] = []  # indexes in `found` of the last sentence's claims
    for start, end in analyzed.sentences:
        claims_before = len(found)
        for span, offset in _sentence_parses(doc, start, end, language):
            runs = (_claim(r, span, (start, end), offset, language, last_speaker) for r in _number_runs(span))
            found.extend(claim for claim in runs if claim is not None)
            named = speaker_in(span)
            last_speaker = source_phrase(named) if named is not None else last_speaker
            # "The toll rose to 40. The figure was given by the ministry."
            given = source_of_previous(span) if len(found) == claims_before else None
            if given is not None:
                who = source_phrase(given)
                found = [
                    replace(f, attributed_to=f.attributed_to or who) if n in previous else f
                    for n, f in enumerate(found)
                ]
        previous = list(range(claims_before, len(found)))
    found = zero_figures.complete_figures(analyzed, found)  # explicit zeros (C8), classes in context
    return found


def _sentence_parses(doc: Doc, start: int, end: int, language: str) -> list[tuple[Span, int]]:
    """The sentence parsed, or its clauses parsed one by one when it is a headline-style line."""
    text = doc.text[start:end]
    if language != "en" or not is_headline_case(text):
        parsed = _sentence_span(doc, start, end, language)
        return [parsed] if parsed is not None else []
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    nlp = load_pipeline(language, FULL)
    return [(nlp(parse_form(text[a:b]))[:], start + a) for a, b in headline_clauses(text)]


def _claim(
    run: list[Token],
    span: Span,
    sentence: tuple[int, int],
    offset: int,
    language: str,
    last_speaker: str | None = None,
) -> FigureClaim | None:
    doc = span.doc
    first = _phrase_start(run, span)
    phrase = doc.text[doc[first].idx : run[-1].idx + len(run[-1].text)]
    count = parse_count(phrase, language)
    if count is None:
        return None
    root = _root_of(run)
    if skipped_entity(root) or (root.i + 1 < len(doc) and doc[root.i + 1].lower_ in ("%", "percent", "per")):
        return None
    counted, victims_noun = _counted(root)
    measured = _measure(counted, root)
    if measured is None:
        return None
    measure, anchor = measured
    skip = {t.i for t in run} | set(range(first, run[0].i))
    if counted.dep_ == "appos" and counted.head.pos_ in ("NOUN", "PROPN") and counted.pos_ == "NUM":
        victims_noun = counted.head  # "86 people…, eleven of them"
    if victims_noun is None or victims_noun.lemma_.lower() in _NOUN_MEASURES:
        elided = _elided_victims(anchor) if victims_noun is None else None
        victims_noun = elided if elided is not None else _of_object(counted)
    if victims_noun is not None and (victims_noun.ent_type_ in _SKIP_ENTS or _is_month(doc, victims_noun.i)):
        victims_noun = None  # "Tue Oct 3 2017 At least 45 killed": a dateline, not the victims
    if victims_noun is not None and victims_noun.lemma_.lower() not in _NOUN_MEASURES:
        victims = _victims_text(victims_noun, skip)
    else:
        victims = "people"
    partial = (
        any(t.lower_ in ("the", "these", "those", "les", "ces") and t.i < run[0].i for t in counted.children)
        or any(t.lower_ in ("among", "parmi") for t in counted.children)
        or _in_group(counted)
    )
    exclude = {t.i for t in victims_noun.subtree} if victims_noun is not None else set()
    source = attribution_head(anchor, span, pronouns=True)
    if source is not None:
        exclude |= {t.i for t in source.subtree}
    if source is not None and source.pos_ == "PRON":
        attributed_to = last_speaker  # "It said three children were among the dead"
    else:
        attributed_to = source_phrase(source) if source is not None else None
    return FigureClaim(
        measure=measure,
        victims=victims,
        victim_class=victim_class(victims),
        count=count,
        place=_place(anchor, span, exclude),
        attributed_to=attributed_to,
        sentence=sentence,
        number=(doc[first].idx + offset, run[-1].idx + len(run[-1].text) + offset),
        partial=partial,
    )


def figures_in_title(analyzed: AnalyzedArticle, body: list[FigureClaim]) -> list[FigureClaim]:
    """Figures a headline states that the article's text does not (headlines are claims too).

    A headline is kept apart from the cleaned text, so its figures carry the headline itself as
    their quote; `sentence` and `number` are offsets into the headline.
    """
    title = analyzed.article.title
    language = analyzed.article.language
    if (
        not title
        or title in analyzed.article.text
        or analyzed.doc is None
        or not analyzed.doc.has_annotation("DEP")
    ):
        return []
    from newsfuse.analyze.nlp import load_pipeline
    from newsfuse.analyze.parse import FULL

    doc = load_pipeline(language, FULL)(title)
    stated = {(f.measure, f.victim_class, f.count.lo, f.count.hi) for f in body}
    found: list[FigureClaim] = []
    for sentence in doc.sents:
        for run in _number_runs(sentence):
            claim = _claim(run, sentence, (0, len(title)), 0, language)
            if (
                claim is not None
                and (claim.measure, claim.victim_class, claim.count.lo, claim.count.hi) not in stated
            ):
                found.append(claim)
    return found
