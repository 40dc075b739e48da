"""Figures about people affected, read from the dependency parse: "353 police … were injured, and
twelve were murdered" is two claims about the same victims.

For every number in a sentence (digits, words, "dozens", "a hundred", "au moins 14") the parse
gives the noun it counts (the victims, or a measure noun such as "deaths", "blessés"), and the verb,
adjective or noun that says what happened to them (killed, injured, hospitalized, arrested, …).
A number with no such measure is not a figure about people affected and is left out. Victims left
unsaid ("and twelve were murdered", "353 others wounded") are those of the coordinated clause.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsfuse.analyze import zero_figures
from newsfuse.analyze.attribution import (
    attribution_head,
    source_of_previous,
    source_phrase,
    speaker_in,
)
from newsfuse.analyze.attribution_frames import antecedent
from newsfuse.analyze.casualty_words import (
    _GENERIC,
    _NOUN_MEASURES,
    _OBJECTS,
    _PERSON_NOUNS,
    _QUALIFIER_WORDS,
    _SKIP_ENTS,
    _SUBJECTS,
    _TOLL,
    _VERB_MEASURES,
    Measure,
    VictimClass,
    victim_class,
)
from newsfuse.analyze.figure_context import enumerated, figures_in_title, named_generics, quoted_speakers
from newsfuse.analyze.figure_frames import (
    condition_of,
    footage_source,
    frame_measure,
    is_back_subset,
    is_combined,
    is_hedged,
    is_subset,
    is_superseded,
    of_group,
    place_near,
    run_into_speaker,
    toll_with,
)
from newsfuse.analyze.figure_frames import (
    in_group as _in_group,
)
from newsfuse.analyze.figure_lines import sentence_parses
from newsfuse.analyze.figure_measures import _counted, _measure, _of_object
from newsfuse.analyze.number_runs import (
    is_month,
    is_number,
    number_runs,
    phrase_start,
    root_of,
    skipped_entity,
)
from newsfuse.analyze.numbers import Count, parse_count
from newsfuse.analyze.parse import doc_text
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
    if _in_group(noun):
        return True
    # the clause says what happened to them, not a relative clause ("a worker who died … was listed")
    return noun.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj") and not any(
        c.dep_ in ("relcl", "acl:relcl") for c in noun.children
    )


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
        # the affected of an active verb are its object: "the attack killed four civilians and
        # wounded three others" (the attack is the attacker, §A10); of a passive one, its subject
        measured = clause.lemma_.lower() in _VERB_MEASURES
        objects = [c for c in clause.children if c.dep_ in _OBJECTS] if measured else []
        affected = objects or [c for c in clause.children if c.dep_ in _SUBJECTS]
        for child in affected:
            if child.pos_ in ("NOUN", "PROPN", "NUM"):
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
        or phrase[0].lower_ in ("and", "et", "-", "of", "de", "them", "those")
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


def extract_figures(analyzed: AnalyzedArticle) -> list[FigureClaim]:
    """Every count of people affected in one article, in text order."""
    from newsfuse.analyze import lemma_figures

    if lemma_figures.is_pattern_language(analyzed.article.language):  # no parser: patterns over lemmas
        return lemma_figures.extract(analyzed)
    doc = analyzed.doc
    if doc is None or not doc.has_annotation("DEP"):
        return []
    language = analyzed.article.language
    found: list[FigureClaim] = []
    last_speaker: str | None = None  # "It said …", "he added …" refer to the latest named source
    previous: list[int] = []  # indexes in `found` of the last sentence's claims
    sentences = list(analyzed.sentences)
    if (
        len(sentences) > 1
        and "\n" not in doc_text(doc)[sentences[0][0] : sentences[1][0]]
        and not doc_text(doc)[sentences[0][0] : sentences[0][1]].rstrip().endswith((".", "!", "?"))
    ):
        sentences[:2] = [(sentences[0][0], sentences[1][1])]  # a headline with no full stop: one top line
    top = {start for start, _ in sentences[:1]}  # a headline runs into the lead there (§A2)
    for start, end in sentences:
        claims_before = len(found)
        for span, offset, tag in sentence_parses(doc, start, end, language, top=start in top):
            runs = _number_runs(span)
            claims = [_claim(r, span, (start, end), offset, language, last_speaker) for r in runs]
            here = [_tagged(c, tag) for c in claims if c is not None]
            here = enumerated(
                span, runs, here, functools.partial(_count_of, span=span, language=language), offset
            )
            found.extend(sorted(here, key=lambda c: c.number))
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
    found = named_generics(quoted_speakers(found, doc, sentences), doc)
    return zero_figures.complete_figures(analyzed, found)  # explicit zeros (C8), classes in context


def _confirmed_by(counted: Token) -> Token | None:
    """The agent of a saying participle on the counted noun: "the 14 deaths confirmed by the fire
    service", "the toll given by the ministry" (the figure is theirs)."""
    for verb in counted.children:
        if verb.dep_ not in ("acl", "relcl") or verb.lemma_.lower() not in _CONFIRMING:
            continue
        for agent in verb.children:
            if agent.dep_ == "agent":
                return next((o for o in agent.children if o.dep_ == "pobj"), None)
    return None


_CONFIRMING = frozenset(
    {"confirm", "give", "report", "announce", "publish", "release", "record", "count", "register", "cite"}
)


def _tagged(claim: FigureClaim, tag: str | None) -> FigureClaim:
    """A headline figure in no other voice takes the headline's source tag, not as its victims."""
    if tag is None or claim.attributed_to is not None:
        return claim
    victims = claim.victims.split(f" {tag}")[0] if f" {tag}" in claim.victims else claim.victims
    return replace(claim, attributed_to=tag, victims=victims, victim_class=victim_class(victims))


def _count_of(run: list[Token], span: Span, language: str) -> tuple[Count, int, int] | None:
    """The count a number run states, with the [start, end) characters of its phrase in `span`'s doc."""
    doc = span.doc
    first = _phrase_start(run, span)
    start, end = doc[first].idx, run[-1].idx + len(run[-1].text)
    count = parse_count(doc_text(doc)[start:end], language)
    return (count, start, end) if count is not None else None


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
    phrase = doc_text(doc)[doc[first].idx : run[-1].idx + len(run[-1].text)]
    count = parse_count(phrase, language)
    if count is None:
        return None
    root = _root_of(run)
    if skipped_entity(root) or (root.i + 1 < len(doc) and doc[root.i + 1].lower_ in ("%", "percent", "per")):
        return None
    counted, victims_noun = _counted(root)
    ran_on = run_into_speaker(root, counted)  # "killing six people officials said"
    if ran_on is not None:
        counted = victims_noun = ran_on
    toll = toll_with(root, span)  # "the previous death toll was 25 with 40 others injured"
    if toll is not None:
        counted, victims_noun = root, None
    measured = toll or _measure(counted, root) or frame_measure(counted, root, span)
    if measured is None:
        return None
    measure, anchor = measured
    if any(c.dep_ == "neg" for c in anchor.children) and anchor.i != root.i:
        return None  # "two men … were not injured": no figure (an explicit zero is zero_figures')
    group = of_group(root) if measure in ("intensive_care", "hospitalized") else None
    condition = condition_of(anchor) if group is not None and group[0] == "injured" else None
    if condition is not None:  # "four of the wounded were in critical condition" (C4): injured, a part
        measure = "injured"
    if is_combined(anchor, measure):
        measure = "other"  # "48 killed and injured": no single measure (§A7 combined counts)
    skip = {t.i for t in run} | set(range(first, run[0].i))
    if (
        counted.dep_ == "appos" and counted.pos_ == "NUM" and counted.head.pos_ in ("NOUN", "PROPN")
    ):  # "86 people…, eleven of them"
        victims_noun = counted.head
    if victims_noun is None or victims_noun.lemma_.lower() in _NOUN_MEASURES:
        elided = _elided_victims(anchor) if victims_noun is None else None
        victims_noun = elided if elided is not None else _of_object(counted)
    if is_back_subset(root):  # "six of them children", "four of the dead were women"
        victims_noun = next(
            (t for t in (root.head, *root.head.children) if t.dep_ in ("attr", "npadvmod")), victims_noun
        )
    if victims_noun is not None and (
        victims_noun.ent_type_ in _SKIP_ENTS
        or _is_month(doc, victims_noun.i)
        or victims_noun.lemma_.lower() in _TOLL
    ):
        victims_noun = None  # "Tue Oct 3 2017 At least 45 killed": a dateline, not the victims
    if victims_noun is not None and victims_noun.lemma_.lower() not in _NOUN_MEASURES:
        victims = _victims_text(victims_noun, skip)
    else:
        victims = "people"
    total = counted.dep_ == "pobj" and counted.head.lower_ in ("among", "amongst")  # "among the 20 killed"
    # "the two soldiers" are part of a toll; "the 14 deaths (confirmed by X)" is a toll itself
    definite = counted.lemma_.lower() not in _NOUN_MEASURES and any(
        t.lower_ in ("the", "these", "those", "les", "ces") and t.i < run[0].i for t in counted.children
    )
    partial = not total and (
        definite
        or any(  # "two soldiers among the dead"; "27 people among them four children" is the total
            t.lower_ in ("among", "parmi") and not any(o.pos_ == "PRON" for o in t.children)
            for t in counted.children
        )
        or _in_group(counted)
        or is_subset(counted, root)
    )
    exclude = {t.i for t in victims_noun.subtree} if victims_noun is not None else set()
    source = attribution_head(anchor, span, pronouns=True) or _confirmed_by(counted)
    if source is not None:
        exclude |= {t.i for t in source.subtree}
    if source is not None and source.pos_ == "PRON":
        named = antecedent(source)  # "X blames Y for the attack which it says killed N"
        # "It said three children were among the dead": the latest named source
        attributed_to = source_phrase(named) if named is not None else last_speaker
    else:
        attributed_to = source_phrase(source) if source is not None else None
    footage = footage_source(root) if attributed_to is None else None
    if condition is not None and group is not None:
        victims = f"{group[1].text} {condition}"  # the condition kept in the victims (C4)
    if attributed_to and victims.endswith(" " + attributed_to):  # "two women SANA news agency reported"
        victims = victims[: -len(attributed_to) - 1]
    return FigureClaim(
        measure=measure,
        victims=victims,
        victim_class=victim_class(victims),
        count=count,
        place=place_near(anchor, span, exclude),
        attributed_to=attributed_to or footage,
        sentence=sentence,
        number=(doc[first].idx + offset, run[-1].idx + len(run[-1].text) + offset),
        partial=partial,
        hedged=attributed_to is None and footage is None and is_hedged(anchor, root),
        superseded=is_superseded(anchor, root),
    )
